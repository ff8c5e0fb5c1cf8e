import Foundation
import Postgres
import Testing
import TestSupport

@Suite("Errors, transactions and notices")
struct ErrorAndTransactionTests {
    let connection: Connection

    init() throws {
        connection = try TestDatabase(empty: true).connect()
        try connection.execute("create table person (id int primary key, name text constraint person_name_unique unique)")
    }

    @Test("a unique violation carries the conflict code and the constraint name")
    func uniqueViolation() throws {
        try connection.execute("insert into person values (1, 'Nouri')")
        let error = try #require(throws: PostgresError.self) {
            try connection.execute("insert into person values (2, 'Nouri')")
        }
        #expect(error.code == .uniqueViolation)
        #expect(error.constraint == "person_name_unique")
        #expect(error.table == "person")
        // description is generic: it must not repeat the data that clashed.
        #expect(!error.description.contains("Nouri"))
        #expect(error.debugDescription.contains("Nouri"))
    }

    @Test("a throw inside withTransaction leaves nothing written")
    func rollback() throws {
        struct Abort: Error {}
        #expect(throws: Abort.self) {
            try connection.withTransaction { connection in
                try connection.execute("insert into person values (10, 'Noori')")
                throw Abort()
            }
        }
        #expect(try connection.query("select 1 from person where id = 10").count == 0)
    }

    @Test("nested transactions are savepoints: an inner failure keeps the outer work")
    func savepoints() throws {
        try connection.withTransaction { connection in
            try connection.execute("insert into person values (20, 'Akhoundzadeh')")
            #expect(throws: PostgresError.self) {
                try connection.withTransaction { connection in
                    try connection.execute("insert into person values (21, 'Akhondzadeh')")
                    try connection.execute("insert into person values (22, 'Akhoundzadeh')")  // duplicate name
                }
            }
        }
        let ids = try connection.query("select id from person where id >= 20 order by id").map { try $0.decode(Int.self, "id") }
        #expect(ids == [20])
    }

    @Test("a failed statement inside a transaction rolls the whole transaction back")
    func failedStatement() throws {
        #expect(throws: PostgresError.self) {
            try connection.withTransaction(isolation: .serializable) { connection in
                try connection.execute("insert into person values (30, 'Raeisi')")
                try connection.execute("insert into person values (30, 'Raessinia')")
            }
        }
        #expect(try connection.query("select 1 from person where id = 30").count == 0)
        // The connection is usable afterwards.
        #expect(try connection.query("select 1").count == 1)
    }

    @Test("a body that swallows a failed statement does not pass for a commit")
    func swallowedFailure() throws {
        let error = try #require(throws: PostgresError.self) {
            try connection.withTransaction { connection in
                try connection.execute("insert into person values (40, 'Ali Akbar Velayati')")
                _ = try? connection.execute("insert into person values (40, 'duplicate key')")
            }
        }
        #expect(error.code == .transactionRolledBack)
        #expect(try connection.query("select 1 from person where id = 40").count == 0)
    }

    @Test("statements run repeatedly are prepared and still bind each call's own values")
    func preparedStatements() throws {
        for value in 1...5 {
            let row = try #require(try connection.query("select $1::int * 2 as doubled, $2::text as name", [value, "n\(value)"]).first)
            #expect(try row.decode(Int.self, "doubled") == value * 2)
            #expect(try row.decode(String.self, "name") == "n\(value)")
        }
        let count = try connection.query("select count(*) as n from pg_prepared_statements").first?.decode(Int.self, "n")
        #expect(count == 1)
    }

    @Test("server notices reach the handler")
    func notices() throws {
        let collected = NoticeCollector()
        connection.noticeHandler = { collected.notices.append($0) }
        try connection.execute("do $$ begin raise notice 'chain sealed up to %', 42; end $$")
        #expect(collected.notices.map(\.message) == ["chain sealed up to 42"])
        #expect(collected.notices.first?.severity == "NOTICE")
    }

    @Test("connecting to a closed port fails fast with the unavailable code")
    func closedPort() throws {
        let started = Date()
        let error = try #require(throws: PostgresError.self) {
            try Connection.connect(ConnectionConfiguration(conninfo: "postgresql://127.0.0.1:1/inquest?password=secret-canary"))
        }
        #expect(error.code == .connectionFailed)
        #expect(error.code.isUnavailable)
        #expect(error.message.contains("127.0.0.1"))
        #expect(!error.message.contains("secret-canary"))
        #expect(Date().timeIntervalSince(started) < 5)
    }
}

final class NoticeCollector: @unchecked Sendable {
    var notices: [Notice] = []
}
