import Crypto
import Foundation

/// RFC 9162 (Certificate Transparency 2.0) section 2.1 Merkle trees over SHA-256: leaf and
/// node hashes, inclusion and consistency proofs (generation from stored subtrees, and
/// verification), and a streaming builder that keeps only the right edge of the tree.
///
/// Subtrees are named by (level, index): the complete subtree of 2^level leaves starting
/// at leaf index·2^level. Leaves are zero-based here; audit event seq n is leaf n - 1.
public enum Merkle {
    public typealias Hash = [UInt8]

    /// SHA-256 of the empty string: the root of the empty tree.
    public static let emptyRoot: Hash = Array(SHA256.hash(data: [UInt8]()))

    /// `SHA-256(0x00 ‖ data)`.
    public static func leafHash(_ data: some Sequence<UInt8>) -> Hash {
        var hasher = SHA256()
        hasher.update(data: [0x00])
        hasher.update(data: Array(data))
        return Array(hasher.finalize())
    }

    /// `SHA-256(0x00 ‖ data)` without copying `data`.
    static func leafHash(buffer: UnsafeRawBufferPointer) -> Hash {
        var hasher = SHA256()
        hasher.update(data: [0x00])
        hasher.update(bufferPointer: buffer)
        return Array(hasher.finalize())
    }

    /// `SHA-256(0x01 ‖ left ‖ right)`.
    public static func nodeHash(_ left: Hash, _ right: Hash) -> Hash {
        var hasher = SHA256()
        hasher.update(data: [0x01])
        hasher.update(data: left)
        hasher.update(data: right)
        return Array(hasher.finalize())
    }

    /// The root of a tree over `leaves` (reference implementation, O(n) memory; tests).
    public static func root(leaves: [Hash]) -> Hash {
        guard !leaves.isEmpty else { return emptyRoot }
        if leaves.count == 1 { return leaves[0] }
        let k = largestPowerOfTwo(below: leaves.count)
        return nodeHash(root(leaves: Array(leaves[..<k])), root(leaves: Array(leaves[k...])))
    }

    /// The largest power of two strictly smaller than `n` (n ≥ 2).
    static func largestPowerOfTwo(below n: Int) -> Int {
        var k = 1
        while k << 1 < n { k <<= 1 }
        return k
    }

    // MARK: - Proofs from stored subtrees

    /// A complete subtree: 2^level leaves from leaf index·2^level.
    public struct Node: Hashable, Sendable {
        public var level: Int
        public var index: Int
        public init(level: Int, index: Int) { self.level = level; self.index = index }
    }

    /// A range of leaves [start, end) with start aligned so that it splits into complete
    /// subtrees, largest first; as in the RFC's recursion, every range a proof needs
    /// starts at a multiple of a power of two at least as large as its size.
    static func decompose(_ start: Int, _ end: Int) -> [Node] {
        var nodes: [Node] = []
        var at = start
        while at < end {
            var level = 0
            while at % (1 << (level + 1)) == 0 && at + (1 << (level + 1)) <= end { level += 1 }
            nodes.append(Node(level: level, index: at >> level))
            at += 1 << level
        }
        return nodes
    }

    /// What a proof is made of: each element is the hash of the leaf range [start, end),
    /// i.e. the fold of the complete subtrees of `decompose(start, end)`.
    struct Plan {
        var ranges: [(start: Int, end: Int)] = []
        var nodes: Set<Node> { Set(ranges.flatMap { decompose($0.start, $0.end) }) }

        func hashes(_ lookup: [Node: Hash]) throws -> [Hash] {
            try ranges.map { range in
                let parts = try decompose(range.start, range.end).map { node -> Hash in
                    guard let hash = lookup[node] else {
                        throw InquestError(.internal, "the stored Merkle tree lacks the subtree at level \(node.level), index \(node.index)")
                    }
                    return hash
                }
                var hash = parts[parts.count - 1]
                for part in parts.dropLast().reversed() { hash = nodeHash(part, hash) }
                return hash
            }
        }
    }

    /// The ranges of RFC 9162 2.1.3.1 PATH(m, D[0:n]), leaf sibling first.
    static func inclusionPlan(index m: Int, size n: Int) -> Plan {
        var plan = Plan()
        func path(_ m: Int, _ start: Int, _ n: Int) {
            guard n > 1 else { return }
            let k = largestPowerOfTwo(below: n)
            if m < k {
                path(m, start, k)
                plan.ranges.append((start + k, start + n))
            } else {
                path(m - k, start + k, n - k)
                plan.ranges.append((start, start + k))
            }
        }
        path(m, 0, n)
        return plan
    }

    /// The ranges of RFC 9162 2.1.4.1 PROOF(m, D[0:n]) (0 < m < n).
    static func consistencyPlan(old m: Int, new n: Int) -> Plan {
        var plan = Plan()
        func subproof(_ m: Int, _ start: Int, _ n: Int, _ b: Bool) {
            if m == n {
                if !b { plan.ranges.append((start, start + m)) }
                return
            }
            let k = largestPowerOfTwo(below: n)
            if m <= k {
                subproof(m, start, k, b)
                plan.ranges.append((start + k, start + n))
            } else {
                subproof(m - k, start + k, n - k, false)
                plan.ranges.append((start, start + k))
            }
        }
        if m > 0 && m < n { subproof(m, 0, n, true) }
        return plan
    }

    /// The subtrees that make up the first `size` leaves (for a root).
    static func rootPlan(size: Int) -> Plan {
        var plan = Plan()
        if size > 0 { plan.ranges.append((0, size)) }
        return plan
    }

    // MARK: - Verification (RFC 9162 2.1.3.2 and 2.1.4.2)

    /// The root that an inclusion proof leads to, or nil if the proof has the wrong length.
    public static func rootFromInclusionProof(index: Int, size: Int, leafHash: Hash, proof: [Hash]) -> Hash? {
        guard index >= 0, index < size, leafHash.count == 32, proof.allSatisfy({ $0.count == 32 }) else { return nil }
        var fn = index
        var sn = size - 1
        var r = leafHash
        for p in proof {
            if sn == 0 { return nil }
            if fn & 1 == 1 || fn == sn {
                r = nodeHash(p, r)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 { fn >>= 1; sn >>= 1 }
                }
            } else {
                r = nodeHash(r, p)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 ? r : nil
    }

    public static func verifyInclusion(index: Int, size: Int, leafHash: Hash, proof: [Hash], root: Hash) -> Bool {
        rootFromInclusionProof(index: index, size: size, leafHash: leafHash, proof: proof) == root
    }

    public static func verifyConsistency(old m: Int, new n: Int, oldRoot: Hash, newRoot: Hash, proof: [Hash]) -> Bool {
        guard m >= 0, m <= n, proof.allSatisfy({ $0.count == 32 }) else { return false }
        if m == n { return proof.isEmpty && oldRoot == newRoot }
        if m == 0 { return proof.isEmpty }
        var path = proof
        if m & (m - 1) == 0 { path.insert(oldRoot, at: 0) }  // m is a power of two
        guard !path.isEmpty else { return false }
        var fn = m - 1
        var sn = n - 1
        while fn & 1 == 1 { fn >>= 1; sn >>= 1 }
        var fr = path[0]
        var sr = path[0]
        for c in path.dropFirst() {
            if sn == 0 { return false }
            if fn & 1 == 1 || fn == sn {
                fr = nodeHash(c, fr)
                sr = nodeHash(c, sr)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 { fn >>= 1; sn >>= 1 }
                }
            } else {
                sr = nodeHash(sr, c)
            }
            fn >>= 1
            sn >>= 1
        }
        return fr == oldRoot && sr == newRoot && sn == 0
    }

    // MARK: - Streaming

    /// The right edge of a growing tree: the roots of its complete subtrees, largest
    /// first. Appending a leaf costs one hash per subtree it completes; memory is
    /// O(log n), whatever the number of leaves.
    public struct Frontier: Sendable {
        public private(set) var size = 0
        private var edge: [Hash] = []

        public init() {}

        /// Appends a leaf hash and returns the subtrees it completes, level 0 (the leaf)
        /// first: what `inquest_audit.tree` stores for that leaf.
        @discardableResult
        public mutating func append(leafHash: Hash) -> [Hash] {
            var node = leafHash
            var completed = [node]
            size += 1
            var k = size
            while k & 1 == 0 {
                node = nodeHash(edge.removeLast(), node)
                completed.append(node)
                k >>= 1
            }
            edge.append(node)
            return completed
        }

        public var root: Hash {
            guard var hash = edge.last else { return emptyRoot }
            for left in edge.dropLast().reversed() { hash = nodeHash(left, hash) }
            return hash
        }
    }
}
