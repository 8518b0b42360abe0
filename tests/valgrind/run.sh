#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Memcheck over the end-to-end flows: each tests/e2e script runs with
# $CSRDESK standing for a wrapper that runs the real binary under valgrind,
# one log per process; then every log is read. Fails when a flow fails or
# when a process lost memory for good ("definitely lost", or "indirectly"
# through a suppressed block), had a memory error (invalid read or write,
# a jump on uninitialised memory, a bad free) or left an incomplete log.
# Suppressions, each with its reason: csrdesk.supp next to this script.
# Prints a line per flow and a summary; exit status 0 when all is well.
#
# Usage: tests/valgrind/run.sh BUILDDIR [FLOW...]  (default: the flows below)
# Needs valgrind and what the flows need (tmux, sqlite3, python3 with
# icalendar). Under valgrind csrdesk runs 20-50 times slower: the flows'
# time limits are raised through E2E_TIMEOUT and E2E_SLOW (tests/e2e/lib.sh).
set -euo pipefail

# Every e2e flow that runs $CSRDESK but crash: it kill -9s csrdesk on
# purpose, and a killed process leaves no leak report. deploy and tui_ssh
# build and install a setgid csrdesk of their own, which valgrind cannot
# run as such; the doc_ and completion checks run no csrdesk process worth
# a look.
default_flows=(
	cli_basics cli_import_export cli_report cli_database cli_disk_full cli_files
	tui_smoke tui_create tui_live tui_resize tui_terminal tui_escape
	tui_kiosk tui_sighup tui_impact cli_corrections tui_corrections
	cli_place tui_place cli_partner tui_reports tui_removed
	cli_remind cli_calendar tui_notify
	cli_b4si tui_b4si cli_privacy tui_private tui_audit cli_rights privacy_figures
)

(($# >= 1)) || { echo "usage: $0 BUILDDIR [FLOW...]" >&2; exit 2; }
binary=$(realpath "$1/csrdesk")
# The build's catalogues, as meson test gives them: the flows that check a
# German text read it from there.
export CSRDESK_LOCALEDIR=${CSRDESK_LOCALEDIR:-$(realpath "$1/po")}
shift
[[ -x $binary ]] || { echo "valgrind: no csrdesk binary in the build directory" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "valgrind: valgrind is needed (Debian: valgrind)" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
e2e_dir=$here/../e2e
flows=("$@")
((${#flows[@]})) || flows=("${default_flows[@]}")

# What ps calls a process under valgrind (the tool, e.g. memcheck-amd64-).
comm=$(valgrind --tool=memcheck -q cat /proc/self/comm)

work=$(mktemp -d "${TMPDIR:-/tmp}/csrdesk-valgrind-XXXXXX")
trap 'rm -rf "$work"' EXIT
# Copies that every user may run and read: cli_report (as root) runs
# csrdesk as nobody, and tui_ssh as a new user through sshd, wherever the
# build and source directories are.
chmod 0711 "$work"
install -m 0755 "$binary" "$work/csrdesk"
install -m 0644 "$here/csrdesk.supp" "$work/csrdesk.supp"

# write_wrapper DIR: DIR/csrdesk runs the binary under memcheck, logging
# each process to DIR/vg.PID.log. Still-reachable blocks (SQLite's and
# ncurses' caches at exit) are not errors. csrdesk's exit status stays its
# own (no --error-exitcode), so a flow goes on checking behaviour after a
# memory error; the logs judge memory.
write_wrapper() {
	local args
	args=$(printf '%q ' valgrind --tool=memcheck --leak-check=full \
		--show-leak-kinds=definite --errors-for-leak-kinds=definite \
		--track-origins=no --num-callers=40 --suppressions="$work/csrdesk.supp" \
		--log-file="$1/vg.%p.log" "$work/csrdesk")
	printf '#!/bin/sh\nexec %s"$@"\n' "$args" >"$1/csrdesk"
	chmod 0755 "$1/csrdesk"
}

# settle DIR: waits until no process still runs under DIR's wrapper (the
# flow's cleanup hangs up the sessions it left open: they end and then
# write their leak reports); after a minute, kills what is left, whose log
# then counts as incomplete.
settle() {
	local i pids
	for ((i = 0; i < 600; i++)); do
		pids=$(pgrep -f -- "--log-file=$1/vg" || true)
		[[ -n $pids ]] || return 0
		sleep 0.1
	done
	echo "valgrind: still running after the flow, killed: $pids" >&2
	# shellcheck disable=SC2086 # one pid a word
	kill -KILL $pids 2>/dev/null || true
}

# check_log LOG: prints "errors definite indirect suppressed_blocks" for a
# complete log, nothing for an incomplete one (the process was killed).
check_log() {
	awk '
	function count(key,  rest) { # the number after key on this line
		rest = substr($0, index($0, key) + length(key))
		gsub(/,/, "", rest)
		return rest + 0
	}
	/definitely lost:/ { definite = count("definitely lost:") }
	/indirectly lost:/ { indirect = count("indirectly lost:") }
	/ suppressed: .* blocks/ { suppressed = count("bytes in") }
	/ERROR SUMMARY:/ { errors = count("ERROR SUMMARY:"); done = 1 }
	END { if (done) print errors + 0, definite + 0, indirect + 0, suppressed + 0 }
	' "$1"
}

# judge_log LOG: adds the log's counts to the totals; what is wrong with
# it goes to bad_logs.
judge_log() {
	local e d i s why=()
	if ! read -r e d i s < <(check_log "$1"); then
		bad_logs+=("$1: incomplete (the process was killed)")
		return
	fi
	errors=$((errors + e)) definite=$((definite + d)) indirect=$((indirect + i))
	((e == 0)) || why+=("$e errors ($d bytes definitely lost)")
	# Reachable only from a suppressed block: see csrdesk.supp.
	((i == 0)) || why+=("$i bytes indirectly lost")
	((s <= 1)) || why+=("the suppressions hid $s blocks, ncurses' pseudo-panel is 1")
	((${#why[@]} == 0)) || bad_logs+=("$1: ${why[*]}")
}

ran=0 skipped=() failed=() bad_logs=() processes=0 definite=0 indirect=0 errors=0
for flow in "${flows[@]}"; do
	script=$e2e_dir/$flow.sh
	[[ -f $script ]] || { echo "valgrind: no flow $script" >&2; exit 2; }
	dir=$work/$flow
	# Any user may run the wrapper and add a log (not list or read them).
	mkdir -m 1733 "$dir"
	write_wrapper "$dir"
	start=$SECONDS status=0
	CSRDESK=$dir/csrdesk E2E_DIR=$e2e_dir E2E_TIMEOUT=${E2E_TIMEOUT:-60} \
		E2E_SLOW=${E2E_SLOW:-20} E2E_COMM=$comm bash "$script" >"$dir/out" 2>&1 || status=$?
	settle "$dir"
	case $status in
	0) result=ok ran=$((ran + 1)) ;;
	77) result=skipped skipped+=("$flow") ;; # e.g. tui_ssh when not root
	*) result=FAILED ran=$((ran + 1)) failed+=("$flow") ;;
	esac
	n=0
	for log in "$dir"/vg.*.log; do
		[[ -e $log ]] || continue
		n=$((n + 1))
		judge_log "$log"
	done
	processes=$((processes + n))
	printf 'valgrind: %-18s %-7s %3d processes %4ds\n' "$flow" "$result" "$n" $((SECONDS - start))
	case $result in
	skipped) sed 's/^/    /' "$dir/out" ;;
	FAILED) echo "--- $flow's output (last 40 lines) ---"; tail -n 40 "$dir/out" ;;
	esac
done

for entry in "${bad_logs[@]+"${bad_logs[@]}"}"; do
	log=${entry%%: *}
	echo "--- ${log#"$work"/}: ${entry#*: } ---"
	grep -m1 'Command:' "$log" || true
	tail -n +7 "$log" | grep -v -e '^==[0-9]*== *$' || true
done

echo "valgrind: $ran flows run (${#failed[@]} failed${failed[*]+: ${failed[*]}}), ${#skipped[@]} skipped;" \
	"$processes processes checked: $definite bytes definitely lost, $indirect indirectly," \
	"$errors errors, ${#bad_logs[@]} processes with a problem"
((${#failed[@]} == 0 && ${#bad_logs[@]} == 0))
