-- 0021 The read contract (issue 16): what `person list`, `person show`, the dossier,
-- `summons list|show`, `disclosure list|show` and `testimony list|show|transcript` return is defined here, once, by set-returning functions whose columns are the JSON
-- members (names and types); the service maps any of them with one generic mapper
-- (Sources/Inquest/Core/Record.swift) and the CLI prints their sections generically.
-- They are plain SQL, SECURITY INVOKER, STABLE and without SET clauses, so PostgreSQL
-- inlines them into the caller's query: the plans are those of the queries they replace,
-- and row-level security applies to the caller exactly as when reading the tables.
--
-- One case lookup: inquest.case_id_of(text), the case named by key (C-1) or reference
-- (IR-1988) as the caller sees it; inquest_private.case_id_of (0005, which raises "not
-- found") now asks it. Display names only through inquest.person_display (0003).

-- The id of the case named by key or reference, as the caller sees it (row-level
-- security: unknown and invisible alike give NULL). A key wins over another case's
-- reference that happens to spell the same.
create function inquest.case_id_of(p_case text) returns bigint
language sql stable
as $$
  select c.id from inquest."case" c
   where c.key = p_case or c.reference = p_case
   order by c.key = p_case desc
   limit 1
$$;
comment on function inquest.case_id_of(text) is
  'The id of the case named by key (C-1) or reference (IR-1988), as the caller sees it; NULL when none.';

create or replace function inquest_private.case_id_of(p_case_ref text) returns bigint
language plpgsql stable
set search_path = pg_catalog, pg_temp
as $$
declare
  v bigint;
begin
  if p_case_ref is null then
    return null;
  end if;
  v := inquest.case_id_of(p_case_ref);
  if v is null then
    raise exception 'case % not found', p_case_ref
      using errcode = 'P0002', detail = 'give a case reference (such as IR-1988) or key (C-1) that you can see';
  end if;
  return v;
end
$$;

------------------------------------------------------------------------------
-- People
------------------------------------------------------------------------------

-- `person list`: people, optionally of one case and with one role.
create function inquest.person_list(p_case text, p_role text)
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

-- `person show`, the person.
create function inquest.person_record(p_person text)
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

-- `person show`, section names: every name, the one shown first.
create function inquest.person_names(p_person text)
returns table (key text, name text, given_name text, family_name text, kind text, script text, language text,
               source_note text, evidence text)
language sql stable
as $$
  select n.key, n.name, n.given_name, n.family_name, n.kind, n.script, n.language, n.source_note, e.key
    from inquest.person_name n join inquest.person p on p.case_id = n.case_id and p.id = n.person_id
    left join inquest.evidence e on e.id = n.evidence_id
   where p.key = p_person order by n.kind not in ('primary', 'pseudonym'), n.id
$$;

-- `person show`, section positions: posts held, earliest first.
create function inquest.person_positions(p_person text)
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

-- `person show`, section events: events the person took part in, by date.
create function inquest.person_events(p_person text)
returns table (key text, "date" jsonb, kind text, title text, place text, role text)
language sql stable
as $$
  select v.key, inquest_private.partial_date(v."date"), v.kind, v.title, v.place, ep.role
    from inquest.event_participant ep join inquest.person p on p.case_id = ep.case_id and p.id = ep.person_id
    join inquest.event v on v.id = ep.event_id
   where p.key = p_person order by v.date_from nulls last, v.date_to, v.id
$$;

-- `person show`, section statements: what the person said, by date.
create function inquest.person_statements(p_person text)
returns table (key text, "date" jsonb, medium text, venue text, classification text[], words text, wording text)
language sql stable
as $$
  select s.key, inquest_private.partial_date(s."date"), s.medium, s.venue, s.classification,
         coalesce(s.quotation, s.summary), s.wording
    from inquest.statement s join inquest.person p on p.case_id = s.case_id and p.id = s.person_id
   where p.key = p_person order by s.date_from nulls last, s.date_to, s.id
$$;

-- `person show`, section evidence: evidence linked to the person directly, by date.
create function inquest.person_evidence(p_person text)
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

-- `person show`, section summonses.
create function inquest.person_summonses(p_person text)
returns table (key text, status text, issued_on date, served_on date, appear_by date, immunity text)
language sql stable
as $$
  select s.key, s.status, s.issued_on, s.served_on, s.appear_by, s.immunity
    from inquest.summons s join inquest.person p on p.case_id = s.case_id and p.id = s.person_id
   where p.key = p_person order by s.id
$$;

-- `person show`, section disclosures: questions put to the person (overdue derived).
create function inquest.person_disclosures(p_person text)
returns table (key text, topic text, question text, due_on date, status text, overdue boolean)
language sql stable
as $$
  select r.key, r.topic, r.question, r.due_on, r.status, r.overdue
    from inquest.disclosure_request_status r join inquest.person p on p.case_id = r.case_id and p.id = r.person_id
   where p.key = p_person order by r.id
$$;

-- `person show`, section testimony: sessions with the person as deponent.
create function inquest.person_testimony(p_person text)
returns table (key text, status text, scheduled_at timestamptz, started_at timestamptz, mode text)
language sql stable
as $$
  select t.key, t.status, t.scheduled_at, t.started_at, t.mode
    from inquest.testimony_session t join inquest.person p on p.case_id = t.case_id and p.id = t.deponent_id
   where p.key = p_person order by t.id
$$;

-- The dossier's "statements against the evidence": each statement of the person with the
-- evidence linked to it.
create function inquest.person_statement_evidence(p_person text)
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

------------------------------------------------------------------------------
-- Summonses
------------------------------------------------------------------------------

-- `summons list`: summonses, optionally of one case, to one person, in one state.
create function inquest.summons_list(p_case text, p_person text, p_status text)
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

-- `summons show`, the summons.
create function inquest.summons_record(p_summons text)
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

-- `summons show`, section disclosures: the questions put with the summons.
create function inquest.summons_disclosures(p_summons text)
returns table (key text, topic text, question text, due_on date, status text, overdue boolean)
language sql stable
as $$
  select r.key, r.topic, r.question, r.due_on, r.status, r.overdue
    from inquest.disclosure_request_status r join inquest.summons s on s.id = r.summons_id
   where s.key = p_summons order by r.id
$$;

------------------------------------------------------------------------------
-- Disclosure requests
------------------------------------------------------------------------------

-- `disclosure list`: overdue first, then by due date.
create function inquest.disclosure_list(p_case text, p_person text, p_status text, p_overdue_only boolean)
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

-- `disclosure show`, the request.
create function inquest.disclosure_record(p_request text)
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

-- `disclosure show`, section responses, in the order received.
create function inquest.disclosure_responses(p_request text)
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

------------------------------------------------------------------------------
-- Testimony sessions
------------------------------------------------------------------------------

-- `testimony list`: sessions by scheduled time, with how many transcript segments each has.
create function inquest.testimony_list(p_case text, p_deponent text, p_status text)
returns table (key text, "case" text, deponent text, name text, mode text, status text, scheduled_at timestamptz,
               started_at timestamptz, segments bigint)
language sql stable
as $$
  select t.key, c.reference, d.key, d.display_name, t.mode, t.status, t.scheduled_at, t.started_at,
         (select count(*) from inquest.transcript_segment s where s.case_id = t.case_id and s.session_id = t.id)
    from inquest.testimony_session t
    join inquest."case" c on c.id = t.case_id
    join inquest.person_display d on d.id = t.deponent_id
   where (p_case is null or t.case_id = (select inquest.case_id_of(p_case))) and (p_deponent is null or d.key = p_deponent)
     and (p_status is null or t.status = p_status)
   order by t.scheduled_at nulls last, t.id
$$;

-- `testimony show`, the session.
create function inquest.testimony_record(p_testimony text)
returns table (key text, "case" text, deponent text, name text, interviewers text[], interpreter text, languages text[],
               place text, mode text, status text, scheduled_at timestamptz, started_at timestamptz, ended_at timestamptz,
               consent_given_at timestamptz, consent_scope text, consent_withdrawn_at timestamptz,
               protective_measures text[], notes text)
language sql stable
as $$
  select t.key, c.reference, d.key, d.display_name, t.interviewers, t.interpreter, t.languages, t.place, t.mode, t.status,
         t.scheduled_at, t.started_at, t.ended_at, t.consent_given_at, t.consent_scope, t.consent_withdrawn_at,
         t.protective_measures, t.notes
    from inquest.testimony_session t
    join inquest."case" c on c.id = t.case_id
    join inquest.person_display d on d.id = t.deponent_id
   where t.key = p_testimony
$$;

-- `testimony show`, section transcript (and `testimony transcript`): segments in order.
create function inquest.testimony_transcript(p_testimony text)
returns table (key text, ordinal integer, time_offset text, speaker text, original_text text, translation text,
               supersedes text, entered_at timestamptz)
language sql stable
as $$
  select s.key, s.ordinal, to_char(s.time_offset, 'HH24:MI:SS'), s.speaker, s.original_text, s.translation, x.key,
         s.entered_at
    from inquest.transcript_segment s join inquest.testimony_session t on t.case_id = s.case_id and t.id = s.session_id
    left join inquest.transcript_segment x on x.case_id = s.case_id and x.id = s.supersedes_id
   where t.key = p_testimony order by s.ordinal
$$;

------------------------------------------------------------------------------
-- Who may call them: the application roles (row-level security decides what they see).
------------------------------------------------------------------------------
revoke execute on function
  inquest.case_id_of(text), inquest.person_list(text, text), inquest.person_record(text), inquest.person_names(text),
  inquest.person_positions(text), inquest.person_events(text), inquest.person_statements(text),
  inquest.person_evidence(text), inquest.person_summonses(text), inquest.person_disclosures(text),
  inquest.person_testimony(text), inquest.person_statement_evidence(text),
  inquest.summons_list(text, text, text), inquest.summons_record(text), inquest.summons_disclosures(text),
  inquest.disclosure_list(text, text, text, boolean), inquest.disclosure_record(text), inquest.disclosure_responses(text),
  inquest.testimony_list(text, text, text), inquest.testimony_record(text), inquest.testimony_transcript(text)
  from public;
grant execute on function
  inquest.case_id_of(text), inquest.person_list(text, text), inquest.person_record(text), inquest.person_names(text),
  inquest.person_positions(text), inquest.person_events(text), inquest.person_statements(text),
  inquest.person_evidence(text), inquest.person_summonses(text), inquest.person_disclosures(text),
  inquest.person_testimony(text), inquest.person_statement_evidence(text),
  inquest.summons_list(text, text, text), inquest.summons_record(text), inquest.summons_disclosures(text),
  inquest.disclosure_list(text, text, text, boolean), inquest.disclosure_record(text), inquest.disclosure_responses(text),
  inquest.testimony_list(text, text, text), inquest.testimony_record(text), inquest.testimony_transcript(text)
  to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
