import Postgres

/// The real identities of protected persons: written and read only through the schema's
/// functions, which require clearance and assignment and audit every reveal.
public struct Identities {
    let session: Session

    public init(_ session: Session) { self.session = session }

    /// Records (or replaces) a protected person's real identity. - Returns: its key (`PI-n`).
    public func set(person: String, realName: String, contact: String?, notes: String?) throws -> String {
        try session.write { connection in
            try connection.query("select inquest.set_protected_identity($1, $2, $3, $4) as key", [person, realName, contact, notes])
                .first?.decode(String.self, "key") ?? ""
        }
    }

    /// Reveals a protected person's identity to a cleared, assigned user, with the reason
    /// recorded in the audit log. A write: the reveal itself is an audit event.
    public func reveal(person: String, reason: String) throws -> RecordSet {
        try session.write { connection in
            try requireRecord(records(connection, "select * from inquest.reveal_identity($1, $2)", [person, reason]),
                              "protected identity of", person)
        }
    }
}
