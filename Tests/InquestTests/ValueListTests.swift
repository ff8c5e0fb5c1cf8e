import Inquest
import Postgres
import TestSupport
import Testing

/// One value list as the test sees it: the Swift enum's name, rule and values.
struct ValueListCase: Sendable, CustomTestStringConvertible {
    let name: String
    let rule: String
    let values: [String]

    init<List: ValueList>(_ list: List.Type) {
        name = String(describing: list)
        rule = List.rule
        values = List.names
    }

    var testDescription: String { "\(name) (\(rule))" }

    /// Every value list of the schema, each once.
    static let all: [ValueListCase] = [
        .init(CaseStatus.self), .init(PersonSex.self), .init(PersonRole.self), .init(NameKind.self), .init(NameScript.self),
        .init(UserRole.self), .init(SummonsStatus.self), .init(ServiceMethod.self), .init(Immunity.self),
        .init(DisclosureTopic.self), .init(DisclosureStatus.self), .init(ResponseChannel.self), .init(TestimonyMode.self),
        .init(TestimonyStatus.self), .init(TestimonyLogLineKind.self), .init(CorrespondenceDirection.self), .init(EvidenceKind.self), .init(CustodyAction.self),
        .init(EvidenceFactKind.self), .init(LinkRelation.self), .init(EventKind.self), .init(ParticipantRole.self),
        .init(StatementMedium.self), .init(StatementClassification.self), .init(StatementWording.self),
    ]
}

@Suite("value lists")
struct ValueListTests {
    /// The values a schema rule accepts, in its order: a check constraint's quoted values
    /// (`x = any (array['a', 'b'])`, `x = any ('{a,b}'::text[])`, `x <@ array[…]`), or for
    /// the user roles, the `when` branches of `inquest_private.role_group`.
    static func schemaValues(_ connection: Connection, rule: String) throws -> [String]? {
        if rule == UserRole.rule {
            let definition = try connection.query(
                "select pg_get_functiondef('inquest_private.role_group'::regproc) as d").first?.decode(String.self, "d") ?? ""
            return definition.matches(of: /when '([a-z_]+)'/).map { String($0.output.1) }
        }
        let definitions = try connection.query(
            "select pg_get_constraintdef(oid) as d from pg_constraint where conname = $1 and contype = 'c'", [rule]
        ).map { try $0.decode(String.self, "d") }
        guard definitions.count == 1, let definition = definitions.first else { return nil }
        if let braces = definition.firstMatch(of: /'\{([^}]*)\}'/) {
            return braces.output.1.split(separator: ",").map(String.init)
        }
        return definition.matches(of: /'([^']*)'/).map { String($0.output.1) }
    }

    @Test("every Swift value list is exactly its schema rule, in order", arguments: ValueListCase.all)
    func matchesSchema(_ list: ValueListCase) throws {
        let database = try TestDatabase()
        let schema = try #require(try Self.schemaValues(try database.superuser(), rule: list.rule),
                                  "\(list.name): the schema has no single check constraint named \(list.rule)")
        let missing = schema.filter { !list.values.contains($0) }, extra = list.values.filter { !schema.contains($0) }
        #expect(missing.isEmpty && extra.isEmpty && schema == list.values, """
            \(list.name) differs from \(list.rule): the schema accepts \(missing) that the enum lacks, \
            the enum has \(extra) that the schema refuses; schema order \(schema), enum order \(list.values)
            """)
    }

    @Test("every value-list check of the schema has its Swift enum")
    func noListUnmirrored() throws {
        let database = try TestDatabase()
        let rules = try database.superuser().query("""
            select conname::text as rule from pg_constraint
             where contype = 'c' and connamespace::regnamespace::text in ('inquest', 'inquest_audit')
               and pg_get_constraintdef(oid) ~ '(= ANY|<@) \\(?(ARRAY\\[''|''\\{)'
             order by 1
            """).map { try $0.decode(String.self, "rule") }
        // Not lists of their own: the audit's operations (written by triggers, never typed),
        // and which testimony log kinds carry a segment (a rule over TestimonyLogLineKind).
        let mirrored = Set(ValueListCase.all.map(\.rule)).union(["event_operation_known", "testimony_log_line_segment_kinds"])
        #expect(rules.count >= 20, "the query must find the schema's lists: \(rules)")
        #expect(rules.filter { !mirrored.contains($0) } == [], "value lists in the schema without a Swift enum")
    }

    @Test("a value outside a list is refused by the service naming the field, the rule and every accepted value")
    func friendlyRefusal() throws {
        let refused = try #require(throws: InquestError.self) { try EventKind.check("picnic") }
        #expect(refused.code == .invalidInput && refused.field == "kind" && refused.rule == "event_kind_valid")
        #expect(refused.message == "kind: \"picnic\" is not one of \(EventKind.names.joined(separator: ", "))")
        #expect(throws: Never.self) { try EventKind.check(nil) }
        #expect(LinkRelation.choices.hasSuffix("addressed_to or participated"))
    }
}
