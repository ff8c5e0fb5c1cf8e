-- The read views of the audit log (security_invoker, like every view).
--
-- An object file: re-applied by every `inquest migrate`; edit the definition here (see
-- Schema/README.md). Numbers such as 0011 in comments name legacy schema files
-- (docs/schema-history.md).

-- Sealed events, typed, for `audit log` and `audit show`. hash: the chain hash of a format 1
-- event, the leaf hash of a format 2 event (whose prev_hash is null; docs/audit-format.md).
create or replace view inquest_audit.log with (security_invoker = true) as
select s.seq, e.id as event_id, e.occurred_at, e.txid, e.login, e.actor, e.table_name, e.record_key,
       e.case_id, e.operation, e.old_values, e.new_values,
       pg_catalog.encode(s.prev_hash, 'hex') as prev_hash,
       pg_catalog.encode(coalesce(s.hash, pg_catalog.substr(s.nodes, 1, 32)), 'hex') as hash
  from inquest_audit.seal s
  join inquest_audit.event e on e.id = s.event_id;
revoke all on inquest_audit.log from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant select on inquest_audit.log to inquest_auditor, inquest_admin;

-- Sealed events exactly as the export (JSON lines) carries them: every value is
-- the text that enters the canonical form. Order by seq.
create or replace view inquest_audit.export with (security_invoker = true) as
select s.seq, e.id,
       pg_catalog.to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as occurred_at,
       e.txid::text as txid, e.login::text as login, e.actor::text as actor, e.table_name, e.record_key,
       e.case_id, e.operation, e.old_values::text as old_values, e.new_values::text as new_values,
       pg_catalog.encode(s.prev_hash, 'hex') as prev_hash,
       pg_catalog.encode(coalesce(s.hash, pg_catalog.substr(s.nodes, 1, 32)), 'hex') as hash
  from inquest_audit.seal s
  join inquest_audit.event e on e.id = s.event_id;
revoke all on inquest_audit.export from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant select on inquest_audit.export to inquest_auditor, inquest_admin;

-- Events not sealed yet (their transaction is still running, or no seal() since).
create or replace view inquest_audit.pending with (security_invoker = true) as
select e.* from inquest_audit.event e
 where not exists (select from inquest_audit.seal s where s.event_id = e.id);
revoke all on inquest_audit.pending from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant select on inquest_audit.pending to inquest_auditor, inquest_admin;

-- The stored Merkle tree nodes of every sealed event (row seq: its leaf hash, then the
-- subtrees of height 1 up its leaf completes): in seal.nodes since format 2 (Schema/0028),
-- in inquest_audit.tree before.
create or replace view inquest_audit.tree_nodes with (security_invoker = true) as
select s.seq, s.nodes from inquest_audit.seal s where s.nodes is not null
union all
select t.seq, t.nodes from inquest_audit.tree t;
revoke all on inquest_audit.tree_nodes from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant select on inquest_audit.tree_nodes to inquest_auditor, inquest_admin;
