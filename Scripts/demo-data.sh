#!/usr/bin/env bash
# Loads the demo case IR-1988 through the inquest CLI, then prints a short tour.
#
# Facts only (names, posts, dates, document symbols and index numbers, short attributed
# quotations) are taken from Amnesty International's public statement of 6 February 2023,
# "Involvement of Iran's former diplomats in covering up the 1988 prison massacres"
# (Index: MDE 13/6418/2023); "fn N" in the sources below refers to its footnotes.
# Everything procedural (summonses, disclosure requests, the testimony session and its
# transcript, the witness) is FICTITIOUS and only illustrates the software.
#
# Needs a migrated database (PGHOST, PGDATABASE … or INQUEST_DATABASE_URL) and a role
# allowed to write. INQ is the command (default: `inquest` on PATH, else this checkout's
# debug build); INQ_FLAGS are appended to every call (default: --allow-superuser, for the
# superuser of a throwaway cluster; set INQ_FLAGS= to run as an ordinary admin role):
#   Scripts/demo-data.sh
#   INQ=/path/to/inquest INQ_FLAGS= Scripts/demo-data.sh
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
if [ -z "${INQ:-}" ]; then
  if command -v inquest >/dev/null; then INQ=inquest; else INQ="$here/../.build/debug/inquest"; fi
fi
read -r -a INQ_CMD <<<"$INQ"
read -r -a INQ_OPTS <<<"${INQ_FLAGS---allow-superuser}"
# Options go after the subcommand's own arguments (`inquest person add … --allow-superuser`).
inq() { "${INQ_CMD[@]}" "$@" ${INQ_OPTS[@]+"${INQ_OPTS[@]}"}; }
trap 'echo "demo-data: failed at line $LINENO: $BASH_COMMAND" >&2' ERR
say() { echo "demo-data: $*" >&2; }

CASE=IR-1988
SRC="MDE 13/6418/2023"
transcript="$here/demo/testimony-transcript.txt"

# Small helpers; each prints nothing (keys are only captured where needed).
name()     { local p=$1; shift; inq person name add "$p" "$@" >/dev/null; }
post()     { local p=$1; shift; inq person position add "$p" "$@" >/dev/null; }
link()     { # link EVIDENCE TARGET RELATION [LOCATOR] [NOTE] [STATED-DATE]
  local args=("$1" "$2" --relation "$3")
  [ -n "${4:-}" ] && args+=(--locator "$4")
  [ -n "${5:-}" ] && args+=(--note "$5")
  [ -n "${6:-}" ] && args+=(--stated-date "$6")
  inq link add "${args[@]}" >/dev/null
}
took_part() { inq event participant add "$1" "$2" --role "$3" ${4:+--note "$4"} >/dev/null; }
body_took_part() { inq event participant add "$1" --name "$2" --role "$3" >/dev/null; }

# ---------------------------------------------------------------------------------------
say "case"
if inq case show "$CASE" >/dev/null 2>&1; then
  echo "demo-data: case $CASE already exists; load the demo into an empty database" >&2
  exit 1
fi
inq case create "$CASE" \
  --title "Cover-up of the 1988 prison massacres" \
  --description "Role of Iranian diplomats and officials in denying the mass extrajudicial executions of political prisoners of July-September 1988. DEMO DATA: persons, posts, dates, documents and quotations are taken from Amnesty International public statement $SRC (6 February 2023); all summonses, disclosure requests, testimony and procedural steps are fictitious." \
  >/dev/null

# ---------------------------------------------------------------------------------------
say "evidence"
ev() { inq evidence add --case "$CASE" "$@"; }
AI="Amnesty International"
SR="Special Representative of the UN Commission on Human Rights"
ONFILE="On file with Amnesty International"

e_a43705=$(ev --kind un_document --un-symbol "A/43/705" --date 1988-10-13 --author "$SR" --language en \
  --citation "Special Representative of the UN Commission on Human Rights, Interim report on the situation of human rights in the Islamic Republic of Iran, 13 October 1988, UN Doc. A/43/705" \
  --title "Interim report on the situation of human rights in the Islamic Republic of Iran" \
  --url "https://digitallibrary.un.org/record/49935?ln=en")
e_ecn4_1989_26=$(ev --kind un_document --un-symbol "E/CN.4/1989/26" --date 1989-01-26 --author "$SR" --language en \
  --citation "Special Representative of the UN Commission on Human Rights, Report on the human rights situation in the Islamic Republic of Iran, 26 January 1989, UN Doc. E/CN.4/1989/26" \
  --title "Report on the human rights situation in the Islamic Republic of Iran" \
  --url "https://digitallibrary.un.org/record/55465?ln=en")
e_ares43137=$(ev --kind un_document --un-symbol "A/RES/43/137" --date 1988-12-08 --author "UN General Assembly" \
  --title "Resolution 43/137: Situation of human rights in the Islamic Republic of Iran" \
  --url "https://www.un.org/en/ga/search/view_doc.asp?symbol=A/RES/43/137")
e_ecn4_1989_25=$(ev --kind un_document --un-symbol "E/CN.4/1989/25" --date 1989-02-06 \
  --author "UN Special Rapporteur on Summary or Arbitrary Executions" \
  --title "Report of the Special Rapporteur on Summary or Arbitrary Executions" \
  --url "https://digitallibrary.un.org/record/56189?ln=en")
e_a44620=$(ev --kind un_document --un-symbol "A/44/620" --date 1989-11-02 --author "$SR" \
  --title "Interim report on the situation of human rights in the Islamic Republic of Iran" \
  --url "https://digitallibrary.un.org/record/81360?ln=en")
e_ecn4_1990_24=$(ev --kind un_document --un-symbol "E/CN.4/1990/24" --date 1990-02-12 --author "$SR" \
  --title "Report on the situation of human rights in Iran" \
  --url "https://digitallibrary.un.org/record/85464")
e_a45697=$(ev --kind un_document --un-symbol "A/45/697" --date 1990-11-06 --author "$SR" \
  --title "Interim report on the situation of human rights in Iran" \
  --url "https://digitallibrary.un.org/record/102668?ln=en")
e_a44153=$(ev --kind un_document --un-symbol "A/44/153" --date 1989-02-28 \
  --author "Permanent Representative of the Islamic Republic of Iran to the United Nations in New York" \
  --title "Letter addressed to the UN Secretary-General (enclosing the letter of the Permanent Mission to Amnesty International)" \
  --url "https://digitallibrary.un.org/record/58276?ln=en")

e_mde13_9421=$(ev --kind ngo_report --amnesty-index "MDE 13/9421/2018" --date 2018-12-04 --author "$AI" \
  --title "Blood-soaked secrets: Why Iran's 1988 prison massacres are ongoing crimes against humanity" \
  --url "https://www.amnesty.org/en/documents/mde13/9421/2018/en")
e_mde13_6418=$(ev --kind ngo_report --amnesty-index "MDE 13/6418/2023" --date 2023-02-06 --author "$AI" \
  --title "Involvement of Iran's former diplomats in covering up the 1988 prison massacres (public statement)" \
  --url "https://www.amnesty.org/en/documents/mde13/6418/2023/en")
e_mde13_031=$(ev --kind ngo_report --amnesty-index "MDE 13/031/88" --date 1988-12-13 --author "$AI" \
  --title "Biggest wave of political executions in Iran since early 1980s" \
  --url "https://www.amnesty.org/en/documents/mde13/031/1988/en")
e_mde13_029=$(ev --kind ngo_report --amnesty-index "MDE 13/029/88" --date 1988-12 --author "$AI" \
  --title "Iran: Political executions" \
  --url "https://www.amnesty.org/en/documents/mde13/029/1988/en")
e_mde13_013=$(ev --kind ngo_report --amnesty-index "MDE 13/013/88" --other-identifier "UA 219/88" --date 1988-08-16 --author "$AI" \
  --title "Iran: UA 219/88 Iran: Death penalty: Political executions" \
  --url "https://www.amnesty.org/en/documents/mde13/013/1988/en")
e_mde13_014=$(ev --kind ngo_report --amnesty-index "MDE 13/014/88" --date 1988-09-02 --author "$AI" \
  --title "Iran: Death penalty: Political executions" \
  --url "https://www.amnesty.org/en/documents/mde13/014/1988/en")
e_mde13_017=$(ev --kind ngo_report --amnesty-index "MDE 13/017/88" --date 1988-10-20 --author "$AI" \
  --title "Death penalty: Political executions" \
  --url "https://www.amnesty.org/en/documents/mde13/017/1988/en")
e_mde13_020=$(ev --kind ngo_report --amnesty-index "MDE 13/020/1988" --date 1988-11-08 --author "$AI" \
  --title "Fear of torture/fear of execution: Iran" \
  --url "https://www.amnesty.org/en/documents/mde13/020/1988/en")
e_mde13_027=$(ev --kind ngo_report --amnesty-index "MDE 13/027/1988" --date 1988-12-01 --author "$AI" \
  --title "Iran: fear of execution" \
  --url "https://www.amnesty.org/en/documents/mde13/027/1988/en")
e_mde13_019_89=$(ev --kind ngo_report --amnesty-index "MDE 13/019/89" --date 1989-06-19 --author "$AI" \
  --title "Iran: Over 900 executions announced in five months" \
  --url "https://www.amnesty.org/en/documents/mde13/019/1989/en")
e_mde13_3032=$(ev --kind ngo_report --amnesty-index "MDE 13/3032/2020" --date 2020-09-09 --author "$AI" \
  --title "Q&A on involvement of Iran's former prime minister in denial and distortion campaign surrounding 1988 prison massacres" \
  --url "https://www.amnesty.org/en/documents/mde13/3032/2020/en")

e_ottawa=$(ev --kind other --date 1988-12-22 --author "$AI" --held-at "$ONFILE" \
  --title "Records of the meeting of Amnesty International delegates at the Iranian embassy in Ottawa")
e_oslo=$(ev --kind other --date 1988-12-23 --author "$AI" --held-at "$ONFILE" \
  --title "Records of the meeting of Amnesty International delegates at the Iranian embassy in Oslo")
e_tokyo=$(ev --kind other --date 1989-03-03 --author "$AI" --held-at "$ONFILE" \
  --title "Records of the meeting of Amnesty International delegates at the Iranian embassy in Tokyo")
e_bbc=$(ev --kind interview_transcript --date 1988-12 --publisher "BBC World Service" --held-at "$ONFILE" \
  --title "Transcript of a BBC World Service radio interview with the Iranian chargé d'affaires in London")
e_ai_campaign=$(ev --kind other --date 1989-01-06 --author "$AI" --held-at "$ONFILE" \
  --title "Internal campaigning document sent to campaign co-ordinators (refers to a Tehran Times article)")
e_tehrantimes=$(ev --kind news_article --date "[1988-12,1989-01]" --publisher "Tehran Times" \
  --title "Tehran Times article quoting the Iranian chargé d'affaires in London on Amnesty International's reports" \
  --held-at "Not located; known from the Amnesty International document of 6 January 1989")
e_nyt_1126=$(ev --kind news_article --date 1988-11-26 --publisher "New York Times" \
  --title "Iran Says It Will Aid U.N. on Human Rights Study")
e_nyt_1201=$(ev --kind news_article --date 1988-12-01 --publisher "New York Times" \
  --title "Deal for U.N. Rights Inquiry in Iran Crumbles")
e_ettelaat=$(ev --kind news_article --date 1988-12-03 --publisher "Ettelaat" --language fa \
  --title "Mahallati interview on the recent UN resolution" \
  --original-title "مصاحبه محلاتي پيرامون قطعنامه اخير سازمان ملل")
e_voa=$(ev --kind recording --date 2022-06-17 --publisher "VOA Farsi" --language fa \
  --original-title "نسخه کامل گفتوگو با جعفر محلاتی، سفیر جمهوری اسلامی در سازمان ملل در زمان اعدامهای دهه ۶۰" \
  --title "Full interview with Jafar Mahallati, Iran's ambassador to the UN at the time of the executions of the 1980s (recorded 16 June 2022)" \
  --url "https://www.youtube.com/watch?v=R-FU-QaAcv0")
e_orf=$(ev --kind broadcast --date 1988-12-13 --publisher "Österreichischer Rundfunk (ORF)" \
  --title "ORF broadcast of Prime Minister Mir Hossein Mousavi's comments on the allegations of executions" \
  --url "https://www.aparat.com/v/RasiP" --notes "URL of a copy on Aparat ($SRC, fn 25)")
e_diary=$(ev --kind diary --date 2010 --author "Akbar Hashemi Rafsanjani" --language fa \
  --original-title "خاطرات روزانه آیتالله هاشمی رفسنجانی / سال ۱۳۶۷ / کتاب «پایان دفاع ، آغاز بازسازی»" \
  --title "Daily memoirs of Ayatollah Hashemi Rafsanjani, 1367 [1988-1989]: End of defence, beginning of reconstruction (entry of 5 February 1989)" \
  --url "https://bit.ly/3TzhMdk")
e_tehranradio=$(ev --kind broadcast --date 1989-02-13 --publisher "Tehran Radio" \
  --title "Tehran Radio interview with Speaker Ali Akbar Hashemi Rafsanjani" \
  --held-at "Reported in Amnesty International, MDE 13/019/89")
e_ft=$(ev --kind news_article --date 1988-08-17 --author "Edward Mortimer" --publisher "Financial Times" \
  --title "Iran and Iraq Turn on Domestic Opponents: How Gulf peace has failed to end the bloodshed")
e_reuters=$(ev --kind news_article --date 1988-11-28 --publisher "Reuters" \
  --title "Iranians appeal to Genscher, allege political executions")
e_ep=$(ev --kind other --date 1988-12-15 --author "European Parliament" \
  --title "Joint resolution replacing Docs B 2-1127 and 1149/88")

# ---------------------------------------------------------------------------------------
say "persons"
# Posts: --attested is the date or period in which the statement shows the person in the
# post; --from/--to only where the statement itself gives the years held.

p_mahallati=$(inq person add --case "$CASE" --name "Mohammad Jafar Mahallati" \
  --given "Mohammad Jafar" --family "Mahallati" --role to_be_summoned \
  --description "Iran's Permanent Representative to the UN in New York in 1988-1989 ($SRC, sections 1-3).")
name "$p_mahallati" --name "Mohammed Jafar Mahallati" --given "Mohammed Jafar" --family "Mahallati" \
  --kind source_spelling --evidence "$e_nyt_1126" --source "New York Times, 26 November 1988 ($SRC, section 2.2)"
name "$p_mahallati" --name "Mohammed Mahallati" --given "Mohammed" --family "Mahallati" \
  --kind source_spelling --evidence "$e_nyt_1201" --source "New York Times, 1 December 1988 ($SRC, section 2.2)"
name "$p_mahallati" --name "محمدجعفر محلاتی" --given "محمدجعفر" --family "محلاتی" \
  --script persian --language fa --kind alias --source "Persian-script name"
name "$p_mahallati" --name "جعفر محلاتی" --given "جعفر" --family "محلاتی" --script persian --language fa \
  --kind source_spelling --evidence "$e_voa" --source "VOA Farsi video title, 17 June 2022 ($SRC, fn 48)"
name "$p_mahallati" --name "محلاتي" --family "محلاتي" --script persian --language fa \
  --kind source_spelling --evidence "$e_ettelaat" --source "Ettelaat headline, 3 December 1988, with Arabic yeh ($SRC, fn 35)"
name "$p_mahallati" --name "جعفر محللاتی" --given "جعفر" --family "محللاتی" --script persian --language fa \
  --kind source_spelling --source "VOA Farsi title as reproduced in $SRC, fn 49-51 (misspelt)"
po_mahallati=$(inq person position add "$p_mahallati" --title "Permanent Representative to the United Nations" \
  --body "Permanent Mission of the Islamic Republic of Iran to the United Nations" --place "New York" \
  --attested "1988-11-20/1989-02-28" --evidence "$e_ecn4_1989_26" \
  --source "Meetings of 20 and 29 November 1988 (E/CN.4/1989/26, paras 6-7) to the letter of 28 February 1989 (A/44/153)")

p_nasseri=$(inq person add --case "$CASE" --name "Sirous Nasseri" \
  --given "Sirous" --family "Nasseri" --role to_be_summoned \
  --description "Iran's Permanent Representative to the UN in Geneva ($SRC, section 1 and annex).")
name "$p_nasseri" --name "Cyrus Nasseri" --given "Cyrus" --family "Nasseri" --kind transliteration \
  --source "Common English spelling"
name "$p_nasseri" --name "سیروس ناصری" --given "سیروس" --family "ناصری" \
  --script persian --language fa --kind alias --source "Persian-script name"
po_nasseri=$(inq person position add "$p_nasseri" --title "Permanent Representative to the United Nations Office at Geneva" \
  --body "Permanent Mission of the Islamic Republic of Iran to the United Nations" --place "Geneva" \
  --attested "1988-09-28/1989-03-06" --evidence "$e_a43705" \
  --source "Letter to him of 28 September 1988 (A/43/705, para. 10) to his statement of 6 March 1989 (A/44/620, para. 59)")

p_mousavi_ma=$(inq person add --case "$CASE" --name "Mohammad Ali Mousavi" \
  --given "Mohammad Ali" --family "Mousavi" --role to_be_summoned \
  --description "Chargé d'affaires of Iran in Ottawa in December 1988 ($SRC, section 1, fn 9).")
name "$p_mousavi_ma" --name "محمدعلی موسوی" --given "محمدعلی" --family "موسوی" \
  --script persian --language fa --kind alias --source "Persian-script name"
po_mousavi_ma=$(inq person position add "$p_mousavi_ma" --title "Chargé d'affaires" --body "Embassy of the Islamic Republic of Iran" --place "Ottawa" \
  --attested 1988-12-22 --evidence "$e_ottawa" --source "Meeting with Amnesty International delegates ($SRC, fn 9)")

p_akhoundzadeh=$(inq person add --case "$CASE" --name "Mohammad Mehdi Akhoundzadeh Basti" \
  --given "Mohammad Mehdi" --family "Akhoundzadeh Basti" --role to_be_summoned \
  --description "Chargé d'affaires of Iran in London in December 1988 ($SRC, section 1, fn 11-13).")
name "$p_akhoundzadeh" --name "Mohammad Mehdi Akhondzadeh Basti" --given "Mohammad Mehdi" --family "Akhondzadeh Basti" \
  --kind source_spelling --source "$SRC, section 1 (BBC World Service interview; Tehran Times article); the introduction spells it Akhoundzadeh"
po_akhoundzadeh=$(inq person position add "$p_akhoundzadeh" --title "Chargé d'affaires" --body "Embassy of the Islamic Republic of Iran" --place "London" \
  --attested 1988-12 --evidence "$e_bbc" --source "BBC World Service interview, December 1988 ($SRC, fn 11-12)")

p_raeisia=$(inq person add --case "$CASE" --name "Raeisia" --family "Raeisia" --role to_be_summoned \
  --description "First secretary of the Iranian embassy in Tokyo; first name not recorded ($SRC, introduction and fn 14).")
name "$p_raeisia" --name "Raessinia" --family "Raessinia" --kind source_spelling --evidence "$e_tokyo" \
  --source "$SRC, section 1 (meeting of 3 March 1989); the introduction spells it Raeisia"
po_raeisia=$(inq person position add "$p_raeisia" --title "First Secretary" --body "Embassy of the Islamic Republic of Iran" --place "Tokyo" \
  --attested 1989-03-03 --evidence "$e_tokyo" --source "Meeting with Amnesty International delegates ($SRC, fn 14)")

p_oslo=$(inq person add --case "$CASE" --name "Chargé d'affaires of Iran in Oslo (name not recorded)" --name-unknown \
  --role to_be_summoned \
  --description "Met Amnesty International delegates in Oslo on 23 December 1988; the name is not recorded ($SRC, fn 10).")
po_oslo=$(inq person position add "$p_oslo" --title "Chargé d'affaires" --body "Embassy of the Islamic Republic of Iran" --place "Oslo" \
  --attested 1988-12-23 --evidence "$e_oslo" --source "$SRC, fn 10")

p_nouri=$(inq person add --case "$CASE" --name "Abdollah Nouri" --given "Abdollah" --family "Nouri" \
  --role to_be_summoned --role official \
  --description "Minister of Interior; met the UN Special Representative in Tehran on 24 January 1990 ($SRC, section 1, fn 26).")
name "$p_nouri" --name "Abdollah Noori" --given "Abdollah" --family "Noori" --kind source_spelling \
  --source "$SRC, section 1 (the introduction spells it Nouri)"
name "$p_nouri" --name "عبدالله نوری" --given "عبدالله" --family "نوری" \
  --script persian --language fa --kind alias --source "Persian-script name"
po_nouri=$(inq person position add "$p_nouri" --title "Minister of Interior" --body "Government of the Islamic Republic of Iran" --place "Tehran" \
  --attested 1990-01-24 --evidence "$e_ecn4_1990_24" --source "E/CN.4/1990/24, para. 119 ($SRC, fn 26)")

p_velayati=$(inq person add --case "$CASE" --name "Ali Akbar Velayati" --given "Ali Akbar" --family "Velayati" \
  --role to_be_summoned --role official \
  --description "Minister of Foreign Affairs; addressee of appeals in December 1988; met Roland Dumas on 5 February 1989 ($SRC).")
name "$p_velayati" --name "علی‌اکبر ولایتی" --given "علی‌اکبر" --family "ولایتی" \
  --script persian --language fa --kind alias --source "Persian-script name"
post "$p_velayati" --title "Minister of Foreign Affairs" --body "Government of the Islamic Republic of Iran" --place "Tehran" \
  --attested "1988-12/1989-02-05" --evidence "$e_diary" --source "$SRC, annex (December 1988 appeals) and section 1 (5 February 1989)"

p_lavasani=$(inq person add --case "$CASE" --name "Mohammad Hossein Lavasani" \
  --given "Mohammad Hossein" --family "Lavasani" --role to_be_summoned \
  --description "Deputy minister of foreign affairs; letter to the UN Special Representative of 26 June 1989 ($SRC, fn 18-19).")
po_lavasani=$(inq person position add "$p_lavasani" --title "Deputy Minister of Foreign Affairs" --body "Ministry of Foreign Affairs" --place "Tehran" \
  --attested 1989-06-26 --evidence "$e_a44620" --source "A/44/620, p. 6 ($SRC, fn 18)")

p_mottaki=$(inq person add --case "$CASE" --name "Manouchehr Mottaki" --given "Manouchehr" --family "Mottaki" \
  --role to_be_summoned \
  --description "Deputy minister of foreign affairs; handed the UN Special Representative a list on 15 October 1990 ($SRC, fn 20-21).")
name "$p_mottaki" --name "منوچهر متکی" --given "منوچهر" --family "متکی" \
  --script persian --language fa --kind alias --source "Persian-script name"
po_mottaki=$(inq person position add "$p_mottaki" --title "Deputy Minister of Foreign Affairs" --body "Ministry of Foreign Affairs" --place "Tehran" \
  --attested 1990-10-15 --evidence "$e_a45697" --source "A/45/697, para. 220 ($SRC, fn 20)")

p_rafsanjani=$(inq person add --case "$CASE" --name "Ali Akbar Hashemi Rafsanjani" \
  --given "Ali Akbar" --family "Hashemi Rafsanjani" --role official \
  --description "Speaker of Parliament in 1988-1989; addressee of appeals; public denials ($SRC, section 1).")
name "$p_rafsanjani" --name "Akbar Hashemi Rafsanjani" --given "Akbar" --family "Hashemi Rafsanjani" \
  --kind source_spelling --source "$SRC, annex (December 1988 appeals)"
name "$p_rafsanjani" --name "اکبر هاشمی رفسنجانی" --given "اکبر" --family "هاشمی رفسنجانی" \
  --script persian --language fa --kind alias --source "Persian-script name"
po_rafsanjani=$(inq person position add "$p_rafsanjani" --title "Speaker of Parliament" --body "Islamic Consultative Assembly" --place "Tehran" \
  --attested "1988-11/1989-02-13" --evidence "$e_tehranradio" --source "$SRC, annex (November 1988 appeals) and section 1 (13 February 1989)")

p_mirhossein=$(inq person add --case "$CASE" --name "Mir Hossein Mousavi" --given "Mir Hossein" --family "Mousavi" \
  --role official --description "Prime Minister; comments broadcast by ORF on 13 December 1988 ($SRC, section 1, fn 25).")
name "$p_mirhossein" --name "میرحسین موسوی" --given "میرحسین" --family "موسوی" --script persian --language fa \
  --kind source_spelling --evidence "$e_orf" --source "Aparat video title ($SRC, fn 25)"
po_mirhossein=$(inq person position add "$p_mirhossein" --title "Prime Minister" --body "Government of the Islamic Republic of Iran" --place "Tehran" \
  --attested 1988-12-13 --evidence "$e_orf" --source "$SRC, section 1")

p_khamenei=$(inq person add --case "$CASE" --name "Ali Khamenei" --given "Ali" --family "Khamenei" \
  --role official --description "President in 1988; addressee of Amnesty International appeals, November-December 1988 ($SRC, annex).")
name "$p_khamenei" --name "Sayed Ali Khamanei" --given "Sayed Ali" --family "Khamanei" --kind source_spelling \
  --source "$SRC, annex (November and December 1988)"
name "$p_khamenei" --name "سید علی خامنه‌ای" --given "سید علی" --family "خامنه‌ای" \
  --script persian --language fa --kind alias --source "Persian-script name"
post "$p_khamenei" --title "President" --body "Islamic Republic of Iran" --place "Tehran" \
  --attested "1988-11/1988-12" --source "$SRC, annex (November and December 1988 appeals)"

p_ardebili=$(inq person add --case "$CASE" --name "Abdulkarim Mousavi Ardebili" \
  --given "Abdulkarim" --family "Mousavi Ardebili" --role official \
  --description "Head of the Supreme Court and member of the Supreme Judicial Council; addressee of Amnesty International appeals from 16 August 1988 ($SRC, annex).")
post "$p_ardebili" --title "Head of the Supreme Court" --body "Supreme Court of Iran" --place "Tehran" \
  --attested "1988-08-16/1988-12" --evidence "$e_mde13_013" --source "$SRC, annex"

p_habibi=$(inq person add --case "$CASE" --name "Hassan Ebrahim Habibi" \
  --given "Hassan Ebrahim" --family "Habibi" --role official \
  --description "Minister of Justice; addressee of Amnesty International appeals from 16 August 1988 ($SRC, annex).")
post "$p_habibi" --title "Minister of Justice" --body "Government of the Islamic Republic of Iran" --place "Tehran" \
  --attested "1988-08-16/1988-12" --evidence "$e_mde13_013" --source "$SRC, annex"

p_raisi=$(inq person add --case "$CASE" --name "Ebrahim Raisi" --given "Ebrahim" --family "Raisi" \
  --role official --role alleged_perpetrator \
  --description "Member of the Tehran \"death commission\" in 1988 ($SRC, section 4.1).")
name "$p_raisi" --name "ابراهیم رئیسی" --given "ابراهیم" --family "رئیسی" \
  --script persian --language fa --kind alias --source "Persian-script name"
post "$p_raisi" --title "Deputy Prosecutor General of Tehran" --place "Tehran" --attested 1988 --source "$SRC, section 4.1"
post "$p_raisi" --title "Member of the Tehran \"death commission\"" --place "Tehran" --attested 1988 --source "$SRC, section 4.1"
post "$p_raisi" --title "Prosecutor General of Tehran" --place "Tehran" --from 1989 --to 1994 --source "$SRC, section 4.1"
post "$p_raisi" --title "First Deputy Head of the Judiciary" --body "Judiciary of the Islamic Republic of Iran" \
  --from 2004 --to 2014 --source "$SRC, section 4.1"
post "$p_raisi" --title "Prosecutor General" --body "Judiciary of the Islamic Republic of Iran" \
  --from 2014 --to 2016 --source "$SRC, section 4.1"
post "$p_raisi" --title "Head of the Judiciary" --body "Judiciary of the Islamic Republic of Iran" \
  --from 2019 --to 2021 --source "$SRC, section 4.1"
post "$p_raisi" --title "President" --body "Islamic Republic of Iran" --place "Tehran" --from 2021-06 \
  --source "$SRC, section 4.1 (\"current president\" as of 6 February 2023)"

p_nayyeri=$(inq person add --case "$CASE" --name "Hossein Ali Nayyeri" --given "Hossein Ali" --family "Nayyeri" \
  --role official --role alleged_perpetrator \
  --description "Shari'a judge of the Tehran \"death commission\" ($SRC, section 4.1).")
post "$p_nayyeri" --title "Shari'a judge, Tehran \"death commission\"" --place "Tehran" --attested 1988 --source "$SRC, section 4.1"
post "$p_nayyeri" --title "Deputy Head of the Supreme Court" --body "Supreme Court of Iran" \
  --from 1989 --to 2013-09 --source "$SRC, section 4.1"
post "$p_nayyeri" --title "Head of the Supreme Disciplinary Court for Judges" --attested 2023-02-06 \
  --source "$SRC, section 4.1 (appointed after September 2013; start date not given)"

p_pourmohammadi=$(inq person add --case "$CASE" --name "Mostafa Pour Mohammadi" \
  --given "Mostafa" --family "Pour Mohammadi" --role official --role alleged_perpetrator \
  --description "Ministry of Intelligence representative on the Tehran \"death commission\" ($SRC, section 4.1).")
post "$p_pourmohammadi" --title "Representative of the Ministry of Intelligence, Tehran \"death commission\"" \
  --place "Tehran" --attested 1988 --source "$SRC, section 4.1"
post "$p_pourmohammadi" --title "Minister of Justice" --body "Government of the Islamic Republic of Iran" \
  --from 2013 --to 2017 --source "$SRC, section 4.1"
post "$p_pourmohammadi" --title "Senior advisor to the head of the judiciary" --attested 2023-02-06 --source "$SRC, section 4.1"

p_avaei=$(inq person add --case "$CASE" --name "Alireza Avaei" --given "Alireza" --family "Avaei" \
  --role official --role alleged_perpetrator \
  --description "Member of the Dezful \"death commission\" as prosecutor general of Dezful ($SRC, section 4.1).")
post "$p_avaei" --title "Prosecutor General of Dezful" --place "Dezful" --attested 1988 --source "$SRC, section 4.1"
post "$p_avaei" --title "Minister of Justice" --body "Government of the Islamic Republic of Iran" \
  --from 2017 --to 2021 --source "$SRC, section 4.1"

p_ahmadi=$(inq person add --case "$CASE" --name "Mohammad Hossein Ahmadi" --given "Mohammad Hossein" --family "Ahmadi" \
  --role official --role alleged_perpetrator \
  --description "Shari'a judge of Khuzestan province and member of the Khuzestan \"death commission\" in 1988 ($SRC, section 4.1).")
post "$p_ahmadi" --title "Shari'a judge of Khuzestan province" --place "Khuzestan" --attested 1988 --source "$SRC, section 4.1"
post "$p_ahmadi" --title "Member of the Assembly of Experts" --attested 2023-02-06 --source "$SRC, section 4.1"

p_galindo=$(inq person add --case "$CASE" --name "Reynaldo Galindo Pohl" \
  --given "Reynaldo" --family "Galindo Pohl" --role source \
  --description "UN Special Representative on the situation of human rights in Iran; author of A/43/705, E/CN.4/1989/26 and later reports.")
name "$p_galindo" --name "Mr Galindo Pohl" --family "Galindo Pohl" --kind source_spelling --evidence "$e_voa" \
  --source "$SRC, section 3 (Mahallati, VOA Farsi, minute 5:10)"
post "$p_galindo" --title "Special Representative on the situation of human rights in the Islamic Republic of Iran" \
  --body "UN Commission on Human Rights" --attested "1988-09-28/1990-11-06" --evidence "$e_a43705" \
  --source "From his letter of 28 September 1988 (A/43/705) to his report A/45/697"

p_dumas=$(inq person add --case "$CASE" --name "Roland Dumas" --given "Roland" --family "Dumas" --role other \
  --description "French minister of foreign affairs; met Hashemi Rafsanjani and Velayati on 5 February 1989 ($SRC, fn 23).")
post "$p_dumas" --title "Minister of Foreign Affairs" --body "Government of France" \
  --attested 1989-02-05 --evidence "$e_diary" --source "$SRC, section 1"

p_alinejad=$(inq person add --case "$CASE" --name "Masih Alinejad" --given "Masih" --family "Alinejad" \
  --role source --description "Journalist; interviewed Mohammad Jafar Mahallati on 16 June 2022 ($SRC, section 3).")

p_witness=$(inq person add --case "$CASE" --name "Witness R-1" --role relative --role witness --protected \
  --description "FICTITIOUS demo witness (pseudonym): sibling of a political prisoner; not a real person.")
# ---------------------------------------------------------------------------------------
say "events"
event() { inq event add --case "$CASE" "$@"; }

ev_killings=$(event --kind execution --date 1988-07/1988-09 --place "Prisons throughout Iran" \
  --title "Enforced disappearance and secret extrajudicial execution of thousands of political prisoners")
ev_ua219=$(event --kind report_issued --date 1988-08-16 --place "London" \
  --title "Amnesty International issues its first Urgent Action (UA 219/88) on political executions")
ev_cable_aug=$(event --kind letter --date "[1988-08-24,1988-08-26]" \
  --title "Cables from the UN Special Rapporteur on Summary or Arbitrary Executions to Iran's minister of foreign affairs" \
  --description "The UN documents disagree on the day (24 or 26 August 1988); see the stated dates on the links.")
ev_cable_sep=$(event --kind letter --date 1988-09-14 \
  --title "Further cables from the UN Special Rapporteur on Summary or Arbitrary Executions to Iran's minister of foreign affairs")
ev_letter_nasseri=$(event --kind letter --date 1988-09-28 --place "Geneva" \
  --title "UN Special Representative writes to Iran's Permanent Representative in Geneva about a wave of executions")
ev_interim=$(event --kind report_issued --date 1988-10-13 --place "New York" \
  --title "UN Special Representative issues interim report A/43/705")
ev_meet_1120=$(event --kind meeting --date 1988-11-20 --place "New York" \
  --title "First meeting of the UN Special Representative with Iran's Permanent Representative in New York")
ev_third=$(event --kind meeting --date 1988-11-26 --place "New York" \
  --title "Iran's Permanent Representative addresses the Third Committee of the UN General Assembly")
ev_meet_1129=$(event --kind meeting --date 1988-11-29 --place "New York" \
  --title "Second meeting of the UN Special Representative with Iran's Permanent Representative; NLA videotape shown")
ev_resolution=$(event --kind resolution --date 1988-12-08 --place "New York" \
  --title "UN General Assembly adopts resolution 43/137 on the situation of human rights in Iran")
ev_ai_briefing=$(event --kind report_issued --date 1988-12-13 --place "London" \
  --title "Amnesty International briefing and press release: evidence of mass executions \"indisputable\"")
ev_orf=$(event --kind broadcast --date 1988-12-13 --place "Vienna" \
  --title "ORF broadcasts Prime Minister Mir Hossein Mousavi's comments on the executions")
ev_ep=$(event --kind resolution --date 1988-12-15 --place "Strasbourg" \
  --title "European Parliament resolution on executions in Iran")
ev_ottawa=$(event --kind meeting --date 1988-12-22 --place "Embassy of Iran, Ottawa" \
  --title "Amnesty International delegates meet the Iranian chargé d'affaires in Ottawa")
ev_oslo=$(event --kind meeting --date 1988-12-23 --place "Embassy of Iran, Oslo" \
  --title "Amnesty International delegates meet the Iranian chargé d'affaires in Oslo")
ev_bbc=$(event --kind interview --date 1988-12 --place "London" \
  --title "BBC World Service interviews the Iranian chargé d'affaires in London")
ev_tehrantimes=$(event --kind article --date "[1988-12,1989-01]" --place "Tehran" \
  --title "Tehran Times publishes the London chargé d'affaires' rejection of Amnesty International's reports")
ev_sr_report=$(event --kind report_issued --date 1989-01-26 --place "Geneva" \
  --title "UN Special Representative issues report E/CN.4/1989/26 with a list of more than 1,000 names")
ev_dumas=$(event --kind meeting --date 1989-02-05 \
  --title "Hashemi Rafsanjani and Velayati meet French foreign minister Roland Dumas")
ev_radio=$(event --kind interview --date 1989-02-13 --place "Tehran" \
  --title "Tehran Radio broadcasts an interview with Speaker Hashemi Rafsanjani")
ev_letter_ai=$(event --kind letter --date 1989-02-28 --place "New York" \
  --title "Iran's Permanent Mission in New York writes to Amnesty International and circulates the letter as A/44/153")
ev_tokyo=$(event --kind meeting --date 1989-03-03 --place "Embassy of Iran, Tokyo" \
  --title "Amnesty International delegates meet the Iranian first secretary in Tokyo")
ev_chr45=$(event --kind meeting --date 1989-03-06 --place "Geneva" \
  --title "45th session of the UN Commission on Human Rights: Iran's Permanent Representative disputes the list of victims")
ev_lavasani=$(event --kind letter --date 1989-06-26 \
  --title "Deputy foreign minister Lavasani writes to the UN Special Representative")
ev_nouri=$(event --kind meeting --date 1990-01-24 --place "Tehran" \
  --title "Interior minister Abdollah Nouri meets the UN Special Representative")
ev_mottaki=$(event --kind meeting --date 1990-10-15 \
  --title "Deputy foreign minister Mottaki hands the UN Special Representative a list on 3,620 alleged executions")
ev_voa=$(event --kind interview --date 2022-06-16 \
  --title "Masih Alinejad interviews Mohammad Jafar Mahallati for VOA Farsi")
ev_statement=$(event --kind report_issued --date 2023-02-06 --place "London" \
  --title "Amnesty International public statement MDE 13/6418/2023 on the diplomats' role in the cover-up")

body_took_part "$ev_ua219" "Amnesty International" author
took_part "$ev_ua219" "$p_ardebili" addressee
took_part "$ev_ua219" "$p_habibi" addressee
took_part "$ev_cable_aug" "$p_velayati" addressee
took_part "$ev_cable_sep" "$p_velayati" addressee
took_part "$ev_letter_nasseri" "$p_galindo" sender
took_part "$ev_letter_nasseri" "$p_nasseri" addressee
took_part "$ev_interim" "$p_galindo" author
took_part "$ev_meet_1120" "$p_galindo" attendee
took_part "$ev_meet_1120" "$p_mahallati" attendee
took_part "$ev_third" "$p_mahallati" speaker
took_part "$ev_meet_1129" "$p_galindo" attendee
took_part "$ev_meet_1129" "$p_mahallati" attendee
took_part "$ev_resolution" "$p_mahallati" other "Sought to have the draft dropped or watered down (New York Times, 26 November and 1 December 1988)"
took_part "$ev_orf" "$p_mirhossein" speaker
took_part "$ev_ottawa" "$p_mousavi_ma" attendee
body_took_part "$ev_ottawa" "Amnesty International delegates" attendee
took_part "$ev_oslo" "$p_oslo" attendee
body_took_part "$ev_oslo" "Amnesty International delegates" attendee
took_part "$ev_bbc" "$p_akhoundzadeh" interviewee
took_part "$ev_tehrantimes" "$p_akhoundzadeh" speaker
took_part "$ev_sr_report" "$p_galindo" author
took_part "$ev_dumas" "$p_rafsanjani" attendee
took_part "$ev_dumas" "$p_velayati" attendee
took_part "$ev_dumas" "$p_dumas" attendee
took_part "$ev_radio" "$p_rafsanjani" interviewee
took_part "$ev_letter_ai" "$p_mahallati" sender
body_took_part "$ev_letter_ai" "Amnesty International" addressee
body_took_part "$ev_letter_ai" "UN Secretary-General" recipient
took_part "$ev_tokyo" "$p_raeisia" attendee
body_took_part "$ev_tokyo" "Amnesty International delegates" attendee
took_part "$ev_chr45" "$p_nasseri" speaker
took_part "$ev_lavasani" "$p_lavasani" sender
took_part "$ev_lavasani" "$p_galindo" addressee
took_part "$ev_nouri" "$p_nouri" attendee
took_part "$ev_nouri" "$p_galindo" attendee
took_part "$ev_mottaki" "$p_mottaki" attendee
took_part "$ev_mottaki" "$p_galindo" attendee
took_part "$ev_voa" "$p_mahallati" interviewee
took_part "$ev_voa" "$p_alinejad" interviewer
body_took_part "$ev_resolution" "UN General Assembly" organiser
body_took_part "$ev_ep" "European Parliament" author

# ---------------------------------------------------------------------------------------
say "statements"
st() { inq statement add "$@"; }
AI_TR="English translation from Persian as quoted by Amnesty International ($SRC)"

s_mah_1126=$(st --person "$p_mahallati" --position "$po_mahallati" --event "$ev_third" --date 1988-11-26 \
  --medium speech --classification other --venue "Third Committee of the UN General Assembly, New York" \
  --language en --quotation "the committee has to choose between a confrontation or a cooperative approach" \
  --notes "As reported by the New York Times, 26 November 1988")
s_mah_1129=$(st --person "$p_mahallati" --position "$po_mahallati" --event "$ev_meet_1129" --date 1988-11-29 \
  --medium meeting --classification misinformation --venue "Meeting with the UN Special Representative, New York" \
  --audience "UN Special Representative" --wording paraphrase --language en \
  --quotation "many killings ... had in fact occurred on the battlefield, in the context of the war" \
  --notes "Reported speech in E/CN.4/1989/26, para. 7")
s_mah_1203=$(st --person "$p_mahallati" --position "$po_mahallati" --date 1988-12-03 \
  --medium press --classification denial --venue "Ettelaat" \
  --language en --quotation "game doomed to failure" --notes "$AI_TR; Ettelaat, 3 December 1988, p. 14")
s_mah_0228=$(st --person "$p_mahallati" --position "$po_mahallati" --event "$ev_letter_ai" --date 1989-02-28 \
  --medium letter --classification denial --venue "Letter of the Permanent Mission of Iran to Amnesty International (A/44/153)" \
  --audience "Amnesty International; UN Secretary-General" --language en \
  --quotation "... Amnesty International refrain from preparing any report on the basis of false claims and fake evidence given by terrorist groups.")
s_mah_2022a=$(st --person "$p_mahallati" --event "$ev_voa" --date 2022-06-16 \
  --medium interview --classification other --venue "VOA Farsi" --audience "Masih Alinejad" \
  --language en --quotation "I absolutely had no information." --notes "$AI_TR; minute 2:46")
s_mah_2022b=$(st --person "$p_mahallati" --event "$ev_voa" --date 2022-06-16 \
  --medium interview --classification acknowledgement --venue "VOA Farsi" --audience "Masih Alinejad" \
  --language en --quotation "Ambassadors have specific instructions." --notes "$AI_TR; minute 2:33")
s_mah_2022c=$(st --person "$p_mahallati" --event "$ev_voa" --date 2022-06-16 \
  --medium interview --classification acknowledgement --venue "VOA Farsi" --audience "Masih Alinejad" \
  --language en --quotation "I immediately talked to the Government of Iran [suggesting] that the Representative of [the Commission of] Human Rights goes to Iran." \
  --notes "$AI_TR; minute 5:10")
s_mousavi=$(st --person "$p_mousavi_ma" --position "$po_mousavi_ma" --event "$ev_ottawa" --date 1988-12-22 \
  --medium meeting --classification misinformation --venue "Embassy of Iran, Ottawa" \
  --audience "Amnesty International delegates" --language en \
  --quotation "the only executions which have taken place occurred as self-defensive killings in the context of battle during the July invasion by the PMOI")
s_oslo=$(st --person "$p_oslo" --position "$po_oslo" --event "$ev_oslo" --date 1988-12-23 \
  --medium meeting --classification denial --classification misinformation --venue "Embassy of Iran, Oslo" \
  --audience "Amnesty International delegates" --language en --quotation "tens of thousands of terrorists" \
  --notes "Denied that any massacres had occurred in Iran since the 1979 revolution")
s_akh_bbc=$(st --person "$p_akhoundzadeh" --position "$po_akhoundzadeh" --event "$ev_bbc" --date 1988-12 \
  --medium interview --classification denial --venue "BBC World Service (radio)" --language en \
  --quotation "These allegations were made purely to damage the sincere and serious efforts by Iran to establish peace and tranquility in the area.")
s_akh_bbc2=$(st --person "$p_akhoundzadeh" --position "$po_akhoundzadeh" --event "$ev_bbc" --date 1988-12 \
  --medium interview --classification misinformation --venue "BBC World Service (radio)" --language en \
  --quotation "These people were given a fair trial... and brought to justice.")
s_akh_tt=$(st --person "$p_akhoundzadeh" --position "$po_akhoundzadeh" --event "$ev_tehrantimes" --date "[1988-12,1989-01]" \
  --medium press --classification denial --venue "Tehran Times" --language en --quotation "wild accusations" \
  --notes "Known only from an Amnesty International document of 6 January 1989")
s_raeisia=$(st --person "$p_raeisia" --position "$po_raeisia" --event "$ev_tokyo" --date 1989-03-03 \
  --medium meeting --classification denial --venue "Embassy of Iran, Tokyo" \
  --audience "Amnesty International delegates" --language en \
  --quotation "there are always mistakes in information provided by Western countries")
s_nasseri=$(st --person "$p_nasseri" --position "$po_nasseri" --event "$ev_chr45" --date 1989-03-06 \
  --medium speech --classification misinformation --venue "45th session of the UN Commission on Human Rights, Geneva" \
  --wording paraphrase --language en \
  --quotation "That fact indicated that those individuals had not been executed but had died in battle during the invasion of Iranian territory in July 1988." \
  --notes "Reported speech in A/44/620, para. 59")
s_lavasani=$(st --person "$p_lavasani" --position "$po_lavasani" --event "$ev_lavasani" --date 1989-06-26 \
  --medium letter --classification denial --venue "Letter to the UN Special Representative" \
  --audience "UN Special Representative" --language en \
  --quotation "the Islamic Republic of Iran cannot, and will not, hold itself committed to answering allegations originated from certain terrorist groups and war-time traitors")
s_nouri=$(st --person "$p_nouri" --position "$po_nouri" --event "$ev_nouri" --date 1990-01-24 \
  --medium meeting --classification denial --classification misinformation --venue "Tehran" \
  --audience "UN Special Representative" --wording paraphrase --language en \
  --quotation "In order to conceal the defeat of the invaders, a campaign had been organized abroad alleging that invaders captured on the battlefield had been executed en masse, together with imprisoned members of the same group." \
  --notes "Reported in E/CN.4/1990/24, para. 119")
s_mottaki=$(st --person "$p_mottaki" --position "$po_mottaki" --event "$ev_mottaki" --date 1990-10-15 \
  --medium document --classification misinformation --venue "Official reply handed to the UN Special Representative" \
  --audience "UN Special Representative" --language en \
  --quotation "the names of 2,109 persons allegedly executed cannot be recognized" \
  --notes "Wording of the official reply he handed over (A/45/697, Appendix VII)")
s_mirhossein=$(st --person "$p_mirhossein" --position "$po_mirhossein" --event "$ev_orf" --date 1988-12-13 \
  --medium broadcast --classification misinformation --venue "Österreichischer Rundfunk (ORF)" --language en \
  --quotation "In this context, we have no mercy and our system does not deprive itself of the right to defend itself and take decisive action." \
  --notes "$AI_TR")
s_rafsanjani_diary=$(st --person "$p_rafsanjani" --position "$po_rafsanjani" --event "$ev_dumas" --date 1989-02-05 \
  --medium diary --classification misinformation --venue "Meeting with Roland Dumas (diary entry, published 2010)" \
  --audience "Roland Dumas" --language en \
  --quotation "we ... stated that Monafeqin [the PMOI] had lost their people during the Mersad Operation and in order to justify their mistake, they had exaggerated the issue of executions" \
  --notes "$AI_TR")
s_rafsanjani_radio=$(st --person "$p_rafsanjani" --position "$po_rafsanjani" --event "$ev_radio" --date 1989-02-13 \
  --medium interview --classification acknowledgement --classification misinformation --venue "Tehran Radio" \
  --summary "Said some people had been executed for joining or collaborating with the PMOI incursion, and that those reported executed had been killed or captured in the fighting." \
  --notes "No quotation available; summary of the report in $SRC, section 1 (fn 22)")
s_rafsanjani_tv=$(st --person "$p_rafsanjani" --date "1988-10~/1989-03~" \
  --medium interview --classification denial --venue "French television" --audience "A French television reporter" \
  --language en --quotation "This is part of the same hostile propaganda that has been going on against us" \
  --notes "$AI_TR; exact date not known (late 1988 or early 1989)")

# ---------------------------------------------------------------------------------------
say "links"
# What each person was told, and when (notified / addressed_to).
link "$e_a43705" "$p_nasseri" notified "para. 10" "Special Representative's letter of 28 September 1988 to the Permanent Representative in Geneva"
link "$e_a43705" "$p_mahallati" notified "paras 47-48" "Allegations discussed with him in person on 20 and 29 November 1988 (E/CN.4/1989/26, paras 6-7)"
link "$e_ecn4_1989_26" "$p_mahallati" participated "paras 6-7, 11-12" "Meetings of 20 and 29 November 1988; asked for the NLA film to be added to the documents"
link "$e_mde13_031" "$p_mahallati" notified "" "His letter of 28 February 1989 requests clarification on this report (A/44/153, p. 5)"
link "$e_mde13_013" "$p_ardebili" addressed_to "UA 219/88" "Appeals to stop executions"
link "$e_mde13_013" "$p_habibi" addressed_to "UA 219/88" "Appeals to stop executions"
link "$e_mde13_013" "$p_mousavi_ma" notified "" "Copies of appeals sent to Iran's diplomatic representatives abroad (generic, $SRC annex)"
link "$e_mde13_013" "$p_akhoundzadeh" notified "" "Copies of appeals sent to Iran's diplomatic representatives abroad (generic, $SRC annex)"
link "$e_mde13_020" "$ev_killings" corroborates "" "Substantial numbers of political executions in the previous three months"
link "$e_mde13_017" "$p_ardebili" addressed_to "" "Appeals for an end to political executions"
link "$e_mde13_017" "$p_habibi" addressed_to "" "Appeals for an end to political executions"
link "$e_mde13_027" "$p_khamenei" addressed_to "" "December 1988 Urgent Actions: appeals to the President, among others ($SRC, annex)"
link "$e_mde13_027" "$p_rafsanjani" addressed_to "" "December 1988 Urgent Actions: appeals to the Speaker, among others ($SRC, annex)"
link "$e_mde13_027" "$p_velayati" addressed_to "" "December 1988 Urgent Actions: appeals to the foreign minister, among others ($SRC, annex)"
link "$e_reuters" "$ev_killings" mentions "" "Cites a UN report: some 860 bodies transferred from Evin prison to a cemetery"
link "$e_ecn4_1989_25" "$ev_cable_aug" corroborates "p. 28, para. 142" \
  "Date as attributed in $SRC fn 62; its fn 74 attributes the two dates the other way round" 1988-08-26
link "$e_a43705" "$ev_cable_aug" corroborates "para. 69" \
  "Date as attributed in $SRC fn 62; its fn 74 attributes the two dates the other way round" 1988-08-24
link "$e_ecn4_1989_25" "$ev_cable_sep" corroborates "p. 28, para. 142"
link "$e_a43705" "$ev_letter_nasseri" corroborates "para. 10"
link "$e_a43705" "$ev_interim" mentions "paras 47, 80"
link "$e_a43705" "$ev_killings" corroborates "paras 31, 47-48" "Allegations of executions in July-September 1988"
link "$e_ecn4_1989_26" "$ev_killings" corroborates "paras 15-18, 72"
inq link add "$e_ecn4_1989_26" "$ev_sr_report" --relation mentions --locator "para. 68" \
  --excerpt "the global denial of the wave of executions" --note "The report's term for the Iranian authorities' response" >/dev/null
link "$e_mde13_9421" "$ev_killings" corroborates "" "Documents the executions of late July to early September 1988"
link "$e_ft" "$ev_killings" corroborates "" "Trenches filled between 27 July and 10 August 1988, per an unnamed witness"
link "$e_mde13_013" "$ev_ua219" mentions "UA 219/88"
link "$e_ecn4_1989_26" "$ev_meet_1120" corroborates "para. 6"
link "$e_ecn4_1989_26" "$ev_meet_1129" corroborates "paras 7, 11-12"
link "$e_nyt_1126" "$ev_third" corroborates ""
inq link add "$e_ares43137" "$ev_resolution" --relation corroborates --locator "para. 5" \
  --excerpt "grave concern ... that there was a renewed wave of executions in the period July-September 1988 whereby a large number of persons died because of their political convictions" >/dev/null
link "$e_nyt_1201" "$ev_resolution" mentions "" "Sponsors refused to go as far as Iran wanted"
link "$e_mde13_031" "$ev_ai_briefing" corroborates ""
link "$e_mde13_029" "$ev_ai_briefing" corroborates ""
link "$e_orf" "$ev_orf" corroborates ""
link "$e_mde13_3032" "$ev_orf" mentions ""
link "$e_ep" "$ev_ep" corroborates ""
link "$e_ottawa" "$ev_ottawa" corroborates ""
link "$e_ottawa" "$p_mousavi_ma" participated ""
link "$e_oslo" "$ev_oslo" corroborates "" "The chargé d'affaires' name is not recorded"
link "$e_oslo" "$p_oslo" participated ""
link "$e_bbc" "$ev_bbc" corroborates ""
link "$e_bbc" "$p_akhoundzadeh" participated ""
link "$e_ai_campaign" "$ev_tehrantimes" mentions "" "Sent to campaign co-ordinators on 6 January 1989"
link "$e_tehrantimes" "$ev_tehrantimes" corroborates ""
link "$e_ecn4_1989_26" "$ev_sr_report" corroborates "paras 15-18"
link "$e_diary" "$ev_dumas" corroborates "entry of 5 February 1989"
link "$e_diary" "$p_rafsanjani" authored ""
link "$e_tehranradio" "$ev_radio" corroborates ""
link "$e_mde13_019_89" "$ev_radio" mentions ""
link "$e_a44153" "$ev_letter_ai" corroborates "pp. 1, 4-5" "Asks for circulation as a General Assembly document"
link "$e_a44153" "$p_mahallati" authored "p. 1"
link "$e_tokyo" "$ev_tokyo" corroborates "" "The first secretary's first name is not recorded"
link "$e_tokyo" "$p_raeisia" participated ""
link "$e_a44620" "$ev_chr45" corroborates "para. 59"
link "$e_a44620" "$ev_lavasani" corroborates "p. 6"
link "$e_ecn4_1990_24" "$ev_nouri" corroborates "para. 119"
link "$e_a45697" "$ev_mottaki" corroborates "para. 220; Appendix VII, p. 94"
link "$e_voa" "$ev_voa" corroborates ""
link "$e_a43705" "$p_galindo" authored ""
link "$e_ecn4_1989_26" "$p_galindo" authored ""

# Statements: where each quotation is found, and what contradicts it.
link "$e_ecn4_1989_26" "$s_mah_1129" corroborates "para. 7"
link "$e_ecn4_1989_26" "$s_mah_1129" contradicts "paras 15-18" "Many of those reported executed had been serving prison terms for years"
link "$e_nyt_1126" "$s_mah_1126" corroborates ""
link "$e_ettelaat" "$s_mah_1203" corroborates "p. 14"
link "$e_a44153" "$s_mah_0228" corroborates "p. 5"
link "$e_mde13_031" "$s_mah_0228" contradicts "" "Evidence for mass executions described as indisputable"
link "$e_voa" "$s_mah_2022a" corroborates "minute 2:46"
link "$e_ecn4_1989_26" "$s_mah_2022a" contradicts "paras 6-7" "The allegations of the interim report were discussed with him in person on 20 and 29 November 1988"
link "$e_voa" "$s_mah_2022b" corroborates "minute 2:33"
link "$e_voa" "$s_mah_2022c" corroborates "minute 5:10"
link "$e_ottawa" "$s_mousavi" corroborates ""
link "$e_oslo" "$s_oslo" corroborates ""
link "$e_bbc" "$s_akh_bbc" corroborates ""
link "$e_bbc" "$s_akh_bbc2" corroborates ""
link "$e_ai_campaign" "$s_akh_tt" corroborates "" "Secondary: the article itself has not been located"
link "$e_tokyo" "$s_raeisia" corroborates ""
link "$e_a44620" "$s_nasseri" corroborates "para. 59"
link "$e_ecn4_1989_26" "$s_nasseri" contradicts "para. 16" "\"In all probability several thousand victims\""
link "$e_a44620" "$s_lavasani" corroborates "p. 6"
link "$e_ecn4_1990_24" "$s_nouri" corroborates "para. 119"
link "$e_a45697" "$s_mottaki" corroborates "para. 220; Appendix VII, p. 94"
link "$e_orf" "$s_mirhossein" corroborates ""
link "$e_diary" "$s_rafsanjani_diary" corroborates "entry of 5 February 1989"
link "$e_tehranradio" "$s_rafsanjani_radio" corroborates ""
link "$e_mde13_019_89" "$s_rafsanjani_radio" mentions ""
link "$e_mde13_6418" "$s_rafsanjani_tv" mentions "section 1, fn 24" "Exact date of the interview not known; extract cited by state media in 2017"

# The 2023 statement names every official it discusses.
for p in "$p_mahallati" "$p_nasseri" "$p_mousavi_ma" "$p_akhoundzadeh" "$p_raeisia" "$p_nouri" \
         "$p_velayati" "$p_lavasani" "$p_mottaki"; do
  link "$e_mde13_6418" "$p" mentions "introduction; section 1"
done
link "$e_mde13_6418" "$p_oslo" mentions "section 1, fn 10"
link "$e_mde13_6418" "$p_raisi" mentions "section 4.1"
link "$e_mde13_6418" "$p_nayyeri" mentions "section 4.1"
link "$e_mde13_6418" "$p_pourmohammadi" mentions "section 4.1"
link "$e_mde13_6418" "$p_avaei" mentions "section 4.1"
link "$e_mde13_6418" "$p_ahmadi" mentions "section 4.1"

# ---------------------------------------------------------------------------------------
say "summonses and disclosure requests"
BASIS="Demo commission mandate, art. 12 (power to compel testimony) - fictitious"

PURPOSE="Testimony on the denials of the 1988 executions and the instructions behind them"
summons() { inq summons create --legal-basis "$BASIS" --purpose "$PURPOSE" "$@"; }
s_mahallati=$(summons --person "$p_mahallati" --method registered_post --appear-by 2027-01-15 --immunity none)
inq summons issue "$s_mahallati" --on 2026-09-01 >/dev/null
inq summons serve "$s_mahallati" --on 2026-09-10 --method registered_post >/dev/null
s_nasseri=$(summons --person "$p_nasseri" --method registered_post --appear-by 2027-01-22 --immunity none)
inq summons issue "$s_nasseri" --on 2026-09-01 >/dev/null
s_mousavi=$(summons --person "$p_mousavi_ma" --method diplomatic_channel --appear-by 2027-02-05 --immunity waiver_requested)
inq summons issue "$s_mousavi" --on 2026-09-15 >/dev/null
s_akhoundzadeh=$(summons --person "$p_akhoundzadeh" --method diplomatic_channel --appear-by 2027-02-05 --immunity waiver_requested)
s_raeisia=$(summons --person "$p_raeisia" --method diplomatic_channel --immunity none)
inq summons withdraw "$s_raeisia" --on 2026-09-05 --note "Identity not established: family name only, spelt two ways" >/dev/null
s_nouri=$(summons --person "$p_nouri" --method diplomatic_channel --appear-by 2027-03-01 --immunity none)
s_velayati=$(summons --person "$p_velayati" --method diplomatic_channel --appear-by 2027-03-01 --immunity none)
s_lavasani=$(summons --person "$p_lavasani" --method diplomatic_channel --appear-by 2027-03-01 --immunity none)
s_mottaki=$(summons --person "$p_mottaki" --method diplomatic_channel --appear-by 2027-03-01 --immunity waiver_requested)
link "$e_mde13_6418" "$s_mahallati" mentions "section 4.2" "Call for former diplomats to be summoned to testify"

ask() { inq disclosure request --requested-on 2026-09-01 "$@"; }
d_mah_knew=$(ask --person "$p_mahallati" --summons "$s_mahallati" --topic knew_what_when --due 2026-10-15 \
  --question "When, and from whom, did you first learn of the allegations of mass executions of July-September 1988, and what did you know of them when you met the UN Special Representative on 20 and 29 November 1988?")
d_mah_instr=$(ask --person "$p_mahallati" --summons "$s_mahallati" --topic instructions_received --due 2026-12-31 \
  --question "What instructions did you receive for the meeting of 29 November 1988 and for your interventions on the draft General Assembly resolution in November and December 1988?")
d_mah_who=$(ask --person "$p_mahallati" --summons "$s_mahallati" --topic who_instructed --due 2026-12-31 \
  --question "Who gave those instructions, and who drafted or approved the letter of 28 February 1989 to Amnesty International (A/44/153)?")
d_mah_reports=$(ask --person "$p_mahallati" --summons "$s_mahallati" --topic reports_to_capital --due 2026-12-31 \
  --question "To whom in Tehran did you transmit the interim report A/43/705 of 13 October 1988 and Amnesty International's report MDE 13/031/88 of 13 December 1988, and when?")
d_mah_resp=$(ask --person "$p_mahallati" --summons "$s_mahallati" --topic responses_received --due 2026-12-31 \
  --question "What responses did you receive from Tehran, including to your suggestion that the Special Representative visit Iran?")
ask --person "$p_nasseri" --summons "$s_nasseri" --topic reports_to_capital --due 2026-12-31 \
  --question "To whom in Tehran did you forward the Special Representative's letter of 28 September 1988, and what reply did you receive?" >/dev/null
ask --person "$p_nasseri" --summons "$s_nasseri" --topic knew_what_when --due 2026-12-31 \
  --question "What was the basis for your statement of 6 March 1989 that 140 names on the Special Representative's list were false?" >/dev/null
ask --person "$p_mousavi_ma" --summons "$s_mousavi" --topic instructions_received --due 2027-01-15 \
  --question "What instructions or talking points did you receive before meeting Amnesty International delegates in Ottawa on 22 December 1988?" >/dev/null
ask --person "$p_akhoundzadeh" --summons "$s_akhoundzadeh" --topic who_instructed --due 2027-01-15 \
  --question "Who instructed you on the replies you gave the BBC World Service in December 1988 and the Tehran Times article attributed to you?" >/dev/null
ask --person "$p_lavasani" --summons "$s_lavasani" --topic who_instructed --due 2027-02-01 \
  --question "Who drafted and approved your letter of 26 June 1989 to the UN Special Representative?" >/dev/null
ask --person "$p_mottaki" --summons "$s_mottaki" --topic knew_what_when --due 2027-02-01 \
  --question "Which authorities compiled the list of 3,620 names handed to the Special Representative on 15 October 1990, and from what records?" >/dev/null
ask --person "$p_velayati" --summons "$s_velayati" --topic instructions_received --due 2027-02-01 \
  --question "What instructions did the Ministry of Foreign Affairs send to Iran's missions abroad from August 1988 onwards about reports of executions?" >/dev/null
ask --person "$p_nouri" --summons "$s_nouri" --topic knew_what_when --due 2027-02-01 \
  --question "What information did you hold about executions of political prisoners in 1988 when you met the Special Representative on 24 January 1990?" >/dev/null
for d in "$d_mah_knew" "$d_mah_instr" "$d_mah_who" "$d_mah_reports" "$d_mah_resp"; do
  link "$e_mde13_6418" "$d" mentions "section 3" "Questions the statement says he should answer"
done
link "$e_voa" "$d_mah_knew" mentions "minute 2:46" "His public account: no information at the time"
link "$e_voa" "$d_mah_resp" mentions "minute 5:10" "His public account: he talked to the Government of Iran"

# ---------------------------------------------------------------------------------------
say "testimony"
t_witness=$(inq testimony schedule --deponent "$p_witness" \
  --interviewer "Investigator A (demo)" --interviewer "Investigator B (demo)" \
  --interpreter "Interpreter C (demo)" --language fa --language en \
  --place "Commission office, Berlin (demo)" --mode in_person --at "2026-10-14T10:00:00+02:00" \
  --protection pseudonym --protection "closed session" \
  --notes "FICTITIOUS session for the demo")
inq testimony consent "$t_witness" --given-at "2026-10-14T09:45:00+02:00" \
  --scope "Recording and transcript for the commission's record; pseudonym only; no publication of identifying details" >/dev/null
inq testimony held "$t_witness" --started "2026-10-14T10:05:00+02:00" --ended "2026-10-14T10:40:00+02:00" >/dev/null
inq testimony transcript add "$t_witness" --file "$transcript" --language en >/dev/null
segment() { # segment SESSION ORDINAL -> TS-n
  inq testimony transcript show "$1" --format csv | awk -F, -v o="$2" 'NR > 1 && $2 == o { print $1 }'
}
ts_visits=$(segment "$t_witness" 5)
ts_mourning=$(segment "$t_witness" 10)
ts_grave=$(segment "$t_witness" 12)

# The transcript file is also kept as evidence: SHA-256 and size at intake, then custody.
e_transcript=$(ev --kind interview_transcript --date 2026-10-14 --author "Demo commission" --language en \
  --title "Transcript of the testimony of Witness R-1 (FICTITIOUS demo)" --file "$transcript" \
  --held-at "Commission archive, sealed envelope 1 (demo)")
# (Custody steps take the current time: intake, recorded just now, comes first.)
inq evidence custody add "$e_transcript" --action sealed --by "Investigator A (demo)" \
  --location "Commission office (demo)" --note "Printed copy sealed in envelope 1" >/dev/null
inq evidence custody add "$e_transcript" --action transferred --from "Investigator A (demo)" --by "Archivist D (demo)" \
  --location "Commission archive, sealed envelope 1 (demo)" >/dev/null
inq evidence custody add "$e_transcript" --action examined --by "Archivist D (demo)" --file "$transcript" \
  --note "Hash checked against the intake hash" >/dev/null
link "$e_transcript" "$p_witness" participated "" "Deponent"
link "$e_a43705" "$ts_visits" corroborates "para. 51" "Family visits to political prisoners in Evin suspended (the report says since August 1988)"
link "$e_mde13_014" "$ts_visits" corroborates "" "Continuing ban on family visits to political prisoners in Evin"
link "$e_mde13_031" "$ts_mourning" corroborates "" "Government warnings against public mourning"
link "$e_mde13_031" "$ts_grave" corroborates "" "Burial in unmarked mass graves; fate concealed from relatives"

# A request for documents to the fictitious witness, answered during the session.
d_witness=$(inq disclosure request --person "$p_witness" --topic other --requested-on 2026-09-01 --due 2026-10-14 \
  --question "Please provide any letters your family sent to, or received from, Iranian authorities or embassies in 1988-1989.")
inq disclosure respond "$d_witness" --on 2026-10-14 --via testimony --testimony "$t_witness" --status answered \
  --text "Copy of a cousin's letter of December 1988 to the Iranian embassy in Bonn; no reply was received (fictitious)." >/dev/null

# A received list: Persian spellings of officials already in the case. The first attempt
# is refused (every possible duplicate reported by line, nothing written); the second
# links each spelling to the person found, leaving out names already recorded.
say "import: a list of Persian spellings"
echo "== Import: $here/demo/persian-spellings.csv"
if inq import persons "$here/demo/persian-spellings.csv" --case "$CASE"; then
  echo "demo-data: the import was expected to report possible duplicates" >&2; exit 1
fi
inq import persons "$here/demo/persian-spellings.csv" --case "$CASE" --on-duplicate link

# ---------------------------------------------------------------------------------------
echo
echo "== Tour: $p_mahallati, Mohammad Jafar Mahallati, with everything linked to him"
inq person show "$p_mahallati"
echo
echo "== Tour: case $CASE"
inq case show "$CASE"
