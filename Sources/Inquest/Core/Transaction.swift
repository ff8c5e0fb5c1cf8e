import Postgres

/// One unit of work: a transaction on the session's connection, open for the length of the
/// closure given to `Session.read` or `Session.write`, which hands it over.
///
/// Services take it in their initialiser (`People(transaction)`) and run every statement
/// in it; they never open, commit or end a transaction themselves. So a command (or a
/// report, or a test) combines any number of service calls in one transaction: a read
/// sees one snapshot, a write lands whole or not at all.
///
/// Only the few operations whose guarantee needs commits of their own take the `Session`
/// instead, and say why: read audit and reveals (recorded and committed before the data
/// is read) and the audit log (sealing runs outside any writing transaction).
public struct Transaction {
    /// The connection the transaction is open on.
    public let connection: Connection

    init(_ connection: Connection) { self.connection = connection }

    /// The login role the work runs as.
    public var user: String { connection.user }

    /// Runs a one-statement command in this transaction.
    public func run<R>(_ command: OneStatement<R>) throws -> R { try command.run(on: connection) }
}

/// A write whose whole work is one statement, with the meaning of its result. It runs in
/// a transaction of the caller's (`Transaction.run`), or as a command of its own in one
/// round trip, its transaction and the seal included (`Session.write(_:)`): the write path
/// of a one-statement command.
public struct OneStatement<R> {
    let statement: (sql: String, parameters: [any PostgresEncodable])
    let decode: (QueryResult) throws -> R

    init(_ sql: String, _ parameters: [any PostgresEncodable], decode: @escaping (QueryResult) throws -> R) {
        statement = (sql, parameters)
        self.decode = decode
    }

    /// Runs the statement in the transaction open on `connection`.
    func run(on connection: Connection) throws -> R {
        try decode(try translatingErrors { try connection.query(statement.sql, statement.parameters) })
    }
}
