/* SPDX-License-Identifier: MIT */
/* Attendance (leads): mark each person with a place attended or no-show,
 * paging through every place however many there are. */
#include <stddef.h>
#include <stdio.h>

#include "csrdesk/initiative.h"
#include "csrdesk/signup.h"
#include "dialog.h"
#include "facts.h"
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
} attendance;

static csr_code fetch(void *ctx, const void *from, bool backward, void *rows, int max, int *n,
		      csr_err *err)
{
	attendance *a = ctx;
	return csr_signup_page_initiative(a->app->db, a->initiative_id, a->list.search, from,
					  backward, rows, max, n, err);
}

static const pager_source source = PAGER_SOURCE(csr_signup, id, fetch, NULL);

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
	c->attr[COL_STATUS] = facts_signup_attr(p->status);
}

static const list_spec spec = {
	LIST_ROWS(source, columns, cells, count),
	.empty = "Nobody has a place on it.",
	.no_match = "Nobody with a place matches: / changes the search.",
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
	a->list.changed = true;
	list_reload(&a->list);
	list_panel_handle(&a->list, ACT_DOWN); /* on to the next person */
	list_message(&a->list, false, "%s: %s", place.name, attended ? "attended" : "no-show");
}

static bool on_key(void *ctx, int key)
{
	if (key != 'a' && key != 'y' && key != 'n')
		return false;
	mark(ctx, key != 'n');
	return true;
}

bool attendance_run(tui_app *app, int64_t initiative_id)
{
	csr_initiative in;
	csr_err err;
	if (csr_initiative_get(app->db, initiative_id, &in, &err) != CSR_OK) {
		tui_error(app, &err);
		return false;
	}
	char title[CSR_INITIATIVE_TITLE_MAX + 16];
	snprintf(title, sizeof title, "Attendance: %s", in.title);
	const list_popup_look look = { .title = title, .width_max = WIDTH_MAX,
				       .keys = "a attended  n no-show  / search  Esc done",
				       .keys_short = "a attended n no-show Esc done",
				       .other_key = "a marks attended, n no-show" };
	attendance a = { .app = app, .initiative_id = initiative_id };
	list_init(&a.list, app, &spec, &a);
	return list_popup_run(&a.list, &look, on_key);
}
