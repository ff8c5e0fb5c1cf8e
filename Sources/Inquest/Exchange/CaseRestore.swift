import Crypto
import Foundation
import Postgres

/// Loads an export (`CaseExport`) back: every record with its key, times and state, in
/// one transaction, after checking each file against the manifest's SHA-256 and count.
/// For administrators, into a database that does not hold the case (nor its record ids);
/// every restored row is audited as an insert by the restoring administrator.
public struct CaseRestore {
    let connection: Connection

    /// Runs in the caller's unit of work (`Session.read` or `Session.write` hands it over).
    public init(_ transaction: Transaction) { connection = transaction.connection }

    /// - Returns: the records restored per kind, in load order.
    public func restore(from directory: URL) throws -> RecordSet {
        let manifestURL = directory.appending(path: "manifest.json")
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        guard let data = try? Data(contentsOf: manifestURL) else {
            throw InquestError(.invalidInput, "directory: no manifest.json in \(directory.path)", field: "directory", rule: "restore_manifest")
        }
        let manifest: CaseExport.Manifest
        do {
            manifest = try decoder.decode(CaseExport.Manifest.self, from: data)
        } catch {
            throw InquestError(.invalidInput, "manifest.json is not an Inquest export manifest (\(error))", field: "manifest", rule: "restore_manifest")
        }
        guard manifest.format == "inquest-case-export v1" else {
            throw InquestError(.invalidInput, "manifest.json: format \"\(manifest.format)\" is not inquest-case-export v1", field: "format", rule: "restore_manifest")
        }
        let files = Dictionary(manifest.files.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var rows: [[FieldValue]] = []
        try connection.execute("set local inquest.restore = on")
        try connection.execute("set local jit = off")
        let existing = try records(connection, #"select key from inquest."case" where reference = $1"#, [manifest.caseReference])
        if !existing.isEmpty {
            throw InquestError(.conflict, "case \(manifest.caseReference) is already in this database (as \(existing.key))",
                               field: "case", rule: "case_reference_unique")
        }
        try connection.execute("create temp table inquest_restore (line bigint, doc jsonb) on commit drop")
        for table in CaseExport.tables {
            guard let expected = files[table.name + ".jsonl"] else {
                if CaseExport.addedSinceFirstFormat.contains(table.name) { continue }
                throw InquestError(.invalidInput, "manifest.json lists no \(table.name).jsonl", field: "manifest", rule: "restore_manifest")
            }
            try connection.execute("truncate pg_temp.inquest_restore")
            let count = try stage(directory.appending(path: expected.name), expected, connection)
            let restored = try connection.query("select inquest.restore_rows($1::regclass) as n",
                                                [table.name == "case" ? #"inquest."case""# : "inquest." + table.name])
                .first?.decode(Int.self, "n") ?? 0
            guard restored == count else {
                throw InquestError(.internal, "\(table.name): \(count) records read, but \(restored) restored")
            }
            rows.append([.string(table.name), .integer(Int64(restored))])
        }
        return RecordSet(columns: ["kind", "records"], rows: rows)
    }

    /// Copies one export file into the staging table, hashing it on the way.
    private func stage(_ url: URL, _ expected: CaseExport.Manifest.File, _ connection: Connection) throws -> Int {
        guard let handle = try? FileHandle(forReadingFrom: url) else {
            throw InquestError(.invalidInput, "cannot read \(url.path)", field: "directory", rule: "restore_manifest")
        }
        defer { try? handle.close() }
        var bytes = ByteReader(handle)
        var hasher = SHA256()
        var count = 0
        var pending: [UInt8] = []
        try connection.copyIn("copy pg_temp.inquest_restore (line, doc) from stdin") { writer in
            var line: [UInt8] = []
            func send() throws {
                count += 1
                hasher.update(data: line)
                hasher.update(data: [0x0A])
                pending.removeAll(keepingCapacity: true)
                pending.append(contentsOf: String(count).utf8)
                pending.append(0x09)
                ImportStream.appendEscaped(line, to: &pending)
                pending.append(0x0A)
                try writer.write(bytes: pending)
                line.removeAll(keepingCapacity: true)
            }
            while let byte = bytes.next() {
                if byte == 0x0A { try send() } else { line.append(byte) }
            }
            if !line.isEmpty { try send() }
        }
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        guard digest == expected.sha256, count == expected.records else {
            throw InquestError(.verificationFailed,
                               "\(expected.name): \(count) records with SHA-256 \(digest), but the manifest says \(expected.records) with \(expected.sha256); nothing was restored",
                               field: expected.name, rule: "restore_file_hash")
        }
        return count
    }
}
