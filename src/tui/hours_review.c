/* SPDX-License-Identifier: MIT */
/* Hours for approval (leads): the pending hours of everyone, approved or
 * rejected one by one, and hours logged for anyone (approved at once, as
 * a lead entered them). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csrdesk/clock.h"
#include "csrdesk/hours.h"
#include "csrdesk/initiative.h"
#include "csrdesk/volunteer.h"
#include "form.h"
#include "lead.h"
#include "listbox.h"
#include "number.h"
#include "widget.h"

enum {
	ROWS_MAX = 200,   /* pending hours shown at once; deciding makes room */
	WIDTH_MAX = 96,
	MATCHES_MAX = 10, /* initiatives looked at for a typed title */
	TEXT_SMALL = 32,
};

typedef struct hours_review {
	tui_app *app;
	csr_hours rows[ROWS_MAX];
	char title[64];
	ui_listbox box;
} hours_review;

/* ---- the list ---- */

static void hours_text(int minutes, char *out, size_t size)
{
	ui_number_format(minutes / 60.0, out, size);
}

static void draw_row(void *ctx, WINDOW *w, int y, int x, int width, int i, bool selected)
{
	hours_review *r = ctx;
	const csr_hours *h = &r->rows[i];
	attr_t attr = selected ? ui_attr(UI_SELECTED) : A_NORMAL;
	char date[16], hours[TEXT_SMALL];
	csr_date_format(h->worked_on, date, sizeof date);
	hours_text(h->minutes, hours, sizeof hours - 1);
	strcat(hours, "h");
	int date_w = 11, hours_w = 7, name_w = (width - date_w - hours_w) / 3;
	int what_w = width - date_w - hours_w - name_w - 1;
	ui_blank(w, y, x, width, attr);
	if (width < 50) { /* narrow: no date */
		name_w += date_w;
		date_w = 0;
	} else
		ui_text(w, y, x, date_w, date, selected ? attr : ui_attr(UI_DIM), false);
	ui_text(w, y, x + date_w, name_w - 1, h->name, attr, false);
	ui_text_right(w, y, x + date_w + name_w, hours_w - 1, hours, attr);
	ui_text(w, y, x + date_w + name_w + hours_w, what_w, h->title[0] ? h->title : h->note, attr,
		false);
}

static void reload(hours_review *r)
{
	csr_err err;
	if (csr_hours_list(r->app->db, 0, 0, r->rows, ROWS_MAX, &r->box.n, &err) != CSR_OK)
		listbox_error(&r->box, &err);
	snprintf(r->title, sizeof r->title, " Hours for approval (%d%s pending) ", r->box.n,
		 r->box.n == ROWS_MAX ? "+" : "");
	listbox_clamp(&r->box);
}

static void decide(hours_review *r, bool approve)
{
	if (r->box.n == 0)
		return;
	const csr_hours h = r->rows[r->box.cursor];
	char hours[TEXT_SMALL], day[16], question[CSR_NAME_MAX + 96];
	hours_text(h.minutes, hours, sizeof hours);
	csr_date_format(h.worked_on, day, sizeof day);
	snprintf(question, sizeof question, "Reject %s hours: %s, %s?", hours, h.name, day);
	if (!approve && !ui_confirm(r->app, question))
		return;
	csr_err err;
	if (csr_hours_decide(r->app->db, h.id, approve, &err) != CSR_OK)
		listbox_error(&r->box, &err);
	else
		listbox_message(&r->box, false, "%s: %s hours on %s %s", h.name, hours, day,
				approve ? "approved" : "rejected");
	reload(r);
}

/* ---- logging hours for anyone ---- */

enum { F_EMPLOYEE, F_DATE, F_HOURS, F_INITIATIVE, F_NOTE, F_COUNT };

typedef struct log_form {
	tui_app *app;
	char employee_id[CSR_EMPLOYEE_ID_MAX], date[TEXT_SMALL], hours[TEXT_SMALL];
	char initiative[CSR_INITIATIVE_TITLE_MAX], note[CSR_HOURS_NOTE_MAX];
	ui_field fields[F_COUNT];
	csr_hours saved;
	csr_volunteer who;
} log_form;

static int fail(char *msg, size_t size, int field, const char *text)
{
	snprintf(msg, size, "%s", text);
	return field;
}

/* Several titles contain what was typed: which one? */
static int choose_initiative(tui_app *app, const csr_initiative *rows, int n)
{
	char texts[MATCHES_MAX][CSR_INITIATIVE_TITLE_MAX + 16];
	const char *items[MATCHES_MAX];
	for (int i = 0; i < n; i++) {
		char day[16];
		csr_date_format(rows[i].starts_at, day, sizeof day);
		snprintf(texts[i], sizeof texts[i], "%s  %s", day, rows[i].title);
		items[i] = texts[i];
	}
	return ui_choose(app, " Which initiative? ", items, n, 0, -1, -1, false);
}

/* The initiative typed: its number, or a part of its title that only one
 * initiative has (or that one has as its whole title); when several
 * have it, the user chooses. */
static int find_initiative(log_form *f, int64_t *id, char *msg, size_t size)
{
	char *end;
	long long n = strtoll(f->initiative, &end, 10);
	csr_initiative in, rows[MATCHES_MAX];
	csr_err err;
	if (*f->initiative && !*end) {
		if (csr_initiative_get(f->app->db, n, &in, &err) != CSR_OK)
			return fail(msg, size, F_INITIATIVE, "Initiative: there is no initiative with that number");
		*id = in.id;
		return UI_FORM_SAVED;
	}
	csr_initiative_query q = { .search = f->initiative, .status = -1, .when = CSR_WHEN_ANY };
	int found = 0;
	if (csr_initiative_page(f->app->db, &q, 0, 0, false, rows, MATCHES_MAX, &found, &err) !=
	    CSR_OK)
		return fail(msg, size, UI_FORM_WHOLE, err.msg);
	for (int i = 0; i < found; i++)
		if (strcasecmp(rows[i].title, f->initiative) == 0 || found == 1) {
			*id = rows[i].id;
			return UI_FORM_SAVED;
		}
	if (found == 0)
		return fail(msg, size, F_INITIATIVE, "Initiative: no initiative's title contains this");
	int choice = choose_initiative(f->app, rows, found);
	if (choice < 0)
		return fail(msg, size, F_INITIATIVE,
			    "Initiative: several titles contain this; choose one or type more");
	*id = rows[choice].id;
	return UI_FORM_SAVED;
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
	if (!ui_number_hours(f->hours, &h->minutes))
		return fail(msg, size, F_HOURS, "Hours must be like 2, 1.5 or 2:30 (at most 24)");
	h->volunteer_id = f->who.id;
	snprintf(h->note, sizeof h->note, "%s", f->note);
	return *f->initiative ? find_initiative(f, &h->initiative_id, msg, size) : UI_FORM_SAVED;
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
		[F_INITIATIVE] = { "Initiative", "Optional: part of its title, or its number", 1,
				   NULL, 0, f->initiative, sizeof f->initiative },
		[F_NOTE] = { "Note", "Optional: what was done; Enter saves", 1, NULL, 0, f->note,
			     sizeof f->note },
	};
	memcpy(f->fields, fields, sizeof fields);
	csr_date_format(csr_now(), f->date, sizeof f->date);
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
		hours_text(f->saved.minutes, hours, sizeof hours);
		csr_date_format(f->saved.worked_on, day, sizeof day);
		listbox_message(&r->box, false, "Logged %s hours for %s on %s: %s", hours,
				f->who.name, day, csr_hours_status_name(f->saved.status));
	}
	free(f);
}

/* ---- the dialog ---- */

void hours_review_run(tui_app *app)
{
	hours_review *r = calloc(1, sizeof *r);
	if (!r)
		return;
	r->app = app;
	r->box = (ui_listbox){ .app = app, .title = r->title, .width_max = WIDTH_MAX,
			       .keys = "a approve  r reject  l log hours  Esc close",
			       .keys_short = "a approve r reject l log Esc close",
			       .empty = "No hours are waiting for approval.",
			       .draw_row = draw_row, .ctx = r };
	reload(r);
	for (int key; (key = listbox_key(&r->box)) != 0;) {
		switch (key) {
		case 'a': decide(r, true); break;
		case 'r': decide(r, false); break;
		case 'l': log_hours(r); break;
		default: listbox_message(&r->box, true, "a approves, r rejects, l logs hours"); break;
		}
	}
	free(r);
}
