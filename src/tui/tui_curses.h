/* SPDX-License-Identifier: MIT */
/* csrdesk — the one place that includes curses and its add-on libraries.
 *
 * Every other file under src/tui/ includes this header instead of
 * <curses.h>, so the rest of the program (src/core, src/cli) never sees
 * curses and its macros. (No <form.h>: see edit.h for why the fields are
 * our own.) */
#ifndef CSRDESK_TUI_CURSES_H
#define CSRDESK_TUI_CURSES_H

/* The wide-character API (get_wch, UTF-8 output). */
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <curses.h>
#include <panel.h>

#endif
