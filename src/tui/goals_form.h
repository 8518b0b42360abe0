/* SPDX-License-Identifier: MIT */
/* csrdesk — an initiative's goals in its form: a pop-up form with one
 * field per metric of the chosen category (and any metric that already
 * has a goal), 0 or blank for none; and how the goals read in one line. */
#ifndef CSRDESK_TUI_GOALS_FORM_H
#define CSRDESK_TUI_GOALS_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "app.h"
#include "csrdesk/initiative.h"

/* Edits in->goals (for in->category's metrics) in place; true when saved. */
bool goals_form_run(tui_app *app, csr_initiative *in);

/* "500 trees, 2,000 EUR", or "(none)". */
void goals_summary(const tui_app *app, const csr_initiative *in, char *out, size_t size);

#endif
