#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end: csrdesk deployed as the README's "Deployment on a server"
# says (lib_deploy.sh: meson install as root, setgid to a private group),
# reached over SSH. A real sshd on 127.0.0.1 (a free high port; its own
# config, host key and authorized keys in a temporary directory) includes
# the shipped example data/sshd_config.csrdesk (Match on the role groups
# but the shell group, ForceCommand csrdesk --ssh), with test groups in
# place of csr-leads and csr-shell; sshd -T shows the Match takes the lead
# and not a sysadmin in the shell group. The lead is a new unprivileged
# Unix user who is not in csrdesk's private group, like a real lead;
# `csrdesk init` as root makes the database in the group's directory. Over
# `ssh -tt` the lead gets csrdesk as a lead, signs up and quits; meanwhile
# another Unix user, in no csrdesk group either, signs up through csrdesk,
# writing to the -wal and -shm files the lead's session made. Root then
# checks the rows, the audit log, the integrity and the files' group and
# modes. Over ssh, Reports and exports offers no file (the lead has no
# shell) and names the ssh command with this server's address and port;
# that command writes root's HTML report byte for byte. A command given to
# ssh runs only when it is a read-only report or export (the same output
# as root's run of it, the attendance sheet too); a shell, a shell command
# line, a global option, sftp and scp are refused and run nothing; without
# a terminal or a command csrdesk refuses too. Needs root to install
# setgid, add users and run sshd: otherwise skipped (exit 77).
set -euo pipefail
if [[ $(id -u) != 0 ]]; then
	echo "tui_ssh: skipped: needs root (it adds a test user and group and runs sshd)"
	exit 77
fi
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_deploy.sh"
. "$(dirname "$0")/lib_menu.sh"
. "$(dirname "$0")/lib_ssh.sh"
ssh_setup
csr() { "$bin" "$@"; }

# shared FILE [dir]: FILE belongs to csrdesk's group, which may read and
# write it (and, for a directory, search it, with setgid); nobody else may
# touch it.
shared() {
	local mode grp
	read -r mode grp < <(stat -c '%a %G' "$1")
	local m=$((8#$mode))
	[[ $grp == "$group" ]] || e2e_fail "$1 belongs to group $grp, not $group"
	(((m & 8#060) == 8#060)) ||
		e2e_fail "$1 has mode $mode: the group cannot read and write it"
	((!(m & 8#007))) || e2e_fail "$1 has mode $mode: others have access"
	[[ ${2-} != dir ]] || (((m & 8#2010) == 8#2010)) ||
		e2e_fail "$1 has mode $mode: not setgid, or the group cannot enter"
}

csr init >/dev/null
shared "$dbdir" dir
shared "$db"
e2e_pass "init as root gives the database ($(stat -c %a "$db")) and its directory ($(stat -c %a "$dbdir")) to the group"

cat >"$E2E_TMP/volunteers.csv" <<CSV
employee_id,name,team,site,email,skills,unix_user
E9001,Lee Lead,Inbound Care,HQ,lee@example.com,,$user
E9002,Noah Other,Tech Support,HQ,noah@example.com,,$other
CSV
csr import volunteers "$E2E_TMP/volunteers.csv" >/dev/null
start=$(date -d '+3 days' '+%Y-%m-%d')
title="Café beach clean-up"
initiative=$(csr initiative add --title "$title" --category environment \
	--starts "$start 09:00" --ends "$start 12:00" --capacity 5 --location "North Beach")
[[ $initiative =~ ^[0-9]+$ ]] || e2e_fail "initiative add printed '$initiative', not an id"

# ---- sshd ----

ssh_start_sshd
e2e_pass "sshd listens on 127.0.0.1:$port with the example's Match Group and ForceCommand"

# effective USER: sshd's settings for USER's connection from 127.0.0.1.
effective() {
	/usr/sbin/sshd -T -f "$sshd_dir/sshd_config" -C "user=$1,host=localhost,addr=127.0.0.1"
}
sshd_settings=$(effective "$user")
for want in "forcecommand $bin --ssh" "disableforwarding yes" \
	"permituserrc no" "permittty yes" "permittunnel no" "acceptenv LANG" "acceptenv LC_*"; do
	grep -qxF "$want" <<<"$sshd_settings" || e2e_fail "sshd -T for the lead has no '$want'"
done
for name in "$sysadmin" "$other"; do
	sshd_settings=$(effective "$name")
	grep -qx "forcecommand none" <<<"$sshd_settings" ||
		e2e_fail "the Match takes $name: $(grep forcecommand <<<"$sshd_settings")"
	grep -qx "permituserrc yes" <<<"$sshd_settings" || e2e_fail "the Match's PermitUserRC reaches $name"
done
e2e_pass "sshd -T: the lead gets ForceCommand --ssh, no forwarding, no ~/.ssh/rc; a sysadmin in the lead and shell groups, and $other, do not"

# ---- the lead, over ssh ----

ssh_start lead -tt "$user@127.0.0.1"
lead_wait_for "1 Initiatives" $((15 * E2E_SLOW))
e2e_expect_line "$user \(lead\)"
e2e_wait_for "$title"
e2e_pass "ssh -tt lands in csrdesk as $user (lead), UTF-8 intact"

e2e_keys s
e2e_wait_for "Confirmed: you have a place on '$title'"
e2e_expect_line "Lee Lead +E9001 +confirmed"
e2e_pass "s signs the lead up over ssh"

# The session keeps the database open, so -wal and -shm exist now; SQLite
# removed root's at its last close, so these are the lead's.
for f in "$db" "$db-wal" "$db-shm"; do
	[[ -e $f ]] || e2e_fail "$f is missing while the lead's session runs"
	shared "$f"
done
e2e_pass "with the lead's session open, -wal is $(stat -c '%a %U:%G' "$db-wal"), -shm $(stat -c '%a %U:%G' "$db-shm")"

out=$(setpriv --reuid="$other" --regid="$(id -g "$other")" --clear-groups \
	"$bin" signup "$initiative" E9002 2>&1) ||
	e2e_fail "$other cannot write through csrdesk beside the lead: $out"
[[ $out == confirmed ]] || e2e_fail "$other's sign-up printed '$out'"
e2e_wait_for "Noah Other" $((5 * E2E_SLOW))
e2e_pass "$other (another Unix user, in no csrdesk group) writes meanwhile, and the lead's screen shows it"

# Reports and exports over ssh: no "Save" (the lead has no shell to reach
# a file), and the command that fetches the report names this server.
year=$(date '+%Y')
e2e_menu_pick "Reports and exports"
e2e_choose " Reports and exports " "Impact report: HTML"
e2e_choose " Report period " "This year"
e2e_choose " Report for " "Everyone"
e2e_wait_for " What now? "
! e2e_popup " What now? " | grep -q "Save" || e2e_fail "over ssh the dialog offers to save a file"
tui_command=$(e2e_fetch_command)
want="ssh -p $port $user@127.0.0.1 report --period $year --format html > report-$year.html"
[[ $tui_command == "$want" ]] || e2e_fail "the TUI names '$tui_command', not '$want'"
e2e_keys Enter Escape
e2e_wait_gone " What now? "
e2e_pass "over ssh, Reports and exports offers no file and names: $want"

e2e_keys q
status=$(e2e_wait_exit $((10 * E2E_SLOW)))
[[ $status == 0 ]] || e2e_fail "ssh ended with status $status after q"
for ((i = 0; i < 50 * E2E_SLOW; i++)); do
	[[ $(e2e_tmux display-message -p -t lead '#{pane_dead}') == 1 ]] && break
	sleep 0.1
done
((i < 50 * E2E_SLOW)) || e2e_fail "the ssh pane still runs after q"
for ((i = 0; i < 50 * E2E_SLOW; i++)); do
	[[ -z $(user_pids) ]] && break
	sleep 0.1
done
((i < 50 * E2E_SLOW)) || e2e_fail "processes of $user still run after the session ended: $(user_pids | xargs)"
e2e_pass "q ends csrdesk and the ssh session with status 0; nothing of $user keeps running"

# ---- the database, as root ----

sql() { (umask 007 && sqlite3 -batch "$db" "$1"); }
signup=$(sql "SELECT s.id || ' ' || s.status FROM signup s JOIN volunteer v ON v.id = s.volunteer_id
	WHERE s.initiative_id = $initiative AND v.employee_id = 'E9001'")
[[ $signup =~ ^([0-9]+)\ confirmed$ ]] || e2e_fail "the lead's sign-up row is '$signup'"
audit=$(sql "SELECT count(*) FROM audit WHERE actor = 'unix:$user' AND action = 'signup.add'
	AND entity = 'signup' AND entity_id = ${BASH_REMATCH[1]}")
[[ $audit == 1 ]] || e2e_fail "the audit log has $audit signup.add entries by unix:$user"
[[ $(sql "SELECT count(*) FROM audit WHERE actor = 'unix:$other'") == 1 ]] ||
	e2e_fail "the audit log lacks unix:$other's sign-up"
[[ $(sql "PRAGMA integrity_check") == ok ]] || e2e_fail "integrity_check: $(sql 'PRAGMA integrity_check')"
for f in "$db" "$db-wal" "$db-shm"; do
	[[ ! -e $f ]] || shared "$f"
done
e2e_pass "the sign-up, its audit entry by unix:$user, integrity ok, files still the group's"

# ---- commands given to ssh: read-only ones run, nothing else ----

# A directory the lead may write to: a shell that ran as the lead could
# leave the marker there.
drop=$E2E_TMP/drop
install -d -o "$user" -g "$user" -m 0700 "$drop"
marker=$drop/marker
setpriv --reuid="$user" --regid="$user" --init-groups touch "$marker" ||
	e2e_fail "the lead cannot write $drop"
rm -f "$marker"

# The report has the minute it was made: the rest must be root's report.
without_time() { grep -v '^generated,' "$1"; }
lead_ssh report report --format csv
[[ $rc == 0 ]] || e2e_fail "ssh ... report --format csv: status $rc, $(<"$E2E_TMP/report.stderr")"
csr report --format csv >"$E2E_TMP/report.local"
diff <(without_time "$E2E_TMP/report.out") <(without_time "$E2E_TMP/report.local") >&2 ||
	e2e_fail "the report over ssh differs from root's"
grep -qx $'signups,2\r\\?' "$E2E_TMP/report.out" ||
	e2e_fail "the report over ssh does not count 2 sign-ups: $(grep signups "$E2E_TMP/report.out")"
[[ ! -s $E2E_TMP/report.stderr ]] ||
	e2e_fail "report over ssh wrote to stderr: $(<"$E2E_TMP/report.stderr")"
e2e_pass "ssh $user@127.0.0.1 report --format csv: root's report ($(wc -l <"$E2E_TMP/report.out") lines, 2 sign-ups) on the client's stdout"

# The HTML report, as the TUI names it: the bytes root's report has (made
# in the same minute: the one before or after, when the minute turns).
tui_words=${tui_command#"ssh -p $port $user@127.0.0.1 "}
tui_words=${tui_words% > *}
csr report --period "$year" --format html >"$E2E_TMP/html.before"
# shellcheck disable=SC2086 # the words the TUI named, as ssh sends them
lead_ssh html $tui_words
csr report --period "$year" --format html >"$E2E_TMP/html.after"
[[ $rc == 0 ]] || e2e_fail "ssh ... $tui_words: status $rc, $(<"$E2E_TMP/html.stderr")"
cmp -s "$E2E_TMP/html.out" "$E2E_TMP/html.before" || cmp -s "$E2E_TMP/html.out" "$E2E_TMP/html.after" ||
	e2e_fail "ssh ... $tui_words > r.html differs from root's csrdesk report --format html"
grep -q '^<!DOCTYPE html>' "$E2E_TMP/html.out" || e2e_fail "ssh ... $tui_words wrote no HTML"
e2e_pass "ssh ... $tui_words > r.html: byte for byte root's report ($(wc -c <"$E2E_TMP/html.out") bytes)"

lead_ssh sheet export sheet "$initiative" --format html --kind attendance
[[ $rc == 0 ]] || e2e_fail "ssh ... export sheet: status $rc, $(<"$E2E_TMP/sheet.stderr")"
cmp "$E2E_TMP/sheet.out" <(csr export sheet "$initiative" --format html --kind attendance) ||
	e2e_fail "export sheet over ssh differs from root's"
grep -qF "Noah Other" "$E2E_TMP/sheet.out" || e2e_fail "the sheet over ssh lacks Noah Other"
e2e_pass "ssh ... export sheet $initiative --kind attendance: root's sheet, with both places"

lead_ssh volunteers export volunteers --format csv
[[ $rc == 0 ]] || e2e_fail "ssh ... export volunteers: status $rc, $(<"$E2E_TMP/volunteers.stderr")"
cmp "$E2E_TMP/volunteers.out" <(csr export volunteers --format csv) ||
	e2e_fail "export volunteers over ssh differs from root's: $(<"$E2E_TMP/volunteers.out")"
grep -q "^E9001,Lee Lead,Inbound Care," "$E2E_TMP/volunteers.out" ||
	e2e_fail "export volunteers over ssh lacks the lead: $(<"$E2E_TMP/volunteers.out")"
lead_ssh ics export ics --volunteer E9001
[[ $rc == 0 ]] || e2e_fail "export ics over ssh: status $rc, $(<"$E2E_TMP/ics.stderr")"
grep -q "^SUMMARY:$title" "$E2E_TMP/ics.out" ||
	e2e_fail "export ics over ssh: status $rc, $(<"$E2E_TMP/ics.out") $(<"$E2E_TMP/ics.stderr")"
e2e_pass "export volunteers --format csv (root's CSV) and export ics --volunteer E9001 over ssh"

allowed_line="over SSH only these commands run: report [--period P] [--team T]"
allowed_line+=" [--format text|md|csv|html] [--lang de|en] [--excel], export volunteers|initiatives|signups|hours|impact"
allowed_line+=" [--format csv] [--excel], export ics [--me | --volunteer EMPLOYEE_ID],"
allowed_line+=" export sheet INITIATIVE_ID... [--format html|text] [--kind signup|attendance] [--lang de|en], export me,"
allowed_line+=" help, version;"
allowed_line+=" connect without a command for the interface"
# refused NAME WHY: the client of NAME ended with status 1 (ssh passes on
# csrdesk's), its stderr is csrdesk's one refusal line naming WHY and what
# is allowed, nothing reached stdout and no shell left the marker.
refused() {
	local err
	err=$(<"$E2E_TMP/$1.stderr")
	[[ $rc == "${3:-1}" ]] || e2e_fail "$1: status $rc, not ${3:-1}; stderr: $err"
	[[ $err == *"csrdesk: $2; $allowed_line"* ]] ||
		e2e_fail "$1: stderr is '$err', not csrdesk's refusal: $2"
	[[ ! -s $E2E_TMP/$1.out ]] || e2e_fail "$1 wrote to stdout: $(<"$E2E_TMP/$1.out")"
	[[ ! -e $marker ]] || e2e_fail "$1: a shell ran and made $marker"
}
lead_ssh sh sh
refused sh "'sh' is not allowed"
lead_ssh shell_c sh -c "'touch $marker'"
refused shell_c "'sh' is not allowed"
lead_ssh semicolon "report; touch $marker"
refused semicolon "'report;' is not allowed"
lead_ssh after_report "report --format csv; touch $marker"
refused after_report "'touch' is not allowed after report"
lead_ssh subst "report --team \$(touch $marker)"
refused subst "'$marker)' is not allowed after report"
lead_ssh db report --db /tmp/x
refused db "'--db' is not allowed with report"
lead_ssh config --config /tmp/evil.conf report
refused config "'--config' is not allowed"
lead_ssh import import volunteers /etc/passwd
refused import "'import' is not allowed"
e2e_pass "ssh ... sh, sh -c, 'report; touch', \$(...), --db, --config, import: refused (status 1, one line), no shell"

# Legacy scp runs "scp -f FILE", which reaches csrdesk in
# SSH_ORIGINAL_COMMAND; sftp (and scp's default, SFTP) asks for the sftp
# subsystem, which ForceCommand replaces too, but sshd drops a subsystem's
# stderr, so the client says only that the connection closed.
sftp_opts=(-F /dev/null -P "$port" -i "$sshd_dir/lead_ed25519" -o IdentitiesOnly=yes
	-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes
	-o LogLevel=ERROR -o ConnectTimeout=5)
remote scp scp -O "${sftp_opts[@]}" "$user@127.0.0.1:/etc/hostname" "$E2E_TMP/copy"
((rc != 0)) || e2e_fail "scp -O succeeded"
grep -qF "csrdesk: 'scp' is not allowed; $allowed_line" "$E2E_TMP/scp.stderr" ||
	e2e_fail "scp -O: status $rc, stderr '$(<"$E2E_TMP/scp.stderr")', not csrdesk's refusal"
[[ ! -e $E2E_TMP/copy ]] || e2e_fail "scp -O copied a file"
scp_rc=$rc
remote sftp sftp "${sftp_opts[@]}" -b - "$user@127.0.0.1"
((rc != 0)) || e2e_fail "sftp succeeded: $(<"$E2E_TMP/sftp.out")"
grep -qx $'Connection closed\r\\?' "$E2E_TMP/sftp.stderr" ||
	e2e_fail "sftp: status $rc, stderr '$(<"$E2E_TMP/sftp.stderr")'"
remote scp_sftp scp -s "${sftp_opts[@]}" "$user@127.0.0.1:/etc/hostname" "$E2E_TMP/copy"
((rc != 0)) || e2e_fail "scp -s succeeded"
[[ ! -e $E2E_TMP/copy ]] || e2e_fail "scp -s copied a file"
e2e_pass "scp -O is refused by csrdesk (status $scp_rc, its refusal on stderr); sftp and scp -s find no sftp server; nothing copied"

lead_ssh version --version
[[ $rc == 0 && $(<"$E2E_TMP/version.out") == "$("$bin" --version)" ]] ||
	e2e_fail "ssh ... --version: status $rc, '$(<"$E2E_TMP/version.out")'"
for help in help --help; do
	lead_ssh help $help
	[[ $rc == 0 ]] || e2e_fail "ssh ... $help: status $rc"
	grep -qF "ssh SERVER report --format html > report.html" "$E2E_TMP/help.out" ||
		e2e_fail "ssh ... $help: '$(<"$E2E_TMP/help.out")'"
done
remote no_terminal ssh -T "${ssh_opts[@]}" "$user@127.0.0.1"
[[ $rc == 1 && $(<"$E2E_TMP/no_terminal.stderr") == *"needs a terminal"* ]] ||
	e2e_fail "ssh -T without a command: status $rc, '$(<"$E2E_TMP/no_terminal.stderr")'"
e2e_pass "ssh ... --version, help and --help answer; ssh -T without a command starts csrdesk, which refuses without a terminal"
