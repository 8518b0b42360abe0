#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end: kiosk mode on a floor terminal. The welcome screen shows the
# announcements (sanitized) and the open initiatives with free places; a
# person signs in with an employee ID, types the one-time activation code a
# lead issued with `csrdesk pin activate` (without it, or with a wrong one,
# no PIN can be chosen; it works once), chooses a PIN (masked, typed
# twice), signs up, sees the place in their own record, logs hours, rates what
# they attended and cancels a place; q signs them out to the welcome
# screen; wrong PINs count down and lock the ID; Ctrl-C, Ctrl-Z, Ctrl-\ and
# q do not leave the kiosk; the idle timeout signs the person out; a person
# sets their own PIN from their own login with `csrdesk pin set`.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || { echo "tui_kiosk: sqlite3 is needed" >&2; exit 1; }

e2e_config "$E2E_TMP/csrdesk.conf" <<'CONF'
kiosk { require_pin = true  idle_timeout = 10  max_pin_attempts = 3 }
CONF
e2e_csr init >/dev/null
cat >"$E2E_TMP/volunteers.csv" <<'CSV'
employee_id,name,team,site,email,skills,unix_user
E1,Mia Tester,Inbound Care,HQ,mia@example.com,,
E2,Zoë Ångström,Tech Support,HQ,zoe@example.com,,
CSV
e2e_csr import volunteers "$E2E_TMP/volunteers.csv" >/dev/null
day() { date -d "+$1 days" '+%Y-%m-%d'; }
add() { # TITLE DAYS CAPACITY
	e2e_csr initiative add --title "$1" --category environment --starts "$(day "$2") 09:00" \
		--ends "$(day "$2") 12:00" --capacity "$3" --location "North Beach" >/dev/null
}
add "Alpha beach clean-up" 3 5
add "Bravo tree planting" 5 2
add "Charlie full house" 6 1
e2e_csr signup 3 E2 >/dev/null # full: not on the welcome screen
# What no command writes: an announcement with an escape sequence in it, and
# a past initiative Mia attended (attendance is recorded by a lead).
sqlite3 "$E2E_TMP/csrdesk.db" <<'SQL'
INSERT INTO announcement (title, body, created_at) VALUES
	('Blood drive' || char(27) || '[2J on Thursday', 'The bus is in the car park.',
	 strftime('%s', 'now'));
INSERT INTO initiative (title, category, starts_at, ends_at, capacity, status, created_at)
	VALUES ('Delta food bank', 'community', strftime('%s', 'now', '-3 days'),
	        strftime('%s', 'now', '-3 days', '+3 hours'), 5, 'done', 0);
INSERT INTO signup (initiative_id, volunteer_id, status, created_at, updated_at)
	SELECT 4, id, 'attended', 0, 0 FROM volunteer WHERE employee_id = 'E1';
SQL

running() { [[ ! -s $E2E_TMP/main.status ]]; }
sign_in() { # ID PIN
	e2e_type "$1"
	e2e_keys Enter
	e2e_wait_for "Type your PIN"
	e2e_type "$2"
	e2e_keys Enter
}

e2e_start --size 80x24 -- --config "$E2E_TMP/csrdesk.conf" --db "$E2E_TMP/csrdesk.db" --kiosk
e2e_wait_for "Employee ID"
e2e_wait_for "Blood drive?[2J on Thursday"
e2e_expect_line "Alpha beach clean-up +5 places left"
e2e_expect_line "Bravo tree planting +2 places left"
e2e_screen | grep -qF "Charlie full house" && e2e_fail "a full initiative is on the welcome screen"
e2e_pass "the welcome screen shows the news (sanitized) and initiatives with free places"

# First use: no PIN without an activation code from a lead.
e2e_type "E1"
e2e_keys Enter
e2e_wait_for "No PIN yet: type the activation code from your team lead"
e2e_type "1234-5678-9012"
e2e_wait_for "****-****-****"
e2e_keys Enter
e2e_wait_for "No activation code was issued for E1: ask your team lead for one"
[[ $(sqlite3 "$E2E_TMP/csrdesk.db" "SELECT pin_hash IS NULL FROM volunteer WHERE employee_id = 'E1'") == 1 ]] ||
	e2e_fail "E1 got a PIN without an activation code"
e2e_pass "without an activation code nobody chooses E1's PIN"

code=$(e2e_csr pin activate E1) || e2e_fail "pin activate failed"
grep -qE '^[0-9]{4}-[0-9]{4}-[0-9]{4}$' <<<"${code%%$'\n'*}" || e2e_fail "pin activate printed: $code"
grep -q "^valid once, until $(date +%Y-%m-%d) \|^valid once, until $(date -d +1day +%Y-%m-%d) " <<<"$code" ||
	e2e_fail "pin activate does not say until when the code works: $code"
code=${code%%$'\n'*}
wrong=$(printf '%s' "$code" | tr 0123456789 1234567890)
e2e_type "E1"
e2e_keys Enter
e2e_wait_for "No PIN yet"
e2e_type "$wrong"
e2e_keys Enter
e2e_wait_for "Wrong activation code (2 attempts left)"
e2e_type "${code//-/}"
e2e_screen | grep -qF "${code:0:4}" && e2e_fail "the activation code shows on the screen"
e2e_keys Enter
e2e_wait_for "Code accepted: choose a PIN of at least 6 digits"

# Then choose a PIN, typed twice, never shown.
e2e_type "123456"
e2e_wait_for "******"
e2e_screen | grep -qF "123456" && e2e_fail "the PIN shows on the screen"
e2e_keys Enter
e2e_wait_for "Type the same PIN again"
e2e_type "123456"
e2e_keys Enter
e2e_wait_for "Mia Tester (agent)"
e2e_wait_for "2 My record"
[[ $(sqlite3 "$E2E_TMP/csrdesk.db" "SELECT count(*) FROM pin_activation") == 0 ]] ||
	e2e_fail "the activation code is left after its use"
e2e_pass "a wrong code is refused and counted; with the lead's code E1 chooses a PIN (masked, typed twice)"

e2e_keys s
e2e_wait_for "Confirmed: you have a place on 'Alpha beach clean-up'"
e2e_keys j s
e2e_wait_for "Confirmed: you have a place on 'Bravo tree planting'"
e2e_csr export signups | grep -q "^1,E1,confirmed," || e2e_fail "the sign-up is not in the database"
e2e_pass "s signs up in the kiosk"

e2e_keys 2
e2e_wait_for "Upcoming places (2)"
e2e_expect_line "^>.*Alpha beach clean-up +confirmed"
e2e_expect_line "Delta food bank +attended"
e2e_screen | grep -qF "zoe@example.com" && e2e_fail "the own view shows another person's email"
e2e_pass "the own view shows the person's places"

e2e_keys l
e2e_wait_for "Log hours"
e2e_wait_for "Initiative $(date -d '-3 days' +%Y-%m-%d) Delta food bank" # the latest place
e2e_keys Tab Tab
e2e_type "1.5"
e2e_keys F2
e2e_wait_for "Logged 1.5 hours"
e2e_wait_for "1.5 waiting for approval"
e2e_csr export hours | grep -q "^E1,4,$(date +%Y-%m-%d),1.50,pending" ||
	e2e_fail "the hours are not in the database"
e2e_pass "l logs hours for the latest place, pending a lead's approval"

e2e_keys G k r # the attended place
e2e_wait_for "Rate an initiative"
e2e_keys Tab
e2e_type "4"
e2e_keys F2
e2e_wait_for "You rated it 4 of 5"
e2e_expect_line "Delta food bank +rated 4/5"
e2e_pass "r rates an attended initiative"

e2e_keys g j x
e2e_wait_for "Cancel your place on 'Bravo tree planting'?"
e2e_keys y
e2e_wait_for "Cancelled your place on 'Bravo tree planting'"
e2e_csr export signups | grep -q "^2,E1,cancelled," || e2e_fail "the cancel is not in the database"
e2e_pass "x cancels an upcoming place from the own view"

e2e_keys C-c C-z 'C-\'
sleep 0.5
running || e2e_fail "Ctrl-C, Ctrl-Z or Ctrl-\\ ended the kiosk"
e2e_wait_for "Mia Tester (agent)"
e2e_pass "Ctrl-C, Ctrl-Z and Ctrl-\\ do nothing while signed in"

e2e_keys q
e2e_wait_for "You are signed out"
e2e_wait_for "Employee ID"
e2e_wait_gone "Mia Tester"
e2e_pass "q signs out to the welcome screen"

e2e_keys q C-c C-z 'C-\'
sleep 0.5
running || e2e_fail "a key ended the kiosk on the welcome screen"
e2e_keys Escape
e2e_pass "q, Ctrl-C, Ctrl-Z and Ctrl-\\ do nothing on the welcome screen"

sign_in E1 000000
e2e_wait_for "Wrong PIN (2 attempts left)"
e2e_type "111111"
e2e_keys Enter
e2e_wait_for "Wrong PIN (1 attempt left)"
e2e_type "222222"
e2e_keys Enter
e2e_wait_for "ID E1 is now locked. Ask a team lead to reset it"
e2e_type "E1"
e2e_keys Enter
e2e_wait_for "ID E1 is locked after too many wrong PINs"
e2e_keys Escape
e2e_pass "wrong PINs show the attempts left and lock the ID after max_pin_attempts"

# A lead resets the PIN: the used code does not work a second time.
[[ $(e2e_csr pin reset E1) == reset ]] || e2e_fail "pin reset failed"
e2e_type "E1"
e2e_keys Enter
e2e_wait_for "No PIN yet"
e2e_type "$code"
e2e_keys Enter
e2e_wait_for "No activation code was issued for E1"
[[ $(sqlite3 "$E2E_TMP/csrdesk.db" "SELECT pin_hash IS NULL FROM volunteer WHERE employee_id = 'E1'") == 1 ]] ||
	e2e_fail "the used code set a PIN again"
e2e_pass "an activation code works once"

code2=$(e2e_csr pin activate E2 | head -n 1)
e2e_type "E2"
e2e_keys Enter
e2e_wait_for "No PIN yet"
e2e_type "$code2"
e2e_keys Enter
e2e_wait_for "Code accepted: choose a PIN"
e2e_type "654321"
e2e_keys Enter
e2e_wait_for "Type the same PIN again"
e2e_type "654321"
e2e_keys Enter
e2e_wait_for "Zoë Ångström (agent)"
e2e_keys 2
e2e_wait_for "Upcoming places (1)"
e2e_wait_for "Charlie full house"
e2e_screen | grep -qF "Alpha beach clean-up" && e2e_fail "E2 sees the last person's places"
e2e_wait_for "Signed out after 10 seconds without a key" $((15 * E2E_SLOW))
e2e_wait_gone "Zoë Ångström"
running || e2e_fail "the idle timeout ended the kiosk"
e2e_pass "after idle_timeout the kiosk signs the person out"

sign_in E2 654321
e2e_wait_for "Zoë Ångström (agent)"
e2e_keys 2 l
e2e_wait_for "Log hours" # left open: the timeout closes it too
e2e_type "typed, then left"
e2e_wait_for "Signed out after 10 seconds without a key" $((15 * E2E_SLOW))
e2e_wait_gone "typed, then left"
running || e2e_fail "the idle timeout ended the kiosk"
e2e_pass "the idle timeout also signs out from inside a form"

# Only a signal from outside ends the kiosk: SIGINT, SIGQUIT and SIGTSTP
# are ignored, SIGTERM ends it cleanly.
pane_pid=$(e2e_tmux display-message -p -t "$E2E_SESSION" '#{pane_pid}')
pid=$(pgrep -P "$pane_pid" -x "$E2E_COMM") || e2e_fail "csrdesk is not running"
kill -INT "$pid"
kill -QUIT "$pid"
kill -TSTP "$pid"
sleep 0.5
running || e2e_fail "SIGINT, SIGQUIT or SIGTSTP ended the kiosk"
[[ $(ps -o stat= -p "$pid") != T* ]] || e2e_fail "SIGTSTP stopped the kiosk"
kill -TERM "$pid"
status=$(e2e_wait_exit $((3 * E2E_SLOW)))
[[ $status == 0 ]] || e2e_fail "SIGTERM ended the kiosk with status $status"
e2e_pass "SIGINT, SIGQUIT and SIGTSTP are ignored; SIGTERM ends the kiosk cleanly"

# From one's own login: `csrdesk pin set` (E2 is linked to the Unix user
# running the test) asks for the current PIN, then the new one twice, none
# of them echoed; the new PIN then works at a kiosk. Without a terminal it
# refuses.
sqlite3 "$E2E_TMP/csrdesk.db" "UPDATE volunteer SET unix_user = '$(id -un)' WHERE employee_id = 'E2'"
setsid "$CSRDESK" --config "$E2E_TMP/csrdesk.conf" --db "$E2E_TMP/csrdesk.db" pin set \
	</dev/null >"$E2E_TMP/pinset.out" 2>&1 && e2e_fail "pin set worked without a terminal"
grep -q "reads the PIN from a terminal" "$E2E_TMP/pinset.out" ||
	e2e_fail "pin set without a terminal says: $(cat "$E2E_TMP/pinset.out")"
e2e_start --session pinset -- --config "$E2E_TMP/csrdesk.conf" --db "$E2E_TMP/csrdesk.db" pin set
e2e_wait_for "Current PIN:"
e2e_type "654321"
e2e_keys Enter
e2e_wait_for "New PIN (6 to 32 digits):"
e2e_type "246810"
e2e_keys Enter
e2e_wait_for "New PIN again:"
e2e_type "246810"
e2e_keys Enter
status=$(e2e_wait_exit)
[[ $status == 0 ]] || e2e_fail "pin set ended with status $status: $(e2e_stderr)"
e2e_wait_for "PIN set for E2"
e2e_screen | grep -qE "654321|246810" && e2e_fail "pin set echoed a PIN"
e2e_start --session kiosk2 --size 80x24 -- --config "$E2E_TMP/csrdesk.conf" \
	--db "$E2E_TMP/csrdesk.db" --kiosk
e2e_wait_for "Employee ID"
sign_in E2 246810
e2e_wait_for "Zoë Ångström (agent)"
e2e_pass "pin set sets one's own PIN from one's own login, without echo; not without a terminal"
