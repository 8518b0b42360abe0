/* SPDX-License-Identifier: MIT */
/* Pickers: a list pop-up that chooses one row for a form field. */
#include "picker.h"

#include <stddef.h>
#include <stdio.h>

#include "csrdesk/clock.h"
#include "list.h"

enum { COL_DATE = 0, COL_TITLE, COL_STATUS, COLUMNS };

static const ui_column columns[COLUMNS] = {
	[COL_DATE] = { "Date", 10, 10, 0, 0, 1, false, 0, 0 },
	[COL_TITLE] = { "Initiative", 16, 60, 20, 1, 0, false, 0, 0 },
	[COL_STATUS] = { "Status", 9, 11, 0, 0, 2, false, 0, 0 },
};

void pick_text(int64_t starts_at, const char *title, char *out, size_t size)
{
	char date[CSR_TIME_TEXT_MAX];
	csr_date_format(starts_at, date, sizeof date);
	snprintf(out, size, "%s %s", date, title);
}

/* ---- the user's own places ---- */

bool own_record_exists(tui_app *app)
{
	if (app->actor.volunteer_id != 0)
		return true;
	tui_message(app, "You (%s) have no volunteer record: a team lead can add you to the roster",
		    app->user);
	app->message_error = true;
	return false;
}

static csr_code own_fetch(void *ctx, const void *from, bool backward, void *rows, int max,
			  int *n, csr_err *err)
{
	own_places *o = ctx;
	return csr_signup_page_volunteer(o->app->db, o->app->actor.volunteer_id, o->span, from,
					 backward, rows, max, n, err);
}

const pager_source own_places_source = PAGER_SOURCE(csr_signup, id, own_fetch, NULL);

csr_code own_places_count(void *ctx, int64_t *out, csr_err *err)
{
	own_places *o = ctx;
	return csr_signup_count_volunteer(o->app->db, o->app->actor.volunteer_id, o->span, out,
					  err);
}

static void own_cells(void *ctx, const void *row, list_cells *c)
{
	(void)ctx;
	const csr_signup *p = row;
	csr_date_format(p->starts_at, c->text[COL_DATE], sizeof c->text[COL_DATE]);
	list_cell(c, COL_TITLE, "%s", p->title);
	list_cell(c, COL_STATUS, "%s", csr_signup_status_name(p->status));
}

static const list_spec own_spec = {
	LIST_ROWS(own_places_source, columns, own_cells, own_places_count),
	.empty = "You have no places on initiatives that have started.",
};

bool pick_own_place(tui_app *app, const char *title, csr_signup *out)
{
	own_places o = { .app = app, .span = CSR_SPAN_PAST };
	ui_list l;
	list_init(&l, app, &own_spec, &o);
	bool chosen = list_choose(&l, title, out);
	list_free(&l);
	return chosen;
}

/* ---- active volunteers ---- */

const ui_column volunteer_columns[VOLUNTEER_COLUMNS] = {
	[VOLUNTEER_COL_NAME] = { "Name", 12, 40, 20, 3, 0, false, 0, 0 },
	[VOLUNTEER_COL_ID] = { "Employee", 8, 10, 0, 0, 1, false, 0, 0 },
	[VOLUNTEER_COL_TEAM] = { "Team", 6, 20, 0, 1, 2, false, 0, 0 },
	[VOLUNTEER_COL_MARK] = { "", 1, 8, 0, 0, 0, false, 0, 0 },
};

static csr_volunteer_query volunteer_query(const volunteer_choice *v)
{
	return (csr_volunteer_query){ .search = v->list.search[0] ? v->list.search : NULL };
}

static csr_code volunteer_fetch(void *ctx, const void *from, bool backward, void *rows, int max,
				int *n, csr_err *err)
{
	volunteer_choice *v = ctx;
	csr_volunteer_query q = volunteer_query(v);
	const csr_volunteer_row *f = from;
	return csr_volunteer_page(v->app->db, &q, f ? f->v.name : NULL, f ? f->v.id : 0, backward,
				  rows, max, n, err);
}

const pager_source volunteer_source = PAGER_SOURCE(csr_volunteer_row, v.id, volunteer_fetch,
						   NULL);

csr_code volunteer_count(void *ctx, int64_t *out, csr_err *err)
{
	volunteer_choice *v = ctx;
	csr_volunteer_query q = volunteer_query(v);
	return csr_volunteer_count(v->app->db, &q, out, err);
}

void volunteer_cells(void *ctx, const void *row, list_cells *c)
{
	(void)ctx;
	const csr_volunteer_row *r = row;
	list_cell(c, VOLUNTEER_COL_NAME, "%s", r->v.name);
	list_cell(c, VOLUNTEER_COL_ID, "%s", r->v.employee_id);
	list_cell(c, VOLUNTEER_COL_TEAM, "%s", r->v.team);
}

static const list_spec volunteer_spec = {
	LIST_ROWS(volunteer_source, volunteer_columns, volunteer_cells, volunteer_count),
	.empty = "There are no active volunteers.",
	.no_match = "Nobody matches: / changes the search.",
	.searchable = true,
};

bool pick_volunteer(tui_app *app, const char *title, csr_volunteer *out)
{
	volunteer_choice v = { .app = app };
	csr_volunteer_row row;
	list_init(&v.list, app, &volunteer_spec, &v);
	bool chosen = list_choose(&v.list, title, &row);
	list_free(&v.list);
	if (chosen)
		*out = row.v;
	return chosen;
}

/* ---- any initiative ---- */

typedef struct any_initiative {
	ui_list list;
	tui_app *app;
	bool open_only; /* open and not ended: where a place can move to */
} any_initiative;

static csr_initiative_query any_query(const any_initiative *a)
{
	return (csr_initiative_query){ .search = a->list.search[0] ? a->list.search : NULL,
				       .status = a->open_only ? CSR_INITIATIVE_OPEN : -1,
				       .when = a->open_only ? CSR_WHEN_UPCOMING : CSR_WHEN_ANY };
}

/* Newest first: each page is read the other way through the order by
 * start, then turned round. */
static csr_code any_fetch(void *ctx, const void *from, bool backward, void *rows, int max,
			  int *n, csr_err *err)
{
	any_initiative *a = ctx;
	csr_initiative_query q = any_query(a);
	csr_initiative *r = rows;
	csr_code rc = csr_initiative_page_after(a->app->db, &q, from, !backward, r, max, n, err);
	for (int i = 0, j = *n - 1; i < j; i++, j--) {
		csr_initiative t = r[i];
		r[i] = r[j];
		r[j] = t;
	}
	return rc;
}

static const pager_source any_source = PAGER_SOURCE(csr_initiative, id, any_fetch, NULL);

static csr_code any_count(void *ctx, int64_t *out, csr_err *err)
{
	any_initiative *a = ctx;
	csr_initiative_query q = any_query(a);
	return csr_initiative_count(a->app->db, &q, out, err);
}

static void any_cells(void *ctx, const void *row, list_cells *c)
{
	(void)ctx;
	const csr_initiative *in = row;
	csr_date_format(in->starts_at, c->text[COL_DATE], sizeof c->text[COL_DATE]);
	list_cell(c, COL_TITLE, "%s", in->title);
	list_cell(c, COL_STATUS, "%s", csr_initiative_status_name(in->status));
}

static const list_spec any_spec = {
	LIST_ROWS(any_source, columns, any_cells, any_count),
	.empty = "No initiatives yet.",
	.no_match = "No initiative matches: / changes the search.",
	.searchable = true,
};

static bool choose_initiative(any_initiative *a, const char *search, const char *title,
			      csr_initiative *out)
{
	list_init(&a->list, a->app, &any_spec, a);
	snprintf(a->list.search, sizeof a->list.search, "%s", search);
	bool chosen = list_choose(&a->list, title, out);
	list_free(&a->list);
	return chosen;
}

bool pick_initiative(tui_app *app, const char *search, csr_initiative *out)
{
	any_initiative a = { .app = app };
	return choose_initiative(&a, search, "Which initiative?", out);
}

bool pick_open_initiative(tui_app *app, const char *title, csr_initiative *out)
{
	any_initiative a = { .app = app, .open_only = true };
	return choose_initiative(&a, "", title, out);
}
