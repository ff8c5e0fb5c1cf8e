import Foundation
import Inquest
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Prints what commands return, as a table, JSON or CSV. JSON is the stable format for
/// scripts: an array of objects keyed by column (snake_case), or one object where one
/// result is printed (`show`, `import`). Conventions: `null` for every missing value (never
/// `""`); `key` is a record's own key, a member named for a kind of record (`person`,
/// `evidence`, `case`) is a reference to one; a partial date is an object (`text`,
/// `earliest`, `latest`, `precision`, `certainty`, `start`, `end`).
///
/// Everything meant for a person (tables, messages, CSV on a terminal, stderr) is escaped
/// by `TerminalText`; JSON, and CSV to a file or pipe, stay exact. Commands print through
/// these functions only, never with `print` or `FileHandle` themselves.
enum Output {
    static func print(_ records: RecordSet, as format: OutputFormat) {
        writeExact(text(records, as: format))
    }

    private static func text(_ records: RecordSet, as format: OutputFormat) -> String {
        switch format {
        case .json: json(records.nullingEmptyText)
        case .csv: csv(header: records.columns, rows: records.rows.map { $0.map(\.text) })
        case .table: records.isEmpty ? "(none)\n" : table(header: records.columns, rows: records.rows.map { $0.map(\.text) })
        }
    }

    /// One record: JSON as an object, a table as field/value lines.
    static func print(record records: RecordSet, as format: OutputFormat) {
        writeExact(text(record: records, as: format))
    }

    private static func text(record records: RecordSet, as format: OutputFormat) -> String {
        guard let row = records.rows.first else { return "" }
        return switch format {
        case .json: json(Dictionary(zip(records.columns, row.map(\.nullingEmptyText)), uniquingKeysWith: { first, _ in first }))
        case .csv: text(records, as: .csv)
        case .table: table(header: nil, rows: zip(records.columns, row).filter { $1 != .null }.map { [$0, $1.text] })
        }
    }

    /// What `add`/`create` commands print: in a table, the new record's key alone, so that
    /// scripts can write `person=$(inquest person add …)`; in JSON, `{"key": "P-3"}`.
    static func created(as format: OutputFormat, _ key: String) {
        switch format {
        case .table: write(key + "\n")
        case .json: writeExact(json(["key": key]))
        case .csv: writeExact(csv(header: ["key"], rows: [[key]]))
        }
    }

    /// A `show` made of parts: in JSON one object with a member per part (the first part,
    /// `single`, as an object; the others as arrays); in a table, headed sections.
    static func print(_ shown: Sections, as format: OutputFormat) {
        let sections = shown.parts
        switch format {
        case .json:
            var object: [String: FieldValue] = [:]
            for section in sections {
                let rows = section.records.nullingEmptyText.rows.map { row in
                    FieldValue.object(Dictionary(zip(section.records.columns, row), uniquingKeysWith: { first, _ in first }))
                }
                object[section.name] = section.single ? rows.first ?? .null : .array(rows)
            }
            writeExact(json(object))
        case .csv, .table:
            // The sections in one write.
            var text = ""
            for (index, section) in sections.enumerated() {
                if index > 0 || format == .csv { text += format == .table ? "\n\(section.name)\n" : "# \(section.name)\r\n" }
                text += section.single && format == .table ? Self.text(record: section.records, as: format) : Self.text(section.records, as: format)
            }
            writeExact(text)
        }
    }

    static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: (try? encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self) + "\n"
    }

    /// RFC 4180 CSV. On a terminal, each field is escaped for display first (line breaks
    /// and tabs stay); to a file or a pipe, it is exact.
    static func csv(header: [String], rows: [[String]], forTerminal: Bool = isTerminal(STDOUT_FILENO)) -> String {
        func field(_ value: String) -> String {
            let text = forTerminal ? TerminalText.escaped(value, .lines) : value
            return text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        return ([header] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func table(header: [String]?, rows: [[String]]) -> String {
        let all = ((header.map { [$0] } ?? []) + rows).map { $0.map { TerminalText.escaped($0, .cell) } }
        guard let width = all.first?.count else { return "" }
        // Lists clip long cells to keep rows on a line; a record's field/value view never clips.
        let limit = header == nil ? Int.max : 60
        let widths = (0..<width).map { column in min(limit, all.map { $0[column].count }.max() ?? 0) }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { cell, width in
                let clipped = cell.count > width ? String(cell.prefix(width - 1)) + "…" : cell
                return clipped + String(repeating: " ", count: width - clipped.count)
            }.joined(separator: "  ").trimmingBlanks()
        }
        var lines = all.map(line)
        if header != nil { lines.insert(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "), at: 1) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes a message for a person to standard output, escaped for the terminal.
    static func write(_ text: String) {
        writeExact(TerminalText.escaped(text, .lines))
    }

    /// Writes a message, warning or error to standard error, escaped for the terminal.
    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(TerminalText.escaped(text, .lines).utf8))
    }

    /// Rewrites the progress line on standard error (a terminal): `text` escaped, on one line.
    static func progress(_ text: String) {
        FileHandle.standardError.write(Data(("\r" + TerminalText.escaped(text, .cell)).utf8))
    }

    /// Clears the progress line.
    static func progressDone() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    /// Writes text as it is: JSON, CSV, and tables whose cells are already escaped.
    static func writeExact(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func isTerminal(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }
}

extension String {
    /// As `trimmingCharacters(in: .whitespaces)` (tab and Unicode's space separators, Zs),
    /// in Swift: Foundation's goes through NSString, which cost about 1M of the 3.6M
    /// instructions `person show` spent after parsing its arguments (twenty table lines).
    func trimmingBlanks() -> String {
        func blank(_ scalar: Unicode.Scalar) -> Bool {
            scalar == " " || scalar == "\t" || (scalar.value > 0x7F && scalar.properties.generalCategory == .spaceSeparator)
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !blank($0) }), let last = scalars.lastIndex(where: { !blank($0) }) else { return "" }
        return String(scalars[first...last])
    }
}
