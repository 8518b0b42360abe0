#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end: printable sign-up sheets and attendance lists (export sheet).
# Three initiatives, one with eight places (two waitlisted, one
# cancelled), one with three, one with none. The HTML is printed to PDF by
# headless Chromium (Debian's chromium) and read back with pdftotext and
# pdfinfo (poppler-utils): one A4 page per initiative, each page holding
# exactly the names that have a place on it (the cancelled one on none),
# names with <, & and ' shown as typed. The attendance list has the
# columns to fill in; the text sheet has a page per initiative (form
# feeds). A missing initiative writes nothing (status 1); bad arguments are
# usage errors (status 2). Needs $CSRDESK, chromium and poppler-utils;
# fails, never skips, when one is missing.
set -euo pipefail

: "${CSRDESK:?set CSRDESK to the csrdesk binary}"
work=$(mktemp -d "${TMPDIR:-/tmp}/csrdesk-cli-sheet-XXXXXX")
trap 'rm -rf "$work"' EXIT
export CSRDESK_CONFIG=/nonexistent-use-explicit-config
conf=$work/csrdesk.conf
db=$work/csrdesk.db

cli_test=cli_sheet
. "$(dirname "$0")/lib_cli.sh"

for tool in chromium pdftotext pdfinfo; do
	command -v "$tool" >/dev/null ||
		fail "$tool is needed (Debian: apt-get install chromium poppler-utils)"
done

printf 'roles { admins = {"%s"} }\n' "$(id -un)" >"$conf"
run 0 init

cat >"$work/volunteers.csv" <<'CSV'
employee_id,name,team,site,email,skills,unix_user
E101,Jürgen Müller,Inbound,HQ,,,
E102,Aoife O'Brien,Inbound,HQ,,,
E103,Sam <Sons> & Co,Outbound,HQ,,,
E104,Zoë Daniels,Outbound,HQ,,,
E105,Marta Kowalska,Support,HQ,,,
E106,Ines Moreau,Support,HQ,,,
E107,Omar Haddad,Support,HQ,,,
E108,Cancelled Carl,Support,HQ,,,
E109,Priya Raman,Billing,HQ,,,
E110,Tomás Silva,Billing,HQ,,,
E111,Lena Vogel,Billing,HQ,,,
CSV
run 0 import volunteers "$work/volunteers.csv"
day=$(date -d '+5 days' '+%Y-%m-%d')
add() {
	run 0 initiative add --title "$1" --category environment --starts "$day 09:00" \
		--ends "$day 12:30" --capacity "$2" --location "North Beach" --partner "Sea & Shore"
	echo "$out"
}
first=$(add "Beach clean-up" 6)
second=$(add "Blood donation drive" 10)
third=$(add "Tree planting" 10)
for e in E101 E102 E103 E104 E105 E106 E107 E108; do run 0 signup "$first" "$e"; done
run 0 cancel "$first" E108 # off the waitlist: E107 waits on, E108 is on no sheet
for e in E109 E110 E111; do run 0 signup "$second" "$e"; done
first_names=("Jürgen Müller" "Aoife O'Brien" "Sam <Sons> & Co" "Zoë Daniels" "Marta Kowalska"
	"Ines Moreau" "Omar Haddad")
second_names=("Priya Raman" "Tomás Silva" "Lena Vogel")
all_names=("${first_names[@]}" "${second_names[@]}" "Cancelled Carl")

# print HTML PDF: Chromium's print of the page, as a browser would print it.
print() {
	HOME=$work timeout 120 chromium --headless --no-sandbox --disable-gpu \
		--no-pdf-header-footer --user-data-dir="$work/chromium" \
		--print-to-pdf="$2" "file://$1" >"$work/chromium.log" 2>&1 ||
		fail "chromium could not print $1: $(tail -5 "$work/chromium.log")"
	[[ -s $2 ]] || fail "chromium wrote no PDF: $(tail -5 "$work/chromium.log")"
}

# page_text PDF N: the text of page N on one line (table cells may wrap).
page_text() { pdftotext -f "$2" -l "$2" "$1" - | tr -s ' \n' '  '; }

# expect_page PDF N NAME...: page N shows these names, and no other.
expect_page() {
	local pdf=$1 page=$2 text name
	shift 2
	text=$(page_text "$pdf" "$page")
	for name in "$@"; do
		[[ $text == *"$name"* ]] || fail "page $page lacks '$name': $text"
	done
	for name in "${all_names[@]}"; do
		local want=no wanted
		for wanted in "$@"; do [[ $wanted == "$name" ]] && want=yes; done
		[[ $want == yes || $text != *"$name"* ]] || fail "page $page shows '$name': $text"
	done
}

run 0 export sheet "$first" "$second" "$third"
cp "$work/out" "$work/signup.html"
print "$work/signup.html" "$work/signup.pdf"
pages=$(pdfinfo "$work/signup.pdf" | awk '/^Pages:/ { print $2 }')
[[ $pages == 3 ]] || fail "the sign-up sheets of 3 initiatives printed on $pages pages"
pdfinfo "$work/signup.pdf" | grep -q '^Page size:.*(A4)' ||
	fail "not printed on A4: $(pdfinfo "$work/signup.pdf" | grep 'Page size')"
expect_page "$work/signup.pdf" 1 "${first_names[@]}" "Beach clean-up" "Sign" "Signature" \
	"North Beach" "Sea & Shore" "$day 09:00 to 12:30" "waitlisted"
expect_page "$work/signup.pdf" 2 "${second_names[@]}" "Blood donation drive" "Signature"
expect_page "$work/signup.pdf" 3 "Tree planting" "Nobody has a place yet."
echo "cli_sheet: ok: Chromium prints 3 sign-up sheets on 3 A4 pages, each with exactly its ${#first_names[@]}, ${#second_names[@]} and 0 names (not the cancelled one), <, & and ' as typed"

run 0 export sheet "$second" --kind attendance --format html
cp "$work/out" "$work/attendance.html"
print "$work/attendance.html" "$work/attendance.pdf"
pages=$(pdfinfo "$work/attendance.pdf" | awk '/^Pages:/ { print $2 }')
[[ $pages == 1 ]] || fail "the attendance list of 1 initiative printed on $pages pages"
expect_page "$work/attendance.pdf" 1 "${second_names[@]}" "Attendance list" "Arrived" "Left" \
	"Hours" "Signature"
echo "cli_sheet: ok: the attendance list prints with Arrived, Left, Hours and Signature"

run 0 export sheet "$first" "$second" "$third" --format text --kind signup
feeds=$(tr -cd '\f' <"$work/out" | wc -c)
[[ $feeds == 2 ]] || fail "the text sheets of 3 initiatives have $feeds page breaks, not 2"
for name in "${first_names[@]}" "${second_names[@]}"; do
	grep -qF -- "$name" "$work/out" || fail "the text sheet lacks '$name'"
done
! grep -qF "Cancelled Carl" "$work/out" || fail "the text sheet shows the cancelled place"
echo "cli_sheet: ok: the text sheets: 3 pages (form feeds), every name"

run 1 export sheet "$first" 999
[[ -z $out && $err == *"There is no initiative 999"* ]] ||
	fail "export sheet with a missing initiative: stdout '$out', stderr '$err'"
run 2 export sheet
run 2 export sheet x
run 2 export sheet "$first" --format pdf
run 2 export sheet "$first" --kind roster
echo "cli_sheet: ok: a missing initiative writes nothing (status 1); bad arguments: status 2"
