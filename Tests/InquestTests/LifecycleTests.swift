import Inquest
import Testing
import TestSupport

@Suite("Summons, disclosure and testimony lifecycles")
struct LifecycleTests {
    let session: Session
    let person: String

    init() throws {
        let (_, session) = try TestDatabase.withCase()
        self.session = session
        person = try session.write { transaction in try People(transaction).add(
            case: "IR-1988", name: .init(full: "Mohammad Mehdi Akhoundzadeh Basti"), roles: ["to_be_summoned"],
            protected: false, description: "Chargé d'affaires in London, 1988") }
    }

    @Test("a summons goes draft → issued → served → appeared; skipping a step is refused naming both states")
    func summons() throws {
        let key = try session.write(Summonses.create(person: person, .init(legalBasis: "Commission statute, art. 12", immunity: "claimed")))
        let skip = try #require(throws: InquestError.self) {
            try session.write { transaction in try Summonses(transaction).transition(key, to: "appeared", on: nil, method: nil, note: nil) }
        }
        #expect(skip.code == .invalidInput)
        #expect(skip.message.contains("\"draft\"") && skip.message.contains("\"appeared\""))
        #expect(skip.rule == "summons_status_transition")
        try session.write { transaction in try Summonses(transaction).transition(key, to: "issued", on: "2023-03-01", method: nil, note: nil) }
        try session.write { transaction in try Summonses(transaction).transition(key, to: "served", on: "2023-03-08", method: "diplomatic_channel", note: nil) }
        try session.write { transaction in try Summonses(transaction).transition(key, to: "appeared", on: nil, method: nil, note: nil) }
        let shown = try session.read { transaction in try Summonses(transaction).show(key) }.summons
        #expect(shown.text("status") == "appeared")
        #expect(shown.text("issued_on") == "2023-03-01")
        #expect(shown.text("served_on") == "2023-03-08")
        // Final: even withdrawal is refused now.
        #expect(throws: InquestError.self) { try session.write { transaction in try Summonses(transaction).transition(key, to: "withdrawn", on: nil, method: nil, note: nil) } }
    }

    @Test("serving needs a method of service; issuing needs a legal basis")
    func requirements() throws {
        let key = try session.write(Summonses.create(person: person, .init()))
        let issue = try #require(throws: InquestError.self) { try session.write { transaction in try Summonses(transaction).transition(key, to: "issued", on: nil, method: nil, note: nil) } }
        #expect(issue.rule == "summons_legal_basis_required")
        #expect(try session.read { transaction in try Summonses(transaction).show(key) }.summons.text("status") == "draft")
    }

    @Test("overdue is derived from the due date and status when read")
    func overdue() throws {
        let late = try session.write { transaction in try Disclosures(transaction).request(person: person, topic: "reports_to_capital", question: "To whom did you report?",
                                           summons: nil, requestedOn: "2023-02-06", dueOn: "2023-03-06") }
        let future = try session.write { transaction in try Disclosures(transaction).request(person: person, topic: "instructions_received", question: "What instructions?",
                                             summons: nil, requestedOn: "2023-02-06", dueOn: "2999-01-01") }
        let overdue = try session.read { transaction in try Disclosures(transaction).list(case: "IR-1988", person: nil, status: nil, overdueOnly: true) }
        #expect(overdue.rows.count == 1)
        #expect(overdue.text("key") == late)
        _ = try session.write { transaction in try Disclosures(transaction).respond(late, text: "Reports went to the Ministry.", on: "2023-04-01", via: "letter",
                                    status: "answered", testimony: nil, evidence: nil) }
        #expect(try session.read { transaction in try Disclosures(transaction).list(case: "IR-1988", person: nil, status: nil, overdueOnly: true) }.isEmpty)
        let shown = try session.read { transaction in try Disclosures(transaction).show(late) }
        #expect(shown.request.text("status") == "answered")
        #expect(shown.responses.rows.count == 1)
        #expect(try session.read { transaction in try Disclosures(transaction).show(future) }.request.text("overdue") == "no")
    }

    @Test("corrections: a new due date changes overdue; a session's arrangements change, lists replaced")
    func corrections() throws {
        let request = try session.write { transaction in try Disclosures(transaction).request(person: person, topic: "other", question: "Which instructions?", summons: nil,
                                              requestedOn: "2023-02-06", dueOn: "2999-01-01") }
        #expect(try session.read { transaction in try Disclosures(transaction).show(request) }.request.text("overdue") == "no")
        try session.write { transaction in try Disclosures(transaction).update(request, topic: "instructions_received", question: nil, requestedOn: nil, dueOn: "2023-03-06", notes: nil) }
        let shown = try session.read { transaction in try Disclosures(transaction).show(request) }.request
        #expect(shown.text("overdue") == "yes")
        #expect(shown.text("topic") == "instructions_received")
        #expect(shown.text("question") == "Which instructions?")
        #expect(throws: InquestError.self) {
            try session.write { transaction in try Disclosures(transaction).update(request, topic: nil, question: nil, requestedOn: nil, dueOn: "2020-01-01", notes: nil) }
        }

        var plan = Testimonies.Plan()
        plan.languages = ["fa"]
        plan.place = "Geneva"
        let key = try session.write { transaction in try Testimonies(transaction).schedule(deponent: person, plan) }
        var change = Testimonies.Plan()
        change.place = "undisclosed location"
        change.protectiveMeasures = ["pseudonym", "voice distortion"]
        try session.write { transaction in try Testimonies(transaction).update(key, change) }
        let arranged = try session.read { transaction in try Testimonies(transaction).show(key) }.session
        #expect(arranged.text("place") == "undisclosed location")
        #expect(arranged.text("languages") == "fa")
        #expect(arranged.text("protective_measures") == "pseudonym; voice distortion")
    }

    @Test("a disclosure request cannot hang on another person's summons")
    func summonsOfAnotherPerson() throws {
        let other = try session.write { transaction in try People(transaction).add(case: "IR-1988", name: .init(full: "Sirous Nasseri"), roles: [], protected: false, description: nil) }
        let summons = try session.write(Summonses.create(person: other, .init()))
        let error = try #require(throws: InquestError.self) {
            try session.write { transaction in try Disclosures(transaction).request(person: person, topic: "other", question: "?", summons: summons, requestedOn: nil, dueOn: nil) }
        }
        #expect(error.code == .invalidInput)
        #expect(try session.read { transaction in try Disclosures(transaction).list(case: nil, person: person, status: nil, overdueOnly: false) }.isEmpty)
    }

    @Test("a transcript with a malformed line imports nothing; a good one lands in order")
    func transcript() throws {
        let key = try session.write { transaction in try Testimonies(transaction).schedule(deponent: person, Testimonies.Plan()) }
        let bad = "[00:00:05] INTERVIEWER: Your post in 1988?\n[00:00:09] WITNESS answered without a colon\n"
        let error = try #require(throws: InquestError.self) { try TranscriptParser.parse(bad) }
        #expect(error.message.contains("line 2"))
        #expect(try session.read { transaction in try Testimonies(transaction).transcript(key) }.isEmpty)

        let good = "# session 1\n[00:00:05] INTERVIEWER: Your post in 1988?\n[00:02:46] WITNESS: کاردار\n> Chargé d'affaires.\n"
        let lines = try TranscriptParser.parse(good)
        #expect(try session.write { transaction in try Testimonies(transaction).addTranscript(key, lines, originalLanguage: "fa", translationLanguage: "en") } == 2)
        #expect(try session.write { transaction in try Testimonies(transaction).addTranscript(key, lines, originalLanguage: "fa", translationLanguage: "en") } == 2)
        let transcript = try session.read { transaction in try Testimonies(transaction).transcript(key) }
        #expect(transcript.rows.count == 4)
        #expect(transcript.text("time_offset", row: 1) == "00:02:46")
        #expect(transcript.text("translation", row: 1) == "Chargé d'affaires.")
        #expect(transcript.text("ordinal", row: 3) == "4")
    }

    @Test("a session cannot be marked held without consent")
    func consent() throws {
        let key = try session.write { transaction in try Testimonies(transaction).schedule(deponent: person, Testimonies.Plan()) }
        let error = try #require(throws: InquestError.self) {
            try session.write { transaction in try Testimonies(transaction).setStatus(key, "held", startedAt: "2023-05-01T10:00:00Z", endedAt: nil) }
        }
        #expect(error.rule == "testimony_session_held_needs_consent")
        try session.write { transaction in try Testimonies(transaction).consent(key, givenAt: "2023-05-01T09:50:00Z", scope: "record and quote with pseudonym", withdrawnAt: nil) }
        try session.write { transaction in try Testimonies(transaction).setStatus(key, "held", startedAt: "2023-05-01T10:00:00Z", endedAt: "2023-05-01T11:30:00Z") }
        #expect(try session.read { transaction in try Testimonies(transaction).show(key) }.session.text("status") == "held")
    }
}

@Suite("Transcript format")
struct TranscriptParserTests {
    @Test("time offsets", arguments: [("00:02:46", 166.0), ("02:46", 166.0), ("1:00:00.5", 3600.5)])
    func offsets(stamp: String, seconds: Double) throws {
        let lines = try TranscriptParser.parse("[\(stamp)] A: text")
        #expect(lines.first?.offsetSeconds == seconds)
    }

    @Test("every malformed line is reported", arguments: ["[00:61:00] A: x", "[aa:bb] A: x", "[00:00:9] A: x", "[00:00:60] A: x", "[1:2:03] A: x", "00:00:01 A: x", "[00:00:01] : x", "[00:00:01] A:"])
    func malformed(line: String) throws {
        let error = try #require(throws: InquestError.self) { try TranscriptParser.parse("[00:00:00] A: first\n" + line) }
        #expect(error.message.contains("line 2"))
    }

    @Test("a translation must follow a segment")
    func orphanTranslation() throws {
        #expect(throws: InquestError.self) { try TranscriptParser.parse("> hello") }
        #expect(throws: InquestError.self) { try TranscriptParser.parse("[00:00:01] A: x\n> one\n> two") }
    }
}
