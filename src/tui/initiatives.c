/* SPDX-License-Identifier: MIT */
/* The Initiatives panel: the list, its filter and search, sign-ups. */
#include "initiatives.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csrdesk/clock.h"
#include "csrdesk/volunteer.h"
#include "mine.h"
#include "nav.h"
#include "panel.h"
#include "ui.h"
#include "widget.h"

enum {
	HEAD_ROWS = 2,       /* the summary line and the column headings */
	FILTER_ITEMS_MAX = 64,
};

enum { COL_TITLE, COL_CATEGORY, COL_DATE, COL_LOCATION, COL_PLACES, COL_WAIT, COL_STATUS };

/* Narrow screens drop the columns with the highest priority numbers first. */
static const ui_column columns[INI_COLUMNS] = {
	[COL_TITLE] = { "Title", 14, 60, 18, 4, 0, false, 0, 0 },
	[COL_CATEGORY] = { "Category", 11, 26, 0, 1, 4, false, 0, 0 },
	[COL_DATE] = { "Date", 10, 10, 0, 0, 2, false, 0, 0 },
	[COL_LOCATION] = { "Location", 8, 24, 0, 1, 5, false, 0, 0 },
	[COL_PLACES] = { "Places", 7, 7, 0, 0, 1, true, 0, 0 },
	[COL_WAIT] = { "Wait", 4, 4, 0, 0, 6, true, 0, 0 },
	[COL_STATUS] = { "Status", 6, 9, 0, 1, 3, false, 0, 0 },
};

/* ---- the list's source: keyset pages from the data layer ---- */

static csr_initiative_query query_of(const initiatives *s)
{
	return (csr_initiative_query){
		.search = s->search[0] ? s->search : NULL,
		.category = s->category[0] ? s->category : NULL,
		.status = s->status,
		.when = s->when,
		.order = s->order,
	};
}

static csr_code fetch(void *ctx, const void *from, bool backward, void *rows, int max, int *n,
		      csr_err *err)
{
	initiatives *s = ctx;
	csr_initiative_query q = query_of(s);
	return csr_initiative_page_after(s->app->db, &q, from, backward, rows, max, n, err);
}

static csr_code get(void *ctx, int64_t id, void *row, csr_err *err)
{
	initiatives *s = ctx;
	return csr_initiative_get(s->app->db, id, row, err);
}

static int64_t id_of(const void *row)
{
	return ((const csr_initiative *)row)->id;
}

static const pager_source source = { sizeof(csr_initiative), fetch, get, id_of };

/* ---- loading ---- */

void initiatives_load_selection(initiatives *s)
{
	const csr_initiative *row = pager_current(&s->list);
	csr_err err;
	s->nplaces = s->ntotals = 0;
	s->mine = -1;
	if (!row) {
		s->have_sel = false;
		return;
	}
	if (!s->have_sel || row->id != s->sel.id)
		s->detail_scroll = 0;
	s->have_sel = csr_initiative_get(s->app->db, row->id, &s->sel, &err) == CSR_OK;
	if (!s->have_sel ||
	    csr_signup_list_initiative(s->app->db, row->id, 0, s->places, INI_PLACES_MAX,
				       &s->nplaces, &err) != CSR_OK) {
		tui_error(s->app, &err);
		return;
	}
	for (int i = 0; i < s->nplaces; i++)
		if (s->places[i].volunteer_id == s->app->actor.volunteer_id)
			s->mine = i;
	impact_totals_load(s);
}

static void count(initiatives *s)
{
	csr_initiative_query q = query_of(s);
	csr_err err;
	if (csr_initiative_count(s->app->db, &q, &s->total, &err) != CSR_OK)
		tui_error(s->app, &err);
}

/* After a pager call: show a failure, read the selected item. */
static void moved(initiatives *s, csr_code rc, const csr_err *err)
{
	if (rc != CSR_OK)
		tui_error(s->app, err);
	initiatives_load_selection(s);
}

/* Counts the matches again; a short list gives its spare rows to the
 * details. */
static void recount(initiatives *s)
{
	csr_err err;
	count(s);
	if (ui_split_refit(&s->split, s->total) &&
	    pager_set_height(&s->list, s->split.list_rows, &err) != CSR_OK)
		tui_error(s->app, &err);
}

void initiatives_reload(initiatives *s)
{
	if (s->list.height == 0)
		return; /* not laid out yet */
	csr_err err;
	recount(s);
	moved(s, pager_reload(&s->list, &err), &err);
}

/* The query changed: from the top. */
static void restart(initiatives *s)
{
	csr_err err;
	recount(s);
	moved(s, pager_home(&s->list, &err), &err);
}

/* ---- order ---- */

/* What o goes through, in this order, as the summary line names them. */
static const char *const order_names[] = {
	[CSR_INITIATIVE_BY_START] = "by date",
	[CSR_INITIATIVE_BY_TITLE] = "by title",
	[CSR_INITIATIVE_BY_CATEGORY] = "by category",
};
enum { ORDERS = sizeof order_names / sizeof order_names[0] };

/* The next order; the cursor stays on its initiative, on its screen row
 * where the rows before it in the new order allow. */
static void next_order(initiatives *s)
{
	s->order = (csr_initiative_order)((s->order + 1) % ORDERS);
	initiatives_reload(s);
	tui_message(s->app, "Sorted %s", order_names[s->order]);
}

/* ---- layout and drawing ---- */

static void layout(void *self, int height, int width)
{
	initiatives *s = self;
	count(s);
	ui_split_layout(&s->split, height, width, HEAD_ROWS, s->total);
	memcpy(s->cols, columns, sizeof columns);
	ui_columns_layout(s->cols, INI_COLUMNS, s->split.list_width - 2);
	csr_err err;
	moved(s, pager_set_height(&s->list, s->split.list_rows, &err), &err);
}

static void summary_text(const initiatives *s, char *out, size_t size)
{
	static const char *const whens[] = { "All times", "Upcoming", "Past" };
	const csr_category *cat = csr_config_category(tui_config(s->app), s->category);
	size_t used = (size_t)snprintf(out, size, "%s, %s", whens[s->when],
				       order_names[s->order]);
	if (s->status >= 0)
		used += (size_t)snprintf(out + used, size - used, ", %s",
					 csr_initiative_status_name((csr_initiative_status)s->status));
	if (s->category[0] && used < size)
		used += (size_t)snprintf(out + used, size - used, ", %s",
					 cat ? cat->title : s->category);
	if (s->search[0] && used < size)
		snprintf(out + used, size - used, ", matching \"%s\"", s->search);
}

static void draw_summary(initiatives *s, WINDOW *w, int y)
{
	char text[512], total[48];
	summary_text(s, text, sizeof text);
	snprintf(total, sizeof total, "%lld initiative%s", (long long)s->total,
		 s->total == 1 ? "" : "s");
	int tw = ui_width(total);
	ui_blank(w, y, 0, s->split.list_width, A_NORMAL);
	ui_text(w, y, 1, s->split.list_width - tw - 3, text, ui_attr(UI_TITLE), false);
	ui_text(w, y, s->split.list_width - tw - 1, tw, total, ui_attr(UI_DIM), false);
}

/* The category cell: its config title in its color, or a mark when the
 * config no longer defines it (never hidden). */
static void draw_category(initiatives *s, WINDOW *w, int y, const csr_initiative *in,
			  attr_t base, bool selected)
{
	const csr_category *cat = csr_config_category(tui_config(s->app), in->category);
	if (cat) {
		/* The title when it fits, else the (short) key when that fits. */
		const ui_column *col = &s->cols[COL_CATEGORY];
		bool title_fits = ui_width(cat->title) <= col->width;
		const char *text = title_fits || ui_width(cat->key) > col->width ? cat->title : cat->key;
		ui_cell(w, y, 1, col, text, selected ? base : ui_color_attr(cat->color));
		return;
	}
	char mark[CSR_KEY_MAX + 2];
	snprintf(mark, sizeof mark, "!%s", in->category);
	ui_cell(w, y, 1, &s->cols[COL_CATEGORY], mark, ui_attr(UI_MARK));
}

static void draw_row(initiatives *s, WINDOW *w, int y, const csr_initiative *in, bool selected)
{
	bool past = in->ends_at < csr_now();
	attr_t base = selected ? ui_attr(s->detail_focus ? UI_SELECTED_DIM : UI_SELECTED)
			       : past ? ui_attr(UI_DIM) : A_NORMAL;
	char date[16], places[24], wait[16];
	csr_date_format(in->starts_at, date, sizeof date);
	snprintf(places, sizeof places, "%d/%d", in->confirmed, in->capacity);
	wait[0] = '\0';
	if (in->waitlisted > 0)
		snprintf(wait, sizeof wait, "%d", in->waitlisted);
	ui_blank(w, y, 0, s->split.list_width, base);
	ui_cell(w, y, 1, &s->cols[COL_TITLE], in->title, base);
	draw_category(s, w, y, in, base, selected);
	ui_cell(w, y, 1, &s->cols[COL_DATE], date, base);
	ui_cell(w, y, 1, &s->cols[COL_LOCATION], in->location, base);
	ui_cell(w, y, 1, &s->cols[COL_PLACES], places, base);
	ui_cell(w, y, 1, &s->cols[COL_WAIT], wait, base);
	ui_cell(w, y, 1, &s->cols[COL_STATUS], csr_initiative_status_name(in->status), base);
	if (selected) /* a mark that shows without colors or attributes too */
		ui_text(w, y, 0, 1, ">", base, false);
}

static void draw_empty(initiatives *s, WINDOW *w, int y)
{
	const char *text = s->search[0] || s->status >= 0 || s->category[0]
				   ? "Nothing matches: f changes the filter, / the search."
			   : tui_is_lead(s->app) ? "No initiatives here yet: n creates one."
						 : "No initiatives here yet: f shows other times.";
	ui_text(w, y, 2, s->split.list_width - 3, text, ui_attr(UI_DIM), false);
}

static void draw_list(initiatives *s, WINDOW *w, int y)
{
	draw_summary(s, w, y);
	ui_columns_header(w, y + 1, 1, s->cols, INI_COLUMNS, s->split.list_width - 1);
	ui_blank(w, y + 1, 0, 1, ui_attr(UI_HEADER));
	for (int i = 0; i < s->list.n; i++)
		draw_row(s, w, y + HEAD_ROWS + i, pager_row(&s->list, i), i == s->list.cursor);
	if (s->list.n == 0)
		draw_empty(s, w, y + HEAD_ROWS);
}

static void draw(void *self, WINDOW *w, int y)
{
	initiatives *s = self;
	const ui_split *sp = &s->split;
	if (ui_split_shows_list(sp, s->detail_focus))
		draw_list(s, w, y);
	ui_split_divider(sp, w, y, s->detail_focus);
	if (ui_split_shows_detail(sp, s->detail_focus))
		initiative_detail_draw(s, w, y + sp->detail_y, sp->detail_x, sp->detail_height,
				       sp->detail_width);
}

/* ---- filter ---- */

typedef struct filter_menu {
	char text[FILTER_ITEMS_MAX][160];
	const char *items[FILTER_ITEMS_MAX];
	int n;
	int current;
} filter_menu;

static void filter_add(filter_menu *m, bool on, const char *fmt, const char *what)
{
	if (m->n >= FILTER_ITEMS_MAX)
		return;
	snprintf(m->text[m->n], sizeof m->text[m->n], "%s ", on ? "*" : " ");
	size_t used = strlen(m->text[m->n]);
	snprintf(m->text[m->n] + used, sizeof m->text[m->n] - used, fmt, what);
	m->items[m->n] = m->text[m->n];
	m->n++;
}

enum { WHENS = 3, STATUSES = 6 };

static void filter_build(initiatives *s, filter_menu *m)
{
	static const char *const whens[WHENS] = { "upcoming", "past", "any time" };
	static const csr_initiative_when when_of[WHENS] = { CSR_WHEN_UPCOMING, CSR_WHEN_PAST,
							    CSR_WHEN_ANY };
	const csr_config *cfg = tui_config(s->app);
	m->n = 0;
	for (int i = 0; i < WHENS; i++)
		filter_add(m, s->when == when_of[i], "Time: %s", whens[i]);
	filter_add(m, s->status < 0, "Status: %s", "any");
	for (int st = 0; st < STATUSES - 1; st++)
		filter_add(m, s->status == st, "Status: %s",
			   csr_initiative_status_name((csr_initiative_status)st));
	filter_add(m, !s->category[0], "Category: %s", "any");
	for (int c = 0; c < cfg->ncategories; c++)
		filter_add(m, strcmp(s->category, cfg->categories[c].key) == 0, "Category: %s",
			   cfg->categories[c].title);
}

static void filter_apply(initiatives *s, int choice)
{
	static const csr_initiative_when when_of[WHENS] = { CSR_WHEN_UPCOMING, CSR_WHEN_PAST,
							    CSR_WHEN_ANY };
	const csr_config *cfg = tui_config(s->app);
	if (choice < WHENS)
		s->when = when_of[choice];
	else if (choice < WHENS + STATUSES)
		s->status = choice - WHENS - 1; /* "any" is -1 */
	else if (choice == WHENS + STATUSES)
		s->category[0] = '\0';
	else if (choice - WHENS - STATUSES - 1 < cfg->ncategories)
		snprintf(s->category, sizeof s->category, "%s",
			 cfg->categories[choice - WHENS - STATUSES - 1].key);
	restart(s);
}

static void choose_filter(initiatives *s)
{
	filter_menu *m = malloc(sizeof *m);
	if (!m)
		return;
	filter_build(s, m);
	int choice = ui_choose(s->app, " Filter ", m->items, m->n, 0, -1, -1, false);
	free(m);
	if (choice >= 0)
		filter_apply(s, choice);
}

/* ---- search ---- */

static void search_changed(void *ctx, const char *text)
{
	initiatives *s = ctx;
	snprintf(s->search, sizeof s->search, "%s", text);
	restart(s);
}

static void search(initiatives *s)
{
	ui_prompt(s->app, "Search:", s->search, sizeof s->search, search_changed, s);
}

/* ---- sign up and cancel ---- */

static const csr_initiative *selected(initiatives *s)
{
	const csr_initiative *in = pager_current(&s->list);
	if (!in)
		tui_message(s->app, "No initiative is selected");
	return in;
}

static bool has_record(initiatives *s)
{
	if (s->app->actor.volunteer_id != 0)
		return true;
	tui_message(s->app,
		    "You (%s) have no volunteer record: a lead can link your Unix user to one",
		    s->app->user);
	s->app->message_error = true;
	return false;
}

static void sign_up(initiatives *s)
{
	const csr_initiative *in = selected(s);
	if (!in || !has_record(s))
		return;
	csr_signup_result r;
	csr_err err;
	if (csr_signup_add(s->app->db, in->id, s->app->actor.volunteer_id, &r, &err) != CSR_OK)
		tui_error(s->app, &err);
	else if (r.status == CSR_SIGNUP_WAITLISTED)
		tui_message(s->app, "Waitlisted, position %d, for '%s'", r.waitlist_position,
			    in->title);
	else
		tui_message(s->app, "Confirmed: you have a place on '%s'", in->title);
	initiatives_reload(s);
}

static void cancel_place(initiatives *s)
{
	const csr_initiative *in = selected(s);
	if (!in || !has_record(s))
		return;
	char title[CSR_INITIATIVE_TITLE_MAX];
	snprintf(title, sizeof title, "%s", in->title);
	csr_signup_result r;
	csr_err err;
	if (csr_signup_cancel(s->app->db, in->id, s->app->actor.volunteer_id, &r, &err) != CSR_OK) {
		tui_error(s->app, &err);
		return;
	}
	csr_volunteer promoted;
	if (r.promoted_volunteer_id &&
	    csr_volunteer_get(s->app->db, r.promoted_volunteer_id, &promoted, NULL) == CSR_OK)
		tui_message(s->app, "Cancelled your place on '%s'; %s moves up from the waitlist",
			    title, promoted.name);
	else
		tui_message(s->app, "Cancelled your place on '%s'", title);
	initiatives_reload(s);
}

/* ---- actions ---- */

static bool handle(void *self, tui_action act)
{
	initiatives *s = self;
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
	case ACT_SEARCH: search(s); return true;
	case ACT_FILTER: choose_filter(s); return true;
	case ACT_SORT: next_order(s); return true;
	case ACT_SIGNUP: sign_up(s); return true;
	case ACT_CANCEL: cancel_place(s); return true;
	case ACT_NEW: initiative_form_new(s); return true;
	case ACT_EDIT: initiative_form_edit(s); return true;
	case ACT_ATTENDANCE: attendance_run(s); return true;
	case ACT_SET_STATUS: status_menu_run(s); return true;
	case ACT_RECORD_IMPACT: impact_form_run(s); return true;
	case ACT_LOG_HOURS: hours_form_run(s->app, s->have_sel ? s->sel.id : 0); return true;
	case ACT_RATE: rating_form_run(s->app, s->have_sel ? s->sel.id : 0); return true;
	default: return false;
	}
}

/* ---- the panel ---- */

static void *open_panel(tui_app *app)
{
	initiatives *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->app = app;
	s->when = CSR_WHEN_UPCOMING; /* what people come for */
	s->status = -1;
	s->mine = -1;
	pager_init(&s->list, &source, s);
	return s;
}

static void close_panel(void *self)
{
	initiatives *s = self;
	pager_free(&s->list);
	free(s);
}

static void load(void *self)
{
	initiatives_reload(self);
}

static bool in_detail(void *self)
{
	return ((initiatives *)self)->detail_focus;
}

const panel_ops initiatives_panel = {
	.title = "Initiatives",
	.open = open_panel,
	.close = close_panel,
	.layout = layout,
	.load = load,
	.draw = draw,
	.handle = handle,
	.in_detail = in_detail,
};
