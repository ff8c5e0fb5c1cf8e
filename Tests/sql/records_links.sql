-- Links: evidence <-> exactly one record of the same case, with referential integrity
-- (no link to a record that does not exist, none across cases, none with two targets).
set search_path = tap, public;
begin;
select plan(22);

-- Fixtures: two cases, and helpers in pg_temp (they vanish with the session).
insert into inquest."case" (reference, title) values ('TEST-A', 'Records test A'), ('TEST-B', 'Records test B');

create function pg_temp.ca() returns bigint language sql
as $$ select id from inquest."case" where reference = 'TEST-A' $$;
create function pg_temp.cb() returns bigint language sql
as $$ select id from inquest."case" where reference = 'TEST-B' $$;

-- A person with exactly one display name: primary, or the pseudonym of a protected person.
create function pg_temp.person(c bigint, n text, prot boolean default false) returns bigint language sql
as $$
  with p as (insert into inquest.person (case_id, protected) values (c, prot) returning id, case_id)
  insert into inquest.person_name (case_id, person_id, name, kind)
  select case_id, id, n, case when prot then 'pseudonym' else 'primary' end from p
  returning person_id
$$;
create function pg_temp.pid(n text) returns bigint language sql
as $$ select person_id from inquest.person_name where name = n and kind in ('primary', 'pseudonym') $$;

-- What a statement raises: SQLSTATE, table, column, constraint ('no error' if nothing).
create function pg_temp.fails(q text) returns text language plpgsql
as $$
declare st text; tb text; co text; cn text;
begin
  execute q;
  return 'no error';
exception when others then
  get stacked diagnostics st = returned_sqlstate, tb = table_name, co = column_name, cn = constraint_name;
  return concat_ws(' ', st, nullif(tb, ''), nullif(co, ''), nullif(cn, ''));
end
$$;
-- The DETAIL of the error a statement raises.
create function pg_temp.detail_of(q text) returns text language plpgsql
as $$
declare d text;
begin
  execute q;
  return 'no error';
exception when others then
  get stacked diagnostics d = pg_exception_detail;
  return d;
end
$$;

-- Case A: Mahallati, his post, an event he took part in, a statement, a summons, a
-- disclosure request, a testimony segment; evidence. Case B: one person, one evidence item.
do $$
declare a bigint := pg_temp.ca(); b bigint := pg_temp.cb(); m bigint; w bigint; s bigint; t bigint;
begin
  m := pg_temp.person(a, 'Mohammad Jafar Mahallati');
  w := pg_temp.person(a, 'Witness A', true);
  perform pg_temp.person(b, 'Sirous Nasseri');
  insert into inquest.position (case_id, person_id, title, body, place, attested)
  values (a, m, 'Permanent Representative', 'Permanent Mission of the Islamic Republic of Iran to the United Nations', 'New York', '1988-11/1989-02');
  insert into inquest.event (case_id, kind, title, "date", place)
  values (a, 'report_issued', 'Interim report of the Special Representative', '1988-10-13', 'New York'),
         (a, 'meeting', 'Second meeting with the Special Representative', '1988-11-29', 'New York'),
         (a, 'resolution', 'General Assembly resolution 43/137', '1988-12-08', 'New York');
  insert into inquest.event_participant (case_id, event_id, person_id, role)
  select a, id, m, 'attendee' from inquest.event where title like 'Second meeting%';
  insert into inquest.event_participant (case_id, event_id, participant, role)
  select a, id, 'UN Special Representative on Iran', 'attendee' from inquest.event where title like 'Second meeting%';
  insert into inquest.statement (case_id, person_id, position_id, event_id, "date", venue, medium, audience, quotation, wording, language, classification)
  select a, m, p.id, e.id, '1988-11-29', 'New York', 'meeting', 'UN Special Representative',
         'many killings had in fact occurred on the battlefield', 'paraphrase', 'en', '{denial,misinformation}'
    from inquest.position p, inquest.event e where p.person_id = m and e.title like 'Second meeting%';
  insert into inquest.statement (case_id, person_id, "date", venue, medium, quotation, language, classification)
  values (a, m, '2022-06-16', 'VOA Farsi', 'interview', 'I absolutely had no information.', 'en', '{denial}');
  insert into inquest.summons (case_id, person_id, purpose) values (a, m, 'mahallati') returning id into s;
  insert into inquest.disclosure_request (case_id, person_id, summons_id, topic, question, requested_on)
  values (a, m, s, 'reports_to_capital', 'To whom in Tehran did you transmit the reports?', '2024-03-01');
  insert into inquest.testimony_session (case_id, deponent_id, notes) values (a, w, 'session') returning id into t;
  insert into inquest.transcript_segment (case_id, session_id, ordinal, time_offset, speaker, original_text)
  values (a, t, 1, '00:02:46', 'WITNESS A', 'text');
  insert into inquest.evidence (case_id, kind, title, "date", un_symbol)
  values (a, 'un_document', 'Interim report', '1988-10-13', 'A/43/705'),
         (a, 'news_article', 'Deal for U.N. Rights Inquiry in Iran Crumbles', '1988-12-01', null),
         (b, 'un_document', 'Report', '1989-11-02', 'A/44/620');
end $$;
create function pg_temp.eid(t text) returns bigint language sql as $$ select id from inquest.evidence where title = t $$;

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
