import ArgumentParser
import Foundation
import Inquest

struct PersonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person",
        abstract: "People in a case: names in every spelling, roles, posts held.",
        subcommands: [Add.self, List.self, Show.self, Timeline.self, DossierCommand.self, Search.self, Duplicates.self, Distinct.self, Merge.self, Update.self, NameCommand.self, RoleCommand.self,
                      PositionCommand.self]
    )

    /// The options that describe one name, shared by `person add` and `person name add`.
    struct NameOptions: ParsableArguments {
        @Option(help: "The name as written, in full.") var name: String
        @Option(help: "Given name; leave out when unknown (never guess one).") var given: String?
        @Option(help: "Family name.") var family: String?
        @Option(help: "Script. Default: persian for a name in Arabic letters, else latin.") var script: NameScript?
        @Option(help: "Language code, such as fa or en.") var language: String?

        func name(kind: NameKind, source: String? = nil, evidence: String? = nil) -> People.Name {
            People.Name(full: name, given: given, family: family, kind: kind.rawValue, script: script?.rawValue, language: language,
                        source: source, evidence: evidence)
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a person with their primary name. Prints the key (P-n).")
        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("case"), help: "Case key or reference.") var caseReference: String
        @OptionGroup var name: NameOptions
        @Option(help: "Role in the case (repeatable).")
        var role: [PersonRole] = []
        @Flag(help: "A protected witness: --name must be a pseudonym; keep the real identity with `identity set`.")
        var protected = false
        @Flag(help: "The sources do not record this person's name: --name is a descriptive label.") var nameUnknown = false
        @Option(help: "Description (never anything identifying a protected witness).") var description: String?
        @Option(parsing: .upToNextOption, help: ArgumentHelp(
            "Persons (P-n) whose names match this one but who are different people; recorded, so that the pair is not flagged again.",
            discussion: "Without it, a name that matches a person already in the case (the rule of `person duplicates`) is refused."))
        var distinctFrom: [String] = []
        @Option(help: "Why the persons of --distinct-from are different people (recorded).") var reason: String?

        func run() throws {
            try global.run { session in
                Output.created(as: global.format, try session.write { transaction in try People(transaction).add(
                    case: caseReference, name: name.name(kind: .primary), roles: role.map(\.rawValue), protected: protected,
                    description: description, nameKnown: !nameUnknown,
                    distinctFrom: distinctFrom.flatMap { $0.split(separator: ",").map(String.init) }, reason: reason) })
            }
        }
    }

    struct Distinct: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "distinct",
            abstract: "Record that two persons of a case are different people: `person duplicates` no longer pairs them. Prints the key (PD-n).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Person key (P-n).") var person: String
        @Argument(help: "The other person's key (P-n), in the same case.") var other: String
        @Option(help: "Why they are different people (recorded).") var reason: String?

        func run() throws {
            try global.run { session in
                Output.created(as: global.format, try session.write { transaction in try People(transaction).assertDistinct(person, other, reason: reason) })
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List people.")
        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("case"), help: "Only this case.") var caseReference: String?
        @Option(help: "Only people with this role.") var role: PersonRole?

        func run() throws {
            try global.run { session in
                Output.print(try session.read { transaction in try People(transaction).list(case: caseReference, role: role?.rawValue) }, as: global.format)
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", 
            abstract: "Show a person with everything linked to them: names, posts, events, statements, evidence, summonses, questions.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var asOf: AsOfOption
        @Argument(help: "Person key (P-n).") var person: String

        func run() throws {
            try asOf.show(person, global) { session in
                let shown = try session.read { transaction in try People(transaction).show(person) }
                Output.print(shown, as: global.format)
            }
        }
    }

    struct Timeline: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "timeline", 
            abstract: "What was this person told, and when, and what did they say afterwards: everything dated, in order.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Person key (P-n).") var person: String
        @Option(help: "Only what had reached them by this day (YYYY-MM-DD).") var asOf: String?
        @Flag(help: "Also show each entry's earliest day in the Solar Hijri calendar.") var solarHijri = false

        func run() throws {
            try global.run { session in
                Output.print(try session.read { transaction in try Timelines(transaction).person(person, asOf: asOf, solarHijri: solarHijri) }, as: global.format)
            }
        }
    }

    struct DossierCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dossier",
            abstract: "Write a person's dossier: names, posts, time chart, statements against the evidence, questions.",
            discussion: "FILE ending in .md is Markdown; anything else is self-contained HTML (no network needed). Protected persons appear under their pseudonym only.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Person key (P-n).") var person: String
        @Option(help: "Output file (.html or .md).", completion: .file(extensions: ["html", "md"])) var out: String
        @Option(help: "Why the dossier is made (recorded in the audit trail).") var reason: String?

        func run() throws {
            try global.run { session in
                try ReadAudit(session).record(.dossier, person, reason: reason)
                let format: Dossier.Format = out.hasSuffix(".md") || out.hasSuffix(".markdown") ? .markdown : .html
                try writeFile(out, try session.read { transaction in try Dossier.load(transaction, person: person) }.render(format), mode: 0o600)
                Output.writeError("wrote \(out)\n")
            }
        }
    }

    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "search", 
            abstract: "Find people under any spelling of their name, in Latin or Persian script.",
            discussion: "Ranked: exact, folded (ou/u/o, kh/q, doubled letters, Mohammad/Mohammed …), same consonants (across scripts), then similar.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "A name or part of one, such as Akhondzadeh or نوری.") var query: String
        @Option(name: .customLong("case"), help: "Only this case.") var caseReference: String?
        @Option(help: "At most this many people.") var limit = 20

        func run() throws {
            try global.run { session in
                Output.print(try session.read { transaction in try People(transaction).search(query, case: caseReference, limit: limit) }, as: global.format)
            }
        }
    }

    struct Duplicates: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "duplicates", abstract: "List pairs of people who are likely the same person.")
        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("case"), help: "Only this case.") var caseReference: String?

        func run() throws {
            try global.run { session in Output.print(try session.read { transaction in try People(transaction).duplicates(case: caseReference) }, as: global.format) }
        }
    }

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "merge", 
            abstract: "Merge two records of one person: names, posts, links and everything else move to KEEP.",
            discussion: "OTHER's primary name becomes an alias of KEEP; exact duplicates collapse; OTHER is removed. One audited transaction.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The person record to keep (P-n).") var keep: String
        @Argument(help: "The person record to merge into it and remove (P-n).") var other: String

        func run() throws { try global.run { session in try session.write { transaction in try People(transaction).merge(keep: keep, other: other) } } }
    }

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "update", abstract: "Correct a person's description or notes.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Person key.") var person: String
        @Option(help: "New description.") var description: String?
        @Option(help: "New notes.") var notes: String?

        func run() throws {
            try global.run { session in try session.write { transaction in try People(transaction).update(person, description: description, notes: notes) } }
        }
    }

    struct NameCommand: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "name", abstract: "Names of a person.", subcommands: [Add.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "add", abstract: "Add another name or spelling. Prints its key.")
            @OptionGroup var global: GlobalOptions
            @Argument(help: "Person key.") var person: String
            @OptionGroup var name: NameOptions
            @Option(help: "Kind (the one primary name, or pseudonym for a protected person, comes with `person add`).") var kind: NameKind = .alias
            @Option(help: "Where this spelling was seen (a note).") var source: String?
            @Option(help: "The evidence (E-n) in which this spelling is seen.") var evidence: String?

            func run() throws {
                try global.run { session in
                    Output.created(as: global.format, try session.write { transaction in try People(transaction).addName(person: person, name.name(kind: kind, source: source, evidence: evidence)) })
                }
            }
        }
    }

    struct RoleCommand: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "role", abstract: "Roles of a person in the case.", subcommands: [Add.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "add", abstract: "Give a person a role in their case.")
            @OptionGroup var global: GlobalOptions
            @Argument(help: "Person key.") var person: String
            @Argument(help: "Role in the case.") var role: PersonRole

            func run() throws {
                try global.run { session in Output.created(as: global.format, try session.write { transaction in try People(transaction).addRole(person: person, role.rawValue) }) }
            }
        }
    }

    struct PositionCommand: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "position", abstract: "Posts a person held.", subcommands: [Add.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "add", abstract: "Record a post held, with partial dates. Prints its key.")
            @OptionGroup var global: GlobalOptions
            @Argument(help: "Person key.") var person: String
            @Option(help: "Title, such as Chargé d'affaires.") var title: String
            @Option(help: "Body, such as Embassy of Iran.") var body: String?
            @Option(help: "Place, such as Ottawa.") var place: String?
            @Option(help: "Held from (partial date: 1988, 1988-12, 1988-08-24?, 1988-12/1989-01).") var from: String?
            @Option(help: "Held until (partial date); .. while the post is still held; leave out when the end is not recorded.") var to: String?
            @Option(help: "When a source shows the person in the post, if start and end are unknown (partial date).")
            var attested: String?
            @Option(help: "The evidence (E-n) that shows it.") var evidence: String?
            @Option(help: "Source of this fact (a note).") var source: String?

            func run() throws {
                try global.run { session in
                    Output.created(as: global.format, try session.write { transaction in try People(transaction).addPosition(person: person, People.Position(
                        title: title, body: body, place: place, start: from, end: to, attested: attested,
                        evidence: evidence, source: source)) })
                }
            }
        }
    }
}
