import Postgres
import Testing
import TestSupport

/// 0019 checks a person's names once per commit where it used to check them once per row:
/// the rules must hold exactly as before, in transactions written at the top level (where
/// the check queued by a person's INSERT is skipped in favour of its names' own checks).
@Suite("Every person has exactly one display name, checked at commit (0019)")
struct PersonNamesCheckTests {
    let connection: Connection
    let caseID: Int

    init() throws {
        connection = try TestDatabase().superuser()
        caseID = try connection.query("""
            insert into inquest."case" (reference, title) values ('IR-1988', 'Names check') returning id
            """).first!.decode(Int.self, "id")
    }

    private func person(protected: Bool = false) throws -> Int {
        try connection.query("insert into inquest.person (case_id, protected) values ($1, $2) returning id", [caseID, protected])
            .first!.decode(Int.self, "id")
    }

    private func name(_ person: Int, _ name: String, _ kind: String) throws {
        try connection.execute("insert into inquest.person_name (case_id, person_id, name, kind) values ($1, $2, $3, $4)",
                               [caseID, person, name, kind])
    }

    /// Runs `body` in one transaction; returns the error its COMMIT (or body) raised.
    private func commitError(_ body: () throws -> Void) -> PostgresError? {
        do {
            try connection.withTransaction { _ in try body() }
            return nil
        } catch let error as PostgresError {
            return error
        } catch {
            Issue.record("unexpected \(error)")
            return nil
        }
    }

    @Test("a person with its names in the same transaction is accepted")
    func accepted() throws {
        #expect(commitError {
            let p = try person()
            try name(p, "Hossein-Ali Nayyeri", "primary")
            try name(p, "Hosseinali Nayeri", "alias")
        } == nil)
    }

    @Test("a person without names is refused though another person's name was written in the same transaction")
    func anotherPersonsName() throws {
        var nameless = 0
        let error = commitError {
            nameless = try person()
            let named = try person()
            try name(named, "Morteza Eshraghi", "primary")
        }
        #expect(error?.constraint == "person_name_exactly_one_primary")
        #expect(error?.message.contains("P-\(nameless):") == true)
    }

    @Test("a person whose only name was written and removed in the same transaction is refused")
    func nameRemoved() throws {
        let error = commitError {
            let p = try person()
            try name(p, "Ebrahim Raisi", "primary")
            try connection.execute("delete from inquest.person_name where person_id = $1", [p])
        }
        #expect(error?.constraint == "person_name_exactly_one_primary")
        #expect(error?.message.contains("has 0") == true)
    }

    @Test("a person with only an alias written in the same transaction is refused")
    func onlyAlias() throws {
        let error = commitError {
            let p = try person()
            try name(p, "Mostafa Pourmohammadi", "alias")
        }
        #expect(error?.constraint == "person_name_exactly_one_primary")
    }

    @Test("a protected person with a real name is refused, naming the rule and a kind")
    func protectedWithName() throws {
        let error = commitError {
            let p = try person(protected: true)
            try name(p, "Witness 7", "pseudonym")
            try name(p, "Real Name", "alias")
        }
        #expect(error?.constraint == "person_name_protected_pseudonym_only")
        #expect(error?.message.contains("\"alias\"") == true)
        // Made protected after its names were written, in the same transaction.
        let later = commitError {
            let p = try person()
            try name(p, "Another Real Name", "primary")
            try connection.execute("update inquest.person set protected = true where id = $1", [p])
        }
        #expect(later?.constraint == "person_name_protected_pseudonym_only")
    }

    @Test("a pseudonym for a person who is not protected, or a protected person without one, is refused")
    func pseudonyms() throws {
        let open = commitError {
            let p = try person()
            try name(p, "Witness 8", "pseudonym")
        }
        #expect(open?.constraint == "person_name_pseudonym_only_if_protected")
        let none = commitError { _ = try person(protected: true) }
        #expect(none?.constraint == "person_name_exactly_one_primary")
        #expect(none?.message.contains("pseudonym") == true)
    }
}
