-- Issue 10, class 9 (server side): session limits for application roles. Every user
-- made by `inquest user add` gets statement_timeout, idle_in_transaction_session_timeout
-- and lock_timeout in this database; only admins change them; bad values are refused
-- with the field named; every change is audited.
set search_path = tap, public;
begin;
select plan(20);

create role t_admin login in role inquest_admin;
select inquest_private.create_user('t_lim_inv', 'investigator', false, null);
select inquest_private.create_user('t_lim_aud', 'auditor', false, null);

create temp view t_limits as
select r.rolname::text as username, c as setting
  from pg_db_role_setting s
  join pg_roles r on r.oid = s.setrole
  join pg_database d on d.oid = s.setdatabase and d.datname = current_database()
 cross join lateral unnest(s.setconfig) c;
grant select on t_limits to public;

select set_eq($$select setting from t_limits where username = 't_lim_inv'$$,
              array['statement_timeout=5min', 'idle_in_transaction_session_timeout=10min', 'lock_timeout=1min'],
              'a new user has the default limits in this database');
select set_eq($$select setting from t_limits where username = 't_lim_aud'$$,
              array['statement_timeout=5min', 'idle_in_transaction_session_timeout=10min', 'lock_timeout=1min'],
              'every kind of user gets them');

select coalesce(max(id), 0) as ev0 from inquest_audit.event \gset

set local session authorization t_admin;
select lives_ok($$select inquest_private.set_user_limits('t_lim_inv', '30s', '2min', null)$$,
                'an admin changes a user''s limits');
select throws_ok($$select inquest_private.set_user_limits('t_lim_inv', '5 minutes', null, null)$$,
                 '22023', 'statement_timeout: "5 minutes" is not a duration from 1s to 24h', 'a value without a known unit is refused, naming the field');
select throws_ok($$select inquest_private.set_user_limits('t_lim_inv', null, '0s', null)$$,
                 '22023', 'idle_in_transaction_session_timeout: "0s" is not a duration from 1s to 24h', 'zero (no limit) is refused');
select throws_ok($$select inquest_private.set_user_limits('t_lim_inv', null, null, '25h')$$,
                 '22023', 'lock_timeout: "25h" is not a duration from 1s to 24h', 'more than a day is refused');
select throws_ok($$select inquest_private.set_user_limits('t_lim_inv', '1s''; alter role t_admin superuser; --', null, null)$$,
                 '22023', null, 'an injection attempt is refused as a bad value');
select throws_ok($$select inquest_private.set_user_limits('t_lim_inv', '10s', 'soon', null)$$,
                 '22023', null, 'one bad value refuses the whole change ...');
select throws_ok($$select inquest_private.set_user_limits('t_lim_inv', null, null, null)$$,
                 '22023', null, 'a change naming no limit is refused');
select throws_ok($$select inquest_private.set_user_limits('postgres', '1h', null, null)$$,
                 '42501', null, 'the superuser''s limits are not an admin''s to change');
select throws_ok($$select inquest_private.set_user_limits('inquest_investigator', '1h', null, null)$$,
                 '42501', null, '... nor a group role''s');
reset session authorization;

select set_eq($$select setting from t_limits where username = 't_lim_inv'$$,
              array['statement_timeout=30s', 'idle_in_transaction_session_timeout=2min', 'lock_timeout=1min'],
              '... and nothing of it was written: the good change stands, the unnamed limit kept its value');
select is((select count(*)::int from t_limits where username = 't_admin'), 0, 'no limit was set on the admin by the refused injection');
select results_eq(format($$select actor::text collate "default", record_key, old_values, new_values from inquest_audit.event
                           where id > %s and operation = 'user_limits'$$, :ev0),
                  $$values ('t_admin', 't_lim_inv',
                            '{"statement_timeout": "5min", "idle_in_transaction_session_timeout": "10min"}'::jsonb,
                            '{"statement_timeout": "30s", "idle_in_transaction_session_timeout": "2min"}'::jsonb)$$,
                  'the change is one audit event with old and new values');

set local session authorization t_lim_inv;
select throws_ok($$select inquest_private.set_user_limits('t_lim_inv', '24h', '24h', '24h')$$,
                 '42501', null, 'an investigator cannot lift their own limits');
-- PostgreSQL lets every role change its own session defaults (ALTER ROLE me ... SET):
-- the limits are a safety net, not a boundary. What an admin can rely on: it shows.
alter role t_lim_inv in database :"DBNAME" set statement_timeout = 0;
reset session authorization;
select is((select statement_timeout from inquest_private.list_user_limits() where username = 't_lim_inv'), '0',
          'a user who lifts their own limit with ALTER ROLE is seen doing so in the limits list');
set local session authorization t_lim_aud;
select throws_ok($$select inquest_private.set_user_limits('t_lim_inv', '1s', null, null)$$,
                 '42501', null, 'an auditor cannot change limits');
select is((select statement_timeout from inquest_private.list_user_limits() where username = 't_lim_inv'), '0',
          'an auditor reads the limits');
reset session authorization;

set local session authorization t_admin;
select lives_ok($$select inquest_private.set_user_limits('t_lim_inv', 'default', null, null)$$, '"default" restores the default');
reset session authorization;
select ok((select prosecdef and proconfig @> array['search_path=pg_catalog, pg_temp']
                  and not has_function_privilege('public', oid, 'execute')
             from pg_proc where oid = 'inquest_private.set_user_limits(name, text, text, text)'::regprocedure),
          'set_user_limits is SECURITY DEFINER, pins its search_path and is not executable by PUBLIC');

select * from finish();
rollback;
