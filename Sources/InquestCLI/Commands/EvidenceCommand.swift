import ArgumentParser
import Foundation
import Inquest

struct EvidenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence",
        abstract: "Evidence: sources with their identifiers, file hashes and chain of custody.",
        subcommands: [Add.self, List.self, Show.self, Update.self, FactCommand.self, CustodyCommand.self]
    )

    /// The descriptive fields, shared by `evidence add` and `evidence update`.
    struct DetailOptions: ParsableArguments {
        @Option(help: "Title in its original language and script.") var originalTitle: String?
        @Option(help: "Author (a person or body).") var author: String?
        @Option(help: "Publisher.") var publisher: String?
        @Option(help: "Date as the source gives it (partial date: 1988, 1988-12, 1988-08-24?, 1988-12/1989-01, [1988-08-24,1988-08-26]).")
        var date: String?
        @Option(help: "UN document symbol, such as A/43/705, E/CN.4/1989/26, A/RES/43/137.") var unSymbol: String?
        @Option(help: "Amnesty International index, such as MDE 13/031/88 or MDE 13/9421/2018.") var amnestyIndex: String?
        @Option(help: "Any other identifier (archive number, broadcast reference).") var otherIdentifier: String?
        @Option(help: "Language tag, such as en, fa or fa-Latn.") var language: String?
        @Option(help: "http(s) URL.") var url: String?
        @Option(help: "Where it is held, such as \"on file with Amnesty International\".") var heldAt: String?
        @Option(help: "The full reference as a source cites it.") var citation: String?
        @Option(help: "Notes.") var notes: String?

        var details: Evidence.Details {
            Evidence.Details(originalTitle: originalTitle, author: author, publisher: publisher, date: date, unSymbol: unSymbol,
                             amnestyIndex: amnestyIndex, otherIdentifier: otherIdentifier, language: language, url: url,
                             heldAt: heldAt, citation: citation, notes: notes)
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", 
            abstract: "Record an evidence item. Prints its key (E-n).",
            discussion: "With --file, the file's SHA-256 and size are recorded and the chain of custody opens with a "
                + "\"hashed\" entry; the file itself is not stored.")
        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("case"), help: "Case key or reference.") var caseReference: String
        @Option(help: "Kind.") var kind: EvidenceKind
        @Option(help: "Title.") var title: String
        @OptionGroup var details: DetailOptions
        @Option(help: ArgumentHelp("A file to hash (SHA-256 and size at intake).", valueName: "path")) var file: String?

        func run() throws {
            try global.run { session in
                Output.created(as: global.format, try session.write { transaction in try Evidence(transaction).add(case: caseReference, kind: kind.rawValue, title: title,
                                                         details: details.details, file: file) })
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List evidence, by date (undated last).")
        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("case"), help: "Only this case (key or reference).") var caseReference: String?
        @Option(help: "Only this kind.") var kind: EvidenceKind?

        func run() throws {
            try global.run { session in
                Output.print(try session.read { transaction in try Evidence(transaction).list(case: caseReference, kind: kind?.rawValue) }, as: global.format)
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show an evidence item, its dated facts, its chain of custody and its links.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var asOf: AsOfOption
        @Argument(help: "Evidence key (E-n).") var evidence: String

        func run() throws {
            try asOf.show(evidence, global) { session in
                let shown = try session.read { transaction in try Evidence(transaction).show(evidence) }
                Output.print(shown, as: global.format)
            }
        }
    }

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "update", 
            abstract: "Correct an evidence item's fields (the file hash recorded at intake never changes).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Evidence key (E-n).") var evidence: String
        @Option(help: "New kind.") var kind: EvidenceKind?
        @Option(help: "New title.") var title: String?
        @OptionGroup var details: DetailOptions

        func run() throws {
            try global.run { session in
                try session.write { transaction in try Evidence(transaction).update(evidence, kind: kind?.rawValue, title: title, details: details.details) }
            }
        }
    }

    struct FactCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fact", abstract: "Dated facts a source states about itself (written, published, received, broadcast …).",
            subcommands: [Add.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "add",
                abstract: "Record when the source says it was written, published, received … Prints its key (EF-n).",
                discussion: "A source may carry several such dates, each with its own place in the source: "
                    + "inquest evidence fact add E-4 --kind published --date 1988-12-01 --locator dateline")
            @OptionGroup var global: GlobalOptions
            @Argument(help: "Evidence key (E-n).") var evidence: String
            @Option(help: "Kind.") var kind: EvidenceFactKind
            @Option(help: ArgumentHelp("The date as the source gives it (a partial date: 1988, 1988-12, 1988-12-01?, 1988-12/1989-01 …).",
                                       valueName: "partial-date")) var date: String
            @Option(help: "Where in the source the date is stated (dateline, p. 1, postmark …).") var locator: String?
            @Option(help: "Note.") var note: String?

            func run() throws {
                try global.run { session in
                    Output.created(as: global.format, try session.write { transaction in try Evidence(transaction).addFact(evidence, kind: kind.rawValue, date: date, locator: locator, note: note) })
                }
            }
        }
    }

    struct CustodyCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "custody", abstract: "The chain of custody of an evidence item (append-only).", subcommands: [Add.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "add", 
                abstract: "Append a custody entry. Prints its key (EC-n).",
                discussion: "With --file, the file is hashed now; a hash that differs from the one recorded at intake "
                    + "is reported on stderr (the entry is recorded either way).")
            @OptionGroup var global: GlobalOptions
            @Argument(help: "Evidence key (E-n).") var evidence: String
            @Option(help: "Action (received and transferred need --from and --by).")
            var action: CustodyAction
            @Option(help: "Received from (a person or body).") var from: String?
            @Option(help: "Received by, or done by.") var by: String?
            @Option(help: ArgumentHelp("When, such as 1989-03-03T10:00:00+09:00. Default: now.", valueName: "timestamp"))
            var at: String?
            @Option(help: "Where the item is kept after this step.") var location: String?
            @Option(help: ArgumentHelp("A file to hash now (its SHA-256 at this moment).", valueName: "path")) var file: String?
            @Option(help: "Note.") var note: String?

            func run() throws {
                try global.run { session in
                    let added = try session.write { transaction in try Evidence(transaction).addCustody(evidence, Evidence.CustodyEntry(
                        action: action.rawValue, from: from, by: by, at: at, location: location, file: file, note: note)) }
                    Output.created(as: global.format, added.key)
                    if added.matchesIntake == false {
                        Output.writeError(
                            "warning: \(evidence): the file's SHA-256 now (\(added.sha256 ?? "")) differs from the one recorded at intake\n")
                    }
                }
            }
        }
    }
}
