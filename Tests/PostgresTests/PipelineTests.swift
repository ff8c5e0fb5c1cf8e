import Foundation
import Postgres
import Testing
import TestSupport

/// Pipelines and the BEGIN that travels with a transaction's first statement save round
/// trips; they must not change what is written when something fails.
@Suite("Pipelines and pipelined transaction control")
struct PipelineTests {
    let connection: Connection

    init() throws {
        connection = try TestDatabase(empty: true).connect()
        try connection.execute("create table entry (id int primary key, note text)")
        // A deferred check fails at COMMIT, not at the statement.
        try connection.execute("create table late (id int constraint late_unique unique deferrable initially deferred)")
        try connection.execute("create table after_commit (id int)")
    }

    private func count(_ table: String) throws -> Int {
        try connection.query("select count(*)::int as n from \(table)").first!.decode(Int.self, "n")
    }

    private func inTransaction() throws -> Bool { connection.isInTransaction }

    @Test("a pipeline returns each statement's rows in order")
    func results() throws {
        let results = try connection.pipeline([
            try PipelineStatement("select $1::int + 1 as n", [1]),
            try PipelineStatement("insert into entry values ($1, $2)", [1, "Evin"]),
            try PipelineStatement("select note from entry where id = $1", [1]),
        ])
        #expect(results.count == 3)
        #expect(try results[0].first?.decode(Int.self, "n") == 2)
        #expect(results[1].affectedRows == 1)
        #expect(try results[2].first?.decode(String.self, "note") == "Evin")
    }

    @Test("when a statement of a pipeline fails, its error is thrown, the statements before it are undone, those after it never run")
    func failureMidway() throws {
        let error = try #require(throws: PostgresError.self) {
            try connection.pipeline([
                try PipelineStatement("insert into entry values ($1, $2)", [10, "before"]),
                try PipelineStatement("insert into entry values ($1, $2)", [10, "duplicate"]),
                try PipelineStatement("insert into entry values ($1, $2)", [11, "after"]),
            ])
        }
        #expect(error.code == .uniqueViolation)
        #expect(try count("entry") == 0)
        // The connection is out of pipeline mode and usable.
        #expect(try connection.query("select 1 as one").first?.decode(Int.self, "one") == 1)
    }

    @Test("a statement that fails on its second run (when it is prepared) can run again")
    func preparedAfterFailure() throws {
        let sql = "select 10 / $1::int as q"
        #expect(try connection.query(sql, [5]).first?.decode(Int.self, "q") == 2)
        #expect(throws: PostgresError.self) { try connection.query(sql, [0]) }  // prepared now, then fails
        #expect(try connection.query(sql, [2]).first?.decode(Int.self, "q") == 5)
        #expect(throws: PostgresError.self) {
            try connection.withTransaction { try $0.query(sql, [0]) }
        }
        #expect(try connection.withTransaction { try $0.query(sql, [1]).first?.decode(Int.self, "q") } == 10)
    }

    @Test("a transaction whose first statement fails writes nothing and leaves no transaction open")
    func firstStatementFails() throws {
        #expect(throws: PostgresError.self) {
            try connection.withTransaction { connection in
                try connection.execute("insert into entry values ($1, $2)", [20, nil as String?])
                try connection.execute("insert into entry values ($1, $2)", [20, "again"])
            }
        }
        #expect(try count("entry") == 0)
        #expect(try connection.withTransaction { try $0.query("select count(*)::int as n from entry").first!.decode(Int.self, "n") } == 0)
        #expect(try !inTransaction())
    }

    @Test("the statements of one transaction see one snapshot when BEGIN travels with the first")
    func beginTravelsWithFirstStatement() throws {
        let (first, second) = try connection.withTransaction(isolation: .repeatableRead) { connection in
            let first = try connection.query("select pg_catalog.now()::text as t").first!.decode(String.self, "t")
            Thread.sleep(forTimeInterval: 0.01)
            let second = try connection.query("select pg_catalog.now()::text as t").first!.decode(String.self, "t")
            return (first, second)
        }
        #expect(first == second)
        #expect(try connection.query("show transaction_isolation").first?.decode(String.self, "transaction_isolation") == "read committed")
    }

    @Test("what runs after COMMIT in the same round trip runs only when the COMMIT succeeds")
    func thenRunAfterCommit() throws {
        let next = try PipelineStatement("insert into after_commit values ($1)", [1])
        var ran = 0
        try connection.withTransaction(thenRun: next, after: { ran += $0.affectedRows }) { connection in
            try connection.execute("insert into late values ($1)", [1])
        }
        #expect(ran == 1)
        #expect(try count("after_commit") == 1)
        // A COMMIT that fails (a deferred unique check) writes nothing, runs nothing after it.
        let error = try #require(throws: PostgresError.self) {
            try connection.withTransaction(thenRun: next, after: { ran += $0.affectedRows }) { connection in
                try connection.execute("insert into late values ($1)", [2])
                try connection.execute("insert into late values ($1)", [2])
            }
        }
        #expect(error.code == .uniqueViolation)
        #expect(ran == 1)
        #expect(try count("after_commit") == 1)
        #expect(try count("late") == 1)
        #expect(try !inTransaction())
        // A body that swallowed a failed statement: COMMIT answers ROLLBACK, which is an error.
        #expect(throws: PostgresError.self) {
            try connection.withTransaction(thenRun: next, after: { ran += $0.affectedRows }) { connection in
                try connection.execute("insert into late values ($1)", [3])
                _ = try? connection.execute("select 1 / 0")
            }
        }
        #expect(try count("late") == 1)
        #expect(try !inTransaction())
    }

    @Test("a pipelined read-only transaction refuses writes and leaves no transaction open")
    func pipelinedReadOnly() throws {
        let error = try #require(throws: PostgresError.self) {
            try connection.withTransaction(isolation: .repeatableRead, readOnly: true, pipelining: [
                try PipelineStatement("select 1"),
                try PipelineStatement("insert into entry values (30, 'no')"),
            ])
        }
        #expect(error.code == PostgresError.Code("25006"))
        #expect(try count("entry") == 0)
        #expect(try !inTransaction())
        let rows = try connection.withTransaction(isolation: .repeatableRead, readOnly: true, pipelining: [
            try PipelineStatement("select pg_catalog.now()::text as t"), try PipelineStatement("select pg_catalog.now()::text as t"),
        ])
        #expect(try rows[0].first?.decode(String.self, "t") == rows[1].first?.decode(String.self, "t"))
    }
}

@Suite("One statement as a whole command")
struct AutocommitTests {
    let connection: Connection

    init() throws {
        connection = try TestDatabase(empty: true).connect()
        try connection.execute("create table entry (id int primary key, note text)")
        try connection.execute("create table after_write (id int)")
    }

    private func count(_ table: String) throws -> Int {
        try connection.query("select count(*)::int as n from \(table)").first!.decode(Int.self, "n")
    }

    @Test("the statement commits before what follows it runs, in a transaction of its own")
    func commitsThenRuns() throws {
        // `next` sees the statement's row committed: a different transaction id.
        try connection.execute("create table xids (which text, xid xid8)")
        let (written, after) = try connection.autocommit(
            try PipelineStatement("insert into xids values ('write', pg_catalog.pg_current_xact_id()) returning xid"),
            thenRun: try PipelineStatement("insert into xids values ('next', pg_catalog.pg_current_xact_id())"))
        #expect(written.count == 1)
        #expect(after?.affectedRows == 1)
        #expect(try connection.query("select count(distinct xid)::int as n from xids").first?.decode(Int.self, "n") == 2)
        #expect(!connection.isInTransaction)
    }

    @Test("a statement that fails writes nothing, its error is thrown, and the connection is ready")
    func failure() throws {
        try connection.execute("insert into entry values (1, 'first')")
        let error = try #require(throws: PostgresError.self) {
            try connection.autocommit(
                try PipelineStatement("insert into entry values ($1, 'x'), ($2, 'y')", [2, 1]),
                thenRun: try PipelineStatement("insert into after_write values (1)"))
        }
        #expect(error.code == .uniqueViolation)
        #expect(try count("entry") == 1)
        #expect(!connection.isInTransaction)
        #expect(try connection.query("select 1 as one").first?.decode(Int.self, "one") == 1)
    }

    @Test("inside an open transaction the statement joins it, and what follows does not run")
    func insideTransaction() throws {
        struct Abort: Error {}
        #expect(throws: Abort.self) {
            try connection.withTransaction { connection in
                try connection.autocommit(try PipelineStatement("insert into entry values (5, 'inner')"),
                                          thenRun: try PipelineStatement("insert into after_write values (5)"))
                throw Abort()
            }
        }
        #expect(try count("entry") == 0)
        #expect(try count("after_write") == 0)
    }
}
