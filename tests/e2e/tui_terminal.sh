#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end: terminals. Colors by default, none with NO_COLOR; TERM=vt100
# renders with ASCII line drawing; a C locale shows UTF-8 all the same
# (C.UTF-8), except on a terminal without it (vt220): ASCII only; TERM=dumb,
# an unknown TERM and no TERM are refused with a clear message and exit 1.
. "$(dirname "$0")/lib.sh"

e2e_config "$E2E_TMP/csrdesk.conf" </dev/null
e2e_csr init >/dev/null
printf 'employee_id,name,team\nE1,Zoë Ångström,Tech Support\n' >"$E2E_TMP/volunteers.csv"
e2e_csr import volunteers "$E2E_TMP/volunteers.csv" >/dev/null
start=$(date -d '+3 days' '+%Y-%m-%d')
e2e_csr initiative add --title "Café crawl – für alle" --category health \
	--starts "$start 09:00" --ends "$start 12:00" --capacity 5 >/dev/null

# The SGR parameters that set a color (30-37, 38, 40-47, 48, 90-97,
# 100-107) in the escapes of the screen; none prints nothing.
color_escapes() {
	e2e_screen_escapes | grep -oE $'\e\\[[0-9;]*m' | tr -d $'\e[m' | tr ';' '\n' |
		grep -xE '3[0-8]|4[0-8]|9[0-7]|10[0-7]' || true
}

# run_until_quit SESSION VAR=VALUE...: start, wait for the screen, quit.
start_tui() {
	local session=$1
	shift
	e2e_start --session "$session" --size 80x24 "$@" -- \
		--config "$E2E_TMP/csrdesk.conf" --db "$E2E_TMP/csrdesk.db"
	e2e_wait_for "1 Initiatives"
	e2e_wait_for "Details"
}

quit_tui() {
	e2e_keys q
	local status
	status=$(e2e_wait_exit)
	[[ $status == 0 ]] || e2e_fail "q ended with status $status"
}

start_tui colors
[[ -n $(color_escapes) ]] || e2e_fail "no colors by default: the color check cannot work"
quit_tui
e2e_pass "colors by default"

start_tui nocolor NO_COLOR=1
[[ -z $(color_escapes) ]] || e2e_fail "NO_COLOR=1 but the screen has colors: $(color_escapes | sort -u | tr '\n' ' ')"
quit_tui
e2e_pass "NO_COLOR: no color escapes"

start_tui vt100 TERM=vt100
e2e_wait_for "-- Details ---"
e2e_screen | grep -q "qqqq" && e2e_fail "line drawing came out as letters"
quit_tui
e2e_pass "TERM=vt100 renders, with ASCII lines"

# An ssh client that sends no LANG (PuTTY's default) gets the C locale:
# csrdesk still shows UTF-8 on a terminal that has it.
start_tui clocale LC_ALL=C
e2e_wait_for "Café crawl – für alle"
quit_tui
e2e_pass "C locale: UTF-8 all the same (C.UTF-8)"

start_tui clocale_vt220 LC_ALL=C TERM=vt220
e2e_wait_for "Caf? crawl ? f?r alle"
[[ -z $(e2e_screen | LC_ALL=C grep -n $'[\x80-\xff]' || true) ]] ||
	e2e_fail "non-ASCII bytes on the screen in a C locale on a vt220"
quit_tui
e2e_pass "C locale on a vt220: ASCII only"

# refused SESSION PATTERN VAR=VALUE...: exit 1 with PATTERN on stderr.
refused() {
	local session=$1 pattern=$2
	shift 2
	e2e_start --session "$session" --size 80x24 "$@" -- \
		--config "$E2E_TMP/csrdesk.conf" --db "$E2E_TMP/csrdesk.db"
	local status
	status=$(e2e_wait_exit)
	[[ $status == 1 ]] || e2e_fail "$* exited $status, expected 1"
	e2e_stderr | grep -qE "$pattern" || e2e_fail "$*: stderr '$(e2e_stderr)' lacks /$pattern/"
}

refused dumb "terminal type 'dumb' cannot show" TERM=dumb
refused unknown "terminal type 'no-such-terminal' is unknown" TERM=no-such-terminal
refused unset "TERM is not set" TERM=
e2e_pass "TERM=dumb, unknown and unset TERM are refused with exit 1"
