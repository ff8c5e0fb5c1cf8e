import ArgumentParser
import Foundation
import Inquest

struct TestimonyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "testimony",
        abstract: "Testimony sessions, consent and transcripts.",
        subcommands: [Schedule.self, List.self, Show.self, Update.self, Consent.self, Held.self, Adjourn.self, Cancel.self, Transcript.self, TestimonyLogCommand.self]
    )

    /// A session's arrangements, shared by `schedule` and `update`.
    struct Arrangements: ParsableArguments {
        @Option(help: "Interviewer (repeatable).") var interviewer: [String] = []
        @Option(help: "Interpreter.") var interpreter: String?
        @Option(help: "Language code (repeatable), such as fa.") var language: [String] = []
        @Option(help: "Place (sensitive for protected witnesses).") var place: String?
        @Option(help: "Mode.") var mode: TestimonyMode?
        @Option(help: "Scheduled time (ISO 8601, e.g. 2023-03-01T10:00:00Z).") var at: String?
        @Option(help: "Protective measure (repeatable): pseudonym, voice distortion, closed session …") var protection: [String] = []
        @Option(help: "Notes.") var notes: String?

        var plan: Testimonies.Plan {
            var plan = Testimonies.Plan()
            plan.interviewers = interviewer
            plan.interpreter = interpreter
            plan.languages = language
            plan.place = place
            plan.mode = mode?.rawValue
            plan.scheduledAt = at
            plan.protectiveMeasures = protection
            plan.notes = notes
            return plan
        }
    }

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "update", abstract: "Correct a session's arrangements (lists replace the old ones).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Session key (T-n).") var testimony: String
        @OptionGroup var arrangements: Arrangements

        func run() throws {
            try global.run { session in try session.write { transaction in try Testimonies(transaction).update(testimony, arrangements.plan) } }
        }
    }

    struct Schedule: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "schedule", abstract: "Schedule a session with a deponent. Prints its key (T-n).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Deponent (P-n).") var deponent: String
        @OptionGroup var arrangements: Arrangements

        func run() throws {
            try global.run { session in
                Output.created(as: global.format, try session.write { transaction in try Testimonies(transaction).schedule(deponent: deponent, arrangements.plan) })
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List testimony sessions.")
        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("case"), help: "Only this case.") var caseReference: String?
        @Option(help: "Only this deponent.") var deponent: String?
        @Option(help: "Only in this state.") var status: TestimonyStatus?

        func run() throws {
            try global.run { session in
                Output.print(try session.read { transaction in try Testimonies(transaction).list(case: caseReference, deponent: deponent, status: status?.rawValue) }, as: global.format)
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a session and its transcript.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var asOf: AsOfOption
        @Argument(help: "Session key (T-n).") var testimony: String

        func run() throws {
            try asOf.show(testimony, global) { session in
                let shown = try session.read { transaction in try Testimonies(transaction).show(testimony) }
                Output.print(shown, as: global.format)
            }
        }
    }

    struct Consent: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "consent", abstract: "Record consent given, its scope, or its withdrawal.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Session key.") var testimony: String
        @Option(help: "When consent was given (ISO 8601).") var givenAt: String?
        @Option(help: "What the consent covers.") var scope: String?
        @Option(help: "When consent was withdrawn (ISO 8601).") var withdrawnAt: String?

        func validate() throws {
            if givenAt == nil && scope == nil && withdrawnAt == nil {
                throw ValidationError("give --given-at, --scope or --withdrawn-at")
            }
        }

        func run() throws {
            try global.run { session in
                try session.write { transaction in try Testimonies(transaction).consent(testimony, givenAt: givenAt, scope: scope, withdrawnAt: withdrawnAt) }
            }
        }
    }

    struct Held: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "held", abstract: "Record that the session was held (needs consent).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Session key.") var testimony: String
        @Option(help: "Start time (ISO 8601).") var started: String
        @Option(help: "End time (ISO 8601).") var ended: String?

        func run() throws {
            try global.run { session in try session.write { transaction in try Testimonies(transaction).setStatus(testimony, "held", startedAt: started, endedAt: ended) } }
        }
    }

    struct Adjourn: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "adjourn", abstract: "Adjourn a scheduled session.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Session key.") var testimony: String
        func run() throws {
            try global.run { session in try session.write { transaction in try Testimonies(transaction).setStatus(testimony, "adjourned", startedAt: nil, endedAt: nil) } }
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "cancel", abstract: "Cancel a session.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Session key.") var testimony: String
        func run() throws {
            try global.run { session in try session.write { transaction in try Testimonies(transaction).setStatus(testimony, "cancelled", startedAt: nil, endedAt: nil) } }
        }
    }

    struct Transcript: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "transcript", 
            abstract: "Import or show a session's transcript.",
            discussion: """
                File format (UTF-8): one segment per line, "[HH:MM:SS] SPEAKER: text" ([MM:SS] and fractions of a \
                second are accepted); a following line starting with ">" is that segment's translation; blank lines \
                and lines starting with "#" are ignored. Every malformed line is reported and nothing is imported.
                """,
            subcommands: [Add.self, Show.self]
        )

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "add", abstract: "Import a timestamped transcript file.")
            @OptionGroup var global: GlobalOptions
            @Argument(help: "Session key (T-n).") var testimony: String
            @Option(help: "Transcript file.", completion: .file()) var file: String
            @Option(help: "Language of the original text, such as fa.") var language: String?
            @Option(help: "Language of the translations, such as en.") var translationLanguage: String?

            func run() throws {
                try global.run { session in
                    let text: String
                    do {
                        text = try String(contentsOfFile: file, encoding: .utf8)
                    } catch {
                        throw InquestError(.invalidInput, "file \(file): cannot be read as UTF-8 text", field: "file")
                    }
                    let lines = try TranscriptParser.parse(text)
                    let added = try session.write { transaction in try Testimonies(transaction).addTranscript(
                        testimony, lines, originalLanguage: language, translationLanguage: translationLanguage) }
                    Output.write("added \(added) segments to \(testimony)\n")
                }
            }
        }

        struct Show: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a session's transcript.")
            @OptionGroup var global: GlobalOptions
            @Argument(help: "Session key (T-n).") var testimony: String

            func run() throws {
                try global.run { session in Output.print(try session.read { transaction in try Testimonies(transaction).transcript(testimony) }, as: global.format) }
            }
        }
    }
}
