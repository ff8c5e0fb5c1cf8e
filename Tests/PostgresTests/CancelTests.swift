import Foundation
import Postgres
import Testing
import TestSupport

@Suite("Cancelling a statement from another thread")
struct CancelTests {
    let database: TestDatabase

    init() throws {
        database = try TestDatabase(empty: true)
        try database.connect().execute("create table item (id int primary key, note text)")
        try database.connect().execute("insert into item values (1, null)")
    }

    /// Runs `body` on its own thread; the result is read after `done` is signalled.
    final class Background: @unchecked Sendable {
        let done = DispatchSemaphore(value: 0)
        var error: (any Error)?
        init(_ body: @escaping @Sendable () throws -> Void) {
            Thread.detachNewThread { [self] in
                do { try body() } catch { self.error = error }
                done.signal()
            }
        }
    }

    @Test("cancel() stops a statement blocked on a lock; the connection stays usable")
    func cancelBlockedStatement() throws {
        let holder = try database.connect(), observer = try database.connect(), waiter = try database.connect()
        let backend = try waiter.query("select pg_backend_pid() as pid").first!.decode(Int.self, "pid")
        try holder.executeScript("begin")
        try holder.query("select 1 from item where id = 1 for update")
        nonisolated(unsafe) let blocked = waiter
        let background = Background { try blocked.execute("update item set note = 'blocked' where id = 1") }
        try #require(isWaitingOnLock(backend, observer), "the update never waited on the lock")
        #expect(waiter.canceller.isRunning)

        try waiter.canceller.cancel()
        try #require(background.done.wait(timeout: .now() + 30) == .success, "the statement did not stop within 30 s")
        #expect((background.error as? PostgresError)?.code == .queryCanceled)
        #expect(!waiter.canceller.isRunning)
        try holder.executeScript("commit")
        // Cancel stops one statement; the connection goes on.
        #expect(try waiter.query("select note from item where id = 1").first?.text(0) == nil)
    }

    @Test("interrupt() cancels the running statement and refuses every later one, unsent")
    func interruptRefusesFurtherStatements() throws {
        let holder = try database.connect(), observer = try database.connect(), waiter = try database.connect()
        let backend = try waiter.query("select pg_backend_pid() as pid").first!.decode(Int.self, "pid")
        try holder.executeScript("begin")
        try holder.query("select 1 from item where id = 1 for update")
        nonisolated(unsafe) let blocked = waiter
        let background = Background { try blocked.execute("update item set note = 'blocked' where id = 1") }
        try #require(isWaitingOnLock(backend, observer))

        #expect(try waiter.canceller.interrupt() == true)
        try #require(background.done.wait(timeout: .now() + 30) == .success)
        #expect((background.error as? PostgresError)?.code == .queryCanceled)
        let refused = try #require(throws: PostgresError.self) { try waiter.query("select 1") }
        #expect(refused.code == .queryCanceled)
        // Refused before sending: the server saw no new statement from that backend.
        let last = try observer.query("select query from pg_stat_activity where pid = $1", [backend]).first?.text(0)
        #expect(last?.contains("update item") == true, "\(last ?? "nil")")
        // Nothing running now: a second interrupt has nothing to cancel.
        #expect(try waiter.canceller.interrupt() == false)
        try holder.executeScript("rollback")
    }

    func isWaitingOnLock(_ backend: Int, _ observer: Connection) -> Bool {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let waiting = try? observer.query("select wait_event_type from pg_stat_activity where pid = $1", [backend]).first?.text(0)
            if waiting == "Lock" { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }
}
