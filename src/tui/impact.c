/* The Impact panel: the figures of a period (csr_metrics_compute) drawn as
 * numbers, progress bars and bar charts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csrdesk/clock.h"
#include "csrdesk/metrics.h"
#include "nav.h"
#include "panel.h"
#include "view.h"
#include "widget.h"

enum {
	TOP_MAX = 5,
	MONTH_ROWS_MAX = 256,
	MONTHS_MAX = 24,
	LABEL_MIN = 14,
	BAR_MAX = 30,
	TEXT_ROOM = 34, /* the text before a bar: "44 of 70 donations (1/3 met)" */
};

typedef enum period_kind { PERIOD_YEAR, PERIOD_QUARTER, PERIOD_MONTH, PERIOD_LAST_YEAR } period_kind;

typedef struct month_total {
	char month[8];
	int64_t minutes;
} month_total;

typedef struct impact {
	tui_app *app;
	period_kind kind;
	csr_period period;
	bool loaded;
	csr_figures fig;
	csr_ranked teams[TOP_MAX];
	int nteams;
	month_total months[MONTHS_MAX];
	int nmonths;
	int height, width;
	int label_width; /* the widest label, within a third of the width */
	int scroll, lines;
} impact;

/* ---- loading ---- */

static void choose_period(impact *s)
{
	int64_t now = csr_now();
	switch (s->kind) {
	case PERIOD_QUARTER: csr_period_quarter(now, &s->period); break;
	case PERIOD_MONTH: csr_period_month(now, &s->period); break;
	case PERIOD_LAST_YEAR:
		csr_period_year(now, &s->period);
		csr_period_year(s->period.from - 1, &s->period);
		break;
	default: csr_period_year(now, &s->period); break;
	}
}

/* Sums the per-category month rows into one total per month. */
static csr_code load_months(impact *s, const csr_scope *all, csr_err *err)
{
	csr_month_hours *rows = calloc(MONTH_ROWS_MAX, sizeof *rows);
	int n = 0;
	if (!rows)
		return csr_fail(err, CSR_ENOMEM, "out of memory");
	csr_code rc = csr_metrics_hours_by_month(s->app->db, &s->period, all, rows, MONTH_ROWS_MAX,
						 &n, err);
	s->nmonths = 0;
	for (int i = 0; rc == CSR_OK && i < n; i++) {
		month_total *last = s->nmonths ? &s->months[s->nmonths - 1] : NULL;
		if (last && strcmp(last->month, rows[i].month) == 0)
			last->minutes += rows[i].minutes;
		else if (s->nmonths < MONTHS_MAX) {
			snprintf(s->months[s->nmonths].month, sizeof s->months[0].month, "%s",
				 rows[i].month);
			s->months[s->nmonths++].minutes = rows[i].minutes;
		}
	}
	free(rows);
	return rc;
}

static void load(void *self)
{
	impact *s = self;
	csr_scope all = { .kind = CSR_SCOPE_ALL };
	csr_err err;
	choose_period(s);
	csr_code rc = csr_metrics_compute(s->app->db, &s->period, &all, &s->fig, &err);
	if (rc == CSR_OK)
		rc = csr_metrics_top_teams(s->app->db, &s->period, &all, s->teams, TOP_MAX,
					   &s->nteams, &err);
	if (rc == CSR_OK)
		rc = load_months(s, &all, &err);
	s->loaded = rc == CSR_OK;
	if (!s->loaded)
		tui_error(s->app, &err);
}

static void layout(void *self, int height, int width)
{
	impact *s = self;
	s->height = height;
	s->width = width;
}

/* ---- drawing ---- */

static void hours_text(int64_t minutes, char *out, size_t size)
{
	snprintf(out, size, "%lld.%lld h", (long long)(minutes / 60),
		 (long long)(minutes % 60 * 10 / 60));
}

/* "Label   text   [bar]" on one line; the bar takes what is left. */
static void bar_line(impact *s, ui_view *v, const char *label, const char *text,
		     double fraction, bool with_bar)
{
	int label_width = s->label_width;
	int row = view_next(v);
	if (row < 0)
		return;
	int text_w = v->width - label_width;
	int bar_w = with_bar ? text_w - TEXT_ROOM : 0;
	bar_w = bar_w > BAR_MAX ? BAR_MAX : bar_w;
	if (bar_w >= 5)
		text_w -= bar_w + 1;
	ui_blank(v->w, row, v->x, v->width, A_NORMAL);
	ui_text(v->w, row, v->x, label_width - 1, label, ui_attr(UI_LABEL), false);
	ui_text(v->w, row, v->x + label_width, text_w, text, A_NORMAL, false);
	if (with_bar && bar_w >= 5)
		ui_progress(v->w, row, v->x + label_width + text_w + 1, bar_w, fraction);
}

static void write_summary(impact *s, ui_view *v)
{
	const csr_figures *f = &s->fig;
	char text[160], a[32], b[32];
	hours_text(f->approved_minutes, a, sizeof a);
	hours_text(f->pending_minutes, b, sizeof b);
	snprintf(text, sizeof text, "%s approved, %s pending", a, b);
	bar_line(s, v, "Hours", text, 0, false);
	snprintf(text, sizeof text, "%.0f%% (%d of %d active)", f->participation * 100,
		 f->participants, f->active_volunteers);
	bar_line(s, v, "Participation", text, f->participation, true);
	snprintf(text, sizeof text, "%.0f%% (no-shows %.0f%%)", f->attendance_rate * 100,
		 f->no_show_rate * 100);
	bar_line(s, v, "Attendance", text, f->attendance_rate, true);
	if (f->ratings > 0)
		snprintf(text, sizeof text, "%.1f of 5 (%d response%s)", f->rating, f->ratings,
			 f->ratings == 1 ? "" : "s");
	else
		snprintf(text, sizeof text, "no ratings yet");
	bar_line(s, v, "Rating", text, f->rating / 5, f->ratings > 0);
	snprintf(text, sizeof text, "%d", f->signups);
	bar_line(s, v, "Sign-ups", text, 0, false);
}

static void write_goals(impact *s, ui_view *v)
{
	const csr_config *cfg = tui_config(s->app);
	view_blank(v);
	view_line(v, "Impact and goals", ui_attr(UI_TITLE));
	for (int i = 0; i < s->fig.nmetrics; i++) {
		const csr_metric_figure *m = &s->fig.metrics[i];
		const csr_metric *def = csr_config_metric(cfg, m->key);
		char text[160], label[CSR_TITLE_MAX + 2];
		snprintf(label, sizeof label, def ? "%s" : "!%s", def ? def->title : m->key);
		const char *unit = def ? def->unit : "";
		if (m->goal > 0)
			snprintf(text, sizeof text, "%g of %g %s (%d/%d met)", m->total, m->goal, unit,
				 m->goals_met, m->goals_set);
		else
			snprintf(text, sizeof text, "%g %s", m->total, unit);
		bar_line(s, v, label, text, m->goal > 0 ? m->total / m->goal : 0, m->goal > 0);
	}
	if (s->fig.nmetrics == 0)
		view_line(v, "  no metrics in the config", ui_attr(UI_DIM));
}

static void write_ranking(impact *s, ui_view *v, const char *title, const char *const *labels,
			  const int64_t *minutes, int n)
{
	int64_t most = 0;
	for (int i = 0; i < n; i++)
		most = minutes[i] > most ? minutes[i] : most;
	view_blank(v);
	view_line(v, title, ui_attr(UI_TITLE));
	if (n == 0)
		view_line(v, "  no approved hours in this period", ui_attr(UI_DIM));
	for (int i = 0; i < n; i++) {
		char text[32];
		hours_text(minutes[i], text, sizeof text);
		bar_line(s, v, labels[i], text, most ? (double)minutes[i] / (double)most : 0, true);
	}
}

static void write_charts(impact *s, ui_view *v)
{
	const char *labels[MONTHS_MAX > TOP_MAX ? MONTHS_MAX : TOP_MAX];
	int64_t minutes[MONTHS_MAX > TOP_MAX ? MONTHS_MAX : TOP_MAX];
	for (int i = 0; i < s->nteams; i++) {
		labels[i] = s->teams[i].label[0] ? s->teams[i].label : "(no team)";
		minutes[i] = s->teams[i].minutes;
	}
	write_ranking(s, v, "Top teams by hours", labels, minutes, s->nteams);
	for (int i = 0; i < s->nmonths; i++) {
		labels[i] = s->months[i].month;
		minutes[i] = s->months[i].minutes;
	}
	write_ranking(s, v, "Hours by month", labels, minutes, s->nmonths);
}

static int widest(int w, const char *label)
{
	int lw = ui_width(label);
	return lw > w ? lw : w;
}

/* Labels: metric titles and team names, within a third of the width. */
static void measure_labels(impact *s)
{
	const csr_config *cfg = tui_config(s->app);
	int w = LABEL_MIN - 1;
	for (int i = 0; i < s->fig.nmetrics; i++) {
		const csr_metric *def = csr_config_metric(cfg, s->fig.metrics[i].key);
		w = widest(w, def ? def->title : s->fig.metrics[i].key);
	}
	for (int i = 0; i < s->nteams; i++)
		w = widest(w, s->teams[i].label);
	s->label_width = w + 2 < s->width / 3 ? w + 2 : s->width / 3;
}

static void draw(void *self, WINDOW *w, int y)
{
	impact *s = self;
	measure_labels(s);
	char head[96];
	snprintf(head, sizeof head, "Impact %s", s->period.label);
	ui_blank(w, y, 0, s->width, A_NORMAL);
	ui_text(w, y, 1, s->width - 2, head, ui_attr(UI_TITLE), false);
	ui_text_right(w, y, 1, s->width - 2, "f: period", ui_attr(UI_DIM));
	ui_view v;
	s->scroll = view_clamp(s->scroll, s->lines, s->height - 2);
	view_begin(&v, w, y + 2, 1, s->height - 2, s->width - 2, s->scroll);
	if (s->loaded) {
		write_summary(s, &v);
		write_goals(s, &v);
		write_charts(s, &v);
	}
	s->lines = view_end(&v);
}

/* ---- actions ---- */

static void choose(impact *s)
{
	const char *items[] = { "This year", "This quarter", "This month", "Last year" };
	int choice = ui_choose(s->app, " Period ", items, 4, (int)s->kind, -1, -1, false);
	if (choice >= 0) {
		s->kind = (period_kind)choice;
		s->scroll = 0;
		load(s);
	}
}

static bool handle(void *self, tui_action act)
{
	impact *s = self;
	if (act == ACT_FILTER) {
		choose(s);
		return true;
	}
	return nav_scroll(act, &s->scroll, s->lines, s->height - 2);
}

static void *open_panel(tui_app *app)
{
	impact *s = calloc(1, sizeof *s);
	if (s)
		s->app = app;
	return s;
}

static void close_panel(void *self)
{
	free(self);
}

static bool in_detail(void *self)
{
	(void)self;
	return false;
}

const panel_ops impact_panel = {
	.title = "Impact",
	.open = open_panel,
	.close = close_panel,
	.layout = layout,
	.load = load,
	.draw = draw,
	.handle = handle,
	.in_detail = in_detail,
};
