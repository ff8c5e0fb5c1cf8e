-- The read contract of statements (`statement list|show`): set-returning functions whose columns are the JSON
-- members (names and types) of the list and show commands; the service maps them with the
-- generic mapper (Sources/Inquest/Core/Record.swift) and the CLI prints their sections
-- generically. Plain SQL, SECURITY INVOKER, STABLE, without SET clauses: PostgreSQL inlines
-- them, and row-level security applies to the caller as when reading the tables. Display
-- names come only through inquest.person_display, the case only through inquest.case_id_of.
--
-- An object file: re-applied by every `inquest migrate`; edit the definition here (see
-- Schema/README.md and reads/people.sql).

-- `statement list`: statements by date (undated last), optionally of one case, person or
-- classification.
create or replace function inquest.statement_list(p_case text, p_person text, p_classification text)
returns table (key text, "case" text, person text, name text, "date" text, medium text, classification text[], words text)
language sql stable
as $$

  select s.key, c.reference, p.key, p.display_name, s."date", s.medium, s.classification, coalesce(s.quotation, s.summary)
    from inquest.statement s
    join inquest."case" c on c.id = s.case_id
    join inquest.person_display p on p.id = s.person_id
   where (p_case is null or c.id = (select inquest.case_id_of(p_case)))
     and (p_person is null or p.key = p_person)
     and (p_classification is null or p_classification = any (s.classification))
   order by s.date_from nulls last, s.date_to nulls last, s.id
$$;
revoke all on function inquest.statement_list(text, text, text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.statement_list(text, text, text) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- `statement show`, the statement with the post held and the event it was made at.
create or replace function inquest.statement_record(p_statement text)
returns table (key text, "case" text, person text, name text, "position" text, position_held text, event text, event_title text, "date" text, date_from date, date_to date, date_precision text, venue text, medium text, audience text, quotation text, wording text, language text, translation text, summary text, classification text[], notes text, created_at timestamptz, updated_at timestamptz)
language sql stable
as $$

  select s.key, c.reference, p.key, p.display_name, po.key, concat_ws(', ', po.title, po.body, po.place), ev.key,
         ev.title, s."date", s.date_from, s.date_to, s.date_precision, s.venue, s.medium,
         s.audience, s.quotation, s.wording, s.language, s.translation, s.summary, s.classification, s.notes,
         s.created_at, s.updated_at
    from inquest.statement s
    join inquest."case" c on c.id = s.case_id
    join inquest.person_display p on p.id = s.person_id
    left join inquest.position po on po.id = s.position_id
    left join inquest.event ev on ev.id = s.event_id
   where s.key = p_statement
$$;
revoke all on function inquest.statement_record(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.statement_record(text) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
