#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the libFuzzer targets (clang, ASan + UBSan, with the core library
# coverage-instrumented) in build-fuzz and runs each for SECONDS on a copy
# of its seed corpus from tests/fuzz/corpus, in a temporary directory (the
# corpus in the tree is never written). Prints, per target, the runs and
# the coverage at start and at the end. On a crash, leak, timeout or broken
# invariant it prints the target and the input (hex and base64), keeps the
# input in build-fuzz/artifacts/TARGET/, and exits 1 after the other
# targets have run.
# Usage: tests/fuzz/run.sh SECONDS_PER_TARGET   (FUZZ_BUILD_DIR overrides build-fuzz)
set -euo pipefail

usage() {
	echo "usage: $0 SECONDS_PER_TARGET" >&2
	exit 2
}
[[ $# -eq 1 && $1 =~ ^[1-9][0-9]*$ ]] || usage
seconds=$1
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${FUZZ_BUILD_DIR:-$root/build-fuzz}
targets=(fuzz_config fuzz_csv fuzz_sanitize fuzz_mail)

command -v clang >/dev/null || { echo "fuzz: clang is needed (Debian: clang libclang-rt-14-dev)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/csrdesk-fuzz-XXXXXX")
trap 'rm -rf "$work"' EXIT

# configure: a build of our own, under ASan + UBSan, that builds only the
# targets (tests/fuzz/meson.build instruments the core library for them).
configure() {
	local opts=(-Dfuzz=true -Dtests=false -Dbuildtype=debugoptimized
		-Db_sanitize=address,undefined -Db_lundef=false)
	if [[ -f $build/meson-private/coredata.dat ]]; then
		meson configure "$build" "${opts[@]}" >/dev/null
	else
		CC=clang meson setup "$build" "${opts[@]}" >"$work/setup.log" 2>&1 || {
			cat "$work/setup.log" >&2
			return 1
		}
	fi
	ninja -C "$build" "${targets[@]/#/tests/fuzz/}"
}

# figure LOG WHAT FIELD: a figure from libFuzzer's last INITED or DONE line
# ("#39 INITED cov: 191 ft: 458 corp: 29/1764b ...").
figure() {
	awk -v what="$2" -v field="$3:" '$2 == what {
		for (i = 3; i < NF; i++) if ($i == field) v = $(i + 1)
	} END { print v }' "$1"
}

# show_input FILE: the input that broke a target, as hex and base64.
show_input() {
	local file=$1
	echo "fuzz: the input ($(wc -c <"$file") bytes), kept in $file"
	echo "--- hex (first 4 KiB) ---"
	head -c 4096 "$file" | od -A x -t x1z -v
	echo "--- base64 ---"
	base64 -w 76 "$file"
	echo "-----------------"
}

# fuzz TARGET: runs it; prints its figures, or why it failed.
fuzz() {
	local t=$1 dir=$work/$1 artifacts=$build/artifacts/$1 status=0
	mkdir -p "$dir"
	cp -R "$here/corpus/$t" "$dir/corpus"
	rm -rf "$artifacts"
	mkdir -p "$artifacts"
	local args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048
		-print_final_stats=1 -artifact_prefix="$artifacts/")
	[[ -f $here/$t.dict ]] && args+=(-dict="$here/$t.dict")
	# TMPDIR: the targets' own temporary files land in our directory.
	(cd "$dir" && TMPDIR=$dir "$build/tests/fuzz/$t" "${args[@]}" "$dir/corpus") \
		>"$dir/log" 2>&1 || status=$?
	local crash
	crash=$(find "$artifacts" -type f | head -n 1)
	if [[ $status -ne 0 || -n $crash ]]; then
		echo "fuzz: $t: FAIL (exit status $status)"
		echo "--- the end of its log ---"
		tail -n 60 "$dir/log"
		if [[ -n $crash ]]; then
			show_input "$crash"
		else
			echo "fuzz: $t left no input behind; its log is above"
		fi
		return 1
	fi
	local runs seeds corpus
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log")
	seeds=$(find "$here/corpus/$t" -type f | wc -l)
	corpus=$(find "$dir/corpus" -type f | wc -l)
	printf 'fuzz: %s: ok: %s runs in %s s; coverage %s -> %s edges, %s -> %s features;' \
		"$t" "$runs" "$seconds" "$(figure "$dir/log" INITED cov)" "$(figure "$dir/log" DONE cov)" \
		"$(figure "$dir/log" INITED ft)" "$(figure "$dir/log" DONE ft)"
	printf ' corpus %s -> %s inputs\n' "$seeds" "$corpus"
}

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:allocator_may_return_null=0
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
symbolizer=$(command -v llvm-symbolizer || command -v llvm-symbolizer-14 || true)
[[ -z $symbolizer ]] || export ASAN_SYMBOLIZER_PATH=$symbolizer

configure
failed=()
for t in "${targets[@]}"; do
	fuzz "$t" || failed+=("$t")
done
if ((${#failed[@]})); then
	echo "fuzz: FAILED: ${failed[*]} (inputs kept in $build/artifacts/)"
	exit 1
fi
echo "fuzz: all ${#targets[@]} targets ran ${seconds} s each without a finding"
