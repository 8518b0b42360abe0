/* SPDX-License-Identifier: MIT */
/* Pickers: a list pop-up that chooses one row for a form field. */
#include "picker.h"

#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "csrdesk/clock.h"
#include "csrdesk/i18n.h"
#include "csrdesk/text.h"
#include "list.h"

enum { COL_DATE = 0, COL_TITLE, COL_STATUS, COLUMNS };

static const ui_column columns[COLUMNS] = {
	[COL_DATE] = { N_("Date"), 10, 10, 0, 0, 1, false, 0, 0 },
	[COL_TITLE] = { N_("Initiative"), 16, 60, 20, 1, 0, false, 0, 0 },
	[COL_STATUS] = { N_("Status"), 9, 11, 0, 0, 2, false, 0, 0 },
};

void pick_text(int64_t starts_at, const char *title, char *out, size_t size)
{
	char date[CSR_TIME_TEXT_MAX];
	csr_date_format(starts_at, date, sizeof date);
	snprintf(out, size, "%s %s", date, title);
}

/* ---- states and examples for people ---- */

/* The widest of n texts. */
static int widest(const char *const *texts, int n)
{
	int most = 0;
	for (int i = 0; i < n; i++) {
		int w = csr_text_width(texts[i]);
		most = w > most ? w : most;
	}
	return most;
}

int initiative_status_width(bool english)
{
	enum { N = CSR_INITIATIVE_CANCELLED + 1 };
	const char *texts[N];
	for (int i = 0; i < N; i++)
		texts[i] = english ? csr_initiative_status_name((csr_initiative_status)i)
				   : csr_initiative_status_label((csr_initiative_status)i);
	return widest(texts, N);
}

int signup_status_width(bool english)
{
	enum { N = CSR_SIGNUP_NOSHOW + 1 };
	const char *texts[N];
	for (int i = 0; i < N; i++)
		texts[i] = english ? csr_signup_status_name((csr_signup_status)i)
				   : csr_signup_status_label((csr_signup_status)i);
	return widest(texts, N);
}

int hours_status_width(bool english)
{
	enum { N = CSR_HOURS_REJECTED + 1 };
	const char *texts[N];
	for (int i = 0; i < N; i++)
		texts[i] = english ? csr_hours_status_name((csr_hours_status)i)
				   : csr_hours_status_label((csr_hours_status)i);
	return widest(texts, N);
}

void list_spec_copy(const list_spec *base, list_spec *out, ui_column *cols)
{
	*out = *base;
	if (!base->columns)
		return;
	int n = base->ncolumns < LIST_COLUMNS_MAX ? base->ncolumns : LIST_COLUMNS_MAX;
	memcpy(cols, base->columns, (size_t)n * sizeof *cols);
	out->columns = cols;
	out->ncolumns = n;
}

/* Where word stands in text as a word of its own (not inside another,
 * ASCII or not), or NULL. */
static const char *find_word(const char *text, const char *word)
{
	size_t len = strlen(word);
	for (const char *at = strstr(text, word); len > 0 && at; at = strstr(at + 1, word)) {
		unsigned char before = at > text ? (unsigned char)at[-1] : ' ';
		unsigned char after = (unsigned char)at[len];
		if (!isalnum(before) && before < 0x80 && !isalnum(after) && after < 0x80)
			return at;
	}
	return NULL;
}

int form_field_named(const ui_field *fields, int n, const char *msg)
{
	int field = ui_form_field_of(fields, n, msg);
	if (field != UI_FORM_WHOLE)
		return field;
	const char *first = NULL;
	for (int i = 0; i < n; i++) {
		const char *at = find_word(msg, fields[i].label);
		if (at && (!first || at < first)) {
			first = at;
			field = i;
		}
	}
	return field;
}

/* 2026-05-14 09:30 local time. */
static int64_t example_moment(void)
{
	struct tm tm = { .tm_year = 2026 - 1900, .tm_mon = 4, .tm_mday = 14, .tm_hour = 9,
			 .tm_min = 30, .tm_isdst = -1 };
	return (int64_t)mktime(&tm);
}

void example_day(char *out, size_t size)
{
	csr_date_format(example_moment(), out, size);
}

void example_time(char *out, size_t size)
{
	csr_time_format(example_moment(), out, size);
}

/* ---- the user's own places ---- */

bool own_record_exists(tui_app *app)
{
	if (app->actor.volunteer_id != 0)
		return true;
	tui_message(app, _("You (%s) have no volunteer record: a team lead can add you to the roster"),
		    app->user);
	app->message_error = true;
	return false;
}

static csr_code own_fetch(void *ctx, const void *from, bool backward, void *rows, int max,
			  int *n, csr_err *err)
{
	own_places *o = ctx;
	return csr_signup_page_volunteer(o->app->db, o->app->actor.volunteer_id, o->span, from,
					 backward, rows, max, n, err);
}

const pager_source own_places_source = PAGER_SOURCE(csr_signup, id, own_fetch, NULL);

csr_code own_places_count(void *ctx, int64_t *out, csr_err *err)
{
	own_places *o = ctx;
	return csr_signup_count_volunteer(o->app->db, o->app->actor.volunteer_id, o->span, out,
					  err);
}

static void own_cells(void *ctx, const void *row, list_cells *c)
{
	(void)ctx;
	const csr_signup *p = row;
	csr_date_format(p->starts_at, c->text[COL_DATE], sizeof c->text[COL_DATE]);
	list_cell(c, COL_TITLE, "%s", p->title);
	list_cell(c, COL_STATUS, "%s", csr_signup_status_label(p->status));
}

static const list_spec own_spec = {
	LIST_ROWS(own_places_source, columns, own_cells, own_places_count),
	.empty = N_("You have no places on initiatives that have started."),
};

bool pick_own_place(tui_app *app, const char *title, csr_signup *out)
{
	own_places o = { .app = app, .span = CSR_SPAN_PAST };
	ui_list l;
	list_spec spec;
	ui_column cols[LIST_COLUMNS_MAX];
	list_spec_copy(&own_spec, &spec, cols);
	ui_column_fit(&cols[COL_STATUS], signup_status_width(false), signup_status_width(true));
	list_init(&l, app, &spec, &o);
	bool chosen = list_choose(&l, title, out);
	list_free(&l);
	return chosen;
}

/* ---- active volunteers ---- */

const ui_column volunteer_columns[VOLUNTEER_COLUMNS] = {
	[VOLUNTEER_COL_NAME] = { N_("Name"), 12, 40, 20, 3, 0, false, 0, 0 },
	/* TRANSLATORS: a column header: the employee ID */
	[VOLUNTEER_COL_ID] = { N_("Employee"), 8, 10, 0, 0, 1, false, 0, 0 },
	[VOLUNTEER_COL_TEAM] = { N_("Team"), 6, 20, 0, 1, 2, false, 0, 0 },
	[VOLUNTEER_COL_MARK] = { "", 1, 8, 0, 0, 0, false, 0, 0 },
};

static csr_volunteer_query volunteer_query(const volunteer_choice *v)
{
	return (csr_volunteer_query){ .search = v->list.search[0] ? v->list.search : NULL };
}

static csr_code volunteer_fetch(void *ctx, const void *from, bool backward, void *rows, int max,
				int *n, csr_err *err)
{
	volunteer_choice *v = ctx;
	csr_volunteer_query q = volunteer_query(v);
	const csr_volunteer_row *f = from;
	return csr_volunteer_page(v->app->db, &q, f ? f->v.name : NULL, f ? f->v.id : 0, backward,
				  rows, max, n, err);
}

const pager_source volunteer_source = PAGER_SOURCE(csr_volunteer_row, v.id, volunteer_fetch,
						   NULL);

csr_code volunteer_count(void *ctx, int64_t *out, csr_err *err)
{
	volunteer_choice *v = ctx;
	csr_volunteer_query q = volunteer_query(v);
	return csr_volunteer_count(v->app->db, &q, out, err);
}

void volunteer_cells(void *ctx, const void *row, list_cells *c)
{
	(void)ctx;
	const csr_volunteer_row *r = row;
	list_cell(c, VOLUNTEER_COL_NAME, "%s", r->v.name);
	list_cell(c, VOLUNTEER_COL_ID, "%s", r->v.employee_id);
	list_cell(c, VOLUNTEER_COL_TEAM, "%s", r->v.team);
}

static const list_spec volunteer_spec = {
	LIST_ROWS(volunteer_source, volunteer_columns, volunteer_cells, volunteer_count),
	.empty = N_("There are no active volunteers."),
	.no_match = N_("Nobody matches: / changes the search."),
	.searchable = true,
};

bool pick_volunteer(tui_app *app, const char *title, csr_volunteer *out)
{
	volunteer_choice v = { .app = app };
	csr_volunteer_row row;
	list_spec spec;
	ui_column cols[LIST_COLUMNS_MAX];
	list_spec_copy(&volunteer_spec, &spec, cols);
	list_init(&v.list, app, &spec, &v);
	bool chosen = list_choose(&v.list, title, &row);
	list_free(&v.list);
	if (chosen)
		*out = row.v;
	return chosen;
}

/* ---- any initiative ---- */

typedef struct any_initiative {
	ui_list list;
	tui_app *app;
	bool open_only; /* open and not ended: where a place can move to */
} any_initiative;

static csr_initiative_query any_query(const any_initiative *a)
{
	return (csr_initiative_query){ .search = a->list.search[0] ? a->list.search : NULL,
				       .status = a->open_only ? CSR_INITIATIVE_OPEN : -1,
				       .when = a->open_only ? CSR_WHEN_UPCOMING : CSR_WHEN_ANY };
}

/* Newest first: each page is read the other way through the order by
 * start, then turned round. */
static csr_code any_fetch(void *ctx, const void *from, bool backward, void *rows, int max,
			  int *n, csr_err *err)
{
	any_initiative *a = ctx;
	csr_initiative_query q = any_query(a);
	csr_initiative *r = rows;
	csr_code rc = csr_initiative_page_after(a->app->db, &q, from, !backward, r, max, n, err);
	for (int i = 0, j = *n - 1; i < j; i++, j--) {
		csr_initiative t = r[i];
		r[i] = r[j];
		r[j] = t;
	}
	return rc;
}

static const pager_source any_source = PAGER_SOURCE(csr_initiative, id, any_fetch, NULL);

static csr_code any_count(void *ctx, int64_t *out, csr_err *err)
{
	any_initiative *a = ctx;
	csr_initiative_query q = any_query(a);
	return csr_initiative_count(a->app->db, &q, out, err);
}

static void any_cells(void *ctx, const void *row, list_cells *c)
{
	(void)ctx;
	const csr_initiative *in = row;
	csr_date_format(in->starts_at, c->text[COL_DATE], sizeof c->text[COL_DATE]);
	list_cell(c, COL_TITLE, "%s", in->title);
	list_cell(c, COL_STATUS, "%s", csr_initiative_status_label(in->status));
}

static const list_spec any_spec = {
	LIST_ROWS(any_source, columns, any_cells, any_count),
	.empty = N_("No initiatives yet."),
	.no_match = N_("No initiative matches: / changes the search."),
	.searchable = true,
};

static bool choose_initiative(any_initiative *a, const char *search, const char *title,
			      csr_initiative *out)
{
	list_spec spec;
	ui_column cols[LIST_COLUMNS_MAX];
	list_spec_copy(&any_spec, &spec, cols);
	ui_column_fit(&cols[COL_STATUS], initiative_status_width(false),
		   initiative_status_width(true));
	list_init(&a->list, a->app, &spec, a);
	snprintf(a->list.search, sizeof a->list.search, "%s", search);
	bool chosen = list_choose(&a->list, title, out);
	list_free(&a->list);
	return chosen;
}

bool pick_initiative(tui_app *app, const char *search, csr_initiative *out)
{
	any_initiative a = { .app = app };
	return choose_initiative(&a, search, _("Which initiative?"), out);
}

bool pick_open_initiative(tui_app *app, const char *title, csr_initiative *out)
{
	any_initiative a = { .app = app, .open_only = true };
	return choose_initiative(&a, "", title, out);
}
