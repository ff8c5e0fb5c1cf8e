import Postgres

/// An error the service layer reports to its caller, with a message fit for the person
/// who made the request (they are entitled to the values they typed).
public struct InquestError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// Input broke a rule; `field` and `rule` say which.
        public static let invalidInput = Code("invalid-input")
        /// The record named does not exist, or is not visible to the caller.
        public static let notFound = Code("not-found")
        /// The caller may not do this.
        public static let permissionDenied = Code("permission-denied")
        /// The change clashes with existing data (a duplicate, a stale state).
        public static let conflict = Code("conflict")
        /// The database cannot be reached.
        public static let unavailable = Code("unavailable")
        /// A check of stored data failed (an edited migration, a broken audit chain).
        public static let verificationFailed = Code("verification-failed")
        /// Anything else: a bug or an unexpected server error.
        public static let `internal` = Code("internal")
    }

    public var code: Code
    public var message: String
    /// The field (column, option) at fault, when known.
    public var field: String?
    /// The named rule (constraint) that was broken, when known.
    public var rule: String?
    /// The database error behind this one, if any.
    public var underlying: PostgresError?

    public init(_ code: Code, _ message: String, field: String? = nil, rule: String? = nil, underlying: PostgresError? = nil) {
        self.code = code
        self.message = message
        self.field = field
        self.rule = rule
        self.underlying = underlying
    }

    public var description: String { message }
}

extension InquestError {
    /// Translates a database error into the service layer's terms. The one place where
    /// SQLSTATEs are mapped to what a caller can act on.
    public init(_ error: PostgresError) {
        let code: Code
        switch error.code {
        case _ where error.code.isUnavailable, .invalidPassword, .invalidAuthorization, .readOnlySQLTransaction:
            code = .unavailable
        case .insufficientPrivilege:
            code = .permissionDenied
        case .uniqueViolation, .exclusionViolation, .serializationFailure, .deadlockDetected, PostgresError.Code("42710"):
            code = .conflict
        case .noDataFound, PostgresError.Code("42704"):
            code = .notFound
        case _ where error.code.isIntegrityViolation, .raiseException:
            code = .invalidInput
        case _ where error.code.sqlStateClass == "22":
            code = .invalidInput
        default:
            code = .internal
        }
        var message = error.message
        var rule = error.constraint
        // The schema's own errors put their rule in the detail ("rule user_name_format: …");
        // the server's "Failing row contains (…)" detail only repeats the input.
        if let detail = error.detail, !detail.hasPrefix("Failing row contains") {
            message += " (\(detail))"
            if detail.hasPrefix("rule ") {
                rule = rule ?? detail.dropFirst(5).split(whereSeparator: { $0 == ":" || $0 == " " }).first.map(String.init)
            }
        }
        if let hint = error.hint { message += "; \(hint)" }
        if let advice = Self.replicationAdvice(error) {
            message += "; \(advice.text)"
            rule = rule ?? advice.rule
        }
        self.init(code, message, field: error.column, rule: rule, underlying: error)
    }
}

extension InquestError {
    /// What to do when a write reached a server that takes none: a standby, or (libpq's
    /// `target_session_attrs=read-write`) a connection string that names no writable host.
    static func replicationAdvice(_ error: PostgresError) -> (text: String, rule: String)? {
        if error.code == .readOnlySQLTransaction {
            return ("the server or session is read-only (a standby takes no writes): connect to the primary, for example "
                + "with a multi-host connection string and target_session_attrs=read-write (docs/replication.md)",
                "target_session_attrs=read-write")
        }
        // libpq's own words when target_session_attrs rejects every host it tried.
        if error.code == .connectionFailed,
           error.message.contains("session is read-only") || error.message.contains("server is in hot standby mode") {
            return ("no host in the connection string accepts writes (target_session_attrs=read-write): the primary is down "
                + "or not named; name every server of the cluster, or wait until a standby has been promoted (docs/replication.md)",
                    "target_session_attrs=read-write")
        }
        if error.code == .connectionFailed,
           error.message.contains("session is not read-only") || error.message.contains("server is not in hot standby mode") {
            return ("no host in the connection string is a standby (target_session_attrs=standby or read-only); "
                + "use prefer-standby to fall back to the primary (docs/replication.md)", "target_session_attrs")
        }
        return nil
    }
}

extension PostgresError.Code {
    /// A write in a read-only transaction: on a standby, every transaction is one.
    static let readOnlySQLTransaction = PostgresError.Code("25006")
}

/// Runs `body`, translating database errors into `InquestError`s.
func translatingErrors<R>(_ body: () throws -> R) throws -> R {
    do {
        return try body()
    } catch let error as PostgresError {
        throw InquestError(error)
    }
}
