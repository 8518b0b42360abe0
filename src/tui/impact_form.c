/* SPDX-License-Identifier: MIT */
/* Recording impact values for the selected initiative (leads): a metric of
 * its category, a value ("2,400" or "2400.5") and a note; and the totals
 * recorded so far, for the detail pane. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csrdesk/format.h"
#include "csrdesk/impact.h"
#include "form.h"
#include "initiatives.h"

enum { F_METRIC, F_VALUE, F_NOTE, F_COUNT };

enum {
	RECORDS_MAX = 256, /* impact records read for the totals */
	CHOICE_TEXT = CSR_TITLE_MAX + CSR_UNIT_MAX + 4,
	VALUE_TEXT = 32,       /* a value as typed */
};

typedef struct impact_form {
	initiatives *s;
	const csr_metric *metrics[CSR_CATEGORY_METRICS_MAX];
	int nmetrics;
	char texts[CSR_CATEGORY_METRICS_MAX][CHOICE_TEXT]; /* "Trees planted (trees)" */
	const char *choices[CSR_CATEGORY_METRICS_MAX];
	char metric[CHOICE_TEXT], value[VALUE_TEXT], note[CSR_IMPACT_NOTE_MAX];
	ui_field fields[F_COUNT];
	csr_impact saved;
} impact_form;

/* ---- totals ---- */

static void add_total(initiatives *s, const csr_impact *rec)
{
	for (int i = 0; i < s->ntotals; i++)
		if (strcmp(s->totals[i].metric, rec->metric) == 0) {
			s->totals[i].value += rec->value;
			return;
		}
	if (s->ntotals == INI_TOTALS_MAX) {
		s->totals_partial = true;
		return;
	}
	ini_total *t = &s->totals[s->ntotals++];
	snprintf(t->metric, sizeof t->metric, "%s", rec->metric);
	t->value = rec->value;
}

void impact_totals_load(initiatives *s)
{
	s->ntotals = 0;
	s->totals_partial = false;
	if (!s->have_sel)
		return;
	csr_impact *rows = malloc(RECORDS_MAX * sizeof *rows);
	int n = 0;
	csr_err err;
	if (!rows)
		return;
	if (csr_impact_list(s->app->db, s->sel.id, rows, RECORDS_MAX, &n, &err) != CSR_OK)
		tui_error(s->app, &err);
	for (int i = 0; i < n; i++)
		add_total(s, &rows[i]);
	s->totals_partial |= n == RECORDS_MAX;
	free(rows);
}

/* ---- the form ---- */

/* The metrics of the initiative's category; every metric of the config
 * when the category is unknown there or lists none. */
static void collect_metrics(impact_form *f)
{
	const csr_config *cfg = tui_config(f->s->app);
	const csr_category *cat = csr_config_category(cfg, f->s->sel.category);
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
	ui_field fields[F_COUNT] = {
		[F_METRIC] = { "Metric", NULL, 1, f->choices, f->nmetrics, f->metric,
			       sizeof f->metric },
		[F_VALUE] = { "Value", "In the metric's unit, e.g. 120, 2,400 or 2400.5", 1, NULL, 0,
			      f->value, sizeof f->value },
		[F_NOTE] = { "Note", "Optional: where the figure comes from; Enter saves", 1, NULL,
			     0, f->note, sizeof f->note },
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
	csr_impact rec = { .initiative_id = f->s->sel.id };
	if (!m) {
		snprintf(msg, size, "Choose a metric with Left/Right");
		return F_METRIC;
	}
	if (!csr_fmt_parse_number(f->value, &rec.value)) {
		snprintf(msg, size, "Value must be a number like 120, 2,400 or 2400.5");
		return F_VALUE;
	}
	snprintf(rec.metric, sizeof rec.metric, "%s", m->key);
	snprintf(rec.note, sizeof rec.note, "%s", f->note);
	csr_err err;
	if (csr_impact_record(f->s->app->db, &rec, &err) != CSR_OK) {
		snprintf(msg, size, "%s", err.msg);
		return ui_form_field_of(fields, n, err.msg);
	}
	f->saved = rec;
	return UI_FORM_SAVED;
}

static double total_of(const initiatives *s, const char *metric)
{
	for (int i = 0; i < s->ntotals; i++)
		if (strcmp(s->totals[i].metric, metric) == 0)
			return s->totals[i].value;
	return 0;
}

static void report_saved(impact_form *f)
{
	const csr_metric *m = csr_config_metric(tui_config(f->s->app), f->saved.metric);
	char value[CSR_FMT_NUMBER_MAX + CSR_UNIT_MAX], total[CSR_FMT_NUMBER_MAX + CSR_UNIT_MAX];
	const char *unit = m ? m->unit : "";
	csr_fmt_amount(f->saved.value, unit, value, sizeof value);
	csr_fmt_amount(total_of(f->s, f->saved.metric), unit, total, sizeof total);
	tui_message(f->s->app, "Recorded %s (%s): %s so far for '%s'", value,
		    m ? m->title : f->saved.metric, total, f->s->sel.title);
}

void impact_form_run(initiatives *s)
{
	if (!s->have_sel) {
		tui_message(s->app, "No initiative is selected");
		return;
	}
	impact_form *f = calloc(1, sizeof *f);
	if (!f)
		return;
	f->s = s;
	collect_metrics(f);
	if (f->nmetrics == 0)
		tui_message(s->app, "The configuration defines no metrics to record");
	else {
		setup_fields(f);
		char title[CSR_INITIATIVE_TITLE_MAX + 16];
		snprintf(title, sizeof title, " Impact: %s ", s->sel.title);
		if (ui_form_run(s->app, title, f->fields, F_COUNT, save, f)) {
			initiatives_reload(s);
			report_saved(f);
		}
	}
	free(f);
}
