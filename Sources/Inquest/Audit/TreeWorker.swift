import Crypto
import Foundation

/// The canonical texts of consecutive events, in one buffer, handed from the thread that
/// parses and chains them to the thread that builds the tree.
final class LeafBatch: @unchecked Sendable {
    /// The canonical texts, concatenated.
    var text: [UInt8] = []
    /// The end offset in `text` of each event's text.
    var ends: [Int] = []
    /// The stored tree nodes of each event (live verify: `inquest_audit.tree.nodes`),
    /// concatenated, and their end offsets; empty when there is nothing to compare.
    var nodes: [UInt8] = []
    var nodeEnds: [Int] = []
    /// The prev_hash and hash each event states (export verify: 64 bytes an event), for a
    /// worker that checks the chain too, and whether it is a link of the chain (format 1)
    /// or not (format 2: prev_hash null, its 32 bytes zeros; hash is the leaf hash).
    var stated: [UInt8] = []
    var chained: [Bool] = []
    /// The seq of the first event.
    var firstSeq = 1

    /// A batch is handed over once its texts reach this size: large enough that the
    /// hand-over costs nothing, small enough that memory stays bounded.
    static let target = 1 << 20

    init() {
        text.reserveCapacity(Self.target + (1 << 16))
        ends.reserveCapacity(8192)
    }

    var isFull: Bool { text.count >= Self.target || ends.count >= 65536 }

    func reset(firstSeq: Int) {
        text.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        nodes.removeAll(keepingCapacity: true)
        nodeEnds.removeAll(keepingCapacity: true)
        stated.removeAll(keepingCapacity: true)
        chained.removeAll(keepingCapacity: true)
        self.firstSeq = firstSeq
    }
}

/// Builds the Merkle tree of a verification on a thread of its own: the leaf hash of every
/// event, the subtrees it completes and the right edge (and, for a live verify, compares
/// them with the stored nodes). The caller meanwhile parses the events and checks the hash
/// chain, so that the two hashes of every event run on two cores. Leaf hashes and the tree
/// fold depend only on the canonical texts, never on the chain, so splitting there changes
/// no result. Memory: three batches, whatever the number of events.
final class TreeWorker: @unchecked Sendable {
    private let condition = NSCondition()
    private var pending: [LeafBatch] = []
    private var free: [LeafBatch]
    private var closed = false
    private var exited = false
    private var stop = false
    private var thread: Thread?

    // Owned by the worker thread until `finish()` has seen it exit.
    private var edge = Merkle.Edge()
    private var checkpointRoot: Merkle.Hash?
    private var failure: (seq: Int, problem: String)?
    private let checkpointSize: Int?
    /// Whether the worker checks the hash chain too (from `LeafBatch.stated`).
    private let chain: Bool
    private var previous = AuditChain.genesis
    /// The events of the chain seen so far (it is a prefix of the log).
    private var chainedCount = 0

    /// - Parameters:
    ///   - checkpointSize: the tree size whose root is wanted besides the final one.
    ///   - chain: check the hash chain here too (export verify: the reader's thread then
    ///     only parses, and both threads carry about half of the work).
    init(checkpointSize: Int?, chain: Bool = false, batches: Int = 3) {
        self.checkpointSize = checkpointSize
        self.chain = chain
        free = (0..<batches).map { _ in LeafBatch() }
        if checkpointSize == 0 { checkpointRoot = Merkle.emptyRoot }
        let thread = Thread { [self] in self.work() }
        thread.stackSize = 1 << 20
        self.thread = thread
        thread.start()
    }

    /// An empty batch to fill (waits until the worker has finished with one).
    func emptyBatch(firstSeq: Int) -> LeafBatch {
        condition.lock()
        while free.isEmpty { condition.wait() }
        let batch = free.removeLast()
        condition.unlock()
        batch.reset(firstSeq: firstSeq)
        return batch
    }

    /// Hands a filled batch to the worker.
    func submit(_ batch: LeafBatch) {
        condition.lock()
        pending.append(batch)
        condition.signal()
        condition.unlock()
    }

    /// True once the worker found a stored node that differs (live verify): the caller may stop.
    var failed: Bool {
        condition.lock()
        defer { condition.unlock() }
        return failure != nil
    }

    /// Waits for every submitted batch (or, with `cancel`, drops what is left) and returns
    /// the root of all leaves, the root at the checkpoint's size, the first event that
    /// failed a check here, and the last chain hash (when checking the chain).
    func finish(cancel: Bool = false) -> (root: Merkle.Hash, checkpointRoot: Merkle.Hash?, failure: (seq: Int, problem: String)?, previous: [UInt8], chained: Int) {
        condition.lock()
        closed = true
        if cancel { stop = true }
        condition.broadcast()
        while !exited { condition.wait() }
        condition.unlock()
        return (edge.root, checkpointRoot, failure, previous, chainedCount)
    }

    private func work() {
        while true {
            condition.lock()
            while pending.isEmpty && !closed && !stop { condition.wait() }
            if stop || (pending.isEmpty && closed) {
                exited = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let batch = pending.removeFirst()
            condition.unlock()
            let problem = hash(batch)
            condition.lock()
            if let problem { failure = problem; stop = true }
            free.append(batch)
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Chain (when asked), leaf hashes and tree fold of one batch; the first bad event.
    private func hash(_ batch: LeafBatch) -> (seq: Int, problem: String)? {
        let compare = !batch.nodeEnds.isEmpty
        return batch.text.withUnsafeBytes { text -> (seq: Int, problem: String)? in
            batch.nodes.withUnsafeBytes { nodes -> (seq: Int, problem: String)? in
                batch.stated.withUnsafeBytes { stated -> (seq: Int, problem: String)? in
                    var start = 0
                    var nodeStart = 0
                    for (i, end) in batch.ends.enumerated() {
                        let seq = batch.firstSeq + i
                        let canonical = UnsafeRawBufferPointer(rebasing: text[start..<end])
                        start = end
                        if chain && batch.chained[i] {
                            // As the export's reader did it before: line n is event n here.
                            guard chainedCount == seq - 1 else {
                                return (seq, "line \(seq): prev_hash and hash after line \(chainedCount + 1), which had none: the hash chain is a prefix of the log and cannot start again")
                            }
                            let prev = stated.baseAddress! + 64 * i
                            guard previous.withUnsafeBytes({ memcmp($0.baseAddress!, prev, 32) == 0 }) else {
                                return (seq, "line \(seq): prev_hash does not match the hash of event \(seq - 1): the chain was broken here")
                            }
                            var hasher = SHA256()
                            hasher.update(bufferPointer: UnsafeRawBufferPointer(start: prev, count: 32))
                            hasher.update(bufferPointer: canonical)
                            let digest = hasher.finalize()
                            guard digest.withUnsafeBytes({ memcmp($0.baseAddress!, prev + 32, 32) == 0 }) else {
                                return (seq, "line \(seq): hash mismatch at event \(seq): its content (or its hash) was changed")
                            }
                            previous.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(start: prev + 32, count: 32)) }
                            chainedCount += 1
                        }
                        let leaf = Merkle.leafDigest(canonical)
                        if chain && !batch.chained[i] {
                            // Format 2: the line's hash is its leaf hash.
                            guard leaf.withUnsafeBytes({ memcmp($0.baseAddress!, stated.baseAddress! + 64 * i + 32, 32) == 0 }) else {
                                return (seq, "line \(seq): hash mismatch at event \(seq): its content (or its hash) was changed")
                            }
                        }
                        if compare {
                            let stored = UnsafeRawBufferPointer(rebasing: nodes[nodeStart..<batch.nodeEnds[i]])
                            nodeStart = batch.nodeEnds[i]
                            // A wrong leaf hash means changed content (for an event sealed
                            // without the chain, format 2, nothing else binds it); a wrong
                            // node above it, an altered tree.
                            if let height = edge.append(leaf, matching: stored) {
                                return (seq, height == 0
                                    ? "the event's content (or its stored leaf hash) was changed after it was sealed"
                                    : "the stored Merkle tree nodes of this event do not match its content: the tree was altered")
                            }
                        } else {
                            edge.append(leaf)
                        }
                        if seq == checkpointSize { checkpointRoot = edge.root }
                    }
                    return nil
                }
            }
        }
    }
}

extension Merkle {
    /// `SHA-256(0x00 ‖ text)`, with no allocation but the hasher's.
    @inline(__always)
    static func leafDigest(_ text: UnsafeRawBufferPointer) -> SHA256Digest {
        var hasher = SHA256()
        withUnsafeBytes(of: UInt8(0)) { hasher.update(bufferPointer: $0) }
        hasher.update(bufferPointer: text)
        return hasher.finalize()
    }

    /// The right edge of a growing tree, as `Frontier`, with fixed-size digests instead of
    /// arrays: nothing is allocated per leaf (the hot loop of `audit verify`).
    struct Edge {
        private(set) var size = 0
        private var digests: [SHA256Digest] = []
        init() { digests.reserveCapacity(64) }

        /// `SHA-256(0x01 ‖ left ‖ right)`, hashed from one buffer on the stack.
        static func node(_ left: SHA256Digest, _ right: SHA256Digest) -> SHA256Digest {
            withUnsafeTemporaryAllocation(byteCount: 65, alignment: 1) { buffer in
                buffer[0] = 1
                left.withUnsafeBytes { buffer.baseAddress!.advanced(by: 1).copyMemory(from: $0.baseAddress!, byteCount: 32) }
                right.withUnsafeBytes { buffer.baseAddress!.advanced(by: 33).copyMemory(from: $0.baseAddress!, byteCount: 32) }
                var hasher = SHA256()
                hasher.update(bufferPointer: UnsafeRawBufferPointer(buffer))
                return hasher.finalize()
            }
        }

        mutating func append(_ leaf: SHA256Digest) {
            var node = leaf
            size += 1
            var k = size
            while k & 1 == 0 {
                node = Self.node(digests.removeLast(), node)
                k >>= 1
            }
            digests.append(node)
        }

        /// Appends a leaf and checks the subtrees it completes against `stored` (their
        /// concatenation, level 0 first, as `inquest_audit.tree_nodes` keeps them).
        /// - Returns: nil when they match; else the height of the first that does not (0:
        ///   the leaf hash), or one above the last when `stored` holds more or fewer.
        mutating func append(_ leaf: SHA256Digest, matching stored: UnsafeRawBufferPointer) -> Int? {
            var node = leaf
            size += 1
            var k = size
            var height = 0
            var mismatch: Int?
            func check(_ digest: SHA256Digest) {
                let offset = 32 * height
                if mismatch == nil, offset + 32 > stored.count
                    || digest.withUnsafeBytes({ memcmp($0.baseAddress!, stored.baseAddress! + offset, 32) != 0 }) {
                    mismatch = height
                }
                height += 1
            }
            check(node)
            while k & 1 == 0 {
                node = Self.node(digests.removeLast(), node)
                check(node)
                k >>= 1
            }
            digests.append(node)
            if mismatch == nil, 32 * height != stored.count { mismatch = height }
            return mismatch
        }

        var root: Hash {
            guard var hash = digests.last else { return emptyRoot }
            for left in digests.dropLast().reversed() { hash = Self.node(left, hash) }
            return Array(hash)
        }
    }
}
