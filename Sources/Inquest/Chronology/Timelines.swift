import Postgres

/// Time lines: "what was this person told, and when, and what did they say afterwards".
/// Entries come in date order by their earliest possible day, partial dates as given.
public struct Timelines {
    let connection: Connection

    /// Runs in the caller's unit of work (`Session.read` or `Session.write` hands it over).
    public init(_ transaction: Transaction) { connection = transaction.connection }

    /// A person's posts, events, the evidence addressed to or naming them, statements,
    /// summonses and questions (view `inquest.person_timeline`).
    /// - Parameter asOf: only what the record shows had reached them by that day
    ///   (`YYYY-MM-DD`): entries whose earliest possible date is on or before it. An entry
    ///   that could also have begun after it is marked `uncertain` (a post held since before
    ///   then, still held or with no recorded end, is not: it had begun).
    /// - Parameter solarHijri: add the earliest day in the Solar Hijri calendar too.
    public func person(_ person: String, asOf: String?, solarHijri: Bool = false) throws -> RecordSet {
        try requireExisting(connection, [(.person, person)])
        let set = try readContract(connection, "inquest.timeline_person", [person, asOf])
        return solarHijri ? set : set.dropping("earliest_solar_hijri")
    }

    /// A whole case in date order: every event once, every statement, every dated piece of
    /// evidence, summonses and questions, each with the person it concerns.
    public func caseChronology(_ reference: String) throws -> RecordSet {
        try requireCase(connection, reference)
        return try readContract(connection, "inquest.timeline_case", [reference])
    }
}
