#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end: the B4SI/GRI figures (issue 14) from fixed data on a real
# SQLite file, entered through the command line: 120 h of company time and
# 30 h of own time at 38.50 EUR/h, 20 h of management time at 45 EUR/h,
# cash 2,000 EUR and in-kind 500 EUR give a time value of 4,620.00 EUR and
# a total contribution of 8,020.00 EUR; two of three sites have a
# programme (66.7%). Read back from report --format b4si by python3's csv
# module (plain and German Excel's form) and from the HTML report by
# xml.dom.minidom, in English and German. A rate that changes on a day, and
# hours no rate covers, are counted by the day worked. Needs $CSRDESK,
# sqlite3 and python3; fails, never skips.
set -euo pipefail

: "${CSRDESK:?set CSRDESK to the csrdesk binary}"
work=$(mktemp -d "${TMPDIR:-/tmp}/csrdesk-cli-b4si-XXXXXX")
trap 'rm -rf "$work"' EXIT
export CSRDESK_CONFIG=/nonexistent-use-explicit-config
conf=$work/csrdesk.conf
db=$work/csrdesk.db
cli_test=cli_b4si
. "$(dirname "$0")/lib_cli.sh"
command -v sqlite3 >/dev/null || fail "sqlite3 is needed (Debian: apt-get install sqlite3)"
python=/usr/bin/python3
[[ -x $python ]] || python=$(command -v python3) || fail "python3 is needed"

# The issue's figures come from a handful of people: min_group 1 shows
# them all (privacy_figures and test_privacy check the hiding).
cat >"$conf" <<EOF
roles { admins = {"$(id -un)"} }
privacy { min_group = 1 }
rate { site = "" from = "2025-01-01" hourly = 30 management = 40 }
rate { site = "" from = "2026-01-01" hourly = 38.50 management = 45 }
metric "trees"  { title = "Trees planted" unit = "trees" }
metric "cash"   { title = "Donations by the company" unit = "EUR" kind = "cash" }
metric "inkind" { title = "Goods given" unit = "EUR" kind = "in_kind" }
metric "raised" { title = "Funds raised" unit = "EUR" kind = "leverage" }
category "community" { title = "Community support" metrics = {"cash", "inkind", "raised"}
	sdgs = {1, 2} issue_area = "social_welfare" }
category "environment" { title = "Environmental protection" metrics = {"trees"}
	sdgs = {13, 15} issue_area = "environment" }
category "health" { title = "Health" metrics = {"cash"} sdgs = {3} issue_area = "health" }
EOF
run 0 init
printf '%s\n' employee_id,name,team,site E1,Ann,Blue,Berlin E2,Bob,Blue,Berlin \
	E3,Cem,Red,Hamburg E4,Dora,Red,Munich E5,Lea,Office,Berlin >"$work/people.csv"
run 0 import volunteers "$work/people.csv"

# initiative TITLE CATEGORY DAY ARGS...: adds it, its id in $id.
initiative() {
	local title=$1 category=$2 day=$3
	shift 3
	run 0 initiative add --title "$title" --category "$category" --starts "$day 09:00" \
		--ends "$day 17:00" --capacity 20 "$@"
	id=$out
}

echo "--- initiatives: own-time default, beneficiaries"
initiative "Food bank" community 2026-03-01 --partner Tafel --beneficiaries 40 --own-time yes
food=$id
initiative "Tree planting" environment 2026-04-01 --partner "Forest NGO" --beneficiaries 25 \
	--goal trees=100
trees=$id
initiative "Soup kitchen" community 2026-05-01 --partner Tafel --own-time no
soup=$id
run 0 initiative edit "$soup" --beneficiaries 10
initiative "Charity run" health 2026-06-01 --partner "Red Cross" --beneficiaries 100
run_id=$id
[[ $(sqlite3 "$db" "SELECT own_time || '/' || beneficiaries FROM initiative ORDER BY id" |
	tr '\n' ' ') == "1/40 0/25 0/10 0/100 " ]] || fail "own_time/beneficiaries as stored are wrong"
usage initiative add --title X --category community --starts "2026-03-01 09:00" \
	--ends "2026-03-01 10:00" --capacity 2 --own-time maybe
usage initiative edit "$soup" --beneficiaries -1

echo "--- hours: 120 h company time, 30 h own time"
# log EMPLOYEE_ID DAY HOURS ARGS...: approved at once (an admin logs them).
log() {
	local who=$1 day=$2 hours=$3
	shift 3
	run 0 hours log "$who" --date "$day" --hours "$hours" "$@"
	[[ $out =~ ^[0-9]+\ approved$ ]] || fail "hours log $who $day printed '$out'"
}
for who in E1 E2; do
	for day in 2026-01-01 2026-02-02 2026-03-02 2026-05-04; do
		log "$who" "$day" 8
	done
done
log E1 2026-04-01 8 --initiative "$trees"
log E2 2026-05-01 8 --initiative "$soup"
for day in 2026-01-05 2026-02-09 2026-03-09 2026-04-13; do
	log E3 "$day" 8
done
log E3 2026-03-01 8 --initiative "$food" --company-time # against the initiative's default
log E1 2026-03-01 10 --initiative "$food"               # the default: own time
log E3 2026-03-01 10 --initiative "$food"
log E2 2026-06-06 10 --own-time
usage hours log E2 --date 2026-06-06 --hours 1 --own-time --company-time
# Pending hours count nowhere: Dora (Munich) takes no part.
log E4 2026-06-01 5
run 0 hours revert "$(sqlite3 "$db" "SELECT max(id) FROM hours")"
[[ $(sqlite3 "$db" "SELECT own_time, SUM(minutes) / 60 FROM hours WHERE status = 'approved'
	GROUP BY own_time" | tr '\n' ' ') == "0|120 1|30 " ]] || fail "hours as stored are not 120/30"
[[ $(sqlite3 "$db" "SELECT count(*) FROM audit WHERE action = 'hours.log'
	AND detail LIKE '%, own)'") == 3 ]] || fail "the audit does not say which hours are own time"

echo "--- management time: 20 h, audited"
run 0 management log E5 --date 2026-03-02 --hours 8 --note "planning"
run 0 management log E5 --date 2026-03-03 --hours 8
run 0 management log E5 --date 2026-03-04 --hours 4
usage management log E5 --date 2026-03-04
usage management list --note x
refused "No volunteer has employee ID E9" management log E9 --date 2026-03-04 --hours 1
refused "Date worked cannot be in the future" management log E5 --date 2999-01-01 --hours 1
run 0 management list
[[ $(wc -l <<<"$out") == 3 && $(tail -n 1 <<<"$out" | cut -f2-6) == \
	"$(printf '2026-03-02\t8.00\tE5\tLea\tplanning')" ]] || fail "management list printed: $out"
[[ $(sqlite3 "$db" "SELECT count(*) FROM audit WHERE action = 'management.log'") == 3 ]] ||
	fail "management time is not audited"

echo "--- impact: cash, in-kind, leverage; voided and cancelled ones out"
run 0 impact add "$food" cash 2000
run 0 impact add "$food" inkind 500
run 0 impact add "$food" raised 1200
run 0 impact add "$trees" trees 80
run 0 impact add "$soup" cash 999
run 0 impact void "$out" --reason "typed twice"
run 0 impact add "$run_id" cash 5000
run 0 initiative status "$run_id" cancelled

# check_csv FILE FORM KEY=VALUE...: the b4si CSV in FILE (form plain or
# excel) has those values, and its issue areas are as in $areas.
check_csv() {
	"$python" - "$@" <<'PY'
import csv, sys
path, form, *want = sys.argv[1:]
raw = open(path, 'rb').read()
excel = form == 'excel'
if excel != raw.startswith(b'\xef\xbb\xbf'):
    sys.exit('byte order mark wrong for ' + form)
text = raw.decode('utf-8-sig')
if '\r\n' not in text or '\n' in text.replace('\r\n', ''):
    sys.exit('lines do not end in CRLF')
rows = list(csv.reader(text.splitlines(), delimiter=';' if excel else ','))
section, values, sections = None, {}, []
for row in rows:
    if row[:1] == ['section']:
        section = row[1]
        sections.append(section)
    elif section in ('inputs', 'leverage', 'outputs', 'impact') and row and row[0] != 'key':
        if len(row) != 5:
            sys.exit('not 5 cells: %r' % row)
        values[row[0]] = (row[2], row[3], row[4], section)
if sections != ['report', 'inputs', 'leverage', 'outputs', 'impact', 'issue_areas']:
    sys.exit('sections: %r' % sections)
for item in want:
    key, value = item.split('=', 1)
    if key not in values:
        sys.exit('no row %s' % key)
    if values[key][0] != value:
        sys.exit('%s is %s, expected %s (%r)' % (key, values[key][0], value, values[key]))
print('\n'.join('%s=%s|%s' % (k, v[3], v[2]) for k, v in values.items()))
PY
}

figures=(volunteer_hours=150.00 company_time_hours=120.00 time_value=4620.00
	management_hours=20.00 management_cost=900.00 cash=2000.00 in_kind=500.00
	total_contribution=8020.00 leverage=1200.00 own_time_hours=30.00 beneficiaries=75
	organisations_supported=2 metric_trees=80 participants=3 participation_percent=60.0
	sites_with_programme=2 sites_with_programme_percent=66.7 sdgs_served=4)

echo "--- report --format b4si: the figures of the issue"
run 0 report --period 2026 --format b4si --no-excel
cp "$work/out" "$work/b4si.csv"
basis=$(check_csv "$work/b4si.csv" plain "${figures[@]}") || fail "the b4si CSV is wrong"
[[ $basis == *"volunteer_hours=inputs|Approved hours: 120 h in company time, 30 h in own time."* &&
	$basis == *"leverage=leverage|"*"not in the total."* &&
	$basis == *"sites_with_programme=impact|Of 3 sites with active volunteers"* &&
	$basis == *"sdgs_served=impact|SDG 1, 2, 13, 15, "* &&
	$basis == *"metric_trees=outputs|Goal 100 trees; 0 of 1 goal met."* ]] ||
	fail "the basis column is wrong: $basis"
grep -q $'^social_welfare,Social welfare,2,36.00,616.00,2000.00,500.00,50\r$' "$work/b4si.csv" &&
	grep -q $'^environment,Environment,1,8.00,308.00,0.00,0.00,25\r$' "$work/b4si.csv" ||
	fail "the issue areas are wrong: $(sed -n '/issue_areas/,$p' "$work/b4si.csv")"
grep -q "^health" "$work/b4si.csv" && fail "the cancelled initiative's area is in the figures"
# SDG 3 is only the cancelled initiative's: it is not served.

echo "--- the same in German Excel's form, in German"
run 0 report --period 2026 --format b4si --excel --lang de
cp "$work/out" "$work/b4si-de.csv"
excel=()
for f in "${figures[@]}"; do
	excel+=("${f/./,}")
done
basis=$(check_csv "$work/b4si-de.csv" excel "${excel[@]}") || fail "the German Excel CSV is wrong"
grep -q "Zeitwert" "$work/b4si-de.csv" || fail "the German CSV has no Zeitwert"

echo "--- the HTML report's section, in English and German"
# check_html FILE KEY=VALUE...: the cell of each row's value.
check_html() {
	"$python" - "$@" <<'PY'
import sys, xml.dom.minidom
doc = xml.dom.minidom.parse(sys.argv[1])
cells = {}
for tr in doc.getElementsByTagName('tr'):
    key = tr.getAttribute('id')
    if key.startswith('b4si-'):
        tds = tr.getElementsByTagName('td')
        text = lambda n: ''.join(t.data for t in n.childNodes if t.nodeType == t.TEXT_NODE)
        cells[key[5:]] = (text(tds[0]), text(tds[1]), text(tds[2]))
for item in sys.argv[2:]:
    key, value = item.split('=', 1)
    if cells.get(key, ('', ''))[1] != value:
        sys.exit('%s shows %r, expected %s' % (key, cells.get(key), value))
print('\n'.join('%s=%s' % (k, v[0]) for k, v in cells.items()))
PY
}
run 0 report --period 2026 --format html
cp "$work/out" "$work/report.html"
check_html "$work/report.html" volunteer_hours=150 company_time_hours=120 time_value=4,620.00 \
	management_cost=900.00 cash=2,000.00 in_kind=500.00 total_contribution=8,020.00 \
	leverage=1,200.00 own_time_hours=30 beneficiaries=75 sites_with_programme=2 \
	sites_with_programme_percent=66.7 >/dev/null || fail "the HTML section is wrong"
run 0 report --period 2026 --format html --lang de
cp "$work/out" "$work/report-de.html"
labels=$(check_html "$work/report-de.html" time_value=4.620,00 total_contribution=8.020,00 \
	sites_with_programme_percent=66,7 participation_percent=60) ||
	fail "the German HTML section is wrong"
[[ $labels == *"time_value=Zeitwert"* ]] || fail "the German HTML is not in German: $labels"
run 0 report --period 2026 --format html --team Blue
grep -q 'id="b4si"' "$work/out" && fail "a team report has the company's contribution"
usage report --period 2026 --format b4si --team Blue

echo "--- a rate that changes on a day, and hours no rate covers"
log E1 2025-12-31 10          # at 30 EUR/h: 300
log E2 2024-12-31 2           # before any rate
# 2026-01-01: E1's and E2's 8 h each at 38.50 EUR/h: 616
run 0 report --period 2024-12-31..2026-01-01 --format b4si
cp "$work/out" "$work/rates.csv"
basis=$(check_csv "$work/rates.csv" plain company_time_hours=28.00 time_value=916.00) ||
	fail "the rate change is not counted by the day worked"
[[ $basis == *"time_value=inputs|"*"No rate for site Berlin: 2 h not valued."* ]] ||
	fail "the hours without a rate are not named: $basis"
echo "cli_b4si: ok"
