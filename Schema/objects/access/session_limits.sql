-- Session limits of Inquest users (statement, idle-in-transaction and lock timeouts), set
-- per user in this database, and re-applied after a restore.
--
-- An object file: re-applied by every `inquest migrate`; edit the definition here (see
-- Schema/README.md). Numbers such as 0011 in comments name legacy schema files
-- (docs/schema-history.md).

-- The defaults every Inquest user gets in this database. A statement that runs longer
-- is cancelled, a transaction left idle is ended (its connection closed), a lock wait
-- gives up. Generous for the product's own work (an import of 100,000 persons is one
-- transaction of about 35 s; verify of 1.5 million events one statement of about 8 s).
create or replace function inquest_private.default_user_limits()
returns table (setting text, value text)
language sql immutable
set search_path = pg_catalog, pg_temp
as $$
  values ('statement_timeout', '5min'),
         ('idle_in_transaction_session_timeout', '10min'),
         ('lock_timeout', '1min')
$$;
revoke all on function inquest_private.default_user_limits() from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- A user's current limits in this database (NULL: not set for them here).
create or replace function inquest_private.user_limit(p_username name, p_setting text) returns text
language sql stable
set search_path = pg_catalog, pg_temp
as $$
  select substr(c, pg_catalog.length(p_setting) + 2)
    from pg_catalog.pg_db_role_setting s
    join pg_catalog.pg_roles r on r.oid = s.setrole
    join pg_catalog.pg_database d on d.oid = s.setdatabase
   cross join lateral unnest(s.setconfig) c
   where r.rolname = p_username and d.datname = pg_catalog.current_database()
     and c like p_setting || '=%'
$$;
revoke all on function inquest_private.user_limit(name,text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- One limit value from an admin: a whole number with a unit (ms, s, min, h), from one
-- second to one day. 'default' restores Inquest's default. Returns the canonical text.
create or replace function inquest_private.check_limit(p_setting text, p_value text) returns text
language plpgsql immutable
set search_path = pg_catalog, pg_temp
as $$
declare
  m text[];
  ms numeric;
begin
  if p_value = 'default' then
    return (select d.value from inquest_private.default_user_limits() d where d.setting = p_setting);
  end if;
  m := pg_catalog.regexp_match(coalesce(p_value, ''), '^([0-9]{1,9})(ms|s|min|h)$');
  if m is not null then
    ms := m[1]::numeric * case m[2] when 'ms' then 1 when 's' then 1000 when 'min' then 60000 else 3600000 end;
  end if;
  if m is null or ms < 1000 or ms > 86400000 then
    raise exception '%: "%" is not a duration from 1s to 24h', p_setting, p_value
      using errcode = '22023', column = p_setting,
            detail = 'rule user_limit_duration: a whole number and a unit (ms, s, min, h) from 1s to 24h, or "default"';
  end if;
  return m[1] || m[2];
end
$$;
revoke all on function inquest_private.check_limit(text,text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- Sets the defaults that are not set yet for a user (existing users, new users).
create or replace function inquest_private.apply_default_limits(p_username name) returns void
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
declare
  d record;
begin
  for d in select * from inquest_private.default_user_limits() loop
    if inquest_private.user_limit(p_username, d.setting) is null then
      execute format('alter role %I in database %I set %s = %L', p_username, pg_catalog.current_database(),
                     d.setting, d.value);
    end if;
  end loop;
end
$$;
revoke all on function inquest_private.apply_default_limits(name) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- Changes a user's limits in this database; NULL leaves a limit as it is. Admins only;
-- audited (old and new values). Takes effect at the user's next login.
create or replace function inquest_private.set_user_limits(p_username name, p_statement_timeout text,
  p_idle_in_transaction_timeout text, p_lock_timeout text) returns void
language plpgsql security definer
set search_path = pg_catalog, pg_temp
as $$
declare
  v_new jsonb := '{}';
  v_old jsonb := '{}';
  v_set record;
  v_value text;
begin
  perform inquest_private.check_manageable(p_username);
  for v_set in select * from (values ('statement_timeout', p_statement_timeout),
                                     ('idle_in_transaction_session_timeout', p_idle_in_transaction_timeout),
                                     ('lock_timeout', p_lock_timeout)) v(setting, value)
                where v.value is not null loop
    v_value := inquest_private.check_limit(v_set.setting, v_set.value);
    v_old := v_old || pg_catalog.jsonb_build_object(v_set.setting, inquest_private.user_limit(p_username, v_set.setting));
    v_new := v_new || pg_catalog.jsonb_build_object(v_set.setting, v_value);
    execute format('alter role %I in database %I set %s = %L', p_username, pg_catalog.current_database(),
                   v_set.setting, v_value);
  end loop;
  if v_new = '{}' then
    raise exception 'no limit given: name at least one of statement_timeout, idle_in_transaction_session_timeout, lock_timeout'
      using errcode = '22023', detail = 'rule user_limit_given';
  end if;
  perform inquest_private.write_event('user', p_username, null, 'user_limits', v_old, v_new);
end
$$;
revoke all on function inquest_private.set_user_limits(name,text,text,text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.set_user_limits(name,text,text,text) to inquest_admin;

-- Every Inquest user's limits in this database (those user list shows).
create or replace function inquest_private.list_user_limits()
returns table (username name, statement_timeout text, idle_in_transaction_session_timeout text, lock_timeout text)
language sql stable security definer
set search_path = pg_catalog, pg_temp
as $$
  select u.username,
         inquest_private.user_limit(u.username, 'statement_timeout'),
         inquest_private.user_limit(u.username, 'idle_in_transaction_session_timeout'),
         inquest_private.user_limit(u.username, 'lock_timeout')
    from inquest_private.list_users() u
   order by u.username
$$;
revoke all on function inquest_private.list_user_limits() from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.list_user_limits() to inquest_admin, inquest_auditor;

-- Every user created from now on (inquest_private.create_user records it in app_user,
-- running as the owner) gets the defaults in the same transaction.
create or replace function inquest_private.app_user_limits() returns trigger
language plpgsql security definer
set search_path = pg_catalog, pg_temp
as $$
begin
  if exists (select from pg_catalog.pg_roles r where r.rolname = new.username and not r.rolsuper) then
    perform inquest_private.apply_default_limits(new.username);
  end if;
  return null;
end
$$;
revoke all on function inquest_private.app_user_limits() from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- What pg_dump does not carry, re-applied after a restore (legacy 0015, issue 15).
--
-- pg_dump of one database carries its tables, functions, grants, policies, event
-- triggers, and the grants on the pg_catalog views that 0011 revokes. It does not carry
-- the settings of roles in this database (ALTER ROLE ... IN DATABASE ... SET: the
-- session limits that 0013 gives every Inquest user) unless it runs with --create and
-- the database is restored under the same name. This function re-applies what is
-- missing: the default limits of every Inquest user who has none set in this database.
-- `inquest migrate` calls it after every run; where the settings are present it changes
-- nothing, so the restore procedure (pg_restore, then inquest migrate) repairs a
-- restored database. Limits an admin had changed come back as the defaults (the
-- user_limits events in the audit log say what they were); restore with
-- pg_dump --create / pg_restore --create to keep them. docs/replication.md.
create or replace function inquest_private.reapply_database_settings() returns integer
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
declare
  u record;
  n integer := 0;
begin
  -- The users 0013 gave limits to: Inquest users without role attributes that make
  -- them administrators of the server.
  for u in select a.username from inquest_private.app_user a
             join pg_catalog.pg_roles r on r.rolname = a.username
            where not (r.rolsuper or r.rolbypassrls or r.rolcreaterole or r.rolreplication)
              and exists (select from inquest_private.default_user_limits() d
                           where inquest_private.user_limit(a.username, d.setting) is null)
            order by a.username
  loop
    perform inquest_private.apply_default_limits(u.username);
    n := n + 1;
  end loop;
  return n;
end
$$;
revoke all on function inquest_private.reapply_database_settings() from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

create or replace trigger app_user_limits AFTER INSERT ON inquest_private.app_user FOR EACH ROW EXECUTE FUNCTION inquest_private.app_user_limits();
