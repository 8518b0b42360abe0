#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end: a config change that meets existing data. With category
# "education" and metric "mentees" removed from the config while
# initiatives use them, check-config --db and init say how many use each,
# the interface says so at start, the list, the details, the Impact panel
# and the report show "(removed) education" (never "!education"), and such
# an initiative stays editable: saved with another title it keeps its
# category, and Left/Right move it to a defined one. A duplicate category
# key is named as such, with both lines.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || { echo "tui_removed: sqlite3 is needed" >&2; exit 1; }

full=$E2E_TMP/csrdesk.conf
trimmed=$E2E_TMP/trimmed.conf
db=$E2E_TMP/csrdesk.db
e2e_config "$full" </dev/null # the defaults: education and mentees defined
e2e_config "$trimmed" <<'CONF'
metric "trees"  { title = "Trees planted" unit = "trees" }
metric "raised" { title = "Funds raised"  unit = "EUR" }
category "health"      { title = "Health & well-being"      color = "red"   metrics = {"raised"} }
category "environment" { title = "Environmental protection" color = "green" metrics = {"trees"} }
CONF
e2e_csr init >/dev/null
day() { date -d "+$1 days" '+%Y-%m-%d'; }
add() { # TITLE CATEGORY DAYS
	e2e_csr initiative add --title "$1" --category "$2" --starts "$(day "$3") 09:00" \
		--ends "$(day "$3") 12:00" --capacity 5 >/dev/null
}
add "Mentoring one" education 3
add "Mentoring two" education 4
add "Mentoring three" education 5
add "Beach clean-up" environment 6
# Impact on mentees (no command writes a value yet without the TUI).
sqlite3 "$db" "INSERT INTO impact (initiative_id, metric, value, recorded_at)
	VALUES (1, 'mentees', 4, 0), (2, 'mentees', 3, 0)"

# ---- check-config --db and init ----
out=$("$CSRDESK" check-config "$full" --db "$db" 2>"$E2E_TMP/err") || e2e_fail "check-config full failed"
[[ $out == "$full: ok" && ! -s $E2E_TMP/err ]] || e2e_fail "a complete config warned: $out $(cat "$E2E_TMP/err")"
out=$("$CSRDESK" check-config "$trimmed" --db "$db" 2>"$E2E_TMP/err") ||
	e2e_fail "check-config --db refused a valid config: $(cat "$E2E_TMP/err")"
err=$(cat "$E2E_TMP/err")
[[ $out == "$trimmed: ok" ]] || e2e_fail "check-config printed '$out'"
[[ $err == *"csrdesk: warning: $db: 3 initiatives use category 'education', which the config no longer defines"* ]] ||
	e2e_fail "no count of the initiatives in: $err"
[[ $err == *"$db: 2 impact records use metric 'mentees', which the config no longer defines"* ]] ||
	e2e_fail "no count of the impact records in: $err"
"$CSRDESK" check-config "$trimmed" >/dev/null 2>"$E2E_TMP/err" && [[ ! -s $E2E_TMP/err ]] ||
	e2e_fail "without --db, check-config looked at a database: $(cat "$E2E_TMP/err")"
status=0
"$CSRDESK" check-config "$trimmed" --db >/dev/null 2>"$E2E_TMP/err" || status=$?
[[ $status == 2 && $(cat "$E2E_TMP/err") == *"--db needs a value"* ]] || e2e_fail "--db without a value: $status"
"$CSRDESK" --config "$trimmed" --db "$db" init >/dev/null 2>"$E2E_TMP/err" || e2e_fail "init failed"
grep -qF "3 initiatives use category 'education'" "$E2E_TMP/err" || e2e_fail "init did not warn: $(cat "$E2E_TMP/err")"
e2e_pass "check-config --db and init count the initiatives and records of removed keys"

printf 'metric "trees" { title = "Trees" }\ncategory "green" { title = "Green" }\n\ncategory "green" { title = "Again" }\n' \
	>"$E2E_TMP/dup.conf"
status=0
"$CSRDESK" check-config "$E2E_TMP/dup.conf" 2>"$E2E_TMP/err" >/dev/null || status=$?
[[ $status == 1 && $(cat "$E2E_TMP/err") == "csrdesk: $E2E_TMP/dup.conf:4: category \"green\" is defined twice (first on line 2); keep one" ]] ||
	e2e_fail "duplicate category key: status $status, $(cat "$E2E_TMP/err")"
e2e_pass "a duplicate category key is named as such, with both lines"

# ---- the report ----
report=$("$CSRDESK" --config "$trimmed" --db "$db" report --period "$(day 0)..$(day 30)" --format text)
grep -qF "(removed) education" <<<"$report" || e2e_fail "the report has no (removed) education: $report"
grep -qF "(removed) mentees" <<<"$report" || e2e_fail "the report has no (removed) mentees: $report"
grep -qF '!' <<<"$report" && e2e_fail "the report still marks with !: $report"
e2e_pass "the report counts removed keys under (removed)"

# ---- the interface ----
e2e_start --size 120x30 -- --config "$trimmed" --db "$db"
e2e_wait_for "3 initiatives use category 'education', which the config no longer defines (and 1 more"
# The list's Category column is narrow beside the details: titles are cut.
e2e_expect_line "Mentoring one +\(removed\) e.* $(day 3) 09:00 "
e2e_expect_line "Beach clean-up +Environment.* $(day 6) 09:00 "
e2e_screen | grep -qF '!education' && e2e_fail "the list still shows !education"
e2e_keys Enter
e2e_wait_for "Category   (removed) education"
e2e_keys Escape
e2e_pass "the start-up message, the list and the details show (removed) education"

# Saved with a new title, the initiative keeps its category.
e2e_keys e
e2e_wait_for " Edit initiative "
e2e_wait_for "(removed) education"
e2e_type ", renamed"
e2e_keys F2
e2e_wait_for "Saved initiative 1 'Mentoring one, renamed'"
[[ $(sqlite3 "$db" "SELECT title || '|' || category FROM initiative WHERE id = 1") == "Mentoring one, renamed|education" ]] ||
	e2e_fail "saving other fields changed the category"
# Right moves it to the first defined category.
e2e_keys e
e2e_wait_for " Edit initiative "
e2e_keys Tab Right
e2e_wait_for "Category    health"
e2e_keys F2
e2e_wait_for "Saved initiative 1"
[[ $(sqlite3 "$db" "SELECT category FROM initiative WHERE id = 1") == health ]] ||
	e2e_fail "the form did not move the initiative to health"
e2e_pass "a removed category is kept when other fields are saved, and can be moved to a defined one"

# The Impact panel, over a range of days that holds the initiatives.
e2e_keys 3
e2e_wait_for "Impact and goals"
e2e_keys f
e2e_wait_for "From .. to (days)"
e2e_wait_for "Last quarter"
e2e_wait_for "Last month"
e2e_keys End Enter
e2e_wait_for " Period: from .. to "
e2e_keys C-u
e2e_type "$(day 30)"
e2e_keys Tab C-u
e2e_type "$(day 0)"
e2e_keys F2
e2e_wait_for "To must not be before From"
e2e_keys C-u
e2e_type "$(day 30)"
e2e_keys BTab C-u
e2e_type "$(day 0)"
e2e_keys F2
e2e_wait_for "Impact $(day 0) to $(day 30)"
e2e_expect_line "\(removed\) mentees +7( |$)"
e2e_pass "the Impact panel keeps the removed metric's values, over a checked range of days"
e2e_keys q
[[ $(e2e_wait_exit) == 0 ]] || e2e_fail "csrdesk did not exit cleanly"
echo "tui_removed: all passed"
