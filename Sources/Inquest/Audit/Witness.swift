import Foundation

/// A witness (c2sp.org/tlog-witness semantics, run from the command line by another
/// institution): it keeps the last checkpoint it cosigned for one log, and cosigns a
/// newer checkpoint only with a consistency proof from that one. It never cosigns a fork.
public struct Witness {
    public var key: NoteSigner
    public var log: CheckpointPolicy
    /// The file holding the last cosigned checkpoint (a signed note); absent before the first.
    public var state: URL

    public init(key: NoteSigner, log: CheckpointPolicy, state: URL) throws {
        guard key.type == .cosignature else {
            throw InquestError(.invalidInput, "key: a witness key has type 04 (cosignature); make one with inquest witness keygen",
                               field: "key", rule: "witness-key")
        }
        self.key = key
        self.log = log
        self.state = state
    }

    /// The last checkpoint this witness cosigned, or nil before the first.
    public func last() throws -> Checkpoint? {
        guard FileManager.default.fileExists(atPath: state.path) else { return nil }
        guard let text = try? String(contentsOf: state, encoding: .utf8) else {
            throw InquestError(.invalidInput, "state: cannot read \(state.path)", field: "state")
        }
        return try log.verify(try SignedNote(parsing: text, field: "state"), field: "state").checkpoint
    }

    /// Checks `request` (old size, consistency proof, new checkpoint) against the state and
    /// returns the checkpoint with this witness's cosignature added; the state is replaced
    /// (atomically, under a lock) before it returns.
    /// - Throws: `.verificationFailed` when the checkpoint is not signed by the log, or the
    ///   old size is not the last cosigned size, or the proof does not show that it grew.
    public func cosign(_ request: ConsistencyRequest, now: Date = Date()) throws -> SignedNote {
        func fail(_ why: String) -> InquestError {
            InquestError(.verificationFailed, "refusing to cosign: \(why)", field: "request", rule: "witness-append-only")
        }
        let lock = state.path + ".lock"
        let fd = open(lock, O_RDWR | O_CREAT, 0o600)
        guard fd >= 0, flock(fd, LOCK_EX) == 0 else { throw InquestError(.unavailable, "state: cannot lock \(lock)", field: "state") }
        defer { flock(fd, LOCK_UN); close(fd) }

        let (checkpoint, _) = try log.verify(request.note, field: "checkpoint")
        let previous = try last()
        let oldSize = previous?.size ?? 0
        if let previous, previous.origin != checkpoint.origin {
            throw fail("the checkpoint is of log \(checkpoint.origin); this witness follows \(previous.origin)")
        }
        guard request.oldSize == oldSize else {
            throw fail("the proof starts at size \(request.oldSize), but the last checkpoint this witness cosigned has size \(oldSize)")
        }
        guard request.oldSize <= checkpoint.size else {
            throw fail("the checkpoint has \(checkpoint.size) events, fewer than the \(oldSize) already cosigned: a log never shrinks")
        }
        if let previous {
            guard Merkle.verifyConsistency(old: previous.size, new: checkpoint.size, oldRoot: previous.root,
                                           newRoot: checkpoint.root, proof: request.proof)
            else {
                throw fail("the consistency proof from size \(previous.size) to \(checkpoint.size) does not verify: the log is not an extension of what this witness saw (a fork or a rewrite)")
            }
        } else if !request.proof.isEmpty {
            throw fail("a first checkpoint comes with an empty proof (old 0)")
        }
        var note = request.note
        let time = UInt64(max(0, now.timeIntervalSince1970.rounded(.down)))
        note.signatures.removeAll { key.verifier.matches($0) }
        note.signatures.append(try key.cosign(note.text, time: time))
        let temporary = state.path + ".tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(note.serialized.utf8)),
              rename(temporary, state.path) == 0
        else { throw InquestError(.invalidInput, "state: cannot write \(state.path)", field: "state") }
        return note
    }
}
