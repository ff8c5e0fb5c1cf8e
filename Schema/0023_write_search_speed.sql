-- 0023: name search speed (issue 14). Same answers, less work.
--
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
--    cannot change it. This is done for an ASCII query only: an 'exact' name (the same
--    text, lower-cased) then has the query's folded key and is among these rows
--    (fold_name lower-cases after its accent steps, which leave ASCII alone, and no
--    letter outside ASCII lower-cases to ASCII through them). Otherwise, or with fewer
--    persons: all candidates, as in 0018.
-- 2. For an ASCII query the regular expression of the 'exact' test runs only on names
--    with the query's folded key (the same reason).
-- 3. The person key, the last tie-breaker, is read for the persons that can be among the
--    first max_results (rank() over the other keys), not for every candidate person.
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
  v_ikey text := inquest_private.ikey_of_folded(v_fold);
  v_ascii boolean := q !~ '[^\x01-\x7f]';
  v_ids bigint[];
  v_keyed bigint := 0;
begin
  if coalesce(v_fkey, '') = '' or coalesce(max_results, 0) <= 0 or v_cases = '{}' then
    return;
  end if;
  -- 1. (header) The key tiers first: enough persons there are the whole answer.
  if v_ascii then
    select pg_catalog.array_agg(k.id), pg_catalog.count(distinct k.person_id) filter (where k.keyed)
      into v_ids, v_keyed
      from (select n.id, n.person_id,
                   (n.name_fold_key = v_fkey or n.name_loose_key = v_lkey
                    or (n.name_arabic_script and n.name_skeleton_key = v_skey
                        and inquest_private.ikey_of_folded(n.name_fold) = v_ikey)) as keyed
              from inquest.person_name n
             where n.case_id = any (v_cases)
               and (n.name_fold_key = v_fkey or n.name_loose_key = v_lkey
                    or (v_skey <> '' and n.name_arabic_script and n.name_skeleton_key = v_skey))) k;
  end if;
  if v_keyed < max_results then
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
    select pg_catalog.unnest(v_ids) as id
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
        select case when (not v_ascii or n.name_fold_key = v_fkey)  -- (see above: for an ASCII query, exact is folded)
                         and pg_catalog.lower(pg_catalog.btrim(pg_catalog.regexp_replace(n.name, '\s+', ' ', 'g'))) = v_lower then 'exact'
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
  ), ranked as (
    -- the person key, last of the tie-breakers, is read only for the persons that can
    -- be among the first max_results (rank counts ties as one)
    select b.*, pg_catalog.rank() over (order by b.score desc, b.similarity desc, b.cross_script, b.dlen,
                                                 b.name collate "C") as r
      from best b
  ), top as (
    select b.*, p.key as person_key
      from ranked b join inquest.person p on p.case_id = b.case_id and p.id = b.person_id
     where b.r <= max_results
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
  'Transliteration-aware person search, ranked by match quality (exact, folded, loose, skeleton, similar; Schema/0018, 0023); one row per person; only the caller''s readable cases.';
revoke execute on function inquest.search_names(text, text, integer) from public;
grant execute on function inquest.search_names(text, text, integer)
  to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
