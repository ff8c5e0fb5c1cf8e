-- Catalog lint and the enrollment mechanism (issue 4, test 4; DESIGN section 3).
-- Each query names the offending objects, so a failure says what to fix.
set search_path = tap, public;
begin;
select plan(27);

-- Group roles: present, NOLOGIN, never superuser, BYPASSRLS or CREATEROLE.
select is((select count(*)::int from pg_roles
            where rolname in ('inquest_admin', 'inquest_investigator', 'inquest_auditor', 'inquest_cleared')),
          4, 'the four group roles exist');
select is_empty($$select rolname from pg_roles
                   where rolname in ('inquest_admin', 'inquest_investigator', 'inquest_auditor', 'inquest_cleared')
                     and (rolsuper or rolbypassrls or rolcanlogin or rolcreaterole or rolreplication)$$,
                'no group role can log in or is superuser, BYPASSRLS, CREATEROLE or REPLICATION');
select is_empty($$select r.rolname from pg_roles r
                   where (r.rolsuper or r.rolbypassrls)
                     and exists (select from pg_auth_members m join pg_roles g on g.oid = m.roleid
                                  where m.member = r.oid and g.rolname like 'inquest\_%')$$,
                'no member of an Inquest group is superuser or BYPASSRLS');

-- Views: security_invoker everywhere in our schemas; no materialized views.
select is_empty($$select c.oid::regclass::text from pg_class c join pg_namespace n on n.oid = c.relnamespace
                   where n.nspname in ('inquest', 'inquest_private', 'inquest_audit')
                     and (c.relkind = 'm' or (c.relkind = 'v'
                          and not coalesce(array_to_string(c.reloptions, ',') ~ '(^|,)security_invoker=(true|on|1)(,|$)', false)))$$,
                'every view in our schemas is security_invoker');

-- SECURITY DEFINER functions: pinned search_path, not executable by PUBLIC.
select is_empty($$select p.oid::regprocedure::text from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                   where p.prosecdef and n.nspname in ('inquest', 'inquest_private', 'inquest_audit', 'public')
                     and not coalesce(p.proconfig @> array['search_path=pg_catalog, pg_temp'], false)$$,
                'every SECURITY DEFINER function pins search_path = pg_catalog, pg_temp');
select is_empty($$select p.oid::regprocedure::text from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                   cross join lateral aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
                   where p.prosecdef and n.nspname in ('inquest', 'inquest_private', 'inquest_audit', 'public')
                     and a.grantee = 0 and a.privilege_type = 'EXECUTE'$$,
                'no SECURITY DEFINER function is executable by PUBLIC');
select is_empty($$select p.oid::regprocedure::text from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                   where p.prosecdef and n.nspname not in ('inquest', 'inquest_private', 'inquest_audit', 'pg_catalog', 'information_schema', 'tap', 'inquest_ext')$$,
                'no SECURITY DEFINER function outside our schemas');

-- Tables of schema inquest: RLS enabled and forced, audit triggers ENABLE ALWAYS
-- (checked here straight from the catalog, and through the lint function).
select is_empty($$select c.relname::text from pg_class c join pg_namespace n on n.oid = c.relnamespace
                   where n.nspname = 'inquest' and c.relkind in ('r', 'p')
                     and not (c.relrowsecurity and c.relforcerowsecurity)$$,
                'every table in inquest has row-level security enabled and forced');
select is_empty($$select c.relname::text from pg_class c join pg_namespace n on n.oid = c.relnamespace
                   where n.nspname = 'inquest' and c.relkind in ('r', 'p')
                     and (select count(*) from pg_trigger t where t.tgrelid = c.oid and t.tgenabled = 'A'
                           and t.tgname in ('inquest_audit_insert', 'inquest_audit_update', 'inquest_audit_delete', 'inquest_no_truncate')) <> 4$$,
                'every table in inquest has its four audit/guard triggers, ENABLE ALWAYS');
select is_empty($$select * from inquest_private.enrollment_problems()$$, 'enrollment_problems() finds nothing');
select is_empty($$select c.relname::text from pg_class c join pg_namespace n on n.oid = c.relnamespace
                   where n.nspname = 'inquest' and c.relkind in ('r', 'p', 'v', 'S')
                     and exists (select from pg_auth_members m join pg_roles g on g.oid = m.roleid
                                  where m.member = c.relowner and g.rolname like 'inquest\_%')$$,
                'no object in inquest is owned by an application role');

-- Private and audit tables: no privilege for anyone but the owner, except SELECT
-- on the log for auditors and admins.
select is_empty($$select c.oid::regclass::text || ' ' || a.grantee::regrole::text || ' ' || a.privilege_type
                   from pg_class c join pg_namespace n on n.oid = c.relnamespace
                   cross join lateral aclexplode(coalesce(c.relacl, acldefault('r', c.relowner))) a
                   where n.nspname = 'inquest_private' and c.relkind in ('r', 'v', 'S') and a.grantee <> c.relowner$$,
                'inquest_private tables grant nothing to anybody');
select is_empty($$select c.oid::regclass::text || ' ' || (case a.grantee when 0 then 'public' else a.grantee::regrole::text end) || ' ' || a.privilege_type
                   from pg_class c join pg_namespace n on n.oid = c.relnamespace
                   cross join lateral aclexplode(coalesce(c.relacl, acldefault('r', c.relowner))) a
                   where n.nspname = 'inquest_audit' and a.grantee <> c.relowner
                     and not (a.privilege_type = 'SELECT' and a.grantee in ('inquest_auditor'::regrole, 'inquest_admin'::regrole))$$,
                'inquest_audit grants only SELECT, only to auditors and admins');
select ok(not has_table_privilege('inquest_investigator', 'inquest_audit.event', 'SELECT'),
          'investigators cannot read the audit log');

-- The enrollment: a new table without case_id cannot be created.
select throws_ok($$create table inquest.t_lint_bad (id bigint generated always as identity primary key, body text)$$,
                 '42P16', 'table inquest.t_lint_bad has no case_id column: every table in schema inquest belongs to a case',
                 'CREATE TABLE in inquest without case_id fails with a clear message');
select is(to_regclass('inquest.t_lint_bad'), null, '... and leaves no table behind');

-- A new table with case_id is enrolled by its CREATE alone.
create table inquest.t_lint_new (
  id bigint generated always as identity primary key,
  key text generated always as ('LN-' || id) stored unique,
  case_id bigint not null references inquest."case" (id),
  body text,
  unique (case_id, id));
select ok((select relrowsecurity and relforcerowsecurity from pg_class where oid = 'inquest.t_lint_new'::regclass),
          'a new table gets forced row-level security');
select set_eq($$select policyname::text from pg_policies where schemaname = 'inquest' and tablename = 't_lint_new'$$,
              array['inquest_owner_all', 'inquest_admin_all', 'inquest_auditor_read', 'inquest_investigator_read',
                    'inquest_investigator_insert', 'inquest_investigator_update', 'inquest_investigator_delete'],
              'a new table gets the standard policies');
select ok(has_table_privilege('inquest_investigator', 'inquest.t_lint_new', 'INSERT')
          and not has_table_privilege('inquest_auditor', 'inquest.t_lint_new', 'INSERT')
          and has_table_privilege('inquest_auditor', 'inquest.t_lint_new', 'SELECT')
          and not has_table_privilege('inquest_investigator', 'inquest.t_lint_new', 'TRUNCATE')
          and not has_table_privilege('public', 'inquest.t_lint_new', 'SELECT'),
          'a new table gets the standard grants');

-- The guard: DDL cannot take a table out of the enrollment afterwards.
select throws_ok($$alter table inquest.t_lint_new no force row level security$$, '42501', null,
                 'NO FORCE ROW LEVEL SECURITY is refused');
select throws_ok($$alter table inquest.t_lint_new disable row level security$$, '42501', null,
                 'DISABLE ROW LEVEL SECURITY is refused');
select throws_ok($$alter table inquest.t_lint_new disable trigger inquest_audit_update$$, '42501', null,
                 'DISABLE TRIGGER on an audit trigger is refused');
select throws_ok($$drop trigger inquest_audit_delete on inquest.t_lint_new$$, '42501', null,
                 'DROP TRIGGER on an audit trigger is refused');
select throws_ok($$alter table inquest.t_lint_new enable replica trigger inquest_audit_insert$$, '42501', null,
                 'making an audit trigger replica-only is refused');

select throws_ok($$create or replace trigger inquest_audit_insert after insert on inquest.t_lint_new
                    for each statement execute function inquest_private.refuse_truncate()$$, '42501', null,
                 'replacing an audit trigger is refused');

-- Sensitive columns: a registered column missing from the triggers is a lint
-- finding; mark_sensitive() rebuilds the triggers.
insert into inquest_private.sensitive_column values ('t_lint_new', 'body');
select isnt_empty($$select * from inquest_private.enrollment_problems() where table_name = 't_lint_new'$$,
                  'the lint reports a sensitive column the triggers do not redact');
select inquest_private.mark_sensitive('t_lint_new', array['body']::name[]);
select is_empty($$select * from inquest_private.enrollment_problems()$$, 'mark_sensitive() re-enrolls the table cleanly');

select * from finish();
rollback;
