# SPDX-License-Identifier: MIT
# csrdesk: what is new for you at login (a place from the waitlist, a
# cancelled place, tomorrow's initiative, hours decided), each once.
# Installed to /etc/profile.d/ (README, Notifications); prints nothing
# when there is nothing, and never stops a login: errors go nowhere.
if [ -t 1 ] && command -v csrdesk >/dev/null 2>&1; then
	csrdesk remind 2>/dev/null || true
fi
