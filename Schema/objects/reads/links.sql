-- The read contract of evidence links (`link list`, and the links section of `evidence|event|statement
-- show`): set-returning functions whose columns are the JSON
-- members (names and types) of the list and show commands; the service maps them with the
-- generic mapper (Sources/Inquest/Core/Record.swift) and the CLI prints their sections
-- generically. Plain SQL, SECURITY INVOKER, STABLE, without SET clauses: PostgreSQL inlines
-- them, and row-level security applies to the caller as when reading the tables. Display
-- names come only through inquest.person_display, the case only through inquest.case_id_of.
--
-- An object file: re-applied by every `inquest migrate`; edit the definition here (see
-- Schema/README.md and reads/people.sql).

-- Links of one item of evidence, to one target (any record key), or of one case; each with
-- its target's kind and a line that says what the target is.
create or replace function inquest.link_list(p_evidence text, p_target text, p_case text)
returns table (key text, "case" text, evidence text, evidence_title text, relation text, target text, target_kind text, target_summary text, locator text, excerpt text, stated_date jsonb, evidence_date jsonb, note text)
language sql stable
as $$

  select l.key, c.reference, e.key, e.title, l.relation,
         coalesce(p.key, st.key, ev.key, ts.key, d.key, s.key),
         case when p.id is not null then 'person' when st.id is not null then 'statement'
              when ev.id is not null then 'event' when ts.id is not null then 'transcript_segment'
              when d.id is not null then 'disclosure_request' else 'summons' end,
         coalesce(p.display_name, st.quotation, st.summary, ev.title, ts.speaker || ': ' || ts.original_text,
                  d.question, s.purpose),
         l.locator, l.excerpt, inquest_private.partial_date(l.stated_date), inquest_private.partial_date(e."date"), l.note
    from inquest.evidence_link l
    join inquest.evidence e on e.id = l.evidence_id
    join inquest."case" c on c.id = l.case_id
    left join inquest.person_display p on p.id = l.person_id
    left join inquest.statement st on st.id = l.statement_id
    left join inquest.event ev on ev.id = l.event_id
    left join inquest.transcript_segment ts on ts.id = l.transcript_segment_id
    left join inquest.disclosure_request d on d.id = l.disclosure_request_id
    left join inquest.summons s on s.id = l.summons_id
   where (p_evidence is null or e.key = p_evidence)
     and (p_target is null or coalesce(p.key, st.key, ev.key, ts.key, d.key, s.key) = p_target)
     and (p_case is null or c.id = (select inquest.case_id_of(p_case)))
   order by coalesce(l.stated_date_from, e.date_from) nulls last, coalesce(l.stated_date_to, e.date_to) nulls last, l.id
$$;
revoke all on function inquest.link_list(text, text, text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.link_list(text, text, text) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
