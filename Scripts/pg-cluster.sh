#!/usr/bin/env bash
# Start, stop or describe a throwaway PostgreSQL 15 cluster living in one directory.
#
#   Scripts/pg-cluster.sh start DIR [PORT]   create (if needed) and start; prints settings
#   Scripts/pg-cluster.sh stop DIR           stop the server (data kept)
#   Scripts/pg-cluster.sh destroy DIR        stop and delete DIR (only if we created it)
#   Scripts/pg-cluster.sh env DIR            print the export lines for the cluster
#
# The server listens on a Unix socket inside DIR, and on 127.0.0.1:PORT only when a
# PORT is given. As root, initdb refuses to run, so the cluster belongs to the
# `postgres` system user. A marker file proves we created DIR: this script never
# touches a cluster it did not create.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

cmd=${1:-}; dir=${2:-}; port=${3:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop|destroy|env DIR [PORT]" >&2; exit 64; }

require_postgres
dir=$(mkdir -p "$dir" && cd "$dir" && pwd)
data="$dir/data"; sock="$dir/socket"; marker="$dir/.inquest-cluster"
superuser=${INQUEST_PG_SUPERUSER:-postgres}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

owned() { [ -f "$marker" ]; }

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
*) echo "usage: $0 start|stop|destroy|env DIR [PORT]" >&2; exit 64 ;;
esac
