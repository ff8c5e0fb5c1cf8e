-- Side channels under row-level security (issue 10, classes 1 and 2), tried as an
-- investigator with psql would: EXPLAIN (ANALYZE) with a condition on every column they
-- can name, of every table and view of schema inquest, for a value that exists only in
-- a case they are not assigned to; reading the search keys; the statistics views.
--
-- The invariant checked for EXPLAIN: an investigator assigned to no case may cause no
-- plan node to read a row (Actual Rows, Rows Removed by Filter or Index Recheck, all 0)
-- and no SubPlan to run more than once. A scan without an index condition (a Seq Scan,
-- or an Index Scan read whole) is the one exception: it applies the policy and the
-- caller's condition as one filter, so its count of removed rows is the table's row
-- count whatever the value (a volume, not a value: see the README's threat model). Each probe runs under three planner settings, to push the planner to every
-- index it may use.
--
-- Not probed: `id` and `key` (and the keys views show, `record_key`). Their unique indexes cannot lead with the case, so a
-- condition on them tells whether record number N exists somewhere (one row removed):
-- what the global sequence tells anyone who adds a record. Accepted and documented.
set search_path = tap, public;
begin;
select plan(15);

------------------------------------------------------------------ the guard (before any row: CREATE INDEX refuses pending trigger events)
select throws_ok($$ create index person_name_probe on inquest.person_name (name) $$, '42501', null,
  'an index that does not lead with case_id, on a column investigators read, is refused');

select lives_ok($$ create index person_name_probe on inquest.person_name (case_id, name) $$,
  'the same index leading with case_id is accepted');
drop index inquest.person_name_probe;

\ir support/records_fixtures.psql
\ir support/records_scenario.psql

-- Case B gets a row in every table, and a value in every indexed column.
do $$
declare a bigint := pg_temp.ca(); b bigint := pg_temp.cb(); m bigint := pg_temp.pid('Sirous Nasseri');
        r bigint := pg_temp.person(b, 'Parvaneh Nasseri');
        e bigint; d bigint; s bigint; t bigint; ts bigint; ev bigint; st bigint; po bigint;
begin
  insert into inquest.evidence (case_id, kind, title, "date", amnesty_index, language, file_sha256, file_size, external_ref)
  values (b, 'ngo_report', 'Iran: Violations of human rights 1987-1990', '1990-12', 'MDE 13/021/90', 'en',
          repeat('ab', 32), 1048576, 'secret-ref-1')
  returning id into e;
  insert into inquest.person_name (case_id, person_id, name, kind, script, language, evidence_id)
  values (b, m, 'سیروس ناصری', 'transliteration', 'persian', 'fa', e);
  insert into inquest.person_role (case_id, person_id, role, related_person_id, relationship)
  values (b, m, 'to_be_summoned', null, null), (b, r, 'relative', m, 'sister');
  insert into inquest.position (case_id, person_id, title, start_date, end_date, evidence_id)
  values (b, m, 'Ambassador to the United Nations Office at Geneva', '1988-02', '1989-09', e) returning id into po;
  insert into inquest.custody_entry (case_id, evidence_id, at, action, received_from, received_by)
  values (b, e, '2023-05-01 10:00+00', 'received', 'a confidential source', 'the commission registry');
  insert into inquest.evidence_fact (case_id, evidence_id, kind, "date", locator)
  values (b, e, 'published', '1990-12-11', 'cover');
  insert into inquest.summons (case_id, person_id, purpose) values (b, m, 'nasseri') returning id into s;
  insert into inquest.disclosure_request (case_id, person_id, summons_id, topic, question, requested_on, due_on)
  values (b, m, s, 'knew_what_when', 'What did you know of the executions?', '2024-01-10', '2024-02-10')
  returning id into d;
  insert into inquest.testimony_session (case_id, deponent_id, scheduled_at, notes)
  values (b, r, '2024-03-01 09:00+00', 'session B') returning id into t;
  insert into inquest.transcript_segment (case_id, session_id, ordinal, time_offset, speaker, speaker_person_id, original_text)
  values (b, t, 1, '00:00:10', 'WITNESS B', r, 'text B') returning id into ts;
  -- 0017: a correction of that segment, and a live log line (a session with consent).
  update inquest.testimony_session set consent_given_at = '2024-03-01 09:00+00' where id = t;
  insert into inquest.transcript_segment (case_id, session_id, ordinal, time_offset, speaker, original_text, supersedes_id)
  values (b, t, 2, '00:00:20', 'WITNESS B', 'text B, corrected', ts);
  insert into inquest.testimony_log_line (case_id, session_id, client_key, kind, time_offset, entered_at)
  values (b, t, '6f1d3c2e-1b7a-4c55-9d0e-3a8f7b6c5d4e', 'start', '0', '2024-03-01 09:00+00');
  insert into inquest.disclosure_response (case_id, request_id, received_on, response_text, received_via,
                                           testimony_session_id, evidence_id)
  values (b, d, '2024-02-01', 'No answer of substance.', 'letter', t, e);
  insert into inquest.event (case_id, kind, title, "date", place, external_ref)
  values (b, 'meeting', 'Meeting in Geneva', '1988-12-05', 'Geneva', 'secret-event-ref') returning id into ev;
  insert into inquest.event_participant (case_id, event_id, person_id, role) values (b, ev, m, 'attendee');
  insert into inquest.statement (case_id, person_id, position_id, event_id, "date", venue, medium, quotation, language, classification)
  values (b, m, po, ev, '1988-12-05', 'Geneva', 'meeting', 'Nothing happened.', 'en', '{denial}') returning id into st;
  insert into inquest.evidence_link (case_id, evidence_id, person_id, statement_id, event_id, transcript_segment_id,
                                     disclosure_request_id, summons_id, relation, locator)
  values (b, e, m, null, null, null, null, null, 'mentions', 'p. 12'),
         (b, e, null, st, null, null, null, null, 'corroborates', 'p. 13'),
         (b, e, null, null, ev, null, null, null, 'mentions', 'p. 14'),
         (b, e, null, null, null, ts, null, null, 'corroborates', 'minute 0:10'),
         (b, e, null, null, null, null, d, null, 'mentions', 'p. 15'),
         (b, e, null, null, null, null, null, s, 'mentions', 'p. 16');
  update inquest.person set external_ref = 'secret-person-ref' where id = m;
  insert into inquest.person_distinct (case_id, person_a_id, person_b_id, reason)
  values (b, least(m, r), greatest(m, r), 'sisters, not one person');
  insert into inquest.correspondence (case_id, direction, counterpart, person_id, dated, subject, reference, evidence_id)
  values (b, 'sent', 'Permanent Mission in Geneva', m, '2024-01-05', 'Request for cooperation', 'COM/B/7', e);
end $$;

create role t_snoop login in role inquest_investigator;   -- assigned to no case
create role t_inv_a login in role inquest_investigator;   -- assigned to case A only
insert into inquest_private.app_user (username, created_by) values ('t_inv_a', 'test');  -- as `inquest user add` would
insert into inquest.case_assignment (case_id, username) values (pg_temp.ca(), 't_inv_a');

-- Probes: for every column an investigator may read, of every table and view of schema
-- inquest, one value that exists in the database (read as the owner).
create temp table probe (rel regclass, col name, typ text, val text, writable boolean);
do $$
declare
  r record;
  v text;
begin
  for r in
    select c.oid::regclass as rel, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod) as typ,
           c.relkind = 'r' and pg_catalog.has_table_privilege('inquest_investigator', c.oid, 'DELETE') as writable
      from pg_class c join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
     where c.relnamespace = 'inquest'::regnamespace and c.relkind in ('r', 'v') and c.relname <> 't_note'
       and pg_catalog.has_column_privilege('inquest_investigator', c.oid, a.attnum, 'SELECT')
       -- not the record number and the human key made from it (see the header)
       and a.attname not in ('id', 'key') and not (c.relkind = 'v' and a.attname like '%\_key')
       -- a type compared with `=` through a b-tree operator class
       and exists (select from pg_opclass o join pg_am m on m.oid = o.opcmethod
                    where m.amname = 'btree' and o.opcdefault
                      and (o.opcintype = a.atttypid or (o.opcintype = 'anyarray'::regtype and a.attndims > 0)
                           or (o.opcintype = 'anyenum'::regtype)))
  loop
    execute pg_catalog.format('select %I::text from %s where %I is not null order by 1 desc limit 1', r.attname, r.rel, r.attname)
      into v;
    if v is not null then
      insert into probe values (r.rel, r.attname, r.typ, v, r.writable);
    end if;
  end loop;
end $$;
grant select on probe to public;

-- Every column that an index of a case table rests on has a probe (the fixtures above
-- exist for this), so a new index cannot escape the probes for lack of data.
select is_empty($$
  select c.relname || '.' || a.attname
    from pg_index x
    join pg_class c on c.oid = x.indrelid and c.relnamespace = 'inquest'::regnamespace and c.relname <> 't_note'
    join pg_depend d on d.classid = 'pg_class'::regclass and d.objid = x.indexrelid
                    and d.refclassid = 'pg_class'::regclass and d.refobjid = c.oid and d.refobjsubid > 0
    join pg_attribute a on a.attrelid = c.oid and a.attnum = d.refobjsubid
   where has_column_privilege('inquest_investigator', c.oid, a.attnum, 'SELECT')
     and a.attname not in ('id', 'key')
     and not exists (select from probe p where p.rel = c.oid and p.col = a.attname)
$$, 'every indexed column an investigator can read has a probe value');

-- The plan nodes of a statement, run with EXPLAIN (ANALYZE) by the current role, that
-- read rows beyond what the caller may see (see the header).
create function pg_temp.leaking_nodes(q text) returns text
language plpgsql as $$
declare
  p jsonb;
  bad text;
begin
  execute 'explain (analyze, format json, timing off, summary off) ' || q into p;
  select string_agg(n ->> 'Node Type' || coalesce(' on ' || (n ->> 'Index Name'), '')
                    || ' rows=' || coalesce(n ->> 'Actual Rows', '?')
                    || ' removed=' || coalesce(n ->> 'Rows Removed by Filter', '0')
                    || ' recheck=' || coalesce(n ->> 'Rows Removed by Index Recheck', '0')
                    || ' loops=' || coalesce(n ->> 'Actual Loops', '?'), '; ')
    into bad
    from jsonb_path_query(p, 'lax $.**') n
   where jsonb_typeof(n) = 'object' and n ? 'Node Type'
     and ((not (n ->> 'Node Type' like '%Scan' and not n ? 'Index Cond' and not n ? 'Recheck Cond')
           and (coalesce((n ->> 'Actual Rows')::numeric, 0) > 0
                or coalesce((n ->> 'Rows Removed by Filter')::numeric, 0) > 0
                or coalesce((n ->> 'Rows Removed by Index Recheck')::numeric, 0) > 0))
          or (n ->> 'Parent Relationship' = 'SubPlan' and coalesce((n ->> 'Actual Loops')::numeric, 0) > 1));
  return bad;
end $$;

-- Every probe, as written by a prefix walk: equality, and a range around the value;
-- reads through SELECT and, where the investigator may delete, through DELETE (whose
-- policy is the write policy). Returns one line per leak.
create function pg_temp.probe_leaks(p_rel regclass default null) returns setof text
language plpgsql as $$
declare
  r record;
  s record;
  q text;
  bad text;
begin
  for r in select * from probe where p_rel is null or rel = p_rel order by rel::text, col loop
    for s in select * from (values ('on', 'on'), ('off', 'on'), ('off', 'off')) v(seqscan, bitmapscan) loop
      perform set_config('enable_seqscan', s.seqscan, true);
      perform set_config('enable_bitmapscan', s.bitmapscan, true);
      foreach q in array array[
          format('select 1 from %s where %I = %L::%s', r.rel, r.col, r.val, r.typ),
          format('select 1 from %s where %I >= %L::%s and %I <= %L::%s', r.rel, r.col, r.val, r.typ, r.col, r.val, r.typ)]
          || case when r.writable then array[format('delete from %s where %I = %L::%s', r.rel, r.col, r.val, r.typ)]
                  else '{}'::text[] end loop
        bad := pg_temp.leaking_nodes(q);
        if bad is not null then
          return next format('%s [seqscan %s, bitmapscan %s]: %s', q, s.seqscan, s.bitmapscan, bad);
        end if;
      end loop;
    end loop;
  end loop;
  perform set_config('enable_seqscan', 'on', true);
  perform set_config('enable_bitmapscan', 'on', true);
end $$;

analyze;

------------------------------------------------------------------ EXPLAIN
set local session authorization t_snoop;
select is((select count(*)::int from inquest.person), 0, 'the snoop sees no person');
select is_empty($$ select * from pg_temp.probe_leaks() $$,
  'EXPLAIN (ANALYZE) of any condition on any readable column of any table or view reads no row of another case');

-- The classic walks, spelled out, with the planner pushed to the indexes: a prefix of
-- case B's reference; a document's hash ("does another case hold this file?").
set local enable_seqscan = off;
select is(pg_temp.leaking_nodes($$select 1 from inquest."case" where reference >= 'TEST-B' and reference < 'TEST-C'$$), null,
  'a prefix walk over case.reference counts nothing');
select is(pg_temp.leaking_nodes(format('select 1 from inquest.evidence where file_sha256 = %L', repeat('ab', 32))), null,
  'a probe for a file hash held by another case counts nothing');
set local enable_seqscan = on;

-- The search keys cannot be named at all (their trigram indexes cannot lead with the case).
select throws_ok($$select name_fold from inquest.person_name$$, '42501', null,
  'investigators cannot read the folded spellings');
select throws_ok($$explain analyze select 1 from inquest.person_name where name_fold_key = 'sirousnaseri'$$, '42501', null,
  'nor use them in a condition');
-- ... and the search itself covers the caller's cases only, with one answer for a case
-- that exists elsewhere and one that does not.
select is_empty($$ select * from inquest.search_names('Sirous Nasseri') $$, 'search finds nothing of another case');
select throws_ok($$ select * from inquest.search_names('Sirous', 'TEST-B') $$, 'P0002', 'case TEST-B not found',
  'searching an unassigned case is "not found" ...');
select throws_ok($$ select * from inquest.search_names('Sirous', 'NOPE-1') $$, 'P0002', 'case NOPE-1 not found',
  '... exactly as for a case that does not exist');

------------------------------------------------------------------ statistics
select throws_ok($$ select count(*) from pg_stats where schemaname = 'inquest' $$, '42501', null,
  'pg_stats (most common values, histograms of every case) is not readable');
select throws_ok($$ select n_live_tup from pg_stat_user_tables where relname = 'person' $$, '42501', null,
  'per-table row counts of the statistics collector are not readable');
reset session authorization;

------------------------------------------------------------------ an assigned investigator
set local session authorization t_inv_a;
select is(
  (select array_agg(person_key order by person_key) from inquest.search_names('Sirous Nasseri')), null,
  'an investigator of case A does not find a person of case B');
reset session authorization;

select * from finish();
rollback;
