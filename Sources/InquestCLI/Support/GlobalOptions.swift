import ArgumentParser
import Inquest
import Postgres

/// Options every command accepts.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "PostgreSQL URL or conninfo string. Default: $INQUEST_DATABASE_URL, else libpq's PGHOST, PGUSER, PGDATABASE, PGSERVICE …",
        valueName: "url"))
    var databaseURL: String?

    @Option(name: .long, help: "Output format.")
    var format: OutputFormat = .table

    @Flag(name: .long, help: "Allow a superuser or BYPASSRLS role (setup only: such roles skip row-level security).")
    var allowSuperuser = false

    var database: Database {
        var configuration = ConnectionConfiguration.fromEnvironment()
        if let databaseURL { configuration.conninfo = databaseURL }
        configuration.applicationName = "inquest"
        return Database(configuration: configuration, allowSuperuser: allowSuperuser)
    }

    /// Opens a session and runs a command body with it, reporting errors the documented way.
    func run(_ body: (Session) throws -> Void) throws {
        try runReportingErrors { try body(Session(connection: try connect())) }
    }

    /// Opens the command's connection; SIGINT and SIGTERM cancel its running statement.
    func connect() throws -> Connection {
        let connection = try database.connect()
        Interrupts.watch(connection)
        return connection
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv

    // The values as help shows them, spelled out: the library's defaults reach them through
    // key paths and `String(describing:)`, whose type lookups every command paid at start
    // (every command has --format).
    static var allValueStrings: [String] { allCases.map { $0.rawValue } }
    static var allValueDescriptions: [String: String] { [:] }
    var defaultValueDescription: String { rawValue }
}
