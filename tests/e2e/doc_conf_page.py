#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""csrdesk.conf(5) names exactly the options csrdesk has.

Three lists of options, as SECTION.OPTION (top-level ones as OPTION), must be
equal: the OPTIONS section of data/csrdesk.conf.5 (one .TP entry per option
under a .SS heading per section), data/csrdesk.conf (the built-in defaults,
which set every option), and the CFG_ entries of parser_new() in
src/core/config.c. The parser's defaults and ranges are the ones that
data/csrdesk.conf sets and that the page states. Then the real binary:
`csrdesk check-config` accepts data/csrdesk.conf (so every option of the
page is one it accepts), refuses each option renamed in place with
FILE:LINE (so accepting means something), and accepts the page's examples.

Run with $CSRDESK (the binary) and $E2E_DIR (tests/e2e in the source tree).
"""
import os
import re
import subprocess
import sys
import tempfile

SRC = os.path.normpath(os.path.join(os.environ.get("E2E_DIR", os.path.dirname(__file__)),
                                    "..", ".."))
PAGE = os.path.join(SRC, "data", "csrdesk.conf.5")
CONF = os.path.join(SRC, "data", "csrdesk.conf")
PARSER = os.path.join(SRC, "src", "core", "config.c")

failures = []


def fail(msg):
    failures.append(msg)
    print("doc_conf_page: FAIL: " + msg, file=sys.stderr)


# ---- the man page ----

def man_text(s):
    """The text of a man(7) argument list: escapes resolved, quotes and fonts gone."""
    s = s.replace(r"\(dq", '"').replace(r"\(aq", "'").replace(r"\-", "-").replace(r"\e", "\\")
    s = re.sub(r"\\f[BIRP]", "", s)
    return s


def page_sections(lines):
    """{section name: [lines]} for the .SH sections of a man page."""
    sections, name = {}, None
    for line in lines:
        m = re.match(r'\.SH\s+"?([^"]*)"?\s*$', line)
        if m:
            name = m.group(1)
            sections[name] = []
        elif name is not None:
            sections[name].append(line)
    return sections


def page_options(lines):
    """{SECTION.OPTION: (line number, the entry's text)} from the OPTIONS
    section: a .SS heading names the section by its first word (one that
    starts with a capital, such as "Top level", means the top level); the
    line after each .TP starts with the option's name, the lines after it
    up to the next .TP, .SS, .PP or .SH describe it."""
    options, section, after_tp, entry = {}, None, False, None
    in_options = False
    for number, line in enumerate(lines, 1):
        if line.startswith((".SH", ".SS", ".TP", ".PP")):
            entry = None
        if line.startswith(".SH"):
            in_options = line.split(None, 1)[1:] == ["OPTIONS"]
            continue
        if not in_options:
            continue
        if line.startswith(".SS"):
            title = man_text(line[3:]).strip().strip('"')
            section = "" if title[:1].isupper() else title.split()[0]
        elif line.startswith(".TP"):
            after_tp = True
        elif after_tp:
            after_tp = False
            m = re.match(r'\.[A-Z]+\s+"?([a-z_][a-z0-9_]*)', line)
            if not m or section is None:
                fail(f"{PAGE}:{number}: a .TP entry that names no option: {line}")
                continue
            key = f"{section}.{m.group(1)}" if section else m.group(1)
            if key in options:
                fail(f"{PAGE}:{number}: {key} is described twice")
            entry = [number, ""]
            options[key] = entry
        elif entry is not None and not line.startswith(".\\\""):
            text = re.sub(r"^\.[A-Z]+\s*", "", line).replace('"', "") if line[:1] == "." else line
            entry[1] += " " + man_text(text)
    return {key: tuple(entry) for key, entry in options.items()}


def page_examples(lines):
    """The .nf/.fi blocks of the EXAMPLES section, as plain text."""
    blocks, block = [], None
    for line in page_sections(lines).get("EXAMPLES", []):
        if line.startswith(".nf"):
            block = []
        elif line.startswith(".fi"):
            blocks.append("\n".join(block) + "\n")
            block = None
        elif block is not None:
            block.append(man_text(line))
    return blocks


# ---- data/csrdesk.conf ----

TOKEN = re.compile(r'''\s+ | \#[^\n]* | //[^\n]* | /\*.*?\*/    # blanks, comments
                       | "(?:\\.|[^"\\])*" | '[^']*'               # strings
                       | \+= | [={},] | [^\s={},"'\#]+              # the rest''',
                   re.S | re.X)


def conf_tokens(text):
    """(token, line) pairs, without blanks and comments."""
    pos, line = 0, 1
    while pos < len(text):
        m = TOKEN.match(text, pos)
        if not m:
            raise ValueError(f"{CONF}:{line}: cannot read {text[pos:pos + 20]!r}")
        tok = m.group(0)
        if not (tok.isspace() or tok.startswith(("#", "//", "/*"))):
            yield tok, line
        line += tok.count("\n")
        pos = m.end()


def conf_options(text):
    """{SECTION.OPTION: (line, value, in a titled section)} of the first
    setting of each option in a config file; a list's value is {A,B}."""
    toks = list(conf_tokens(text))
    options, stack, i = {}, [], 0
    unquote = lambda tok: tok[1:-1] if tok[:1] in "\"'" else tok
    while i < len(toks):
        tok, line = toks[i]
        nxt = toks[i + 1][0] if i + 1 < len(toks) else None
        if tok == "}":
            stack.pop()
            i += 1
        elif nxt in ("=", "+="):
            i += 2
            if toks[i][0] == "{":  # a list: to its end
                j = i
                while toks[j][0] != "}":
                    j += 1
                value = "{%s}" % ",".join(unquote(t) for t, _ in toks[i + 1:j] if t != ",")
                i = j
            else:
                value = unquote(toks[i][0])
            key = ".".join([name for name, _ in stack] + [tok])
            options.setdefault(key, (line, value, any(titled for _, titled in stack)))
            i += 1
        elif nxt == "{" or (nxt and nxt[0] in "\"'" and toks[i + 2][0] == "{"):
            stack.append((tok, nxt != "{"))
            i += 2 if nxt == "{" else 3
        else:
            raise ValueError(f"{CONF}:{line}: unexpected {tok!r}")
    return options


# ---- parser_new() in src/core/config.c ----

def parser_options(source):
    """{SECTION.OPTION: its default} of the cfg_opt_t arrays that
    parser_new() builds: the text of a string or list, an integer's digits,
    true or false, or None."""
    body = source[source.index("static cfg_t *parser_new(void)"):]
    arrays = {}
    for name, entries in re.findall(r"static cfg_opt_t (\w+)\[\] = \{(.*?)\};", body, re.S):
        arrays[name] = re.findall(r'CFG_(\w+)\("(\w+)"\s*,\s*("[^"]*"|\w+)?', entries)

    def default(arg):
        if arg.startswith('"'):
            return arg[1:-1]
        return {"cfg_true": "true", "cfg_false": "false", "NULL": None}.get(arg, arg)

    def walk(array, prefix):
        for kind, name, arg in arrays[array]:
            if kind == "SEC":
                yield from walk(arg, prefix + name + ".")
            else:
                yield prefix + name, default(arg)

    if "opts" not in arrays:
        fail(f"{PARSER}: parser_new() has no opts[] array: update this test's reader")
        return {}
    return dict(walk("opts", ""))


def parser_ranges(source):
    """{OPTION: (lo, hi)} of the ranges[] table of src/core/config.c."""
    table = re.search(r"\} ranges\[\] = \{(.*?)\};", source, re.S)
    if not table:
        fail(f"{PARSER}: no ranges[] table: update this test's reader")
        return {}
    return {name: (lo, hi) for name, lo, hi in
            re.findall(r'\{\s*"(\w+)",\s*(-?\d+),\s*(-?\d+)\s*\}', table.group(1))}


def check_defaults(in_page, in_conf, in_parser, ranges):
    """Outside metric and category (whose values in data/csrdesk.conf are the
    built-in catalogue, not defaults), data/csrdesk.conf sets each option to
    its default in the parser; the page states every default that is not
    empty, and the range of every option that has one."""
    for key, (line, value, titled) in sorted(in_conf.items()):
        default = in_parser.get(key)
        if not titled and key in in_parser and value != (default or ""):
            fail(f"{CONF}:{line}: {key} = {value!r}, but its default in parser_new() is "
                 f"{default!r}")
    for key, (line, text) in sorted(in_page.items()):
        default = in_parser.get(key)
        if default in (None, "", "{}"):
            continue
        m = re.search(r"[Dd]efault:?\s+\"?([^\s\",;]+)", text)
        if not m or m.group(1).rstrip(".") != default:
            fail(f"{PAGE}:{line}: {key}: the page does not say its default is {default} "
                 f"(it says: {text.strip()!r})")
        name = key.split(".")[-1]
        if name in ranges and "%s to %s" % ranges[name] not in text:
            fail(f"{PAGE}:{line}: {key}: the page does not give its range "
                 "%s to %s" % ranges[name])


# ---- the checks ----

def compare(a_name, a, b_name, b):
    for key in sorted(set(a) - set(b)):
        fail(f"{key} is in {a_name} but not in {b_name}")
    for key in sorted(set(b) - set(a)):
        fail(f"{key} is in {b_name} but not in {a_name}")


def check_config(path):
    r = subprocess.run([os.environ["CSRDESK"], "check-config", path],
                       capture_output=True, text=True,
                       env=dict(os.environ, CSRDESK_CONFIG="/nonexistent"))
    return r.returncode, r.stdout, r.stderr


def check_renamed_refused(conf_text, options, work):
    """Each option, renamed where the file first sets it, is refused."""
    lines = conf_text.split("\n")
    for key, (line, _, _) in sorted(options.items()):
        name = key.split(".")[-1]
        renamed = name + "_undocumented"
        copy = list(lines)
        copy[line - 1], n = re.subn(r"\b%s(\s*\+?=)" % re.escape(name), renamed + r"\1",
                                    copy[line - 1], count=1)
        if n != 1:
            fail(f"{CONF}:{line}: cannot find {name} to rename")
            continue
        path = os.path.join(work, "renamed.conf")
        with open(path, "w") as f:
            f.write("\n".join(copy))
        status, out, err = check_config(path)
        if status != 1 or f"{path}:{line}:" not in err or renamed not in err:
            fail(f"{key} renamed to {renamed} on line {line}: check-config exited {status}, "
                 f"said {(out + err).strip()!r}; expected exit 1 naming {path}:{line}")


def main():
    with open(PAGE) as f:
        page_lines = f.read().split("\n")
    with open(CONF) as f:
        conf_text = f.read()
    with open(PARSER) as f:
        parser_text = f.read()

    in_page = page_options(page_lines)
    in_conf = conf_options(conf_text)
    in_parser = parser_options(parser_text)
    if len(in_page) < 10 or len(in_conf) < 10 or len(in_parser) < 10:
        fail(f"too few options read (page {len(in_page)}, conf {len(in_conf)}, "
             f"parser {len(in_parser)}): update this test's readers")
    compare("data/csrdesk.conf.5", in_page, "data/csrdesk.conf", in_conf)
    compare("data/csrdesk.conf.5", in_page, "parser_new() in src/core/config.c", in_parser)
    check_defaults(in_page, in_conf, in_parser, parser_ranges(parser_text))
    print(f"doc_conf_page: {len(in_page)} options in the page, {len(in_conf)} in the "
          f"config, {len(in_parser)} in the parser")

    status, out, err = check_config(CONF)
    if status != 0:
        fail(f"check-config refuses data/csrdesk.conf: {err.strip()}")
    with tempfile.TemporaryDirectory(prefix="csrdesk-doc-conf-") as work:
        check_renamed_refused(conf_text, in_conf, work)
        examples = page_examples(page_lines)
        configs = [e for e in examples if "=" in e]
        if not configs:
            fail("the page's EXAMPLES section has no example config")
        for n, text in enumerate(configs, 1):
            path = os.path.join(work, f"example{n}.conf")
            with open(path, "w") as f:
                f.write(text)
            status, out, err = check_config(path)
            if status != 0:
                fail(f"example {n} of the page is refused: {err.strip()}")

    if failures:
        return 1
    print("doc_conf_page: all passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
