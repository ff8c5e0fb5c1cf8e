-- 0027 Two fewer b-trees to update for every audit event (issue 14: audited writes).
--
-- Every audited statement inserts into inquest_audit.event, which had six b-trees. What
-- reads each one:
--   event_pkey (id)                 seal, the log and export views (join on event_id)
--   event_txid (txid)               seal(): the pending events, txid >= sealed_below
--   event_record_key (record_key, id) `audit history KEY`, `audit log --record`, reconstruction
--   event_case_id (case_id, id)     `audit log --case`
--   event_actor (actor, id)         nothing: `audit log --actor X` asks for
--                                   actor = X or login = X, and login has no index, so the
--                                   planner scans the table whatever this index holds
--   event_occurred_at (occurred_at) `audit log --since/--until`
-- event_actor goes. occurred_at is written by clock_timestamp() as the event is inserted,
-- so it rises with the table's physical order: a BRIN index finds a time window as well
-- (a bitmap of block ranges, rechecked), and costs an insert almost nothing (the block
-- range being filled has no summary until autovacuum makes it; autosummarize asks for it
-- as soon as a range is full).
drop index inquest_audit.event_actor;
drop index inquest_audit.event_occurred_at;
create index event_occurred_at on inquest_audit.event using brin (occurred_at) with (autosummarize = on);
