#!/usr/bin/env python3
"""The name-matching benchmark's data: Persian and Arabic names of officials as the
press, transliteration schemes and Persian-script sources write them.

Writes (deterministically, from the tables below):
  Tests/fixtures/names-benchmark/entities.tsv  entity  script  name  variant
      one row per spelling; the first row of each entity (variant "canonical") is the
      name its record carries, once in Latin letters and once in Persian script;
  Tests/fixtures/names-benchmark/pairs.tsv     name_a  script_a  name_b  script_b  label  kind
      labelled pairs: `same` (a spelling against its person's canonical name) and
      `different` (hard negatives: the same family name, father and son, names that
      share a consonant skeleton, Hassan/Hossein, a -nia or -zadeh suffix).

Run from the repository root: python3 Scripts/names-benchmark.py
"""
import itertools
import os

# Given names: Persian script, then Latin spellings (press, UN/ALA-LC without marks,
# French, German, Arabic-style). The first Latin spelling is the canonical one.
GIVEN = {
    "mohammad": ("محمد", ["Mohammad", "Mohammed", "Muhammad", "Mohamad", "Mohamed"]),
    "ali": ("علی", ["Ali", "Aly"]),
    "hossein": ("حسین", ["Hossein", "Hosein", "Hussein", "Husayn", "Hosayn"]),
    "hassan": ("حسن", ["Hassan", "Hasan"]),
    "reza": ("رضا", ["Reza", "Réza", "Rezā"]),
    "mehdi": ("مهدی", ["Mehdi", "Mahdi"]),
    "abdollah": ("عبدالله", ["Abdollah", "Abdullah", "Abd-Allah", "Abdolah"]),
    "jafar": ("جعفر", ["Jafar", "Jaafar", "Ja'far", "Djafar"]),
    "ahmad": ("احمد", ["Ahmad", "Ahmed"]),
    "mahmoud": ("محمود", ["Mahmoud", "Mahmud", "Mahmood"]),
    "manouchehr": ("منوچهر", ["Manouchehr", "Manuchehr", "Manoutchehr"]),
    "sirous": ("سیروس", ["Sirous", "Cyrus", "Sirus"]),
    "ebrahim": ("ابراهیم", ["Ebrahim", "Ibrahim", "Ebrahim", "Ebraheem"]),
    "morteza": ("مرتضی", ["Morteza", "Mortaza", "Murtaza", "Murtada"]),
    "esmail": ("اسماعیل", ["Esmail", "Ismail", "Esmaeil", "Ismaïl"]),
    "eskandar": ("اسکندر", ["Eskandar", "Iskandar", "Eskander"]),
    "ghasem": ("قاسم", ["Ghasem", "Qasem", "Qassem", "Kassem", "Ghassem"]),
    "kazem": ("کاظم", ["Kazem", "Kazim", "Kazzem"]),
    "sadegh": ("صادق", ["Sadegh", "Sadeq", "Sadiq", "Sadek"]),
    "mostafa": ("مصطفی", ["Mostafa", "Mustafa", "Moustafa"]),
    "abbas": ("عباس", ["Abbas", "Abas"]),
    "yousef": ("یوسف", ["Yousef", "Youssef", "Yusuf", "Yousof"]),
    "saeed": ("سعید", ["Saeed", "Saeid", "Said", "Sa'id"]),
    "parviz": ("پرویز", ["Parviz", "Parwiz", "Parvis"]),
    "fereydoun": ("فریدون", ["Fereydoun", "Feridun", "Fereidoon"]),
    "gholamhossein": ("غلامحسین", ["Gholamhossein", "Gholam-Hossein", "Gholam Hossein", "Ghulam Husayn", "Qolamhosein"]),
    "mohammadali": ("محمدعلی", ["Mohammad-Ali", "Mohammadali", "Muhammad Ali", "Mohammad Ali"]),
    "akbar": ("اکبر", ["Akbar"]),
    "ruhollah": ("روح‌الله", ["Ruhollah", "Rouhollah", "Ruhallah", "Rouhallah"]),
    "ezzatollah": ("عزت‌الله", ["Ezzatollah", "Ezatollah", "Izzatullah"]),
    "ehsan": ("احسان", ["Ehsan", "Ihsan"]),
    "hashem": ("هاشم", ["Hashem", "Hashim"]),
    "nasser": ("ناصر", ["Nasser", "Naser", "Nasir"]),
}

FAMILY = {
    "mahallati": ("محلاتی", ["Mahallati", "Mahalati", "Mahallaty"]),
    "naseri": ("ناصری", ["Naseri", "Nasseri", "Nasery"]),
    "nasiri": ("نصیری", ["Nasiri", "Nassiri", "Naseeri"]),
    "mousavi": ("موسوی", ["Mousavi", "Musavi", "Moussavi", "Moosavi", "Mousawi"]),
    "akhoundzadeh": ("آخوندزاده", ["Akhoundzadeh", "Akhondzadeh", "Akhundzada", "Akhoundzade", "Akhound-Zadeh"]),
    "raisi": ("رئیسی", ["Raisi", "Raeisi", "Raeesi", "Ra'isi", "Raissi"]),
    "raeisinia": ("رئیسی‌نیا", ["Raeisinia", "Raisinia", "Raeesinia", "Raeisi-Nia"]),
    "nouri": ("نوری", ["Nouri", "Nuri", "Noori"]),
    "velayati": ("ولایتی", ["Velayati", "Valayati", "Welayati"]),
    "lavasani": ("لواسانی", ["Lavasani", "Lawasani"]),
    "mottaki": ("متکی", ["Mottaki", "Motaki", "Mottakki"]),
    "rafsanjani": ("رفسنجانی", ["Rafsanjani", "Rafsandjani", "Rafsanjâni"]),
    "khamenei": ("خامنه‌ای", ["Khamenei", "Khamanei", "Khamene'i", "Khamenehei"]),
    "pourmohammadi": ("پورمحمدی", ["Pourmohammadi", "Pour-Mohammadi", "Purmohammadi", "Pour Mohammadi"]),
    "nayyeri": ("نیری", ["Nayyeri", "Nayeri", "Nayyiri"]),
    "eshraghi": ("اشراقی", ["Eshraghi", "Eshraqi", "Ishraqi"]),
    "razini": ("رازینی", ["Razini", "Raazini"]),
    "ardebili": ("اردبیلی", ["Ardebili", "Ardabili", "Ardabeely"]),
    "montazeri": ("منتظری", ["Montazeri", "Muntaziri", "Montazery"]),
    "karroubi": ("کروبی", ["Karroubi", "Karrubi", "Karoubi"]),
    "reyshahri": ("ری‌شهری", ["Reyshahri", "Rayshahri", "Reishahri", "Rey-Shahri"]),
    "hashemi": ("هاشمی", ["Hashemi", "Hashimi"]),
    "karimi": ("کریمی", ["Karimi", "Karimy"]),
    "karami": ("کرمی", ["Karami"]),
    "kariminia": ("کریمی‌نیا", ["Kariminia", "Karimi-Nia"]),
    "hosseini": ("حسینی", ["Hosseini", "Husaini", "Hoseini", "Hosseyni"]),
    "hassani": ("حسنی", ["Hassani", "Hasani"]),
    "hosseinzadeh": ("حسین‌زاده", ["Hosseinzadeh", "Hossein-Zadeh", "Hoseinzade"]),
    "amini": ("امینی", ["Amini", "Aminy"]),
    "amani": ("امانی", ["Amani"]),
    "sadeghi": ("صادقی", ["Sadeghi", "Sadeqi", "Sadegi"]),
    "sadighi": ("صدیقی", ["Sadighi", "Sediqi", "Siddiqi"]),
    "kazemi": ("کاظمی", ["Kazemi", "Kazimi"]),
    "jafari": ("جعفری", ["Jafari", "Jaafari", "Ja'fari"]),
    "moghaddam": ("مقدم", ["Moghaddam", "Moqaddam", "Moghadam"]),
    "eslami": ("اسلامی", ["Eslami", "Islami"]),
    "safavi": ("صفوی", ["Safavi", "Safawi"]),
    "shoushtari": ("شوشتری", ["Shoushtari", "Shushtari"]),
    "ghazi": ("قاضی", ["Ghazi", "Qazi", "Ghazy"]),
    "tabrizi": ("تبریزی", ["Tabrizi", "Tabrizy"]),
}

# The persons of the benchmark: (given, family). Several share a family name (father and
# son, brothers), a given name, or a consonant skeleton with another.
ENTITIES = [
    ("mohammad", "mahallati"), ("jafar", "mahallati"), ("ali", "naseri"), ("hossein", "nasiri"),
    ("mohammad", "mousavi"), ("hossein", "mousavi"), ("hassan", "mousavi"),
    ("ali", "akhoundzadeh"), ("ebrahim", "raisi"), ("ebrahim", "raeisinia"), ("abdollah", "nouri"),
    ("ali", "velayati"), ("mohammadali", "lavasani"), ("manouchehr", "mottaki"),
    ("akbar", "rafsanjani"), ("mehdi", "rafsanjani"), ("ali", "khamenei"), ("hassan", "khamenei"),
    ("mostafa", "pourmohammadi"), ("hossein", "nayyeri"), ("morteza", "eshraghi"),
    ("ebrahim", "razini"), ("abdollah", "ardebili"), ("hossein", "montazeri"),
    ("ahmad", "montazeri"), ("mehdi", "karroubi"), ("mohammad", "reyshahri"), ("ali", "reyshahri"),
    ("mahmoud", "hashemi"), ("hashem", "hashemi"), ("reza", "karimi"), ("reza", "karami"),
    ("reza", "kariminia"), ("hassan", "hosseini"), ("hossein", "hassani"), ("mohammad", "hosseinzadeh"),
    ("mohammad", "hosseini"), ("sirous", "amini"), ("sirous", "amani"), ("sadegh", "sadeghi"),
    ("sadegh", "sadighi"), ("kazem", "kazemi"), ("esmail", "jafari"), ("eskandar", "moghaddam"),
    ("ghasem", "eslami"), ("yousef", "safavi"), ("saeed", "shoushtari"), ("parviz", "ghazi"),
    ("fereydoun", "tabrizi"), ("gholamhossein", "mousavi"), ("gholamhossein", "hosseini"),
    ("ruhollah", "khamenei"), ("ezzatollah", "jafari"), ("ehsan", "eslami"), ("nasser", "naseri"),
    ("abbas", "kazemi"), ("mohammad", "nouri"), ("ali", "nouri"), ("esmail", "moghaddam"),
    ("mohammad", "karimi"),
]


def persian_variants(text):
    """Persian-script spellings as sources give them: with and without ZWNJ, Arabic yeh
    and kaf, compounds spaced or joined."""
    out = [text]
    if "\u200c" in text:
        out.append(text.replace("\u200c", " "))
        out.append(text.replace("\u200c", ""))
    arabic = text.replace("ی", "ي").replace("ک", "ك")
    if arabic != text:
        out.append(arabic)
    return out


def entity_names(given, family):
    gp, gl = GIVEN[given]
    fp, fl = FAMILY[family]
    latin = []
    for g, f in itertools.product(gl, fl):
        latin.append(f"{g} {f}")
    # a few spellings as a source prints them: hyphenated, upper case, family name first
    latin.append(f"{gl[0]}-{fl[0]}")
    latin.append(f"{fl[0].upper()}, {gl[0]}")
    persian = []
    for g in persian_variants(gp):
        for f in persian_variants(fp):
            persian.append(f"{g} {f}")
    if " " not in gp and "\u200c" not in gp:
        persian.append(f"{gp}\u200c{fp}")  # given and family joined by ZWNJ, as some sources do
    return latin, persian


def main():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    out = os.path.join(root, "Tests", "fixtures", "names-benchmark")
    os.makedirs(out, exist_ok=True)
    entities = []
    pairs = []
    for n, (given, family) in enumerate(ENTITIES, start=1):
        eid = f"N{n}"
        latin, persian = entity_names(given, family)
        seen = set()
        latin = [x for x in latin if not (x in seen or seen.add(x))]
        persian = [x for x in persian if not (x in seen or seen.add(x))]
        entities.append((eid, "latin", latin[0], "canonical"))
        entities.append((eid, "persian", persian[0], "canonical"))
        for x in latin[1:]:
            entities.append((eid, "latin", x, "variant"))
        for x in persian[1:]:
            entities.append((eid, "persian", x, "variant"))
        # positives: every variant against the canonical name of the same script and of the other
        for x in latin[1:]:
            pairs.append((x, "latin", latin[0], "latin", "same", "latin spelling"))
        for x in latin:
            pairs.append((x, "latin", persian[0], "persian", "same", "latin against persian script"))
        for x in persian[1:]:
            pairs.append((x, "persian", persian[0], "persian", "same", "persian script variant"))
            pairs.append((x, "persian", latin[0], "latin", "same", "persian script against latin"))
    # hard negatives: every two entities that share a given or a family name, or whose
    # canonical names share a consonant skeleton (in Latin and across scripts)
    canon = {}
    for eid, script, name, variant in entities:
        if variant == "canonical":
            canon.setdefault(eid, {})[script] = name
    for (i, a), (j, b) in itertools.combinations(enumerate(ENTITIES, start=1), 2):
        kinds = []
        if a[1] == b[1]:
            kinds.append("same family name" + (" (father/son, brothers)" if a[0] != b[0] else ""))
        if a[0] == b[0] and a[1] != b[1]:
            kinds.append("same given name")
        related = {("karimi", "karami"), ("karimi", "kariminia"), ("karami", "kariminia"), ("hosseini", "hassani"),
                   ("amini", "amani"), ("sadeghi", "sadighi"), ("naseri", "nasiri"), ("raisi", "raeisinia"),
                   ("hosseini", "hosseinzadeh")}
        if (a[1], b[1]) in related or (b[1], a[1]) in related:
            kinds.append("shared skeleton or suffix")
        if {a[0], b[0]} == {"hassan", "hossein"}:
            kinds.append("Hassan/Hossein")
        if not kinds or (kinds == ["same given name"] and (i + j) % 3):
            continue
        kind = "; ".join(kinds)
        ea, eb = canon[f"N{i}"], canon[f"N{j}"]
        pairs.append((ea["latin"], "latin", eb["latin"], "latin", "different", kind))
        pairs.append((ea["latin"], "latin", eb["persian"], "persian", "different", kind))
        pairs.append((ea["persian"], "persian", eb["latin"], "latin", "different", kind))
        pairs.append((ea["persian"], "persian", eb["persian"], "persian", "different", kind))
    with open(os.path.join(out, "entities.tsv"), "w", encoding="utf-8") as f:
        f.write("entity\tscript\tname\tvariant\n")
        for row in entities:
            f.write("\t".join(row) + "\n")
    with open(os.path.join(out, "pairs.tsv"), "w", encoding="utf-8") as f:
        f.write("name_a\tscript_a\tname_b\tscript_b\tlabel\tkind\n")
        for row in pairs:
            f.write("\t".join(row) + "\n")
    same = sum(1 for p in pairs if p[4] == "same")
    print(f"{len(ENTITIES)} persons, {len(entities)} spellings, {len(pairs)} pairs ({same} same, {len(pairs) - same} different)")


if __name__ == "__main__":
    main()
