#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end: the impact report and the iCalendar export on the demo data
# (data/demo.sql run with sqlite3 on a fresh database). The report in all
# four formats, read back: text totals against a count made with sqlite3,
# CSV by python3's csv module, HTML by xml.dom.minidom (well-formed, SVG
# charts, nothing that runs or is fetched), ICS by python3-icalendar
# (VEVENT count, UTC times, UIDs the same in two exports). Refusals and
# usage errors. Needs $CSRDESK, sqlite3 and python3 with icalendar (Debian:
# python3-icalendar); fails, never skips, when one is missing.
set -euo pipefail

: "${CSRDESK:?set CSRDESK to the csrdesk binary}"
: "${E2E_DIR:=$(dirname "$0")}"
work=$(mktemp -d "${TMPDIR:-/tmp}/csrdesk-cli-report-XXXXXX")
trap 'rm -rf "$work"' EXIT
export CSRDESK_CONFIG=/nonexistent-use-explicit-config
conf=$work/csrdesk.conf
db=$work/csrdesk.db
demo_sql=$E2E_DIR/../../data/demo.sql

fail() {
	echo "cli_report: FAIL: $*" >&2
	exit 1
}

command -v sqlite3 >/dev/null || fail "sqlite3 is needed (Debian: apt-get install sqlite3)"
. "$(dirname "$0")/lib_python.sh"
find_python || fail "python3 with the icalendar module is needed to check the ICS" \
	"export (Debian: apt-get install python3-icalendar)"

# run STATUS ARGS...: csrdesk with our config and database, expecting
# STATUS; stdout in $work/out, stderr in $err.
run() {
	local want=$1 status=0
	shift
	"$CSRDESK" --config "$conf" --db "$db" "$@" >"$work/out" 2>"$work/err" || status=$?
	err=$(cat "$work/err")
	[[ $status == "$want" ]] || fail "csrdesk $* exited $status, expected $want; stderr: $err"
}

# refused PATTERN ARGS...: exit 1, one line on stderr saying PATTERN, no output.
refused() {
	local pattern=$1
	shift
	run 1 "$@"
	[[ $(wc -l <"$work/err") == 1 && $err == "csrdesk: "*"$pattern"* ]] ||
		fail "csrdesk $*: expected one line saying '$pattern', got: $err"
	[[ ! -s $work/out ]] || fail "csrdesk $*: refused but wrote output"
}

usage() {
	run 2 "$@"
	[[ $err == *"usage: csrdesk"* ]] || fail "csrdesk $*: no usage line: $err"
}

printf 'roles { admins = {"%s"} }\n' "$(id -un)" >"$conf"
run 0 init
sqlite3 "$db" <"$demo_sql" || fail "loading $demo_sql failed"

# The last 400 days up to today (local time), so the period has data
# whatever the day the test runs; figures counted here with sqlite3.
first=$(sqlite3 "$db" "SELECT date('now', 'localtime', '-400 days')")
last=$(sqlite3 "$db" "SELECT date('now', 'localtime')")
period=$first..$last
from=$(sqlite3 "$db" "SELECT unixepoch('$first', 'utc')")
to=$(sqlite3 "$db" "SELECT unixepoch('$last', '+1 day', 'utc')")
count_minutes() {
	sqlite3 "$db" "SELECT COALESCE(SUM(minutes), 0) FROM hours WHERE status = '$1'
		AND worked_on >= $from AND worked_on < $to"
}
approved=$(count_minutes approved)
pending=$(count_minutes pending)
((approved > 0)) || fail "the demo data has no approved hours in $period"
trees=$(sqlite3 "$db" "SELECT TOTAL(m.value) FROM impact m JOIN initiative i ON i.id = m.initiative_id
	WHERE m.metric = 'trees' AND i.status <> 'cancelled'
	AND i.starts_at >= $from AND i.starts_at < $to")

echo "--- text: the totals agree with a count by hand"
run 0 report --period "$period"
cp "$work/out" "$work/report.txt"
want=$("$python" -c "import sys; print(f'{int(sys.argv[1]) / 60:,.1f}')" "$approved")
grep -qE "^  Volunteer hours, approved +$want\$" "$work/report.txt" ||
	fail "the approved hours are not $want ($approved minutes): $(grep approved "$work/report.txt")"
want=$("$python" -c "import sys; print(f'{int(sys.argv[1]) / 60:,.1f}')" "$pending")
grep -qE "^  Volunteer hours, pending +$want " "$work/report.txt" ||
	fail "the pending hours are not $want"
want=$("$python" -c "import sys; print(f'{float(sys.argv[1]):,.0f} trees')" "$trees")
grep -qE "^  Trees planted +$want " "$work/report.txt" || fail "the trees planted are not $want"
for heading in Totals "Hours and impact by category" "Impact and goals" \
	"Top initiatives by approved hours" "Top teams by approved hours" \
	"Approved hours by month" "Partners involved" "What volunteers said"; do
	grep -q "^$heading" "$work/report.txt" || fail "the text report has no section '$heading'"
done
"$python" - "$work/report.txt" <<'PY' || fail "the text report is wider than 80 columns"
import sys, unicodedata
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in s)
lines = open(sys.argv[1], encoding='utf-8').read().splitlines()
wide = [l for l in lines if width(l) > 80]
if wide:
    print('too wide:', wide[0], file=sys.stderr)
    sys.exit(1)
PY

echo "--- md"
run 0 report --period "$period" --format md
grep -qF '| Category | Hours | Initiatives | Impact |' "$work/out" || fail "no category table in md"
grep -q '^# CSR impact report ' "$work/out" || fail "no title in md"

echo "--- csv: parsed by python3's csv module"
run 0 report --period "$period" --format csv
"$python" - "$work/out" "$approved" <<'PY' || fail "the CSV report does not read back"
import csv, sys
raw = open(sys.argv[1], 'rb').read()
assert b'\r\n' in raw and b'\n' not in raw.replace(b'\r\n', b''), 'lines must end with CRLF'
rows = list(csv.reader(raw.decode('utf-8').splitlines()))
sections, current = {}, None
for row in rows:
    if row[:1] == ['section']:
        current = row[1]
        sections[current] = []
    elif row and current:
        sections[current].append(row)
for name in ('report', 'totals', 'categories', 'goals', 'top_initiatives', 'top_teams',
             'months', 'partners', 'comments'):
    assert name in sections, 'no section ' + name
totals = dict(r for r in sections['totals'][1:])
want = f'{int(sys.argv[2]) / 60:.2f}'
assert totals['approved_hours'] == want, (totals['approved_hours'], want)
header = sections['categories'][0]
assert header[:4] == ['category', 'title', 'hours', 'initiatives'], header
# Hours of too few people (privacy.min_group) are empty, and never just
# one: the total minus the others would give it away.
shown = [float(r[2]) for r in sections['categories'][1:] if r[2] != '']
hidden = [r for r in sections['categories'][1:] if r[2] == '']
assert len(hidden) != 1, ('one hidden row could be worked out', hidden)
tied = sum(shown)
if hidden:
    assert tied < float(want), ('hidden hours are still in the rows', tied, want)
else:
    assert abs(tied - float(want)) < 0.01, ('categories do not add up', tied, want)
assert len(sections['months']) >= 14, '400 days are at least 13 months, and a header'
PY

echo "--- html: well-formed, with SVG charts, nothing that runs or is fetched"
run 0 report --period "$period" --format html
cp "$work/out" "$work/report.html"
"$python" - "$work/report.html" <<'PY' || fail "the HTML report is not what it should be"
import sys, xml.dom.minidom
doc = xml.dom.minidom.parse(sys.argv[1])
svgs = doc.getElementsByTagName('svg')
assert len([s for s in svgs if s.getAttribute('width') == '640']) == 2, 'two charts'
for tag in ('script', 'link', 'img', 'iframe', 'object', 'embed', 'base'):
    assert not doc.getElementsByTagName(tag), 'a <%s> element' % tag
def walk(node):
    if node.attributes:
        for name, value in node.attributes.items():
            assert name not in ('src', 'href') and not name.startswith('on'), name
            assert 'http' not in value and '//' not in value and 'url(' not in value, value
    for child in node.childNodes:
        walk(child)
walk(doc.documentElement)
style = ''.join(n.toxml() for n in doc.getElementsByTagName('style'))
assert 'url(' not in style and '@import' not in style, 'the CSS fetches something'
PY
grep -qi '<script' "$work/report.html" && fail "the HTML has a script"

echo "--- periods and teams"
run 0 report # the current year by default
grep -q "^CSR impact report $(date +%Y)\$" "$work/out" || fail "the default period is not this year"
last_year=$(($(date +%Y) - 1))
# The title names the period as people read it.
names=("$last_year" "Q4 $last_year" "December $last_year" "$last_year-11-01 to $last_year-12-31")
i=0
for p in "$last_year" "$last_year-Q4" "$last_year-12" "$last_year-11-01..$last_year-12-31"; do
	run 0 report --period "$p"
	grep -q "^CSR impact report ${names[i]}" "$work/out" ||
		fail "--period $p: the title does not say ${names[i]}"
	i=$((i + 1))
done
run 0 report --team "Quality & Training" --format md
grep -qF "team Quality & Training" "$work/out" || fail "the team report does not name its team"
refused "is not a period" report --period soon
refused "the month must be 01 to 12" report --period 2026-13
refused "No volunteer is in team 'Nobody'" report --team Nobody
usage report --format pdf
usage report extra
usage report --period

echo "--- ics: parsed by icalendar, UIDs the same in two exports"
run 0 export ics
cp "$work/out" "$work/open1.ics"
run 0 export ics
cp "$work/out" "$work/open2.ics"
cmp -s "$work/open1.ics" "$work/open2.ics" || fail "two exports of unchanged data differ"
open_now=$(sqlite3 "$db" "SELECT count(*) FROM initiative WHERE status = 'open' AND ends_at > unixepoch()")
waiter=$(sqlite3 "$db" "SELECT v.employee_id FROM signup s JOIN volunteer v ON v.id = s.volunteer_id
	JOIN initiative i ON i.id = s.initiative_id
	WHERE s.status = 'waitlisted' AND i.ends_at > unixepoch() ORDER BY s.id LIMIT 1")
[[ -n $waiter ]] || fail "the demo data has nobody on a waitlist"
places=$(sqlite3 "$db" "SELECT count(*) FROM signup s JOIN volunteer v ON v.id = s.volunteer_id
	JOIN initiative i ON i.id = s.initiative_id WHERE v.employee_id = '$waiter'
	AND i.ends_at > unixepoch()")
run 0 export ics --volunteer "$waiter"
cp "$work/out" "$work/mine1.ics"
run 0 export ics --volunteer "$waiter"
cp "$work/out" "$work/mine2.ics"
"$python" - "$work" "$open_now" "$places" <<'PY' || fail "the ICS exports do not read back"
import sys, datetime
from icalendar import Calendar
work, open_now, places = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def read(name):
    raw = open(f'{work}/{name}', 'rb').read()
    for line in raw.split(b'\r\n')[:-1]:
        assert len(line) <= 75, ('a line longer than 75 octets', line)
        line.decode('utf-8')  # a fold never cuts a character
    assert raw.endswith(b'END:VCALENDAR\r\n') and b'\n' not in raw.replace(b'\r\n', b'')
    cal = Calendar.from_ical(raw)
    assert str(cal['VERSION']) == '2.0' and 'csrdesk' in str(cal['PRODID'])
    events = list(cal.walk('VEVENT'))
    for e in events:
        for prop in ('DTSTART', 'DTEND', 'DTSTAMP'):
            t = e.decoded(prop)
            assert t.utcoffset() == datetime.timedelta(0), (prop, t)
        assert e.decoded('DTEND') > e.decoded('DTSTART')
        for prop in ('UID', 'SUMMARY', 'STATUS', 'CATEGORIES'):
            assert prop in e, prop
    return events
open1, open2 = read('open1.ics'), read('open2.ics')
assert len(open1) == open_now, (len(open1), open_now)
assert [str(e['UID']) for e in open1] == [str(e['UID']) for e in open2]
assert all(str(e['UID']).startswith('initiative-') for e in open1)
assert {str(e['STATUS']) for e in open1} == {'CONFIRMED'}
mine1, mine2 = read('mine1.ics'), read('mine2.ics')
assert len(mine1) == places, (len(mine1), places)
assert [str(e['UID']) for e in mine1] == [str(e['UID']) for e in mine2]
assert '-signup-' in str(mine1[0]['UID'])
waiting = [e for e in mine1 if str(e['STATUS']) == 'TENTATIVE']
assert waiting and all(str(e['SUMMARY']).endswith('(waitlist)') for e in waiting)
PY
refused "No volunteer has employee ID NOPE" export ics --volunteer NOPE
usage export ics --volunteer
usage export ics extra

echo "--- agents may not read the report"
# uid 0 is always an admin: check as nobody when running as root.
agent_conf=$work/agent.conf
printf 'roles { admin_group = "" lead_group = "" }\n' >"$agent_conf"
if [[ $(id -u) != 0 ]]; then
	as_agent() { "$CSRDESK" --config "$agent_conf" --db "$db" "$@"; }
elif command -v setpriv >/dev/null; then
	chmod 777 "$work" && chmod 666 "$db"* # nobody opens the database too
	as_agent() {
		setpriv --reuid=65534 --regid=65534 --clear-groups \
			"$CSRDESK" --config "$agent_conf" --db "$db" "$@"
	}
else
	fail "running as root without setpriv: cannot check the report as an agent"
fi
status=0
as_agent report >"$work/out" 2>"$work/err" || status=$?
[[ $status == 1 && $(cat "$work/err") == "csrdesk: Only team leads may read the impact report" ]] ||
	fail "an agent got status $status and '$(cat "$work/err")' asking for the report"
status=0
as_agent export ics >"$work/out" 2>"$work/err" || status=$?
[[ $status == 0 ]] || fail "an agent could not export the open initiatives: $(cat "$work/err")"
status=0
as_agent export ics --volunteer "$waiter" >"$work/out" 2>"$work/err" || status=$?
[[ $status == 1 && $(cat "$work/err") == "csrdesk: You may only do this for yourself" ]] ||
	fail "an agent exported someone else's commitments: $status $(cat "$work/err")"

echo "cli_report: ok"
