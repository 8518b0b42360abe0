#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end: a person's rights and the retention (issue 14) with the real
# binary on the demo data (data/demo.sql run with sqlite3).
# - export me as a real agent (the Unix user nobody, linked to Zoë, E1003,
#   through setpriv) gives her own JSON, parsed with python3: her record
#   and as many places, hours and ratings as the database holds for her;
#   export person of anyone else (existing or not) exits 1 with one line
#   saying why and prints nothing; over SSH (--ssh) export me runs and
#   export person is refused; an admin exports anyone; each export is
#   audited.
# - erase asks on the terminal (tmux): "n" erases nothing, "y" (German
#   "j") erases;
#   without a terminal and without --yes it refuses; erase --yes then
#   leaves no value in any table (every column of every table, the search
#   index's shadow tables too, read as bytes by python3's sqlite3) that
#   holds the person's name, email or employee ID; a past report (the last
#   365 days, all four formats) is the same byte for byte, but for the
#   time it says it was made.
# - retention --dry-run on the demo data with two people made inactive
#   for four years lists exactly them and changes nothing; retention
#   anonymises them in one run (the same past report again), a second run
#   finds nothing; comments older than comments_months are counted by the
#   dry run and removed by the run; agents are refused.
# Needs $CSRDESK, tmux, sqlite3, setpriv and python3; run as root (to act
# as an agent too). Fails, never skips.
. "$(dirname "$0")/lib.sh"

fail() { e2e_fail "$@"; }
for tool in sqlite3 setpriv; do
	command -v "$tool" >/dev/null || fail "$tool is needed (Debian: apt-get install $tool)"
done
((EUID == 0)) || fail "run as root: the test acts as an agent (nobody) and an admin (root)"
id nobody >/dev/null 2>&1 || fail "the user nobody is needed to act as the agent"
# Debian's python3 (its json and sqlite3 modules), not another on PATH
PYTHON=$(command -v /usr/bin/python3 python3 | head -1)
[[ -n $PYTHON ]] || fail "python3 is needed"

conf=$E2E_TMP/csrdesk.conf
db=$E2E_TMP/csrdesk.db
printf 'roles { admin_group = "" lead_group = "" }\n' >"$conf"
e2e_csr init >/dev/null
sqlite3 "$db" <"$E2E_DIR/../../data/demo.sql" || fail "loading the demo data failed"
sqlite3 "$db" "UPDATE volunteer SET unix_user = 'nobody' WHERE employee_id = 'E1003'"
chmod 777 "$E2E_TMP" && chmod 666 "$db"* # the agent opens the database too

# as_agent STATUS ARGS...: csrdesk as nobody, expecting STATUS; sets $out
# and $err.
as_agent() {
	local want=$1 status=0
	shift
	chmod 666 "$db"* # files root's sqlite3 or csrdesk made since
	setpriv --reuid="$(id -u nobody)" --regid="$(id -g nobody)" --clear-groups \
		"$CSRDESK" --config "$conf" --db "$db" "$@" >"$E2E_TMP/out" 2>"$E2E_TMP/err" ||
		status=$?
	out=$(cat "$E2E_TMP/out")
	err=$(cat "$E2E_TMP/err")
	[[ $status == "$want" ]] || fail "csrdesk $* as nobody exited $status, expected $want: $err"
}

# admin STATUS ARGS...: the same as root (an admin).
admin() {
	local want=$1 status=0
	shift
	e2e_csr "$@" >"$E2E_TMP/out" 2>"$E2E_TMP/err" </dev/null || status=$?
	out=$(cat "$E2E_TMP/out")
	err=$(cat "$E2E_TMP/err")
	[[ $status == "$want" ]] || fail "csrdesk $* exited $status, expected $want: $err"
}

q() { sqlite3 "$db" "$1"; }

# check_export FILE EMPLOYEE_ID: FILE is the JSON of everything about that
# person, with as many places, hours and ratings as the database has.
check_export() {
	local id
	id=$(q "SELECT id FROM volunteer WHERE employee_id = '$2'")
	"$PYTHON" - "$1" "$2" "$(q "SELECT count(*) FROM signup WHERE volunteer_id = $id")" \
		"$(q "SELECT count(*) FROM hours WHERE volunteer_id = $id")" \
		"$(q "SELECT count(*) FROM feedback WHERE volunteer_id = $id")" <<'PY' ||
import json, sys
path, employee, signups, hours, feedback = sys.argv[1:]
doc = json.load(open(path, encoding="utf-8"))
def check(ok, what):
    if not ok:
        sys.exit(f"export of {employee}: {what}")
v = doc["volunteer"]
check(v["employee_id"] == employee, f"the record is {v['employee_id']}")
check("pin_hash" not in v and isinstance(v["pin_set"], bool), "the PIN")
for key in ("interests", "signups", "hours", "feedback", "notifications", "impact_recorded",
            "management_time", "initiatives_owned", "announcements", "pin_activation", "audit"):
    check(isinstance(doc.get(key), list), f"no {key}")
check(len(doc["signups"]) == int(signups), f"{len(doc['signups'])} places, not {signups}")
check(len(doc["hours"]) == int(hours), f"{len(doc['hours'])} hours, not {hours}")
check(len(doc["feedback"]) == int(feedback), f"{len(doc['feedback'])} ratings, not {feedback}")
check(all(s["initiative_title"] for s in doc["signups"]), "a place without its title")
check(any(a["action"] == "person.export" for a in doc["audit"]), "the export is not audited")
PY
		fail "the export of $2 is wrong"
}

echo "--- export me, as an agent"
as_agent 0 export me
printf '%s\n' "$out" >"$E2E_TMP/me.json"
check_export "$E2E_TMP/me.json" E1003
[[ $out != *E1001* && $out != *"Jürgen"* ]] || fail "Zoë's export names someone else"
as_agent 0 export person E1003
check_export "$E2E_TMP/out" E1003
# over SSH (sshd's ForceCommand csrdesk --ssh): export me only
SSH_ORIGINAL_COMMAND="export me" as_agent 0 --ssh
check_export "$E2E_TMP/out" E1003
SSH_ORIGINAL_COMMAND="export person E1001" as_agent 1 --ssh
[[ $err == *"'person' is not allowed after export"* ]] || fail "export person over SSH: $err"
for other in E1001 E9999; do
	as_agent 1 export person "$other"
	[[ -z $out && $err == "csrdesk: Only admins may export another person's data; you may export your own" ]] ||
		fail "export person $other as an agent: '$err', stdout '$out'"
done
admin 0 export person E1001
printf '%s\n' "$out" >"$E2E_TMP/e1001.json"
check_export "$E2E_TMP/e1001.json" E1001
[[ $(q "SELECT count(*) FROM audit WHERE action = 'person.export'") == 4 ]] ||
	fail "not every export was audited"
admin 1 export person E9999
[[ $err == "csrdesk: No volunteer has employee ID E9999" ]] || fail "an unknown ID: $err"
e2e_pass "export me and export person"

# A past period: the last 365 days before today.
period="$(date -d '-365 days' +%F)..$(date -d yesterday +%F)"
# reports NAME: the past report in every format into $E2E_TMP/NAME, the
# time it was made taken out.
reports() {
	local f
	for f in text md csv html; do
		admin 0 report --period "$period" --format "$f"
		printf '%s\n' "$out"
	done | sed -E 's/(Generated |generated,)[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}/\1TIME/' \
		>"$E2E_TMP/$1"
	grep -q TIME "$E2E_TMP/$1" || fail "the report no longer says when it was made"
}

# traces TEXT...: the values in the database holding one of the texts,
# as table.column, one a line (none: nothing).
traces() {
	"$PYTHON" - "$db" "$@" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
needles = [n.encode() for n in sys.argv[2:]]
for (table,) in db.execute("SELECT name FROM sqlite_schema WHERE type = 'table'").fetchall():
    cur = db.execute(f'SELECT * FROM "{table}"')
    names = [d[0] for d in cur.description]
    for row in cur:
        for name, value in zip(names, row):
            data = value if isinstance(value, bytes) else str(value).encode()
            if any(n in data for n in needles):
                print(f"{table}.{name}")
PY
}

echo "--- erase"
e2e_start -- --config "$conf" --db "$db" erase E1001
e2e_wait_for "Erase Jürgen Müller (E1001)? This cannot be undone [y/N]"
e2e_keys n Enter
[[ $(e2e_wait_exit) == 1 ]] || fail "answering n did not exit 1"
[[ $(e2e_stderr) == "csrdesk: nothing was erased" ]] || fail "after n: $(e2e_stderr)"
[[ $(q "SELECT name FROM volunteer WHERE employee_id = 'E1001'") == "Jürgen Müller" ]] ||
	fail "n erased Jürgen"
# no terminal at all (setsid: no controlling one) and no --yes
status=0
setsid -w "$CSRDESK" --config "$conf" --db "$db" erase E1001 </dev/null >"$E2E_TMP/out" \
	2>"$E2E_TMP/err" || status=$?
[[ $status == 1 && $(cat "$E2E_TMP/err") == "csrdesk: erase asks for a confirmation on the terminal"* ]] ||
	fail "erase without a terminal: status $status, $(cat "$E2E_TMP/err")"
as_agent 1 erase E1002 --yes
[[ $err == "csrdesk: Only admins may erase a person's data" ]] || fail "an agent erasing: $err"
# Names where the demo has them, and in texts about others
q "UPDATE hours SET note = 'with Jürgen Müller (E1001)' WHERE id = (SELECT min(id) FROM hours);
   UPDATE signup SET changed_by_name = 'Jürgen Müller' WHERE id = (SELECT max(id) FROM signup)"
[[ -n $(traces "Jürgen Müller" juergen.mueller@callcenter.example E1001) ]] ||
	fail "the scan finds nothing before the erasure"
reports before
e2e_start --session yes -- --config "$conf" --db "$db" erase E1001
e2e_wait_for "This cannot be undone [y/N]"
e2e_keys y Enter
[[ $(e2e_wait_exit) == 0 ]] || fail "answering y: $(e2e_stderr)"
e2e_screen | grep -qF "erased E1001, now former-1" || fail "erase did not say what it did"
found=$(traces "Jürgen Müller" juergen.mueller@callcenter.example E1001 jmueller)
[[ -z $found ]] || fail "after the erasure the database still holds him in: $found"
reports after
cmp -s "$E2E_TMP/before" "$E2E_TMP/after" ||
	fail "the past report changed: $(diff "$E2E_TMP/before" "$E2E_TMP/after" | head -20)"
[[ $(q "SELECT count(*) FROM audit WHERE action = 'person.erase' AND entity_id = 1") == 1 ]] ||
	fail "the erasure is not audited"
admin 1 erase E1001 --yes
# in German the answer is j (ja)
e2e_start --session de LANGUAGE=de -- --config "$conf" --db "$db" erase E1004
e2e_wait_for "Siobhán O'Connor (E1004) löschen? Das lässt sich nicht rückgängig machen [j/N]"
e2e_keys j Enter
[[ $(e2e_wait_exit) == 0 ]] || fail "answering j in German: $(e2e_stderr)"
[[ $(q "SELECT name FROM volunteer WHERE id = 4") == "Former volunteer #4" ]] ||
	fail "j did not erase E1004"
admin 0 erase E1002 --yes
[[ $out == "erased E1002, now former-2" ]] || fail "erase --yes: $out"
e2e_pass "erase asks, then leaves no trace, and the past report stays"

echo "--- retention"
as_agent 1 retention --dry-run
[[ $err == "csrdesk: Only admins may apply the retention" ]] || fail "an agent: $err"
admin 0 retention --dry-run
[[ $out == "would anonymise 0, remove 0 comments" ]] || fail "the fresh demo: $out"
# Two people inactive for four years (E1062 did nothing, E1030 little).
q "UPDATE volunteer SET created_at = unixepoch('now', '-50 months') WHERE employee_id IN ('E1062', 'E1030');
   UPDATE signup SET updated_at = unixepoch('now', '-48 months'), created_at = unixepoch('now', '-48 months')
     WHERE volunteer_id = (SELECT id FROM volunteer WHERE employee_id = 'E1030');
   UPDATE hours SET worked_on = unixepoch('now', '-48 months')
     WHERE volunteer_id = (SELECT id FROM volunteer WHERE employee_id = 'E1030')"
since=$(date -d "$(q "SELECT date(unixepoch('now', '-48 months'), 'unixepoch', 'localtime')")" +%Y-%m)
reports before
erased=$(q "SELECT count(*) FROM volunteer WHERE anonymised_at IS NOT NULL") # above
admin 0 retention --dry-run
want="E1030 (inactive since $since)
E1062 (inactive since $(date -d "$(q "SELECT date(unixepoch('now', '-50 months'), 'unixepoch', 'localtime')")" +%Y-%m))
would anonymise 2, remove 0 comments"
[[ $out == "$want" ]] || fail "the dry run said '$out', expected '$want'"
[[ $(q "SELECT count(*) FROM volunteer WHERE anonymised_at IS NOT NULL") == "$erased" ]] ||
	fail "the dry run changed something"
admin 0 retention
[[ $out == "anonymised 2, comments removed 0" ]] || fail "the run: $out"
[[ -z $(traces E1030 E1062) ]] || fail "the retention left the employee IDs in the database"
reports after
cmp -s "$E2E_TMP/before" "$E2E_TMP/after" ||
	fail "the past report changed: $(diff "$E2E_TMP/before" "$E2E_TMP/after" | head -20)"
admin 0 retention
[[ $out == "anonymised 0, comments removed 0" ]] || fail "a second run: $out"
# Comments: two of them 30 months old, past comments_months (24).
q "UPDATE feedback SET created_at = unixepoch('now', '-30 months')
   WHERE id IN (SELECT id FROM feedback WHERE comment <> '' ORDER BY id LIMIT 2)"
comments=$(q "SELECT count(*) FROM feedback WHERE comment <> ''")
admin 0 retention --dry-run
[[ $out == "would anonymise 0, remove 2 comments" ]] || fail "the dry run for comments: $out"
admin 0 retention
[[ $out == "anonymised 0, comments removed 2" ]] || fail "the run for comments: $out"
[[ $(q "SELECT count(*) FROM feedback WHERE comment <> ''") == $((comments - 2)) ]] ||
	fail "the comments were not removed"
[[ $(q "SELECT count(*) FROM audit WHERE action = 'retention.run'") == 3 ]] ||
	fail "not every run was audited"
e2e_pass "retention: dry run, run, a past report the same"
