import Foundation
import Testing
import TestSupport

@Suite("Access rules, tried through the CLI as hostile users would")
struct AccessCommandTests {
    let cli: CLI
    let assigned: String
    let unassigned: String
    let auditor: String

    init() throws {
        cli = CLI(database: try TestDatabase())
        #expect(try cli.owner(["case", "create", "IR-1988", "--title", "Cover-up of the 1988 prison massacres"]).status == 0)
        #expect(try cli.owner(["case", "create", "IR-OTHER", "--title", "Another case"]).status == 0)
        assigned = try cli.addUser("investigator")
        unassigned = try cli.addUser("investigator")
        auditor = try cli.addUser("auditor")
        #expect(try cli.owner(["case", "assign", "IR-1988", assigned]).status == 0)
    }

    @Test("an investigator sees and writes only assigned cases")
    func investigatorScope() throws {
        let visible = try CLI.json(try cli.user(assigned, ["case", "list", "--format", "json"])) as? [[String: Any]]
        #expect(visible?.map { $0["reference"] as? String } == ["IR-1988"])
        let none = try CLI.json(try cli.user(unassigned, ["case", "list", "--format", "json"])) as? [[String: Any]]
        #expect(none?.isEmpty == true)

        let added = try cli.user(assigned, ["person", "add", "--case", "IR-1988", "--name", "Mohammad Ali Mousavi"])
        #expect(added.status == 0, "\(added.stderr)")
        let key = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(key.hasPrefix("P-"))
        // The unassigned investigator can neither see nor change it, nor add to the case.
        #expect(try cli.user(unassigned, ["person", "show", key]).status == 66)
        #expect(try cli.user(unassigned, ["person", "update", key, "--notes", "hijacked"]).status == 66)
        #expect(try cli.user(unassigned, ["person", "add", "--case", "IR-1988", "--name", "Intruder"]).status == 66)
        #expect(try cli.user(assigned, ["person", "add", "--case", "IR-OTHER", "--name", "Intruder"]).status == 66)
        let shown = try CLI.json(try cli.user(assigned, ["person", "show", key, "--format", "json"])) as? [String: Any]
        #expect((shown?["person"] as? [String: Any])?["notes"] is NSNull)
    }

    @Test("nobody but an admin assigns investigators, not even to themselves")
    func assignment() throws {
        let selfAssign = try cli.user(unassigned, ["case", "assign", "IR-1988", unassigned])
        #expect(selfAssign.status == 77)
        #expect(selfAssign.stderr.contains("permission denied"))
        #expect(try cli.user(auditor, ["case", "assign", "IR-1988", auditor]).status == 77)
        #expect(try cli.user(assigned, ["case", "unassign", "IR-1988", assigned]).status == 77)
        let show = try CLI.json(try cli.owner(["case", "show", "IR-1988", "--format", "json"])) as? [String: Any]
        #expect(show?["assigned"] as? [String] == [assigned])
    }

    @Test("an auditor reads everything and writes nothing")
    func auditorReadsOnly() throws {
        #expect(try cli.user(assigned, ["person", "add", "--case", "IR-1988", "--name", "Sirous Nasseri"]).status == 0)
        let people = try CLI.json(try cli.user(auditor, ["person", "list", "--format", "json"])) as? [[String: Any]]
        #expect(people?.count == 1)
        #expect(try cli.user(auditor, ["person", "add", "--case", "IR-1988", "--name", "X"]).status == 77)
        #expect(try cli.user(auditor, ["case", "close", "IR-1988"]).status == 77)
        let log = try cli.user(auditor, ["audit", "log", "--format", "json"])
        #expect(log.status == 0, "\(log.stderr)")
        let verify = try cli.user(auditor, ["audit", "verify"])
        #expect(verify.status == 0 && verify.stdout.hasPrefix("ok: "), "\(verify.stderr)")
    }

    @Test("investigators cannot read the audit log or manage users")
    func investigatorLimits() throws {
        #expect(try cli.user(assigned, ["audit", "log"]).status == 77)
        #expect(try cli.user(assigned, ["user", "add", "mallory", "--role", "admin"], input: "x\n").status == 77)
        #expect(try cli.user(assigned, ["user", "grant", assigned, "admin"]).status == 77)
    }

    @Test("a password is never taken from the command line, and an empty one is refused")
    func passwords() throws {
        let help = try runInquest(["user", "add", "--help"])
        #expect(!help.stdout.contains("--password"))
        let empty = try cli.owner(["user", "add", TestEnvironment.uniqueName("nopass"), "--role", "auditor"], input: "\n")
        #expect(empty.status == 65)
        #expect(empty.stderr.contains("password"))
    }

    @Test("a disabled user can no longer log in; their history stays")
    func disable() throws {
        #expect(try cli.user(assigned, ["person", "add", "--case", "IR-1988", "--name", "Manouchehr Mottaki"]).status == 0)
        #expect(try cli.owner(["user", "disable", assigned]).status == 0)
        #expect(try cli.user(assigned, ["case", "list"]).status == 69)
        let log = try CLI.json(try cli.user(auditor, ["audit", "log", "--actor", assigned, "--format", "json"])) as? [[String: Any]]
        #expect(log?.isEmpty == false)
    }
}
