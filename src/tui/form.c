/* SPDX-License-Identifier: MIT */
/* Forms: libform fields behind a small widget of our own. */
#include "form.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csrdesk/i18n.h"
#include "csrdesk/text.h"
#include "edit.h"
#include "ui.h"
#include "widget.h"

enum { FORM_WIDTH_MAX = 76, FIELD_WIDTH_MIN = 8, READ_MAX = 8192, NO_FAULT = -3 };

typedef enum form_end { FORM_SAVED, FORM_CANCELLED, FORM_RESIZED, FORM_QUIT } form_end;

typedef struct form_run {
	tui_app *app;
	const char *title;
	ui_field *fields;
	int n;
	ui_form_save save;
	void *ctx;
	char *initial[UI_FORM_FIELDS_MAX]; /* to know whether anything changed */
	bool locked[UI_FORM_FIELDS_MAX];   /* text this terminal cannot show: kept as is */
	int current;
	int bad; /* the field at fault, UI_FORM_WHOLE or NO_FAULT */
	char msg[CSR_ERR_MSG_MAX];
	ui_edit edit[UI_FORM_FIELDS_MAX]; /* what is typed, kept across resizes */
	/* the form on screen */
	ui_popup popup;
	int height, width, label_width, field_x, field_width;
	int row[UI_FORM_FIELDS_MAX], lines[UI_FORM_FIELDS_MAX];
	bool roomy; /* a line under each field for its hint or message */
} form_run;

/* ---- layout ---- */

static int widest_label(const form_run *r)
{
	int w = 0;
	for (int i = 0; i < r->n; i++) {
		int lw = ui_width(r->fields[i].label);
		w = lw > w ? lw : w;
	}
	return w;
}

/* Rows for the fields: roomy with full heights, compact, then compact with
 * one line per field; false when even that does not fit. */
static bool plan(form_run *r)
{
	r->width = COLS < FORM_WIDTH_MAX ? COLS : FORM_WIDTH_MAX;
	r->label_width = widest_label(r) + 1;
	if (r->label_width > r->width / 3)
		r->label_width = r->width / 3;
	r->field_x = 2 + r->label_width;
	r->field_width = r->width - r->field_x - 2;
	if (r->field_width < FIELD_WIDTH_MIN)
		return false;
	for (int attempt = 0; attempt < 3; attempt++) {
		r->roomy = attempt == 0;
		int y = r->roomy ? 2 : 1;
		for (int i = 0; i < r->n; i++) {
			r->lines[i] = attempt == 2 || r->fields[i].lines < 1 ? 1 : r->fields[i].lines;
			r->row[i] = y;
			y += r->lines[i] + (r->roomy ? 1 : 0);
		}
		r->height = y + 3; /* message, keys, frame */
		if (r->height <= LINES)
			return true;
	}
	return false;
}

/* ---- values ---- */

static bool has_non_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return true;
	return false;
}

/* Copies what was typed into the values (the editors hold no more than
 * a value takes). */
static void read_values(form_run *r)
{
	for (int i = 0; i < r->n; i++) {
		if (r->locked[i])
			continue;
		char text[READ_MAX];
		ui_edit_text(&r->edit[i], text, sizeof text);
		csr_text_trim(text, r->fields[i].value, r->fields[i].size);
	}
}

static bool changed(const form_run *r)
{
	for (int i = 0; i < r->n; i++)
		if (strcmp(r->initial[i], r->fields[i].value) != 0)
			return true;
	return false;
}

/* ---- opening and closing ---- */

static void form_close(form_run *r)
{
	ui_popup_close(&r->popup);
}

static bool form_open(form_run *r)
{
	return plan(r) && ui_popup_open(&r->popup, r->height, r->width, -1, -1, r->title);
}

/* ---- drawing ---- */

static void hint_of(const ui_field *f, char *out, size_t size)
{
	if (f->pick) {
		if (f->hint)
			/* TRANSLATORS: a field's hint after how to choose from a list */
			snprintf(out, size, _("Space or F4 chooses from a list; %s"), f->hint);
		else
			snprintf(out, size, "%s", _("Space or F4 chooses from a list"));
		return;
	}
	if (!f->choices) {
		snprintf(out, size, "%s", f->hint ? f->hint : "");
		return;
	}
	/* TRANSLATORS: before the choices of a field, "Left/Right: yes, no" */
	size_t used = (size_t)snprintf(out, size, "%s", _("Left/Right:"));
	for (int i = 0; i < f->nchoices && used < size; i++)
		used += (size_t)snprintf(out + used, size - used, "%s %s", i ? "," : "",
					 f->choices[i]);
}

static void draw_field_line(form_run *r, int i, int row)
{
	char hint[CSR_ERR_MSG_MAX];
	WINDOW *w = r->popup.win;
	if (i == r->bad)
		ui_text(w, row, r->field_x, r->field_width, r->msg, ui_attr(UI_ERROR), true);
	else if (r->locked[i])
		ui_text(w, row, r->field_x, r->field_width,
			_("(not editable here: this terminal cannot show it)"), ui_attr(UI_DIM), true);
	else {
		hint_of(&r->fields[i], hint, sizeof hint);
		ui_text(w, row, r->field_x, r->field_width, hint, ui_attr(UI_DIM), true);
	}
}

/* The line above the keys: a problem with the whole form, or (compact)
 * the message or hint of the field at hand. */
static void draw_message(form_run *r)
{
	WINDOW *w = r->popup.win;
	int row = r->height - 3, width = r->width - 4;
	char line[CSR_ERR_MSG_MAX + 64];
	ui_blank(w, row, 2, width, A_NORMAL);
	if (r->bad == UI_FORM_WHOLE)
		ui_text(w, row, 2, width, r->msg, ui_attr(UI_ERROR), false);
	else if (!r->roomy && r->bad >= 0) {
		/* Name the field, unless the message starts with its name. */
		const char *label = r->fields[r->bad].label;
		bool named = strncmp(r->msg, label, strlen(label)) == 0;
		snprintf(line, sizeof line, "%s%s%s", named ? "" : label, named ? "" : ": ", r->msg);
		ui_text(w, row, 2, width, line, ui_attr(UI_ERROR), false);
	} else if (!r->roomy) {
		hint_of(&r->fields[r->current], line, sizeof line);
		ui_text(w, row, 2, width, line, ui_attr(UI_DIM), false);
	}
}

/* Draws the form; *cy, *cx get the cursor of the field at hand. */
static void form_draw(form_run *r, int *cy, int *cx)
{
	WINDOW *w = r->popup.win;
	for (int i = 0; i < r->n; i++) {
		ui_role role = i == r->bad ? UI_ERROR : i == r->current ? UI_LABEL : UI_NORMAL;
		ui_text(w, r->row[i], 2, r->label_width, r->fields[i].label, ui_attr(role), true);
		int y, x;
		if (i == r->current) {
			ui_edit_draw(&r->edit[i], w, r->row[i], r->field_x, r->lines[i],
				     r->field_width, ui_attr(UI_FIELD_ACTIVE), cy, cx);
		} else { /* from its start, wherever its cursor was */
			ui_edit from_start = r->edit[i];
			from_start.cursor = from_start.scroll = 0;
			ui_edit_draw(&from_start, w, r->row[i], r->field_x, r->lines[i],
				     r->field_width, ui_attr(UI_FIELD), &y, &x);
		}
		if (r->roomy)
			draw_field_line(r, i, r->row[i] + r->lines[i]);
	}
	draw_message(r);
	const char *keys = _("Tab/Enter next  Shift-Tab back  F2 save  Esc cancel");
	if (ui_width(keys) > r->width - 4)
		keys = _("Tab next  F2 save  Esc cancel");
	ui_text(w, r->height - 2, 2, r->width - 4, keys, ui_attr(UI_DIM), true);
}

static void show(form_run *r)
{
	int cy = 0, cx = 0;
	form_draw(r, &cy, &cx);
	ui_show_cursor(r->app, r->popup.win, cy, cx);
}

/* ---- keys ---- */

static void cycle_choice(form_run *r, int dir)
{
	const ui_field *f = &r->fields[r->current];
	char now[256];
	ui_edit_text(&r->edit[r->current], now, sizeof now);
	int at = -1;
	for (int i = 0; i < f->nchoices; i++)
		if (strcmp(now, f->choices[i]) == 0)
			at = i;
	at = at < 0 ? 0 : (at + dir + f->nchoices) % f->nchoices;
	ui_edit_set(&r->edit[r->current], f->choices[at]);
	r->edit[r->current].cursor = 0;
}

/* Opens the list of a pick field (or clears it); the edit shows what was
 * chosen. */
static void pick(form_run *r, bool clear)
{
	ui_field *f = &r->fields[r->current];
	if (!f->pick(r->ctx, r->current, clear))
		return;
	ui_edit_set(&r->edit[r->current], f->value);
	r->edit[r->current].cursor = 0;
}

/* A pick field's keys: 1 opens its list, -1 clears it, 0 is no such key. */
static int pick_key(int key)
{
	if (key == ' ' || key == TUI_FN(KEY_F(4)) || key == TUI_FN(KEY_LEFT) ||
	    key == TUI_FN(KEY_RIGHT))
		return 1;
	return key == TUI_FN(KEY_BACKSPACE) || key == 127 || key == '\b' || key == TUI_FN(KEY_DC)
		       ? -1
		       : 0;
}

/* Typing goes on at the end of a field; a choice shows from its start. */
static void go_to(form_run *r, int field)
{
	r->current = (field + r->n) % r->n;
	ui_edit *e = &r->edit[r->current];
	e->cursor = r->fields[r->current].choices || r->fields[r->current].pick ? 0 : e->len;
}

/* Tries to save: true when saved; else the form shows why and goes to the
 * field at fault, keeping everything typed. */
static bool try_save(form_run *r)
{
	read_values(r);
	r->bad = r->save(r->ctx, r->fields, r->n, r->msg, sizeof r->msg);
	if (r->bad == UI_FORM_SAVED)
		return true;
	if (r->bad >= 0 && r->bad < r->n)
		go_to(r, r->bad);
	return false;
}

/* Esc: leave at once when nothing changed, else ask. */
static bool may_leave(form_run *r)
{
	read_values(r);
	return !changed(r) || ui_confirm(r->app, _("Discard your changes?"));
}

/* Handles a key; returns how the form ends, or -1 to go on. */
static int form_key(form_run *r, int key)
{
	bool choice = r->fields[r->current].choices != NULL;
	bool picked = r->fields[r->current].pick != NULL;
	if (key == TUI_FN(KEY_F(2)) || (tui_is_enter(key) && r->current == r->n - 1))
		return try_save(r) ? FORM_SAVED : -1;
	if (key == TUI_KEY_ESC)
		return may_leave(r) ? FORM_CANCELLED : -1;
	if (key == TUI_KEY_TAB || key == TUI_FN(KEY_DOWN) || tui_is_enter(key))
		go_to(r, r->current + 1);
	else if (key == TUI_FN(KEY_BTAB) || key == TUI_FN(KEY_UP))
		go_to(r, r->current - 1);
	else if (choice && (key == TUI_FN(KEY_LEFT) || key == TUI_FN(KEY_RIGHT) || key == ' '))
		cycle_choice(r, key == TUI_FN(KEY_LEFT) ? -1 : 1);
	else if (picked && pick_key(key))
		pick(r, pick_key(key) < 0);
	else
		ui_edit_key(&r->edit[r->current], key);
	return -1;
}

static form_end form_session(form_run *r)
{
	for (;;) {
		show(r);
		int key = 0;
		tui_event ev = tui_read(r->app, &key);
		if (ev == TUI_EV_QUIT)
			return FORM_QUIT;
		if (ev == TUI_EV_RESIZE)
			return FORM_RESIZED;
		if (ev != TUI_EV_KEY)
			continue;
		int end = form_key(r, key);
		if (end >= 0)
			return (form_end)end;
	}
}

/* While the screen is too small for the form: a notice, nothing lost. */
static form_end too_small_session(form_run *r)
{
	for (;;) {
		ui_show(r->app);
		int key = 0;
		tui_event ev = tui_read(r->app, &key);
		if (ev == TUI_EV_QUIT)
			return FORM_QUIT;
		if (ev == TUI_EV_RESIZE)
			return FORM_RESIZED;
		if (ev == TUI_EV_KEY && key == TUI_KEY_ESC &&
		    (!changed(r) || ui_confirm(r->app, _("Discard your changes?"))))
			return FORM_CANCELLED;
	}
}

static bool run_init(form_run *r)
{
	for (int i = 0; i < r->n; i++) {
		const ui_field *f = &r->fields[i];
		r->initial[i] = strdup(f->value);
		if (!r->initial[i] || !ui_edit_init(&r->edit[i], f->value, f->size - 1))
			return false;
		r->locked[i] = ui_ascii() && has_non_ascii(f->value);
		r->edit[i].read_only = r->locked[i] || f->choices || f->pick;
		if (f->choices || f->pick)
			r->edit[i].cursor = 0;
	}
	return true;
}

static void run_free(form_run *r)
{
	for (int i = 0; i < r->n; i++) {
		free(r->initial[i]);
		ui_edit_free(&r->edit[i]);
	}
}

int ui_form_fail(char *msg, size_t size, int field, const char *text)
{
	snprintf(msg, size, "%s", text);
	return field;
}

int ui_form_field_of(const ui_field *fields, int n, const char *msg)
{
	for (int i = 0; i < n; i++) {
		size_t len = strlen(fields[i].label);
		if (strncasecmp(msg, fields[i].label, len) == 0 && !isalpha((unsigned char)msg[len]))
			return i;
	}
	return UI_FORM_WHOLE;
}

bool ui_form_run(tui_app *app, const char *title, ui_field *fields, int n, ui_form_save save,
		 void *ctx)
{
	if (n < 1 || n > UI_FORM_FIELDS_MAX)
		return false;
	form_run r = { .app = app, .title = title, .fields = fields, .n = n, .save = save,
		       .ctx = ctx, .bad = NO_FAULT };
	form_end end = run_init(&r) ? FORM_RESIZED : FORM_QUIT;
	curs_set(1);
	while (end == FORM_RESIZED) {
		if (form_open(&r)) {
			end = form_session(&r);
		} else {
			form_close(&r);
			tui_message(app, "%s",
				    _("The screen is too small for this form: make it larger"));
			end = too_small_session(&r);
			app->message[0] = '\0';
		}
		form_close(&r);
		if (end == FORM_RESIZED)
			tui_resized(app);
	}
	curs_set(0);
	run_free(&r);
	return end == FORM_SAVED;
}
