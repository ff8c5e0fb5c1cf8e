import ArgumentParser
import Inquest

struct SummonsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summons",
        abstract: "Summonses: draft, issue, serve, record the outcome.",
        discussion: "Lifecycle: draft → issued → served → appeared | declined | failed_to_appear; withdrawn before an outcome. The database refuses any other change.",
        subcommands: [Create.self, List.self, Show.self, Update.self, Issue.self, Serve.self, Appeared.self, Declined.self,
                      NoShow.self, Withdraw.self]
    )

    struct Fields: ParsableArguments {
        @Option(help: "Legal basis (required before issuing).") var legalBasis: String?
        @Option(help: "Method of service.")
        var method: ServiceMethod?
        @Option(help: "Date by which to appear (YYYY-MM-DD).") var appearBy: String?
        @Option(help: "Immunity.") var immunity: Immunity?
        @Option(help: "Purpose of the summons.") var purpose: String?
        @Option(help: "Notes.") var notes: String?

        var draft: Summonses.Draft {
            Summonses.Draft(legalBasis: legalBasis, serviceMethod: method?.rawValue, appearBy: appearBy, immunity: immunity?.rawValue,
                            purpose: purpose, notes: notes)
        }
    }

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Draft a summons to a person. Prints its key (S-n).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Person key (P-n).") var person: String
        @OptionGroup var fields: Fields

        func run() throws {
            try global.run { session in Output.created(as: global.format, try session.write(Summonses.create(person: person, fields.draft))) }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List summonses.")
        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("case"), help: "Only this case.") var caseReference: String?
        @Option(help: "Only to this person.") var person: String?
        @Option(help: "Only in this state.") var status: SummonsStatus?

        func run() throws {
            try global.run { session in
                Output.print(try session.read { transaction in try Summonses(transaction).list(case: caseReference, person: person, status: status?.rawValue) }, as: global.format)
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a summons and its disclosure requests.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var asOf: AsOfOption
        @Argument(help: "Summons key (S-n).") var summons: String

        func run() throws {
            try asOf.show(summons, global) { session in
                let shown = try session.read { transaction in try Summonses(transaction).show(summons) }
                Output.print(shown, as: global.format)
            }
        }
    }

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "update", abstract: "Correct a summons (legal basis, immunity, dates …).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Summons key.") var summons: String
        @OptionGroup var fields: Fields
        @Option(help: "Note on the immunity status.") var immunityNote: String?

        func run() throws {
            try global.run { session in try session.write { transaction in try Summonses(transaction).update(summons, fields.draft, immunityNote: immunityNote) } }
        }
    }

    /// The options every lifecycle verb takes.
    struct Step: ParsableArguments {
        @Argument(help: "Summons key (S-n).") var summons: String
        @Option(help: "Date of the step (YYYY-MM-DD). Default: today.") var on: String?
        @Option(help: "A note recorded with the step.") var note: String?
    }

    struct Issue: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "issue", abstract: "Issue a drafted summons (needs a legal basis).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var step: Step
        func run() throws { try global.move(step, to: .issued) }
    }

    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "serve", abstract: "Record that an issued summons was served.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var step: Step
        @Option(help: "Method of service (required if not already set).") var method: ServiceMethod?
        func run() throws { try global.move(step, to: .served, method: method) }
    }

    struct Appeared: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "appeared", abstract: "Record that the person appeared.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var step: Step
        func run() throws { try global.move(step, to: .appeared) }
    }

    struct Declined: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "declined", abstract: "Record that the person declined.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var step: Step
        func run() throws { try global.move(step, to: .declined) }
    }

    struct NoShow: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "no-show", abstract: "Record that the person failed to appear.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var step: Step
        func run() throws { try global.move(step, to: .failedToAppear) }
    }

    struct Withdraw: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "withdraw", abstract: "Withdraw a summons that has no outcome yet.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var step: Step
        func run() throws { try global.move(step, to: .withdrawn) }
    }
}

extension GlobalOptions {
    fileprivate func move(_ step: SummonsCommand.Step, to status: SummonsStatus, method: ServiceMethod? = nil) throws {
        try run { session in
            try session.write { transaction in try Summonses(transaction).transition(step.summons, to: status.rawValue, on: step.on, method: method?.rawValue, note: step.note) }
        }
    }
}
