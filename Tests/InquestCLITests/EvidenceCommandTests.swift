import Foundation
import Testing
import TestSupport

@Suite("inquest evidence")
struct EvidenceCommandTests {
    static let abcSHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

    @Test("add with --file records the SHA-256 and size, opens the chain of custody; show and list in JSON")
    func addShowList() throws {
        let cli = try RecordsCLI()
        let directory = FileManager.default.temporaryDirectory.appending(path: TestEnvironment.uniqueName("cli-evidence"))
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appending(path: "A-43-705.txt")
        try Data("abc".utf8).write(to: file)

        let report = try cli.created(["evidence", "add", "--case", "IR-1988", "--kind", "un_document",
                                      "--title", "Situation of human rights in the Islamic Republic of Iran (interim report)",
                                      "--un-symbol", "A/43/705", "--date", "1988-10-13", "--language", "en",
                                      "--file", file.path])
        #expect(report.hasPrefix("E-"))
        let letter = try cli.created(["evidence", "add", "--case", "IR-1988", "--kind", "letter",
                                      "--title", "Letter from the Permanent Mission to Amnesty International",
                                      "--date", "1989-02-28", "--held-at", "on file with Amnesty International"])
        let appeals = try cli.created(["evidence", "add", "--case", "IR-1988", "--kind", "ngo_report",
                                       "--title", "Iran: Political executions", "--amnesty-index", "MDE 13/029/88", "--date", "1988-12"])
        let undated = try cli.created(["evidence", "add", "--case", "C-1", "--kind", "other", "--title", "Undated note"])

        let shown = try cli.object(["evidence", "show", report])
        let evidence = try #require(shown["evidence"] as? [String: Any])
        #expect(evidence["file_sha256"] as? String == Self.abcSHA256)
        #expect(evidence["file_size"] as? Int == 3)
        #expect(evidence["file_name"] as? String == "A-43-705.txt")
        #expect(evidence["un_symbol"] as? String == "A/43/705")
        #expect(evidence["case"] as? String == "IR-1988")
        let custody = try #require(shown["custody"] as? [[String: Any]])
        #expect(custody.count == 1)
        #expect(custody.first?["action"] as? String == "hashed")
        #expect(custody.first?["sha256"] as? String == Self.abcSHA256)
        #expect((shown["links"] as? [Any])?.isEmpty == true)

        let list = try cli.list(["evidence", "list", "--case", "IR-1988"])
        #expect(list.compactMap { $0["key"] as? String } == [report, appeals, letter, undated])
        #expect(list.map { $0["date"] as? String } == ["1988-10-13", "1988-12", "1989-02-28", nil])
        #expect(try cli.list(["evidence", "list", "--kind", "letter"]).compactMap { $0["key"] as? String } == [letter])
    }

    @Test("malformed identifiers exit 65 naming the rule; nothing is written", arguments: [
        ["--un-symbol", "A-43-705"], ["--un-symbol", "E/CN.4/1989/"], ["--amnesty-index", "MDE 13/31/88"],
        ["--amnesty-index", "mde 13/9421/2018"], ["--date", "1988-02-30"], ["--kind", "memo"],
    ])
    func invalid(option: [String]) throws {
        let cli = try RecordsCLI()
        let kind = option.first == "--kind" ? [] : ["--kind", "un_document"]
        let result = try cli.run(["evidence", "add", "--case", "IR-1988", "--title", "Bad"] + kind + option)
        #expect(result.status == 65, "\(result.stderr)")
        let rule = switch option[0] {
        case "--un-symbol": "evidence_un_symbol_format"
        case "--amnesty-index": "evidence_amnesty_index_format"
        case "--date": "evidence_date_valid"
        default: "evidence_kind_valid"
        }
        #expect(result.stderr.contains(rule))
        #expect(result.stderr.contains(option[1]))
        #expect(try cli.list(["evidence", "list"]).isEmpty)
    }

    @Test("custody add: parties required for a receipt, a changed file is flagged, update keeps the intake hash")
    func custodyAndUpdate() throws {
        let cli = try RecordsCLI()
        let file = FileManager.default.temporaryDirectory.appending(path: TestEnvironment.uniqueName("letter") + ".txt")
        try Data("abc".utf8).write(to: file)
        let letter = try cli.created(["evidence", "add", "--case", "IR-1988", "--kind", "letter", "--title", "Letter",
                                      "--file", file.path])
        let noParty = try cli.run(["evidence", "custody", "add", letter, "--action", "received", "--from", "Amnesty International"])
        #expect(noParty.status == 65 && noParty.stderr.contains("custody_entry_received_parties"))
        try Data("abd".utf8).write(to: file)
        let changed = try cli.run(["evidence", "custody", "add", letter, "--action", "received", "--from", "Amnesty International",
                                   "--by", "Commission registry", "--at", "2024-03-01T09:00:00Z", "--file", file.path])
        #expect(changed.status == 0)
        #expect(changed.stdout.hasPrefix("EC-"))
        #expect(changed.stderr.contains("differs from the one recorded at intake"))
        let update = try cli.run(["evidence", "update", letter, "--title", "Letter of 28 February 1989", "--date", "1989-02-28"])
        #expect(update.status == 0, "\(update.stderr)")
        let shown = try cli.object(["evidence", "show", letter])
        let evidence = try #require(shown["evidence"] as? [String: Any])
        #expect(evidence["title"] as? String == "Letter of 28 February 1989")
        #expect(evidence["file_sha256"] as? String == Self.abcSHA256)
        let custody = try #require(shown["custody"] as? [[String: Any]])
        // Ordered by when each step happened: the receipt is dated before today's intake hash.
        #expect(custody.compactMap { $0["action"] as? String } == ["received", "hashed"])
        #expect(custody.first?["at"] as? String == "2024-03-01T09:00:00Z")
        #expect(custody.first?["received_by"] as? String == "Commission registry")
        #expect(custody.first?["sha256"] as? String == "a52d159f262b2c6ddb724a61840befc36eb30c88877a4030b65cbe86298449c9")
    }

    @Test("a source's several dates: fact add records each with its kind, partial date and locator; show lists them by date; bad input exits 65")
    func datedFacts() throws {
        let cli = try RecordsCLI()
        let article = try cli.created(["evidence", "add", "--case", "IR-1988", "--kind", "news_article",
                                       "--title", "Deal for U.N. Rights Inquiry in Iran Crumbles", "--date", "1988-12"])
        let published = try cli.created(["evidence", "fact", "add", article, "--kind", "published", "--date", "1988-12-01",
                                         "--locator", "dateline"])
        #expect(published.hasPrefix("EF-"))
        _ = try cli.created(["evidence", "fact", "add", article, "--kind", "received", "--date", "1988-12~",
                             "--locator", "registry stamp", "--note", "clipping filed by the commission's press office"])
        _ = try cli.created(["evidence", "fact", "add", article, "--kind", "written", "--date", "1988-11-29/1988-11-30"])
        let facts = try #require(try cli.object(["evidence", "show", article])["facts"] as? [[String: Any]])
        #expect(facts.compactMap { $0["kind"] as? String } == ["received", "written", "published"],
                "ordered by the earliest day each date allows: 1988-12~ widens to November")
        let written = try #require(facts.first { $0["kind"] as? String == "written" })
        let date = try #require(written["date"] as? [String: Any])
        #expect(date["text"] as? String == "1988-11-29/1988-11-30")
        #expect(written["locator"] is NSNull)
        let table = try cli.run(["evidence", "show", article])
        #expect(table.stdout.contains("dateline") && table.stdout.contains("registry stamp"))

        let badKind = try cli.run(["evidence", "fact", "add", article, "--kind", "leaked", "--date", "1988"])
        #expect(badKind.status == 65 && badKind.stderr.contains("kind"), "\(badKind.stderr)")
        let badDate = try cli.run(["evidence", "fact", "add", article, "--kind", "published", "--date", "early December"])
        #expect(badDate.status == 65 && badDate.stderr.contains("date"), "\(badDate.stderr)")
        let twice = try cli.run(["evidence", "fact", "add", article, "--kind", "published", "--date", "1988-12-01", "--locator", "dateline"])
        #expect(twice.status == 67, "the same fact twice is a conflict: \(twice.stderr)")
        #expect(twice.stderr.contains("already held by \(published)"), "the conflict names the record: \(twice.stderr)")
        let again = try cli.run(["case", "create", "IR-1988", "--title", "Again"])
        #expect(again.status == 67 && again.stderr.contains("already held by C-1"), "\(again.stderr)")
        #expect(try cli.run(["evidence", "fact", "add", "E-999", "--kind", "published", "--date", "1988"]).status == 66)
    }

    @Test("unknown evidence exits 66; a missing required option exits 64")
    func exitCodes() throws {
        let cli = try RecordsCLI()
        #expect(try cli.run(["evidence", "show", "E-999"]).status == 66)
        #expect(try cli.run(["evidence", "custody", "add", "E-999", "--action", "examined"]).status == 66)
        #expect(try cli.run(["evidence", "add", "--case", "IR-1988", "--title", "No kind"]).status == 64)
        #expect(try cli.run(["evidence", "add", "--case", "IR-2099", "--kind", "letter", "--title", "x"]).status == 66)
    }
}
