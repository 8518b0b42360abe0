#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end: import a roster CSV (UTF-8 names, quotes, commas, a newline
# inside a cell, a formula-looking cell) and export it back byte for byte;
# a bad row is reported with its line and nothing is imported; --skip-bad;
# the other exports' headers. Needs $CSRDESK (the binary) and sqlite3.
set -euo pipefail

: "${CSRDESK:?set CSRDESK to the csrdesk binary}"
work=$(mktemp -d "${TMPDIR:-/tmp}/csrdesk-cli-csv-XXXXXX")
trap 'rm -rf "$work"' EXIT
export CSRDESK_CONFIG=/nonexistent-use-explicit-config
conf=$work/csrdesk.conf
db=$work/csrdesk.db

cli_test=cli_import_export
. "$(dirname "$0")/lib_cli.sh"

volunteers() { sqlite3 "$db" 'SELECT count(*) FROM volunteer'; }

printf 'kiosk {\n\trequire_pin = false\n}\n' >"$conf"
run 0 init

echo "--- import and export round trip"
printf '%s\n' \
	'employee_id,name,team,site,email,skills,unix_user' \
	'E1001,Jürgen Müller,Blue,Cluj,jurgen@example.org,"first aid, forklift",' \
	'E1002,"Ionuț Țăranu",Red,Iași,ionut@example.org,"says ""hello""' \
	'and more",ionut' \
	'E1003,Zoë,Green,,,=SUM(A1:A2),' \
	"E1004,\"O'Brien, Siobhán\",Green,Dublin,,-," >"$work/roster.csv"
run 0 import volunteers "$work/roster.csv"
[[ $out == "imported 4 rows: 4 added, 0 updated, 0 skipped" ]] || fail "import printed '$out'"
run 0 export volunteers --format csv
printf '%s\r\n' \
	'employee_id,name,team,site,email,skills,unix_user,active' \
	'E1001,Jürgen Müller,Blue,Cluj,jurgen@example.org,"first aid, forklift",,1' \
	'E1002,Ionuț Țăranu,Red,Iași,ionut@example.org,"says ""hello""
and more",ionut,1' \
	"E1003,Zoë,Green,,,'=SUM(A1:A2),,1" \
	"E1004,\"O'Brien, Siobhán\",Green,Dublin,,'-,,1" >"$work/expected.csv"
cmp -s "$work/out" "$work/expected.csv" ||
	fail "the export differs from the roster: $(diff "$work/expected.csv" "$work/out" | cat -A)"
[[ $(sqlite3 "$db" "SELECT skills FROM volunteer WHERE employee_id = 'E1003'") == "=SUM(A1:A2)" ]] ||
	fail "the formula-looking cell was not stored as typed"

echo "--- importing again updates"
run 0 import volunteers "$work/roster.csv"
[[ $out == "imported 4 rows: 0 added, 4 updated, 0 skipped" ]] || fail "re-import printed '$out'"
[[ $(volunteers) == 4 ]] || fail "re-import added volunteers"

echo "--- a bad row: its line, and nothing imported"
printf '%s\n' \
	'employee_id,name,team,skills' \
	'E2001,Anna,Blue,"first aid' \
	'forklift"' \
	'E 2002,Bad Id,Blue,' \
	'E2003,Good,Blue,' >"$work/bad.csv"
run 1 import volunteers "$work/bad.csv"
[[ $(wc -l <"$work/err") == 1 ]] || fail "expected one line on stderr, got: $err"
[[ $err == "csrdesk: $work/bad.csv:4: column employee_id: "*"nothing was imported" ]] ||
	fail "the bad row was not reported with line 4: $err"
[[ $(volunteers) == 4 ]] || fail "a refused import still imported rows"

printf 'employee_id,name,team\nE3001,"Unclosed,Blue\nE3002,Fine,Blue\n' >"$work/open.csv"
run 1 import volunteers "$work/open.csv"
[[ $err == "csrdesk: $work/open.csv:2: "*"not closed"* ]] || fail "unclosed quote: $err"
[[ $(volunteers) == 4 ]] || fail "an unclosed quote still imported rows"

echo "--- --skip-bad imports the good rows"
run 0 import volunteers "$work/bad.csv" --skip-bad
[[ $out == "imported 3 rows: 2 added, 0 updated, 1 skipped" ]] || fail "--skip-bad printed '$out'"
[[ $err == *"bad.csv:4: column employee_id"* ]] || fail "the skipped row was not reported: $err"
[[ $(volunteers) == 6 ]] || fail "--skip-bad did not import the good rows"
[[ $(sqlite3 "$db" "SELECT skills FROM volunteer WHERE employee_id = 'E2001'") == $'first aid\nforklift' ]] ||
	fail "the multi-line skills were not kept"

echo "--- a header problem names the column"
printf 'employee_id,name,team,shoe_size\nE1,A,B,42\n' >"$work/cols.csv"
run 1 import volunteers "$work/cols.csv"
[[ $err == *"cols.csv:1: unknown column 'shoe_size'"* ]] || fail "unknown column: $err"

echo "--- the other exports"
year=$(($(date +%Y) + 1))
run 0 initiative add --title "=Mentoring, careers" --category education --capacity 1 \
	--starts "$year-03-02 17:00" --ends "$year-03-02 19:00" --partner "Viitor Plus"
id=$out
run 0 signup "$id" E1001
run 0 signup "$id" E1002
run 0 export initiatives
header=$(head -n 1 "$work/out")
[[ $header == $'id,title,category,status,starts,ends,capacity,confirmed,waitlisted,partner,location\r' ]] ||
	fail "initiatives header: $header"
[[ $out == *"$id,\"'=Mentoring, careers\",education,open,$year-03-02 17:00,$year-03-02 19:00,1,1,1,Viitor Plus,"* ]] ||
	fail "initiatives row: $out"
run 0 export signups
[[ $out == $'initiative_id,employee_id,status,created\r\n'"$id,E1001,confirmed,"*$'\r\n'"$id,E1002,waitlisted,"* ]] ||
	fail "signups export: $out"
run 0 export hours
[[ $out == $'employee_id,initiative_id,date,hours,status\r' ]] || fail "hours export: $out"
run 0 export impact
[[ $out == $'initiative_id,metric,value,recorded\r' ]] || fail "impact export: $out"

echo "--- control characters in a CSV are refused, with FILE:LINE and the column"
printf 'employee_id,name,team\nE4001,Fine,Blue\nE4002,X\033]0;PWN\007,Blue\nE4003,Bad\001Name,Blue\n' \
	>"$work/esc.csv"
run 1 import volunteers "$work/esc.csv"
[[ $err == "csrdesk: $work/esc.csv:3: column name: Name holds a control character (U+001B);"*"nothing was imported" ]] ||
	fail "ESC in a name: $err"
[[ $(volunteers) == 6 ]] || fail "a refused import still imported rows"
run 0 import volunteers "$work/esc.csv" --skip-bad
[[ $out == "imported 3 rows: 1 added, 0 updated, 2 skipped" ]] || fail "--skip-bad printed '$out'"
[[ $err == *"esc.csv:3: column name: Name holds a control character (U+001B)"*"(skipped)"* &&
	$err == *"esc.csv:4: column name: Name holds a control character (U+0001)"*"(skipped)"* ]] ||
	fail "the skipped rows were not reported: $err"
[[ $err != *$'\033'* ]] || fail "the message itself carried the ESC"
[[ $(sqlite3 "$db" "SELECT count(*) FROM volunteer WHERE name GLOB '*[' || char(1, 7, 27) || ']*'") == 0 ]] ||
	fail "a control character reached the database"

echo "--- export volunteers imports back as it is"
sqlite3 "$db" "UPDATE volunteer SET active = 0 WHERE employee_id = 'E1003'"
run 0 export volunteers --format csv
cp "$work/out" "$work/first.csv"
# The export starts a second late, as a slow program would: the import
# reads its whole input before it takes the write lock, which the export
# needs for its own audit entry (a reading of personal data).
# shellcheck disable=SC2094 # export reads the database, import writes it: one after the other
{ sleep 1; "$CSRDESK" --config "$conf" --db "$db" export volunteers --format csv; } |
	"$CSRDESK" --config "$conf" --db "$db" import volunteers /dev/stdin >"$work/out" 2>"$work/err" ||
	fail "export | import failed: $(cat "$work/err")"
[[ $(cat "$work/out") == "imported 7 rows: 0 added, 7 updated, 0 skipped" ]] ||
	fail "export | import printed '$(cat "$work/out")'"
run 0 export volunteers --format csv
cmp -s "$work/out" "$work/first.csv" || fail "export | import changed the data: $(diff "$work/first.csv" "$work/out")"
# Into a new database: the same rows, the inactive one still inactive.
db2=$work/second.db
"$CSRDESK" --config "$conf" --db "$db2" init >/dev/null
"$CSRDESK" --config "$conf" --db "$db2" import volunteers "$work/first.csv" >/dev/null ||
	fail "the export did not import into a new database"
"$CSRDESK" --config "$conf" --db "$db2" export volunteers --format csv >"$work/again.csv"
cmp -s "$work/again.csv" "$work/first.csv" ||
	fail "a new database differs after the round trip: $(diff "$work/first.csv" "$work/again.csv")"

echo "--- an export writes no terminal control bytes, whoever wrote the row"
# As another program (or an older csrdesk) would: ESC, BEL, C1 CSI, a bidi
# override, isolates and a lone CR straight into the tables.
sqlite3 "$db" "INSERT INTO volunteer (employee_id, name, team, site, email, skills, active, created_at)
	VALUES ('E5001', 'X' || char(27) || ']0;PWN' || char(7), 'Red' || char(155) || '2J',
		char(8238) || 'etis', '', 'a' || char(13) || 'b', 1, 0);
	UPDATE initiative SET title = 'T' || char(27) || '[2J' || char(8294),
		location = char(8297) || 'Park' || char(133)"
for what in volunteers initiatives; do
	run 0 export "$what" --format csv
	# C0 but LF and TAB, DEL, a CR not ending the line; C1 (U+0080-U+009F); U+202A-202E, U+2066-2069
	if LC_ALL=C grep -aqP '[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]|\r(?=.)|\xC2[\x80-\x9F]|\xE2\x80[\xAA-\xAE]|\xE2\x81[\xA6-\xA9]' "$work/out"; then
		fail "export $what wrote a control byte: $(cat -A "$work/out")"
	fi
	grep -q $'\xEF\xBF\xBD' "$work/out" || fail "export $what shows no U+FFFD for what it dropped"
done
run 0 export volunteers --format csv
[[ $out == *$'E5001,X\xEF\xBF\xBD]0;PWN\xEF\xBF\xBD,Red\xEF\xBF\xBD2J,\xEF\xBF\xBDetis,,"a\xEF\xBF\xBDb",,1'* ]] ||
	fail "the cleaned row: $(grep E5001 "$work/out" | cat -A)"

echo "--- a big roster: written in chunks, searchable, all or nothing"
# More rows than a chunk of the import's set-based writes (1,000), one of
# them with a name to search for; the schema (triggers included) is the same
# after the import.
big_roster() { # FILE DOMAIN [BAD_LINE]: 3,000 rows, B00001..B03000
	awk -v domain="$2" -v bad="${3:-0}" 'BEGIN {
		print "employee_id,name,team,email"
		for (i = 1; i <= 3000; i++)
			printf "B%05d,%s,Blue,b%05d@%s\n", i,
				i + 1 == bad ? "" : i == 2345 ? "Wilhelmina Quarterman" : "Plain Person", i, domain
	}' >"$1"
}
schema() { sqlite3 "$db" "SELECT type, name, sql FROM sqlite_schema ORDER BY name"; }
search() { sqlite3 "$db" "SELECT count(*) FROM volunteer_search WHERE volunteer_search MATCH '\"$1\"'"; }
schema >"$work/schema.before"
before=$(volunteers)
big_roster "$work/big.csv" example.org
run 0 import volunteers "$work/big.csv"
[[ $out == "imported 3000 rows: 3000 added, 0 updated, 0 skipped" ]] || fail "big import printed '$out'"
[[ $(volunteers) == $((before + 3000)) ]] || fail "the big import did not add 3000 volunteers"
[[ $(search rterm) == 1 && $(search B0234) == 10 ]] || fail "the search index misses imported people"
sqlite3 "$db" "INSERT INTO volunteer_search (volunteer_search, rank) VALUES ('integrity-check', 1)" ||
	fail "the search index disagrees with the volunteers after the import"
schema | cmp -s - "$work/schema.before" || fail "the import changed the schema: $(schema | diff "$work/schema.before" -)"
big_roster "$work/big2.csv" example.net
run 0 import volunteers "$work/big2.csv"
[[ $out == "imported 3000 rows: 0 added, 3000 updated, 0 skipped" ]] || fail "big update printed '$out'"
[[ $(search example.net) == 3000 && $(search b00001@example.org) == 0 ]] ||
	fail "the search index did not follow the updated emails"
big_roster "$work/bad_big.csv" example.com 2500
run 1 import volunteers "$work/bad_big.csv"
[[ $err == "csrdesk: $work/bad_big.csv:2500: column name: "*"nothing was imported" ]] ||
	fail "the bad row of the big file: $err"
[[ $(search example.com) == 0 && $(search example.net) == 3000 ]] || fail "a refused big import changed the index"
schema | cmp -s - "$work/schema.before" || fail "a refused import changed the schema"

echo "cli_import_export: all passed"
