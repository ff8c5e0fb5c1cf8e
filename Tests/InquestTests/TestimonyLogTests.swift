import Foundation
import Inquest
import Postgres
import Testing
import TestSupport

/// The live log's service layer: what a lost acknowledgement leads to (the same entry
/// applied again) and what a crash leaves in the journal (a torn last line). The terminal
/// side is driven through a pseudo-terminal in Tests/pty/test_testimony_log.py.
@Suite("Live testimony log: idempotent lines and the journal")
struct TestimonyLogTests {
    @Test("an entry applied twice (its commit acknowledged, the acknowledgement lost) is stored once")
    func appliedTwice() throws {
        let (_, session) = try TestDatabase.withCase()
        let person = try session.write { transaction in try People(transaction).add(case: "IR-1988", name: .init(full: "Witness 14", kind: "pseudonym"), roles: [],
                                             protected: true, description: nil) }
        let testimony = try session.write { transaction in try Testimonies(transaction).schedule(deponent: person, .init()) }
        try session.write { transaction in try Testimonies(transaction).consent(testimony, givenAt: "2026-01-10T09:00:00Z", scope: "commission use", withdrawnAt: nil) }
        var state = try session.read { transaction in try TestimonyLog(transaction).open(testimony) }
        #expect(state.speakers["D"]?.label == "Witness 14", "the protected deponent speaks under the pseudonym")
        let start = TestimonyLog.Entry(kind: .start, enteredAt: Date(), offset: 0)
        _ = try session.write { transaction in try TestimonyLog(transaction).apply(start, to: state) }
        state.fold(start, segmentKey: nil)
        var said = TestimonyLog.Entry(kind: .segment, enteredAt: Date(), offset: 12.5)
        said.speaker = "D"
        said.label = "Witness 14"
        said.text = "I was taken to Gohardasht in the summer."
        let first = try session.write { transaction in try TestimonyLog(transaction).apply(said, to: state) }
        let again = try session.write { transaction in try TestimonyLog(transaction).apply(said, to: state) }
        #expect(!first.duplicate && again.duplicate)
        #expect(first.segmentKey == again.segmentKey && first.segmentKey != nil)
        let transcript = try session.read { transaction in try Testimonies(transaction).transcript(testimony) }
        #expect(transcript.rows.count == 1)
        #expect(transcript.text("time_offset") == "00:00:12")
        let reopened = try session.read { transaction in try TestimonyLog(transaction).open(testimony) }
        #expect(reopened.appliedKeys == [start.key, said.key])
        #expect(reopened.lastSegmentLine == said.key && reopened.defaultSpeaker == "D")
    }

    @Test("the journal keeps every whole line, skips a torn last one, and forgets rejected lines")
    func journal() throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: TestEnvironment.uniqueName("journal")).path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var kept: [TestimonyLog.Entry] = []
        do {
            let journal = try LogJournal(directory: directory, database: "db", testimony: "T-1")
            #expect(throws: InquestError.self, "a second log of the same session on this machine is refused") {
                _ = try LogJournal(directory: directory, database: "db", testimony: "T-1")
            }
            for n in 1...3 {
                var entry = TestimonyLog.Entry(kind: .segment, enteredAt: Date(), offset: Double(n))
                entry.text = "line \(n) در تابستان"
                try journal.append(entry)
                kept.append(entry)
            }
            try journal.reject(kept[1].key)
            // A crash in the middle of writing a line.
            let handle = try #require(FileHandle(forWritingAtPath: journal.path))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data("{\"key\":\"6F1D3C2E".utf8))
            try handle.close()
        }
        let reopened = try LogJournal(directory: directory, database: "db", testimony: "T-1")
        let entries = try reopened.entries()
        #expect(entries.map(\.key) == [kept[0], kept[2]].map(\.key) && entries.map(\.text) == [kept[0], kept[2]].map(\.text))
        #expect(reopened.unreadable == 1)
        try reopened.repairTornEnd()
        var next = TestimonyLog.Entry(kind: .segment, enteredAt: Date(), offset: 4)
        next.text = "after the crash"
        try reopened.append(next)
        #expect(try reopened.entries().map(\.key) == [kept[0], kept[2], next].map(\.key), "the next line starts on a line of its own")
    }
}
