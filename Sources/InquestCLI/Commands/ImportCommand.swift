import ArgumentParser
import Foundation
import Inquest

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load a list of persons, evidence, events, positions or links into a case: every problem reported by line, and nothing written unless the whole file is clean.",
        discussion: "CSV (RFC 4180, UTF-8, a header row naming the columns, in any order) or JSON Lines (one object per line, members named like the columns). An empty CSV field is absent; \"\" is the empty string. Values must be at most 1 MiB. Each kind's columns are listed under ARGUMENTS below.")

    @OptionGroup var global: GlobalOptions
    // The kinds' columns are described here, not in `configuration`: every command's start
    // reads every command's configuration, and building the five kinds cost each about 3%
    // of its start; this help is built only when `import` itself is parsed.
    @Argument(help: ArgumentHelp(
        "What the file holds.",
        discussion: ImportKind.all.map { kind in
            kind.name + ":\n" + kind.columns.map { "  " + $0.name + ": " + $0.help }.joined(separator: "\n")
        }.joined(separator: "\n\n"),
        valueName: ImportKind.all.map(\.name).joined(separator: "|")))
    var kind: String
    @Argument(help: "The file (.csv, or .jsonl / .ndjson for JSON Lines).", completion: .file()) var file: String
    @Option(name: .customLong("case"), help: "Case key or reference.") var caseReference: String
    @Option(help: "csv or jsonl (default: by the file's extension).") var inputFormat: String?
    @Option(help: "Persons that may already be in the case: fail (report them), skip (leave them out) or link (add the names to the person found).")
    var onDuplicate: String = "fail"
    @Flag(help: "Check and load everything, then roll back: nothing is written.") var dryRun = false

    func validate() throws {
        guard ImportKind.named(kind) != nil else {
            throw ValidationError("kind: \"\(kind)\" is not one of \(ImportKind.all.map(\.name).joined(separator: ", "))")
        }
        guard CaseImport.OnDuplicate(rawValue: onDuplicate) != nil else {
            throw ValidationError("--on-duplicate: \"\(onDuplicate)\" is not one of fail, skip, link")
        }
        if let inputFormat, CaseImport.Format(rawValue: inputFormat) == nil {
            throw ValidationError("--input-format: \"\(inputFormat)\" is not one of csv, jsonl")
        }
    }

    func run() throws {
        let bar = ProgressBar()
        try global.run { session in
            defer { bar?.finish() }
            let summary = try session.write { transaction in try CaseImport(transaction).run(
                ImportKind.named(kind)!, file: URL(fileURLWithPath: file), format: inputFormat.flatMap(CaseImport.Format.init(rawValue:)),
                case: caseReference, onDuplicate: CaseImport.OnDuplicate(rawValue: onDuplicate)!, dryRun: dryRun,
                progress: bar.map { bar in { bar.show($0) } }) }
            var counts = summary.counts
            counts.columns += ["records", "seconds", "dry_run"]
            counts.rows = counts.rows.map { $0 + [.integer(Int64(summary.records)), .number(String(format: "%.2f", summary.seconds)), .bool(summary.dryRun)] }
            // One import, one result: an object in JSON (a table keeps its one-row list).
            if global.format == .json { Output.print(record: counts, as: .json) } else { Output.print(counts, as: global.format) }
        }
    }
}

/// Rows, rows per second and time left, on one line of standard error (a terminal only).
final class ProgressBar {
    private let started = Date()
    private var last = Date.distantPast

    init?() {
        guard isatty(STDERR_FILENO) == 1 else { return nil }
    }

    func show(_ progress: CaseImport.Progress) {
        let now = Date()
        guard progress.phase != "reading" || now.timeIntervalSince(last) > 0.1 else { return }
        last = now
        let elapsed = max(now.timeIntervalSince(started), 0.001)
        let fraction = progress.totalBytes > 0 ? min(1, Double(progress.bytes) / Double(progress.totalBytes)) : 0
        let width = 30
        let filled = Int(fraction * Double(width))
        let rate = Double(progress.records) / elapsed
        let eta = fraction > 0 ? elapsed / fraction - elapsed : 0
        let line = String(format: "%@ [%@%@] %3.0f%% %d rows  %.0f rows/s  ETA %.0fs ",
                          progress.phase.padding(toLength: 8, withPad: " ", startingAt: 0),
                          String(repeating: "#", count: filled), String(repeating: " ", count: width - filled),
                          fraction * 100, progress.records, rate, progress.phase == "reading" ? eta : 0)
        Output.progress(line)
    }

    func finish() {
        Output.progressDone()
    }
}
