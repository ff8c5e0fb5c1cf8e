import Crypto
import Foundation
import Postgres

/// The audit trail: read it, verify its hash chain, export it, sign and check checkpoints.
/// Readable by auditors and admins (grants in `Schema/0002_access_audit.sql`).
public struct Audit {
    let session: Session

    public init(_ session: Session) { self.session = session }

    public struct Filter: Sendable {
        public var since: String?
        public var until: String?
        public var actor: String?
        public var table: String?
        public var record: String?
        public var caseReference: String?
        public var operation: String?
        /// Keyset paging: only events after (or before) this sequence number. With `afterSeq`
        /// the oldest `limit` events after it; otherwise the newest `limit` (before `beforeSeq`).
        public var afterSeq: Int?
        public var beforeSeq: Int?
        /// The newest `limit` events matching (shown oldest first).
        public var limit: Int = 100

        public init() {}
    }

    /// Sealed events matching `filter`, oldest first. Seals first, so that everything
    /// committed before the call is shown.
    public func log(_ filter: Filter) throws -> RecordSet {
        try unlessLocked { try session.seal() }
        let ascending = filter.afterSeq != nil
        var set = try auditRead { connection in
            // Keyset paging on seq (an index walk), never OFFSET; the case is looked up once so
            // that the filter can use the index on the event's case_id.
            try records(connection, """
                select l.seq, l.occurred_at, l.actor, l.login, l.operation, l.table_name, l.record_key, c.reference as case
                from inquest_audit.log l left join inquest."case" c on c.id = l.case_id
                where ($1::timestamptz is null or l.occurred_at >= $1) and ($2::timestamptz is null or l.occurred_at < $2)
                  and ($3::text is null or l.actor = $3 or l.login = $3) and ($4::text is null or l.table_name = $4)
                  and ($5::text is null or l.record_key = $5)
                  and ($6::text is null or l.case_id = (select x.id from inquest."case" x where x.key = $6 or x.reference = $6))
                  and ($8::text is null or l.operation = $8)
                  and ($9::bigint is null or l.seq > $9) and ($10::bigint is null or l.seq < $10)
                order by l.seq \(ascending ? "asc" : "desc") limit $7
                """, [filter.since, filter.until, filter.actor, filter.table, filter.record, filter.caseReference, filter.limit,
                      filter.operation, filter.afterSeq, filter.beforeSeq])
        }
        if ascending { return set }
        set.rows.reverse()
        return set
    }

    /// One event, and the fields it changed (old and new value side by side).
    public func show(seq: Int) throws -> (event: RecordSet, changes: RecordSet) {
        try unlessLocked { try session.seal() }
        return try auditRead { connection in
            let event = try requireRecord(records(connection, """
                select seq, event_id, occurred_at, txid::text as txid, login, actor, operation, table_name, record_key,
                       case_id, prev_hash, hash
                from inquest_audit.log where seq = $1
                """, [seq]), "audit event", String(seq))
            let changes = try records(connection, """
                select k.field, l.old_values -> k.field as old, l.new_values -> k.field as new
                from inquest_audit.log l,
                     lateral (select jsonb_object_keys(coalesce(l.old_values, '{}') || coalesce(l.new_values, '{}')) as field) k
                where l.seq = $1 and (l.old_values -> k.field) is distinct from (l.new_values -> k.field)
                order by k.field
                """, [seq])
            return (event, changes)
        }
    }

    /// What `verify` found.
    public struct Verification: Sendable, Encodable {
        /// Events checked.
        public var events: Int
        /// The last good event's sequence number.
        public var headSeq: Int
        /// The events of the format 1 hash chain (1 ... chained; later events are covered by
        /// the tree alone, docs/audit-format.md section 3), and the hash of the last (hex;
        /// 64 zeros when there is none).
        public var chained: Int
        public var chainHash: String
        /// The Merkle tree root over the events checked (base64).
        public var root: String
        /// The first event that breaks the chain or the tree, and why; nil when all holds.
        public var firstBadSeq: Int?
        public var problem: String?
        /// Checked against a signed checkpoint too.
        public var checkpoint: Checkpoint?
        /// The witnesses whose cosignatures on it verified.
        public var witnesses: [String]?

        public var ok: Bool { firstBadSeq == nil && problem == nil }
    }

    /// Recomputes the whole chain and the Merkle tree in one streaming pass, checks every
    /// stored tree node against the recomputed one, and names the first bad event.
    /// - Parameter checkpoint: a verified checkpoint the log must still contain (detects a
    ///   rewritten or truncated log, which the chain alone cannot).
    public func verify(against checkpoint: Checkpoint? = nil) throws -> Verification {
        // Without waiting for a running sealer: verify checks the chain as committed, and
        // seal() itself ends any holder that is not sealing (Schema/0013).
        try unlessLocked { try session.seal(wait: false) }
        var result = Verification(events: 0, headSeq: 0, chained: 0, chainHash: AuditChain.hex(AuditChain.genesis),
                                  root: Data(Merkle.emptyRoot).base64EncodedString())
        try auditRead { connection in
            // Chain here, tree on a second thread (ChainCheck).
            let check = ChainCheck(checkpointSize: checkpoint?.size)
            var stream = BinaryCopyRows()
            struct Stop: Error {}
            do {
                try connection.copyOut(Self.verifySQL) { chunk in
                    try stream.feed(chunk) { fields in
                        guard check.row(fields) else { throw Stop() }
                    }
                }
            } catch is Stop {
            } catch {
                _ = check.finish()
                throw error
            }
            let outcome = check.finish()
            result.events = outcome.events
            result.headSeq = outcome.events
            result.chained = check.chained
            if let failure = outcome.failure {
                result.firstBadSeq = failure.seq
                result.problem = failure.problem
                return
            }
            let checkpointRoot = outcome.checkpointRoot
            result.chainHash = AuditChain.hex(check.previous)
            result.root = Data(outcome.root).base64EncodedString()
            if let checkpoint {
                result.checkpoint = checkpoint
                let origin = try connection.query("select origin from inquest_audit.head()").first?.decode(String.self, "origin")
                if origin != checkpoint.origin {
                    result.problem = "the checkpoint belongs to another log (\(checkpoint.origin)), not this one (\(origin ?? "?"))"
                } else if result.headSeq < checkpoint.size {
                    result.firstBadSeq = result.headSeq + 1
                    result.problem = "the log is shorter than the checkpoint: it ends at event \(result.headSeq) but the checkpoint signed "
                        + "\(checkpoint.size) events; it was truncated, or restored to a time before the checkpoint"
                    if session.isStandby() {
                        result.problem! += " (this server is a standby: it may only lag behind the primary; verify on the primary before concluding)"
                    }
                } else if checkpointRoot != checkpoint.root {
                    result.firstBadSeq = checkpoint.size
                    result.problem = "the first \(checkpoint.size) events no longer have the root the checkpoint signed: the log was rewritten"
                }
            }
        }
        return result
    }

    /// Writes every sealed event as JSON lines (format in `docs/audit-format.md`).
    /// - Returns: the number of events written.
    @discardableResult
    public func export(to url: URL) throws -> Int {
        try unlessLocked { try session.seal() }
        let handle = try openForWriting(url.path, field: "out")
        defer { try? handle.close() }
        var count = 0
        try auditRead { connection in
            var stream = BinaryCopyRows()
            var line: [UInt8] = []
            var pending: [UInt8] = []
            try connection.copyOut(Self.streamSQL) { chunk in
                try stream.feed(chunk) { fields in
                    line.removeAll(keepingCapacity: true)
                    JSONLine.object(names: AuditChain.fields + ["prev_hash", "hash"], values: fields,
                                    numeric: [0, 1, 8], into: &line)
                    pending.append(contentsOf: line)
                    count += 1
                    if pending.count > 1 << 20 {
                        handle.write(Data(pending))
                        pending.removeAll(keepingCapacity: true)
                    }
                }
            }
            handle.write(Data(pending))
        }
        return count
    }

    /// The sealed events in seq order with their columns' own types and their stored tree
    /// nodes (format 2: in the seal row; format 1: in inquest_audit.tree), for `verify`
    /// (`BinaryEvent` writes the canonical text).
    static let verifySQL = """
        copy (select s.seq, e.id, e.occurred_at, e.txid, e.login, e.actor, e.table_name, e.record_key,
                     e.case_id, e.operation, e.old_values, e.new_values, s.prev_hash, s.hash,
                     coalesce(s.nodes, t.nodes)
                from inquest_audit.seal s join inquest_audit.event e on e.id = s.event_id
                left join inquest_audit.tree t on t.seq = s.seq and s.nodes is null
               order by s.seq) to stdout (format binary)
        """

    /// The sealed events as text, in seq order, for `export`.
    static let streamSQL = """
        copy (select x.seq::text, x.id::text, x.occurred_at, x.txid, x.login, x.actor, x.table_name, x.record_key,
                     x.case_id::text, x.operation, x.old_values, x.new_values, x.prev_hash, x.hash
              from inquest_audit.export x order by x.seq) to stdout (format binary)
        """

    /// The log's origin (a random name fixed when the schema was installed) and its head.
    public func head() throws -> (origin: String, seq: Int, hash: String) {
        try unlessLocked { try session.seal(wait: false) }
        return try auditRead { connection in
            guard let row = try translatingErrors({ try connection.query("select origin, seq, hash from inquest_audit.head()").first }) else {
                throw InquestError(.internal, "no audit head")
            }
            return (try row["origin"], try row["seq"], try row["hash"])
        }
    }
}

extension Audit {
    /// How long an audit read waits for a table lock before it gives up. Only the owner
    /// can lock the log's own tables, but `audit log` joins the cases, which an admin can
    /// lock; a read must end, not hang behind somebody's open transaction.
    static let lockTimeout = "30s"

    /// A read-only, single-snapshot transaction with a bounded lock wait.
    func auditRead<R>(_ body: (Connection) throws -> R) throws -> R {
        try unlessLocked {
            try session.read { transaction in
                try transaction.connection.execute("select pg_catalog.set_config('lock_timeout', $1, true)", [Self.lockTimeout])
                return try body(transaction.connection)
            }
        }
    }

    /// A lock that was not granted in time (the sealer busy sealing, a table locked by an
    /// open transaction) is a condition to retry, not an internal error.
    @discardableResult
    func unlessLocked<R>(_ body: () throws -> R) throws -> R {
        do {
            return try body()
        } catch var error as InquestError where error.underlying?.code == PostgresError.Code("55P03") {
            error.code = .unavailable
            throw error
        }
    }
}

/// Writes one JSON object per line without a JSON encoder in the loop: field values are
/// raw UTF-8 text from the database, escaped as JSON strings (or copied as numbers).
enum JSONLine {
    static func object(names: [String], values: [UnsafeRawBufferPointer?], numeric: Set<Int>, into line: inout [UInt8]) {
        line.append(UInt8(ascii: "{"))
        for (index, name) in names.enumerated() {
            if index > 0 { line.append(UInt8(ascii: ",")) }
            line.append(UInt8(ascii: "\""))
            line.append(contentsOf: name.utf8)
            line.append(contentsOf: "\":".utf8)
            guard let value = values[index] else {
                line.append(contentsOf: "null".utf8)
                continue
            }
            if numeric.contains(index) {
                line.append(contentsOf: value)
            } else {
                appendString(value, to: &line)
            }
        }
        line.append(contentsOf: "}\n".utf8)
    }

    static func appendString(_ value: some Collection<UInt8>, to line: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        line.append(UInt8(ascii: "\""))
        for byte in value {
            switch byte {
            case UInt8(ascii: "\""): line.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): line.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: line.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: line.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: line.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                line.append(contentsOf: "\\u00".utf8)
                line.append(hex[Int(byte >> 4)])
                line.append(hex[Int(byte & 0xF)])
            default: line.append(byte)
            }
        }
        line.append(UInt8(ascii: "\""))
    }
}
