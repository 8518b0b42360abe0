#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end: the TUI's main screens in a real terminal (tmux). The three
# panels render, j/k move, / narrows the list, ? shows the keys, s signs
# the user up (seen in the detail pane and in the database), o orders the
# list (kept across a live reload, the cursor on its initiative), and q
# quits with exit status 0 and the terminal restored.
. "$(dirname "$0")/lib.sh"

e2e_config "$E2E_TMP/csrdesk.conf" </dev/null
e2e_csr init >/dev/null
cat >"$E2E_TMP/volunteers.csv" <<CSV
employee_id,name,team,site,email,skills,unix_user
E1,Mia Tester,Inbound Care,HQ,mia@example.com,,$(id -un)
E2,Zoë Ångström,Tech Support,HQ,zoe@example.com,,
CSV
e2e_csr import volunteers "$E2E_TMP/volunteers.csv" >/dev/null
day() { date -d "+$1 days" '+%Y-%m-%d'; }
add() { # TITLE DAYS LOCATION DESCRIPTION
	e2e_csr initiative add --title "$1" --category environment --starts "$(day "$2") 09:00" \
		--ends "$(day "$2") 12:00" --capacity 5 --location "$3" --description "$4" >/dev/null
}
# wait_titles "Alpha Bravo ...": until the list rows (lines with a date
# and places) show these first words of the titles, in this order.
wait_titles() {
	local i got
	for ((i = 0; i < E2E_TIMEOUT * 10; i++)); do
		got=$(e2e_screen | grep -E '^[> ][A-Z][a-z]+ .* [0-9]{4}-[0-9]{2}-[0-9]{2} .* [0-9]+/[0-9]+ ' |
			cut -c2- | cut -d' ' -f1 | paste -sd' ')
		[[ $got == "$1" ]] && return 0
		sleep 0.1
	done
	e2e_fail "the list shows '$got', not '$1'"
}
add "Alpha beach clean-up" 3 "North Beach" "First: bring gloves."
add "Bravo tree planting" 5 "City Park" "Second: spades are provided."
add "Charlie food bank shift" 7 "Dock Road" "Third: closed-toe shoes."

e2e_start --size 100x30 -- --config "$E2E_TMP/csrdesk.conf" --db "$E2E_TMP/csrdesk.db"
e2e_wait_for "1 Initiatives"
e2e_wait_for "Charlie food bank shift"
e2e_wait_for "First: bring gloves."
e2e_pass "the Initiatives panel renders with the details of the first"

e2e_keys j
e2e_wait_for "Second: spades are provided."
e2e_keys j
e2e_wait_for "Third: closed-toe shoes."
e2e_keys k k
e2e_wait_for "First: bring gloves."
e2e_pass "j and k move the cursor"

e2e_keys /
e2e_type "tree"
e2e_wait_gone "Alpha beach clean-up"
e2e_expect_line " 1 initiative$"
e2e_keys Enter
e2e_wait_for 'matching "tree"'
e2e_wait_for "Second: spades are provided."
e2e_keys / C-u Enter
e2e_wait_for "3 initiatives"
e2e_pass "/ narrows the list and clearing it shows all again"

e2e_keys g '?'
e2e_wait_for "Sign up for the selected initiative"
e2e_wait_for "Create a new initiative" # the user is an admin
e2e_keys Escape
e2e_wait_gone "Sign up for the selected initiative"
e2e_pass "? shows the keys"

e2e_keys s
e2e_wait_for "Confirmed: you have a place on 'Alpha beach clean-up'"
e2e_expect_line "^ You +confirmed"
e2e_expect_line "Mia Tester +E1 +confirmed"
e2e_csr export signups | grep -q "E1,confirmed" || e2e_fail "the sign-up is not in the database"
e2e_keys s
e2e_wait_for "already"
e2e_pass "s signs up, and a second s shows the refusal"

e2e_keys 2
e2e_wait_for "2 people"
e2e_wait_for "Zoë Ångström"
e2e_wait_for "Upcoming (1)"
e2e_keys 3
e2e_wait_for "Participation"
e2e_keys 1
e2e_wait_for "Alpha beach clean-up"
e2e_pass "the Volunteers and Impact panels render"

e2e_keys o
e2e_wait_for "Upcoming, by title"
e2e_csr initiative add --title "Delta blood drive" --category education \
	--starts "$(day 4) 09:00" --ends "$(day 4) 12:00" --capacity 5 --description "Fourth." \
	>/dev/null
e2e_wait_for "4 initiatives" # the live reload keeps the order
wait_titles "Alpha Bravo Charlie Delta"
e2e_keys G
e2e_wait_for "Fourth."
e2e_keys o
e2e_wait_for "Upcoming, by category"
wait_titles "Delta Alpha Bravo Charlie"
e2e_expect_line "^>Delta blood drive"
e2e_keys o
e2e_wait_for "Upcoming, by date"
wait_titles "Alpha Delta Bravo Charlie"
e2e_expect_line "^>Delta blood drive"
e2e_pass "o orders by title, category and date; a live reload and the cursor keep them"

e2e_keys q
status=$(e2e_wait_exit)
[[ $status == 0 ]] || e2e_fail "q ended with status $status"
e2e_wait_gone "1 Initiatives" # the normal screen is back
e2e_pass "q quits with status 0 and restores the terminal"
