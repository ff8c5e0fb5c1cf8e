-- Structure of the case-record tables of 0003: the conventions of Schema/README.md hold
-- for every one of them (checked in the catalog, so a table added later that forgets a
-- rule fails here), and they are enrolled by 0002.
set search_path = tap, public;
begin;
select plan(14);

create temp table records_table (name text primary key, prefix text not null);
insert into records_table values
  ('person', 'P'), ('person_name', 'PN'), ('person_role', 'PR'), ('position', 'PO'),
  ('summons', 'S'), ('disclosure_request', 'D'), ('disclosure_response', 'DR'),
  ('testimony_session', 'T'), ('transcript_segment', 'TS'), ('evidence', 'E'),
  ('custody_entry', 'EC'), ('evidence_link', 'L'), ('event', 'EV'),
  ('event_participant', 'EP'), ('statement', 'ST');

select is_empty($$ select name from records_table where to_regclass('inquest.' || quote_ident(name)) is null $$,
    'every case-record table exists');

select is_empty($$ select r.name from records_table r
                    where not exists (select from information_schema.columns c
                                       where c.table_schema = 'inquest' and c.table_name = r.name and c.column_name = 'id'
                                         and c.data_type = 'bigint' and c.is_identity = 'YES' and c.identity_generation = 'ALWAYS') $$,
    'every table has id bigint generated always as identity');

select is_empty($$ select r.name from records_table r
                    where not exists (select from information_schema.columns c
                                       where c.table_schema = 'inquest' and c.table_name = r.name and c.column_name = 'case_id'
                                         and c.data_type = 'bigint' and c.is_nullable = 'NO') $$,
    'every table has case_id bigint not null');

select is_empty($$ select r.name from records_table r
                    where not exists (select from pg_constraint k
                                       where k.conrelid = ('inquest.' || quote_ident(r.name))::regclass and k.contype = 'f'
                                         and k.confrelid = 'inquest."case"'::regclass) $$,
    'every table references inquest."case"');

select is_empty($$ select r.name from records_table r
                    where not exists (select from pg_constraint k
                                       where k.conrelid = ('inquest.' || quote_ident(r.name))::regclass and k.contype = 'u'
                                         and (select array_agg(a.attname::text order by a.attname) from pg_attribute a
                                               where a.attrelid = k.conrelid and a.attnum = any (k.conkey)) = '{case_id,id}') $$,
    'every table has unique (case_id, id)');

select is_empty($$ select r.name from records_table r
                    where coalesce((select pg_get_expr(d.adbin, d.adrelid) from pg_attrdef d
                                      join pg_attribute a on a.attrelid = d.adrelid and a.attnum = d.adnum
                                     where d.adrelid = ('inquest.' || quote_ident(r.name))::regclass and a.attname = 'key'
                                       and a.attgenerated = 's'), '')
                          <> format('(''%s-''::text || id)', r.prefix) $$,
    'every table has its generated key with the listed prefix');

select is_empty($$ select substring(pg_get_expr(d.adbin, d.adrelid) from '^\(''([A-Z]+)-') as prefix
                     from pg_attrdef d
                     join pg_attribute a on a.attrelid = d.adrelid and a.attnum = d.adnum and a.attname = 'key'
                     join pg_class c on c.oid = d.adrelid
                    where c.relnamespace = 'inquest'::regnamespace
                    group by 1 having count(*) > 1 $$,
    'no two tables of schema inquest share a key prefix');

-- Every foreign key to another case-record table carries case_id, so a record can never
-- point into another case.
select is_empty($$ select k.conname from pg_constraint k
                    join records_table r on k.conrelid = ('inquest.' || quote_ident(r.name))::regclass
                   where k.contype = 'f' and k.confrelid <> 'inquest."case"'::regclass
                     and not exists (select from pg_attribute a where a.attrelid = k.conrelid and a.attnum = k.conkey[1] and a.attname = 'case_id')
                     and not exists (select from pg_attribute a where a.attrelid = k.confrelid and a.attnum = k.confkey[1] and a.attname = 'case_id') $$,
    'every foreign key between case records is composite with case_id first');

select is_empty($$ select k.conname from pg_constraint k
                    join records_table r on k.conrelid = ('inquest.' || quote_ident(r.name))::regclass
                   where k.contype = 'f'
                     and not exists (
                       select from pg_index i
                        where i.indrelid = k.conrelid
                          and (select array_agg(x order by x) from unnest((string_to_array(i.indkey::text, ' ')::int2[])[1:cardinality(k.conkey)]) x)
                            = (select array_agg(x order by x) from unnest(k.conkey) x)) $$,
    'every foreign key is backed by an index');

select is_empty($$ select k.conname from pg_constraint k
                    join records_table r on k.conrelid = ('inquest.' || quote_ident(r.name))::regclass
                   where k.conname not like r.name || '\_%' $$,
    'every constraint is named <table>_<rule>');

select is_empty($$ select c.relname from pg_class c
                   where c.relnamespace = 'inquest'::regnamespace and c.relkind = 'v'
                     and not coalesce(c.reloptions @> '{security_invoker=true}', false) $$,
    'every view in schema inquest is security_invoker');

select is_empty($$ select p.table_name, p.problem from inquest_private.enrollment_problems() p
                     join records_table r on r.name = p.table_name $$,
    'every case-record table is enrolled (forced RLS and audit triggers, 0002)');

-- Over the whole schema, not the list above: a table added later is covered too. Failed
-- before the rule was one loop over the catalog (correspondence, evidence_fact,
-- person_distinct, protected_identity and testimony_log_line had no case guard).
select is_empty($$ select c.relname from pg_class c
                    where c.relnamespace = 'inquest'::regnamespace and c.relkind = 'r'
                      and exists (select from pg_attribute a where a.attrelid = c.oid and a.attname = 'case_id' and not a.attisdropped)
                      and exists (select from pg_attribute a where a.attrelid = c.oid and a.attname = 'key' and not a.attisdropped)
                      and not exists (select from pg_trigger t where t.tgrelid = c.oid and t.tgname = c.relname || '_case_fixed'
                                         and t.tgfoid = 'inquest_private.keep_case()'::regprocedure and t.tgenabled = 'O') $$,
    'every case record table keeps its case (a record cannot move to another case)');
select is_empty($$ select c.relname from pg_class c
                    where c.relnamespace = 'inquest'::regnamespace and c.relkind = 'r'
                      and exists (select from pg_attribute a where a.attrelid = c.oid and a.attname = 'updated_at' and not a.attisdropped)
                      and not exists (select from pg_trigger t where t.tgrelid = c.oid and t.tgname = c.relname || '_touch_updated_at'
                                         and t.tgfoid = 'inquest_private.touch_updated_at()'::regprocedure) $$,
    'every table with updated_at has it set by the server');

select * from finish();
rollback;
