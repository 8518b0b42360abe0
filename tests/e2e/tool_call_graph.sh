#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tools/call_graph.py on objects made for the purpose: a call to a global
# function of another file is an edge, a reference to its data is not (so
# c.c reading b.c's table makes no loop with b.c calling c.c); each loop
# (a strongly connected component of files) is printed with its calls and
# fails the check (exit 1) unless an --allow lists all of its files;
# --dot prints a Graphviz graph with the loops in red. Then on this build:
# it finds the object of every source file in src/tui that csrdesk links,
# and only that target's. Needs $CSRDESK (for its build directory),
# python3, cc and nm.
. "$(dirname "$0")/lib.sh"

work=$E2E_TMP
root=$(cd "$E2E_DIR/../.." && pwd)
fail() { e2e_fail "$@"; }
graph() {
	local status=0
	python3 "$root/tools/call_graph.py" "$@" >"$work/out" 2>"$work/err" || status=$?
	out=$(cat "$work/out")
	err=$(cat "$work/err")
	return "$status"
}
expect() { # expect STATUS WHAT ARGS...: the exit status call_graph.py must give
	local want=$1 what=$2 status=0
	shift 2
	graph "$@" || status=$?
	[[ $status == "$want" ]] || fail "$what: exit $status, not $want; $out $err"
}

cat >"$work/a.c" <<'C'
int b_f(void);
int a_f(void) { return b_f() + 1; }
C
cat >"$work/b.c" <<'C'
int a_f(void);
int c_f(void);
const int b_table[] = { 1, 2 };
int b_f(void) { return c_f() + 2; }
int b_g(void) { return a_f() + 3; }
C
cat >"$work/c.c" <<'C'
extern const int b_table[];
int c_f(void) { return b_table[1]; }
C
cat >"$work/e.c" <<'C'
int f_f(int);
int e_f(int n) { return n ? f_f(n - 1) : 0; }
C
cat >"$work/f.c" <<'C'
int e_f(int);
int f_f(int n) { return n ? e_f(n - 1) : 1; }
C
objects=()
for f in a b c e f; do
	cc -std=c17 -O2 -c "$work/$f.c" -o "$work/$f.c.o" || fail "cc $f.c"
	objects+=("$work/$f.c.o")
done

expect 1 "two loops, none allowed" "${objects[@]}"
want='loop: a.c b.c
  a.c -> b.c: b_f
  b.c -> a.c: a_f
loop: e.c f.c
  e.c -> f.c: f_f
  f.c -> e.c: e_f
call_graph: 5 files, 5 caller -> callee pairs, 2 loops, 2 not accepted'
[[ $out == "$want" ]] || fail "the loops printed: $out"
e2e_pass "two loops found, the table b.c's data gives no edge c.c -> b.c"

expect 1 "one loop allowed" "${objects[@]}" --allow a.c,b.c
[[ $out == *"accepted loop: a.c b.c"* && $out == *$'\nloop: e.c f.c'* ]] || fail "one allowed: $out"
expect 1 "a part of a loop allowed" "${objects[@]}" --allow a.c --allow e.c,f.c
expect 0 "both loops allowed" "${objects[@]}" --allow e.c,f.c --allow b.c,a.c
expect 0 "both loops within one allowed set" "${objects[@]}" --allow a.c,b.c,c.c,e.c,f.c,g.c
e2e_pass "a loop passes only when one --allow names all of its files"

expect 1 "--dot" "${objects[@]}" --dot
[[ $out == 'digraph calls {'* && $out == *'}' ]] || fail "--dot printed no digraph: $out"
grep -qF '"a.c" -> "b.c" [tooltip="b_f", color=red];' "$work/out" || fail "no red a.c -> b.c: $out"
grep -qF '"b.c" -> "c.c" [tooltip="c_f"];' "$work/out" || fail "no b.c -> c.c: $out"
! grep -qF '"c.c" -> "b.c"' "$work/out" || fail "an edge for a data reference: $out"
[[ $err == *"loop: e.c f.c"* ]] || fail "--dot: the loops are not on stderr: $err"
e2e_pass "--dot prints the graph, loops in red, and the loops on stderr"

expect 2 "no such file" "$work/none.o"
[[ $err == *"none.o: no such build directory or object file"* ]] || fail "no such file: $err"

# This build: the objects of the csrdesk target, one per source in src/tui.
build=$(dirname "$CSRDESK")
sources=$(find "$root/src/tui" -maxdepth 1 -name '*.c' | wc -l)
status=0
graph "$build" || status=$?
((status < 2)) || fail "on $build: exit $status: $err"
[[ $out == *"call_graph: $sources files, "* ]] || fail "on $build, not $sources files: $out"
e2e_pass "this build: $sources files of src/tui read"
# Another target's objects do not count: test_format compiles none of
# src/tui, though the csrdesk target's are in the same build.
expect 2 "--target test_format" "$build" --target test_format
[[ $err == *"0 object files of src/tui found in $build"* ]] || fail "--target test_format: $err"
e2e_pass "only the objects of the target asked for"
