#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end (issue 11): a team lead acts for people in the TUI, an agent
# sees it at a kiosk. The lead (an admin, with a volunteer record "Jana
# Lead") opens the attendance of an initiative under way: w adds a walk-in
# (picked from the volunteers, the hours asked with the duration filled
# in), a marks a waitlisted agent attended with hours the lead types. Then
# on an initiative that starts within the cancel cutoff, x cancels an
# agent's place: refused without a reason, done with one; the waitlist
# moves up. S signs up two people at once after the cutoff question. At
# a kiosk the agent's record shows the cancelled place with who and why,
# and the hours approved.
E2E_TIMEOUT=${E2E_TIMEOUT:-20}
. "$(dirname "$0")/lib.sh"

command -v sqlite3 >/dev/null || { echo "e2e: sqlite3 is needed for this test" >&2; exit 1; }

e2e_config "$E2E_TMP/csrdesk.conf" <<'CONF'
kiosk { require_pin = false }
signup { cancel_cutoff_hours = 24 }
CONF
e2e_csr init >/dev/null
cat >"$E2E_TMP/volunteers.csv" <<CSV
employee_id,name,team,site,email,skills,unix_user
L1,Jana Lead,Leads,HQ,,,$(id -un)
E1,Zoë Agent,Blue,HQ,,,
E2,Ana Waiting,Blue,HQ,,,
E3,Ion Walker,Red,HQ,,,
E4,Mia Group,Red,HQ,,,
E5,Tom Group,Red,HQ,,,
CSV
e2e_csr import volunteers "$E2E_TMP/volunteers.csv" >/dev/null
at() { date -d "@$(($(date +%s) + $1 * 3600))" '+%Y-%m-%d %H:%M'; }
add() { # TITLE STARTS_IN_HOURS CAPACITY
	e2e_csr initiative add --title "$1" --category health --capacity "$3" \
		--starts "$(at "$2")" --ends "$(at $(($2 + 2)))"
}
harbour=$(add "Harbour clean-up" 3 1)
blood=$(add "Blood drive" 10 1)
saturday=$(add "Saturday shift" 30 5)
closed=$(add "Closed rota" 40 5)
e2e_csr signup "$harbour" E1 >/dev/null
e2e_csr signup "$harbour" E2 >/dev/null # waitlisted
e2e_csr signup "$blood" E1 >/dev/null
e2e_csr signup "$blood" E2 >/dev/null # waitlisted
db() { sqlite3 "$E2E_TMP/csrdesk.db" "$@"; }
# The clean-up is under way: attendance is recorded once it starts.
db "UPDATE initiative SET starts_at = strftime('%s', 'now') - 3600,
	ends_at = strftime('%s', 'now') + 3600 WHERE id = $harbour"
hours() { # EMPLOYEE_ID: minutes/status of their hours
	db "SELECT group_concat(h.minutes || '/' || h.status, ' ') FROM hours h
		JOIN volunteer v ON v.id = h.volunteer_id WHERE v.employee_id = '$1'"
}
status_of() { # INITIATIVE EMPLOYEE_ID
	db "SELECT s.status FROM signup s JOIN volunteer v ON v.id = s.volunteer_id
		WHERE s.initiative_id = $1 AND v.employee_id = '$2' ORDER BY s.id DESC LIMIT 1"
}
# status_is INITIATIVE EMPLOYEE_ID STATUS: for e2e_wait_until, which runs
# it anew each time (a $(...) in its arguments would be read only once).
status_is() { [[ $(status_of "$1" "$2") == "$3" ]]; }
popup_shows() { local text; text=$(e2e_popup "$1"); [[ $text == *"$2"* ]]; }

e2e_start --size 100x30 -- --config "$E2E_TMP/csrdesk.conf" --db "$E2E_TMP/csrdesk.db"
e2e_wait_for "Harbour clean-up"
e2e_wait_for "Blood drive"

# ---- attendance under way: a walk-in, the waitlisted marked, hours ----
e2e_keys a
e2e_wait_for "Attendance: Harbour clean-up"
e2e_wait_for "w walk-in"
e2e_keys w
e2e_wait_for "Who came without a place?"
e2e_keys /
e2e_type "Ion"
e2e_keys Enter
e2e_wait_for "E3"
e2e_keys Enter
e2e_wait_for "Hours Ion Walker gave: 2"
e2e_keys Enter
e2e_wait_for "Ion Walker came as a walk-in: attended"
[[ $(status_of "$harbour" E3) == attended && $(hours E3) == "120/approved" ]] ||
	e2e_fail "the walk-in is '$(status_of "$harbour" E3)' with hours '$(hours E3)'"
e2e_pass "w adds a walk-in to a full initiative; the duration, 2 hours, is recorded approved"

e2e_keys G # Ana, on the waitlist: last
e2e_keys a
e2e_wait_for "Hours Ana Waiting gave: 2"
e2e_keys C-u
e2e_type "1.5"
e2e_keys Enter
e2e_wait_for "Ana Waiting: attended"
[[ $(status_of "$harbour" E2) == attended && $(hours E2) == "90/approved" ]] ||
	e2e_fail "Ana is '$(status_of "$harbour" E2)' with hours '$(hours E2)'"
e2e_pass "a marks a waitlisted person attended with the hours the lead typed (1.5)"
e2e_keys Escape
e2e_wait_gone "Attendance: Harbour clean-up"

# ---- a cancel for someone inside the cutoff: a reason is required ----
e2e_keys j a
e2e_wait_for "Attendance: Blood drive"
e2e_keys g x
e2e_wait_for "Cancel Zoë Agent's place; reason:"
e2e_keys Enter
e2e_wait_for "A reason is required to give up Zoë Agent's place on 'Blood drive'"
[[ $(status_of "$blood" E1) == confirmed ]] || e2e_fail "a cancel without a reason went through"
e2e_keys x
e2e_wait_for "Cancel Zoë Agent's place; reason:"
e2e_type "moved to the Saturday shift"
e2e_keys Enter
e2e_wait_for "Cancelled the place of Zoë Agent"
[[ $(status_of "$blood" E1) == cancelled && $(status_of "$blood" E2) == confirmed ]] ||
	e2e_fail "after x: Zoë '$(status_of "$blood" E1)', Ana '$(status_of "$blood" E2)'"
e2e_pass "x on a place inside the cutoff asks a reason, refuses none, then cancels; Ana moves up"
e2e_keys Escape
e2e_wait_gone "Attendance: Blood drive"

# ---- S: several people at once, after the cutoff question ----
db "UPDATE initiative SET capacity = 3 WHERE id = $blood"
e2e_keys S
e2e_wait_for "Sign up for Blood drive"
e2e_keys /
e2e_type "Group"
e2e_keys Enter
e2e_wait_for "Tom Group"
e2e_keys g Enter
e2e_wait_for "Marked: 1"
e2e_keys Enter
e2e_wait_for "Marked: 2"
# Unmarking Mia leaves Tom: the question names him.
e2e_keys g Enter
e2e_wait_for "Marked: 1"
e2e_keys s
e2e_wait_for "Tom Group cannot cancel this place themselves"
e2e_keys n
e2e_wait_gone "Tom Group cannot cancel this place themselves"
[[ -z $(status_of "$blood" E5) ]] || e2e_fail "n to the cutoff question still signed Tom up"
e2e_keys g Enter
e2e_wait_for "Marked: 2"
e2e_keys s
e2e_wait_for "These people cannot cancel their places themselves"
e2e_keys y
e2e_wait_for "confirmed: 2"
[[ $(status_of "$blood" E4) == confirmed && $(status_of "$blood" E5) == confirmed ]] ||
	e2e_fail "S did not confirm Mia and Tom"
e2e_pass "S marks and unmarks people with Enter, asks about the cutoff naming the one marked, signs both up"
e2e_keys Escape
e2e_wait_gone "Sign up for Blood drive"

# ---- m: a place moves to another initiative, open and not over ----
db "UPDATE initiative SET status = 'closed' WHERE id = $closed"
e2e_keys a
e2e_wait_for "Attendance: Blood drive"
e2e_keys /
e2e_type "Tom"
e2e_keys Enter
e2e_wait_for "Tom Group"
e2e_keys m
e2e_wait_for "Move Tom Group's place to"
e2e_wait_for "Saturday shift"
popup=$(e2e_popup "Move Tom Group's place to")
[[ $popup != *"Closed rota"* ]] || e2e_fail "the move offers a closed initiative: $popup"
e2e_keys /
e2e_type "Saturday"
e2e_keys Enter
e2e_wait_for "Move Tom Group's place to (1)"
e2e_keys Enter
e2e_wait_for "Move Tom Group's place; reason:"
e2e_type "swapped with Ion"
e2e_keys Enter
e2e_wait_until "$E2E_TIMEOUT" "m did not move Tom's place" \
	status_is "$saturday" E5 confirmed
[[ $(status_of "$blood" E5) == cancelled ]] || e2e_fail "Tom still has '$(status_of "$blood" E5)' on the blood drive"
e2e_pass "m moves Tom's place to the Saturday shift (a closed one is not offered)"
e2e_keys Escape
e2e_wait_gone "Attendance: Blood drive"
e2e_keys q
[[ $(e2e_wait_exit) == 0 ]] || e2e_fail "the lead's csrdesk did not quit cleanly"

# ---- the agent's record at a kiosk ----
e2e_start --session kiosk --size 100x30 -- --config "$E2E_TMP/csrdesk.conf" \
	--db "$E2E_TMP/csrdesk.db" --kiosk
e2e_wait_for "Employee ID"
e2e_type "E2"
e2e_keys Enter
e2e_wait_for "Ana Waiting (agent)"
e2e_close_notices E2
e2e_keys 2
e2e_wait_for "Hours"
e2e_expect_line "Harbour clean-up +1[.,]5 +approved"
e2e_pass "the agent's record shows the hours attendance recorded, approved"
e2e_keys q
e2e_wait_for "Employee ID"
e2e_type "E1"
e2e_keys Enter
e2e_wait_for "Zoë Agent (agent)"
e2e_close_notices E1
e2e_keys 2
e2e_wait_for "Upcoming places"
e2e_expect_line "Blood drive +cancelled"
e2e_keys Enter
e2e_wait_for "Cancelled by Jana Lead: moved to the Saturday shift"
e2e_pass "the agent's record shows the cancelled place, who cancelled it and why"
e2e_keys Escape q
e2e_wait_for "Employee ID"

# ---- an agent signing up inside the cutoff is asked first ----
db "UPDATE initiative SET capacity = 4 WHERE id = $blood"
e2e_type "E3"
e2e_keys Enter
e2e_wait_for "Ion Walker (agent)"
e2e_close_notices E3
e2e_keys 1 /
e2e_type "Blood"
e2e_keys Enter
e2e_wait_for "Blood drive"
e2e_keys s
e2e_wait_for "You cannot cancel this place yourself (it starts "
e2e_keys n
sleep 0.5
[[ -z $(status_of "$blood" E3) ]] || e2e_fail "n to the cutoff question still signed Ion up"
e2e_keys s
e2e_wait_for "You cannot cancel this place yourself"
e2e_keys y
e2e_wait_for "Ion Walker"
e2e_wait_until "$E2E_TIMEOUT" "y to the cutoff question did not sign Ion up" \
	status_is "$blood" E3 confirmed
e2e_pass "an agent's sign-up inside the cutoff asks first: n leaves it, y signs up"
