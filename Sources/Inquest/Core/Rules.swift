import Postgres

/// Friendly checks that run before the database's own. The schema stays the guard (its
/// named checks refuse the same values from any client); these only say, in the user's
/// terms, which field broke which rule and what would be accepted.

/// Refuses a value outside a schema value list, naming the field, the rule (the schema's
/// check constraint) and the accepted values (`ValueList.check`).
func requireOneOf<List: ValueList>(_ value: String?, _ list: List.Type, field: String = List.field) throws {
    try List.check(value, field: field)
}

/// What to tell the user when a named constraint refuses a change.
struct Explanation {
    var field: String
    var message: String
}

/// Runs `body`, replacing the database's wording of the constraints named in `explanations`
/// by a message in the user's terms (the code, the rule and the underlying error are kept).
func explaining<R>(_ explanations: [String: Explanation], _ body: () throws -> R) throws -> R {
    do {
        return try body()
    } catch var error as InquestError {
        if let rule = error.rule, let explanation = explanations[rule] {
            error.message = explanation.message
            error.field = explanation.field
        }
        throw error
    }
}

/// The bounds of a partial date given as a filter, by the schema's own parser.
/// - Returns: the earliest and latest day it can denote (ISO text), or nil for nil.
/// - Throws: `.invalidInput` naming `field` and the grammar rule that was broken.
func partialDateBounds(_ connection: Connection, _ value: String?, field: String) throws -> (from: String, to: String)? {
    guard let value else { return nil }
    do {
        let bounds = try records(connection, """
            select (d).earliest::text as earliest, (d).latest::text as latest
            from (select inquest_private.parse_partial_date($1) as d) parsed
            """, [value])
        guard case .string(let from)? = bounds.first("earliest"), case .string(let to)? = bounds.first("latest") else {
            throw InquestError(.invalidInput, "\(field): \"\(value)\" is not a partial date", field: field, rule: "partial-date")
        }
        return (from, to)
    } catch var error as InquestError where error.underlying?.code == .invalidDatetimeFormat {
        error.message = "\(field): \(error.message)"
        error.field = field
        error.rule = "partial-date"
        throw error
    }
}

/// Checks identifier and format columns by the schema's own functions (the ones its checks
/// call), so that the service and the database can never disagree about a format.
/// - Throws: `.invalidInput` naming the first field at fault, its rule and an example.
func requireFormats(_ connection: Connection, table: String,
                    unSymbol: String? = nil, amnestyIndex: String? = nil, url: String? = nil,
                    language: String? = nil) throws {
    let checked = try records(connection, """
        select coalesce(inquest_private.is_un_symbol($1), true) as un_symbol,
               coalesce(inquest_private.is_amnesty_index($2), true) as amnesty_index,
               coalesce(inquest_private.is_http_url($3), true) as url,
               coalesce(inquest_private.is_language_tag($4), true) as language
        """, [unSymbol, amnestyIndex, url, language])
    let problems: [(field: String, value: String?, rule: String, message: String)] = [
        ("un_symbol", unSymbol, "\(table)_un_symbol_format",
         "is not a UN document symbol: a body, then parts separated by /, as in A/43/705, E/CN.4/1989/26, A/RES/43/137"),
        ("amnesty_index", amnestyIndex, "\(table)_amnesty_index_format",
         "is not an Amnesty International index: region, sub-region/serial/year, as in MDE 13/031/88 or MDE 13/9421/2018"),
        ("url", url, "\(table)_url_format", "is not an http(s) URL"),
        ("language", language, "\(table)_language_valid", "is not a language tag such as fa, en or fa-Latn"),
    ]
    for problem in problems where checked.first(problem.field) == .bool(false) {
        throw InquestError(.invalidInput, "\(problem.field): \"\(problem.value ?? "")\" \(problem.message)",
                           field: problem.field, rule: problem.rule)
    }
}
