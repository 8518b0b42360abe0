#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end (issue 11, "Done when"): a team lead runs the programme over
# a real SSH connection (lib_ssh.sh: csrdesk deployed setgid, sshd with the
# shipped example's ForceCommand) while an agent sits at a floor terminal
# (the deployed binary in kiosk mode, on the same database).
#  - The lead cancels the agent's place inside the cancel cutoff: refused
#    without a reason, done with one; the agent's kiosk record shows the
#    place cancelled within 2 s, with who and why.
#  - The lead adds a walk-in at attendance; the hours appear approved in
#    the walk-in's record at the kiosk.
#  - The lead sets a goal in the initiative form and sees "x of y" in the
#    Impact panel; `ssh ... report` says the same.
#  - The lead voids a wrong impact value: the figures change (panel and
#    report) and the audit log names the value and the reason.
#  - The day's leads' notices (free places close to the date) reach the
#    lead's status line and N over ssh (issue 13).
# Needs root (users, setgid install, sshd): otherwise skipped (exit 77).
set -euo pipefail
if [[ $(id -u) != 0 ]]; then
	echo "tui_lead_ssh: skipped: needs root (it adds a test user and group and runs sshd)"
	exit 77
fi
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_deploy.sh"
. "$(dirname "$0")/lib_ssh.sh"
ssh_setup
deploy_set_option "$conf" require_pin false
csr() { "$bin" "$@"; }
sql() { (umask 007 && sqlite3 -batch "$db" "$1"); }
csr init >/dev/null

cat >"$E2E_TMP/volunteers.csv" <<CSV
employee_id,name,team,site,email,skills,unix_user
E9001,Lee Lead,Leads,HQ,,,$user
E1,Zoë Agent,Inbound Care,HQ,,,
E2,Ion Walker,Tech Support,HQ,,,
CSV
csr import volunteers "$E2E_TMP/volunteers.csv" >/dev/null
at() { date -d "@$(($(date +%s) + $1 * 3600))" '+%Y-%m-%d %H:%M'; }
# The blood drive starts in 10 hours: inside the 24-hour cancel cutoff.
blood=$(csr initiative add --title "Blood drive" --category community --capacity 5 \
	--starts "$(at 10)" --ends "$(at 12)")
csr signup "$blood" E1 >/dev/null
# The tree planting is under way (attendance is taken once it started).
trees=$(csr initiative add --title "Tree planting" --category environment --capacity 1 \
	--starts "$(at 3)" --ends "$(at 5)")
csr signup "$trees" E1 >/dev/null
sql "UPDATE initiative SET starts_at = strftime('%s', 'now') - 3600,
	ends_at = strftime('%s', 'now') + 3600 WHERE id = $trees"
csr impact add "$trees" trees 120 >/dev/null
wrong=$(csr impact add "$trees" trees 9000)

status_of() { # INITIATIVE EMPLOYEE_ID
	sql "SELECT s.status FROM signup s JOIN volunteer v ON v.id = s.volunteer_id
		WHERE s.initiative_id = $1 AND v.employee_id = '$2'"
}
# The report's goal line for trees ("Trees planted  TOTAL  GOAL  MET of
# SET"), as the lead fetches it over ssh, blanks squeezed.
report_goal() {
	lead_ssh report report --format text
	[[ $rc == 0 ]] || e2e_fail "ssh ... report: status $rc, $(<"$E2E_TMP/report.stderr")"
	grep -E "Trees planted .* 500 trees" "$E2E_TMP/report.out" | head -1 | tr -s ' '
}

ssh_start_sshd

# ---- the agent at the floor terminal ----
CSRDESK=$bin e2e_start --session kiosk --size 100x30 -- --kiosk
e2e_wait_for "Employee ID" $((10 * E2E_SLOW))
e2e_type "E1"
e2e_keys Enter
e2e_wait_for "Zoë Agent (agent)"
e2e_keys 2
e2e_wait_for "Upcoming places"
e2e_expect_line "Blood drive +confirmed"

# ---- the lead, over ssh ----
ssh_start lead -tt "$user@127.0.0.1"
lead_wait_for "1 Initiatives" $((15 * E2E_SLOW))
e2e_expect_line "$user \(lead\)"
e2e_wait_for "Blood drive"
e2e_pass "the lead is in csrdesk over ssh; the agent's kiosk record shows the blood drive confirmed"

# Initiatives are in date order: the tree planting (started) first.
e2e_keys g j a
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
start=$(date +%s%N)
e2e_use kiosk
limit=$((2 * E2E_SLOW))
for ((i = 0; i < limit * 20; i++)); do
	e2e_screen | grep -qE "Blood drive +cancelled" && break
	sleep 0.05
done
ms=$((($(date +%s%N) - start) / 1000000))
((i < limit * 20)) || e2e_fail "the kiosk did not show the cancelled place within ${limit}s"
[[ $(status_of "$blood" E1) == cancelled ]] || e2e_fail "the place is '$(status_of "$blood" E1)'"
e2e_keys Enter
e2e_wait_for "Cancelled by Lee Lead: moved to the Saturday shift"
e2e_keys Escape q
e2e_wait_for "Employee ID"
e2e_pass "over ssh the lead cancels Zoë's place inside the cutoff (a reason required); her kiosk shows it after ${ms} ms, with who and why"

# ---- a walk-in at attendance: hours approved in the agent's record ----
e2e_use lead
e2e_keys Escape
e2e_wait_gone "Attendance: Blood drive"
e2e_keys g a
e2e_wait_for "Attendance: Tree planting"
e2e_keys w
e2e_wait_for "Who came without a place?"
e2e_keys /
e2e_type "Ion"
e2e_keys Enter
e2e_wait_for "E2"
e2e_keys Enter
e2e_wait_for "Hours Ion Walker gave: 2"
e2e_keys Enter
e2e_wait_for "Ion Walker came as a walk-in: attended"
e2e_keys Escape
e2e_wait_gone "Attendance: Tree planting"
e2e_use kiosk
e2e_type "E2"
e2e_keys Enter
e2e_wait_for "Ion Walker (agent)"
e2e_keys 2
e2e_wait_for "Hours"
e2e_expect_line "Tree planting +2 +approved"
e2e_keys q
e2e_wait_for "Employee ID"
e2e_pass "the lead adds Ion as a walk-in; his record at the kiosk shows 2 hours approved"

# ---- a goal from the form: x of y in the Impact panel and the report ----
e2e_use lead
e2e_keys e
e2e_wait_for " Edit initiative "
for ((i = 0; i < 8; i++)); do e2e_keys Tab; done # Title .. Partner, then Goals
e2e_keys Space
e2e_wait_for "Trees planted (trees)"
e2e_type "500"
e2e_keys F2
e2e_expect_line "Goals +500 trees"
e2e_keys F2
e2e_wait_for "Saved initiative $trees 'Tree planting'"
e2e_keys 3
e2e_wait_for "Impact and goals"
e2e_expect_line "Trees planted +9,120 of 500 trees"
goal=$(report_goal)
[[ $goal == *"Trees planted 9,120 trees 500 trees 1 of 1" ]] || e2e_fail "the report's goal line is '$goal'"
e2e_pass "a goal set over ssh shows as 9,120 of 500 trees in the Impact panel and in ssh ... report"

# ---- a wrong value voided: the figures change, the audit says what ----
e2e_keys 1
e2e_wait_for "Tree planting"
e2e_keys g I
e2e_wait_for "Impact: Tree planting (2 records)"
e2e_keys G v
e2e_wait_for "Why void it?"
e2e_type "typo: 90, not 9000"
e2e_keys Enter
e2e_wait_for "Voided 9,000 trees: it counts in no figure now"
e2e_keys Escape
e2e_wait_gone "Impact: Tree planting"
e2e_keys 3
e2e_wait_for "Impact and goals"
e2e_expect_line "Trees planted +120 of 500 trees"
goal=$(report_goal)
[[ $goal == *"Trees planted 120 trees 500 trees 0 of 1" ]] || e2e_fail "after the void the report says '$goal'"
audit=$(sql "SELECT actor || '|' || detail FROM audit WHERE action = 'impact.void' AND entity_id = $wrong")
[[ $audit == "unix:$user|9000 trees for initiative $trees voided: typo: 90, not 9000" ]] ||
	e2e_fail "the audit of the void is '$audit'"
e2e_pass "the lead voids 9,000 trees over ssh: 120 of 500 in the panel and the report; the audit names the lead, the value and why"

# Issue 13: the leads are told. The blood drive, which nobody owns (root,
# with no volunteer record, made it), starts within notify.lead_days with
# free places: once the timer's run makes the day's notices, the lead's
# status line over ssh counts one within the live update, and N lists it.
csr notify >/dev/null
e2e_wait_all $((3 * E2E_SLOW)) "the lead's status line over ssh counts no notice" \
	"e2e_screen | tail -n 1 | grep -qE 'N [0-9]+ new'"
e2e_keys N
e2e_wait_for " Notifications "
e2e_wait_for "Blood drive, "
# The pop-up wraps a long notice (an initiative that ends after midnight
# has the longer date), so its lines are read joined.
e2e_popup " Notifications " | sed 's/^[│|]//; s/[│|]$//' | tr -s ' \n' '  ' |
	grep -qE "places? still free" || e2e_fail "N does not say the blood drive has free places"
e2e_keys Escape
e2e_wait_gone " Notifications "
e2e_pass "over ssh the lead's status line counts the day's notices and N lists the blood drive's free places"

e2e_keys q
status=$(e2e_wait_exit $((10 * E2E_SLOW)))
[[ $status == 0 ]] || e2e_fail "ssh ended with status $status after q"
