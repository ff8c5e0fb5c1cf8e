-- 0026 The sealer's state says which transaction-id space its sealed_below counts in.
--
-- Transaction ids belong to a cluster. A pg_dump restored into another cluster (a fresh
-- one, for disaster recovery, is behind the source's counter) carried seal_state and the
-- events' txids over unchanged: seal() then took every new event, whose txid is below the
-- restored sealed_below, for sealed already (the log silently stopped growing), and a
-- pending event's txid ahead of this cluster's counter made it fail ("transaction ID …
-- is in the future").
--
-- cluster:    pg_control_system().system_identifier of the cluster of the last seal.
-- written_by: pg_current_xact_id() of the seal that wrote this row. A copy of the row
--             loaded by pg_restore has another xmin (the restoring transaction's), even
--             in a cluster with the same system identifier (a clone made by
--             pg_basebackup, then fed a dump from elsewhere).
-- A streaming standby promoted after a failover, and a point-in-time recovery, keep
-- both equal (same cluster lineage, same transaction-id space, same row version).
-- When either differs, or is NULL (a database from before this file), the next seal()
-- re-bases the state onto this cluster: see Schema/objects/audit/seal.sql.
alter table inquest_private.seal_state
  add column cluster bigint,
  add column written_by xid8;

comment on column inquest_private.seal_state.cluster is
  'system_identifier of the cluster whose transaction ids sealed_below counts (NULL: not yet known; the next seal re-bases).';
comment on column inquest_private.seal_state.written_by is
  'pg_current_xact_id() of the seal that wrote this row; a row whose xmin differs was copied in by a restore.';
