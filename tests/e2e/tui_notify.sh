#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end (issue 13, where agents look): Ana, at a kiosk, is on the
# waitlist of a full initiative. Ben cancels his place on the command line
# (another process): within the live-update second Ana's status line no
# longer says "Waitlisted" and shows her next place, and her details say
# confirmed. She signs out and in again: "You have a place: ..." shows in a
# pop-up, once; the row is read in the database; the next sign-in shows no
# pop-up. Her notification settings (mail language, mail off, a category)
# are saved (checked with sqlite3) and read back; a new initiative in the
# category is counted in the status line, N lists it. A lead with no
# volunteer record sees the notifications addressed to their Unix user.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_menu.sh"
command -v sqlite3 >/dev/null || { echo "tui_notify: sqlite3 is needed" >&2; exit 1; }

e2e_config "$E2E_TMP/csrdesk.conf" <<'CONF'
kiosk { require_pin = false }
CONF
e2e_csr init >/dev/null
printf '%s\n' "employee_id,name,team,site,email,skills,unix_user" \
	"E1,Ana Agent,Inbound Care,HQ,ana@example.com,," \
	"E2,Ben Busy,Tech Support,HQ,ben@example.com,," >"$E2E_TMP/volunteers.csv"
e2e_csr import volunteers "$E2E_TMP/volunteers.csv" >/dev/null
day=$(date -d '+3 days' '+%Y-%m-%d')
drive=$(e2e_csr initiative add --title "Blood donation drive" --category health \
	--starts "$day 09:30" --ends "$day 12:00" --capacity 1)
[[ $(e2e_csr signup "$drive" E2) == confirmed ]] || e2e_fail "Ben got no place"
sql() { sqlite3 -batch "$E2E_TMP/csrdesk.db" "$1"; }
status_line() { e2e_screen | tail -n 1; }
# Ana's unread notifications (Ben's cancelled place, done by the admin the
# command line runs as, is told to Ben).
ana_unread() {
	sql "SELECT count(*) FROM notification WHERE read_at IS NULL AND volunteer_id =
		(SELECT id FROM volunteer WHERE employee_id = 'E1')"
}

e2e_start --size 100x30 -- --config "$E2E_TMP/csrdesk.conf" --db "$E2E_TMP/csrdesk.db" --kiosk
e2e_wait_for "Employee ID"
sign_in() {
	e2e_type E1
	e2e_keys Enter
	e2e_wait_for "Ana Agent (agent)"
}
sign_in
e2e_keys s
e2e_wait_for "Waitlisted, position 1, for 'Blood donation drive'"
e2e_expect_line "You +waitlisted, position 1"
e2e_pass "Ana is on the waitlist of the full 'Blood donation drive'"

# Another process cancels: Ana gets the place, and her screen follows
# within the live-update second (2 s with the poll's slack), no key pressed.
[[ $(e2e_csr cancel "$drive" E2) == *"promoted E1"* ]] || e2e_fail "Ana was not promoted"
e2e_wait_all $((2 * E2E_SLOW)) "Ana's screen did not follow the promotion" \
	"! e2e_screen | grep -qi waitlisted" \
	"status_line | grep -qF 'Next: Blood donation drive, $day 09:30'" \
	"e2e_screen | grep -qE 'You +confirmed'" \
	"status_line | grep -qE 'N 1 new'"
e2e_pass "the status line says 'Next: Blood donation drive' and '1 new', no 'Waitlisted'"

e2e_keys q
e2e_wait_for "You are signed out"
sign_in
e2e_wait_for " 1 new notification "
grep -qF "You have a place: Blood donation drive, $day 09:30" <<<"$(e2e_popup " 1 new notification ")" ||
	e2e_fail "the pop-up after sign-in does not say 'You have a place: ...'"
[[ $(ana_unread) == 1 ]] ||
	e2e_fail "the notification was read before Ana closed the pop-up"
e2e_keys Escape
e2e_wait_gone " 1 new notification "
e2e_wait_until 2 "the notification was not marked read" \
	eval '[[ $(ana_unread) == 0 ]]'
status_line | grep -qE 'N [0-9]+ new' && e2e_fail "the status line still counts it unread"
e2e_pass "after sign-in Ana sees 'You have a place: ...'; closing it marks it read"

e2e_keys q
e2e_wait_for "You are signed out"
sign_in
sleep "$(awk "BEGIN { print 1.5 * $E2E_SLOW }")"
e2e_screen | grep -qF "new notification" && e2e_fail "the notification showed a second time"
e2e_keys j # the greeting gives way to the keys and the glance
e2e_wait_gone "Hello Ana Agent!"
status_line | grep -qF "Next: Blood donation drive, $day 09:30" ||
	e2e_fail "the status line does not name the next place"
e2e_screen | grep -qi waitlisted && e2e_fail "the screen still says waitlisted"
e2e_pass "the next sign-in shows it no more; the status line names the next place"

# Notification settings from My record: Deutsch, mail off, one category.
e2e_keys 2
e2e_wait_for "Upcoming places (1)"
e2e_keys o
e2e_wait_for " Notification settings "
e2e_keys Right
e2e_wait_for "Mail language Deutsch"
e2e_keys Tab Right
e2e_wait_for "off"
e2e_keys Tab Space
e2e_choose " New initiatives in " "[ ] Health & well-being"
e2e_wait_for "[x] Health & well-being"
e2e_choose " New initiatives in " "Done"
e2e_wait_gone " New initiatives in "
e2e_keys F2
e2e_wait_for "Your notification settings are saved"
[[ $(sql "SELECT language || '|' || mail_off FROM volunteer WHERE employee_id = 'E1'") == "de|1" ]] ||
	e2e_fail "language and mail were not saved: $(sql "SELECT language, mail_off FROM volunteer")"
[[ $(sql "SELECT group_concat(category) FROM volunteer_interest") == health ]] ||
	e2e_fail "the category was not saved: $(sql "SELECT * FROM volunteer_interest")"
e2e_keys o
e2e_wait_for " Notification settings "
form=$(e2e_popup " Notification settings ")
grep -qE "Mail language +Deutsch" <<<"$form" || e2e_fail "the language did not read back"
grep -qE "Mail +off" <<<"$form" || e2e_fail "mail off did not read back"
grep -qE "Categories +Health & well-being" <<<"$form" || e2e_fail "the category did not read back"
e2e_keys Escape
e2e_wait_gone " Notification settings "
e2e_pass "the settings are saved (sqlite3) and read back"

# A new initiative in her category (another process): the status line
# counts it within the live-update second; N lists it and reads it.
e2e_csr initiative add --title "Plasma day" --category health --starts "$day 14:00" \
	--ends "$day 16:00" --capacity 4 >/dev/null
e2e_wait_until $((2 * E2E_SLOW)) "the status line did not count the new notification" \
	eval "status_line | grep -qE 'N 1 new'"
e2e_keys N
e2e_wait_for " Notifications "
list=$(e2e_popup " Notifications ")
grep -qE "new +New initiative: Plasma day" <<<"$list" ||
	e2e_fail "N does not list the new notification, marked new"
grep -qE "[│|] +You have a place: Blood donation drive" <<<"$list" ||
	e2e_fail "N does not list the one read before, unmarked"
e2e_keys Escape
e2e_wait_gone " Notifications "
e2e_wait_until 2 "the listed notification was not marked read" eval '[[ $(ana_unread) == 0 ]]'
status_line | grep -qE 'N [0-9]+ new' && e2e_fail "the status line still counts it unread"
e2e_keys N
e2e_wait_for " Notifications "
grep -qE "new +New initiative" <<<"$(e2e_popup " Notifications ")" &&
	e2e_fail "the notification read is still marked new"
e2e_keys Escape
e2e_wait_gone " Notifications "
e2e_pass "N lists the recent notifications, the unread marked, and reads them"

# A lead with no volunteer record: rows addressed to their Unix user.
now=$(date +%s)
sql "INSERT INTO notification (unix_user, kind, initiative_id, amount, created_at, due_at)
	VALUES ('$(id -un)', 'lead_waitlist_grew', $drive, 2, $now, $now)"
e2e_start --session lead --size 100x30 -- --config "$E2E_TMP/csrdesk.conf" \
	--db "$E2E_TMP/csrdesk.db"
e2e_wait_for "Initiatives"
e2e_wait_until 2 "the lead's status line does not count 1 new" \
	eval "status_line | grep -qE 'N 1 new'"
e2e_keys N
e2e_wait_for " Notifications "
e2e_keys Escape
e2e_wait_gone " Notifications "
e2e_wait_until 2 "the lead's notification was not marked read" \
	test "$(sql "SELECT count(*) FROM notification WHERE unix_user IS NOT NULL AND read_at IS NULL")" = 0
e2e_pass "a lead with no volunteer record sees the notification to their Unix user"
