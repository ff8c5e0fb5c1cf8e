import ArgumentParser
import Inquest

@main
struct InquestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inquest",
        abstract: "Case management for truth commissions: people, summonses, testimony, evidence and an audit trail.",
        discussion: "Connection settings come from --database-url, $INQUEST_DATABASE_URL, or libpq's own (PGHOST, PGUSER, ~/.pgpass …).",
        version: Inquest.version,
        subcommands: [MigrateCommand.self, CaseCommand.self, PersonCommand.self, SummonsCommand.self, DisclosureCommand.self,
            TestimonyCommand.self, EvidenceCommand.self, LinkCommand.self, EventCommand.self, StatementCommand.self,
            UserCommand.self, IdentityCommand.self, AuditCommand.self, WitnessCommand.self, ImportCommand.self, ExportCommand.self, RestoreCommand.self,
        ]
    )
}
