#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end (issue 12, "Done when"): with LANG=de_DE.UTF-8 every screen
# speaks German. The build makes the German locale (localedef into the
# build tree; the test sets LOCPATH), as a German server has it; the test
# walks the
# lead's interface (the three panels and their details, the help, every
# menu of the menu bar and every dialog a key or a menu opens) and the
# kiosk (the sign-in, an agent's panels and dialogs), and fails on any
# English word of the interface on any of these screens. The content is
# German (a German config and German data), so an English word can only
# come from the program.
# It also types numbers the way German does: "1.500" as an impact value
# stores 1500 and "1,5" stores 1.5; under English "1.500" is refused as
# ambiguous and "1,5" is refused.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_menu.sh"

# The build made it (tests/e2e/meson.build: localedef, package locales).
locales=${E2E_LOCPATH:?set E2E_LOCPATH to the directory holding de_DE.UTF-8}
[[ -d $locales/de_DE.UTF-8 ]] || e2e_fail "no German locale in $locales"
german=(LANG=de_DE.UTF-8 LOCPATH="$locales")

e2e_config "$E2E_TMP/csrdesk.conf" <<'CONF'
kiosk { require_pin = false }
metric "baeume"  { title = "Gepflanzte Bäume"   unit = "Bäume" }
metric "spenden" { title = "Gesammelte Spenden" unit = "EUR" }
category "umwelt"   { title = "Umweltschutz"        color = "green"  metrics = {"baeume"} }
category "soziales" { title = "Soziale Unterstützung" color = "yellow" metrics = {"spenden"} }
CONF
e2e_csr init >/dev/null
printf '%s\n' "employee_id,name,team,site,email,skills,unix_user" \
	"E1,Lea Leitung,Kundenservice,Berlin,lea@example.com,,$(id -un)" \
	"E2,Jürgen Müller,Technik,Berlin,jm@example.com,," \
	"E3,Anna Schmidt,Technik,Köln,as@example.com,," >"$E2E_TMP/volunteers.csv"
e2e_csr import volunteers "$E2E_TMP/volunteers.csv" >/dev/null
at() { date -d "@$(($(date +%s) + $1 * 3600))" '+%Y-%m-%d %H:%M'; }
park=$(e2e_csr initiative add --title "Baumpflanzung im Stadtpark" --category umwelt \
	--capacity 1 --starts "$(at 30)" --ends "$(at 33)")
tafel=$(e2e_csr initiative add --title "Essensausgabe bei der Tafel" --category soziales \
	--capacity 5 --starts "$(at 3)" --ends "$(at 5)")
e2e_csr signup "$park" E2 >/dev/null
e2e_csr signup "$park" E3 >/dev/null
e2e_csr signup "$tafel" E2 >/dev/null
sql() { sqlite3 -batch "$E2E_TMP/csrdesk.db" "$1"; }
# The Tafel is under way (attendance and impact are taken once it started).
sql "UPDATE initiative SET starts_at = strftime('%s', 'now') - 3600,
	ends_at = strftime('%s', 'now') + 3600 WHERE id = $tafel"
e2e_csr impact add "$tafel" spenden 250 >/dev/null
e2e_csr hours log E2 --initiative "$tafel" --date "$(date +%Y-%m-%d)" --hours 2 \
	>/dev/null

# Words of the English interface that German never uses. Names, titles and
# units above are German; key names (Enter, Esc, Tab) are the keys' own.
# Details, Status, Name and Partner are German words too.
english='the|and|you|your|with|from|for|this|that|are|not|will|none|yet|' \
english+='Initiatives|Volunteers|Impact|Search|Help|Quit|Hours|hours|Sign|sign|'
english+='Cancel|cancel|cancelled|Cancelled|confirmed|Confirmed|waitlisted|Waitlisted|'
english+='Waitlist|waitlist|places|Places|place|Save|Edit|edit|New|Rate|rate|Approve|'
english+='Reject|Attendance|attendance|Goal|Goals|Period|Scope|Category|Everyone|year|'
english+='month|Show|Back|back|next|previous|Press|record|Record|Reports|people|People|'
english+='Starts|Ends|Capacity|open|Open|full|Full|done|Done|upcoming|Upcoming|'
english+='Title|Description|Location|Site|Skills|Email|Tools|View|Log|Total|'
english+='Partners|Announcements|menu|Menu|quit|help|search|filter|order|scope|new|'
english+='attended|walk-in|Walk-in|move|Move|approval|pending|Pending|Approved|approved|'
english+='Rejected|rejected|Employee|Volunteer|volunteer|Metric|Value|Note|Date|Reason|'
english+='reason|Yes|No|OK|Close|close|Choose|choose|Type|type|Enter a|Leads|Lead|agent|admin'
problems=$E2E_TMP/problems
: >"$problems"

# german_screen WHERE: notes every English word on the screen.
german_screen() {
	local words
	words=$(e2e_screen | grep -owE "$english" | sort -u | tr '\n' ' ' || true)
	[[ -z $words ]] || printf '%s: %s\n' "$1" "$words" >>"$problems"
}

# visit WHERE KEYS...: sends the keys, waits for the screen to settle,
# checks it, and goes back with Esc (twice: a dialog and its question).
settle() { sleep "$(awk "BEGIN { print 0.4 * $E2E_SLOW }")"; }
visit() {
	local where=$1
	shift
	e2e_keys "$@"
	settle
	german_screen "$where"
	e2e_keys Escape
	settle
	e2e_keys Escape
	settle
}

# ---- the lead (an admin) ----
e2e_start --session lead --size 100x30 "${german[@]}" -- \
	--config "$E2E_TMP/csrdesk.conf" --db "$E2E_TMP/csrdesk.db"
e2e_wait_for "1 Initiativen"
german_screen "Initiativen"
e2e_keys Enter
settle
german_screen "Initiativen, Details"
e2e_keys Escape
for key in s x l r / f o n e a S i I; do
	e2e_keys Home
	visit "Initiativen, Taste $key" "$key"
done
e2e_keys F1
settle
german_screen "Hilfe"
for ((i = 0; i < 6; i++)); do
	e2e_keys PageDown
	settle
	german_screen "Hilfe, Seite $((i + 2))"
done
e2e_keys Escape
settle
e2e_keys 2
e2e_wait_for "Jürgen Müller"
german_screen "Freiwillige"
e2e_keys Enter
settle
german_screen "Freiwillige, Details"
e2e_keys Escape
for key in / f n e h p; do
	visit "Freiwillige, Taste $key" "$key"
done
e2e_keys 3
settle
german_screen "Wirkung"
for key in f t; do
	visit "Wirkung, Taste $key" "$key"
done

# The items of the open drop-down menu, one a line (the label without its
# key): the box that hangs from the menu bar on the screen's second line.
menu_items() {
	local LC_ALL=C.UTF-8 lines left r
	mapfile -t lines < <(e2e_screen)
	[[ ${lines[1]} == *┌* ]] || return 0
	r=${lines[1]%%┌*}
	left=${#r}
	for ((r = 2; r < ${#lines[@]}; r++)); do
		[[ ${lines[r]:left:1} == └ ]] && break
		printf '%s\n' "${lines[r]:left+1}" | sed -E 's/^ //; s/ {2,}.*$//; s/ *│.*$//'
	done
}

# open_menu M: the menu bar with the M-th menu (from 0) dropped down.
open_menu() {
	e2e_keys 1 Home F10
	settle
	local r
	for ((r = 0; r < $1; r++)); do e2e_keys Right; done
	settle
}

# audit_log_walk WHERE: the audit log (admins) shows what the data layer
# wrote, in its own words (signup.add, the change's detail): its filter form
# is checked, then the list filtered to no entry (the headings, the summary
# and the empty list's text).
audit_log_walk() {
	e2e_wait_for "Protokoll ("
	e2e_keys f
	e2e_wait_for "Protokoll filtern"
	german_screen "$1, f"
	e2e_type "niemand"
	e2e_keys F2
	e2e_wait_for "Protokoll (0 Einträge)"
	german_screen "$1, gefiltert"
}

# Every menu of the menu bar, and every item in it but Beenden (quit).
first_menu=''
for ((m = 0; m < 8; m++)); do
	open_menu "$m"
	mapfile -t items < <(menu_items)
	((${#items[@]})) || e2e_fail "menu $((m + 1)) shows no items"
	[[ $m -gt 0 && ${items[*]} == "$first_menu" ]] && { e2e_keys Escape; break; }
	((m > 0)) || first_menu=${items[*]}
	german_screen "Menü $((m + 1))"
	e2e_keys Escape
	for ((item = 0; item < ${#items[@]}; item++)); do
		[[ ${items[item]} == Beenden ]] && continue
		open_menu "$m"
		for ((r = 0; r < item; r++)); do e2e_keys Down; done
		e2e_keys Enter
		settle
		if [[ ${items[item]} == Protokoll ]]; then
			audit_log_walk "Menü $((m + 1)), ${items[item]}"
		else
			german_screen "Menü $((m + 1)), ${items[item]}"
		fi
		e2e_keys Escape
		settle
		e2e_keys Escape
		settle
		[[ ! -s $E2E_TMP/lead.status ]] ||
			e2e_fail "the interface ended at menu $((m + 1)), ${items[item]}"
	done
done
((m > 2)) || e2e_fail "only $m menus found on the menu bar"

# ---- the kiosk ----
# A notification for Jürgen: the pop-up after signing in shows it.
now=$(date +%s)
sql "INSERT INTO notification (volunteer_id, kind, initiative_id, created_at, due_at)
	SELECT id, 'promoted', $park, $now, $now FROM volunteer WHERE employee_id = 'E2'"
e2e_start --session kiosk --size 100x30 "${german[@]}" -- \
	--config "$E2E_TMP/csrdesk.conf" --db "$E2E_TMP/csrdesk.db" --kiosk
settle
e2e_wait_for "Personalnummer"
german_screen "Terminal, Anmeldung"
e2e_type "E2"
e2e_keys Enter
e2e_wait_for "neue Benachrichtigung"
german_screen "Terminal, Benachrichtigungen nach der Anmeldung"
e2e_keys Escape
e2e_wait_gone "neue Benachrichtigung"
e2e_wait_for "Jürgen Müller"
e2e_keys j # the greeting gives way to the status line's glance
settle
german_screen "Terminal, Initiativen"
for key in s x l r / f N; do
	visit "Terminal, Taste $key" "$key"
done
e2e_keys 2
settle
german_screen "Terminal, Meine Einsätze"
visit "Terminal, Meine Einsätze, Taste l" l
visit "Terminal, Meine Einsätze, Taste o" o
e2e_keys o Tab Tab Space
settle
german_screen "Terminal, Kategorien ankreuzen"
e2e_keys Escape
settle
e2e_keys Escape
settle
e2e_keys Escape
settle
e2e_keys 3
settle
german_screen "Terminal, Wirkung"
e2e_keys F1
settle
german_screen "Terminal, Hilfe"
e2e_keys Escape

# Signing in with a PIN: a person without one is asked for the activation
# code; a wrong code says so.
sed 's/require_pin = false/require_pin = true/' "$E2E_TMP/csrdesk.conf" >"$E2E_TMP/pin.conf"
e2e_start --session pin --size 100x30 "${german[@]}" -- \
	--config "$E2E_TMP/pin.conf" --db "$E2E_TMP/csrdesk.db" --kiosk
e2e_wait_for "Personalnummer"
e2e_type "E3"
e2e_keys Enter
settle
german_screen "Terminal, Aktivierungscode"
e2e_type "00000000"
e2e_keys Enter
settle
german_screen "Terminal, falscher Code"

if [[ -s $problems ]]; then
	cat "$problems" >&2
	e2e_fail "$(wc -l <"$problems") screens show English words (above)"
fi
e2e_pass "every screen visited speaks German"

# ---- numbers as German types them ----
e2e_start --session numbers --size 100x30 "${german[@]}" -- \
	--config "$E2E_TMP/csrdesk.conf" --db "$E2E_TMP/csrdesk.db"
e2e_wait_for "Essensausgabe"
# (the impact form: metric and value; the first metric of the category)
impact_value() { # TYPED: records TYPED through the form, prints the stored value
	e2e_keys i
	settle
	e2e_keys Tab
	e2e_type "$1"
	e2e_keys F2 # save
	settle
}
# (the first initiative is the Tafel, under way: its one metric, spenden)
last_value() { sql "SELECT value FROM impact WHERE initiative_id = $tafel AND id > 1 ORDER BY id DESC LIMIT 1"; }
impact_value "1.500"
[[ $(last_value) == 1500.0 ]] || e2e_fail "German '1.500' stored $(last_value), not 1500"
e2e_keys Escape Escape
impact_value "1,5"
[[ $(last_value) == 1.5 ]] || e2e_fail "German '1,5' stored $(last_value), not 1.5"
e2e_keys Escape Escape
e2e_pass "German input: '1.500' is 1500 and '1,5' is 1.5"
e2e_keys q
e2e_wait_exit >/dev/null

e2e_start --session english --size 100x30 LANG=C.UTF-8 -- \
	--config "$E2E_TMP/csrdesk.conf" --db "$E2E_TMP/csrdesk.db"
e2e_wait_for "1 Initiatives"
e2e_wait_for "Essensausgabe"
before=$(sql "SELECT count(*) FROM impact")
impact_value "1.500"
e2e_wait_for "could mean 1.5 or 1,500"
e2e_keys Escape Escape
impact_value "1,5"
e2e_wait_for "is not a number like"
e2e_keys Escape Escape
[[ $(sql "SELECT count(*) FROM impact") == "$before" ]] ||
	e2e_fail "English stored a value for '1.500' or '1,5'"
e2e_pass "English input: '1.500' refused as ambiguous, '1,5' refused"
e2e_keys q

