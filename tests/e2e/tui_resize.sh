#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end: resizing. The panels relayout for 40x12 (narrower columns,
# the details instead of the list), a 30x8 terminal gets the "too small"
# notice instead of garbage, and growing again brings the full layout back;
# the program never crashes and quits normally afterwards.
. "$(dirname "$0")/lib.sh"

e2e_config "$E2E_TMP/csrdesk.conf" </dev/null
e2e_start --size 100x30 -- --config "$E2E_TMP/csrdesk.conf" --demo --db "$E2E_TMP/demo.db"
e2e_wait_for "1 Initiatives"
e2e_wait_for "Details"
e2e_wait_for "Location" # a column only a wide list has room for
e2e_pass "100x30: list, columns and details"

# Every line fits and the frame is whole: the tab line at the top, the
# key hints at the bottom.
sane() {
	local screen
	screen=$(e2e_screen)
	[[ $(head -n 1 <<<"$screen") == *"1 Initiatives"* ]] || e2e_fail "no tab line at the top"
	[[ $(tail -n 1 <<<"$screen") == *"? help"* ]] || e2e_fail "no key hints at the bottom"
	[[ $(wc -l <<<"$screen") -eq $1 ]] || e2e_fail "the screen is not $1 lines"
}

e2e_resize 40 12
e2e_wait_gone "Location"
e2e_wait_gone "Details"
e2e_wait_for "Places"
sane 12
e2e_keys j Enter
e2e_wait_for "Esc back"
e2e_wait_for "Category"
e2e_keys Escape
e2e_wait_gone "Esc back"
sane 12
e2e_pass "40x12: narrower columns, details instead of the list"

e2e_resize 30 8
e2e_wait_for "Terminal too small"
e2e_wait_for "needs at least 40x12"
e2e_pass "30x8: the too-small notice"

e2e_resize 100 30
e2e_wait_for "Details"
e2e_wait_for "Location"
sane 30
e2e_keys 2
e2e_wait_for "Employee"
e2e_resize 40 12
e2e_wait_for "people"
sane 12
e2e_resize 100 30
e2e_wait_for "Details"
e2e_pass "back to 100x30, and again on the Volunteers panel"

e2e_keys q
status=$(e2e_wait_exit)
[[ $status == 0 ]] || e2e_fail "q ended with status $status"
e2e_pass "quits normally after the resizes"
