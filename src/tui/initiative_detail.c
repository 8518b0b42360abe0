/* SPDX-License-Identifier: MIT */
/* The detail pane of the selected initiative. */
#include "initiatives.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csrdesk/clock.h"
#include "csrdesk/format.h"
#include "facts.h"
#include "view.h"

enum { LABEL_WIDTH = 11 };

static void category_line(initiatives *s, ui_view *v)
{
	const csr_category *cat = csr_config_category(tui_config(s->app), s->sel.category);
	char text[CSR_TITLE_MAX + CSR_KEY_MAX + 48];
	if (cat)
		view_field(v, "Category", LABEL_WIDTH, cat->title, ui_color_attr(cat->color));
	else {
		snprintf(text, sizeof text, "!%s (not defined in the config)", s->sel.category);
		view_field(v, "Category", LABEL_WIDTH, text, ui_attr(UI_MARK));
	}
}

static void places_line(initiatives *s, ui_view *v)
{
	char text[160];
	initiative_places_text(&s->sel, text, sizeof text);
	view_field(v, "Places", LABEL_WIDTH, text, A_NORMAL);
}

/* The user's own place: confirmed, waitlist position, or none. */
static void my_line(initiatives *s, ui_view *v)
{
	char text[96];
	ui_role role = UI_NORMAL;
	if (s->app->actor.volunteer_id == 0)
		snprintf(text, sizeof text, "no volunteer record");
	else if (!s->have_mine)
		snprintf(text, sizeof text, "no place (s signs you up)");
	else if (s->mine.status == CSR_SIGNUP_WAITLISTED) {
		snprintf(text, sizeof text, "waitlisted, position %d", s->mine_position);
		role = UI_WARN;
	} else {
		snprintf(text, sizeof text, "%s", csr_signup_status_name(s->mine.status));
		role = UI_GOOD;
	}
	view_field(v, "You", LABEL_WIDTH, text, ui_attr(role));
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
	else
		snprintf(out, size, "%s of !%s (not in the config)", amount, key);
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
		snprintf(amount, sizeof amount, "%s of %s", got, target);
		metric_text(s, g->metric, amount, text, sizeof text);
		view_field(v, i == 0 ? "Goals" : "", LABEL_WIDTH, text,
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
		view_field(v, first ? "Impact" : "", LABEL_WIDTH, text, A_NORMAL);
		first = false;
	}
}

/* One person: name, employee ID (leads only: at a kiosk without PINs an
 * ID is all it takes to act as someone), status, in columns. */
static void place_line(initiatives *s, ui_view *v, int i)
{
	const csr_signup *p = &s->places[i];
	bool own = s->have_mine && p->id == s->mine.id;
	int row = view_next(v);
	if (row < 0)
		return;
	bool lead = s->app->actor.role >= CSR_ROLE_LEAD;
	int status_w = 10, id_w = lead && v->width >= 40 ? 8 : 0;
	int name_w = v->width - 2 - status_w - (id_w ? id_w + 1 : 0) - 1;
	WINDOW *w = v->w;
	ui_blank(w, row, v->x, v->width, own ? A_BOLD : A_NORMAL);
	ui_text(w, row, v->x + 2, name_w, p->name, own ? A_BOLD : A_NORMAL, false);
	if (id_w)
		ui_text(w, row, v->x + 2 + name_w + 1, id_w, p->employee_id, ui_attr(UI_DIM), false);
	ui_text(w, row, v->x + v->width - status_w, status_w, csr_signup_status_name(p->status),
		facts_signup_attr(p->status), false);
}

static void people(initiatives *s, ui_view *v)
{
	char head[96];
	char total[CSR_FMT_NUMBER_MAX], more[CSR_FMT_NUMBER_MAX];
	csr_fmt_count(s->places_total, total, sizeof total);
	snprintf(head, sizeof head, "Signed up (%s)", total);
	view_line(v, head, ui_attr(UI_TITLE));
	if (s->nplaces == 0)
		view_line(v, "  nobody yet", ui_attr(UI_DIM));
	for (int i = 0; i < s->nplaces; i++)
		place_line(s, v, i);
	if (s->places_total > s->nplaces) {
		csr_fmt_count(s->places_total - s->nplaces, more, sizeof more);
		snprintf(head, sizeof head, "  and %s more%s", more,
			 tui_is_lead(s->app) ? " (a lists them all)" : "");
		view_line(v, head, ui_attr(UI_DIM));
	}
}

static void write_detail(initiatives *s, ui_view *v)
{
	char when[96];
	view_para(v, s->sel.title, ui_attr(UI_TITLE), 0);
	category_line(s, v);
	view_field(v, "Status", LABEL_WIDTH, csr_initiative_status_name(s->sel.status), A_NORMAL);
	initiative_when_text(&s->sel, when, sizeof when);
	view_field(v, "When", LABEL_WIDTH, when, A_NORMAL);
	view_field(v, "Location", LABEL_WIDTH, s->sel.location[0] ? s->sel.location : "-",
		   A_NORMAL);
	view_field(v, "Partner", LABEL_WIDTH,
		   s->sel.partner_name[0] ? s->sel.partner_name : "-", A_NORMAL);
	places_line(s, v);
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

void initiative_detail_write(initiatives *s, ui_view *v)
{
	if (s->have_sel)
		write_detail(s, v);
	else
		view_line(v, "No initiative selected", ui_attr(UI_DIM));
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

void initiative_detail_load(initiatives *s, int64_t id)
{
	csr_err err;
	s->nplaces = s->ntotals = 0;
	s->places_total = 0;
	s->have_mine = false;
	s->have_sel = id && csr_initiative_get(s->app->db, id, &s->sel, &err) == CSR_OK;
	if (!id)
		return;
	if (!s->have_sel ||
	    csr_signup_count_initiative(s->app->db, id, NULL, &s->places_total, &err) != CSR_OK ||
	    load_mine(s, &err) != CSR_OK ||
	    csr_signup_page_initiative(s->app->db, id, NULL, NULL, false, s->places, INI_PREVIEW,
				       &s->nplaces, &err) != CSR_OK ||
	    csr_impact_totals(s->app->db, id, s->totals, INI_TOTALS_MAX, &s->ntotals, &err) !=
		    CSR_OK)
		tui_error(s->app, &err);
}
