import Foundation
import Testing
import TestSupport

/// Issue 13 through the binary: names as people write them, records as the sources give
/// them, one JSON language, and bad input that ends.
@Suite("names, partial dates and JSON conventions")
struct NamesAndDatesCommandTests {
    @Test("person add detects Persian script, as import does")
    func scriptDetected() throws {
        let cli = try RecordsCLI()
        let result = try cli.run(["person", "add", "--case", "IR-1988", "--name", "محمود واعظی"])
        #expect(result.status == 0, "\(result.stderr)")
        let key = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let shown = try cli.object(["person", "show", key])
        let names = try #require(shown["names"] as? [[String: Any]])
        #expect(names.first?["script"] as? String == "persian")
    }

    @Test("person add refuses a likely duplicate, naming it; --distinct-from records a different person")
    func duplicateCheckOnAdd() throws {
        let cli = try RecordsCLI()
        let nouri = try cli.created(["person", "add", "--case", "IR-1988", "--name", "Abdollah Nouri"])
        let refused = try cli.run(["person", "add", "--case", "IR-1988", "--name", "Abdullah Noori"])
        #expect(refused.status == 67)
        #expect(refused.stderr.contains("likely the same person as \(nouri) (Abdollah Nouri)"), "\(refused.stderr)")
        #expect(refused.stderr.contains("--distinct-from \(nouri)"))
        #expect(try cli.list(["person", "list", "--case", "IR-1988"]).count == 1, "nothing half-written")
        // across scripts too, through the same rule as the duplicate report
        #expect(try cli.run(["person", "add", "--case", "IR-1988", "--name", "عبدالله نوری"]).status == 67)

        let son = try cli.created(["person", "add", "--case", "IR-1988", "--name", "Abdullah Noori",
                                   "--distinct-from", nouri, "--reason", "the son, a different person"])
        #expect(son.hasPrefix("P-"))
        let duplicates = try cli.list(["person", "duplicates", "--case", "IR-1988"])
        #expect(!duplicates.contains { [$0["person_a"] as? String, $0["person_b"] as? String].contains(son) },
                "the asserted pair is not reported again: \(duplicates)")

        // an existing pair can be asserted afterwards
        let third = try cli.created(["person", "add", "--case", "IR-1988", "--name", "Mohammad Mahallati"])
        let other = try cli.created(["person", "add", "--case", "IR-1988", "--name", "محمد محلاتی", "--distinct-from", third])
        #expect(try cli.run(["person", "distinct", other, other]).status == 65)
    }

    @Test("import persons: the same duplicate check; distinct_from records a different person")
    func importDistinctFrom() throws {
        let cli = try RecordsCLI()
        let father = try cli.created(["person", "add", "--case", "IR-1988", "--name", "Ali Nouri"])
        let directory = FileManager.default.temporaryDirectory.appending(path: TestEnvironment.uniqueName("cli-distinct"))
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let plain = directory.appending(path: "plain.csv")
        try Data("name\nعلی نوری\n".utf8).write(to: plain)
        let refused = try cli.run(["import", "persons", plain.path, "--case", "IR-1988"])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("may be \(father)"), "\(refused.stderr)")
        let marked = directory.appending(path: "marked.csv")
        try Data("name,distinct_from\nعلی نوری,\(father)\n".utf8).write(to: marked)
        let loaded = try cli.json(["import", "persons", marked.path, "--case", "IR-1988"])
        #expect((loaded as? [String: Any])?["persons"] as? Int == 1, "\(loaded)")
        #expect(try cli.list(["person", "duplicates", "--case", "IR-1988"]).isEmpty, "the asserted pair is not reported")
        let unknown = directory.appending(path: "unknown.csv")
        try Data("name,distinct_from\nHassan Nouri,P-999\n".utf8).write(to: unknown)
        let bad = try cli.run(["import", "persons", unknown.path, "--case", "IR-1988"])
        #expect(bad.status == 65 && bad.stderr.contains("distinct_from P-999"), "\(bad.stderr)")
    }

    @Test("import of /dev/zero and /dev/urandom ends with exit 65, the problem named, nothing written")
    func binaryInputEnds() throws {
        let cli = try RecordsCLI()
        for (device, format) in [("/dev/zero", "csv"), ("/dev/urandom", "csv"), ("/dev/zero", "jsonl"), ("/dev/urandom", "jsonl")] {
            let result = try runBounded(["import", "persons", device, "--case", "IR-1988", "--input-format", format,
                                         "--allow-superuser", "--database-url", cli.database.conninfo], deadline: 120)
            #expect(result.status == 65, "\(device) \(format): \(result.stderr.prefix(300))")
            #expect(result.stderr.contains("nothing was imported"))
            #expect(result.stderr.contains("reading stopped here"), "\(result.stderr.prefix(300))")
            #expect(result.stderr.utf8.count < 20_000, "the list of problems is capped")
        }
        #expect(try cli.list(["person", "list", "--case", "IR-1988"]).isEmpty)
    }

    @Test("a file with many bad rows lists 100 problems, then how many more")
    func problemsCapped() throws {
        let cli = try RecordsCLI()
        let directory = FileManager.default.temporaryDirectory.appending(path: TestEnvironment.uniqueName("cli-cap"))
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appending(path: "persons.csv")
        try Data(("name,protected\n" + (1...250).map { "Person \($0),perhaps\n" }.joined()).utf8).write(to: file)
        let result = try cli.run(["import", "persons", file.path, "--case", "IR-1988"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("250 problems; nothing was imported"), "\(result.stderr.prefix(200))")
        #expect(result.stderr.contains("… and 150 more"))
    }

    @Test("JSON: a post still held, partial dates as objects, a summary without wording, import as one object")
    func jsonConventions() throws {
        let cli = try RecordsCLI()
        let velayati = try cli.created(["person", "add", "--case", "IR-1988", "--name", "Ali Akbar Velayati"])
        _ = try cli.created(["person", "position", "add", velayati, "--title", "Adviser", "--from", "2019-03", "--to", ".."])
        _ = try cli.created(["person", "position", "add", velayati, "--title", "Minister of Foreign Affairs", "--from", "1981-12~"])
        _ = try cli.created(["statement", "add", "--person", velayati, "--date", "1988-12", "--medium", "interview",
                             "--summary", "Denied that executions took place", "--classification", "denial"])
        let shown = try cli.object(["person", "show", velayati])
        let positions = try #require(shown["positions"] as? [[String: Any]])
        let adviser = try #require(positions.first { $0["title"] as? String == "Adviser" })
        let end = try #require(adviser["end_date"] as? [String: Any])
        #expect(end["text"] as? String == "..")
        #expect(end["end"] as? String == "open")
        let minister = try #require(positions.first { $0["title"] as? String == "Minister of Foreign Affairs" })
        let start = try #require(minister["start_date"] as? [String: Any])
        #expect(start["certainty"] as? String == "approximate")
        #expect(start["earliest"] as? String == "1981-11-01" && start["latest"] as? String == "1982-01-31")
        #expect(start["precision"] as? String == "month")
        #expect(minister["end_date"] is NSNull, "a missing value is null")
        let statements = try #require(shown["statements"] as? [[String: Any]])
        #expect(statements.first?["wording"] is NSNull, "a summary has no wording: \(statements)")

        let timeline = try cli.list(["person", "timeline", velayati, "--as-of", "2020-01-01"])
        let held = try #require(timeline.first { ($0["summary"] as? String)?.hasPrefix("Adviser") == true })
        #expect((held["date"] as? [String: Any])?["text"] as? String == "2019-03/..")
        #expect(held["by_then"] is NSNull, "a post held since 2019 had begun by 2020: \(held)")
        let ministry = try #require(timeline.first { ($0["summary"] as? String)?.hasPrefix("Minister") == true })
        #expect((ministry["date"] as? [String: Any])?["text"] as? String == "1981-12~/", "end not recorded, not one month")

        let directory = FileManager.default.temporaryDirectory.appending(path: TestEnvironment.uniqueName("cli-json"))
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appending(path: "persons.csv")
        try Data("name\nHossein Ali Nayyeri\n".utf8).write(to: file)
        let imported = try cli.json(["import", "persons", file.path, "--case", "IR-1988"])
        #expect((imported as? [String: Any])?["persons"] as? Int == 1, "one import, one object: \(imported)")
    }

    @Test("a broken check names the command-line option, not only the constraint")
    func checkNamesTheOption() throws {
        let cli = try RecordsCLI()
        let result = try cli.run(["person", "add", "--case", "IR-1988", "--name", "Hossein Ali Nayyeri", "--role", "judge"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("--role"), "\(result.stderr)")
        #expect(!result.stderr.contains("violates check constraint"), "\(result.stderr)")
        #expect(try cli.list(["person", "list", "--case", "IR-1988"]).isEmpty, "nothing half-written")
    }

    @Test("a date error states the grammar once, in under 200 characters")
    func dateErrorShort() throws {
        let cli = try RecordsCLI()
        let person = try cli.created(["person", "add", "--case", "IR-1988", "--name", "Hossein Ali Nayyeri"])
        let result = try cli.run(["person", "position", "add", person, "--title", "Judge", "--from", "1988-13"])
        #expect(result.status == 65)
        let grammar = "write 1988, 1988-12 or 1988-08-24"
        #expect(result.stderr.components(separatedBy: grammar).count == 2, "the grammar once: \(result.stderr)")
        let hint = try #require(result.stderr.range(of: grammar))
        let stated = result.stderr[hint.lowerBound...].prefix { $0 != "[" && $0 != "\n" }
        #expect(stated.trimmingCharacters(in: .whitespaces).count < 200, "\(stated)")
    }
}

/// Runs the binary with a deadline: a run past it is killed and fails the test (for
/// "must end", never for speed).
func runBounded(_ arguments: [String], deadline seconds: Double) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = TestEnvironment.binary
    process.arguments = arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let group = DispatchGroup()
    nonisolated(unsafe) var outData = Data(), errData = Data()
    group.enter()
    DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
    group.enter()
    DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
    if group.wait(timeout: .now() + seconds) == .timedOut {
        process.terminate()
        process.waitUntilExit()
        Issue.record("inquest \(arguments.prefix(3).joined(separator: " ")) did not end within \(Int(seconds)) s")
        return (status: -1, stdout: "", stderr: "")
    }
    process.waitUntilExit()
    return (status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
}
