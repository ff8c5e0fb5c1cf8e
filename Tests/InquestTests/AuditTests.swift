import Foundation
import Inquest
import Postgres
import Testing
import TestSupport

@Suite("Audit trail: every change recorded, chained, verifiable")
struct AuditTests {
    @Test("8 parallel writers: the chain verifies, has no gaps, and holds one event per change")
    func parallelWriters() throws {
        let (database, owner) = try TestDatabase.withCase()
        let investigator = try database.user("investigator", assignedTo: ["IR-1988"], by: owner)
        let name = investigator.name
        let before = try Audit(owner).verify().events
        let writers = 8, perWriter = 40
        let failures = FailureLog()
        DispatchQueue.concurrentPerform(iterations: writers) { writer in
            do {
                let session = Session(connection: try database.connect(user: name))
                for index in 0..<perWriter {
                    // Each add writes two rows (person and name): two events.
                    _ = try session.write { transaction in try People(transaction).add(case: "IR-1988", name: .init(full: "Writer \(writer) person \(index)"),
                                                roles: [], protected: false, description: nil) }
                }
            } catch {
                failures.append("\(error)")
            }
        }
        #expect(failures.items.isEmpty, "\(failures.items)")
        let result = try Audit(owner).verify()
        #expect(result.ok, "\(result.problem ?? "")")
        #expect(result.events - before == writers * perWriter * 2)
        #expect(result.headSeq == result.events)  // sequence numbers 1…n, no gaps
        let byActor = try owner.connection.query(
            "select count(*) as n from inquest_audit.log where actor = $1", [investigator.name])
        #expect(try byActor.first?.decode(Int.self, "n") == writers * perWriter * 2)
    }

    @Test("the actor is the login role, even after SET ROLE to a group or set_config tricks")
    func actor() throws {
        let (database, owner) = try TestDatabase.withCase()
        let investigator = try database.user("investigator", assignedTo: ["IR-1988"], by: owner)
        let connection = investigator.session.connection
        try connection.execute("select set_config('app.user', 'someone_else', false)")
        #expect(throws: PostgresError.self) { try connection.execute("set role postgres") }
        _ = try investigator.session.write { transaction in try People(transaction).add(case: "IR-1988", name: .init(full: "Abdollah Nouri"), roles: [], protected: false, description: nil) }
        var filter = Audit.Filter()
        filter.table = "person"
        let log = try Audit(owner).log(filter)
        #expect(log.text("actor") == investigator.name)
        #expect(log.text("login") == investigator.name)
    }

    @Test("a canary placed in a protected identity never appears in the audit export")
    func canary() throws {
        let (database, owner) = try TestDatabase.withCase()
        let cleared = try database.user("investigator", cleared: true, assignedTo: ["IR-1988"], by: owner)
        let witness = try cleared.session.write { transaction in try People(transaction).add(case: "IR-1988", name: .init(full: "Witness K"), roles: ["witness"],
                                                       protected: true, description: nil) }
        let canary = "CANARY-\(UUID().uuidString)"
        _ = try cleared.session.write { transaction in try Identities(transaction).set(person: witness, realName: canary, contact: canary + "@example.org", notes: canary) }
        let revealed = try Identities.reveal(cleared.session, person: witness, reason: "preparing the hearing")
        #expect(revealed.text("real_name") == canary)
        let file = FileManager.default.temporaryDirectory.appending(path: TestEnvironment.uniqueName("export") + ".jsonl")
        let count = try Audit(owner).export(to: file)
        let exported = try String(contentsOf: file, encoding: .utf8)
        #expect(count > 0)
        #expect(!exported.contains(canary))
        // The reveal itself is on record, with its reason.
        var filter = Audit.Filter()
        filter.actor = cleared.name
        let operations = try Audit(owner).log(filter).rows.map { $0[4].text }
        #expect(operations.contains("reveal"))
        #expect(exported.contains("preparing the hearing"))
    }

    @Test("the Swift verifier and the SQL verifier agree; tampering is found and named")
    func tampering() throws {
        let (_, owner) = try TestDatabase.withCase()
        for index in 1...5 {
            _ = try owner.write { transaction in try People(transaction).add(case: "IR-1988", name: .init(full: "Person \(index)"), roles: [], protected: false, description: nil) }
        }
        #expect(try Audit(owner).verify().ok)
        // A superuser can switch the guards off; the chain still tells.
        try owner.connection.executeScript("""
            alter event trigger inquest_record_ddl disable;
            alter table inquest_audit.event disable trigger inquest_append_only;
            update inquest_audit.event set new_values = jsonb_set(new_values, '{name}', '"Someone else"')
             where id = (select event_id from inquest_audit.seal where seq = 4);
            alter table inquest_audit.event enable always trigger inquest_append_only;
            alter event trigger inquest_record_ddl enable;
            """)
        let result = try Audit(owner).verify()
        #expect(!result.ok)
        #expect(result.firstBadSeq == 4)
        let sql = try owner.connection.query("select inquest_audit.verify() as bad").first?.decode(Int?.self, "bad")
        #expect(sql == 4)
    }

    @Test("a signed checkpoint detects a truncated log and a forged checkpoint")
    func checkpoint() throws {
        let (_, owner) = try TestDatabase.withCase()
        _ = try owner.write { transaction in try People(transaction).add(case: "IR-1988", name: .init(full: "Sirous Nasseri"), roles: [], protected: false, description: nil) }
        let audit = Audit(owner)
        let key = try NoteSigner.generate(name: "auditor-test", type: .ed25519)
        let head = try audit.treeHead()
        let verified = try audit.verify()
        let note = try Checkpoint(origin: head.origin, size: verified.headSeq, root: try audit.root(size: verified.headSeq)).signed(with: key)
        let checkpoint = try CheckpointPolicy(logKeys: [key.verifier]).verify(note, field: "checkpoint").checkpoint
        #expect(try audit.verify(against: checkpoint).ok)
        // Another key does not verify it; an edited note does not either.
        let other = try NoteSigner.generate(name: "auditor-test", type: .ed25519)
        #expect(throws: InquestError.self) { try CheckpointPolicy(logKeys: [other.verifier]).verify(note, field: "checkpoint") }
        var edited = note
        edited.text = edited.text.replacingOccurrences(of: "\n\(verified.headSeq)\n", with: "\n\(verified.headSeq + 1)\n")
        #expect(throws: InquestError.self) { try CheckpointPolicy(logKeys: [key.verifier]).verify(edited, field: "checkpoint") }
        // Truncation: the superuser removes the newest seal and its event.
        // (Since 0016 the event trigger refuses disabling the audit tables' triggers: the
        // superuser switches it off first, which no event trigger can see.)
        try owner.connection.executeScript("""
            alter event trigger inquest_record_ddl disable;
            alter table inquest_audit.seal disable trigger user;
            alter table inquest_audit.event disable trigger user;
            alter table inquest_audit.tree disable trigger user;
            delete from inquest_audit.event where id = (select event_id from inquest_audit.seal order by seq desc limit 1);
            delete from inquest_audit.tree where seq = (select max(seq) from inquest_audit.seal);
            delete from inquest_audit.seal where seq = (select max(seq) from inquest_audit.seal);
            alter table inquest_audit.seal enable always trigger inquest_append_only, enable always trigger inquest_no_truncate, enable always trigger inquest_append_guard;
            alter table inquest_audit.event enable always trigger inquest_append_only, enable always trigger inquest_no_truncate, enable always trigger inquest_append_guard;
            alter table inquest_audit.tree enable always trigger inquest_append_only, enable always trigger inquest_no_truncate, enable always trigger inquest_append_guard;
            alter event trigger inquest_record_ddl enable;
            update inquest_private.seal_state set last_seq = last_seq - 1;
            """)
        #expect(try audit.verify().ok)  // the chain alone cannot tell
        let truncated = try audit.verify(against: checkpoint)
        #expect(!truncated.ok)
        #expect(truncated.problem?.contains("truncated") == true)
    }

    @Test("canonical text follows the documented rule")
    func canonicalText() {
        let text = AuditChain.canonicalText(["1", "7", "2023-02-06T00:00:00.000000Z", "750", "amina", "amina", "person", "P-1",
                                             "1", "update", #"{"a": "x\y"}"#, nil])
        #expect(text == "inquest-event-v1\n1\n7\n2023-02-06T00:00:00.000000Z\n750\namina\namina\nperson\nP-1\n1\nupdate\n{\"a\": \"x\\\\y\"}\n\\N\n")
        let escaped = AuditChain.canonicalText(["1", "1", "t", "1", "a", "a", "t", nil, nil, "insert", nil, "line1\nline2\r"])
        #expect(escaped.hasSuffix("\\N\n\\N\ninsert\n\\N\nline1\\nline2\\r\n"))
    }
}

final class FailureLog: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var items: [String] = []
    func append(_ item: String) { lock.withLock { items.append(item) } }
}
