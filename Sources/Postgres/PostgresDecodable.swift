import Foundation

/// A Swift type that can be read from PostgreSQL's text format.
public protocol PostgresDecodable {
    /// The value, or `nil` when the text (or NULL) does not fit the type.
    static func decode(postgresText text: String?) -> Self?
}

/// Types for which NULL is never a valid value.
public protocol PostgresTextDecodable: PostgresDecodable {
    init?(postgresText text: String)
}
extension PostgresTextDecodable {
    public static func decode(postgresText text: String?) -> Self? { text.flatMap(Self.init(postgresText:)) }
}

extension String: PostgresTextDecodable { public init?(postgresText text: String) { self = text } }
extension Int: PostgresTextDecodable { public init?(postgresText text: String) { self.init(text) } }
extension Int64: PostgresTextDecodable { public init?(postgresText text: String) { self.init(text) } }
extension Int32: PostgresTextDecodable { public init?(postgresText text: String) { self.init(text) } }
extension Double: PostgresTextDecodable {
    public init?(postgresText text: String) {
        switch text {
        case "NaN": self = .nan
        case "Infinity": self = .infinity
        case "-Infinity": self = -.infinity
        default: self.init(text)
        }
    }
}
extension Bool: PostgresTextDecodable {
    public init?(postgresText text: String) {
        switch text {
        case "t": self = true
        case "f": self = false
        default: return nil
        }
    }
}
extension Decimal: PostgresTextDecodable {
    public init?(postgresText text: String) { self.init(string: text, locale: Locale(identifier: "en_US_POSIX")) }
}
extension UUID: PostgresTextDecodable { public init?(postgresText text: String) { self.init(uuidString: text) } }
extension Date: PostgresTextDecodable {
    /// From `date` (midnight UTC), `timestamp` (taken as UTC) or `timestamptz`.
    public init?(postgresText text: String) {
        guard let date = PostgresTime.parse(text) else { return nil }
        self = date
    }
}
extension Data: PostgresTextDecodable {
    /// From bytea's hex format (`\x0a1b…`), the server's default output.
    public init?(postgresText text: String) {
        let utf8 = Array(text.utf8)
        guard utf8.count >= 2, utf8[0] == UInt8(ascii: "\\"), utf8[1] == UInt8(ascii: "x"), utf8.count % 2 == 0 else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: c - 48
            case 97...102: c - 87
            case 65...70: c - 55
            default: nil
            }
        }
        var bytes = [UInt8](); bytes.reserveCapacity(utf8.count / 2 - 1)
        var index = 2
        while index < utf8.count {
            guard let high = nibble(utf8[index]), let low = nibble(utf8[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        self.init(bytes)
    }
}
extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    /// NULL decodes as `nil`; a present value must decode as `Wrapped`.
    public static func decode(postgresText text: String?) -> Self? {
        guard let text else { return .some(nil) }
        return Wrapped.decode(postgresText: text).map { .some($0) }
    }
}
extension Array: PostgresDecodable where Element: PostgresDecodable {}
extension Array: PostgresTextDecodable where Element: PostgresDecodable {
    /// From a one-dimensional array literal (`{a,"b c",NULL}`).
    public init?(postgresText text: String) {
        guard let elements = PostgresArrayParser.parse(text) else { return nil }
        var result: [Element] = []
        for element in elements {
            guard let value = Element.decode(postgresText: element) else { return nil }
            result.append(value)
        }
        self = result
    }
}

/// A `json` or `jsonb` column decoded with `JSONDecoder`.
public struct JSONColumn<Value: Decodable>: PostgresTextDecodable {
    public var value: Value
    public init?(postgresText text: String) {
        guard let value = try? JSONDecoder().decode(Value.self, from: Data(text.utf8)) else { return nil }
        self.value = value
    }
}

public enum PostgresArrayParser {
    /// Splits a one-dimensional array literal into element texts (`nil` for NULL).
    public static func parsePublic(_ text: String) -> [String?]? { parse(text) }

    static func parse(_ text: String) -> [String?]? {
        let chars = Array(text.unicodeScalars)
        guard chars.first == "{", chars.last == "}" else { return nil }
        var elements: [String?] = []
        var index = 1
        if chars.count == 2 { return [] }
        while index < chars.count - 1 {
            if chars[index] == "\"" {
                var value = String.UnicodeScalarView()
                index += 1
                while index < chars.count - 1, chars[index] != "\"" {
                    if chars[index] == "\\" { index += 1 }
                    value.append(chars[index])
                    index += 1
                }
                elements.append(String(value))
                index += 1  // closing quote
            } else {
                var value = String.UnicodeScalarView()
                while index < chars.count - 1, chars[index] != "," {
                    value.append(chars[index])
                    index += 1
                }
                let text = String(value)
                elements.append(text == "NULL" ? nil : text)
            }
            guard index == chars.count - 1 || chars[index] == "," else { return nil }
            index += 1
        }
        return elements
    }
}
