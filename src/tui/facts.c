/* SPDX-License-Identifier: MIT */
/* Facts as text and color. */
#include "facts.h"

#include <stdio.h>
#include <string.h>

#include "csrdesk/clock.h"
#include "csrdesk/format.h"

void initiative_when_text(const csr_initiative *in, char *out, size_t size)
{
	char start[CSR_TIME_TEXT_MAX], end[CSR_TIME_TEXT_MAX];
	char start_day[CSR_TIME_TEXT_MAX], end_day[CSR_TIME_TEXT_MAX];
	csr_time_format(in->starts_at, start, sizeof start);
	csr_time_format(in->ends_at, end, sizeof end);
	csr_date_format(in->starts_at, start_day, sizeof start_day);
	csr_date_format(in->ends_at, end_day, sizeof end_day);
	size_t day_len = strlen(end_day);
	bool same_day = strcmp(start_day, end_day) == 0 && strlen(end) > day_len;
	snprintf(out, size, "%s %s %s", start, ui_glyph()->dash, same_day ? end + day_len + 1 : end);
}

void initiative_places_text(const csr_initiative *in, char *out, size_t size)
{
	char taken[CSR_FMT_NUMBER_MAX], capacity[CSR_FMT_NUMBER_MAX], waiting[CSR_FMT_NUMBER_MAX];
	csr_fmt_count(in->confirmed, taken, sizeof taken);
	csr_fmt_count(in->capacity, capacity, sizeof capacity);
	int n = snprintf(out, size, "%s of %s taken", taken, capacity);
	if (in->waitlisted > 0 && n >= 0 && (size_t)n < size) {
		csr_fmt_count(in->waitlisted, waiting, sizeof waiting);
		snprintf(out + n, size - (size_t)n, ", %s on the waitlist", waiting);
	}
}

attr_t facts_signup_attr(csr_signup_status status)
{
	switch (status) {
	case CSR_SIGNUP_CONFIRMED: case CSR_SIGNUP_ATTENDED: return ui_attr(UI_GOOD);
	case CSR_SIGNUP_WAITLISTED: return ui_attr(UI_WARN);
	default: return ui_attr(UI_DIM);
	}
}

attr_t facts_hours_attr(csr_hours_status status)
{
	return ui_attr(status == CSR_HOURS_PENDING    ? UI_WARN
		       : status == CSR_HOURS_APPROVED ? UI_GOOD
						      : UI_DIM);
}
