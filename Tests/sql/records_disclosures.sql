-- Disclosure requests: the optional summons belongs to the same person in the same case;
-- the status lifecycle; responses over time; overdue derived when read, never stored.
set search_path = tap, public;
begin;
select plan(31);

\ir support/records_fixtures.psql

do $$ begin
  perform pg_temp.person(pg_temp.ca(), 'Mohammad Jafar Mahallati');
  perform pg_temp.person(pg_temp.ca(), 'Mohammad Ali Mousavi');
  perform pg_temp.person(pg_temp.cb(), 'Sirous Nasseri');
  insert into inquest.summons (case_id, person_id, purpose) values
    (pg_temp.ca(), pg_temp.pid('Mohammad Jafar Mahallati'), 'mahallati'),
    (pg_temp.ca(), pg_temp.pid('Mohammad Ali Mousavi'), 'mousavi'),
    (pg_temp.cb(), pg_temp.pid('Sirous Nasseri'), 'nasseri');
end $$;
create function pg_temp.sid(p text) returns bigint language sql as $$ select id from inquest.summons where purpose = p $$;

-- A request with a due date relative to today, in a given status (via the legal path).
create function pg_temp.request(question text, due_in integer, target text default 'open') returns bigint language plpgsql
as $$
declare r bigint;
begin
  insert into inquest.disclosure_request (case_id, person_id, topic, question, requested_on, due_on)
  values (pg_temp.ca(), pg_temp.pid('Mohammad Jafar Mahallati'), 'instructions_received', question,
          current_date - 60, current_date + due_in) returning id into r;
  if target <> 'open' then
    update inquest.disclosure_request set status = target where id = r;
  end if;
  return r;
end
$$;
create function pg_temp.overdue(question text) returns boolean language sql volatile
as $$ select overdue from inquest.disclosure_request_status where question = $1 $$;

-- Same person, same case.
select lives_ok($$ insert into inquest.disclosure_request (case_id, person_id, summons_id, topic, question, requested_on, due_on)
                   values (pg_temp.ca(), pg_temp.pid('Mohammad Jafar Mahallati'), pg_temp.sid('mahallati'), 'who_instructed',
                           'Who gave the instructions to describe the executions as battlefield killings on 29 November 1988?',
                           '2024-03-01', '2024-04-01') $$,
    'a request tied to a summons of the same person');
select matches((select min(key) from inquest.disclosure_request), '^D-[0-9]+$', 'a request key is D-<id>');
select lives_ok($$ insert into inquest.disclosure_request (case_id, person_id, topic, question, requested_on)
                   values (pg_temp.ca(), pg_temp.pid('Mohammad Ali Mousavi'), 'knew_what_when', 'What did you know, and when?', '2024-03-01') $$,
    'a request without a summons or a due date');
select is(pg_temp.fails($$ insert into inquest.disclosure_request (case_id, person_id, summons_id, topic, question, requested_on)
                           values (pg_temp.ca(), pg_temp.pid('Mohammad Jafar Mahallati'), pg_temp.sid('mousavi'), 'other', 'q', '2024-03-01') $$),
    '23503 disclosure_request disclosure_request_summons_fk', 'the summons of another person is refused');
select is(pg_temp.fails($$ insert into inquest.disclosure_request (case_id, person_id, summons_id, topic, question, requested_on)
                           values (pg_temp.ca(), pg_temp.pid('Mohammad Jafar Mahallati'), pg_temp.sid('nasseri'), 'other', 'q', '2024-03-01') $$),
    '23503 disclosure_request disclosure_request_summons_fk', 'a summons of another case is refused');
select is(pg_temp.fails($$ insert into inquest.disclosure_request (case_id, person_id, topic, question, requested_on)
                           values (pg_temp.ca(), pg_temp.pid('Sirous Nasseri'), 'other', 'q', '2024-03-01') $$),
    '23503 disclosure_request disclosure_request_person_fk', 'a person of another case is refused');
select is(pg_temp.fails($$ update inquest.disclosure_request set summons_id = pg_temp.sid('mousavi') where summons_id = pg_temp.sid('mahallati') $$),
    '23503 disclosure_request disclosure_request_summons_fk', 'the rule holds on update too');
select is(pg_temp.fails($$ insert into inquest.disclosure_request (case_id, person_id, topic, question, requested_on)
                           values (pg_temp.ca(), pg_temp.pid('Mohammad Ali Mousavi'), 'gossip', 'q', '2024-03-01') $$),
    '23514 disclosure_request disclosure_request_topic_valid', 'an unknown topic is refused');
select is(pg_temp.fails($$ insert into inquest.disclosure_request (case_id, person_id, topic, question, requested_on, due_on)
                           values (pg_temp.ca(), pg_temp.pid('Mohammad Ali Mousavi'), 'other', 'q', '2024-03-01', '2024-02-01') $$),
    '23514 disclosure_request disclosure_request_due_after_requested', 'a request cannot be due before it is made');

-- Lifecycle.
select lives_ok(format('update inquest.disclosure_request set status = %L where id = %s', 'answered', pg_temp.request('l1', 10, 'partially_answered')),
    'open -> partially_answered -> answered');
select lives_ok(format('update inquest.disclosure_request set status = %L where id = %s', 'refused', pg_temp.request('l2', 10)), 'open -> refused');
select lives_ok(format('update inquest.disclosure_request set status = %L where id = %s', 'withdrawn', pg_temp.request('l3', 10, 'partially_answered')),
    'partially_answered -> withdrawn');
create function pg_temp.refused(q text, from_state text, to_state text, description text) returns text language plpgsql
as $$
declare r bigint := pg_temp.request(q, 10, from_state);
begin
  return tap.throws_ok(format('update inquest.disclosure_request set status = %L where id = %s', to_state, r), '23514',
      format('disclosure request D-%s: illegal status change from "%s" to "%s"', r, from_state, to_state), description);
end
$$;
select pg_temp.refused('l4', 'answered', 'open', 'answered -> open is refused, naming both states');
select pg_temp.refused('l5', 'refused', 'answered', 'refused -> answered is refused (a refusal is final; put a new request)');
select pg_temp.refused('l6', 'partially_answered', 'open', 'partially_answered -> open is refused');
select pg_temp.refused('l7', 'withdrawn', 'partially_answered', 'withdrawn -> partially_answered is refused');
select throws_ok($$ insert into inquest.disclosure_request (case_id, person_id, topic, question, requested_on, status)
                    values (pg_temp.ca(), pg_temp.pid('Mohammad Ali Mousavi'), 'other', 'q', '2024-03-01', 'answered') $$,
    '23514', 'new disclosure request must start as "open", not "answered"', 'a request starts open');

-- Responses over time.
select lives_ok($$ insert into inquest.disclosure_response (case_id, request_id, received_on, response_text, received_via)
                   select pg_temp.ca(), id, d, t, 'letter' from inquest.disclosure_request,
                          (values ('2024-03-20'::date, 'Partial answer'), ('2024-03-28'::date, 'Further answer')) v(d, t)
                    where summons_id = pg_temp.sid('mahallati') $$, 'two responses to one request');
select is((select row(response_count, last_response_on)::text from inquest.disclosure_request_status where summons_id = pg_temp.sid('mahallati')),
    '(2,2024-03-28)', 'the status view counts responses and gives the latest');
select is(pg_temp.fails($$ insert into inquest.disclosure_response (case_id, request_id, received_on, response_text, received_via)
                           select pg_temp.cb(), id, '2024-03-20', 'x', 'letter' from inquest.disclosure_request where summons_id = pg_temp.sid('mahallati') $$),
    '23503 disclosure_response disclosure_response_request_fk', 'a response cannot be filed in another case');
select is(pg_temp.fails($$ insert into inquest.disclosure_response (case_id, request_id, received_on, response_text, received_via)
                           select pg_temp.ca(), id, '2024-03-20', 'x', 'pigeon' from inquest.disclosure_request where summons_id = pg_temp.sid('mahallati') $$),
    '23514 disclosure_response disclosure_response_received_via_valid', 'an unknown channel is refused');

-- Overdue: derived from due date and status at query time.
do $$ begin
  perform pg_temp.request('past due, open', -1);
  perform pg_temp.request('past due, partially answered', -5, 'partially_answered');
  perform pg_temp.request('past due, answered', -5, 'answered');
  perform pg_temp.request('past due, refused', -5, 'refused');
  perform pg_temp.request('past due, withdrawn', -5, 'withdrawn');
  perform pg_temp.request('due today', 0);
  perform pg_temp.request('due tomorrow', 1);
end $$;
select is(pg_temp.overdue('past due, open'), true, 'open and past its due date: overdue');
select is(pg_temp.overdue('past due, partially answered'), true, 'partially answered and past due: overdue');
select is(pg_temp.overdue('past due, answered'), false, 'answered: never overdue');
select is(pg_temp.overdue('past due, refused'), false, 'refused: not overdue');
select is(pg_temp.overdue('past due, withdrawn'), false, 'withdrawn: not overdue');
select is(pg_temp.overdue('due today'), false, 'due today: not yet overdue');
select is(pg_temp.overdue('due tomorrow'), false, 'due tomorrow: not overdue');
select is(pg_temp.overdue('What did you know, and when?'), false, 'no due date: not overdue');
select is((select days_overdue from inquest.disclosure_request_status where question = 'past due, partially answered'), 5,
    'days overdue');
update inquest.disclosure_request set status = 'answered' where question = 'past due, open';
select is(pg_temp.overdue('past due, open'), false, 'answering clears overdue at once: nothing stale is stored');

select * from finish();
rollback;
