#!/bin/sh
# SPDX-License-Identifier: MIT
# Run by `meson install` after the files are copied: what a server needs
# beyond them. install_setup.sh BINARY CONF_IN CONF_DIR SYSUSERS TMPFILES GROUP
#
# The config is installed once: an admin's edits are never overwritten (a
# newer default lands beside it as csrdesk.conf.new). As root and without
# DESTDIR it applies the sysusers.d and tmpfiles.d snippets (the group, the
# database's directory) and makes the binary setgid to the group; otherwise
# (a package build, a user's prefix) it prints the one command that does.
set -eu
bin=$1 conf_in=$2 conf_dir=$3 sysusers=$4 tmpfiles=$5 group=$6
dest=${DESTDIR:-}

# meson (1.0) shows an install script's output only when it fails: speak to
# the admin's terminal when there is one.
say() {
	# (in a subshell: dash exits when a redirection of : fails)
	if (: >/dev/tty) 2>/dev/null; then
		echo "$*" >/dev/tty
	else
		echo "$*"
	fi
}

mkdir -p "$dest$conf_dir"
if [ -e "$dest$conf_dir/csrdesk.conf" ]; then
	install -m 644 "$conf_in" "$dest$conf_dir/csrdesk.conf.new"
	say "csrdesk: kept $conf_dir/csrdesk.conf; the new default is beside it as csrdesk.conf.new"
else
	install -m 644 "$conf_in" "$dest$conf_dir/csrdesk.conf"
fi

finish="systemd-sysusers $sysusers && systemd-tmpfiles --create $tmpfiles && chgrp $group $bin && chmod 2755 $bin"
if [ -n "$dest" ] || [ "$(id -u)" != 0 ]; then
	say "csrdesk: to finish the set-up, run as root on the server:"
	say "  $finish"
	exit 0
fi

# Without systemd (a container): the same with the classic tools.
if command -v systemd-sysusers >/dev/null 2>&1; then
	systemd-sysusers "$sysusers"
elif ! getent group "$group" >/dev/null; then
	groupadd --system "$group"
fi
if command -v systemd-tmpfiles >/dev/null 2>&1; then
	systemd-tmpfiles --create "$tmpfiles"
else
	grep '^d ' "$tmpfiles" | while read -r _ path mode user owner _; do
		install -d -m "$mode" -o "$user" -g "$owner" "$path"
	done
fi
chgrp "$group" "$bin"
chmod 2755 "$bin"
say "csrdesk: $bin is setgid $group and its database directory is ready; next: csrdesk init"
