-- Cases and assignments: the state of a case mirrored into its assignments, who may be
-- assigned, and the case lookup and readable-case helpers.
--
-- An object file: re-applied by every `inquest migrate`; edit the definition here (see
-- Schema/README.md). Numbers such as 0011 in comments name legacy schema files
-- (docs/schema-history.md).

-- Closing stamps closed_at; reopening clears it.
create or replace function inquest_private.case_status_stamp() returns trigger
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
begin
  if new.status = 'closed' and (tg_op = 'INSERT' or old.status is distinct from 'closed') and new.closed_at is null then
    new.closed_at := now();
  elsif new.status = 'open' then
    new.closed_at := null;
  end if;
  return new;
end
$$;
revoke all on function inquest_private.case_status_stamp() from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- Closing or reopening a case updates case_open of its assignments (audited as
-- updates of case_assignment, by the admin who changed the case).
create or replace function inquest_private.case_status_to_assignments() returns trigger
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
begin
  update inquest.case_assignment a set case_open = (new.status = 'open')
   where a.case_id = new.id and a.case_open is distinct from (new.status = 'open');
  return null;
end
$$;
revoke all on function inquest_private.case_status_to_assignments() from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- As in 0002, plus the rule above. SECURITY DEFINER because app_user is readable by the
-- owner only; a trigger function cannot be called directly, and its search_path is pinned.
create or replace function inquest_private.case_assignment_check() returns trigger
language plpgsql security definer
set search_path = pg_catalog, pg_temp
as $$
declare
  v_problem text;
begin
  if tg_op = 'INSERT' or new.username is distinct from old.username or new.case_id is distinct from old.case_id then
    v_problem := inquest_private.assignee_problem(new.username);
    if v_problem is not null then
      raise exception 'cannot assign %: %', new.username, v_problem
        using errcode = '23514', constraint = 'case_assignment_assignee_investigator', column = 'username',
              detail = 'rule case_assignment_assignee_investigator: the assignee is an Inquest user (made by inquest user add) who is an investigator';
    end if;
    new.assigned_by := inquest_private.current_actor();
    new.assigned_at := now();
  else
    new.assigned_by := old.assigned_by;
    new.assigned_at := old.assigned_at;
  end if;
  new.case_open := (select c.status = 'open' from inquest."case" c where c.id = new.case_id);
  return new;
end
$$;
revoke all on function inquest_private.case_assignment_check() from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- The id of the case named by key or reference, as the caller sees it (row-level
-- security: unknown and invisible alike give NULL). A key wins over another case's
-- reference that happens to spell the same.
create or replace function inquest.case_id_of(p_case text) returns bigint
language sql stable
as $$
  select c.id from inquest."case" c
   where c.key = p_case or c.reference = p_case
   order by c.key = p_case desc
   limit 1
$$;
revoke all on function inquest.case_id_of(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest.case_id_of(text) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- Which case a reference or key names (NULL for NULL), through inquest.case_id_of; raises
-- P0002 when the caller cannot see such a case (row-level security: unknown and invisible
-- alike).
create or replace function inquest_private.case_id_of(p_case_ref text) returns bigint
language plpgsql stable
set search_path = pg_catalog, pg_temp
as $$
declare
  v bigint;
begin
  if p_case_ref is null then
    return null;
  end if;
  v := inquest.case_id_of(p_case_ref);
  if v is null then
    raise exception 'case % not found', p_case_ref
      using errcode = 'P0002', detail = 'give a case reference (such as IR-1988) or key (C-1) that you can see';
  end if;
  return v;
end
$$;
revoke all on function inquest_private.case_id_of(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.case_id_of(text) to public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- The cases the caller may read, as row-level security decides for the tables: all
-- for admins and auditors, the assigned ones for investigators, none otherwise.
-- The caller is the login or the role set by SET ROLE (inquest_private.current_actor),
-- which is what current_user is in a policy.
create or replace function inquest_private.readable_case_ids() returns bigint[]
language sql stable security definer
set search_path = pg_catalog, pg_temp
as $$
  select case when pg_catalog.pg_has_role(x.actor, 'inquest_admin', 'usage')
                or pg_catalog.pg_has_role(x.actor, 'inquest_auditor', 'usage')
              then (select coalesce(pg_catalog.array_agg(c.id), '{}') from inquest."case" c)
              when pg_catalog.pg_has_role(x.actor, 'inquest_investigator', 'usage')
              then (select coalesce(pg_catalog.array_agg(a.case_id), '{}') from inquest.case_assignment a
                     where a.username = x.actor)
              else '{}'::bigint[] end
    from (select inquest_private.current_actor() as actor) x
$$;
revoke all on function inquest_private.readable_case_ids() from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- The readable cases a search covers: all of them, or the one named (P0002 when the
-- caller cannot read it, the same for a case that does not exist).
create or replace function inquest_private.search_scope(p_case_ref text) returns bigint[]
language plpgsql stable security definer
set search_path = pg_catalog, pg_temp
as $$
declare
  v_cases bigint[] := inquest_private.readable_case_ids();
  v bigint;
begin
  if p_case_ref is null then
    return v_cases;
  end if;
  select c.id into v from inquest."case" c
   where (c.reference = p_case_ref or c.key = p_case_ref) and c.id = any (v_cases);
  if v is null then
    raise exception 'case % not found', p_case_ref
      using errcode = 'P0002', detail = 'give a case reference (such as IR-1988) or key (C-1) that you can see';
  end if;
  return array[v];
end
$$;
revoke all on function inquest_private.search_scope(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

create or replace trigger case_status_stamp BEFORE INSERT OR UPDATE OF status ON inquest."case" FOR EACH ROW EXECUTE FUNCTION inquest_private.case_status_stamp();

create or replace trigger case_status_to_assignments AFTER UPDATE OF status ON inquest."case" FOR EACH ROW WHEN ((old.status IS DISTINCT FROM new.status)) EXECUTE FUNCTION inquest_private.case_status_to_assignments();

create or replace trigger case_assignment_check BEFORE INSERT OR UPDATE ON inquest.case_assignment FOR EACH ROW EXECUTE FUNCTION inquest_private.case_assignment_check();
