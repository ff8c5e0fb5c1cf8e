import Foundation

/// Something wrong with an import file or a value in it, by line (and column).
public struct ImportProblem: Sendable, Equatable, CustomStringConvertible {
    /// The line the record starts on (1 is a CSV file's header).
    public var line: Int
    /// 1-based column (CSV) when known.
    public var column: Int?
    public var field: String?
    public var rule: String
    public var message: String

    public var description: String {
        var text = "line \(line)"
        if let column { text += ", column \(column)" }
        if let field { text += " (\(field))" }
        return text + ": \(message) [rule: \(rule)]"
    }
}

/// One record of an import file: the line it starts on and its fields in file order
/// (nil: empty or absent).
struct SourceRecord {
    var line: Int
    var fields: [String?]
}

/// Reads a file in large pieces, one byte at a time to its callers: memory stays the
/// size of one piece whatever the size of the file.
struct ByteReader {
    private let handle: FileHandle
    private var chunk: [UInt8] = []
    private var index = 0
    private var finished = false
    private var fetched = 0
    /// Bytes handed out so far (for progress).
    var bytesRead: Int { fetched - chunk.count + index }

    init(_ handle: FileHandle) { self.handle = handle }

    mutating func next() -> UInt8? {
        if index == chunk.count && !refill() { return nil }
        defer { index += 1 }
        return chunk[index]
    }

    mutating func peek() -> UInt8? {
        if index == chunk.count && !refill() { return nil }
        return chunk[index]
    }

    private mutating func refill() -> Bool {
        guard !finished, let data = try? handle.read(upToCount: 1 << 20), !data.isEmpty else {
            finished = true
            return false
        }
        chunk = [UInt8](data)
        index = 0
        fetched += data.count
        return true
    }
}

/// The largest field (CSV) or line (JSON Lines) an import accepts; a bigger one is an
/// error, not a reason to hold the whole file in memory.
let importMaxFieldBytes = 1 << 20

/// Problems after which the rest of a file cannot be read as records: binary content (a
/// NUL byte, bytes that are not UTF-8) and a field or line over the limit. The readers
/// stop there (`/dev/urandom` and `/dev/zero` end at once, not when killed).
enum ImportStructure {
    static func binary(line: Int, column: Int?) -> ImportProblem {
        ImportProblem(line: line, column: column, field: nil, rule: "import_binary",
                      message: "the file holds binary data (a NUL byte): an import file is UTF-8 text; reading stopped here")
    }
    static func notUTF8(line: Int, column: Int?, rule: String, what: String) -> ImportProblem {
        ImportProblem(line: line, column: column, field: nil, rule: rule,
                      message: "\(what) is not valid UTF-8 (save the file as UTF-8); reading stopped here")
    }
}

/// RFC 4180 CSV: fields separated by commas, records by CRLF or LF; a field in double
/// quotes may hold commas, quotes (doubled) and line breaks. An empty unquoted field is
/// absent (NULL); `""` is the empty string. A UTF-8 byte order mark is skipped; blank
/// lines are skipped. Every problem is reported, with its line and column, and reading
/// goes on so that one run shows them all, except after a problem of structure
/// (`ImportStructure`), where it stops.
struct CSVReader {
    private var bytes: ByteReader
    private var line = 1
    private var started = false
    /// A problem of structure was found: no more records.
    private(set) var stopped = false
    var bytesRead: Int { bytes.bytesRead }

    init(_ handle: FileHandle) { bytes = ByteReader(handle) }

    private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","),
                       newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")

    mutating func next(_ problems: inout [ImportProblem]) -> SourceRecord? {
        if stopped { return nil }
        if !started {
            started = true
            if bytes.peek() == 0xEF { _ = bytes.next(); _ = bytes.next(); _ = bytes.next() }
        }
        var fields: [String?] = []
        var field: [UInt8] = []
        var quoted = false, inQuotes = false, afterQuote = false, tooLong = false
        var start = line, quoteLine = line

        func finishField(_ problems: inout [ImportProblem]) {
            let column = fields.count + 1
            if !quoted && field.isEmpty {
                fields.append(nil)
            } else if let text = String(validating: field, as: UTF8.self) {
                fields.append(text)
            } else {
                problems.append(ImportStructure.notUTF8(line: start, column: column, rule: "csv_utf8", what: "field"))
                fields.append(nil)
                stopped = true
            }
            field.removeAll(keepingCapacity: true)
            quoted = false; afterQuote = false; tooLong = false
        }
        func append(_ byte: UInt8) {
            if field.count < importMaxFieldBytes { field.append(byte) } else { tooLong = true }
        }

        while true {
            if tooLong {
                problems.append(ImportProblem(line: start, column: fields.count + 1, field: nil, rule: "csv_field_size",
                                              message: "field is longer than \(importMaxFieldBytes >> 20) MiB; reading stopped here"))
                stopped = true
                return nil
            }
            if stopped { return nil }
            guard let byte = bytes.next() else {
                if inQuotes {
                    problems.append(ImportProblem(line: quoteLine, column: fields.count + 1, field: nil, rule: "csv_unclosed_quote",
                                                  message: "a quoted field opened on line \(quoteLine) is never closed"))
                }
                if fields.isEmpty && field.isEmpty && !quoted { return nil }
                finishField(&problems)
                return SourceRecord(line: start, fields: fields)
            }
            if byte == 0 {
                problems.append(ImportStructure.binary(line: line, column: fields.count + 1))
                stopped = true
                return nil
            }
            if inQuotes {
                if byte == Self.quote {
                    if bytes.peek() == Self.quote { _ = bytes.next(); append(byte) } else { inQuotes = false; afterQuote = true }
                } else {
                    if byte == Self.newline { line += 1 }
                    append(byte)
                }
                continue
            }
            switch byte {
            case Self.comma:
                finishField(&problems)
            case Self.newline, Self.carriageReturn:
                if byte == Self.carriageReturn {
                    guard bytes.peek() == Self.newline else { append(byte); continue }
                    _ = bytes.next()
                }
                line += 1
                if fields.isEmpty && field.isEmpty && !quoted {
                    start = line   // a blank line
                    continue
                }
                finishField(&problems)
                return SourceRecord(line: start, fields: fields)
            case Self.quote where field.isEmpty && !quoted:
                inQuotes = true; quoted = true; quoteLine = line
            case Self.quote:
                problems.append(ImportProblem(line: line, column: fields.count + 1, field: nil, rule: "csv_quote",
                                              message: "a double quote inside a field must be doubled, and the field quoted"))
                append(byte)
            default:
                if afterQuote {
                    problems.append(ImportProblem(line: line, column: fields.count + 1, field: nil, rule: "csv_quote",
                                                  message: "text after a closing quote (a quote inside a field must be doubled)"))
                    afterQuote = false
                }
                append(byte)
            }
        }
    }
}

/// JSON Lines: one JSON object per line, members named like the CSV columns. Numbers and
/// booleans are taken as their text; an array (of roles) as a list. Blank lines are
/// skipped. Reading stops after a problem of structure (`ImportStructure`).
struct JSONLinesReader {
    private var bytes: ByteReader
    private var line = 0
    /// A problem of structure was found: no more records.
    private(set) var stopped = false
    let columns: [String]
    private let index: [String: Int]
    var bytesRead: Int { bytes.bytesRead }

    init(_ handle: FileHandle, columns: [String]) {
        bytes = ByteReader(handle)
        self.columns = columns
        index = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, $0) })
    }

    mutating func next(_ problems: inout [ImportProblem]) -> SourceRecord? {
        while !stopped {
            var text: [UInt8] = []
            var sawAny = false
            while let byte = bytes.next() {
                sawAny = true
                if byte == UInt8(ascii: "\n") { break }
                if byte == 0 {
                    problems.append(ImportStructure.binary(line: line + 1, column: nil))
                    stopped = true
                    return nil
                }
                if text.count >= importMaxFieldBytes {
                    problems.append(ImportProblem(line: line + 1, column: nil, field: nil, rule: "jsonl_line_size",
                                                  message: "line is longer than \(importMaxFieldBytes >> 20) MiB; reading stopped here"))
                    stopped = true
                    return nil
                }
                text.append(byte)
            }
            guard sawAny else { return nil }
            line += 1
            if text.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            guard String(validating: text, as: UTF8.self) != nil else {
                problems.append(ImportStructure.notUTF8(line: line, column: nil, rule: "jsonl_utf8", what: "line"))
                stopped = true
                return nil
            }
            return SourceRecord(line: line, fields: decode(text, &problems))
        }
        return nil
    }

    private func decode(_ text: [UInt8], _ problems: inout [ImportProblem]) -> [String?] {
        var fields = [String?](repeating: nil, count: columns.count)
        let object: [String: FieldValue]
        do {
            object = try JSONDecoder().decode([String: FieldValue].self, from: Data(text))
        } catch {
            problems.append(ImportProblem(line: line, column: nil, field: nil, rule: "jsonl_object",
                                          message: "line is not one JSON object"))
            return fields
        }
        for (name, value) in object.sorted(by: { $0.key < $1.key }) {
            guard let position = index[name] else {
                problems.append(ImportProblem(line: line, column: nil, field: name, rule: "import_known_column",
                                              message: "unknown member \"\(name)\"; accepted: \(columns.joined(separator: ", "))"))
                continue
            }
            switch value {
            case .null: break
            case .object:
                problems.append(ImportProblem(line: line, column: nil, field: name, rule: "import_value_type",
                                              message: "\(name) must be a string, number, boolean or list, not an object"))
            default: fields[position] = value.text
            }
        }
        return fields
    }
}
