#!/usr/bin/env bash
# The demo: builds Inquest, starts a throwaway PostgreSQL in .demo/ (replacing any earlier
# demo cluster), applies the schema, loads a demo case built from public facts, and tours it.
# The cluster keeps running afterwards so you can explore; the last lines say how.
set -euo pipefail
cd "$(dirname "$0")/.."
. Scripts/lib.sh
require_postgres

dir=${INQUEST_DEMO_DIR:-$PWD/.demo}
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
show() { printf '\n$ %s\n' "$*"; "$@"; }

step "building (first build takes a few minutes)"
swift build --product inquest 2>&1 | { grep -Ev '^\[[0-9]+/[0-9]+\]' || true; }
[ "${PIPESTATUS[0]}" = 0 ] || { echo "error: build failed" >&2; exit 1; }
bin="$(swift build --show-bin-path)"
export PATH="$bin:$PATH"

step "starting a throwaway PostgreSQL 15 in $dir"
[ -f "$dir/.inquest-cluster" ] && Scripts/pg-cluster.sh destroy "$dir"
settings=$(Scripts/pg-cluster.sh start "$dir")
eval "$settings"
echo "PGHOST=$PGHOST PGDATABASE=$PGDATABASE"

show inquest --version
show inquest migrate --allow-superuser
show inquest migrate --status --allow-superuser

step "loading the demo case IR-1988 (public facts; procedural records are fictitious)"
Scripts/demo-data.sh

step "users, access and the audit trail"
Scripts/demo-access.sh

step "done"
cat <<EOT
The demo cluster is still running. To explore:
  $(Scripts/pg-cluster.sh env "$dir" | tr '\n' ';') export PATH="$bin:\$PATH"
  inquest --help
Stop and remove it with: Scripts/pg-cluster.sh destroy $dir
EOT
