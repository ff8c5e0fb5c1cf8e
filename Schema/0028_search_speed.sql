-- 0028 A trigram index on the folded spelling of names in Persian or Arabic script alone.
--
-- Name search (Schema/objects/names/matching.sql) tries a first pass for a one-word Latin
-- query: the names similar enough to it as a whole, instead of every name that holds it
-- (a common family name is held by thousands). That pass must still see every candidate
-- in the other script, whose score has a term of its own (the cross-script skeleton
-- measure) that the first pass's bound does not cover; those are the Persian-script names
-- whose folded spelling has a word similarity of 0.6 or more, one name in forty here. The
-- index on every folded spelling would recheck all the others to find them.
--
-- Like person_name_fold_trgm and the skeleton indexes, it rests only on columns that
-- investigators cannot read (name_fold, name_arabic_script), so it opens no side channel
-- past row-level security (objects/early/enrolment.sql, rule C).
create index person_name_fold_trgm_persian on inquest.person_name using gin (name_fold inquest_ext.gin_trgm_ops)
  where name_arabic_script;
