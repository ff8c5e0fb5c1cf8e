#!/usr/bin/env python3
"""Writes a synthetic list of persons for `inquest import persons`, as CSV, for Scripts/bench.sh.

    Scripts/bench-import-data.py PERSONS [SEED] > persons.csv

Deterministic (a fixed seed): the same PERSONS and SEED give the same bytes. Each person has
a primary name (Persian given and family names in Latin letters); about a third have a second
spelling (another transliteration), and about one in five of those a third name, half of them in
Persian script. The first row of a ref carries the person's description and roles; later rows
leave `kind` empty (an alias) or say `transliteration`, and leave `script` empty (the importer
sets persian for Arabic-script names). Columns: ref,name,given_name,family_name,kind,script,
description,roles, the columns of the bare table bench.sh COPYs the same file into.
"""
import csv
import random
import sys

# Latin spelling -> Persian script.
GIVEN = {
    "Mohammad": "محمد", "Ali": "علی", "Hossein": "حسین", "Reza": "رضا", "Mehdi": "مهدی",
    "Jafar": "جعفر", "Hassan": "حسن", "Ahmad": "احمد", "Mahmoud": "محمود", "Abdollah": "عبدالله",
    "Akbar": "اکبر", "Ebrahim": "ابراهیم", "Morteza": "مرتضی", "Manouchehr": "منوچهر", "Sirous": "سیروس",
    "Ghasem": "قاسم", "Hamid": "حمید", "Javad": "جواد", "Majid": "مجید", "Saeed": "سعید",
    "Mostafa": "مصطفی", "Abbas": "عباس", "Asghar": "اصغر", "Esmaeil": "اسماعیل", "Nasser": "ناصر",
    "Mojtaba": "مجتبی", "Fatemeh": "فاطمه", "Zahra": "زهرا", "Maryam": "مریم", "Masoumeh": "معصومه",
    "Parvaneh": "پروانه", "Roghayeh": "رقیه", "Shahla": "شهلا", "Zeinab": "زینب", "Azam": "اعظم",
    "Gholam": "غلام", "Hadi": "هادی", "Karim": "کریم", "Rahim": "رحیم", "Yousef": "یوسف",
}
FAMILY = {
    "Mahallati": "محلاتی", "Velayati": "ولایتی", "Akhoundzadeh": "آخوندزاده", "Nouri": "نوری",
    "Rafsanjani": "رفسنجانی", "Mousavi": "موسوی", "Nasseri": "ناصری", "Lavasani": "لواسانی",
    "Eshraghi": "اشراقی", "Razini": "رازینی", "Nayyeri": "نیری", "Pourmohammadi": "پورمحمدی",
    "Tabrizi": "تبریزی", "Shirazi": "شیرازی", "Kermani": "کرمانی", "Esfahani": "اصفهانی",
    "Ghazi": "قاضی", "Mottaki": "متکی", "Hosseini": "حسینی", "Rezaei": "رضایی", "Ahmadi": "احمدی",
    "Karimi": "کریمی", "Hashemi": "هاشمی", "Jafari": "جعفری", "Sadeghi": "صادقی", "Rahimi": "رحیمی",
    "Mohammadi": "محمدی", "Ghorbani": "قربانی", "Kazemi": "کاظمی", "Tehrani": "تهرانی",
    "Ardabili": "اردبیلی", "Ghaffari": "غفاری", "Zanjani": "زنجانی", "Yazdi": "یزدی", "Amini": "امینی",
    "Bagheri": "باقری", "Kashani": "کاشانی", "Mashhadi": "مشهدی", "Golpayegani": "گلپایگانی",
    "Raeisi": "رئیسی",
}
FEMALE = {"Fatemeh", "Zahra", "Maryam", "Masoumeh", "Parvaneh", "Roghayeh", "Shahla", "Zeinab", "Azam"}
MALE = [n for n in GIVEN if n not in FEMALE]
COMPOUND_FIRST = ["Mohammad", "Ali", "Gholam", "Hossein", "Abdol"]
GIVEN["Abdol"] = "عبد"
# Suffixes that make new family names (Nourizadeh, Karimipour, Rezaeinia).
SUFFIX = {"zadeh": "زاده", "pour": "پور", "nia": "نیا", "far": "فر", "rad": "راد", "vand": "وند", "khani": "خانی"}
# Syllables for family names of no list (Latin, Persian).
SYLLABLES = [("Kho", "خو"), ("ra", "را"), ("sa", "سا"), ("ni", "نی"), ("ba", "با"), ("dar", "در"),
             ("ma", "م"), ("gan", "گان"), ("sha", "شا"), ("hro", "هرو"), ("da", "دا"), ("ta", "تا"),
             ("la", "لا"), ("me", "م"), ("zan", "زن"), ("gi", "گی"), ("ka", "کا"), ("sto", "ستو")]
# Spelling variants for second names: each applies where it matches.
VARIANTS = [("Mohammad", "Mohammed"), ("Mohammad", "Muhammad"), ("Hossein", "Hosein"), ("Hossein", "Husayn"),
            ("Mehdi", "Mahdi"), ("Jafar", "Ja'far"), ("ou", "u"), ("ou", "oo"), ("zadeh", "zade"), ("Gh", "Q"),
            ("ei", "ey"), ("ee", "i"), ("Esmaeil", "Ismail"), ("Saeed", "Said"), ("Abdollah", "Abdullah"),
            ("Ebrahim", "Ibrahim"), ("Ahmad", "Ahmed"), ("Gho", "Go"), ("Kh", "Ch"),
            ("Yousef", "Yusuf"), ("ss", "s"), ("yy", "y"), ("i", "y"), ("ah", "a")]
POSTS = ["prosecutor", "deputy prosecutor", "judge", "religious judge", "intelligence ministry representative",
         "prison warden", "deputy warden", "member of the commission", "guard", "interrogator",
         "head of the revolutionary court", "official of the prosecutor's office"]
PLACES = ["Evin prison", "Gohardasht prison", "Tehran", "Mashhad", "Shiraz", "Tabriz", "Isfahan", "Dezful",
          "Karaj", "Rasht", "Ahvaz", "Kermanshah", "Qazvin", "Semnan", "Zanjan", "Hamadan"]
ROLES = [("official;to_be_summoned", 3), ("alleged_perpetrator;to_be_summoned", 2), ("witness", 3), ("victim", 6),
         ("relative", 3), ("victim;relative", 1), ("source", 1), ("official", 2), ("other", 1), ("", 3)]


def main():
    persons = int(sys.argv[1])
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1988)
    given_names = [n for n in GIVEN if n != "Abdol"]
    family_names = list(FAMILY)
    suffixes = list(SUFFIX)
    roles = [r for r, w in ROLES for _ in range(w)]
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["ref", "name", "given_name", "family_name", "kind", "script", "description", "roles"])

    def given():
        # One name, or a man's compound name (Mohammad Ali, Gholam Reza).
        if rng.random() < 0.2:
            first = rng.choice(COMPOUND_FIRST)
            names = [first, rng.choice([n for n in MALE if n != first])]
        else:
            names = [rng.choice(given_names)]
        return " ".join(names), " ".join(GIVEN[n] for n in names)

    def family():
        r = rng.random()
        if r < 0.4:
            f = rng.choice(family_names)
            return f, FAMILY[f]
        if r < 0.7:
            f, s = rng.choice(family_names), rng.choice(suffixes)
            return f + s, FAMILY[f] + SUFFIX[s]
        parts = [rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))]
        latin = "".join(p[0] for p in parts)
        persian = "".join(p[1] for p in parts)
        if rng.random() < 0.5:
            s = rng.choice(suffixes)
            return latin.capitalize() + s, persian + SUFFIX[s]
        return latin.capitalize() + "i", persian + "ی"

    def variant(name):
        candidates = [v for v in VARIANTS if v[0] in name]
        if not candidates:
            return name
        chosen = rng.sample(candidates, min(len(candidates), rng.randint(1, 2)))
        for a, b in chosen:
            name = name.replace(a, b, 1)
        return name

    for i in range(1, persons + 1):
        ref = "L-%06d" % i
        g, gp = given()
        f, fp = family()
        description = ""
        if rng.random() < 0.6:
            description = "%s, %s" % (rng.choice(POSTS), rng.choice(PLACES))
            if rng.random() < 0.2:
                description += " (1988)"
        out.writerow([ref, g + " " + f, g, f, "", "", description, rng.choice(roles)])
        if rng.random() < 1 / 3:
            vg, vf = variant(g), variant(f)
            if vg + vf == g + f:
                vf = f + "h"
            kind = "transliteration" if rng.random() < 0.3 else ""
            out.writerow([ref, vg + " " + vf, vg, vf, kind, "", "", ""])
            if rng.random() < 0.2:
                if rng.random() < 0.5:
                    out.writerow([ref, gp + " " + fp, gp, fp, "", "", "", ""])
                else:
                    vg2, vf2 = variant(vg), variant(vf)
                    if vg2 + vf2 in (g + f, vg + vf):
                        vf2 = vf + "i"
                    out.writerow([ref, vg2 + " " + vf2, vg2, vf2, "", "", "", ""])


if __name__ == "__main__":
    main()
