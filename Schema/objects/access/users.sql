-- Users: PostgreSQL login roles made and managed by admins through these functions, each
-- change audited.
--
-- An object file: re-applied by every `inquest migrate`; edit the definition here (see
-- Schema/README.md). Numbers such as 0011 in comments name legacy schema files
-- (docs/schema-history.md).

create or replace function inquest_private.role_group(p_kind text) returns name
language plpgsql immutable
set search_path = pg_catalog, pg_temp
as $$
begin
  case p_kind
    when 'admin' then return 'inquest_admin';
    when 'investigator' then return 'inquest_investigator';
    when 'auditor' then return 'inquest_auditor';
    when 'cleared' then return 'inquest_cleared';
    else
      raise exception 'unknown role "%": expected admin, investigator, auditor or cleared', p_kind
        using errcode = '22023', detail = 'rule user_role_kind';
  end case;
end
$$;
revoke all on function inquest_private.role_group(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

create or replace function inquest_private.check_verifier(p_verifier text) returns void
language plpgsql immutable
set search_path = pg_catalog, pg_temp
as $$
begin
  if p_verifier is not null
     and p_verifier !~ '^SCRAM-SHA-256\$[0-9]+:[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*:[A-Za-z0-9+/]+=*$' then
    -- Never echo the value: it may be a password sent by mistake.
    raise exception 'password must be given as a SCRAM-SHA-256 verifier, not as text'
      using errcode = '22023', detail = 'rule user_password_scram_verifier',
            hint = 'compute it on the client with libpq PQencryptPasswordConn(..., "scram-sha-256")';
  end if;
end
$$;
revoke all on function inquest_private.check_verifier(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- The role a management function may act on: one created by create_user or a
-- member of an Inquest group, and never a superuser or otherwise privileged role.
create or replace function inquest_private.check_manageable(p_username name) returns void
language plpgsql stable
set search_path = pg_catalog, pg_temp
as $$
declare
  r pg_catalog.pg_roles;
begin
  select * into r from pg_catalog.pg_roles where rolname = p_username;
  if not found then
    raise exception 'no such user: %', p_username using errcode = '42704';
  end if;
  if r.rolsuper or r.rolbypassrls or r.rolcreaterole or r.rolreplication or r.rolcreatedb
     or p_username in ('inquest_admin', 'inquest_investigator', 'inquest_auditor', 'inquest_cleared')
     or not (exists (select from inquest_private.app_user u where u.username = p_username)
             or exists (select from pg_catalog.pg_auth_members m join pg_catalog.pg_roles g on g.oid = m.roleid
                         where m.member = r.oid
                           and g.rolname in ('inquest_admin', 'inquest_investigator', 'inquest_auditor', 'inquest_cleared'))) then
    raise exception '% is not an Inquest user and cannot be managed here', p_username
      using errcode = '42501', detail = 'rule user_manageable';
  end if;
end
$$;
revoke all on function inquest_private.check_manageable(name) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

create or replace function inquest_private.create_user(p_username name, p_role text, p_cleared boolean, p_password_verifier text)
returns void
language plpgsql security definer
set search_path = pg_catalog, pg_temp
as $$
declare
  v_groups text;
begin
  if p_username is null or p_username::text !~ '^[a-z][a-z0-9_]{1,62}$'
     or p_username::text ~ '^(pg_|inquest_)' or p_username in ('public', 'none') then
    raise exception 'user name "%" is invalid', p_username
      using errcode = '22023', detail = 'rule user_name_format: 2 to 63 characters, lower-case letters, digits and "_", starting with a letter, not starting with pg_ or inquest_';
  end if;
  perform inquest_private.check_verifier(p_password_verifier);
  if exists (select from pg_catalog.pg_roles where rolname = p_username) then
    raise exception 'user % already exists', p_username using errcode = '42710';
  end if;
  v_groups := format('%I', inquest_private.role_group(p_role));
  if coalesce(p_cleared, false) then
    v_groups := v_groups || ', inquest_cleared';
  end if;
  execute format('create role %I login inherit nosuperuser nocreatedb nocreaterole noreplication nobypassrls in role %s',
                 p_username, v_groups);
  if p_password_verifier is not null then
    execute format('alter role %I password %L', p_username, p_password_verifier);
  end if;
  insert into inquest_private.app_user (username, created_by) values (p_username, inquest_private.current_actor());
  perform inquest_private.write_event('user', p_username, null, 'user_add', null,
    jsonb_build_object('role', p_role, 'cleared', coalesce(p_cleared, false), 'login', true,
                       'password', p_password_verifier is not null));
end
$$;
revoke all on function inquest_private.create_user(name,text,boolean,text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.create_user(name,text,boolean,text) to inquest_admin;

create or replace function inquest_private.grant_role(p_username name, p_role text) returns void
language plpgsql security definer
set search_path = pg_catalog, pg_temp
as $$
declare
  v_group name := inquest_private.role_group(p_role);
begin
  perform inquest_private.check_manageable(p_username);
  execute format('grant %I to %I', v_group, p_username);
  perform inquest_private.write_event('user', p_username, null, 'user_grant', null, jsonb_build_object('role', p_role));
end
$$;
revoke all on function inquest_private.grant_role(name,text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.grant_role(name,text) to inquest_admin;

create or replace function inquest_private.revoke_role(p_username name, p_role text) returns void
language plpgsql security definer
set search_path = pg_catalog, pg_temp
as $$
declare
  v_group name := inquest_private.role_group(p_role);
begin
  perform inquest_private.check_manageable(p_username);
  execute format('revoke %I from %I', v_group, p_username);
  perform inquest_private.write_event('user', p_username, null, 'user_revoke', jsonb_build_object('role', p_role), null);
end
$$;
revoke all on function inquest_private.revoke_role(name,text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.revoke_role(name,text) to inquest_admin;

-- A user's login removed (disable) or given back (enable); role and history kept.
create or replace function inquest_private.set_user_login(p_username name, p_login boolean) returns void
language plpgsql security definer
set search_path = pg_catalog, pg_temp
as $$
begin
  perform inquest_private.check_manageable(p_username);
  execute format('alter role %I %s', p_username, case when p_login then 'login' else 'nologin' end);
  perform inquest_private.write_event('user', p_username, null,
    case when p_login then 'user_enable' else 'user_disable' end,
    jsonb_build_object('login', not p_login), jsonb_build_object('login', p_login));
end
$$;
revoke all on function inquest_private.set_user_login(name, boolean) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

create or replace function inquest_private.disable_user(p_username name) returns void
language sql security definer
set search_path = pg_catalog, pg_temp
as $$ select inquest_private.set_user_login(p_username, false) $$;
revoke all on function inquest_private.disable_user(name) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.disable_user(name) to inquest_admin;

create or replace function inquest_private.enable_user(p_username name) returns void
language sql security definer
set search_path = pg_catalog, pg_temp
as $$ select inquest_private.set_user_login(p_username, true) $$;
revoke all on function inquest_private.enable_user(name) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.enable_user(name) to inquest_admin;

create or replace function inquest_private.set_password(p_username name, p_password_verifier text) returns void
language plpgsql security definer
set search_path = pg_catalog, pg_temp
as $$
begin
  perform inquest_private.check_manageable(p_username);
  if p_password_verifier is null then
    raise exception 'a password verifier is required' using errcode = '22023', detail = 'rule user_password_scram_verifier';
  end if;
  perform inquest_private.check_verifier(p_password_verifier);
  execute format('alter role %I password %L', p_username, p_password_verifier);
  perform inquest_private.write_event('user', p_username, null, 'user_password', null, jsonb_build_object('password', true));
end
$$;
revoke all on function inquest_private.set_password(name,text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.set_password(name,text) to inquest_admin;

create or replace function inquest_private.list_users()
returns table (username name, roles text[], can_login boolean, cleared boolean, created_at timestamptz)
language sql stable security definer
set search_path = pg_catalog, pg_temp
as $$
  select r.rolname,
         array(select substr(g.rolname, 9) from pg_catalog.pg_auth_members m
                 join pg_catalog.pg_roles g on g.oid = m.roleid
                where m.member = r.oid and g.rolname in ('inquest_admin', 'inquest_investigator', 'inquest_auditor')
                order by 1),
         r.rolcanlogin,
         exists (select from pg_catalog.pg_auth_members m join pg_catalog.pg_roles g on g.oid = m.roleid
                  where m.member = r.oid and g.rolname = 'inquest_cleared'),
         u.created_at
    from pg_catalog.pg_roles r
    left join inquest_private.app_user u on u.username = r.rolname
   where not r.rolsuper
     and r.rolname not in ('inquest_admin', 'inquest_investigator', 'inquest_auditor', 'inquest_cleared')
     and (u.username is not null
          or exists (select from pg_catalog.pg_auth_members m join pg_catalog.pg_roles g on g.oid = m.roleid
                      where m.member = r.oid
                        and g.rolname in ('inquest_admin', 'inquest_investigator', 'inquest_auditor', 'inquest_cleared')))
   order by r.rolname
$$;
revoke all on function inquest_private.list_users() from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.list_users() to inquest_admin, inquest_auditor;

-- Why an assignee is refused, or NULL when it may be assigned: a login role recorded
-- in inquest_private.app_user (made by `inquest user add`), holding inquest_investigator,
-- and not privileged. Owner-only: the trigger below and this migration call it.
create or replace function inquest_private.assignee_problem(p_username name) returns text
language sql stable
set search_path = pg_catalog, pg_temp
as $$
  select case
    when r.rolname is null then 'no such role'
    when not exists (select from inquest_private.app_user u where u.username = p_username)
      then 'not an Inquest user (only users made by `inquest user add` can be assigned)'
    when not r.rolcanlogin then 'not a login role'
    when r.rolsuper or r.rolbypassrls or r.rolcreaterole or r.rolreplication then 'a privileged role'
    when not pg_catalog.pg_has_role(p_username, 'inquest_investigator', 'member') then 'not an investigator'
  end
  from (select 1) one
  left join pg_catalog.pg_roles r on r.rolname = p_username
$$;
revoke all on function inquest_private.assignee_problem(name) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
