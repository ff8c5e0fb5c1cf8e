-- 0002 Baseline: the tables of Inquest, with their constraints, indexes, grants and
-- seed rows, as the legacy files 0001..0020 left them (squashed in issue 16; their own
-- introductions, and the measurements behind some choices, are in
-- docs/schema-history.md). Functions, views, triggers, policies and event triggers are
-- not here: they live in Schema/objects and are re-applied by every migrate.
--
-- Every table created in schema inquest is enrolled as it is created, by the event
-- trigger of objects/early/enrolment.sql (applied before this file): forced row-level
-- security, the standard policies and grants, the audit triggers, and an index on
-- case_id when none leads with it. So the order here matters where a table's grants or
-- indexes are adjusted after its creation (person_name, protected_identity), and an
-- index that does not lead with case_id is refused unless investigators cannot read
-- its columns (the side-channel rule).
--
-- Conventions: Schema/README.md.
------------------------------------------------------------------------------
-- Internals
------------------------------------------------------------------------------
-- The identity of this log (the checkpoint "origin"). Readable by the owner only: no
-- grant, ever. (It held the one HMAC key of the redaction until 0012 of the legacy
-- migrations: one key made the hash an equality oracle, see redact().)
create table inquest_private.secret (
  singleton boolean primary key default true constraint secret_singleton check (singleton),
  log_origin text not null default 'inquest:' || gen_random_uuid()::text
);

insert into inquest_private.secret default values;

revoke all on inquest_private.secret from public;

-- Columns whose values never enter an audit event in clear: the trigger replaces
-- them with "hmac-sha256:<hex of HMAC-SHA-256(secret, value text)>". Keyed by
-- table name within schema inquest (text, not regclass, so dumps restore as is).
create table inquest_private.sensitive_column (
  table_name name not null,
  column_name name not null,
  primary key (table_name, column_name)
);

revoke all on inquest_private.sensitive_column from public;

------------------------------------------------------------------------------
-- The audit trail: queue first, sequence later
------------------------------------------------------------------------------
-- Writers append to inquest_audit.event from statement-level triggers: no lock,
-- no hash, no head row, so parallel writers never wait for each other and a bulk
-- COPY costs one INSERT ... SELECT over its transition table.
-- inquest_audit.seal() later takes the events of finished transactions, gives
-- them consecutive sequence numbers and chains their hashes into
-- inquest_audit.seal. Both tables are append-only. See docs/audit-format.md.
create table inquest_audit.event (
  id bigint generated always as identity primary key,
  occurred_at timestamptz not null default pg_catalog.clock_timestamp(),
  txid xid8 not null default pg_catalog.pg_current_xact_id(),
  login name not null default session_user,
  actor name not null,
  table_name text not null,
  record_key text,
  case_id bigint,
  -- One array constant rather than IN (...): PostgreSQL rebuilds every check of a table
  -- for every statement, and a constant array is one node to read, nothing to fold
  -- (docs/schema-history.md, 0010). This check is paid by every audited statement.
  operation text not null constraint event_operation_known check (operation = any (
    '{insert,update,delete,reveal,user_add,user_grant,user_revoke,user_disable,user_enable,user_password,'
    'user_limits,sealer_terminate,ddl,read,export,dossier}'::text[])),
  old_values jsonb,
  new_values jsonb
);

create index event_txid on inquest_audit.event (txid);

-- For the filters of `audit log` and for `audit history KEY` (record_key), so that they
-- stay fast at millions of events.
create index event_record_key on inquest_audit.event (record_key, id);

create index event_case_id on inquest_audit.event (case_id, id);

create index event_actor on inquest_audit.event (actor, id);

create index event_occurred_at on inquest_audit.event (occurred_at);

comment on table inquest_audit.event is
  'Audit events, appended by triggers (queue order = id). Sequenced and hash-chained by inquest_audit.seal().';

create table inquest_audit.seal (
  seq bigint primary key constraint seal_seq_positive check (seq > 0),
  event_id bigint not null constraint seal_event_once unique,
  prev_hash bytea not null constraint seal_prev_hash_length check (length(prev_hash) = 32),
  hash bytea not null constraint seal_hash_length check (length(hash) = 32)
);

comment on table inquest_audit.seal is
  'The hash chain: seq n seals event_id with hash = sha256(prev_hash || canonical text). Append-only.';

-- Sealer bookkeeping: every event whose txid < sealed_below is sealed (or belongs
-- to a transaction that aborted). One row, locked by seal() for its short run.
create table inquest_private.seal_state (
  singleton boolean primary key default true constraint seal_state_singleton check (singleton),
  sealed_below xid8 not null default '0',
  last_seq bigint not null default 0,
  last_hash bytea not null default pg_catalog.decode(pg_catalog.repeat('00', 32), 'hex'),
  -- The right edge of the Merkle tree: the roots of the complete subtrees that make up
  -- the first last_seq leaves, largest (leftmost) first, concatenated.
  frontier bytea not null default ''
);

insert into inquest_private.seal_state default values;

revoke all on inquest_private.seal_state from public;

revoke all on inquest_audit.event, inquest_audit.seal from public;

grant select on inquest_audit.event, inquest_audit.seal to inquest_auditor, inquest_admin;

-- The RFC 9162 Merkle tree over the sealed events, in seq order (docs/audit-format.md).
-- Row seq = s holds the complete subtrees that leaf s (index s - 1) completes: levels
-- 0 .. t, where t is the number of trailing zero bits of s, as (t + 1) concatenated
-- 32-byte hashes, level 0 (the leaf hash) first. The subtree at level L and index k
-- (leaves k*2^L .. (k+1)*2^L - 1) is therefore in row (k+1)*2^L at byte offset 32*L.
create table inquest_audit.tree (
  seq bigint primary key constraint tree_seq_positive check (seq > 0),
  nodes bytea not null constraint tree_nodes_length check (length(nodes) % 32 = 0 and length(nodes) >= 32)
);

comment on table inquest_audit.tree is
  'The RFC 9162 Merkle tree over the sealed events (0016): row seq holds the complete subtrees leaf seq completes. Append-only.';

revoke all on inquest_audit.tree from public;

grant select on inquest_audit.tree to inquest_auditor, inquest_admin;

------------------------------------------------------------------------------
-- Cases and assignments (enrolled by the event trigger as they are created)
------------------------------------------------------------------------------
create table inquest."case" (
  id bigint generated always as identity primary key,
  key text generated always as ('C-' || id) stored constraint case_key_unique unique,
  reference text not null
    constraint case_reference_format check (reference ~ '^[A-Z][A-Z0-9]{0,9}-[A-Z0-9]+(-[A-Z0-9]+)*$'),
  title text not null constraint case_title_not_blank check (btrim(title) <> ''),
  description text,
  status text not null default 'open' constraint case_status_valid check (status in ('open', 'closed')),
  created_at timestamptz not null default now(),
  closed_at timestamptz,
  read_audit boolean not null default false,
  constraint case_closed_at_matches_status check ((status = 'closed') = (closed_at is not null))
);

-- Unique references, through an opaque function of the reference: an index on the
-- reference itself could be walked by an investigator before row-level security
-- (Schema/objects/early/checks.sql, opaque_reference; the side-channel rule of
-- objects/early/enrolment.sql).
create unique index case_reference_unique on inquest."case" (inquest_private.opaque_reference(reference));

comment on table inquest."case" is 'A case (investigation). Key C-<id>; reference such as IR-1988.';

comment on constraint case_reference_format on inquest."case" is
  'An upper-case prefix, a hyphen, then upper-case letters and digits in hyphen-separated groups: IR-1988, UN-A-43-705.';

comment on column inquest."case".read_audit is
  'Record every read of this case''s records through inquest (operation read). Reads of protected persons are recorded whatever this says. Admins only.';

create table inquest.case_assignment (
  id bigint generated always as identity primary key,
  key text generated always as ('A-' || id) stored constraint case_assignment_key_unique unique,
  case_id bigint not null references inquest."case" (id),
  username name not null,
  assigned_by name not null default session_user,
  assigned_at timestamptz not null default now(),
  case_open boolean not null default true,
  -- (No unique (case_id, id): nothing references it, and a condition on case_id alone
  -- would count other cases' assignments, its columns not including the policy's username.)
  constraint case_assignment_once unique (case_id, username)
);

create index case_assignment_username on inquest.case_assignment (username, case_id) include (case_open);

comment on table inquest.case_assignment is
  'Which login role works on which case. Written by admins only; assigned_by/assigned_at/case_open are set by the server.';

comment on column inquest.case_assignment.case_open is
  'Mirror of the case''s status (open = true), kept by triggers; used by the investigator write policies.';

------------------------------------------------------------------------------
-- Users: PostgreSQL login roles managed by admins (objects/access/users.sql)
------------------------------------------------------------------------------
-- Passwords: the client computes the SCRAM-SHA-256 verifier itself (libpq's
-- PQencryptPasswordConn(conn, password, user, "scram-sha-256")) and passes only
-- the verifier. The server never receives the password, so neither statement
-- logging (log_statement, log_min_error_statement, auto_explain) nor an error
-- context can leak it; a verifier in a log is as sensitive as pg_authid (it
-- permits an offline guessing attack, not a login). Plain text is refused.
-- Users that were created here (so that a user with every group revoked can
-- still be managed).
create table inquest_private.app_user (
  username name primary key,
  created_at timestamptz not null default now(),
  created_by name not null
);

revoke all on inquest_private.app_user from public;



------------------------------------------------------------------------------------------
-- Persons
------------------------------------------------------------------------------------------
create table inquest.person (
    id          bigint generated always as identity primary key,
    key         text generated always as ('P-' || id) stored constraint person_key_unique unique,
    case_id     bigint not null constraint person_case_fk references inquest."case" (id),
    protected   boolean not null default false,
    name_known  boolean not null default true,
    description text,
    sex         text constraint person_sex_valid check (sex in ('female', 'male', 'other')),
    notes       text,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    -- The identifier an imported list gave the person ("annex no. 317"): a later file
    -- (posts, links) refers to it, and a re-import finds what it already loaded.
    external_ref text constraint person_external_ref_not_blank check (btrim(external_ref) <> ''),
    constraint person_case_unique unique (case_id, id)
);

comment on table inquest.person is
    'A person in a case: to be summoned, witness, victim, relative, source, official. Names are in person_name (exactly one primary, or for a protected person exactly one pseudonym).';

comment on column inquest.person.protected is
    'Protected persons appear only under their pseudonym (person_name kind ''pseudonym''); the real identity is kept apart (0004) and never stored in these tables.';

comment on column inquest.person.name_known is
    'False when the sources do not record the person''s name at all (e.g. "the chargé d''affaires in Oslo; the name is not recorded"); the primary name is then a descriptive label.';

comment on column inquest.person.description is
    'SENSITIVE for protected persons: must not contain anything that identifies them.';

comment on column inquest.person.notes is
    'SENSITIVE for protected persons: must not contain anything that identifies them.';

comment on column inquest.person.external_ref is 'The identifier an imported list gave this person (unique within the case).';

create unique index person_external_ref_unique on inquest.person (case_id, external_ref) where external_ref is not null;

create table inquest.evidence (
    id               bigint generated always as identity primary key,
    key              text generated always as ('E-' || id) stored constraint evidence_key_unique unique,
    case_id          bigint not null constraint evidence_case_fk references inquest."case" (id),
    kind             text not null constraint evidence_kind_valid check (kind in (
                         'un_document', 'ngo_report', 'news_article', 'letter', 'broadcast',
                         'interview_transcript', 'recording', 'diary', 'other')),
    title            text not null constraint evidence_title_not_blank check (btrim(title) <> ''),
    original_title   text,
    author           text,
    publisher        text,
    "date"           text constraint evidence_date_valid check (inquest_private.check_partial_date("date", 'evidence', 'date')),
    date_from        date generated always as (inquest_private.partial_date_from("date")) stored,
    date_to          date generated always as (inquest_private.partial_date_to("date")) stored,
    date_precision   text generated always as (inquest_private.partial_date_precision("date")) stored,
    language         text constraint evidence_language_valid check (inquest_private.is_language_tag(language)),
    un_symbol        text constraint evidence_un_symbol_format check (inquest_private.is_un_symbol(un_symbol)),
    amnesty_index    text constraint evidence_amnesty_index_format check (inquest_private.is_amnesty_index(amnesty_index)),
    other_identifier text,
    url              text constraint evidence_url_format check (inquest_private.is_http_url(url)),
    held_at          text,
    citation         text,
    file_name        text,
    file_sha256      text constraint evidence_file_sha256_format check (inquest_private.is_sha256_hex(file_sha256)),
    file_size        bigint constraint evidence_file_size_valid check (file_size >= 0),
    notes            text,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    external_ref     text constraint evidence_external_ref_not_blank check (btrim(external_ref) <> ''),
    constraint evidence_case_unique unique (case_id, id),
    constraint evidence_file_hash_and_size check ((file_sha256 is null) = (file_size is null)),
    constraint evidence_file_name_needs_hash check (file_name is null or file_sha256 is not null)
);

comment on table inquest.evidence is
    'A source: UN document, NGO report, news article, letter, broadcast, transcript, recording, diary. Files are not stored, only their SHA-256 and size at intake.';

comment on column inquest.evidence."date" is 'Partial date of the source as it gives it (see the grammar in 0003).';

comment on column inquest.evidence.un_symbol is 'UN document symbol, e.g. A/43/705, E/CN.4/1989/26, A/RES/43/137, A/C.3/43/SR.52.';

comment on column inquest.evidence.amnesty_index is 'Amnesty International index, e.g. MDE 13/031/88, MDE 13/9421/2018.';

comment on column inquest.evidence.held_at is 'Where the item is held, e.g. "on file with Amnesty International".';

comment on column inquest.evidence.citation is 'The full reference as a source cites it.';

comment on column inquest.evidence.file_sha256 is 'SHA-256 of the file at intake, 64 lowercase hex digits.';

comment on column inquest.evidence.external_ref is 'The identifier an imported list gave this source (unique within the case).';

create unique index evidence_external_ref_unique on inquest.evidence (case_id, external_ref) where external_ref is not null;

create unique index evidence_un_symbol_unique on inquest.evidence (case_id, un_symbol, language) nulls not distinct
    where un_symbol is not null;

create unique index evidence_amnesty_index_unique on inquest.evidence (case_id, amnesty_index, language) nulls not distinct
    where amnesty_index is not null;

create index evidence_date_idx on inquest.evidence (case_id, date_from, date_to);

create index evidence_file_sha256_idx on inquest.evidence (case_id, file_sha256) where file_sha256 is not null;

create table inquest.custody_entry (
    id            bigint generated always as identity primary key,
    key           text generated always as ('EC-' || id) stored constraint custody_entry_key_unique unique,
    case_id       bigint not null constraint custody_entry_case_fk references inquest."case" (id),
    evidence_id   bigint not null,
    at            timestamptz not null,
    action        text not null constraint custody_entry_action_valid check (action in (
                      'received', 'collected', 'copied', 'transferred', 'examined', 'hashed',
                      'sealed', 'returned', 'other')),
    received_from text,
    received_by   text,
    sha256        text constraint custody_entry_sha256_format check (inquest_private.is_sha256_hex(sha256)),
    location      text,
    note          text,
    created_at    timestamptz not null default now(),
    constraint custody_entry_case_unique unique (case_id, id),
    constraint custody_entry_evidence_fk foreign key (case_id, evidence_id) references inquest.evidence (case_id, id),
    constraint custody_entry_received_parties check (
        action not in ('received', 'transferred') or (received_from is not null and received_by is not null))
);

comment on table inquest.custody_entry is
    'Chain of custody of an evidence item, append-only: a mistake is corrected by a new entry.';

comment on column inquest.custody_entry.sha256 is 'SHA-256 of the file as observed at this moment (may differ from evidence.file_sha256: that is the point).';

comment on column inquest.custody_entry.received_from is 'SENSITIVE: may identify a protected source.';

create index custody_entry_evidence_idx on inquest.custody_entry (case_id, evidence_id, at);

create table inquest.person_name (
    id          bigint generated always as identity primary key,
    key         text generated always as ('PN-' || id) stored constraint person_name_key_unique unique,
    case_id     bigint not null constraint person_name_case_fk references inquest."case" (id),
    person_id   bigint not null,
    name        text not null constraint person_name_name_not_blank check (btrim(name) <> ''),
    given_name  text constraint person_name_given_name_not_blank check (btrim(given_name) <> ''),
    family_name text constraint person_name_family_name_not_blank check (btrim(family_name) <> ''),
    kind        text not null default 'primary' constraint person_name_kind_valid check (kind in (
                    'primary', 'alias', 'transliteration', 'source_spelling', 'pseudonym')),
    script      text not null default 'latin' constraint person_name_script_valid check (script in (
                    'latin', 'persian', 'arabic', 'other')),
    language    text constraint person_name_language_valid check (inquest_private.is_language_tag(language)),
    evidence_id bigint,
    source_note text,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    -- Search keys, derived from `name` alone (for a protected person the pseudonym) by
    -- the trigger person_name_fold (objects/names/folding.sql), which folds each name
    -- once and overwrites whatever a writer gives. Plain columns rather than generated
    -- ones (folding four times per row was most of the cost of a bulk import), and the
    -- space-free keys are columns of their own, not expression indexes, so that
    -- equality on them is a plain, leakproof `=`. Investigators cannot read them (see
    -- the column grants below): search goes through the search functions.
    name_fold   text,
    name_skeleton text,
    name_fold_key text,
    name_skeleton_key text,
    -- Which script a name is in, as a column of its own, so that the partial skeleton
    -- indexes rest on search-only columns (a predicate on `script`, which
    -- investigators read, would let a full scan of the partial index count other
    -- cases' rows).
    name_arabic_script boolean generated always as (script in ('persian', 'arabic')) stored,
    name_loose_key text,
    constraint person_name_case_unique unique (case_id, id),
    constraint person_name_person_fk foreign key (case_id, person_id) references inquest.person (case_id, id) on delete cascade,
    constraint person_name_evidence_fk foreign key (case_id, evidence_id) references inquest.evidence (case_id, id),
    constraint person_name_source_spelling_has_source check (
        kind <> 'source_spelling' or evidence_id is not null or source_note is not null),
    constraint person_name_script_matches check (case script
        when 'latin' then not inquest_private.has_arabic_script(name)
        when 'persian' then inquest_private.has_arabic_script(name)
        when 'arabic' then inquest_private.has_arabic_script(name)
        else true end)
);

comment on table inquest.person_name is
    'Every name of a person: primary, alias, transliteration, spelling seen in a source, Persian script. A protected person has only their pseudonym here.';

comment on column inquest.person_name.name is
    'The full name as written. For a protected person this is the pseudonym, never the real name.';

comment on column inquest.person_name.given_name is 'NULL: not known (e.g. a first secretary recorded by family name only).';

comment on column inquest.person_name.kind is
    'primary: the name used in the case (one per unprotected person); pseudonym: the only name of a protected person.';

comment on column inquest.person_name.evidence_id is 'The source in which this spelling is seen.';

-- At most one display name (primary, or pseudonym for a protected person) per person;
-- "at least one" is checked at commit by the constraint triggers person_names_check and
-- person_name_names_check below.
create unique index person_name_one_primary on inquest.person_name (case_id, person_id)
    where kind in ('primary', 'pseudonym');

create index person_name_person_idx on inquest.person_name (case_id, person_id);

create index person_name_evidence_idx on inquest.person_name (case_id, evidence_id) where evidence_id is not null;

comment on column inquest.person_name.name_fold is
  'Folded spelling of name (inquest_private.fold_name), for transliteration-aware search.';

comment on column inquest.person_name.name_skeleton is
  'Consonant skeleton of name (inquest_private.name_skeleton), for matching Persian script against Latin.';

comment on column inquest.person_name.name_fold_key is 'name_fold without spaces (equality key).';

comment on column inquest.person_name.name_skeleton_key is 'name_skeleton without spaces (equality key).';

comment on column inquest.person_name.name_arabic_script is
  'script is persian or arabic (search only: the predicate of the skeleton indexes).';

comment on column inquest.person_name.name_loose_key is
  'name_fold_key with gh/q and k as one letter, dh as z (search only: inquest_private.loose_of_folded).';

-- Investigators read every column of person_name but the search keys (before the
-- indexes on them: the side-channel rule allows those because investigators cannot
-- read their columns).
revoke select on inquest.person_name from inquest_investigator;

grant select (id, key, case_id, person_id, name, given_name, family_name, kind, script, language, evidence_id,
              source_note, created_at, updated_at)
  on inquest.person_name to inquest_investigator;

create index person_name_fold_trgm on inquest.person_name using gin (name_fold inquest_ext.gin_trgm_ops);

create index person_name_fold_key on inquest.person_name (case_id, name_fold_key);

create index person_name_skeleton_key on inquest.person_name (case_id, name_skeleton_key);

create index person_name_loose_key on inquest.person_name (case_id, name_loose_key);

-- Skeletons are compared across scripts only: one partial index per side.
create index person_name_skeleton_trgm_persian on inquest.person_name using gin (name_skeleton inquest_ext.gin_trgm_ops)
  where name_arabic_script;

create index person_name_skeleton_trgm_latin on inquest.person_name using gin (name_skeleton inquest_ext.gin_trgm_ops)
  where not name_arabic_script;


create table inquest.person_role (
    id                bigint generated always as identity primary key,
    key               text generated always as ('PR-' || id) stored constraint person_role_key_unique unique,
    case_id           bigint not null constraint person_role_case_fk references inquest."case" (id),
    person_id         bigint not null,
    role              text not null constraint person_role_role_valid check (role in (
                          'to_be_summoned', 'witness', 'victim', 'relative', 'source', 'official',
                          'alleged_perpetrator', 'other')),
    related_person_id bigint,
    relationship      text,
    note              text,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    constraint person_role_case_unique unique (case_id, id),
    constraint person_role_person_fk foreign key (case_id, person_id) references inquest.person (case_id, id) on delete cascade,
    constraint person_role_related_person_fk foreign key (case_id, related_person_id) references inquest.person (case_id, id),
    constraint person_role_unique unique (case_id, person_id, role),
    constraint person_role_related_not_self check (related_person_id <> person_id),
    constraint person_role_relationship_needs_person check (relationship is null or related_person_id is not null)
);

comment on table inquest.person_role is 'The roles a person has in the case; a relative may name the person they are related to.';

comment on column inquest.person_role.note is 'SENSITIVE for protected persons: must not identify them.';

create index person_role_person_idx on inquest.person_role (case_id, person_id);

create index person_role_related_idx on inquest.person_role (case_id, related_person_id) where related_person_id is not null;

create index person_role_role_idx on inquest.person_role (case_id, role);

create table inquest.position (
    id                      bigint generated always as identity primary key,
    key                     text generated always as ('PO-' || id) stored constraint position_key_unique unique,
    case_id                 bigint not null constraint position_case_fk references inquest."case" (id),
    person_id               bigint not null,
    title                   text not null constraint position_title_not_blank check (btrim(title) <> ''),
    body                    text,
    place                   text,
    start_date              text constraint position_start_date_valid check (inquest_private.check_partial_date(start_date, 'position', 'start_date')),
    start_date_from         date generated always as (inquest_private.partial_date_from(start_date)) stored,
    start_date_to           date generated always as (inquest_private.partial_date_to(start_date)) stored,
    end_date                text constraint position_end_date_valid check (inquest_private.check_partial_date(end_date, 'position', 'end_date')),
    end_date_from           date generated always as (inquest_private.partial_date_from(end_date)) stored,
    end_date_to             date generated always as (inquest_private.partial_date_to(end_date)) stored,
    attested                text constraint position_attested_valid check (inquest_private.check_partial_date(attested, 'position', 'attested')),
    attested_from           date generated always as (inquest_private.partial_date_from(attested)) stored,
    attested_to             date generated always as (inquest_private.partial_date_to(attested)) stored,
    evidence_id             bigint,
    source_note             text,
    notes                   text,
    created_at              timestamptz not null default now(),
    updated_at              timestamptz not null default now(),
    constraint position_case_unique unique (case_id, id),
    constraint position_person_unique unique (case_id, person_id, id),
    constraint position_person_fk foreign key (case_id, person_id) references inquest.person (case_id, id) on delete cascade,
    constraint position_evidence_fk foreign key (case_id, evidence_id) references inquest.evidence (case_id, id),
    constraint position_dates_ordered check (start_date_from is null or end_date_to is null or start_date_from <= end_date_to)
);

comment on table inquest.position is
    'A post held: title, body, place; start/end when known, and the period in which a source attests it (e.g. "the then chargé d''affaires in Ottawa", 1988-12).';

comment on column inquest.position.start_date is 'Partial date the post began (NULL: unknown).';

comment on column inquest.position.end_date is
  'Partial date the post ended; ".." while it is still held; NULL when the end is not recorded.';

comment on column inquest.position.attested is 'Partial date or range in which a source shows the person in this post, when start and end are unknown.';

create index position_person_idx on inquest.position (case_id, person_id);

create index position_evidence_idx on inquest.position (case_id, evidence_id) where evidence_id is not null;

create index position_dates_idx on inquest.position (case_id, start_date_from, end_date_to);

------------------------------------------------------------------------------------------
-- Summonses and disclosure requests
------------------------------------------------------------------------------------------
create table inquest.summons (
    id             bigint generated always as identity primary key,
    key            text generated always as ('S-' || id) stored constraint summons_key_unique unique,
    case_id        bigint not null constraint summons_case_fk references inquest."case" (id),
    person_id      bigint not null,
    -- Value lists are one array constant (see inquest_audit.event's operation check).
    status         text not null default 'draft' constraint summons_status_valid check (status = any (
                       '{draft,issued,served,appeared,declined,failed_to_appear,withdrawn}'::text[])),
    issued_on      date,
    served_on      date,
    appear_by      date,
    service_method text constraint summons_service_method_valid check (service_method = any (
                       '{in_person,registered_post,email,diplomatic_channel,through_counsel,public_notice,other}'::text[])),
    legal_basis    text,
    immunity       text not null default 'none' constraint summons_immunity_valid check (immunity = any (
                       '{none,claimed,waiver_requested,waived,waiver_refused}'::text[])),
    immunity_note  text,
    purpose        text,
    notes          text,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    constraint summons_case_unique unique (case_id, id),
    constraint summons_person_unique unique (case_id, person_id, id),
    constraint summons_person_fk foreign key (case_id, person_id) references inquest.person (case_id, id),
    constraint summons_issued_on_required check (
        status <> all ('{issued,served,appeared,declined,failed_to_appear}'::text[]) or issued_on is not null),
    constraint summons_legal_basis_required check (
        status <> all ('{issued,served,appeared,declined,failed_to_appear}'::text[]) or legal_basis is not null),
    constraint summons_served_on_required check (
        status <> all ('{served,appeared,declined,failed_to_appear}'::text[]) or served_on is not null),
    constraint summons_service_method_required check (
        status <> all ('{served,appeared,declined,failed_to_appear}'::text[]) or service_method is not null),
    constraint summons_served_after_issued check (served_on >= issued_on),
    constraint summons_appear_by_after_issued check (appear_by >= issued_on),
    constraint summons_served_needs_issued check (served_on is null or issued_on is not null)
);

comment on table inquest.summons is
    'A summons to one person in one case. Status: draft -> issued -> served -> appeared | declined | failed_to_appear; withdrawn from any non-final state.';

create index summons_person_idx on inquest.summons (case_id, person_id);

create index summons_status_idx on inquest.summons (case_id, status);

create table inquest.disclosure_request (
    id           bigint generated always as identity primary key,
    key          text generated always as ('D-' || id) stored constraint disclosure_request_key_unique unique,
    case_id      bigint not null constraint disclosure_request_case_fk references inquest."case" (id),
    person_id    bigint not null,
    summons_id   bigint,
    topic        text not null constraint disclosure_request_topic_valid check (topic in (
                     'knew_what_when', 'instructions_received', 'who_instructed', 'reports_to_capital',
                     'responses_received', 'other')),
    question     text not null constraint disclosure_request_question_not_blank check (btrim(question) <> ''),
    requested_on date not null,
    due_on       date,
    status       text not null default 'open' constraint disclosure_request_status_valid check (status in (
                     'open', 'partially_answered', 'answered', 'refused', 'withdrawn')),
    notes        text,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    constraint disclosure_request_case_unique unique (case_id, id),
    constraint disclosure_request_person_fk foreign key (case_id, person_id) references inquest.person (case_id, id),
    -- The summons, when given, is in the same case and addressed to the same person.
    constraint disclosure_request_summons_fk foreign key (case_id, person_id, summons_id)
        references inquest.summons (case_id, person_id, id),
    constraint disclosure_request_due_after_requested check (due_on >= requested_on)
);

comment on table inquest.disclosure_request is
    'A question put to a person (what they knew and when, instructions received and from whom, reports to the capital, responses). Overdue is derived: see disclosure_request_status.';

comment on column inquest.disclosure_request.summons_id is 'Optional; must be a summons to the same person in the same case.';

create index disclosure_request_person_idx on inquest.disclosure_request (case_id, person_id);

create index disclosure_request_summons_idx on inquest.disclosure_request (case_id, person_id, summons_id) where summons_id is not null;

create index disclosure_request_due_idx on inquest.disclosure_request (case_id, due_on) where status in ('open', 'partially_answered');

------------------------------------------------------------------------------------------
-- Testimony
------------------------------------------------------------------------------------------
create table inquest.testimony_session (
    id                   bigint generated always as identity primary key,
    key                  text generated always as ('T-' || id) stored constraint testimony_session_key_unique unique,
    case_id              bigint not null constraint testimony_session_case_fk references inquest."case" (id),
    deponent_id          bigint not null,
    interviewers         text[] not null default '{}' constraint testimony_session_interviewers_not_blank check (inquest_private.no_blank_elements(interviewers)),
    interpreter          text,
    languages            text[] not null default '{}' constraint testimony_session_languages_valid check (inquest_private.are_language_tags(languages)),
    place                text,
    mode                 text not null default 'in_person' constraint testimony_session_mode_valid check (mode in ('in_person', 'remote')),
    scheduled_at         timestamptz,
    started_at           timestamptz,
    ended_at             timestamptz,
    status               text not null default 'scheduled' constraint testimony_session_status_valid check (status in (
                             'scheduled', 'held', 'adjourned', 'cancelled')),
    consent_given_at     timestamptz,
    consent_scope        text,
    consent_withdrawn_at timestamptz,
    protective_measures  text[] not null default '{}' constraint testimony_session_protective_measures_not_blank check (inquest_private.no_blank_elements(protective_measures)),
    notes                text,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now(),
    constraint testimony_session_case_unique unique (case_id, id),
    constraint testimony_session_deponent_fk foreign key (case_id, deponent_id) references inquest.person (case_id, id),
    constraint testimony_session_ended_after_started check (ended_at is null or (started_at is not null and ended_at >= started_at)),
    constraint testimony_session_held_needs_start check (status <> 'held' or started_at is not null),
    constraint testimony_session_held_needs_consent check (status <> 'held' or consent_given_at is not null),
    constraint testimony_session_consent_scope_needs_consent check (consent_scope is null or consent_given_at is not null),
    constraint testimony_session_consent_withdrawn_after_given check (
        consent_withdrawn_at is null or (consent_given_at is not null and consent_withdrawn_at >= consent_given_at))
);

comment on table inquest.testimony_session is
    'A testimony session. Status: scheduled -> held | adjourned | cancelled; adjourned -> scheduled | held | cancelled. Held requires a start time and recorded consent.';

comment on column inquest.testimony_session.place is 'SENSITIVE: the location of a protected witness''s testimony can endanger them.';

comment on column inquest.testimony_session.interpreter is 'SENSITIVE: may identify the deponent''s community; never the deponent''s real name.';

comment on column inquest.testimony_session.protective_measures is 'e.g. pseudonym, voice distortion, closed session, undisclosed location.';

comment on column inquest.testimony_session.notes is 'SENSITIVE for protected deponents: must not identify them.';

create index testimony_session_deponent_idx on inquest.testimony_session (case_id, deponent_id);

create index testimony_session_scheduled_idx on inquest.testimony_session (case_id, scheduled_at);

create table inquest.transcript_segment (
    id                   bigint generated always as identity primary key,
    key                  text generated always as ('TS-' || id) stored constraint transcript_segment_key_unique unique,
    case_id              bigint not null constraint transcript_segment_case_fk references inquest."case" (id),
    session_id           bigint not null,
    ordinal              integer not null constraint transcript_segment_ordinal_positive check (ordinal > 0),
    time_offset          interval constraint transcript_segment_time_offset_valid check (time_offset >= interval '0'),
    speaker              text not null constraint transcript_segment_speaker_not_blank check (btrim(speaker) <> ''),
    speaker_person_id    bigint,
    original_text        text not null,
    original_language    text constraint transcript_segment_original_language_valid check (inquest_private.is_language_tag(original_language)),
    translation          text,
    translation_language text constraint transcript_segment_translation_language_valid check (inquest_private.is_language_tag(translation_language)),
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now(),
    entered_at           timestamptz,
    supersedes_id        bigint,
    constraint transcript_segment_case_unique unique (case_id, id),
    constraint transcript_segment_session_fk foreign key (case_id, session_id) references inquest.testimony_session (case_id, id) on delete cascade,
    constraint transcript_segment_speaker_person_fk foreign key (case_id, speaker_person_id) references inquest.person (case_id, id),
    constraint transcript_segment_ordinal_unique unique (case_id, session_id, ordinal),
    constraint transcript_segment_supersedes_fk foreign key (case_id, supersedes_id) references inquest.transcript_segment (case_id, id),
    constraint transcript_segment_supersedes_other check (supersedes_id <> id)
);

comment on table inquest.transcript_segment is 'A transcript as ordered segments (ordinal unique per session) with time offsets, speaker, original text and translation.';

comment on column inquest.transcript_segment.speaker is 'Speaker label as in the transcript. SENSITIVE: for a protected deponent use the pseudonym, never the real name.';

comment on column inquest.transcript_segment.original_text is 'SENSITIVE: may identify a protected deponent.';

comment on column inquest.transcript_segment.translation is 'SENSITIVE: may identify a protected deponent.';

create index transcript_segment_speaker_idx on inquest.transcript_segment (case_id, speaker_person_id) where speaker_person_id is not null;

create index transcript_segment_session_idx on inquest.transcript_segment (case_id, session_id);

comment on column inquest.transcript_segment.entered_at is
  'Wall-clock time the segment was typed in a live log (testimony log); NULL for imported transcripts.';

comment on column inquest.transcript_segment.supersedes_id is
  'The segment this one corrects. The old segment stays in the record; a segment is corrected at most once.';

create unique index transcript_segment_supersedes_once on inquest.transcript_segment (case_id, supersedes_id)
  where supersedes_id is not null;

create table inquest.disclosure_response (
    id                   bigint generated always as identity primary key,
    key                  text generated always as ('DR-' || id) stored constraint disclosure_response_key_unique unique,
    case_id              bigint not null constraint disclosure_response_case_fk references inquest."case" (id),
    request_id           bigint not null,
    received_on          date not null,
    response_text        text not null constraint disclosure_response_response_text_not_blank check (btrim(response_text) <> ''),
    received_via         text not null constraint disclosure_response_received_via_valid check (received_via in (
                             'letter', 'email', 'in_person', 'testimony', 'counsel', 'public_statement', 'other')),
    testimony_session_id bigint,
    evidence_id          bigint,
    notes                text,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now(),
    constraint disclosure_response_case_unique unique (case_id, id),
    constraint disclosure_response_request_fk foreign key (case_id, request_id) references inquest.disclosure_request (case_id, id) on delete cascade,
    constraint disclosure_response_testimony_session_fk foreign key (case_id, testimony_session_id) references inquest.testimony_session (case_id, id),
    constraint disclosure_response_evidence_fk foreign key (case_id, evidence_id) references inquest.evidence (case_id, id)
);

comment on table inquest.disclosure_response is 'A response to a disclosure request, as received over time.';

comment on column inquest.disclosure_response.evidence_id is 'The letter or document in which the response arrived, if kept as evidence.';

create index disclosure_response_request_idx on inquest.disclosure_response (case_id, request_id, received_on);

create index disclosure_response_session_idx on inquest.disclosure_response (case_id, testimony_session_id) where testimony_session_id is not null;

create index disclosure_response_evidence_idx on inquest.disclosure_response (case_id, evidence_id) where evidence_id is not null;

------------------------------------------------------------------------------------------
-- Chronology
------------------------------------------------------------------------------------------
create table inquest.event (
    id             bigint generated always as identity primary key,
    key            text generated always as ('EV-' || id) stored constraint event_key_unique unique,
    case_id        bigint not null constraint event_case_fk references inquest."case" (id),
    kind           text not null constraint event_kind_valid check (kind in (
                       'meeting', 'report_issued', 'resolution', 'broadcast', 'interview', 'letter',
                       'article', 'execution', 'other')),
    title          text not null constraint event_title_not_blank check (btrim(title) <> ''),
    "date"         text constraint event_date_valid check (inquest_private.check_partial_date("date", 'event', 'date')),
    date_from      date generated always as (inquest_private.partial_date_from("date")) stored,
    date_to        date generated always as (inquest_private.partial_date_to("date")) stored,
    date_precision text generated always as (inquest_private.partial_date_precision("date")) stored,
    place          text,
    description    text,
    notes          text,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    external_ref   text constraint event_external_ref_not_blank check (btrim(external_ref) <> ''),
    constraint event_case_unique unique (case_id, id)
);

comment on table inquest.event is 'A dated event in the chronology: meeting, report issued, resolution, broadcast, interview, letter, article, execution.';

comment on column inquest.event."date" is 'Partial date as the sources give it (NULL: not known).';

comment on column inquest.event.external_ref is 'The identifier an imported list gave this event (unique within the case).';

create unique index event_external_ref_unique on inquest.event (case_id, external_ref) where external_ref is not null;

create index event_date_idx on inquest.event (case_id, date_from, date_to);

create table inquest.event_participant (
    id          bigint generated always as identity primary key,
    key         text generated always as ('EP-' || id) stored constraint event_participant_key_unique unique,
    case_id     bigint not null constraint event_participant_case_fk references inquest."case" (id),
    event_id    bigint not null,
    person_id   bigint,
    participant text,
    role        text not null constraint event_participant_role_valid check (role in (
                    'attendee', 'speaker', 'author', 'sender', 'addressee', 'recipient', 'interviewer',
                    'interviewee', 'organiser', 'subject', 'other')),
    note        text,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    constraint event_participant_case_unique unique (case_id, id),
    constraint event_participant_event_fk foreign key (case_id, event_id) references inquest.event (case_id, id) on delete cascade,
    constraint event_participant_person_fk foreign key (case_id, person_id) references inquest.person (case_id, id),
    constraint event_participant_who check (person_id is not null or coalesce(btrim(participant), '') <> '')
);

comment on table inquest.event_participant is 'Who took part in an event and how: a person of the case, or a named body or group (participant, e.g. "Amnesty International delegates").';

create unique index event_participant_unique on inquest.event_participant (case_id, event_id, person_id, participant, role)
  nulls not distinct;

create index event_participant_person_idx on inquest.event_participant (case_id, person_id) where person_id is not null;

create index event_participant_event_idx on inquest.event_participant (case_id, event_id);

create table inquest.statement (
    id             bigint generated always as identity primary key,
    key            text generated always as ('ST-' || id) stored constraint statement_key_unique unique,
    case_id        bigint not null constraint statement_case_fk references inquest."case" (id),
    person_id      bigint not null,
    position_id    bigint,
    event_id       bigint,
    "date"         text constraint statement_date_valid check (inquest_private.check_partial_date("date", 'statement', 'date')),
    date_from      date generated always as (inquest_private.partial_date_from("date")) stored,
    date_to        date generated always as (inquest_private.partial_date_to("date")) stored,
    date_precision text generated always as (inquest_private.partial_date_precision("date")) stored,
    venue          text,
    medium         text not null constraint statement_medium_valid check (medium in (
                       'meeting', 'speech', 'interview', 'broadcast', 'press', 'letter', 'document',
                       'diary', 'testimony', 'other')),
    audience       text,
    quotation      text,
    -- Describes a quotation: a statement recorded as a summary has none.
    wording        text constraint statement_wording_valid check (wording in ('verbatim', 'paraphrase')),
    language       text constraint statement_language_valid check (inquest_private.is_language_tag(language)),
    translation    text,
    summary        text,
    classification text[] not null constraint statement_classification_valid check (
                       cardinality(classification) > 0
                       and classification <@ array['denial', 'misinformation', 'acknowledgement', 'other']),
    notes          text,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    constraint statement_case_unique unique (case_id, id),
    constraint statement_person_fk foreign key (case_id, person_id) references inquest.person (case_id, id),
    -- The post the person spoke in, when known, is one of that person's posts.
    constraint statement_position_fk foreign key (case_id, person_id, position_id) references inquest.position (case_id, person_id, id),
    constraint statement_event_fk foreign key (case_id, event_id) references inquest.event (case_id, id),
    constraint statement_has_content check (coalesce(btrim(quotation), '') <> '' or coalesce(btrim(summary), '') <> ''),
    constraint statement_translation_needs_quotation check (translation is null or quotation is not null),
    constraint statement_wording_needs_quotation check (wording is null or quotation is not null)
);

comment on table inquest.statement is
    'A statement by a person: when, where, through what medium, to whom, the words (quotation, verbatim or paraphrase, with language and translation) and its classification (one or more of denial, misinformation, acknowledgement, other).';

comment on column inquest.statement.position_id is 'The post the person held when speaking (one of their positions).';

comment on column inquest.statement.event_id is 'The event at which the statement was made, if any (a meeting, a broadcast).';

create index statement_person_idx on inquest.statement (case_id, person_id, date_from);

create index statement_position_idx on inquest.statement (case_id, person_id, position_id) where position_id is not null;

create index statement_event_idx on inquest.statement (case_id, event_id) where event_id is not null;

create index statement_date_idx on inquest.statement (case_id, date_from, date_to);

create index statement_classification_idx on inquest.statement using gin (classification);

------------------------------------------------------------------------------------------
-- Links: evidence <-> what it supports
------------------------------------------------------------------------------------------
create table inquest.evidence_link (
    id                    bigint generated always as identity primary key,
    key                   text generated always as ('L-' || id) stored constraint evidence_link_key_unique unique,
    case_id               bigint not null constraint evidence_link_case_fk references inquest."case" (id),
    evidence_id           bigint not null,
    person_id             bigint,
    statement_id          bigint,
    event_id              bigint,
    transcript_segment_id bigint,
    disclosure_request_id bigint,
    summons_id            bigint,
    relation              text not null constraint evidence_link_relation_valid check (relation in (
                              'mentions', 'corroborates', 'contradicts', 'notified', 'authored',
                              'addressed_to', 'participated')),
    locator               text,
    excerpt               text,
    stated_date           text constraint evidence_link_stated_date_valid check (inquest_private.check_partial_date(stated_date, 'evidence_link', 'stated_date')),
    stated_date_from      date generated always as (inquest_private.partial_date_from(stated_date)) stored,
    stated_date_to        date generated always as (inquest_private.partial_date_to(stated_date)) stored,
    note                  text,
    created_at            timestamptz not null default now(),
    updated_at            timestamptz not null default now(),
    constraint evidence_link_case_unique unique (case_id, id),
    constraint evidence_link_evidence_fk foreign key (case_id, evidence_id) references inquest.evidence (case_id, id),
    constraint evidence_link_person_fk foreign key (case_id, person_id) references inquest.person (case_id, id),
    constraint evidence_link_statement_fk foreign key (case_id, statement_id) references inquest.statement (case_id, id),
    constraint evidence_link_event_fk foreign key (case_id, event_id) references inquest.event (case_id, id),
    constraint evidence_link_transcript_segment_fk foreign key (case_id, transcript_segment_id) references inquest.transcript_segment (case_id, id),
    constraint evidence_link_disclosure_request_fk foreign key (case_id, disclosure_request_id) references inquest.disclosure_request (case_id, id),
    constraint evidence_link_summons_fk foreign key (case_id, summons_id) references inquest.summons (case_id, id),
    constraint evidence_link_exactly_one_target check (
        num_nonnulls(person_id, statement_id, event_id, transcript_segment_id, disclosure_request_id, summons_id) = 1),
    constraint evidence_link_relation_needs_person check (
        relation not in ('notified', 'authored', 'addressed_to', 'participated') or person_id is not null)
);

comment on table inquest.evidence_link is
    'Evidence <-> exactly one of: person, statement, event, transcript segment, disclosure request, summons; with the relation, the locator (page, paragraph, minute) and the exact passage.';

comment on column inquest.evidence_link.locator is 'Where in the evidence: "p. 5", "para. 47", "minute 2:46".';

comment on column inquest.evidence_link.excerpt is 'The exact passage that supports the claim.';

comment on column inquest.evidence_link.stated_date is 'The date as this source states it, when sources disagree (partial date).';

comment on column inquest.evidence_link.relation is 'notified, authored, addressed_to and participated relate the evidence to a person.';

create unique index evidence_link_unique on inquest.evidence_link (
    case_id, evidence_id, relation, person_id, statement_id, event_id, transcript_segment_id,
    disclosure_request_id, summons_id, locator) nulls not distinct;

create index evidence_link_evidence_idx on inquest.evidence_link (case_id, evidence_id);

create index evidence_link_person_idx on inquest.evidence_link (case_id, person_id) where person_id is not null;

create index evidence_link_statement_idx on inquest.evidence_link (case_id, statement_id) where statement_id is not null;

create index evidence_link_event_idx on inquest.evidence_link (case_id, event_id) where event_id is not null;

create index evidence_link_transcript_segment_idx on inquest.evidence_link (case_id, transcript_segment_id) where transcript_segment_id is not null;

create index evidence_link_disclosure_request_idx on inquest.evidence_link (case_id, disclosure_request_id) where disclosure_request_id is not null;

create index evidence_link_summons_idx on inquest.evidence_link (case_id, summons_id) where summons_id is not null;


------------------------------------------------------------------------------
-- Protected identities
------------------------------------------------------------------------------

-- A protected person (inquest.person.protected = true, from 0003) appears
-- everywhere under a pseudonym. The real identity lives here, in a table that
-- nobody reads directly: no grant to any application role and no policy but the
-- owner's, so even admins and auditors see nothing. Access goes through three
-- SECURITY DEFINER functions:
--
--   inquest.reveal_identity(person_key, reason)   cleared + assigned; audited as 'reveal'
--   inquest.set_protected_identity(person_key, real_name, contact, notes)
--   inquest.delete_protected_identity(person_key)  admins, or cleared + assigned
--                                                  investigators (open cases)
--
-- The table is still enrolled in the audit trail (the event trigger of 0002), and
-- its sensitive columns are registered in inquest_private.sensitive_column, so a
-- write is audited with those values replaced by a keyed hash, never in clear.
--
-- Who is asking. Entitlement is checked for BOTH the login role (session_user,
-- which no non-superuser can change) and the acting role (the role set by SET
-- ROLE, inquest_private.current_actor(); what row-level security sees as
-- current_user). Each must be in inquest_cleared and assigned to the person's
-- case. So SET ROLE can only narrow access: a cleared user who SETs ROLE to a
-- group role (never assigned to anything) is refused, and set_config of any
-- application setting plays no part.
--
-- A refused reveal raises 42501 and therefore writes no audit event (it would be
-- rolled back with the error); the server log records the error with the
-- session's user. Every reveal that returns data is audited in the same
-- transaction as the read: if the event cannot be written, nothing is returned.
-- Values that must never reach the audit log in clear. Registered before the
-- table is created, so that its enrollment builds them into the audit triggers.
insert into inquest_private.sensitive_column (table_name, column_name) values
  ('protected_identity', 'real_name'),
  ('protected_identity', 'contact'),
  ('protected_identity', 'notes');

create table inquest.protected_identity (
  id bigint generated always as identity primary key,
  key text generated always as ('PI-' || id) stored constraint protected_identity_key_unique unique,
  case_id bigint not null references inquest."case" (id),
  person_id bigint not null,
  real_name text not null constraint protected_identity_real_name_not_blank check (btrim(real_name) <> ''),
  contact text,
  notes text,
  updated_at timestamptz not null default now(),
  constraint protected_identity_case_id_id_unique unique (case_id, id),
  constraint protected_identity_person_fk foreign key (case_id, person_id) references inquest.person (case_id, id)
);

comment on table inquest.protected_identity is
  'Real identities of protected persons. No direct access; see inquest.reveal_identity().';

-- Take back what the enrollment granted: nobody but the owner reads or writes
-- this table directly.
revoke all on inquest.protected_identity from inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared, public;

-- One identity per person. (Added once nobody but the owner can read the table: an
-- index that does not lead with case_id is refused on a table investigators read.)
alter table inquest.protected_identity add constraint protected_identity_one_per_person unique (person_id);

drop policy inquest_admin_all on inquest.protected_identity;

drop policy inquest_auditor_read on inquest.protected_identity;

drop policy inquest_investigator_read on inquest.protected_identity;

drop policy inquest_investigator_insert on inquest.protected_identity;

drop policy inquest_investigator_update on inquest.protected_identity;

drop policy inquest_investigator_delete on inquest.protected_identity;









------------------------------------------------------------------------------
-- The live testimony log (`inquest testimony log`)
------------------------------------------------------------------------------
create table inquest.testimony_log_line (
  id            bigint generated always as identity primary key,
  key           text generated always as ('TL-' || id) stored constraint testimony_log_line_key_unique unique,
  case_id       bigint not null constraint testimony_log_line_case_fk references inquest."case" (id),
  session_id    bigint not null,
  client_key    uuid not null,
  kind          text not null constraint testimony_log_line_kind_valid check (kind in (
                  'start', 'speaker', 'segment', 'translation', 'correction', 'exhibit',
                  'pause', 'resume', 'adjourn', 'end')),
  time_offset   interval not null constraint testimony_log_line_time_offset_valid check (time_offset >= interval '0'),
  entered_at    timestamptz not null,
  recorded_at   timestamptz not null default now(),
  recorded_by   name not null default session_user,
  speaker       text constraint testimony_log_line_speaker_short check (speaker ~ '^[A-Za-z0-9]{1,8}$'),
  speaker_label text constraint testimony_log_line_speaker_label_not_blank check (btrim(speaker_label) <> ''),
  speaker_person_id bigint,
  segment_id    bigint,
  evidence_link_id bigint,
  constraint testimony_log_line_case_unique unique (case_id, id),
  constraint testimony_log_line_client_key_unique unique (case_id, session_id, client_key),
  constraint testimony_log_line_session_fk foreign key (case_id, session_id) references inquest.testimony_session (case_id, id),
  constraint testimony_log_line_segment_fk foreign key (case_id, segment_id) references inquest.transcript_segment (case_id, id),
  constraint testimony_log_line_evidence_link_fk foreign key (case_id, evidence_link_id) references inquest.evidence_link (case_id, id),
  constraint testimony_log_line_speaker_person_fk foreign key (case_id, speaker_person_id) references inquest.person (case_id, id),
  constraint testimony_log_line_segment_kinds check ((segment_id is not null) = (kind in ('segment', 'translation', 'correction', 'exhibit'))),
  constraint testimony_log_line_speaker_kinds check (kind <> 'speaker' or (speaker is not null and speaker_label is not null))
);

comment on table inquest.testimony_log_line is
  'A live testimony log, one row per line entered (testimony log T-n), append-only. client_key is the idempotency key of the client''s journal.';

comment on column inquest.testimony_log_line.speaker_label is
  'SENSITIVE for protected deponents: the deponent appears under the pseudonym only.';

create index testimony_log_line_session_idx on inquest.testimony_log_line (case_id, session_id, id);

------------------------------------------------------------------------------
-- Protected identities: reveal grants
------------------------------------------------------------------------------
-- Outstanding grants. No grant to anybody: only the functions below read or write it.
create table inquest_private.reveal_grant (
  id uuid primary key default pg_catalog.gen_random_uuid(),
  -- names the grant's use counter, inquest_private.reveal_grant_<n>
  n bigint generated always as identity constraint reveal_grant_n_unique unique,
  login name not null,
  actor name not null,
  person_key text not null,
  person_id bigint not null,
  case_id bigint not null,
  requested_xid xid8 not null default pg_catalog.pg_current_xact_id(),
  requested_at timestamptz not null default pg_catalog.clock_timestamp(),
  expires_at timestamptz not null,
  -- set by a read whose transaction committed (a rolled-back read spends the grant through its counter)
  read_at timestamptz
);

create index reveal_grant_login on inquest_private.reveal_grant (login);

revoke all on inquest_private.reveal_grant from public;

comment on table inquest_private.reveal_grant is
  'Reveal grants (0012): created by inquest.request_reveal() in a transaction the caller commits, used once by inquest.reveal_identity().';

------------------------------------------------------------------------------
-- Distinct persons
------------------------------------------------------------------------------
-- Two persons asserted to be different people (likely_duplicate_persons leaves them out).
create table inquest.person_distinct (
    id          bigint generated always as identity primary key,
    key         text generated always as ('PD-' || id) stored constraint person_distinct_key_unique unique,
    case_id     bigint not null constraint person_distinct_case_fk references inquest."case" (id),
    person_a_id bigint not null,
    person_b_id bigint not null,
    reason      text,
    asserted_by text not null default inquest_private.current_actor(),
    created_at  timestamptz not null default now(),
    constraint person_distinct_case_unique unique (case_id, id),
    constraint person_distinct_ordered check (person_a_id < person_b_id),
    constraint person_distinct_pair_unique unique (case_id, person_a_id, person_b_id),
    constraint person_distinct_a_fk foreign key (case_id, person_a_id) references inquest.person (case_id, id) on delete cascade,
    constraint person_distinct_b_fk foreign key (case_id, person_b_id) references inquest.person (case_id, id) on delete cascade
);

comment on table inquest.person_distinct is
  'Two persons of a case asserted to be different people (not flagged as likely duplicates again).';

create index person_distinct_b_idx on inquest.person_distinct (case_id, person_b_id);

grant select, insert, delete on inquest.person_distinct to inquest_admin, inquest_investigator;

grant select on inquest.person_distinct to inquest_auditor;

------------------------------------------------------------------------------
-- Statistics: side channels of row-level security
------------------------------------------------------------------------------
-- pg_stats shows the most common values and histograms of every column the caller
-- may SELECT, across all cases (it knows privileges, not row-level security); the
-- pg_stat(io)_* views count rows and scans per table and index. Revoked from PUBLIC in
-- this database (superuser only, like 0002's event triggers). Admins and auditors
-- keep them (they read every case anyway); pg_monitor members keep them too.
do $$
declare
  v text;
begin
  foreach v in array array['pg_stats', 'pg_stats_ext', 'pg_stats_ext_exprs',
                           'pg_stat_all_tables', 'pg_stat_user_tables', 'pg_stat_sys_tables',
                           'pg_stat_xact_all_tables', 'pg_stat_xact_user_tables', 'pg_stat_xact_sys_tables',
                           'pg_statio_all_tables', 'pg_statio_user_tables', 'pg_statio_sys_tables',
                           'pg_stat_all_indexes', 'pg_stat_user_indexes', 'pg_stat_sys_indexes',
                           'pg_statio_all_indexes', 'pg_statio_user_indexes', 'pg_statio_sys_indexes',
                           'pg_statio_all_sequences', 'pg_statio_user_sequences', 'pg_statio_sys_sequences',
                           'pg_stat_user_functions', 'pg_stat_xact_user_functions'] loop
    execute pg_catalog.format('revoke select on pg_catalog.%I from public', v);
    execute pg_catalog.format('grant select on pg_catalog.%I to inquest_admin, inquest_auditor, pg_monitor', v);
  end loop;
end
$$;

------------------------------------------------------------------------------
-- Dated facts of an evidence item
------------------------------------------------------------------------------

-- Issue 13. A source often carries several dates
-- (written, published, received, broadcast, filed) with their own locators ("dateline",
-- "p. 1", "stamp on the envelope"); evidence."date" holds one. Each fact is a row: a
-- kind, a partial date as the source gives it (bounds and precision derived, as for
-- every partial date), where in the source it is stated, a note. A case table like any
-- other: enrolled in row-level security and the audit trail when created (0002), its
-- index leads with case_id (0011).
create table inquest.evidence_fact (
    id           bigint generated always as identity primary key,
    key          text generated always as ('EF-' || id) stored constraint evidence_fact_key_unique unique,
    case_id      bigint not null constraint evidence_fact_case_fk references inquest."case" (id),
    evidence_id  bigint not null,
    kind         text not null constraint evidence_fact_kind_valid check (kind in (
                     'written', 'published', 'received', 'broadcast', 'filed', 'signed', 'other')),
    "date"       text not null constraint evidence_fact_date_valid check (inquest_private.check_partial_date("date", 'evidence_fact', 'date')),
    date_from    date generated always as (inquest_private.partial_date_from("date")) stored,
    date_to      date generated always as (inquest_private.partial_date_to("date")) stored,
    locator      text,
    note         text,
    created_at   timestamptz not null default now(),
    constraint evidence_fact_case_unique unique (case_id, id),
    constraint evidence_fact_evidence_fk foreign key (case_id, evidence_id) references inquest.evidence (case_id, id),
    constraint evidence_fact_once unique nulls not distinct (case_id, evidence_id, kind, "date", locator)
);

create index evidence_fact_evidence_idx on inquest.evidence_fact (case_id, evidence_id, date_from);

comment on table inquest.evidence_fact is
  'Dated facts of an evidence item: written, published, received, broadcast, filed, signed …, each with the date as the source gives it and where it says so.';

comment on column inquest.evidence_fact.locator is 'Where in the source the date is stated: "dateline", "p. 1", "postmark".';
