-- 0005 Name search that survives transliteration (issue 5).
--
-- Every name in inquest.person_name gets stored keys (generated columns), computed
-- by IMMUTABLE functions of the name alone:
--
--   name_fold      the name folded to one Latin spelling (fold_name): lower case,
--                  accents and apostrophes gone, hyphens as spaces, the ordinary
--                  variation of Persian names in Latin letters mapped to one form;
--                  Persian/Arabic script is transliterated first (fold_persian).
--   name_skeleton  the folded name reduced to its consonants (name_skeleton), the
--                  key that Persian script (which writes no short vowels) shares
--                  with its Latin transliterations.
--
-- Both are indexed with pg_trgm (GIN); their space-free forms (name_fold_key,
-- name_skeleton_key) with b-trees for equality. inquest.search_names() ranks: exact (case-insensitive) name, then
-- folded key equal, then skeleton equal across scripts, then trigram word
-- similarity of the folded (or, across scripts, the skeleton) text; one row per
-- person, showing the name that matched and why. It is SECURITY INVOKER: row-level
-- security decides what a caller can find, and a protected person has only their
-- pseudonym in person_name, so nothing else can ever match or be shown.
-- inquest.likely_duplicate_persons() pairs persons of one case whose names match.
--
-- THE FOLDING RULE (fold_name), applied in this order; every step is a plain
-- function of the text, so the key is stable and both sides fold alike:
--   1. Persian/Arabic letters -> Latin (fold_persian): consonants one letter each
--      (kh, sh, ch, zh, gh for خ ش چ ژ غ/ق), long vowels ا a, و u (v at word start),
--      ی i (y at word start), final ه e, ع and hamza dropped, harakat dropped,
--      ZWNJ joins (رئیسی‌نیا is one word).
--   2. accents stripped (a fixed table), š č ž -> sh ch zh, ḫ ḵ x -> kh, ġ q -> gh,
--      c (not ch) -> k, dj -> j at word start; apostrophes and ʿayn/hamza marks
--      dropped; any other non-alphanumeric run becomes one space; lower case;
--      doubled consonants collapsed (before the vowel rules: Nayyeri = Nayeri).
--   3. the theophoric -ollah/-ullah/-allah (Abdollah, Ruhollah) -> -ula.
--   4. vowels: ee -> i; oo, ou, ow (not before a vowel) -> u; ae -> ai (hamza: Raeis);
--      a run of a/e followed by i/y, not before a vowel (ei ey ai ay aei) -> i
--      (Hossein = Husayn, Khamenei = Khamanei); iy before a vowel -> i; final y
--      after a consonant -> i; w -> v; o -> u; e -> a (Persian short vowels have no
--      settled Latin spelling: Mohammed = Mohammad, Velayati = Valayati); the
--      suffix -nia -> -ia (Raessinia = Raeisia, after the doubling rule below).
--   5. word-final h after a vowel dropped (zadeh = zade, like the silent final ه).
--   6. doubled letters collapsed (Mahallati = Mahalati, Mohammad = Mohamad).
-- The skeleton of a folded name: kh sh ch zh gh kept as units, word-final h dropped,
-- v w y dropped except at the start of a word, vowels dropped, doubles collapsed.
--   Mohammad Jafar Mahallati -> muhamad jafar mahalati -> mhmd jfr mhlt
--   محمدجعفر محلاتی           -> mhmdjfr mhlati         -> mhmdjfr mhlt
-- Equality of keys ignores spaces (Akhoundzadeh Basti = Akhoundzadeh-Basti =
-- Akhoundzadehbasti). Spellings that differ by more than the rule covers are found
-- by trigram similarity.

------------------------------------------------------------------------------
-- Folding functions
------------------------------------------------------------------------------

-- Persian/Arabic script -> a rough Latin consonant spelling. Other characters pass
-- through unchanged. Short vowels are not written in Persian, so the result is only
-- ever compared by skeleton (or folded again by fold_name).
create function inquest_private.fold_persian(value text) returns text
language plpgsql immutable strict parallel safe
set search_path = pg_catalog, pg_temp
as $$
declare
  s text := value;
begin
  -- harakat, superscript alef, tatweel; Arabic letter variants to Persian ones
  s := pg_catalog.regexp_replace(s, '[\u064B-\u065F\u0670\u0640]', '', 'g');
  s := pg_catalog.translate(s, 'يىكةأإٱ', 'ییکهاا' || 'ا');
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
comment on function inquest_private.fold_persian(text) is
  'Persian/Arabic script to a rough Latin consonant spelling (long vowels a u i, no short vowels); other text unchanged.';

-- The folded key of a name (see the rule at the top of this file).
create function inquest_private.fold_name(value text) returns text
language plpgsql immutable strict parallel safe
set search_path = pg_catalog, pg_temp
as $$
declare
  s text := value;
begin
  if inquest_private.has_arabic_script(s) then
    s := inquest_private.fold_persian(s);
  end if;
  -- Latin letters with a second letter in transliteration, then the accent table
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
  s := pg_catalog.lower(s);
  -- apostrophes, ʿayn and hamza marks vanish; any other punctuation separates words
  s := pg_catalog.regexp_replace(s, '[''’‘`´ʿʾʼʻ"]', '', 'g');
  s := pg_catalog.btrim(pg_catalog.regexp_replace(s, '[^a-z0-9]+', ' ', 'g'));
  -- consonant spellings
  s := pg_catalog.regexp_replace(s, '(^| )dj', '\1j', 'g');                -- French Djafar
  s := pg_catalog.regexp_replace(s, '([b-df-hj-np-tv-z])\1+', '\1', 'g');  -- doubled consonants
  s := pg_catalog.replace(s, 'tch', 'ch');
  s := pg_catalog.replace(s, 'x', 'kh');
  s := pg_catalog.replace(s, 'q', 'gh');
  s := pg_catalog.regexp_replace(s, 'c(?!h)', 'k', 'g');
  -- the theophoric -ollah (Abdollah, Abdullah, Abd-Allah, Ruhollah)
  s := pg_catalog.regexp_replace(s, '([a-z]) ?[aeou](llah?|lah)(?![a-z])', '\1ula', 'g');
  -- vowels
  s := pg_catalog.replace(s, 'ee', 'i');
  s := pg_catalog.regexp_replace(s, 'ow(?![aeiou])', 'u', 'g');
  s := pg_catalog.replace(s, 'oo', 'u');
  s := pg_catalog.replace(s, 'ou', 'u');
  s := pg_catalog.replace(s, 'ae', 'ai');
  s := pg_catalog.regexp_replace(s, '[ae]+[iy]+(?![aeiou])', 'i', 'g');
  s := pg_catalog.regexp_replace(s, 'iy(?=[aeiou])', 'i', 'g');
  s := pg_catalog.regexp_replace(s, '([^aeiou ])y(?![a-z])', '\1i', 'g');
  s := pg_catalog.replace(s, 'w', 'v');
  s := pg_catalog.regexp_replace(s, '([aeiou])h(?![a-z])', '\1', 'g');
  s := pg_catalog.translate(s, 'oe', 'ua');
  s := pg_catalog.regexp_replace(s, 'nia(?![a-z])', 'ia', 'g');   -- the suffix -nia (Raessinia / Raeisia)
  -- doubled letters
  s := pg_catalog.regexp_replace(s, '([a-z])\1+', '\1', 'g');
  return s;
end
$$;
comment on function inquest_private.fold_name(text) is
  'Folds a personal name (Latin or Persian script) to one Latin key; see Schema/0005_name_search.sql for the rule.';

-- The consonant skeleton of a name (folded first): what Persian script and its Latin
-- transliterations have in common.
create function inquest_private.name_skeleton(value text) returns text
language plpgsql immutable strict parallel safe
set search_path = pg_catalog, pg_temp
as $$
declare
  s text := inquest_private.fold_name(value);
begin
  -- keep the digraphs as units while single letters are dropped
  -- (fold_name returns only a-z, 0-9 and spaces: upper case is free for them)
  s := pg_catalog.replace(s, 'kh', 'K');
  s := pg_catalog.replace(s, 'sh', 'S');
  s := pg_catalog.replace(s, 'ch', 'C');
  s := pg_catalog.replace(s, 'zh', 'Z');
  s := pg_catalog.replace(s, 'gh', 'G');
  s := pg_catalog.regexp_replace(s, 'h(?![a-zA-Z0-9])', '', 'g');      -- final h (silent ه, or ح)
  s := pg_catalog.regexp_replace(s, '([^ ])[vwy]+', '\1', 'g');       -- و ی inside a word are vowels
  s := pg_catalog.regexp_replace(s, '[aeiou]', '', 'g');
  s := pg_catalog.regexp_replace(s, '([a-zA-Z0-9])\1+', '\1', 'g');
  s := pg_catalog.replace(s, 'K', 'kh');
  s := pg_catalog.replace(s, 'S', 'sh');
  s := pg_catalog.replace(s, 'C', 'ch');
  s := pg_catalog.replace(s, 'Z', 'zh');
  s := pg_catalog.replace(s, 'G', 'gh');
  s := pg_catalog.btrim(pg_catalog.regexp_replace(s, ' +', ' ', 'g'));
  return s;
end
$$;
comment on function inquest_private.name_skeleton(text) is
  'Consonant skeleton of a folded name, for matching Persian script against Latin transliterations.';

grant execute on function inquest_private.fold_persian(text), inquest_private.fold_name(text),
  inquest_private.name_skeleton(text)
  to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

------------------------------------------------------------------------------
-- Stored keys and their indexes
------------------------------------------------------------------------------
-- Generated columns: computed once per write, never per search. (ALTER TABLE ADD
-- COLUMN keeps the table enrolled: the guard of 0002 checks it afterwards.) They
-- enter audit events like any column; they derive from `name` only, which for a
-- protected person is the pseudonym. The space-free keys are columns of their own
-- (not expression indexes) so that equality on them is a plain, leakproof `=`: see
-- ROW-LEVEL SECURITY AND INDEXES below.
alter table inquest.person_name
  add column name_fold text generated always as (inquest_private.fold_name(name)) stored,
  add column name_skeleton text generated always as (inquest_private.name_skeleton(name)) stored,
  add column name_fold_key text
    generated always as (pg_catalog.replace(inquest_private.fold_name(name), ' ', '')) stored,
  add column name_skeleton_key text
    generated always as (pg_catalog.replace(inquest_private.name_skeleton(name), ' ', '')) stored;
comment on column inquest.person_name.name_fold is
  'Folded spelling of name (inquest_private.fold_name), for transliteration-aware search.';
comment on column inquest.person_name.name_skeleton is
  'Consonant skeleton of name (inquest_private.name_skeleton), for matching Persian script against Latin.';
comment on column inquest.person_name.name_fold_key is 'name_fold without spaces (equality key).';
comment on column inquest.person_name.name_skeleton_key is 'name_skeleton without spaces (equality key).';

create index person_name_fold_trgm on inquest.person_name using gin (name_fold inquest_ext.gin_trgm_ops);
create index person_name_fold_key on inquest.person_name (name_fold_key);
create index person_name_skeleton_key on inquest.person_name (name_skeleton_key);
-- Skeletons are compared across scripts only: one partial index per side.
create index person_name_skeleton_trgm_persian on inquest.person_name using gin (name_skeleton inquest_ext.gin_trgm_ops)
  where script in ('persian', 'arabic');
create index person_name_skeleton_trgm_latin on inquest.person_name using gin (name_skeleton inquest_ext.gin_trgm_ops)
  where script not in ('persian', 'arabic');

-- ROW-LEVEL SECURITY AND INDEXES. Under row-level security (investigators) the
-- planner uses a condition of the query as an index condition only if its functions
-- are LEAKPROOF; otherwise it must check the policy first, on every row, and the
-- trigram indexes go unused (measured at 100,000 persons: 750 ms instead of 25 ms).
-- The pg_trgm comparison operators below compute a number from two strings and
-- compare it with a setting: no side effects, and no error that depends on the
-- values (only "out of memory" for strings of hundreds of megabytes), so they are
-- declared LEAKPROOF. (Superuser only, like the event triggers of 0002. These are
-- properties of extension members: pg_dump does not carry them, so a database
-- restored from a dump needs this block run again, or searches by investigators
-- fall back to sequential scans -- slower, never less secure.)
alter function inquest_ext.similarity_op(text, text) leakproof;
alter function inquest_ext.word_similarity_op(text, text) leakproof;
alter function inquest_ext.word_similarity_commutator_op(text, text) leakproof;
alter function inquest_ext.strict_word_similarity_op(text, text) leakproof;
alter function inquest_ext.strict_word_similarity_commutator_op(text, text) leakproof;

------------------------------------------------------------------------------
-- Search
------------------------------------------------------------------------------
-- Which case a reference or key names (NULL for NULL); raises P0002 when the
-- caller cannot see such a case (row-level security: unknown and invisible alike).
create function inquest_private.case_id_of(p_case_ref text) returns bigint
language plpgsql stable
set search_path = pg_catalog, pg_temp
as $$
declare
  v bigint;
begin
  if p_case_ref is null then
    return null;
  end if;
  select c.id into v from inquest."case" c where c.reference = p_case_ref or c.key = p_case_ref;
  if v is null then
    raise exception 'case % not found', p_case_ref
      using errcode = 'P0002', detail = 'give a case reference (such as IR-1988) or key (C-1) that you can see';
  end if;
  return v;
end
$$;
grant execute on function inquest_private.case_id_of(text)
  to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- inquest.search_names(q, case_ref, max_results): persons with a name matching q,
-- best first, one row per person (the best of their names):
--   match 'exact'    name equal to q, ignoring case and runs of spaces      (score 1)
--         'folded'   folded keys equal (spaces ignored)                     (score 1)
--         'skeleton' consonant skeletons equal (spaces ignored), q and the
--                    name in different scripts (Latin / Persian)            (score 1)
--         'similar'  trigram word similarity of q's folded text within the
--                    name's folded text (>= 0.6); across scripts also 0.9 x
--                    the strict word similarity of the skeletons (>= 0.7)   (score)
-- Ordered by match (as listed), score, a name in q's own script before one in the
-- other, then the name closest in length (so that "Mahallati" comes before
-- "Mohammad Jafar Mahallati" among equal scores).
-- Index use: `fold(q) <% name_fold` (GIN), the b-trees on the space-free keys, and
-- `skeleton(q) <<% name_skeleton` on the partial GIN index of the other script.
-- The thresholds are set on the function, not taken from the session; JIT is off
-- (a plan of a few milliseconds is otherwise JIT-compiled for most of a second when
-- a branch that the query's script rules out is costed high).
-- SECURITY INVOKER: callers find only what row-level security lets them read.
create function inquest.search_names(q text, case_ref text default null, max_results integer default 20)
returns table (person_key text, case_reference text, display_name text, matched_name text,
               name_kind text, match text, score real)
language plpgsql stable
set search_path = pg_catalog, pg_temp
set pg_trgm.word_similarity_threshold = 0.6
set pg_trgm.strict_word_similarity_threshold = 0.7
set jit = off
as $$
declare
  v_case bigint := inquest_private.case_id_of(case_ref);
  v_lower text := pg_catalog.lower(pg_catalog.btrim(pg_catalog.regexp_replace(q, '\s+', ' ', 'g')));
  v_fold text := inquest_private.fold_name(q);
  v_skel text := inquest_private.name_skeleton(q);
  v_fkey text := pg_catalog.replace(v_fold, ' ', '');
  v_skey text := pg_catalog.replace(v_skel, ' ', '');
  v_persian boolean := inquest_private.has_arabic_script(q);
begin
  if coalesce(v_fkey, '') = '' or coalesce(max_results, 0) <= 0 then
    return;
  end if;
  return query
  with cand as (
    -- folded text: same script, and Latin against transliterated Persian
    select n.id, n.person_id, n.case_id, n.name, n.kind, n.script, n.name_fold, n.name_skeleton,
           n.name_fold_key, n.name_skeleton_key
      from inquest.person_name n
     where v_fold operator(inquest_ext.<%) n.name_fold
       and (v_case is null or n.case_id = v_case)
    union all
    -- folded key equal with other spacing (Akhoundzadeh Basti / Akhoundzadehbasti)
    select n.id, n.person_id, n.case_id, n.name, n.kind, n.script, n.name_fold, n.name_skeleton,
           n.name_fold_key, n.name_skeleton_key
      from inquest.person_name n
     where n.name_fold_key = v_fkey
       and (v_case is null or n.case_id = v_case)
    union all
    -- skeletons across scripts: Latin q against Persian names ...
    select n.id, n.person_id, n.case_id, n.name, n.kind, n.script, n.name_fold, n.name_skeleton,
           n.name_fold_key, n.name_skeleton_key
      from inquest.person_name n
     where not v_persian and v_skey <> ''
       and n.script in ('persian', 'arabic')
       and (v_skel operator(inquest_ext.<<%) n.name_skeleton or n.name_skeleton_key = v_skey)
       and (v_case is null or n.case_id = v_case)
    union all
    -- ... and Persian q against Latin names
    select n.id, n.person_id, n.case_id, n.name, n.kind, n.script, n.name_fold, n.name_skeleton,
           n.name_fold_key, n.name_skeleton_key
      from inquest.person_name n
     where v_persian and v_skey <> ''
       and n.script not in ('persian', 'arabic')
       and (v_skel operator(inquest_ext.<<%) n.name_skeleton or n.name_skeleton_key = v_skey)
       and (v_case is null or n.case_id = v_case)
  ), scored as (
    select c.id, c.person_id, c.case_id, c.name, c.kind, x.cross_script,
           case when pg_catalog.lower(c.name) = v_lower then 1
                when c.name_fold_key = v_fkey then 2
                when x.cross_script and c.name_skeleton_key = v_skey then 3
                else 4 end as rank,
           greatest(inquest_ext.word_similarity(v_fold, c.name_fold),
                    case when x.cross_script
                         then 0.9 * inquest_ext.strict_word_similarity(v_skel, c.name_skeleton) else 0 end)::real as ws,
           abs(pg_catalog.length(c.name_fold) - pg_catalog.length(v_fold)) as dlen
      from cand c
      cross join lateral (select (c.script in ('persian', 'arabic')) <> v_persian as cross_script) x
  ), best as (
    select distinct on (s.person_id) s.*
      from scored s
     order by s.person_id, s.rank, s.ws desc, s.cross_script, s.dlen, s.id
  ), top as (
    select b.* from best b order by b.rank, b.ws desc, b.cross_script, b.dlen, b.person_id limit max_results
  )
  select p.key, ca.reference, d.name, t.name, t.kind,
         (array['exact', 'folded', 'skeleton', 'similar'])[t.rank],
         case when t.rank < 4 then 1::real else t.ws end
    from top t
    join inquest.person p on p.case_id = t.case_id and p.id = t.person_id
    join inquest."case" ca on ca.id = t.case_id
    left join inquest.person_name d
      on d.case_id = t.case_id and d.person_id = t.person_id and d.kind in ('primary', 'pseudonym')
   order by t.rank, t.ws desc, t.cross_script, t.dlen, t.person_id;
end
$$;
comment on function inquest.search_names(text, text, integer) is
  'Transliteration-aware person search: exact, folded, skeleton (cross-script), similar; one row per person, best first. RLS applies.';

------------------------------------------------------------------------------
-- Likely duplicates
------------------------------------------------------------------------------
-- Pairs of persons of one case (person_a < person_b by id) with names whose folded
-- keys are equal, whose skeletons are equal across scripts, or whose folded texts
-- are very similar (trigram similarity >= 0.6). One row per pair, the strongest
-- evidence first: score 1 for equal keys, else the similarity. Protected persons
-- take part under their pseudonym only (the only name stored for them).
create function inquest.likely_duplicate_persons(case_ref text default null)
returns table (person_a text, person_b text, name_a text, name_b text, score real, evidence text)
language plpgsql stable
set search_path = pg_catalog, pg_temp
set pg_trgm.similarity_threshold = 0.6
set jit = off
as $$
declare
  v_case bigint := inquest_private.case_id_of(case_ref);
begin
  return query
  with names as (
    select n.case_id, n.person_id, n.name, n.name_fold, n.name_skeleton, n.name_fold_key, n.name_skeleton_key,
           n.script in ('persian', 'arabic') as persian
      from inquest.person_name n
     where v_case is null or n.case_id = v_case
  ), pairs as (
    -- the same folded key
    select a.case_id, a.person_id as pa, b.person_id as pb, a.name as na, b.name as nb, 1 as rank,
           1::real as sim, a.name_fold as fa, b.name_fold as fb, a.name_skeleton as sa
      from names a join names b
        on b.case_id = a.case_id and b.name_fold_key = a.name_fold_key and b.person_id > a.person_id
    union all
    -- the same skeleton, one name in Persian script and one in Latin
    select a.case_id, a.person_id, b.person_id, a.name, b.name, 2, 1::real, a.name_fold, b.name_fold, a.name_skeleton
      from names a join names b
        on b.case_id = a.case_id and b.name_skeleton_key = a.name_skeleton_key and b.person_id <> a.person_id
       and b.persian <> a.persian
     where a.person_id < b.person_id
    union all
    -- similar folded spellings (trigram similarity >= 0.6)
    select a.case_id, a.person_id, b.person_id, a.name, b.name, 3,
           inquest_ext.similarity(a.name_fold, b.name_fold), a.name_fold, b.name_fold, a.name_skeleton
      from names a join inquest.person_name b
        on a.name_fold operator(inquest_ext.%) b.name_fold
       and b.case_id = a.case_id and b.person_id > a.person_id
  ), best as (
    select distinct on (x.pa, x.pb) x.*
      from pairs x
     order by x.pa, x.pb, x.rank, x.sim desc
  )
  select pa.key, pb.key, b.na, b.nb,
         case when b.rank < 3 then 1::real else b.sim end,
         case b.rank
           when 1 then pg_catalog.format('same folded spelling "%s"', b.fa)
           when 2 then pg_catalog.format('same consonant skeleton "%s" in Persian and Latin script', b.sa)
           else pg_catalog.format('similar spellings "%s" / "%s" (trigram similarity %s)', b.fa, b.fb,
                                  pg_catalog.round(b.sim::numeric, 2))
         end
    from best b
    join inquest.person pa on pa.case_id = b.case_id and pa.id = b.pa
    join inquest.person pb on pb.case_id = b.case_id and pb.id = b.pb
   order by b.rank, b.sim desc, pa.id, pb.id;
end
$$;
comment on function inquest.likely_duplicate_persons(text) is
  'Pairs of persons in one case whose names fold or skeleton-match or are very similar, with a score and the evidence.';

grant execute on function inquest.search_names(text, text, integer), inquest.likely_duplicate_persons(text)
  to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
