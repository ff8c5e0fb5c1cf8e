-- 0015: what pg_dump does not carry, re-applied after a restore (issue 15).
--
-- pg_dump of one database carries its tables, functions, grants, policies, event
-- triggers, and the grants on the pg_catalog views that 0011 revokes. It does not carry
-- the settings of roles in this database (ALTER ROLE ... IN DATABASE ... SET: the
-- session limits that 0013 gives every Inquest user) unless it runs with --create and
-- the database is restored under the same name. This function re-applies what is
-- missing: the default limits of every Inquest user who has none set in this database.
-- `inquest migrate` calls it after every run; where the settings are present it changes
-- nothing, so the restore procedure (pg_restore, then inquest migrate) repairs a
-- restored database. Limits an admin had changed come back as the defaults (the
-- user_limits events in the audit log say what they were); restore with
-- pg_dump --create / pg_restore --create to keep them. docs/replication.md.
create function inquest_private.reapply_database_settings() returns integer
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
declare
  u record;
  n integer := 0;
begin
  -- The users 0013 gave limits to: Inquest users without role attributes that make
  -- them administrators of the server.
  for u in select a.username from inquest_private.app_user a
             join pg_catalog.pg_roles r on r.rolname = a.username
            where not (r.rolsuper or r.rolbypassrls or r.rolcreaterole or r.rolreplication)
              and exists (select from inquest_private.default_user_limits() d
                           where inquest_private.user_limit(a.username, d.setting) is null)
            order by a.username
  loop
    perform inquest_private.apply_default_limits(u.username);
    n := n + 1;
  end loop;
  return n;
end
$$;
revoke execute on function inquest_private.reapply_database_settings() from public;
