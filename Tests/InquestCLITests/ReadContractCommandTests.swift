import Foundation
import Testing
import TestSupport

/// What `list` and `show` print does not change when they read through the schema's read
/// contract (Schema/objects/reads): person show and list to the byte, summons and disclosure show
/// and list member by member (their times and day counts depend on the clock).
@Suite("Read contract through the binary: the JSON of list and show")
struct ReadContractCommandTests {
    @Test("person, summons and disclosure list and show print the same JSON")
    func json() throws {
        let cli = CLI(database: try TestDatabase())
        func run(_ arguments: [String]) throws -> String { try Self.printed(cli, arguments).trimmingCharacters(in: .whitespacesAndNewlines) }
        _ = try run(["case", "create", "IR-1988", "--title", "Cover-up"])
        let person = try run(["person", "add", "--case", "IR-1988", "--name", "Mostafa Pourmohammadi", "--role", "to_be_summoned",
                              "--role", "official", "--description", "Deputy Minister"])
        _ = try run(["person", "name", "add", person, "--name", "مصطفی پورمحمدی", "--kind", "alias", "--script", "persian", "--language", "fa"])
        _ = try run(["person", "position", "add", person, "--title", "Deputy Minister of Intelligence", "--from", "1987", "--to", "1990"])
        let summons = try run(["summons", "create", "--person", person, "--legal-basis", "statute, art. 12", "--appear-by", "2025-01-15"])
        let request = try run(["disclosure", "request", "--person", person, "--topic", "instructions_received",
                               "--question", "Which instructions?", "--summons", summons, "--requested-on", "2023-01-01", "--due", "2023-02-01"])
        #expect([person, summons, request] == ["P-1", "S-1", "D-1"])

        #expect(try run(["person", "show", person, "--format", "json"]) == Self.personShow.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(try run(["person", "list", "--format", "json"]) == Self.personList.trimmingCharacters(in: .whitespacesAndNewlines))

        func object(_ arguments: [String]) throws -> NSDictionary {
            try #require(JSONSerialization.jsonObject(with: Data(try run(arguments + ["--format", "json"]).utf8)) as? NSDictionary)
        }
        func array(_ arguments: [String]) throws -> [NSDictionary] {
            try #require(JSONSerialization.jsonObject(with: Data(try run(arguments + ["--format", "json"]).utf8)) as? [NSDictionary])
        }
        func without(_ object: Any?, _ volatile: Set<String>) -> NSDictionary? {
            (object as? [String: Any]).map { NSDictionary(dictionary: $0.filter { !volatile.contains($0.key) }) }
        }
        let disclosure: [String: Any] = ["key": "D-1", "topic": "instructions_received", "question": "Which instructions?",
                                         "due_on": "2023-02-01", "status": "open", "overdue": true]
        let shownSummons = try object(["summons", "show", summons])
        #expect(Set(shownSummons.allKeys as? [String] ?? []) == ["summons", "disclosures"])
        #expect(without(shownSummons["summons"], ["created_at", "updated_at"]) == NSDictionary(dictionary: [
            "key": "S-1", "case": "IR-1988", "person": "P-1", "name": "Mostafa Pourmohammadi", "status": "draft", "issued_on": NSNull(),
            "served_on": NSNull(), "appear_by": "2025-01-15", "service_method": NSNull(), "legal_basis": "statute, art. 12",
            "immunity": "none", "immunity_note": NSNull(), "purpose": NSNull(), "notes": NSNull()]))
        let summonsMembers = Set((shownSummons["summons"] as? [String: Any])?.keys.map { $0 } ?? [])
        #expect(summonsMembers.contains("created_at") && summonsMembers.contains("updated_at"))
        #expect((shownSummons["disclosures"] as? [NSDictionary]) == [NSDictionary(dictionary: disclosure)])
        #expect(try array(["summons", "list"]) == [NSDictionary(dictionary: [
            "key": "S-1", "case": "IR-1988", "person": "P-1", "name": "Mostafa Pourmohammadi", "status": "draft", "issued_on": NSNull(),
            "served_on": NSNull(), "appear_by": "2025-01-15", "immunity": "none"])])

        let shownRequest = try object(["disclosure", "show", request])
        #expect(Set(shownRequest.allKeys as? [String] ?? []) == ["request", "responses"])
        #expect(without(shownRequest["request"], ["days_overdue"]) == NSDictionary(dictionary: [
            "key": "D-1", "case": "IR-1988", "person": "P-1", "name": "Mostafa Pourmohammadi", "summons": "S-1",
            "topic": "instructions_received", "question": "Which instructions?", "requested_on": "2023-01-01", "due_on": "2023-02-01",
            "status": "open", "overdue": true]))
        #expect((shownRequest["request"] as? [String: Any])?["days_overdue"] is Int)
        #expect((shownRequest["responses"] as? [Any])?.isEmpty == true)
        let listed = try array(["disclosure", "list"])
        #expect(listed.count == 1 && without(listed.first, ["days_overdue"]) == NSDictionary(dictionary: [
            "key": "D-1", "case": "IR-1988", "person": "P-1", "name": "Mostafa Pourmohammadi", "topic": "instructions_received",
            "requested_on": "2023-01-01", "due_on": "2023-02-01", "status": "open", "overdue": true, "response_count": 0]))
    }

    static let personShow = #"""
        {
          "disclosures" : [
            {
              "due_on" : "2023-02-01",
              "key" : "D-1",
              "overdue" : true,
              "question" : "Which instructions?",
              "status" : "open",
              "topic" : "instructions_received"
            }
          ],
          "events" : [

          ],
          "evidence" : [

          ],
          "names" : [
            {
              "evidence" : null,
              "family_name" : null,
              "given_name" : null,
              "key" : "PN-1",
              "kind" : "primary",
              "language" : null,
              "name" : "Mostafa Pourmohammadi",
              "script" : "latin",
              "source_note" : null
            },
            {
              "evidence" : null,
              "family_name" : null,
              "given_name" : null,
              "key" : "PN-2",
              "kind" : "alias",
              "language" : "fa",
              "name" : "مصطفی پورمحمدی",
              "script" : "persian",
              "source_note" : null
            }
          ],
          "person" : {
            "case" : "IR-1988",
            "description" : "Deputy Minister",
            "key" : "P-1",
            "name" : "Mostafa Pourmohammadi",
            "name_known" : true,
            "notes" : null,
            "protected" : false,
            "roles" : [
              "official",
              "to_be_summoned"
            ]
          },
          "positions" : [
            {
              "attested" : null,
              "body" : null,
              "end_date" : {
                "certainty" : "certain",
                "earliest" : "1990-01-01",
                "end" : "known",
                "latest" : "1990-12-31",
                "precision" : "year",
                "start" : "known",
                "text" : "1990"
              },
              "evidence" : null,
              "key" : "PO-1",
              "place" : null,
              "source_note" : null,
              "start_date" : {
                "certainty" : "certain",
                "earliest" : "1987-01-01",
                "end" : "known",
                "latest" : "1987-12-31",
                "precision" : "year",
                "start" : "known",
                "text" : "1987"
              },
              "title" : "Deputy Minister of Intelligence"
            }
          ],
          "statements" : [

          ],
          "summonses" : [
            {
              "appear_by" : "2025-01-15",
              "immunity" : "none",
              "issued_on" : null,
              "key" : "S-1",
              "served_on" : null,
              "status" : "draft"
            }
          ],
          "testimony" : [

          ]
        }

        """#

    static let personList = #"""
        [
          {
            "case" : "IR-1988",
            "key" : "P-1",
            "name" : "Mostafa Pourmohammadi",
            "protected" : false,
            "roles" : [
              "official",
              "to_be_summoned"
            ]
          }
        ]

        """#
}
