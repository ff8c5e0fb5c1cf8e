import Foundation
import Testing
import TestSupport

/// `audit history`, `show --as-of`, the filters and paging of `audit log`, and read audit,
/// as an auditor uses them and as an investigator would try to get round them.
@Suite("Reviewing the record: history, as-of, log filters, read audit")
struct HistoryCommandTests {
    let cli: CLI
    let investigator: String
    let auditor: String
    let person: String

    init() throws {
        cli = CLI(database: try TestDatabase())
        #expect(try cli.owner(["case", "create", "IR-1988", "--title", "Cover-up of the 1988 prison massacres"]).status == 0)
        investigator = try cli.addUser("investigator")
        auditor = try cli.addUser("auditor")
        #expect(try cli.owner(["case", "assign", "IR-1988", investigator]).status == 0)
        let added = try cli.user(investigator, ["person", "add", "--case", "IR-1988", "--name", "Ali Fallahian",
                                                "--description", "first version"])
        #expect(added.status == 0, "\(added.stderr)")
        person = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func update(_ description: String) throws {
        let run = try cli.user(investigator, ["person", "update", person, "--description", description])
        #expect(run.status == 0, "\(run.stderr)")
    }

    /// The server time of the newest event on `key` (to ask for the state right after it).
    func timeOfLastEvent(_ key: String) throws -> String {
        let connection = try cli.database.superuser()
        return try connection.query("""
            select to_char(max(occurred_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at
            from inquest_audit.event where record_key = $1 and operation in ('insert', 'update')
            """, [key]).first!.decode(String.self, "at")
    }

    @Test("history lists every version oldest first: who, when, which transaction, old and new side by side")
    func history() throws {
        try update("second version")
        try update("third version")
        let run = try cli.user(auditor, ["audit", "history", person, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let versions = try #require(try CLI.json(run) as? [[String: Any]])
        #expect(versions.map { $0["operation"] as? String } == ["insert", "update", "update"])
        #expect(versions.allSatisfy { $0["actor"] as? String == investigator && $0["login"] as? String == investigator })
        #expect(Set(versions.compactMap { $0["txid"] as? String }).count == 3, "each version names its own transaction")
        let seqs = versions.compactMap { $0["seq"] as? Int }
        #expect(seqs == seqs.sorted())
        let last = try #require(versions.last?["changes"] as? [[String: Any]])
        let description = try #require(last.first { $0["field"] as? String == "description" })
        #expect(description["old"] as? String == "second version")
        #expect(description["new"] as? String == "third version")
        let table = try cli.user(auditor, ["audit", "history", person])
        #expect(table.stdout.contains("second version") && table.stdout.contains("third version"))
    }

    @Test("show --as-of rebuilds the record as it stood then, and says it is a reconstruction")
    func asOf() throws {
        let afterInsert = try timeOfLastEvent(person)
        try update("second version")
        let afterSecond = try timeOfLastEvent(person)
        try update("third version")
        for (time, expected) in [(afterInsert, "first version"), (afterSecond, "second version")] {
            let run = try cli.user(auditor, ["person", "show", person, "--as-of", time, "--format", "json"])
            #expect(run.status == 0, "\(run.stderr)")
            let shown = try #require(try CLI.json(run) as? [String: Any])
            let record = try #require(shown["person"] as? [String: Any])
            #expect(record["description"] as? String == expected)
            let about = try #require(shown["reconstruction"] as? [String: Any])
            #expect(about["reconstructed"] as? Bool == true)
            #expect(about["from_event_seq"] is Int)
        }
        let now = try cli.user(auditor, ["person", "show", person, "--format", "json"])
        #expect(now.stdout.contains("third version"))
        let before = try cli.user(auditor, ["person", "show", person, "--as-of", "1988-07-19T00:00:00Z"])
        #expect(before.status == 66, "it did not exist then: \(before.stderr)")
        let garbage = try cli.user(auditor, ["person", "show", person, "--as-of", "last tuesday"])
        #expect(garbage.status == 65 && garbage.stderr.contains("as-of"), "\(garbage.stderr)")
    }

    @Test("an investigator cannot read the trail through history or as-of")
    func investigatorRefused() throws {
        let history = try cli.user(investigator, ["audit", "history", person])
        #expect(history.status == 77, "\(history.stderr)")
        #expect(history.stderr.contains("auditors and admins"))
        let asOf = try cli.user(investigator, ["person", "show", person, "--as-of", "2030-01-01T00:00:00Z"])
        #expect(asOf.status == 77, "\(asOf.stderr)")
    }

    @Test("audit log filters by operation, kind, key, case and actor; keyset pages cover the log once")
    func logFilters() throws {
        for n in 1...4 { try update("version \(n)") }
        func seqs(_ arguments: [String]) throws -> [Int] {
            let run = try cli.user(auditor, ["audit", "log", "--format", "json"] + arguments)
            #expect(run.status == 0, "\(run.stderr)")
            return try #require(try CLI.json(run) as? [[String: Any]]).compactMap { $0["seq"] as? Int }
        }
        let updates = try cli.user(auditor, ["audit", "log", "--operation", "update", "--kind", "P", "--format", "json"])
        let rows = try #require(try CLI.json(updates) as? [[String: Any]])
        #expect(rows.count == 4 && rows.allSatisfy { $0["operation"] as? String == "update" && $0["record_key"] as? String == person })
        #expect(try seqs(["--actor", investigator, "--record", person]).count == 5)
        #expect(try seqs(["--case", "IR-1988", "--operation", "insert", "--kind", "person"]).count == 1)
        let all = try seqs(["--limit", "1000", "--after", "0"])
        var paged: [Int] = []
        var cursor = 0
        while true {
            let page = try seqs(["--limit", "3", "--after", String(cursor)])
            if page.isEmpty { break }
            #expect(page.count <= 3)
            paged += page
            cursor = page.last!
        }
        #expect(paged == all, "forward pages, concatenated, are the log in order, without gaps or repeats")
        let newest = try seqs(["--limit", "3"])
        let older = try seqs(["--limit", "3", "--before", String(newest.first!)])
        #expect(older.last! < newest.first! && older == Array(all.suffix(6).prefix(3)))
    }

    @Test("reads of a protected person are recorded, committed before the read; others only when the case asks")
    func readAudit() throws {
        let protected = try cli.user(investigator, ["person", "add", "--case", "IR-1988", "--name", "Witness 7", "--protected"])
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        func reads(_ key: String) throws -> [[String: Any]] {
            let run = try cli.user(auditor, ["audit", "log", "--operation", "read", "--record", key, "--format", "json"])
            return try #require(try CLI.json(run) as? [[String: Any]])
        }
        #expect(try cli.user(investigator, ["person", "show", protected]).status == 0)
        let recorded = try reads(protected)
        #expect(recorded.count == 1 && recorded.first?["actor"] as? String == investigator)
        #expect(try cli.user(investigator, ["person", "show", person]).status == 0)
        #expect(try reads(person).isEmpty, "an ordinary read is not recorded by default")

        let refused = try cli.user(investigator, ["case", "read-audit", "IR-1988", "on"])
        #expect(refused.status == 77, "an investigator cannot switch read audit: \(refused.stderr)")
        #expect(try cli.owner(["case", "read-audit", "IR-1988", "on"]).status == 0)
        #expect(try cli.user(investigator, ["person", "show", person]).status == 0)
        #expect(try reads(person).count == 1, "with read audit on, every show is recorded")
        let switchOff = try cli.user(investigator, ["case", "read-audit", "IR-1988", "off"])
        #expect(switchOff.status == 77, "... nor switch it off to read unseen")
        let history = try cli.user(auditor, ["audit", "history", "C-1", "--format", "json"])
        #expect(history.stdout.contains("read_audit"), "the switch itself is in the case's history")

        let out = FileManager.default.temporaryDirectory.appending(path: TestEnvironment.uniqueName("export")).path
        #expect(try cli.user(investigator, ["export", "--case", "IR-1988", "--out", out, "--reason", "court filing 12"]).status == 0)
        let exports = try #require(try CLI.json(try cli.user(auditor, ["audit", "log", "--operation", "export", "--format", "json"]))
            as? [[String: Any]])
        #expect(exports.count == 1 && exports.first?["actor"] as? String == investigator)
        let event = try cli.user(auditor, ["audit", "show", String(try #require(exports.first?["seq"] as? Int)), "--format", "json"])
        #expect(event.stdout.contains("court filing 12"), "the reason is in the event")
        let dossier = out + "/dossier.md"
        #expect(try cli.user(investigator, ["person", "dossier", protected, "--out", dossier, "--reason", "prepare hearing"]).status == 0)
        #expect(try cli.user(auditor, ["audit", "log", "--operation", "dossier", "--record", protected, "--format", "json"])
            .stdout.contains(investigator))
    }
}
