/* SPDX-License-Identifier: MIT */
/* The status of an initiative (leads): open, close, mark done or cancel
 * it. Cancelling asks first, saying how many places it cancels. */
#include <stdio.h>

#include "csrdesk/format.h"
#include "csrdesk/i18n.h"
#include "csrdesk/initiative.h"
#include "csrdesk/signup.h"
#include "dialog.h"
#include "picker.h"
#include "widget.h"

enum { CHOICES = 4, ITEM_TEXT = 64 };

static const struct {
	csr_initiative_status status;
	const char *text;
} choices[CHOICES] = {
	{ CSR_INITIATIVE_OPEN, N_("Open: people can sign up") },
	{ CSR_INITIATIVE_CLOSED, N_("Close: no more sign-ups") },
	{ CSR_INITIATIVE_DONE, N_("Done: it has happened") },
	{ CSR_INITIATIVE_CANCELLED, N_("Cancel: it will not happen") },
};

static bool confirm_cancel(tui_app *app, int64_t confirmed, int64_t waitlisted)
{
	char question[160];
	if (confirmed + waitlisted == 0)
		snprintf(question, sizeof question, "%s",
			 _("Cancel this initiative? Nobody has a place."));
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

/* "'%s' is now open": the message after a change to s (the title). */
static const char *is_now(csr_initiative_status s)
{
	switch (s) {
	case CSR_INITIATIVE_DRAFT: return _("'%s' is now a draft");
	case CSR_INITIATIVE_OPEN: return _("'%s' is now open");
	case CSR_INITIATIVE_CLOSED: return _("'%s' is now closed");
	case CSR_INITIATIVE_DONE: return _("'%s' is now done");
	default: return _("'%s' is now cancelled");
	}
}

/* "'%s' is already open": when s was chosen again. */
static const char *is_already(csr_initiative_status s)
{
	switch (s) {
	case CSR_INITIATIVE_DRAFT: return _("'%s' is already a draft");
	case CSR_INITIATIVE_OPEN: return _("'%s' is already open");
	case CSR_INITIATIVE_CLOSED: return _("'%s' is already closed");
	case CSR_INITIATIVE_DONE: return _("'%s' is already done");
	default: return _("'%s' is already cancelled");
	}
}

static int choose(tui_app *app, const csr_initiative *in)
{
	char texts[CHOICES][ITEM_TEXT], title[96];
	const char *items[CHOICES];
	int current = 0;
	for (int i = 0; i < CHOICES; i++) {
		bool now = choices[i].status == in->status;
		snprintf(texts[i], sizeof texts[i], "%s %s", now ? "*" : " ", _(choices[i].text));
		items[i] = texts[i];
		current = now ? i : current;
	}
	/* TRANSLATORS: a title; %s is the state: open, closed, done ... */
	snprintf(title, sizeof title, _(" Status (now %s) "), csr_initiative_status_label(in->status));
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
		tui_message(app, is_now(to), in->title);
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
	tui_message(app, is_already(in.status), in.title);
	return false;
}
