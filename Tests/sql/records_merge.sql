-- Merging two records of one person: everything moves to the kept record, exact
-- duplicates collapse, composite references (a statement's post, a question's summons)
-- survive, the merge is audited, and protected, cross-case or self merges are refused.
set search_path = tap, public;
begin;
select plan(17);
\ir support/records_fixtures.psql

do $$
declare a bigint; b bigint; po bigint; su bigint; ev bigint; e bigint;
begin
  a := pg_temp.person(pg_temp.ca(), 'Mohammad Mehdi Akhoundzadeh Basti');
  b := pg_temp.person(pg_temp.ca(), 'Mohammad Mehdi Akhondzadeh');
  insert into inquest.person_role (case_id, person_id, role) values
    (pg_temp.ca(), a, 'to_be_summoned'), (pg_temp.ca(), b, 'to_be_summoned'), (pg_temp.ca(), b, 'official');
  insert into inquest.position (case_id, person_id, title, place, attested)
    values (pg_temp.ca(), b, 'Chargé d''affaires', 'London', '1988-12') returning id into po;
  insert into inquest.statement (case_id, person_id, position_id, "date", medium, quotation, classification)
    values (pg_temp.ca(), b, po, '1988-12-13', 'broadcast', 'a denial', array['denial']);
  insert into inquest.summons (case_id, person_id) values (pg_temp.ca(), b) returning id into su;
  insert into inquest.disclosure_request (case_id, person_id, summons_id, topic, question, requested_on)
    values (pg_temp.ca(), b, su, 'reports_to_capital', 'To whom did you report?', date '2023-03-01');
  insert into inquest.event (case_id, kind, title, "date") values (pg_temp.ca(), 'broadcast', 'BBC interview', '1988-12-13')
    returning id into ev;
  insert into inquest.event_participant (case_id, event_id, person_id, role) values
    (pg_temp.ca(), ev, a, 'interviewee'), (pg_temp.ca(), ev, b, 'interviewee');
  insert into inquest.evidence (case_id, kind, title, "date") values (pg_temp.ca(), 'broadcast', 'BBC transcript', '1988-12-13')
    returning id into e;
  insert into inquest.evidence_link (case_id, evidence_id, person_id, relation, locator) values
    (pg_temp.ca(), e, a, 'mentions', 'min. 2'), (pg_temp.ca(), e, b, 'mentions', 'min. 2'), (pg_temp.ca(), e, b, 'mentions', 'min. 5');
  insert into inquest.testimony_session (case_id, deponent_id) values (pg_temp.ca(), b);
end $$;

-- Inside this test's transaction nothing is sealed yet: read the event queue itself.
create temp table before_merge as select coalesce(max(id), 0) as id from inquest_audit.event;
select (select key from inquest.person where id = pg_temp.pid('Mohammad Mehdi Akhoundzadeh Basti')) as keep,
       (select key from inquest.person where id = pg_temp.pid('Mohammad Mehdi Akhondzadeh')) as other \gset

select is(inquest.merge_persons(:'keep', :'other'), :'keep', 'merge returns the kept key');
select is((select count(*)::int from inquest.person where key = :'other'), 0, 'the other record is gone');
select is(array(select kind || ':' || name from inquest.person_name n join inquest.person p on p.id = n.person_id
                 where p.key = :'keep' order by kind, name),
          array['alias:Mohammad Mehdi Akhondzadeh', 'primary:Mohammad Mehdi Akhoundzadeh Basti'],
          'the other primary name became an alias');
select is(array(select role from inquest.person_role r join inquest.person p on p.id = r.person_id where p.key = :'keep' order by role),
          array['official', 'to_be_summoned'], 'roles: the union, no duplicate');
select is((select count(*)::int from inquest.position o join inquest.person p on p.id = o.person_id where p.key = :'keep'), 1, 'the post moved');
select is((select o.title from inquest.statement s join inquest.person p on p.id = s.person_id
            join inquest.position o on o.id = s.position_id where p.key = :'keep'), 'Chargé d''affaires',
          'the statement still names the post it was made in');
select is((select count(*)::int from inquest.disclosure_request d join inquest.person p on p.id = d.person_id
            join inquest.summons s on s.id = d.summons_id and s.person_id = p.id where p.key = :'keep'), 1,
          'the question still hangs on its summons, now both the kept person''s');
select is((select count(*)::int from inquest.event_participant e join inquest.person p on p.id = e.person_id where p.key = :'keep'), 1,
          'the same participation collapses into one');
select is(array(select locator from inquest.evidence_link l join inquest.person p on p.id = l.person_id where p.key = :'keep' order by locator),
          array['min. 2', 'min. 5'], 'evidence links: duplicates collapse, distinct passages stay');
select is((select count(*)::int from inquest.testimony_session t join inquest.person p on p.id = t.deponent_id where p.key = :'keep'), 1,
          'the testimony moved');
select ok((select notes from inquest.person where key = :'keep') like '%merged from ' || :'other' || '%', 'the merge is noted on the kept record');
select ok((select count(*) from inquest_audit.event where id > (select id from before_merge) and table_name = 'person'
            and record_key = :'other' and operation = 'delete') = 1, 'the removal of the other record is audited');
select ok((select count(*) from inquest_audit.event where id > (select id from before_merge) and operation = 'update') >= 8,
          'every move is an audited update');
select is(inquest_audit.verify(), null, 'the chain still verifies');

select throws_ok(format('select inquest.merge_persons(%L, %L)', :'keep', :'keep'), '22023', null, 'no merge with itself');
select 'P-' || pg_temp.person(pg_temp.cb(), 'Sirous Nasseri') as elsewhere \gset
select 'P-' || pg_temp.person(pg_temp.ca(), 'Witness Z', true) as witness \gset
select throws_ok(format('select inquest.merge_persons(%L, %L)', :'keep', :'elsewhere'), '22023', null, 'no merge across cases');
select throws_ok(format('select inquest.merge_persons(%L, %L)', :'keep', :'witness'), '22023', null,
                 'no automatic merge of a protected person');

select * from finish();
rollback;
