import Foundation
import Postgres

/// The Merkle tree as stored by `inquest_audit.seal()` (Schema/0016): roots and proofs in
/// O(log n) rows, read in one query each.
extension Audit {
    /// The number of sealed events (the tree size) and the log's origin.
    public func treeHead() throws -> (origin: String, size: Int) {
        try unlessLocked { try session.seal(wait: false) }
        return try auditRead(Self.head)
    }

    static func head(_ connection: Connection) throws -> (origin: String, size: Int) {
        guard let row = try translatingErrors({ try connection.query("select origin, seq from inquest_audit.head()").first }) else {
            throw InquestError(.internal, "no audit head")
        }
        return (try row["origin"], try row["seq"])
    }

    /// Everything `audit prove` needs, read in one snapshot and one round trip: checks that
    /// this log has the tree `checkpoint` signed (its origin, size and root), then returns
    /// event `seq`'s canonical text and its inclusion proof in that tree. Nothing is sealed
    /// first: a checkpoint signs sealed events only, so sealing more cannot bring its tree
    /// into being. The subtrees wanted follow from the size and seq alone, so every query
    /// is known before the first answer: process start and connection are what remain.
    /// - Throws: `verificationFailed` (rule `origin` or `checkpoint-root`) when the
    ///   checkpoint is not of this log's tree.
    public func inclusionBundle(seq: Int, checkpoint: Checkpoint) throws -> (canonical: [UInt8], proof: [Merkle.Hash]) {
        let size = checkpoint.size
        guard seq >= 1, seq <= size else {
            throw InquestError(.invalidInput, "seq: event \(seq) is not in a checkpoint of \(size) events", field: "seq", rule: "seq-in-checkpoint")
        }
        let rootPlan = Merkle.rootPlan(size: size), plan = Merkle.inclusionPlan(index: seq - 1, size: size)
        let nodes = rootPlan.nodes.union(plan.nodes)
        let results = try unlessLocked {
            try session.read([
                PipelineStatement("select pg_catalog.set_config('lock_timeout', $1, true)", [Self.lockTimeout]),
                PipelineStatement("select origin, seq from inquest_audit.head()"),
                PipelineStatement(Self.treeRowsSQL, [Self.rowSeqs(nodes)]),
                PipelineStatement(Self.canonicalTextSQL, [seq]),
            ])
        }
        guard let headRow = results[1].first else { throw InquestError(.internal, "no audit head") }
        let head: (origin: String, size: Int) = (try headRow["origin"], try headRow["seq"])
        guard checkpoint.origin == head.origin else {
            throw InquestError(.verificationFailed, "checkpoint: it is of log \(checkpoint.origin), not of this one (\(head.origin))",
                               field: "checkpoint", rule: "origin")
        }
        let notThisTree = InquestError(.verificationFailed, "checkpoint: this log does not have the tree the checkpoint signed (\(size) events)",
                                       field: "checkpoint", rule: "checkpoint-root")
        guard size <= head.size else { throw notThisTree }
        let stored = try Self.nodes(nodes, from: results[2])
        guard try rootPlan.hashes(stored)[0] == checkpoint.root else { throw notThisTree }
        guard let textRow = results[3].first else {
            throw InquestError(.notFound, "audit event \(seq) not found", field: "seq")
        }
        let text: String = try textRow["t"]
        return (Array(text.utf8), try plan.hashes(stored))
    }

    static let canonicalTextSQL = """
        select inquest_audit.canonical_text(s.seq, e.id, e.occurred_at, e.txid, e.login, e.actor, e.table_name,
                 e.record_key, e.case_id, e.operation, e.old_values, e.new_values) as t
          from inquest_audit.seal s join inquest_audit.event e on e.id = s.event_id where s.seq = $1
        """

    static let treeRowsSQL = "select seq, encode(nodes, 'hex') as nodes from inquest_audit.tree_nodes where seq = any($1::bigint[])"

    /// The rows of inquest_audit.tree_nodes that hold `nodes` (subtree (level, k) is in row (k+1)·2^level).
    static func rowSeqs(_ nodes: Set<Merkle.Node>) -> [Int] {
        Array(Set(nodes.map { ($0.index + 1) << $0.level })).sorted()
    }

    static func canonicalText(seq: Int, _ connection: Connection) throws -> [UInt8] {
        guard let row = try connection.query(canonicalTextSQL, [seq]).first else {
            throw InquestError(.notFound, "audit event \(seq) not found", field: "seq")
        }
        let text: String = try row["t"]
        return Array(text.utf8)
    }

    /// The stored subtrees `nodes` (each a row of inquest_audit.tree at seq (k+1)·2^level).
    static func fetch(_ nodes: Set<Merkle.Node>, _ connection: Connection) throws -> [Merkle.Node: Merkle.Hash] {
        guard !nodes.isEmpty else { return [:] }
        return try Self.nodes(nodes, from: connection.query(treeRowsSQL, [rowSeqs(nodes)]))
    }

    /// `nodes`, cut out of the tree rows of `treeRowsSQL`.
    static func nodes(_ nodes: Set<Merkle.Node>, from result: QueryResult) throws -> [Merkle.Node: Merkle.Hash] {
        var rows: [Int: [UInt8]] = [:]
        for row in result {
            let seq: Int = try row["seq"]
            let hex: String = try row["nodes"]
            rows[seq] = AuditChain.bytes(hex: Array(hex.utf8))
        }
        var found: [Merkle.Node: Merkle.Hash] = [:]
        for node in nodes {
            guard let bytes = rows[(node.index + 1) << node.level], bytes.count >= 32 * (node.level + 1) else {
                throw InquestError(.verificationFailed, "the stored Merkle tree lacks the subtree at level \(node.level), index \(node.index): run inquest audit verify",
                                   rule: "audit-merkle-tree")
            }
            found[node] = Array(bytes[32 * node.level ..< 32 * (node.level + 1)])
        }
        return found
    }

    private func checkSize(_ size: Int, _ sealed: Int, field: String) throws {
        guard size >= 0, size <= sealed else {
            throw InquestError(.invalidInput, "\(field): \(size) is not a tree size of this log (0 to \(sealed))", field: field, rule: "tree-size")
        }
    }

    /// The root of the tree over the first `size` events.
    public func root(size: Int) throws -> Merkle.Hash {
        let head = try treeHead()
        try checkSize(size, head.size, field: "size")
        guard size > 0 else { return Merkle.emptyRoot }
        return try auditRead { connection in
            try Merkle.rootPlan(size: size).hashes(Self.fetch(Merkle.rootPlan(size: size).nodes, connection))[0]
        }
    }

    /// The canonical text of event `seq` and its inclusion proof in the tree of `size` events.
    public func inclusionProof(seq: Int, size: Int) throws -> (canonical: [UInt8], proof: [Merkle.Hash]) {
        guard seq >= 1, seq <= size else {
            throw InquestError(.invalidInput, "seq: event \(seq) is not in a checkpoint of \(size) events", field: "seq", rule: "seq-in-checkpoint")
        }
        let head = try treeHead()
        try checkSize(size, head.size, field: "checkpoint")
        return try auditRead { connection in
            let plan = Merkle.inclusionPlan(index: seq - 1, size: size)
            return (try Self.canonicalText(seq: seq, connection), try plan.hashes(Self.fetch(plan.nodes, connection)))
        }
    }

    /// The consistency proof from the tree of `old` events to the tree of `new` events.
    public func consistencyProof(old: Int, new: Int) throws -> [Merkle.Hash] {
        let head = try treeHead()
        try checkSize(new, head.size, field: "new")
        guard old >= 0, old <= new else {
            throw InquestError(.invalidInput, "old: size \(old) is larger than the new size \(new): a log only grows", field: "old", rule: "tree-size")
        }
        return try auditRead { connection in
            let plan = Merkle.consistencyPlan(old: old, new: new)
            return try plan.hashes(Self.fetch(plan.nodes, connection))
        }
    }
}
