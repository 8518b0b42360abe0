/* SPDX-License-Identifier: MIT */
/* The "New initiative" and "Edit initiative" forms (leads). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csrdesk/clock.h"
#include "csrdesk/format.h"
#include "csrdesk/i18n.h"
#include "csrdesk/partner.h"
#include "csrdesk/initiative.h"
#include "dialog.h"
#include "form.h"
#include "goals_form.h"
#include "picker.h"

enum {
	F_TITLE, F_CATEGORY, F_STARTS, F_ENDS, F_CAPACITY, F_MINIMUM, F_LOCATION, F_PARTNER, F_GOALS,
	F_OWN_TIME, F_BENEFICIARIES, F_DESCRIPTION, F_COUNT
};

enum {
	CATEGORIES_MAX = 64, TIME_TEXT = CSR_TIME_TEXT_MAX, NUMBER_TEXT = 16, GOALS_TEXT = 256,
	HINT_TEXT = 128
};

/* The partner field when there is none. */
static const char *no_partner(void)
{
	return _("(none)");
}

typedef struct initiative_form {
	tui_app *app;
	csr_initiative base; /* what is not in the form (status, partner, goals) */
	char title[CSR_INITIATIVE_TITLE_MAX], category[CSR_LABEL_MAX];
	char starts[TIME_TEXT], ends[TIME_TEXT], capacity[NUMBER_TEXT], minimum[NUMBER_TEXT];
	char location[CSR_LOCATION_MAX], description[CSR_INITIATIVE_TEXT_MAX];
	char partner[CSR_PARTNER_NAME_MAX];
	char goals[GOALS_TEXT]; /* base.goals in one line */
	char time_hint[HINT_TEXT];
	char own_time[HINT_TEXT], beneficiaries[NUMBER_TEXT];
	const char *keys[CATEGORIES_MAX];
	const char *times[2]; /* the own-time field's choices: company time, own time */
	ui_field fields[F_COUNT];
} initiative_form;

/* The partner field: chosen from the partners' list, cleared to none. */
static bool pick(void *ctx, int field, bool clear)
{
	(void)field;
	initiative_form *f = ctx;
	csr_partner p;
	if (clear) {
		f->base.partner_id = 0;
		snprintf(f->partner, sizeof f->partner, "%s", no_partner());
	} else if (pick_partner(f->app, &p)) {
		f->base.partner_id = p.id;
		snprintf(f->partner, sizeof f->partner, "%s", p.name);
	} else
		return false;
	return true;
}

/* The goals field: set in a pop-up form for the metrics of the category
 * chosen now; cleared to none. */
static bool pick_goals(void *ctx, int field, bool clear)
{
	(void)field;
	initiative_form *f = ctx;
	csr_initiative in = f->base;
	snprintf(in.category, sizeof in.category, "%s", csr_config_removed_key(f->category));
	if (clear)
		in.ngoals = 0;
	else if (!goals_form_run(f->app, &in))
		return false;
	f->base.ngoals = in.ngoals;
	memcpy(f->base.goals, in.goals, sizeof in.goals);
	goals_summary(f->app, &f->base, f->goals, sizeof f->goals);
	return true;
}

static void setup_fields(initiative_form *f)
{
	const csr_config *cfg = tui_config(f->app);
	int nkeys = 0;
	for (int i = 0; i < cfg->ncategories && nkeys < CATEGORIES_MAX; i++)
		f->keys[nkeys++] = cfg->categories[i].key;
	char example[CSR_TIME_TEXT_MAX];
	example_time(example, sizeof example);
	/* TRANSLATORS: %s is an example date and time as typed, "2026-05-14 09:30" */
	snprintf(f->time_hint, sizeof f->time_hint, _("Date and time, like %s"), example);
	/* TRANSLATORS: the choices of the field Hours in: whose time the
	 * hours logged on the initiative are by default */
	f->times[0] = _("company time");
	f->times[1] = _("own time");
	/* The labels are the names the data layer's messages start with
	 * ("Capacity must be at least 1"). */
	ui_field fields[F_COUNT] = {
		[F_TITLE] = { _("Title"), _("What it is, in a few words"), 1, NULL, 0, f->title,
			      sizeof f->title, NULL },
		[F_CATEGORY] = { _("Category"), NULL, 1, f->keys, nkeys, f->category,
				 sizeof f->category, NULL },
		/* TRANSLATORS: a form field: when the initiative starts */
		[F_STARTS] = { _("Starts"), f->time_hint, 1, NULL, 0, f->starts, sizeof f->starts,
			       NULL },
		/* TRANSLATORS: a form field: when the initiative ends */
		[F_ENDS] = { _("Ends"), f->time_hint, 1, NULL, 0, f->ends, sizeof f->ends, NULL },
		[F_CAPACITY] = { _("Capacity"), _("Places: a whole number"), 1, NULL, 0, f->capacity,
				 sizeof f->capacity, NULL },
		/* TRANSLATORS: a form field: the fewest people the initiative needs */
		[F_MINIMUM] = { _("Minimum"), _("Fewest people it needs, 0 for none: you hear when"
						 " it falls short"), 1, NULL, 0, f->minimum,
				sizeof f->minimum, NULL },
		[F_LOCATION] = { _("Location"), _("Where people meet"), 1, NULL, 0, f->location,
				 sizeof f->location, NULL },
		[F_PARTNER] = { _("Partner"), _("the NGO it is run with, if any"), 1, NULL, 0,
				f->partner, sizeof f->partner, pick },
		[F_GOALS] = { _("Goals"), _("a goal per metric"), 1, NULL, 0, f->goals,
			      sizeof f->goals, pick_goals },
		/* TRANSLATORS: a form field: whose time the hours logged on the
		 * initiative are, unless the person says otherwise */
		[F_OWN_TIME] = { _("Hours in"), NULL, 1, f->times, 2, f->own_time,
				 sizeof f->own_time, NULL },
		/* TRANSLATORS: a form field: how many people the initiative
		 * reached (its beneficiaries); as short as Description */
		[F_BENEFICIARIES] = { _("Reached"), _("Beneficiaries: people it reached, 0 if not"
						      " known"), 1, NULL, 0, f->beneficiaries,
				      sizeof f->beneficiaries, NULL },
		[F_DESCRIPTION] = { _("Description"), _("What volunteers will do; Enter saves"), 4,
				    NULL, 0, f->description, sizeof f->description, NULL },
	};
	memcpy(f->fields, fields, sizeof fields);
}

static void fill_from(initiative_form *f, const csr_initiative *in)
{
	snprintf(f->title, sizeof f->title, "%s", in->title);
	/* A category the config no longer defines shows as "(removed) key":
	 * kept when saved, or Left/Right choose a defined one. */
	if (csr_config_category(tui_config(f->app), in->category))
		snprintf(f->category, sizeof f->category, "%s", in->category);
	else
		csr_config_category_label(tui_config(f->app), in->category, f->category,
					  sizeof f->category);
	csr_time_format(in->starts_at, f->starts, sizeof f->starts);
	csr_time_format(in->ends_at, f->ends, sizeof f->ends);
	csr_fmt_count(in->capacity, f->capacity, sizeof f->capacity);
	csr_fmt_count(in->minimum, f->minimum, sizeof f->minimum);
	snprintf(f->location, sizeof f->location, "%s", in->location);
	snprintf(f->description, sizeof f->description, "%s", in->description);
	snprintf(f->partner, sizeof f->partner, "%s",
		 in->partner_id ? in->partner_name : no_partner());
	csr_fmt_count(in->beneficiaries, f->beneficiaries, sizeof f->beneficiaries);
}

/* Capacity (or the minimum) as typed ("1,500" or "1500"); false when it is
 * not a whole number. Out of range, it is left to validation, which names
 * the bound. */
static bool parse_capacity(const char *text, int *out)
{
	long long n;
	if (!csr_fmt_parse_count(text, &n))
		return false;
	*out = n < 0 ? 0 : n > CSR_CAPACITY_MAX ? CSR_CAPACITY_MAX + 1 : (int)n;
	return true;
}

static int build(initiative_form *f, csr_initiative *in, char *msg, size_t size)
{
	csr_err err;
	*in = f->base;
	snprintf(in->title, sizeof in->title, "%s", f->title);
	snprintf(in->category, sizeof in->category, "%s", csr_config_removed_key(f->category));
	snprintf(in->location, sizeof in->location, "%s", f->location);
	snprintf(in->description, sizeof in->description, "%s", f->description);
	if (csr_time_parse(f->starts, &in->starts_at, &err) != CSR_OK)
		return ui_form_fail(msg, size, F_STARTS, err.msg);
	if (csr_time_parse(f->ends, &in->ends_at, &err) != CSR_OK)
		return ui_form_fail(msg, size, F_ENDS, err.msg);
	if (!parse_capacity(f->capacity, &in->capacity))
		return ui_form_fail(msg, size, F_CAPACITY, _("Capacity must be a whole number"));
	if (!f->minimum[0])
		in->minimum = 0;
	else if (!parse_capacity(f->minimum, &in->minimum))
		return ui_form_fail(msg, size, F_MINIMUM, _("Minimum must be a whole number"));
	in->own_time = strcmp(f->own_time, f->times[1]) == 0;
	long long reached = 0;
	if (f->beneficiaries[0] && !csr_fmt_parse_count(f->beneficiaries, &reached))
		return ui_form_fail(msg, size, F_BENEFICIARIES,
				    _("Beneficiaries must be a whole number"));
	/* out of range: validation names the bound */
	in->beneficiaries = reached > CSR_BENEFICIARIES_MAX ? CSR_BENEFICIARIES_MAX + 1 : (int)reached;
	return UI_FORM_SAVED;
}

static int save(void *ctx, ui_field *fields, int n, char *msg, size_t size)
{
	initiative_form *f = ctx;
	csr_initiative in;
	csr_err err;
	int fault = build(f, &in, msg, size);
	if (fault != UI_FORM_SAVED)
		return fault;
	csr_db *db = f->app->db;
	if (csr_initiative_validate(db, &in, &err) != CSR_OK ||
	    (in.id ? csr_initiative_update(db, &in, &err)
		   : csr_initiative_create(db, &in, &err)) != CSR_OK)
		return ui_form_fail(msg, size, form_field_named(fields, n, err.msg), err.msg);
	f->base.id = in.id;
	return UI_FORM_SAVED;
}

/* title: the form's; done: the message once saved ("Created initiative
 * %lld '%s'": id, title). */
static bool run(initiative_form *f, const char *title, const char *done)
{
	setup_fields(f);
	goals_summary(f->app, &f->base, f->goals, sizeof f->goals);
	if (!f->partner[0])
		snprintf(f->partner, sizeof f->partner, "%s", no_partner());
	if (!f->category[0] && f->fields[F_CATEGORY].nchoices > 0)
		snprintf(f->category, sizeof f->category, "%s", f->keys[0]);
	snprintf(f->own_time, sizeof f->own_time, "%s", f->times[f->base.own_time]);
	if (!f->beneficiaries[0])
		csr_fmt_count(0, f->beneficiaries, sizeof f->beneficiaries);
	if (!ui_form_run(f->app, title, f->fields, F_COUNT, save, f))
		return false;
	tui_message(f->app, done, (long long)f->base.id, f->title);
	return true;
}

bool initiative_form_run(tui_app *app, int64_t *id)
{
	initiative_form *f = calloc(1, sizeof *f);
	csr_err err;
	bool saved = false;
	if (!f)
		return false;
	f->app = app;
	f->base.status = CSR_INITIATIVE_OPEN;
	if (*id == 0)
		saved = run(f, _(" New initiative "), _("Created initiative %lld '%s'"));
	else if (csr_initiative_get(app->db, *id, &f->base, &err) != CSR_OK)
		tui_error(app, &err);
	else {
		fill_from(f, &f->base);
		saved = run(f, _(" Edit initiative "), _("Saved initiative %lld '%s'"));
	}
	if (saved)
		*id = f->base.id;
	free(f);
	return saved;
}
