import Crypto
import Foundation
import Testing
@testable import Inquest

/// The offline export verifier's fast path (byte-level parsing into the canonical text, the
/// tree on a second thread) against what it replaced and against the reference tree, with no
/// database: every JSON spelling of a value, lines that span reads, batches handed over.
@Suite("export verifier: fast path")
struct ExportVerifierTests {
    /// A deterministic generator (tests must not depend on luck).
    struct Rng {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    /// A JSON string of `value`, each character spelled one of the ways RFC 8259 allows.
    static func jsonString(_ value: String, _ rng: inout Rng) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            let v = scalar.value
            let escaped = String(format: "\\u%04x", v)
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += rng.below(2) == 0 ? "\\\\" : "\\u005C"
            case "\n": out += rng.below(2) == 0 ? "\\n" : "\\u000a"
            case "\r": out += rng.below(2) == 0 ? "\\r" : "\\u000D"
            case "\t": out += rng.below(2) == 0 ? "\\t" : escaped
            case "/": out += rng.below(2) == 0 ? "/" : "\\/"
            default:
                if v < 0x20 {
                    out += v == 8 ? "\\b" : v == 12 ? "\\f" : escaped
                } else if v >= 0x10000 && rng.below(2) == 0 {
                    let u = v - 0x10000
                    out += String(format: "\\ud%03x\\uD%03X", 0x800 + (u >> 10), 0xC00 + (u & 0x3FF))
                } else if v < 0x10000 && v > 0x7F && rng.below(3) == 0 {
                    out += escaped
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// An export of `count` events whose values exercise every escape, plus the leaf hashes.
    static func export(count: Int, seed: UInt64 = 7) -> (text: String, leaves: [Merkle.Hash]) {
        var rng = Rng(state: seed)
        let pieces = ["a", "\\", "\n", "\r", "\t", "\"", "/", "é", "ß", "پ", "😀", "\u{8}", "\u{C}", "\u{1}", "\\N", "x y", "{\"k\": 1}"]
        var previous = AuditChain.genesis
        var text = ""
        var leaves: [Merkle.Hash] = []
        for seq in 1...count {
            func value() -> String? {
                if rng.below(6) == 0 { return nil }
                let length = rng.below(40) == 0 ? 8_000 : rng.below(30)
                return (0..<length).map { _ in pieces[rng.below(pieces.count)] }.joined()
            }
            let fields: [String?] = [String(seq), String(rng.below(1_000_000)), "2026-11-29T04:12:43.687994Z", String(rng.below(1 << 40)),
                                     "login\(rng.below(3))", value() ?? "actor", "person", value(), rng.below(2) == 0 ? nil : String(rng.below(99)),
                                     "update", value(), value()]
            let canonical = Array(AuditChain.canonicalText(fields).utf8)
            let hash = AuditChain.link(previous: previous, canonical: canonical)
            leaves.append(Merkle.leafHash(canonical))
            var line = "{"
            for (index, name) in ExportVerifier.members.enumerated() {
                if index > 0 { line += "," }
                line += "\"\(name)\":"
                switch index {
                case 12: line += "\"\(AuditChain.hex(previous))\""
                case 13: line += "\"\(AuditChain.hex(hash))\""
                case 0, 1, 8: line += fields[index] ?? "null"
                default: line += fields[index].map { jsonString($0, &rng) } ?? "null"
                }
            }
            text += line + "}\n"
            previous = hash
        }
        return (text, leaves)
    }

    func file(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appending(path: "export-\(UUID().uuidString).jsonl")
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test("every spelling of every value verifies, whatever the read size; the root and a checkpoint's root are the reference tree's")
    func roundTrip() throws {
        let (text, leaves) = Self.export(count: 1500)
        #expect(text.utf8.count > 2 * LeafBatch.target, "the export must span several batches of the tree worker")
        let url = try file(text)
        defer { try? FileManager.default.removeItem(at: url) }
        for readSize in [7, 4096, 1 << 20] {
            for size in [0, 1, 777, 1500] {
                let checkpoint = Checkpoint(origin: "inquest:test", size: size, root: Merkle.root(leaves: Array(leaves.prefix(size))))
                let result = try ExportVerifier().verify(url, against: checkpoint, readSize: readSize)
                #expect(result.ok, "\(readSize) \(size): \(result.problem ?? "")")
                #expect(result.events == 1500)
                #expect(result.root == Data(Merkle.root(leaves: leaves)).base64EncodedString())
            }
            let wrong = Checkpoint(origin: "inquest:test", size: 1000, root: Merkle.root(leaves: Array(leaves.prefix(999))))
            let result = try ExportVerifier().verify(url, against: wrong, readSize: readSize)
            #expect(result.firstBadSeq == 1000)
        }
    }

    @Test("a change in any event of a long export is named by its seq, in any batch")
    func tamperAnywhere() throws {
        let (text, _) = Self.export(count: 1500)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for seq in [1, 700, 1499, 1500] {
            var altered = lines
            altered[seq - 1] = altered[seq - 1].replacingOccurrences(of: "\"operation\":\"update\"", with: "\"operation\":\"insert\"")
            let url = try file(altered.joined(separator: "\n"))
            defer { try? FileManager.default.removeItem(at: url) }
            let result = try ExportVerifier().verify(url, against: nil, readSize: 4096)
            #expect(result.firstBadSeq == seq)
            #expect(result.events == seq - 1)
            #expect(result.problem == "line \(seq): hash mismatch at event \(seq): its content (or its hash) was changed")
        }
        // A break of the chain (found by the worker) just before a malformed line (found by
        // the reader, which runs ahead, before it hands the batch of both over): the break is
        // named, as a line-by-line check would.
        var both = lines
        both[699] = both[699].replacingOccurrences(of: "\"operation\":\"update\"", with: "\"operation\":\"insert\"")
        both[700] = both[700].replacingOccurrences(of: "{\"seq\":701,", with: "{\"seq\":701.0,")
        let url2 = try file(both.joined(separator: "\n"))
        defer { try? FileManager.default.removeItem(at: url2) }
        let result = try ExportVerifier().verify(url2, against: nil, readSize: 1 << 20)
        #expect(result.firstBadSeq == 700)
        #expect(result.problem == "line 700: hash mismatch at event 700: its content (or its hash) was changed")
        lines.removeLast(2)
        let url = try file(lines.joined(separator: "\n") + "\n")
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try ExportVerifier().verify(url, against: nil, readSize: 1 << 20).events == 1499)
    }

    /// Lines from `from` on (1-based) rewritten as format 2 events: prev_hash null, hash the leaf hash.
    static func unchained(_ text: String, leaves: [Merkle.Hash], from: Int) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for seq in from...leaves.count {
            let line = lines[seq - 1]
            let start = line.range(of: ",\"prev_hash\":")!.lowerBound
            lines[seq - 1] = line[..<start] + ",\"prev_hash\":null,\"hash\":\"\(AuditChain.hex(leaves[seq - 1]))\"}"
        }
        return lines
    }

    @Test("format 2 lines after a chained prefix verify; a change in one is named; the chain cannot start again after them")
    func formatTwo() throws {
        let (text, leaves) = Self.export(count: 600)
        let lines = Self.unchained(text, leaves: leaves, from: 301)
        let url = try file(lines.joined(separator: "\n"))
        defer { try? FileManager.default.removeItem(at: url) }
        let checkpoint = Checkpoint(origin: "inquest:test", size: 450, root: Merkle.root(leaves: Array(leaves.prefix(450))))
        let result = try ExportVerifier().verify(url, against: checkpoint, readSize: 4096)
        #expect(result.ok, "\(result.problem ?? "")")
        #expect(result.events == 600 && result.chained == 300)
        #expect(result.root == Data(Merkle.root(leaves: leaves)).base64EncodedString())
        // A log begun in format 2: no chain at all.
        let all = Self.unchained(text, leaves: leaves, from: 1)
        let url1 = try file(all.joined(separator: "\n"))
        defer { try? FileManager.default.removeItem(at: url1) }
        let whole = try ExportVerifier().verify(url1, against: nil, readSize: 1 << 20)
        #expect(whole.ok && whole.chained == 0 && whole.chainHash == AuditChain.hex(AuditChain.genesis), "\(whole)")

        func refused(_ altered: [String]) throws -> Audit.Verification {
            let url = try file(altered.joined(separator: "\n"))
            defer { try? FileManager.default.removeItem(at: url) }
            return try ExportVerifier().verify(url, against: nil, readSize: 4096)
        }
        // Content changed in a format 2 line: its leaf hash no longer matches.
        var changed = lines
        changed[549] = changed[549].replacingOccurrences(of: "\"operation\":\"update\"", with: "\"operation\":\"insert\"")
        var bad = try refused(changed)
        #expect(bad.firstBadSeq == 550 && bad.events == 549)
        #expect(bad.problem == "line 550: hash mismatch at event 550: its content (or its hash) was changed")
        // A chained line (its own, valid link) after format 2 lines.
        var restarted = lines
        restarted[449] = text.split(separator: "\n").map(String.init)[449]
        bad = try refused(restarted)
        #expect(bad.firstBadSeq == 450)
        #expect(bad.problem == "line 450: prev_hash and hash after line 301, which had none: the hash chain is a prefix of the log and cannot start again")
        // hash null as well: never.
        var bothNull = lines
        bothNull[499] = bothNull[499].replacingOccurrences(of: "\"hash\":\"\(AuditChain.hex(leaves[499]))\"}", with: "\"hash\":null}")
        bad = try refused(bothNull)
        #expect(bad.firstBadSeq == 500)
        #expect(bad.problem == "line 500: member \"hash\" is null; it never is")
    }

    enum Outcome: Equatable {
        case parsed([UInt8])
        case refused(String)
    }

    @Test("the byte-level parser agrees with the reference parser on every mutation of real lines")
    func differential() throws {
        let (text, leaves) = Self.export(count: 40, seed: 3)
        // Lines 21-40 as format 2 events (prev_hash null, hash the leaf hash).
        let lines = Self.unchained(text, leaves: leaves, from: 21).filter { !$0.isEmpty }.map { Array($0.utf8) }
        let inserts: [[UInt8]] = ["\\", "\"", "u", "0", "D", "\\u", "\\ud800", "\\udc00", "\\uD83D\\uDE00", ",", "}", "{", "n", "1", ".5", "e1",
                                  "-", " ", "null", "\\x", "\\/"].map { Array($0.utf8) } + [[0xC3], [0x80], [0xFF], [0xED, 0xA0, 0x80], [0xF4, 0x90], [0x01], [0x7F]]
        var rng = Rng(state: 11)
        var parser = ExportVerifier.LineParser()
        var checked = 0, refused = 0
        for (number, line) in lines.enumerated() {
            var variants = [line]
            for _ in 0..<150 {
                var v = line
                let at = rng.below(v.count)
                switch rng.below(3) {
                case 0: v.insert(contentsOf: inserts[rng.below(inserts.count)], at: at)
                case 1: v.remove(at: at)
                default: v.replaceSubrange(at..<min(v.count, at + 1), with: inserts[rng.below(inserts.count)])
                }
                variants.append(v)
            }
            for variant in variants {
                var expected: [UInt8] = []
                var actual: [UInt8] = []
                var hashes = [UInt8](repeating: 0, count: 64)
                let reference: Outcome = variant.withUnsafeBufferPointer { buffer in
                    do {
                        let (prev, hash, chained) = try ReferenceParser.parse(buffer, expectedSeq: number + 1, into: &expected)
                        return .parsed(expected + prev + hash + [chained ? 1 : 0])
                    } catch let error as ExportVerifier.LineError { return .refused(error.message) } catch { return .refused("\(error)") }
                }
                let fast: Outcome = variant.withUnsafeBufferPointer { buffer in
                    do {
                        let chained = try hashes.withUnsafeMutableBufferPointer {
                            try parser.parse(buffer, expectedSeq: number + 1, into: &actual, hashes: $0)
                        }
                        return .parsed(actual + hashes + [chained ? 1 : 0])
                    } catch let error as ExportVerifier.LineError { return .refused(error.message) } catch { return .refused("\(error)") }
                }
                #expect(fast == reference, "\(String(decoding: variant, as: UTF8.self))")
                checked += 1
                if case .refused = reference { refused += 1 }
            }
        }
        // Both sides of the comparison were exercised.
        #expect(refused > checked / 4 && refused < checked - lines.count)
    }
}

/// The export line parser as it was before the byte-level one (decode each string into a
/// value, then escape it), kept here as the reference the new one must agree with.
enum ReferenceParser {
    typealias LineError = ExportVerifier.LineError
    static let members = ExportVerifier.members
    static let numeric: Set<Int> = [0, 1, 8]
    static let nullable: Set<Int> = [7, 8, 10, 11]

    static func parse(_ line: UnsafeBufferPointer<UInt8>, expectedSeq: Int, into canonical: inout [UInt8]) throws -> (prev: [UInt8], hash: [UInt8], chained: Bool) {
        var unchained = false
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
            let quoted = "\"\(name)\":".utf8
            guard count - at >= quoted.count, zip(quoted, line[at..<at + quoted.count]).allSatisfy({ $0 == $1 }) else {
                throw LineError(message: "expected member \"\(name)\" here (members are exactly \(members.joined(separator: ", ")), in this order, once each, no spaces)")
            }
            at += quoted.count
            if count - at >= 4, line[at] == UInt8(ascii: "n"), line[at + 1] == UInt8(ascii: "u"), line[at + 2] == UInt8(ascii: "l"), line[at + 3] == UInt8(ascii: "l") {
                if index == 12 {
                    // A format 2 event: no chain link (docs/audit-format.md, section 3).
                    at += 4
                    prev = [UInt8](repeating: 0, count: 32)
                    unchained = true
                    continue
                }
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
        return (prev, hash, !unchained)
    }

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
