#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end: the command line's contract. --help, --version, usage errors
# (exit 2), check-config, init, initiative add, signup, cancel with
# promotion, refusals (exit 1 with one line on stderr), backup, and --ssh
# (what a command given to ssh may run).
# Needs $CSRDESK (the binary) and sqlite3.
set -euo pipefail

: "${CSRDESK:?set CSRDESK to the csrdesk binary}"
work=$(mktemp -d "${TMPDIR:-/tmp}/csrdesk-cli-basics-XXXXXX")
trap 'rm -rf "$work"' EXIT
export CSRDESK_CONFIG=/nonexistent-use-explicit-config
conf=$work/csrdesk.conf
db=$work/csrdesk.db

fail() {
	echo "cli_basics: FAIL: $*" >&2
	exit 1
}

# run STATUS ARGS...: runs csrdesk, expecting STATUS; sets $out and $err.
run() {
	local want=$1 status=0
	shift
	"$CSRDESK" "$@" >"$work/out" 2>"$work/err" || status=$?
	out=$(cat "$work/out")
	err=$(cat "$work/err")
	[[ $status == "$want" ]] || fail "csrdesk $* exited $status, expected $want; stderr: $err"
}

# csr ARGS...: with our config and database, expecting success.
csr() { run 0 --config "$conf" --db "$db" "$@"; }

expect_out() {
	[[ $out == "$1" ]] || fail "expected output '$1', got '$out'"
}

# refused PATTERN ARGS...: exit 1 and one line "csrdesk: ..." matching PATTERN.
refused() {
	local pattern=$1
	shift
	run 1 --config "$conf" --db "$db" "$@"
	[[ $(wc -l <"$work/err") == 1 && $err == "csrdesk: "* ]] ||
		fail "csrdesk $*: expected one 'csrdesk: ...' line on stderr, got: $err"
	[[ $err == *$pattern* ]] || fail "csrdesk $*: '$err' does not say '$pattern'"
	[[ -z $out ]] || fail "csrdesk $*: refused but printed '$out'"
}

# usage ARGS...: exit 2 with a usage line on stderr.
usage() {
	run 2 --config "$conf" --db "$db" "$@"
	[[ $err == *"usage: csrdesk"* ]] || fail "csrdesk $*: no usage line on stderr: $err"
}

cat >"$conf" <<'EOF'
# e2e config: the built-in catalogue, a waitlist, no cancel cutoff for leads.
signup {
	waitlist = true
	cancel_cutoff_hours = 24
}
EOF

echo "--- help and version"
run 0 --help
for cmd in init check-config backup "import volunteers" "initiative add" signup cancel \
	"export volunteers|initiatives|signups|hours|impact" --config --db --demo --kiosk; do
	[[ $out == *"$cmd"* ]] || fail "--help does not mention $cmd"
done
help=$out
run 0 --version
[[ $out =~ ^csrdesk\ [0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "--version printed '$out'"
version_line=$out
# -h and -V are the short forms: the same output, also in a cluster.
run 0 -h
[[ $out == "$help" ]] || fail "-h does not print the --help text"
[[ $help == *"-h, --help"* && $help == *"-V, --version"* ]] || fail "--help does not list -h and -V"
run 0 -V
[[ $out == "$version_line" ]] || fail "-V printed '$out', --version '$version_line'"
run 0 --config "$conf" -V
[[ $out == "$version_line" ]] || fail "--config FILE -V printed '$out'"
# After a command too, as --help always did.
for flag in --help -h; do
	run 0 init "$flag"
	[[ $out == "$help" ]] || fail "init $flag does not print the --help text"
done

echo "--- usage errors exit 2"
usage --no-such-option
usage -x
[[ $err == "csrdesk: unknown option -x"$'\n'* ]] || fail "-x: $err"
# Inside a cluster the unknown letter is named, not the word before it.
usage --demo -xV
[[ $err == "csrdesk: unknown option -x"$'\n'* ]] || fail "-xV: $err"
usage frobnicate
usage signup 1
usage signup one E1
usage cancel 1 E1 extra
usage backup
usage export payroll
usage export volunteers --format xml
usage import volunteers
usage initiative add --title "No dates"
usage --demo init
run 2 --db
[[ $err == *"--db needs a value"* ]] || fail "--db without a value: $err"

echo "--- check-config"
run 0 check-config "$conf"
expect_out "$conf: ok"
run 0 --config "$conf" check-config
expect_out "$conf: ok"
printf 'database = ""\n\ncolour = "red"\n' >"$work/bad.conf"
run 1 check-config "$work/bad.conf"
[[ $(wc -l <"$work/err") == 1 && $err == "csrdesk: $work/bad.conf:3: "* ]] ||
	fail "a bad config should give one line with file:line, got: $err"
# An invalid config never starts anything: no database is created.
run 1 --config "$work/bad.conf" --db "$work/never.db" init
[[ ! -e $work/never.db ]] || fail "init ran with an invalid config"
# bad_config LINE MESSAGE: check-config refuses $work/bad.conf at LINE, and
# nothing starts with it.
bad_config() {
	run 1 check-config "$work/bad.conf"
	[[ $(wc -l <"$work/err") == 1 && $err == "csrdesk: $work/bad.conf:$1: $2"* ]] ||
		fail "check-config should say '$work/bad.conf:$1: $2', got: $err"
	run 1 --config "$work/bad.conf" --db "$work/never.db" init
	[[ ! -e $work/never.db ]] || fail "init ran with a config that gives $2"
}
# A key given twice: the last would win silently.
printf 'kiosk {\n\tmax_pin_attempts = 3\n\tmax_pin_attempts = 20\n}\n' >"$work/bad.conf"
bad_config 3 "kiosk: max_pin_attempts is given twice (first on line 2)"
printf 'database = "/a.db"\ngroup = "csr"\ndatabase = "/b.db"\n' >"$work/bad.conf"
bad_config 3 "database is given twice (first on line 1)"
printf 'roles { leads = {"ann"} }\nroles { admins = {"bob"} }\n' >"$work/bad.conf"
bad_config 2 "section roles appears twice (first on line 1)"
# A { never closed: the line of that {.
printf 'signup { waitlist = true }\n\nkiosk {\n\tmax_pin_attempts = 3\n' >"$work/bad.conf"
bad_config 3 "the { of section kiosk is never closed"

echo "--- init"
refused "no database there" export volunteers
csr init
[[ $out =~ ^"$db: schema version "[0-9]+$ ]] || fail "init printed '$out'"
version=${out##* }
csr init
expect_out "$db: schema version $version"
[[ $(sqlite3 "$db" 'PRAGMA user_version') == "$version" ]] || fail "user_version is not $version"

echo "--- volunteers and initiatives"
printf 'employee_id,name,team\nE1,Ann,Blue\nE2,Bob,Blue\nE3,Cy,Red\nE4,Di,Red\n' >"$work/roster.csv"
csr import volunteers "$work/roster.csv"
expect_out "imported 4 rows: 4 added, 0 updated, 0 skipped"
next_year=$(($(date +%Y) + 1))
csr initiative add --title "Tree planting" --category environment --capacity 2 \
	--starts "$next_year-04-18 09:00" --ends "$next_year-04-18 13:00" \
	--partner "Green Roots" --location "City park, north gate" --description "Bring gloves"
[[ $out =~ ^[0-9]+$ ]] || fail "initiative add printed '$out', not an id"
trees=$out
csr initiative add --title "Blood drive" --category health --capacity 1 \
	--starts "$next_year-04-18 10:00" --ends "$next_year-04-18 12:00" --partner "Green Roots"
blood=$out
[[ $blood =~ ^[0-9]+$ && $blood != "$trees" ]] || fail "second initiative add printed '$blood'"
[[ $(sqlite3 "$db" 'SELECT count(*) FROM partner') == 1 ]] || fail "the partner was added twice"
refused "Category" initiative add --title X --category nope --capacity 2 \
	--starts "$next_year-04-18 09:00" --ends "$next_year-04-18 13:00" --partner "New NGO"
[[ $(sqlite3 "$db" 'SELECT count(*) FROM partner') == 1 ]] ||
	fail "a refused initiative still added its partner"

echo "--- control characters in text options are refused, naming the option"
initiatives=$(sqlite3 "$db" 'SELECT count(*) FROM initiative')
when=(--starts "$next_year-05-02 09:00" --ends "$next_year-05-02 13:00" --capacity 2)
refused "--title holds a control character (U+001B)" initiative add \
	--title $'X\e]0;PWN\a' --category environment "${when[@]}"
[[ $err != *$'\e'* ]] || fail "the refusal itself carried the ESC"
refused "--location holds a control character (U+009B)" initiative add --title Park \
	--category environment "${when[@]}" --location $'North\xc2\x9b2J'
refused "--partner holds a control character (U+202E)" initiative add --title Park \
	--category environment "${when[@]}" --partner $'\xe2\x80\xaeSGN'
refused "--title is not valid UTF-8" initiative add --title $'J\xfcrgen' \
	--category environment "${when[@]}"
refused "--title holds a control character (U+000A)" initiative add --title $'Two\nlines' \
	--category environment "${when[@]}"
refused "--description holds a control character (U+000D)" initiative add --title Park \
	--category environment "${when[@]}" --description $'one\r\ntwo'
refused "--team holds a control character (U+001B)" report --team $'Blue\e[2J'
refused "EMPLOYEE_ID holds a control character (U+0007)" signup "$trees" $'E1\a'
[[ $(sqlite3 "$db" 'SELECT count(*) FROM initiative') == "$initiatives" ]] ||
	fail "a refused initiative was added"
[[ $(sqlite3 "$db" 'SELECT count(*) FROM partner') == 1 ]] || fail "a refused partner was added"
# A description may hold line breaks and tabs.
csr initiative add --title "Park clean-up" --category environment "${when[@]}" \
	--description $'Bring:\n\tgloves\n\tbags'
[[ $(sqlite3 "$db" "SELECT description FROM initiative WHERE id = $out") == $'Bring:\n\tgloves\n\tbags' ]] ||
	fail "the description's line breaks were not kept"
sqlite3 "$db" "DELETE FROM initiative WHERE id = $out"

echo "--- signup, waitlist, cancel and promotion"
csr signup "$trees" E1
expect_out "confirmed"
csr signup "$trees" E2
expect_out "confirmed"
csr signup "$trees" E3
expect_out "waitlisted 1"
csr signup "$trees" E4
expect_out "waitlisted 2"
refused "" signup "$trees" E1
refused "E99" signup "$trees" E99
refused "999" signup 999 E1
# E3 waits for the tree planting, so the overlapping blood drive is free.
csr signup "$blood" E3
expect_out "confirmed"
csr cancel "$trees" E1
expect_out $'cancelled\npromoted E4'
csr cancel "$trees" E2
expect_out "cancelled"
refused "" cancel "$trees" E2
csr export signups
[[ $out == *"$trees,E4,confirmed,"* && $out == *"$trees,E1,cancelled,"* &&
	$out == *"$trees,E3,waitlisted,"* ]] || fail "the signups export does not match: $out"

echo "--- a full initiative without a waitlist is refused"
printf 'signup {\n\twaitlist = false\n}\n' >"$work/nowait.conf"
run 1 --config "$work/nowait.conf" --db "$db" signup "$blood" E1
[[ $(wc -l <"$work/err") == 1 && $err == "csrdesk: "* ]] || fail "full: $err"

echo "--- backup"
csr backup "$work/copy.db"
[[ $out =~ ^"wrote $work/copy.db ("[0-9.]+" MiB, schema version "[0-9]+", checked intact)"$ ]] ||
	fail "backup printed '$out'"
[[ $(stat -c %a "$work/copy.db") == 600 ]] || fail "the backup is readable by others: $(stat -c %a "$work/copy.db")"
[[ $(sqlite3 "$work/copy.db" 'PRAGMA integrity_check') == ok ]] || fail "the backup is damaged"
[[ $(sqlite3 "$work/copy.db" "SELECT count(*) FROM signup WHERE status = 'confirmed'") == 2 ]] ||
	fail "the backup does not have the sign-ups"
refused "already exists" backup "$work/copy.db"
refused "" backup "$work/no/such/dir/copy.db"
# Into a directory: dated names, the oldest removed past --keep.
mkdir "$work/backups"
for name in 2026-01-01T010000 2026-01-02T010000 2026-01-03T010000; do
	: >"$work/backups/csrdesk-$name.db"
done
: >"$work/backups/notes.db" # not csrdesk's: never removed
csr backup "$work/backups" --keep 2
[[ $out =~ ^"wrote $work/backups/csrdesk-"[0-9-]{10}T[0-9]{6}".db (" ]] || fail "backup to a directory printed '$out'"
[[ $out == *"removed $work/backups/csrdesk-2026-01-01T010000.db"*"removed $work/backups/csrdesk-2026-01-02T010000.db" ]] ||
	fail "backup --keep 2 printed '$out'"
left=$(cd "$work/backups" && echo *)
[[ $left =~ ^csrdesk-2026-01-03T010000.db\ csrdesk-[0-9-]{10}T[0-9]{6}.db\ notes.db$ ]] ||
	fail "after --keep 2 the directory holds: $left"
usage backup "$work/copy.db" --keep 2

echo "--- --demo refuses an existing database file"
run 1 --config "$conf" --db "$db" --demo
[[ $err == *"already exists"* ]] || fail "--demo on an existing file: $err"
[[ $(sqlite3 "$db" 'SELECT count(*) FROM volunteer') == 4 ]] || fail "--demo touched the database"

echo "--- --ssh: a read-only command given to ssh runs, nothing else"
# over_ssh STATUS COMMAND: csrdesk --ssh as sshd's ForceCommand runs it.
over_ssh() { SSH_ORIGINAL_COMMAND=$2 run "$1" --config "$conf" --db "$db" --ssh; }
csr export signups
local_signups=$out
over_ssh 0 "export  signups --format csv"
[[ $out == "$local_signups" ]] || fail "export signups over ssh: '$out'"
over_ssh 0 "report --format csv --period $next_year"
[[ $out == *$'\nperiod,'"$next_year"$'\r\n'* && $out == *$'\nsignups,3\r\n'* ]] ||
	fail "report over ssh: '$out'"
ssh_report=$(grep -v '^generated,' <<<"$out")
csr report --format csv --period "$next_year"
[[ $ssh_report == "$(grep -v '^generated,' <<<"$out")" ]] ||
	fail "report over ssh is not the report"
# --lang is on the allow-list for report and export sheet (issue 12).
over_ssh 0 "report --format csv --period $next_year --lang en"
[[ $ssh_report == "$(grep -v '^generated,' <<<"$out")" ]] || fail "report --lang en over ssh: '$out'"
over_ssh 0 "export sheet $blood --format text --lang=en"
[[ -n $out ]] || fail "export sheet --lang=en over ssh printed nothing"
over_ssh 2 "report --lang fr"
[[ $err == *"usage: csrdesk"* ]] || fail "report --lang fr over ssh: $err"
over_ssh 1 "export signups --lang de"
[[ $err == "csrdesk: '--lang' is not allowed with export signups; over SSH"* ]] ||
	fail "export signups --lang over ssh: $err"
confirmed=$(sqlite3 "$db" "SELECT count(*) FROM signup WHERE status = 'confirmed'")
for cmd in "signup $blood E1" "cancel $trees E4" "init" "report; sh" "--db $work/other.db report" \
	"report --db $work/other.db" "report --config $conf" "sh -c 'touch $work/marker'"; do
	over_ssh 1 "$cmd"
	[[ $(wc -l <"$work/err") == 1 && $err == "csrdesk: "*"; over SSH only these commands run:"* ]] ||
		fail "'$cmd' over ssh: expected one refusal line, got: $err"
	[[ -z $out ]] || fail "'$cmd' over ssh printed '$out'"
done
[[ ! -e $work/other.db && ! -e $work/marker ]] || fail "a refused command over ssh made a file"
[[ $(sqlite3 "$db" "SELECT count(*) FROM signup WHERE status = 'confirmed'") == "$confirmed" ]] ||
	fail "a refused command over ssh changed the sign-ups"
run 2 --ssh report
[[ $err == *"--ssh takes no command"* ]] || fail "--ssh with a command: $err"

echo "cli_basics: all passed"
