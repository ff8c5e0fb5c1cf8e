-- Merging two records of one person.
--
-- An object file: re-applied by every `inquest migrate`; edit the definition here (see
-- Schema/README.md). Numbers such as 0011 in comments name legacy schema files
-- (docs/schema-history.md).

-- Merging two records of one person (issue: the same official entered twice under
-- two spellings). `inquest.merge_persons(keep, other)` moves everything that points at
-- `other` to `keep` and removes `other`, in the caller's transaction and with the
-- caller's rights (row-level security applies; every change is audited like any other).
-- Nothing is lost: other's primary name becomes an alias of keep; roles, posts, events,
-- statements, evidence links, summonses, questions, testimony and transcript speakers
-- move over; exact duplicates (the same role, the same link, the same participation)
-- collapse into keep's. Protected persons are refused: their identities need a person's
-- judgement, not a function.
create or replace function inquest.merge_persons(keep_key text, other_key text) returns text
language plpgsql volatile security invoker
set search_path = pg_catalog, pg_temp
as $$
declare
  k record;
  o record;
  moved_statements bigint[];
  statement_posts bigint[];
  moved_requests bigint[];
  request_summonses bigint[];
begin
  select id, case_id, key, protected into k from inquest.person where key = keep_key for update;
  select id, case_id, key, protected into o from inquest.person where key = other_key for update;
  if k.id is null or o.id is null then
    raise exception 'person % not found (or not visible to you)', case when k.id is null then keep_key else other_key end
      using errcode = 'P0002';
  end if;
  if k.id = o.id then
    raise exception 'cannot merge person % with itself', keep_key using errcode = '22023', detail = 'rule merge_distinct_persons';
  end if;
  if k.case_id <> o.case_id then
    raise exception 'persons % and % belong to different cases', keep_key, other_key
      using errcode = '22023', detail = 'rule merge_same_case';
  end if;
  if k.protected or o.protected then
    raise exception 'persons % and %: protected persons are not merged automatically', keep_key, other_key
      using errcode = '22023', detail = 'rule merge_not_protected';
  end if;

  -- Names: other's primary name becomes an alias of keep.
  update inquest.person_name set person_id = k.id, kind = case when kind = 'primary' then 'alias' else kind end
   where case_id = o.case_id and person_id = o.id;

  -- Roles: keep one of each.
  delete from inquest.person_role r
   where r.case_id = o.case_id and r.person_id = o.id
     and exists (select from inquest.person_role x where x.person_id = k.id and x.role = r.role);
  update inquest.person_role set person_id = k.id where case_id = o.case_id and person_id = o.id;
  update inquest.person_role set related_person_id = k.id where case_id = o.case_id and related_person_id = o.id;

  -- Statements point at one of the speaker's posts, and questions at one of the
  -- person's summonses (composite keys): detach, move the posts and summonses, reattach.
  select array_agg(id), array_agg(position_id) into moved_statements, statement_posts
    from inquest.statement where case_id = o.case_id and person_id = o.id and position_id is not null;
  update inquest.statement set position_id = null where id = any (moved_statements);
  select array_agg(id), array_agg(summons_id) into moved_requests, request_summonses
    from inquest.disclosure_request where case_id = o.case_id and person_id = o.id and summons_id is not null;
  update inquest.disclosure_request set summons_id = null where id = any (moved_requests);

  update inquest.position set person_id = k.id where case_id = o.case_id and person_id = o.id;
  update inquest.summons set person_id = k.id where case_id = o.case_id and person_id = o.id;
  update inquest.statement set person_id = k.id where case_id = o.case_id and person_id = o.id;
  update inquest.disclosure_request set person_id = k.id where case_id = o.case_id and person_id = o.id;
  update inquest.statement s set position_id = u.position_id
    from unnest(moved_statements, statement_posts) as u(id, position_id) where s.id = u.id;
  update inquest.disclosure_request r set summons_id = u.summons_id
    from unnest(moved_requests, request_summonses) as u(id, summons_id) where r.id = u.id;

  update inquest.testimony_session set deponent_id = k.id where case_id = o.case_id and deponent_id = o.id;
  update inquest.transcript_segment set speaker_person_id = k.id where case_id = o.case_id and speaker_person_id = o.id;

  -- Participations and evidence links: an exact duplicate of keep's collapses into it.
  delete from inquest.event_participant p
   where p.case_id = o.case_id and p.person_id = o.id
     and exists (select from inquest.event_participant x
                  where x.event_id = p.event_id and x.person_id = k.id and x.role = p.role
                    and x.participant is not distinct from p.participant);
  update inquest.event_participant set person_id = k.id where case_id = o.case_id and person_id = o.id;
  delete from inquest.evidence_link l
   where l.case_id = o.case_id and l.person_id = o.id
     and exists (select from inquest.evidence_link x
                  where x.evidence_id = l.evidence_id and x.person_id = k.id and x.relation = l.relation
                    and x.locator is not distinct from l.locator);
  update inquest.evidence_link set person_id = k.id where case_id = o.case_id and person_id = o.id;

  -- What was said of other is kept with keep, labelled.
  update inquest.person p set
    description = coalesce(p.description, x.description),
    notes = concat_ws(E'\n', p.notes, 'merged from ' || x.key || coalesce(': ' || concat_ws(' / ', x.description, x.notes), ''))
    from inquest.person x where p.id = k.id and x.id = o.id;
  delete from inquest.person where id = o.id;
  return k.key;
end
$$;
revoke all on function inquest.merge_persons(text,text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.merge_persons(text,text) to public, inquest_admin, inquest_investigator;
