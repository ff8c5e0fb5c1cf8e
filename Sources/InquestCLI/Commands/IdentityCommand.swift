import ArgumentParser
import Inquest

struct IdentityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "identity",
        abstract: "Real identities of protected persons (cleared users assigned to the case only).",
        discussion: "Protected persons appear everywhere under their pseudonym. Every reveal is recorded in the audit log with its reason, and committed, before the identity is read; refused attempts are recorded too.",
        subcommands: [SetIdentity.self, Reveal.self]
    )

    struct SetIdentity: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "Record a protected person's real identity; the name is read like a password.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Person key (P-n) of a protected person.") var person: String
        @Option(help: "How to reach them (kept with the identity).") var contact: String?
        @Option(help: "Notes kept with the identity.") var notes: String?

        func run() throws {
            try global.run { session in
                // Read like a password, so that the real name never sits in shell history.
                let realName = try readSecret(prompt: "Real name of \(person): ")
                Output.created(as: global.format, try session.write { transaction in try Identities(transaction).set(person: person, realName: realName, contact: contact, notes: notes) })
            }
        }
    }

    struct Reveal: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reveal", abstract: "Show a protected person's real identity, recording why (first the record, then the identity).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Person key (P-n).") var person: String
        @Option(help: "Why you need to see it (recorded in the audit log).") var reason: String

        func run() throws {
            try global.run { session in Output.print(record: try Identities.reveal(session, person: person, reason: reason), as: global.format) }
        }
    }
}
