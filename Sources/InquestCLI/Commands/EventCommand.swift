import ArgumentParser
import Inquest

struct EventCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "event",
        abstract: "The chronology: dated events and who took part in them.",
        subcommands: [Add.self, List.self, Show.self, Update.self, ParticipantCommand.self]
    )

    struct DetailOptions: ParsableArguments {
        @Option(help: "Date as the sources give it (partial date: 1988, 1988-12, 1988-08-24?, 1988-12/1989-01, [1988-08-24,1988-08-26]).")
        var date: String?
        @Option(help: "Place.") var place: String?
        @Option(help: "Description.") var description: String?
        @Option(help: "Notes.") var notes: String?

        var details: Events.Details { Events.Details(date: date, place: place, description: description, notes: notes) }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add an event. Prints its key (EV-n).")
        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("case"), help: "Case key or reference.") var caseReference: String
        @Option(help: "Kind.") var kind: EventKind
        @Option(help: "Title.") var title: String
        @OptionGroup var details: DetailOptions

        func run() throws {
            try global.run { session in
                Output.created(as: global.format, try session.write { transaction in try Events(transaction).add(case: caseReference, kind: kind.rawValue, title: title, details.details) })
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", 
            abstract: "List events, by date (undated last).",
            discussion: "--from and --to take partial dates: an event is listed when it could have happened between "
                + "the first day of --from and the last day of --to.")
        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("case"), help: "Only this case (key or reference).") var caseReference: String?
        @Option(help: "Could have happened on or after (partial date).") var from: String?
        @Option(help: "Could have happened on or before (partial date).") var to: String?

        func run() throws {
            try global.run { session in
                Output.print(try session.read { transaction in try Events(transaction).list(case: caseReference, from: from, to: to) }, as: global.format)
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", 
            abstract: "Show an event: participants, statements made at it, linked evidence.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var asOf: AsOfOption
        @Argument(help: "Event key (EV-n).") var event: String

        func run() throws {
            try asOf.show(event, global) { session in
                let shown = try session.read { transaction in try Events(transaction).show(event) }
                Output.print(shown, as: global.format)
            }
        }
    }

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "update", abstract: "Correct an event's kind, title, date, place or description.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Event key (EV-n).") var event: String
        @Option(help: "New kind.") var kind: EventKind?
        @Option(help: "New title.") var title: String?
        @OptionGroup var details: DetailOptions

        func run() throws {
            try global.run { session in try session.write { transaction in try Events(transaction).update(event, kind: kind?.rawValue, title: title, details.details) } }
        }
    }

    struct ParticipantCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "participant", abstract: "Who took part in an event.", subcommands: [Add.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "add", 
                abstract: "Add a participant: a person of the case, or a body or group by name. Prints its key (EP-n).")
            @OptionGroup var global: GlobalOptions
            @Argument(help: "Event key (EV-n).") var event: String
            @Argument(help: "Person key (P-n); leave out and give --name for a body or group.") var person: String?
            @Option(help: "A body or group, such as \"Amnesty International delegates\".") var name: String?
            @Option(help: "Role.") var role: ParticipantRole
            @Option(help: "Note.") var note: String?

            func validate() throws {
                if (person == nil) == (name == nil) {
                    throw ValidationError("Give either a person key or --name, not both.")
                }
            }

            func run() throws {
                try global.run { session in
                    Output.created(as: global.format, try session.write { transaction in try Events(transaction).addParticipant(event: event, person: person, name: name, role: role.rawValue,
                                                                      note: note) })
                }
            }
        }
    }
}
