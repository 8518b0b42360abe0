#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Helpers for the command-line tests that need no terminal: source it after
# setting $work (a scratch directory), $conf and $db, with the test's name
# in $cli_test.

# fail MESSAGE: the test fails with MESSAGE on stderr.
fail() {
	echo "$cli_test: FAIL: $*" >&2
	exit 1
}

# run STATUS ARGS...: csrdesk with our config and database, expecting
# STATUS; sets $out and $err (stdout also stays in $work/out).
run() {
	local want=$1 status=0
	shift
	"$CSRDESK" --config "$conf" --db "$db" "$@" >"$work/out" 2>"$work/err" || status=$?
	out=$(cat "$work/out")
	err=$(cat "$work/err")
	[[ $status == "$want" ]] || fail "csrdesk $* exited $status, expected $want; stderr: $err"
}

# refused PATTERN ARGS...: exit 1, one line "csrdesk: ..." saying PATTERN,
# nothing on standard output.
refused() {
	local pattern=$1
	shift
	run 1 "$@"
	[[ $(wc -l <"$work/err") == 1 && $err == "csrdesk: "*"$pattern"* ]] ||
		fail "csrdesk $*: expected one line saying '$pattern', got: $err"
	[[ -z $out ]] || fail "csrdesk $*: refused but printed '$out'"
}

# usage ARGS...: exit 2 with the usage line on stderr.
usage() {
	run 2 "$@"
	[[ $err == *"usage: csrdesk"* ]] || fail "csrdesk $*: no usage line on stderr: $err"
}
