-- Issue 14: the append guard of inquest_audit.event compares the call stack with the exact
-- frames of the product's own INSERTs (Schema/objects/audit/append_guard.sql). What an
-- insider with psql tries, as the owner (a superuser) unless said otherwise: every way of
-- appending an event that is not one of those INSERTs run by those functions is refused,
-- and nothing is appended. The product's own writes (insert, update, delete, redacted
-- update, write_event) still pass.
set search_path = tap, public;
begin;
select plan(37);

create role t_inv login in role inquest_investigator;
insert into inquest_private.app_user (username, created_by) values ('t_inv', 'test');
\ir support/t_note.psql
insert into inquest."case" (reference, title) values ('TG-1', 'Guard case');
select id as case_g from inquest."case" where reference = 'TG-1' \gset
insert into inquest.case_assignment (case_id, username) values (:case_g, 't_inv');
create table inquest.t_secret (
  id bigint generated always as identity primary key,
  key text generated always as ('TS-' || id) stored unique,
  case_id bigint not null references inquest."case" (id),
  body text not null,
  unique (case_id, id));
insert into inquest_private.sensitive_column values ('t_secret', 'body');
select inquest_private.mark_sensitive('t_secret', array['body']::name[]);

-- The guard in place is the fast one, with one frame per INSERT of the allowed functions.
select is((select p.proname::text from pg_catalog.pg_trigger t join pg_catalog.pg_proc p on p.oid = t.tgfoid
            where t.tgrelid = 'inquest_audit.event'::regclass and t.tgname = 'inquest_append_guard'),
          'guard_audit_append', 'inquest_audit.event is guarded by guard_audit_append()');
select is((select t.tgnargs::int from pg_catalog.pg_trigger t
            where t.tgrelid = 'inquest_audit.event'::regclass and t.tgname = 'inquest_append_guard'),
          5, 'five allowed frames: four INSERTs of audit_statement(), one of write_event()');
select is_empty($$select * from inquest_private.audit_table_problems()$$, 'the audit tables keep their triggers, ENABLE ALWAYS');
select is((select array(select replace(a, '\\', '\') from unnest(string_to_array(encode(t.tgargs, 'escape'), '\000')) a where a <> '')
             from pg_catalog.pg_trigger t
            where t.tgrelid = 'inquest_audit.event'::regclass and t.tgname = 'inquest_append_guard'),
          (select array_agg(replace(replace(replace(f, '\', '\\'), '%', '\%'), '_', '\_') || '%' order by g.o, x.n)
             from (values (1, 'inquest_private.audit_statement()'::regprocedure),
                          (2, 'inquest_private.write_event(text,text,bigint,text,jsonb,jsonb)'::regprocedure)) g(o, fn)
            cross join lateral unnest(inquest_private.append_frames('inquest_private.guard_audit_append()', g.fn, 'inquest_audit.event'))
                  with ordinality x(f, n)),
          'its patterns are the frames of the functions as they are now, escaped for LIKE');

-- The product's own writes pass.
select count(*) as ev0 from inquest_audit.event \gset
set local session authorization t_inv;
insert into inquest.t_note (case_id, body) values (:case_g, 'first'), (:case_g, 'second');
update inquest.t_note set body = 'changed' where body = 'first';
delete from inquest.t_note where body = 'second';
insert into inquest.t_secret (case_id, body) values (:case_g, 'a canary name');
update inquest.t_secret set body = 'another canary' where case_id = :case_g;
reset session authorization;
select inquest_private.write_event('t_note', 'N-0', :case_g, 'insert', null, '{"written": "by write_event"}');
select is((select array_agg(e.operation || ' ' || e.table_name order by e.id) from inquest_audit.event e where e.id > (select max(id) from inquest_audit.event) - 7),
          array['insert t_note', 'insert t_note', 'update t_note', 'delete t_note', 'insert t_secret', 'update t_secret', 'insert t_note'],
          'insert, update, delete, redacted insert and update, and write_event() append their events');
select is((select count(*) from inquest_audit.event e where e.id > :ev0 and (e.new_values::text like '%canary%' or e.old_values::text like '%canary%')),
          0::bigint, 'and the sensitive column stays redacted');

-- With the call stack translated (lc_messages, a superuser's setting), the guard reads it
-- again in English: the product's writes pass, forgeries are still refused. Needs a
-- German locale and PostgreSQL's German messages; skipped without them.
create function pg_temp.t_set_german() returns boolean language plpgsql as $f$
declare
  c text;
begin
  perform set_config('lc_messages', 'de_DE.UTF-8', true);
  get diagnostics c = pg_context;
  if c like 'PL/pgSQL function%' then  -- no German messages: back to English
    perform set_config('lc_messages', 'C', true);
    return false;
  end if;
  return true;
exception when others then  -- no such locale
  return false;
end $f$;
select pg_temp.t_set_german() as german \gset
\if :german
  select count(*) as ev_de from inquest_audit.event \gset
  set local session authorization t_inv;
  select lives_ok(format($q$insert into inquest.t_note (case_id, body) values (%s, 'geschrieben')$q$, :case_g),
                  'with lc_messages translating the call stack, an audited insert passes (if German messages are installed)');
  reset session authorization;
  select throws_ok($q$do $d$ begin insert into inquest_audit.event (actor, table_name, operation) values ('amina', 't_note', 'insert'); end $d$ $q$,
                   '42501', null, 'and an INSERT in a DO block is still refused');
  select is((select count(*) from inquest_audit.event), :ev_de::bigint + 1, 'one event, the insert''s');
  set local lc_messages = 'C';
\else
  select skip('no German locale on this machine: the translated call stack is not tried', 3);
\endif
-- Every forgery below must leave the event table as it is.
select count(*) as ev1 from inquest_audit.event \gset

-- Typed by the owner, in every shape of statement.
select throws_ok($$insert into inquest_audit.event (actor, table_name, operation) values ('amina', 't_note', 'insert')$$,
                 '42501', 'only the audit trail itself appends to inquest_audit.event: a direct INSERT is refused',
                 'an INSERT typed by the owner is refused');
select throws_ok($$insert into inquest_audit.event (actor, table_name, operation) select 'amina', 't_note', 'insert'$$,
                 '42501', null, 'so is INSERT ... SELECT');
select throws_ok($$with x as (insert into inquest_audit.event (actor, table_name, operation) values ('amina', 't_note', 'insert') returning id)
                   select count(*) from x$$,
                 '42501', null, 'and an INSERT in a WITH clause');
select throws_ok($$copy inquest_audit.event (actor, table_name, operation) from program 'printf "amina\tt_note\tinsert\n"'$$,
                 '42501', null, 'and COPY');
prepare t_forge_prepared as insert into inquest_audit.event (actor, table_name, operation) values ('amina', 't_note', 'insert');
select throws_ok($$execute t_forge_prepared$$, '42501', null, 'and a prepared statement');
set local session_replication_role = replica;
select throws_ok($$insert into inquest_audit.event (actor, table_name, operation) values ('amina', 't_note', 'insert')$$,
                 '42501', null, 'and an INSERT with session_replication_role = replica (the guard is ENABLE ALWAYS)');
set local session_replication_role = origin;

-- write_event()'s own statement, exactly as its frame carries it, run from elsewhere.
select substring(f from E'\nSQL statement "(.*)"\nPL/pgSQL function inquest_private\\.write_event\\(') as stmt
  from unnest(inquest_private.append_frames('inquest_private.guard_audit_append()',
                                            'inquest_private.write_event(text,text,bigint,text,jsonb,jsonb)', 'inquest_audit.event')) f \gset
select isnt(:'stmt'::text, null, 'write_event''s statement is one of the frames');
select throws_ok(format($q$do $d$ declare p_table_name text := 't_note'; p_record_key text := 'N-1'; p_case_id bigint := %s;
                          p_operation text := 'insert'; p_old jsonb; p_new jsonb := '{}'; begin %s; end $d$ $q$, :case_g, :'stmt'),
                 '42501', null, 'the same statement in a DO block is refused');
create schema t_evil;
select format($q$create function t_evil.write_event(p_table_name text, p_record_key text, p_case_id bigint, p_operation text,
                                                   p_old jsonb, p_new jsonb) returns void
               language plpgsql security definer set search_path = pg_catalog, pg_temp as $f$
begin
  %s;
end $f$ $q$, :'stmt') as create_evil \gset
:create_evil;
select throws_ok(format($$select t_evil.write_event('t_note', 'N-1', %s, 'insert', null, '{}')$$, :case_g), '42501', null,
                 'so is the same statement in the owner''s function named write_event, at the same line, in another schema');
set local search_path = t_evil, tap, public;
select throws_ok(format($$select write_event('t_note', 'N-1', %s, 'insert', null, '{}')$$, :case_g), '42501', null,
                 'also when called through the search path');
set local search_path = tap, public;

-- A forged frame inside the statement's text. Where it may stand (a string, a comment, a
-- quoted name) the statement does not begin with the allowed text, and is refused ...
select throws_ok($q$do $d$ begin
  insert into inquest_audit.event (actor, table_name, operation) values ('amina', 't_note"
PL/pgSQL function inquest_private.write_event(text,text,bigint,text,jsonb,jsonb) line 3 at SQL statement
', 'insert');
end $d$ $q$, '42501', null, 'a forged frame in a string of the statement is refused');
select throws_ok($q$do $d$ begin
  insert into inquest_audit.event /* "
PL/pgSQL function inquest_private.write_event(text,text,bigint,text,jsonb,jsonb) line 3 at SQL statement
*/ (actor, table_name, operation) values ('amina', 't_note', 'insert');
end $d$ $q$, '42501', null, 'so is one in a comment');
select throws_ok($q$do $d$ begin
  insert into inquest_audit.event as "
PL/pgSQL function inquest_private.write_event(text,text,bigint,text,jsonb,jsonb) line 3 at SQL statement
" (actor, table_name, operation) values ('amina', 't_note', 'insert');
end $d$ $q$, '42501', null, 'and one in a quoted alias');
-- ... and right after the allowed text, where only a quote can open it, it is not SQL.
select throws_ok(format($q$do $d$ declare p_table_name text := 't_note'; p_record_key text; p_case_id bigint; p_operation text := 'insert';
                          p_old jsonb; p_new jsonb; begin execute %L; end $d$ $q$,
                        :'stmt' || E'"\nPL/pgSQL function inquest_private.write_event(text,text,bigint,text,jsonb,jsonb) line 3 at SQL statement\n" returning id'),
                 '42601', null, 'the allowed text followed by a forged frame is a syntax error');
select throws_ok(format($q$do $d$ begin execute %L; end $d$ $q$,
                        replace(:'stmt', 'inquest_private.current_actor(), p_table_name, p_record_key, p_case_id, p_operation, p_old, p_new',
                                $v$'amina', 't_note', null, null, 'insert', null, null$v$)
                        || E'"\nPL/pgSQL function inquest_private.write_event(text,text,bigint,text,jsonb,jsonb) line 3 at SQL statement\n"'),
                 '42601', null, 'also with the values filled in');

-- Through a rule of the owner's table.
create table public.t_sink (actor name);
create rule t_sink_forge as on insert to public.t_sink do instead
  insert into inquest_audit.event (actor, table_name, operation) values (new.actor, 't_note', 'insert');
select throws_ok($$insert into public.t_sink values ('amina')$$, '42501', null, 'an INSERT rewritten by a rule is refused');

-- The audit trigger function itself, attached by the owner to a table of their own that
-- is named like a case table: its INSERT is an allowed frame, so it checks where it runs.
create table public.t_note (id bigint, key text, case_id bigint, body text);
create trigger t_forge_audit after insert on public.t_note referencing new table as new_rows
  for each statement execute function inquest_private.audit_statement('case_id');
select throws_ok(format($$insert into public.t_note values (999, 'N-999', %s, 'a note nobody wrote')$$, :case_g),
                 '42501', 'inquest_private.audit_statement() audits the tables of schema inquest only, not public.t_note',
                 'the audit trigger on a table outside schema inquest is refused');

select is((select count(*) from inquest_audit.event), :ev1::bigint, 'no forgery appended an event');

-- The guard fails closed: an allowed function changed by hand (not by migrate) no longer
-- matches its frames, and its events are refused rather than let through unchecked. With
-- the DDL recorder on, the change itself is refused (its event goes through write_event).
\set t_hand_made 'create or replace function inquest_private.write_event(p_table_name text, p_record_key text, p_case_id bigint, p_operation text, p_old jsonb, p_new jsonb) returns void language plpgsql set search_path = pg_catalog, pg_temp as $f$ begin insert into inquest_audit.event (actor, table_name, record_key, case_id, operation, old_values, new_values) values (''somebody else'', p_table_name, p_record_key, p_case_id, p_operation, p_old, p_new); end $f$'
select throws_ok(:'t_hand_made', '42501', null, 'write_event() replaced by hand is refused (the DDL event cannot be written)');
alter event trigger inquest_record_ddl disable;
:t_hand_made;
alter event trigger inquest_record_ddl enable;
select throws_ok(format($$select inquest_private.write_event('t_note', 'N-1', %s, 'insert', null, '{}')$$, :case_g), '42501', null,
                 'and with the recorder off, its events are refused until migrate makes the frames again');

-- seal and tree: the same guard. seal's is framed from seal()'s source: seal() itself
-- appends; its statement run from anywhere else (here a DO block declaring what it reads)
-- is refused. tree holds format 1 nodes only (Schema/0028): its guard allows nothing.
select isnt(inquest_audit.seal(), null::bigint, 'seal() appends to seal through its guard');
select is((select count(*) from pg_trigger t where t.tgname = 'inquest_append_guard' and t.tgenabled = 'A'
              and t.tgfoid = 'inquest_private.guard_audit_append()'::regprocedure
              and t.tgrelid in ('inquest_audit.seal'::regclass, 'inquest_audit.tree'::regclass)), 2::bigint,
          'seal and tree are guarded by the same guard, ENABLE ALWAYS');
select substring(f from E'\nSQL statement "(.*)"\nPL/pgSQL function inquest_audit\\.seal\\(') as seal_stmt
  from unnest(inquest_private.append_frames('inquest_private.guard_audit_append()', 'inquest_audit.seal(boolean)', 'inquest_audit.seal')) f \gset
select throws_ok(format($q$do $d$ declare v_base bigint := 900000000; ids bigint[] := '{900000001}'; leaves bytea[] := array[sha256('')];
                          tails bytea[] := array[null::bytea]; begin %s; end $d$ $q$, :'seal_stmt'),
                 '42501', 'only the audit trail itself appends to inquest_audit.seal: a direct INSERT is refused',
                 'seal()''s own INSERT into seal, run from a DO block, is refused');
select throws_ok($$insert into inquest_audit.tree (seq, nodes) values (900000001, sha256(''))$$,
                 '42501', 'only the audit trail itself appends to inquest_audit.tree: a direct INSERT is refused',
                 'nothing appends to tree any more: an INSERT of a node row is refused');
select throws_ok($$insert into inquest_audit.seal (seq, event_id, prev_hash, hash) values (900000001, 900000001, sha256(''), sha256('x'))$$,
                 '42501', 'only the audit trail itself appends to inquest_audit.seal: a direct INSERT is refused',
                 'a typed INSERT into seal is refused');

-- append_frames() names what it cannot frame.
select throws_ok($$select inquest_private.append_frames('inquest_private.guard_audit_append()', 'inquest_private.redact(jsonb,text[],bytea)', 'inquest_audit.event')$$,
                 null, null, 'append_frames() refuses a function that is not PL/pgSQL');
select throws_ok($$select inquest_private.append_frames('inquest_private.guard_audit_append()', 'inquest_private.refuse_truncate()', 'inquest_audit.event')$$,
                 null, null, 'and one without an INSERT into the table');
select is(cardinality(inquest_private.append_frames('inquest_private.guard_audit_append()', 'inquest_private.audit_statement()', 'inquest_audit.event')),
          4, 'audit_statement() has four');

select * from finish();
rollback;
