#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end: the files beside the database cannot be turned against
# csrdesk. A symbolic link or a hard link planted as DB-queue, DB-wal or
# DB-shm (by someone who could write to the directory) makes `init`, run
# by root with a sharing group as the README says, refuse with a message
# naming the file, and leaves the file the link names as it was (owner,
# group, mode, contents). A writer that holds the writers' queue for a
# minute (`flock DB-queue sleep 60`, or a csrdesk stopped with Ctrl-Z)
# makes `signup` give up after the busy timeout with exit 1, not wait for
# it. A file that is not a csrdesk database is refused without any file
# made beside it. Needs $CSRDESK, sqlite3 and flock (util-linux); the
# group part needs root (groupadd), else it is skipped with a message.
. "$(dirname "$0")/lib.sh"

work=$E2E_TMP
fail() { e2e_fail "$@"; }
e2e_config "$work/csrdesk.conf" </dev/null
csr() { "$CSRDESK" --config "$work/csrdesk.conf" "$@"; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# ---- a file that is not a csrdesk database: nothing made beside it ----

printf 'root:x:0:0:root:/root:/bin/bash\n' >"$work/passwd"
for cmd in report "signup 1 E1" init; do
	# shellcheck disable=SC2086 # the command's words
	if csr --db "$work/passwd" $cmd >/dev/null 2>"$work/err"; then
		fail "$cmd on a text file succeeded"
	fi
	grep -q "passwd.*not a csrdesk database" "$work/err" || fail "$cmd: $(cat "$work/err")"
done
extra=$(cd "$work" && ls passwd?* 2>/dev/null || true)
[[ -z $extra ]] || fail "files made beside a non-database: $extra"
sqlite3 "$work/other.db" 'CREATE TABLE notes (x); INSERT INTO notes VALUES (1);'
before=$(sha256sum <"$work/other.db")
csr --db "$work/other.db" init >/dev/null 2>"$work/err" && fail "init on another program's database succeeded"
grep -q "holds tables of another program" "$work/err" || fail "other.db: $(cat "$work/err")"
[[ $(sha256sum <"$work/other.db") == "$before" ]] || fail "another program's database was changed"
extra=$(cd "$work" && ls other.db?* 2>/dev/null || true)
[[ -z $extra ]] || fail "files made beside another program's database: $extra"
e2e_pass "a text file and another program's SQLite file are refused; nothing is made beside them"

# ---- a writer holding the queue for a minute ----

db=$work/q/csrdesk.db
mkdir "$work/q"
csr --db "$db" init >/dev/null
printf 'employee_id,name,team\nE1,Anna Weber,Inbound\n' >"$work/v.csv"
csr --db "$db" import volunteers "$work/v.csv" >/dev/null
id=$(csr --db "$db" initiative add --title "Tree planting" --category environment \
	--starts "2031-05-01 09:00" --ends "2031-05-01 13:00" --capacity 5)
# This shell holds the queue, as `flock DB-queue sleep 60` would.
exec {queue}>>"$db-queue"
flock "$queue"
start=$(now_ms)
status=0
# timeout: a csrdesk that waits for the whole hold fails here, not hangs.
timeout $((30 * E2E_SLOW)) "$CSRDESK" --config "$work/csrdesk.conf" --db "$db" signup "$id" E1 \
	>/dev/null 2>"$work/err" || status=$?
elapsed=$(($(now_ms) - start))
exec {queue}>&-
((status == 1)) || fail "signup behind a held queue: exit $status, $(cat "$work/err")"
grep -q "stayed locked by another session" "$work/err" || fail "queue: $(cat "$work/err")"
# The busy timeout is 10 s; 2 s more for a slow machine (E2E_SLOW: lib.sh).
limit=$((12000 * E2E_SLOW))
((elapsed < limit)) || fail "signup waited ${elapsed} ms behind the queue (limit ${limit} ms)"
((elapsed >= 9500)) || fail "signup gave up after ${elapsed} ms, before the busy timeout"
[[ $(csr --db "$db" signup "$id" E1) == confirmed ]] || fail "signup after the queue was freed"
e2e_pass "a queue held by another writer: signup exits 1 after $elapsed ms with the busy message"

# ---- links beside the database, as root's init with a group ----

if [[ $(id -u) != 0 ]]; then
	echo "cli_files: links: skipped: needs root (init with a sharing group, as the README does)"
	exit 0
fi
group=csrfg$$
groupadd "$group"
trap 'groupdel "$group" 2>/dev/null || true; e2e_cleanup' EXIT
dir=$work/shared
mkdir "$dir"
conf=$work/shared.conf
printf 'database = "%s/csrdesk.db"\ngroup = "%s"\n' "$dir" "$group" >"$conf"
"$CSRDESK" --config "$conf" init >/dev/null || fail "init with a group"
[[ $(stat -c '%a %G' "$dir") == "2770 $group" ]] || fail "directory: $(stat -c '%a %G' "$dir")"
[[ $(stat -c '%a %G' "$dir/csrdesk.db") == "660 $group" ]] || fail "database: $(stat -c '%a %G' "$dir/csrdesk.db")"

target=$work/secret
printf 'root-only\n' >"$target"
chmod 600 "$target"
want="600 root root $(sha256sum <"$target")"
state() { echo "$(stat -c '%a %U %G' "$target") $(sha256sum <"$target")"; }
for suffix in -queue -wal -shm; do
	for kind in symbolic hard; do
		rm -f "$dir/csrdesk.db$suffix"
		if [[ $kind == symbolic ]]; then ln -s "$target" "$dir/csrdesk.db$suffix"
		else ln "$target" "$dir/csrdesk.db$suffix"; fi
		"$CSRDESK" --config "$conf" init >/dev/null 2>"$work/err" && fail "init with a $kind link as $suffix succeeded"
		grep -q "csrdesk.db$suffix .*remove it" "$work/err" || fail "$kind $suffix: $(cat "$work/err")"
		[[ $(state) == "$want" ]] || fail "a $kind link as $suffix changed its target: $(state)"
		rm -f "$dir/csrdesk.db$suffix"
	done
done
# A dangling link must not make root create the file it names.
ln -s "$work/created-by-root" "$dir/csrdesk.db-queue"
"$CSRDESK" --config "$conf" init >/dev/null 2>&1 && fail "init with a dangling link as -queue succeeded"
[[ ! -e $work/created-by-root ]] || fail "a dangling link as -queue made root create its target"
rm -f "$dir/csrdesk.db-queue"
"$CSRDESK" --config "$conf" init >/dev/null || fail "init after the links were removed"
e2e_pass "symbolic and hard links as -queue, -wal and -shm: root's init refuses, targets unchanged"
