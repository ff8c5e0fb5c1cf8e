import Foundation
@testable import Inquest
import Postgres
import Testing
import TestSupport

/// The live `audit verify` checks the chain on one thread and the stored tree on another
/// (ChainCheck, TreeWorker): the first bad event must still be the one a single pass finds,
/// whichever thread finds it and in whichever batch.
@Suite("audit verify: chain and tree on two threads")
struct VerifyPipelineTests {
    /// A log of 1 + 300 events of about 8 KiB each: more than two batches of the worker.
    func longLog() throws -> (TestDatabase, Session, Int) {
        let (database, owner) = try TestDatabase.withCase()
        _ = try owner.connection.executeScript("""
            insert into inquest.event (case_id, kind, title, "date")
            select (select id from inquest."case" where reference = 'IR-1988'), 'other', 'event ' || g || ' ' || repeat('x', 8000), '1988-08'
              from generate_series(1, 300) g
            """)
        try owner.seal()
        let size = try owner.connection.query("select seq from inquest_audit.head()").first!.decode(Int.self, "seq")
        #expect(size * 8000 > 2 * LeafBatch.target)
        return (database, owner, size)
    }

    /// Runs `sql` with the audit tables' guards off, as a superuser could.
    func tamper(_ owner: Session, _ sql: String) throws {
        _ = try owner.connection.executeScript("""
            alter event trigger inquest_record_ddl disable;
            alter table inquest_audit.event disable trigger inquest_append_only;
            alter table inquest_audit.seal disable trigger inquest_append_only;
            \(sql);
            alter table inquest_audit.seal enable always trigger inquest_append_only;
            alter table inquest_audit.event enable always trigger inquest_append_only;
            alter event trigger inquest_record_ddl enable;
            """)
    }

    @Test("an intact long log verifies, with the stored tree's root")
    func intact() throws {
        let (_, owner, size) = try longLog()
        let result = try Audit(owner).verify()
        #expect(result.ok, "\(result.problem ?? "")")
        #expect(result.events == size)
        #expect(try result.root == Data(Audit(owner).root(size: size)).base64EncodedString())
    }

    @Test("an altered tree node is named, in any batch, and wins over a later break of the chain")
    func alteredTree() throws {
        let (_, owner, size) = try longLog()
        // A node in the last batch, then a content change after it.
        try tamper(owner, "update inquest_audit.seal set nodes = sha256('forged') || substr(nodes, 33) where seq = \(size - 20)")
        var result = try Audit(owner).verify()
        #expect(result.firstBadSeq == size - 20)
        #expect(result.events == size - 21)
        #expect(result.problem == "the event's content (or its stored leaf hash) was changed after it was sealed")
        try tamper(owner, """
            update inquest_audit.event set new_values = jsonb_set(new_values, '{title}', '"rewritten"')
             where id = (select event_id from inquest_audit.seal where seq = \(size - 5))
            """)
        result = try Audit(owner).verify()
        #expect(result.firstBadSeq == size - 20)
        // A node in the first batch: found before both.
        try tamper(owner, "update inquest_audit.seal set nodes = nodes || sha256('extra') where seq = 3")
        result = try Audit(owner).verify()
        #expect(result.firstBadSeq == 3)
        #expect(result.problem == "the stored Merkle tree nodes of this event do not match its content: the tree was altered")
        #expect(result.chained == 0)
    }

    @Test("a changed event before an altered node is named first")
    func chainFirst() throws {
        let (_, owner, size) = try longLog()
        try tamper(owner, "update inquest_audit.seal set nodes = sha256('forged') || substr(nodes, 33) where seq = \(size - 1)")
        try tamper(owner, """
            update inquest_audit.event set new_values = jsonb_set(new_values, '{title}', '"rewritten"')
             where id = (select event_id from inquest_audit.seal where seq = 200)
            """)
        let result = try Audit(owner).verify()
        #expect(result.firstBadSeq == 200)
        #expect(result.events == 199)
        #expect(result.problem == "the event's content (or its stored leaf hash) was changed after it was sealed")
    }

    @Test("a hash chain link after events sealed without the chain is named: the chain cannot start again")
    func chainRestart() throws {
        let (_, owner, _) = try longLog()
        // Event 10 made a valid-looking first link (from genesis), its tree nodes dropped,
        // as a forger splicing a chain of their own would.
        try tamper(owner, """
            update inquest_audit.seal s set nodes = null, prev_hash = decode(repeat('00', 32), 'hex'),
                   hash = sha256(decode(repeat('00', 32), 'hex') || convert_to(inquest_audit.canonical_text(l.seq, l.event_id,
                     l.occurred_at, l.txid, l.login, l.actor, l.table_name, l.record_key, l.case_id, l.operation,
                     l.old_values, l.new_values), 'UTF8'))
              from inquest_audit.log l where l.seq = s.seq and s.seq = 10
            """)
        let result = try Audit(owner).verify()
        #expect(result.firstBadSeq == 10)
        #expect(result.problem == "a hash chain link after event 1, which was sealed without one: the chain is a prefix of the log")
        #expect(result.chained == 0)
    }
}
