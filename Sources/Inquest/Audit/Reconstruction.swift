import Foundation
import Postgres

/// A record as it stood at a given time, rebuilt from the audit trail: its insert event,
/// then every update up to that time (a delete ends it). Fields that are redacted in the
/// trail (protected identities) stay redacted.
public struct Reconstruction: Sendable {
    public var key: String
    public var table: String
    /// The time asked for (as the server read it, ISO 8601).
    public var asOf: String
    /// The last event applied: its sequence number, time and actor.
    public var seq: Int64
    public var eventAt: String
    public var eventActor: String
    /// The fields, in the table's column order.
    public var record: RecordSet
    /// For a testimony session: its transcript as it stood then.
    public var transcript: RecordSet?

    /// The "reconstruction" section of a `show --as-of`.
    public var about: RecordSet {
        RecordSet(columns: ["reconstructed", "key", "as_of", "from_event_seq", "event_at", "event_actor", "note"],
                  rows: [[.bool(true), .string(key), .string(asOf), .integer(seq), .string(eventAt), .string(eventActor),
                          .string("rebuilt from the audit trail: the record as it stood then, not as it is now")]])
    }

    /// Rebuilds `key` as of `timestamp` (ISO 8601; anything PostgreSQL reads as timestamptz).
    /// - Throws: `.invalidInput` for a bad time, `.notFound` when the record did not exist
    ///   then, `.permissionDenied` for a user who may not read the audit trail.
    public static func load(_ session: Session, key: String, asOf timestamp: String) throws -> Reconstruction {
        try History(session).readingTrail {
            try Audit(session).unlessLocked { try session.seal() }
            return try Audit(session).auditRead { connection in
                let at: String
                do {
                    at = try connection.query("select ($1::timestamptz) as at", [timestamp]).first(where: { _ in true })?
                        .decode(Date.self, "at").formatted(.iso8601) ?? timestamp
                } catch {
                    throw InquestError(.invalidInput, "--as-of \(timestamp): not a time (write ISO 8601, such as 2026-03-01T10:00:00Z)",
                                       field: "as-of")
                }
                var rebuilt = try rebuild(connection, key: key, asOf: timestamp)
                if rebuilt == nil, let found = try connection.query(#"select key from inquest."case" where reference = $1"#, [key])
                    .first(where: { _ in true }) {
                    rebuilt = try rebuild(connection, key: try found.decode(String.self, "key"), asOf: timestamp)  // a case by its reference
                }
                guard var rebuilt else {
                    throw InquestError(.notFound, "\(key) did not exist at \(at) (no insert event up to then, or it was deleted)",
                                       field: "as-of")
                }
                rebuilt.asOf = at
                if rebuilt.table == "testimony_session", case .integer(let id)? = rebuilt.field("id") {
                    let keys = try connection.query("""
                        select distinct on (e.record_key) e.record_key from inquest_audit.log e
                        where e.table_name = 'transcript_segment' and e.operation = 'insert'
                          and e.new_values ->> 'session_id' = $1 and e.occurred_at <= $2::timestamptz
                        """, [String(id), timestamp]).map { try $0.decode(String.self, "record_key") }
                    var segments: [(ordinal: Int64, row: [FieldValue])] = []
                    for segment in keys {
                        guard let part = try rebuild(connection, key: segment, asOf: timestamp) else { continue }
                        let row = ["key", "ordinal", "time_offset", "speaker", "original_text", "translation", "supersedes_id", "entered_at"]
                            .map { part.field($0) ?? .null }
                        var ordinal: Int64 = 0
                        if case .integer(let n)? = part.field("ordinal") { ordinal = n }
                        segments.append((ordinal, row))
                    }
                    rebuilt.transcript = RecordSet(
                        columns: ["key", "ordinal", "time_offset", "speaker", "original_text", "translation", "supersedes_id", "entered_at"],
                        rows: segments.sorted { $0.ordinal < $1.ordinal }.map(\.row))
                }
                return rebuilt
            }
        }
    }

    func field(_ name: String) -> FieldValue? {
        guard let index = record.columns.firstIndex(of: name) else { return nil }
        return record.rows.first?[index]
    }

    /// Folds the record's data events up to `timestamp`; nil when it did not exist then.
    static func rebuild(_ connection: Connection, key: String, asOf timestamp: String) throws -> Reconstruction? {
        let events = try connection.query("""
            select l.seq, l.occurred_at, l.actor::text as actor, l.table_name, l.operation,
                   l.old_values::text as old_values, l.new_values::text as new_values
            from inquest_audit.log l
            where l.record_key = $1 and l.occurred_at <= $2::timestamptz and l.operation in ('insert', 'update', 'delete')
            order by l.seq
            """, [key, timestamp])
        var fields: [String: FieldValue]?
        var last: (seq: Int64, at: Date, actor: String, table: String)?
        for event in events {
            last = (try event.decode(Int64.self, "seq"), try event.decode(Date.self, "occurred_at"),
                    try event.decode(String.self, "actor"), try event.decode(String.self, "table_name"))
            switch try event.decode(String.self, "operation") {
            case "insert": fields = History.object(try event.decode(String?.self, "new_values"))
            case "update": fields?.merge(History.object(try event.decode(String?.self, "new_values"))) { $1 }
            default: fields = nil
            }
        }
        guard let fields, let last else { return nil }
        let columns = try connection.query("""
            select a.attname::text as name from pg_catalog.pg_attribute a
            where a.attrelid = pg_catalog.format('inquest.%I', $1::text)::regclass and a.attnum > 0 and not a.attisdropped
            order by a.attnum
            """, [last.table]).map { try $0.decode(String.self, "name") }
        let ordered = columns.filter { fields[$0] != nil } + fields.keys.filter { !columns.contains($0) }.sorted()
        return Reconstruction(key: key, table: last.table, asOf: timestamp, seq: last.seq, eventAt: last.at.formatted(.iso8601),
                              eventActor: last.actor,
                              record: RecordSet(columns: ordered, rows: [ordered.map { fields[$0] ?? .null }]))
    }
}
