import ArgumentParser
import Inquest

struct CorrespondenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "correspondence",
        abstract: "Letters the commission sent and received: requests for cooperation, replies, refusals.",
        subcommands: [Add.self, List.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Record a letter. Prints its key (CO-n).")
        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("case"), help: "Case key or reference.") var caseReference: String
        @Option(help: "Sent by the commission, or received by it.") var direction: CorrespondenceDirection
        @Option(help: "To whom it went, or from whom it came, as the letter names them.") var counterpart: String
        @Option(help: "The date the letter bears (YYYY-MM-DD).") var dated: String
        @Option(help: "Subject.") var subject: String
        @Option(help: "The person it concerns (P-n).") var person: String?
        @Option(help: "The sender's or the commission's reference number.") var reference: String?
        @Option(help: "The copy kept as evidence (E-n).") var evidence: String?
        @Option(help: "Notes.") var notes: String?

        func run() throws {
            try global.run { session in
                Output.created(as: global.format, try session.write { transaction in try Correspondence(transaction).add(case: caseReference, .init(
                    direction: direction.rawValue, counterpart: counterpart, dated: dated, subject: subject, person: person,
                    reference: reference, evidence: evidence, notes: notes)) })
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List letters by date.")
        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("case"), help: "Only this case (key or reference).") var caseReference: String?
        @Option(help: "Only letters concerning this person (P-n).") var person: String?
        @Option(help: "Only letters sent, or only letters received.") var direction: CorrespondenceDirection?

        func run() throws {
            try global.run { session in
                Output.print(try session.read { transaction in
                    try Correspondence(transaction).list(case: caseReference, person: person, direction: direction?.rawValue)
                }, as: global.format)
            }
        }
    }
}
