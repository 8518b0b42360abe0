#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end: attendance pages through every place. An initiative has 500
# places, all confirmed through the command line, in an arrival order that
# is neither the order of the names nor of the volunteers' ids. On the day,
# a lead opens Initiatives, selects it and presses a: the pop-up shows the
# count (500) and the places in arrival order; End, Home, G, g, PgDn and
# PgUp move through all of them; End and 50 times Up select the 450th to
# arrive, whom a marks attended (Enter takes the hours asked); a search (/) narrows the list as it is
# typed, Esc clears it, Enter keeps it, and n marks the 300th to arrive a
# no-show. The database then holds exactly those two changes.
E2E_TIMEOUT=${E2E_TIMEOUT:-20} # a slow, shared machine: waits poll, never sleep this long
. "$(dirname "$0")/lib.sh"

command -v sqlite3 >/dev/null || { echo "e2e: sqlite3 is needed for this test" >&2; exit 1; }

PLACES=500
POPUP=" Attendance"

# name R: the name of the R-th person to arrive. Person K is the K-th in
# the roster (volunteer id K); arrivals take every 7th (7 and 500 are
# coprime, so all 500 come), so neither names nor ids sort as arrivals do.
person_of() { echo $(((($1 - 1) * 7) % PLACES + 1)); }
name() { printf 'Person %04d' "$(person_of "$1")"; }

e2e_config "$E2E_TMP/csrdesk.conf" </dev/null # the current user is an admin (a lead)
e2e_csr init >/dev/null
{
	echo "employee_id,name,team"
	for ((k = 1; k <= PLACES; k++)); do
		printf 'E%04d,Person %04d,Team %d\n' "$k" "$k" $((k % 7))
	done
} >"$E2E_TMP/volunteers.csv"
e2e_csr import volunteers "$E2E_TMP/volunteers.csv" >/dev/null
day=$(date -d '+2 days' '+%Y-%m-%d')
ini=$(e2e_csr initiative add --title "Harbour clean-up" --category environment \
	--starts "$day 09:00" --ends "$day 17:00" --capacity "$PLACES")
for ((r = 1; r <= PLACES; r++)); do
	printf -v employee 'E%04d' "$(person_of "$r")"
	e2e_csr signup "$ini" "$employee" >/dev/null
done

db() { sqlite3 "$E2E_TMP/csrdesk.db" "$@"; }
# The day has come: attendance is recorded once an initiative has started.
db "UPDATE initiative SET starts_at = strftime('%s', 'now') - 3600,
	ends_at = strftime('%s', 'now') + 4 * 3600 WHERE id = $ini"
# places: one line per place in arrival order: id|name|status|updated_at.
places() {
	db "SELECT s.id, v.name, s.status, s.updated_at FROM signup s
		JOIN volunteer v ON v.id = s.volunteer_id
		WHERE s.initiative_id = $ini ORDER BY s.id"
}
# changed: name|status of each place whose line differs from before, in
# arrival order, on one line.
changed() {
	places >"$E2E_TMP/after"
	diff "$E2E_TMP/before" "$E2E_TMP/after" | grep '^>' | cut -d'|' -f2,3 | paste -sd' ' || true
}
places >"$E2E_TMP/before"
[[ $(grep -c '|confirmed|' "$E2E_TMP/before") == "$PLACES" ]] ||
	e2e_fail "the command line did not confirm $PLACES places"
[[ $(sed -n '450p' "$E2E_TMP/before" | cut -d'|' -f2) == "$(name 450)" ]] ||
	e2e_fail "the 450th sign-up by id is not $(name 450)"

# ---- the pop-up and its keys ----

# The checks read the screen into a variable first: grep -q ends at its
# first match, and a pipe still being written into then fails (pipefail),
# which a check with ! would take for a pass.
popup() { e2e_popup "$POPUP"; }
# The rows of places in the pop-up: a name, then its status.
place_rows() { popup | grep -E 'Person [0-9]{4} .*(confirmed|attended|no-show)' || true; }
shows() { local text; text=$(popup); [[ $text == *"$1"* ]]; }
hides() { local text; text=$(popup); [[ $text == *"$POPUP"* && $text != *"$1"* ]]; }
# first_rows NAME...: the pop-up's first rows of places are these.
first_rows() {
	local IFS=,
	[[ $(place_rows | grep -oE 'Person [0-9]{4}' | head -n "$#" | paste -sd,) == "$*" ]]
}
row_is() { grep -qE -- "$1 +.*$2" <<<"$(place_rows)"; }

e2e_start --size 100x30 -- --config "$E2E_TMP/csrdesk.conf" --db "$E2E_TMP/csrdesk.db"
e2e_wait_for "Harbour clean-up"
e2e_wait_for "Places"
e2e_keys a
e2e_wait_until "$E2E_TIMEOUT" "no pop-up titled '$POPUP' opened on a" shows "$POPUP"
e2e_wait_until "$E2E_TIMEOUT" "the pop-up does not list the first arrivals first" \
	first_rows "$(name 1)" "$(name 2)" "$(name 3)"
e2e_pass "a opens the attendance of '$(name 1)', '$(name 2)', ... in arrival order"

# ---- the 450th to arrive: End, then 50 times Up ----

ups=()
for ((i = 0; i < 50; i++)); do ups+=(Up); done
e2e_keys End "${ups[@]}"
e2e_wait_until "$E2E_TIMEOUT" "End and 50 x Up did not show '$(name 450)'" shows "$(name 450)"
e2e_keys a
e2e_wait_for "Hours $(name 450) gave: 5" # the duration, asked: attendance records hours
e2e_keys Enter
changed_from() { [[ $(changed) != "$1" ]]; }
e2e_wait_until "$E2E_TIMEOUT" "a changed no place in the database" changed_from ""
[[ $(changed) == "$(name 450)|attended" ]] ||
	e2e_fail "a changed '$(changed)' in the database, not the 450th place:" \
		"'$(name 450)|attended'"
e2e_wait_until "$E2E_TIMEOUT" "the pop-up does not show '$(name 450)' attended" \
	row_is "$(name 450)" attended
e2e_pass "End and 50 x Up select the 450th place, '$(name 450)'; a marks only that one attended"

has_count() { e2e_has_number "$PLACES" <<<"$(popup)"; }
e2e_wait_until "$E2E_TIMEOUT" "the pop-up did not show the count $PLACES" has_count
e2e_pass "the pop-up shows the count, $PLACES"

e2e_keys Home
e2e_wait_until "$E2E_TIMEOUT" "Home did not go back to '$(name 1)'" first_rows "$(name 1)"
# Twice: a first PgDn may only take the cursor to the bottom of the page.
e2e_keys PageDown PageDown
e2e_wait_until "$E2E_TIMEOUT" "2 x PgDn did not scroll '$(name 1)' away" hides "$(name 1)"
e2e_keys PageUp PageUp
e2e_wait_until "$E2E_TIMEOUT" "2 x PgUp did not bring '$(name 1)' back" first_rows "$(name 1)"
e2e_keys End
e2e_wait_until "$E2E_TIMEOUT" "End did not show the last to arrive, '$(name $PLACES)'" \
	shows "$(name $PLACES)"
e2e_keys Home
e2e_wait_until "$E2E_TIMEOUT" "Home did not go back to '$(name 1)'" first_rows "$(name 1)"
e2e_keys G
e2e_wait_until "$E2E_TIMEOUT" "G did not show '$(name $PLACES)'" shows "$(name $PLACES)"
e2e_keys g
e2e_wait_until "$E2E_TIMEOUT" "g did not go back to '$(name 1)'" first_rows "$(name 1)"
e2e_pass "PgDn, PgUp, End, Home, G and g page through all $PLACES places"

# ---- search ----

e2e_keys g /
e2e_type "Person 02"
only_matches() { # PREFIX: every row of places shown matches, and some does
	local rows
	rows=$(place_rows)
	[[ -n $rows ]] && ! grep -vqF -- "$1" <<<"$rows"
}
e2e_wait_until "$E2E_TIMEOUT" "typing 'Person 02' did not narrow the list" only_matches "Person 02"
e2e_keys Escape
others_back() { grep -qE 'Person 0[013-9]' <<<"$(place_rows)"; }
e2e_wait_until "$E2E_TIMEOUT" "Esc in the search did not bring back the whole list" others_back
e2e_wait_until "$E2E_TIMEOUT" "the count after Esc is not $PLACES" has_count
e2e_pass "/ narrows the list as it is typed; Esc clears the search"

target=$(name 300)
e2e_keys /
e2e_type "${target%?}"
ten_rows() { [[ $(place_rows | wc -l) == 10 ]] && only_matches "${target%?}"; }
e2e_wait_until "$E2E_TIMEOUT" "'${target%?}' did not narrow the list to its 10 people" ten_rows
e2e_type "${target: -1}"
e2e_keys Enter
one_row() { [[ $(place_rows | wc -l) == 1 ]] && row_is "$target" confirmed; }
e2e_wait_until "$E2E_TIMEOUT" "Enter did not keep the search for '$target' (one row)" one_row
e2e_keys n
e2e_wait_until "$E2E_TIMEOUT" "n changed no place in the database" \
	changed_from "$(name 450)|attended"
[[ $(changed) == "$target|no-show $(name 450)|attended" ]] ||
	e2e_fail "after n the database has '$(changed)', not the 300th place a no-show too:" \
		"'$target|no-show $(name 450)|attended'"
e2e_wait_until "$E2E_TIMEOUT" "the pop-up does not show '$target' as a no-show" \
	row_is "$target" no-show
e2e_pass "/ '$target' Enter keeps the search; n marks only the 300th place, '$target', a no-show"

# Esc closes the pop-up (a first Esc may clear the kept search). Closed
# means gone for half a second: not a frame between two drawings, and no q
# sent so soon after an Esc still unread that the two make one Alt-q.
closed() { for ((j = 0; j < 5; j++)); do shows "$POPUP" && return 1; sleep 0.1; done; }
e2e_keys Escape
for ((i = 0; i < 4; i++)); do closed && break; done
closed || e2e_keys Escape
e2e_wait_until "$E2E_TIMEOUT" "Esc did not close the pop-up" closed
e2e_keys q
status=$(e2e_wait_exit)
[[ $status == 0 ]] || e2e_fail "q ended with status $status"
e2e_pass "Esc closes the pop-up, q quits with status 0"
