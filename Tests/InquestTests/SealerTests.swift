import Dispatch
import Foundation
import Inquest
import Postgres
import Testing
import TestSupport

/// Issue 10, classes 6, 7 and 9 in the service layer and the migration: a genuine sealer
/// is waited for and never broken, and a database migrated before 0013 is brought under
/// the new rules.
@Suite("Sealer and the 0013 migration")
struct SealerTests {
    @Test("two genuine sealers at once: the second waits (or returns 0), nobody is terminated, the chain holds")
    func concurrentSealers() throws {
        let (database, owner) = try TestDatabase.withCase()
        let superuser = try database.superuser()
        // A backlog big enough that sealing it takes a while: 200,000 audited cases.
        try superuser.execute("""
            insert into inquest."case" (reference, title) select 'BK-' || g, 'Backlog' from generate_series(1, 200000) g
            """)
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var first: Result<Int, any Error>?
        DispatchQueue.global().async {
            first = Result { try Session(connection: try database.superuser()).seal() }
            done.signal()
        }
        // Wait until the first sealer is inside seal(), then seal beside it.
        let deadline = Date().addingTimeInterval(60)
        var observed = false
        while Date() < deadline && !observed {
            observed = try superuser.query("""
                select count(*)::int as n from pg_stat_activity
                 where datname = current_database() and state = 'active' and query like 'select inquest_audit.seal%'
                   and pid <> pg_backend_pid()
                """).first!.decode(Int.self, "n") > 0
            if !observed { Thread.sleep(forTimeInterval: 0.005) }
        }
        #expect(observed, "the first sealer was never seen sealing")
        let second = Session(connection: try database.superuser())
        #expect(try second.seal(wait: false) == 0, "a sealer inside seal() is not terminated by seal(false)")
        let waited = try second.seal(wait: true)
        #expect(done.wait(timeout: .now() + 120) == .success)
        let sealed = try #require(first).get()
        #expect(sealed + waited >= 200_000)
        #expect(try superuser.query("select count(*)::int as n from inquest_audit.event where operation = 'sealer_terminate'")
            .first!.decode(Int.self, "n") == 0)
        #expect(try superuser.query("select count(*)::int as n from inquest_audit.pending").first!.decode(Int.self, "n") == 0)
        #expect(try Audit(owner).verify().ok)
    }

    @Test("migrating to 0013 removes assignments that break the new rule, saying so, and gives users their limits")
    func migrationCleansUp() throws {
        let database = try TestDatabase(empty: true)
        let connection = try database.superuser()
        try Migrator(connection: connection, migrations: Migration.embedded.filter { $0.version < 13 }).migrate()
        let owner = Session(connection: connection)
        _ = try owner.write { transaction in try Cases(transaction).create(reference: "IR-1988", title: "Cover-up of the 1988 prison massacres", description: nil) }
        let user = TestEnvironment.uniqueName("investigator")
        try owner.write { transaction in try Users(transaction).add(user, role: "investigator", cleared: false, password: "correct horse battery staple") }
        let hand = TestEnvironment.uniqueName("hand")
        try connection.execute("create role \(try connection.quoteIdentifier(hand)) login in role inquest_investigator")
        defer { _ = try? connection.execute("drop role if exists \(try connection.quoteIdentifier(hand))") }
        // What the old rule let an admin do (in SQL: the services speak the current schema).
        for assignee in [user, "inquest_investigator", hand] {
            try connection.execute("""
                insert into inquest.case_assignment (case_id, username) select id, $1 from inquest."case" where reference = 'IR-1988'
                """, [assignee])
        }

        var warnings: [String] = []
        connection.noticeHandler = { notice in if notice.severity == "WARNING" { warnings.append(notice.message) } }
        let applied = try Migrator(connection: connection).migrate()
        #expect(applied.contains { $0.version == 13 })
        let assigned = try connection.query("select username::text as u from inquest.case_assignment order by 1")
        #expect(try (0..<assigned.count).map { try assigned[$0].decode(String.self, "u") } == [user])
        #expect(warnings.contains { $0.contains("inquest_investigator") && $0.contains("IR-1988") })
        #expect(warnings.contains { $0.contains(hand) })
        #expect(!warnings.contains { $0.contains(user) })
        let deletes = try connection.query("""
            select count(*)::int as n from inquest_audit.event where table_name = 'case_assignment' and operation = 'delete'
            """)
        #expect(try deletes.first!.decode(Int.self, "n") == 2, "each removal is an audit event")
        let limits = try connection.query("""
            select statement_timeout, idle_in_transaction_session_timeout, lock_timeout
              from inquest_private.list_user_limits() where username = $1
            """, [user])
        #expect(try limits.first?.decode(String.self, "statement_timeout") == "5min", "existing users get the defaults")
        #expect(try limits.first?.decode(String.self, "idle_in_transaction_session_timeout") == "10min")
        #expect(try limits.first?.decode(String.self, "lock_timeout") == "1min")
    }
}
