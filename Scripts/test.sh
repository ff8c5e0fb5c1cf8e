#!/usr/bin/env bash
# Runs every test against a throwaway PostgreSQL cluster that this script starts and
# removes: the Swift suites (driver, service layer, CLI binary) and the SQL suites
# (pgTAP, Tests/sql). Exits non-zero when anything fails.
#
#   Scripts/test.sh [swift test arguments, e.g. --filter Migrator]
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/check-paths.sh   # no two tracked paths differ only in letter case (macOS clones)
. Scripts/lib.sh
require_postgres
require_pgtap

cluster=$(mktemp -d "${TMPDIR:-/tmp}/inquest-test.XXXXXX")
rmdir "$cluster"
trap 'Scripts/pg-cluster.sh destroy "$cluster" >/dev/null 2>&1 || true' EXIT
# Unix socket only (a TCP port could clash with another cluster on the machine).
settings=$(Scripts/pg-cluster.sh start "$cluster")
eval "$settings"

echo "== building" >&2
swift build --build-tests 2>&1 | { grep -Ev '^\[[0-9]+/[0-9]+\]' || true; }
[ "${PIPESTATUS[0]}" = 0 ] || { echo "error: build failed" >&2; exit 1; }
export INQUEST_BIN="$(swift build --show-bin-path)/inquest"

# One migrated template; each test clones it (CREATE DATABASE … TEMPLATE is a file copy).
export INQUEST_TEST_TEMPLATE=inquest_template
createdb "$INQUEST_TEST_TEMPLATE"
"$INQUEST_BIN" migrate --allow-superuser --database-url "dbname=$INQUEST_TEST_TEMPLATE" >/dev/null

status=0
echo "== swift test" >&2
swift test --skip-build "$@" || status=1

if [ $# -eq 0 ] && ls Tests/sql/*.sql >/dev/null 2>&1; then
  echo "== SQL tests (pgTAP)" >&2
  createdb -T "$INQUEST_TEST_TEMPLATE" inquest_sql_tests
  psql -qX -v ON_ERROR_STOP=1 -d inquest_sql_tests \
    -c "create schema tap; create extension pgtap schema tap; grant usage on schema tap to public;"
  pg_prove -d inquest_sql_tests Tests/sql/*.sql || status=1
fi
if [ $# -eq 0 ]; then
  # Pseudo-terminal tests: each suite runs its own cluster (it restarts the server).
  for suite in Tests/pty/test_*.py; do
    [ -e "$suite" ] || continue
    echo "== $suite" >&2
    INQUEST_BIN="$INQUEST_BIN" python3 "$suite" || status=1
  done
fi
exit $status
