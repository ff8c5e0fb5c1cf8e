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
        _ = try Cases(session).create(reference: "IR-1988", title: "Cover-up of the 1988 prison massacres", description: nil)
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
