/* SPDX-License-Identifier: MIT */
/* csrdesk — facts as every screen writes them, so that they read (and
 * are colored) the same everywhere: an initiative, the status of a place
 * and of hours. */
#ifndef CSRDESK_TUI_FACTS_H
#define CSRDESK_TUI_FACTS_H

#include <stddef.h>

#include "csrdesk/hours.h"
#include "csrdesk/initiative.h"
#include "csrdesk/signup.h"
#include "ui.h"
#include "view.h"

enum { FACTS_LABEL_WIDTH = 11 }; /* "Location" and a gap; a longer label is cut */

/* An initiative's title, then its category (in its color, or marked when the
 * config no longer has it), status, time, location, partner and places, as
 * fields of a view. */
void facts_initiative(const csr_initiative *in, const csr_config *cfg, ui_view *v);

/* The color of a place's status: attended and confirmed good, waitlisted
 * a warning, the rest dim. */
attr_t facts_signup_attr(csr_signup_status status);
/* The color of hours' status: approved good, pending a warning, rejected
 * dim. */
attr_t facts_hours_attr(csr_hours_status status);

#endif
