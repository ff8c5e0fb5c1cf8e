-- Name matching: one rule for search and for the likely-duplicates report.
--
-- An object file: re-applied by every `inquest migrate`; edit the definition here (see
-- Schema/README.md). Numbers such as 0011 in comments name legacy schema files
-- (docs/schema-history.md).

-- Match quality (inquest_private.name_match; legacy 0018, issue 13): one rule for search and the duplicate
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
-- Distinct persons. inquest.person_distinct records that two persons of a case are
--   different people (with who said so and why): likely_duplicate_persons no longer
--   reports them, and `person add` / `import persons` accept a likely duplicate only
--   with such an assertion (or by linking the name to the existing person).

-- How well name b matches name a (either may be the query): the tier and a score in
-- [0, 1] (see B at the top). Both are given as their text and folded spelling, with
-- whether they are in Arabic script.
create or replace function inquest_private.name_match(a_name text, a_fold text, a_arabic boolean,
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
        and inquest_private.ikeys_agree(a_fold, a_arabic, b_fold, b_arabic) then
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
revoke all on function inquest_private.name_match(text,text,boolean,text,text,boolean) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.name_match(text,text,boolean,text,text,boolean) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- The pair rule of the duplicate report: flagged when the match is exact, folded, loose
-- or skeleton. (Trigram similarity alone is not evidence enough: on the benchmark of
-- Scripts/bench.sh, among pairs of spellings with a similarity of 0.6 or more, 1606 of
-- 2062 were different people; at 0.8, all of them. It serves search, not the report.)
create or replace function inquest_private.names_match(a_name text, a_arabic boolean, b_name text, b_arabic boolean)
returns boolean
language sql immutable parallel safe
set search_path = pg_catalog, pg_temp
return (select m.match <> 'similar'
          from inquest_private.name_match(a_name, inquest_private.fold_name(a_name), a_arabic,
                                          b_name, inquest_private.fold_name(b_name), b_arabic) m);
revoke all on function inquest_private.names_match(text,boolean,text,boolean) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.names_match(text,boolean,text,boolean) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

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
revoke all on function inquest_private.name_key_matches(bigint,bigint[],text[],text[]) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.name_key_matches(bigint,bigint[],text[],text[]) to inquest_admin, inquest_investigator;

-- Name search. Same answers as the full ranking, less work:
-- Measured cause. Under a long-tailed distribution of names (Scripts/bench-names-data.py,
-- 100,000 persons, 172,631 names) a common given or family name shares its trigrams with
-- thousands of names: `Mohammad Mousavi` has 35,162 trigram candidates (word similarity
-- >= 0.6), `Velayati` 5,593, `Noori` 3,283. 0018's search_names scored every candidate
-- (three trigram measures, a regular expression, a distinct-on sort, a join to person for
-- every person) before it kept ten: the slowest query near 1 s on a loaded machine, about
-- 30 us per candidate, most of it the trigram functions and the regular expression.
--
-- 1. The key tiers first. Exact, folded, loose and skeleton matches (scores 0.88 to 1) are
--    found through the b-trees on (case_id, key); a 'similar' name scores at most 0.85
--    (0.85 x similarity, 0.75 x word similarity, 0.80 x the cross-script measure, each at
--    most 1). So when max_results persons have a name in a key tier, those persons are the
--    whole answer, each with its best name among these rows, and the trigram candidates
--    cannot change it. This needs an 'exact' name (the same text, lower-cased, runs of
--    spaces as one) to have the query's folded key, so that it is among these rows. It
--    holds for a query written in ASCII and the Arabic block (U+0600-U+06FF, with ZWNJ and
--    ZWJ): Arabic letters have no case, fold_name lower-cases after its Persian and accent
--    steps, which treat every kind of space alike and leave ASCII alone, and no letter
--    outside ASCII lower-cases to ASCII or Arabic through them. A query with other letters
--    (accents, presentation forms), or too few persons in the key tiers: all candidates,
--    as in 0018.
--    (Before, only ASCII queries took this path. A Persian-script query took the full
--    path, whose cross-script skeleton candidates are every Latin name sharing the
--    skeleton's trigrams: `محمد موسوی` had 37,764 candidates and took 1.5 s at 100,000
--    persons; from the key tiers, 293 names.)
-- 2. For such a query the regular expression of the 'exact' test runs only on names
--    with the query's folded key (the same reason).
-- 3. The candidates' rows are read back by `id = any (ids)`, one probe each. (A join to
--    the unnested ids became a merge join over the whole primary key: 172,628 rows read
--    for the 5,861 candidates of `Velayati`, about half of its time. Gathering and
--    scoring in one statement was tried: planning its five-way union on every call cost
--    more than the probes, on the queries the key tiers answer.)
-- 4. The person key, the last tie-breaker, is read for the persons that can be among the
--    first max_results (rank() over the other keys), by a probe per row, not for every
--    candidate person (as a join, the planner could hash all of person).
-- 5. A first pass for a one-word Latin query (a family name alone: `Velayati`, `Noori`,
--    the slowest queries). Every name that holds the word has a word similarity of 1 and
--    scores 0.75; thousands of them tie there, ordered by similarity (the shortest names
--    first). The candidates are gathered once, each marked; the first pass P is, of the
--    candidates, those with a similarity of at least s (s in [0.5, 0.88]), the key tiers,
--    and every candidate in the other script. A candidate outside P is a 'similar' name in the query's
--    script with a similarity below s: it scores at most 0.75 (0.85 x similarity < 0.85 x
--    0.88 < 0.75, and 0.75 x word similarity <= 0.75), and at 0.75 its similarity is below
--    s. So a person with a name in P of word similarity 1 and similarity >= s (score >=
--    0.75) or in the folded or loose tier (score >= 0.9) ranks above every name outside P;
--    so does every person that ranks above such a person, and its best name is in P. When
--    max_results persons are that sure, the first max_results of P are the answer;
--    otherwise all candidates, already gathered. (Other queries: their first ten reach no
--    score that bounds the rest; a misspelled two-word name's tenth scores about 0.5.)
--    A first pass that found its names apart (`%` at s, then all candidates when it fell
--    short) read the GIN index twice whenever it fell short: the dense stress set's
--    single words (every name has more words and a number) became 1.5x slower.
-- What remains (measured at 100,000 persons): the GIN scan and its recheck of every name
-- that holds a common word (the first pass scores fewer names, it reads as many), and a
-- long misspelled query (`Mehdy Gishangizanan`) pays in the GIN scan itself (its common
-- trigrams' posting lists), whatever it finds.
-- The candidates, the scores and the order are 0018's; Tests/sql/search_names_speed.sql
-- checks that the first n answers are the first n of the complete ranking.
--
-- The last session's plan, a GiST trigram index led by the case with nearest-first
-- ordering, was measured and left: on these names a GiST scan by `<->` or `<<->` visits
-- nearly the whole index (2,600 of 2,700 pages for the 300 names nearest `Noori`, 60-80
-- ms; siglen=256 did not change it) because the trigram signatures of its inner pages
-- cover almost every trigram, and the score is not one distance: reading nearest first
-- by either measure does not bound the other.
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
  -- ikeys_agree(candidate, query) for a candidate in the other script, the query's side once
  v_ikey text := inquest_private.ikey_of_folded(v_fold);
  v_ikey_across text := inquest_private.ikey_across(v_fold, v_persian);
  -- (1. in the header) an 'exact' name has the query's folded key
  v_keyable boolean := q ~ '^[\x01-\x7f\u0600-\u06ff\u200c\u200d]*$';
  v_ids bigint[];
  v_keyed bigint := 0;
  v_sure bigint := 0;
  v_first_ids bigint[];
  v_gathered boolean := false;
  -- (5. in the header) the first pass's similarity: names with up to six trigrams more
  -- than the query (a given name of up to five letters), within [0.5, 0.88]
  v_first real := greatest(0.5, least(0.88, pg_catalog.cardinality(inquest_ext.show_trgm(v_fold))
                                            / (pg_catalog.cardinality(inquest_ext.show_trgm(v_fold)) + 6.0)));
begin
  if coalesce(v_fkey, '') = '' or coalesce(max_results, 0) <= 0 or v_cases = '{}' then
    return;
  end if;
  -- 1. (header) The key tiers first: enough persons there are the whole answer.
  if v_keyable then
    select pg_catalog.array_agg(k.id), pg_catalog.count(distinct k.person_id) filter (where k.keyed)
      into v_ids, v_keyed
      from (select n.id, n.person_id,
                   (n.name_fold_key = v_fkey or n.name_loose_key = v_lkey
                    or (n.name_arabic_script <> v_persian and n.name_skeleton_key = v_skey
                        and (inquest_private.ikey_of_folded(n.name_fold) = v_ikey
                             or inquest_private.ikey_across(n.name_fold, n.name_arabic_script) = v_ikey_across))) as keyed
              from inquest.person_name n
             where n.case_id = any (v_cases)
               and (n.name_fold_key = v_fkey or n.name_loose_key = v_lkey
                    or (v_skey <> '' and n.name_arabic_script <> v_persian and n.name_skeleton_key = v_skey))) k;
  end if;
  -- 5. (header) One Latin word: every candidate, once, marked whether in the first pass.
  if v_keyed < max_results and not v_persian and v_fold !~ ' ' then
    select pg_catalog.array_agg(distinct c.id), pg_catalog.array_agg(distinct c.id) filter (where c.first),
           pg_catalog.count(distinct c.person_id) filter (where c.sure)
      into v_ids, v_first_ids, v_sure
      from (select n.id, n.person_id, s.first or n.name_arabic_script as first,
                   s.first and inquest_ext.word_similarity(v_fold, n.name_fold) >= 1 as sure
              from inquest.person_name n
              cross join lateral (select inquest_ext.similarity(v_fold, n.name_fold) >= v_first as first) s
             where v_fold operator(inquest_ext.<%) n.name_fold and n.case_id = any (v_cases)
            union all
            select n.id, n.person_id, true, true from inquest.person_name n
             where (n.name_fold_key = v_fkey or n.name_loose_key = v_lkey) and n.case_id = any (v_cases)
            union all
            select n.id, n.person_id, true, false from inquest.person_name n
             where v_skey <> '' and n.name_arabic_script
               and (v_skel operator(inquest_ext.<<%) n.name_skeleton or n.name_skeleton_key = v_skey)
               and n.case_id = any (v_cases)) c;
    if v_sure >= max_results then
      v_ids := v_first_ids;
    end if;
    v_gathered := true;
  end if;
  if v_keyed < max_results and not v_gathered then
    v_ids := array(
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
    );
  end if;
  return query
  with cand as (
    -- 3. (header) the candidates by their primary key, not a join to the unnested ids
    select n.id, n.person_id, n.case_id, n.name, n.kind, n.name_fold, n.name_skeleton, n.name_fold_key,
           n.name_loose_key, n.name_skeleton_key, n.name_arabic_script
      from inquest.person_name n
     where n.id = any (v_ids)
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
      from cand n
      cross join lateral (select n.name_arabic_script <> v_persian as cross_script) x
      cross join lateral (
        select case when (not v_keyable or n.name_fold_key = v_fkey)  -- (2. in the header)
                         and pg_catalog.lower(pg_catalog.btrim(pg_catalog.regexp_replace(n.name, '\s+', ' ', 'g'))) = v_lower then 'exact'
                    when n.name_fold_key = v_fkey then 'folded'
                    when n.name_loose_key = v_lkey then 'loose'
                    when x.cross_script and n.name_skeleton_key = v_skey
                         and (inquest_private.ikey_of_folded(n.name_fold) = v_ikey
                             or inquest_private.ikey_across(n.name_fold, n.name_arabic_script) = v_ikey_across) then 'skeleton'
                    else 'similar' end as match,
               inquest_ext.similarity(v_fold, n.name_fold) as similarity) k
  ), best as (
    select distinct on (s.person_id) s.*
      from scored s
     order by s.person_id, s.score desc, s.similarity desc, s.cross_script, s.dlen, s.name collate "C", s.id
  ), ranked as (
    -- 4. the person key, last of the tie-breakers, is read only for the persons that can
    -- be among the first max_results (rank counts ties as one)
    select b.*, pg_catalog.rank() over (order by b.score desc, b.similarity desc, b.cross_script, b.dlen,
                                                 b.name collate "C") as r
      from best b
  ), top as (
    -- (a scalar subquery: one probe of person's primary key per row; as a join, the
    -- planner, not counting on rank's run condition, may hash all of person)
    select b.*
      from (select r.*, (select p.key from inquest.person p where p.case_id = r.case_id and p.id = r.person_id) as person_key
              from ranked r
             where r.r <= max_results) b
     order by b.score desc, b.similarity desc, b.cross_script, b.dlen, b.name collate "C", b.person_key collate "C"
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
revoke all on function inquest.search_names(text,text,integer) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.search_names(text,text,integer) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

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
  'Pairs of persons in one case whose names fold or skeleton-match or are very similar, with a score and the evidence.';
comment on function inquest.likely_duplicate_persons(text) is
  'Pairs of persons in one case whose names match (Schema/0018 rule), best first; pairs asserted distinct are left out; only the caller''s readable cases.';
revoke all on function inquest.likely_duplicate_persons(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.likely_duplicate_persons(text) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
