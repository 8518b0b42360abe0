#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end: a person's calendar follows the truth (issue 13). The real
# binary on a real database file, as two Unix users: the agent Ana (the
# user nobody, linked to her volunteer record) exports her own places with
# `export ics --me`; she cancels one place herself, a lead (root) cancels
# another for her and moves a third initiative by an hour; each export is
# read with python3's icalendar module: the same UIDs, STATUS:CANCELLED and
# a higher SEQUENCE for what was cancelled, the new time for what moved,
# SEQUENCE never lower than in the export before, DTSTAMP later, two
# VALARMs (a day and an hour before) on confirmed places and none on
# waitlisted or cancelled ones. The exports import into calcurse (`calcurse
# -i` in a scratch directory), which then lists the appointments at their
# local time. Also: --me without a volunteer record, --me with --volunteer,
# and the reminders' text in German.
# Needs $CSRDESK, sqlite3, setpriv (util-linux), calcurse and python3 with
# icalendar (Debian: python3-icalendar); run as root (to act as two users).
# Fails, never skips, when one is missing.
set -euo pipefail

: "${CSRDESK:?set CSRDESK to the csrdesk binary}"
work=$(mktemp -d "${TMPDIR:-/tmp}/csrdesk-cli-calendar-XXXXXX")
trap 'rm -rf "$work"' EXIT
export CSRDESK_CONFIG=/nonexistent-use-explicit-config
# Local time is not UTC: the export writes UTC, calcurse shows local time.
export TZ=Europe/Berlin
conf=$work/csrdesk.conf
db=$work/csrdesk.db
cli_test=cli_calendar
. "$(dirname "$0")/lib_cli.sh"

for tool in sqlite3 setpriv calcurse; do
	command -v "$tool" >/dev/null || fail "$tool is needed (Debian: apt-get install $tool)"
done
((EUID == 0)) || fail "run as root: the test acts as an agent (nobody) and a lead (root)"
id nobody >/dev/null 2>&1 || fail "the user nobody is needed to act as the agent"
. "$(dirname "$0")/lib_python.sh"
find_python || fail "python3 with the icalendar module is needed (apt-get install python3-icalendar)"

# as USER STATUS ARGS...: csrdesk as that Unix user, expecting STATUS; sets
# $out and $err like run (root is always an admin).
as() {
	local user=$1 want=$2 status=0
	shift 2
	setpriv --reuid="$(id -u "$user")" --regid="$(id -g "$user")" --clear-groups \
		"$CSRDESK" --config "$conf" --db "$db" "$@" >"$work/out" 2>"$work/err" || status=$?
	out=$(cat "$work/out")
	err=$(cat "$work/err")
	[[ $status == "$want" ]] || fail "csrdesk $* as $user exited $status, expected $want; stderr: $err"
}

# export_mine NAME: Ana's own calendar, as Ana, into $work/NAME.ics; a
# second later, so every change after it is later by the clock.
export_mine() {
	as nobody 0 export ics --me
	cp "$work/out" "$work/$1.ics"
	sleep 1
}

printf 'roles { admin_group = "" lead_group = "" }\n' >"$conf"
run 0 init
printf '%s\n' "employee_id,name,team,site,email,skills,unix_user" \
	"E1,Lea Lead,Inbound Care,HQ,lea@example.com,,root" \
	"E2,Ana Agent,Tech Support,HQ,ana@example.com,,nobody" >"$work/volunteers.csv"
run 0 import volunteers "$work/volunteers.csv"
chmod 777 "$work" && chmod 666 "$db"* # Ana (nobody) opens the database too

day=$(date -d '+7 days' +%F)
add() { # add TITLE HH CAPACITY: an initiative on $day from HH:00 to HH+3:00
	run 0 initiative add --title "$1" --category health --starts "$day $2:00" \
		--ends "$day $(($2 + 3)):00" --capacity "$3" --location "Hall A"
	echo "$out"
}
drive=$(add "Blood drive" 9 5)     # Ana cancels it herself
trees=$(add "Tree planting" 13 5)  # a lead cancels it for her
mentor=$(add "Mentoring" 17 5)     # a lead moves it by an hour
full=$(add "Food bank" 20 1)       # Ana on the waitlist
for i in "$drive" "$trees" "$mentor"; do
	run 0 signup "$i" E2
	[[ $out == confirmed ]] || fail "Ana's place on $i: $out"
done
run 0 signup "$full" E1
run 0 signup "$full" E2
[[ $out == "waitlisted 1" ]] || fail "Ana on the waitlist: $out"

echo "--- export ics --me: Ana's own places, as the lead sees them too"
export_mine first
as root 0 export ics --volunteer E2
cmp -s "$work/out" "$work/first.ics" || fail "--me as Ana and --volunteer E2 as the lead differ"

echo "--- Ana cancels a place herself; a lead cancels one for her and moves another"
as nobody 0 cancel "$drive" E2
export_mine second
as root 0 cancel "$trees" E2 --reason "the site is closed"
as root 0 initiative edit "$mentor" --starts "$day 18:00" --ends "$day 21:00"
export_mine third

"$python" - "$work" "$drive" "$trees" "$mentor" "$full" "$day" <<'PY' || fail "the exports do not follow the changes"
import sys, datetime
from zoneinfo import ZoneInfo
from icalendar import Calendar
work, drive, trees, mentor, full, day = sys.argv[1:]
berlin = ZoneInfo('Europe/Berlin')

def events(name):
    cal = Calendar.from_ical(open(f'{work}/{name}.ics', 'rb').read())
    found = {}
    for e in cal.walk('VEVENT'):
        initiative = str(e['UID']).split('-')[1]
        assert initiative not in found, ('two events for one initiative', name, initiative)
        found[initiative] = e
    return found

def alarms(e):
    return sorted((str(a['ACTION']), a.decoded('TRIGGER'), str(a['DESCRIPTION']))
                  for a in e.walk('VALARM'))

def local(e, prop):
    return e.decoded(prop).astimezone(berlin).strftime('%Y-%m-%d %H:%M')

first, second, third = events('first'), events('second'), events('third')
for name, cal in (('first', first), ('second', second), ('third', third)):
    assert set(cal) == {drive, trees, mentor, full}, (name, sorted(cal))

# Before: three confirmed places with a reminder a day and an hour before,
# the waitlisted one tentative and without.
for i in (drive, trees, mentor):
    e = first[i]
    assert str(e['STATUS']) == 'CONFIRMED', (i, e['STATUS'])
    got = alarms(e)
    assert [(a, t) for a, t, _ in got] == [('DISPLAY', datetime.timedelta(days=-1)),
                                           ('DISPLAY', datetime.timedelta(hours=-1))], got
    title = str(e['SUMMARY'])
    assert sorted(d for _, _, d in got) == [f'{title} starts in one hour.',
                                            f'{title} starts tomorrow.'], got
assert str(first[full]['STATUS']) == 'TENTATIVE' and not alarms(first[full])

def changed(before, after, what):
    assert str(after['UID']) == str(before['UID']), (what, 'UID')
    assert int(after['SEQUENCE']) > int(before['SEQUENCE']), (what, 'SEQUENCE',
                                                              before['SEQUENCE'], after['SEQUENCE'])
    for prop in ('DTSTAMP', 'LAST-MODIFIED'):
        assert after.decoded(prop) > before.decoded(prop), (what, prop)

def cancelled(before, after, what):
    changed(before, after, what)
    assert str(after['STATUS']) == 'CANCELLED', (what, after['STATUS'])
    assert not alarms(after), (what, 'a cancelled event with reminders')

cancelled(first[drive], second[drive], 'cancelled by Ana')
cancelled(second[trees], third[trees], 'cancelled by a lead')
changed(second[mentor], third[mentor], 'moved by a lead')
assert str(third[mentor]['STATUS']) == 'CONFIRMED' and len(alarms(third[mentor])) == 2
assert local(first[mentor], 'DTSTART') == f'{day} 17:00', local(first[mentor], 'DTSTART')
assert (local(third[mentor], 'DTSTART'), local(third[mentor], 'DTEND')) == \
    (f'{day} 18:00', f'{day} 21:00')

# SEQUENCE never goes down from one export to the next; what did not change
# keeps it.
for before, after in ((first, second), (second, third)):
    for i in before:
        assert int(after[i]['SEQUENCE']) >= int(before[i]['SEQUENCE']), i
assert int(second[trees]['SEQUENCE']) == int(first[trees]['SEQUENCE'])
assert int(third[full]['SEQUENCE']) == int(first[full]['SEQUENCE'])
PY
echo "ok: same UIDs, STATUS:CANCELLED, higher SEQUENCE, new time, VALARMs"

echo "--- calcurse imports the exports"
# calcurse NAME: imports $work/NAME.ics into a fresh calcurse directory and
# lists the day in $cal_out.
calcurse_import() {
	local dir=$work/calcurse-$1
	mkdir -p "$dir"
	calcurse -D "$dir" -i "$work/$1.ics" >"$work/import.out" 2>&1 ||
		fail "calcurse -i $1.ics failed: $(cat "$work/import.out")"
	grep -q "4 apps / 0 events / 0 todos / 0 skipped" "$work/import.out" ||
		fail "calcurse did not import the 4 appointments of $1.ics: $(cat "$work/import.out")"
	cal_out=$(calcurse -D "$dir" --input-datefmt 4 -Q --from "$day" --days 1) ||
		fail "calcurse -Q failed"
	cal_apts=$(cat "$dir/apts")
}
calcurse_import first
for line in "09:00 -> 12:00" "Blood drive" "13:00 -> 16:00" "Tree planting" \
	"17:00 -> 20:00" "Mentoring" "Food bank (waitlist)"; do
	[[ $cal_out == *"$line"* ]] || fail "calcurse does not list '$line': $cal_out"
done
# calcurse marks an appointment with a reminder (its VALARM) with '!'.
grep -q '!Blood drive$' <<<"$cal_apts" || fail "calcurse took no reminder for Blood drive: $cal_apts"
grep -q '|Food bank (waitlist)$' <<<"$cal_apts" ||
	fail "calcurse took a reminder for the waitlisted place: $cal_apts"
calcurse_import third
[[ $cal_out == *"18:00 -> 21:00"* ]] || fail "calcurse does not list the moved time: $cal_out"
grep -q '|Tree planting$' <<<"$cal_apts" || fail "calcurse took a reminder for a cancelled place: $cal_apts"
echo "ok: calcurse imports and lists them"

echo "--- --me: refusals"
# daemon has no volunteer record.
as daemon 1 export ics --me
[[ $err == "csrdesk: you have no volunteer record: a team lead can link your Unix user to it" &&
	-z $out ]] || fail "--me without a volunteer record: '$err', output '$out'"
usage export ics --me --volunteer E2
usage export ics --volunteer E2 --me
echo "ok: refusals"

echo "--- the reminders in German"
# LANG names German; the machine need not have generated the locale (csrdesk
# then takes the language from LANG), and LOCPATH is left alone: glibc's
# setlocale keeps a string LeakSanitizer reports when it is set.
if [[ -n ${CSRDESK_LOCALEDIR-} ]]; then
	LC_ALL= LC_MESSAGES= LANGUAGE= LANG=de_DE.UTF-8 as nobody 0 export ics --me
	grep -qF "DESCRIPTION:Mentoring beginnt morgen." "$work/out" ||
		fail "no German reminder: $(grep DESCRIPTION "$work/out")"
	echo "ok: German reminders"
else
	echo "(no catalogue in the build: not checked)"
fi

echo "cli_calendar: all passed"
