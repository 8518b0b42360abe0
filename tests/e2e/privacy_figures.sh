#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end: with privacy { min_group = 5 } (the default), no figure drawn
# from fewer than five people. The demo database (csrdesk --demo --db F)
# plus team "Backoffice Nord" of three, imported with `csrdesk import
# volunteers`, who walked in on an initiative of this year: `report --team`
# for it exits 1 saying why; every report format (text, md, csv, html, and
# b4si where csrdesk has it), for everyone and each team, and the Impact
# panel in tmux at every scope (everyone, each site, each team, each
# category) are read by privacy_figures.py, which counts the people of each
# slice with sqlite3 from the tables, apart from csrdesk's C code. Needs
# $CSRDESK, tmux, sqlite3 and python3.
E2E_TIMEOUT=${E2E_TIMEOUT:-20}
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_menu.sh"
command -v sqlite3 >/dev/null || e2e_fail "sqlite3 is needed (Debian: apt-get install sqlite3)"
command -v python3 >/dev/null || e2e_fail "python3 is needed (Debian: apt-get install python3)"

export TZ=UTC # the period's bounds below are drawn in UTC
check=$E2E_DIR/privacy_figures.py
e2e_config "$E2E_TMP/csrdesk.conf" </dev/null # the built-in min_group = 5
db=$E2E_TMP/csrdesk.db

# The demo database, made by the interface itself.
e2e_start TZ=UTC -- --config "$E2E_TMP/csrdesk.conf" --demo --db "$db"
e2e_wait_for "1 Initiatives"
e2e_keys q
[[ $(e2e_wait_exit) == 0 ]] || e2e_fail "csrdesk --demo failed: $(e2e_stderr)"

cat >"$E2E_TMP/nord.csv" <<'CSV'
employee_id,name,team,site
E9001,Nora Nord,Backoffice Nord,Riverside
E9002,Nils Nord,Backoffice Nord,Riverside
E9003,Nele Nord,Backoffice Nord,Riverside
CSV
e2e_csr import volunteers "$E2E_TMP/nord.csv" >/dev/null
year=$(date +%Y)
from=$(sqlite3 "$db" "SELECT unixepoch('$year-01-01')")
to=$(sqlite3 "$db" "SELECT unixepoch('$((year + 1))-01-01')")
done_id=$(sqlite3 "$db" "SELECT id FROM initiative WHERE status = 'done'
	AND starts_at >= $from AND starts_at < $to ORDER BY starts_at DESC LIMIT 1")
[[ -n $done_id ]] || e2e_fail "the demo has no initiative done this year"
for e in E9001 E9002 E9003; do
	e2e_csr attendance "$done_id" --walk-in "$e" --hours 3 >/dev/null ||
		e2e_fail "walk-in of $e on $done_id failed"
done

# ---- (a) a team of three is refused ----
status=0
e2e_csr report --team "Backoffice Nord" >"$E2E_TMP/out" 2>"$E2E_TMP/err" || status=$?
[[ $status == 1 ]] || e2e_fail "report --team 'Backoffice Nord' exited $status, not 1"
[[ ! -s $E2E_TMP/out ]] || e2e_fail "the refused report wrote output"
grep -qF 'Team "Backoffice Nord" has 3 people; figures are shown for groups of 5 or more (privacy.min_group)' \
	"$E2E_TMP/err" || e2e_fail "the refusal does not say why: $(cat "$E2E_TMP/err")"
e2e_pass "report --team for a team of three exits 1 saying why"

# ---- (b) every report format, for everyone and each team ----
mkdir "$E2E_TMP/reports"
b4si=no
e2e_csr report --format b4si >"$E2E_TMP/reports/b4si" 2>/dev/null && b4si=yes
if [[ $b4si == yes ]]; then
	python3 "$check" "$db" "$from" "$to" b4si "$E2E_TMP/reports/b4si" ||
		e2e_fail "the b4si report shows a figure of too few people"
else
	echo "privacy_figures: no b4si format in this csrdesk: skipped"
fi
scopes=(all)
mapfile -t teams < <(sqlite3 "$db" "SELECT DISTINCT team FROM volunteer WHERE team <> '' ORDER BY team")
for team in "${teams[@]}"; do scopes+=("team:$team"); done
for scope in "${scopes[@]}"; do
	team=()
	[[ $scope == team:* ]] && team=(--team "${scope#team:}")
	if [[ $scope == team:* ]] &&
		python3 "$check" "$db" "$from" "$to" refused team "${scope#team:}"; then
		status=0
		e2e_csr report "${team[@]}" >/dev/null 2>&1 || status=$?
		[[ $status == 1 ]] || e2e_fail "report --team '${scope#team:}' of too few people exited $status"
		continue
	fi
	for f in csv:csv text:txt md:md html:html; do
		e2e_csr report "${team[@]}" --format "${f%:*}" >"$E2E_TMP/reports/$scope.${f#*:}" ||
			e2e_fail "report ${team[*]} --format ${f%:*} failed"
	done
	python3 "$check" "$db" "$from" "$to" reports "$E2E_TMP/reports" "$scope" ||
		e2e_fail "a report ($scope) shows a figure of too few people"
done
grep -qE '^[0-9]+ figures hidden: fewer than 5 people' "$E2E_TMP/reports/all.txt" ||
	e2e_fail "the report does not say how many figures it hides"
grep -qE 'Back Office|Outbound Sales' "$E2E_TMP/reports/all.txt" ||
	e2e_fail "the teams of enough people are not ranked"
e2e_pass "text, md, csv, html (and b4si: $b4si) for everyone and ${#teams[@]} teams: no figure of fewer than 5 people"

# ---- (b) the Impact panel at every scope ----
e2e_start --session panel --size 160x90 TZ=UTC -- --config "$E2E_TMP/csrdesk.conf" --db "$db"
e2e_wait_for "1 Initiatives"
e2e_keys 3
e2e_wait_for "Impact and goals"
# scope KIND VALUE LABEL: chooses the scope LABEL and checks the panel.
panel_at() {
	local kind=$1 value=$2 label=$3
	e2e_keys t
	e2e_wait_for " Scope "
	e2e_keys Home # the menu opens at the current scope; e2e_choose counts from the top
	e2e_choose " Scope " "$label"
	e2e_wait_gone " Scope "
	e2e_wait_for "Impact $year"
	e2e_wait_for "$label"
	sleep 0.3 # the whole panel, not the first lines of it
	e2e_screen >"$E2E_TMP/panel"
	python3 "$check" "$db" "$from" "$to" panel "$E2E_TMP/panel" "$kind" "$value" \
		"$E2E_TMP/reports/all.csv" || { cat "$E2E_TMP/panel" >&2; e2e_fail "the panel at $label"; }
}
panel_at all "" Everyone
mapfile -t sites < <(sqlite3 "$db" "SELECT DISTINCT site FROM volunteer WHERE site <> '' ORDER BY site")
for site in "${sites[@]}"; do panel_at site "$site" "Site $site"; done
for team in "${teams[@]}"; do panel_at team "$team" "Team $team"; done
while IFS=, read -r key title; do
	panel_at category "$key" "$title"
done < <(python3 -c 'import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig").read().splitlines()))
at = rows.index(["section", "categories"])
for r in rows[at + 2:]:
    if not r or not r[0]: break
    print(r[0] + "," + r[1])' "$E2E_TMP/reports/all.csv")
panel_at team "Backoffice Nord" "Team Backoffice Nord"
grep -qF 'Team "Backoffice Nord" has 3 people' "$E2E_TMP/panel" ||
	e2e_fail "the panel for Backoffice Nord shows no suppression notice"
e2e_pass "the Impact panel at every scope (${#sites[@]} sites, ${#teams[@]} teams, the categories): no figure of fewer than 5 people"
