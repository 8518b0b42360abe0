#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs csrdesk as the README's "Deployment on a server" says, for the
# tests that need the real deployment (deploy.sh, tui_ssh.sh): source it
# after lib.sh, as root.
#
# deploy_install ROOT GROUP builds csrdesk from this source tree into
# ROOT/build and runs `meson install` as root with the prefix ROOT/prefix,
# the database's directory ROOT/var/lib/csrdesk, backups in
# ROOT/var/backups/csrdesk and GROUP as csrdesk's private group: the
# install applies the sysusers.d and tmpfiles.d files (making GROUP and the
# directory) and makes the binary setgid GROUP. Sets deploy_bin,
# deploy_conf (the system config of that install), deploy_db and
# deploy_prefix. The caller removes GROUP when done.

deploy_install() {
	local root=$1 group=$2
	local src
	src=$(cd "${E2E_DIR:-$(dirname "${BASH_SOURCE[0]}")}/../.." && pwd)
	deploy_prefix=$root/prefix
	meson setup "$root/build" "$src" --prefix="$deploy_prefix" -Dtests=false \
		-Dstatedir="$root/var/lib/csrdesk" -Dbackupdir="$root/var/backups/csrdesk" \
		-Dcsrdesk_group="$group" >"$root/setup.log" 2>&1 ||
		{ cat "$root/setup.log"; e2e_fail "meson setup of the deployment"; }
	meson install -C "$root/build" >"$root/install.log" 2>&1 ||
		{ cat "$root/install.log"; e2e_fail "meson install"; }
	deploy_bin=$deploy_prefix/bin/csrdesk
	deploy_conf=$deploy_prefix/etc/csrdesk/csrdesk.conf
	deploy_db=$root/var/lib/csrdesk/csrdesk.db
}

# deploy_set_option FILE NAME VALUE: sets `NAME = VALUE` where the installed
# config has it (as an admin would edit it), failing when it is not there.
deploy_set_option() {
	local file=$1 name=$2 value=$3
	grep -qE "^[[:space:]]*$name[[:space:]]*= " "$file" || e2e_fail "$file has no '$name ='"
	sed -i -E "s|^([[:space:]]*$name[[:space:]]*= ).*\$|\\1$value|" "$file"
}
