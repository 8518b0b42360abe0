/* SPDX-License-Identifier: MIT */
/* The Initiatives panel: the list, its filter and search, sign-ups, and
 * the details of the selected initiative. Its dialogs (dialog.h) get only
 * an initiative's id. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csrdesk/clock.h"
#include "csrdesk/format.h"
#include "csrdesk/i18n.h"
#include "csrdesk/impact.h"
#include "csrdesk/initiative.h"
#include "csrdesk/signup.h"
#include "csrdesk/visibility.h"
#include "csrdesk/volunteer.h"
#include "dialog.h"
#include "facts.h"
#include "list.h"
#include "picker.h"
#include "panel.h"
#include "ui.h"
#include "widget.h"

enum {
	INI_COLUMNS = 7,
	INI_PREVIEW = 40,   /* people named in the details; attendance lists them all */
	INI_TOTALS_MAX = 64, /* metrics of one initiative */
};

typedef struct initiatives {
	ui_list list; /* first: the list panel operations work on it */
	tui_app *app;
	/* what the list shows */
	csr_initiative_when when;
	int status;                 /* a csr_initiative_status, or -1 for all */
	char category[CSR_KEY_MAX]; /* "" for all */
	csr_initiative_order order; /* kept across reloads and filters */
	/* the selected initiative in full, for the details */
	bool have_sel;
	csr_initiative sel;
	csr_signup places[INI_PREVIEW]; /* the first places */
	int nplaces;
	int64_t places_total;
	bool names_hidden;   /* a private category: the user sees how many, not who */
	bool have_mine;      /* the user has a live place on it: */
	csr_signup mine;
	int mine_position;   /* its waitlist position, 0 when not waitlisted */
	csr_impact totals[INI_TOTALS_MAX]; /* its impact so far, per metric */
	int ntotals;
} initiatives;

enum { FILTER_ITEMS_MAX = 64, LABEL_WIDTH = FACTS_LABEL_WIDTH };

enum { COL_TITLE, COL_CATEGORY, COL_DATE, COL_LOCATION, COL_PLACES, COL_WAIT, COL_STATUS };

/* Narrow screens drop the columns with the highest priority numbers first.
 * Not const: fit_to_language widens the status for longer words. */
static ui_column columns[INI_COLUMNS] = {
	[COL_TITLE] = { N_("Title"), 14, 60, 18, 4, 0, false, 0, 0 },
	[COL_CATEGORY] = { N_("Category"), 11, 26, 0, 1, 4, false, 0, 0 },
	/* TRANSLATORS: column header: when the initiative starts (16 columns) */
	[COL_DATE] = { N_("Starts"), 16, 16, 0, 0, 2, false, 0, 0 },
	[COL_LOCATION] = { N_("Location"), 8, 24, 0, 1, 5, false, 0, 0 },
	/* TRANSLATORS: column header: places taken of all, "12/20" (7 columns) */
	[COL_PLACES] = { N_("Places"), 7, 7, 0, 0, 1, true, 0, 0 },
	/* TRANSLATORS: column header: people on the waitlist; 4 columns */
	[COL_WAIT] = { N_("Wait"), 4, 4, 0, 0, 6, true, 0, 0 },
	[COL_STATUS] = { N_("Status"), 6, 9, 0, 1, 3, false, 0, 0 },
};

enum { STATUS_WIDTH_MAX = 14 };

/* In another language than English the status column may grow to the
 * widest status ("abgeschlossen"); English keeps the widths as they are. */
static void fit_to_language(void)
{
	if (strcmp(csr_i18n_language(), "en") == 0)
		return;
	int w = columns[COL_STATUS].max;
	for (int st = CSR_INITIATIVE_DRAFT; st <= CSR_INITIATIVE_CANCELLED; st++) {
		int sw = ui_width(csr_initiative_status_label((csr_initiative_status)st));
		w = sw > w ? sw : w;
	}
	columns[COL_STATUS].max = w < STATUS_WIDTH_MAX ? w : STATUS_WIDTH_MAX;
}

/* ---- the list's source: keyset pages from the data layer ---- */

static csr_initiative_query query_of(const initiatives *s)
{
	return (csr_initiative_query){
		.search = s->list.search[0] ? s->list.search : NULL,
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

static const pager_source source = PAGER_SOURCE(csr_initiative, id, fetch, get);

/* ---- the details of the selected initiative ---- */

/* The user's own place: confirmed, waitlist position, or none. */
static void my_line(initiatives *s, ui_view *v)
{
	char text[96];
	ui_role role = UI_NORMAL;
	if (s->app->actor.volunteer_id == 0)
		snprintf(text, sizeof text, "%s", _("no volunteer record"));
	else if (!s->have_mine)
		snprintf(text, sizeof text, "%s", _("no place (s signs you up)"));
	else if (s->mine.status == CSR_SIGNUP_WAITLISTED) {
		snprintf(text, sizeof text, _("waitlisted, position %d"), s->mine_position);
		role = UI_WARN;
	} else {
		snprintf(text, sizeof text, "%s", csr_signup_status_label(s->mine.status));
		role = UI_GOOD;
	}
	/* TRANSLATORS: label of the user's own place in the details (at most
	 * 10 columns) */
	view_field(v, _("You"), LABEL_WIDTH, text, ui_attr(role));
}

static double recorded(const initiatives *s, const char *metric)
{
	for (int i = 0; i < s->ntotals; i++)
		if (strcmp(s->totals[i].metric, metric) == 0)
			return s->totals[i].value;
	return 0;
}

static bool has_goal(const initiatives *s, const char *metric)
{
	for (int i = 0; i < s->sel.ngoals; i++)
		if (strcmp(s->sel.goals[i].metric, metric) == 0)
			return true;
	return false;
}

/* "120 trees (Trees planted)", or the key with a mark when the config no
 * longer defines the metric. */
static void metric_text(initiatives *s, const char *key, const char *amount, char *out,
			size_t size)
{
	const csr_metric *m = csr_config_metric(tui_config(s->app), key);
	if (m && m->unit[0])
		snprintf(out, size, "%s %s (%s)", amount, m->unit, m->title);
	else if (m)
		snprintf(out, size, "%s (%s)", amount, m->title);
	else {
		char label[CSR_LABEL_MAX];
		csr_config_metric_label(tui_config(s->app), key, label, sizeof label);
		/* TRANSLATORS: an amount of a metric the config no longer has;
		 * the second %s is its label "(removed) trees": "340 of
		 * (removed) trees" */
		snprintf(out, size, C_("removed metric", "%s of %s"), amount, label);
	}
}

/* Each goal with what was recorded against it: "340 of 500 trees". */
static void goal_lines(initiatives *s, ui_view *v)
{
	for (int i = 0; i < s->sel.ngoals; i++) {
		const csr_goal *g = &s->sel.goals[i];
		double done = recorded(s, g->metric);
		char got[32], target[32], amount[80], text[CSR_TITLE_MAX + CSR_UNIT_MAX + 128];
		csr_fmt_number(done, got, sizeof got);
		csr_fmt_number(g->target, target, sizeof target);
		/* TRANSLATORS: recorded of a goal: "340 of 500" (a unit follows) */
		snprintf(amount, sizeof amount, C_("goal", "%s of %s"), got, target);
		metric_text(s, g->metric, amount, text, sizeof text);
		view_field(v, i == 0 ? _("Goals") : "", LABEL_WIDTH, text,
			   ui_attr(done >= g->target ? UI_GOOD : UI_NORMAL));
	}
}

/* Impact recorded for metrics without a goal. */
static void impact_lines(initiatives *s, ui_view *v)
{
	bool first = true;
	for (int i = 0; i < s->ntotals; i++) {
		if (has_goal(s, s->totals[i].metric))
			continue;
		char amount[32], text[CSR_TITLE_MAX + CSR_UNIT_MAX + 96];
		csr_fmt_number(s->totals[i].value, amount, sizeof amount);
		metric_text(s, s->totals[i].metric, amount, text, sizeof text);
		view_field(v, first ? _("Impact") : "", LABEL_WIDTH, text, A_NORMAL);
		first = false;
	}
}

/* One person: name, employee ID (leads only: at a kiosk without PINs an
 * ID is all it takes to act as someone), status, in columns. */
static void place_line(initiatives *s, ui_view *v, int i, int status_w)
{
	const csr_signup *p = &s->places[i];
	bool own = s->have_mine && p->id == s->mine.id;
	int row = view_next(v);
	if (row < 0)
		return;
	bool lead = s->app->actor.role >= CSR_ROLE_LEAD;
	int id_w = lead && v->width >= 40 ? 8 : 0;
	int name_w = v->width - 2 - status_w - (id_w ? id_w + 1 : 0) - 1;
	WINDOW *w = v->w;
	ui_blank(w, row, v->x, v->width, own ? A_BOLD : A_NORMAL);
	ui_text(w, row, v->x + 2, name_w, p->name, own ? A_BOLD : A_NORMAL, false);
	if (id_w)
		ui_text(w, row, v->x + 2 + name_w + 1, id_w, p->employee_id, ui_attr(UI_DIM), false);
	ui_text(w, row, v->x + v->width - status_w, status_w, csr_signup_status_label(p->status),
		facts_signup_attr(p->status), false);
}

/* The status column: as wide as the widest status shown (in German too),
 * at least 10 columns, at most a third of the view. */
static int status_width(const initiatives *s, const ui_view *v)
{
	int w = 10;
	for (int i = 0; i < s->nplaces; i++) {
		int sw = ui_width(csr_signup_status_label(s->places[i].status));
		w = sw > w ? sw : w;
	}
	return w < v->width / 3 ? w : v->width / 3 > 10 ? v->width / 3 : 10;
}

/* A private category (an agent): how many signed up, never who. */
static void people_count_only(initiatives *s, ui_view *v)
{
	char head[96], total[CSR_FMT_NUMBER_MAX];
	csr_fmt_count(s->places_total, total, sizeof total);
	/* TRANSLATORS: how many have a place on an initiative of a private
	 * category, where an agent sees no names: "3 signed up" */
	snprintf(head, sizeof head, csr_plural(s->places_total, "%s signed up", "%s signed up"),
		 total);
	view_line(v, head, ui_attr(UI_TITLE));
	view_para(v, _("The names are private in this category: team leads see them."),
		  ui_attr(UI_DIM), 2);
}

static void people(initiatives *s, ui_view *v)
{
	char head[96];
	char total[CSR_FMT_NUMBER_MAX], more[CSR_FMT_NUMBER_MAX];
	if (s->names_hidden) {
		people_count_only(s, v);
		return;
	}
	csr_fmt_count(s->places_total, total, sizeof total);
	/* TRANSLATORS: heading of the people with a place, and how many */
	snprintf(head, sizeof head, _("Signed up (%s)"), total);
	view_line(v, head, ui_attr(UI_TITLE));
	if (s->nplaces == 0)
		view_line(v, _("  nobody yet"), ui_attr(UI_DIM));
	int status_w = status_width(s, v);
	for (int i = 0; i < s->nplaces; i++)
		place_line(s, v, i, status_w);
	if (s->places_total > s->nplaces) {
		int64_t rest = s->places_total - s->nplaces;
		csr_fmt_count(rest, more, sizeof more);
		if (tui_is_lead(s->app))
			snprintf(head, sizeof head,
				 csr_plural(rest, "  and %s more (a lists them all)",
					    "  and %s more (a lists them all)"),
				 more);
		else
			snprintf(head, sizeof head, csr_plural(rest, "  and %s more", "  and %s more"),
				 more);
		view_line(v, head, ui_attr(UI_DIM));
	}
}

static void write_detail(initiatives *s, ui_view *v)
{
	facts_initiative(&s->sel, tui_config(s->app), v);
	my_line(s, v);
	goal_lines(s, v);
	impact_lines(s, v);
	if (s->sel.description[0]) {
		view_blank(v);
		view_para(v, s->sel.description, A_NORMAL, 0);
	}
	view_blank(v);
	people(s, v);
}

static void detail_write(initiatives *s, ui_view *v)
{
	if (s->have_sel)
		write_detail(s, v);
	else
		view_line(v, _("No initiative selected"), ui_attr(UI_DIM));
}

/* ---- reading ---- */

/* The user's own place, and its waitlist position. */
static csr_code load_mine(initiatives *s, csr_err *err)
{
	s->have_mine = false;
	s->mine_position = 0;
	if (s->app->actor.volunteer_id == 0)
		return CSR_OK;
	csr_code rc = csr_signup_get(s->app->db, s->sel.id, s->app->actor.volunteer_id, &s->mine,
				     err);
	if (rc == CSR_ENOTFOUND)
		return CSR_OK;
	s->have_mine = rc == CSR_OK;
	return rc == CSR_OK ? csr_signup_waitlist_position(s->app->db, &s->mine, &s->mine_position,
							   err)
			    : rc;
}

static void detail_load(initiatives *s, int64_t id)
{
	csr_err err;
	s->nplaces = s->ntotals = 0;
	s->places_total = 0;
	s->have_mine = false;
	s->have_sel = id && csr_initiative_get(s->app->db, id, &s->sel, &err) == CSR_OK;
	if (!id)
		return;
	s->names_hidden = s->have_sel && !csr_may_see_names(s->app->db, s->sel.category);
	if (!s->have_sel ||
	    csr_signup_count_initiative(s->app->db, id, NULL, &s->places_total, &err) != CSR_OK ||
	    load_mine(s, &err) != CSR_OK ||
	    (!s->names_hidden &&
	     csr_signup_page_initiative(s->app->db, id, NULL, NULL, false, s->places, INI_PREVIEW,
					&s->nplaces, &err) != CSR_OK) ||
	    csr_impact_totals(s->app->db, id, s->totals, INI_TOTALS_MAX, &s->ntotals, &err) !=
		    CSR_OK)
		tui_error(s->app, &err);
}

/* ---- counting and the selection ---- */

static csr_code count(void *ctx, int64_t *out, csr_err *err)
{
	initiatives *s = ctx;
	csr_initiative_query q = query_of(s);
	return csr_initiative_count(s->app->db, &q, out, err);
}

static void on_select(void *ctx, const void *row)
{
	initiatives *s = ctx;
	detail_load(s, row ? ((const csr_initiative *)row)->id : 0);
}

static void details(void *ctx, const void *row, ui_view *v)
{
	(void)row;
	detail_write(ctx, v);
}

/* ---- order ---- */

/* What o goes through, in this order, as the summary line names them. */
static const char *const order_names[] = {
	/* TRANSLATORS: the order of the list, in its summary line: "Upcoming,
	 * by date" */
	[CSR_INITIATIVE_BY_START] = N_("by date"),
	[CSR_INITIATIVE_BY_TITLE] = N_("by title"),
	[CSR_INITIATIVE_BY_CATEGORY] = N_("by category"),
};
/* What o says when it changes the order. */
static const char *const sorted_messages[] = {
	[CSR_INITIATIVE_BY_START] = N_("Sorted by date"),
	[CSR_INITIATIVE_BY_TITLE] = N_("Sorted by title"),
	[CSR_INITIATIVE_BY_CATEGORY] = N_("Sorted by category"),
};
enum { ORDERS = sizeof order_names / sizeof order_names[0] };

/* The next order; the cursor stays on its initiative, on its screen row
 * where the rows before it in the new order allow. */
static void next_order(initiatives *s)
{
	s->order = (csr_initiative_order)((s->order + 1) % ORDERS);
	list_reload(&s->list);
	tui_message(s->app, "%s", _(sorted_messages[s->order]));
}

/* ---- the rows ---- */

static void summary(void *ctx, char *out, size_t size)
{
	initiatives *s = ctx;
	/* TRANSLATORS: which initiatives the list shows, first in its summary
	 * line: "Upcoming, by date" */
	static const char *const whens[] = { N_("All times"), N_("Upcoming"), N_("Past") };
	const csr_category *cat = csr_config_category(tui_config(s->app), s->category);
	size_t used = (size_t)snprintf(out, size, "%s, %s", _(whens[s->when]),
				       _(order_names[s->order]));
	if (s->status >= 0 && used < size)
		used += (size_t)snprintf(out + used, size - used, ", %s",
					 csr_initiative_status_label((csr_initiative_status)s->status));
	if (s->category[0] && used < size)
		snprintf(out + used, size - used, ", %s", cat ? cat->title : s->category);
}

/* The category: its config title in its color, or "(removed) key" when
 * the config no longer defines it (never hidden). */
static void category_cell(initiatives *s, const csr_initiative *in, list_cells *c)
{
	const csr_category *cat = csr_config_category(tui_config(s->app), in->category);
	csr_config_category_label(tui_config(s->app), in->category, c->text[COL_CATEGORY],
				  sizeof c->text[COL_CATEGORY]);
	c->attr[COL_CATEGORY] = cat ? ui_color_attr(cat->color) : ui_attr(UI_MARK);
}

static void cells(void *ctx, const void *row, list_cells *c)
{
	initiatives *s = ctx;
	const csr_initiative *in = row;
	c->row = in->ends_at < csr_now() ? UI_DIM : UI_NORMAL;
	list_cell(c, COL_TITLE, "%s", in->title);
	category_cell(s, in, c);
	csr_time_format(in->starts_at, c->text[COL_DATE], sizeof c->text[COL_DATE]);
	list_cell(c, COL_LOCATION, "%s", in->location);
	list_cell(c, COL_PLACES, "%d/%d", in->confirmed, in->capacity);
	if (in->waitlisted > 0)
		list_cell(c, COL_WAIT, "%d", in->waitlisted);
	list_cell(c, COL_STATUS, "%s", csr_initiative_status_label(in->status));
}

static const char *empty_of(void *ctx, bool searching)
{
	initiatives *s = ctx;
	return searching || s->status >= 0 || s->category[0]
		       ? _("Nothing matches: f changes the filter, / the search.")
	       : tui_is_lead(s->app) ? _("No initiatives here yet: n creates one.")
				     : _("No initiatives here yet: f shows other times.");
}

/* ---- filter ---- */

typedef struct filter_menu {
	char text[FILTER_ITEMS_MAX][160];
	const char *items[FILTER_ITEMS_MAX];
	int n;
	int current;
} filter_menu;

/* An entry: text is a whole one ("Time: upcoming"), or a format for what
 * ("Category: %s"). */
static void filter_add(filter_menu *m, bool on, const char *fmt, const char *what)
{
	if (m->n >= FILTER_ITEMS_MAX)
		return;
	snprintf(m->text[m->n], sizeof m->text[m->n], "%s ", on ? "*" : " ");
	size_t used = strlen(m->text[m->n]);
	if (what)
		snprintf(m->text[m->n] + used, sizeof m->text[m->n] - used, fmt, what);
	else
		snprintf(m->text[m->n] + used, sizeof m->text[m->n] - used, "%s", fmt);
	m->items[m->n] = m->text[m->n];
	m->n++;
}

enum { WHENS = 3, STATUSES = 6 };

static void filter_build(initiatives *s, filter_menu *m)
{
	static const char *const whens[WHENS] = { N_("Time: upcoming"), N_("Time: past"),
						  N_("Time: any time") };
	static const csr_initiative_when when_of[WHENS] = { CSR_WHEN_UPCOMING, CSR_WHEN_PAST,
							    CSR_WHEN_ANY };
	const csr_config *cfg = tui_config(s->app);
	m->n = 0;
	for (int i = 0; i < WHENS; i++)
		filter_add(m, s->when == when_of[i], _(whens[i]), NULL);
	filter_add(m, s->status < 0, _("Status: any"), NULL);
	for (int st = 0; st < STATUSES - 1; st++)
		/* TRANSLATORS: a filter entry: a status of initiatives */
		filter_add(m, s->status == st, _("Status: %s"),
			   csr_initiative_status_label((csr_initiative_status)st));
	filter_add(m, !s->category[0], _("Category: any"), NULL);
	for (int c = 0; c < cfg->ncategories; c++)
		/* TRANSLATORS: a filter entry: a category's title */
		filter_add(m, strcmp(s->category, cfg->categories[c].key) == 0, _("Category: %s"),
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
	list_restart(&s->list);
}

static void choose_filter(initiatives *s)
{
	filter_menu *m = malloc(sizeof *m);
	if (!m)
		return;
	filter_build(s, m);
	int choice = ui_choose(s->app, _(" Filter "), m->items, m->n, 0, -1, -1, false);
	free(m);
	if (choice >= 0)
		filter_apply(s, choice);
}

/* ---- sign up and cancel ---- */

static const csr_initiative *selected(initiatives *s)
{
	const csr_initiative *in = list_current(&s->list);
	if (!in)
		tui_message(s->app, "%s", _("No initiative is selected"));
	return in;
}

static void sign_up(initiatives *s)
{
	const csr_initiative *in = selected(s);
	if (!in || !own_record_exists(s->app) || !signup_ask_cutoff(s->app, in, NULL, 1))
		return;
	csr_signup_result r;
	csr_err err;
	if (csr_signup_add(s->app->db, in->id, s->app->actor.volunteer_id, &r, &err) != CSR_OK)
		tui_error(s->app, &err);
	else if (r.status == CSR_SIGNUP_WAITLISTED)
		tui_state_message(s->app, _("Waitlisted, position %d, for '%s'"),
				  r.waitlist_position, in->title);
	else
		tui_message(s->app, _("Confirmed: you have a place on '%s'"), in->title);
	list_reload(&s->list);
}

static void cancel_place(initiatives *s)
{
	const csr_initiative *in = selected(s);
	if (!in || !own_record_exists(s->app))
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
		/* TRANSLATORS: the initiative's title, then the person who gets
		 * the place */
		tui_message(s->app, _("Cancelled your place on '%s'; %s moves up from the waitlist"),
			    title, promoted.name);
	else
		tui_message(s->app, _("Cancelled your place on '%s'"), title);
	list_reload(&s->list);
}

/* ---- actions ---- */

/* A dialog on the selected initiative; the list is read again when it
 * changed something. */
static void run_on_selected(initiatives *s, bool (*dialog)(tui_app *, int64_t))
{
	const csr_initiative *in = selected(s);
	if (in && dialog(s->app, in->id))
		list_reload(&s->list);
}

/* New (id 0) or edit; the initiative saved is shown selected. */
static void form(initiatives *s, bool edit)
{
	const csr_initiative *in = edit ? selected(s) : NULL;
	int64_t id = in ? in->id : 0;
	if ((!edit || in) && initiative_form_run(s->app, &id))
		list_goto(&s->list, id);
}

static bool handle(void *ctx, tui_action act)
{
	initiatives *s = ctx;
	int64_t id = s->have_sel ? s->sel.id : 0;
	switch (act) {
	case ACT_FILTER: choose_filter(s); return true;
	case ACT_SORT: next_order(s); return true;
	case ACT_SIGNUP: sign_up(s); return true;
	case ACT_CANCEL: cancel_place(s); return true;
	case ACT_NEW: form(s, false); return true;
	case ACT_EDIT: form(s, true); return true;
	case ACT_ATTENDANCE: run_on_selected(s, attendance_run); return true;
	case ACT_SIGNUP_PEOPLE: run_on_selected(s, signup_people_run); return true;
	case ACT_SET_STATUS: run_on_selected(s, status_menu_run); return true;
	case ACT_RECORD_IMPACT: run_on_selected(s, impact_form_run); return true;
	case ACT_IMPACT_RECORDS: run_on_selected(s, impact_records_run); return true;
	case ACT_LOG_HOURS: hours_form_run(s->app, id); return true;
	case ACT_RATE: rating_form_run(s->app, id); return true;
	default: return false;
	}
}

/* ---- the panel ---- */

static const char *counted(int64_t n)
{
	return csr_plural(n, "%s initiative", "%s initiatives");
}

static const list_spec spec = {
	LIST_ROWS(source, columns, cells, count),
	.counted = counted,
	.summary = summary,
	.empty_of = empty_of,
	.selected = on_select,
	.details = details,
	.act = handle,
	.searchable = true,
};

static void *open_panel(tui_app *app)
{
	fit_to_language();
	initiatives *s = list_panel_open(app, sizeof *s, &spec);
	if (!s)
		return NULL;
	s->app = app;
	s->when = CSR_WHEN_UPCOMING; /* what people come for */
	s->status = -1;
	return s;
}

const panel_ops initiatives_panel = LIST_PANEL_OPS(N_("Initiatives"), open_panel);
