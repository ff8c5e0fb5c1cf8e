-- 0001 Foundation: the namespaces and extensions every later step builds on.
--
--   inquest          case data that users read and write (every table enrolled in
--                    row-level security and the audit trail; see 0002)
--   inquest_private  internals: security-definer helpers, secrets, bookkeeping
--   inquest_audit    the append-only, hash-chained event log
--   inquest_ext      extensions, kept out of `public` so that nothing a user can
--                    create there shadows them; code schema-qualifies every call.
--
-- PUBLIC loses its default CREATE right on `public` (PostgreSQL 15 already does
-- this for new databases; an upgraded one may not), so no login can plant objects
-- that a careless search_path would pick up.

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
