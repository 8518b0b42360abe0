/* SPDX-License-Identifier: MIT */
/* Facts as text and color. */
#include "facts.h"

#include <stdio.h>
#include <string.h>

#include "csrdesk/clock.h"
#include "csrdesk/format.h"
#include "csrdesk/i18n.h"

/* "12 of 20 taken, 3 on the waitlist". */
static void places_text(const csr_initiative *in, char *out, size_t size)
{
	char taken[CSR_FMT_NUMBER_MAX], capacity[CSR_FMT_NUMBER_MAX], waiting[CSR_FMT_NUMBER_MAX];
	csr_fmt_count(in->confirmed, taken, sizeof taken);
	csr_fmt_count(in->capacity, capacity, sizeof capacity);
	if (in->waitlisted <= 0) {
		/* TRANSLATORS: places of an initiative: "12 of 20 taken" */
		snprintf(out, size, _("%s of %s taken"), taken, capacity);
		return;
	}
	csr_fmt_count(in->waitlisted, waiting, sizeof waiting);
	/* TRANSLATORS: "12 of 20 taken, 3 on the waitlist" */
	snprintf(out, size, csr_plural(in->waitlisted, "%s of %s taken, %s on the waitlist",
				       "%s of %s taken, %s on the waitlist"),
		 taken, capacity, waiting);
}

void facts_initiative(const csr_initiative *in, const csr_config *cfg, ui_view *v)
{
	const csr_category *cat = csr_config_category(cfg, in->category);
	char text[CSR_LABEL_MAX + 96];
	view_para(v, in->title, ui_attr(UI_TITLE), 0);
	csr_config_category_label(cfg, in->category, text, sizeof text);
	/* TRANSLATORS: the labels of an initiative's details: at most 10 columns */
	view_field(v, _("Category"), FACTS_LABEL_WIDTH, text,
		   cat ? ui_color_attr(cat->color) : ui_attr(UI_MARK));
	view_field(v, _("Status"), FACTS_LABEL_WIDTH, csr_initiative_status_label(in->status),
		   A_NORMAL);
	csr_time_span(in->starts_at, in->ends_at, ui_glyph()->dash, text, sizeof text);
	view_field(v, _("When"), FACTS_LABEL_WIDTH, text, A_NORMAL);
	view_field(v, _("Location"), FACTS_LABEL_WIDTH, in->location[0] ? in->location : "-",
		   A_NORMAL);
	view_field(v, _("Partner"), FACTS_LABEL_WIDTH, in->partner_name[0] ? in->partner_name : "-",
		   A_NORMAL);
	places_text(in, text, sizeof text);
	view_field(v, _("Places"), FACTS_LABEL_WIDTH, text, A_NORMAL);
	if (in->minimum > 0) {
		char least[CSR_FMT_NUMBER_MAX];
		csr_fmt_count(in->minimum, least, sizeof least);
		/* TRANSLATORS: the fewest people an initiative needs: "3 people" */
		snprintf(text, sizeof text, csr_plural(in->minimum, "%s person", "%s people"), least);
		view_field(v, _("Minimum"), FACTS_LABEL_WIDTH, text,
			   in->confirmed < in->minimum ? ui_attr(UI_WARN) : A_NORMAL);
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
