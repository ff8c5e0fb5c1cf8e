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

step "reports"
mahallati=$(inquest person search "Mahallati" --case IR-1988 --format csv --allow-superuser | awk -F, 'NR == 2 {print $1}')
show inquest person timeline "$mahallati" --as-of 1988-12-01 --allow-superuser
show inquest person dossier "$mahallati" --out "$dir/dossier-mahallati.html" --allow-superuser
show inquest case summary IR-1988 --allow-superuser
echo "Open $dir/dossier-mahallati.html in a browser (it needs no network)."

step "done"
cat <<EOT
The demo cluster is still running. To explore:
  $(Scripts/pg-cluster.sh env "$dir" | tr '\n' ';') export PATH="$bin:\$PATH"
  inquest --help
Stop and remove it with: Scripts/pg-cluster.sh destroy $dir
EOT
