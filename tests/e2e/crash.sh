#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end crash safety: csrdesk is killed with SIGKILL in the middle of
# a large volunteer import and in the middle of bursts of sign-ups from
# many processes at once. After each kill the database passes PRAGMA
# integrity_check; an import is all or nothing and can be run again; every
# sign-up that was acknowledged (exit 0 and "confirmed" or "waitlisted N")
# is there as acknowledged, with its audit entry, no initiative has more
# confirmed places than its capacity, and the waitlist is in arrival order.
# Needs $CSRDESK and sqlite3.
. "$(dirname "$0")/lib.sh"

work=$E2E_TMP
conf=$work/csrdesk.conf
ROWS=20000     # an import of this many rows takes long enough to be killed halfway
WORKERS=16     # processes signing up at once
VOLUNTEERS=320 # for the sign-ups
ACKS=60        # acknowledged sign-ups in a round before the kill

fail() { e2e_fail "$@"; }

e2e_config "$conf" <<'EOF'
signup {
	waitlist = true
}
EOF

csr() { "$CSRDESK" --config "$conf" --db "$db" "$@"; }

# sql QUERY: runs QUERY on the database (sqlite3 also recovers the -wal a
# killed process left behind, as csrdesk's next session would).
sql() { sqlite3 -bail "$db" "$@"; }

# intact: integrity and foreign keys.
intact() {
	local check
	check=$(sql 'PRAGMA integrity_check')
	[[ $check == ok ]] || fail "$1: PRAGMA integrity_check says: $check"
	check=$(sql 'PRAGMA foreign_key_check')
	[[ -z $check ]] || fail "$1: PRAGMA foreign_key_check says: $check"
}

# Job control: each background job gets a process group of its own, so
# that one kill reaches the job and every process it started.
set -m

# ---- an import killed halfway

# roster FILE PREFIX NAME: ROWS volunteers PREFIX000001... called NAME N.
roster() {
	awk -v n="$ROWS" -v p="$2" -v name="$3" 'BEGIN {
		print "employee_id,name,team,site,email,skills"
		for (i = 1; i <= n; i++)
			printf "%s%06d,%s %d,Team %d,Site %d,%s%d@example.com,first aid;forklift\n",
				p, i, name, i, i % 40, i % 7, tolower(p), i
	}' >"$1"
}

# wal_size: bytes in the database's write-ahead log (0 when there is none).
wal_size() { stat -c %s "$db-wal" 2>/dev/null || echo 0; }

# import_killed CASE CSV WAL_BYTES COUNT_SQL: imports CSV and kills csrdesk
# once the import has written WAL_BYTES to the log; COUNT_SQL then counts
# the rows of this import, which must be none or all. Sets $killed_midway
# when none were there.
import_killed() {
	local case=$1 csv=$2 bytes=$3 count_sql=$4 pid status=0 count audits at
	[[ $(wal_size) == 0 ]] || fail "$case: a write-ahead log is there before the import"
	audits=$(sql "SELECT count(*) FROM audit WHERE action = 'roster.import'")
	"$CSRDESK" --config "$conf" --db "$db" import volunteers "$csv" >"$work/import.out" \
		2>"$work/import.err" &
	pid=$!
	while kill -0 "$pid" 2>/dev/null && (($(wal_size) < bytes)); do
		sleep 0.01
	done
	at=$(wal_size)
	kill -KILL -- "-$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || status=$?
	intact "$case"
	count=$(sql "$count_sql")
	killed_midway=no
	if ((count == 0)); then
		[[ $status == 137 ]] ||
			fail "$case: the import exited $status, yet imported nothing: $(cat "$work/import.err")"
		[[ $(sql "SELECT count(*) FROM audit WHERE action = 'roster.import'") == "$audits" ]] ||
			fail "$case: the killed import left its audit entry"
		killed_midway=yes
	elif ((count != ROWS)); then
		fail "$case: $count of the import's $ROWS rows are there: a part of an import"
	fi
	echo "$case: killed at $at bytes of log (at least $bytes), exit $status:" \
		"$count of $ROWS rows there"
}

echo "--- kill -9 during a $ROWS-row import"
db=$work/import.db
csr init >/dev/null
cp "$db" "$work/empty.db"
midway=0
for kb in 64 1024; do
	db=$work/import-$kb.db
	cp "$work/empty.db" "$db"
	roster "$work/roster.csv" "K${kb}X" "Volunteer"
	import_killed "import killed after $kb KiB" "$work/roster.csv" $((kb * 1024)) \
		"SELECT count(*) FROM volunteer WHERE employee_id LIKE 'K${kb}X%'"
	[[ $killed_midway == yes ]] && midway=$((midway + 1))
	out=$(csr import volunteers "$work/roster.csv")
	[[ $killed_midway == no || $out == "imported $ROWS rows: $ROWS added, 0 updated, 0 skipped" ]] ||
		fail "the import after the kill printed: $out"
	[[ $(sql 'SELECT count(*) FROM volunteer') == "$ROWS" ]] ||
		fail "after importing again the database does not hold exactly the $ROWS rows"
	intact "the import after the kill"
done
# An import that updates every row is all or nothing too.
roster "$work/renamed.csv" "K1024X" "Renamed"
import_killed "an update of every row, killed" "$work/renamed.csv" $((512 * 1024)) \
	"SELECT count(*) FROM volunteer WHERE name LIKE 'Renamed %'"
[[ $killed_midway == yes ]] && midway=$((midway + 1))
csr import volunteers "$work/renamed.csv" >/dev/null
[[ $(sql "SELECT count(*) FROM volunteer WHERE name LIKE 'Renamed %'") == "$ROWS" ]] ||
	fail "the update after the kill did not rename every row"
intact "the update after the kill"
# The test means something only if the kills came before the commits.
((midway > 0)) || fail "no kill landed in the middle of an import"
e2e_pass "imports killed midway: $midway of 3 killed before their commit, all or nothing each time"

# ---- bursts of sign-ups killed halfway

db=$work/signup.db
csr init >/dev/null
awk -v n="$VOLUNTEERS" 'BEGIN {
	print "employee_id,name,team"
	for (i = 1; i <= n; i++) printf "S%03d,Person %d,Team %d\n", i, i, i % 8
}' >"$work/people.csv"
csr import volunteers "$work/people.csv" >/dev/null
next_year=$(($(date +%Y) + 1))
initiatives=()
for round in 0 1 2; do
	ids=""
	for slot in 1 2 3 4; do
		day=$(printf '%02d' $((round * 4 + slot)))
		id=$(csr initiative add --title "Round $round slot $slot" --category environment \
			--capacity 5 --starts "$next_year-05-$day 09:00" --ends "$next_year-05-$day 12:00")
		ids+="$id "
	done
	initiatives+=("$ids")
done

# worker ROUND W: signs up volunteers W+1, W+1+WORKERS, ... for the round's
# initiatives, one csrdesk process each, and logs each acknowledged one as
# "INITIATIVE EMPLOYEE_ID STATUS [POSITION]". Only after csrdesk exited 0.
worker() {
	local round=$1 w=$2 v e i out log=$work/acks.$1.$2
	for ((v = w + 1; v <= VOLUNTEERS; v += WORKERS)); do
		printf -v e 'S%03d' "$v"
		for i in ${initiatives[$round]}; do
			out=$(csr signup "$i" "$e" 2>>"$work/errors.$round.$w") || continue
			[[ $out == confirmed || $out =~ ^waitlisted\ [0-9]+$ ]] ||
				echo "csrdesk signup $i $e printed: $out" >>"$work/errors.$round.$w"
			echo "$i $e $out" >>"$log"
		done
	done
	touch "$work/finished.$round.$w"
}

acks() {
	local logs=("$work"/acks.*)
	[[ -e ${logs[0]} ]] && cat "${logs[@]}" | wc -l || echo 0
}

# burst ROUND: WORKERS workers at once, all killed (csrdesk and all) once
# ACKS more sign-ups were acknowledged.
burst() {
	local round=$1 w pids=() before limit=$((120 * ${E2E_SLOW:-1})) deadline
	before=$(acks)
	deadline=$((SECONDS + limit))
	for ((w = 0; w < WORKERS; w++)); do
		worker "$round" "$w" &
		pids+=($!)
	done
	while (($(acks) < before + ACKS && SECONDS < deadline)); do
		sleep 0.05
	done
	for w in "${pids[@]}"; do
		kill -KILL -- "-$w" 2>/dev/null || true
	done
	for w in "${pids[@]}"; do
		wait "$w" 2>/dev/null || true
	done
	[[ -z $(compgen -G "$work/finished.$round.*") ]] ||
		fail "round $round: a worker finished before the kill; the kill was not mid-burst"
	if cat "$work"/errors.* 2>/dev/null | grep -q .; then
		fail "round $round: csrdesk failed: $(cat "$work"/errors.* | head -5)"
	fi
	(($(acks) >= before + ACKS)) ||
		fail "round $round: only $(($(acks) - before)) sign-ups were acknowledged in $limit s"
}

# The acknowledged sign-ups as a VALUES list for SQL.
ack_values() {
	cat "$work"/acks.* | awk '{
		printf "%s(%d, \x27%s\x27, \x27%s\x27, %s)", (NR > 1 ? ", " : ""), $1, $2, $3,
			($4 == "" ? "NULL" : $4)
	}'
}

# Every acknowledged sign-up is there with the status it was acknowledged
# with (there are no cancellations here, so no one moves up the waitlist)
# and at the position it was told.
check_acks() {
	local missing
	missing=$(sql "WITH ack (initiative_id, employee_id, status, position) AS
		(VALUES $(ack_values))
		SELECT a.initiative_id || ' ' || a.employee_id || ' ' || a.status ||
			ifnull(' ' || a.position, '')
		FROM ack a WHERE NOT EXISTS (
			SELECT 1 FROM signup s JOIN volunteer v ON v.id = s.volunteer_id
			WHERE s.initiative_id = a.initiative_id AND v.employee_id = a.employee_id
			AND s.status = a.status
			AND (a.position IS NULL OR a.position = 1 + (SELECT count(*) FROM signup w
				WHERE w.initiative_id = s.initiative_id AND w.status = 'waitlisted'
				AND w.id < s.id)))")
	[[ -z $missing ]] || fail "$1: acknowledged sign-ups are missing or differ: $missing"
}

# No initiative over capacity; places are taken in arrival order, first
# confirmed up to capacity, then waitlisted.
check_places() {
	local bad
	bad=$(sql "SELECT i.id FROM initiative i WHERE (SELECT count(*) FROM signup s
		WHERE s.initiative_id = i.id AND s.status = 'confirmed') > i.capacity")
	[[ -z $bad ]] || fail "$1: initiatives with more confirmed places than their capacity: $bad"
	bad=$(sql "SELECT w.id FROM signup w JOIN initiative i ON i.id = w.initiative_id
		WHERE w.status = 'waitlisted' AND (SELECT count(*) FROM signup s
			WHERE s.initiative_id = w.initiative_id AND s.status = 'confirmed'
			AND s.id < w.id) < i.capacity")
	[[ -z $bad ]] || fail "$1: sign-ups waitlisted while a place was free: $bad"
	bad=$(sql "SELECT s.id FROM signup s WHERE s.status NOT IN ('confirmed', 'waitlisted')")
	[[ -z $bad ]] || fail "$1: sign-ups neither confirmed nor waitlisted: $bad"
}

# Each sign-up has exactly one audit entry, and each entry its sign-up.
check_audit() {
	local bad
	bad=$(sql "SELECT 'signup ' || s.id FROM signup s WHERE (SELECT count(*) FROM audit a
			WHERE a.action = 'signup.add' AND a.entity = 'signup' AND a.entity_id = s.id) != 1
		UNION ALL SELECT 'audit ' || a.id FROM audit a WHERE a.action = 'signup.add'
			AND NOT EXISTS (SELECT 1 FROM signup s WHERE s.id = a.entity_id)")
	[[ -z $bad ]] || fail "$1: sign-ups and audit entries do not match: $bad"
}

echo "--- kill -9 during bursts of sign-ups from $WORKERS processes"
for round in 0 1 2; do
	burst "$round"
	intact "round $round"
	check_acks "round $round"
	check_places "round $round"
	check_audit "round $round"
	echo "round $round: $(acks) sign-ups acknowledged so far, $(sql 'SELECT count(*) FROM signup')" \
		"in the database ($(sql "SELECT count(*) FROM signup WHERE status = 'confirmed'") confirmed)"
done
# And the database goes on working.
id=$(csr initiative add --title "After the kills" --category environment --capacity 5 \
	--starts "$next_year-06-01 09:00" --ends "$next_year-06-01 12:00")
out=$(csr signup "$id" S001 2>&1) || fail "a sign-up after the kills failed: $out"
[[ $out == confirmed ]] || fail "a sign-up after the kills printed: $out"
intact "after the kills"
e2e_pass "sign-up bursts killed midway: $(acks) acknowledged sign-ups, all there"

echo "crash: all passed"
