-- DDL on Inquest's schemas recorded as audit events (operation ddl), or refused when it
-- would stop the audit. Applied last: `inquest migrate` switches the recorders off for its
-- own transactions (its changes are in the ledger, inquest_migration.applied).
--
-- An object file: re-applied by every `inquest migrate`; edit the definition here (see
-- Schema/README.md). Numbers such as 0011 in comments name legacy schema files
-- (docs/schema-history.md).

-- Records every DDL command on objects of the audited schemas, then refuses a state in
-- which the audit tables lost a guard.
-- SECURITY DEFINER: event triggers fire for everybody's DDL (an importer's temporary
-- table too), and only the owner may call write_event().
create or replace function inquest_private.record_ddl() returns event_trigger
language plpgsql security definer
set search_path = pg_catalog, pg_temp
as $$
declare
  c record;
  p record;
begin
  for c in select * from pg_catalog.pg_event_trigger_ddl_commands() loop
    -- Objects in the audited schemas; policies and triggers name their table instead
    -- of a schema; GRANT/REVOKE name nothing (their statement is recorded, whatever
    -- it grants: privileges are rarely changed in an Inquest database).
    if c.schema_name in ('inquest', 'inquest_private', 'inquest_audit')
       or (c.schema_name is null and c.object_identity ~ ' on (inquest|inquest_private|inquest_audit)\.')
       or c.object_identity is null then
      perform inquest_private.write_event('ddl', c.object_identity, null, 'ddl', null,
        pg_catalog.jsonb_build_object('command', c.command_tag, 'object_type', c.object_type,
          'object', c.object_identity, 'in_extension', c.in_extension)
        || case when c.object_identity is null
                then pg_catalog.jsonb_build_object('statement', pg_catalog.left(pg_catalog.current_query(), 2000))
                else '{}'::jsonb end);
    end if;
  end loop;
  for p in select * from inquest_private.audit_table_problems() loop
    raise exception 'the audit table % would lose its protection: %', p.table_name, p.problem
      using errcode = '42501', detail = 'rule audit_tables_guarded: the audit tables keep their append guards and append-only triggers, ENABLE ALWAYS';
  end loop;
end
$$;
revoke all on function inquest_private.record_ddl() from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

create or replace function inquest_private.record_drop() returns event_trigger
language plpgsql security definer
set search_path = pg_catalog, pg_temp
as $$
declare
  d record;
begin
  for d in select * from pg_catalog.pg_event_trigger_dropped_objects() loop
    if d.schema_name = 'inquest_audit' and d.object_type = 'table' and d.object_name in ('event', 'seal', 'tree') then
      raise exception 'the audit table % cannot be dropped', d.object_identity
        using errcode = '42501', detail = 'rule audit_tables_guarded';
    end if;
    if d.original and d.schema_name in ('inquest', 'inquest_private', 'inquest_audit') then
      perform inquest_private.write_event('ddl', d.object_identity, null, 'ddl', null,
        pg_catalog.jsonb_build_object('command', tg_tag, 'object_type', d.object_type,
          'object', d.object_identity));
    end if;
  end loop;
end
$$;
revoke all on function inquest_private.record_drop() from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- Created when missing (objects/early/enrolment.sql says why).
select inquest_private.create_event_trigger_if_missing('inquest_record_ddl', 'ddl_command_end', 'inquest_private.record_ddl');
select inquest_private.create_event_trigger_if_missing('inquest_record_drop', 'sql_drop', 'inquest_private.record_drop');
