-- Protected identities (issue 4, tests 3 and 9; reveals in two steps and redaction by
-- marker since 0012: see access_reveal.sql and Tests/InquestTests/RevealTests.swift).
set search_path = tap, public;
begin;
select plan(24);

create role t_admin login in role inquest_admin;
create role t_inv login in role inquest_investigator;               -- assigned to A, not cleared
create role t_clr login in role inquest_investigator, inquest_cleared;    -- assigned to A, cleared
create role t_clr_un login in role inquest_investigator, inquest_cleared; -- cleared, assigned to B only
create role t_aud login in role inquest_auditor;
insert into inquest_private.app_user (username, created_by) values ('t_inv', 'test'), ('t_clr', 'test'), ('t_clr_un', 'test');  -- as `inquest user add` would (only its users can be assigned)

-- Creates a person with whatever required columns inquest.person has (text-like
-- ones get 'Test'), so that this file does not depend on the details of 0003.
create function pg_temp.mk_person(p_case bigint, p_protected boolean) returns text language plpgsql as $$
declare
  cols text := 'case_id, protected';
  vals text := format('%s, %L', p_case, p_protected);
  a record;
  k text;
begin
  for a in select attname, format_type(atttypid, atttypmod) as t from pg_attribute
            where attrelid = 'inquest.person'::regclass and attnum > 0 and not attisdropped and attnotnull
              and not atthasdef and attidentity = '' and attgenerated = '' and attname not in ('case_id', 'protected') loop
    cols := cols || ', ' || quote_ident(a.attname);
    vals := vals || ', ' || quote_literal('Test') || '::' || a.t;
  end loop;
  execute format('insert into inquest.person (%s) values (%s) returning key', cols, vals) into k;
  return k;
end $$;

insert into inquest."case" (reference, title) values ('TA-1', 'Case A'), ('TB-1', 'Case B');
select id as case_a from inquest."case" where reference = 'TA-1' \gset
select id as case_b from inquest."case" where reference = 'TB-1' \gset
insert into inquest.case_assignment (case_id, username) values (:case_a, 't_inv'), (:case_a, 't_clr'), (:case_b, 't_clr_un');
select pg_temp.mk_person(:case_a, true) as witness \gset
select pg_temp.mk_person(:case_a, false) as plain \gset
select coalesce(max(id), 0) as ev0 from inquest_audit.event \gset

-- An admin records the identity (the canary).
set local session authorization t_admin;
select lives_ok(format($$select inquest.set_protected_identity(%L, 'CANARY-7f3a Real Name', 'CANARY-7f3a +98 21 555', 'CANARY-7f3a lives in Tehran')$$, :'witness'),
                'admin records a protected identity');
select throws_ok(format($$select inquest.set_protected_identity(%L, 'CANARY-7f3a x', null, null)$$, :'plain'),
                 '23514', null, 'only a person marked protected can get an identity');
select throws_ok($$select * from inquest.protected_identity$$, '42501', null, 'admin cannot read the table directly');
select ok(not (select granted from inquest.request_reveal(:'witness', 'curious')), 'admin without clearance cannot reveal');
reset session authorization;

set local session authorization t_aud;
select throws_ok($$select * from inquest.protected_identity$$, '42501', null, 'auditor cannot read the table');
select ok(not (select granted from inquest.request_reveal(:'witness', 'audit')), 'auditor cannot reveal');
reset session authorization;

-- Not cleared: nothing.
set local session authorization t_inv;
select throws_ok($$select * from inquest.protected_identity$$, '42501', null, 'uncleared investigator cannot read the table');
select ok(not (select granted from inquest.request_reveal(:'witness', 'need it')), 'uncleared investigator cannot reveal');
select throws_ok(format($$select inquest.set_protected_identity(%L, 'x', null, null)$$, :'witness'), '42501', null,
                 'uncleared investigator cannot write identities');
reset session authorization;

-- Cleared but not assigned: nothing.
set local session authorization t_clr_un;
select is((select message from inquest.request_reveal(:'witness', 'need it')),
          'not permitted to reveal this identity (rule reveal_cleared_and_assigned: a protected person of a case '
          || 'your login and your current role are both cleared for and assigned to; this attempt is recorded)',
          'cleared but unassigned investigator cannot reveal');
select throws_ok(format($$select inquest.set_protected_identity(%L, 'x', null, null)$$, :'witness'), '42501', null,
                 'cleared but unassigned investigator cannot write identities');
reset session authorization;

-- Cleared and assigned: visible, and audited.
set local session authorization t_clr;
select throws_ok(format($$select * from inquest.request_reveal(%L, '')$$, :'witness'), '22023', null, 'a reveal needs a reason');
select ok((select granted from inquest.request_reveal(:'witness', 'cross-check testimony of session 4')),
          'cleared and assigned investigator is granted the reveal (read in a later transaction: RevealTests)');
select throws_ok($$select * from inquest.protected_identity$$, '42501', null, '... but still cannot read the table directly');
set role inquest_cleared;
select ok(not (select granted from inquest.request_reveal(:'witness', 'via group')),
          'SET ROLE to the clearance group does not carry the assignment');
reset role;
select lives_ok(format($$select inquest.set_protected_identity(%L, 'CANARY-7f3a Real Name, corrected', 'CANARY-7f3a new', null)$$, :'witness'),
                'cleared and assigned investigator updates the identity');
reset session authorization;

select results_eq(format($$select login::text collate "default", actor::text collate "default", record_key, case_id, new_values ->> 'reason'
                            from inquest_audit.event where id > %s and operation = 'reveal' and (new_values ->> 'granted')::boolean
                            order by id$$, :ev0),
                  format($$values ('t_clr', 't_clr', %L, %s::bigint, 'cross-check testimony of session 4')$$, :'witness', :case_a),
                  'exactly the granted reveal is audited as granted: who, which person, which case, why');
select results_eq(format($$select login::text collate "default", actor::text collate "default", new_values ->> 'reason'
                            from inquest_audit.event where id > %s and operation = 'reveal' and not (new_values ->> 'granted')::boolean
                            order by id$$, :ev0),
                  $$values ('t_admin', 't_admin', 'curious'), ('t_aud', 't_aud', 'audit'), ('t_inv', 't_inv', 'need it'),
                           ('t_clr_un', 't_clr_un', 'need it'), ('t_clr', 'inquest_cleared', 'via group')$$,
                  'every refused attempt is audited too');
select is((select count(*)::int from inquest_audit.event where id > :ev0 and table_name = 'protected_identity' and operation in ('insert', 'update')),
          2, 'identity writes are audited');
select ok((select bool_and(new_values ->> 'real_name' = '[redacted]')
             from inquest_audit.event where id > :ev0 and table_name = 'protected_identity' and operation in ('insert', 'update')),
          'identity values appear only as a marker');

set local session authorization t_admin;
select ok(inquest.delete_protected_identity(:'witness'), 'admin deletes an identity');
reset session authorization;

-- The canary (test 9): nowhere in the events, sealed or not, nor in the export view.
select is_empty($$select id from inquest_audit.event where concat_ws(' ', login, actor, table_name, record_key, old_values::text, new_values::text) ~ 'CANARY'$$,
                'the canary appears in no audit event');
select is_empty($$select seq from inquest_audit.export where concat_ws(' ', login, actor, table_name, record_key, old_values, new_values) ~ 'CANARY'$$,
                'the canary appears in no exported event');
select is((select count(*)::int from inquest_audit.event where id > :ev0 and table_name = 'protected_identity' and operation = 'delete'
            and old_values ->> 'contact' = '[redacted]'), 1, 'the delete is audited, redacted');

select * from finish();
rollback;
