-- The read contract of time lines (`timeline person|case`): set-returning functions whose columns are the JSON
-- members (names and types) of the list and show commands; the service maps them with the
-- generic mapper (Sources/Inquest/Core/Record.swift) and the CLI prints their sections
-- generically. Plain SQL, SECURITY INVOKER, STABLE, without SET clauses: PostgreSQL inlines
-- them, and row-level security applies to the caller as when reading the tables. Display
-- names come only through inquest.person_display, the case only through inquest.case_id_of.
--
-- An object file: re-applied by every `inquest migrate`; edit the definition here (see
-- Schema/README.md and reads/people.sql).

-- `timeline person`: the person's entries of view inquest.person_timeline by their earliest
-- possible day; with p_as_of, only those that could have reached them by then, marked
-- uncertain when they could also have begun after it. The service drops
-- earliest_solar_hijri unless asked for it.
create or replace function inquest.timeline_person(p_person text, p_as_of date)
returns table ("date" jsonb, entry text, record text, summary text, by_then text, earliest date, latest date, earliest_solar_hijri text)
language sql stable
as $$

  select inquest_private.partial_date(t."date"), t.entry, t.record_key, t.summary,
         case when p_as_of is not null and t.start_to > p_as_of then 'uncertain' end,
         case when isfinite(t.date_from) then t.date_from end,
         case when isfinite(t.date_to) then t.date_to end,
         inquest_private.to_solar_hijri(t.date_from)
    from inquest.person_timeline t
   -- The person as two scalar subqueries (parameters to the plan), not a join: PostgreSQL
   -- pushes a parameter into every branch of the view, so each branch reads the person's
   -- rows by its (case_id, person_id) index; joined, the branches that are themselves
   -- joins (participations, evidence links) were read whole for every time line.
   where t.case_id = (select p.case_id from inquest.person p where p.key = p_person)
     and t.person_id = (select p.id from inquest.person p where p.key = p_person)
     and (p_as_of is null or t.date_from <= p_as_of)
   order by t.date_from nulls last, t.date_to nulls last, t.entry, t.record_key
$$;
revoke all on function inquest.timeline_person(text, date) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.timeline_person(text, date) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- `timeline case`: every event once, every statement, every dated item of evidence,
-- summonses and questions, each with the person it concerns.
create or replace function inquest.timeline_case(p_case text)
returns table ("date" text, entry text, record text, person text, summary text)
language sql stable
as $$

  with c as (select inquest.case_id_of(p_case) as id),
  entries as (
      select v.date_from, v.date_to, v."date", 'event:' || v.kind as entry, v.key as record,
             null::text as person, concat_ws(', ', v.title, v.place) as summary
        from inquest.event v where v.case_id = (select id from c)
      union all
      select e.date_from, e.date_to, e."date", 'evidence:' || e.kind, e.key, null,
             concat_ws(' ', e.title, '(' || coalesce(e.un_symbol, e.amnesty_index, e.other_identifier) || ')')
        from inquest.evidence e where e.case_id = (select id from c) and e."date" is not null
      union all
      select t.date_from, t.date_to, t."date", t.entry, t.record_key, d.display_name, t.summary
        from inquest.person_timeline t
        join inquest.person_display d on d.case_id = t.case_id and d.id = t.person_id
       where t.case_id = (select id from c)
         and (t.entry like 'statement:%' or t.entry like 'summons:%' or t.entry like 'disclosure_request:%')
  )
  select x."date", x.entry, x.record, x.person, x.summary from entries x
  order by x.date_from nulls last, x.date_to nulls last, x.entry, x.record
$$;
revoke all on function inquest.timeline_case(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.timeline_case(text) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
