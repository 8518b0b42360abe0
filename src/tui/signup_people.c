/* SPDX-License-Identifier: MIT */
/* A lead signs people up for an initiative: a list of the active
 * volunteers where Enter marks (or unmarks) a person and s signs up
 * everyone marked at once, all or nothing. Before a sign-up the person
 * could not cancel themselves (inside the cancel cutoff), it asks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csrdesk/clock.h"
#include "csrdesk/i18n.h"
#include "csrdesk/initiative.h"
#include "csrdesk/signup.h"
#include "dialog.h"
#include "list.h"
#include "picker.h"
#include "widget.h"

enum { GROUP_MAX = 64, WIDTH_MAX = 76 };

typedef struct group {
	volunteer_choice choice; /* first: its list's ctx is the group */
	csr_initiative in;
	int64_t ids[GROUP_MAX];
	char names[GROUP_MAX][CSR_NAME_MAX]; /* for the question about one person */
	int n;
} group;

bool signup_ask_cutoff(tui_app *app, const csr_initiative *in, const char *name, int people)
{
	bool inside = false;
	csr_err err;
	if (csr_signup_inside_cutoff(app->db, in->id, &inside, &err) != CSR_OK || !inside)
		return true;
	if (!name && app->actor.role >= CSR_ROLE_LEAD)
		return true; /* a lead can cancel their own place at any time */
	char when[CSR_TIME_TEXT_MAX], question[CSR_NAME_MAX + 160];
	csr_time_format(in->starts_at, when, sizeof when);
	if (!name)
		snprintf(question, sizeof question, _("You cannot cancel this place yourself (it"
						       " starts %s). Sign up anyway?"), when);
	else if (people == 1)
		/* TRANSLATORS: the person's name, when the initiative starts */
		snprintf(question, sizeof question, _("%s cannot cancel this place themselves (it"
						       " starts %s). Sign up anyway?"), name, when);
	else
		snprintf(question, sizeof question, _("These people cannot cancel their places"
						       " themselves (it starts %s). Sign them up"
						       " anyway?"), when);
	return ui_confirm(app, question);
}

static int marked_at(const group *g, int64_t id)
{
	for (int i = 0; i < g->n; i++)
		if (g->ids[i] == id)
			return i;
	return -1;
}

static void cells(void *ctx, const void *row, list_cells *c)
{
	const group *g = ctx;
	const csr_volunteer_row *r = row;
	volunteer_cells(ctx, row, c);
	if (marked_at(g, r->v.id) >= 0)
		/* TRANSLATORS: a column shows it beside each person marked to sign up */
		list_cell(c, VOLUNTEER_COL_MARK, "%s", _("marked"));
}

static const list_spec spec = {
	LIST_ROWS(volunteer_source, volunteer_columns, cells, volunteer_count),
	.empty = N_("There are no active volunteers."),
	.no_match = N_("Nobody matches: / changes the search."),
	.searchable = true,
};

static void toggle(group *g)
{
	const csr_volunteer_row *r = list_current(&g->choice.list);
	if (!r)
		return;
	int at = marked_at(g, r->v.id);
	if (at >= 0) {
		g->n--;
		g->ids[at] = g->ids[g->n];
		memcpy(g->names[at], g->names[g->n], sizeof g->names[at]);
	} else if (g->n == GROUP_MAX) {
		list_message(&g->choice.list, true, _("At most %d people at once"), GROUP_MAX);
		return;
	} else {
		snprintf(g->names[g->n], sizeof g->names[g->n], "%s", r->v.name);
		g->ids[g->n++] = r->v.id;
	}
	list_panel_handle(&g->choice.list, ACT_DOWN);
	list_message(&g->choice.list, false, _("Marked: %d (s signs them up)"), g->n);
}

/* Signs up the marked people; the pop-up stays for more. */
static void sign_up(group *g)
{
	csr_err err;
	if (g->n == 0) {
		list_message(&g->choice.list, true, _("Nobody is marked: Enter marks a person"));
		return;
	}
	if (!signup_ask_cutoff(g->choice.app, &g->in, g->names[0], g->n))
		return;
	if (csr_signup_add_group(g->choice.app->db, g->in.id, g->ids, g->n, &err) != CSR_OK) {
		list_error(&g->choice.list, &err);
		return;
	}
	g->choice.list.changed = true;
	list_reload(&g->choice.list);
	list_message(&g->choice.list, false, _("Signed up for '%s', confirmed: %d (Esc closes)"),
		     g->in.title, g->n);
	g->n = 0;
}

static bool on_key(void *ctx, int key)
{
	if (tui_is_enter(key))
		toggle(ctx);
	else if (key == 's')
		sign_up(ctx);
	else
		return false;
	return true;
}

bool signup_people_run(tui_app *app, int64_t initiative_id)
{
	group *g = calloc(1, sizeof *g);
	csr_err err;
	if (!g)
		return false;
	g->choice.app = app;
	if (csr_initiative_get(app->db, initiative_id, &g->in, &err) != CSR_OK) {
		tui_error(app, &err);
		free(g);
		return false;
	}
	char title[CSR_INITIATIVE_TITLE_MAX + 16];
	/* TRANSLATORS: a title; %s is the initiative's title */
	snprintf(title, sizeof title, _("Sign up for %s"), g->in.title);
	const list_popup_look look = { .title = title, .width_max = WIDTH_MAX,
				       .keys = _("Enter mark/unmark  s sign up the marked  / search"
						 "  Esc close"),
				       /* TRANSLATORS: the keys on a narrow screen: keep it short */
				       .keys_short = _("Enter mark  s sign up  Esc close"),
				       .other_key = _("Enter marks a person, s signs up the marked,"
						      " Esc closes") };
	list_init(&g->choice.list, app, &spec, g);
	bool changed = list_popup_run(&g->choice.list, &look, on_key);
	free(g);
	return changed;
}
