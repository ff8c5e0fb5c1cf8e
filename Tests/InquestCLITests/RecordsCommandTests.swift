import Foundation
import Testing
import TestSupport

@Suite("Records through the binary: lifecycles, transcripts, errors")
struct RecordsCommandTests {
    let cli: CLI
    let person: String

    init() throws {
        cli = CLI(database: try TestDatabase())
        #expect(try cli.owner(["case", "create", "IR-1988", "--title", "Cover-up of the 1988 prison massacres"]).status == 0)
        let added = try cli.owner(["person", "add", "--case", "IR-1988", "--name", "Mohammad Mehdi Akhoundzadeh Basti",
                                   "--family", "Akhoundzadeh Basti", "--role", "to_be_summoned"])
        person = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("a summons moves through its lifecycle; an illegal step exits 65 naming both states")
    func summons() throws {
        let summons = try cli.owner(["summons", "create", "--person", person, "--legal-basis", "Commission statute, art. 12"])
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(summons.hasPrefix("S-"))
        let skip = try cli.owner(["summons", "appeared", summons])
        #expect(skip.status == 65)
        #expect(skip.stderr.contains("\"draft\"") && skip.stderr.contains("\"appeared\""))
        #expect(try cli.owner(["summons", "issue", summons, "--on", "2023-03-01"]).status == 0)
        #expect(try cli.owner(["summons", "serve", summons, "--on", "2023-03-08", "--method", "diplomatic_channel"]).status == 0)
        #expect(try cli.owner(["summons", "declined", summons]).status == 0)
        let shown = try CLI.json(try cli.owner(["summons", "show", summons, "--format", "json"])) as? [String: Any]
        let record = shown?["summons"] as? [String: Any]
        #expect(record?["status"] as? String == "declined")
        #expect(record?["served_on"] as? String == "2023-03-08")
        #expect(try cli.owner(["summons", "issue", "S-999999"]).status == 66)
    }

    @Test("a transcript with a malformed line exits 65, names the line, and imports nothing")
    func transcript() throws {
        let session = try cli.owner(["testimony", "schedule", "--deponent", person, "--language", "fa"])
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let directory = FileManager.default.temporaryDirectory
        let bad = directory.appending(path: TestEnvironment.uniqueName("bad") + ".txt")
        try "[00:00:05] INTERVIEWER: Your post in December 1988?\n[00:00:9] WITNESS: Chargé d'affaires\n".write(to: bad, atomically: true, encoding: .utf8)
        let refused = try cli.owner(["testimony", "transcript", "add", session, "--file", bad.path])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("line 2"))
        let empty = try CLI.json(try cli.owner(["testimony", "transcript", "show", session, "--format", "json"])) as? [[String: Any]]
        #expect(empty?.isEmpty == true)

        let good = directory.appending(path: TestEnvironment.uniqueName("good") + ".txt")
        try "# demo\n[00:00:05] INTERVIEWER: Your post in December 1988?\n[00:02:46] WITNESS: کاردار در لندن\n> Chargé d'affaires in London.\n"
            .write(to: good, atomically: true, encoding: .utf8)
        let added = try cli.owner(["testimony", "transcript", "add", session, "--file", good.path, "--language", "fa",
                                   "--translation-language", "en"])
        #expect(added.status == 0, "\(added.stderr)")
        let segments = try CLI.json(try cli.owner(["testimony", "transcript", "show", session, "--format", "json"])) as? [[String: Any]]
        #expect(segments?.count == 2)
        #expect(segments?.last?["time_offset"] as? String == "00:02:46")
        #expect(segments?.last?["original_text"] as? String == "کاردار در لندن")
        #expect(segments?.last?["translation"] as? String == "Chargé d'affaires in London.")
    }

    @Test("partial dates are printed back as given; an impossible one exits 65 naming the column")
    func partialDates() throws {
        #expect(try cli.owner(["person", "position", "add", person, "--title", "Chargé d'affaires", "--place", "London",
                               "--attested", "[1988-12,1989-01]"]).status == 0)
        let bad = try cli.owner(["person", "position", "add", person, "--title", "X", "--from", "1988-02-30"])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("start_date") && bad.stderr.contains("1988-02-30"))
        let shown = try CLI.json(try cli.owner(["person", "show", person, "--format", "json"])) as? [String: Any]
        let positions = shown?["positions"] as? [[String: Any]]
        #expect(positions?.count == 1)
        #expect((positions?.first?["attested"] as? [String: Any])?["text"] as? String == "[1988-12,1989-01]")
    }

    @Test("person search finds a name under another spelling and across scripts")
    func search() throws {
        let nouri = try cli.owner(["person", "add", "--case", "IR-1988", "--name", "Abdollah Nouri", "--family", "Nouri"])
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try cli.owner(["person", "name", "add", nouri, "--name", "عبدالله نوری", "--script", "persian",
                               "--kind", "transliteration"]).status == 0)
        for query in ["Noori", "Akhondzadeh", "نوری"] {
            let found = try CLI.json(try cli.owner(["person", "search", query, "--case", "IR-1988", "--format", "json"])) as? [[String: Any]]
            let expected = query == "Akhondzadeh" ? person : nouri
            #expect(found?.first?["key"] as? String == expected, "\(query)")
        }
        #expect(try cli.owner(["person", "search", " "]).status == 65)
        // person add refuses a likely duplicate (issue 13); a record made under another name
        // that later gains the spelling is one
        #expect(try cli.owner(["person", "add", "--case", "IR-1988", "--name", "Mohammad Mehdi Akhondzadeh Basti"]).status == 67)
        let duplicates = try cli.owner(["person", "add", "--case", "IR-1988", "--name", "Mehdi Basti"])
        #expect(duplicates.status == 0, "\(duplicates.stderr)")
        #expect(try cli.owner(["person", "name", "add", duplicates.stdout.trimmingCharacters(in: .whitespacesAndNewlines),
                               "--name", "Mohammad Mehdi Akhondzadeh Basti", "--kind", "alias"]).status == 0)
        let pairs = try CLI.json(try cli.owner(["person", "duplicates", "--case", "IR-1988", "--format", "json"])) as? [[String: Any]]
        #expect(pairs?.contains { ($0["person_a"] as? String) == person || ($0["person_b"] as? String) == person } == true)
        // Merge the duplicate into the first record: its name stays findable, as an alias.
        let other = duplicates.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try cli.owner(["person", "merge", person, other]).status == 0)
        #expect(try cli.owner(["person", "show", other]).status == 66)
        let names = (try CLI.json(try cli.owner(["person", "show", person, "--format", "json"])) as? [String: Any])?["names"] as? [[String: Any]]
        #expect(names?.contains { $0["name"] as? String == "Mohammad Mehdi Akhondzadeh Basti" && $0["kind"] as? String == "alias" } == true)
        #expect(try cli.owner(["person", "merge", person, person]).status == 65)
    }

    @Test("csv output quotes fields with commas and quotes (RFC 4180)")
    func csv() throws {
        #expect(try cli.owner(["person", "add", "--case", "IR-1988", "--name", "Nouri, \"Abdollah\""]).status == 0)
        let csv = try cli.owner(["person", "list", "--case", "IR-1988", "--format", "csv"]).stdout
        #expect(csv.hasPrefix("key,case,name,protected,roles\r\n"))
        #expect(csv.contains("\"Nouri, \"\"Abdollah\"\"\""))
    }
}
