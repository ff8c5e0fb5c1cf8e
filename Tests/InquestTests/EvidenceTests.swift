import Foundation
import Inquest
import Postgres
import Testing
import TestSupport

@Suite("Evidence: identifiers, file hashes at intake, chain of custody")
struct EvidenceTests {
    @Test("UN symbols and Amnesty indexes in the forms the sources use are accepted and kept as given")
    func validIdentifiers() throws {
        let (_, session) = try TestDatabase.withCase()
        for symbol in ["A/43/705", "E/CN.4/1989/26", "A/RES/43/137", "E/CN.4/1989/25", "A/44/620"] {
            let key = try session.write { transaction in try Evidence(transaction).add(case: "IR-1988", kind: "un_document", title: "UN document \(symbol)",
                                       details: .init(unSymbol: symbol)) }
            #expect(try session.read { transaction in try Evidence(transaction).show(key) }.evidence.text("un_symbol") == symbol)
        }
        for index in ["MDE 13/031/88", "MDE 13/9421/2018", "MDE 13/020/1988"] {
            let key = try session.write { transaction in try Evidence(transaction).add(case: "IR-1988", kind: "ngo_report", title: "Amnesty \(index)",
                                       details: .init(amnestyIndex: index, heldAt: "on file with Amnesty International")) }
            let shown = try session.read { transaction in try Evidence(transaction).show(key) }.evidence
            #expect(shown.text("amnesty_index") == index)
            #expect(shown.text("held_at") == "on file with Amnesty International")
        }
    }

    @Test("malformed identifiers are refused naming the field and the rule, and nothing is written",
          arguments: [
              ("un_symbol", "A-43-705", "evidence_un_symbol_format"),
              ("un_symbol", "43/705", "evidence_un_symbol_format"),
              ("un_symbol", "a/res/43/137", "evidence_un_symbol_format"),
              ("amnesty_index", "MDE 13/31/88", "evidence_amnesty_index_format"),
              ("amnesty_index", "MDE13/031/88", "evidence_amnesty_index_format"),
              ("amnesty_index", "MDE 13/9421/201", "evidence_amnesty_index_format"),
              ("url", "ftp://example.org/report", "evidence_url_format"),
          ])
    func invalidIdentifiers(field: String, value: String, rule: String) throws {
        let (_, session) = try TestDatabase.withCase()
        let details: Evidence.Details = switch field {
        case "un_symbol": .init(unSymbol: value)
        case "amnesty_index": .init(amnestyIndex: value)
        default: .init(url: value)
        }
        let error = try #require(throws: InquestError.self) {
            try session.write { transaction in try Evidence(transaction).add(case: "IR-1988", kind: "other", title: "Bad identifier", details: details) }
        }
        #expect(error.code == .invalidInput)
        #expect(error.field == field)
        #expect(error.rule == rule)
        #expect(error.message.contains(value))
        #expect(try RecordsKit.count(session, "evidence") == 0)
    }

    @Test("the same UN symbol twice in one case is a conflict; an unknown kind names the accepted ones")
    func duplicatesAndKinds() throws {
        let (_, session) = try TestDatabase.withCase()
        _ = try session.write { transaction in try Evidence(transaction).add(case: "IR-1988", kind: "un_document", title: "Interim report", details: .init(unSymbol: "A/43/705")) }
        let duplicate = try #require(throws: InquestError.self) {
            try session.write { transaction in try Evidence(transaction).add(case: "IR-1988", kind: "un_document", title: "Again", details: .init(unSymbol: "A/43/705")) }
        }
        #expect(duplicate.code == .conflict)
        #expect(duplicate.rule == "evidence_un_symbol_unique")
        let kind = try #require(throws: InquestError.self) {
            try session.write { transaction in try Evidence(transaction).add(case: "IR-1988", kind: "memo", title: "A memo") }
        }
        #expect(kind.code == .invalidInput && kind.rule == "evidence_kind_valid" && kind.message.contains("un_document"))
        let missingCase = try #require(throws: InquestError.self) {
            try session.write { transaction in try Evidence(transaction).add(case: "IR-2099", kind: "letter", title: "Nowhere") }
        }
        #expect(missingCase.code == .notFound)
        #expect(try RecordsKit.count(session, "evidence") == 1)
    }

    @Test("--file: SHA-256 and size at intake, and a first custody entry 'hashed', in one transaction")
    func fileHash() throws {
        let (_, session) = try TestDatabase.withCase()
        let path = try RecordsKit.temporaryFile("abc.txt", Data("abc".utf8))
        let key = try session.write { transaction in try Evidence(transaction).add(case: "IR-1988", kind: "letter", title: "Letter of 28 February 1989",
                                   details: .init(date: "1989-02-28"), file: path) }
        let shown = try session.read { transaction in try Evidence(transaction).show(key) }
        // FIPS 180-2 test vector: SHA-256("abc").
        #expect(shown.evidence.text("file_sha256") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(shown.evidence.text("file_size") == "3")
        #expect(shown.evidence.text("file_name") == "abc.txt")
        #expect(shown.custody.rows.count == 1)
        #expect(shown.custody.text("action") == "hashed")
        #expect(shown.custody.text("sha256") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test("a file larger than one read is hashed whole (compared with sha256sum)")
    func largeFile() throws {
        let (_, session) = try TestDatabase.withCase()
        let bytes = Data((0..<(2_621_440 + 7)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) })
        let path = try RecordsKit.temporaryFile("recording.bin", bytes)
        let tool = Process()
        tool.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        tool.arguments = [path]
        let pipe = Pipe()
        tool.standardOutput = pipe
        try tool.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        tool.waitUntilExit()
        let expected = String(output.prefix(64))
        let digest = try FileDigest(file: path)
        #expect(digest.sha256 == expected)
        #expect(digest.size == Int64(bytes.count))
        let key = try session.write { transaction in try Evidence(transaction).add(case: "IR-1988", kind: "recording", title: "Recording", file: path) }
        #expect(try session.read { transaction in try Evidence(transaction).show(key) }.evidence.text("file_sha256") == expected)
    }

    @Test("a file that cannot be read is refused before anything is written")
    func unreadableFile() throws {
        let (_, session) = try TestDatabase.withCase()
        let error = try #require(throws: InquestError.self) {
            try session.write { transaction in try Evidence(transaction).add(case: "IR-1988", kind: "letter", title: "Missing", file: "/nonexistent/letter.pdf") }
        }
        #expect(error.code == .invalidInput && error.field == "file")
        let directory = try #require(throws: InquestError.self) {
            try session.write { transaction in try Evidence(transaction).add(case: "IR-1988", kind: "letter", title: "A directory", file: NSTemporaryDirectory()) }
        }
        #expect(directory.field == "file")
        #expect(try RecordsKit.count(session, "evidence") == 0)
        #expect(try RecordsKit.count(session, "custody_entry") == 0)
    }

    @Test("custody: receipts need both parties, a later hash that differs is reported, the chain is append-only")
    func custody() throws {
        let (_, session) = try TestDatabase.withCase()
        let path = try RecordsKit.temporaryFile("letter.txt", Data("denied the existence of any political executions".utf8))
        let key = try session.write { transaction in try Evidence(transaction).add(case: "IR-1988", kind: "letter", title: "Letter to Amnesty International", file: path) }
        let partyMissing = try #require(throws: InquestError.self) {
            try session.write { transaction in try Evidence(transaction).addCustody(key, .init(action: "received", from: "Amnesty International")) }
        }
        #expect(partyMissing.code == .invalidInput && partyMissing.rule == "custody_entry_received_parties")
        let badTime = try #require(throws: InquestError.self) {
            try session.write { transaction in try Evidence(transaction).addCustody(key, .init(action: "examined", at: "the third of March")) }
        }
        #expect(badTime.code == .invalidInput && badTime.field == "at")
        let same = try session.write { transaction in try Evidence(transaction).addCustody(key, .init(action: "examined", at: "1989-03-03T10:00:00+09:00", file: path)) }
        #expect(same.matchesIntake == true)
        try Data("altered".utf8).write(to: URL(fileURLWithPath: path))
        let altered = try session.write { transaction in try Evidence(transaction).addCustody(key, .init(action: "received", from: "Amnesty International",
                                                         by: "Commission registry", file: path)) }
        #expect(altered.matchesIntake == false)
        let entries = try session.read { transaction in try Evidence(transaction).show(key) }.custody
        #expect(entries.rows.count == 3)
        #expect(entries.text("at", row: 0) == "1989-03-03T01:00:00Z")
        #expect(entries.text("action", row: 2) == "received")
        #expect(entries.text("sha256", row: 2) == altered.sha256)
        let rewrite = try #require(throws: PostgresError.self) {
            try session.connection.execute("update inquest.custody_entry set note = 'rewritten' where key = $1", [same.key])
        }
        #expect(rewrite.constraint == "custody_entry_append_only")
    }

    @Test("lists are ordered by partial-date bounds, undated last, and print each date as given")
    func ordering() throws {
        let (_, session) = try TestDatabase.withCase()
        for date in ["1988-12-08", nil, "1988-12", "[1988-08-24,1988-08-26]", "1988", "1988-10~/1989-03~"] {
            _ = try session.write { transaction in try Evidence(transaction).add(case: "IR-1988", kind: "news_article", title: "Article \(date ?? "undated")",
                                 details: .init(date: date)) }
        }
        let list = try session.read { transaction in try Evidence(transaction).list(case: "IR-1988") }
        #expect((0..<list.rows.count).map { list.text("date", row: $0) }
            == ["1988", "[1988-08-24,1988-08-26]", "1988-10~/1989-03~", "1988-12", "1988-12-08", nil])
        #expect(try session.read { transaction in try Evidence(transaction).list(case: "IR-1988", kind: "letter") }.isEmpty)
        let bad = try #require(throws: InquestError.self) {
            try session.write { transaction in try Evidence(transaction).add(case: "IR-1988", kind: "letter", title: "Bad date", details: .init(date: "1988-02-30")) }
        }
        #expect(bad.code == .invalidInput && bad.rule == "evidence_date_valid" && bad.field == "date")
    }

    @Test("update corrects fields, refuses a malformed symbol, and never touches the intake hash")
    func update() throws {
        let (_, session) = try TestDatabase.withCase()
        let key = try session.write { transaction in try Evidence(transaction).add(case: "IR-1988", kind: "un_document", title: "Report", file: try RecordsKit.temporaryFile("a", Data("abc".utf8))) }
        try session.write { transaction in try Evidence(transaction).update(key, title: "Interim report of the Special Representative",
                            details: .init(date: "1988-10-13", unSymbol: "A/43/705")) }
        let error = try #require(throws: InquestError.self) {
            try session.write { transaction in try Evidence(transaction).update(key, details: .init(unSymbol: "A 43 705")) }
        }
        #expect(error.rule == "evidence_un_symbol_format")
        let shown = try session.read { transaction in try Evidence(transaction).show(key) }.evidence
        #expect(shown.text("title") == "Interim report of the Special Representative")
        #expect(shown.text("un_symbol") == "A/43/705")
        #expect(shown.text("file_sha256") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(throws: InquestError.self) { try session.write { transaction in try Evidence(transaction).update("E-999", details: .init(notes: "x")) } }
    }
}
