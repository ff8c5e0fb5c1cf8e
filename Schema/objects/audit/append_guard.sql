-- The audit tables are append-only, and only the audit functions append: the guards and
-- their triggers, and write_event() for the product's own events.
--
-- An object file: re-applied by every `inquest migrate`; edit the definition here (see
-- Schema/README.md). Numbers such as 0011 in comments name legacy schema files
-- (docs/schema-history.md).

-- Nothing may change or remove an event or a seal: no grant allows it, and these
-- triggers (ENABLE ALWAYS: they fire even with session_replication_role = replica)
-- refuse it for everybody, the owner included. A superuser can still disable
-- them; only a signed checkpoint detects that (docs/audit-format.md).
create or replace function inquest_private.refuse_audit_change() returns trigger
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
begin
  raise exception 'the audit log is append-only: % on %.% is not allowed', tg_op, tg_table_schema, tg_table_name
    using errcode = '42501', hint = 'audit events and seals can never be updated, deleted or truncated';
end
$$;
revoke all on function inquest_private.refuse_audit_change() from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- The refusal of both append guards below.
create or replace function inquest_private.refuse_audit_append(p_schema name, p_table name, p_op text) returns void
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
begin
  raise exception 'only the audit trail itself appends to %.%: a direct % is refused', p_schema, p_table, p_op
    using errcode = '42501',
          detail = 'rule audit_append_only_by_product: events are written by the audit triggers and inquest_private.write_event(); seals and tree nodes by inquest_audit.seal()',
          hint = 'audit events cannot be forged, even by the owner';
end
$$;
revoke all on function inquest_private.refuse_audit_append(name,name,text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- BEFORE INSERT on each audit table (event, seal, tree), once per statement (COPY
-- included), ENABLE ALWAYS; paid by every audited statement on event: one LIKE over the
-- call stack. TG_ARGV holds the call stack that each allowed INSERT
-- produces, exactly (as LIKE patterns: the text escaped, then '%'), computed when the
-- trigger is made (append_frames() below, at every migrate, from the allowed functions'
-- own source):
--     PL/pgSQL function inquest_private.guard_audit_append() line <g> at GET DIAGNOSTICS
--     SQL statement "<S>"
--     PL/pgSQL function <F> line <n> at SQL statement
-- followed by a line feed, where <S> is the INSERT's text as PL/pgSQL runs it and <n> its
-- line in <F>. The stack read here must begin with one of them and go on with a line feed
-- (or end). What that shuts out:
-- * a statement typed by a user, COPY included: its stack has no "SQL statement" line
--   (COPY shows "COPY event, line 1");
-- * a statement run from a user's own function or DO block, whatever its text (even <S>,
--   even run by the owner): the frame below the statement names that function, and <F>
--   is schema-qualified (a function of that name elsewhere prints another name; a DO
--   block prints inline_code_block);
-- * a statement whose text carries a forged frame ("<S>" + '"' + LF + "PL/pgSQL
--   function <F> line <n> at SQL statement" + LF + ...): its text would have to begin
--   with <S> and go on with a double quote, which no SQL statement can (each <S> ends
--   with the alias of a subquery or with the parenthesis of a VALUES list, where a quoted
--   identifier is a syntax error); Tests/sql/audit_append_guard.sql tries it.
-- A wrong <S> or <n> (a function changed by hand after migrate) refuses the product's own
-- events: it fails closed.
-- Neither SECURITY DEFINER nor SET (each costs a save and restore of settings per call,
-- a third of this guard's cost): it runs as whoever inserts, reads nothing, and names
-- every function and operator with its schema, so no search_path changes what it calls.
-- When lc_messages translates the stack (its first line is then not English), it reads
-- it again through audit_append_context(), which pins lc_messages = 'C'.
create or replace function inquest_private.guard_audit_append() returns trigger
language plpgsql
as $$
declare
  v_ctx text;
begin
  get diagnostics v_ctx = pg_context;
  if (v_ctx operator(pg_catalog.||) E'\n') operator(pg_catalog.~~) any (tg_argv) then
    return null;
  end if;
  if not pg_catalog.starts_with(v_ctx, 'PL/pgSQL function ') then
    -- In English, without this function's own line (the patterns' first line).
    v_ctx := inquest_private.audit_append_context();
    if (v_ctx operator(pg_catalog.||) E'\n') operator(pg_catalog.~~) any (
         array(select pg_catalog.substr(p, pg_catalog.strpos(p, E'\n') operator(pg_catalog.+) 1)
                 from pg_catalog.unnest(tg_argv) p)) then
      return null;
    end if;
  end if;
  perform inquest_private.refuse_audit_append(tg_table_schema, tg_table_name, tg_op);
  return null;  -- not reached
end
$$;
revoke all on function inquest_private.guard_audit_append() from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- The call stack of guard_audit_append() in English, below its own frame: this function's
-- first two lines (its own frame, then the guard's) are dropped. Owned by the migrating
-- superuser, so that it may set lc_messages.
create or replace function inquest_private.audit_append_context() returns text
language plpgsql security definer
set search_path = pg_catalog, pg_temp
set lc_messages = 'C'
as $$
declare
  v_ctx text;
begin
  get diagnostics v_ctx = pg_context;
  v_ctx := pg_catalog.substr(v_ctx, pg_catalog.strpos(v_ctx, E'\n') + 1);
  return pg_catalog.substr(v_ctx, pg_catalog.strpos(v_ctx, E'\n') + 1);
end
$$;
revoke all on function inquest_private.audit_append_context() from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- The call stacks that guard_audit_append() lets through for function p_fn: one per
-- INSERT into p_table in p_fn's source. PL/pgSQL runs a statement as the text from its
-- first word to the last word before its semicolon, and numbers lines from the first
-- line of the source (which begins right after the opening $$).
create or replace function inquest_private.append_frames(p_guard regprocedure, p_fn regprocedure, p_table regclass)
returns text[]
language plpgsql stable
set search_path = pg_catalog, pg_temp
as $$
declare
  v_src text := (select p.prosrc from pg_catalog.pg_proc p where p.oid = p_fn and p.prolang = (select l.oid from pg_catalog.pg_language l where l.lanname = 'plpgsql'));
  v_guard text := (select p.prosrc from pg_catalog.pg_proc p where p.oid = p_guard);
  v_insert text := (select pg_catalog.format('insert\s+into\s+%s\.%s\s', n.nspname, c.relname)
                      from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
                     where c.oid = p_table);
  v_head text;
  v_at integer;
  v_stmt text;
  v_frames text[] := '{}';
begin
  if v_src is null then
    raise exception 'append_frames: % is not a PL/pgSQL function', p_fn;
  end if;
  v_at := pg_catalog.strpos(v_guard, 'get diagnostics');
  v_head := pg_catalog.format('PL/pgSQL function %s line %s at GET DIAGNOSTICS', p_guard,
                              1 + pg_catalog.length(pg_catalog.left(v_guard, v_at - 1))
                                - pg_catalog.length(pg_catalog.replace(pg_catalog.left(v_guard, v_at - 1), E'\n', '')));
  for i in 1 .. pg_catalog.regexp_count(v_src, v_insert, 1, 'i') loop
    v_at := pg_catalog.regexp_instr(v_src, v_insert, 1, i, 0, 'i');
    v_stmt := pg_catalog.rtrim(pg_catalog.split_part(pg_catalog.substr(v_src, v_at), ';', 1), E' \t\n\r\f\v');
    v_frames := v_frames || pg_catalog.format(E'%s\nSQL statement "%s"\nPL/pgSQL function %s line %s at SQL statement\n',
      v_head, v_stmt, p_fn,
      1 + pg_catalog.length(pg_catalog.left(v_src, v_at - 1)) - pg_catalog.length(pg_catalog.replace(pg_catalog.left(v_src, v_at - 1), E'\n', '')));
  end loop;
  if pg_catalog.cardinality(v_frames) = 0 then
    raise exception 'append_frames: % has no INSERT into %', p_fn, p_table;
  end if;
  return v_frames;
end
$$;
revoke all on function inquest_private.append_frames(regprocedure,regprocedure,regclass) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- What is wrong with the audit tables' own protection (nothing: no row).
create or replace function inquest_private.audit_table_problems() returns table (table_name text, problem text)
language sql stable
set search_path = pg_catalog, pg_temp
as $$
  select format('inquest_audit.%s', t.name),
         case when tr.oid is null then format('trigger %s is missing', g.tg)
              else format('trigger %s is not ENABLE ALWAYS', g.tg) end
    from (values ('event'), ('seal'), ('tree')) t(name)
   cross join (values ('inquest_append_guard'), ('inquest_append_only'), ('inquest_no_truncate')) g(tg)
    left join pg_catalog.pg_class c on c.relname = t.name
          and c.relnamespace = 'inquest_audit'::regnamespace
    left join pg_catalog.pg_trigger tr on tr.tgrelid = c.oid and tr.tgname = g.tg
   where tr.oid is null or tr.tgenabled <> 'A'
$$;
revoke all on function inquest_private.audit_table_problems() from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- write_event as in 0002, in PL/pgSQL with a pinned search_path, so that it appears in
-- the call stack under its schema-qualified name (a SQL function appears by bare name,
-- which a function of anybody's could imitate).
create or replace function inquest_private.write_event(
  p_table_name text, p_record_key text, p_case_id bigint, p_operation text,
  p_old jsonb, p_new jsonb) returns void
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
begin
  insert into inquest_audit.event (actor, table_name, record_key, case_id, operation, old_values, new_values)
  values (inquest_private.current_actor(), p_table_name, p_record_key, p_case_id, p_operation, p_old, p_new);
end
$$;
revoke all on function inquest_private.write_event(text,text,bigint,text,jsonb,jsonb) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- Makes (or remakes) table p_table's append guard: the frames of every INSERT into it in
-- the functions p_fns (in that order: most frequent first), as they are when it runs. Called
-- right after the allowed functions are defined, at every migrate: here for event, in
-- seal.sql for seal and tree.
create or replace function inquest_private.make_append_guard(p_table regclass, p_fns regprocedure[]) returns void
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
begin
  execute pg_catalog.format(
    'create or replace trigger inquest_append_guard BEFORE INSERT ON %s FOR EACH STATEMENT '
    'EXECUTE FUNCTION inquest_private.guard_audit_append(%s)',
    p_table,
    (select pg_catalog.string_agg(pg_catalog.quote_literal(
              pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(f, '\', '\\'), '%', '\%'), '_', '\_') || '%'), ', ' order by g.o, x.n)
       from pg_catalog.unnest(p_fns) with ordinality g(fn, o)
      cross join lateral pg_catalog.unnest(inquest_private.append_frames(
        'inquest_private.guard_audit_append()', g.fn, p_table)) with ordinality x(f, n)));
  execute pg_catalog.format('alter table %s enable always trigger inquest_append_guard', p_table);
end
$$;
revoke all on function inquest_private.make_append_guard(regclass,regprocedure[]) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- audit_statement() is an [early] object, write_event() is above.
select inquest_private.make_append_guard('inquest_audit.event',
  array['inquest_private.audit_statement()', 'inquest_private.write_event(text,text,bigint,text,jsonb,jsonb)']::regprocedure[]);

create or replace trigger inquest_append_only BEFORE DELETE OR UPDATE ON inquest_audit.event FOR EACH ROW EXECUTE FUNCTION inquest_private.refuse_audit_change();
alter table inquest_audit.event enable always trigger inquest_append_only;

create or replace trigger inquest_no_truncate BEFORE TRUNCATE ON inquest_audit.event FOR EACH STATEMENT EXECUTE FUNCTION inquest_private.refuse_audit_change();
alter table inquest_audit.event enable always trigger inquest_no_truncate;

-- The append guards of seal and tree are made in seal.sql, after seal() (their frames
-- come from its source).
create or replace trigger inquest_append_only BEFORE DELETE OR UPDATE ON inquest_audit.seal FOR EACH ROW EXECUTE FUNCTION inquest_private.refuse_audit_change();
alter table inquest_audit.seal enable always trigger inquest_append_only;

create or replace trigger inquest_no_truncate BEFORE TRUNCATE ON inquest_audit.seal FOR EACH STATEMENT EXECUTE FUNCTION inquest_private.refuse_audit_change();
alter table inquest_audit.seal enable always trigger inquest_no_truncate;

create or replace trigger inquest_append_only BEFORE DELETE OR UPDATE ON inquest_audit.tree FOR EACH ROW EXECUTE FUNCTION inquest_private.refuse_audit_change();
alter table inquest_audit.tree enable always trigger inquest_append_only;

create or replace trigger inquest_no_truncate BEFORE TRUNCATE ON inquest_audit.tree FOR EACH STATEMENT EXECUTE FUNCTION inquest_private.refuse_audit_change();
alter table inquest_audit.tree enable always trigger inquest_no_truncate;
