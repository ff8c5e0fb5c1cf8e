-- Guards of the case records: a record never moves to another case, updated_at is the
-- server's, the state machines of summonses, requests and sessions, append-only custody.
--
-- An object file: re-applied by every `inquest migrate`; edit the definition here (see
-- Schema/README.md). Numbers such as 0011 in comments name legacy schema files
-- (docs/schema-history.md).

-- Records never move between cases (composite keys already stop most moves; this stops
-- the rest, e.g. a person with nothing attached yet).
create or replace function inquest_private.keep_case() returns trigger
language plpgsql
as $$
begin
    if new.case_id is distinct from old.case_id then
        raise exception '% %: a record cannot move to another case', TG_TABLE_NAME, old.key
            using errcode = '23514', schema = TG_TABLE_SCHEMA, table = TG_TABLE_NAME,
                  column = 'case_id', constraint = TG_TABLE_NAME || '_case_fixed';
    end if;
    return new;
end
$$;
revoke all on function inquest_private.keep_case() from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.keep_case() to public;

create or replace function inquest_private.touch_updated_at() returns trigger
language plpgsql
as $$
begin
    new.updated_at := now();
    return new;
end
$$;
revoke all on function inquest_private.touch_updated_at() from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.touch_updated_at() to public;

-- The state machines of 0003 with that bypass; measured on the way (see 0010 for how).
-- The trigger of 0003 serialised the whole row (to_jsonb(new), and to_jsonb(old)
-- on update) to read one column, ran two EXISTS queries over unnest() (each a full
-- executor run through SPI) to learn whether the state was known, and (with the
-- restore bypass) called inquest_private.restoring() on every insert, an SQL function
-- with a SET clause (never inlined: parsed and planned again in every transaction).
-- That cost about 50 us of the 275 us of an audited single-row insert (CPU per
-- transaction; pgbench at 8 clients: 6,600 -> 8,200 tps).
-- Now the two outcomes that cannot raise are decided first, with plain array tests:
--   insert in a start state                 (accepted by the old code too, restoring
--                                            or not);
--   update to the same state or along an allowed change (the new state is then known,
--                                            so the old code accepted it too).
-- Everything else takes the old path unchanged: unknown states are left to the check
-- constraint, the restore bypass (inquest_private.restoring()) is asked only for an
-- insert outside the start states, and the errors are word for word those of 0003.
-- The state is read as new.status / old.status: every table with this trigger
-- (summons, disclosure_request, testimony_session) has a text column "status".
create or replace function inquest_private.enforce_status_transition() returns trigger
language plpgsql
as $$
declare
    noun text;
    initial text[];
    allowed text[];
    old_status text;
    new_status text := new.status;
    nexts text;
begin
    -- Fast paths: the cases that are always accepted.
    if TG_OP = 'INSERT' then
        if new_status = any (pg_catalog.string_to_array(TG_ARGV[1], ',')) then
            return new;
        end if;
    else
        old_status := old.status;
        if old_status is not distinct from new_status
           or (old_status || '>' || new_status) = any (pg_catalog.string_to_array(TG_ARGV[2], ',')) then
            return new;
        end if;
    end if;

    -- The rest: the checks of 0003, unchanged, and the restore bypass.
    noun := TG_ARGV[0];
    initial := string_to_array(TG_ARGV[1], ',');
    allowed := string_to_array(TG_ARGV[2], ',');
    -- A state this machine does not know is left to the column's check constraint,
    -- whose error lists the valid states.
    if not (new_status = any (initial)
            or exists (select from unnest(allowed) t where split_part(t, '>', 2) = new_status)
            or exists (select from unnest(allowed) t where split_part(t, '>', 1) = new_status)) then
        return new;
    end if;
    if TG_OP = 'INSERT' then
        -- An administrator restoring an export inserts records as they were.
        if inquest_private.restoring() then
            return new;
        end if;
        if not new_status = any (initial) then
            raise exception 'new % must start as %, not "%"', noun,
                  (select string_agg(format('"%s"', s), ' or ') from unnest(initial) s), new_status
                using errcode = '23514', schema = TG_TABLE_SCHEMA, table = TG_TABLE_NAME,
                      column = 'status', constraint = TG_TABLE_NAME || '_status_transition';
        end if;
        return new;
    end if;
    if old_status is distinct from new_status
       and not (old_status || '>' || new_status) = any (allowed) then
        select string_agg(format('"%s"', split_part(t, '>', 2)), ', ')
          into nexts
          from unnest(allowed) t
         where split_part(t, '>', 1) = old_status;
        raise exception '% %: illegal status change from "%" to "%"',
              noun, to_jsonb(old) ->> 'key', old_status, new_status
            using errcode = '23514', schema = TG_TABLE_SCHEMA, table = TG_TABLE_NAME,
                  column = 'status', constraint = TG_TABLE_NAME || '_status_transition',
                  detail = case when nexts is null
                                then format('"%s" is a final state.', old_status)
                                else format('From "%s" the status may change only to %s.', old_status, nexts)
                           end;
    end if;
    return new;
end
$$;
revoke all on function inquest_private.enforce_status_transition() from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.enforce_status_transition() to public;

create or replace function inquest_private.custody_entry_append_only() returns trigger
language plpgsql
as $$
begin
    raise exception 'custody entry %: the chain of custody is append-only; record a correcting entry instead', old.key
        using errcode = '23514', schema = TG_TABLE_SCHEMA, table = TG_TABLE_NAME,
              constraint = 'custody_entry_append_only';
end
$$;
revoke all on function inquest_private.custody_entry_append_only() from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.custody_entry_append_only() to public;

-- Every case record (a table of schema inquest with key and case_id) keeps its case, and
-- every table with updated_at has it set by the server: one rule over the catalog, re-made
-- by every migrate after the numbered files, so a new table cannot forget either.
do $$
declare
  t record;
begin
  for t in
    select c.oid::regclass as tab, c.relname,
           bool_or(a.attname = 'case_id') and bool_or(a.attname = 'key') as keeps_case,
           bool_or(a.attname = 'updated_at') as touches
      from pg_catalog.pg_class c
      join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
     where c.relnamespace = 'inquest'::regnamespace and c.relkind = 'r'
     group by c.oid, c.relname
  loop
    if t.keeps_case then
      execute pg_catalog.format('create or replace trigger %I before update of case_id on %s for each row '
                                'execute function inquest_private.keep_case()', t.relname || '_case_fixed', t.tab);
    end if;
    if t.touches then
      execute pg_catalog.format('create or replace trigger %I before update on %s for each row '
                                'execute function inquest_private.touch_updated_at()', t.relname || '_touch_updated_at', t.tab);
    end if;
  end loop;
end
$$;

create or replace trigger custody_entry_append_only BEFORE DELETE OR UPDATE ON inquest.custody_entry FOR EACH ROW EXECUTE FUNCTION inquest_private.custody_entry_append_only();

create or replace trigger disclosure_request_status_transition BEFORE INSERT OR UPDATE OF status ON inquest.disclosure_request FOR EACH ROW EXECUTE FUNCTION inquest_private.enforce_status_transition('disclosure request', 'open', 'open>partially_answered,open>answered,open>refused,open>withdrawn,partially_answered>answered,partially_answered>refused,partially_answered>withdrawn');

create or replace trigger summons_status_transition BEFORE INSERT OR UPDATE OF status ON inquest.summons FOR EACH ROW EXECUTE FUNCTION inquest_private.enforce_status_transition('summons', 'draft', 'draft>issued,draft>withdrawn,issued>served,issued>withdrawn,served>appeared,served>declined,served>failed_to_appear,served>withdrawn');

create or replace trigger testimony_session_status_transition BEFORE INSERT OR UPDATE OF status ON inquest.testimony_session FOR EACH ROW EXECUTE FUNCTION inquest_private.enforce_status_transition('testimony session', 'scheduled,held', 'scheduled>held,scheduled>adjourned,scheduled>cancelled,adjourned>scheduled,adjourned>held,adjourned>cancelled');

