import Postgres

/// Evidence: the sources a case rests on (UN documents, NGO reports, articles, letters,
/// broadcasts, diaries …) with their identifiers, where they are held, the SHA-256 of any
/// file at intake, and an append-only chain of custody.
public struct Evidence {
    let connection: Connection

    /// Runs in the caller's unit of work (`Session.read` or `Session.write` hands it over).
    public init(_ transaction: Transaction) { connection = transaction.connection }

    /// The descriptive fields of an item: all optional, so the same value serves `add` and
    /// `update` (where nil means "leave as it is").
    public struct Details: Sendable {
        public var originalTitle: String?
        public var author: String?
        public var publisher: String?
        /// Partial date as the source gives it (`1988-12`, `[1988-08-24,1988-08-26]` …).
        public var date: String?
        public var unSymbol: String?
        public var amnestyIndex: String?
        public var otherIdentifier: String?
        public var language: String?
        public var url: String?
        /// Where it is held: "on file with Amnesty International".
        public var heldAt: String?
        public var citation: String?
        public var notes: String?

        public init(originalTitle: String? = nil, author: String? = nil, publisher: String? = nil, date: String? = nil,
                    unSymbol: String? = nil, amnestyIndex: String? = nil, otherIdentifier: String? = nil,
                    language: String? = nil, url: String? = nil, heldAt: String? = nil, citation: String? = nil,
                    notes: String? = nil) {
            self.originalTitle = originalTitle
            self.author = author
            self.publisher = publisher
            self.date = date
            self.unSymbol = unSymbol
            self.amnestyIndex = amnestyIndex
            self.otherIdentifier = otherIdentifier
            self.language = language
            self.url = url
            self.heldAt = heldAt
            self.citation = citation
            self.notes = notes
        }
    }

    /// Duplicates are refused per case and language; say so in the user's terms.
    static let explanations = [
        "evidence_un_symbol_unique": Explanation(
            field: "un_symbol", message: "un_symbol: this case already has evidence with that UN symbol in that language"),
        "evidence_amnesty_index_unique": Explanation(
            field: "amnesty_index", message: "amnesty_index: this case already has evidence with that Amnesty index in that language"),
    ]

    /// Records an item. With `file`, hashes it first (streaming, outside the transaction),
    /// stores its SHA-256, size and name, and opens the chain of custody with a `hashed`
    /// entry in the same transaction. The file itself is not stored.
    /// - Returns: the item's key (`E-7`).
    /// - Throws: `.invalidInput` naming the field and rule; `.notFound` for the case.
    public func add(case reference: String, kind: String, title: String, details: Details = Details(),
                    file: String? = nil) throws -> String {
        try requireOneOf(kind, EvidenceKind.self)
        let digest = try file.map { try FileDigest(file: $0) }
        try requireFormats(connection, table: "evidence", unSymbol: details.unSymbol, amnestyIndex: details.amnestyIndex,
                           url: details.url, language: details.language)
        let key = try explaining(Self.explanations) {
            try insertUnder(connection, "case", reference, """
                insert into inquest.evidence (case_id, kind, title, original_title, author, publisher, "date", language,
                                              un_symbol, amnesty_index, other_identifier, url, held_at, citation,
                                              file_name, file_sha256, file_size, notes)
                select id, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18
                from inquest."case" where id = inquest.case_id_of($1)
                returning key
                """, [reference, kind, title, details.originalTitle, details.author, details.publisher, details.date,
                      details.language, details.unSymbol, details.amnestyIndex, details.otherIdentifier, details.url,
                      details.heldAt, details.citation, digest?.name, digest?.sha256, digest?.size, details.notes])
        }
        if let digest {
            _ = try insertUnder(connection, "evidence", key, """
                insert into inquest.custody_entry (case_id, evidence_id, at, action, sha256, note)
                select case_id, id, now(), 'hashed', file_sha256, $2 from inquest.evidence where key = $1
                returning key
                """, [key, "SHA-256 and size (\(digest.size) bytes) of \(digest.name) recorded at intake"])
        }
        return key
    }

    /// Lists items, ordered by date (undated last), then by key.
    public func list(case reference: String? = nil, kind: String? = nil) throws -> RecordSet {
        try readContract(connection, "inquest.evidence_list", [reference, kind])
    }

    /// An item with its dated facts, its chain of custody and its links, read in one snapshot.
    public func show(_ evidence: String) throws -> Sections {
        let item = try requireRecord(readContract(connection, "inquest.evidence_record", [evidence]), "evidence", evidence)
        let custody = try readContract(connection, "inquest.evidence_custody", [evidence])
        let facts = try readContract(connection, "inquest.evidence_facts", [evidence])
        let links = try linkRecords(connection, evidence: evidence)
        return Sections([.init("evidence", item, single: true), .init("facts", facts), .init("custody", custody),
                         .init("links", links)])
    }

    /// Corrects an item's kind, title or details; nil leaves a field as it is. The file's
    /// hash and size are the intake record and cannot be changed.
    public func update(_ evidence: String, kind: String? = nil, title: String? = nil, details: Details) throws {
        try requireOneOf(kind, EvidenceKind.self)
        try requireFormats(connection, table: "evidence", unSymbol: details.unSymbol, amnestyIndex: details.amnestyIndex,
                           url: details.url, language: details.language)
        try explaining(Self.explanations) {
            try requireOne(records(connection, """
                update inquest.evidence set
                    kind = coalesce($2, kind), title = coalesce($3, title),
                    original_title = coalesce($4, original_title), author = coalesce($5, author),
                    publisher = coalesce($6, publisher), "date" = coalesce($7, "date"),
                    language = coalesce($8, language), un_symbol = coalesce($9, un_symbol),
                    amnesty_index = coalesce($10, amnesty_index), other_identifier = coalesce($11, other_identifier),
                    url = coalesce($12, url), held_at = coalesce($13, held_at), citation = coalesce($14, citation),
                    notes = coalesce($15, notes)
                where key = $1
                returning key
                """, [evidence, kind, title, details.originalTitle, details.author, details.publisher, details.date,
                      details.language, details.unSymbol, details.amnestyIndex, details.otherIdentifier, details.url,
                      details.heldAt, details.citation, details.notes]).rows.count, "evidence", evidence)
        }
    }

    /// One step in the chain of custody.
    public struct CustodyEntry: Sendable {
        public var action: String
        public var from: String?
        public var by: String?
        /// When it happened, in any form PostgreSQL reads as `timestamptz`; nil: now.
        public var at: String?
        public var location: String?
        /// A file to hash now: its SHA-256 is the entry's.
        public var file: String?
        public var note: String?

        public init(action: String, from: String? = nil, by: String? = nil, at: String? = nil, location: String? = nil,
                    file: String? = nil, note: String? = nil) {
            self.action = action
            self.from = from
            self.by = by
            self.at = at
            self.location = location
            self.file = file
            self.note = note
        }
    }

    /// Records a dated fact the source states about itself: when it was written, published,
    /// received, broadcast …, with the date as the source gives it and where it says so.
    /// - Returns: the fact's key (EF-n).
    /// - Throws: `.invalidInput` for an unknown kind or a date that is not a partial date;
    ///   `.notFound` for the evidence; `.conflict` for the same fact recorded twice.
    public func addFact(_ evidence: String, kind: String, date: String, locator: String?, note: String?) throws -> String {
        try requireOneOf(kind, EvidenceFactKind.self)
        return try insertUnder(connection, "evidence", evidence, """
            insert into inquest.evidence_fact (case_id, evidence_id, kind, "date", locator, note)
            select case_id, id, $2, $3, $4, $5 from inquest.evidence where key = $1
            returning key
            """, [evidence, kind, date, locator, note])
    }

    /// What `custody add` reports: the entry, and whether a file hashed now still matches
    /// the hash recorded at intake (nil when no file was hashed, or none was at intake).
    public struct CustodyAdded: Sendable, Equatable {
        public var key: String
        public var sha256: String?
        public var matchesIntake: Bool?
    }

    /// Appends a custody entry (the chain is append-only: corrections are new entries).
    /// - Throws: `.invalidInput` for an unknown action, a missing party of a receipt or
    ///   transfer, or an unreadable time; `.notFound` for the evidence.
    public func addCustody(_ evidence: String, _ entry: CustodyEntry) throws -> CustodyAdded {
        try requireOneOf(entry.action, CustodyAction.self)
        if CustodyAction(rawValue: entry.action)?.needsParties == true {
            for (field, value) in [("from", entry.from), ("by", entry.by)] where value == nil {
                throw InquestError(.invalidInput, "\(field): a custody entry \"\(entry.action)\" needs both --from and --by",
                                   field: field, rule: "custody_entry_received_parties")
            }
        }
        let digest = try entry.file.map { try FileDigest(file: $0) }
        let key: String
        do {
            key = try insertUnder(connection, "evidence", evidence, """
                insert into inquest.custody_entry (case_id, evidence_id, at, action, received_from, received_by, sha256,
                                                   location, note)
                select case_id, id, coalesce($2::timestamptz, now()), $3, $4, $5, $6, $7, $8
                from inquest.evidence where key = $1
                returning key
                """, [evidence, entry.at, entry.action, entry.from, entry.by, digest?.sha256, entry.location, entry.note])
        } catch var error as InquestError where error.rule == nil && error.underlying?.code.sqlStateClass == "22" {
            error.message = "at: \"\(entry.at ?? "")\" is not a time: write ISO 8601, such as 1989-03-03T10:00:00+09:00"
            error.field = "at"
            error.rule = "timestamp"
            throw error
        }
        guard let digest else { return CustodyAdded(key: key, sha256: nil, matchesIntake: nil) }
        let intake = try records(connection, "select file_sha256 from inquest.evidence where key = $1", [evidence])
        let matches: Bool? = if case .string(let hash)? = intake.first("file_sha256") { hash == digest.sha256 } else { nil }
        return CustodyAdded(key: key, sha256: digest.sha256, matchesIntake: matches)
    }
}
