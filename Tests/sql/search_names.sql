-- Name search that survives transliteration (issue 5, Schema/0005): the spelling pairs
-- of the statement both ways, Persian script against Latin both ways, unknown given
-- names, ranking, row-level security, protected persons, likely duplicates.
set search_path = tap, public;
begin;
select plan(57);

-- Fixtures. TS-A: the realistic case; TS-B: one person per spelling of the statement's
-- pairs; TS-C: the cross-script pairs with each person in one script only.
insert into inquest."case" (reference, title) values
  ('TS-A', 'Search test A'), ('TS-B', 'Search test B'), ('TS-C', 'Search test C');

-- A person with the given names, the first one primary (or the pseudonym of a
-- protected person), the others transliterations; script from the text.
create function pg_temp.person(c text, names text[], prot boolean default false) returns text language plpgsql as $$
declare
  cid bigint := (select id from inquest."case" where reference = c);
  p bigint;
  k text;
  i int;
begin
  insert into inquest.person (case_id, protected) values (cid, prot) returning id, key into p, k;
  for i in 1 .. cardinality(names) loop
    insert into inquest.person_name (case_id, person_id, name, kind, script)
    values (cid, p, names[i],
            case when i > 1 then 'transliteration' when prot then 'pseudonym' else 'primary' end,
            case when inquest_private.has_arabic_script(names[i]) then 'persian' else 'latin' end);
  end loop;
  return k;
end
$$;
-- The key of the person shown under display name n in case c.
create function pg_temp.pk(c text, n text) returns text language sql as $$
  select d.key from inquest.person_display d join inquest."case" ca on ca.id = d.case_id
   where ca.reference = c and d.display_name = n
$$;
-- The plan of a query, one line per row.
create function pg_temp.plan(q text) returns setof text language plpgsql as $$
begin
  return query execute 'explain (costs off) ' || q;
end
$$;
-- How a search for q (in case c) matched the person shown as n: match kind, or NULL.
create function pg_temp.how(q text, c text, n text) returns text language sql as $$
  select s.match from inquest.search_names(q, c) s where s.person_key = pg_temp.pk(c, n)
$$;

select pg_temp.person('TS-A', array['Mohammad Jafar Mahallati', 'Mohammed Mahallati']);
select pg_temp.person('TS-A', array['عبدالله نوری']);
select pg_temp.person('TS-A', array['Hossein Mousavi']);
select pg_temp.person('TS-A', array['حسین موسوی']);
select pg_temp.person('TS-A', array['Akhoundzadeh Basti']);
select pg_temp.person('TS-A', array['Witness Almond'], true) as witness \gset
-- Somebody who bears the protected witness's real name (set below) openly.
select pg_temp.person('TS-A', array['Bahram Canaryzadeh']);
-- A first secretary known by family name only: the given name is unknown (NULL).
select pg_temp.person('TS-A', array['Raeisia']) as raeisia \gset
update inquest.person_name set family_name = 'Raeisia' where name = 'Raeisia';

select pg_temp.person('TS-B', array[n]) from unnest(array[
  'Akhoundzadeh', 'Akhondzadeh', 'Raeisia', 'Raessinia', 'Nouri', 'Noori', 'Mohammed', 'Mohammad',
  'Khamanei', 'Khamenei', 'Mahallati', 'Mahalati', 'Velayati', 'Valayati']) n;

select pg_temp.person('TS-C', array['محمدجعفر محلاتی']);
select pg_temp.person('TS-C', array['Abdollah Nouri']);
select pg_temp.person('TS-C', array['حسینعلی نیری']);
set constraints all immediate;

------------------------------------------------------------------ the folding
select is(inquest_private.fold_name('Akhoundzadeh-Basti'), inquest_private.fold_name('Akhoundzadeh Basti'),
  'hyphen and space in a compound name fold alike');
select is(inquest_private.fold_name('Hossein'), inquest_private.fold_name('Husayn'),
  'Hossein and Husayn fold alike');
select is(inquest_private.fold_name('Ja''far'), inquest_private.fold_name('Jafar'),
  'apostrophes do not count');
select is(replace(inquest_private.name_skeleton('محمدجعفر محلاتی'), ' ', ''),
          replace(inquest_private.name_skeleton('Mohammad Jafar Mahallati'), ' ', ''),
  'Persian script and its Latin transliteration share the consonant skeleton (spaces aside)');
select isnt(inquest_private.fold_name('Nouri'), inquest_private.fold_name('Nasiri'),
  'folding keeps different names apart');
select is_empty($$ select p.oid::regprocedure::text from pg_proc p
                    where p.oid in ('inquest_private.fold_name(text)'::regprocedure,
                                    'inquest_private.fold_persian(text)'::regprocedure,
                                    'inquest_private.name_skeleton(text)'::regprocedure)
                      and not (p.provolatile = 'i' and p.proparallel = 's') $$,
  'the folding functions are IMMUTABLE and PARALLEL SAFE');

------------------------------------------------------------------ the statement's pairs, both ways
select is(pg_temp.how('Akhondzadeh', 'TS-B', 'Akhoundzadeh'), 'folded', 'Akhondzadeh finds Akhoundzadeh (folded)');
select is(pg_temp.how('Akhoundzadeh', 'TS-B', 'Akhondzadeh'), 'folded', 'Akhoundzadeh finds Akhondzadeh (folded)');
select is(pg_temp.how('Noori', 'TS-B', 'Nouri'), 'folded', 'Noori finds Nouri (folded)');
select is(pg_temp.how('Nouri', 'TS-B', 'Noori'), 'folded', 'Nouri finds Noori (folded)');
select is(pg_temp.how('Mohammad', 'TS-B', 'Mohammed'), 'folded', 'Mohammad finds Mohammed (folded)');
select is(pg_temp.how('Mohammed', 'TS-B', 'Mohammad'), 'folded', 'Mohammed finds Mohammad (folded)');
select is(pg_temp.how('Khamenei', 'TS-B', 'Khamanei'), 'folded', 'Khamenei finds Khamanei (folded)');
select is(pg_temp.how('Khamanei', 'TS-B', 'Khamenei'), 'folded', 'Khamanei finds Khamenei (folded)');
select is(pg_temp.how('Mahalati', 'TS-B', 'Mahallati'), 'folded', 'Mahalati finds Mahallati (folded)');
select is(pg_temp.how('Mahallati', 'TS-B', 'Mahalati'), 'folded', 'Mahallati finds Mahalati (folded)');
select is(pg_temp.how('Valayati', 'TS-B', 'Velayati'), 'folded', 'Valayati finds Velayati (folded)');
select is(pg_temp.how('Velayati', 'TS-B', 'Valayati'), 'folded', 'Velayati finds Valayati (folded)');
-- (since 0018 on the loose key, which alone keeps the -nia rule: Karimi-Nia is not Karimi)
select is(pg_temp.how('Raessinia', 'TS-B', 'Raeisia'), 'loose', 'Raessinia finds Raeisia (loose)');
select is(pg_temp.how('Raeisia', 'TS-B', 'Raessinia'), 'loose', 'Raeisia finds Raessinia (loose)');
select results_eq($$ select display_name from inquest.search_names('Raessinia', 'TS-B') limit 2 $$,
                  $$ values ('Raessinia'), ('Raeisia') $$,
  'Raeisia ranks right after the exact Raessinia');
select is_empty($$ select display_name from inquest.search_names('Nouri', 'TS-B')
                    where display_name not in ('Nouri', 'Noori') $$,
  'a search for Nouri finds nobody but Nouri and Noori');

------------------------------------------------------------------ Persian script and Latin, both ways
select is(pg_temp.how('محمدجعفر محلاتی', 'TS-A', 'Mohammad Jafar Mahallati'), 'skeleton',
  'محمدجعفر محلاتی finds Mohammad Jafar Mahallati (Latin names only)');
select is(pg_temp.how('Mohammad Jafar Mahallati', 'TS-C', 'محمدجعفر محلاتی'), 'skeleton',
  'Mohammad Jafar Mahallati finds محمدجعفر محلاتی (Persian name only)');
select is(pg_temp.how('Abdollah Nouri', 'TS-A', 'عبدالله نوری'), 'skeleton',
  'Abdollah Nouri finds عبدالله نوری');
select is(pg_temp.how('عبدالله نوری', 'TS-C', 'Abdollah Nouri'), 'skeleton',
  'عبدالله نوری finds Abdollah Nouri');
select is(pg_temp.how('حسین موسوی', 'TS-A', 'Hossein Mousavi'), 'skeleton', 'حسین موسوی finds Hossein Mousavi');
select is(pg_temp.how('Hosseinali Nayyeri', 'TS-C', 'حسینعلی نیری'), 'skeleton', 'Hosseinali Nayyeri finds حسینعلی نیری');
select is(pg_temp.how('محلاتی', 'TS-A', 'Mohammad Jafar Mahallati'), 'similar',
  'the Persian family name alone finds the Latin full name');
select is(pg_temp.how('Nouri', 'TS-C', 'Abdollah Nouri'), 'similar', 'the family name alone finds the full name');
select results_eq($$ select display_name, matched_name from inquest.search_names('Mahallati', 'TS-A') $$,
                  $$ values ('Mohammad Jafar Mahallati', 'Mohammed Mahallati') $$,
  'one row per person, showing the closest of its names');

------------------------------------------------------------------ unknown given names
select results_eq($$ select person_key, display_name, matched_name from inquest.search_names('Raeisia', 'TS-A') $$,
                  format($$ values (%L, 'Raeisia', 'Raeisia') $$, :'raeisia'),
  'the family name alone finds a person whose given name is unknown, shown without an invented one');
select is((select given_name from inquest.person_name where name = 'Raeisia' and case_id = (select id from inquest."case" where reference = 'TS-A')),
  null, '... whose given name stays NULL');
select is(pg_temp.how('Raeisiya', 'TS-A', 'Raeisia'), 'folded', 'a variant of the family name finds them too');

------------------------------------------------------------------ ranking
select results_eq($$ select display_name, match from inquest.search_names('Mahallati') limit 3 $$,
                  $$ values ('Mahallati', 'exact'), ('Mahalati', 'folded'), ('Mohammad Jafar Mahallati', 'similar') $$,
  'an exact name ranks first, then the folded spelling, then the longer name containing it');
select results_eq($$ select match from inquest.search_names('MOHAMMAD JAFAR MAHALLATI', 'TS-A') $$,
                  $$ values ('exact') $$, 'exact match ignores case');
select is((select count(*)::int from inquest.search_names('Mahallati', null, 2)), 2, 'max_results limits the rows');
select ok((select bool_and(score between 0 and 1) from inquest.search_names('Mahalati')), 'scores lie in [0, 1]');
select is_empty($$ select * from inquest.search_names('Zzyzx Qwerty') $$, 'an unrelated query finds nothing');
select is_empty($$ select * from inquest.search_names('  ') $$, 'a blank query finds nothing');
select throws_ok($$ select * from inquest.search_names('Nouri', 'TS-NONE') $$, 'P0002', 'case TS-NONE not found',
  'an unknown case is reported');

------------------------------------------------------------------ protected persons
select results_eq(format($$ select display_name, matched_name from inquest.search_names('Witness Almond') where person_key = %L $$, :'witness'),
                  $$ values ('Witness Almond', 'Witness Almond') $$,
  'a protected person is found under the pseudonym');
select lives_ok(format($$ select inquest.set_protected_identity(%L, 'Bahram Canaryzadeh', null, null) $$, :'witness'),
  'the real identity is recorded apart');
select is_empty(format($$ select * from inquest.search_names('Bahram Canaryzadeh') where person_key = %L $$, :'witness'),
  'the real name does not find the protected person');
select is_empty(format($$ select matched_name from unnest(array['Witness', 'Almond', 'Bahram', 'Canaryzadeh', 'Witnes Almand']) q
                           cross join lateral inquest.search_names(q) s
                           where person_key = %L and (matched_name <> 'Witness Almond' or display_name <> 'Witness Almond') $$, :'witness'),
  'no search shows anything but the pseudonym of a protected person');

------------------------------------------------------------------ row-level security and grants
create role t_search_inv login in role inquest_investigator;
create role t_search_out login in role inquest_investigator;
insert into inquest_private.app_user (username, created_by) values ('t_search_inv', 'test');  -- as `inquest user add` would (only its users can be assigned)
insert into inquest.case_assignment (case_id, username)
select id, 't_search_inv' from inquest."case" where reference = 'TS-B';

set local session authorization t_search_inv;
select set_eq($$ select distinct case_reference from inquest.search_names('Mahallati') $$, array['TS-B'],
  'an investigator finds persons of assigned cases only');
select is_empty($$ select * from inquest.search_names('Mohammad Jafar Mahallati') where case_reference <> 'TS-B' $$,
  '... even for a name that exists only elsewhere');
select throws_ok($$ select * from inquest.search_names('Mahallati', 'TS-A') $$, 'P0002', 'case TS-A not found',
  '... and cannot name an unassigned case');
select throws_ok($$ select id from inquest.person_name where 'mahalati' operator(inquest_ext.<%) name_fold $$, '42501', null,
  'the search keys are not readable by investigators: only the search functions reach them (Schema/0011)');
reset session authorization;

set local session authorization t_search_out;
select is_empty($$ select * from inquest.search_names('Mahallati') $$, 'an investigator with no assignment finds nothing');
select is_empty($$ select * from inquest.likely_duplicate_persons() $$, '... and no duplicates');
reset session authorization;

select is_empty($$ select g || ' ' || f from unnest(array['inquest_admin', 'inquest_investigator', 'inquest_auditor']) g
                    cross join unnest(array['inquest.search_names(text,text,integer)', 'inquest.likely_duplicate_persons(text)']) f
                   where not has_function_privilege(g, f, 'execute') $$,
  'admins, investigators and auditors may search and list duplicates');
select is_empty($$ select p.oid::regprocedure::text from pg_proc p
                    where p.oid in ('inquest.search_names(text,text,integer)'::regprocedure,
                                    'inquest.likely_duplicate_persons(text)'::regprocedure)
                      and not (p.prosecdef and 'search_path=pg_catalog, pg_temp' = any (p.proconfig)
                               and not has_function_privilege('public', p.oid, 'execute')) $$,
  'search and duplicates are SECURITY DEFINER with a pinned search_path, not executable by PUBLIC (they restrict to readable cases themselves)');
------------------------------------------------------------------ likely duplicates
select ok(exists (select from inquest.likely_duplicate_persons('TS-B')
                   where person_a = pg_temp.pk('TS-B', 'Akhoundzadeh') and person_b = pg_temp.pk('TS-B', 'Akhondzadeh')
                     and score between 0.9 and 0.99 and evidence like 'same folded spelling%'),
  'duplicates pair Akhoundzadeh with Akhondzadeh, with the evidence');
select is_empty($$ select * from inquest.likely_duplicate_persons('TS-B')
                    where 'Nouri' in (name_a, name_b) and 'Noori' not in (name_a, name_b) $$,
  'duplicates do not pair Nouri with unrelated names');
select ok(exists (select from inquest.likely_duplicate_persons('TS-A')
                   where person_a = pg_temp.pk('TS-A', 'Hossein Mousavi') and person_b = pg_temp.pk('TS-A', 'حسین موسوی')
                     and evidence like 'same consonant skeleton%'),
  'duplicates pair a Persian-script name with its Latin transliteration');
select is_empty($$ select * from inquest.likely_duplicate_persons('TS-A')
                    where person_a = pg_temp.pk('TS-A', 'Witness Almond') or person_b = pg_temp.pk('TS-A', 'Witness Almond') $$,
  'a protected person is paired with nobody on account of a real name');

select * from finish();
rollback;
