/* SPDX-License-Identifier: MIT */
/* Announcements (leads): what the welcome screen of the floor terminals
 * shows — the current ones, posting one, removing one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "csrdesk/announcement.h"
#include "csrdesk/clock.h"
#include "form.h"
#include "lead.h"
#include "listbox.h"
#include "widget.h"

enum { ROWS_MAX = 50, WIDTH_MAX = 90, DATE_TEXT = 32 };

typedef struct announce {
	tui_app *app;
	csr_announcement rows[ROWS_MAX];
	char title[48];
	ui_listbox box;
} announce;

static void draw_row(void *ctx, WINDOW *w, int y, int x, int width, int i, bool selected)
{
	announce *s = ctx;
	const csr_announcement *a = &s->rows[i];
	attr_t attr = selected ? ui_attr(UI_SELECTED) : A_NORMAL;
	char until[DATE_TEXT + 8] = "";
	if (a->expires_at) {
		strcpy(until, "until ");
		csr_date_format(a->expires_at - 1, until + 6, sizeof until - 6);
	}
	int until_w = width >= 50 && a->expires_at ? 17 : 0;
	ui_blank(w, y, x, width, attr);
	ui_text(w, y, x, width - until_w - 1, a->title, attr, false);
	if (until_w)
		ui_text(w, y, x + width - until_w, until_w, until, selected ? attr : ui_attr(UI_DIM),
			false);
}

static void reload(announce *s)
{
	csr_err err;
	if (csr_announcement_current(s->app->db, s->rows, ROWS_MAX, &s->box.n, &err) != CSR_OK)
		listbox_error(&s->box, &err);
	snprintf(s->title, sizeof s->title, " Announcements (%d) ", s->box.n);
	listbox_clamp(&s->box);
}

static void remove_selected(announce *s)
{
	if (s->box.n == 0)
		return;
	csr_announcement a = s->rows[s->box.cursor];
	char question[CSR_ANNOUNCEMENT_TITLE_MAX + 32];
	snprintf(question, sizeof question, "Remove for everyone: '%s'?", a.title);
	if (!ui_confirm(s->app, question))
		return;
	csr_err err;
	if (csr_announcement_remove(s->app->db, a.id, &err) != CSR_OK)
		listbox_error(&s->box, &err);
	else
		listbox_message(&s->box, false, "Removed '%s'", a.title);
	reload(s);
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
		return ui_form_field_of(fields, n, err.msg);
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
	ui_field fields[F_COUNT] = {
		[F_TITLE] = { "Title", "A few words, shown in bold", 1, NULL, 0, f->a.title,
			      sizeof f->a.title },
		[F_TEXT] = { "Text", "What people should know", 4, NULL, 0, f->a.body,
			     sizeof f->a.body },
		[F_EXPIRY] = { "Expiry", "Optional: YYYY-MM-DD, the last day shown; Enter posts", 1,
			       NULL, 0, f->expiry, sizeof f->expiry },
	};
	memcpy(f->fields, fields, sizeof fields);
	if (ui_form_run(s->app, " Post an announcement ", f->fields, F_COUNT, save, f)) {
		listbox_message(&s->box, false, "Posted '%s'", f->a.title);
		reload(s);
		for (int i = 0; i < s->box.n; i++)
			if (s->rows[i].id == f->a.id)
				s->box.cursor = i;
	}
	free(f);
}

void announce_run(tui_app *app)
{
	announce *s = calloc(1, sizeof *s);
	if (!s)
		return;
	s->app = app;
	s->box = (ui_listbox){ .app = app, .title = s->title, .width_max = WIDTH_MAX,
			       .keys = "n post  d remove  Esc close",
			       .empty = "No announcements: n posts one.", .draw_row = draw_row,
			       .ctx = s };
	reload(s);
	for (int key; (key = listbox_key(&s->box)) != 0;) {
		if (key == 'n')
			post(s);
		else if (key == 'd' || key == TUI_FN(KEY_DC))
			remove_selected(s);
		else
			listbox_message(&s->box, true, "n posts an announcement, d removes the selected one");
	}
	free(s);
}
