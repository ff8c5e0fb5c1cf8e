-- 0002 Access control and the tamper-evident audit trail.
--
-- What this file sets up, in order:
--   1. group roles and schema privileges;
--   2. internals: the HMAC secret and log origin, the registry of sensitive
--      columns, the identity helpers used by every policy;
--   3. the audit queue (inquest_audit.event), the chain (inquest_audit.seal), the
--      canonical event text, seal(), verify(), head() and the read views;
--   4. ENROLLMENT: an event trigger that puts every new table in schema `inquest`
--      under forced row-level security, the standard policies and grants, and the
--      audit triggers, in the same CREATE TABLE (a table cannot forget it); a
--      guard refuses later DDL that would take a table out of it;
--   5. inquest."case" and inquest.case_assignment (enrolled like any other table);
--   6. user management functions (PostgreSQL login roles), audited explicitly.
--
-- Identity. The acting role is the role set by SET ROLE, or else the login role:
--   inquest_private.current_actor() = coalesce(nullif(current_setting('role'), 'none'), session_user)
-- Both parts are unforgeable by a non-superuser: session_user changes only through
-- SET SESSION AUTHORIZATION (superuser only), and the `role` setting -- whether by
-- SET ROLE or set_config('role', ...) -- is checked for membership by the server.
-- For a top-level statement this is exactly current_user; unlike current_user it
-- keeps naming the human inside SECURITY DEFINER functions (where current_user is
-- the function owner). No other setting (app.*) is ever read for identity.
--
-- Ownership. Every object here belongs to the role that runs the migrations (the
-- superuser `postgres` in our scripts). Application roles own nothing; they are
-- never superuser or BYPASSRLS. Every table in `inquest` has FORCE ROW LEVEL
-- SECURITY, plus a policy that admits the owner, so that SECURITY DEFINER helpers
-- keep working even if a non-superuser owner is ever used (pitfall 2).

------------------------------------------------------------------------------
-- 1. Group roles (cluster-wide, so created only when missing)
------------------------------------------------------------------------------
do $roles$
declare
  r text;
begin
  foreach r in array array['inquest_admin', 'inquest_investigator', 'inquest_auditor', 'inquest_cleared'] loop
    if not exists (select from pg_catalog.pg_roles where rolname = r) then
      execute format('create role %I nologin', r);
    end if;
    -- Re-assert the attributes even when the role already existed.
    execute format('alter role %I nologin nosuperuser nocreatedb nocreaterole noreplication nobypassrls', r);
  end loop;
end
$roles$;

comment on role inquest_admin is 'Inquest administrators: cases, users, assignments.';
comment on role inquest_investigator is 'Inquest investigators: read and write the cases they are assigned to.';
comment on role inquest_auditor is 'Inquest auditors: read everything but protected identities, and the audit log; write nothing.';
comment on role inquest_cleared is 'Clearance to reveal protected identities in assigned cases (inquest.reveal_identity).';

-- USAGE only: the private and audit schemas hold functions the groups call; their
-- tables grant nothing, except read access to the log for auditors and admins.
grant usage on schema inquest, inquest_private, inquest_audit, inquest_ext
  to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- Functions created from now on in our schemas are not executable by PUBLIC
-- unless granted explicitly.
alter default privileges in schema inquest, inquest_private, inquest_audit revoke execute on functions from public;

------------------------------------------------------------------------------
-- 2. Internals
------------------------------------------------------------------------------

-- The HMAC key for redaction and the identity of this log (the checkpoint
-- "origin"). Readable by the owner only: no grant, ever.
create table inquest_private.secret (
  singleton boolean primary key default true constraint secret_singleton check (singleton),
  hmac_key bytea not null default inquest_ext.gen_random_bytes(32)
    constraint secret_hmac_key_length check (length(hmac_key) = 32),
  log_origin text not null default 'inquest:' || gen_random_uuid()::text
);
insert into inquest_private.secret default values;
revoke all on inquest_private.secret from public;

-- Columns whose values never enter an audit event in clear: the trigger replaces
-- them with "hmac-sha256:<hex of HMAC-SHA-256(secret, value text)>". Keyed by
-- table name within schema inquest (text, not regclass, so dumps restore as is).
create table inquest_private.sensitive_column (
  table_name name not null,
  column_name name not null,
  primary key (table_name, column_name)
);
revoke all on inquest_private.sensitive_column from public;

-- The acting role (see the header). Plain SQL, no privileges involved.
create function inquest_private.current_actor() returns name
language sql stable parallel safe
set search_path = pg_catalog, pg_temp
as $$ select coalesce(nullif(pg_catalog.current_setting('role'), 'none'), session_user)::name $$;
grant execute on function inquest_private.current_actor() to public;

-- Replaces the values of `cols` in `j` by their keyed hash; JSON null stays null.
create function inquest_private.redact(j jsonb, cols text[], k bytea) returns jsonb
language sql immutable parallel safe
set search_path = pg_catalog, pg_temp
as $$
  select j || coalesce((
    select pg_catalog.jsonb_object_agg(c,
             case when pg_catalog.jsonb_typeof(j -> c) = 'null' then j -> c
                  else pg_catalog.to_jsonb('hmac-sha256:' || pg_catalog.encode(
                         inquest_ext.hmac(pg_catalog.convert_to(j ->> c, 'UTF8'), k, 'sha256'), 'hex'))
             end)
      from pg_catalog.unnest(cols) as c
     where j ? c), '{}'::jsonb)
$$;

------------------------------------------------------------------------------
-- 3. The audit trail: queue first, sequence later
------------------------------------------------------------------------------
-- Writers append to inquest_audit.event from statement-level triggers: no lock,
-- no hash, no head row, so parallel writers never wait for each other and a bulk
-- COPY costs one INSERT ... SELECT over its transition table.
-- inquest_audit.seal() later takes the events of finished transactions, gives
-- them consecutive sequence numbers and chains their hashes into
-- inquest_audit.seal. Both tables are append-only. See docs/audit-format.md.

create table inquest_audit.event (
  id bigint generated always as identity primary key,
  occurred_at timestamptz not null default pg_catalog.clock_timestamp(),
  txid xid8 not null default pg_catalog.pg_current_xact_id(),
  login name not null default session_user,
  actor name not null,
  table_name text not null,
  record_key text,
  case_id bigint,
  operation text not null constraint event_operation_known check (operation in (
    'insert', 'update', 'delete', 'reveal',
    'user_add', 'user_grant', 'user_revoke', 'user_disable', 'user_enable', 'user_password')),
  old_values jsonb,
  new_values jsonb
);
create index event_txid on inquest_audit.event (txid);
comment on table inquest_audit.event is
  'Audit events, appended by triggers (queue order = id). Sequenced and hash-chained by inquest_audit.seal().';

create table inquest_audit.seal (
  seq bigint primary key constraint seal_seq_positive check (seq > 0),
  event_id bigint not null constraint seal_event_once unique,
  prev_hash bytea not null constraint seal_prev_hash_length check (length(prev_hash) = 32),
  hash bytea not null constraint seal_hash_length check (length(hash) = 32)
);
comment on table inquest_audit.seal is
  'The hash chain: seq n seals event_id with hash = sha256(prev_hash || canonical text). Append-only.';

-- Sealer bookkeeping: every event whose txid < sealed_below is sealed (or belongs
-- to a transaction that aborted). One row, locked by seal() for its short run.
create table inquest_private.seal_state (
  singleton boolean primary key default true constraint seal_state_singleton check (singleton),
  sealed_below xid8 not null default '0',
  last_seq bigint not null default 0,
  last_hash bytea not null default pg_catalog.decode(pg_catalog.repeat('00', 32), 'hex')
);
insert into inquest_private.seal_state default values;
revoke all on inquest_private.seal_state from public;

-- Nothing may change or remove an event or a seal: no grant allows it, and these
-- triggers (ENABLE ALWAYS: they fire even with session_replication_role = replica)
-- refuse it for everybody, the owner included. A superuser can still disable
-- them; only a signed checkpoint detects that (docs/audit-format.md).
create function inquest_private.refuse_audit_change() returns trigger
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
begin
  raise exception 'the audit log is append-only: % on %.% is not allowed', tg_op, tg_table_schema, tg_table_name
    using errcode = '42501', hint = 'audit events and seals can never be updated, deleted or truncated';
end
$$;

create trigger inquest_append_only before update or delete on inquest_audit.event
  for each row execute function inquest_private.refuse_audit_change();
create trigger inquest_no_truncate before truncate on inquest_audit.event
  for each statement execute function inquest_private.refuse_audit_change();
create trigger inquest_append_only before update or delete on inquest_audit.seal
  for each row execute function inquest_private.refuse_audit_change();
create trigger inquest_no_truncate before truncate on inquest_audit.seal
  for each statement execute function inquest_private.refuse_audit_change();
alter table inquest_audit.event enable always trigger inquest_append_only, enable always trigger inquest_no_truncate;
alter table inquest_audit.seal enable always trigger inquest_append_only, enable always trigger inquest_no_truncate;

revoke all on inquest_audit.event, inquest_audit.seal from public;
grant select on inquest_audit.event, inquest_audit.seal to inquest_auditor, inquest_admin;

-- Writes one explicit event (user management, reveals). Internal: called only
-- from SECURITY DEFINER functions of this schema; not granted to anybody.
create function inquest_private.write_event(
  p_table_name text, p_record_key text, p_case_id bigint, p_operation text,
  p_old jsonb, p_new jsonb) returns void
language sql
set search_path = pg_catalog, pg_temp
as $$
  insert into inquest_audit.event (actor, table_name, record_key, case_id, operation, old_values, new_values)
  values (inquest_private.current_actor(), p_table_name, p_record_key, p_case_id, p_operation, p_old, p_new)
$$;

-- The canonical text of an event at a given sequence number: the exact bytes
-- (UTF-8) hashed into the chain. docs/audit-format.md specifies it; this function
-- is the reference, used by seal() and verify(). Thirteen lines, each ending in
-- LF: a version tag, then seq, id, time (UTC, microseconds), txid, login, actor,
-- table, key, case id, operation, old, new. NULL is \N; in every value "\" is
-- written "\\", LF "\n" and CR "\r". jsonb values in PostgreSQL's jsonb text form.
-- One field value in canonical form. Inlined by the planner (no SET clause, so
-- that seal() and verify() stay fast); every call inside is schema-qualified.
create function inquest_audit.canonical_field(v text) returns text
language sql immutable parallel safe
as $$
  select coalesce(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(v, '\', '\\'), E'\n', '\n'), E'\r', '\r'), '\N')
$$;

create function inquest_audit.canonical_text(
  p_seq bigint, p_id bigint, p_occurred_at timestamptz, p_txid xid8, p_login name, p_actor name,
  p_table_name text, p_record_key text, p_case_id bigint, p_operation text,
  p_old jsonb, p_new jsonb) returns text
language sql stable parallel safe
as $$
  select 'inquest-event-v1' || E'\n'
      || p_seq::text || E'\n'
      || p_id::text || E'\n'
      || pg_catalog.to_char(p_occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || E'\n'
      || p_txid::text || E'\n'
      || inquest_audit.canonical_field(p_login::text) || E'\n'
      || inquest_audit.canonical_field(p_actor::text) || E'\n'
      || inquest_audit.canonical_field(p_table_name) || E'\n'
      || inquest_audit.canonical_field(p_record_key) || E'\n'
      || coalesce(p_case_id::text, '\N') || E'\n'
      || inquest_audit.canonical_field(p_operation) || E'\n'
      || inquest_audit.canonical_field(p_old::text) || E'\n'
      || inquest_audit.canonical_field(p_new::text) || E'\n'
$$;
grant execute on function inquest_audit.canonical_text(bigint, bigint, timestamptz, xid8, name, name, text, text, bigint, text, jsonb, jsonb)
  to inquest_auditor, inquest_admin;

-- Sequences and chains the events of every finished transaction.
--   wait = true  (default): waits for a concurrent sealer, then seals; after it
--                returns, every event committed before the call is sealed.
--                Call before `audit log`, `verify`, `export`, `checkpoint`.
--   wait = false: returns 0 at once if another sealer is running (it, or the
--                next call, seals our events). Call after each committed command.
-- Returns the number of events sealed. Safe under any number of concurrent
-- callers: the seal_state row lock serialises sealers, seq and event_id are
-- unique, so a fork, a gap or a double seal fails instead of being stored.
create function inquest_audit.seal(wait boolean default true) returns bigint
language plpgsql security definer
set search_path = pg_catalog, pg_temp
-- The anti-join below must probe seal's unique index per candidate event: a hash
-- join would read the whole chain on every call, making each seal cost O(log size).
set enable_hashjoin = off
set enable_mergejoin = off
as $$
declare
  st inquest_private.seal_state;
  hi xid8;
  prev bytea;
  n integer := 0;
  ids bigint[] := '{}';
  prevs bytea[] := '{}';
  hashes bytea[] := '{}';
  r record;
begin
  -- Under REPEATABLE READ the snapshot would predate a concurrent sealer's commit.
  if pg_catalog.current_setting('transaction_isolation') <> 'read committed' then
    raise exception 'inquest_audit.seal() must run at isolation level read committed'
      using errcode = '25001';
  end if;
  if wait then
    select * into st from inquest_private.seal_state for update;
  else
    select * into st from inquest_private.seal_state for update skip locked;
    if not found then
      return 0;
    end if;
  end if;
  -- A fresh snapshot taken after the lock: every transaction with an xid below
  -- its xmin has finished, so its events are all visible now (or it aborted).
  -- The xmin is cluster-wide: one long transaction anywhere (another database, an
  -- idle psql) holds it back. So events above it are sealed too once their own
  -- transaction has committed (pg_xact_status); the anti-join keeps them from
  -- being sealed twice. Chain order is seal order, which need not be xid order.
  select pg_catalog.pg_snapshot_xmin(pg_catalog.pg_current_snapshot()) into hi;
  prev := st.last_hash;
  for r in
    select e.id,
           inquest_audit.canonical_text(st.last_seq + row_number() over (order by e.txid, e.id), e.id,
             e.occurred_at, e.txid, e.login, e.actor, e.table_name, e.record_key, e.case_id,
             e.operation, e.old_values, e.new_values) as t
      from inquest_audit.event e
     where e.txid >= st.sealed_below
       and (e.txid < hi or pg_catalog.pg_xact_status(e.txid) = 'committed')
       and not exists (select from inquest_audit.seal s where s.event_id = e.id)
     order by e.txid, e.id
  loop
    n := n + 1;
    ids[n] := r.id;
    prevs[n] := prev;
    prev := pg_catalog.sha256(prev || pg_catalog.convert_to(r.t, 'UTF8'));
    hashes[n] := prev;
  end loop;
  if n > 0 then
    insert into inquest_audit.seal (seq, event_id, prev_hash, hash)
    select st.last_seq + u.o, u.i, u.p, u.h
      from unnest(ids, prevs, hashes) with ordinality as u(i, p, h, o);
  end if;
  update inquest_private.seal_state
     set sealed_below = greatest(st.sealed_below, hi), last_seq = st.last_seq + n, last_hash = prev;
  return n;
end
$$;
grant execute on function inquest_audit.seal(boolean)
  to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- Recomputes the whole chain in one pass. Returns the first bad sequence number
-- (content changed, hash or link wrong, event missing, seq missing) or NULL when
-- the chain is intact. A rewrite with recomputed hashes, or a truncation of the
-- newest events, needs a signed checkpoint to be detected (docs/audit-format.md).
create function inquest_audit.verify() returns bigint
language plpgsql stable security definer
set search_path = pg_catalog, pg_temp
as $$
declare
  prev bytea := pg_catalog.decode(pg_catalog.repeat('00', 32), 'hex');
  expect bigint := 1;
  r record;
begin
  for r in
    select s.seq, s.prev_hash, s.hash, e.id is null as missing,
           inquest_audit.canonical_text(s.seq, e.id, e.occurred_at, e.txid, e.login, e.actor, e.table_name,
             e.record_key, e.case_id, e.operation, e.old_values, e.new_values) as t
      from inquest_audit.seal s
      left join inquest_audit.event e on e.id = s.event_id
     order by s.seq
  loop
    if r.seq <> expect then
      return expect;
    end if;
    if r.missing or r.prev_hash <> prev
       or r.hash <> pg_catalog.sha256(prev || pg_catalog.convert_to(r.t, 'UTF8')) then
      return r.seq;
    end if;
    prev := r.hash;
    expect := expect + 1;
  end loop;
  -- The sealer remembers its last seq: seals removed from the end are caught
  -- here (unless the bookkeeping row was rewritten too).
  if exists (select from inquest_private.seal_state where last_seq >= expect) then
    return expect;
  end if;
  return null;
end
$$;
grant execute on function inquest_audit.verify() to inquest_auditor, inquest_admin;

-- The head of the chain, for checkpoints: origin (this log's identity), last
-- sequence number and its hash (hex). seq 0 and 64 zeros when nothing is sealed.
create function inquest_audit.head(out origin text, out seq bigint, out hash text)
language sql stable security definer
set search_path = pg_catalog, pg_temp
as $$
  select (select s.log_origin from inquest_private.secret s),
         coalesce(h.seq, 0),
         coalesce(pg_catalog.encode(h.hash, 'hex'), pg_catalog.repeat('0', 64))
    from (select 1) one
    left join lateral (select x.seq, x.hash from inquest_audit.seal x order by x.seq desc limit 1) h on true
$$;
grant execute on function inquest_audit.head() to inquest_auditor, inquest_admin;

-- Sealed events, typed, for `audit log` and `audit show`.
create view inquest_audit.log with (security_invoker = true) as
select s.seq, e.id as event_id, e.occurred_at, e.txid, e.login, e.actor, e.table_name, e.record_key,
       e.case_id, e.operation, e.old_values, e.new_values,
       pg_catalog.encode(s.prev_hash, 'hex') as prev_hash, pg_catalog.encode(s.hash, 'hex') as hash
  from inquest_audit.seal s
  join inquest_audit.event e on e.id = s.event_id;

-- Sealed events exactly as the export (JSON lines) carries them: every value is
-- the text that enters the canonical form. Order by seq.
create view inquest_audit.export with (security_invoker = true) as
select s.seq, e.id,
       pg_catalog.to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as occurred_at,
       e.txid::text as txid, e.login::text as login, e.actor::text as actor, e.table_name, e.record_key,
       e.case_id, e.operation, e.old_values::text as old_values, e.new_values::text as new_values,
       pg_catalog.encode(s.prev_hash, 'hex') as prev_hash, pg_catalog.encode(s.hash, 'hex') as hash
  from inquest_audit.seal s
  join inquest_audit.event e on e.id = s.event_id;

-- Events not sealed yet (their transaction is still running, or no seal() since).
create view inquest_audit.pending with (security_invoker = true) as
select e.* from inquest_audit.event e
 where not exists (select from inquest_audit.seal s where s.event_id = e.id);

revoke all on inquest_audit.log, inquest_audit.export, inquest_audit.pending from public;
grant select on inquest_audit.log, inquest_audit.export, inquest_audit.pending to inquest_auditor, inquest_admin;

------------------------------------------------------------------------------
-- 4. Enrollment of every table in schema inquest
------------------------------------------------------------------------------

-- Investigator policies are plain SQL, no function call (measured: a SECURITY
-- DEFINER helper such as `(select assigned_case_ids())` cost about 20 us per
-- statement, as much as the audit trigger; an EXISTS probe on the
-- (username, case_id) index costs a few):
--   read:  exists (select from inquest.case_assignment a
--                   where a.case_id = <table>.case_id and a.username = current_user)
--   write: the same, and a.case_open (investigators read closed cases but write
--          only into open ones; admins write anywhere). case_open mirrors the
--          case's status, kept by triggers, so the policy is one index probe and
--          cheap to plan (a join to inquest."case", itself under RLS, tripled the
--          planning time of every single-row INSERT).
-- This needs no SECURITY DEFINER because case_assignment's own investigator policy
-- is simply `username = current_user` (an investigator sees their own assignment
-- rows; no recursion). current_user inside a policy is the querying role: the
-- login, or the role set by SET ROLE; a SECURITY DEFINER function owned by the
-- superuser bypasses RLS altogether, and a non-superuser owner has its own policy.

-- The statement-level audit trigger. TG_ARGV[0] names the column holding the
-- case id ('case_id', or 'id' for inquest."case"); TG_ARGV[1..] the sensitive
-- columns. One INSERT ... SELECT per
-- statement over the transition table: linear in the rows changed, no lock.
-- Inserts and deletes record the whole row; updates only the columns that
-- changed (old and new values of those). Sensitive columns are redacted.
create function inquest_private.audit_statement() returns trigger
language plpgsql security definer
set search_path = pg_catalog, pg_temp
as $$
declare
  -- inquest_private.current_actor(), written out: this runs for every statement.
  v_actor name := coalesce(nullif(pg_catalog.current_setting('role'), 'none'), session_user)::name;
  v_case text := tg_argv[0];
  v_cols text[];
  v_key bytea;
begin
  -- TG_ARGV[1..] are the sensitive columns (from inquest_private.sensitive_column,
  -- copied into the trigger by enroll() / mark_sensitive(): no lookup per statement).
  if tg_nargs > 1 then
    v_cols := tg_argv[1:tg_nargs - 1];
    select s.hmac_key into v_key from inquest_private.secret s;
  end if;
  if tg_op = 'INSERT' then
    insert into inquest_audit.event (actor, table_name, record_key, case_id, operation, new_values)
    select v_actor, tg_table_name, coalesce(j ->> 'key', j ->> 'id'), (j ->> v_case)::bigint, 'insert',
           case when v_cols is null then j else inquest_private.redact(j, v_cols, v_key) end
      from (select pg_catalog.to_jsonb(n) as j from new_rows n) x;
  elsif tg_op = 'DELETE' then
    insert into inquest_audit.event (actor, table_name, record_key, case_id, operation, old_values)
    select v_actor, tg_table_name, coalesce(j ->> 'key', j ->> 'id'), (j ->> v_case)::bigint, 'delete',
           case when v_cols is null then j else inquest_private.redact(j, v_cols, v_key) end
      from (select pg_catalog.to_jsonb(o) as j from old_rows o) x;
  elsif tg_op = 'UPDATE' then
    insert into inquest_audit.event (actor, table_name, record_key, case_id, operation, old_values, new_values)
    select v_actor, tg_table_name, coalesce(nj ->> 'key', nj ->> 'id'), (nj ->> v_case)::bigint, 'update',
           case when v_cols is null then d.oldv else inquest_private.redact(d.oldv, v_cols, v_key) end,
           case when v_cols is null then d.newv else inquest_private.redact(d.newv, v_cols, v_key) end
      from (select pg_catalog.to_jsonb(o) as oj from old_rows o) a
      join (select pg_catalog.to_jsonb(n) as nj from new_rows n) b on (a.oj -> 'id') = (b.nj -> 'id')
      cross join lateral (
        select coalesce(pg_catalog.jsonb_object_agg(ov.key, ov.value), '{}') as oldv,
               coalesce(pg_catalog.jsonb_object_agg(ov.key, b.nj -> ov.key), '{}') as newv
          from pg_catalog.jsonb_each(a.oj) ov
         where ov.value is distinct from (b.nj -> ov.key)) d;
  end if;
  return null;
end
$$;

create function inquest_private.refuse_truncate() returns trigger
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
begin
  raise exception 'case tables cannot be truncated: inquest.% (delete rows instead, so the audit trail records it)', tg_table_name
    using errcode = '42501';
end
$$;

-- Everything wrong with the enrollment of the tables in schema inquest (empty
-- when all is well): RLS enabled and forced, the four audit/guard triggers
-- present and ENABLE ALWAYS, owner not an application role.
create function inquest_private.enrollment_problems() returns table (table_name text, problem text)
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
grant execute on function inquest_private.enrollment_problems() to inquest_admin, inquest_auditor;

-- (Re)creates the three audit triggers of a table, with the case column and the
-- registered sensitive columns as arguments. CREATE OR REPLACE resets them to
-- ENABLE (origin); callers re-enable them ALWAYS in the same step.
create function inquest_private.attach_audit_triggers(t regclass) returns void
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

-- Marks columns of an existing table sensitive (a later migration's tool; for a
-- new table, register its columns before CREATE TABLE and enrollment does it).
create function inquest_private.mark_sensitive(p_table name, p_columns name[]) returns void
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

-- Enrolls one table. Called by the event trigger; refuses a table that does not
-- belong to a case. Order matters: triggers exist before the ALTER TABLE that the
-- guard below inspects.
create function inquest_private.enroll(t regclass) returns void
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
declare
  v_name name;
  v_owner name;
  v_case text;
  v_case_filter text;
  v_admin_managed boolean;
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
  v_admin_managed := v_name in ('case', 'case_assignment');
  perform pg_catalog.set_config('inquest.enrolling', t::oid::text, true);
  v_case_filter := format('exists (select from inquest.case_assignment a where a.case_id = %I.%I and a.username = current_user)',
                          v_name, v_case);

  perform inquest_private.attach_audit_triggers(t);
  execute format('create trigger inquest_no_truncate before truncate on %s '
                 'for each statement execute function inquest_private.refuse_truncate()', t);
  execute format('alter table %s enable always trigger inquest_audit_insert, enable always trigger inquest_audit_update, '
                 'enable always trigger inquest_audit_delete, enable always trigger inquest_no_truncate, '
                 'enable row level security, force row level security', t);

  execute format('create policy inquest_owner_all on %s to %I using (true) with check (true)', t, v_owner);
  execute format('create policy inquest_admin_all on %s to inquest_admin using (true) with check (true)', t);
  execute format('create policy inquest_auditor_read on %s for select to inquest_auditor using (true)', t);
  if v_name = 'case_assignment' then
    v_case_filter := 'username = current_user';
  end if;
  -- ("case" is created before case_assignment: its read policy follows the latter.)
  if v_name <> 'case' then
    execute format('create policy inquest_investigator_read on %s for select to inquest_investigator using (%s)', t, v_case_filter);
  end if;

  execute format('revoke all on %s from public', t);
  execute format('grant select, insert, update, delete on %s to inquest_admin', t);
  execute format('grant select on %s to inquest_auditor', t);
  if v_admin_managed then
    execute format('grant select on %s to inquest_investigator', t);
  else
    v_case_filter := format('exists (select from inquest.case_assignment a '
                            'where a.case_id = %I.%I and a.username = current_user and a.case_open)', v_name, v_case);
    execute format('create policy inquest_investigator_insert on %s for insert to inquest_investigator with check (%s)', t, v_case_filter);
    execute format('create policy inquest_investigator_update on %s for update to inquest_investigator using (%s) with check (%s)',
                   t, v_case_filter, v_case_filter);
    execute format('create policy inquest_investigator_delete on %s for delete to inquest_investigator using (%s)', t, v_case_filter);
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

create function inquest_private.on_ddl_command_end() returns event_trigger
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

create function inquest_private.on_sql_drop() returns event_trigger
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

create event trigger inquest_enroll on ddl_command_end
  execute function inquest_private.on_ddl_command_end();
create event trigger inquest_keep_audit_triggers on sql_drop
  execute function inquest_private.on_sql_drop();

------------------------------------------------------------------------------
-- 5. Cases and assignments (enrolled by the event trigger as they are created)
------------------------------------------------------------------------------
create table inquest."case" (
  id bigint generated always as identity primary key,
  key text generated always as ('C-' || id) stored constraint case_key_unique unique,
  reference text not null
    constraint case_reference_format check (reference ~ '^[A-Z][A-Z0-9]{0,9}-[A-Z0-9]+(-[A-Z0-9]+)*$')
    constraint case_reference_unique unique,
  title text not null constraint case_title_not_blank check (btrim(title) <> ''),
  description text,
  status text not null default 'open' constraint case_status_valid check (status in ('open', 'closed')),
  created_at timestamptz not null default now(),
  closed_at timestamptz,
  constraint case_closed_at_matches_status check ((status = 'closed') = (closed_at is not null))
);
comment on table inquest."case" is 'A case (investigation). Key C-<id>; reference such as IR-1988.';
comment on constraint case_reference_format on inquest."case" is
  'An upper-case prefix, a hyphen, then upper-case letters and digits in hyphen-separated groups: IR-1988, UN-A-43-705.';

-- Closing stamps closed_at; reopening clears it.
create function inquest_private.case_status_stamp() returns trigger
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
begin
  if new.status = 'closed' and (tg_op = 'INSERT' or old.status is distinct from 'closed') and new.closed_at is null then
    new.closed_at := now();
  elsif new.status = 'open' then
    new.closed_at := null;
  end if;
  return new;
end
$$;
create trigger case_status_stamp before insert or update of status on inquest."case"
  for each row execute function inquest_private.case_status_stamp();

create table inquest.case_assignment (
  id bigint generated always as identity primary key,
  key text generated always as ('A-' || id) stored constraint case_assignment_key_unique unique,
  case_id bigint not null references inquest."case" (id),
  username name not null,
  assigned_by name not null default session_user,
  assigned_at timestamptz not null default now(),
  case_open boolean not null default true,
  constraint case_assignment_once unique (case_id, username),
  constraint case_assignment_case_id_id_unique unique (case_id, id)
);
create index case_assignment_username on inquest.case_assignment (username, case_id) include (case_open);

create policy inquest_investigator_read on inquest."case" for select to inquest_investigator
  using (exists (select from inquest.case_assignment a where a.case_id = "case".id and a.username = current_user));
comment on table inquest.case_assignment is
  'Which login role works on which case. Written by admins only; assigned_by/assigned_at/case_open are set by the server.';
comment on column inquest.case_assignment.case_open is
  'Mirror of the case''s status (open = true), kept by triggers; used by the investigator write policies.';

-- Assignee must be an existing login role in inquest_investigator; who assigned
-- and when are stamped from the acting role, never taken from the client, and
-- case_open is copied from the case.
create function inquest_private.case_assignment_check() returns trigger
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
begin
  if tg_op = 'INSERT' or new.username is distinct from old.username or new.case_id is distinct from old.case_id then
    if not exists (select from pg_catalog.pg_roles r where r.rolname = new.username)
       or not pg_catalog.pg_has_role(new.username, 'inquest_investigator', 'member') then
      raise exception 'cannot assign %: not an investigator', new.username
        using errcode = '23514', constraint = 'case_assignment_assignee_investigator',
              detail = 'rule case_assignment_assignee_investigator: the assignee is an Inquest investigator';
    end if;
    new.assigned_by := inquest_private.current_actor();
    new.assigned_at := now();
  else
    new.assigned_by := old.assigned_by;
    new.assigned_at := old.assigned_at;
  end if;
  new.case_open := (select c.status = 'open' from inquest."case" c where c.id = new.case_id);
  return new;
end
$$;
create trigger case_assignment_check before insert or update on inquest.case_assignment
  for each row execute function inquest_private.case_assignment_check();

-- Closing or reopening a case updates case_open of its assignments (audited as
-- updates of case_assignment, by the admin who changed the case).
create function inquest_private.case_status_to_assignments() returns trigger
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
begin
  update inquest.case_assignment a set case_open = (new.status = 'open')
   where a.case_id = new.id and a.case_open is distinct from (new.status = 'open');
  return null;
end
$$;
create trigger case_status_to_assignments after update of status on inquest."case"
  for each row when (old.status is distinct from new.status)
  execute function inquest_private.case_status_to_assignments();

------------------------------------------------------------------------------
-- 6. Users: PostgreSQL login roles managed by admins
------------------------------------------------------------------------------
-- Passwords: the client computes the SCRAM-SHA-256 verifier itself (libpq's
-- PQencryptPasswordConn(conn, password, user, "scram-sha-256")) and passes only
-- the verifier. The server never receives the password, so neither statement
-- logging (log_statement, log_min_error_statement, auto_explain) nor an error
-- context can leak it; a verifier in a log is as sensitive as pg_authid (it
-- permits an offline guessing attack, not a login). Plain text is refused.

-- Users that were created here (so that a user with every group revoked can
-- still be managed).
create table inquest_private.app_user (
  username name primary key,
  created_at timestamptz not null default now(),
  created_by name not null
);
revoke all on inquest_private.app_user from public;

create function inquest_private.role_group(p_kind text) returns name
language plpgsql immutable
set search_path = pg_catalog, pg_temp
as $$
begin
  case p_kind
    when 'admin' then return 'inquest_admin';
    when 'investigator' then return 'inquest_investigator';
    when 'auditor' then return 'inquest_auditor';
    when 'cleared' then return 'inquest_cleared';
    else
      raise exception 'unknown role "%": expected admin, investigator, auditor or cleared', p_kind
        using errcode = '22023', detail = 'rule user_role_kind';
  end case;
end
$$;

create function inquest_private.check_verifier(p_verifier text) returns void
language plpgsql immutable
set search_path = pg_catalog, pg_temp
as $$
begin
  if p_verifier is not null
     and p_verifier !~ '^SCRAM-SHA-256\$[0-9]+:[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*:[A-Za-z0-9+/]+=*$' then
    -- Never echo the value: it may be a password sent by mistake.
    raise exception 'password must be given as a SCRAM-SHA-256 verifier, not as text'
      using errcode = '22023', detail = 'rule user_password_scram_verifier',
            hint = 'compute it on the client with libpq PQencryptPasswordConn(..., "scram-sha-256")';
  end if;
end
$$;

-- The role a management function may act on: one created by create_user or a
-- member of an Inquest group, and never a superuser or otherwise privileged role.
create function inquest_private.check_manageable(p_username name) returns void
language plpgsql stable
set search_path = pg_catalog, pg_temp
as $$
declare
  r pg_catalog.pg_roles;
begin
  select * into r from pg_catalog.pg_roles where rolname = p_username;
  if not found then
    raise exception 'no such user: %', p_username using errcode = '42704';
  end if;
  if r.rolsuper or r.rolbypassrls or r.rolcreaterole or r.rolreplication or r.rolcreatedb
     or p_username in ('inquest_admin', 'inquest_investigator', 'inquest_auditor', 'inquest_cleared')
     or not (exists (select from inquest_private.app_user u where u.username = p_username)
             or exists (select from pg_catalog.pg_auth_members m join pg_catalog.pg_roles g on g.oid = m.roleid
                         where m.member = r.oid
                           and g.rolname in ('inquest_admin', 'inquest_investigator', 'inquest_auditor', 'inquest_cleared'))) then
    raise exception '% is not an Inquest user and cannot be managed here', p_username
      using errcode = '42501', detail = 'rule user_manageable';
  end if;
end
$$;

create function inquest_private.create_user(p_username name, p_role text, p_cleared boolean, p_password_verifier text)
returns void
language plpgsql security definer
set search_path = pg_catalog, pg_temp
as $$
declare
  v_groups text;
begin
  if p_username is null or p_username::text !~ '^[a-z][a-z0-9_]{1,62}$'
     or p_username::text ~ '^(pg_|inquest_)' or p_username in ('public', 'none') then
    raise exception 'user name "%" is invalid', p_username
      using errcode = '22023', detail = 'rule user_name_format: 2 to 63 characters, lower-case letters, digits and "_", starting with a letter, not starting with pg_ or inquest_';
  end if;
  perform inquest_private.check_verifier(p_password_verifier);
  if exists (select from pg_catalog.pg_roles where rolname = p_username) then
    raise exception 'user % already exists', p_username using errcode = '42710';
  end if;
  v_groups := format('%I', inquest_private.role_group(p_role));
  if coalesce(p_cleared, false) then
    v_groups := v_groups || ', inquest_cleared';
  end if;
  execute format('create role %I login inherit nosuperuser nocreatedb nocreaterole noreplication nobypassrls in role %s',
                 p_username, v_groups);
  if p_password_verifier is not null then
    execute format('alter role %I password %L', p_username, p_password_verifier);
  end if;
  insert into inquest_private.app_user (username, created_by) values (p_username, inquest_private.current_actor());
  perform inquest_private.write_event('user', p_username, null, 'user_add', null,
    jsonb_build_object('role', p_role, 'cleared', coalesce(p_cleared, false), 'login', true,
                       'password', p_password_verifier is not null));
end
$$;

create function inquest_private.grant_role(p_username name, p_role text) returns void
language plpgsql security definer
set search_path = pg_catalog, pg_temp
as $$
declare
  v_group name := inquest_private.role_group(p_role);
begin
  perform inquest_private.check_manageable(p_username);
  execute format('grant %I to %I', v_group, p_username);
  perform inquest_private.write_event('user', p_username, null, 'user_grant', null, jsonb_build_object('role', p_role));
end
$$;

create function inquest_private.revoke_role(p_username name, p_role text) returns void
language plpgsql security definer
set search_path = pg_catalog, pg_temp
as $$
declare
  v_group name := inquest_private.role_group(p_role);
begin
  perform inquest_private.check_manageable(p_username);
  execute format('revoke %I from %I', v_group, p_username);
  perform inquest_private.write_event('user', p_username, null, 'user_revoke', jsonb_build_object('role', p_role), null);
end
$$;

-- Login removed, role and history kept.
create function inquest_private.disable_user(p_username name) returns void
language plpgsql security definer
set search_path = pg_catalog, pg_temp
as $$
begin
  perform inquest_private.check_manageable(p_username);
  execute format('alter role %I nologin', p_username);
  perform inquest_private.write_event('user', p_username, null, 'user_disable',
    jsonb_build_object('login', true), jsonb_build_object('login', false));
end
$$;

create function inquest_private.enable_user(p_username name) returns void
language plpgsql security definer
set search_path = pg_catalog, pg_temp
as $$
begin
  perform inquest_private.check_manageable(p_username);
  execute format('alter role %I login', p_username);
  perform inquest_private.write_event('user', p_username, null, 'user_enable',
    jsonb_build_object('login', false), jsonb_build_object('login', true));
end
$$;

create function inquest_private.set_password(p_username name, p_password_verifier text) returns void
language plpgsql security definer
set search_path = pg_catalog, pg_temp
as $$
begin
  perform inquest_private.check_manageable(p_username);
  if p_password_verifier is null then
    raise exception 'a password verifier is required' using errcode = '22023', detail = 'rule user_password_scram_verifier';
  end if;
  perform inquest_private.check_verifier(p_password_verifier);
  execute format('alter role %I password %L', p_username, p_password_verifier);
  perform inquest_private.write_event('user', p_username, null, 'user_password', null, jsonb_build_object('password', true));
end
$$;

create function inquest_private.list_users()
returns table (username name, roles text[], can_login boolean, cleared boolean, created_at timestamptz)
language sql stable security definer
set search_path = pg_catalog, pg_temp
as $$
  select r.rolname,
         array(select substr(g.rolname, 9) from pg_catalog.pg_auth_members m
                 join pg_catalog.pg_roles g on g.oid = m.roleid
                where m.member = r.oid and g.rolname in ('inquest_admin', 'inquest_investigator', 'inquest_auditor')
                order by 1),
         r.rolcanlogin,
         exists (select from pg_catalog.pg_auth_members m join pg_catalog.pg_roles g on g.oid = m.roleid
                  where m.member = r.oid and g.rolname = 'inquest_cleared'),
         u.created_at
    from pg_catalog.pg_roles r
    left join inquest_private.app_user u on u.username = r.rolname
   where not r.rolsuper
     and r.rolname not in ('inquest_admin', 'inquest_investigator', 'inquest_auditor', 'inquest_cleared')
     and (u.username is not null
          or exists (select from pg_catalog.pg_auth_members m join pg_catalog.pg_roles g on g.oid = m.roleid
                      where m.member = r.oid
                        and g.rolname in ('inquest_admin', 'inquest_investigator', 'inquest_auditor', 'inquest_cleared')))
   order by r.rolname
$$;

revoke execute on all functions in schema inquest_private, inquest_audit from public;
grant execute on function inquest_private.current_actor() to public;
grant execute on function
  inquest_private.create_user(name, text, boolean, text),
  inquest_private.grant_role(name, text),
  inquest_private.revoke_role(name, text),
  inquest_private.disable_user(name),
  inquest_private.enable_user(name),
  inquest_private.set_password(name, text)
  to inquest_admin;
grant execute on function inquest_private.list_users() to inquest_admin, inquest_auditor;
-- Re-grant what the blanket revoke above took back.
grant execute on function inquest_private.enrollment_problems() to inquest_admin, inquest_auditor;
grant execute on function inquest_audit.seal(boolean) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_audit.verify(), inquest_audit.head(), inquest_audit.canonical_field(text),
  inquest_audit.canonical_text(bigint, bigint, timestamptz, xid8, name, name, text, text, bigint, text, jsonb, jsonb)
  to inquest_auditor, inquest_admin;
