/* SPDX-License-Identifier: MIT */
/* The agent's own record (their second panel, instead of the volunteers
 * list: agents must not browse other people's records): their upcoming
 * and past places and their hours, as one list of sections that pages
 * through the database; and setting one's own kiosk PIN. */
#include "record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csrdesk/auth.h"
#include "csrdesk/clock.h"
#include "csrdesk/feedback.h"
#include "csrdesk/format.h"
#include "csrdesk/i18n.h"
#include "csrdesk/hours.h"
#include "csrdesk/initiative.h"
#include "csrdesk/period.h"
#include "csrdesk/volunteer.h"
#include "dialog.h"
#include "facts.h"
#include "list.h"
#include "picker.h"
#include "widget.h"

enum {
	DETAIL_WIDTH_MAX = 76,
	WHEN_WITH_TIME = 16, /* "2026-05-14 09:00" */
	NOTE_BYTES = 512,
	COL_WHEN = 0, COL_WHAT, COL_HOURS, COL_STATUS, COLUMNS,
};

/* Not const: fit_to_language widens them for longer words. */
static ui_column columns[COLUMNS] = {
	[COL_WHEN] = { N_("When"), 10, WHEN_WITH_TIME, WHEN_WITH_TIME, 1, 0, false, 0, 0 },
	[COL_WHAT] = { N_("What"), 12, 80, 0, 1, 0, false, 0, 0 },
	/* TRANSLATORS: column header, 5 or 6 columns */
	[COL_HOURS] = { N_("Hours"), 5, 6, 0, 0, 1, true, 0, 0 },
	[COL_STATUS] = { N_("Status"), 9, 11, 0, 0, 0, false, 0, 0 },
};

enum { STATUS_WIDTH_MAX = 16 };

static int wider(int w, const char *text)
{
	int tw = ui_width(text);
	return tw > w ? tw : w;
}

/* In another language than English the status column gets room for the
 * widest status ("nicht erschienen"), and the hours column a short header;
 * English keeps the widths as they are. */
static void fit_to_language(void)
{
	if (strcmp(csr_i18n_language(), "en") == 0)
		return;
	/* TRANSLATORS: the header of the hours column of one's own record: at
	 * most 6 columns ("Std.") */
	columns[COL_HOURS].title = C_("column", "Hours");
	int w = ui_width(_("rated %d/5")) - 1; /* one digit for %d */
	for (int st = CSR_SIGNUP_CONFIRMED; st <= CSR_SIGNUP_NOSHOW; st++)
		w = wider(w, csr_signup_status_label((csr_signup_status)st));
	for (int st = CSR_HOURS_PENDING; st <= CSR_HOURS_REJECTED; st++)
		w = wider(w, csr_hours_status_label((csr_hours_status)st));
	w = w < STATUS_WIDTH_MAX ? w : STATUS_WIDTH_MAX;
	if (w > columns[COL_STATUS].min)
		columns[COL_STATUS].min = columns[COL_STATUS].max = w;
}

/* ---- the lines: a fixed run of segments, three of them paged lists ---- */

typedef enum segment_kind { SEG_TOTALS, SEG_GAP, SEG_HEAD, SEG_ITEMS } segment_kind;
typedef enum section { SEC_UPCOMING, SEC_PAST, SEC_HOURS, SECTIONS } section;

static const struct {
	segment_kind kind;
	section sec;
} segments[] = {
	{ SEG_TOTALS, 0 },
	{ SEG_GAP, 0 },
	{ SEG_HEAD, SEC_UPCOMING }, { SEG_ITEMS, SEC_UPCOMING }, { SEG_GAP, 0 },
	{ SEG_HEAD, SEC_PAST }, { SEG_ITEMS, SEC_PAST }, { SEG_GAP, 0 },
	{ SEG_HEAD, SEC_HOURS }, { SEG_ITEMS, SEC_HOURS },
};
enum { SEGMENTS = sizeof segments / sizeof segments[0] };

/* One line of the record: a segment's own line (totals, gap, heading, or
 * "none" for an empty section), or an item of a section. */
typedef struct record_line {
	int64_t id; /* unique over the record: the segment in the high bits */
	int seg;
	bool item;
	int rating; /* a past place's rating, 0 = none */
	union {
		csr_signup place;
		csr_hours hours;
	} u;
} record_line;

typedef struct record {
	ui_list list; /* first: the list panel operations work on it */
	tui_app *app;
	csr_volunteer me;
	bool have_me;
	int64_t counts[SECTIONS];
	csr_period year; /* this calendar year, as of the last count */
	int64_t approved_minutes, pending_minutes; /* in it */
	own_places places[2]; /* the sources of upcoming and past places */
	char note[NOTE_BYTES]; /* what someone with no record is told */
} record;

static void with_id(record_line *l)
{
	int64_t item = segments[l->seg].sec == SEC_HOURS ? l->u.hours.id : l->u.place.id;
	l->id = ((int64_t)(l->seg + 1) << 40) | (l->item ? item : 0);
}

/* A segment's line of its own. */
static record_line line_of(int seg)
{
	record_line l = { .seg = seg };
	with_id(&l);
	return l;
}

/* ---- reading one section ---- */

static csr_code section_page(record *r, section sec, const record_line *from, bool backward,
			     record_line *out, int max, int *n, csr_err *err)
{
	csr_hours_query q = { .volunteer_id = r->app->actor.volunteer_id };
	size_t size = sec == SEC_HOURS ? sizeof(csr_hours) : sizeof(csr_signup);
	unsigned char *rows = malloc((size_t)(max > 0 ? max : 1) * size);
	if (!rows)
		return csr_fail(err, CSR_ENOMEM, _("out of memory"));
	const void *after = from ? (const void *)&from->u : NULL;
	csr_code rc = sec == SEC_HOURS
			      ? csr_hours_page(r->app->db, &q, after, backward, (csr_hours *)rows, max,
					       n, err)
			      : own_places_source.fetch(&r->places[sec], after, backward, rows, max, n,
							err);
	for (int i = 0; rc == CSR_OK && i < *n; i++) {
		record_line *l = &out[i];
		*l = (record_line){ .item = true };
		memcpy(&l->u, rows + (size_t)i * size, size);
	}
	free(rows);
	return rc;
}

/* Tags the items read with their segment; past places get their rating. */
static void tag(record *r, int seg, record_line *lines, int n)
{
	for (int i = 0; i < n; i++) {
		lines[i].seg = seg;
		with_id(&lines[i]);
		csr_feedback fb;
		if (segments[seg].sec == SEC_PAST && lines[i].u.place.status == CSR_SIGNUP_ATTENDED &&
		    csr_feedback_get(r->app->db, lines[i].u.place.initiative_id,
				     r->app->actor.volunteer_id, &fb, NULL) == CSR_OK)
			lines[i].rating = fb.rating;
	}
}

/* ---- the record as one source ---- */

static void reverse(record_line *lines, int n)
{
	for (int i = 0, j = n - 1; i < j; i++, j--) {
		record_line t = lines[i];
		lines[i] = lines[j];
		lines[j] = t;
	}
}

/* Reads the lines after (backward: before) from, segment by segment; a
 * backward page is read the other way round, then turned into list order. */
static csr_code fetch(void *ctx, const void *from, bool back, void *out, int max, int *n,
		      csr_err *err)
{
	record *r = ctx;
	record_line *rows = out;
	const record_line *f = from;
	int step = back ? -1 : 1;
	/* from a line of its own: on from the segment after (before) it */
	int seg = !f ? (back ? SEGMENTS - 1 : 0) : f->item ? f->seg : f->seg + step;
	f = f && f->item ? f : NULL;
	*n = 0;
	for (; seg >= 0 && seg < SEGMENTS && *n < max; seg += step, f = NULL) {
		section sec = segments[seg].sec;
		if (segments[seg].kind != SEG_ITEMS || r->counts[sec] == 0) {
			if (!f) /* a line of its own ("none" for an empty section) */
				rows[(*n)++] = line_of(seg);
			continue;
		}
		int got = 0;
		csr_code rc = section_page(r, sec, f, back, rows + *n, max - *n, &got, err);
		if (rc != CSR_OK)
			return rc;
		tag(r, seg, rows + *n, got);
		if (back)
			reverse(rows + *n, got);
		*n += got;
	}
	if (back)
		reverse(rows, *n);
	return CSR_OK;
}

static const pager_source source = PAGER_SOURCE(record_line, id, fetch, NULL);

static bool selectable(const void *row)
{
	return ((const record_line *)row)->item;
}

/* ---- counting ---- */

/* The lines of the record; counts each section and this year's hours. */
static csr_code count(void *ctx, int64_t *out, csr_err *err)
{
	record *r = ctx;
	int64_t me = r->app->actor.volunteer_id;
	csr_hours_query q = { .volunteer_id = me };
	csr_period_year(csr_now(), &r->year);
	r->have_me = me != 0 && csr_volunteer_get(r->app->db, me, &r->me, err) == CSR_OK;
	csr_code rc = r->have_me ? CSR_OK : err->code;
	if (rc == CSR_OK)
		rc = own_places_count(&r->places[SEC_UPCOMING], &r->counts[SEC_UPCOMING], err);
	if (rc == CSR_OK)
		rc = own_places_count(&r->places[SEC_PAST], &r->counts[SEC_PAST], err);
	if (rc == CSR_OK)
		rc = csr_hours_count(r->app->db, &q, &r->counts[SEC_HOURS], err);
	if (rc == CSR_OK)
		rc = csr_hours_totals(r->app->db, me, r->year.from, &r->approved_minutes,
				      &r->pending_minutes, err);
	*out = me ? SEGMENTS - SECTIONS : 0; /* nothing to show without a record */
	for (int s = 0; me && s < SECTIONS; s++)
		*out += r->counts[s] > 0 ? r->counts[s] : 1;
	return me ? rc : CSR_OK;
}

/* ---- drawing ---- */

static void summary(void *ctx, char *out, size_t size)
{
	record *r = ctx;
	if (!r->have_me)
		snprintf(out, size, "%s", r->app->user);
	else if (r->me.team[0])
		snprintf(out, size, "%s (%s, %s)", r->me.name, r->me.employee_id, r->me.team);
	else
		snprintf(out, size, "%s (%s)", r->me.name, r->me.employee_id);
}

static void totals_cell(record *r, list_cells *c)
{
	char approved[CSR_FMT_NUMBER_MAX], pending[CSR_FMT_NUMBER_MAX];
	long long many = csr_fmt_hours_plural(r->approved_minutes);
	csr_fmt_hours(r->approved_minutes, approved, sizeof approved);
	if (r->pending_minutes <= 0) {
		/* TRANSLATORS: hours approved in a year: "12.5 hours approved in 2026" */
		snprintf(c->text[0], sizeof c->text[0],
			 csr_plural(many, "%s hour approved in %s", "%s hours approved in %s"),
			 approved, r->year.label);
		return;
	}
	csr_fmt_hours(r->pending_minutes, pending, sizeof pending);
	/* TRANSLATORS: hours approved in a year, then hours not yet approved:
	 * "12.5 hours approved in 2026, 2 waiting for approval" */
	snprintf(c->text[0], sizeof c->text[0],
		 csr_plural(many, "%s hour approved in %s, %s waiting for approval",
			    "%s hours approved in %s, %s waiting for approval"),
		 approved, r->year.label, pending);
}

static void own_line(record *r, int seg, list_cells *c)
{
	/* TRANSLATORS: headings of the sections of one's own record, with how
	 * many lines each has: "Upcoming places (2)" */
	static const char *const titles[] = { N_("Upcoming places (%s)"), N_("Past places (%s)"),
					      N_("Hours (%s)") };
	static const char *const none[] = {
		N_("None: s on the Initiatives panel (1) signs you up."),
		N_("None yet."),
		N_("None yet: l logs hours you gave."),
	};
	section sec = segments[seg].sec;
	char count[CSR_FMT_NUMBER_MAX];
	c->span = true;
	switch (segments[seg].kind) {
	case SEG_TOTALS: totals_cell(r, c); break;
	case SEG_HEAD:
		csr_fmt_count(r->counts[sec], count, sizeof count);
		snprintf(c->text[0], sizeof c->text[0], _(titles[sec]), count);
		c->row = UI_TITLE;
		break;
	case SEG_ITEMS:
		list_cell(c, 0, " %s", _(none[sec]));
		c->row = UI_DIM;
		break;
	case SEG_GAP: break;
	}
}

static void place_cells(record *r, const record_line *l, list_cells *c)
{
	const csr_signup *p = &l->u.place;
	if (r->list.cols[COL_WHEN].width >= WHEN_WITH_TIME)
		csr_time_format(p->starts_at, c->text[COL_WHEN], sizeof c->text[COL_WHEN]);
	else
		csr_date_format(p->starts_at, c->text[COL_WHEN], sizeof c->text[COL_WHEN]);
	list_cell(c, COL_WHAT, "%s", p->title);
	if (l->rating > 0)
		/* TRANSLATORS: the status of a past place the person rated: "rated 4/5" */
		list_cell(c, COL_STATUS, _("rated %d/5"), l->rating);
	else
		list_cell(c, COL_STATUS, "%s", csr_signup_status_label(p->status));
	c->attr[COL_STATUS] = facts_signup_attr(p->status);
}

static void hours_cells(const record_line *l, list_cells *c)
{
	const csr_hours *h = &l->u.hours;
	csr_date_format(h->worked_on, c->text[COL_WHEN], sizeof c->text[COL_WHEN]);
	csr_fmt_hours(h->minutes, c->text[COL_HOURS], sizeof c->text[COL_HOURS]);
	const char *what = h->title[0] ? h->title : h->note[0] ? h->note : "-";
	if (h->reason[0]) /* why a lead rejected them */
		/* TRANSLATORS: hours a lead rejected: what they were for, then why */
		list_cell(c, COL_WHAT, _("%s (rejected: %s)"), what, h->reason);
	else
		list_cell(c, COL_WHAT, "%s", what);
	list_cell(c, COL_STATUS, "%s", csr_hours_status_label(h->status));
	c->attr[COL_STATUS] = facts_hours_attr(h->status);
}

static void cells(void *ctx, const void *row, list_cells *c)
{
	record *r = ctx;
	const record_line *l = row;
	if (!l->item)
		own_line(r, l->seg, c);
	else if (segments[l->seg].sec == SEC_HOURS)
		hours_cells(l, c);
	else
		place_cells(r, l, c);
	if (l->item)
		c->attr[COL_WHEN] = ui_attr(UI_DIM);
}

/* ---- the details of a place's initiative ---- */

/* A place and its initiative, for the details pop-up. */
typedef struct place_details {
	const csr_initiative *in;
	const csr_signup *place;
	const csr_config *cfg;
} place_details;

/* [status][with a reason]: what a lead did to the place. */
static const char *const change_formats[][2] = {
	/* TRANSLATORS: who changed a person's place (a lead's name), and why */
	[CSR_SIGNUP_CONFIRMED] = { N_("Signed up by %s"), N_("Signed up by %s: %s") },
	[CSR_SIGNUP_WAITLISTED] = { N_("Signed up by %s"), N_("Signed up by %s: %s") },
	[CSR_SIGNUP_CANCELLED] = { N_("Cancelled by %s"), N_("Cancelled by %s: %s") },
	[CSR_SIGNUP_ATTENDED] = { N_("Marked attended by %s"), N_("Marked attended by %s: %s") },
	[CSR_SIGNUP_NOSHOW] = { N_("Marked a no-show by %s"), N_("Marked a no-show by %s: %s") },
};

/* "Cancelled by Jana Lead: moved to the Saturday shift": who changed the
 * place for the person and why; nothing when they acted themselves. */
static void write_change(const csr_signup *p, ui_view *v)
{
	if (!p->changed_by_name[0] || (unsigned)p->status > CSR_SIGNUP_NOSHOW)
		return;
	char text[CSR_NAME_MAX + CSR_SIGNUP_REASON_MAX + 64];
	bool why = p->reason[0] != '\0';
	snprintf(text, sizeof text, _(change_formats[p->status][why]), p->changed_by_name,
		 p->reason);
	view_para(v, text, A_NORMAL, FACTS_LABEL_WIDTH);
}

static void write_details(void *ctx, ui_view *v)
{
	const place_details *d = ctx;
	const csr_initiative *in = d->in;
	facts_initiative(in, d->cfg, v);
	view_field(v, _("You"), FACTS_LABEL_WIDTH, csr_signup_status_label(d->place->status),
		   A_NORMAL);
	write_change(d->place, v);
	view_blank(v);
	view_para(v, in->description[0] ? in->description : _("(no description)"), A_NORMAL, 0);
}

/* ---- actions ---- */

/* The selected place in the given section (either place section when
 * sec is SECTIONS); NULL when another line is selected. */
static const csr_signup *selected_place(record *r, section sec)
{
	const record_line *l = list_current(&r->list);
	if (!l || !l->item || segments[l->seg].sec == SEC_HOURS ||
	    (sec != SECTIONS && segments[l->seg].sec != sec))
		return NULL;
	return &l->u.place;
}

static void open_details(record *r)
{
	const csr_signup *sel = selected_place(r, SECTIONS);
	if (!sel) {
		tui_message(r->app, "%s", _("Select a place to see its initiative"));
		return;
	}
	csr_signup place = *sel;
	csr_initiative *in = malloc(sizeof *in);
	csr_err err;
	place_details d = { in, &place, tui_config(r->app) };
	if (in && csr_initiative_get(r->app->db, place.initiative_id, in, &err) == CSR_OK)
		ui_text_popup(r->app, _(" Initiative "), DETAIL_WIDTH_MAX, NULL, write_details, &d);
	else if (in)
		tui_error(r->app, &err);
	free(in);
}

static void cancel_place(record *r)
{
	const csr_signup *sel = selected_place(r, SEC_UPCOMING);
	if (!sel) {
		tui_message(r->app, "%s", _("Select an upcoming place to cancel it"));
		return;
	}
	csr_signup p = *sel;
	char question[CSR_INITIATIVE_TITLE_MAX + 96];
	snprintf(question, sizeof question, _("Cancel your place on '%s'?"), p.title);
	if (!ui_confirm(r->app, question))
		return;
	csr_signup_result res;
	csr_err err;
	if (csr_signup_cancel(r->app->db, p.initiative_id, p.volunteer_id, &res, &err) != CSR_OK)
		tui_error(r->app, &err);
	else
		tui_message(r->app, _("Cancelled your place on '%s'"), p.title);
	list_reload(&r->list);
}

/* The initiative of the selected past place (hours and ratings are for
 * those); 0 when another line is selected. */
static int64_t selected_past(record *r, bool attended_only)
{
	const csr_signup *p = selected_place(r, SEC_PAST);
	bool counts = p && (p->status == CSR_SIGNUP_ATTENDED ||
			    (!attended_only && p->status == CSR_SIGNUP_CONFIRMED));
	return counts ? p->initiative_id : 0;
}

static bool handle(void *ctx, tui_action act)
{
	record *r = ctx;
	if (act != ACT_OPEN && act != ACT_CANCEL && act != ACT_LOG_HOURS && act != ACT_RATE)
		return false;
	if (!own_record_exists(r->app))
		return true;
	switch (act) {
	case ACT_OPEN: open_details(r); break;
	case ACT_CANCEL: cancel_place(r); break;
	case ACT_LOG_HOURS:
		if (hours_form_run(r->app, selected_past(r, false)))
			list_reload(&r->list);
		break;
	default:
		if (rating_form_run(r->app, selected_past(r, true)))
			list_reload(&r->list);
		break;
	}
	return true;
}

/* Someone with no volunteer record (an SSH user not in the roster): what
 * to do about it. */
static const char *no_record(void *ctx, bool searching)
{
	(void)searching;
	record *r = ctx;
	/* TRANSLATORS: both %s are the user's login name; unix_user and the
	 * command stay as they are */
	snprintf(r->note, sizeof r->note, _("You (%s) have no volunteer record yet, so there is"
		 " nothing of yours to show here. Ask a team lead to add you to the roster with"
		 " your user name %s (the unix_user column of csrdesk import volunteers), then"
		 " start csrdesk again."), r->app->user, r->app->user);
	return r->note;
}

static const list_spec spec = {
	LIST_ROWS(source, columns, cells, count),
	.empty_of = no_record,
	.summary = summary,
	.selectable = selectable,
	.act = handle,
};

/* ---- one's own PIN ---- */

/* The current PIN (when one is set), then the new one twice; false on Esc
 * or when the two differ (said so). */
static bool ask_pins(tui_app *app, bool has_pin, char *old, char *pin, char *again, size_t size)
{
	char label[64];
	snprintf(label, sizeof label, _("New PIN (%d to %d digits):"), CSR_PIN_MIN, CSR_PIN_MAX);
	if ((has_pin && !ui_prompt_digits(app, _("Your current PIN:"), old, size)) ||
	    !ui_prompt_digits(app, label, pin, size) ||
	    !ui_prompt_digits(app, _("The new PIN again:"), again, size)) {
		tui_message(app, "%s", _("Your PIN is unchanged"));
		return false;
	}
	if (strcmp(pin, again) == 0)
		return true;
	tui_message(app, "%s", _("The two new PINs differ: your PIN is unchanged"));
	app->message_error = true;
	return false;
}

bool own_pin_run(tui_app *app)
{
	csr_volunteer me;
	csr_err err;
	bool set = false;
	if (!own_record_exists(app))
		return false;
	if (csr_volunteer_get(app->db, app->actor.volunteer_id, &me, &err) != CSR_OK) {
		tui_error(app, &err);
		return false;
	}
	char old[CSR_PIN_MAX + 1] = "", pin[CSR_PIN_MAX + 1] = "", again[CSR_PIN_MAX + 1] = "";
	if (ask_pins(app, me.has_pin, old, pin, again, sizeof pin)) {
		set = csr_auth_set_own_pin(app->db, me.employee_id, me.has_pin ? old : NULL, pin,
					   &err) == CSR_OK;
		if (!set)
			tui_error(app, &err);
		else
			/* TRANSLATORS: %s is the person's employee ID */
			tui_message(app, _("Your kiosk PIN is set: sign in at a floor terminal with %s"
					   " and this PIN"), me.employee_id);
	}
	explicit_bzero(old, sizeof old);
	explicit_bzero(pin, sizeof pin);
	explicit_bzero(again, sizeof again);
	return set;
}

/* ---- the panel ---- */

static void *open_panel(tui_app *app)
{
	fit_to_language();
	record *r = list_panel_open(app, sizeof *r, &spec);
	if (!r)
		return NULL;
	r->app = app;
	r->places[SEC_UPCOMING] = (own_places){ .app = app, .span = CSR_SPAN_UPCOMING };
	r->places[SEC_PAST] = (own_places){ .app = app, .span = CSR_SPAN_PAST };
	return r;
}

const panel_ops record_panel = LIST_PANEL_OPS(N_("My record"), open_panel);
