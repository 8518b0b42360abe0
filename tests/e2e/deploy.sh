#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end: csrdesk deployed as the README's Deployment section says, and
# what its roles hold against people who have a shell.
#
# Builds csrdesk from this source tree into a prefix of its own and runs
# `meson install` as root, which applies the installed sysusers.d and
# tmpfiles.d snippets (a private group, the database's directory) and makes
# the binary setgid to the group; then `csrdesk init`. Two new unprivileged
# Unix users, a lead (member of the config's lead group) and an agent (a
# volunteer linked by unix_user), neither in the private group, use csrdesk
# normally: the lead adds an initiative and reads the report, the agent
# signs up from the command line and looks at the TUI in tmux. As either,
# the database cannot be opened with sqlite3 or read at all, a config that
# makes them admin (--config, $CSRDESK_CONFIG) gains nothing, a setgid
# session cannot be looked into through /proc, and csrdesk will not read a
# private file for them (import, check-config). The installed backup units
# pass systemd-analyze verify and their command writes a dated copy.
# Needs root (users, groups, setgid, meson install): otherwise skipped.
set -euo pipefail
if [[ $(id -u) != 0 ]]; then
	echo "deploy: skipped: needs root (it installs csrdesk setgid and adds users and groups)"
	exit 77
fi
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_deploy.sh"
for tool in meson ninja sqlite3 useradd userdel groupadd groupdel setpriv; do
	command -v "$tool" >/dev/null ||
		e2e_fail "$tool is needed (Debian: meson, ninja-build, sqlite3, passwd, util-linux)"
done

root=$E2E_TMP
chmod 755 "$root" # the users reach the prefix; the database's directory stays closed
prefix=$root/prefix
statedir=$root/var/lib/csrdesk
backupdir=$root/var/backups/csrdesk
db=$statedir/csrdesk.db
tag=$$
group=csrdp$tag    # csrdesk's private group (csrdesk in the README)
leads=csrdl$tag    # the config's lead group
lead=csrdlead$tag
agent=csrdagent$tag
fail() { e2e_fail "$@"; }

made=()
undeploy() {
	local rc=$?
	set +e
	e2e_tmux kill-server >/dev/null 2>&1
	pkill -u "$agent" 2>/dev/null
	pkill -u "$lead" 2>/dev/null
	for u in "$lead" "$agent"; do userdel -r "$u" >/dev/null 2>&1; done
	for g in "$leads" "$group"; do groupdel "$g" >/dev/null 2>&1; done
	e2e_cleanup
	exit "$rc"
}
trap undeploy EXIT

# ---- install, as the README says ----

deploy_install "$root" "$group"
bin=$deploy_bin
conf=$deploy_conf
getent group "$group" >/dev/null || fail "meson install did not make the group $group"
[[ $(stat -c '%a %G' "$bin") == "2755 $group" ]] || fail "binary: $(stat -c '%a %G' "$bin")"
[[ $(stat -c '%a %U %G' "$statedir") == "2770 root $group" ]] || fail "state dir: $(stat -c '%a %U %G' "$statedir")"
grep -q "^database = \"$db\"" "$conf" || fail "the installed config does not name $db"
[[ -n $(ls "$prefix"/lib/sysusers.d/csrdesk.conf "$prefix"/lib/tmpfiles.d/csrdesk.conf) ]]

groupadd "$leads"
useradd -m -U -G "$leads" "$lead"
useradd -m -U "$agent"
deploy_set_option "$conf" lead_group "\"$leads\""

"$bin" init >/dev/null || fail "csrdesk init"
[[ $(stat -c '%a %G' "$db") == "660 $group" ]] || fail "database: $(stat -c '%a %G' "$db")"
printf 'employee_id,name,team,unix_user\nE7001,Lena Vogt,Inbound,%s\nE7002,Murat Kaya,Inbound,%s\n' \
	"$lead" "$agent" >"$root/roster.csv"
"$bin" import volunteers "$root/roster.csv" >/dev/null || fail "import as root"
e2e_pass "meson install made the group, the directory (2770) and a setgid binary; init made the database (0660)"

# as USER CMD...: runs CMD as the Unix user, with their own groups only.
as() {
	local user=$1
	shift
	setpriv --reuid="$user" --regid="$user" --init-groups --reset-env \
		env HOME="/home/$user" "$@"
}

# ---- both use csrdesk normally ----

id=$(as "$lead" "$bin" initiative add --title "Blood donation drive" --category health \
	--starts "2031-03-10 09:00" --ends "2031-03-10 15:00" --capacity 12) ||
	fail "the lead could not add an initiative"
as "$lead" "$bin" report --format csv >"$root/report.csv" || fail "the lead's report"
grep -q '^section,' "$root/report.csv" || grep -q ',' "$root/report.csv" || fail "the report is empty"
[[ $(as "$agent" "$bin" signup "$id" E7002) == confirmed ]] || fail "the agent could not sign up"
as "$agent" "$bin" signup "$id" E7001 >/dev/null 2>"$root/err" && fail "the agent signed a colleague up"
grep -q "only do this for yourself" "$root/err" || fail "agent for a colleague: $(cat "$root/err")"
# The install brings the German catalogue and man pages; the setgid binary
# finds its catalogue where it was installed (CSRDESK_LOCALEDIR is not read).
[[ -f $prefix/share/locale/de/LC_MESSAGES/csrdesk.mo ]] || fail "no German catalogue installed"
[[ -f $prefix/share/man/de/man1/csrdesk.1 && -f $prefix/share/man/de/man5/csrdesk.conf.5 ]] ||
	fail "no German man pages installed"
as "$agent" LANGUAGE=de CSRDESK_LOCALEDIR=/nonexistent "$bin" signup "$id" E7001 >/dev/null \
	2>"$root/err" && fail "the agent signed a colleague up (German)"
grep -q "nur für sich selbst" "$root/err" ||
	fail "the installed binary did not answer in German: $(cat "$root/err")"

e2e_tmux new-session -d -s main -n agent -x 100 -y 30 \
	"setpriv --reuid=$agent --regid=$agent --init-groups env HOME=/home/$agent TERM=screen LC_ALL=C.UTF-8 $bin; echo exit=\$? >$root/agent.status; sleep 30"
for ((i = 0; i < 100; i++)); do
	e2e_tmux capture-pane -p -t main:agent | grep -q "Blood donation drive" && break
	sleep 0.1
done
e2e_tmux capture-pane -p -t main:agent | grep -q "Blood donation drive" ||
	{ e2e_tmux capture-pane -p -t main:agent; fail "the agent's TUI does not show the initiative"; }
pid=$(pgrep -u "$agent" -x csrdesk) || fail "no csrdesk process of the agent"
as "$agent" ls "/proc/$pid/fd" >/dev/null 2>&1 && fail "the agent can list the fds of their setgid csrdesk"
e2e_tmux send-keys -t main:agent q
for ((i = 0; i < 50; i++)); do [[ -s $root/agent.status ]] && break; sleep 0.1; done
[[ $(cat "$root/agent.status" 2>/dev/null) == exit=0 ]] || fail "the agent's TUI: $(cat "$root/agent.status" 2>/dev/null)"
e2e_pass "the lead adds an initiative and reads the report; the agent signs up and uses the TUI"

# ---- what a shell does not give them ----

for user in "$lead" "$agent"; do
	as "$user" sqlite3 "$db" 'SELECT * FROM volunteer' >"$root/out" 2>&1 &&
		fail "$user read the volunteers with sqlite3: $(cat "$root/out")"
	as "$user" sqlite3 "$db" 'DELETE FROM audit' >/dev/null 2>&1 && fail "$user changed the audit table"
	as "$user" cat "$db" >/dev/null 2>&1 && fail "$user read the database file"
	as "$user" cp "$db-wal" "/home/$user/" >/dev/null 2>&1 && fail "$user copied the -wal file"
done
audit=$(sqlite3 "$db" 'SELECT count(*) FROM audit')
((audit > 0)) || fail "no audit entries"

cat >"$root/evil.conf" <<CONF
database = "$db"
roles { admins = {"$lead", "$agent"} }
CONF
chmod 644 "$root/evil.conf"
as "$lead" "$bin" --config "$root/evil.conf" backup "/home/$lead/all.db" >/dev/null 2>"$root/err" &&
	fail "--config evil.conf let the lead back up the database"
grep -q "your own rights" "$root/err" || fail "--config evil.conf: $(cat "$root/err")"
as "$lead" "$bin" --db "$db" report >/dev/null 2>&1 && fail "--db let the lead past the group"
as "$lead" env CSRDESK_CONFIG="$root/evil.conf" "$bin" backup "/home/$lead/all.db" >/dev/null 2>"$root/err" &&
	fail "CSRDESK_CONFIG=evil.conf made the lead an admin"
grep -q "Only admins may back up" "$root/err" || fail "CSRDESK_CONFIG: $(cat "$root/err")"
[[ ! -e /home/$lead/all.db ]] || fail "a backup file was made for the lead"
as "$lead" env CSRDESK_CONFIG="$root/evil.conf" "$bin" export volunteers >/dev/null ||
	fail "the lead's export (as a lead) under CSRDESK_CONFIG"
# csrdesk reads no private file for them.
for args in "check-config $db" "import volunteers $db"; do
	# shellcheck disable=SC2086 # the command's words
	as "$lead" "$bin" $args >"$root/out" 2>&1 && fail "csrdesk $args succeeded for the lead"
	grep -q "Permission denied" "$root/out" || fail "csrdesk $args: $(cat "$root/out")"
done
# the one new entry: the lead's export, audited as a reading of personal data
[[ $(sqlite3 "$db" 'SELECT count(*) FROM audit') == $((audit + 1)) &&
	$(sqlite3 "$db" "SELECT actor || ' ' || action || ' ' || detail FROM audit
		ORDER BY id DESC LIMIT 1") == "unix:$lead export.csv volunteers" ]] ||
	fail "the audit table changed otherwise than by the lead's export"
# An admin's way to work on a copy: --db on their own file, without the group.
as "$lead" "$bin" --db "/home/$lead/own.db" init >/dev/null || fail "the lead's own database"
[[ $(stat -c %G "/home/$lead/own.db") == "$lead" ]] || fail "own.db: $(stat -c %G "/home/$lead/own.db")"
e2e_pass "sqlite3, cat, --config, --db and \$CSRDESK_CONFIG gain them nothing; /proc is closed"

# ---- nightly backups ----

# verify_units NAME: the installed NAME.service and NAME.timer pass
# systemd-analyze verify (where systemd is installed); prints the service's
# command line.
verify_units() {
	local service=$prefix/lib/systemd/system/$1.service
	if command -v systemd-analyze >/dev/null; then
		systemd-analyze verify --man=no "$service" "${service%.service}.timer" >"$root/verify" 2>&1 ||
			{ cat "$root/verify"; fail "systemd-analyze verify $1"; }
	fi
	sed -n 's/^ExecStart=//p' "$service"
}

exec_start=$(verify_units csrdesk-backup)
# shellcheck disable=SC2086 # the unit's command line
$exec_start >"$root/backup.out" || fail "the backup service's command: $exec_start"
copy=$(sed -n 's/^wrote \([^ ]*\) .*/\1/p' "$root/backup.out")
[[ $copy == "$backupdir"/csrdesk-*.db && $(stat -c %a "$copy") == 600 ]] || fail "backup: $(cat "$root/backup.out")"
[[ $(sqlite3 "$copy" 'SELECT count(*) FROM volunteer') == 2 ]] || fail "the backup lacks the volunteers"
e2e_pass "the backup units verify; their command wrote $(basename "$copy") (0600)"

# ---- notifications ----

exec_start=$(verify_units csrdesk-notify)
# shellcheck disable=SC2086 # the unit's command line
$exec_start >"$root/notify.out" || fail "the notify service's command: $exec_start"
# The installed config names no MTA: nothing is sent, nothing waits.
[[ $(cat "$root/notify.out") == "sent 0, skipped "* ]] || fail "notify: $(cat "$root/notify.out")"
[[ $(sqlite3 "$db" 'SELECT count(*) FROM notification WHERE mailed_at IS NULL') == 0 ]] ||
	fail "notify left notifications waiting for a mail that is not configured"
e2e_pass "the notify units verify; their command ran: $(cat "$root/notify.out")"
