@testable import Inquest
import Postgres
import Testing
import TestSupport

/// The read contract (Schema/objects/reads) returns exactly what the inline queries it replaced
/// returned (the queries of `main` before issue 16, kept here as the reference): the same
/// columns, in order, with the same types and rows. The CLI's output is a function of
/// these record sets, so its JSON, CSV and tables stay the same.
@Suite("Read contract: the same records as the queries it replaced")
struct ReadContractTests {
    /// `person show`'s nine queries before the read contract, by part.
    static let formerShow: [(String, String)] = [
        ("person", """
            select p.key, c.reference as case, n.name, p.protected, p.name_known, p.description, p.notes,
                   (select coalesce(array_agg(r.role order by r.role), '{}') from inquest.person_role r where r.case_id = p.case_id and r.person_id = p.id) as roles
            from inquest.person p join inquest."case" c on c.id = p.case_id
            left join inquest.person_name n on n.case_id = p.case_id and n.person_id = p.id and n.kind in ('primary', 'pseudonym')
            where p.key = $1
            """),
        ("names", """
            select n.key, n.name, n.given_name, n.family_name, n.kind, n.script, n.language, n.source_note,
                   e.key as evidence
            from inquest.person_name n join inquest.person p on p.case_id = n.case_id and p.id = n.person_id
            left join inquest.evidence e on e.id = n.evidence_id
            where p.key = $1 order by n.kind not in ('primary', 'pseudonym'), n.id
            """),
        ("positions", """
            select o.key, o.title, o.body, o.place, inquest_private.partial_date(o.start_date) as start_date,
                   inquest_private.partial_date(o.end_date) as end_date, inquest_private.partial_date(o.attested) as attested,
                   e.key as evidence, o.source_note
            from inquest.position o join inquest.person p on p.case_id = o.case_id and p.id = o.person_id
            left join inquest.evidence e on e.id = o.evidence_id
            where p.key = $1 order by coalesce(o.start_date_from, o.attested_from) nulls last, o.id
            """),
        ("events", """
            select v.key, inquest_private.partial_date(v."date") as "date", v.kind, v.title, v.place, ep.role
            from inquest.event_participant ep join inquest.person p on p.case_id = ep.case_id and p.id = ep.person_id
            join inquest.event v on v.id = ep.event_id
            where p.key = $1 order by v.date_from nulls last, v.date_to, v.id
            """),
        ("statements", """
            select s.key, inquest_private.partial_date(s."date") as "date", s.medium, s.venue, s.classification,
                   coalesce(s.quotation, s.summary) as words, s.wording
            from inquest.statement s join inquest.person p on p.case_id = s.case_id and p.id = s.person_id
            where p.key = $1 order by s.date_from nulls last, s.date_to, s.id
            """),
        ("evidence", """
            select l.key, e.key as evidence, l.relation, inquest_private.partial_date(l.stated_date) as stated_date,
                   inquest_private.partial_date(e."date") as evidence_date, e.title,
                   coalesce(e.un_symbol, e.amnesty_index, e.other_identifier) as identifier, l.locator
            from inquest.evidence_link l join inquest.person p on p.case_id = l.case_id and p.id = l.person_id
            join inquest.evidence e on e.id = l.evidence_id
            where p.key = $1
            order by coalesce(l.stated_date_from, e.date_from) nulls last, coalesce(l.stated_date_to, e.date_to), l.id
            """),
        ("summonses", """
            select s.key, s.status, s.issued_on, s.served_on, s.appear_by, s.immunity
            from inquest.summons s join inquest.person p on p.case_id = s.case_id and p.id = s.person_id
            where p.key = $1 order by s.id
            """),
        ("disclosures", """
            select r.key, r.topic, r.question, r.due_on, r.status, r.overdue
            from inquest.disclosure_request_status r join inquest.person p on p.case_id = r.case_id and p.id = r.person_id
            where p.key = $1 order by r.id
            """),
        ("testimony", """
            select t.key, t.status, t.scheduled_at, t.started_at, t.mode
            from inquest.testimony_session t join inquest.person p on p.case_id = t.case_id and p.id = t.deponent_id
            where p.key = $1 order by t.id
            """),
    ]

    static let formerList = """
        select p.key, c.reference as case, n.name, p.protected,
               (select coalesce(array_agg(r.role order by r.role), '{}') from inquest.person_role r where r.case_id = p.case_id and r.person_id = p.id) as roles
        from inquest.person p
        join inquest."case" c on c.id = p.case_id
        left join inquest.person_name n on n.case_id = p.case_id and n.person_id = p.id and n.kind in ('primary', 'pseudonym')
        where ($1::text is null or c.key = $1 or c.reference = $1)
          and ($2::text is null or exists (select 1 from inquest.person_role r where r.case_id = p.case_id and r.person_id = p.id and r.role = $2))
        order by p.id
        """

    static let formerStatementEvidence = """
        select s.key as statement, l.relation, e.key as evidence, e.title,
               coalesce(e.un_symbol, e.amnesty_index, e.other_identifier) as identifier, l.locator, l.excerpt
        from inquest.statement s
        join inquest.person p on p.case_id = s.case_id and p.id = s.person_id
        join inquest.evidence_link l on l.case_id = s.case_id and l.statement_id = s.id
        join inquest.evidence e on e.case_id = l.case_id and e.id = l.evidence_id
        where p.key = $1 order by s.date_from nulls last, s.id, l.relation, e.key
        """

    /// Expects `now` to hold what the former query `sql` returns in the same transaction.
    static func same(_ transaction: Transaction, _ now: RecordSet, _ sql: String, _ parameters: [any PostgresEncodable],
                     _ what: String) throws {
        let former = RecordSet(try transaction.connection.query(sql, parameters))
        #expect(now.columns == former.columns, "\(what)")
        #expect(now.rows == former.rows, "\(what)")
    }

    @Test("person show, person list and the dossier's statements against the evidence are unchanged")
    func unchanged() throws {
        let (database, owner) = try TestDatabase.withCase()
        let (person, other) = try owner.write { transaction in
            let people = People(transaction)
            let person = try people.add(case: "IR-1988", name: .init(full: "Mostafa Pourmohammadi"), roles: ["to_be_summoned", "official"],
                                        protected: false, description: "Deputy Minister")
            let other = try people.add(case: "IR-1988", name: .init(full: "Witness K"), roles: ["witness"], protected: true, description: nil)
            _ = try people.addName(person: person, .init(full: "مصطفی پورمحمدی", kind: "alias", script: "persian", language: "fa"))
            _ = try people.addPosition(person: person, .init(title: "Deputy Minister of Intelligence", start: "1987", end: "1990"))
            _ = try people.addPosition(person: person, .init(title: "Member of a commission", start: "1988-07", source: "memoirs"))
            let evidence = try Evidence(transaction).add(case: "IR-1988", kind: "un_document", title: "Interim report",
                                                         details: .init(date: "1988-10-13", unSymbol: "A/43/705"))
            let statement = try Statements(transaction).add(person: person, medium: "interview", classification: ["denial"],
                                                            .init(date: "1988-12", quotation: "No one was executed."))
            _ = try Links(transaction).add(evidence: evidence, target: statement, relation: "contradicts", .init(locator: "para. 12"))
            _ = try Links(transaction).add(evidence: evidence, target: person, relation: "mentions", .init(locator: "p. 3"))
            let event = try Events(transaction).add(case: "IR-1988", kind: "meeting", title: "Meeting", .init(date: "1988-08-15"))
            _ = try Events(transaction).addParticipant(event: event, person: person, role: "attendee")
            _ = try Summonses(transaction).create(person: person, .init(legalBasis: "statute, art. 12", appearBy: "2025-01-15"))
            _ = try Disclosures(transaction).request(person: person, topic: "instructions_received", question: "Which instructions?",
                                                     summons: nil, requestedOn: "2023-01-01", dueOn: "2023-02-01")
            var plan = Testimonies.Plan()
            plan.scheduledAt = "2025-02-01T10:00:00Z"
            _ = try Testimonies(transaction).schedule(deponent: person, plan)
            return (person, other)
        }
        let investigator = try database.user("investigator", assignedTo: ["IR-1988"], by: owner)
        for session in [owner, investigator.session] {
            try session.read { transaction in
                for key in [person, other, "P-999999"] {
                    let shown = try? People(transaction).show(key)
                    for (index, (name, sql)) in Self.formerShow.enumerated() {
                        let former = RecordSet(try transaction.connection.query(sql, [key]))
                        #expect(People.showParts[index].0 == name)
                        if key == "P-999999" { #expect(shown == nil && former.isEmpty); continue }
                        let now = try #require(shown?.parts[index].records)
                        #expect(now.columns == former.columns, "\(name)")
                        #expect(now.rows == former.rows, "\(name)")
                    }
                    let evidence = try Dossier.load(transaction, person: key == "P-999999" ? person : key).statementEvidence
                    let formerEvidence = RecordSet(try transaction.connection.query(Self.formerStatementEvidence, [key == "P-999999" ? person : key]))
                    #expect(evidence.columns == formerEvidence.columns && evidence.rows == formerEvidence.rows)
                }
                for (reference, role) in [(nil, nil), ("IR-1988", nil), ("C-1", "witness"), (nil, "official"), ("NOPE", nil)] as [(String?, String?)] {
                    let now = try People(transaction).list(case: reference, role: role)
                    let former = RecordSet(try transaction.connection.query(Self.formerList, [reference, role]))
                    #expect(now.columns == former.columns && now.rows == former.rows, "\(String(describing: reference)) \(String(describing: role))")
                }
            }
        }
        // Something to compare: the person has a row in every part.
        let shown = try owner.read { transaction in try People(transaction).show(person) }
        #expect(shown.parts.allSatisfy { !$0.records.isEmpty }, "\(shown.parts.filter { $0.records.isEmpty }.map(\.name))")
    }

    static let formerSummonsList = """
        select s.key, c.reference as case, p.key as person, d.display_name as name, s.status, s.issued_on,
               s.served_on, s.appear_by, s.immunity
        from inquest.summons s
        join inquest."case" c on c.id = s.case_id
        join inquest.person p on p.id = s.person_id
        left join inquest.person_display d on d.id = p.id
        where ($1::text is null or c.key = $1 or c.reference = $1)
          and ($2::text is null or p.key = $2) and ($3::text is null or s.status = $3)
        order by s.id
        """
    static let formerSummonsShow = ["""
        select s.key, c.reference as case, p.key as person, d.display_name as name, s.status, s.issued_on,
               s.served_on, s.appear_by, s.service_method, s.legal_basis, s.immunity, s.immunity_note,
               s.purpose, s.notes, s.created_at, s.updated_at
        from inquest.summons s
        join inquest."case" c on c.id = s.case_id
        join inquest.person p on p.id = s.person_id
        left join inquest.person_display d on d.id = p.id
        where s.key = $1
        """, """
        select r.key, r.topic, r.question, r.due_on, r.status, r.overdue
        from inquest.disclosure_request_status r join inquest.summons s on s.id = r.summons_id
        where s.key = $1 order by r.id
        """]
    static let formerDisclosureList = """
        select r.key, c.reference as case, p.key as person, d.display_name as name, r.topic, r.requested_on,
               r.due_on, r.status, r.overdue, r.days_overdue, r.response_count
        from inquest.disclosure_request_status r
        join inquest."case" c on c.id = r.case_id
        join inquest.person p on p.id = r.person_id
        left join inquest.person_display d on d.id = p.id
        where ($1::text is null or c.key = $1 or c.reference = $1) and ($2::text is null or p.key = $2)
          and ($3::text is null or r.status = $3) and (not $4 or r.overdue)
        order by r.overdue desc, r.due_on nulls last, r.id
        """
    static let formerDisclosureShow = ["""
        select r.key, c.reference as case, p.key as person, d.display_name as name, s.key as summons, r.topic,
               r.question, r.requested_on, r.due_on, r.status, r.overdue, r.days_overdue
        from inquest.disclosure_request_status r
        join inquest."case" c on c.id = r.case_id
        join inquest.person p on p.id = r.person_id
        left join inquest.person_display d on d.id = p.id
        left join inquest.summons s on s.id = r.summons_id
        where r.key = $1
        """, """
        select x.key, x.received_on, x.received_via, x.response_text, t.key as testimony, e.key as evidence
        from inquest.disclosure_response x
        join inquest.disclosure_request r on r.id = x.request_id
        left join inquest.testimony_session t on t.id = x.testimony_session_id
        left join inquest.evidence e on e.id = x.evidence_id
        where r.key = $1 order by x.received_on, x.id
        """]

    @Test("summons list and show, disclosure list and show are unchanged")
    func summonsesAndDisclosures() throws {
        let (database, owner) = try TestDatabase.withCase()
        let (summons, request, other) = try owner.write { transaction in
            let person = try People(transaction).add(case: "IR-1988", name: .init(full: "Ali Razini"), roles: ["to_be_summoned"],
                                                     protected: false, description: nil)
            let other = try People(transaction).add(case: "IR-1988", name: .init(full: "Witness K"), roles: ["witness"],
                                                    protected: true, description: nil)
            let summons = try Summonses(transaction).create(person: person, .init(legalBasis: "statute, art. 12", appearBy: "2025-01-15",
                                                                                  immunity: "claimed", purpose: "hearing"))
            _ = try Summonses(transaction).create(person: other, .init())
            let request = try Disclosures(transaction).request(person: person, topic: "instructions_received", question: "Which instructions?",
                                                               summons: summons, requestedOn: "2023-01-01", dueOn: "2023-02-01")
            _ = try Disclosures(transaction).request(person: other, topic: "other", question: "?", summons: nil, requestedOn: nil,
                                                     dueOn: "2999-01-01")
            _ = try Disclosures(transaction).respond(request, text: "No instructions.", on: "2023-03-01", via: "letter",
                                                     status: "partially_answered", testimony: nil, evidence: nil)
            return (summons, request, other)
        }
        let investigator = try database.user("investigator", assignedTo: ["IR-1988"], by: owner)
        for session in [owner, investigator.session] {
            try session.read { transaction in
                for (reference, person, status) in [(nil, nil, nil), ("IR-1988", nil, "draft"), ("C-1", other, nil), ("NOPE", nil, nil)]
                    as [(String?, String?, String?)] {
                    try Self.same(transaction, try Summonses(transaction).list(case: reference, person: person, status: status), Self.formerSummonsList,
                             [reference, person, status], "summons list")
                    for overdue in [false, true] {
                        try Self.same(transaction, try Disclosures(transaction).list(case: reference, person: person, status: status, overdueOnly: overdue),
                                 Self.formerDisclosureList, [reference, person, status, overdue], "disclosure list")
                    }
                }
                let shown = try Summonses(transaction).show(summons)
                try Self.same(transaction, shown.summons, Self.formerSummonsShow[0], [summons], "summons show")
                try Self.same(transaction, shown.disclosures, Self.formerSummonsShow[1], [summons], "summons show disclosures")
                #expect(shown.disclosures.rows.count == 1)
                let asked = try Disclosures(transaction).show(request)
                try Self.same(transaction, asked.request, Self.formerDisclosureShow[0], [request], "disclosure show")
                try Self.same(transaction, asked.responses, Self.formerDisclosureShow[1], [request], "disclosure show responses")
                #expect(asked.responses.rows.count == 1)
            }
        }
    }

    static let formerTestimonyList = """
        select t.key, c.reference as case, p.key as deponent, d.display_name as name, t.mode, t.status,
               t.scheduled_at, t.started_at,
               (select count(*) from inquest.transcript_segment s where s.case_id = t.case_id and s.session_id = t.id) as segments
        from inquest.testimony_session t
        join inquest."case" c on c.id = t.case_id
        join inquest.person p on p.id = t.deponent_id
        left join inquest.person_display d on d.id = p.id
        where ($1::text is null or c.key = $1 or c.reference = $1) and ($2::text is null or p.key = $2)
          and ($3::text is null or t.status = $3)
        order by t.scheduled_at nulls last, t.id
        """
    static let formerTestimonyShow = """
        select t.key, c.reference as case, p.key as deponent, d.display_name as name, t.interviewers, t.interpreter,
               t.languages, t.place, t.mode, t.status, t.scheduled_at, t.started_at, t.ended_at,
               t.consent_given_at, t.consent_scope, t.consent_withdrawn_at, t.protective_measures, t.notes
        from inquest.testimony_session t
        join inquest."case" c on c.id = t.case_id
        join inquest.person p on p.id = t.deponent_id
        left join inquest.person_display d on d.id = p.id
        where t.key = $1
        """
    static let formerTranscript = """
        select s.key, s.ordinal, to_char(s.time_offset, 'HH24:MI:SS') as time_offset, s.speaker, s.original_text,
               s.translation, x.key as supersedes, s.entered_at
        from inquest.transcript_segment s join inquest.testimony_session t on t.case_id = s.case_id and t.id = s.session_id
        left join inquest.transcript_segment x on x.case_id = s.case_id and x.id = s.supersedes_id
        where t.key = $1 order by s.ordinal
        """

    @Test("testimony list, show and transcript are unchanged")
    func testimony() throws {
        let (database, owner) = try TestDatabase.withCase()
        let (testimony, deponent) = try owner.write { transaction in
            let deponent = try People(transaction).add(case: "IR-1988", name: .init(full: "Witness K"), roles: ["witness"],
                                                       protected: true, description: nil)
            var plan = Testimonies.Plan()
            plan.interviewers = ["A. Interviewer"]
            plan.languages = ["fa", "en"]
            plan.scheduledAt = "2025-02-01T10:00:00Z"
            plan.protectiveMeasures = ["pseudonym"]
            let testimony = try Testimonies(transaction).schedule(deponent: deponent, plan)
            _ = try Testimonies(transaction).schedule(deponent: deponent, Testimonies.Plan())
            _ = try Testimonies(transaction).addTranscript(testimony, [
                TranscriptLine(offsetSeconds: 0, speaker: "Interviewer", text: "When were you arrested?", translation: nil),
                TranscriptLine(offsetSeconds: 65, speaker: "Witness K", text: "In August.", translation: "In August.")],
                originalLanguage: "fa", translationLanguage: "en")
            return (testimony, deponent)
        }
        let investigator = try database.user("investigator", assignedTo: ["IR-1988"], by: owner)
        for session in [owner, investigator.session] {
            try session.read { transaction in
                for (reference, person, status) in [(nil, nil, nil), ("IR-1988", deponent, "scheduled"), ("NOPE", nil, nil)]
                    as [(String?, String?, String?)] {
                    try Self.same(transaction, try Testimonies(transaction).list(case: reference, deponent: person, status: status),
                             Self.formerTestimonyList, [reference, person, status], "testimony list")
                }
                let shown = try Testimonies(transaction).show(testimony)
                try Self.same(transaction, shown.session, Self.formerTestimonyShow, [testimony], "testimony show")
                try Self.same(transaction, shown.transcript, Self.formerTranscript, [testimony], "testimony show transcript")
                #expect(shown.transcript.rows.count == 2)
            }
        }
    }
}
