import Foundation
import Inquest
import Postgres
import TestSupport

extension TestDatabase {
    /// A session as the superuser who owns the schema (tests of access rules use real
    /// Inquest users instead).
    func ownerSession() throws -> Session {
        Session(connection: try superuser())
    }

    /// A fresh migrated database with case IR-1988 and the given session.
    static func withCase() throws -> (TestDatabase, Session) {
        let database = try TestDatabase()
        let session = try database.ownerSession()
        _ = try session.write { transaction in try Cases(transaction).create(reference: "IR-1988", title: "Cover-up of the 1988 prison massacres", description: nil) }
        return (database, session)
    }
}

extension RecordSet {
    /// The text of `column` in row `row`, for assertions.
    func text(_ column: String, row: Int = 0) -> String? {
        guard let index = columns.firstIndex(of: column), rows.indices.contains(row) else { return nil }
        let value = rows[row][index]
        return value == .null ? nil : value.text
    }
}

extension TestDatabase {
    /// Creates an Inquest user through the service (as an admin would) and returns a session
    /// as that user. The test cluster trusts its private socket, so no password is needed
    /// to connect; the password still goes through the SCRAM path.
    func user(_ role: String, cleared: Bool = false, assignedTo cases: [String] = [], by owner: Session) throws -> (name: String, session: Session) {
        let name = TestEnvironment.uniqueName(role)
        try owner.write { transaction in try Users(transaction).add(name, role: role, cleared: cleared, password: "correct horse battery staple") }
        for reference in cases { try owner.write { transaction in try Cases(transaction).assign(reference, user: name) } }
        return (name, Session(connection: try connect(user: name)))
    }
}

/// Helpers shared by the evidence, link and chronology suites.
enum RecordsKit {
    /// A file with `contents` in a fresh temporary directory.
    static func temporaryFile(_ name: String, _ contents: Data) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appending(path: TestEnvironment.uniqueName("evidence"))
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appending(path: name)
        try contents.write(to: url)
        return url.path
    }

    /// How many rows `table` holds (a fixed list of table names, never user input).
    static func count(_ session: Session, _ table: String) throws -> Int {
        let sql: String = switch table {
        case "evidence": "select count(*) as n from inquest.evidence"
        case "custody_entry": "select count(*) as n from inquest.custody_entry"
        case "evidence_link": "select count(*) as n from inquest.evidence_link"
        case "event": "select count(*) as n from inquest.event"
        case "event_participant": "select count(*) as n from inquest.event_participant"
        case "statement": "select count(*) as n from inquest.statement"
        default: preconditionFailure("no such table in these tests: \(table)")
        }
        return try session.connection.query(sql).first?.decode(Int.self, "n") ?? -1
    }
}
