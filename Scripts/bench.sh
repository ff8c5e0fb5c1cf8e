#!/usr/bin/env bash
# Benchmarks Inquest against raw PostgreSQL doing the same work, in one run on one
# machine, on a throwaway cluster this script starts and removes. Prints one table.
#
#   Scripts/bench.sh            (SECONDS per throughput run: BENCH_SECONDS, default 10;
#                                events for the verify run: BENCH_EVENTS, default 1000000;
#                                persons for the import run: BENCH_IMPORT, default 100000,
#                                compared with a tenth of it;
#                                segments for the transcript run: BENCH_TRANSCRIPT, default
#                                200000, compared with a quarter of it;
#                                lines for the live testimony log: BENCH_LOG_LINES, default 2000;
#                                persons for the name search: BENCH_SEARCH, default 100000;
#                                distractor persons for the name-matching benchmark:
#                                BENCH_NAMES_FILLERS, default 100000;
#                                only some sections: BENCH_ONLY=import,search (of cli,
#                                writes, import, search, audit, tlog, transcript, names,
#                                testimony, scale), default all;
#                                persons for the scale run: BENCH_SCALE_N, default 10000
#                                (100000 under BENCH_SCALE=large), measured at N and 10N;
#                                BENCH_SCALE=large: 1,000,000 persons for import and search,
#                                10,000,000 audit events, scale from 100,000 to 1,000,000
#                                persons and 1,000,000 to 10,000,000 events; not for CI)
#
# Every measure is printed beside two baselines where the issue asks for them: today's bare
# one (a table with no index, two queries …) and the fair one, raw PostgreSQL doing the same
# work (an identically indexed table, the same queries); ratios are against both.
#
# These are measurements, not tests: nothing here passes or fails.
set -euo pipefail
cd "$(dirname "$0")/.."
. Scripts/lib.sh
require_postgres

seconds=${BENCH_SECONDS:-10}
if [ "${BENCH_SCALE:-}" = large ]; then
  : "${BENCH_EVENTS:=10000000}" "${BENCH_IMPORT:=1000000}" "${BENCH_SEARCH:=1000000}"
fi
events=${BENCH_EVENTS:-1000000}
import_persons=${BENCH_IMPORT:-100000}
search_persons=${BENCH_SEARCH:-100000}
transcript_segments=${BENCH_TRANSCRIPT:-200000}
names_fillers=${BENCH_NAMES_FILLERS:-100000}
log_lines=${BENCH_LOG_LINES:-2000}
only=${BENCH_ONLY:-cli,writes,import,search,audit,tlog,transcript,names,testimony,scale}
want() { [[ ",$only," == *",$1,"* ]]; }
work=$(mktemp -d "${TMPDIR:-/tmp}/inquest-bench.XXXXXX")
chmod 755 "$work"  # the server may run as the postgres user
cluster="$work/cluster"
printed=
trap '[ -n "$printed" ] || { echo "(bench.sh stopped early: the rows measured until then)"; print_table; } 2>/dev/null
      Scripts/pg-cluster.sh destroy "$cluster" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

echo "== building (release)" >&2
swift build -c release --static-swift-stdlib 2>&1 | { grep -Ev '^\[[0-9]+/[0-9]+\]' || true; } >&2
bin="$(swift build -c release --static-swift-stdlib --show-bin-path)"
settings=$(Scripts/pg-cluster.sh start "$cluster")
eval "$settings"
sql() { psql -qAtX -v ON_ERROR_STOP=1 "$@"; }

"$bin/inquest" migrate --allow-superuser >/dev/null
"$bin/inquest" case create IR-BENCH --title "Benchmark case" --allow-superuser >/dev/null
echo bench-password | "$bin/inquest" user add bench_investigator --role investigator --allow-superuser
"$bin/inquest" case assign IR-BENCH bench_investigator --allow-superuser
person=$(PGUSER=bench_investigator "$bin/inquest" person add --case IR-BENCH --name "Benchmark Person")
# A second person, untouched by the write runs, for the round-trip comparison.
shown=$(PGUSER=bench_investigator "$bin/inquest" person add --case IR-BENCH --name "Abdollah Nouri" --role to_be_summoned)
PGUSER=bench_investigator "$bin/inquest" person name add "$shown" --name "Abdollah Noori" --kind source_spelling --source "press, 1988" >/dev/null

# The raw baseline: the same single-row insert into an equivalent table with no
# trigger, no row-level security.
sql <<'SQL'
create table public.bench_plain (
  id bigint generated always as identity primary key,
  key text generated always as ('S-' || id) stored unique,
  case_id bigint not null, person_id bigint not null,
  status text not null default 'draft', purpose text,
  created_at timestamptz not null default now(), updated_at timestamptz not null default now());
grant insert, select on public.bench_plain to public;
-- The fair baseline: summons itself, its columns, defaults, checks and indexes, without
-- its triggers (audit, transitions) and row-level security.
create table public.bench_summons (like inquest.summons including all);
grant insert, select on public.bench_summons to public;
SQL
echo "insert into public.bench_plain (case_id, person_id, purpose) values (1, 1, 'benchmark');" > "$work/plain.sql"
echo "insert into public.bench_summons (case_id, person_id, purpose) values (1, 1, 'benchmark');" > "$work/identical.sql"
echo "insert into inquest.summons (case_id, person_id, purpose) values (1, 1, 'benchmark');" > "$work/audited.sql"

tps_pgbench() {  # clients script [user]
  PGUSER=${3:-$PGUSER} pgbench -n -M prepared -c "$1" -j "$1" -T "$seconds" -f "$2" 2>/dev/null \
    | awk '/^tps/ {print $3; exit}'
}
tps_service() {  # clients [--sealer | --no-seal]
  PGUSER=bench_investigator "$bin/InquestBench" writes "$1" "$seconds" "$person" ${2:-} | sed 's/.*tps=//'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f%%", 100 * a / b }'; }
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f%%", 100 * a / b }'; }
thousands() { sed ':a; s/\B[0-9]\{3\}\>/,&/; ta' <<<"$1"; }
psqlbin="$PG_BIN/psql"

rows=()
if want cli; then
echo "== CLI round trip" >&2
runs=50
time_loop() {
  local start end
  start=$(date +%s.%N)
  for _ in $(seq "$runs"); do "$@" >/dev/null; done
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" -v n="$runs" 'BEGIN { printf "%.1f", 1000 * (e - s) / n }'
}
# Measured first, on a small case: the write runs below pile tens of thousands of summonses
# onto one person, which skews the planner's statistics for every other person.
# `person show` reads nine sections in one snapshot. The fair baseline: the psql binary
# running the same nine queries in one read-only repeatable-read transaction; today's: the
# person and names queries alone. Three rounds, interleaved; the median of each is shown.
"$bin/InquestBench" show-sql >"$work/show.sql"
median3() { printf '%s\n' "$@" | sort -g | sed -n 2p; }
cli_runs=() same_runs=() two_runs=()
for _ in 1 2 3; do
  cli_runs+=("$(PGUSER=bench_investigator time_loop "$bin/inquest" person show "$shown")")
  same_runs+=("$(PGUSER=bench_investigator time_loop "$psqlbin" -X -q -v key="$shown" -f "$work/show.sql")")
  two_runs+=("$(PGUSER=bench_investigator time_loop "$psqlbin" -X -c "select p.key, p.protected, p.description from inquest.person p where p.key = '$shown'" \
    -c "select n.name, n.kind, n.script from inquest.person_name n join inquest.person p on p.id = n.person_id where p.key = '$shown'")")
done
cli=$(median3 "${cli_runs[@]}") same=$(median3 "${same_runs[@]}") raw=$(median3 "${two_runs[@]}")
echo "   person show ms: inquest ${cli_runs[*]}; psql nine queries ${same_runs[*]}; psql two queries ${two_runs[*]}" >&2
rows+=("CLI round trip: inquest person show (process start to exit)|${cli} ms|${same} ms (psql binary, the same 9 queries, one RR read-only transaction)|$(awk -v a="$cli" -v b="$same" 'BEGIN { printf "%.2fx", a / b }')")
rows+=("CLI round trip: the same, against today's baseline|${cli} ms|${raw} ms (psql -c, 2 queries)|$(awk -v a="$cli" -v b="$raw" 'BEGIN { printf "%.2fx", a / b }')")
# The client's own CPU (user + system, the kernel's accounting of the process and its
# children), which the load of a shared machine moves far less than the wall clock: the
# part of the round trip that process start decides (the loop's own forks included, the same
# for both).
cpu_loop() {
  /usr/bin/time -f '%U %S' -o "$work/cpu.time" bash -c 'for _ in $(seq "$0"); do "$@" >/dev/null; done' "$runs" "$@"
  awk -v n="$runs" '{ printf "%.1f", 1000 * ($1 + $2) / n }' "$work/cpu.time"
}
if [ -x /usr/bin/time ]; then
  cpu=$(PGUSER=bench_investigator cpu_loop "$bin/inquest" person show "$shown")
  cpu_same=$(PGUSER=bench_investigator cpu_loop "$psqlbin" -X -q -v key="$shown" -f "$work/show.sql")
  rows+=("CLI client CPU: inquest person show (user + system)|${cpu} ms|${cpu_same} ms (psql binary, the same 9 queries)|$(awk -v a="$cpu" -v b="$cpu_same" 'BEGIN { printf "%.2fx", a / b }')")
  # Process start alone (nothing connects): the floor under every command, and most of the
  # gap above.
  cpu_start=$(cpu_loop "$bin/inquest" --version)
  cpu_start_psql=$(cpu_loop "$psqlbin" --version)
  rows+=("CLI client CPU, process start alone: inquest --version|${cpu_start} ms|${cpu_start_psql} ms (psql --version)|$(awk -v a="$cpu_start" -v b="$cpu_start_psql" 'BEGIN { printf "%.2fx", a / b }')")
fi
fi

if want writes; then
# Three interleaved rounds of every measure, the median of each: other work on a small
# machine moves single runs by a third.
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for clients in 1 8; do
  echo "== writes, $clients client(s), ${seconds}s each, 3 rounds" >&2
  r_raw=() r_identical=() r_sql=() r_noseal=() r_sealer=() r_service=()
  for round in 1 2 3; do
    r_raw+=("$(tps_pgbench "$clients" "$work/plain.sql")")
    r_identical+=("$(tps_pgbench "$clients" "$work/identical.sql")")
    r_sql+=("$(tps_pgbench "$clients" "$work/audited.sql" bench_investigator)")
    sql -c "select inquest_audit.seal()" >/dev/null  # what pgbench queued, outside the clock
    r_noseal+=("$(tps_service "$clients" --no-seal)")
    sql -c "select inquest_audit.seal()" >/dev/null  # likewise
    r_sealer+=("$(tps_service "$clients" --sealer)")
    r_service+=("$(tps_service "$clients")")
    echo "   round $round tps: bare ${r_raw[-1]}, identical ${r_identical[-1]}, audited SQL ${r_sql[-1]}, service (not sealing) ${r_noseal[-1]}, service + sealer ${r_sealer[-1]}, service sealing each write ${r_service[-1]}" >&2
  done
  raw=$(median "${r_raw[@]}") identical=$(median "${r_identical[@]}") audited_sql=$(median "${r_sql[@]}")
  noseal=$(median "${r_noseal[@]}") sealer=$(median "${r_sealer[@]}") service=$(median "${r_service[@]}")
  rows+=("audited write, $clients client(s): SQL INSERT via pgbench, investigator (audit, RLS)|$audited_sql tps|$identical tps (pgbench, identical table without audit and RLS)|$(ratio "$audited_sql" "$identical")$([ "$clients" = 8 ] && echo " (goal: 60%)" || true)")
  rows+=("audited write, $clients client(s): service layer, one separate sealer every 10 ms|$sealer tps|$audited_sql tps (the SQL path above)|$(ratio "$sealer" "$audited_sql")$([ "$clients" = 8 ] && echo " (goal: 80%)" || true); $(ratio "$sealer" "$identical") of the identical table")
  rows+=("audited write, $clients client(s): service layer, sealed after the run as the SQL path is|$noseal tps|$audited_sql tps (the SQL path above)|$(ratio "$noseal" "$audited_sql")")
  rows+=("audited write, $clients client(s): service layer, each write sealing after its commit (CLI)|$service tps|$audited_sql tps (the SQL path above)|$(ratio "$service" "$audited_sql")")
  rows+=("audited write, $clients client(s): against today's bare baseline|$audited_sql tps (SQL) / $sealer tps (service + sealer)|$raw tps (pgbench plain INSERT, bare table)|$(ratio "$audited_sql" "$raw") / $(ratio "$sealer" "$raw")")
done
# Where an audited insert's time goes: backend CPU per insert (from /proc, so that other
# work on the machine does not count), 20,000 single-row INSERT statements in one DO loop
# (prepared, each with its own statement-level triggers), in a scratch copy of the
# database where the parts are taken away one at a time (event triggers off: a copy to
# measure, never to use).
echo "== writes: CPU per audited insert, part by part" >&2
createdb -T inquest inquest_parts
sql -d inquest_parts <<'SQL'
create function public.backend_cpu_ticks() returns bigint language sql security definer as $$
  select (s[12])::bigint + (s[13])::bigint
    from (select string_to_array(split_part(pg_read_file('/proc/' || pg_backend_pid() || '/stat'), ') ', 2), ' ') s) x $$;
grant execute on function public.backend_cpu_ticks() to public;
create table public.bench_summons_fk (like inquest.summons including all);
alter table public.bench_summons_fk add foreign key (case_id) references inquest."case" (id),
  add foreign key (case_id, person_id) references inquest.person (case_id, id);
grant insert on public.bench_summons_fk to public;
SQL
person_id=$(sql -d inquest_parts -c "select id from inquest.person where key = '$person'")
cpu_per_insert() {  # table [user]
  PGUSER=${2:-$PGUSER} sql -d inquest_parts <<SQL
create temp table r (us numeric);
do \$\$ declare t0 bigint := public.backend_cpu_ticks(); begin
  for i in 1..20000 loop insert into $1 (case_id, person_id, purpose) values (1, $person_id, 'benchmark'); end loop;
  insert into r values (round((public.backend_cpu_ticks() - t0) * 1e6 / current_setting('bench.hz')::numeric / 20000, 1)); end \$\$;
select us from r;
SQL
}
hz=$(getconf CLK_TCK)
sql -d inquest_parts -c "alter database inquest_parts set bench.hz = '$hz'" >/dev/null
p_identical=$(cpu_per_insert public.bench_summons)
p_fk=$(cpu_per_insert public.bench_summons_fk)
p_owner=$(cpu_per_insert inquest.summons)
p_inv=$(cpu_per_insert inquest.summons bench_investigator)
for e in $(sql -d inquest_parts -c "select evtname from pg_event_trigger"); do sql -d inquest_parts -c "alter event trigger $e disable"; done
sql -d inquest_parts -c "alter table inquest_audit.event disable trigger inquest_append_guard"
p_noguard=$(cpu_per_insert inquest.summons bench_investigator)
sql -d inquest_parts -c "drop index inquest_audit.event_record_key, inquest_audit.event_case_id, inquest_audit.event_occurred_at"
p_noidx=$(cpu_per_insert inquest.summons bench_investigator)
sql -d inquest_parts -c "alter table inquest.summons disable trigger inquest_audit_insert"
p_noaudit=$(cpu_per_insert inquest.summons bench_investigator)
dropdb inquest_parts
echo "   CPU us per insert: identical $p_identical, + foreign keys $p_fk, audited owner $p_owner, investigator $p_inv, no guard $p_noguard, no filter indexes $p_noidx, no audit trigger $p_noaudit" >&2
# The same insert as whole transactions from 8 pgbench clients, server CPU per transaction
# (the backends' CPU, summed by the kernel into the postmaster's children's time when
# they exit): what the loop above does not see (locks, plans and PL/pgSQL expressions
# set up again in every transaction) and what a loaded machine moves least. 2,000
# transactions per client.
server_cpu_per_tx() {  # script [user]
  local pm a b
  pm=$(head -1 "$cluster/data/postmaster.pid")
  a=$(awk '{ print $16 + $17 }' "/proc/$pm/stat")
  PGUSER=${2:-$PGUSER} pgbench -n -M prepared -c 8 -j 8 -t 2000 -f "$1" >/dev/null 2>&1
  sleep 0.5  # until the postmaster has reaped the backends
  b=$(awk '{ print $16 + $17 }' "/proc/$pm/stat")
  awk -v a="$a" -v b="$b" -v hz="$hz" 'BEGIN { printf "%.1f", (b - a) * 1e6 / hz / 16000 }'
}
t_identical=() t_audited=()
for _ in 1 2 3; do
  t_identical+=("$(server_cpu_per_tx "$work/identical.sql")")
  t_audited+=("$(server_cpu_per_tx "$work/audited.sql" bench_investigator)")
done
echo "   server CPU us per transaction, 8 clients: identical ${t_identical[*]}, audited ${t_audited[*]}" >&2
tx_identical=$(median "${t_identical[@]}") tx_audited=$(median "${t_audited[@]}")
rows+=("writes, server CPU per transaction, 8 clients (pgbench, median of 3): audited, investigator|$tx_audited us|$tx_identical us (identical table)|$(ratio "$tx_identical" "$tx_audited") of the identical table's throughput where the server's CPU is the limit")
rows+=("writes, CPU per insert (in-server loop): identical table / + its two foreign keys|$p_identical / $p_fk us| | ")
rows+=("writes, CPU per insert: audited, owner (no RLS) / investigator (RLS)|$p_owner / $p_inv us|$p_identical us (identical table)|$(ratio "$p_identical" "$p_inv") of the identical table's throughput, at best")
rows+=("writes, CPU per insert, investigator: without the append guard / and without the three audit-filter indexes / and without the audit trigger|$p_noguard / $p_noidx / $p_noaudit us|$p_inv us (all of it)|guard $(awk -v a="$p_inv" -v b="$p_noguard" 'BEGIN { printf "%.0f", a - b }') us, indexes $(awk -v a="$p_noguard" -v b="$p_noidx" 'BEGIN { printf "%.0f", a - b }') us, audit row $(awk -v a="$p_noidx" -v b="$p_noaudit" 'BEGIN { printf "%.0f", a - b }') us")
fi


if want search; then
echo "== name search: $search_persons persons with realistic names, and the dense stress set" >&2
# Realistic: long-tailed given and family names, compound names, Persian script, 1-4
# spellings per person (Scripts/bench-names-data.py), loaded into a case of their own
# through SQL (the import is measured below), with the generator's 24 queries (4 in
# Persian script).
python3 Scripts/bench-names-data.py "$search_persons" --queries "$work/queries-realistic.txt" >"$work/names-$search_persons.csv"
sql <<SQL
create temp table stage (n bigserial, ref text, name text, given_name text, family_name text, kind text, script text,
                         description text, roles text);
\copy stage (ref, name, given_name, family_name, kind, script, description, roles) from '$work/names-$search_persons.csv' with (format csv, header)
begin;  -- persons and their names in one transaction: every person needs its primary name at commit
insert into inquest."case" (reference, title) values ('IR-NAMES', 'Search benchmark, realistic names');
insert into inquest.person (case_id, notes)
select (select id from inquest."case" where reference = 'IR-NAMES'), ref from stage group by ref order by min(n);
insert into inquest.person_name (case_id, person_id, name, given_name, family_name, kind, script)
select p.case_id, p.id, s.name, s.given_name, s.family_name,
       case when s.n = f.first then 'primary' else coalesce(nullif(s.kind, ''), 'alias') end,
       case when inquest_private.has_arabic_script(s.name) then 'persian' else 'latin' end
  from stage s join (select ref, min(n) as first from stage group by ref) f on f.ref = s.ref
  join inquest.person p on p.notes = s.ref and p.case_id = (select id from inquest."case" where reference = 'IR-NAMES')
 order by s.n;
commit;
SQL
# The dense stress set (today's): 15 given x 20 family names, about 330 persons per name.
sql <<'SQL'
begin;  -- persons and their names in one transaction: every person needs its primary name at commit
insert into inquest."case" (reference, title) values ('IR-SEARCH', 'Search benchmark, dense stress set');
create temp table parts as select
  array['Mohammad','Ali','Hossein','Reza','Mehdi','Abdollah','Jafar','Hassan','Ahmad','Mahmoud','Manouchehr','Sirous','Akbar','Ebrahim','Morteza'] as given,
  array['Mahallati','Nasseri','Mousavi','Akhoundzadeh','Raeisia','Nouri','Velayati','Lavasani','Mottaki','Rafsanjani','Khamenei','Pourmohammadi','Nayyeri','Eshraghi','Razini','Ghazi','Tabrizi','Shirazi','Kermani','Esfahani'] as family;
insert into inquest.person (case_id) select (select id from inquest."case" where reference = 'IR-SEARCH') from generate_series(1, 100000);
insert into inquest.person_name (case_id, person_id, name, given_name, family_name, kind)
select p.case_id, p.id, g || ' ' || f || ' ' || (p.id % 997), g, f || ' ' || (p.id % 997), 'primary'
  from inquest.person p, parts,
       lateral (select parts.given[1 + p.id % 15] as g, parts.family[1 + (p.id / 15) % 20] as f) x
 where p.case_id = (select id from inquest."case" where reference = 'IR-SEARCH');
insert into inquest.person_name (case_id, person_id, name, kind, source_note)
select n.case_id, n.person_id, replace(replace(n.name, 'ou', 'o'), 'ee', 'i'), 'source_spelling', 'bench'
  from inquest.person_name n
 where n.case_id = (select id from inquest."case" where reference = 'IR-SEARCH') and n.person_id % 3 <> 0;
commit;
SQL
printf '%s\n' Akhondzadeh Noori 'Mohammed Mahalati' Raessinia Velayati Khamanei 'Hosein Mousavi' 'Lavasani 17' Esfahani Mottaki \
  >"$work/queries-dense.txt"
sql -c "select inquest_audit.seal()" >/dev/null
sql -c "vacuum analyze inquest.person_name" -c "vacuum analyze inquest.person"
sql -c "insert into inquest.case_assignment (case_id, username) select id, 'bench_investigator' from inquest.\"case\" where reference in ('IR-NAMES', 'IR-SEARCH')" >/dev/null
# Each query five times, timed as the investigator through inquest.search_names (row-level
# security, restricted to the case), and as the owner with the raw trigram top 10 on the same
# folded column, the same GIN index and the same case (no policy).
timed_searches() {  # $1: queries file, $2: the statement to time (q the query, f folded, c the case id), $3: case,
                    # $4: a file for each query's median (which queries make the tail)
  cat <<SQL
create temp table queries (q text);
\\copy queries from '$1'
create temp table timings (q text, ms float8);
do \$\$
declare q text; f text; t timestamptz; n int; c bigint := (select id from inquest."case" where reference = '$3');
begin
  for q in select * from queries loop
    f := inquest_private.fold_name(q);  -- the raw query's folded q (search_names folds inside)
    for i in 1..5 loop
      t := clock_timestamp();
      select count(*) into n from ($2) r;
      insert into timings values (q, 1000 * extract(epoch from clock_timestamp() - t));
    end loop;
  end loop;
end \$\$;
\\o $4
select q || ' ' || round(percentile_cont(0.5) within group (order by ms)::numeric, 1) || ' ms' from timings group by q
 order by percentile_cont(0.5) within group (order by ms) desc;
\\o
select round(percentile_cont(0.5) within group (order by ms)::numeric, 1),
       round(percentile_cont(0.95) within group (order by ms)::numeric, 1)
  from timings;
SQL
}
raw_search="select n.name from inquest.person_name n
  where f operator(inquest_ext.<%) n.name_fold and n.case_id = c
  order by inquest_ext.word_similarity(f, n.name_fold) desc limit 10"
# Before 0023: 0018's search_names, word for word, beside today's (the same run, the same
# data, the same investigator), as the tlog section does for 0013's sealer.
git show 1842519:Schema/0018_names_and_dates.sql | awk '/^create or replace function inquest.search_names\(/,/^\$\$;$/' \
  | sed 's/^create or replace function inquest.search_names(/create function inquest_private.search_names_0018(/' \
  | sql -c "alter event trigger inquest_record_ddl disable" -f - -c "alter event trigger inquest_record_ddl enable" \
        -c "revoke execute on function inquest_private.search_names_0018(text, text, integer) from public" \
        -c "grant execute on function inquest_private.search_names_0018(text, text, integer) to bench_investigator" >/dev/null
# Before the Persian key tiers: ed14615's search_names (key tiers for ASCII queries only,
# the candidates read back by a merge join), the same way.
git show ed14615:Schema/objects/names/matching.sql | awk '/^create or replace function inquest.search_names\(/,/^\$\$;$/' \
  | sed 's/^create or replace function inquest.search_names(/create function inquest_private.search_names_ed14615(/' \
  | sql -c "alter event trigger inquest_record_ddl disable" -f - -c "alter event trigger inquest_record_ddl enable" \
        -c "revoke execute on function inquest_private.search_names_ed14615(text, text, integer) from public" \
        -c "grant execute on function inquest_private.search_names_ed14615(text, text, integer) to bench_investigator" >/dev/null
for set in realistic dense; do
  if [ "$set" = realistic ]; then ref=IR-NAMES label="$(thousands "$search_persons") persons, realistic names"
  else ref=IR-SEARCH label="100,000 persons, dense stress set (15 x 20 names)"; fi
  # The investigator is not the owner of the temp objects' schema: \copy reads a file the
  # client can read.
  read -r s50 s95 <<<"$(timed_searches "$work/queries-$set.txt" "select * from inquest.search_names(q, '$ref', 10)" "$ref" \
    "$work/each-$set-search.txt" | PGUSER=bench_investigator sql -F ' ' -f -)"
  read -r raw50 raw95 <<<"$(timed_searches "$work/queries-$set.txt" "$raw_search" "$ref" "$work/each-$set-raw.txt" | sql -F ' ' -f -)"
  read -r e50 e95 <<<"$(timed_searches "$work/queries-$set.txt" "select * from inquest_private.search_names_ed14615(q, '$ref', 10)" "$ref" \
    "$work/each-$set-ed14615.txt" | PGUSER=bench_investigator sql -F ' ' -f -)"
  read -r b50 b95 <<<"$(timed_searches "$work/queries-$set.txt" "select * from inquest_private.search_names_0018(q, '$ref', 10)" "$ref" \
    "$work/each-$set-0018.txt" | PGUSER=bench_investigator sql -F ' ' -f -)"
  echo "   search $set: investigator p50/p95 $s50/$s95 ms, raw $raw50/$raw95 ms, ed14615's $e50/$e95 ms, 0018's $b50/$b95 ms" >&2
  for who in search raw ed14615; do  # the tail: each query's median, slowest first
    echo "   slowest, $who: $(head -5 "$work/each-$set-$who.txt" | paste -sd ';' | sed 's/;/; /g')" >&2
  done
  rows+=("name search, $label: p50 / p95 (investigator, RLS, search_names: the key tiers by b-tree, the trigram candidates only when those do not fill the 10)|$s50 / $s95 ms|$raw50 / $raw95 ms (raw fold(q) <% name_fold top 10 in the case, owner)|$(awk -v a="$s95" -v b="$raw95" 'BEGIN { printf "%.2fx at p95", a / b }')")
  rows+=("name search, $label: before the Persian key tiers (ed14615's search_names, same run)|$e50 / $e95 ms|$s50 / $s95 ms (today's search_names above)|$(awk -v a="$e95" -v b="$s95" 'BEGIN { printf "%.2fx at p95", a / b }')")
  rows+=("name search, $label: before 0023 (0018's search_names, same run)|$b50 / $b95 ms|$s50 / $s95 ms (today's search_names above)|$(awk -v a="$b95" -v b="$s95" 'BEGIN { printf "%.2fx at p95", a / b }')")
done
fi

if want audit; then

echo "== $events audit events: generate, seal, verify" >&2
start=$(date +%s.%N)
sql -c "insert into inquest.event (case_id, kind, title, \"date\")
        select 1, 'other', 'bench event ' || g, '1988-08' from generate_series(1, $events) g"
sql -c "select inquest_audit.seal()" >/dev/null
sealed=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
sql -c "vacuum analyze"  # as autovacuum would, before the read benchmarks
start=$(date +%s.%N)
"$bin/inquest" audit verify --allow-superuser >/dev/null
verify=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f", e - s }')
"$bin/inquest" audit export --out "$work/export.jsonl" --allow-superuser 2>/dev/null
bytes=$(stat -c %s "$work/export.jsonl")
start=$(date +%s.%N)
sha256sum "$work/export.jsonl" >/dev/null
sha=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f", e - s }')
total=$(sql -c "select count(*) from inquest_audit.seal")
rows+=("audit verify, $total events ($((bytes / 1048576)) MiB exported)|${verify}s|${sha}s (sha256sum of the export)|$(ratio "$sha" "$verify") of sha256sum throughput")
rows+=("insert $events audited rows + seal (setup)|${sealed}s| | ")
fi

if want tlog; then
echo "== verifiable log: $events events sealed with and without the tree; proofs; offline export verification" >&2
# "Today's" sealer: 0013's seal(), which chains without the tree, in a database of its own
# (the legacy file, from git history: docs/schema-history.md); today's seal() in another,
# equally new (a log that already holds millions of events seals more slowly: both start
# empty). The proofs and the export below are of the second.
createdb inquest_chain_only
createdb inquest_tlog
"$bin/inquest" migrate --allow-superuser --database-url dbname=inquest_chain_only >/dev/null
"$bin/inquest" migrate --allow-superuser --database-url dbname=inquest_tlog >/dev/null
main_database=$PGDATABASE
export PGDATABASE=inquest_tlog
# The append guard of seal is framed from seal()'s source: remade for this one (which
# writes no tree).
git show 1842519:Schema/0013_sealer_and_sessions.sql | awk '/^create or replace function inquest_audit.seal/,/^\$\$;$/' \
  | sql -d inquest_chain_only -c "alter event trigger inquest_record_ddl disable" -f - \
      -c "select inquest_private.make_append_guard('inquest_audit.seal', array['inquest_audit.seal(boolean)']::regprocedure[])" \
      -c "alter event trigger inquest_record_ddl enable" >/dev/null
seal_time() {  # database
  sql -d "$1" -c "insert into inquest.\"case\" (reference, title) values ('IR-TLOG', 'tlog bench')" >/dev/null
  sql -d "$1" -c "insert into inquest.event (case_id, kind, title, \"date\")
          select (select id from inquest.\"case\" where reference = 'IR-TLOG'), 'other', 'tlog event ' || g, '1988-08' from generate_series(1, $events) g"
  local start=$(date +%s.%N)
  sql -d "$1" -c "select inquest_audit.seal()" >/dev/null
  awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f", e - s }'
}
# The sealer's own rhythm: batches of 140 events (about what one CLI write queues at most
# here), each sealed and committed on its own; the time is the sum of the seal() calls.
batch_seal_time() {  # database
  sql -d "$1" <<'SQL'
create procedure public.bench_batched_seals(b integer, c integer, inout seconds float8 default null)
language plpgsql as $$
declare t0 timestamptz; total interval := '0'; cid bigint;
begin
  select id into cid from inquest."case" where reference = 'IR-TLOG';
  for i in 1 .. c loop
    insert into inquest.event (case_id, kind, title, "date")
    select cid, 'other', 'tlog batch event ' || g, '1988-08' from generate_series(1, b) g;
    commit;
    t0 := clock_timestamp();
    perform inquest_audit.seal();
    total := total + (clock_timestamp() - t0);
    commit;
  end loop;
  seconds := extract(epoch from total);
end $$;
SQL
  sql -d "$1" -c "call public.bench_batched_seals(140, 300)" | awk '{ printf "%.2f", $1 }'
  sql -d "$1" -c "drop procedure public.bench_batched_seals"
}
chain_s=$(seal_time inquest_chain_only)
tree_s=$(seal_time inquest_tlog)
chain_b=$(batch_seal_time inquest_chain_only)
tree_b=$(batch_seal_time inquest_tlog)
dropdb inquest_chain_only
# As autovacuum would after a million rows, before the measures (which it would otherwise
# share the two cores with).
sql -c "vacuum analyze"
size=$(sql -c "select seq from inquest_audit.head()")
rows+=("seal $events events, tree maintained (seal(), format 2: tree only)|${tree_s}s|${chain_s}s (0013 seal(), chain only)|$(ratio "$chain_s" "$tree_s") of today's sealing throughput")
rows+=("seal 300 batches of 140 events, committed one by one, tree maintained|${tree_b}s|${chain_b}s (0013 seal(), chain only)|$(ratio "$chain_b" "$tree_b") of today's sealing throughput")
"$bin/inquest" audit keygen --name bench.example/log --out "$work/log" >/dev/null
"$bin/inquest" audit checkpoint --key "$work/log" --out "$work/cp" --allow-superuser >/dev/null
runs=20
start=$(date +%s.%N)
for i in $(seq "$runs"); do
  "$bin/inquest" audit prove $(( (i * 48271) % size + 1 )) --checkpoint "$work/cp" --out "$work/p$i" --allow-superuser >/dev/null
done
prove_ms=$(awk -v s="$start" -v e="$(date +%s.%N)" -v n="$runs" 'BEGIN { printf "%.1f", 1000 * (e - s) / n }')
hashes=$(( $(sed -n '4,/^$/p' "$work/p1" | grep -c .) ))
start=$(date +%s.%N)
for i in $(seq "$runs"); do env -i "$bin/inquest" audit verify-proof "$work/p$i" --public-key "$work/log.pub" >/dev/null; done
verify_ms=$(awk -v s="$start" -v e="$(date +%s.%N)" -v n="$runs" 'BEGIN { printf "%.1f", 1000 * (e - s) / n }')
rows+=("inclusion proof of one event in $size, CLI (process start included; $hashes hashes, O(log n) tree rows)|${prove_ms} ms| (target < 20 ms)| ")
rows+=("verify a proof bundle offline, CLI (process start included)|${verify_ms} ms| (target < 15 ms)| ")
"$bin/inquest" audit export --out "$work/tlog.jsonl" --allow-superuser 2>/dev/null
bytes=$(stat -c %s "$work/tlog.jsonl")
start=$(date +%s.%N)
sha256sum "$work/tlog.jsonl" >/dev/null
sha=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f", e - s }')
if [ -x /usr/bin/time ]; then
  # CPU seconds (user + system) beside the wall clock: on a shared machine the wall clock
  # of either side moves with the load; the CPU time does not.
  cpu_of() { awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { printf "%.2f", u + s }' "$1"; }
  /usr/bin/time -v -o "$work/sha.time" sha256sum "$work/tlog.jsonl" >/dev/null
  start=$(date +%s.%N)
  /usr/bin/time -v -o "$work/verify.time" env -i "$bin/inquest" audit verify --export "$work/tlog.jsonl" --checkpoint "$work/cp" --public-key "$work/log.pub" >/dev/null
  offline=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f", e - s }')
  rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$work/verify.time")
  echo "   verify --export: ${offline}s wall, $(cpu_of "$work/verify.time")s CPU (two threads); sha256sum ${sha}s wall, $(cpu_of "$work/sha.time")s CPU" >&2
else
  start=$(date +%s.%N)
  env -i "$bin/inquest" audit verify --export "$work/tlog.jsonl" --checkpoint "$work/cp" --public-key "$work/log.pub" >/dev/null
  offline=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f", e - s }')
  rss=n/a
fi
rows+=("verify --export offline, $size events ($((bytes / 1048576)) MiB), peak RSS ${rss} MiB|${offline}s|${sha}s (sha256sum of the export)|$(ratio "$sha" "$offline") of sha256sum throughput")
export PGDATABASE=$main_database
dropdb inquest_tlog
rm -f "$work/tlog.jsonl"
fi

if want import; then
# Last, so that its audit events do not add to those verified above. The name search's
# trigram index on person_name (the benchmark's, not the schema's) would slow every name
# inserted: it goes first.
sql -c "set client_min_messages = warning" -c "drop index if exists inquest.bench_name_trgm"
small=$((import_persons / 10))
echo "== import of $small and $import_persons persons (realistic names, 1-4 spellings each)" >&2
# Peak RSS from GNU time (Debian package `time`), installed as root when missing.
if [ ! -x /usr/bin/time ] && [ "$(id -u)" = 0 ]; then install_or_explain time || true; fi
# The same list twice, realistic names (Scripts/bench-names-data.py): the small file is the
# first tenth of the large one (same seed).
python3 Scripts/bench-names-data.py "$import_persons" >"$work/persons-$import_persons.csv"
python3 Scripts/bench-names-data.py "$small" >"$work/persons-$small.csv"
# Today's raw baseline: the same rows COPYed into a bare table with the CSV's columns (no
# trigger, no row-level security, no index but the primary key), by the psql binary's
# \copy, which like inquest reads the file on the client and streams it to the server.
# The fair baseline: the same COPY into a table indexed as inquest.person_name (its keys,
# the trigram GIN on the folded name, the two partial skeleton GINs, the b-trees on the
# folded, skeleton and loose keys and on the person), its names folded as the product folds them, and no
# other trigger, no row-level security, no audit. Its person is the CSV's ref (text), its kind the CSV's (empty for
# the primary name), so the partial index on primary names holds the rows without a kind.
sql <<'SQL'
create table public.bare_person_name (
  id bigint generated always as identity primary key,
  ref text, name text not null, given_name text, family_name text, kind text, script text,
  description text, roles text);
create table public.indexed_person_name (
  id bigint generated always as identity primary key,
  key text generated always as ('PN-' || id) stored unique,
  case_id bigint not null default 1,
  ref text, name text not null, given_name text, family_name text, kind text, script text,
  description text, roles text, evidence_id bigint,
  person_id text generated always as (ref) stored,
  name_fold text, name_fold_key text, name_skeleton text, name_skeleton_key text, name_loose_key text,
  name_arabic_script boolean generated always as (inquest_private.has_arabic_script(name)) stored,
  unique (case_id, id));
-- The folded columns are filled as in inquest.person_name: by the product's own folding
-- trigger (0009), which folds each name once (as generated columns, each of the four
-- would fold it again, and the floor would not be the product's work).
create trigger fold before insert on public.indexed_person_name
  for each row execute function inquest_private.fold_person_name();
create index on public.indexed_person_name (case_id, person_id);
create index on public.indexed_person_name (case_id, evidence_id) where evidence_id is not null;
create index on public.indexed_person_name using gin (name_fold inquest_ext.gin_trgm_ops);
create index on public.indexed_person_name (case_id, person_id) where kind is null;
create index on public.indexed_person_name (case_id, name_fold_key);
create index on public.indexed_person_name (case_id, name_skeleton_key);
create index on public.indexed_person_name (case_id, name_loose_key);
create index on public.indexed_person_name using gin (name_skeleton inquest_ext.gin_trgm_ops) where name_arabic_script;
create index on public.indexed_person_name using gin (name_skeleton inquest_ext.gin_trgm_ops) where not name_arabic_script;
SQL
# Runs a command under GNU time: sets `elapsed` (seconds, by the clock used above) and
# `rss` (peak resident set size in MiB, "n/a" without GNU time). Output goes to $1.
measure() {
  local out=$1 start; shift
  sql -c checkpoint
  start=$(date +%s.%N)
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -v -o "$out.time" "$@" >"$out"
  else
    "$@" >"$out"
  fi
  elapsed=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f", e - s }')
  rss=n/a
  [ -f "$out.time" ] && rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$out.time")
  return 0
}
declare -A import_s raw_s idx_s import_rss raw_rss import_names
for n in "$small" "$import_persons"; do
  file="$work/persons-$n.csv"
  # Each import goes into a new, empty case: possible duplicates are looked for only when
  # the case already has names (folding every name of the file), so here nothing is
  # compared and the figure is that of validating, loading and auditing alone.
  "$bin/inquest" case create "IR-IMPORT-$n" --title "Import benchmark, $n persons" --allow-superuser >/dev/null
  "$bin/inquest" case assign "IR-IMPORT-$n" bench_investigator --allow-superuser
  sql -c "truncate public.bare_person_name"
  measure "$work/raw-$n.out" "$psqlbin" -X -v ON_ERROR_STOP=1 \
    -c "\\copy public.bare_person_name (ref, name, given_name, family_name, kind, script, description, roles) from '$file' with (format csv, header)"
  raw_s[$n]=$elapsed raw_rss[$n]=$rss
  sql -c "truncate public.indexed_person_name"
  measure "$work/idx-$n.out" "$psqlbin" -X -v ON_ERROR_STOP=1 \
    -c "\\copy public.indexed_person_name (ref, name, given_name, family_name, kind, script, description, roles) from '$file' with (format csv, header)"
  idx_s[$n]=$elapsed
  measure "$work/import-$n.out" env PGUSER=bench_investigator "$bin/inquest" import persons "$file" --case "IR-IMPORT-$n"
  import_s[$n]=$elapsed import_rss[$n]=$rss
  # Check the load against the file: every person and every name.
  read -r persons names <<<"$(sql -F ' ' -c "select (select count(*) from inquest.person p join inquest.\"case\" c on c.id = p.case_id where c.reference = 'IR-IMPORT-$n'),
                                                     (select count(*) from inquest.person_name p join inquest.\"case\" c on c.id = p.case_id where c.reference = 'IR-IMPORT-$n')")"
  copied=$(sql -c "select count(*) from public.bare_person_name")
  if [ "$persons" != "$n" ] || [ "$names" != "$copied" ]; then
    echo "warning: IR-IMPORT-$n holds $persons persons and $names names; the file has $n persons and $copied names" >&2
  fi
  import_names[$n]=$names
done
big=$import_persons
for n in "$big" "$small"; do
  rows+=("import $(thousands "$n") persons ($(thousands "${import_names[$n]}") names): inquest import persons, investigator|${import_s[$n]}s|${idx_s[$n]}s (psql \\copy into an identically indexed table)|$(pct "${idx_s[$n]}" "${import_s[$n]}") of COPY throughput (goal: 30%)")
  rows+=("import $(thousands "$n") persons, against today's baseline|${import_s[$n]}s|${raw_s[$n]}s (psql \\copy into a bare table)|$(pct "${raw_s[$n]}" "${import_s[$n]}") of COPY throughput")
done
rows+=("import linearity: time for $(thousands "$big") / time for $(thousands "$small") persons|$(awk -v a="${import_s[$big]}" -v b="${import_s[$small]}" 'BEGIN { printf "%.1fx", a / b }')|$(awk -v a="${idx_s[$big]}" -v b="${idx_s[$small]}" 'BEGIN { printf "%.1fx", a / b }') (indexed \\copy), $(awk -v a="${raw_s[$big]}" -v b="${raw_s[$small]}" 'BEGIN { printf "%.1fx", a / b }') (bare)|goal: at most 11x")
for n in "$big" "$small"; do
  rows+=("import peak RSS, $(thousands "$n") persons|${import_rss[$n]} MiB|${raw_rss[$n]} MiB (psql \\copy)|$(awk -v a="${import_rss[$n]}" -v b="${raw_rss[$n]}" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "n/a" }')")
done
fi

if want transcript; then
# After the import, for the same reason: its audit events are not among those verified.
small=$((transcript_segments / 4))
echo "== transcript import of $small and $transcript_segments segments" >&2
# The raw baseline: the same rows COPYed (psql \copy, which reads the file on the client as
# inquest does) into a table with the same columns and the same indexes as
# inquest.transcript_segment, and no trigger, row-level security or foreign key.
sql <<'SQL'
create table public.bare_transcript_segment (
  id bigint generated always as identity primary key,
  key text generated always as ('TS-' || id) stored unique,
  case_id bigint not null, session_id bigint not null, ordinal integer not null, time_offset interval,
  speaker text not null, speaker_person_id bigint, original_text text not null, original_language text,
  translation text, translation_language text,
  created_at timestamptz not null default now(), updated_at timestamptz not null default now(),
  unique (case_id, id), unique (session_id, ordinal));
create index on public.bare_transcript_segment (case_id, speaker_person_id) where speaker_person_id is not null;
create index on public.bare_transcript_segment (case_id, session_id);
SQL
# One generator for both files: segment i is the same line in the transcript and the CSV;
# the small file is the first quarter of the large one.
write_transcript() {  # segments transcript.txt rows.csv
  python3 - "$@" <<'PY'
import csv, sys
n, text_path, csv_path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
with open(text_path, "w", encoding="utf-8") as text, open(csv_path, "w", encoding="utf-8", newline="") as rows:
    out = csv.writer(rows)
    for i in range(1, n + 1):
        stamp = f"{i // 3600:02d}:{i // 60 % 60:02d}:{i % 60:02d}"
        speaker = "WITNESS" if i % 2 else "INTERVIEWER"
        said = f"Segment {i}: در تابستان ۱۳۶۷ he was taken from Evin to Gohardasht, hall {i % 17}."
        translation = f"In the summer of 1367 (1988), segment {i}." if i % 3 == 0 else None
        text.write(f"[{stamp}] {speaker}: {said}\n" + (f"> {translation}\n" if translation else ""))
        out.writerow([1, 1, i, stamp, speaker, said, "fa", translation or "", "en" if translation else ""])
PY
}
declare -A transcript_s transcript_raw_s
for n in "$small" "$transcript_segments"; do
  write_transcript "$n" "$work/transcript-$n.txt" "$work/transcript-$n.csv"
  session=$(PGUSER=bench_investigator "$bin/inquest" testimony schedule --deponent "$person")
  sql -c "truncate public.bare_transcript_segment" -c checkpoint
  start=$(date +%s.%N)
  "$psqlbin" -X -q -v ON_ERROR_STOP=1 -c "\\copy public.bare_transcript_segment (case_id, session_id, ordinal, time_offset, speaker, original_text, original_language, translation, translation_language) from '$work/transcript-$n.csv' with (format csv)"
  transcript_raw_s[$n]=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f", e - s }')
  sql -c checkpoint
  start=$(date +%s.%N)
  PGUSER=bench_investigator "$bin/inquest" testimony transcript add "$session" --file "$work/transcript-$n.txt" --language fa --translation-language en >/dev/null
  transcript_s[$n]=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f", e - s }')
  read -r count first last <<<"$(sql -F ' ' -c "select count(*), min(s.ordinal), max(s.ordinal) from inquest.transcript_segment s join inquest.testimony_session t on t.id = s.session_id where t.key = '$session'")"
  copied=$(sql -c "select count(*) from public.bare_transcript_segment")
  if [ "$count" != "$n" ] || [ "$first" != 1 ] || [ "$last" != "$n" ] || [ "$copied" != "$n" ]; then
    echo "warning: $session holds $count segments (ordinals $first-$last), the raw table $copied; the file has $n" >&2
  fi
done
big=$transcript_segments
for n in "$big" "$small"; do
  rows+=("transcript import, $(thousands "$n") segments: inquest testimony transcript add, investigator|${transcript_s[$n]}s|${transcript_raw_s[$n]}s (psql \\copy into an identically indexed bare table)|$(pct "${transcript_raw_s[$n]}" "${transcript_s[$n]}") of COPY throughput")
done
rows+=("transcript linearity: time for $(thousands "$big") / time for $(thousands "$small") segments|$(awk -v a="${transcript_s[$big]}" -v b="${transcript_s[$small]}" 'BEGIN { printf "%.1fx", a / b }')|$(awk -v a="${transcript_raw_s[$big]}" -v b="${transcript_raw_s[$small]}" 'BEGIN { printf "%.1fx", a / b }') (psql \\copy)| ")
fi

if want names; then
echo "== name matching: the labelled benchmark (Tests/fixtures/names-benchmark) among $(thousands "$names_fillers") persons" >&2
# Recall@1/@5 of inquest.search_names and precision of inquest.likely_duplicate_persons,
# per script pairing (Scripts/bench-names.sql explains the method); its tables go to stderr.
"$psqlbin" -X -q -v ON_ERROR_STOP=1 -v fixtures="$PWD/Tests/fixtures/names-benchmark" -v fillers="$names_fillers" \
  -f Scripts/bench-names.sql > "$work/names.txt"
grep -v '^names-summary' "$work/names.txt" >&2
read -r _ r1 r5 precision queries reported <<<"$(grep '^names-summary' "$work/names.txt")"
rows+=("name matching, $(thousands "$queries") spellings among $(thousands "$names_fillers") persons: recall@1 / recall@5 (inquest.search_names)|$r1% / $r5%|goal 97% at rank 1| ")
rows+=("name matching: precision of the duplicate report ($(thousands "$reported") pairs reported)|$precision%|goal 95%| ")
fi

if want testimony; then
echo "== live testimony log: $log_lines lines, one at a time" >&2
# Per-line latency as the investigator sees it: from the line written to the CLI's input to
# its "ok" (journal append + fsync, one transaction, the seal after it). The raw baseline is
# the same one-row INSERT of a segment through psql, one transaction per line, timed the
# same way (psql's own round trip, no journal, no audit).
session=$(PGUSER=bench_investigator "$bin/inquest" testimony schedule --deponent "$person")
PGUSER=bench_investigator "$bin/inquest" testimony consent "$session" --given-at 2026-01-01T10:00:00Z --scope bench
session_id=$(sql -c "select id from inquest.testimony_session where key = '$session'")
read -r log_p50 log_p95 log_max raw_p50 raw_p95 < <(python3 - "$bin/inquest" "$session" "$log_lines" "$work/journal" "$session_id" <<'PY'
import os, subprocess, sys, time
binary, session, n, journal, session_id = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]

def drive(argv, env, line_for, ack):
    p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, bufsize=0)
    out = p.stdout
    def wait_ack():
        buf = b""
        while not buf.endswith(b"\n") or not buf.startswith(ack):
            if buf.endswith(b"\n"): buf = b""
            c = out.read(1)
            if not c: raise SystemExit("the client ended early")
            buf += c
    times = []
    for i in range(n):
        start = time.perf_counter()
        p.stdin.write(line_for(i))
        wait_ack()
        times.append(time.perf_counter() - start)
    p.stdin.close(); p.wait()
    return sorted(times)

env = dict(os.environ, PGUSER="bench_investigator", INQUEST_JOURNAL_DIR=journal)
live = drive([binary, "testimony", "log", session], env,
             lambda i: f"D: line {i} در تابستان ۱۳۶۷ he was taken from Evin to Gohardasht.\n".encode(), b"ok TS-")
raw = drive(["psql", "-XAtq", "-v", "ON_ERROR_STOP=1"], env,
            lambda i: (f"insert into inquest.transcript_segment (case_id, session_id, ordinal, speaker, original_text) "
                       f"values (1, {session_id}, {100000 + i}, 'D', 'raw line {i}') returning 'ok TS-' || id;\n").encode(), b"ok TS-")
q = lambda t, f: t[min(len(t) - 1, int(f * len(t)))] * 1000
print(f"{q(live, .5):.2f} {q(live, .95):.2f} {live[-1] * 1000:.2f} {q(raw, .5):.2f} {q(raw, .95):.2f}")
PY
)
stored=$(sql -c "select count(*) from inquest.testimony_log_line l where l.session_id = $session_id and l.kind = 'segment'")
[ "$stored" = "$log_lines" ] || echo "warning: $stored of $log_lines lines stored" >&2
rows+=("testimony log: per-line commit latency p50, investigator (journal write + fsync overlapped with 1 transaction; seal every 100 lines)|${log_p50} ms|${raw_p50} ms (psql, one INSERT per line into the same table: RLS and audit trigger, no journal, no seal)|$(awk -v a="$log_p50" -v b="$raw_p50" 'BEGIN { printf "%.1fx", a / b }')")
rows+=("testimony log: per-line commit latency p95 (target < 20 ms; max ${log_max} ms)|${log_p95} ms|${raw_p95} ms|$(awk -v a="$log_p95" -v b="$raw_p95" 'BEGIN { printf "%.1fx", a / b }')")
fi

if want scale; then
# How each read grows with the database: one case of N persons (realistic names) and what
# a case holds in proportion, measured; then 9N more of everything in the same case,
# measured again. One row per measure: t(N), t(10N), the growth factor t(10N)/t(N).
# Linear work (the whole list, the case chronology, verify, export) may grow up to 11x for
# 10x the data; a one-record read (person show, person timeline) at most 1.5x; name search
# (top 10 through the trigram index) is held to its p95 goals (20 ms, 50 ms at 1,000,000).
# CLI figures are process start to exit, as the investigator (the auditor for the log);
# beside them the psql binary running the same statement as the same user.
scale_n=${BENCH_SCALE_N:-$([ "${BENCH_SCALE:-}" = large ] && echo 100000 || echo 10000)}
scale_big=$((10 * scale_n))
# Under BENCH_SCALE=large the log is topped up (bulk audited rows in a case of their own,
# one seal) to 1,000,000 events at N and 10,000,000 at 10N; otherwise it holds what the
# load produced.
if [ "${BENCH_SCALE:-}" = large ]; then scale_events=(1000000 10000000); else scale_events=(0 0); fi
echo "== scale: $(thousands "$scale_n") -> $(thousands "$scale_big") persons in one case (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
scale_phase() {  # label start: prints how long the phase took, to stderr and to the table
  local s
  s=$(awk -v s="$2" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
  echo "   $1: ${s}s (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  scale_phases+=("$1 ${s}s (load $(cut -d' ' -f1 /proc/loadavg))")
}
scale_phases=()
t0=$(date +%s.%N)
# The persons of both sizes from one file: the file for N is the first N persons of the one
# for 10N (Scripts/bench-names-data.py), the 20 search queries drawn from the first N.
python3 Scripts/bench-names-data.py "$scale_big" >"$work/scale-names.csv"
python3 Scripts/bench-names-data.py "$scale_n" --queries "$work/scale-queries.txt" >/dev/null
"$bin/inquest" case create IR-SCALE --title "Scale benchmark" --allow-superuser >/dev/null
"$bin/inquest" case assign IR-SCALE bench_investigator --allow-superuser
echo bench-password | "$bin/inquest" user add bench_auditor --role auditor --allow-superuser
sql <<SQL
create table public.scale_stage (n bigserial, ref text, name text, given_name text, family_name text, kind text,
                                 script text, description text, roles text);
\copy public.scale_stage (ref, name, given_name, family_name, kind, script, description, roles) from '$work/scale-names.csv' with (format csv, header)
alter table public.scale_stage add ord int, add first boolean;
update public.scale_stage s set ord = substr(s.ref, 3)::int, first = s.n = f.first
  from (select ref, min(n) as first from public.scale_stage group by ref) f where f.ref = s.ref;
create index on public.scale_stage (ord);
vacuum analyze public.scale_stage;
SQL
rm -f "$work/scale-names.csv"
scale_phase "generate and stage $(thousands "$scale_big") persons" "$t0"
# Persons ord in (lo, hi] with their names and roles, as the search section loads them
# (SQL, every row audited by its trigger), and in proportion what a case holds for its time
# lines: an event with the person taking part for one person in 4, a statement for one in
# 5, a summons for one in 10, a dated article naming them for one in 20. The person shown
# below (ord 20) has one of each.
scale_load() {  # lo hi
  sql <<SQL
begin;  -- persons and their names in one transaction: every person needs its primary name at commit
create temp table c as select id from inquest."case" where reference = 'IR-SCALE';
insert into inquest.person (case_id, external_ref, description)
select (select id from c), s.ref, s.description from public.scale_stage s
 where s.ord > $1 and s.ord <= $2 and s.first order by s.n;
create temp table p as select p.id, p.case_id, p.external_ref, substr(p.external_ref, 3)::int as ord
  from inquest.person p where p.case_id = (select id from c) and substr(p.external_ref, 3)::int > $1 and substr(p.external_ref, 3)::int <= $2;
insert into inquest.person_name (case_id, person_id, name, given_name, family_name, kind, script)
select p.case_id, p.id, s.name, s.given_name, s.family_name,
       case when s.first then 'primary' else coalesce(nullif(s.kind, ''), 'alias') end,
       case when inquest_private.has_arabic_script(s.name) then 'persian' else 'latin' end
  from public.scale_stage s join p on p.external_ref = s.ref
 where s.ord > $1 and s.ord <= $2 order by s.n;
commit;
insert into inquest.person_role (case_id, person_id, role)
select p.case_id, p.id, r from public.scale_stage s join p on p.external_ref = s.ref,
       unnest(string_to_array(s.roles, ';')) r
 where s.ord > $1 and s.ord <= $2 and s.first and r <> '';
with ev as (
  insert into inquest.event (case_id, kind, title, "date", place, external_ref)
  select p.case_id, 'meeting', 'Meeting ' || p.ord, '1988-' || lpad((1 + p.ord % 12)::text, 2, '0'), 'Tehran', 'SCALE-' || p.ord
    from p where p.ord % 4 = 0 order by p.ord
  returning case_id, id, external_ref)
insert into inquest.event_participant (case_id, event_id, person_id, role)
select ev.case_id, ev.id, p.id, 'attendee' from ev join p on 'SCALE-' || p.ord = ev.external_ref;
insert into inquest.statement (case_id, person_id, "date", medium, quotation, classification)
select p.case_id, p.id, (1988 + p.ord % 3)::text || '-' || lpad((1 + p.ord % 12)::text, 2, '0'), 'press',
       'Nothing happened in the prisons (' || p.ord || ').', '{denial}'
  from p where p.ord % 5 = 0 order by p.ord;
insert into inquest.summons (case_id, person_id, purpose)
select p.case_id, p.id, 'To answer for ' || p.ord from p where p.ord % 10 = 0 order by p.ord;
with e as (
  insert into inquest.evidence (case_id, kind, title, "date", external_ref)
  select p.case_id, 'news_article', 'Article ' || p.ord, '1989-' || lpad((1 + p.ord % 12)::text, 2, '0'), 'SCALE-' || p.ord
    from p where p.ord % 20 = 0 order by p.ord
  returning case_id, id, external_ref)
insert into inquest.evidence_link (case_id, evidence_id, person_id, relation, locator)
select e.case_id, e.id, p.id, 'mentions', 'p. 1' from e join p on 'SCALE-' || p.ord = e.external_ref;
SQL
}
# Bulk audited rows (as the tlog section: one INSERT ... SELECT, one seal) in a case of
# their own, so that the log reaches $1 events; none when it holds as many already.
scale_top_up() {  # events
  local have
  sql -c "insert into inquest.\"case\" (reference, title) values ('IR-SCALE-BULK', 'Scale benchmark, bulk events') on conflict do nothing" >/dev/null
  sql -c "select inquest_audit.seal()" >/dev/null
  have=$(sql -c "select coalesce((select seq from inquest_audit.head()), 0)")
  [ "$1" -gt "$have" ] || return 0
  sql -c "insert into inquest.event (case_id, kind, title, \"date\")
          select (select id from inquest.\"case\" where reference = 'IR-SCALE-BULK'), 'other', 'bulk event ' || g, '1988-08'
            from generate_series(1, $(($1 - have))) g"
  sql -c "select inquest_audit.seal()" >/dev/null
}
scale_ms() {  # runs command...: sets ms to each run's wall time in ms (not in a subshell:
  # a command that fails stops the benchmark)
  local runs=$1 s; shift
  ms=()
  for _ in $(seq "$runs"); do
    s=$(date +%s.%N)
    "$@" >/dev/null
    ms+=("$(awk -v s="$s" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", 1000 * (e - s) }')")
  done
}
scale_q() {  # fraction values...: the nearest-rank quantile
  local f=$1; shift
  printf '%s\n' "$@" | sort -g | awk -v f="$f" '{ v[NR] = $1 } END { i = int(f * NR + 0.999999); if (i < 1) i = 1; print v[i] }'
}
"$bin/InquestBench" show-sql >"$work/scale-show.sql"
cat >"$work/scale-search.sql" <<'SQL'
select person_key as key, case_reference as case, display_name as name, matched_name, name_kind,
       match, round(score::numeric, 3) as score
  from inquest.search_names(:'q', 'IR-SCALE', 10)
SQL
declare -A scale_cli scale_raw scale_rows scale_logsize
# Every measure at the current size; $1 is the size's label (small or big).
scale_measure() {
  local size=$1 shown runs=5 q cli_t=() raw_t=() s
  export PGUSER=bench_investigator
  shown=$(sql -c "select p.key from inquest.person p join inquest.\"case\" c on c.id = p.case_id where c.reference = 'IR-SCALE' and p.external_ref = 'R-0000020'")
  scale_rows[$size]=$(sql -c "select count(*) from inquest.person p join inquest.\"case\" c on c.id = p.case_id where c.reference = 'IR-SCALE'")
  # person list has no paging: the whole list (csv), and beside it the same function
  # through psql, and one page of it (the first 50 by id) through psql.
  scale_ms 3 "$bin/inquest" person list --case IR-SCALE --format csv; cli_t=("${ms[@]}")
  scale_ms 3 "$psqlbin" -X --csv -c "select * from inquest.person_list('IR-SCALE', null)"; raw_t=("${ms[@]}")
  scale_cli[list-$size]=$(scale_q .5 "${cli_t[@]}") scale_raw[list-$size]=$(scale_q .5 "${raw_t[@]}")
  scale_ms 5 "$psqlbin" -X --csv -c "select * from inquest.person_list('IR-SCALE', null) limit 50"; raw_t=("${ms[@]}")
  scale_raw[page-$size]=$(scale_q .5 "${raw_t[@]}")
  # Name search: the 20 queries, 3 times each, p50 and p95.
  cli_t=() raw_t=()
  while IFS= read -r q; do
    for _ in 1 2 3; do
      scale_ms 1 "$bin/inquest" person search "$q" --case IR-SCALE --limit 10 --format csv; cli_t+=("${ms[@]}")
      scale_ms 1 "$psqlbin" -X --csv -v q="$q" -f "$work/scale-search.sql"; raw_t+=("${ms[@]}")
    done
  done <"$work/scale-queries.txt"
  scale_cli[search50-$size]=$(scale_q .5 "${cli_t[@]}") scale_cli[search95-$size]=$(scale_q .95 "${cli_t[@]}")
  scale_raw[search50-$size]=$(scale_q .5 "${raw_t[@]}") scale_raw[search95-$size]=$(scale_q .95 "${raw_t[@]}")
  # One record: person show (the nine section queries in one RR read-only transaction for
  # psql, show.sql as the cli section times it) and the person's time line.
  scale_ms 20 "$bin/inquest" person show "$shown"; cli_t=("${ms[@]}")
  scale_ms 20 "$psqlbin" -X -q -v key="$shown" -f "$work/scale-show.sql"; raw_t=("${ms[@]}")
  scale_cli[show-$size]=$(scale_q .5 "${cli_t[@]}") scale_raw[show-$size]=$(scale_q .5 "${raw_t[@]}")
  scale_ms 20 "$bin/inquest" person timeline "$shown"; cli_t=("${ms[@]}")
  scale_ms 20 "$psqlbin" -X -c "select * from inquest.timeline_person('$shown', null)"; raw_t=("${ms[@]}")
  scale_cli[ptl-$size]=$(scale_q .5 "${cli_t[@]}") scale_raw[ptl-$size]=$(scale_q .5 "${raw_t[@]}")
  # The same reads inside the server (a DO loop as the investigator, clock_timestamp around
  # each; no process start, no client): what the database's own work does as it grows,
  # which the load of a shared machine moves far less than the figures above.
  while read -r k p50 p95; do
    scale_cli[srv50$k-$size]=$p50 scale_cli[srv95$k-$size]=$p95
  done < <(sql -F ' ' <<SQL
create temp table queries (q text);
\copy queries from '$work/scale-queries.txt'
create temp table timings (k text, ms float8);
do \$\$
declare t timestamptz; n int; q text; k text := '$shown';
begin
  for i in 1..20 loop
    t := clock_timestamp();
    $(sed -n 's/^select \* from \(inquest\.[a-z_]*\)(:.key.);$/select count(*) into n from \1(k);/p' "$work/scale-show.sql" | tr '\n' ' ')
    insert into timings values ('show', 1000 * extract(epoch from clock_timestamp() - t));
    t := clock_timestamp();
    select count(*) into n from inquest.timeline_person(k, null);
    insert into timings values ('ptl', 1000 * extract(epoch from clock_timestamp() - t));
  end loop;
  for q in select * from queries loop
    for i in 1..3 loop
      t := clock_timestamp();
      select count(*) into n from inquest.search_names(q, 'IR-SCALE', 10);
      insert into timings values ('search', 1000 * extract(epoch from clock_timestamp() - t));
    end loop;
  end loop;
end \$\$;
select k, round(percentile_cont(0.5) within group (order by ms)::numeric, 2),
       round(percentile_cont(0.95) within group (order by ms)::numeric, 2)
  from timings group by k;
SQL
)
  # The case chronology: the whole case in date order.
  scale_ms 3 "$bin/inquest" case chronology IR-SCALE --format csv; cli_t=("${ms[@]}")
  scale_ms 3 "$psqlbin" -X --csv -c "select * from inquest.timeline_case('IR-SCALE')"; raw_t=("${ms[@]}")
  scale_cli[chron-$size]=$(scale_q .5 "${cli_t[@]}") scale_raw[chron-$size]=$(scale_q .5 "${raw_t[@]}")
  # The log, as the auditor: verify (live) beside sha256sum of the export; export beside
  # psql's \copy of the same view in the same order (text, CSV).
  export PGUSER=bench_auditor
  scale_logsize[$size]=$(sql -c "select seq from inquest_audit.head()")
  scale_ms 1 "$bin/inquest" audit verify; cli_t=("${ms[@]}")
  scale_cli[verify-$size]=${cli_t[0]}
  scale_ms 1 "$bin/inquest" audit export --out "$work/scale-export.jsonl"; cli_t=("${ms[@]}")
  scale_cli[export-$size]=${cli_t[0]}
  scale_ms 1 sha256sum "$work/scale-export.jsonl"; raw_t=("${ms[@]}")
  scale_raw[verify-$size]=${raw_t[0]}
  rm -f "$work/scale-export.jsonl"
  scale_ms 1 "$psqlbin" -X -q -c "\\copy (select * from inquest_audit.export x order by x.seq) to '$work/scale-export.csv' with (format csv)"; raw_t=("${ms[@]}")
  scale_raw[export-$size]=${raw_t[0]}
  rm -f "$work/scale-export.csv"
  export PGUSER=$scale_owner
  echo "   $size: ${scale_rows[$size]} persons, ${scale_logsize[$size]} events; list ${scale_cli[list-$size]} ms, search p50/p95 ${scale_cli[search50-$size]}/${scale_cli[search95-$size]} ms, show ${scale_cli[show-$size]} ms, person timeline ${scale_cli[ptl-$size]} ms, chronology ${scale_cli[chron-$size]} ms, verify ${scale_cli[verify-$size]} ms, export ${scale_cli[export-$size]} ms" >&2
}
scale_owner=$PGUSER
scale_analyze() {
  sql -c "select inquest_audit.seal()" >/dev/null
  sql -c "vacuum analyze"  # as autovacuum would, before the reads
}
t0=$(date +%s.%N)
scale_load 0 "$scale_n"
scale_phase "load $(thousands "$scale_n") persons and their records (SQL, audited)" "$t0"
t0=$(date +%s.%N); scale_analyze; scale_phase "seal, vacuum analyze" "$t0"
if [ "${scale_events[0]}" -gt 0 ]; then
  t0=$(date +%s.%N); scale_top_up "${scale_events[0]}"; sql -c "vacuum analyze" >/dev/null
  scale_phase "top the log up to $(thousands "${scale_events[0]}") events (bulk rows, one seal)" "$t0"
fi
t0=$(date +%s.%N); scale_measure small; scale_phase "measure at $(thousands "$scale_n")" "$t0"
t0=$(date +%s.%N)
# 9N more, in tenths, so that no one transaction holds millions of rows.
for i in $(seq 1 9); do scale_load $((i * scale_n)) $(((i + 1) * scale_n)); done
scale_phase "load $(thousands $((scale_big - scale_n))) more persons and their records" "$t0"
t0=$(date +%s.%N); scale_analyze; scale_phase "seal, vacuum analyze" "$t0"
if [ "${scale_events[1]}" -gt 0 ]; then
  t0=$(date +%s.%N); scale_top_up "${scale_events[1]}"; sql -c "vacuum analyze" >/dev/null
  scale_phase "top the log up to $(thousands "${scale_events[1]}") events (bulk rows, one seal)" "$t0"
fi
t0=$(date +%s.%N); scale_measure big; scale_phase "measure at $(thousands "$scale_big")" "$t0"
sql -c "drop table public.scale_stage"
# One row per measure: t(N) -> t(10N) for inquest and for psql, the growth factors, and a
# flag: linear work above 11x (for the log: above 1.1 times the growth of its size), a
# one-record read above 1.5x.
scale_row() {  # key label unit kind(linear|one|search|log) [raw label]
  local k=$1 label=$2 kind=$3 raw=${4:-} a b ra rb g rg flag limit
  a=${scale_cli[$k-small]} b=${scale_cli[$k-big]}
  g=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", b / a }')
  case $kind in
    linear) limit=11 ;;
    one) limit=1.5 ;;
    search) limit=11 ;;
    log) limit=$(awk -v a="${scale_logsize[small]}" -v b="${scale_logsize[big]}" 'BEGIN { printf "%.2f", 1.1 * b / a }') ;;
  esac
  flag=$(awk -v g="$g" -v l="$limit" 'BEGIN { print (g > l ? "FLAG: above " l "x" : "ok (limit " l "x)") }')
  if [ -n "$raw" ]; then
    ra=${scale_raw[$k-small]} rb=${scale_raw[$k-big]}
    rg=$(awk -v a="$ra" -v b="$rb" 'BEGIN { printf "%.2f", b / a }')
    rows+=("scale: $label|$a -> $b ms|$ra -> $rb ms ($raw)|${g}x (psql ${rg}x); $flag")
  else
    rows+=("scale: $label|$a -> $b ms| |${g}x; $flag")
  fi
}
sizes="$(thousands "$scale_n") -> $(thousands "$scale_big") persons"
scale_row list "person list --case, the whole list (no paging), csv, $sizes" linear "psql binary, the same function"
rows+=("scale: one page of the list (first 50 by id), $sizes| |${scale_raw[page-small]} -> ${scale_raw[page-big]} ms (psql binary, person_list() limit 50)|$(awk -v a="${scale_raw[page-small]}" -v b="${scale_raw[page-big]}" 'BEGIN { printf "%.2fx", b / a }')")
scale_row search50 "person search p50, 20 queries x 3, $sizes" search "psql binary, the same statement"
scale_row search95 "person search p95 (goal: 20 ms at 100,000, 50 ms at 1,000,000 in-server; here process start included), $sizes" search "psql binary, the same statement"
scale_row show "person show, one person, $sizes" one "psql binary, the same 9 queries"
scale_row ptl "person timeline, one person, $sizes" one "psql binary, timeline_person()"
scale_row srv50search "in-server: search_names p50, the same queries, $sizes" search
scale_row srv95search "in-server: search_names p95 (goal: 20 ms at 100,000, 50 ms at 1,000,000), $sizes" search
scale_row srv50show "in-server: the 9 queries of person show, p50, $sizes" one
scale_row srv50ptl "in-server: timeline_person(), p50, $sizes" one
scale_row chron "case chronology, the whole case, csv, $sizes" linear "psql binary, timeline_case()"
events="$(thousands "${scale_logsize[small]}") -> $(thousands "${scale_logsize[big]}") events"
scale_row verify "audit verify (live, auditor), $events" log "sha256sum of the export"
scale_row export "audit export (auditor), $events" log "psql \\copy of inquest_audit.export, csv"
rows+=("scale: phases|$(IFS=';'; echo "${scale_phases[*]}" | sed 's/;/; /g')| | ")
fi

# The table, also when a section fails (from the EXIT trap): what was measured is kept.
print_table() {
echo
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); PostgreSQL $(sql -c 'show server_version'), fsync off"
printf '| %s | %s | %s | %s |\n' "measure" "inquest" "raw PostgreSQL" "ratio"
printf '|---|---|---|---|\n'
for row in "${rows[@]}"; do
  IFS='|' read -r name ours theirs r <<<"$row"
  printf '| %s | %s | %s | %s |\n' "$name" "$ours" "$theirs" "$r"
done
}
printed=yes
print_table
