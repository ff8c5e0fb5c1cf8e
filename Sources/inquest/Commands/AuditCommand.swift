import ArgumentParser
import Foundation
import Inquest

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Read, verify, export and checkpoint the audit trail (auditors and admins).",
        discussion: "Every change to case data is an event in a hash chain; see docs/audit-format.md for the exact rule.",
        subcommands: [Log.self, Show.self, Verify.self, Export.self, Keygen.self, Sign.self]
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
            try global.run { session in Output.print(try Audit(session).log(filter), as: global.format) }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one event and the fields it changed.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Sequence number.") var seq: Int

        func run() throws {
            try global.run { session in
                let shown = try Audit(session).show(seq: seq)
                Output.print(sections: [("event", shown.event, true), ("changes", shown.changes, false)], as: global.format)
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "verify", 
            abstract: "Recompute the hash chain; exit 1 naming the first bad event.",
            discussion: "With --checkpoint and --public-key, also prove that the log still holds the signed head (detects a rewritten or truncated log).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "A signed checkpoint file.", completion: .file()) var checkpoint: String?
        @Option(help: "The public key file that signed it.", completion: .file()) var publicKey: String?

        func validate() throws {
            if (checkpoint == nil) != (publicKey == nil) { throw ValidationError("--checkpoint and --public-key go together") }
        }

        func run() throws {
            try global.run { session in
                var signed: Checkpoint?
                if let checkpoint, let publicKey {
                    let key = try VerifyingKey(fileText: try readFile(publicKey, field: "public-key"))
                    signed = try Checkpoint.verified(note: try readFile(checkpoint, field: "checkpoint"), key: key)
                }
                let result = try Audit(session).verify(against: signed)
                if global.format == .json {
                    Output.writeExact(Output.json(result))
                } else if result.ok {
                    Output.write("ok: \(result.events) events verified; head \(result.headSeq) \(result.headHash)\n")
                    if let signed { Output.write("ok: checkpoint at event \(signed.seq) holds\n") }
                }
                if !result.ok {
                    let place = result.firstBadSeq.map { "audit chain broken at event \($0): " } ?? "audit verification failed: "
                    throw InquestError(.verificationFailed, place + (result.problem ?? ""), rule: "audit-hash-chain")
                }
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
            abstract: "Create an Ed25519 key pair for signing checkpoints (keep it off the database host).")
        @Option(help: "Key name, such as auditor-2023.") var name: String
        @Option(help: "Private key file to create (mode 0600); the public key goes to FILE.pub.") var out: String

        func run() throws {
            try runReportingErrors {
                let key = try SigningKey.generate(name: name)
                try writeFile(out, key.fileText, mode: 0o600)
                try writeFile(out + ".pub", key.verifyingKey.fileText, mode: 0o644)
                Output.write("wrote \(out) and \(out).pub\n")
            }
        }
    }

    struct Sign: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "checkpoint", abstract: "Sign the current head of the log.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Private key file (from audit keygen).", completion: .file()) var key: String
        @Option(help: "Checkpoint file to write.") var out: String

        func run() throws {
            try global.run { session in
                let signingKey = try SigningKey(fileText: try readFile(key, field: "key"))
                let audit = Audit(session)
                let verification = try audit.verify()
                guard verification.ok else {
                    throw InquestError(.verificationFailed, "refusing to sign a broken chain: event \(verification.firstBadSeq ?? 0): \(verification.problem ?? "")")
                }
                let head = try audit.head()
                let checkpoint = Checkpoint(origin: head.origin, seq: verification.headSeq, hash: verification.headHash)
                try writeFile(out, try checkpoint.signed(with: signingKey), mode: 0o644)
                Output.write("signed event \(checkpoint.seq) \(checkpoint.hash)\n")
            }
        }
    }
}

func readFile(_ path: String, field: String) throws -> String {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        throw InquestError(.invalidInput, "\(field): cannot read \(path)", field: field)
    }
    return text
}

func writeFile(_ path: String, _ text: String, mode: Int) throws {
    guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: mode]) else {
        throw InquestError(.invalidInput, "cannot write \(path)", field: "out")
    }
}
