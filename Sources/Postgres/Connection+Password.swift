import CLibPQ

extension Connection {
    /// Computes a SCRAM-SHA-256 verifier for `password` on the client, as psql's `\password`
    /// does, so that the plain password never reaches the server, its logs or
    /// `pg_stat_activity`.
    /// - Returns: the verifier text (`SCRAM-SHA-256$4096:…`), to be stored as the role's password.
    public func scramVerifier(password: String, user: String) throws -> String {
        guard let verifier = PQencryptPasswordConn(handle, password, user, "scram-sha-256") else {
            throw PostgresError(code: .misuse, message: lastErrorMessage)
        }
        defer { PQfreemem(verifier) }
        return String(cString: verifier)
    }
}
