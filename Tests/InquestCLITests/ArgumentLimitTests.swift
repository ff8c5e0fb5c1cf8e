import Foundation
import Testing
import TestSupport

@Suite("Argument parsing stays cheap whatever the command line")
struct ArgumentLimitTests {
    @Test("an option repeated past the limit is refused before parsing, naming the option and the limit")
    func tooManyArguments() throws {
        // 600 repetitions: 1,200 arguments and more, over the limit of 1,000.
        let repeated = (1...600).flatMap { ["--interviewer", "Interviewer \($0)"] }
        let refused = try runInquest(["testimony", "schedule", "--deponent", "P-1"] + repeated
                                     + ["--database-url", "dbname=nonexistent_\(UUID().uuidString.prefix(8))"])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("--interviewer appears 600 times"), "\(refused.stderr)")
        #expect(refused.stderr.contains("at most 1000") && refused.stderr.contains("argument-limit"), "\(refused.stderr)")
    }

    @Test("an ordinary number of repetitions still works")
    func ordinaryRepetitions() throws {
        let cli = CLI(database: try TestDatabase())
        #expect(try cli.owner(["case", "create", "IR-1988", "--title", "Cover-up"]).status == 0)
        let person = try cli.owner(["person", "add", "--case", "IR-1988", "--name", "Witness 3"])
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let interviewers = (1...40).map { "Interviewer \($0)" }
        let scheduled = try cli.owner(["testimony", "schedule", "--deponent", person] + interviewers.flatMap { ["--interviewer", $0] })
        #expect(scheduled.status == 0, "\(scheduled.stderr)")
        let session = scheduled.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let shown = try CLI.json(try cli.owner(["testimony", "show", session, "--format", "json"])) as? [String: Any]
        #expect((shown?["session"] as? [String: Any])?["interviewers"] as? [String] == interviewers)
    }
}
