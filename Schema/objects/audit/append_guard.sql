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

-- BEFORE INSERT, once per statement (COPY included), ENABLE ALWAYS. TG_ARGV names the
-- functions allowed to append (as regprocedure text). PostgreSQL's call stack, which no
-- client setting changes, must read:
--     PL/pgSQL function inquest_private.guard_audit_append() line .. at GET DIAGNOSTICS
--     SQL statement "<S>"
--     PL/pgSQL function <one of TG_ARGV> line .. at SQL statement
-- where <S> is an INSERT into this table that is part of that function's own source.
-- A statement typed by a user has no second line; one run from a user's own function
-- names that function on the third. The statement text <S> is compared with the
-- allowed function's source, so a user's statement cannot carry a forged third line
-- inside itself (the source holds no such text).
-- The call stack's text is translated by lc_messages (a server setting): the guard reads
-- it in English whatever the server's language (SECURITY DEFINER, owned by the migrating
-- superuser, so that it may set lc_messages; it reads nothing else).
create or replace function inquest_private.guard_audit_append() returns trigger
language plpgsql security definer
set search_path = pg_catalog, pg_temp
set lc_messages = 'C'
as $$
declare
  v_ctx text;
  v_rest text;
  v_fn text;
  v_at integer;
  v_stmt text;
begin
  get diagnostics v_ctx = pg_context;
  v_at := pg_catalog.strpos(v_ctx, E'\n');
  if v_at > 0 then
    v_rest := pg_catalog.substr(v_ctx, v_at + 1);
    if pg_catalog.starts_with(v_rest, 'SQL statement "') then
      foreach v_fn in array tg_argv loop
        v_at := pg_catalog.strpos(v_rest, E'"\nPL/pgSQL function ' || v_fn || ' line ');
        if v_at > 0 then
          v_stmt := pg_catalog.substr(v_rest, 16, v_at - 16);
          if v_stmt ~* ('^\s*insert\s+into\s+' || tg_table_schema || '\.' || tg_table_name || '\s')
             and pg_catalog.strpos((select p.prosrc from pg_catalog.pg_proc p where p.oid = v_fn::regprocedure), v_stmt) > 0
             and pg_catalog.substr(v_rest, v_at + pg_catalog.length(E'"\nPL/pgSQL function ' || v_fn || ' line ')) ~ '^[0-9]+ at SQL statement(\n|$)'
          then
            return null;
          end if;
        end if;
      end loop;
    end if;
  end if;
  raise exception 'only the audit trail itself appends to %.%: a direct % is refused', tg_table_schema, tg_table_name, tg_op
    using errcode = '42501',
          detail = 'rule audit_append_only_by_product: events are written by the audit triggers and inquest_private.write_event(); seals and tree nodes by inquest_audit.seal()',
          hint = 'audit events cannot be forged, even by the owner';
end
$$;
revoke all on function inquest_private.guard_audit_append() from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

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

create or replace trigger inquest_append_guard BEFORE INSERT ON inquest_audit.event FOR EACH STATEMENT EXECUTE FUNCTION inquest_private.guard_audit_append('inquest_private.audit_statement()', 'inquest_private.write_event(text,text,bigint,text,jsonb,jsonb)');
alter table inquest_audit.event enable always trigger inquest_append_guard;

create or replace trigger inquest_append_only BEFORE DELETE OR UPDATE ON inquest_audit.event FOR EACH ROW EXECUTE FUNCTION inquest_private.refuse_audit_change();
alter table inquest_audit.event enable always trigger inquest_append_only;

create or replace trigger inquest_no_truncate BEFORE TRUNCATE ON inquest_audit.event FOR EACH STATEMENT EXECUTE FUNCTION inquest_private.refuse_audit_change();
alter table inquest_audit.event enable always trigger inquest_no_truncate;

create or replace trigger inquest_append_guard BEFORE INSERT ON inquest_audit.seal FOR EACH STATEMENT EXECUTE FUNCTION inquest_private.guard_audit_append('inquest_audit.seal(boolean)');
alter table inquest_audit.seal enable always trigger inquest_append_guard;

create or replace trigger inquest_append_only BEFORE DELETE OR UPDATE ON inquest_audit.seal FOR EACH ROW EXECUTE FUNCTION inquest_private.refuse_audit_change();
alter table inquest_audit.seal enable always trigger inquest_append_only;

create or replace trigger inquest_no_truncate BEFORE TRUNCATE ON inquest_audit.seal FOR EACH STATEMENT EXECUTE FUNCTION inquest_private.refuse_audit_change();
alter table inquest_audit.seal enable always trigger inquest_no_truncate;

create or replace trigger inquest_append_guard BEFORE INSERT ON inquest_audit.tree FOR EACH STATEMENT EXECUTE FUNCTION inquest_private.guard_audit_append('inquest_audit.seal(boolean)');
alter table inquest_audit.tree enable always trigger inquest_append_guard;

create or replace trigger inquest_append_only BEFORE DELETE OR UPDATE ON inquest_audit.tree FOR EACH ROW EXECUTE FUNCTION inquest_private.refuse_audit_change();
alter table inquest_audit.tree enable always trigger inquest_append_only;

create or replace trigger inquest_no_truncate BEFORE TRUNCATE ON inquest_audit.tree FOR EACH STATEMENT EXECUTE FUNCTION inquest_private.refuse_audit_change();
alter table inquest_audit.tree enable always trigger inquest_no_truncate;
