-- The sealer: sequences queued events into the hash chain and the Merkle tree; nobody can
-- stall it (a holder of its lock that is not sealing is terminated, on record).
--
-- An object file: re-applied by every `inquest migrate`; edit the definition here (see
-- Schema/README.md). Numbers such as 0011 in comments name legacy schema files
-- (docs/schema-history.md).

-- A marker that a seal() call has returned within the statement that started at `ts`:
-- a transaction-level shared advisory lock (classid 1399611717 = 'SEAL' in ASCII,
-- objid = the statement's start in microseconds modulo 2^31), visible to every backend
-- in pg_locks. Anybody can take such a lock, but it only ever makes its holder look
-- finished (and so terminable), never busy; transaction-level advisory locks cannot be
-- released before the transaction ends.
create or replace function inquest_private.seal_statement_mark(ts timestamptz) returns integer
language sql immutable parallel safe
set search_path = pg_catalog, pg_temp
as $$ select ((extract(epoch from ts) * 1000000)::bigint % 2147483648)::integer $$;
revoke all on function inquest_private.seal_statement_mark(timestamp with time zone) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- The backends holding seal_state's row lock (normally one), read fresh, with what
-- seal() needs to judge them. The locker is found from the row's xmax; when that does
-- not name a running transaction (a multixact, after a savepoint), every other backend
-- holding a lock on seal_state is a candidate. A prepared transaction has no backend.
create or replace function inquest_private.seal_lock_holders()
returns table (pid integer, login name, state text, wait_event text, xact_start timestamptz,
               query_start timestamptz, plain_seal boolean, seal_returned boolean, prepared_gid text)
language plpgsql volatile
set search_path = pg_catalog, pg_temp
as $$
declare
  v_xmax xid;
  v_pids integer[];
  v_gid text;
begin
  -- pg_stat_activity is otherwise read once per transaction and kept.
  perform pg_catalog.pg_stat_clear_snapshot();
  select s.xmax into v_xmax from inquest_private.seal_state s;
  select array_agg(l.pid) into v_pids from pg_catalog.pg_locks l
   where l.locktype = 'transactionid' and l.transactionid = v_xmax and l.granted and l.mode = 'ExclusiveLock'
     and l.pid is not null;
  if v_pids is null then
    select p.gid into v_gid from pg_catalog.pg_prepared_xacts p where p.transaction = v_xmax;
    if v_gid is not null then
      return query select null::integer, null::name, null::text, null::text, null::timestamptz, null::timestamptz,
                          false, false, v_gid;
      return;
    end if;
    select array_agg(distinct l.pid) into v_pids from pg_catalog.pg_locks l
     where l.locktype = 'relation' and l.relation = 'inquest_private.seal_state'::regclass
       and l.database = (select d.oid from pg_catalog.pg_database d where d.datname = pg_catalog.current_database())
       and l.granted and l.pid <> pg_catalog.pg_backend_pid();
  end if;
  return query
    select a.pid, a.usename, a.state, a.wait_event, a.xact_start, a.query_start,
           -- A statement that does nothing but call seal(): it ends when seal() does.
           coalesce(a.query ~* '^\s*select\s+(\*\s+from\s+)?inquest_audit\.seal\s*\(\s*((wait\s*=>\s*)?(\$1|true|false))?\s*\)(\s+(as\s+)?[a-z_]+)?\s*;?\s*$', false),
           exists (select from pg_catalog.pg_locks l
                    where l.pid = a.pid and l.locktype = 'advisory' and l.granted
                      and l.classid = 1399611717::oid and l.objsubid = 2
                      and l.objid = inquest_private.seal_statement_mark(a.query_start)::oid),
           null::text
      from pg_catalog.pg_stat_activity a
     where a.pid = any (v_pids);
end
$$;
revoke all on function inquest_private.seal_lock_holders() from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- Whether a backend judged a moment ago is still in that transaction (same start), and
-- that transaction holds a lock on seal_state. Checked again right before terminating:
-- the holder read from xmax may have committed meanwhile and moved on to other work
-- (another write, another seal), which must not be what gets terminated.
create or replace function inquest_private.seal_holder_unchanged(p_pid integer, p_xact_start timestamptz) returns boolean
language plpgsql volatile
set search_path = pg_catalog, pg_temp
as $$
begin
  perform pg_catalog.pg_stat_clear_snapshot();
  return exists (select from pg_catalog.pg_stat_activity a where a.pid = p_pid and a.xact_start = p_xact_start)
     and exists (select from pg_catalog.pg_locks l
                  where l.pid = p_pid and l.granted and l.locktype = 'relation'
                    and l.relation = 'inquest_private.seal_state'::regclass
                    and l.database = (select d.oid from pg_catalog.pg_database d where d.datname = pg_catalog.current_database()));
end
$$;
revoke all on function inquest_private.seal_holder_unchanged(integer,timestamp with time zone) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- seal() as in 0013 (same lock handling, order), writing format 2 (Schema/0028): each event
-- sealed gets one seal row holding its tree nodes (its leaf hash, then the subtrees it
-- completes), and the new right edge goes to seal_state.frontier. The hash chain of format
-- 1 ends where 0028 found it (docs/audit-format.md, section 3): the tree's root covers every
-- event, and the chain cost a second SHA-256 of every event's text.
--
-- Per event, the executor computes the canonical text and the leaf hash in the query, and
-- two array elements are set; the tree's inner nodes (about one per event) are hashed a
-- level at a time, each kept with the leaf that completes it; one INSERT writes the rows.
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
  st inquest_private.seal_state;
  hi xid8;
  v_snap pg_catalog.pg_snapshot;
  v_cluster bigint;
  v_row_xmin xid;
  v_rebase boolean;
  v_own xid8;
  v_after bigint;
  n integer := 0;
  ids bigint[] := '{}';
  leaves bytea[] := '{}';
  v_front bytea;
  v_level bytea[];       -- the new subtrees of height k
  v_next bytea[];
  v_first bytea;         -- the frontier's subtree of height k, when the old size has one
  v_p integer;           -- 1 when it has
  v_node bytea;
  tails bytea[];         -- [i]: the subtrees of height 1 up that leaf v_base + i completes
  v_row bigint;
  v_last bytea[] := '{}'; -- [k + 1]: the last subtree of height k
  v_pairs integer;
  k integer;
  v_base bigint;
  v_top bigint;
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
  -- Events of transactions that started after this snapshot (txid >= its xmax) wait for
  -- the next seal: sealed_below never passes them (it moves to the xmin at most).
  v_snap := pg_catalog.pg_current_snapshot();
  hi := pg_catalog.pg_snapshot_xmin(v_snap);
  -- Transaction ids belong to a cluster (Schema/0026). A state written by a seal in
  -- another cluster, or copied in by pg_restore (the row's xmin is not the xid of the
  -- seal that wrote it), counts sealed_below, and the restored events' txids, in
  -- another transaction-id space: compared with this cluster's they are meaningless
  -- (newer events below sealed_below, "transaction ID is in the future"). Then this seal
  -- re-bases: it seals every pending event it can see, whatever its txid, and moves
  -- sealed_below to this cluster's xmin. That is safe because of what it can see: a
  -- visible event belongs to a committed transaction, or to this one (left for later);
  -- a restored event was committed by the restore; and every event it cannot see
  -- belongs to a transaction of this cluster that had not committed at its snapshot,
  -- whose xid is at least that snapshot's xmin, so at least the new sealed_below. The
  -- pending events it must find: those of the source (txid >= the restored
  -- sealed_below, the invariant of the source's sealer) and those written here since
  -- the restore (their ids come after every id of the dump, so after every sealed
  -- event's). A promoted standby and a point-in-time recovery keep the same cluster
  -- and row version, and seal as before.
  v_cluster := (pg_catalog.pg_control_system()).system_identifier;
  select s.xmin into v_row_xmin from inquest_private.seal_state s;
  v_rebase := st.cluster is distinct from v_cluster
              or st.written_by is null or v_row_xmin is distinct from pg_catalog.xid(st.written_by);
  v_own := pg_catalog.pg_current_xact_id();
  -- The pending events in seal order (o: 1, 2, ...), each with its leaf hash (the
  -- canonical text at its seq, docs/audit-format.md section 3). Two queries rather than one
  -- with both conditions: each keeps a plan of its own across calls (one with both needs a
  -- new plan every call, or scans every event).
  if v_rebase then
    select coalesce(max(s.event_id), 0) into v_after from inquest_audit.seal s;
    for r in
      select e.id, row_number() over w as o,
             inquest_audit.leaf_hash(inquest_audit.canonical_text(st.last_seq + row_number() over w, e.id, e.occurred_at,
               e.txid, e.login, e.actor, e.table_name, e.record_key, e.case_id, e.operation, e.old_values, e.new_values)) as leaf
        from inquest_audit.event e
       where (e.txid >= st.sealed_below or e.id > v_after)
         and e.txid <> v_own
         and not exists (select from inquest_audit.seal s where s.event_id = e.id)
      window w as (order by e.txid, e.id)
       order by e.txid, e.id
    loop
      ids[r.o] := r.id;
      leaves[r.o] := r.leaf;
    end loop;
  else
    for r in
      select e.id, row_number() over w as o,
             inquest_audit.leaf_hash(inquest_audit.canonical_text(st.last_seq + row_number() over w, e.id, e.occurred_at,
               e.txid, e.login, e.actor, e.table_name, e.record_key, e.case_id, e.operation, e.old_values, e.new_values)) as leaf
        from inquest_audit.event e
       where e.txid >= st.sealed_below and e.txid < pg_catalog.pg_snapshot_xmax(v_snap)
         and (e.txid < hi or pg_catalog.pg_xact_status(e.txid) = 'committed')
         and not exists (select from inquest_audit.seal s where s.event_id = e.id)
      window w as (order by e.txid, e.id)
       order by e.txid, e.id
    loop
      ids[r.o] := r.id;
      leaves[r.o] := r.leaf;
    end loop;
  end if;
  n := pg_catalog.cardinality(ids);
  v_front := st.frontier;
  if n > 0 then
    -- The tree, a level at a time. The old size v_base has a subtree of height k in the
    -- frontier when its bit k is set (the frontier lists them highest first). E(k) is
    -- that subtree, if any, then the new subtrees of height k (the leaves for k = 0); its
    -- pairs are the new subtrees of height k + 1. The i-th of those (from 1) ends at leaf
    -- ((v_base >> (k + 1)) + i) << (k + 1), whose row keeps it.
    v_base := st.last_seq;
    v_top := v_base + n;
    tails := pg_catalog.array_fill(null::bytea, array[n]);
    v_level := leaves;
    k := 0;
    loop
      v_p := ((v_base >> k) & 1)::integer;
      if v_p = 1 then
        v_first := pg_catalog.substr(v_front, 32 * inquest_private.bit_count(v_base >> (k + 1)) + 1, 32);
      end if;
      v_last[k + 1] := v_level[pg_catalog.cardinality(v_level)];
      v_pairs := ((v_top >> (k + 1)) - (v_base >> (k + 1)))::integer;
      -- No new subtree of height k + 1 means none higher either.
      exit when v_pairs = 0;
      v_next := pg_catalog.array_fill(null::bytea, array[v_pairs]);
      for i in 1 .. v_pairs loop
        -- E(k)[2i - 1] and E(k)[2i], counting from 1.
        v_node := inquest_audit.node_hash(case when v_p = 1 and i = 1 then v_first else v_level[2 * i - 1 - v_p] end,
                                          v_level[2 * i - v_p]);
        v_next[i] := v_node;
        v_row := (((v_base >> (k + 1)) + i) << (k + 1)) - v_base;
        tails[v_row] := coalesce(tails[v_row], ''::bytea) || v_node;
      end loop;
      k := k + 1;
      v_level := v_next;
    end loop;
    -- The new frontier: the old one's subtrees above height k (the batch did not reach
    -- them), then, highest first, the last subtree of height j for each set bit j <= k of
    -- the new size (at each height, E(j)'s last is the newest subtree of that height).
    v_front := pg_catalog.substr(v_front, 1, 32 * inquest_private.bit_count(v_base >> (k + 1)));
    for j in reverse k .. 0 loop
      if (v_top >> j) & 1 = 1 then
        v_front := v_front || v_last[j + 1];
      end if;
    end loop;
    -- One row per event: its leaf hash, then the subtrees of height 1 up it completes.
    insert into inquest_audit.seal (seq, event_id, nodes)
    select v_base + u.o, u.id, u.leaf || coalesce(u.tail, ''::bytea)
      from unnest(ids, leaves, tails) with ordinality as u(id, leaf, tail, o);
  end if;
  update inquest_private.seal_state
     set sealed_below = case when v_rebase then hi else greatest(st.sealed_below, hi) end,
         last_seq = st.last_seq + n, frontier = v_front,
         cluster = v_cluster, written_by = v_own;
  -- From here on this backend's lock is not in use: a statement that goes on holding
  -- it is terminated by the next sealer after the grace period.
  perform pg_catalog.pg_advisory_xact_lock_shared(1399611717,
    inquest_private.seal_statement_mark(pg_catalog.statement_timestamp()));
  return n;
end
$$;
revoke all on function inquest_audit.seal(boolean) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_audit.seal(boolean) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- Only seal() appends to seal (append_guard.sql): its guard is made from its source as
-- defined above. Nothing appends to tree any more (it holds the nodes of format 1 seals,
-- Schema/0028): its guard allows no statement.
select inquest_private.make_append_guard('inquest_audit.seal', array['inquest_audit.seal(boolean)']::regprocedure[]);
select inquest_private.make_append_guard('inquest_audit.tree', array[]::regprocedure[]);
