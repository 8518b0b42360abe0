/* SPDX-License-Identifier: MIT */
/* csrdesk — a pop-up list the lead's dialogs share (hours for approval,
 * partners, announcements): rows drawn by the caller, a cursor that Up,
 * Down, PgUp, PgDn, Home and End move, a message line and a line of keys.
 * Every other key goes back to the caller, which acts on the selected row
 * and calls again. */
#ifndef CSRDESK_TUI_LISTBOX_H
#define CSRDESK_TUI_LISTBOX_H

#include <stdbool.h>

#include "app.h"
#include "ui.h"
#include "widget.h"

typedef struct ui_listbox {
	tui_app *app;
	const char *title;
	const char *keys;  /* "a approve  r reject  Esc close" */
	const char *keys_short; /* the same for a narrow screen; NULL = keys */
	const char *empty; /* shown when there are no rows */
	int width_max;
	int n;             /* rows */
	int cursor, scroll;
	char msg[CSR_ERR_MSG_MAX];
	bool msg_error;
	/* Draws row i in width columns at y, x of w. */
	void (*draw_row)(void *ctx, WINDOW *w, int y, int x, int width, int i, bool selected);
	void *ctx;
	ui_popup popup; /* stays on screen while the caller acts on a key */
	bool shown;
} ui_listbox;

/* Shows the list until a key that is not a movement: returns it, or 0
 * when the list closes (Esc, q, or the program must end). The message is
 * cleared by the key. While the caller acts on the key, the list stays
 * on screen under its questions and forms, as it was. */
int listbox_key(ui_listbox *b);

/* Sets the message (an error shows in the error color). */
void listbox_message(ui_listbox *b, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Shows a refusal from the data layer. */
void listbox_error(ui_listbox *b, const csr_err *err);

/* Keeps the cursor on a row after the rows were read again. */
void listbox_clamp(ui_listbox *b);

#endif
