-- The read contract (Schema/objects/reads, issue 16): the functions that define what the
-- list and show commands (people, summonses, disclosures, testimony, cases, events,
-- statements, evidence, links, time lines, correspondence) and the dossier return have exactly the columns the JSON documents (names
-- and types, in order), run as the caller (SECURITY INVOKER, so row-level security
-- applies through them: an investigator sees only the cases assigned to them), and
-- `case_id_of` is the one case lookup.
set search_path = tap, public;
begin;
select plan(87);

-- Columns: each function's result, as PostgreSQL describes it.
create temp table contract (fn text, result text);
insert into contract values
  ('inquest.case_id_of(text)', 'bigint'),
  ('inquest.person_list(text,text)', 'TABLE(key text, "case" text, name text, protected boolean, roles text[])'),
  ('inquest.person_record(text)', 'TABLE(key text, "case" text, name text, protected boolean, name_known boolean, description text, notes text, roles text[])'),
  ('inquest.person_names(text)', 'TABLE(key text, name text, given_name text, family_name text, kind text, script text, language text, source_note text, evidence text)'),
  ('inquest.person_positions(text)', 'TABLE(key text, title text, body text, place text, start_date jsonb, end_date jsonb, attested jsonb, evidence text, source_note text)'),
  ('inquest.person_events(text)', 'TABLE(key text, date jsonb, kind text, title text, place text, role text)'),
  ('inquest.person_statements(text)', 'TABLE(key text, date jsonb, medium text, venue text, classification text[], words text, wording text)'),
  ('inquest.person_evidence(text)', 'TABLE(key text, evidence text, relation text, stated_date jsonb, evidence_date jsonb, title text, identifier text, locator text)'),
  ('inquest.person_summonses(text)', 'TABLE(key text, status text, issued_on date, served_on date, appear_by date, immunity text)'),
  ('inquest.person_disclosures(text)', 'TABLE(key text, topic text, question text, due_on date, status text, overdue boolean)'),
  ('inquest.person_testimony(text)', 'TABLE(key text, status text, scheduled_at timestamp with time zone, started_at timestamp with time zone, mode text)'),
  ('inquest.person_statement_evidence(text)', 'TABLE(statement text, relation text, evidence text, title text, identifier text, locator text, excerpt text)'),
  ('inquest.summons_list(text,text,text)', 'TABLE(key text, "case" text, person text, name text, status text, issued_on date, served_on date, appear_by date, immunity text)'),
  ('inquest.summons_record(text)', 'TABLE(key text, "case" text, person text, name text, status text, issued_on date, served_on date, appear_by date, service_method text, legal_basis text, immunity text, immunity_note text, purpose text, notes text, created_at timestamp with time zone, updated_at timestamp with time zone)'),
  ('inquest.summons_disclosures(text)', 'TABLE(key text, topic text, question text, due_on date, status text, overdue boolean)'),
  ('inquest.disclosure_list(text,text,text,boolean)', 'TABLE(key text, "case" text, person text, name text, topic text, requested_on date, due_on date, status text, overdue boolean, days_overdue integer, response_count bigint)'),
  ('inquest.disclosure_record(text)', 'TABLE(key text, "case" text, person text, name text, summons text, topic text, question text, requested_on date, due_on date, status text, overdue boolean, days_overdue integer)'),
  ('inquest.disclosure_responses(text)', 'TABLE(key text, received_on date, received_via text, response_text text, testimony text, evidence text)'),
  ('inquest.testimony_list(text,text,text)', 'TABLE(key text, "case" text, deponent text, name text, mode text, status text, scheduled_at timestamp with time zone, started_at timestamp with time zone, segments bigint)'),
  ('inquest.testimony_record(text)', 'TABLE(key text, "case" text, deponent text, name text, interviewers text[], interpreter text, languages text[], place text, mode text, status text, scheduled_at timestamp with time zone, started_at timestamp with time zone, ended_at timestamp with time zone, consent_given_at timestamp with time zone, consent_scope text, consent_withdrawn_at timestamp with time zone, protective_measures text[], notes text)'),
  ('inquest.testimony_transcript(text)', 'TABLE(key text, ordinal integer, time_offset text, speaker text, original_text text, translation text, supersedes text, entered_at timestamp with time zone)'),
('inquest.case_counts(text)', 'TABLE(what text, state text, count bigint)'),
  ('inquest.case_evidence_counts(text)', 'TABLE(kind text, count bigint, unlinked bigint)'),
  ('inquest.case_list(text)', 'TABLE(key text, reference text, title text, status text, created_at timestamp with time zone, closed_at timestamp with time zone)'),
  ('inquest.case_record(text)', 'TABLE(id bigint, key text, reference text, title text, description text, status text, created_at timestamp with time zone, closed_at timestamp with time zone, read_audit boolean, assigned text[])'),
  ('inquest.correspondence_list(text,text,text)', 'TABLE(key text, "case" text, dated date, direction text, counterpart text, subject text, person text, reference text, evidence text)'),
  ('inquest.event_list(text,date,date)', 'TABLE(key text, "case" text, date text, kind text, title text, place text, participants bigint)'),
  ('inquest.event_participants(text)', 'TABLE(key text, person text, name text, participant text, role text, note text)'),
  ('inquest.event_record(text)', 'TABLE(key text, "case" text, kind text, title text, date text, date_from date, date_to date, date_precision text, place text, description text, notes text, created_at timestamp with time zone, updated_at timestamp with time zone)'),
  ('inquest.event_statements(text)', 'TABLE(key text, person text, name text, date text, medium text, classification text[], words text)'),
  ('inquest.evidence_custody(text)', 'TABLE(key text, at timestamp with time zone, action text, received_from text, received_by text, sha256 text, location text, note text)'),
  ('inquest.evidence_facts(text)', 'TABLE(key text, kind text, date jsonb, locator text, note text)'),
  ('inquest.evidence_list(text,text)', 'TABLE(key text, "case" text, kind text, date text, title text, un_symbol text, amnesty_index text, other_identifier text, held_at text)'),
  ('inquest.evidence_record(text)', 'TABLE(key text, "case" text, kind text, title text, original_title text, author text, publisher text, date text, date_from date, date_to date, date_precision text, language text, un_symbol text, amnesty_index text, other_identifier text, url text, held_at text, citation text, file_name text, file_sha256 text, file_size bigint, notes text, created_at timestamp with time zone, updated_at timestamp with time zone)'),
  ('inquest.link_list(text,text,text)', 'TABLE(key text, "case" text, evidence text, evidence_title text, relation text, target text, target_kind text, target_summary text, locator text, excerpt text, stated_date jsonb, evidence_date jsonb, note text)'),
  ('inquest.statement_list(text,text,text)', 'TABLE(key text, "case" text, person text, name text, date text, medium text, classification text[], words text)'),
  ('inquest.statement_record(text)', 'TABLE(key text, "case" text, person text, name text, "position" text, position_held text, event text, event_title text, date text, date_from date, date_to date, date_precision text, venue text, medium text, audience text, quotation text, wording text, language text, translation text, summary text, classification text[], notes text, created_at timestamp with time zone, updated_at timestamp with time zone)'),
  ('inquest.timeline_case(text)', 'TABLE(date text, entry text, record text, person text, summary text)'),
  ('inquest.timeline_person(text,date)', 'TABLE(date jsonb, entry text, record text, summary text, by_then text, earliest date, latest date, earliest_solar_hijri text)');

select is(pg_get_function_result(fn::regprocedure), result, fn || ' returns the documented columns') from contract order by fn;

-- Every one runs as the caller, is inlinable (plain SQL, no SET clause) and not callable by PUBLIC.
select is_empty($$select p.oid::regprocedure::text from pg_proc p join contract c on p.oid = c.fn::regprocedure
                  where p.prosecdef or p.proconfig is not null or p.prolang <> (select oid from pg_language where lanname = 'sql') or p.provolatile <> 's'$$,
                'the read contract is plain SQL, STABLE, SECURITY INVOKER, without SET (PostgreSQL inlines it)');
select is_empty($$select fn from contract where has_function_privilege('public', fn, 'execute')$$,
                'PUBLIC may not call the read contract');

-- Two cases, a person in each, and an investigator assigned to the first only.
create role t_rc_inv login in role inquest_investigator;
insert into inquest_private.app_user (username, created_by) values ('t_rc_inv', 'test');
insert into inquest."case" (reference, title) values ('RC-A', 'Case A'), ('RC-B', 'Case B');
select id as case_a, key as case_a_key from inquest."case" where reference = 'RC-A' \gset
select id as case_b from inquest."case" where reference = 'RC-B' \gset
insert into inquest.case_assignment (case_id, username) values (:case_a, 't_rc_inv');
insert into inquest.person (case_id) values (:case_a) returning key as person_a \gset
insert into inquest.person (case_id) values (:case_b) returning key as person_b \gset
insert into inquest.person_name (case_id, person_id, name, kind, script)
  select case_id, id, 'Ali Razini', 'primary', 'latin' from inquest.person where key = :'person_a';
insert into inquest.person_name (case_id, person_id, name, kind, script)
  select case_id, id, 'Mostafa Pourmohammadi', 'primary', 'latin' from inquest.person where key = :'person_b';
insert into inquest.person_role (case_id, person_id, role) select case_id, id, 'to_be_summoned' from inquest.person where key = :'person_b';
insert into inquest.summons (case_id, person_id) select case_id, id from inquest.person where key = :'person_b' returning key as summons_b \gset
insert into inquest.testimony_session (case_id, deponent_id) select case_id, id from inquest.person where key = :'person_b' returning key as testimony_b \gset
insert into inquest.disclosure_request (case_id, person_id, topic, question, requested_on)
  select case_id, id, 'other', 'Who gave the order?', current_date from inquest.person where key = :'person_b';

-- case_id_of: by key or by reference; NULL for an unknown one.
select is(inquest.case_id_of('RC-A'), :case_a::bigint, 'case_id_of finds a case by reference');
select is(inquest.case_id_of(:'case_a_key'), :case_a::bigint, 'case_id_of finds a case by key');
select is(inquest.case_id_of('RC-NONE'), null::bigint, 'case_id_of is NULL for an unknown case');

-- The owner sees both: the functions return what the tables hold.
select results_eq(format('select key, name, roles from inquest.person_list(%L, null)', 'RC-B'),
                  format('values (%L, %L, array[%L])', :'person_b', 'Mostafa Pourmohammadi', 'to_be_summoned'),
                  'person_list filters by case and shows the display name and roles');
select is((select count(*)::int from inquest.person_list(null, 'to_be_summoned') where "case" like 'RC-%'), 1,
          'person_list filters by role');
select is((select count(*)::int from inquest.person_summonses(:'person_b')), 1, 'the owner sees the other case''s summons');
select is((select count(*)::int from inquest.summons_list('RC-B', null, null)), 1, 'summons_list filters by case');
select is((select count(*)::int from inquest.disclosure_list('RC-B', null, null, false)), 1, 'disclosure_list filters by case');

-- A record of every other area in the second case.
insert into inquest.event (case_id, kind, title, "date") values (:case_b, 'meeting', 'Meeting', '1988-08') returning key as event_b \gset
insert into inquest.event_participant (case_id, event_id, participant, role)
  select case_id, id, 'An outsider', 'attendee' from inquest.event where key = :'event_b';
insert into inquest.statement (case_id, person_id, event_id, medium, classification, summary, "date")
  select p.case_id, p.id, v.id, 'interview', '{denial}', 'Denied it.', '1988-12' from inquest.person p, inquest.event v
   where p.key = :'person_b' and v.key = :'event_b' returning key as statement_b \gset
insert into inquest.evidence (case_id, kind, title, "date") values (:case_b, 'un_document', 'Report', '1988-10-13') returning key as evidence_b \gset
insert into inquest.evidence_fact (case_id, evidence_id, kind, "date")
  select case_id, id, 'received', '1988-10-20' from inquest.evidence where key = :'evidence_b';
insert into inquest.custody_entry (case_id, evidence_id, at, action, received_from, received_by)
  select case_id, id, now(), 'received', 'UN archive', 'clerk' from inquest.evidence where key = :'evidence_b';
insert into inquest.evidence_link (case_id, evidence_id, statement_id, relation)
  select e.case_id, e.id, s.id, 'contradicts' from inquest.evidence e, inquest.statement s
   where e.key = :'evidence_b' and s.key = :'statement_b';
insert into inquest.correspondence (case_id, direction, counterpart, dated, subject) values (:case_b, 'sent', 'Ministry', '2024-03-01', 'Request');
select results_eq($$select what, state, count::int from inquest.case_counts('RC-B') where what in ('events', 'statements')$$,
                  $$values ('events', 'all', 1), ('statements', 'all', 1)$$, 'case_counts counts the case''s records');
select is((select count(*)::int from inquest.link_list(null, :'statement_b', 'RC-B')), 1, 'link_list finds a link by its target');
select is((select count(*)::int from inquest.timeline_case('RC-B')), 5,
          'timeline_case has the event, statement, evidence, summons and disclosure request');

------------------------------------------------------------------- investigator
set local session authorization t_rc_inv;
select is(inquest.case_id_of('RC-B'), null::bigint, 'case_id_of does not find a case the investigator is not assigned to');
select is(inquest.case_id_of('RC-A'), :case_a::bigint, 'case_id_of finds the assigned case');
select set_eq($$select key from inquest.person_list(null, null)$$, array[:'person_a'],
              'person_list shows the investigator only the people of their cases');
select is_empty(format('select * from inquest.person_list(%L, null)', 'RC-B'), 'person_list of another case is empty');
select is_empty(format('select * from inquest.person_record(%L)', :'person_b'), 'person_record of another case''s person is empty');
select is_empty(format('select * from inquest.person_names(%L)', :'person_b'), 'person_names of another case''s person is empty');
select is_empty(format('select * from inquest.person_summonses(%L)', :'person_b'), 'person_summonses of another case''s person is empty');
select is_empty(format('select * from inquest.person_positions(%L)', :'person_b'), 'person_positions of another case''s person is empty');
select is_empty(format('select * from inquest.person_statement_evidence(%L)', :'person_b'),
                'person_statement_evidence of another case''s person is empty');
select is_empty($$select * from inquest.summons_list(null, null, null)$$, 'summons_list shows no summons of another case');
select is_empty(format('select * from inquest.summons_record(%L)', :'summons_b'), 'summons_record of another case''s summons is empty');
select is_empty($$select * from inquest.disclosure_list(null, null, null, false)$$, 'disclosure_list shows no request of another case');
select is_empty($$select * from inquest.testimony_list(null, null, null)$$, 'testimony_list shows no session of another case');
select is_empty($$select * from inquest.case_list(null) where reference = 'RC-B'$$, 'case_list shows no case the investigator is not assigned to');
select isnt_empty($$select * from inquest.case_list(null) where reference = 'RC-A'$$, 'case_list shows the assigned case');
select is_empty($$select * from inquest.case_record('RC-B')$$, 'case_record of another case is empty');
select is_empty($$select * from inquest.case_counts('RC-B') where count > 0$$, 'case_counts of another case counts nothing');
select is_empty($$select * from inquest.case_evidence_counts('RC-B')$$, 'case_evidence_counts of another case is empty');
select is_empty($$select * from inquest.event_list(null, null, null)$$, 'event_list shows no event of another case');
select is_empty(format('select * from inquest.event_record(%L)', :'event_b'), 'event_record of another case''s event is empty');
select is_empty(format('select * from inquest.event_participants(%L)', :'event_b'), 'event_participants of another case''s event is empty');
select is_empty(format('select * from inquest.event_statements(%L)', :'event_b'), 'event_statements of another case''s event is empty');
select is_empty($$select * from inquest.statement_list(null, null, null)$$, 'statement_list shows no statement of another case');
select is_empty(format('select * from inquest.statement_record(%L)', :'statement_b'), 'statement_record of another case''s statement is empty');
select is_empty($$select * from inquest.evidence_list(null, null)$$, 'evidence_list shows no evidence of another case');
select is_empty(format('select * from inquest.evidence_record(%L)', :'evidence_b'), 'evidence_record of another case''s evidence is empty');
select is_empty(format('select * from inquest.evidence_facts(%L)', :'evidence_b'), 'evidence_facts of another case''s evidence is empty');
select is_empty(format('select * from inquest.evidence_custody(%L)', :'evidence_b'), 'evidence_custody of another case''s evidence is empty');
select is_empty($$select * from inquest.link_list(null, null, null)$$, 'link_list shows no link of another case');
select is_empty(format('select * from inquest.timeline_person(%L, null)', :'person_b'), 'timeline_person of another case''s person is empty');
select is_empty($$select * from inquest.timeline_case('RC-B')$$, 'timeline_case of another case is empty');
select is_empty($$select * from inquest.correspondence_list(null, null, null)$$, 'correspondence_list shows no letter of another case');
select results_eq(format('select key, name from inquest.person_record(%L)', :'person_a'),
                  format('values (%L, %L)', :'person_a', 'Ali Razini'), 'person_record of their own case''s person');
select is((select count(*)::int from inquest.person_names(:'person_a')), 1, 'person_names of their own case''s person');
select throws_ok(format('select inquest_private.case_id_of(%L)', 'RC-B'), 'P0002', null,
                 'the search functions'' case lookup (through case_id_of) says not found for another case');
reset session authorization;

select * from finish();
rollback;
