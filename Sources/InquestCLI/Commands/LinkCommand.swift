import ArgumentParser
import Inquest

struct LinkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "link",
        abstract: "Links from evidence to the person, statement, event, testimony segment, disclosure request or summons it supports.",
        subcommands: [Add.self, List.self, Remove.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", 
            abstract: "Link evidence to a record of the same case. Prints the link's key (L-n).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Evidence key (E-n).") var evidence: String
        @Argument(help: "Target key: person P-n, statement ST-n, event EV-n, transcript segment TS-n, disclosure request D-n, summons S-n.")
        var target: String
        @Option(help: "Relation (\(LinkRelation.allCases.filter(\.needsPerson).map(\.rawValue).joined(separator: ", ")) need a person).")
        var relation: LinkRelation
        @Option(help: "Where in the evidence: \"p. 5\", \"para. 47\", \"minute 2:33\".") var locator: String?
        @Option(help: "The exact passage that supports the claim.") var excerpt: String?
        @Option(help: "The date as this source states it, when sources disagree (partial date).") var statedDate: String?
        @Option(help: "Note.") var note: String?

        func run() throws {
            try global.run { session in
                Output.created(as: global.format, try session.write { transaction in try Links(transaction).add(
                    evidence: evidence, target: target, relation: relation.rawValue,
                    Links.Detail(locator: locator, excerpt: excerpt, statedDate: statedDate, note: note)) })
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List links, by date (undated last).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only links from this evidence (E-n).") var evidence: String?
        @Option(help: "Only links to this record (any key: P-n, ST-n, EV-n, TS-n, D-n, S-n).") var target: String?
        @Option(name: .customLong("case"), help: "Only this case (key or reference).") var caseReference: String?

        func run() throws {
            try global.run { session in
                Output.print(try session.read { transaction in try Links(transaction).list(evidence: evidence, target: target, case: caseReference) }, as: global.format)
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a link (the audit trail keeps what it was).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Link key (L-n).") var link: String

        func run() throws {
            try global.run { session in try session.write { transaction in try Links(transaction).remove(link) } }
        }
    }
}
