@testable import Inquest
import Postgres
import Testing
import TestSupport

/// The write path saves round trips (BEGIN with the first statement, the seal with the
/// COMMIT, one-statement commands in one round trip, person show in one); what a user
/// relies on must not change: every write sealed when the command returns, nothing
/// half-written, the same records shown.
@Suite("Write path and person show in fewer round trips")
struct WritePathTests {
    let database: TestDatabase
    let session: Session
    let person: String

    init() throws {
        (database, session) = try TestDatabase.withCase()
        person = try session.write { transaction in try People(transaction).add(
            case: "IR-1988", name: .init(full: "Hossein-Ali Nayyeri"), roles: ["to_be_summoned"],
            protected: false, description: "Religious judge") }
    }

    private func unsealed() throws -> Int {
        try session.connection.query("""
            select count(*)::int as n from inquest_audit.event e
             where not exists (select from inquest_audit.seal s where s.event_id = e.id)
            """).first!.decode(Int.self, "n")
    }

    @Test("a one-statement command and a command of several statements are sealed when they return")
    func sealedOnReturn() throws {
        let investigator = try database.user("investigator", assignedTo: ["IR-1988"], by: session)
        _ = try investigator.session.write(Summonses.create(person: person, .init(purpose: "hearing")))
        #expect(try unsealed() == 0)
        _ = try investigator.session.write { transaction in try People(transaction).addName(person: person, .init(full: "Hosseinali Nayeri", kind: "alias")) }
        #expect(try unsealed() == 0)
    }

    @Test("a one-statement command for a person out of reach writes nothing and says not found")
    func notFound() throws {
        let other = try database.user("investigator", by: session)  // assigned to no case
        let before = try session.connection.query("select count(*)::int as n from inquest.summons").first!.decode(Int.self, "n")
        let error = try #require(throws: InquestError.self) {
            try other.session.write(Summonses.create(person: person, .init(purpose: "hearing")))
        }
        #expect(error.code == .notFound)
        #expect(throws: InquestError.self) { try session.write(Summonses.create(person: "P-999999", .init())) }
        #expect(try session.connection.query("select count(*)::int as n from inquest.summons").first!.decode(Int.self, "n") == before)
    }

    @Test("person show returns exactly what the nine queries return one by one in one snapshot")
    func showIdentical() throws {
        _ = try session.write { transaction in try People(transaction).addName(person: person, .init(full: "حسینعلی نیری", kind: "alias", script: "persian")) }
        _ = try session.write { transaction in try People(transaction).addPosition(person: person, .init(title: "Religious judge", body: "Death commission", place: "Tehran",
                                                         start: "1988-07", source: "Montazeri memoirs")) }
        _ = try session.write(Summonses.create(person: person, .init(purpose: "hearing")))
        let shown = try session.read { transaction in try People(transaction).show(person) }
        let sections = try session.read { transaction in
            try People.showQueries.map { sql in RecordSet(try transaction.connection.query(sql, [person])) }
        }
        let pipelined = [shown.person, shown.names, shown.positions, shown.events, shown.statements, shown.evidence,
                         shown.summonses, shown.disclosures, shown.testimony]
        #expect(pipelined.count == sections.count)
        for (got, expected) in zip(pipelined, sections) {
            #expect(got.columns == expected.columns)
            #expect(got.rows == expected.rows)
        }
        #expect(shown.names.rows.count == 2)
        #expect(shown.positions.rows.count == 1)
        #expect(shown.summonses.rows.count == 1)
        #expect(!session.connection.isInTransaction)
    }

    @Test("person show of a key nobody has is not found, and leaves no transaction open")
    func showNotFound() throws {
        let error = try #require(throws: InquestError.self) { try session.read { transaction in try People(transaction).show("P-999999") } }
        #expect(error.code == .notFound)
        #expect(!session.connection.isInTransaction)
    }
}
