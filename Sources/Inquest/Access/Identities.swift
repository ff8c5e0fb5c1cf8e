import Postgres

/// The real identities of protected persons: written and read only through the schema's
/// functions, which require clearance and assignment and audit every reveal.
public struct Identities {
    let connection: Connection

    /// Runs in the caller's unit of work (`Session.read` or `Session.write` hands it over).
    public init(_ transaction: Transaction) { connection = transaction.connection }

    /// Records (or replaces) a protected person's real identity. - Returns: its key (`PI-n`).
    public func set(person: String, realName: String, contact: String?, notes: String?) throws -> String {
        try connection.query("select inquest.set_protected_identity($1, $2, $3, $4) as key", [person, realName, contact, notes])
            .first?.decode(String.self, "key") ?? ""
    }

    /// Reveals a protected person's identity to a cleared, assigned user, in two transactions:
    /// the first records the reveal (or its refusal) with the reason and commits it; only then
    /// does the second read the identity, with the single-use grant the first returned. So the
    /// record exists whatever happens to the read (`Schema/0012_reveal_audit.sql`).
    /// - Throws: `InquestError` `.permissionDenied` when refused (the refusal is on record, and
    ///   reads the same whether the key is another case's, an unprotected person's or nobody's),
    ///   `.notFound` when the person has no identity recorded yet.
    /// It takes the session, not a transaction: its guarantee is the first commit.
    public static func reveal(_ session: Session, person: String, reason: String) throws -> RecordSet {
        let request = try session.write { transaction in
            try transaction.connection.query("select granted, grant_id::text as grant_id, message from inquest.request_reveal($1, $2)",
                                 [person, reason]).first
        }
        guard let request, try request.decode(Bool.self, "granted"), let grant = try request.decode(String?.self, "grant_id") else {
            let message = try request?.decode(String?.self, "message") ?? nil
            throw InquestError(.permissionDenied, message ?? "not permitted to reveal this identity", rule: "reveal_cleared_and_assigned")
        }
        return try session.write { transaction in
            try requireRecord(records(transaction.connection, "select * from inquest.reveal_identity($1, $2::uuid)", [person, grant]),
                              "protected identity of", person)
        }
    }
}
