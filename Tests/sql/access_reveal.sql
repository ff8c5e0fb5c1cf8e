-- Reveals and redaction as an insider tries them (issue 10, classes 3, 4 and 5).
-- What needs a committed transaction or a second connection (a grant from an earlier
-- transaction, rollback, the server log) is in Tests/InquestTests/RevealTests.swift.
set search_path = tap, public;
begin;
select plan(24);
\ir support/records_fixtures.psql

create role t_admin login in role inquest_admin;                         -- not cleared
create role t_clr login in role inquest_investigator, inquest_cleared;    -- cleared, assigned to A
insert into inquest_private.app_user (username, created_by) values ('t_clr', 'test');  -- as `inquest user add` would (only its users can be assigned)
insert into inquest.case_assignment (case_id, username) values (pg_temp.ca(), 't_clr');

select 'P-' || pg_temp.person(pg_temp.ca(), 'Witness K', true) as witness \gset
select 'P-' || pg_temp.person(pg_temp.cb(), 'Witness L', true) as twin \gset
select 'P-' || pg_temp.person(pg_temp.cb(), 'Witness M', true) as third \gset
select 'P-' || pg_temp.person(pg_temp.ca(), 'Ali Fallahian') as plain \gset
select 'P-' || pg_temp.person(pg_temp.cb(), 'Witness N', true) as elsewhere \gset
select coalesce(max(id), 0) as ev0 from inquest_audit.event \gset

------------------------------------------------------------- 5. no equality oracle
-- Two protected persons with the same real name (the canary), a third with another.
set local session authorization t_admin;
select inquest.set_protected_identity(:'witness', 'CANARY-5e1 Same Name', 'CANARY-5e1 +98 21', null) \g /dev/null
select inquest.set_protected_identity(:'twin', 'CANARY-5e1 Same Name', 'CANARY-5e1 +98 21', null) \g /dev/null
select inquest.set_protected_identity(:'third', 'CANARY-5e1 Other Name', 'CANARY-5e1 +44 20', null) \g /dev/null
reset session authorization;
create temp table ins as
  select record_key, new_values from inquest_audit.event
   where id > :ev0 and table_name = 'protected_identity' and operation = 'insert';
select is((select count(*)::int from ins), 3, 'the three identities are audited');
select is((select count(distinct new_values -> 'real_name')::int from ins), 1,
          'equal and different real names leave the same value in the log: equality cannot be told');
select is((select count(distinct new_values -> 'contact')::int from ins), 1, '... and so do contacts');
select is_empty($$select 1 from ins where new_values::text ~ 'hmac|CANARY|[0-9a-f]{32}'$$,
                'no hash, no digest, no canary in the payload');
select is((select new_values -> 'notes' from ins where record_key = (select key from inquest.protected_identity
            where person_id = (select id from inquest.person where key = :'witness'))), 'null'::jsonb,
          'an empty field stays JSON null');

-- An uncleared admin overwrites the witness's identity with a guess: once the right one,
-- once a wrong one. Neither event can be compared with the old value or with each other.
select coalesce(max(id), 0) as ev1 from inquest_audit.event \gset
set local session authorization t_admin;
-- the right guess, then a wrong one
select inquest.set_protected_identity(:'witness', 'CANARY-5e1 Same Name', 'CANARY-5e1 +98 21', null) \g /dev/null
select inquest.set_protected_identity(:'witness', 'CANARY-5e1 Wrong Guess', 'CANARY-5e1 +98 21', null) \g /dev/null
reset session authorization;
create temp table upd as
  select id, old_values, new_values from inquest_audit.event
   where id > :ev1 and table_name = 'protected_identity' and operation = 'update' order by id;
select is((select count(*)::int from upd), 2, 'both guesses are audited as updates');
select is((select count(distinct (old_values - 'updated_at', new_values - 'updated_at'))::int from upd), 1,
          'a right guess and a wrong guess leave the same trace (a sensitive column is listed whether it changed or not)');
select ok((select bool_and(old_values ? 'real_name' and new_values ? 'real_name' and old_values -> 'real_name' = new_values -> 'real_name')
             from upd), 'old and new real name are the same marker: nothing to compare');
select is_empty($$select 1 from upd where concat(old_values, new_values) ~ 'hmac|CANARY|[0-9a-f]{32}'$$,
                'no hash, no digest, no canary in the updates');

-- The single key that made old hashes testable is gone.
select hasnt_column('inquest_private', 'secret', 'hmac_key', 'the redaction key is destroyed');

------------------------------------------------------- 4. refusals: alike, and recorded
set local session authorization t_clr;
create temp table refused as
  select k, r.* from (values (:'elsewhere'), (:'plain'), ('P-2147483647')) v(k),
         lateral inquest.request_reveal(v.k, 'probing ' || v.k) r;
grant select on refused to public;
reset session authorization;
select is((select count(*)::int from refused where not granted and grant_id is null), 3,
          'another case''s key, an unprotected person and a missing key are all refused, without a grant');
select is((select count(distinct message)::int from refused), 1, '... with one and the same message');
select results_eq(format($$select record_key, login::text collate "default", actor::text collate "default",
                                   new_values ->> 'reason', new_values ->> 'refused'
                              from inquest_audit.event where id > %s and operation = 'reveal' order by id$$, :ev1),
                  format($$values (%L, 't_clr', 't_clr', %L, 'not_cleared_and_assigned'),
                                  (%L, 't_clr', 't_clr', %L, 'not_protected'),
                                  ('P-2147483647', 't_clr', 't_clr', 'probing P-2147483647', 'no_such_person')$$,
                         :'elsewhere', 'probing ' || :'elsewhere', :'plain', 'probing ' || :'plain'),
                  'each refusal is an event: login, role, the key asked for, the reason given, why refused');
select is((select case_id from inquest_audit.event where id > :ev1 and operation = 'reveal' and record_key = :'elsewhere'),
          pg_temp.cb(), 'a refusal names the case of the person asked for (auditors see it, the asker does not)');

set local session authorization t_clr;
select throws_ok(format($$select * from inquest.request_reveal(%L, ' ')$$, :'witness'), '22023', null,
                 'a reveal needs a reason (bad input, not a refusal)');
select throws_ok(format($$select * from inquest.reveal_identity(%L, 'the old one-step reveal')$$, :'witness'), null, null,
                 'the one-step reveal of 0004 is gone');

--------------------------------------- 3. a grant from the reader's own transaction
select ok((select granted from inquest.request_reveal(:'witness', 'same transaction')), 'cleared and assigned: granted');
select throws_ok(format($$select * from inquest.reveal_identity(%L, (select grant_id from inquest.request_reveal(%L, 'same transaction')))$$,
                        :'witness', :'witness'),
                 '42501', 'this reveal grant cannot be used: request a new one',
                 'a grant requested in the reading transaction is refused (its record could still roll back)');
select throws_ok(format($$select * from inquest.reveal_identity(%L, gen_random_uuid())$$, :'witness'), '42501',
                 'this reveal grant cannot be used: request a new one', 'a grant that does not exist: the same refusal');
-- The counter that makes a grant single-use, even across a rolled-back read, is out of the holder's reach.
select throws_ok($$select setval(c.oid::regclass, 1, false) from pg_class c
                    where c.relnamespace = 'inquest_private'::regnamespace and c.relkind = 'S' and c.relname like 'reveal\_grant\_%'$$,
                 '42501', null, 'the holder of a grant cannot reset its use counter');
reset session authorization;

set local session authorization t_admin;
select ok(not (select granted from inquest.request_reveal(:'witness', 'curious admin')), 'an uncleared admin is refused');
select is((select message from inquest.request_reveal(:'witness', 'curious admin')), (select min(message) from refused),
          '... with the same message');
select throws_ok($$select * from inquest_private.reveal_grant$$, '42501', null, 'grants are not readable');
reset session authorization;

-- The canary: nowhere in any event.
select is_empty($$select id from inquest_audit.event where concat_ws(' ', record_key, old_values::text, new_values::text) ~ 'CANARY'$$,
                'the canary appears in no audit event');

select * from finish();
rollback;
