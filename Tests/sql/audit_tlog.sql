-- Issue 11 (Schema/0016): the Merkle tree kept by seal(), no forged appends, DDL on the
-- audited schemas refused or recorded. Tried as the owner (a superuser) with psql.
set search_path = tap, public;
begin;
select plan(13);

insert into inquest."case" (reference, title) values ('IR-TLOG-1', 'Tree one'), ('IR-TLOG-2', 'Tree two'), ('IR-TLOG-3', 'Tree three');
-- (events of this transaction are sealed only after it: commit-free check of the tree
-- over what is sealed already, then of a fresh leaf computed by hand)
select is((select count(*) from inquest_audit.tree), (select count(*) from inquest_audit.seal), 'one tree row per sealed event');
select is(inquest_audit.tree_root(0), sha256(''::bytea), 'the empty tree has root SHA-256("")');
select is((select count(*) from inquest_audit.log l join inquest_audit.tree t on t.seq = l.seq
            where substr(t.nodes, 1, 32) <> inquest_audit.leaf_hash(
              inquest_audit.canonical_text(l.seq, l.event_id, l.occurred_at, l.txid, l.login, l.actor, l.table_name, l.record_key,
                                           l.case_id, l.operation, l.old_values, l.new_values))),
          0::bigint, 'every stored leaf is SHA-256(0x00 || canonical text)');
select is(inquest_audit.node_hash('\x01'::bytea, '\x02'::bytea), sha256('\x010102'::bytea), 'a node is SHA-256(0x01 || left || right)');

-- Forged appends: as the owner, directly, through COPY, and from a function of one's own.
select throws_ok($$insert into inquest_audit.event (actor, table_name, operation) values ('amina', 'person', 'insert')$$,
                 '42501', null, 'the owner cannot INSERT an event');
create function public.t_forge2(p_table_name text, p_record_key text, p_case_id bigint, p_operation text, p_old jsonb, p_new jsonb)
returns void language plpgsql set search_path = pg_catalog, pg_temp as $f$
begin
  insert into inquest_audit.event (actor, table_name, record_key, case_id, operation, old_values, new_values)
  values (inquest_private.current_actor(), p_table_name, p_record_key, p_case_id, p_operation, p_old, p_new);
end $f$;
select throws_ok($$select public.t_forge2('person', 'P-1', 1, 'insert', null, '{}')$$, '42501', null,
                 'nor with write_event''s own statement copied into its function');
select throws_ok($$insert into inquest_audit.seal (seq, event_id, prev_hash, hash) values (999999, 1, sha256(''), sha256(''))$$,
                 '42501', null, 'the owner cannot INSERT a seal');
select throws_ok($$insert into inquest_audit.tree (seq, nodes) values (999999, sha256(''))$$, '42501', null, 'nor a tree node');
select throws_ok($$truncate inquest_audit.tree$$, '42501', null, 'tree nodes cannot be truncated away');

-- DDL that would stop the audit is refused; other DDL is recorded.
select throws_ok($$alter table inquest_audit.event disable trigger inquest_append_guard$$, '42501', null,
                 'disabling the append guard is refused');
select throws_ok($$drop table inquest_audit.tree$$, null, null, 'dropping an audit table is refused');
select max(id) as ev0 from inquest_audit.event \gset
create policy t_open on inquest.person for select to public using (true);
drop policy t_open on inquest.person;
select is((select array_agg(new_values ->> 'command' order by id) from inquest_audit.event where id > :ev0 and operation = 'ddl'),
          array['CREATE POLICY', 'DROP POLICY'], 'a policy created and dropped by the owner is recorded, twice');
grant select on inquest.person to public;
select is((select count(*) from inquest_audit.event where id > :ev0 and operation = 'ddl' and new_values ->> 'command' = 'GRANT'
             and new_values ->> 'statement' like 'grant select on inquest.person%'), 1::bigint, 'a GRANT is recorded with its statement');

select * from finish();
rollback;
