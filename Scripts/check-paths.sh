#!/usr/bin/env bash
# Fails when two tracked paths differ only in letter case: on a case-insensitive file
# system (a default macOS checkout) they would be one file, and the clone is broken.
set -euo pipefail
cd "$(dirname "$0")/.."
clashes=$(git ls-files | awk '{ print tolower($0) "\t" $0 }' | sort | awk -F'\t' '
  $1 == last { print prev; print $2 } { last = $1; prev = $2 }' | sort -u)
if [ -n "$clashes" ]; then
  echo "error: tracked paths that differ only in letter case:" >&2
  echo "$clashes" >&2
  exit 1
fi
