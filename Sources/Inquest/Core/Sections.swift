/// What a `show` returns: the record, then its named parts in reading order. The CLI
/// prints any of them the same way (JSON: one object with a member per part), so a
/// command never lists its parts by hand.
@dynamicMemberLookup
public struct Sections: Sendable {
    public struct Part: Sendable {
        public var name: String
        public var records: RecordSet
        /// One record (the first part of a show): an object in JSON, not an array.
        public var single: Bool

        public init(_ name: String, _ records: RecordSet, single: Bool = false) {
            self.name = name
            self.records = records
            self.single = single
        }
    }

    public var parts: [Part]

    public init(_ parts: [Part]) { self.parts = parts }

    /// The part named `name` (`shown.names`); a name that is not a part is a programming error.
    public subscript(dynamicMember name: String) -> RecordSet {
        guard let part = parts.first(where: { $0.name == name }) else { preconditionFailure("no part \(name) in \(parts.map(\.name))") }
        return part.records
    }
}
