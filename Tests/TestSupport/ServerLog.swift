import Foundation
import Postgres

/// The test cluster's server log, read through the superuser (`pg_read_binary_file`), as a
/// deployment's operator would read theirs: for rules whose only trace that survives a
/// caller's rollback is a line in that log.
public struct ServerLog {
    let connection: Connection
    let path: String
    let start: Int

    /// Marks the current end of the log; `written(containing:)` reads what comes after it.
    public init() throws {
        let connection = try TestEnvironment.superuser()
        // With logging_collector on, pg_current_logfile() names the file; Scripts/pg-cluster.sh
        // runs without it and has pg_ctl write stderr to DIR/server.log, beside DIR/data.
        let path = try connection.query("""
            select coalesce(pg_catalog.pg_current_logfile(),
                            pg_catalog.current_setting('data_directory') || '/../server.log') as path
            """).first?.decode(String.self, "path") ?? ""
        self.connection = connection
        self.path = path
        start = try Self.size(connection, path)
    }

    private static func size(_ connection: Connection, _ path: String) throws -> Int {
        try connection.query("select (pg_catalog.pg_stat_file($1)).size as size", [path]).first?.decode(Int.self, "size") ?? 0
    }

    /// The lines written since `init` that contain every one of `needles`. A backend writes its
    /// log line before it answers, but waits (up to a generous `deadline`) in case the log is
    /// written by a collector process; returns what it found by then.
    public func lines(containing needles: [String], deadline: Duration = .seconds(10)) throws -> [String] {
        let clock = ContinuousClock(), end = clock.now + deadline
        while true {
            let bytes = try connection.query(
                "select pg_catalog.pg_read_binary_file($1, $2, $3) as b", [path, start, max(0, try Self.size(connection, path) - start)]
            ).first?.decode(String.self, "b") ?? ""
            let text = Self.decodeBytea(bytes)
            let found = text.split(separator: "\n").map(String.init).filter { line in needles.allSatisfy(line.contains) }
            if !found.isEmpty || clock.now >= end { return found }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    /// bytea in hex output form (`\x…`) to text.
    static func decodeBytea(_ hex: String) -> String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(hex.utf8.count / 2)
        var high: UInt8?
        for c in hex.utf8.dropFirst(2) {
            let v: UInt8 = c <= 57 ? c - 48 : (c | 0x20) - 87
            if let h = high { bytes.append(h << 4 | v); high = nil } else { high = v }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
