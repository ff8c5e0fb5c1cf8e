import ArgumentParser
import Foundation
import Inquest

struct WitnessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "witness",
        abstract: "Cosign checkpoints of an Inquest log as an independent witness (C2SP tlog-cosignature).",
        discussion: """
            A witness is another institution. It keeps the last checkpoint it cosigned (--state) and cosigns a \
            newer one only with a consistency proof from it, so it never cosigns a rewritten log or a second \
            history shown to somebody else. Verifiers then require k of n witnesses (--witness-key, --witnesses-required).
            """,
        subcommands: [Keygen.self, Cosign.self, Show.self]
    )

    struct Keygen: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "keygen",
            abstract: "Create a witness key pair (Ed25519 cosignature/v1, note key type 04).")
        @Option(help: "Witness name, such as archive.example/witness (no spaces or +).") var name: String
        @Option(help: "Private key file to create (mode 0600); the public key goes to FILE.pub.") var out: String

        func run() throws {
            try runReportingErrors {
                let key = try NoteSigner.generate(name: name, type: .cosignature)
                try writeFile(out, key.skey + "\n", mode: 0o600)
                try writeFile(out + ".pub", key.verifier.vkey + "\n", mode: 0o644)
                Output.write("wrote \(out) and \(out).pub\n")
            }
        }
    }

    struct Cosign: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "cosign",
            abstract: "Check that a checkpoint extends the last one cosigned, then cosign it.",
            discussion: """
                Input: --request FILE (from inquest audit consistency: `old <size>`, the proof, the new checkpoint), \
                or --checkpoint FILE, the proof then being read from the database (a read-only auditor login is enough). \
                Writes the checkpoint with every signature and this cosignature; exit 1 and no cosignature when it does not extend what this witness saw.
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "The witness private key (from witness keygen).", completion: .file()) var key: String
        @Option(help: "The log's public key (from audit keygen).", completion: .file()) var logKey: String
        @Option(help: "The log origin this witness follows (default: the origin of its first checkpoint).") var origin: String?
        @Option(help: "The witness state file: the last checkpoint it cosigned (created on first use).") var state: String
        @Option(help: "A consistency request file (from audit consistency).", completion: .file()) var request: String?
        @Option(help: "A new checkpoint file; the proof comes from the database.", completion: .file()) var checkpoint: String?
        @Option(help: "Write the cosigned checkpoint here (default: standard output).") var out: String?

        func validate() throws {
            if (request == nil) == (checkpoint == nil) { throw ValidationError("give one of --request and --checkpoint") }
        }

        func run() throws {
            let body = { (session: Session?) throws in
                let signer = try NoteSigner(parsing: try readFile(key, field: "key"), field: "key")
                let log = try NoteVerifier(parsing: try readFile(logKey, field: "log-key"), field: "log-key")
                let witness = try Witness(key: signer, log: CheckpointPolicy(logKeys: [log], origin: origin),
                                          state: URL(fileURLWithPath: state))
                let input: ConsistencyRequest
                if let request {
                    input = try ConsistencyRequest(parsing: try readFile(request, field: "request"), field: "request")
                } else if let checkpoint, let session {
                    let note = try SignedNote(parsing: try readFile(checkpoint, field: "checkpoint"), field: "checkpoint")
                    let cp = try Checkpoint(body: note.text, field: "checkpoint")
                    let old = try witness.last()?.size ?? 0
                    input = ConsistencyRequest(oldSize: old, proof: try Audit(session).consistencyProof(old: old, new: cp.size), note: note)
                } else {
                    throw InquestError(.invalidInput, "give one of --request and --checkpoint")
                }
                let cosigned = try witness.cosign(input)
                if let out { try writeFile(out, cosigned.serialized, mode: 0o644) } else { Output.write(cosigned.serialized) }
                let cp = try Checkpoint(body: cosigned.text, field: "checkpoint")
                FileHandle.standardError.write(Data("cosigned \(cp.origin) at \(cp.size) events\n".utf8))
            }
            if request != nil {
                try runReportingErrors { try body(nil) }
            } else {
                try global.run { session in try body(session) }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show the last checkpoint this witness cosigned.")
        @Option(help: "The log's public key.", completion: .file()) var logKey: String
        @Option(help: "The witness state file.") var state: String

        func run() throws {
            try runReportingErrors {
                let log = try NoteVerifier(parsing: try readFile(logKey, field: "log-key"), field: "log-key")
                let text = try readFile(state, field: "state")
                let cp = try CheckpointPolicy(logKeys: [log]).verify(try SignedNote(parsing: text, field: "state"), field: "state").checkpoint
                Output.write("\(cp.origin) \(cp.size) \(cp.rootBase64)\n")
            }
        }
    }
}
