#!/usr/bin/env bash
# Loads the demo case IR-1988, then prints a short tour.
#
# The records are files in Scripts/demo/, loaded with `inquest import` (each row's `ref`
# names it for the rows that refer to it): evidence.csv, persons.csv (one row per name,
# the first row of a ref being the person), positions.csv, events.csv, links.csv and
# links-named.csv. What import cannot express is done here with the CLI: who took part in
# each event (participants.tsv), statements, summonses, disclosure requests, the testimony
# session and its transcript, custody, and the links to records made along the way.
#
# Facts only (names, posts, dates, document symbols and index numbers, short attributed
# quotations) are taken from Amnesty International's public statement of 6 February 2023,
# "Involvement of Iran's former diplomats in covering up the 1988 prison massacres"
# (Index: MDE 13/6418/2023); "fn N" in the sources refers to its footnotes.
# Everything procedural (summonses, disclosure requests, the testimony session and its
# transcript, the witness) is FICTITIOUS and only illustrates the software.
#
# Needs a migrated database (PGHOST, PGDATABASE … or INQUEST_DATABASE_URL), a role allowed
# to write, and psql (to read back the keys import gave each ref). INQ is the command
# (default: `inquest` on PATH, else this checkout's debug build); INQ_FLAGS are appended
# to every call (default: --allow-superuser, for the superuser of a throwaway cluster; set
# INQ_FLAGS= to run as an ordinary admin role):
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

command -v psql >/dev/null || { echo "demo-data: needs psql (postgresql-client) to read back imported keys" >&2; exit 1; }

CASE=IR-1988
SRC="MDE 13/6418/2023"
data="$here/demo"
transcript="$data/testimony-transcript.txt"

link() { # link EVIDENCE TARGET RELATION [LOCATOR] [NOTE]
  local args=("$1" "$2" --relation "$3")
  [ -n "${4:-}" ] && args+=(--locator "$4")
  [ -n "${5:-}" ] && args+=(--note "$5")
  inq link add "${args[@]}" >/dev/null
}

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
say "evidence, persons and their names, posts, events"
for kind in evidence persons positions events; do
  inq import "$kind" "$data/$kind.csv" --case "$CASE" >/dev/null
done

# The keys import gave each ref: P[mahallati]=P-1, E[a43705]=E-1, EV[meet_1129]=EV-9, and
# PO[mahallati] for a person's first post (the one their statements are made in).
declare -A P E EV PO
while IFS='|' read -r kind ref key; do
  case $kind in
    person) P[$ref]=$key ;; evidence) E[$ref]=$key ;; event) EV[$ref]=$key ;; position) PO[$ref]=$key ;;
  esac
done < <(psql ${INQUEST_DATABASE_URL:+"$INQUEST_DATABASE_URL"} -XAtq -F '|' -v ON_ERROR_STOP=1 -v case="$CASE" <<'SQL'
select 'person', external_ref, key from inquest.person
 where case_id = (select id from inquest."case" where reference = :'case') and external_ref is not null
union all
select 'evidence', external_ref, key from inquest.evidence
 where case_id = (select id from inquest."case" where reference = :'case') and external_ref is not null
union all
select 'event', external_ref, key from inquest.event
 where case_id = (select id from inquest."case" where reference = :'case') and external_ref is not null
union all
(select distinct on (p.id) 'position', p.external_ref, o.key
   from inquest.position o join inquest.person p on p.id = o.person_id
  where p.case_id = (select id from inquest."case" where reference = :'case') and p.external_ref is not null
  order by p.id, o.id)
SQL
)

say "who took part in each event"
while IFS=$'\t' read -r event person name role note; do
  args=("${EV[$event]}")
  if [ "$person" != - ]; then args+=("${P[$person]}"); else args+=(--name "$name"); fi
  args+=(--role "$role")
  [ "$note" != - ] && args+=(--note "$note")
  inq event participant add "${args[@]}" >/dev/null
done < <(tail -n +2 "$data/participants.tsv")

# ---------------------------------------------------------------------------------------
say "statements"
st() { inq statement add "$@"; }
AI_TR="English translation from Persian as quoted by Amnesty International ($SRC)"

s_mah_1126=$(st --person "${P[mahallati]}" --position "${PO[mahallati]}" --event "${EV[third]}" --date 1988-11-26 \
  --medium speech --classification other --venue "Third Committee of the UN General Assembly, New York" \
  --language en --quotation "the committee has to choose between a confrontation or a cooperative approach" \
  --notes "As reported by the New York Times, 26 November 1988")
s_mah_1129=$(st --person "${P[mahallati]}" --position "${PO[mahallati]}" --event "${EV[meet_1129]}" --date 1988-11-29 \
  --medium meeting --classification misinformation --venue "Meeting with the UN Special Representative, New York" \
  --audience "UN Special Representative" --wording paraphrase --language en \
  --quotation "many killings ... had in fact occurred on the battlefield, in the context of the war" \
  --notes "Reported speech in E/CN.4/1989/26, para. 7")
s_mah_1203=$(st --person "${P[mahallati]}" --position "${PO[mahallati]}" --date 1988-12-03 \
  --medium press --classification denial --venue "Ettelaat" \
  --language en --quotation "game doomed to failure" --notes "$AI_TR; Ettelaat, 3 December 1988, p. 14")
s_mah_0228=$(st --person "${P[mahallati]}" --position "${PO[mahallati]}" --event "${EV[letter_ai]}" --date 1989-02-28 \
  --medium letter --classification denial --venue "Letter of the Permanent Mission of Iran to Amnesty International (A/44/153)" \
  --audience "Amnesty International; UN Secretary-General" --language en \
  --quotation "... Amnesty International refrain from preparing any report on the basis of false claims and fake evidence given by terrorist groups.")
s_mah_2022a=$(st --person "${P[mahallati]}" --event "${EV[voa]}" --date 2022-06-16 \
  --medium interview --classification other --venue "VOA Farsi" --audience "Masih Alinejad" \
  --language en --quotation "I absolutely had no information." --notes "$AI_TR; minute 2:46")
s_mah_2022b=$(st --person "${P[mahallati]}" --event "${EV[voa]}" --date 2022-06-16 \
  --medium interview --classification acknowledgement --venue "VOA Farsi" --audience "Masih Alinejad" \
  --language en --quotation "Ambassadors have specific instructions." --notes "$AI_TR; minute 2:33")
s_mah_2022c=$(st --person "${P[mahallati]}" --event "${EV[voa]}" --date 2022-06-16 \
  --medium interview --classification acknowledgement --venue "VOA Farsi" --audience "Masih Alinejad" \
  --language en --quotation "I immediately talked to the Government of Iran [suggesting] that the Representative of [the Commission of] Human Rights goes to Iran." \
  --notes "$AI_TR; minute 5:10")
s_mousavi=$(st --person "${P[mousavi_ma]}" --position "${PO[mousavi_ma]}" --event "${EV[ottawa]}" --date 1988-12-22 \
  --medium meeting --classification misinformation --venue "Embassy of Iran, Ottawa" \
  --audience "Amnesty International delegates" --language en \
  --quotation "the only executions which have taken place occurred as self-defensive killings in the context of battle during the July invasion by the PMOI")
s_oslo=$(st --person "${P[oslo]}" --position "${PO[oslo]}" --event "${EV[oslo]}" --date 1988-12-23 \
  --medium meeting --classification denial --classification misinformation --venue "Embassy of Iran, Oslo" \
  --audience "Amnesty International delegates" --language en --quotation "tens of thousands of terrorists" \
  --notes "Denied that any massacres had occurred in Iran since the 1979 revolution")
s_akh_bbc=$(st --person "${P[akhoundzadeh]}" --position "${PO[akhoundzadeh]}" --event "${EV[bbc]}" --date 1988-12 \
  --medium interview --classification denial --venue "BBC World Service (radio)" --language en \
  --quotation "These allegations were made purely to damage the sincere and serious efforts by Iran to establish peace and tranquility in the area.")
s_akh_bbc2=$(st --person "${P[akhoundzadeh]}" --position "${PO[akhoundzadeh]}" --event "${EV[bbc]}" --date 1988-12 \
  --medium interview --classification misinformation --venue "BBC World Service (radio)" --language en \
  --quotation "These people were given a fair trial... and brought to justice.")
s_akh_tt=$(st --person "${P[akhoundzadeh]}" --position "${PO[akhoundzadeh]}" --event "${EV[tehrantimes]}" --date "[1988-12,1989-01]" \
  --medium press --classification denial --venue "Tehran Times" --language en --quotation "wild accusations" \
  --notes "Known only from an Amnesty International document of 6 January 1989")
s_raeisia=$(st --person "${P[raeisia]}" --position "${PO[raeisia]}" --event "${EV[tokyo]}" --date 1989-03-03 \
  --medium meeting --classification denial --venue "Embassy of Iran, Tokyo" \
  --audience "Amnesty International delegates" --language en \
  --quotation "there are always mistakes in information provided by Western countries")
s_nasseri=$(st --person "${P[nasseri]}" --position "${PO[nasseri]}" --event "${EV[chr45]}" --date 1989-03-06 \
  --medium speech --classification misinformation --venue "45th session of the UN Commission on Human Rights, Geneva" \
  --wording paraphrase --language en \
  --quotation "That fact indicated that those individuals had not been executed but had died in battle during the invasion of Iranian territory in July 1988." \
  --notes "Reported speech in A/44/620, para. 59")
s_lavasani=$(st --person "${P[lavasani]}" --position "${PO[lavasani]}" --event "${EV[lavasani]}" --date 1989-06-26 \
  --medium letter --classification denial --venue "Letter to the UN Special Representative" \
  --audience "UN Special Representative" --language en \
  --quotation "the Islamic Republic of Iran cannot, and will not, hold itself committed to answering allegations originated from certain terrorist groups and war-time traitors")
s_nouri=$(st --person "${P[nouri]}" --position "${PO[nouri]}" --event "${EV[nouri]}" --date 1990-01-24 \
  --medium meeting --classification denial --classification misinformation --venue "Tehran" \
  --audience "UN Special Representative" --wording paraphrase --language en \
  --quotation "In order to conceal the defeat of the invaders, a campaign had been organized abroad alleging that invaders captured on the battlefield had been executed en masse, together with imprisoned members of the same group." \
  --notes "Reported in E/CN.4/1990/24, para. 119")
s_mottaki=$(st --person "${P[mottaki]}" --position "${PO[mottaki]}" --event "${EV[mottaki]}" --date 1990-10-15 \
  --medium document --classification misinformation --venue "Official reply handed to the UN Special Representative" \
  --audience "UN Special Representative" --language en \
  --quotation "the names of 2,109 persons allegedly executed cannot be recognized" \
  --notes "Wording of the official reply he handed over (A/45/697, Appendix VII)")
s_mirhossein=$(st --person "${P[mirhossein]}" --position "${PO[mirhossein]}" --event "${EV[orf]}" --date 1988-12-13 \
  --medium broadcast --classification misinformation --venue "Österreichischer Rundfunk (ORF)" --language en \
  --quotation "In this context, we have no mercy and our system does not deprive itself of the right to defend itself and take decisive action." \
  --notes "$AI_TR")
s_rafsanjani_diary=$(st --person "${P[rafsanjani]}" --position "${PO[rafsanjani]}" --event "${EV[dumas]}" --date 1989-02-05 \
  --medium diary --classification misinformation --venue "Meeting with Roland Dumas (diary entry, published 2010)" \
  --audience "Roland Dumas" --language en \
  --quotation "we ... stated that Monafeqin [the PMOI] had lost their people during the Mersad Operation and in order to justify their mistake, they had exaggerated the issue of executions" \
  --notes "$AI_TR")
s_rafsanjani_radio=$(st --person "${P[rafsanjani]}" --position "${PO[rafsanjani]}" --event "${EV[radio]}" --date 1989-02-13 \
  --medium interview --classification acknowledgement --classification misinformation --venue "Tehran Radio" \
  --summary "Said some people had been executed for joining or collaborating with the PMOI incursion, and that those reported executed had been killed or captured in the fighting." \
  --notes "No quotation available; summary of the report in $SRC, section 1 (fn 22)")
s_rafsanjani_tv=$(st --person "${P[rafsanjani]}" --date "1988-10~/1989-03~" \
  --medium interview --classification denial --venue "French television" --audience "A French television reporter" \
  --language en --quotation "This is part of the same hostile propaganda that has been going on against us" \
  --notes "$AI_TR; exact date not known (late 1988 or early 1989)")


# ---------------------------------------------------------------------------------------
say "links"
# What each person was told, and when (notified / addressed_to); what each event rests on.
inq import links "$data/links.csv" --case "$CASE" >/dev/null

# Statements: where each quotation is found, and what contradicts it.
link "${E[ecn4_1989_26]}" "$s_mah_1129" corroborates "para. 7"
link "${E[ecn4_1989_26]}" "$s_mah_1129" contradicts "paras 15-18" "Many of those reported executed had been serving prison terms for years"
link "${E[nyt_1126]}" "$s_mah_1126" corroborates ""
link "${E[ettelaat]}" "$s_mah_1203" corroborates "p. 14"
link "${E[a44153]}" "$s_mah_0228" corroborates "p. 5"
link "${E[mde13_031]}" "$s_mah_0228" contradicts "" "Evidence for mass executions described as indisputable"
link "${E[voa]}" "$s_mah_2022a" corroborates "minute 2:46"
link "${E[ecn4_1989_26]}" "$s_mah_2022a" contradicts "paras 6-7" "The allegations of the interim report were discussed with him in person on 20 and 29 November 1988"
link "${E[voa]}" "$s_mah_2022b" corroborates "minute 2:33"
link "${E[voa]}" "$s_mah_2022c" corroborates "minute 5:10"
link "${E[ottawa]}" "$s_mousavi" corroborates ""
link "${E[oslo]}" "$s_oslo" corroborates ""
link "${E[bbc]}" "$s_akh_bbc" corroborates ""
link "${E[bbc]}" "$s_akh_bbc2" corroborates ""
link "${E[ai_campaign]}" "$s_akh_tt" corroborates "" "Secondary: the article itself has not been located"
link "${E[tokyo]}" "$s_raeisia" corroborates ""
link "${E[a44620]}" "$s_nasseri" corroborates "para. 59"
link "${E[ecn4_1989_26]}" "$s_nasseri" contradicts "para. 16" "\"In all probability several thousand victims\""
link "${E[a44620]}" "$s_lavasani" corroborates "p. 6"
link "${E[ecn4_1990_24]}" "$s_nouri" corroborates "para. 119"
link "${E[a45697]}" "$s_mottaki" corroborates "para. 220; Appendix VII, p. 94"
link "${E[orf]}" "$s_mirhossein" corroborates ""
link "${E[diary]}" "$s_rafsanjani_diary" corroborates "entry of 5 February 1989"
link "${E[tehranradio]}" "$s_rafsanjani_radio" corroborates ""
link "${E[mde13_019_89]}" "$s_rafsanjani_radio" mentions ""
link "${E[mde13_6418]}" "$s_rafsanjani_tv" mentions "section 1, fn 24" "Exact date of the interview not known; extract cited by state media in 2017"

# The 2023 statement names every official it discusses.
inq import links "$data/links-named.csv" --case "$CASE" >/dev/null

# ---------------------------------------------------------------------------------------
say "summonses and disclosure requests"
BASIS="Demo commission mandate, art. 12 (power to compel testimony) - fictitious"

PURPOSE="Testimony on the denials of the 1988 executions and the instructions behind them"
summons() { inq summons create --legal-basis "$BASIS" --purpose "$PURPOSE" "$@"; }
s_mahallati=$(summons --person "${P[mahallati]}" --method registered_post --appear-by 2027-01-15 --immunity none)
inq summons issue "$s_mahallati" --on 2026-09-01 >/dev/null
inq summons serve "$s_mahallati" --on 2026-09-10 --method registered_post >/dev/null
s_nasseri=$(summons --person "${P[nasseri]}" --method registered_post --appear-by 2027-01-22 --immunity none)
inq summons issue "$s_nasseri" --on 2026-09-01 >/dev/null
s_mousavi=$(summons --person "${P[mousavi_ma]}" --method diplomatic_channel --appear-by 2027-02-05 --immunity waiver_requested)
inq summons issue "$s_mousavi" --on 2026-09-15 >/dev/null
s_akhoundzadeh=$(summons --person "${P[akhoundzadeh]}" --method diplomatic_channel --appear-by 2027-02-05 --immunity waiver_requested)
s_raeisia=$(summons --person "${P[raeisia]}" --method diplomatic_channel --immunity none)
inq summons withdraw "$s_raeisia" --on 2026-09-05 --note "Identity not established: family name only, spelt two ways" >/dev/null
s_nouri=$(summons --person "${P[nouri]}" --method diplomatic_channel --appear-by 2027-03-01 --immunity none)
s_velayati=$(summons --person "${P[velayati]}" --method diplomatic_channel --appear-by 2027-03-01 --immunity none)
s_lavasani=$(summons --person "${P[lavasani]}" --method diplomatic_channel --appear-by 2027-03-01 --immunity none)
s_mottaki=$(summons --person "${P[mottaki]}" --method diplomatic_channel --appear-by 2027-03-01 --immunity waiver_requested)
link "${E[mde13_6418]}" "$s_mahallati" mentions "section 4.2" "Call for former diplomats to be summoned to testify"

ask() { inq disclosure request --requested-on 2026-09-01 "$@"; }
d_mah_knew=$(ask --person "${P[mahallati]}" --summons "$s_mahallati" --topic knew_what_when --due 2026-10-15 \
  --question "When, and from whom, did you first learn of the allegations of mass executions of July-September 1988, and what did you know of them when you met the UN Special Representative on 20 and 29 November 1988?")
d_mah_instr=$(ask --person "${P[mahallati]}" --summons "$s_mahallati" --topic instructions_received --due 2026-12-31 \
  --question "What instructions did you receive for the meeting of 29 November 1988 and for your interventions on the draft General Assembly resolution in November and December 1988?")
d_mah_who=$(ask --person "${P[mahallati]}" --summons "$s_mahallati" --topic who_instructed --due 2026-12-31 \
  --question "Who gave those instructions, and who drafted or approved the letter of 28 February 1989 to Amnesty International (A/44/153)?")
d_mah_reports=$(ask --person "${P[mahallati]}" --summons "$s_mahallati" --topic reports_to_capital --due 2026-12-31 \
  --question "To whom in Tehran did you transmit the interim report A/43/705 of 13 October 1988 and Amnesty International's report MDE 13/031/88 of 13 December 1988, and when?")
d_mah_resp=$(ask --person "${P[mahallati]}" --summons "$s_mahallati" --topic responses_received --due 2026-12-31 \
  --question "What responses did you receive from Tehran, including to your suggestion that the Special Representative visit Iran?")
ask --person "${P[nasseri]}" --summons "$s_nasseri" --topic reports_to_capital --due 2026-12-31 \
  --question "To whom in Tehran did you forward the Special Representative's letter of 28 September 1988, and what reply did you receive?" >/dev/null
ask --person "${P[nasseri]}" --summons "$s_nasseri" --topic knew_what_when --due 2026-12-31 \
  --question "What was the basis for your statement of 6 March 1989 that 140 names on the Special Representative's list were false?" >/dev/null
ask --person "${P[mousavi_ma]}" --summons "$s_mousavi" --topic instructions_received --due 2027-01-15 \
  --question "What instructions or talking points did you receive before meeting Amnesty International delegates in Ottawa on 22 December 1988?" >/dev/null
ask --person "${P[akhoundzadeh]}" --summons "$s_akhoundzadeh" --topic who_instructed --due 2027-01-15 \
  --question "Who instructed you on the replies you gave the BBC World Service in December 1988 and the Tehran Times article attributed to you?" >/dev/null
ask --person "${P[lavasani]}" --summons "$s_lavasani" --topic who_instructed --due 2027-02-01 \
  --question "Who drafted and approved your letter of 26 June 1989 to the UN Special Representative?" >/dev/null
ask --person "${P[mottaki]}" --summons "$s_mottaki" --topic knew_what_when --due 2027-02-01 \
  --question "Which authorities compiled the list of 3,620 names handed to the Special Representative on 15 October 1990, and from what records?" >/dev/null
ask --person "${P[velayati]}" --summons "$s_velayati" --topic instructions_received --due 2027-02-01 \
  --question "What instructions did the Ministry of Foreign Affairs send to Iran's missions abroad from August 1988 onwards about reports of executions?" >/dev/null
ask --person "${P[nouri]}" --summons "$s_nouri" --topic knew_what_when --due 2027-02-01 \
  --question "What information did you hold about executions of political prisoners in 1988 when you met the Special Representative on 24 January 1990?" >/dev/null
for d in "$d_mah_knew" "$d_mah_instr" "$d_mah_who" "$d_mah_reports" "$d_mah_resp"; do
  link "${E[mde13_6418]}" "$d" mentions "section 3" "Questions the statement says he should answer"
done
link "${E[voa]}" "$d_mah_knew" mentions "minute 2:46" "His public account: no information at the time"
link "${E[voa]}" "$d_mah_resp" mentions "minute 5:10" "His public account: he talked to the Government of Iran"

# ---------------------------------------------------------------------------------------
say "testimony"
t_witness=$(inq testimony schedule --deponent "${P[witness]}" \
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
E[transcript]=$(inq evidence add --case "$CASE" --kind interview_transcript --date 2026-10-14 --author "Demo commission" --language en \
  --title "Transcript of the testimony of Witness R-1 (FICTITIOUS demo)" --file "$transcript" \
  --held-at "Commission archive, sealed envelope 1 (demo)")
# (Custody steps take the current time: intake, recorded just now, comes first.)
inq evidence custody add "${E[transcript]}" --action sealed --by "Investigator A (demo)" \
  --location "Commission office (demo)" --note "Printed copy sealed in envelope 1" >/dev/null
inq evidence custody add "${E[transcript]}" --action transferred --from "Investigator A (demo)" --by "Archivist D (demo)" \
  --location "Commission archive, sealed envelope 1 (demo)" >/dev/null
inq evidence custody add "${E[transcript]}" --action examined --by "Archivist D (demo)" --file "$transcript" \
  --note "Hash checked against the intake hash" >/dev/null
link "${E[transcript]}" "${P[witness]}" participated "" "Deponent"
link "${E[a43705]}" "$ts_visits" corroborates "para. 51" "Family visits to political prisoners in Evin suspended (the report says since August 1988)"
link "${E[mde13_014]}" "$ts_visits" corroborates "" "Continuing ban on family visits to political prisoners in Evin"
link "${E[mde13_031]}" "$ts_mourning" corroborates "" "Government warnings against public mourning"
link "${E[mde13_031]}" "$ts_grave" corroborates "" "Burial in unmarked mass graves; fate concealed from relatives"

# A request for documents to the fictitious witness, answered during the session.
d_witness=$(inq disclosure request --person "${P[witness]}" --topic other --requested-on 2026-09-01 --due 2026-10-14 \
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
echo "== Tour: ${P[mahallati]}, Mohammad Jafar Mahallati, with everything linked to him"
inq person show "${P[mahallati]}"
echo
echo "== Tour: case $CASE"
inq case show "$CASE"
