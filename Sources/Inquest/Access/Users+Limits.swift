import Postgres

/// Session limits of Inquest users: `statement_timeout`, `idle_in_transaction_session_timeout`
/// and `lock_timeout`, set for each user in this database (`Schema/0013_sealer_and_sessions.sql`).
/// Every user gets defaults when created; admins change them. They guard against accidents
/// (a forgotten transaction, a runaway query): a user can still change their own.
extension Users {
    /// New values for a user's limits; `nil` leaves a limit as it is. Each is a whole
    /// number and a unit (`ms`, `s`, `min`, `h`) from 1s to 24h, or `default`.
    public struct Limits: Sendable {
        public var statementTimeout: String?
        public var idleInTransactionTimeout: String?
        public var lockTimeout: String?

        public init(statementTimeout: String? = nil, idleInTransactionTimeout: String? = nil, lockTimeout: String? = nil) {
            self.statementTimeout = statementTimeout
            self.idleInTransactionTimeout = idleInTransactionTimeout
            self.lockTimeout = lockTimeout
        }

        public var isEmpty: Bool { statementTimeout == nil && idleInTransactionTimeout == nil && lockTimeout == nil }
    }

    /// Every user's limits in this database, or one user's.
    public func limits(of name: String? = nil) throws -> RecordSet {
        try records(connection, """
            select username, statement_timeout, idle_in_transaction_session_timeout, lock_timeout
            from inquest_private.list_user_limits() where $1::name is null or username = $1
            """, [name])
    }

    /// Changes a user's limits (admins); audited. They apply from the user's next login.
    public func setLimits(_ name: String, _ limits: Limits) throws {
        try connection.execute("select inquest_private.set_user_limits($1, $2, $3, $4)",
                               [name, limits.statementTimeout, limits.idleInTransactionTimeout, limits.lockTimeout])
    }
}
