import Foundation
import Testing
import TestSupport

@Suite("inquest link")
struct LinkCommandTests {
    @Test("link add/list/remove end to end, with integrity refusals and their exit codes")
    func endToEnd() throws {
        let cli = try RecordsCLI()
        _ = try cli.created(["case", "create", "CA-1988", "--title", "Ottawa"])
        let mahallati = try cli.created(["person", "add", "--case", "IR-1988", "--name", "Mohammad Jafar Mahallati",
                                         "--role", "to_be_summoned"])
        let mousavi = try cli.created(["person", "add", "--case", "CA-1988", "--name", "Mohammad Ali Mousavi"])
        let report = try cli.created(["evidence", "add", "--case", "IR-1988", "--kind", "un_document",
                                      "--title", "Report of the Special Representative", "--un-symbol", "E/CN.4/1989/26",
                                      "--date", "1989-01-26"])
        let meeting = try cli.created(["event", "add", "--case", "IR-1988", "--kind", "meeting",
                                       "--title", "Second meeting with the Special Representative", "--date", "1988-11-29"])

        let notified = try cli.created(["link", "add", report, mahallati, "--relation", "notified", "--locator", "para. 16",
                                        "--excerpt", "denied all reports of mass executions"])
        #expect(notified.hasPrefix("L-"))
        let reported = try cli.created(["link", "add", report, meeting, "--relation", "corroborates", "--stated-date", "1988-11-29"])

        let crossCase = try cli.run(["link", "add", report, mousavi, "--relation", "mentions"])
        #expect(crossCase.status == 65)
        #expect(crossCase.stderr.contains("different cases") && crossCase.stderr.contains("evidence_link_person_fk"))
        let missing = try cli.run(["link", "add", report, "ST-999", "--relation", "contradicts"])
        #expect(missing.status == 66 && missing.stderr.contains("ST-999"))
        let prefix = try cli.run(["link", "add", report, "Q-1", "--relation", "mentions"])
        #expect(prefix.status == 65 && prefix.stderr.contains("target"))
        let duplicate = try cli.run(["link", "add", report, mahallati, "--relation", "notified", "--locator", "para. 16"])
        #expect(duplicate.status == 67)

        let toPerson = try cli.list(["link", "list", "--target", mahallati])
        #expect(toPerson.count == 1)
        #expect(toPerson.first?["key"] as? String == notified)
        #expect(toPerson.first?["target_kind"] as? String == "person")
        #expect(toPerson.first?["target_summary"] as? String == "Mohammad Jafar Mahallati")
        #expect(toPerson.first?["locator"] as? String == "para. 16")
        #expect(toPerson.first?["excerpt"] as? String == "denied all reports of mass executions")
        let fromReport = try cli.list(["link", "list", "--evidence", report, "--case", "IR-1988"])
        #expect(fromReport.compactMap { $0["key"] as? String } == [reported, notified])
        #expect(try cli.list(["link", "list", "--case", "CA-1988"]).isEmpty)

        let shown = try cli.object(["event", "show", meeting])
        #expect((shown["links"] as? [[String: Any]])?.first?["evidence"] as? String == report)

        #expect(try cli.run(["link", "remove", reported]).status == 0)
        #expect(try cli.run(["link", "remove", reported]).status == 66)
        #expect(try cli.list(["link", "list", "--evidence", report]).count == 1)
    }
}
