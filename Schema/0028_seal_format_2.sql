-- 0028 Audit log format 2: the Merkle tree alone covers the events sealed from here on
-- (issue 11: sealing with the tree maintained at 80% of chain-only sealing).
--
-- Format 1 sealed every event twice: a link of the hash chain (SHA-256 of the previous
-- hash and the event's canonical text) and a leaf of the Merkle tree (SHA-256 of the same
-- text), and wrote two rows (seal, tree). The tree's root, signed in checkpoints,
-- commits to every event and its order just as the chain's head did, and its proofs are
-- O(log n), so the chain only cost a second hash of every text.
--
-- From this migration on, seal() writes one row per event, with the chain's columns null
-- and the tree nodes the event completes (what a tree row held) in `nodes`. The events
-- sealed before keep their chain (prev_hash, hash) and their tree rows: the chain is the
-- prefix 1 .. V of the log (V the last seq sealed before this migration, 0 on a new
-- database) and is verified as before. docs/audit-format.md, section 3, specifies both.
alter table inquest_audit.seal
  add column nodes bytea constraint seal_nodes_length check (length(nodes) % 32 = 0 and length(nodes) >= 32),
  alter column prev_hash drop not null,
  alter column hash drop not null,
  add constraint seal_one_format check (
    (prev_hash is null) = (hash is null) and (hash is null) = (nodes is not null));

comment on table inquest_audit.seal is
  'Sealed events: seq n seals event_id. Format 1 (before 0028): chained, hash = sha256(prev_hash || canonical text), tree nodes in inquest_audit.tree. Format 2: nodes holds its tree nodes; no chain. Append-only.';
comment on column inquest_audit.seal.nodes is
  'Format 2: the leaf hash of the event, then the subtrees of the Merkle tree its leaf completes (height 1 up), 32 bytes each.';
comment on table inquest_audit.tree is
  'The Merkle tree nodes of the events sealed in format 1 (0016 .. 0028): row seq holds the complete subtrees leaf seq completes. Closed: later events keep them in seal.nodes.';
comment on column inquest_private.seal_state.last_hash is
  'The hash of the last format 1 (chained) event: the chain ended at 0028, and this stays as it was.';
