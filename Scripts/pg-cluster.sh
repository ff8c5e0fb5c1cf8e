#!/usr/bin/env bash
# Start, stop or describe a throwaway PostgreSQL 15 cluster living in one directory.
#
#   Scripts/pg-cluster.sh start DIR [PORT]   create (if needed) and start; prints settings
#   Scripts/pg-cluster.sh stop DIR           stop the server (data kept)
#   Scripts/pg-cluster.sh destroy DIR        stop and delete DIR (only if we created it)
#   Scripts/pg-cluster.sh env DIR            print the export lines for the cluster
#
# Replication, backups and point-in-time recovery (docs/replication.md):
#   Scripts/pg-cluster.sh replica DIR PRIMARY_DIR [--sync] [PORT]
#       a hot standby of the cluster in PRIMARY_DIR, made by pg_basebackup, streaming
#       from it over its socket; --sync makes it synchronous (the primary's commits wait
#       until the standby has applied them: synchronous_commit = remote_apply); prints
#       the export lines for the standby, as start does
#       (a synchronous standby that is destroyed leaves its primary waiting at every
#       commit: promote another, or `alter system reset synchronous_standby_names`)
#   Scripts/pg-cluster.sh promote DIR        promote the standby in DIR to a primary
#   Scripts/pg-cluster.sh archive DIR ARCHIVE_DIR
#       WAL archiving of the cluster in DIR into ARCHIVE_DIR (restarts the server)
#   Scripts/pg-cluster.sh backup DIR BACKUP_DIR
#       a base backup of the cluster in DIR (pg_basebackup, plain, WAL included)
#   Scripts/pg-cluster.sh recover DIR BACKUP_DIR ARCHIVE_DIR [TARGET_TIME]
#       a new cluster in DIR from a base backup, replaying archived WAL up to
#       TARGET_TIME (a timestamptz; default: all of it), then promoted; prints export lines
#
# The server listens on a Unix socket inside DIR, and on 127.0.0.1:PORT only when a
# PORT is given. As root, initdb refuses to run, so the cluster belongs to the
# `postgres` system user. A marker file proves we created DIR: this script never
# touches a cluster it did not create.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

usage="usage: $0 start|stop|destroy|env DIR [PORT]
       $0 replica DIR PRIMARY_DIR [--sync] [PORT]
       $0 promote DIR
       $0 archive DIR ARCHIVE_DIR
       $0 backup DIR BACKUP_DIR
       $0 recover DIR BACKUP_DIR ARCHIVE_DIR [TARGET_TIME]"
cmd=${1:-}; dir=${2:-}; port=${3:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "$usage" >&2; exit 64; }

require_postgres
dir=$(mkdir -p "$dir" && cd "$dir" && pwd)
data="$dir/data"; sock="$dir/socket"; marker="$dir/.inquest-cluster"
superuser=${INQUEST_PG_SUPERUSER:-postgres}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

owned() { [ -f "$marker" ]; }

# The directory of another cluster this script created (the primary of a replica).
cluster_dir() {
  local d
  d=$(cd "$1" 2>/dev/null && pwd) && [ -f "$d/.inquest-cluster" ] \
    || { echo "error: $1 is not a cluster created by this script" >&2; exit 1; }
  echo "$d"
}

# A directory for the server's files (archive, backup): created if needed, owned by the
# server's user. Paths go into server settings in quotes, so they must be plain.
server_dir() {
  case "$1" in *[!A-Za-z0-9/._-]*) echo "error: $1: use a path of letters, digits and / . _ - only" >&2; exit 64 ;; esac
  mkdir -p "$1"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$1"
  (cd "$1" && pwd)
}

# A new, empty DIR with our marker and a private socket directory.
new_layout() {
  owned && { echo "error: $dir already holds a cluster; destroy it first" >&2; exit 1; }
  [ -z "$(ls -A "$dir")" ] || { echo "error: $dir is not empty; give an empty or new directory" >&2; exit 1; }
  touch "$marker"
  mkdir -p "$sock"
  echo "${port:-5432}" >"$dir/port"
  [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$dir"
  return 0
}

# Settings of a cluster made from a copy of another's data directory: its own socket
# and address (appended last, so they win over the copied ones).
own_settings() {
  cat >>"$data/postgresql.conf" <<CONF
# $(basename "$dir") (Scripts/pg-cluster.sh $cmd)
listen_addresses = '${port:+127.0.0.1}'
unix_socket_directories = '$sock'
CONF
}

# Settings made with ALTER SYSTEM on the source are copied too: drop those that must
# not follow (a standby's name list would make the copy wait for standbys it lacks).
drop_auto_settings() {
  local pattern=$1 auto="$data/postgresql.auto.conf"
  [ -f "$auto" ] || return 0
  grep -Ev "$pattern" "$auto" >"$auto.new" || true
  mv "$auto.new" "$auto"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$auto"
  return 0
}

start_server() {
  as_owner "$PG_BIN/pg_ctl" -D "$data" -l "$dir/server.log" -o "-p $(cat "$dir/port")" -w -t 120 start >/dev/null \
    || { tail -n 20 "$dir/server.log" >&2; exit 1; }
}

# Runs psql as the superuser on the cluster in directory $1.
psql_on() {
  local d=$1; shift
  "$PG_BIN/psql" -X -qAt -v ON_ERROR_STOP=1 -h "$d/socket" -p "$(cat "$d/port")" -U "$superuser" -d postgres "$@"
}

# Waits up to $2 seconds for the query $3 on the cluster in $1 to print "t".
wait_for() {
  local d=$1 seconds=$2 query=$3 i
  for ((i = 0; i < seconds * 10; i++)); do
    [ "$(psql_on "$d" -c "$query" 2>/dev/null)" = t ] && return 0
    sleep 0.1
  done
  return 1
}

print_env() {
  local p; p=$(cat "$dir/port")
  echo "export PGHOST=$sock"
  echo "export PGPORT=$p"
  echo "export PGUSER=$superuser"
  echo "export PGDATABASE=inquest"
}

case "$cmd" in
start)
  if [ -d "$data" ] && ! owned; then
    echo "error: $data exists but was not created by this script; refusing to touch it" >&2; exit 1
  fi
  if ! owned; then
    [ -z "$(ls -A "$dir")" ] || { echo "error: $dir is not empty; give an empty or new directory" >&2; exit 1; }
    touch "$marker"
    mkdir -p "$sock"
    [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$dir"
    as_owner "$PG_BIN/initdb" -D "$data" -U "$superuser" --auth=trust --encoding=UTF8 \
      --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    # A throwaway cluster: speed over durability, trust only on the private socket.
    cat >>"$data/postgresql.conf" <<CONF
listen_addresses = '${port:+127.0.0.1}'
unix_socket_directories = '$sock'
fsync = off
full_page_writes = off
max_connections = 100
shared_buffers = 256MB
log_min_messages = warning
CONF
    echo "${port:-5432}" >"$dir/port"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir/port" "$marker"
  fi
  if ! as_owner "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    as_owner "$PG_BIN/pg_ctl" -D "$data" -l "$dir/server.log" -o "-p $(cat "$dir/port")" -w start >/dev/null \
      || { tail -n 20 "$dir/server.log" >&2; exit 1; }
  fi
  eval "$(print_env)"
  "$PG_BIN/psql" -qAt -d postgres -c "select 1 from pg_database where datname = 'inquest'" | grep -q 1 \
    || "$PG_BIN/createdb" inquest
  print_env
  ;;
stop)
  owned || { echo "error: $dir was not created by this script" >&2; exit 1; }
  as_owner "$PG_BIN/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
  ;;
destroy)
  owned || { echo "error: $dir was not created by this script" >&2; exit 1; }
  as_owner "$PG_BIN/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  ;;
env)
  owned || { echo "error: $dir was not created by this script" >&2; exit 1; }
  print_env
  ;;
replica)
  primary=$(cluster_dir "${3:-}"); sync=false; port=
  for arg in "${@:4}"; do
    case "$arg" in --sync) sync=true ;; [0-9]*) port=$arg ;; *) echo "$usage" >&2; exit 64 ;; esac
  done
  [ "$primary" != "$dir" ] || { echo "error: a cluster cannot be its own replica" >&2; exit 64; }
  new_layout
  # The standby's name on the primary (pg_stat_replication.application_name).
  name=$(basename "$dir" | tr -c 'A-Za-z0-9_\n' _)
  as_owner "$PG_BIN/pg_basebackup" -h "$primary/socket" -p "$(cat "$primary/port")" -U "$superuser" \
    -D "$data" -X stream --checkpoint=fast >"$dir/basebackup.log" 2>&1 || { cat "$dir/basebackup.log" >&2; exit 1; }
  drop_auto_settings '^(synchronous_standby_names|primary_conninfo|restore_command|recovery_target)'
  own_settings
  cat >>"$data/postgresql.conf" <<CONF
primary_conninfo = 'host=$primary/socket port=$(cat "$primary/port") user=$superuser application_name=$name'
hot_standby = on
hot_standby_feedback = on
CONF
  as_owner touch "$data/standby.signal"
  start_server
  wait_for "$primary" 60 "select exists (select from pg_stat_replication where application_name = '$name' and state = 'streaming')" \
    || { echo "error: the standby in $dir does not stream from $primary; see $dir/server.log" >&2; exit 1; }
  if $sync; then
    psql_on "$primary" -c "alter system set synchronous_standby_names = '\"$name\"'" \
      -c "alter system set synchronous_commit = 'remote_apply'" -c "select pg_reload_conf()" >/dev/null
    wait_for "$primary" 60 "select exists (select from pg_stat_replication where application_name = '$name' and sync_state = 'sync')" \
      || { echo "error: the standby in $dir did not become synchronous" >&2; exit 1; }
  fi
  print_env
  ;;
promote)
  owned || { echo "error: $dir was not created by this script" >&2; exit 1; }
  as_owner "$PG_BIN/pg_ctl" -D "$data" -w -t 120 promote >/dev/null
  # A promoted synchronous standby has no standby of its own: it must not wait for one.
  psql_on "$dir" -c "alter system reset synchronous_standby_names" -c "select pg_reload_conf()" >/dev/null
  ;;
archive)
  owned || { echo "error: $dir was not created by this script" >&2; exit 1; }
  [ -n "${3:-}" ] || { echo "$usage" >&2; exit 64; }
  archive=$(server_dir "$3")
  psql_on "$dir" -c "alter system set archive_mode = on" \
    -c "alter system set archive_command = 'test ! -f $archive/%f && cp %p $archive/%f'" \
    -c "alter system set archive_timeout = '60s'" >/dev/null
  as_owner "$PG_BIN/pg_ctl" -D "$data" -l "$dir/server.log" -o "-p $(cat "$dir/port")" -m fast -w -t 120 restart >/dev/null \
    || { tail -n 20 "$dir/server.log" >&2; exit 1; }
  ;;
backup)
  owned || { echo "error: $dir was not created by this script" >&2; exit 1; }
  [ -n "${3:-}" ] || { echo "$usage" >&2; exit 64; }
  backup=$(server_dir "$3")
  [ -z "$(ls -A "$backup")" ] || { echo "error: $backup is not empty" >&2; exit 1; }
  as_owner "$PG_BIN/pg_basebackup" -h "$sock" -p "$(cat "$dir/port")" -U "$superuser" -D "$backup/data" \
    -X stream --checkpoint=fast >"$backup/basebackup.log" 2>&1 || { cat "$backup/basebackup.log" >&2; exit 1; }
  ;;
recover)
  backup=${3:-}; archive=${4:-}; target=${5:-}; port=
  [ -n "$backup" ] && [ -n "$archive" ] || { echo "$usage" >&2; exit 64; }
  [ -f "$backup/data/backup_label" ] || { echo "error: $backup holds no base backup (Scripts/pg-cluster.sh backup)" >&2; exit 1; }
  archive=$(server_dir "$archive")
  case "$target" in *"'"*|*\\*) echo "error: TARGET_TIME: not a timestamp" >&2; exit 64 ;; esac
  new_layout
  cp -a "$backup/data" "$data"
  rm -f "$data/postmaster.pid" "$data/standby.signal"
  # The copy does not archive into the archive it recovers from (archive it again with
  # `archive`, into a new directory, once it is in service).
  drop_auto_settings '^(synchronous_standby_names|primary_conninfo|archive_|restore_command|recovery_target)'
  own_settings
  cat >>"$data/postgresql.conf" <<CONF
restore_command = 'cp $archive/%f %p'
recovery_target_action = 'promote'
${target:+recovery_target_time = '$target'}
CONF
  as_owner touch "$data/recovery.signal"
  [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$data"
  start_server
  wait_for "$dir" 300 "select not pg_is_in_recovery()" \
    || { echo "error: recovery in $dir did not finish; see $dir/server.log" >&2; tail -n 5 "$dir/server.log" >&2; exit 1; }
  print_env
  ;;
*) echo "$usage" >&2; exit 64 ;;
esac
