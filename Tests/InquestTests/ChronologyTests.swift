import Inquest
import Testing
import TestSupport

@Suite("Chronology: events with participants, statements by persons")
struct ChronologyTests {
    @Test("events are ordered by their partial dates and filtered on the bounds; dates print as given")
    func eventsByDate() throws {
        let (_, session) = try TestDatabase.withCase()
        let dated: [(String, String?)] = [
            ("General Assembly resolution 43/137", "1988-12-08"),
            ("Meetings on the resolution", "1988-11~/1988-12~"),
            ("Undated broadcast", nil),
            ("Interim report of the Special Representative", "1988-10-13"),
            ("Executions in Gohardasht", "[1988-08-24,1988-08-26]"),
            ("Meeting in Tokyo", "1989-03-03"),
        ]
        for (title, date) in dated {
            _ = try session.write { transaction in try Events(transaction).add(case: "IR-1988", kind: "other", title: title, .init(date: date)) }
        }
        let all = try session.read { transaction in try Events(transaction).list(case: "IR-1988") }
        // (an approximate range widens by its margin, a month either side: from 1 October 1988)
        #expect((0..<all.rows.count).map { all.text("date", row: $0) }
            == ["[1988-08-24,1988-08-26]", "1988-11~/1988-12~", "1988-10-13", "1988-12-08", "1989-03-03", nil])
        // "Could have happened in December 1988": the Nov–Dec range overlaps, undated is left out.
        let december = try session.read { transaction in try Events(transaction).list(case: "IR-1988", from: "1988-12", to: "1988-12") }
        #expect((0..<december.rows.count).compactMap { december.text("title", row: $0) }
            == ["Meetings on the resolution", "General Assembly resolution 43/137"])
        let from1989 = try session.read { transaction in try Events(transaction).list(from: "1989") }
        #expect((0..<from1989.rows.count).compactMap { from1989.text("title", row: $0) }
            == ["Meetings on the resolution", "Meeting in Tokyo"], "~ reaches into January 1989")
        let bad = try #require(throws: InquestError.self) { try session.read { transaction in try Events(transaction).list(from: "1988-02-30") } }
        #expect(bad.code == .invalidInput && bad.field == "from" && bad.message.contains("29 days"))
        let badDate = try #require(throws: InquestError.self) {
            try session.write { transaction in try Events(transaction).add(case: "IR-1988", kind: "meeting", title: "Backwards", .init(date: "1989-01/1988-12")) }
        }
        #expect(badDate.rule == "event_date_valid")
        #expect(try RecordsKit.count(session, "event") == dated.count)
    }

    @Test("participants: a person of the case or a named group; another case's person is refused")
    func participants() throws {
        let (_, session) = try TestDatabase.withCase()
        _ = try session.write { transaction in try Cases(transaction).create(reference: "CA-1988", title: "Ottawa", description: nil) }
        let mahallati = try session.write { transaction in try People(transaction).add(case: "IR-1988", name: .init(full: "Mohammad Jafar Mahallati"), roles: [], protected: false,
                                       description: nil) }
        let mousavi = try session.write { transaction in try People(transaction).add(case: "CA-1988", name: .init(full: "Mohammad Ali Mousavi"), roles: [], protected: false,
                                     description: nil) }
        let meeting = try session.write { transaction in try Events(transaction).add(case: "IR-1988", kind: "meeting", title: "Second meeting with the Special Representative",
                                     .init(date: "1988-11-29", place: "New York")) }
        _ = try session.write { transaction in try Events(transaction).addParticipant(event: meeting, person: mahallati, role: "attendee") }
        _ = try session.write { transaction in try Events(transaction).addParticipant(event: meeting, name: "UN Special Representative on Iran", role: "attendee") }
        let crossCase = try #require(throws: InquestError.self) {
            try session.write { transaction in try Events(transaction).addParticipant(event: meeting, person: mousavi, role: "attendee") }
        }
        #expect(crossCase.code == .invalidInput && crossCase.rule == "event_participant_person_fk")
        let missing = try #require(throws: InquestError.self) {
            try session.write { transaction in try Events(transaction).addParticipant(event: "EV-9999", person: mahallati, role: "attendee") }
        }
        #expect(missing.code == .notFound && missing.field == "event")
        let nobody = try #require(throws: InquestError.self) { try session.write { transaction in try Events(transaction).addParticipant(event: meeting, name: "  ", role: "attendee") } }
        #expect(nobody.rule == "event_participant_who")
        let twice = try #require(throws: InquestError.self) {
            try session.write { transaction in try Events(transaction).addParticipant(event: meeting, person: mahallati, role: "attendee") }
        }
        #expect(twice.code == .conflict)
        let shown = try session.read { transaction in try Events(transaction).show(meeting) }
        #expect(shown.participants.rows.count == 2)
        #expect(shown.participants.text("name") == "Mohammad Jafar Mahallati")
        #expect(shown.participants.text("person", row: 1) == nil)
        #expect(try RecordsKit.count(session, "event_participant") == 2)
    }

    @Test("statements: repeatable classification, the speaker's own post, the event; shown with the evidence against them")
    func statements() throws {
        let (_, session) = try TestDatabase.withCase()
        let mahallati = try session.write { transaction in try People(transaction).add(case: "IR-1988", name: .init(full: "Mohammad Jafar Mahallati"), roles: [], protected: false,
                                       description: nil) }
        let basti = try session.write { transaction in try People(transaction).add(case: "IR-1988", name: .init(full: "Mohammad Mehdi Akhoundzadeh Basti"), roles: [],
                                   protected: false, description: nil) }
        let post = try session.write { transaction in try People(transaction).addPosition(person: mahallati, .init(title: "Permanent Representative", place: "New York",
                                                                   attested: "1988-11/1989-02")) }
        let meeting = try session.write { transaction in try Events(transaction).add(case: "IR-1988", kind: "meeting", title: "Second meeting", .init(date: "1988-11-29")) }
        let denial = try session.write { transaction in try Statements(transaction).add(person: mahallati, medium: "meeting", classification: ["denial", "misinformation"], .init(
            date: "1988-11-29", venue: "New York", audience: "UN Special Representative",
            quotation: "many killings had in fact occurred on the battlefield", wording: "paraphrase", language: "en",
            position: post, event: meeting)) }
        _ = try session.write { transaction in try Statements(transaction).add(person: mahallati, medium: "interview", classification: ["denial"], .init(
            date: "2022-06-16", venue: "VOA Farsi", quotation: "I absolutely had no information.")) }
        _ = try session.write { transaction in try Statements(transaction).add(person: basti, medium: "broadcast", classification: ["misinformation"], .init(
            date: "1988-12", venue: "BBC World Service", summary: "Called the reports an attempt to damage Iran's efforts")) }

        let notHisPost = try #require(throws: InquestError.self) {
            try session.write { transaction in try Statements(transaction).add(person: basti, medium: "broadcast", classification: ["denial"], .init(quotation: "x", position: post)) }
        }
        #expect(notHisPost.code == .invalidInput && notHisPost.rule == "statement_position_fk")
        let noPost = try #require(throws: InquestError.self) {
            try session.write { transaction in try Statements(transaction).add(person: basti, medium: "broadcast", classification: ["denial"], .init(quotation: "x", position: "PO-9999")) }
        }
        #expect(noPost.code == .notFound && noPost.field == "position")
        let noWords = try #require(throws: InquestError.self) {
            try session.write { transaction in try Statements(transaction).add(person: basti, medium: "broadcast", classification: ["denial"], .init(date: "1988-12")) }
        }
        #expect(noWords.rule == "statement_has_content")
        let badClass = try #require(throws: InquestError.self) {
            try session.write { transaction in try Statements(transaction).add(person: basti, medium: "broadcast", classification: ["denial", "lie"], .init(quotation: "x")) }
        }
        #expect(badClass.rule == "statement_classification_valid" && badClass.message.contains("lie"))
        #expect(try RecordsKit.count(session, "statement") == 3)

        let misinformation = try session.read { transaction in try Statements(transaction).list(classification: "misinformation") }
        #expect((0..<misinformation.rows.count).compactMap { misinformation.text("date", row: $0) } == ["1988-11-29", "1988-12"])
        let his = try session.read { transaction in try Statements(transaction).list(case: "IR-1988", person: mahallati) }
        #expect(his.rows.count == 2 && his.text("key") == denial)
        #expect(his.rows[0][his.columns.firstIndex(of: "classification")!] == .array([.string("denial"), .string("misinformation")]))

        let report = try session.write { transaction in try Evidence(transaction).add(case: "IR-1988", kind: "un_document", title: "Report of the Special Representative",
                                               details: .init(date: "1989-01-26", unSymbol: "E/CN.4/1989/26")) }
        _ = try session.write { transaction in try Links(transaction).add(evidence: report, target: denial, relation: "contradicts", .init(locator: "para. 68")) }
        let shown = try session.read { transaction in try Statements(transaction).show(denial) }
        #expect(shown.statement.text("position") == post)
        #expect(shown.statement.text("event") == meeting)
        #expect(shown.statement.text("date") == "1988-11-29")
        #expect(shown.links.text("evidence") == report)
        #expect(shown.links.text("relation") == "contradicts")
        #expect(try session.read { transaction in try Events(transaction).show(meeting) }.statements.text("key") == denial)

        try session.write { transaction in try Statements(transaction).update(denial, classification: ["denial"], .init(notes: "Reported in E/CN.4/1989/26")) }
        #expect(try session.read { transaction in try Statements(transaction).show(denial) }.statement.text("classification") == "denial")
    }
}
