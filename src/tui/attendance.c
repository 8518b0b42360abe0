/* SPDX-License-Identifier: MIT */
/* Attendance (leads): mark each confirmed person attended or no-show. */
#include <stdio.h>
#include <string.h>

#include "initiatives.h"
#include "view.h"
#include "widget.h"

typedef struct attendance {
	initiatives *s;
	int cursor, scroll;
	char msg[CSR_ERR_MSG_MAX];
	bool msg_error;
} attendance;

static attr_t status_attr(csr_signup_status st)
{
	return st == CSR_SIGNUP_ATTENDED ? ui_attr(UI_GOOD)
	       : st == CSR_SIGNUP_NOSHOW ? ui_attr(UI_WARN)
					 : A_NORMAL;
}

static void draw_row(attendance *a, ui_popup *p, int row, int i)
{
	const csr_signup *place = &a->s->places[i];
	int width = p->width - 4, status_w = 11;
	attr_t base = i == a->cursor ? ui_attr(UI_SELECTED) : A_NORMAL;
	ui_blank(p->win, row, 2, width, base);
	ui_text(p->win, row, 3, width - status_w - 2, place->name, base, false);
	ui_text(p->win, row, 2 + width - status_w, status_w,
		csr_signup_status_name(place->status),
		i == a->cursor ? base : status_attr(place->status), false);
}

static void draw(attendance *a, ui_popup *p)
{
	int height = p->height - 4;
	if (a->cursor < a->scroll)
		a->scroll = a->cursor;
	if (a->cursor >= a->scroll + height)
		a->scroll = a->cursor - height + 1;
	for (int r = 0; r < height; r++) {
		int i = a->scroll + r;
		if (i < a->s->nplaces)
			draw_row(a, p, 1 + r, i);
		else
			ui_blank(p->win, 1 + r, 2, p->width - 4, A_NORMAL);
	}
	if (a->s->nplaces == 0)
		ui_text(p->win, 1, 3, p->width - 6, "Nobody has a place on it.", ui_attr(UI_DIM),
			false);
	ui_text(p->win, p->height - 3, 2, p->width - 4, a->msg,
		ui_attr(a->msg_error ? UI_ERROR : UI_MESSAGE), true);
	if (!a->msg[0])
		ui_blank(p->win, p->height - 3, 2, p->width - 4, A_NORMAL);
	ui_text(p->win, p->height - 2, 2, p->width - 4, "a attended  n no-show  Esc done",
		ui_attr(UI_DIM), true);
}

static void mark(attendance *a, bool attended)
{
	if (a->cursor >= a->s->nplaces)
		return;
	csr_signup place = a->s->places[a->cursor];
	csr_err err;
	if (csr_signup_mark(a->s->app->db, place.initiative_id, place.volunteer_id, attended,
			    &err) != CSR_OK) {
		snprintf(a->msg, sizeof a->msg, "%s", err.msg);
		a->msg_error = true;
		return;
	}
	snprintf(a->msg, sizeof a->msg, "%s: %s", place.name, attended ? "attended" : "no-show");
	a->msg_error = false;
	initiatives_load_selection(a->s);
	if (a->cursor < a->s->nplaces - 1)
		a->cursor++;
}

/* Returns false when the pop-up closes. */
static bool on_key(attendance *a, int key)
{
	a->msg[0] = '\0';
	switch (key) {
	case TUI_FN(KEY_UP): case 'k': if (a->cursor > 0) a->cursor--; break;
	case TUI_FN(KEY_DOWN): case 'j': if (a->cursor < a->s->nplaces - 1) a->cursor++; break;
	case 'a': case 'y': mark(a, true); break;
	case 'n': mark(a, false); break;
	case TUI_KEY_ESC: case 'q': return false;
	default: break;
	}
	return true;
}

void attendance_run(initiatives *s)
{
	if (!s->have_sel) {
		tui_message(s->app, "No initiative is selected");
		return;
	}
	attendance a = { .s = s };
	char title[CSR_INITIATIVE_TITLE_MAX + 32];
	snprintf(title, sizeof title, " Attendance: %s ", s->sel.title);
	for (bool open = true; open;) {
		ui_popup p;
		int width = COLS < 64 ? COLS : 64;
		if (!ui_popup_open(&p, s->nplaces + 5, width, -1, -1, title))
			return;
		draw(&a, &p);
		ui_show(s->app);
		int key = 0;
		tui_event ev = tui_read(s->app, &key);
		ui_popup_close(&p);
		if (ev == TUI_EV_QUIT)
			open = false;
		else if (ev == TUI_EV_RESIZE)
			tui_resized(s->app);
		else if (ev == TUI_EV_KEY)
			open = on_key(&a, key);
	}
	initiatives_reload(s);
}
