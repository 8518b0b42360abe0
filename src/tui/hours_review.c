/* SPDX-License-Identifier: MIT */
/* Hours for approval (leads): the pending hours of everyone with the
 * agent's note, approved or rejected (with a reason the agent sees) one by
 * one; all hours, to put a decision back to pending; and hours logged for
 * anyone (approved at once, as a lead entered them). */
#include <stddef.h>
#include <stdio.h>

#include "csrdesk/clock.h"
#include "csrdesk/format.h"
#include "csrdesk/hours.h"
#include "csrdesk/i18n.h"
#include "csrdesk/volunteer.h"
#include "dialog.h"
#include "list.h"
#include "picker.h"
#include "widget.h"

enum {
	WIDTH_MAX = 96,
	TEXT_SMALL = 32,
	COL_DATE = 0, COL_NAME, COL_HOURS, COL_STATUS, COL_WHAT, COL_NOTE, COLUMNS,
};

static const ui_column columns[COLUMNS] = {
	[COL_DATE] = { N_("Date"), 10, 10, 0, 0, 2, false, 0, 0 },
	[COL_NAME] = { N_("Name"), 10, 40, 16, 1, 0, false, 0, 0 },
	[COL_HOURS] = { N_("Hours"), 6, 7, 0, 0, 0, true, 0, 0 },
	[COL_STATUS] = { N_("Status"), 8, 8, 0, 0, 3, false, 0, 0 },
	/* TRANSLATORS: a column header over the initiative the hours were given for */
	[COL_WHAT] = { N_("For"), 8, 40, 0, 1, 1, false, 0, 0 },
	[COL_NOTE] = { N_("Note"), 8, 60, 12, 2, 1, false, 0, 0 },
};

typedef struct hours_review {
	ui_list list;
	tui_app *app;
	csr_hours_query query; /* pending only, or all hours (to revert a decision) */
} hours_review;

/* ---- the list ---- */

static csr_code fetch(void *ctx, const void *from, bool backward, void *rows, int max, int *n,
		      csr_err *err)
{
	hours_review *r = ctx;
	return csr_hours_page(r->app->db, &r->query, from, backward, rows, max, n, err);
}

static const pager_source source = PAGER_SOURCE(csr_hours, id, fetch, NULL);

static csr_code count(void *ctx, int64_t *out, csr_err *err)
{
	hours_review *r = ctx;
	return csr_hours_count(r->app->db, &r->query, out, err);
}

static void cells(void *ctx, const void *row, list_cells *c)
{
	(void)ctx;
	const csr_hours *h = row;
	csr_date_format(h->worked_on, c->text[COL_DATE], sizeof c->text[COL_DATE]);
	c->attr[COL_DATE] = ui_attr(UI_DIM);
	list_cell(c, COL_NAME, "%s", h->name);
	csr_fmt_hours(h->minutes, c->text[COL_HOURS], sizeof c->text[COL_HOURS]);
	list_cell(c, COL_STATUS, "%s", csr_hours_status_label(h->status));
	list_cell(c, COL_WHAT, "%s", h->title);
	/* A rejection's reason is what the agent was told; else their note. */
	list_cell(c, COL_NOTE, "%s", h->reason[0] ? h->reason : h->note);
	if (h->status == CSR_HOURS_REJECTED)
		c->row = UI_DIM;
}

static void summary(void *ctx, char *out, size_t size)
{
	hours_review *r = ctx;
	snprintf(out, size, "%s", r->query.pending_only ? _("Waiting for approval")
							: _("All hours, newest first"));
}

static const char *empty_of(void *ctx, bool searching)
{
	(void)searching;
	hours_review *r = ctx;
	return r->query.pending_only ? _("No hours are waiting for approval.")
				     : _("No hours logged yet.");
}

/* TRANSLATORS: the count of hours entries in the list's title */
static const char *counted(int64_t n)
{
	return csr_plural(n, "%s entry", "%s entries");
}

static const list_spec spec = {
	LIST_ROWS(source, columns, cells, count),
	.counted = counted,
	.summary = summary,
	.empty_of = empty_of,
};

/* "2.5 hours" and the day, for messages. */
static void describe(const csr_hours *h, char *hours, size_t hsize, char *day, size_t dsize)
{
	csr_fmt_hours(h->minutes, hours, hsize);
	csr_date_format(h->worked_on, day, dsize);
}

/* Says what was done: message is the whole message for the hours of h
 * (csr_plural of csr_fmt_hours_plural: "%s: %s hours on %s approved":
 * name, hours, day). */
static void done(hours_review *r, const csr_hours *h, const char *message)
{
	char hours[TEXT_SMALL], day[CSR_TIME_TEXT_MAX];
	describe(h, hours, sizeof hours, day, sizeof day);
	r->list.changed = true;
	list_reload(&r->list);
	list_message(&r->list, false, message, h->name, hours, day);
}

static void approve(hours_review *r)
{
	const csr_hours *sel = list_current(&r->list);
	if (!sel)
		return;
	const csr_hours h = *sel;
	csr_err err;
	if (csr_hours_decide(r->app->db, h.id, true, &err) != CSR_OK)
		list_error(&r->list, &err);
	else
		/* TRANSLATORS: name, hours, day */
		done(r, &h, csr_plural(csr_fmt_hours_plural(h.minutes), "%s: %s hour on %s approved",
				       "%s: %s hours on %s approved"));
}

/* Asks why: the agent sees the reason in My record. */
static void reject(hours_review *r)
{
	const csr_hours *sel = list_current(&r->list);
	if (!sel)
		return;
	const csr_hours h = *sel;
	char reason[CSR_HOURS_NOTE_MAX] = "";
	if (h.status != CSR_HOURS_PENDING) { /* say so before asking why */
		list_message(&r->list, true, h.status == CSR_HOURS_APPROVED
			     ? _("These hours were already approved: u puts them back to pending"
				 " first")
			     : _("These hours were already rejected: u puts them back to pending"
				 " first"));
		return;
	}
	if (!ui_prompt(r->app, _("Reject: why? (the volunteer sees this) "), reason, sizeof reason,
		       NULL, NULL))
		return;
	csr_err err;
	if (csr_hours_reject(r->app->db, h.id, reason, &err) != CSR_OK)
		list_error(&r->list, &err);
	else
		/* TRANSLATORS: name, hours, day */
		done(r, &h, csr_plural(csr_fmt_hours_plural(h.minutes), "%s: %s hour on %s rejected",
				       "%s: %s hours on %s rejected"));
}

static void revert(hours_review *r)
{
	const csr_hours *sel = list_current(&r->list);
	if (!sel)
		return;
	const csr_hours h = *sel;
	char hours[TEXT_SMALL], day[CSR_TIME_TEXT_MAX], question[CSR_NAME_MAX + 128];
	describe(&h, hours, sizeof hours, day, sizeof day);
	snprintf(question, sizeof question,
		 csr_plural(csr_fmt_hours_plural(h.minutes), "Put %s's %s hour on %s back to pending?",
			    "Put %s's %s hours on %s back to pending?"),
		 h.name, hours, day);
	if (h.status != CSR_HOURS_PENDING && !ui_confirm(r->app, question))
		return;
	csr_err err;
	if (csr_hours_revert(r->app->db, h.id, &err) != CSR_OK)
		list_error(&r->list, &err);
	else
		/* TRANSLATORS: name, hours, day */
		done(r, &h, csr_plural(csr_fmt_hours_plural(h.minutes),
				       "%s: %s hour on %s back to pending",
				       "%s: %s hours on %s back to pending"));
}

/* Pending only, or all hours. */
static void toggle_all(hours_review *r)
{
	r->query.pending_only = !r->query.pending_only;
	list_restart(&r->list);
}

static void log_hours(hours_review *r)
{
	if (hours_form_for_anyone(r->app)) {
		r->list.changed = true;
		list_reload(&r->list);
	}
}

/* ---- the dialog ---- */

static bool on_key(void *ctx, int key)
{
	switch (key) {
	case 'a': approve(ctx); return true;
	case 'r': reject(ctx); return true;
	case 'u': revert(ctx); return true;
	case 'd': toggle_all(ctx); return true;
	case 'l': log_hours(ctx); return true;
	default: return false;
	}
}

bool hours_review_run(tui_app *app)
{
	const list_popup_look look = {
		.title = _("Hours for approval"), .width_max = WIDTH_MAX,
		.keys = _("a approve  r reject  u back to pending  d all/pending  l log hours  Esc"
			  " close"),
		/* TRANSLATORS: the keys on a narrow screen: keep it short */
		.keys_short = _("a approve r reject u undo d all l log Esc"),
		.other_key = _("a approves, r rejects, u puts back to pending, d shows all or"
			       " pending hours, l logs hours")
	};
	hours_review r = { .app = app, .query = { .pending_only = true } };
	list_spec shown;
	ui_column cols[LIST_COLUMNS_MAX];
	list_spec_copy(&spec, &shown, cols);
	ui_column_fit(&cols[COL_STATUS], hours_status_width(false), hours_status_width(true));
	/* The name gives the state the room its words need beyond the English
	 * ones, so the state still shows on 80 columns (nothing changes in
	 * English). */
	int more = cols[COL_STATUS].min - columns[COL_STATUS].min;
	cols[COL_NAME].want -= more < cols[COL_NAME].want - cols[COL_NAME].min
				       ? more
				       : cols[COL_NAME].want - cols[COL_NAME].min;
	list_init(&r.list, app, &shown, &r);
	return list_popup_run(&r.list, &look, on_key);
}
