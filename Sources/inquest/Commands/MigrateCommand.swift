import ArgumentParser
import Inquest

struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply the schema files built into this binary, in order.",
        discussion: "Each file runs in its own transaction and is recorded with its SHA-256; a file edited after it was applied is refused. Run as the database owner (usually with --allow-superuser)."
    )

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "List applied and pending schema files instead of applying them.")
    var status = false

    func run() throws {
        try runReportingErrors {
            let connection = try global.database.connect()
            let migrator = Migrator(connection: connection)
            if !status {
                let applied = try migrator.migrate()
                if global.format == .table {
                    Output.write(applied.isEmpty ? "schema is up to date\n" : applied.map { "applied \(String(format: "%04d", $0.version))_\($0.name)\n" }.joined())
                }
            }
            if status || global.format != .table {
                Output.print(try migrator.status(), as: global.format)
            }
        }
    }
}

extension Migrator.Status: Tabular {
    static var columns: [String] { ["version", "name", "state", "applied_at", "applied_by"] }
    var cells: [String] {
        [String(format: "%04d", version), name, state.rawValue, appliedAt.map { $0.formatted(.iso8601) } ?? "", appliedBy ?? ""]
    }
}
