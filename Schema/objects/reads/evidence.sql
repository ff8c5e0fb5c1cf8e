-- The read contract of evidence (`evidence list|show`): set-returning functions whose columns are the JSON
-- members (names and types) of the list and show commands; the service maps them with the
-- generic mapper (Sources/Inquest/Core/Record.swift) and the CLI prints their sections
-- generically. Plain SQL, SECURITY INVOKER, STABLE, without SET clauses: PostgreSQL inlines
-- them, and row-level security applies to the caller as when reading the tables. Display
-- names come only through inquest.person_display, the case only through inquest.case_id_of.
--
-- An object file: re-applied by every `inquest migrate`; edit the definition here (see
-- Schema/README.md and reads/people.sql).

-- `evidence list`: evidence by date (undated last), optionally of one case or kind.
create or replace function inquest.evidence_list(p_case text, p_kind text)
returns table (key text, "case" text, kind text, "date" text, title text, un_symbol text, amnesty_index text, other_identifier text, held_at text)
language sql stable
as $$

  select e.key, c.reference, e.kind, e."date", e.title, e.un_symbol, e.amnesty_index, e.other_identifier, e.held_at
    from inquest.evidence e join inquest."case" c on c.id = e.case_id
   where (p_case is null or c.id = (select inquest.case_id_of(p_case)))
     and (p_kind is null or e.kind = p_kind)
   order by e.date_from nulls last, e.date_to nulls last, e.id
$$;
revoke all on function inquest.evidence_list(text, text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.evidence_list(text, text) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- `evidence show`, the item.
create or replace function inquest.evidence_record(p_evidence text)
returns table (key text, "case" text, kind text, title text, original_title text, author text, publisher text, "date" text, date_from date, date_to date, date_precision text, language text, un_symbol text, amnesty_index text, other_identifier text, url text, held_at text, citation text, file_name text, file_sha256 text, file_size bigint, notes text, created_at timestamptz, updated_at timestamptz)
language sql stable
as $$

  select e.key, c.reference, e.kind, e.title, e.original_title, e.author, e.publisher, e."date",
         e.date_from, e.date_to, e.date_precision, e.language, e.un_symbol, e.amnesty_index,
         e.other_identifier, e.url, e.held_at, e.citation, e.file_name, e.file_sha256, e.file_size,
         e.notes, e.created_at, e.updated_at
    from inquest.evidence e join inquest."case" c on c.id = e.case_id
   where e.key = p_evidence
$$;
revoke all on function inquest.evidence_record(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.evidence_record(text) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- `evidence show`, section facts: what the item itself attests, by date.
create or replace function inquest.evidence_facts(p_evidence text)
returns table (key text, kind text, "date" jsonb, locator text, note text)
language sql stable
as $$

  select f.key, f.kind, inquest_private.partial_date(f."date"), f.locator, f.note
    from inquest.evidence_fact f join inquest.evidence e on e.case_id = f.case_id and e.id = f.evidence_id
   where e.key = p_evidence
   order by f.date_from nulls last, f.id
$$;
revoke all on function inquest.evidence_facts(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.evidence_facts(text) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- `evidence show`, section custody: the chain of custody, oldest first.
create or replace function inquest.evidence_custody(p_evidence text)
returns table (key text, at timestamptz, action text, received_from text, received_by text, sha256 text, location text, note text)
language sql stable
as $$

  select x.key, x.at, x.action, x.received_from, x.received_by, x.sha256, x.location, x.note
    from inquest.custody_entry x join inquest.evidence e on e.id = x.evidence_id
   where e.key = p_evidence
   order by x.at, x.id
$$;
revoke all on function inquest.evidence_custody(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.evidence_custody(text) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
