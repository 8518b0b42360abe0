/* SPDX-License-Identifier: MIT */
/* Attendance (leads): the places on an initiative, paging through every
 * one however many there are; the lead marks each person attended (with
 * the hours, when attendance records them) or a no-show, the waitlisted
 * too, adds walk-ins, and cancels or moves a person's place. The keys are
 * actions of the table (action.c), which also writes the hint line. */
#include <stddef.h>
#include <stdio.h>

#include "csrdesk/format.h"
#include "csrdesk/i18n.h"
#include "csrdesk/initiative.h"
#include "csrdesk/signup.h"
#include "dialog.h"
#include "facts.h"
#include "list.h"
#include "picker.h"
#include "widget.h"

enum { WIDTH_MAX = 72, HINTS_MAX = 256, COL_NAME = 0, COL_ID, COL_STATUS, COLUMNS };

static const ui_column columns[COLUMNS] = {
	[COL_NAME] = { N_("Name"), 12, 60, 16, 3, 0, false, 0, 0 },
	/* TRANSLATORS: a column header: the employee ID */
	[COL_ID] = { N_("Employee"), 8, 10, 0, 0, 2, false, 0, 0 },
	[COL_STATUS] = { N_("Status"), 10, 11, 0, 0, 1, false, 0, 0 },
};

typedef struct attendance {
	ui_list list;
	tui_app *app;
	csr_initiative in;
} attendance;

static csr_code fetch(void *ctx, const void *from, bool backward, void *rows, int max, int *n,
		      csr_err *err)
{
	attendance *a = ctx;
	return csr_signup_page_initiative(a->app->db, a->in.id, a->list.search, from, backward, rows,
					  max, n, err);
}

static const pager_source source = PAGER_SOURCE(csr_signup, id, fetch, NULL);

static csr_code count(void *ctx, int64_t *out, csr_err *err)
{
	attendance *a = ctx;
	return csr_signup_count_initiative(a->app->db, a->in.id, a->list.search, out, err);
}

static void cells(void *ctx, const void *row, list_cells *c)
{
	(void)ctx;
	const csr_signup *p = row;
	list_cell(c, COL_NAME, "%s", p->name);
	list_cell(c, COL_ID, "%s", p->employee_id);
	list_cell(c, COL_STATUS, "%s", csr_signup_status_label(p->status));
	c->attr[COL_STATUS] = facts_signup_attr(p->status);
}

static const list_spec spec = {
	LIST_ROWS(source, columns, cells, count),
	.empty = N_("Nobody has a place on it: w adds a walk-in."),
	.no_match = N_("Nobody with a place matches: / changes the search."),
	.searchable = true,
};

/* After a change: read again, the message in the pop-up. */
static void changed(attendance *a)
{
	a->list.changed = true;
	list_reload(&a->list);
}

/* The minutes attendance records for name: asked, with the initiative's
 * duration filled in, when attendance records hours (0, the duration,
 * when it does not). False when the lead went back or typed no hours. */
static bool ask_minutes(attendance *a, const char *name, int *minutes)
{
	*minutes = 0;
	if (!tui_config(a->app)->attendance.record_hours)
		return true;
	char label[CSR_NAME_MAX + 64], hours[CSR_FMT_NUMBER_MAX];
	char two[CSR_FMT_NUMBER_MAX], one_half[CSR_FMT_NUMBER_MAX];
	csr_fmt_hours(csr_signup_default_minutes(a->in.starts_at, a->in.ends_at), hours,
		      sizeof hours);
	/* TRANSLATORS: a prompt; %s is the person's name */
	snprintf(label, sizeof label, _("Hours %s gave:"), name);
	if (!ui_prompt(a->app, label, hours, sizeof hours, NULL, NULL))
		return false;
	if (csr_fmt_parse_hours(hours, minutes))
		return true;
	csr_fmt_number(2, two, sizeof two);
	csr_fmt_number(1.5, one_half, sizeof one_half);
	/* TRANSLATORS: %s and %s are 2 and 1.5 as numbers are written here */
	list_message(&a->list, true, _("Hours are from 0:01 to 24, such as %s, %s or 2:30"), two,
		     one_half);
	return false;
}

static void mark(attendance *a, const csr_signup *place, bool attended)
{
	int minutes = 0;
	csr_err err;
	if (attended && !ask_minutes(a, place->name, &minutes))
		return;
	if (csr_signup_mark_minutes(a->app->db, a->in.id, place->volunteer_id, attended, minutes,
				    &err) != CSR_OK) {
		list_error(&a->list, &err);
		return;
	}
	changed(a);
	list_panel_handle(&a->list, ACT_DOWN); /* on to the next person */
	if (attended)
		list_message(&a->list, false, _("%s: attended"), place->name);
	else
		list_message(&a->list, false, _("%s: no-show"), place->name);
}

static void walk_in(attendance *a)
{
	csr_volunteer v;
	int minutes = 0;
	csr_err err;
	if (!pick_volunteer(a->app, _("Who came without a place?"), &v) ||
	    !ask_minutes(a, v.name, &minutes))
		return;
	if (csr_signup_walk_in(a->app->db, a->in.id, v.id, minutes, &err) != CSR_OK) {
		list_error(&a->list, &err);
		return;
	}
	changed(a);
	list_message(&a->list, false, _("%s came as a walk-in: attended"), v.name);
}

/* Why a lead acts for someone; "" for no reason. False on Esc. */
static bool ask_reason(attendance *a, const char *label, char *reason, size_t size)
{
	reason[0] = '\0';
	return ui_prompt(a->app, label, reason, size, NULL, NULL);
}

static void cancel_place(attendance *a, const csr_signup *place)
{
	char label[CSR_NAME_MAX + 64], reason[CSR_SIGNUP_REASON_MAX];
	csr_signup_result res;
	csr_err err;
	/* TRANSLATORS: a prompt for the reason; %s is the person's name */
	snprintf(label, sizeof label, _("Cancel %s's place; reason:"), place->name);
	if (!ask_reason(a, label, reason, sizeof reason))
		return;
	if (csr_signup_cancel_for(a->app->db, a->in.id, place->volunteer_id, reason, &res, &err) !=
	    CSR_OK) {
		list_error(&a->list, &err);
		return;
	}
	changed(a);
	list_message(&a->list, false, _("Cancelled the place of %s"), place->name);
}

static void move_place(attendance *a, const csr_signup *place)
{
	csr_initiative to;
	char label[CSR_NAME_MAX + 64], reason[CSR_SIGNUP_REASON_MAX];
	csr_signup_result res;
	csr_err err;
	/* TRANSLATORS: the title of a list of initiatives; %s is the person's name */
	snprintf(label, sizeof label, _("Move %s's place to"), place->name);
	if (!pick_open_initiative(a->app, label, &to))
		return;
	/* TRANSLATORS: a prompt for the reason; %s is the person's name */
	snprintf(label, sizeof label, _("Move %s's place; reason:"), place->name);
	if (!ask_reason(a, label, reason, sizeof reason))
		return;
	if (csr_signup_move(a->app->db, a->in.id, to.id, place->volunteer_id, reason, &res,
			    &err) != CSR_OK) {
		list_error(&a->list, &err);
		return;
	}
	changed(a);
	if (res.status == CSR_SIGNUP_WAITLISTED)
		list_message(&a->list, false, _("Moved %s to '%s': waitlisted, position %d"),
			     place->name, to.title, res.waitlist_position);
	else
		list_message(&a->list, false, _("Moved %s to '%s': confirmed"), place->name,
			     to.title);
}

/* An action on the selected place (a copy: the list is read again). */
static bool on_place(attendance *a, tui_action act)
{
	const csr_signup *sel = list_current(&a->list);
	if (!sel) {
		list_message(&a->list, true, _("Nobody is selected"));
		return true;
	}
	csr_signup place = *sel;
	switch (act) {
	case ACT_MARK_ATTENDED: mark(a, &place, true); return true;
	case ACT_MARK_NOSHOW: mark(a, &place, false); return true;
	case ACT_CANCEL_FOR: cancel_place(a, &place); return true;
	case ACT_MOVE: move_place(a, &place); return true;
	default: return false;
	}
}

static bool on_key(void *ctx, int key)
{
	attendance *a = ctx;
	tui_action act = tui_action_for_key(key, TUI_PLACES_POPUP, a->app->actor.role);
	if (act == ACT_WALK_IN) {
		walk_in(a);
		return true;
	}
	return act != ACT_NONE && on_place(a, act);
}

bool attendance_run(tui_app *app, int64_t initiative_id)
{
	attendance a = { .app = app };
	csr_err err;
	if (csr_initiative_get(app->db, initiative_id, &a.in, &err) != CSR_OK) {
		tui_error(app, &err);
		return false;
	}
	char title[CSR_INITIATIVE_TITLE_MAX + 16], hints[HINTS_MAX], keys[HINTS_MAX + 48];
	/* TRANSLATORS: a title; %s is the initiative's title */
	snprintf(title, sizeof title, _("Attendance: %s"), a.in.title);
	tui_action_hint_line(TUI_PLACES_POPUP, app->actor.role, hints, sizeof hints);
	/* TRANSLATORS: %s is the keys of the actions: "a attended  x no-show ..." */
	snprintf(keys, sizeof keys, _("%s  / search  Esc done"), hints);
	const list_popup_look look = { .title = title, .width_max = WIDTH_MAX, .keys = keys,
				       .keys_short = hints,
				       .other_key = _("The keys below work here; Esc closes") };
	list_spec shown;
	ui_column cols[LIST_COLUMNS_MAX];
	list_spec_copy(&spec, &shown, cols);
	ui_column_fit(&cols[COL_STATUS], signup_status_width(false), signup_status_width(true));
	list_init(&a.list, app, &shown, &a);
	return list_popup_run(&a.list, &look, on_key);
}
