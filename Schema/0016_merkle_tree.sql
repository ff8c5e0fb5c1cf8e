-- 0016 Issue 11: a verifiable log.
--
--   1. The Merkle tree. Sealed events are the leaves of an RFC 9162 Merkle tree in seq
--      order: leaf n (zero-based index n - 1) is SHA-256(0x00 || canonical text of event
--      n), a node SHA-256(0x01 || left || right). seal() maintains it incrementally: for
--      every leaf it writes one row of inquest_audit.tree holding the complete subtrees
--      that leaf completes, and keeps the right edge (the frontier) in seal_state. Any
--      root, inclusion proof and consistency proof is then O(log n) row reads (see
--      docs/audit-format.md, section "Tree storage"). The linear chain is kept as it
--      was (version inquest-event-v1, prev_hash/hash): both are verified.
--   2. No forged appends. A statement may add rows to inquest_audit.event only when it
--      is one of the INSERT statements of inquest_private.audit_statement() (the audit
--      trigger) or inquest_private.write_event(); rows of inquest_audit.seal and
--      inquest_audit.tree only from an INSERT of inquest_audit.seal(). The check reads the
--      call stack (PG_CONTEXT), which a client cannot set: a direct INSERT or COPY, by the
--      owner or a superuser, is refused, and so is the same statement run from a function
--      of one's own. To get round it one must replace one of those functions or drop
--      the guard: DDL that section 3 records or refuses.
--   3. DDL that would stop the audit. Disabling or dropping the guards and append-only
--      triggers of the audit tables, or dropping those tables, is refused (for everybody;
--      a superuser must first disable the event triggers themselves, which PostgreSQL does
--      not let an event trigger see). Every other DDL on objects of the schemas inquest,
--      inquest_private and inquest_audit (ALTER/DROP TABLE, triggers, policies, functions,
--      GRANT/REVOKE) is recorded as an audit event (operation `ddl`) in the transaction
--      that runs it: it happens with a record or not at all.

------------------------------------------------------------------------------
-- New audit operation
------------------------------------------------------------------------------
do $ops$
declare
  v_def text;
  v_ops text[];
begin
  select pg_catalog.pg_get_constraintdef(c.oid) into v_def
    from pg_catalog.pg_constraint c
   where c.conrelid = 'inquest_audit.event'::regclass and c.conname = 'event_operation_known';
  v_ops := (pg_catalog.regexp_match(v_def, '''(\{[^'']*\})'''))[1]::text[];
  if v_ops is null then
    raise exception 'cannot read the operations of event_operation_known: %', v_def;
  end if;
  select array_agg(o order by ord) into v_ops
    from (select o, min(ord) as ord
            from unnest(v_ops || array['ddl']) with ordinality as u(o, ord)
           group by o) x;
  execute format('alter table inquest_audit.event drop constraint event_operation_known, '
                 'add constraint event_operation_known check (operation = any (%L::text[]))', v_ops);
end
$ops$;

------------------------------------------------------------------------------
-- 1. The tree
------------------------------------------------------------------------------
-- Row seq = s holds the complete subtrees that leaf s (index s - 1) completes: levels
-- 0 .. t, where t is the number of trailing zero bits of s, as (t + 1) concatenated
-- 32-byte hashes, level 0 (the leaf hash) first. The subtree at level L and index k
-- (leaves k*2^L .. (k+1)*2^L - 1) is therefore in row (k+1)*2^L at byte offset 32*L.
create table inquest_audit.tree (
  seq bigint primary key constraint tree_seq_positive check (seq > 0),
  nodes bytea not null constraint tree_nodes_length check (length(nodes) % 32 = 0 and length(nodes) >= 32)
);
comment on table inquest_audit.tree is
  'The RFC 9162 Merkle tree over the sealed events (0016): row seq holds the complete subtrees leaf seq completes. Append-only.';
revoke all on inquest_audit.tree from public;
grant select on inquest_audit.tree to inquest_auditor, inquest_admin;

-- The right edge of the tree: the roots of the complete subtrees that make up the
-- first last_seq leaves, largest (leftmost) first, concatenated.
alter table inquest_private.seal_state add column frontier bytea not null default '';

-- The leaf hash of a canonical text, and a node hash (RFC 9162 section 2.1.1).
create function inquest_audit.leaf_hash(p_canonical text) returns bytea
language sql immutable parallel safe
as $$ select pg_catalog.sha256(pg_catalog.decode('00', 'hex') || pg_catalog.convert_to(p_canonical, 'UTF8')) $$;
create function inquest_audit.node_hash(p_left bytea, p_right bytea) returns bytea
language sql immutable parallel safe
as $$ select pg_catalog.sha256(pg_catalog.decode('01', 'hex') || p_left || p_right) $$;

-- The root of the tree over the first p_size leaves, from the stored subtrees (O(log n)
-- rows); SHA-256 of the empty string for size 0. NULL when p_size is beyond the tree.
create function inquest_audit.tree_root(p_size bigint) returns bytea
language plpgsql stable security definer
set search_path = pg_catalog, pg_temp
as $$
declare
  v_start bigint := 0;
  v_level integer;
  v_width bigint;
  v_hashes bytea[] := '{}';
  v_node bytea;
  v_root bytea;
  i integer;
begin
  if p_size is null or p_size < 0 then
    return null;
  end if;
  if p_size = 0 then
    return pg_catalog.sha256(''::bytea);
  end if;
  for v_level in reverse 62 .. 0 loop
    v_width := (1::bigint << v_level);
    if p_size & v_width <> 0 then
      select pg_catalog.substr(t.nodes, 32 * v_level + 1, 32) into v_node
        from inquest_audit.tree t where t.seq = v_start + v_width;
      if v_node is null or pg_catalog.length(v_node) <> 32 then
        return null;
      end if;
      v_hashes := v_hashes || v_node;
      v_start := v_start + v_width;
    end if;
  end loop;
  v_root := v_hashes[pg_catalog.array_length(v_hashes, 1)];
  for i in reverse pg_catalog.array_length(v_hashes, 1) - 1 .. 1 loop
    v_root := inquest_audit.node_hash(v_hashes[i], v_root);
  end loop;
  return v_root;
end
$$;
revoke execute on function inquest_audit.tree_root(bigint) from public;
grant execute on function inquest_audit.tree_root(bigint) to inquest_auditor, inquest_admin;

-- The tree over the events sealed before this migration (built in seq order, exactly
-- as seal() does below).
do $backfill$
declare
  r record;
  v_front bytea := '';
  v_node bytea;
  v_nodes bytea;
  v_k bigint;
  v_len integer;
  v_last bigint := 0;
begin
  for r in
    select s.seq, inquest_audit.canonical_text(s.seq, e.id, e.occurred_at, e.txid, e.login, e.actor, e.table_name,
             e.record_key, e.case_id, e.operation, e.old_values, e.new_values) as t
      from inquest_audit.seal s join inquest_audit.event e on e.id = s.event_id
     order by s.seq
  loop
    if r.seq <> v_last + 1 then
      raise exception 'the audit chain has a gap before seq %: run inquest audit verify', r.seq;
    end if;
    v_node := inquest_audit.leaf_hash(r.t);
    v_nodes := v_node;
    v_k := r.seq;
    while v_k % 2 = 0 loop
      v_len := pg_catalog.length(v_front);
      v_node := inquest_audit.node_hash(pg_catalog.substr(v_front, v_len - 31, 32), v_node);
      v_front := pg_catalog.substr(v_front, 1, v_len - 32);
      v_nodes := v_nodes || v_node;
      v_k := v_k / 2;
    end loop;
    v_front := v_front || v_node;
    insert into inquest_audit.tree (seq, nodes) values (r.seq, v_nodes);
    v_last := r.seq;
  end loop;
  if v_last <> (select last_seq from inquest_private.seal_state) then
    raise exception 'seal_state.last_seq is % but the chain ends at %: run inquest audit verify',
      (select last_seq from inquest_private.seal_state), v_last;
  end if;
  update inquest_private.seal_state set frontier = v_front;
end
$backfill$;

-- seal() as in 0013 (same lock handling, order, chain), and the tree: for every event
-- sealed, its leaf hash, the subtrees it completes (one inquest_audit.tree row) and the
-- new right edge. All hashing runs in the loop that already builds the canonical text.
create or replace function inquest_audit.seal(wait boolean default true) returns bigint
language plpgsql security definer
set search_path = pg_catalog, pg_temp
set enable_hashjoin = off
set enable_mergejoin = off
set enable_nestloop = on
set enable_indexscan = on
set enable_indexonlyscan = on
set enable_bitmapscan = on
set enable_seqscan = on
set enable_sort = on
set random_page_cost = 4
set seq_page_cost = 1
set cpu_tuple_cost = 0.01
set cpu_index_tuple_cost = 0.005
set cpu_operator_cost = 0.0025
set jit = off
as $$
declare
  c_busy_wait constant interval := '30 seconds';   -- for a sealer inside seal()
  c_grace constant interval := '5 seconds';        -- for a holder whose seal() has returned
  c_leaf constant bytea := pg_catalog.decode('00', 'hex');
  c_node constant bytea := pg_catalog.decode('01', 'hex');
  st inquest_private.seal_state;
  hi xid8;
  prev bytea;
  n integer := 0;
  ids bigint[] := '{}';
  prevs bytea[] := '{}';
  hashes bytea[] := '{}';
  nodes bytea[] := '{}';
  v_text bytea;
  v_front bytea;
  v_node bytea;
  v_nodes bytea;
  v_k bigint;
  v_len integer;
  r record;
  h record;
  v_deadline timestamptz := pg_catalog.clock_timestamp() + c_busy_wait;
  v_seen jsonb := '{}';     -- "pid:query_start" -> when this call first saw it lingering
  v_key text;
  v_since timestamptz;
  v_reason text;
  v_busy text;
  v_sealing boolean;
begin
  -- Under REPEATABLE READ the snapshot would predate a concurrent sealer's commit.
  if pg_catalog.current_setting('transaction_isolation') <> 'read committed' then
    raise exception 'inquest_audit.seal() must run at isolation level read committed'
      using errcode = '25001';
  end if;
  loop
    -- Never queue on the lock: SKIP LOCKED returns at once (and returns the row when
    -- this transaction already holds it).
    select * into st from inquest_private.seal_state for update skip locked;
    exit when found;
    v_busy := null;
    v_sealing := false;
    for h in select * from inquest_private.seal_lock_holders() loop
      v_reason := null;
      if h.prepared_gid is not null then
        v_busy := format('the prepared transaction %L (a superuser must COMMIT or ROLLBACK PREPARED it)', h.prepared_gid);
      elsif h.state is null or h.state = 'disabled' then
        v_busy := format('backend %s (%s), whose activity cannot be seen (track_activities is off)', h.pid, h.login);
      elsif h.state like 'idle%' then
        v_reason := format('%s after its sealing call', h.state);
      elsif h.state = 'active' and h.plain_seal and not h.seal_returned
            and h.wait_event is distinct from 'ClientRead' then
        v_busy := format('backend %s (%s), sealing since %s', h.pid, h.login, h.query_start);
        v_sealing := true;
      else
        -- Its seal() has returned (or it runs something else, or waits on its client).
        -- The product's sealer commits within milliseconds of that; give it the grace.
        v_key := h.pid::text || ':' || coalesce(h.query_start::text, '');
        if v_seen ? v_key then
          v_since := (v_seen ->> v_key)::timestamptz;
        else
          v_since := pg_catalog.clock_timestamp();
          v_seen := v_seen || pg_catalog.jsonb_build_object(v_key, v_since);
        end if;
        if pg_catalog.clock_timestamp() - v_since >= c_grace then
          v_reason := case
            when h.seal_returned then 'its sealing call returned but its statement did not end'
            when h.wait_event = 'ClientRead' then 'it waits on its client in the middle of a statement'
            else 'it holds the seal lock while running a statement other than a plain seal call' end;
        else
          v_busy := coalesce(v_busy, format('backend %s (%s)', h.pid, h.login));
        end if;
      end if;
      if v_reason is not null and inquest_private.seal_holder_unchanged(h.pid, h.xact_start) then
        if pg_catalog.pg_terminate_backend(h.pid, 5000) then
          perform inquest_private.write_event('seal_state', h.login::text, null, 'sealer_terminate', null,
            pg_catalog.jsonb_build_object('pid', h.pid, 'login', h.login, 'state', h.state,
              'transaction_started', h.xact_start, 'statement_started', h.query_start, 'reason', v_reason));
        end if;
      end if;
    end loop;
    if v_sealing and not wait then
      return 0;
    end if;
    if pg_catalog.clock_timestamp() > v_deadline then
      if not wait then
        return 0;
      end if;
      raise exception 'the audit sealer is busy: % holds the seal lock', coalesce(v_busy, 'another transaction')
        using errcode = '55P03', detail = 'rule audit_seal_bounded_wait: a sealer waits at most 30 seconds',
              hint = 'try again; a sealer that stays idle or runs anything else is terminated';
    end if;
    -- A holder whose seal() returned commits within a millisecond or two: a caller that
    -- does not wait (every CLI write) looks again soon rather than sleeping 20 ms.
    perform pg_catalog.pg_sleep(case when wait then 0.02 else 0.002 end);
  end loop;
  -- A fresh snapshot taken after the lock: every transaction with an xid below
  -- its xmin has finished, so its events are all visible now (or it aborted).
  -- The xmin is cluster-wide: one long transaction anywhere (another database, an
  -- idle psql) holds it back. So events above it are sealed too once their own
  -- transaction has committed (pg_xact_status); the anti-join keeps them from
  -- being sealed twice. Chain order is seal order, which need not be xid order.
  select pg_catalog.pg_snapshot_xmin(pg_catalog.pg_current_snapshot()) into hi;
  prev := st.last_hash;
  v_front := st.frontier;
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
    v_text := pg_catalog.convert_to(r.t, 'UTF8');
    prev := pg_catalog.sha256(prev || v_text);
    hashes[n] := prev;
    -- The tree: the leaf, then one node per trailing zero bit of its seq.
    v_node := pg_catalog.sha256(c_leaf || v_text);
    v_nodes := v_node;
    v_k := st.last_seq + n;
    while v_k & 1 = 0 loop
      v_len := pg_catalog.length(v_front);
      v_node := pg_catalog.sha256(c_node || pg_catalog.substr(v_front, v_len - 31, 32) || v_node);
      v_front := pg_catalog.substr(v_front, 1, v_len - 32);
      v_nodes := v_nodes || v_node;
      v_k := v_k >> 1;
    end loop;
    v_front := v_front || v_node;
    nodes[n] := v_nodes;
  end loop;
  if n > 0 then
    insert into inquest_audit.seal (seq, event_id, prev_hash, hash)
    select st.last_seq + u.o, u.i, u.p, u.h
      from unnest(ids, prevs, hashes) with ordinality as u(i, p, h, o);
    insert into inquest_audit.tree (seq, nodes)
    select st.last_seq + u.o, u.x
      from unnest(nodes) with ordinality as u(x, o);
  end if;
  update inquest_private.seal_state
     set sealed_below = greatest(st.sealed_below, hi), last_seq = st.last_seq + n, last_hash = prev,
         frontier = v_front;
  -- From here on this backend's lock is not in use: a statement that goes on holding
  -- it is terminated by the next sealer after the grace period.
  perform pg_catalog.pg_advisory_xact_lock_shared(1399611717,
    inquest_private.seal_statement_mark(pg_catalog.statement_timestamp()));
  return n;
end
$$;
revoke execute on function inquest_audit.seal(boolean) from public;
grant execute on function inquest_audit.seal(boolean)
  to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

------------------------------------------------------------------------------
-- 2. No forged appends
------------------------------------------------------------------------------
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
revoke execute on function inquest_private.write_event(text, text, bigint, text, jsonb, jsonb) from public;

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
create function inquest_private.guard_audit_append() returns trigger
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
revoke execute on function inquest_private.guard_audit_append() from public;

create trigger inquest_append_guard before insert on inquest_audit.event
  for each statement execute function inquest_private.guard_audit_append(
    'inquest_private.audit_statement()', 'inquest_private.write_event(text,text,bigint,text,jsonb,jsonb)');
create trigger inquest_append_guard before insert on inquest_audit.seal
  for each statement execute function inquest_private.guard_audit_append('inquest_audit.seal(boolean)');
create trigger inquest_append_guard before insert on inquest_audit.tree
  for each statement execute function inquest_private.guard_audit_append('inquest_audit.seal(boolean)');
create trigger inquest_append_only before update or delete on inquest_audit.tree
  for each row execute function inquest_private.refuse_audit_change();
create trigger inquest_no_truncate before truncate on inquest_audit.tree
  for each statement execute function inquest_private.refuse_audit_change();
alter table inquest_audit.event enable always trigger inquest_append_guard;
alter table inquest_audit.seal enable always trigger inquest_append_guard;
alter table inquest_audit.tree enable always trigger inquest_append_guard, enable always trigger inquest_append_only,
  enable always trigger inquest_no_truncate;

------------------------------------------------------------------------------
-- 3. DDL that would stop the audit: refused, or recorded
------------------------------------------------------------------------------
-- What is wrong with the audit tables' own protection (nothing: no row).
create function inquest_private.audit_table_problems() returns table (table_name text, problem text)
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
revoke execute on function inquest_private.audit_table_problems() from public;

-- Records every DDL command on objects of the audited schemas, then refuses a state in
-- which the audit tables lost a guard.
-- SECURITY DEFINER: event triggers fire for everybody's DDL (an importer's temporary
-- table too), and only the owner may call write_event().
create function inquest_private.record_ddl() returns event_trigger
language plpgsql security definer
set search_path = pg_catalog, pg_temp
as $$
declare
  c record;
  p record;
begin
  for c in select * from pg_catalog.pg_event_trigger_ddl_commands() loop
    -- Objects in the audited schemas; policies and triggers name their table instead
    -- of a schema; GRANT/REVOKE name nothing (their statement is recorded, whatever
    -- it grants: privileges are rarely changed in an Inquest database).
    if c.schema_name in ('inquest', 'inquest_private', 'inquest_audit')
       or (c.schema_name is null and c.object_identity ~ ' on (inquest|inquest_private|inquest_audit)\.')
       or c.object_identity is null then
      perform inquest_private.write_event('ddl', c.object_identity, null, 'ddl', null,
        pg_catalog.jsonb_build_object('command', c.command_tag, 'object_type', c.object_type,
          'object', c.object_identity, 'in_extension', c.in_extension)
        || case when c.object_identity is null
                then pg_catalog.jsonb_build_object('statement', pg_catalog.left(pg_catalog.current_query(), 2000))
                else '{}'::jsonb end);
    end if;
  end loop;
  for p in select * from inquest_private.audit_table_problems() loop
    raise exception 'the audit table % would lose its protection: %', p.table_name, p.problem
      using errcode = '42501', detail = 'rule audit_tables_guarded: the audit tables keep their append guards and append-only triggers, ENABLE ALWAYS';
  end loop;
end
$$;

create function inquest_private.record_drop() returns event_trigger
language plpgsql security definer
set search_path = pg_catalog, pg_temp
as $$
declare
  d record;
begin
  for d in select * from pg_catalog.pg_event_trigger_dropped_objects() loop
    if d.schema_name = 'inquest_audit' and d.object_type = 'table' and d.object_name in ('event', 'seal', 'tree') then
      raise exception 'the audit table % cannot be dropped', d.object_identity
        using errcode = '42501', detail = 'rule audit_tables_guarded';
    end if;
    if d.original and d.schema_name in ('inquest', 'inquest_private', 'inquest_audit') then
      perform inquest_private.write_event('ddl', d.object_identity, null, 'ddl', null,
        pg_catalog.jsonb_build_object('command', tg_tag, 'object_type', d.object_type,
          'object', d.object_identity));
    end if;
  end loop;
end
$$;
revoke execute on function inquest_private.record_ddl(), inquest_private.record_drop() from public;

create event trigger inquest_record_ddl on ddl_command_end
  execute function inquest_private.record_ddl();
create event trigger inquest_record_drop on sql_drop
  execute function inquest_private.record_drop();
