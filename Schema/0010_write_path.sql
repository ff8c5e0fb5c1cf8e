-- 0010 A cheaper write path for audited single-record writes (issue: benchmarks, goal 1).
--
-- Measured with pgbench (-M prepared, 2 cores) on the benchmark's statement
--   insert into inquest.summons (case_id, person_id, purpose) values (1, 1, 'benchmark');
-- run by an investigator under forced row-level security, against the same insert into
-- a trigger-free table (Scripts/bench.sh). Backend CPU per transaction, 1 client
-- (medians of 11 interleaved runs): 275 us before, 225 us with the state-machine fast
-- path (in 0008), 205 us with the checks below (a plain INSERT into public.bench_plain: about 80 us).
-- Throughput, same session, medians of 3 runs of 10 s: at 8 clients 6,455 -> 8,731 tps
-- (17% -> 24% of bench_plain's 37,367; 32% -> 43% of 20,308 for a trigger-free copy
-- `like inquest.summons including all`, which has the same checks and indexes); at 1
-- client 3,085 -> 3,622 tps (36% -> 41% of 8,643).
--
-- Where the 275 us went (each part measured by disabling it in a scratch database):
--   the status-transition trigger           ~50 us  -> rewritten where 0008 replaces it
--                                                      (one definition; now a few us)
--   the audit trigger (one INSERT into inquest_audit.event per statement: executor
--     start-up, to_jsonb of the row, heap and two index inserts, its check)  ~60-85 us
--   the ten check constraints of summons    ~40 us  (rebuilt from their stored node
--     trees for every statement)            -> below (about half of it)
--   the two foreign keys (RI checks, FOR KEY SHARE of the case and person rows) ~50 us
--   the investigator insert policy          ~20 us
--   the four indexes beyond bench_plain's   ~10 us
-- Nothing here changes what is allowed or what is recorded: the same policies, the
-- same audit events (same columns, redaction, actor, case id), the same state machines
-- with the same errors and the restore bypass of 0008, the same named checks accepting
-- exactly the same values.

------------------------------------------------------------------------------
-- Check constraints that are cheap to prepare
------------------------------------------------------------------------------
-- PostgreSQL 15 rebuilds every check constraint of the target table for every
-- statement: it reads the stored node tree (pg_constraint.conbin, as text), then
-- const-folds and compiles it. A list written `status in ('a', 'b', ...)` is stored as
-- an ARRAY[...] of one constant node per value (about 1,300-2,200 characters of node
-- text each), folded into an array again on every statement; written as one array
-- constant, `status = any ('{a,b,...}'::text[])`, it is one node read once, with
-- nothing to fold. Same names, same rules, same values accepted and refused (x IN
-- (...) is x = ANY (ARRAY[...]); x NOT IN (...) is x <> ALL (...), NULL included).
-- Measured: the ten checks of summons cost about 40 us per statement (1 client, CPU);
-- rewriting these seven and the audit log's own check saved about 20 us of the 225 us
-- left after the state-machine fast path (-9% CPU per audited insert). The audit log's check is paid by
-- every audited statement on every table.
-- The values are those of 0002 and 0003, in the same order.
alter table inquest_audit.event
  drop constraint event_operation_known,
  add constraint event_operation_known check (operation = any (
    '{insert,update,delete,reveal,user_add,user_grant,user_revoke,user_disable,user_enable,user_password}'::text[]));

alter table inquest.summons
  drop constraint summons_status_valid,
  add constraint summons_status_valid check (status = any (
    '{draft,issued,served,appeared,declined,failed_to_appear,withdrawn}'::text[])),
  drop constraint summons_service_method_valid,
  add constraint summons_service_method_valid check (service_method = any (
    '{in_person,registered_post,email,diplomatic_channel,through_counsel,public_notice,other}'::text[])),
  drop constraint summons_immunity_valid,
  add constraint summons_immunity_valid check (immunity = any (
    '{none,claimed,waiver_requested,waived,waiver_refused}'::text[])),
  drop constraint summons_issued_on_required,
  add constraint summons_issued_on_required check (
    status <> all ('{issued,served,appeared,declined,failed_to_appear}'::text[]) or issued_on is not null),
  drop constraint summons_legal_basis_required,
  add constraint summons_legal_basis_required check (
    status <> all ('{issued,served,appeared,declined,failed_to_appear}'::text[]) or legal_basis is not null),
  drop constraint summons_served_on_required,
  add constraint summons_served_on_required check (
    status <> all ('{served,appeared,declined,failed_to_appear}'::text[]) or served_on is not null),
  drop constraint summons_service_method_required,
  add constraint summons_service_method_required check (
    status <> all ('{served,appeared,declined,failed_to_appear}'::text[]) or service_method is not null);
