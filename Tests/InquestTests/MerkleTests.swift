import Foundation
import Testing
@testable import Inquest

/// The tree, its proofs and the note formats against published vectors
/// (Tests/fixtures/rfc9162-vectors.json, which cites its sources).
@Suite("Merkle tree and signed notes")
struct MerkleTests {
    struct Vectors: Decodable {
        struct Inclusion: Decodable { var index: Int; var size: Int; var proof: [String] }
        struct Consistency: Decodable { var old: Int; var new: Int; var proof: [String] }
        var leaves_hex: [String]
        var leaf_hashes: [String]
        var roots: [String]
        var inclusion: [Inclusion]
        var consistency: [Consistency]
        var note_skey: String
        var note_vkey: String
        var note_text: String
        var note_signature_line: String
    }

    static let vectors: Vectors = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("fixtures/rfc9162-vectors.json")
        return try! JSONDecoder().decode(Vectors.self, from: Data(contentsOf: url))
    }()

    static func bytes(_ hex: String) -> [UInt8] { AuditChain.bytes(hex: Array(hex.utf8))! }
    var leaves: [Merkle.Hash] { Self.vectors.leaves_hex.map { Merkle.leafHash(Self.bytes($0)) } }

    /// The stored subtrees of a tree over `leaves`, as inquest_audit.tree keeps them.
    func store(_ leaves: [Merkle.Hash]) -> [Merkle.Node: Merkle.Hash] {
        var frontier = Merkle.Frontier()
        var nodes: [Merkle.Node: Merkle.Hash] = [:]
        for (i, leaf) in leaves.enumerated() {
            for (level, hash) in frontier.append(leafHash: leaf).enumerated() {
                nodes[Merkle.Node(level: level, index: (i + 1) / (1 << level) - 1)] = hash
            }
        }
        return nodes
    }

    @Test("leaf hashes and roots of every size match RFC 9162 test vectors")
    func roots() {
        #expect(leaves.map(AuditChain.hex) == Self.vectors.leaf_hashes)
        var frontier = Merkle.Frontier()
        #expect(AuditChain.hex(frontier.root) == Self.vectors.roots[0])
        for size in 1...leaves.count {
            frontier.append(leafHash: leaves[size - 1])
            #expect(AuditChain.hex(frontier.root) == Self.vectors.roots[size], "size \(size)")
            #expect(AuditChain.hex(Merkle.root(leaves: Array(leaves[..<size]))) == Self.vectors.roots[size])
        }
    }

    @Test("inclusion proofs: generated from stored subtrees as published, verified, and every corruption refused")
    func inclusion() throws {
        let nodes = store(leaves)
        for vector in Self.vectors.inclusion {
            let plan = Merkle.inclusionPlan(index: vector.index, size: vector.size)
            #expect(try plan.hashes(nodes).map(AuditChain.hex) == vector.proof, "\(vector.index) in \(vector.size)")
            let proof = vector.proof.map(Self.bytes)
            let root = Self.bytes(Self.vectors.roots[vector.size])
            let leaf = leaves[vector.index]
            #expect(Merkle.verifyInclusion(index: vector.index, size: vector.size, leafHash: leaf, proof: proof, root: root))
            #expect(!Merkle.verifyInclusion(index: vector.index + 1, size: vector.size, leafHash: leaf, proof: proof, root: root))
            #expect(!Merkle.verifyInclusion(index: vector.index, size: vector.size * 2, leafHash: leaf, proof: proof, root: root))
            #expect(!Merkle.verifyInclusion(index: vector.index, size: vector.size, leafHash: leaf, proof: proof + [root], root: root))
            #expect(!Merkle.verifyInclusion(index: vector.index, size: vector.size, leafHash: leaves[(vector.index + 1) % 8], proof: proof, root: root))
            for i in proof.indices {
                var bad = proof
                bad[i][0] ^= 8
                #expect(!Merkle.verifyInclusion(index: vector.index, size: vector.size, leafHash: leaf, proof: bad, root: root))
            }
        }
    }

    @Test("consistency proofs: generated as published, verified, and every corruption refused")
    func consistency() throws {
        let nodes = store(leaves)
        for vector in Self.vectors.consistency {
            let plan = Merkle.consistencyPlan(old: vector.old, new: vector.new)
            #expect(try plan.hashes(nodes).map(AuditChain.hex) == vector.proof, "\(vector.old) to \(vector.new)")
            let proof = vector.proof.map(Self.bytes)
            let oldRoot = Self.bytes(Self.vectors.roots[vector.old]), newRoot = Self.bytes(Self.vectors.roots[vector.new])
            #expect(Merkle.verifyConsistency(old: vector.old, new: vector.new, oldRoot: oldRoot, newRoot: newRoot, proof: proof))
            guard !proof.isEmpty else { continue }
            #expect(!Merkle.verifyConsistency(old: vector.old, new: vector.new, oldRoot: newRoot, newRoot: oldRoot, proof: proof))
            #expect(!Merkle.verifyConsistency(old: vector.old + 1, new: vector.new, oldRoot: oldRoot, newRoot: newRoot, proof: proof))
            #expect(!Merkle.verifyConsistency(old: vector.old, new: vector.new, oldRoot: oldRoot, newRoot: newRoot, proof: []))
            #expect(!Merkle.verifyConsistency(old: vector.old, new: vector.new, oldRoot: oldRoot, newRoot: newRoot, proof: Array(proof.dropLast())))
            for i in proof.indices {
                var bad = proof
                bad[i][0] ^= 16
                #expect(!Merkle.verifyConsistency(old: vector.old, new: vector.new, oldRoot: oldRoot, newRoot: newRoot, proof: bad))
            }
        }
    }

    @Test("every proof of every tree up to 40 leaves verifies, and fails with one bit flipped")
    func exhaustive() throws {
        let leaves = (0..<40).map { Merkle.leafHash(Array("leaf \($0)".utf8)) }
        let nodes = store(leaves)
        let roots = (0...40).map { Merkle.root(leaves: Array(leaves[..<$0])) }
        for n in 1...40 {
            #expect(try Merkle.rootPlan(size: n).hashes(nodes)[0] == roots[n])
            for m in 0..<n {
                let proof = try Merkle.inclusionPlan(index: m, size: n).hashes(nodes)
                #expect(Merkle.verifyInclusion(index: m, size: n, leafHash: leaves[m], proof: proof, root: roots[n]))
                if let first = proof.first {
                    var bad = proof
                    bad[0] = Merkle.nodeHash(first, first)
                    #expect(!Merkle.verifyInclusion(index: m, size: n, leafHash: leaves[m], proof: bad, root: roots[n]))
                }
                let consistency = try Merkle.consistencyPlan(old: m, new: n).hashes(nodes)
                #expect(Merkle.verifyConsistency(old: m, new: n, oldRoot: roots[m], newRoot: roots[n], proof: consistency))
                if m > 0 {
                    // The same sizes with another history of the first m leaves: refused.
                    var forked = leaves
                    forked[m - 1] = Merkle.leafHash(Array("forged".utf8))
                    let forkedRoot = Merkle.root(leaves: Array(forked[..<m]))
                    #expect(!Merkle.verifyConsistency(old: m, new: n, oldRoot: forkedRoot, newRoot: roots[n], proof: consistency))
                }
            }
        }
    }

    @Test("note keys and signatures reproduce the Go sumdb/note example byte for byte")
    func signedNote() throws {
        let signer = try NoteSigner(parsing: Self.vectors.note_skey, field: "key")
        #expect(signer.skey == Self.vectors.note_skey)
        #expect(signer.verifier.vkey == Self.vectors.note_vkey)
        #expect(try signer.sign(Self.vectors.note_text).line == Self.vectors.note_signature_line)
        let verifier = try NoteVerifier(parsing: Self.vectors.note_vkey, field: "public-key")
        #expect(verifier == signer.verifier)
        // A key ID that does not match the name and key is refused.
        #expect(throws: InquestError.self) { try NoteVerifier(parsing: "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", field: "k") }
        #expect(throws: InquestError.self) { try NoteVerifier(parsing: "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", field: "k") }
    }

    @Test("checkpoints: signed and cosigned notes verify under a k-of-n policy; bad ones are refused by name")
    func checkpoints() throws {
        let log = try NoteSigner.generate(name: "commission.example/log", type: .ed25519)
        let w1 = try NoteSigner.generate(name: "archive.example/w1", type: .cosignature)
        let w2 = try NoteSigner.generate(name: "ngo.example/w2", type: .cosignature)
        let cp = Checkpoint(origin: "inquest:test", size: 5, root: Array(repeating: 7, count: 32))
        var note = try cp.signed(with: log)
        note.signatures.append(try w1.cosign(note.text, time: 1_700_000_000))
        let text = note.serialized
        let parsed = try SignedNote(parsing: text, field: "checkpoint")
        #expect(parsed == note)
        let policy = CheckpointPolicy(logKeys: [log.verifier], witnesses: [w1.verifier, w2.verifier], witnessesRequired: 1)
        #expect(try policy.verify(parsed, field: "checkpoint").witnesses == ["archive.example/w1"])
        var two = policy
        two.witnessesRequired = 2
        #expect(throws: InquestError.self) { try two.verify(parsed, field: "checkpoint") }
        var foreign = policy
        foreign.origin = "inquest:other"
        #expect(throws: InquestError.self) { try foreign.verify(parsed, field: "checkpoint") }
        // Altered size, truncated, no blank line, extra body line, bad root length, leading zero.
        for bad in [text.replacingOccurrences(of: "\n5\n", with: "\n6\n"), String(text.dropLast()),
                    text.replacingOccurrences(of: "\n\n", with: "\n"),
                    text.replacingOccurrences(of: "inquest:test\n", with: "inquest:test\nextra\n"),
                    text.replacingOccurrences(of: "\n5\n", with: "\n05\n")] {
            #expect(throws: InquestError.self) { try policy.verify(try SignedNote(parsing: bad, field: "checkpoint"), field: "checkpoint") }
        }
        // A cosignature whose bytes were changed rejects the note; a signature by an unknown key is ignored.
        var tampered = note
        tampered.signatures[1].blob[20] ^= 1
        #expect(throws: InquestError.self) { try policy.verify(tampered, field: "checkpoint") }
        var extra = note
        extra.signatures.append(try NoteSigner.generate(name: "stranger", type: .ed25519).sign(note.text))
        #expect(try policy.verify(extra, field: "checkpoint").checkpoint == cp)
    }
}
