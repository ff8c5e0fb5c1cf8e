import ArgumentParser
import Foundation
import Inquest

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a whole case as JSON Lines per kind of record, with a manifest (counts, SHA-256, schema version).",
        discussion: "Files: case.jsonl, person.jsonl, person_name.jsonl, … and manifest.json. One snapshot; only what you may read. Protected identities are never exported.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("case"), help: "Case key or reference.") var caseReference: String
    @Option(help: "Directory to write (created if needed).", completion: .directory) var out: String
    @Flag(help: "Leave out every field the schema marks SENSITIVE (places, interpreters, sources' names …).") var redact = false
    @Option(help: "Why the case is exported (recorded in the audit trail).") var reason: String?

    func run() throws {
        try global.run { session in
            try ReadAudit(session).record(.export, caseReference, reason: reason)
            let manifest = try session.read { transaction in try CaseExport(transaction).export(case: caseReference, to: URL(fileURLWithPath: out), redact: redact) }
            let total = manifest.files.reduce(0) { $0 + $1.records }
            Output.writeError("exported \(total) records in \(manifest.files.count) files to \(out)\n")
        }
    }
}
