import Foundation
import Postgres

/// Applies the numbered schema files in order, one transaction each, remembers what it
/// applied, and re-applies the object files (functions, views, triggers, policies, event
/// triggers) on every run. See Schema/README.md.
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
    let objects: [ObjectFile]
    let legacy: [LegacySchema.File]

    /// - Parameters:
    ///   - migrations: the numbered files (default: those built into this binary).
    ///   - objects: the object files, in their order (default: those built into this binary).
    ///   - legacy: the numbered files of before the squash, whose ledger `migrate` adopts.
    public init(connection: Connection, migrations: [Migration] = Migration.embedded,
                objects: [ObjectFile] = ObjectFile.embedded, legacy: [LegacySchema.File] = LegacySchema.files) {
        self.connection = connection
        self.migrations = migrations
        self.objects = objects
        self.legacy = legacy
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

    /// Applies every pending numbered file in order, each in its own transaction, and
    /// re-applies the object files: the early ones right after the foundation (0001), the
    /// others after the last numbered file. A ledger written by the legacy files (0001 to
    /// 0020 of before the squash, all of them) is adopted first: the baseline is recorded
    /// as applied, since it makes the same tables.
    /// - Returns: the numbered files applied now (empty when none was pending).
    /// - Throws: `InquestError.verificationFailed` when an applied file was edited, or the
    ///   legacy ledger is incomplete, before applying anything.
    @discardableResult
    public func migrate() throws -> [Migration] {
        try translatingErrors {
            try connection.execute("select pg_catalog.pg_advisory_lock(pg_catalog.hashtext('inquest.migrate'))")
            defer { _ = try? connection.execute("select pg_catalog.pg_advisory_unlock(pg_catalog.hashtext('inquest.migrate'))") }
            try createLedger()
            try adoptLegacyLedger()
            let current = try status()
            if let changed = current.first(where: { $0.state == .changed }) {
                throw InquestError(
                    .verificationFailed,
                    "schema file \(String(format: "%04d", changed.version))_\(changed.name).sql was edited after it was applied "
                        + "(checksum \(changed.checksum.prefix(12))… recorded); add a new numbered file instead",
                    field: "schema", rule: "applied-files-are-immutable")
            }
            let pending = Set(current.filter { $0.state == .pending }.map(\.version))
            let (foundation, rest) = (migrations.filter { $0.version <= Migration.foundationVersion },
                                      migrations.filter { $0.version > Migration.foundationVersion })
            var applied: [Migration] = []
            for migration in foundation where pending.contains(migration.version) {
                try apply(migration)
                applied.append(migration)
            }
            try apply(objects.filter { $0.group == .early }, checkingBodies: false)
            for migration in rest where pending.contains(migration.version) {
                try apply(migration)
                applied.append(migration)
            }
            try apply(objects.filter { $0.group == .late }, checkingBodies: true)
            return applied
        }
    }

    private func apply(_ migration: Migration) throws {
        try connection.withTransaction { connection in
            try Recorders.suspended(on: connection) { recorders in
                try connection.executeScript(migration.sql)
            }
            try connection.execute(
                "insert into inquest_migration.applied (version, name, checksum) values ($1, $2, $3)",
                [migration.version, migration.name, migration.checksum])
        }
    }

    /// Re-applies object files, all in one transaction: a session sees every object as
    /// it was or every object as it is now. Replacing a function keeps its owner, grants
    /// and identity (triggers and policies keep pointing at it).
    /// - Parameter checkingBodies: off for the early files, which run before the tables
    ///   that their function bodies name exist.
    private func apply(_ files: [ObjectFile], checkingBodies: Bool) throws {
        guard !files.isEmpty else { return }
        try connection.withTransaction { connection in
            try connection.execute("set local client_min_messages = warning")
            if !checkingBodies { try connection.execute("set local check_function_bodies = off") }
            try Recorders.suspended(on: connection) { recorders in
                for file in files {
                    // A file may create a recorder (audit/ddl_recorder.sql): it is switched
                    // off before the next file runs, and on again at the end.
                    try recorders.suspend()
                    do {
                        try connection.executeScript(file.sql)
                    } catch var error as PostgresError {
                        error.message = "object file Schema/objects/\(file.path): \(error.message)"
                        throw error
                    }
                }
            }
        }
    }

    /// Adopts a ledger written by the legacy numbered files: when it holds exactly those
    /// (same versions, same checksums), their rows move to inquest_migration.legacy_applied
    /// and the baseline files are recorded as applied. Any other state of a legacy ledger
    /// is refused, naming what is missing or different.
    private func adoptLegacyLedger() throws {
        let recorded = try appliedRows()
        let isLegacy = legacy.contains { recorded[$0.version]?.checksum == $0.checksum }
        guard isLegacy else { return }
        let expected = Dictionary(uniqueKeysWithValues: legacy.map { ($0.version, $0) })
        func file(_ version: Int, _ name: String) -> String { "\(String(format: "%04d", version))_\(name).sql" }
        var problems: [String] = []
        let missing = legacy.filter { recorded[$0.version] == nil }
        if !missing.isEmpty {
            problems.append("not applied: " + missing.map { file($0.version, $0.name) }.joined(separator: ", "))
        }
        let differing = recorded.values.filter { row in expected[row.version].map { $0.checksum != row.checksum } ?? false }
        if !differing.isEmpty {
            problems.append("applied with other contents than the released files: "
                + differing.sorted { $0.version < $1.version }.map { file($0.version, $0.name) }.joined(separator: ", "))
        }
        let unknown = recorded.values.filter { expected[$0.version] == nil }
        if !unknown.isEmpty {
            problems.append("applied but never released: "
                + unknown.sorted { $0.version < $1.version }.map { file($0.version, $0.name) }.joined(separator: ", "))
        }
        guard problems.isEmpty else {
            let last = legacy.max { $0.version < $1.version }!
            throw InquestError(
                .verificationFailed,
                "this database was migrated by an Inquest from before the schema was squashed, and is not at its last "
                    + "schema (\(file(last.version, last.name))): " + problems.joined(separator: "; ")
                    + ". Migrate it with the last Inquest release before the squash (its `inquest migrate` applies the rest), "
                    + "then run this one; a database with files that were never released cannot be upgraded this way "
                    + "(export its cases and import them into a fresh database)",
                field: "schema", rule: "legacy-schema-complete")
        }
        let baseline = migrations.filter { $0.version <= Migration.baselineVersion }
        try connection.withTransaction { connection in
            try Recorders.suspended(on: connection) { _ in
                try connection.executeScript("""
                    create table inquest_migration.legacy_applied (
                        version integer primary key,
                        name text not null,
                        checksum text not null,
                        applied_at timestamptz not null,
                        applied_by name not null,
                        squashed_at timestamptz not null default now()
                    );
                    comment on table inquest_migration.legacy_applied is
                      'The numbered schema files applied before the schema was squashed into a baseline (Schema/README.md).';
                    insert into inquest_migration.legacy_applied (version, name, checksum, applied_at, applied_by)
                    select version, name, checksum, applied_at, applied_by from inquest_migration.applied;
                    delete from inquest_migration.applied;
                    """)
            }
            for migration in baseline {
                try connection.execute(
                    "insert into inquest_migration.applied (version, name, checksum) values ($1, $2, $3)",
                    [migration.version, migration.name, migration.checksum])
            }
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

/// The DDL recorders (`inquest_record_ddl`, `inquest_record_drop`, audit/ddl_recorder.sql):
/// the product's own schema changes are recorded in the ledger (name and checksum), not as
/// one `ddl` audit event per statement, so they are switched off for a migration's
/// transaction only, and every freshly migrated database starts with an empty log.
private final class Recorders {
    let connection: Connection
    /// Each recorder switched off, and how to switch it back on.
    private var restore: [(name: String, how: String)] = []

    private init(connection: Connection) { self.connection = connection }

    /// Runs `body` with the recorders switched off, and switches them back on after it.
    static func suspended(on connection: Connection, _ body: (Recorders) throws -> Void) throws {
        let recorders = Recorders(connection: connection)
        try recorders.suspend()
        try body(recorders)
        for (name, how) in recorders.restore {
            try connection.execute("alter event trigger \(try connection.quoteIdentifier(name)) \(how)")
        }
    }

    /// Switches off the recorders that are on (again: one may have been created since).
    func suspend() throws {
        let enabled = try connection.query("""
            select evtname, case evtenabled when 'A' then 'enable always' when 'R' then 'enable replica'
                                            else 'enable' end as restore
              from pg_catalog.pg_event_trigger
             where evtname in ('inquest_record_ddl', 'inquest_record_drop') and evtenabled <> 'D'
            """).map { (try $0.decode(String.self, "evtname"), try $0.decode(String.self, "restore")) }
        for (name, how) in enabled {
            try connection.execute("alter event trigger \(try connection.quoteIdentifier(name)) disable")
            if !restore.contains(where: { $0.name == name }) { restore.append((name, how)) }
        }
    }
}
