import CLibPQ

/// The rows of one statement. Owns its libpq result and clears it exactly once.
public final class QueryResult: Sequence {
    let result: OpaquePointer
    /// Number of rows returned.
    public let count: Int
    /// Column names, in order.
    public let columns: [String]
    private let columnIndex: [String: Int]

    init(_ result: OpaquePointer) {
        self.result = result
        self.count = Int(PQntuples(result))
        // COPY results report columns without names.
        let columns = (0..<PQnfields(result)).map { PQfname(result, $0).map { String(cString: $0) } ?? "" }
        self.columns = columns
        // The first column of a name wins, as in SQL's own `select *`.
        self.columnIndex = Dictionary(columns.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    deinit {
        PQclear(result)
    }

    /// Rows inserted, updated, deleted or copied by the statement (0 when it reports none).
    public var affectedRows: Int { Int(String(cString: PQcmdTuples(result))) ?? 0 }

    /// The command tag, such as `INSERT 0 1` or `ROLLBACK`.
    public var commandTag: String { String(cString: PQcmdStatus(result)) }

    public subscript(index: Int) -> Row { Row(result: self, index: index) }

    /// The only row, or `nil` when there is none.
    public var first: Row? { count > 0 ? self[0] : nil }

    public func makeIterator() -> AnyIterator<Row> {
        var index = 0
        return AnyIterator {
            guard index < self.count else { return nil }
            defer { index += 1 }
            return self[index]
        }
    }

    func column(named name: String) throws -> Int {
        guard let index = columnIndex[name] else {
            throw PostgresError(code: .decoding, message: "no column named \"\(name)\" (columns: \(columns.joined(separator: ", ")))")
        }
        return index
    }

    /// The type OID of a column (for example 25 for text); see `pg_type`.
    public func columnType(_ column: Int) -> UInt32 { PQftype(result, Int32(column)) }

    func typeName(ofColumn column: Int) -> String {
        let oid = PQftype(result, Int32(column))
        return knownTypeNames[oid] ?? "type oid \(oid)"
    }
}

/// One row of a `QueryResult`; valid while the result is alive (it holds it).
public struct Row {
    let result: QueryResult
    let index: Int

    /// The value of a column in PostgreSQL's text format, `nil` for NULL.
    public func text(_ column: Int) -> String? {
        let row = Int32(index), field = Int32(column)
        guard PQgetisnull(result.result, row, field) == 0 else { return nil }
        return String(cString: PQgetvalue(result.result, row, field))
    }

    /// Decodes a column by position.
    /// - Throws: `PostgresError` with code `.decoding`, naming the column and both types.
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, at column: Int) throws -> T {
        let name = result.columns.indices.contains(column) ? result.columns[column] : "#\(column)"
        guard result.columns.indices.contains(column) else {
            throw PostgresError(code: .decoding, message: "no column \(name)")
        }
        if let value = T.decode(postgresText: text(column)) { return value }
        let found = text(column) == nil ? "NULL" : result.typeName(ofColumn: column)
        throw PostgresError(code: .decoding, message: "column \"\(name)\": cannot decode \(found) as \(T.self)")
    }

    /// Decodes a column by name.
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, _ column: String) throws -> T {
        try decode(type, at: result.column(named: column))
    }

    /// Shorthand for `decode(_:_:)` with the type inferred.
    public subscript<T: PostgresDecodable>(_ column: String) -> T {
        get throws { try decode(T.self, column) }
    }
}

/// Names for the error messages of the types we decode most.
let knownTypeNames: [UInt32: String] = [
    16: "boolean", 17: "bytea", 20: "bigint", 21: "smallint", 23: "integer", 25: "text", 114: "json",
    700: "real", 701: "double precision", 1043: "varchar", 1082: "date", 1114: "timestamp",
    1184: "timestamptz", 1186: "interval", 1700: "numeric", 2950: "uuid", 3802: "jsonb", 1009: "text[]",
    19: "name", 1007: "integer[]", 1016: "bigint[]", 5069: "xid8",
]
