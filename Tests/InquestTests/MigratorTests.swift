import Foundation
import Inquest
import Postgres
import Testing
import TestSupport

@Suite("Migrations")
struct MigratorTests {
    @Test("a fresh database gets every file, in order; a second run is a no-op")
    func freshAndRerun() throws {
        let connection = try TestDatabase(empty: true).superuser()
        let migrator = Migrator(connection: connection)
        #expect(try migrator.status().allSatisfy { $0.state == .pending })
        let applied = try migrator.migrate()
        #expect(applied.map(\.version) == Migration.embedded.map(\.version))
        #expect(applied.map(\.version) == applied.map(\.version).sorted())
        #expect(try migrator.migrate().isEmpty)
        let status = try migrator.status()
        #expect(status.count == Migration.embedded.count)
        #expect(status.allSatisfy { $0.state == .applied && $0.appliedBy == connection.user })
        let schemas = try connection.query(
            "select count(*) as n from pg_namespace where nspname in ('inquest', 'inquest_private', 'inquest_audit')")
        #expect(try schemas.first?.decode(Int.self, "n") == 3)
    }

    @Test("an applied file whose content changed is refused, and nothing else is applied")
    func editedFile() throws {
        let connection = try TestDatabase(empty: true).superuser()
        let first = try Migration(fileName: "0001_one.sql", contents: Data("create table one (id int);".utf8))
        try Migrator(connection: connection, migrations: [first], objects: []).migrate()
        let edited = try Migration(fileName: "0001_one.sql", contents: Data("create table one (id bigint);".utf8))
        let second = try Migration(fileName: "0002_two.sql", contents: Data("create table two (id int);".utf8))
        let migrator = Migrator(connection: connection, migrations: [edited, second], objects: [])
        let error = try #require(throws: InquestError.self) { try migrator.migrate() }
        #expect(error.code == .verificationFailed)
        #expect(error.message.contains("0001_one.sql"))
        #expect(try migrator.status().map(\.state) == [.changed, .pending])
        #expect(try connection.query("select to_regclass('two') is null as absent").first?.decode(Bool.self, "absent") == true)
    }

    @Test("a failing file is rolled back whole and not recorded")
    func failingFile() throws {
        let connection = try TestDatabase(empty: true).superuser()
        let bad = try Migration(fileName: "0001_bad.sql", contents: Data("create table half (id int); select 1/0;".utf8))
        let migrator = Migrator(connection: connection, migrations: [bad], objects: [])
        #expect(throws: InquestError.self) { try migrator.migrate() }
        #expect(try migrator.status().map(\.state) == [.pending])
        #expect(try connection.query("select to_regclass('half') is null as absent").first?.decode(Bool.self, "absent") == true)
    }

    @Test("badly named schema files are rejected")
    func names() throws {
        #expect(throws: InquestError.self) { try Migration(fileName: "foundation.sql", contents: Data()) }
        #expect(throws: InquestError.self) { try Migration(fileName: "0000_zero.sql", contents: Data()) }
    }
}
