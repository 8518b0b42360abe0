/* SPDX-License-Identifier: MIT */
/* The "Rate" form: a person rates an initiative they attended, 1 to 5
 * with an optional comment; rating it again changes the rating. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csrdesk/initiative.h"
#include "csrdesk/text.h"
#include "form.h"
#include "mine.h"

enum { F_INITIATIVE, F_RATING, F_COMMENT, F_COUNT };

enum { PLACES_MAX = MINE_CHOICES_MAX, FEEDBACK_PAGE = 16, RATING_TEXT = 8 };

typedef struct rating_form {
	tui_app *app;
	mine_choices choices;
	char initiative[MINE_CHOICE_TEXT], rating[RATING_TEXT], comment[CSR_COMMENT_MAX];
	ui_field fields[F_COUNT];
	csr_feedback saved;
} rating_form;

bool rating_find(tui_app *app, int64_t initiative_id, csr_feedback *out)
{
	csr_feedback *page = calloc(FEEDBACK_PAGE, sizeof *page);
	bool found = false;
	int got = FEEDBACK_PAGE;
	for (int offset = 0; page && !found && got == FEEDBACK_PAGE; offset += FEEDBACK_PAGE) {
		if (csr_feedback_list(app->db, initiative_id, offset, page, FEEDBACK_PAGE, &got,
				      NULL) != CSR_OK)
			break;
		for (int i = 0; i < got && !found; i++)
			if (page[i].volunteer_id == app->actor.volunteer_id) {
				*out = page[i];
				found = true;
			}
	}
	free(page);
	return found;
}

static void setup_fields(rating_form *f)
{
	ui_field fields[F_COUNT] = {
		[F_INITIATIVE] = { "Initiative", NULL, 1, f->choices.items, f->choices.n,
				   f->initiative, sizeof f->initiative },
		[F_RATING] = { "Rating", "1 (poor) to 5 (excellent)", 1, NULL, 0, f->rating,
			       sizeof f->rating },
		[F_COMMENT] = { "Comment", "Optional: what went well, what could be better", 3,
				NULL, 0, f->comment, sizeof f->comment },
	};
	memcpy(f->fields, fields, sizeof fields);
}

static bool add_attended(rating_form *f)
{
	csr_signup *rows = calloc(PLACES_MAX, sizeof *rows);
	int n = 0;
	csr_err err;
	if (!rows)
		return false;
	bool ok = mine_past_places(f->app, true, rows, PLACES_MAX, &n, &err) == CSR_OK;
	for (int i = 0; i < n; i++)
		mine_choices_add(&f->choices, rows[i].initiative_id, rows[i].starts_at, rows[i].title);
	if (!ok)
		tui_error(f->app, &err);
	free(rows);
	return ok;
}

/* Starts on the initiative given (which the user must have attended), or
 * the newest they attended, with the rating they gave it before. */
static bool preselect(rating_form *f, int64_t id)
{
	const char *text = id ? mine_choices_text(&f->choices, id) : f->choices.text[0];
	if (f->choices.n == 0 || !text) {
		tui_message(f->app, "You can rate an initiative once a team lead has recorded that"
				    " you attended it");
		return false;
	}
	snprintf(f->initiative, sizeof f->initiative, "%s", text);
	csr_feedback before;
	if (rating_find(f->app, mine_choices_id(&f->choices, text), &before)) {
		snprintf(f->rating, sizeof f->rating, "%d", before.rating);
		snprintf(f->comment, sizeof f->comment, "%s", before.comment);
	}
	return true;
}

static int fail(char *msg, size_t size, int field, const char *text)
{
	snprintf(msg, size, "%s", text);
	return field;
}

static int save(void *ctx, ui_field *fields, int n, char *msg, size_t size)
{
	rating_form *f = ctx;
	char rating[RATING_TEXT];
	csr_text_trim(f->rating, rating, sizeof rating);
	if (strlen(rating) != 1 || rating[0] < '1' || rating[0] > '5')
		return fail(msg, size, F_RATING, "Rating: a whole number from 1 (poor) to 5 (excellent)");
	csr_feedback fb = { .initiative_id = mine_choices_id(&f->choices, f->initiative),
			    .volunteer_id = f->app->actor.volunteer_id,
			    .rating = rating[0] - '0' };
	snprintf(fb.comment, sizeof fb.comment, "%s", f->comment);
	csr_err err;
	if (csr_feedback_give(f->app->db, &fb, &err) != CSR_OK)
		return fail(msg, size, ui_form_field_of(fields, n, err.msg), err.msg);
	f->saved = fb;
	return UI_FORM_SAVED;
}

bool rating_form_run(tui_app *app, int64_t initiative_id)
{
	if (!mine_has_record(app))
		return false;
	rating_form *f = calloc(1, sizeof *f);
	if (!f)
		return false;
	f->app = app;
	bool saved = false;
	if (add_attended(f) && preselect(f, initiative_id)) {
		setup_fields(f);
		saved = ui_form_run(app, " Rate an initiative ", f->fields, F_COUNT, save, f);
	}
	if (saved)
		tui_message(app, "Thank you! You rated it %d of 5", f->saved.rating);
	free(f);
	return saved;
}
