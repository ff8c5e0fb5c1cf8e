-- Name search takes shortcuts (Schema/objects/names/matching.sql): with enough persons in the key tiers (exact,
-- folded, loose, skeleton) it leaves the trigram candidates unscored; it reads the person
-- key only for persons that can rank among the first n. Neither may change an answer: the
-- first n results must be the first n of the complete ranking (n large enough that no
-- shortcut applies), ties included.
set search_path = tap, public;
begin;
select plan(32);

insert into inquest."case" (reference, title) values ('SP-A', 'Search speed A'), ('SP-B', 'Search speed B'),
  ('SP-C', 'Search speed C'), ('SP-D', 'Search speed D'), ('SP-E', 'Search speed E');

create function pg_temp.person(c text, names text[]) returns text language plpgsql as $$
declare
  cid bigint := (select id from inquest."case" where reference = c);
  p bigint;
  k text;
  i int;
begin
  insert into inquest.person (case_id) values (cid) returning id, key into p, k;
  for i in 1 .. cardinality(names) loop
    insert into inquest.person_name (case_id, person_id, name, kind, script)
    values (cid, p, names[i], case when i > 1 then 'transliteration' else 'primary' end,
            case when inquest_private.has_arabic_script(names[i]) then 'persian' else 'latin' end);
  end loop;
  return k;
end
$$;
-- The first n answers against the first n of the complete ranking.
create function pg_temp.same_first(q text, c text, n int) returns text language sql as $$
  select results_eq(
    format('select * from inquest.search_names(%L, %L, %s)', q, c, n),
    format('select * from inquest.search_names(%L, %L, 1000) limit %s', q, c, n),
    format('search %s in %s: the first %s answers are the complete ranking''s first %s', q, c, n, n))
$$;

-- SP-A: a common name. Exact (differing in case and spaces only), folded and loose
-- spellings, one in Persian script (skeleton), persons whose primary name is only similar
-- but who have a key-tier transliteration, and many similar names that tie on score.
select pg_temp.person('SP-A', array[n]) from unnest(array[
  'Ali Karimi', 'ali karimi', 'ALI  KARIMI', 'Aly Karimi', 'Ali Kareemi', 'Alee Karimi', 'Ali Qarimi',
  'Ali Karimi', 'Aly Kareemi']) n;
select pg_temp.person('SP-A', array['علی کریمی']);
select pg_temp.person('SP-A', array['Ali Karimi Tabrizi', 'Ali Karimi']);
select pg_temp.person('SP-A', array['Karimi Ali']);
select pg_temp.person('SP-A', array[g || ' Ali Karimi']) from unnest(array['Mohammad', 'Reza', 'Hassan', 'Jafar', 'Said']) g;
select pg_temp.person('SP-A', array['Ali Karimi ' || f]) from unnest(array['Nouri', 'Tabrizi', 'Shirazi', 'Kermani', 'Rad', 'Pour']) f;
select pg_temp.person('SP-A', array['Karimi']) from generate_series(1, 4);

select pg_temp.same_first('Ali Karimi', 'SP-A', n) from unnest(array[1, 3, 5, 9, 10, 11, 12, 13, 20]) n;
select is((select count(*) from inquest.search_names('Ali Karimi', 'SP-A', 10) where match = 'exact'), 5::bigint,
  'names equal but for case and spaces, and a transliteration, are exact matches');
select is((select count(*) from inquest.search_names('Ali Karimi', 'SP-A', 1000) where match = 'similar'), 16::bigint,
  'the complete ranking holds the similar names that the first ten leave out');
-- A query in Persian script takes the key tiers too (the Latin names are its skeleton
-- tier); one with accents takes the complete path: the same rule either way.
select pg_temp.same_first('علی کریمی', 'SP-A', n) from unnest(array[2, 8]) n;
select pg_temp.same_first('Alí Karími', 'SP-A', 6);
-- SP-C: a Persian query whose key tiers hold, besides two exact names (one with two spaces)
-- and two Latin spellings of the same letters (skeleton, long vowels agreeing), six
-- persons whose name has the same consonant skeleton but other long vowels (Hossein is
-- not حسن): those are 'similar' and score low, below the similar حسن کریمیان. Counting
-- them as key-tier persons would answer from the key tiers alone and put them first.
select pg_temp.person('SP-C', array[n]) from unnest(array['حسن کریمی', 'حسن  کریمی', 'Hassan Karimi', 'Hasan Karimi']) n;
select pg_temp.person('SP-C', array['Hosseinkarimi']) from generate_series(1, 6);
select pg_temp.person('SP-C', array['حسن کریمیان']) from generate_series(1, 3);
select pg_temp.same_first('حسن کریمی', 'SP-C', n) from unnest(array[2, 4, 6, 8]) n;
select is((select array_agg(match order by match) from inquest.search_names('حسن کریمی', 'SP-C', 4)),
  array['exact', 'exact', 'skeleton', 'skeleton'],
  'Persian names equal but for spaces are exact matches; Latin spellings with the same long vowels, skeleton matches');
select is((select array_agg(distinct match) from inquest.search_names('حسن کریمی', 'SP-C', 100) where matched_name = 'Hosseinkarimi'),
  array['similar'], 'the same skeleton with other long vowels is only similar');
select ok((select bool_and(m = 'حسن کریمیان') from (select matched_name from inquest.search_names('حسن کریمی', 'SP-C', 7) offset 4) r(m)),
  'and ranks below a similar name in the query''s script');
-- SP-D: why the key tiers answer only for ASCII and Arabic-block queries: an exact name
-- must have the query's folded key. Not so for every letter: lower('ẞ') is 'ß', but
-- fold_name spells out ß as ss and drops ẞ, so STRAUẞ is an exact match for Strauß whose
-- folded key is not Strauß's; three persons named Strauss (folded) must not hide it.
select pg_temp.person('SP-D', array[n]) from unnest(array['Strauss', 'Strauss', 'Strauss', 'STRAUẞ']) n;
select pg_temp.same_first('Strauß', 'SP-D', n) from unnest(array[1, 3]) n;
select is((select match from inquest.search_names('Strauß', 'SP-D', 1)), 'exact',
  'a name equal but for case is exact, whatever its folded key');
-- SP-E: a family name alone takes a first pass (names similar enough to it as a whole).
-- Six persons are sure (the name held whole, the rest short: Ali, Reza); three hold it
-- whole in a long name (0.75 too, less similar: outside the first pass); four are
-- similar enough but do not hold it whole (Velayatia, 0.67: in the first pass, not
-- sure); one in Persian script matches the skeleton (0.88), another is only similar.
-- Counting Velayatia as sure changes the first 9; leaving out the skeleton candidates
-- loses the skeleton match (both seen failing).
select pg_temp.person('SP-E', array[n]) from unnest(array['Ali Velayati', 'Ali Velayati', 'Ali Velayati', 'Ali Velayati',
  'Reza Velayati', 'Reza Velayati', 'Velayatia', 'Velayatia', 'Velayatia', 'Velayatia', 'ولایتی', 'علی ولایتی']) n;
select pg_temp.person('SP-E', array['Mohammad Hossein Velayati Tabrizi']) from generate_series(1, 3);
select pg_temp.same_first('Velayati', 'SP-E', n) from unnest(array[1, 3, 5, 7, 9]) n;
select is((select array_agg(matched_name) from inquest.search_names('Velayati', 'SP-E', 12)),
  array['ولایتی', 'Ali Velayati', 'Ali Velayati', 'Ali Velayati', 'Ali Velayati', 'Reza Velayati', 'Reza Velayati',
        'Mohammad Hossein Velayati Tabrizi', 'Mohammad Hossein Velayati Tabrizi', 'Mohammad Hossein Velayati Tabrizi',
        'علی ولایتی', 'Velayatia'],
  'a family name alone: the skeleton match, the names that hold it (shortest first), then the merely similar');
-- SP-B: few key-tier persons, only similar names: the complete path.
select pg_temp.person('SP-B', array[g || ' Velayati']) from unnest(array['Ali', 'Mohammad', 'Akbar', 'Hossein', 'Reza', 'Ali Akbar']) g;
select pg_temp.same_first('Velayati', 'SP-B', 3);
-- All readable cases at once (no case named): the superuser reads both.
select results_eq(
  $$select * from inquest.search_names('Ali Karimi', null, 7)$$,
  $$select * from inquest.search_names('Ali Karimi', null, 1000) limit 7$$,
  'search across cases: the first 7 answers are the complete ranking''s first 7');

select * from finish();
rollback;
