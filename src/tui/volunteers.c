/* SPDX-License-Identifier: MIT */
/* The Volunteers panel: the people, their places and their hours. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csrdesk/clock.h"
#include "csrdesk/format.h"
#include "csrdesk/hours.h"
#include "csrdesk/i18n.h"
#include "csrdesk/signup.h"
#include "csrdesk/volunteer.h"
#include "dialog.h"
#include "facts.h"
#include "list.h"
#include "panel.h"
#include "picker.h"
#include "ui.h"

enum { SHOWN_MAX = 30, LABEL_WIDTH = 11, STATUS_WIDTH = 10, COLUMNS = 5 };

enum { COL_NAME, COL_ID, COL_TEAM, COL_HOURS, COL_SIGNUPS };

/* The titles in English (N_()); the layout widens a column for a longer
 * title in the language shown (ui_columns_layout). */
static const ui_column columns[COLUMNS] = {
	[COL_NAME] = { N_("Name"), 12, 40, 20, 3, 0, false, 0, 0 },
	/* TRANSLATORS: a column header: the employee ID */
	[COL_ID] = { N_("Employee"), 8, 10, 0, 0, 2, false, 0, 0 },
	[COL_TEAM] = { N_("Team"), 8, 24, 0, 1, 3, false, 0, 0 },
	/* TRANSLATORS: a column header: the approved hours this year */
	[COL_HOURS] = { N_("Hours"), 6, 7, 0, 0, 1, true, 0, 0 },
	/* TRANSLATORS: a column header: the person's places (confirmed,
	 * waitlisted or attended) */
	[COL_SIGNUPS] = { N_("Sign-ups"), 8, 8, 0, 0, 4, true, 0, 0 },
};

typedef struct volunteers {
	ui_list list; /* first: the list panel operations work on it */
	tui_app *app;
	bool include_inactive;
	/* the selected volunteer's places and hours */
	bool have_sel;
	csr_volunteer_row sel;
	csr_signup upcoming[SHOWN_MAX], history[SHOWN_MAX];
	int nupcoming, nhistory;
	csr_hours hours[SHOWN_MAX];
	int nhours;
} volunteers;

/* ---- the list's source ---- */

static csr_volunteer_query query_of(const volunteers *s)
{
	return (csr_volunteer_query){ .search = s->list.search[0] ? s->list.search : NULL,
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

/* The row's key as it is now, so a renamed person is found again; the
 * figures come with the page read around it. */
static csr_code get(void *ctx, int64_t id, void *row, csr_err *err)
{
	volunteers *s = ctx;
	csr_volunteer_row *r = row;
	*r = (csr_volunteer_row){ 0 };
	return csr_volunteer_get(s->app->db, id, &r->v, err);
}

static const pager_source source = PAGER_SOURCE(csr_volunteer_row, v.id, fetch, get);

/* ---- loading ---- */

/* The upcoming places soonest first, the history newest first (as the
 * person's own record lists them). */
static csr_code load_places(volunteers *s, int64_t id, csr_err *err)
{
	csr_code rc = csr_signup_page_volunteer(s->app->db, id, CSR_SPAN_UPCOMING, NULL, false,
						s->upcoming, SHOWN_MAX, &s->nupcoming, err);
	return rc != CSR_OK ? rc
			    : csr_signup_page_volunteer(s->app->db, id, CSR_SPAN_PAST, NULL, false,
							s->history, SHOWN_MAX, &s->nhistory, err);
}

static void on_select(void *ctx, const void *row)
{
	volunteers *s = ctx;
	const csr_volunteer_row *r = row;
	s->nupcoming = s->nhistory = s->nhours = 0;
	s->have_sel = r != NULL;
	if (!r)
		return;
	s->sel = *r;
	csr_err err;
	if (load_places(s, r->v.id, &err) != CSR_OK ||
	    csr_hours_list(s->app->db, r->v.id, 0, s->hours, SHOWN_MAX, &s->nhours, &err) != CSR_OK)
		tui_error(s->app, &err);
}

static csr_code count(void *ctx, int64_t *out, csr_err *err)
{
	volunteers *s = ctx;
	csr_volunteer_query q = query_of(s);
	return csr_volunteer_count(s->app->db, &q, out, err);
}

/* ---- the rows ---- */

/* What the list shows, as the summary line and the filter name it. */
static const char *const shown_names[] = {
	/* TRANSLATORS: which volunteers the list shows (summary line and
	 * filter): those who have not left */
	N_("Active volunteers"),
	/* TRANSLATORS: which volunteers the list shows (summary line and
	 * filter): also those marked as having left */
	N_("Everyone, also those who left"),
};

static void summary(void *ctx, char *out, size_t size)
{
	volunteers *s = ctx;
	snprintf(out, size, "%s", _(shown_names[s->include_inactive ? 1 : 0]));
}

static void cells(void *ctx, const void *row, list_cells *c)
{
	(void)ctx;
	const csr_volunteer_row *r = row;
	c->row = r->v.active ? UI_NORMAL : UI_DIM;
	list_cell(c, COL_NAME, "%s", r->v.name);
	list_cell(c, COL_ID, "%s", r->v.employee_id);
	list_cell(c, COL_TEAM, "%s", r->v.team);
	csr_fmt_hours(r->minutes_this_year, c->text[COL_HOURS], sizeof c->text[COL_HOURS]);
	list_cell(c, COL_SIGNUPS, "%d", r->signups);
}

/* ---- drawing the details ---- */

/* The status column of the details: as wide as the widest status in the
 * language shown (10 in English), at most a third of the view. */
static int status_width(const ui_view *v)
{
	int w = signup_status_width(false), hw = hours_status_width(false);
	w = hw > w ? hw : w;
	w = w > STATUS_WIDTH ? w : STATUS_WIDTH;
	int third = v->width / 3 > STATUS_WIDTH ? v->width / 3 : STATUS_WIDTH;
	return w < third ? w : third;
}

/* One entry of the details: date, hours (hours entries only), what, and
 * its status in its color. */
static void entry_line(ui_view *v, int64_t when, const char *hours, const char *what,
		       const char *status, attr_t status_attr)
{
	int row = view_next(v);
	if (row < 0)
		return;
	char date[CSR_TIME_TEXT_MAX];
	csr_date_format(when, date, sizeof date);
	int status_w = status_width(v), date_w = 11, hours_w = hours ? 6 : 0;
	ui_blank(v->w, row, v->x, v->width, A_NORMAL);
	ui_text(v->w, row, v->x + 2, date_w, date, ui_attr(UI_DIM), false);
	if (hours)
		ui_text_right(v->w, row, v->x + 2 + date_w, hours_w - 1, hours, A_NORMAL);
	ui_text(v->w, row, v->x + 2 + date_w + hours_w, v->width - 4 - date_w - hours_w - status_w,
		what, A_NORMAL, false);
	ui_text(v->w, row, v->x + v->width - status_w, status_w, status, status_attr, false);
}

static void place_line(ui_view *v, const csr_signup *p)
{
	entry_line(v, p->starts_at, NULL, p->title, csr_signup_status_label(p->status),
		   facts_signup_attr(p->status));
}

static void hours_line(ui_view *v, const csr_hours *h)
{
	char hours[CSR_FMT_NUMBER_MAX];
	csr_fmt_hours(h->minutes, hours, sizeof hours);
	entry_line(v, h->worked_on, hours, h->title[0] ? h->title : h->note,
		   csr_hours_status_label(h->status), facts_hours_attr(h->status));
}

typedef enum section_kind { SEC_UPCOMING, SEC_HISTORY, SEC_HOURS, SECTIONS } section_kind;

/* Each section's heading with how many entries it shows, and when it shows
 * only the first SHOWN_MAX of them. */
static const char *const section_heads[SECTIONS][2] = {
	/* TRANSLATORS: a heading in a volunteer's details: the upcoming
	 * places and how many; with "latest", only the first %d (soonest) */
	[SEC_UPCOMING] = { N_("Upcoming (%d)"), N_("Upcoming (latest %d)") },
	/* TRANSLATORS: a heading in a volunteer's details: the past places
	 * and how many; with "latest", only the %d most recent */
	[SEC_HISTORY] = { N_("History (%d)"), N_("History (latest %d)") },
	/* TRANSLATORS: a heading in a volunteer's details: the hours logged
	 * and how many entries; with "latest", only the %d most recent */
	[SEC_HOURS] = { N_("Hours (%d)"), N_("Hours (latest %d)") },
};

static void section(ui_view *v, section_kind kind, int n)
{
	char head[96];
	snprintf(head, sizeof head, _(section_heads[kind][n == SHOWN_MAX]), n);
	view_blank(v);
	view_line(v, head, ui_attr(UI_TITLE));
	if (n == 0)
		/* TRANSLATORS: an empty section of a volunteer's details */
		view_line(v, _("  none"), ui_attr(UI_DIM));
}

/* The person's state: active or left, and whether the PIN is locked. */
static const char *state_text(const csr_volunteer *p)
{
	if (p->active)
		/* TRANSLATORS: a volunteer's state in the details */
		return p->locked ? _("active, PIN locked") : _("active");
	/* TRANSLATORS: a volunteer's state in the details: marked as having
	 * left the programme */
	return p->locked ? _("left (inactive), PIN locked") : _("left (inactive)");
}

/* The labels' width: LABEL_WIDTH, or the widest label in the language
 * shown and a gap, at most a third of the view. */
static int label_width(const ui_view *v, const char *const *labels, int n)
{
	int w = LABEL_WIDTH;
	for (int i = 0; i < n; i++) {
		int lw = ui_width(labels[i]) + 1;
		w = lw > w ? lw : w;
	}
	int third = v->width / 3 > LABEL_WIDTH ? v->width / 3 : LABEL_WIDTH;
	return w < third ? w : third;
}

static void fields(const volunteers *s, ui_view *v)
{
	const csr_volunteer *p = &s->sel.v;
	enum { F_ID, F_TEAM, F_SITE, F_EMAIL, F_SKILLS, F_STATUS, F_YEAR, F_COUNT };
	const char *labels[F_COUNT] = {
		/* TRANSLATORS: a label in a volunteer's details: the employee ID */
		[F_ID] = _("Employee"),
		[F_TEAM] = _("Team"),
		[F_SITE] = _("Site"),
		[F_EMAIL] = _("Email"),
		[F_SKILLS] = _("Skills"),
		[F_STATUS] = _("Status"),
		/* TRANSLATORS: a label in a volunteer's details, before "12.5
		 * hours approved" */
		[F_YEAR] = C_("volunteer", "This year"),
	};
	int lw = label_width(v, labels, F_COUNT);
	char hours[24], year[96];
	view_field(v, labels[F_ID], lw, p->employee_id, A_NORMAL);
	view_field(v, labels[F_TEAM], lw, p->team[0] ? p->team : "-", A_NORMAL);
	view_field(v, labels[F_SITE], lw, p->site[0] ? p->site : "-", A_NORMAL);
	view_field(v, labels[F_EMAIL], lw, p->email[0] ? p->email : "-", A_NORMAL);
	view_field(v, labels[F_SKILLS], lw, p->skills[0] ? p->skills : "-", A_NORMAL);
	view_field(v, labels[F_STATUS], lw, state_text(p), ui_attr(p->locked ? UI_WARN : UI_NORMAL));
	csr_fmt_hours(s->sel.minutes_this_year, hours, sizeof hours);
	snprintf(year, sizeof year,
		 csr_plural(csr_fmt_hours_plural(s->sel.minutes_this_year), "%s hour approved",
			    "%s hours approved"), hours);
	view_field(v, labels[F_YEAR], lw, year, A_NORMAL);
}

static void details(void *ctx, const void *row, ui_view *v)
{
	(void)row;
	volunteers *s = ctx;
	view_para(v, s->sel.v.name, ui_attr(UI_TITLE), 0);
	fields(s, v);
	section(v, SEC_UPCOMING, s->nupcoming);
	for (int i = 0; i < s->nupcoming; i++)
		place_line(v, &s->upcoming[i]);
	section(v, SEC_HISTORY, s->nhistory);
	for (int i = 0; i < s->nhistory; i++)
		place_line(v, &s->history[i]);
	section(v, SEC_HOURS, s->nhours);
	for (int i = 0; i < s->nhours; i++)
		hours_line(v, &s->hours[i]);
}

/* ---- actions ---- */

static void choose_filter(volunteers *s)
{
	const char *items[] = { _(shown_names[0]), _(shown_names[1]) };
	/* TRANSLATORS: the title of the Volunteers panel's filter: which
	 * people the list shows */
	int choice = ui_choose(s->app, _(" Show "), items, 2, s->include_inactive, -1, -1, false);
	if (choice >= 0) {
		s->include_inactive = choice == 1;
		list_restart(&s->list);
	}
}

/* New, edit, left / active again, reset PIN, activation code (leads):
 * then the person is shown selected. */
static void lead_tool(volunteers *s, tui_action act)
{
	int64_t id = s->have_sel ? s->sel.v.id : 0;
	if (volunteer_tool_run(s->app, act, &id))
		list_goto(&s->list, id);
}

static bool handle(void *ctx, tui_action act)
{
	volunteers *s = ctx;
	switch (act) {
	case ACT_FILTER: choose_filter(s); return true;
	case ACT_NEW: case ACT_EDIT: case ACT_DEACTIVATE: case ACT_RESET_PIN:
	case ACT_ACTIVATION_CODE:
		lead_tool(s, act);
		return true;
	default: return false;
	}
}

/* ---- the panel ---- */

static const char *counted(int64_t n)
{
	/* TRANSLATORS: how many volunteers the list holds; %s is the number */
	return csr_plural(n, "%s person", "%s people");
}

static const list_spec spec = {
	LIST_ROWS(source, columns, cells, count),
	.counted = counted,
	.summary = summary,
	/* TRANSLATORS: "csrdesk import volunteers" is a command, typed as it
	 * stands */
	.empty = N_("No volunteers yet: import them with csrdesk import volunteers"),
	.no_match = N_("Nobody matches: / changes the search."),
	.selected = on_select,
	.details = details,
	.act = handle,
	.searchable = true,
};

static void *open_panel(tui_app *app)
{
	volunteers *s = list_panel_open(app, sizeof *s, &spec);
	if (s)
		s->app = app;
	return s;
}

const panel_ops volunteers_panel = LIST_PANEL_OPS(N_("Volunteers"), open_panel);
