/* SPDX-License-Identifier: MIT */
/* The period picker: the Impact panel's f and the reports' period. */
#include "period_picker.h"

#include <stdio.h>
#include <string.h>

#include "csrdesk/clock.h"
#include "csrdesk/format.h"
#include "form.h"
#include "widget.h"

static const char *const kind_names[PERIOD_KINDS] = {
	"This year", "This quarter", "This month", "Last year", "Last quarter", "Last month",
	"From .. to (days)",
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

enum { F_FROM, F_TO, RANGE_FIELDS, DAY_TEXT = 16 };

typedef struct range_form {
	char from[DAY_TEXT], to[DAY_TEXT];
	csr_period period;
} range_form;

/* Whether text is one real day ("2026-01-05"). */
static bool is_day(const char *text)
{
	char range[2 * DAY_TEXT + 4];
	csr_period p;
	snprintf(range, sizeof range, "%s..%s", text, text);
	return strlen(text) == 10 && csr_period_parse(range, &p, NULL) == CSR_OK;
}

static int save_range(void *ctx, ui_field *fields, int n, char *msg, size_t size)
{
	(void)fields;
	(void)n;
	range_form *r = ctx;
	char range[2 * DAY_TEXT + 4];
	if (!is_day(r->from))
		return ui_form_fail(msg, size, F_FROM, "From must be a real day like 2026-01-05");
	if (!is_day(r->to))
		return ui_form_fail(msg, size, F_TO, "To must be a real day like 2026-02-01");
	snprintf(range, sizeof range, "%s..%s", r->from, r->to);
	if (csr_period_parse(range, &r->period, NULL) != CSR_OK)
		return ui_form_fail(msg, size, F_TO, "To must not be before From");
	return UI_FORM_SAVED;
}

/* Asks for the days of a range, starting from the days of start. */
static bool choose_range(tui_app *app, const csr_period *start, csr_period *out)
{
	range_form r = { .period = *start };
	csr_date_format_machine(start->from, r.from, sizeof r.from);
	csr_date_format_machine(start->to - 1, r.to, sizeof r.to);
	ui_field fields[RANGE_FIELDS] = {
		[F_FROM] = { "From", "YYYY-MM-DD, the first day counted", 1, NULL, 0, r.from,
			     sizeof r.from, NULL },
		[F_TO] = { "To", "YYYY-MM-DD, the last day counted", 1, NULL, 0, r.to, sizeof r.to,
			   NULL },
	};
	if (!ui_form_run(app, " Period: from .. to ", fields, RANGE_FIELDS, save_range, &r))
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
			snprintf(texts[i], sizeof texts[i], "%s", kind_names[i]);
		else
			snprintf(texts[i], sizeof texts[i], "%s (%s)", kind_names[i], p.label);
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
