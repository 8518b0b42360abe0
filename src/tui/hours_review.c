/* SPDX-License-Identifier: MIT */
/* Hours for approval (leads): the pending hours of everyone, approved or
 * rejected one by one, and hours logged for anyone (approved at once, as
 * a lead entered them). */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csrdesk/clock.h"
#include "csrdesk/format.h"
#include "csrdesk/hours.h"
#include "csrdesk/initiative.h"
#include "csrdesk/volunteer.h"
#include "dialog.h"
#include "form.h"
#include "list.h"
#include "picker.h"
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

static const pager_source source = { sizeof(csr_hours), offsetof(csr_hours, id), fetch,
						NULL };

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
	.source = &source,
	.columns = columns,
	.ncolumns = COLUMNS,
	.cells = cells,
	.count = count,
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

/* ---- logging hours for anyone ---- */

enum { F_EMPLOYEE, F_DATE, F_HOURS, F_INITIATIVE, F_NOTE, F_COUNT };

typedef struct log_form {
	tui_app *app;
	char employee_id[CSR_EMPLOYEE_ID_MAX], date[TEXT_SMALL], hours[TEXT_SMALL];
	char initiative[CSR_INITIATIVE_TITLE_MAX + CSR_TIME_TEXT_MAX], note[CSR_HOURS_NOTE_MAX];
	int64_t initiative_id; /* 0 = none */
	ui_field fields[F_COUNT];
	csr_hours saved;
	csr_volunteer who;
} log_form;

static int fail(char *msg, size_t size, int field, const char *text)
{
	snprintf(msg, size, "%s", text);
	return field;
}

/* The initiative field: chosen from every initiative, cleared to none. */
static bool pick(void *ctx, int field, bool clear)
{
	(void)field;
	log_form *f = ctx;
	csr_initiative in;
	if (clear)
		in = (csr_initiative){ 0 };
	else if (!pick_initiative(f->app, "", &in))
		return false;
	f->initiative_id = in.id;
	if (in.id)
		pick_text(in.starts_at, in.title, f->initiative, sizeof f->initiative);
	else
		snprintf(f->initiative, sizeof f->initiative, "none");
	return true;
}

static int build(log_form *f, csr_hours *h, char *msg, size_t size)
{
	csr_err err;
	if (csr_volunteer_find(f->app->db, f->employee_id, &f->who, &err) != CSR_OK)
		return fail(msg, size, F_EMPLOYEE, *f->employee_id
				? "Employee ID: nobody has this ID (see the Volunteers panel)"
				: "Employee ID is required");
	if (csr_time_parse(f->date, &h->worked_on, &err) != CSR_OK)
		return fail(msg, size, F_DATE, err.msg);
	if (!csr_fmt_parse_hours(f->hours, &h->minutes))
		return fail(msg, size, F_HOURS, "Hours must be like 2, 1.5 or 2:30 (at most 24)");
	h->volunteer_id = f->who.id;
	h->initiative_id = f->initiative_id;
	snprintf(h->note, sizeof h->note, "%s", f->note);
	return UI_FORM_SAVED;
}

static int save(void *ctx, ui_field *fields, int n, char *msg, size_t size)
{
	log_form *f = ctx;
	csr_hours h = { 0 };
	int fault = build(f, &h, msg, size);
	if (fault != UI_FORM_SAVED)
		return fault;
	csr_err err;
	if (csr_hours_log(f->app->db, &h, &err) != CSR_OK)
		return fail(msg, size, ui_form_field_of(fields, n, err.msg), err.msg);
	f->saved = h;
	return UI_FORM_SAVED;
}

static void setup_log(log_form *f)
{
	ui_field fields[F_COUNT] = {
		[F_EMPLOYEE] = { "Employee ID", "Whose hours: their employee ID", 1, NULL, 0,
				 f->employee_id, sizeof f->employee_id },
		[F_DATE] = { "Date worked", "YYYY-MM-DD", 1, NULL, 0, f->date, sizeof f->date },
		[F_HOURS] = { "Hours", "e.g. 2, 1.5 or 2:30", 1, NULL, 0, f->hours, sizeof f->hours },
		[F_INITIATIVE] = { "Initiative", "optional", 1, NULL, 0, f->initiative,
				   sizeof f->initiative, pick },
		[F_NOTE] = { "Note", "Optional: what was done; Enter saves", 1, NULL, 0, f->note,
			     sizeof f->note },
	};
	memcpy(f->fields, fields, sizeof fields);
	csr_date_format(csr_now(), f->date, sizeof f->date);
	snprintf(f->initiative, sizeof f->initiative, "none");
}

static void log_hours(hours_review *r)
{
	log_form *f = calloc(1, sizeof *f);
	if (!f)
		return;
	f->app = r->app;
	setup_log(f);
	if (ui_form_run(r->app, " Log hours (approved at once) ", f->fields, F_COUNT, save, f)) {
		char hours[TEXT_SMALL], day[16];
		csr_fmt_hours(f->saved.minutes, hours, sizeof hours);
		csr_date_format(f->saved.worked_on, day, sizeof day);
		r->list.changed = true;
		list_reload(&r->list);
		list_message(&r->list, false, "Logged %s hours for %s on %s: %s", hours,
			     f->who.name, day, csr_hours_status_name(f->saved.status));
	}
	free(f);
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
