-- 0013 Issue 10, classes 6, 7 and 9 (server side): who may be assigned, a sealer
-- nobody can stall, and session limits for application roles.
--
--   1. Assignments name Inquest users only. Assigning a group role (inquest_investigator)
--      opened the case to everyone who can SET ROLE to it; `postgres` or a role made
--      by hand with CREATE ROLE is not a user that Inquest manages either. Existing
--      assignments that break the rule are removed here, with a WARNING naming each
--      one and an audit event (the delete) for each.
--   2. seal() can no longer be held up. Before, `BEGIN; select inquest_audit.seal();`
--      left open kept seal_state's row lock: seal(false) returned 0 for everyone and
--      seal(true) (audit log, verify, export, checkpoint) waited forever. Now a sealer
--      never queues on the lock: it looks at the backend holding it and
--        - terminates it at once if its sealing call is over and it sits idle in its
--          transaction (the product always seals in autocommit: its sealer never is);
--        - terminates it after a grace period (5 s, seen by the caller) if its sealing
--          call has returned but the statement goes on (`select seal(), pg_sleep(..)`,
--          a pipeline that never syncs), or if it is running anything but a plain
--          `select inquest_audit.seal(...)`, or waiting on its client mid-statement;
--        - waits for it (bounded: 30 s, then an error naming it) only while it is
--          inside seal() itself, running a statement that does nothing else. seal(false)
--          returns 0 at once in that case: that sealer finishes in bounded time.
--      Every termination is an audit event (operation sealer_terminate) naming the
--      backend, its login and why. Terminating needs the owner of seal() to be a
--      superuser (as `inquest migrate` is run), or else a member of pg_signal_backend
--      and pg_read_all_stats (and then it cannot terminate a superuser's backend).
--      None of this depends on a setting a user can change for their own session.
--   3. Login roles created by `inquest user add` get statement_timeout,
--      idle_in_transaction_session_timeout and lock_timeout in this database
--      (ALTER ROLE ... IN DATABASE ... SET), existing users too; admins change them
--      with inquest_private.set_user_limits (audited as user_limits). A user can still
--      SET them for their own session: they protect against accidents, not against
--      a hostile user, which is why class 7 does not rely on them.

------------------------------------------------------------------------------
-- New audit operations
------------------------------------------------------------------------------
-- Adds to the operations the check already allows (whatever other migrations added),
-- keeping the one-array-constant form of 0010.
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
            from unnest(v_ops || array['user_limits', 'sealer_terminate']) with ordinality as u(o, ord)
           group by o) x;
  execute format('alter table inquest_audit.event drop constraint event_operation_known, '
                 'add constraint event_operation_known check (operation = any (%L::text[]))', v_ops);
end
$ops$;

------------------------------------------------------------------------------
-- 1. Only Inquest users may be assigned (class 6)
------------------------------------------------------------------------------
-- Why an assignee is refused, or NULL when it may be assigned: a login role recorded
-- in inquest_private.app_user (made by `inquest user add`), holding inquest_investigator,
-- and not privileged. Owner-only: the trigger below and this migration call it.
create function inquest_private.assignee_problem(p_username name) returns text
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

-- As in 0002, plus the rule above. SECURITY DEFINER because app_user is readable by the
-- owner only; a trigger function cannot be called directly, and its search_path is pinned.
create or replace function inquest_private.case_assignment_check() returns trigger
language plpgsql security definer
set search_path = pg_catalog, pg_temp
as $$
declare
  v_problem text;
begin
  if tg_op = 'INSERT' or new.username is distinct from old.username or new.case_id is distinct from old.case_id then
    v_problem := inquest_private.assignee_problem(new.username);
    if v_problem is not null then
      raise exception 'cannot assign %: %', new.username, v_problem
        using errcode = '23514', constraint = 'case_assignment_assignee_investigator', column = 'username',
              detail = 'rule case_assignment_assignee_investigator: the assignee is an Inquest user (made by inquest user add) who is an investigator';
    end if;
    new.assigned_by := inquest_private.current_actor();
    new.assigned_at := now();
  else
    new.assigned_by := old.assigned_by;
    new.assigned_at := old.assigned_at;
  end if;
  new.case_open := (select c.status = 'open' from inquest."case" c where c.id = new.case_id);
  return new;
end
$$;
revoke execute on function inquest_private.case_assignment_check(), inquest_private.assignee_problem(name) from public;

-- Assignments made before this rule that break it are removed: each one opened a case
-- to somebody Inquest does not manage (for a group role: to every member who can SET
-- ROLE to it). Removing is safe (an admin can assign a real user again) and each
-- delete is an audit event by the migrating role. A login role made by hand that
-- should keep its cases must first be recorded as a user by a superuser
-- (insert into inquest_private.app_user) and assigned again.
do $cleanup$
declare
  r record;
begin
  for r in
    delete from inquest.case_assignment a
     where inquest_private.assignee_problem(a.username) is not null
    returning a.key, a.case_id, a.username, inquest_private.assignee_problem(a.username) as problem
  loop
    raise warning 'removed assignment % of % to case % (id %): %', r.key, r.username,
      (select c.reference from inquest."case" c where c.id = r.case_id), r.case_id, r.problem
      using detail = 'rule case_assignment_assignee_investigator';
  end loop;
end
$cleanup$;

------------------------------------------------------------------------------
-- 2. A sealer nobody can stall (class 7)
------------------------------------------------------------------------------
-- A marker that a seal() call has returned within the statement that started at `ts`:
-- a transaction-level shared advisory lock (classid 1399611717 = 'SEAL' in ASCII,
-- objid = the statement's start in microseconds modulo 2^31), visible to every backend
-- in pg_locks. Anybody can take such a lock, but it only ever makes its holder look
-- finished (and so terminable), never busy; transaction-level advisory locks cannot be
-- released before the transaction ends.
create function inquest_private.seal_statement_mark(ts timestamptz) returns integer
language sql immutable parallel safe
set search_path = pg_catalog, pg_temp
as $$ select ((extract(epoch from ts) * 1000000)::bigint % 2147483648)::integer $$;

-- The backends holding seal_state's row lock (normally one), read fresh, with what
-- seal() needs to judge them. The locker is found from the row's xmax; when that does
-- not name a running transaction (a multixact, after a savepoint), every other backend
-- holding a lock on seal_state is a candidate. A prepared transaction has no backend.
create function inquest_private.seal_lock_holders()
returns table (pid integer, login name, state text, wait_event text, xact_start timestamptz,
               query_start timestamptz, plain_seal boolean, seal_returned boolean, prepared_gid text)
language plpgsql volatile
set search_path = pg_catalog, pg_temp
as $$
declare
  v_xmax xid;
  v_pids integer[];
  v_gid text;
begin
  -- pg_stat_activity is otherwise read once per transaction and kept.
  perform pg_catalog.pg_stat_clear_snapshot();
  select s.xmax into v_xmax from inquest_private.seal_state s;
  select array_agg(l.pid) into v_pids from pg_catalog.pg_locks l
   where l.locktype = 'transactionid' and l.transactionid = v_xmax and l.granted and l.mode = 'ExclusiveLock'
     and l.pid is not null;
  if v_pids is null then
    select p.gid into v_gid from pg_catalog.pg_prepared_xacts p where p.transaction = v_xmax;
    if v_gid is not null then
      return query select null::integer, null::name, null::text, null::text, null::timestamptz, null::timestamptz,
                          false, false, v_gid;
      return;
    end if;
    select array_agg(distinct l.pid) into v_pids from pg_catalog.pg_locks l
     where l.locktype = 'relation' and l.relation = 'inquest_private.seal_state'::regclass
       and l.database = (select d.oid from pg_catalog.pg_database d where d.datname = pg_catalog.current_database())
       and l.granted and l.pid <> pg_catalog.pg_backend_pid();
  end if;
  return query
    select a.pid, a.usename, a.state, a.wait_event, a.xact_start, a.query_start,
           -- A statement that does nothing but call seal(): it ends when seal() does.
           coalesce(a.query ~* '^\s*select\s+(\*\s+from\s+)?inquest_audit\.seal\s*\(\s*((wait\s*=>\s*)?(\$1|true|false))?\s*\)(\s+(as\s+)?[a-z_]+)?\s*;?\s*$', false),
           exists (select from pg_catalog.pg_locks l
                    where l.pid = a.pid and l.locktype = 'advisory' and l.granted
                      and l.classid = 1399611717::oid and l.objsubid = 2
                      and l.objid = inquest_private.seal_statement_mark(a.query_start)::oid),
           null::text
      from pg_catalog.pg_stat_activity a
     where a.pid = any (v_pids);
end
$$;

-- Whether a backend judged a moment ago is still in that transaction (same start), and
-- that transaction holds a lock on seal_state. Checked again right before terminating:
-- the holder read from xmax may have committed meanwhile and moved on to other work
-- (another write, another seal), which must not be what gets terminated.
create function inquest_private.seal_holder_unchanged(p_pid integer, p_xact_start timestamptz) returns boolean
language plpgsql volatile
set search_path = pg_catalog, pg_temp
as $$
begin
  perform pg_catalog.pg_stat_clear_snapshot();
  return exists (select from pg_catalog.pg_stat_activity a where a.pid = p_pid and a.xact_start = p_xact_start)
     and exists (select from pg_catalog.pg_locks l
                  where l.pid = p_pid and l.granted and l.locktype = 'relation'
                    and l.relation = 'inquest_private.seal_state'::regclass
                    and l.database = (select d.oid from pg_catalog.pg_database d where d.datname = pg_catalog.current_database()));
end
$$;

-- Sequences and chains the events of every finished transaction (as in 0002; the
-- chain, its order and its hashes are unchanged).
--   wait = true  (default): after it returns, every event committed before the call is
--                sealed. Waits for a sealer that is inside seal() for at most 30 s,
--                then fails (55P03) naming it.
--   wait = false: returns 0 at once if a sealer is inside seal() (it, or the next
--                call, seals our events).
-- In both modes a holder of the lock that is not inside seal() is terminated (see the
-- top of this file), so neither mode can be held up by anybody for long.
-- The planner settings are pinned so that a caller's session settings cannot turn the
-- anti-join below into a quadratic plan and so keep the lock for hours.
create or replace function inquest_audit.seal(wait boolean default true) returns bigint
language plpgsql security definer
set search_path = pg_catalog, pg_temp
set enable_hashjoin = off
set enable_mergejoin = off
set enable_nestloop = on
set enable_indexscan = on
set enable_indexonlyscan = on
set enable_bitmapscan = on
set enable_seqscan = on
set enable_sort = on
set random_page_cost = 4
set seq_page_cost = 1
set cpu_tuple_cost = 0.01
set cpu_index_tuple_cost = 0.005
set cpu_operator_cost = 0.0025
set jit = off
as $$
declare
  c_busy_wait constant interval := '30 seconds';   -- for a sealer inside seal()
  c_grace constant interval := '5 seconds';        -- for a holder whose seal() has returned
  st inquest_private.seal_state;
  hi xid8;
  prev bytea;
  n integer := 0;
  ids bigint[] := '{}';
  prevs bytea[] := '{}';
  hashes bytea[] := '{}';
  r record;
  h record;
  v_deadline timestamptz := pg_catalog.clock_timestamp() + c_busy_wait;
  v_seen jsonb := '{}';     -- "pid:query_start" -> when this call first saw it lingering
  v_key text;
  v_since timestamptz;
  v_reason text;
  v_busy text;
  v_sealing boolean;
begin
  -- Under REPEATABLE READ the snapshot would predate a concurrent sealer's commit.
  if pg_catalog.current_setting('transaction_isolation') <> 'read committed' then
    raise exception 'inquest_audit.seal() must run at isolation level read committed'
      using errcode = '25001';
  end if;
  loop
    -- Never queue on the lock: SKIP LOCKED returns at once (and returns the row when
    -- this transaction already holds it).
    select * into st from inquest_private.seal_state for update skip locked;
    exit when found;
    v_busy := null;
    v_sealing := false;
    for h in select * from inquest_private.seal_lock_holders() loop
      v_reason := null;
      if h.prepared_gid is not null then
        v_busy := format('the prepared transaction %L (a superuser must COMMIT or ROLLBACK PREPARED it)', h.prepared_gid);
      elsif h.state is null or h.state = 'disabled' then
        v_busy := format('backend %s (%s), whose activity cannot be seen (track_activities is off)', h.pid, h.login);
      elsif h.state like 'idle%' then
        v_reason := format('%s after its sealing call', h.state);
      elsif h.state = 'active' and h.plain_seal and not h.seal_returned
            and h.wait_event is distinct from 'ClientRead' then
        v_busy := format('backend %s (%s), sealing since %s', h.pid, h.login, h.query_start);
        v_sealing := true;
      else
        -- Its seal() has returned (or it runs something else, or waits on its client).
        -- The product's sealer commits within milliseconds of that; give it the grace.
        v_key := h.pid::text || ':' || coalesce(h.query_start::text, '');
        if v_seen ? v_key then
          v_since := (v_seen ->> v_key)::timestamptz;
        else
          v_since := pg_catalog.clock_timestamp();
          v_seen := v_seen || pg_catalog.jsonb_build_object(v_key, v_since);
        end if;
        if pg_catalog.clock_timestamp() - v_since >= c_grace then
          v_reason := case
            when h.seal_returned then 'its sealing call returned but its statement did not end'
            when h.wait_event = 'ClientRead' then 'it waits on its client in the middle of a statement'
            else 'it holds the seal lock while running a statement other than a plain seal call' end;
        else
          v_busy := coalesce(v_busy, format('backend %s (%s)', h.pid, h.login));
        end if;
      end if;
      if v_reason is not null and inquest_private.seal_holder_unchanged(h.pid, h.xact_start) then
        if pg_catalog.pg_terminate_backend(h.pid, 5000) then
          perform inquest_private.write_event('seal_state', h.login::text, null, 'sealer_terminate', null,
            pg_catalog.jsonb_build_object('pid', h.pid, 'login', h.login, 'state', h.state,
              'transaction_started', h.xact_start, 'statement_started', h.query_start, 'reason', v_reason));
        end if;
      end if;
    end loop;
    if v_sealing and not wait then
      return 0;
    end if;
    if pg_catalog.clock_timestamp() > v_deadline then
      if not wait then
        return 0;
      end if;
      raise exception 'the audit sealer is busy: % holds the seal lock', coalesce(v_busy, 'another transaction')
        using errcode = '55P03', detail = 'rule audit_seal_bounded_wait: a sealer waits at most 30 seconds',
              hint = 'try again; a sealer that stays idle or runs anything else is terminated';
    end if;
    perform pg_catalog.pg_sleep(0.02);
  end loop;
  -- A fresh snapshot taken after the lock: every transaction with an xid below
  -- its xmin has finished, so its events are all visible now (or it aborted).
  -- The xmin is cluster-wide: one long transaction anywhere (another database, an
  -- idle psql) holds it back. So events above it are sealed too once their own
  -- transaction has committed (pg_xact_status); the anti-join keeps them from
  -- being sealed twice. Chain order is seal order, which need not be xid order.
  select pg_catalog.pg_snapshot_xmin(pg_catalog.pg_current_snapshot()) into hi;
  prev := st.last_hash;
  for r in
    select e.id,
           inquest_audit.canonical_text(st.last_seq + row_number() over (order by e.txid, e.id), e.id,
             e.occurred_at, e.txid, e.login, e.actor, e.table_name, e.record_key, e.case_id,
             e.operation, e.old_values, e.new_values) as t
      from inquest_audit.event e
     where e.txid >= st.sealed_below
       and (e.txid < hi or pg_catalog.pg_xact_status(e.txid) = 'committed')
       and not exists (select from inquest_audit.seal s where s.event_id = e.id)
     order by e.txid, e.id
  loop
    n := n + 1;
    ids[n] := r.id;
    prevs[n] := prev;
    prev := pg_catalog.sha256(prev || pg_catalog.convert_to(r.t, 'UTF8'));
    hashes[n] := prev;
  end loop;
  if n > 0 then
    insert into inquest_audit.seal (seq, event_id, prev_hash, hash)
    select st.last_seq + u.o, u.i, u.p, u.h
      from unnest(ids, prevs, hashes) with ordinality as u(i, p, h, o);
  end if;
  update inquest_private.seal_state
     set sealed_below = greatest(st.sealed_below, hi), last_seq = st.last_seq + n, last_hash = prev;
  -- From here on this backend's lock is not in use: a statement that goes on holding
  -- it is terminated by the next sealer after the grace period.
  perform pg_catalog.pg_advisory_xact_lock_shared(1399611717,
    inquest_private.seal_statement_mark(pg_catalog.statement_timestamp()));
  return n;
end
$$;
revoke execute on function inquest_audit.seal(boolean), inquest_private.seal_lock_holders(),
  inquest_private.seal_holder_unchanged(integer, timestamptz),
  inquest_private.seal_statement_mark(timestamptz) from public;
grant execute on function inquest_audit.seal(boolean)
  to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

------------------------------------------------------------------------------
-- 3. Session limits for application roles (class 9, server side)
------------------------------------------------------------------------------
-- The defaults every Inquest user gets in this database. A statement that runs longer
-- is cancelled, a transaction left idle is ended (its connection closed), a lock wait
-- gives up. Generous for the product's own work (an import of 100,000 persons is one
-- transaction of about 35 s; verify of 1.5 million events one statement of about 8 s).
create function inquest_private.default_user_limits()
returns table (setting text, value text)
language sql immutable
set search_path = pg_catalog, pg_temp
as $$
  values ('statement_timeout', '5min'),
         ('idle_in_transaction_session_timeout', '10min'),
         ('lock_timeout', '1min')
$$;

-- A user's current limits in this database (NULL: not set for them here).
create function inquest_private.user_limit(p_username name, p_setting text) returns text
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

-- Sets the defaults that are not set yet for a user (existing users, new users).
create function inquest_private.apply_default_limits(p_username name) returns void
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

-- Every user created from now on (inquest_private.create_user records it in app_user,
-- running as the owner) gets the defaults in the same transaction.
create function inquest_private.app_user_limits() returns trigger
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
create trigger app_user_limits after insert on inquest_private.app_user
  for each row execute function inquest_private.app_user_limits();

-- Existing users.
do $existing$
declare
  u record;
begin
  for u in select a.username from inquest_private.app_user a
             join pg_catalog.pg_roles r on r.rolname = a.username
            where not (r.rolsuper or r.rolbypassrls or r.rolcreaterole or r.rolreplication)
  loop
    perform inquest_private.apply_default_limits(u.username);
  end loop;
end
$existing$;

-- One limit value from an admin: a whole number with a unit (ms, s, min, h), from one
-- second to one day. 'default' restores Inquest's default. Returns the canonical text.
create function inquest_private.check_limit(p_setting text, p_value text) returns text
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

-- Changes a user's limits in this database; NULL leaves a limit as it is. Admins only;
-- audited (old and new values). Takes effect at the user's next login.
create function inquest_private.set_user_limits(p_username name, p_statement_timeout text,
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

-- Every Inquest user's limits in this database (those user list shows).
create function inquest_private.list_user_limits()
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

revoke execute on function inquest_private.default_user_limits(), inquest_private.user_limit(name, text),
  inquest_private.apply_default_limits(name), inquest_private.app_user_limits(), inquest_private.check_limit(text, text),
  inquest_private.set_user_limits(name, text, text, text), inquest_private.list_user_limits() from public;
grant execute on function inquest_private.set_user_limits(name, text, text, text) to inquest_admin;
grant execute on function inquest_private.list_user_limits() to inquest_admin, inquest_auditor;
