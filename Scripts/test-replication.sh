#!/usr/bin/env bash
# Replication, failover, point-in-time recovery and backups, tested against real
# PostgreSQL clusters that this script starts (Scripts/pg-cluster.sh) and removes.
# Every check prints "ok N - ..." or "not ok N - ..."; the script exits 1 if any failed.
#
#   Scripts/test-replication.sh [standby] [failover] [pitr] [backup] [restore]   (default: all five)
#
# INQUEST_KEEP=1 leaves the clusters running and the directory in place, for a look.
# INQUEST_BIN names the CLI to test (default: this checkout's debug build, built if
# missing). Clusters live under a private temporary directory on Unix sockets only, so
# parallel runs on one machine do not clash. docs/replication.md explains what is tested.
set -euo pipefail
cd "$(dirname "$0")/.."
. Scripts/lib.sh
require_postgres

stages=("$@")
[ ${#stages[@]} -gt 0 ] || stages=(standby failover pitr backup restore)
for stage in "${stages[@]}"; do
  case "$stage" in standby|failover|pitr|backup|restore) ;; *) echo "usage: $0 [standby] [failover] [pitr] [backup] [restore]" >&2; exit 64 ;; esac
done

if [ -z "${INQUEST_BIN:-}" ]; then
  swift build --product inquest 2>&1 | { grep -Ev '^\[[0-9]+/[0-9]+\]' || true; }
  [ "${PIPESTATUS[0]}" = 0 ] || { echo "error: build failed" >&2; exit 1; }
  INQUEST_BIN="$(swift build --show-bin-path)/inquest"
fi
I=$INQUEST_BIN

work=$(mktemp -d "${TMPDIR:-/tmp}/inquest-repl.XXXXXX")
chmod 755 "$work"   # the server (user postgres, when run as root) reaches its directories
clusters=()
cleanup() {
  local c
  if [ -n "${INQUEST_KEEP:-}" ]; then echo "# kept $work (clusters still running)" >&2; return; fi
  for c in ${clusters[@]+"${clusters[@]}"}; do Scripts/pg-cluster.sh destroy "$c" >/dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# ---- reporting -------------------------------------------------------------------
n=0; failed=0
ok()     { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; [ -z "${2:-}" ] || echo "#   $2" | head -c 2000; }
check()  { local what=$1; shift; if "$@"; then ok "$what"; else not_ok "$what"; fi; }
note()   { echo "# $*"; }

# run USER URL ARGS...: the CLI as USER against the conninfo URL; sets $out, $err, $status.
run() {
  local user=$1 url=$2; shift 2
  status=0
  out=$(PGUSER=$user timeout 120 "$I" "$@" --database-url "$url" 2>"$work/stderr") || status=$?
  err=$(cat "$work/stderr")
}
# expect CODE DESCRIPTION USER URL ARGS...: the command exits CODE.
expect() {
  local code=$1 what=$2; shift 2
  run "$@"
  if [ "$status" = "$code" ]; then ok "$what (exit $code)"; else not_ok "$what: exit $status, expected $code" "$err"; fi
}
# says TEXT DESCRIPTION: the last command's stderr contains TEXT.
says() { if grep -qF -- "$1" <<<"$err"; then ok "$2"; else not_ok "$2: stderr lacks \"$1\"" "$err"; fi; }

url()  { echo "host=$work/$1/socket port=5432 dbname=${2:-inquest}"; }
sq()   { local c=$1; shift; psql -X -qAt -v ON_ERROR_STOP=1 -h "$work/$c/socket" -p 5432 -U postgres -d inquest "$@"; }
now()  { date +%s.%N; }
# A stage ends: its clusters go (unless INQUEST_KEEP).
done_with() {
  local c
  [ -z "${INQUEST_KEEP:-}" ] || return 0
  for c in "$@"; do Scripts/pg-cluster.sh destroy "$work/$c"; done
}

# A migrated primary with users: adm (admin), aud (auditor), w1..w8 and farid
# (investigators, farid cleared), all assigned to case IR-R.
new_primary() {
  local c=$1 u
  Scripts/pg-cluster.sh start "$work/$c" >/dev/null
  clusters+=("$work/$c")
  "$I" migrate --allow-superuser --database-url "$(url "$c") user=postgres" >/dev/null
  for u in "adm admin" "aud auditor" "w1 investigator" "w2 investigator" "w3 investigator" "w4 investigator" \
           "w5 investigator" "w6 investigator" "w7 investigator" "w8 investigator"; do
    set -- $u
    # Roles are cluster-wide: a second database in the same cluster reuses them.
    if [ "$(sq "$c" -c "select count(*) from pg_roles where rolname = '$1'")" = 0 ]; then
      echo "password-$1" | "$I" user add "$1" --role "$2" --allow-superuser --database-url "$(url "$c") user=postgres" >/dev/null
    fi
  done
  echo "password-farid" | "$I" user add farid --role investigator --cleared --allow-superuser \
    --database-url "$(url "$c") user=postgres" >/dev/null
  run adm "$(url "$c")" case create IR-R --title "Replication test"
  for u in w1 w2 w3 w4 w5 w6 w7 w8 farid; do run adm "$(url "$c")" case assign IR-R "$u"; done
}

# Waits (bounded) until standby $2 has replayed everything primary $1 has written.
caught_up() {
  local lsn i
  lsn=$(sq "$1" -c "select pg_current_wal_lsn()")
  for ((i = 0; i < 600; i++)); do
    [ "$(sq "$2" -c "select pg_last_wal_replay_lsn() >= '$lsn'::pg_lsn")" = t ] && return 0
    sleep 0.1
  done
  return 1
}

# A top-level number or string of the CLI's JSON (no python or jq on a bare CI machine).
json_field() { tr -d '\n' | grep -o "\"$1\" *: *\"\{0,1\}[^,\"}]*" | head -n 1 | sed 's/.*: *"\{0,1\}//'; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "") print "?"; else printf "%.2f", a - b }'; }
head_of() { run aud "$(url "$1")" audit verify --format json; json_field headSeq <<<"$out"; }
hash_of() { run aud "$(url "$1")" audit verify --format json; json_field root <<<"$out"; }

"$I" audit keygen --name replication-test --out "$work/key" >/dev/null

# ---- 1. reads on a standby; writes refused there, clearly ---------------------------
stage_standby() {
  note "standby: reads work on a hot standby, writes are refused with exit 69, nothing half-written"
  new_primary sa
  local A; A=$(url sa)
  run w1 "$A" person add --case IR-R --name "Hossein Ali Nayeri"; local p=$out
  run farid "$A" person add --case IR-R --name "Witness Seven" --protected; local w=$out
  printf 'Real Name Canary-7b1\n' | PGUSER=farid "$I" identity set "$w" --notes "test" --database-url "$A" >/dev/null
  expect 0 "the cleared investigator reveals the identity on the primary" farid "$A" identity reveal "$w" --reason "baseline"
  check "the reveal on the primary shows the identity" grep -q "Canary-7b1" <<<"$out"
  Scripts/pg-cluster.sh replica "$work/sb" "$work/sa" >/dev/null; clusters+=("$work/sb")
  local B; B=$(url sb)
  check "standby is in recovery" test "$(sq sb -c 'select pg_is_in_recovery()')" = t
  check "standby caught up with the primary" caught_up sa sb

  expect 0 "case list on the standby" w1 "$B" case list
  expect 0 "person search on the standby" w1 "$B" person search Nayeri --case IR-R
  check "search on the standby finds the person" grep -q "$p" <<<"$out"
  expect 0 "person show on the standby" w1 "$B" person show "$p"
  expect 0 "person list on the standby" w1 "$B" person list --case IR-R
  expect 0 "person timeline on the standby" w1 "$B" person timeline "$p"
  # A dossier is a recorded read (the event is committed before anything is read): a
  # standby cannot record it, so it refuses, rather than hand out an unrecorded dossier.
  expect 69 "person dossier on the standby is refused: it cannot record the read" w1 "$B" person dossier "$p" --out "$work/dossier.html"
  says "target_session_attrs=read-write" "it names the setting that reaches the primary"
  check "no dossier was written" test ! -s "$work/dossier.html"
  expect 0 "case chronology on the standby" w1 "$B" case chronology IR-R
  expect 0 "case summary on the standby" w1 "$B" case summary IR-R
  expect 0 "audit log on the standby" aud "$B" audit log
  expect 0 "audit show on the standby" aud "$B" audit show 1
  expect 0 "audit verify on the standby" aud "$B" audit verify
  expect 0 "audit export on the standby" aud "$B" audit export --out "$work/export.jsonl"
  expect 0 "audit checkpoint signed on the standby" aud "$B" audit checkpoint --key "$work/key" --out "$work/standby.checkpoint"
  expect 0 "a checkpoint signed on the standby verifies on the primary" \
    aud "$A" audit verify --checkpoint "$work/standby.checkpoint" --public-key "$work/key.pub"
  check "standby and primary have the same audit head" test "$(hash_of sb)" = "$(hash_of sa)"

  local persons events
  persons=$(sq sa -c "select count(*) from inquest.person"); events=$(sq sa -c "select count(*) from inquest_audit.event")
  expect 69 "person add on the standby is refused" w1 "$B" person add --case IR-R --name "Written On Standby"
  says "target_session_attrs=read-write" "the refusal names the setting to use"
  says "standby" "the refusal says the server is a standby"
  expect 69 "case create on the standby is refused" adm "$B" case create IR-S --title "On standby"
  expect 69 "identity reveal on the standby is refused (its record cannot be written first)" \
    farid "$B" identity reveal "$w" --reason "on a standby, unrecorded"
  check "the refused reveal printed no identity" eval '! grep -q "Canary-7b1" <<<"$out$err"'
  # The same as an insider with psql on the standby: no reveal without its record.
  local leak
  leak=$(PGUSER=farid psql -X -qAt -h "$work/sb/socket" -d inquest \
    -c "select * from inquest.request_reveal('$w', 'psql on a standby')" 2>&1 || true)
  check "request_reveal() through psql on the standby fails and shows no identity" \
    eval 'grep -q "read-only transaction" <<<"$leak" && ! grep -q "Canary-7b1" <<<"$leak"'
  expect 69 "a standby-only connection string with target_session_attrs=read-write" \
    w1 "$B target_session_attrs=read-write" person add --case IR-R --name "Nowhere To Write"
  says "no host in the connection string accepts writes" "the message says no host accepts writes"
  check "nothing was written by the refused commands" \
    test "$(sq sa -c "select count(*) from inquest.person"):$(sq sa -c "select count(*) from inquest_audit.event")" = "$persons:$events"

  note "a lagging standby: replay paused, the primary signs a newer checkpoint"
  sq sb -c "select pg_wal_replay_pause()" >/dev/null
  run w1 "$A" person add --case IR-R --name "After The Pause"
  expect 0 "checkpoint on the primary" aud "$A" audit checkpoint --key "$work/key" --out "$work/newer.checkpoint"
  expect 1 "verify on the lagging standby against the newer checkpoint fails" \
    aud "$B" audit verify --checkpoint "$work/newer.checkpoint" --public-key "$work/key.pub"
  says "the log is shorter than the checkpoint" "it says the log is shorter than the checkpoint"
  says "this server is a standby: it may only lag behind the primary" "it says the standby may only lag"
  sq sb -c "select pg_wal_replay_resume()" >/dev/null
  check "the standby catches up after resuming" caught_up sa sb
  expect 0 "once caught up, the standby verifies the newer checkpoint" \
    aud "$B" audit verify --checkpoint "$work/newer.checkpoint" --public-key "$work/key.pub"

  note "the primary down"
  Scripts/pg-cluster.sh stop "$work/sa"
  local both="host=$work/sa/socket,$work/sb/socket port=5432,5432 dbname=inquest connect_timeout=5"
  expect 69 "a write with the primary down (multi-host, read-write)" \
    w1 "$both target_session_attrs=read-write" person add --case IR-R --name "Primary Down"
  says "no host in the connection string accepts writes" "the message says no host accepts writes"
  expect 0 "reads go on from the standby (multi-host, prefer-standby)" \
    aud "$both target_session_attrs=prefer-standby" audit verify
  expect 69 "a primary alone and down" w1 "$A" case list
  done_with sb sa
}

# ---- 2. failover under 8 concurrent writers --------------------------------------------
stage_failover() {
  note "failover: synchronous standby, 8 writers through the CLI, kill -9 of the primary, promotion"
  new_primary fa
  Scripts/pg-cluster.sh replica "$work/fb" "$work/fa" --sync >/dev/null; clusters+=("$work/fb")
  check "the standby is synchronous (remote_apply)" \
    test "$(sq fa -c "select sync_state from pg_stat_replication")/$(sq fa -c 'show synchronous_commit')" = sync/remote_apply
  local multi="host=$work/fa/socket,$work/fb/socket port=5432,5432 dbname=inquest target_session_attrs=read-write connect_timeout=2"
  run w1 "$multi" person add --case IR-R --name "Before Failover"
  expect 0 "checkpoint signed before the failover" aud "$multi" audit checkpoint --key "$work/key" --out "$work/before.checkpoint"

  local i stop="$work/stop-writers" pids=()
  rm -f "$stop"
  for i in 1 2 3 4 5 6 7 8; do
    (
      j=0
      while [ ! -f "$stop" ]; do
        j=$((j + 1)); name="Writer $i Item $j"; began=$(now)
        if PGUSER=w$i timeout 60 "$I" person add --case IR-R --name "$name" --database-url "$multi" >/dev/null 2>>"$work/writer.$i.err"; then
          echo "$(now) $began $name" >>"$work/ok.$i"
        else
          echo "$(now) $began $? $name" >>"$work/failed.$i"
        fi
      done
    ) &
    pids+=($!)
  done
  sleep 4
  local pid t_kill t_promoted
  pid=$(head -n 1 "$work/fa/data/postmaster.pid")
  t_kill=$(now)
  kill -9 "$pid"
  note "killed the primary's postmaster (pid $pid)"
  # A failover manager (Patroni) decides here; this test promotes at once, so the figure
  # below is PostgreSQL's and the CLI's part, without the manager's detection time.
  Scripts/pg-cluster.sh promote "$work/fb"
  t_promoted=$(now)
  sleep 6
  touch "$stop"
  local deadline=$((SECONDS + 120)) alive
  for pid in "${pids[@]}"; do
    while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
  done
  alive=0; for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=$((alive + 1)); done
  check "all writers finished (none hung)" test "$alive" = 0

  cat "$work"/ok.* | sort -n >"$work/ok"
  local committed failed_writes first_after resumed
  committed=$(wc -l <"$work/ok"); failed_writes=$(cat "$work"/failed.* 2>/dev/null | wc -l)
  # The first write begun after the kill that committed, and the last commit before it.
  first_after=$(awk -v t="$t_kill" '$2 > t {print $1}' "$work/ok" | sort -n | head -n 1)
  last_before=$(awk -v t="$t_kill" '$1 <= t {print $1}' "$work/ok" | tail -n 1)
  check "writes were committed before the kill" test "$(awk -v t="$t_kill" '$1 < t' "$work/ok" | wc -l)" -gt 0
  check "writes were committed after the promotion" test -n "$first_after"
  resumed=0
  for i in 1 2 3 4 5 6 7 8; do
    awk -v t="$t_kill" '$2 > t {found = 1} END {exit !found}' "$work/ok.$i" && resumed=$((resumed + 1))
  done
  check "every one of the 8 writers went on after the failover ($resumed of 8)" test "$resumed" = 8
  unavailable=$(seconds "$first_after" "$t_kill")
  gap=$(seconds "$first_after" "${last_before:-$t_kill}")
  promote_s=$(seconds "$t_promoted" "$t_kill")
  note "writes reported committed: $committed; reported failed: $failed_writes"
  note "unavailability: $unavailable s from kill -9 to the first commit of a write begun after it; no commit for $gap s (promotion took $promote_s s)"
  echo "$unavailable" >"${INQUEST_FAILOVER_REPORT:-/dev/null}"

  local B; B=$(url fb)
  # Every write the CLI reported as committed is on the promoted server.
  sed 's/^[^ ]* [^ ]* //' "$work/ok" | sort >"$work/ok.names"
  sq fb -c "select name from inquest.person_name where name like 'Writer %'" | sort >"$work/present.names"
  local missing; missing=$(comm -23 "$work/ok.names" "$work/present.names" | wc -l)
  check "every write reported committed is present after the failover ($committed checked, $missing missing)" test "$missing" = 0
  note "writes reported failed that landed anyway (commit acknowledged by no one): $(comm -12 <(cat "$work"/failed.* 2>/dev/null | sed 's/^[^ ]* [^ ]* [^ ]* //' | sort) "$work/present.names" | wc -l)"
  expect 0 "audit verify on the promoted server" aud "$B" audit verify
  check "every event is sealed" test "$(sq fb -c "select count(*) from inquest_audit.event e where not exists (select from inquest_audit.seal s where s.event_id = e.id)")" = 0
  check "the log has no gap and no repeat (seq 1..n, one seal per event, each with its tree nodes)" test "$(sq fb -c "
    select count(*) = max(seq) and count(distinct event_id) = count(*) and bool_and(s.nodes is not null)
      from inquest_audit.seal s")" = t
  expect 0 "the checkpoint signed before the failover verifies against the promoted server" \
    aud "$B" audit verify --checkpoint "$work/before.checkpoint" --public-key "$work/key.pub"
  check "it says the checkpoint holds" grep -q "checkpoint .* holds" <<<"$out"
  expect 0 "a write through the multi-host string lands on the promoted server" \
    w1 "$multi" person add --case IR-R --name "After Failover"
  done_with fb fa
}

# ---- 3. point-in-time recovery ------------------------------------------------------
stage_pitr() {
  note "point-in-time recovery: base backup + archived WAL, restored to a time T"
  new_primary pa
  local A; A=$(url pa)
  Scripts/pg-cluster.sh archive "$work/pa" "$work/archive"
  Scripts/pg-cluster.sh backup "$work/pa" "$work/base"
  local k
  for k in 1 2 3 4 5; do run w1 "$A" person add --case IR-R --name "Before T $k"; done
  expect 0 "checkpoint signed before T" aud "$A" audit checkpoint --key "$work/key" --out "$work/before-t.checkpoint"
  local head_seq head_hash target
  head_seq=$(head_of pa); head_hash=$(hash_of pa)
  sleep 1
  target=$(sq pa -c "select clock_timestamp()")
  sleep 1
  for k in 1 2 3 4 5; do run w2 "$A" person add --case IR-R --name "After T $k"; done
  expect 0 "checkpoint signed after T" aud "$A" audit checkpoint --key "$work/key" --out "$work/after-t.checkpoint"
  check "the log grew after T" test "$(head_of pa)" -gt "$head_seq"
  local wal i
  wal=$(sq pa -c "select pg_walfile_name(pg_switch_wal())")
  for ((i = 0; i < 600; i++)); do
    [ "$(sq pa -c "select coalesce(last_archived_wal >= '$wal', false) from pg_stat_archiver")" = t ] && break
    sleep 0.1
  done
  check "the WAL after T is archived" test -f "$work/archive/$wal"
  Scripts/pg-cluster.sh recover "$work/pr" "$work/base" "$work/archive" "$target" >/dev/null; clusters+=("$work/pr")
  local R; R=$(url pr)
  check "the recovered server is a primary" test "$(sq pr -c 'select pg_is_in_recovery()')" = f
  expect 0 "audit verify on the recovered server" aud "$R" audit verify
  check "its head is the last event sealed before T (seq $head_seq)" \
    test "$(head_of pr):$(hash_of pr)" = "$head_seq:$head_hash"
  check "the writes before T are there, those after T are not" \
    test "$(sq pr -c "select count(*) filter (where name like 'Before T %') || '/' || count(*) filter (where name like 'After T %') from inquest.person_name")" = 5/0
  expect 0 "the checkpoint signed before T verifies" \
    aud "$R" audit verify --checkpoint "$work/before-t.checkpoint" --public-key "$work/key.pub"
  expect 1 "the checkpoint signed after T does not" \
    aud "$R" audit verify --checkpoint "$work/after-t.checkpoint" --public-key "$work/key.pub"
  says "the log is shorter than the checkpoint" "it says the log is shorter than the checkpoint"
  expect 0 "the recovered server takes writes" w1 "$R" person add --case IR-R --name "After Recovery"
  expect 0 "and seals them onto the restored log" aud "$R" audit verify --checkpoint "$work/before-t.checkpoint" --public-key "$work/key.pub"
  done_with pr pa
}

# ---- 4. pg_dump / pg_restore -------------------------------------------------------
# What the product needs from the catalog of one database, for comparison. An ACL that
# equals the default is stored as NULL after a restore: compare the effective ACLs.
catalog_snapshot() {
  psql -X -qAt -v ON_ERROR_STOP=1 -h "$work/ba/socket" -U postgres -d "$1" <<'SQL'
select 'migration', version, name, checksum from inquest_migration.applied order by version;
select 'event trigger', evtname, evtevent, evtenabled, evtfoid::regproc from pg_event_trigger order by evtname;
select 'policy', schemaname, tablename, policyname, permissive, roles::text, cmd, qual, with_check from pg_policies order by 2, 3, 4;
select 'relation', n.nspname, c.relname, c.relkind, (select array_agg(a::text order by a::text) from unnest(coalesce(c.relacl, acldefault((case when c.relkind = 'S' then 's' else 'r' end)::"char", c.relowner))) a)::text, c.relrowsecurity, c.relforcerowsecurity,
       c.reloptions::text, pg_get_userbyid(c.relowner)
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
 where n.nspname like 'inquest%' or (n.nspname = 'pg_catalog' and c.relacl is not null and c.relkind = 'v')
 order by 2, 3;
select 'function', n.nspname, p.oid::regprocedure::text, (select array_agg(a::text order by a::text) from unnest(coalesce(p.proacl, acldefault('f'::"char", p.proowner))) a)::text, p.prosecdef, p.proleakproof,
       p.proconfig::text, p.provolatile, pg_get_userbyid(p.proowner)
  from pg_proc p join pg_namespace n on n.oid = p.pronamespace
 where n.nspname like 'inquest%' order by 2, 3;
select 'trigger', tgrelid::regclass::text, tgname, tgenabled, tgfoid::regproc from pg_trigger where not tgisinternal order by 2, 3;
select 'schema', nspname, (select array_agg(a::text order by a::text) from unnest(coalesce(nspacl, acldefault('n'::"char", nspowner))) a)::text from pg_namespace where nspname like 'inquest%' or nspname = 'public' order by 2;
select 'default acl', defaclrole::regrole, defaclnamespace::regnamespace, defaclobjtype, defaclacl::text from pg_default_acl order by 2, 3, 4;
select 'extension', extname, extnamespace::regnamespace from pg_extension order by 2;
select 'index', indexrelid::regclass::text, pg_get_indexdef(indexrelid) from pg_index i join pg_class c on c.oid = i.indrelid
 where c.relnamespace::regnamespace::text like 'inquest%' order by 2;
select 'role setting in this database', r.rolname, s.setconfig::text from pg_db_role_setting s
  left join pg_roles r on r.oid = s.setrole
 where s.setdatabase = (select oid from pg_database where datname = current_database()) order by 2;
select 'database acl', (select array_agg(a::text order by a::text) from unnest(coalesce(datacl, acldefault('d'::"char", datdba))) a)::text from pg_database where datname = current_database();
SQL
}

# The plan search_names runs, as an investigator, printed by auto_explain as notices.
search_plan() {
  psql -X -qAt -v ON_ERROR_STOP=1 -h "$work/ba/socket" -U postgres -d "$1" 2>&1 >/dev/null <<'SQL'
load 'auto_explain';
set auto_explain.log_min_duration = 0;
set auto_explain.log_nested_statements = on;
set auto_explain.log_level = notice;
set client_min_messages = notice;
set role w1;
select * from inquest.search_names('Nayeri', 'IR-R');
SQL
}

stage_backup() {
  note "backups: pg_dump and pg_restore into a fresh database of a cluster that has the roles"
  new_primary ba
  local A; A=$(url ba)
  run w1 "$A" person add --case IR-R --name "Hossein Ali Nayeri"
  # Enough names that an index beats reading the table.
  awk 'BEGIN {
    split("Ali Hossein Mostafa Ebrahim Mohammad Reza Hamid Morteza Javad Mahmoud", given, " ")
    split("Pourmohammadi Raisi Eshraghi Mahallati Shahabi Tabrizi Kazemi Rahimi Karimi Sadeghi", family, " ")
    srand(15); print "name"
    for (i = 0; i < 20000; i++)
      printf "%s %s-%05d %s\n", given[int(rand() * 10) + 1], family[int(rand() * 10) + 1], i, family[int(rand() * 10) + 1]
  }' >"$work/people.csv"
  expect 0 "20,000 names imported" adm "$A" import persons "$work/people.csv" --case IR-R
  expect 0 "checkpoint signed before the dump" aud "$A" audit checkpoint --key "$work/key" --out "$work/dump.checkpoint"
  sq ba -c "analyze"
  local dumped=$work/inquest.dump
  check "pg_dump -Fc of the Inquest database" \
    pg_dump -h "$work/ba/socket" -U postgres -d inquest -Fc -f "$dumped"
  createdb -h "$work/ba/socket" -U postgres restored
  check "pg_restore into a fresh database, without errors" \
    pg_restore -h "$work/ba/socket" -U postgres -d restored --exit-on-error "$dumped"
  local R; R=$(url ba restored)
  check "pg_restore alone does not carry the users' per-database settings (0013's session limits)" test \
    "$(sq ba -c "select count(*) from pg_db_role_setting where setdatabase = (select oid from pg_database where datname = 'restored')")" = 0
  expect 0 "inquest migrate on the restored database" postgres "$R" migrate --allow-superuser
  check "it finds the schema up to date" grep -q "schema is up to date" <<<"$out"
  says "re-applied the session limits of 11 user(s)" "it re-applies the users' session limits"
  run postgres "$R" migrate --allow-superuser
  check "a second run has nothing to re-apply" eval '! grep -q "re-applied" <<<"$err"'
  catalog_snapshot inquest >"$work/catalog.before"
  catalog_snapshot restored >"$work/catalog.after"
  if diff "$work/catalog.before" "$work/catalog.after" >"$work/catalog.diff"; then
    ok "after inquest migrate, the restored catalog matches: migrations, event triggers, policies, RLS flags, grants, revoked statistics views, functions (SECURITY DEFINER, LEAKPROOF, settings), triggers, indexes, default privileges, per-database role settings ($(wc -l <"$work/catalog.after") entries)"
  else
    not_ok "the restored catalog differs" "$(head -c 1500 "$work/catalog.diff")"
  fi
  check "the revoked statistics views are revoked in the restored database" test \
    "$(psql -X -qAt -h "$work/ba/socket" -U w1 -d restored -c "select has_table_privilege('pg_catalog.pg_stats', 'select')")" = f
  check "the trigram operators are not LEAKPROOF in the restored database (0011)" test \
    "$(psql -X -qAt -h "$work/ba/socket" -U postgres -d restored -c "select count(*) from pg_proc where pronamespace = 'inquest_ext'::regnamespace and proleakproof")" = 0
  expect 0 "audit verify on the restored database" aud "$R" audit verify
  check "the restored log has the same head" test "$(hash_of ba)" = "$(run aud "$R" audit verify --format json; json_field root <<<"$out")"
  expect 0 "the checkpoint signed before the dump verifies on the restored database" \
    aud "$R" audit verify --checkpoint "$work/dump.checkpoint" --public-key "$work/key.pub"
  local sealed; sealed=$(psql -X -qAt -h "$work/ba/socket" -U postgres -d restored -c "select count(*) from inquest_audit.seal")
  expect 0 "an investigator writes in the restored database" w1 "$R" person add --case IR-R --name "After Restore"
  check "the write was audited and sealed (audit triggers and sealer restored)" test \
    "$(psql -X -qAt -h "$work/ba/socket" -U postgres -d restored -c "select count(*) from inquest_audit.seal")" -gt "$sealed"
  expect 0 "name search in the restored database" w1 "$R" person search Nayeri --case IR-R
  check "it finds the person" grep -q "Hossein Ali Nayeri" <<<"$out"
  # pg_dump carries no planner statistics: a restore is followed by ANALYZE (documented).
  psql -X -qAt -h "$work/ba/socket" -U postgres -d restored -c "analyze" >/dev/null
  local plan; plan=$(search_plan restored)
  check "name search uses its trigram index after the restore (person_name_fold_trgm)" grep -q "person_name_fold_trgm" <<<"$plan"
  check "and not a sequential scan of person_name" eval '! grep -q "Seq Scan on person_name" <<<"$plan"'
  # The original, after its bulk import, plans a sequential scan until VACUUM has merged
  # the GIN index's pending list (a fresh restore builds the index whole): vacuumed, it
  # makes the same choice, so the check above tells an index that works from one that does not.
  sq ba -c "vacuum analyze inquest.person_name"
  plan=$(search_plan inquest)
  check "(the same plan check holds on the original database, vacuumed)" grep -q "person_name_fold_trgm" <<<"$plan"
  done_with ba
}

# ---- 5. pg_dump restored into another, fresh cluster ---------------------------------
# Transaction ids belong to a cluster: the dump carries the sealer's state and the events'
# txids of the source, whose counter is far ahead of a fresh cluster's (the usual disaster
# recovery). The sealer must notice and go on: new events sealed, the event pending at
# dump time sealed once, the checkpoints before and after consistent.
stage_restore() {
  note "pg_dump restored into a fresh cluster whose transaction ids are behind the source's"
  new_primary ra
  local A; A=$(url ra)
  run w1 "$A" person add --case IR-R --name "Before The Dump"
  local person; person=$(sq ra -c "select key from inquest.person order by id desc limit 1")
  expect 0 "checkpoint signed before the dump" aud "$A" audit checkpoint --key "$work/key" --out "$work/restore-before.checkpoint"
  "$I" witness keygen --name restore-test/witness --out "$work/witness" >/dev/null
  expect 0 "a witness cosigns it" aud "$A" witness cosign --key "$work/witness" --log-key "$work/key.pub" \
    --state "$work/witness.state" --checkpoint "$work/restore-before.checkpoint" --out /dev/null
  # The source has lived longer than the target: 3,000 transactions more.
  sq ra -c "do \$\$ begin for i in 1 .. 3000 loop perform pg_current_xact_id(); commit; end loop; end \$\$"
  expect 0 "the source seals (its sealed_below is now past those transactions)" aud "$A" audit verify
  check "pg_dump -Fc of the source, everything sealed" pg_dump -h "$work/ra/socket" -U postgres -d inquest -Fc -f "$work/sealed.dump"
  # An event pending at dump time: a write with psql, which does not seal.
  psql -X -qAt -v ON_ERROR_STOP=1 -h "$work/ra/socket" -U w1 -d inquest \
    -c "update inquest.person set description = 'Pending at the dump' where key = '$person'"
  check "one event is pending at dump time" test "$(sq ra -c "select count(*) from inquest_audit.pending")" = 1
  local dumped=$work/restore.dump
  pg_dumpall -h "$work/ra/socket" -U postgres --globals-only >"$work/roles.sql"
  check "pg_dump -Fc of the source" pg_dump -h "$work/ra/socket" -U postgres -d inquest -Fc -f "$dumped"

  Scripts/pg-cluster.sh start "$work/rb" >/dev/null; clusters+=("$work/rb")
  local B; B=$(url rb)
  # The roles (the superuser's own line fails: it exists).
  psql -X -q -h "$work/rb/socket" -U postgres -d postgres -f "$work/roles.sql" >/dev/null 2>&1 || true
  check "pg_restore into the fresh cluster, without errors" \
    pg_restore -h "$work/rb/socket" -U postgres -d inquest --single-transaction --exit-on-error "$dumped"
  check "the fresh cluster's transaction ids are behind the restored sealed_below and the pending event's txid" \
    test "$(sq rb -c "select pg_current_xact_id() < s.sealed_below and pg_current_xact_id() < (select max(txid) from inquest_audit.pending)
                       from inquest_private.seal_state s")" = t
  check "another cluster (system identifier)" test \
    "$(sq ra -c "select system_identifier from pg_control_system()")" != "$(sq rb -c "select system_identifier from pg_control_system()")"
  expect 0 "inquest migrate on the restored database" postgres "$B" migrate --allow-superuser

  # Without a pending event, the old sealer failed silently: new events stayed pending.
  createdb -h "$work/rb/socket" -U postgres sealed
  check "the dump with nothing pending restored beside it" \
    pg_restore -h "$work/rb/socket" -U postgres -d sealed --single-transaction --exit-on-error "$work/sealed.dump"
  expect 0 "inquest migrate there" postgres "$(url rb sealed)" migrate --allow-superuser
  expect 0 "a write there" w1 "$(url rb sealed)" person add --case IR-R --name "After The Quiet Restore"
  check "is sealed: nothing pending" test \
    "$(psql -X -qAt -h "$work/rb/socket" -U postgres -d sealed -c "select count(*) from inquest_audit.pending")" = 0
  expect 0 "audit verify there" aud "$(url rb sealed)" audit verify

  # A transaction of this cluster still open at the first seal (which re-bases): its
  # event must be sealed once it commits, not left below the new sealed_below.
  mkfifo "$work/open.fifo"
  psql -X -q -v ON_ERROR_STOP=1 -h "$work/rb/socket" -U w2 -d inquest -f "$work/open.fifo" >/dev/null &
  local open_psql=$! i
  exec 7>"$work/open.fifo"
  echo "begin; update inquest.person set description = 'Open during the first seal' where key = '$person';" >&7
  for ((i = 0; i < 300; i++)); do
    [ "$(sq rb -c "select count(*) from pg_stat_activity where usename = 'w2' and state = 'idle in transaction'")" = 1 ] && break
    sleep 0.1
  done
  check "a transaction of this cluster is open, with its write done" test "$i" -lt 300
  # (b) the event pending at dump time is sealed, once.
  expect 0 "audit verify on the restored database (it seals first)" aud "$B" audit verify
  echo "commit;" >&7; exec 7>&-
  check "the open transaction commits" wait "$open_psql"
  check "the event pending at the dump is sealed exactly once" test "$(sq rb -c "
    select count(*) from inquest_audit.seal s join inquest_audit.event e on e.id = s.event_id
     where e.record_key = '$person' and e.new_values ->> 'description' = 'Pending at the dump'")" = 1
  # (a) events written after the restore are sealed and verify: by the CLI (which seals)
  # and by psql (which does not; the next seal takes them).
  expect 0 "an investigator writes in the restored cluster" w1 "$B" person add --case IR-R --name "After The Restore"
  psql -X -qAt -v ON_ERROR_STOP=1 -h "$work/rb/socket" -U w2 -d inquest \
    -c "update inquest.person set description = 'Written with psql after the restore' where key = '$person'"
  expect 0 "audit verify after the writes" aud "$B" audit verify
  check "every event is sealed, none twice, seq 1..n without a gap" test "$(sq rb -c "
    select (select count(*) from inquest_audit.pending) = 0
       and count(*) = max(seq) and count(distinct event_id) = count(*)
       and count(*) = (select count(*) from inquest_audit.event) from inquest_audit.seal")" = t
  check "the writes after the restore are in the log, the one open during the first seal once" test "$(sq rb -c "
    select count(*) filter (where new_values::text like '%After The Restore%') > 0
       and count(*) filter (where new_values ->> 'description' = 'Written with psql after the restore') = 1
       and count(*) filter (where new_values ->> 'description' = 'Open during the first seal') = 1
      from inquest_audit.log")" = t
  # (c) a checkpoint signed before the dump is consistent with one signed after.
  expect 0 "checkpoint signed after the restore" aud "$B" audit checkpoint --key "$work/key" --out "$work/restore-after.checkpoint"
  expect 0 "the checkpoint signed before the dump verifies on the restored cluster" \
    aud "$B" audit verify --checkpoint "$work/restore-before.checkpoint" --public-key "$work/key.pub"
  expect 0 "audit consistency proves the one after extends the one before" \
    aud "$B" audit consistency "$work/restore-before.checkpoint" "$work/restore-after.checkpoint" --out "$work/restore.request"
  check "and the witness, checking the proof offline, cosigns it" eval '"$I" witness cosign --key "$work/witness" \
    --log-key "$work/key.pub" --state "$work/witness.state" --request "$work/restore.request" \
    --out "$work/restore-after.cosigned" >/dev/null 2>&1'
  # The source goes on as before.
  expect 0 "the source still seals and verifies" w1 "$A" person add --case IR-R --name "Source After The Dump"
  check "with nothing pending" test "$(sq ra -c "select count(*) from inquest_audit.pending")" = 0
  done_with rb ra
}

for stage in "${stages[@]}"; do
  start=$SECONDS
  "stage_$stage"
  note "stage $stage: $((SECONDS - start)) s"
done
echo "1..$n"
if [ "$failed" -gt 0 ]; then echo "# FAILED $failed of $n" >&2; exit 1; fi
echo "# all $n passed"
