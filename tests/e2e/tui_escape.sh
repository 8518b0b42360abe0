#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end: text that people typed cannot write into another person's
# terminal. A volunteer whose name holds escape sequences (color, window
# title, clear screen), a C1 control and a bidi override, and an initiative
# whose title holds some too, are drawn with '?' in their place: the raw
# sequences never reach the terminal.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || { echo "tui_escape: sqlite3 is needed" >&2; exit 1; }

e2e_config "$E2E_TMP/csrdesk.conf" </dev/null
e2e_csr init >/dev/null
start=$(date -d '+3 days' '+%Y-%m-%d')
e2e_csr initiative add --title "Harmless" --category health \
	--starts "$start 09:00" --ends "$start 12:00" --capacity 5 >/dev/null
# Written with plain SQL, as a careless import or another program could.
sqlite3 "$E2E_TMP/csrdesk.db" <<'SQL'
INSERT INTO volunteer (employee_id, name, team, created_at) VALUES
	('E666', 'Eve' || char(27) || '[31mRED' || char(27) || ']0;pwned' || char(7) ||
	 'X' || char(27) || '[2J' || char(155) || 'Y' || char(8238) || 'Z', 'Red Team', 0);
UPDATE initiative SET title = 'Trap' || char(27) || '[5mBLINK' || char(13) || 'end';
SQL

e2e_start --size 100x30 -- --config "$E2E_TMP/csrdesk.conf" --db "$E2E_TMP/csrdesk.db"
e2e_wait_for "1 Initiatives"
e2e_wait_for "Trap?[5mBLINK?end"
e2e_pass "an initiative title with ESC and CR is drawn with '?'"

e2e_keys 2
want='Eve?[31mRED?]0;pwned?X?[2J?Y?Z'
e2e_wait_for "$want"
[[ $(e2e_screen | grep -cF -- "$want") -ge 2 ]] || e2e_fail "the name is not both in the list and the details"
e2e_pass "the volunteer's name is drawn with '?' in the list and the details"

# Had a sequence reached the terminal, tmux would have run it.
[[ $(e2e_tmux display-message -p -t "$E2E_SESSION" '#{pane_title}') != pwned ]] ||
	e2e_fail "the window title was changed"
e2e_screen | head -n 1 | grep -q "1 Initiatives" || e2e_fail "the screen was cleared"
e2e_screen_escapes | grep -q $'\e\\[5m' && e2e_fail "the terminal got a blink sequence"
e2e_pass "no raw escape reached the terminal (title, screen and attributes intact)"

e2e_keys q
status=$(e2e_wait_exit)
[[ $status == 0 ]] || e2e_fail "q ended with status $status"
