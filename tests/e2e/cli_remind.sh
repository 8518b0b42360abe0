#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end: csrdesk remind, the login message (issue 13). A person moved
# up from the waitlist reads "You have a place: ..." once; a reminder the
# day before; nothing at all when there is nothing; German when the
# environment asks; a title with control characters (written behind
# csrdesk's back) never reaches the terminal. Runs as root, who is the
# volunteer E1 here. Needs $CSRDESK and sqlite3.
set -euo pipefail

: "${CSRDESK:?set CSRDESK to the csrdesk binary}"
work=$(mktemp -d "${TMPDIR:-/tmp}/csrdesk-cli-remind-XXXXXX")
trap 'rm -rf "$work"' EXIT
export CSRDESK_CONFIG=/nonexistent-use-explicit-config
conf=$work/csrdesk.conf
db=$work/csrdesk.db

cli_test=cli_remind
. "$(dirname "$0")/lib_cli.sh"

sql() { sqlite3 "$db" "$1"; }
at() { date -d "@$(($(date +%s) + $1 * 3600))" '+%Y-%m-%d %H:%M'; }
me=$(id -un)

: >"$conf"
run 0 init
printf '%s\n' 'employee_id,name,team,unix_user' "E1,Me Myself,Blue,$me" \
	'E2,Other Person,Blue,' >"$work/roster.csv"
run 0 import volunteers "$work/roster.csv"

# Initiatives made by another lead: E1 does not own them (the owner hears
# of free places and the waitlist).
add() { # TITLE CATEGORY CAPACITY STARTS_IN_HOURS [--location L]
	run 0 initiative add --title "$1" --category "$2" --capacity "$3" \
		--starts "$(at "$4")" --ends "$(at $(($4 + 2)))" "${@:5}"
	sql "UPDATE initiative SET owner_id = NULL WHERE id = $out"
}

echo "--- nothing new: nothing printed"
run 0 remind
[[ -z $out && -z $err ]] || fail "remind printed something with nothing new: '$out' '$err'"

echo "--- moved up from the waitlist: told once"
add "Blood drive" health 1 72 --location "Hall B"
blood=$out
run 0 signup "$blood" E2
run 0 signup "$blood" E1
[[ $out == "waitlisted 1" ]] || fail "E1 should wait, got '$out'"
run 0 remind
[[ -z $out ]] || fail "remind printed '$out' before anything happened"
run 0 cancel "$blood" E2
run 0 remind
[[ $out == "csrdesk: 1 new notification"$'\n'"  You have a place: Blood drive, "*", Hall B" ]] ||
	fail "remind did not say the place was given: '$out'"
run 0 remind
[[ -z $out ]] || fail "remind printed the same notification twice: '$out'"
[[ $(sql "SELECT count(*) FROM notification WHERE login_at IS NOT NULL AND read_at IS NULL") == 1 ]] ||
	fail "the login message marked the notification read on the screens too"

echo "--- the day before: a reminder, in German when asked"
add "Tree planting" environment 5 10
trees=$out
run 0 signup "$trees" E1
out=$(LC_ALL= LC_MESSAGES= LANGUAGE= LANG=de_DE.UTF-8 "$CSRDESK" --config "$conf" --db "$db" remind)
[[ $out == "csrdesk: 1 neue Benachrichtigung"$'\n'"  Morgen: Tree planting, "* ]] ||
	fail "the German reminder reads '$out'"
run 0 remind
[[ -z $out ]] || fail "the reminder came twice: '$out'"

echo "--- a title with control characters never reaches the terminal"
add "Food bank" community 1 100
food=$out
run 0 signup "$food" E2
run 0 signup "$food" E1
sql "UPDATE initiative SET title = 'Food'||char(27)||'[2Jbank' WHERE id = $food"
run 0 cancel "$food" E2
run 0 remind
[[ $out == *"You have a place: Food"* ]] || fail "remind did not tell of the place: '$out'"
if LC_ALL=C grep -q $'\e' "$work/out"; then fail "an escape character reached the terminal"; fi

echo "--- the login snippet: on a terminal only, and never stopping a login"
snippet=$(dirname "$0")/../../data/profile.d/csrdesk.sh
mkdir "$work/bin"
printf '#!/bin/sh\nexec "%s" --config "%s" --db "%s" "$@"\n' "$CSRDESK" "$conf" "$db" >"$work/bin/csrdesk"
chmod +x "$work/bin/csrdesk"
add "Second drive" health 1 120
second=$out
run 0 signup "$second" E2
run 0 signup "$second" E1
run 0 cancel "$second" E2
out=$(PATH="$work/bin:$PATH" sh -c ". '$snippet'; echo end" | cat)
[[ $out == end ]] || fail "without a terminal the snippet printed '$out'"
out=$(PATH="$work/bin:$PATH" script -qec "sh -c \". '$snippet'; echo end\"" /dev/null | tr -d '\r')
[[ $out == "csrdesk: 1 new notification"$'\n'"  You have a place: Second drive, "*$'\n'end ]] ||
	fail "on a terminal the snippet printed '$out'"
out=$(PATH="$work/bin:$PATH" script -qec "sh -c \". '$snippet'; echo end\"" /dev/null | tr -d '\r')
[[ $out == end ]] || fail "the snippet told it twice: '$out'"
mv "$db" "$db.away"
out=$(PATH="$work/bin:$PATH" script -qec "sh -c \". '$snippet'; echo end\"" /dev/null | tr -d '\r')
mv "$db.away" "$db"
[[ $out == end ]] || fail "without a database the snippet printed '$out'"

echo "--- usage"
usage remind extra
echo "cli_remind: ok"
