/* SPDX-License-Identifier: MIT */
/* Notifications on the screen: the status line's glance, the pop-up after
 * a kiosk sign-in and the notifications list. */
#include "notices.h"

#include <stdio.h>
#include <stdlib.h>

#include "csrdesk/clock.h"
#include "csrdesk/format.h"
#include "csrdesk/i18n.h"
#include "csrdesk/notification.h"
#include "csrdesk/signup.h"
#include "csrdesk/text.h"
#include "widget.h"

enum {
	NOTICES_MAX = 50,    /* notifications read for one pop-up */
	NEXT_READ = 8,       /* upcoming places read to find the next confirmed one */
	NOTICES_WIDTH = 76,
	TEXT_BYTES = CSR_NOTIFICATION_TEXT_MAX,
};

/* Whose notifications: the person's, and at one's own login also those
 * addressed to the login (a lead without a volunteer record has only
 * those). At a kiosk the login is the terminal's, not the person's. */
static csr_recipient recipient_of(const tui_app *app)
{
	return (csr_recipient){ .volunteer_id = app->actor.volunteer_id,
				.unix_user = app->kiosk ? NULL : app->user };
}

static bool has_recipient(const csr_recipient *r)
{
	return r->volunteer_id != 0 || (r->unix_user && r->unix_user[0]);
}

/* ---- the glance ---- */

/* The first confirmed place among the upcoming ones (those on the
 * waitlist are no commitment yet). */
static csr_code next_place(tui_app *app, tui_glance *g, csr_err *err)
{
	csr_signup rows[NEXT_READ];
	int n = 0;
	if (app->actor.volunteer_id == 0)
		return CSR_OK;
	csr_code rc = csr_signup_page_volunteer(app->db, app->actor.volunteer_id,
						CSR_SPAN_UPCOMING, NULL, false, rows, NEXT_READ, &n,
						err);
	for (int i = 0; rc == CSR_OK && i < n && !g->have_next; i++)
		if (rows[i].status == CSR_SIGNUP_CONFIRMED) {
			g->have_next = true;
			snprintf(g->next_title, sizeof g->next_title, "%s", rows[i].title);
			g->next_starts_at = rows[i].starts_at;
		}
	return rc;
}

void notices_glance(tui_app *app)
{
	tui_glance g = { 0 };
	csr_recipient r = recipient_of(app);
	csr_err err;
	csr_code rc = has_recipient(&r) ? csr_notification_count_unread(app->db, &r, csr_now(),
									   &g.unread, &err)
					: CSR_OK;
	if (rc == CSR_OK)
		rc = next_place(app, &g, &err);
	if (rc != CSR_OK && !app->message[0])
		tui_error(app, &err);
	app->glance = g;
}

void notices_tick(tui_app *app)
{
	/* the next place has started: another is next now */
	if (app->glance.have_next && csr_now() >= app->glance.next_starts_at)
		notices_glance(app);
}

bool notices_next_text(const tui_app *app, int width, char *out, size_t size)
{
	const tui_glance *g = &app->glance;
	char when[CSR_TIME_TEXT_MAX], title[sizeof g->next_title];
	if (!g->have_next)
		return false;
	csr_time_format(g->next_starts_at, when, sizeof when);
	/* TRANSLATORS: in the status line: the person's next place, its
	 * initiative and when it starts: "Next: Blood donation drive,
	 * 2026-12-12 09:30" */
	snprintf(out, size, _("Next: %s, %s"), g->next_title, when);
	int over = ui_width(out) - width;
	if (over > 0) { /* the title gives way: when is what matters */
		csr_text_fit(g->next_title, ui_width(g->next_title) - over, ui_ascii(), title,
			     sizeof title);
		snprintf(out, size, _("Next: %s, %s"), title, when);
	}
	return true;
}

/* ---- the pop-up ---- */

typedef struct notice_rows {
	csr_notification *rows;
	int n;
} notice_rows;

static bool unread(const csr_notification *n)
{
	return n->read_at == 0;
}

/* One notification a line (wrapped), the unread ones marked "new". */
static void write_notices(void *ctx, ui_view *v)
{
	const notice_rows *nr = ctx;
	/* TRANSLATORS: the mark before an unread notification in the list
	 * (at most 6 columns) */
	const char *mark = _("new");
	int mark_w = ui_width(mark) + 2;
	char text[TEXT_BYTES];
	if (nr->n == 0)
		view_line(v, _("No notifications."), ui_attr(UI_DIM));
	for (int i = 0; i < nr->n; i++) {
		bool is_new = unread(&nr->rows[i]);
		csr_notification_text(&nr->rows[i], text, sizeof text);
		view_field(v, is_new ? mark : "", mark_w, text, is_new ? A_BOLD : A_NORMAL);
	}
}

/* Shows the rows; once the person closed the pop-up (not when they were
 * signed out or the program ends meanwhile), marks the unread ones read.
 * True when it marked some. */
static bool show_and_mark(tui_app *app, const char *title, notice_rows *nr)
{
	ui_text_popup(app, title, NOTICES_WIDTH, NULL, write_notices, nr);
	if (app->quit || app->sign_out)
		return false;
	int64_t ids[NOTICES_MAX];
	int n = 0;
	for (int i = 0; i < nr->n && n < NOTICES_MAX; i++)
		if (unread(&nr->rows[i]))
			ids[n++] = nr->rows[i].id;
	csr_err err;
	if (n == 0)
		return false;
	if (csr_notification_mark(app->db, CSR_CHANNEL_SCREEN, ids, n, &err) == CSR_OK)
		return true;
	tui_error(app, &err);
	return false;
}

/* The unread notifications due now, oldest first, or (recent) the newest,
 * read or not. */
static bool read_rows(tui_app *app, bool recent, notice_rows *nr)
{
	csr_recipient r = recipient_of(app);
	csr_err err;
	nr->n = 0;
	nr->rows = calloc(NOTICES_MAX, sizeof *nr->rows);
	if (!nr->rows || !has_recipient(&r))
		return nr->rows != NULL;
	csr_code rc = recent ? csr_notification_recent(app->db, &r, csr_now(), nr->rows,
						       NOTICES_MAX, &nr->n, &err)
			     : csr_notification_pending(app->db, &r, CSR_CHANNEL_SCREEN, csr_now(),
							nr->rows, NOTICES_MAX, &nr->n, &err);
	if (rc == CSR_OK)
		return true;
	tui_error(app, &err);
	return false;
}

void notices_after_sign_in(tui_app *app)
{
	notice_rows nr;
	char title[96], count[CSR_FMT_NUMBER_MAX];
	if (read_rows(app, false, &nr) && nr.n > 0) {
		csr_fmt_count(nr.n, count, sizeof count);
		/* TRANSLATORS: the title of the pop-up after signing in at the
		 * kiosk, with how many notifications it shows */
		snprintf(title, sizeof title,
			 csr_plural(nr.n, " %s new notification ", " %s new notifications "), count);
		show_and_mark(app, title, &nr);
		notices_glance(app);
	}
	free(nr.rows);
}

bool notices_run(tui_app *app)
{
	notice_rows nr;
	bool marked = false;
	if (read_rows(app, true, &nr))
		marked = show_and_mark(app, _(" Notifications "), &nr);
	free(nr.rows);
	return marked;
}
