import Inquest
import Testing
import TestSupport

@Suite("Time lines: what a person was told, and when")
struct TimelineTests {
    @Test("entries come in order of their earliest possible day; --as-of keeps what had reached them")
    func personTimeline() throws {
        let (_, session) = try TestDatabase.withCase()
        let mahallati = try session.write { transaction in try People(transaction).add(case: "IR-1988", name: .init(full: "Mohammad Jafar Mahallati"), roles: ["to_be_summoned"],
                                       protected: false, description: nil) }
        _ = try session.write { transaction in try People(transaction).addPosition(person: mahallati, .init(title: "Permanent Representative to the UN", place: "New York",
                                                             attested: "1988-11/1989-02")) }
        _ = try session.write { transaction in try Statements(transaction).add(person: mahallati, medium: "interview", classification: ["acknowledgement"],
                               Statements.Details(date: "2022-06-16", quotation: "Ambassadors have specific instructions.")) }
        _ = try session.write { transaction in try Statements(transaction).add(person: mahallati, medium: "meeting", classification: ["denial"],
                               Statements.Details(date: "[1988-11-26,1988-11-29]", quotation: "a denial")) }
        let all = try session.read { transaction in try Timelines(transaction).person(mahallati, asOf: nil) }
        #expect(all.rows.map { $0[0].text } == ["1988-11/1989-02", "[1988-11-26,1988-11-29]", "2022-06-16"])
        let byThen = try session.read { transaction in try Timelines(transaction).person(mahallati, asOf: "1988-11-27") }
        #expect(byThen.rows.count == 2)
        #expect(byThen.text("by_then") == "uncertain")            // the post runs past that day
        #expect(byThen.text("by_then", row: 1) == "uncertain")    // the 29th is also possible
        #expect(try session.read { transaction in try Timelines(transaction).person(mahallati, asOf: "1988-10-01") }.isEmpty)
        #expect(!all.columns.contains("earliest_solar_hijri"))
        let both = try session.read { transaction in try Timelines(transaction).person(mahallati, asOf: nil, solarHijri: true) }
        #expect(both.text("earliest_solar_hijri") == "1367-08-10")  // 1 November 1988
        #expect(throws: InquestError.self) { try session.read { transaction in try Timelines(transaction).person("P-999999", asOf: nil) } }
    }

    @Test("case summary counts by state, overdue apart, and unlinked evidence")
    func summary() throws {
        let (_, session) = try TestDatabase.withCase()
        let person = try session.write { transaction in try People(transaction).add(case: "IR-1988", name: .init(full: "Sirous Nasseri"), roles: [], protected: false, description: nil) }
        _ = try session.write(Summonses.create(person: person, .init()))
        _ = try session.write { transaction in try Disclosures(transaction).request(person: person, topic: "other", question: "?", summons: nil,
                                             requestedOn: "2023-02-06", dueOn: "2023-03-06") }
        _ = try session.write { transaction in try Evidence(transaction).add(case: "IR-1988", kind: "un_document", title: "Interim report",
                                      details: Evidence.Details(unSymbol: "A/43/705")) }
        let summary = try session.read { transaction in try Cases(transaction).summary("IR-1988") }
        let rows = summary.counts.rows.map { "\($0[0].text)/\($0[1].text)=\($0[2].text)" }
        #expect(rows.contains("summonses/draft=1"))
        #expect(rows.contains("disclosure requests/overdue=1"))
        #expect(rows.contains("people/all=1"))
        #expect(summary.evidence.text("kind") == "un_document")
        #expect(summary.evidence.text("unlinked") == "1")
        let missing = try #require(throws: InquestError.self) { try session.read { transaction in try Cases(transaction).summary("XX-0000") } }
        #expect(missing.code == .notFound)
        #expect(throws: InquestError.self) { try session.read { transaction in try Timelines(transaction).caseChronology("XX-0000") } }
    }
}
