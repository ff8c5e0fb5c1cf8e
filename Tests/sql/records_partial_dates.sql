-- Partial dates: the grammar of 0003 (valid and invalid input), the bounds and
-- precision derived from it, the text kept as given, and ordering/filtering by bounds.
set search_path = tap, public;
begin;
select plan(46);

\ir support/records_fixtures.psql

create function pg_temp.pd(v text) returns text language sql
as $$ select row(earliest, latest, "precision", certainty)::text from inquest_private.parse_partial_date(v) $$;

-- Valid input: bounds, precision, certainty.
select is(pg_temp.pd('1988'),        '(1988-01-01,1988-12-31,year,certain)',  'a year spans the whole year');
select is(pg_temp.pd('1988-12'),     '(1988-12-01,1988-12-31,month,certain)', 'a month spans the whole month');
select is(pg_temp.pd('1988-02'),     '(1988-02-01,1988-02-29,month,certain)', 'February 1988 ends on the 29th (leap year)');
select is(pg_temp.pd('1989-02'),     '(1989-02-01,1989-02-28,month,certain)', 'February 1989 ends on the 28th');
select is(pg_temp.pd('1988-08-24'),  '(1988-08-24,1988-08-24,day,certain)',   'a day');
select is(pg_temp.pd('1988-08-24?'), '(1988-08-24,1988-08-24,day,uncertain)', '? marks an uncertain date');
-- (since 0018 an approximate date widens by its margin: 7 days, a month, a year)
select is(pg_temp.pd('1988-08-24~'), '(1988-08-17,1988-08-31,day,approximate)', '~ marks an approximate date');
select is(pg_temp.pd('1988-12%'),    '(1988-11-01,1989-01-31,month,uncertain_approximate)', '% marks uncertain and approximate');
select is(pg_temp.pd('1988-12/1989-01'), '(1988-12-01,1989-01-31,range,certain)', 'a range runs from the start of its first end to the end of its last');
select is(pg_temp.pd('[1988-08-24,1988-08-26]'), '(1988-08-24,1988-08-26,set,certain)', '"24 or 26 August 1988" is a set');
select is(pg_temp.pd('[1988-12,1989-01]'), '(1988-12-01,1989-01-31,set,certain)', '"December 1988 or January 1989" is a set of months');
select is(pg_temp.pd('1988-10~/1989-03~'), '(1988-09-01,1989-04-30,range,approximate)', '"late 1988 or early 1989" as an approximate range');
select is(pg_temp.pd('[1988-08-14..1988-08-16,1988-09]'), '(1988-08-14,1988-09-30,set,certain)', 'a set may hold a run A..B');
select is(pg_temp.pd('2000-02-29'),  '(2000-02-29,2000-02-29,day,certain)', '29 February exists in 2000');
select is(pg_temp.pd(null), '(,,,)', 'NULL (unknown) has no bounds and raises nothing');

-- Invalid input: SQLSTATE 22007 and a message naming the rule.
select throws_ok($$ select inquest_private.parse_partial_date('1988-13') $$, '22007',
    'invalid partial date "1988-13": month 13 does not exist: months run from 01 to 12', 'month 13 is refused');
select throws_ok($$ select inquest_private.parse_partial_date('1988-02-30') $$, '22007',
    'invalid partial date "1988-02-30": day 30 does not exist in 1988-02: that month has 29 days', '30 February is refused');
select throws_ok($$ select inquest_private.parse_partial_date('1900-02-29') $$, '22007',
    'invalid partial date "1900-02-29": day 29 does not exist in 1900-02: that month has 28 days', '1900 is not a leap year');
select throws_ok($$ select inquest_private.parse_partial_date('1988-04-31') $$, '22007',
    'invalid partial date "1988-04-31": day 31 does not exist in 1988-04: that month has 30 days', '31 April is refused');
select throws_ok($$ select inquest_private.parse_partial_date('1989-01/1988-12') $$, '22007',
    'invalid partial date "1989-01/1988-12": the range ends (1988-12) before it starts (1989-01)', 'a range may not end before it starts');
select throws_ok($$ select inquest_private.parse_partial_date('[1988-08-24]') $$, '22007',
    'invalid partial date "[1988-08-24]": a set of alternatives needs at least two, as in [1988-08-24,1988-08-26]', 'a set needs two alternatives');
-- (since 0018 one end may be open or unknown: 1988/.. and 1988/ are dates; records_open_dates.sql)
select throws_ok($$ select inquest_private.parse_partial_date('/') $$, '22007',
    'invalid partial date "/": a range needs at least one known end', 'a range with no known end is refused');
select throws_ok($$ select inquest_private.parse_partial_date('') $$, '22007',
    'invalid partial date "": the date is empty (leave it out when it is unknown)', 'an empty date is refused');
select throws_like($$ select inquest_private.parse_partial_date('24 August 1988') $$,
    '%spaces are not allowed%', 'free text is refused');
select throws_like($$ select inquest_private.parse_partial_date('1988-8-24') $$,
    '%"1988-8-24" is not a date%', 'single-digit months are refused');
select throws_like($$ select inquest_private.parse_partial_date('0000') $$,
    '%year 0000 does not exist%', 'year 0000 is refused');
select throws_like($$ select inquest_private.parse_partial_date('[1988-08-24,1988-08-26') $$,
    '%both brackets%', 'an unclosed set is refused');
select throws_like($$ select inquest_private.parse_partial_date('1988-08-24??') $$,
    '%is not a date%', 'a doubled qualifier is refused');

-- In a table: the error names the table, the column and the rule.
select is(pg_temp.fails($$ insert into inquest.event (case_id, kind, title, "date") values (pg_temp.ca(), 'meeting', 'x', '1988-13') $$),
    '22007 event date event_date_valid', 'an invalid event date is refused with table, column and constraint named');
select throws_ok($$ insert into inquest.statement (case_id, person_id, medium, summary, classification, "date")
                    values (pg_temp.ca(), pg_temp.person(pg_temp.ca(), 'Someone'), 'press', 's', '{denial}', '1988-02-30') $$,
    '22007', 'statement.date: invalid partial date "1988-02-30": day 30 does not exist in 1988-02: that month has 29 days',
    'the message starts with table.column');
select is(pg_temp.fails($$ insert into inquest.position (case_id, person_id, title, start_date) values (pg_temp.ca(), pg_temp.person(pg_temp.ca(), 'Someone else'), 't', '1988-00') $$),
    '22007 position start_date position_start_date_valid', 'position start dates are checked');

-- Stored as given, bounds derived.
insert into inquest.event (case_id, kind, title, "date") values
    (pg_temp.ca(), 'other', 'whole year',          '1988'),
    (pg_temp.ca(), 'other', 'late December or January', '1988-12/1989-01'),
    (pg_temp.ca(), 'other', 'two possible days',   '[1988-08-24,1988-08-26]'),
    (pg_temp.ca(), 'other', 'uncertain day',       '1988-08-24?'),
    (pg_temp.ca(), 'other', 'one month',           '1988-08'),
    (pg_temp.ca(), 'other', 'exact day',           '1988-08-25'),
    (pg_temp.ca(), 'other', 'undated',             null);

select is((select "date" from inquest.event where title = 'uncertain day'), '1988-08-24?', 'the date is printed back exactly as given');
select is((select row(date_from, date_to, date_precision)::text from inquest.event where title = 'two possible days'),
    '(1988-08-24,1988-08-26,set)', 'bounds and precision are derived on insert');
select is((select row(date_from, date_to, date_precision)::text from inquest.event where title = 'undated'),
    '(,,)', 'an unknown date has no bounds');

select results_eq($$ select "date" from inquest.event where case_id = pg_temp.ca() and "date" is not null
                     order by date_from, date_to, id $$,
    $$ values ('1988'), ('1988-08'), ('1988-08-24?'), ('[1988-08-24,1988-08-26]'), ('1988-08-25'), ('1988-12/1989-01') $$,
    'events sort by their bounds: earliest first, then the narrower');
select results_eq($$ select title from inquest.event where case_id = pg_temp.ca() and date_from >= '1988-08-01' and date_to <= '1988-08-31'
                     order by date_from, date_to $$,
    $$ values ('one month'), ('uncertain day'), ('two possible days'), ('exact day') $$,
    'filtering: what certainly lies within August 1988');
select results_eq($$ select title from inquest.event where case_id = pg_temp.ca() and date_from <= '1989-01-15' and '1989-01-15' <= date_to $$,
    $$ values ('late December or January') $$,
    'filtering: what may have happened on 15 January 1989');
select results_eq($$ select title from inquest.event where case_id = pg_temp.ca() and date_to < '1988-08-25' $$,
    $$ values ('uncertain day') $$,
    'filtering: what certainly happened before 25 August 1988');

update inquest.event set "date" = '1988-12-13' where title = 'whole year';
select is((select row(date_from, date_to, date_precision)::text from inquest.event where title = 'whole year'),
    '(1988-12-13,1988-12-13,day)', 'bounds follow an update of the date');
select is(pg_temp.fails($$ update inquest.event set "date" = '13 December 1988' where title = 'whole year' $$),
    '22007 event date event_date_valid', 'an update to an invalid date is refused');

-- Positions: from-to with partial dates, and a period in which a source attests the post.
select lives_ok($$ insert into inquest.position (case_id, person_id, title, body, place, attested)
                   values (pg_temp.ca(), pg_temp.person(pg_temp.ca(), 'Mohammad Ali Mousavi'), 'Chargé d''affaires',
                           'Embassy of the Islamic Republic of Iran', 'Ottawa', '1988-12') $$,
    'a post attested in December 1988');
select is((select row(attested_from, attested_to)::text from inquest.position where place = 'Ottawa'),
    '(1988-12-01,1988-12-31)', 'attested bounds are derived');
select is(pg_temp.fails($$ insert into inquest.position (case_id, person_id, title, start_date, end_date)
                           values (pg_temp.ca(), pg_temp.person(pg_temp.ca(), 'P'), 't', '1989', '1988-06') $$),
    '23514 position position_dates_ordered', 'a post cannot end before it starts');
select lives_ok($$ insert into inquest.position (case_id, person_id, title, start_date, end_date)
                   values (pg_temp.ca(), pg_temp.person(pg_temp.ca(), 'Q'), 't', '1988~', '1988-06') $$,
    'a post may start and end within the same uncertain year');
select lives_ok($$ insert into inquest.evidence (case_id, kind, title, "date") values (pg_temp.ca(), 'letter', 'Letter', '[1988-12,1989-01]') $$,
    'evidence dates take sets');
select is(pg_temp.fails($$ insert into inquest.evidence_link (case_id, evidence_id, event_id, relation, stated_date)
                           select pg_temp.ca(), e.id, v.id, 'mentions', '1988-08-32' from inquest.evidence e, inquest.event v
                            where e.title = 'Letter' and v.title = 'exact day' $$),
    '22007 evidence_link stated_date evidence_link_stated_date_valid', 'the date a source states is checked too');

select * from finish();
rollback;
