#!/usr/bin/env python3
"""Writes a realistic list of persons (long-tailed names), as CSV, for Scripts/bench.sh.

    Scripts/bench-names-data.py PERSONS [SEED] [--queries FILE] > persons.csv

Deterministic (a fixed seed): the same PERSONS and SEED give the same bytes, and the file
for N persons is the first N persons of any larger one (each person draws from its own
generator, seeded by SEED and its number).

Real lists (victims, officials, witnesses) are not 15 given names times 20 family names:
- given and family names follow a Zipf law over a vocabulary of about 2,000 given and
  30,000 family names (a few very common names such as Mohammad or Mousavi, thousands of
  rare ones), built from real names, real names with suffixes (-zadeh, -pour, -nia),
  and syllables;
- a fifth of given names are compound (Mohammad Ali, Gholam Reza), a tenth of family
  names have two words (Mousavi Ardabili) or a hyphen;
- each person has 1 to 4 spellings (45% 1, 30% 2, 17% 3, 8% 4): transliteration
  variants (Hossein/Hosein/Husayn, -zadeh/-zade, ou/u/oo, Gh/Q) and, for about one
  person in six, the name in Persian script.
Columns are those of `inquest import persons` (ref,name,given_name,family_name,kind,
script,description,roles): the first row of a ref is the primary name and carries the
description and roles; later rows are aliases (kind empty) or transliterations.

--queries FILE writes 24 search queries, one a line: 8 misspelled names of persons in the
list (a variant the list does not hold), 6 common names, 6 rare names (a random person's
family name alone or given and family name), and 4 in Persian script (a common full name, a
common family name alone, two random persons' Persian names), so that a search benchmark
asks what users ask. (The Persian ones are drawn from a generator of their own: the first
20 are those of the earlier, Latin-only list.)
"""
import bisect
import importlib.util
import itertools
import os
import random
import sys

_spec = importlib.util.spec_from_file_location(
    "bench_import_data", os.path.join(os.path.dirname(os.path.abspath(__file__)), "bench-import-data.py"))
base = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(base)

SEED_DEFAULT = 1367


def vocabulary(rng, real, size, suffix_share, syllables):
    """Names in order of frequency rank: the real ones first (most common), then derived ones."""
    names = list(real.items())
    seen = {latin for latin, _ in names}
    suffixes = list(base.SUFFIX.items())
    while len(names) < size:
        if rng.random() < suffix_share:
            latin, persian = rng.choice(names[:len(real)])
            s, sp = rng.choice(suffixes)
            latin, persian = latin + s, persian + sp
            if rng.random() < 0.3:  # and a second syllable-made stem
                parts = [rng.choice(syllables) for _ in range(2)]
                latin = "".join(p[0] for p in parts).capitalize() + s
                persian = "".join(p[1] for p in parts) + sp
        else:
            parts = [rng.choice(syllables) for _ in range(rng.randint(2, 4))]
            latin = "".join(p[0] for p in parts).capitalize()
            persian = "".join(p[1] for p in parts)
            ending = rng.random()
            if ending < 0.4:
                latin, persian = latin + "i", persian + "ی"
            elif ending < 0.55:
                latin, persian = latin + "an", persian + "ان"
        if latin not in seen:
            seen.add(latin)
            names.append((latin, persian))
    return names


def zipf_cumulative(n, s):
    weights = [1 / (rank ** s) for rank in range(1, n + 1)]
    return list(itertools.accumulate(weights))


def pick(rng, names, cumulative):
    return names[bisect.bisect_left(cumulative, rng.random() * cumulative[-1])]


def main():
    args = [a for a in sys.argv[1:]]
    queries_path = None
    if "--queries" in args:
        at = args.index("--queries")
        queries_path = args[at + 1]
        del args[at:at + 2]
    persons = int(args[0])
    seed = int(args[1]) if len(args) > 1 else SEED_DEFAULT
    vocab_rng = random.Random(seed)
    syllables = base.SYLLABLES + [("Par", "پر"), ("vi", "وی"), ("zi", "زی"), ("ho", "هو"), ("mo", "مو"),
                                  ("jan", "جان"), ("bak", "بک"), ("far", "فر"), ("gol", "گل"), ("su", "سو"),
                                  ("nas", "نس"), ("ro", "رو"), ("shan", "شان"), ("kh", "خ"), ("ad", "اد")]
    given_real = {k: v for k, v in base.GIVEN.items() if k != "Abdol"}
    givens = vocabulary(vocab_rng, given_real, 2000, 0.0, syllables)
    families = vocabulary(vocab_rng, base.FAMILY, 30000, 0.5, syllables)
    given_cum = zipf_cumulative(len(givens), 1.1)
    family_cum = zipf_cumulative(len(families), 0.9)
    compound_first = [(n, base.GIVEN[n]) for n in base.COMPOUND_FIRST]
    roles = [r for r, w in base.ROLES for _ in range(w)]
    spellings = [1] * 45 + [2] * 30 + [3] * 17 + [4] * 8

    def variant(rng, name):
        candidates = [v for v in base.VARIANTS if v[0] in name]
        if not candidates:
            return name
        for a, b in rng.sample(candidates, min(len(candidates), rng.randint(1, 2))):
            name = name.replace(a, b, 1)
        return name

    import csv
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["ref", "name", "given_name", "family_name", "kind", "script", "description", "roles"])
    query_rng = random.Random(seed + 1)
    persian_rng = random.Random(seed + 2)
    misspelled, rare, in_persian = [], [], []
    for i in range(1, persons + 1):
        rng = random.Random(seed * 1_000_003 + i)
        g, gp = pick(rng, givens, given_cum)
        if rng.random() < 0.2:
            first, firstp = rng.choice(compound_first)
            if first != g:
                g, gp = first + " " + g, firstp + " " + gp
        f, fp = pick(rng, families, family_cum)
        r = rng.random()
        if r < 0.07:
            f2, f2p = pick(rng, families, family_cum)
            if f2 != f:
                f, fp = f + " " + f2, fp + " " + f2p
        elif r < 0.10:
            f2, f2p = pick(rng, families, family_cum)
            if f2 != f:
                f, fp = f + "-" + f2, fp + "-" + f2p
        description = ""
        if rng.random() < 0.6:
            description = "%s, %s" % (rng.choice(base.POSTS), rng.choice(base.PLACES))
        ref = "R-%07d" % i
        out.writerow([ref, g + " " + f, g, f, "", "", description, rng.choice(roles)])
        names = {g + " " + f}
        wanted = rng.choice(spellings)
        persian = rng.random() < 1 / 6 and wanted > 1
        if persian:
            out.writerow([ref, gp + " " + fp, gp, fp, "", "", "", ""])
            names.add(gp + " " + fp)
            if queries_path and len(in_persian) < 2 and persian_rng.random() < 40 / persons:
                in_persian.append(gp + " " + fp)
        tries = 0
        while len(names) < wanted and tries < 8:
            tries += 1
            vg, vf = variant(rng, g), variant(rng, f)
            if vg + " " + vf in names:
                continue
            names.add(vg + " " + vf)
            kind = "transliteration" if rng.random() < 0.3 else ""
            out.writerow([ref, vg + " " + vf, vg, vf, kind, "", "", ""])
        if queries_path and query_rng.random() < 40 / persons and len(misspelled) < 8:
            q = variant(query_rng, g + " " + f)
            if q not in names:
                misspelled.append(q)
        if queries_path and len(rare) < 6 and query_rng.random() < 40 / persons:
            q = f if query_rng.random() < 0.5 else g + " " + f
            if q not in rare:
                rare.append(q)
    if queries_path:
        common = ["Mohammad Mousavi", "Hosein Mousavi", "Ali Rezaei", "Noori", "Hossein Nouri", "Mohammad Ali Karimi"]
        common_persian = ["محمد موسوی", "موسوی"]
        with open(queries_path, "w", encoding="utf-8") as q:
            for line in misspelled + common + rare + common_persian + in_persian:
                q.write(line + "\n")


if __name__ == "__main__":
    main()
