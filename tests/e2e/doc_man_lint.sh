#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The manual pages are lint-clean: mandoc -Tlint (every level, style notes
# too) says nothing about data/csrdesk.1 and data/csrdesk.conf.5.
# Needs mandoc (Debian package mandoc); skipped (exit 77) without it.
set -euo pipefail
src=$(cd "${E2E_DIR:-${0%/*}}/../.." && pwd)
command -v mandoc >/dev/null || {
	echo "doc_man_lint: SKIP: mandoc is not installed (Debian package mandoc)" >&2
	exit 77
}
pages=("$src/data/csrdesk.1" "$src/data/csrdesk.conf.5")
for page in "${pages[@]}"; do
	[[ -s $page ]] || { echo "doc_man_lint: FAIL: $page is missing" >&2; exit 1; }
done
status=0
messages=$(mandoc -Tlint -W all "${pages[@]}" 2>&1) || status=$?
if [[ -n $messages || $status != 0 ]]; then
	echo "doc_man_lint: FAIL: mandoc -Tlint (exit $status) says:" >&2
	echo "$messages" >&2
	exit 1
fi
echo "doc_man_lint: ok: ${#pages[@]} pages lint-clean"
