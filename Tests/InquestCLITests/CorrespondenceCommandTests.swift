import Foundation
import Testing
import TestSupport

@Suite("inquest correspondence")
struct CorrespondenceCommandTests {
    @Test("letters sent and received: add prints the key, list filters by person and direction, bad input writes nothing")
    func correspondence() throws {
        let cli = try RecordsCLI()
        let mahallati = try cli.created(["person", "add", "--case", "IR-1988", "--name", "Mohammad Jafar Mahallati"])
        let copy = try cli.created(["evidence", "add", "--case", "IR-1988", "--kind", "letter", "--title", "Reply of the mission"])
        let request = try cli.created(["correspondence", "add", "--case", "IR-1988", "--direction", "sent",
                                       "--counterpart", "Permanent Mission of Iran to the UN, New York", "--person", mahallati,
                                       "--dated", "2026-09-01", "--subject", "Request for the mission's 1988-1989 cable files",
                                       "--reference", "COM/IR/12"])
        #expect(request.hasPrefix("CO-"))
        let reply = try cli.created(["correspondence", "add", "--case", "IR-1988", "--direction", "received",
                                     "--counterpart", "Permanent Mission of Iran to the UN, New York", "--person", mahallati,
                                     "--dated", "2026-09-20", "--subject", "Refusal: the files are confidential", "--evidence", copy])

        let all = try cli.list(["correspondence", "list", "--case", "IR-1988"])
        #expect(all.compactMap { $0["key"] as? String } == [request, reply])
        #expect(all.last?["evidence"] as? String == copy && all.first?["person"] as? String == mahallati)
        let received = try cli.list(["correspondence", "list", "--person", mahallati, "--direction", "received"])
        #expect(received.compactMap { $0["key"] as? String } == [reply])

        // Bad input: each refused with its exit status and rule, nothing written.
        let other = try cli.created(["case", "create", "IR-1981", "--title", "Another case"])
        let stranger = try cli.created(["person", "add", "--case", other, "--name", "Someone Else"])
        let crossCase = try cli.run(["correspondence", "add", "--case", "IR-1988", "--direction", "sent", "--counterpart", "x",
                                     "--dated", "2026-09-01", "--subject", "x", "--person", stranger])
        #expect(crossCase.status == 65 && crossCase.stderr.contains("correspondence_person_fk"), "\(crossCase.stderr)")
        let badDirection = try cli.run(["correspondence", "add", "--case", "IR-1988", "--direction", "faxed", "--counterpart", "x",
                                        "--dated", "2026-09-01", "--subject", "x"])
        #expect(badDirection.status == 65 && badDirection.stderr.contains("correspondence_direction_valid"), "\(badDirection.stderr)")
        let blank = try cli.run(["correspondence", "add", "--case", "IR-1988", "--direction", "sent", "--counterpart", " ",
                                 "--dated", "2026-09-01", "--subject", "x"])
        #expect(blank.status == 65 && blank.stderr.contains("correspondence_counterpart_not_blank"), "\(blank.stderr)")
        let missing = try cli.run(["correspondence", "add", "--case", "IR-1988", "--direction", "sent", "--counterpart", "x",
                                   "--dated", "2026-09-01", "--subject", "x", "--evidence", "E-999"])
        #expect(missing.status == 66 && missing.stderr.contains("E-999"), "\(missing.stderr)")
        #expect(try cli.list(["correspondence", "list"]).count == 2)
    }
}
