#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end: a lead sets a goal in the initiative form and sees "x of y"
# in the details and the Impact panel; corrects a recorded impact value and
# voids a wrong one from the initiative's impact records (I); the figures
# change, the voided value stays listed as voided, and the audit log keeps
# the old and the new value and the reason. Then rejects hours with a
# reason, which the agent sees in My record at a kiosk, and puts them back
# to pending from the hours for approval (h).
. "$(dirname "$0")/lib.sh"

command -v sqlite3 >/dev/null || { echo "e2e: sqlite3 is needed for this test" >&2; exit 1; }

db=$E2E_TMP/csrdesk.db
# The current user is an admin; Ana signs in at a kiosk with her ID alone.
e2e_config "$E2E_TMP/csrdesk.conf" <<<'kiosk { require_pin = false }'
e2e_lead_and_agent
# Under way now: listed as upcoming, counted in this year's figures.
id=$(e2e_csr initiative add --title "Tree planting" --category environment --capacity 5 \
	--starts "$(date -d '-2 hours' '+%Y-%m-%d %H:%M')" --ends "$(date -d '+2 hours' '+%Y-%m-%d %H:%M')")
good=$(e2e_csr impact add "$id" trees 120)
wrong=$(e2e_csr impact add "$id" trees 9000 --note "from the sheet")
yesterday=$(date -d yesterday +%F)
ana=$(e2e_csr hours log E2 --date "$yesterday" --hours 2 --note "Sorted donations")
ana=${ana%% *}
e2e_csr hours revert "$ana" >/dev/null # as if Ana had logged them: pending

e2e_start --size 100x30 -- --config "$E2E_TMP/csrdesk.conf" --db "$db"
e2e_wait_for "Tree planting"

# ---- a goal in the form ----
e2e_keys e
e2e_wait_for " Edit initiative "
for i in 1 2 3 4 5 6 7 8; do e2e_keys Tab; done # Title ... Partner, Goals
e2e_keys Space
e2e_wait_for "─ Goals ─"
e2e_wait_for "Trees planted (trees)"
e2e_type "500"
e2e_keys F2
e2e_wait_gone "─ Goals ─"
e2e_expect_line "Goals +500 trees"
e2e_keys F2
e2e_wait_for "Saved initiative $id 'Tree planting'"
[[ $(sqlite3 "$db" "SELECT metric || '=' || target FROM initiative_goal") == "trees=500.0" ]] ||
	e2e_fail "the goal is not in the database"
e2e_wait_for "Goals      9,120 of 500 trees (Trees planted)"
e2e_keys 3
e2e_wait_for "Impact and goals"
e2e_expect_line "Trees planted +9,120 of 500 trees \(1/1 met\)"
e2e_pass "a goal set in the form shows as x of y in the details and the Impact panel"

# ---- void the wrong value, correct the other ----
e2e_keys 1
e2e_wait_for "Goals      9,120"
e2e_keys I
e2e_wait_for "Impact: Tree planting (2 records)"
e2e_keys j v
e2e_wait_for "Why void it?"
e2e_type "typo: 90, not 9000"
e2e_keys Enter
e2e_wait_for "Voided 9,000 trees: it counts in no figure now"
popup=$(e2e_popup "Impact: Tree planting")
grep -qE "9,000 trees voided typo: 90, not 9000" <<<"$popup" ||
	e2e_fail "the voided value is not listed as voided: $popup"
e2e_keys k e
e2e_wait_for " Correct the impact value "
e2e_keys C-u
e2e_type "130"
e2e_keys F2
e2e_wait_for "Corrected from 120 trees to 130 trees"
e2e_keys Escape
e2e_wait_gone "Impact: Tree planting"
e2e_wait_for "Goals      130 of 500 trees (Trees planted)"
e2e_keys 3
e2e_wait_for "Impact and goals"
e2e_expect_line "Trees planted +130 of 500 trees \(0/1 met\)"
[[ $(sqlite3 "$db" "SELECT count(*) FROM impact WHERE id = $wrong AND voided_at IS NOT NULL
	AND void_reason = 'typo: 90, not 9000'") == 1 ]] || e2e_fail "the value is not voided"
[[ $(sqlite3 "$db" "SELECT detail FROM audit WHERE action = 'impact.void'") == \
	"9000 trees for initiative $id voided: typo: 90, not 9000" ]] ||
	e2e_fail "the audit does not say what was voided and why"
[[ $(sqlite3 "$db" "SELECT detail FROM audit WHERE action = 'impact.edit' AND entity_id = $good") == \
	"trees for initiative $id changed from 120 to 130" ]] ||
	e2e_fail "the audit does not keep the old and the new value"
e2e_pass "a voided value counts nowhere and a corrected one counts anew; the audit has both"

# ---- reject with a reason, back to pending ----
e2e_keys h
e2e_wait_for "Hours for approval (1 entry)"
e2e_expect_line "Ana Agent .*pending .*Sorted donations"
e2e_keys r
e2e_wait_for "Reject: why?"
e2e_type "Not on the rota that day"
e2e_keys Enter
e2e_wait_for "Ana Agent: 2 hours on $yesterday rejected"
e2e_keys d
e2e_wait_for "All hours, newest first"
e2e_expect_line "Ana Agent .*rejected .*Not on the rota that day"
[[ $(sqlite3 "$db" "SELECT status || '|' || reason FROM hours WHERE id = $ana") == \
	"rejected|Not on the rota that day" ]] || e2e_fail "the reason is not saved"
e2e_start --session kiosk --size 120x30 -- --config "$E2E_TMP/csrdesk.conf" --db "$db" --kiosk
e2e_wait_for "employee ID"
e2e_type "E2"
e2e_keys Enter
e2e_wait_for "Ana Agent"
e2e_close_notices E2
e2e_keys 2
e2e_wait_for "Sorted donations (rejected: Not on the rota that day)"
e2e_use main
e2e_keys u
e2e_wait_for "back to pending?"
e2e_keys y
e2e_wait_for "Ana Agent: 2 hours on $yesterday back to pending"
[[ $(sqlite3 "$db" "SELECT status || '|' || reason FROM hours WHERE id = $ana") == "pending|" ]] ||
	e2e_fail "the hours are not pending again"
e2e_pass "hours rejected with a reason the agent sees, and put back to pending"

e2e_keys Escape
e2e_wait_gone "Hours for approval"
e2e_keys q
[[ $(e2e_wait_exit) == 0 ]] || e2e_fail "csrdesk did not exit with 0"
