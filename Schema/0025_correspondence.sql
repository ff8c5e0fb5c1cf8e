-- 0025 Correspondence: the letters the commission sends (requests for cooperation to
-- missions and ministries, notices) and receives (replies, refusals), each with its
-- counterpart, the date it bears, its subject and reference, the person it concerns and
-- the copy kept as evidence. A case table like any other: enrolled in row-level security
-- and the audit trail when created (0002), its index leads with case_id (0011).

create table inquest.correspondence (
    id           bigint generated always as identity primary key,
    key          text generated always as ('CO-' || id) stored constraint correspondence_key_unique unique,
    case_id      bigint not null constraint correspondence_case_fk references inquest."case" (id),
    direction    text not null constraint correspondence_direction_valid check (direction in ('sent', 'received')),
    counterpart  text not null constraint correspondence_counterpart_not_blank check (btrim(counterpart) <> ''),
    person_id    bigint,
    dated        date not null,
    subject      text not null constraint correspondence_subject_not_blank check (btrim(subject) <> ''),
    reference    text,
    evidence_id  bigint,
    notes        text,
    created_at   timestamptz not null default now(),
    constraint correspondence_case_unique unique (case_id, id),
    constraint correspondence_person_fk foreign key (case_id, person_id) references inquest.person (case_id, id),
    constraint correspondence_evidence_fk foreign key (case_id, evidence_id) references inquest.evidence (case_id, id)
);
create index correspondence_dated_idx on inquest.correspondence (case_id, dated);
comment on table inquest.correspondence is
  'Letters the commission sent or received: counterpart, date, subject, reference, the person concerned and the copy kept as evidence.';
comment on column inquest.correspondence.counterpart is 'To whom it was sent, or from whom it came, as the letter names them.';
