import ArgumentParser
import Inquest

struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: "Open, list, close cases and assign investigators.",
        subcommands: [Create.self, List.self, Show.self, Summary.self, Chronology.self, Update.self, Close.self, Reopen.self, Assign.self, Unassign.self, CaseReadAuditCommand.self]
    )

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Open a case (admins). Prints its key.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Reference code, such as IR-1988.") var reference: String
        @Option(help: "Title.") var title: String
        @Option(help: "Description.") var description: String?

        func run() throws {
            try global.run { session in
                Output.created(as: global.format, try session.write { transaction in try Cases(transaction).create(reference: reference, title: title, description: description) })
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the cases you can see.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only cases with this status.") var status: CaseStatus?

        func run() throws {
            try global.run { session in Output.print(try session.read { transaction in try Cases(transaction).list(status: status?.rawValue) }, as: global.format) }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a case and who is assigned to it.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var asOf: AsOfOption
        @Argument(help: "Case key (C-1) or reference (IR-1988).") var `case`: String

        func run() throws {
            try asOf.show(`case`, global) { session in Output.print(record: try session.read { transaction in try Cases(transaction).show(`case`) }, as: global.format) }
        }
    }

    struct Summary: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "summary", 
            abstract: "Counts at a glance: summonses by state, questions open/overdue/answered, sessions, evidence by kind and unlinked.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Case key or reference.") var `case`: String

        func run() throws {
            try global.run { session in
                let summary = try session.read { transaction in try Cases(transaction).summary(`case`) }
                Output.print(summary, as: global.format)
            }
        }
    }

    struct Chronology: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "chronology", abstract: "The case in date order: events, evidence, statements, summonses, questions.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Case key or reference.") var `case`: String

        func run() throws {
            try global.run { session in Output.print(try session.read { transaction in try Timelines(transaction).caseChronology(`case`) }, as: global.format) }
        }
    }

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "update", abstract: "Correct a case's title or description (admins).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Case key or reference.") var `case`: String
        @Option(help: "New title.") var title: String?
        @Option(help: "New description.") var description: String?

        func run() throws {
            try global.run { session in try session.write { transaction in try Cases(transaction).update(`case`, title: title, description: description) } }
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "close", abstract: "Close a case (admins).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Case key or reference.") var `case`: String

        func run() throws { try global.run { session in try session.write { transaction in try Cases(transaction).setOpen(`case`, false) } } }
    }

    struct Reopen: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reopen", abstract: "Reopen a closed case (admins).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Case key or reference.") var `case`: String

        func run() throws { try global.run { session in try session.write { transaction in try Cases(transaction).setOpen(`case`, true) } } }
    }

    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "assign", abstract: "Assign an investigator to a case (admins).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Case key or reference.") var `case`: String
        @Argument(help: "User (login role) name.") var user: String

        func run() throws { try global.run { session in try session.write { transaction in try Cases(transaction).assign(`case`, user: user) } } }
    }

    struct Unassign: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "unassign", abstract: "Remove an investigator from a case (admins).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Case key or reference.") var `case`: String
        @Argument(help: "User (login role) name.") var user: String

        func run() throws { try global.run { session in try session.write { transaction in try Cases(transaction).unassign(`case`, user: user) } } }
    }
}
