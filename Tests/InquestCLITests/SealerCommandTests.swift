import Dispatch
import Foundation
import Postgres
import Testing
import TestSupport

/// Runs `body` on another thread and waits at most `seconds` for it: a command that must
/// not hang is given a generous deadline, and the test fails (returns nil) past it.
private func withDeadline<R: Sendable>(_ seconds: Double, _ body: @escaping @Sendable () throws -> R) throws -> R? {
    let done = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var outcome: Result<R, any Error>?
    DispatchQueue.global().async {
        outcome = Result { try body() }
        done.signal()
    }
    guard done.wait(timeout: .now() + seconds) == .success, let outcome else { return nil }
    return try outcome.get()
}

/// Issue 10, classes 6, 7 and 9 through the CLI binary, with real concurrent connections:
/// an insider who stalls the sealer from psql, assigns a group role, or touches limits.
@Suite("Sealer, assignments and session limits, as an insider tries them")
struct SealerCommandTests {
    let cli: CLI
    let investigator: String

    init() throws {
        cli = CLI(database: try TestDatabase())
        #expect(try cli.owner(["case", "create", "IR-1988", "--title", "Cover-up of the 1988 prison massacres"]).status == 0)
        investigator = try cli.addUser("investigator")
        #expect(try cli.owner(["case", "assign", "IR-1988", investigator]).status == 0)
    }

    /// Events of `login`'s own writes that are not in the chain yet (the record of a
    /// termination, written by the sealing call that terminated, is sealed by the next).
    func pending(_ login: String) throws -> Int {
        let owner = try cli.database.superuser()
        return try owner.query("""
            select count(*)::int as n from inquest_audit.pending where login = $1 and operation <> 'sealer_terminate'
            """, [login])
            .first!.decode(Int.self, "n")
    }

    func terminations(of login: String) throws -> Int {
        let owner = try cli.database.superuser()
        return try owner.query("""
            select count(*)::int as n from inquest_audit.event where operation = 'sealer_terminate' and record_key = $1
            """, [login]).first!.decode(Int.self, "n")
    }

    @Test("a sealer left idle in its transaction cannot stop others' events from being sealed")
    func idleHolder() throws {
        let insider = try cli.addUser("investigator")
        let holder = try cli.database.connect(user: insider)
        try holder.execute("begin")
        _ = try holder.query("select inquest_audit.seal()")
        // The holder now sits idle in its transaction with seal_state locked.

        let added = try withDeadline(60) { [cli, investigator] in
            try cli.user(investigator, ["person", "add", "--case", "IR-1988", "--name", "Mostafa Pourmohammadi"])
        }
        let write = try #require(added, "a write hung behind the idle sealer")
        #expect(write.status == 0, "\(write.stderr)")
        // The write's own seal (without waiting) sealed its events: nothing of it is pending.
        #expect(try pending(investigator) == 0)
        #expect(throws: (any Error).self, "the idle holder's session was ended") { try holder.query("select 1") }
        #expect(try terminations(of: insider) == 1, "the termination is itself an audit event")
    }

    @Test("audit verify finishes while somebody holds the sealer idle")
    func verifyDoesNotHang() throws {
        let insider = try cli.addUser("auditor")
        let holder = try cli.database.connect(user: insider)
        try holder.execute("begin")
        _ = try holder.query("select inquest_audit.seal(false)")
        let verified = try withDeadline(60) { [cli] in try cli.owner(["audit", "verify"]) }
        let run = try #require(verified, "audit verify hung behind the idle sealer")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("ok: "))
        let export = FileManager.default.temporaryDirectory.appendingPathComponent(TestEnvironment.uniqueName("audit") + ".jsonl")
        defer { try? FileManager.default.removeItem(at: export) }
        for command in [["audit", "log"], ["audit", "export", "--out", export.path]] {
            let result = try withDeadline(60) { [cli] in try cli.owner(command) }
            #expect(result?.status == 0, "\(command) hung or failed: \(result?.stderr ?? "deadline passed")")
        }
    }

    @Test("a sealing statement that never ends (seal(), then sleep) is ended after its grace")
    func lingeringStatement() throws {
        let insider = try cli.addUser("investigator")
        let database = cli.database
        let started = DispatchSemaphore(value: 0)
        let ended = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var holderError: (any Error)?
        DispatchQueue.global().async {
            do {
                let holder = try database.connect(user: insider)
                started.signal()
                _ = try holder.query("select inquest_audit.seal(), pg_sleep(600)")
            } catch {
                holderError = error
            }
            ended.signal()
        }
        started.wait()
        // Wait until the holder has sealed and sits in pg_sleep, the lock held.
        let owner = try database.superuser()
        let deadline = Date().addingTimeInterval(60)
        while try owner.query("""
            select count(*)::int as n from pg_stat_activity where usename = $1 and wait_event = 'PgSleep'
            """, [insider]).first!.decode(Int.self, "n") == 0 {
            #expect(Date() < deadline, "the holder never started sleeping")
            if Date() >= deadline { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        let added = try withDeadline(90) { [cli, investigator] in
            try cli.user(investigator, ["person", "add", "--case", "IR-1988", "--name", "Hossein-Ali Nayyeri"])
        }
        #expect(added?.status == 0, "\(added?.stderr ?? "the write hung behind the sleeping sealer")")
        #expect(try pending(investigator) == 0)
        #expect(ended.wait(timeout: .now() + 30) == .success, "the holder's statement was ended")
        #expect(holderError != nil)
        #expect(try terminations(of: insider) == 1)
    }

    @Test("assigning a group role, the superuser or a hand-made role is refused with the rule named")
    func assignOnlyUsers() throws {
        let owner = try cli.database.superuser()
        let hand = TestEnvironment.uniqueName("hand")
        try owner.execute("create role \(try owner.quoteIdentifier(hand)) login in role inquest_investigator")
        defer { _ = try? owner.execute("drop role if exists \(try owner.quoteIdentifier(hand))") }
        for assignee in ["inquest_investigator", "postgres", hand] {
            let run = try cli.owner(["case", "assign", "IR-1988", assignee])
            #expect(run.status == 65, "\(assignee): \(run.stderr)")
            #expect(run.stderr.contains("cannot assign \(assignee)"))
            #expect(run.stderr.contains("case_assignment_assignee_investigator"))
        }
        let show = try CLI.json(try cli.owner(["case", "show", "IR-1988", "--format", "json"])) as? [String: Any]
        #expect(show?["assigned"] as? [String] == [investigator])
    }

    @Test("an admin sets a user's limits; bad values are refused naming the field; others cannot")
    func limits() throws {
        let shown = try CLI.json(try cli.owner(["user", "limits", investigator, "--format", "json"])) as? [[String: Any]]
        #expect(shown?.first?["statement_timeout"] as? String == "5min")
        #expect(shown?.first?["idle_in_transaction_session_timeout"] as? String == "10min")
        #expect(shown?.first?["lock_timeout"] as? String == "1min")

        let set = try cli.owner(["user", "limits", investigator, "--statement-timeout", "90s", "--idle-timeout", "3min",
                                 "--format", "json"])
        #expect(set.status == 0, "\(set.stderr)")
        let changed = try CLI.json(set) as? [[String: Any]]
        #expect(changed?.first?["statement_timeout"] as? String == "90s")
        #expect(changed?.first?["idle_in_transaction_session_timeout"] as? String == "3min")
        #expect(changed?.first?["lock_timeout"] as? String == "1min")
        // The new login gets them.
        let session = try cli.database.connect(user: investigator)
        #expect(try session.query("select current_setting('statement_timeout') as v").first!.decode(String.self, "v") == "90s")

        let bad = try cli.owner(["user", "limits", investigator, "--lock-timeout", "forever"])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("lock_timeout"))
        #expect(bad.stderr.contains("user_limit_duration"))
        let denied = try cli.user(investigator, ["user", "limits", investigator, "--statement-timeout", "24h"])
        #expect(denied.status == 77, "\(denied.stderr)")
        #expect(try cli.owner(["user", "limits", "--statement-timeout", "1h"]).status == 64)
        let after = try CLI.json(try cli.owner(["user", "limits", investigator, "--format", "json"])) as? [[String: Any]]
        #expect(after?.first?["statement_timeout"] as? String == "90s")
    }
}
