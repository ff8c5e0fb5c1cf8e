import Foundation
import Postgres

/// A value of a record, typed by its PostgreSQL column type, ready for JSON, CSV or a table.
public indirect enum FieldValue: Sendable, Equatable, Encodable {
    case null
    case bool(Bool)
    case integer(Int64)
    /// numeric, kept as its exact decimal text.
    case number(String)
    case double(Double)
    case string(String)
    case array([FieldValue])
    /// A json/jsonb document, re-encoded from its parsed form.
    case object([String: FieldValue])

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let text): try container.encode(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) ?? 0)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let values): try container.encode(values)
        case .object(let fields): try container.encode(fields)
        }
    }

    /// The text shown in tables and CSV.
    public var text: String {
        switch self {
        case .null: ""
        case .bool(let value): value ? "yes" : "no"
        case .integer(let value): String(value)
        case .number(let text): text
        case .double(let value): String(value)
        case .string(let value): value
        case .array(let values): values.map(\.text).joined(separator: "; ")
        // A partial date (Schema/0018 inquest_private.partial_date) reads as its text.
        case .object(let fields):
            if case .string(let text)? = fields["text"] { text }
            else { (try? String(decoding: JSONEncoder().encode(self), as: UTF8.self)) ?? "" }
        }
    }

}

extension FieldValue {
    /// This value with every empty text (here or inside) as null.
    public var nullingEmptyText: FieldValue {
        switch self {
        case .string(let text) where text.isEmpty: .null
        case .array(let values): .array(values.map(\.nullingEmptyText))
        case .object(let fields): .object(fields.mapValues(\.nullingEmptyText))
        default: self
        }
    }
}

extension FieldValue: Decodable {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int64.self) { self = .integer(value) }
        else if let value = try? container.decode(Double.self) { self = .double(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([FieldValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: FieldValue].self)) }
    }
}

/// Rows of one query, with their column names in order: what list and show commands return.
/// The JSON shape is the column names of the schema's views, so it is as stable as they are.
public struct RecordSet: Sendable, Encodable {
    public var columns: [String]
    public var rows: [[FieldValue]]

    public init(columns: [String], rows: [[FieldValue]]) {
        self.columns = columns
        self.rows = rows
    }

    public var isEmpty: Bool { rows.isEmpty }

    /// Each row as a JSON object keyed by column name.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.unkeyedContainer()
        for row in rows {
            try container.encode(Dictionary(zip(columns, row), uniquingKeysWith: { first, _ in first }))
        }
    }

    /// The same rows without one column.
    public func dropping(_ column: String) -> RecordSet {
        guard let index = columns.firstIndex(of: column) else { return self }
        return RecordSet(columns: columns.enumerated().filter { $0.offset != index }.map(\.element),
                         rows: rows.map { row in row.enumerated().filter { $0.offset != index }.map(\.element) })
    }

    /// The same rows with every empty text as null: JSON says `null` for a missing value,
    /// never `""`.
    public var nullingEmptyText: RecordSet {
        RecordSet(columns: columns, rows: rows.map { $0.map(\.nullingEmptyText) })
    }

    /// The value of `column` in the first row.
    public func first(_ column: String) -> FieldValue? {
        guard let index = columns.firstIndex(of: column), let row = rows.first else { return nil }
        return row[index]
    }
}

extension RecordSet {
    /// Reads a query result, typing each value by its column's PostgreSQL type.
    init(_ result: QueryResult) {
        let types = (0..<result.columns.count).map { result.columnType($0) }
        columns = result.columns
        rows = result.map { row in
            types.enumerated().map { column, type in
                guard let text = row.text(column) else { return .null }
                return FieldValue(text: text, type: type)
            }
        }
    }
}

extension FieldValue {
    init(text: String, type: UInt32) {
        switch type {
        case 16: self = .bool(text == "t")
        case 20, 21, 23: self = Int64(text).map(FieldValue.integer) ?? .string(text)
        case 1700: self = .number(text)
        case 700, 701: self = Double(text).map(FieldValue.double) ?? .string(text)
        case 114, 3802:
            self = (try? JSONDecoder().decode(FieldValue.self, from: Data(text.utf8))) ?? .string(text)
        case 1000, 1005, 1007, 1016, 1009, 1015, 1182, 1185:  // bool, int, text, date, timestamptz arrays
            let elementType: UInt32 = switch type {
            case 1000: 16
            case 1005, 1007, 1016: 20
            default: 25
            }
            let elements = PostgresArrayParser.parsePublic(text) ?? []
            self = .array(elements.map { $0.map { FieldValue(text: $0, type: elementType) } ?? .null })
        case 1184:
            // timestamptz: ISO 8601 in UTC, as JSON and people expect.
            self = Date(postgresText: text).map { .string($0.formatted(.iso8601)) } ?? .string(text)
        default: self = .string(text)
        }
    }
}

/// Runs a query and returns its rows as a `RecordSet`, translating errors.
func records(_ connection: Connection, _ sql: String, _ parameters: [any PostgresEncodable] = []) throws -> RecordSet {
    try translatingErrors { RecordSet(try connection.query(sql, parameters)) }
}

/// The rows of a set-returning function of the read contract (Schema/objects/reads), called
/// with `arguments` in order: `select * from function($1, …)`. Its columns are the members.
func readContract(_ connection: Connection, _ function: StaticString, _ arguments: [any PostgresEncodable]) throws -> RecordSet {
    let placeholders = arguments.indices.map { "$\($0 + 1)" }.joined(separator: ", ")
    return try records(connection, "select * from \(function)(\(placeholders))", arguments)
}
