-- The read contract of testimony sessions: what `testimony list|show|transcript` return is
-- defined here, once, by set-returning functions whose columns are the JSON members
-- (names and types); the service maps them with one generic mapper
-- (Sources/Inquest/Core/Record.swift) and the CLI prints their sections generically.
-- They are plain SQL, SECURITY INVOKER, STABLE and without SET clauses, so PostgreSQL
-- inlines them into the caller's query: row-level security applies to the caller exactly
-- as when reading the tables. Display names come only through inquest.person_display.
--
-- An object file: re-applied by every `inquest migrate`; edit the definition here (see
-- Schema/README.md).

-- `testimony list`: sessions by scheduled time, with how many transcript segments each has.
create or replace function inquest.testimony_list(p_case text, p_deponent text, p_status text)
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
revoke all on function inquest.testimony_list(text, text, text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.testimony_list(text, text, text) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- `testimony show`, the session.
create or replace function inquest.testimony_record(p_testimony text)
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
revoke all on function inquest.testimony_record(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.testimony_record(text) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- `testimony show`, section transcript (and `testimony transcript`): segments in order.
create or replace function inquest.testimony_transcript(p_testimony text)
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
revoke all on function inquest.testimony_transcript(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.testimony_transcript(text) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
