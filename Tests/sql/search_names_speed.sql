-- Name search takes shortcuts (Schema/objects/names/matching.sql): with enough persons in the key tiers (exact,
-- folded, loose, skeleton) it leaves the trigram candidates unscored; it reads the person
-- key only for persons that can rank among the first n. Neither may change an answer: the
-- first n results must be the first n of the complete ranking (n large enough that no
-- shortcut applies), ties included.
set search_path = tap, public;
begin;
select plan(16);

insert into inquest."case" (reference, title) values ('SP-A', 'Search speed A'), ('SP-B', 'Search speed B');

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
-- A query in Persian script and one with accents: no shortcut, the same rule.
select pg_temp.same_first('علی کریمی', 'SP-A', n) from unnest(array[2, 8]) n;
select pg_temp.same_first('Alí Karími', 'SP-A', 6);
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
