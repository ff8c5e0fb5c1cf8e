-- Who is acting: the one identity function every policy, default and audit event uses.
--
-- An object file: re-applied by every `inquest migrate`; edit the definition here (see
-- Schema/README.md). Numbers such as 0011 in comments name legacy schema files
-- (docs/schema-history.md).

-- The acting role (see the header). Plain SQL, no privileges involved.
create or replace function inquest_private.current_actor() returns name
language sql stable parallel safe
set search_path = pg_catalog, pg_temp
as $$ select coalesce(nullif(pg_catalog.current_setting('role'), 'none'), session_user)::name $$;
revoke all on function inquest_private.current_actor() from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.current_actor() to public;
