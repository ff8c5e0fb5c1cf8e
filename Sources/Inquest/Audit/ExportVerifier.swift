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
        try verify(url, against: checkpoint, readSize: 1 << 20)
    }

    /// `readSize`: the bytes read at a time (tests use small ones, so that lines span reads).
    ///
    /// One pass, on two threads: this one reads and parses each line into its canonical
    /// text; a `TreeWorker` checks the chain, hashes the leaves and folds the tree. Nothing
    /// is allocated per line: the canonical texts go straight into the worker's batches.
    /// The first bad event is the one a single thread checking line by line would name:
    /// the worker sees every line before a bad one, and its failure is then the earlier.
    func verify(_ url: URL, against checkpoint: Checkpoint?, readSize: Int) throws -> Audit.Verification {
        let fd = open(url.path, O_RDONLY)
        guard fd >= 0 else {
            throw InquestError(.invalidInput, "export: cannot read \(url.path)", field: "export")
        }
        defer { close(fd) }
        var result = Audit.Verification(events: 0, headSeq: 0, chained: 0, chainHash: AuditChain.hex(AuditChain.genesis),
                                        root: Data(Merkle.emptyRoot).base64EncodedString())
        // This thread parses; the worker checks the chain and builds the tree.
        let worker = TreeWorker(checkpointSize: checkpoint?.size, chain: true)
        var batch = worker.emptyBatch(firstSeq: 1)
        var parser = LineParser()
        var lineNumber = 0
        var stopped = false

        func fail(_ problem: String) {
            result.firstBadSeq = result.headSeq + 1
            result.problem = "line \(lineNumber): " + problem
            stopped = true
        }

        /// One complete line (without its LF).
        func process(_ line: UnsafeBufferPointer<UInt8>) {
            lineNumber += 1
            let expectedSeq = result.headSeq + 1
            let stated = batch.stated.count
            batch.stated.append(contentsOf: repeatElement(0, count: 64))
            do {
                let chained = try batch.stated.withUnsafeMutableBufferPointer { hashes in
                    try parser.parse(line, expectedSeq: expectedSeq, into: &batch.text,
                                     hashes: UnsafeMutableBufferPointer(rebasing: hashes[stated ..< stated + 64]))
                }
                batch.chained.append(chained)
            } catch let error as LineError {
                batch.stated.removeLast(64)
                return fail(error.message)
            } catch {
                batch.stated.removeLast(64)
                return fail("\(error)")
            }
            batch.ends.append(batch.text.count)
            result.events += 1
            result.headSeq = expectedSeq
            if batch.isFull {
                worker.submit(batch)
                batch = worker.emptyBatch(firstSeq: expectedSeq + 1)
                if worker.failed { stopped = true }
            }
        }

        // Complete lines are parsed where they were read; the incomplete tail moves to the
        // front of the buffer, which grows only for a line longer than itself.
        var buffer = [UInt8](repeating: 0, count: max(readSize, 1))
        var filled = 0
        readLoop: while !stopped {
            if filled == buffer.count {
                guard filled <= 1 << 26 else {
                    lineNumber += 1
                    fail("a line longer than 64 MiB")
                    break
                }
                buffer.append(contentsOf: repeatElement(0, count: buffer.count))
            }
            let got = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + filled, $0.count - filled) }
            if got < 0 {
                if errno == EINTR { continue }
                throw InquestError(.invalidInput, "export: cannot read \(url.path)", field: "export")
            }
            if got == 0 { break }
            let end = filled + got
            var start = 0
            buffer.withUnsafeBufferPointer { bytes in
                let base = bytes.baseAddress!
                while start < end, !stopped {
                    guard let newline = memchr(base + start, 0x0A, end - start) else { break }
                    let at = base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
                    process(UnsafeBufferPointer(rebasing: bytes[start..<at]))
                    start = at + 1
                }
            }
            if stopped { break readLoop }
            filled = end - start
            if filled > 0 && start > 0 {
                buffer.withUnsafeMutableBytes { $0.baseAddress!.copyMemory(from: $0.baseAddress! + start, byteCount: filled) }
            }
        }
        if !stopped && filled > 0 {
            lineNumber += 1
            fail("the file does not end with a newline: it was truncated")
        }
        // The events before a bad line are checked by the worker too: a break of the chain
        // among them comes first.
        if !batch.ends.isEmpty { worker.submit(batch) }
        let tree = worker.finish()
        if let failure = tree.failure {
            result.firstBadSeq = failure.seq
            result.problem = failure.problem
            result.events = failure.seq - 1
            result.headSeq = failure.seq - 1
        }
        if result.ok {
            result.chained = tree.chained
            result.chainHash = AuditChain.hex(tree.previous)
            result.root = Data(tree.root).base64EncodedString()
        }
        if let checkpoint, result.ok {
            result.checkpoint = checkpoint
            if result.headSeq < checkpoint.size {
                result.firstBadSeq = result.headSeq + 1
                result.problem = "the export ends at event \(result.headSeq) but the checkpoint signed \(checkpoint.size) events: it was truncated"
            } else if tree.checkpointRoot != checkpoint.root {
                result.firstBadSeq = checkpoint.size
                result.problem = "the first \(checkpoint.size) events do not have the root the checkpoint signed: the export was rewritten, or is of another log"
            }
        }
        return result
    }

    /// Parses export lines strictly (docs/audit-format.md section 5), writing each event's
    /// canonical text as it goes: runs of plain bytes are copied whole, and an escape is
    /// rewritten straight into the canonical text's own escaping.
    struct LineParser {
        /// `"name":` of each member, in order.
        let keys: [[UInt8]] = ExportVerifier.members.map { Array("\"\($0)\":".utf8) }
        let isNumeric: [Bool] = (0..<14).map { ExportVerifier.numeric.contains($0) }
        let isNullable: [Bool] = (0..<14).map { ExportVerifier.nullable.contains($0) }
        /// For a hash member spelled unusually (escaped hex digits): decoded, then checked.
        var value: [UInt8] = []

        /// Appends the canonical text of the event on `line` to `canonical`, and writes
        /// prev_hash and hash (decoded, 32 bytes each) to `hashes`.
        /// - Returns: whether the event is a link of the hash chain (format 1); false when
        ///   prev_hash is null (format 2: hash is the event's leaf hash, and the 32 bytes
        ///   of prev_hash are left as they were).
        mutating func parse(_ line: UnsafeBufferPointer<UInt8>, expectedSeq: Int, into canonical: inout [UInt8],
                            hashes: UnsafeMutableBufferPointer<UInt8>) throws -> Bool {
            var unchained = false
            let count = line.count
            guard count > 0 else { throw LineError(message: "an empty line (the export has one event per line, no blank lines)") }
            let base = line.baseAddress!
            var at = 0
            canonical.append(contentsOf: AuditChain.version)
            guard line[0] == UInt8(ascii: "{") else { throw LineError(message: "expected a JSON object starting with {") }
            at = 1
            for index in 0..<14 {
                if index > 0 {
                    guard at < count, line[at] == UInt8(ascii: ",") else {
                        throw LineError(message: "expected \",\" before member \"\(ExportVerifier.members[index])\"")
                    }
                    at += 1
                }
                // The member name, exactly.
                let matched = keys[index].withUnsafeBytes { key in
                    count - at >= key.count && memcmp(base + at, key.baseAddress!, key.count) == 0
                }
                guard matched else {
                    let members = ExportVerifier.members
                    throw LineError(message: "expected member \"\(members[index])\" here (members are exactly \(members.joined(separator: ", ")), in this order, once each, no spaces)")
                }
                at += keys[index].count
                // null
                if count - at >= 4, line[at] == UInt8(ascii: "n"), line[at + 1] == UInt8(ascii: "u"), line[at + 2] == UInt8(ascii: "l"), line[at + 3] == UInt8(ascii: "l") {
                    if index == 12 {
                        // Not part of the text: an event sealed without the chain
                        // (format 2), whose hash is its leaf hash.
                        at += 4
                        unchained = true
                        continue
                    }
                    guard isNullable[index] else { throw LineError(message: "member \"\(ExportVerifier.members[index])\" is null; it never is") }
                    at += 4
                    canonical.append(UInt8(ascii: "\\")); canonical.append(UInt8(ascii: "N")); canonical.append(0x0A)
                    continue
                }
                if isNumeric[index] {
                    let start = at
                    while at < count, line[at] >= 0x30, line[at] <= 0x39 { at += 1 }
                    let digits = UnsafeBufferPointer(rebasing: line[start..<at])
                    guard !digits.isEmpty, digits.count <= 18, digits.count == 1 || digits.first != 0x30,
                          at < count, line[at] == UInt8(ascii: ",") || line[at] == UInt8(ascii: "}")
                    else { throw LineError(message: "member \"\(ExportVerifier.members[index])\" is not an integer in plain decimal (no sign, fraction, exponent or leading zero)") }
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
                if index >= 12 {
                    let out = UnsafeMutableBufferPointer(rebasing: hashes[(index - 12) * 32 ..< (index - 11) * 32])
                    // The usual spelling: a quote, 64 lower-case hex digits, a quote.
                    if count - at >= 66, line[at] == UInt8(ascii: "\""), line[at + 65] == UInt8(ascii: "\""),
                       Self.lowerHex(UnsafeBufferPointer(rebasing: line[at + 1 ..< at + 65]), into: out) {
                        at += 66
                        continue
                    }
                    // (Escaped as for the canonical text: a `\\`, LF or CR is no hex digit either way.)
                    value.removeAll(keepingCapacity: true)
                    try Self.appendCanonicalString(line, &at, into: &value, name: ExportVerifier.members[index])
                    guard value.count == 64, value.withUnsafeBufferPointer({ Self.lowerHex($0, into: out) }) else {
                        throw LineError(message: "member \"\(ExportVerifier.members[index])\" is not 64 lower-case hex digits")
                    }
                    continue
                }
                try Self.appendCanonicalString(line, &at, into: &canonical, name: ExportVerifier.members[index])
                canonical.append(0x0A)
            }
            guard at < count, line[at] == UInt8(ascii: "}") else { throw LineError(message: "expected } after member \"hash\" (no other members)") }
            at += 1
            guard at == count else { throw LineError(message: "text after the end of the JSON object") }
            return !unchained
        }

        /// Decodes exactly 64 lower-case hex digits into 32 bytes; false for anything else.
        static func lowerHex(_ hex: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) -> Bool {
            guard hex.count == 64 else { return false }
            let table = hexTable
            var invalid: UInt8 = 0
            for i in 0..<32 {
                let high = table[Int(hex[2 * i])], low = table[Int(hex[2 * i + 1])]
                invalid |= high | low
                out[i] = high << 4 | low
            }
            return invalid & 0x10 == 0
        }

        /// The value of each lower-case hex digit; 0x10 for every other byte.
        nonisolated(unsafe) static let hexTable: UnsafeMutablePointer<UInt8> = {
            let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
            table.initialize(repeating: 0x10, count: 256)
            for c in 0..<10 { table[0x30 + c] = UInt8(c) }
            for c in 0..<6 { table[0x61 + c] = UInt8(10 + c) }
            return table
        }()

        /// Decodes the JSON string at `at` (RFC 8259: escapes \" \\ \/ \b \f \n \r \t
        /// \uXXXX with surrogate pairs; no raw control characters; valid UTF-8) and appends
        /// its value escaped for the canonical text (`\` as `\\`, LF as `\n`, CR as `\r`).
        /// A JSON string holds no raw `\`, LF or CR, so its plain runs are copied as they
        /// are; only escapes are rewritten.
        static func appendCanonicalString(_ line: UnsafeBufferPointer<UInt8>, _ at: inout Int, into out: inout [UInt8], name: String) throws {
            let count = line.count
            func bad(_ why: String) -> LineError { LineError(message: "member \"\(name)\": \(why)") }
            guard at < count, line[at] == UInt8(ascii: "\"") else { throw bad("expected a JSON string") }
            at += 1
            var invalidUTF8 = false
            while true {
                let run = at
                while at < count {
                    let byte = line[at]
                    if byte < 0x80 {
                        if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
                        at += 1
                    } else {
                        let length = utf8Length(line, at)
                        if length == 0 { invalidUTF8 = true; at += 1 } else { at += length }
                    }
                }
                if at > run { out.append(contentsOf: UnsafeBufferPointer(rebasing: line[run..<at])) }
                guard at < count else { throw bad("unterminated string") }
                let byte = line[at]
                if byte == UInt8(ascii: "\"") { at += 1; break }
                if byte < 0x20 { throw bad("a raw control character in a string") }
                guard at + 1 < count else { throw bad("unterminated escape") }
                let escape = line[at + 1]
                at += 2
                switch escape {
                case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "\\"))
                case UInt8(ascii: "/"): out.append(UInt8(ascii: "/"))
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
                case UInt8(ascii: "r"): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    at -= 2
                    let scalar = try unicodeEscape(line, &at, bad)
                    switch scalar {
                    case 0x5C: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "\\"))
                    case 0x0A: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
                    case 0x0D: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
                    default: appendUTF8(scalar, to: &out)
                    }
                default:
                    throw bad("an unknown escape \\\(Character(Unicode.Scalar(escape)))")
                }
            }
            if invalidUTF8 { throw bad("not valid UTF-8") }
        }

        /// The scalar of the `\uXXXX` escape (or surrogate pair) at `at`.
        static func unicodeEscape(_ line: UnsafeBufferPointer<UInt8>, _ at: inout Int, _ bad: (String) -> LineError) throws -> UInt32 {
            let count = line.count
            at += 2
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
            return scalar
        }

        static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
            switch scalar {
            case 0..<0x80:
                out.append(UInt8(scalar))
            case 0x80..<0x800:
                out.append(UInt8(0xC0 | scalar >> 6)); out.append(UInt8(0x80 | scalar & 0x3F))
            case 0x800..<0x10000:
                out.append(UInt8(0xE0 | scalar >> 12)); out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
                out.append(UInt8(0x80 | scalar & 0x3F))
            default:
                out.append(UInt8(0xF0 | scalar >> 18)); out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
                out.append(UInt8(0x80 | scalar >> 6 & 0x3F)); out.append(UInt8(0x80 | scalar & 0x3F))
            }
        }

        /// The length of the well-formed UTF-8 sequence at `at` (Unicode table 3-7), 0 if
        /// there is none.
        @inline(__always)
        static func utf8Length(_ line: UnsafeBufferPointer<UInt8>, _ at: Int) -> Int {
            let count = line.count
            let lead = line[at]
            func continuation(_ i: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
                at + i < count && line[at + i] >= low && line[at + i] <= high
            }
            switch lead {
            case 0xC2...0xDF: return continuation(1) ? 2 : 0
            case 0xE0: return continuation(1, 0xA0) && continuation(2) ? 3 : 0
            case 0xE1...0xEC, 0xEE...0xEF: return continuation(1) && continuation(2) ? 3 : 0
            case 0xED: return continuation(1, 0x80, 0x9F) && continuation(2) ? 3 : 0
            case 0xF0: return continuation(1, 0x90) && continuation(2) && continuation(3) ? 4 : 0
            case 0xF1...0xF3: return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
            case 0xF4: return continuation(1, 0x80, 0x8F) && continuation(2) && continuation(3) ? 4 : 0
            default: return 0
            }
        }
    }
}
