#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end: a database csrdesk cannot use — unwritable, locked for a long
# time, corrupt, or newer than the binary — gets one line on stderr naming
# the file and what is wrong, exit status 1, no crash (no signal, no
# sanitizer report) and no hang, and nothing is written to it. On each,
# init, signup, report, backup and import run, and the TUI starts in tmux,
# where it must leave the terminal on its normal screen with the message.
# Needs $CSRDESK, sqlite3 and tmux; as root also setpriv (util-linux), to be
# the user nobody, for whom file modes count; chattr +i where the file
# system allows it.
. "$(dirname "$0")/lib.sh"

work=$E2E_TMP
conf=$work/csrdesk.conf
results=$work/results
mkdir "$results" "$work/out"
# Past the 10 s busy timeout, with room for a sanitizer build: longer is a
# hang (E2E_SLOW: lib.sh).
LIMIT=$((40 * ${E2E_SLOW:-1}))
csrdesk=$CSRDESK  # the binary under test (a copy the user nobody can run, see below)
runner=()         # the command csrdesk runs under: setpriv as root in the unwritable cases
holders=()        # sqlite3 sessions holding locks: "PID FD"
immutable=()      # files given chattr +i
locked_dirs=()    # directories made read-only

fail() { e2e_fail "$@"; }

restore() {
	local h f fd
	for h in "${holders[@]+"${holders[@]}"}"; do
		fd=${h##* }
		exec {fd}>&-
		kill "${h%% *}" 2>/dev/null || true
		wait "${h%% *}" 2>/dev/null || true
	done
	for f in "${immutable[@]+"${immutable[@]}"}"; do chattr -i "$f" 2>/dev/null || true; done
	for f in "${locked_dirs[@]+"${locked_dirs[@]}"}"; do chmod u+w "$f" 2>/dev/null || true; done
}
trap 'restore; e2e_cleanup' EXIT
# An immutable file outlives a test killed by a signal: clean up then too.
trap 'exit 1' TERM INT HUP

csr() { "$CSRDESK" --config "$conf" --db "$@"; }

# ---- running csrdesk on a database and judging what it did

# attempt NAME DB ARGS...: csrdesk ARGS on DB (under $runner), into
# $results/NAME.{status,out,err}.
attempt() {
	local name=$1 db=$2 status=0
	shift 2
	timeout -s KILL "$LIMIT" ${runner[@]+"${runner[@]}"} "$csrdesk" --config "$conf" --db "$db" "$@" \
		</dev/null >"$results/$name.out" 2>"$results/$name.err" || status=$?
	echo "$status" >"$results/$name.status"
}

# attempt_all CASE DB: every command and the TUI on DB at once (a lock
# makes each wait out the busy timeout: together they wait once).
attempt_all() {
	local case=$1 db=$2 pids=()
	tui_attempt "$case-tui" "$db"
	attempt "$case-init" "$db" init & pids+=($!)
	attempt "$case-signup" "$db" signup "$initiative" E2 & pids+=($!)
	attempt "$case-report" "$db" report & pids+=($!)
	attempt "$case-backup" "$db" backup "$work/out/$case.db" & pids+=($!)
	attempt "$case-import" "$db" import volunteers "$work/more.csv" & pids+=($!)
	wait "${pids[@]}"
}

no_crash() {
	local name=$1 status=$2 text=$3
	((status != 137)) || fail "$name: csrdesk did not return within ${LIMIT}s (a hang)"
	((status < 128)) || fail "$name: csrdesk died of signal $((status - 128))"
	[[ $text != *Sanitizer* && $text != *"runtime error"* ]] ||
		fail "$name: a sanitizer report: $text"
}

# refused NAME DB PATTERN: exit 1, one line "csrdesk: ..." naming DB and
# matching PATTERN (extended regular expression, any case), no output.
refused() {
	local name=$1 db=$2 pattern=$3 f=$results/$1 status err
	status=$(cat "$f.status")
	err=$(cat "$f.err")
	no_crash "$name" "$status" "$err"
	[[ $status == 1 ]] || fail "$name: exit status $status, expected 1; stderr: $err"
	[[ $(wc -l <"$f.err") == 1 && $err == "csrdesk: "* ]] ||
		fail "$name: expected one 'csrdesk: ...' line on stderr, got: $err"
	[[ $err == *"$db"* ]] || fail "$name: '$err' does not name the database $db"
	grep -qiE -- "$pattern" "$f.err" || fail "$name: '$err' does not say /$pattern/"
	[[ ! -s $f.out ]] || fail "$name: refused but printed: $(cat "$f.out")"
	echo "$name: $err"
}

# done_ok NAME: exit 0 and nothing on stderr.
done_ok() {
	local f=$results/$1 status err
	status=$(cat "$f.status")
	err=$(cat "$f.err")
	no_crash "$1" "$status" "$err"
	[[ $status == 0 && -z $err ]] || fail "$1: exit status $status, stderr: $err"
}

# all_refused CASE DB PATTERN: the five commands and the TUI.
all_refused() {
	local cmd
	for cmd in init signup report backup import; do
		refused "$1-$cmd" "$2" "$3"
	done
	[[ ! -e $work/out/$1.db ]] || fail "$1-backup: refused, yet left $work/out/$1.db"
	tui_refused "$1-tui" "$2" "$3"
}

# ---- the TUI in tmux, its standard error on its own screen

# tui_attempt SESSION DB: the TUI on DB; when it ends, the pane shows
# "exit status N" below whatever it left on the screen, and stays open
# (read waits) until the session is killed: tmux 3.3 can lose the last
# lines of a pane that died.
tui_attempt() {
	local cmd
	cmd=$(printf '%q ' env LC_ALL=C.UTF-8 timeout --foreground -s KILL "$LIMIT" \
		${runner[@]+"${runner[@]}"} "$csrdesk" --config "$conf" --db "$2")
	e2e_tmux new-session -d -s "$1" -x 100 -y 30 "$cmd; echo \"exit status \$?\"; read -r _"
}

# tui_exit SESSION: waits for the TUI to end; prints its exit status.
tui_exit() {
	local i status
	for ((i = 0; i < (LIMIT + 5) * 10; i++)); do
		status=$(e2e_tmux capture-pane -p -J -t "$1" | sed -n 's/^exit status \([0-9]*\)$/\1/p')
		[[ -n $status ]] && { echo "$status"; return 0; }
		sleep 0.1
	done
	E2E_SESSION=$1 fail "$1: the TUI did not end within $((LIMIT + 5))s"
}

# tui_refused SESSION DB PATTERN: exit 1 and the message on the normal
# screen (not the alternate one curses draws on).
tui_refused() {
	local session=$1 db=$2 pattern=$3 status screen line
	status=$(tui_exit "$session")
	screen=$(e2e_tmux capture-pane -p -J -t "$session")
	e2e_use "$session"
	no_crash "$session" "$status" "$screen"
	[[ $status == 1 ]] || fail "$session: the TUI exited $status, expected 1"
	[[ $(e2e_tmux display -p -t "$session" '#{alternate_on}') == 0 ]] ||
		fail "$session: the TUI left the terminal on the alternate (curses) screen"
	line=$(grep -F "csrdesk: " <<<"$screen" || true)
	[[ $(grep -c . <<<"$line") == 1 ]] || fail "$session: expected one 'csrdesk: ...' line on the screen"
	[[ $line == *"$db"* ]] || fail "$session: '$line' does not name the database $db"
	grep -qiE -- "$pattern" <<<"$line" || fail "$session: '$line' does not say /$pattern/"
	echo "$session: $line"
	e2e_tmux kill-session -t "$session"
}

# ---- databases

# unchanged DB: nothing was written to DB since snapshot DB.
snapshot() { cp "$1" "$1.before"; }
unchanged() {
	cmp -s "$1" "$1.before" || fail "$1 was written to"
	[[ ! -s $1-wal ]] || fail "$1 got a write-ahead log"
}

# A database with two volunteers and an initiative, copied for each case.
base=$work/base.db
{
	printf 'roles { admins = {"%s"%s} }\n' "$(id -un)" "$( ((EUID)) || echo ', "nobody"')"
	printf 'signup {\n\twaitlist = true\n}\n'
} >"$conf"
printf 'employee_id,name,team\nE1,Ann,Blue\nE2,Bob,Red\n' >"$work/roster.csv"
printf 'employee_id,name,team\nE3,Cy,Green\n' >"$work/more.csv"
latest=$(csr "$base" init | sed -n 's/.* schema version \([0-9]*\)$/\1/p')
[[ $latest =~ ^[0-9]+$ ]] || fail "init did not print the schema version"
csr "$base" import volunteers "$work/roster.csv" >/dev/null
initiative=$(csr "$base" initiative add --title "Tree planting" --category environment \
	--capacity 5 --starts "$(($(date +%Y) + 1))-04-18 09:00" --ends "$(($(date +%Y) + 1))-04-18 13:00")
page_size=$(sqlite3 "$base" 'PRAGMA page_size')

copy_base() { mkdir -p "$(dirname "$1")"; cp "$base" "$1"; }

# overwrite DB OFFSET COUNT: COUNT bytes 0xff at OFFSET.
overwrite() {
	head -c "$3" /dev/zero | tr '\0' '\377' |
		dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}

# ---- locked: one session holds a write transaction, another the whole file

# hold NAME DB SQL...: a sqlite3 session on DB runs SQL and keeps its
# connection, and its locks, until the test ends; sets $held to "PID FD".
hold() {
	local name=$1 db=$2 fd pid i
	shift 2
	mkfifo "$work/$name.fifo"
	sqlite3 "$db" <"$work/$name.fifo" >"$work/$name.out" 2>&1 &
	pid=$!
	exec {fd}>"$work/$name.fifo"
	held="$pid $fd"
	holders+=("$held")
	printf '%s\n' "$@" "SELECT 'holding';" >&"$fd"
	for ((i = 0; i < 100; i++)); do
		grep -q '^holding$' "$work/$name.out" && return 0
		sleep 0.1
	done
	fail "$name: sqlite3 did not take its lock: $(cat "$work/$name.out")"
}

# release "PID FD": commits and ends the holding session (.quit: every
# process started since holds the pipe open too, so there is no EOF).
release() {
	local fd=${1##* } h kept=()
	printf 'COMMIT;\n.quit\n' >&"$fd"
	exec {fd}>&-
	wait "${1%% *}" || fail "the sqlite3 session holding a lock failed"
	for h in "${holders[@]}"; do
		[[ $h == "$1" ]] || kept+=("$h")
	done
	holders=(${kept[@]+"${kept[@]}"})
}

echo "--- locked: a write transaction held, and the file held in EXCLUSIVE locking mode"
copy_base "$work/writing/csrdesk.db"
copy_base "$work/exclusive/csrdesk.db"
hold writer "$work/writing/csrdesk.db" "BEGIN IMMEDIATE;" \
	"INSERT INTO audit (at, actor, action, entity) VALUES (0, 'test', 'hold', 'test');"
writer=$held
hold exclusive "$work/exclusive/csrdesk.db" "PRAGMA locking_mode = EXCLUSIVE;" "BEGIN EXCLUSIVE;" \
	"INSERT INTO audit (at, actor, action, entity) VALUES (0, 'test', 'hold', 'test');"
exclusive=$held
started=$SECONDS
attempt_all writing "$work/writing/csrdesk.db" &
writing=$!
attempt_all exclusive "$work/exclusive/csrdesk.db"
wait "$writing"
echo "(the locked commands returned within $((SECONDS - started))s)"
# Readers go on beside a writer (WAL); writers wait out the busy timeout.
refused writing-signup "$work/writing/csrdesk.db" "locked by another session"
refused writing-import "$work/writing/csrdesk.db" "locked by another session"
done_ok writing-init
done_ok writing-report
grep -q "CSR impact report" "$results/writing-report.out" || fail "writing-report: no report"
done_ok writing-backup
[[ $(sqlite3 "$work/out/writing.db" 'SELECT count(*) FROM volunteer') == 2 ]] ||
	fail "writing-backup: the copy does not have the volunteers"
e2e_use writing-tui
e2e_wait_for "Tree planting" $LIMIT
e2e_keys q
[[ $(tui_exit writing-tui) == 0 ]] || fail "writing-tui: the TUI beside a writer did not quit cleanly"
e2e_tmux kill-session -t writing-tui
# An EXCLUSIVE holder keeps out readers too.
all_refused exclusive "$work/exclusive/csrdesk.db" "locked by another session"
release "$writer"
release "$exclusive"
for d in writing exclusive; do
	db=$work/$d/csrdesk.db
	[[ $(sqlite3 "$db" 'PRAGMA integrity_check') == ok ]] || fail "$db is damaged"
	[[ $(sqlite3 "$db" "SELECT count(*) FROM audit WHERE action = 'hold'") == 1 ]] ||
		fail "$db lost the holding session's write"
	[[ $(sqlite3 "$db" 'SELECT count(*) FROM signup') == 0 &&
		$(sqlite3 "$db" 'SELECT count(*) FROM volunteer') == 2 ]] ||
		fail "$db was written to by a refused command"
done
e2e_pass "locked databases"

echo "--- corrupt: garbage, a truncated file, a damaged schema page, a damaged table page"
mkdir "$work/corrupt"
head -c 65536 /dev/urandom >"$work/corrupt/garbage.db"
copy_base "$work/corrupt/truncated.db"
truncate -s $(($(stat -c %s "$base") / 2)) "$work/corrupt/truncated.db"
copy_base "$work/corrupt/schema.db"
overwrite "$work/corrupt/schema.db" 100 $((page_size - 100)) # the header stays valid
copy_base "$work/corrupt/table.db"
root=$(sqlite3 "$base" "SELECT rootpage FROM sqlite_schema WHERE name = 'volunteer'")
overwrite "$work/corrupt/table.db" $(((root - 1) * page_size)) "$page_size"
for c in garbage truncated schema; do
	snapshot "$work/corrupt/$c.db"
	attempt_all "$c" "$work/corrupt/$c.db"
	all_refused "$c" "$work/corrupt/$c.db" "damaged|malformed|not a database|corrupt"
	unchanged "$work/corrupt/$c.db"
done
# A damaged table opens. init and backup check the whole file; signup and
# import read the volunteers and say so; a report may not need that table
# (then it is right to succeed), but must not crash. The TUI does not check
# the whole file at start, which takes seconds on a large database; it
# reports the damage where a panel reads it.
db=$work/corrupt/table.db
snapshot "$db"
attempt table-init "$db" init
attempt table-signup "$db" signup "$initiative" E2
attempt table-backup "$db" backup "$work/out/table.db"
attempt table-import "$db" import volunteers "$work/more.csv"
for cmd in init signup backup import; do
	refused "table-$cmd" "$db" "damaged|malformed|corrupt"
done
[[ ! -e $work/out/table.db ]] || fail "table-backup: refused, yet left a copy"
attempt table-report "$db" report
if [[ $(cat "$results/table-report.status") == 0 ]]; then
	done_ok table-report
else
	refused table-report "$db" "damaged|malformed|corrupt"
fi
unchanged "$db"
e2e_pass "corrupt databases"

echo "--- newer than this csrdesk"
copy_base "$work/newer/csrdesk.db"
sqlite3 "$work/newer/csrdesk.db" "PRAGMA user_version = $((latest + 1))"
snapshot "$work/newer/csrdesk.db"
attempt_all newer "$work/newer/csrdesk.db"
all_refused newer "$work/newer/csrdesk.db" "schema version $((latest + 1)), newer than this csrdesk"
unchanged "$work/newer/csrdesk.db"
e2e_pass "a newer database"

echo "--- unwritable: a read-only directory, a read-only file, an immutable file"

# readable_only CASE DB PATTERN: a database that can be read but not
# written: report and backup work; whatever writes is refused up front.
readable_only() {
	local case=$1 db=$2 cmd
	attempt_all "$case" "$db"
	for cmd in init signup import; do
		refused "$case-$cmd" "$db" "$3"
	done
	tui_refused "$case-tui" "$db" "$3"
	done_ok "$case-report"
	grep -q "CSR impact report" "$results/$case-report.out" || fail "$case-report: no report"
	done_ok "$case-backup"
	[[ $(sqlite3 "$work/out/$case.db" 'SELECT count(*) FROM volunteer') == 2 ]] ||
		fail "$case-backup: the copy does not have the volunteers"
	unchanged "$db"
}

# Root writes whatever the modes say, so as root the modes are tried as the
# user nobody (say, a lead who is not in the database's group).
if ((EUID == 0)) && command -v setpriv >/dev/null && id nobody >/dev/null 2>&1; then
	chmod 755 "$work"
	chmod 777 "$work/out"
	runner=(setpriv --reuid="$(id -u nobody)" --regid="$(id -g nobody)" --clear-groups)
	# A build in a private directory (under /root, say) is copied where
	# nobody can run it.
	if ! "${runner[@]}" test -x "$csrdesk" && [[ $(head -c 4 "$csrdesk") == $'\x7fELF' ]]; then
		cp "$csrdesk" "$work/csrdesk"
		csrdesk=$work/csrdesk
	fi
	if ! "${runner[@]}" test -r "$conf" -a -x "$csrdesk"; then
		runner=()
		echo "SKIP: read-only directory and file: the user nobody cannot reach $work or $CSRDESK"
	fi
elif ((EUID == 0)); then
	echo "SKIP: read-only directory and file: as root these need setpriv and the user nobody"
fi
if ((EUID != 0)) || ((${#runner[@]})); then
	# SQLite makes its -wal and -shm files beside the database: without
	# them nothing works, not even reading.
	db=$work/rodir/csrdesk.db
	copy_base "$db"
	snapshot "$db"
	chmod 666 "$db"
	locked_dirs+=("$work/rodir")
	chmod 555 "$work/rodir"
	attempt_all rodir "$db"
	all_refused rodir "$db" "cannot create files in the database's directory"
	unchanged "$db"
	e2e_pass "a read-only directory"

	db=$work/rofile/csrdesk.db
	copy_base "$db"
	snapshot "$db"
	chmod 444 "$db"
	chmod 777 "$work/rofile"
	readable_only rofile "$db" "cannot write to the database file"
	e2e_pass "a read-only database file"
fi
runner=()
csrdesk=$CSRDESK

# An immutable file stops even root.
db=$work/immutable/csrdesk.db
copy_base "$db"
snapshot "$db"
if chattr +i "$db" 2>/dev/null; then
	immutable+=("$db")
	readable_only immutable "$db" "cannot write to the database file"
	e2e_pass "an immutable database file"
else
	echo "SKIP: an immutable file: chattr +i is not possible here (needs root and a file" \
		"system with it)"
fi

echo "cli_database: all passed"
