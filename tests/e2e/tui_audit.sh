#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end: the audit log screen (issue 14). An admin opens it from the
# Tools menu: every entry newest first, sanitized; f filters by who and by
# what (an action's beginning), and by days; Enter shows an entry whole.
# A team lead and an agent (their own login, as nobody through setpriv:
# uid 0 is always an admin) find it in no menu and no ? help.
# Needs $CSRDESK, tmux, sqlite3 and setpriv.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_menu.sh"
for tool in sqlite3 setpriv; do
	command -v "$tool" >/dev/null || e2e_fail "$tool is needed (Debian: apt-get install $tool)"
done
((EUID == 0)) || e2e_fail "run as root: the test acts as a lead and an agent (nobody)"

e2e_config "$E2E_TMP/csrdesk.conf" </dev/null
e2e_lead_and_agent
e2e_csr signup "$(e2e_csr initiative add --title "Beach clean-up" --category environment \
	--starts "$(date -d '+3 days' +%Y-%m-%d) 09:00" --ends "$(date -d '+3 days' +%Y-%m-%d) 12:00" \
	--capacity 5)" E2 >/dev/null
# Entries of other people, as their writes would have logged them: two
# days ago, and one with an escape sequence in its detail.
sqlite3 "$E2E_TMP/csrdesk.db" <<'SQL'
INSERT INTO audit (at, actor, action, entity, entity_id, detail) VALUES
	(strftime('%s', 'now', '-2 days'), 'unix:ben', 'person.export', 'volunteer', 2, 'Ana Agent'),
	(strftime('%s', 'now', '-2 days'), 'unix:ben', 'signup.cancel', 'signup', 7,
	 'evil' || char(27) || '[2J detail'),
	(strftime('%s', 'now', '-1 days'), 'kiosk:E2', 'signup.add', 'signup', 8, 'Ana Agent');
SQL
total=$(sqlite3 "$E2E_TMP/csrdesk.db" "SELECT count(*) FROM audit")

# rows: the audit log pop-up's entry rows (those with a time).
rows() { e2e_popup "Audit log" | grep -E "[│|][> ][0-9]{4}-[0-9]{2}-[0-9]{2} "; }

e2e_start --size 110x30 -- --config "$E2E_TMP/csrdesk.conf" --db "$E2E_TMP/csrdesk.db"
e2e_wait_for "(admin)"
e2e_menu_pick "Audit log"
# opening the log is itself audited (audit.read), so it is the newest entry
e2e_wait_for "Audit log ($((total + 1)) entries)"
grep -qE "audit\.read +audit" <<<"$(rows | head -n 1)" ||
	e2e_fail "the opening of the log is not the newest entry: $(rows)"
grep -qE "signup\.add +signup [0-9]+ " <<<"$(rows | sed -n 2p)" ||
	e2e_fail "the sign-up just made is not next: $(rows)"
grep -qE "unix:ben +person\.export" <<<"$(rows | tail -n 1)" || e2e_fail "the oldest entry is not last: $(rows)"
grep -qF "evil?[2J detail" <<<"$(e2e_popup "Audit log")" || e2e_fail "the escape is not shown sanitized"
e2e_pass "an admin opens the audit log from the Tools menu: every entry, newest first, sanitized"

filter() { # WHO WHAT FROM TO: fills the filter form and saves it
	e2e_keys f
	e2e_wait_for "Filter the audit log"
	local value
	for value in "$@"; do
		e2e_keys C-u
		[[ -z $value ]] || e2e_type "$value"
		e2e_keys Tab
	done
	e2e_keys F2
	e2e_wait_gone "Filter the audit log"
}
filter "unix:ben" "" "" ""
e2e_wait_for "Audit log (2 entries)"
e2e_wait_for "who: unix:ben"
[[ $(rows | grep -c "unix:ben") == 2 && $(rows | wc -l) == 2 ]] ||
	e2e_fail "the filter by who shows other rows: $(rows)"
filter "" "signup." "" ""
e2e_wait_for "what: signup."
want=$(sqlite3 "$E2E_TMP/csrdesk.db" "SELECT count(*) FROM audit WHERE action LIKE 'signup.%'")
e2e_wait_for "Audit log ($want entries)"
grep -vE " signup\.(add|cancel) " <<<"$(rows)" && e2e_fail "the filter by what shows other actions"
[[ $(rows | wc -l) == "$want" ]] || e2e_fail "the filter by what shows $(rows | wc -l) of $want rows"
filter "unix:ben" "signup." "" ""
e2e_wait_for "Audit log (1 entry)"
grep -qE "unix:ben +signup\.cancel" <<<"$(rows)" || e2e_fail "who and what together: $(rows)"
filter "" "" "$(date -d '-1 days' +%Y-%m-%d)" "$(date -d '-1 days' +%Y-%m-%d)"
e2e_wait_for "Audit log (1 entry)"
grep -qE "kiosk:E2 +signup\.add" <<<"$(rows)" || e2e_fail "the filter by days: $(rows)"
e2e_keys f
e2e_wait_for "Filter the audit log"
e2e_keys C-u Tab C-u Tab C-u
e2e_type "2026-13-01"
e2e_keys F2
e2e_wait_for "From must be a day as YYYY-MM-DD"
e2e_keys Escape
e2e_wait_for "Discard your changes?"
e2e_keys y
e2e_wait_gone "Filter the audit log"
e2e_pass "f filters by who, by what (an action's beginning) and by days; a bad day is named"

e2e_keys Enter
e2e_wait_for " Audit entry "
entry=$(e2e_popup " Audit entry ")
grep -qE "Who +kiosk:E2" <<<"$entry" || e2e_fail "the entry shown whole: $entry"
grep -qE "On +signup 8" <<<"$entry" || e2e_fail "the entry does not name its signup: $entry"
e2e_keys Escape
e2e_wait_gone " Audit entry "
e2e_keys Escape
e2e_wait_gone "Audit log ("
e2e_keys q
[[ $(e2e_wait_exit) == 0 ]] || e2e_fail "csrdesk did not quit cleanly"
e2e_pass "Enter shows an entry whole"

# A lead and an agent: nobody (uid 0 is always an admin), the lead by the
# config, the agent as Ana Agent's own login.
chmod 777 "$E2E_TMP" && e2e_chmod_db 666
sqlite3 "$E2E_TMP/csrdesk.db" "UPDATE volunteer SET unix_user = 'nobody' WHERE employee_id = 'E2'"
printf 'roles { admin_group = "" lead_group = "" leads = {"nobody"} }\n' >"$E2E_TMP/lead.conf"
printf 'roles { admin_group = "" lead_group = "" }\n' >"$E2E_TMP/agent.conf"
chmod 644 "$E2E_TMP"/*.conf
printf '#!/bin/sh\nexec setpriv --reuid=65534 --regid=65534 --clear-groups %q "$@"\n' "$CSRDESK" \
	>"$E2E_TMP/as-nobody"
chmod 755 "$E2E_TMP/as-nobody"
for role in lead agent; do
	CSRDESK=$E2E_TMP/as-nobody e2e_start --session "$role" HOME="$E2E_TMP" -- \
		--config "$E2E_TMP/$role.conf" --db "$E2E_TMP/csrdesk.db"
	e2e_wait_for "($role)"
	e2e_keys F10
	e2e_wait_for " Initiative "
	for ((i = 0; i < 5; i++)); do
		grep -qF "Audit log" <<<"$(e2e_screen)" && e2e_fail "a $role's menu lists the audit log"
		e2e_keys Right
		sleep 0.2
	done
	e2e_keys Escape
	e2e_keys '?'
	e2e_wait_for " Keys: "
	grep -qiF "audit log" <<<"$(e2e_screen)" && e2e_fail "a $role's help lists the audit log"
	e2e_keys Escape
	e2e_keys q
	[[ $(e2e_wait_exit) == 0 ]] || e2e_fail "csrdesk as a $role did not quit cleanly"
done
e2e_pass "neither a team lead nor an agent finds the audit log in a menu or the help"
