/* SPDX-License-Identifier: MIT */
/* The "Rate" form: a person rates an initiative they attended, 1 to 5
 * with an optional comment; rating it again changes the rating. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csrdesk/i18n.h"
#include "csrdesk/initiative.h"
#include "csrdesk/text.h"
#include "csrdesk/feedback.h"
#include "dialog.h"
#include "form.h"
#include "picker.h"

enum { F_INITIATIVE, F_RATING, F_COMMENT, F_COUNT };

enum { RATING_TEXT = 8, CHOICE_TEXT = 200 };

typedef struct rating_form {
	tui_app *app;
	int64_t initiative_id;
	char initiative[CHOICE_TEXT], rating[RATING_TEXT], comment[CSR_COMMENT_MAX];
	ui_field fields[F_COUNT];
	csr_feedback saved;
} rating_form;

/* The initiative to rate, with the rating given before (if any). */
static void set_initiative(rating_form *f, int64_t id, int64_t starts_at, const char *title)
{
	csr_feedback before;
	f->initiative_id = id;
	pick_text(starts_at, title, f->initiative, sizeof f->initiative);
	if (csr_feedback_get(f->app->db, id, f->app->actor.volunteer_id, &before, NULL) == CSR_OK) {
		snprintf(f->rating, sizeof f->rating, "%d", before.rating);
		snprintf(f->comment, sizeof f->comment, "%s", before.comment);
	}
}

static bool pick(void *ctx, int field, bool clear)
{
	(void)field;
	rating_form *f = ctx;
	csr_signup p;
	if (clear || !pick_own_place(f->app, _("Rate which initiative?"), &p))
		return false;
	set_initiative(f, p.initiative_id, p.starts_at, p.title);
	return true;
}

static void setup_fields(rating_form *f)
{
	ui_field fields[F_COUNT] = {
		[F_INITIATIVE] = { _("Initiative"), _("one you attended"), 1, NULL, 0, f->initiative,
				   sizeof f->initiative, pick },
		[F_RATING] = { _("Rating"), _("1 (poor) to 5 (excellent)"), 1, NULL, 0, f->rating,
			       sizeof f->rating, NULL },
		[F_COMMENT] = { _("Comment"), _("Optional: what went well, what could be better"), 3,
				NULL, 0, f->comment, sizeof f->comment, NULL },
	};
	memcpy(f->fields, fields, sizeof fields);
}

/* Starts on the initiative given (which the user must have attended), or
 * the newest they attended, with the rating they gave it before. */
static bool preselect(rating_form *f, int64_t id)
{
	csr_signup place;
	bool attended = id ? csr_signup_get(f->app->db, id, f->app->actor.volunteer_id, &place,
					    NULL) == CSR_OK &&
				     place.status == CSR_SIGNUP_ATTENDED
			   : csr_signup_newest_past(f->app->db, f->app->actor.volunteer_id, true, &place,
					 NULL) == CSR_OK;
	if (!attended) {
		tui_message(f->app, _("You can rate an initiative once a team lead has recorded that"
				      " you attended it"));
		return false;
	}
	csr_initiative *in = malloc(sizeof *in);
	bool ok = in && csr_initiative_get(f->app->db, place.initiative_id, in, NULL) == CSR_OK;
	if (ok)
		set_initiative(f, in->id, in->starts_at, in->title);
	free(in);
	return ok;
}

static int save(void *ctx, ui_field *fields, int n, char *msg, size_t size)
{
	rating_form *f = ctx;
	char rating[RATING_TEXT];
	csr_text_trim(f->rating, rating, sizeof rating);
	if (strlen(rating) != 1 || rating[0] < '1' || rating[0] > '5')
		return ui_form_fail(msg, size, F_RATING,
				    _("Rating: a whole number from 1 (poor) to 5 (excellent)"));
	csr_feedback fb = { .initiative_id = f->initiative_id,
			    .volunteer_id = f->app->actor.volunteer_id,
			    .rating = rating[0] - '0' };
	snprintf(fb.comment, sizeof fb.comment, "%s", f->comment);
	csr_err err;
	if (csr_feedback_give(f->app->db, &fb, &err) != CSR_OK)
		return ui_form_fail(msg, size, form_field_named(fields, n, err.msg), err.msg);
	f->saved = fb;
	return UI_FORM_SAVED;
}

bool rating_form_run(tui_app *app, int64_t initiative_id)
{
	if (!own_record_exists(app))
		return false;
	rating_form *f = calloc(1, sizeof *f);
	if (!f)
		return false;
	f->app = app;
	bool saved = false;
	if (preselect(f, initiative_id)) {
		setup_fields(f);
		saved = ui_form_run(app, _(" Rate an initiative "), f->fields, F_COUNT, save, f);
	}
	if (saved)
		tui_message(app, _("Thank you! You rated it %d of 5"), f->saved.rating);
	free(f);
	return saved;
}
