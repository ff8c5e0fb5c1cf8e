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
        try records(connection, """
            select key, reference, title, status, created_at, closed_at from inquest."case"
            where $1::text is null or status = $1 order by reference
            """, [status])
    }

    /// One case by key (`C-1`) or reference (`IR-1988`).
    public func show(_ reference: String) throws -> RecordSet {
        try requireRecord(records(connection, """
            select c.*, (select coalesce(array_agg(a.username::text order by a.username), '{}')
                         from inquest.case_assignment a where a.case_id = c.id) as assigned
            from inquest."case" c where c.id = inquest.case_id_of($1)
            """, [reference]), "case", reference)
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
        let counts = try records(connection, """
            with c as (select inquest.case_id_of($1) as id)
            select 'people' as what, 'all' as state, count(*) as count from inquest.person where case_id = (select id from c)
            union all
            select 'summonses', status, count(*) from inquest.summons where case_id = (select id from c) group by status
            union all
            select 'disclosure requests', case when overdue then 'overdue' else status end, count(*)
              from inquest.disclosure_request_status where case_id = (select id from c)
             group by case when overdue then 'overdue' else status end
            union all
            select 'testimony sessions', status, count(*) from inquest.testimony_session where case_id = (select id from c) group by status
            union all
            select 'transcript segments', 'all', count(*) from inquest.transcript_segment where case_id = (select id from c)
            union all
            select 'events', 'all', count(*) from inquest.event where case_id = (select id from c)
            union all
            select 'statements', 'all', count(*) from inquest.statement where case_id = (select id from c)
            order by 1, 2
            """, [reference])
        let evidence = try records(connection, """
            with c as (select inquest.case_id_of($1) as id)
            select e.kind, count(*) as count,
                   count(*) filter (where not exists (select 1 from inquest.evidence_link l
                                                      where l.case_id = e.case_id and l.evidence_id = e.id)) as unlinked
            from inquest.evidence e where e.case_id = (select id from c)
            group by e.kind order by e.kind
            """, [reference])
        return Sections([.init("counts", counts), .init("evidence", evidence)])
    }
}
