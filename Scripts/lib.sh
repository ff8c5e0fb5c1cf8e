# Shared by the scripts: where PostgreSQL is, and what to install when it is not.
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
export PATH="$PG_BIN:$PATH"

# Installs (as root on Debian) or names the packages the project needs.
require_postgres() {
  local missing=()
  [ -x "$PG_BIN/initdb" ] || missing+=(postgresql-15)
  [ -d /usr/share/postgresql/15/extension ] && [ -f /usr/share/postgresql/15/extension/pg_trgm.control ] \
    || missing+=(postgresql-contrib)
  [ -f /usr/include/postgresql/libpq-fe.h ] || missing+=(libpq-dev)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing: ${missing[*]}" >&2
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "error: missing ${missing[*]}; install with: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
}

# pgTAP and pg_prove, for the SQL test suites.
require_pgtap() {
  command -v pg_prove >/dev/null && [ -f /usr/share/postgresql/15/extension/pgtap.control ] && return 0
  local packages=(postgresql-15-pgtap libtap-parser-sourcehandler-pgtap-perl)
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing: ${packages[*]}" >&2
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
  else
    echo "error: missing pgTAP; install with: sudo apt-get install ${packages[*]}" >&2
    exit 1
  fi
}
