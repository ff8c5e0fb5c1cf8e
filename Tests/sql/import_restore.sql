-- Import and restore as a hostile user tries them: the restore mode that lets records
-- start in any state is an administrator's only; restore_rows and advance_identity are
-- not callable by others; import_problems reads with the caller's rights.
set search_path = tap, public;
begin;
select plan(12);

create role t_admin login in role inquest_admin;
create role t_inv login in role inquest_investigator;
insert into inquest_private.app_user (username, created_by) values ('t_inv', 'test');  -- as `inquest user add` would (only its users can be assigned)
insert into inquest."case" (reference, title) values ('TR-1', 'Restore test'), ('TR-2', 'Other case');
select id as case_a from inquest."case" where reference = 'TR-1' \gset
select id as case_b from inquest."case" where reference = 'TR-2' \gset
insert into inquest.case_assignment (case_id, username) values (:case_a, 't_inv');
insert into inquest.person (case_id) values (:case_a), (:case_b);
select min(id) as person_a, max(id) as person_b from inquest.person \gset
insert into inquest.person_name (case_id, person_id, name) values (:case_a, :person_a, 'Person A'), (:case_b, :person_b, 'Secret B');

----------------------------------------------------------------- investigator
set local session authorization t_inv;
set local inquest.restore = on;
select is(inquest_private.restoring(), false, 'an investigator setting inquest.restore is not restoring');
select throws_ok(format('insert into inquest.summons (case_id, person_id, status) values (%s, %s, %L)', :case_a, :person_a, 'served'),
                 '23514', null, 'an investigator cannot create a summons already served, restore mode or not');
select throws_ok($$select inquest.restore_rows('inquest.summons')$$, '42501', null,
                 'an investigator cannot call restore_rows');
select throws_ok($$select inquest_private.advance_identity('inquest.person')$$, '42501', null,
                 'an investigator cannot move an identity sequence');
-- import_problems checks staged rows only, with the caller's rights.
select throws_ok($$select * from inquest.import_problems('inquest.person_name', 'inquest.person_name')$$, '22023', null,
                 'import_problems refuses a table without a line column');
select is((select count(*)::int from inquest.person_name where name = 'Secret B'), 0, 'the other case stays hidden');
-- The folded search keys (0009) are computed by a trigger, not generated columns:
-- whatever a writer gives, they stay functions of the name.
-- (Investigators write the keys but cannot read them, Schema/0011: checked as the owner.)
insert into inquest.person_name (case_id, person_id, name, kind, name_fold, name_fold_key)
  values (:case_a, :person_a, 'Mohammad Jafar Mahallati', 'alias', 'forged', 'forged');
reset session authorization;
select is((select name_fold_key from inquest.person_name where name = 'Mohammad Jafar Mahallati'), 'muhamadjafarmahalati',
          'a folded key given on insert is replaced by the name''s own');
set local session authorization t_inv;
update inquest.person_name set name_skeleton_key = 'vlyt' where name = 'Mohammad Jafar Mahallati';
reset session authorization;
select is((select name_skeleton_key from inquest.person_name where name = 'Mohammad Jafar Mahallati'), 'mhmdjfrmhlt',
          'an update cannot set a skeleton key of its own');
reset inquest.restore;

----------------------------------------------------------------- administrator
set local session authorization t_admin;
select throws_ok(format('insert into inquest.summons (case_id, person_id, status) values (%s, %s, %L)', :case_a, :person_a, 'served'),
                 '23514', null, 'outside restore mode an administrator is held to the start state too');
set local inquest.restore = on;
select is(inquest_private.restoring(), true, 'an administrator with inquest.restore is restoring');
select lives_ok(format('insert into inquest.summons (case_id, person_id, status, issued_on, legal_basis, served_on, service_method) '
                       'values (%s, %s, %L, %L, %L, %L, %L)',
                       :case_a, :person_a, 'served', '2023-03-01', 'Commission statute, art. 12', '2023-03-03', 'in_person'),
                'restoring, an administrator inserts a summons in the state it was exported in');
select is((select count(*)::int from inquest_audit.event where table_name = 'summons' and operation = 'insert'), 1,
          'the restored record is audited as an insert');
reset session authorization;

select * from finish();
rollback;
