/* SPDX-License-Identifier: MIT */
/* csrdesk — the period a person picks for figures (the Impact panel, the
 * reports): this or last year, quarter or month, or a range of days. */
#ifndef CSRDESK_TUI_PERIOD_PICKER_H
#define CSRDESK_TUI_PERIOD_PICKER_H

#include <stdbool.h>

#include "csrdesk/period.h"
#include "app.h"

typedef enum period_kind {
	PERIOD_YEAR,
	PERIOD_QUARTER,
	PERIOD_MONTH,
	PERIOD_LAST_YEAR,
	PERIOD_LAST_QUARTER,
	PERIOD_LAST_MONTH,
	PERIOD_CUSTOM, /* days chosen in a form: period_choice.custom */
	PERIOD_KINDS
} period_kind;

/* What was picked; {0} is this year. A kind relative to today is resolved
 * when used, so a screen left open over midnight moves on with the date. */
typedef struct period_choice {
	period_kind kind;
	csr_period custom;
} period_choice;

/* The period a choice stands for now. */
void period_choice_resolve(const period_choice *c, csr_period *out);

/* Asks, starting at the current choice (a range of days in a form of two
 * days, both counted); true when the user picked one, which is then in c. */
bool period_choice_pick(tui_app *app, const char *title, period_choice *c);

#endif
