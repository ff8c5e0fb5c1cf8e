-- 0011 Row-level security without side channels (issue 10, classes 1 and 2).
--
-- The channel: PostgreSQL may evaluate a LEAKPROOF condition of a query (text `=`,
-- `<`, `>=`, ... are) as an index condition *before* the row-level security filter;
-- EXPLAIN (ANALYZE) then reports "Rows Removed by Filter" (and SubPlan loops) for rows
-- the caller may not see. A prefix walk over an indexed text column spells out every
-- value of every case. Views do not help (leakproof conditions are pushed into them).
--
-- The rule this file establishes, and a guard that keeps it (an event trigger refusing
-- DDL that breaks it; pgTAP access_side_channels.sql probes every column with EXPLAIN):
--
--   A. Investigator policies compare the case column with an array computed once per
--      statement: `case_id = any (array(select ... where username = current_user))`.
--      That is an InitPlan parameter, so the comparison is itself an index condition
--      and no per-row SubPlan runs (whose loop count would also leak).
--   B. Every other index of a case table is a b-tree that leads with the case column,
--      so whenever the planner uses it, the case condition is part of the index
--      condition and no row of another case is ever read. Exceptions, checked by
--      inquest_private.side_channel_indexes(): the primary key and the human key (they
--      tell only that a record number exists, as the global sequence does), and indexes
--      an investigator cannot use before the policy: every column they rest on is
--      unreadable by investigators, or every operator of their operator class is
--      non-LEAKPROOF.
--   C. The search keys of names (folded spellings, skeletons) have trigram GIN indexes,
--      which cannot lead with the case (GIN has no `= any(array)`): investigators cannot
--      read those columns at all (column privileges). Search, duplicate detection and
--      the import's duplicate check reach them through SECURITY DEFINER functions that
--      restrict to the caller's readable cases *before* matching and show only their
--      own output rows.
--   D. case.reference must be unique across cases: its unique index is on an opaque
--      (non-inlinable, non-LEAKPROOF, not executable by investigators) function of the
--      reference, so no investigator condition can use it.
--
-- Statistics (class 2): the statistics views that show values or per-table row counts
-- (pg_stats, pg_stat_*_tables, ...) are revoked from PUBLIC. pg_class.reltuples and the
-- relation size functions stay readable by everyone (PostgreSQL's catalog is world
-- readable): they show the volume of all cases together, never a value. See the
-- README's threat model.

------------------------------------------------------------------------------
-- A. Investigator policies
------------------------------------------------------------------------------
-- The policies of one table for inquest_investigator (dropped and created anew):
-- read where assigned; write where assigned and the case is open. inquest."case" and
-- inquest.case_assignment are written by admins only.
create function inquest_private.create_investigator_policies(t regclass) returns void
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
declare
  v_name name := (select c.relname from pg_catalog.pg_class c where c.oid = t);
  v_col name := case when v_name = 'case' then 'id' else 'case_id' end;
  v_read text := pg_catalog.format('%I = any (array(select a.case_id from inquest.case_assignment a '
                                   'where a.username = current_user))', v_col);
  v_write text := pg_catalog.format('%I = any (array(select a.case_id from inquest.case_assignment a '
                                    'where a.username = current_user and a.case_open))', v_col);
  p record;
begin
  for p in select pol.polname from pg_catalog.pg_policy pol
            where pol.polrelid = t and pol.polname like 'inquest\_investigator\_%' loop
    execute pg_catalog.format('drop policy %I on %s', p.polname, t);
  end loop;
  if v_name = 'case_assignment' then
    v_read := 'username = current_user';
  end if;
  execute pg_catalog.format('create policy inquest_investigator_read on %s for select to inquest_investigator using (%s)', t, v_read);
  if v_name not in ('case', 'case_assignment') then
    execute pg_catalog.format('create policy inquest_investigator_insert on %s for insert to inquest_investigator with check (%s)', t, v_write);
    execute pg_catalog.format('create policy inquest_investigator_update on %s for update to inquest_investigator using (%s) with check (%s)',
                              t, v_write, v_write);
    execute pg_catalog.format('create policy inquest_investigator_delete on %s for delete to inquest_investigator using (%s)', t, v_write);
  end if;
end
$$;
revoke execute on function inquest_private.create_investigator_policies(regclass) from public;

-- Enrollment as in 0002, with the investigator policies of A.
create or replace function inquest_private.enroll(t regclass) returns void
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
declare
  v_name name;
  v_owner name;
  v_case text;
begin
  select c.relname, pg_catalog.pg_get_userbyid(c.relowner) into v_name, v_owner
    from pg_catalog.pg_class c where c.oid = t;
  v_case := case when v_name = 'case' then 'id' else 'case_id' end;
  if not exists (select from pg_catalog.pg_attribute a
                  where a.attrelid = t and a.attname = v_case and not a.attisdropped
                    and a.atttypid = 'bigint'::regtype) then
    raise exception 'table % has no case_id column: every table in schema inquest belongs to a case', t
      using errcode = '42P16',
            detail = 'rule inquest_table_has_case_id: a table in schema inquest needs "case_id bigint not null references inquest.\"case\"(id)"',
            hint = 'put tables that belong to no case in schema inquest_private';
  end if;
  if not exists (select from pg_catalog.pg_attribute a
                  where a.attrelid = t and a.attname = 'id' and not a.attisdropped
                    and a.atttypid = 'bigint'::regtype) then
    raise exception 'table % has no id column: every table in schema inquest has "id bigint" as its primary key', t
      using errcode = '42P16', detail = 'rule inquest_table_has_id: the audit trail pairs old and new rows by id';
  end if;
  perform pg_catalog.set_config('inquest.enrolling', t::oid::text, true);

  perform inquest_private.attach_audit_triggers(t);
  execute format('create trigger inquest_no_truncate before truncate on %s '
                 'for each statement execute function inquest_private.refuse_truncate()', t);
  execute format('alter table %s enable always trigger inquest_audit_insert, enable always trigger inquest_audit_update, '
                 'enable always trigger inquest_audit_delete, enable always trigger inquest_no_truncate, '
                 'enable row level security, force row level security', t);

  execute format('create policy inquest_owner_all on %s to %I using (true) with check (true)', t, v_owner);
  execute format('create policy inquest_admin_all on %s to inquest_admin using (true) with check (true)', t);
  execute format('create policy inquest_auditor_read on %s for select to inquest_auditor using (true)', t);
  perform inquest_private.create_investigator_policies(t);

  execute format('revoke all on %s from public', t);
  execute format('grant select, insert, update, delete on %s to inquest_admin', t);
  execute format('grant select on %s to inquest_auditor', t);
  if v_name in ('case', 'case_assignment') then
    execute format('grant select on %s to inquest_investigator', t);
  else
    execute format('grant select, insert, update, delete on %s to inquest_investigator', t);
  end if;
  -- Investigator policies filter on the case column: index it (harmless if the
  -- table already has an index leading with it; "case" has its primary key).
  if v_case = 'case_id' and not exists (
       select from pg_catalog.pg_index i
        where i.indrelid = t and i.indkey[0] = (select a.attnum from pg_catalog.pg_attribute a
                                                 where a.attrelid = t and a.attname = 'case_id')) then
    execute format('create index on %s (case_id)', t);
  end if;
  perform pg_catalog.set_config('inquest.enrolling', '', true);
end
$$;

-- Every table already enrolled that has investigator policies gets the new ones
-- (protected_identity has none since 0004, and keeps none).
do $$
declare
  t regclass;
begin
  for t in select distinct pol.polrelid::regclass from pg_catalog.pg_policy pol
            join pg_catalog.pg_class c on c.oid = pol.polrelid
           where c.relnamespace = 'inquest'::regnamespace and pol.polname like 'inquest\_investigator\_%' loop
    perform inquest_private.create_investigator_policies(t);
  end loop;
end
$$;

------------------------------------------------------------------------------
-- B. Indexes lead with the case
------------------------------------------------------------------------------
-- Indexes of case tables that an investigator could use before the policy (see B in
-- the header). Empty when all is well; checked on every DDL command in schema inquest.
create function inquest_private.side_channel_indexes() returns table (table_name text, index_name text, problem text)
language sql stable
set search_path = pg_catalog, pg_temp
as $$
  with ix as (
    select c.oid as rel, c.relname, i.relname as iname, x.indexrelid, x.indisprimary, x.indpred is not null as partial,
           am.amname,
           -- 1-based copies (int2vector and oidvector subscripts start at 0)
           array(select pg_catalog.unnest(x.indkey::int2[])) as keys,
           array(select pg_catalog.unnest(x.indclass::oid[])) as classes,
           case c.relname when 'case' then 'id' when 'case_assignment' then 'username' else 'case_id' end as policy_col,
           -- an expression with a non-LEAKPROOF function is never used before the policy
           exists (select from pg_catalog.pg_depend d join pg_catalog.pg_proc f on f.oid = d.refobjid
                    where d.classid = 'pg_catalog.pg_class'::regclass and d.objid = x.indexrelid
                      and d.refclassid = 'pg_catalog.pg_proc'::regclass and not f.proleakproof) as opaque
      from pg_catalog.pg_index x
      join pg_catalog.pg_class c on c.oid = x.indrelid
      join pg_catalog.pg_class i on i.oid = x.indexrelid
      join pg_catalog.pg_am am on am.oid = i.relam
     where c.relnamespace = 'inquest'::regnamespace and c.relkind in ('r', 'p')
  ), cols as (
    -- key columns, compared through their operator class ...
    select ix.indexrelid, k.attnum, ix.classes[k.n] as opclass
      from ix cross join lateral unnest(ix.keys) with ordinality k(attnum, n)
     where k.attnum > 0
    union all
    -- ... and the columns of its expressions and predicate (a partial index can be
    -- scanned whole when the query implies its predicate)
    select ix.indexrelid, d.refobjsubid::int2, null
      from ix join pg_catalog.pg_depend d
        on d.classid = 'pg_catalog.pg_class'::regclass and d.objid = ix.indexrelid
       and d.refclassid = 'pg_catalog.pg_class'::regclass and d.refobjid = ix.rel and d.refobjsubid > 0
     where d.refobjsubid <> all (ix.keys) and (ix.partial or not ix.opaque)
  )
  select ix.relname::text, ix.iname::text,
         pg_catalog.format('index %s can be used by an investigator before row-level security '
                           '(it does not lead with %s, and investigators can read column %s%s)',
                           ix.iname, ix.policy_col, a.attname,
                           case when c.opclass is null then ' in its expression or predicate'
                                else ' with a LEAKPROOF operator' end)
    from ix
    join cols c on c.indexrelid = ix.indexrelid
    join pg_catalog.pg_attribute a on a.attrelid = ix.rel and a.attnum = c.attnum
   where not ix.indisprimary
     -- the human key: a function of the id alone
     and not (ix.keys = array[(select k.attnum from pg_catalog.pg_attribute k
                                where k.attrelid = ix.rel and k.attname = 'key')]::int2[] and not ix.partial)
     -- a b-tree leading with the policy column (any position for case_assignment's
     -- `username = current_user`, an equality that is always an index condition)
     and not (ix.amname = 'btree' and exists (
                select from pg_catalog.pg_attribute p
                 where p.attrelid = ix.rel and p.attname = ix.policy_col
                   and (p.attnum = ix.keys[1] or (ix.relname = 'case_assignment' and p.attnum = any (ix.keys)))))
     and pg_catalog.has_column_privilege('inquest_investigator', ix.rel, c.attnum, 'SELECT')
     and (c.opclass is null or exists (
            select from pg_catalog.pg_opclass oc
              join pg_catalog.pg_amop ao on ao.amopfamily = oc.opcfamily
              join pg_catalog.pg_operator o on o.oid = ao.amopopr
              join pg_catalog.pg_proc f on f.oid = o.oprcode
             where oc.oid = c.opclass and f.proleakproof))
   group by ix.relname, ix.iname, ix.policy_col, a.attname, c.opclass is null
$$;
revoke execute on function inquest_private.side_channel_indexes() from public;
grant execute on function inquest_private.side_channel_indexes() to inquest_admin, inquest_auditor;

create function inquest_private.refuse_side_channel_indexes() returns event_trigger
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
declare
  p record;
begin
  if exists (select from pg_catalog.pg_event_trigger_ddl_commands() d where d.schema_name = 'inquest') then
    for p in select * from inquest_private.side_channel_indexes() loop
      raise exception 'inquest.%: %', p.table_name, p.problem
        using errcode = '42501',
              detail = 'rule inquest_no_side_channel_index: an index of a case table leads with its case column, '
                       'or rests only on columns investigators cannot read (Schema/0011_rls_side_channels.sql)',
              hint = pg_catalog.format('create it on (case_id, ...) instead of %s', p.index_name);
    end loop;
  end if;
end
$$;

-- D. The reference of a case, opaque to the planner: the unique index on it cannot
-- serve an investigator's condition on reference (non-inlinable plpgsql, not LEAKPROOF,
-- not executable by investigators). Cases are few; their lookups scan the table.
create function inquest_private.opaque_reference(v text) returns text
language plpgsql immutable strict parallel safe
set search_path = pg_catalog, pg_temp
as $$ begin return v; end $$;
revoke execute on function inquest_private.opaque_reference(text) from public;
-- Whoever inserts or updates a case evaluates the index expression: admins only.
grant execute on function inquest_private.opaque_reference(text) to inquest_admin;

alter table inquest."case" drop constraint case_reference_unique;
create unique index case_reference_unique on inquest."case" (inquest_private.opaque_reference(reference));

-- Nothing references it, and a condition on case_id alone would count other cases'
-- assignments (its columns do not include the policy's username).
alter table inquest.case_assignment drop constraint case_assignment_case_id_id_unique;

drop index inquest.evidence_file_sha256_idx;
create index evidence_file_sha256_idx on inquest.evidence (case_id, file_sha256) where file_sha256 is not null;

drop index inquest.event_participant_unique;
create unique index event_participant_unique on inquest.event_participant (case_id, event_id, person_id, participant, role)
  nulls not distinct;

drop index inquest.evidence_link_unique;
create unique index evidence_link_unique on inquest.evidence_link (
    case_id, evidence_id, relation, person_id, statement_id, event_id, transcript_segment_id,
    disclosure_request_id, summons_id, locator) nulls not distinct;

alter table inquest.person_role drop constraint person_role_unique,
  add constraint person_role_unique unique (case_id, person_id, role);

alter table inquest.transcript_segment drop constraint transcript_segment_ordinal_unique,
  add constraint transcript_segment_ordinal_unique unique (case_id, session_id, ordinal);

drop index inquest.person_name_one_primary;
create unique index person_name_one_primary on inquest.person_name (case_id, person_id)
  where kind in ('primary', 'pseudonym');

-- The deferred check of 0003 found a person's names by person_id alone, through the
-- index on (person_id) that is now (case_id, person_id): it asks with the case too
-- (otherwise every check scans the table, and a bulk load becomes quadratic).
create or replace function inquest_private.assert_person_names(target bigint) returns void
language plpgsql
as $$
declare
    p record;
    display integer;
    other_kind text;
begin
    select id, key, case_id, protected into p from inquest.person where id = target;
    if not found then
        return;   -- deleted in this transaction
    end if;
    if p.protected then
        select kind into other_kind from inquest.person_name
         where case_id = p.case_id and person_id = target and kind <> 'pseudonym' limit 1;
        if found then
            raise exception 'person %: a protected person appears only under a pseudonym, but has a name of kind "%"', p.key, other_kind
                using errcode = '23514', schema = 'inquest', table = 'person_name', column = 'kind',
                      constraint = 'person_name_protected_pseudonym_only',
                      hint = 'Keep the real identity in the protected store (0004) and give the person one name of kind "pseudonym".';
        end if;
        select count(*) into display from inquest.person_name
         where case_id = p.case_id and person_id = target and kind = 'pseudonym';
        if display <> 1 then
            raise exception 'person %: a protected person needs exactly one name of kind "pseudonym" (has %)', p.key, display
                using errcode = '23514', schema = 'inquest', table = 'person_name', column = 'kind',
                      constraint = 'person_name_exactly_one_primary';
        end if;
    else
        if exists (select from inquest.person_name where case_id = p.case_id and person_id = target and kind = 'pseudonym') then
            raise exception 'person %: kind "pseudonym" is reserved for protected persons (use "alias")', p.key
                using errcode = '23514', schema = 'inquest', table = 'person_name', column = 'kind',
                      constraint = 'person_name_pseudonym_only_if_protected';
        end if;
        select count(*) into display from inquest.person_name
         where case_id = p.case_id and person_id = target and kind = 'primary';
        if display <> 1 then
            raise exception 'person %: every person needs exactly one name of kind "primary" (has %)', p.key, display
                using errcode = '23514', schema = 'inquest', table = 'person_name', column = 'kind',
                      constraint = 'person_name_exactly_one_primary';
        end if;
    end if;
end
$$;

------------------------------------------------------------------------------
-- C. Search keys: readable through the search functions only
------------------------------------------------------------------------------
-- The trigram index on lower(name) served the first search of 0003; 0005 replaced that
-- search, and nothing uses the index since.
drop index inquest.person_name_search_idx;

-- Which script a name is in, as a column of its own, so that the partial skeleton
-- indexes rest on search-only columns (their predicate was on `script`, which
-- investigators read: a full scan of the partial index would count other cases' rows).
alter table inquest.person_name
  add column name_arabic_script boolean generated always as (script in ('persian', 'arabic')) stored;
comment on column inquest.person_name.name_arabic_script is
  'script is persian or arabic (search only: the predicate of the skeleton indexes).';

drop index inquest.person_name_fold_key, inquest.person_name_skeleton_key,
           inquest.person_name_skeleton_trgm_persian, inquest.person_name_skeleton_trgm_latin;
create index person_name_fold_key on inquest.person_name (case_id, name_fold_key);
create index person_name_skeleton_key on inquest.person_name (case_id, name_skeleton_key);
create index person_name_skeleton_trgm_persian on inquest.person_name using gin (name_skeleton inquest_ext.gin_trgm_ops)
  where name_arabic_script;
create index person_name_skeleton_trgm_latin on inquest.person_name using gin (name_skeleton inquest_ext.gin_trgm_ops)
  where not name_arabic_script;

-- Investigators read every column of person_name but the search keys.
revoke select on inquest.person_name from inquest_investigator;
do $$
begin
  execute (select pg_catalog.format('grant select (%s) on inquest.person_name to inquest_investigator',
                                    pg_catalog.string_agg(pg_catalog.quote_ident(a.attname), ', ' order by a.attnum))
             from pg_catalog.pg_attribute a
            where a.attrelid = 'inquest.person_name'::regclass and a.attnum > 0 and not a.attisdropped
              and a.attname not in ('name_fold', 'name_fold_key', 'name_skeleton', 'name_skeleton_key', 'name_arabic_script'));
end
$$;

-- No caller condition can use the trigram operators before the policy any more
-- (0005 declared them LEAKPROOF so that investigators' searches could use the GIN
-- indexes under row-level security; the search functions now run as their owner).
alter function inquest_ext.similarity_op(text, text) not leakproof;
alter function inquest_ext.word_similarity_op(text, text) not leakproof;
alter function inquest_ext.word_similarity_commutator_op(text, text) not leakproof;
alter function inquest_ext.strict_word_similarity_op(text, text) not leakproof;
alter function inquest_ext.strict_word_similarity_commutator_op(text, text) not leakproof;

-- The cases the caller may read, as row-level security decides for the tables: all
-- for admins and auditors, the assigned ones for investigators, none otherwise.
-- The caller is the login or the role set by SET ROLE (inquest_private.current_actor),
-- which is what current_user is in a policy.
create function inquest_private.readable_case_ids() returns bigint[]
language sql stable security definer
set search_path = pg_catalog, pg_temp
as $$
  select case when pg_catalog.pg_has_role(x.actor, 'inquest_admin', 'usage')
                or pg_catalog.pg_has_role(x.actor, 'inquest_auditor', 'usage')
              then (select coalesce(pg_catalog.array_agg(c.id), '{}') from inquest."case" c)
              when pg_catalog.pg_has_role(x.actor, 'inquest_investigator', 'usage')
              then (select coalesce(pg_catalog.array_agg(a.case_id), '{}') from inquest.case_assignment a
                     where a.username = x.actor)
              else '{}'::bigint[] end
    from (select inquest_private.current_actor() as actor) x
$$;
revoke execute on function inquest_private.readable_case_ids() from public;

-- The readable cases a search covers: all of them, or the one named (P0002 when the
-- caller cannot read it, the same for a case that does not exist).
create function inquest_private.search_scope(p_case_ref text) returns bigint[]
language plpgsql stable security definer
set search_path = pg_catalog, pg_temp
as $$
declare
  v_cases bigint[] := inquest_private.readable_case_ids();
  v bigint;
begin
  if p_case_ref is null then
    return v_cases;
  end if;
  select c.id into v from inquest."case" c
   where (c.reference = p_case_ref or c.key = p_case_ref) and c.id = any (v_cases);
  if v is null then
    raise exception 'case % not found', p_case_ref
      using errcode = 'P0002', detail = 'give a case reference (such as IR-1988) or key (C-1) that you can see';
  end if;
  return array[v];
end
$$;
revoke execute on function inquest_private.search_scope(text) from public;

-- As in 0005, with: SECURITY DEFINER, restricted to the caller's readable cases before
-- any name is compared; the skeleton branches on name_arabic_script (the indexes'
-- predicate).
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
  v_lower text := pg_catalog.lower(pg_catalog.btrim(pg_catalog.regexp_replace(q, '\s+', ' ', 'g')));
  v_fold text := inquest_private.fold_name(q);
  v_skel text := inquest_private.name_skeleton(q);
  v_fkey text := pg_catalog.replace(v_fold, ' ', '');
  v_skey text := pg_catalog.replace(v_skel, ' ', '');
  v_persian boolean := inquest_private.has_arabic_script(q);
begin
  if coalesce(v_fkey, '') = '' or coalesce(max_results, 0) <= 0 or v_cases = '{}' then
    return;
  end if;
  return query
  with cand as (
    -- folded text: same script, and Latin against transliterated Persian
    select n.id, n.person_id, n.case_id, n.name, n.kind, n.name_arabic_script, n.name_fold, n.name_skeleton,
           n.name_fold_key, n.name_skeleton_key
      from inquest.person_name n
     where v_fold operator(inquest_ext.<%) n.name_fold
       and n.case_id = any (v_cases)
    union all
    -- folded key equal with other spacing (Akhoundzadeh Basti / Akhoundzadehbasti)
    select n.id, n.person_id, n.case_id, n.name, n.kind, n.name_arabic_script, n.name_fold, n.name_skeleton,
           n.name_fold_key, n.name_skeleton_key
      from inquest.person_name n
     where n.name_fold_key = v_fkey
       and n.case_id = any (v_cases)
    union all
    -- skeletons across scripts: Latin q against Persian names ...
    select n.id, n.person_id, n.case_id, n.name, n.kind, n.name_arabic_script, n.name_fold, n.name_skeleton,
           n.name_fold_key, n.name_skeleton_key
      from inquest.person_name n
     where not v_persian and v_skey <> ''
       and n.name_arabic_script
       and (v_skel operator(inquest_ext.<<%) n.name_skeleton or n.name_skeleton_key = v_skey)
       and n.case_id = any (v_cases)
    union all
    -- ... and Persian q against Latin names
    select n.id, n.person_id, n.case_id, n.name, n.kind, n.name_arabic_script, n.name_fold, n.name_skeleton,
           n.name_fold_key, n.name_skeleton_key
      from inquest.person_name n
     where v_persian and v_skey <> ''
       and not n.name_arabic_script
       and (v_skel operator(inquest_ext.<<%) n.name_skeleton or n.name_skeleton_key = v_skey)
       and n.case_id = any (v_cases)
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
      cross join lateral (select c.name_arabic_script <> v_persian as cross_script) x
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

-- As in 0005, with: SECURITY DEFINER, restricted to the caller's readable cases.
create or replace function inquest.likely_duplicate_persons(case_ref text default null)
returns table (person_a text, person_b text, name_a text, name_b text, score real, evidence text)
language plpgsql stable security definer
set search_path = pg_catalog, pg_temp
set pg_trgm.similarity_threshold = 0.6
set jit = off
as $$
declare
  v_cases bigint[] := inquest_private.search_scope(case_ref);
begin
  return query
  with names as (
    select n.case_id, n.person_id, n.name, n.name_fold, n.name_skeleton, n.name_fold_key, n.name_skeleton_key,
           n.name_arabic_script as persian
      from inquest.person_name n
     where n.case_id = any (v_cases)
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

revoke execute on function inquest.search_names(text, text, integer), inquest.likely_duplicate_persons(text) from public;

-- The import's duplicate check (Sources/Inquest/Exchange/ImportKinds.swift): for each
-- (line, name, script) given, the persons of the case with a name of the same folded
-- key, or of the same skeleton key in the other script. Nothing for a case the caller
-- cannot read.
create function inquest_private.name_key_matches(p_case_id bigint, p_lines bigint[], p_names text[], p_scripts text[])
returns table (line bigint, person_id bigint)
language sql stable security definer
set search_path = pg_catalog, pg_temp
as $$
  with q as (
    select u.line, f.fold, (u.script in ('persian', 'arabic')) as persian
      from unnest(p_lines, p_names, p_scripts) u(line, name, script)
      cross join lateral (select inquest_private.fold_name(u.name) as fold) f
     where p_case_id = any (inquest_private.readable_case_ids())
  )
  select q.line, n.person_id
    from q join inquest.person_name n
      on n.case_id = p_case_id and n.name_fold_key = pg_catalog.replace(q.fold, ' ', '')
  union all
  select q.line, n.person_id
    from q join inquest.person_name n
      on n.case_id = p_case_id
     and n.name_skeleton_key = pg_catalog.replace(inquest_private.skeleton_of_folded(q.fold), ' ', '')
     and n.name_arabic_script <> q.persian
$$;
revoke execute on function inquest_private.name_key_matches(bigint, bigint[], text[], text[]) from public;
grant execute on function inquest_private.name_key_matches(bigint, bigint[], text[], text[])
  to inquest_admin, inquest_investigator;

------------------------------------------------------------------------------
-- Statistics (class 2)
------------------------------------------------------------------------------
-- pg_stats shows the most common values and histograms of every column the caller
-- may SELECT, across all cases (it knows privileges, not row-level security); the
-- pg_stat(io)_* views count rows and scans per table and index. Revoked from PUBLIC in
-- this database (superuser only, like 0002's event triggers). Admins and auditors
-- keep them (they read every case anyway); pg_monitor members keep them too.
do $$
declare
  v text;
begin
  foreach v in array array['pg_stats', 'pg_stats_ext', 'pg_stats_ext_exprs',
                           'pg_stat_all_tables', 'pg_stat_user_tables', 'pg_stat_sys_tables',
                           'pg_stat_xact_all_tables', 'pg_stat_xact_user_tables', 'pg_stat_xact_sys_tables',
                           'pg_statio_all_tables', 'pg_statio_user_tables', 'pg_statio_sys_tables',
                           'pg_stat_all_indexes', 'pg_stat_user_indexes', 'pg_stat_sys_indexes',
                           'pg_statio_all_indexes', 'pg_statio_user_indexes', 'pg_statio_sys_indexes',
                           'pg_statio_all_sequences', 'pg_statio_user_sequences', 'pg_statio_sys_sequences',
                           'pg_stat_user_functions', 'pg_stat_xact_user_functions'] loop
    execute pg_catalog.format('revoke select on pg_catalog.%I from public', v);
    execute pg_catalog.format('grant select on pg_catalog.%I to inquest_admin, inquest_auditor, pg_monitor', v);
  end loop;
end
$$;

-- Last: the guard (after the indexes above are fixed, which it would refuse).
create event trigger inquest_no_side_channel_index on ddl_command_end
  execute function inquest_private.refuse_side_channel_indexes();
