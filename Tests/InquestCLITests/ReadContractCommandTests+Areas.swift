import Foundation
import Testing
import TestSupport

/// The JSON of the list and show commands of cases, events, statements, evidence, links,
/// time lines and correspondence, to the byte, as `main` printed it before these read
/// through the schema's read contract (captured from that build; the times of creation
/// and change, which depend on the clock, are masked as "…").
extension ReadContractCommandTests {
    @Test("case, event, statement, evidence, link, time line and correspondence list and show print the same JSON")
    func areas() throws {
        let cli = CLI(database: try TestDatabase())
        func run(_ arguments: [String]) throws -> String { try Self.printed(cli, arguments) }
        for arguments in [
            ["case", "create", "IR-1988", "--title", "Cover-up"],
            ["person", "add", "--case", "IR-1988", "--name", "Mostafa Pourmohammadi", "--role", "official"],
            ["event", "add", "--case", "IR-1988", "--kind", "meeting", "--title", "Meeting", "--date", "1988-08", "--place", "Tehran"],
            ["event", "participant", "add", "EV-1", "P-1", "--role", "attendee"],
            ["event", "participant", "add", "EV-1", "--name", "An outsider", "--role", "attendee", "--note", "named by K"],
            ["statement", "add", "--person", "P-1", "--medium", "interview", "--classification", "denial", "--date", "1988-12",
             "--quotation", "No one was executed.", "--event", "EV-1"],
            ["evidence", "add", "--case", "IR-1988", "--kind", "un_document", "--title", "Interim report", "--date", "1988-10-13",
             "--un-symbol", "A/43/705"],
            ["evidence", "fact", "add", "E-1", "--kind", "received", "--date", "1988-10-20", "--locator", "stamp"],
            ["evidence", "custody", "add", "E-1", "--action", "received", "--from", "UN archive", "--by", "clerk",
             "--at", "2024-01-02T10:00:00Z", "--location", "safe"],
            ["link", "add", "E-1", "ST-1", "--relation", "contradicts", "--locator", "para. 12"],
            ["link", "add", "E-1", "P-1", "--relation", "mentions", "--stated-date", "1988-09"],
            ["correspondence", "add", "--case", "IR-1988", "--direction", "sent", "--counterpart", "Ministry", "--dated", "2024-03-01",
             "--subject", "Request", "--person", "P-1", "--evidence", "E-1"],
        ] { _ = try run(arguments) }
        let stamp = try NSRegularExpression(pattern: #""(created_at|updated_at)" : "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ""#)
        for (arguments, expected) in Self.areaOutputs {
            let printed = try run(arguments + ["--format", "json"]).trimmingCharacters(in: .newlines)
            let masked = stamp.stringByReplacingMatches(in: printed, range: NSRange(printed.startIndex..., in: printed),
                                                        withTemplate: #""$1" : "…""#)
            #expect(masked == expected, "\(arguments.joined(separator: " "))")
        }
    }

    /// What the command printed as the owner; a failure is an issue.
    static func printed(_ cli: CLI, _ arguments: [String]) throws -> String {
        let result = try cli.owner(arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return result.stdout
    }

    static let areaOutputs: [([String], String)] = [
        (["case", "list"], #"""
            [
              {
                "closed_at" : null,
                "created_at" : "…",
                "key" : "C-1",
                "reference" : "IR-1988",
                "status" : "open",
                "title" : "Cover-up"
              }
            ]
            """#),
        (["case", "show", "IR-1988"], #"""
            {
              "assigned" : [

              ],
              "closed_at" : null,
              "created_at" : "…",
              "description" : null,
              "id" : 1,
              "key" : "C-1",
              "read_audit" : false,
              "reference" : "IR-1988",
              "status" : "open",
              "title" : "Cover-up"
            }
            """#),
        (["case", "summary", "IR-1988"], #"""
            {
              "counts" : [
                {
                  "count" : 1,
                  "state" : "all",
                  "what" : "events"
                },
                {
                  "count" : 1,
                  "state" : "all",
                  "what" : "people"
                },
                {
                  "count" : 1,
                  "state" : "all",
                  "what" : "statements"
                },
                {
                  "count" : 0,
                  "state" : "all",
                  "what" : "transcript segments"
                }
              ],
              "evidence" : [
                {
                  "count" : 1,
                  "kind" : "un_document",
                  "unlinked" : 0
                }
              ]
            }
            """#),
        (["case", "chronology", "IR-1988"], #"""
            [
              {
                "date" : "1988-08",
                "entry" : "event:meeting",
                "person" : null,
                "record" : "EV-1",
                "summary" : "Meeting, Tehran"
              },
              {
                "date" : "1988-10-13",
                "entry" : "evidence:un_document",
                "person" : null,
                "record" : "E-1",
                "summary" : "Interim report (A/43/705)"
              },
              {
                "date" : "1988-12",
                "entry" : "statement:denial",
                "person" : "Mostafa Pourmohammadi",
                "record" : "ST-1",
                "summary" : "No one was executed."
              }
            ]
            """#),
        (["event", "list"], #"""
            [
              {
                "case" : "IR-1988",
                "date" : "1988-08",
                "key" : "EV-1",
                "kind" : "meeting",
                "participants" : 2,
                "place" : "Tehran",
                "title" : "Meeting"
              }
            ]
            """#),
        (["event", "show", "EV-1"], #"""
            {
              "event" : {
                "case" : "IR-1988",
                "created_at" : "…",
                "date" : "1988-08",
                "date_from" : "1988-08-01",
                "date_precision" : "month",
                "date_to" : "1988-08-31",
                "description" : null,
                "key" : "EV-1",
                "kind" : "meeting",
                "notes" : null,
                "place" : "Tehran",
                "title" : "Meeting",
                "updated_at" : "…"
              },
              "links" : [

              ],
              "participants" : [
                {
                  "key" : "EP-1",
                  "name" : "Mostafa Pourmohammadi",
                  "note" : null,
                  "participant" : null,
                  "person" : "P-1",
                  "role" : "attendee"
                },
                {
                  "key" : "EP-2",
                  "name" : "An outsider",
                  "note" : "named by K",
                  "participant" : "An outsider",
                  "person" : null,
                  "role" : "attendee"
                }
              ],
              "statements" : [
                {
                  "classification" : [
                    "denial"
                  ],
                  "date" : "1988-12",
                  "key" : "ST-1",
                  "medium" : "interview",
                  "name" : "Mostafa Pourmohammadi",
                  "person" : "P-1",
                  "words" : "No one was executed."
                }
              ]
            }
            """#),
        (["statement", "list"], #"""
            [
              {
                "case" : "IR-1988",
                "classification" : [
                  "denial"
                ],
                "date" : "1988-12",
                "key" : "ST-1",
                "medium" : "interview",
                "name" : "Mostafa Pourmohammadi",
                "person" : "P-1",
                "words" : "No one was executed."
              }
            ]
            """#),
        (["statement", "show", "ST-1"], #"""
            {
              "links" : [
                {
                  "case" : "IR-1988",
                  "evidence" : "E-1",
                  "evidence_date" : {
                    "certainty" : "certain",
                    "earliest" : "1988-10-13",
                    "end" : "known",
                    "latest" : "1988-10-13",
                    "precision" : "day",
                    "start" : "known",
                    "text" : "1988-10-13"
                  },
                  "evidence_title" : "Interim report",
                  "excerpt" : null,
                  "key" : "L-1",
                  "locator" : "para. 12",
                  "note" : null,
                  "relation" : "contradicts",
                  "stated_date" : null,
                  "target" : "ST-1",
                  "target_kind" : "statement",
                  "target_summary" : "No one was executed."
                }
              ],
              "statement" : {
                "audience" : null,
                "case" : "IR-1988",
                "classification" : [
                  "denial"
                ],
                "created_at" : "…",
                "date" : "1988-12",
                "date_from" : "1988-12-01",
                "date_precision" : "month",
                "date_to" : "1988-12-31",
                "event" : "EV-1",
                "event_title" : "Meeting",
                "key" : "ST-1",
                "language" : null,
                "medium" : "interview",
                "name" : "Mostafa Pourmohammadi",
                "notes" : null,
                "person" : "P-1",
                "position" : null,
                "position_held" : null,
                "quotation" : "No one was executed.",
                "summary" : null,
                "translation" : null,
                "updated_at" : "…",
                "venue" : null,
                "wording" : "verbatim"
              }
            }
            """#),
        (["evidence", "list"], #"""
            [
              {
                "amnesty_index" : null,
                "case" : "IR-1988",
                "date" : "1988-10-13",
                "held_at" : null,
                "key" : "E-1",
                "kind" : "un_document",
                "other_identifier" : null,
                "title" : "Interim report",
                "un_symbol" : "A/43/705"
              }
            ]
            """#),
        (["evidence", "show", "E-1"], #"""
            {
              "custody" : [
                {
                  "action" : "received",
                  "at" : "2024-01-02T10:00:00Z",
                  "key" : "EC-1",
                  "location" : "safe",
                  "note" : null,
                  "received_by" : "clerk",
                  "received_from" : "UN archive",
                  "sha256" : null
                }
              ],
              "evidence" : {
                "amnesty_index" : null,
                "author" : null,
                "case" : "IR-1988",
                "citation" : null,
                "created_at" : "…",
                "date" : "1988-10-13",
                "date_from" : "1988-10-13",
                "date_precision" : "day",
                "date_to" : "1988-10-13",
                "file_name" : null,
                "file_sha256" : null,
                "file_size" : null,
                "held_at" : null,
                "key" : "E-1",
                "kind" : "un_document",
                "language" : null,
                "notes" : null,
                "original_title" : null,
                "other_identifier" : null,
                "publisher" : null,
                "title" : "Interim report",
                "un_symbol" : "A/43/705",
                "updated_at" : "…",
                "url" : null
              },
              "facts" : [
                {
                  "date" : {
                    "certainty" : "certain",
                    "earliest" : "1988-10-20",
                    "end" : "known",
                    "latest" : "1988-10-20",
                    "precision" : "day",
                    "start" : "known",
                    "text" : "1988-10-20"
                  },
                  "key" : "EF-1",
                  "kind" : "received",
                  "locator" : "stamp",
                  "note" : null
                }
              ],
              "links" : [
                {
                  "case" : "IR-1988",
                  "evidence" : "E-1",
                  "evidence_date" : {
                    "certainty" : "certain",
                    "earliest" : "1988-10-13",
                    "end" : "known",
                    "latest" : "1988-10-13",
                    "precision" : "day",
                    "start" : "known",
                    "text" : "1988-10-13"
                  },
                  "evidence_title" : "Interim report",
                  "excerpt" : null,
                  "key" : "L-2",
                  "locator" : null,
                  "note" : null,
                  "relation" : "mentions",
                  "stated_date" : {
                    "certainty" : "certain",
                    "earliest" : "1988-09-01",
                    "end" : "known",
                    "latest" : "1988-09-30",
                    "precision" : "month",
                    "start" : "known",
                    "text" : "1988-09"
                  },
                  "target" : "P-1",
                  "target_kind" : "person",
                  "target_summary" : "Mostafa Pourmohammadi"
                },
                {
                  "case" : "IR-1988",
                  "evidence" : "E-1",
                  "evidence_date" : {
                    "certainty" : "certain",
                    "earliest" : "1988-10-13",
                    "end" : "known",
                    "latest" : "1988-10-13",
                    "precision" : "day",
                    "start" : "known",
                    "text" : "1988-10-13"
                  },
                  "evidence_title" : "Interim report",
                  "excerpt" : null,
                  "key" : "L-1",
                  "locator" : "para. 12",
                  "note" : null,
                  "relation" : "contradicts",
                  "stated_date" : null,
                  "target" : "ST-1",
                  "target_kind" : "statement",
                  "target_summary" : "No one was executed."
                }
              ]
            }
            """#),
        (["link", "list"], #"""
            [
              {
                "case" : "IR-1988",
                "evidence" : "E-1",
                "evidence_date" : {
                  "certainty" : "certain",
                  "earliest" : "1988-10-13",
                  "end" : "known",
                  "latest" : "1988-10-13",
                  "precision" : "day",
                  "start" : "known",
                  "text" : "1988-10-13"
                },
                "evidence_title" : "Interim report",
                "excerpt" : null,
                "key" : "L-2",
                "locator" : null,
                "note" : null,
                "relation" : "mentions",
                "stated_date" : {
                  "certainty" : "certain",
                  "earliest" : "1988-09-01",
                  "end" : "known",
                  "latest" : "1988-09-30",
                  "precision" : "month",
                  "start" : "known",
                  "text" : "1988-09"
                },
                "target" : "P-1",
                "target_kind" : "person",
                "target_summary" : "Mostafa Pourmohammadi"
              },
              {
                "case" : "IR-1988",
                "evidence" : "E-1",
                "evidence_date" : {
                  "certainty" : "certain",
                  "earliest" : "1988-10-13",
                  "end" : "known",
                  "latest" : "1988-10-13",
                  "precision" : "day",
                  "start" : "known",
                  "text" : "1988-10-13"
                },
                "evidence_title" : "Interim report",
                "excerpt" : null,
                "key" : "L-1",
                "locator" : "para. 12",
                "note" : null,
                "relation" : "contradicts",
                "stated_date" : null,
                "target" : "ST-1",
                "target_kind" : "statement",
                "target_summary" : "No one was executed."
              }
            ]
            """#),
        (["correspondence", "list"], #"""
            [
              {
                "case" : "IR-1988",
                "counterpart" : "Ministry",
                "dated" : "2024-03-01",
                "direction" : "sent",
                "evidence" : "E-1",
                "key" : "CO-1",
                "person" : "P-1",
                "reference" : null,
                "subject" : "Request"
              }
            ]
            """#),
        (["person", "timeline", "P-1", "--solar-hijri"], #"""
            [
              {
                "by_then" : null,
                "date" : {
                  "certainty" : "certain",
                  "earliest" : "1988-08-01",
                  "end" : "known",
                  "latest" : "1988-08-31",
                  "precision" : "month",
                  "start" : "known",
                  "text" : "1988-08"
                },
                "earliest" : "1988-08-01",
                "earliest_solar_hijri" : "1367-05-10",
                "entry" : "event:attendee",
                "latest" : "1988-08-31",
                "record" : "EV-1",
                "summary" : "Meeting"
              },
              {
                "by_then" : null,
                "date" : {
                  "certainty" : "certain",
                  "earliest" : "1988-09-01",
                  "end" : "known",
                  "latest" : "1988-09-30",
                  "precision" : "month",
                  "start" : "known",
                  "text" : "1988-09"
                },
                "earliest" : "1988-09-01",
                "earliest_solar_hijri" : "1367-06-10",
                "entry" : "evidence:mentions",
                "latest" : "1988-09-30",
                "record" : "E-1",
                "summary" : "Interim report"
              },
              {
                "by_then" : null,
                "date" : {
                  "certainty" : "certain",
                  "earliest" : "1988-12-01",
                  "end" : "known",
                  "latest" : "1988-12-31",
                  "precision" : "month",
                  "start" : "known",
                  "text" : "1988-12"
                },
                "earliest" : "1988-12-01",
                "earliest_solar_hijri" : "1367-09-10",
                "entry" : "statement:denial",
                "latest" : "1988-12-31",
                "record" : "ST-1",
                "summary" : "No one was executed."
              }
            ]
            """#),
        (["person", "timeline", "P-1", "--as-of", "1988-09-15"], #"""
            [
              {
                "by_then" : null,
                "date" : {
                  "certainty" : "certain",
                  "earliest" : "1988-08-01",
                  "end" : "known",
                  "latest" : "1988-08-31",
                  "precision" : "month",
                  "start" : "known",
                  "text" : "1988-08"
                },
                "earliest" : "1988-08-01",
                "entry" : "event:attendee",
                "latest" : "1988-08-31",
                "record" : "EV-1",
                "summary" : "Meeting"
              },
              {
                "by_then" : "uncertain",
                "date" : {
                  "certainty" : "certain",
                  "earliest" : "1988-09-01",
                  "end" : "known",
                  "latest" : "1988-09-30",
                  "precision" : "month",
                  "start" : "known",
                  "text" : "1988-09"
                },
                "earliest" : "1988-09-01",
                "entry" : "evidence:mentions",
                "latest" : "1988-09-30",
                "record" : "E-1",
                "summary" : "Interim report"
              }
            ]
            """#),
    ]
}
