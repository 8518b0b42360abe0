#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end: Tools, Reports and exports, in the real TUI. The HTML impact
# report for this year and everyone: shown in the pager as its plain-text
# equivalent (no markup); the command that fetches it names the host and
# port of SSH_CONNECTION and the user; saved to a file, it is byte for byte
# what that command's words give on the command line. A team's report
# names --team; a team with a blank cannot go over ssh, which the dialog
# says. The sign-up sheet of an initiative saved from the TUI is exactly
# `export sheet ID`; the volunteers CSV shows in the pager as is; the
# calendar's command is `export ics`. With the config's server (and no
# SSH_CONNECTION) the command names that host; check-config refuses a
# server that is no host name. Needs $CSRDESK, tmux and sqlite3.
E2E_TIMEOUT=${E2E_TIMEOUT:-20}
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_menu.sh"
unset SSH_CONNECTION # the commands below name the address only when a test gives one

# The current user is an admin (a lead). Three volunteers would hide every
# figure: this test is about the dialogs (privacy_figures about hiding).
echo 'privacy { min_group = 1 }' | e2e_config "$E2E_TMP/csrdesk.conf"
e2e_csr init >/dev/null
cat >"$E2E_TMP/volunteers.csv" <<'CSV'
employee_id,name,team
E1,Ann Öberg,Blue
E2,Bob <Builder> & Co,Red Team
E3,Cy Young,Blue
CSV
e2e_csr import volunteers "$E2E_TMP/volunteers.csv" >/dev/null
day=$(date -d '+3 days' '+%Y-%m-%d')
ini=$(e2e_csr initiative add --title "Beach clean-up" --category environment \
	--starts "$day 09:00" --ends "$day 12:00" --capacity 2 --location "North Beach")
for e in E1 E2 E3; do e2e_csr signup "$ini" "$e" >/dev/null; done
year=$(date '+%Y')
me=$(id -un)
mkdir "$E2E_TMP/files"

# report_dialog ENTRY [TEAM]: Reports and exports, ENTRY, this year, TEAM
# (default Everyone), up to "What now?".
report_dialog() {
	e2e_menu_pick "Reports and exports"
	e2e_choose " Reports and exports " "$1"
	e2e_choose " Report period " "This year"
	e2e_choose " Report for " "${2:-Everyone}"
	e2e_wait_for " What now? "
}

# save_as SUGGESTED PATH: "Save it" in "What now?": the prompt suggests
# SUGGESTED; PATH is typed instead and written.
save_as() {
	e2e_choose " What now? " "Save it"
	e2e_wait_for "Save as:"
	e2e_wait_for "$1"
	e2e_keys C-u
	e2e_type "$2"
	e2e_keys Enter
	e2e_wait_for "Wrote $2"
}

e2e_start SSH_CONNECTION="198.51.100.4 50022 192.0.2.7 2222" -- \
	--config "$E2E_TMP/csrdesk.conf" --db "$E2E_TMP/csrdesk.db"
e2e_wait_for "1 Initiatives"
e2e_wait_for "Beach clean-up"

# ---- the HTML report: the pager, the command, the file ----
report_dialog "Impact report: HTML"
e2e_choose " What now? " "Show it here"
e2e_wait_for "as plain text"
e2e_wait_for "CSR impact report $year"
e2e_wait_for "Totals"
! e2e_screen | grep -qE '<(html|!DOCTYPE|svg|td)' || e2e_fail "the pager shows HTML markup"
e2e_keys PgDn
e2e_wait_for "Partners involved"
e2e_keys Escape
e2e_pass "the HTML report shows in the pager as its plain text; PgDn scrolls it"

command=$(e2e_fetch_command)
want="ssh -p 2222 $me@192.0.2.7 report --period $year --format html > report-$year.html"
[[ $command == "$want" ]] || e2e_fail "the fetch command is '$command', not '$want'"
e2e_keys Enter
e2e_pass "the command that fetches it: $want"

before=$(e2e_csr report --period "$year" --format html | md5sum)
save_as "report-$year.html" "$E2E_TMP/files/report.html"
after=$(e2e_csr report --period "$year" --format html | md5sum)
words=${command#ssh -p 2222 "$me"@192.0.2.7 }
words=${words% > *}
# shellcheck disable=SC2086 # the command's words, as ssh would split them
named=$(e2e_csr $words | md5sum)
saved=$(md5sum <"$E2E_TMP/files/report.html")
# The report has the minute it was made: the file is one of the reports
# made just before and after it, and what the named command writes.
[[ $saved == "$before" || $saved == "$after" ]] ||
	e2e_fail "the saved report differs from csrdesk report --format html"
[[ $named == "$before" || $named == "$after" || $named == "$saved" ]] ||
	e2e_fail "'$words' does not write the saved file"
grep -q '^<!DOCTYPE html>' "$E2E_TMP/files/report.html" || e2e_fail "the file is no HTML"
e2e_keys Escape
e2e_wait_gone " What now? "
e2e_pass "saved from the TUI, the report is byte for byte 'csrdesk $words'"

# ---- a team ----
report_dialog "Impact report: CSV" Blue
command=$(e2e_fetch_command)
want="ssh -p 2222 $me@192.0.2.7 report --period $year --team Blue --format csv > report-$year.csv"
[[ $command == "$want" ]] || e2e_fail "the team's command is '$command', not '$want'"
e2e_keys Enter Escape
report_dialog "Impact report: Markdown" "Red Team"
e2e_choose " What now? " "Fetch it"
e2e_wait_for "cannot carry"
e2e_keys Enter Escape
e2e_wait_gone " What now? "
e2e_pass "a team's report names --team Blue; a team with a blank is said to be beyond ssh"

# ---- last month, from the period picker the Impact panel uses ----
last_month=$(date -d "$(date +%Y-%m-15) -1 month" +%Y-%m)
e2e_menu_pick "Reports and exports"
e2e_choose " Reports and exports " "Impact report: plain text"
e2e_choose " Report period " "Last month ($last_month)"
e2e_choose " Report for " "Everyone"
e2e_wait_for " What now? "
command=$(e2e_fetch_command)
want="ssh -p 2222 $me@192.0.2.7 report --period $last_month --format text > report-$last_month.txt"
[[ $command == "$want" ]] || e2e_fail "last month's command is '$command', not '$want'"
e2e_keys Enter Escape
e2e_wait_gone " What now? "
e2e_pass "the report's period picker offers last month ($last_month), named in the command"

# ---- the sign-up sheet ----
e2e_menu_pick "Reports and exports"
e2e_choose " Reports and exports " "Sign-up sheet to print"
e2e_wait_for "Which initiative?"
e2e_keys Enter
e2e_wait_for " What now? "
command=$(e2e_fetch_command)
want="ssh -p 2222 $me@192.0.2.7 export sheet $ini --format html --kind signup > signup-$ini.html"
[[ $command == "$want" ]] || e2e_fail "the sheet's command is '$command', not '$want'"
e2e_keys Enter
e2e_choose " What now? " "Show it here"
e2e_wait_for "Sign-up sheet"
e2e_wait_for "Bob <Builder> & Co"
e2e_keys Escape
save_as "signup-$ini.html" "$E2E_TMP/files/sheet.html"
e2e_csr export sheet "$ini" --format html --kind signup | cmp - "$E2E_TMP/files/sheet.html" ||
	e2e_fail "the sheet saved from the TUI differs from export sheet $ini"
grep -qF "Bob &lt;Builder&gt; &amp; Co" "$E2E_TMP/files/sheet.html" ||
	e2e_fail "the saved sheet lacks the escaped name"
e2e_keys Escape
e2e_wait_gone " What now? "
e2e_pass "the sign-up sheet: shown as text, saved byte for byte as export sheet $ini --format html"

# ---- a CSV export and the calendar ----
e2e_menu_pick "Reports and exports"
e2e_choose " Reports and exports " "Volunteers (CSV)"
e2e_choose " What now? " "Show it here"
e2e_wait_for "employee_id,name,team,site,email,skills,unix_user,active"
e2e_wait_for "E2,Bob <Builder> & Co,Red Team"
e2e_keys Right Right # 16 characters to the right
e2e_wait_for "│ ,team,site,email,skills,unix_user,active"
e2e_wait_gone "employee_id"
e2e_keys Left Left Left
e2e_wait_for "│ employee_id,name,team"
e2e_keys Escape
command=$(e2e_fetch_command)
[[ $command == "ssh -p 2222 $me@192.0.2.7 export volunteers --format csv > volunteers.csv" ]] ||
	e2e_fail "the volunteers' command is '$command'"
e2e_keys Enter Escape
e2e_menu_pick "Reports and exports"
e2e_choose " Reports and exports " "Calendar"
command=$(e2e_fetch_command)
[[ $command == "ssh -p 2222 $me@192.0.2.7 export ics > initiatives.ics" ]] ||
	e2e_fail "the calendar's command is '$command'"
e2e_keys Enter Escape
e2e_wait_gone " What now? "
e2e_pass "the volunteers CSV in the pager as is (Right and Left move it sideways); the CSV and calendar commands"

e2e_keys q
status=$(e2e_wait_exit)
[[ $status == 0 ]] || e2e_fail "csrdesk exited with $status: $(e2e_stderr)"

# ---- the config's server ----
cp "$E2E_TMP/csrdesk.conf" "$E2E_TMP/server.conf"
echo 'server = "lead7@csr.example.com"' >>"$E2E_TMP/server.conf"
e2e_start --session named -- --config "$E2E_TMP/server.conf" --db "$E2E_TMP/csrdesk.db"
e2e_wait_for "Beach clean-up"
e2e_menu_pick "Reports and exports"
e2e_choose " Reports and exports " "Calendar"
command=$(e2e_fetch_command)
[[ $command == "ssh lead7@csr.example.com export ics > initiatives.ics" ]] ||
	e2e_fail "with the config's server, the command is '$command'"
e2e_keys Enter Escape q
status=$(e2e_wait_exit)
[[ $status == 0 ]] || e2e_fail "csrdesk exited with $status: $(e2e_stderr)"
cp "$E2E_TMP/csrdesk.conf" "$E2E_TMP/bad.conf"
echo 'server = "csr.example.com; rm -rf"' >>"$E2E_TMP/bad.conf"
line=$(wc -l <"$E2E_TMP/bad.conf")
out=$("$CSRDESK" check-config "$E2E_TMP/bad.conf" 2>&1) && e2e_fail "check-config took a bad server"
[[ $out == *"bad.conf:$line: server \"csr.example.com; rm -rf\" is not a host name"* ]] ||
	e2e_fail "check-config says '$out'"
e2e_pass "the config's server names the host (lead7@csr.example.com); check-config refuses one with a blank and ;"
