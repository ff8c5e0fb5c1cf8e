-- Verifying the log in the database: the chain, the tree root, the head.
--
-- An object file: re-applied by every `inquest migrate`; edit the definition here (see
-- Schema/README.md). Numbers such as 0011 in comments name legacy schema files
-- (docs/schema-history.md).

-- The root of a tree from its right edge: the complete subtrees it splits into, highest
-- first, concatenated (32 bytes each), as seal_state.frontier keeps them. SHA-256 of the
-- empty string for no subtree (the empty tree).
create or replace function inquest_private.edge_root(p_edge bytea) returns bytea
language plpgsql immutable
set search_path = pg_catalog, pg_temp
as $$
declare
  v_count integer := pg_catalog.length(p_edge) / 32;
  v_root bytea;
begin
  if v_count = 0 then
    return pg_catalog.sha256(''::bytea);
  end if;
  v_root := pg_catalog.substr(p_edge, 32 * (v_count - 1) + 1, 32);
  for i in reverse v_count - 1 .. 1 loop
    v_root := inquest_audit.node_hash(pg_catalog.substr(p_edge, 32 * (i - 1) + 1, 32), v_root);
  end loop;
  return v_root;
end
$$;
revoke all on function inquest_private.edge_root(bytea) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- The root of the tree over the first p_size leaves, from the stored subtrees (O(log n)
-- rows); SHA-256 of the empty string for size 0. NULL when p_size is beyond the tree.
create or replace function inquest_audit.tree_root(p_size bigint) returns bytea
language plpgsql stable security definer
set search_path = pg_catalog, pg_temp
as $$
declare
  v_start bigint := 0;
  v_level integer;
  v_width bigint;
  v_edge bytea := '';
  v_node bytea;
begin
  if p_size is null or p_size < 0 then
    return null;
  end if;
  for v_level in reverse 62 .. 0 loop
    v_width := (1::bigint << v_level);
    if p_size & v_width <> 0 then
      select pg_catalog.substr(t.nodes, 32 * v_level + 1, 32) into v_node
        from inquest_audit.tree_nodes t where t.seq = v_start + v_width;
      if v_node is null or pg_catalog.length(v_node) <> 32 then
        return null;
      end if;
      v_edge := v_edge || v_node;
      v_start := v_start + v_width;
    end if;
  end loop;
  return inquest_private.edge_root(v_edge);
end
$$;
revoke all on function inquest_audit.tree_root(bigint) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_audit.tree_root(bigint) to inquest_auditor, inquest_admin;

-- Recomputes the log in one pass: the hash chain of the format 1 events (the prefix
-- 1 .. V), and the leaf hash each format 2 event keeps (its first 32 bytes of nodes).
-- Returns the first bad sequence number (content changed, hash or link wrong, event
-- missing, seq missing, a chained event after an unchained one) or NULL when all holds.
-- The inner tree nodes are checked by `inquest audit verify`, which rebuilds the tree. A
-- rewrite with recomputed hashes, or a truncation of the newest events, needs a signed
-- checkpoint to be detected (docs/audit-format.md).
create or replace function inquest_audit.verify() returns bigint
language plpgsql stable security definer
set search_path = pg_catalog, pg_temp
as $$
declare
  prev bytea := pg_catalog.decode(pg_catalog.repeat('00', 32), 'hex');
  expect bigint := 1;
  unchained boolean := false;
  r record;
begin
  for r in
    select s.seq, s.prev_hash, s.hash, s.nodes, e.id is null as missing,
           inquest_audit.canonical_text(s.seq, e.id, e.occurred_at, e.txid, e.login, e.actor,
             e.table_name, e.record_key, e.case_id, e.operation, e.old_values, e.new_values) as t
      from inquest_audit.seal s
      left join inquest_audit.event e on e.id = s.event_id
     order by s.seq
  loop
    if r.seq <> expect then
      return expect;
    end if;
    if r.missing then
      return r.seq;
    end if;
    if r.hash is not null then
      -- The chain is a prefix: it cannot start again after an unchained event.
      if unchained or r.prev_hash <> prev or r.hash <> pg_catalog.sha256(prev || pg_catalog.convert_to(r.t, 'UTF8')) then
        return r.seq;
      end if;
      prev := r.hash;
    else
      unchained := true;
      if r.nodes is null
         or pg_catalog.substr(r.nodes, 1, 32) <> inquest_audit.leaf_hash(r.t) then
        return r.seq;
      end if;
    end if;
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
revoke all on function inquest_audit.verify() from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_audit.verify() to inquest_auditor, inquest_admin;

-- The head of the log: origin (this log's identity), last sequence number, and the
-- Merkle tree root over the events up to it (hex; for seq 0, the root of the empty tree,
-- SHA-256 of nothing). The root is folded from the sealer's right edge (at most 64 hashes,
-- no table read; every proof and checkpoint asks for the head); if the seal rows no longer
-- end where the sealer left them, from the stored nodes instead.
create or replace function inquest_audit.head(out origin text, out seq bigint, out hash text)
language plpgsql stable security definer
set search_path = pg_catalog, pg_temp
as $$
declare
  st inquest_private.seal_state;
  v_root bytea;
begin
  select s.log_origin into origin from inquest_private.secret s;
  seq := coalesce((select x.seq from inquest_audit.seal x order by x.seq desc limit 1), 0);
  select * into st from inquest_private.seal_state;
  if st.last_seq = seq and inquest_private.bit_count(seq) = coalesce(pg_catalog.length(st.frontier), 0) / 32 then
    v_root := inquest_private.edge_root(coalesce(st.frontier, ''::bytea));
  else
    v_root := inquest_audit.tree_root(seq);
  end if;
  hash := pg_catalog.encode(v_root, 'hex');
end
$$;
revoke all on function inquest_audit.head() from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_audit.head() to inquest_auditor, inquest_admin;
