#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end: a team lead acts for people from the command line (issue 11):
# cancel inside the cutoff (a reason required, kept on the place), move,
# group sign-up (all or nothing), attendance with hours (the waitlisted
# too), walk-ins, the tab-separated place list, and usage errors (exit 2).
# Runs as root, an admin. Needs $CSRDESK and sqlite3.
set -euo pipefail

: "${CSRDESK:?set CSRDESK to the csrdesk binary}"
work=$(mktemp -d "${TMPDIR:-/tmp}/csrdesk-cli-place-XXXXXX")
trap 'rm -rf "$work"' EXIT
export CSRDESK_CONFIG=/nonexistent-use-explicit-config
conf=$work/csrdesk.conf
db=$work/csrdesk.db

cli_test=cli_place
. "$(dirname "$0")/lib_cli.sh"

expect_out() { [[ $out == "$1" ]] || fail "expected '$1', got '$out'"; }
sql() { sqlite3 "$db" "$1"; }
# A time $1 hours from now, as initiative add takes it.
at() { date -d "@$(($(date +%s) + $1 * 3600))" '+%Y-%m-%d %H:%M'; }

printf 'signup {\n\tcancel_cutoff_hours = 24\n}\n' >"$conf"
run 0 init
printf '%s\n' 'employee_id,name,team' 'E1,Zoë Agent,Blue' 'E2,Ana Waiting,Blue' \
	'E3,Ion Walker,Red' 'E4,Mia Group,Red' 'E5,Tom Group,Red' >"$work/roster.csv"
run 0 import volunteers "$work/roster.csv"
add() { # TITLE STARTS_IN_HOURS CAPACITY
	run 0 initiative add --title "$1" --category health --capacity "$3" \
		--starts "$(at "$2")" --ends "$(at $(($2 + 2)))"
	echo "$out"
}
blood=$(add "Blood drive" 10 1)
saturday=$(add "Saturday shift" 50 3)
far=$(add "Far away" 200 2)

echo "--- cancel inside the cutoff: a reason is required, and kept"
run 0 signup "$blood" E1
expect_out confirmed
run 0 signup "$blood" E2
expect_out "waitlisted 1"
refused "A reason is required to give up Zoë Agent's place on 'Blood drive' less than 24 hours" \
	cancel "$blood" E1
[[ $(sql "SELECT status FROM signup WHERE volunteer_id = 1") == confirmed ]] ||
	fail "a refused cancel changed the place"
run 0 cancel "$blood" E1 --reason "moved to the Saturday shift"
expect_out $'cancelled\npromoted E2'
[[ $(sql "SELECT status || '|' || reason || '|' || changed_by_name FROM signup
	WHERE volunteer_id = 1") == "cancelled|moved to the Saturday shift|unix:root" ]] ||
	fail "the place does not remember who cancelled it and why"
[[ $(sql "SELECT count(*) FROM audit WHERE action = 'signup.cancel'
	AND detail LIKE '%for E1, reason: moved to the Saturday shift'") == 1 ]] ||
	fail "the audit entry does not name the person and the reason"
refused "--reason holds a control character" cancel "$blood" E2 --reason $'a\e[2J'

echo "--- move, and a refused move changes nothing"
run 0 signup "$far" E1
run 0 move "$far" "$saturday" E1 --reason "swap"
expect_out confirmed
[[ $(sql "SELECT group_concat(place, ' ') FROM (SELECT initiative_id || ':' || status AS place
	FROM signup WHERE volunteer_id = 1 AND initiative_id <> $blood ORDER BY id)") == "$far:cancelled $saturday:confirmed" ]] ||
	fail "move did not cancel on one and sign up on the other"
sql "UPDATE initiative SET status = 'closed' WHERE id = $far"
refused "'Far away' is closed for sign-ups" move "$saturday" "$far" E1
[[ $(sql "SELECT status FROM signup WHERE volunteer_id = 1 AND initiative_id = $saturday") == confirmed ]] ||
	fail "a refused move lost the place"

echo "--- group sign-up: all or nothing"
refused "Zoë Agent already has a place on 'Saturday shift'" signup "$saturday" E4 E1 E5
[[ $(sql "SELECT count(*) FROM signup WHERE initiative_id = $saturday AND status <> 'cancelled'") == 1 ]] ||
	fail "a refused group signed someone up"
refused "'Saturday shift' has no free place left for Ion Walker" signup "$saturday" E4 E5 E3
run 0 signup "$saturday" E4 E5
expect_out $'confirmed E4\nconfirmed E5'

echo "--- attendance: list, mark with hours, the waitlisted, walk-ins"
sql "UPDATE initiative SET capacity = 1 WHERE id = $blood"
run 0 signup "$blood" E5
expect_out "waitlisted 1"
refused "has not started yet" attendance "$blood" E2 attended
sql "UPDATE initiative SET starts_at = strftime('%s', 'now') - 3600,
	ends_at = strftime('%s', 'now') + 3600 WHERE id = $blood"
run 0 attendance "$blood"
expect_out $'E2\tAna Waiting\tconfirmed\nE5\tTom Group\twaitlisted'
run 0 attendance "$blood" E2 attended
expect_out attended
run 0 attendance "$blood" E5 attended --hours 1.5
run 0 attendance "$blood" --walk-in E3 --hours 0.75
expect_out attended
hours() { sql "SELECT coalesce(group_concat(e, ' '), '') FROM (SELECT v.employee_id || ':' ||
	h.minutes || ':' || h.status AS e FROM hours h JOIN volunteer v ON v.id = h.volunteer_id
	ORDER BY h.id)"; }
[[ $(hours) == "E2:120:approved E5:90:approved E3:45:approved" ]] ||
	fail "attendance recorded the wrong hours: $(hours)"
run 0 attendance "$blood" E2 attended --hours 2
[[ $(hours) == "E2:120:approved E5:90:approved E3:45:approved" ]] ||
	fail "marking attended again added hours: $(hours)"
run 0 attendance "$blood" E5 no-show
[[ $(hours) == "E2:120:approved E3:45:approved" ]] || fail "no-show kept the hours: $(hours)"
run 0 attendance "$blood"
expect_out $'E2\tAna Waiting\tattended\nE5\tTom Group\tno-show\nE3\tIon Walker\tattended'
refused "'Saturday shift' has not started yet" attendance "$saturday" --walk-in E3
refused "There is no initiative 999" attendance 999

echo "--- usage errors"
usage attendance "$blood" E2 came
usage attendance "$blood" E2 attended --hours lots
usage attendance "$blood" E2 attended --hours 0
usage attendance "$blood" --hours 2
usage attendance "$blood" --walk-in E3 E2 attended
usage attendance
usage cancel "$blood" E2 --hours 2
usage move "$blood" E2
usage signup "$blood"
usage signup x E1 E2
echo "cli_place: ok"
