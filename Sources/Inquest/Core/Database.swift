import Postgres

/// Opens connections for the service layer and enforces the rules every session obeys.
public struct Database: Sendable {
    public var configuration: ConnectionConfiguration
    /// Let a superuser or `BYPASSRLS` role run commands (for setup only): such a role would
    /// silently skip row-level security. Default: false.
    public var allowSuperuser: Bool

    public init(configuration: ConnectionConfiguration = .fromEnvironment(), allowSuperuser: Bool = false) {
        self.configuration = configuration
        self.allowSuperuser = allowSuperuser
    }

    /// Opens a connection, refusing a role that bypasses row-level security unless allowed.
    /// - Throws: `InquestError` (`.unavailable`, or `.permissionDenied` for a superuser).
    public func connect() throws -> Connection {
        try translatingErrors {
            let connection = try Connection.connect(configuration)
            if !allowSuperuser {
                let row = try connection.query(
                    "select rolsuper or rolbypassrls as bypasses from pg_catalog.pg_roles where rolname = session_user"
                ).first
                if try row?.decode(Bool.self, "bypasses") ?? false {
                    throw InquestError(
                        .permissionDenied,
                        "role \"\(connection.user)\" is a superuser or has BYPASSRLS, which skips row-level security; "
                            + "connect as an Inquest user, or pass --allow-superuser for setup tasks")
                }
            }
            return connection
        }
    }
}
