/* SPDX-License-Identifier: MIT */
/* An initiative's goals: one field per metric (in the metric's unit, as
 * people type numbers), saved into the initiative the form edits; the
 * initiative form writes them with the rest. */
#include "goals_form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csrdesk/format.h"
#include "csrdesk/i18n.h"
#include "form.h"

enum { GOAL_TEXT = 32, LABEL_TEXT = CSR_TITLE_MAX + CSR_UNIT_MAX + 4 };

typedef struct goals_form {
	tui_app *app;
	csr_initiative *in;
	const csr_metric *metrics[CSR_GOALS_MAX];
	int nmetrics;
	char labels[CSR_GOALS_MAX][LABEL_TEXT];
	char values[CSR_GOALS_MAX][GOAL_TEXT];
	ui_field fields[CSR_GOALS_MAX];
} goals_form;

static const csr_goal *goal_of(const csr_initiative *in, const char *metric)
{
	for (int i = 0; i < in->ngoals; i++)
		if (strcmp(in->goals[i].metric, metric) == 0)
			return &in->goals[i];
	return NULL;
}

static void add_metric(goals_form *f, const csr_metric *m)
{
	for (int i = 0; i < f->nmetrics; i++)
		if (f->metrics[i] == m)
			return;
	if (m && f->nmetrics < CSR_GOALS_MAX)
		f->metrics[f->nmetrics++] = m;
}

/* The category's metrics (every metric when it lists none), then those
 * that have a goal already, so that none is dropped unseen. */
static void collect_metrics(goals_form *f)
{
	const csr_config *cfg = tui_config(f->app);
	const csr_category *cat = csr_config_category(cfg, f->in->category);
	if (cat && cat->nmetrics > 0)
		for (int i = 0; i < cat->nmetrics; i++)
			add_metric(f, &cfg->metrics[cat->metrics[i]]);
	else
		for (int i = 0; i < cfg->nmetrics; i++)
			add_metric(f, &cfg->metrics[i]);
	for (int i = 0; i < f->in->ngoals; i++)
		add_metric(f, csr_config_metric(cfg, f->in->goals[i].metric));
}

static void setup_fields(goals_form *f)
{
	for (int i = 0; i < f->nmetrics; i++) {
		const csr_metric *m = f->metrics[i];
		const csr_goal *g = goal_of(f->in, m->key);
		snprintf(f->labels[i], sizeof f->labels[i], "%s (%s)", m->title, m->unit);
		if (g)
			csr_fmt_number(g->target, f->values[i], sizeof f->values[i]);
		f->fields[i] = (ui_field){ f->labels[i], _("0 or empty: no goal; F2 saves"),
					   1, NULL, 0, f->values[i], sizeof f->values[i], NULL };
	}
}

/* Reads the fields into goals; the field at fault, or UI_FORM_SAVED. */
static int read_goals(goals_form *f, csr_goal *goals, int *n, char *msg, size_t size)
{
	*n = 0;
	for (int i = 0; i < f->nmetrics; i++) {
		double target = 0;
		if (f->values[i][strspn(f->values[i], " ")] &&
		    !csr_fmt_parse_number(f->values[i], &target)) {
			/* the hint says 0 or empty means none */
			csr_fmt_number_problem(f->values[i], msg, size);
			return i;
		}
		if (target <= 0)
			continue;
		snprintf(goals[*n].metric, sizeof goals[*n].metric, "%s", f->metrics[i]->key);
		goals[(*n)++].target = target;
	}
	return UI_FORM_SAVED;
}

/* Goals of metrics not in the form (none today: it shows every metric
 * with a goal) are kept as they were. */
static int save(void *ctx, ui_field *fields, int n, char *msg, size_t size)
{
	(void)fields;
	(void)n;
	goals_form *f = ctx;
	csr_goal goals[CSR_GOALS_MAX];
	int ngoals = 0;
	int fault = read_goals(f, goals, &ngoals, msg, size);
	if (fault != UI_FORM_SAVED)
		return fault;
	memcpy(f->in->goals, goals, sizeof goals);
	f->in->ngoals = ngoals;
	return UI_FORM_SAVED;
}

bool goals_form_run(tui_app *app, csr_initiative *in)
{
	goals_form *f = calloc(1, sizeof *f);
	bool saved = false;
	if (!f)
		return false;
	*f = (goals_form){ .app = app, .in = in };
	collect_metrics(f);
	if (f->nmetrics == 0)
		tui_message(app, _("The configuration defines no metrics to set goals for"));
	else {
		setup_fields(f);
		saved = ui_form_run(app, _(" Goals "), f->fields, f->nmetrics, save, f);
	}
	free(f);
	return saved;
}

void goals_summary(const tui_app *app, const csr_initiative *in, char *out, size_t size)
{
	size_t used = 0;
	snprintf(out, size, "%s", _("(none)"));
	for (int i = 0; i < in->ngoals && used < size; i++) {
		const csr_metric *m = csr_config_metric(tui_config(app), in->goals[i].metric);
		char amount[CSR_FMT_NUMBER_MAX + CSR_UNIT_MAX];
		csr_fmt_amount(in->goals[i].target, m ? m->unit : in->goals[i].metric, amount,
			       sizeof amount);
		used += (size_t)snprintf(out + used, size - used, "%s%s", i ? ", " : "", amount);
	}
}
