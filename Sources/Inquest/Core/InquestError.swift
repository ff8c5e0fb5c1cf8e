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
        let field = error.column
        // A broken check names the command-line option and what to do, not only the rule.
        if code == .invalidInput, let option = Self.option(table: error.table, column: error.column, constraint: rule) {
            if error.message.contains("violates check constraint") || error.message.contains("violates not-null constraint") {
                message = "\(option.flag): the value breaks rule \(rule ?? "?") of \(option.column); "
                    + "give one that `--help` of the command accepts"
            } else if !message.hasPrefix(option.flag) {
                message = "\(option.flag): " + message
            }
        }
        self.init(code, message, field: field, rule: rule, underlying: error)
    }

    /// Options whose name is not the column's (`--<column with dashes>` otherwise).
    static let optionNames: [String: String] = [
        "position.start_date": "--from", "position.end_date": "--to", "person_name.name": "--name",
        "person_name.given_name": "--given", "person_name.family_name": "--family", "person.name_known": "--name-unknown",
        "evidence_link.stated_date": "--stated-date", "evidence.date": "--date", "event.date": "--date", "statement.date": "--date",
    ]

    /// The command-line option that sets the column a constraint is about: from the error's
    /// column, or from a constraint named `<table>_<column>_<rule>`.
    static func option(table: String?, column: String?, constraint: String?) -> (flag: String, column: String)? {
        guard let table else { return nil }
        var name = column
        if name == nil, let constraint, constraint.hasPrefix(table + "_") {
            let rest = constraint.dropFirst(table.count + 1)
            for suffix in ["_valid", "_not_blank", "_format"] where rest.hasSuffix(suffix) {
                name = String(rest.dropLast(suffix.count))
            }
        }
        guard let name, !name.isEmpty else { return nil }
        return (optionNames["\(table).\(name)"] ?? "--" + name.replacingOccurrences(of: "_", with: "-"), "\(table).\(name)")
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
