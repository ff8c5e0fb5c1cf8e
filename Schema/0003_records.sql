-- 0003 Case records: persons and their names, roles and posts; summonses; disclosure
-- requests and responses; testimony sessions and transcripts; evidence and its chain of
-- custody; links from evidence to what it supports; the chronology (events, statements).
--
-- Every table follows Schema/README.md: identity `id`, generated human `key`, `case_id`
-- with `unique (case_id, id)`, and composite foreign keys `(case_id, x_id)` so that no
-- record can point into another case. 0002 enrolls each table in forced row-level
-- security and the audit trail as it is created.
--
-- HUMAN KEYS (prefix '-' id). Letters only, all distinct, so `^([A-Z]{1,2})-([0-9]+)$`
-- names the table unambiguously:
--   C  case (0002)             P  person                PN person_name
--   PR person_role             PO position              S  summons
--   D  disclosure_request      DR disclosure_response   T  testimony_session
--   TS transcript_segment      E  evidence              EC custody_entry
--   L  evidence_link           EV event                 EP event_participant
--   ST statement
--
-- PARTIAL DATES. Dates that come from sources are stored as the text the user gave
-- (printed back unchanged), with bounds derived from it for sorting and filtering.
-- Accepted grammar (a subset of ISO 8601-2 / EDTF; no spaces anywhere):
--
--   partial  := point | point '/' point                    a range: both ends required
--             | '[' alt (',' alt)* ']'                      one of a set ("X or Y")
--   alt      := point | point '..' point                    a set element, or a run of them
--   point    := YYYY | YYYY-MM | YYYY-MM-DD  [qualifier]    year, month or day precision
--   qualifier:= '?' uncertain | '~' approximate | '%' uncertain and approximate
--
--   1988               -> 1988-01-01 .. 1988-12-31   precision year
--   1988-12            -> 1988-12-01 .. 1988-12-31   precision month
--   1988-08-24?        -> 1988-08-24 .. 1988-08-24   precision day, certainty uncertain
--   1988-12/1989-01    -> 1988-12-01 .. 1989-01-31   precision range ("from Dec to Jan")
--   [1988-12,1989-01]  -> 1988-12-01 .. 1989-01-31   precision set ("Dec or Jan")
--   [1988-08-24,1988-08-26]                          "24 or 26 August 1988"
--   1988-10~/1989-03~                                "late 1988 or early 1989"
--
-- Rules (each error names its rule; SQLSTATE 22007): the year is 0001-9999, the month
-- 01-12, the day exists in that month (1988-02-30 is refused), a range does not end
-- before it starts, a set has at least two alternatives. Qualifiers do not widen the
-- bounds: `~` and `?` are reported as certainty, the bounds stay those of the text.
--
-- For a partial-date column F a table stores:
--   F            text, as given (NULL: unknown)
--   F_from       date, earliest day F can denote      (generated, indexed)
--   F_to         date, latest day F can denote        (generated)
--   F_precision  text, day|month|year|range|set       (generated; main dates only)
-- and a check `<table>_F_valid` that raises a 22007 error naming the column and the rule.
-- Filtering "could have happened on D": F_from <= D and D <= F_to; sorting: F_from, F_to.
--
-- ENUMERATIONS are text with named checks (`<table>_<column>_valid`), so an error names
-- the rule and the accepted values are visible in the check.
--
-- STATE MACHINES (refused changes raise 23514, constraint `<table>_status_transition`,
-- message `<noun> <key>: illegal status change from "<old>" to "<new>"`):
--   summons             draft -> issued -> served -> appeared | declined | failed_to_appear;
--                       withdrawn from draft, issued or served; new rows start as draft
--   disclosure_request  open -> partially_answered | answered | refused | withdrawn;
--                       partially_answered -> answered | refused | withdrawn; new rows open
--   testimony_session   scheduled -> held | adjourned | cancelled;
--                       adjourned -> scheduled | held | cancelled; new rows scheduled or held
--
-- PROTECTED PERSONS. A protected person appears only under a pseudonym: their one and
-- only name here is of kind 'pseudonym' (checked at commit). Their real identity never
-- enters these tables; 0004 keeps it apart. Free-text columns that could identify a
-- protected witness carry a comment saying so.

------------------------------------------------------------------------------------------
-- Partial dates
------------------------------------------------------------------------------------------

-- One point: YYYY, YYYY-MM or YYYY-MM-DD with an optional qualifier. Never raises:
-- a malformed point comes back with `error` set and the other fields NULL.
create function inquest_private.partial_date_point(
    value text,
    out earliest date, out latest date, out "precision" text, out certainty text, out error text)
language plpgsql immutable strict parallel safe
as $$
declare
    m text[];
    y integer;
    mo integer;
    d integer;
    days integer;
begin
    m := regexp_match(value, '^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?([?~%]?)$');
    if m is null then
        error := format('"%s" is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, optionally '
                        'followed by ? (uncertain), ~ (approximate) or %% (both)', value);
        return;
    end if;
    y := m[1]::integer;
    if y = 0 then
        error := 'year 0000 does not exist: years run from 0001 to 9999';
        return;
    end if;
    if m[2] is null then
        earliest := make_date(y, 1, 1);
        latest := make_date(y, 12, 31);
        "precision" := 'year';
    else
        mo := m[2]::integer;
        if mo not between 1 and 12 then
            error := format('month %s does not exist: months run from 01 to 12', m[2]);
            return;
        end if;
        days := extract(day from make_date(case when mo = 12 then y + 1 else y end, mo % 12 + 1, 1) - 1);
        if m[3] is null then
            earliest := make_date(y, mo, 1);
            latest := make_date(y, mo, days);
            "precision" := 'month';
        else
            d := m[3]::integer;
            if d not between 1 and days then
                error := format('day %s does not exist in %s-%s: that month has %s days', m[3], m[1], m[2], days);
                return;
            end if;
            earliest := make_date(y, mo, d);
            latest := earliest;
            "precision" := 'day';
        end if;
    end if;
    certainty := case m[4] when '?' then 'uncertain' when '~' then 'approximate'
                           when '%' then 'uncertain_approximate' else 'certain' end;
end
$$;

-- The whole grammar (see the top of this file). Never raises: invalid input comes back
-- with `error` set (the rule that was broken) and the other fields NULL.
create function inquest_private.partial_date_parse(
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
        error := 'the date is empty (leave it NULL when it is unknown)';
        return;
    end if;
    if value ~ '\s' then
        error := 'spaces are not allowed (write [1988-08-24,1988-08-26], 1988-12/1989-01)';
        return;
    end if;

    if left(value, 1) = '[' or right(value, 1) = ']' then
        -- One of a set: [A,B,...], each alternative a point or a run A..B.
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
        -- A range A/B: both ends required, the end not before the start.
        pieces := string_to_array(value, '/');
        if cardinality(pieces) <> 2 or pieces[1] = '' or pieces[2] = '' then
            error := 'a range has exactly two ends, A/B (open ends are not accepted)';
            return;
        end if;
        a := inquest_private.partial_date_point(pieces[1]);
        b := inquest_private.partial_date_point(pieces[2]);
        if a.error is not null or b.error is not null then
            error := coalesce(a.error, b.error);
            return;
        end if;
        if b.earliest < a.earliest or b.latest < a.latest then
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

-- The public parser: bounds, precision and certainty of a partial date, or a 22007 error
-- whose message names the rule that was broken. NULL in, NULL out.
create function inquest_private.parse_partial_date(
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
            using errcode = '22007',
                  hint = 'Accepted: 1988, 1988-12, 1988-08-24, a qualifier ? ~ or % after a date, '
                         'a range 1988-12/1989-01, one of a set [1988-08-24,1988-08-26].';
    end if;
    earliest := r.earliest;
    latest := r.latest;
    "precision" := r."precision";
    certainty := r.certainty;
end
$$;

-- Lenient accessors for generated columns: NULL for invalid input, so that the named
-- check `<table>_<column>_valid` (evaluated after generated columns) reports the error
-- with the column's name instead of an anonymous failure.
create function inquest_private.partial_date_from(value text) returns date
language sql immutable strict parallel safe
return (inquest_private.partial_date_parse(value)).earliest;

create function inquest_private.partial_date_to(value text) returns date
language sql immutable strict parallel safe
return (inquest_private.partial_date_parse(value)).latest;

create function inquest_private.partial_date_precision(value text) returns text
language sql immutable strict parallel safe
return (inquest_private.partial_date_parse(value)).precision;

-- Used by the named checks: true for NULL or a valid date; otherwise a 22007 error naming
-- the table, column and rule (with TABLE, COLUMN and CONSTRAINT error fields set).
create function inquest_private.check_partial_date(value text, table_name text, column_name text)
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
                         'a range 1988-12/1989-01, one of a set [1988-08-24,1988-08-26].';
    end if;
    return true;
end
$$;

------------------------------------------------------------------------------------------
-- Identifier and format checks (immutable, so checks and the service layer share them)
------------------------------------------------------------------------------------------

-- UN document symbols: a body (A, E, S, ST, CCPR …) then slash-separated components:
-- session or year numbers, series (RES, C.3, CN.4, SR.52, L.56, HRC, ES-10, Add.1, Rev.2 …);
-- a Security Council resolution may end in its year: S/RES/598 (1987).
create function inquest_private.is_un_symbol(value text) returns boolean
language sql immutable strict parallel safe
return value ~ '^[A-Z]{1,8}(/([A-Z][A-Za-z]{0,9}(\.[0-9]+)*|[A-Z]{1,4}-[0-9]+|[0-9]{1,5}))+( ?\([0-9]{4}\))?$';

-- Amnesty International index numbers: region code, sub-region, serial, year (2 or 4 digits):
-- MDE 13/031/88, MDE 13/020/1988, MDE 13/9421/2018.
create function inquest_private.is_amnesty_index(value text) returns boolean
language sql immutable strict parallel safe
return value ~ '^[A-Z]{3} [0-9]{2}/[0-9]{3,4}/[0-9]{2}([0-9]{2})?$';

create function inquest_private.is_http_url(value text) returns boolean
language sql immutable strict parallel safe
return value ~* '^https?://[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?([/?#][^[:space:]]*)?$';

create function inquest_private.is_sha256_hex(value text) returns boolean
language sql immutable strict parallel safe
return value ~ '^[0-9a-f]{64}$';

-- BCP 47 language tags, loosely: fa, en, ar, fa-Latn, en-GB.
create function inquest_private.is_language_tag(value text) returns boolean
language sql immutable strict parallel safe
return value ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$';

create function inquest_private.are_language_tags(value text[]) returns boolean
language sql immutable strict parallel safe
return coalesce((select bool_and(coalesce(inquest_private.is_language_tag(t), false)) from unnest(value) t), true);

-- No NULL and no blank element.
create function inquest_private.no_blank_elements(value text[]) returns boolean
language sql immutable strict parallel safe
return coalesce((select bool_and(coalesce(btrim(t) <> '', false)) from unnest(value) t), true);

-- Arabic-script letters (Persian and Arabic share the block and its supplements).
create function inquest_private.has_arabic_script(value text) returns boolean
language sql immutable strict parallel safe
return value ~ '[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]';

------------------------------------------------------------------------------------------
-- Generic triggers
------------------------------------------------------------------------------------------

create function inquest_private.touch_updated_at() returns trigger
language plpgsql
as $$
begin
    new.updated_at := now();
    return new;
end
$$;

-- Records never move between cases (composite keys already stop most moves; this stops
-- the rest, e.g. a person with nothing attached yet).
create function inquest_private.keep_case() returns trigger
language plpgsql
as $$
begin
    if new.case_id is distinct from old.case_id then
        raise exception '% %: a record cannot move to another case', TG_TABLE_NAME, old.key
            using errcode = '23514', schema = TG_TABLE_SCHEMA, table = TG_TABLE_NAME,
                  column = 'case_id', constraint = TG_TABLE_NAME || '_case_fixed';
    end if;
    return new;
end
$$;

-- State machine for a `status` column. Arguments: the record's noun for messages, the
-- states a new row may start in ('a,b'), the allowed changes ('a>b,a>c,…').
create function inquest_private.enforce_status_transition() returns trigger
language plpgsql
as $$
declare
    noun text := TG_ARGV[0];
    initial text[] := string_to_array(TG_ARGV[1], ',');
    allowed text[] := string_to_array(TG_ARGV[2], ',');
    old_status text;
    new_status text := to_jsonb(new) ->> 'status';
    nexts text;
begin
    -- A state this machine does not know is left to the column's check constraint,
    -- whose error lists the valid states.
    if not (new_status = any (initial)
            or exists (select from unnest(allowed) t where split_part(t, '>', 2) = new_status)
            or exists (select from unnest(allowed) t where split_part(t, '>', 1) = new_status)) then
        return new;
    end if;
    if TG_OP = 'INSERT' then
        if not new_status = any (initial) then
            raise exception 'new % must start as %, not "%"', noun,
                  (select string_agg(format('"%s"', s), ' or ') from unnest(initial) s), new_status
                using errcode = '23514', schema = TG_TABLE_SCHEMA, table = TG_TABLE_NAME,
                      column = 'status', constraint = TG_TABLE_NAME || '_status_transition';
        end if;
        return new;
    end if;
    old_status := to_jsonb(old) ->> 'status';
    if old_status is distinct from new_status
       and not (old_status || '>' || new_status) = any (allowed) then
        select string_agg(format('"%s"', split_part(t, '>', 2)), ', ')
          into nexts
          from unnest(allowed) t
         where split_part(t, '>', 1) = old_status;
        raise exception '% %: illegal status change from "%" to "%"',
              noun, to_jsonb(old) ->> 'key', old_status, new_status
            using errcode = '23514', schema = TG_TABLE_SCHEMA, table = TG_TABLE_NAME,
                  column = 'status', constraint = TG_TABLE_NAME || '_status_transition',
                  detail = case when nexts is null
                                then format('"%s" is a final state.', old_status)
                                else format('From "%s" the status may change only to %s.', old_status, nexts)
                           end;
    end if;
    return new;
end
$$;

------------------------------------------------------------------------------------------
-- Persons
------------------------------------------------------------------------------------------

create table inquest.person (
    id          bigint generated always as identity primary key,
    key         text generated always as ('P-' || id) stored constraint person_key_unique unique,
    case_id     bigint not null constraint person_case_fk references inquest."case" (id),
    protected   boolean not null default false,
    name_known  boolean not null default true,
    description text,
    sex         text constraint person_sex_valid check (sex in ('female', 'male', 'other')),
    notes       text,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    constraint person_case_unique unique (case_id, id)
);
comment on table inquest.person is
    'A person in a case: to be summoned, witness, victim, relative, source, official. Names are in person_name (exactly one primary, or for a protected person exactly one pseudonym).';
comment on column inquest.person.protected is
    'Protected persons appear only under their pseudonym (person_name kind ''pseudonym''); the real identity is kept apart (0004) and never stored in these tables.';
comment on column inquest.person.name_known is
    'False when the sources do not record the person''s name at all (e.g. "the chargé d''affaires in Oslo; the name is not recorded"); the primary name is then a descriptive label.';
comment on column inquest.person.description is
    'SENSITIVE for protected persons: must not contain anything that identifies them.';
comment on column inquest.person.notes is
    'SENSITIVE for protected persons: must not contain anything that identifies them.';

create table inquest.evidence (
    id               bigint generated always as identity primary key,
    key              text generated always as ('E-' || id) stored constraint evidence_key_unique unique,
    case_id          bigint not null constraint evidence_case_fk references inquest."case" (id),
    kind             text not null constraint evidence_kind_valid check (kind in (
                         'un_document', 'ngo_report', 'news_article', 'letter', 'broadcast',
                         'interview_transcript', 'recording', 'diary', 'other')),
    title            text not null constraint evidence_title_not_blank check (btrim(title) <> ''),
    original_title   text,
    author           text,
    publisher        text,
    "date"           text constraint evidence_date_valid check (inquest_private.check_partial_date("date", 'evidence', 'date')),
    date_from        date generated always as (inquest_private.partial_date_from("date")) stored,
    date_to          date generated always as (inquest_private.partial_date_to("date")) stored,
    date_precision   text generated always as (inquest_private.partial_date_precision("date")) stored,
    language         text constraint evidence_language_valid check (inquest_private.is_language_tag(language)),
    un_symbol        text constraint evidence_un_symbol_format check (inquest_private.is_un_symbol(un_symbol)),
    amnesty_index    text constraint evidence_amnesty_index_format check (inquest_private.is_amnesty_index(amnesty_index)),
    other_identifier text,
    url              text constraint evidence_url_format check (inquest_private.is_http_url(url)),
    held_at          text,
    citation         text,
    file_name        text,
    file_sha256      text constraint evidence_file_sha256_format check (inquest_private.is_sha256_hex(file_sha256)),
    file_size        bigint constraint evidence_file_size_valid check (file_size >= 0),
    notes            text,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    constraint evidence_case_unique unique (case_id, id),
    constraint evidence_file_hash_and_size check ((file_sha256 is null) = (file_size is null)),
    constraint evidence_file_name_needs_hash check (file_name is null or file_sha256 is not null)
);
comment on table inquest.evidence is
    'A source: UN document, NGO report, news article, letter, broadcast, transcript, recording, diary. Files are not stored, only their SHA-256 and size at intake.';
comment on column inquest.evidence."date" is 'Partial date of the source as it gives it (see the grammar in 0003).';
comment on column inquest.evidence.un_symbol is 'UN document symbol, e.g. A/43/705, E/CN.4/1989/26, A/RES/43/137, A/C.3/43/SR.52.';
comment on column inquest.evidence.amnesty_index is 'Amnesty International index, e.g. MDE 13/031/88, MDE 13/9421/2018.';
comment on column inquest.evidence.held_at is 'Where the item is held, e.g. "on file with Amnesty International".';
comment on column inquest.evidence.citation is 'The full reference as a source cites it.';
comment on column inquest.evidence.file_sha256 is 'SHA-256 of the file at intake, 64 lowercase hex digits.';
create unique index evidence_un_symbol_unique on inquest.evidence (case_id, un_symbol, language) nulls not distinct
    where un_symbol is not null;
create unique index evidence_amnesty_index_unique on inquest.evidence (case_id, amnesty_index, language) nulls not distinct
    where amnesty_index is not null;
create index evidence_date_idx on inquest.evidence (case_id, date_from, date_to);
create index evidence_file_sha256_idx on inquest.evidence (file_sha256) where file_sha256 is not null;

create table inquest.custody_entry (
    id            bigint generated always as identity primary key,
    key           text generated always as ('EC-' || id) stored constraint custody_entry_key_unique unique,
    case_id       bigint not null constraint custody_entry_case_fk references inquest."case" (id),
    evidence_id   bigint not null,
    at            timestamptz not null,
    action        text not null constraint custody_entry_action_valid check (action in (
                      'received', 'collected', 'copied', 'transferred', 'examined', 'hashed',
                      'sealed', 'returned', 'other')),
    received_from text,
    received_by   text,
    sha256        text constraint custody_entry_sha256_format check (inquest_private.is_sha256_hex(sha256)),
    location      text,
    note          text,
    created_at    timestamptz not null default now(),
    constraint custody_entry_case_unique unique (case_id, id),
    constraint custody_entry_evidence_fk foreign key (case_id, evidence_id) references inquest.evidence (case_id, id),
    constraint custody_entry_received_parties check (
        action not in ('received', 'transferred') or (received_from is not null and received_by is not null))
);
comment on table inquest.custody_entry is
    'Chain of custody of an evidence item, append-only: a mistake is corrected by a new entry.';
comment on column inquest.custody_entry.sha256 is 'SHA-256 of the file as observed at this moment (may differ from evidence.file_sha256: that is the point).';
comment on column inquest.custody_entry.received_from is 'SENSITIVE: may identify a protected source.';
create index custody_entry_evidence_idx on inquest.custody_entry (case_id, evidence_id, at);

create function inquest_private.custody_entry_append_only() returns trigger
language plpgsql
as $$
begin
    raise exception 'custody entry %: the chain of custody is append-only; record a correcting entry instead', old.key
        using errcode = '23514', schema = TG_TABLE_SCHEMA, table = TG_TABLE_NAME,
              constraint = 'custody_entry_append_only';
end
$$;
create trigger custody_entry_append_only before update or delete on inquest.custody_entry
    for each row execute function inquest_private.custody_entry_append_only();

create table inquest.person_name (
    id          bigint generated always as identity primary key,
    key         text generated always as ('PN-' || id) stored constraint person_name_key_unique unique,
    case_id     bigint not null constraint person_name_case_fk references inquest."case" (id),
    person_id   bigint not null,
    name        text not null constraint person_name_name_not_blank check (btrim(name) <> ''),
    given_name  text constraint person_name_given_name_not_blank check (btrim(given_name) <> ''),
    family_name text constraint person_name_family_name_not_blank check (btrim(family_name) <> ''),
    kind        text not null default 'primary' constraint person_name_kind_valid check (kind in (
                    'primary', 'alias', 'transliteration', 'source_spelling', 'pseudonym')),
    script      text not null default 'latin' constraint person_name_script_valid check (script in (
                    'latin', 'persian', 'arabic', 'other')),
    language    text constraint person_name_language_valid check (inquest_private.is_language_tag(language)),
    evidence_id bigint,
    source_note text,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    constraint person_name_case_unique unique (case_id, id),
    constraint person_name_person_fk foreign key (case_id, person_id) references inquest.person (case_id, id) on delete cascade,
    constraint person_name_evidence_fk foreign key (case_id, evidence_id) references inquest.evidence (case_id, id),
    constraint person_name_source_spelling_has_source check (
        kind <> 'source_spelling' or evidence_id is not null or source_note is not null),
    constraint person_name_script_matches check (case script
        when 'latin' then not inquest_private.has_arabic_script(name)
        when 'persian' then inquest_private.has_arabic_script(name)
        when 'arabic' then inquest_private.has_arabic_script(name)
        else true end)
);
comment on table inquest.person_name is
    'Every name of a person: primary, alias, transliteration, spelling seen in a source, Persian script. A protected person has only their pseudonym here.';
comment on column inquest.person_name.name is
    'The full name as written. For a protected person this is the pseudonym, never the real name.';
comment on column inquest.person_name.given_name is 'NULL: not known (e.g. a first secretary recorded by family name only).';
comment on column inquest.person_name.kind is
    'primary: the name used in the case (one per unprotected person); pseudonym: the only name of a protected person.';
comment on column inquest.person_name.evidence_id is 'The source in which this spelling is seen.';
-- At most one display name (primary, or pseudonym for a protected person) per person;
-- "at least one" is checked at commit by the constraint triggers person_names_check and
-- person_name_names_check below.
create unique index person_name_one_primary on inquest.person_name (person_id)
    where kind in ('primary', 'pseudonym');
create index person_name_person_idx on inquest.person_name (case_id, person_id);
create index person_name_evidence_idx on inquest.person_name (case_id, evidence_id) where evidence_id is not null;
create index person_name_search_idx on inquest.person_name using gin (lower(name) inquest_ext.gin_trgm_ops);

-- A person's names, checked at commit (deferred, so a person and their names can be
-- written in any order within a transaction).
create function inquest_private.assert_person_names(target bigint) returns void
language plpgsql
as $$
declare
    p record;
    display integer;
    other_kind text;
begin
    select id, key, protected into p from inquest.person where id = target;
    if not found then
        return;   -- deleted in this transaction
    end if;
    if p.protected then
        select kind into other_kind from inquest.person_name
         where person_id = target and kind <> 'pseudonym' limit 1;
        if found then
            raise exception 'person %: a protected person appears only under a pseudonym, but has a name of kind "%"', p.key, other_kind
                using errcode = '23514', schema = 'inquest', table = 'person_name', column = 'kind',
                      constraint = 'person_name_protected_pseudonym_only',
                      hint = 'Keep the real identity in the protected store (0004) and give the person one name of kind "pseudonym".';
        end if;
        select count(*) into display from inquest.person_name where person_id = target and kind = 'pseudonym';
        if display <> 1 then
            raise exception 'person %: a protected person needs exactly one name of kind "pseudonym" (has %)', p.key, display
                using errcode = '23514', schema = 'inquest', table = 'person_name', column = 'kind',
                      constraint = 'person_name_exactly_one_primary';
        end if;
    else
        if exists (select from inquest.person_name where person_id = target and kind = 'pseudonym') then
            raise exception 'person %: kind "pseudonym" is reserved for protected persons (use "alias")', p.key
                using errcode = '23514', schema = 'inquest', table = 'person_name', column = 'kind',
                      constraint = 'person_name_pseudonym_only_if_protected';
        end if;
        select count(*) into display from inquest.person_name where person_id = target and kind = 'primary';
        if display <> 1 then
            raise exception 'person %: every person needs exactly one name of kind "primary" (has %)', p.key, display
                using errcode = '23514', schema = 'inquest', table = 'person_name', column = 'kind',
                      constraint = 'person_name_exactly_one_primary';
        end if;
    end if;
end
$$;

create function inquest_private.check_person_names() returns trigger
language plpgsql
as $$
begin
    if TG_TABLE_NAME = 'person' then
        perform inquest_private.assert_person_names(new.id);
    else
        if TG_OP in ('UPDATE', 'DELETE') then
            perform inquest_private.assert_person_names(old.person_id);
        end if;
        if TG_OP in ('INSERT', 'UPDATE') and (TG_OP = 'INSERT' or new.person_id <> old.person_id) then
            perform inquest_private.assert_person_names(new.person_id);
        end if;
    end if;
    return null;
end
$$;
create constraint trigger person_names_check after insert or update of protected on inquest.person
    deferrable initially deferred for each row execute function inquest_private.check_person_names();
create constraint trigger person_name_names_check after insert or update or delete on inquest.person_name
    deferrable initially deferred for each row execute function inquest_private.check_person_names();

create table inquest.person_role (
    id                bigint generated always as identity primary key,
    key               text generated always as ('PR-' || id) stored constraint person_role_key_unique unique,
    case_id           bigint not null constraint person_role_case_fk references inquest."case" (id),
    person_id         bigint not null,
    role              text not null constraint person_role_role_valid check (role in (
                          'to_be_summoned', 'witness', 'victim', 'relative', 'source', 'official',
                          'alleged_perpetrator', 'other')),
    related_person_id bigint,
    relationship      text,
    note              text,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    constraint person_role_case_unique unique (case_id, id),
    constraint person_role_person_fk foreign key (case_id, person_id) references inquest.person (case_id, id) on delete cascade,
    constraint person_role_related_person_fk foreign key (case_id, related_person_id) references inquest.person (case_id, id),
    constraint person_role_unique unique (person_id, role),
    constraint person_role_related_not_self check (related_person_id <> person_id),
    constraint person_role_relationship_needs_person check (relationship is null or related_person_id is not null)
);
comment on table inquest.person_role is 'The roles a person has in the case; a relative may name the person they are related to.';
comment on column inquest.person_role.note is 'SENSITIVE for protected persons: must not identify them.';
create index person_role_person_idx on inquest.person_role (case_id, person_id);
create index person_role_related_idx on inquest.person_role (case_id, related_person_id) where related_person_id is not null;
create index person_role_role_idx on inquest.person_role (case_id, role);

create table inquest.position (
    id                      bigint generated always as identity primary key,
    key                     text generated always as ('PO-' || id) stored constraint position_key_unique unique,
    case_id                 bigint not null constraint position_case_fk references inquest."case" (id),
    person_id               bigint not null,
    title                   text not null constraint position_title_not_blank check (btrim(title) <> ''),
    body                    text,
    place                   text,
    start_date              text constraint position_start_date_valid check (inquest_private.check_partial_date(start_date, 'position', 'start_date')),
    start_date_from         date generated always as (inquest_private.partial_date_from(start_date)) stored,
    start_date_to           date generated always as (inquest_private.partial_date_to(start_date)) stored,
    end_date                text constraint position_end_date_valid check (inquest_private.check_partial_date(end_date, 'position', 'end_date')),
    end_date_from           date generated always as (inquest_private.partial_date_from(end_date)) stored,
    end_date_to             date generated always as (inquest_private.partial_date_to(end_date)) stored,
    attested                text constraint position_attested_valid check (inquest_private.check_partial_date(attested, 'position', 'attested')),
    attested_from           date generated always as (inquest_private.partial_date_from(attested)) stored,
    attested_to             date generated always as (inquest_private.partial_date_to(attested)) stored,
    evidence_id             bigint,
    source_note             text,
    notes                   text,
    created_at              timestamptz not null default now(),
    updated_at              timestamptz not null default now(),
    constraint position_case_unique unique (case_id, id),
    constraint position_person_unique unique (case_id, person_id, id),
    constraint position_person_fk foreign key (case_id, person_id) references inquest.person (case_id, id) on delete cascade,
    constraint position_evidence_fk foreign key (case_id, evidence_id) references inquest.evidence (case_id, id),
    constraint position_dates_ordered check (start_date_from is null or end_date_to is null or start_date_from <= end_date_to)
);
comment on table inquest.position is
    'A post held: title, body, place; start/end when known, and the period in which a source attests it (e.g. "the then chargé d''affaires in Ottawa", 1988-12).';
comment on column inquest.position.start_date is 'Partial date the post began (NULL: unknown).';
comment on column inquest.position.end_date is 'Partial date the post ended (NULL: unknown or still held).';
comment on column inquest.position.attested is 'Partial date or range in which a source shows the person in this post, when start and end are unknown.';
create index position_person_idx on inquest.position (case_id, person_id);
create index position_evidence_idx on inquest.position (case_id, evidence_id) where evidence_id is not null;
create index position_dates_idx on inquest.position (case_id, start_date_from, end_date_to);

------------------------------------------------------------------------------------------
-- Summonses and disclosure requests
------------------------------------------------------------------------------------------

create table inquest.summons (
    id             bigint generated always as identity primary key,
    key            text generated always as ('S-' || id) stored constraint summons_key_unique unique,
    case_id        bigint not null constraint summons_case_fk references inquest."case" (id),
    person_id      bigint not null,
    status         text not null default 'draft' constraint summons_status_valid check (status in (
                       'draft', 'issued', 'served', 'appeared', 'declined', 'failed_to_appear', 'withdrawn')),
    issued_on      date,
    served_on      date,
    appear_by      date,
    service_method text constraint summons_service_method_valid check (service_method in (
                       'in_person', 'registered_post', 'email', 'diplomatic_channel', 'through_counsel',
                       'public_notice', 'other')),
    legal_basis    text,
    immunity       text not null default 'none' constraint summons_immunity_valid check (immunity in (
                       'none', 'claimed', 'waiver_requested', 'waived', 'waiver_refused')),
    immunity_note  text,
    purpose        text,
    notes          text,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    constraint summons_case_unique unique (case_id, id),
    constraint summons_person_unique unique (case_id, person_id, id),
    constraint summons_person_fk foreign key (case_id, person_id) references inquest.person (case_id, id),
    constraint summons_issued_on_required check (
        status not in ('issued', 'served', 'appeared', 'declined', 'failed_to_appear') or issued_on is not null),
    constraint summons_legal_basis_required check (
        status not in ('issued', 'served', 'appeared', 'declined', 'failed_to_appear') or legal_basis is not null),
    constraint summons_served_on_required check (
        status not in ('served', 'appeared', 'declined', 'failed_to_appear') or served_on is not null),
    constraint summons_service_method_required check (
        status not in ('served', 'appeared', 'declined', 'failed_to_appear') or service_method is not null),
    constraint summons_served_after_issued check (served_on >= issued_on),
    constraint summons_appear_by_after_issued check (appear_by >= issued_on),
    constraint summons_served_needs_issued check (served_on is null or issued_on is not null)
);
comment on table inquest.summons is
    'A summons to one person in one case. Status: draft -> issued -> served -> appeared | declined | failed_to_appear; withdrawn from any non-final state.';
create index summons_person_idx on inquest.summons (case_id, person_id);
create index summons_status_idx on inquest.summons (case_id, status);
create trigger summons_status_transition before insert or update of status on inquest.summons
    for each row execute function inquest_private.enforce_status_transition(
        'summons', 'draft',
        'draft>issued,draft>withdrawn,issued>served,issued>withdrawn,'
        'served>appeared,served>declined,served>failed_to_appear,served>withdrawn');

create table inquest.disclosure_request (
    id           bigint generated always as identity primary key,
    key          text generated always as ('D-' || id) stored constraint disclosure_request_key_unique unique,
    case_id      bigint not null constraint disclosure_request_case_fk references inquest."case" (id),
    person_id    bigint not null,
    summons_id   bigint,
    topic        text not null constraint disclosure_request_topic_valid check (topic in (
                     'knew_what_when', 'instructions_received', 'who_instructed', 'reports_to_capital',
                     'responses_received', 'other')),
    question     text not null constraint disclosure_request_question_not_blank check (btrim(question) <> ''),
    requested_on date not null,
    due_on       date,
    status       text not null default 'open' constraint disclosure_request_status_valid check (status in (
                     'open', 'partially_answered', 'answered', 'refused', 'withdrawn')),
    notes        text,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    constraint disclosure_request_case_unique unique (case_id, id),
    constraint disclosure_request_person_fk foreign key (case_id, person_id) references inquest.person (case_id, id),
    -- The summons, when given, is in the same case and addressed to the same person.
    constraint disclosure_request_summons_fk foreign key (case_id, person_id, summons_id)
        references inquest.summons (case_id, person_id, id),
    constraint disclosure_request_due_after_requested check (due_on >= requested_on)
);
comment on table inquest.disclosure_request is
    'A question put to a person (what they knew and when, instructions received and from whom, reports to the capital, responses). Overdue is derived: see disclosure_request_status.';
comment on column inquest.disclosure_request.summons_id is 'Optional; must be a summons to the same person in the same case.';
create index disclosure_request_person_idx on inquest.disclosure_request (case_id, person_id);
create index disclosure_request_summons_idx on inquest.disclosure_request (case_id, person_id, summons_id) where summons_id is not null;
create index disclosure_request_due_idx on inquest.disclosure_request (case_id, due_on) where status in ('open', 'partially_answered');
create trigger disclosure_request_status_transition before insert or update of status on inquest.disclosure_request
    for each row execute function inquest_private.enforce_status_transition(
        'disclosure request', 'open',
        'open>partially_answered,open>answered,open>refused,open>withdrawn,'
        'partially_answered>answered,partially_answered>refused,partially_answered>withdrawn');

------------------------------------------------------------------------------------------
-- Testimony
------------------------------------------------------------------------------------------

create table inquest.testimony_session (
    id                   bigint generated always as identity primary key,
    key                  text generated always as ('T-' || id) stored constraint testimony_session_key_unique unique,
    case_id              bigint not null constraint testimony_session_case_fk references inquest."case" (id),
    deponent_id          bigint not null,
    interviewers         text[] not null default '{}' constraint testimony_session_interviewers_not_blank check (inquest_private.no_blank_elements(interviewers)),
    interpreter          text,
    languages            text[] not null default '{}' constraint testimony_session_languages_valid check (inquest_private.are_language_tags(languages)),
    place                text,
    mode                 text not null default 'in_person' constraint testimony_session_mode_valid check (mode in ('in_person', 'remote')),
    scheduled_at         timestamptz,
    started_at           timestamptz,
    ended_at             timestamptz,
    status               text not null default 'scheduled' constraint testimony_session_status_valid check (status in (
                             'scheduled', 'held', 'adjourned', 'cancelled')),
    consent_given_at     timestamptz,
    consent_scope        text,
    consent_withdrawn_at timestamptz,
    protective_measures  text[] not null default '{}' constraint testimony_session_protective_measures_not_blank check (inquest_private.no_blank_elements(protective_measures)),
    notes                text,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now(),
    constraint testimony_session_case_unique unique (case_id, id),
    constraint testimony_session_deponent_fk foreign key (case_id, deponent_id) references inquest.person (case_id, id),
    constraint testimony_session_ended_after_started check (ended_at is null or (started_at is not null and ended_at >= started_at)),
    constraint testimony_session_held_needs_start check (status <> 'held' or started_at is not null),
    constraint testimony_session_held_needs_consent check (status <> 'held' or consent_given_at is not null),
    constraint testimony_session_consent_scope_needs_consent check (consent_scope is null or consent_given_at is not null),
    constraint testimony_session_consent_withdrawn_after_given check (
        consent_withdrawn_at is null or (consent_given_at is not null and consent_withdrawn_at >= consent_given_at))
);
comment on table inquest.testimony_session is
    'A testimony session. Status: scheduled -> held | adjourned | cancelled; adjourned -> scheduled | held | cancelled. Held requires a start time and recorded consent.';
comment on column inquest.testimony_session.place is 'SENSITIVE: the location of a protected witness''s testimony can endanger them.';
comment on column inquest.testimony_session.interpreter is 'SENSITIVE: may identify the deponent''s community; never the deponent''s real name.';
comment on column inquest.testimony_session.protective_measures is 'e.g. pseudonym, voice distortion, closed session, undisclosed location.';
comment on column inquest.testimony_session.notes is 'SENSITIVE for protected deponents: must not identify them.';
create index testimony_session_deponent_idx on inquest.testimony_session (case_id, deponent_id);
create index testimony_session_scheduled_idx on inquest.testimony_session (case_id, scheduled_at);
create trigger testimony_session_status_transition before insert or update of status on inquest.testimony_session
    for each row execute function inquest_private.enforce_status_transition(
        'testimony session', 'scheduled,held',
        'scheduled>held,scheduled>adjourned,scheduled>cancelled,'
        'adjourned>scheduled,adjourned>held,adjourned>cancelled');

create table inquest.transcript_segment (
    id                   bigint generated always as identity primary key,
    key                  text generated always as ('TS-' || id) stored constraint transcript_segment_key_unique unique,
    case_id              bigint not null constraint transcript_segment_case_fk references inquest."case" (id),
    session_id           bigint not null,
    ordinal              integer not null constraint transcript_segment_ordinal_positive check (ordinal > 0),
    time_offset          interval constraint transcript_segment_time_offset_valid check (time_offset >= interval '0'),
    speaker              text not null constraint transcript_segment_speaker_not_blank check (btrim(speaker) <> ''),
    speaker_person_id    bigint,
    original_text        text not null,
    original_language    text constraint transcript_segment_original_language_valid check (inquest_private.is_language_tag(original_language)),
    translation          text,
    translation_language text constraint transcript_segment_translation_language_valid check (inquest_private.is_language_tag(translation_language)),
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now(),
    constraint transcript_segment_case_unique unique (case_id, id),
    constraint transcript_segment_session_fk foreign key (case_id, session_id) references inquest.testimony_session (case_id, id) on delete cascade,
    constraint transcript_segment_speaker_person_fk foreign key (case_id, speaker_person_id) references inquest.person (case_id, id),
    constraint transcript_segment_ordinal_unique unique (session_id, ordinal)
);
comment on table inquest.transcript_segment is 'A transcript as ordered segments (ordinal unique per session) with time offsets, speaker, original text and translation.';
comment on column inquest.transcript_segment.speaker is 'Speaker label as in the transcript. SENSITIVE: for a protected deponent use the pseudonym, never the real name.';
comment on column inquest.transcript_segment.original_text is 'SENSITIVE: may identify a protected deponent.';
comment on column inquest.transcript_segment.translation is 'SENSITIVE: may identify a protected deponent.';
create index transcript_segment_speaker_idx on inquest.transcript_segment (case_id, speaker_person_id) where speaker_person_id is not null;
create index transcript_segment_session_idx on inquest.transcript_segment (case_id, session_id);

create table inquest.disclosure_response (
    id                   bigint generated always as identity primary key,
    key                  text generated always as ('DR-' || id) stored constraint disclosure_response_key_unique unique,
    case_id              bigint not null constraint disclosure_response_case_fk references inquest."case" (id),
    request_id           bigint not null,
    received_on          date not null,
    response_text        text not null constraint disclosure_response_response_text_not_blank check (btrim(response_text) <> ''),
    received_via         text not null constraint disclosure_response_received_via_valid check (received_via in (
                             'letter', 'email', 'in_person', 'testimony', 'counsel', 'public_statement', 'other')),
    testimony_session_id bigint,
    evidence_id          bigint,
    notes                text,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now(),
    constraint disclosure_response_case_unique unique (case_id, id),
    constraint disclosure_response_request_fk foreign key (case_id, request_id) references inquest.disclosure_request (case_id, id) on delete cascade,
    constraint disclosure_response_testimony_session_fk foreign key (case_id, testimony_session_id) references inquest.testimony_session (case_id, id),
    constraint disclosure_response_evidence_fk foreign key (case_id, evidence_id) references inquest.evidence (case_id, id)
);
comment on table inquest.disclosure_response is 'A response to a disclosure request, as received over time.';
comment on column inquest.disclosure_response.evidence_id is 'The letter or document in which the response arrived, if kept as evidence.';
create index disclosure_response_request_idx on inquest.disclosure_response (case_id, request_id, received_on);
create index disclosure_response_session_idx on inquest.disclosure_response (case_id, testimony_session_id) where testimony_session_id is not null;
create index disclosure_response_evidence_idx on inquest.disclosure_response (case_id, evidence_id) where evidence_id is not null;

------------------------------------------------------------------------------------------
-- Chronology
------------------------------------------------------------------------------------------

create table inquest.event (
    id             bigint generated always as identity primary key,
    key            text generated always as ('EV-' || id) stored constraint event_key_unique unique,
    case_id        bigint not null constraint event_case_fk references inquest."case" (id),
    kind           text not null constraint event_kind_valid check (kind in (
                       'meeting', 'report_issued', 'resolution', 'broadcast', 'interview', 'letter',
                       'article', 'execution', 'other')),
    title          text not null constraint event_title_not_blank check (btrim(title) <> ''),
    "date"         text constraint event_date_valid check (inquest_private.check_partial_date("date", 'event', 'date')),
    date_from      date generated always as (inquest_private.partial_date_from("date")) stored,
    date_to        date generated always as (inquest_private.partial_date_to("date")) stored,
    date_precision text generated always as (inquest_private.partial_date_precision("date")) stored,
    place          text,
    description    text,
    notes          text,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    constraint event_case_unique unique (case_id, id)
);
comment on table inquest.event is 'A dated event in the chronology: meeting, report issued, resolution, broadcast, interview, letter, article, execution.';
comment on column inquest.event."date" is 'Partial date as the sources give it (NULL: not known).';
create index event_date_idx on inquest.event (case_id, date_from, date_to);

create table inquest.event_participant (
    id          bigint generated always as identity primary key,
    key         text generated always as ('EP-' || id) stored constraint event_participant_key_unique unique,
    case_id     bigint not null constraint event_participant_case_fk references inquest."case" (id),
    event_id    bigint not null,
    person_id   bigint,
    participant text,
    role        text not null constraint event_participant_role_valid check (role in (
                    'attendee', 'speaker', 'author', 'sender', 'addressee', 'recipient', 'interviewer',
                    'interviewee', 'organiser', 'subject', 'other')),
    note        text,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    constraint event_participant_case_unique unique (case_id, id),
    constraint event_participant_event_fk foreign key (case_id, event_id) references inquest.event (case_id, id) on delete cascade,
    constraint event_participant_person_fk foreign key (case_id, person_id) references inquest.person (case_id, id),
    constraint event_participant_who check (person_id is not null or coalesce(btrim(participant), '') <> '')
);
comment on table inquest.event_participant is 'Who took part in an event and how: a person of the case, or a named body or group (participant, e.g. "Amnesty International delegates").';
create unique index event_participant_unique on inquest.event_participant (event_id, person_id, participant, role) nulls not distinct;
create index event_participant_person_idx on inquest.event_participant (case_id, person_id) where person_id is not null;
create index event_participant_event_idx on inquest.event_participant (case_id, event_id);

create table inquest.statement (
    id             bigint generated always as identity primary key,
    key            text generated always as ('ST-' || id) stored constraint statement_key_unique unique,
    case_id        bigint not null constraint statement_case_fk references inquest."case" (id),
    person_id      bigint not null,
    position_id    bigint,
    event_id       bigint,
    "date"         text constraint statement_date_valid check (inquest_private.check_partial_date("date", 'statement', 'date')),
    date_from      date generated always as (inquest_private.partial_date_from("date")) stored,
    date_to        date generated always as (inquest_private.partial_date_to("date")) stored,
    date_precision text generated always as (inquest_private.partial_date_precision("date")) stored,
    venue          text,
    medium         text not null constraint statement_medium_valid check (medium in (
                       'meeting', 'speech', 'interview', 'broadcast', 'press', 'letter', 'document',
                       'diary', 'testimony', 'other')),
    audience       text,
    quotation      text,
    wording        text not null default 'verbatim' constraint statement_wording_valid check (wording in ('verbatim', 'paraphrase')),
    language       text constraint statement_language_valid check (inquest_private.is_language_tag(language)),
    translation    text,
    summary        text,
    classification text[] not null constraint statement_classification_valid check (
                       cardinality(classification) > 0
                       and classification <@ array['denial', 'misinformation', 'acknowledgement', 'other']),
    notes          text,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    constraint statement_case_unique unique (case_id, id),
    constraint statement_person_fk foreign key (case_id, person_id) references inquest.person (case_id, id),
    -- The post the person spoke in, when known, is one of that person's posts.
    constraint statement_position_fk foreign key (case_id, person_id, position_id) references inquest.position (case_id, person_id, id),
    constraint statement_event_fk foreign key (case_id, event_id) references inquest.event (case_id, id),
    constraint statement_has_content check (coalesce(btrim(quotation), '') <> '' or coalesce(btrim(summary), '') <> ''),
    constraint statement_translation_needs_quotation check (translation is null or quotation is not null)
);
comment on table inquest.statement is
    'A statement by a person: when, where, through what medium, to whom, the words (quotation, verbatim or paraphrase, with language and translation) and its classification (one or more of denial, misinformation, acknowledgement, other).';
comment on column inquest.statement.position_id is 'The post the person held when speaking (one of their positions).';
comment on column inquest.statement.event_id is 'The event at which the statement was made, if any (a meeting, a broadcast).';
create index statement_person_idx on inquest.statement (case_id, person_id, date_from);
create index statement_position_idx on inquest.statement (case_id, person_id, position_id) where position_id is not null;
create index statement_event_idx on inquest.statement (case_id, event_id) where event_id is not null;
create index statement_date_idx on inquest.statement (case_id, date_from, date_to);
create index statement_classification_idx on inquest.statement using gin (classification);

------------------------------------------------------------------------------------------
-- Links: evidence <-> what it supports
------------------------------------------------------------------------------------------

create table inquest.evidence_link (
    id                    bigint generated always as identity primary key,
    key                   text generated always as ('L-' || id) stored constraint evidence_link_key_unique unique,
    case_id               bigint not null constraint evidence_link_case_fk references inquest."case" (id),
    evidence_id           bigint not null,
    person_id             bigint,
    statement_id          bigint,
    event_id              bigint,
    transcript_segment_id bigint,
    disclosure_request_id bigint,
    summons_id            bigint,
    relation              text not null constraint evidence_link_relation_valid check (relation in (
                              'mentions', 'corroborates', 'contradicts', 'notified', 'authored',
                              'addressed_to', 'participated')),
    locator               text,
    excerpt               text,
    stated_date           text constraint evidence_link_stated_date_valid check (inquest_private.check_partial_date(stated_date, 'evidence_link', 'stated_date')),
    stated_date_from      date generated always as (inquest_private.partial_date_from(stated_date)) stored,
    stated_date_to        date generated always as (inquest_private.partial_date_to(stated_date)) stored,
    note                  text,
    created_at            timestamptz not null default now(),
    updated_at            timestamptz not null default now(),
    constraint evidence_link_case_unique unique (case_id, id),
    constraint evidence_link_evidence_fk foreign key (case_id, evidence_id) references inquest.evidence (case_id, id),
    constraint evidence_link_person_fk foreign key (case_id, person_id) references inquest.person (case_id, id),
    constraint evidence_link_statement_fk foreign key (case_id, statement_id) references inquest.statement (case_id, id),
    constraint evidence_link_event_fk foreign key (case_id, event_id) references inquest.event (case_id, id),
    constraint evidence_link_transcript_segment_fk foreign key (case_id, transcript_segment_id) references inquest.transcript_segment (case_id, id),
    constraint evidence_link_disclosure_request_fk foreign key (case_id, disclosure_request_id) references inquest.disclosure_request (case_id, id),
    constraint evidence_link_summons_fk foreign key (case_id, summons_id) references inquest.summons (case_id, id),
    constraint evidence_link_exactly_one_target check (
        num_nonnulls(person_id, statement_id, event_id, transcript_segment_id, disclosure_request_id, summons_id) = 1),
    constraint evidence_link_relation_needs_person check (
        relation not in ('notified', 'authored', 'addressed_to', 'participated') or person_id is not null)
);
comment on table inquest.evidence_link is
    'Evidence <-> exactly one of: person, statement, event, transcript segment, disclosure request, summons; with the relation, the locator (page, paragraph, minute) and the exact passage.';
comment on column inquest.evidence_link.locator is 'Where in the evidence: "p. 5", "para. 47", "minute 2:46".';
comment on column inquest.evidence_link.excerpt is 'The exact passage that supports the claim.';
comment on column inquest.evidence_link.stated_date is 'The date as this source states it, when sources disagree (partial date).';
comment on column inquest.evidence_link.relation is 'notified, authored, addressed_to and participated relate the evidence to a person.';
create unique index evidence_link_unique on inquest.evidence_link (
    evidence_id, relation, person_id, statement_id, event_id, transcript_segment_id,
    disclosure_request_id, summons_id, locator) nulls not distinct;
create index evidence_link_evidence_idx on inquest.evidence_link (case_id, evidence_id);
create index evidence_link_person_idx on inquest.evidence_link (case_id, person_id) where person_id is not null;
create index evidence_link_statement_idx on inquest.evidence_link (case_id, statement_id) where statement_id is not null;
create index evidence_link_event_idx on inquest.evidence_link (case_id, event_id) where event_id is not null;
create index evidence_link_transcript_segment_idx on inquest.evidence_link (case_id, transcript_segment_id) where transcript_segment_id is not null;
create index evidence_link_disclosure_request_idx on inquest.evidence_link (case_id, disclosure_request_id) where disclosure_request_id is not null;
create index evidence_link_summons_idx on inquest.evidence_link (case_id, summons_id) where summons_id is not null;

------------------------------------------------------------------------------------------
-- updated_at and case_id guards on every table of this file
------------------------------------------------------------------------------------------

do $$
declare
    t text;
begin
    foreach t in array array['person', 'evidence', 'custody_entry', 'person_name', 'person_role',
                             'position', 'summons', 'disclosure_request', 'testimony_session',
                             'transcript_segment', 'disclosure_response', 'event',
                             'event_participant', 'statement', 'evidence_link'] loop
        execute format('create trigger %I before update of case_id on inquest.%I '
                       'for each row execute function inquest_private.keep_case()',
                       t || '_case_fixed', t);
        if t <> 'custody_entry' then
            execute format('create trigger %I before update on inquest.%I '
                           'for each row execute function inquest_private.touch_updated_at()',
                           t || '_touch_updated_at', t);
        end if;
    end loop;
end
$$;

------------------------------------------------------------------------------------------
-- Views (security_invoker: they see what the caller may see, nothing more)
------------------------------------------------------------------------------------------

-- Disclosure requests with what is derived at query time: overdue, days overdue, responses.
create view inquest.disclosure_request_status with (security_invoker = true) as
select r.id, r.key, r.case_id, r.person_id, r.summons_id, r.topic, r.question,
       r.requested_on, r.due_on, r.status,
       coalesce(r.due_on < current_date and r.status in ('open', 'partially_answered'), false) as overdue,
       case when r.due_on < current_date and r.status in ('open', 'partially_answered')
            then current_date - r.due_on end as days_overdue,
       (select count(*) from inquest.disclosure_response x
         where x.case_id = r.case_id and x.request_id = r.id) as response_count,
       (select max(x.received_on) from inquest.disclosure_response x
         where x.case_id = r.case_id and x.request_id = r.id) as last_response_on,
       r.created_at, r.updated_at
  from inquest.disclosure_request r;
comment on view inquest.disclosure_request_status is
    'Disclosure requests with overdue (due_on before today and status open or partially_answered), computed when read, never stored.';

-- Each person with the name they are shown under (the primary name, or the pseudonym of a
-- protected person).
create view inquest.person_display with (security_invoker = true) as
select p.id, p.key, p.case_id, n.name as display_name, p.protected, p.name_known,
       p.description, p.created_at, p.updated_at
  from inquest.person p
  left join inquest.person_name n
    on n.case_id = p.case_id and n.person_id = p.id and n.kind in ('primary', 'pseudonym');
comment on view inquest.person_display is 'Each person with the one name they are shown under.';

-- One time line per person: posts, events they took part in, what evidence notified them
-- of or addressed to them, their statements, summonses and disclosure requests. Answers
-- "what was this person told, and when, and what did they say afterwards" in one query:
--   select * from inquest.person_timeline where person_id = $1 order by date_from nulls last, date_to;
create view inquest.person_timeline with (security_invoker = true) as
select po.case_id, po.person_id, 'position'::text as entry, po.key as record_key,
       coalesce(po.start_date || '/' || po.end_date, po.start_date, po.attested, po.end_date) as "date",
       coalesce(po.start_date_from, po.attested_from, po.end_date_from) as date_from,
       coalesce(po.end_date_to, po.attested_to, po.start_date_to) as date_to,
       concat_ws(', ', po.title, po.body, po.place) as summary
  from inquest.position po
union all
select ep.case_id, ep.person_id, 'event:' || ep.role, ev.key, ev."date", ev.date_from, ev.date_to,
       ev.title
  from inquest.event_participant ep
  join inquest.event ev on ev.case_id = ep.case_id and ev.id = ep.event_id
 where ep.person_id is not null
union all
select l.case_id, l.person_id, 'evidence:' || l.relation, e.key,
       coalesce(l.stated_date, e."date"), coalesce(l.stated_date_from, e.date_from),
       coalesce(l.stated_date_to, e.date_to),
       concat_ws(' — ', e.title, l.locator)
  from inquest.evidence_link l
  join inquest.evidence e on e.case_id = l.case_id and e.id = l.evidence_id
 where l.person_id is not null
union all
select s.case_id, s.person_id, 'statement:' || array_to_string(s.classification, '+'), s.key,
       s."date", s.date_from, s.date_to, coalesce(s.quotation, s.summary)
  from inquest.statement s
union all
select su.case_id, su.person_id, 'summons:' || su.status, su.key,
       su.issued_on::text, su.issued_on, su.issued_on, su.purpose
  from inquest.summons su
union all
select d.case_id, d.person_id, 'disclosure_request:' || d.status, d.key,
       d.requested_on::text, d.requested_on, d.requested_on, d.question
  from inquest.disclosure_request d;
comment on view inquest.person_timeline is
    'Everything dated about a person, one row per entry, for "what was this person told, when, and what did they say afterwards".';

------------------------------------------------------------------------------------------
-- Privileges. 0002 revokes EXECUTE from PUBLIC on new functions in our schemas, and new
-- views grant nothing: the roles that read and write case records get what the checks,
-- generated columns, triggers and views of this file need. None of these functions is
-- SECURITY DEFINER; they run with the caller's rights and only compute or validate.
------------------------------------------------------------------------------------------

grant execute on function
    inquest_private.partial_date_point(text),
    inquest_private.partial_date_parse(text),
    inquest_private.parse_partial_date(text),
    inquest_private.partial_date_from(text),
    inquest_private.partial_date_to(text),
    inquest_private.partial_date_precision(text),
    inquest_private.check_partial_date(text, text, text),
    inquest_private.is_un_symbol(text),
    inquest_private.is_amnesty_index(text),
    inquest_private.is_http_url(text),
    inquest_private.is_sha256_hex(text),
    inquest_private.is_language_tag(text),
    inquest_private.are_language_tags(text[]),
    inquest_private.no_blank_elements(text[]),
    inquest_private.has_arabic_script(text),
    inquest_private.assert_person_names(bigint)
    to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

grant select on inquest.disclosure_request_status, inquest.person_display, inquest.person_timeline
    to inquest_admin, inquest_investigator, inquest_auditor;
