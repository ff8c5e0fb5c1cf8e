/// What one kind of import file holds and how its rows become records.
///
/// Every statement reads the case and the duplicate policy from `pg_temp.import_settings`
/// and works on `pg_temp.import_raw` (the file as COPY loaded it, columns typed like the
/// target's) or `pg_temp.import_rows` (the same rows with references resolved): fixed
/// SQL, no parameters, no values spliced in.
public struct ImportKind: Sendable {
    public enum ValueType: Sendable {
        case text
        /// true/false, yes/no, t/f, 1/0.
        case boolean
        case integer
        /// Items separated by `;` in CSV; a JSON array in JSON Lines.
        case list
    }

    public struct Column: Sendable {
        public let name: String
        public let type: ValueType
        public let help: String
    }

    public let name: String
    public let columns: [Column]
    /// Columns the file must have.
    public let required: [String]
    let stage: String
    /// Builds `import_rows` from `import_raw`.
    let prepare: [String]
    /// Queries returning (line, field, rule, message) for what the table's own rules do
    /// not cover: references, refs, duplicates.
    let checks: [String]
    /// Staged rows and the table whose NOT NULL and CHECK rules they must meet
    /// (`inquest.import_problems`).
    let targets: [(staging: String, table: String)]
    let load: [String]
    /// One row of counts, after loading.
    let summary: String

    var copy: String {
        "copy pg_temp.import_raw (line, " + columns.map { "\"" + $0.name + "\"" }.joined(separator: ", ") + ") from stdin"
    }

    public static let all: [ImportKind] = [persons, evidence, events, positions, links]

    public static func named(_ name: String) -> ImportKind? { all.first { $0.name == name } }
}

extension ImportKind {
    static let settings = "create temp table import_settings (case_id bigint not null, on_duplicate text not null) on commit drop"

    /// A ref must be unique within the file and new to the case (shared by the kinds
    /// that introduce records others refer to).
    static func refChecks(_ table: String) -> [String] {
        [
            """
            select line, 'ref', 'import_ref_unique', pg_catalog.format('ref %s is also on line %s', ref, first_line)
              from (select line, ref, min(line) over (partition by ref) as first_line
                      from pg_temp.import_rows where ref is not null) r
             where line <> first_line
            """,
            "select r.line, 'ref', 'import_ref_unique', pg_catalog.format('ref %s is already %s in this case', r.ref, t.key) "
                + "from pg_temp.import_rows r join inquest." + table + " t "
                + "on t.case_id = (select case_id from pg_temp.import_settings) and t.external_ref = r.ref",
            """
            select line, 'ref', 'import_ref_not_blank', 'ref must not be blank' from pg_temp.import_rows where btrim(ref) = ''
            """,
        ]
    }

    /// A reference to a record that is not in the case (resolved to 0 by prepare).
    static func unresolved(_ pairs: String) -> String {
        """
        select r.line, v.field, 'import_reference',
               pg_catalog.format('%s %s: no such record in this case (give its key, such as P-3, or the ref it was imported with)', v.field, v.given)
          from pg_temp.import_rows r
          cross join lateral (values
        """ + pairs + ") v(field, given, id) where v.id = 0"
    }
}
