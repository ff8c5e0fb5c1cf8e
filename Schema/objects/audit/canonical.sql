-- The canonical text of an audit event and the RFC 9162 leaf and node hashes
-- (docs/audit-format.md: an independent verifier computes exactly these).
--
-- An object file: re-applied by every `inquest migrate`; edit the definition here (see
-- Schema/README.md). Numbers such as 0011 in comments name legacy schema files
-- (docs/schema-history.md).

-- The canonical text of an event at a given sequence number: the exact bytes
-- (UTF-8) hashed into the chain. docs/audit-format.md specifies it; this function
-- is the reference, used by seal() and verify(). Thirteen lines, each ending in
-- LF: a version tag, then seq, id, time (UTC, microseconds), txid, login, actor,
-- table, key, case id, operation, old, new. NULL is \N; in every value "\" is
-- written "\\", LF "\n" and CR "\r". jsonb values in PostgreSQL's jsonb text form.
-- One field value in canonical form. Inlined by the planner (no SET clause, so
-- that seal() and verify() stay fast); every call inside is schema-qualified.
create or replace function inquest_audit.canonical_field(v text) returns text
language sql immutable parallel safe
as $$
  select coalesce(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(v, '\', '\\'), E'\n', '\n'), E'\r', '\r'), '\N')
$$;
revoke all on function inquest_audit.canonical_field(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_audit.canonical_field(text) to inquest_auditor, inquest_admin;

create or replace function inquest_audit.canonical_text(
  p_seq bigint, p_id bigint, p_occurred_at timestamptz, p_txid xid8, p_login name, p_actor name,
  p_table_name text, p_record_key text, p_case_id bigint, p_operation text,
  p_old jsonb, p_new jsonb) returns text
language sql stable parallel safe
as $$
  select 'inquest-event-v1' || E'\n'
      || p_seq::text || E'\n'
      || p_id::text || E'\n'
      || pg_catalog.to_char(p_occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || E'\n'
      || p_txid::text || E'\n'
      || inquest_audit.canonical_field(p_login::text) || E'\n'
      || inquest_audit.canonical_field(p_actor::text) || E'\n'
      || inquest_audit.canonical_field(p_table_name) || E'\n'
      || inquest_audit.canonical_field(p_record_key) || E'\n'
      || coalesce(p_case_id::text, '\N') || E'\n'
      || inquest_audit.canonical_field(p_operation) || E'\n'
      || inquest_audit.canonical_field(p_old::text) || E'\n'
      || inquest_audit.canonical_field(p_new::text) || E'\n'
$$;
revoke all on function inquest_audit.canonical_text(bigint,bigint,timestamp with time zone,xid8,name,name,text,text,bigint,text,jsonb,jsonb) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_audit.canonical_text(bigint,bigint,timestamp with time zone,xid8,name,name,text,text,bigint,text,jsonb,jsonb) to inquest_auditor, inquest_admin;

-- The leaf hash of a canonical text, and a node hash (RFC 9162 section 2.1.1). Both are
-- inlined where they are called (seal(), verify()): leaf_hash is STABLE as convert_to() is,
-- since PostgreSQL does not inline a function declared more stable than its body.
create or replace function inquest_audit.leaf_hash(p_canonical text) returns bytea
language sql stable parallel safe
as $$ select pg_catalog.sha256(pg_catalog.decode('00', 'hex') || pg_catalog.convert_to(p_canonical, 'UTF8')) $$;
revoke all on function inquest_audit.leaf_hash(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_audit.leaf_hash(text) to public;

create or replace function inquest_audit.node_hash(p_left bytea, p_right bytea) returns bytea
language sql immutable parallel safe
as $$ select pg_catalog.sha256(pg_catalog.decode('01', 'hex') || p_left || p_right) $$;
revoke all on function inquest_audit.node_hash(bytea,bytea) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_audit.node_hash(bytea,bytea) to public;

-- The number of set bits of a tree size: how many subtrees its right edge (seal_state's
-- frontier) holds. Inlined into seal() (no SET clause).
create or replace function inquest_private.bit_count(p_size bigint) returns integer
language sql immutable parallel safe
as $$ select pg_catalog.bit_count(p_size::bit(64))::integer $$;
revoke all on function inquest_private.bit_count(bigint) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
