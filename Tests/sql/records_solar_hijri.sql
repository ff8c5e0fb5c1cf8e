-- Solar Hijri (Jalali) dates: conversion against known days, the SH: prefix in partial
-- dates (day, month, year, sets, ranges, qualifiers), invalid days refused, and sorting
-- together with Gregorian dates.
set search_path = tap, public;
begin;
select plan(16);

select is(inquest_private.solar_hijri_to_date(1367, 5, 7), date '1988-07-29', '7 Mordad 1367 is 29 July 1988');
select is(inquest_private.solar_hijri_to_date(1400, 1, 1), date '2021-03-21', '1 Farvardin 1400 is 21 March 2021');
select is(inquest_private.solar_hijri_to_date(1403, 1, 1), date '2024-03-20', '1 Farvardin 1403 is 20 March 2024');
select is(inquest_private.solar_hijri_to_date(1403, 12, 30), date '2025-03-20', '30 Esfand 1403 (a leap year) is 20 March 2025');
select is(inquest_private.solar_hijri_to_date(1357, 11, 22), date '1979-02-11', '22 Bahman 1357 is 11 February 1979');
select is(inquest_private.to_solar_hijri(date '1988-07-29'), '1367-05-07', 'and back: 29 July 1988 is 1367-05-07');
select is(inquest_private.to_solar_hijri(date '1989-03-20'), '1367-12-29', 'the last day of 1367 (not a leap year)');

select is((select row(earliest, latest, "precision") from inquest_private.parse_partial_date('SH:1367-05-07'))::text,
          '(1988-07-29,1988-07-29,day)', 'SH: day');
select is((select row(earliest, latest, "precision") from inquest_private.parse_partial_date('SH:1367-05'))::text,
          '(1988-07-23,1988-08-22,month)', 'SH: month Mordad 1367');
select is((select row(earliest, latest, "precision") from inquest_private.parse_partial_date('SH:1367'))::text,
          '(1988-03-21,1989-03-20,year)', 'SH: year 1367');
select throws_ok($$select inquest_private.parse_partial_date('[SH:1367-06-02,SH:1367-06-04]?')$$, '22007', null,
                 'a qualifier belongs to a point, not to a set');
select is((select row(earliest, latest, "precision") from inquest_private.parse_partial_date('[SH:1367-06-02,SH:1367-06-04]'))::text,
          '(1988-08-24,1988-08-26,set)', '"2 or 4 Shahrivar 1367" = 24 or 26 August 1988');
select is((select row(earliest, latest, "precision") from inquest_private.parse_partial_date('SH:1367-09/1988-12-31'))::text,
          '(1988-11-22,1988-12-31,range)', 'a range may mix calendars');

select throws_ok($$select inquest_private.parse_partial_date('SH:1402-12-30')$$, '22007', null,
                 '30 Esfand 1402 does not exist (1402 is not a leap year)');
select throws_ok($$select inquest_private.parse_partial_date('SH:1367-13')$$, '22007', null, 'month 13 refused');

-- Stored as given, sorted with Gregorian dates by their bounds.
insert into inquest."case" (reference, title) values ('TEST-SH', 'Solar Hijri');
insert into inquest.event (case_id, kind, title, "date")
select c.id, 'other', t, d from inquest."case" c,
       (values ('b', 'SH:1367-05-07'), ('a', '1988-07-28'), ('c', '1988-07-30')) v(t, d)
 where c.reference = 'TEST-SH';
select is(array(select e.title || '=' || e."date" from inquest.event e join inquest."case" c on c.id = e.case_id
                 where c.reference = 'TEST-SH' order by e.date_from),
          array['a=1988-07-28', 'b=SH:1367-05-07', 'c=1988-07-30'], 'kept as given, ordered among Gregorian dates');

select * from finish();
rollback;
