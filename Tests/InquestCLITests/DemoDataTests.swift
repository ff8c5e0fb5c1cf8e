import Foundation
import Testing
import TestSupport

@Suite("demo data")
struct DemoDataTests {
    /// Scripts/demo in this checkout.
    static let directory = URL(filePath: #filePath).deletingLastPathComponent().appending(path: "../../Scripts/demo").standardized

    @Test("the demo's files import cleanly, in the order Scripts/demo-data.sh loads them, with the counts it relies on")
    func filesImport() throws {
        let cli = try RecordsCLI()
        let expected: [(kind: String, file: String, counts: [String: Int])] = [
            ("evidence", "evidence.csv", ["evidence": 35]),
            ("persons", "persons.csv", ["persons": 24, "names": 46]),
            ("positions", "positions.csv", ["positions": 34]),
            ("events", "events.csv", ["events": 28]),
            ("links", "links.csv", ["links": 60]),
            ("links", "links-named.csv", ["links": 15]),
        ]
        for step in expected {
            let path = Self.directory.appending(path: step.file).path
            let imported = try cli.object(["import", step.kind, path, "--case", "IR-1988"])
            for (name, count) in step.counts {
                #expect(imported[name] as? Int == count, "\(step.file): \(name) in \(imported)")
            }
        }
        // Every participant row names an imported event and, where it names one, person.
        let refs = try String(contentsOf: Self.directory.appending(path: "participants.tsv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        #expect(refs.count == 42 && refs.allSatisfy { $0.count == 5 }, "five tab-separated fields, - for none")
        let events = Set(try csvColumn("events.csv", "ref")), persons = Set(try csvColumn("persons.csv", "ref"))
        #expect(refs.filter { !events.contains(String($0[0])) || ($0[1] != "-" && !persons.contains(String($0[1]))) } == [])
    }

    /// The values of `column` in a demo CSV file whose fields hold no quoted commas before it.
    func csvColumn(_ file: String, _ column: String) throws -> [String] {
        let lines = try String(contentsOf: Self.directory.appending(path: file), encoding: .utf8).split(separator: "\n")
        let index = try #require(lines.first?.split(separator: ",").firstIndex(of: Substring(column)))
        return lines.dropFirst().map { String($0.split(separator: ",", omittingEmptySubsequences: false)[index]) }
    }
}
