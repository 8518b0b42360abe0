#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end: the language of the command line (issue 12). report --lang de
# writes the German report with the same figures as report --lang en (the
# numbers compared after reading each in its own marks: de "1.234,5", en
# "1,234.5"); export sheet --lang de too; --lang fr is a usage error that
# names de and en; the headings are those of the German catalogue (read with
# python3's gettext from $CSRDESK_LOCALEDIR, the build's po directory). The
# result lines for scripts (ids, impact list, hours list) are the same
# whatever the language; messages on stderr follow it.
# Needs $CSRDESK, sqlite3 and python3.
set -euo pipefail

: "${CSRDESK:?set CSRDESK to the csrdesk binary}"
: "${E2E_DIR:=$(dirname "$0")}"
: "${CSRDESK_LOCALEDIR:?set CSRDESK_LOCALEDIR to the po directory of the build}"
work=$(mktemp -d "${TMPDIR:-/tmp}/csrdesk-cli-lang-XXXXXX")
trap 'rm -rf "$work"' EXIT
export CSRDESK_CONFIG=/nonexistent-use-explicit-config
unset LANGUAGE LC_ALL LC_MESSAGES
export LANG=C.UTF-8
conf=$work/csrdesk.conf
db=$work/csrdesk.db
cli_test=cli_lang
demo_sql=$E2E_DIR/../../data/demo.sql
. "$E2E_DIR/lib_cli.sh"

command -v sqlite3 >/dev/null || fail "sqlite3 is needed (Debian: apt-get install sqlite3)"
command -v python3 >/dev/null || fail "python3 is needed"
[[ -f $CSRDESK_LOCALEDIR/de/LC_MESSAGES/csrdesk.mo ]] ||
	fail "no German catalogue in $CSRDESK_LOCALEDIR (build it: ninja -C build)"

# german TEXT: TEXT as the German catalogue has it (TEXT when it has none).
# german TEXT [CONTEXT]: the catalogue's German for TEXT (in CONTEXT).
german() {
	python3 - "$CSRDESK_LOCALEDIR" "$1" "${2-}" <<'PY'
import gettext, sys
t = gettext.translation('csrdesk', sys.argv[1], languages=['de'])
print(t.pgettext(sys.argv[3], sys.argv[2]) if sys.argv[3] else t.gettext(sys.argv[2]))
PY
}

# numbers FILE LANG: every number in FILE, read in LANG's marks, one a
# line, sorted: a date (2026-12-06, 06.12.2026) gives its parts either way.
numbers() {
	python3 - "$1" "$2" <<'PY'
import re, sys
text = open(sys.argv[1], encoding='utf-8').read()
group, point = ('.', ',') if sys.argv[2] == 'de' else (',', '.')
g, p = re.escape(group), re.escape(point)
number = re.compile(r'\d{1,3}(?:%s\d{3}(?!\d))+(?:%s\d+)?|\d+(?:%s\d+)?' % (g, p, p))
found = [float(m.group().replace(group, '').replace(point, '.')) for m in number.finditer(text)]
print('\n'.join(f'{v:.6g}' for v in sorted(found)))
PY
}

printf 'roles { admins = {"%s"} }\n' "$(id -un)" >"$conf"
run 0 init
sqlite3 "$db" <"$demo_sql" || fail "loading $demo_sql failed"
first=$(sqlite3 "$db" "SELECT date('now', 'localtime', '-400 days')")
last=$(sqlite3 "$db" "SELECT date('now', 'localtime')")
period=$first..$last

echo "--- report --lang de and --lang en: the same figures"
run 0 report --period "$period" --lang en
cp "$work/out" "$work/en.txt"
run 0 report --period "$period" --lang de
cp "$work/out" "$work/de.txt"
numbers "$work/en.txt" en >"$work/en.numbers"
numbers "$work/de.txt" de >"$work/de.numbers"
(($(wc -l <"$work/en.numbers") > 20)) || fail "the English report holds few numbers"
diff "$work/en.numbers" "$work/de.numbers" >"$work/diff" ||
	fail "the German report's figures differ from the English: $(head -20 "$work/diff")"
# A figure of four digits or more shows the marks of each: 1,234 and 1.234.
big=$(grep -m1 -oE '\b[0-9]{1,3},[0-9]{3}\b' "$work/en.txt" || true)
[[ -z $big ]] || grep -qF "${big/,/.}" "$work/de.txt" ||
	fail "the English report has $big, the German not ${big/,/.}"
# The German catalogue's headings, and not the English ones where it has them.
translated=0
headings=(Totals "Hours and impact by category" "Impact and goals"
	"Top initiatives by approved hours" "Approved hours by month")
for heading in "${headings[@]}"; do
	grep -q "^$heading" "$work/en.txt" || fail "the English report has no section '$heading'"
	de=$(german "$heading")
	grep -qF "$de" "$work/de.txt" || fail "the German report has no section '$de' ($heading)"
	if [[ $de != "$heading" ]]; then
		translated=$((translated + 1))
		! grep -q "^$heading" "$work/de.txt" || fail "the German report has '$heading'"
	fi
done
((translated == ${#headings[@]})) ||
	fail "only $translated of ${#headings[@]} headings have a German translation"
echo "cli_lang: ok: the same figures in German and English; every heading in German"

echo "--- the other formats take --lang too"
for format in md csv html; do
	run 0 report --period "$period" --format "$format" --lang de
	[[ -s $work/out ]] || fail "report --format $format --lang de wrote nothing"
done
id=$(sqlite3 "$db" "SELECT initiative_id FROM signup GROUP BY initiative_id ORDER BY count(*) DESC LIMIT 1")
run 0 export sheet "$id" --format text --kind attendance --lang en
cp "$work/out" "$work/sheet-en.txt"
run 0 export sheet "$id" --format text --kind attendance --lang de
cp "$work/out" "$work/sheet-de.txt"
name=$(sqlite3 "$db" "SELECT v.name FROM signup s JOIN volunteer v ON v.id = s.volunteer_id
	WHERE s.initiative_id = $id AND s.status = 'confirmed' LIMIT 1")
grep -qF "$name" "$work/sheet-de.txt" || fail "the German sheet lacks $name"
for heading in Signature Arrived; do
	de=$(german "$heading" "sheet column")
	[[ $de != "$heading" ]] || fail "the catalogue has no German for the sheet's '$heading'"
	grep -qF "$de" "$work/sheet-de.txt" || fail "the German sheet has no '$de' ($heading)"
done

echo "--- --lang fr: a usage error naming de and en"
for cmd in "report --lang fr" "export sheet $id --lang fr" "report --lang"; do
	# shellcheck disable=SC2086 # the words of cmd
	run 2 $cmd
	[[ $err == *"usage: csrdesk"* ]] || fail "csrdesk $cmd: no usage line: $err"
	[[ ! -s $work/out ]] || fail "csrdesk $cmd wrote output"
done
run 2 report --lang fr
[[ $err == *fr*de*en* ]] || fail "report --lang fr does not name de and en: $err"

echo "--- results for scripts are the same in German"
initiative=$(sqlite3 "$db" "SELECT m.initiative_id FROM impact m JOIN initiative i
	ON i.id = m.initiative_id WHERE i.status = 'done' LIMIT 1")
for cmd in "impact list $initiative" "hours list" "partner list" "attendance $id"; do
	# shellcheck disable=SC2086
	run 0 $cmd
	cp "$work/out" "$work/result-en"
	LANGUAGE=de run 0 $cmd
	cmp -s "$work/out" "$work/result-en" || fail "csrdesk $cmd prints otherwise in German"
done
run 0 impact add "$initiative" trees 1234.5
LANGUAGE=de run 0 impact add "$initiative" trees 1234.5
[[ $out =~ ^[0-9]+$ ]] || fail "impact add printed '$out' in German"
record=$out
LANGUAGE=de run 0 impact list "$initiative"
grep -qP "^$record\ttrees\t1234\.5\t" "$work/out" ||
	fail "impact list in German: $(tail -1 "$work/out")"

echo "--- messages on stderr in German"
LANGUAGE=de run 2 impact add "$initiative" trees 1.500
de=$(german "VALUE '%s' is ambiguous: the command line reads a point as the decimal mark; type %s or %s")
# shellcheck disable=SC2059 # the catalogue's format
printf -v want "csrdesk: $de" 1.500 1500 1.5
[[ $err == "$want"$'\n'* ]] || fail "impact add 1.500 in German: $err (expected $want)"
LANGUAGE=de "$CSRDESK" --help >"$work/help"
grep -qF "$(german "Commands:
")" "$work/help" || fail "the help is not German"
echo "--- the config's language: the default when the environment names none"
printf 'language = "de"\n' >"$work/de.conf"
wrong() { # ENV...: the message for an initiative that does not exist
	env -u LANG -u LANGUAGE "$@" "$CSRDESK" --config "$work/de.conf" --db "$db" \
		initiative status 99999 open 2>&1 || true
}
none_de="csrdesk: $(printf "$(german "There is no initiative %lld")" 99999)"
[[ $none_de != "csrdesk: There is no initiative 99999" ]] || fail "the catalogue has no German for it"
for env in "" LANG=C LANG=C.UTF-8; do
	got=$(wrong $env)
	[[ $got == "$none_de" ]] || fail "config language de under '${env:-no LANG}': $got"
done
for env in LANG=en_US.UTF-8 LANGUAGE=en; do
	got=$(wrong $env)
	[[ $got == "csrdesk: There is no initiative 99999" ]] ||
		fail "the environment's English ($env) must win over the config: $got"
done

echo "cli_lang: all passed"
