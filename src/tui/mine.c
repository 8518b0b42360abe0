/* SPDX-License-Identifier: MIT */
/* The agent's own record: their places and hours (panel 2 for agents),
 * and setting one's own kiosk PIN from one's own login. */
#include "mine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "csrdesk/auth.h"
#include "csrdesk/clock.h"
#include "csrdesk/hours.h"
#include "csrdesk/initiative.h"
#include "csrdesk/text.h"
#include "csrdesk/volunteer.h"
#include "number.h"
#include "view.h"
#include "widget.h"

enum {
	SHOWN_MAX = 50, /* places and hours shown per section */
	PAGE = 32,      /* rows read at a time */
	ITEMS_MAX = 3 * SHOWN_MAX + 16,
	STATUS_W = 11,
	HOURS_W = 6,
	DETAIL_WIDTH_MAX = 76,
	LABEL_WIDTH = 10,
	NOTE_LINES = 8,   /* of the text for someone with no record */
	NOTE_BYTES = 512,
};

typedef enum item_kind {
	IT_BLANK,
	IT_NAME,
	IT_TOTALS,
	IT_SECTION, /* index: which section */
	IT_NOTE,    /* text */
	IT_UPCOMING, /* index into upcoming */
	IT_PAST,     /* index into past */
	IT_HOURS,    /* index into hours */
} item_kind;

/* One line of the record. */
typedef struct item {
	item_kind kind;
	int index;
	const char *text;
} item;

enum { SEC_UPCOMING, SEC_PAST, SEC_HOURS };

typedef struct mine {
	tui_app *app;
	csr_volunteer me;
	bool have_me;
	csr_signup upcoming[SHOWN_MAX], past[SHOWN_MAX];
	int nupcoming, npast;
	int rating[SHOWN_MAX]; /* the rating given for past[i], 0 = none */
	csr_hours hours[SHOWN_MAX];
	int nhours;
	int approved_minutes, pending_minutes; /* this calendar year */
	item items[ITEMS_MAX];
	int nitems;
	char note[NOTE_LINES][NOTE_BYTES]; /* the no-record text, wrapped */
	int cursor; /* the selected item, -1 = none */
	int scroll, height, width;
} mine;

/* ---- reading ---- */

typedef enum past_filter { PAST_ANY, PAST_LOGGABLE, PAST_ATTENDED } past_filter;

static bool past_counts(const csr_signup *p, past_filter f)
{
	switch (p->status) {
	case CSR_SIGNUP_ATTENDED: return true;
	case CSR_SIGNUP_CONFIRMED: return f != PAST_ATTENDED;
	case CSR_SIGNUP_NOSHOW: return f == PAST_ANY;
	default: return false; /* never got a place */
	}
}

static csr_code past_places(tui_app *app, past_filter filter, csr_signup *rows, int max, int *n,
			    csr_err *err)
{
	csr_signup page[PAGE];
	int64_t now = csr_now();
	*n = 0;
	for (int offset = 0;; offset += PAGE) {
		int got = 0;
		csr_code rc = csr_signup_list_volunteer(app->db, app->actor.volunteer_id, false,
							offset, page, PAGE, &got, err);
		if (rc != CSR_OK)
			return rc;
		for (int i = 0; i < got && *n < max; i++)
			if (page[i].starts_at <= now && past_counts(&page[i], filter))
				rows[(*n)++] = page[i];
		if (got < PAGE || *n >= max)
			return CSR_OK;
	}
}

csr_code mine_past_places(tui_app *app, bool attended_only, csr_signup *rows, int max, int *n,
			  csr_err *err)
{
	return past_places(app, attended_only ? PAST_ATTENDED : PAST_LOGGABLE, rows, max, n, err);
}

bool mine_has_record(tui_app *app)
{
	if (app->actor.volunteer_id != 0)
		return true;
	tui_message(app, "You (%s) have no volunteer record: a team lead can add you to the roster",
		    app->user);
	app->message_error = true;
	return false;
}

/* ---- choosing an initiative in a form ---- */

bool mine_choices_add(mine_choices *c, int64_t id, int64_t starts_at, const char *title)
{
	if (c->n >= MINE_CHOICES_MAX)
		return false;
	char date[16], clean[MINE_CHOICE_TEXT], trimmed[MINE_CHOICE_TEXT];
	if (title) {
		/* As the form will give it back, so that the texts compare equal. */
		csr_date_format(starts_at, date, sizeof date);
		ui_clean(title, clean, sizeof clean);
		csr_text_trim(clean, trimmed, sizeof trimmed);
		snprintf(c->text[c->n], sizeof c->text[c->n], "%s %.180s", date, trimmed);
	} else
		snprintf(c->text[c->n], sizeof c->text[c->n], "none");
	c->ids[c->n] = id;
	c->items[c->n] = c->text[c->n];
	c->n++;
	return true;
}

int64_t mine_choices_id(const mine_choices *c, const char *value)
{
	for (int i = 0; i < c->n; i++)
		if (strcmp(c->text[i], value) == 0)
			return c->ids[i];
	return 0;
}

const char *mine_choices_text(const mine_choices *c, int64_t id)
{
	for (int i = 0; i < c->n; i++)
		if (c->ids[i] == id)
			return c->text[i];
	return NULL;
}

/* Upcoming places, the soonest first. */
static csr_code load_upcoming(mine *m, csr_err *err)
{
	csr_code rc = csr_signup_list_volunteer(m->app->db, m->app->actor.volunteer_id, true, 0,
						m->upcoming, SHOWN_MAX, &m->nupcoming, err);
	for (int i = 0, j = m->nupcoming - 1; i < j; i++, j--) {
		csr_signup t = m->upcoming[i];
		m->upcoming[i] = m->upcoming[j];
		m->upcoming[j] = t;
	}
	return rc;
}

static csr_code load_past(mine *m, csr_err *err)
{
	csr_code rc = past_places(m->app, PAST_ANY, m->past, SHOWN_MAX, &m->npast, err);
	for (int i = 0; i < m->npast; i++) {
		csr_feedback fb;
		bool rated = m->past[i].status == CSR_SIGNUP_ATTENDED &&
			     rating_find(m->app, m->past[i].initiative_id, &fb);
		m->rating[i] = rated ? fb.rating : 0;
	}
	return rc;
}

static int64_t start_of_year(void)
{
	time_t now = (time_t)csr_now();
	struct tm tm;
	localtime_r(&now, &tm);
	tm = (struct tm){ .tm_year = tm.tm_year, .tm_mday = 1, .tm_isdst = -1 };
	return (int64_t)mktime(&tm);
}

static void count_hours(mine *m, const csr_hours *h)
{
	if (h->status == CSR_HOURS_APPROVED)
		m->approved_minutes += h->minutes;
	else if (h->status == CSR_HOURS_PENDING)
		m->pending_minutes += h->minutes;
}

/* The latest hours, and the totals of this year (newest first, so the
 * reading stops at the first older entry once the list is full). */
static csr_code load_hours(mine *m, csr_err *err)
{
	int64_t year = start_of_year();
	csr_hours page[PAGE];
	m->nhours = m->approved_minutes = m->pending_minutes = 0;
	for (int offset = 0;; offset += PAGE) {
		int got = 0;
		bool older = false;
		csr_code rc = csr_hours_list(m->app->db, m->app->actor.volunteer_id, offset, page,
					     PAGE, &got, err);
		if (rc != CSR_OK)
			return rc;
		for (int i = 0; i < got; i++) {
			if (m->nhours < SHOWN_MAX)
				m->hours[m->nhours++] = page[i];
			if (page[i].worked_on < year)
				older = true;
			else
				count_hours(m, &page[i]);
		}
		if (got < PAGE || (older && m->nhours >= SHOWN_MAX))
			return CSR_OK;
	}
}

/* ---- the lines of the record ---- */

static void add(mine *m, item_kind kind, int index, const char *text)
{
	if (m->nitems < ITEMS_MAX)
		m->items[m->nitems++] = (item){ kind, index, text };
}

static bool selectable(const item *it)
{
	return it->kind == IT_UPCOMING || it->kind == IT_PAST || it->kind == IT_HOURS;
}

static void add_section(mine *m, int section, int n, item_kind kind, const char *none)
{
	add(m, IT_SECTION, section, NULL);
	if (n == 0)
		add(m, IT_NOTE, 0, none);
	for (int i = 0; i < n; i++)
		add(m, kind, i, NULL);
}

/* Someone with no volunteer record (an SSH user not in the roster): what
 * to do about it, wrapped to the width. */
static void build_no_record(mine *m)
{
	char text[NOTE_BYTES], clean[NOTE_BYTES];
	snprintf(text, sizeof text, "You (%s) have no volunteer record yet, so there is nothing"
		 " of yours to show here. Ask a team lead to add you to the roster with your user"
		 " name %s (the unix_user column of csrdesk import volunteers), then start csrdesk"
		 " again.", m->app->user, m->app->user);
	ui_clean(text, clean, sizeof clean);
	const char *p = clean;
	for (int i = 0; i < NOTE_LINES && ui_wrap(&p, m->width - 3, m->note[i], NOTE_BYTES); i++)
		add(m, IT_NOTE, 0, m->note[i]);
}

static void build_items(mine *m)
{
	m->nitems = 0;
	if (!m->have_me) {
		build_no_record(m);
		return;
	}
	add(m, IT_NAME, 0, NULL);
	add(m, IT_TOTALS, 0, NULL);
	add(m, IT_BLANK, 0, NULL);
	add_section(m, SEC_UPCOMING, m->nupcoming, IT_UPCOMING,
		    "  None: s on the Initiatives panel (1) signs you up.");
	add(m, IT_BLANK, 0, NULL);
	add_section(m, SEC_PAST, m->npast, IT_PAST, "  None yet.");
	add(m, IT_BLANK, 0, NULL);
	add_section(m, SEC_HOURS, m->nhours, IT_HOURS, "  None yet: l logs hours you gave.");
}

/* What an item stands for, to find it again after reading again. */
static int64_t item_key(const mine *m, const item *it)
{
	switch (it->kind) {
	case IT_UPCOMING: return m->upcoming[it->index].id;
	case IT_PAST: return m->past[it->index].id;
	case IT_HOURS: return m->hours[it->index].id;
	default: return 0;
	}
}

/* The first selectable item from i in direction dir; -1 when none. */
static int next_selectable(const mine *m, int i, int dir)
{
	for (; i >= 0 && i < m->nitems; i += dir)
		if (selectable(&m->items[i]))
			return i;
	return -1;
}

/* Keeps the view on the cursor (and on the top when it is the first item). */
static void follow_cursor(mine *m)
{
	if (m->cursor < 0 || m->cursor == next_selectable(m, 0, 1))
		m->scroll = 0;
	else if (m->cursor - 1 < m->scroll)
		m->scroll = m->cursor - 1; /* with the heading or the line above */
	else if (m->cursor >= m->scroll + m->height)
		m->scroll = m->cursor - m->height + 1;
	m->scroll = view_clamp(m->scroll, m->nitems, m->height);
}

/* After reading again: the cursor on the same entry, else near where it was. */
static void place_cursor(mine *m, item_kind kind, int64_t key, int old)
{
	m->cursor = -1;
	for (int i = 0; i < m->nitems && m->cursor < 0; i++)
		if (m->items[i].kind == kind && selectable(&m->items[i]) &&
		    item_key(m, &m->items[i]) == key)
			m->cursor = i;
	if (m->cursor < 0)
		m->cursor = next_selectable(m, old < m->nitems ? old : m->nitems - 1, 1);
	if (m->cursor < 0)
		m->cursor = next_selectable(m, m->nitems - 1, -1);
	follow_cursor(m);
}

static void load(void *self)
{
	mine *m = self;
	item_kind kind = m->cursor >= 0 ? m->items[m->cursor].kind : IT_BLANK;
	int64_t key = m->cursor >= 0 ? item_key(m, &m->items[m->cursor]) : 0;
	csr_err err;
	m->have_me = m->app->actor.volunteer_id != 0 &&
		     csr_volunteer_get(m->app->db, m->app->actor.volunteer_id, &m->me, &err) ==
			     CSR_OK;
	m->nupcoming = m->npast = m->nhours = 0;
	if (m->have_me && (load_upcoming(m, &err) != CSR_OK || load_past(m, &err) != CSR_OK ||
			   load_hours(m, &err) != CSR_OK))
		tui_error(m->app, &err);
	build_items(m);
	place_cursor(m, kind, key, m->cursor < 0 ? 0 : m->cursor);
}

/* ---- drawing ---- */

static void hours_text(int minutes, char *out, size_t size)
{
	ui_number_format(minutes / 60.0, out, size);
}

static void draw_name(mine *m, WINDOW *w, int y)
{
	char who[CSR_EMPLOYEE_ID_MAX + CSR_TEAM_MAX + 8];
	if (m->me.team[0])
		snprintf(who, sizeof who, "(%s, %s)", m->me.employee_id, m->me.team);
	else
		snprintf(who, sizeof who, "(%s)", m->me.employee_id);
	int x = 1 + ui_text(w, y, 1, m->width - 2, m->me.name, ui_attr(UI_TITLE), false);
	if (x + 2 < m->width - 1)
		ui_text(w, y, x + 1, m->width - x - 2, who, ui_attr(UI_DIM), false);
}

static void draw_totals(mine *m, WINDOW *w, int y)
{
	char approved[32], pending[32], text[160];
	time_t now = (time_t)csr_now();
	struct tm tm;
	localtime_r(&now, &tm);
	hours_text(m->approved_minutes, approved, sizeof approved);
	int n = snprintf(text, sizeof text, "%s hour%s approved in %d", approved,
			 m->approved_minutes == 60 ? "" : "s", tm.tm_year + 1900);
	if (m->pending_minutes > 0) {
		hours_text(m->pending_minutes, pending, sizeof pending);
		snprintf(text + n, sizeof text - (size_t)n, ", %s waiting for approval", pending);
	}
	ui_text(w, y, 1, m->width - 2, text, A_NORMAL, false);
}

static void draw_section(mine *m, WINDOW *w, int y, int section)
{
	static const char *const titles[] = { "Upcoming places", "Past places", "Hours" };
	const int counts[] = { m->nupcoming, m->npast, m->nhours };
	char text[64];
	snprintf(text, sizeof text, counts[section] == SHOWN_MAX ? "%s (latest %d)" : "%s (%d)",
		 titles[section], counts[section]);
	ui_text(w, y, 1, m->width - 2, text, ui_attr(UI_TITLE), false);
}

/* "2026-05-14 09:00" when there is room, else the date. */
static int when_text(const mine *m, int64_t t, char *out, size_t size)
{
	if (m->width >= 64)
		csr_time_format(t, out, size);
	else
		csr_date_format(t, out, size);
	return ui_width(out) + 2;
}

/* The status column of a place, and its color. */
static ui_role place_status(const mine *m, const item *it, char *out, size_t size)
{
	const csr_signup *p = it->kind == IT_UPCOMING ? &m->upcoming[it->index]
						      : &m->past[it->index];
	int rating = it->kind == IT_PAST ? m->rating[it->index] : 0;
	if (rating > 0)
		snprintf(out, size, "rated %d/5", rating);
	else
		snprintf(out, size, "%s", csr_signup_status_name(p->status));
	return p->status == CSR_SIGNUP_WAITLISTED ? UI_WARN
	       : p->status == CSR_SIGNUP_ATTENDED ? UI_GOOD
	       : p->status == CSR_SIGNUP_NOSHOW   ? UI_DIM
						  : UI_NORMAL;
}

static void draw_place(mine *m, WINDOW *w, int y, const item *it, attr_t base, bool selected)
{
	const csr_signup *p = it->kind == IT_UPCOMING ? &m->upcoming[it->index]
						      : &m->past[it->index];
	char when[32], status[32];
	int when_w = when_text(m, p->starts_at, when, sizeof when);
	ui_role role = place_status(m, it, status, sizeof status);
	ui_text(w, y, 2, when_w, when, selected ? base : ui_attr(UI_DIM), false);
	ui_text(w, y, 2 + when_w, m->width - 5 - when_w - STATUS_W, p->title, base, false);
	ui_text(w, y, m->width - STATUS_W - 1, STATUS_W, status, selected ? base : ui_attr(role),
		false);
}

static void draw_hours(mine *m, WINDOW *w, int y, const csr_hours *h, attr_t base,
		       bool selected)
{
	char date[16], hours[24];
	csr_date_format(h->worked_on, date, sizeof date);
	hours_text(h->minutes, hours, sizeof hours);
	int date_w = ui_width(date) + 1;
	int what_x = 2 + date_w + HOURS_W + 1;
	ui_role role = h->status == CSR_HOURS_PENDING	 ? UI_WARN
		       : h->status == CSR_HOURS_APPROVED ? UI_GOOD
							 : UI_DIM;
	ui_text(w, y, 2, date_w, date, selected ? base : ui_attr(UI_DIM), false);
	ui_text_right(w, y, 2 + date_w, HOURS_W, hours, base);
	ui_text(w, y, what_x, m->width - what_x - STATUS_W - 2,
		h->title[0] ? h->title : h->note[0] ? h->note : "-", base, false);
	ui_text(w, y, m->width - STATUS_W - 1, STATUS_W, csr_hours_status_name(h->status),
		selected ? base : ui_attr(role), false);
}

static void draw_item(mine *m, WINDOW *w, int y, int i)
{
	const item *it = &m->items[i];
	bool selected = i == m->cursor;
	attr_t base = selected ? ui_attr(UI_SELECTED) : A_NORMAL;
	ui_blank(w, y, 0, m->width, base);
	switch (it->kind) {
	case IT_NAME: draw_name(m, w, y); break;
	case IT_TOTALS: draw_totals(m, w, y); break;
	case IT_SECTION: draw_section(m, w, y, it->index); break;
	case IT_NOTE: ui_text(w, y, 1, m->width - 2, it->text, ui_attr(UI_DIM), false); break;
	case IT_UPCOMING:
	case IT_PAST: draw_place(m, w, y, it, base, selected); break;
	case IT_HOURS: draw_hours(m, w, y, &m->hours[it->index], base, selected); break;
	case IT_BLANK: break;
	}
	if (selected) /* a mark that shows without colors or attributes too */
		ui_text(w, y, 0, 1, ">", base, false);
}

static void draw(void *self, WINDOW *w, int y)
{
	mine *m = self;
	for (int row = 0; row < m->height; row++) {
		int i = m->scroll + row;
		if (i < m->nitems)
			draw_item(m, w, y + row, i);
		else
			ui_blank(w, y + row, 0, m->width, A_NORMAL);
	}
	if (m->scroll > 0)
		ui_text(w, y, m->width - 1, 1, "^", ui_attr(UI_DIM), false);
	if (m->scroll + m->height < m->nitems)
		ui_text(w, y + m->height - 1, m->width - 1, 1, "v", ui_attr(UI_DIM), false);
}

/* ---- the details of a place's initiative ---- */

static void write_details(const csr_initiative *in, const csr_signup *place, ui_view *v)
{
	char start[32], end[32], start_day[16], end_day[16], places[96], when[80];
	csr_time_format(in->starts_at, start, sizeof start);
	csr_time_format(in->ends_at, end, sizeof end);
	csr_date_format(in->starts_at, start_day, sizeof start_day);
	csr_date_format(in->ends_at, end_day, sizeof end_day);
	size_t day_len = strlen(end_day);
	bool same_day = strcmp(start_day, end_day) == 0 && strlen(end) > day_len;
	snprintf(when, sizeof when, "%s %s %s", start, ui_glyph()->dash,
		 same_day ? end + day_len + 1 : end);
	int n = snprintf(places, sizeof places, "%d of %d taken", in->confirmed, in->capacity);
	if (in->waitlisted > 0)
		snprintf(places + n, sizeof places - (size_t)n, ", %d on the waitlist", in->waitlisted);
	view_para(v, in->title, ui_attr(UI_TITLE), 0);
	view_field(v, "When", LABEL_WIDTH, when, A_NORMAL);
	view_field(v, "Location", LABEL_WIDTH, in->location[0] ? in->location : "-", A_NORMAL);
	view_field(v, "Partner", LABEL_WIDTH, in->partner_name[0] ? in->partner_name : "-",
		   A_NORMAL);
	view_field(v, "Status", LABEL_WIDTH, csr_initiative_status_name(in->status), A_NORMAL);
	view_field(v, "Places", LABEL_WIDTH, places, A_NORMAL);
	view_field(v, "You", LABEL_WIDTH, csr_signup_status_name(place->status), A_NORMAL);
	view_blank(v);
	view_para(v, in->description[0] ? in->description : "(no description)", A_NORMAL, 0);
}

/* Opens the pop-up and writes the details into it, as high as they need
 * (at most the screen); returns the lines written, -1 when it failed. */
static int details_popup(ui_popup *p, const csr_initiative *in, const csr_signup *place,
			 int scroll)
{
	int width = COLS < DETAIL_WIDTH_MAX ? COLS : DETAIL_WIDTH_MAX;
	int height = LINES - 2, lines = 0;
	for (int pass = 0; pass < 2; pass++) {
		if (!ui_popup_open(p, height, width, -1, -1, " Initiative "))
			return -1;
		ui_view v;
		view_begin(&v, p->win, 1, 2, p->height - 3, p->width - 4, scroll);
		write_details(in, place, &v);
		lines = view_end(&v);
		if (pass == 1 || lines + 3 >= p->height)
			break;
		height = lines + 3;
		ui_popup_close(p);
	}
	ui_text(p->win, p->height - 2, 2, p->width - 4, "Up/Down scroll   Esc close",
		ui_attr(UI_DIM), true);
	return lines;
}

/* A pop-up with the initiative a place is on; Up/Down scroll, Esc closes. */
static void show_details(mine *m, const csr_initiative *in, const csr_signup *place)
{
	int scroll = 0;
	for (bool open = true; open;) {
		ui_popup p;
		int lines = details_popup(&p, in, place, scroll);
		if (lines < 0)
			return;
		ui_show(m->app);
		int key = 0;
		tui_event ev = tui_read(m->app, &key);
		ui_popup_close(&p); /* after the read, which refreshes what is under it */
		if (ev == TUI_EV_RESIZE)
			tui_resized(m->app);
		else if (ev == TUI_EV_QUIT)
			open = false;
		else if (ev == TUI_EV_KEY && key == TUI_FN(KEY_DOWN))
			scroll = view_clamp(scroll + 1, lines, p.height - 3);
		else if (ev == TUI_EV_KEY && key == TUI_FN(KEY_UP))
			scroll = scroll > 0 ? scroll - 1 : 0;
		else if (ev == TUI_EV_KEY)
			open = false;
	}
}

/* ---- actions ---- */

static const csr_signup *selected_place(mine *m)
{
	if (m->cursor < 0)
		return NULL;
	const item *it = &m->items[m->cursor];
	return it->kind == IT_UPCOMING ? &m->upcoming[it->index]
	       : it->kind == IT_PAST   ? &m->past[it->index]
				       : NULL;
}

static void open_details(mine *m)
{
	const csr_signup *place = selected_place(m);
	if (!place) {
		tui_message(m->app, "Select a place to see its initiative");
		return;
	}
	csr_initiative *in = malloc(sizeof *in);
	csr_err err;
	if (in && csr_initiative_get(m->app->db, place->initiative_id, in, &err) == CSR_OK)
		show_details(m, in, place);
	else if (in)
		tui_error(m->app, &err);
	free(in);
}

static void cancel_place(mine *m)
{
	const item *it = m->cursor >= 0 ? &m->items[m->cursor] : NULL;
	if (!it || it->kind != IT_UPCOMING) {
		tui_message(m->app, "Select an upcoming place to cancel it");
		return;
	}
	csr_signup p = m->upcoming[it->index];
	char question[CSR_INITIATIVE_TITLE_MAX + 48];
	snprintf(question, sizeof question, "Cancel your place on '%s'?", p.title);
	if (!ui_confirm(m->app, question))
		return;
	csr_signup_result r;
	csr_err err;
	if (csr_signup_cancel(m->app->db, p.initiative_id, p.volunteer_id, &r, &err) != CSR_OK)
		tui_error(m->app, &err);
	else
		tui_message(m->app, "Cancelled your place on '%s'", p.title);
	load(m);
}

/* The initiative of the selected past place (hours and ratings are for
 * those); 0 when another line is selected. */
static int64_t selected_past(mine *m, bool attended_only)
{
	const csr_signup *p = selected_place(m);
	if (!p || m->items[m->cursor].kind != IT_PAST ||
	    !past_counts(p, attended_only ? PAST_ATTENDED : PAST_LOGGABLE))
		return 0;
	return p->initiative_id;
}

static void move_to(mine *m, int i)
{
	if (i >= 0)
		m->cursor = i;
	follow_cursor(m);
}

static bool move_cursor(mine *m, tui_action act)
{
	int page = m->height > 2 ? m->height - 2 : 1;
	int next;
	switch (act) {
	case ACT_UP: move_to(m, next_selectable(m, m->cursor - 1, -1)); return true;
	case ACT_DOWN: move_to(m, next_selectable(m, m->cursor + 1, 1)); return true;
	case ACT_HOME: move_to(m, next_selectable(m, 0, 1)); return true;
	case ACT_END: move_to(m, next_selectable(m, m->nitems - 1, -1)); return true;
	case ACT_PAGE_UP:
		next = next_selectable(m, m->cursor - page > 0 ? m->cursor - page : 0, 1);
		move_to(m, next >= 0 && next < m->cursor ? next : next_selectable(m, 0, 1));
		return true;
	case ACT_PAGE_DOWN:
		next = next_selectable(m, m->cursor + page, -1);
		move_to(m, next > m->cursor ? next : next_selectable(m, m->nitems - 1, -1));
		return true;
	default: return false;
	}
}

static bool handle(void *self, tui_action act)
{
	mine *m = self;
	if (m->cursor >= 0 && move_cursor(m, act))
		return true;
	if (act != ACT_OPEN && act != ACT_CANCEL && act != ACT_LOG_HOURS && act != ACT_RATE)
		return false;
	if (!mine_has_record(m->app))
		return true;
	switch (act) {
	case ACT_OPEN: open_details(m); break;
	case ACT_CANCEL: cancel_place(m); break;
	case ACT_LOG_HOURS:
		if (hours_form_run(m->app, selected_past(m, false)))
			load(m);
		break;
	default:
		if (rating_form_run(m->app, selected_past(m, true)))
			load(m);
		break;
	}
	return true;
}

/* ---- one's own PIN ---- */

/* The current PIN (when one is set), then the new one twice; false on Esc
 * or when the two differ (said so). */
static bool ask_pins(tui_app *app, bool has_pin, char *old, char *pin, char *again, size_t size)
{
	char label[64];
	snprintf(label, sizeof label, "New PIN (%d to %d digits):", CSR_PIN_MIN, CSR_PIN_MAX);
	if ((has_pin && !ui_prompt_digits(app, "Your current PIN:", old, size)) ||
	    !ui_prompt_digits(app, label, pin, size) ||
	    !ui_prompt_digits(app, "The new PIN again:", again, size)) {
		tui_message(app, "Your PIN is unchanged");
		return false;
	}
	if (strcmp(pin, again) == 0)
		return true;
	tui_message(app, "The two new PINs differ: your PIN is unchanged");
	app->message_error = true;
	return false;
}

void mine_own_pin_run(tui_app *app)
{
	csr_volunteer me;
	csr_err err;
	if (!mine_has_record(app))
		return;
	if (csr_volunteer_get(app->db, app->actor.volunteer_id, &me, &err) != CSR_OK) {
		tui_error(app, &err);
		return;
	}
	char old[CSR_PIN_MAX + 1] = "", pin[CSR_PIN_MAX + 1] = "", again[CSR_PIN_MAX + 1] = "";
	if (ask_pins(app, me.has_pin, old, pin, again, sizeof pin)) {
		if (csr_auth_set_own_pin(app->db, me.employee_id, me.has_pin ? old : NULL, pin,
					 &err) != CSR_OK)
			tui_error(app, &err);
		else
			tui_message(app, "Your kiosk PIN is set: sign in at a floor terminal with %s"
				    " and this PIN", me.employee_id);
	}
	explicit_bzero(old, sizeof old);
	explicit_bzero(pin, sizeof pin);
	explicit_bzero(again, sizeof again);
}

/* ---- the panel ---- */

static void *open_panel(tui_app *app)
{
	mine *m = calloc(1, sizeof *m);
	if (!m)
		return NULL;
	m->app = app;
	m->cursor = -1;
	return m;
}

static void close_panel(void *self)
{
	free(self);
}

static void layout(void *self, int height, int width)
{
	mine *m = self;
	m->height = height;
	m->width = width;
	build_items(m); /* the no-record text is wrapped to the width */
	follow_cursor(m);
}

const panel_ops mine_panel = {
	.title = "My record",
	.open = open_panel,
	.close = close_panel,
	.layout = layout,
	.load = load,
	.draw = draw,
	.handle = handle,
};
