import Foundation
import Inquest
import Postgres
import Testing
import TestSupport

/// A case with a protected witness whose real identity is a canary, a cleared investigator
/// assigned to it, and persons the investigator may not reveal.
struct RevealFixture {
    let database: TestDatabase
    let owner: Session
    let cleared: (name: String, session: Session)
    let witness: String
    /// A person of the investigator's own case who is not protected.
    let plain: String
    /// A protected person of a case the investigator is not assigned to.
    let elsewhere: String
    let canary: String

    init() throws {
        let (database, owner) = try TestDatabase.withCase()
        _ = try owner.write { transaction in try Cases(transaction).create(reference: "IR-OTHER", title: "Another case", description: nil) }
        cleared = try database.user("investigator", cleared: true, assignedTo: ["IR-1988"], by: owner)
        let witness = try owner.write { transaction in try People(transaction).add(case: "IR-1988", name: .init(full: "Witness K"), roles: ["witness"], protected: true, description: nil) }
        plain = try owner.write { transaction in try People(transaction).add(case: "IR-1988", name: .init(full: "Ali Fallahian"), roles: [], protected: false, description: nil) }
        let elsewhere = try owner.write { transaction in try People(transaction).add(case: "IR-OTHER", name: .init(full: "Witness M"), roles: ["witness"], protected: true, description: nil) }
        self.witness = witness
        self.elsewhere = elsewhere
        let canary = "CANARY-\(UUID().uuidString)"
        self.canary = canary
        _ = try owner.write { transaction in try Identities(transaction).set(person: witness, realName: canary, contact: nil, notes: nil) }
        _ = try owner.write { transaction in try Identities(transaction).set(person: elsewhere, realName: canary + "-M", contact: nil, notes: nil) }
        self.database = database
        self.owner = owner
    }

    /// Committed reveal events that granted `login` the identity of `key` (seen from the
    /// owner's own connection: a rolled-back event is not there).
    func recordedReveals(of key: String, by login: String) throws -> Int {
        try owner.connection.query("""
            select count(*) as n from inquest_audit.event
             where operation = 'reveal' and record_key = $1 and login = $2
               and coalesce((new_values ->> 'granted')::boolean, true)
            """, [key, login]).first?.decode(Int.self, "n") ?? 0
    }

    /// Committed refusal events of `login` for `key`, newest first: (actor, reason given, why refused).
    func refusals(of key: String, by login: String) throws -> [(actor: String, reason: String, refused: String)] {
        try owner.connection.query("""
            select actor::text as actor, new_values ->> 'reason' as reason, new_values ->> 'refused' as refused
              from inquest_audit.event
             where operation = 'reveal' and record_key = $1 and login = $2 and (new_values ->> 'granted')::boolean is false
             order by id desc
            """, [key, login]).map { row in
            (try row.decode(String.self, "actor"), try row.decode(String.self, "reason"), try row.decode(String.self, "refused"))
        }
    }
}

/// Runs one statement as an attacker would, keeping whatever reached the client: rows and
/// notices. Errors are expected and swallowed (the statement's text is all that matters).
func attempt(_ connection: Connection, _ sql: String, _ parameters: [any PostgresEncodable] = []) -> String {
    final class Seen: @unchecked Sendable { var text = "" }
    let seen = Seen()
    let previous = connection.noticeHandler
    connection.noticeHandler = { seen.text += $0.message + "\n" }
    defer { connection.noticeHandler = previous }
    if let result = try? connection.query(sql, parameters) {
        for row in result {
            for column in 0..<result.columns.count { seen.text += (row.text(column) ?? "") + "\n" }
        }
    }
    return seen.text
}

/// A grant for `person`, requested and committed by `connection`'s user; nil when refused.
func requestGrant(_ connection: Connection, _ person: String, reason: String = "preparing the hearing") throws -> String? {
    let row = try connection.query("select granted, grant_id::text as grant_id from inquest.request_reveal($1, $2)", [person, reason]).first
    return try row?.decode(Bool.self, "granted") == true ? row?.decode(String.self, "grant_id") : nil
}

@Suite("Reveals: nobody sees a real identity unless a record of it was committed first")
struct RevealTests {
    @Test("BEGIN, reveal, ROLLBACK: whatever was seen was recorded before, and stays recorded")
    func rollback() throws {
        let f = try RevealFixture()
        let c = f.cleared.session.connection
        let before = try f.recordedReveals(of: f.witness, by: f.cleared.name)
        try c.execute("begin")
        // The one-step reveal of old, then the two steps in one transaction.
        var seen = attempt(c, "select * from inquest.reveal_identity($1, $2)", [f.witness, "just looking"])
        try c.execute("rollback")
        try c.execute("begin")
        let grant = try? c.query("select grant_id::text as g from inquest.request_reveal($1, $2)", [f.witness, "just looking"])
            .first?.decode(String?.self, "g")
        if let grant {
            seen += attempt(c, "select * from inquest.reveal_identity($1, $2::uuid)", [f.witness, grant])
        }
        try c.execute("rollback")
        let after = try f.recordedReveals(of: f.witness, by: f.cleared.name)
        #expect(!seen.contains(f.canary) || after > before, "the identity was seen and no reveal was committed")
        #expect(!seen.contains(f.canary), "a grant of the reader's own transaction must be refused")
    }

    @Test("a statement that prints the identity and then fails: the reveal was committed before")
    func printThenFail() throws {
        let f = try RevealFixture()
        let c = f.cleared.session.connection
        // Any user may create a temporary function: it prints its argument and aborts.
        try c.execute("""
            create function pg_temp.leak(t text) returns int language plpgsql as $$
            begin raise notice 'LEAK %', t; raise exception 'abort to roll the audit event back'; end $$
            """)
        let before = try f.recordedReveals(of: f.witness, by: f.cleared.name)
        let oldWay = attempt(c, "select pg_temp.leak(real_name) from inquest.reveal_identity($1, $2)", [f.witness, "just looking"])
        let recordedNow = try f.recordedReveals(of: f.witness, by: f.cleared.name)
        #expect(!oldWay.contains(f.canary) || recordedNow > before, "the identity was printed and its reveal rolled back")

        // The new way: the request commits first, so the leak is on record; and the grant is spent.
        let grant = try #require(try requestGrant(c, f.witness))
        let printed = attempt(c, "select pg_temp.leak(real_name) from inquest.reveal_identity($1, $2::uuid)", [f.witness, grant])
        #expect(printed.contains(f.canary))
        #expect(try f.recordedReveals(of: f.witness, by: f.cleared.name) == recordedNow + 1)
        let again = attempt(c, "select real_name from inquest.reveal_identity($1, $2::uuid)", [f.witness, grant])
        #expect(!again.contains(f.canary), "a grant is used once, even when the read that used it rolled back")
    }

    @Test("a grant serves once, its own login and role, its own person, while it is fresh, while cleared")
    func grantBounds() throws {
        let f = try RevealFixture()
        let c = f.cleared.session.connection
        let read = "select real_name from inquest.reveal_identity($1, $2::uuid)"

        // Once: a committed read spends it; so does a read whose transaction rolled back.
        var grant = try #require(try requestGrant(c, f.witness))
        #expect(attempt(c, read, [f.witness, grant]).contains(f.canary))
        #expect(!attempt(c, read, [f.witness, grant]).contains(f.canary))
        grant = try #require(try requestGrant(c, f.witness))
        try c.execute("begin")
        #expect(attempt(c, read, [f.witness, grant]).contains(f.canary))
        try c.execute("rollback")
        #expect(!attempt(c, read, [f.witness, grant]).contains(f.canary))

        // Another cleared colleague on the same case cannot use it, nor can its owner under another role.
        let colleague = try f.database.user("investigator", cleared: true, assignedTo: ["IR-1988"], by: f.owner)
        grant = try #require(try requestGrant(c, f.witness))
        #expect(!attempt(colleague.session.connection, read, [f.witness, grant]).contains(f.canary))
        // The owner, under a role that is itself cleared and assigned (the colleague's, granted
        // to the owner by hand): refused only because the grant names another acting role.
        try f.owner.connection.execute("grant \(try c.quoteIdentifier(colleague.name)) to \(try c.quoteIdentifier(f.cleared.name))")
        try c.execute("set role \(try c.quoteIdentifier(colleague.name))")
        #expect(!attempt(c, read, [f.witness, grant]).contains(f.canary))
        try c.execute("reset role")
        try f.owner.connection.execute("revoke \(try c.quoteIdentifier(colleague.name)) from \(try c.quoteIdentifier(f.cleared.name))")
        // Nor for another person (here one the owner may not see at all): neither identity comes back.
        #expect(!attempt(c, read, [f.elsewhere, grant]).contains(f.canary))
        // Still good after those attempts: they were refused before it was used.
        #expect(attempt(c, read, [f.witness, grant]).contains(f.canary))

        // Expired (the clock is moved by the owner, not waited for).
        grant = try #require(try requestGrant(c, f.witness))
        try f.owner.connection.execute("update inquest_private.reveal_grant set expires_at = now() - interval '1 second' where id = $1::uuid", [grant])
        #expect(!attempt(c, read, [f.witness, grant]).contains(f.canary))

        // Clearance withdrawn between the request and the read.
        grant = try #require(try requestGrant(c, f.witness))
        try f.owner.write { transaction in try Users(transaction).revoke(f.cleared.name, role: "cleared") }
        #expect(!attempt(c, read, [f.witness, grant]).contains(f.canary))
        #expect(try f.recordedReveals(of: f.witness, by: colleague.name) == 0)
    }

    @Test("a refused reveal is recorded with who asked, for what, why; and logged even if rolled back")
    func refusals() throws {
        let f = try RevealFixture()
        let c = f.cleared.session.connection
        let nobody = "P-\(Int32.max)"
        var messages = Set<String>()
        for key in [f.elsewhere, f.plain, nobody] {
            let reason = "probing \(key) \(UUID().uuidString)"
            let row = try #require(try c.query("select granted, grant_id, message from inquest.request_reveal($1, $2)", [key, reason]).first)
            #expect(try row.decode(Bool.self, "granted") == false)
            #expect(try row.decode(String?.self, "grant_id") == nil)
            messages.insert(try row.decode(String.self, "message"))
            let recorded = try f.refusals(of: key, by: f.cleared.name)
            #expect(recorded.first?.actor == f.cleared.name && recorded.first?.reason == reason, "\(key): \(recorded)")
        }
        #expect(messages.count == 1, "a refusal must not tell another case's key from an unprotected person or no person: \(messages)")
        #expect(try f.refusals(of: f.elsewhere, by: f.cleared.name).first?.refused == "not_cleared_and_assigned")
        #expect(try f.refusals(of: f.plain, by: f.cleared.name).first?.refused == "not_protected")
        #expect(try f.refusals(of: nobody, by: f.cleared.name).first?.refused == "no_such_person")

        // Rolled back: the audit event goes, the server log line stays, with login, role and key.
        let log = try ServerLog()
        let reason = "rolled back \(UUID().uuidString)"
        try c.execute("begin")
        try c.execute("set role inquest_investigator")
        _ = attempt(c, "select * from inquest.request_reveal($1, $2)", [f.elsewhere, reason])
        try c.execute("rollback")
        let lines = try log.lines(containing: [reason])
        #expect(lines.count == 1, "\(lines)")
        #expect(lines.first?.contains("login=\"\(f.cleared.name)\"") == true, "\(lines)")
        #expect(lines.first?.contains("actor=\"inquest_investigator\"") == true, "\(lines)")
        #expect(lines.first?.contains("key=\"\(f.elsewhere)\"") == true, "\(lines)")
        #expect(lines.first?.contains("refused") == true, "\(lines)")
        #expect(lines.first?.contains(f.canary) == false)

        // Someone without clearance at all (an admin) is recorded too.
        let admin = try f.database.user("admin", by: f.owner)
        _ = attempt(admin.session.connection, "select * from inquest.request_reveal($1, $2)", [f.witness, "curious admin"])
        #expect(try f.refusals(of: f.witness, by: admin.name).first?.refused == "not_cleared_and_assigned")
    }

    @Test("the service reveals in two transactions: the record first, then the identity")
    func service() throws {
        let f = try RevealFixture()
        let log = try ServerLog()
        let revealed = try Identities.reveal(f.cleared.session, person: f.witness, reason: "preparing the hearing")
        #expect(revealed.text("real_name") == f.canary)
        #expect(try f.recordedReveals(of: f.witness, by: f.cleared.name) == 1)
        #expect(try !log.lines(containing: ["login=\"\(f.cleared.name)\"", "key=\"\(f.witness)\"", "read"]).isEmpty)
        for key in [f.plain, f.elsewhere, "P-\(Int32.max)"] {
            #expect {
                try Identities.reveal(f.cleared.session, person: key, reason: "preparing the hearing")
            } throws: { ($0 as? InquestError)?.code == .permissionDenied }
        }
        #expect(try f.refusals(of: f.plain, by: f.cleared.name).count == 1)
    }
}
