#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end: a private category (issue 14; the default config's "health"
# has private = true). At a kiosk an agent sees how many signed up for a
# blood drive ("3 signed up"), never who; on an initiative of another
# category the names show as before; a team lead (nobody through setpriv,
# as uid 0 is always an admin) sees the names. An agent's own login gets
# no list of the places from the command line either, and the calendar of
# open initiatives names nobody.
# Needs $CSRDESK, tmux, sqlite3 and setpriv.
. "$(dirname "$0")/lib.sh"
for tool in sqlite3 setpriv; do
	command -v "$tool" >/dev/null || e2e_fail "$tool is needed (Debian: apt-get install $tool)"
done
((EUID == 0)) || e2e_fail "run as root: the test acts as a lead and an agent (nobody)"

e2e_config "$E2E_TMP/csrdesk.conf" <<'CONF'
kiosk { require_pin = false }
CONF
e2e_csr init >/dev/null
printf '%s\n' "employee_id,name,team,site,email,skills,unix_user" \
	"E1,Lea Lead,Inbound Care,HQ,lea@example.com,,nobody" \
	"E2,Ana Agent,Tech Support,HQ,ana@example.com,," \
	"E3,Ben Berg,Tech Support,HQ,,," "E4,Cleo Cruz,Tech Support,HQ,,," \
	"E5,Dana Dorn,Inbound Care,HQ,,," >"$E2E_TMP/volunteers.csv"
e2e_csr import volunteers "$E2E_TMP/volunteers.csv" >/dev/null
add() { # TITLE CATEGORY DAYS
	e2e_csr initiative add --title "$1" --category "$2" --capacity 10 \
		--starts "$(date -d "+$3 days" +%Y-%m-%d) 09:00" --ends "$(date -d "+$3 days" +%Y-%m-%d) 12:00"
}
drive=$(add "Blood drive" health 2)
beach=$(add "Beach clean-up" environment 3)
e2e_csr signup "$drive" E3 E4 E5 >/dev/null
e2e_csr signup "$beach" E3 >/dev/null

# ---- an agent at a kiosk ----
e2e_start --size 110x30 -- --config "$E2E_TMP/csrdesk.conf" --db "$E2E_TMP/csrdesk.db" --kiosk
e2e_wait_for "Employee ID"
e2e_type "E2"
e2e_keys Enter
e2e_wait_for "Ana Agent (agent)"
e2e_close_notices E2
e2e_keys Home
e2e_wait_for "3 signed up"
e2e_wait_for "The names are private in this category"
for name in "Ben Berg" "Cleo Cruz" "Dana Dorn" E3 E4 E5; do
	e2e_screen | grep -qF "$name" && e2e_fail "the kiosk shows $name on the blood drive"
done
e2e_keys Down
e2e_wait_for "Signed up (1)"
e2e_wait_for "Ben Berg"
e2e_pass "a kiosk agent sees '3 signed up' on the blood drive and no names; names elsewhere"
e2e_keys Up s
e2e_wait_for "Confirmed: you have a place on 'Blood drive'"
e2e_wait_for "4 signed up"
e2e_expect_line "You +confirmed"
e2e_screen | grep -qF "Ben Berg" && e2e_fail "signing up showed the others' names"
e2e_pass "the agent signs up and sees their own place, still no one else's name"
e2e_keys q
e2e_wait_for "Employee ID"
e2e_tmux kill-session -t main

# ---- a team lead (nobody, a lead by the config) ----
chmod 777 "$E2E_TMP" && e2e_chmod_db 666
printf 'roles { admin_group = "" lead_group = "" leads = {"nobody"} }\n' >"$E2E_TMP/lead.conf"
printf 'roles { admin_group = "" lead_group = "" }\n' >"$E2E_TMP/agent.conf"
chmod 644 "$E2E_TMP"/*.conf
printf '#!/bin/sh\nexec setpriv --reuid=65534 --regid=65534 --clear-groups %q "$@"\n' "$CSRDESK" \
	>"$E2E_TMP/as-nobody"
chmod 755 "$E2E_TMP/as-nobody"
CSRDESK=$E2E_TMP/as-nobody e2e_start --session lead --size 110x30 HOME="$E2E_TMP" -- \
	--config "$E2E_TMP/lead.conf" --db "$E2E_TMP/csrdesk.db"
e2e_wait_for "(lead)"
e2e_keys Home
e2e_wait_for "Signed up (4)"
for name in "Ben Berg" "Cleo Cruz" "Dana Dorn" "Ana Agent"; do
	e2e_wait_for "$name"
done
e2e_keys q
[[ $(e2e_wait_exit) == 0 ]] || e2e_fail "the lead's csrdesk did not quit cleanly"
e2e_pass "a team lead sees who signed up for the blood drive"

# ---- an agent's own login: the command line ----
as_agent() {
	"$E2E_TMP/as-nobody" --config "$E2E_TMP/agent.conf" --db "$E2E_TMP/csrdesk.db" "$@"
}
status=0
as_agent attendance "$drive" >"$E2E_TMP/out" 2>"$E2E_TMP/err" || status=$?
[[ $status == 1 && ! -s $E2E_TMP/out ]] || e2e_fail "an agent listed the blood drive's places: $(cat "$E2E_TMP/out")"
grep -qF "private category" "$E2E_TMP/err" || e2e_fail "the refusal does not say why: $(cat "$E2E_TMP/err")"
as_agent attendance "$beach" | grep -qF "Ben Berg" || e2e_fail "an agent cannot list another category's places"
as_agent export ics >"$E2E_TMP/open.ics" || e2e_fail "an agent could not export the open initiatives"
grep -qF "Blood drive" "$E2E_TMP/open.ics" || e2e_fail "the calendar lacks the blood drive"
for name in "Ben Berg" "Cleo Cruz" "Dana Dorn" "Ana Agent" "Lea Lead"; do
	grep -qF "$name" "$E2E_TMP/open.ics" && e2e_fail "the calendar of open initiatives names $name"
done
e2e_pass "from an agent's own login: no list of the blood drive's places; the calendar names nobody"
