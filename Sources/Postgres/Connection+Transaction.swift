/// Isolation levels for `withTransaction`.
public enum IsolationLevel: String, Sendable {
    case readCommitted = "READ COMMITTED"
    case repeatableRead = "REPEATABLE READ"
    case serializable = "SERIALIZABLE"
}

extension Connection {
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
        // Transaction control goes through the simple protocol: one message, no parse/bind.
        try executeScript("BEGIN ISOLATION LEVEL \(isolation.rawValue)\(readOnly ? " READ ONLY" : "")")
        transactionDepth = 1
        defer { transactionDepth = 0 }
        let value: R
        do {
            value = try body(self)
        } catch {
            _ = try? executeScript("ROLLBACK")
            throw error
        }
        // COMMIT of a transaction that already failed answers ROLLBACK, not an error: a body
        // that swallowed a failed statement must not pass for a success.
        guard try executeScript("COMMIT").commandTag == "COMMIT" else {
            throw PostgresError(code: .transactionRolledBack, message: "the transaction failed and was rolled back")
        }
        return value
    }
}
