-- The read contract of correspondence (`correspondence list`): set-returning functions whose columns are the JSON
-- members (names and types) of the list and show commands; the service maps them with the
-- generic mapper (Sources/Inquest/Core/Record.swift) and the CLI prints their sections
-- generically. Plain SQL, SECURITY INVOKER, STABLE, without SET clauses: PostgreSQL inlines
-- them, and row-level security applies to the caller as when reading the tables. Display
-- names come only through inquest.person_display, the case only through inquest.case_id_of.
--
-- An object file: re-applied by every `inquest migrate`; edit the definition here (see
-- Schema/README.md and reads/people.sql).

-- `correspondence list`: letters by date, optionally of one case, concerning one person, or
-- in one direction.
create or replace function inquest.correspondence_list(p_case text, p_person text, p_direction text)
returns table (key text, "case" text, dated date, direction text, counterpart text, subject text, person text, reference text, evidence text)
language sql stable
as $$

  select co.key, c.reference, co.dated, co.direction, co.counterpart, co.subject, p.key, co.reference, e.key
    from inquest.correspondence co
    join inquest."case" c on c.id = co.case_id
    left join inquest.person p on p.case_id = co.case_id and p.id = co.person_id
    left join inquest.evidence e on e.case_id = co.case_id and e.id = co.evidence_id
   where (p_case is null or c.id = (select inquest.case_id_of(p_case)))
     and (p_person is null or p.key = p_person) and (p_direction is null or co.direction = p_direction)
   order by co.dated, co.id
$$;
revoke all on function inquest.correspondence_list(text, text, text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.correspondence_list(text, text, text) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
