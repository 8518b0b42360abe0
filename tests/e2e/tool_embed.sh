#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A migration is its file alone (tools/embed.py --migrations): every
# NNN_name.sql of the directory becomes migration NNN of the table in
# src/core/migrations.h, in number order (10 after 9), the generated C
# compiles with it and reads back each file; other files are ignored. A gap,
# a duplicate number, a first number other than 1 or a .sql file without a
# number fail with a message naming the file and write nothing. The depfile
# names the directory (so a new file rebuilds without meson) and each file.
# And the real binary's schema version is the number of files in
# data/migrations. Needs $CSRDESK, python3 and cc.
. "$(dirname "$0")/lib.sh"

work=$E2E_TMP
root=$(cd "$E2E_DIR/../.." && pwd)
fail() { e2e_fail "$@"; }
embed() { python3 "$root/tools/embed.py" "$work/out.c" --header "$root/src/core/migrations.h" \
	--depfile "$work/out.d" "$@"; }

# ---- ten migrations, numbered with and without leading zeros ----

mkdir "$work/ok"
for n in 1 2 3 4 5 6 7 8 9 10; do
	name=$n
	((n % 3)) || name=$(printf '%03d' "$n")
	printf -- '-- migration %d\n' "$n" >"$work/ok/${name}_step.sql"
done
printf 'not a migration\n' >"$work/ok/README"
embed --migrations "$work/ok" csr_other "$work/ok/README" || fail "embed.py refused ten good migrations"
cat >"$work/main.c" <<'C'
#include <stdio.h>
#include "migrations.h"
extern const char csr_other[];
int main(void)
{
	for (int i = 0; i < csr_migration_count; i++)
		printf("%d %s", csr_migrations[i].version, csr_migrations[i].sql);
	printf("%s", csr_other);
	return 0;
}
C
cc -std=c17 -Wall -Wextra -Werror -I"$root/src/core" -o "$work/read" "$work/main.c" "$work/out.c" \
	|| fail "the generated table does not compile against src/core/migrations.h"
want=$(for n in 1 2 3 4 5 6 7 8 9 10; do printf '%d -- migration %d\n' "$n" "$n"; done
	echo 'not a migration')
[[ $("$work/read") == "$want" ]] || fail "the table reads back: $("$work/read")"
dep=$(cat "$work/out.d")
[[ $dep == "$work/out.c: $work/ok "* ]] || fail "the depfile does not name the directory: $dep"
[[ $dep == *" $work/ok/009_step.sql "* && $dep == *" $work/ok/10_step.sql" ]] \
	|| fail "the depfile does not name the files: $dep"
e2e_pass "ten migrations in number order, the table compiles and reads back"

# ---- refused: the message names what is wrong, nothing is written ----

refused() {
	local what=$1 message=$2
	rm -f "$work/out.c" "$work/out.d"
	if embed --migrations "$work/bad" 2>"$work/err"; then
		fail "$what: embed.py succeeded"
	fi
	grep -qF -- "$message" "$work/err" || fail "$what: stderr is '$(cat "$work/err")'"
	[[ ! -e $work/out.c && ! -e $work/out.d ]] || fail "$what: a file was written"
}
mkdir "$work/bad"
for n in 1 2 3; do printf 'SELECT %d;\n' "$n" >"$work/bad/00${n}_x.sql"; done
printf 'SELECT 10;\n' >"$work/bad/010_later.sql"
refused gap "$work/bad: 010_later.sql follows 003_x.sql: no migration 4 (they are numbered 1..N without gaps)"
mv "$work/bad/010_later.sql" "$work/bad/3_again.sql"
refused duplicate "$work/bad: two migrations numbered 3: 003_x.sql and 3_again.sql"
rm "$work/bad/3_again.sql" "$work/bad/001_x.sql"
refused "no first" "$work/bad: 002_x.sql is the first: no migration 1"
printf 'SELECT 1;\n' >"$work/bad/001_x.sql"
printf 'SELECT 4;\n' >"$work/bad/four.sql"
refused "no number" "$work/bad/four.sql: a migration's file name is its number, an underscore"
rm "$work/bad/"*
refused empty "$work/bad: no migrations (NNN_name.sql) in it"
e2e_pass "a gap, a duplicate, no migration 1, a name without a number and none at all are refused"

# ---- the real binary has exactly the files of data/migrations ----

files=$(find "$root/data/migrations" -maxdepth 1 -name '*.sql' | wc -l)
e2e_config "$work/csrdesk.conf" </dev/null
out=$("$CSRDESK" --config "$work/csrdesk.conf" --db "$work/new.db" init)
[[ $out == "$work/new.db: schema version $files" ]] || fail "init printed '$out'; $files files"
[[ $(sqlite3 "$work/new.db" 'PRAGMA user_version') == "$files" ]] || fail "user_version is not $files"
e2e_pass "a new database has schema version $files, one per file in data/migrations"
