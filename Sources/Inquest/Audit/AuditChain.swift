import Crypto
import Foundation

/// The hash chain's rule, as documented in `docs/audit-format.md` and computed by
/// `inquest_audit.canonical_text` in the schema:
///
///     hash(n) = SHA-256(hash(n-1) ‖ canonical text of event n),   hash(0) = 32 zero bytes
///
/// The canonical text is thirteen LF-terminated lines: `inquest-event-v1`, seq, id, time,
/// txid, login, actor, table, record key, case id, operation, old values, new values. NULL is
/// `\N`; in every value `\` is written `\\`, LF `\n` and CR `\r`.
public enum AuditChain {
    /// The fields of one sealed event, in export order, as the text that enters the chain.
    public static let fields = ["seq", "id", "occurred_at", "txid", "login", "actor", "table_name", "record_key",
                                "case_id", "operation", "old_values", "new_values"]

    static let version = Array("inquest-event-v1\n".utf8)

    /// Appends the canonical text of one event to `buffer`.
    /// - Parameter values: the twelve `fields`, raw bytes or `nil` for NULL.
    static func appendCanonical<Bytes: Collection<UInt8>>(_ values: [Bytes?], to buffer: inout [UInt8]) {
        buffer.append(contentsOf: version)
        for value in values {
            guard let value else {
                buffer.append(UInt8(ascii: "\\"))
                buffer.append(UInt8(ascii: "N"))
                buffer.append(0x0A)
                continue
            }
            appendEscaped(value, to: &buffer)
            buffer.append(0x0A)
        }
    }

    /// One value of the canonical text: `\` written `\\`, LF `\n`, CR `\r`.
    static func appendEscaped(_ value: some Sequence<UInt8>, to buffer: inout [UInt8]) {
        for byte in value {
            switch byte {
            case UInt8(ascii: "\\"): buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "\\"))
            case 0x0A: buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "n"))
            case 0x0D: buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "r"))
            default: buffer.append(byte)
            }
        }
    }

    /// `appendEscaped` for raw bytes (the live verify's hot loop): runs without `\`, LF or
    /// CR, nearly all of a value, are copied whole rather than byte by byte.
    static func appendEscaped(raw value: UnsafeRawBufferPointer, to buffer: inout [UInt8]) {
        var run = 0
        for i in 0..<value.count {
            let byte = value[i]
            guard byte == UInt8(ascii: "\\") || byte == 0x0A || byte == 0x0D else { continue }
            if i > run { buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: value[run..<i])) }
            buffer.append(UInt8(ascii: "\\"))
            buffer.append(byte == 0x0A ? UInt8(ascii: "n") : byte == 0x0D ? UInt8(ascii: "r") : UInt8(ascii: "\\"))
            run = i + 1
        }
        if value.count > run { buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: value[run...])) }
    }

    /// The canonical text of one event given as strings (for tests and documentation).
    public static func canonicalText(_ values: [String?]) -> String {
        var buffer: [UInt8] = []
        appendCanonical(values.map { $0.map { Array($0.utf8) } }, to: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    /// `SHA-256(previous ‖ canonical)`.
    static func link(previous: [UInt8], canonical: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: previous)
        hasher.update(data: canonical)
        return Array(hasher.finalize())
    }

    public static let genesis = [UInt8](repeating: 0, count: 32)

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    /// Decodes lower- or upper-case hex; `nil` if it is not exactly hex.
    static func bytes(hex: some Collection<UInt8>) -> [UInt8]? {
        guard hex.count % 2 == 0 else { return nil }
        var result: [UInt8] = []
        result.reserveCapacity(hex.count / 2)
        var high: UInt8?
        for c in hex {
            let nibble: UInt8
            switch c {
            case 48...57: nibble = c - 48
            case 97...102: nibble = c - 87
            case 65...70: nibble = c - 55
            default: return nil
            }
            if let h = high { result.append(h << 4 | nibble); high = nil } else { high = nibble }
        }
        return result
    }
}

extension AuditChain {
    /// The twelve field values of a canonical text (`nil` for `\N`), or nil when the
    /// bytes are not exactly the canonical text of some event: the version line, twelve
    /// LF-terminated values, valid UTF-8, escapes only `\\`, `\n`, `\r` and a lone `\N`.
    public static func parseCanonical(_ bytes: [UInt8]) -> [String?]? {
        guard bytes.starts(with: version), String(validating: bytes, as: UTF8.self) != nil else { return nil }
        var values: [String?] = []
        var current: [UInt8] = []
        var index = version.count
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A {
                values.append(String(decoding: current, as: UTF8.self))
                current.removeAll()
            } else if byte == UInt8(ascii: "\\") {
                guard index + 1 < bytes.count else { return nil }
                switch bytes[index + 1] {
                case UInt8(ascii: "\\"): current.append(UInt8(ascii: "\\"))
                case UInt8(ascii: "n"): current.append(0x0A)
                case UInt8(ascii: "r"): current.append(0x0D)
                case UInt8(ascii: "N"):
                    guard current.isEmpty, index + 2 < bytes.count, bytes[index + 2] == 0x0A else { return nil }
                    values.append(nil)
                    index += 3
                    continue
                default: return nil
                }
                index += 1
            } else if byte == 0x0D {
                return nil
            } else {
                current.append(byte)
            }
            index += 1
        }
        guard current.isEmpty, values.count == fields.count else { return nil }
        return values
    }
}
