-- The live testimony log and read audit (issue 12), attacked as an insider with psql would:
-- an investigator rewriting what a witness said, logging without consent, replaying a
-- line twice, switching read audit off, forging access events. The CLI side (journal,
-- replay, reconnect, terminals) is in Tests/pty/test_testimony_log.py.
set search_path = tap, public;
begin;
select plan(24);
\ir support/records_fixtures.psql

create role t_inv login in role inquest_investigator;
create role t_other login in role inquest_investigator;
insert into inquest_private.app_user (username, created_by) values ('t_inv', 'test'), ('t_other', 'test');
insert into inquest.case_assignment (case_id, username) values (pg_temp.ca(), 't_inv'), (pg_temp.cb(), 't_other');

select pg_temp.person(pg_temp.ca(), 'Witness K', true) as witness_id \gset
select key as witness from inquest.person where id = :witness_id \gset
select 'P-' || pg_temp.person(pg_temp.ca(), 'Ali Fallahian') as plain \gset
insert into inquest.testimony_session (case_id, deponent_id, notes) values (pg_temp.ca(), :witness_id, 'no consent');
insert into inquest.testimony_session (case_id, deponent_id, notes, consent_given_at, consent_scope)
  values (pg_temp.ca(), :witness_id, 'live', now(), 'commission use');
select id as live_id, key as live from inquest.testimony_session where notes = 'live' \gset
select id as bare_id from inquest.testimony_session where notes = 'no consent' \gset

set local session authorization t_inv;

-- Consent
select is(pg_temp.fails(format($$ insert into inquest.testimony_log_line (case_id, session_id, client_key, kind, time_offset, entered_at)
                                  values (%s, %s, gen_random_uuid(), 'start', '0', now()) $$, pg_temp.ca(), :bare_id)),
    '23514 testimony_log_line testimony_log_line_needs_consent', 'no line is logged in a session without consent');
select throws_like(format($$ insert into inquest.testimony_log_line (case_id, session_id, client_key, kind, time_offset, entered_at)
                             values (%s, %s, gen_random_uuid(), 'start', '0', now()) $$, pg_temp.ca(), :bare_id),
    '%consent is not recorded%', 'the refusal names what is missing');

-- A live segment and its line
select lives_ok(format($$ with s as (insert into inquest.transcript_segment (case_id, session_id, ordinal, time_offset, speaker, original_text, entered_at)
                                     values (%s, %s, 1, '00:01:00', 'Witness K', 'I saw him in August.', now()) returning id)
                         insert into inquest.testimony_log_line (case_id, session_id, client_key, kind, time_offset, entered_at, speaker, segment_id)
                         select %s, %s, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'segment', '00:01:00', now(), 'D', id from s $$,
                       pg_temp.ca(), :live_id, pg_temp.ca(), :live_id), 'a live segment is logged with its line');
select id as seg_id, key as seg from inquest.transcript_segment where session_id = :live_id and ordinal = 1 \gset

select is(pg_temp.fails(format($$ insert into inquest.testimony_log_line (case_id, session_id, client_key, kind, time_offset, entered_at)
                                  values (%s, %s, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'pause', '0', now()) $$, pg_temp.ca(), :live_id)),
    '23505 testimony_log_line testimony_log_line_client_key_unique', 'an idempotency key is stored once: a replay cannot add a line twice');

-- Nothing edited in place
select is(pg_temp.fails(format($$ update inquest.transcript_segment set original_text = 'I never saw him.' where id = %s $$, :seg_id)),
    '23514 transcript_segment transcript_segment_live_append_only', 'what a witness said live cannot be rewritten');
select is(pg_temp.fails(format($$ update inquest.transcript_segment set time_offset = '00:00:01' where id = %s $$, :seg_id)),
    '23514 transcript_segment transcript_segment_live_append_only', '... nor moved in time');
select is(pg_temp.fails(format($$ update inquest.transcript_segment set entered_at = null where id = %s $$, :seg_id)),
    '23514 transcript_segment transcript_segment_live_append_only', '... nor turned into an ordinary, editable segment');
select is(pg_temp.fails(format($$ delete from inquest.transcript_segment where id = %s $$, :seg_id)),
    '23514 transcript_segment transcript_segment_live_append_only', '... nor deleted');
select lives_ok(format($$ update inquest.transcript_segment set translation = 'Dans le mois d''août.' where id = %s $$, :seg_id),
    'a missing translation may be added');
select is(pg_temp.fails(format($$ update inquest.transcript_segment set translation = 'something else' where id = %s $$, :seg_id)),
    '23514 transcript_segment transcript_segment_live_append_only', '... once: it cannot be rewritten afterwards');
select lives_ok(format($$ insert into inquest.transcript_segment (case_id, session_id, ordinal, time_offset, speaker, original_text, entered_at, supersedes_id)
                         values (%s, %s, 2, '00:01:10', 'Witness K', 'I saw him in September.', now(), %s) $$, pg_temp.ca(), :live_id, :seg_id),
    'a correction is a new segment that supersedes the old one');
select is(pg_temp.fails(format($$ insert into inquest.transcript_segment (case_id, session_id, ordinal, time_offset, speaker, original_text, entered_at, supersedes_id)
                                  values (%s, %s, 3, '00:01:20', 'Witness K', 'again', now(), %s) $$, pg_temp.ca(), :live_id, :seg_id)),
    '23505 transcript_segment transcript_segment_supersedes_once', 'a segment is superseded once (correct the correction instead)');
select is((select count(*)::int from inquest.transcript_segment where session_id = :live_id), 2, 'both versions stay in the record');

-- The log itself is append-only, for everybody
select is(pg_temp.fails(format($$ update inquest.testimony_log_line set kind = 'pause' where session_id = %s $$, :live_id)),
    '23514 testimony_log_line testimony_log_line_append_only', 'a log line cannot be changed');
select is(pg_temp.fails(format($$ delete from inquest.testimony_log_line where session_id = %s $$, :live_id)),
    '23514 testimony_log_line testimony_log_line_append_only', 'a log line cannot be deleted');
reset session authorization;
select is(pg_temp.fails(format($$ delete from inquest.testimony_log_line where session_id = %s $$, :live_id)),
    '23514 testimony_log_line testimony_log_line_append_only', '... not even by the owner');
select is(pg_temp.fails(format($$ alter table inquest.testimony_log_line disable trigger testimony_log_line_check $$)),
    'no error', 'the owner can disable the trigger (DDL), but not silently:');
select ok(exists (select from inquest_audit.event where operation = 'ddl' and new_values ->> 'object' = 'inquest.testimony_log_line'),
    '... the DDL is itself an audit event');

-- Read audit
select coalesce(max(id), 0) as ev0 from inquest_audit.event \gset
set local session authorization t_inv;
select is(pg_temp.fails($$ update inquest."case" set read_audit = false $$), '42501', 'an investigator cannot switch read audit');
select is(inquest.record_access('read', :'witness'), true, 'reading a protected person is always recorded');
select is(inquest.record_access('read', :'plain'), false, '... an ordinary record only when the case asks for it');
reset session authorization;
set local session authorization t_other;
select is(pg_temp.fails(format($$ select inquest.record_access('read', %L) $$, :'witness')), '42704',
    'an investigator of another case gets "not found" (as for a key that does not exist) and writes nothing');
select is(pg_temp.fails(format($$ select inquest.record_access('reveal', %L) $$, :'witness')), '22023',
    'record_access writes only read, export and dossier events (no forged reveal)');
reset session authorization;
select is((select string_agg(concat_ws(' ', actor, operation, record_key), '; ' order by id) from inquest_audit.event where id > :ev0),
    't_inv read ' || :'witness', 'exactly one event: who read which protected person');

select * from finish();
rollback;
