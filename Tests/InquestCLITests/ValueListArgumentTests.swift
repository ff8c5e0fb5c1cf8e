import Foundation
import Testing
import TestSupport

@Suite("value lists on the command line")
struct ValueListArgumentTests {
    /// No database behind this URL: a command that got as far as connecting would exit 69,
    /// so exit 65 shows the parser itself refused the value.
    static let nowhere = ["INQUEST_DATABASE_URL": "host=/nonexistent-inquest-socket dbname=none connect_timeout=1"]

    @Test("a value outside the list is refused by the parser: exit 65, the option, the accepted values and the rule", arguments: [
        (["summons", "list", "--status", "bogus"], "summons_status_valid",
         "--status: \"bogus\" is not one of draft, issued, served, appeared, declined, failed_to_appear, withdrawn"),
        (["person", "add", "--case", "IR-1988", "--name", "X", "--role", "witness", "--role", "bystander"],
         "person_role_role_valid", "--role: \"bystander\" is not one of to_be_summoned, witness,"),
        (["link", "add", "E-1", "P-1", "--relation", "proves"], "evidence_link_relation_valid",
         "--relation: \"proves\" is not one of mentions, corroborates,"),
        (["user", "grant", "bijan", "superuser"], "user_role_kind", "role: \"superuser\" is not one of admin, investigator, auditor, cleared"),
    ])
    func refusedByParser(_ arguments: [String], rule: String, message: String) throws {
        let result = try runInquest(arguments, environment: Self.nowhere)
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("error: " + message), "\(result.stderr)")
        #expect(result.stderr.contains("[rule: \(rule)]"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test("help lists the accepted values from the enum, and a value in the list gets past the parser")
    func helpAndAccepted() throws {
        let help = try runInquest(["evidence", "add", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("values: un_document, ngo_report, news_article"), "\(help.stdout)")
        let accepted = try runInquest(["summons", "list", "--status", "failed_to_appear"], environment: Self.nowhere)
        #expect(accepted.status == 69, "an accepted value reaches the database (here: none): \(accepted.stderr)")
        let usage = try runInquest(["summons", "list", "--status"], environment: Self.nowhere)
        #expect(usage.status == 64, "a missing value is a usage error as before: \(usage.stderr)")
    }
}
