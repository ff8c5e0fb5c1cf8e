import Foundation

/// A self-contained proof that one audit event is in the log (c2sp.org/tlog-proof@v1):
///
///     c2sp.org/tlog-proof@v1
///     extra <base64 of the event's canonical text>
///     index <leaf index = seq - 1>
///     <inclusion proof, one base64 hash per line, leaf sibling first>
///
///     <the checkpoint, verbatim, with every signature and cosignature>
public struct TlogProof: Sendable {
    public var canonical: [UInt8]
    public var index: Int
    public var proof: [Merkle.Hash]
    public var note: SignedNote

    public static let header = "c2sp.org/tlog-proof@v1"

    public init(canonical: [UInt8], index: Int, proof: [Merkle.Hash], note: SignedNote) {
        self.canonical = canonical
        self.index = index
        self.proof = proof
        self.note = note
    }

    public var serialized: String {
        var text = Self.header + "\n"
        text += "extra " + Data(canonical).base64EncodedString() + "\n"
        text += "index \(index)\n"
        for hash in proof { text += Data(hash).base64EncodedString() + "\n" }
        return text + "\n" + note.serialized
    }

    /// Parses a bundle strictly; every deviation is an error naming the line.
    public init(parsing text: String, field: String) throws {
        func fail(_ why: String) -> InquestError {
            InquestError(.verificationFailed, "\(field): \(why)", field: field, rule: "tlog-proof")
        }
        guard let split = text.range(of: "\n\n") else { throw fail("no blank line between the proof and the checkpoint (truncated?)") }
        let lines = text[..<split.lowerBound].split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first == Substring(Self.header) else { throw fail("the first line is not \(Self.header)") }
        guard lines.count >= 3, lines[1].hasPrefix("extra "),
              let extra = Data(base64Encoded: String(lines[1].dropFirst(6))), !extra.isEmpty,
              extra.base64EncodedString() == lines[1].dropFirst(6)
        else { throw fail("line 2 is not `extra <base64 of the event's canonical text>`") }
        guard lines[2].hasPrefix("index "), let index = Int(lines[2].dropFirst(6)), index >= 0,
              String(index) == lines[2].dropFirst(6)
        else { throw fail("line 3 is not `index <decimal>`") }
        var proof: [Merkle.Hash] = []
        for (offset, line) in lines.dropFirst(3).enumerated() {
            guard let hash = Data(base64Encoded: String(line)), hash.count == 32, hash.base64EncodedString() == line else {
                throw fail("line \(offset + 4) is not the base64 of a 32-byte hash")
            }
            proof.append(Array(hash))
        }
        guard proof.count <= 63 else { throw fail("the inclusion proof has more than 63 hashes") }
        let note = try SignedNote(parsing: String(text[split.upperBound...]), field: field)
        self.init(canonical: Array(extra), index: index, proof: proof, note: note)
    }

    /// What `verify` established.
    public struct Result: Sendable, Encodable {
        public var checkpoint: Checkpoint
        public var witnesses: [String]
        public var seq: Int
        /// The event's fields, as in the canonical text (`AuditChain.fields`).
        public var event: [String: String?]
    }

    /// Checks the checkpoint against `policy`, that the canonical text is a well-formed
    /// event whose seq is index + 1, and that the inclusion proof leads from its leaf hash
    /// to the checkpoint's root.
    public func verify(_ policy: CheckpointPolicy, field: String) throws -> Result {
        func fail(_ why: String) -> InquestError {
            InquestError(.verificationFailed, "\(field): \(why)", field: field, rule: "tlog-proof")
        }
        let (checkpoint, witnesses) = try policy.verify(note, field: field)
        guard let fields = AuditChain.parseCanonical(canonical) else {
            throw fail("the extra data is not the canonical text of an event (\(String(decoding: AuditChain.version.dropLast(), as: UTF8.self)))")
        }
        guard let seqText = fields[0], let seq = Int(seqText), seq == index + 1 else {
            throw fail("the event's seq \(fields[0] ?? "null") is not index + 1 = \(index + 1)")
        }
        guard index < checkpoint.size else {
            throw fail("event \(seq) is beyond the checkpoint's tree size \(checkpoint.size)")
        }
        guard Merkle.verifyInclusion(index: index, size: checkpoint.size, leafHash: Merkle.leafHash(canonical),
                                     proof: proof, root: checkpoint.root)
        else { throw fail("the inclusion proof of event \(seq) does not lead to the checkpoint's root: the event or the proof was altered") }
        var event: [String: String?] = [:]
        for (name, value) in zip(AuditChain.fields, fields) { event[name] = value }
        return Result(checkpoint: checkpoint, witnesses: witnesses, seq: seq, event: event)
    }
}

/// A consistency proof between two tree sizes, in the body format of tlog-witness
/// add-checkpoint: `old <size>`, the proof hashes (base64, one a line), a blank line,
/// then the newer checkpoint.
public struct ConsistencyRequest: Sendable {
    public var oldSize: Int
    public var proof: [Merkle.Hash]
    public var note: SignedNote

    public init(oldSize: Int, proof: [Merkle.Hash], note: SignedNote) {
        self.oldSize = oldSize
        self.proof = proof
        self.note = note
    }

    public var serialized: String {
        "old \(oldSize)\n" + proof.map { Data($0).base64EncodedString() + "\n" }.joined() + "\n" + note.serialized
    }

    public init(parsing text: String, field: String) throws {
        func fail(_ why: String) -> InquestError {
            InquestError(.verificationFailed, "\(field): \(why)", field: field, rule: "tlog-witness-request")
        }
        guard let split = text.range(of: "\n\n") else { throw fail("no blank line between the proof and the checkpoint (truncated?)") }
        let lines = text[..<split.lowerBound].split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first.hasPrefix("old "), let old = Int(first.dropFirst(4)), old >= 0,
              String(old) == first.dropFirst(4)
        else { throw fail("the first line is not `old <decimal size>`") }
        var proof: [Merkle.Hash] = []
        for (offset, line) in lines.dropFirst().enumerated() {
            guard let hash = Data(base64Encoded: String(line)), hash.count == 32, hash.base64EncodedString() == line else {
                throw fail("line \(offset + 2) is not the base64 of a 32-byte hash")
            }
            proof.append(Array(hash))
        }
        guard proof.count <= 63 else { throw fail("more than 63 consistency proof lines") }
        self.init(oldSize: old, proof: proof, note: try SignedNote(parsing: String(text[split.upperBound...]), field: field))
    }
}
