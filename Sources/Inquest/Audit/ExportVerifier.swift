import Crypto
import Foundation

/// Verifies an export file (`inquest audit export`, docs/audit-format.md section 5) with
/// no database: one streaming pass that parses each line strictly, rebuilds the
/// canonical text, checks the chain and builds the Merkle tree. Memory is bounded by the
/// read buffer and the longest line, whatever the size of the file.
public struct ExportVerifier {
    public init() {}

    /// The member names of a line, in the only order accepted.
    static let members = AuditChain.fields + ["prev_hash", "hash"]
    /// Members that are JSON numbers (or null for case_id), and those that may be null.
    static let numeric: Set<Int> = [0, 1, 8]
    static let nullable: Set<Int> = [7, 8, 10, 11]

    struct LineError: Error { var message: String }

    /// - Parameters:
    ///   - url: the export file.
    ///   - checkpoint: a checkpoint (already verified against a policy) whose root the
    ///     first `size` events must have.
    /// - Returns: the same report as a live `audit verify`.
    public func verify(_ url: URL, against checkpoint: Checkpoint? = nil) throws -> Audit.Verification {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw InquestError(.invalidInput, "export: cannot read \(url.path)", field: "export")
        }
        defer { try? handle.close() }
        var result = Audit.Verification(events: 0, headSeq: 0, headHash: AuditChain.hex(AuditChain.genesis),
                                        root: Data(Merkle.emptyRoot).base64EncodedString())
        var previous = AuditChain.genesis
        var frontier = Merkle.Frontier()
        var checkpointRoot: Merkle.Hash? = checkpoint?.size == 0 ? Merkle.emptyRoot : nil
        var canonical: [UInt8] = []
        canonical.reserveCapacity(1 << 16)
        var carry: [UInt8] = []
        var lineNumber = 0

        func fail(_ problem: String) {
            result.firstBadSeq = result.headSeq + 1
            result.problem = "line \(lineNumber): " + problem
        }

        /// One complete line (without its LF). Returns false when verification stops.
        func process(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
            lineNumber += 1
            let expectedSeq = result.headSeq + 1
            let hashes: (prev: [UInt8], hash: [UInt8])
            do {
                canonical.removeAll(keepingCapacity: true)
                hashes = try Self.parse(line, expectedSeq: expectedSeq, into: &canonical)
            } catch let error as LineError {
                fail(error.message)
                return false
            } catch {
                fail("\(error)")
                return false
            }
            guard hashes.prev == previous else {
                fail("prev_hash does not match the hash of event \(expectedSeq - 1): the chain was broken here")
                return false
            }
            let computed = canonical.withUnsafeBytes { bytes -> [UInt8] in
                var hasher = SHA256()
                hasher.update(data: previous)
                hasher.update(bufferPointer: bytes)
                return Array(hasher.finalize())
            }
            guard computed == hashes.hash else {
                fail("hash mismatch at event \(expectedSeq): its content (or its hash) was changed")
                return false
            }
            frontier.append(leafHash: canonical.withUnsafeBytes { Merkle.leafHash(buffer: $0) })
            if expectedSeq == checkpoint?.size { checkpointRoot = frontier.root }
            previous = computed
            result.events += 1
            result.headSeq = expectedSeq
            return true
        }

        let chunkSize = 1 << 20
        var stopped = false
        while !stopped {
            let chunk = handle.readData(ofLength: chunkSize)
            if chunk.isEmpty { break }
            chunk.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
                let bytes = raw.bindMemory(to: UInt8.self)
                var start = 0
                while start < bytes.count, !stopped {
                    guard let newline = bytes[start...].firstIndex(of: 0x0A) else {
                        carry.append(contentsOf: bytes[start...])
                        break
                    }
                    if carry.isEmpty {
                        stopped = !process(UnsafeBufferPointer(rebasing: bytes[start..<newline]))
                    } else {
                        carry.append(contentsOf: bytes[start..<newline])
                        stopped = !carry.withUnsafeBufferPointer { process($0) }
                        carry.removeAll(keepingCapacity: true)
                    }
                    start = newline + 1
                }
            }
            if carry.count > 1 << 26 {
                lineNumber += 1
                fail("a line longer than 64 MiB")
                stopped = true
            }
        }
        if !stopped && !carry.isEmpty {
            lineNumber += 1
            fail("the file does not end with a newline: it was truncated")
            stopped = true
        }
        if result.ok {
            result.headHash = AuditChain.hex(previous)
            result.root = Data(frontier.root).base64EncodedString()
        }
        if let checkpoint, result.ok {
            result.checkpoint = checkpoint
            if result.headSeq < checkpoint.size {
                result.firstBadSeq = result.headSeq + 1
                result.problem = "the export ends at event \(result.headSeq) but the checkpoint signed \(checkpoint.size) events: it was truncated"
            } else if checkpointRoot != checkpoint.root {
                result.firstBadSeq = checkpoint.size
                result.problem = "the first \(checkpoint.size) events do not have the root the checkpoint signed: the export was rewritten, or is of another log"
            }
        }
        return result
    }

    /// Parses one line strictly and appends the event's canonical text to `canonical`.
    /// - Returns: prev_hash and hash, decoded.
    static func parse(_ line: UnsafeBufferPointer<UInt8>, expectedSeq: Int, into canonical: inout [UInt8]) throws -> (prev: [UInt8], hash: [UInt8]) {
        var at = 0
        let count = line.count
        func expect(_ byte: UInt8, _ what: @autoclosure () -> String) throws {
            guard at < count, line[at] == byte else { throw LineError(message: "expected \(what())") }
            at += 1
        }
        guard count > 0 else { throw LineError(message: "an empty line (the export has one event per line, no blank lines)") }
        canonical.append(contentsOf: AuditChain.version)
        var prev: [UInt8] = []
        var hash: [UInt8] = []
        var value: [UInt8] = []
        try expect(UInt8(ascii: "{"), "a JSON object starting with {")
        for (index, name) in members.enumerated() {
            if index > 0 { try expect(UInt8(ascii: ","), "\",\" before member \"\(name)\"") }
            // The member name, exactly.
            let quoted = "\"\(name)\":".utf8
            guard count - at >= quoted.count, zip(quoted, line[at..<at + quoted.count]).allSatisfy({ $0 == $1 }) else {
                throw LineError(message: "expected member \"\(name)\" here (members are exactly \(members.joined(separator: ", ")), in this order, once each, no spaces)")
            }
            at += quoted.count
            // null
            if count - at >= 4, line[at] == UInt8(ascii: "n"), line[at + 1] == UInt8(ascii: "u"), line[at + 2] == UInt8(ascii: "l"), line[at + 3] == UInt8(ascii: "l") {
                guard nullable.contains(index) else { throw LineError(message: "member \"\(name)\" is null; it never is") }
                at += 4
                canonical.append(UInt8(ascii: "\\")); canonical.append(UInt8(ascii: "N")); canonical.append(0x0A)
                continue
            }
            if numeric.contains(index) {
                let start = at
                while at < count, line[at] >= 0x30, line[at] <= 0x39 { at += 1 }
                let digits = line[start..<at]
                guard !digits.isEmpty, digits.count <= 18, digits.count == 1 || digits.first != 0x30,
                      at < count, line[at] == UInt8(ascii: ",") || line[at] == UInt8(ascii: "}")
                else { throw LineError(message: "member \"\(name)\" is not an integer in plain decimal (no sign, fraction, exponent or leading zero)") }
                if index == 0 {
                    let seq = digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
                    guard seq == expectedSeq else {
                        throw LineError(message: "seq \(seq) where \(expectedSeq) was expected: an event is missing, repeated or out of order")
                    }
                }
                canonical.append(contentsOf: digits)
                canonical.append(0x0A)
                continue
            }
            // A JSON string, decoded, then escaped for the canonical text.
            value.removeAll(keepingCapacity: true)
            try decodeString(line, &at, into: &value, name: name)
            switch index {
            case 12, 13:
                guard value.count == 64, value.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }),
                      let bytes = AuditChain.bytes(hex: value) else {
                    throw LineError(message: "member \"\(name)\" is not 64 lower-case hex digits")
                }
                if index == 12 { prev = bytes } else { hash = bytes }
            default:
                AuditChain.appendEscaped(value, to: &canonical)
                canonical.append(0x0A)
            }
        }
        try expect(UInt8(ascii: "}"), "} after member \"hash\" (no other members)")
        guard at == count else { throw LineError(message: "text after the end of the JSON object") }
        return (prev, hash)
    }

    /// Decodes a JSON string at `at` (RFC 8259: escapes \" \\ \/ \b \f \n \r \t \uXXXX with
    /// surrogate pairs; no raw control characters; valid UTF-8).
    static func decodeString(_ line: UnsafeBufferPointer<UInt8>, _ at: inout Int, into value: inout [UInt8], name: String) throws {
        let count = line.count
        func bad(_ why: String) -> LineError { LineError(message: "member \"\(name)\": \(why)") }
        guard at < count, line[at] == UInt8(ascii: "\"") else { throw bad("expected a JSON string") }
        at += 1
        let start = value.count
        var ascii = true
        while true {
            guard at < count else { throw bad("unterminated string") }
            let byte = line[at]
            if byte == UInt8(ascii: "\"") { at += 1; break }
            if byte < 0x20 { throw bad("a raw control character in a string") }
            if byte != UInt8(ascii: "\\") { value.append(byte); ascii = ascii && byte < 0x80; at += 1; continue }
            guard at + 1 < count else { throw bad("unterminated escape") }
            let escape = line[at + 1]
            at += 2
            switch escape {
            case UInt8(ascii: "\""): value.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): value.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "/"): value.append(UInt8(ascii: "/"))
            case UInt8(ascii: "b"): value.append(0x08)
            case UInt8(ascii: "f"): value.append(0x0C)
            case UInt8(ascii: "n"): value.append(0x0A)
            case UInt8(ascii: "r"): value.append(0x0D)
            case UInt8(ascii: "t"): value.append(0x09)
            case UInt8(ascii: "u"):
                func hex4() throws -> UInt32 {
                    guard at + 4 <= count else { throw bad("a short \\u escape") }
                    var v: UInt32 = 0
                    for i in 0..<4 {
                        let c = line[at + i]
                        let d: UInt32
                        switch c {
                        case 0x30...0x39: d = UInt32(c - 0x30)
                        case 0x61...0x66: d = UInt32(c - 0x57)
                        case 0x41...0x46: d = UInt32(c - 0x37)
                        default: throw bad("a bad \\u escape")
                        }
                        v = v << 4 | d
                    }
                    at += 4
                    return v
                }
                var scalar = try hex4()
                if (0xD800...0xDBFF).contains(scalar) {
                    guard at + 2 <= count, line[at] == UInt8(ascii: "\\"), line[at + 1] == UInt8(ascii: "u") else {
                        throw bad("a lone surrogate in a \\u escape")
                    }
                    at += 2
                    let low = try hex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw bad("a lone surrogate in a \\u escape") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    throw bad("a lone surrogate in a \\u escape")
                }
                value.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
            default:
                throw bad("an unknown escape \\\(Character(Unicode.Scalar(escape)))")
            }
        }
        guard ascii || String(validating: value[start...], as: UTF8.self) != nil else { throw bad("not valid UTF-8") }
    }
}
