#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end: the record of processing and the audit export (issue 14).
# `csrdesk privacy` prints the table of personal data per screen, report and
# export and who sees it, then the config's privacy settings (as the config
# in use sets them), in English and German, at most 80 columns, the same
# every time; the README's "Record of processing" is its English output with
# the default config. `csrdesk export audit` writes the audit log as CSV,
# filtered by --actor, --action, --from and --to; only admins may (a team
# lead, nobody through setpriv, is refused: uid 0 is always an admin).
# Needs $CSRDESK, sqlite3 and setpriv.
set -euo pipefail

: "${CSRDESK:?set CSRDESK to the csrdesk binary}"
: "${E2E_DIR:=$(dirname "$0")}"
: "${CSRDESK_LOCALEDIR:?set CSRDESK_LOCALEDIR to the po directory of the build}"
work=$(mktemp -d "${TMPDIR:-/tmp}/csrdesk-cli-privacy-XXXXXX")
trap 'rm -rf "$work"' EXIT
export CSRDESK_CONFIG=/nonexistent-use-explicit-config
unset LANGUAGE LC_ALL LC_MESSAGES
export LANG=C.UTF-8
conf=$work/csrdesk.conf
db=$work/csrdesk.db
cli_test=cli_privacy
src=$E2E_DIR/../..
. "$E2E_DIR/lib_cli.sh"
for tool in sqlite3 setpriv; do
	command -v "$tool" >/dev/null || fail "$tool is needed (Debian: apt-get install $tool)"
done

# flat FILE: its text on one line (a paragraph may wrap anywhere).
flat() { tr '\n' ' ' <"$1" | tr -s ' '; }

# at_most_80 FILE: no line of FILE is wider than 80 characters.
at_most_80() {
	local line
	while IFS= read -r line; do
		((${#line} <= 80)) || fail "a line of $1 has ${#line} characters: $line"
	done <"$1"
}

echo "--- privacy: the README's copy is the output with the default config"
"$CSRDESK" --config "$src/data/csrdesk.conf" privacy >"$work/default.txt"
awk '/^## Record of processing/ { on = 1 } on && /^```text/ { copy = 1; next }
	copy && /^```/ { exit } copy' "$src/README.md" >"$work/readme.txt"
[[ -s $work/readme.txt ]] || fail "the README has no block under 'Record of processing'"
diff -u "$work/readme.txt" "$work/default.txt" >&2 ||
	fail "the README's record of processing is not what csrdesk privacy prints"
echo "privacy: ok: the README's copy is csrdesk privacy with the default config"

echo "--- privacy: the config in use, stable, 80 columns, in English and German"
cat >"$conf" <<'CONF'
privacy { min_group = 7 }
retention { inactive_months = 12  comments_months = 0 }
CONF
run 0 privacy
cp "$work/out" "$work/en.txt"
for want in "Record of processing: csrdesk" "Screen, report, export" "Who sees it" \
	"(privacy.min_group): 7 people" "(retention.inactive_months): after 12" \
	"(retention.comments_months): never" "health (Health & well-being)" "Audit log (TUI)" \
	"export volunteers" "export ics" "Volunteers panel"; do
	grep -qF -- "$want" <<<"$(flat "$work/en.txt")" || fail "privacy does not say '$want'"
done
run 0 privacy
cmp -s "$work/out" "$work/en.txt" || fail "privacy printed another text the second time"
at_most_80 "$work/en.txt"
LANGUAGE=de run 0 privacy
cp "$work/out" "$work/de.txt"
for want in "Verzeichnis der Verarbeitungstätigkeiten: csrdesk" "Wer sie sieht" \
	"(privacy.min_group): 7 Personen" "(retention.inactive_months): nach 12 Monaten" \
	"(retention.comments_months): nie" "Protokoll (TUI)" "Teamleitungen, Admins"; do
	grep -qF -- "$want" <<<"$(flat "$work/de.txt")" || fail "privacy in German does not say '$want'"
done
grep -qF "Who sees it" "$work/de.txt" && fail "privacy in German has English headings"
# The same rows: one blank line between two of them, in both languages.
[[ $(grep -c '^$' "$work/de.txt") == $(grep -c '^$' "$work/en.txt") ]] ||
	fail "privacy has another number of rows in German"
at_most_80 "$work/de.txt"
echo "privacy: ok: the config's settings, the same twice, at most 80 columns, English and German"

echo "--- export audit: filters"
printf 'roles { admin_group = "" lead_group = "" leads = {"nobody"} }\n' >"$conf"
run 0 init
printf '%s\n' "employee_id,name,team,site,email,skills,unix_user" \
	"E1,Lea Lead,Inbound Care,HQ,,," "E2,Ana Agent,Tech Support,HQ,,," >"$work/volunteers.csv"
run 0 import volunteers "$work/volunteers.csv"
sqlite3 "$db" <<'SQL'
INSERT INTO audit (at, actor, action, entity, entity_id, detail) VALUES
	(strftime('%s', '2026-03-01 10:00', 'utc'), 'unix:ben', 'person.export', 'volunteer', 2, 'Ana'),
	(strftime('%s', '2026-03-02 10:00', 'utc'), 'unix:ben', 'signup.cancel', 'signup', 7, '=1+2'),
	(strftime('%s', '2026-03-03 10:00', 'utc'), 'kiosk:E2', 'signup.add', 'signup', 8, 'Ana');
SQL
run 0 export audit
[[ $(head -n 1 <<<"$out") == $'id,at,actor,action,entity,entity_id,detail\r' ]] ||
	fail "export audit's header: $(head -n 1 <<<"$out")"
[[ $(wc -l <<<"$out") == 6 ]] || fail "export audit wrote $(wc -l <<<"$out") lines, expected 6: $out"
# reading the log is itself audited, before the reading: the newest entry
grep -q "^[0-9]*,[0-9-]* [0-9:]*,unix:root,audit.export,audit,,"$'\r'"$" <<<"$(sed -n 2p <<<"$out")" ||
	fail "the export of the log is not its own newest entry: $out"
grep -q "^1,[0-9-]* [0-9:]*,unix:root,roster.import," <<<"$out" || fail "the import is not exported: $out"
run 0 export audit --actor unix:ben
[[ $(tail -n +2 "$work/out" | cut -d, -f3 | sort -u) == "unix:ben" && $(wc -l <"$work/out") == 3 ]] ||
	fail "--actor unix:ben wrote: $out"
grep -qF ",signup.cancel,signup,7,'=1+2" <<<"$out" || fail "a formula is not neutralized: $out"
run 0 export audit --action signup.
[[ $(tail -n +2 "$work/out" | cut -d, -f4 | tr -d '\r' | sort | tr '\n' ' ') == "signup.add signup.cancel " ]] ||
	fail "--action signup. wrote: $out"
run 0 export audit --actor unix:ben --action signup.
[[ $(wc -l <"$work/out") == 2 ]] || fail "--actor and --action together wrote: $out"
run 0 export audit --from 2026-03-02 --to 2026-03-02
[[ $(wc -l <"$work/out") == 2 && $out == *",unix:ben,signup.cancel,"* ]] || fail "--from --to wrote: $out"
run 0 export audit --from 2026-03-02
# (each export before this one is an audit.export entry of today: left out)
[[ $(tail -n +2 "$work/out" | grep -v ',audit\.export,' | cut -d, -f1 | tr '\n' ' ') == "1 4 3 " ]] ||
	fail "--from 2026-03-02 (newest first) wrote: $out"
run 0 export audit --excel --action signup.
[[ $(head -c 3 "$work/out") == $'\xef\xbb\xbf' && $out == *"id;at;actor;action"* ]] ||
	fail "--excel is not German Excel's form: $out"
usage export audit --from 2026-3-2
[[ $err == *"--from must be a day as YYYY-MM-DD"* ]] || fail "a bad --from: $err"
usage export audit --to 2026-03-01 --from 2026-03-02
usage export audit --who x
usage export audit extra
echo "export audit: ok: --actor, --action, --from, --to and --excel"

echo "--- export audit: admins only"
chmod 777 "$work" && chmod 666 "$db"* && chmod 644 "$conf"
status=0
setpriv --reuid=65534 --regid=65534 --clear-groups "$CSRDESK" --config "$conf" --db "$db" \
	export audit >"$work/out" 2>"$work/err" || status=$?
[[ $status == 1 && ! -s $work/out && $(cat "$work/err") == "csrdesk: Only admins may read the audit log" ]] ||
	fail "a team lead got status $status, '$(cat "$work/out")' and '$(cat "$work/err")'"
echo "export audit: ok: a team lead is refused"
