/* SPDX-License-Identifier: MIT */
/* csrdesk — facts as every screen writes them, so that they read (and
 * are colored) the same everywhere: an initiative's time and places, the
 * status of a place and of hours. */
#ifndef CSRDESK_TUI_FACTS_H
#define CSRDESK_TUI_FACTS_H

#include <stddef.h>

#include "csrdesk/hours.h"
#include "csrdesk/initiative.h"
#include "csrdesk/signup.h"
#include "ui.h"

/* "2026-03-14 09:00 - 13:00", or both dates when it spans days. */
void initiative_when_text(const csr_initiative *in, char *out, size_t size);
/* "12 of 20 taken, 3 on the waitlist". */
void initiative_places_text(const csr_initiative *in, char *out, size_t size);

/* The color of a place's status: attended and confirmed good, waitlisted
 * a warning, the rest dim. */
attr_t facts_signup_attr(csr_signup_status status);
/* The color of hours' status: approved good, pending a warning, rejected
 * dim. */
attr_t facts_hours_attr(csr_hours_status status);

#endif
