import Foundation
import Postgres

/// A person's dossier: who they are under every name, the posts they held, what reached
/// them and when, what they said and the evidence that contradicts it, and what they have
/// been asked. Built from the caller's view of the records, so a protected person appears
/// only under their pseudonym, and nothing the caller may not read is in it.
public struct Dossier: Sendable {
    public var person: People.Dossier
    public var timeline: RecordSet
    /// Each statement with the evidence linked to it (relation, evidence, locator).
    public var statementEvidence: RecordSet
    public var generatedAt: Date
    public var generatedBy: String

    public enum Format: String, Sendable { case html, markdown }

    /// Reads everything the dossier shows, in one snapshot.
    public static func load(_ session: Session, person: String) throws -> Dossier {
        let shown = try People(session).show(person)
        let timeline = try Timelines(session).person(person, asOf: nil)
        let statementEvidence = try session.read { connection in
            try records(connection, """
                select s.key as statement, l.relation, e.key as evidence, e.title,
                       coalesce(e.un_symbol, e.amnesty_index, e.other_identifier) as identifier, l.locator, l.excerpt
                from inquest.statement s
                join inquest.person p on p.case_id = s.case_id and p.id = s.person_id
                join inquest.evidence_link l on l.case_id = s.case_id and l.statement_id = s.id
                join inquest.evidence e on e.case_id = l.case_id and e.id = l.evidence_id
                where p.key = $1 order by s.date_from nulls last, s.id, l.relation, e.key
                """, [person])
        }
        return Dossier(person: shown, timeline: timeline, statementEvidence: statementEvidence,
                       generatedAt: Date(), generatedBy: session.user)
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
            svg text { font: 11px system-ui, sans-serif; fill: #333; } .span { fill: #4a7ab5; opacity: .75; }
            .point { fill: #b5524a; } .axis { stroke: #999; }
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

    /// An SVG chart of the dated entries: a dot for a day, a bar for an uncertain or long span.
    func chart() -> String {
        guard let fromIndex = timeline.columns.firstIndex(of: "earliest"), let toIndex = timeline.columns.firstIndex(of: "latest"),
              let labelIndex = timeline.columns.firstIndex(of: "summary"), let dateIndex = timeline.columns.firstIndex(of: "date")
        else { return "" }
        let dated: [(Date, Date, String, String)] = timeline.rows.compactMap { row in
            guard case .string(let from) = row[fromIndex], case .string(let to) = row[toIndex],
                  let start = Date(postgresText: from), let end = Date(postgresText: to) else { return nil }
            return (start, end, row[dateIndex].text, row[labelIndex].text)
        }
        guard let first = dated.map(\.0).min(), let last = dated.map(\.1).max() else {
            return "<p class=\"none\">No dated entries.</p>\n"
        }
        let width = 1000.0, left = 10.0, labelWidth = 440.0, rowHeight = 18.0
        let span = max(last.timeIntervalSince(first), 86_400)
        func x(_ date: Date) -> Double { left + (width - left - labelWidth - 20) * date.timeIntervalSince(first) / span }
        let height = Double(dated.count) * rowHeight + 30
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" "
            + "style=\"width: 100%; max-width: \(Int(width))px\" role=\"img\" aria-label=\"time chart\">\n"
        let axisY = Double(dated.count) * rowHeight + 8
        svg += "<line class=\"axis\" x1=\"\(left)\" y1=\"\(axisY)\" x2=\"\(x(last))\" y2=\"\(axisY)\"/>\n"
        // Year ticks: every year over short spans, every fifth or tenth over long ones.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let firstYear = calendar.component(.year, from: first), lastYear = calendar.component(.year, from: last)
        let step = lastYear - firstYear > 30 ? 10 : lastYear - firstYear > 10 ? 5 : 1
        for year in stride(from: (firstYear / step + 1) * step, through: lastYear, by: step) {
            guard let tick = calendar.date(from: DateComponents(year: year, month: 1, day: 1)) else { continue }
            svg += "<line class=\"axis\" x1=\"\(x(tick))\" y1=\"\(axisY - 3)\" x2=\"\(x(tick))\" y2=\"\(axisY + 3)\"/>"
            svg += "<text x=\"\(x(tick) - 12)\" y=\"\(axisY + 16)\">\(year)</text>\n"
        }
        for (index, entry) in dated.enumerated() {
            let y = Double(index) * rowHeight + 4
            let start = x(entry.0), end = x(entry.1 + 86_399)
            if end - start < 3 {
                svg += "<circle class=\"point\" cx=\"\(start)\" cy=\"\(y + 6)\" r=\"4\"><title>\(escape(entry.2))</title></circle>\n"
            } else {
                svg += "<rect class=\"span\" x=\"\(start)\" y=\"\(y)\" width=\"\(end - start)\" height=\"12\" rx=\"3\"><title>\(escape(entry.2))</title></rect>\n"
            }
            let label = entry.3.count > 64 ? String(entry.3.prefix(63)) + "…" : entry.3
            svg += "<text x=\"\(width - labelWidth)\" y=\"\(y + 10)\">\(escape(entry.2)) \(escape(label))</text>\n"
        }
        return svg + "</svg>\n"
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
