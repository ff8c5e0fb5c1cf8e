import CLibPQ

extension Connection {
    /// Streams rows into `COPY … FROM STDIN`. Everything `body` writes is sent in one COPY:
    /// if `body` throws, or the server rejects a row, nothing is written.
    /// - Parameters:
    ///   - sql: a `COPY table (columns) FROM STDIN …` statement.
    ///   - body: writes the data, in the format the statement names.
    /// - Returns: the number of rows copied.
    @discardableResult
    public func copyIn(_ sql: String, _ body: (CopyWriter) throws -> Void) throws -> Int {
        try canceller.statement {
            try sendPendingBegin()
            return try copyInStatement(sql, body)
        }
    }

    private func copyInStatement(_ sql: String, _ body: (CopyWriter) throws -> Void) throws -> Int {
        let start = try check(PQexec(handle, sql))
        guard PQresultStatus(start.result) == PGRES_COPY_IN else {
            throw PostgresError(code: .misuse, message: "copyIn needs a COPY … FROM STDIN statement")
        }
        let writer = CopyWriter(connection: self)
        var failure: Error?
        do {
            try body(writer)
            try writer.flush()
        } catch {
            failure = error
        }
        // Ending with an error message makes the server abort the COPY.
        let ended = failure == nil ? PQputCopyEnd(handle, nil) : PQputCopyEnd(handle, "aborted by client")
        // The server's "COPY aborted" answer is expected when the writer failed: report the writer's error.
        let drained = Result { try drainResults() }
        if let failure { throw failure }
        let result = try drained.get()
        guard ended == 1 else { throw PostgresError(code: .connectionFailed, message: lastErrorMessage) }
        return result?.affectedRows ?? 0
    }

    /// Streams the output of `COPY … TO STDOUT`, one row (or chunk, for binary) at a time.
    /// The buffer passed to `body` is valid only during the call.
    /// - Returns: the number of rows copied.
    @discardableResult
    public func copyOut(_ sql: String, _ body: (UnsafeRawBufferPointer) throws -> Void) throws -> Int {
        try canceller.statement {
            try sendPendingBegin()
            return try copyOutStatement(sql, body)
        }
    }

    private func copyOutStatement(_ sql: String, _ body: (UnsafeRawBufferPointer) throws -> Void) throws -> Int {
        let start = try check(PQexec(handle, sql))
        guard PQresultStatus(start.result) == PGRES_COPY_OUT else {
            throw PostgresError(code: .misuse, message: "copyOut needs a COPY … TO STDOUT statement")
        }
        var failure: Error?
        while true {
            var buffer: UnsafeMutablePointer<CChar>?
            let length = PQgetCopyData(handle, &buffer, 0)
            if length < 0 { break }  // -1: done; -2: error, reported by the final result
            defer { PQfreemem(buffer) }
            if failure == nil, let buffer {
                do { try body(UnsafeRawBufferPointer(start: buffer, count: Int(length))) } catch { failure = error }
            }
        }
        let drained = Result { try drainResults() }
        if let failure { throw failure }
        return try drained.get()?.affectedRows ?? 0
    }

    /// Reads results until libpq has none left; throws the first error among them.
    private func drainResults() throws -> QueryResult? {
        var last: QueryResult?
        var firstError: Error?
        while let next = PQgetResult(handle) {
            do { last = try check(next) } catch { if firstError == nil { firstError = error } }
        }
        if let firstError { throw firstError }
        return last
    }
}

/// Buffers COPY data and hands it to libpq in large pieces.
public final class CopyWriter {
    private unowned let connection: Connection
    private var buffer: [UInt8] = []
    private let threshold = 256 * 1024

    init(connection: Connection) {
        self.connection = connection
        buffer.reserveCapacity(threshold + 4096)
    }

    /// Appends bytes to the stream (for example one CSV or text-format row with its newline).
    public func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= threshold { try flush() }
    }

    public func write(bytes: some Sequence<UInt8>) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= threshold { try flush() }
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        let sent = buffer.withUnsafeBufferPointer { pointer in
            pointer.withMemoryRebound(to: CChar.self) { PQputCopyData(connection.handle, $0.baseAddress, Int32($0.count)) }
        }
        guard sent == 1 else { throw PostgresError(code: .connectionFailed, message: connection.lastErrorMessage) }
        buffer.removeAll(keepingCapacity: true)
    }
}
