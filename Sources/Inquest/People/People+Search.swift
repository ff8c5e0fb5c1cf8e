import Postgres

extension People {
    /// Finds people under every spelling of their name: exact, folded (Persian names in
    /// Latin letters: ou/u/o, kh/gh/q, doubled letters, Mohammad/Mohammed …), consonant
    /// skeleton (Persian script against Latin), then trigram similarity. Ranked, one row per
    /// person, saying which name matched and how. Runs in the database
    /// (`inquest.search_names`, `Schema/0005_name_search.sql`), under row-level security.
    public func search(_ query: String, case reference: String?, limit: Int) throws -> RecordSet {
        guard !query.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw InquestError(.invalidInput, "query: must not be empty", field: "query", rule: "search-query-not-empty")
        }
        return try records(connection, """
            select person_key as key, case_reference as case, display_name as name, matched_name, name_kind,
                   match, round(score::numeric, 3) as score
            from inquest.search_names($1, $2, $3)
            """, [query, reference, limit])
    }

    /// Pairs of people in one case whose names suggest they are the same person, with the
    /// score and the reason.
    public func duplicates(case reference: String?) throws -> RecordSet {
        try records(connection, """
            select person_a, name_a, person_b, name_b, round(score::numeric, 3) as score, evidence
            from inquest.likely_duplicate_persons($1)
            """, [reference])
    }
}

extension People {
    /// Merges two records of one person: everything pointing at `other` moves to `keep`
    /// (its primary name becomes an alias), exact duplicates collapse, `other` is removed;
    /// one audited transaction (`inquest.merge_persons`, `Schema/0007_merge_persons.sql`).
    public func merge(keep: String, other: String) throws {
        try connection.execute("select inquest.merge_persons($1, $2)", [keep, other])
    }
}
