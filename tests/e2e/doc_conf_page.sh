#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end: csrdesk.conf(5) describes exactly the options of
# data/csrdesk.conf and of the config parser, and csrdesk check-config
# accepts them (and refuses others). The work is in doc_conf_page.py.
# Needs $CSRDESK (the binary) and python3.
set -euo pipefail
: "${CSRDESK:?set CSRDESK to the csrdesk binary}"
command -v python3 >/dev/null || { echo "doc_conf_page: needs python3 (Debian package python3)" >&2; exit 77; }
exec python3 "${E2E_DIR:-${0%/*}}/doc_conf_page.py"
