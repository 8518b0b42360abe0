#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end: two sessions on the Impact panel share one count (issue 15,
# migration 16). The second to show the figures reads what the first
# counted; each write another program makes is counted by one of them
# only, and both show the new figures. What each session runs is seen
# through the preloaded sqlite3_step wrapper (sql_log.c), one log each.
. "$(dirname "$0")/lib.sh"
e2e_need_sql_log

export TZ=UTC
e2e_config "$E2E_TMP/csrdesk.conf" </dev/null
db=$E2E_TMP/csrdesk.db
LIVE=$((2 * E2E_SLOW + 1))
session() { # NAME [csrdesk options]
	local name=$1
	shift
	e2e_start --session "$name" --size 100x30 TZ=UTC LD_PRELOAD="$E2E_SQL_LOG_LIB" \
		E2E_SQL_LOG="$E2E_TMP/$name.log" \
		ASAN_OPTIONS="verify_asan_link_order=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}" \
		-- --config "$E2E_TMP/csrdesk.conf" --db "$db" "$@"
	e2e_wait_for "1 Initiatives"
}
session a --demo
session b

year=$(date -u +%Y)
approved() {
	sqlite3 "$db" "SELECT rtrim(rtrim(printf('%.2f', coalesce(sum(minutes), 0) / 60.0), '0'),
		'.') FROM hours WHERE status = 'approved'
		AND worked_on >= strftime('%s', '$year-01-01')
		AND worked_on < strftime('%s', '$((year + 1))-01-01')"
}
write_hours() {
	sqlite3 "$db" "INSERT INTO hours (volunteer_id, worked_on, minutes, status, created_at)
		SELECT id, strftime('%s', 'now'), 90, 'approved', strftime('%s', 'now')
		FROM volunteer WHERE active = 1 ORDER BY id LIMIT 1"
}
shows_hours() { # SESSION HOURS
	local s
	s=$(e2e_use "$1" && e2e_screen)
	grep -qE "Hours +$2 h approved" <<<"${s//,/}"
}
lines() { wc -l <"$E2E_TMP/$1.log"; }

# a shows Impact first: what it runs then that it never ran before is its
# count, and the first such statement marks each count.
e2e_use a
before=$(lines a)
e2e_keys 3
e2e_wait_until "$LIVE" "a's first figures did not show" shows_hours a "$(approved)"
marker=$(tail -n +"$((before + 1))" "$E2E_TMP/a.log" | grep -vF "PRAGMA" |
	grep -vE "figures_(generation|cache)" | grep -vxF -f <(head -n "$before" "$E2E_TMP/a.log") |
	head -n 1 || true)
[[ -n $marker ]] || e2e_fail "a's Impact panel ran no SQL of its own"
counts() { # SESSION FROM_LINE: the counts made after that line of its log
	tail -n +"$(($2 + 1))" "$E2E_TMP/$1.log" | grep -cxF -- "$marker" || true
}
e2e_pass "a counted the figures it shows"

e2e_use b
mark_b=$(lines b)
e2e_keys 3
e2e_wait_until "$LIVE" "b's figures did not show" shows_hours b "$(approved)"
sleep 1
(($(counts b "$mark_b") == 0)) || e2e_fail "b counted what a had counted already"
e2e_pass "b shows the figures a counted without counting them again"

for i in 1 2 3; do
	mark_a=$(lines a) mark_b=$(lines b)
	write_hours
	want=$(approved)
	e2e_wait_until "$LIVE" "a did not show write $i" shows_hours a "$want"
	e2e_wait_until "$LIVE" "b did not show write $i" shows_hours b "$want"
	sleep 1.5 # any further look for changes passes
	n=$(($(counts a "$mark_a") + $(counts b "$mark_b")))
	((n == 1)) || e2e_fail "write $i was counted $n times by the two sessions, not once"
done
e2e_pass "each of 3 writes is counted once for both sessions, and both show it"

for s in a b; do
	e2e_use "$s"
	e2e_keys q
	[[ $(e2e_wait_exit) == 0 ]] || e2e_fail "q did not end session $s with status 0"
done
e2e_pass "both quit"
