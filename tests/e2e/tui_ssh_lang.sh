#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end (issue 12): the language of a terminal over a real sshd
# (lib_ssh.sh: csrdesk deployed setgid, the shipped sshd example).
#  - An ssh client that sends no LANG (PuTTY's default): csrdesk runs with
#    no locale in its environment, yet shows "Jürgen Müller" as such, and a
#    typed "ü" searches for "ü" (C.UTF-8 for characters).
#  - A client that sends LANG=de_DE.UTF-8 (AcceptEnv in the example) gets
#    the German interface, even where the server has not generated that
#    locale (the language then comes through LANGUAGE).
# Needs root (users, setgid install, sshd): otherwise skipped (exit 77).
set -euo pipefail
if [[ $(id -u) != 0 ]]; then
	echo "tui_ssh_lang: skipped: needs root (it adds a test user and group and runs sshd)"
	exit 77
fi
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_deploy.sh"
. "$(dirname "$0")/lib_ssh.sh"
ssh_setup
"$bin" init >/dev/null
cat >"$E2E_TMP/volunteers.csv" <<CSV
employee_id,name,team,site,email,skills,unix_user
E9001,Lee Lead,Leads,HQ,,,$user
E1,Jürgen Müller,Inbound Care,HQ,,,
E2,Jutta Mutz,Inbound Care,HQ,,,
E3,Jan Muster,Tech Support,HQ,,,
CSV
"$bin" import volunteers "$E2E_TMP/volunteers.csv" >/dev/null
ssh_start_sshd

# The environment of the lead's csrdesk on the server.
remote_environment() {
	local pid
	pid=$(pgrep -u "$user" -x csrdesk | head -1)
	[[ -n $pid ]] || e2e_fail "no csrdesk runs as $user"
	tr '\0' '\n' <"/proc/$pid/environ"
}

# ---- no LANG sent ----
no_locale_opts=("${ssh_opts[@]}" -o SendEnv=-LC_ALL)
saved_opts=("${ssh_opts[@]}")
ssh_opts=("${no_locale_opts[@]}")
ssh_start plain -tt "$user@127.0.0.1"
lead_wait_for "1 Initiatives" $((15 * E2E_SLOW))
if remote_environment | grep -E '^(LANG|LANGUAGE|LC_[A-Z]+)='; then
	e2e_fail "the client sent a locale: the test would prove nothing"
fi
e2e_keys 2
lead_wait_for "Jürgen Müller" $((5 * E2E_SLOW))
e2e_screen | grep -q "J?rgen" && e2e_fail "umlauts shown as '?' without LANG"
e2e_pass "no LANG over ssh: 'Jürgen Müller' shown as such"

e2e_keys /
e2e_type "Mü"
only_mueller() {
	local s
	s=$(e2e_screen)
	grep -q "Jürgen Müller" <<<"$s" && ! grep -q "Jutta Mutz" <<<"$s" &&
		! grep -q "Jan Muster" <<<"$s"
}
e2e_wait_until $((5 * E2E_SLOW)) "typing 'Mü' did not find only Jürgen Müller" only_mueller
e2e_pass "no LANG over ssh: typing 'Mü' searches for 'Mü'"
e2e_keys Escape q
for ((i = 0; i < 50 * E2E_SLOW; i++)); do
	[[ -s $E2E_TMP/plain.status ]] && break
	sleep 0.1
done
[[ -s $E2E_TMP/plain.status ]] || e2e_fail "q did not end the session"

# ---- LANG=de_DE.UTF-8 sent ----
ssh_opts=("${saved_opts[@]}" -o SendEnv=LANG)
cmd=$(printf '%q ' env LANG=de_DE.UTF-8 ssh "${ssh_opts[@]}" -tt "$user@127.0.0.1")
E2E_SESSION=german
e2e_tmux new-session -d -s german -x 100 -y 30 \
	bash -c "$cmd 2>$(printf '%q' "$E2E_TMP/german.stderr"); echo \$? >$(printf '%q' "$E2E_TMP/german.status")"
lead_wait_for "1 Initiativen" $((15 * E2E_SLOW))
remote_environment | grep -qx 'LANG=de_DE.UTF-8' ||
	e2e_fail "LANG did not reach csrdesk on the server (AcceptEnv in the example?)"
e2e_pass "LANG=de_DE.UTF-8 over ssh: the interface speaks German"
e2e_keys q
