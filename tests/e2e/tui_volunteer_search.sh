#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Searches of one or two characters in the Volunteers panel (read from the
# short index, migration 14): (a) as they are typed, the list shows only
# people who match and the count is LIKE's (a rare pair, a two-character
# name, a common letter, ASCII case ignored); (b) another program's import
# (a rename, a new person, one who left) changes the open search's rows and
# count; (c) with "everyone" chosen the person who left counts again.
. "$(dirname "$0")/lib.sh"

LIVE_SECONDS=$((5 * E2E_SLOW)) # a poll a second, then a reload

e2e_config "$E2E_TMP/csrdesk.conf" </dev/null # the current user is an admin (a lead)
e2e_csr init >/dev/null

# 25 x 16 people and a few whose names are two characters (Chinese names
# in Han script), one of them with an email holding a rare pair.
given=(Aaron Abebe Beatriz Bilal Carmen Chidi Dalia Elif Farah Felix Hana Hugo Ines Jonas Kofi
	Lara Mateo Nadia Omar Rosa Sami Tariq Vera Yusuf Zain)
surnames=(Baker Chen Eze Fischer Garcia Ito Kaur Lopez Moreau Novak Okafor Petrov Rossi Silva
	Weber Xu)
{
	echo "employee_id,name,team,site,email,skills,unix_user,active"
	k=1001
	for s in "${surnames[@]}"; do
		for g in "${given[@]}"; do
			echo "E$k,$g $s,Care,HQ,e$k@example.org,,,1"
			k=$((k + 1))
		done
	done
	echo "H1,黄敏,Care,HQ,h1@example.org,,,1"
	echo "H2,黄敏华,Care,HQ,h2@example.org,,,1"
	echo "H3,王秀英,Care,HQ,aqxb@example.org,,,1"
} >"$E2E_TMP/volunteers.csv"
e2e_csr import volunteers "$E2E_TMP/volunteers.csv" >/dev/null

# matching TEXT [all]: how many active people (all: how many people) the
# roster file says match: TEXT in the name, employee ID, team or email,
# ASCII letters in either case (LC_ALL=C: awk folds ASCII only and compares
# bytes, as LIKE does).
matching() {
	LC_ALL=C awk -F, -v s="$1" -v all="${2:-}" 'NR > 1 && ($8 == 1 || all != "") {
		t = tolower(s)
		if (index(tolower($2), t) || index(tolower($1), t) || index(tolower($3), t) ||
		    index(tolower($5), t)) n++ } END { print n + 0 }' "$E2E_TMP/volunteers.csv"
}

# The rows of the list on screen: the lines under the column heading up to
# the details' divider or the key hints; their first cell (the name).
list_rows() {
	e2e_screen | awk 'index($0, " Name ") == 1 { on = 1; next }
		/^──/ || /\? help/ { on = 0 } on && /^[> ][^ ]/'
}
first_cells() { list_rows | sed -E 's/^.//; s/ {2,}.*//; s/…$//'; }
# shows TEXT COUNT NAME...: the summary counts COUNT people and the rows
# are exactly NAME... (in this order); NAME "-" means "any rows, all
# matching TEXT in their name" (the searches below match only in names).
shows() {
	local text=$1 count=$2 summary cells
	shift 2
	summary=$(e2e_screen | grep -F "matching \"$text\"") || return 1
	[[ $summary == *" person"* || $summary == *" people"* ]] || return 1
	e2e_has_number "$count" <<<"${summary##*\"}" || return 1
	cells=$(first_cells)
	if [[ $1 == - ]]; then
		[[ -n $cells ]] && ! LC_ALL=C grep -viqF -- "$text" <<<"$cells"
	else
		[[ $cells == "$(printf '%s\n' "$@")" ]]
	fi
}
# search TEXT: / then TEXT typed into the prompt (the list follows each key).
search() {
	e2e_keys /
	e2e_wait_for "Search:"
	e2e_type "$1"
}

e2e_start --size 100x40 -- --config "$E2E_TMP/csrdesk.conf" --db "$E2E_TMP/csrdesk.db"
e2e_wait_for "1 Initiatives"
e2e_keys 2
counts_all() { e2e_has_number 403 <<<"$(e2e_screen | grep -E " people$")"; }
e2e_wait_until "$E2E_TIMEOUT" "the Volunteers panel did not count 403 people" counts_all

# ---- (a) as typed ----

search "黄"
e2e_wait_until "$E2E_TIMEOUT" "'黄' did not show the two people named 黄…" \
	shows "黄" 2 "黄敏" "黄敏华"
e2e_type "敏"
e2e_wait_until "$E2E_TIMEOUT" "'黄敏' did not show 黄敏 and 黄敏华" shows "黄敏" 2 "黄敏" "黄敏华"
e2e_keys Escape
e2e_wait_gone 'matching "'

search "QX"
e2e_wait_until "$E2E_TIMEOUT" "'QX' did not find the email aqxb@example.org" shows "QX" 1 "王秀英"
e2e_keys Escape
e2e_wait_gone 'matching "'

n=$(matching "xu")
((n == 25)) || e2e_fail "the roster has $n people matching xu, not 25"
search "xU"
e2e_wait_until "$E2E_TIMEOUT" "'xU' did not count $n people, all named …Xu" shows "xU" "$n" -
n=$(matching "z")
e2e_keys BSpace BSpace
e2e_type "z"
e2e_wait_until "$E2E_TIMEOUT" "'z' did not count $n people" shows "z" "$n" -
e2e_pass "one and two characters (a Han name, a rare pair in an email, ASCII in either case) show LIKE's rows and count"

# ---- (b) another program's import, the search open ----

e2e_keys Enter # the search stays; the list keeps it
cat >"$E2E_TMP/changes.csv" <<'CSV'
employee_id,name,team,site,email,skills,unix_user,active
E1001,Aaron Zweig,Care,HQ,e1001@example.org,,,1
E2001,Zola Quist,Care,HQ,e2001@example.org,,,1
E1025,Zain Baker,Care,HQ,e1025@example.org,,,0
CSV
e2e_csr import volunteers "$E2E_TMP/changes.csv" >/dev/null
# the roster file as it now is, for matching
LC_ALL=C awk -F, 'NR == FNR { if (FNR > 1) row[$1] = $0; next }
	FNR == 1 || !($1 in row) { print; next } { print row[$1]; delete row[$1] }
	END { for (k in row) print row[k] }' "$E2E_TMP/changes.csv" "$E2E_TMP/volunteers.csv" \
	>"$E2E_TMP/now.csv"
mv "$E2E_TMP/now.csv" "$E2E_TMP/volunteers.csv"
n=$(matching "z")
e2e_wait_until "$LIVE_SECONDS" "the import did not bring 'z' to $n people" shows "z" "$n" -
shows_name() { grep -qxF -- "$1" <<<"$(first_cells)"; }
e2e_wait_until "$E2E_TIMEOUT" "the renamed Aaron Zweig is not on the first page" shows_name "Aaron Zweig"
e2e_pass "another program's rename, new person and leaver change the open search's rows and count"

# ---- (c) everyone, also those who left ----

e2e_keys f
e2e_wait_for " Show "
e2e_keys Down Enter
e2e_wait_for "Everyone, also those who left, matching"
n=$(matching "z" all)
e2e_wait_until "$E2E_TIMEOUT" "with everyone chosen 'z' did not count $n people" shows "z" "$n" -
e2e_pass "with everyone chosen, the person who left counts again ($n people match 'z')"
