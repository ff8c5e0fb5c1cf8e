import Foundation
import Testing
import TestSupport

@Suite("identity reveal through the CLI: recorded first, refusals recorded and alike")
struct RevealCommandTests {
    let cli: CLI
    let cleared: String
    let auditor: String
    let witness: String
    let plain: String
    let elsewhere: String
    let canary = "CANARY-\(UUID().uuidString)"

    init() throws {
        cli = CLI(database: try TestDatabase())
        #expect(try cli.owner(["case", "create", "IR-1988", "--title", "Cover-up of the 1988 prison massacres"]).status == 0)
        #expect(try cli.owner(["case", "create", "IR-OTHER", "--title", "Another case"]).status == 0)
        cleared = try cli.addUser("investigator", cleared: true)
        auditor = try cli.addUser("auditor")
        #expect(try cli.owner(["case", "assign", "IR-1988", cleared]).status == 0)
        witness = try Self.person(cli, "IR-1988", "Witness K", protected: true)
        plain = try Self.person(cli, "IR-1988", "Ali Fallahian", protected: false)
        elsewhere = try Self.person(cli, "IR-OTHER", "Witness M", protected: true)
        #expect(try cli.owner(["identity", "set", witness], input: canary + "\n").status == 0)
        #expect(try cli.owner(["identity", "set", elsewhere], input: canary + "-M\n").status == 0)
    }

    static func person(_ cli: CLI, _ reference: String, _ name: String, protected: Bool) throws -> String {
        let run = try cli.owner(["person", "add", "--case", reference, "--name", name] + (protected ? ["--protected"] : []))
        #expect(run.status == 0, "\(run.stderr)")
        return run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The auditor's view of reveal events of `key` by the cleared user, each with the text of
    /// `audit show` (its values) under "shown".
    func reveals(_ key: String) throws -> [[String: Any]] {
        let run = try cli.user(auditor, ["audit", "log", "--actor", cleared, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let events = try CLI.json(run) as? [[String: Any]] ?? []
        return try events.filter { ($0["operation"] as? String) == "reveal" && ($0["record_key"] as? String) == key }.map { event in
            var event = event
            event["shown"] = try cli.user(auditor, ["audit", "show", "\(event["seq"] ?? 0)", "--format", "json"]).stdout
            return event
        }
    }

    @Test("a cleared, assigned investigator sees the identity, and the reveal is on record")
    func reveal() throws {
        let log = try ServerLog()
        let run = try cli.user(cleared, ["identity", "reveal", witness, "--reason", "preparing the hearing", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains(canary))
        let events = try reveals(witness)
        #expect(events.count == 1)
        #expect((events.first?["shown"] as? String)?.contains("preparing the hearing") == true)
        #expect(try !log.lines(containing: ["login=\"\(cleared)\"", "key=\"\(witness)\"", "read"]).isEmpty)
    }

    @Test("another case's key, an unprotected person's key and no such key: one refusal, each recorded")
    func refusals() throws {
        let log = try ServerLog()
        var stderrs = Set<String>()
        for key in [elsewhere, plain, "P-99999"] {
            let reason = "probing \(UUID().uuidString)"
            let run = try cli.user(cleared, ["identity", "reveal", key, "--reason", reason])
            #expect(run.status == 77, "\(key): \(run.status) \(run.stderr)")
            #expect(!run.stdout.contains(canary) && !run.stderr.contains(canary))
            stderrs.insert(run.stderr)
            let events = try reveals(key)
            #expect(events.count == 1, "\(key): the refusal is recorded")
            #expect((events.first?["shown"] as? String)?.contains(reason) == true)
            #expect((events.first?["login"] as? String) == cleared)
            let lines = try log.lines(containing: [reason])
            #expect(lines.count == 1 && lines[0].contains("login=\"\(cleared)\"") && lines[0].contains("key=\"\(key)\""), "\(lines)")
        }
        #expect(stderrs.count == 1, "the refusals must read alike: \(stderrs)")
    }
}
