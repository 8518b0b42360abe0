/* SPDX-License-Identifier: MIT */
/* Facts as text and color. */
#include "facts.h"

#include <stdio.h>
#include <string.h>

#include "csrdesk/clock.h"
#include "csrdesk/format.h"

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
	csr_time_span(in->starts_at, in->ends_at, ui_glyph()->dash, text, sizeof text);
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
