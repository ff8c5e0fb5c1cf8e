# Shared by the scripts: where PostgreSQL is, and what to install when it is not.
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
export PATH="$PG_BIN:$PATH"

# Installs the named Debian packages (as root with apt-get), or says exactly what to run.
install_or_explain() {
  [ $# -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing: $*" >&2
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    echo "error: missing $*; install with: sudo apt-get install $*" >&2
    exit 1
  fi
}

# PostgreSQL 15 server, its contrib extensions, and libpq's headers.
require_postgres() {
  local missing=()
  [ -x "$PG_BIN/initdb" ] || missing+=(postgresql-15)
  [ -f /usr/share/postgresql/15/extension/pg_trgm.control ] || missing+=(postgresql-contrib)
  [ -f /usr/include/postgresql/libpq-fe.h ] || missing+=(libpq-dev)
  install_or_explain ${missing[@]+"${missing[@]}"}
}

# pgTAP and pg_prove, for the SQL test suites.
require_pgtap() {
  local missing=()
  [ -f /usr/share/postgresql/15/extension/pgtap.control ] || missing+=(postgresql-15-pgtap)
  command -v pg_prove >/dev/null || missing+=(libtap-parser-sourcehandler-pgtap-perl)
  install_or_explain ${missing[@]+"${missing[@]}"}
}
