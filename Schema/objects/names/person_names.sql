-- Every person has exactly one display name (a primary name, or for a protected person
-- one pseudonym): checked at commit.
--
-- An object file: re-applied by every `inquest migrate`; edit the definition here (see
-- Schema/README.md). Numbers such as 0011 in comments name legacy schema files
-- (docs/schema-history.md).

-- The deferred check that every person has exactly one
-- display name (0003, 0011) ran once per row written: a person and its three names
-- cost four checks at commit, each of three or four queries. A bulk import spent a third
-- of its time there (legacy 0019, issue 14). Same rules, same errors, less work:
--
-- 1. assert_person_names reads a person's names once (one aggregate over the index on
--    (case_id, person_id)) instead of two or three times. The rules are checked in the
--    same order with the same messages, constraint names and hints; where several names
--    break the protected rule, the one named is the least kind (was: any one).
-- 2. The check queued by a person's INSERT is skipped when a name of that person was
--    written by this very transaction: that name's own check (person_name_names_check,
--    deferred too) is queued and runs at commit over the same final state. The test is
--    on the row's xmin, which no client sets, against this transaction's own id (a name
--    written in a subtransaction does not count: the check then runs as before). An
--    UPDATE of protected is always checked. Investigators may not read every column of
--    person_name (0011), xmin included: the test is a SECURITY DEFINER function that
--    answers only whether this transaction wrote a name of the person, which the caller
--    knows already.
create or replace function inquest_private.person_name_written_here(p_case bigint, p_person bigint) returns boolean
language sql volatile security definer
set search_path = pg_catalog, pg_temp
as $$
  select exists (select from inquest.person_name n
                  where n.case_id = p_case and n.person_id = p_person
                    and n.xmin = pg_catalog.xid(pg_catalog.pg_current_xact_id()))
$$;
revoke all on function inquest_private.person_name_written_here(bigint,bigint) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.person_name_written_here(bigint,bigint) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

create or replace function inquest_private.assert_person_names(target bigint) returns void
language plpgsql
as $$
declare
    p record;
    n record;
begin
    select id, key, case_id, protected into p from inquest.person where id = target;
    if not found then
        return;   -- deleted in this transaction
    end if;
    select count(*) filter (where kind = 'primary') as primaries,
           count(*) filter (where kind = 'pseudonym') as pseudonyms,
           min(kind) filter (where kind <> 'pseudonym') as other_kind
      into n
      from inquest.person_name
     where case_id = p.case_id and person_id = target;
    if p.protected then
        if n.other_kind is not null then
            raise exception 'person %: a protected person appears only under a pseudonym, but has a name of kind "%"', p.key, n.other_kind
                using errcode = '23514', schema = 'inquest', table = 'person_name', column = 'kind',
                      constraint = 'person_name_protected_pseudonym_only',
                      hint = 'Keep the real identity in the protected store (0004) and give the person one name of kind "pseudonym".';
        end if;
        if n.pseudonyms <> 1 then
            raise exception 'person %: a protected person needs exactly one name of kind "pseudonym" (has %)', p.key, n.pseudonyms
                using errcode = '23514', schema = 'inquest', table = 'person_name', column = 'kind',
                      constraint = 'person_name_exactly_one_primary';
        end if;
    else
        if n.pseudonyms > 0 then
            raise exception 'person %: kind "pseudonym" is reserved for protected persons (use "alias")', p.key
                using errcode = '23514', schema = 'inquest', table = 'person_name', column = 'kind',
                      constraint = 'person_name_pseudonym_only_if_protected';
        end if;
        if n.primaries <> 1 then
            raise exception 'person %: every person needs exactly one name of kind "primary" (has %)', p.key, n.primaries
                using errcode = '23514', schema = 'inquest', table = 'person_name', column = 'kind',
                      constraint = 'person_name_exactly_one_primary';
        end if;
    end if;
end
$$;
revoke all on function inquest_private.assert_person_names(bigint) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.assert_person_names(bigint) to public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

create or replace function inquest_private.check_person_names() returns trigger
language plpgsql
as $$
begin
    if TG_TABLE_NAME = 'person' then
        -- A name of this person inserted or updated by this transaction has its own check
        -- queued (see above); the person's is the same check of the same final state.
        if TG_OP = 'INSERT' and inquest_private.person_name_written_here(new.case_id, new.id) then
            return null;
        end if;
        perform inquest_private.assert_person_names(new.id);
    else
        if TG_OP in ('UPDATE', 'DELETE') then
            perform inquest_private.assert_person_names(old.person_id);
        end if;
        if TG_OP in ('INSERT', 'UPDATE') and (TG_OP = 'INSERT' or new.person_id <> old.person_id) then
            perform inquest_private.assert_person_names(new.person_id);
        end if;
    end if;
    return null;
end
$$;
revoke all on function inquest_private.check_person_names() from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.check_person_names() to public;

drop trigger if exists person_names_check on inquest.person;
create constraint trigger person_names_check AFTER INSERT OR UPDATE OF protected ON inquest.person DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION inquest_private.check_person_names();

drop trigger if exists person_name_names_check on inquest.person_name;
create constraint trigger person_name_names_check AFTER INSERT OR DELETE OR UPDATE ON inquest.person_name DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION inquest_private.check_person_names();
