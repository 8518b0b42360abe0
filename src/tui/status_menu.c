/* SPDX-License-Identifier: MIT */
/* The status of the selected initiative (leads): open, close, mark done or
 * cancel it. Cancelling asks first, saying how many places it cancels. */
#include <stdio.h>

#include "initiatives.h"
#include "widget.h"

enum { CHOICES = 4, ITEM_TEXT = 64 };

static const struct {
	csr_initiative_status status;
	const char *text;
} choices[CHOICES] = {
	{ CSR_INITIATIVE_OPEN, "Open: people can sign up" },
	{ CSR_INITIATIVE_CLOSED, "Close: no more sign-ups" },
	{ CSR_INITIATIVE_DONE, "Done: it has happened" },
	{ CSR_INITIATIVE_CANCELLED, "Cancel: it will not happen" },
};

/* Places a cancellation ends: confirmed and waitlisted (attended ones
 * stay, as they happened). */
static void live_places(const initiatives *s, int *confirmed, int *waitlisted)
{
	*confirmed = *waitlisted = 0;
	for (int i = 0; i < s->nplaces; i++) {
		*confirmed += s->places[i].status == CSR_SIGNUP_CONFIRMED;
		*waitlisted += s->places[i].status == CSR_SIGNUP_WAITLISTED;
	}
}

static bool confirm_cancel(initiatives *s, int confirmed, int waitlisted)
{
	char question[160];
	if (confirmed + waitlisted == 0)
		snprintf(question, sizeof question, "Cancel this initiative? Nobody has a place.");
	else
		snprintf(question, sizeof question,
			 "Cancel this initiative and its %d place%s (%d confirmed, %d waitlisted)?",
			 confirmed + waitlisted, confirmed + waitlisted == 1 ? "" : "s", confirmed,
			 waitlisted);
	return ui_confirm(s->app, question);
}

static int choose(initiatives *s)
{
	char texts[CHOICES][ITEM_TEXT], title[48];
	const char *items[CHOICES];
	int current = 0;
	for (int i = 0; i < CHOICES; i++) {
		bool now = choices[i].status == s->sel.status;
		snprintf(texts[i], sizeof texts[i], "%s %s", now ? "*" : " ", choices[i].text);
		items[i] = texts[i];
		current = now ? i : current;
	}
	snprintf(title, sizeof title, " Status (now %s) ",
		 csr_initiative_status_name(s->sel.status));
	return ui_choose(s->app, title, items, CHOICES, current, -1, -1, false);
}

static void apply(initiatives *s, csr_initiative_status to)
{
	int confirmed, waitlisted;
	live_places(s, &confirmed, &waitlisted);
	if (to == CSR_INITIATIVE_CANCELLED && !confirm_cancel(s, confirmed, waitlisted))
		return;
	csr_err err;
	if (csr_initiative_set_status(s->app->db, s->sel.id, to, &err) != CSR_OK) {
		tui_error(s->app, &err);
		return;
	}
	if (to == CSR_INITIATIVE_CANCELLED)
		tui_message(s->app, "Cancelled '%s' and its %d place%s", s->sel.title,
			    confirmed + waitlisted, confirmed + waitlisted == 1 ? "" : "s");
	else
		tui_message(s->app, "'%s' is now %s", s->sel.title, csr_initiative_status_name(to));
	initiatives_reload(s);
}

void status_menu_run(initiatives *s)
{
	if (!s->have_sel) {
		tui_message(s->app, "No initiative is selected");
		return;
	}
	int choice = choose(s);
	if (choice < 0)
		return;
	if (choices[choice].status == s->sel.status)
		tui_message(s->app, "'%s' is already %s", s->sel.title,
			    csr_initiative_status_name(s->sel.status));
	else
		apply(s, choices[choice].status);
}
