-- Folding names for search: one spelling key per name, computed once by a trigger.
--
-- An object file: re-applied by every `inquest migrate`; edit the definition here (see
-- Schema/README.md). Numbers such as 0011 in comments name legacy schema files
-- (docs/schema-history.md).

-- Name folding, version 3 (legacy 0018, issue 13; 0005 documented the first rule, these
-- are the changes):
--   - "FAMILY, Given" (one comma) is read as "Given FAMILY" (lists sorted by family name).
--   - dj -> j anywhere in a Latin name, not only at the start (Rafsandjani, Sadjadi).
--   - doubled letters collapse except an h after k s c z g: "shh" is sh + h (ری‌شهری,
--     Reyshahri), not a doubled h.
--   - c before e, i, y -> s (Cyrus = Sirus), other c -> k as before; a y between two
--     consonants is a vowel (Cyrus, Syrus -> sirus).
--   - a word-initial e before a consonant -> i (Esmail = Ismail, Eslami = Islami,
--     Ebrahim = Ibrahim, Ezzatollah = Izzatullah): Persian's initial kasra, written e or i.
--   - الله in Persian script is read "allah" (عزت‌الله = Ezzatollah).
--   - the suffix rule -nia -> -ia of 0005 leaves the folded key (it made Karimi-Nia
--     skeleton-equal to Karimi, and Raeisi-Nia to Raeisi) for the loose key below.
--   A new key, name_loose_key (the folded key with gh and k as one letter, dh as z, -nia
--   as -ia), makes q/k spellings (Qassem, Kassem, Ghasem), Arabic dh (Kadhim / Kazem) and
--   the source's Raessinia / Raeisia meet at a tier of their own, below the folded key:
--   ق and ک are different letters, and Mottaki and Mottaghi different names.

create or replace function inquest_private.fold_persian(value text) returns text
language plpgsql immutable strict parallel safe
set search_path = pg_catalog, pg_temp
as $$
declare
  s text := value;
begin
  -- harakat, superscript alef, tatweel; Arabic letter variants to Persian ones
  s := pg_catalog.regexp_replace(s, '[\u064B-\u065F\u0670\u0640]', '', 'g');
  s := pg_catalog.translate(s, 'يىكةأإٱ', 'ییکهاا' || 'ا');
  -- the theophoric الله (Abdollah, Ruhollah, Ezzatollah), read as it is said
  s := pg_catalog.replace(s, 'الله', 'allah');
  -- position-dependent letters (a word starts after a space, a ZWNJ or a hyphen)
  s := pg_catalog.regexp_replace(s, '(^|[\s\u200c\u200d-])و', '\1v', 'g');
  s := pg_catalog.regexp_replace(s, '(^|[\s\u200c\u200d-])ی', '\1y', 'g');
  s := pg_catalog.regexp_replace(s, 'ه($|[\s\u200c\u200d-])', 'e\1', 'g');
  -- ZWNJ / ZWJ join the parts of one word
  s := pg_catalog.regexp_replace(s, '[\u200c\u200d]', '', 'g');
  -- letters written with two Latin letters
  s := pg_catalog.replace(s, 'خ', 'kh');
  s := pg_catalog.replace(s, 'ش', 'sh');
  s := pg_catalog.replace(s, 'چ', 'ch');
  s := pg_catalog.replace(s, 'ژ', 'zh');
  s := pg_catalog.replace(s, 'غ', 'gh');
  s := pg_catalog.replace(s, 'ق', 'gh');
  -- one letter each; ع and hamza (ء) disappear, as in most Latin spellings
  s := pg_catalog.translate(s, 'ابپتثجحدذرزسصضطظفکگلمنوهیآؤئعء',
                               'abpt' || 'sjhdzrzssztzfkglmnuhiaui');
  return s;
end
$$;
comment on function inquest_private.fold_persian(text) is
  'Persian/Arabic script to a rough Latin consonant spelling (long vowels a u i, no short vowels); other text unchanged.';
revoke all on function inquest_private.fold_persian(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.fold_persian(text) to public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

create or replace function inquest_private.fold_name(value text) returns text
language plpgsql immutable strict parallel safe
set search_path = pg_catalog, pg_temp
as $$
declare
  s text := value;
begin
  if inquest_private.has_arabic_script(s) then
    s := inquest_private.fold_persian(s);
  end if;
  -- Only names with letters beyond ASCII need the accent table.
  if s ~ '[^\x01-\x7f]' then
    s := pg_catalog.regexp_replace(s, '[\u0300-\u036f]', '', 'g');   -- combining marks
    s := pg_catalog.regexp_replace(s, '[šŠşŞ]', 'sh', 'g');
    s := pg_catalog.regexp_replace(s, '[čČ]', 'ch', 'g');
    s := pg_catalog.regexp_replace(s, '[žŽ]', 'zh', 'g');
    s := pg_catalog.regexp_replace(s, '[ḫḪẖḵḴ]', 'kh', 'g');
    s := pg_catalog.regexp_replace(s, '[ġĠ]', 'gh', 'g');
    s := pg_catalog.replace(s, 'ß', 'ss');
    s := pg_catalog.regexp_replace(s, '[æÆ]', 'ae', 'g');
    s := pg_catalog.regexp_replace(s, '[œŒ]', 'oe', 'g');
    s := pg_catalog.translate(s,
      'àÀáÁâÂãÃäÄåÅāĀăĂąĄǎǍạẠảẢấẤầẦẩẨẫẪậẬắẮằẰẳẲẵẴặẶèÈéÉêÊëËēĒĕĔėĖęĘěĚẹẸẻẺẽẼếẾềỀểỂễỄệỆìÌíÍîÎïÏīĪĭĬįĮıǐǏịỊỉỈĩĨòÒóÓôÔõÕöÖøØōŌŏŎőŐǒǑọỌỏỎốỐồỒổỔỗỖộỘớỚờỜởỞỡỠợỢùÙúÚûÛüÜūŪŭŬůŮűŰųŲǔǓụỤủỦưƯứỨừỪửỬữỮựỰũŨýÝÿŸŷŶỳỲçÇćĆĉĈċĊďĎđĐḍḌğĞĝĜģĢḥḤħĦĵĴķĶḳḲĺĹļĻľĽłŁñÑńŃņŅňŇṇṆŕŔřŘṛṚśŚŝŜşŞșȘṣṢťŤţŢțȚṭṬźŹżŻẓẒẕẔ',
      'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeiiiiiiiiiiiiiiiiiiiiiiioooooooooooooooooooooooooooooooooooooooooooouuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuyyyyyyyyccccccccddddddgggggghhhhjjkkkkllllllllnnnnnnnnnnrrrrrrssssssssssttttttttzzzzzzzz');
  end if;
  s := pg_catalog.lower(s);
  -- "FAMILY, Given" as lists print it: one comma, a word on each side
  s := pg_catalog.regexp_replace(s, '^\s*([^,]*[^,\s])\s*,\s*([^,]*[^,\s])\s*$', '\2 \1');
  -- apostrophes, ʿayn and hamza marks vanish; any other punctuation separates words
  s := pg_catalog.regexp_replace(s, '[''’‘`´ʿʾʼʻ"]', '', 'g');
  s := pg_catalog.btrim(pg_catalog.regexp_replace(s, '[^a-z0-9]+', ' ', 'g'));
  -- consonant spellings
  -- French Djafar, Rafsandjani (in Latin letters only: محمدجعفر writes d + j)
  if not inquest_private.has_arabic_script(value) then
    s := pg_catalog.replace(s, 'dj', 'j');
  end if;
  s := pg_catalog.regexp_replace(s, '([b-df-gj-np-tv-z])\1+', '\1', 'g');  -- doubled consonants
  s := pg_catalog.regexp_replace(s, '(?<![kscgz])hh+', 'h', 'g');          -- (sh + h is not a double)
  s := pg_catalog.replace(s, 'tch', 'ch');
  s := pg_catalog.replace(s, 'x', 'kh');
  s := pg_catalog.replace(s, 'q', 'gh');
  s := pg_catalog.regexp_replace(s, 'c(?=[eiy])', 's', 'g');               -- Cyrus
  s := pg_catalog.regexp_replace(s, 'c(?!h)', 'k', 'g');
  -- the theophoric -ollah (Abdollah, Abdullah, Abd-Allah, Ruhollah)
  s := pg_catalog.regexp_replace(s, '([a-z]) ?[aeou](llah?|lah)(?![a-z])', '\1ula', 'g');
  -- Persian's initial kasra: Esmail = Ismail, Eslami = Islami
  s := pg_catalog.regexp_replace(s, '(^| )e(?=[b-df-hj-np-tv-z])', '\1i', 'g');
  -- vowels
  s := pg_catalog.replace(s, 'ee', 'i');
  s := pg_catalog.regexp_replace(s, 'ow(?![aeiou])', 'u', 'g');
  s := pg_catalog.replace(s, 'oo', 'u');
  s := pg_catalog.replace(s, 'ou', 'u');
  s := pg_catalog.replace(s, 'ae', 'ai');
  s := pg_catalog.regexp_replace(s, '[ae]+[iy]+(?![aeiou])', 'i', 'g');
  s := pg_catalog.regexp_replace(s, 'iy(?=[aeiou])', 'i', 'g');
  s := pg_catalog.regexp_replace(s, '([^aeiou ])y(?![a-z])', '\1i', 'g');
  s := pg_catalog.regexp_replace(s, '(?<=[b-df-hj-np-tv-z])y(?=[b-df-hj-np-tv-z])', 'i', 'g');
  s := pg_catalog.replace(s, 'w', 'v');
  s := pg_catalog.regexp_replace(s, '([aeiou])h(?![a-z])', '\1', 'g');
  s := pg_catalog.translate(s, 'oe', 'ua');
  -- doubled letters (again: the vowel rules make new ones)
  s := pg_catalog.regexp_replace(s, '([a-gi-z])\1+', '\1', 'g');
  s := pg_catalog.regexp_replace(s, '(?<![kscgz])hh+', 'h', 'g');
  return s;
end
$$;
comment on function inquest_private.fold_name(text) is
  'Folds a personal name (Latin or Persian script) to one Latin key; see Schema/0005_name_search.sql for the rule.';
revoke all on function inquest_private.fold_name(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.fold_name(text) to public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- The first step of the skeleton and the i-key: the digraphs kh sh ch zh gh kept as units
-- (one capital letter each, while single letters are dropped; fold_name returns only a-z,
-- 0-9 and spaces, so upper case is free for them), and a word-final h dropped (silent ه,
-- or ح).
create or replace function inquest_private.digraphs_as_units(folded text) returns text
language sql immutable strict parallel safe
return pg_catalog.regexp_replace(
         pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(
           folded, 'kh', 'K'), 'sh', 'S'), 'ch', 'C'), 'zh', 'Z'), 'gh', 'G'),
         'h(?![a-zA-Z0-9])', '', 'g');
revoke all on function inquest_private.digraphs_as_units(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.digraphs_as_units(text) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- The skeleton of an already folded name (name_skeleton without its own fold).
create or replace function inquest_private.skeleton_of_folded(folded text) returns text
language plpgsql immutable strict parallel safe
set search_path = pg_catalog, pg_temp
as $$
declare
  s text := inquest_private.digraphs_as_units(folded);
begin
  s := pg_catalog.regexp_replace(s, '([^ ])[vwy]+', '\1', 'g');       -- و ی inside a word are vowels
  s := pg_catalog.regexp_replace(s, '[aeiou]', '', 'g');
  s := pg_catalog.regexp_replace(s, '([a-zA-Z0-9])\1+', '\1', 'g');
  s := pg_catalog.replace(s, 'K', 'kh');
  s := pg_catalog.replace(s, 'S', 'sh');
  s := pg_catalog.replace(s, 'C', 'ch');
  s := pg_catalog.replace(s, 'Z', 'zh');
  s := pg_catalog.replace(s, 'G', 'gh');
  s := pg_catalog.btrim(pg_catalog.regexp_replace(s, ' +', ' ', 'g'));
  return s;
end
$$;
revoke all on function inquest_private.skeleton_of_folded(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.skeleton_of_folded(text) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

create or replace function inquest_private.name_skeleton(value text) returns text
language sql immutable strict parallel safe
set search_path = pg_catalog, pg_temp
return inquest_private.skeleton_of_folded(inquest_private.fold_name(value));
comment on function inquest_private.name_skeleton(text) is
  'Consonant skeleton of a folded name, for matching Persian script against Latin transliterations.';
revoke all on function inquest_private.name_skeleton(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.name_skeleton(text) to public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- The "i-key" of a folded name: its skeleton with the long i kept (Persian ی, and the i
-- that Latin spellings write for it), word-initial vowels dropped, no spaces.
create or replace function inquest_private.ikey_of_folded(folded text) returns text
language plpgsql immutable strict parallel safe
set search_path = pg_catalog, pg_temp
as $$
declare
  s text := inquest_private.digraphs_as_units(folded);
begin
  s := pg_catalog.regexp_replace(s, '([^ ])[vw]+', '\1', 'g');
  s := pg_catalog.replace(s, 'y', 'i');                                -- ی as a consonant (Nayyeri, نیری)
  s := pg_catalog.regexp_replace(s, '(^| )[aeiou]+', '\1', 'g');
  s := pg_catalog.regexp_replace(s, '[aeou]', '', 'g');
  s := pg_catalog.replace(s, ' ', '');
  s := pg_catalog.regexp_replace(s, '([a-zA-Z0-9])\1+', '\1', 'g');
  return s;
end
$$;
revoke all on function inquest_private.ikey_of_folded(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.ikey_of_folded(text) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- The i-key of a folded name as the other script reads it. Across scripts, a word-final ی
-- may also be read as a (the alef maqsura of مصطفی Mostafa, مرتضی Morteza, موسی Musa, مجتبی
-- Mojtaba), so a Latin name's word-final a may stand for it: read as i here. A Latin name
-- without that a (Rais) still differs from one with the long i (رئیسی Raisi).
create or replace function inquest_private.ikey_across(folded text, arabic boolean) returns text
language sql immutable strict parallel safe
return inquest_private.ikey_of_folded(case when arabic then folded
                                            else pg_catalog.regexp_replace(folded, 'a(?= |$)', 'i', 'g') end);
revoke all on function inquest_private.ikey_across(text, boolean) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.ikey_across(text, boolean) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- Whether two folded names agree on their i-keys: the same i-key, or across scripts the
-- same i-key as the other script reads it (ikey_across). search_names computes the
-- query's two keys once and compares each candidate's (ikey_of_folded, ikey_across):
-- this function is that comparison for two names.
create or replace function inquest_private.ikeys_agree(a_fold text, a_arabic boolean, b_fold text, b_arabic boolean)
returns boolean
language sql immutable strict parallel safe
return inquest_private.ikey_of_folded(a_fold) = inquest_private.ikey_of_folded(b_fold)
    or (a_arabic <> b_arabic
        and inquest_private.ikey_across(a_fold, a_arabic) = inquest_private.ikey_across(b_fold, b_arabic));
revoke all on function inquest_private.ikeys_agree(text, boolean, text, boolean) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.ikeys_agree(text, boolean, text, boolean) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

-- The loose key of a folded name: q/gh and k one letter, dh as z, the suffix -nia as -ia
-- (the rule 0005 had in the folded key: Raessinia and Raeisia, one first secretary in the
-- sources, meet here, below the folded tier; Karimi-Nia stays apart from Karimi), no spaces.
create or replace function inquest_private.loose_of_folded(folded text) returns text
language sql immutable strict parallel safe
set search_path = pg_catalog, pg_temp
return pg_catalog.regexp_replace(
         pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(
           pg_catalog.regexp_replace(folded, 'nia(?![a-z])', 'ia', 'g'), ' ', ''), 'gh', 'k'), 'dh', 'z'),
         '([a-z])\1+', '\1', 'g');
revoke all on function inquest_private.loose_of_folded(text) from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;
grant execute on function inquest_private.loose_of_folded(text) to inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

create or replace function inquest_private.fold_person_name() returns trigger
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
declare
  v_fold text := inquest_private.fold_name(new.name);
begin
  new.name_fold := v_fold;
  new.name_fold_key := pg_catalog.replace(v_fold, ' ', '');
  new.name_skeleton := inquest_private.skeleton_of_folded(v_fold);
  new.name_skeleton_key := pg_catalog.replace(new.name_skeleton, ' ', '');
  new.name_loose_key := inquest_private.loose_of_folded(v_fold);
  return new;
end
$$;
revoke all on function inquest_private.fold_person_name() from public, inquest_admin, inquest_investigator, inquest_auditor, inquest_cleared;

create or replace trigger person_name_fold BEFORE INSERT OR UPDATE ON inquest.person_name FOR EACH ROW EXECUTE FUNCTION inquest_private.fold_person_name();
