#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# What the tests that mail through this machine's real MTA need (mail_*.sh
# through lib_mail.sh, notify_flow.sh): root, to add a Unix user with a
# mailbox /var/mail/USER; a sendmail (Debian's exim4 from the README's
# install line, or any MTA that delivers to /var/mail); the user tools.

# mta_require NAME: skips the test NAME (exit 77) without root or an MTA;
# fails it when a tool is missing.
mta_require() {
	local name=$1 tool
	if [[ $(id -u) != 0 ]]; then
		echo "$name: skipped: needs root (it adds a Unix user who receives the mail)"
		exit 77
	fi
	if [[ ! -x /usr/sbin/sendmail ]]; then
		echo "$name: skipped: no MTA (/usr/sbin/sendmail); the README's install line adds exim4"
		exit 77
	fi
	for tool in useradd userdel setpriv sqlite3; do
		command -v "$tool" >/dev/null || { echo "$name: needs $tool" >&2; exit 1; }
	done
}
