-- Partial dates as the sources give them: the grammar, its parser, and the bounds and
-- precision that the generated columns of the tables store.
--
-- An object file: re-applied by every `inquest migrate`; edit the definition here (see
-- Schema/README.md). Numbers such as 0011 in comments name legacy schema files
-- (docs/schema-history.md).

-- The grammar's one-line statement, for errors (under 200 characters).
create or replace function inquest_private.partial_date_grammar() returns text
language sql immutable parallel safe
return 'write 1988, 1988-12 or 1988-08-24 (SH:1367-05-07 Solar Hijri), then ? ~ or %; '
       'a range 1988-12/1989-01, open 2019-03/.. or end unknown 2019-03/; one of [1988-08-24,1988-08-26]';
revoke all on function inquest_private.partial_date_grammar() from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.partial_date_grammar() to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- The grammar of 0003/0006 gains the open and unknown ends of EDTF (ISO 8601-2):
--   2019-03/..    from March 2019, still going on (a post still held)     end open
--   2019-03/      from March 2019, end not recorded                        end unknown
--   ../1988       until 1988, start open                                   start open
--   /1988         until 1988, start not recorded                           start unknown
--   ..            (alone, as an end date) still going on
-- An open or unknown end has no bound: latest is 'infinity' (a post held since 2019 may
-- be held on any later day), an open or unknown start has earliest '-infinity'. The two
-- stay apart in what is exposed (inquest_private.partial_date(), "start" and "end":
-- known | open | unknown) and in time lines.
--
-- Qualifiers: `?` uncertain (the source doubts the value), `~` approximate (the value is
-- near the truth), `%` both. An approximate point widens its bounds by a margin, by its
-- precision: a day by 7 days either side, a month by one month either side, a year by one
-- year either side (1990~ -> 1989-01-01 .. 1991-12-31; 1988-08~ -> 1988-07-01 ..
-- 1988-09-30; 1988-08-24~ -> 1988-08-17 .. 1988-08-31). `?` does not widen: it says
-- whether, not how near. Rows already stored get their bounds recomputed below.
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
        error := format('"%s" is not a date', value);
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
    -- the margin of an approximate date
    if m[4] in ('~', '%') then
        if "precision" = 'day' then
            earliest := earliest - 7;
            latest := latest + 7;
        elsif "precision" = 'month' then
            earliest := (earliest - interval '1 month')::date;
            latest := (date_trunc('month', latest + 1) + interval '1 month' - interval '1 day')::date;
        else
            earliest := (earliest - interval '1 year')::date;
            latest := (latest + interval '1 year')::date;
        end if;
    end if;
end
$$;
revoke all on function inquest_private.partial_date_point(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.partial_date_point(text) to public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

create or replace function inquest_private.partial_date_parse(
    value text,
    out earliest date, out latest date, out "precision" text, out certainty text, out error text)
language plpgsql immutable strict parallel safe
as $$
declare
    pieces text[];
    alts text[];
    alt text;
    a record;
    b record;
    lo date;
    hi date;
    uncertain boolean := false;
    approximate boolean := false;
    n integer := 0;
begin
    if value = '' then
        error := 'the date is empty (leave it out when it is unknown)';
        return;
    end if;
    if value ~ '\s' then
        error := 'spaces are not allowed';
        return;
    end if;
    if value = '..' then
        -- alone (an end date): still going on
        earliest := '-infinity';
        latest := 'infinity';
        "precision" := 'open';
        certainty := 'certain';
        return;
    end if;

    if left(value, 1) = '[' or right(value, 1) = ']' then
        if left(value, 1) <> '[' or right(value, 1) <> ']' or length(value) < 3 then
            error := 'a set of alternatives is written [A,B] with both brackets';
            return;
        end if;
        alts := string_to_array(substr(value, 2, length(value) - 2), ',');
        foreach alt in array alts loop
            if strpos(alt, '..') > 0 then
                pieces := string_to_array(alt, '..');
                if cardinality(pieces) <> 2 then
                    error := format('"%s" is not a run of dates: write A..B', alt);
                    return;
                end if;
                a := inquest_private.partial_date_point(pieces[1]);
                b := inquest_private.partial_date_point(pieces[2]);
                if a.error is not null or b.error is not null then
                    error := coalesce(a.error, b.error);
                    return;
                end if;
                if b.earliest < a.earliest or b.latest < a.latest then
                    error := format('the run "%s" ends before it starts', alt);
                    return;
                end if;
                n := n + 2;
            else
                a := inquest_private.partial_date_point(alt);
                if a.error is not null then
                    error := a.error;
                    return;
                end if;
                b := a;
                n := n + 1;
            end if;
            lo := least(lo, a.earliest);
            hi := greatest(hi, b.latest);
            uncertain := uncertain or a.certainty like 'uncertain%' or b.certainty like 'uncertain%';
            approximate := approximate or a.certainty like '%approximate' or b.certainty like '%approximate';
        end loop;
        if n < 2 then
            error := 'a set of alternatives needs at least two, as in [1988-08-24,1988-08-26]';
            return;
        end if;
        "precision" := 'set';

    elsif strpos(value, '/') > 0 then
        -- A range A/B; either end may be open (..) or unknown (empty), not both.
        pieces := string_to_array(value, '/');
        if cardinality(pieces) <> 2 then
            error := 'a range has exactly two ends, A/B';
            return;
        end if;
        if pieces[1] in ('', '..') and pieces[2] in ('', '..') then
            error := 'a range needs at least one known end';
            return;
        end if;
        if pieces[1] in ('', '..') then
            select '-infinity'::date as earliest, '-infinity'::date as latest, null::text as "precision",
                   'certain'::text as certainty, null::text as error into a;
        else
            a := inquest_private.partial_date_point(pieces[1]);
        end if;
        if pieces[2] in ('', '..') then
            select 'infinity'::date as earliest, 'infinity'::date as latest, null::text as "precision",
                   'certain'::text as certainty, null::text as error into b;
        else
            b := inquest_private.partial_date_point(pieces[2]);
        end if;
        if a.error is not null or b.error is not null then
            error := coalesce(a.error, b.error);
            return;
        end if;
        if b.latest < a.earliest then
            error := format('the range ends (%s) before it starts (%s)', pieces[2], pieces[1]);
            return;
        end if;
        lo := a.earliest;
        hi := b.latest;
        uncertain := a.certainty like 'uncertain%' or b.certainty like 'uncertain%';
        approximate := a.certainty like '%approximate' or b.certainty like '%approximate';
        "precision" := 'range';

    else
        a := inquest_private.partial_date_point(value);
        if a.error is not null then
            error := a.error;
            return;
        end if;
        earliest := a.earliest;
        latest := a.latest;
        "precision" := a."precision";
        certainty := a.certainty;
        return;
    end if;

    earliest := lo;
    latest := hi;
    certainty := case when uncertain and approximate then 'uncertain_approximate'
                      when uncertain then 'uncertain'
                      when approximate then 'approximate'
                      else 'certain' end;
end
$$;
revoke all on function inquest_private.partial_date_parse(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.partial_date_parse(text) to public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

create or replace function inquest_private.parse_partial_date(
    value text,
    out earliest date, out latest date, out "precision" text, out certainty text)
language plpgsql immutable strict parallel safe
as $$
declare
    r record;
begin
    r := inquest_private.partial_date_parse(value);
    if r.error is not null then
        raise exception 'invalid partial date "%": %', value, r.error
            using errcode = '22007', hint = inquest_private.partial_date_grammar();
    end if;
    earliest := r.earliest;
    latest := r.latest;
    "precision" := r."precision";
    certainty := r.certainty;
end
$$;
revoke all on function inquest_private.parse_partial_date(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.parse_partial_date(text) to public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- A partial date as JSON: the text as given, its bounds (null where open or unknown),
-- precision, certainty, and what its start and end are (known, open, unknown).
create or replace function inquest_private.partial_date(value text) returns jsonb
language plpgsql immutable strict parallel safe
as $$
declare
    r record := inquest_private.partial_date_parse(value);
    pieces text[];
    v_start text := 'known';
    v_end text := 'known';
begin
    if r.error is not null then
        return pg_catalog.jsonb_build_object('text', value);
    end if;
    if value = '..' then
        v_start := 'open';
        v_end := 'open';
    elsif strpos(value, '/') > 0 and left(value, 1) <> '[' then
        pieces := string_to_array(value, '/');
        v_start := case pieces[1] when '' then 'unknown' when '..' then 'open' else 'known' end;
        v_end := case pieces[2] when '' then 'unknown' when '..' then 'open' else 'known' end;
    end if;
    return pg_catalog.jsonb_build_object(
        'text', value,
        'earliest', case when pg_catalog.isfinite(r.earliest) then r.earliest end,
        'latest', case when pg_catalog.isfinite(r.latest) then r.latest end,
        'precision', r."precision",
        'certainty', r.certainty,
        'start', v_start,
        'end', v_end);
end
$$;
revoke all on function inquest_private.partial_date(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.partial_date(text) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- Lenient accessors for generated columns: NULL for invalid input, so that the named
-- check `<table>_<column>_valid` (evaluated after generated columns) reports the error
-- with the column's name instead of an anonymous failure.
create or replace function inquest_private.partial_date_from(value text) returns date
language sql immutable strict parallel safe
return (inquest_private.partial_date_parse(value)).earliest;
revoke all on function inquest_private.partial_date_from(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.partial_date_from(text) to public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

create or replace function inquest_private.partial_date_to(value text) returns date
language sql immutable strict parallel safe
return (inquest_private.partial_date_parse(value)).latest;
revoke all on function inquest_private.partial_date_to(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.partial_date_to(text) to public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

create or replace function inquest_private.partial_date_precision(value text) returns text
language sql immutable strict parallel safe
return (inquest_private.partial_date_parse(value)).precision;
revoke all on function inquest_private.partial_date_precision(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.partial_date_precision(text) to public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- The latest day on which what a partial date describes can have begun: the start of a
-- range, the whole of a point or a set (for "had it happened by D?").
create or replace function inquest_private.partial_date_start_to(value text) returns date
language plpgsql immutable strict parallel safe
as $$
declare
    pieces text[];
begin
    if value = '..' then
        return '-infinity';
    end if;
    if strpos(value, '/') > 0 and left(value, 1) <> '[' then
        pieces := string_to_array(value, '/');
        if pieces[1] in ('', '..') then
            return '-infinity';
        end if;
        return (inquest_private.partial_date_parse(pieces[1])).latest;
    end if;
    return (inquest_private.partial_date_parse(value)).latest;
end
$$;
revoke all on function inquest_private.partial_date_start_to(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.partial_date_start_to(text) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

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
                  hint = inquest_private.partial_date_grammar();
    end if;
    return true;
end
$$;
revoke all on function inquest_private.check_partial_date(text,text,text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.check_partial_date(text,text,text) to public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
