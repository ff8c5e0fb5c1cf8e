-- Objects that no object file defines any more. Removing a definition from its file
-- does not remove the object from databases that have it: add its drop here (with
-- `if exists`, so that a fresh database passes too) in the same change. Keep entries
-- for as long as a database from before the removal may still be migrated.
--
-- (none yet)
select 1 where false;
