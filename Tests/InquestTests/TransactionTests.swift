@testable import Inquest
import Postgres
import Testing
import TestSupport

/// Transactions belong to the caller: services run in the unit of work they are given, so
/// a read of several parts is one snapshot and a write of several calls lands whole.
@Suite("Caller-owned transactions")
struct TransactionTests {
    let database: TestDatabase
    let session: Session
    let person: String

    init() throws {
        (database, session) = try TestDatabase.withCase()
        person = try session.write { transaction in
            let person = try People(transaction).add(case: "IR-1988", name: .init(full: "Hossein-Ali Nayyeri"), roles: ["to_be_summoned"],
                                                     protected: false, description: "Religious judge")
            _ = try Statements(transaction).add(person: person, medium: "interview", classification: ["denial"],
                                                .init(date: "2016-08", quotation: "No one was executed without a trial."))
            return person
        }
    }

    @Test("a dossier is one snapshot: a statement committed elsewhere after its first part is read shows in none of its parts")
    func dossierIsOneSnapshot() throws {
        let other = try database.ownerSession()
        var added = ""
        let dossier = try session.read { transaction in
            try Dossier.load(transaction, person: person, afterFirstPart: {
                added = try other.write { transaction in
                    try Statements(transaction).add(person: person, medium: "broadcast", classification: ["denial"],
                                                    .init(date: "1988-12", quotation: "These were terrorists, not prisoners."))
                }
            })
        }
        #expect(!added.isEmpty)
        #expect(dossier.person.statements.rows.count == 1)
        let statementsInTimeline = dossier.timeline.rows.indices.filter { dossier.timeline.text("entry", row: $0)?.hasPrefix("statement") == true }
        #expect(statementsInTimeline.count == 1, "the time line shows the statement written after the first part: \(dossier.timeline.rows)")
        #expect(!dossier.timeline.rows.indices.contains { dossier.timeline.text("record", row: $0) == added })
        // Read afresh, it is there: the write did commit.
        let afterwards = try session.read { transaction in try Dossier.load(transaction, person: person) }
        #expect(afterwards.timeline.rows.indices.contains { afterwards.timeline.text("record", row: $0) == added })
    }

    @Test("calls of several services in one write land together, or not at all")
    func oneWriteOfSeveralCalls() throws {
        let before = try session.read { transaction in try People(transaction).list(case: "IR-1988", role: nil) }.rows.count
        #expect(throws: InquestError.self) {
            try session.write { transaction in
                _ = try People(transaction).add(case: "IR-1988", name: .init(full: "Ebrahim Raisi"), roles: ["to_be_summoned"],
                                                protected: false, description: nil)
                _ = try Summonses(transaction).create(person: "P-999999", .init())  // not found: the whole write rolls back
            }
        }
        #expect(try session.read { transaction in try People(transaction).list(case: "IR-1988", role: nil) }.rows.count == before)
        #expect(!session.connection.isInTransaction)
    }

    @Test("a read transaction refuses a write made through it")
    func readRefusesWrites() throws {
        let error = try #require(throws: InquestError.self) {
            try session.read { transaction in try People(transaction).update(person, description: "changed", notes: nil) }
        }
        #expect(error.underlying?.code == .readOnlySQLTransaction)
    }
}
