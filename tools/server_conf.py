#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The config `meson install` puts on a server: server_conf.py IN OUT DATABASE GROUP

data/csrdesk.conf (also the built-in defaults) with database and group set
for the shared database of a setgid install. Fails when either line is not
found, so the two files cannot drift apart unnoticed."""
import re
import sys


def main(argv):
    if len(argv) != 5:
        sys.exit("usage: server_conf.py IN OUT DATABASE GROUP")
    text = open(argv[1], encoding="utf-8").read()
    for option, value in (("database", argv[3]), ("group", argv[4])):
        text, n = re.subn(rf'^{option} = ""$', f'{option} = "{value}"', text, count=1,
                          flags=re.M)
        if n != 1:
            sys.exit(f"{argv[1]}: no line '{option} = \"\"' to set")
    with open(argv[2], "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main(sys.argv)
