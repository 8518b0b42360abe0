#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Which source files call functions of which, and the loops among them.

    call_graph.py [--allow A.c,B.c]... [--dot] [--under DIR] [--target NAME] BUILD|OBJ.o...

Reads object files with nm: a symbol undefined in a.o that b.o defines as a
global function (type T) makes the edge a -> b. Data symbols (a panel's ops
table, a const array) are no edges: a table of function pointers is how a
caller reaches a callee without depending on it. Prints every strongly
connected component of more than one file: a loop of files that call each
other. A BUILD directory stands for the objects of --target (csrdesk) whose
sources lie under --under (src/tui), found through compile_commands.json.

--allow lists the files of a loop that is accepted for now; a loop made of
some of those files only (the loop split up, say) is accepted too. The exit
status is 1 when a loop is not accepted, 0 when none is, 2 on a usage or
nm error. --dot prints the graph for Graphviz on stdout (the loops in red)
and the loops on stderr."""
import argparse
import glob
import json
import os
import subprocess
import sys


def objects_of_build(build, target, under):
    """Maps a source file's name to the object of it that `target` links."""
    under = os.path.normpath(under)
    commands = os.path.join(build, "compile_commands.json")
    found = {}
    if os.path.exists(commands):
        with open(commands) as f:
            entries = json.load(f)
        for e in entries:
            source = os.path.normpath(os.path.join(e["directory"], e["file"]))
            if os.path.basename(os.path.dirname(e["output"])) != target + ".p":
                continue
            if os.path.dirname(source).endswith(os.sep + under):
                found[os.path.basename(source)] = os.path.join(e["directory"], e["output"])
        return found
    # Not a ninja build: meson names an object after its source's path.
    prefix = under.replace(os.sep, "_") + "_"
    for path in glob.glob(os.path.join(build, "**", target + ".p", prefix + "*.o"),
                          recursive=True):
        found[label_of(os.path.basename(path)[len(prefix):])] = path
    return found


def label_of(path):
    """The file name without the object suffix: foo.c.o is foo.c."""
    name = os.path.basename(path)
    if name.endswith(".o"):
        name = name[:-2]
    return name


def symbols(objects):
    """{name: (global functions defined, symbols used but not defined)},
    from one nm over all the objects (-A names each line's file)."""
    by_path = {path: name for name, path in objects.items()}
    try:
        out = subprocess.run(["nm", "-A", "-P"] + sorted(by_path), check=True,
                             capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        sys.exit(f"call_graph: nm: {e}")
    found = {name: (set(), set()) for name in objects}
    for line in out.splitlines():
        path, _, rest = line.partition(": ")
        fields = rest.split()
        if path not in by_path or len(fields) < 2:
            continue
        defined, undefined = found[by_path[path]]
        if fields[1] == "T":
            defined.add(fields[0])
        elif fields[1] == "U":
            undefined.add(fields[0])
    return found


def call_edges(objects):
    """{caller: {callee: sorted names of the functions called}}."""
    found = symbols(objects)
    owner = {sym: name for name, (defined, _) in found.items() for sym in defined}
    edges = {name: {} for name in objects}
    for name, (_, undefined) in found.items():
        for sym in sorted(undefined):
            callee = owner.get(sym)
            if callee is not None and callee != name:
                edges[name].setdefault(callee, []).append(sym)
    return edges


def loops(edges):
    """The strongly connected components of more than one node (Tarjan),
    each a sorted list, the list sorted."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(max(1000, 4 * len(edges)))
    for v in sorted(edges):
        if v not in index:
            visit(v)
    return sorted(found)


def describe(loop, edges, accepted, out):
    word = "accepted loop" if accepted else "loop"
    print(f"{word}: {' '.join(loop)}", file=out)
    for a in loop:
        for b in sorted(edges[a]):
            if b in loop:
                print(f"  {a} -> {b}: {', '.join(edges[a][b])}", file=out)


def dot(edges, loop_of):
    lines = ["digraph calls {", "\tnode [shape=box, fontname=monospace];"]
    for name in sorted(edges):
        color = ", color=red" if name in loop_of else ""
        lines.append(f'\t"{name}" [label="{name}"{color}];')
    for a in sorted(edges):
        for b in sorted(edges[a]):
            same = a in loop_of and loop_of[a] is loop_of.get(b)
            color = ", color=red" if same else ""
            lines.append(f'\t"{a}" -> "{b}" [tooltip="{", ".join(edges[a][b])}"{color}];')
    lines.append("}")
    return "\n".join(lines)


def parse_args(argv):
    p = argparse.ArgumentParser(prog="call_graph.py", description=__doc__.split("\n")[0])
    p.add_argument("paths", nargs="+", metavar="BUILD|OBJ.o")
    p.add_argument("--allow", action="append", default=[], metavar="A.c,B.c",
                   help="the files of a loop accepted for now (repeatable)")
    p.add_argument("--dot", action="store_true", help="print a Graphviz graph")
    p.add_argument("--under", default=os.path.join("src", "tui"), metavar="DIR",
                   help="with a BUILD directory: the sources to look at (src/tui)")
    p.add_argument("--target", default="csrdesk", metavar="NAME",
                   help="with a BUILD directory: the target whose objects count (csrdesk)")
    return p.parse_args(argv)


def main(argv):
    args = parse_args(argv)
    objects = {}
    for path in args.paths:
        if os.path.isdir(path):
            objects.update(objects_of_build(path, args.target, args.under))
        elif os.path.isfile(path):
            objects[label_of(path)] = path
        else:
            print(f"call_graph: {path}: no such build directory or object file",
                  file=sys.stderr)
            return 2
    if len(objects) < 2:
        print(f"call_graph: {len(objects)} object files of {args.under} found in "
              f"{' '.join(args.paths)}: build it first", file=sys.stderr)
        return 2
    allowed = [set(filter(None, a.split(","))) for a in args.allow]
    edges = call_edges(objects)
    found = loops(edges)
    out = sys.stderr if args.dot else sys.stdout
    refused = 0
    for loop in found:
        accepted = any(set(loop) <= a for a in allowed)
        refused += not accepted
        describe(loop, edges, accepted, out)
    if args.dot:
        print(dot(edges, {name: loop for loop in found for name in loop}))
    calls = sum(len(e) for e in edges.values())
    print(f"call_graph: {len(objects)} files, {calls} caller -> callee pairs, "
          f"{len(found)} loops, {refused} not accepted", file=out)
    return 1 if refused else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
