import Foundation
import Postgres

/// Applies schema files in order, one transaction each, and remembers what it applied.
public struct Migrator {
    public enum State: String, Sendable, Codable {
        case applied, pending
        /// Applied, but the file's content differs from what was applied.
        case changed
        /// Recorded in the database, unknown to this binary (a newer version applied it).
        case unknown
    }

    public struct Status: Sendable, Codable {
        public var version: Int
        public var name: String
        public var state: State
        public var checksum: String
        public var appliedAt: Date?
        public var appliedBy: String?
    }

    let connection: Connection
    let migrations: [Migration]

    public init(connection: Connection, migrations: [Migration] = Migration.embedded) {
        self.connection = connection
        self.migrations = migrations
    }

    /// Every known and recorded migration with its state.
    public func status() throws -> [Status] {
        try translatingErrors {
            let recorded = try appliedRows()
            var result = migrations.map { migration -> Status in
                guard let row = recorded[migration.version] else {
                    return Status(version: migration.version, name: migration.name, state: .pending, checksum: migration.checksum)
                }
                var status = row
                status.state = row.checksum == migration.checksum ? .applied : .changed
                return status
            }
            let known = Set(migrations.map(\.version))
            result += recorded.values.filter { !known.contains($0.version) }.map { row in
                var status = row
                status.state = .unknown
                return status
            }
            return result.sorted { $0.version < $1.version }
        }
    }

    /// Applies every pending migration in order, each in its own transaction.
    /// - Returns: the migrations applied now (empty when the database was up to date).
    /// - Throws: `InquestError.verificationFailed` when an applied file was edited, before
    ///   applying anything.
    @discardableResult
    public func migrate() throws -> [Migration] {
        try translatingErrors {
            try connection.execute("select pg_catalog.pg_advisory_lock(pg_catalog.hashtext('inquest.migrate'))")
            defer { _ = try? connection.execute("select pg_catalog.pg_advisory_unlock(pg_catalog.hashtext('inquest.migrate'))") }
            try createLedger()
            let current = try status()
            if let changed = current.first(where: { $0.state == .changed }) {
                throw InquestError(
                    .verificationFailed,
                    "schema file \(String(format: "%04d", changed.version))_\(changed.name).sql was edited after it was applied "
                        + "(checksum \(changed.checksum.prefix(12))… recorded); add a new numbered file instead",
                    field: "schema", rule: "applied-files-are-immutable")
            }
            let pending = Set(current.filter { $0.state == .pending }.map(\.version))
            var applied: [Migration] = []
            for migration in migrations where pending.contains(migration.version) {
                try connection.withTransaction { connection in
                    // The product's own schema changes are recorded here (name and checksum),
                    // not as one `ddl` audit event per statement (Schema/0016's recorder):
                    // suspended for this transaction only, so every freshly migrated
                    // database starts with an empty log whatever the number of migrations.
                    let recorders = try connection.query("""
                        select evtname, case evtenabled when 'A' then 'enable always' when 'R' then 'enable replica'
                                                        else 'enable' end as restore
                          from pg_catalog.pg_event_trigger
                         where evtname in ('inquest_record_ddl', 'inquest_record_drop') and evtenabled <> 'D'
                        """).map { (try $0.decode(String.self, "evtname"), try $0.decode(String.self, "restore")) }
                    for (recorder, _) in recorders {
                        try connection.execute("alter event trigger \(try connection.quoteIdentifier(recorder)) disable")
                    }
                    try connection.executeScript(migration.sql)
                    for (recorder, restore) in recorders {
                        try connection.execute("alter event trigger \(try connection.quoteIdentifier(recorder)) \(restore)")
                    }
                    try connection.execute(
                        "insert into inquest_migration.applied (version, name, checksum) values ($1, $2, $3)",
                        [migration.version, migration.name, migration.checksum])
                }
                applied.append(migration)
            }
            return applied
        }
    }

    /// Re-applies what `pg_dump` does not carry (`Schema/0015_replication.sql`): the
    /// per-database settings of Inquest users, after a restore. Changes nothing where they
    /// are present.
    /// - Returns: how many users' settings were re-applied.
    @discardableResult
    public func repair() throws -> Int {
        try translatingErrors {
            let exists = try connection.query(
                "select pg_catalog.to_regprocedure('inquest_private.reapply_database_settings()') is not null as exists")
            guard try exists.first?.decode(Bool.self, "exists") == true else { return 0 }
            return try connection.query("select inquest_private.reapply_database_settings() as repaired")
                .first?.decode(Int.self, "repaired") ?? 0
        }
    }

    private func appliedRows() throws -> [Int: Status] {
        guard try ledgerExists() else { return [:] }
        var rows: [Int: Status] = [:]
        for row in try connection.query("select version, name, checksum, applied_at, applied_by from inquest_migration.applied") {
            let status = Status(
                version: try row["version"], name: try row["name"], state: .applied, checksum: try row["checksum"],
                appliedAt: try row["applied_at"], appliedBy: try row["applied_by"])
            rows[status.version] = status
        }
        return rows
    }

    private func ledgerExists() throws -> Bool {
        let exists = try connection.query("select pg_catalog.to_regclass('inquest_migration.applied') is not null as exists")
        return try exists.first?.decode(Bool.self, "exists") == true
    }

    /// Creates the ledger once. Only when it is missing: every DDL statement on a migrated
    /// database is itself an audit event (Schema/0016), and a run with nothing to apply
    /// must leave the log as it was.
    private func createLedger() throws {
        if try ledgerExists() { return }
        try connection.executeScript("""
            create schema if not exists inquest_migration;
            revoke all on schema inquest_migration from public;
            create table if not exists inquest_migration.applied (
                version integer primary key,
                name text not null,
                checksum text not null,
                applied_at timestamptz not null default now(),
                applied_by name not null default session_user
            );
            """)
    }
}
