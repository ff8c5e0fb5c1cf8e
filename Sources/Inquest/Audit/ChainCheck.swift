import Crypto
import Foundation

/// The checks of a live `audit verify`, one row of `Audit.verifySQL` at a time: sequence,
/// canonical text and the chain of the format 1 events (a prefix of the log) here, on the
/// thread that reads the COPY stream; leaf hashes, tree fold and the comparison with the
/// stored nodes on a `TreeWorker`. The first bad
/// event is the same as checking every event in full before the next: an event reaches the
/// worker only when its chain holds, so a failure the worker finds is the earlier one.
final class ChainCheck {
    private let worker: TreeWorker
    private var batch: LeafBatch
    private(set) var previous = AuditChain.genesis
    private(set) var events = 0
    /// The events of the chain: those before the first event sealed without it.
    private(set) var chained = 0
    private var failure: (seq: Int, problem: String)?

    init(checkpointSize: Int?) {
        worker = TreeWorker(checkpointSize: checkpointSize)
        batch = worker.emptyBatch(firstSeq: 1)
    }

    /// Checks one row (the fields of `Audit.verifySQL`). Returns false when verification
    /// stops: this row, or an earlier one on the worker, is bad.
    func row(_ fields: [UnsafeRawBufferPointer?]) -> Bool {
        let expectedSeq = events + 1
        let seq = fields[0].flatMap(BinaryEvent.int64).map(Int.init) ?? -1
        func fail(_ problem: String) -> Bool {
            failure = (seq, problem)
            return false
        }
        guard seq == expectedSeq else {
            return fail("sequence number \(seq) where \(expectedSeq) was expected: an event is missing or was inserted")
        }
        let start = batch.text.count
        guard BinaryEvent.appendCanonical(fields, to: &batch.text) else {
            return fail("the event's fields are not of the types the log defines")
        }
        switch (fields[12], fields[13]) {
        case (nil, nil):
            // Format 2: the tree alone covers it (checked on the worker).
            break
        case let (storedPrevious?, stored?):
            guard chained == events else {
                return fail("a hash chain link after event \(chained + 1), which was sealed without one: the chain is a prefix of the log")
            }
            guard storedPrevious.elementsEqual(previous) else {
                return fail("prev_hash does not match the hash of event \(seq - 1): the chain was broken here")
            }
            let digest = batch.text.withUnsafeBytes { text in
                var hasher = SHA256()
                previous.withUnsafeBytes { hasher.update(bufferPointer: $0) }
                hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: text[start...]))
                return hasher.finalize()
            }
            guard stored.count == 32, digest.withUnsafeBytes({ memcmp($0.baseAddress!, stored.baseAddress!, 32) == 0 }) else {
                return fail("hash mismatch: the event's content (or its hash) was changed after it was sealed")
            }
            digest.withUnsafeBytes { bytes in previous.withUnsafeMutableBytes { $0.copyMemory(from: bytes) } }
            chained += 1
        default:
            return fail("prev_hash and hash are set only in part: an event is chained with both or neither")
        }
        batch.ends.append(batch.text.count)
        if let nodes = fields[14] { batch.nodes.append(contentsOf: nodes) }
        batch.nodeEnds.append(batch.nodes.count)
        events += 1
        if batch.isFull {
            worker.submit(batch)
            batch = worker.emptyBatch(firstSeq: events + 1)
            if worker.failed { return false }
        }
        return true
    }

    /// Waits for the tree.
    /// - Returns: the first bad event and the number of good events before it, or the
    ///   roots when all holds.
    func finish() -> (failure: (seq: Int, problem: String)?, events: Int, root: Merkle.Hash, checkpointRoot: Merkle.Hash?) {
        // The events before a bad row are good links of the chain: the tree checks them too.
        if !batch.ends.isEmpty { worker.submit(batch) }
        let tree = worker.finish()
        // The worker only ever sees events before the chain's failure: its failure is earlier.
        if let treeFailure = tree.failure { return (treeFailure, treeFailure.seq - 1, tree.root, nil) }
        if let failure { return (failure, events, tree.root, nil) }
        return (nil, events, tree.root, tree.checkpointRoot)
    }
}
