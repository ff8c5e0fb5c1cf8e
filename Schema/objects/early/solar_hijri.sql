-- The Solar Hijri calendar, for partial dates written SH:....
--
-- An object file: re-applied by every `inquest migrate`; edit the definition here (see
-- Schema/README.md). Numbers such as 0011 in comments name legacy schema files
-- (docs/schema-history.md).

-- Solar Hijri (Jalali) dates: the calendar of Iranian sources.
--
-- Any point of a partial date (see 0003) may carry the prefix `SH:` to be read in the
-- Solar Hijri calendar: `SH:1367-05-07` is 29 July 1988, `SH:1367-05` the month Mordad
-- 1367 (23 July to 22 August 1988), `SH:1367` the year from 21 March 1988 to 20 March
-- 1989; qualifiers, ranges and sets work as for Gregorian points
-- (`SH:1367-05~/SH:1367-06`, `[SH:1367-06-02,SH:1367-06-04]`). The text is kept as given;
-- the bounds are Gregorian, so Solar Hijri and Gregorian dates sort and filter together.
--
-- Conversion: the arithmetic 33-year leap cycle (as in the widely used jalaali and jdf
-- algorithms), exact for the years that matter here (1178 to 1633 SH, 1799 to 2254 CE).
-- `inquest_private.to_solar_hijri(date)` goes the other way, for display.
-- A running day number for a Solar Hijri date (only differences between two are used).
create or replace function inquest_private.solar_hijri_day(jy integer, jm integer, jd integer) returns integer
language sql immutable strict parallel safe
as $$
  select 365 * (jy + 1595) + ((jy + 1595) / 33) * 8 + (((jy + 1595) % 33) + 3) / 4 + jd
         + case when jm < 7 then (jm - 1) * 31 else (jm - 7) * 30 + 186 end
$$;
revoke all on function inquest_private.solar_hijri_day(integer,integer,integer) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.solar_hijri_day(integer,integer,integer) to public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- The Gregorian date of a Solar Hijri one, anchored on 1 Farvardin 1367 = 21 March 1988.
create or replace function inquest_private.solar_hijri_to_date(jy integer, jm integer, jd integer) returns date
language sql immutable strict parallel safe
as $$
  select date '1988-03-21' + (inquest_private.solar_hijri_day(jy, jm, jd) - inquest_private.solar_hijri_day(1367, 1, 1))
$$;
revoke all on function inquest_private.solar_hijri_to_date(integer,integer,integer) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.solar_hijri_to_date(integer,integer,integer) to public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- `YYYY-MM-DD` in the Solar Hijri calendar, for showing a date both ways.
create or replace function inquest_private.to_solar_hijri(d date) returns text
language plpgsql immutable strict parallel safe
as $$
declare
  jy integer := extract(year from d)::integer - 621;
  jm integer := 12;
begin
  if d < inquest_private.solar_hijri_to_date(jy, 1, 1) then
    jy := jy - 1;
  end if;
  while jm > 1 and inquest_private.solar_hijri_to_date(jy, jm, 1) > d loop
    jm := jm - 1;
  end loop;
  return format('%s-%s-%s', lpad(jy::text, 4, '0'), lpad(jm::text, 2, '0'),
                lpad((d - inquest_private.solar_hijri_to_date(jy, jm, 1) + 1)::text, 2, '0'));
end
$$;
revoke all on function inquest_private.to_solar_hijri(date) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.to_solar_hijri(date) to public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
