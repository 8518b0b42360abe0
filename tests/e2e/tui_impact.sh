#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end: the Impact panel on the demo data at 80x24 and 40x12. Its
# figures for this year must equal a count made by hand with sqlite3 and
# the same figures in `csrdesk report`.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || e2e_fail "sqlite3 is needed for the hand count"

export TZ=UTC # the hand count below draws the year's bounds in UTC
e2e_config "$E2E_TMP/csrdesk.conf" </dev/null
db=$E2E_TMP/csrdesk.db
e2e_start --size 80x24 TZ=UTC -- --config "$E2E_TMP/csrdesk.conf" --demo --db "$db"
e2e_wait_for "1 Initiatives"
e2e_keys 3
e2e_wait_for "Impact and goals"

# The hand count, straight from the tables (README, "Impact figures").
year=$(date -u +%Y)
bounds="strftime('%s', '$year-01-01') AND worked_on < strftime('%s', '$((year + 1))-01-01')"
# Hours as csrdesk writes them: two decimals at most, no trailing zeros.
as_hours="rtrim(rtrim(printf('%.2f', coalesce(sum(minutes), 0) / 60.0), '0'), '.')"
hours() { sqlite3 "$db" "SELECT $as_hours FROM hours
	WHERE status = '$1' AND worked_on >= $bounds"; }
approved=$(hours approved)
pending=$(hours pending)
active=$(sqlite3 "$db" "SELECT count(*) FROM volunteer WHERE active = 1")
participants=$(sqlite3 "$db" "SELECT count(*) FROM volunteer v WHERE v.active = 1 AND (
	EXISTS (SELECT 1 FROM signup s JOIN initiative i ON i.id = s.initiative_id
		WHERE s.volunteer_id = v.id AND s.status = 'attended'
		AND i.starts_at >= strftime('%s', '$year-01-01')
		AND i.starts_at < strftime('%s', '$((year + 1))-01-01'))
	OR EXISTS (SELECT 1 FROM hours h WHERE h.volunteer_id = v.id AND h.status = 'approved'
		AND h.worked_on >= $bounds))")
[[ $approved != 0 ]] || e2e_fail "the demo has no approved hours this year: nothing to compare"

# The screen without thousands separators (kept in a variable: grep -q
# closing a pipe early would fail the pipeline under pipefail).
screen_plain() { local s; s=$(e2e_screen); printf '%s\n' "${s//,/}"; }
panel=$(screen_plain)
grep -qE "Hours +$approved h approved,? $pending h pending" <<<"$panel" ||
	e2e_fail "panel hours differ from the hand count ($approved approved, $pending pending)"
grep -qE "Participation .*\($participants of $active active\)" <<<"$panel" ||
	e2e_fail "panel participation differs from the hand count ($participants of $active)"
rate=$(grep -oE "Participation +[0-9]+%" <<<"$panel" | grep -oE "[0-9]+%") ||
	e2e_fail "the panel shows no participation rate"
e2e_pass "80x24: hours and participation equal the hand count"

report=$("$CSRDESK" --config "$E2E_TMP/csrdesk.conf" --db "$db" report --format text | tr -d ',')
grep -qE "Volunteer hours,? approved +$approved\b" <<<"$report" ||
	e2e_fail "the report's approved hours differ from the panel's $approved"
grep -qE "Participants +$participants +of $active active volunteers: $rate\$" <<<"$report" ||
	e2e_fail "the report's participants differ from the panel's $participants of $active ($rate)"
e2e_pass "the report shows the same figures"

e2e_resize 40 12
e2e_wait_for "$approved h approved"
e2e_expect_line "^ Impact $year"
grep -qE "\($participants of $active" <<<"$(screen_plain)" ||
	e2e_fail "participation unreadable at 40x12"
e2e_pass "40x12: the figures stay readable"

# Scope: t opens a list of everyone, the sites, the teams and the
# categories; the last team (in name order) is picked by counting rows.
e2e_resize 80 24
e2e_wait_for "f period  t scope" # the keys in the heading: the width is back
team=$(sqlite3 "$db" "SELECT DISTINCT team FROM volunteer WHERE active = 1 AND team <> ''
	ORDER BY team DESC LIMIT 1")
rows=$(sqlite3 "$db" "SELECT (SELECT count(DISTINCT site) FROM volunteer
	WHERE active = 1 AND site <> '') + (SELECT count(DISTINCT team) FROM volunteer
	WHERE active = 1 AND team <> '')")
[[ -n $team ]] || e2e_fail "the demo has no teams: nothing to scope to"
team_hours() { sqlite3 "$db" "SELECT ${as_hours//minutes/h.minutes}
	FROM hours h JOIN volunteer v ON v.id = h.volunteer_id
	WHERE v.team = '$team' AND h.status = 'approved' AND h.worked_on >= $bounds"; }
team_approved=$(team_hours)
e2e_keys t
e2e_wait_for "Team $team"
for ((i = 0; i < rows; i++)); do e2e_keys Down; done
e2e_keys Enter
e2e_wait_for "Impact $year · Team $team"
e2e_wait_for " $team_approved h approved" # the screen may still be drawing
grep -qE "Hours +$team_approved h approved" <<<"$(screen_plain)" ||
	e2e_fail "team $team: panel hours differ from the hand count ($team_approved approved)"
report=$("$CSRDESK" --config "$E2E_TMP/csrdesk.conf" --db "$db" report --team "$team" \
	--format text | tr -d ',')
grep -qE "Volunteer hours,? approved +$team_approved\b" <<<"$report" ||
	e2e_fail "the team report's approved hours differ from the panel's $team_approved"
e2e_pass "team scope: hours equal the hand count and the team report"

# Another session approves 1.5 hours for the team: the panel reloads and
# keeps the scope.
sqlite3 "$db" "INSERT INTO hours (volunteer_id, worked_on, minutes, status, created_at)
	SELECT id, strftime('%s', 'now'), 90, 'approved', strftime('%s', 'now')
	FROM volunteer WHERE team = '$team' AND active = 1 LIMIT 1"
team_approved=$(team_hours)
e2e_wait_for "$team_approved h approved"
e2e_expect_line "Impact $year · Team $team"
e2e_pass "a live reload keeps the scope"

e2e_keys q
[[ $(e2e_wait_exit) == 0 ]] || e2e_fail "q did not end csrdesk with status 0"
e2e_pass "q quits"
