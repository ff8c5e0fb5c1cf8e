-- 0006 Solar Hijri (Jalali) dates: the calendar of Iranian sources.
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
create function inquest_private.solar_hijri_day(jy integer, jm integer, jd integer) returns integer
language sql immutable strict parallel safe
as $$
  select 365 * (jy + 1595) + ((jy + 1595) / 33) * 8 + (((jy + 1595) % 33) + 3) / 4 + jd
         + case when jm < 7 then (jm - 1) * 31 else (jm - 7) * 30 + 186 end
$$;

-- The Gregorian date of a Solar Hijri one, anchored on 1 Farvardin 1367 = 21 March 1988.
create function inquest_private.solar_hijri_to_date(jy integer, jm integer, jd integer) returns date
language sql immutable strict parallel safe
as $$
  select date '1988-03-21' + (inquest_private.solar_hijri_day(jy, jm, jd) - inquest_private.solar_hijri_day(1367, 1, 1))
$$;

-- `YYYY-MM-DD` in the Solar Hijri calendar, for showing a date both ways.
create function inquest_private.to_solar_hijri(d date) returns text
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

-- One point, as in 0003, now also with the SH: prefix. Never raises: a malformed point
-- comes back with `error` set and the other fields NULL.
create or replace function inquest_private.partial_date_point(
    value text,
    out earliest date, out latest date, out "precision" text, out certainty text, out error text)
language plpgsql immutable strict parallel safe
as $$
declare
    solar boolean := value like 'SH:%';
    body text := case when value like 'SH:%' then substr(value, 4) else value end;
    m text[];
    y integer;
    mo integer;
    d integer;
    days integer;
begin
    m := regexp_match(body, '^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?([?~%]?)$');
    if m is null then
        error := format('"%s" is not a date: write YYYY, YYYY-MM or YYYY-MM-DD (prefix SH: for the Solar Hijri '
                        'calendar), optionally followed by ? (uncertain), ~ (approximate) or %% (both)', value);
        return;
    end if;
    y := m[1]::integer;
    if y = 0 then
        error := 'year 0000 does not exist: years run from 0001 to 9999';
        return;
    end if;
    if solar and (y < 1178 or y > 1633) then
        error := format('Solar Hijri year %s is outside 1178 to 1633, where the conversion is exact', m[1]);
        return;
    end if;
    if m[2] is not null then
        mo := m[2]::integer;
        if mo not between 1 and 12 then
            error := format('month %s does not exist: months run from 01 to 12', m[2]);
            return;
        end if;
        if solar then
            days := case when mo <= 6 then 31 when mo <= 11 then 30
                         else inquest_private.solar_hijri_to_date(y + 1, 1, 1) - inquest_private.solar_hijri_to_date(y, 12, 1) end;
        else
            days := extract(day from make_date(case when mo = 12 then y + 1 else y end, mo % 12 + 1, 1) - 1);
        end if;
    end if;
    if m[2] is null then
        earliest := case when solar then inquest_private.solar_hijri_to_date(y, 1, 1) else make_date(y, 1, 1) end;
        latest := case when solar then inquest_private.solar_hijri_to_date(y + 1, 1, 1) - 1 else make_date(y, 12, 31) end;
        "precision" := 'year';
    elsif m[3] is null then
        earliest := case when solar then inquest_private.solar_hijri_to_date(y, mo, 1) else make_date(y, mo, 1) end;
        latest := earliest + days - 1;
        "precision" := 'month';
    else
        d := m[3]::integer;
        if d not between 1 and days then
            error := format('day %s does not exist in %s%s-%s: that month has %s days',
                            m[3], case when solar then 'SH:' else '' end, m[1], m[2], days);
            return;
        end if;
        earliest := case when solar then inquest_private.solar_hijri_to_date(y, mo, d) else make_date(y, mo, d) end;
        latest := earliest;
        "precision" := 'day';
    end if;
    certainty := case m[4] when '?' then 'uncertain' when '~' then 'approximate'
                           when '%' then 'uncertain_approximate' else 'certain' end;
end
$$;

-- The check's hint names the new form too.
create or replace function inquest_private.check_partial_date(value text, table_name text, column_name text)
returns boolean
language plpgsql immutable parallel safe
as $$
declare
    problem text;
begin
    if value is null then
        return true;
    end if;
    problem := (inquest_private.partial_date_parse(value)).error;
    if problem is not null then
        raise exception '%.%: invalid partial date "%": %', table_name, column_name, value, problem
            using errcode = '22007', schema = 'inquest', table = table_name, column = column_name,
                  constraint = table_name || '_' || column_name || '_valid',
                  hint = 'Accepted: 1988, 1988-12, 1988-08-24, a qualifier ? ~ or % after a date, '
                         'a range 1988-12/1989-01, one of a set [1988-08-24,1988-08-26]; '
                         'SH:1367-05-07 for a Solar Hijri date.';
    end if;
    return true;
end
$$;

grant execute on function inquest_private.solar_hijri_day(integer, integer, integer),
                          inquest_private.solar_hijri_to_date(integer, integer, integer),
                          inquest_private.to_solar_hijri(date)
   to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
