#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end: goals, impact corrections and hours decisions from the
# command line (issue 11): initiative add/edit --goal, initiative status,
# impact add/list/edit/void, hours list/approve/reject/revert/log; exit 0
# done, 1 refused (one line on stderr), 2 usage; the figures, the export
# and the audit log after a correction.
# Needs $CSRDESK (the binary) and sqlite3.
set -euo pipefail

: "${CSRDESK:?set CSRDESK to the csrdesk binary}"
work=$(mktemp -d "${TMPDIR:-/tmp}/csrdesk-cli-corrections-XXXXXX")
trap 'rm -rf "$work"' EXIT
export CSRDESK_CONFIG=/nonexistent-use-explicit-config
conf=$work/csrdesk.conf
db=$work/csrdesk.db
cli_test=cli_corrections
. "${E2E_DIR:-${0%/*}}/lib_cli.sh"

csr() { run 0 "$@"; }
sql() { sqlite3 "$db" "$1"; }

printf 'signup { waitlist = true }\n' >"$conf"
csr init
# E1 is the Unix user running the test (a lead: root is an admin), E2 someone else.
printf 'employee_id,name,team,site,email,skills,unix_user\nE1,Ann,Blue,,,,%s\nE2,Bob,Blue,,,,\n' \
	"$(id -un)" >"$work/roster.csv"
csr import volunteers "$work/roster.csv"
starts=$(date -d '-2 days' '+%Y-%m-%d 09:00')
ends=$(date -d '-2 days' '+%Y-%m-%d 12:00')
year=$(date -d '-2 days' +%Y)
yesterday=$(date -d yesterday +%F)

echo "--- goals: initiative add/edit --goal"
csr initiative add --title "Tree planting" --category environment --starts "$starts" \
	--ends "$ends" --capacity 5 --goal trees=500
id=$out
[[ $(sql "SELECT metric || '=' || target FROM initiative_goal WHERE initiative_id = $id") == \
	"trees=500.0" ]] || fail "add --goal trees=500 did not set the goal"
csr initiative edit "$id" --goal trees=600 --goal recycled=20 --title "Tree planting day"
goals=$(sql "SELECT group_concat(g, ' ') FROM (SELECT metric || '=' || target AS g
	FROM initiative_goal WHERE initiative_id = $id ORDER BY metric)")
[[ $goals == "recycled=20.0 trees=600.0" ]] || fail "edit --goal did not set both: $goals"
[[ $(sql "SELECT title || '|' || capacity FROM initiative WHERE id = $id") == \
	"Tree planting day|5" ]] || fail "edit changed more than --title"
csr initiative edit "$id" --goal recycled=
[[ $(sql "SELECT group_concat(metric, ' ') FROM initiative_goal WHERE initiative_id = $id") == \
	trees ]] || fail "--goal recycled= did not remove the goal"
refused "metric 'smiles' is not defined" initiative edit "$id" --goal smiles=3
usage initiative edit "$id" --goal trees=lots
usage initiative edit "$id" --goal =5
usage initiative edit "$id"
usage initiative edit one --title X
refused "There is no initiative 999" initiative edit 999 --title X
refused "Ends must be after Starts" initiative edit "$id" --ends "$starts"
[[ $(sql "SELECT count(*) FROM audit WHERE action = 'initiative.update'") == 2 ]] ||
	fail "refused edits were saved"

echo "--- initiative status"
csr initiative status "$id" closed
[[ $out == closed && $(sql "SELECT status FROM initiative WHERE id = $id") == closed ]] ||
	fail "status closed printed '$out'"
csr initiative status "$id" closed
[[ $out == "already closed" ]] || fail "the same status again printed '$out'"
usage initiative status "$id" draft
usage initiative status "$id" finished
usage initiative status "$id" done --title X
refused "There is no initiative 999" initiative status 999 done
csr initiative add --title Drive --category health --capacity 3 \
	--starts "$(date -d '+5 days' '+%Y-%m-%d 09:00')" --ends "$(date -d '+5 days' '+%Y-%m-%d 12:00')"
other=$out
csr signup "$other" E2
csr initiative status "$other" cancelled
[[ $out == "cancelled, places ended: 1" ]] || fail "cancelling printed '$out'"
[[ $(sql "SELECT status FROM signup WHERE initiative_id = $other") == cancelled ]] ||
	fail "cancelling kept the place"
csr initiative status "$id" done

echo "--- impact add, list, edit, void"
csr impact add "$id" trees 120 --note "counted at the gate"
good=$out
csr impact add "$id" trees 9000
wrong=$out
[[ $good =~ ^[0-9]+$ && $wrong =~ ^[0-9]+$ ]] || fail "impact add printed '$good', '$wrong'"
refused "Metric 'smiles' is not defined" impact add "$id" smiles 3
refused "There is no initiative" impact add 999 trees 3
usage impact add "$id" trees -1
usage impact add "$id" trees 1e3
usage impact add "$id" trees ""
usage impact add "$id" trees .5
usage impact add "$id" trees 5.
usage impact add "$id" trees 1.2.3
# "1.500" is 1500 in German: refused, saying why and what to type instead.
usage impact add "$id" trees 1.500
[[ $err == "csrdesk: VALUE '1.500' is ambiguous: the command line reads a point as the decimal"*"; type 1500 or 1.5"$'\n'* ]] ||
	fail "impact add 1.500: $err"
usage impact add "$id" trees 2.000
[[ $err == *"; type 2000 or 2"$'\n'* ]] || fail "impact add 2.000: $err"
usage impact edit "$good" 12.050
[[ $err == *"VALUE '12.050' is ambiguous"*"; type 12050 or 12.05"$'\n'* ]] || fail "impact edit 12.050: $err"
usage initiative edit "$id" --goal trees=1.500
[[ $err == "csrdesk: --goal trees: the value '1.500' is ambiguous:"*"; type 1500 or 1.5"$'\n'* ]] ||
	fail "--goal trees=1.500: $err"
usage impact add "$id" trees abc
[[ $err == *"VALUE must be a number of 0 or more like 120 or 2400.5, not 'abc'"* ]] ||
	fail "impact add abc: $err"
usage impact add "$id" trees
usage impact list
csr report --period "$year" --format text
grep -qE '^  Trees planted +9,120 trees +600 trees +1 of 1$' <<<"$out" ||
	fail "the report does not show 9,120 of 600 trees: $(grep -i trees <<<"$out")"

csr impact edit "$good" 102.5 --note "recounted"
[[ $out == "trees 120 -> 102.5" ]] || fail "impact edit printed '$out'"
[[ $(sql "SELECT value || '|' || note FROM impact WHERE id = $good") == "102.5|recounted" ]] ||
	fail "the edit was not saved"
[[ $(sql "SELECT count(*) FROM audit WHERE action = 'impact.edit' AND entity_id = $good
	AND detail LIKE '%from 120 to 102.5'") == 1 ]] || fail "the audit lacks the old and new value"
usage impact void "$wrong"
csr impact void "$wrong" --reason "typo: 90, not 9000"
[[ $out == voided ]] || fail "impact void printed '$out'"
refused "was voided" impact void "$wrong" --reason again
refused "was voided" impact edit "$wrong" 90
refused "There is no impact record 999" impact edit 999 1
csr impact list "$id"
printf -v want '%s\ttrees\t102.5\t%s\tcounts\trecounted\t\n%s\ttrees\t9000\t%s\tvoided\t\ttypo: 90, not 9000' \
	"$good" "[0-9: -]+" "$wrong" "[0-9: -]+"
[[ $out =~ ^$want$ ]] || fail "impact list printed: $out"
[[ $(sql "SELECT count(*) FROM audit WHERE action = 'impact.void' AND entity_id = $wrong
	AND detail LIKE '9000 trees%typo: 90, not 9000'") == 1 ]] || fail "the audit lacks the void"
# out of every figure: the report, the export
csr report --period "$year" --format text
grep -qE '^  Trees planted +102.5 trees +600 trees +0 of 1$' <<<"$out" ||
	fail "the report still counts the voided value: $(grep -i trees <<<"$out")"
csr export impact
[[ $out == *",trees,102.5,"* && $out != *9000* ]] || fail "the export: $out"

echo "--- hours log, list, approve, reject, revert"
csr hours log E2 --date "$yesterday" --hours 2:30 --note "sorting"
[[ $out =~ ^([0-9]+)\ approved$ ]] || fail "a lead's log for E2 printed '$out'"
bobs=${BASH_REMATCH[1]}
csr hours log E1 --date "$yesterday" --hours 1.5 --initiative "$id" --note "my own"
[[ $out =~ ^([0-9]+)\ pending$ ]] || fail "a lead's own hours are not pending: '$out'"
mine=${BASH_REMATCH[1]}
refused "You cannot approve your own hours" hours approve "$mine"
usage hours log E1 --date tomorrow --hours 1
usage hours log E1 --date "$yesterday" --hours 25
usage hours log E1 --date "$yesterday"
usage hours reject "$mine"
usage hours approve one
usage hours approve "$mine" --reason why
refused "No volunteer has employee ID E9" hours log E9 --date "$yesterday" --hours 1
csr hours reject "$mine" --reason "That was a training day"
[[ $out == rejected ]] || fail "reject printed '$out'"
csr hours list --volunteer E1
printf -v want '%s\t%s\t1.50\trejected\tE1\tAnn\tTree planting day\tmy own\tThat was a training day' \
	"$mine" "$yesterday"
[[ $out == "$want" ]] || fail "hours list --volunteer E1 printed '$out'"
csr hours list
[[ $(wc -l <<<"$out") == 2 ]] || fail "hours list printed: $out"
csr hours list --pending
[[ -z $out ]] || fail "nothing is pending, yet: $out"
refused "already rejected" hours reject "$mine" --reason again
csr hours revert "$mine"
[[ $out == pending ]] || fail "revert printed '$out'"
csr hours revert "$bobs"
csr hours list --pending
[[ $(cut -f1,4,9 <<<"$out" | tr '\t\n' ' ') == "$mine pending  $bobs pending  " ]] ||
	fail "after reverting both: $out"
refused "already pending" hours revert "$mine"
refused "There are no hours 999" hours revert 999
[[ $(sql "SELECT count(*) FROM audit WHERE action = 'hours.revert'") == 2 &&
	$(sql "SELECT count(*) FROM audit WHERE action = 'hours.reject'
		AND detail LIKE '%rejected: That was a training day'") == 1 ]] ||
	fail "the audit lacks the decisions"
csr hours approve "$bobs"
[[ $out == approved ]] || fail "approve printed '$out'"
echo "cli_corrections: all passed"
