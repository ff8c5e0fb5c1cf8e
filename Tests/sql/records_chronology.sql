-- Chronology: events with participants, statements by persons (the post they spoke in,
-- medium, quotation, classification), and the per-person time line that answers "what
-- was this person told, and when, and what did they say afterwards" in one query.
set search_path = tap, public;
begin;
select plan(18);

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
