#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Menu helpers for the TUI tests, after lib.sh: choosing from the menu bar
# and from a pop-up list by the text of the item.

# e2e_menu_pick ITEM_REGEX: opens the menu bar and chooses the item,
# moving right until a drop-down lists it, then down to it.
e2e_menu_pick() {
	local item=$1 i line
	e2e_keys F10
	e2e_wait_for " Initiative "
	for ((i = 0; i < 8; i++)); do
		line=$(e2e_screen | grep -nE "^.{0,60}[│|] $item +[^ ]* *[│|]" | head -n 1 | cut -d: -f1 || true)
		[[ -n $line ]] && break
		e2e_keys Right
		sleep 0.2
	done
	[[ -n $line ]] || e2e_fail "no menu lists '$item'"
	for ((i = 3; i < line; i++)); do e2e_keys Down; done # line 3: the first item
	e2e_keys Enter
}

# popup_row TITLE ITEM: prints the number of the first row of the pop-up
# TITLE that starts with ITEM (1 = the first row under the top border);
# false when no such pop-up is open or it lists no ITEM.
popup_row() {
	local rows i
	mapfile -t rows < <(e2e_popup "$1")
	for ((i = 1; i < ${#rows[@]}; i++)); do
		[[ ${rows[i]} == [│\|]" $2"* ]] && echo "$i" && return 0
	done
	return 1
}

popup_lists() { popup_row "$@" >/dev/null; }

# e2e_choose TITLE ITEM: in the pop-up list TITLE, moves down to the first
# row that starts with ITEM and takes it. It waits for the pop-up itself,
# not for its title anywhere on the screen: the menu item that opens it may
# read the same ("Reports and exports"), and under valgrind the pop-up
# comes a moment after the menu.
e2e_choose() {
	local title=$1 item=$2 i
	e2e_wait_until "$E2E_TIMEOUT" "the pop-up '$title' listing '$item' did not open" \
		popup_lists "$title" "$item"
	i=$(popup_row "$title" "$item") || e2e_fail "the pop-up '$title' lists no '$item'"
	for ((; i > 1; i--)); do e2e_keys Down; done
	e2e_keys Enter
}

# e2e_fetch_command: chooses "Fetch it" in Reports and exports' "What
# now?" and prints the command its pop-up shows (on one line).
e2e_fetch_command() {
	e2e_choose " What now? " "Fetch it"
	e2e_wait_for " Fetch it to your machine "
	e2e_popup " Fetch it to your machine " | grep -oE 'ssh .*[^ │|]' | head -n 1
}
