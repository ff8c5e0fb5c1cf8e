import Foundation
import Testing
import TestSupport

@Suite("Transcript import: ordinals in file order, appended, and safe under concurrency")
struct TranscriptImportTests {
    let cli: CLI
    let session: String

    init() throws {
        cli = CLI(database: try TestDatabase())
        #expect(try cli.owner(["case", "create", "IR-1988", "--title", "Cover-up of the 1988 prison massacres"]).status == 0)
        let person = try cli.owner(["person", "add", "--case", "IR-1988", "--name", "Witness 14"])
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        session = try cli.owner(["testimony", "schedule", "--deponent", person]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A transcript file of `count` segments whose text is `label-1` … `label-count`.
    static func transcript(_ label: String, _ count: Int) throws -> URL {
        let file = FileManager.default.temporaryDirectory.appending(path: TestEnvironment.uniqueName(label) + ".txt")
        var text = ""
        for n in 1...count {
            let stamp = String(format: "[%02d:%02d:%02d]", n / 3600, n / 60 % 60, n % 60)
            let speaker = n % 2 == 0 ? "WITNESS" : "INTERVIEWER"
            text += "\(stamp) \(speaker): \(label)-\(n)\n"
        }
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// The session's segments as (ordinal, text), in ordinal order.
    func segments() throws -> [(ordinal: Int, text: String)] {
        let shown = try cli.owner(["testimony", "transcript", "show", session, "--format", "json"])
        #expect(shown.status == 0, "\(shown.stderr)")
        let rows = try #require(try CLI.json(shown) as? [[String: Any]])
        return rows.map { (($0["ordinal"] as? Int) ?? -1, ($0["original_text"] as? String) ?? "") }
    }

    @Test("a large import numbers its segments 1…n in file order; a second one continues after it")
    func consecutiveAndResumed() throws {
        let first = try cli.owner(["testimony", "transcript", "add", session, "--file", try Self.transcript("A", 3_000).path])
        #expect(first.status == 0, "\(first.stderr)")
        let second = try cli.owner(["testimony", "transcript", "add", session, "--file", try Self.transcript("B", 500).path])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("added 500 segments"))
        let all = try segments()
        #expect(all.map(\.ordinal) == Array(1...3_500))
        #expect(all.map(\.text) == (1...3_000).map { "A-\($0)" } + (1...500).map { "B-\($0)" })
    }

    @Test("two imports into one session at once both land, one after the other, without a collision")
    func concurrentImports() throws {
        let observer = try cli.database.superuser()
        // Hold both imports at the door until each has read what it reads before writing.
        let holder = try cli.database.superuser()
        try holder.executeScript("begin")
        try holder.query("select 1 from inquest.testimony_session where key = $1 for update", [session])

        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var byFile: [Int: CommandResult] = [:]
        }
        let results = Results()
        let group = DispatchGroup()
        for (index, file) in [try Self.transcript("A", 300), try Self.transcript("B", 200)].enumerated() {
            let arguments = ["testimony", "transcript", "add", session, "--file", file.path, "--allow-superuser",
                             "--database-url", cli.database.conninfo]
            DispatchQueue.global().async(group: group) {
                let result = try? runInquest(arguments)
                results.lock.withLock { results.byFile[index] = result }
            }
        }
        let bothWaiting = waitUntil(seconds: 60) {
            let waiting = try? observer.query("""
                select count(*) as n from pg_stat_activity
                where datname = current_database() and application_name = 'inquest' and wait_event_type = 'Lock'
                """).first?.decode(Int.self, "n")
            return waiting == 2
        }
        try holder.executeScript("commit")
        try #require(bothWaiting, "the two imports never both waited")
        try #require(group.wait(timeout: .now() + 120) == .success, "the imports did not finish within 120 s")
        for index in 0..<2 {
            let result = results.lock.withLock { results.byFile[index] }
            #expect(result?.status == 0, "\(result?.stderr ?? "not run")")
        }
        let all = try segments()
        #expect(all.map(\.ordinal) == Array(1...500))
        // Each import is one contiguous run, in its file's order, whichever went first.
        let a = (1...300).map { "A-\($0)" }, b = (1...200).map { "B-\($0)" }
        let texts = all.map(\.text)
        #expect(texts == a + b || texts == b + a)
    }
}
