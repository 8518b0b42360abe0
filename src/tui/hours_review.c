/* SPDX-License-Identifier: MIT */
/* Hours for approval (leads): the pending hours of everyone, approved or
 * rejected one by one, and hours logged for anyone (approved at once, as
 * a lead entered them). */
#include <stddef.h>
#include <stdio.h>

#include "csrdesk/clock.h"
#include "csrdesk/format.h"
#include "csrdesk/hours.h"
#include "csrdesk/volunteer.h"
#include "dialog.h"
#include "list.h"
#include "widget.h"

enum {
	WIDTH_MAX = 96,
	TEXT_SMALL = 32,
	COL_DATE = 0, COL_NAME, COL_HOURS, COL_WHAT, COLUMNS,
};

static const ui_column columns[COLUMNS] = {
	[COL_DATE] = { "Date", 10, 10, 0, 0, 2, false, 0, 0 },
	[COL_NAME] = { "Name", 10, 40, 16, 1, 0, false, 0, 0 },
	[COL_HOURS] = { "Hours", 6, 7, 0, 0, 0, true, 0, 0 },
	[COL_WHAT] = { "For", 8, 60, 0, 2, 1, false, 0, 0 },
};

typedef struct hours_review {
	ui_list list;
	tui_app *app;
} hours_review;

/* ---- the list ---- */

static const csr_hours_query pending = { .pending_only = true };

static csr_code fetch(void *ctx, const void *from, bool backward, void *rows, int max, int *n,
		      csr_err *err)
{
	hours_review *r = ctx;
	return csr_hours_page(r->app->db, &pending, from, backward, rows, max, n, err);
}

static const pager_source source = PAGER_SOURCE(csr_hours, id, fetch, NULL);

static csr_code count(void *ctx, int64_t *out, csr_err *err)
{
	hours_review *r = ctx;
	return csr_hours_count(r->app->db, &pending, out, err);
}

static void cells(void *ctx, const void *row, list_cells *c)
{
	(void)ctx;
	const csr_hours *h = row;
	csr_date_format(h->worked_on, c->text[COL_DATE], sizeof c->text[COL_DATE]);
	c->attr[COL_DATE] = ui_attr(UI_DIM);
	list_cell(c, COL_NAME, "%s", h->name);
	csr_fmt_hours(h->minutes, c->text[COL_HOURS], sizeof c->text[COL_HOURS]);
	list_cell(c, COL_WHAT, "%s", h->title[0] ? h->title : h->note);
}

static const list_spec spec = {
	LIST_ROWS(source, columns, cells, count),
	.one = "pending",
	.many = "pending",
	.empty = "No hours are waiting for approval.",
};

static void decide(hours_review *r, bool approve)
{
	const csr_hours *sel = list_current(&r->list);
	if (!sel)
		return;
	const csr_hours h = *sel;
	char hours[TEXT_SMALL], day[16], question[CSR_NAME_MAX + 96];
	csr_fmt_hours(h.minutes, hours, sizeof hours);
	csr_date_format(h.worked_on, day, sizeof day);
	snprintf(question, sizeof question, "Reject %s hours: %s, %s?", hours, h.name, day);
	if (!approve && !ui_confirm(r->app, question))
		return;
	csr_err err;
	if (csr_hours_decide(r->app->db, h.id, approve, &err) != CSR_OK) {
		list_error(&r->list, &err);
		return;
	}
	r->list.changed = true;
	list_reload(&r->list);
	list_message(&r->list, false, "%s: %s hours on %s %s", h.name, hours, day,
		     approve ? "approved" : "rejected");
}

static void log_hours(hours_review *r)
{
	if (hours_form_for_anyone(r->app)) {
		r->list.changed = true;
		list_reload(&r->list);
	}
}

/* ---- the dialog ---- */

static bool on_key(void *ctx, int key)
{
	switch (key) {
	case 'a': decide(ctx, true); return true;
	case 'r': decide(ctx, false); return true;
	case 'l': log_hours(ctx); return true;
	default: return false;
	}
}

bool hours_review_run(tui_app *app)
{
	static const list_popup_look look = {
		.title = "Hours for approval", .width_max = WIDTH_MAX,
		.keys = "a approve  r reject  l log hours  Esc close",
		.keys_short = "a approve r reject l log Esc close",
		.other_key = "a approves, r rejects, l logs hours"
	};
	hours_review r = { .app = app };
	list_init(&r.list, app, &spec, &r);
	return list_popup_run(&r.list, &look, on_key);
}
