import Postgres

/// People in a case: individuals to be summoned, witnesses, victims, relatives, sources;
/// each with any number of names and the posts they held.
public struct People {
    let session: Session

    public init(_ session: Session) { self.session = session }

    /// A name as a source gives it. `given` is nil when the given name is unknown.
    public struct Name: Sendable {
        public var full: String
        public var given: String?
        public var family: String?
        public var kind: String
        public var script: String?
        public var language: String?
        public var source: String?

        public init(full: String, given: String? = nil, family: String? = nil, kind: String = "primary",
                    script: String? = nil, language: String? = nil, source: String? = nil) {
            self.full = full
            self.given = given
            self.family = family
            self.kind = kind
            self.script = script
            self.language = language
            self.source = source
        }
    }

    /// Adds a person with a primary name and roles. - Returns: the person's key (`P-1`).
    public func add(case reference: String, name: Name, roles: [String], protected: Bool, note: String?) throws -> String {
        try session.write { connection in
            let key = try insertUnder(connection, "case", reference, """
                insert into inquest.person (case_id, protected, note)
                select id, $2, $3 from inquest."case" where key = $1 or reference = $1
                returning key
                """, [reference, protected, note])
            _ = try insertName(connection, person: key, name)
            for role in roles { _ = try insertRole(connection, person: key, role) }
            return key
        }
    }

    public func addName(person: String, _ name: Name) throws -> String {
        try session.write { connection in try insertName(connection, person: person, name) }
    }

    public func addRole(person: String, _ role: String) throws -> String {
        try session.write { connection in try insertRole(connection, person: person, role) }
    }

    /// Records a post held. Dates are partial-date text (`1988-12`, `1988-08-24?` …).
    public func addPosition(person: String, title: String, body: String?, place: String?,
                            from: String?, to: String?, source: String?) throws -> String {
        try session.write { connection in
            try insertUnder(connection, "person", person, """
                insert into inquest.position (case_id, person_id, title, body, place, held_from, held_to, source)
                select case_id, id, $2, $3, $4, $5, $6, $7 from inquest.person where key = $1
                returning key
                """, [person, title, body, place, from, to, source])
        }
    }

    public func list(case reference: String?, role: String?) throws -> RecordSet {
        try session.read { connection in
            try records(connection, """
                select p.key, c.reference as case, n.name, p.protected,
                       (select coalesce(array_agg(r.role order by r.role), '{}') from inquest.person_role r where r.person_id = p.id) as roles
                from inquest.person p
                join inquest."case" c on c.id = p.case_id
                left join inquest.person_name n on n.person_id = p.id and n.kind = 'primary'
                where ($1::text is null or c.key = $1 or c.reference = $1)
                  and ($2::text is null or exists (select 1 from inquest.person_role r where r.person_id = p.id and r.role = $2))
                order by p.id
                """, [reference, role])
        }
    }

    /// A person with names, roles and positions, read in one snapshot.
    public func show(_ person: String) throws -> (person: RecordSet, names: RecordSet, positions: RecordSet) {
        try session.read { connection in
            let person = try requireRecord(records(connection, """
                select p.key, c.reference as case, n.name, p.protected, p.note,
                       (select coalesce(array_agg(r.role order by r.role), '{}') from inquest.person_role r where r.person_id = p.id) as roles
                from inquest.person p join inquest."case" c on c.id = p.case_id
                left join inquest.person_name n on n.person_id = p.id and n.kind = 'primary'
                where p.key = $1
                """, [person]), "person", person)
            let names = try records(connection, """
                select n.key, n.name, n.given_name, n.family_name, n.kind, n.script, n.language, n.source
                from inquest.person_name n join inquest.person p on p.id = n.person_id
                where p.key = $1 order by n.kind <> 'primary', n.id
                """, [person.key])
            let positions = try records(connection, """
                select o.key, o.title, o.body, o.place, o.held_from, o.held_to, o.source
                from inquest.position o join inquest.person p on p.id = o.person_id
                where p.key = $1 order by o.held_from_lower nulls last, o.id
                """, [person.key])
            return (person, names, positions)
        }
    }

    public func update(_ person: String, note: String?, protected: Bool?) throws {
        try session.write { connection in
            try requireOne(connection.execute("""
                update inquest.person set note = coalesce($2, note), protected = coalesce($3, protected) where key = $1
                """, [person, note, protected]), "person", person)
        }
    }

    private func insertName(_ connection: Connection, person: String, _ name: Name) throws -> String {
        try insertUnder(connection, "person", person, """
            insert into inquest.person_name (case_id, person_id, name, given_name, family_name, kind, script, language, source)
            select case_id, id, $2, $3, $4, $5, coalesce($6, 'latin'), $7, $8 from inquest.person where key = $1
            returning key
            """, [person, name.full, name.given, name.family, name.kind, name.script, name.language, name.source])
    }

    private func insertRole(_ connection: Connection, person: String, _ role: String) throws -> String {
        try insertUnder(connection, "person", person, """
            insert into inquest.person_role (case_id, person_id, role)
            select case_id, id, $2 from inquest.person where key = $1
            returning key
            """, [person, role])
    }
}
