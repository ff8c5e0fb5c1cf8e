import Postgres

/// Links from evidence to what it supports: a person, statement, event, transcript
/// segment, disclosure request or summons of the same case, with the relation, where in
/// the evidence (locator) and the exact passage (excerpt).
public struct Links {
    let connection: Connection

    /// Runs in the caller's unit of work (`Session.read` or `Session.write` hands it over).
    public init(_ transaction: Transaction) { connection = transaction.connection }

    /// The kinds of record a link may point at, by key prefix.
    static let targetKinds: [RecordKind] = [.person, .statement, .event, .transcriptSegment, .disclosureRequest, .summons]

    /// Where and how a piece of evidence supports its target.
    public struct Detail: Sendable {
        /// Where in the evidence: "p. 5", "para. 47", "minute 2:33".
        public var locator: String?
        /// The exact passage.
        public var excerpt: String?
        /// The date as this source states it, when sources disagree (partial date).
        public var statedDate: String?
        public var note: String?

        public init(locator: String? = nil, excerpt: String? = nil, statedDate: String? = nil, note: String? = nil) {
            self.locator = locator
            self.excerpt = excerpt
            self.statedDate = statedDate
            self.note = note
        }
    }

    /// Links evidence to any record of its case, chosen by the target key's prefix.
    /// - Returns: the link's key (`L-3`).
    /// - Throws: `.invalidInput` for an unknown key prefix, a relation that needs a person,
    ///   or a target in another case; `.notFound` naming the evidence or target that does
    ///   not exist; `.conflict` for the same link twice.
    public func add(evidence: String, target: String, relation: String, _ detail: Detail = Detail()) throws -> String {
        guard let kind = RecordKind(key: target), Self.targetKinds.contains(kind) else {
            throw InquestError(.invalidInput,
                               "target: \"\(target)\" is not the key of a person (P-n), statement (ST-n), event (EV-n), "
                                   + "transcript segment (TS-n), disclosure request (D-n) or summons (S-n)",
                               field: "target", rule: "link-target-key")
        }
        try requireOneOf(relation, LinkRelation.self)
        if LinkRelation(rawValue: relation)?.needsPerson == true && kind != .person {
            throw InquestError(.invalidInput, "relation: \"\(relation)\" relates evidence to a person (P-n), not to \(target)",
                               field: "relation", rule: "evidence_link_relation_needs_person")
        }
        let crossCase = Explanation(
            field: "target", message: "target: \(target) and \(evidence) belong to different cases; a link joins records of one case")
        let inserted = try explaining([
            "evidence_link_\(kind.noun)_fk": crossCase,
            "evidence_link_unique": Explanation(
                field: "target", message: "\(evidence) is already linked to \(target) as \"\(relation)\" at that locator"),
        ]) {
            try records(connection, Self.insertSQL(kind), [evidence, target, relation, detail.locator, detail.excerpt,
                                                           detail.statedDate, detail.note])
        }
        if inserted.isEmpty {
            try requireExisting(connection, [(.evidence, evidence), (kind, target)])
        }
        return inserted.key
    }

    /// One insert per target kind, whole and fixed. The target is found by key in any
    /// case, so that the composite foreign key (case_id, target_id) is what refuses a
    /// target in another case, as it would for any client.
    static func insertSQL(_ kind: RecordKind) -> String {
        switch kind {
        case .person: """
            insert into inquest.evidence_link (case_id, evidence_id, person_id, relation, locator, excerpt, stated_date, note)
            select e.case_id, e.id, t.id, $3, $4, $5, $6, $7
            from inquest.evidence e, inquest.person t where e.key = $1 and t.key = $2
            returning key
            """
        case .statement: """
            insert into inquest.evidence_link (case_id, evidence_id, statement_id, relation, locator, excerpt, stated_date, note)
            select e.case_id, e.id, t.id, $3, $4, $5, $6, $7
            from inquest.evidence e, inquest.statement t where e.key = $1 and t.key = $2
            returning key
            """
        case .event: """
            insert into inquest.evidence_link (case_id, evidence_id, event_id, relation, locator, excerpt, stated_date, note)
            select e.case_id, e.id, t.id, $3, $4, $5, $6, $7
            from inquest.evidence e, inquest.event t where e.key = $1 and t.key = $2
            returning key
            """
        case .transcriptSegment: """
            insert into inquest.evidence_link (case_id, evidence_id, transcript_segment_id, relation, locator, excerpt,
                                               stated_date, note)
            select e.case_id, e.id, t.id, $3, $4, $5, $6, $7
            from inquest.evidence e, inquest.transcript_segment t where e.key = $1 and t.key = $2
            returning key
            """
        case .disclosureRequest: """
            insert into inquest.evidence_link (case_id, evidence_id, disclosure_request_id, relation, locator, excerpt,
                                               stated_date, note)
            select e.case_id, e.id, t.id, $3, $4, $5, $6, $7
            from inquest.evidence e, inquest.disclosure_request t where e.key = $1 and t.key = $2
            returning key
            """
        case .summons: """
            insert into inquest.evidence_link (case_id, evidence_id, summons_id, relation, locator, excerpt, stated_date, note)
            select e.case_id, e.id, t.id, $3, $4, $5, $6, $7
            from inquest.evidence e, inquest.summons t where e.key = $1 and t.key = $2
            returning key
            """
        case .evidence, .position, .testimonySession: preconditionFailure("evidence cannot be linked to a \(kind.noun)")
        }
    }

    /// Links, filtered by evidence, target key (any kind) and case; ordered by the date
    /// the source states (else the evidence's date), undated last, then by key.
    public func list(evidence: String? = nil, target: String? = nil, case reference: String? = nil) throws -> RecordSet {
        try linkRecords(connection, evidence: evidence, target: target, case: reference)
    }

    /// Removes a link (the audit trail keeps what it was).
    public func remove(_ link: String) throws {
        try requireOne(records(connection, "delete from inquest.evidence_link where key = $1 returning key", [link]).rows.count,
                       "link", link)
    }
}

/// The links listing shared by `link list` and the `show` of evidence, events and statements.
func linkRecords(_ connection: Connection, evidence: String? = nil, target: String? = nil,
                 case reference: String? = nil) throws -> RecordSet {
    try readContract(connection, "inquest.link_list", [evidence, target, reference])
}
