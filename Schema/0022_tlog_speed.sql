-- 0022: the verifiable log's speed (issue 11): seal() maintains the Merkle tree with
-- less work per event.
--
-- Replaced: inquest_audit.seal(boolean) (last in 0016). Same lock handling, same order,
-- same chain, same tree rows, same right edge, same grants; only the loop is leaner:
--   * the query converts each canonical text to bytes once and computes its leaf hash
--     (SHA-256(0x00 || text)) itself, instead of two PL/pgSQL statements per event;
--   * the right edge is a bytea[] stack during the call (push and pop by index) instead
--     of a bytea cut with substr() and grown with ||, and odd seqs (half of all events,
--     which complete no subtree) take one branch with no loop;
--   * seal_state.frontier keeps its format (the concatenated edge, largest subtree first).
-- The append guard (0016) compares an inserting statement with the source of
-- inquest_audit.seal(boolean) as it is now, so the two INSERTs below are allowed exactly
-- as before and nothing else is.
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
  v_stack bytea[];     -- the right edge: roots of complete subtrees, largest first
  v_depth integer;     -- its length
  v_seq bigint;
  v_node bytea;
  v_nodes bytea;
  v_k bigint;
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
  v_depth := pg_catalog.length(st.frontier) / 32;
  v_stack := array(select pg_catalog.substr(st.frontier, 32 * i + 1, 32) from pg_catalog.generate_series(0, v_depth - 1) i order by i);
  v_seq := st.last_seq;
  -- The canonical text is converted once, and its leaf hash computed, by the query
  -- itself; the loop keeps only what depends on the previous event: the chain, and the
  -- subtrees each leaf completes (one per trailing zero bit of its seq: none for odd ones).
  for r in
    select x.id, x.b, pg_catalog.sha256(c_leaf || x.b) as leaf
      from (select e.id, e.txid,
                   pg_catalog.convert_to(inquest_audit.canonical_text(st.last_seq + row_number() over (order by e.txid, e.id), e.id,
                     e.occurred_at, e.txid, e.login, e.actor, e.table_name, e.record_key, e.case_id,
                     e.operation, e.old_values, e.new_values), 'UTF8') as b
              from inquest_audit.event e
             where e.txid >= st.sealed_below
               and (e.txid < hi or pg_catalog.pg_xact_status(e.txid) = 'committed')
               and not exists (select from inquest_audit.seal s where s.event_id = e.id)
             order by e.txid, e.id) x
     order by x.txid, x.id
  loop
    n := n + 1;
    ids[n] := r.id;
    prevs[n] := prev;
    prev := pg_catalog.sha256(prev || r.b);
    hashes[n] := prev;
    v_seq := v_seq + 1;
    if v_seq & 1 = 1 then
      nodes[n] := r.leaf;
      v_depth := v_depth + 1;
      v_stack[v_depth] := r.leaf;
    else
      v_node := r.leaf;
      v_nodes := r.leaf;
      v_k := v_seq;
      loop
        v_node := pg_catalog.sha256(c_node || v_stack[v_depth] || v_node);
        v_nodes := v_nodes || v_node;
        v_depth := v_depth - 1;
        v_k := v_k >> 1;
        exit when v_k & 1 = 1;
      end loop;
      nodes[n] := v_nodes;
      v_depth := v_depth + 1;
      v_stack[v_depth] := v_node;
    end if;
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
         frontier = coalesce((select pg_catalog.string_agg(u.h, ''::bytea order by u.o)
                                from unnest(v_stack[1:v_depth]) with ordinality as u(h, o)), ''::bytea);
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
