import Postgres

/// Inquest users: PostgreSQL login roles in the Inquest groups, managed by admins through
/// the schema's functions (which check the caller, validate, and audit every change).
public struct Users {
    let connection: Connection

    /// Runs in the caller's unit of work (`Session.read` or `Session.write` hands it over).
    public init(_ transaction: Transaction) { connection = transaction.connection }

    /// Creates a login role. The password is turned into a SCRAM verifier here, so the
    /// plain text never reaches the server or its logs.
    public func add(_ name: String, role: String, cleared: Bool, password: String) throws {
        let verifier = try connection.scramVerifier(password: password, user: name)
        try connection.execute("select inquest_private.create_user($1, $2, $3, $4)", [name, role, cleared, verifier])
    }

    public func list() throws -> RecordSet {
        try records(connection, "select username, roles, cleared, can_login, created_at from inquest_private.list_users()")
    }

    public func grant(_ name: String, role: String) throws {
        try connection.execute("select inquest_private.grant_role($1, $2)", [name, role])
    }

    public func revoke(_ name: String, role: String) throws {
        try connection.execute("select inquest_private.revoke_role($1, $2)", [name, role])
    }

    /// Removes the right to log in; the role, its history and its audit trail stay.
    public func disable(_ name: String) throws {
        try connection.execute("select inquest_private.disable_user($1)", [name])
    }

    public func enable(_ name: String) throws {
        try connection.execute("select inquest_private.enable_user($1)", [name])
    }

    public func setPassword(_ name: String, password: String) throws {
        let verifier = try connection.scramVerifier(password: password, user: name)
        try connection.execute("select inquest_private.set_password($1, $2)", [name, verifier])
    }
}
