import Foundation
import Postgres

/// A live testimony log: each line entered during a session is committed at once, in its
/// own transaction, with the idempotency key it was given when it was first written to the
/// client's journal (`LogJournal`), so that a line replayed after a crash, a restart of the
/// server or a lost acknowledgement is never stored twice (Schema/0017).
public struct TestimonyLog {
    let connection: Connection

    /// Runs in the caller's unit of work (`Session.read` or `Session.write` hands it over).
    public init(_ transaction: Transaction) { connection = transaction.connection }

    /// One line as entered, interpreted: what the journal holds and the database applies.
    /// Everything needed to apply it is in it (times, speaker label, target), so a replay
    /// stores exactly what the first attempt would have.
    public struct Entry: Codable, Sendable, Equatable {
        public typealias Kind = TestimonyLogLineKind
        /// The idempotency key.
        public var key: UUID
        public var kind: Kind
        /// Wall-clock time it was typed.
        public var enteredAt: Date
        /// The session's own clock when it was typed (seconds; stops while paused).
        public var offset: Double
        /// Short speaker name (`Q`), and the label the transcript shows for it.
        public var speaker: String?
        public var label: String?
        /// The person a speaker definition stands for (`P-n` and its id), if any.
        public var person: String?
        public var personID: Int64?
        /// Segment, correction or translation text.
        public var text: String?
        /// The line (its idempotency key) of the segment a translation, correction or exhibit
        /// refers to.
        public var target: UUID?
        /// Or the segment itself (`/fix TS-n …`).
        public var targetSegment: String?
        /// Exhibit: the evidence (`E-n`) and the relation.
        public var evidence: String?
        public var relation: String?

        public init(key: UUID = UUID(), kind: Kind, enteredAt: Date, offset: Double) {
            self.key = key
            self.kind = kind
            self.enteredAt = enteredAt
            self.offset = offset
        }
    }

    /// What applying an entry did.
    public struct Applied: Sendable {
        /// The line was already stored (a replay): nothing was written.
        public var duplicate: Bool
        public var lineKey: String?
        public var segmentKey: String?
        public var linkKey: String?
    }

    /// A speaker's label and the person it stands for.
    public struct Speaker: Sendable, Equatable {
        public var label: String
        public var personID: Int64?
    }

    /// Where a session stands, rebuilt from its stored log lines.
    public struct State: Sendable {
        public var testimony: String
        public var sessionID: Int64
        public var caseID: Int64
        public var status: String
        /// The deponent's label: the pseudonym of a protected deponent.
        public var deponent: String
        public var languages: [String]
        /// The session's protective measures (pseudonym, voice distortion, closed session …).
        public var protectiveMeasures: [String] = []
        public var speakers: [String: Speaker] = [:]
        public var defaultSpeaker: String?
        /// The last segment entered (line key and segment key): what `>`, `/fix` and
        /// `/exhibit` refer to.
        public var lastSegmentLine: UUID?
        public var lastSegmentKey: String?
        public var started = false
        public var running = false
        public var paused = false
        public var adjourned = false
        public var ended = false
        /// The session clock at `clockWall`.
        public var clockOffset: Double = 0
        public var clockWall = Date()
        public var lines = 0
        public var appliedKeys: Set<UUID> = []

        /// The session's clock now.
        public func offset(at now: Date = Date()) -> Double {
            running ? clockOffset + max(0, now.timeIntervalSince(clockWall)) : clockOffset
        }

        /// Folds one stored (or just applied) entry into the state.
        public mutating func fold(_ entry: Entry, segmentKey: String?) {
            appliedKeys.insert(entry.key)
            lines += 1
            let stopClock = { (state: inout State) in
                state.clockOffset = entry.offset
                state.clockWall = entry.enteredAt
            }
            switch entry.kind {
            case .start:
                started = true; running = true; paused = false; adjourned = false
                stopClock(&self)
            case .resume:
                running = true; paused = false; adjourned = false
                stopClock(&self)
            case .pause:
                stopClock(&self); running = false; paused = true
            case .adjourn:
                stopClock(&self); running = false; adjourned = true
            case .end:
                stopClock(&self); running = false; ended = true
            case .speaker:
                if let speaker = entry.speaker, let label = entry.label {
                    speakers[speaker] = Speaker(label: label, personID: entry.personID)
                }
            case .segment, .correction:
                if let speaker = entry.speaker { defaultSpeaker = speaker }
                lastSegmentLine = entry.key
                lastSegmentKey = segmentKey
            case .translation, .exhibit:
                break
            }
        }
    }

    /// Opens session `testimony` for logging: checks that testimony may be logged in it
    /// (the schema enforces the same rule; this names what is missing before anything is
    /// typed), and rebuilds its state from the lines already stored.
    /// - Throws: `.notFound`, or `.invalidInput` naming the missing consent or the state.
    public func open(_ testimony: String) throws -> State {
        let found = try connection.query("""
            select t.id, t.case_id, t.status, t.consent_given_at is not null as consent_given,
                   t.consent_withdrawn_at is not null as consent_withdrawn, t.languages::text[] as languages,
                   t.protective_measures::text[] as protective_measures,
                   p.id as deponent_id, coalesce(d.display_name, p.key) as deponent
            from inquest.testimony_session t
            join inquest.person p on p.case_id = t.case_id and p.id = t.deponent_id
            left join inquest.person_display d on d.id = p.id
            where t.key = $1
            """, [testimony])
        try requireOne(found.count, "testimony session", testimony)
        let row = found[0]
        let status = try row.decode(String.self, "status")
        var problems: [String] = []
        if try !row.decode(Bool.self, "consent_given") {
            problems.append("consent is not recorded (inquest testimony consent \(testimony) --given-at … --scope …)")
        } else if try row.decode(Bool.self, "consent_withdrawn") {
            problems.append("consent was withdrawn")
        }
        if status == "held" || status == "cancelled" { problems.append("the session is \(status)") }
        if !problems.isEmpty {
            throw InquestError(.invalidInput, "testimony session \(testimony): cannot log testimony: "
                + problems.joined(separator: "; "), field: "consent", rule: "testimony_log_line_needs_consent")
        }
        var state = State(testimony: testimony, sessionID: try row.decode(Int64.self, "id"),
                          caseID: try row.decode(Int64.self, "case_id"), status: status,
                          deponent: try row.decode(String.self, "deponent"),
                          languages: try row.decode([String].self, "languages"))
        state.protectiveMeasures = try row.decode([String].self, "protective_measures")
        state.speakers["D"] = Speaker(label: state.deponent, personID: try row.decode(Int64.self, "deponent_id"))
        let lines = try connection.query("""
            select l.client_key, l.kind, l.entered_at, extract(epoch from l.time_offset)::float8 as offset_seconds,
                   l.speaker, l.speaker_label, l.speaker_person_id, s.key as segment_key
            from inquest.testimony_log_line l
            left join inquest.transcript_segment s on s.case_id = l.case_id and s.id = l.segment_id
            where l.case_id = $1 and l.session_id = $2 order by l.id
            """, [state.caseID, state.sessionID])
        for line in lines {
            guard let kind = Entry.Kind(rawValue: try line.decode(String.self, "kind")) else { continue }
            var entry = Entry(key: try line.decode(UUID.self, "client_key"), kind: kind,
                              enteredAt: try line.decode(Date.self, "entered_at"),
                              offset: try line.decode(Double.self, "offset_seconds"))
            entry.speaker = try line.decode(String?.self, "speaker")
            entry.label = try line.decode(String?.self, "speaker_label")
            entry.personID = try line.decode(Int64?.self, "speaker_person_id")
            state.fold(entry, segmentKey: try line.decode(String?.self, "segment_key"))
        }
        return state
    }

    /// The person a speaker definition names (`P-n`, in the session's case), with the name
    /// they are shown under (a protected person's pseudonym).
    public func person(_ key: String, in state: State) throws -> Speaker {
        let found = try connection.query("""
            select p.id, coalesce(d.display_name, p.key) as label from inquest.person p
            left join inquest.person_display d on d.id = p.id
            where p.key = $1 and p.case_id = $2
            """, [key, state.caseID])
        try requireOne(found.count, "person", key)
        return Speaker(label: try found[0].decode(String.self, "label"), personID: try found[0].decode(Int64.self, "id"))
    }

    /// Applies one entry in its own transaction; a replay of an applied entry changes nothing.
    /// - Throws: `InquestError`; `.unavailable` when the database cannot be reached (the
    ///   entry stays in the journal, to be replayed).
    public func apply(_ entry: Entry, to state: State) throws -> Applied {
        // The session's row lock orders the lines of a session, as for an import.
        try connection.execute("select 1 from inquest.testimony_session where case_id = $1 and id = $2 for no key update",
                               [state.caseID, state.sessionID])
        let existing = try connection.query("""
            select l.key, s.key as segment_key, k.key as link_key from inquest.testimony_log_line l
            left join inquest.transcript_segment s on s.case_id = l.case_id and s.id = l.segment_id
            left join inquest.evidence_link k on k.case_id = l.case_id and k.id = l.evidence_link_id
            where l.case_id = $1 and l.session_id = $2 and l.client_key = $3
            """, [state.caseID, state.sessionID, entry.key])
        if let row = existing.first(where: { _ in true }) {
            return Applied(duplicate: true, lineKey: try row.decode(String?.self, "key"),
                           segmentKey: try row.decode(String?.self, "segment_key"),
                           linkKey: try row.decode(String?.self, "link_key"))
        }
        var segmentID: Int64?
        var segmentKey: String?
        var linkID: Int64?
        var linkKey: String?
        let speaker = entry.speaker.flatMap { state.speakers[$0] }
        switch entry.kind {
        case .segment, .correction:
            var supersedes: Int64?
            if entry.kind == .correction {
                let target = try targetSegment(connection, entry, state)
                supersedes = target.id
            }
            let line = TranscriptLine(offsetSeconds: entry.offset, speaker: entry.label ?? speaker?.label ?? "",
                                      text: entry.text ?? "", translation: nil)
            let inserted = try Testimonies.appendSegments(
                connection, sessionID: state.sessionID, caseID: state.caseID, [line],
                originalLanguage: state.languages.first, translationLanguage: nil, enteredAt: entry.enteredAt,
                supersedes: supersedes, speakerPersonID: speaker?.personID, returning: true)
            segmentID = inserted.first?.id
            segmentKey = inserted.first?.key
        case .translation:
            let target = try targetSegment(connection, entry, state)
            let updated = try connection.execute("""
                update inquest.transcript_segment set translation = $3, translation_language = $4
                where case_id = $1 and id = $2 and translation is null
                """, [state.caseID, target.id, entry.text, state.languages.count > 1 ? state.languages[1] : nil])
            if updated == 0 {
                throw InquestError(.conflict, "segment \(target.key) already has a translation; correct the segment with /fix",
                                   field: "translation", rule: "transcript_segment_live_append_only")
            }
            segmentID = target.id
            segmentKey = target.key
        case .exhibit:
            let target = try targetSegment(connection, entry, state)
            let link = try connection.query("""
                insert into inquest.evidence_link (case_id, evidence_id, transcript_segment_id, relation, locator)
                select e.case_id, e.id, $3, $4, $5 from inquest.evidence e where e.key = $1 and e.case_id = $2
                returning id, key
                """, [entry.evidence, state.caseID, target.id, entry.relation ?? "mentions",
                      "[\(Self.clock(entry.offset))]"])
            guard let row = link.first(where: { _ in true }) else {
                throw InquestError(.notFound, "evidence \(entry.evidence ?? "") not found in this case (or not visible to you)",
                                   field: "evidence")
            }
            linkID = try row.decode(Int64.self, "id")
            linkKey = try row.decode(String.self, "key")
            segmentID = target.id
            segmentKey = target.key
        default:
            break
        }
        let line = try connection.query("""
            insert into inquest.testimony_log_line (case_id, session_id, client_key, kind, time_offset, entered_at,
                                                    speaker, speaker_label, speaker_person_id, segment_id, evidence_link_id)
            values ($1, $2, $3, $4, make_interval(secs => $5), $6, $7, $8, $9, $10, $11)
            returning key
            """, [state.caseID, state.sessionID, entry.key, entry.kind.rawValue, entry.offset, entry.enteredAt,
                  entry.speaker, entry.kind == .speaker ? entry.label : nil,
                  entry.kind == .speaker ? entry.personID : speaker?.personID, segmentID, linkID])
        switch entry.kind {
        case .start, .resume:
            try connection.execute("""
                update inquest.testimony_session
                set started_at = coalesce(started_at, $3),
                    status = case when status = 'adjourned' then 'scheduled' else status end
                where case_id = $1 and id = $2
                """, [state.caseID, state.sessionID, entry.enteredAt])
        case .adjourn:
            try connection.execute("update inquest.testimony_session set status = 'adjourned' where case_id = $1 and id = $2 and status <> 'adjourned'",
                                   [state.caseID, state.sessionID])
        case .end:
            try connection.execute("""
                update inquest.testimony_session set status = 'held', started_at = coalesce(started_at, $3), ended_at = $3
                where case_id = $1 and id = $2
                """, [state.caseID, state.sessionID, entry.enteredAt])
        default:
            break
        }
        return Applied(duplicate: false, lineKey: try line.first(where: { _ in true })?.decode(String.self, "key"),
                       segmentKey: segmentKey, linkKey: linkKey)
    }

    /// The segment a translation, correction or exhibit refers to.
    private func targetSegment(_ connection: Connection, _ entry: Entry, _ state: State) throws -> (id: Int64, key: String) {
        let found: QueryResult
        if let key = entry.targetSegment {
            found = try connection.query("""
                select id, key from inquest.transcript_segment where key = $1 and case_id = $2 and session_id = $3
                """, [key, state.caseID, state.sessionID])
        } else if let target = entry.target {
            found = try connection.query("""
                select s.id, s.key from inquest.testimony_log_line l
                join inquest.transcript_segment s on s.case_id = l.case_id and s.id = l.segment_id
                where l.case_id = $1 and l.session_id = $2 and l.client_key = $3
                """, [state.caseID, state.sessionID, target])
        } else {
            throw InquestError(.invalidInput, "no segment yet to refer to", field: "segment")
        }
        guard let row = found.first(where: { _ in true }) else {
            throw InquestError(.notFound, "segment \(entry.targetSegment ?? "") not found in session \(state.testimony)",
                               field: "segment")
        }
        return (try row.decode(Int64.self, "id"), try row.decode(String.self, "key"))
    }

    /// `HH:MM:SS`, as the transcript format writes a time.
    public static func clock(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.down))
        return String(format: "%02d:%02d:%02d", whole / 3600, whole / 60 % 60, whole % 60)
    }
}
