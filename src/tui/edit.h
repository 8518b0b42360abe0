/* SPDX-License-Identifier: MIT */
/* csrdesk — an editable text field: what the forms and the prompt type
 * into.
 *
 * Our own rather than libform's: in ncurses 6.4 libform corrupts text with
 * double-width characters (CJK) — a field that grows gets "^@" cells in its
 * buffer, and a multi-row field cuts or splits such text — while csrdesk
 * must keep every name exactly as typed. This one keeps the text as Unicode
 * characters, measures by display width, scrolls a one-line field
 * sideways, wraps a taller one, and accepts only characters that are safe
 * to show (see csr_text_sanitize). */
#ifndef CSRDESK_TUI_EDIT_H
#define CSRDESK_TUI_EDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "ui.h"

typedef struct ui_edit {
	unsigned *chars; /* Unicode code points, chars[len] == 0 */
	int len, cap;
	size_t max_bytes; /* the most UTF-8 bytes the text may take */
	int cursor;       /* 0..len */
	int scroll;       /* the first character (one line) or row shown */
	bool read_only;   /* only the cursor moves */
} ui_edit;

bool ui_edit_init(ui_edit *e, const char *text, size_t max_bytes);
void ui_edit_free(ui_edit *e);
/* Replaces the text (cut to max_bytes; line breaks become spaces); the
 * cursor goes to its end. */
void ui_edit_set(ui_edit *e, const char *text);
/* The text as UTF-8 (always NUL-terminated). */
void ui_edit_text(const ui_edit *e, char *out, size_t size);

/* Applies an editing key (a character, Backspace, Delete, Left, Right,
 * Home/Ctrl-A, End/Ctrl-E, Ctrl-U, Ctrl-K, Ctrl-W); false when the key is
 * not one, or when it would make the text too long. */
bool ui_edit_key(ui_edit *e, int key);

/* Draws the field in rows x cols at y, x of w; *cy, *cx get where the
 * cursor goes. */
void ui_edit_draw(ui_edit *e, WINDOW *w, int y, int x, int rows, int cols, attr_t attr,
		  int *cy, int *cx);

#endif
