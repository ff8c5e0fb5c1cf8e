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

    /// Everything `audit prove` needs, sealed once and read in one snapshot: checks that
    /// this log has the tree `checkpoint` signed (its origin, size and root), then returns
    /// event `seq`'s canonical text and its inclusion proof in that tree. One transaction
    /// instead of one per part: process start and connection dominate what is left.
    /// - Throws: `verificationFailed` (rule `origin` or `checkpoint-root`) when the
    ///   checkpoint is not of this log's tree.
    public func inclusionBundle(seq: Int, checkpoint: Checkpoint) throws -> (canonical: [UInt8], proof: [Merkle.Hash]) {
        let size = checkpoint.size
        guard seq >= 1, seq <= size else {
            throw InquestError(.invalidInput, "seq: event \(seq) is not in a checkpoint of \(size) events", field: "seq", rule: "seq-in-checkpoint")
        }
        try unlessLocked { try session.seal(wait: false) }
        return try auditRead { connection in
            let head = try Self.head(connection)
            guard checkpoint.origin == head.origin else {
                throw InquestError(.verificationFailed, "checkpoint: it is of log \(checkpoint.origin), not of this one (\(head.origin))",
                                   field: "checkpoint", rule: "origin")
            }
            let notThisTree = InquestError(.verificationFailed, "checkpoint: this log does not have the tree the checkpoint signed (\(size) events)",
                                           field: "checkpoint", rule: "checkpoint-root")
            guard size <= head.size else { throw notThisTree }
            let rootPlan = Merkle.rootPlan(size: size), plan = Merkle.inclusionPlan(index: seq - 1, size: size)
            let stored = try Self.fetch(rootPlan.nodes.union(plan.nodes), connection)
            guard try rootPlan.hashes(stored)[0] == checkpoint.root else { throw notThisTree }
            return (try Self.canonicalText(seq: seq, connection), try plan.hashes(stored))
        }
    }

    static func canonicalText(seq: Int, _ connection: Connection) throws -> [UInt8] {
        guard let row = try connection.query("""
            select inquest_audit.canonical_text(s.seq, e.id, e.occurred_at, e.txid, e.login, e.actor, e.table_name,
                     e.record_key, e.case_id, e.operation, e.old_values, e.new_values) as t
              from inquest_audit.seal s join inquest_audit.event e on e.id = s.event_id where s.seq = $1
            """, [seq]).first else {
            throw InquestError(.notFound, "audit event \(seq) not found", field: "seq")
        }
        let text: String = try row["t"]
        return Array(text.utf8)
    }

    /// The stored subtrees `nodes` (each a row of inquest_audit.tree at seq (k+1)·2^level).
    static func fetch(_ nodes: Set<Merkle.Node>, _ connection: Connection) throws -> [Merkle.Node: Merkle.Hash] {
        guard !nodes.isEmpty else { return [:] }
        let seqs = Array(Set(nodes.map { ($0.index + 1) << $0.level })).sorted()
        var rows: [Int: [UInt8]] = [:]
        for row in try connection.query("select seq, encode(nodes, 'hex') as nodes from inquest_audit.tree where seq = any($1::bigint[])", [seqs]) {
            let seq: Int = try row["seq"]
            let hex: String = try row["nodes"]
            rows[seq] = AuditChain.bytes(hex: Array(hex.utf8))
        }
        var result: [Merkle.Node: Merkle.Hash] = [:]
        for node in nodes {
            guard let bytes = rows[(node.index + 1) << node.level], bytes.count >= 32 * (node.level + 1) else {
                throw InquestError(.verificationFailed, "the stored Merkle tree lacks the subtree at level \(node.level), index \(node.index): run inquest audit verify",
                                   rule: "audit-merkle-tree")
            }
            result[node] = Array(bytes[32 * node.level ..< 32 * (node.level + 1)])
        }
        return result
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
