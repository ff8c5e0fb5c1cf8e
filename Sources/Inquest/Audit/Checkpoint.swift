import Crypto
import Foundation

/// A signed statement "the log named `origin` had `seq` events, the last with hash `hash`".
/// Signed with an Ed25519 key kept off the database host, it detects what the chain alone
/// cannot: a log rewritten from the start, or its newest events cut off.
///
/// The file is a signed note (after C2SP signed-note):
///
///     inquest-checkpoint v1
///     <origin>
///     <seq>
///     <head hash, 64 hex digits>
///
///     — <key name> <base64(key id ‖ signature)>
///
/// The signature covers the four lines above the blank line, each with its LF. The key id
/// is the first 4 bytes of SHA-256(key name ‖ LF ‖ 0x01 ‖ public key).
public struct Checkpoint: Sendable, Equatable, Encodable {
    public var origin: String
    public var seq: Int
    public var hash: String

    public init(origin: String, seq: Int, hash: String) {
        self.origin = origin
        self.seq = seq
        self.hash = hash
    }

    var body: String { "inquest-checkpoint v1\n\(origin)\n\(seq)\n\(hash)\n" }

    /// The signed note text.
    public func signed(with key: SigningKey) throws -> String {
        let signature = try key.privateKey.signature(for: Data(body.utf8))
        return body + "\n— \(key.name) " + Data(key.keyID + signature).base64EncodedString() + "\n"
    }

    /// Parses a signed note and checks its signature with `key`.
    /// - Throws: `.verificationFailed` when the note is malformed, signed by another key, or altered.
    public static func verified(note: String, key: VerifyingKey) throws -> Checkpoint {
        func fail(_ why: String) -> InquestError {
            InquestError(.verificationFailed, "checkpoint: \(why)", field: "checkpoint", rule: "signed-checkpoint")
        }
        guard let split = note.range(of: "\n\n") else { throw fail("no signature block") }
        let body = String(note[..<split.lowerBound]) + "\n"
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        guard lines.count == 4, lines[0] == "inquest-checkpoint v1", let seq = Int(lines[2]),
              lines[3].count == 64, AuditChain.bytes(hex: Array(lines[3].utf8)) != nil
        else { throw fail("not an inquest-checkpoint v1 note") }
        let signatures = note[split.upperBound...].split(separator: "\n")
        for line in signatures {
            let parts = line.split(separator: " ")
            guard parts.count == 3, parts[0] == "—", parts[1] == key.name,
                  let blob = Data(base64Encoded: String(parts[2])), blob.count == 68, Array(blob.prefix(4)) == key.keyID
            else { continue }
            guard key.publicKey.isValidSignature(blob.dropFirst(4), for: Data(body.utf8)) else {
                throw fail("the signature by \(key.name) does not match: the checkpoint was altered")
            }
            return Checkpoint(origin: String(lines[1]), seq: seq, hash: String(lines[3]))
        }
        throw fail("no signature by key \"\(key.name)\"")
    }
}

/// An Ed25519 signing key with its name. Stored as three lines:
/// `inquest-ed25519-private v1`, the name, base64 of the 32-byte private key.
public struct SigningKey {
    public var name: String
    let privateKey: Curve25519.Signing.PrivateKey

    public static func generate(name: String) throws -> SigningKey {
        guard !name.isEmpty, !name.contains(where: { $0 == " " || $0 == "\n" || $0 == "+" }) else {
            throw InquestError(.invalidInput, "key name must be non-empty without spaces or +", field: "name", rule: "key-name")
        }
        return SigningKey(name: name, privateKey: Curve25519.Signing.PrivateKey())
    }

    public var verifyingKey: VerifyingKey { VerifyingKey(name: name, publicKey: privateKey.publicKey) }
    var keyID: [UInt8] { verifyingKey.keyID }

    static let header = "inquest-ed25519-private v1"

    public var fileText: String { keyFileText(Self.header, name, privateKey.rawRepresentation) }

    public init(fileText: String) throws {
        let (name, raw) = try parseKeyFile(fileText, header: Self.header, field: "key")
        guard let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw) else {
            throw InquestError(.invalidInput, "key: not an Ed25519 private key", field: "key")
        }
        self.init(name: name, privateKey: key)
    }

    init(name: String, privateKey: Curve25519.Signing.PrivateKey) {
        self.name = name
        self.privateKey = privateKey
    }
}

/// The public half: `inquest-ed25519-public v1`, the name, base64 of the 32-byte key.
public struct VerifyingKey {
    public var name: String
    let publicKey: Curve25519.Signing.PublicKey

    var keyID: [UInt8] {
        var hasher = SHA256()
        hasher.update(data: Data(name.utf8) + [0x0A, 0x01] + publicKey.rawRepresentation)
        return Array(hasher.finalize().prefix(4))
    }

    static let header = "inquest-ed25519-public v1"

    public var fileText: String { keyFileText(Self.header, name, publicKey.rawRepresentation) }

    public init(fileText: String) throws {
        let (name, raw) = try parseKeyFile(fileText, header: Self.header, field: "public-key")
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else {
            throw InquestError(.invalidInput, "public-key: not an Ed25519 public key", field: "public-key")
        }
        self.init(name: name, publicKey: key)
    }

    init(name: String, publicKey: Curve25519.Signing.PublicKey) {
        self.name = name
        self.publicKey = publicKey
    }
}

/// Key files: a header line, the key name, base64 of the raw key; each line LF-ended.
private func keyFileText(_ header: String, _ name: String, _ raw: Data) -> String {
    "\(header)\n\(name)\n\(raw.base64EncodedString())\n"
}

private func parseKeyFile(_ text: String, header: String, field: String) throws -> (name: String, raw: Data) {
    let lines = text.split(separator: "\n")
    guard lines.count == 3, lines[0] == header, let raw = Data(base64Encoded: String(lines[2])) else {
        throw InquestError(.invalidInput, "\(field): not an \(header) file", field: field)
    }
    return (String(lines[1]), raw)
}
