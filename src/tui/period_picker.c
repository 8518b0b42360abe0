/* SPDX-License-Identifier: MIT */
/* The period picker: the Impact panel's f and the reports' period. */
#include "period_picker.h"

#include <stdio.h>
#include <string.h>

#include "csrdesk/clock.h"
#include "csrdesk/format.h"
#include "csrdesk/i18n.h"
#include "form.h"
#include "picker.h"
#include "widget.h"

static const char *const kind_names[PERIOD_KINDS] = {
	N_("This year"), N_("This quarter"), N_("This month"), N_("Last year"),
	N_("Last quarter"), N_("Last month"), N_("From .. to (days)"),
};

void period_choice_resolve(const period_choice *c, csr_period *out)
{
	int64_t now = csr_now();
	switch (c->kind) {
	case PERIOD_QUARTER: csr_period_quarter(now, out); break;
	case PERIOD_MONTH: csr_period_month(now, out); break;
	case PERIOD_LAST_YEAR:
		csr_period_year(now, out);
		csr_period_year(out->from - 1, out);
		break;
	case PERIOD_LAST_QUARTER:
		csr_period_quarter(now, out);
		csr_period_quarter(out->from - 1, out);
		break;
	case PERIOD_LAST_MONTH:
		csr_period_month(now, out);
		csr_period_month(out->from - 1, out);
		break;
	case PERIOD_CUSTOM: *out = c->custom; break;
	default: csr_period_year(now, out); break;
	}
}

/* ---- a range of days ---- */

enum { F_FROM, F_TO, RANGE_FIELDS, DAY_TEXT = CSR_TIME_TEXT_MAX };

typedef struct range_form {
	char from[DAY_TEXT], to[DAY_TEXT];
	csr_period period;
} range_form;

/* The day text names ("2026-01-05", or as the style writes a day:
 * "05.01.2026" in German) as "YYYY-MM-DD" in day; false when it is not
 * one real day (a time of day is not one). */
static bool read_day(const char *text, char *day, size_t size)
{
	int64_t t;
	if (strchr(text, ':') || csr_time_parse(text, &t, NULL) != CSR_OK)
		return false;
	csr_date_format_machine(t, day, size);
	return true;
}

static int save_range(void *ctx, ui_field *fields, int n, char *msg, size_t size)
{
	(void)fields;
	(void)n;
	range_form *r = ctx;
	char from[DAY_TEXT], to[DAY_TEXT], example[CSR_TIME_TEXT_MAX], text[128];
	char range[2 * DAY_TEXT + 4];
	example_day(example, sizeof example);
	if (!read_day(r->from, from, sizeof from)) {
		snprintf(text, sizeof text, _("From must be a real day like %s"), example);
		return ui_form_fail(msg, size, F_FROM, text);
	}
	if (!read_day(r->to, to, sizeof to)) {
		snprintf(text, sizeof text, _("To must be a real day like %s"), example);
		return ui_form_fail(msg, size, F_TO, text);
	}
	snprintf(range, sizeof range, "%s..%s", from, to);
	if (csr_period_parse(range, &r->period, NULL) != CSR_OK)
		return ui_form_fail(msg, size, F_TO, _("To must not be before From"));
	return UI_FORM_SAVED;
}

/* Asks for the days of a range, starting from the days of start. */
static bool choose_range(tui_app *app, const csr_period *start, csr_period *out)
{
	range_form r = { .period = *start };
	char example[CSR_TIME_TEXT_MAX], first[128], last[128];
	csr_date_format(start->from, r.from, sizeof r.from);
	csr_date_format(start->to - 1, r.to, sizeof r.to);
	example_day(example, sizeof example);
	/* TRANSLATORS: %s is an example day as it is typed, "2026-05-14" */
	snprintf(first, sizeof first, _("Like %s, the first day counted"), example);
	/* TRANSLATORS: %s is an example day as it is typed, "2026-05-14" */
	snprintf(last, sizeof last, _("Like %s, the last day counted"), example);
	ui_field fields[RANGE_FIELDS] = {
		/* TRANSLATORS: the first day of a period, a form field's label */
		[F_FROM] = { _("From"), first, 1, NULL, 0, r.from, sizeof r.from, NULL },
		/* TRANSLATORS: the last day of a period, a form field's label */
		[F_TO] = { _("To"), last, 1, NULL, 0, r.to, sizeof r.to, NULL },
	};
	if (!ui_form_run(app, _(" Period: from .. to "), fields, RANGE_FIELDS, save_range, &r))
		return false;
	*out = r.period;
	return true;
}

/* ---- the choice ---- */

bool period_choice_pick(tui_app *app, const char *title, period_choice *c)
{
	char texts[PERIOD_KINDS][64];
	const char *items[PERIOD_KINDS];
	for (int i = 0; i < PERIOD_KINDS; i++) {
		period_choice each = { .kind = (period_kind)i, .custom = c->custom };
		csr_period p;
		period_choice_resolve(&each, &p);
		if (i == PERIOD_CUSTOM)
			snprintf(texts[i], sizeof texts[i], "%s", _(kind_names[i]));
		else
			snprintf(texts[i], sizeof texts[i], "%s (%s)", _(kind_names[i]), p.label);
		items[i] = texts[i];
	}
	int choice = ui_choose(app, title, items, PERIOD_KINDS, (int)c->kind, -1, -1, false);
	if (choice < 0)
		return false;
	if (choice == PERIOD_CUSTOM) {
		csr_period shown;
		period_choice_resolve(c, &shown);
		if (!choose_range(app, &shown, &c->custom))
			return false;
	}
	c->kind = (period_kind)choice;
	return true;
}
