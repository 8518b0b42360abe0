#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The German catalogue is complete, not partial (issue 12):
#  - po/POTFILES lists every C file under src/ (xgettext reads only those);
#  - po/de.po passes msgfmt --check (formats, plural forms, header);
#  - every text the code marks (the keywords of po/meson.build) has a German
#    translation, none fuzzy, and de.po holds no text the code lost;
#  - no plural is made by hand (n == 1 ? "" : "s").
set -euo pipefail
root=$(cd "${E2E_DIR:?}/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/csrdesk-po-XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "po_complete: FAIL: $*" >&2; exit 1; }
cd "$root"

(cd "$root" && find src -name '*.c' | LC_ALL=C sort) >"$work/sources"
LC_ALL=C sort po/POTFILES >"$work/listed"
if ! cmp -s "$work/sources" "$work/listed"; then
	diff "$work/listed" "$work/sources" >&2 || true
	fail "po/POTFILES is not the list of src/**/*.c (above: - listed only, + in src only)"
fi

# The keywords of po/meson.build, read from it so the two cannot part.
mapfile -t keywords < <(grep -oE "'--keyword=[^']+'" po/meson.build | tr -d "'")
((${#keywords[@]} >= 4)) || fail "no --keyword options found in po/meson.build"
xgettext --from-code=UTF-8 "${keywords[@]}" --no-wrap -f po/POTFILES -o "$work/csrdesk.pot"
[[ -s $work/csrdesk.pot ]] || fail "xgettext found no marked text"

msgfmt --check -o /dev/null po/de.po || fail "msgfmt --check po/de.po"

msgmerge --quiet --no-fuzzy-matching --no-wrap po/de.po "$work/csrdesk.pot" -o "$work/merged.po"
# "N translated messages, M fuzzy translations, K untranslated messages."
stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$work/merged.po" 2>&1)
count() { grep -oE "[0-9]+ $1" <<<"$stats" | grep -oE '^[0-9]+' || echo 0; }
untranslated=$(count untranslated) fuzzy=$(count fuzzy)
if ((untranslated > 0)); then
	msgattrib --untranslated --no-obsolete --no-wrap "$work/merged.po" | grep -A1 '^#:' | head -40 >&2
	fail "$untranslated texts in the code have no German translation in po/de.po (the first above)"
fi
if ((fuzzy > 0)); then
	msgattrib --only-fuzzy --no-obsolete --no-wrap "$work/merged.po" | grep -A1 '^#:' | head -20 >&2
	fail "$fuzzy translations in po/de.po are fuzzy (the first above)"
fi
stale=$(msgattrib --only-obsolete --no-wrap "$work/merged.po" | grep -c '^#~ msgid ' || true)
if ((stale > 0)); then
	msgattrib --only-obsolete --no-wrap "$work/merged.po" | grep '^#~ msgid ' | head -20 >&2
	fail "po/de.po holds $stale texts the code no longer has (above): msgmerge it"
fi
echo "po_complete: ok: $stats"

if grep -rnE '== 1 \? "" : "s"|!= 1 \? "s" : ""' src; then
	fail "a plural made by hand (above): use csr_plural or ngettext"
fi
echo "po_complete: ok: no plural made by hand"
