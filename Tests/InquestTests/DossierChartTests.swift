import Foundation
import Inquest
import Testing
import TestSupport

@Suite("Dossier time chart")
struct DossierChartTests {
    @Test("the axis breaks over long empty stretches; kinds have shapes and a legend; open and unknown ends are spans")
    func chart() throws {
        let (_, owner) = try TestDatabase.withCase()
        let person = try owner.write { transaction in try People(transaction).add(case: "IR-1988", name: .init(full: "Mostafa Pourmohammadi"), roles: ["to_be_summoned"],
                                    protected: false, description: nil) }
        _ = try owner.write { transaction in try People(transaction).addPosition(person: person, .init(title: "Deputy Minister of Intelligence", start: "1987", end: "1990")) }
        _ = try owner.write { transaction in try People(transaction).addPosition(person: person, .init(title: "Adviser", start: "2019-03", end: "..")) }
        _ = try owner.write { transaction in try People(transaction).addPosition(person: person, .init(title: "Member of a commission", start: "1988-07")) }
        _ = try owner.write { transaction in try Statements(transaction).add(person: person, medium: "interview", classification: ["denial"],
                                      Statements.Details(date: "1988-12", summary: "Denied the executions")) }
        let event = try owner.write { transaction in try Events(transaction).add(case: "IR-1988", kind: "meeting", title: "Meeting", .init(date: "2020-05-02")) }
        _ = try owner.write { transaction in try Events(transaction).addParticipant(event: event, person: person, role: "attendee") }

        let html = try owner.read { transaction in try Dossier.load(transaction, person: person) }.render(.html)
        let chart = String(html[html.range(of: "<svg")!.lowerBound ..< html.range(of: "</svg>")!.upperBound])
        #expect(chart.contains("class=\"break\""), "1990 to 2019 is empty: the axis breaks there")
        #expect(chart.components(separatedBy: "class=\"panel\"").count - 1 == 2, "two panels: 1987-1990 and 2019-2020")
        for label in ["post held", "event", "statement", "evidence", "summons", "disclosure request", "still held"] {
            #expect(chart.contains(">\(label)</text>"), "legend: \(label)")
        }
        #expect(chart.contains("marker-end=\"url(#open-end)\""), "the post still held runs on")
        #expect(chart.contains("class=\"span unknown-end\""), "a post whose end is not recorded fades out")
        #expect(chart.contains("class=\"span uncertain\""), "a month is a span within its bounds")
        #expect(chart.contains("<path class=\"point\" d=\"M"), "the event is a diamond, not a dot")
    }
}
