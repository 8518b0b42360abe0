#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end: the B4SI fields in the real TUI. A lead creates an initiative
# whose hours are in own time by default and which reached 40 people (the
# form's "Hours in" and "Reached"); hours logged on it with the "Log hours"
# form take that default, or company time when the form says so. Checked in
# the database with sqlite3.
. "$(dirname "$0")/lib.sh"

command -v sqlite3 >/dev/null || { echo "e2e: sqlite3 is needed for this test" >&2; exit 1; }

e2e_config "$E2E_TMP/csrdesk.conf" </dev/null # the current user is an admin
e2e_lead_and_agent
sql() { sqlite3 "$E2E_TMP/csrdesk.db" "$1"; }
today=$(date +%Y-%m-%d)

e2e_start -- --config "$E2E_TMP/csrdesk.conf" --db "$E2E_TMP/csrdesk.db"
e2e_wait_for "1 Initiatives"

# ---- the initiative form: own time by default, beneficiaries ----
e2e_keys n
e2e_wait_for " New initiative "
e2e_type "Food bank shift"
e2e_keys Tab Tab # the category stays the first
e2e_type "$today 00:00" # started already, so hours can be logged on it
e2e_keys Tab
e2e_type "$today 23:59"
e2e_keys Tab
e2e_type "10"
for ((i = 0; i < 5; i++)); do e2e_keys Tab; done # Minimum .. Goals, then Hours in
e2e_wait_for "Left/Right: company time, own time"
e2e_expect_line "Hours in +company time"
e2e_keys Right
e2e_expect_line "Hours in +own time"
e2e_keys Tab C-u
e2e_type "40"
e2e_keys F2
e2e_wait_for "Created initiative 1 'Food bank shift'"
e2e_wait_gone " New initiative "
[[ $(sql "SELECT own_time || '/' || beneficiaries FROM initiative WHERE id = 1") == 1/40 ]] ||
	e2e_fail "the form did not save own time and 40 beneficiaries"
e2e_pass "the initiative form saves the own-time default and the beneficiaries"

# ---- the edit form shows them, and keeps them ----
e2e_keys e
e2e_wait_for " Edit initiative "
e2e_expect_line "Hours in +own time"
e2e_expect_line "Reached +40"
e2e_keys F2
e2e_wait_gone " Edit initiative "
[[ $(sql "SELECT own_time || '/' || beneficiaries FROM initiative WHERE id = 1") == 1/40 ]] ||
	e2e_fail "saving the edit form unchanged changed own time or beneficiaries"
e2e_pass "the edit form shows and keeps them"

# ---- the hours form: the initiative's default, or company time ----
# log_hours HOURS RIGHTS: the Log hours form for the selected initiative,
# with the Time field moved RIGHTS times to the right.
log_hours() {
	e2e_keys l
	e2e_wait_for " Log hours "
	e2e_keys Tab Tab # Initiative (the selected one), Date (today), then Hours
	e2e_type "$1"
	e2e_keys Tab Tab # Note, then Time
	e2e_wait_for "Left/Right: as the initiative says, company time, own time"
	e2e_expect_line "Time +as the initiative says"
	for ((i = 0; i < $2; i++)); do e2e_keys Right; done
	e2e_keys F2
	e2e_wait_for "Logged $1 hours on"
	e2e_wait_gone " Log hours "
}
log_hours 2 0
log_hours 3 1 # company time
[[ $(sql "SELECT group_concat(minutes || ':' || own_time, ' ') FROM
	(SELECT minutes, own_time FROM hours ORDER BY id)") == "120:1 180:0" ]] ||
	e2e_fail "hours as stored: $(sql "SELECT minutes, own_time FROM hours")"
e2e_pass "the hours form takes the initiative's own time, or company time when chosen"

e2e_keys q
e2e_wait_exit
