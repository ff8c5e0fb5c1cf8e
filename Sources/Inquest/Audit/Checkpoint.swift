import Crypto
import Foundation

/// A C2SP tlog-checkpoint: the body of a signed note, three LF-terminated lines
///
///     <origin>
///     <tree size, decimal>
///     <root hash, standard base64 of 32 bytes>
///
/// signed by the log's Ed25519 key (type 0x01) and cosigned by witnesses (type 0x04).
public struct Checkpoint: Sendable, Equatable, Encodable {
    public var origin: String
    public var size: Int
    public var root: [UInt8]

    public init(origin: String, size: Int, root: [UInt8]) {
        self.origin = origin
        self.size = size
        self.root = root
    }

    public var rootBase64: String { Data(root).base64EncodedString() }
    public var body: String { "\(origin)\n\(size)\n\(rootBase64)\n" }

    enum CodingKeys: String, CodingKey { case origin, size, root }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(origin, forKey: .origin)
        try container.encode(size, forKey: .size)
        try container.encode(rootBase64, forKey: .root)
    }

    /// Parses a checkpoint body strictly: exactly three lines (this log writes no
    /// extension lines and accepts none), a non-empty origin without spaces or `+`, a
    /// size in canonical decimal, a root of 32 bytes in canonical base64.
    public init(body: String, field: String) throws {
        func fail(_ why: String) -> InquestError {
            InquestError(.verificationFailed, "\(field): \(why)", field: field, rule: "tlog-checkpoint")
        }
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 4, lines.last == "" else { throw fail("the checkpoint body has fewer than three lines") }
        guard lines.count == 4 else { throw fail("the checkpoint has extension lines, which this log never writes") }
        let origin = String(lines[0])
        guard !origin.isEmpty, !origin.contains("+"), !origin.unicodeScalars.contains(where: { $0.properties.isWhitespace }) else {
            throw fail("the origin line is empty or has a space or +")
        }
        guard let size = Int(lines[1]), size >= 0, String(size) == lines[1] else {
            throw fail("the tree size \"\(lines[1])\" is not a decimal number without sign or leading zeros")
        }
        guard let root = Data(base64Encoded: String(lines[2])), root.count == 32, root.base64EncodedString() == lines[2] else {
            throw fail("the root hash is not the base64 of 32 bytes")
        }
        self.init(origin: origin, size: size, root: Array(root))
    }

    /// The signed note of this checkpoint by the log key.
    public func signed(with key: NoteSigner) throws -> SignedNote {
        SignedNote(text: body, signatures: [try key.sign(body)])
    }
}

/// Which keys a verifier trusts, and how many witnesses it requires.
public struct CheckpointPolicy {
    /// The log's keys (type 0x01). A checkpoint needs a valid signature by one of them.
    public var logKeys: [NoteVerifier]
    /// Witness keys (type 0x04) and how many of them must have cosigned (k of n).
    public var witnesses: [NoteVerifier]
    public var witnessesRequired: Int
    /// The origin the verifier expects; nil accepts the log key's checkpoints of any origin.
    public var origin: String?

    public init(logKeys: [NoteVerifier], witnesses: [NoteVerifier] = [], witnessesRequired: Int = 0, origin: String? = nil) {
        self.logKeys = logKeys
        self.witnesses = witnesses
        self.witnessesRequired = witnessesRequired
        self.origin = origin
    }

    /// Checks a signed note against the policy.
    ///
    /// Signature lines whose (name, key ID) match no configured key are ignored; one that
    /// matches a key and does not verify rejects the whole note (signed-note: SHOULD).
    /// - Throws: `.verificationFailed` naming what is wrong.
    public func verify(_ note: SignedNote, field: String) throws -> (checkpoint: Checkpoint, witnesses: [String]) {
        func fail(_ why: String) -> InquestError {
            InquestError(.verificationFailed, "\(field): \(why)", field: field, rule: "checkpoint-policy")
        }
        let checkpoint = try Checkpoint(body: note.text, field: field)
        var logSigned = false
        var cosigned: Set<String> = []
        for signature in note.signatures {
            if let key = logKeys.first(where: { $0.matches(signature) }) {
                guard signature.blob.count == 68,
                      key.publicKey.isValidSignature(Data(signature.blob.dropFirst(4)), for: Data(note.text.utf8))
                else { throw fail("the signature by log key \(key.name) does not verify: the checkpoint was altered or forged") }
                logSigned = true
            } else if let key = witnesses.first(where: { $0.matches(signature) }) {
                guard let time = Cosignature.time(signature.blob),
                      key.publicKey.isValidSignature(Data(signature.blob.suffix(64)),
                                                     for: Data(Cosignature.message(body: note.text, time: time).utf8))
                else { throw fail("the cosignature by witness \(key.name) does not verify") }
                cosigned.insert(AuditChain.hex(key.keyID) + key.name)
            }
        }
        guard logSigned else {
            throw fail("no signature by the log key\(logKeys.count == 1 ? " \(logKeys[0].name)" : "s") (signed by: \(note.signatures.map(\.name).joined(separator: ", ")))")
        }
        if let origin, origin != checkpoint.origin {
            throw fail("the checkpoint is of log \(checkpoint.origin), not of \(origin)")
        }
        guard cosigned.count >= witnessesRequired else {
            throw fail("\(cosigned.count) of the \(witnesses.count) trusted witnesses cosigned it; the policy requires \(witnessesRequired)")
        }
        let names = witnesses.filter { cosigned.contains(AuditChain.hex($0.keyID) + $0.name) }.map(\.name)
        return (checkpoint, names)
    }
}

