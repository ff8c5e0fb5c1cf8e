import Crypto
import Foundation
import Postgres

/// Writes a whole case out as JSON Lines, one file per kind of record, plus a manifest
/// (counts and SHA-256 of each file, schema version, when and by whom). Read in one
/// snapshot, under the caller's row-level security; protected identities are never
/// exported (nobody can read them but through an audited reveal).
public struct CaseExport {
    let connection: Connection

    /// Runs in the caller's unit of work (`Session.read` or `Session.write` hands it over).
    public init(_ transaction: Transaction) { connection = transaction.connection }

    public struct Manifest: Codable, Sendable {
        public struct File: Codable, Sendable {
            public var name: String
            public var records: Int
            public var sha256: String
        }
        public var format: String
        public var caseReference: String
        public var schemaVersion: Int
        public var exportedAt: Date
        public var exportedBy: String
        /// Columns the schema marks SENSITIVE were left out (`--redact`).
        public var redacted: Bool
        public var files: [File]
    }

    /// Every kind of record, parents first, each as one row-to-JSON per line, in key order.
    /// The case to export is a setting local to the transaction (`inquest.export_case`,
    /// set from the case's id as the caller sees it): COPY takes no parameters.
    static let tables: [(name: String, sql: String)] = [
        ("case", #"copy (select row_to_json(t)::text from inquest."case" t where t.id = current_setting('inquest.export_case')::bigint order by t.id) to stdout (format binary)"#),
        ("evidence", "copy (select row_to_json(t)::text from inquest.evidence t where t.case_id = current_setting('inquest.export_case')::bigint order by t.id) to stdout (format binary)"),
        ("custody_entry", "copy (select row_to_json(t)::text from inquest.custody_entry t where t.case_id = current_setting('inquest.export_case')::bigint order by t.id) to stdout (format binary)"),
        ("evidence_fact", "copy (select row_to_json(t)::text from inquest.evidence_fact t where t.case_id = current_setting('inquest.export_case')::bigint order by t.id) to stdout (format binary)"),
        ("person", "copy (select row_to_json(t)::text from inquest.person t where t.case_id = current_setting('inquest.export_case')::bigint order by t.id) to stdout (format binary)"),
        ("person_distinct", "copy (select row_to_json(t)::text from inquest.person_distinct t where t.case_id = current_setting('inquest.export_case')::bigint order by t.id) to stdout (format binary)"),
        // Without the search keys (folded spellings, skeletons): derived from `name`, recomputed
        // on restore, and not readable by investigators (Schema/0011).
        ("person_name", """
            copy (select row_to_json(t)::text from (select n.id, n.key, n.case_id, n.person_id, n.name, n.given_name, n.family_name, \
            n.kind, n.script, n.language, n.evidence_id, n.source_note, n.created_at, n.updated_at from inquest.person_name n \
            where n.case_id = current_setting('inquest.export_case')::bigint) t order by t.id) to stdout (format binary)
            """),
        ("person_role", "copy (select row_to_json(t)::text from inquest.person_role t where t.case_id = current_setting('inquest.export_case')::bigint order by t.id) to stdout (format binary)"),
        ("position", "copy (select row_to_json(t)::text from inquest.position t where t.case_id = current_setting('inquest.export_case')::bigint order by t.id) to stdout (format binary)"),
        ("summons", "copy (select row_to_json(t)::text from inquest.summons t where t.case_id = current_setting('inquest.export_case')::bigint order by t.id) to stdout (format binary)"),
        ("disclosure_request", "copy (select row_to_json(t)::text from inquest.disclosure_request t where t.case_id = current_setting('inquest.export_case')::bigint order by t.id) to stdout (format binary)"),
        ("testimony_session", "copy (select row_to_json(t)::text from inquest.testimony_session t where t.case_id = current_setting('inquest.export_case')::bigint order by t.id) to stdout (format binary)"),
        ("transcript_segment", "copy (select row_to_json(t)::text from inquest.transcript_segment t where t.case_id = current_setting('inquest.export_case')::bigint order by t.id) to stdout (format binary)"),
        ("disclosure_response", "copy (select row_to_json(t)::text from inquest.disclosure_response t where t.case_id = current_setting('inquest.export_case')::bigint order by t.id) to stdout (format binary)"),
        ("event", "copy (select row_to_json(t)::text from inquest.event t where t.case_id = current_setting('inquest.export_case')::bigint order by t.id) to stdout (format binary)"),
        ("event_participant", "copy (select row_to_json(t)::text from inquest.event_participant t where t.case_id = current_setting('inquest.export_case')::bigint order by t.id) to stdout (format binary)"),
        ("statement", "copy (select row_to_json(t)::text from inquest.statement t where t.case_id = current_setting('inquest.export_case')::bigint order by t.id) to stdout (format binary)"),
        ("evidence_link", "copy (select row_to_json(t)::text from inquest.evidence_link t where t.case_id = current_setting('inquest.export_case')::bigint order by t.id) to stdout (format binary)"),
        // The live testimony log, after the segments and evidence links its lines point to.
        ("testimony_log_line", "copy (select row_to_json(t)::text from inquest.testimony_log_line t where t.case_id = current_setting('inquest.export_case')::bigint order by t.id) to stdout (format binary)"),
        ("correspondence", "copy (select row_to_json(t)::text from inquest.correspondence t where t.case_id = current_setting('inquest.export_case')::bigint order by t.id) to stdout (format binary)"),
    ]

    /// Kinds exported only since a later release: an export made before has no file for
    /// them, and restores as having none.
    static let addedSinceFirstFormat: Set<String> = ["testimony_log_line"]

    /// Exports case `reference` into `directory` (created if needed; existing export files
    /// are replaced).
    /// - Parameter redact: leave out every column the schema comments as SENSITIVE.
    public func export(case reference: String, to directory: URL, redact: Bool) throws -> Manifest {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let caseRow = try records(connection, """
            select pg_catalog.set_config('inquest.export_case', id::text, true) as case_id
            from inquest."case" where id = inquest.case_id_of($1)
            """, [reference])
        try requireOne(caseRow.rows.count, "case", reference)
        let sensitive = redact ? try sensitiveColumns(connection) : [:]
        // The schema this binary reads and writes (the ledger itself is the owner's).
        let version = Migration.schemaVersion
        var files: [Manifest.File] = []
        for table in Self.tables {
            files.append(try write(table, connection: connection, into: directory, dropping: sensitive[table.name] ?? []))
        }
        let manifest = Manifest(format: "inquest-case-export v1", caseReference: reference, schemaVersion: version,
                                exportedAt: Date(), exportedBy: connection.user, redacted: redact, files: files)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        encoder.keyEncodingStrategy = .convertToSnakeCase
        try encoder.encode(manifest).write(to: directory.appending(path: "manifest.json"), options: .atomic)
        return manifest
    }

    /// Columns whose comment in the schema starts with SENSITIVE, by table.
    private func sensitiveColumns(_ connection: Connection) throws -> [String: Set<String>] {
        var result: [String: Set<String>] = [:]
        for row in try connection.query("""
            select c.relname as table_name, a.attname as column_name
            from pg_catalog.pg_description d
            join pg_catalog.pg_class c on c.oid = d.objoid
            join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum = d.objsubid
            where c.relnamespace = 'inquest'::regnamespace and d.description like 'SENSITIVE%'
            """) {
            result[try row["table_name"], default: []].insert(try row["column_name"])
        }
        return result
    }

    /// Streams one table into `<name>.jsonl`, hashing as it writes.
    private func write(_ table: (name: String, sql: String), connection: Connection, into directory: URL,
                       dropping columns: Set<String>) throws -> Manifest.File {
        let url = directory.appending(path: table.name + ".jsonl")
        let handle = try openForWriting(url.path, field: "out")
        defer { try? handle.close() }
        var hasher = SHA256()
        var count = 0
        var buffer = Data()
        var stream = BinaryCopyRows()
        func flush() {
            hasher.update(data: buffer)
            handle.write(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
        _ = try translatingErrors {
            try connection.copyOut(table.sql) { chunk in
                try stream.feed(chunk) { fields in
                    guard let json = fields.first ?? nil else { return }
                    if columns.isEmpty {
                        buffer.append(contentsOf: json)
                    } else {
                        buffer.append(try Self.removing(columns, from: Data(json)))
                    }
                    buffer.append(0x0A)
                    count += 1
                    if buffer.count > 1 << 20 { flush() }
                }
            }
        }
        flush()
        return Manifest.File(name: table.name + ".jsonl", records: count, sha256: hasher.finalize().map { String(format: "%02x", $0) }.joined())
    }

    /// The same JSON object with the named members set to null (kept, so every line has the
    /// same members).
    static func removing(_ columns: Set<String>, from json: Data) throws -> Data {
        guard var object = try JSONSerialization.jsonObject(with: json) as? [String: Any] else { return json }
        for column in columns where object[column] != nil { object[column] = NSNull() }
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    }
}
