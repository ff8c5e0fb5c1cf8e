-- Bulk import and restore: what is wrong with a staged file, and loading a restore.
--
-- An object file: re-applied by every `inquest migrate`; edit the definition here (see
-- Schema/README.md). Numbers such as 0011 in comments name legacy schema files
-- (docs/schema-history.md).

-- Restoring an export inserts each record with its id, its times and its state
-- (a summons that was served is restored served). Only an administrator, and only
-- with inquest.restore set for the transaction, may skip a state machine's start
-- state; everything else (checks, keys, row-level security, audit) applies as to
-- any insert, and the audit trail records each restored row as an insert.
create or replace function inquest_private.restoring() returns boolean
language sql stable
set search_path = pg_catalog, pg_temp
return coalesce(pg_catalog.current_setting('inquest.restore', true), '') = 'on'
       and pg_catalog.pg_has_role(current_user, 'inquest_admin', 'member');
revoke all on function inquest_private.restoring() from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.restoring() to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- Moves the identity sequence of `target` past its highest id, so that records created
-- after a restore get new ids. SECURITY DEFINER for setval (the sequences are the
-- owner's); it reads nothing but the highest id and returns nothing.
create or replace function inquest_private.advance_identity(target regclass) returns void
language plpgsql volatile security definer
set search_path = pg_catalog, pg_temp
as $$
declare
  v_sequence text;
  v_max bigint;
begin
  if not inquest_private.restoring()
     or (select c.relnamespace from pg_catalog.pg_class c where c.oid = target) <> 'inquest'::regnamespace then
    raise exception 'advance_identity: only while restoring, and only tables of schema inquest' using errcode = '42501';
  end if;
  v_sequence := pg_catalog.pg_get_serial_sequence(target::text, 'id');
  execute pg_catalog.format('select max(id) from %s', target) into v_max;
  if v_sequence is not null and v_max is not null then
    perform pg_catalog.setval(v_sequence, greatest(v_max, (select s.last_value from pg_catalog.pg_sequences s
                                                            where (s.schemaname || '.' || s.sequencename)::regclass = v_sequence::regclass)));
  end if;
end
$$;
revoke all on function inquest_private.advance_identity(regclass) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.advance_identity(regclass) to inquest_admin;

-- Every problem of the rows of `staging` (a table with a `line` column and columns
-- named like those of `target`) against the rules of `target`: its NOT NULL columns
-- that have no default, and its CHECK constraints over columns present in `staging`.
-- The rules are read from the catalog, so a new check constraint applies to imports
-- without a change here. A check that raises its own error (the partial dates of
-- 0003) is re-run row by row, keeping each row's message. Runs with the caller's
-- rights; reads only the staging table.
create or replace function inquest.import_problems(staging regclass, target regclass)
returns table (line bigint, field text, rule text, message text)
language plpgsql volatile security invoker
set search_path = pg_catalog, pg_temp
as $$
declare
  v_table text := (select c.relname::text from pg_catalog.pg_class c where c.oid = target);
  c record;
  r record;
  v_lines bigint[];
  v_ok boolean;
begin
  if not exists (select from pg_catalog.pg_attribute s
                  where s.attrelid = staging and s.attname = 'line' and not s.attisdropped) then
    raise exception 'import_problems: % has no column "line" (it checks staged rows, not a table of records)', staging
      using errcode = '22023';
  end if;
  for c in
    select a.attname::text as col
      from pg_catalog.pg_attribute a
     where a.attrelid = target and a.attnum > 0 and not a.attisdropped and a.attnotnull
       and not a.atthasdef and a.attidentity = '' and a.attgenerated = ''
       and exists (select from pg_catalog.pg_attribute s
                    where s.attrelid = staging and s.attname = a.attname and not s.attisdropped)
     order by a.attnum
  loop
    return query execute pg_catalog.format(
      'select s.line, %L::text, %L::text, %L::text from %s s where s.%I is null order by s.line',
      c.col, v_table || '_' || c.col || '_required', c.col || ' is required', staging, c.col);
  end loop;

  for c in
    select con.conname::text as name,
           pg_catalog.pg_get_expr(con.conbin, con.conrelid) as expr,
           cols.names, cols.first
      from pg_catalog.pg_constraint con
      cross join lateral (
        select pg_catalog.string_agg(a.attname::text, ', ' order by a.attnum) as names,
               (pg_catalog.array_agg(a.attname::text order by a.attnum))[1] as first,
               pg_catalog.bool_and(exists (select from pg_catalog.pg_attribute s
                                            where s.attrelid = staging and s.attname = a.attname
                                              and not s.attisdropped)) as staged
          from pg_catalog.pg_attribute a
         where a.attrelid = target and a.attnum = any (con.conkey)) cols
     where con.conrelid = target and con.contype = 'c' and cols.staged
     order by con.conname
  loop
    begin
      execute pg_catalog.format('select pg_catalog.array_agg(s.line order by s.line) from %s s where not coalesce(%s, true)',
                                staging, c.expr)
        into v_lines;
    exception when others then
      -- The check raised an error of its own: find every failing row, with its message.
      for r in execute pg_catalog.format('select s.line from %s s order by s.line', staging) loop
        begin
          execute pg_catalog.format('select coalesce(%s, true) from %s s where s.line = $1', c.expr, staging)
            into v_ok using r.line;
          if not v_ok then
            line := r.line; field := c.names; rule := c.name;
            message := pg_catalog.format('breaks rule %s: %s', c.name, c.expr);
            return next;
          end if;
        exception when others then
          line := r.line; field := c.names; rule := c.name; message := sqlerrm;
          return next;
        end;
      end loop;
      continue;
    end;
    if v_lines is not null then
      return query execute pg_catalog.format(
        'select s.line, %L::text, %L::text, pg_catalog.format(%L, pg_catalog.quote_nullable(s.%I::text)) '
        'from %s s where s.line = any ($1) order by s.line',
        c.names, c.name,
        c.first || ' = %s breaks rule ' || c.name || ': '
          || pg_catalog.replace(pg_catalog.regexp_replace(c.expr, '::text(?!\[)', '', 'g'), '%', '%%'),
        c.first, staging)
        using v_lines;
    end if;
  end loop;
end
$$;
comment on function inquest.import_problems(regclass, regclass) is
  'Every row of a staging table that breaks a NOT NULL or CHECK rule of the target table: line, field, rule, message.';
revoke all on function inquest.import_problems(regclass,regclass) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.import_problems(regclass,regclass) to inquest_admin, inquest_investigator;

-- Inserts the rows of pg_temp.inquest_restore (line bigint, doc jsonb: one exported
-- row each) into `target`, ids included; returns how many.
create or replace function inquest.restore_rows(target regclass) returns bigint
language plpgsql volatile security invoker
set search_path = pg_catalog, pg_temp
as $$
declare
  v_cols text;
  v_values text;
  v_count bigint;
begin
  if not inquest_private.restoring() then
    raise exception 'restoring records as they were needs an administrator and inquest.restore = on'
      using errcode = '42501';
  end if;
  select pg_catalog.string_agg(pg_catalog.quote_ident(a.attname), ', ' order by a.attnum),
         pg_catalog.string_agg('x.' || pg_catalog.quote_ident(a.attname), ', ' order by a.attnum)
    into v_cols, v_values
    from pg_catalog.pg_attribute a
   where a.attrelid = target and a.attnum > 0 and not a.attisdropped and a.attgenerated = '';
  execute pg_catalog.format(
    'insert into %s (%s) overriding system value select %s from pg_temp.inquest_restore r '
    'cross join lateral pg_catalog.jsonb_populate_record(null::%s, r.doc) x order by r.line',
    target, v_cols, v_values, target);
  get diagnostics v_count = row_count;
  perform inquest_private.advance_identity(target);
  return v_count;
end
$$;
revoke all on function inquest.restore_rows(regclass) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.restore_rows(regclass) to inquest_admin;
