#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end: the bash completion (data/bash-completion/csrdesk). Sources it
# and calls its function as bash does on Tab, with COMP_WORDS and
# COMP_CWORD, for the commands, their words, options and fixed values, file
# names; then checks that every command, word and option that
# `csrdesk --help` lists is completed, so a new one without completion fails.
# Runs under set -eu, which the completion must survive too.
# Needs $CSRDESK (the binary) and bash; not the bash-completion package.
set -euo pipefail

: "${CSRDESK:?set CSRDESK to the csrdesk binary}"
src=$(cd "${E2E_DIR:-${0%/*}}/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/csrdesk-completion-XXXXXX")
trap 'rm -rf "$work"' EXIT

fail() {
	echo "cli_completion: FAIL: $*" >&2
	exit 1
}

# shellcheck source=../../data/bash-completion/csrdesk
. "$src/data/bash-completion/csrdesk"
[[ $(complete -p csrdesk) == *"-F _csrdesk"* ]] || fail "csrdesk is not given to _csrdesk"

# complete_words WORD...: what Tab offers for the command line WORD...,
# where the last WORD is the one the cursor is in ("" for a new word).
# Sets $got: the offers, sorted, one space after each.
complete_words() {
	COMP_WORDS=("$@")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMP_LINE="$*"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_csrdesk csrdesk "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
	got=$(printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ')
	[[ $got != " " ]] || got=""
}

# complete_line LINE: complete_words with LINE split at spaces (a trailing space
# starts a new, empty word).
complete_line() {
	local -a words
	read -ra words <<<"$1"
	[[ $1 != *" " ]] || words+=("")
	complete_words "${words[@]}"
}

sorted() { printf '%s\n' "$@" | sort | tr '\n' ' '; }

# expect LINE WORD...: Tab on LINE offers exactly the WORDs.
expect() {
	local line=$1
	shift
	complete_line "$line"
	local want=""
	(($# == 0)) || want=$(sorted "$@")
	[[ $got == "$want" ]] || fail "'$line<Tab>' offers '$got', expected '$want'"
}

# offers LINE WORD: Tab on LINE offers WORD (among others).
offers() {
	complete_line "$1"
	[[ " $got" == *" $2 "* ]] || fail "'$1<Tab>' does not offer $2 (offers '$got')"
}

echo "--- commands, words and fixed values"
expect "csrdesk ex" export
expect "csrdesk i" init import initiative impact
expect "csrdesk export " volunteers initiatives signups hours impact ics sheet audit person me
expect "csrdesk export audit --" --actor --action --excel --from --no-excel --to
expect "csrdesk export audit --actor " # a login: not completed
expect "csrdesk export audit --from 2026-01-01 --" --actor --action --excel --no-excel --to
expect "csrdesk export me "
expect "csrdesk export person " # employee IDs are not completed
expect "csrdesk erase E1 --" --yes
expect "csrdesk retention --" --dry-run
expect "csrdesk export sheet 3 --" --format --kind --lang
expect "csrdesk export sheet 3 --lang " de en
expect "csrdesk export sheet 3 --format " html text
expect "csrdesk export sheet 3 --kind " signup attendance
expect "csrdesk export sheet " # initiative ids are not completed
expect "csrdesk partner " add edit list
expect "csrdesk partner add Sea --" --contact --email --phone --website --notes
expect "csrdesk partner edit 2 --phone 1 --" --name --contact --email --website --url --notes
expect "csrdesk partner list "
expect "csrdesk export vol" volunteers
expect "csrdesk export volunteers " --excel --format --no-excel
expect "csrdesk export hours --format " csv
expect "csrdesk export ics " --me --volunteer
expect "csrdesk export ics --me "
expect "csrdesk export ics --volunteer E1 "
expect "csrdesk export ics --volunteer "
expect "csrdesk report --format " text md csv html b4si
expect "csrdesk report --format h" html
expect "csrdesk report --period 2026 --" --team --format --lang --excel --no-excel
expect "csrdesk report --lang " de en
expect "csrdesk report --team " # a team name: nothing to offer
expect "csrdesk import " volunteers
expect "csrdesk initiative " add edit status
expect "csrdesk initiative add --title Trees --capacity 4 --" \
	--category --starts --ends --minimum --partner --location --description --own-time \
	--beneficiaries --goal
expect "csrdesk initiative edit 4 --goal trees=5 --" \
	--title --category --starts --ends --capacity --minimum --partner --location --description \
	--own-time --beneficiaries --goal
expect "csrdesk initiative edit 4 --own-time " yes no
expect "csrdesk initiative status 4 " open closed done cancelled
expect "csrdesk impact " add list edit void
expect "csrdesk impact void 3 --" --reason
expect "csrdesk impact list 3 --"
expect "csrdesk hours " list approve reject revert log
expect "csrdesk hours list --pending --" --volunteer
expect "csrdesk hours log E1 --date 2026-12-01 --" --hours --initiative --note --own-time \
	--company-time
expect "csrdesk hours log E1 --own-time --" --date --hours --initiative --note
expect "csrdesk management " log list
expect "csrdesk management log E5 --date 2026-12-01 --" --hours --note
expect "csrdesk hours approve "
expect "csrdesk initiative add --category " # category keys are not completed
expect "csrdesk pin " activate reset set
expect "csrdesk backup copy.db --" --keep
expect "csrdesk signup "
expect "csrdesk cancel 3 E1 -" --reason
expect "csrdesk move 3 4 E1 --reason "
expect "csrdesk attendance 3 E1 " attended no-show
expect "csrdesk attendance 3 E1 attended -" --walk-in --hours
expect "csrdesk attendance 3 --walk-in "
expect "csrdesk init "
expect "csrdesk -" --config --db --demo --kiosk --ssh --help -h --version -V
expect "csrdesk --db x.db --demo --" --config --db --demo --kiosk --ssh --help --version
expect "csrdesk --config x.conf --db x.db export volunteers --format " csv
complete_words csrdesk --config = x.conf export ""
[[ $got == *"volunteers "* ]] || fail "after --config=FILE export offers '$got'"

echo "--- file names"
mkdir "$work/dir" "$work/dir/sub"
touch "$work/dir/a.conf" "$work/dir/roster.csv" "$work/dir/notes.txt"
cd "$work/dir"
expect "csrdesk --config " a.conf notes.txt roster.csv sub
expect "csrdesk --db r" roster.csv
complete_words csrdesk --config = a
[[ $got == "a.conf " ]] || fail "'csrdesk --config=a<Tab>' offers '$got'"
expect "csrdesk check-config " a.conf notes.txt roster.csv sub
expect "csrdesk import volunteers " roster.csv sub
expect "csrdesk import volunteers roster.csv " --skip-bad
expect "csrdesk backup " a.conf notes.txt roster.csv sub
cd "$src"

echo "--- everything csrdesk --help lists is completed"
"$CSRDESK" --help >"$work/help" || fail "csrdesk --help failed"
# The global options: the "Options" lines up to the description (after two
# spaces), such as "-h, --help".
globals=0
while IFS= read -r line; do
	[[ $line == Options* ]] && { globals=1; continue; }
	[[ $line == Commands* ]] && break
	[[ $globals == 1 && $line =~ ^\ \ (-[^ ].*) ]] || continue
	for opt in $(grep -oE -- '(^|[ ,])-[-a-zA-Z]+' <<<"${BASH_REMATCH[1]%%  *}"); do
		offers "csrdesk -" "${opt#[ ,]}"
		nglobals=$((${nglobals:-0} + 1))
	done
done <"$work/help"
((${nglobals:-0} >= 8)) || fail "read only ${nglobals:-0} global options from --help"

# Each command: a line "  NAME [WORD|WORD...] ...", the synopsis up to two
# spaces, continued on lines indented less than the descriptions (18).
commands=()
synopsis=()
in_commands=0
while IFS= read -r line; do
	[[ $line == Commands* ]] && { in_commands=1; continue; }
	((in_commands)) || continue
	[[ -n $line ]] || break
	if [[ $line =~ ^\ \ ([a-z][a-z-]*)(.*)$ ]]; then
		commands+=("${BASH_REMATCH[1]}")
		synopsis+=("${BASH_REMATCH[2]%%  *}")
	elif [[ $line =~ ^(\ *)(.*)$ && ${#BASH_REMATCH[1]} -lt 18 && ${#commands[@]} -gt 0 ]]; then
		synopsis[-1]+=" ${BASH_REMATCH[2]%%  *}"
	fi
done <"$work/help"
((${#commands[@]} >= 9)) || fail "read only ${#commands[@]} commands from --help"

for i in "${!commands[@]}"; do
	cmd=${commands[i]}
	rest=${synopsis[i]}
	offers "csrdesk " "$cmd"
	offers "csrdesk $cmd" "$cmd"
	# A second word in lower case is one of the command's fixed words.
	read -r second _ <<<"$rest" || true
	words=()
	if [[ ${second-} =~ ^[a-z][a-z|]*$ ]]; then
		IFS='|' read -ra words <<<"$second"
		for word in "${words[@]}"; do
			offers "csrdesk $cmd " "$word"
		done
	fi
	for opt in $(grep -oE -- '--[a-z][a-z-]*' <<<"$rest"); do
		offers "csrdesk $cmd ${words[0]:+${words[0]} }--" "$opt"
	done
	echo "completed: $cmd ${words[*]} $(grep -oE -- '--[a-z][a-z-]*' <<<"$rest" | sort -u | tr '\n' ' ')"
done

echo "cli_completion: all passed"
