/* SPDX-License-Identifier: MIT */
/* The "Log hours" form: people log the hours they gave, for one of their
 * past places or for none; a lead logs anyone's (by employee ID, for any
 * initiative). Agents' hours wait for a lead's approval; leads' entries
 * are approved at once (the data layer decides). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csrdesk/clock.h"
#include "csrdesk/format.h"
#include "csrdesk/hours.h"
#include "csrdesk/i18n.h"
#include "csrdesk/initiative.h"
#include "csrdesk/volunteer.h"
#include "dialog.h"
#include "form.h"
#include "picker.h"

enum { F_EMPLOYEE, F_INITIATIVE, F_DATE, F_HOURS, F_NOTE, F_TIME, F_COUNT };

enum { DATE_TEXT = CSR_TIME_TEXT_MAX, HOURS_TEXT = 16, CHOICE_TEXT = 200, HINT_TEXT = 160 };

typedef struct hours_form {
	tui_app *app;
	int first; /* F_EMPLOYEE when a lead logs for anyone, else F_INITIATIVE */
	char employee_id[CSR_EMPLOYEE_ID_MAX];
	csr_volunteer who; /* whose hours */
	int64_t initiative_id; /* 0 = none */
	char initiative[CHOICE_TEXT], date[DATE_TEXT], hours[HOURS_TEXT];
	char note[CSR_HOURS_NOTE_MAX];
	char date_hint[HINT_TEXT], hours_hint[HINT_TEXT];
	char time[HINT_TEXT];
	const char *times[3]; /* the choices of F_TIME, in csr_time_kind order */
	ui_field fields[F_COUNT];
	csr_hours saved;
} hours_form;

static bool pick(void *ctx, int field, bool clear);

/* "2, 1.5 or 2:30" with the numbers as they are written here. */
static void hours_examples(char *out, size_t size, const char *fmt)
{
	char two[CSR_FMT_NUMBER_MAX], one_half[CSR_FMT_NUMBER_MAX];
	csr_fmt_number(2, two, sizeof two);
	csr_fmt_number(1.5, one_half, sizeof one_half);
	snprintf(out, size, fmt, two, one_half);
}

static void setup_fields(hours_form *f)
{
	char example[CSR_TIME_TEXT_MAX];
	example_day(example, sizeof example);
	/* TRANSLATORS: %s is an example day as it is typed, "2026-05-14" */
	snprintf(f->date_hint, sizeof f->date_hint, _("The day you worked, like %s"), example);
	/* TRANSLATORS: %s and %s are 2 and 1.5 as numbers are written here */
	hours_examples(f->hours_hint, sizeof f->hours_hint, _("e.g. %s, %s or 2:30"));
	/* TRANSLATORS: the choices of the field Time: whose time the hours
	 * were (the first: as the initiative says) */
	f->times[CSR_TIME_DEFAULT] = _("as the initiative says");
	f->times[CSR_TIME_COMPANY] = _("company time");
	f->times[CSR_TIME_OWN] = _("own time");
	snprintf(f->time, sizeof f->time, "%s", f->times[CSR_TIME_DEFAULT]);
	ui_field fields[F_COUNT] = {
		[F_EMPLOYEE] = { _("Employee ID"), _("Whose hours: their employee ID"), 1, NULL, 0,
				 f->employee_id, sizeof f->employee_id, NULL },
		[F_INITIATIVE] = { _("Initiative"), f->first == F_EMPLOYEE ? _("optional")
					: _("one you had a place on, or none"), 1, NULL, 0,
				   f->initiative, sizeof f->initiative, pick },
		[F_DATE] = { _("Date"), f->date_hint, 1, NULL, 0, f->date, sizeof f->date, NULL },
		[F_HOURS] = { _("Hours"), f->hours_hint, 1, NULL, 0, f->hours, sizeof f->hours,
			      NULL },
		[F_NOTE] = { _("Note"), _("Optional: what you did. Enter saves"), 2, NULL, 0, f->note,
			     sizeof f->note, NULL },
		/* TRANSLATORS: a form field: company time or the person's own time */
		[F_TIME] = { _("Time"), NULL, 1, f->times, 3, f->time, sizeof f->time, NULL },
	};
	memcpy(f->fields, fields, sizeof fields);
}

static void set_initiative(hours_form *f, int64_t id, int64_t starts_at, const char *title)
{
	f->initiative_id = id;
	if (id)
		pick_text(starts_at, title, f->initiative, sizeof f->initiative);
	else
		/* TRANSLATORS: the value of the field Initiative when no initiative is chosen */
		snprintf(f->initiative, sizeof f->initiative, "%s", C_("initiative", "none"));
}

static bool pick(void *ctx, int field, bool clear)
{
	(void)field;
	hours_form *f = ctx;
	csr_signup p;
	csr_initiative in;
	if (clear)
		set_initiative(f, 0, 0, NULL);
	else if (f->first == F_INITIATIVE &&
		 pick_own_place(f->app, _("Hours for which initiative?"), &p))
		set_initiative(f, p.initiative_id, p.starts_at, p.title);
	else if (f->first == F_EMPLOYEE && pick_initiative(f->app, "", &in))
		set_initiative(f, in.id, in.starts_at, in.title);
	else
		return false;
	return true;
}

/* The initiative the form starts with: the one given (which must have
 * started, and may be one the user had no place on, e.g. a lead who ran
 * it), else the newest place. */
static bool preselect(hours_form *f, int64_t id)
{
	csr_signup p = { 0 };
	if (!id) {
		bool any = csr_signup_newest_past(f->app->db, f->app->actor.volunteer_id, false, &p,
						  NULL) == CSR_OK;
		set_initiative(f, any ? p.initiative_id : 0, p.starts_at, any ? p.title : NULL);
		return true;
	}
	csr_initiative *in = malloc(sizeof *in);
	csr_err err;
	bool ok = in && csr_initiative_get(f->app->db, id, in, &err) == CSR_OK;
	if (in && !ok)
		tui_error(f->app, &err);
	else if (ok && in->starts_at > csr_now()) {
		tui_message(f->app, _("You can log hours for '%s' once it has started"), in->title);
		ok = false;
	} else if (ok)
		set_initiative(f, id, in->starts_at, in->title);
	free(in);
	return ok;
}

/* The data layer's messages name its fields: "Minutes ...", "Date worked
 * ...", "Note ..." (translated, the name may stand later: "Die Minuten
 * müssen ..."). */
static int field_of(const hours_form *f, const char *text)
{
	/* TRANSLATORS: the word the data layer's messages about the minutes of
	 * hours use ("Minutes must be a whole number ..."): the same word */
	const char *minutes = _("Minutes");
	/* TRANSLATORS: the words the data layer's messages about the day hours
	 * were worked use ("Date worked is required"): the same words */
	const char *worked = _("Date worked");
	if (strncmp(text, "Minutes", 7) == 0 || strstr(text, minutes))
		return F_HOURS;
	if (strncmp(text, "Date worked", 11) == 0 || strstr(text, worked))
		return F_DATE;
	return form_field_named(f->fields, F_COUNT, text);
}

/* Whose hours: the user's own, or (a lead's form) the ID typed. */
static int find_who(hours_form *f, char *msg, size_t size)
{
	csr_err err;
	if (f->first == F_INITIATIVE) { /* one's own: the id is all it needs */
		f->who.id = f->app->actor.volunteer_id;
		return UI_FORM_SAVED;
	}
	if (csr_volunteer_find(f->app->db, f->employee_id, &f->who, &err) == CSR_OK)
		return UI_FORM_SAVED;
	return ui_form_fail(msg, size, F_EMPLOYEE, *f->employee_id
			    ? _("Employee ID: nobody has this ID (see the Volunteers panel)")
			    : _("Employee ID is required"));
}

/* Checks and logs; a field at fault is given relative to the first shown. */
static int save(void *ctx, ui_field *fields, int n, char *msg, size_t size)
{
	(void)fields;
	(void)n;
	hours_form *f = ctx;
	csr_hours h = { .initiative_id = f->initiative_id };
	csr_err err;
	int fault = find_who(f, msg, size);
	if (fault == UI_FORM_SAVED && csr_time_parse(f->date, &h.worked_on, &err) != CSR_OK)
		fault = ui_form_fail(msg, size, F_DATE, err.msg);
	else if (fault == UI_FORM_SAVED && !csr_fmt_parse_hours(f->hours, &h.minutes)) {
		char text[HINT_TEXT];
		/* TRANSLATORS: %s and %s are 2 and 1.5 as numbers are written here */
		hours_examples(text, sizeof text, _("Hours must be like %s, %s or 2:30 (at most 24)"));
		fault = ui_form_fail(msg, size, F_HOURS, text);
	}
	h.volunteer_id = f->who.id;
	snprintf(h.note, sizeof h.note, "%s", f->note);
	for (int t = CSR_TIME_DEFAULT; t <= CSR_TIME_OWN; t++)
		if (strcmp(f->time, f->times[t]) == 0)
			h.time = (csr_time_kind)t;
	if (fault == UI_FORM_SAVED && csr_hours_log(f->app->db, &h, &err) != CSR_OK)
		fault = ui_form_fail(msg, size, field_of(f, err.msg), err.msg);
	if (fault == UI_FORM_SAVED)
		f->saved = h;
	return fault >= 0 ? fault - f->first : fault;
}

static void report(hours_form *f)
{
	char hours[CSR_FMT_NUMBER_MAX], day[CSR_TIME_TEXT_MAX];
	csr_fmt_hours(f->saved.minutes, hours, sizeof hours);
	csr_date_format(f->saved.worked_on, day, sizeof day);
	long long n = csr_fmt_hours_plural(f->saved.minutes);
	if (f->first == F_EMPLOYEE && f->saved.status == CSR_HOURS_APPROVED)
		tui_message(f->app, csr_plural(n, "Logged %s hour for %s on %s: approved",
					       "Logged %s hours for %s on %s: approved"),
			    hours, f->who.name, day);
	else if (f->first == F_EMPLOYEE)
		tui_message(f->app, csr_plural(n, "Logged %s hour for %s on %s: pending",
					       "Logged %s hours for %s on %s: pending"),
			    hours, f->who.name, day);
	else if (f->saved.status == CSR_HOURS_APPROVED)
		tui_message(f->app, csr_plural(n, "Logged %s hour on %s (approved)",
					       "Logged %s hours on %s (approved)"), hours, day);
	else
		tui_message(f->app, csr_plural(n, "Logged %s hour on %s: a team lead will approve it",
					       "Logged %s hours on %s: a team lead will approve them"),
			    hours, day);
}

static bool run(tui_app *app, int first, int64_t initiative_id)
{
	hours_form *f = calloc(1, sizeof *f);
	if (!f)
		return false;
	f->app = app;
	f->first = first;
	csr_date_format(csr_now(), f->date, sizeof f->date);
	bool saved = false;
	if (first == F_EMPLOYEE)
		set_initiative(f, 0, 0, NULL);
	if (first == F_EMPLOYEE || preselect(f, initiative_id)) {
		setup_fields(f);
		saved = ui_form_run(app, first == F_EMPLOYEE ? _(" Log hours for anyone ")
							     : _(" Log hours "),
				    f->fields + first, F_COUNT - first, save, f);
	}
	if (saved)
		report(f);
	free(f);
	return saved;
}

bool hours_form_run(tui_app *app, int64_t initiative_id)
{
	return own_record_exists(app) && run(app, F_INITIATIVE, initiative_id);
}

bool hours_form_for_anyone(tui_app *app)
{
	return run(app, F_EMPLOYEE, 0);
}
