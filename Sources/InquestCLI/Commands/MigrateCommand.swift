import ArgumentParser
import Foundation
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
            let connection = try global.connect()
            let migrator = Migrator(connection: connection)
            if !status {
                let applied = try migrator.migrate()
                let repaired = try migrator.repair()
                if repaired > 0 {
                    FileHandle.standardError.write(Data(
                        "re-applied the session limits of \(repaired) user(s) in this database (pg_dump does not carry them)\n".utf8))
                }
                if global.format == .table {
                    Output.write(applied.isEmpty ? "schema is up to date\n" : applied.map { "applied \(String(format: "%04d", $0.version))_\($0.name)\n" }.joined())
                }
            }
            if status || global.format != .table {
                Output.print(RecordSet(try migrator.status()), as: global.format)
            }
        }
    }
}

extension RecordSet {
    init(_ statuses: [Migrator.Status]) {
        self.init(
            columns: ["version", "name", "state", "checksum", "applied_at", "applied_by"],
            rows: statuses.map { status in
                [.integer(Int64(status.version)), .string(status.name), .string(status.state.rawValue), .string(status.checksum),
                 status.appliedAt.map { .string($0.formatted(.iso8601)) } ?? .null, status.appliedBy.map(FieldValue.string) ?? .null]
            })
    }
}
