/* SPDX-License-Identifier: MIT */
/* The status of an initiative (leads): open, close, mark done or cancel
 * it. Cancelling asks first, saying how many places it cancels. */
#include <stdio.h>

#include "csrdesk/format.h"
#include "csrdesk/initiative.h"
#include "csrdesk/signup.h"
#include "dialog.h"
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

static bool confirm_cancel(tui_app *app, int64_t confirmed, int64_t waitlisted)
{
	char question[160];
	if (confirmed + waitlisted == 0)
		snprintf(question, sizeof question, "Cancel this initiative? Nobody has a place.");
	else
		snprintf(question, sizeof question,
			 csr_plural(confirmed + waitlisted,
				    "Cancel this initiative and its %lld place (%lld confirmed,"
				    " %lld waitlisted)?",
				    "Cancel this initiative and its %lld places (%lld confirmed,"
				    " %lld waitlisted)?"),
			 (long long)(confirmed + waitlisted), (long long)confirmed,
			 (long long)waitlisted);
	return ui_confirm(app, question);
}

static int choose(tui_app *app, const csr_initiative *in)
{
	char texts[CHOICES][ITEM_TEXT], title[48];
	const char *items[CHOICES];
	int current = 0;
	for (int i = 0; i < CHOICES; i++) {
		bool now = choices[i].status == in->status;
		snprintf(texts[i], sizeof texts[i], "%s %s", now ? "*" : " ", choices[i].text);
		items[i] = texts[i];
		current = now ? i : current;
	}
	snprintf(title, sizeof title, " Status (now %s) ", csr_initiative_status_name(in->status));
	return ui_choose(app, title, items, CHOICES, current, -1, -1, false);
}

static bool apply(tui_app *app, const csr_initiative *in, csr_initiative_status to)
{
	/* A cancellation ends the confirmed and waitlisted places (attended
	 * ones stay, as they happened). */
	int64_t confirmed = 0, waitlisted = in->waitlisted;
	csr_err err;
	if (to == CSR_INITIATIVE_CANCELLED &&
	    csr_signup_count_status(app->db, in->id, CSR_SIGNUP_CONFIRMED, &confirmed, &err) !=
		    CSR_OK) {
		tui_error(app, &err);
		return false;
	}
	if (to == CSR_INITIATIVE_CANCELLED && !confirm_cancel(app, confirmed, waitlisted))
		return false;
	if (csr_initiative_set_status(app->db, in->id, to, &err) != CSR_OK) {
		tui_error(app, &err);
		return false;
	}
	if (to == CSR_INITIATIVE_CANCELLED)
		tui_message(app, csr_plural(confirmed + waitlisted, "Cancelled '%s' and its %lld place",
					    "Cancelled '%s' and its %lld places"),
			    in->title, (long long)(confirmed + waitlisted));
	else
		tui_message(app, "'%s' is now %s", in->title, csr_initiative_status_name(to));
	return true;
}

bool status_menu_run(tui_app *app, int64_t initiative_id)
{
	csr_initiative in;
	csr_err err;
	if (csr_initiative_get(app->db, initiative_id, &in, &err) != CSR_OK) {
		tui_error(app, &err);
		return false;
	}
	int choice = choose(app, &in);
	if (choice < 0)
		return false;
	if (choices[choice].status != in.status)
		return apply(app, &in, choices[choice].status);
	tui_message(app, "'%s' is already %s", in.title, csr_initiative_status_name(in.status));
	return false;
}
