import Inquest
import Testing
import TestSupport

@Suite("People: names in every spelling, posts with partial dates")
struct PeopleTests {
    @Test("a person keeps every name, in any script, and a given name can be unknown")
    func names() throws {
        let (_, session) = try TestDatabase.withCase()
        let mahallati = try session.write { transaction in try People(transaction).add(
            case: "IR-1988", name: .init(full: "Mohammad Jafar Mahallati", given: "Mohammad Jafar", family: "Mahallati"),
            roles: ["to_be_summoned"], protected: false, description: nil) }
        _ = try session.write { transaction in try People(transaction).addName(person: mahallati, .init(full: "محمدجعفر محلاتی", kind: "transliteration", script: "persian", language: "fa")) }
        let raeisia = try session.write { transaction in try People(transaction).add(case: "IR-1988", name: .init(full: "Raeisia", family: "Raeisia"),
                                     roles: ["to_be_summoned"], protected: false, description: "First Secretary, Tokyo") }
        _ = try session.write { transaction in try People(transaction).addName(person: raeisia, .init(full: "Raessinia", family: "Raessinia", kind: "source_spelling",
                                                      source: "spelling in a 1988 letter")) }
        let shown = try session.read { transaction in try People(transaction).show(raeisia) }
        #expect(shown.person.text("name") == "Raeisia")
        #expect(shown.names.rows.count == 2)
        #expect(shown.names.text("given_name") == nil)
        #expect(shown.names.text("name", row: 1) == "Raessinia")
        let persian = try session.read { transaction in try People(transaction).show(mahallati) }.names
        #expect(persian.text("name", row: 1) == "محمدجعفر محلاتی")
        #expect(persian.text("script", row: 1) == "persian")
    }

    @Test("Persian script marked as Latin is refused, naming the rule")
    func scriptMismatch() throws {
        let (_, session) = try TestDatabase.withCase()
        let person = try session.write { transaction in try People(transaction).add(case: "IR-1988", name: .init(full: "Abdollah Nouri"), roles: [], protected: false, description: nil) }
        let error = try #require(throws: InquestError.self) {
            try session.write { transaction in try People(transaction).addName(person: person, .init(full: "عبدالله نوری", kind: "alias", script: "latin")) }
        }
        #expect(error.code == .invalidInput)
        #expect(error.rule?.hasPrefix("person_name_script") == true)
    }

    @Test("posts are ordered by their partial dates, printed back as given")
    func positions() throws {
        let (_, session) = try TestDatabase.withCase()
        let mousavi = try session.write { transaction in try People(transaction).add(case: "IR-1988", name: .init(full: "Mohammad Ali Mousavi"), roles: ["official"],
                                     protected: false, description: nil) }
        _ = try session.write { transaction in try People(transaction).addPosition(person: mousavi, .init(title: "Ambassador", place: "Somewhere", start: "1995~")) }
        _ = try session.write { transaction in try People(transaction).addPosition(person: mousavi, .init(title: "Chargé d'affaires", body: "Embassy of Iran", place: "Ottawa",
                                                          attested: "1988-12")) }
        let positions = try session.read { transaction in try People(transaction).show(mousavi) }.positions
        #expect(positions.text("title") == "Chargé d'affaires")
        #expect(positions.text("attested") == "1988-12")
        #expect(positions.text("start_date", row: 1) == "1995~")
        let error = try #require(throws: InquestError.self) {
            try session.write { transaction in try People(transaction).addPosition(person: mousavi, .init(title: "X", start: "1988-02-30")) }
        }
        #expect(error.code == .invalidInput)
        #expect(error.message.contains("1988-02-30"))
        #expect(try session.read { transaction in try People(transaction).show(mousavi) }.positions.rows.count == 2)
    }

    @Test("a protected person is stored under a pseudonym only")
    func protected() throws {
        let (_, session) = try TestDatabase.withCase()
        let witness = try session.write { transaction in try People(transaction).add(case: "IR-1988", name: .init(full: "Witness A"), roles: ["witness"],
                                              protected: true, description: nil) }
        let shown = try session.read { transaction in try People(transaction).show(witness) }
        #expect(shown.names.text("kind") == "pseudonym")
        #expect(shown.person.text("protected") == "yes")
        // Adding a real-looking alias to a protected person is refused at commit.
        #expect(throws: InquestError.self) {
            try session.write { transaction in try People(transaction).addName(person: witness, .init(full: "Real Name", kind: "alias")) }
        }
        #expect(try session.read { transaction in try People(transaction).show(witness) }.names.rows.count == 1)
    }

    @Test("adding to a case or person that does not exist is 'not found' and writes nothing")
    func notFound() throws {
        let (_, session) = try TestDatabase.withCase()
        let error = try #require(throws: InquestError.self) {
            try session.write { transaction in try People(transaction).add(case: "XX-0000", name: .init(full: "Nobody"), roles: [], protected: false, description: nil) }
        }
        #expect(error.code == .notFound)
        #expect(throws: InquestError.self) { try session.write { transaction in try People(transaction).addRole(person: "P-999999", "witness") } }
        #expect(try session.read { transaction in try People(transaction).list(case: nil, role: nil) }.isEmpty)
    }
}
