#!/usr/bin/env bash
# End-to-end: csrdesk deployed as the README's "Deployment over SSH" says.
# A real sshd on 127.0.0.1 (a free high port; its own config, host key and
# authorized keys in a temporary directory) applies the shipped example
# data/sshd_config.csrdesk: Match Group + ForceCommand. The lead is a new
# unprivileged Unix user whose own primary group is not the shared group,
# like a real lead; `csrdesk init` as root makes the database in a setgid
# directory of the group. Over `ssh -tt` the lead gets csrdesk as a lead,
# signs up and quits; meanwhile another Unix user of the group writes to the
# -wal and -shm files the lead's session made. Root then checks the rows,
# the audit log, the integrity and the files' group and modes. A command
# given to ssh runs csrdesk (which refuses without a terminal), never a
# shell. Needs root to add users and run sshd: otherwise skipped (exit 77).
set -euo pipefail
if [[ $(id -u) != 0 ]]; then
	echo "tui_ssh: skipped: needs root (it adds a test user and group and runs sshd)"
	exit 77
fi
. "$(dirname "$0")/lib.sh"

for tool in /usr/sbin/sshd ssh ssh-keygen sqlite3 useradd userdel groupadd groupdel setpriv timeout; do
	command -v "$tool" >/dev/null ||
		e2e_fail "$tool is needed (Debian: openssh-server, openssh-client, sqlite3, passwd, util-linux)"
done

user=csre2e$$
user=${user:0:32}   # the lead; useradd -U also makes a group of this name
group=csre2eg$$
group=${group:0:32} # the group that shares the database (csr in the README)
other=nobody        # a second Unix user of the group, writing at the same time

sshd_dir=$E2E_TMP/sshd # root only: keys, sshd_config, log
app=$E2E_TMP/app       # what the lead's session reads: the binary and config
home=$E2E_TMP/home     # the lead's home, holding authorized_keys
conf=$app/csrdesk.conf
dbdir=$app/db
db=$dbdir/csrdesk.db
sshd_log=$sshd_dir/sshd.log
example=${E2E_DIR:-$(dirname "$0")}/../../data/sshd_config.csrdesk

# ---- cleanup: nothing stays running, no user or group stays behind ----

made_user='' made_group='' sshd_pid=''

# stop_pids PID...: TERM, up to 2 s to go, then KILL.
stop_pids() {
	(($#)) || return 0
	kill "$@" 2>/dev/null || true
	local i pid alive
	for ((i = 0; i < 20; i++)); do
		alive=()
		for pid; do kill -0 "$pid" 2>/dev/null && alive+=("$pid"); done
		((${#alive[@]})) || return 0
		sleep 0.1
	done
	kill -KILL "${alive[@]}" 2>/dev/null || true
}

# The listener and its per-connection children.
stop_sshd() {
	[[ -n $sshd_pid ]] || return 0
	local children
	children=$(ps -o pid= --ppid "$sshd_pid" 2>/dev/null || true)
	# shellcheck disable=SC2086 # one pid a word
	stop_pids "$sshd_pid" $children
	wait "$sshd_pid" 2>/dev/null || true
	sshd_pid=
}

# What still runs as the lead (only this test's sessions can).
user_pids() { [[ -z $made_user ]] || ps -o pid= -u "$user" 2>/dev/null || true; }

ssh_cleanup() {
	local rc=$?
	set +e
	if ((rc != 0 && rc != 77)); then
		echo "--- sshd log ---" >&2
		cat "$sshd_log" >&2 2>/dev/null
		echo "--- ssh's standard error ---" >&2
		cat "$E2E_TMP"/*.stderr >&2 2>/dev/null
		echo "----------------" >&2
	fi
	e2e_tmux kill-server >/dev/null 2>&1
	stop_sshd
	# shellcheck disable=SC2046 # one pid a word
	stop_pids $(user_pids)
	if [[ -n $made_user ]]; then
		userdel "$user" || userdel -f "$user"
		! getent group "$user" >/dev/null || groupdel "$user"
	fi
	[[ -z $made_group ]] || groupdel "$group"
	e2e_cleanup
	exit "$rc"
}
trap ssh_cleanup EXIT
trap 'exit 1' INT TERM HUP

# ---- the group, the lead, the files ----

for name in "$user" "$group"; do
	if getent passwd "$name" >/dev/null || getent group "$name" >/dev/null; then
		e2e_fail "a user or group $name already exists; not touching it"
	fi
done
getent passwd "$other" >/dev/null || e2e_fail "the system has no user $other"
groupadd "$group"
made_group=yes
# UsePAM no makes sshd refuse an account whose password field starts with
# "!" (locked), which is useradd's default; "*" allows no password either.
useradd -M -U -G "$group" -d "$home" -s /bin/sh -p '*' "$user"
made_user=yes

chmod 0711 "$E2E_TMP" # others may pass through to app and home, not list
chmod 0644 "$E2E_TMP/lsan.supp"
mkdir -m 0700 "$sshd_dir"
mkdir -m 0755 "$app" "$home"
# A copy, so the lead can run it wherever the build directory is (/root...).
install -m 0755 "$CSRDESK" "$app/csrdesk"
cat >"$conf" <<CONF
database = "$db"
group = "$group"
roles { leads = {"$user"} }
CONF
chmod 0644 "$conf"
setpriv --reuid="$user" --regid="$user" --init-groups test -x "$app/csrdesk" -a -r "$conf" ||
	e2e_fail "the lead cannot reach $app: is ${TMPDIR:-/tmp} closed to other users?"

csr() { "$CSRDESK" --config "$conf" "$@"; }

# shared FILE [dir]: FILE belongs to the group, which may read and write it
# (and, for a directory, search it, with setgid); nobody else may write.
shared() {
	local mode grp
	read -r mode grp < <(stat -c '%a %G' "$1")
	local m=$((8#$mode))
	[[ $grp == "$group" ]] || e2e_fail "$1 belongs to group $grp, not $group"
	(((m & 8#060) == 8#060)) ||
		e2e_fail "$1 has mode $mode: the group cannot read and write it"
	((!(m & 8#002))) || e2e_fail "$1 has mode $mode: anyone may write it"
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

ssh-keygen -q -t ed25519 -N '' -C csrdesk-e2e-host -f "$sshd_dir/host_ed25519"
ssh-keygen -q -t ed25519 -N '' -C csrdesk-e2e-lead -f "$sshd_dir/lead_ed25519"
# StrictModes: the file and each directory up to the home are root's (or
# the lead's) and not group- or world-writable.
install -m 0644 "$sshd_dir/lead_ed25519.pub" "$home/authorized_keys"

# The example's Match block, for the test's group and binary and config.
deployment() {
	grep -q '^Match Group csr$' "$example" || e2e_fail "$example has no 'Match Group csr'"
	grep -qE '^[[:space:]]*ForceCommand ' "$example" || e2e_fail "$example has no ForceCommand"
	sed -e '/^[[:space:]]*#/d' -e "s/^Match Group csr\$/Match Group $group/" \
		-e "s|^\([[:space:]]*\)ForceCommand .*|\1ForceCommand $app/csrdesk --config $conf|" \
		"$example"
}

# The sanitizers' settings (halt on error, lib.sh's leak suppressions)
# reach csrdesk in a sanitizer build through sshd, which passes on no
# environment of its own (only the first SetEnv line counts: all on one).
sanitizer_env() {
	local var settings=()
	for var in LSAN_OPTIONS ASAN_OPTIONS UBSAN_OPTIONS; do
		[[ -z ${!var-} ]] || settings+=("\"$var=${!var}\"")
	done
	((${#settings[@]} == 0)) || echo "SetEnv ${settings[*]}"
}

# write_sshd_config PORT
write_sshd_config() {
	{
		cat <<CONF
ListenAddress 127.0.0.1
Port $1
HostKey $sshd_dir/host_ed25519
PidFile $sshd_dir/sshd.pid
AuthorizedKeysFile $home/authorized_keys
AllowUsers $user
PermitRootLogin no
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes yes
PrintMotd no
PrintLastLog no
AcceptEnv LANG LC_*
LogLevel VERBOSE
CONF
		sanitizer_env
		deployment
	} >"$sshd_dir/sshd_config"
}

# Starts sshd on a free port (another try when the port is taken); sets
# $port. It runs with umask 077, so csrdesk must set its own. /run/sshd
# (privilege separation) stays: another sshd may be using it.
start_sshd() {
	[[ -d /run/sshd ]] || mkdir -m 0755 /run/sshd 2>/dev/null || [[ -d /run/sshd ]]
	local try i check
	for ((try = 0; try < 5; try++)); do
		port=$((20000 + RANDOM % 40000))
		write_sshd_config "$port"
		check=$(/usr/sbin/sshd -t -f "$sshd_dir/sshd_config" 2>&1) ||
			e2e_fail "sshd refuses the config: $check"
		: >"$sshd_log"
		(umask 077 && exec /usr/sbin/sshd -D -f "$sshd_dir/sshd_config" -E "$sshd_log") &
		sshd_pid=$!
		for ((i = 0; i < 50; i++)); do
			grep -q "Server listening on 127.0.0.1 port $port" "$sshd_log" && return 0
			kill -0 "$sshd_pid" 2>/dev/null || break
			sleep 0.1
		done
		stop_sshd
		grep -q "Address already in use" "$sshd_log" || e2e_fail "sshd did not start"
	done
	e2e_fail "sshd found no free port in 5 tries"
}
start_sshd
e2e_pass "sshd listens on 127.0.0.1:$port with the example's Match Group and ForceCommand"

ssh_opts=(-F /dev/null -p "$port" -i "$sshd_dir/lead_ed25519" -o IdentitiesOnly=yes
	-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes
	-o LogLevel=ERROR -o ConnectTimeout=5 -o SendEnv=LC_ALL)

# ssh_start SESSION SSH-ARGS...: ssh in a new tmux session; like e2e_start,
# its status lands in $E2E_TMP/SESSION.status, its stderr in .stderr.
ssh_start() {
	local session=$1 cmd
	shift
	E2E_SESSION=$session
	cmd=$(printf '%q ' env LC_ALL=C.UTF-8 ssh "${ssh_opts[@]}" "$@")
	e2e_tmux new-session -d -s "$session" -x 100 -y 30 \
		bash -c "$cmd 2>$(printf '%q' "$E2E_TMP/$session.stderr"); echo \$? >$(printf '%q' "$E2E_TMP/$session.status")"
}

# ---- the lead, over ssh ----

# lead_wait_for TEXT SECONDS: like e2e_wait_for, but fails at once when ssh
# has ended (refused, or csrdesk did not start).
lead_wait_for() {
	local i status=$E2E_TMP/$E2E_SESSION.status
	for ((i = 0; i < $2 * 10; i++)); do
		e2e_screen | grep -qF -- "$1" && return 0
		[[ ! -s $status ]] || e2e_fail "ssh ended (status $(<"$status")) before the screen showed '$1'"
		sleep 0.1
	done
	e2e_fail "the screen did not show '$1' within $2s"
}

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

out=$(setpriv --reuid="$other" --regid="$group" --clear-groups \
	"$app/csrdesk" --config "$conf" signup "$initiative" E9002 2>&1) ||
	e2e_fail "$other, in the group, cannot write beside the lead: $out"
[[ $out == confirmed ]] || e2e_fail "$other's sign-up printed '$out'"
e2e_wait_for "Noah Other" $((5 * E2E_SLOW))
e2e_pass "$other (another Unix user of the group) writes meanwhile, and the lead's screen shows it"

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

# ---- ForceCommand: no shell ----

out=$(timeout $((15 * E2E_SLOW)) env LC_ALL=C.UTF-8 ssh "${ssh_opts[@]}" "$user@127.0.0.1" \
	"/bin/sh -c 'echo shell'" </dev/null 2>&1) && rc=0 || rc=$?
((rc != 124)) || e2e_fail "ssh with a command did not end within $((15 * E2E_SLOW))s: $out"
! grep -qx shell <<<"$out" || e2e_fail "a command given to ssh ran in a shell: $out"
[[ $rc == 1 && $out == *"needs a terminal"* ]] ||
	e2e_fail "ssh with a command: status $rc, '$out'; expected csrdesk's refusal without a terminal"
e2e_pass "ssh $user@127.0.0.1 \"/bin/sh -c 'echo shell'\" runs csrdesk, which refuses (status 1: $out)"
