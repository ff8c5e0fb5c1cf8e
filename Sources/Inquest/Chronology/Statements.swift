import Postgres

/// Statements by persons: when, where, through what medium, to whom, their words, and how
/// they are classified (denial, misinformation, acknowledgement, other); so that what a
/// person said can be read against what they had been told.
public struct Statements {
    let connection: Connection

    /// Runs in the caller's unit of work (`Session.read` or `Session.write` hands it over).
    public init(_ transaction: Transaction) { connection = transaction.connection }

    /// What was said and how. For `update`, nil means "leave as it is".
    public struct Details: Sendable {
        /// Partial date as the sources give it.
        public var date: String?
        public var venue: String?
        public var audience: String?
        public var quotation: String?
        /// verbatim (default when there is a quotation) or paraphrase; a summary alone has none.
        public var wording: String?
        public var language: String?
        public var translation: String?
        public var summary: String?
        /// The post the person spoke in (PO-n, one of their own).
        public var position: String?
        /// The event at which it was said (EV-n).
        public var event: String?
        public var notes: String?

        public init(date: String? = nil, venue: String? = nil, audience: String? = nil, quotation: String? = nil,
                    wording: String? = nil, language: String? = nil, translation: String? = nil, summary: String? = nil,
                    position: String? = nil, event: String? = nil, notes: String? = nil) {
            self.date = date
            self.venue = venue
            self.audience = audience
            self.quotation = quotation
            self.wording = wording
            self.language = language
            self.translation = translation
            self.summary = summary
            self.position = position
            self.event = event
            self.notes = notes
        }
    }

    func explanations(person: String, _ details: Details) -> [String: Explanation] {
        [
            "statement_position_fk": Explanation(
                field: "position", message: "position: \(details.position ?? "") is not one of \(person)'s posts"),
            "statement_event_fk": Explanation(
                field: "event", message: "event: \(details.event ?? "") is in another case than \(person)"),
            "statement_has_content": Explanation(
                field: "quotation", message: "quotation: a statement needs its words: a quotation or a summary"),
            "statement_translation_needs_quotation": Explanation(
                field: "translation", message: "translation: a translation needs the quotation it translates"),
            "statement_wording_needs_quotation": Explanation(
                field: "wording", message: "--wording: describes a quotation; give --quotation too, or leave --wording out (a summary has no wording)"),
        ]
    }

    func validate(medium: String?, classification: [String]?, _ details: Details) throws {
        try requireOneOf(medium, StatementMedium.self)
        try requireOneOf(details.wording, StatementWording.self)
        if let classification {
            if classification.isEmpty {
                throw InquestError(.invalidInput, "classification: give at least one of \(StatementClassification.names.joined(separator: ", "))",
                                   field: "classification", rule: "statement_classification_valid")
            }
            for value in classification {
                try requireOneOf(value, StatementClassification.self)
            }
        }
    }

    /// Records a statement by a person; its case is the person's.
    /// - Returns: its key (`ST-4`).
    /// - Throws: `.invalidInput` naming the field and rule (a post that is not the person's,
    ///   an event of another case, no words); `.notFound` for the person, post or event.
    public func add(person: String, medium: String, classification: [String], _ details: Details) throws -> String {
        try validate(medium: medium, classification: classification, details)
        try requireFormats(connection, table: "statement", language: details.language)
        let inserted = try explaining(explanations(person: person, details)) {
            // Post and event are found by key in any case: the composite foreign keys
            // refuse another person's post and another case's event.
            try records(connection, """
                insert into inquest.statement (case_id, person_id, position_id, event_id, "date", venue, medium, audience,
                                               quotation, wording, language, translation, summary, classification, notes)
                select p.case_id, p.id, po.id, ev.id, $4, $5, $6, $7, $8,
                       case when $8::text is null then $9::text else coalesce($9, 'verbatim') end, $10, $11, $12,
                       $13::text[], $14
                from inquest.person p
                left join inquest.position po on po.key = $2
                left join inquest.event ev on ev.key = $3
                where p.key = $1 and ($2::text is null or po.id is not null) and ($3::text is null or ev.id is not null)
                returning key
                """, [person, details.position, details.event, details.date, details.venue, medium, details.audience,
                      details.quotation, details.wording, details.language, details.translation, details.summary,
                      classification, details.notes])
        }
        if inserted.isEmpty {
            try requireExisting(connection, [(.person, person), (.position, details.position), (.event, details.event)])
        }
        return inserted.key
    }

    /// Statements, ordered by date (undated last), then by key.
    public func list(case reference: String? = nil, person: String? = nil, classification: String? = nil) throws -> RecordSet {
        try readContract(connection, "inquest.statement_list", [reference, person, classification])
    }

    /// A statement with the evidence linked to it (what corroborates or contradicts it).
    public func show(_ statement: String) throws -> Sections {
        let record = try requireRecord(readContract(connection, "inquest.statement_record", [statement]), "statement", statement)
        return Sections([.init("statement", record, single: true), .init("links", try linkRecords(connection, target: statement))])
    }

    /// Corrects a statement's text, date, venue or classification; nil leaves a field as it is.
    public func update(_ statement: String, medium: String? = nil, classification: [String]? = nil, _ details: Details) throws {
        try validate(medium: medium, classification: classification, details)
        try requireFormats(connection, table: "statement", language: details.language)
        try explaining(explanations(person: statement, details)) {
            try requireOne(records(connection, """
                update inquest.statement set
                    "date" = coalesce($2, "date"), venue = coalesce($3, venue), medium = coalesce($4, medium),
                    audience = coalesce($5, audience), quotation = coalesce($6, quotation),
                    wording = coalesce($7, wording, case when coalesce($6, quotation) is not null then 'verbatim' end),
                    language = coalesce($8, language),
                    translation = coalesce($9, translation), summary = coalesce($10, summary),
                    classification = coalesce($11::text[], classification), notes = coalesce($12, notes)
                where key = $1
                returning key
                """, [statement, details.date, details.venue, medium, details.audience, details.quotation,
                      details.wording, details.language, details.translation, details.summary, classification,
                      details.notes]).rows.count, "statement", statement)
        }
    }
}
