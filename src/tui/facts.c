/* SPDX-License-Identifier: MIT */
/* Facts as text and color. */
#include "facts.h"

#include <stdio.h>
#include <string.h>

#include "csrdesk/clock.h"
#include "csrdesk/format.h"

/* "2026-03-14 09:00 - 13:00", or both dates when it spans days. */
static void when_text(const csr_initiative *in, char *out, size_t size)
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

/* "12 of 20 taken, 3 on the waitlist". */
static void places_text(const csr_initiative *in, char *out, size_t size)
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

void facts_initiative(const csr_initiative *in, const csr_config *cfg, ui_view *v)
{
	const csr_category *cat = csr_config_category(cfg, in->category);
	char text[CSR_LABEL_MAX + 96];
	view_para(v, in->title, ui_attr(UI_TITLE), 0);
	csr_config_category_label(cfg, in->category, text, sizeof text);
	view_field(v, "Category", FACTS_LABEL_WIDTH, text,
		   cat ? ui_color_attr(cat->color) : ui_attr(UI_MARK));
	view_field(v, "Status", FACTS_LABEL_WIDTH, csr_initiative_status_name(in->status), A_NORMAL);
	when_text(in, text, sizeof text);
	view_field(v, "When", FACTS_LABEL_WIDTH, text, A_NORMAL);
	view_field(v, "Location", FACTS_LABEL_WIDTH, in->location[0] ? in->location : "-", A_NORMAL);
	view_field(v, "Partner", FACTS_LABEL_WIDTH, in->partner_name[0] ? in->partner_name : "-",
		   A_NORMAL);
	places_text(in, text, sizeof text);
	view_field(v, "Places", FACTS_LABEL_WIDTH, text, A_NORMAL);
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
