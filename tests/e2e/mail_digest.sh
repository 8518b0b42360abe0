#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end (issue 13, leads are told too): a team lead with a Unix login
# and no volunteer record, listed in roles.leads. An initiative nobody owns
# starts in two days with one of the three people it needs and nine free
# places, and hours have waited ten days for approval: csrdesk notify
# sends the lead ONE digest mail (through this machine's real MTA to the
# lead's local mailbox) listing the three notices, and a second run sends
# nothing more; csrdesk remind, as the lead's Unix user, prints the same
# three. (root, who runs notify, is an admin by its uid and not listed.)
# Needs root (else skipped, 77).
set -euo pipefail
cli_test=mail_digest
. "$(dirname "$0")/lib_mail.sh"

sql() { sqlite3 "$db" "$1"; }
printf 'roles { leads = {"%s"} }\nmail { command = "/usr/sbin/sendmail -t -oi" }\n' \
	"$mail_user" >"$conf"
printf '%s\n' employee_id,name,team "E1,Ana Agent,Blue" >"$work/roster.csv"
run 0 import volunteers "$work/roster.csv"
run 0 initiative add --title "Beach clean-up" --category environment --capacity 10 --minimum 3 \
	--starts "$(at 48)" --ends "$(at 50)"
beach=$out
sql "UPDATE initiative SET owner_id = NULL WHERE id = $beach" # made by a lead who left
run 0 signup "$beach" E1
sql "INSERT INTO hours (volunteer_id, worked_on, minutes, status, created_at)
	VALUES (1, strftime('%s', 'now', '-10 days'), 90, 'pending', strftime('%s', 'now', '-10 days'))"

run 0 notify
[[ $out == "sent 1, skipped 0" ]] || fail "the first run said '$out'"
mail_wait 1
"$python" - "$mailbox" "$mail_user@localhost" <<'PY' || fail "the digest: see above"
import email, email.policy, mailbox, sys
box, to = sys.argv[1:]
m = email.message_from_bytes(mailbox.mbox(box)[0].as_bytes(), policy=email.policy.default)
def check(ok, what):
    if not ok:
        sys.exit(f"{what}\n{m}")
check(m["To"] == to, f"To is {m['To']}")
check(str(m["Subject"]) == "csrdesk: 3 notices for team leads", f"Subject is {m['Subject']!r}")
body = m.get_body(preferencelist=("plain",)).get_content()
lines = [l for l in body.splitlines() if l.startswith("- ")]
check(len(lines) == 3, f"the digest lists {len(lines)} notices")
check(any(l.startswith("- Beach clean-up, ") and l.endswith(": 1 place taken, at least 3 needed")
          for l in lines), "no line on the minimum")
check(any(l.endswith(": 9 places still free") for l in lines), "no line on the free places")
check("- 1 hours entry has waited for approval longer than 7 days" in lines,
      "no line on the hours waiting")
check(not any(p.get_content_type() == "text/calendar" for p in m.walk()),
      "a lead's digest carries a calendar")
PY
run 0 notify
[[ $out == "sent 0, skipped 0" ]] || fail "the second run said '$out'"
sleep 1
[[ $(mail_ids | wc -l) == 1 ]] || fail "the mailbox holds $(mail_ids | wc -l) mails, not one digest"
echo "ok: one digest mail with the three notices, not sent again"

# The same notices where the lead logs in: the login message.
chmod 0777 "$work"
chmod 0666 "$db"*
remind=$(setpriv --reuid="$mail_user" --regid="$(id -g "$mail_user")" --init-groups \
	env HOME="/home/$mail_user" "$CSRDESK" --config "$conf" --db "$db" remind)
[[ $(head -n 1 <<<"$remind") == "csrdesk: 3 new notifications" &&
	$remind == *"at least 3 needed"* && $remind == *"9 places still free"* &&
	$remind == *"longer than 7 days"* ]] || fail "remind as the lead printed: '$remind'"
echo "ok: csrdesk remind as the lead prints the three notices"
echo "mail_digest: ok"
