import Foundation
import Testing
import TestSupport

@Suite("inquest event and inquest statement")
struct ChronologyCommandTests {
    @Test("events with partial dates: list ordered and filtered on bounds, participants in show")
    func events() throws {
        let cli = try RecordsCLI()
        let mahallati = try cli.created(["person", "add", "--case", "IR-1988", "--name", "Mohammad Jafar Mahallati"])
        let resolution = try cli.created(["event", "add", "--case", "IR-1988", "--kind", "resolution",
                                          "--title", "General Assembly resolution 43/137", "--date", "1988-12-08"])
        let meeting = try cli.created(["event", "add", "--case", "IR-1988", "--kind", "meeting",
                                       "--title", "Second meeting with the Special Representative", "--date", "1988-11-29",
                                       "--place", "New York"])
        let killings = try cli.created(["event", "add", "--case", "IR-1988", "--kind", "execution",
                                        "--title", "Executions", "--date", "[1988-08-24,1988-08-26]"])
        let broadcast = try cli.created(["event", "add", "--case", "IR-1988", "--kind", "broadcast",
                                         "--title", "BBC World Service interview", "--date", "1988-12"])

        let all = try cli.list(["event", "list", "--case", "IR-1988"])
        #expect(all.compactMap { $0["key"] as? String } == [killings, meeting, broadcast, resolution])
        #expect(all.first?["date"] as? String == "[1988-08-24,1988-08-26]")
        let december = try cli.list(["event", "list", "--from", "1988-12", "--to", "1988-12"])
        #expect(december.compactMap { $0["key"] as? String } == [broadcast, resolution])
        let bad = try cli.run(["event", "list", "--to", "1988-12-32"])
        #expect(bad.status == 65 && bad.stderr.contains("to"))
        let badKind = try cli.run(["event", "add", "--case", "IR-1988", "--kind", "party", "--title", "x"])
        #expect(badKind.status == 65 && badKind.stderr.contains("event_kind_valid"))

        _ = try cli.created(["event", "participant", "add", meeting, mahallati, "--role", "attendee"])
        _ = try cli.created(["event", "participant", "add", meeting, "--name", "UN Special Representative", "--role", "attendee"])
        #expect(try cli.run(["event", "participant", "add", meeting, "--role", "attendee"]).status == 64)
        #expect(try cli.run(["event", "participant", "add", meeting, mahallati, "--name", "x", "--role", "attendee"]).status == 64)
        #expect(try cli.run(["event", "participant", "add", "EV-999", mahallati, "--role", "attendee"]).status == 66)
        let shown = try cli.object(["event", "show", meeting])
        let event = try #require(shown["event"] as? [String: Any])
        #expect(event["date"] as? String == "1988-11-29" && event["place"] as? String == "New York")
        let participants = try #require(shown["participants"] as? [[String: Any]])
        #expect(participants.compactMap { $0["name"] as? String } == ["Mohammad Jafar Mahallati", "UN Special Representative"])
    }

    @Test("statements: repeatable classification, filters, show with the evidence that contradicts them")
    func statements() throws {
        let cli = try RecordsCLI()
        let mahallati = try cli.created(["person", "add", "--case", "IR-1988", "--name", "Mohammad Jafar Mahallati"])
        let mousavi = try cli.created(["person", "add", "--case", "IR-1988", "--name", "Mohammad Ali Mousavi"])
        let post = try cli.created(["person", "position", "add", mahallati, "--title", "Permanent Representative",
                                    "--place", "New York", "--attested", "1988-11/1989-02"])
        let letter = try cli.created(["statement", "add", "--person", mahallati, "--medium", "letter",
                                      "--classification", "denial", "--classification", "misinformation",
                                      "--date", "1989-02-28", "--audience", "Amnesty International",
                                      "--quotation", "false claims and fake evidence by terrorist groups", "--position", post])
        let ottawa = try cli.created(["statement", "add", "--person", mousavi, "--medium", "meeting", "--classification", "misinformation",
                                      "--date", "1988-12-22", "--venue", "Iranian embassy, Ottawa",
                                      "--quotation", "self-defensive killings in the context of battle"])
        let interview = try cli.created(["statement", "add", "--person", mahallati, "--medium", "interview",
                                         "--classification", "denial", "--date", "2022-06-16",
                                         "--summary", "Said he was not aware of the mass executions"])
        #expect(try cli.run(["statement", "add", "--person", mahallati, "--medium", "letter", "--quotation", "x"]).status == 64)
        let wrongPost = try cli.run(["statement", "add", "--person", mousavi, "--medium", "letter", "--classification", "denial",
                                     "--quotation", "x", "--position", post])
        #expect(wrongPost.status == 65 && wrongPost.stderr.contains("statement_position_fk"))

        let misinformation = try cli.list(["statement", "list", "--classification", "misinformation"])
        #expect(misinformation.compactMap { $0["key"] as? String } == [ottawa, letter])
        let his = try cli.list(["statement", "list", "--person", mahallati, "--case", "IR-1988"])
        #expect(his.compactMap { $0["key"] as? String } == [letter, interview])
        #expect(his.first?["classification"] as? [String] == ["denial", "misinformation"])

        let report = try cli.created(["evidence", "add", "--case", "IR-1988", "--kind", "ngo_report",
                                      "--title", "Biggest wave of political executions in Iran since early 1980s",
                                      "--amnesty-index", "MDE 13/031/88", "--date", "1988-12-13"])
        _ = try cli.created(["link", "add", report, letter, "--relation", "contradicts", "--locator", "p. 1"])
        let shown = try cli.object(["statement", "show", letter])
        let statement = try #require(shown["statement"] as? [String: Any])
        #expect(statement["position"] as? String == post)
        #expect(statement["quotation"] as? String == "false claims and fake evidence by terrorist groups")
        #expect(statement["wording"] as? String == "verbatim")
        let links = try #require(shown["links"] as? [[String: Any]])
        #expect(links.count == 1)
        #expect(links.first?["evidence"] as? String == report)
        #expect(links.first?["relation"] as? String == "contradicts")
        #expect(try cli.run(["statement", "show", "ST-999"]).status == 66)
    }
}
