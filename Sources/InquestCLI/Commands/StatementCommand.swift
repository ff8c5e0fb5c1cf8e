import ArgumentParser
import Inquest

struct StatementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "statement",
        abstract: "Statements by persons: when, where, the words, and whether they deny or misinform.",
        subcommands: [Add.self, List.self, Show.self, Update.self]
    )

    struct DetailOptions: ParsableArguments {
        @Option(help: "Date as the sources give it (partial date: 1988, 1988-12, 1988-08-24?, 1988-12/1989-01, [1988-08-24,1988-08-26]).")
        var date: String?
        @Option(help: "Venue, such as UN General Assembly, Third Committee.") var venue: String?
        @Option(help: "To whom it was said.") var audience: String?
        @Option(help: "The words, as the source gives them.") var quotation: String?
        @Option(help: "Wording of the quotation. Default: verbatim.")
        var wording: StatementWording?
        @Option(help: "Language tag of the quotation, such as en or fa.") var language: String?
        @Option(help: "Translation of the quotation.") var translation: String?
        @Option(help: "Summary (required when there is no quotation).") var summary: String?
        @Option(help: "Notes.") var notes: String?
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Record a statement by a person. Prints its key (ST-n).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Person key (P-n): who spoke or wrote.") var person: String
        @Option(help: "Medium.") var medium: StatementMedium
        @Option(help: "Classification (repeatable).")
        var classification: [StatementClassification] = []
        @OptionGroup var details: DetailOptions
        @Option(help: "The post they spoke in (PO-n, one of their own).") var position: String?
        @Option(help: "The event at which it was said (EV-n).") var event: String?

        func validate() throws {
            if classification.isEmpty { throw ValidationError("Give at least one --classification.") }
        }

        func run() throws {
            try global.run { session in
                Output.created(as: global.format, try session.write { transaction in try Statements(transaction).add(person: person, medium: medium.rawValue, classification: classification.map(\.rawValue),
                                                           Statements.Details(
                    date: details.date, venue: details.venue, audience: details.audience, quotation: details.quotation,
                    wording: details.wording?.rawValue, language: details.language, translation: details.translation,
                    summary: details.summary, position: position, event: event, notes: details.notes)) })
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List statements, by date (undated last).")
        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("case"), help: "Only this case (key or reference).") var caseReference: String?
        @Option(help: "Only statements by this person (P-n).") var person: String?
        @Option(help: "Only statements with this classification.")
        var classification: StatementClassification?

        func run() throws {
            try global.run { session in
                Output.print(try session.read { transaction in try Statements(transaction).list(case: caseReference, person: person, classification: classification?.rawValue) },
                             as: global.format)
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", 
            abstract: "Show a statement and the evidence linked to it (what corroborates or contradicts it).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var asOf: AsOfOption
        @Argument(help: "Statement key (ST-n).") var statement: String

        func run() throws {
            try asOf.show(statement, global) { session in
                let shown = try session.read { transaction in try Statements(transaction).show(statement) }
                Output.print(shown, as: global.format)
            }
        }
    }

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "update", abstract: "Correct a statement's words, date, venue, medium or classification.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Statement key (ST-n).") var statement: String
        @Option(help: "New medium.") var medium: StatementMedium?
        @Option(help: "New classification, replacing the old (repeatable).") var classification: [StatementClassification] = []
        @OptionGroup var details: DetailOptions

        func run() throws {
            try global.run { session in
                try session.write { transaction in try Statements(transaction).update(statement, medium: medium?.rawValue, classification: classification.isEmpty ? nil : classification.map(\.rawValue),
                                               Statements.Details(
                    date: details.date, venue: details.venue, audience: details.audience, quotation: details.quotation,
                    wording: details.wording?.rawValue, language: details.language, translation: details.translation,
                    summary: details.summary, notes: details.notes)) }
            }
        }
    }
}
