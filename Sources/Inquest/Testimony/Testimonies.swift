import Foundation
import Postgres

/// Testimony sessions, consent, and transcripts.
public struct Testimonies {
    let connection: Connection

    /// Runs in the caller's unit of work (`Session.read` or `Session.write` hands it over).
    public init(_ transaction: Transaction) { connection = transaction.connection }

    public struct Plan: Sendable {
        public var interviewers: [String] = []
        public var interpreter: String?
        public var languages: [String] = []
        public var place: String?
        public var mode: String?
        public var scheduledAt: String?
        public var protectiveMeasures: [String] = []
        public var notes: String?

        public init() {}
    }

    /// Schedules a session with a deponent. - Returns: its key (`T-n`).
    public func schedule(deponent: String, _ plan: Plan) throws -> String {
        try insertUnder(connection, "person", deponent, """
            insert into inquest.testimony_session (case_id, deponent_id, interviewers, interpreter, languages, place, mode,
                                                   scheduled_at, protective_measures, notes)
            select case_id, id, $2::text[], $3, $4::text[], $5, coalesce($6, 'in_person'), $7::timestamptz, $8::text[], $9
            from inquest.person where key = $1
            returning key
            """, [deponent, plan.interviewers, plan.interpreter, plan.languages, plan.place, plan.mode, plan.scheduledAt,
                  plan.protectiveMeasures, plan.notes])
    }

    /// Corrects a session's arrangements. `nil` (or an empty list) leaves a field as it is.
    public func update(_ testimony: String, _ plan: Plan) throws {
        try requireOne(connection.execute("""
            update inquest.testimony_session set
                interviewers = case when cardinality($2::text[]) > 0 then $2::text[] else interviewers end,
                interpreter = coalesce($3, interpreter),
                languages = case when cardinality($4::text[]) > 0 then $4::text[] else languages end,
                place = coalesce($5, place), mode = coalesce($6, mode),
                scheduled_at = coalesce($7::timestamptz, scheduled_at),
                protective_measures = case when cardinality($8::text[]) > 0 then $8::text[] else protective_measures end,
                notes = coalesce($9, notes)
            where key = $1
            """, [testimony, plan.interviewers, plan.interpreter, plan.languages, plan.place, plan.mode, plan.scheduledAt,
                  plan.protectiveMeasures, plan.notes]), "testimony session", testimony)
    }

    /// Records consent given (with its scope) or withdrawn.
    public func consent(_ testimony: String, givenAt: String?, scope: String?, withdrawnAt: String?) throws {
        try requireOne(connection.execute("""
            update inquest.testimony_session set
                consent_given_at = coalesce($2::timestamptz, consent_given_at),
                consent_scope = coalesce($3, consent_scope),
                consent_withdrawn_at = coalesce($4::timestamptz, consent_withdrawn_at)
            where key = $1
            """, [testimony, givenAt, scope, withdrawnAt]), "testimony session", testimony)
    }

    /// Moves a session to `status` (held, adjourned, cancelled, scheduled), with its times.
    public func setStatus(_ testimony: String, _ status: String, startedAt: String?, endedAt: String?) throws {
        try requireOne(connection.execute("""
            update inquest.testimony_session set status = $2,
                started_at = coalesce($3::timestamptz, started_at), ended_at = coalesce($4::timestamptz, ended_at)
            where key = $1
            """, [testimony, status, startedAt, endedAt]), "testimony session", testimony)
    }

    /// Appends a parsed transcript to a session, after any segments it already has: all
    /// lines land, or none.
    ///
    /// Linear in the number of lines. The next ordinal is read once, as an uncorrelated
    /// subquery (an init plan), not once per inserted row: a per-row `max(ordinal)` walked
    /// every row the same statement had already added (invisible to its snapshot, still in
    /// the index), which made an import quadratic (16,000 segments took 7.8 s, 200,000 never
    /// ended).
    ///
    /// Concurrent imports into one session queue on the session's row lock, taken by its own
    /// statement so that the insert, in a later statement, sees (read committed) what the
    /// import before it committed: they append one after the other instead of colliding on
    /// `transcript_segment_ordinal_unique`.
    /// - Returns: the number of segments added.
    public func addTranscript(_ testimony: String, _ lines: [TranscriptLine], originalLanguage: String?,
                              translationLanguage: String?) throws -> Int {
        let locked = try connection.query(
            "select id, case_id from inquest.testimony_session where key = $1 for no key update", [testimony])
        try requireOne(locked.count, "testimony session", testimony)
        let sessionID = try locked[0].decode(Int64.self, "id")
        let caseID = try locked[0].decode(Int64.self, "case_id")
        return try Self.appendSegments(connection, sessionID: sessionID, caseID: caseID, lines,
                                       originalLanguage: originalLanguage, translationLanguage: translationLanguage).count
    }

    /// Inserts `lines` after the session's last segment: the one way segments are numbered
    /// (the live log uses it too). The caller holds the session's row lock (`for no key
    /// update`, in an earlier statement of its transaction); see `addTranscript`.
    /// - Parameters:
    ///   - enteredAt: wall-clock time the lines were typed (live log), else nil.
    ///   - supersedes: the segment the (single) line corrects.
    ///   - returning: return the new segments' ids and keys (the live log); an import only
    ///     needs the count.
    /// - Returns: the new segments' (id, key), or as many empty keys as rows when not `returning`.
    static func appendSegments(_ connection: Connection, sessionID: Int64, caseID: Int64, _ lines: [TranscriptLine],
                               originalLanguage: String?, translationLanguage: String?, enteredAt: Date? = nil,
                               supersedes: Int64? = nil, speakerPersonID: Int64? = nil,
                               returning: Bool = false) throws -> [(id: Int64, key: String)] {
        let sql = """
            insert into inquest.transcript_segment (case_id, session_id, ordinal, time_offset, speaker, original_text,
                                                    original_language, translation, translation_language,
                                                    entered_at, supersedes_id, speaker_person_id)
            select t.case_id, t.id,
                   coalesce((select max(s.ordinal) from inquest.transcript_segment s where s.case_id = $8 and s.session_id = $1), 0) + l.n,
                   make_interval(secs => l.offset_seconds), l.speaker, l.said, $6,
                   l.translation, case when l.translation is not null then $7 end,
                   $9::timestamptz, $10::bigint, $11::bigint
            from inquest.testimony_session t,
                 unnest($2::float8[], $3::text[], $4::text[], $5::text[]) with ordinality as l(offset_seconds, speaker, said, translation, n)
            where t.id = $1
            """
        let parameters: [any PostgresEncodable] = [
            sessionID, lines.map(\.offsetSeconds), lines.map(\.speaker), lines.map(\.text), lines.map(\.translation),
            originalLanguage, translationLanguage, caseID, enteredAt, supersedes, speakerPersonID]
        if !returning {
            return Array(repeating: (0, ""), count: try connection.execute(sql, parameters))
        }
        return try connection.query(sql + " returning id, key", parameters).map {
            (try $0.decode(Int64.self, "id"), try $0.decode(String.self, "key"))
        }
    }

    public func transcript(_ testimony: String) throws -> RecordSet {
        try readContract(connection, "inquest.testimony_transcript", [testimony])
    }

    public func list(case reference: String?, deponent: String?, status: String?) throws -> RecordSet {
        try readContract(connection, "inquest.testimony_list", [reference, deponent, status])
    }

    public func show(_ testimony: String) throws -> Sections {
        let shown = try requireRecord(readContract(connection, "inquest.testimony_record", [testimony]),
                                      "testimony session", testimony)
        return Sections([.init("session", shown, single: true), .init("transcript", try transcript(testimony))])
    }
}
