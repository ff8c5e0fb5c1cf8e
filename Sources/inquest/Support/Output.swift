import Foundation

/// A value the CLI can print as a table, JSON or CSV. JSON comes from `Encodable` (keys
/// sorted, dates ISO 8601) and is the stable format for scripts.
protocol Tabular: Encodable {
    static var columns: [String] { get }
    var cells: [String] { get }
}

enum Output {
    static func print<T: Tabular>(_ rows: [T], as format: OutputFormat) {
        switch format {
        case .json: write(json(rows))
        case .csv: write(csv(header: T.columns, rows: rows.map(\.cells)))
        case .table: write(table(header: T.columns, rows: rows.map(\.cells)))
        }
    }

    /// One record: JSON as an object, otherwise a two-column field/value table.
    static func print<T: Tabular>(record: T, as format: OutputFormat) {
        switch format {
        case .json: write(json(record))
        case .csv: write(csv(header: T.columns, rows: [record.cells]))
        case .table: write(table(header: nil, rows: zip(T.columns, record.cells).map { [$0, $1] }))
        }
    }

    static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        encoder.keyEncodingStrategy = .convertToSnakeCase
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
        let all = (header.map { [$0] } ?? []) + rows
        guard let width = all.first?.count else { return "" }
        let widths = (0..<width).map { column in all.map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
        var lines = all.map(line)
        if header != nil { lines.insert(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "), at: 1) }
        return lines.joined(separator: "\n") + "\n"
    }

    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
