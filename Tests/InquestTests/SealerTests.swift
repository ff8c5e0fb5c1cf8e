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
        // Wait until the first sealer holds the sealer's lock inside seal() (the product's own
        // view of the holders), then seal beside it. Seeing its statement active is not enough:
        // on a loaded machine it may not have taken the lock yet, and the second would seal.
        let deadline = Date().addingTimeInterval(60)
        var observed = false
        while Date() < deadline && !observed {
            observed = try superuser.query("""
                select count(*)::int as n from inquest_private.seal_lock_holders()
                 where plain_seal and not seal_returned and pid <> pg_backend_pid()
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
}
