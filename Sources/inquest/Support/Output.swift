import Foundation
import Inquest

/// Prints what commands return, as a table, JSON or CSV. JSON is the stable format for
/// scripts: an array of objects keyed by column (snake_case), or one object for `show`.
enum Output {
    static func print(_ records: RecordSet, as format: OutputFormat) {
        switch format {
        case .json: write(json(records))
        case .csv: write(csv(header: records.columns, rows: records.rows.map { $0.map(\.text) }))
        case .table:
            write(records.isEmpty ? "(none)\n" : table(header: records.columns, rows: records.rows.map { $0.map(\.text) }))
        }
    }

    /// One record: JSON as an object, a table as field/value lines.
    static func print(record records: RecordSet, as format: OutputFormat) {
        guard let row = records.rows.first else { return }
        switch format {
        case .json: write(json(Dictionary(zip(records.columns, row), uniquingKeysWith: { first, _ in first })))
        case .csv: print(records, as: .csv)
        case .table: write(table(header: nil, rows: zip(records.columns, row).filter { $1 != .null }.map { [$0, $1.text] }))
        }
    }

    /// What `add`/`create` commands print: in a table, the new record's key alone, so that
    /// scripts can write `person=$(inquest person add …)`; in JSON, `{"key": "P-3"}`.
    static func created(as format: OutputFormat, _ key: String) {
        switch format {
        case .table: write(key + "\n")
        case .json: write(json(["key": key]))
        case .csv: write(csv(header: ["key"], rows: [[key]]))
        }
    }

    /// A `show` made of parts: in JSON one object with a member per part (the first part,
    /// `single`, as an object; the others as arrays); in a table, headed sections.
    static func print(sections: [(name: String, records: RecordSet, single: Bool)], as format: OutputFormat) {
        switch format {
        case .json:
            var object: [String: FieldValue] = [:]
            for section in sections {
                let rows = section.records.rows.map { row in
                    FieldValue.object(Dictionary(zip(section.records.columns, row), uniquingKeysWith: { first, _ in first }))
                }
                object[section.name] = section.single ? rows.first ?? .null : .array(rows)
            }
            write(json(object))
        case .csv, .table:
            for (index, section) in sections.enumerated() {
                if index > 0 || format == .csv { write(format == .table ? "\n\(section.name)\n" : "# \(section.name)\r\n") }
                if section.single && format == .table { print(record: section.records, as: format) } else { print(section.records, as: format) }
            }
        }
    }

    static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: (try? encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self) + "\n"
    }

    static func csv(header: [String], rows: [[String]]) -> String {
        func field(_ text: String) -> String {
            text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        return ([header] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func table(header: [String]?, rows: [[String]]) -> String {
        let all = (header.map { [$0] } ?? []) + rows.map { $0.map { $0.replacingOccurrences(of: "\n", with: " ⏎ ") } }
        guard let width = all.first?.count else { return "" }
        // Lists clip long cells to keep rows on a line; a record's field/value view never clips.
        let limit = header == nil ? Int.max : 60
        let widths = (0..<width).map { column in min(limit, all.map { $0[column].count }.max() ?? 0) }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { cell, width in
                let clipped = cell.count > width ? String(cell.prefix(width - 1)) + "…" : cell
                return clipped + String(repeating: " ", count: width - clipped.count)
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        var lines = all.map(line)
        if header != nil { lines.insert(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "), at: 1) }
        return lines.joined(separator: "\n") + "\n"
    }

    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
