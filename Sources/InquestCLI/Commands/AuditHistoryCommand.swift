import ArgumentParser
import Foundation
import Inquest

/// `inquest audit history KEY`: every version of one record, oldest first.
struct AuditHistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Every version of one record, oldest first: who, when, which transaction, the fields changed (old and new).",
        discussion: "Any kind of record (P-3, TS-12, C-1 …); reads and reveals of it are listed too. Auditors and admins.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Record key, such as P-3.") var key: String

    func run() throws {
        try global.run { session in
            let versions = try History(session).versions(of: key)
            switch global.format {
            case .json: Output.writeExact(Output.json(versions))
            default: Output.print(History.table(versions), as: global.format)
            }
        }
    }
}

/// `audit log` output, with the next page's option on a terminal.
enum AuditLogPaging {
    /// The table a kind names: a key prefix (`P`, `TS`) or the table name itself.
    static func table(forKind kind: String) -> String {
        let prefixes = ["C": "case", "P": "person", "PN": "person_name", "PR": "person_role", "PO": "position", "S": "summons",
                        "D": "disclosure_request", "DR": "disclosure_response", "T": "testimony_session",
                        "TS": "transcript_segment", "TL": "testimony_log_line", "E": "evidence", "EC": "custody_entry",
                        "L": "evidence_link", "EV": "event", "EP": "event_participant", "ST": "statement", "A": "case_assignment"]
        return prefixes[kind.uppercased()] ?? kind
    }

    static func print(_ set: RecordSet, _ filter: Audit.Filter, as format: OutputFormat) {
        Output.print(set, as: format)
        guard set.rows.count == filter.limit, Output.isTerminal(STDERR_FILENO),
              case .integer(let first)? = set.rows.first?.first, case .integer(let last)? = set.rows.last?.first else { return }
        Output.writeError(filter.afterSeq != nil ? "more: --after \(last)\n" : "earlier: --before \(first)\n")
    }
}

/// `--as-of TIMESTAMP` of the `show` commands, and the read audit every `show` goes through.
struct AsOfOption: ParsableArguments {
    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "Show the record as it stood at this time, rebuilt from the audit trail (auditors and admins).", valueName: "timestamp"))
    var asOf: String?

    /// Runs a `show` of `key`: records the read first (committed before anything is read;
    /// Schema/0017), then prints the reconstruction as of `--as-of`, or runs `body`.
    func show(_ key: String, _ global: GlobalOptions, _ body: (Session) throws -> Void) throws {
        try global.run { session in
            try ReadAudit(session).record(.read, key)
            guard let asOf else { return try body(session) }
            let rebuilt = try Reconstruction.load(session, key: key, asOf: asOf)
            var shown = Sections([.init("reconstruction", rebuilt.about, single: true), .init(rebuilt.table, rebuilt.record, single: true)])
            if let transcript = rebuilt.transcript { shown.parts.append(.init("transcript", transcript)) }
            if global.format == .table {
                Output.write("reconstruction of \(rebuilt.key) as of \(rebuilt.asOf), from the audit trail up to event "
                    + "\(rebuilt.seq) (\(rebuilt.eventAt), \(rebuilt.eventActor))\n\n")
            }
            Output.print(shown, as: global.format)
        }
    }
}

/// `inquest case read-audit CASE on|off`.
struct CaseReadAuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read-audit",
        abstract: "Record every read of a case's records as an audit event (on), or only reads of protected persons (off). Admins.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Case key (C-1) or reference (IR-1988).") var `case`: String
    @Argument(help: "on or off.") var state: Switch

    enum Switch: String, ExpressibleByArgument, CaseIterable { case on, off }

    func run() throws {
        try global.run { session in try ReadAudit(session).setCase(`case`, enabled: state == .on) }
    }
}
