/* SPDX-License-Identifier: MIT */
/* The Impact panel: the figures of a period and a scope (csr_metrics_*)
 * drawn as numbers, progress bars and bar charts. load() decides whether
 * the figures must be counted again and puts the count off until the frame
 * is on the screen (tui_defer); count() reads everything the figures show;
 * draw() only lays out what was read, and shows figures only under the
 * scope and period they were counted for. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csrdesk/clock.h"
#include "csrdesk/format.h"
#include "csrdesk/i18n.h"
#include "csrdesk/figures_cache.h"
#include "csrdesk/metrics.h"
#include "csrdesk/period.h"
#include "csrdesk/text.h"
#include "csrdesk/volunteer.h"
#include "panel.h"
#include "period_picker.h"
#include "view.h"
#include "widget.h"

enum {
	TOP_MAX = 5,
	MONTHS_MAX = 24,
	MONTH_ROWS_MAX = 4096, /* months x categories with hours */
	CATEGORIES_MAX = 64,
	BARS_MAX = CATEGORIES_MAX + 1, /* the most lines of one chart */
	GROUPS_MAX = 1000,     /* sites, and teams, offered as a scope */
	LABEL_MIN = 14,
	INDENT = 2,       /* a text under its label */
	BAR_MIN = 5,
	BAR_MAX = 30,
	FIGURE_ROOM = 34, /* the text before a bar: "44 of 70 donations (1/3 met)" */
	HOURS_ROOM = 12,  /* "12,345.67 h" */
	HOURS_TEXT = CSR_FMT_NUMBER_MAX + 16, /* hours_text's */
	SCOPE_LABEL_MAX = CSR_TITLE_MAX + 8,
};


typedef struct month_total {
	char month[8]; /* "2026-08" */
	int64_t minutes;
} month_total;

typedef struct category_total {
	char key[CSR_KEY_MAX];
	int64_t minutes;
	bool hidden; /* too few people: no bar */
} category_total;

/* What a count of the panel finds, kept in the figures cache as it is for
 * the other sessions that show the same scope and period (figures_cache.h):
 * aggregates only, with no pointer and no text of the language. */
typedef struct counted {
	int hidden; /* figures hidden for too few people */
	csr_figures fig;
	csr_ranked teams[TOP_MAX], initiatives[TOP_MAX];
	int nteams, ninitiatives;
	month_total months[MONTHS_MAX];
	int nmonths;
	category_total categories[CATEGORIES_MAX];
	int ncategories;
	int64_t untied_minutes; /* approved hours not tied to an initiative */
} counted;

typedef struct impact {
	tui_app *app;
	period_choice when; /* what f picked; period is it now */
	csr_period period;
	csr_scope scope;
	/* What the figures below were counted for, and app->changes then:
	 * the same again needs no new count. */
	csr_scope counted_scope;
	csr_period counted_period;
	uint64_t counted_changes;
	int64_t counted_generation; /* of the figures (figures_cache.h) */
	char counted_key[CSR_FIGURES_KEY_MAX];
	bool loaded;             /* the count succeeded: its figures can show */
	bool refused;            /* the scope has too few people: notice shows why */
	bool impact_only;        /* refused, but its impact (per initiative) shows */
	char notice[CSR_ERR_MSG_MAX];
	counted got;
	int widest_label;
	int height, width;
	int label_width; /* widest_label, within a third of the width */
	int scroll, lines;
} impact;

/* "Everyone", "Site Lyon", "Team Tech Support" (a team named "Team Ost"
 * as it is) or a category's title. */
static void scope_label(const csr_config *cfg, const csr_scope *scope, char *out, size_t size)
{
	const char *v = scope->value;
	switch (scope->kind) {
	case CSR_SCOPE_SITE:
		/* TRANSLATORS: the word a site's name may begin with ("Site Lyon"):
		 * such a name is shown as it is, not as "Site Site Lyon" */
		if (csr_text_starts_word(v, "Site") || csr_text_starts_word(v, C_("scope", "Site")))
			snprintf(out, size, "%s", v);
		else
			/* TRANSLATORS: the Impact panel's scope: one site ("Site Lyon") */
			snprintf(out, size, _("Site %s"), v);
		break;
	case CSR_SCOPE_TEAM:
		/* TRANSLATORS: the word a team's name may begin with ("Team Ost") */
		if (csr_text_starts_word(v, "Team") || csr_text_starts_word(v, C_("scope", "Team")))
			snprintf(out, size, "%s", v);
		else
			/* TRANSLATORS: the Impact panel's scope: one team ("Team Tech Support") */
			snprintf(out, size, _("Team %s"), v);
		break;
	case CSR_SCOPE_CATEGORY: csr_config_category_label(cfg, scope->value, out, size); break;
	default:
		/* TRANSLATORS: the Impact panel's scope: all volunteers */
		snprintf(out, size, "%s", _("Everyone"));
		break;
	}
}

/* ---- loading ---- */

static void choose_period(impact *s)
{
	period_choice_resolve(&s->when, &s->period);
}

static void add_month(impact *s, const char *label)
{
	if (s->got.nmonths == MONTHS_MAX)
		return;
	month_total *m = &s->got.months[s->got.nmonths++];
	snprintf(m->month, sizeof m->month, "%.7s", label);
	m->minutes = 0;
}

/* The months of the period up to this one, each at 0 for now. */
static void list_months(impact *s)
{
	int64_t now = csr_now();
	s->got.nmonths = 0;
	for (int64_t t = s->period.from; t < s->period.to && t <= now;) {
		csr_period m;
		csr_period_month(t, &m);
		if (m.to <= t)
			break; /* a broken time zone: never loop forever */
		add_month(s, m.label);
		t = m.to;
	}
}

/* The categories the chart lists: all of the config's, or under a
 * category scope that one. */
static void list_categories(impact *s)
{
	const csr_config *cfg = tui_config(s->app);
	s->got.ncategories = 0;
	for (int i = 0; i < cfg->ncategories && s->got.ncategories < CATEGORIES_MAX; i++) {
		const char *key = cfg->categories[i].key;
		if (s->scope.kind == CSR_SCOPE_CATEGORY && strcmp(key, s->scope.value) != 0)
			continue;
		category_total *c = &s->got.categories[s->got.ncategories++];
		snprintf(c->key, sizeof c->key, "%s", key);
		c->minutes = 0;
	}
}

/* The month of label in the chart, added after the others when missing
 * (hours dated after this month); NULL when there is no room. */
static month_total *month_of(impact *s, const char *label)
{
	for (int i = 0; i < s->got.nmonths; i++)
		if (strcmp(s->got.months[i].month, label) == 0)
			return &s->got.months[i];
	int n = s->got.nmonths;
	add_month(s, label);
	return n < s->got.nmonths ? &s->got.months[n] : NULL;
}

/* The category of key in the chart, added when missing (a category the
 * config no longer has); NULL when there is no room. */
static category_total *category_of(impact *s, const char *key)
{
	for (int i = 0; i < s->got.ncategories; i++)
		if (strcmp(s->got.categories[i].key, key) == 0)
			return &s->got.categories[i];
	if (s->got.ncategories == CATEGORIES_MAX)
		return NULL;
	category_total *c = &s->got.categories[s->got.ncategories++];
	snprintf(c->key, sizeof c->key, "%s", key);
	c->minutes = 0;
	return c;
}

/* Adds a row of hours by month to its month's total. */
static void add_month_hours(impact *s, const csr_month_hours *r)
{
	month_total *m = month_of(s, r->month);
	if (m)
		m->minutes += r->minutes;
}

/* The month chart: each month's total of the categories shown (cats:
 * the category chart's rows, whose hidden categories stay out). */
static csr_code load_months(impact *s, const csr_category_hours *cats, int ncats,
			    csr_err *err)
{
	csr_month_hours *rows = malloc(MONTH_ROWS_MAX * sizeof *rows);
	int n = 0;
	if (!rows)
		return csr_fail(err, CSR_ENOMEM, _("out of memory"));
	csr_code rc = csr_metrics_hours_by_month_shown(s->app->db, &s->period, &s->scope, cats,
						       ncats, rows, MONTH_ROWS_MAX, &n, err);
	list_months(s);
	for (int i = 0; rc == CSR_OK && i < n; i++)
		add_month_hours(s, &rows[i]);
	free(rows);
	return rc;
}

/* Adds a row of hours by category to its category (or to the hours tied
 * to no initiative); a hidden row shows no bar. */
static void add_category_hours(impact *s, const csr_category_hours *r)
{
	if (!r->key[0]) {
		s->got.untied_minutes = r->hidden ? 0 : r->minutes;
		return;
	}
	category_total *c = category_of(s, r->key);
	if (c) {
		c->minutes = r->minutes;
		c->hidden = r->hidden;
	}
}

/* The category chart, without the categories of too few people, then the
 * month chart without them too. */
static csr_code load_hours(impact *s, csr_err *err)
{
	csr_category_hours *rows = calloc(CATEGORIES_MAX + 1, sizeof *rows);
	int n = 0, hidden = 0;
	if (!rows)
		return csr_fail(err, CSR_ENOMEM, _("out of memory"));
	csr_code rc = csr_metrics_hours_by_category(s->app->db, &s->period, &s->scope, rows,
						    CATEGORIES_MAX + 1, &n, &hidden, err);
	list_categories(s);
	s->got.untied_minutes = 0;
	for (int i = 0; rc == CSR_OK && i < n; i++)
		add_category_hours(s, &rows[i]);
	s->got.hidden += hidden;
	if (rc == CSR_OK)
		rc = load_months(s, rows, n, err);
	free(rows);
	return rc;
}

static int widest(int w, const char *label)
{
	int lw = ui_width(label);
	return lw > w ? lw : w;
}

/* The labels of the figures, as the panel shows them (translated). */
static const char *const figure_labels[] = {
	N_("Hours"), N_("Participation"), N_("Attendance"), N_("Rating"), N_("Sign-ups"),
	N_("No initiative"),
};
enum { L_HOURS, L_PARTICIPATION, L_ATTENDANCE, L_RATING, L_SIGNUPS, L_NO_INITIATIVE };

/* The widest label: the figures', metric and category titles, teams and
 * initiatives. */
static void measure_labels(impact *s)
{
	const csr_config *cfg = tui_config(s->app);
	int w = LABEL_MIN - 1;
	char label[CSR_LABEL_MAX];
	for (size_t i = 0; i < sizeof figure_labels / sizeof figure_labels[0]; i++)
		w = widest(w, _(figure_labels[i]));
	for (int i = 0; i < s->got.fig.nmetrics; i++) {
		csr_config_metric_label(cfg, s->got.fig.metrics[i].key, label, sizeof label);
		w = widest(w, label);
	}
	for (int i = 0; i < s->got.ncategories; i++) {
		csr_config_category_label(cfg, s->got.categories[i].key, label, sizeof label);
		w = widest(w, label);
	}
	for (int i = 0; i < s->got.nteams; i++)
		w = widest(w, s->got.teams[i].label);
	for (int i = 0; i < s->got.ninitiatives; i++)
		w = widest(w, s->got.initiatives[i].label);
	s->widest_label = w;
}

/* The top lists, without the rows of too few people. */
static csr_code load_top(impact *s, csr_err *err)
{
	int hidden = 0;
	csr_code rc = csr_metrics_top(s->app->db, &s->period, &s->scope, CSR_TOP_TEAMS, s->got.teams,
				      TOP_MAX, &s->got.nteams, &hidden, err);
	s->got.hidden += hidden;
	if (rc == CSR_OK)
		rc = csr_metrics_top(s->app->db, &s->period, &s->scope, CSR_TOP_INITIATIVES,
				     s->got.initiatives, TOP_MAX, &s->got.ninitiatives, &hidden, err);
	s->got.hidden += rc == CSR_OK ? hidden : 0;
	return rc;
}

/* A scope of too few people: the reason instead of the figures, and the
 * impact recorded on its initiatives where that is not about its people
 * (a category's). */
static void load_refused(impact *s, const csr_err *why)
{
	csr_err err;
	s->refused = true;
	snprintf(s->notice, sizeof s->notice, "%s", why->msg);
	s->impact_only = csr_metrics_impact(s->app->db, &s->period, &s->scope, &s->got.fig,
					    &err) == CSR_OK;
	s->got.nteams = s->got.ninitiatives = s->got.ncategories = s->got.nmonths = 0;
	s->got.untied_minutes = 0;
}

/* Counts the figures, charts and top lists into s->got, inside the
 * snapshot csr_figures_shared holds (the figures cache's callback). */
static csr_code count_into(void *self, csr_err *err)
{
	impact *s = self;
	memset(&s->got, 0, sizeof s->got); /* the cache keeps every byte */
	csr_code rc = csr_metrics_compute(s->app->db, &s->period, &s->scope, &s->got.fig, err);
	if (rc == CSR_OK)
		rc = load_top(s, err);
	if (rc == CSR_OK)
		rc = load_hours(s, err);
	return rc;
}

static uint64_t hash_text(uint64_t h, const char *text)
{
	for (const unsigned char *p = (const unsigned char *)text; *p; p++)
		h = (h ^ *p) * 1099511628211ULL; /* FNV-1a */
	return (h ^ '\n') * 1099511628211ULL;
}

/* The figures cache's key: what a count depends on besides the records.
 * The scope and period; the hour, for figures that time moves (a place on
 * an initiative that has ended is attended or not, a month begins);
 * privacy.min_group and the config's metrics and categories; and the
 * layout of what is stored. */
static void cache_key(const impact *s, char *out, size_t size)
{
	const csr_config *cfg = tui_config(s->app);
	uint64_t h = 14695981039346656037ULL;
	for (int i = 0; i < cfg->nmetrics; i++)
		h = hash_text(h, cfg->metrics[i].key);
	for (int i = 0; i < cfg->ncategories; i++)
		h = hash_text(h, cfg->categories[i].key);
	snprintf(out, size, "impact 1 %zu %d %lld %lld %lld %d %016llx %s", sizeof(counted),
		 (int)s->scope.kind, (long long)s->period.from, (long long)s->period.to,
		 (long long)(csr_now() / 3600), cfg->privacy.min_group, (unsigned long long)h,
		 s->scope.value);
}

/* Counts every figure the panel shows (tui_defer runs it after drawing),
 * or reads them when another session has counted them (figures_cache.h). */
static void count(void *self)
{
	impact *s = self;
	csr_err err;
	s->counted_scope = s->scope;
	s->counted_period = s->period;
	s->counted_changes = s->app->changes;
	cache_key(s, s->counted_key, sizeof s->counted_key);
	s->refused = s->impact_only = false;
	csr_code rc = csr_figures_shared(s->app->db, s->counted_key, &s->got, sizeof s->got,
					 count_into, s, &s->counted_generation, &err);
	if (rc == CSR_EREFUSED)
		load_refused(s, &err);
	s->loaded = rc == CSR_OK || rc == CSR_EREFUSED;
	if (s->loaded)
		measure_labels(s);
	else
		tui_error(s->app, &err);
	tui_release_memory();
}

/* Do the figures shown still hold although something changed: the same
 * key, and no write since that could change a figure (another session's
 * claim or store in the cache, a PIN, a language)? */
static bool figures_hold(const impact *s)
{
	char key[CSR_FIGURES_KEY_MAX];
	int64_t generation = 0;
	csr_err err;
	cache_key(s, key, sizeof key);
	return strcmp(key, s->counted_key) == 0 &&
	       csr_figures_generation(s->app->db, &generation, &err) == CSR_OK &&
	       generation == s->counted_generation;
}

static bool same_scope(const csr_scope *a, const csr_scope *b)
{
	return a->kind == b->kind && strcmp(a->value, b->value) == 0;
}

/* Are the figures counted for the scope and period the heading shows? */
static bool figures_match(const impact *s)
{
	return same_scope(&s->counted_scope, &s->scope) &&
	       s->counted_period.from == s->period.from && s->counted_period.to == s->period.to;
}

/* Reads again only when something may have changed since the last count
 * (app->changes, then the figures' generation) or the period moved on
 * ("this year" after New Year's Eve); else the figures shown still hold.
 * Figures of the same scope and period stay on the screen until the new
 * ones are counted. */
static void load(void *self)
{
	impact *s = self;
	choose_period(s);
	if (s->loaded && figures_match(s) && s->counted_changes == s->app->changes)
		return;
	if (s->loaded && figures_match(s) && figures_hold(s)) {
		s->counted_changes = s->app->changes;
		measure_labels(s); /* a reloaded config may name things anew */
		return;
	}
	tui_defer(s->app, count, s);
}

static void layout(void *self, int height, int width)
{
	impact *s = self;
	s->height = height;
	s->width = width;
}

/* ---- drawing ---- */

/* "1.98 h" as in the report; at least width columns. */
static void hours_text(int64_t minutes, int width, char *out, size_t size)
{
	char hours[CSR_FMT_NUMBER_MAX];
	csr_fmt_hours(minutes, hours, sizeof hours);
	int pad = width - ui_width(hours) - 2;
	snprintf(out, size, "%*s%s h", pad > 0 ? pad : 0, "", hours);
}

/* Where the text and the bar of a line go. */
typedef struct columns {
	int text_x, text_w, bar_w; /* bar_w 0: no bar */
} columns;

/* The text gets room columns after the label, the bar what is left (none
 * when room is 0 or that is too little); bars end at the right edge. */
static columns place(const impact *s, const ui_view *v, int room)
{
	columns c = { s->label_width, v->width - s->label_width, 0 };
	int bar_w = room > 0 ? c.text_w - room : 0;
	c.bar_w = bar_w > BAR_MAX ? BAR_MAX : bar_w < BAR_MIN ? 0 : bar_w;
	if (c.bar_w)
		c.text_w -= c.bar_w + 1;
	return c;
}

/* A text too long for its column starts under the label instead, and
 * loses the bar if it needs that room too. */
static void widen_text(columns *c, const ui_view *v, int need)
{
	c->text_x = INDENT;
	c->text_w = v->width - INDENT - (c->bar_w ? c->bar_w + 1 : 0);
	if (need > c->text_w && c->bar_w) {
		c->text_w += c->bar_w + 1;
		c->bar_w = 0;
	}
}

/* "Label   text   [bar]" on one line; on a narrow screen a label or a text
 * that would be cut puts the label on a line of its own above. */
static void bar_line(impact *s, ui_view *v, const char *label, const char *text, int room,
		     double fraction, attr_t fill)
{
	columns c = place(s, v, room);
	int need = ui_width(text);
	bool stacked = ui_width(label) >= s->label_width || need > c.text_w;
	if (stacked)
		view_line(v, label, ui_attr(UI_LABEL));
	if (need > c.text_w)
		widen_text(&c, v, need);
	int row = view_next(v);
	if (row < 0)
		return;
	ui_blank(v->w, row, v->x, v->width, A_NORMAL);
	if (!stacked)
		ui_text(v->w, row, v->x, s->label_width - 1, label, ui_attr(UI_LABEL), false);
	ui_text(v->w, row, v->x + c.text_x, c.text_w, text, A_NORMAL, false);
	if (c.bar_w)
		ui_progress(v->w, row, v->x + v->width - c.bar_w, c.bar_w, fraction, fill);
}

static void write_title(ui_view *v, const char *title)
{
	view_blank(v);
	view_line(v, title, ui_attr(UI_TITLE));
}

static void write_summary(impact *s, ui_view *v)
{
	const csr_figures *f = &s->got.fig;
	attr_t fill = ui_attr(UI_PROGRESS);
	char text[256], a[HOURS_TEXT], b[HOURS_TEXT], c[CSR_FMT_NUMBER_MAX];
	hours_text(f->approved_minutes, 0, a, sizeof a);
	hours_text(f->pending_minutes, 0, b, sizeof b);
	/* TRANSLATORS: hours approved and hours waiting for approval: "12.5 h approved, 2 h pending" */
	snprintf(text, sizeof text, _("%s approved, %s pending"), a, b);
	bar_line(s, v, _(figure_labels[L_HOURS]), text, 0, 0, fill);
	csr_fmt_percent(f->participation, a, sizeof a);
	csr_fmt_count(f->participants, b, sizeof b);
	csr_fmt_count(f->active_volunteers, c, sizeof c);
	/* TRANSLATORS: participation: the percentage, people who took part of
	 * the active volunteers: "12% (6 of 50 active)" */
	snprintf(text, sizeof text, _("%s (%s of %s active)"), a, b, c);
	bar_line(s, v, _(figure_labels[L_PARTICIPATION]), text, FIGURE_ROOM, f->participation,
		 fill);
	csr_fmt_percent(f->attendance_rate, a, sizeof a);
	csr_fmt_percent(f->no_show_rate, b, sizeof b);
	/* TRANSLATORS: the attendance rate, then the no-show rate: "90% (no-shows 10%)" */
	snprintf(text, sizeof text, _("%s (no-shows %s)"), a, b);
	bar_line(s, v, _(figure_labels[L_ATTENDANCE]), text, FIGURE_ROOM, f->attendance_rate,
		 fill);
	csr_fmt_rating(f->rating, a, sizeof a);
	csr_fmt_count(f->ratings, b, sizeof b);
	if (f->ratings > 0)
		/* TRANSLATORS: the average rating and how many people rated:
		 * "4.2 of 5 (12 responses)" */
		snprintf(text, sizeof text,
			 csr_plural(f->ratings, "%s of 5 (%s response)", "%s of 5 (%s responses)"), a,
			 b);
	else if (f->rating_hidden)
		csr_metrics_rating_note(f, csr_metrics_min_group(s->app->db), text, sizeof text);
	else
		snprintf(text, sizeof text, "%s", _("no ratings yet"));
	bar_line(s, v, _(figure_labels[L_RATING]), text, f->ratings > 0 ? FIGURE_ROOM : 0,
		 f->rating / 5, fill);
	csr_fmt_count(f->signups, text, sizeof text);
	bar_line(s, v, _(figure_labels[L_SIGNUPS]), text, 0, 0, fill);
}

static void write_goals(impact *s, ui_view *v)
{
	const csr_config *cfg = tui_config(s->app);
	write_title(v, _("Impact and goals"));
	for (int i = 0; i < s->got.fig.nmetrics; i++) {
		const csr_metric_figure *m = &s->got.fig.metrics[i];
		const csr_metric *def = csr_config_metric(cfg, m->key);
		char text[256], label[CSR_LABEL_MAX], total[CSR_FMT_NUMBER_MAX];
		char goal[CSR_FMT_NUMBER_MAX + CSR_UNIT_MAX], met[CSR_FMT_NUMBER_MAX];
		char set[CSR_FMT_NUMBER_MAX];
		csr_config_metric_label(cfg, m->key, label, sizeof label);
		const char *unit = def ? def->unit : "";
		csr_fmt_number(m->total, total, sizeof total);
		csr_fmt_amount(m->goal, unit, goal, sizeof goal);
		csr_fmt_count(m->goals_met, met, sizeof met);
		csr_fmt_count(m->goals_set, set, sizeof set);
		if (m->goal > 0)
			/* TRANSLATORS: a metric's total of its goals, and how many of
			 * the goals set were met: "340 of 500 trees (1/3 met)" */
			snprintf(text, sizeof text, _("%s of %s (%s/%s met)"), total, goal, met, set);
		else
			csr_fmt_amount(m->total, unit, text, sizeof text);
		bar_line(s, v, label, text, m->goal > 0 ? FIGURE_ROOM : 0,
			 m->goal > 0 ? m->total / m->goal : 0, ui_attr(UI_PROGRESS));
	}
	if (s->got.fig.nmetrics == 0)
		view_line(v, _("  no metrics in the config"), ui_attr(UI_DIM));
}

/* One line of an hours chart. */
typedef struct hours_bar {
	const char *label;
	int64_t minutes;
	attr_t fill;
} hours_bar;

/* A chart of hours, each bar against the longest. */
static void write_chart(impact *s, ui_view *v, const char *title, const hours_bar *bars, int n)
{
	int64_t most = 0;
	for (int i = 0; i < n; i++)
		most = bars[i].minutes > most ? bars[i].minutes : most;
	write_title(v, title);
	if (most == 0)
		view_line(v, _("  no approved hours in this period"), ui_attr(UI_DIM));
	for (int i = 0; most > 0 && i < n; i++) {
		char text[HOURS_TEXT];
		hours_text(bars[i].minutes, HOURS_ROOM - 2, text, sizeof text);
		double fraction = (double)bars[i].minutes / (double)most;
		bar_line(s, v, bars[i].label, text, HOURS_ROOM, fraction, bars[i].fill);
	}
}

static void write_categories(impact *s, ui_view *v)
{
	const csr_config *cfg = tui_config(s->app);
	hours_bar bars[BARS_MAX];
	char labels[CATEGORIES_MAX][CSR_LABEL_MAX];
	int n = 0;
	for (int i = 0; i < s->got.ncategories; i++) {
		if (s->got.categories[i].hidden)
			continue;
		const csr_category *def = csr_config_category(cfg, s->got.categories[i].key);
		csr_config_category_label(cfg, s->got.categories[i].key, labels[n], sizeof labels[n]);
		bars[n] = (hours_bar){ labels[n], s->got.categories[i].minutes,
				       def ? ui_color_attr(def->color) : ui_attr(UI_MARK) };
		if (bars[n].fill == A_NORMAL) /* no colors, or none configured */
			bars[n].fill = ui_attr(UI_PROGRESS);
		n++;
	}
	if (s->got.untied_minutes > 0)
		bars[n++] = (hours_bar){ _(figure_labels[L_NO_INITIATIVE]), s->got.untied_minutes,
					 ui_attr(UI_PROGRESS) };
	write_chart(s, v, _("Hours by category"), bars, n);
}

static void write_months(impact *s, ui_view *v)
{
	hours_bar bars[MONTHS_MAX];
	for (int i = 0; i < s->got.nmonths; i++)
		bars[i] = (hours_bar){ s->got.months[i].month, s->got.months[i].minutes,
				       ui_attr(UI_PROGRESS) };
	write_chart(s, v, _("Hours by month"), bars, s->got.nmonths);
}

/* A top list; a row without a label (volunteers without a team) shows as
 * nameless. */
static void write_top(impact *s, ui_view *v, const char *title, const csr_ranked *rows, int n,
		      const char *nameless)
{
	hours_bar bars[TOP_MAX];
	for (int i = 0; i < n; i++)
		bars[i] = (hours_bar){ rows[i].label[0] ? rows[i].label : nameless,
				       rows[i].minutes, ui_attr(UI_PROGRESS) };
	write_chart(s, v, title, bars, n);
}

/* Why a scope shows no figures, word-wrapped to the panel's width. */
static void write_notice(impact *s, ui_view *v)
{
	view_para(v, s->notice, ui_attr(UI_WARN), 0);
}

/* "2 figures hidden: fewer than 5 people (privacy.min_group)". */
static void write_hidden(impact *s, ui_view *v)
{
	char note[256];
	csr_metrics_hidden_note(s->got.hidden, csr_metrics_min_group(s->app->db), note, sizeof note);
	if (note[0])
		view_para(v, note, ui_attr(UI_DIM), 0);
}

/* "f period  t scope", from the action table. */
static void key_hints(char *out, size_t size)
{
	char period[32], scope[32];
	tui_key_name(tui_action_get(ACT_FILTER)->keys[0], period, sizeof period);
	tui_key_name(tui_action_get(ACT_SCOPE)->keys[0], scope, sizeof scope);
	/* TRANSLATORS: the keys of the Impact panel: "f period  t scope" */
	snprintf(out, size, _("%s period  %s scope"), period, scope);
}

/* "Impact 2026 · Team Tech Support", and the keys when they fit. */
static void write_header(impact *s, WINDOW *w, int y)
{
	char scope[SCOPE_LABEL_MAX], period[CSR_PERIOD_LABEL_MAX + 32];
	char head[SCOPE_LABEL_MAX + sizeof period + 32], keys[80];
	scope_label(tui_config(s->app), &s->scope, scope, sizeof scope);
	csr_period_name(&s->period, period, sizeof period);
	/* TRANSLATORS: the Impact panel's heading: the period, a dot, the
	 * scope: "Impact 2026 · Team Tech Support" */
	snprintf(head, sizeof head, _("Impact %s %s %s"), period,
		 ui_ascii() ? "-" : "\xC2\xB7", scope);
	key_hints(keys, sizeof keys);
	ui_blank(w, y, 0, s->width, A_NORMAL);
	int used = ui_text(w, y, 1, s->width - 2, head, ui_attr(UI_TITLE), false);
	if (used + 2 + ui_width(keys) <= s->width - 2)
		ui_text_right(w, y, 1, s->width - 2, keys, ui_attr(UI_DIM));
}

static void draw(void *self, WINDOW *w, int y)
{
	impact *s = self;
	write_header(s, w, y);
	int label_w = s->widest_label + 2, third = (s->width - 2) / 3;
	s->label_width = label_w < third ? label_w : third < LABEL_MIN ? LABEL_MIN : third;
	ui_view v;
	s->scroll = view_clamp(s->scroll, s->lines, s->height - 2);
	view_begin(&v, w, y + 2, 1, s->height - 2, s->width - 2, s->scroll);
	if (!figures_match(s)) {
		/* TRANSLATORS: the Impact panel, where the figures go until they
		 * are counted (a moment) */
		view_line(&v, _("Counting…"), ui_attr(UI_DIM));
	} else if (s->loaded && s->refused) {
		write_notice(s, &v);
		if (s->impact_only)
			write_goals(s, &v);
	} else if (s->loaded) {
		write_hidden(s, &v);
		write_summary(s, &v);
		write_goals(s, &v);
		write_categories(s, &v);
		write_months(s, &v);
		write_top(s, &v, _("Top teams by hours"), s->got.teams, s->got.nteams, _("(no team)"));
		write_top(s, &v, _("Top initiatives by hours"), s->got.initiatives, s->got.ninitiatives,
			  _("(untitled)"));
	}
	s->lines = view_end(&v);
}

/* ---- actions ---- */

static void choose_period_kind(impact *s)
{
	if (!period_choice_pick(s->app, _(" Period "), &s->when))
		return;
	s->scroll = 0;
	load(s);
}

/* The scopes offered: everyone, each site, each team, each category. */
typedef struct scope_menu {
	csr_scope *scopes;
	char (*labels)[SCOPE_LABEL_MAX];
	const char **items;
	int n;
} scope_menu;

static void menu_add(scope_menu *m, const csr_config *cfg, csr_scope_kind kind, const char *value)
{
	csr_scope *sc = &m->scopes[m->n];
	sc->kind = kind;
	snprintf(sc->value, sizeof sc->value, "%s", value);
	scope_label(cfg, sc, m->labels[m->n], sizeof m->labels[0]);
	m->items[m->n] = m->labels[m->n];
	m->n++;
}

/* The sites or the teams, read into names (GROUPS_MAX of them). */
typedef char group_names[GROUPS_MAX][CSR_TEAM_MAX];

static void menu_free(scope_menu *m)
{
	free(m->scopes);
	free(m->labels);
	free(m->items);
}

/* Everyone, the sites, the teams and the categories, in arrays of just
 * their size: the menu is open while the chosen scope is counted. */
static csr_code menu_open(scope_menu *m, impact *s, csr_err *err)
{
	const csr_config *cfg = tui_config(s->app);
	group_names *sites = calloc(1, sizeof *sites), *teams = calloc(1, sizeof *teams);
	int nsites = 0, nteams = 0;
	*m = (scope_menu){ 0 };
	csr_code rc = sites && teams ? CSR_OK : csr_fail(err, CSR_ENOMEM, _("out of memory"));
	if (rc == CSR_OK)
		rc = csr_volunteer_groups(s->app->db, CSR_GROUP_SITE, *sites, GROUPS_MAX, &nsites,
					  err);
	if (rc == CSR_OK)
		rc = csr_volunteer_groups(s->app->db, CSR_GROUP_TEAM, *teams, GROUPS_MAX, &nteams,
					  err);
	size_t max = 1 + (size_t)nsites + (size_t)nteams + (size_t)cfg->ncategories;
	if (rc == CSR_OK) {
		*m = (scope_menu){ calloc(max, sizeof *m->scopes), calloc(max, sizeof *m->labels),
				   calloc(max, sizeof *m->items), 0 };
		if (!m->scopes || !m->labels || !m->items)
			rc = csr_fail(err, CSR_ENOMEM, _("out of memory"));
	}
	if (rc == CSR_OK) {
		menu_add(m, cfg, CSR_SCOPE_ALL, "");
		for (int i = 0; i < nsites; i++)
			menu_add(m, cfg, CSR_SCOPE_SITE, (*sites)[i]);
		for (int i = 0; i < nteams; i++)
			menu_add(m, cfg, CSR_SCOPE_TEAM, (*teams)[i]);
		for (int i = 0; i < cfg->ncategories; i++)
			menu_add(m, cfg, CSR_SCOPE_CATEGORY, cfg->categories[i].key);
	}
	free(sites);
	free(teams);
	return rc;
}

/* The entry of the current scope, 0 (everyone) when it is not offered. */
static int menu_find(const scope_menu *m, const csr_scope *scope)
{
	for (int i = 0; i < m->n; i++) {
		const csr_scope *sc = &m->scopes[i];
		if (sc->kind == scope->kind && strcmp(sc->value, scope->value) == 0)
			return i;
	}
	return 0;
}

static void choose_scope(impact *s)
{
	scope_menu m;
	csr_err err;
	int choice = UI_CHOSE_NOTHING;
	if (menu_open(&m, s, &err) == CSR_OK)
		choice = ui_choose(s->app, _(" Scope "), m.items, m.n, menu_find(&m, &s->scope),
				   -1, -1, false);
	else
		tui_error(s->app, &err);
	if (choice >= 0)
		s->scope = m.scopes[choice];
	menu_free(&m); /* before the count: less memory at its peak */
	if (choice >= 0) {
		s->scroll = 0;
		load(s);
	}
}

static bool handle(void *self, tui_action act)
{
	impact *s = self;
	if (act == ACT_FILTER)
		choose_period_kind(s);
	else if (act == ACT_SCOPE)
		choose_scope(s);
	else
		return view_scroll(act, &s->scroll, s->lines, s->height - 2);
	return true;
}

static void *open_panel(tui_app *app)
{
	impact *s = calloc(1, sizeof *s);
	if (s) {
		s->app = app;
		s->scope.kind = CSR_SCOPE_ALL;
	}
	return s;
}

static void close_panel(void *self)
{
	free(self);
}

const panel_ops impact_panel = {
	.title = N_("Impact"),
	.open = open_panel,
	.close = close_panel,
	.layout = layout,
	.load = load,
	.draw = draw,
	.handle = handle,
};
