#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The python3 that reads calendars and mails for the tests: the first on
# PATH may be another build (pyenv, a venv) without Debian's modules, so
# take the first python3 that has icalendar (python3-icalendar).

# find_python: sets $python to it; status 1 when there is none.
find_python() {
	local candidate
	python=
	for candidate in python3 /usr/bin/python3; do
		if command -v "$candidate" >/dev/null && "$candidate" -c 'import icalendar' 2>/dev/null; then
			python=$(command -v "$candidate")
			return 0
		fi
	done
	return 1
}
