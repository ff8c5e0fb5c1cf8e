import Postgres

/// People in a case: individuals to be summoned, witnesses, victims, relatives, sources;
/// each with any number of names and the posts they held.
public struct People {
    let connection: Connection

    /// Runs in the caller's unit of work (`Session.read` or `Session.write` hands it over).
    public init(_ transaction: Transaction) { connection = transaction.connection }

    /// A name as a source gives it. `given` is nil when the given name is unknown.
    public struct Name: Sendable {
        public var full: String
        public var given: String?
        public var family: String?
        public var kind: String
        public var script: String?
        public var language: String?
        /// A note on where this spelling was seen.
        public var source: String?
        /// The evidence key (`E-n`) in which this spelling is seen.
        public var evidence: String?

        public init(full: String, given: String? = nil, family: String? = nil, kind: String = "primary",
                    script: String? = nil, language: String? = nil, source: String? = nil, evidence: String? = nil) {
            self.full = full
            self.given = given
            self.family = family
            self.kind = kind
            self.script = script
            self.language = language
            self.source = source
            self.evidence = evidence
        }
    }

    /// Adds a person with their display name and roles. A protected person's name must be a
    /// pseudonym: it is stored as kind `pseudonym`, and the real identity goes elsewhere
    /// (`inquest identity set`). The script of the name is detected when not given (Arabic
    /// letters: persian; else latin), as `import persons` does.
    ///
    /// A name that the duplicate report would pair with a person already in the case is
    /// refused (`.conflict`, rule `person_likely_duplicate`, naming the persons), unless every
    /// such person is in `distinctFrom`: the new person is then recorded as a different
    /// person from each (`inquest.person_distinct`), so the pair is not flagged again.
    /// Pseudonyms and descriptive labels (`nameKnown == false`) are not checked.
    /// - Returns: the person's key (`P-1`).
    public func add(case reference: String, name: Name, roles: [String], protected: Bool, description: String?,
                    nameKnown: Bool = true, distinctFrom: [String] = [], reason: String? = nil) throws -> String {
        try requireCase(connection, reference)
        let distinct = try distinctPersons(connection, case: reference, distinctFrom)
        if !protected && nameKnown {
            let matches = try records(connection, """
                select d.key, coalesce(d.display_name, '?') as name
                from inquest_private.name_key_matches(
                       inquest.case_id_of($1), array[1::bigint], array[$2::text],
                       array[coalesce($3, case when inquest_private.has_arabic_script($2) then 'persian' else 'latin' end)]) k
                join inquest.person_display d on d.id = k.person_id
                order by d.id
                """, [reference, name.full, name.script])
            let unresolved = matches.rows.compactMap { row -> String? in
                guard case .string(let key) = row[0], case .string(let shown) = row[1], !distinct.contains(key) else { return nil }
                return "\(key) (\(shown))"
            }
            if !unresolved.isEmpty {
                let keys = unresolved.map { String($0.prefix { $0 != " " }) }
                throw InquestError(.conflict, """
                    name: "\(name.full)" is likely the same person as \(unresolved.joined(separator: ", ")); \
                    to add this spelling to them: inquest person name add \(keys[0]) --name …; \
                    if this is a different person, repeat with --distinct-from \(keys.joined(separator: ",")) (recorded)
                    """, field: "name", rule: "person_likely_duplicate")
            }
        }
        let key = try insertUnder(connection, "case", reference, """
            insert into inquest.person (case_id, protected, description, name_known)
            select id, $2, $3, $4 from inquest."case" where id = inquest.case_id_of($1)
            returning key
            """, [reference, protected, description, nameKnown])
        var name = name
        name.kind = protected ? "pseudonym" : "primary"
        _ = try insertName(connection, person: key, name)
        for role in roles { _ = try insertRole(connection, person: key, role) }
        for other in distinct.sorted() { try assertDistinct(connection, key, other, reason: reason) }
        return key
    }

    /// Records that two persons of one case are different people: the duplicate report
    /// leaves the pair out from then on. - Returns: the assertion's key (`PD-n`).
    @discardableResult
    public func assertDistinct(_ person: String, _ other: String, reason: String?) throws -> String {
        try assertDistinct(connection, person, other, reason: reason)
    }

    @discardableResult
    func assertDistinct(_ connection: Connection, _ person: String, _ other: String, reason: String?) throws -> String {
        try requireExisting(connection, [(.person, person), (.person, other)])
        if person == other {
            throw InquestError(.invalidInput, "distinct-from: \(person) cannot be a different person from itself",
                               field: "distinct-from", rule: "person_distinct_ordered")
        }
        try connection.execute("""
            insert into inquest.person_distinct (case_id, person_a_id, person_b_id, reason)
            select a.case_id, least(a.id, b.id), greatest(a.id, b.id), $3
            from inquest.person a join inquest.person b on b.key = $2
            where a.key = $1 and b.case_id = a.case_id
            on conflict on constraint person_distinct_pair_unique do nothing
            """, [person, other, reason])
        let recorded = try records(connection, """
            select d.key from inquest.person_distinct d
            join inquest.person a on a.case_id = d.case_id and a.key = $1
            join inquest.person b on b.case_id = d.case_id and b.key = $2
            where d.person_a_id = least(a.id, b.id) and d.person_b_id = greatest(a.id, b.id)
            """, [person, other])
        if recorded.isEmpty {
            throw InquestError(.invalidInput, "distinct-from: \(other) is not in the case of \(person)",
                               field: "distinct-from", rule: "person_distinct_same_case")
        }
        return recorded.key
    }

    /// The persons named by `--distinct-from`, which must exist in the case.
    private func distinctPersons(_ connection: Connection, case reference: String, _ keys: [String]) throws -> Set<String> {
        var found = Set<String>()
        for key in keys {
            let row = try records(connection, """
                select p.key from inquest.person p join inquest."case" c on c.id = p.case_id
                where p.key = $1 and c.id = inquest.case_id_of($2)
                """, [key, reference])
            if row.isEmpty {
                throw InquestError(.notFound, "distinct-from: person \(key) not found in case \(reference) (or not visible to you)",
                                   field: "distinct-from")
            }
            found.insert(key)
        }
        return found
    }

    public func addName(person: String, _ name: Name) throws -> String {
        try insertName(connection, person: person, name)
    }

    public func addRole(person: String, _ role: String) throws -> String {
        try insertRole(connection, person: person, role)
    }

    /// A post held. Dates are partial-date text (`1988-12`, `1988-08-24?` …); `attested` is
    /// when a source shows the person in the post, for when start and end are unknown.
    public struct Position: Sendable {
        public var title: String
        public var body: String?
        public var place: String?
        public var start: String?
        public var end: String?
        public var attested: String?
        public var evidence: String?
        public var source: String?

        public init(title: String, body: String? = nil, place: String? = nil, start: String? = nil, end: String? = nil,
                    attested: String? = nil, evidence: String? = nil, source: String? = nil) {
            self.title = title
            self.body = body
            self.place = place
            self.start = start
            self.end = end
            self.attested = attested
            self.evidence = evidence
            self.source = source
        }
    }

    public func addPosition(person: String, _ position: Position) throws -> String {
        // A key that names nothing is an error, not a silent NULL; one in another case
        // is refused by the composite foreign key.
        try requireExisting(connection, [(.evidence, position.evidence)])
        return try insertUnder(connection, "person", person, """
            insert into inquest.position (case_id, person_id, title, body, place, start_date, end_date, attested,
                                          evidence_id, source_note)
            select p.case_id, p.id, $2, $3, $4, $5, $6, $7,
                   (select e.id from inquest.evidence e where e.key = $8), $9
            from inquest.person p where p.key = $1
            returning key
            """, [person, position.title, position.body, position.place, position.start, position.end,
                  position.attested, position.evidence, position.source])
    }

    public func list(case reference: String?, role: String?) throws -> RecordSet {
        try readContract(connection, "inquest.person_list", [reference, role])
    }

    /// The parts of `person show`, in order, each the set-returning function of the read
    /// contract (Schema/objects/reads) that defines its columns; the first is the person.
    public static let showParts = [
        ("person", "inquest.person_record"), ("names", "inquest.person_names"), ("positions", "inquest.person_positions"),
        ("events", "inquest.person_events"), ("statements", "inquest.person_statements"),
        ("evidence", "inquest.person_evidence"), ("summonses", "inquest.person_summonses"),
        ("disclosures", "inquest.person_disclosures"), ("testimony", "inquest.person_testimony"),
    ]

    /// The queries of `showParts`; `$1` is the person's key. Public for Scripts/bench.sh,
    /// which times psql running the same queries.
    public static let showQueries = showParts.map { "select * from \($0.1)($1)" }

    /// A person and everything linked to them (in the caller's transaction: one snapshot
    /// when it is a `Session.read`). The nine queries travel in one pipeline (with the
    /// transaction's BEGIN when they are its first statements): one round trip.
    /// - Throws: `.notFound` when the person does not exist or is not visible.
    public func show(_ person: String) throws -> Sections {
        let results = try translatingErrors { try connection.pipeline(Self.showQueries.map { try PipelineStatement($0, [person]) }) }
        let parts = zip(Self.showParts, results).enumerated().map { index, part in
            Sections.Part(part.0.0, RecordSet(part.1), single: index == 0)
        }
        _ = try requireRecord(parts[0].records, "person", person)
        return Sections(parts)
    }

    public func update(_ person: String, description: String?, notes: String?) throws {
        try requireOne(connection.execute("""
            update inquest.person set description = coalesce($2, description), notes = coalesce($3, notes) where key = $1
            """, [person, description, notes]), "person", person)
    }

    private func insertName(_ connection: Connection, person: String, _ name: Name) throws -> String {
        try requireExisting(connection, [(.evidence, name.evidence)])
        return try insertUnder(connection, "person", person, """
            insert into inquest.person_name (case_id, person_id, name, given_name, family_name, kind, script, language,
                                             source_note, evidence_id)
            select p.case_id, p.id, $2, $3, $4, $5,
                   coalesce($6, case when inquest_private.has_arabic_script($2) then 'persian' else 'latin' end), $7, $8,
                   (select e.id from inquest.evidence e where e.key = $9)
            from inquest.person p where p.key = $1
            returning key
            """, [person, name.full, name.given, name.family, name.kind, name.script, name.language, name.source, name.evidence])
    }

    private func insertRole(_ connection: Connection, person: String, _ role: String) throws -> String {
        try insertUnder(connection, "person", person, """
            insert into inquest.person_role (case_id, person_id, role)
            select case_id, id, $2 from inquest.person where key = $1
            returning key
            """, [person, role])
    }
}
