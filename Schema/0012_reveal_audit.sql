-- 0012 Reveals recorded before anything is revealed, refusals recorded, and redaction
-- that tells nothing about the value (issue 10, classes 3, 4 and 5).
--
-- 1. REDACTION. 0002 replaced a protected value in audit events by HMAC-SHA-256 under
--    one key for the whole database. Equal values gave equal hashes: anyone reading the
--    log could link equal identities across records, and an admin who is not cleared
--    could test a guess by writing it to a protected person and comparing hashes (or,
--    on the same record, by seeing whether the column was listed among the changes).
--    Now a sensitive value enters an event only as the string "[redacted]" (JSON null
--    stays null), and an UPDATE event lists every sensitive column of its table, with
--    that marker as old and new value, whether or not it changed. Nothing in an event is
--    derived from the value, so no two values can be compared and no guess tested. The
--    log still says that such a field was written, when, by whom, and whether it is
--    empty. The HMAC key is destroyed (nothing else used it): the hashes already in the
--    log (chained, so never rewritten) can no longer test a guess, though equal old
--    values still show as equal among themselves.
--
-- 2. REVEALS IN TWO STEPS. 0004's inquest.reveal_identity(key, reason) returned the
--    identity and wrote its audit event in the caller's transaction, so BEGIN ... ROLLBACK,
--    or a statement that hands the name to a function that prints it and then fails,
--    showed the name and rolled the event back. It is dropped. Now:
--
--      inquest.request_reveal(person_key, reason) -> (granted, grant_id, expires_at, message)
--        checks the caller, writes the reveal event, and on success creates a grant:
--        single-use, valid for 30 seconds, bound to the login role (session_user), the
--        acting role (current_actor()) and the person. The caller COMMITS this.
--      inquest.reveal_identity(person_key, grant_id) -> the identity
--        only for a grant whose creating transaction has COMMITTED (pg_xact_status; a
--        grant of the reading transaction itself is refused, since its event could still
--        roll back), same login, same acting role, same person, not expired, not used,
--        caller still cleared and assigned.
--    `inquest identity reveal` runs the two in two transactions.
--
--    ONCE means once, whatever the reading transaction does. A grant is spent by the
--    first read that passes every other check, even if that read's transaction then rolls
--    back: each grant has its own sequence, and the read takes nextval() of it, which no
--    rollback undoes (only the definer can touch the sequence). The committed request
--    already recorded that the identity was shown; a second look needs a second request,
--    hence a second event. A grant's sequence is created with the grant and dropped,
--    with the grant's row, by the same login's next request once the grant is used or
--    expired (only its own: a user can hold up nobody else's request).
--
-- 3. REFUSALS ON RECORD. A refused request is RETURNED (granted = false), not raised,
--    after writing a 'reveal' event with granted = false and why it was refused
--    (no_such_person, not_cleared_and_assigned, not_protected) plus the key asked for and
--    the reason given: the CLI commits it. What survives a caller who rolls back instead
--    is a line in the server log, written at level LOG (logged by a default deployment,
--    whose log_min_messages is 'warning', and not sent to the client), naming the login
--    and acting role itself, since the default log_line_prefix ('%m [%p] ') names neither:
--      inquest reveal refused: login="bijan" actor="bijan" key="P-9" reason="..." (not_protected)
--    A refused read, a granted request and a read are logged the same way ("read refused",
--    "granted", "read"). Only a superuser can change log_min_messages; a deployment that
--    raises it above LOG loses these lines. Lines are never sent to the client (LOG is
--    below client_min_messages' default, 'notice').
--    The caller sees ONE message for every refusal, whether the key belongs to a case
--    they may not see, to an unprotected person, or to nobody; the event and the log
--    line, read by auditors and operators, say which.
--
-- Entitlement is unchanged from 0004: inquest_private.cleared_for() for both the login
-- role and the acting role. Both functions may be called by every Inquest group, so
-- that an attempt by someone without clearance is recorded too.

------------------------------------------------------------------------------
-- 1. Redaction
------------------------------------------------------------------------------

-- Same signature as 0002 (the audit trigger passes the key it no longer has as null).
create or replace function inquest_private.redact(j jsonb, cols text[], k bytea) returns jsonb
language sql immutable parallel safe
set search_path = pg_catalog, pg_temp
as $$
  select j || coalesce((
    select pg_catalog.jsonb_object_agg(c,
             case when pg_catalog.jsonb_typeof(j -> c) = 'null' then j -> c
                  else '"[redacted]"'::jsonb
             end)
      from pg_catalog.unnest(cols) as c
     where j ? c), '{}'::jsonb)
$$;

-- 0002's trigger, with two changes: no key is read, and an update lists the sensitive
-- columns whether or not they changed (otherwise writing a guess over a protected value
-- and finding the column missing from the update event would confirm the guess).
create or replace function inquest_private.audit_statement() returns trigger
language plpgsql security definer
set search_path = pg_catalog, pg_temp
as $$
declare
  -- inquest_private.current_actor(), written out: this runs for every statement.
  v_actor name := coalesce(nullif(pg_catalog.current_setting('role'), 'none'), session_user)::name;
  v_case text := tg_argv[0];
  v_cols text[];
begin
  -- TG_ARGV[1..] are the sensitive columns (from inquest_private.sensitive_column,
  -- copied into the trigger by enroll() / mark_sensitive(): no lookup per statement).
  if tg_nargs > 1 then
    v_cols := tg_argv[1:tg_nargs - 1];
  end if;
  if tg_op = 'INSERT' then
    insert into inquest_audit.event (actor, table_name, record_key, case_id, operation, new_values)
    select v_actor, tg_table_name, coalesce(j ->> 'key', j ->> 'id'), (j ->> v_case)::bigint, 'insert',
           case when v_cols is null then j else inquest_private.redact(j, v_cols, null) end
      from (select pg_catalog.to_jsonb(n) as j from new_rows n) x;
  elsif tg_op = 'DELETE' then
    insert into inquest_audit.event (actor, table_name, record_key, case_id, operation, old_values)
    select v_actor, tg_table_name, coalesce(j ->> 'key', j ->> 'id'), (j ->> v_case)::bigint, 'delete',
           case when v_cols is null then j else inquest_private.redact(j, v_cols, null) end
      from (select pg_catalog.to_jsonb(o) as j from old_rows o) x;
  elsif tg_op = 'UPDATE' and v_cols is null then
    insert into inquest_audit.event (actor, table_name, record_key, case_id, operation, old_values, new_values)
    select v_actor, tg_table_name, coalesce(nj ->> 'key', nj ->> 'id'), (nj ->> v_case)::bigint, 'update', d.oldv, d.newv
      from (select pg_catalog.to_jsonb(o) as oj from old_rows o) a
      join (select pg_catalog.to_jsonb(n) as nj from new_rows n) b on (a.oj -> 'id') = (b.nj -> 'id')
      cross join lateral (
        select coalesce(pg_catalog.jsonb_object_agg(ov.key, ov.value), '{}') as oldv,
               coalesce(pg_catalog.jsonb_object_agg(ov.key, b.nj -> ov.key), '{}') as newv
          from pg_catalog.jsonb_each(a.oj) ov
         where ov.value is distinct from (b.nj -> ov.key)) d;
  elsif tg_op = 'UPDATE' then
    insert into inquest_audit.event (actor, table_name, record_key, case_id, operation, old_values, new_values)
    select v_actor, tg_table_name, coalesce(nj ->> 'key', nj ->> 'id'), (nj ->> v_case)::bigint, 'update',
           inquest_private.redact(d.oldv, v_cols, null), inquest_private.redact(d.newv, v_cols, null)
      from (select pg_catalog.to_jsonb(o) as oj from old_rows o) a
      join (select pg_catalog.to_jsonb(n) as nj from new_rows n) b on (a.oj -> 'id') = (b.nj -> 'id')
      cross join lateral (
        select coalesce(pg_catalog.jsonb_object_agg(ov.key, ov.value), '{}') as oldv,
               coalesce(pg_catalog.jsonb_object_agg(ov.key, b.nj -> ov.key), '{}') as newv
          from pg_catalog.jsonb_each(a.oj) ov
         where ov.value is distinct from (b.nj -> ov.key) or ov.key = any (v_cols)) d;
  end if;
  return null;
end
$$;

-- Destroy the key: overwrite it first (the old value survives only in a dead row
-- version until VACUUM, and in backups and WAL archives taken before this migration),
-- then drop the column.
update inquest_private.secret set hmac_key = inquest_ext.gen_random_bytes(32);
alter table inquest_private.secret drop column hmac_key;

------------------------------------------------------------------------------
-- 2. Reveals in two steps
------------------------------------------------------------------------------

drop function inquest.reveal_identity(text, text);

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

-- One line in the server log, whatever the caller's transaction does afterwards. Values
-- are JSON-quoted, so a reason cannot forge a line of its own.
create function inquest_private.log_reveal(p_what text, p_key text, p_reason text, p_why text) returns void
language plpgsql volatile
set search_path = pg_catalog, pg_temp
as $$
begin
  raise log '%', pg_catalog.format('inquest reveal %s: login=%s actor=%s key=%s reason=%s%s', p_what,
    pg_catalog.to_jsonb(session_user::text), pg_catalog.to_jsonb(inquest_private.current_actor()::text),
    coalesce(pg_catalog.to_jsonb(p_key)::text, 'null'), coalesce(pg_catalog.to_jsonb(p_reason)::text, 'null'),
    coalesce(' (' || p_why || ')', ''));
end
$$;

-- Step 1. Always returns one row; refusals are returned, not raised, so that their event
-- can be committed. Bad input (no reason) is raised: it is not an attempt.
create function inquest.request_reveal(p_person_key text, p_reason text)
returns table (granted boolean, grant_id uuid, expires_at timestamptz, message text)
language plpgsql volatile security definer
set search_path = pg_catalog, pg_temp
as $$
declare
  v_login name := session_user;
  v_actor name := inquest_private.current_actor();
  v_person record;
  v_refused text;
  v_grant inquest_private.reveal_grant;
  v_old record;
begin
  if p_reason is null or pg_catalog.length(pg_catalog.btrim(p_reason)) < 3 then
    raise exception 'a reason is required to reveal a protected identity'
      using errcode = '22023', column = 'reason',
            detail = 'rule reveal_reason_required: at least 3 characters saying why';
  end if;
  select p.id, p.case_id, p.protected into v_person from inquest.person p where p.key = p_person_key;
  v_refused := case
    when v_person.id is null then 'no_such_person'
    when not (inquest_private.cleared_for(v_login, v_person.case_id)
              and inquest_private.cleared_for(v_actor, v_person.case_id)) then 'not_cleared_and_assigned'
    when not v_person.protected then 'not_protected'
  end;
  if v_refused is not null then
    perform inquest_private.write_event('protected_identity', p_person_key, v_person.case_id, 'reveal', null,
      pg_catalog.jsonb_build_object('reason', p_reason, 'granted', false, 'refused', v_refused));
    perform inquest_private.log_reveal('refused', p_person_key, p_reason, v_refused);
    return query select false, null::uuid, null::timestamptz,
      'not permitted to reveal this identity (rule reveal_cleared_and_assigned: a protected person of a case '
      || 'your login and your current role are both cleared for and assigned to; this attempt is recorded)';
    return;
  end if;

  -- This login's used or expired grants go, with their counters.
  for v_old in
    delete from inquest_private.reveal_grant g
     where g.login = v_login and (g.read_at is not null or g.expires_at < pg_catalog.clock_timestamp())
    returning g.n
  loop
    execute pg_catalog.format('drop sequence if exists inquest_private.%I', 'reveal_grant_' || v_old.n);
  end loop;

  insert into inquest_private.reveal_grant (login, actor, person_key, person_id, case_id, expires_at)
  values (v_login, v_actor, p_person_key, v_person.id, v_person.case_id, pg_catalog.clock_timestamp() + interval '30 seconds')
  returning * into v_grant;
  execute pg_catalog.format('create sequence inquest_private.%I as bigint', 'reveal_grant_' || v_grant.n);
  perform inquest_private.write_event('protected_identity', p_person_key, v_person.case_id, 'reveal', null,
    pg_catalog.jsonb_build_object('reason', p_reason, 'granted', true, 'grant', v_grant.id,
      'found', exists (select from inquest.protected_identity i where i.person_id = v_person.id)));
  perform inquest_private.log_reveal('granted', p_person_key, p_reason, 'grant ' || v_grant.id);
  return query select true, v_grant.id, v_grant.expires_at, 'granted: commit, then read with inquest.reveal_identity(person_key, grant_id)';
end
$$;

-- Step 2. Every refusal raises the same error (nothing here can be committed anyway);
-- the server log says which rule failed.
create function inquest.reveal_identity(p_person_key text, p_grant uuid)
returns table (person_key text, real_name text, contact text, notes text, updated_at timestamptz)
language plpgsql volatile security definer
set search_path = pg_catalog, pg_temp
as $$
declare
  g inquest_private.reveal_grant;
  v_why text;
begin
  select * into g from inquest_private.reveal_grant x where x.id = p_grant;
  v_why := case
    when g.id is null then 'no such grant'
    when g.login <> session_user or g.actor <> inquest_private.current_actor() then 'granted to ' || g.login || ' as ' || g.actor
    when g.person_key is distinct from p_person_key then 'granted for ' || g.person_key
    when pg_catalog.pg_xact_status(g.requested_xid) is distinct from 'committed' then 'request not committed'
    when g.expires_at <= pg_catalog.clock_timestamp() then 'expired'
    when g.read_at is not null then 'already used'
    when not (inquest_private.cleared_for(session_user, g.case_id)
              and inquest_private.cleared_for(inquest_private.current_actor(), g.case_id)) then 'no longer cleared and assigned'
  end;
  -- Spent from here on, whatever this transaction does next (nextval is never rolled back).
  if v_why is null
     and pg_catalog.nextval(pg_catalog.format('inquest_private.%I', 'reveal_grant_' || g.n)::regclass) > 1 then
    v_why := 'already used';
  end if;
  if v_why is not null then
    perform inquest_private.log_reveal('read refused', p_person_key, null, 'grant ' || coalesce(p_grant::text, 'null') || ': ' || v_why);
    raise exception 'this reveal grant cannot be used: request a new one'
      using errcode = '42501',
            detail = 'rule reveal_grant_valid: a grant is read once, within 30 seconds, after the transaction that requested it committed, '
                     || 'by the same login and role, for the same person';
  end if;
  update inquest_private.reveal_grant x set read_at = pg_catalog.clock_timestamp() where x.id = g.id;
  perform inquest_private.log_reveal('read', p_person_key, null, 'grant ' || g.id);
  return query
    select g.person_key, i.real_name, i.contact, i.notes, i.updated_at
      from inquest.protected_identity i where i.person_id = g.person_id;
end
$$;

revoke execute on function
  inquest_private.log_reveal(text, text, text, text),
  inquest.request_reveal(text, text),
  inquest.reveal_identity(text, uuid)
  from public;
grant execute on function inquest.request_reveal(text, text), inquest.reveal_identity(text, uuid)
  to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

comment on function inquest.request_reveal(text, text) is
  'Step 1 of a reveal (0012): records the attempt and, when permitted, returns a single-use grant valid for 30 s once committed.';
comment on function inquest.reveal_identity(text, uuid) is
  'Step 2 of a reveal (0012): the identity, for a grant requested by an earlier, committed transaction of the same login and role.';
