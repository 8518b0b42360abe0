#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Every source file of the tree names its license with an SPDX identifier
# (MIT, the LICENSE file) in its first lines: C, headers, shell, Python,
# SQL, meson files and the bash completion. Lists the files that do not.
set -euo pipefail
root=$(cd "${E2E_DIR:-$(dirname "$0")}/../.." && pwd)
cd "$root"
missing=()
while IFS= read -r -d '' f; do
	head -n 3 "$f" | grep -q 'SPDX-License-Identifier: MIT' || missing+=("$f")
done < <(find src include tests tools data .ci meson.build meson_options.txt -type f \
	\( -name '*.c' -o -name '*.h' -o -name '*.sh' -o -name '*.py' -o -name '*.sql' \
	-o -name meson.build -o -name meson_options.txt -o -path '.ci/run' \
	-o -path 'data/bash-completion/*' \) \
	-not -path 'tests/fuzz/corpus/*' -not -path 'tests/unit/data/*' -print0)
((${#missing[@]} == 0)) || { printf 'src_spdx: no SPDX-License-Identifier in %s\n' "${missing[@]}" >&2; exit 1; }
n=$(find src include -name '*.[ch]' | wc -l)
echo "src_spdx: ok: every source file names its license ($n C files and headers among them)"
