-- 0018 Names matched as people write them; dates as the sources give them (issue 13).
--
-- A. NAME FOLDING, version 3 (fold_name; 0005 documents the rule, these are the changes):
--   - "FAMILY, Given" (one comma) is read as "Given FAMILY" (lists sorted by family name).
--   - dj -> j anywhere in a Latin name, not only at the start (Rafsandjani, Sadjadi).
--   - doubled letters collapse except an h after k s c z g: "shh" is sh + h (ری‌شهری,
--     Reyshahri), not a doubled h.
--   - c before e, i, y -> s (Cyrus = Sirus), other c -> k as before; a y between two
--     consonants is a vowel (Cyrus, Syrus -> sirus).
--   - a word-initial e before a consonant -> i (Esmail = Ismail, Eslami = Islami,
--     Ebrahim = Ibrahim, Ezzatollah = Izzatullah): Persian's initial kasra, written e or i.
--   - الله in Persian script is read "allah" (عزت‌الله = Ezzatollah).
--   - the suffix rule -nia -> -ia of 0005 leaves the folded key (it made Karimi-Nia
--     skeleton-equal to Karimi, and Raeisi-Nia to Raeisi) for the loose key below.
--   A new key, name_loose_key (the folded key with gh and k as one letter, dh as z, -nia
--   as -ia), makes q/k spellings (Qassem, Kassem, Ghasem), Arabic dh (Kadhim / Kazem) and
--   the source's Raessinia / Raeisia meet at a tier of their own, below the folded key:
--   ق and ک are different letters, and Mottaki and Mottaghi different names.
--
-- B. MATCH QUALITY (inquest_private.name_match): one rule for search and the duplicate
--   report, scored so that a tier never outranks a better one:
--     exact     names equal ignoring case and runs of spaces                 1.00
--     folded    folded keys equal (spaces ignored)                           0.97
--     loose     loose keys equal (q/gh/k, dh/z)                              0.90
--     skeleton  consonant skeletons equal across scripts, and the long i
--               (Persian ی) in the same places                               0.88
--     similar   trigram similarity of the folded spellings (x 0.85), word
--               similarity (a part of the name: x 0.75), or, across scripts, of
--               the skeletons (x 0.80); a skeleton match whose long vowels
--               disagree (حسن / Hossein, کرمی / Karimi) lands here           < 0.85
--   Persian script writes long vowels and not short ones: حسن (Hassan) and حسین
--   (Hossein) share the skeleton "hsn", and only the ی tells them apart. Latin spellings
--   write i for ی (and ei, ey, ee), so the "i-key" (the skeleton keeping i) separates them.
--   Ties are broken by the symmetric similarity of the whole folded spellings, then a name
--   in the query's own script first, then the closer length, then the name's text, then
--   the person's key: the order never depends on the order records were loaded in.
--
-- C. DISTINCT PERSONS. inquest.person_distinct records that two persons of a case are
--   different people (with who said so and why): likely_duplicate_persons no longer
--   reports them, and `person add` / `import persons` accept a likely duplicate only
--   with such an assertion (or by linking the name to the existing person).
--
-- D. PARTIAL DATES: open and unknown ends, certainty and margins (see section D below).

------------------------------------------------------------------------------
-- A. Folding
------------------------------------------------------------------------------
create or replace function inquest_private.fold_persian(value text) returns text
language plpgsql immutable strict parallel safe
set search_path = pg_catalog, pg_temp
as $$
declare
  s text := value;
begin
  -- harakat, superscript alef, tatweel; Arabic letter variants to Persian ones
  s := pg_catalog.regexp_replace(s, '[\u064B-\u065F\u0670\u0640]', '', 'g');
  s := pg_catalog.translate(s, 'يىكةأإٱ', 'ییکهاا' || 'ا');
  -- the theophoric الله (Abdollah, Ruhollah, Ezzatollah), read as it is said
  s := pg_catalog.replace(s, 'الله', 'allah');
  -- position-dependent letters (a word starts after a space, a ZWNJ or a hyphen)
  s := pg_catalog.regexp_replace(s, '(^|[\s\u200c\u200d-])و', '\1v', 'g');
  s := pg_catalog.regexp_replace(s, '(^|[\s\u200c\u200d-])ی', '\1y', 'g');
  s := pg_catalog.regexp_replace(s, 'ه($|[\s\u200c\u200d-])', 'e\1', 'g');
  -- ZWNJ / ZWJ join the parts of one word
  s := pg_catalog.regexp_replace(s, '[\u200c\u200d]', '', 'g');
  -- letters written with two Latin letters
  s := pg_catalog.replace(s, 'خ', 'kh');
  s := pg_catalog.replace(s, 'ش', 'sh');
  s := pg_catalog.replace(s, 'چ', 'ch');
  s := pg_catalog.replace(s, 'ژ', 'zh');
  s := pg_catalog.replace(s, 'غ', 'gh');
  s := pg_catalog.replace(s, 'ق', 'gh');
  -- one letter each; ع and hamza (ء) disappear, as in most Latin spellings
  s := pg_catalog.translate(s, 'ابپتثجحدذرزسصضطظفکگلمنوهیآؤئعء',
                               'abpt' || 'sjhdzrzssztzfkglmnuhiaui');
  return s;
end
$$;

create or replace function inquest_private.fold_name(value text) returns text
language plpgsql immutable strict parallel safe
set search_path = pg_catalog, pg_temp
as $$
declare
  s text := value;
begin
  if inquest_private.has_arabic_script(s) then
    s := inquest_private.fold_persian(s);
  end if;
  -- Only names with letters beyond ASCII need the accent table.
  if s ~ '[^\x01-\x7f]' then
    s := pg_catalog.regexp_replace(s, '[\u0300-\u036f]', '', 'g');   -- combining marks
    s := pg_catalog.regexp_replace(s, '[šŠşŞ]', 'sh', 'g');
    s := pg_catalog.regexp_replace(s, '[čČ]', 'ch', 'g');
    s := pg_catalog.regexp_replace(s, '[žŽ]', 'zh', 'g');
    s := pg_catalog.regexp_replace(s, '[ḫḪẖḵḴ]', 'kh', 'g');
    s := pg_catalog.regexp_replace(s, '[ġĠ]', 'gh', 'g');
    s := pg_catalog.replace(s, 'ß', 'ss');
    s := pg_catalog.regexp_replace(s, '[æÆ]', 'ae', 'g');
    s := pg_catalog.regexp_replace(s, '[œŒ]', 'oe', 'g');
    s := pg_catalog.translate(s,
      'àÀáÁâÂãÃäÄåÅāĀăĂąĄǎǍạẠảẢấẤầẦẩẨẫẪậẬắẮằẰẳẲẵẴặẶèÈéÉêÊëËēĒĕĔėĖęĘěĚẹẸẻẺẽẼếẾềỀểỂễỄệỆìÌíÍîÎïÏīĪĭĬįĮıǐǏịỊỉỈĩĨòÒóÓôÔõÕöÖøØōŌŏŎőŐǒǑọỌỏỎốỐồỒổỔỗỖộỘớỚờỜởỞỡỠợỢùÙúÚûÛüÜūŪŭŬůŮűŰųŲǔǓụỤủỦưƯứỨừỪửỬữỮựỰũŨýÝÿŸŷŶỳỲçÇćĆĉĈċĊďĎđĐḍḌğĞĝĜģĢḥḤħĦĵĴķĶḳḲĺĹļĻľĽłŁñÑńŃņŅňŇṇṆŕŔřŘṛṚśŚŝŜşŞșȘṣṢťŤţŢțȚṭṬźŹżŻẓẒẕẔ',
      'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeiiiiiiiiiiiiiiiiiiiiiiioooooooooooooooooooooooooooooooooooooooooooouuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuyyyyyyyyccccccccddddddgggggghhhhjjkkkkllllllllnnnnnnnnnnrrrrrrssssssssssttttttttzzzzzzzz');
  end if;
  s := pg_catalog.lower(s);
  -- "FAMILY, Given" as lists print it: one comma, a word on each side
  s := pg_catalog.regexp_replace(s, '^\s*([^,]*[^,\s])\s*,\s*([^,]*[^,\s])\s*$', '\2 \1');
  -- apostrophes, ʿayn and hamza marks vanish; any other punctuation separates words
  s := pg_catalog.regexp_replace(s, '[''’‘`´ʿʾʼʻ"]', '', 'g');
  s := pg_catalog.btrim(pg_catalog.regexp_replace(s, '[^a-z0-9]+', ' ', 'g'));
  -- consonant spellings
  -- French Djafar, Rafsandjani (in Latin letters only: محمدجعفر writes d + j)
  if not inquest_private.has_arabic_script(value) then
    s := pg_catalog.replace(s, 'dj', 'j');
  end if;
  s := pg_catalog.regexp_replace(s, '([b-df-gj-np-tv-z])\1+', '\1', 'g');  -- doubled consonants
  s := pg_catalog.regexp_replace(s, '(?<![kscgz])hh+', 'h', 'g');          -- (sh + h is not a double)
  s := pg_catalog.replace(s, 'tch', 'ch');
  s := pg_catalog.replace(s, 'x', 'kh');
  s := pg_catalog.replace(s, 'q', 'gh');
  s := pg_catalog.regexp_replace(s, 'c(?=[eiy])', 's', 'g');               -- Cyrus
  s := pg_catalog.regexp_replace(s, 'c(?!h)', 'k', 'g');
  -- the theophoric -ollah (Abdollah, Abdullah, Abd-Allah, Ruhollah)
  s := pg_catalog.regexp_replace(s, '([a-z]) ?[aeou](llah?|lah)(?![a-z])', '\1ula', 'g');
  -- Persian's initial kasra: Esmail = Ismail, Eslami = Islami
  s := pg_catalog.regexp_replace(s, '(^| )e(?=[b-df-hj-np-tv-z])', '\1i', 'g');
  -- vowels
  s := pg_catalog.replace(s, 'ee', 'i');
  s := pg_catalog.regexp_replace(s, 'ow(?![aeiou])', 'u', 'g');
  s := pg_catalog.replace(s, 'oo', 'u');
  s := pg_catalog.replace(s, 'ou', 'u');
  s := pg_catalog.replace(s, 'ae', 'ai');
  s := pg_catalog.regexp_replace(s, '[ae]+[iy]+(?![aeiou])', 'i', 'g');
  s := pg_catalog.regexp_replace(s, 'iy(?=[aeiou])', 'i', 'g');
  s := pg_catalog.regexp_replace(s, '([^aeiou ])y(?![a-z])', '\1i', 'g');
  s := pg_catalog.regexp_replace(s, '(?<=[b-df-hj-np-tv-z])y(?=[b-df-hj-np-tv-z])', 'i', 'g');
  s := pg_catalog.replace(s, 'w', 'v');
  s := pg_catalog.regexp_replace(s, '([aeiou])h(?![a-z])', '\1', 'g');
  s := pg_catalog.translate(s, 'oe', 'ua');
  -- doubled letters (again: the vowel rules make new ones)
  s := pg_catalog.regexp_replace(s, '([a-gi-z])\1+', '\1', 'g');
  s := pg_catalog.regexp_replace(s, '(?<![kscgz])hh+', 'h', 'g');
  return s;
end
$$;

-- The loose key of a folded name: q/gh and k one letter, dh as z, the suffix -nia as -ia
-- (the rule 0005 had in the folded key: Raessinia and Raeisia, one first secretary in the
-- sources, meet here, below the folded tier; Karimi-Nia stays apart from Karimi), no spaces.
create function inquest_private.loose_of_folded(folded text) returns text
language sql immutable strict parallel safe
set search_path = pg_catalog, pg_temp
return pg_catalog.regexp_replace(
         pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(
           pg_catalog.regexp_replace(folded, 'nia(?![a-z])', 'ia', 'g'), ' ', ''), 'gh', 'k'), 'dh', 'z'),
         '([a-z])\1+', '\1', 'g');

-- The "i-key" of a folded name: its skeleton with the long i kept (Persian ی, and the i
-- that Latin spellings write for it), word-initial vowels dropped, no spaces.
create function inquest_private.ikey_of_folded(folded text) returns text
language plpgsql immutable strict parallel safe
set search_path = pg_catalog, pg_temp
as $$
declare
  s text := folded;
begin
  s := pg_catalog.replace(s, 'kh', 'K');
  s := pg_catalog.replace(s, 'sh', 'S');
  s := pg_catalog.replace(s, 'ch', 'C');
  s := pg_catalog.replace(s, 'zh', 'Z');
  s := pg_catalog.replace(s, 'gh', 'G');
  s := pg_catalog.regexp_replace(s, 'h(?![a-zA-Z0-9])', '', 'g');
  s := pg_catalog.regexp_replace(s, '([^ ])[vw]+', '\1', 'g');
  s := pg_catalog.replace(s, 'y', 'i');                                -- ی as a consonant (Nayyeri, نیری)
  s := pg_catalog.regexp_replace(s, '(^| )[aeiou]+', '\1', 'g');
  s := pg_catalog.regexp_replace(s, '[aeou]', '', 'g');
  s := pg_catalog.replace(s, ' ', '');
  s := pg_catalog.regexp_replace(s, '([a-zA-Z0-9])\1+', '\1', 'g');
  return s;
end
$$;

revoke execute on function inquest_private.loose_of_folded(text), inquest_private.ikey_of_folded(text) from public;
grant execute on function inquest_private.loose_of_folded(text), inquest_private.ikey_of_folded(text)
  to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

alter table inquest.person_name add column name_loose_key text;
comment on column inquest.person_name.name_loose_key is
  'name_fold_key with gh/q and k as one letter, dh as z (search only: inquest_private.loose_of_folded).';

create or replace function inquest_private.fold_person_name() returns trigger
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
declare
  v_fold text := inquest_private.fold_name(new.name);
begin
  new.name_fold := v_fold;
  new.name_fold_key := pg_catalog.replace(v_fold, ' ', '');
  new.name_skeleton := inquest_private.skeleton_of_folded(v_fold);
  new.name_skeleton_key := pg_catalog.replace(new.name_skeleton, ' ', '');
  new.name_loose_key := inquest_private.loose_of_folded(v_fold);
  return new;
end
$$;

-- Existing names get the new keys (the trigger recomputes them on any update; the audit
-- records the change of the search keys, which derive from the name alone).
update inquest.person_name set name = name;

create index person_name_loose_key on inquest.person_name (case_id, name_loose_key);

------------------------------------------------------------------------------
-- B. Match quality
------------------------------------------------------------------------------
-- How well name b matches name a (either may be the query): the tier and a score in
-- [0, 1] (see B at the top). Both are given as their text and folded spelling, with
-- whether they are in Arabic script.
create function inquest_private.name_match(a_name text, a_fold text, a_arabic boolean,
                                           b_name text, b_fold text, b_arabic boolean,
                                           out match text, out score real, out similarity real)
language plpgsql immutable parallel safe
set search_path = pg_catalog, pg_temp
as $$
declare
  a_skel text := inquest_private.skeleton_of_folded(a_fold);
  b_skel text := inquest_private.skeleton_of_folded(b_fold);
  cross_script boolean := a_arabic <> b_arabic;
begin
  similarity := inquest_ext.similarity(a_fold, b_fold);
  if pg_catalog.lower(pg_catalog.btrim(pg_catalog.regexp_replace(a_name, '\s+', ' ', 'g')))
     = pg_catalog.lower(pg_catalog.btrim(pg_catalog.regexp_replace(b_name, '\s+', ' ', 'g'))) then
    match := 'exact'; score := 1;
  elsif pg_catalog.replace(a_fold, ' ', '') = pg_catalog.replace(b_fold, ' ', '') then
    match := 'folded'; score := 0.97;
  elsif inquest_private.loose_of_folded(a_fold) = inquest_private.loose_of_folded(b_fold) then
    match := 'loose'; score := 0.9;
  elsif cross_script and pg_catalog.replace(a_skel, ' ', '') = pg_catalog.replace(b_skel, ' ', '')
        and inquest_private.ikey_of_folded(a_fold) = inquest_private.ikey_of_folded(b_fold) then
    match := 'skeleton'; score := 0.88;
  else
    match := 'similar';
    score := greatest(
      0.85 * similarity,
      0.75 * inquest_ext.word_similarity(a_fold, b_fold),   -- a part of the name (Mahallati)
      case when cross_script
           then 0.80 * greatest(inquest_ext.similarity(a_skel, b_skel),
                                0.9 * inquest_ext.strict_word_similarity(a_skel, b_skel))
           else 0 end);
  end if;
end
$$;
revoke execute on function inquest_private.name_match(text, text, boolean, text, text, boolean) from public;
grant execute on function inquest_private.name_match(text, text, boolean, text, text, boolean)
  to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- The pair rule of the duplicate report: flagged when the match is exact, folded, loose
-- or skeleton. (Trigram similarity alone is not evidence enough: on the benchmark of
-- Scripts/bench.sh, among pairs of spellings with a similarity of 0.6 or more, 1606 of
-- 2062 were different people; at 0.8, all of them. It serves search, not the report.)
create function inquest_private.names_match(a_name text, a_arabic boolean, b_name text, b_arabic boolean)
returns boolean
language sql immutable parallel safe
set search_path = pg_catalog, pg_temp
return (select m.match <> 'similar'
          from inquest_private.name_match(a_name, inquest_private.fold_name(a_name), a_arabic,
                                          b_name, inquest_private.fold_name(b_name), b_arabic) m);
revoke execute on function inquest_private.names_match(text, boolean, text, boolean) from public;
grant execute on function inquest_private.names_match(text, boolean, text, boolean)
  to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

------------------------------------------------------------------------------
-- C. Distinct persons
------------------------------------------------------------------------------
create table inquest.person_distinct (
    id          bigint generated always as identity primary key,
    key         text generated always as ('PD-' || id) stored constraint person_distinct_key_unique unique,
    case_id     bigint not null constraint person_distinct_case_fk references inquest."case" (id),
    person_a_id bigint not null,
    person_b_id bigint not null,
    reason      text,
    asserted_by text not null default inquest_private.current_actor(),
    created_at  timestamptz not null default now(),
    constraint person_distinct_case_unique unique (case_id, id),
    constraint person_distinct_ordered check (person_a_id < person_b_id),
    constraint person_distinct_pair_unique unique (case_id, person_a_id, person_b_id),
    constraint person_distinct_a_fk foreign key (case_id, person_a_id) references inquest.person (case_id, id) on delete cascade,
    constraint person_distinct_b_fk foreign key (case_id, person_b_id) references inquest.person (case_id, id) on delete cascade
);
comment on table inquest.person_distinct is
  'Two persons of a case asserted to be different people (not flagged as likely duplicates again).';
create index person_distinct_b_idx on inquest.person_distinct (case_id, person_b_id);
grant select, insert, delete on inquest.person_distinct to inquest_admin, inquest_investigator;
grant select on inquest.person_distinct to inquest_auditor;

------------------------------------------------------------------------------
-- Search (0011's restriction to the caller's readable cases kept)
------------------------------------------------------------------------------
create or replace function inquest.search_names(q text, case_ref text default null, max_results integer default 20)
returns table (person_key text, case_reference text, display_name text, matched_name text,
               name_kind text, match text, score real)
language plpgsql stable security definer
set search_path = pg_catalog, pg_temp
set pg_trgm.word_similarity_threshold = 0.6
set pg_trgm.strict_word_similarity_threshold = 0.7
set jit = off
as $$
declare
  v_cases bigint[] := inquest_private.search_scope(case_ref);
  v_fold text := inquest_private.fold_name(q);
  v_skel text := inquest_private.skeleton_of_folded(v_fold);
  v_fkey text := pg_catalog.replace(v_fold, ' ', '');
  v_lkey text := inquest_private.loose_of_folded(v_fold);
  v_skey text := pg_catalog.replace(v_skel, ' ', '');
  v_persian boolean := inquest_private.has_arabic_script(q);
  v_lower text := pg_catalog.lower(pg_catalog.btrim(pg_catalog.regexp_replace(q, '\s+', ' ', 'g')));
  v_ikey text := inquest_private.ikey_of_folded(v_fold);
begin
  if coalesce(v_fkey, '') = '' or coalesce(max_results, 0) <= 0 or v_cases = '{}' then
    return;
  end if;
  return query
  with cand as (
    select n.id from inquest.person_name n
     where v_fold operator(inquest_ext.<%) n.name_fold and n.case_id = any (v_cases)
    union
    select n.id from inquest.person_name n
     where n.name_fold_key = v_fkey and n.case_id = any (v_cases)
    union
    select n.id from inquest.person_name n
     where n.name_loose_key = v_lkey and n.case_id = any (v_cases)
    union
    select n.id from inquest.person_name n
     where not v_persian and v_skey <> '' and n.name_arabic_script
       and (v_skel operator(inquest_ext.<<%) n.name_skeleton or n.name_skeleton_key = v_skey)
       and n.case_id = any (v_cases)
    union
    select n.id from inquest.person_name n
     where v_persian and v_skey <> '' and not n.name_arabic_script
       and (v_skel operator(inquest_ext.<<%) n.name_skeleton or n.name_skeleton_key = v_skey)
       and n.case_id = any (v_cases)
  ), scored as (
    -- inquest_private.name_match's rule, written out on the stored keys: the query's keys
    -- are computed once above, a candidate's are read, not folded again per candidate
    -- (name_match folds both sides on every call: 270 ms for a common family name among
    -- 100,000 persons, against 30 ms). names_matching.sql checks the two agree.
    select n.id, n.person_id, n.case_id, n.name, n.kind, x.cross_script, k.match,
           case k.match when 'exact' then 1 when 'folded' then 0.97 when 'loose' then 0.9 when 'skeleton' then 0.88
                else greatest(0.85 * k.similarity,
                              0.75 * inquest_ext.word_similarity(v_fold, n.name_fold),
                              case when x.cross_script
                                   then 0.80 * greatest(inquest_ext.similarity(v_skel, n.name_skeleton),
                                                        0.9 * inquest_ext.strict_word_similarity(v_skel, n.name_skeleton))
                                   else 0 end) end::real as score,
           k.similarity,
           abs(pg_catalog.length(n.name_fold) - pg_catalog.length(v_fold)) as dlen
      from cand c join inquest.person_name n on n.id = c.id
      cross join lateral (select n.name_arabic_script <> v_persian as cross_script) x
      cross join lateral (
        select case when pg_catalog.lower(pg_catalog.btrim(pg_catalog.regexp_replace(n.name, '\s+', ' ', 'g'))) = v_lower then 'exact'
                    when n.name_fold_key = v_fkey then 'folded'
                    when n.name_loose_key = v_lkey then 'loose'
                    when x.cross_script and n.name_skeleton_key = v_skey
                         and inquest_private.ikey_of_folded(n.name_fold) = v_ikey then 'skeleton'
                    else 'similar' end as match,
               inquest_ext.similarity(v_fold, n.name_fold) as similarity) k
  ), best as (
    select distinct on (s.person_id) s.*
      from scored s
     order by s.person_id, s.score desc, s.similarity desc, s.cross_script, s.dlen, s.name collate "C", s.id
  ), top as (
    select b.*, p.key as person_key
      from best b join inquest.person p on p.case_id = b.case_id and p.id = b.person_id
     order by b.score desc, b.similarity desc, b.cross_script, b.dlen, b.name collate "C", p.key collate "C"
     limit max_results
  )
  select t.person_key, ca.reference, d.name, t.name, t.kind, t.match, t.score
    from top t
    join inquest."case" ca on ca.id = t.case_id
    left join inquest.person_name d
      on d.case_id = t.case_id and d.person_id = t.person_id and d.kind in ('primary', 'pseudonym')
   order by t.score desc, t.similarity desc, t.cross_script, t.dlen, t.name collate "C", t.person_key collate "C";
end
$$;
comment on function inquest.search_names(text, text, integer) is
  'Transliteration-aware person search, ranked by match quality (exact, folded, loose, skeleton, similar; Schema/0018); one row per person; only the caller''s readable cases.';

create or replace function inquest.likely_duplicate_persons(case_ref text default null)
returns table (person_a text, person_b text, name_a text, name_b text, score real, evidence text)
language plpgsql stable security definer
set search_path = pg_catalog, pg_temp
set jit = off
as $$
declare
  v_cases bigint[] := inquest_private.search_scope(case_ref);
begin
  return query
  with names as (
    select n.id, n.case_id, n.person_id, n.name, n.name_fold, n.name_skeleton, n.name_fold_key,
           n.name_skeleton_key, n.name_loose_key, n.name_arabic_script as persian
      from inquest.person_name n
     where n.case_id = any (v_cases)
  ), pairs as (
    select a.id as ida, b.id as idb from names a join names b
        on b.case_id = a.case_id and b.name_fold_key = a.name_fold_key and b.person_id > a.person_id
    union
    select a.id, b.id from names a join names b
        on b.case_id = a.case_id and b.name_loose_key = a.name_loose_key and b.person_id > a.person_id
    union
    select a.id, b.id from names a join names b
        on b.case_id = a.case_id and b.name_skeleton_key = a.name_skeleton_key and b.persian <> a.persian
       and b.person_id > a.person_id
  ), scored as (
    select a.case_id, a.person_id as pa, b.person_id as pb, a.name as na, b.name as nb, a.name_fold as fa,
           b.name_fold as fb, a.name_skeleton as sa, m.match, m.score, m.similarity
      from pairs x
      join names a on a.id = x.ida
      join names b on b.id = x.idb
      cross join lateral inquest_private.name_match(a.name, a.name_fold, a.persian, b.name, b.name_fold, b.persian) m
     where m.match <> 'similar'
       and not exists (select from inquest.person_distinct d
                        where d.case_id = a.case_id and d.person_a_id = a.person_id and d.person_b_id = b.person_id)
  ), best as (
    select distinct on (s.pa, s.pb) s.*
      from scored s
     order by s.pa, s.pb, s.score desc, s.similarity desc, s.na collate "C", s.nb collate "C"
  )
  select pa.key, pb.key, b.na, b.nb, b.score,
         case b.match
           when 'exact' then pg_catalog.format('the same name "%s"', b.na)
           when 'folded' then pg_catalog.format('same folded spelling "%s"', b.fa)
           when 'loose' then pg_catalog.format('same spelling "%s" / "%s" but for q, gh and k', b.fa, b.fb)
           when 'skeleton' then pg_catalog.format('same consonant skeleton "%s" and long vowels in Persian and Latin script', b.sa)
           else pg_catalog.format('similar spellings "%s" / "%s" (trigram similarity %s)', b.fa, b.fb,
                                  pg_catalog.round(b.similarity::numeric, 2))
         end
    from best b
    join inquest.person pa on pa.case_id = b.case_id and pa.id = b.pa
    join inquest.person pb on pb.case_id = b.case_id and pb.id = b.pb
   order by b.score desc, b.similarity desc, b.na collate "C", b.nb collate "C", pa.key collate "C", pb.key collate "C";
end
$$;
comment on function inquest.likely_duplicate_persons(text) is
  'Pairs of persons in one case whose names match (Schema/0018 rule), best first; pairs asserted distinct are left out; only the caller''s readable cases.';
revoke execute on function inquest.search_names(text, text, integer), inquest.likely_duplicate_persons(text) from public;
grant execute on function inquest.search_names(text, text, integer), inquest.likely_duplicate_persons(text)
  to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- The duplicate check of `import persons` and `person add`: for each (line, name, script)
-- given, the persons of the case with a name that the duplicate report would pair with
-- it. Nothing for a case the caller cannot read.
create or replace function inquest_private.name_key_matches(p_case_id bigint, p_lines bigint[], p_names text[], p_scripts text[])
returns table (line bigint, person_id bigint)
language sql stable security definer
set search_path = pg_catalog, pg_temp
as $$
  with q as (
    select u.line, u.name, f.fold, (u.script in ('persian', 'arabic')) as persian,
           pg_catalog.replace(f.fold, ' ', '') as fkey, inquest_private.loose_of_folded(f.fold) as lkey,
           pg_catalog.replace(inquest_private.skeleton_of_folded(f.fold), ' ', '') as skey
      from unnest(p_lines, p_names, p_scripts) u(line, name, script)
      cross join lateral (select inquest_private.fold_name(u.name) as fold) f
     where p_case_id = any (inquest_private.readable_case_ids())
  ), cand as (
    select q.line, n.id from q join inquest.person_name n on n.case_id = p_case_id and n.name_fold_key = q.fkey
    union
    select q.line, n.id from q join inquest.person_name n on n.case_id = p_case_id and n.name_loose_key = q.lkey
    union
    select q.line, n.id from q join inquest.person_name n
        on n.case_id = p_case_id and n.name_skeleton_key = q.skey and n.name_arabic_script <> q.persian
  )
  select distinct c.line, n.person_id
    from cand c join q on q.line = c.line
    join inquest.person_name n on n.id = c.id
    cross join lateral inquest_private.name_match(q.name, q.fold, q.persian, n.name, n.name_fold, n.name_arabic_script) m
   where m.match <> 'similar'
$$;

------------------------------------------------------------------------------
-- D. Partial dates: open and unknown ends, certainty, margins
------------------------------------------------------------------------------
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

-- The grammar's one-line statement, for errors (under 200 characters).
create or replace function inquest_private.partial_date_grammar() returns text
language sql immutable parallel safe
return 'write 1988, 1988-12 or 1988-08-24 (SH:1367-05-07 Solar Hijri), then ? ~ or %; '
       'a range 1988-12/1989-01, open 2019-03/.. or end unknown 2019-03/; one of [1988-08-24,1988-08-26]';

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

-- The latest day on which what a partial date describes can have begun: the start of a
-- range, the whole of a point or a set (for "had it happened by D?").
create function inquest_private.partial_date_start_to(value text) returns date
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

-- A partial date as JSON: the text as given, its bounds (null where open or unknown),
-- precision, certainty, and what its start and end are (known, open, unknown).
create function inquest_private.partial_date(value text) returns jsonb
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

revoke execute on function inquest_private.partial_date_start_to(text), inquest_private.partial_date(text),
  inquest_private.partial_date_grammar() from public;
grant execute on function inquest_private.partial_date_start_to(text), inquest_private.partial_date(text),
  inquest_private.partial_date_grammar()
  to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- Stored bounds of approximate dates, recomputed with their margins (generated columns
-- are recomputed when their row is updated).
update inquest.evidence set "date" = "date" where "date" ~ '[~%]';
update inquest.position set start_date = start_date
 where start_date ~ '[~%]' or end_date ~ '[~%]' or attested ~ '[~%]';
update inquest.event set "date" = "date" where "date" ~ '[~%]';
update inquest.statement set "date" = "date" where "date" ~ '[~%]';
update inquest.evidence_link set stated_date = stated_date where stated_date ~ '[~%]';

comment on column inquest.position.end_date is
  'Partial date the post ended; ".." while it is still held; NULL when the end is not recorded.';

-- Time lines: a post still held (end "..") runs on, a post whose end is not recorded
-- has no latest day either, and its date reads "2019-03/" (EDTF: end unknown), never the
-- start month alone. start_to: the latest day the entry can have begun (--as-of).
create or replace view inquest.person_timeline with (security_invoker = true) as
select po.case_id, po.person_id, 'position'::text as entry, po.key as record_key,
       case when po.start_date is not null then po.start_date || '/' || coalesce(po.end_date, '')
            when po.end_date is not null then coalesce(po.attested, '') || '/' || po.end_date
            else po.attested end as "date",
       coalesce(po.start_date_from, po.attested_from, po.end_date_from) as date_from,
       case when po.end_date is not null then po.end_date_to
            when po.start_date is not null then 'infinity'::date
            else po.attested_to end as date_to,
       concat_ws(', ', po.title, po.body, po.place) as summary,
       coalesce(po.start_date_to, po.attested_to, po.end_date_to) as start_to
  from inquest.position po
union all
select ep.case_id, ep.person_id, 'event:' || ep.role, ev.key, ev."date", ev.date_from, ev.date_to,
       ev.title, inquest_private.partial_date_start_to(ev."date")
  from inquest.event_participant ep
  join inquest.event ev on ev.case_id = ep.case_id and ev.id = ep.event_id
 where ep.person_id is not null
union all
select l.case_id, l.person_id, 'evidence:' || l.relation, e.key,
       coalesce(l.stated_date, e."date"), coalesce(l.stated_date_from, e.date_from),
       coalesce(l.stated_date_to, e.date_to),
       concat_ws(' — ', e.title, l.locator),
       inquest_private.partial_date_start_to(coalesce(l.stated_date, e."date"))
  from inquest.evidence_link l
  join inquest.evidence e on e.case_id = l.case_id and e.id = l.evidence_id
 where l.person_id is not null
union all
select s.case_id, s.person_id, 'statement:' || array_to_string(s.classification, '+'), s.key,
       s."date", s.date_from, s.date_to, coalesce(s.quotation, s.summary),
       inquest_private.partial_date_start_to(s."date")
  from inquest.statement s
union all
select su.case_id, su.person_id, 'summons:' || su.status, su.key,
       su.issued_on::text, su.issued_on, su.issued_on, su.purpose, su.issued_on
  from inquest.summons su
union all
select d.case_id, d.person_id, 'disclosure_request:' || d.status, d.key,
       d.requested_on::text, d.requested_on, d.requested_on, d.question, d.requested_on
  from inquest.disclosure_request d;

------------------------------------------------------------------------------
-- E. Statements: a summary has no wording
------------------------------------------------------------------------------
-- `wording` (verbatim | paraphrase) describes a quotation; a statement recorded as a
-- summary, with no quotation, has none (it read back as "verbatim").
alter table inquest.statement alter column wording drop not null, alter column wording drop default;
update inquest.statement set wording = null where quotation is null and wording is not null;
alter table inquest.statement add constraint statement_wording_needs_quotation
  check (wording is null or quotation is not null);
