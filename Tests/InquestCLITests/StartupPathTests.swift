import Foundation
import Testing
import TestSupport

/// What the start-up work (issue 14: `person show` against psql) moved or rewrote must still
/// say the same: the import kinds' columns in `import --help` (no longer built at every
/// start), the values help lists for `--format` and value lists (no longer found by
/// reflection), and the trimming of table lines (no longer through NSString).
@Suite("start-up paths keep their output")
struct StartupPathTests {
    @Test("import --help lists every kind with its columns")
    func importHelp() throws {
        let help = try runInquest(["import", "--help"])
        #expect(help.status == 0, "\(help.stderr)")
        for kind in ["persons:", "evidence:", "events:", "positions:", "links:"] {
            #expect(help.stdout.contains(kind), "\(kind) in \(help.stdout)")
        }
        #expect(help.stdout.contains("distinct_from: Persons already in the case"), "\(help.stdout)")
        #expect(help.stdout.contains("<persons|evidence|events|positions|links>"), "\(help.stdout)")
    }

    @Test("--format and value-list options list their values in help")
    func valuesHelp() throws {
        let help = try runInquest(["person", "add", "--help"])
        #expect(help.status == 0, "\(help.stderr)")
        #expect(help.stdout.contains("values: table, json, csv;"), "\(help.stdout)")
        #expect(help.stdout.contains("values: latin, persian"), "\(help.stdout)")
    }

    @Test("a table line loses trailing blanks (Unicode space separators too), the value in JSON stays exact")
    func tableTrimming() throws {
        let cli = try RecordsCLI()
        let person = try cli.created(["person", "add", "--case", "IR-1988", "--name", "Abdollah Nouri",
                                      "--description", "Witness\u{3000}\u{00A0} "])
        let shown = try cli.run(["person", "show", person])
        #expect(shown.status == 0, "\(shown.stderr)")
        let line = shown.stdout.split(separator: "\n").first { $0.hasPrefix("description") }
        #expect(line == "description  Witness", "\(shown.stdout)")
        let json = try cli.json(["person", "show", person]) as? [String: Any]
        #expect((json?["person"] as? [String: Any])?["description"] as? String == "Witness\u{3000}\u{00A0} ")
    }
}
