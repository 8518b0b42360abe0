/* SPDX-License-Identifier: MIT */
/* Attendance (leads): mark each person with a place attended or no-show,
 * paging through every place however many there are. */
#include <stdio.h>
#include <stdlib.h>

#include "csrdesk/initiative.h"
#include "csrdesk/signup.h"
#include "dialog.h"
#include "list.h"

enum { WIDTH_MAX = 72, COL_NAME = 0, COL_ID, COL_STATUS, COLUMNS };

static const ui_column columns[COLUMNS] = {
	[COL_NAME] = { "Name", 12, 60, 16, 3, 0, false, 0, 0 },
	[COL_ID] = { "Employee", 8, 10, 0, 0, 2, false, 0, 0 },
	[COL_STATUS] = { "Status", 10, 11, 0, 0, 1, false, 0, 0 },
};

typedef struct attendance {
	ui_list list;
	tui_app *app;
	int64_t initiative_id;
	char title[CSR_INITIATIVE_TITLE_MAX + 16];
	bool changed;
} attendance;

static csr_code fetch(void *ctx, const void *from, bool backward, void *rows, int max, int *n,
		      csr_err *err)
{
	attendance *a = ctx;
	return csr_signup_page_initiative(a->app->db, a->initiative_id, a->list.search, from,
					  backward, rows, max, n, err);
}

static csr_code get(void *ctx, int64_t id, void *row, csr_err *err)
{
	attendance *a = ctx;
	return csr_signup_get_id(a->app->db, id, row, err);
}

static int64_t id_of(const void *row)
{
	return ((const csr_signup *)row)->id;
}

static const pager_source source = { sizeof(csr_signup), fetch, get, id_of };

static csr_code count(void *ctx, int64_t *out, csr_err *err)
{
	attendance *a = ctx;
	return csr_signup_count_initiative(a->app->db, a->initiative_id, a->list.search, out, err);
}

static void cells(void *ctx, const void *row, list_cells *c)
{
	(void)ctx;
	const csr_signup *p = row;
	list_cell(c, COL_NAME, "%s", p->name);
	list_cell(c, COL_ID, "%s", p->employee_id);
	list_cell(c, COL_STATUS, "%s", csr_signup_status_name(p->status));
	c->attr[COL_STATUS] = p->status == CSR_SIGNUP_ATTENDED ? ui_attr(UI_GOOD)
			      : p->status == CSR_SIGNUP_NOSHOW ? ui_attr(UI_WARN)
								: 0;
}

static const char *empty(void *ctx, bool searching)
{
	(void)ctx;
	return searching ? "Nobody with a place matches: / changes the search."
			 : "Nobody has a place on it.";
}

static const list_spec spec = {
	.source = &source,
	.columns = columns,
	.ncolumns = COLUMNS,
	.cells = cells,
	.count = count,
	.empty = empty,
	.searchable = true,
};

static void mark(attendance *a, bool attended)
{
	const csr_signup *sel = list_current(&a->list);
	if (!sel)
		return;
	csr_signup place = *sel;
	csr_err err;
	if (csr_signup_mark(a->app->db, place.initiative_id, place.volunteer_id, attended, &err) !=
	    CSR_OK) {
		list_error(&a->list, &err);
		return;
	}
	a->changed = true;
	list_reload(&a->list);
	list_handle(&a->list, ACT_DOWN); /* on to the next person */
	list_message(&a->list, false, "%s: %s", place.name, attended ? "attended" : "no-show");
}

bool attendance_run(tui_app *app, int64_t initiative_id)
{
	csr_initiative in;
	csr_err err;
	if (csr_initiative_get(app->db, initiative_id, &in, &err) != CSR_OK) {
		tui_error(app, &err);
		return false;
	}
	attendance *a = calloc(1, sizeof *a);
	if (!a)
		return false;
	a->app = app;
	a->initiative_id = initiative_id;
	snprintf(a->title, sizeof a->title, "Attendance: %s", in.title);
	list_init(&a->list, app, &spec, a);
	const list_popup_look look = { .title = a->title, .width_max = WIDTH_MAX,
				       .keys = "a attended  n no-show  / search  Esc done",
				       .keys_short = "a attended n no-show Esc done" };
	for (int key; (key = list_popup_key(&a->list, &look)) != 0;) {
		if (key == 'a' || key == 'y')
			mark(a, true);
		else if (key == 'n')
			mark(a, false);
		else
			list_message(&a->list, true, "a marks attended, n no-show");
	}
	bool changed = a->changed;
	list_free(&a->list);
	free(a);
	return changed;
}
