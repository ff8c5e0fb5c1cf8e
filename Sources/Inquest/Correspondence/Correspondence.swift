import Postgres

/// The commission's correspondence: the letters it sends (requests for cooperation to
/// missions and ministries, notices) and receives (replies, refusals), with the person each
/// concerns and the copy kept as evidence.
public struct Correspondence {
    let connection: Connection

    /// Runs in the caller's unit of work (`Session.read` or `Session.write` hands it over).
    public init(_ transaction: Transaction) { connection = transaction.connection }

    /// One letter. `person` and `evidence` are keys of the same case.
    public struct Letter: Sendable {
        public var direction: String
        /// To whom it went, or from whom it came, as the letter names them.
        public var counterpart: String
        /// The date the letter bears (YYYY-MM-DD).
        public var dated: String
        public var subject: String
        public var person: String?
        /// The sender's or the commission's reference number.
        public var reference: String?
        public var evidence: String?
        public var notes: String?

        public init(direction: String, counterpart: String, dated: String, subject: String, person: String? = nil,
                    reference: String? = nil, evidence: String? = nil, notes: String? = nil) {
            self.direction = direction
            self.counterpart = counterpart
            self.dated = dated
            self.subject = subject
            self.person = person
            self.reference = reference
            self.evidence = evidence
            self.notes = notes
        }
    }

    /// Records a letter sent or received in case `reference`.
    /// - Returns: its key (`CO-n`).
    /// - Throws: `.invalidInput` for an unknown direction, a blank counterpart or subject, a
    ///   person or evidence of another case; `.notFound` for the case, person or evidence.
    public func add(case reference: String, _ letter: Letter) throws -> String {
        try requireOneOf(letter.direction, CorrespondenceDirection.self)
        let otherCase = { (field: String, key: String?) in
            Explanation(field: field, message: "\(field): \(key ?? "") belongs to another case than \(reference)")
        }
        try requireExisting(connection, [(.person, letter.person), (.evidence, letter.evidence)])
        return try explaining(["correspondence_person_fk": otherCase("person", letter.person),
                               "correspondence_evidence_fk": otherCase("evidence", letter.evidence)]) {
            try insertUnder(connection, "case", reference, """
                insert into inquest.correspondence (case_id, direction, counterpart, dated, subject, person_id, reference,
                                                    evidence_id, notes)
                select c.id, $2, $3, $4::date, $5, (select id from inquest.person where key = $6), $7,
                       (select id from inquest.evidence where key = $8), $9
                  from inquest."case" c where c.id = inquest.case_id_of($1)
                returning key
                """, [reference, letter.direction, letter.counterpart, letter.dated, letter.subject, letter.person,
                      letter.reference, letter.evidence, letter.notes])
        }
    }

    /// Letters by date, optionally of one case, concerning one person, or in one direction.
    public func list(case reference: String? = nil, person: String? = nil, direction: String? = nil) throws -> RecordSet {
        try readContract(connection, "inquest.correspondence_list", [reference, person, direction])
    }
}
