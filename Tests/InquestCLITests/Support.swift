import Foundation
import Testing
import TestSupport

// Helpers shared by the CLI suites: each runs the built binary against its own database.

/// Runs the binary against one test database, as the owner or as a named user.
struct CLI {
    let database: TestDatabase

    func owner(_ arguments: [String], input: String? = nil) throws -> CommandResult {
        try runInquest(arguments + ["--allow-superuser", "--database-url", database.conninfo], input: input)
    }

    func user(_ name: String, _ arguments: [String], input: String? = nil) throws -> CommandResult {
        try runInquest(arguments + ["--database-url", database.conninfo], environment: ["PGUSER": name], input: input)
    }

    /// Creates a user through `inquest user add`, the password on standard input.
    func addUser(_ role: String, cleared: Bool = false) throws -> String {
        let name = TestEnvironment.uniqueName(role)
        let run = try owner(["user", "add", name, "--role", role] + (cleared ? ["--cleared"] : []), input: "s3cret passphrase\n")
        #expect(run.status == 0, "\(run.stderr)")
        return name
    }

    static func json(_ result: CommandResult) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }
}

/// Runs the binary against one test database, as its owner (hence --allow-superuser).
struct RecordsCLI {
    let database: TestDatabase

    /// A fresh database with case IR-1988 opened through the CLI.
    init() throws {
        database = try TestDatabase()
        _ = try created(["case", "create", "IR-1988", "--title", "Cover-up of the 1988 prison massacres"])
    }

    private init(database: TestDatabase) { self.database = database }

    /// A fresh database without any case.
    static func empty() throws -> RecordsCLI { RecordsCLI(database: try TestDatabase()) }

    func run(_ arguments: [String]) throws -> CommandResult {
        try runInquest(arguments + ["--allow-superuser", "--database-url", database.conninfo])
    }

    /// Runs an add/create command that must succeed, and returns the key it printed.
    func created(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try run(arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs a command with --format json and parses what it printed.
    func json(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> Any {
        let result = try run(arguments + ["--format", "json"])
        #expect(result.status == 0, "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    func list(_ arguments: [String]) throws -> [[String: Any]] {
        try #require(try json(arguments) as? [[String: Any]])
    }

    func object(_ arguments: [String]) throws -> [String: Any] {
        try #require(try json(arguments) as? [String: Any])
    }
}

/// Polls `condition` until it holds or `seconds` pass (a bounded wait, not a timing claim).
func waitUntil(seconds: Double, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if condition() { return true }
        Thread.sleep(forTimeInterval: 0.05)
    }
    return condition()
}
