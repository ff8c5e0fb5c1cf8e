import ArgumentParser
import Foundation
import Inquest

@main
struct InquestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inquest",
        abstract: "Case management for truth commissions: people, summonses, testimony, evidence and an audit trail.",
        discussion: "Connection settings come from --database-url, $INQUEST_DATABASE_URL, or libpq's own (PGHOST, PGUSER, ~/.pgpass …).",
        version: Inquest.version,
        subcommands: [MigrateCommand.self, CaseCommand.self, PersonCommand.self, SummonsCommand.self, DisclosureCommand.self,
            TestimonyCommand.self, CorrespondenceCommand.self, EvidenceCommand.self, LinkCommand.self, EventCommand.self, StatementCommand.self,
            UserCommand.self, IdentityCommand.self, AuditCommand.self, WitnessCommand.self, ImportCommand.self, ExportCommand.self, RestoreCommand.self,
        ]
    )

    /// At most this many command-line arguments (an option and its value count as two).
    ///
    /// swift-argument-parser 1.8.2 removes each used argument from its list with a scan from
    /// the front (`SplitArguments.removeAll(in:)`), so parsing is quadratic in the number of
    /// arguments: repeating an option 8,000 times took 3.3 s to parse (release build), 2,000
    /// times 0.24 s. No command needs more than a few dozen arguments; bounding them keeps
    /// parsing under a few milliseconds whatever the input.
    static let maximumArguments = 1_000

    /// As `ParsableCommand.main()`, with three additions: the argument limit above; messages
    /// on stderr escaped for the terminal (an error can echo a hostile argument); and
    /// SIGINT/SIGTERM cancelling the running statement (`Interrupts`).
    static func main() {
        Interrupts.install()
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            try checkArgumentCount(arguments)
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            if let refused = ValueListRefusal.exitStatus(for: error) { Foundation.exit(refused) }
            let status = exitCode(for: error)
            let message = fullMessage(for: error)
            if !message.isEmpty {
                // Help, version and completion scripts are our own text, on stdout, exact.
                if status == .success { Output.writeExact(message + "\n") } else { Output.writeError(message + "\n") }
            }
            Foundation.exit(status.rawValue)
        }
        Foundation.exit(ExitCode.success.rawValue)
    }

    static func checkArgumentCount(_ arguments: [String]) throws {
        guard arguments.count > maximumArguments else { return }
        var counts: [String: Int] = [:]
        for argument in arguments where argument.hasPrefix("--") {
            counts[String(argument.prefix { $0 != "=" }), default: 0] += 1
        }
        let repeated = counts.max { $0.value < $1.value }.map { " (\($0.key) appears \($0.value) times)" } ?? ""
        throw ValidationError(
            "too many arguments: \(arguments.count) given\(repeated), at most \(maximumArguments) "
                + "(an option and its value count as two) [rule: argument-limit]")
    }
}
