-- The read contract of events (`event list|show`): set-returning functions whose columns are the JSON
-- members (names and types) of the list and show commands; the service maps them with the
-- generic mapper (Sources/Inquest/Core/Record.swift) and the CLI prints their sections
-- generically. Plain SQL, SECURITY INVOKER, STABLE, without SET clauses: PostgreSQL inlines
-- them, and row-level security applies to the caller as when reading the tables. Display
-- names come only through inquest.person_display, the case only through inquest.case_id_of.
--
-- An object file: re-applied by every `inquest migrate`; edit the definition here (see
-- Schema/README.md and reads/people.sql).

-- `event list`: events that could have happened between p_from and p_to (the earliest and
-- latest day the caller's partial dates allow; undated events are then left out).
create or replace function inquest.event_list(p_case text, p_from date, p_to date)
returns table (key text, "case" text, "date" text, kind text, title text, place text, participants bigint)
language sql stable
as $$

  select ev.key, c.reference, ev."date", ev.kind, ev.title, ev.place,
         (select count(*) from inquest.event_participant ep where ep.case_id = ev.case_id and ep.event_id = ev.id)
    from inquest.event ev join inquest."case" c on c.id = ev.case_id
   where (p_case is null or c.id = (select inquest.case_id_of(p_case)))
     and (p_from is null or ev.date_to >= p_from)
     and (p_to is null or ev.date_from <= p_to)
   order by ev.date_from nulls last, ev.date_to nulls last, ev.id
$$;
revoke all on function inquest.event_list(text, date, date) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.event_list(text, date, date) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- `event show`, the event.
create or replace function inquest.event_record(p_event text)
returns table (key text, "case" text, kind text, title text, "date" text, date_from date, date_to date, date_precision text, place text, description text, notes text, created_at timestamptz, updated_at timestamptz)
language sql stable
as $$

  select ev.key, c.reference, ev.kind, ev.title, ev."date", ev.date_from, ev.date_to,
         ev.date_precision, ev.place, ev.description, ev.notes, ev.created_at, ev.updated_at
    from inquest.event ev join inquest."case" c on c.id = ev.case_id
   where ev.key = p_event
$$;
revoke all on function inquest.event_record(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.event_record(text) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- `event show`, section participants: people of the case, or named outsiders.
create or replace function inquest.event_participants(p_event text)
returns table (key text, person text, name text, participant text, role text, note text)
language sql stable
as $$

  select ep.key, p.key, coalesce(p.display_name, ep.participant), ep.participant, ep.role, ep.note
    from inquest.event_participant ep join inquest.event ev on ev.id = ep.event_id
    left join inquest.person_display p on p.id = ep.person_id
   where ev.key = p_event
   order by ep.id
$$;
revoke all on function inquest.event_participants(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.event_participants(text) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- `event show`, section statements: what was said at the event, by date.
create or replace function inquest.event_statements(p_event text)
returns table (key text, person text, name text, "date" text, medium text, classification text[], words text)
language sql stable
as $$

  select s.key, p.key, p.display_name, s."date", s.medium, s.classification, coalesce(s.quotation, s.summary)
    from inquest.statement s join inquest.event ev on ev.id = s.event_id
    join inquest.person_display p on p.id = s.person_id
   where ev.key = p_event
   order by s.date_from nulls last, s.date_to nulls last, s.id
$$;
revoke all on function inquest.event_statements(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.event_statements(text) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
