-- The read contract of cases (`case list|show|summary`): set-returning functions whose columns are the JSON
-- members (names and types) of the list and show commands; the service maps them with the
-- generic mapper (Sources/Inquest/Core/Record.swift) and the CLI prints their sections
-- generically. Plain SQL, SECURITY INVOKER, STABLE, without SET clauses: PostgreSQL inlines
-- them, and row-level security applies to the caller as when reading the tables. Display
-- names come only through inquest.person_display, the case only through inquest.case_id_of.
--
-- An object file: re-applied by every `inquest migrate`; edit the definition here (see
-- Schema/README.md and reads/people.sql).

-- `case list`: cases by reference, optionally of one status.
create or replace function inquest.case_list(p_status text)
returns table (key text, reference text, title text, status text, created_at timestamptz, closed_at timestamptz)
language sql stable
as $$

  select c.key, c.reference, c.title, c.status, c.created_at, c.closed_at
    from inquest."case" c
   where p_status is null or c.status = p_status
   order by c.reference
$$;
revoke all on function inquest.case_list(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.case_list(text) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- `case show`: the case (by key or reference) and who is assigned to it.
create or replace function inquest.case_record(p_case text)
returns table (id bigint, key text, reference text, title text, description text, status text, created_at timestamptz, closed_at timestamptz, read_audit boolean, assigned text[])
language sql stable
as $$

  select c.id, c.key, c.reference, c.title, c.description, c.status, c.created_at, c.closed_at, c.read_audit,
         (select coalesce(array_agg(a.username::text order by a.username), '{}')
            from inquest.case_assignment a where a.case_id = c.id)
    from inquest."case" c
   where c.id = (select inquest.case_id_of(p_case))
$$;
revoke all on function inquest.case_record(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.case_record(text) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- `case summary`, section counts: people, summonses, disclosure requests (overdue apart),
-- testimony sessions and segments, events and statements, by state.
create or replace function inquest.case_counts(p_case text)
returns table (what text, state text, count bigint)
language sql stable
as $$

  with c as (select inquest.case_id_of(p_case) as id)
  select 'people', 'all', count(*) from inquest.person where case_id = (select id from c)
  union all
  select 'summonses', status, count(*) from inquest.summons where case_id = (select id from c) group by status
  union all
  select 'disclosure requests', case when overdue then 'overdue' else status end, count(*)
    from inquest.disclosure_request_status where case_id = (select id from c)
   group by case when overdue then 'overdue' else status end
  union all
  select 'testimony sessions', status, count(*) from inquest.testimony_session where case_id = (select id from c) group by status
  union all
  select 'transcript segments', 'all', count(*) from inquest.transcript_segment where case_id = (select id from c)
  union all
  select 'events', 'all', count(*) from inquest.event where case_id = (select id from c)
  union all
  select 'statements', 'all', count(*) from inquest.statement where case_id = (select id from c)
  order by 1, 2
$$;
revoke all on function inquest.case_counts(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.case_counts(text) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- `case summary`, section evidence: evidence by kind, and how much of it nothing links to.
create or replace function inquest.case_evidence_counts(p_case text)
returns table (kind text, count bigint, unlinked bigint)
language sql stable
as $$

  select e.kind, count(*),
         count(*) filter (where not exists (select 1 from inquest.evidence_link l
                                            where l.case_id = e.case_id and l.evidence_id = e.id))
    from inquest.evidence e where e.case_id = (select inquest.case_id_of(p_case))
   group by e.kind order by e.kind
$$;
revoke all on function inquest.case_evidence_counts(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.case_evidence_counts(text) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
