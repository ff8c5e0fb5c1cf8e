-- Pure functions that check constraints and indexes of the tables call: language tags,
-- document symbols and index numbers, URLs, hashes, scripts, the opaque case reference.
--
-- An object file: re-applied by every `inquest migrate`; edit the definition here (see
-- Schema/README.md). Numbers such as 0011 in comments name legacy schema files
-- (docs/schema-history.md).

-- BCP 47 language tags, loosely: fa, en, ar, fa-Latn, en-GB.
create or replace function inquest_private.is_language_tag(value text) returns boolean
language sql immutable strict parallel safe
return value ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$';
revoke all on function inquest_private.is_language_tag(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.is_language_tag(text) to public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

create or replace function inquest_private.are_language_tags(value text[]) returns boolean
language sql immutable strict parallel safe
return coalesce((select bool_and(coalesce(inquest_private.is_language_tag(t), false)) from unnest(value) t), true);
revoke all on function inquest_private.are_language_tags(text[]) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.are_language_tags(text[]) to public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- No NULL and no blank element.
create or replace function inquest_private.no_blank_elements(value text[]) returns boolean
language sql immutable strict parallel safe
return coalesce((select bool_and(coalesce(btrim(t) <> '', false)) from unnest(value) t), true);
revoke all on function inquest_private.no_blank_elements(text[]) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.no_blank_elements(text[]) to public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- Arabic-script letters (Persian and Arabic share the block and its supplements).
create or replace function inquest_private.has_arabic_script(value text) returns boolean
language sql immutable strict parallel safe
return value ~ '[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]';
revoke all on function inquest_private.has_arabic_script(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.has_arabic_script(text) to public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- Amnesty International index numbers: region code, sub-region, serial, year (2 or 4 digits):
-- MDE 13/031/88, MDE 13/020/1988, MDE 13/9421/2018.
create or replace function inquest_private.is_amnesty_index(value text) returns boolean
language sql immutable strict parallel safe
return value ~ '^[A-Z]{3} [0-9]{2}/[0-9]{3,4}/[0-9]{2}([0-9]{2})?$';
revoke all on function inquest_private.is_amnesty_index(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.is_amnesty_index(text) to public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

create or replace function inquest_private.is_http_url(value text) returns boolean
language sql immutable strict parallel safe
return value ~* '^https?://[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?([/?#][^[:space:]]*)?$';
revoke all on function inquest_private.is_http_url(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.is_http_url(text) to public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

create or replace function inquest_private.is_sha256_hex(value text) returns boolean
language sql immutable strict parallel safe
return value ~ '^[0-9a-f]{64}$';
revoke all on function inquest_private.is_sha256_hex(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.is_sha256_hex(text) to public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- UN document symbols: a body (A, E, S, ST, CCPR …) then slash-separated components:
-- session or year numbers, series (RES, C.3, CN.4, SR.52, L.56, HRC, ES-10, Add.1, Rev.2 …);
-- a Security Council resolution may end in its year: S/RES/598 (1987).
create or replace function inquest_private.is_un_symbol(value text) returns boolean
language sql immutable strict parallel safe
return value ~ '^[A-Z]{1,8}(/([A-Z][A-Za-z]{0,9}(\.[0-9]+)*|[A-Z]{1,4}-[0-9]+|[0-9]{1,5}))+( ?\([0-9]{4}\))?$';
revoke all on function inquest_private.is_un_symbol(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.is_un_symbol(text) to public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- D. The reference of a case, opaque to the planner: the unique index on it cannot
-- serve an investigator's condition on reference (non-inlinable plpgsql, not LEAKPROOF,
-- not executable by investigators). Cases are few; their lookups scan the table.
create or replace function inquest_private.opaque_reference(v text) returns text
language plpgsql immutable strict parallel safe
set search_path = pg_catalog, pg_temp
as $$ begin return v; end $$;
revoke all on function inquest_private.opaque_reference(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.opaque_reference(text) to inquest_admin;
