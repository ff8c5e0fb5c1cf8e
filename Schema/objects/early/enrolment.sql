-- Enrolment: every table created in schema inquest is put, in the same statement, under
-- forced row-level security, the standard policies and grants, and the audit triggers
-- (event trigger inquest_enroll); a guard refuses DDL that would take a table out of it,
-- and another refuses indexes that would open a side channel past row-level security.
--
-- An object file: re-applied by every `inquest migrate`; edit the definition here (see
-- Schema/README.md). Numbers such as 0011 in comments name legacy schema files
-- (docs/schema-history.md).

-- Redaction (legacy 0012; issue 10, class 5). 0002 replaced a protected value in audit events by HMAC-SHA-256 under
--    one key for the whole database. Equal values gave equal hashes: anyone reading the
--    log could link equal identities across records, and an admin who is not cleared
--    could test a guess by writing it to a protected person and comparing hashes (or,
--    on the same record, by seeing whether the column was listed among the changes).
--    Now a sensitive value enters an event only as the string "[redacted]" (JSON null
--    stays null), and an UPDATE event lists every sensitive column of its table, with
--    that marker as old and new value, whether or not it changed. Nothing in an event is
--    derived from the value, so no two values can be compared and no guess tested. The
--    log still says that such a field was written, when, by whom, and whether it is
--    empty. The HMAC key is destroyed (nothing else used it): the hashes already in the
--    log (chained, so never rewritten) can no longer test a guess, though equal old
--    values still show as equal among themselves.
-- Same signature as 0002 (the audit trigger passes the key it no longer has as null).
create or replace function inquest_private.redact(j jsonb, cols text[], k bytea) returns jsonb
language sql immutable parallel safe
set search_path = pg_catalog, pg_temp
as $$
  select j || coalesce((
    select pg_catalog.jsonb_object_agg(c,
             case when pg_catalog.jsonb_typeof(j -> c) = 'null' then j -> c
                  else '"[redacted]"'::jsonb
             end)
      from pg_catalog.unnest(cols) as c
     where j ? c), '{}'::jsonb)
$$;
revoke all on function inquest_private.redact(jsonb,text[],bytea) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- 0002's trigger, with two changes: no key is read, and an update lists the sensitive
-- columns whether or not they changed (otherwise writing a guess over a protected value
-- and finding the column missing from the update event would confirm the guess).
create or replace function inquest_private.audit_statement() returns trigger
language plpgsql security definer
set search_path = pg_catalog, pg_temp
as $$
declare
  -- inquest_private.current_actor(), written out: this runs for every statement.
  v_actor name := coalesce(nullif(pg_catalog.current_setting('role'), 'none'), session_user)::name;
  v_case text := tg_argv[0];
  v_cols text[];
begin
  -- Only for the tables of schema inquest, where enroll() attaches it (and where DDL is
  -- recorded): attached by the owner to a table of their own elsewhere (public.person),
  -- it would append events of their making that the append guard cannot tell apart.
  if tg_table_schema <> 'inquest' then
    raise exception 'inquest_private.audit_statement() audits the tables of schema inquest only, not %.%', tg_table_schema, tg_table_name
      using errcode = '42501', detail = 'rule audit_append_only_by_product: events are written by the audit triggers of schema inquest';
  end if;
  -- TG_ARGV[1..] are the sensitive columns (from inquest_private.sensitive_column,
  -- copied into the trigger by enroll() / mark_sensitive(): no lookup per statement).
  if tg_nargs > 1 then
    v_cols := tg_argv[1:tg_nargs - 1];
  end if;
  if tg_op = 'INSERT' then
    insert into inquest_audit.event (actor, table_name, record_key, case_id, operation, new_values)
    select v_actor, tg_table_name, coalesce(j ->> 'key', j ->> 'id'), (j ->> v_case)::bigint, 'insert',
           case when v_cols is null then j else inquest_private.redact(j, v_cols, null) end
      from (select pg_catalog.to_jsonb(n) as j from new_rows n offset 0) x;
  elsif tg_op = 'DELETE' then
    insert into inquest_audit.event (actor, table_name, record_key, case_id, operation, old_values)
    select v_actor, tg_table_name, coalesce(j ->> 'key', j ->> 'id'), (j ->> v_case)::bigint, 'delete',
           case when v_cols is null then j else inquest_private.redact(j, v_cols, null) end
      from (select pg_catalog.to_jsonb(o) as j from old_rows o offset 0) x;
  elsif tg_op = 'UPDATE' and v_cols is null then
    insert into inquest_audit.event (actor, table_name, record_key, case_id, operation, old_values, new_values)
    select v_actor, tg_table_name, coalesce(nj ->> 'key', nj ->> 'id'), (nj ->> v_case)::bigint, 'update', d.oldv, d.newv
      from (select pg_catalog.to_jsonb(o) as oj from old_rows o offset 0) a
      join (select pg_catalog.to_jsonb(n) as nj from new_rows n offset 0) b on (a.oj -> 'id') = (b.nj -> 'id')
      cross join lateral (
        select coalesce(pg_catalog.jsonb_object_agg(ov.key, ov.value), '{}') as oldv,
               coalesce(pg_catalog.jsonb_object_agg(ov.key, b.nj -> ov.key), '{}') as newv
          from pg_catalog.jsonb_each(a.oj) ov
         where ov.value is distinct from (b.nj -> ov.key)) d;
  elsif tg_op = 'UPDATE' then
    insert into inquest_audit.event (actor, table_name, record_key, case_id, operation, old_values, new_values)
    select v_actor, tg_table_name, coalesce(nj ->> 'key', nj ->> 'id'), (nj ->> v_case)::bigint, 'update',
           inquest_private.redact(d.oldv, v_cols, null), inquest_private.redact(d.newv, v_cols, null)
      from (select pg_catalog.to_jsonb(o) as oj from old_rows o offset 0) a
      join (select pg_catalog.to_jsonb(n) as nj from new_rows n offset 0) b on (a.oj -> 'id') = (b.nj -> 'id')
      cross join lateral (
        select coalesce(pg_catalog.jsonb_object_agg(ov.key, ov.value), '{}') as oldv,
               coalesce(pg_catalog.jsonb_object_agg(ov.key, b.nj -> ov.key), '{}') as newv
          from pg_catalog.jsonb_each(a.oj) ov
         where ov.value is distinct from (b.nj -> ov.key) or ov.key = any (v_cols)) d;
  end if;
  return null;
end
$$;
revoke all on function inquest_private.audit_statement() from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

create or replace function inquest_private.refuse_truncate() returns trigger
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
begin
  raise exception 'case tables cannot be truncated: inquest.% (delete rows instead, so the audit trail records it)', tg_table_name
    using errcode = '42501';
end
$$;
revoke all on function inquest_private.refuse_truncate() from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- Everything wrong with the enrollment of the tables in schema inquest (empty
-- when all is well): RLS enabled and forced, the four audit/guard triggers
-- present and ENABLE ALWAYS, owner not an application role.
create or replace function inquest_private.enrollment_problems() returns table (table_name text, problem text)
language sql stable
set search_path = pg_catalog, pg_temp
as $$
  select c.relname::text, p.problem
    from pg_catalog.pg_class c
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    cross join lateral (
      select 'row level security is not enabled' as problem where not c.relrowsecurity
      union all
      select 'row level security is not forced' where not c.relforcerowsecurity
      union all
      select format('trigger %s is missing, not ENABLE ALWAYS, or does not call %s', t.name, t.fn)
        from (values ('inquest_audit_insert', 'inquest_private.audit_statement'::regproc),
                     ('inquest_audit_update', 'inquest_private.audit_statement'::regproc),
                     ('inquest_audit_delete', 'inquest_private.audit_statement'::regproc),
                     ('inquest_no_truncate', 'inquest_private.refuse_truncate'::regproc)) t(name, fn)
       where not exists (select from pg_catalog.pg_trigger g
                          where g.tgrelid = c.oid and g.tgname = t.name and g.tgenabled = 'A' and g.tgfoid = t.fn)
      union all
      select format('sensitive column %s is not redacted by trigger %s', s.column_name, g.tgname)
        from inquest_private.sensitive_column s
        join pg_catalog.pg_trigger g on g.tgrelid = c.oid and g.tgname like 'inquest\_audit\_%'
       where s.table_name = c.relname
         and pg_catalog.position(g.tgargs, '\x00'::bytea || pg_catalog.convert_to(s.column_name::text, 'UTF8') || '\x00'::bytea) = 0
      union all
      select format('owned by application role %s', pg_catalog.pg_get_userbyid(c.relowner))
       where exists (select from pg_catalog.pg_auth_members m join pg_catalog.pg_roles g on g.oid = m.roleid
                      where m.member = c.relowner
                        and g.rolname in ('inquest_admin', 'inquest_investigator', 'inquest_auditor', 'inquest_cleared'))
         or pg_catalog.pg_get_userbyid(c.relowner) in ('inquest_admin', 'inquest_investigator', 'inquest_auditor', 'inquest_cleared')
    ) p
   where n.nspname = 'inquest' and c.relkind in ('r', 'p')
$$;
revoke all on function inquest_private.enrollment_problems() from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.enrollment_problems() to inquest_admin, inquest_auditor;

-- (Re)creates the three audit triggers of a table, with the case column and the
-- registered sensitive columns as arguments. CREATE OR REPLACE resets them to
-- ENABLE (origin); callers re-enable them ALWAYS in the same step.
create or replace function inquest_private.attach_audit_triggers(t regclass) returns void
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
declare
  v_name name := (select c.relname from pg_catalog.pg_class c where c.oid = t);
  v_args text;
begin
  select pg_catalog.string_agg(pg_catalog.quote_literal(a), ', ' order by o) into v_args
    from unnest(array[case when v_name = 'case' then 'id' else 'case_id' end]
                || coalesce((select pg_catalog.array_agg(s.column_name::text order by s.column_name)
                               from inquest_private.sensitive_column s where s.table_name = v_name), '{}'))
         with ordinality as x(a, o);
  execute format('create or replace trigger inquest_audit_insert after insert on %s referencing new table as new_rows '
                 'for each statement execute function inquest_private.audit_statement(%s)', t, v_args);
  execute format('create or replace trigger inquest_audit_update after update on %s referencing old table as old_rows new table as new_rows '
                 'for each statement execute function inquest_private.audit_statement(%s)', t, v_args);
  execute format('create or replace trigger inquest_audit_delete after delete on %s referencing old table as old_rows '
                 'for each statement execute function inquest_private.audit_statement(%s)', t, v_args);
end
$$;
revoke all on function inquest_private.attach_audit_triggers(regclass) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- Marks columns of an existing table sensitive (a later migration's tool; for a
-- new table, register its columns before CREATE TABLE and enrollment does it).
create or replace function inquest_private.mark_sensitive(p_table name, p_columns name[]) returns void
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
declare
  t regclass := pg_catalog.format('inquest.%I', p_table)::regclass;
begin
  insert into inquest_private.sensitive_column (table_name, column_name)
  select p_table, c from unnest(p_columns) c
  on conflict do nothing;
  perform pg_catalog.set_config('inquest.enrolling', t::oid::text, true);
  perform inquest_private.attach_audit_triggers(t);
  perform pg_catalog.set_config('inquest.enrolling', '', true);
  execute format('alter table %s enable always trigger inquest_audit_insert, enable always trigger inquest_audit_update, '
                 'enable always trigger inquest_audit_delete', t);
end
$$;
revoke all on function inquest_private.mark_sensitive(name,name[]) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- Row-level security without side channels (legacy 0011; issue 10, classes 1 and 2).
--
-- The channel: PostgreSQL may evaluate a LEAKPROOF condition of a query (text `=`,
-- `<`, `>=`, ... are) as an index condition *before* the row-level security filter;
-- EXPLAIN (ANALYZE) then reports "Rows Removed by Filter" (and SubPlan loops) for rows
-- the caller may not see. A prefix walk over an indexed text column spells out every
-- value of every case. Views do not help (leakproof conditions are pushed into them).
--
-- The rule, and a guard that keeps it (an event trigger refusing
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
-- The policies of one table for inquest_investigator (dropped and created anew):
-- read where assigned; write where assigned and the case is open. inquest."case" and
-- inquest.case_assignment are written by admins only.
create or replace function inquest_private.create_investigator_policies(t regclass) returns void
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
  -- "case" is created before case_assignment, which its read policy reads: in a new
  -- database the policy is made when case_assignment is enrolled (enroll below).
  if v_name = 'case' and pg_catalog.to_regclass('inquest.case_assignment') is null then
    return;
  end if;
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
revoke all on function inquest_private.create_investigator_policies(regclass) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

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
  if v_name = 'case_assignment' then
    perform inquest_private.create_investigator_policies('inquest."case"'::regclass);
  end if;

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
revoke all on function inquest_private.enroll(regclass) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

create or replace function inquest_private.on_ddl_command_end() returns event_trigger
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
declare
  c record;
  p record;
begin
  for c in select * from pg_catalog.pg_event_trigger_ddl_commands() loop
    if c.schema_name = 'inquest' and c.object_type = 'table'
       and c.command_tag in ('CREATE TABLE', 'CREATE TABLE AS', 'SELECT INTO') then
      perform inquest_private.enroll(c.objid::regclass);
    end if;
  end loop;
  -- The guard: no DDL may leave a table of schema inquest unenrolled (ALTER TABLE
  -- ... DISABLE TRIGGER / NO FORCE ROW LEVEL SECURITY / SET SCHEMA inquest ...).
  -- DDL run by enroll()/mark_sensitive() themselves fires this trigger too (nested);
  -- they mark it with a transaction-local flag, and the outer command checks the
  -- final state. (The flag only skips a check; DDL here needs table ownership.)
  if coalesce(pg_catalog.current_setting('inquest.enrolling', true), '') = ''
     and exists (select from pg_catalog.pg_event_trigger_ddl_commands() d
                  where d.schema_name = 'inquest' or d.command_tag in ('CREATE TRIGGER', 'ALTER TRIGGER'))
  then
    for p in select * from inquest_private.enrollment_problems() loop
      raise exception 'table inquest.% would leave the enrollment: %', p.table_name, p.problem
        using errcode = '42501', detail = 'rule inquest_tables_enrolled: every table in schema inquest keeps forced row-level security and the audit triggers';
    end loop;
  end if;
end
$$;
revoke all on function inquest_private.on_ddl_command_end() from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

create or replace function inquest_private.on_sql_drop() returns event_trigger
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
declare
  d record;
begin
  for d in select * from pg_catalog.pg_event_trigger_dropped_objects() loop
    if d.original and d.object_type = 'trigger' and d.schema_name = 'inquest'
       and d.object_identity ~ '^inquest_(audit_insert|audit_update|audit_delete|no_truncate) on ' then
      raise exception 'the audit triggers of schema inquest cannot be dropped (%)', d.object_identity
        using errcode = '42501', detail = 'rule inquest_tables_enrolled';
    end if;
  end loop;
end
$$;
revoke all on function inquest_private.on_sql_drop() from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- Indexes of case tables that an investigator could use before the policy (see B in
-- the header). Empty when all is well; checked on every DDL command in schema inquest.
create or replace function inquest_private.side_channel_indexes() returns table (table_name text, index_name text, problem text)
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
revoke all on function inquest_private.side_channel_indexes() from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.side_channel_indexes() to inquest_admin, inquest_auditor;

create or replace function inquest_private.refuse_side_channel_indexes() returns event_trigger
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
revoke all on function inquest_private.refuse_side_channel_indexes() from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.refuse_side_channel_indexes() to public;

-- Event triggers cannot be replaced, only dropped and created again, which would leave a
-- moment without them: they are created when missing, and what they do is the function
-- they call (replaced above like any other).
create or replace function inquest_private.create_event_trigger_if_missing(p_name name, p_event text, p_function regproc)
returns void
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
begin
  if not exists (select from pg_catalog.pg_event_trigger e where e.evtname = p_name) then
    execute pg_catalog.format('create event trigger %I on %s execute function %s()', p_name, p_event, p_function);
  end if;
end
$$;
revoke all on function inquest_private.create_event_trigger_if_missing(name,text,regproc) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

select inquest_private.create_event_trigger_if_missing('inquest_enroll', 'ddl_command_end', 'inquest_private.on_ddl_command_end');
select inquest_private.create_event_trigger_if_missing('inquest_keep_audit_triggers', 'sql_drop', 'inquest_private.on_sql_drop');
select inquest_private.create_event_trigger_if_missing('inquest_no_side_channel_index', 'ddl_command_end',
                                                       'inquest_private.refuse_side_channel_indexes');
