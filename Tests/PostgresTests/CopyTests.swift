import Foundation
import Postgres
import Testing
import TestSupport

@Suite("COPY streams in and out")
struct CopyTests {
    let connection: Connection

    init() throws {
        connection = try TestDatabase(empty: true).connect()
        try connection.execute("create table name (id int primary key, name text not null)")
    }

    @Test("100,000 rows arrive whole")
    func bulk() throws {
        let copied = try connection.copyIn("copy name (id, name) from stdin (format csv)") { writer in
            for id in 1...100_000 {
                try writer.write("\(id),\"Name \(id), \"\"quoted\"\" محلاتی\"\n")
            }
        }
        #expect(copied == 100_000)
        let row = try #require(try connection.query("select count(*) as n, count(distinct name) as d, max(id) as m from name").first)
        #expect(try row.decode(Int.self, "n") == 100_000)
        #expect(try row.decode(Int.self, "d") == 100_000)
        #expect(try row.decode(Int.self, "m") == 100_000)
        let sample = try connection.query("select name from name where id = 77").first
        #expect(try sample?.decode(String.self, "name") == "Name 77, \"quoted\" محلاتی")
    }

    @Test("a malformed row writes nothing")
    func malformed() throws {
        let error = try #require(throws: PostgresError.self) {
            try connection.copyIn("copy name (id, name) from stdin (format csv)") { writer in
                for id in 1...1000 { try writer.write("\(id),ok\n") }
                try writer.write("not-a-number,broken\n")
            }
        }
        #expect(error.code.sqlStateClass == "22")
        #expect(try connection.query("select 1 from name").count == 0)
        #expect(try connection.query("select 1").count == 1)
    }

    @Test("a throw in the writer aborts the COPY and writes nothing")
    func clientAbort() throws {
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try connection.copyIn("copy name (id, name) from stdin (format csv)") { writer in
                try writer.write("1,first\n")
                throw Stop()
            }
        }
        #expect(try connection.query("select 1 from name").count == 0)
    }

    @Test("COPY TO STDOUT streams every row")
    func copyOut() throws {
        try connection.execute("insert into name select g, 'n' || g from generate_series(1, 5000) g")
        var lines = 0, bytes = 0
        let copied = try connection.copyOut("copy (select id, name from name order by id) to stdout") { chunk in
            lines += 1
            bytes += chunk.count
        }
        #expect(copied == 5000)
        #expect(lines == 5000)
        #expect(bytes > 5000 * 4)
    }
}
