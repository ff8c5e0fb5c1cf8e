import Postgres

/// Read audit: accesses recorded as audit events (Schema/0017). Each record is committed in
/// its own transaction BEFORE the data is read, so that rolling back the read cannot take
/// the event with it.
public struct ReadAudit {
    let session: Session

    public init(_ session: Session) { self.session = session }

    public enum Access: String, Sendable {
        /// A record shown: recorded for a protected person, and for any record of a case with
        /// read audit on.
        case read
        /// A case exported (key: the case).
        case export
        /// A person's dossier written (key: the person).
        case dossier
    }

    /// Records an access to `key`. - Returns: whether an event was written.
    /// - Throws: `.notFound` when the record does not exist or is not visible to the caller.
    @discardableResult
    public func record(_ access: Access, _ key: String, reason: String? = nil) throws -> Bool {
        // Autocommit: one statement, committed when it returns, before anything is read.
        let logged = try translatingErrors {
            try session.connection.query("select inquest.record_access($1, $2, $3) as logged", [access.rawValue, key, reason])
                .first(where: { _ in true })?.decode(Bool.self, "logged") ?? false
        }
        // Seal only when there is something to seal (most shows record nothing).
        if logged && session.sealing == .afterEachWrite { try session.seal(wait: false) }
        return logged
    }

    /// Switches the recording of every read of case `reference`'s records on or off (admins).
    public func setCase(_ reference: String, enabled: Bool) throws {
        try session.write { transaction in
            try requireOne(transaction.connection.execute(#"update inquest."case" set read_audit = $2 where id = inquest.case_id_of($1)"#,
                                                          [reference, enabled]), "case", reference)
        }
    }
}
