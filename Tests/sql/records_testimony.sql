-- Testimony sessions and transcripts: lifecycle, consent, protective measures, ordered
-- segments with time offsets, and segments that stay in their session's case.
set search_path = tap, public;
begin;
select plan(22);

\ir support/records_fixtures.psql

do $$ begin
  perform pg_temp.person(pg_temp.ca(), 'Witness A', true);
  perform pg_temp.person(pg_temp.cb(), 'Witness B', true);
  insert into inquest.testimony_session (case_id, deponent_id, interviewers, interpreter, languages, place, mode,
                                         scheduled_at, protective_measures, notes)
  values (pg_temp.ca(), pg_temp.pid('Witness A'), '{Investigator One,Investigator Two}', 'Interpreter X', '{fa,en}',
          'undisclosed', 'remote', '2024-05-02 10:00+00', '{pseudonym,voice_distortion}', 'session one'),
         (pg_temp.cb(), pg_temp.pid('Witness B'), '{}', null, '{fa}', null, 'in_person', null, '{}', 'other case');
end $$;
create function pg_temp.tid(n text) returns bigint language sql as $$ select id from inquest.testimony_session where notes = n $$;
create function pg_temp.session_status(n text) returns text language sql volatile as $$ select status from inquest.testimony_session where notes = n $$;

select matches((select key from inquest.testimony_session where notes = 'session one'), '^T-[0-9]+$', 'a session key is T-<id>');
select is((select status from inquest.testimony_session where notes = 'session one'), 'scheduled', 'a session starts scheduled');
select is(pg_temp.fails($$ update inquest.testimony_session set status = 'held', started_at = '2024-05-02 10:05+00' where notes = 'session one' $$),
    '23514 testimony_session testimony_session_held_needs_consent', 'no session is held without recorded consent');
select is(pg_temp.fails($$ update inquest.testimony_session set status = 'held', consent_given_at = '2024-05-02 10:01+00' where notes = 'session one' $$),
    '23514 testimony_session testimony_session_held_needs_start', 'a held session has a start time');
select lives_ok($$ update inquest.testimony_session
                      set status = 'adjourned', consent_given_at = '2024-05-02 10:01+00',
                          consent_scope = 'Use by the commission; publication only under pseudonym'
                    where notes = 'session one' $$, 'scheduled -> adjourned, consent recorded with its scope');
select lives_ok($$ update inquest.testimony_session set status = 'held', started_at = '2024-05-09 10:05+00', ended_at = '2024-05-09 11:40+00'
                    where notes = 'session one' $$, 'adjourned -> held');
select throws_ok(format('update inquest.testimony_session set status = %L where id = %s', 'scheduled', pg_temp.tid('session one')), '23514',
    format('testimony session T-%s: illegal status change from "held" to "scheduled"', pg_temp.tid('session one')),
    'held -> scheduled is refused, naming both states');
select lives_ok($$ update inquest.testimony_session set status = 'cancelled' where notes = 'other case' $$, 'scheduled -> cancelled');
select throws_ok(format('update inquest.testimony_session set status = %L where id = %s', 'held', pg_temp.tid('other case')), '23514',
    format('testimony session T-%s: illegal status change from "cancelled" to "held"', pg_temp.tid('other case')),
    'cancelled -> held is refused');
select throws_ok($$ insert into inquest.testimony_session (case_id, deponent_id, status) values (pg_temp.ca(), pg_temp.pid('Witness A'), 'adjourned') $$,
    '23514', 'new testimony session must start as "scheduled" or "held", not "adjourned"', 'a session starts scheduled or held');
select is(pg_temp.fails($$ update inquest.testimony_session set ended_at = '2024-05-09 09:00+00' where notes = 'session one' $$),
    '23514 testimony_session testimony_session_ended_after_started', 'a session cannot end before it starts');
select is(pg_temp.fails($$ update inquest.testimony_session set consent_withdrawn_at = '2024-05-01 00:00+00' where notes = 'session one' $$),
    '23514 testimony_session testimony_session_consent_withdrawn_after_given', 'consent cannot be withdrawn before it was given');
select lives_ok($$ update inquest.testimony_session set consent_withdrawn_at = '2024-06-01 00:00+00' where notes = 'session one' $$,
    'consent withdrawn later is recorded');
select is(pg_temp.fails($$ update inquest.testimony_session set languages = '{Farsi}' where notes = 'session one' $$),
    '23514 testimony_session testimony_session_languages_valid', 'languages are language tags (fa, en), not names');
select is(pg_temp.fails($$ update inquest.testimony_session set protective_measures = '{pseudonym,""}' where notes = 'session one' $$),
    '23514 testimony_session testimony_session_protective_measures_not_blank', 'no blank protective measure');

-- Transcript.
insert into inquest.transcript_segment (case_id, session_id, ordinal, time_offset, speaker, original_text, original_language, translation, translation_language)
select pg_temp.ca(), pg_temp.tid('session one'), o, t::interval, sp, tx, 'fa', tr, 'en'
  from (values (2, '00:02:46', 'WITNESS A', 'متن دوم', 'Second'),
               (1, '00:00:05', 'INTERVIEWER', 'متن اول', 'First'),
               (3, '00:04:29', 'WITNESS A', 'متن سوم', 'Third')) v(o, t, sp, tx, tr);
select results_eq($$ select translation, time_offset from inquest.transcript_segment where session_id = pg_temp.tid('session one') order by ordinal $$,
    $$ values ('First', '00:00:05'::interval), ('Second', '00:02:46'::interval), ('Third', '00:04:29'::interval) $$,
    'segments read back in order with their offsets');
select matches((select min(key) from inquest.transcript_segment), '^TS-[0-9]+$', 'a segment key is TS-<id>');
select is(pg_temp.fails($$ insert into inquest.transcript_segment (case_id, session_id, ordinal, speaker, original_text)
                           values (pg_temp.ca(), pg_temp.tid('session one'), 2, 'X', 'duplicate') $$),
    '23505 transcript_segment transcript_segment_ordinal_unique', 'two segments cannot share a place in the order');
select is(pg_temp.fails($$ insert into inquest.transcript_segment (case_id, session_id, ordinal, speaker, original_text)
                           values (pg_temp.ca(), pg_temp.tid('session one'), 0, 'X', 'zero') $$),
    '23514 transcript_segment transcript_segment_ordinal_positive', 'ordinals start at 1');
select is(pg_temp.fails($$ insert into inquest.transcript_segment (case_id, session_id, ordinal, time_offset, speaker, original_text)
                           values (pg_temp.ca(), pg_temp.tid('session one'), 9, '-00:00:01', 'X', 'negative') $$),
    '23514 transcript_segment transcript_segment_time_offset_valid', 'time offsets are not negative');
select is(pg_temp.fails($$ insert into inquest.transcript_segment (case_id, session_id, ordinal, speaker, original_text)
                           values (pg_temp.ca(), pg_temp.tid('other case'), 1, 'X', 'cross-case') $$),
    '23503 transcript_segment transcript_segment_session_fk', 'a segment cannot be filed in another case than its session');
select is(pg_temp.fails($$ insert into inquest.testimony_session (case_id, deponent_id) values (pg_temp.ca(), pg_temp.pid('Witness B')) $$),
    '23503 testimony_session testimony_session_deponent_fk', 'the deponent belongs to the session''s case');

select * from finish();
rollback;
