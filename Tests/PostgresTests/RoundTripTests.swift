import Foundation
import Postgres
import Testing
import TestSupport

@Suite("Values round-trip exactly through bound parameters")
struct RoundTripTests {
    let connection: Connection

    init() throws {
        connection = try TestDatabase(empty: true).connect()
    }

    @Test("text in Persian script, emoji and NULL")
    func text() throws {
        for value in ["محمدجعفر محلاتی", "witness 🕊️ ✍🏽", "", "line\nbreak\ttab", "'\"\\"] {
            let row = try #require(try connection.query("select $1::text as v", [value]).first)
            #expect(try row.decode(String.self, "v") == value)
        }
        let null = try #require(try connection.query("select $1::text as v", [String?.none]).first)
        #expect(try null.decode(String?.self, "v") == nil)
        #expect(null.text(0) == nil)
    }

    @Test("a SQL injection attempt is stored and read back literally")
    func injection() throws {
        try connection.execute("create table x (v text)")
        let hostile = "'); DROP TABLE x; --"
        try connection.execute("insert into x (v) values ($1)", [hostile])
        let rows = try connection.query("select v from x")
        #expect(rows.count == 1)
        #expect(try rows[0].decode(String.self, "v") == hostile)
    }

    @Test("bytea keeps every byte")
    func bytes() throws {
        let data = Data((0...255).map { UInt8($0) } + [0, 0, 255])
        let row = try #require(try connection.query("select $1::bytea as v, length($1::bytea) as n", [data]).first)
        #expect(try row.decode(Data.self, "v") == data)
        #expect(try row.decode(Int.self, "n") == 259)
    }

    @Test("timestamptz keeps microseconds; date is midnight UTC")
    func dates() throws {
        let instant = Date(timeIntervalSince1970: 588_470_400.123456)  // 1988-08-24 UTC, with micros
        let row = try #require(try connection.query(
            "select $1::timestamptz as t, '1988-07-29'::date as d, '1988-07-29 10:00:00+04:30'::timestamptz as z",
            [instant]).first)
        let back = try row.decode(Date.self, "t")
        #expect(abs(back.timeIntervalSince1970 - instant.timeIntervalSince1970) < 0.000_001)
        #expect(try row.decode(Date.self, "d") == Date(timeIntervalSince1970: 586_137_600))
        #expect(try row.decode(Date.self, "z") == Date(timeIntervalSince1970: 586_137_600 + 5 * 3600 + 1800))
    }

    @Test("numbers, booleans, UUIDs, numeric and arrays")
    func scalars() throws {
        let id = UUID()
        let row = try #require(try connection.query(
            "select $1::bigint as i, $2::boolean as b, $3::float8 as f, $4::numeric as n, $5::uuid as u, $6::text[] as a",
            [Int64.max, false, 0.1, Decimal(string: "12345678901234567890.0123")!, id, ["a", "b,c", "\"q\"", "ستاره"]]).first)
        #expect(try row.decode(Int64.self, "i") == Int64.max)
        #expect(try row.decode(Bool.self, "b") == false)
        #expect(try row.decode(Double.self, "f") == 0.1)
        #expect(try row.decode(Decimal.self, "n") == Decimal(string: "12345678901234567890.0123")!)
        #expect(try row.decode(UUID.self, "u") == id)
        #expect(try row.decode([String].self, "a") == ["a", "b,c", "\"q\"", "ستاره"])
    }

    @Test("JSON columns decode into Decodable types")
    func json() throws {
        struct Payload: Codable, Equatable { var name: String; var posts: [String] }
        let value = Payload(name: "Mohammad Jafar Mahallati", posts: ["Permanent Representative"])
        let row = try #require(try connection.query("select $1::jsonb as j", [JSONParameter(value)]).first)
        #expect(try row.decode(JSONColumn<Payload>.self, "j").value == value)
    }

    @Test("a decoding error names the column and both types")
    func decodingError() throws {
        let row = try #require(try connection.query("select 'not a number'::text as amount, null::int as missing").first)
        let error = try #require(throws: PostgresError.self) { try row.decode(Int.self, "amount") }
        #expect(error.code == .decoding)
        #expect(error.message.contains("amount") && error.message.contains("text") && error.message.contains("Int"))
        let null = try #require(throws: PostgresError.self) { try row.decode(Int.self, "missing") }
        #expect(null.message.contains("NULL"))
    }

    @Test("a NUL character in a parameter is refused, not silently cut")
    func nulCharacter() throws {
        let error = try #require(throws: PostgresError.self) { try connection.query("select $1::text", ["a\u{0}b"]) }
        #expect(error.code == .invalidParameter)
    }

    @Test("identifiers are quoted by libpq")
    func identifiers() throws {
        #expect(try connection.quoteIdentifier("inv\"estigator") == "\"inv\"\"estigator\"")
    }
}
