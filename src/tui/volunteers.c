/* SPDX-License-Identifier: MIT */
/* The Volunteers panel: the people, their places and their hours. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "columns.h"
#include "csrdesk/clock.h"
#include "csrdesk/hours.h"
#include "csrdesk/signup.h"
#include "csrdesk/volunteer.h"
#include "lead.h"
#include "pager.h"
#include "nav.h"
#include "panel.h"
#include "split.h"
#include "view.h"
#include "widget.h"

enum { HEAD_ROWS = 2, SHOWN_MAX = 30, LABEL_WIDTH = 11, COLUMNS = 5 };

enum { COL_NAME, COL_ID, COL_TEAM, COL_HOURS, COL_SIGNUPS };

static const ui_column columns[COLUMNS] = {
	[COL_NAME] = { "Name", 12, 40, 20, 3, 0, false, 0, 0 },
	[COL_ID] = { "Employee", 8, 10, 0, 0, 2, false, 0, 0 },
	[COL_TEAM] = { "Team", 8, 24, 0, 1, 3, false, 0, 0 },
	[COL_HOURS] = { "Hours", 6, 7, 0, 0, 1, true, 0, 0 },
	[COL_SIGNUPS] = { "Sign-ups", 8, 8, 0, 0, 4, true, 0, 0 },
};

typedef struct volunteers {
	tui_app *app;
	pager list;
	char search[CSR_NAME_MAX];
	bool include_inactive;
	int64_t total;
	/* the selected volunteer's places and hours */
	bool have_sel;
	csr_volunteer_row sel;
	csr_signup upcoming[SHOWN_MAX], history[SHOWN_MAX];
	int nupcoming, nhistory;
	csr_hours hours[SHOWN_MAX];
	int nhours;
	ui_split split;
	ui_column cols[COLUMNS];
	bool detail_focus;
	int detail_scroll, detail_lines;
} volunteers;

/* ---- the list's source ---- */

static csr_volunteer_query query_of(const volunteers *s)
{
	return (csr_volunteer_query){ .search = s->search[0] ? s->search : NULL,
				      .include_inactive = s->include_inactive };
}

static csr_code fetch(void *ctx, const void *from, bool backward, void *rows, int max, int *n,
		      csr_err *err)
{
	volunteers *s = ctx;
	csr_volunteer_query q = query_of(s);
	const csr_volunteer_row *f = from;
	return csr_volunteer_page(s->app->db, &q, f ? f->v.name : NULL, f ? f->v.id : 0, backward,
				  rows, max, n, err);
}

static int64_t id_of(const void *row)
{
	return ((const csr_volunteer_row *)row)->v.id;
}

/* The row's key as it is now, so a renamed person is found again; the
 * figures come with the page read around it. */
static csr_code get(void *ctx, int64_t id, void *row, csr_err *err)
{
	volunteers *s = ctx;
	csr_volunteer_row *r = row;
	*r = (csr_volunteer_row){ 0 };
	return csr_volunteer_get(s->app->db, id, &r->v, err);
}

static const pager_source source = { sizeof(csr_volunteer_row), fetch, get, id_of };

/* ---- loading ---- */

/* Places newest first; the history is the part that has started. */
static csr_code load_places(volunteers *s, int64_t id, csr_err *err)
{
	csr_signup all[SHOWN_MAX];
	int n = 0;
	csr_code rc = csr_signup_list_volunteer(s->app->db, id, true, 0, s->upcoming, SHOWN_MAX,
						&s->nupcoming, err);
	if (rc == CSR_OK)
		rc = csr_signup_list_volunteer(s->app->db, id, false, 0, all, SHOWN_MAX, &n, err);
	int64_t now = csr_now();
	s->nhistory = 0;
	for (int i = 0; rc == CSR_OK && i < n; i++)
		if (all[i].starts_at <= now)
			s->history[s->nhistory++] = all[i];
	return rc;
}

static void load_selection(volunteers *s)
{
	const csr_volunteer_row *row = pager_current(&s->list);
	s->nupcoming = s->nhistory = s->nhours = 0;
	if (!row) {
		s->have_sel = false;
		return;
	}
	if (!s->have_sel || row->v.id != s->sel.v.id)
		s->detail_scroll = 0;
	s->sel = *row;
	s->have_sel = true;
	csr_err err;
	if (load_places(s, row->v.id, &err) != CSR_OK ||
	    csr_hours_list(s->app->db, row->v.id, 0, s->hours, SHOWN_MAX, &s->nhours, &err) !=
		    CSR_OK)
		tui_error(s->app, &err);
}

static void count(volunteers *s)
{
	csr_volunteer_query q = query_of(s);
	csr_err err;
	if (csr_volunteer_count(s->app->db, &q, &s->total, &err) != CSR_OK)
		tui_error(s->app, &err);
}

static void moved(volunteers *s, csr_code rc, const csr_err *err)
{
	if (rc != CSR_OK)
		tui_error(s->app, err);
	load_selection(s);
}

/* Counts the matches again; a short list gives its spare rows to the
 * details. */
static void recount(volunteers *s)
{
	csr_err err;
	count(s);
	if (ui_split_refit(&s->split, s->total) &&
	    pager_set_height(&s->list, s->split.list_rows, &err) != CSR_OK)
		tui_error(s->app, &err);
}

static void load(void *self)
{
	volunteers *s = self;
	if (s->list.height == 0)
		return;
	csr_err err;
	recount(s);
	moved(s, pager_reload(&s->list, &err), &err);
}

static void restart(volunteers *s)
{
	csr_err err;
	recount(s);
	moved(s, pager_home(&s->list, &err), &err);
}

static void layout(void *self, int height, int width)
{
	volunteers *s = self;
	count(s);
	ui_split_layout(&s->split, height, width, HEAD_ROWS, s->total);
	memcpy(s->cols, columns, sizeof columns);
	ui_columns_layout(s->cols, COLUMNS, s->split.list_width - 2);
	csr_err err;
	moved(s, pager_set_height(&s->list, s->split.list_rows, &err), &err);
}

/* ---- drawing the list ---- */

static void hours_text(int64_t minutes, char *out, size_t size)
{
	snprintf(out, size, "%lld.%lld", (long long)(minutes / 60),
		 (long long)(minutes % 60 * 10 / 60));
}

static void draw_summary(volunteers *s, WINDOW *w, int y)
{
	char text[256], total[48];
	int n = snprintf(text, sizeof text, "%s",
			 s->include_inactive ? "Everyone, also those who left" : "Active volunteers");
	if (s->search[0])
		snprintf(text + n, sizeof text - (size_t)n, ", matching \"%s\"", s->search);
	snprintf(total, sizeof total, "%lld %s", (long long)s->total,
		 s->total == 1 ? "person" : "people");
	int tw = ui_width(total), lw = s->split.list_width;
	ui_blank(w, y, 0, lw, A_NORMAL);
	ui_text(w, y, 1, lw - tw - 3, text, ui_attr(UI_TITLE), false);
	ui_text(w, y, lw - tw - 1, tw, total, ui_attr(UI_DIM), false);
}

static void draw_row(volunteers *s, WINDOW *w, int y, const csr_volunteer_row *r, bool selected)
{
	attr_t base = selected ? ui_attr(s->detail_focus ? UI_SELECTED_DIM : UI_SELECTED)
		      : r->v.active ? A_NORMAL : ui_attr(UI_DIM);
	char hours[24], signups[16];
	hours_text(r->minutes_this_year, hours, sizeof hours);
	snprintf(signups, sizeof signups, "%d", r->signups);
	ui_blank(w, y, 0, s->split.list_width, base);
	ui_cell(w, y, 1, &s->cols[COL_NAME], r->v.name, base);
	ui_cell(w, y, 1, &s->cols[COL_ID], r->v.employee_id, base);
	ui_cell(w, y, 1, &s->cols[COL_TEAM], r->v.team, base);
	ui_cell(w, y, 1, &s->cols[COL_HOURS], hours, base);
	ui_cell(w, y, 1, &s->cols[COL_SIGNUPS], signups, base);
	if (selected) /* a mark that shows without colors or attributes too */
		ui_text(w, y, 0, 1, ">", base, false);
}

static void draw_list(volunteers *s, WINDOW *w, int y)
{
	draw_summary(s, w, y);
	ui_columns_header(w, y + 1, 1, s->cols, COLUMNS, s->split.list_width - 1);
	ui_blank(w, y + 1, 0, 1, ui_attr(UI_HEADER));
	for (int i = 0; i < s->list.n; i++)
		draw_row(s, w, y + HEAD_ROWS + i, pager_row(&s->list, i), i == s->list.cursor);
	if (s->list.n == 0)
		ui_text(w, y + HEAD_ROWS, 2, s->split.list_width - 3,
			s->search[0] ? "Nobody matches: / changes the search."
				     : "No volunteers yet: import them with csrdesk import volunteers",
			ui_attr(UI_DIM), false);
}

/* ---- drawing the details ---- */

static void place_line(ui_view *v, const csr_signup *p)
{
	int row = view_next(v);
	if (row < 0)
		return;
	char date[16];
	csr_date_format(p->starts_at, date, sizeof date);
	int status_w = 10, date_w = 11;
	ui_blank(v->w, row, v->x, v->width, A_NORMAL);
	ui_text(v->w, row, v->x + 2, date_w, date, ui_attr(UI_DIM), false);
	ui_text(v->w, row, v->x + 2 + date_w, v->width - 3 - date_w - status_w, p->title, A_NORMAL,
		false);
	ui_text(v->w, row, v->x + v->width - status_w, status_w, csr_signup_status_name(p->status),
		p->status == CSR_SIGNUP_WAITLISTED ? ui_attr(UI_WARN) : A_NORMAL, false);
}

static void hours_line(ui_view *v, const csr_hours *h)
{
	int row = view_next(v);
	if (row < 0)
		return;
	char date[16], hours[24];
	csr_date_format(h->worked_on, date, sizeof date);
	hours_text(h->minutes, hours, sizeof hours);
	int status_w = 10, date_w = 11, hours_w = 6;
	int title_w = v->width - 4 - date_w - hours_w - status_w;
	ui_blank(v->w, row, v->x, v->width, A_NORMAL);
	ui_text(v->w, row, v->x + 2, date_w, date, ui_attr(UI_DIM), false);
	ui_text_right(v->w, row, v->x + 2 + date_w, hours_w - 1, hours, A_NORMAL);
	ui_text(v->w, row, v->x + 2 + date_w + hours_w, title_w, h->title[0] ? h->title : h->note,
		A_NORMAL, false);
	ui_text(v->w, row, v->x + v->width - status_w, status_w, csr_hours_status_name(h->status),
		h->status == CSR_HOURS_PENDING ? ui_attr(UI_WARN) : A_NORMAL, false);
}

static void section(ui_view *v, const char *title, int n)
{
	char head[64];
	snprintf(head, sizeof head, n == SHOWN_MAX ? "%s (latest %d)" : "%s (%d)", title, n);
	view_blank(v);
	view_line(v, head, ui_attr(UI_TITLE));
	if (n == 0)
		view_line(v, "  none", ui_attr(UI_DIM));
}

static void write_detail(volunteers *s, ui_view *v)
{
	const csr_volunteer *p = &s->sel.v;
	char hours[24], state[64];
	view_para(v, p->name, ui_attr(UI_TITLE), 0);
	view_field(v, "Employee", LABEL_WIDTH, p->employee_id, A_NORMAL);
	view_field(v, "Team", LABEL_WIDTH, p->team[0] ? p->team : "-", A_NORMAL);
	view_field(v, "Site", LABEL_WIDTH, p->site[0] ? p->site : "-", A_NORMAL);
	view_field(v, "Email", LABEL_WIDTH, p->email[0] ? p->email : "-", A_NORMAL);
	view_field(v, "Skills", LABEL_WIDTH, p->skills[0] ? p->skills : "-", A_NORMAL);
	snprintf(state, sizeof state, "%s%s", p->active ? "active" : "left (inactive)",
		 p->locked ? ", PIN locked" : "");
	view_field(v, "Status", LABEL_WIDTH, state, ui_attr(p->locked ? UI_WARN : UI_NORMAL));
	hours_text(s->sel.minutes_this_year, hours, sizeof hours);
	snprintf(state, sizeof state, "%s hours approved", hours);
	view_field(v, "This year", LABEL_WIDTH, state, A_NORMAL);
	section(v, "Upcoming", s->nupcoming);
	for (int i = 0; i < s->nupcoming; i++)
		place_line(v, &s->upcoming[i]);
	section(v, "History", s->nhistory);
	for (int i = 0; i < s->nhistory; i++)
		place_line(v, &s->history[i]);
	section(v, "Hours", s->nhours);
	for (int i = 0; i < s->nhours; i++)
		hours_line(v, &s->hours[i]);
}

static void draw_detail(volunteers *s, WINDOW *w, int y)
{
	const ui_split *sp = &s->split;
	ui_view v;
	view_begin(&v, w, y + sp->detail_y, sp->detail_x, sp->detail_height, sp->detail_width,
		   s->detail_scroll);
	if (s->have_sel)
		write_detail(s, &v);
	else
		view_line(&v, "No volunteer selected", ui_attr(UI_DIM));
	s->detail_lines = view_end(&v);
}

static void draw(void *self, WINDOW *w, int y)
{
	volunteers *s = self;
	s->detail_scroll = view_clamp(s->detail_scroll, s->detail_lines, s->split.detail_height);
	if (ui_split_shows_list(&s->split, s->detail_focus))
		draw_list(s, w, y);
	ui_split_divider(&s->split, w, y, s->detail_focus);
	if (ui_split_shows_detail(&s->split, s->detail_focus))
		draw_detail(s, w, y);
}

/* ---- actions ---- */

static void search_changed(void *ctx, const char *text)
{
	volunteers *s = ctx;
	snprintf(s->search, sizeof s->search, "%s", text);
	restart(s);
}

static void choose_filter(volunteers *s)
{
	const char *items[] = { "Active volunteers", "Everyone, also those who left" };
	int choice = ui_choose(s->app, " Show ", items, 2, s->include_inactive, -1, -1, false);
	if (choice >= 0) {
		s->include_inactive = choice == 1;
		restart(s);
	}
}

/* New, edit, left / active again, reset PIN, activation code (leads):
 * then the person is shown selected. */
static void lead_tool(volunteers *s, tui_action act)
{
	int64_t id = volunteer_tool_run(s->app, act, s->have_sel ? &s->sel.v : NULL);
	csr_err err;
	if (id && pager_goto(&s->list, id, &err) != CSR_OK)
		tui_error(s->app, &err);
	load(s);
}

static bool handle(void *self, tui_action act)
{
	volunteers *s = self;
	csr_code rc;
	csr_err err;
	if (s->detail_focus &&
	    nav_scroll(act, &s->detail_scroll, s->detail_lines, s->split.detail_height))
		return true;
	if (nav_list(&s->list, act, &rc, &err)) {
		moved(s, rc, &err);
		return true;
	}
	switch (act) {
	case ACT_OPEN: s->detail_focus = s->have_sel; return true;
	case ACT_BACK: s->detail_focus = false; return true;
	case ACT_SEARCH:
		ui_prompt(s->app, "Search:", s->search, sizeof s->search, search_changed, s);
		return true;
	case ACT_FILTER: choose_filter(s); return true;
	case ACT_NEW: case ACT_EDIT: case ACT_DEACTIVATE: case ACT_RESET_PIN:
	case ACT_ACTIVATION_CODE:
		lead_tool(s, act);
		return true;
	default: return false;
	}
}

/* ---- the panel ---- */

static void *open_panel(tui_app *app)
{
	volunteers *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->app = app;
	pager_init(&s->list, &source, s);
	return s;
}

static void close_panel(void *self)
{
	volunteers *s = self;
	pager_free(&s->list);
	free(s);
}

static bool in_detail(void *self)
{
	return ((volunteers *)self)->detail_focus;
}

const panel_ops volunteers_panel = {
	.title = "Volunteers",
	.open = open_panel,
	.close = close_panel,
	.layout = layout,
	.load = load,
	.draw = draw,
	.handle = handle,
	.in_detail = in_detail,
};
