-- Evidence: identifiers validated by named checks (UN document symbols, Amnesty index
-- numbers), URL, SHA-256 and size, partial dates; an append-only chain of custody.
set search_path = tap, public;
begin;
select plan(39);

\ir support/records_fixtures.psql

create function pg_temp.with_un(symbol text) returns text language sql
as $$ select pg_temp.fails(format('insert into inquest.evidence (case_id, kind, title, un_symbol) values (%s, %L, %L, %L)',
                                  pg_temp.ca(), 'un_document', 'UN document ' || symbol, symbol)) $$;
create function pg_temp.with_ai(ix text) returns text language sql
as $$ select pg_temp.fails(format('insert into inquest.evidence (case_id, kind, title, amnesty_index) values (%s, %L, %L, %L)',
                                  pg_temp.ca(), 'ngo_report', 'Amnesty ' || ix, ix)) $$;

-- UN document symbols.
select is(pg_temp.with_un('A/43/705'), 'no error', 'UN symbol A/43/705 (interim report, 13 October 1988)');
select is(pg_temp.with_un('E/CN.4/1989/26'), 'no error', 'UN symbol E/CN.4/1989/26');
select is(pg_temp.with_un('A/RES/43/137'), 'no error', 'UN symbol A/RES/43/137 (resolution of 8 December 1988)');
select is(pg_temp.with_un('A/C.3/43/SR.52'), 'no error', 'UN symbol A/C.3/43/SR.52 (Third Committee summary record)');
select is(pg_temp.with_un('A/44/153'), 'no error', 'UN symbol A/44/153');
select is(pg_temp.with_un('E/CN.4/Sub.2/1989/3/Add.1'), 'no error', 'UN symbol with a sub-commission and an addendum');
select is(pg_temp.with_un('S/RES/598 (1987)'), 'no error', 'Security Council resolution with its year');
select is(pg_temp.with_un('a/43/705'), '23514 evidence evidence_un_symbol_format', 'lower-case body refused');
select is(pg_temp.with_un('A43/705'), '23514 evidence evidence_un_symbol_format', 'missing slash refused');
select is(pg_temp.with_un('A/43/'), '23514 evidence evidence_un_symbol_format', 'trailing slash refused');
select is(pg_temp.with_un('A//705'), '23514 evidence evidence_un_symbol_format', 'empty component refused');
select is(pg_temp.with_un('UN Doc. A/43/705'), '23514 evidence evidence_un_symbol_format', 'a citation is not a symbol');
select is(pg_temp.with_un('A/43/705 '), '23514 evidence evidence_un_symbol_format', 'trailing space refused');
select is(pg_temp.with_un('A/43/705'), '23505 evidence evidence_un_symbol_unique', 'the same document twice in a case is refused');

-- Amnesty International index numbers.
select is(pg_temp.with_ai('MDE 13/031/88'), 'no error', 'Amnesty index MDE 13/031/88 (two-digit year)');
select is(pg_temp.with_ai('MDE 13/9421/2018'), 'no error', 'Amnesty index MDE 13/9421/2018');
select is(pg_temp.with_ai('MDE 13/6418/2023'), 'no error', 'Amnesty index MDE 13/6418/2023');
select is(pg_temp.with_ai('MDE 13/020/1988'), 'no error', 'Amnesty index MDE 13/020/1988 (three-digit serial, four-digit year)');
select is(pg_temp.with_ai('MDE13/031/88'), '23514 evidence evidence_amnesty_index_format', 'missing space refused');
select is(pg_temp.with_ai('mde 13/031/88'), '23514 evidence evidence_amnesty_index_format', 'lower case refused');
select is(pg_temp.with_ai('MDE 13/31/88'), '23514 evidence evidence_amnesty_index_format', 'two-digit serial refused');
select is(pg_temp.with_ai('MDE 13/031/988'), '23514 evidence evidence_amnesty_index_format', 'three-digit year refused');
select is(pg_temp.with_ai('Index: MDE 13/031/88'), '23514 evidence evidence_amnesty_index_format', 'a citation is not an index');

-- URL, file hash and size, kind, date.
select is(pg_temp.fails($$ insert into inquest.evidence (case_id, kind, title, url) values (pg_temp.ca(), 'ngo_report', 't',
          'https://www.amnesty.org/en/documents/mde13/9421/2018/en') $$), 'no error', 'an https URL');
select is(pg_temp.fails($$ insert into inquest.evidence (case_id, kind, title, url) values (pg_temp.ca(), 'ngo_report', 't', 'amnesty.org/en/documents') $$),
    '23514 evidence evidence_url_format', 'a URL without http(s) scheme is refused');
select is(pg_temp.fails($$ insert into inquest.evidence (case_id, kind, title, url) values (pg_temp.ca(), 'ngo_report', 't', 'javascript:alert(1)') $$),
    '23514 evidence evidence_url_format', 'a javascript: URL is refused');
select is(pg_temp.fails(format('insert into inquest.evidence (case_id, kind, title, file_name, file_sha256, file_size) values (%s, %L, %L, %L, %L, %s)',
          pg_temp.ca(), 'recording', 'Recording', 'rec.mp3', encode(sha256('x'), 'hex'), 1)), 'no error', 'a file hash (lowercase hex) and size');
select is(pg_temp.fails(format('insert into inquest.evidence (case_id, kind, title, file_sha256, file_size) values (%s, %L, %L, %L, %s)',
          pg_temp.ca(), 'recording', 'R2', upper(encode(sha256('x'), 'hex')), 1)), '23514 evidence evidence_file_sha256_format', 'upper-case hex refused');
select is(pg_temp.fails(format('insert into inquest.evidence (case_id, kind, title, file_sha256, file_size) values (%s, %L, %L, %L, %s)',
          pg_temp.ca(), 'recording', 'R3', left(encode(sha256('x'), 'hex'), 63), 1)), '23514 evidence evidence_file_sha256_format', '63 hex digits refused');
select is(pg_temp.fails(format('insert into inquest.evidence (case_id, kind, title, file_sha256) values (%s, %L, %L, %L)',
          pg_temp.ca(), 'recording', 'R4', encode(sha256('y'), 'hex'))), '23514 evidence evidence_file_hash_and_size', 'a hash needs the file size');
select is(pg_temp.fails($$ insert into inquest.evidence (case_id, kind, title) values (pg_temp.ca(), 'rumour', 't') $$),
    '23514 evidence evidence_kind_valid', 'an unknown kind is refused');
select is(pg_temp.fails($$ insert into inquest.evidence (case_id, kind, title, "date") values (pg_temp.ca(), 'letter', 't', 'December 1988') $$),
    '22007 evidence date evidence_date_valid', 'a free-text date is refused');

-- Chain of custody: append-only.
insert into inquest.evidence (case_id, kind, title, held_at, file_sha256, file_size)
values (pg_temp.ca(), 'interview_transcript', 'BBC World Service interview transcript', 'on file with Amnesty International',
        encode(sha256('transcript'), 'hex'), 10);
select lives_ok($$ insert into inquest.custody_entry (case_id, evidence_id, at, action, received_from, received_by, sha256)
                   select pg_temp.ca(), id, '2024-02-01 09:00+00', 'received', 'Amnesty International', 'Registry clerk', file_sha256
                     from inquest.evidence where title like 'BBC%' $$, 'a custody entry with the hash at that moment');
select matches((select min(key) from inquest.custody_entry), '^EC-[0-9]+$', 'a custody entry key is EC-<id>');
select throws_like($$ update inquest.custody_entry set received_by = 'Someone else' $$,
    '%the chain of custody is append-only%', 'custody entries cannot be changed');
select is(pg_temp.fails($$ delete from inquest.custody_entry $$), '23514 custody_entry custody_entry_append_only', 'custody entries cannot be deleted');
select is(pg_temp.fails($$ insert into inquest.custody_entry (case_id, evidence_id, at, action)
                           select pg_temp.ca(), id, now(), 'received' from inquest.evidence where title like 'BBC%' $$),
    '23514 custody_entry custody_entry_received_parties', 'a receipt names who handed over and who received');
select is(pg_temp.fails($$ delete from inquest.evidence where title like 'BBC%' $$),
    '23503 custody_entry custody_entry_evidence_fk', 'evidence with a custody record cannot be deleted');
select is(pg_temp.fails($$ insert into inquest.custody_entry (case_id, evidence_id, at, action)
                           select pg_temp.cb(), id, now(), 'examined' from inquest.evidence where title like 'BBC%' $$),
    '23503 custody_entry custody_entry_evidence_fk', 'a custody entry cannot be filed in another case');

select * from finish();
rollback;
