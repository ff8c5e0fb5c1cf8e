-- Read views of the case records (security_invoker, like every view).
--
-- An object file: re-applied by every `inquest migrate`; edit the definition here (see
-- Schema/README.md). Numbers such as 0011 in comments name legacy schema files
-- (docs/schema-history.md).

-- Each person with the name they are shown under (the primary name, or the pseudonym of a
-- protected person).
create or replace view inquest.person_display with (security_invoker = true) as
select p.id, p.key, p.case_id, n.name as display_name, p.protected, p.name_known,
       p.description, p.created_at, p.updated_at
  from inquest.person p
  left join inquest.person_name n
    on n.case_id = p.case_id and n.person_id = p.id and n.kind in ('primary', 'pseudonym');
comment on view inquest.person_display is 'Each person with the one name they are shown under.';
revoke all on inquest.person_display from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant select on inquest.person_display to inquest_admin, inquest_investigator, inquest_auditor;

-- Disclosure requests with what is derived at query time: overdue, days overdue, responses.
create or replace view inquest.disclosure_request_status with (security_invoker = true) as
select r.id, r.key, r.case_id, r.person_id, r.summons_id, r.topic, r.question,
       r.requested_on, r.due_on, r.status,
       coalesce(r.due_on < current_date and r.status in ('open', 'partially_answered'), false) as overdue,
       case when r.due_on < current_date and r.status in ('open', 'partially_answered')
            then current_date - r.due_on end as days_overdue,
       (select count(*) from inquest.disclosure_response x
         where x.case_id = r.case_id and x.request_id = r.id) as response_count,
       (select max(x.received_on) from inquest.disclosure_response x
         where x.case_id = r.case_id and x.request_id = r.id) as last_response_on,
       r.created_at, r.updated_at
  from inquest.disclosure_request r;
comment on view inquest.disclosure_request_status is
    'Disclosure requests with overdue (due_on before today and status open or partially_answered), computed when read, never stored.';
revoke all on inquest.disclosure_request_status from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant select on inquest.disclosure_request_status to inquest_admin, inquest_investigator, inquest_auditor;

-- Time lines: a post still held (end "..") runs on, a post whose end is not recorded
-- has no latest day either, and its date reads "2019-03/" (EDTF: end unknown), never the
-- start month alone. start_to: the latest day the entry can have begun (--as-of).
create or replace view inquest.person_timeline with (security_invoker = true) as
select po.case_id, po.person_id, 'position'::text as entry, po.key as record_key,
       case when po.start_date is not null then po.start_date || '/' || coalesce(po.end_date, '')
            when po.end_date is not null then coalesce(po.attested, '') || '/' || po.end_date
            else po.attested end as "date",
       coalesce(po.start_date_from, po.attested_from, po.end_date_from) as date_from,
       case when po.end_date is not null then po.end_date_to
            when po.start_date is not null then 'infinity'::date
            else po.attested_to end as date_to,
       concat_ws(', ', po.title, po.body, po.place) as summary,
       coalesce(po.start_date_to, po.attested_to, po.end_date_to) as start_to
  from inquest.position po
union all
select ep.case_id, ep.person_id, 'event:' || ep.role, ev.key, ev."date", ev.date_from, ev.date_to,
       ev.title, inquest_private.partial_date_start_to(ev."date")
  from inquest.event_participant ep
  join inquest.event ev on ev.case_id = ep.case_id and ev.id = ep.event_id
 where ep.person_id is not null
union all
select l.case_id, l.person_id, 'evidence:' || l.relation, e.key,
       coalesce(l.stated_date, e."date"), coalesce(l.stated_date_from, e.date_from),
       coalesce(l.stated_date_to, e.date_to),
       concat_ws(' — ', e.title, l.locator),
       inquest_private.partial_date_start_to(coalesce(l.stated_date, e."date"))
  from inquest.evidence_link l
  join inquest.evidence e on e.case_id = l.case_id and e.id = l.evidence_id
 where l.person_id is not null
union all
select s.case_id, s.person_id, 'statement:' || array_to_string(s.classification, '+'), s.key,
       s."date", s.date_from, s.date_to, coalesce(s.quotation, s.summary),
       inquest_private.partial_date_start_to(s."date")
  from inquest.statement s
union all
select su.case_id, su.person_id, 'summons:' || su.status, su.key,
       su.issued_on::text, su.issued_on, su.issued_on, su.purpose, su.issued_on
  from inquest.summons su
union all
select d.case_id, d.person_id, 'disclosure_request:' || d.status, d.key,
       d.requested_on::text, d.requested_on, d.requested_on, d.question, d.requested_on
  from inquest.disclosure_request d;
comment on view inquest.person_timeline is
    'Everything dated about a person, one row per entry, for "what was this person told, when, and what did they say afterwards".';
revoke all on inquest.person_timeline from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant select on inquest.person_timeline to inquest_admin, inquest_investigator, inquest_auditor;
