/* SPDX-License-Identifier: MIT */
/* Announcements (leads): what the welcome screen of the floor terminals
 * shows — the current ones, posting one, removing one. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "csrdesk/announcement.h"
#include "csrdesk/clock.h"
#include "csrdesk/i18n.h"
#include "dialog.h"
#include "form.h"
#include "list.h"
#include "picker.h"
#include "widget.h"

enum { WIDTH_MAX = 90, DATE_TEXT = 32, COL_TITLE = 0, COL_UNTIL, COLUMNS };

static const ui_column columns[COLUMNS] = {
	[COL_TITLE] = { N_("Title"), 16, 80, 20, 1, 0, false, 0, 0 },
	/* TRANSLATORS: a column header over the last day an announcement is shown */
	[COL_UNTIL] = { N_("Shown until"), 11, 11, 0, 0, 1, false, 0, 0 },
};

typedef struct announce {
	ui_list list;
	tui_app *app;
} announce;

static csr_code fetch(void *ctx, const void *from, bool backward, void *rows, int max, int *n,
		      csr_err *err)
{
	announce *s = ctx;
	return csr_announcement_page(s->app->db, from, backward, rows, max, n, err);
}

static csr_code get(void *ctx, int64_t id, void *row, csr_err *err)
{
	announce *s = ctx;
	return csr_announcement_get(s->app->db, id, row, err);
}

static const pager_source source = PAGER_SOURCE(csr_announcement, id, fetch, get);

static csr_code count(void *ctx, int64_t *out, csr_err *err)
{
	announce *s = ctx;
	return csr_announcement_count_current(s->app->db, out, err);
}

static void cells(void *ctx, const void *row, list_cells *c)
{
	(void)ctx;
	const csr_announcement *a = row;
	list_cell(c, COL_TITLE, "%s", a->title);
	if (a->expires_at) /* the last second shown is on the last day */
		csr_date_format(a->expires_at - 1, c->text[COL_UNTIL], sizeof c->text[COL_UNTIL]);
	c->attr[COL_UNTIL] = ui_attr(UI_DIM);
}

static const list_spec spec = {
	LIST_ROWS(source, columns, cells, count),
	.empty = N_("No announcements: n posts one."),
};

static void remove_selected(announce *s)
{
	const csr_announcement *sel = list_current(&s->list);
	if (!sel)
		return;
	csr_announcement a = *sel;
	char question[CSR_ANNOUNCEMENT_TITLE_MAX + 32];
	snprintf(question, sizeof question, _("Remove for everyone: '%s'?"), a.title);
	if (!ui_confirm(s->app, question))
		return;
	csr_err err;
	if (csr_announcement_remove(s->app->db, a.id, &err) != CSR_OK) {
		list_error(&s->list, &err);
		return;
	}
	s->list.changed = true;
	list_reload(&s->list);
	list_message(&s->list, false, _("Removed '%s'"), a.title);
}

/* ---- posting ---- */

enum { F_TITLE, F_TEXT, F_EXPIRY, F_COUNT };

typedef struct post_form {
	tui_app *app;
	csr_announcement a;
	char expiry[DATE_TEXT];
	ui_field fields[F_COUNT];
} post_form;

/* The first second after the day t falls on (local time). */
static int64_t end_of_day(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	localtime_r(&tt, &tm);
	tm = (struct tm){ .tm_year = tm.tm_year, .tm_mon = tm.tm_mon, .tm_mday = tm.tm_mday + 1,
			  .tm_isdst = -1 };
	return (int64_t)mktime(&tm);
}

/* A day means to its end; a time, that minute. */
static csr_code parse_expiry(const char *text, int64_t *out, csr_err *err)
{
	*out = 0;
	if (!*text)
		return CSR_OK;
	csr_code rc = csr_time_parse(text, out, err);
	if (rc == CSR_OK && strlen(text) <= 10)
		*out = end_of_day(*out);
	return rc;
}

static int save(void *ctx, ui_field *fields, int n, char *msg, size_t size)
{
	post_form *f = ctx;
	csr_announcement a = f->a;
	csr_err err;
	if (parse_expiry(f->expiry, &a.expires_at, &err) != CSR_OK) {
		snprintf(msg, size, "%s", err.msg);
		return F_EXPIRY;
	}
	if (csr_announcement_post(f->app->db, &a, &err) != CSR_OK) {
		snprintf(msg, size, "%s", err.msg);
		return form_field_named(fields, n, err.msg);
	}
	f->a.id = a.id;
	return UI_FORM_SAVED;
}

static void post(announce *s)
{
	post_form *f = calloc(1, sizeof *f);
	if (!f)
		return;
	f->app = s->app;
	char example[CSR_TIME_TEXT_MAX], expiry_hint[160];
	example_day(example, sizeof example);
	/* TRANSLATORS: %s is an example day as it is typed, "2026-05-14" */
	snprintf(expiry_hint, sizeof expiry_hint, _("Optional: the last day shown, like %s; Enter posts"),
		 example);
	ui_field fields[F_COUNT] = {
		[F_TITLE] = { _("Title"), _("A few words, shown in bold"), 1, NULL, 0, f->a.title,
			      sizeof f->a.title, NULL },
		[F_TEXT] = { _("Text"), _("What people should know"), 4, NULL, 0, f->a.body,
			     sizeof f->a.body, NULL },
		/* TRANSLATORS: a form field: the last day an announcement is shown */
		[F_EXPIRY] = { _("Expiry"), expiry_hint, 1, NULL, 0, f->expiry, sizeof f->expiry,
			       NULL },
	};
	memcpy(f->fields, fields, sizeof fields);
	if (ui_form_run(s->app, _(" Post an announcement "), f->fields, F_COUNT, save, f)) {
		s->list.changed = true;
		list_goto(&s->list, f->a.id);
		list_message(&s->list, false, _("Posted '%s'"), f->a.title);
	}
	free(f);
}

static bool on_key(void *ctx, int key)
{
	if (key == 'n')
		post(ctx);
	else if (key == 'd' || key == TUI_FN(KEY_DC))
		remove_selected(ctx);
	else
		return false;
	return true;
}

bool announce_run(tui_app *app)
{
	const list_popup_look look = {
		.title = _("Announcements"), .width_max = WIDTH_MAX,
		.keys = _("n post  d remove  Esc close"),
		.other_key = _("n posts an announcement, d removes the selected one")
	};
	announce s = { .app = app };
	list_init(&s.list, app, &spec, &s);
	return list_popup_run(&s.list, &look, on_key);
}
