-- Row-level security as a hostile user tries it (issue 4, tests 2, 5 and 6).
-- Logins are simulated with SET LOCAL SESSION AUTHORIZATION, so session_user is
-- the test user, exactly as for a real login.
set search_path = tap, public;
begin;
select plan(38);

create role t_admin login in role inquest_admin;
create role t_inv login in role inquest_investigator;
create role t_inv2 login in role inquest_investigator;
create role t_aud login in role inquest_auditor;
insert into inquest_private.app_user (username, created_by) values ('t_inv', 'test'), ('t_inv2', 'test');  -- as `inquest user add` would (only its users can be assigned)

-- A case table of our own: the enrollment applies to it as to every record table.
\ir support/t_note.psql

insert into inquest."case" (reference, title) values ('TA-1', 'Case A'), ('TB-1', 'Case B'), ('TC-1', 'Case C');
select id as case_a from inquest."case" where reference = 'TA-1' \gset
select id as case_b from inquest."case" where reference = 'TB-1' \gset
select id as case_c from inquest."case" where reference = 'TC-1' \gset
insert into inquest.case_assignment (case_id, username) values (:case_a, 't_inv'), (:case_c, 't_inv'), (:case_b, 't_inv2');
insert into inquest.t_note (case_id, body) values (:case_a, 'A note'), (:case_b, 'B note'), (:case_c, 'C note');
select id as note_a from inquest.t_note where body = 'A note' \gset
select id as note_b from inquest.t_note where body = 'B note' \gset
select id as note_c from inquest.t_note where body = 'C note' \gset
update inquest."case" set status = 'closed' where id = :case_c;

----------------------------------------------------------------- investigator
set local session authorization t_inv;
select set_eq($$select reference from inquest."case"$$, array['TA-1', 'TC-1'], 'investigator sees only assigned cases');
select set_eq($$select body from inquest.t_note$$, array['A note', 'C note'], 'investigator sees only records of assigned cases');
select set_eq($$select username::text collate "default" from inquest.case_assignment$$, array['t_inv'],
              'investigator sees only own assignment rows');
select lives_ok(format('insert into inquest.t_note (case_id, body) values (%s, %L)', :case_a, 'A2'),
                'investigator writes into an assigned open case');
select throws_ok(format('insert into inquest.t_note (case_id, body) values (%s, %L)', :case_b, 'planted'),
                 '42501', 'new row violates row-level security policy for table "t_note"',
                 'investigator cannot insert into an unassigned case');
select lives_ok(format('update inquest.t_note set body = %L where id = %s', 'hacked', :note_b),
                'UPDATE of an unassigned case''s record runs ...');
select lives_ok(format('delete from inquest.t_note where id = %s', :note_b),
                'DELETE of an unassigned case''s record runs ...');
select throws_ok(format('update inquest.t_note set case_id = %s where id = %s', :case_b, :note_a),
                 '42501', null, 'investigator cannot move a record into an unassigned case');
select throws_ok(format('insert into inquest.t_note (case_id, body) values (%s, %L)', :case_c, 'late'),
                 '42501', null, 'investigator cannot insert into a closed case');
select lives_ok(format('update inquest.t_note set body = %L where id = %s', 'edited', :note_c),
                'UPDATE in a closed case runs ...');
select throws_ok(format('insert into inquest.case_assignment (case_id, username) values (%s, %L)', :case_b, 't_inv'),
                 '42501', null, 'investigator cannot assign self');
select throws_ok(format('delete from inquest.case_assignment where case_id = %s', :case_a),
                 '42501', null, 'investigator cannot unassign anybody');
select throws_ok(format('update inquest.case_assignment set case_id = %s', :case_b),
                 '42501', null, 'investigator cannot edit assignments');
select throws_ok(format('update inquest."case" set status = %L where id = %s', 'open', :case_c),
                 '42501', null, 'investigator cannot reopen or edit a case');
select throws_ok($$insert into inquest."case" (reference, title) values ('TX-1', 'mine')$$,
                 '42501', null, 'investigator cannot create cases');
select throws_ok($$truncate inquest.t_note$$, '42501', null, 'investigator cannot truncate');

-- Shadowing: objects named like ours in pg_temp, first on the search_path.
create temp table case_assignment (id bigint, case_id bigint, username name);
insert into pg_temp.case_assignment values (1, :case_b, 't_inv');
create temp table "case" (id bigint, status text);
insert into pg_temp."case" values (:case_b, 'open'), (:case_c, 'open');
create function pg_temp.assigned_case_ids() returns bigint[] language sql as $$ select array[1,2,3,4,5,6,7,8,9]::bigint[] $$;
create function pg_temp.current_actor() returns name language sql as $$ select 't_admin'::name $$;
set local search_path = pg_temp, inquest, inquest_private, inquest_audit, tap, public;
select set_eq($$select body from inquest.t_note$$, array['A note', 'A2', 'C note'],
              'temp tables and functions named like ours do not widen what the investigator sees');
select throws_ok(format('insert into inquest.t_note (case_id, body) values (%s, %L)', :case_b, 'shadow'),
                 '42501', null, '... nor where the investigator may write');
select throws_ok(format('insert into inquest.t_note (case_id, body) values (%s, %L)', :case_c, 'shadow'),
                 '42501', null, '... nor reopen a closed case for writing');
set local search_path = tap, public;
select throws_ok($$create schema t_mine$$, '42501', null, 'investigator cannot create a schema to plant objects in');
select throws_ok($$create table public.t_mine (a int)$$, '42501', null, 'investigator cannot create objects in public');
select throws_ok($$create table inquest.t_mine (id bigint, case_id bigint)$$, '42501', null, 'investigator cannot create tables in inquest');

-- Client-settable values and role switching.
select set_config('app.user_id', 't_admin', false);
select set_config('inquest.user', 't_admin', false);
select set_config('app.role', 'inquest_admin', false);
select set_eq($$select reference from inquest."case"$$, array['TA-1', 'TC-1'], 'set_config of application settings changes nothing');
select throws_ok($$select set_config('role', 'inquest_admin', false)$$, '42501', null, 'set_config(role) to a group not held is refused');
select throws_ok($$set role inquest_auditor$$, '42501', null, 'SET ROLE to a group not held is refused');
select throws_ok($$set role t_admin$$, '42501', null, 'SET ROLE to another user is refused');
-- (SET SESSION AUTHORIZATION is refused to every non-superuser login; it cannot be
-- shown here, where the authenticated user running the tests is a superuser.)
set role inquest_investigator;
select is_empty($$select 1 from inquest.t_note$$, 'SET ROLE to a held group role narrows access (the group is assigned nothing)');
reset role;
select is((select count(*)::int from inquest.t_note), 3, 'RESET ROLE gives back exactly the login''s own access');

----------------------------------------------------------------- other roles
reset session authorization;
select is((select body from inquest.t_note where id = :note_b), 'B note', '... the unassigned record was not updated');
select is((select count(*)::int from inquest.t_note where id = :note_b), 1, '... nor deleted');
select is((select body from inquest.t_note where id = :note_c), 'C note', '... and the closed case''s record was not updated');

set local session authorization t_inv2;
select set_eq($$select body from inquest.t_note$$, array['B note'], 'another investigator sees only their case');
reset session authorization;

set local session authorization t_aud;
select is((select count(*)::int from inquest.t_note), 4, 'auditor reads every case');
select throws_ok(format('insert into inquest.t_note (case_id, body) values (%s, %L)', :case_a, 'x'), '42501', null, 'auditor cannot insert');
select throws_ok(format('update inquest."case" set title = %L', 'x'), '42501', null, 'auditor cannot update');
select throws_ok(format('insert into inquest.case_assignment (case_id, username) values (%s, %L)', :case_b, 't_inv'),
                 '42501', null, 'auditor cannot assign');
reset session authorization;

set local session authorization t_admin;
select lives_ok(format('insert into inquest.case_assignment (case_id, username) values (%s, %L)', :case_b, 't_inv'),
                'admin assigns an investigator');
select throws_ok(format('insert into inquest.case_assignment (case_id, username) values (%s, %L)', :case_b, 't_aud'),
                 '23514', null, 'only investigators can be assigned');
reset session authorization;

select * from finish();
rollback;
