#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Shared helpers for the TUI end-to-end tests: the real binary runs in a
# detached tmux session of a fixed size on a private tmux server; tests
# send keys and wait until the screen shows what they expect. Source it
# from a test with `. "$(dirname "$0")/lib.sh"`; it needs $CSRDESK.
set -euo pipefail

: "${CSRDESK:?set CSRDESK to the csrdesk binary}"
command -v tmux >/dev/null || { echo "e2e: tmux is needed for the TUI tests" >&2; exit 1; }

E2E_NAME=$(basename "$0" .sh)
E2E_TMP=$(mktemp -d "${TMPDIR:-/tmp}/csrdesk-$E2E_NAME-XXXXXX")
E2E_SOCKET="csrdesk-test-$$"
E2E_TIMEOUT=${E2E_TIMEOUT:-10}  # seconds to wait for a screen
# Slow runs (valgrind: tests/valgrind/run.sh) multiply the limits a test
# states in its own words ("within 2 seconds") by E2E_SLOW, and find the
# process by E2E_COMM, its name in ps (valgrind's tool under valgrind).
E2E_SLOW=${E2E_SLOW:-1}
E2E_COMM=${E2E_COMM:-csrdesk}
export CSRDESK_CONFIG=/nonexistent-use-explicit-config
# English unless a test asks for another language (LANGUAGE=de, LANG=...):
# the tests read English texts.
unset LANGUAGE LC_MESSAGES
export LANG=C.UTF-8

# A private server whose panes stay after the program exits (to read the
# last screen), with no status line taking a row.
cat >"$E2E_TMP/tmux.conf" <<'CONF'
set -g remain-on-exit on
set -g status off
set -g default-terminal screen
CONF
e2e_tmux() { tmux -L "$E2E_SOCKET" -f "$E2E_TMP/tmux.conf" "$@"; }

# In sanitizer builds: libpanel never frees the pseudo-panel it makes for
# stdscr (ncurses 6.4); that one leak is not ours.
printf 'leak:new_panel\n' >"$E2E_TMP/lsan.supp"
export LSAN_OPTIONS="suppressions=$E2E_TMP/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

e2e_cleanup() {
	e2e_tmux kill-server >/dev/null 2>&1 || true
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$E2E_SOCKET" # tmux 3.3 leaves it
	# A program ended by the hangup may still be removing its files.
	rm -rf "$E2E_TMP" 2>/dev/null || { sleep 0.5; rm -rf "$E2E_TMP" || true; }
}
trap e2e_cleanup EXIT

e2e_fail() {
	echo "$E2E_NAME: FAIL: $*" >&2
	if e2e_tmux has-session -t "${E2E_SESSION:-main}" 2>/dev/null; then
		echo "--- the screen ---" >&2
		e2e_tmux capture-pane -p -t "${E2E_SESSION:-main}" >&2 || true
		echo "------------------" >&2
	fi
	exit 1
}

e2e_pass() { echo "$E2E_NAME: ok: $*"; }

# e2e_config FILE: a config where the current user is an admin, with the
# default categories (extra lines from standard input are appended).
e2e_config() {
	local file=$1
	{
		printf 'roles { admins = {"%s"} }\n' "$(id -un)"
		cat
	} >"$file"
}

# e2e_lead_and_agent: a new database with two volunteers, Lea Lead (E1,
# the current user, an admin by e2e_config) and Ana Agent (E2).
e2e_lead_and_agent() {
	e2e_csr init >/dev/null
	printf '%s\n' "employee_id,name,team,site,email,skills,unix_user" \
		"E1,Lea Lead,Inbound Care,HQ,lea@example.com,,$(id -un)" \
		"E2,Ana Agent,Tech Support,HQ,ana@example.com,," >"$E2E_TMP/volunteers.csv"
	e2e_csr import volunteers "$E2E_TMP/volunteers.csv" >/dev/null
}

# e2e_start [--session NAME] [--size WxH] [VAR=VALUE...] -- ARGS...
# Starts csrdesk ARGS in a new session (default "main", 100x30) with the
# environment variables given (LC_ALL=C.UTF-8 unless one is given). Its
# exit status lands in $E2E_TMP/NAME.status and its standard error in
# $E2E_TMP/NAME.stderr; the pane stays after exit.
e2e_start() {
	local session=main size=100x30 vars=()
	while (($#)); do
		case $1 in
		--session) session=$2; shift 2 ;;
		--size) size=$2; shift 2 ;;
		--) shift; break ;;
		*) vars+=("$1"); shift ;;
		esac
	done
	E2E_SESSION=$session
	local has_locale=no v
	for v in "${vars[@]+"${vars[@]}"}"; do
		[[ $v == LC_ALL=* || $v == LANG=* ]] && has_locale=yes
	done
	[[ $has_locale == yes ]] || vars=(LC_ALL=C.UTF-8 "${vars[@]+"${vars[@]}"}")
	local status=$E2E_TMP/$session.status cmd
	rm -f "$status"
	cmd=$(printf '%q ' env "${vars[@]}" "$CSRDESK" "$@")
	e2e_tmux new-session -d -s "$session" -x "${size%x*}" -y "${size#*x}" \
		bash -c "$cmd 2>$(printf '%q' "$E2E_TMP/$session.stderr"); echo \$? >$(printf '%q' "$status")"
}

# e2e_use SESSION: later helpers act on this session.
e2e_use() { E2E_SESSION=$1; }

e2e_screen() { e2e_tmux capture-pane -p -t "$E2E_SESSION"; }
# The screen with color and attribute escapes as the terminal got them.
e2e_screen_escapes() { e2e_tmux capture-pane -p -e -t "$E2E_SESSION"; }

# e2e_keys KEY...: tmux key names (Enter, Escape, Down, C-c) or text.
e2e_keys() { e2e_tmux send-keys -t "$E2E_SESSION" "$@"; }
# e2e_type TEXT: exactly these characters.
e2e_type() { e2e_tmux send-keys -t "$E2E_SESSION" -l "$1"; }

# e2e_wait_for TEXT [SECONDS]: until the screen contains TEXT (a fixed
# string), else fail showing the screen.
e2e_wait_for() {
	local text=$1 limit=${2:-$E2E_TIMEOUT} i
	for ((i = 0; i < limit * 10; i++)); do
		e2e_screen | grep -qF -- "$text" && return 0
		sleep 0.1
	done
	e2e_fail "the screen did not show '$text' within ${limit}s"
}

# e2e_wait_gone TEXT [SECONDS]: until the screen no longer contains TEXT.
e2e_wait_gone() {
	local text=$1 limit=${2:-$E2E_TIMEOUT} i
	for ((i = 0; i < limit * 10; i++)); do
		e2e_screen | grep -qF -- "$text" || return 0
		sleep 0.1
	done
	e2e_fail "the screen still shows '$text' after ${limit}s"
}

# e2e_wait_all SECONDS WHAT CHECK...: evaluates each CHECK (a command
# line) every 0.1 s until all pass, else fails saying WHAT did not happen
# within SECONDS (of the clock, however long the checks take) and, of
# several checks, which still fail.
e2e_wait_all() {
	local limit=$1 what=$2 deadline check failing
	shift 2
	deadline=$((${EPOCHREALTIME/[.,]/} + limit * 1000000))
	for (( ; ; )); do
		failing=()
		for check; do eval "$check" || failing+=("[$check]"); done
		((${#failing[@]} == 0)) && return 0
		if ((${EPOCHREALTIME/[.,]/} >= deadline)); then
			(($# == 1)) && e2e_fail "$what within ${limit}s"
			e2e_fail "$what within ${limit}s; failing: ${failing[*]}"
		fi
		sleep 0.1
	done
}

# e2e_wait_until SECONDS WHAT COMMAND [ARG...]: e2e_wait_all for one command.
e2e_wait_until() {
	local limit=$1 what=$2
	shift 2
	e2e_wait_all "$limit" "$what" "$(printf '%q ' "$@")"
}

# e2e_popup TITLE: the framed pop-up whose top border holds TITLE, cut out
# of the screen, frame included (nothing when no such pop-up is open), so
# that a test looks at what the pop-up shows, not at the panel behind it.
# The frame is drawn with line-drawing characters or, without them, + - |.
e2e_popup() {
	local LC_ALL=C.UTF-8 # the offsets below count characters
	local title=$1 lines top line left right r
	mapfile -t lines < <(e2e_screen)
	for ((top = 0; top < ${#lines[@]}; top++)); do
		[[ ${lines[top]} == *[┌+]*"$title"*[┐+]* ]] && break
	done
	((top < ${#lines[@]})) || return 0
	line=${lines[top]}
	r=${line%%"$title"*}
	for ((left = ${#r} - 1; left > 0; left--)); do [[ ${line:left:1} == [┌+] ]] && break; done
	for ((right = ${#r} + ${#title}; right < ${#line} - 1; right++)); do
		[[ ${line:right:1} == [┐+] ]] && break
	done
	for ((r = top; r < ${#lines[@]}; r++)); do
		printf '%s\n' "${lines[r]:left:right - left + 1}"
		((r > top)) && [[ ${lines[r]:left:1} == [└+] ]] && break
	done
}

# e2e_has_number N: standard input shows the number N on its own (not a
# part of a longer number or name such as "E0500"), written plainly or with
# its thousands grouped ("3000", "3,000", "3.000", "3 000").
e2e_has_number() {
	local digits=$1 pattern="" sep
	sep="(,|\.| |"$'\xc2\xa0'"|"$'\xe2\x80\xaf'")?" # no-break and narrow no-break spaces
	while ((${#digits} > 3)); do
		pattern="$sep${digits: -3}$pattern"
		digits=${digits:0:${#digits}-3}
	done
	grep -qE -- "(^|[^0-9A-Za-z,.])$digits$pattern(\$|[^0-9,.]|[,.](\$|[^0-9]))"
}

# e2e_expect_line PATTERN: some line of the screen matches the extended
# regular expression, within E2E_TIMEOUT: a panel draws at once and its
# figures follow when counted, later under valgrind or on a busy machine.
e2e_expect_line() {
	e2e_wait_until "$E2E_TIMEOUT" "no line of the screen matched /$1/" screen_matches "$1"
}
screen_matches() { e2e_screen | grep -qE -- "$1"; }

# What the program wrote to standard error.
e2e_stderr() { cat "$E2E_TMP/$E2E_SESSION.stderr" 2>/dev/null || true; }

# What the tests of the SQL a session runs need: sqlite3 for their hand
# counts and the built statement log (sql_log.c).
e2e_need_sql_log() {
	command -v sqlite3 >/dev/null || e2e_fail "sqlite3 is needed for the hand count"
	[[ -f ${E2E_SQL_LOG_LIB:-} ]] || e2e_fail "E2E_SQL_LOG_LIB (the built sql_log.c) is missing"
}

# e2e_wait_exit [SECONDS]: until the program ended; prints its exit status.
e2e_wait_exit() {
	local limit=${1:-$E2E_TIMEOUT} i status=$E2E_TMP/$E2E_SESSION.status
	for ((i = 0; i < limit * 10; i++)); do
		if [[ -s $status ]]; then
			cat "$status"
			return 0
		fi
		sleep 0.1
	done
	e2e_fail "csrdesk did not exit within ${limit}s"
}

# e2e_resize WIDTH HEIGHT
e2e_resize() { e2e_tmux resize-window -t "$E2E_SESSION" -x "$1" -y "$2"; }

# e2e_close_notices EMPLOYEE_ID: right after a kiosk sign-in, closes the
# pop-up of the person's unread notifications (issue 13), when the test's
# database holds any for them.
e2e_close_notices() {
	local n
	n=$(sqlite3 -batch "$E2E_TMP/csrdesk.db" "SELECT count(*) FROM notification
		WHERE read_at IS NULL AND due_at <= strftime('%s', 'now') AND volunteer_id =
		(SELECT id FROM volunteer WHERE employee_id = '$1')")
	((n > 0)) || return 0
	e2e_wait_for "new notification"
	e2e_keys Escape
	e2e_wait_gone "new notification"
}

# e2e_csr ARGS...: the command line on the test's config and database.
e2e_csr() { "$CSRDESK" --config "$E2E_TMP/csrdesk.conf" --db "$E2E_TMP/csrdesk.db" "$@"; }

# e2e_chmod_db MODE: the test database and the files beside it (-wal,
# -shm, -queue) that still exist get MODE. A session that was just killed
# may still be closing (long under valgrind) and remove its -wal and -shm
# between the listing and the chmod: a file gone is no failure.
e2e_chmod_db() {
	local f
	for f in "$E2E_TMP"/csrdesk.db*; do
		chmod "$1" "$f" 2>/dev/null || [[ ! -e $f ]] || e2e_fail "cannot chmod $f"
	done
}
