-- 0004 Protected identities.
--
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
  constraint protected_identity_one_per_person unique (person_id),
  constraint protected_identity_case_id_id_unique unique (case_id, id),
  constraint protected_identity_person_fk foreign key (case_id, person_id) references inquest.person (case_id, id)
);
comment on table inquest.protected_identity is
  'Real identities of protected persons. No direct access; see inquest.reveal_identity().';

-- Take back what the enrollment granted: nobody but the owner reads or writes
-- this table directly.
revoke all on inquest.protected_identity from inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared, public;
drop policy inquest_admin_all on inquest.protected_identity;
drop policy inquest_auditor_read on inquest.protected_identity;
drop policy inquest_investigator_read on inquest.protected_identity;
drop policy inquest_investigator_insert on inquest.protected_identity;
drop policy inquest_investigator_update on inquest.protected_identity;
drop policy inquest_investigator_delete on inquest.protected_identity;

-- Is `who` cleared and assigned to case `p_case_id`?
create function inquest_private.cleared_for(who name, p_case_id bigint) returns boolean
language sql stable
set search_path = pg_catalog, pg_temp
as $$
  select exists (select from pg_catalog.pg_roles r where r.rolname = who)
     and pg_catalog.pg_has_role(who, 'inquest_cleared', 'usage')
     and exists (select from inquest.case_assignment a where a.case_id = p_case_id and a.username = who)
$$;

-- Finds a person by key (internal; the callers are SECURITY DEFINER and see all).
create function inquest_private.person_by_key(p_person_key text, out person_id bigint, out case_id bigint, out protected boolean)
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

create function inquest.reveal_identity(p_person_key text, p_reason text)
returns table (person_key text, real_name text, contact text, notes text, updated_at timestamptz)
language plpgsql volatile security definer
set search_path = pg_catalog, pg_temp
as $$
declare
  v_person record;
  v_found boolean;
begin
  if p_reason is null or length(btrim(p_reason)) < 3 then
    raise exception 'a reason is required to reveal a protected identity'
      using errcode = '22023', detail = 'rule reveal_reason_required: at least 3 characters saying why';
  end if;
  v_person := inquest_private.person_by_key(p_person_key);
  if not (inquest_private.cleared_for(session_user, v_person.case_id)
          and inquest_private.cleared_for(inquest_private.current_actor(), v_person.case_id)) then
    raise exception 'not permitted to reveal the identity of %', p_person_key
      using errcode = '42501',
            detail = 'rule reveal_cleared_and_assigned: requires inquest_cleared and assignment to the case, for the login role and the current role';
  end if;
  v_found := exists (select from inquest.protected_identity i where i.person_id = v_person.person_id);
  perform inquest_private.write_event('protected_identity', p_person_key, v_person.case_id, 'reveal', null,
    pg_catalog.jsonb_build_object('reason', p_reason, 'found', v_found));
  return query
    select p_person_key, i.real_name, i.contact, i.notes, i.updated_at
      from inquest.protected_identity i where i.person_id = v_person.person_id;
end
$$;

-- May the caller write the identity of a person of this case? Admins always
-- (both login and acting role hold inquest_admin); investigators when cleared,
-- assigned and the case is open.
create function inquest_private.check_identity_writer(p_case_id bigint) returns void
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

-- Records (or replaces) the real identity of a protected person. Returns its key.
create function inquest.set_protected_identity(p_person_key text, p_real_name text, p_contact text, p_notes text)
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

create function inquest.delete_protected_identity(p_person_key text) returns boolean
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

revoke execute on function
  inquest_private.cleared_for(name, bigint),
  inquest_private.person_by_key(text),
  inquest_private.check_identity_writer(bigint),
  inquest.reveal_identity(text, text),
  inquest.set_protected_identity(text, text, text, text),
  inquest.delete_protected_identity(text)
  from public;
grant execute on function inquest.reveal_identity(text, text) to inquest_cleared;
grant execute on function inquest.set_protected_identity(text, text, text, text), inquest.delete_protected_identity(text)
  to inquest_admin, inquest_cleared;
