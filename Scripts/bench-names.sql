-- The name-matching benchmark (Scripts/bench.sh, section `names`; data from
-- Scripts/names-benchmark.py in Tests/fixtures/names-benchmark/). Run as a superuser with
--   psql -v fixtures=Tests/fixtures/names-benchmark -v fillers=100000 -f Scripts/bench-names.sql
--
-- Two cases hold the benchmark's persons, each under the canonical name of one script
-- (NAMES-L: Latin letters, NAMES-P: Persian script), among `fillers` other persons each
-- whose names are built from the same given names and from family names made of
-- Persian syllables (Latin and Persian script alike): hard distractors, none of them
-- a namesake of the benchmark's persons (same consonant skeleton of the full name).
--   recall@1, recall@5   every spelling of every person (its own canonical name excepted),
--                        searched in each case (inquest.search_names); found if the
--                        person is first / among the first five. Per script pairing
--                        (query script -> the case's script).
--   duplicate report     a third case (NAMES-D) holds every spelling as a person of its
--                        own; inquest.likely_duplicate_persons pairs them; a reported pair
--                        is correct when both spellings belong to one person. Precision
--                        per script pairing, and recall (correct pairs found / pairs of
--                        spellings of one person).
--   labelled pairs       pairs.tsv (same / different): a pair is flagged when the
--                        duplicate rule (inquest_private.names_match) would report it.
\set ON_ERROR_STOP 1
\pset footer off
set client_min_messages = warning;

create temp table bench_entity (entity text, script text, name text, variant text);
create temp table bench_pair (name_a text, script_a text, name_b text, script_b text, label text, kind text);
\set entities_file :fixtures '/entities.tsv'
\set pairs_file :fixtures '/pairs.tsv'
copy bench_entity from :'entities_file' with (format csv, delimiter E'\t', header true, quote E'\x01');
copy bench_pair from :'pairs_file' with (format csv, delimiter E'\t', header true, quote E'\x01');

begin;
insert into inquest."case" (reference, title) values
  ('NAMES-L', 'Name benchmark, Latin records'), ('NAMES-P', 'Name benchmark, Persian records'),
  ('NAMES-D', 'Name benchmark, duplicates');
create temp table bench_person (entity text, case_ref text, person_id bigint);
-- the benchmark's persons, one per case and script
with e as (
  select b.entity, b.name, b.script, c.id as case_id, c.reference
    from bench_entity b
    join inquest."case" c on (c.reference, b.script) in (('NAMES-L', 'latin'), ('NAMES-P', 'persian'))
   where b.variant = 'canonical'
), p as (
  insert into inquest.person (case_id, description)
  select e.case_id, e.entity from e
  returning id, case_id, description
)
insert into bench_person select p.description, c.reference, p.id from p join inquest."case" c on c.id = p.case_id;
insert into inquest.person_name (case_id, person_id, name, kind, script)
select c.id, bp.person_id, b.name, 'primary', b.script
  from bench_person bp join inquest."case" c on c.reference = bp.case_ref
  join bench_entity b on b.entity = bp.entity and b.variant = 'canonical'
   and b.script = case bp.case_ref when 'NAMES-L' then 'latin' else 'persian' end;

-- fillers: a given name of the benchmark and a family name of 2 or 3 syllables, with a suffix
create temp table syl (n int, lat text, per text);
insert into syl values (0,'ba','با'),(1,'ra','را'),(2,'za','زا'),(3,'ma','ما'),(4,'na','نا'),(5,'sa','سا'),
  (6,'ta','تا'),(7,'da','دا'),(8,'ka','کا'),(9,'la','لا'),(10,'far','فر'),(11,'gol','گل'),(12,'bar','بر'),
  (13,'dar','در'),(14,'sham','شم'),(15,'khor','خر'),(16,'mir','میر'),(17,'bah','به'),(18,'tor','تر'),
  (19,'shir','شیر'),(20,'ja','جا'),(21,'vand','وند'),(22,'pur','پور'),(23,'nav','نو'),(24,'kam','کم');
create temp table suf (n int, lat text, per text);
insert into suf values (0,'i','ی'),(1,'ian','یان'),(2,'zadeh','زاده'),(3,'nia','نیا'),(4,'pour','پور'),(5,'i','ی'),(6,'ani','انی');
create temp table giv as
  select row_number() over (order by g) - 1 as n, g from (select distinct name as g from bench_entity where false) x;
create temp table fill_given (n int, lat text, per text);
insert into fill_given values (0,'Mohammad','محمد'),(1,'Ali','علی'),(2,'Hossein','حسین'),(3,'Hassan','حسن'),
  (4,'Reza','رضا'),(5,'Mehdi','مهدی'),(6,'Ahmad','احمد'),(7,'Mahmoud','محمود'),(8,'Ebrahim','ابراهیم'),
  (9,'Morteza','مرتضی'),(10,'Esmail','اسماعیل'),(11,'Ghasem','قاسم'),(12,'Kazem','کاظم'),(13,'Sadegh','صادق'),
  (14,'Mostafa','مصطفی'),(15,'Abbas','عباس'),(16,'Yousef','یوسف'),(17,'Saeed','سعید'),(18,'Jafar','جعفر'),
  (19,'Akbar','اکبر');
create temp table filler as
  select i, g.lat || ' ' || initcap(s1.lat || s2.lat || case when i % 3 = 0 then s3.lat else '' end || x.lat) as lat,
         g.per || ' ' || s1.per || s2.per || case when i % 3 = 0 then s3.per else '' end || x.per as per
    from generate_series(1, :fillers + :fillers / 4) i
    join fill_given g on g.n = i % 20
    join syl s1 on s1.n = (i / 20) % 25
    join syl s2 on s2.n = (i / 500) % 25
    join syl s3 on s3.n = (i / 7) % 25
    join suf x on x.n = (i / 12500 + i) % 7;
-- namesakes are no distractors: a filler whose full name has the consonant skeleton of
-- a spelling of a benchmark person (Esmail Jafari made of syllables ja-far-i) is dropped
delete from filler f
 where pg_catalog.replace(inquest_private.name_skeleton(f.lat), ' ', '') in
         (select pg_catalog.replace(inquest_private.name_skeleton(name), ' ', '') from bench_entity)
    or pg_catalog.replace(inquest_private.name_skeleton(f.per), ' ', '') in
         (select pg_catalog.replace(inquest_private.name_skeleton(name), ' ', '') from bench_entity);
delete from filler where i not in (select i from filler order by i limit :fillers);
do $$
declare r record;
begin
  for r in select id, reference from inquest."case" where reference in ('NAMES-L', 'NAMES-P') loop
    with p as (
      insert into inquest.person (case_id, description)
      select r.id, 'filler ' || f.i from filler f
      returning id, description
    )
    insert into inquest.person_name (case_id, person_id, name, kind, script)
    select r.id, p.id, case when r.reference = 'NAMES-L' then f.lat else f.per end, 'primary',
           case when r.reference = 'NAMES-L' then 'latin' else 'persian' end
      from p join filler f on 'filler ' || f.i = p.description;
  end loop;
end
$$;

-- every spelling a person of its own, for the duplicate report
with p as (
  insert into inquest.person (case_id, description)
  select (select id from inquest."case" where reference = 'NAMES-D'), b.entity || '|' || b.script || '|' || b.name
    from (select distinct entity, script, name from bench_entity) b
  returning id, case_id, description
)
insert into inquest.person_name (case_id, person_id, name, kind, script)
select p.case_id, p.id, split_part(p.description, '|', 3), 'primary', split_part(p.description, '|', 2) from p;
commit;
analyze inquest.person, inquest.person_name;

-- recall@1 and recall@5
create temp table bench_query as
  select b.entity, b.script as q_script, b.name as q, c.reference as case_ref,
         case c.reference when 'NAMES-L' then 'latin' else 'persian' end as t_script
    from bench_entity b cross join (values ('NAMES-L'), ('NAMES-P')) c(reference)
   where not (b.variant = 'canonical' and b.script = case c.reference when 'NAMES-L' then 'latin' else 'persian' end);
create temp table bench_result as
  select q.*, (select min(r.n) from (
                 select s.person_key, row_number() over () as n
                   from inquest.search_names(q.q, q.case_ref, 5) s) r
                 join inquest.person p on p.key = r.person_key
                 join bench_person bp on bp.person_id = p.id
                where bp.entity = q.entity) as rank_found
    from bench_query q;

\echo 'recall (spellings searched among the benchmark persons and the fillers)'
select q_script || ' -> ' || t_script as pairing, count(*) as queries,
       round(100.0 * count(*) filter (where rank_found = 1) / count(*), 1) as "recall@1 %",
       round(100.0 * count(*) filter (where rank_found <= 5) / count(*), 1) as "recall@5 %"
  from bench_result group by rollup (q_script || ' -> ' || t_script) order by 1 nulls last;

-- the duplicate report
create temp table bench_dup as
  select split_part(pa.description, '|', 1) = split_part(pb.description, '|', 1) as correct,
         least(split_part(pa.description, '|', 2), split_part(pb.description, '|', 2)) || ' / ' ||
         greatest(split_part(pa.description, '|', 2), split_part(pb.description, '|', 2)) as pairing,
         d.*
    from inquest.likely_duplicate_persons('NAMES-D') d
    join inquest.person pa on pa.key = d.person_a
    join inquest.person pb on pb.key = d.person_b;
create temp table bench_dup_truth as
  select least(a.script, b.script) || ' / ' || greatest(a.script, b.script) as pairing, count(*) as n
    from (select distinct entity, script, name from bench_entity) a
    join (select distinct entity, script, name from bench_entity) b
      on a.entity = b.entity and (a.script, a.name) < (b.script, b.name)
   group by 1;
\echo 'duplicate report (every spelling a person of its own)'
select d.pairing, count(*) as reported, count(*) filter (where correct) as correct,
       round(100.0 * count(*) filter (where correct) / count(*), 1) as "precision %",
       round(100.0 * count(*) filter (where correct) / max(t.n), 1) as "recall %"
  from bench_dup d join bench_dup_truth t on t.pairing = d.pairing
 group by d.pairing
union all
select 'all', count(*), count(*) filter (where correct), round(100.0 * count(*) filter (where correct) / count(*), 1),
       round(100.0 * count(*) filter (where correct) / (select sum(n) from bench_dup_truth), 1)
  from bench_dup order by 1;
\echo 'wrongly reported pairs (first 15)'
select name_a, name_b, score, evidence from bench_dup where not correct order by score desc, name_a, name_b limit 15;
\echo 'spellings not found first (first 25)'
select q, q_script, case_ref, rank_found from bench_result where rank_found is distinct from 1 order by q_script, q limit 25;

-- the labelled pairs, through the duplicate report's pair rule
create temp table bench_pair_result as
  select p.*, inquest_private.names_match(p.name_a, p.script_a = 'persian', p.name_b, p.script_b = 'persian') as flagged
    from bench_pair p;
\echo 'labelled pairs (pairs.tsv) through the duplicate rule'
select least(script_a, script_b) || ' / ' || greatest(script_a, script_b) as pairing,
       count(*) filter (where label = 'same') as same, count(*) filter (where label = 'different') as different,
       count(*) filter (where flagged and label = 'same') as "same, flagged",
       count(*) filter (where flagged and label = 'different') as "different, flagged",
       round(100.0 * count(*) filter (where flagged and label = 'same') / nullif(count(*) filter (where flagged), 0), 1) as "precision %",
       round(100.0 * count(*) filter (where flagged and label = 'same') / nullif(count(*) filter (where label = 'same'), 0), 1) as "recall %"
  from bench_pair_result group by rollup (1) order by 1 nulls last;
\echo 'different persons flagged (hard negatives)'
select name_a, name_b, kind from bench_pair_result where flagged and label = 'different' order by kind, name_a limit 20;

-- one line for Scripts/bench.sh
select round(100.0 * count(*) filter (where rank_found = 1) / count(*), 1) as r1,
       round(100.0 * count(*) filter (where rank_found <= 5) / count(*), 1) as r5,
       count(*) as queries
  from bench_result \gset
select round(100.0 * count(*) filter (where correct) / nullif(count(*), 0), 1) as prec, count(*) as reported
  from bench_dup \gset
\echo names-summary :r1 :r5 :prec :queries :reported
