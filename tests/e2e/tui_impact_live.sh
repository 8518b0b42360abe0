#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end: the Impact panel draws first and counts after, and counts
# only when it must (issue 15). The SQL csrdesk runs is seen through a
# preloaded wrapper of sqlite3_step (sql_log.c: the test's, not a hook in
# the program), which can also make every statement slow, so that what the
# screen shows while the panel counts can be seen. A count is recognised
# by the first statement the panel ran of its own when it first showed.
. "$(dirname "$0")/lib.sh"
e2e_need_sql_log

export TZ=UTC
e2e_config "$E2E_TMP/csrdesk.conf" </dev/null
db=$E2E_TMP/csrdesk.db
log=$E2E_TMP/sql.log
slow=$E2E_TMP/slow # while it exists, each statement waits 150 ms
LIVE=$((2 * E2E_SLOW + 1)) # "within ~2 s": a look a second, then the count
e2e_start --size 100x30 TZ=UTC LD_PRELOAD="$E2E_SQL_LOG_LIB" E2E_SQL_LOG="$log" \
	E2E_SQL_SLOW="$slow" E2E_SQL_SLOW_MS=150 \
	ASAN_OPTIONS="verify_asan_link_order=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}" \
	-- --config "$E2E_TMP/csrdesk.conf" --demo --db "$db"
e2e_wait_for "1 Initiatives"

# The test's own reads and writes wait for the lock as another csrdesk
# session would (its busy timeout): the panel writes too, to store a count
# it made for every session (figures_cache) or a range's participation.
sql() { sqlite3 -cmd ".timeout 10000" "$db" "$@"; }

year=$(date -u +%Y)
bounds="strftime('%s', '$year-01-01') AND h.worked_on < strftime('%s', '$((year + 1))-01-01')"
as_hours="rtrim(rtrim(printf('%.2f', coalesce(sum(h.minutes), 0) / 60.0), '0'), '.')"
approved() { # [TEAM]: approved hours this year, as the panel writes them
	sql "SELECT $as_hours FROM hours h JOIN volunteer v ON v.id = h.volunteer_id
		WHERE h.status = 'approved' AND h.worked_on >= $bounds
		${1:+AND v.team = '$1'}"
}
# Another session logs 1.5 approved hours for the first active volunteer.
write_hours() {
	sql "INSERT INTO hours (volunteer_id, worked_on, minutes, status, created_at)
		SELECT id, strftime('%s', 'now'), 90, 'approved', strftime('%s', 'now')
		FROM volunteer WHERE active = 1 ORDER BY id LIMIT 1"
}
screen_plain() { local s; s=$(e2e_screen); printf '%s\n' "${s//,/}"; }
shows_hours() { grep -qE "Hours +$1 h approved" <<<"$(screen_plain)"; }
lines() { wc -l <"$log"; }

# The first showing of Impact: what it runs that nothing ran before is
# its count; the first of those statements marks each count.
before=$(lines)
e2e_keys 3
e2e_wait_for "Impact and goals"
e2e_wait_until "$LIVE" "the first figures did not show" shows_hours "$(approved)"
# (Not the figures cache's statements: a look at it is no count.)
window=$(tail -n +"$((before + 1))" "$log" | grep -vF "PRAGMA" |
	grep -vE "figures_(generation|cache)" || true)
marker=$(grep -vxF -f <(head -n "$before" "$log") <<<"$window" | head -n 1 || true)
[[ -n $marker ]] || e2e_fail "the Impact panel ran no SQL of its own (see $log)"
per_count=$(grep -cxF -- "$marker" <<<"$window")
# counts_since N: the counts made after line N of the log.
counts_since() {
	local n
	n=$(tail -n +"$(($1 + 1))" "$log" | grep -cxF -- "$marker" || true)
	echo $((n / per_count))
}
e2e_pass "the first count is recognised by its first statement"

mark=$(lines)
e2e_keys 2
e2e_wait_for "Active volunteers"
e2e_keys 3
e2e_wait_for "Impact and goals"
sleep 1.5 # a look for changes passes, and finds none
(($(counts_since "$mark") == 0)) || e2e_fail "switching back with nothing changed counted again"
e2e_pass "switching back to Impact with nothing changed counts nothing"

e2e_keys 2
e2e_wait_for "Active volunteers"
mark=$(lines)
for i in 1 2 3; do write_hours; sleep 0.7; done
sleep "$LIVE"
(($(counts_since "$mark") == 0)) || e2e_fail "Impact counted while another panel showed"
e2e_keys 3
e2e_wait_until "$LIVE" "the changes did not show on coming back" shows_hours "$(approved)"
sleep 1.5
n=$(counts_since "$mark")
((n == 1)) || e2e_fail "coming back after 3 changes counted $n times, not once"
e2e_pass "no count on another panel; one on coming back after changes"

mark=$(lines)
write_hours
e2e_wait_until "$LIVE" "another session's hours did not show within ${LIVE}s" \
	shows_hours "$(approved)"
started=${EPOCHREALTIME/[.,]/}
for i in 1 2 3 4 5 6 7 8 9 10; do write_hours; sleep 0.2; done
e2e_wait_until "$LIVE" "a burst of changes did not show" shows_hours "$(approved)"
sleep 1.5
seconds=$(((${EPOCHREALTIME/[.,]/} - started + 999999) / 1000000))
n=$(counts_since "$mark")
((n <= seconds + 1)) || e2e_fail "$n counts for 11 changes in ${seconds}s: more than one a second"
e2e_pass "live updates show within ${LIVE}s, $n counts for 11 changes in ${seconds}s"

e2e_keys h
e2e_wait_for "Hours for approval"
mark=$(lines)
write_hours
sleep 1
write_hours
sleep "$LIVE" # the pop-up looks for changes and reloads its list
(($(counts_since "$mark") == 0)) || e2e_fail "Impact counted under the pop-up"
e2e_keys Escape
e2e_wait_gone "Hours for approval"
e2e_wait_until "$LIVE" "the changes did not show after the pop-up" shows_hours "$(approved)"
sleep 1
n=$(counts_since "$mark")
((n == 1)) || e2e_fail "after the pop-up Impact counted $n times, not once"
e2e_pass "no count under a pop-up, one after it closes"

# A scope change while each statement is slow: the frame with the new
# scope shows, with "Counting…" where the figures go, and never the old
# figures under it, then the team's figures.
team=$(sql "SELECT DISTINCT team FROM volunteer WHERE active = 1 AND team <> ''
	ORDER BY team DESC LIMIT 1")
rows=$(sql "SELECT (SELECT count(DISTINCT site) FROM volunteer
	WHERE active = 1 AND site <> '') + (SELECT count(DISTINCT team) FROM volunteer
	WHERE active = 1 AND team <> '')")
everyone=$(approved)
team_hours=$(approved "$team")
[[ $team_hours != "$everyone" ]] || e2e_fail "team $team has everyone's hours: nothing to tell apart"
e2e_keys t
e2e_wait_for "Team $team"
for ((i = 0; i < rows; i++)); do e2e_keys Down; done
touch "$slow"
e2e_keys Enter
saw_counting=no
for ((i = 0; i < 300 * E2E_SLOW; i++)); do
	s=$(screen_plain)
	if grep -qF "Impact $year · Team $team" <<<"$s"; then
		grep -qE "Hours +$everyone h approved" <<<"$s" &&
			e2e_fail "everyone's figures showed under the team's heading"
		grep -qF "Counting" <<<"$s" && saw_counting=yes
		grep -qE "Hours +$team_hours h approved" <<<"$s" && break
	fi
	sleep 0.05
done
rm -f "$slow"
shows_hours "$team_hours" || e2e_fail "the team's figures did not show"
[[ $saw_counting == yes ]] || e2e_fail "the team's frame did not show before its figures"
e2e_pass "a scope change shows its frame at once, then its figures, never the old ones"

# Keys typed while counting are read after it: Everyone is chosen, 2 is
# typed at once; Volunteers shows, and Impact then has Everyone's figures
# without counting again.
e2e_keys t
e2e_wait_for "Everyone"
e2e_keys Home
touch "$slow"
e2e_keys Enter 2
e2e_wait_for "Active volunteers" $((15 * E2E_SLOW))
rm -f "$slow"
mark=$(lines)
e2e_keys 3
e2e_wait_for "Impact $year · Everyone"
e2e_wait_until "$LIVE" "Everyone's figures did not show" shows_hours "$(approved)"
(($(counts_since "$mark") == 0)) || e2e_fail "the count was not done before the key typed meanwhile"
e2e_pass "a key typed while counting is read after the count"

e2e_keys q
[[ $(e2e_wait_exit) == 0 ]] || e2e_fail "q did not end csrdesk with status 0"
e2e_pass "q quits"
