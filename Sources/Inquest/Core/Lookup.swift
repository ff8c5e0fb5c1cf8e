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
