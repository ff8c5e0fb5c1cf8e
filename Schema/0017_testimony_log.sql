-- 0017 Issue 12: testimony logged live, line by line; reading the record's history; read audit.
--
--   1. THE LIVE LOG. `inquest testimony log T-n` commits every line the investigator enters
--      in its own transaction. Each line is a row of inquest.testimony_log_line (key TL-n),
--      written with the client's idempotency key (a UUID made when the line was typed and
--      first written to the client's local journal): a replayed line finds its key and is
--      not applied twice (unique (case_id, session_id, client_key)). A line is one of
--        start | speaker | segment | translation | correction | exhibit | pause | resume
--        | adjourn | end
--      with the session's own clock (time_offset) and the client's wall clock (entered_at)
--      of when it was typed. Segments, translations and exhibit links land in the usual
--      tables (transcript_segment, evidence_link) in the same transaction.
--      Rules, for everybody (the owner included, as with the audit tables):
--        - a log line is never updated or deleted (testimony_log_line_append_only);
--        - a line is accepted only for a session with consent given and not withdrawn,
--          that is neither held nor cancelled (testimony_log_line_needs_consent); the
--          message names what is missing;
--        - a segment entered live (entered_at set) is never edited in place nor deleted
--          (transcript_segment_live_append_only): a typo is corrected by a new segment
--          whose supersedes_id names the old one; both stay, and the audit trail shows
--          both inserts. Only its translation may be added, once (null -> text).
--   2. READ AUDIT. New audit operations `read`, `export` and `dossier`, written by
--      inquest.record_access(operation, key, reason) in the caller's own transaction,
--      which the CLI commits BEFORE it reads (an event that rolls back with the read
--      would prove nothing, see the pitfall in 0012). A read of a protected person's
--      record is always recorded; a read of any other record only when its case has
--      read_audit switched on (inquest."case".read_audit: an admin's switch, audited as
--      an update of the case; investigators cannot write the case table). Exports and
--      dossiers are always recorded, with the reason given.
--      A user with psql can read tables without calling record_access: PostgreSQL has no
--      SELECT triggers. See docs/audit-format.md, "Read audit", for what a deployment can
--      add (pgaudit, log_statement).
--   3. Indexes on inquest_audit.event for the filters of `audit log` and for
--      `audit history KEY` (record_key), so that they stay fast at millions of events.

--
-- This migration's own DDL is not recorded as `ddl` events, like that of 0001-0016: the
-- product's schema changes are recorded by `inquest migrate` (name and checksum of each
-- file), and a freshly migrated database starts with an empty log (its first checkpoint
-- is of size 0). The DDL recorder of 0016 is suspended for this transaction only, and
-- switched back on at its end (ALTER EVENT TRIGGER needs a superuser, as migrations do).
alter event trigger inquest_record_ddl disable;
alter event trigger inquest_record_drop disable;

------------------------------------------------------------------------------
-- New audit operations
------------------------------------------------------------------------------
do $ops$
declare
  v_def text;
  v_ops text[];
begin
  select pg_catalog.pg_get_constraintdef(c.oid) into v_def
    from pg_catalog.pg_constraint c
   where c.conrelid = 'inquest_audit.event'::regclass and c.conname = 'event_operation_known';
  v_ops := (pg_catalog.regexp_match(v_def, '''(\{[^'']*\})'''))[1]::text[];
  if v_ops is null then
    raise exception 'cannot read the operations of event_operation_known: %', v_def;
  end if;
  select array_agg(o order by ord) into v_ops
    from (select o, min(ord) as ord
            from unnest(v_ops || array['read', 'export', 'dossier']) with ordinality as u(o, ord)
           group by o) x;
  execute format('alter table inquest_audit.event drop constraint event_operation_known, '
                 'add constraint event_operation_known check (operation = any (%L::text[]))', v_ops);
end
$ops$;

------------------------------------------------------------------------------
-- 1. The live log
------------------------------------------------------------------------------
alter table inquest.transcript_segment
  add column entered_at timestamptz,
  add column supersedes_id bigint,
  add constraint transcript_segment_supersedes_fk foreign key (case_id, supersedes_id)
    references inquest.transcript_segment (case_id, id),
  add constraint transcript_segment_supersedes_other check (supersedes_id <> id);
comment on column inquest.transcript_segment.entered_at is
  'Wall-clock time the segment was typed in a live log (testimony log); NULL for imported transcripts.';
comment on column inquest.transcript_segment.supersedes_id is
  'The segment this one corrects. The old segment stays in the record; a segment is corrected at most once.';
create unique index transcript_segment_supersedes_once on inquest.transcript_segment (case_id, supersedes_id)
  where supersedes_id is not null;

create function inquest_private.transcript_segment_live_append_only() returns trigger
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'transcript segment %: a segment logged live cannot be deleted; correct it with a new segment that supersedes it', old.key
      using errcode = '23514', constraint = 'transcript_segment_live_append_only', table = tg_table_name,
            detail = 'rule transcript_segment_live_append_only: testimony logged live is never edited in place nor removed';
  end if;
  if (new.session_id, new.ordinal, new.time_offset, new.speaker, new.original_text, new.original_language,
      new.entered_at, new.supersedes_id)
     is distinct from
     (old.session_id, old.ordinal, old.time_offset, old.speaker, old.original_text, old.original_language,
      old.entered_at, old.supersedes_id)
     or (old.translation is not null and new.translation is distinct from old.translation)
     or (old.translation is not null and new.translation_language is distinct from old.translation_language) then
    raise exception 'transcript segment %: a segment logged live cannot be edited in place; correct it with a new segment that supersedes it', old.key
      using errcode = '23514', constraint = 'transcript_segment_live_append_only', table = tg_table_name,
            detail = 'rule transcript_segment_live_append_only: testimony logged live is never edited in place nor removed (only a missing translation may be added)';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end
$$;
create trigger transcript_segment_live_append_only before update or delete on inquest.transcript_segment
  for each row when (old.entered_at is not null)
  execute function inquest_private.transcript_segment_live_append_only();
alter table inquest.transcript_segment enable always trigger transcript_segment_live_append_only;

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

create function inquest_private.testimony_log_line_check() returns trigger
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
declare
  s record;
  v_missing text;
begin
  if tg_op <> 'INSERT' then
    raise exception 'testimony log line %: the live log is append-only', old.key
      using errcode = '23514', constraint = 'testimony_log_line_append_only', table = tg_table_name,
            detail = 'rule testimony_log_line_append_only: lines of a live testimony log are never updated or deleted';
  end if;
  select t.key, t.status, t.consent_given_at, t.consent_withdrawn_at into s
    from inquest.testimony_session t where t.case_id = new.case_id and t.id = new.session_id;
  if found then
    v_missing := case
      when s.consent_given_at is null then 'consent is not recorded (testimony consent --given-at ... --scope ...)'
      when s.consent_withdrawn_at is not null then 'consent was withdrawn'
      when s.status in ('held', 'cancelled') then format('the session is %s', s.status)
    end;
    if v_missing is not null then
      raise exception 'testimony session %: cannot log testimony: %', s.key, v_missing
        using errcode = '23514', constraint = 'testimony_log_line_needs_consent', table = tg_table_name,
              detail = 'rule testimony_log_line_needs_consent: testimony is logged only in a session with consent given and not withdrawn, neither held nor cancelled';
    end if;
  end if;
  new.recorded_at := now();
  new.recorded_by := session_user;
  return new;
end
$$;
create trigger testimony_log_line_check before insert or update or delete on inquest.testimony_log_line
  for each row execute function inquest_private.testimony_log_line_check();
alter table inquest.testimony_log_line enable always trigger testimony_log_line_check;

grant execute on function inquest_private.transcript_segment_live_append_only(), inquest_private.testimony_log_line_check()
  to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

------------------------------------------------------------------------------
-- 2. Read audit
------------------------------------------------------------------------------
alter table inquest."case" add column read_audit boolean not null default false;
comment on column inquest."case".read_audit is
  'Record every read of this case''s records through inquest (operation read). Reads of protected persons are recorded whatever this says. Admins only.';

-- The table a human key names (its prefix), from the generated key columns themselves.
create function inquest_private.table_of_key(p_key text) returns text
language sql stable
set search_path = pg_catalog, pg_temp
as $$
  select c.relname::text
    from pg_catalog.pg_attrdef d
    join pg_catalog.pg_attribute a on a.attrelid = d.adrelid and a.attnum = d.adnum and a.attname = 'key' and a.attgenerated = 's'
    join pg_catalog.pg_class c on c.oid = d.adrelid
   where c.relnamespace = 'inquest'::regnamespace
     and pg_catalog.pg_get_expr(d.adbin, d.adrelid) = format('(''%s-''::text || id)', (pg_catalog.regexp_match(p_key, '^([A-Z]{1,2})-[0-9]+$'))[1])
$$;
grant execute on function inquest_private.table_of_key(text) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- Records an access to one record: operation `read` (of a protected person: always; of
-- anything else: when its case has read_audit on), `export` (key: the case) or `dossier`
-- (key: the person), with the reason given. Returns whether an event was written.
-- The record must be visible to the caller under the same rules as row-level security
-- (admins and auditors: every case; investigators: their assigned cases); otherwise it
-- is "not found", exactly as for a key that does not exist, and nothing is written.
-- Runs in the caller's transaction: the caller commits it before reading.
create function inquest.record_access(p_operation text, p_key text, p_reason text default null) returns boolean
language plpgsql security definer
set search_path = pg_catalog, pg_temp
as $$
declare
  v_actor name := inquest_private.current_actor();
  v_table text;
  v_case bigint;
  v_protected boolean := false;
  v_read_audit boolean;
  v_key text := p_key;
begin
  if p_operation is null or p_operation not in ('read', 'export', 'dossier') then
    raise exception 'unknown access "%": expected read, export or dossier', p_operation
      using errcode = '22023', detail = 'rule record_access_operation';
  end if;
  if p_reason is not null and (pg_catalog.btrim(p_reason) = '' or pg_catalog.length(p_reason) > 2000) then
    raise exception 'reason: give a non-blank reason of at most 2000 characters'
      using errcode = '22023', detail = 'rule record_access_reason';
  end if;
  v_table := inquest_private.table_of_key(p_key);
  if v_table is not null then
    if v_table = 'case' then
      select c.id into v_case from inquest."case" c where c.key = p_key;
    else
      execute format('select case_id from inquest.%I where key = $1', v_table) into v_case using p_key;
    end if;
  else
    -- A case by its reference (IR-1988): the event names its key.
    select c.id, 'case', c.key into v_case, v_table, v_key from inquest."case" c where c.reference = p_key;
  end if;
  if v_case is null
     or not (pg_catalog.pg_has_role(v_actor, 'inquest_admin', 'member')
             or pg_catalog.pg_has_role(v_actor, 'inquest_auditor', 'member')
             or exists (select from inquest.case_assignment a where a.case_id = v_case and a.username = v_actor))
     or (p_operation = 'export' and v_table <> 'case')
     or (p_operation = 'dossier' and v_table <> 'person') then
    raise exception '% not found (or not visible to you)', p_key
      using errcode = '42704', detail = 'rule record_access_visible';
  end if;
  if v_table = 'person' then
    select p.protected into v_protected from inquest.person p where p.key = p_key;
  end if;
  if p_operation = 'read' then
    select c.read_audit into v_read_audit from inquest."case" c where c.id = v_case;
    if not (v_protected or v_read_audit) then
      return false;
    end if;
  end if;
  perform inquest_private.write_event(v_table, v_key, v_case, p_operation, null,
    pg_catalog.jsonb_build_object('reason', p_reason, 'protected', v_protected,
                                  'login', session_user::text, 'acting_role', v_actor::text));
  return true;
end
$$;
revoke execute on function inquest.record_access(text, text, text) from public;
grant execute on function inquest.record_access(text, text, text)
  to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

------------------------------------------------------------------------------
-- 3. Indexes for audit log filters and audit history
------------------------------------------------------------------------------
create index event_record_key on inquest_audit.event (record_key, id);
create index event_case_id on inquest_audit.event (case_id, id);
create index event_actor on inquest_audit.event (actor, id);
create index event_occurred_at on inquest_audit.event (occurred_at);

alter event trigger inquest_record_ddl enable;
alter event trigger inquest_record_drop enable;
