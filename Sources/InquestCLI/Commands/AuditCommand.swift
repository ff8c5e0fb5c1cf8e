import ArgumentParser
import Foundation
import Inquest

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Read, verify, export and checkpoint the audit trail (auditors and admins).",
        discussion: "Every change to case data is an event: a leaf of an RFC 9162 Merkle tree (events sealed before schema 0028 are also links of a hash chain). Checkpoints are C2SP signed notes; see docs/audit-format.md for every format.",
        subcommands: [Log.self, AuditHistoryCommand.self, Show.self, Verify.self, Export.self, Keygen.self, Sign.self, Prove.self, Consistency.self, VerifyProof.self]
    )

    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "log", abstract: "List audit events, oldest first.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only events at or after this time (ISO 8601).") var since: String?
        @Option(help: "Only events before this time (ISO 8601).") var until: String?
        @Option(help: "Only events by this user (acting role or login).") var actor: String?
        @Option(help: "Only events on this table, such as person or summons.") var table: String?
        @Option(help: "Only events on this record key, such as P-3.") var record: String?
        @Option(name: .customLong("case"), help: "Only events in this case.") var caseReference: String?
        @Option(help: "Only events of this operation (insert, update, delete, reveal, read, export, dossier …).") var operation: String?
        @Option(help: "Record kind: a key prefix (P, TS …) or a table name; same as --table.") var kind: String?
        @Option(help: "Page forward: the oldest N events after this sequence number.") var after: Int?
        @Option(help: "Page back: the newest N events before this sequence number.") var before: Int?
        @Option(help: "Show at most the newest N events.") var limit = 100

        func run() throws {
            var filter = Audit.Filter()
            filter.since = since
            filter.until = until
            filter.actor = actor
            filter.table = table
            filter.record = record
            filter.caseReference = caseReference
            filter.limit = limit
            filter.operation = operation
            filter.afterSeq = after
            filter.beforeSeq = before
            if let kind { filter.table = AuditLogPaging.table(forKind: kind) }
            try global.run { session in AuditLogPaging.print(try Audit(session).log(filter), filter, as: global.format) }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one event and the fields it changed.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Sequence number.") var seq: Int

        func run() throws {
            try global.run { session in
                let shown = try Audit(session).show(seq: seq)
                Output.print(Sections([.init("event", shown.event, single: true), .init("changes", shown.changes)]), as: global.format)
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "verify",
            abstract: "Recompute the Merkle tree (and the hash chain of format 1 events); exit 1 naming the first bad event.",
            discussion: """
                Live (reads the database) or, with --export FILE, offline: no database connection at all.
                With --checkpoint and --public-key, also prove that the log still holds the signed tree (detects a \
                rewritten or truncated log); --witness-key and --witnesses-required add a witness policy.
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "Verify this export file (from audit export) instead of the database, offline.", completion: .file()) var export: String?
        @OptionGroup var policy: PolicyOptions

        func validate() throws { try policy.validate(required: false) }

        func run() throws {
            if let export {
                try runReportingErrors {
                    let signed = try policy.signedCheckpoint()
                    let result = try ExportVerifier().verify(URL(fileURLWithPath: export), against: signed?.checkpoint)
                    try report(result, witnesses: signed?.witnesses, format: global.format)
                }
                return
            }
            try global.run { session in
                let signed = try policy.signedCheckpoint()
                let result = try Audit(session).verify(against: signed?.checkpoint)
                try report(result, witnesses: signed?.witnesses, format: global.format)
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "export", abstract: "Write every sealed event as JSON lines (docs/audit-format.md).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Output file.", completion: .file()) var out: String

        func run() throws {
            try global.run { session in
                let count = try Audit(session).export(to: URL(fileURLWithPath: out))
                Output.writeError("exported \(count) events to \(out)\n")
            }
        }
    }

    struct Keygen: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "keygen",
            abstract: "Create an Ed25519 key pair for signing checkpoints (keep it off the database host).",
            discussion: "Writes the private key as a note signer key (PRIVATE+KEY+name+id+base64, mode 0600) and the public key to FILE.pub as a note verifier key (name+id+base64).")
        @Option(help: "Key name, such as commission.example/audit-log (no spaces or +).") var name: String
        @Option(help: "Private key file to create (mode 0600); the public key goes to FILE.pub.") var out: String

        func run() throws {
            try runReportingErrors {
                let key = try NoteSigner.generate(name: name, type: .ed25519)
                try writeFile(out, key.skey + "\n", mode: 0o600)
                try writeFile(out + ".pub", key.verifier.vkey + "\n", mode: 0o644)
                Output.write("wrote \(out) and \(out).pub\n")
            }
        }
    }

    struct Sign: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "checkpoint",
            abstract: "Sign the current tree head of the log (a C2SP tlog-checkpoint).",
            discussion: "Verifies the whole log first (chain, tree, stored nodes) and refuses to sign a broken one.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Private key file (from audit keygen).", completion: .file()) var key: String
        @Option(help: "Checkpoint file to write.") var out: String
        @Option(help: "Sign the tree of the first N events instead of the whole log (0 is the empty tree, a prefix of every log).")
        var size: Int?

        func validate() throws {
            if let size, size < 0 { throw ValidationError("--size: a tree size is 0 or more") }
        }

        func run() throws {
            try global.run { session in
                let signingKey = try NoteSigner(parsing: try readFile(key, field: "key"), field: "key")
                guard signingKey.type == .ed25519 else {
                    throw InquestError(.invalidInput, "key: a log key has type 01 (Ed25519); this is a witness key", field: "key", rule: "log-key")
                }
                let audit = Audit(session)
                let verification = try audit.verify()
                guard verification.ok else {
                    throw InquestError(.verificationFailed, "refusing to sign a broken log: event \(verification.firstBadSeq ?? 0): \(verification.problem ?? "")")
                }
                let head = try audit.treeHead()
                // The stored tree must agree with the one recomputed from the events.
                guard Data(try audit.root(size: verification.headSeq)).base64EncodedString() == verification.root else {
                    throw InquestError(.verificationFailed, "refusing to sign: the stored tree root differs from the recomputed one")
                }
                let size = self.size ?? verification.headSeq
                guard size <= verification.headSeq else {
                    throw InquestError(.invalidInput, "size: the log has \(verification.headSeq) sealed events, not \(size)", field: "size", rule: "tree-size")
                }
                let checkpoint = Checkpoint(origin: head.origin, size: size, root: try audit.root(size: size))
                try writeFile(out, try checkpoint.signed(with: signingKey).serialized, mode: 0o644)
                Output.write("signed \(checkpoint.size) events, root \(checkpoint.rootBase64)\n")
            }
        }
    }

    struct Prove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "prove",
            abstract: "Write a self-contained proof that one event is in a checkpoint (C2SP tlog-proof).",
            discussion: "The bundle holds the event's canonical text, its inclusion proof and the checkpoint with every signature and cosignature; inquest audit verify-proof checks it offline.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The event's sequence number.") var seq: Int
        @Option(help: "A checkpoint file (from audit checkpoint, possibly cosigned by witnesses).", completion: .file()) var checkpoint: String
        @Option(help: "The bundle file to write (conventionally *.tlog-proof).") var out: String

        func run() throws {
            try global.run { session in
                let note = try SignedNote(parsing: try readFile(checkpoint, field: "checkpoint"), field: "checkpoint")
                let cp = try Checkpoint(body: note.text, field: "checkpoint")
                let (canonical, proof) = try Audit(session).inclusionBundle(seq: seq, checkpoint: cp)
                let bundle = TlogProof(canonical: canonical, index: seq - 1, proof: proof, note: note)
                try writeFile(out, bundle.serialized, mode: 0o644)
                Output.write("wrote the proof of event \(seq) in \(cp.size) events (\(proof.count) hashes) to \(out)\n")
            }
        }
    }

    struct Consistency: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "consistency",
            abstract: "Prove that the checkpoint NEW extends the checkpoint OLD (the log only grew).",
            discussion: "OLD and NEW are checkpoint files or tree sizes. Writes the tlog-witness add-checkpoint body: `old <size>`, the proof hashes, a blank line and NEW (which must then be a checkpoint file); inquest witness cosign reads it.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The older checkpoint file, or a tree size.") var old: String
        @Argument(help: "The newer checkpoint file.") var new: String
        @Option(help: "Write the request to this file instead of standard output.") var out: String?

        func run() throws {
            try global.run { session in
                let audit = Audit(session)
                let oldSize: Int
                if let size = Int(old) {
                    oldSize = size
                } else {
                    let note = try SignedNote(parsing: try readFile(old, field: "old"), field: "old")
                    let cp = try Checkpoint(body: note.text, field: "old")
                    guard try cp.size <= audit.treeHead().size, try audit.root(size: cp.size) == cp.root else {
                        throw InquestError(.verificationFailed, "old: this log does not have the tree the old checkpoint signed (\(cp.size) events): it was rewritten, or it is another log", field: "old", rule: "checkpoint-root")
                    }
                    oldSize = cp.size
                }
                let note = try SignedNote(parsing: try readFile(new, field: "new"), field: "new")
                let cp = try Checkpoint(body: note.text, field: "new")
                guard try cp.size <= audit.treeHead().size, try audit.root(size: cp.size) == cp.root else {
                    throw InquestError(.verificationFailed, "new: this log does not have the tree the new checkpoint signed (\(cp.size) events)", field: "new", rule: "checkpoint-root")
                }
                let proof = try audit.consistencyProof(old: oldSize, new: cp.size)
                let request = ConsistencyRequest(oldSize: oldSize, proof: proof, note: note)
                if let out { try writeFile(out, request.serialized, mode: 0o644) } else { Output.writeExact(request.serialized) }
            }
        }
    }

    struct VerifyProof: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "verify-proof",
            abstract: "Check a proof bundle from audit prove, offline (no database connection).",
            discussion: "Exit 0 and the event when the checkpoint is signed by a given log key (and cosigned as the witness policy requires) and the event is in it; exit 1 naming what is wrong otherwise.")
        @Argument(help: "The bundle file.", completion: .file()) var file: String
        @OptionGroup var policy: PolicyOptions
        @Option(help: "Output format.") var format: OutputFormat = .table

        func validate() throws { try policy.validate(required: true) }

        func run() throws {
            try runReportingErrors {
                let bundle = try TlogProof(parsing: try readFile(file, field: "proof"), field: "proof")
                let result = try bundle.verify(try policy.policy(), field: "proof")
                if format == .json {
                    Output.writeExact(Output.json(result))
                } else {
                    let e = result.event
                    Output.write("ok: event \(result.seq) is in the log \(result.checkpoint.origin) of \(result.checkpoint.size) events (root \(result.checkpoint.rootBase64))\n")
                    if !result.witnesses.isEmpty { Output.write("ok: cosigned by \(result.witnesses.joined(separator: ", "))\n") }
                    Output.write("event \(result.seq): \((e["operation"] ?? nil) ?? "") \((e["table_name"] ?? nil) ?? "") \((e["record_key"] ?? nil) ?? "-") by \((e["actor"] ?? nil) ?? "") (login \((e["login"] ?? nil) ?? "")) at \((e["occurred_at"] ?? nil) ?? "")\n")
                }
            }
        }
    }
}

/// Which checkpoint to check against, and the keys and witnesses trusted (k of n).
struct PolicyOptions: ParsableArguments {
    @Option(help: "A signed checkpoint file.", completion: .file()) var checkpoint: String?
    @Option(name: .customLong("public-key"), help: "A log public key file (from audit keygen); repeat for several.", completion: .file())
    var publicKeys: [String] = []
    @Option(name: .customLong("witness-key"), help: "A witness public key file (from witness keygen); repeat for several.", completion: .file())
    var witnessKeys: [String] = []
    @Option(help: "How many of the witness keys must have cosigned (default: all of them).") var witnessesRequired: Int?
    @Option(help: "The log origin expected (default: any origin signed by the log key).") var origin: String?

    func validate(required: Bool) throws {
        if required && publicKeys.isEmpty { throw ValidationError("--public-key is required") }
        if !required && (checkpoint == nil) != publicKeys.isEmpty { throw ValidationError("--checkpoint and --public-key go together") }
        if let k = witnessesRequired, k < 0 || k > witnessKeys.count {
            throw ValidationError("--witnesses-required must be between 0 and the number of --witness-key (\(witnessKeys.count))")
        }
    }

    func policy() throws -> CheckpointPolicy {
        let logKeys = try publicKeys.map { path -> NoteVerifier in
            let key = try NoteVerifier(parsing: try readFile(path, field: "public-key"), field: "public-key")
            guard key.type == .ed25519 else {
                throw InquestError(.invalidInput, "public-key: \(path) is a witness key (type 04), not a log key", field: "public-key", rule: "log-key")
            }
            return key
        }
        let witnesses = try witnessKeys.map { path -> NoteVerifier in
            let key = try NoteVerifier(parsing: try readFile(path, field: "witness-key"), field: "witness-key")
            guard key.type == .cosignature else {
                throw InquestError(.invalidInput, "witness-key: \(path) is not a witness key (type 04)", field: "witness-key", rule: "witness-key")
            }
            return key
        }
        return CheckpointPolicy(logKeys: logKeys, witnesses: witnesses, witnessesRequired: witnessesRequired ?? witnesses.count, origin: origin)
    }

    /// The checkpoint given, verified against the policy; nil without --checkpoint.
    func signedCheckpoint() throws -> (checkpoint: Checkpoint, witnesses: [String])? {
        guard let checkpoint else { return nil }
        let note = try SignedNote(parsing: try readFile(checkpoint, field: "checkpoint"), field: "checkpoint")
        return try policy().verify(note, field: "checkpoint")
    }
}

/// Prints a verification and fails (exit 1) when it found a problem.
func report(_ result: Audit.Verification, witnesses: [String]?, format: OutputFormat) throws {
    var result = result
    result.witnesses = witnesses
    if format == .json {
        Output.writeExact(Output.json(result))
    } else if result.ok {
        let chain = result.chained > 0 ? "; hash chain of events 1-\(result.chained) ends \(result.chainHash)" : ""
        Output.write("ok: \(result.events) events verified; head \(result.headSeq); tree root \(result.root)\(chain)\n")
        if let checkpoint = result.checkpoint {
            Output.write("ok: checkpoint of \(checkpoint.size) events (log \(checkpoint.origin)) holds\n")
            if let witnesses, !witnesses.isEmpty { Output.write("ok: cosigned by \(witnesses.joined(separator: ", "))\n") }
        }
    }
    if !result.ok {
        let place = result.firstBadSeq.map { "audit log broken at event \($0): " } ?? "audit verification failed: "
        throw InquestError(.verificationFailed, place + (result.problem ?? ""), rule: "audit-hash-chain")
    }
}

func readFile(_ path: String, field: String) throws -> String {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        throw InquestError(.invalidInput, "\(field): cannot read \(path)", field: field)
    }
    return text
}

func writeFile(_ path: String, _ text: String, mode: Int) throws {
    let handle = try openForWriting(path, field: "out", mode: mode_t(mode))
    defer { try? handle.close() }
    try handle.write(contentsOf: Data(text.utf8))
}
