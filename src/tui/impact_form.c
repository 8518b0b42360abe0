/* SPDX-License-Identifier: MIT */
/* Recording impact values for an initiative (leads): a metric of its
 * category, a value ("2,400" or "2400.5") and a note. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csrdesk/format.h"
#include "csrdesk/i18n.h"
#include "csrdesk/impact.h"
#include "csrdesk/initiative.h"
#include "dialog.h"
#include "form.h"
#include "picker.h"

enum { F_METRIC, F_VALUE, F_NOTE, F_COUNT };

enum {
	CHOICE_TEXT = CSR_TITLE_MAX + CSR_UNIT_MAX + 4,
	VALUE_TEXT = 32,       /* a value as typed */
	HINT_TEXT = 160,
};

typedef struct impact_form {
	tui_app *app;
	csr_initiative in;
	const csr_metric *metrics[CSR_CATEGORY_METRICS_MAX];
	int nmetrics;
	char texts[CSR_CATEGORY_METRICS_MAX][CHOICE_TEXT]; /* "Trees planted (trees)" */
	const char *choices[CSR_CATEGORY_METRICS_MAX];
	char metric[CHOICE_TEXT], value[VALUE_TEXT], note[CSR_IMPACT_NOTE_MAX];
	char value_hint[HINT_TEXT];
	ui_field fields[F_COUNT];
	csr_impact saved;
} impact_form;

/* ---- the form ---- */

/* The metrics of the initiative's category; every metric of the config
 * when the category is unknown there or lists none. */
static void collect_metrics(impact_form *f)
{
	const csr_config *cfg = tui_config(f->app);
	const csr_category *cat = csr_config_category(cfg, f->in.category);
	f->nmetrics = 0;
	if (cat && cat->nmetrics > 0)
		for (int i = 0; i < cat->nmetrics; i++)
			f->metrics[f->nmetrics++] = &cfg->metrics[cat->metrics[i]];
	else
		for (int i = 0; i < cfg->nmetrics && f->nmetrics < CSR_CATEGORY_METRICS_MAX; i++)
			f->metrics[f->nmetrics++] = &cfg->metrics[i];
	for (int i = 0; i < f->nmetrics; i++) {
		snprintf(f->texts[i], sizeof f->texts[i], "%s (%s)", f->metrics[i]->title,
			 f->metrics[i]->unit);
		f->choices[i] = f->texts[i];
	}
}

static void setup_fields(impact_form *f)
{
	char a[CSR_FMT_NUMBER_MAX], b[CSR_FMT_NUMBER_MAX], c[CSR_FMT_NUMBER_MAX];
	csr_fmt_number(120, a, sizeof a);
	csr_fmt_number(2400, b, sizeof b);
	csr_fmt_number(2400.5, c, sizeof c);
	/* TRANSLATORS: %s, %s, %s: 120, 2,400 and 2,400.5 as numbers are written here */
	snprintf(f->value_hint, sizeof f->value_hint, _("In the metric's unit, e.g. %s, %s or %s"),
		 a, b, c);
	ui_field fields[F_COUNT] = {
		/* TRANSLATORS: a form field: what is measured (trees planted, funds raised) */
		[F_METRIC] = { _("Metric"), NULL, 1, f->choices, f->nmetrics, f->metric,
			       sizeof f->metric, NULL },
		[F_VALUE] = { _("Value"), f->value_hint, 1, NULL, 0, f->value, sizeof f->value,
			      NULL },
		[F_NOTE] = { _("Note"), _("Optional: where the figure comes from; Enter saves"), 1,
			     NULL, 0, f->note, sizeof f->note, NULL },
	};
	memcpy(f->fields, fields, sizeof fields);
	snprintf(f->metric, sizeof f->metric, "%s", f->choices[0]);
}

static const csr_metric *chosen_metric(const impact_form *f)
{
	for (int i = 0; i < f->nmetrics; i++)
		if (strcmp(f->metric, f->texts[i]) == 0)
			return f->metrics[i];
	return NULL;
}

static int save(void *ctx, ui_field *fields, int n, char *msg, size_t size)
{
	impact_form *f = ctx;
	const csr_metric *m = chosen_metric(f);
	csr_impact rec = { .initiative_id = f->in.id };
	if (!m) {
		snprintf(msg, size, "%s", _("Choose a metric with Left/Right"));
		return F_METRIC;
	}
	if (!csr_fmt_parse_number(f->value, &rec.value)) {
		csr_fmt_number_problem(f->value, msg, size);
		return F_VALUE;
	}
	snprintf(rec.metric, sizeof rec.metric, "%s", m->key);
	snprintf(rec.note, sizeof rec.note, "%s", f->note);
	csr_err err;
	if (csr_impact_record(f->app->db, &rec, &err) != CSR_OK) {
		snprintf(msg, size, "%s", err.msg);
		return form_field_named(fields, n, err.msg);
	}
	f->saved = rec;
	return UI_FORM_SAVED;
}

/* What is recorded for the metric now, all records added up. */
static double total_of(impact_form *f, const char *metric)
{
	csr_impact totals[CSR_CATEGORY_METRICS_MAX * 4];
	int n = 0;
	csr_err err;
	if (csr_impact_totals(f->app->db, f->in.id, totals, CSR_CATEGORY_METRICS_MAX * 4, &n, &err) !=
	    CSR_OK)
		tui_error(f->app, &err);
	for (int i = 0; i < n; i++)
		if (strcmp(totals[i].metric, metric) == 0)
			return totals[i].value;
	return 0;
}

static void report_saved(impact_form *f)
{
	const csr_metric *m = csr_config_metric(tui_config(f->app), f->saved.metric);
	char label[CSR_LABEL_MAX];
	csr_config_metric_label(tui_config(f->app), f->saved.metric, label, sizeof label);
	char value[CSR_FMT_NUMBER_MAX + CSR_UNIT_MAX], total[CSR_FMT_NUMBER_MAX + CSR_UNIT_MAX];
	const char *unit = m ? m->unit : "";
	csr_fmt_amount(f->saved.value, unit, value, sizeof value);
	csr_fmt_amount(total_of(f, f->saved.metric), unit, total, sizeof total);
	/* TRANSLATORS: the value recorded, the metric, the total now, the initiative */
	tui_message(f->app, _("Recorded %s (%s): %s so far for '%s'"), value, label, total,
		    f->in.title);
}

bool impact_form_run(tui_app *app, int64_t initiative_id)
{
	impact_form *f = calloc(1, sizeof *f);
	csr_err err;
	bool saved = false;
	if (!f)
		return false;
	f->app = app;
	if (csr_initiative_get(app->db, initiative_id, &f->in, &err) != CSR_OK) {
		tui_error(app, &err);
		free(f);
		return false;
	}
	collect_metrics(f);
	if (f->nmetrics == 0)
		tui_message(app, _("The configuration defines no metrics to record"));
	else {
		setup_fields(f);
		char title[CSR_INITIATIVE_TITLE_MAX + 16];
		/* TRANSLATORS: a title; %s is the initiative's title */
		snprintf(title, sizeof title, _(" Impact: %s "), f->in.title);
		saved = ui_form_run(app, title, f->fields, F_COUNT, save, f);
		if (saved)
			report_saved(f);
	}
	free(f);
	return saved;
}
