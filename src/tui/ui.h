/* SPDX-License-Identifier: MIT */
/* csrdesk — the look of the screen: colors by role, line drawing, and the
 * one way text reaches the screen (sanitized, ASCII in a C locale, fitted by
 * display width). */
#ifndef CSRDESK_TUI_UI_H
#define CSRDESK_TUI_UI_H

#include <stdbool.h>
#include <stddef.h>

#include "csrdesk/config.h"
#include "tui_curses.h"

/* What a piece of the screen is; the color (or, without colors, the
 * attribute) of each role is decided in one table in ui.c. */
typedef enum ui_role {
	UI_NORMAL = 0,
	UI_TAB,          /* an inactive tab in the tab line */
	UI_TAB_ACTIVE,
	UI_BAR,          /* the tab line and the status line */
	UI_HEADER,       /* column headings */
	UI_SELECTED,     /* the row under the cursor */
	UI_SELECTED_DIM, /* ... while the focus is elsewhere */
	UI_LABEL,        /* "Partner:" in a detail pane */
	UI_TITLE,        /* headings in a detail pane or a pop-up */
	UI_KEY,          /* a key name in the status line or the help */
	UI_MESSAGE,      /* the last message */
	UI_ERROR,        /* a refusal or a validation message */
	UI_DIM,          /* secondary text: hints, past items */
	UI_MARK,         /* a configuration problem ("!unknown-key") */
	UI_DEMO,         /* the DEMO badge */
	UI_GOOD,         /* confirmed, goals met */
	UI_WARN,         /* waitlisted, pending */
	UI_FRAME,        /* pop-up borders and separators */
	UI_FIELD,        /* a form field */
	UI_FIELD_ACTIVE,
	UI_PROGRESS,     /* the filled part of a progress bar */
	UI_ROLE_COUNT
} ui_role;

/* The characters lines are drawn with. */
typedef struct ui_glyphs {
	chtype hline, vline, ulcorner, urcorner, llcorner, lrcorner;
	const char *bar_full, *bar_empty; /* progress bars */
	const char *dash;                 /* "9:00 - 13:00" */
} ui_glyphs;

/* Decides colors (none with NO_COLOR set or a terminal without colors),
 * line drawing (ACS only when the terminal has it and the locale is UTF-8)
 * and ASCII output (locale not UTF-8). Call once after curses started. */
void ui_init(void);

/* True when text must be shown as ASCII (the locale is not UTF-8). */
bool ui_ascii(void);
const ui_glyphs *ui_glyph(void);

attr_t ui_attr(ui_role role);
/* The attribute for a category's config color; UI_NORMAL when none. */
attr_t ui_color_attr(csr_color color);

/* Makes text safe to draw: csr_text_sanitize, then in an ASCII locale every
 * non-ASCII character becomes '?'. */
void ui_clean(const char *in, char *out, size_t size);

/* Draws text (anything a person typed or the config supplied) at y, x in at
 * most width columns: cleaned, cut at a character with a mark when too long,
 * padded with spaces to width when pad. Returns the columns drawn. */
int ui_text(WINDOW *w, int y, int x, int width, const char *text, attr_t attr, bool pad);
/* The same, right-aligned in width columns. */
int ui_text_right(WINDOW *w, int y, int x, int width, const char *text, attr_t attr);
/* Display columns of text once cleaned. */
int ui_width(const char *text);

/* Fills width columns at y, x with spaces in attr. */
void ui_blank(WINDOW *w, int y, int x, int width, attr_t attr);
void ui_hline(WINDOW *w, int y, int x, int width);
void ui_box(WINDOW *w);

/* Cuts clean text (see ui_clean) into lines of at most width columns,
 * breaking at spaces when it can: each call copies the next line to out and
 * advances *p; false when nothing is left. */
bool ui_wrap(const char **p, int width, char *out, size_t size);

/* A horizontal bar of width columns, filled to fraction (0..1) in fill
 * (ui_attr(UI_PROGRESS), or a category's color). */
void ui_progress(WINDOW *w, int y, int x, int width, double fraction, attr_t fill);

#endif
