-- Records as the sources give them (issue 13, Schema/0018): open and unknown ends,
-- approximate dates with their margins, what a partial date exposes, posts still held in
-- the time line, and a summary that has no wording. Each failed before 0018.
set search_path = tap, public;
begin;
select plan(16);

\ir support/records_fixtures.psql

select pg_temp.person(pg_temp.ca(), 'Ali Akbar Velayati');

------------------------------------------------------------------ open and unknown ends
select is(pg_temp.fails($$ insert into inquest.position (case_id, person_id, title, start_date, end_date)
                           values (pg_temp.ca(), pg_temp.pid('Ali Akbar Velayati'), 'Adviser', '2019-03', '..') $$),
          'no error', 'a post still held: end date ".."');
select is(pg_temp.fails($$ insert into inquest.position (case_id, person_id, title, start_date)
                           values (pg_temp.ca(), pg_temp.pid('Ali Akbar Velayati'), 'Minister', '1981-12') $$),
          'no error', 'a post whose end is not recorded: no end date');
select is(pg_temp.fails($$ insert into inquest.event (case_id, kind, title, "date") values (pg_temp.ca(), 'other', 'Tenure', '2019-03/..') $$),
          'no error', 'an open range 2019-03/.. is a valid date');
select is((select array[earliest::text, latest::text] from inquest_private.parse_partial_date('2019-03/..')),
          array['2019-03-01', 'infinity'], 'an open end has no latest day');
select is((select array[earliest::text, latest::text] from inquest_private.parse_partial_date('../1988')),
          array['-infinity', '1988-12-31'], 'an open start has no earliest day');
select is(inquest_private.partial_date('2019-03/..') ->> 'end', 'open', '".." is an open (ongoing) end');
select is(inquest_private.partial_date('2019-03/') ->> 'end', 'unknown', 'an empty end is an unknown end, kept apart from ongoing');

select is((select array["date", date_to::text] from inquest.person_timeline where summary = 'Adviser'),
          array['2019-03/..', 'infinity'], 'the time line shows the post still held as running on');
select is((select array["date", date_to::text] from inquest.person_timeline where summary = 'Minister'),
          array['1981-12/', 'infinity'], 'a post with no recorded end does not read as lasting one month');

------------------------------------------------------------------ certainty and margins
select is((select array[earliest::text, latest::text] from inquest_private.parse_partial_date('1990~')),
          array['1989-01-01', '1991-12-31'], 'an approximate year widens by a year either side');
select is((select array[earliest::text, latest::text] from inquest_private.parse_partial_date('1988-08-24~')),
          array['1988-08-17', '1988-08-31'], 'an approximate day widens by 7 days either side');
select is((select array[earliest::text, latest::text] from inquest_private.parse_partial_date('1988-08-24?')),
          array['1988-08-24', '1988-08-24'], 'an uncertain date keeps its bounds');
select is(inquest_private.partial_date('1988-12~') - 'text',
          '{"end": "known", "start": "known", "latest": "1989-01-31", "earliest": "1988-11-01", "certainty": "approximate", "precision": "month"}'::jsonb,
          'a partial date exposes its bounds, precision and certainty');

------------------------------------------------------------------ the grammar, once, short
select ok(length((select pg_temp.detail_of('x') )) >= 0 and
          (select length(inquest_private.partial_date_grammar())) < 200,
          'the grammar is stated in under 200 characters');

------------------------------------------------------------------ a summary has no wording
insert into inquest.statement (case_id, person_id, "date", medium, summary, classification)
values (pg_temp.ca(), pg_temp.pid('Ali Akbar Velayati'), '1988-12', 'interview', 'Denied that executions took place', '{denial}');
select is((select wording from inquest.statement where summary = 'Denied that executions took place'), null,
          'a statement recorded as a summary has no wording (not "verbatim")');
select alike(pg_temp.fails($$ insert into inquest.statement (case_id, person_id, medium, summary, wording, classification)
                              values (pg_temp.ca(), pg_temp.pid('Ali Akbar Velayati'), 'interview', 'x', 'verbatim', '{denial}') $$),
            '23514%statement_wording_needs_quotation', 'a wording without a quotation is refused');

select * from finish();
rollback;
