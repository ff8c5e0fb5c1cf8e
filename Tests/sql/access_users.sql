-- User management through PostgreSQL login roles (issue 4: accounts and roles).
set search_path = tap, public;
begin;
select plan(22);

create role t_admin login in role inquest_admin;
create role t_inv login in role inquest_investigator;
create role t_aud login in role inquest_auditor;
select coalesce(max(id), 0) as ev0 from inquest_audit.event \gset

set local session authorization t_admin;
select lives_ok($$select inquest_private.create_user('t_u1', 'investigator', true,
  'SCRAM-SHA-256$4096:MDEyMzQ1Njc4OWFiY2RlZg==$tSgetjYW5SQlNzIxJAKMryuDGH8Snw5oWcj1eOW0ZyI=:bbZ1dJMgYYaKKR1fU1oGHkWJzi9OQY4yU8Fuksa1t70=')$$,
  'admin creates a cleared investigator with a SCRAM verifier');
select throws_ok($$select inquest_private.create_user('t_u2', 'auditor', false, 'correct horse battery')$$, '22023',
                 'password must be given as a SCRAM-SHA-256 verifier, not as text', 'a plain-text password is refused, and not echoed');
select throws_ok($$select inquest_private.create_user('T-Bad', 'auditor', false, null)$$, '22023', null, 'a bad user name is refused');
select throws_ok($$select inquest_private.create_user('x"; drop role t_admin; --', 'auditor', false, null)$$, '22023', null,
                 'an injection attempt in the name is refused');
select throws_ok($$select inquest_private.create_user('pg_evil', 'auditor', false, null)$$, '22023', null, 'reserved prefix pg_ refused');
select throws_ok($$select inquest_private.create_user('inquest_root', 'auditor', false, null)$$, '22023', null, 'reserved prefix inquest_ refused');
select throws_ok($$select inquest_private.create_user('t_inv', 'auditor', false, null)$$, '42710', null, 'an existing role is refused');
select throws_ok($$select inquest_private.create_user('t_u3', 'superuser', false, null)$$, '22023', null, 'unknown role kinds are refused');
select lives_ok($$select inquest_private.grant_role('t_u1', 'auditor')$$, 'admin grants a role');
select lives_ok($$select inquest_private.revoke_role('t_u1', 'cleared')$$, 'admin revokes a role');
select lives_ok($$select inquest_private.disable_user('t_u1')$$, 'admin disables a user');
select throws_ok($$select inquest_private.disable_user('postgres')$$, '42501', null, 'a superuser cannot be managed through Inquest');
select throws_ok($$select inquest_private.grant_role('inquest_auditor', 'admin')$$, '42501', null, 'a group role cannot be managed as a user');
select results_eq($$select username::text collate "default", roles, can_login, cleared from inquest_private.list_users() where username = 't_u1'$$,
                  $$values ('t_u1', array['auditor', 'investigator'], false, false)$$, 'list_users shows groups, login and clearance');
reset session authorization;

select ok((select rolpassword like 'SCRAM-SHA-256$4096:MDEyMzQ1Njc4OWFiY2RlZg==$%' from pg_authid where rolname = 't_u1'),
          'the verifier is stored as given');
select ok((select not (rolsuper or rolbypassrls or rolcreaterole or rolcreatedb or rolreplication) from pg_roles where rolname = 't_u1'),
          'created users have no special attributes');
select results_eq(format($$select actor::text collate "default", record_key, operation from inquest_audit.event
                            where id > %s and table_name = 'user' order by id$$, :ev0),
                  $$values ('t_admin', 't_u1', 'user_add'), ('t_admin', 't_u1', 'user_grant'),
                           ('t_admin', 't_u1', 'user_revoke'), ('t_admin', 't_u1', 'user_disable')$$,
                  'every user change is audited with the acting admin');
select is_empty($$select id from inquest_audit.event where new_values::text ~ 'horse|SCRAM'$$, 'no password or verifier in the log');

set local session authorization t_inv;
select throws_ok($$select inquest_private.create_user('t_u4', 'admin', false, null)$$, '42501', null, 'investigator cannot create users');
select throws_ok($$select inquest_private.grant_role('t_inv', 'admin')$$, '42501', null, 'investigator cannot grant self admin');
reset session authorization;
set local session authorization t_aud;
select throws_ok($$select inquest_private.grant_role('t_aud', 'cleared')$$, '42501', null, 'auditor cannot grant');
select lives_ok($$select * from inquest_private.list_users()$$, 'auditor lists users');
reset session authorization;

select * from finish();
rollback;
