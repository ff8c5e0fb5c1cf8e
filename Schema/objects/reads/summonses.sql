-- The read contract of summonses and disclosure requests: what `summons list|show` and `disclosure list|show` return is
-- defined here, once, by set-returning functions whose columns are the JSON members
-- (names and types); the service maps them with one generic mapper
-- (Sources/Inquest/Core/Record.swift) and the CLI prints their sections generically.
-- They are plain SQL, SECURITY INVOKER, STABLE and without SET clauses, so PostgreSQL
-- inlines them into the caller's query: row-level security applies to the caller exactly
-- as when reading the tables. Display names come only through inquest.person_display.
--
-- An object file: re-applied by every `inquest migrate`; edit the definition here (see
-- Schema/README.md).

-- `summons list`: summonses, optionally of one case, to one person, in one state.
create or replace function inquest.summons_list(p_case text, p_person text, p_status text)
returns table (key text, "case" text, person text, name text, status text, issued_on date, served_on date,
               appear_by date, immunity text)
language sql stable
as $$
  select s.key, c.reference, d.key, d.display_name, s.status, s.issued_on, s.served_on, s.appear_by, s.immunity
    from inquest.summons s
    join inquest."case" c on c.id = s.case_id
    join inquest.person_display d on d.id = s.person_id
   where (p_case is null or s.case_id = (select inquest.case_id_of(p_case)))
     and (p_person is null or d.key = p_person) and (p_status is null or s.status = p_status)
   order by s.id
$$;
revoke all on function inquest.summons_list(text, text, text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.summons_list(text, text, text) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- `summons show`, the summons.
create or replace function inquest.summons_record(p_summons text)
returns table (key text, "case" text, person text, name text, status text, issued_on date, served_on date,
               appear_by date, service_method text, legal_basis text, immunity text, immunity_note text, purpose text,
               notes text, created_at timestamptz, updated_at timestamptz)
language sql stable
as $$
  select s.key, c.reference, d.key, d.display_name, s.status, s.issued_on, s.served_on, s.appear_by, s.service_method,
         s.legal_basis, s.immunity, s.immunity_note, s.purpose, s.notes, s.created_at, s.updated_at
    from inquest.summons s
    join inquest."case" c on c.id = s.case_id
    join inquest.person_display d on d.id = s.person_id
   where s.key = p_summons
$$;
revoke all on function inquest.summons_record(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.summons_record(text) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- `summons show`, section disclosures: the questions put with the summons.
create or replace function inquest.summons_disclosures(p_summons text)
returns table (key text, topic text, question text, due_on date, status text, overdue boolean)
language sql stable
as $$
  select r.key, r.topic, r.question, r.due_on, r.status, r.overdue
    from inquest.disclosure_request_status r join inquest.summons s on s.id = r.summons_id
   where s.key = p_summons order by r.id
$$;
revoke all on function inquest.summons_disclosures(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.summons_disclosures(text) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- `disclosure list`: overdue first, then by due date.
create or replace function inquest.disclosure_list(p_case text, p_person text, p_status text, p_overdue_only boolean)
returns table (key text, "case" text, person text, name text, topic text, requested_on date, due_on date, status text,
               overdue boolean, days_overdue integer, response_count bigint)
language sql stable
as $$
  select r.key, c.reference, d.key, d.display_name, r.topic, r.requested_on, r.due_on, r.status, r.overdue,
         r.days_overdue, r.response_count
    from inquest.disclosure_request_status r
    join inquest."case" c on c.id = r.case_id
    join inquest.person_display d on d.id = r.person_id
   where (p_case is null or r.case_id = (select inquest.case_id_of(p_case))) and (p_person is null or d.key = p_person)
     and (p_status is null or r.status = p_status) and (not p_overdue_only or r.overdue)
   order by r.overdue desc, r.due_on nulls last, r.id
$$;
revoke all on function inquest.disclosure_list(text, text, text, boolean) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.disclosure_list(text, text, text, boolean) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- `disclosure show`, the request.
create or replace function inquest.disclosure_record(p_request text)
returns table (key text, "case" text, person text, name text, summons text, topic text, question text,
               requested_on date, due_on date, status text, overdue boolean, days_overdue integer)
language sql stable
as $$
  select r.key, c.reference, d.key, d.display_name, s.key, r.topic, r.question, r.requested_on, r.due_on, r.status,
         r.overdue, r.days_overdue
    from inquest.disclosure_request_status r
    join inquest."case" c on c.id = r.case_id
    join inquest.person_display d on d.id = r.person_id
    left join inquest.summons s on s.id = r.summons_id
   where r.key = p_request
$$;
revoke all on function inquest.disclosure_record(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.disclosure_record(text) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- `disclosure show`, section responses, in the order received.
create or replace function inquest.disclosure_responses(p_request text)
returns table (key text, received_on date, received_via text, response_text text, testimony text, evidence text)
language sql stable
as $$
  select x.key, x.received_on, x.received_via, x.response_text, t.key, e.key
    from inquest.disclosure_response x
    join inquest.disclosure_request r on r.id = x.request_id
    left join inquest.testimony_session t on t.id = x.testimony_session_id
    left join inquest.evidence e on e.id = x.evidence_id
   where r.key = p_request order by x.received_on, x.id
$$;
revoke all on function inquest.disclosure_responses(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.disclosure_responses(text) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
