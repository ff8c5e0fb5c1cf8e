import Foundation
import Testing
import TestSupport

@Suite("inquest import and inquest restore")
struct ImportCommandTests {
    func file(_ name: String, _ contents: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appending(path: TestEnvironment.uniqueName("cli-import"))
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appending(path: name)
        try Data(contents.utf8).write(to: url)
        return url
    }

    @Test("a bad file exits 65 listing every problem on standard error; --dry-run and a real run print the counts")
    func importThroughTheBinary() throws {
        let cli = try RecordsCLI()
        let bad = try file("events.csv", "ref,kind,title,date\nEV1,meeting,,1988-11-20\nEV2,picnic,Lunch,1988-11-31\n")
        let refused = try cli.run(["import", "events", bad.path, "--case", "IR-1988"])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("events.csv: 3 problems; nothing was imported"), "\(refused.stderr)")
        #expect(refused.stderr.contains("line 2, column 3 (title): title is required"))
        #expect(refused.stderr.contains("line 3, column 2 (kind): kind = 'picnic' breaks rule event_kind_valid"))
        #expect(refused.stderr.contains("line 3, column 4 (date): event.date: invalid partial date \"1988-11-31\""))
        #expect(refused.stdout.isEmpty)

        let good = try file("events.jsonl", """
            {"ref": "EV1", "kind": "meeting", "title": "First meeting of the Special Representative with Iran's representative", "date": "1988-11-20"}
            {"ref": "EV2", "kind": "broadcast", "title": "BBC interview", "date": "1988-12-13", "place": "London"}

            """)
        // one import, one result: an object (issue 13)
        let dry = try #require(try cli.json(["import", "events", good.path, "--case", "IR-1988", "--dry-run"]) as? [String: Any])
        #expect(dry["events"] as? Int == 2)
        #expect(dry["dry_run"] as? Bool == true)
        #expect(try cli.list(["event", "list", "--case", "IR-1988"]).isEmpty)

        let loaded = try #require(try cli.json(["import", "events", good.path, "--case", "IR-1988"]) as? [String: Any])
        #expect(loaded["events"] as? Int == 2)
        #expect(try cli.list(["event", "list", "--case", "IR-1988"]).count == 2)

        let usage = try cli.run(["import", "witnesses", good.path, "--case", "IR-1988"])
        #expect(usage.status == 64)
        #expect(usage.stderr.contains("persons, evidence, events, positions, links"))
        let missing = try cli.run(["import", "events", "/nonexistent/file.csv", "--case", "IR-1988"])
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("cannot read /nonexistent/file.csv"))
    }

    @Test("export then restore into a new database through the binary")
    func restoreThroughTheBinary() throws {
        let cli = try RecordsCLI()
        _ = try cli.created(["person", "add", "--case", "IR-1988", "--name", "Mohammad Jafar Mahallati"])
        let directory = FileManager.default.temporaryDirectory.appending(path: TestEnvironment.uniqueName("cli-export"))
        #expect(try cli.run(["export", "--case", "IR-1988", "--out", directory.path]).status == 0)
        let target = try RecordsCLI.empty()
        let restored = try #require(try target.json(["restore", directory.path]) as? [[String: Any]])
        #expect(restored.first { $0["kind"] as? String == "person" }?["records"] as? Int == 1)
        #expect(try target.list(["person", "list"]).first?["name"] as? String == "Mohammad Jafar Mahallati")
        let again = try target.run(["restore", directory.path])
        #expect(again.status == 67)
        #expect(again.stderr.contains("case IR-1988 is already in this database"))
    }
}
