import Foundation
import Postgres

/// Summonses: one person, one case, a lifecycle the database enforces
/// (draft → issued → served → appeared | declined | failed_to_appear; withdrawn before an outcome).
public struct Summonses {
    let connection: Connection

    /// Runs in the caller's unit of work (`Session.read` or `Session.write` hands it over).
    public init(_ transaction: Transaction) { connection = transaction.connection }

    public struct Draft: Sendable {
        public var legalBasis: String?
        public var serviceMethod: String?
        public var appearBy: String?
        public var immunity: String?
        public var purpose: String?
        public var notes: String?

        public init(legalBasis: String? = nil, serviceMethod: String? = nil, appearBy: String? = nil,
                    immunity: String? = nil, purpose: String? = nil, notes: String? = nil) {
            self.legalBasis = legalBasis
            self.serviceMethod = serviceMethod
            self.appearBy = appearBy
            self.immunity = immunity
            self.purpose = purpose
            self.notes = notes
        }
    }

    /// Drafts a summons to a person, in the person's case. - Returns: its key (`S-n`).
    public func create(person: String, _ draft: Draft) throws -> String {
        try Self.create(person: person, draft).run(on: connection)
    }

    /// The same as a command of one statement: `Session.write(Summonses.create(…))` runs it
    /// in one round trip, its transaction and the seal included (the CLI's `summons add`).
    public static func create(person: String, _ draft: Draft) -> OneStatement<String> {
        OneStatement("""
            insert into inquest.summons (case_id, person_id, legal_basis, service_method, appear_by, immunity, purpose, notes)
            select case_id, id, $2, $3, $4::date, coalesce($5, 'none'), $6, $7 from inquest.person where key = $1
            returning key
            """, [person, draft.legalBasis, draft.serviceMethod, draft.appearBy, draft.immunity, draft.purpose, draft.notes]) {
            let key = RecordSet($0).key
            try requireOne(key.isEmpty ? 0 : 1, "person", person)
            return key
        }
    }

    /// Moves a summons to `status`. Issuing stamps `issued_on`, serving `served_on` (with
    /// `date`, default today); the database refuses an illegal change, naming both states.
    public func transition(_ summons: String, to status: String, on date: String?, method: String?, note: String?) throws {
        try requireOne(connection.execute("""
            update inquest.summons set
                status = $2,
                issued_on = case when $2 = 'issued' then coalesce($3::date, current_date) else issued_on end,
                served_on = case when $2 = 'served' then coalesce($3::date, current_date) else served_on end,
                service_method = coalesce($4, service_method),
                notes = case when $5::text is null then notes else concat_ws(E'\\n', notes, $5) end
            where key = $1
            """, [summons, status, date, method, note]), "summons", summons)
    }

    /// Corrects the fields users correct. `nil` leaves a field as it is.
    public func update(_ summons: String, _ changes: Draft, immunityNote: String?) throws {
        try requireOne(connection.execute("""
            update inquest.summons set
                legal_basis = coalesce($2, legal_basis), service_method = coalesce($3, service_method),
                appear_by = coalesce($4::date, appear_by), immunity = coalesce($5, immunity),
                purpose = coalesce($6, purpose), notes = coalesce($7, notes), immunity_note = coalesce($8, immunity_note)
            where key = $1
            """, [summons, changes.legalBasis, changes.serviceMethod, changes.appearBy, changes.immunity,
                  changes.purpose, changes.notes, immunityNote]), "summons", summons)
    }

    public func list(case reference: String?, person: String?, status: String?) throws -> RecordSet {
        try readContract(connection, "inquest.summons_list", [reference, person, status])
    }

    /// A summons with the disclosure requests attached to it.
    public func show(_ summons: String) throws -> Sections {
        let shown = try requireRecord(readContract(connection, "inquest.summons_record", [summons]), "summons", summons)
        let disclosures = try readContract(connection, "inquest.summons_disclosures", [summons])
        return Sections([.init("summons", shown, single: true), .init("disclosures", disclosures)])
    }
}
