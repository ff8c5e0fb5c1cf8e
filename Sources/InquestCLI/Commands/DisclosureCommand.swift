import ArgumentParser
import Inquest

struct DisclosureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disclosure",
        abstract: "Questions put to a person, and their answers; overdue is computed when read.",
        subcommands: [Request.self, List.self, Show.self, Update.self, Respond.self, Refuse.self, Withdraw.self]
    )

    struct Request: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "request", abstract: "Put a question to a person. Prints its key (D-n).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Person key (P-n).") var person: String
        @Option(help: "Topic.")
        var topic: DisclosureTopic
        @Option(help: "The question.") var question: String
        @Option(help: "The summons (S-n) this request goes with: same person, same case.") var summons: String?
        @Option(help: "Date requested (YYYY-MM-DD). Default: today.") var requestedOn: String?
        @Option(help: "Date due (YYYY-MM-DD).") var due: String?

        func run() throws {
            try global.run { session in
                Output.created(as: global.format, try session.write { transaction in try Disclosures(transaction).request(
                    person: person, topic: topic.rawValue, question: question, summons: summons, requestedOn: requestedOn, dueOn: due) })
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List disclosure requests, overdue first.")
        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("case"), help: "Only this case.") var caseReference: String?
        @Option(help: "Only to this person.") var person: String?
        @Option(help: "Only in this state.") var status: DisclosureStatus?
        @Flag(help: "Only overdue requests (past due, not answered).") var overdue = false

        func run() throws {
            try global.run { session in
                Output.print(try session.read { transaction in try Disclosures(transaction).list(case: caseReference, person: person, status: status?.rawValue, overdueOnly: overdue) },
                             as: global.format)
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a request and its responses.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var asOf: AsOfOption
        @Argument(help: "Request key (D-n).") var request: String

        func run() throws {
            try asOf.show(request, global) { session in
                let shown = try session.read { transaction in try Disclosures(transaction).show(request) }
                Output.print(shown, as: global.format)
            }
        }
    }

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "update", abstract: "Correct a request's topic, question or dates.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Request key (D-n).") var request: String
        @Option(help: "New topic.") var topic: DisclosureTopic?
        @Option(help: "New wording of the question.") var question: String?
        @Option(help: "Date requested (YYYY-MM-DD).") var requestedOn: String?
        @Option(help: "Date due (YYYY-MM-DD).") var due: String?
        @Option(help: "Notes.") var notes: String?

        func run() throws {
            try global.run { session in
                try session.write { transaction in try Disclosures(transaction).update(request, topic: topic?.rawValue, question: question, requestedOn: requestedOn,
                                                dueOn: due, notes: notes) }
            }
        }
    }

    struct Respond: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "respond", abstract: "Record a response. Prints its key (DR-n).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Request key (D-n).") var request: String
        @Option(help: "What the response says.") var text: String
        @Option(help: "Date received (YYYY-MM-DD). Default: today.") var on: String?
        @Option(help: "Received via.") var via: ResponseChannel = .letter
        @Option(help: "New status of the request (usually partially_answered, answered or refused; default: unchanged).") var status: DisclosureStatus?
        @Option(help: "The testimony session (T-n) in which it was given.") var testimony: String?
        @Option(help: "The evidence (E-n) that holds it.") var evidence: String?

        func run() throws {
            try global.run { session in
                Output.created(as: global.format, try session.write { transaction in try Disclosures(transaction).respond(
                    request, text: text, on: on, via: via.rawValue, status: status?.rawValue, testimony: testimony, evidence: evidence) })
            }
        }
    }

    struct Refuse: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "refuse", abstract: "Record that the person refused to answer.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Request key.") var request: String
        func run() throws { try global.run { session in try session.write { transaction in try Disclosures(transaction).setStatus(request, "refused") } } }
    }

    struct Withdraw: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "withdraw", abstract: "Withdraw a request.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Request key.") var request: String
        func run() throws { try global.run { session in try session.write { transaction in try Disclosures(transaction).setStatus(request, "withdrawn") } } }
    }
}
