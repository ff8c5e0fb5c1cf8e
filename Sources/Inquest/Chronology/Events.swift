import Postgres

/// The chronology's events (meetings, reports issued, resolutions, broadcasts, letters …),
/// dated as the sources date them, with who took part and how.
public struct Events {
    let connection: Connection

    /// Runs in the caller's unit of work (`Session.read` or `Session.write` hands it over).
    public init(_ transaction: Transaction) { connection = transaction.connection }

    /// What an event is; all optional except where `add` says otherwise, so the same value
    /// serves `update` (nil: leave as it is).
    public struct Details: Sendable {
        /// Partial date as the sources give it (`1988-11-29`, `[1988-08-24,1988-08-26]` …).
        public var date: String?
        public var place: String?
        public var description: String?
        public var notes: String?

        public init(date: String? = nil, place: String? = nil, description: String? = nil, notes: String? = nil) {
            self.date = date
            self.place = place
            self.description = description
            self.notes = notes
        }
    }

    /// Adds an event to a case. - Returns: its key (`EV-3`).
    public func add(case reference: String, kind: String, title: String, _ details: Details = Details()) throws -> String {
        try requireOneOf(kind, EventKind.self)
        return try insertUnder(connection, "case", reference, """
            insert into inquest.event (case_id, kind, title, "date", place, description, notes)
            select id, $2, $3, $4, $5, $6, $7 from inquest."case" where id = inquest.case_id_of($1)
            returning key
            """, [reference, kind, title, details.date, details.place, details.description, details.notes])
    }

    /// Records who took part: a person of the same case (`person`), or a body or group
    /// named in text (`name`), or a person with the label a source gives them.
    /// - Returns: the participation's key (`EP-5`).
    /// - Throws: `.invalidInput` when neither is given or the person is in another case;
    ///   `.notFound` for the event or person; `.conflict` when already recorded.
    public func addParticipant(event: String, person: String? = nil, name: String? = nil, role: String,
                               note: String? = nil) throws -> String {
        guard person != nil || !(name ?? "").allSatisfy(\.isWhitespace) else {
            throw InquestError(.invalidInput, "participant: give a person key (P-n) or a name",
                               field: "participant", rule: "event_participant_who")
        }
        try requireOneOf(role, ParticipantRole.self)
        let explanations = [
            "event_participant_person_fk": Explanation(
                field: "person", message: "person: \(person ?? "") is in another case than \(event)"),
            "event_participant_unique": Explanation(
                field: "role", message: "\(event) already has that participant as \"\(role)\""),
        ]
        guard let person else {
            return try explaining(explanations) {
                try insertUnder(connection, "event", event, """
                    insert into inquest.event_participant (case_id, event_id, participant, role, note)
                    select case_id, id, $2, $3, $4 from inquest.event where key = $1
                    returning key
                    """, [event, name, role, note])
            }
        }
        let inserted = try explaining(explanations) {
            // The person is found in any case: the composite foreign key refuses another case.
            try records(connection, """
                insert into inquest.event_participant (case_id, event_id, person_id, participant, role, note)
                select ev.case_id, ev.id, p.id, $3, $4, $5
                from inquest.event ev, inquest.person p where ev.key = $1 and p.key = $2
                returning key
                """, [event, person, name, role, note])
        }
        if inserted.isEmpty { try requireExisting(connection, [(.event, event), (.person, person)]) }
        return inserted.key
    }

    /// Events, ordered by date (undated last), then by key. `from` and `to` are partial
    /// dates: an event is listed when it could have happened between the earliest day of
    /// `from` and the latest day of `to` (undated events are then left out).
    public func list(case reference: String? = nil, from: String? = nil, to: String? = nil) throws -> RecordSet {
        let from = try partialDateBounds(connection, from, field: "from")
        let to = try partialDateBounds(connection, to, field: "to")
        return try readContract(connection, "inquest.event_list", [reference, from?.from, to?.to])
    }

    /// An event with its participants, the statements made at it and the evidence linked
    /// to it, read in one snapshot.
    public func show(_ event: String) throws -> Sections {
        let record = try requireRecord(readContract(connection, "inquest.event_record", [event]), "event", event)
        let participants = try readContract(connection, "inquest.event_participants", [event])
        let statements = try readContract(connection, "inquest.event_statements", [event])
        let links = try linkRecords(connection, target: event)
        return Sections([.init("event", record, single: true), .init("participants", participants),
                         .init("statements", statements), .init("links", links)])
    }

    /// Corrects an event; nil leaves a field as it is.
    public func update(_ event: String, kind: String? = nil, title: String? = nil, _ details: Details) throws {
        try requireOneOf(kind, EventKind.self)
        try requireOne(records(connection, """
            update inquest.event set kind = coalesce($2, kind), title = coalesce($3, title),
                "date" = coalesce($4, "date"), place = coalesce($5, place),
                description = coalesce($6, description), notes = coalesce($7, notes)
            where key = $1
            returning key
            """, [event, kind, title, details.date, details.place, details.description, details.notes]).rows.count,
            "event", event)
    }
}
