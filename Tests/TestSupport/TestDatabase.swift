import Foundation
import Postgres

/// Where the tests' PostgreSQL is, as set up by `Scripts/test.sh`:
/// - `PGHOST`, `PGPORT`, `PGUSER`: a superuser on a throwaway cluster;
/// - `INQUEST_TEST_TEMPLATE`: a database with every schema file applied, cloned per test;
/// - `INQUEST_BIN`: the built `inquest` executable.
public enum TestEnvironment {
    public static var environment: [String: String] { ProcessInfo.processInfo.environment }

    public static var templateName: String {
        guard let name = environment["INQUEST_TEST_TEMPLATE"] else {
            fatalError("INQUEST_TEST_TEMPLATE is not set: run the tests with Scripts/test.sh, which starts PostgreSQL")
        }
        return name
    }

    public static var binary: URL {
        guard let path = environment["INQUEST_BIN"] else {
            fatalError("INQUEST_BIN is not set: run the tests with Scripts/test.sh")
        }
        return URL(fileURLWithPath: path)
    }

    /// A connection as the cluster's superuser to the maintenance database.
    public static func superuser(database: String = "postgres") throws -> Connection {
        try Connection.connect(ConnectionConfiguration(conninfo: "dbname=\(database)"))
    }

    /// A name no other test (or earlier run) uses.
    public static func uniqueName(_ prefix: String) -> String {
        "\(prefix)_\(UUID().uuidString.prefix(8).lowercased())"
    }
}

/// A fresh database for one test.
public struct TestDatabase: Sendable {
    public let name: String

    /// A copy of the migrated template (`empty: false`) or an empty database (`empty: true`).
    public init(empty: Bool = false) throws {
        name = TestEnvironment.uniqueName("t")
        let admin = try TestEnvironment.superuser()
        let template = empty ? "template0" : TestEnvironment.templateName
        // Identifiers cannot be parameters; both names are ours, quoted by libpq anyway.
        try admin.execute("create database \(try admin.quoteIdentifier(name)) template \(try admin.quoteIdentifier(template))")
    }

    /// `dbname=…` conninfo for this database, with the environment's host, port and user.
    public var conninfo: String { "dbname=\(name)" }

    public func connect(user: String? = nil, password: String? = nil) throws -> Connection {
        var conninfo = self.conninfo
        if let user { conninfo += " user=\(user)" }
        if let password { conninfo += " password=\(password)" }
        return try Connection.connect(ConnectionConfiguration(conninfo: conninfo))
    }

    /// Connects as the superuser.
    public func superuser() throws -> Connection { try connect() }
}
