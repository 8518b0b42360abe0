#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end: partners on the command line, by the partners dialog's
# rules. partner add prints the id; the fields land in the database;
# partner edit changes only the options given ("" empties one); partner
# list is tab-separated with a header, by name, a tab or line break in the
# notes written as a space. Refused (status 1, one line naming the field):
# a duplicate name, an empty name, a bad email, a control character, a
# value too long, a missing partner, an agent listing the contacts. Usage
# errors: status 2. Needs $CSRDESK and sqlite3.
set -euo pipefail

: "${CSRDESK:?set CSRDESK to the csrdesk binary}"
work=$(mktemp -d "${TMPDIR:-/tmp}/csrdesk-cli-partner-XXXXXX")
trap 'rm -rf "$work"' EXIT
export CSRDESK_CONFIG=/nonexistent-use-explicit-config
conf=$work/csrdesk.conf
db=$work/csrdesk.db

cli_test=cli_partner
. "$(dirname "$0")/lib_cli.sh"
command -v sqlite3 >/dev/null || fail "sqlite3 is needed (Debian: apt-get install sqlite3)"
sql() { sqlite3 -separator '|' "$db" "$1"; }

printf 'roles { admins = {"%s"} }\n' "$(id -un)" >"$conf"
run 0 init

run 0 partner add "Sea & Shore e.V." --contact "Ana Lima" --email ana@sea.example \
	--phone "+49 30 1234" --url https://sea.example --notes $'Boats\tand nets\nfor the beach'
sea=$out
[[ $sea =~ ^[0-9]+$ ]] || fail "partner add printed '$sea', not an id"
row=$(sql "SELECT name, contact, email, phone, website FROM partner WHERE id = $sea")
[[ $row == "Sea & Shore e.V.|Ana Lima|ana@sea.example|+49 30 1234|https://sea.example" ]] ||
	fail "the partner row is '$row'"
run 0 partner add "Blood Bank North" --website https://bb.example
bank=$out
[[ $(sql "SELECT count(*) FROM audit WHERE entity = 'partner' AND entity_id = $sea") -ge 1 ]] ||
	fail "adding a partner left no audit entry"
echo "cli_partner: ok: partner add prints the id ($sea, $bank); every field stored; audited"

run 0 partner edit "$sea" --phone "" --contact "Bo Berg"
[[ -z $out ]] || fail "partner edit printed '$out'"
row=$(sql "SELECT name, contact, email, phone, website FROM partner WHERE id = $sea")
[[ $row == "Sea & Shore e.V.|Bo Berg|ana@sea.example||https://sea.example" ]] ||
	fail "after partner edit the row is '$row'"
run 0 partner edit "$bank" --name "Blood Bank Nord"
echo "cli_partner: ok: partner edit changes only the fields given"

run 0 partner list
expected=$(printf 'id\tname\tcontact\temail\tphone\twebsite\tnotes\n%s\t%s\t\t\t\t%s\t\n%s\t%s\t%s\t%s\t\t%s\t%s' \
	"$bank" "Blood Bank Nord" https://bb.example \
	"$sea" "Sea & Shore e.V." "Bo Berg" ana@sea.example https://sea.example \
	"Boats and nets for the beach")
[[ $out == "$expected" ]] || fail "partner list is:
$out
expected:
$expected"
echo "cli_partner: ok: partner list: a header, then the partners by name, tab-separated"

run 1 partner add "Sea & Shore e.V."
[[ $err == *"A partner named Sea & Shore e.V. already exists"* ]] || fail "duplicate: '$err'"
run 1 partner add ""
[[ $err == *"Name"* ]] || fail "empty name: '$err'"
run 1 partner add "Green Aid" --email nope
[[ $err == *"Email must be an address like name@example.org"* ]] || fail "bad email: '$err'"
run 1 partner add "Green Aid" --contact $'Ana\e[31m'
[[ $err == *"control character"* ]] || fail "control character: '$err'"
run 1 partner add "Green Aid" --phone "$(printf '%0300d' 1)"
[[ $err == *"--phone is too long (at most 255 bytes)"* ]] || fail "too long: '$err'"
run 1 partner edit 999 --phone 1
[[ $err == *"There is no partner 999"* ]] || fail "missing partner: '$err'"
run 1 partner edit "$bank" --name "Sea & Shore e.V."
[[ $(sql "SELECT name FROM partner WHERE id = $bank") == "Blood Bank Nord" ]] ||
	fail "a refused edit changed the partner"
[[ $(sql "SELECT count(*) FROM partner") == 2 ]] || fail "a refused add added a partner"
echo "cli_partner: ok: duplicate, empty name, bad email, control character, too long, missing: refused, nothing written"

run 2 partner
run 2 partner remove 1
run 2 partner add
run 2 partner add A B
run 2 partner add A --fax 1
run 2 partner edit x --phone 1
run 2 partner list extra
run 2 partner list --name x
echo "cli_partner: ok: usage errors exit 2"

# An agent (a user named in no role): root is always an admin, so only
# when not run as root.
if [[ $(id -u) != 0 ]]; then
	printf 'roles { admins = {} leads = {} admin_group = "" lead_group = "" }\n' >"$work/agent.conf"
	status=0
	"$CSRDESK" --config "$work/agent.conf" --db "$db" partner list >"$work/out" 2>"$work/err" ||
		status=$?
	[[ $status == 1 && ! -s $work/out ]] || fail "an agent's partner list: status $status"
	"$CSRDESK" --config "$work/agent.conf" --db "$db" partner add X >/dev/null 2>&1 &&
		fail "an agent added a partner"
	echo "cli_partner: ok: an agent may neither list nor add partners"
fi
