-- The read contract of people: what `person list|show` and the dossier` return is
-- defined here, once, by set-returning functions whose columns are the JSON members
-- (names and types); the service maps them with one generic mapper
-- (Sources/Inquest/Core/Record.swift) and the CLI prints their sections generically.
-- They are plain SQL, SECURITY INVOKER, STABLE and without SET clauses, so PostgreSQL
-- inlines them into the caller's query: row-level security applies to the caller exactly
-- as when reading the tables. Display names come only through inquest.person_display.
--
-- An object file: re-applied by every `inquest migrate`; edit the definition here (see
-- Schema/README.md).

-- `person list`: people, optionally of one case and with one role.
create or replace function inquest.person_list(p_case text, p_role text)
returns table (key text, "case" text, name text, protected boolean, roles text[])
language sql stable
as $$
  select d.key, c.reference, d.display_name, d.protected,
         (select coalesce(array_agg(r.role order by r.role), '{}') from inquest.person_role r
           where r.case_id = d.case_id and r.person_id = d.id)
    from inquest.person_display d
    join inquest."case" c on c.id = d.case_id
   where (p_case is null or d.case_id = (select inquest.case_id_of(p_case)))
     and (p_role is null or exists (select 1 from inquest.person_role r
                                     where r.case_id = d.case_id and r.person_id = d.id and r.role = p_role))
   order by d.id
$$;
revoke all on function inquest.person_list(text, text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.person_list(text, text) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- `person show`, the person.
create or replace function inquest.person_record(p_person text)
returns table (key text, "case" text, name text, protected boolean, name_known boolean, description text, notes text,
               roles text[])
language sql stable
as $$
  select d.key, c.reference, d.display_name, d.protected, d.name_known, d.description, p.notes,
         (select coalesce(array_agg(r.role order by r.role), '{}') from inquest.person_role r
           where r.case_id = d.case_id and r.person_id = d.id)
    from inquest.person_display d
    join inquest.person p on p.id = d.id
    join inquest."case" c on c.id = d.case_id
   where d.key = p_person
$$;
revoke all on function inquest.person_record(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.person_record(text) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- `person show`, section names: every name, the one shown first.
create or replace function inquest.person_names(p_person text)
returns table (key text, name text, given_name text, family_name text, kind text, script text, language text,
               source_note text, evidence text)
language sql stable
as $$
  select n.key, n.name, n.given_name, n.family_name, n.kind, n.script, n.language, n.source_note, e.key
    from inquest.person_name n join inquest.person p on p.case_id = n.case_id and p.id = n.person_id
    left join inquest.evidence e on e.id = n.evidence_id
   where p.key = p_person order by n.kind not in ('primary', 'pseudonym'), n.id
$$;
revoke all on function inquest.person_names(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.person_names(text) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- `person show`, section positions: posts held, earliest first.
create or replace function inquest.person_positions(p_person text)
returns table (key text, title text, body text, place text, start_date jsonb, end_date jsonb, attested jsonb,
               evidence text, source_note text)
language sql stable
as $$
  select o.key, o.title, o.body, o.place, inquest_private.partial_date(o.start_date),
         inquest_private.partial_date(o.end_date), inquest_private.partial_date(o.attested), e.key, o.source_note
    from inquest.position o join inquest.person p on p.case_id = o.case_id and p.id = o.person_id
    left join inquest.evidence e on e.id = o.evidence_id
   where p.key = p_person order by coalesce(o.start_date_from, o.attested_from) nulls last, o.id
$$;
revoke all on function inquest.person_positions(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.person_positions(text) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- `person show`, section events: events the person took part in, by date.
create or replace function inquest.person_events(p_person text)
returns table (key text, "date" jsonb, kind text, title text, place text, role text)
language sql stable
as $$
  select v.key, inquest_private.partial_date(v."date"), v.kind, v.title, v.place, ep.role
    from inquest.event_participant ep join inquest.person p on p.case_id = ep.case_id and p.id = ep.person_id
    join inquest.event v on v.id = ep.event_id
   where p.key = p_person order by v.date_from nulls last, v.date_to, v.id
$$;
revoke all on function inquest.person_events(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.person_events(text) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- `person show`, section statements: what the person said, by date.
create or replace function inquest.person_statements(p_person text)
returns table (key text, "date" jsonb, medium text, venue text, classification text[], words text, wording text)
language sql stable
as $$
  select s.key, inquest_private.partial_date(s."date"), s.medium, s.venue, s.classification,
         coalesce(s.quotation, s.summary), s.wording
    from inquest.statement s join inquest.person p on p.case_id = s.case_id and p.id = s.person_id
   where p.key = p_person order by s.date_from nulls last, s.date_to, s.id
$$;
revoke all on function inquest.person_statements(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.person_statements(text) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- `person show`, section evidence: evidence linked to the person directly, by date.
create or replace function inquest.person_evidence(p_person text)
returns table (key text, evidence text, relation text, stated_date jsonb, evidence_date jsonb, title text,
               identifier text, locator text)
language sql stable
as $$
  select l.key, e.key, l.relation, inquest_private.partial_date(l.stated_date), inquest_private.partial_date(e."date"),
         e.title, coalesce(e.un_symbol, e.amnesty_index, e.other_identifier), l.locator
    from inquest.evidence_link l join inquest.person p on p.case_id = l.case_id and p.id = l.person_id
    join inquest.evidence e on e.id = l.evidence_id
   where p.key = p_person
   order by coalesce(l.stated_date_from, e.date_from) nulls last, coalesce(l.stated_date_to, e.date_to), l.id
$$;
revoke all on function inquest.person_evidence(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.person_evidence(text) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- `person show`, section summonses.
create or replace function inquest.person_summonses(p_person text)
returns table (key text, status text, issued_on date, served_on date, appear_by date, immunity text)
language sql stable
as $$
  select s.key, s.status, s.issued_on, s.served_on, s.appear_by, s.immunity
    from inquest.summons s join inquest.person p on p.case_id = s.case_id and p.id = s.person_id
   where p.key = p_person order by s.id
$$;
revoke all on function inquest.person_summonses(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.person_summonses(text) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- `person show`, section disclosures: questions put to the person (overdue derived).
create or replace function inquest.person_disclosures(p_person text)
returns table (key text, topic text, question text, due_on date, status text, overdue boolean)
language sql stable
as $$
  select r.key, r.topic, r.question, r.due_on, r.status, r.overdue
    from inquest.disclosure_request_status r join inquest.person p on p.case_id = r.case_id and p.id = r.person_id
   where p.key = p_person order by r.id
$$;
revoke all on function inquest.person_disclosures(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.person_disclosures(text) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- `person show`, section testimony: sessions with the person as deponent.
create or replace function inquest.person_testimony(p_person text)
returns table (key text, status text, scheduled_at timestamptz, started_at timestamptz, mode text)
language sql stable
as $$
  select t.key, t.status, t.scheduled_at, t.started_at, t.mode
    from inquest.testimony_session t join inquest.person p on p.case_id = t.case_id and p.id = t.deponent_id
   where p.key = p_person order by t.id
$$;
revoke all on function inquest.person_testimony(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.person_testimony(text) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- The dossier's "statements against the evidence": each statement of the person with the
-- evidence linked to it.
create or replace function inquest.person_statement_evidence(p_person text)
returns table (statement text, relation text, evidence text, title text, identifier text, locator text, excerpt text)
language sql stable
as $$
  select s.key, l.relation, e.key, e.title, coalesce(e.un_symbol, e.amnesty_index, e.other_identifier), l.locator, l.excerpt
    from inquest.statement s
    join inquest.person p on p.case_id = s.case_id and p.id = s.person_id
    join inquest.evidence_link l on l.case_id = s.case_id and l.statement_id = s.id
    join inquest.evidence e on e.case_id = l.case_id and e.id = l.evidence_id
   where p.key = p_person order by s.date_from nulls last, s.id, l.relation, e.key
$$;
revoke all on function inquest.person_statement_evidence(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.person_statement_evidence(text) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
