-- The audit trail (issue 4, tests 1, 6, 7 as far as SQL goes, and 10).
set search_path = tap, public;
begin;
select plan(49);

create role t_admin login in role inquest_admin;
create role t_inv login in role inquest_investigator;
create role t_aud login in role inquest_auditor;
insert into inquest_private.app_user (username, created_by) values ('t_inv', 'test');  -- as `inquest user add` would (only its users can be assigned)

\ir support/t_note.psql
insert into inquest."case" (reference, title) values ('TA-1', 'Case A');
select id as case_a from inquest."case" where reference = 'TA-1' \gset
select coalesce(max(id), 0) as ev0 from inquest_audit.event \gset
insert into inquest.case_assignment (case_id, username) values (:case_a, 't_inv');

----------------------------------------------------- every change, right actor
set local session authorization t_inv;
select set_config('app.user_id', 't_admin', true);
select set_config('inquest.actor', 't_admin', true);
insert into inquest.t_note (case_id, body) values (:case_a, 'first');
update inquest.t_note set body = 'second' where body = 'first';
delete from inquest.t_note where body = 'second';
reset session authorization;

select results_eq(
  format($$select login::text collate "default", actor::text collate "default", table_name, record_key ~ '^N-[0-9]+$', case_id, operation
             from inquest_audit.event where id > %s and table_name = 't_note' order by id$$, :ev0),
  format($$values ('t_inv', 't_inv', 't_note', true, %s::bigint, 'insert'),
                  ('t_inv', 't_inv', 't_note', true, %s::bigint, 'update'),
                  ('t_inv', 't_inv', 't_note', true, %s::bigint, 'delete')$$, :case_a, :case_a, :case_a),
  'insert, update, delete each write one event with the login as actor (set_config ignored)');
select is((select new_values ->> 'body' from inquest_audit.event where id > :ev0 and table_name = 't_note' and operation = 'insert'),
          'first', 'insert event carries the new row');
select is((select old_values::text || ' -> ' || new_values::text from inquest_audit.event
            where id > :ev0 and table_name = 't_note' and operation = 'update'),
          '{"body": "first"} -> {"body": "second"}', 'update event carries only the changed columns, old and new');
select is((select old_values ->> 'body' from inquest_audit.event where id > :ev0 and table_name = 't_note' and operation = 'delete'),
          'second', 'delete event carries the old row');
select is((select count(*)::int from inquest_audit.event where id > :ev0 and table_name = 'case_assignment' and operation = 'insert'),
          1, 'assignments are audited');

-- SET ROLE: the acting role is the role set; the login is kept beside it.
select coalesce(max(id), 0) as ev1 from inquest_audit.event \gset
set local role t_inv;
insert into inquest.t_note (case_id, body) values (:case_a, 'via set role');
reset role;
grant t_inv to t_admin;
set local session authorization t_admin;
set role inquest_admin;
insert into inquest.t_note (case_id, body) values (:case_a, 'admin as group');
set role t_inv;
insert into inquest.t_note (case_id, body) values (:case_a, 'admin as t_inv');
reset role;
select throws_ok($$select set_config('role', 'inquest_auditor', false)$$, '42501', null,
                 'set_config(role) to a role not held is refused');
insert into inquest.t_note (case_id, body) values (:case_a, 'admin after reset');
reset session authorization;
select results_eq(
  format($$select login::text collate "default", actor::text collate "default", new_values ->> 'body' from inquest_audit.event
            where id > %s and table_name = 't_note' order by id$$, :ev1),
  $$values ('postgres', 't_inv', 'via set role'),
           ('t_admin', 'inquest_admin', 'admin as group'),
           ('t_admin', 't_inv', 'admin as t_inv'),
           ('t_admin', 't_admin', 'admin after reset')$$,
  'the actor is the role set by SET ROLE, the login stays the session user, RESET ROLE restores the login');

-- Bulk statements: one event per row, from one statement.
select coalesce(max(id), 0) as ev2 from inquest_audit.event \gset
insert into inquest.t_note (case_id, body) select :case_a, 'bulk ' || g from generate_series(1, 500) g;
update inquest.t_note set body = body || '!' where body like 'bulk %';
select is((select count(*)::int from inquest_audit.event where id > :ev2 and table_name = 't_note'), 1000,
          'a 500-row insert and a 500-row update write 1000 events');
select is((select count(distinct record_key)::int from inquest_audit.event where id > :ev2 and operation = 'update'), 500,
          'update events pair old and new rows by id');

----------------------------------------------- nobody can change the log (test 1)
set local session authorization t_inv;
select throws_ok($$insert into inquest_audit.event (actor, table_name, operation) values ('x', 'x', 'insert')$$, '42501', null, 'investigator cannot insert events');
select throws_ok($$update inquest_audit.event set actor = 'x'$$, '42501', null, 'investigator cannot update events');
select throws_ok($$delete from inquest_audit.event$$, '42501', null, 'investigator cannot delete events');
select throws_ok($$truncate inquest_audit.event$$, '42501', null, 'investigator cannot truncate events');
select throws_ok($$select * from inquest_audit.event$$, '42501', null, 'investigator cannot read events');
select throws_ok($$select * from inquest_audit.log$$, '42501', null, 'investigator cannot read the log view');
reset session authorization;
set local session authorization t_aud;
select throws_ok($$insert into inquest_audit.event (actor, table_name, operation) values ('x', 'x', 'insert')$$, '42501', null, 'auditor cannot insert events');
select throws_ok($$update inquest_audit.event set actor = 'x'$$, '42501', null, 'auditor cannot update events');
select throws_ok($$delete from inquest_audit.seal$$, '42501', null, 'auditor cannot delete seals');
select throws_ok($$truncate inquest_audit.seal$$, '42501', null, 'auditor cannot truncate seals');
select lives_ok($$select * from inquest_audit.event limit 1$$, 'auditor reads events');
reset session authorization;
set local session authorization t_admin;
select throws_ok($$insert into inquest_audit.seal values (999999, 1, '\x00', '\x00')$$, '42501', null, 'admin cannot insert seals');
select throws_ok($$update inquest_audit.event set actor = 'x'$$, '42501', null, 'admin cannot update events');
select throws_ok($$delete from inquest_audit.event$$, '42501', null, 'admin cannot delete events');
select throws_ok($$truncate inquest_audit.event$$, '42501', null, 'admin cannot truncate events');
select throws_ok($$truncate inquest.t_note$$, '42501', null, 'admin cannot truncate a case table');
reset session authorization;
-- Even the owner (superuser) is stopped by the triggers.
select throws_ok($$update inquest_audit.event set actor = 'x'$$, '42501', null, 'owner cannot update events (trigger)');
select throws_ok($$truncate inquest_audit.event$$, '42501', null, 'owner cannot truncate events (trigger)');
select throws_ok($$truncate inquest.t_note$$, '42501', null, 'owner cannot truncate a case table (trigger)');
set local session_replication_role = replica;
select throws_ok($$delete from inquest_audit.event$$, '42501', null, 'replica mode does not switch the guard off');
set local session_replication_role = origin;

----------------------------------------------------------- canonical text, chain
select is(inquest_audit.canonical_text(7, 42, '2024-03-01 12:34:56.5+01', '1234', 'alice', 'inquest_admin', 'person',
            'P-3', 9, 'update', '{"name": "a\\b\nc"}', null),
          E'inquest-event-v1\n7\n42\n2024-03-01T11:34:56.500000Z\n1234\nalice\ninquest_admin\nperson\nP-3\n9\nupdate\n{"name": "a\\\\\\\\b\\\\nc"}\n\\N\n',
          'canonical text follows docs/audit-format.md');

-- Events of this (open) transaction are not sealable; make sealable ones as the
-- owner, with the txid of a transaction that has finished.
select sealed_below as lo from inquest_private.seal_state \gset
-- (Since 0016 only the product's functions append events: as a superuser would, switch
-- the DDL event trigger and the append guard off for this one insert.)
alter event trigger inquest_record_ddl disable;
alter table inquest_audit.event disable trigger inquest_append_guard;
insert into inquest_audit.event (txid, actor, table_name, record_key, case_id, operation, new_values)
select :'lo'::xid8, 't_inv', 't_note', 'N-' || g, :case_a, 'insert', jsonb_build_object('body', 'sealed ' || g)
  from generate_series(1, 20) g;
alter table inquest_audit.event enable always trigger inquest_append_guard;
alter event trigger inquest_record_ddl enable;
select coalesce(max(seq), 0) as seq0 from inquest_audit.seal \gset
set local session authorization t_inv;
select cmp_ok(inquest_audit.seal(), '>=', 20::bigint, 'an investigator may seal; finished events get sealed');
reset session authorization;
select is(inquest_audit.seal(), 0::bigint, 'sealing again seals nothing twice');
select is((select count(*)::int from inquest_audit.log where record_key like 'N-%' and new_values ->> 'body' like 'sealed %'), 20,
          'the 20 finished events are sealed');
select is_empty($$select event_id from inquest_audit.seal group by event_id having count(*) > 1$$, 'no event sealed twice');
select ok((select count(*) = max(seq) and min(seq) = 1 from inquest_audit.seal), 'sequence numbers have no gap');
select is_empty(format($$select id from inquest_audit.event where id > %s and table_name = 't_note' and txid = pg_current_xact_id()
                           and id in (select event_id from inquest_audit.seal)$$, :ev0),
                'events of a running transaction are not sealed');
select ok((select bool_and(prev_hash is null and hash is null and nodes is not null) from inquest_audit.seal),
          'a log begun in format 2 has no hash chain: every seal row keeps its tree nodes instead');
select ok((select bool_and(substr(s.nodes, 1, 32) = sha256('\x00'::bytea || convert_to(
             inquest_audit.canonical_text(l.seq, l.event_id, l.occurred_at, l.txid, l.login, l.actor, l.table_name, l.record_key,
                                          l.case_id, l.operation, l.old_values, l.new_values), 'UTF8')))
             from inquest_audit.log l join inquest_audit.seal s on s.seq = l.seq),
          'every stored leaf hash is sha256(0x00 || canonical text)');
select is(inquest_audit.verify(), null, 'verify() finds the log intact');
select throws_ok($$delete from inquest_audit.seal$$, '42501', null, 'owner cannot delete seals (trigger)');
select throws_ok($$update inquest_audit.seal set hash = hash$$, '42501', null, 'owner cannot update seals (trigger)');
set local session authorization t_aud;
select is((select seq from inquest_audit.head()), (select max(seq) from inquest_audit.seal), 'auditor reads the head');
select is((select hash from inquest_audit.head()), encode(inquest_audit.tree_root((select max(seq) from inquest_audit.seal)), 'hex'),
          'the head''s hash is the tree root at the head (folded from the sealer''s right edge)');
reset session authorization;

-- Tampering as the superuser (test 7, the part SQL can show). Savepoints keep
-- each tampering separate; results are asserted after rolling back to them.
select max(seq) as last_seq from inquest_audit.seal \gset
alter event trigger inquest_record_ddl disable;  -- as a superuser would (0016 refuses the rest)
savepoint tamper_gap;
alter table inquest_audit.seal disable trigger inquest_append_only;
delete from inquest_audit.seal where seq = :last_seq - 5;
select inquest_audit.verify() as v_gap \gset
rollback to savepoint tamper_gap;
savepoint tamper_tail;
alter table inquest_audit.seal disable trigger inquest_append_only;
delete from inquest_audit.seal where seq >= :last_seq - 2;
select inquest_audit.verify() as v_tail \gset
rollback to savepoint tamper_tail;
savepoint tamper_hash;
alter table inquest_audit.seal disable trigger inquest_append_only;
update inquest_audit.seal set nodes = sha256('forged') || substr(nodes, 33) where seq = :last_seq - 3;
select inquest_audit.verify() as v_link \gset
rollback to savepoint tamper_hash;
-- A chain that starts again after unchained events: a valid-looking link from genesis.
savepoint tamper_chain;
alter table inquest_audit.seal disable trigger inquest_append_only;
update inquest_audit.seal s set nodes = null, prev_hash = decode(repeat('00', 32), 'hex'),
       hash = sha256(decode(repeat('00', 32), 'hex') || convert_to(inquest_audit.canonical_text(l.seq, l.event_id, l.occurred_at,
         l.txid, l.login, l.actor, l.table_name, l.record_key, l.case_id, l.operation, l.old_values, l.new_values), 'UTF8'))
  from inquest_audit.log l where l.seq = s.seq and s.seq = :last_seq - 1;
select inquest_audit.verify() as v_restart \gset
rollback to savepoint tamper_chain;
select is(:'v_gap'::bigint, :'last_seq'::bigint - 5, 'a removed seal is named by verify()');
select is(:'v_tail'::bigint, :'last_seq'::bigint - 2, 'removing the newest seals is named by verify() (unless the bookkeeping is rewritten too)');
select is(:'v_link'::bigint, :'last_seq'::bigint - 3, 'a changed leaf hash is named by verify()');
select is(:'v_restart'::bigint, :'last_seq'::bigint - 1, 'a hash chain link after unchained events is named by verify()');
select is(inquest_audit.verify(), null, '(chain intact again after the savepoints)');
select seq as tamper from inquest_audit.log where new_values ->> 'body' = 'sealed 7' \gset
alter table inquest_audit.event disable trigger inquest_append_only;
update inquest_audit.event set new_values = '{"body": "sealed 7, edited"}'
 where id = (select event_id from inquest_audit.seal where seq = :tamper);
alter table inquest_audit.event enable always trigger inquest_append_only;
select is(inquest_audit.verify(), :'tamper'::bigint, 'an edited event is named by verify()');
alter event trigger inquest_record_ddl enable;

select * from finish();
rollback;
