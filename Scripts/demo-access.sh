#!/usr/bin/env bash
# The access and audit part of the demo: creates an administrator, two investigators (one
# assigned), an auditor and a cleared investigator, shows what each one sees, then the
# audit log and its verification. Needs the demo case (Scripts/demo-data.sh) loaded and
# PGHOST/PGDATABASE pointing at the demo cluster, whose superuser sets things up.
# The demo cluster trusts its private socket, so users connect without typing passwords;
# the passwords below still travel as SCRAM verifiers, as they would in real use.
set -euo pipefail
show() { printf '\n$ %s\n' "$*"; "$@" || printf '(exit status %s)\n' "$?"; }
as() { local user=$1; shift; printf '\n[%s]$ inquest %s\n' "$user" "$*"; PGUSER=$user inquest "$@" || printf '(exit status %s)\n' "$?"; }

witness=$(inquest person list --case IR-1988 --role witness --format csv --allow-superuser | awk -F, 'NR == 2 {print $1}')

echo "== Users"
for spec in "amina admin" "bijan investigator" "cyrus investigator" "dana auditor"; do
  set -- $spec
  echo "demo-password" | inquest user add "$1" --role "$2" --allow-superuser
done
echo "demo-password" | inquest user add farid --role investigator --cleared --allow-superuser
show inquest user list --allow-superuser

echo
echo "== amina (admin) assigns bijan and farid to the case; cyrus stays unassigned"
as amina case assign IR-1988 bijan
as amina case assign IR-1988 farid

echo
echo "== What each one sees"
as bijan case list
as cyrus case list
as cyrus person show "$witness"
as bijan person show "$witness" --format json
echo
echo "-- a protected identity: the cleared, assigned investigator records it and may reveal it, with a reason"
printf 'Demo Realname (fictitious)\n' | PGUSER=farid inquest identity set "$witness" --notes "Demo only"
as farid identity reveal "$witness" --reason "preparing the hearing of 14 October 2026"
as bijan identity reveal "$witness" --reason "curiosity"
echo
echo "-- what they may not do"
as bijan case assign IR-1988 cyrus
as cyrus person add --case IR-1988 --name "Intruder"
as dana person add --case IR-1988 --name "Intruder"

echo
echo "== The audit trail (dana, auditor)"
as dana audit log --limit 12
as dana audit verify
