#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Helpers for the mail tests (mail_notify.sh, mail_crash.sh): a real MTA
# on this machine (Debian's exim4, from the README's install line, or any
# sendmail that delivers to /var/mail), a new Unix user whose mailbox
# /var/mail/USER receives what csrdesk notify sends, a scratch database.
# Source it after setting $cli_test; it skips the test (exit 77) without
# root or without an MTA, and removes the user and the mailbox at the end.
set -euo pipefail

: "${CSRDESK:?set CSRDESK to the csrdesk binary}"
. "$(dirname "$0")/lib_mta.sh"
mta_require "$cli_test"
. "$(dirname "$0")/lib_python.sh"
find_python || { echo "$cli_test: needs python3 with icalendar (python3-icalendar)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/csrdesk-$cli_test-XXXXXX")
export CSRDESK_CONFIG=/nonexistent-use-explicit-config
conf=$work/csrdesk.conf
db=$work/csrdesk.db
mail_user=csrm$$
mailbox=/var/mail/$mail_user
. "$(dirname "$0")/lib_cli.sh"

mail_cleanup() {
	local rc=$?
	set +e
	userdel -r "$mail_user" >/dev/null 2>&1
	rm -f "$mailbox"
	rm -rf "$work"
	exit "$rc"
}
trap mail_cleanup EXIT
useradd -m "$mail_user"
rm -f "$mailbox"

# The config: root an admin, mail through the system's sendmail.
printf 'roles { admins = {"root"} }\nmail { command = "/usr/sbin/sendmail -t -oi" }\n' >"$conf"
run 0 init

# mail_ids: the Message-IDs in the mailbox, one a line, in arrival order.
mail_ids() {
	[[ -f $mailbox ]] || return 0
	grep -i '^Message-ID: <csrdesk-' "$mailbox" | sed 's/^[^<]*//' || true
}

# mail_wait N: waits (at most 30 s) until the mailbox holds N csrdesk
# mails, then a second more, so that a mail delivered twice has time to
# arrive; fails when fewer came.
mail_wait() {
	local want=$1 i
	for ((i = 0; i < 300; i++)); do
		(($(mail_ids | wc -l) >= want)) && break
		sleep 0.1
	done
	sleep 1
	(($(mail_ids | wc -l) >= want)) ||
		fail "the mailbox holds $(mail_ids | wc -l) mails from csrdesk, expected $want"
}

# at HOURS: a time HOURS from now, as initiative add takes it.
at() { date -d "@$(($(date +%s) + $1 * 3600))" '+%Y-%m-%d %H:%M'; }
