#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end: changes made elsewhere show without a key press. A lead
# watches an initiative with one place left and a waitlist (whose only
# person cannot move up: they hold an overlapping place). An agent at a
# kiosk, in a second terminal, takes the last place: the lead's screen
# shows it within 2 seconds. Then cancels on the command line promote the
# waitlist, and the lead sees that too; the lead's cursor stays on the
# same initiative all along.
. "$(dirname "$0")/lib.sh"

e2e_config "$E2E_TMP/csrdesk.conf" <<'CONF'
kiosk { require_pin = false }
CONF
e2e_csr init >/dev/null
cat >"$E2E_TMP/volunteers.csv" <<'CSV'
employee_id,name,team
E1,Kim Kiosk,Inbound Care
E2,Ben Early,Inbound Care
E3,Cleo Leaving,Tech Support
E4,Dara Waiting,Back Office
CSV
e2e_csr import volunteers "$E2E_TMP/volunteers.csv" >/dev/null
day=$(date -d '+3 days' '+%Y-%m-%d')
add() { # TITLE FROM TO CAPACITY
	e2e_csr initiative add --title "$1" --category environment --starts "$day $2" \
		--ends "$day $3" --capacity "$4"
}
[[ $(add "Aardvark warm-up" 07:00 08:00 9) == 1 ]] || e2e_fail "unexpected initiative id"
watched=$(add "Beach clean-up" 09:00 12:00 2)
overlap=$(add "Coffee stand" 10:00 11:00 5)
e2e_csr signup "$watched" E2 >/dev/null
e2e_csr signup "$watched" E3 >/dev/null
e2e_csr signup "$overlap" E4 >/dev/null
[[ $(e2e_csr signup "$watched" E4) == "waitlisted 1" ]] || e2e_fail "E4 was not waitlisted"
e2e_csr cancel "$watched" E3 >/dev/null # E4 overlaps: the place stays free

# wait_row PATTERN: the selected row (the cursor) matches PATTERN within
# 2 seconds, with no key pressed.
wait_row() {
	local i
	for ((i = 0; i < 20 * E2E_SLOW; i++)); do
		e2e_screen | grep -qE -- "^>$1" && return 0
		sleep 0.1
	done
	e2e_fail "the lead's selected row did not become /$1/ within $((2 * E2E_SLOW))s"
}

e2e_start --session lead --size 100x30 -- --config "$E2E_TMP/csrdesk.conf" \
	--db "$E2E_TMP/csrdesk.db"
e2e_wait_for "Beach clean-up"
e2e_keys j
wait_row "Beach clean-up .* 1/2 +1 +open"
e2e_pass "the lead watches 'Beach clean-up': 1 place left, 1 on the waitlist"

e2e_start --session kiosk --size 80x24 -- --config "$E2E_TMP/csrdesk.conf" \
	--db "$E2E_TMP/csrdesk.db" --kiosk
e2e_wait_for "Employee ID"
e2e_type "E1"
e2e_keys Enter
e2e_wait_for "Kim Kiosk (agent)"
e2e_keys j s
e2e_wait_for "Confirmed: you have a place on 'Beach clean-up'"

e2e_use lead
wait_row "Beach clean-up .* 2/2 +1 +open"
e2e_wait_for "Kim Kiosk"
e2e_pass "the kiosk's sign-up shows on the lead's screen within 2s, cursor in place"

e2e_csr cancel "$overlap" E4 >/dev/null
e2e_csr cancel "$watched" E2 >/dev/null
wait_row "Beach clean-up .* 2/2 +open"
e2e_expect_line "Dara Waiting +E4 +confirmed"
e2e_screen | grep -qF "Ben Early" && e2e_fail "the cancelled place still shows"
e2e_pass "a cancel promotes the waitlist, and the lead sees it within 2s, cursor in place"
