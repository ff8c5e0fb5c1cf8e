import Postgres

/// One user's connection, through which every service runs its work.
///
/// The caller owns the transaction: a command opens exactly one (`write` or `read`) and
/// hands its `Transaction` to every service it calls; all of it lands, or none of it.
/// After a write commits, the session seals the audit events it queued into the log's
/// Merkle tree (see `docs/audit-format.md`); sealing happens outside the writing transaction so
/// that writers never queue behind one another's commits.
public final class Session {
    public let connection: Connection

    /// When the audit events a write queued get sealed.
    public enum Sealing: Sendable {
        /// Right after each write commits (the CLI: one command, one process).
        case afterEachWrite
        /// By someone else: a long-running process that seals on its own schedule (for
        /// example one sealer thread for many writers), or the next `seal()` by anyone.
        /// Events are append-only from the moment they are written either way.
        case deferred
    }

    public var sealing: Sealing

    public init(_ database: Database, sealing: Sealing = .afterEachWrite) throws {
        connection = try database.connect()
        self.sealing = sealing
    }

    public init(connection: Connection, sealing: Sealing = .afterEachWrite) {
        self.connection = connection
        self.sealing = sealing
    }

    /// The login role this session acts as.
    public var user: String { connection.user }

    /// Runs `body` in one read-write transaction, then seals the audit events.
    @discardableResult
    public func write<R>(_ body: (Transaction) throws -> R) throws -> R {
        try explainingStandby {
            try translatingErrors {
                switch sealing {
                case .afterEachWrite:
                    // Sealing goes with the COMMIT, in one round trip: BEGIN travels with the
                    // first statement, so a one-statement body costs two round trips.
                    // Without waiting: if another sealer is running, it (or the next call)
                    // seals ours.
                    try connection.withTransaction(thenRun: Self.sealWithoutWaiting, after: { _ in }) {
                        try body(Transaction($0))
                    }
                case .deferred:
                    try connection.withTransaction { try body(Transaction($0)) }
                }
            }
        }
    }

    /// Runs a one-statement command as a whole command (its own transaction), then seals
    /// the audit events: one round trip (the same statement given to `write(_:)` in a body
    /// costs two).
    @discardableResult
    public func write<R>(_ command: OneStatement<R>) throws -> R {
        let result = try explainingStandby {
            try translatingErrors {
                let statement = try PipelineStatement(command.statement.sql, command.statement.parameters)
                return try connection.autocommit(statement, thenRun: sealing == .afterEachWrite ? Self.sealWithoutWaiting : nil).0
            }
        }
        return try command.decode(result)
    }

    /// A write refused because the server is a standby says where writes go.
    private func explainingStandby<R>(_ body: () throws -> R) throws -> R {
        do {
            return try body()
        } catch var error as InquestError where error.underlying?.code == .uniqueViolation {
            // The transaction rolled back; say which record already holds the value.
            if let underlying = error.underlying, let holder = try? conflictHolder(underlying) {
                error.message += "; already held by \(holder)"
            }
            throw error
        } catch let error as InquestError where error.underlying?.code == .readOnlySQLTransaction && isStandby() {
            // The transaction rolled back: nothing was written. Say where writes go.
            throw InquestError(
                .unavailable,
                "this server is a standby (read-only, replaying the primary's changes): writes go to the primary; "
                    + "connect to it, for example with a multi-host connection string and target_session_attrs=read-write "
                    + "(docs/replication.md)",
                rule: "target_session_attrs=read-write", underlying: error.underlying)
        }
    }

    /// The key of the record that holds the value a uniqueness conflict is about, read with
    /// the caller's rights (row-level security applies: a record the caller cannot see is
    /// never named). From the server's detail "Key (a, b)=(x, y) already exists."; nil when
    /// it cannot be read unambiguously (a value holding ", ", an expression).
    func conflictHolder(_ error: PostgresError) throws -> String? {
        guard error.schema == "inquest", let table = error.table, let detail = error.detail,
              let match = detail.wholeMatch(of: /Key \((.*)\)=\((.*)\) already exists\./) else { return nil }
        // The unique index on a case's reference is on an opaque function of it (Schema/0011).
        let columns = match.1.split(separator: ", ").map {
            String($0).replacing(/^inquest_private\.opaque_reference\((\w+)\)$/) { String($0.1) }
        }
        let values = match.2.split(separator: ", ", omittingEmptySubsequences: false).map(String.init)
        guard columns.count == values.count, columns.allSatisfy({ $0.wholeMatch(of: /[a-z_][a-z0-9_]*/) != nil }) else { return nil }
        return try connection.withTransaction(isolation: .repeatableRead, readOnly: true) { connection in
            var conditions: [String] = [], parameters: [String] = []
            for (column, value) in zip(columns, values) {
                if value == "null" {
                    conditions.append("\(try connection.quoteIdentifier(column)) is null")
                } else {
                    parameters.append(value)
                    conditions.append("\(try connection.quoteIdentifier(column))::text = $\(parameters.count)")
                }
            }
            let sql = "select key from inquest.\(try connection.quoteIdentifier(table)) where "
                + conditions.joined(separator: " and ") + " limit 1"
            return try connection.query(sql, parameters).first?.decode(String.self, "key")
        }
    }

    private static let sealWithoutWaiting = try! PipelineStatement("select inquest_audit.seal($1) as sealed", [false])

    /// Runs `body` in one read-only transaction with a single snapshot, so that a report's
    /// parts agree with each other.
    public func read<R>(_ body: (Transaction) throws -> R) throws -> R {
        try translatingErrors {
            try connection.withTransaction(isolation: .repeatableRead, readOnly: true) { try body(Transaction($0)) }
        }
    }

    /// Runs `statements` in one read-only repeatable-read transaction, pipelined: one round
    /// trip for a read whose statements are all known before the first answer.
    public func read(_ statements: [PipelineStatement]) throws -> [QueryResult] {
        try translatingErrors { try connection.withTransaction(isolation: .repeatableRead, readOnly: true, pipelining: statements) }
    }

    /// Seals every finished transaction's audit events. Safe to call at any time, from any
    /// number of sessions at once.
    /// - Parameter wait: wait for a concurrent sealer, so that everything committed before
    ///   the call is sealed on return (for audit reads); otherwise return at once.
    /// - Returns: the number of events sealed now.
    @discardableResult
    public func seal(wait: Bool = true) throws -> Int {
        do {
            return try translatingErrors {
                try connection.query("select inquest_audit.seal($1) as sealed", [wait]).first?.decode(Int.self, "sealed") ?? 0
            }
        } catch where isStandby() {
            // Sealing writes, so it happens only on the primary; a standby shows the chain
            // as the primary sealed it (docs/replication.md). Nothing to seal here.
            return 0
        }
    }

    /// Whether this session's server is a standby (in recovery: read-only, replaying WAL).
    /// Asked only after a failure, so the primary's happy path costs no extra round trip;
    /// a session can outlive a promotion, so the answer is never cached.
    public func isStandby() -> Bool {
        (try? connection.query("select pg_catalog.pg_is_in_recovery() as standby").first?.decode(Bool.self, "standby")) ?? false
    }
}
