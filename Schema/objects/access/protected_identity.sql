-- Protected identities: read, written and revealed only through these functions.
--
-- An object file: re-applied by every `inquest migrate`; edit the definition here (see
-- Schema/README.md). Numbers such as 0011 in comments name legacy schema files
-- (docs/schema-history.md).

-- Reveals in two steps (legacy 0012; issue 10, classes 3 and 4). 0004's inquest.reveal_identity(key, reason) returned the
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
-- Refusals on record. A refused request is RETURNED (granted = false), not raised,
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

-- Is `who` cleared and assigned to case `p_case_id`?
create or replace function inquest_private.cleared_for(who name, p_case_id bigint) returns boolean
language sql stable
set search_path = pg_catalog, pg_temp
as $$
  select exists (select from pg_catalog.pg_roles r where r.rolname = who)
     and pg_catalog.pg_has_role(who, 'inquest_cleared', 'usage')
     and exists (select from inquest.case_assignment a where a.case_id = p_case_id and a.username = who)
$$;
revoke all on function inquest_private.cleared_for(name,bigint) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- Finds a person by key (internal; the callers are SECURITY DEFINER and see all).
create or replace function inquest_private.person_by_key(p_person_key text, out person_id bigint, out case_id bigint, out protected boolean)
language plpgsql stable
set search_path = pg_catalog, pg_temp
as $$
begin
  select p.id, p.case_id, p.protected into person_id, case_id, protected
    from inquest.person p where p.key = p_person_key;
  if not found then
    raise exception 'no person with key %', p_person_key using errcode = 'P0002';
  end if;
end
$$;
revoke all on function inquest_private.person_by_key(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- May the caller write the identity of a person of this case? Admins always
-- (both login and acting role hold inquest_admin); investigators when cleared,
-- assigned and the case is open.
create or replace function inquest_private.check_identity_writer(p_case_id bigint) returns void
language plpgsql stable
set search_path = pg_catalog, pg_temp
as $$
begin
  if pg_catalog.pg_has_role(session_user, 'inquest_admin', 'usage')
     and pg_catalog.pg_has_role(inquest_private.current_actor(), 'inquest_admin', 'usage') then
    return;
  end if;
  if inquest_private.cleared_for(session_user, p_case_id)
     and inquest_private.cleared_for(inquest_private.current_actor(), p_case_id)
     and pg_catalog.pg_has_role(inquest_private.current_actor(), 'inquest_investigator', 'usage')
     and exists (select from inquest."case" c where c.id = p_case_id and c.status = 'open') then
    return;
  end if;
  raise exception 'not permitted to record protected identities in this case'
    using errcode = '42501',
          detail = 'rule protected_identity_writer: an admin, or a cleared investigator assigned to the open case';
end
$$;
revoke all on function inquest_private.check_identity_writer(bigint) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- Records (or replaces) the real identity of a protected person. Returns its key.
create or replace function inquest.set_protected_identity(p_person_key text, p_real_name text, p_contact text, p_notes text)
returns text
language plpgsql volatile security definer
set search_path = pg_catalog, pg_temp
as $$
declare
  v_person record;
  v_key text;
begin
  v_person := inquest_private.person_by_key(p_person_key);
  perform inquest_private.check_identity_writer(v_person.case_id);
  if not v_person.protected then
    raise exception 'person % is not marked protected', p_person_key
      using errcode = '23514', detail = 'rule protected_identity_person_protected: mark the person protected first';
  end if;
  insert into inquest.protected_identity as i (case_id, person_id, real_name, contact, notes)
  values (v_person.case_id, v_person.person_id, p_real_name, p_contact, p_notes)
  on conflict (person_id) do update
     set real_name = excluded.real_name, contact = excluded.contact, notes = excluded.notes, updated_at = now()
  returning i.key into v_key;
  return v_key;
end
$$;
revoke all on function inquest.set_protected_identity(text,text,text,text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.set_protected_identity(text,text,text,text) to inquest_admin, inquest_cleared;

create or replace function inquest.delete_protected_identity(p_person_key text) returns boolean
language plpgsql volatile security definer
set search_path = pg_catalog, pg_temp
as $$
declare
  v_person record;
begin
  v_person := inquest_private.person_by_key(p_person_key);
  perform inquest_private.check_identity_writer(v_person.case_id);
  delete from inquest.protected_identity i where i.person_id = v_person.person_id;
  return found;
end
$$;
revoke all on function inquest.delete_protected_identity(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.delete_protected_identity(text) to inquest_admin, inquest_cleared;

-- One line in the server log, whatever the caller's transaction does afterwards. Values
-- are JSON-quoted, so a reason cannot forge a line of its own.
create or replace function inquest_private.log_reveal(p_what text, p_key text, p_reason text, p_why text) returns void
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
revoke all on function inquest_private.log_reveal(text,text,text,text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- Step 1. Always returns one row; refusals are returned, not raised, so that their event
-- can be committed. Bad input (no reason) is raised: it is not an attempt.
create or replace function inquest.request_reveal(p_person_key text, p_reason text)
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
comment on function inquest.request_reveal(text, text) is
  'Step 1 of a reveal (0012): records the attempt and, when permitted, returns a single-use grant valid for 30 s once committed.';
revoke all on function inquest.request_reveal(text,text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.request_reveal(text,text) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- Step 2. Every refusal raises the same error (nothing here can be committed anyway);
-- the server log says which rule failed.
create or replace function inquest.reveal_identity(p_person_key text, p_grant uuid)
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
comment on function inquest.reveal_identity(text, uuid) is
  'Step 2 of a reveal (0012): the identity, for a grant requested by an earlier, committed transaction of the same login and role.';
revoke all on function inquest.reveal_identity(text,uuid) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.reveal_identity(text,uuid) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
