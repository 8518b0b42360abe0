#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end: a lead's day in the real TUI. Through the menu bar (F10,
# Initiative, New) a lead creates an initiative with the form, getting one
# validation error on the way (Ends before Starts) and correcting it with
# everything typed still there; records an impact value with `i` ("1,250.5"
# trees) and approves pending hours with `h`. Each step is checked in the
# database through `csrdesk export`.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_menu.sh"

command -v sqlite3 >/dev/null || { echo "e2e: sqlite3 is needed for this test" >&2; exit 1; }

e2e_config "$E2E_TMP/csrdesk.conf" </dev/null # the current user is an admin
e2e_csr init >/dev/null
cat >"$E2E_TMP/volunteers.csv" <<CSV
employee_id,name,team,site,email,skills,unix_user
E1,Lea Lead,Inbound Care,HQ,lea@example.com,,$(id -un)
E2,Ana Agent,Tech Support,HQ,ana@example.com,,
CSV
e2e_csr import volunteers "$E2E_TMP/volunteers.csv" >/dev/null
# Ana logged 2.5 hours yesterday, waiting for a lead (there is no command
# for logging hours: the row goes in as the kiosk would write it).
yesterday=$(date -d yesterday +%s)
sqlite3 "$E2E_TMP/csrdesk.db" "INSERT INTO hours (volunteer_id, worked_on, minutes, status,
	note, created_at) SELECT id, $yesterday, 150, 'pending', 'Sorted donations',
	$yesterday FROM volunteer WHERE employee_id = 'E2'"

day() { date -d "+$1 days" '+%Y-%m-%d'; }

# menu_pick MENU_ITEM_REGEX: the menu bar's item (lib_menu.sh).
menu_pick() { e2e_menu_pick "$@"; }

e2e_start --size 100x30 -- --config "$E2E_TMP/csrdesk.conf" --db "$E2E_TMP/csrdesk.db"
e2e_wait_for "1 Initiatives"
e2e_wait_for "No initiatives here yet"

# ---- a new initiative through the menu bar and the form ----
menu_pick "New"
e2e_wait_for " New initiative "
e2e_type "Harbour clean-up"
e2e_keys Tab Right Right Tab # Category: education -> health -> environment
e2e_type "$(day 10) 09:00"
e2e_keys Tab
e2e_type "$(day 10) 08:00" # ends before it starts
e2e_keys Tab
e2e_type "12"
e2e_keys Tab
e2e_type "3" # the minimum: its owner hears when fewer come
e2e_keys Tab
e2e_type "Pier 4"
e2e_keys F2
e2e_wait_for "Ends must be after Starts"
e2e_expect_line "Title +Harbour clean-up"
e2e_expect_line "Category +environment"
e2e_expect_line "Ends +$(day 10) 08:00"
e2e_expect_line "Location +Pier 4"
e2e_pass "a validation error shows at the field and keeps what was typed"

# The form went to the field at fault: clear it and type the right time.
e2e_keys C-u
e2e_type "$(day 10) 12:00"
e2e_keys F2
e2e_wait_for "Created initiative 1 'Harbour clean-up'"
e2e_wait_gone " New initiative "
e2e_csr export initiatives >"$E2E_TMP/initiatives.csv"
grep -q "^1,Harbour clean-up,environment,open,$(day 10) 09:00,$(day 10) 12:00,12,0,0,,Pier 4" \
	"$E2E_TMP/initiatives.csv" || {
	cat "$E2E_TMP/initiatives.csv" >&2
	e2e_fail "the new initiative is not in the database as typed"
}
[[ $(sqlite3 "$E2E_TMP/csrdesk.db" "SELECT minimum FROM initiative WHERE id = 1") == 3 ]] ||
	e2e_fail "the minimum typed is not in the database"
e2e_expect_line "Minimum +3 people"
e2e_pass "the corrected form creates the initiative"

# ---- an impact value ----
e2e_keys i
e2e_wait_for " Impact: Harbour clean-up "
e2e_wait_for "Trees planted (trees)"
e2e_keys Tab
e2e_type "1,250.5"
e2e_keys Tab
e2e_type "Counted by the park rangers"
e2e_keys Enter
e2e_wait_for "Recorded 1,250.5 trees (Trees planted): 1,250.5 trees so far for 'Harbour clean-up'"
e2e_expect_line "Impact +1,250.5 trees \(Trees planted\)"
e2e_csr export impact | grep -q "^1,trees,1250.5," ||
	e2e_fail "the impact value is not in the database"
e2e_pass "i records an impact value, shown in the details"

# ---- pending hours ----
e2e_keys h
e2e_wait_for "Hours for approval (1 entry)"
e2e_wait_for "Ana Agent"
e2e_keys a
e2e_wait_for "Ana Agent: 2.5 hours on $(date -d yesterday +%Y-%m-%d) approved"
e2e_wait_for "No hours are waiting for approval."
e2e_keys Escape
e2e_wait_gone "Hours for approval"
e2e_csr export hours | grep -q "^E2,,$(date -d yesterday +%Y-%m-%d),2.50,approved" || {
	e2e_csr export hours >&2
	e2e_fail "the hours are not approved in the database"
}
e2e_pass "h lists the pending hours and a approves them"

e2e_keys q
status=$(e2e_wait_exit)
[[ $status == 0 ]] || e2e_fail "q ended with status $status"
e2e_pass "q quits with status 0"
