#!/bin/sh
# The replica's entry point: on first start, a base backup of the primary (its own
# replication slot, so the primary keeps the WAL it has not yet received), then a hot
# standby streaming from it. Runs as the postgres user.
set -eu
: "${REPLICATION_PASSWORD:?set REPLICATION_PASSWORD}"
name=${REPLICA_NAME:-replica}
umask 077
printf '%s\n' "db:5432:replication:replicator:$REPLICATION_PASSWORD" >"$HOME/.pgpass"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_isready -h db -p 5432 -q; do sleep 1; done
  pg_basebackup -h db -p 5432 -U replicator -D "$PGDATA" -X stream -C -S "$name" --checkpoint=fast
  touch "$PGDATA/standby.signal"
  chmod 700 "$PGDATA"
fi
exec postgres \
  -c hot_standby=on -c hot_standby_feedback=on \
  -c "primary_conninfo=host=db port=5432 user=replicator application_name=$name passfile=$HOME/.pgpass" \
  -c "primary_slot_name=$name" \
  -c synchronous_standby_names=
