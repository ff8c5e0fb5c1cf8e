import Postgres

/// Fails with `.notFound` when a statement that targets one record touched none: the record
/// does not exist, or row-level security hides it from the caller (the two are
/// deliberately indistinguishable).
func requireOne(_ affected: Int, _ what: String, _ key: String) throws {
    if affected == 0 {
        throw InquestError(.notFound, "\(what) \(key) not found (or not visible to you)", field: what)
    }
}

/// The first row of `set`, or `.notFound`.
func requireRecord(_ set: RecordSet, _ what: String, _ key: String) throws -> RecordSet {
    if set.isEmpty {
        throw InquestError(.notFound, "\(what) \(key) not found (or not visible to you)", field: what)
    }
    return set
}

extension RecordSet {
    /// The `key` column of the first row (what `add` commands return).
    var key: String {
        if case .string(let key) = first("key") { return key }
        return ""
    }
}

/// Runs an `insert … select … from <parent> where key = $1 … returning key`, the shape every
/// "add to an existing record" takes: the parent's case comes from the parent itself, so a
/// child can never land in another case.
/// - Returns: the new record's key.
/// - Throws: `.notFound` naming the parent when it does not exist or is not visible.
func insertUnder(_ connection: Connection, _ parent: String, _ parentKey: String,
                 _ sql: String, _ parameters: [any PostgresEncodable]) throws -> String {
    let key = try records(connection, sql, parameters).key
    try requireOne(key.isEmpty ? 0 : 1, parent, parentKey)
    return key
}

/// Fails with `.notFound` unless the case named by key (`C-1`) or reference (`IR-1988`)
/// exists and is visible to the caller.
func requireCase(_ connection: Connection, _ reference: String) throws {
    let found = try records(connection, #"select 1 from inquest."case" where id = inquest.case_id_of($1)"#, [reference])
    try requireOne(found.rows.count, "case", reference)
}
