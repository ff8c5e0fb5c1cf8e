import Foundation

/// A Swift value that can be bound as a parameter, in PostgreSQL's text format.
public protocol PostgresEncodable {
    /// The parameter's text, or `nil` for SQL NULL.
    var postgresText: String? { get }
}

extension String: PostgresEncodable { public var postgresText: String? { self } }
extension Substring: PostgresEncodable { public var postgresText: String? { String(self) } }
extension Int: PostgresEncodable { public var postgresText: String? { String(self) } }
extension Int64: PostgresEncodable { public var postgresText: String? { String(self) } }
extension Int32: PostgresEncodable { public var postgresText: String? { String(self) } }
extension Bool: PostgresEncodable { public var postgresText: String? { self ? "t" : "f" } }
extension Double: PostgresEncodable {
    public var postgresText: String? { isNaN ? "NaN" : isInfinite ? (self > 0 ? "Infinity" : "-Infinity") : "\(self)" }
}
extension Decimal: PostgresEncodable {
    public var postgresText: String? { NSDecimalNumber(decimal: self).description(withLocale: Locale(identifier: "en_US_POSIX")) }
}
extension UUID: PostgresEncodable { public var postgresText: String? { uuidString.lowercased() } }
extension Date: PostgresEncodable {
    /// ISO 8601 in UTC with microseconds: exact for `timestamptz`.
    public var postgresText: String? { PostgresTime.format(self) }
}
extension Data: PostgresEncodable {
    /// bytea's hex format.
    public var postgresText: String? {
        let digits = Array("0123456789abcdef".utf8)
        var bytes = [UInt8](repeating: 0, count: 2 + count * 2)
        bytes[0] = UInt8(ascii: "\\"); bytes[1] = UInt8(ascii: "x")
        for (offset, byte) in enumerated() {
            bytes[2 + offset * 2] = digits[Int(byte >> 4)]
            bytes[3 + offset * 2] = digits[Int(byte & 0xF)]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public var postgresText: String? { self?.postgresText }
}
extension Array: PostgresEncodable where Element: PostgresEncodable {
    /// An array literal (`{"a","b",NULL}`), each element quoted and escaped.
    public var postgresText: String? {
        "{" + map { element in
            guard let text = element.postgresText else { return "NULL" }
            return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }.joined(separator: ",") + "}"
    }
}

/// A value bound as `json`/`jsonb` text, encoded with `JSONEncoder` (keys sorted).
public struct JSONParameter<Value: Encodable>: PostgresEncodable {
    public var value: Value
    public init(_ value: Value) { self.value = value }
    public var postgresText: String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) }
    }
}
