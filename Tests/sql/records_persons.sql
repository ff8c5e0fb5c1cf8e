-- Persons: many names per person, exactly one primary name (a protected person: exactly
-- one pseudonym and nothing else), unknown given names, scripts, roles and posts, and
-- records that stay in their case.
set search_path = tap, public;
begin;
select plan(32);

\ir support/records_fixtures.psql

-- Deferred rules are checked at commit; a test forces the check with SET CONSTRAINTS
-- inside a DO block, so that a failure rolls back the whole scenario with it.
create function pg_temp.at_commit(body text) returns text language plpgsql
as $f$
begin
  return pg_temp.fails(format('do $do$ begin %s; set constraints all immediate; set constraints all deferred; end $do$', body));
end
$f$;

-- A person with every kind of name the statement shows.
select lives_ok($$
  do $do$
  declare p bigint;
  begin
    insert into inquest.person (case_id) values (pg_temp.ca()) returning id into p;
    insert into inquest.person_name (case_id, person_id, name, given_name, family_name, kind, script, language)
    values (pg_temp.ca(), p, 'Mohammad Jafar Mahallati', 'Mohammad Jafar', 'Mahallati', 'primary', 'latin', 'en'),
           (pg_temp.ca(), p, 'Mohammed Jafar Mahallati', 'Mohammed Jafar', 'Mahallati', 'transliteration', 'latin', 'en'),
           (pg_temp.ca(), p, 'Mohammed Mahallati', 'Mohammed', 'Mahallati', 'alias', 'latin', 'en'),
           (pg_temp.ca(), p, 'جعفر محلاتی', 'جعفر', 'محلاتی', 'transliteration', 'persian', 'fa');
    insert into inquest.person_name (case_id, person_id, name, kind, script, source_note)
    values (pg_temp.ca(), p, 'محللاتی', 'source_spelling', 'persian', 'VOA Farsi, 17 June 2022 (title)');
    set constraints all immediate;
    set constraints all deferred;
  end $do$ $$, 'a person with a primary name, transliterations, an alias, Persian script and a source spelling');
select is((select count(*) from inquest.person_name where person_id = pg_temp.pid('Mohammad Jafar Mahallati')), 5::bigint,
    'all five names are kept');
select is((select key from inquest.person where id = pg_temp.pid('Mohammad Jafar Mahallati')),
    'P-' || pg_temp.pid('Mohammad Jafar Mahallati'), 'a person''s key is P-<id>');
select matches((select min(key) from inquest.person_name where person_id = pg_temp.pid('Mohammad Jafar Mahallati')),
    '^PN-[0-9]+$', 'a name''s key is PN-<id>');
select is((select display_name from inquest.person_display where id = pg_temp.pid('Mohammad Jafar Mahallati')),
    'Mohammad Jafar Mahallati', 'person_display shows the primary name');

-- Exactly one primary name.
select is(pg_temp.fails($$ insert into inquest.person_name (case_id, person_id, name, kind)
                           values (pg_temp.ca(), pg_temp.pid('Mohammad Jafar Mahallati'), 'M. J. Mahallati', 'primary') $$),
    '23505 person_name person_name_one_primary', 'a second primary name is refused');
select is(pg_temp.at_commit($$ insert into inquest.person (case_id) values (pg_temp.ca()) $$),
    '23514 person_name kind person_name_exactly_one_primary', 'a person without any name is refused at commit');
select throws_like(format('do $do$ begin insert into inquest.person (case_id) values (%s); set constraints all immediate; end $do$', pg_temp.ca()),
    'person P-%: every person needs exactly one name of kind "primary" (has 0)', 'the message names the person and the rule');
select is(pg_temp.at_commit($$ with p as (insert into inquest.person (case_id) values (pg_temp.ca()) returning id)
                              insert into inquest.person_name (case_id, person_id, name, kind) select pg_temp.ca(), id, 'Only An Alias', 'alias' from p $$),
    '23514 person_name kind person_name_exactly_one_primary', 'a person with only an alias is refused at commit');
select is(pg_temp.at_commit($$ delete from inquest.person_name where person_id = pg_temp.pid('Mohammad Jafar Mahallati') and kind = 'primary' $$),
    '23514 person_name kind person_name_exactly_one_primary', 'removing the primary name is refused at commit');
select is(pg_temp.at_commit($$ update inquest.person_name set kind = 'alias' where name = 'Mohammad Jafar Mahallati';
                              update inquest.person_name set kind = 'primary' where name = 'Mohammed Jafar Mahallati' $$),
    'no error', 'the primary name can be switched within one transaction');
select is((select display_name from inquest.person_display where id = pg_temp.pid('Mohammed Jafar Mahallati')),
    'Mohammed Jafar Mahallati', 'the display name follows the switch');
update inquest.person_name set kind = 'transliteration' where name = 'Mohammed Jafar Mahallati';
update inquest.person_name set kind = 'primary' where name = 'Mohammad Jafar Mahallati';

-- Unknown given names: NULL, never a blank or a made-up placeholder.
select lives_ok($$ do $do$ begin
    perform pg_temp.person(pg_temp.ca(), 'Raeisia');
    update inquest.person_name set family_name = 'Raeisia' where name = 'Raeisia';
    insert into inquest.person_name (case_id, person_id, name, family_name, kind, source_note)
    values (pg_temp.ca(), pg_temp.pid('Raeisia'), 'Raessinia', 'Raessinia', 'source_spelling', 'Amnesty MDE 13/6418/2023, section 1');
  end $do$ $$, 'a first secretary known by family name only, spelled two ways');
select results_eq($$ select name from inquest.person_name where person_id = pg_temp.pid('Raeisia') and given_name is null order by name $$,
    $$ values ('Raeisia'), ('Raessinia') $$, 'both spellings record the given name as unknown (NULL)');
select is(pg_temp.fails($$ update inquest.person_name set given_name = ' ' where name = 'Raessinia' $$),
    '23514 person_name person_name_given_name_not_blank', 'a blank given name is refused (unknown is NULL)');
select is(pg_temp.fails($$ insert into inquest.person_name (case_id, person_id, name, kind)
                           values (pg_temp.ca(), pg_temp.pid('Raeisia'), 'Raeisiya', 'source_spelling') $$),
    '23514 person_name person_name_source_spelling_has_source', 'a spelling seen in a source must say which source');
select lives_ok($$ do $do$ begin
    insert into inquest.person (case_id, name_known, description) values (pg_temp.ca(), false, 'Chargé d''affaires of Iran in Oslo, 23 December 1988');
    insert into inquest.person_name (case_id, person_id, name, kind)
    select case_id, id, 'Chargé d''affaires in Oslo (name not recorded)', 'primary' from inquest.person where name_known = false;
    set constraints all immediate; set constraints all deferred;
  end $do$ $$, 'a person whose name is not recorded at all, under a descriptive label');

-- Scripts.
select is(pg_temp.fails($$ insert into inquest.person_name (case_id, person_id, name, kind, script)
                           values (pg_temp.ca(), pg_temp.pid('Raeisia'), 'Raeisia', 'transliteration', 'persian') $$),
    '23514 person_name person_name_script_matches', 'a "Persian script" name must be in Arabic script');
select is(pg_temp.fails($$ insert into inquest.person_name (case_id, person_id, name, kind, script)
                           values (pg_temp.ca(), pg_temp.pid('Raeisia'), 'رئیسیا', 'transliteration', 'latin') $$),
    '23514 person_name person_name_script_matches', 'a "Latin script" name may not be in Arabic script');
select is(pg_temp.fails($$ insert into inquest.person_name (case_id, person_id, name, kind, script)
                           values (pg_temp.ca(), pg_temp.pid('Raeisia'), 'Raeisia', 'nickname', 'latin') $$),
    '23514 person_name person_name_kind_valid', 'an unknown kind of name is refused');

-- Protected persons: one pseudonym, nothing else.
select is(pg_temp.at_commit($$ perform pg_temp.person(pg_temp.ca(), 'Witness A', true) $$),
    'no error', 'a protected person under a pseudonym');
select is(pg_temp.at_commit($$ perform pg_temp.person(pg_temp.ca(), 'Witness B', true);
                              insert into inquest.person_name (case_id, person_id, name, kind)
                              values (pg_temp.ca(), pg_temp.pid('Witness B'), 'A Real Name', 'alias') $$),
    '23514 person_name kind person_name_protected_pseudonym_only', 'a protected person cannot also carry a (real) alias');
select is(pg_temp.at_commit($$ with p as (insert into inquest.person (case_id, protected) values (pg_temp.ca(), true) returning id)
                              insert into inquest.person_name (case_id, person_id, name, kind) select pg_temp.ca(), id, 'A Real Name', 'primary' from p $$),
    '23514 person_name kind person_name_protected_pseudonym_only', 'a protected person cannot have a primary (real) name');
select is(pg_temp.at_commit($$ update inquest.person set protected = true where id = pg_temp.pid('Raeisia') $$),
    '23514 person_name kind person_name_protected_pseudonym_only', 'protecting a person requires replacing their names by a pseudonym');
select is(pg_temp.fails($$ insert into inquest.person_name (case_id, person_id, name, kind)
                           values (pg_temp.ca(), pg_temp.pid('Raeisia'), 'Witness C', 'pseudonym') $$),
    '23505 person_name person_name_one_primary', 'a pseudonym beside a primary name is refused at once');
select is(pg_temp.at_commit($$ with p as (insert into inquest.person (case_id) values (pg_temp.ca()) returning id)
                              insert into inquest.person_name (case_id, person_id, name, kind) select pg_temp.ca(), id, 'Witness D', 'pseudonym' from p $$),
    '23514 person_name kind person_name_pseudonym_only_if_protected', 'only protected persons have pseudonyms');

-- Roles.
select lives_ok($$ insert into inquest.person_role (case_id, person_id, role)
                   values (pg_temp.ca(), pg_temp.pid('Mohammad Jafar Mahallati'), 'to_be_summoned'),
                          (pg_temp.ca(), pg_temp.pid('Mohammad Jafar Mahallati'), 'official') $$, 'a person has several roles');
select is(pg_temp.fails($$ insert into inquest.person_role (case_id, person_id, role)
                           values (pg_temp.ca(), pg_temp.pid('Mohammad Jafar Mahallati'), 'official') $$),
    '23505 person_role person_role_unique', 'the same role twice is refused');
select is(pg_temp.fails($$ insert into inquest.person_role (case_id, person_id, role)
                           values (pg_temp.ca(), pg_temp.pid('Raeisia'), 'bystander') $$),
    '23514 person_role person_role_role_valid', 'an unknown role is refused');

-- Records stay in their case.
select is(pg_temp.fails($$ insert into inquest.person_name (case_id, person_id, name, kind)
                           values (pg_temp.cb(), pg_temp.pid('Raeisia'), 'Raeisia', 'alias') $$),
    '23503 person_name person_name_person_fk', 'a name cannot belong to a person of another case');
select is(pg_temp.fails($$ insert into inquest.position (case_id, person_id, title)
                           values (pg_temp.cb(), pg_temp.pid('Raeisia'), 'First Secretary') $$),
    '23503 position position_person_fk', 'a post cannot belong to a person of another case');
select is(pg_temp.fails($$ update inquest.person set case_id = pg_temp.cb() where id = pg_temp.pid('Witness A') $$),
    '23514 person case_id person_case_fixed', 'a person cannot move to another case');

select * from finish();
rollback;
