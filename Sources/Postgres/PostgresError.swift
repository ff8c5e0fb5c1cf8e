/// An error from the server or from this driver.
///
/// `description` is generic on purpose: server messages can quote the values that broke a
/// rule, and case data is personal data. `debugDescription` carries the detail.
public struct PostgresError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// What kind of failure this is: the SQLSTATE for server errors, a `client.*` code otherwise.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let uniqueViolation = Code("23505")
        public static let foreignKeyViolation = Code("23503")
        public static let checkViolation = Code("23514")
        public static let notNullViolation = Code("23502")
        public static let exclusionViolation = Code("23P01")
        public static let insufficientPrivilege = Code("42501")
        public static let serializationFailure = Code("40001")
        public static let deadlockDetected = Code("40P01")
        public static let queryCanceled = Code("57014")
        public static let invalidDatetimeFormat = Code("22007")
        public static let raiseException = Code("P0001")
        public static let noDataFound = Code("P0002")
        public static let invalidPassword = Code("28P01")
        public static let invalidAuthorization = Code("28000")
        public static let transactionRolledBack = Code("40000")

        /// The server could not be reached, or the connection broke.
        public static let connectionFailed = Code("client.connection")
        /// A column's value could not be decoded into the requested Swift type.
        public static let decoding = Code("client.decoding")
        /// The driver was used in a way it does not support.
        public static let misuse = Code("client.misuse")

        /// The SQLSTATE class: the first two characters ("23" integrity, "42" access, "08" connection …).
        public var sqlStateClass: String { String(rawValue.prefix(2)) }

        /// Integrity violations: a row broke a constraint.
        public var isIntegrityViolation: Bool { sqlStateClass == "23" }
        /// The server is unreachable, or refused or dropped the connection.
        public var isUnavailable: Bool {
            self == .connectionFailed || sqlStateClass == "08" || sqlStateClass == "57" && self != .queryCanceled
                || rawValue == "53300"
        }
        /// The statement may succeed if the transaction is retried.
        public var isRetryable: Bool { self == .serializationFailure || self == .deadlockDetected }
    }

    public var code: Code
    /// The primary, human-readable message.
    public var message: String
    public var detail: String?
    public var hint: String?
    /// The constraint that was violated, when the server names one.
    public var constraint: String?
    public var schema: String?
    public var table: String?
    public var column: String?

    public init(
        code: Code, message: String, detail: String? = nil, hint: String? = nil,
        constraint: String? = nil, schema: String? = nil, table: String? = nil, column: String? = nil
    ) {
        self.code = code
        self.message = message
        self.detail = detail
        self.hint = hint
        self.constraint = constraint
        self.schema = schema
        self.table = table
        self.column = column
    }

    public var description: String {
        var text = "PostgresError(code: \(code)"
        if let constraint { text += ", constraint: \(constraint)" }
        return text + ")"
    }

    public var debugDescription: String {
        var text = "PostgresError(code: \(code), message: \(message)"
        if let detail { text += ", detail: \(detail)" }
        if let hint { text += ", hint: \(hint)" }
        if let constraint { text += ", constraint: \(constraint)" }
        if let table { text += ", table: \(schema.map { "\($0)." } ?? "")\(table)" }
        if let column { text += ", column: \(column)" }
        return text + ")"
    }
}
