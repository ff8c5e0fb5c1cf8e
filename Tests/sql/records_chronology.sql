-- Chronology: events with participants, statements by persons (the post they spoke in,
-- medium, quotation, classification), and the per-person time line that answers "what
-- was this person told, and when, and what did they say afterwards" in one query.
set search_path = tap, public;
begin;
select plan(18);

\ir support/records_fixtures.psql

\ir support/records_scenario.psql

select matches((select min(key) from inquest.event), '^EV-[0-9]+$', 'an event key is EV-<id>');
select matches((select min(key) from inquest.event_participant), '^EP-[0-9]+$', 'a participant key is EP-<id>');
select matches((select min(key) from inquest.statement), '^ST-[0-9]+$', 'a statement key is ST-<id>');
select matches((select min(key) from inquest.position), '^PO-[0-9]+$', 'a position key is PO-<id>');

select is(pg_temp.fails($$ insert into inquest.event (case_id, kind, title) values (pg_temp.ca(), 'party', 't') $$),
    '23514 event event_kind_valid', 'an unknown event kind is refused');
select is(pg_temp.fails($$ insert into inquest.event_participant (case_id, event_id, role)
                           select pg_temp.ca(), id, 'attendee' from inquest.event where title like 'Second%' $$),
    '23514 event_participant event_participant_who', 'a participant is a person or a named body');
select is(pg_temp.fails($$ insert into inquest.event_participant (case_id, event_id, person_id, role)
                           select pg_temp.ca(), id, pg_temp.pid('Sirous Nasseri'), 'attendee' from inquest.event where title like 'Second%' $$),
    '23503 event_participant event_participant_person_fk', 'a participant from another case is refused');

select is((select classification from inquest.statement where "date" = '1988-11-29'), '{denial,misinformation}'::text[],
    'a statement can be both a denial and misinformation');
select is(pg_temp.fails($$ insert into inquest.statement (case_id, person_id, medium, summary, classification)
                           values (pg_temp.ca(), pg_temp.pid('Mohammad Jafar Mahallati'), 'press', 's', '{lie}') $$),
    '23514 statement statement_classification_valid', 'an unknown classification is refused');
select is(pg_temp.fails($$ insert into inquest.statement (case_id, person_id, medium, summary, classification)
                           values (pg_temp.ca(), pg_temp.pid('Mohammad Jafar Mahallati'), 'press', 's', '{}') $$),
    '23514 statement statement_classification_valid', 'a statement is classified');
select is(pg_temp.fails($$ insert into inquest.statement (case_id, person_id, medium, classification)
                           values (pg_temp.ca(), pg_temp.pid('Mohammad Jafar Mahallati'), 'press', '{denial}') $$),
    '23514 statement statement_has_content', 'a statement has a quotation or a summary');
select is(pg_temp.fails($$ insert into inquest.statement (case_id, person_id, medium, summary, translation, classification)
                           values (pg_temp.ca(), pg_temp.pid('Mohammad Jafar Mahallati'), 'press', 's', 'tr', '{denial}') $$),
    '23514 statement statement_translation_needs_quotation', 'a translation translates a quotation');
select is(pg_temp.fails($$ do $do$ begin
                             perform pg_temp.person(pg_temp.ca(), 'Ali Akbar Velayati');
                             insert into inquest.statement (case_id, person_id, position_id, medium, summary, classification)
                             select pg_temp.ca(), pg_temp.pid('Ali Akbar Velayati'), id, 'meeting', 's', '{denial}'
                               from inquest.position where place = 'New York';
                           end $do$ $$),
    '23503 statement statement_position_fk', 'a statement cannot be made in another person''s post');
select is(pg_temp.fails($$ insert into inquest.statement (case_id, person_id, medium, summary, classification)
                           values (pg_temp.cb(), pg_temp.pid('Mohammad Jafar Mahallati'), 'press', 's', '{denial}') $$),
    '23503 statement statement_person_fk', 'a statement cannot be filed in another case than its person');

-- The time line.
insert into inquest.evidence_link (case_id, evidence_id, person_id, relation, locator, excerpt)
values (pg_temp.ca(), pg_temp.eid('Interim report'), pg_temp.pid('Mohammad Jafar Mahallati'), 'notified', 'para. 47', 'excerpt');
select results_eq($$ select entry, "date" from inquest.person_timeline
                      where person_id = pg_temp.pid('Mohammad Jafar Mahallati')
                      order by date_from nulls last, date_to, entry $$,
    $$ values ('evidence:notified', '1988-10-13'),
              ('position', '1988-11/1989-02'),
              ('event:attendee', '1988-11-29'),
              ('statement:denial+misinformation', '1988-11-29'),
              ('statement:denial', '2022-06-16'),
              ('disclosure_request:open', '2024-03-01'),
              ('summons:draft', null) $$,
    'one query: what the person was told, their post, what they said afterwards, and what the commission asked');
select is((select count(*) from inquest.person_timeline where person_id = pg_temp.pid('Sirous Nasseri')), 0::bigint,
    'another person''s time line holds none of it');
select is((select count(*) from inquest.person_timeline t join inquest.person p on p.id = t.person_id where p.case_id <> t.case_id), 0::bigint,
    'every time-line entry is in its person''s case');
select lives_ok($$ insert into inquest.event (case_id, kind, title, "date") values (pg_temp.ca(), 'article', 'Tehran Times article', '[1988-12,1989-01]') $$,
    '"December 1988 or January 1989" as an event date');

select * from finish();
rollback;
