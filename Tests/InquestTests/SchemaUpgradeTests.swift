import Foundation
import Inquest
import Postgres
import Testing
import TestSupport

/// The squash of the legacy schema files (0001..0020) into a baseline and object files:
/// a database migrated at the old main upgrades to exactly what a fresh database gets.
@Suite("Schema upgrade from the legacy migrations")
struct SchemaUpgradeTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures/schema-upgrade")

    /// Every schema object with what defines it (Tests/fixtures/schema-upgrade/catalog.sql).
    static func catalog(_ connection: Connection) throws -> [String: String] {
        let sql = try String(contentsOf: fixtures.appendingPathComponent("catalog.sql"), encoding: .utf8)
        var objects: [String: String] = [:]
        for row in try connection.query(sql) {
            let key = "\(try row.decode(String.self, "kind")) \(try row.decode(String.self, "name"))"
            #expect(objects[key] == nil, "\(key) twice in the catalog")
            objects[key] = try row.decode(String?.self, "definition") ?? ""
        }
        return objects
    }

    /// Records one issue per object that differs, naming it.
    static func expectSameSchema(_ actual: [String: String], _ expected: [String: String],
                                 _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for key in Set(actual.keys).union(expected.keys).sorted() where actual[key] != expected[key] {
            switch (actual[key], expected[key]) {
            case (nil, _): Issue.record("\(what): \(key) is missing", sourceLocation: sourceLocation)
            case (_, nil): Issue.record("\(what): \(key) should not exist", sourceLocation: sourceLocation)
            case let (a?, e?): Issue.record("\(what): \(key) differs:\n  got      \(a)\n  expected \(e)", sourceLocation: sourceLocation)
            }
        }
    }

    static func count(_ connection: Connection, _ sql: String) throws -> Int {
        try connection.query("select (\(sql))::int as n").first!.decode(Int.self, "n")
    }

    /// A database as the old main left it: the fixture restored (pg_dump of a database
    /// migrated by the legacy files, with the demo case).
    static func legacyDatabase() throws -> TestDatabase {
        let database = try TestDatabase(empty: true)
        let restore = try database.superuser()
        try restore.executeScript(String(contentsOf: fixtures.appendingPathComponent("legacy-main.sql"), encoding: .utf8))
        return database
    }

    @Test("a database migrated at the old main upgrades to exactly the schema of a fresh one, its data and audit chain intact")
    func upgrade() throws {
        let fresh = try TestDatabase(empty: true).superuser()
        try Migrator(connection: fresh).migrate()
        let expected = try Self.catalog(fresh)

        let database = try Self.legacyDatabase()
        let connection = try database.superuser()
        let before = try Self.catalog(connection)
        #expect(before != expected, "the fixture differs from a fresh database (enroll() changed): the comparison can fail")
        let events = try Self.count(connection, "select count(*) from inquest_audit.event")
        let persons = try Self.count(connection, "select count(*) from inquest.person")
        #expect(events > 400 && persons > 20, "the fixture holds the demo case")

        let migrator = Migrator(connection: connection)
        let applied = try migrator.migrate()
        // The baseline is recorded, not run; only the numbered files after it are applied.
        #expect(applied.map(\.version) == Migration.embedded.map(\.version).filter { $0 > 2 }, "the baseline is recorded, not run")
        #expect(try migrator.status().map { "\($0.version) \($0.state)" } == Migration.embedded.map { "\($0.version) applied" })
        #expect(try Self.count(connection, "select count(*) from inquest_migration.legacy_applied") == LegacySchema.files.count)

        Self.expectSameSchema(try Self.catalog(connection), expected, "upgraded")
        #expect(try Self.count(connection, "select count(*) from inquest_audit.event") == events, "the upgrade adds no audit event")
        #expect(try Self.count(connection, "select count(*) from inquest.person") == persons)
        #expect(try Self.count(connection, """
            select count(*) from inquest_audit.event where (old_values::text || new_values::text) like '%Canary%'
            """) == 0)

        // The chain verifies, and goes on where it stopped: a write is audited, sealed onto
        // it, and all of it verifies again. (Transaction ids belong to a cluster, and the
        // restored seal_state.sealed_below is one of the cluster that made the fixture:
        // seal() takes a newer event whose txid is below it for sealed already. So this
        // cluster first uses up that many ids, one per subtransaction that writes. A
        // restore into another cluster has the same problem outside this test.)
        try connection.executeScript("""
            create temp table use_up_xids (i int);
            do $$
            declare
              n bigint := (select s.sealed_below::text::bigint from inquest_private.seal_state s)
                          - pg_catalog.pg_current_xact_id()::text::bigint;
            begin
              for i in 1 .. n loop
                begin
                  insert into use_up_xids values (1);
                exception when others then null;
                end;
              end loop;
            end
            $$;
            """)
        let session = Session(connection: connection)
        let verification = try Audit(session).verify()
        #expect(verification.ok, "\(verification)")
        _ = try session.write { transaction in try Cases(transaction).create(reference: "UP-1", title: "After the upgrade", description: nil) }
        #expect(try Self.count(connection, "select count(*) from inquest_audit.seal") == events + 1)
        let after = try Audit(session).verify()
        #expect(after.ok, "\(after)")
        // The old events keep their chain (format 1); the new one is sealed in format 2, and
        // the mixed log verifies live, in SQL and as an export (docs/audit-format.md, 3).
        #expect(after.chained == events && after.events == events + 1, "\(after)")
        #expect(verification.chainHash == after.chainHash)
        #expect(try Self.count(connection, "select count(*) from inquest_audit.seal where hash is null and nodes is not null") == 1)
        #expect(try Self.count(connection, "select count(*) from (select inquest_audit.verify() as bad) v where v.bad is null") == 1)
        let export = FileManager.default.temporaryDirectory.appendingPathComponent("upgrade-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: export) }
        try Audit(session).export(to: export)
        let offline = try ExportVerifier().verify(export)
        #expect(offline.ok && offline.chained == events && offline.root == after.root, "\(offline)")
    }

    @Test("a second migrate changes nothing, and adds no audit event")
    func rerun() throws {
        let connection = try TestDatabase().superuser()
        let before = try Self.catalog(connection)
        let events = try Self.count(connection, "select count(*) from inquest_audit.event")
        #expect(try Migrator(connection: connection).migrate().isEmpty)
        Self.expectSameSchema(try Self.catalog(connection), before, "after a second migrate")
        #expect(try Self.count(connection, "select count(*) from inquest_audit.event") == events)
    }

    @Test("an edited object file is applied by the next migrate; a retired object is dropped")
    func objectFilesReapplied() throws {
        let connection = try TestDatabase().superuser()
        func probe(_ body: String) -> ObjectFile {
            ObjectFile(group: .late, path: "test/probe.sql", sql: """
                create or replace function inquest_private.probe() returns text language sql as $$ select '\(body)' $$;
                revoke all on function inquest_private.probe() from public;
                grant execute on function inquest_private.probe() to inquest_auditor;
                """)
        }
        try Migrator(connection: connection, objects: ObjectFile.embedded + [probe("one")]).migrate()
        #expect(try connection.query("select inquest_private.probe() as p").first?.decode(String.self, "p") == "one")
        try Migrator(connection: connection, objects: ObjectFile.embedded + [probe("two")]).migrate()
        #expect(try connection.query("select inquest_private.probe() as p").first?.decode(String.self, "p") == "two")
        #expect(try Self.count(connection, """
            select count(*) from pg_proc where proname = 'probe' and proacl::text like '%inquest_auditor=X%'
            """) == 1, "grants stay")

        // The real files: a body edited in its one place reaches the database.
        let edited = ObjectFile.embedded.map { file in
            ObjectFile(group: file.group, path: file.path, sql: file.sql.replacingOccurrences(
                of: "'write 1988, 1988-12 or 1988-08-24", with: "'(edited) write 1988, 1988-12 or 1988-08-24"))
        }
        #expect(edited.map(\.sql) != ObjectFile.embedded.map(\.sql), "the grammar text is in an object file")
        try Migrator(connection: connection, objects: edited).migrate()
        #expect(try connection.query("select inquest_private.partial_date_grammar() as g").first?
            .decode(String.self, "g").hasPrefix("(edited)") == true)

        let retired = ObjectFile(group: .late, path: "retired.sql", sql: "drop function if exists inquest_private.probe();")
        try Migrator(connection: connection, objects: ObjectFile.embedded.filter { $0.path != "retired.sql" } + [retired]).migrate()
        #expect(try Self.count(connection, "select count(*) from pg_proc where proname = 'probe'") == 0)
    }

    @Test("an object file that fails rolls back every object file of its group, and names itself")
    func failingObjectFile() throws {
        let connection = try TestDatabase().superuser()
        let before = try Self.catalog(connection)
        let broken = ObjectFile.embedded.map { file in
            file.path == "names/matching.sql" ? ObjectFile(group: file.group, path: file.path, sql: file.sql + "\nselect 1/0;") : file
        }
        let first = try #require(ObjectFile.embedded.first { $0.group == .late && $0.sql.contains("create or replace function") })
        let changed = broken.map { file in
            file.path == first.path ? ObjectFile(group: file.group, path: file.path, sql: file.sql + "\ncomment on schema inquest_audit is 'changed';") : file
        }
        let error = try #require(throws: InquestError.self) { try Migrator(connection: connection, objects: changed).migrate() }
        #expect(error.message.contains("Schema/objects/names/matching.sql"))
        Self.expectSameSchema(try Self.catalog(connection), before, "after a failed migrate")
    }

    @Test("the baseline edited after it was applied is refused")
    func editedBaseline() throws {
        let connection = try TestDatabase().superuser()
        let migrations = try Migration.embedded.map { migration in
            migration.version == Migration.baselineVersion
                ? try Migration(fileName: "\(String(format: "%04d", migration.version))_\(migration.name).sql",
                                contents: Data((migration.sql + "\n-- an edit\n").utf8))
                : migration
        }
        let error = try #require(throws: InquestError.self) { try Migrator(connection: connection, migrations: migrations).migrate() }
        #expect(error.code == .verificationFailed)
        #expect(error.message.contains("0002_baseline.sql"))
    }

    @Test("a database at any other legacy state is refused with what to do, and nothing is changed")
    func partialLegacy() throws {
        func ledger(_ rows: [LegacySchema.File]) throws -> Connection {
            let connection = try TestDatabase(empty: true).superuser()
            try connection.executeScript("""
                create schema inquest_migration;
                create table inquest_migration.applied (version integer primary key, name text not null, checksum text not null,
                  applied_at timestamptz not null default now(), applied_by name not null default session_user);
                """)
            for row in rows {
                try connection.execute("insert into inquest_migration.applied (version, name, checksum) values ($1, $2, $3)",
                                       [row.version, row.name, row.checksum])
            }
            return connection
        }
        let legacy = LegacySchema.files
        let cases: [(rows: [LegacySchema.File], says: String)] = [
            (legacy.filter { $0.version < 13 }, "not applied: 0013_sealer_and_sessions.sql, 0015_replication.sql"),
            (legacy.map { $0.version == 5 ? LegacySchema.File(version: 5, name: $0.name, checksum: String(repeating: "0", count: 64)) : $0 },
             "other contents than the released files: 0005_name_search.sql"),
            (legacy + [LegacySchema.File(version: 21, name: "read_contract", checksum: String(repeating: "1", count: 64))],
             "never released: 0021_read_contract.sql"),
        ]
        for (rows, says) in cases {
            let connection = try ledger(rows)
            let error = try #require(throws: InquestError.self) { try Migrator(connection: connection).migrate() }
            #expect(error.code == .verificationFailed)
            #expect(error.message.contains(says), "\(error.message)")
            #expect(error.message.contains("last Inquest release before the squash"))
            #expect(try Self.count(connection, "select count(*) from pg_namespace where nspname = 'inquest'") == 0)
            #expect(try Self.count(connection, "select count(*) from inquest_migration.applied") == rows.count)
        }
    }

    @Test("two migrates at once on an upgraded database both succeed (one waits for the other)")
    func concurrent() throws {
        let database = try TestDatabase()
        final class Outcomes: @unchecked Sendable {
            let lock = NSLock()
            var errors: [String] = []
            var done = 0
        }
        let outcomes = Outcomes()
        let finished = DispatchSemaphore(value: 0)
        for _ in 0..<2 {
            Thread.detachNewThread {
                do { try Migrator(connection: try database.superuser()).migrate() } catch {
                    outcomes.lock.lock(); outcomes.errors.append("\(error)"); outcomes.lock.unlock()
                }
                finished.signal()
            }
        }
        for _ in 0..<2 { #expect(finished.wait(timeout: .now() + 300) == .success, "a migrate did not finish") }
        #expect(outcomes.errors.isEmpty, "\(outcomes.errors)")
        #expect(try Audit(Session(connection: try database.superuser())).verify().ok)
    }
}
