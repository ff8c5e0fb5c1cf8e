import Postgres

/// Cases and who is assigned to them. Admins open, close and assign; the database refuses
/// everyone else (row-level security and grants in `Schema/0002_access_audit.sql`).
public struct Cases {
    let connection: Connection

    /// Runs in the caller's unit of work (`Session.read` or `Session.write` hands it over).
    public init(_ transaction: Transaction) { connection = transaction.connection }

    /// Opens a case. - Returns: its key (`C-1`).
    public func create(reference: String, title: String, description: String?) throws -> String {
        try records(connection, """
            insert into inquest."case" (reference, title, description) values ($1, $2, $3) returning key
            """, [reference, title, description]).key
    }

    public func list(status: String?) throws -> RecordSet {
        try readContract(connection, "inquest.case_list", [status])
    }

    /// One case by key (`C-1`) or reference (`IR-1988`).
    public func show(_ reference: String) throws -> RecordSet {
        try requireRecord(readContract(connection, "inquest.case_record", [reference]), "case", reference)
    }

    public func update(_ reference: String, title: String?, description: String?) throws {
        try requireOne(connection.execute("""
            update inquest."case" set title = coalesce($2, title), description = coalesce($3, description)
            where id = inquest.case_id_of($1)
            """, [reference, title, description]), "case", reference)
    }

    /// Closes (`open: false`) or reopens a case.
    public func setOpen(_ reference: String, _ open: Bool) throws {
        try requireOne(connection.execute("""
            update inquest."case" set status = $2,
                closed_at = case when $2 = 'closed' then now() end
            where id = inquest.case_id_of($1)
            """, [reference, open ? "open" : "closed"]), "case", reference)
    }

    public func assign(_ reference: String, user: String) throws {
        try requireOne(connection.execute("""
            insert into inquest.case_assignment (case_id, username)
            select id, $2 from inquest."case" where id = inquest.case_id_of($1)
            """, [reference, user]), "case", reference)
    }

    public func unassign(_ reference: String, user: String) throws {
        try requireOne(connection.execute("""
            delete from inquest.case_assignment a using inquest."case" c
            where a.case_id = c.id and c.id = inquest.case_id_of($1) and a.username = $2
            """, [reference, user]), "assignment of \(user) to case", reference)
    }

    /// Counts at a glance, read in one snapshot: summonses by state, disclosure requests by
    /// state (overdue apart), testimony sessions by state, evidence by kind, and evidence
    /// that nothing links to yet.
    public func summary(_ reference: String) throws -> Sections {
        try requireCase(connection, reference)
        let counts = try readContract(connection, "inquest.case_counts", [reference])
        let evidence = try readContract(connection, "inquest.case_evidence_counts", [reference])
        return Sections([.init("counts", counts), .init("evidence", evidence)])
    }
}
