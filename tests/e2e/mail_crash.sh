#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end (issue 13): every notification mailed exactly once, whatever
# crashes. 30 mails are due to one person; csrdesk notify runs in a
# process group of its own and is killed (kill -9 of the whole group) at
# random moments, several times; then notify runs until nothing is left.
# The mailbox of the real MTA must hold each notification's Message-ID
# exactly once: none lost, none twice. The MTA takes its time (a wrapper
# waits 0.3 s before it runs the real sendmail), so that a kill often finds
# a mail in the middle of its hand-off and the next run starts while that
# mail's courier is still at work. Needs root (else skipped, 77).
set -euo pipefail
cli_test=mail_crash
. "$(dirname "$0")/lib_mail.sh"

sql() { sqlite3 "$db" "$1"; }
mails=30
printf '#!/bin/sh\nsleep 0.3\nexec /usr/sbin/sendmail "$@"\n' >"$work/slow-sendmail"
chmod 755 "$work/slow-sendmail"
printf 'roles { admins = {"root"} }\nmail { command = "%s -t -oi" }\n' "$work/slow-sendmail" >"$conf"

printf '%s\n' employee_id,name,team "E1,Ana Agent,Blue" "E2,Max Müller,Blue" >"$work/roster.csv"
run 0 import volunteers "$work/roster.csv"
sql "UPDATE volunteer SET email = '$mail_user@localhost' WHERE employee_id = 'E2'"
# Thirty places he gets from the waitlist, each a notification of its own.
for ((i = 1; i <= mails; i++)); do
	run 0 initiative add --title "Schicht $i für die Tafel" --category community --capacity 1 \
		--starts "$(at $((48 + i)))" --ends "$(at $((49 + i)))"
	run 0 signup "$out" E1
	run 0 signup "$i" E2
	run 0 cancel "$i" E1
done
[[ $(sql "SELECT count(*) FROM notification WHERE volunteer_id = 2") == "$mails" ]] ||
	fail "expected $mails notifications for him"

echo "--- notify killed (with its process group) at random moments"
for ((round = 1; round <= 6; round++)); do
	setsid "$CSRDESK" --config "$conf" --db "$db" notify >/dev/null 2>"$work/killed.err" &
	pid=$!
	sleep "0.$((RANDOM % 90))"
	kill -9 -- "-$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	echo "round $round: $(mail_ids | wc -l) mails so far"
done

echo "--- notify to completion"
# Couriers that outlived a killed notify finish their mail on their own;
# a run skips rows they still hold, so run until every row is marked.
for ((i = 0; i < 100; i++)); do
	run 0 notify
	[[ $(sql "SELECT count(*) FROM notification WHERE mailed_at IS NULL") == 0 ]] && break
	sleep 0.2
done
[[ $(sql "SELECT count(*) FROM notification WHERE mailed_at IS NULL") == 0 ]] ||
	fail "notifications are still unmailed after 100 runs"
mail_wait "$mails"
sql "SELECT '<csrdesk-notification-' || id || '@' FROM notification WHERE volunteer_id = 2 ORDER BY id" >"$work/want"
mail_ids | sed 's/@.*/@/' | sort >"$work/got"
sort "$work/want" -o "$work/want"
twice=$(uniq -d "$work/got")
[[ -z $twice ]] || fail "mailed twice: $twice"
lost=$(comm -23 "$work/want" "$work/got")
[[ -z $lost ]] || fail "never mailed: $lost"
[[ $(wc -l <"$work/got") == "$mails" ]] || fail "$(wc -l <"$work/got") mails, expected $mails"
echo "$cli_test: ok: $mails notifications, each mailed exactly once after 6 kills"
