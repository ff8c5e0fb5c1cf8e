import Foundation
import Postgres

/// How a record came to be: every version of one record, oldest first, from the audit
/// trail (auditors and admins, who may read it).
public struct History {
    let session: Session

    public init(_ session: Session) { self.session = session }

    /// One field an event changed, old and new value side by side (`null` when absent).
    public struct Change: Sendable, Encodable {
        public var field: String
        public var old: FieldValue
        public var new: FieldValue
    }

    /// One event on the record: who (login and acting role), when, which transaction, what.
    public struct Version: Sendable, Encodable {
        public var seq: Int64
        public var occurredAt: String
        public var txid: String
        public var login: String
        public var actor: String
        public var operation: String
        public var table: String
        public var key: String
        public var changes: [Change]

        enum CodingKeys: String, CodingKey {
            case seq, occurredAt = "occurred_at", txid, login, actor, operation, table, key, changes
        }
    }

    /// Every sealed event on `key` (`P-3`, `TS-12`, `C-1` …), oldest first. Seals first, so that
    /// everything committed before the call is included.
    /// - Throws: `.notFound` when the trail holds nothing for `key`; `.permissionDenied` for
    ///   a user who may not read the audit trail.
    public func versions(of key: String) throws -> [Version] {
        try readingTrail {
            try Audit(session).unlessLocked { try session.seal() }
            return try Audit(session).auditRead { connection in
                let rows = try connection.query("""
                    select l.seq, l.occurred_at, l.txid::text as txid, l.login::text as login, l.actor::text as actor,
                           l.operation, l.table_name, l.record_key, l.old_values::text as old_values, l.new_values::text as new_values
                    from inquest_audit.log l where l.record_key = $1 order by l.seq
                    """, [key])
                var versions: [Version] = []
                for row in rows {
                    let old = Self.object(try row.decode(String?.self, "old_values"))
                    let new = Self.object(try row.decode(String?.self, "new_values"))
                    let fields = Set(old.keys).union(new.keys).sorted()
                    let changes = fields.compactMap { field -> Change? in
                        let before = old[field] ?? .null, after = new[field] ?? .null
                        return before == after ? nil : Change(field: field, old: before, new: after)
                    }
                    versions.append(Version(
                        seq: try row.decode(Int64.self, "seq"),
                        occurredAt: try row.decode(Date.self, "occurred_at").formatted(.iso8601.time(includingFractionalSeconds: true).year().month().day().dateSeparator(.dash).timeZone(separator: .omitted)),
                        txid: try row.decode(String.self, "txid"), login: try row.decode(String.self, "login"),
                        actor: try row.decode(String.self, "actor"), operation: try row.decode(String.self, "operation"),
                        table: try row.decode(String.self, "table_name"), key: key, changes: changes))
                }
                if versions.isEmpty {
                    throw InquestError(.notFound, "\(key): the audit trail holds no event for this key", field: "key")
                }
                return versions
            }
        }
    }

    /// The rows of a table: one per changed field (an event with no field, one row).
    public static func table(_ versions: [Version]) -> RecordSet {
        var rows: [[FieldValue]] = []
        for version in versions {
            let head: [FieldValue] = [.integer(version.seq), .string(version.occurredAt), .string(version.login),
                                      .string(version.actor), .string(version.txid), .string(version.operation)]
            if version.changes.isEmpty { rows.append(head + [.null, .null, .null]) }
            for change in version.changes {
                rows.append(head + [.string(change.field), .string(Self.text(change.old)), .string(Self.text(change.new))])
            }
        }
        return RecordSet(columns: ["seq", "occurred_at", "login", "actor", "txid", "operation", "field", "old", "new"], rows: rows)
    }

    static func text(_ value: FieldValue) -> String {
        if case .null = value { return "" }
        return value.text
    }

    static func object(_ json: String?) -> [String: FieldValue] {
        guard let json, let value = try? JSONDecoder().decode(FieldValue.self, from: Data(json.utf8)),
              case .object(let fields) = value else { return [:] }
        return fields
    }

    /// Turns "permission denied for view log" into what the user can act on.
    func readingTrail<R>(_ body: () throws -> R) throws -> R {
        do {
            return try body()
        } catch var error as InquestError where error.code == .permissionDenied {
            error.message = "the audit trail is readable by auditors and admins only (\(error.message))"
            throw error
        }
    }
}
