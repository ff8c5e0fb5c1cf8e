-- Summonses: the lifecycle draft -> issued -> served -> appeared | declined |
-- failed_to_appear, withdrawn from any non-final state; every other change refused with
-- SQLSTATE 23514 and a message naming both states; dates, service and immunity rules.
set search_path = tap, public;
begin;
select plan(36);

\ir support/records_fixtures.psql

do $$ begin
  perform pg_temp.person(pg_temp.ca(), 'Mohammad Jafar Mahallati');
  perform pg_temp.person(pg_temp.cb(), 'Sirous Nasseri');
end $$;
create function pg_temp.status_of(s bigint) returns text language sql volatile
as $$ select status from inquest.summons where id = s $$;

-- A summons in a given state, reached through the legal path; returns its id.
create function pg_temp.summons(target text) returns bigint language plpgsql
as $$
declare s bigint;
begin
  insert into inquest.summons (case_id, person_id, purpose)
  values (pg_temp.ca(), pg_temp.pid('Mohammad Jafar Mahallati'), 'to reach ' || target) returning id into s;
  if target in ('issued', 'served', 'appeared', 'declined', 'failed_to_appear') then
    update inquest.summons set status = 'issued', issued_on = '2024-03-01', appear_by = '2024-04-01',
           legal_basis = 'Commission statute, art. 12' where id = s;
  end if;
  if target in ('served', 'appeared', 'declined', 'failed_to_appear') then
    update inquest.summons set status = 'served', served_on = '2024-03-05', service_method = 'diplomatic_channel' where id = s;
  end if;
  if target in ('appeared', 'declined', 'failed_to_appear') then
    update inquest.summons set status = target where id = s;
  end if;
  if target = 'withdrawn' then
    update inquest.summons set status = 'withdrawn' where id = s;
  end if;
  return s;
end
$$;

-- "<from> -> <to>" refused: 23514 and the exact message naming both states.
create function pg_temp.refused(from_state text, to_state text) returns text language plpgsql
as $$
declare s bigint := pg_temp.summons(from_state);
begin
  return tap.throws_ok(format('update inquest.summons set status = %L where id = %s', to_state, s), '23514',
      format('summons S-%s: illegal status change from "%s" to "%s"', s, from_state, to_state),
      format('%s -> %s is refused, naming both states', from_state, to_state));
end
$$;

-- The legal path.
select is(pg_temp.status_of(pg_temp.summons('draft')), 'draft', 'a summons starts as a draft');
select matches((select min(key) from inquest.summons), '^S-[0-9]+$', 'a summons key is S-<id>');
select is(pg_temp.status_of(pg_temp.summons('issued')), 'issued', 'draft -> issued');
select is(pg_temp.status_of(pg_temp.summons('served')), 'served', 'issued -> served');
select is(pg_temp.status_of(pg_temp.summons('appeared')), 'appeared', 'served -> appeared');
select is(pg_temp.status_of(pg_temp.summons('declined')), 'declined', 'served -> declined');
select is(pg_temp.status_of(pg_temp.summons('failed_to_appear')), 'failed_to_appear', 'served -> failed_to_appear');
select lives_ok(format('update inquest.summons set status = %L where id = %s', 'withdrawn', pg_temp.summons('draft')), 'draft -> withdrawn');
select lives_ok(format('update inquest.summons set status = %L where id = %s', 'withdrawn', pg_temp.summons('issued')), 'issued -> withdrawn');
select lives_ok(format('update inquest.summons set status = %L where id = %s', 'withdrawn', pg_temp.summons('served')), 'served -> withdrawn');
select lives_ok(format('update inquest.summons set notes = %L, status = status where id = %s', 'a note', pg_temp.summons('appeared')),
    'other columns of a final summons can still be corrected');

-- Refused changes: skipping a step, going back, leaving a final state.
select pg_temp.refused('draft', 'appeared');
select pg_temp.refused('draft', 'served');
select pg_temp.refused('issued', 'appeared');
select pg_temp.refused('issued', 'draft');
select pg_temp.refused('served', 'issued');
select pg_temp.refused('appeared', 'withdrawn');
select pg_temp.refused('declined', 'appeared');
select pg_temp.refused('failed_to_appear', 'served');
select pg_temp.refused('withdrawn', 'issued');
select pg_temp.refused('withdrawn', 'draft');
select is(pg_temp.fails(format('update inquest.summons set status = %L where id = %s', 'appeared', pg_temp.summons('draft'))),
    '23514 summons status summons_status_transition', 'the error names the table, the column and the rule');
select is(pg_temp.detail_of(format('update inquest.summons set status = %L where id = %s', 'appeared', pg_temp.summons('draft'))),
    'From "draft" the status may change only to "issued", "withdrawn".', 'the detail lists the allowed changes');
select is(pg_temp.detail_of(format('update inquest.summons set status = %L where id = %s', 'served', pg_temp.summons('appeared'))),
    '"appeared" is a final state.', 'the detail says when a state is final');
select throws_ok($$ insert into inquest.summons (case_id, person_id, status, issued_on, legal_basis)
                    values (pg_temp.ca(), pg_temp.pid('Mohammad Jafar Mahallati'), 'issued', '2024-03-01', 'x') $$,
    '23514', 'new summons must start as "draft", not "issued"', 'a summons cannot be created past the draft state');
select is(pg_temp.fails($$ update inquest.summons set status = 'bogus' where status = 'draft' $$),
    '23514 summons summons_status_valid', 'an unknown status is refused');

-- What each state requires.
select is(pg_temp.fails(format('update inquest.summons set status = %L where id = %s', 'issued', pg_temp.summons('draft'))),
    '23514 summons summons_issued_on_required', 'issuing requires the date of issue');
select is(pg_temp.fails(format('update inquest.summons set status = %L, issued_on = %L where id = %s', 'issued', '2024-01-01', pg_temp.summons('draft'))),
    '23514 summons summons_legal_basis_required', 'issuing requires a legal basis');
select is(pg_temp.fails(format('update inquest.summons set status = %L, service_method = %L where id = %s', 'served', 'in_person', pg_temp.summons('issued'))),
    '23514 summons summons_served_on_required', 'serving requires the date of service');
select is(pg_temp.fails(format('update inquest.summons set status = %L, served_on = %L where id = %s', 'served', '2024-03-10', pg_temp.summons('issued'))),
    '23514 summons summons_service_method_required', 'serving requires the method of service');
select is(pg_temp.fails(format('update inquest.summons set served_on = %L where id = %s', '2024-02-01', pg_temp.summons('served'))),
    '23514 summons summons_served_after_issued', 'a summons cannot be served before it is issued');
select is(pg_temp.fails(format('update inquest.summons set appear_by = %L where id = %s', '2024-02-01', pg_temp.summons('issued'))),
    '23514 summons summons_appear_by_after_issued', 'the appearance date cannot precede the issue');

-- Immunity.
select lives_ok(format('update inquest.summons set immunity = %L, immunity_note = %L where id = %s',
                       'waiver_refused', 'Government declined to waive diplomatic immunity', pg_temp.summons('served')),
    'immunity: waiver refused');
select is(pg_temp.fails(format('update inquest.summons set immunity = %L where id = %s', 'revoked', pg_temp.summons('served'))),
    '23514 summons summons_immunity_valid', 'an unknown immunity status is refused');

-- One person, one case.
select is(pg_temp.fails($$ insert into inquest.summons (case_id, person_id) values (pg_temp.ca(), pg_temp.pid('Sirous Nasseri')) $$),
    '23503 summons summons_person_fk', 'a summons cannot name a person of another case');
select is(pg_temp.fails($$ insert into inquest.summons (case_id, person_id) values (pg_temp.ca(), null) $$),
    '23502 summons person_id', 'a summons names a person');

select * from finish();
rollback;
