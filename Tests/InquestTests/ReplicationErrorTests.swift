import Inquest
import Postgres
import Testing

/// How errors from a standby, or from a connection string that names no writable host,
/// reach the user (the live behaviour is tested against real clusters by
/// `Scripts/test-replication.sh`).
@Suite("Replication errors: a write that reached no primary says where writes go")
struct ReplicationErrorTests {
    @Test("a write in a read-only transaction (SQLSTATE 25006) is 'unavailable' and names target_session_attrs")
    func readOnlyTransaction() {
        let error = InquestError(PostgresError(code: .init("25006"), message: "cannot execute INSERT in a read-only transaction"))
        #expect(error.code == .unavailable)
        #expect(error.message.contains("cannot execute INSERT in a read-only transaction"))
        #expect(error.message.contains("target_session_attrs=read-write"))
        #expect(error.rule == "target_session_attrs=read-write")
    }

    @Test("libpq's refusal of every host under target_session_attrs=read-write says that no host accepts writes")
    func noWritableHost() {
        for libpq in ["connection to server on socket \"/s/.s.PGSQL.5432\" failed: session is read-only",
                      "connection to server at \"db2\" (10.0.0.2), port 5432 failed: server is in hot standby mode"] {
            let error = InquestError(PostgresError(code: .connectionFailed, message: libpq))
            #expect(error.code == .unavailable)
            #expect(error.message.contains("no host in the connection string accepts writes"))
        }
    }

    @Test("other connection failures and other errors get no replication advice")
    func noAdviceOtherwise() {
        let refused = InquestError(PostgresError(code: .connectionFailed, message: "connection refused"))
        #expect(refused.code == .unavailable)
        #expect(!refused.message.contains("target_session_attrs"))
        let check = InquestError(PostgresError(code: .checkViolation, message: "new row violates check constraint"))
        #expect(!check.message.contains("target_session_attrs"))
    }
}
