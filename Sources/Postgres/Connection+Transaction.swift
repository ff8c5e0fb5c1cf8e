import CLibPQ

/// Isolation levels for `withTransaction`.
public enum IsolationLevel: String, Sendable {
    case readCommitted = "READ COMMITTED"
    case repeatableRead = "REPEATABLE READ"
    case serializable = "SERIALIZABLE"
}

extension Connection {
    /// Whether the server holds a transaction open on this connection (healthy or failed),
    /// as libpq last heard: after a command returns, this is exact.
    public var isInTransaction: Bool {
        let status = PQtransactionStatus(handle)
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE
    }

    /// Runs `body` in a transaction: commits when it returns, rolls back when it throws.
    ///
    /// Nested calls become savepoints, so a helper that needs atomicity can use this without
    /// knowing whether its caller already opened a transaction.
    /// - Parameters:
    ///   - isolation: the isolation level of the outermost transaction.
    ///   - readOnly: start a read-only transaction (outermost only).
    public func withTransaction<R>(
        isolation: IsolationLevel = .readCommitted, readOnly: Bool = false, _ body: (Connection) throws -> R
    ) throws -> R {
        if transactionDepth > 0 {
            let savepoint = "inquest_savepoint_\(transactionDepth)"
            try executeScript("SAVEPOINT \(savepoint)")
            transactionDepth += 1
            defer { transactionDepth -= 1 }
            do {
                let value = try body(self)
                try executeScript("RELEASE SAVEPOINT \(savepoint)")
                return value
            } catch {
                _ = try? executeScript("ROLLBACK TO SAVEPOINT \(savepoint)")
                throw error
            }
        }
        // BEGIN is not sent now: it travels with the body's first statement, in one pipeline
        // (see `pendingBegin`); a body that runs nothing sends nothing.
        pendingBegin = "BEGIN ISOLATION LEVEL \(isolation.rawValue)\(readOnly ? " READ ONLY" : "")"
        transactionDepth = 1
        defer { transactionDepth = 0; pendingBegin = nil }
        let value: R
        do {
            value = try body(self)
        } catch {
            if pendingBegin == nil { _ = try? executeScript("ROLLBACK") }
            throw error
        }
        if pendingBegin != nil { return value }
        // COMMIT of a transaction that already failed answers ROLLBACK, not an error: a body
        // that swallowed a failed statement must not pass for a success.
        guard try executeScript("COMMIT").commandTag == "COMMIT" else {
            throw PostgresError(code: .transactionRolledBack, message: "the transaction failed and was rolled back")
        }
        return value
    }

    /// Runs `body` in a transaction as `withTransaction` does, then `next` in the same round
    /// trip as the COMMIT (for work that must follow the commit, such as sealing the audit
    /// events the transaction queued). `next` runs only if the COMMIT succeeded; its
    /// result is passed to `after`.
    /// - Throws: the body's, the COMMIT's or `next`'s error (after a successful COMMIT,
    ///   `next`'s error means the transaction's work is committed).
    public func withTransaction<R>(
        isolation: IsolationLevel = .readCommitted, readOnly: Bool = false,
        thenRun next: PipelineStatement, after: (QueryResult) throws -> Void,
        _ body: (Connection) throws -> R
    ) throws -> R {
        precondition(transactionDepth == 0, "thenRun: is for the outermost transaction")
        pendingBegin = "BEGIN ISOLATION LEVEL \(isolation.rawValue)\(readOnly ? " READ ONLY" : "")"
        transactionDepth = 1
        defer { transactionDepth = 0; pendingBegin = nil }
        let value: R
        do {
            value = try body(self)
        } catch {
            if pendingBegin == nil { _ = try? executeScript("ROLLBACK") }
            throw error
        }
        if pendingBegin != nil {
            pendingBegin = nil
            transactionDepth = 0
            try after(try pipeline([next])[0])
            return value
        }
        transactionDepth = 0
        let results: [QueryResult]
        do {
            results = try pipeline([PipelineStatement(sql: "COMMIT", texts: []), next])
        } catch {
            // If COMMIT itself failed the transaction is still open (aborted): end it.
            _ = try? executeScript("ROLLBACK")
            throw error
        }
        guard results[0].commandTag == "COMMIT" else {
            // Unreachable in practice: a failed transaction's COMMIT answers ROLLBACK, and the
            // next statement then ran outside it; say the truth about the body's work.
            throw PostgresError(code: .transactionRolledBack, message: "the transaction failed and was rolled back")
        }
        try after(results[1])
        return value
    }

    /// Runs `statements` in one transaction, BEGIN and COMMIT included, in one round trip
    /// (inside a transaction already open, in it); returns their results in order.
    public func withTransaction(
        isolation: IsolationLevel = .readCommitted, readOnly: Bool = false, pipelining statements: [PipelineStatement]
    ) throws -> [QueryResult] {
        if transactionDepth > 0 { return try pipeline(statements) }
        let begin = PipelineStatement(sql: "BEGIN ISOLATION LEVEL \(isolation.rawValue)\(readOnly ? " READ ONLY" : "")", texts: [])
        let results: [QueryResult]
        do {
            results = try pipeline([begin] + statements + [PipelineStatement(sql: "COMMIT", texts: [])])
        } catch {
            // The server skipped what followed the failure, COMMIT included.
            _ = try? executeScript("ROLLBACK")
            throw error
        }
        guard results.last?.commandTag == "COMMIT" else {
            throw PostgresError(code: .transactionRolledBack, message: "the transaction failed and was rolled back")
        }
        return Array(results.dropFirst().dropLast())
    }

    /// Runs one statement as a transaction of its own (an implicit one: all of it or
    /// nothing), then `next` in another transaction, in one round trip. Inside a
    /// transaction already open, runs the statement in it and `next` not at all.
    /// - Returns: the statement's result, and `next`'s (nil when it did not run).
    /// - Throws: the statement's error (after `next` ran: it runs whatever the statement
    ///   did), else `next`'s.
    public func autocommit(_ statement: PipelineStatement, thenRun next: PipelineStatement? = nil) throws -> (QueryResult, QueryResult?) {
        if transactionDepth > 0 { return (try pipeline([statement])[0], nil) }
        guard let next else { return (try pipeline([statement])[0], nil) }
        let results = try pipeline(segments: [[statement], [next]])
        return (results[0], results[1])
    }
}
