-- 0001 Foundation: the namespaces, extensions and group roles that every later step,
-- and every object file (Schema/objects), builds on. Nothing here needs a function.
--
--   inquest          case data that users read and write (every table enrolled in
--                    row-level security and the audit trail as it is created: see
--                    objects/early/enrolment.sql)
--   inquest_private  internals: security-definer helpers, secrets, bookkeeping
--   inquest_audit    the append-only, hash-chained event log
--   inquest_ext      extensions, kept out of `public` so that nothing a user can
--                    create there shadows them; code schema-qualifies every call.
--
-- PUBLIC loses its default CREATE right on `public` (PostgreSQL 15 already does
-- this for new databases; an upgraded one may not), so no login can plant objects
-- that a careless search_path would pick up.
--
-- Identity. The acting role is the role set by SET ROLE, or else the login role:
--   inquest_private.current_actor() = coalesce(nullif(current_setting('role'), 'none'), session_user)
-- Both parts are unforgeable by a non-superuser: session_user changes only through
-- SET SESSION AUTHORIZATION (superuser only), and the `role` setting -- whether by
-- SET ROLE or set_config('role', ...) -- is checked for membership by the server.
-- For a top-level statement this is exactly current_user; unlike current_user it
-- keeps naming the human inside SECURITY DEFINER functions (where current_user is
-- the function owner). No other setting (app.*) is ever read for identity.
--
-- Ownership. Every object belongs to the role that runs the migrations (the
-- superuser `postgres` in our scripts). Application roles own nothing; they are
-- never superuser or BYPASSRLS. Every table in `inquest` has FORCE ROW LEVEL
-- SECURITY, plus a policy that admits the owner, so that SECURITY DEFINER helpers
-- keep working even if a non-superuser owner is ever used (pitfall 2).

revoke create on schema public from public;

create schema inquest_ext;
create extension if not exists pgcrypto with schema inquest_ext;   -- hmac() for keyed redaction
create extension if not exists pg_trgm with schema inquest_ext;    -- name search
create extension if not exists unaccent with schema inquest_ext;   -- name folding
create extension if not exists btree_gist with schema inquest_ext; -- exclusion on date ranges

create schema inquest;
create schema inquest_private;
create schema inquest_audit;

revoke all on schema inquest_private from public;
revoke all on schema inquest_audit from public;

comment on schema inquest is 'Case records. Every table here is under forced row-level security and audited.';
comment on schema inquest_private is 'Internals of Inquest; not for direct use.';
comment on schema inquest_audit is 'Append-only, hash-chained audit events.';

-- Group roles (cluster-wide, so created only when missing).
do $roles$
declare
  r text;
begin
  foreach r in array array['inquest_admin', 'inquest_investigator', 'inquest_auditor', 'inquest_cleared'] loop
    if not exists (select from pg_catalog.pg_roles where rolname = r) then
      execute format('create role %I nologin', r);
    end if;
    -- Re-assert the attributes even when the role already existed.
    execute format('alter role %I nologin nosuperuser nocreatedb nocreaterole noreplication nobypassrls', r);
  end loop;
end
$roles$;

comment on role inquest_admin is 'Inquest administrators: cases, users, assignments.';
comment on role inquest_investigator is 'Inquest investigators: read and write the cases they are assigned to.';
comment on role inquest_auditor is 'Inquest auditors: read everything but protected identities, and the audit log; write nothing.';
comment on role inquest_cleared is 'Clearance to reveal protected identities in assigned cases (inquest.reveal_identity).';

-- USAGE only: the private and audit schemas hold functions the groups call; their
-- tables grant nothing, except read access to the log for auditors and admins.
grant usage on schema inquest, inquest_private, inquest_audit, inquest_ext
  to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- Functions created from now on in our schemas are not executable by PUBLIC
-- unless granted explicitly (every object file also says so for each function).
alter default privileges in schema inquest, inquest_private, inquest_audit revoke execute on functions from public;
