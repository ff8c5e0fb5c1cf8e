/// The five kinds of import file. Columns are documented here once: `inquest import
/// --help` and the README show these texts.
extension ImportKind {
    /// The id of the record in `table` of the import's case whose key (or, with
    /// `byRef`, imported ref) is `r.<column>`; NULL when the column is empty, 0 when
    /// nothing matches (reported by `unresolved`).
    static func resolve(_ column: String, in table: String, byRef: Bool) -> String {
        let key = "(select t.id from inquest." + table + " t where t.case_id = c.case_id and t.key = r." + column + ")"
        let ref = "(select t.id from inquest." + table + " t where t.case_id = c.case_id and t.external_ref = r." + column + ")"
        return "case when r." + column + " is null then null else coalesce(" + key + (byRef ? ", " + ref : "") + ", 0) end"
    }

    // MARK: persons

    public static let persons = ImportKind(
        name: "persons",
        columns: [
            Column(name: "ref", type: .text, help: "The list's own identifier of the person. Rows with the same ref are one person's names; the first row carries the person's fields. Empty: the row is a person of its own."),
            Column(name: "name", type: .text, help: "The name as written (required)."),
            Column(name: "given_name", type: .text, help: "Given name(s), when known."),
            Column(name: "family_name", type: .text, help: "Family name, when known."),
            Column(name: "kind", type: .text, help: NameKind.choices + ". Default: primary on a ref's first row (pseudonym if protected), alias after."),
            Column(name: "script", type: .text, help: NameScript.choices + ". Default: persian for Arabic-script names, else latin."),
            Column(name: "language", type: .text, help: "Language tag (fa, en, fa-Latn)."),
            Column(name: "evidence", type: .text, help: "Evidence key (E-4) or evidence ref in which this spelling is seen."),
            Column(name: "source_note", type: .text, help: "Where this spelling was seen."),
            Column(name: "protected", type: .boolean, help: "The person is protected: their one name must be a pseudonym. Default false."),
            Column(name: "name_known", type: .boolean, help: "False when the sources do not record the name (the name is then a label). Default true."),
            Column(name: "sex", type: .text, help: PersonSex.choices + "."),
            Column(name: "description", type: .text, help: "Who the person is (a post, a relation)."),
            Column(name: "notes", type: .text, help: "Notes."),
            Column(name: "roles", type: .list, help: "Roles, separated by ';': " + PersonRole.choices + "."),
            Column(name: "distinct_from", type: .list, help: "Persons already in the case (P-3, separated by ';') whose names match this person's but who are different people: recorded (as `person distinct` does), so the match is no duplicate. First row of a ref."),
        ],
        required: ["name"],
        stage: """
            create temp table import_raw on commit drop as
            select 0::bigint as line, null::text as ref, n.name, n.given_name, n.family_name, n.kind, n.script, n.language,
                   null::text as evidence, n.source_note, p.protected, p.name_known, p.sex, p.description, p.notes,
                   null::text[] as roles, null::text[] as distinct_from
              from inquest.person p, inquest.person_name n with no data
            """,
        prepare: [
            """
            create temp table import_rows on commit drop as
            select r.line, r.ref, coalesce(r.ref, '#' || r.line) as grp,
                   min(r.line) over w as first_line,
                   coalesce(bool_or(r.protected) over w, false) as group_protected,
                   r.name, r.given_name, r.family_name,
                   coalesce(r.kind, case when r.line <> min(r.line) over w then 'alias'
                                         when coalesce(bool_or(r.protected) over w, false) then 'pseudonym'
                                         else 'primary' end) as kind,
                   coalesce(r.script, case when inquest_private.has_arabic_script(r.name) then 'persian' else 'latin' end) as script,
                   r.language, r.evidence, r.source_note, r.protected, r.name_known, r.sex, r.description, r.notes, r.roles,
                   r.distinct_from,
            """ + resolve("evidence", in: "evidence", byRef: true) + """
             as evidence_id,
                   null::bigint as matched_person_id, null::text as matched, null::bigint as new_person_id,
                   false as known_name
              from pg_temp.import_raw r cross join pg_temp.import_settings c
            window w as (partition by coalesce(r.ref, '#' || r.line))
            """,
            // Possible duplicates: a name that folds (or, across scripts, reduces) to the key
            // of a name already in the case, or a ref already imported. Skipped outright
            // while the case has no names (the folding is the costly part).
            """
            update pg_temp.import_rows s set matched_person_id = m.person_id, matched = m.matched
              from (select distinct on (x.grp) x.grp, x.person_id,
                           p.key || ' (' || coalesce(p.display_name, '?') || ', matched on line ' || x.line || ')' as matched
                      from (select r.grp, r.line, p.id as person_id
                              from pg_temp.import_rows r
                              join inquest.person p on p.case_id = (select case_id from pg_temp.import_settings) and p.external_ref = r.ref
                            union all
                            -- the search keys are readable only through this function (Schema/0011)
                            select r.grp, r.line, k.person_id
                              from inquest_private.name_key_matches(
                                     (select case_id from pg_temp.import_settings),
                                     (select pg_catalog.array_agg(line) from pg_temp.import_rows),
                                     (select pg_catalog.array_agg(name) from pg_temp.import_rows),
                                     (select pg_catalog.array_agg(script) from pg_temp.import_rows)) k
                              join pg_temp.import_rows r on r.line = k.line) x
                      join inquest.person_display p on p.id = x.person_id
                     where (select exists (select from inquest.person_name n
                                            where n.case_id = (select case_id from pg_temp.import_settings)))
                       -- a person the file says is a different one is no duplicate
                       and not exists (select from pg_temp.import_rows d where d.grp = x.grp and p.key = any (d.distinct_from))
                     order by x.grp, x.line, x.person_id) m
             where s.grp = m.grp
            """,
            "create temp table import_roles on commit drop as select line, pg_catalog.unnest(roles) as role from pg_temp.import_rows",
        ],
        checks: [
            """
            select line, 'protected', 'import_person_fields_first_row',
                   pg_catalog.format('person fields (protected, name_known, sex, description, notes, roles) belong on the first row of ref %s (line %s); later rows add names', ref, first_line)
              from pg_temp.import_rows
             where line <> first_line
               and (protected is not null or name_known is not null or sex is not null or description is not null
                    or notes is not null or roles is not null or distinct_from is not null)
            """,
            """
            select min(line), 'kind', 'person_name_exactly_one_primary',
                   pg_catalog.format('%s has %s names of kind %s; a person needs exactly one',
                                     coalesce('ref ' || min(ref), 'the person'),
                                     count(*) filter (where kind in ('primary', 'pseudonym')),
                                     case when bool_or(group_protected) then 'pseudonym' else 'primary' end)
              from pg_temp.import_rows
             group by grp
            -- (names of a person already in the case need no primary of their own)
            having count(*) filter (where kind in ('primary', 'pseudonym')) <> 1 and bool_and(matched_person_id is null)
            """,
            """
            select line, 'kind', 'person_name_protected_pseudonym_only',
                   pg_catalog.format('a protected person appears only under a pseudonym, but this name is of kind %s', kind)
              from pg_temp.import_rows where group_protected and kind <> 'pseudonym'
            """,
            """
            select line, 'kind', 'person_name_pseudonym_only_if_protected',
                   'kind pseudonym is reserved for protected persons (use alias)'
              from pg_temp.import_rows where not group_protected and kind = 'pseudonym'
            """,
            """
            select line, 'ref', 'import_ref_not_blank', 'ref must not be blank' from pg_temp.import_rows where btrim(ref) = ''
            """,
            unresolved("('evidence', r.evidence, r.evidence_id)"),
            """
            select r.line, 'distinct_from', 'import_reference',
                   pg_catalog.format('distinct_from %s: no such person in this case (give their key, such as P-3)', k.key)
              from pg_temp.import_rows r cross join lateral pg_catalog.unnest(r.distinct_from) k(key)
             where not exists (select from inquest.person p
                                where p.case_id = (select case_id from pg_temp.import_settings) and p.key = k.key)
            """,
            """
            select min(line), 'name', 'import_possible_duplicate',
                   pg_catalog.format('%s may be %s already in the case; choose --on-duplicate skip or link, or name them in distinct_from if this is a different person', min(name) filter (where line = first_line), min(matched))
              from pg_temp.import_rows
             where matched_person_id is not null and (select on_duplicate from pg_temp.import_settings) = 'fail'
             group by grp
            """,
        ],
        targets: [("pg_temp.import_rows", "inquest.person"), ("pg_temp.import_rows", "inquest.person_name"),
                  ("pg_temp.import_roles", "inquest.person_role")],
        load: [
            // New persons, in file order; identity values follow that order, which maps
            // each new id back to its ref.
            """
            with new_person as (
              insert into inquest.person (case_id, protected, name_known, description, sex, notes, external_ref)
              select (select case_id from pg_temp.import_settings), coalesce(protected, false), coalesce(name_known, true),
                     description, sex, notes, ref
                from pg_temp.import_rows
               where line = first_line and matched_person_id is null
               order by line
              returning id
            )
            update pg_temp.import_rows s set new_person_id = x.id
              from (select id, row_number() over (order by id) as n from new_person) x
              join (select grp, row_number() over (order by line) as n
                      from pg_temp.import_rows where line = first_line and matched_person_id is null) g on g.n = x.n
             where s.grp = g.grp
            """,
            """
            update pg_temp.import_rows set new_person_id = matched_person_id
             where matched_person_id is not null and (select on_duplicate from pg_temp.import_settings) = 'link'
            """,
            """
            update inquest.person p set external_ref = s.ref
              from pg_temp.import_rows s
             where s.matched_person_id = p.id and s.line = s.first_line and s.ref is not null and p.external_ref is null
               and (select on_duplicate from pg_temp.import_settings) = 'link'
            """,
            // A linked person may already have the name.
            """
            update pg_temp.import_rows s set known_name = true
             where s.matched_person_id is not null and s.new_person_id is not null
               and exists (select from inquest.person_name n where n.case_id = (select case_id from pg_temp.import_settings) and n.person_id = s.new_person_id and n.name = s.name)
            """,
            """
            insert into inquest.person_name (case_id, person_id, name, given_name, family_name, kind, script, language,
                                             evidence_id, source_note)
            select (select case_id from pg_temp.import_settings), s.new_person_id, s.name, s.given_name, s.family_name,
                   case when s.matched_person_id is not null and s.kind = 'primary' then 'alias' else s.kind end,
                   s.script, s.language, s.evidence_id, s.source_note
              from pg_temp.import_rows s
             where s.new_person_id is not null and not s.known_name
             order by s.line
            """,
            """
            insert into inquest.person_distinct (case_id, person_a_id, person_b_id, reason)
            select distinct (select case_id from pg_temp.import_settings), least(s.new_person_id, p.id),
                   greatest(s.new_person_id, p.id), 'import: distinct_from'
              from pg_temp.import_rows s cross join lateral pg_catalog.unnest(s.distinct_from) k(key)
              join inquest.person p on p.case_id = (select case_id from pg_temp.import_settings) and p.key = k.key
             where s.new_person_id is not null and s.line = s.first_line and p.id <> s.new_person_id
            on conflict on constraint person_distinct_pair_unique do nothing
            """,
            // In the file's order, so the roles' keys follow it as the names' do.
            """
            insert into inquest.person_role (case_id, person_id, role)
            select (select case_id from pg_temp.import_settings), s.new_person_id, x.role
              from pg_temp.import_rows s cross join lateral pg_catalog.unnest(s.roles) with ordinality x(role, n)
             where s.new_person_id is not null and s.line = s.first_line
             order by s.line, x.n
            on conflict on constraint person_role_unique do nothing
            """,
        ],
        summary: """
            select count(*) filter (where line = first_line and new_person_id is not null and matched_person_id is null) as persons,
                   count(*) filter (where new_person_id is not null and not known_name) as names,
                   count(*) filter (where line = first_line and matched_person_id is not null and new_person_id is not null) as linked,
                   count(*) filter (where line = first_line and new_person_id is null) as skipped
              from pg_temp.import_rows
            """)

    // MARK: evidence

    public static let evidence = ImportKind(
        name: "evidence",
        columns: [
            Column(name: "ref", type: .text, help: "The list's own identifier of the item (unique in the case)."),
            Column(name: "kind", type: .text, help: EvidenceKind.choices + " (required)."),
            Column(name: "title", type: .text, help: "Title (required)."),
            Column(name: "original_title", type: .text, help: "Title in the original language."),
            Column(name: "author", type: .text, help: "Author."),
            Column(name: "publisher", type: .text, help: "Publisher or issuing body."),
            Column(name: "date", type: .text, help: "Partial date: 1988, 1988-12, 1988-12-02, 1988-08-24?, 1988-12/1989-01, SH:1367-05-07."),
            Column(name: "language", type: .text, help: "Language tag."),
            Column(name: "un_symbol", type: .text, help: "UN document symbol (A/43/705)."),
            Column(name: "amnesty_index", type: .text, help: "Amnesty International index (MDE 13/031/88)."),
            Column(name: "other_identifier", type: .text, help: "Any other identifier."),
            Column(name: "url", type: .text, help: "http(s) address."),
            Column(name: "held_at", type: .text, help: "Where the item is held."),
            Column(name: "citation", type: .text, help: "The full reference as cited."),
            Column(name: "file_name", type: .text, help: "File name (needs file_sha256)."),
            Column(name: "file_sha256", type: .text, help: "SHA-256 of the file, 64 lowercase hex digits (with file_size)."),
            Column(name: "file_size", type: .integer, help: "File size in bytes (with file_sha256)."),
            Column(name: "notes", type: .text, help: "Notes."),
        ],
        required: ["kind", "title"],
        stage: """
            create temp table import_raw on commit drop as
            select 0::bigint as line, null::text as ref, kind, title, original_title, author, publisher, "date", language,
                   un_symbol, amnesty_index, other_identifier, url, held_at, citation, file_name, file_sha256, file_size, notes
              from inquest.evidence with no data
            """,
        prepare: ["alter table pg_temp.import_raw rename to import_rows"],
        checks: refChecks("evidence"),
        targets: [("pg_temp.import_rows", "inquest.evidence")],
        load: [
            """
            insert into inquest.evidence (case_id, external_ref, kind, title, original_title, author, publisher, "date", language,
                                          un_symbol, amnesty_index, other_identifier, url, held_at, citation, file_name,
                                          file_sha256, file_size, notes)
            select (select case_id from pg_temp.import_settings), ref, kind, title, original_title, author, publisher, "date",
                   language, un_symbol, amnesty_index, other_identifier, url, held_at, citation, file_name, file_sha256,
                   file_size, notes
              from pg_temp.import_rows order by line
            """,
        ],
        summary: "select count(*) as evidence from pg_temp.import_rows")

    // MARK: events

    public static let events = ImportKind(
        name: "events",
        columns: [
            Column(name: "ref", type: .text, help: "The list's own identifier of the event (unique in the case)."),
            Column(name: "kind", type: .text, help: EventKind.choices + " (required)."),
            Column(name: "title", type: .text, help: "What happened (required)."),
            Column(name: "date", type: .text, help: "Partial date, as for evidence."),
            Column(name: "place", type: .text, help: "Where."),
            Column(name: "description", type: .text, help: "Description."),
            Column(name: "notes", type: .text, help: "Notes."),
        ],
        required: ["kind", "title"],
        stage: """
            create temp table import_raw on commit drop as
            select 0::bigint as line, null::text as ref, kind, title, "date", place, description, notes
              from inquest.event with no data
            """,
        prepare: ["alter table pg_temp.import_raw rename to import_rows"],
        checks: refChecks("event"),
        targets: [("pg_temp.import_rows", "inquest.event")],
        load: [
            """
            insert into inquest.event (case_id, external_ref, kind, title, "date", place, description, notes)
            select (select case_id from pg_temp.import_settings), ref, kind, title, "date", place, description, notes
              from pg_temp.import_rows order by line
            """,
        ],
        summary: "select count(*) as events from pg_temp.import_rows")

    // MARK: positions

    public static let positions = ImportKind(
        name: "positions",
        columns: [
            Column(name: "person", type: .text, help: "Person key (P-3) or person ref (required)."),
            Column(name: "title", type: .text, help: "The post (required)."),
            Column(name: "body", type: .text, help: "Ministry, mission, court."),
            Column(name: "place", type: .text, help: "Where."),
            Column(name: "start_date", type: .text, help: "Partial date the post began."),
            Column(name: "end_date", type: .text, help: "Partial date the post ended."),
            Column(name: "attested", type: .text, help: "Partial date or range in which a source shows the person in the post."),
            Column(name: "evidence", type: .text, help: "Evidence key or ref showing the post."),
            Column(name: "source_note", type: .text, help: "Where the post is recorded."),
            Column(name: "notes", type: .text, help: "Notes."),
        ],
        required: ["person", "title"],
        stage: """
            create temp table import_raw on commit drop as
            select 0::bigint as line, null::text as person, title, body, place, start_date, end_date, attested,
                   null::text as evidence, source_note, notes
              from inquest.position with no data
            """,
        prepare: [
            "create temp table import_rows on commit drop as select r.*, "
                + resolve("person", in: "person", byRef: true) + " as person_id, "
                + resolve("evidence", in: "evidence", byRef: true) + " as evidence_id "
                + "from pg_temp.import_raw r cross join pg_temp.import_settings c",
        ],
        checks: [unresolved("('person', r.person, r.person_id), ('evidence', r.evidence, r.evidence_id)")],
        targets: [("pg_temp.import_rows", "inquest.position")],
        load: [
            """
            insert into inquest.position (case_id, person_id, title, body, place, start_date, end_date, attested, evidence_id,
                                          source_note, notes)
            select (select case_id from pg_temp.import_settings), person_id, title, body, place, start_date, end_date, attested,
                   evidence_id, source_note, notes
              from pg_temp.import_rows order by line
            """,
        ],
        summary: "select count(*) as positions from pg_temp.import_rows")

    // MARK: links

    public static let links = ImportKind(
        name: "links",
        columns: [
            Column(name: "evidence", type: .text, help: "Evidence key or ref (required)."),
            Column(name: "relation", type: .text, help: LinkRelation.choices + " (required; "
                + LinkRelation.allCases.filter(\.needsPerson).map(\.rawValue).joined(separator: ", ") + " need a person)."),
            Column(name: "person", type: .text, help: "Target: person key or ref."),
            Column(name: "event", type: .text, help: "Target: event key or ref."),
            Column(name: "statement", type: .text, help: "Target: statement key (ST-2)."),
            Column(name: "transcript_segment", type: .text, help: "Target: transcript segment key (TS-5)."),
            Column(name: "disclosure_request", type: .text, help: "Target: disclosure request key (D-1)."),
            Column(name: "summons", type: .text, help: "Target: summons key (S-1). Exactly one target per row."),
            Column(name: "locator", type: .text, help: "Where in the evidence: p. 5, para. 47."),
            Column(name: "excerpt", type: .text, help: "The exact passage."),
            Column(name: "stated_date", type: .text, help: "The date as this source states it (partial date)."),
            Column(name: "note", type: .text, help: "Note."),
        ],
        required: ["evidence", "relation"],
        stage: """
            create temp table import_raw on commit drop as
            select 0::bigint as line, null::text as evidence, relation, null::text as person, null::text as event,
                   null::text as statement, null::text as transcript_segment, null::text as disclosure_request,
                   null::text as summons, locator, excerpt, stated_date, note
              from inquest.evidence_link with no data
            """,
        prepare: [
            "create temp table import_rows on commit drop as select r.*, "
                + resolve("evidence", in: "evidence", byRef: true) + " as evidence_id, "
                + resolve("person", in: "person", byRef: true) + " as person_id, "
                + resolve("event", in: "event", byRef: true) + " as event_id, "
                + resolve("statement", in: "statement", byRef: false) + " as statement_id, "
                + resolve("transcript_segment", in: "transcript_segment", byRef: false) + " as transcript_segment_id, "
                + resolve("disclosure_request", in: "disclosure_request", byRef: false) + " as disclosure_request_id, "
                + resolve("summons", in: "summons", byRef: false) + " as summons_id "
                + "from pg_temp.import_raw r cross join pg_temp.import_settings c",
        ],
        checks: [
            unresolved("""
                ('evidence', r.evidence, r.evidence_id), ('person', r.person, r.person_id), ('event', r.event, r.event_id),
                ('statement', r.statement, r.statement_id), ('transcript_segment', r.transcript_segment, r.transcript_segment_id),
                ('disclosure_request', r.disclosure_request, r.disclosure_request_id), ('summons', r.summons, r.summons_id)
                """),
        ],
        targets: [("pg_temp.import_rows", "inquest.evidence_link")],
        load: [
            """
            insert into inquest.evidence_link (case_id, evidence_id, person_id, statement_id, event_id, transcript_segment_id,
                                               disclosure_request_id, summons_id, relation, locator, excerpt, stated_date, note)
            select (select case_id from pg_temp.import_settings), evidence_id, person_id, statement_id, event_id,
                   transcript_segment_id, disclosure_request_id, summons_id, relation, locator, excerpt, stated_date, note
              from pg_temp.import_rows order by line
            """,
        ],
        summary: "select count(*) as links from pg_temp.import_rows")
}
