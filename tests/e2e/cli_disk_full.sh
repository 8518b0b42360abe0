#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end: a full disk. The database lives on a small tmpfs; an import
# that outgrows it, and a signup once a filler file took the rest, fail
# with exit 1 and one line saying the disk is full (not "disk I/O error");
# afterwards the database is intact and works again once there is room.
# Needs root (to mount the tmpfs; else skipped with exit 77), $CSRDESK and
# sqlite3.
set -euo pipefail

: "${CSRDESK:?set CSRDESK to the csrdesk binary}"
skip() {
	echo "cli_disk_full: SKIP: $*"
	exit 77
}
[[ $(id -u) == 0 ]] || skip "mounting a small tmpfs needs root"
work=$(mktemp -d "${TMPDIR:-/tmp}/csrdesk-cli-full-XXXXXX")
mnt=$work/mnt
mkdir "$mnt"
cleanup() {
	umount "$mnt" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT
why=$(mount -t tmpfs -o size=1m,mode=0700 csrdesk-test "$mnt" 2>&1) ||
	skip "cannot mount a tmpfs here: $why"

export CSRDESK_CONFIG=/nonexistent-use-explicit-config
conf=$work/csrdesk.conf
db=$mnt/csrdesk.db
printf 'roles { admins = {"%s"} }\n' "$(id -un)" >"$conf"

cli_test=cli_disk_full
. "$(dirname "$0")/lib_cli.sh"

# disk_full ARGS...: exit 1 with the one line that says so.
disk_full() {
	run 1 "$@"
	[[ $(wc -l <"$work/err") == 1 ]] || fail "csrdesk $*: expected one line on stderr: $err"
	[[ $err == "csrdesk: $db: "*": the disk is full (no space left on device); free some space and try again"* ]] ||
		fail "csrdesk $*: the message does not say the disk is full: $err"
}

intact() {
	[[ $(sqlite3 "$db" 'PRAGMA integrity_check') == ok ]] || fail "the database is damaged"
}

run 0 init
printf 'employee_id,name,team\nE1,Ann,Blue\nE2,Bob,Blue\n' >"$work/roster.csv"
run 0 import volunteers "$work/roster.csv"
year=$(($(date +%Y) + 1))
run 0 initiative add --title "Tree planting" --category environment --capacity 5 \
	--starts "$year-04-18 09:00" --ends "$year-04-18 13:00"
id=$out

echo "--- an import larger than the disk"
awk 'BEGIN { print "employee_id,name,team,site,email,skills"
	for (i = 0; i < 20000; i++)
		printf "X%d,Person number %d with a long name,Team %d,Site %d,p%d@example.org,first aid forklift mentoring\n", i, i, i % 50, i % 7, i }' \
	>"$work/big.csv"
disk_full import volunteers "$work/big.csv"
intact
[[ $(sqlite3 "$db" 'SELECT count(*) FROM volunteer') == 2 ]] || fail "part of the import was kept"

echo "--- a signup once the disk is full"
dd if=/dev/zero of="$mnt/filler" bs=4k 2>/dev/null || true # until ENOSPC
disk_full signup "$id" E1
rm "$mnt/filler"
intact
[[ $(sqlite3 "$db" 'SELECT count(*) FROM signup') == 0 ]] || fail "the failed signup was kept"

echo "--- with room again, it works"
run 0 signup "$id" E1
[[ $out == confirmed ]] || fail "signup printed '$out'"
intact

echo "cli_disk_full: all passed"
