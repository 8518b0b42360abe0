/* SPDX-License-Identifier: MIT */
/* csrdesk — an initiative's facts as the screens write them (the details
 * pane, the details of a place in "My record"), so they read the same. */
#ifndef CSRDESK_TUI_INITIATIVE_TEXT_H
#define CSRDESK_TUI_INITIATIVE_TEXT_H

#include <stddef.h>

#include "csrdesk/initiative.h"

/* "2026-03-14 09:00 - 13:00", or both dates when it spans days. */
void initiative_when_text(const csr_initiative *in, char *out, size_t size);
/* "12 of 20 taken, 3 on the waitlist". */
void initiative_places_text(const csr_initiative *in, char *out, size_t size);

#endif
