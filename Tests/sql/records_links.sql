-- Links: evidence <-> exactly one record of the same case, with referential integrity
-- (no link to a record that does not exist, none across cases, none with two targets).
set search_path = tap, public;
begin;
select plan(22);

\ir support/records_fixtures.psql

\ir support/records_scenario.psql

create function pg_temp.link(target_column text, target_id bigint, relation text default 'mentions', c bigint default null,
                             evidence bigint default null) returns text language sql
as $$ select pg_temp.fails(format('insert into inquest.evidence_link (case_id, evidence_id, %I, relation, locator) values (%s, %s, %s, %L, %L)',
                                  target_column, coalesce(c, pg_temp.ca()), coalesce(evidence, pg_temp.eid('Interim report')),
                                  target_id, relation, 'para. ' || target_column)) $$;

-- One of each kind of target.
select is(pg_temp.link('person_id', pg_temp.pid('Mohammad Jafar Mahallati'), 'notified'), 'no error', 'evidence -> person');
select is(pg_temp.link('statement_id', (select min(id) from inquest.statement), 'contradicts'), 'no error', 'evidence -> statement');
select is(pg_temp.link('event_id', (select id from inquest.event where title like 'Interim%'), 'corroborates'), 'no error', 'evidence -> event');
select is(pg_temp.link('transcript_segment_id', (select id from inquest.transcript_segment)), 'no error', 'evidence -> transcript segment');
select is(pg_temp.link('disclosure_request_id', (select id from inquest.disclosure_request)), 'no error', 'evidence -> disclosure request');
select is(pg_temp.link('summons_id', (select id from inquest.summons)), 'no error', 'evidence -> summons');
select matches((select min(key) from inquest.evidence_link), '^L-[0-9]+$', 'a link key is L-<id>');
select is((select count(*) from inquest.evidence_link where evidence_id = pg_temp.eid('Interim report')), 6::bigint, 'six links made');

-- No link to a record that does not exist.
select is(pg_temp.link('person_id', -1), '23503 evidence_link evidence_link_person_fk', 'a link to a person that does not exist is refused');
select is(pg_temp.link('event_id', -1), '23503 evidence_link evidence_link_event_fk', 'a link to an event that does not exist is refused');
select is(pg_temp.link('statement_id', -1), '23503 evidence_link evidence_link_statement_fk', 'a link to a statement that does not exist is refused');
select is(pg_temp.link('person_id', pg_temp.pid('Mohammad Jafar Mahallati'), 'mentions', null, -1),
    '23503 evidence_link evidence_link_evidence_fk', 'a link from evidence that does not exist is refused');

-- No link across cases.
select is(pg_temp.link('person_id', pg_temp.pid('Sirous Nasseri')),
    '23503 evidence_link evidence_link_person_fk', 'evidence of case A cannot point to a person of case B');
select is(pg_temp.link('person_id', pg_temp.pid('Sirous Nasseri'), 'mentions', pg_temp.cb()),
    '23503 evidence_link evidence_link_evidence_fk', 'filed under case B, the evidence of case A is refused');
select is(pg_temp.link('person_id', pg_temp.pid('Mohammad Jafar Mahallati'), 'mentions', null, pg_temp.eid('Report')),
    '23503 evidence_link evidence_link_evidence_fk', 'evidence of case B cannot be linked in case A');

-- Exactly one target.
select is(pg_temp.fails($$ insert into inquest.evidence_link (case_id, evidence_id, person_id, event_id, relation)
                           select pg_temp.ca(), pg_temp.eid('Interim report'), pg_temp.pid('Mohammad Jafar Mahallati'), id, 'mentions'
                             from inquest.event where title like 'Second%' $$),
    '23514 evidence_link evidence_link_exactly_one_target', 'a link with two targets is refused');
select is(pg_temp.fails($$ insert into inquest.evidence_link (case_id, evidence_id, relation) values (pg_temp.ca(), pg_temp.eid('Interim report'), 'mentions') $$),
    '23514 evidence_link evidence_link_exactly_one_target', 'a link without a target is refused');

-- Relations.
select is(pg_temp.link('event_id', (select id from inquest.event where title like 'Second%'), 'authored'),
    '23514 evidence_link evidence_link_relation_needs_person', '"authored" relates evidence to a person');
select is(pg_temp.link('event_id', (select id from inquest.event where title like 'Second%'), 'proves'),
    '23514 evidence_link evidence_link_relation_valid', 'an unknown relation is refused');
select is(pg_temp.link('person_id', pg_temp.pid('Mohammad Jafar Mahallati'), 'notified'),
    '23505 evidence_link evidence_link_unique', 'the same link twice (same locator) is refused');

-- Integrity holds when the target goes.
select is(pg_temp.fails($$ delete from inquest.statement where id = (select min(id) from inquest.statement) $$),
    '23503 evidence_link evidence_link_statement_fk', 'a linked statement cannot be deleted from under its link');
select is(pg_temp.fails($$ delete from inquest.testimony_session $$),
    '23503 evidence_link evidence_link_transcript_segment_fk', 'nor a session whose segment is linked');

select * from finish();
rollback;
