import Postgres

/// The kinds of record that evidence, events and statements refer to, named by the prefix
/// of their human key (`Schema/0003_records.sql`: `P-12` is a person, `TS-4` a transcript
/// segment). Each kind carries its SQL as fixed text: nothing is ever spliced into SQL.
enum RecordKind: String, CaseIterable, Sendable {
    case person = "P"
    case statement = "ST"
    case event = "EV"
    case transcriptSegment = "TS"
    case disclosureRequest = "D"
    case summons = "S"
    case evidence = "E"
    case position = "PO"
    case testimonySession = "T"

    /// The kind named by a key's prefix, or nil for a key of another shape or table.
    init?(key: String) {
        guard let dash = key.firstIndex(of: "-"),
              !key[key.index(after: dash)...].isEmpty,
              key[key.index(after: dash)...].allSatisfy(\.isASCII),
              key[key.index(after: dash)...].allSatisfy(\.isNumber)
        else { return nil }
        self.init(rawValue: String(key[..<dash]))
    }

    /// The noun used in messages, which is also the schema's table name.
    var noun: String {
        switch self {
        case .person: "person"
        case .statement: "statement"
        case .event: "event"
        case .transcriptSegment: "transcript_segment"
        case .disclosureRequest: "disclosure_request"
        case .summons: "summons"
        case .evidence: "evidence"
        case .position: "position"
        case .testimonySession: "testimony_session"
        }
    }

    /// One row when a record of this kind with key `$1` exists and is visible to the caller.
    var existsSQL: String {
        switch self {
        case .person: "select 1 from inquest.person where key = $1"
        case .statement: "select 1 from inquest.statement where key = $1"
        case .event: "select 1 from inquest.event where key = $1"
        case .transcriptSegment: "select 1 from inquest.transcript_segment where key = $1"
        case .disclosureRequest: "select 1 from inquest.disclosure_request where key = $1"
        case .summons: "select 1 from inquest.summons where key = $1"
        case .evidence: "select 1 from inquest.evidence where key = $1"
        case .position: "select 1 from inquest.position where key = $1"
        case .testimonySession: "select 1 from inquest.testimony_session where key = $1"
        }
    }
}

/// After an insert that joins several parents by key returned no row: names the first
/// parent that does not exist (or is hidden by row-level security) as `.notFound`.
/// - Parameter references: the parents in the order a reader would check them; nil keys
///   (optional parents that were not given) are skipped.
func requireExisting(_ connection: Connection, _ references: [(kind: RecordKind, key: String?)]) throws {
    for reference in references {
        guard let key = reference.key else { continue }
        try requireOne(try records(connection, reference.kind.existsSQL, [key]).rows.count, reference.kind.noun, key)
    }
}
