-- 0020 Dated facts of an evidence item (issue 13). A source often carries several dates
-- (written, published, received, broadcast, filed) with their own locators ("dateline",
-- "p. 1", "stamp on the envelope"); evidence."date" holds one. Each fact is a row: a
-- kind, a partial date as the source gives it (bounds and precision derived, as for
-- every partial date), where in the source it is stated, a note. A case table like any
-- other: enrolled in row-level security and the audit trail when created (0002), its
-- index leads with case_id (0011).

create table inquest.evidence_fact (
    id           bigint generated always as identity primary key,
    key          text generated always as ('EF-' || id) stored constraint evidence_fact_key_unique unique,
    case_id      bigint not null constraint evidence_fact_case_fk references inquest."case" (id),
    evidence_id  bigint not null,
    kind         text not null constraint evidence_fact_kind_valid check (kind in (
                     'written', 'published', 'received', 'broadcast', 'filed', 'signed', 'other')),
    "date"       text not null constraint evidence_fact_date_valid check (inquest_private.check_partial_date("date", 'evidence_fact', 'date')),
    date_from    date generated always as (inquest_private.partial_date_from("date")) stored,
    date_to      date generated always as (inquest_private.partial_date_to("date")) stored,
    locator      text,
    note         text,
    created_at   timestamptz not null default now(),
    constraint evidence_fact_case_unique unique (case_id, id),
    constraint evidence_fact_evidence_fk foreign key (case_id, evidence_id) references inquest.evidence (case_id, id),
    constraint evidence_fact_once unique nulls not distinct (case_id, evidence_id, kind, "date", locator)
);
create index evidence_fact_evidence_idx on inquest.evidence_fact (case_id, evidence_id, date_from);
comment on table inquest.evidence_fact is
  'Dated facts of an evidence item: written, published, received, broadcast, filed, signed …, each with the date as the source gives it and where it says so.';
comment on column inquest.evidence_fact.locator is 'Where in the source the date is stated: "dateline", "p. 1", "postmark".';
