#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end: the list component on a large list, a lead on the Volunteers
# panel with 3,000 people imported from CSV. (a) PgDn pages on through
# the names in alphabetical order, End shows the last, Home the first,
# and the summary counts 3000; (b) / narrows the list and the count as
# the search is typed, Esc in the prompt restores them; (c) resized
# narrow, short and back while scrolled deep, the selected person stays
# selected and on screen; (d) while scrolled deep, another process renames
# and deactivates people around the selected one and adds a person just
# before it: within seconds, without a key, the screen shows it, the count
# changes and the selection stays; (e) the same on the Initiatives panel
# for an initiative added on the command line.
E2E_TIMEOUT=${E2E_TIMEOUT:-20} # a slow, shared machine: waits poll, never sleep this long
. "$(dirname "$0")/lib.sh"

LIVE_SECONDS=$((5 * E2E_SLOW)) # "within ~3 s": a poll a second, then a reload

e2e_config "$E2E_TMP/csrdesk.conf" </dev/null # the current user is an admin (a lead)
e2e_csr init >/dev/null

# 60 given names x 50 surnames: 3,000 people, imported surname by surname
# so that neither the ids nor the employee IDs follow the names' order.
given=(Aaron Abebe Ada Aiko Alba Amara Anders Anika Arjun Aroha Beatriz Bilal Bo Carmen Chidi
	Chloe Dalia Dmitri Elif Emeka Esme Farah Felix Gita Hana Hugo Ines Ivan Jada Jonas Kai Kofi
	Lara Leila Luca Mai Malik Mara Mateo Mira Nadia Nils Noor Olga Omar Pia Quinn Rafael Rosa
	Sami Sana Tariq Tomas Uma Vera Wei Yara Yusuf Zain Zoe)
surnames=(Abara Baker Chen Dahl Eze Fischer Garcia Haddad Ito Jensen Kaur Lopez Moreau Nakamura
	Okafor Petrov Quispe Rossi Silva Tanaka Ueda Varga Weber Xu Yilmaz Zhou Adeyemi Berg Costa
	Dubois Evans Fontaine Gomez Horvat Ibarra Jovanovic Kim Larsen Mensah Novak Olsen Park Reyes
	Santos Torres Usman Vogel Wang Yamamoto Ziegler)
teams=("Inbound Care" "Tech Support" "Back Office" "Billing" "Retention")
PEOPLE=$((${#given[@]} * ${#surnames[@]}))
{
	echo "employee_id,name,team"
	k=10001
	for s in "${surnames[@]}"; do
		for g in "${given[@]}"; do
			echo "E$k,$g $s,${teams[k % ${#teams[@]}]}"
			k=$((k + 1))
		done
	done
} >"$E2E_TMP/volunteers.csv"
e2e_csr import volunteers "$E2E_TMP/volunteers.csv" >/dev/null
# The list's order: by name, as SQLite compares text (bytes).
tail -n +2 "$E2E_TMP/volunteers.csv" | cut -d, -f2 | LC_ALL=C sort >"$E2E_TMP/people"
[[ $(wc -l <"$E2E_TMP/people") == 3000 ]] || e2e_fail "the roster is not 3000 people"
employee_of() { grep -F ",$1," "$E2E_TMP/volunteers.csv" | cut -d, -f1; }

# 80 initiatives on 80 days, titles without digits (the count is a number).
kinds=("Beach clean-up" "Blood drive" "Food bank shift" "Tree planting" "Mentoring evening"
	"Recycling day" "Charity run" "Clinic fundraiser")
places=(Northside Southbank Midtown Harbour Riverside Hillcrest Docklands Meadows Westgate
	Eastfield)
INITIATIVES=$((${#kinds[@]} * ${#places[@]}))
n=0
for p in "${places[@]}"; do
	for kind in "${kinds[@]}"; do
		n=$((n + 1))
		day=$(date -d "+$n days" '+%Y-%m-%d')
		echo "$kind $p" >>"$E2E_TMP/initiatives"
		e2e_csr initiative add --title "$kind $p" --category environment \
			--starts "$day 09:00" --ends "$day 12:00" --capacity 12 >/dev/null
	done
done

# ---- reading the list off the screen ----

# list_rows: the rows of the list on screen: the lines under the column
# heading HEAD, up to the details' divider or the key hints.
HEAD=" Name "
list_rows() {
	e2e_screen | awk -v head="$HEAD" 'index($0, head) == 1 { on = 1; next }
		/^──/ || /\? help/ { on = 0 } on && /^[> ][^ ]/'
}
# The first cell of each row (a name, a title); "…" ends a cut one.
first_cells() { list_rows | sed -E 's/^.//; s/ {2,}.*//; s/…$//'; }
# The checks read the screen into a variable first: grep -q ends at its
# first match, and a pipe still being written into then fails (pipefail),
# which a check with ! would take for a pass.
shows_row() { grep -qxF -- "$1" <<<"$(first_cells)"; }
selected() { list_rows | grep '^>' | sed -E 's/^.//; s/ {2,}.*//; s/…$//'; }
# is_selected NAME: the selected row shows NAME (or, cut by a narrow
# column, a start of it of 8 characters or more).
is_selected() {
	local s
	s=$(selected)
	[[ -n $s && $1 == "$s"* ]] && ((${#s} >= 8 || ${#s} == ${#1}))
}
# index_in FILE NAME: NAME's line in FILE (0 when it is not there).
index_in() { grep -nxF -- "$2" "$1" | cut -d: -f1 | grep . || echo 0; }
# in_order FILE: the rows on screen are consecutive lines of FILE.
in_order() {
	local shown first
	shown=$(first_cells)
	[[ -n $shown ]] || return 1
	first=$(index_in "$1" "$(head -n 1 <<<"$shown")")
	((first > 0)) || return 1
	[[ $shown == "$(sed -n "$first,$((first + $(wc -l <<<"$shown") - 1))p" "$1")" ]]
}
shows_count() { e2e_has_number "$1" <<<"$(e2e_screen)"; }
# settled: the selection stays the same for 0.4 s (the keys sent so far
# are done).
settled() {
	local before
	before=$(selected)
	sleep 0.4
	[[ -n $before && $(selected) == "$before" ]]
}
# at_least FILE N: the selected row is FILE's N-th line or a later one.
at_least() { (($(index_in "$1" "$(selected)") >= $2)); }
# go_deep FILE PAGES: from the top, PAGES x PgDn, then 3 x Down (off the
# top row, so that rows above it show too); sets $chosen to what is then
# selected and $chosen_at to its line in FILE.
go_deep() {
	local keys=(Home) i rows at
	rows=$(list_rows | wc -l)
	for ((i = 0; i < $2; i++)); do keys+=(PageDown); done
	e2e_keys "${keys[@]}"
	e2e_wait_until "$E2E_TIMEOUT" "$2 x PgDn did not go $2 pages on" \
		at_least "$1" $(($2 * (rows - 1) + 1))
	e2e_wait_until "$E2E_TIMEOUT" "the list did not settle after $2 x PgDn" settled
	at=$(index_in "$1" "$(selected)")
	e2e_keys Down Down Down
	chosen_at=$((at + 3))
	chosen=$(sed -n "${chosen_at}p" "$1")
	e2e_wait_until "$E2E_TIMEOUT" "3 x Down did not select '$chosen'" is_selected "$chosen"
}
# elapsed_since START: whole seconds since START ($EPOCHREALTIME).
elapsed_since() { echo $(((${EPOCHREALTIME/[.,]/} - ${1/[.,]/}) / 1000000)); }

e2e_start --size 100x30 -- --config "$E2E_TMP/csrdesk.conf" --db "$E2E_TMP/csrdesk.db"
e2e_wait_for "1 Initiatives"
e2e_keys 2

# ---- (a) paging ----

first=$(head -n 1 "$E2E_TMP/people")
last=$(tail -n 1 "$E2E_TMP/people")
e2e_wait_until "$E2E_TIMEOUT" "the Volunteers panel did not select '$first' first" \
	is_selected "$first"
e2e_wait_until "$E2E_TIMEOUT" "the summary did not count $PEOPLE people" shows_count "$PEOPLE"
in_order "$E2E_TMP/people" || e2e_fail "the first page is not in alphabetical order"
rows=$(list_rows | wc -l)
e2e_pass "the Volunteers panel lists $rows of $PEOPLE people, from '$first', and counts them"

e2e_keys PageDown
e2e_wait_until "$E2E_TIMEOUT" "PgDn did not move a page on" at_least "$E2E_TMP/people" "$rows"
e2e_keys PageDown PageDown PageDown PageDown
e2e_wait_until "$E2E_TIMEOUT" "5 x PgDn did not move 5 pages on" \
	at_least "$E2E_TMP/people" $((5 * (rows - 1) + 1))
e2e_wait_until "$E2E_TIMEOUT" "the list after 5 x PgDn is not in alphabetical order" \
	in_order "$E2E_TMP/people"
e2e_keys End
e2e_wait_until "$E2E_TIMEOUT" "End did not select the last person, '$last'" is_selected "$last"
in_order "$E2E_TMP/people" || e2e_fail "the last page is not in alphabetical order"
e2e_keys Home
e2e_wait_until "$E2E_TIMEOUT" "Home did not select the first person, '$first'" is_selected "$first"
e2e_pass "PgDn pages on in alphabetical order, End selects '$last', Home '$first'"

# ---- (b) search ----

search=Okafor
grep -F "$search" "$E2E_TMP/people" >"$E2E_TMP/matches"
matches=$(wc -l <"$E2E_TMP/matches")
all_match() {
	local cells
	cells=$(first_cells)
	[[ -n $cells ]] && ! grep -vqF -- "$search" <<<"$cells"
}
e2e_keys /
e2e_type "$search"
e2e_wait_until "$E2E_TIMEOUT" "typing '$search' did not narrow the list" all_match
e2e_wait_until "$E2E_TIMEOUT" "typing '$search' did not count $matches matches" \
	shows_count "$matches"
in_order "$E2E_TMP/matches" || e2e_fail "the matches are not in alphabetical order"
e2e_keys Escape
e2e_wait_until "$E2E_TIMEOUT" "Esc did not count $PEOPLE people again" shows_count "$PEOPLE"
whole_list() { ! all_match && in_order "$E2E_TMP/people"; }
e2e_wait_until "$E2E_TIMEOUT" "Esc did not bring back the whole list" whole_list
e2e_pass "/ $search narrows the list to its $matches matches as it is typed, Esc restores it"

# ---- (c) resize while scrolled deep ----

go_deep "$E2E_TMP/people" 100

# sized W H: the program has drawn for W x H: H lines, the tabs at the
# top, the hints at the bottom, the count in the summary (whose right
# end a cut old screen lacks), and the chosen person selected.
sized() {
	local screen
	screen=$(e2e_screen)
	[[ $(wc -l <<<"$screen") == "$2" && $(head -n 1 <<<"$screen") == *"1 Initiatives"* &&
		$(tail -n 1 <<<"$screen") == *"? help"* ]] &&
		e2e_has_number "$PEOPLE" <<<"$screen" && is_selected "$chosen"
}
e2e_resize 44 30
e2e_wait_until "$E2E_TIMEOUT" "at 44x30 '$chosen' is not selected on screen" sized 44 30
e2e_resize 100 13
e2e_wait_until "$E2E_TIMEOUT" "at 100x13 '$chosen' is not selected on screen" sized 100 13
e2e_resize 100 30
e2e_wait_until "$E2E_TIMEOUT" "back at 100x30 '$chosen' is not selected on screen" sized 100 30
shows_details() { grep -qE "Employee +$(employee_of "$chosen")( |$)" <<<"$(e2e_screen)"; }
e2e_wait_until "$E2E_TIMEOUT" "back at 100x30 the details are not '$chosen''s" shows_details
in_order "$E2E_TMP/people" || e2e_fail "after the resizes the list is not in alphabetical order"
e2e_pass "resized to 44x30, 100x13 and back, '$chosen' (number $chosen_at) stays selected"

# ---- (d) a live change while scrolled deep ----

prev=$(sed -n "$((chosen_at - 1))p" "$E2E_TMP/people")
next=$(sed -n "$((chosen_at + 1))p" "$E2E_TMP/people")
after=$(sed -n "$((chosen_at + 2))p" "$E2E_TMP/people")
renamed="$next Junior" newcomer="$prev Newcomer" # right after next, right before chosen
{
	echo "employee_id,name,team,active"
	echo "$(employee_of "$next"),$renamed,Billing,1"
	echo "$(employee_of "$prev"),$prev,Billing,0"
	echo "$(employee_of "$after"),$after,Billing,0"
	echo "E20001,$newcomer,Billing,1"
} >"$E2E_TMP/change.csv"
{
	grep -vxF -e "$prev" -e "$next" -e "$after" "$E2E_TMP/people"
	printf '%s\n' "$renamed" "$newcomer"
} | LC_ALL=C sort >"$E2E_TMP/people.after"
now_people=$((PEOPLE - 1))
start=$EPOCHREALTIME
e2e_csr import volunteers "$E2E_TMP/change.csv" >/dev/null
# shellcheck disable=SC2016 # e2e_wait_all evaluates the checks
e2e_wait_all "$E2E_TIMEOUT" "the screen did not show the change around '$chosen'" \
	"shows_count $now_people" 'is_selected "$chosen"' 'shows_row "$newcomer"' \
	'shows_row "$renamed"' 'in_order "$E2E_TMP/people.after"'
took=$(elapsed_since "$start")
((took <= LIVE_SECONDS)) || e2e_fail "the change showed after ${took}s, more than ${LIVE_SECONDS}s"
e2e_pass "a change by another process shows within ${took}s, no key pressed: '$chosen'" \
	"stays selected, the count is $now_people"

# ---- (e) the same on the Initiatives panel ----

HEAD=" Title "
e2e_keys 1
e2e_wait_until "$E2E_TIMEOUT" "the Initiatives panel does not count $INITIATIVES" \
	shows_count "$INITIATIVES"
in_order "$E2E_TMP/initiatives" || e2e_fail "the initiatives are not in date order"
go_deep "$E2E_TMP/initiatives" 4
watched=$chosen

# A new initiative an hour before the watched one (a day after the one
# before it) comes right before it in the list.
added="Pop-up blood drive"
day=$(date -d "+$chosen_at days" '+%Y-%m-%d')
sed "${chosen_at}i $added" "$E2E_TMP/initiatives" >"$E2E_TMP/initiatives.after"
start=$EPOCHREALTIME
e2e_csr initiative add --title "$added" --category health --starts "$day 08:00" \
	--ends "$day 08:45" --capacity 5 >/dev/null
# shellcheck disable=SC2016 # e2e_wait_all evaluates the checks
e2e_wait_all "$E2E_TIMEOUT" "the Initiatives panel did not show the new initiative" \
	"shows_count $((INITIATIVES + 1))" 'is_selected "$watched"' 'shows_row "$added"' \
	'in_order "$E2E_TMP/initiatives.after"'
took=$(elapsed_since "$start")
((took <= LIVE_SECONDS)) ||
	e2e_fail "the new initiative showed after ${took}s, more than ${LIVE_SECONDS}s"
e2e_pass "an initiative added on the command line shows within ${took}s: '$watched' stays selected"

e2e_keys q
status=$(e2e_wait_exit)
[[ $status == 0 ]] || e2e_fail "q ended with status $status"
e2e_pass "q quits with status 0"
