#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end: the small frictions a team lead met (issue 11, item 8). The
# Initiatives list shows start times and category titles, and its Past
# filter lists the newest first; the Impact scope picker says "Team Ost"
# for a team named so; the description field wraps at word boundaries;
# the kiosk's ID field clears after an unknown ID; --capacity names its
# minimum; counts of one read "1 row", "1 no-show", "1 response"; and what
# export volunteers writes imports into a new database unchanged.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || { echo "tui_frictions: sqlite3 is needed" >&2; exit 1; }

db=$E2E_TMP/csrdesk.db
# min_group 1: with two volunteers every figure would be hidden (this test
# reads the counts of one; privacy_figures tests the hiding).
e2e_config "$E2E_TMP/csrdesk.conf" <<'CONF'
kiosk { require_pin = true }
privacy { min_group = 1 }
CONF
e2e_csr init >/dev/null
cat >"$E2E_TMP/volunteers.csv" <<CSV
employee_id,name,team,site,email,skills,unix_user
E1,Lea Lead,Team Ost,Site Nord,lea@example.com,,$(id -un)
E2,Ana Agent,Sales,Lyon,ana@example.com,,
CSV
e2e_csr import volunteers "$E2E_TMP/volunteers.csv" >/dev/null
day() { date -d "$1 days" '+%Y-%m-%d'; }
e2e_csr initiative add --title "Coming tree planting" --category environment \
	--starts "$(day +4) 14:30" --ends "$(day +4) 17:00" --capacity 5 >/dev/null
# Past initiatives, not in the order of their start; one no-show, one rating.
sqlite3 "$db" <<SQL
INSERT INTO initiative (title, category, starts_at, ends_at, capacity, status, created_at) VALUES
	('Past middle', 'health', strftime('%s', '$(day -10) 09:00', 'utc'),
	 strftime('%s', '$(day -10) 11:00', 'utc'), 5, 'done', 0),
	('Past newest', 'health', strftime('%s', '$(day -2) 09:00', 'utc'),
	 strftime('%s', '$(day -2) 11:00', 'utc'), 5, 'done', 0),
	('Past oldest', 'health', strftime('%s', '$(day -20) 09:00', 'utc'),
	 strftime('%s', '$(day -20) 11:00', 'utc'), 5, 'done', 0);
INSERT INTO signup (initiative_id, volunteer_id, status, created_at, updated_at)
	SELECT 3, id, 'no-show', 0, 0 FROM volunteer WHERE employee_id = 'E2';
INSERT INTO signup (initiative_id, volunteer_id, status, created_at, updated_at)
	SELECT 3, id, 'attended', 0, 0 FROM volunteer WHERE employee_id = 'E1';
INSERT INTO feedback (initiative_id, volunteer_id, rating, comment, created_at)
	SELECT 3, id, 4, '', 0 FROM volunteer WHERE employee_id = 'E1';
SQL

# ---- the command line ----
status=0
e2e_csr initiative add --title T --category health --starts "$(day +5) 09:00" \
	--ends "$(day +5) 10:00" --capacity 0 2>"$E2E_TMP/err" || status=$?
[[ $status == 2 && $(head -n 1 "$E2E_TMP/err") == "csrdesk: --capacity must be at least 1" ]] ||
	e2e_fail "--capacity 0: status $status, $(cat "$E2E_TMP/err")"
e2e_csr initiative add --title T --category health --starts "$(day +5) 09:00" \
	--ends "$(day +5) 10:00" --capacity 20000 2>"$E2E_TMP/err" && e2e_fail "--capacity 20000 was taken"
grep -qF -- "--capacity must be at most 10000" "$E2E_TMP/err" || e2e_fail "--capacity 20000: $(cat "$E2E_TMP/err")"
e2e_pass "--capacity names its minimum and maximum"

printf 'employee_id,name,team\nE3,Otto One,Sales\n' >"$E2E_TMP/one.csv"
[[ $(e2e_csr import volunteers "$E2E_TMP/one.csv") == "imported 1 row: 1 added, 0 updated, 0 skipped" ]] ||
	e2e_fail "one imported row is not '1 row'"
report=$(e2e_csr report --period "$(day -30)..$(day 0)" --format text)
grep -qE "1 attended, 1 no-show$" <<<"$report" || e2e_fail "no '1 no-show' in the report: $report"
grep -qE "out of 5, 1 response$" <<<"$report" || e2e_fail "no '1 response' in the report: $report"
e2e_pass "counts of one read 1 row, 1 no-show, 1 response"

# Export, import into a new database, export again: the same bytes, with
# what needs care: quotes, commas, a line break and a tab, a formula-like
# cell, an inactive volunteer, non-ASCII.
printf '%s\r\n' 'employee_id,name,team,site,email,skills,unix_user,active' \
	$'E10,"=Eve ""the"" Tester",-Ops,@Home,,"first aid\ndriving\tlicence",,0' \
	'E11,Zoë Ångström,"Team Ost, Nord",Lyon,zoe@example.com,"a, b",zoe,1' >"$E2E_TMP/odd.csv"
e2e_csr import volunteers "$E2E_TMP/odd.csv" >/dev/null || e2e_fail "the odd rows were refused"
e2e_csr export volunteers --format csv >"$E2E_TMP/first.csv"
"$CSRDESK" --config "$E2E_TMP/csrdesk.conf" --db "$E2E_TMP/new.db" init >/dev/null
"$CSRDESK" --config "$E2E_TMP/csrdesk.conf" --db "$E2E_TMP/new.db" import volunteers "$E2E_TMP/first.csv" \
	>/dev/null 2>"$E2E_TMP/err" || e2e_fail "the export did not import: $(cat "$E2E_TMP/err")"
"$CSRDESK" --config "$E2E_TMP/csrdesk.conf" --db "$E2E_TMP/new.db" export volunteers --format csv \
	>"$E2E_TMP/again.csv"
cmp -s "$E2E_TMP/first.csv" "$E2E_TMP/again.csv" ||
	e2e_fail "the round trip changed the export: $(diff "$E2E_TMP/first.csv" "$E2E_TMP/again.csv" | cat -A)"
[[ $(grep -c . "$E2E_TMP/first.csv") -ge 6 ]] || e2e_fail "the export is short: $(cat "$E2E_TMP/first.csv")"
e2e_pass "export volunteers imports into a new database and exports the same bytes"

# ---- the Initiatives list ----
e2e_start --size 100x30 -- --config "$E2E_TMP/csrdesk.conf" --db "$db"
e2e_wait_for "1 Initiatives"
e2e_expect_line "Coming tree planting +Environmental.* $(day +4) 14:30 "
e2e_screen | grep -qE " environment +$(day +4)" && e2e_fail "the Category column shows a key"
e2e_keys f
e2e_wait_for "Time: past"
e2e_keys Down Enter
e2e_wait_for "Past newest"
list=$(e2e_screen | grep -E "Past (newest|middle|oldest) +Health.* 09:00 " | grep -oE "Past [a-z]+" | tr '\n' ,)
[[ $list == "Past newest,Past middle,Past oldest," ]] || e2e_fail "the Past list is not newest first: $list"
e2e_pass "the list shows start times and category titles; Past lists the newest first"

# ---- the description wraps at word boundaries ----
words="alpha bravo charlie delta echo foxtrot golf hotel india juliett kilo lima mike november oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu"
e2e_keys n
e2e_wait_for " New initiative "
for ((i = 0; i < 11; i++)); do e2e_keys Tab; done # Title .. Reached, then Description
e2e_type "$words $words"
e2e_wait_for "zulu"
popup=$(e2e_popup " New initiative ")
# The field's rows: from the Description label to the hint under it.
rows=$(awk '/│ Description/ { on = 1 } /What volunteers will do/ { on = 0 } on' <<<"$popup" |
	sed -E 's/^│ (Description)? *//; s/ *│$//')
[[ -n $rows ]] || e2e_fail "no description rows in: $popup"
[[ $(wc -l <<<"$rows") -ge 2 ]] || e2e_fail "the description did not wrap: $rows"
for token in $rows; do
	[[ " $words " == *" $token "* ]] || e2e_fail "a word was cut at the row's end: '$token' in: $rows"
done
e2e_keys Escape
e2e_wait_for "Discard" 3
e2e_keys y
e2e_wait_gone " New initiative "
e2e_pass "the description field wraps at word boundaries"

# ---- the Impact scope picker ----
e2e_keys 3
e2e_wait_for "Impact and goals"
e2e_keys t
e2e_wait_for "Team Ost"
scope=$(e2e_popup " Scope ")
grep -qF "Team Team" <<<"$scope" && e2e_fail "the scope picker says Team Team: $scope"
grep -qF "Site Site" <<<"$scope" && e2e_fail "the scope picker says Site Site: $scope"
grep -qF "Team Sales" <<<"$scope" || e2e_fail "other teams lost their word: $scope"
grep -qF "Site Lyon" <<<"$scope" || e2e_fail "other sites lost their word: $scope"
e2e_keys Escape
e2e_keys q
[[ $(e2e_wait_exit) == 0 ]] || e2e_fail "csrdesk did not exit cleanly"
e2e_pass "the scope picker says Team Ost and Site Nord, not Team Team Ost"

# ---- the kiosk's ID field after an unknown ID ----
e2e_start --session kiosk --size 80x24 -- --config "$E2E_TMP/csrdesk.conf" --db "$db" --kiosk
e2e_wait_for "Employee ID"
e2e_type "E999"
e2e_keys Enter
e2e_wait_for "No active volunteer has employee ID E999"
e2e_type "E2"
e2e_wait_gone "No active volunteer" 3
e2e_screen | grep -qF "E999" && e2e_fail "the wrong ID stayed in the field"
e2e_expect_line "E2"
e2e_pass "the kiosk's ID field clears after an unknown ID"
echo "tui_frictions: all passed"
