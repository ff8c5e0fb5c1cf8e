import Crypto
import Foundation

/// C2SP signed notes (c2sp.org/signed-note): a text ending in LF, a blank line, then one
/// or more signature lines `— <key name> <base64(4-byte key ID ‖ signature)>`.
public struct SignedNote: Sendable, Equatable {
    /// The signed text, with its final LF.
    public var text: String
    public var signatures: [Signature]

    public struct Signature: Sendable, Equatable {
        public var name: String
        /// Key ID (4 bytes) followed by the signature bytes.
        public var blob: [UInt8]
        public var line: String { "— \(name) \(Data(blob).base64EncodedString())\n" }
    }

    /// The most signature lines a note may carry (the spec asks for at least 16).
    public static let maxSignatures = 100

    public init(text: String, signatures: [Signature]) {
        self.text = text
        self.signatures = signatures
    }

    public var serialized: String { text + "\n" + signatures.map(\.line).joined() }

    /// Parses a note strictly: UTF-8, no control characters but LF, the text separated
    /// from the signatures by the last blank line, every signature line well formed.
    /// - Parameter field: the option or file the note came from, for the error.
    public init(parsing data: String, field: String) throws {
        func fail(_ why: String) -> InquestError {
            InquestError(.verificationFailed, "\(field): \(why)", field: field, rule: "signed-note")
        }
        guard data.utf8.allSatisfy({ $0 >= 0x20 || $0 == 0x0A }) else { throw fail("contains a control character other than LF") }
        guard data.hasSuffix("\n") else { throw fail("does not end with a newline (truncated?)") }
        guard let split = data.range(of: "\n\n", options: .backwards) else { throw fail("has no blank line before its signatures") }
        text = String(data[..<split.lowerBound]) + "\n"
        let lines = data[split.upperBound...].dropLast().split(separator: "\n", omittingEmptySubsequences: false)
        guard !lines.isEmpty, !(lines.count == 1 && lines[0].isEmpty) else { throw fail("has no signature line") }
        guard lines.count <= Self.maxSignatures else { throw fail("has more than \(Self.maxSignatures) signatures") }
        signatures = []
        for (number, line) in lines.enumerated() {
            let parts = line.split(separator: " ", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0] == "—", !parts[1].isEmpty, !parts[1].contains("+"),
                  let blob = Data(base64Encoded: String(parts[2])), blob.count > 4,
                  Data(blob).base64EncodedString() == parts[2]
            else { throw fail("signature line \(number + 1) is not `— <name> <base64>`") }
            signatures.append(Signature(name: String(parts[1]), blob: Array(blob)))
        }
    }
}

/// The signature types of c2sp.org/signed-note used here.
public enum NoteKeyType: UInt8, Sendable {
    /// Ed25519 over the note text (the log's checkpoint signature).
    case ed25519 = 0x01
    /// Timestamped Ed25519 witness cosignature (c2sp.org/tlog-cosignature, cosignature/v1).
    case cosignature = 0x04
}

/// A public key in the note `vkey` format: `<name>+<hex key ID>+<base64(type ‖ key)>`.
public struct NoteVerifier: Equatable {
    public var name: String
    public var type: NoteKeyType
    let publicKey: Curve25519.Signing.PublicKey

    public static func == (a: Self, b: Self) -> Bool {
        a.name == b.name && a.type == b.type && a.publicKey.rawRepresentation == b.publicKey.rawRepresentation
    }

    init(name: String, type: NoteKeyType, publicKey: Curve25519.Signing.PublicKey) {
        self.name = name
        self.type = type
        self.publicKey = publicKey
    }

    /// `SHA-256(name ‖ 0x0A ‖ type ‖ public key)[:4]`.
    public var keyID: [UInt8] {
        var hasher = SHA256()
        hasher.update(data: Array(name.utf8) + [0x0A, type.rawValue] + Array(publicKey.rawRepresentation))
        return Array(hasher.finalize().prefix(4))
    }

    public var vkey: String {
        "\(name)+\(AuditChain.hex(keyID))+\(Data([type.rawValue] + publicKey.rawRepresentation).base64EncodedString())"
    }

    /// Parses a `vkey` (one line; a trailing LF is allowed), or a key file of Inquest's
    /// earlier format (`inquest-ed25519-public v1`, name, base64 key).
    public init(parsing text: String, field: String) throws {
        func fail(_ why: String) -> InquestError {
            InquestError(.invalidInput, "\(field): \(why)", field: field, rule: "note-verifier-key")
        }
        let trimmed = text.hasSuffix("\n") ? String(text.dropLast()) : text
        if trimmed.hasPrefix("inquest-ed25519-public v1\n") {
            let lines = trimmed.split(separator: "\n", omittingEmptySubsequences: false)
            guard lines.count == 3, let raw = Data(base64Encoded: String(lines[2])),
                  let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw)
            else { throw fail("not an inquest-ed25519-public v1 key file") }
            try checkKeyName(String(lines[1]), field: field)
            self.init(name: String(lines[1]), type: .ed25519, publicKey: key)
            return
        }
        // The name may not contain "+", the base64 may: split at the first two.
        let parts = trimmed.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, !trimmed.contains("\n") else { throw fail("not a verifier key <name>+<key id>+<base64 key>") }
        try checkKeyName(String(parts[0]), field: field)
        guard let raw = Data(base64Encoded: String(parts[2])), raw.count == 33,
              let type = NoteKeyType(rawValue: raw[raw.startIndex]),
              let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw.dropFirst())
        else { throw fail("the key is not an Ed25519 (type 01) or cosignature (type 04) public key") }
        self.init(name: String(parts[0]), type: type, publicKey: key)
        guard parts[1].count == 8, AuditChain.hex(keyID) == parts[1] else {
            throw fail("the key ID \(parts[1]) does not match the name and key (expected \(AuditChain.hex(keyID)))")
        }
    }

    /// Whether `signature` is by this key (same name and key ID); nil when it is not.
    func matches(_ signature: SignedNote.Signature) -> Bool {
        signature.name == name && Array(signature.blob.prefix(4)) == keyID
    }
}

/// A private key in the note `skey` format: `PRIVATE+KEY+<name>+<hex key ID>+<base64(type ‖ seed)>`.
public struct NoteSigner {
    public var name: String
    public var type: NoteKeyType
    let privateKey: Curve25519.Signing.PrivateKey

    init(name: String, type: NoteKeyType, privateKey: Curve25519.Signing.PrivateKey) {
        self.name = name
        self.type = type
        self.privateKey = privateKey
    }

    /// A new key. - Throws: `.invalidInput` when the name is empty or has a space or `+`.
    public static func generate(name: String, type: NoteKeyType) throws -> NoteSigner {
        try checkKeyName(name, field: "name")
        return NoteSigner(name: name, type: type, privateKey: Curve25519.Signing.PrivateKey())
    }

    public var verifier: NoteVerifier { NoteVerifier(name: name, type: type, publicKey: privateKey.publicKey) }

    public var skey: String {
        "PRIVATE+KEY+\(name)+\(AuditChain.hex(verifier.keyID))+\(Data([type.rawValue] + privateKey.rawRepresentation).base64EncodedString())"
    }

    /// Parses an `skey` (a trailing LF is allowed), or a key file of Inquest's earlier
    /// format (`inquest-ed25519-private v1`, name, base64 seed).
    public init(parsing text: String, field: String) throws {
        func fail(_ why: String) -> InquestError {
            InquestError(.invalidInput, "\(field): \(why)", field: field, rule: "note-signer-key")
        }
        let trimmed = text.hasSuffix("\n") ? String(text.dropLast()) : text
        if trimmed.hasPrefix("inquest-ed25519-private v1\n") {
            let lines = trimmed.split(separator: "\n", omittingEmptySubsequences: false)
            guard lines.count == 3, let raw = Data(base64Encoded: String(lines[2])),
                  let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw)
            else { throw fail("not an inquest-ed25519-private v1 key file") }
            try checkKeyName(String(lines[1]), field: field)
            self.init(name: String(lines[1]), type: .ed25519, privateKey: key)
            return
        }
        let parts = trimmed.split(separator: "+", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "PRIVATE", parts[1] == "KEY", !trimmed.contains("\n") else {
            throw fail("not a signer key PRIVATE+KEY+<name>+<key id>+<base64 key>")
        }
        try checkKeyName(String(parts[2]), field: field)
        guard let raw = Data(base64Encoded: String(parts[4])), raw.count == 33,
              let type = NoteKeyType(rawValue: raw[raw.startIndex]),
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw.dropFirst())
        else { throw fail("the key is not an Ed25519 (type 01) or cosignature (type 04) private key") }
        self.init(name: String(parts[2]), type: type, privateKey: key)
        guard parts[3].count == 8, AuditChain.hex(verifier.keyID) == parts[3] else {
            throw fail("the key ID \(parts[3]) does not match the name and key")
        }
    }

    /// A type-0x01 signature over `text`.
    public func sign(_ text: String) throws -> SignedNote.Signature {
        precondition(type == .ed25519)
        let signature = try privateKey.signature(for: Data(text.utf8))
        return SignedNote.Signature(name: name, blob: verifier.keyID + Array(signature))
    }

    /// A cosignature/v1 (type 0x04) over a checkpoint body at `time` (POSIX seconds).
    public func cosign(_ body: String, time: UInt64) throws -> SignedNote.Signature {
        precondition(type == .cosignature)
        let signature = try privateKey.signature(for: Data(Cosignature.message(body: body, time: time).utf8))
        var stamp: [UInt8] = []
        for shift in stride(from: 56, through: 0, by: -8) { stamp.append(UInt8(truncatingIfNeeded: time >> UInt64(shift))) }
        return SignedNote.Signature(name: name, blob: verifier.keyID + stamp + Array(signature))
    }
}

enum Cosignature {
    /// `cosignature/v1\ntime <T>\n` followed by the checkpoint body.
    static func message(body: String, time: UInt64) -> String { "cosignature/v1\ntime \(time)\n" + body }

    /// The timestamp of a cosignature blob (key ID, u64 big-endian time, signature).
    static func time(_ blob: [UInt8]) -> UInt64? {
        guard blob.count == 4 + 8 + 64 else { return nil }
        return blob[4..<12].reduce(0) { $0 << 8 | UInt64($1) }
    }
}

/// Key names: non-empty, no Unicode space, no `+` (signed-note).
func checkKeyName(_ name: String, field: String) throws {
    guard !name.isEmpty, !name.contains("+"), !name.unicodeScalars.contains(where: { $0.properties.isWhitespace }),
          name.utf8.allSatisfy({ $0 >= 0x20 })
    else {
        throw InquestError(.invalidInput, "\(field): a key name is non-empty, without spaces or +", field: field, rule: "key-name")
    }
}
