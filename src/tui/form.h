/* SPDX-License-Identifier: MIT */
/* csrdesk — a form: labelled fields (see edit.h), inline messages at the
 * field, and typed text that is never lost (not on a validation error, a
 * refused write or a resize). Esc asks before discarding changes. */
#ifndef CSRDESK_TUI_FORM_H
#define CSRDESK_TUI_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "app.h"

enum { UI_FORM_FIELDS_MAX = 16 };

typedef struct ui_field {
	const char *label;
	const char *hint;           /* what to type, e.g. "YYYY-MM-DD HH:MM" */
	int lines;                  /* 1, or more for long text (fewer on a short screen) */
	const char *const *choices; /* when set, Left/Right pick one of these */
	int nchoices;
	char *value;                /* in: the start value; out: the text typed */
	size_t size;
	/* When set, the field is chosen from a list instead (Space, F4, Left
	 * or Right open it; Backspace or Delete clear the field): pick writes
	 * the field's value and returns true when it changed. ctx is the
	 * form's. */
	bool (*pick)(void *ctx, int field, bool clear);
} ui_field;

/* What save returns when it worked; otherwise the index of the field at
 * fault, or UI_FORM_WHOLE for a problem with no one field (a refused write). */
enum { UI_FORM_SAVED = -2, UI_FORM_WHOLE = -1 };

/* Checks the values and writes them; on failure fills msg (size bytes). */
typedef int (*ui_form_save)(void *ctx, ui_field *fields, int n, char *msg, size_t size);

/* The field a message from the data layer belongs at: such messages start
 * with the field's label ("Capacity must be ..."). UI_FORM_WHOLE when no
 * label starts it. */
int ui_form_field_of(const ui_field *fields, int n, const char *msg);

/* For a save function: writes text to msg and returns field. */
int ui_form_fail(char *msg, size_t size, int field, const char *text);

/* Runs the form until it is saved (true) or cancelled (false). */
bool ui_form_run(tui_app *app, const char *title, ui_field *fields, int n, ui_form_save save,
		 void *ctx);

#endif
