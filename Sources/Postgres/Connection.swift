import CLibPQ
import Foundation

/// One connection to a PostgreSQL server, through libpq.
///
/// A connection serves one thread at a time: libpq forbids concurrent use of a `PGconn`.
/// Every value travels as a bound parameter (`$1`, `$2` …) in text format; nothing is ever
/// spliced into SQL text.
public final class Connection {
    let handle: OpaquePointer
    private let notices: NoticeBox
    /// Cancels the statement this connection is running, from any thread (see `Canceller`).
    public let canceller: Canceller
    var transactionDepth = 0
    /// Statements run more than once on this connection are prepared (named, planned once):
    /// how often each text ran, and the name of those prepared.
    var uses: [String: Int] = [:]
    var prepared: [String: String] = [:]
    static let prepareAfterUses = 2
    /// The BEGIN of a transaction that `withTransaction` opened but has not sent yet: it
    /// travels in one pipeline with the transaction's first statement (one round trip less).
    var pendingBegin: String?

    /// Called for every NOTICE, WARNING or INFO the server sends on this connection.
    public var noticeHandler: ((Notice) -> Void)? {
        get { notices.handler }
        set { notices.handler = newValue }
    }

    private init(handle: OpaquePointer) {
        self.handle = handle
        self.notices = NoticeBox()
        self.canceller = Canceller(connection: handle)
        PQsetNoticeReceiver(handle, noticeReceiver, Unmanaged.passUnretained(notices).toOpaque())
    }

    deinit {
        PQfinish(handle)
    }

    /// Opens a connection.
    /// - Throws: `PostgresError` with code `.connectionFailed` when the server cannot be reached,
    ///   or `.invalidPassword` when authentication fails. The message never contains a password.
    public static func connect(_ configuration: ConnectionConfiguration = .init()) throws -> Connection {
        let environment = environmentVariables("PGOPTIONS", "PGCONNECT_TIMEOUT")
        // The session settings our decoders rely on, appended to the user's own PGOPTIONS.
        let options = [environment["PGOPTIONS"], "-c DateStyle=ISO,YMD -c TimeZone=UTC -c IntervalStyle=postgres"]
            .compactMap { $0 }.joined(separator: " ")
        var pairs: [(String, String)] = []
        if let conninfo = configuration.conninfo { pairs.append(("dbname", conninfo)) }
        if let name = configuration.applicationName { pairs.append(("application_name", name)) }
        pairs.append(("fallback_application_name", "inquest"))
        pairs.append(("options", options))
        if environment["PGCONNECT_TIMEOUT"] == nil, !(configuration.conninfo ?? "").contains("connect_timeout") {
            pairs.append(("connect_timeout", String(configuration.connectTimeoutSeconds)))
        }
        let handle = withCStringArray(pairs.map(\.0) + [nil]) { keywords in
            withCStringArray(pairs.map(\.1) + [nil]) { values in
                PQconnectdbParams(keywords, values, 1)
            }
        }
        guard let handle else {
            throw PostgresError(code: .connectionFailed, message: "out of memory while connecting")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(handle)).trimmingCharacters(in: .whitespacesAndNewlines)
            PQfinish(handle)
            let authentication = message.contains("authentication failed") || message.contains("password")
            throw PostgresError(code: authentication ? .invalidPassword : .connectionFailed, message: message)
        }
        return Connection(handle: handle)
    }

    /// The role the server authenticated (`session_user`).
    public var user: String { String(cString: PQuser(handle)) }

    /// The server's version number, such as 150018.
    public var serverVersion: Int { Int(PQserverVersion(handle)) }

    /// Runs one statement with bound parameters and returns its rows.
    @discardableResult
    public func query(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws -> QueryResult {
        let texts = try parameters.map { try $0.postgresText.map(Self.checkedParameter) }
        if pendingBegin != nil || preparingNext(sql) {
            // BEGIN, PREPARE and the statement itself in one round trip.
            return try pipeline([PipelineStatement(sql: sql, texts: texts)])[0]
        }
        return try canceller.statement {
            let name = try preparedName(sql)
            let result = withCStringArray(texts) { values in
                if let name {
                    PQexecPrepared(handle, name, Int32(texts.count), values, nil, nil, 0)
                } else {
                    PQexecParams(handle, sql, Int32(texts.count), nil, values, nil, nil, 0)
                }
            }
            return try check(result)
        }
    }

    /// Runs one statement with bound parameters and returns how many rows it changed.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws -> Int {
        try query(sql, parameters).affectedRows
    }

    /// The prepared statement's name for `sql`, preparing it on its second use; nil while
    /// it has run only once (a one-off statement costs no extra round trip).
    private func preparedName(_ sql: String) throws -> String? {
        if let name = prepared[sql] { return name }
        let count = uses[sql, default: 0] + 1
        uses[sql] = count
        guard count >= Self.prepareAfterUses else { return nil }
        let name = "inquest_\(prepared.count + 1)"
        _ = try check(PQprepare(handle, name, sql, 0, nil))
        prepared[sql] = name
        return name
    }

    /// Runs a script of several statements without parameters (schema files, transaction
    /// control). Never build its text from user input: it binds nothing.
    @discardableResult
    public func executeScript(_ sql: String) throws -> QueryResult {
        try canceller.statement {
            if let begin = pendingBegin {
                // The simple protocol takes several statements in one message; PQexec
                // returns the last result and stops at the first error.
                pendingBegin = nil
                return try check(PQexec(handle, begin + ";\n" + sql))
            }
            return try check(PQexec(handle, sql))
        }
    }

    /// Quotes an identifier (a role or table name) for SQL text, with libpq's own escaping.
    /// The one place where a name may enter SQL text; values never do.
    public func quoteIdentifier(_ name: String) throws -> String {
        guard let escaped = PQescapeIdentifier(handle, name, name.utf8.count) else {
            throw PostgresError(code: .misuse, message: lastErrorMessage)
        }
        defer { PQfreemem(escaped) }
        return String(cString: escaped)
    }

    var lastErrorMessage: String {
        String(cString: PQerrorMessage(handle)).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Turns a libpq result into a `QueryResult`, or into the error it carries.
    func check(_ result: OpaquePointer?) throws -> QueryResult {
        guard let result else {
            throw PostgresError(code: PQstatus(handle) == CONNECTION_OK ? .misuse : .connectionFailed,
                                message: lastErrorMessage)
        }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY, PGRES_COPY_IN, PGRES_COPY_OUT:
            return QueryResult(result)
        default:
            defer { PQclear(result) }
            throw PostgresError(result: result, fallback: lastErrorMessage, connectionOK: PQstatus(handle) == CONNECTION_OK)
        }
    }

    /// PostgreSQL text cannot hold NUL, and C strings would silently cut at one: refuse it.
    private static func checkedParameter(_ text: String) throws -> String {
        guard !text.utf8.contains(0) else {
            throw PostgresError(code: Code.invalidParameter, message: "a parameter contains a NUL character")
        }
        return text
    }
    private typealias Code = PostgresError.Code
}

extension PostgresError.Code {
    /// A parameter value that PostgreSQL cannot represent (a NUL character in text).
    public static let invalidParameter = PostgresError.Code("22021")
}

extension PostgresError {
    init(result: OpaquePointer, fallback: String, connectionOK: Bool) {
        func field(_ code: Character) -> String? {
            guard let value = PQresultErrorField(result, Int32(code.asciiValue!)) else { return nil }
            return String(cString: value)
        }
        let state = field("C")
        self.init(
            code: state.map(Code.init) ?? (connectionOK ? .misuse : .connectionFailed),
            message: field("M") ?? fallback,
            detail: field("D"), hint: field("H"), constraint: field("n"),
            schema: field("s"), table: field("t"), column: field("c")
        )
    }
}

/// Keeps each C string alive for the whole call: libpq reads them synchronously, and a
/// pointer that outlives its Swift string is the classic bug of hand-written wrappers.
func withCStringArray<R>(_ strings: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) throws -> R) rethrows -> R {
    let owned: [UnsafeMutablePointer<CChar>?] = strings.map { $0.flatMap { strdup($0) } }
    defer { owned.forEach { free($0) } }
    let pointers = owned.map { $0.map { UnsafePointer($0) } }
    return try pointers.withUnsafeBufferPointer { try body($0.baseAddress) }
}
