-- A person's time line reads that person's rows, not the case's: one-record reads must not
-- grow with the database (issue 14, measured by Scripts/bench.sh's scale section). The
-- branches of view person_timeline that are joins (participations x events, evidence
-- links x evidence) must be entered by the person, through their (case_id, person_id)
-- indexes; joined to person on the key instead, PostgreSQL read them whole.
set search_path = tap, public;
begin;
select plan(4);

insert into inquest."case" (reference, title) values ('TL-A', 'Time line reads');
insert into inquest.person (case_id) select c.id from inquest."case" c, generate_series(1, 2000) where c.reference = 'TL-A';
insert into inquest.event (case_id, kind, title, "date")
select c.id, 'meeting', 'Meeting ' || g, '1988-07-' || lpad((1 + g % 28)::text, 2, '0')
  from inquest."case" c, generate_series(1, 2000) g where c.reference = 'TL-A';
-- Every person took part in one event and is named in one item of evidence.
insert into inquest.event_participant (case_id, event_id, person_id, role)
select p.case_id, e.id, p.id, 'attendee'
  from (select id, case_id, row_number() over (order by id) n from inquest.person) p
  join (select id, row_number() over (order by id) n from inquest.event) e using (n);
insert into inquest.evidence (case_id, kind, title, "date")
select id, 'un_document', 'Report of the Special Representative', '1988-10-13' from inquest."case" where reference = 'TL-A';
insert into inquest.evidence_link (case_id, evidence_id, person_id, relation)
select p.case_id, e.id, p.id, 'mentions' from inquest.person p, inquest.evidence e;
analyze inquest.person, inquest.event, inquest.event_participant, inquest.evidence, inquest.evidence_link;

create function pg_temp.rows_read(p_relation text, p_person text) returns bigint language plpgsql as $$
declare
  v_plan jsonb;
begin
  execute format('explain (analyze, format json) select * from inquest.timeline_person(%L, null)', p_person) into v_plan;
  return (select coalesce(sum((((n ->> 'Actual Rows')::numeric + coalesce((n ->> 'Rows Removed by Filter')::numeric, 0))
                               * (n ->> 'Actual Loops')::numeric)), 0)::bigint
            from jsonb_path_query(v_plan, '$.**') n
           where jsonb_typeof(n) = 'object' and n ->> 'Relation Name' = p_relation);
end
$$;

select is((select count(*) from inquest.timeline_person((select key from inquest.person order by id offset 999 limit 1), null)),
          (select count(*) from inquest.person_timeline t where t.person_id = (select id from inquest.person order by id offset 999 limit 1)),
          'the time line holds the person''s entries of the view');
select is((select count(*) from inquest.timeline_person((select key from inquest.person order by id offset 999 limit 1), null)), 2::bigint,
          'one event and one item of evidence');
select cmp_ok(pg_temp.rows_read('event_participant', (select key from inquest.person order by id offset 999 limit 1)), '<=', 2::bigint,
              'participations read: the person''s, not the 2,000 of the case');
select cmp_ok(pg_temp.rows_read('evidence_link', (select key from inquest.person order by id offset 999 limit 1)), '<=', 2::bigint,
              'evidence links read: the person''s, not the 2,000 of the case');

select * from finish();
rollback;
