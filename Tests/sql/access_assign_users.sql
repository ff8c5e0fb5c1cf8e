-- Issue 10, class 6: only Inquest users (made by `inquest user add`, recorded in
-- inquest_private.app_user) who are investigators can be assigned to a case. An admin
-- who assigns a group role opens the case to every member who can SET ROLE to it.
set search_path = tap, public;
begin;
select plan(13);

create role t_admin login in role inquest_admin;
-- Real Inquest users, made the way `inquest user add` makes them.
select inquest_private.create_user('t_asg_inv', 'investigator', false, null);
select inquest_private.create_user('t_asg_snoop', 'investigator', false, null);
select inquest_private.create_user('t_asg_aud', 'auditor', false, null);
-- A login role made by hand, in the investigator group, that Inquest never created.
create role t_asg_hand login in role inquest_investigator;

insert into inquest."case" (reference, title) values ('TAS-1', 'Assigned case'), ('TAS-2', 'Other case');
select id as case_1 from inquest."case" where reference = 'TAS-1' \gset
select id as case_2 from inquest."case" where reference = 'TAS-2' \gset

set local session authorization t_admin;
select throws_ok(format('insert into inquest.case_assignment (case_id, username) values (%s, %L)', :case_1, 'inquest_investigator'),
                 '23514', 'cannot assign inquest_investigator: not an Inquest user (only users made by `inquest user add` can be assigned)',
                 'an admin cannot assign the investigator group role');
select throws_ok(format('insert into inquest.case_assignment (case_id, username) values (%s, %L)', :case_1, 'inquest_admin'),
                 '23514', null, '... nor another group role');
select throws_ok(format('insert into inquest.case_assignment (case_id, username) values (%s, %L)', :case_1, 'postgres'),
                 '23514', null, '... nor the superuser');
select throws_ok(format('insert into inquest.case_assignment (case_id, username) values (%s, %L)', :case_1, 't_asg_hand'),
                 '23514', 'cannot assign t_asg_hand: not an Inquest user (only users made by `inquest user add` can be assigned)',
                 '... nor a login role made by hand with CREATE ROLE, even in the investigator group');
select throws_ok(format('insert into inquest.case_assignment (case_id, username) values (%s, %L)', :case_1, 't_asg_aud'),
                 '23514', 'cannot assign t_asg_aud: not an investigator', '... nor an Inquest user who is not an investigator');
select throws_ok(format('insert into inquest.case_assignment (case_id, username) values (%s, %L)', :case_1, 't_asg_nobody'),
                 '23514', 'cannot assign t_asg_nobody: no such role', '... nor a role that does not exist');
select lives_ok(format('insert into inquest.case_assignment (case_id, username) values (%s, %L)', :case_1, 't_asg_inv'),
                'an Inquest investigator is assigned');
select throws_ok(format('update inquest.case_assignment set username = %L where case_id = %s', 'inquest_investigator', :case_1),
                 '23514', null, 'an assignment cannot be renamed to a group role either');
reset session authorization;

-- The rule holds for the owner too: no path around the trigger short of disabling it.
select throws_ok(format('insert into inquest.case_assignment (case_id, username) values (%s, %L)', :case_2, 'inquest_investigator'),
                 '23514', null, 'the owner cannot assign a group role either');

-- What the refused assignment would have opened: an investigator assigned nowhere
-- who switches to the group role sees no case at all.
set local session authorization t_asg_snoop;
set role inquest_investigator;
select is((select count(*)::int from inquest."case"), 0, 'SET ROLE inquest_investigator shows no case');
reset role;
reset session authorization;
select is((select array_agg(username::text order by username) from inquest.case_assignment), array['t_asg_inv'],
          'only the Inquest investigator is assigned');

-- The check is not callable by anybody, and the trigger function pins its search_path.
select ok(not has_function_privilege('t_admin', 'inquest_private.assignee_problem(name)', 'execute'),
          'the assignee check is not executable by admins (owner only)');
select ok((select prosecdef and proconfig @> array['search_path=pg_catalog, pg_temp'] from pg_proc
            where oid = 'inquest_private.case_assignment_check()'::regprocedure),
          'the assignment trigger is SECURITY DEFINER (it reads app_user) with a pinned search_path');

select * from finish();
rollback;
