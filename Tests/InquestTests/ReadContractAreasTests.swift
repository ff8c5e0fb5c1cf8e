@testable import Inquest
import Postgres
import Testing
import TestSupport

/// The read contract of cases, events, statements, evidence, links, time lines and
/// correspondence (Schema/objects/reads) returns exactly what the inline queries it replaced
/// returned: the queries of `main` before, kept here as the reference. Each is compared for
/// the owner and for an investigator assigned to one of two cases.
extension ReadContractTests {
    static let formerCases = (list: """
        select key, reference, title, status, created_at, closed_at from inquest."case"
        where $1::text is null or status = $1 order by reference
        """, show: """
        select c.*, (select coalesce(array_agg(a.username::text order by a.username), '{}')
                     from inquest.case_assignment a where a.case_id = c.id) as assigned
        from inquest."case" c where c.id = inquest.case_id_of($1)
        """, counts: """
        with c as (select inquest.case_id_of($1) as id)
        select 'people' as what, 'all' as state, count(*) as count from inquest.person where case_id = (select id from c)
        union all
        select 'summonses', status, count(*) from inquest.summons where case_id = (select id from c) group by status
        union all
        select 'disclosure requests', case when overdue then 'overdue' else status end, count(*)
          from inquest.disclosure_request_status where case_id = (select id from c)
         group by case when overdue then 'overdue' else status end
        union all
        select 'testimony sessions', status, count(*) from inquest.testimony_session where case_id = (select id from c) group by status
        union all
        select 'transcript segments', 'all', count(*) from inquest.transcript_segment where case_id = (select id from c)
        union all
        select 'events', 'all', count(*) from inquest.event where case_id = (select id from c)
        union all
        select 'statements', 'all', count(*) from inquest.statement where case_id = (select id from c)
        order by 1, 2
        """, evidence: """
        with c as (select inquest.case_id_of($1) as id)
        select e.kind, count(*) as count,
               count(*) filter (where not exists (select 1 from inquest.evidence_link l
                                                  where l.case_id = e.case_id and l.evidence_id = e.id)) as unlinked
        from inquest.evidence e where e.case_id = (select id from c)
        group by e.kind order by e.kind
        """)

    static let formerEvents = (list: """
        select ev.key, c.reference as case, ev."date", ev.kind, ev.title, ev.place,
               (select count(*) from inquest.event_participant ep where ep.case_id = ev.case_id and ep.event_id = ev.id) as participants
        from inquest.event ev join inquest."case" c on c.id = ev.case_id
        where ($1::text is null or c.id = (select inquest.case_id_of($1)))
          and ($2::date is null or ev.date_to >= $2::date)
          and ($3::date is null or ev.date_from <= $3::date)
        order by ev.date_from nulls last, ev.date_to nulls last, ev.id
        """, record: """
        select ev.key, c.reference as case, ev.kind, ev.title, ev."date", ev.date_from, ev.date_to,
               ev.date_precision, ev.place, ev.description, ev.notes, ev.created_at, ev.updated_at
        from inquest.event ev join inquest."case" c on c.id = ev.case_id
        where ev.key = $1
        """, participants: """
        select ep.key, p.key as person, coalesce(p.display_name, ep.participant) as name, ep.participant,
               ep.role, ep.note
        from inquest.event_participant ep join inquest.event ev on ev.id = ep.event_id
        left join inquest.person_display p on p.id = ep.person_id
        where ev.key = $1
        order by ep.id
        """, statements: """
        select s.key, p.key as person, p.display_name as name, s."date", s.medium, s.classification,
               coalesce(s.quotation, s.summary) as words
        from inquest.statement s join inquest.event ev on ev.id = s.event_id
        join inquest.person_display p on p.id = s.person_id
        where ev.key = $1
        order by s.date_from nulls last, s.date_to nulls last, s.id
        """)

    static let formerStatements = (list: """
        select s.key, c.reference as case, p.key as person, p.display_name as name, s."date", s.medium,
               s.classification, coalesce(s.quotation, s.summary) as words
        from inquest.statement s
        join inquest."case" c on c.id = s.case_id
        join inquest.person_display p on p.id = s.person_id
        where ($1::text is null or c.id = (select inquest.case_id_of($1)))
          and ($2::text is null or p.key = $2)
          and ($3::text is null or $3 = any (s.classification))
        order by s.date_from nulls last, s.date_to nulls last, s.id
        """, record: """
        select s.key, c.reference as case, p.key as person, p.display_name as name, po.key as position,
               concat_ws(', ', po.title, po.body, po.place) as position_held, ev.key as event,
               ev.title as event_title, s."date", s.date_from, s.date_to, s.date_precision, s.venue, s.medium,
               s.audience, s.quotation, s.wording, s.language, s.translation, s.summary, s.classification, s.notes,
               s.created_at, s.updated_at
        from inquest.statement s
        join inquest."case" c on c.id = s.case_id
        join inquest.person_display p on p.id = s.person_id
        left join inquest.position po on po.id = s.position_id
        left join inquest.event ev on ev.id = s.event_id
        where s.key = $1
        """)

    static let formerEvidence = (list: """
        select e.key, c.reference as case, e.kind, e."date", e.title, e.un_symbol, e.amnesty_index,
               e.other_identifier, e.held_at
        from inquest.evidence e join inquest."case" c on c.id = e.case_id
        where ($1::text is null or c.id = (select inquest.case_id_of($1)))
          and ($2::text is null or e.kind = $2)
        order by e.date_from nulls last, e.date_to nulls last, e.id
        """, record: """
        select e.key, c.reference as case, e.kind, e.title, e.original_title, e.author, e.publisher, e."date",
               e.date_from, e.date_to, e.date_precision, e.language, e.un_symbol, e.amnesty_index,
               e.other_identifier, e.url, e.held_at, e.citation, e.file_name, e.file_sha256, e.file_size,
               e.notes, e.created_at, e.updated_at
        from inquest.evidence e join inquest."case" c on c.id = e.case_id
        where e.key = $1
        """, custody: """
        select x.key, x.at, x.action, x.received_from, x.received_by, x.sha256, x.location, x.note
        from inquest.custody_entry x join inquest.evidence e on e.id = x.evidence_id
        where e.key = $1
        order by x.at, x.id
        """, facts: """
        select f.key, f.kind, inquest_private.partial_date(f."date") as "date", f.locator, f.note
        from inquest.evidence_fact f join inquest.evidence e on e.case_id = f.case_id and e.id = f.evidence_id
        where e.key = $1
        order by f.date_from nulls last, f.id
        """)

    static let formerLinks = """
        select l.key, c.reference as case, e.key as evidence, e.title as evidence_title, l.relation,
               coalesce(p.key, st.key, ev.key, ts.key, d.key, s.key) as target,
               case when p.id is not null then 'person' when st.id is not null then 'statement'
                    when ev.id is not null then 'event' when ts.id is not null then 'transcript_segment'
                    when d.id is not null then 'disclosure_request' else 'summons' end as target_kind,
               coalesce(p.display_name, st.quotation, st.summary, ev.title, ts.speaker || ': ' || ts.original_text,
                        d.question, s.purpose) as target_summary,
               l.locator, l.excerpt, inquest_private.partial_date(l.stated_date) as stated_date,
               inquest_private.partial_date(e."date") as evidence_date, l.note
        from inquest.evidence_link l
        join inquest.evidence e on e.id = l.evidence_id
        join inquest."case" c on c.id = l.case_id
        left join inquest.person_display p on p.id = l.person_id
        left join inquest.statement st on st.id = l.statement_id
        left join inquest.event ev on ev.id = l.event_id
        left join inquest.transcript_segment ts on ts.id = l.transcript_segment_id
        left join inquest.disclosure_request d on d.id = l.disclosure_request_id
        left join inquest.summons s on s.id = l.summons_id
        where ($1::text is null or e.key = $1)
          and ($2::text is null or coalesce(p.key, st.key, ev.key, ts.key, d.key, s.key) = $2)
          and ($3::text is null or c.id = (select inquest.case_id_of($3)))
        order by coalesce(l.stated_date_from, e.date_from) nulls last, coalesce(l.stated_date_to, e.date_to) nulls last, l.id
        """

    static let formerTimelines = (person: """
        select inquest_private.partial_date(t."date") as "date", t.entry, t.record_key as record, t.summary,
               case when $2::date is not null and t.start_to > $2::date then 'uncertain' end as by_then,
               case when isfinite(t.date_from) then t.date_from end as earliest,
               case when isfinite(t.date_to) then t.date_to end as latest,
               inquest_private.to_solar_hijri(t.date_from) as earliest_solar_hijri
        from inquest.person_timeline t
        join inquest.person p on p.case_id = t.case_id and p.id = t.person_id
        where p.key = $1 and ($2::date is null or t.date_from <= $2::date)
        order by t.date_from nulls last, t.date_to nulls last, t.entry, t.record_key
        """, case: """
        with c as (select inquest.case_id_of($1) as id),
        entries as (
            select v.date_from, v.date_to, v."date", 'event:' || v.kind as entry, v.key as record,
                   null::text as person, concat_ws(', ', v.title, v.place) as summary
              from inquest.event v where v.case_id = (select id from c)
            union all
            select e.date_from, e.date_to, e."date", 'evidence:' || e.kind, e.key, null,
                   concat_ws(' ', e.title, '(' || coalesce(e.un_symbol, e.amnesty_index, e.other_identifier) || ')')
              from inquest.evidence e where e.case_id = (select id from c) and e."date" is not null
            union all
            select t.date_from, t.date_to, t."date", t.entry, t.record_key, d.display_name, t.summary
              from inquest.person_timeline t
              join inquest.person_display d on d.case_id = t.case_id and d.id = t.person_id
             where t.case_id = (select id from c)
               and (t.entry like 'statement:%' or t.entry like 'summons:%' or t.entry like 'disclosure_request:%')
        )
        select "date", entry, record, person, summary from entries
        order by date_from nulls last, date_to nulls last, entry, record
        """)

    static let formerCorrespondence = """
        select co.key, c.reference as case, co.dated, co.direction, co.counterpart, co.subject, p.key as person,
               co.reference, e.key as evidence
          from inquest.correspondence co
          join inquest."case" c on c.id = co.case_id
          left join inquest.person p on p.case_id = co.case_id and p.id = co.person_id
          left join inquest.evidence e on e.case_id = co.case_id and e.id = co.evidence_id
         where ($1::text is null or c.id = (select inquest.case_id_of($1)))
           and ($2::text is null or p.key = $2) and ($3::text is null or co.direction = $3)
         order by co.dated, co.id
        """

    /// Two cases with a record of every kind in each; an investigator assigned to the first.
    static func twoCases() throws -> (database: TestDatabase, owner: Session, keys: [String: String]) {
        let (database, owner) = try TestDatabase.withCase()
        var keys: [String: String] = [:]
        try owner.write { transaction in
            _ = try Cases(transaction).create(reference: "IR-1981", title: "Other case", description: "Not assigned")
            for (suffix, reference) in [("", "IR-1988"), ("2", "IR-1981")] {
                let people = People(transaction)
                let person = try people.add(case: reference, name: .init(full: "Mostafa Pourmohammadi\(suffix)"), roles: ["official"],
                                            protected: false, description: nil)
                let witness = try people.add(case: reference, name: .init(full: "Witness K\(suffix)"), roles: ["witness"],
                                             protected: true, description: nil)
                let position = try people.addPosition(person: person, .init(title: "Deputy Minister", start: "1987", end: "1990"))
                let evidence = try Evidence(transaction).add(case: reference, kind: "un_document", title: "Interim report",
                                                             details: .init(date: "1988-10-13", unSymbol: "A/43/705"))
                _ = try Evidence(transaction).add(case: reference, kind: "diary", title: "Undated note")
                _ = try Evidence(transaction).addFact(evidence, kind: "received", date: "1988-10-20", locator: "stamp", note: nil)
                _ = try Evidence(transaction).addCustody(evidence, .init(action: "received", from: "UN archive", by: "clerk",
                                                                        at: "2024-01-02T10:00:00Z", location: "safe"))
                let event = try Events(transaction).add(case: reference, kind: "meeting", title: "Meeting",
                                                        .init(date: "1988-08", place: "Tehran", description: "A meeting"))
                _ = try Events(transaction).add(case: reference, kind: "execution", title: "Undated")
                _ = try Events(transaction).addParticipant(event: event, person: person, role: "attendee")
                _ = try Events(transaction).addParticipant(event: event, name: "An outsider", role: "attendee", note: "named by K")
                var details = Statements.Details(date: "1988-12", venue: "Radio", quotation: "No one was executed.")
                details.event = event
                details.position = position
                let statement = try Statements(transaction).add(person: person, medium: "interview", classification: ["denial"], details)
                _ = try Statements(transaction).add(person: witness, medium: "testimony", classification: ["acknowledgement"],
                                                    .init(summary: "Saw the lists."))
                _ = try Links(transaction).add(evidence: evidence, target: statement, relation: "contradicts", .init(locator: "para. 12"))
                _ = try Links(transaction).add(evidence: evidence, target: person, relation: "mentions", .init(statedDate: "1988-09"))
                _ = try Links(transaction).add(evidence: evidence, target: event, relation: "corroborates")
                let summons = try Summonses(transaction).create(person: person, .init(purpose: "hearing"))
                _ = try Links(transaction).add(evidence: evidence, target: summons, relation: "mentions")
                _ = try Disclosures(transaction).request(person: person, topic: "other", question: "Who gave the order?",
                                                         summons: summons, requestedOn: "2023-01-01", dueOn: "2023-02-01")
                _ = try Correspondence(transaction).add(case: reference, .init(direction: "sent", counterpart: "Ministry", dated: "2024-03-01",
                                                                                subject: "Request", person: person, reference: "L/1",
                                                                                evidence: evidence))
                _ = try Correspondence(transaction).add(case: reference, .init(direction: "received", counterpart: "Ministry",
                                                                                dated: "2024-04-01", subject: "Reply"))
                for (name, key) in [("person", person), ("witness", witness), ("evidence", evidence), ("event", event),
                                    ("statement", statement), ("summons", summons)] {
                    keys[name + suffix] = key
                }
            }
        }
        return (database, owner, keys)
    }

    @Test("case, event, statement, evidence, link, time line and correspondence reads are unchanged")
    func areas() throws {
        let (database, owner, keys) = try Self.twoCases()
        let investigator = try database.user("investigator", assignedTo: ["IR-1988"], by: owner)
        let cases: [String?] = [nil, "IR-1988", "IR-1981", "C-1", "NOPE"]
        var compared = 0
        for session in [owner, investigator.session] {
            try session.read { transaction in
                func same(_ now: RecordSet, _ sql: String, _ parameters: [any PostgresEncodable], _ what: String) throws {
                    try Self.same(transaction, now, sql, parameters, what)
                    compared += now.rows.count
                }
                for status in [nil, "open", "closed"] as [String?] {
                    try same(try Cases(transaction).list(status: status), Self.formerCases.list, [status], "case list")
                }
                for reference in cases.compactMap({ $0 }) {
                    if let shown = try? Cases(transaction).show(reference) {
                        try same(shown, Self.formerCases.show, [reference], "case show")
                    } else {
                        #expect(RecordSet(try transaction.connection.query(Self.formerCases.show, [reference])).isEmpty, "case show \(reference)")
                    }
                    if let summary = try? Cases(transaction).summary(reference) {
                        try same(summary.counts, Self.formerCases.counts, [reference], "case summary counts")
                        try same(summary.evidence, Self.formerCases.evidence, [reference], "case summary evidence")
                    }
                }
                for reference in cases {
                    for (from, to) in [(nil, nil), ("1988", nil), (nil, "1988-07"), ("1988-08-15", "1988-08-20")] as [(String?, String?)] {
                        try same(try Events(transaction).list(case: reference, from: from, to: to), Self.formerEvents.list,
                                 [reference, try partialDateBounds(transaction.connection, from, field: "from")?.from,
                                  try partialDateBounds(transaction.connection, to, field: "to")?.to], "event list")
                    }
                    for (person, classification) in [(nil, nil), (keys["person"], nil), (nil, "acknowledgement"), (keys["person2"], "denial")]
                        as [(String?, String?)] {
                        try same(try Statements(transaction).list(case: reference, person: person, classification: classification),
                                 Self.formerStatements.list, [reference, person, classification], "statement list")
                    }
                    for kind in [nil, "diary"] as [String?] {
                        try same(try Evidence(transaction).list(case: reference, kind: kind), Self.formerEvidence.list, [reference, kind],
                                 "evidence list")
                    }
                    for (evidence, target) in [(nil, nil), (keys["evidence"], nil), (nil, keys["statement"]), (keys["evidence2"], keys["summons2"])]
                        as [(String?, String?)] {
                        try same(try Links(transaction).list(evidence: evidence, target: target, case: reference), Self.formerLinks,
                                 [evidence, target, reference], "link list")
                    }
                    for (person, direction) in [(nil, nil), (keys["person"], nil), (nil, "received")] as [(String?, String?)] {
                        try same(try Correspondence(transaction).list(case: reference, person: person, direction: direction),
                                 Self.formerCorrespondence, [reference, person, direction], "correspondence list")
                    }
                    if let reference, let chronology = try? Timelines(transaction).caseChronology(reference) {
                        try same(chronology, Self.formerTimelines.case, [reference], "timeline case")
                    }
                }
                for suffix in ["", "2"] {
                    let (event, statement, evidence) = (keys["event" + suffix]!, keys["statement" + suffix]!, keys["evidence" + suffix]!)
                    let visible = suffix.isEmpty || session !== investigator.session
                    #expect(((try? Events(transaction).show(event)) != nil) == visible)
                    if let shown = try? Events(transaction).show(event) {
                        try same(shown.event, Self.formerEvents.record, [event], "event show")
                        try same(shown.participants, Self.formerEvents.participants, [event], "event show participants")
                        try same(shown.statements, Self.formerEvents.statements, [event], "event show statements")
                        try same(shown.links, Self.formerLinks, [nil as String?, event, nil as String?], "event show links")
                    }
                    if let shown = try? Statements(transaction).show(statement) {
                        try same(shown.statement, Self.formerStatements.record, [statement], "statement show")
                        try same(shown.links, Self.formerLinks, [nil as String?, statement, nil as String?], "statement show links")
                    }
                    if let shown = try? Evidence(transaction).show(evidence) {
                        try same(shown.evidence, Self.formerEvidence.record, [evidence], "evidence show")
                        try same(shown.facts, Self.formerEvidence.facts, [evidence], "evidence show facts")
                        try same(shown.custody, Self.formerEvidence.custody, [evidence], "evidence show custody")
                        try same(shown.links, Self.formerLinks, [evidence, nil as String?, nil as String?], "evidence show links")
                    }
                    for person in [keys["person" + suffix]!, keys["witness" + suffix]!] {
                        for (asOf, solarHijri) in [(nil, true), ("1988-09-01", true), ("1988-12-31", false)] as [(String?, Bool)] {
                            guard let now = try? Timelines(transaction).person(person, asOf: asOf, solarHijri: solarHijri) else { continue }
                            var former = RecordSet(try transaction.connection.query(Self.formerTimelines.person, [person, asOf]))
                            if !solarHijri { former = former.dropping("earliest_solar_hijri") }
                            #expect(now.columns == former.columns && now.rows == former.rows, "timeline person \(person) \(String(describing: asOf))")
                            compared += now.rows.count
                        }
                    }
                }
            }
        }
        // Something was compared: every read returned rows somewhere.
        #expect(compared > 200, "\(compared)")
    }
}
