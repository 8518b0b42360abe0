#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end, the whole story of issue 13 with every real part: Ana, a Unix
# user with a mailbox on this machine's MTA, signs up at a floor terminal
# for a full initiative and is waitlisted. Ben, at another terminal,
# cancels his place. Ana's next sign-in shows "You have a place: ..." once
# (not again at the sign-in after); `csrdesk remind`, run as Ana's Unix
# user, prints it once; `csrdesk notify`, run twice by the timer's user,
# leaves exactly one mail for it in /var/mail/ana. Needs root, setpriv,
# useradd and an MTA (/usr/sbin/sendmail); else skipped (77).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_mta.sh"
mta_require notify_flow

ana=csrf$$
mailbox=/var/mail/$ana
flow_cleanup() {
	userdel -r "$ana" >/dev/null 2>&1 || true
	rm -f "$mailbox"
	e2e_cleanup
}
trap flow_cleanup EXIT
useradd -m "$ana"
rm -f "$mailbox"

e2e_config "$E2E_TMP/csrdesk.conf" <<'CONF'
kiosk { require_pin = false }
mail { command = "/usr/sbin/sendmail -t -oi" }
CONF
e2e_csr init >/dev/null
printf '%s\n' "employee_id,name,team,site,email,skills,unix_user" \
	"E1,Ana Agent,Inbound Care,HQ,,,$ana" \
	"E2,Ben Busy,Tech Support,HQ,,," >"$E2E_TMP/volunteers.csv"
e2e_csr import volunteers "$E2E_TMP/volunteers.csv" >/dev/null
sql() { sqlite3 -batch "$E2E_TMP/csrdesk.db" "$1"; }
# Her mailbox here (the entry check wants a dotted domain, so set here).
sql "UPDATE volunteer SET email = '$ana@localhost' WHERE employee_id = 'E1'"
day=$(date -d '+3 days' '+%Y-%m-%d')
drive=$(e2e_csr initiative add --title "Blood donation drive" --category health \
	--starts "$day 09:30" --ends "$day 12:00" --capacity 1 --location "Hall B")
# The database as a server shares it (the setgid group): Ana's own
# processes may write it too.
chmod 0777 "$E2E_TMP"

sign_in() { # EMPLOYEE_ID NAME
	e2e_wait_for "Employee ID"
	e2e_type "$1"
	e2e_keys Enter
	e2e_wait_for "$2 (agent)"
}
sign_out() {
	e2e_keys q
	e2e_wait_for "You are signed out"
}

e2e_start --session ben --size 100x30 -- --config "$E2E_TMP/csrdesk.conf" \
	--db "$E2E_TMP/csrdesk.db" --kiosk
sign_in E2 "Ben Busy"
e2e_keys s
e2e_wait_for "Confirmed: you have a place on 'Blood donation drive'"

e2e_start --session ana --size 100x30 -- --config "$E2E_TMP/csrdesk.conf" \
	--db "$E2E_TMP/csrdesk.db" --kiosk
sign_in E1 "Ana Agent"
e2e_keys s
e2e_wait_for "Waitlisted"
sign_out
e2e_pass "Ana signs up at a floor terminal and waits; Ben has the place"

e2e_use ben
e2e_keys x
e2e_wait_for "Cancelled your place on 'Blood donation drive'; Ana Agent moves up from the waitlist"
sign_out
[[ $(sql "SELECT count(*) FROM notification WHERE kind = 'promoted'") == 1 ]] ||
	e2e_fail "Ben's cancel did not write one notification for Ana"

e2e_use ana
sign_in E1 "Ana Agent"
popup=$(e2e_popup " 1 new notification ")
grep -qF "You have a place: Blood donation drive, $day 09:30" <<<"$popup" ||
	e2e_fail "Ana's sign-in does not show 'You have a place: ...'"
e2e_keys Escape
e2e_wait_gone "new notification"
sign_out
sign_in E1 "Ana Agent"
sleep 1
e2e_screen | grep -q "new notification" && e2e_fail "the notification showed again at the next sign-in"
sign_out
e2e_pass "Ana's next sign-in shows 'You have a place: ...' once"

e2e_chmod_db 0666
as_ana() { setpriv --reuid="$ana" --regid="$(id -g "$ana")" --init-groups "$@"; }
remind=$(as_ana env HOME="/home/$ana" "$CSRDESK" --config "$E2E_TMP/csrdesk.conf" \
	--db "$E2E_TMP/csrdesk.db" remind)
[[ $remind == "csrdesk: 1 new notification"$'\n'"  You have a place: Blood donation drive, $day 09:30"*"Hall B" ]] ||
	e2e_fail "csrdesk remind as $ana printed: '$remind'"
remind=$(as_ana env HOME="/home/$ana" "$CSRDESK" --config "$E2E_TMP/csrdesk.conf" \
	--db "$E2E_TMP/csrdesk.db" remind)
[[ -z $remind ]] || e2e_fail "csrdesk remind printed it twice: '$remind'"
e2e_pass "csrdesk remind as Ana's Unix user prints it once"

ids() { [[ -f $mailbox ]] && grep -ci '^Message-ID: <csrdesk-' "$mailbox" || echo 0; }
first=$(e2e_csr notify)
second=$(e2e_csr notify)
[[ $first == "sent 1, skipped 0" && $second == "sent 0, skipped 0" ]] ||
	e2e_fail "notify said '$first' and then '$second'"
for ((i = 0; i < 100; i++)); do (($(ids) >= 1)) && break; sleep 0.1; done
sleep 1
[[ $(ids) == 1 ]] || e2e_fail "the mailbox holds $(ids) mails from csrdesk, not one"
grep -q '^Subject: =?UTF-8?B?' "$mailbox" || e2e_fail "the mail has no encoded Subject"
e2e_pass "after notify ran twice, /var/mail/$ana holds exactly one mail"
