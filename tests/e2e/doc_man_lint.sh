#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The manual pages are lint-clean: mandoc -Tlint (every level, style notes
# too) says nothing about data/csrdesk.1, data/csrdesk.conf.5 and their German
# translations under data/de/, and groff -ww (when installed) no warning.
# A German page is UTF-8, says so on its first line (the coding line man-db
# and groff's preconv read), carries the English page's date and version,
# and documents the same options (every \-\-option word) as the English page;
# csrdesk.1 also the same commands (the tags of COMMANDS / BEFEHLE),
# csrdesk.conf.5 the same configuration options in the same sections and
# order (OPTIONS / OPTIONEN), so an option, a command or a configuration
# key added to one page and not the other fails here.
# Needs mandoc (Debian package mandoc); skipped (exit 77) without it.
set -euo pipefail
src=$(cd "${E2E_DIR:-${0%/*}}/../.." && pwd)
command -v mandoc >/dev/null || {
	echo "doc_man_lint: SKIP: mandoc is not installed (Debian package mandoc)" >&2
	exit 77
}
fail() { echo "doc_man_lint: FAIL: $*" >&2; exit 1; }

# English page, its German translation (the German ones that exist: the
# configuration page's translation may come later).
en_pages=("$src/data/csrdesk.1" "$src/data/csrdesk.conf.5")
de_pages=()
for page in "${en_pages[@]}"; do
	[[ -s $page ]] || fail "$page is missing"
	de=$src/data/de/${page##*/}
	[[ -e $de ]] && de_pages+=("$de")
done
[[ -s $src/data/de/csrdesk.1 ]] || fail "$src/data/de/csrdesk.1 is missing"
pages=("${en_pages[@]}" "${de_pages[@]}")

status=0
messages=$(mandoc -Tlint -W all "${pages[@]}" 2>&1) || status=$?
if [[ -n $messages || $status != 0 ]]; then
	echo "doc_man_lint: FAIL: mandoc -Tlint (exit $status) says:" >&2
	echo "$messages" >&2
	exit 1
fi

if command -v groff >/dev/null; then
	for page in "${pages[@]}"; do
		messages=$(groff -man -ww -z -K utf8 -Tutf8 "$page" 2>&1) ||
			fail "groff cannot format $page: $messages"
		[[ -z $messages ]] || fail "groff -ww warns about $page:"$'\n'"$messages"
	done
else
	echo "doc_man_lint: note: groff is not installed, its warnings not checked" >&2
fi

# The words a person types: every \-\-option, sorted, once each.
options_of() {
	grep -o '\\-\\-[A-Za-z0-9]\+\(\\-[A-Za-z0-9]\+\)*' "$1" | sed 's/\\-/-/g' | LC_ALL=C sort -u
}

# The tags of one section (the line after each .TP or .TQ), reduced to the
# command words: up to the first placeholder (\fI, or the second argument
# of .BI), option (\-\-) or bracket; font escapes and quotes dropped.
commands_of() { # FILE SECTION
	awk -v want="$2" '
		/^\.SH / { sect = $0; sub(/^\.SH +/, "", sect); gsub(/"/, "", sect); tag = 0; next }
		sect != want { next }
		/^\.(TP|TQ)/ { tag = 1; next }
		tag {
			tag = 0
			line = $0
			macro = line; sub(/ .*/, "", macro)
			sub(/^\.[A-Z]+ +/, "", line)
			if (macro == ".BI" || macro == ".BR") {
				# The first argument alone (quoted or not).
				if (line ~ /^"/) { sub(/^"/, "", line); sub(/".*/, "", line) }
				else sub(/ .*/, "", line)
			}
			sub(/\\f[IRP].*/, "", line)
			sub(/\\-\\-.*/, "", line)
			sub(/\[.*/, "", line)
			gsub(/\\f[BIRP]/, "", line)
			gsub(/\\-/, "-", line)
			gsub(/"/, "", line)
			gsub(/ +/, " ", line); sub(/^ /, "", line); sub(/ $/, "", line)
			if (line != "") print line
		}' "$1" | LC_ALL=C sort -u
}

# The configuration options of the OPTIONS section, in order: the name of
# each .TP tag, and [section] for each .SS heading after the first (the
# top level, whose heading is prose).
keys_of() { # FILE SECTION
	awk -v want="$2" '
		/^\.SH / { sect = $0; sub(/^\.SH +/, "", sect); gsub(/"/, "", sect); tag = 0; ss = 0; next }
		sect != want { next }
		/^\.SS / { if (ss++) { h = $0; sub(/^\.SS +/, "", h); gsub(/"/, "", h); print "[" h "]" }; next }
		/^\.TP/ { tag = 1; next }
		tag { tag = 0; line = $0; sub(/^\.[A-Z]+ +"?/, "", line); sub(/ *=.*/, "", line); print line }' "$1"
}

same() { # WHAT ENGLISH GERMAN ENGLISH_LIST GERMAN_LIST
	local only_en only_de
	only_en=$(LC_ALL=C comm -23 <(echo "$4") <(echo "$5"))
	only_de=$(LC_ALL=C comm -13 <(echo "$4") <(echo "$5"))
	[[ -z $only_en && -z $only_de ]] && return 0
	echo "doc_man_lint: FAIL: $2 and $3 do not document the same $1:" >&2
	[[ -z $only_en ]] || echo "  only in ${2#"$src"/}:" $only_en >&2
	[[ -z $only_de ]] || echo "  only in ${3#"$src"/}:" $only_de >&2
	exit 1
}

for de in "${de_pages[@]}"; do
	en=$src/data/${de##*/}
	first=$(head -n 1 "$de")
	[[ $first == '.\" -*- coding: UTF-8 -*-' ]] ||
		fail "$de: the first line must be .\\\" -*- coding: UTF-8 -*- (it is: $first)"
	iconv -f UTF-8 -t UTF-8 "$de" >/dev/null 2>&1 || fail "$de is not valid UTF-8"
	th_en=$(grep -m 1 '^\.TH ' "$en" | awk '{ print $4, $5, $6 }')
	th_de=$(grep -m 1 '^\.TH ' "$de" | awk '{ print $4, $5, $6 }')
	[[ $th_en == "$th_de" ]] ||
		fail "$de says date and version $th_de, $en says $th_en"
	same options "$en" "$de" "$(options_of "$en")" "$(options_of "$de")"
	if [[ ${de##*/} == csrdesk.1 ]]; then
		cmds_en=$(commands_of "$en" COMMANDS)
		cmds_de=$(commands_of "$de" BEFEHLE)
		[[ $(wc -l <<<"$cmds_en") -ge 20 ]] ||
			fail "found only these commands in $en: $cmds_en"
		same commands "$en" "$de" "$cmds_en" "$cmds_de"
	else
		keys_en=$(keys_of "$en" OPTIONS)
		keys_de=$(keys_of "$de" OPTIONEN)
		[[ $(wc -l <<<"$keys_en") -ge 15 ]] ||
			fail "found only these configuration options in $en: $keys_en"
		[[ $keys_en == "$keys_de" ]] || {
			echo "doc_man_lint: FAIL: $en and $de do not document the same configuration options (in order):" >&2
			diff <(echo "$keys_en") <(echo "$keys_de") | sed -n 's/^[<>]/  &/p' >&2
			exit 1
		}
	fi
done
echo "doc_man_lint: ok: ${#pages[@]} pages lint-clean, German: ${#de_pages[@]} (same options and commands as the English pages)"
