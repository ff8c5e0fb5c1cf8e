import Inquest
import Postgres
import Testing
import TestSupport

/// Case IR-1988 with one record of every kind a link can point at, and case CA-1988 with a
/// person and an evidence item of its own.
struct LinkFixture {
    let database: TestDatabase
    let session: Session
    let evidence: String        // E-: A/43/705 in IR-1988
    let mahallati: String       // P-
    let statement: String       // ST-
    let event: String           // EV-
    let summons: String         // S-
    let disclosure: String      // D-
    let segment: String         // TS-
    let otherPerson: String     // P- in CA-1988
    let otherEvidence: String   // E- in CA-1988

    init() throws {
        (database, session) = try TestDatabase.withCase()
        _ = try session.write { transaction in try Cases(transaction).create(reference: "CA-1988", title: "Ottawa", description: nil) }
        mahallati = try session.write { transaction in try People(transaction).add(case: "IR-1988", name: .init(full: "Mohammad Jafar Mahallati"), roles: ["to_be_summoned"],
                                   protected: false, description: nil) }
        otherPerson = try session.write { transaction in try People(transaction).add(case: "CA-1988", name: .init(full: "Mohammad Ali Mousavi"), roles: ["to_be_summoned"],
                                     protected: false, description: nil) }
        evidence = try session.write { transaction in try Evidence(transaction).add(case: "IR-1988", kind: "un_document", title: "Interim report",
                                             details: .init(date: "1988-10-13", unSymbol: "A/43/705")) }
        otherEvidence = try session.write { transaction in try Evidence(transaction).add(case: "CA-1988", kind: "ngo_report", title: "Record of meeting in Ottawa",
                                                  details: .init(date: "1988-12-22")) }
        event = try session.write { transaction in try Events(transaction).add(case: "IR-1988", kind: "meeting", title: "Second meeting with the Special Representative",
                                        .init(date: "1988-11-29", place: "New York")) }
        let mahallati = self.mahallati
        statement = try session.write { transaction in try Statements(transaction).add(person: mahallati, medium: "meeting", classification: ["denial"],
                                                .init(date: "1988-11-29", quotation: "battlefield killings", wording: "paraphrase")) }
        // Summonses, disclosures and testimony have services of their own; plain SQL keeps
        // these tests about links.
        let c = session.connection
        summons = try c.query("""
            insert into inquest.summons (case_id, person_id, purpose)
            select case_id, id, 'To explain the instructions received' from inquest.person where key = $1 returning key
            """, [mahallati]).first!.decode(String.self, "key")
        disclosure = try c.query("""
            insert into inquest.disclosure_request (case_id, person_id, topic, question, requested_on)
            select case_id, id, 'reports_to_capital', 'To whom in Tehran did you report?', date '2024-03-01'
            from inquest.person where key = $1 returning key
            """, [mahallati]).first!.decode(String.self, "key")
        segment = try c.query("""
            with s as (insert into inquest.testimony_session (case_id, deponent_id)
                       select case_id, id from inquest.person where key = $1 returning case_id, id)
            insert into inquest.transcript_segment (case_id, session_id, ordinal, time_offset, speaker, original_text)
            select case_id, id, 1, interval '00:02:33', 'MAHALLATI', 'I absolutely had no information.' from s
            returning key
            """, [mahallati]).first!.decode(String.self, "key")
    }
}

@Suite("Links: evidence to any record of its case, with integrity")
struct LinkTests {
    @Test("evidence links to each kind of target, chosen by the key's prefix, and lists by target")
    func everyKind() throws {
        let f = try LinkFixture()
        let targets = [f.mahallati, f.statement, f.event, f.summons, f.disclosure, f.segment]
        for target in targets {
            _ = try f.session.write { transaction in try Links(transaction).add(evidence: f.evidence, target: target, relation: "mentions", .init(locator: "para. 47")) }
        }
        let all = try f.session.read { transaction in try Links(transaction).list(evidence: f.evidence) }
        #expect(all.rows.count == 6)
        #expect(Set((0..<6).compactMap { all.text("target", row: $0) }) == Set(targets))
        #expect(Set((0..<6).compactMap { all.text("target_kind", row: $0) })
            == ["person", "statement", "event", "summons", "disclosure_request", "transcript_segment"])
        let toStatement = try f.session.read { transaction in try Links(transaction).list(target: f.statement) }
        #expect(toStatement.rows.count == 1)
        #expect(toStatement.text("target_summary") == "battlefield killings")
        #expect(try f.session.read { transaction in try Links(transaction).list(target: f.segment) }.text("target_summary") == "MAHALLATI: I absolutely had no information.")
        #expect(try f.session.read { transaction in try Links(transaction).list(case: "CA-1988") }.isEmpty)
        #expect(try f.session.read { transaction in try Links(transaction).list(case: "IR-1988") }.rows.count == 6)
    }

    @Test("a target that does not exist is not found, naming it; nothing is written")
    func missingTarget() throws {
        let f = try LinkFixture()
        let person = try #require(throws: InquestError.self) {
            try f.session.write { transaction in try Links(transaction).add(evidence: f.evidence, target: "P-9999", relation: "mentions") }
        }
        #expect(person.code == .notFound && person.message.contains("P-9999") && person.field == "person")
        let segment = try #require(throws: InquestError.self) {
            try f.session.write { transaction in try Links(transaction).add(evidence: f.evidence, target: "TS-9999", relation: "corroborates") }
        }
        #expect(segment.code == .notFound && segment.field == "transcript_segment")
        let evidence = try #require(throws: InquestError.self) {
            try f.session.write { transaction in try Links(transaction).add(evidence: "E-9999", target: f.mahallati, relation: "mentions") }
        }
        #expect(evidence.code == .notFound && evidence.field == "evidence")
        #expect(try RecordsKit.count(f.session, "evidence_link") == 0)
    }

    @Test("a target in another case is refused by the schema's composite key, in readable words")
    func crossCase() throws {
        let f = try LinkFixture()
        let error = try #require(throws: InquestError.self) {
            try f.session.write { transaction in try Links(transaction).add(evidence: f.evidence, target: f.otherPerson, relation: "mentions") }
        }
        #expect(error.code == .invalidInput)
        #expect(error.rule == "evidence_link_person_fk")
        #expect(error.message.contains("different cases"))
        let reverse = try #require(throws: InquestError.self) {
            try f.session.write { transaction in try Links(transaction).add(evidence: f.otherEvidence, target: f.statement, relation: "contradicts") }
        }
        #expect(reverse.rule == "evidence_link_statement_fk")
        #expect(try RecordsKit.count(f.session, "evidence_link") == 0)
    }

    @Test("unknown key prefixes, person-only relations on other targets and duplicates are refused")
    func refusals() throws {
        let f = try LinkFixture()
        for target in ["X-3", "PO-1", "E-1", "p-1", "P-", "P-1a", "mahallati"] {
            let error = try #require(throws: InquestError.self) { try f.session.write { transaction in try Links(transaction).add(evidence: f.evidence, target: target, relation: "mentions") } }
            #expect(error.code == .invalidInput && error.field == "target", "\(target)")
        }
        let relation = try #require(throws: InquestError.self) {
            try f.session.write { transaction in try Links(transaction).add(evidence: f.evidence, target: f.event, relation: "notified") }
        }
        #expect(relation.rule == "evidence_link_relation_needs_person")
        let unknown = try #require(throws: InquestError.self) {
            try f.session.write { transaction in try Links(transaction).add(evidence: f.evidence, target: f.mahallati, relation: "proves") }
        }
        #expect(unknown.rule == "evidence_link_relation_valid")
        _ = try f.session.write { transaction in try Links(transaction).add(evidence: f.evidence, target: f.mahallati, relation: "notified", .init(locator: "p. 5")) }
        let duplicate = try #require(throws: InquestError.self) {
            try f.session.write { transaction in try Links(transaction).add(evidence: f.evidence, target: f.mahallati, relation: "notified", .init(locator: "p. 5")) }
        }
        #expect(duplicate.code == .conflict)
        #expect(try RecordsKit.count(f.session, "evidence_link") == 1)
    }

    @Test("a link is ordered by the date its source states, and removing it twice is not found")
    func statedDateAndRemove() throws {
        let f = try LinkFixture()
        let later = try f.session.write { transaction in try Links(transaction).add(evidence: f.evidence, target: f.mahallati, relation: "mentions") }
        let earlier = try f.session.write { transaction in try Links(transaction).add(evidence: f.evidence, target: f.event, relation: "corroborates",
                                    .init(excerpt: "denied all reports of mass executions", statedDate: "[1988-08-24,1988-08-26]")) }
        let list = try f.session.read { transaction in try Links(transaction).list(evidence: f.evidence) }
        #expect(list.text("key") == earlier && list.text("key", row: 1) == later)
        // both dates, named: the one the source states and the document's own (issue 13)
        #expect(list.text("stated_date") == "[1988-08-24,1988-08-26]")
        #expect(list.text("stated_date", row: 1) == nil && list.text("evidence_date", row: 1) == "1988-10-13")
        let bad = try #require(throws: InquestError.self) {
            try f.session.write { transaction in try Links(transaction).add(evidence: f.evidence, target: f.statement, relation: "mentions", .init(statedDate: "1988-13")) }
        }
        #expect(bad.rule == "evidence_link_stated_date_valid")
        try f.session.write { transaction in try Links(transaction).remove(later) }
        #expect(try f.session.read { transaction in try Links(transaction).list(evidence: f.evidence) }.rows.count == 1)
        #expect(throws: InquestError.self) { try f.session.write { transaction in try Links(transaction).remove(later) } }
    }
}
