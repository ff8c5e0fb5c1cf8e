import Foundation
import Inquest
import Postgres
import Testing
import TestSupport

@Suite("Bulk import")
struct ImportTests {
    /// A file in a fresh temporary directory.
    func file(_ name: String, _ contents: String) throws -> URL {
        try file(name, Data(contents.utf8))
    }

    func file(_ name: String, _ data: Data) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appending(path: TestEnvironment.uniqueName("import"))
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appending(path: name)
        try data.write(to: url)
        return url
    }

    /// An investigator assigned to IR-1988, who imports (under row-level security).
    func investigator() throws -> (TestDatabase, owner: Session, session: Session) {
        let (database, owner) = try TestDatabase.withCase()
        let user = try database.user("investigator", assignedTo: ["IR-1988"], by: owner)
        return (database, owner, user.session)
    }

    func count(_ session: Session, _ table: String) throws -> Int {
        try session.connection.query("select count(*)::int as n from inquest." + table).first!.decode(Int.self, "n")
    }

    /// The message of the error `body` throws (the test fails if it throws none).
    func failure(_ body: () throws -> Void) -> String {
        do {
            try body()
            Issue.record("no error thrown")
            return ""
        } catch let error as InquestError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    static let persons = """
        ref,name,given_name,family_name,kind,script,roles,description,evidence
        A-1,Mohammad Jafar Mahallati,Mohammad Jafar,Mahallati,,,official;to_be_summoned,Permanent Representative to the United Nations,UN-1
        A-1,محمدجعفر محلاتی,,,transliteration,,,,
        A-1,"Mahallati, M. J.",,,source_spelling,,,,UN-1
        A-2,Ali Akbar Velayati,Ali Akbar,Velayati,,,official,"Minister of Foreign Affairs, 1981–1997",
        ,"The chargé d'affaires in Oslo",,,,,,"Name not recorded; ""chargé"" in the sources",

        """

    @Test("a clean file loads exactly, names grouped by ref, references resolved, every row audited")
    func cleanFile() throws {
        let (_, owner, session) = try investigator()
        let evidence = try file("evidence.jsonl", """
            {"ref": "UN-1", "kind": "un_document", "title": "Interim report of the Special Representative", "date": "1988-10-13", "un_symbol": "A/43/705", "language": "en"}
            {"ref": "AI-1", "kind": "ngo_report", "title": "Iran: Political executions", "date": "1988-12", "amnesty_index": "MDE 13/031/88"}

            """)
        let loadedEvidence = try session.write { transaction in try CaseImport(transaction).run(.evidence, file: evidence, case: "IR-1988") }
        #expect(loadedEvidence.counts.text("evidence") == "2")
        let loaded = try session.write { transaction in try CaseImport(transaction).run(.persons, file: try file("persons.csv", Self.persons), case: "IR-1988") }
        #expect(loaded.counts.text("persons") == "3")
        #expect(loaded.counts.text("names") == "5")
        #expect(loaded.records == 5)
        #expect(!loaded.dryRun)

        let names = try session.connection.query("""
            select p.external_ref, n.name, n.kind, n.script, e.external_ref as evidence
              from inquest.person_name n join inquest.person p on p.id = n.person_id
              left join inquest.evidence e on e.id = n.evidence_id order by n.id
            """).map { row in
            [try row.decode(String?.self, "external_ref"), try row.decode(String?.self, "name"), try row.decode(String?.self, "kind"),
             try row.decode(String?.self, "script"), try row.decode(String?.self, "evidence")]
        }
        #expect(names == [
            ["A-1", "Mohammad Jafar Mahallati", "primary", "latin", "UN-1"],
            ["A-1", "محمدجعفر محلاتی", "transliteration", "persian", nil],
            ["A-1", "Mahallati, M. J.", "source_spelling", "latin", "UN-1"],
            ["A-2", "Ali Akbar Velayati", "primary", "latin", nil],
            [nil, "The chargé d'affaires in Oslo", "primary", "latin", nil],
        ])
        let description = try session.connection.query(
            "select description from inquest.person where external_ref is null").first?.decode(String.self, "description")
        #expect(description == "Name not recorded; \"chargé\" in the sources")
        let roles = try session.connection.query(
            "select string_agg(r.role, ',' order by r.role) as roles from inquest.person_role r join inquest.person p on p.id = r.person_id where p.external_ref = 'A-1'")
        #expect(try roles.first?.decode(String.self, "roles") == "official,to_be_summoned")

        // A later file refers to what the earlier ones introduced, by ref or by key.
        let positions = try file("positions.csv", """
            person,title,body,attested,evidence
            A-1,Permanent Representative,Permanent Mission of Iran to the UN,1988-11/1989-02,UN-1
            A-2,Minister of Foreign Affairs,,1988,

            """)
        #expect(try session.write { transaction in try CaseImport(transaction).run(.positions, file: positions, case: "IR-1988") }.counts.text("positions") == "2")
        let links = try file("links.csv", "evidence,relation,person,locator\nAI-1,mentions,A-2,p. 5\nUN-1,notified,A-1,para. 47\n")
        #expect(try session.write { transaction in try CaseImport(transaction).run(.links, file: links, case: "IR-1988") }.counts.text("links") == "2")

        // Every imported row is in the audit queue, by the investigator.
        let audited = try owner.connection.query("""
            select table_name, count(*)::int as n from inquest_audit.event where operation = 'insert'
             and table_name in ('person', 'person_name', 'person_role', 'evidence', 'position', 'evidence_link')
             group by table_name order by table_name
            """).map { "\(try $0.decode(String.self, "table_name"))=\(try $0.decode(Int.self, "n"))" }
        #expect(audited == ["evidence=2", "evidence_link=2", "person=3", "person_name=5", "person_role=3", "position=2"])
    }

    @Test("problems on several lines are all reported, by line, column, field and rule; nothing is written")
    func everyProblem() throws {
        let (_, _, session) = try investigator()
        let bad = try file("evidence.csv", """
            ref,kind,title,date,language,un_symbol,file_size
            E1,un_document,Interim report,1988-10-13,en,A/43/705,
            E2,bogus,,1988-13,english,a/43,12x
            E1,letter,Letter,1988-02-30,,,

            """)
        let message = failure { _ = try session.write { transaction in try CaseImport(transaction).run(.evidence, file: bad, case: "IR-1988") } }
        #expect(message.contains("8 problems; nothing was imported"))
        for expected in [
            "line 3, column 2 (kind): kind = 'bogus' breaks rule evidence_kind_valid",
            "line 3, column 3 (title): title is required [rule: evidence_title_required]",
            "line 3, column 4 (date): evidence.date: invalid partial date \"1988-13\"",
            "line 3, column 5 (language)", "[rule: evidence_language_valid]",
            "line 3, column 6 (un_symbol)", "[rule: evidence_un_symbol_format]",
            "line 3, column 7 (file_size): \"12x\" is not a whole number [rule: import_integer]",
            "line 4, column 1 (ref): ref E1 is also on line 2 [rule: import_ref_unique]",
            "line 4, column 4 (date): evidence.date: invalid partial date \"1988-02-30\"",
        ] {
            #expect(message.contains(expected), "\(expected)")
        }
        #expect(try count(session, "evidence") == 0)

        let people = try file("persons.csv", """
            ref,name,kind,protected,roles,evidence
            P1,Witness Q,,yes,witness,
            P1,Q's other name,alias,,,
            P2,Someone,,maybe,judge,E-999
            P3,Two,,,,
            P3,Primaries,primary,,,

            """)
        let problems = failure { _ = try session.write { transaction in try CaseImport(transaction).run(.persons, file: people, case: "IR-1988") } }
        for expected in [
            "line 3, column 3 (kind): a protected person appears only under a pseudonym",
            "line 4, column 4 (protected): \"maybe\" is not true or false",
            "line 4, column 5 (roles): role = 'judge' breaks rule person_role_role_valid",
            "line 4, column 6 (evidence): evidence E-999: no such record in this case",
            "line 5, column 3 (kind): ref P3 has 2 names of kind primary",
        ] {
            #expect(problems.contains(expected), "\(expected)\n\(problems)")
        }
        #expect(try count(session, "person") == 0)
        #expect(try count(session, "person_name") == 0)
    }

    @Test("malformed CSV: unbalanced quote, wrong column count, invalid UTF-8, a 10 MB field; a clear error and nothing written",
          arguments: [
              ("ref,kind,title\nE1,letter,\"Unclosed\nE2,letter,x\n", "line 2, column 3: a quoted field opened on line 2 is never closed [rule: csv_unclosed_quote]"),
              ("ref,kind,title\nE1,letter\nE2,letter,x,y\n", "line 2: 2 fields, but the header has 3 [rule: csv_column_count]"),
              ("ref,kind,title\nE1,letter,a\"b\n", "line 2, column 3: a double quote inside a field must be doubled"),
              ("ref,kind,titel\nE1,letter,x\n", "line 1, column 3 (titel): unknown column \"titel\""),
              ("", "line 1: the file is empty: a header row is needed [rule: csv_header]"),
          ])
    func malformed(contents: String, expected: String) throws {
        let (_, _, session) = try investigator()
        let message = failure { _ = try session.write { transaction in try CaseImport(transaction).run(.evidence, file: try file("bad.csv", contents), case: "IR-1988") } }
        #expect(message.contains(expected), "\(message)")
        #expect(message.contains("nothing was imported"))
        #expect(try count(session, "evidence") == 0)
    }

    @Test("bytes that are not UTF-8, and a field of 10 MB, are refused by line and column")
    func malformedBytes() throws {
        let (_, _, session) = try investigator()
        var invalid = Data("ref,kind,title\nE1,letter,".utf8)
        invalid.append(contentsOf: [0x4D, 0xFF, 0xFE, 0x0A])
        let message = failure { _ = try session.write { transaction in try CaseImport(transaction).run(.evidence, file: try file("latin1.csv", invalid), case: "IR-1988") } }
        #expect(message.contains("line 2, column 3: field is not valid UTF-8"), "\(message)")

        let huge = "ref,kind,title\nE1,letter," + String(repeating: "x", count: 10 << 20) + "\nE2,letter,ok\n"
        let tooLong = failure { _ = try session.write { transaction in try CaseImport(transaction).run(.evidence, file: try file("huge.csv", huge), case: "IR-1988") } }
        #expect(tooLong.contains("line 2, column 3: field is longer than 1 MiB; reading stopped here [rule: csv_field_size]"), "\(tooLong)")
        #expect(try count(session, "evidence") == 0)
    }

    @Test("--dry-run checks and counts everything and writes nothing")
    func dryRun() throws {
        let (_, _, session) = try investigator()
        _ = try session.write { transaction in try CaseImport(transaction).run(.evidence, file: try file("e.csv", "ref,kind,title\nUN-1,un_document,Report\n"), case: "IR-1988") }
        let summary = try session.write { transaction in try CaseImport(transaction).run(.persons, file: try file("persons.csv", Self.persons), case: "IR-1988", dryRun: true) }
        #expect(summary.dryRun)
        #expect(summary.counts.text("persons") == "3")
        #expect(try count(session, "person") == 0)
        #expect(try count(session, "person_name") == 0)
    }

    @Test("possible duplicates of persons in the case: fail reports them by line, skip leaves them out, link adds their names")
    func duplicates() throws {
        let (_, _, session) = try investigator()
        _ = try session.write { transaction in try People(transaction).add(case: "IR-1988", name: .init(full: "Mohammad Jafar Mahallati"), roles: ["official"],
                                    protected: false, description: nil) }
        let list = try file("persons.csv", """
            ref,name,kind,roles
            A-1,Mohammed Jafar Mahalati,,witness
            A-1,M. J. Mahallati,alias,
            A-2,Ali Akbar Velayati,,

            """)
        let message = failure { _ = try session.write { transaction in try CaseImport(transaction).run(.persons, file: list, case: "IR-1988") } }
        #expect(message.contains("line 2, column 2 (name): Mohammed Jafar Mahalati may be P-"), "\(message)")
        #expect(message.contains("[rule: import_possible_duplicate]"))
        #expect(try count(session, "person") == 1)

        let skipped = try session.write { transaction in try CaseImport(transaction).run(.persons, file: list, case: "IR-1988", onDuplicate: .skip, dryRun: true) }
        #expect(skipped.counts.text("persons") == "1")
        #expect(skipped.counts.text("skipped") == "1")

        let linked = try session.write { transaction in try CaseImport(transaction).run(.persons, file: list, case: "IR-1988", onDuplicate: .link) }
        #expect(linked.counts.text("linked") == "1")
        #expect(linked.counts.text("persons") == "1")
        let names = try session.connection.query("""
            select string_agg(n.name || ':' || n.kind, ', ' order by n.id) as names, min(p.external_ref) as ref,
                   (select string_agg(r.role, ',' order by r.role) from inquest.person_role r where r.person_id = p.id) as roles
              from inquest.person_name n join inquest.person p on p.id = n.person_id
             where p.id = (select person_id from inquest.person_name where name = 'Mohammad Jafar Mahallati') group by p.id
            """).first!
        #expect(try names.decode(String.self, "names")
                == "Mohammad Jafar Mahallati:primary, Mohammed Jafar Mahalati:alias, M. J. Mahallati:alias")
        #expect(try names.decode(String?.self, "ref") == "A-1")
        #expect(try names.decode(String.self, "roles") == "official,witness")
    }

    @Test("an investigator cannot import into a case not assigned to them; an auditor cannot import at all")
    func access() throws {
        let (database, owner) = try TestDatabase.withCase()
        _ = try owner.write { transaction in try Cases(transaction).create(reference: "IR-2023", title: "Another case", description: nil) }
        let investigator = try database.user("investigator", assignedTo: ["IR-2023"], by: owner)
        let auditor = try database.user("auditor", by: owner)
        let list = try file("e.csv", "kind,title\nletter,Planted\n")
        for session in [investigator.session, auditor.session] {
            #expect(throws: InquestError.self) { try session.write { transaction in try CaseImport(transaction).run(.evidence, file: list, case: "IR-1988") } }
        }
        #expect(try count(owner, "evidence") == 0)
    }

    @Test("export, restore into an empty database, export again: the same bytes; a tampered file restores nothing")
    func roundTrip() throws {
        let (database, owner) = try TestDatabase.withCase()
        let cleared = try database.user("investigator", cleared: true, assignedTo: ["IR-1988"], by: owner)
        _ = try cleared.session.write { transaction in try CaseImport(transaction).run(.evidence, file: try file("e.csv", "ref,kind,title,date\nUN-1,un_document,Report,1988-10-13\n"),
                                                case: "IR-1988") }
        _ = try cleared.session.write { transaction in try CaseImport(transaction).run(.persons, file: try file("persons.csv", Self.persons), case: "IR-1988") }
        let witness = try cleared.session.write { transaction in try People(transaction).add(case: "IR-1988", name: .init(full: "Witness Q"), roles: ["witness"],
                                                       protected: true, description: nil) }
        _ = try cleared.session.write { transaction in try Identities(transaction).set(person: witness, realName: "CANARY-REAL-NAME", contact: nil, notes: nil) }
        let velayati = try cleared.session.connection.query("select key from inquest.person where external_ref = 'A-2'").first!.decode(String.self, "key")
        let summons = try cleared.session.write(Summonses.create(person: velayati, .init(legalBasis: "Commission statute, art. 12",
                                                                                   appearBy: "2023-04-01")))
        try cleared.session.write { transaction in try Summonses(transaction).transition(summons, to: "issued", on: "2023-03-01", method: nil, note: nil) }
        let testimony = try cleared.session.write { transaction in try Testimonies(transaction).schedule(deponent: witness, Testimonies.Plan()) }
        // A live log, then the session held: its lines restore as they were logged.
        try cleared.session.write { transaction in try Testimonies(transaction).consent(testimony, givenAt: "2026-01-10T09:00:00Z", scope: "commission use", withdrawnAt: nil) }
        var log = try cleared.session.read { transaction in try TestimonyLog(transaction).open(testimony) }
        let start = TestimonyLog.Entry(kind: .start, enteredAt: Date(), offset: 0)
        _ = try cleared.session.write { transaction in try TestimonyLog(transaction).apply(start, to: log) }
        log.fold(start, segmentKey: nil)
        var said = TestimonyLog.Entry(kind: .segment, enteredAt: Date(), offset: 12.5)
        said.speaker = "D"
        said.text = "I was taken to Gohardasht in the summer."
        _ = try cleared.session.write { transaction in try TestimonyLog(transaction).apply(said, to: log) }
        _ = try cleared.session.write { transaction in try TestimonyLog(transaction).apply(TestimonyLog.Entry(kind: .end, enteredAt: Date(), offset: 60), to: log) }

        let first = FileManager.default.temporaryDirectory.appending(path: TestEnvironment.uniqueName("export"))
        let exported = try cleared.session.read { transaction in try CaseExport(transaction).export(case: "IR-1988", to: first, redact: false) }

        let target = try TestDatabase()
        let targetOwner = try target.ownerSession()
        let admin = try target.user("admin", by: targetOwner)
        let restored = try admin.session.write { transaction in try CaseRestore(transaction).restore(from: first) }
        #expect(restored.rows.count == exported.files.count)

        let second = FileManager.default.temporaryDirectory.appending(path: TestEnvironment.uniqueName("export"))
        let again = try admin.session.read { transaction in try CaseExport(transaction).export(case: "IR-1988", to: second, redact: false) }
        #expect(again.files.map(\.sha256) == exported.files.map(\.sha256))
        #expect(again.files.map(\.records) == exported.files.map(\.records))
        let summonsStatus = try admin.session.connection.query("select status from inquest.summons").first?.decode(String.self, "status")
        #expect(summonsStatus == "issued")
        let lines = try admin.session.connection.query("select count(*)::int as n, min(recorded_by) as by from inquest.testimony_log_line").first
        #expect(try lines?.decode(Int.self, "n") == 3)
        #expect(try lines?.decode(String.self, "by") != admin.session.connection.user, "restored lines keep who logged them")
        #expect(exported.files.contains { $0.name == "testimony_log_line.jsonl" && $0.records == 3 })

        // An export made before the live log was exported (no file for it) still restores.
        let older = FileManager.default.temporaryDirectory.appending(path: TestEnvironment.uniqueName("export"))
        try FileManager.default.copyItem(at: first, to: older)
        try FileManager.default.removeItem(at: older.appending(path: "testimony_log_line.jsonl"))
        let manifestURL = older.appending(path: "manifest.json")
        var manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: manifestURL)) as! [String: Any]
        manifest["files"] = (manifest["files"] as! [[String: Any]]).filter { $0["name"] as? String != "testimony_log_line.jsonl" }
        try JSONSerialization.data(withJSONObject: manifest).write(to: manifestURL)
        let olderTarget = try TestDatabase()
        let olderAdmin = try olderTarget.user("admin", by: try olderTarget.ownerSession())
        let olderRestored = try olderAdmin.session.write { transaction in try CaseRestore(transaction).restore(from: older) }
        #expect(olderRestored.rows.count == exported.files.count - 1)

        // New records after a restore get new keys; a second restore is refused.
        let next = try admin.session.write { transaction in try People(transaction).add(case: "IR-1988", name: .init(full: "Hossein Ali Nayyeri"), roles: [],
                                                 protected: false, description: nil) }
        #expect(Int(next.dropFirst(2))! > 4)
        #expect(throws: InquestError.self) { try admin.session.write { transaction in try CaseRestore(transaction).restore(from: first) } }

        // Investigators cannot restore (records in any state are an administrator's tool).
        let other = try TestDatabase()
        let otherOwner = try other.ownerSession()
        _ = try otherOwner.write { transaction in try Cases(transaction).create(reference: "IR-2023", title: "Another", description: nil) }
        let investigator = try other.user("investigator", assignedTo: ["IR-2023"], by: otherOwner)
        #expect(throws: InquestError.self) { try investigator.session.write { transaction in try CaseRestore(transaction).restore(from: first) } }

        // A file changed after export: nothing is restored.
        let personFile = first.appending(path: "person_name.jsonl")
        let text = try String(contentsOf: personFile, encoding: .utf8)
        try text.replacingOccurrences(of: "Velayati", with: "Velayeti").write(to: personFile, atomically: true, encoding: .utf8)
        let fresh = try TestDatabase()
        let freshAdmin = try fresh.user("admin", by: try fresh.ownerSession())
        let message = failure { _ = try freshAdmin.session.write { transaction in try CaseRestore(transaction).restore(from: first) } }
        #expect(message.contains("person_name.jsonl"), "\(message)")
        #expect(try count(try fresh.ownerSession(), "\"case\"") == 0)
    }
}
