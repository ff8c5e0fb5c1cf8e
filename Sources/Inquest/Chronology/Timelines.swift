import Postgres

/// Time lines: "what was this person told, and when, and what did they say afterwards".
/// Entries come in date order by their earliest possible day, partial dates as given.
public struct Timelines {
    let connection: Connection

    /// Runs in the caller's unit of work (`Session.read` or `Session.write` hands it over).
    public init(_ transaction: Transaction) { connection = transaction.connection }

    /// A person's posts, events, the evidence addressed to or naming them, statements,
    /// summonses and questions (view `inquest.person_timeline`).
    /// - Parameter asOf: only what the record shows had reached them by that day
    ///   (`YYYY-MM-DD`): entries whose earliest possible date is on or before it. An entry
    ///   that could also have begun after it is marked `uncertain` (a post held since before
    ///   then, still held or with no recorded end, is not: it had begun).
    /// - Parameter solarHijri: add the earliest day in the Solar Hijri calendar too.
    public func person(_ person: String, asOf: String?, solarHijri: Bool = false) throws -> RecordSet {
        try requireExisting(connection, [(.person, person)])
        let set = try records(connection, """
            select inquest_private.partial_date(t."date") as "date", t.entry, t.record_key as record, t.summary,
                   case when $2::date is not null and t.start_to > $2::date then 'uncertain' end as by_then,
                   case when isfinite(t.date_from) then t.date_from end as earliest,
                   case when isfinite(t.date_to) then t.date_to end as latest,
                   inquest_private.to_solar_hijri(t.date_from) as earliest_solar_hijri
            from inquest.person_timeline t
            join inquest.person p on p.case_id = t.case_id and p.id = t.person_id
            where p.key = $1 and ($2::date is null or t.date_from <= $2::date)
            order by t.date_from nulls last, t.date_to nulls last, t.entry, t.record_key
            """, [person, asOf])
        return solarHijri ? set : set.dropping("earliest_solar_hijri")
    }

    /// A whole case in date order: every event once, every statement, every dated piece of
    /// evidence, summonses and questions, each with the person it concerns.
    public func caseChronology(_ reference: String) throws -> RecordSet {
        try requireCase(connection, reference)
        return try records(connection, """
            with c as (select inquest.case_id_of($1) as id),
            entries as (
                select v.date_from, v.date_to, v."date", 'event:' || v.kind as entry, v.key as record,
                       null::text as person, concat_ws(', ', v.title, v.place) as summary
                  from inquest.event v where v.case_id = (select id from c)
                union all
                select e.date_from, e.date_to, e."date", 'evidence:' || e.kind, e.key, null,
                       concat_ws(' ', e.title, '(' || coalesce(e.un_symbol, e.amnesty_index, e.other_identifier) || ')')
                  from inquest.evidence e where e.case_id = (select id from c) and e."date" is not null
                union all
                select t.date_from, t.date_to, t."date", t.entry, t.record_key, d.display_name, t.summary
                  from inquest.person_timeline t
                  join inquest.person_display d on d.case_id = t.case_id and d.id = t.person_id
                 where t.case_id = (select id from c)
                   and (t.entry like 'statement:%' or t.entry like 'summons:%' or t.entry like 'disclosure_request:%')
            )
            select "date", entry, record, person, summary from entries
            order by date_from nulls last, date_to nulls last, entry, record
            """, [reference])
    }
}
