@testable import Inquest
import Postgres
import TestSupport
import Testing

@Suite("export coverage")
struct ExportCoverageTests {
    /// Tables of schema inquest that `export` leaves out, and why.
    static let notExported: Set<String> = [
        "case_assignment",     // who may see the case: access, not case content
        "protected_identity",  // real identities never leave the database
    ]

    @Test("every table of schema inquest is exported and restored, or listed here with the reason")
    func everyTableExported() throws {
        let database = try TestDatabase()
        let tables = try database.superuser().query("""
            select relname::text as t from pg_class
             where relnamespace = 'inquest'::regnamespace and relkind in ('r', 'p') order by 1
            """).map { try $0.decode(String.self, "t") }
        let exported = Set(CaseExport.tables.map(\.name))
        #expect(tables.count > 10)
        #expect(tables.filter { !exported.contains($0) && !Self.notExported.contains($0) } == [],
                "a table export and restore would lose: add it to CaseExport.tables")
        #expect(Self.notExported.subtracting(tables).isEmpty && exported.subtracting(tables).isEmpty)
    }
}
