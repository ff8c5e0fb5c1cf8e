import Foundation
import Postgres

/// A person's dossier: who they are under every name, the posts they held, what reached
/// them and when, what they said and the evidence that contradicts it, and what they have
/// been asked. Built from the caller's view of the records, so a protected person appears
/// only under their pseudonym, and nothing the caller may not read is in it.
public struct Dossier: Sendable {
    public var person: Sections
    public var timeline: RecordSet
    /// Each statement with the evidence linked to it (relation, evidence, locator).
    public var statementEvidence: RecordSet
    public var generatedAt: Date
    public var generatedBy: String

    public enum Format: String, Sendable { case html, markdown }

    /// Reads everything the dossier shows, in the caller's transaction: given one of
    /// `Session.read`, one snapshot, so its parts agree with each other.
    public static func load(_ transaction: Transaction, person: String) throws -> Dossier {
        try load(transaction, person: person, afterFirstPart: {})
    }

    /// `load`, running `afterFirstPart` once the person's record has been read (tests: a
    /// write committed from elsewhere at that moment must not show in the later parts).
    static func load(_ transaction: Transaction, person: String, afterFirstPart: () throws -> Void) throws -> Dossier {
        let shown = try People(transaction).show(person)
        try afterFirstPart()
        let timeline = try Timelines(transaction).person(person, asOf: nil)
        let statementEvidence = try readContract(transaction.connection, "inquest.person_statement_evidence", [person])
        return Dossier(person: shown, timeline: timeline, statementEvidence: statementEvidence,
                       generatedAt: Date(), generatedBy: transaction.user)
    }

    public func render(_ format: Format) -> String {
        format == .html ? html() : markdown()
    }

    // MARK: - Markdown

    func markdown() -> String {
        var out = "# Dossier: \(person.person.value("name"))\n\n"
        out += "Person \(person.person.value("key")), case \(person.person.value("case")). "
        out += "Generated \(generatedAt.formatted(.iso8601)) by \(generatedBy).\n\n"
        for (title, set) in sections {
            out += "## \(title)\n\n"
            guard !set.isEmpty else { out += "None recorded.\n\n"; continue }
            out += "| " + set.columns.joined(separator: " | ") + " |\n"
            out += "|" + String(repeating: "---|", count: set.columns.count) + "\n"
            for row in set.rows {
                out += "| " + row.map { $0.text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
                    .joined(separator: " | ") + " |\n"
            }
            out += "\n"
        }
        return out
    }

    // MARK: - HTML

    func html() -> String {
        let name = escape(person.person.value("name"))
        var body = "<h1>Dossier: \(name)</h1>\n"
        body += "<p class=\"meta\">Person \(escape(person.person.value("key"))), case \(escape(person.person.value("case"))). "
        body += "Generated \(escape(generatedAt.formatted(.iso8601))) by \(escape(generatedBy)).</p>\n"
        body += "<h2>Time chart</h2>\n" + chart()
        for (title, set) in sections {
            body += "<h2>\(escape(title))</h2>\n"
            guard !set.isEmpty else { body += "<p class=\"none\">None recorded.</p>\n"; continue }
            body += "<table><thead><tr>" + set.columns.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead><tbody>\n"
            for row in set.rows {
                body += "<tr>" + row.map { "<td>\(escape($0.text))</td>" }.joined() + "</tr>\n"
            }
            body += "</tbody></table>\n"
        }
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Dossier: \(name)</title>
            <style>
            body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 70rem; color: #222; padding: 0 1rem; }
            h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
            table { border-collapse: collapse; width: 100%; font-size: 13px; }
            th, td { border: 1px solid #ddd; padding: 4px 6px; text-align: left; vertical-align: top; }
            th { background: #f3f3f3; } .meta, .none { color: #666; }
            svg text { font: 11px system-ui, sans-serif; fill: #333; } svg .tick { text-anchor: middle; fill: #666; }
            .span { opacity: .8; } .span.uncertain { fill: #999; fill-opacity: .25; stroke-dasharray: 3 2; opacity: 1; }
            .panel { fill: #fafafa; stroke: #e4e4e4; } .axis, .break { stroke: #888; fill: none; } .open { stroke: #555; }
            @media print { body { margin: 0; max-width: none; font-size: 11pt; } svg { break-inside: avoid; } }
            </style></head><body>
            \(body)</body></html>

            """
    }

    /// The sections after the heading, in reading order.
    var sections: [(String, RecordSet)] {
        [("Identity and names", person.names), ("Posts held", person.positions), ("Time line", timelineTable),
         ("Statements", person.statements), ("Statements against the evidence", statementEvidence),
         ("Summonses", person.summonses), ("Questions put (disclosure requests)", person.disclosures),
         ("Evidence naming or addressed to the person", person.evidence), ("Testimony", person.testimony)]
    }

    /// The time line without its sort bounds (they are in the chart).
    var timelineTable: RecordSet {
        let keep = timeline.columns.indices.filter { !["earliest", "latest", "by_then"].contains(timeline.columns[$0]) }
        return RecordSet(columns: keep.map { timeline.columns[$0] }, rows: timeline.rows.map { row in keep.map { row[$0] } })
    }

    /// The kinds of entry the chart tells apart, each with its shape and colour (legend order).
    static let chartKinds: [(kind: String, label: String, shape: String, colour: String)] = [
        ("position", "post held", "bar", "#3b6ea8"), ("event", "event", "diamond", "#d07a1f"),
        ("statement", "statement", "circle", "#b5403a"), ("evidence", "evidence", "square", "#3c8a4a"),
        ("summons", "summons", "triangle", "#7a4fa3"), ("disclosure_request", "disclosure request", "star", "#8a6a3c"),
    ]

    /// One dated entry of the chart: its bounds (nil where open or unknown), how its end is
    /// known, and what to print beside it.
    struct ChartEntry {
        var kind: String
        var start: Date
        var end: Date?
        var endKind: String
        var exact: Bool
        var text: String
        var label: String
    }

    /// An SVG time chart of the dated entries. The axis is broken over long empty stretches:
    /// each cluster of dates (entries less than two years apart) gets a panel of its own, so
    /// that months that matter are not squeezed into one column beside a span of decades.
    /// Kinds have their own shape and colour (legend); a date known only within bounds
    /// (a month, a set, an approximate day) is a translucent span with a dashed edge; a post
    /// still held runs to the right edge with an arrow; an end not recorded fades out.
    func chart() -> String {
        guard let dateIndex = timeline.columns.firstIndex(of: "date"), let entryIndex = timeline.columns.firstIndex(of: "entry"),
              let labelIndex = timeline.columns.firstIndex(of: "summary") else { return "" }
        let fromIndex = timeline.columns.firstIndex(of: "earliest"), toIndex = timeline.columns.firstIndex(of: "latest")
        let entries: [ChartEntry] = timeline.rows.compactMap { row in
            func day(_ index: Int?) -> Date? {
                guard let index, case .string(let text) = row[index] else { return nil }
                return Date(postgresText: text)
            }
            var endKind = "known"
            if case .object(let date) = row[dateIndex], case .string(let end)? = date["end"] { endKind = end }
            guard let start = day(fromIndex) ?? day(toIndex) else { return nil }
            let end = day(toIndex)
            let kind = String(row[entryIndex].text.prefix { $0 != ":" })
            return ChartEntry(kind: kind, start: start, end: end, endKind: end == nil ? endKind : "known",
                              exact: end == start, text: row[dateIndex].text, label: row[labelIndex].text)
        }
        guard !entries.isEmpty else { return "<p class=\"none\">No dated entries.</p>\n" }

        // Clusters of anchor days (starts and known ends), broken where two years pass empty.
        let year = 365.25 * 86_400
        let anchors = entries.flatMap { [$0.start] + ($0.end.map { [$0] } ?? []) }.sorted()
        var clusters: [(from: Date, to: Date)] = []
        for anchor in anchors {
            if let last = clusters.last, anchor.timeIntervalSince(last.to) <= 2 * year {
                clusters[clusters.count - 1].to = anchor
            } else {
                clusters.append((anchor, anchor))
            }
        }
        // Each panel shows its cluster with a margin; widths follow the square root of the
        // duration, never under 140 units, so a short cluster stays readable.
        let width = 1000.0, left = 10.0, right = 40.0, gap = 18.0
        let padded = clusters.map { (from: $0.from.addingTimeInterval(-45 * 86_400), to: $0.to.addingTimeInterval(76 * 86_400)) }
        let weights = padded.map { max(sqrt($0.to.timeIntervalSince($0.from) / year), 0.35) }
        let usable = width - left - right - gap * Double(max(padded.count - 1, 0))
        let panelWidths = weights.map { usable * $0 / weights.reduce(0, +) }
        var panelLeft: [Double] = []
        var cursor = left
        for w in panelWidths { panelLeft.append(cursor); cursor += w + gap }
        func x(_ date: Date) -> Double {
            for (i, panel) in padded.enumerated() {
                if date <= panel.to {
                    if date < panel.from { return panelLeft[i] - gap / 2 }   // in the break before panel i
                    return panelLeft[i] + panelWidths[i] * date.timeIntervalSince(panel.from) / panel.to.timeIntervalSince(panel.from)
                }
            }
            return width - right   // after the last panel
        }

        let rowHeight = 20.0, top = 34.0
        let axisY = top + Double(entries.count) * rowHeight + 6
        let height = axisY + 56
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" "
            + "style=\"width: 100%; max-width: \(Int(width))px\" role=\"img\" aria-label=\"time chart\">\n"
        svg += "<defs><marker id=\"open-end\" viewBox=\"0 0 10 10\" refX=\"8\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto\">"
            + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker>"
        for kind in Self.chartKinds {
            svg += "<linearGradient id=\"fade-\(kind.kind)\"><stop offset=\"0\" stop-color=\"\(kind.colour)\" stop-opacity=\".8\"/>"
                + "<stop offset=\"1\" stop-color=\"\(kind.colour)\" stop-opacity=\"0\"/></linearGradient>"
        }
        svg += "</defs>\n"

        // Legend: kinds, then how spans read.
        var legendX = left
        for kind in Self.chartKinds {
            svg += shape(kind.shape, x: legendX + 6, y: 12, colour: kind.colour)
            svg += "<text x=\"\(legendX + 16)\" y=\"16\">\(escape(kind.label))</text>"
            legendX += 30 + Double(kind.label.count) * 6.2
        }
        svg += "<rect class=\"span uncertain\" x=\"\(legendX)\" y=\"6\" width=\"22\" height=\"11\"/><text x=\"\(legendX + 27)\" y=\"16\">date within bounds</text>"
        legendX += 140
        svg += "<line class=\"open\" x1=\"\(legendX)\" y1=\"12\" x2=\"\(legendX + 22)\" y2=\"12\" marker-end=\"url(#open-end)\"/><text x=\"\(legendX + 27)\" y=\"16\">still held</text>\n"

        // Panels: their axis, ticks and the breaks between them.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        for (i, panel) in padded.enumerated() {
            let x0 = panelLeft[i], x1 = panelLeft[i] + panelWidths[i]
            svg += "<rect class=\"panel\" x=\"\(x0)\" y=\"\(top - 6)\" width=\"\(x1 - x0)\" height=\"\(axisY - top + 6)\"/>"
            svg += "<line class=\"axis\" x1=\"\(x0)\" y1=\"\(axisY)\" x2=\"\(x1)\" y2=\"\(axisY)\"/>\n"
            if i > 0 {
                let bx = x0 - gap / 2
                svg += "<path class=\"break\" d=\"M\(bx - 4),\(axisY + 5) L\(bx),\(axisY - 5) M\(bx),\(axisY + 5) L\(bx + 4),\(axisY - 5)\"/>\n"
            }
            let months = panel.to.timeIntervalSince(panel.from) / year * 12
            let stepMonths = months <= 18 ? 1 : months <= 48 ? 3 : months <= 120 ? 12 : 60
            var tick = calendar.date(from: calendar.dateComponents([.year, .month], from: panel.from))!
            while tick <= panel.to {
                if tick >= panel.from {
                    let tx = x(tick), c = calendar.dateComponents([.year, .month], from: tick)
                    let text = stepMonths >= 12 ? (c.month == 1 ? "\(c.year!)" : nil)
                        : c.month == 1 ? "\(c.year!)" : (stepMonths == 1 || (c.month! - 1) % stepMonths == 0 ? String(format: "%02d", c.month!) : nil)
                    if let text {
                        svg += "<line class=\"axis\" x1=\"\(tx)\" y1=\"\(axisY - 3)\" x2=\"\(tx)\" y2=\"\(axisY + 3)\"/>"
                        svg += "<text class=\"tick\" x=\"\(tx)\" y=\"\(axisY + 15)\">\(text)</text>\n"
                    }
                }
                tick = calendar.date(byAdding: .month, value: stepMonths == 60 ? 12 : stepMonths, to: tick)!
            }
        }

        // Entries, one per row; the date and summary are in the table below the chart and
        // in each mark's tooltip.
        for (index, entry) in entries.enumerated() {
            let y = top + Double(index) * rowHeight
            let colour = Self.chartKinds.first { $0.kind == entry.kind }?.colour ?? "#555"
            let shapeName = Self.chartKinds.first { $0.kind == entry.kind }?.shape ?? "circle"
            let title = "<title>\(escape(entry.text + " " + entry.label))</title>"
            let start = x(entry.start)
            if let end = entry.end {
                let stop = max(x(end.addingTimeInterval(86_399)), start + 2)
                if entry.kind == "position" && !entry.exact {
                    svg += "<rect class=\"span\" x=\"\(start)\" y=\"\(y)\" width=\"\(stop - start)\" height=\"12\" rx=\"3\" fill=\"\(colour)\">\(title)</rect>\n"
                } else if entry.exact || stop - start < 3 {
                    svg += "<g>\(title)\(shape(shapeName, x: start, y: y + 6, colour: colour))</g>\n"
                } else {
                    svg += "<rect class=\"span uncertain\" x=\"\(start)\" y=\"\(y + 1)\" width=\"\(stop - start)\" height=\"10\" stroke=\"\(colour)\">\(title)</rect>"
                    svg += shape(shapeName, x: (start + stop) / 2, y: y + 6, colour: colour) + "\n"
                }
            } else if entry.endKind == "open" {
                svg += "<g>\(title)<rect class=\"span\" x=\"\(start)\" y=\"\(y)\" width=\"\(width - right - start + 20)\" height=\"12\" rx=\"3\" fill=\"\(colour)\"/>"
                svg += "<line class=\"open\" x1=\"\(width - right + 20)\" y1=\"\(y + 6)\" x2=\"\(width - 4)\" y2=\"\(y + 6)\" marker-end=\"url(#open-end)\"/></g>\n"
            } else {
                svg += "<rect class=\"span unknown-end\" x=\"\(start)\" y=\"\(y)\" width=\"\(min(120, width - right - start))\" height=\"12\" fill=\"url(#fade-\(entry.kind))\">\(title)</rect>\n"
            }
            let label = entry.label.count > 40 ? String(entry.label.prefix(39)) + "…" : entry.label
            let labelX = min(start + 8, width - right - 230)
            svg += "<text class=\"label\" x=\"\(max(labelX, left))\" y=\"\(y - 1)\">\(escape(entry.text)) \(escape(label))</text>\n"
        }
        return svg + "</svg>\n"
    }

    /// A mark of the chart, centred on (x, y).
    func shape(_ name: String, x: Double, y: Double, colour: String) -> String {
        switch name {
        case "bar": "<rect x=\"\(x - 6)\" y=\"\(y - 4)\" width=\"12\" height=\"8\" rx=\"2\" fill=\"\(colour)\"/>"
        case "diamond": "<path class=\"point\" d=\"M\(x),\(y - 6) L\(x + 6),\(y) L\(x),\(y + 6) L\(x - 6),\(y) z\" fill=\"\(colour)\"/>"
        case "square": "<rect class=\"point\" x=\"\(x - 5)\" y=\"\(y - 5)\" width=\"10\" height=\"10\" fill=\"\(colour)\"/>"
        case "triangle": "<path class=\"point\" d=\"M\(x),\(y - 6) L\(x + 6),\(y + 5) L\(x - 6),\(y + 5) z\" fill=\"\(colour)\"/>"
        case "star": "<path class=\"point\" d=\"M\(x),\(y - 6) L\(x + 2),\(y - 2) L\(x + 6),\(y - 2) L\(x + 3),\(y + 1) L\(x + 4),\(y + 6) L\(x),\(y + 3) L\(x - 4),\(y + 6) L\(x - 3),\(y + 1) L\(x - 6),\(y - 2) L\(x - 2),\(y - 2) z\" fill=\"\(colour)\"/>"
        default: "<circle class=\"point\" cx=\"\(x)\" cy=\"\(y)\" r=\"5\" fill=\"\(colour)\"/>"
        }
    }

    func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}

extension RecordSet {
    /// The text of `column` in the first row ("" when absent).
    func value(_ column: String) -> String { first(column)?.text ?? "" }
}
