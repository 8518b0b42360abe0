#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end: German Excel's CSV. A file as German Excel saves it (a UTF-8
# byte order mark, semicolons, CRLF, umlauts, a quoted cell holding ';')
# imports; `export --excel` starts with the byte order mark, Python's
# csv.Sniffer finds ';' and reads the columns; re-importing the --excel
# export changes nothing (the plain export before and after is the same);
# numbers in it have a decimal comma (hours, the report CSV); the config's
# export { excel = true } makes it the default and --no-excel undoes it; the
# old comma files still import. Needs $CSRDESK, sqlite3 and
# python3.
set -euo pipefail

: "${CSRDESK:?set CSRDESK to the csrdesk binary}"
work=$(mktemp -d "${TMPDIR:-/tmp}/csrdesk-cli-excel-XXXXXX")
trap 'rm -rf "$work"' EXIT
export CSRDESK_CONFIG=/nonexistent-use-explicit-config
conf=$work/csrdesk.conf
db=$work/csrdesk.db

cli_test=cli_excel
. "$(dirname "$0")/lib_cli.sh"

field() { sqlite3 "$db" "SELECT $1 FROM volunteer WHERE employee_id = '$2'"; }

printf 'kiosk {\n\trequire_pin = false\n}\n' >"$conf"
run 0 init

echo "--- a German Excel file imports"
{
	printf '\xEF\xBB\xBF'
	printf '%s\r\n' \
		'employee_id;name;team;site;email;skills;active' \
		'E1001;Jürgen Müller;Blau;Köln;jurgen@example.org;Erste Hilfe, Gabelstapler;1' \
		'E1002;"Schäfer; Anna";Grün;Düsseldorf;;"sagt ""Grüß Gott""";1' \
		'E1003;Zoë Weiß;Blau;;;;0'
} >"$work/excel.csv"
run 0 import volunteers "$work/excel.csv"
[[ $out == "imported 3 rows: 3 added, 0 updated, 0 skipped" ]] || fail "import printed '$out'"
[[ $(field name E1001) == "Jürgen Müller" ]] || fail "E1001's name: '$(field name E1001)'"
[[ $(field site E1001) == "Köln" ]] || fail "the first row's site: '$(field site E1001)'"
[[ $(field skills E1001) == "Erste Hilfe, Gabelstapler" ]] || fail "a comma inside a cell split it"
[[ $(field name E1002) == "Schäfer; Anna" ]] || fail "a quoted ';': '$(field name E1002)'"
[[ $(field skills E1002) == 'sagt "Grüß Gott"' ]] || fail "doubled quotes: '$(field skills E1002)'"
[[ $(field active E1003) == 0 && $(field team E1003) == "Blau" ]] ||
	fail "the last column (CRLF) was not read: active '$(field active E1003)'"
[[ $(sqlite3 "$db" "SELECT count(*) FROM volunteer WHERE name LIKE '%'||char(13)||'%'
	OR team LIKE '%'||char(13)||'%' OR employee_id LIKE char(65279)||'%'") == 0 ]] ||
	fail "a CR or the byte order mark ended up in the data"

echo "--- a bad row of a semicolon file names its line"
printf 'employee_id;name;team\r\nE2001;Gut;Blau\r\nE 2002;Schlecht;Blau\r\n' >"$work/bad.csv"
run 1 import volunteers "$work/bad.csv"
[[ $err == "csrdesk: $work/bad.csv:3: column employee_id: "*"nothing was imported" ]] ||
	fail "the bad row was not reported with line 3: $err"

echo "--- export --excel: byte order mark, semicolons, CRLF"
run 0 export volunteers --format csv
cp "$work/out" "$work/plain-before.csv"
run 0 export volunteers --format csv --excel
cp "$work/out" "$work/excel-export.csv"
[[ $(head -c 3 "$work/excel-export.csv" | od -An -tx1 | tr -d ' ') == efbbbf ]] ||
	fail "the --excel export does not start with the byte order mark"
[[ $(head -n 1 "$work/excel-export.csv") == $'\xEF\xBB\xBFemployee_id;name;team;site;email;skills;unix_user;active\r' ]] ||
	fail "the --excel header: $(head -n 1 "$work/excel-export.csv" | cat -A)"
[[ $(grep -c $'\r$' "$work/excel-export.csv") == $(wc -l <"$work/excel-export.csv") ]] ||
	fail "not every line of the --excel export ends with CRLF"
python3 - "$work/excel-export.csv" <<'EOF' || fail "Python's csv module does not read the --excel export as columns"
import csv, sys
text = open(sys.argv[1], encoding="utf-8-sig", newline="").read()
dialect = csv.Sniffer().sniff(text.splitlines()[0] + "\n" + text.splitlines()[1])
assert dialect.delimiter == ";", "sniffed %r" % dialect.delimiter
rows = list(csv.DictReader(text.splitlines(True), dialect=dialect))
assert len(rows) == 3, rows
byid = {r["employee_id"]: r for r in rows}
assert byid["E1001"]["name"] == "Jürgen Müller", byid["E1001"]
assert byid["E1001"]["skills"] == "Erste Hilfe, Gabelstapler", byid["E1001"]
assert byid["E1002"]["name"] == "Schäfer; Anna", byid["E1002"]
assert byid["E1003"]["active"] == "0", byid["E1003"]
EOF

echo "--- re-importing the --excel export changes nothing"
run 0 import volunteers "$work/excel-export.csv"
[[ $out == "imported 3 rows: 0 added, 3 updated, 0 skipped" ]] || fail "re-import printed '$out'"
run 0 export volunteers --format csv
cmp -s "$work/out" "$work/plain-before.csv" ||
	fail "the data changed: $(diff "$work/plain-before.csv" "$work/out" | cat -A)"
[[ $(head -c 3 "$work/plain-before.csv") != $'\xEF\xBB\xBF' &&
	$(head -n 1 "$work/plain-before.csv") == $'employee_id,name,team,site,email,skills,unix_user,active\r' ]] ||
	fail "the plain export is not RFC 4180 any more"

echo "--- the other exports take --excel too"
run 0 export initiatives --excel
[[ $(head -n 1 "$work/out") == $'\xEF\xBB\xBFid;title;category;status;starts;ends;capacity;confirmed;waitlisted;partner;location\r' ]] ||
	fail "export initiatives --excel: $(head -n 1 "$work/out" | cat -A)"

echo "--- numbers in German Excel's form have a decimal comma (Excel takes 1.50 for a date)"
run 0 hours log E1001 --date 2026-11-30 --hours 1.5
run 0 export hours --excel
grep -q $';1,50;approved\r$' "$work/out" || fail "hours in the Excel form: $(tail -n 1 "$work/out" | cat -A)"
run 0 export hours
grep -q $',1.50,approved\r$' "$work/out" || fail "hours in the plain form: $(tail -n 1 "$work/out" | cat -A)"
run 0 report --format csv --excel
grep -q $'^approved_hours;1,50\r$' "$work/out" || fail "the report CSV's hours in the Excel form"

echo "--- the config's default, and --no-excel"
printf 'kiosk {\n\trequire_pin = false\n}\nexport {\n\texcel = true\n}\n' >"$conf"
run 0 export volunteers
cmp -s "$work/out" "$work/excel-export.csv" || fail "export { excel = true } did not write the Excel form"
run 0 export volunteers --no-excel
cmp -s "$work/out" "$work/plain-before.csv" || fail "--no-excel did not write the plain form"
printf 'kiosk {\n\trequire_pin = false\n}\n' >"$conf"

echo "--- comma files still import"
printf '%s\n' 'employee_id,name,team,skills' 'E3001,Jörg Kühn,Rot,"Kochen; Backen"' >"$work/comma.csv"
run 0 import volunteers "$work/comma.csv"
[[ $out == "imported 1 row: 1 added, 0 updated, 0 skipped" ]] || fail "comma import printed '$out'"
[[ $(field skills E3001) == "Kochen; Backen" ]] || fail "a ';' in a comma file: '$(field skills E3001)'"
{ printf '\xEF\xBB\xBF' && printf '%s\r\n' 'employee_id,name,team' 'E3002,Ute Groß,Rot'; } >"$work/bom-comma.csv"
run 0 import volunteers "$work/bom-comma.csv"
[[ $(field name E3002) == "Ute Groß" ]] || fail "a comma file with a byte order mark"

echo "--- a header that does not split on ';' into known columns is not a semicolon file"
printf 'employee_id;name;team;shoe_size\r\nE1;A;B;42\r\n' >"$work/cols.csv"
run 1 import volunteers "$work/cols.csv"
[[ $err == *"unknown column 'employee_id;name;team;shoe_size'"* ]] || fail "unknown column: $err"

echo "cli_excel: OK"
