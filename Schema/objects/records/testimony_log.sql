-- The live testimony log and the read audit (operation read).
--
-- An object file: re-applied by every `inquest migrate`; edit the definition here (see
-- Schema/README.md). Numbers such as 0011 in comments name legacy schema files
-- (docs/schema-history.md).

-- The table a human key names (its prefix), from the generated key columns themselves.
create or replace function inquest_private.table_of_key(p_key text) returns text
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
revoke all on function inquest_private.table_of_key(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.table_of_key(text) to public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

create or replace function inquest_private.testimony_log_line_check() returns trigger
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
  -- A restore (CaseRestore, an administrator's) loads lines as they were logged: when, by
  -- whom, in a session that may since have been held. The setting is read first, so that
  -- a live line does not pay for restoring() (an SQL function with a SET clause, planned
  -- again in every transaction: see records/guards.sql).
  if pg_catalog.current_setting('inquest.restore', true) = 'on' and inquest_private.restoring() then
    return new;
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
revoke all on function inquest_private.testimony_log_line_check() from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.testimony_log_line_check() to public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

create or replace function inquest_private.transcript_segment_live_append_only() returns trigger
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
revoke all on function inquest_private.transcript_segment_live_append_only() from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.transcript_segment_live_append_only() to public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- Records an access to one record: operation `read` (of a protected person: always; of
-- anything else: when its case has read_audit on), `export` (key: the case) or `dossier`
-- (key: the person), with the reason given. Returns whether an event was written.
-- The record must be visible to the caller under the same rules as row-level security
-- (admins and auditors: every case; investigators: their assigned cases); otherwise it
-- is "not found", exactly as for a key that does not exist, and nothing is written.
-- Runs in the caller's transaction: the caller commits it before reading.
create or replace function inquest.record_access(p_operation text, p_key text, p_reason text default null) returns boolean
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
revoke all on function inquest.record_access(text,text,text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.record_access(text,text,text) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

create or replace trigger testimony_log_line_check BEFORE INSERT OR DELETE OR UPDATE ON inquest.testimony_log_line FOR EACH ROW EXECUTE FUNCTION inquest_private.testimony_log_line_check();
alter table inquest.testimony_log_line enable always trigger testimony_log_line_check;

create or replace trigger transcript_segment_live_append_only BEFORE DELETE OR UPDATE ON inquest.transcript_segment FOR EACH ROW WHEN ((old.entered_at IS NOT NULL)) EXECUTE FUNCTION inquest_private.transcript_segment_live_append_only();
alter table inquest.transcript_segment enable always trigger transcript_segment_live_append_only;
