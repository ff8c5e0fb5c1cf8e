import Postgres

/// Disclosure requests: questions put to a person, and the answers that come back.
/// Whether a request is overdue is derived when read (view `disclosure_request_status`).
public struct Disclosures {
    let connection: Connection

    /// Runs in the caller's unit of work (`Session.read` or `Session.write` hands it over).
    public init(_ transaction: Transaction) { connection = transaction.connection }

    /// Puts a question to a person. `summons`, when given, must be addressed to the same
    /// person in the same case (the schema checks). - Returns: the request's key (`D-n`).
    public func request(person: String, topic: String, question: String, summons: String?,
                        requestedOn: String?, dueOn: String?) throws -> String {
        try requireExisting(connection, [(.summons, summons)])
        return try insertUnder(connection, "person", person, """
            insert into inquest.disclosure_request (case_id, person_id, summons_id, topic, question, requested_on, due_on)
            select p.case_id, p.id, (select s.id from inquest.summons s where s.key = $2), $3, $4,
                   coalesce($5::date, current_date), $6::date
            from inquest.person p where p.key = $1
            returning key
            """, [person, summons, topic, question, requestedOn, dueOn])
    }

    /// Records an answer and, when given, the request's new status. - Returns: the response key (`DR-n`).
    public func respond(_ request: String, text: String, on date: String?, via: String, status: String?,
                        testimony: String?, evidence: String?) throws -> String {
        try requireExisting(connection, [(.testimonySession, testimony), (.evidence, evidence)])
        let key = try insertUnder(connection, "disclosure request", request, """
            insert into inquest.disclosure_response (case_id, request_id, received_on, response_text, received_via,
                                                     testimony_session_id, evidence_id)
            select r.case_id, r.id, coalesce($2::date, current_date), $3, $4,
                   (select t.id from inquest.testimony_session t where t.key = $5),
                   (select e.id from inquest.evidence e where e.key = $6)
            from inquest.disclosure_request r where r.key = $1
            returning key
            """, [request, date, text, via, testimony, evidence])
        if let status {
            try connection.execute("update inquest.disclosure_request set status = $2 where key = $1", [request, status])
        }
        return key
    }

    /// Corrects a request's wording, topic or dates. `nil` leaves a field as it is.
    public func update(_ request: String, topic: String?, question: String?, requestedOn: String?, dueOn: String?,
                       notes: String?) throws {
        try requireOne(connection.execute("""
            update inquest.disclosure_request set topic = coalesce($2, topic), question = coalesce($3, question),
                requested_on = coalesce($4::date, requested_on), due_on = coalesce($5::date, due_on),
                notes = coalesce($6, notes)
            where key = $1
            """, [request, topic, question, requestedOn, dueOn, notes]), "disclosure request", request)
    }

    /// Changes a request's status (refused, withdrawn, answered …); illegal changes are refused.
    public func setStatus(_ request: String, _ status: String) throws {
        try requireOne(connection.execute(
            "update inquest.disclosure_request set status = $2 where key = $1", [request, status]),
            "disclosure request", request)
    }

    public func list(case reference: String?, person: String?, status: String?, overdueOnly: Bool) throws -> RecordSet {
        try readContract(connection, "inquest.disclosure_list", [reference, person, status, overdueOnly])
    }

    public func show(_ request: String) throws -> Sections {
        let shown = try requireRecord(readContract(connection, "inquest.disclosure_record", [request]),
                                      "disclosure request", request)
        let responses = try readContract(connection, "inquest.disclosure_responses", [request])
        return Sections([.init("request", shown, single: true), .init("responses", responses)])
    }
}
