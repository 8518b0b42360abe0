#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A deployed csrdesk (lib_deploy.sh) reached over a real sshd on 127.0.0.1
# that includes the shipped example data/sshd_config.csrdesk (Match on the
# role groups but the shell group, ForceCommand csrdesk --ssh), with test
# groups in place of csr-leads and csr-shell. Source after lib.sh and
# lib_deploy.sh, as root (the tests that use it skip with 77 otherwise).
#
# ssh_setup makes the lead ($user, a new unprivileged Unix user in no
# csrdesk group, like a real lead), csrdesk's private group ($group), the
# role groups and a sysadmin in the lead and shell groups, installs
# csrdesk (sets bin, conf, db) with $user among the config's leads, and
# removes all of it again on exit. ssh_start_sshd starts sshd (sets port
# and ssh_opts). ssh_start runs ssh in tmux; lead_wait_for waits for its
# screen; remote and lead_ssh run a client without a terminal.

# ---- cleanup: nothing stays running, no user or group stays behind ----

made_user='' made_group='' made_roles='' sshd_pid=''

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
	if [[ -n $made_roles ]]; then
		! getent passwd "$sysadmin" >/dev/null || userdel "$sysadmin" || userdel -f "$sysadmin"
		local name
		for name in "$sysadmin" "$leads" "$shell_group"; do
			! getent group "$name" >/dev/null || groupdel "$name"
		done
	fi
	e2e_cleanup
	exit "$rc"
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
Include $sshd_dir/csrdesk.conf
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
# As in a real sshd_config (Debian's names sftp-server), so that sftp gets
# as far as the ForceCommand.
Subsystem sftp internal-sftp
LogLevel VERBOSE
CONF
		sanitizer_env
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
# ssh_setup: the users, groups and the install; cleanup on exit.
ssh_setup() {
	for tool in /usr/sbin/sshd ssh sftp scp ssh-keygen sqlite3 useradd userdel groupadd groupdel \
		setpriv timeout; do
		command -v "$tool" >/dev/null ||
			e2e_fail "$tool is needed (Debian: openssh-server, openssh-client, sqlite3, passwd, util-linux)"
	done

	user=csre2e$$
	user=${user:0:32}   # the lead; useradd -U also makes a group of this name
	group=csre2eg$$
	group=${group:0:32} # csrdesk's private group (csrdesk in the README)
	other=nobody        # a second Unix user, writing at the same time
	# The example's role and exception groups (csr-leads, csr-admins,
	# csr-shell) and a sysadmin, in csr-leads and csr-shell, who keeps a shell.
	leads=csre2el$$
	leads=${leads:0:32}
	admins=csre2ea$$    # named in the Match only: nobody here is in it
	admins=${admins:0:32}
	shell_group=csre2es$$
	shell_group=${shell_group:0:32}
	sysadmin=csre2ex$$
	sysadmin=${sysadmin:0:32}

	sshd_dir=$E2E_TMP/sshd # root only: keys, sshd_config, log
	home=$E2E_TMP/home     # the lead's home, holding authorized_keys
	sshd_log=$sshd_dir/sshd.log
	example=${E2E_DIR:-$(dirname "$0")}/../../data/sshd_config.csrdesk

	trap ssh_cleanup EXIT
	trap 'exit 1' INT TERM HUP

	# ---- the group, the lead, the files ----

	for name in "$user" "$group" "$leads" "$admins" "$shell_group" "$sysadmin"; do
		if getent passwd "$name" >/dev/null || getent group "$name" >/dev/null; then
			e2e_fail "a user or group $name already exists; not touching it"
		fi
	done
	getent passwd "$other" >/dev/null || e2e_fail "the system has no user $other"
	made_group=yes # deploy_install makes it
	made_roles=yes
	groupadd "$leads"
	groupadd "$shell_group"
	# UsePAM no makes sshd refuse an account whose password field starts with
	# "!" (locked), which is useradd's default; "*" allows no password either.
	useradd -M -U -G "$leads" -d "$home" -s /bin/sh -p '*' "$user"
	made_user=yes
	useradd -M -U -G "$leads,$shell_group" -d "$home" -s /bin/sh -p '*' "$sysadmin"

	chmod 0711 "$E2E_TMP" # others may pass through to the install and home, not list
	chmod 0644 "$E2E_TMP/lsan.supp"
	mkdir -m 0700 "$sshd_dir"
	mkdir -m 0755 "$home"
	deploy_install "$E2E_TMP" "$group"
	bin=$deploy_bin
	conf=$deploy_conf
	db=$deploy_db
	dbdir=$(dirname "$db")
	deploy_set_option "$conf" leads "{\"$user\"}"
	setpriv --reuid="$user" --regid="$user" --init-groups test -x "$bin" -a -r "$conf" ||
		e2e_fail "the lead cannot reach $bin: is ${TMPDIR:-/tmp} closed to other users?"

}

# ssh_start_sshd: host and lead keys, the example adapted to the test's
# groups and binary, sshd on a free port.
ssh_start_sshd() {

	ssh-keygen -q -t ed25519 -N '' -C csrdesk-e2e-host -f "$sshd_dir/host_ed25519"
	ssh-keygen -q -t ed25519 -N '' -C csrdesk-e2e-lead -f "$sshd_dir/lead_ed25519"
	# StrictModes: the file and each directory up to the home are root's (or
	# the lead's) and not group- or world-writable.
	install -m 0644 "$sshd_dir/lead_ed25519.pub" "$home/authorized_keys"

	# The example as is, but for the test's groups, binary and config; sshd
	# includes it first, as Debian's sshd_config includes sshd_config.d.
	match='Match Group csr-leads,csr-admins,!csr-shell'
	force='ForceCommand /usr/bin/csrdesk --ssh'
	grep -qx "$match" "$example" || e2e_fail "$example has no '$match'"
	grep -qxE "[[:space:]]*$force" "$example" || e2e_fail "$example has no '$force'"
	sed -e "s/^$match\$/Match Group $leads,$admins,!$shell_group/" \
		-e "s|^\([[:space:]]*\)$force\$|\1ForceCommand $bin --ssh|" \
		"$example" >"$sshd_dir/csrdesk.conf"

	start_sshd
	ssh_opts=(-F /dev/null -p "$port" -i "$sshd_dir/lead_ed25519" -o IdentitiesOnly=yes
		-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes
		-o LogLevel=ERROR -o ConnectTimeout=5 -o SendEnv=LC_ALL)
}

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

# remote NAME CLIENT [ARGS...]: runs CLIENT (ssh, sftp, scp) without a
# terminal; its stdout lands in $E2E_TMP/NAME.out, its stderr in
# NAME.stderr, its exit status in $rc.
remote() {
	local name=$1 limit=$((15 * E2E_SLOW))
	shift
	rc=0
	timeout "$limit" env LC_ALL=C.UTF-8 "$@" </dev/null >"$E2E_TMP/$name.out" \
		2>"$E2E_TMP/$name.stderr" || rc=$?
	((rc != 124)) || e2e_fail "$name did not end within ${limit}s"
}
# (after --, a command that starts with - is not an option of ssh)
lead_ssh() { remote "$1" ssh "${ssh_opts[@]}" "$user@127.0.0.1" -- "${@:2}"; }
