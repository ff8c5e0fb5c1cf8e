import Foundation
import Postgres

/// Loads a list (CSV or JSON Lines) into a case: all of it, or nothing.
///
/// One transaction: the file streams through COPY into a temporary table while its
/// structure and value types are checked; then the table's own rules (read from the
/// catalog by `inquest.import_problems`), references and possible duplicates are checked
/// over all rows at once; every problem is reported by line, and only a clean file is
/// loaded, with one INSERT ... SELECT per table. Row-level security applies as to any
/// write, and the audit triggers record every row (one statement per table).
public struct CaseImport {
    let connection: Connection

    /// Runs in the caller's unit of work (`Session.read` or `Session.write` hands it over).
    public init(_ transaction: Transaction) { connection = transaction.connection }

    public enum Format: String, Sendable, CaseIterable {
        case csv, jsonl

        /// By file name: `.jsonl`/`.ndjson` is JSON Lines, anything else CSV.
        public init(path: String) {
            self = path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson") ? .jsonl : .csv
        }
    }

    public enum OnDuplicate: String, Sendable, CaseIterable {
        /// Report possible duplicates as problems; load nothing.
        case fail
        /// Leave out the persons that may already be in the case.
        case skip
        /// Add their names (as aliases) and roles to the person already in the case.
        case link
    }

    public struct Progress: Sendable {
        public var phase: String
        public var records: Int
        public var bytes: Int
        public var totalBytes: Int
    }

    public struct Summary: Sendable {
        public var counts: RecordSet
        public var records: Int
        public var seconds: Double
        public var dryRun: Bool
    }

    /// The most problems listed; the count of the rest is given.
    static let problemLimit = 100

    /// Imports `file` into case `reference`.
    /// - Parameter dryRun: check and load everything, then roll back: the summary says
    ///   what would be loaded, and nothing is written.
    /// - Throws: `.invalidInput` listing every problem (by line), and nothing is written.
    public func run(_ kind: ImportKind, file: URL, format: Format? = nil, case reference: String,
                    onDuplicate: OnDuplicate = .fail, dryRun: Bool = false,
                    progress: ((Progress) -> Void)? = nil) throws -> Summary {
        let started = Date()
        guard let handle = try? FileHandle(forReadingFrom: file) else {
            throw InquestError(.invalidInput, "file: cannot read \(file.path)", field: "file", rule: "import_file_readable")
        }
        defer { try? handle.close() }
        let totalBytes = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
        let format = format ?? Format(path: file.path)
        // A dry run loads in a savepoint of the caller's transaction and rolls it back.
        func load() throws -> Summary {
            // Compiling the staging queries (planned before their tables have statistics)
            // costs far more than running them.
            try connection.execute("set local jit = off")
            try connection.execute(ImportKind.settings)
            try requireOne(connection.execute("""
                insert into pg_temp.import_settings (case_id, on_duplicate)
                select id, $2 from inquest."case" where id = inquest.case_id_of($1)
                """, [reference, onDuplicate.rawValue]), "case", reference)
            try connection.execute(kind.stage)

            var stream = ImportStream(kind: kind, handle: handle, format: format)
            var count = 0
            try connection.copyIn(kind.copy) { writer in
                while let row = try stream.next() {
                    count += 1
                    // Rows with a bad value still go in (the value as NULL), so that
                    // the database's checks of the other fields are reported too.
                    if !stream.malformed { try writer.write(bytes: row) }
                    if count % 2000 == 0 {
                        progress?(Progress(phase: "reading", records: count, bytes: stream.bytesRead, totalBytes: totalBytes))
                    }
                }
            }
            progress?(Progress(phase: "checking", records: count, bytes: totalBytes, totalBytes: totalBytes))
            if stream.malformed {
                throw Self.failure(file, stream.problems, more: stream.uncounted)
            }

            for statement in kind.prepare { try connection.execute(statement) }
            try connection.executeScript("alter table pg_temp.import_rows add primary key (line); analyze pg_temp.import_rows")
            // A value refused on reading is NULL in the table: drop the database's
            // "required" for it, which would only repeat the problem.
            let refused = Set(stream.problems.map { "\($0.line) \($0.field ?? "")" })
            let problems = (stream.problems + (try checks(kind, connection, header: stream.header))
                .filter { !refused.contains("\($0.line) \($0.field ?? "")") })
                .sorted { ($0.line, $0.column ?? 0) < ($1.line, $1.column ?? 0) }
            if !problems.isEmpty {
                throw Self.failure(file, problems.prefix(Self.problemLimit),
                                   more: max(0, problems.count - Self.problemLimit) + stream.uncounted)
            }

            progress?(Progress(phase: "loading", records: count, bytes: totalBytes, totalBytes: totalBytes))
            for statement in kind.load { try connection.execute(statement) }
            let summary = Summary(counts: try records(connection, kind.summary), records: count, seconds: Date().timeIntervalSince(started), dryRun: dryRun)
            return summary
        }
        guard dryRun else { return try load() }
        do {
            return try connection.withTransaction { _ in throw DryRun(summary: try load()) }
        } catch let dryRun as DryRun {
            return dryRun.summary
        }
    }

    /// Thrown out of the transaction to roll a dry run back.
    private struct DryRun: Error { var summary: Summary }

    /// Every problem the database finds in the staged rows, by line.
    private func checks(_ kind: ImportKind, _ connection: Connection, header: [String]) throws -> [ImportProblem] {
        var found: [ImportProblem] = []
        func collect(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws {
            for row in try connection.query(sql, parameters) {
                let field: String? = try row.decode(String?.self, at: 1)
                found.append(ImportProblem(line: try row.decode(Int.self, at: 0), column: field.flatMap { column(of: $0, in: header) },
                                           field: field.map { displayName($0, header) }, rule: try row.decode(String.self, at: 2),
                                           message: try row.decode(String.self, at: 3)))
            }
        }
        for sql in kind.checks { try collect("select * from (" + sql + ") p limit 1001") }
        for target in kind.targets {
            try collect("select * from inquest.import_problems($1::regclass, $2::regclass) limit 1001", [target.staging, target.table])
        }
        return found
    }

    /// A resolved reference column (`person_id`) is reported as the file's column
    /// (`person`), an item of a list (`role`) as the list (`roles`).
    private func displayName(_ field: String, _ header: [String]) -> String {
        if field.hasSuffix("_id"), header.contains(String(field.dropLast(3))) { return String(field.dropLast(3)) }
        if !header.contains(field), header.contains(field + "s") { return field + "s" }
        return field
    }

    private func column(of field: String, in header: [String]) -> Int? {
        let name = displayName(field, header)
        return header.firstIndex(of: name).map { $0 + 1 }
    }

    static func failure(_ file: URL, _ problems: some Collection<ImportProblem>, more: Int) -> InquestError {
        var message = "\(file.lastPathComponent): \(problems.count + more) problem\(problems.count + more == 1 ? "" : "s"); nothing was imported"
        for problem in problems { message += "\n  " + problem.description }
        if more > 0 { message += "\n  … and \(more) more" }
        // Each problem names its own field and rule.
        return InquestError(.invalidInput, message)
    }
}

/// Reads an import file record by record and turns each into one line of COPY text
/// format, in the kind's column order, checking the structure and the value types on
/// the way. Problems are collected (up to a limit, then counted), never thrown, so that
/// one run reports them all.
struct ImportStream {
    let kind: ImportKind
    private var csv: CSVReader?
    private var jsonl: JSONLinesReader?
    /// The file's columns (CSV: the header; JSON Lines: the kind's columns).
    private(set) var header: [String] = []
    /// For each file column, its position among the kind's columns.
    private var positions: [Int?] = []
    private(set) var problems: [ImportProblem] = []
    private(set) var uncounted = 0
    /// A problem of the file's structure (not just a refused value): its rows cannot be
    /// trusted to be what they seem, so they are not checked further.
    private(set) var malformed = false

    init(kind: ImportKind, handle: FileHandle, format: CaseImport.Format) {
        self.kind = kind
        switch format {
        case .csv: csv = CSVReader(handle)
        case .jsonl:
            jsonl = JSONLinesReader(handle, columns: kind.columns.map(\.name))
            header = kind.columns.map(\.name)
            positions = kind.columns.indices.map { $0 }
        }
    }

    var bytesRead: Int { csv?.bytesRead ?? jsonl?.bytesRead ?? 0 }

    private mutating func report(_ problem: ImportProblem) {
        if !Refusal.rules.contains(problem.rule) { malformed = true }
        if problems.count < CaseImport.problemLimit { problems.append(problem) } else { uncounted += 1 }
    }

    private mutating func report(_ found: [ImportProblem]) {
        for problem in found { report(problem) }
    }

    /// The next record as a COPY line, or nil at the end of the file.
    mutating func next() throws -> [UInt8]? {
        var found: [ImportProblem] = []
        defer { report(found) }
        if csv != nil && header.isEmpty {
            guard let first = csv!.next(&found) else {
                found.append(ImportProblem(line: 1, column: nil, field: nil, rule: "csv_header", message: "the file is empty: a header row is needed"))
                return nil
            }
            readHeader(first, &found)
        }
        var record: SourceRecord?
        if csv != nil { record = csv!.next(&found) } else { record = jsonl!.next(&found) }
        guard let record else {
            if jsonl != nil && jsonl!.bytesRead == 0 {
                found.append(ImportProblem(line: 1, column: nil, field: nil, rule: "jsonl_empty", message: "the file is empty"))
            }
            return nil
        }
        if record.fields.count != header.count {
            found.append(ImportProblem(line: record.line, column: nil, field: nil, rule: "csv_column_count",
                                       message: "\(record.fields.count) fields, but the header has \(header.count)"))
            return []
        }
        var values = [String?](repeating: nil, count: kind.columns.count)
        for (index, value) in record.fields.enumerated() {
            guard let position = positions[index] else { continue }
            values[position] = value
        }
        var line: [UInt8] = []
        line.reserveCapacity(256)
        line.append(contentsOf: String(record.line).utf8)
        for (position, column) in kind.columns.enumerated() {
            line.append(0x09)
            guard let value = values[position] else { line.append(contentsOf: [0x5C, 0x4E]); continue }   // \N
            switch Self.convert(value, column.type) {
            case .success(let text): Self.appendEscaped(text.utf8, to: &line)
            case .failure(let rule):
                found.append(ImportProblem(line: record.line, column: csv != nil ? header.firstIndex(of: column.name).map { $0 + 1 } : nil,
                                           field: column.name, rule: rule.rule, message: rule.message(value)))
                line.append(contentsOf: [0x5C, 0x4E])
            }
        }
        line.append(0x0A)
        return line
    }

    private mutating func readHeader(_ record: SourceRecord, _ found: inout [ImportProblem]) {
        header = record.fields.map { ($0 ?? "").trimmingCharacters(in: .whitespaces).lowercased() }
        let known = kind.columns.map(\.name)
        var seen: Set<String> = []
        for (index, name) in header.enumerated() {
            if !known.contains(name) {
                found.append(ImportProblem(line: record.line, column: index + 1, field: name, rule: "import_known_column",
                                           message: "unknown column \"\(name)\"; accepted: \(known.joined(separator: ", "))"))
            } else if !seen.insert(name).inserted {
                found.append(ImportProblem(line: record.line, column: index + 1, field: name, rule: "import_known_column",
                                           message: "column \"\(name)\" appears twice"))
            }
        }
        for name in kind.required where !header.contains(name) {
            found.append(ImportProblem(line: record.line, column: nil, field: name, rule: "import_required_column",
                                       message: "the header has no column \"\(name)\", which \(kind.name) need"))
        }
        positions = header.map { known.firstIndex(of: $0) }
    }

    struct Refusal: Error {
        static let rules: Set<String> = ["import_boolean", "import_integer", "import_nul"]
        var rule: String
        var expected: String
        func message(_ value: String) -> String { "\"\(value.prefix(80))\" is not \(expected)" }
    }

    /// A value as COPY text for its column type (arrays as array literals).
    static func convert(_ value: String, _ type: ImportKind.ValueType) -> Result<String, Refusal> {
        if value.utf8.contains(0) { return .failure(Refusal(rule: "import_nul", expected: "text without NUL bytes")) }
        switch type {
        case .text:
            return .success(value)
        case .boolean:
            switch value.trimmingCharacters(in: .whitespaces).lowercased() {
            case "true", "t", "yes", "y", "1": return .success("t")
            case "false", "f", "no", "n", "0": return .success("f")
            default: return .failure(Refusal(rule: "import_boolean", expected: "true or false (yes/no, 1/0)"))
            }
        case .integer:
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            guard let number = Int64(trimmed) else { return .failure(Refusal(rule: "import_integer", expected: "a whole number")) }
            return .success(String(number))
        case .list:
            let items = value.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let quoted = items.map { item in
                "\"" + item.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
            }
            return .success("{" + quoted.joined(separator: ",") + "}")
        }
    }

    /// COPY text format: backslash, tab, newline and carriage return escaped.
    static func appendEscaped(_ bytes: some Sequence<UInt8>, to line: inout [UInt8]) {
        for byte in bytes {
            switch byte {
            case 0x5C: line.append(0x5C); line.append(0x5C)
            case 0x09: line.append(0x5C); line.append(UInt8(ascii: "t"))
            case 0x0A: line.append(0x5C); line.append(UInt8(ascii: "n"))
            case 0x0D: line.append(0x5C); line.append(UInt8(ascii: "r"))
            default: line.append(byte)
            }
        }
    }
}
