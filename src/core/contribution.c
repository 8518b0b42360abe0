/* SPDX-License-Identifier: MIT */
/* The company's contribution over a period (B4SI, GRI 413-1).
 *
 * Definitions (the README's "Impact figures" quotes them). Company-wide;
 * what belongs to a period follows metrics.c: hours and management time by
 * the day worked, everything recorded on an initiative by the day it starts.
 *
 * company time, own time: approved hours with hours.own_time 0 or 1.
 * time value = the sum over approved company-time hours of hours x the
 *   hourly rate of the volunteer's site (volunteer.site today) on the day
 *   worked (csr_config_rate: the site's own rate with the latest from on or
 *   before that day, else the same among the site = "" rates). Hours for
 *   which no rate applies, or a rate of 0 (the config's "not set"), add
 *   nothing and are named: "no rate for site X".
 * management cost: the same over management time at the management rate.
 * cash, in-kind, leverage: the impact values (voided ones out) of metrics
 *   of kind cash, in_kind or leverage, recorded for initiatives of the
 *   period that are not cancelled.
 * total contribution = time value + management cost + cash + in-kind;
 *   leverage and own time are shown apart, not in the total.
 * beneficiaries: the sum of initiative.beneficiaries over the initiatives
 *   of the period that are neither draft nor cancelled; organisations
 *   supported: the distinct partners of those initiatives.
 * outputs: the totals and goals of csr_figures for metrics of kind output.
 * participation on the headcount basis: csr_figures' participants of its
 *   active volunteers.
 * sites with a programme (GRI 413-1): of the sites (volunteer.site, not
 *   "") with active volunteers, those where at least one of them has an
 *   attended place on an initiative of the period or approved hours in it.
 * SDGs served: the union of the sdgs of the categories with activity in the
 *   period: an initiative counted for beneficiaries, or approved hours.
 * issue areas: the same figures per category's issue_area ("" = none given;
 *   hours not tied to an initiative have no area). */
#include "csrdesk/contribution.h"

#include <stdlib.h>
#include <string.h>

#include "csrdesk/clock.h"
#include "csrdesk/i18n.h"
#include "csrdesk/metrics.h"
#include "csrdesk/text.h"
#include "db_private.h"

static csr_code code_of(const csr_err *err)
{
	return err ? err->code : CSR_EDB;
}

/* Ends st; CSR_OK when its last step finished the rows. */
static csr_code finish(csr_db *db, sqlite3_stmt *st, int rc, csr_err *err)
{
	csr_stmt_done(st);
	return rc == SQLITE_DONE ? CSR_OK
				 : csr_db_fail(db, rc, N_("computing the contribution"), err);
}

static sqlite3_stmt *period_query(csr_db *db, const char *sql, const csr_period *p,
				  csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, sql, err);
	if (st) {
		sqlite3_bind_int64(st, 1, p->from);
		sqlite3_bind_int64(st, 2, p->to);
	}
	return st;
}

/* ---- issue areas ---- */

/* The row of the issue area of category key (its slot among the config's
 * areas, the last one for none), created when new. */
static csr_issue_area_figures *area_of(const csr_config *cfg, csr_contribution *c,
				       const char *category)
{
	const csr_category *def = category && category[0] ? csr_config_category(cfg, category)
							  : NULL;
	const char *key = def ? def->issue_area : "";
	for (int i = 0; i < c->nareas; i++)
		if (strcmp(c->areas[i].key, key) == 0)
			return &c->areas[i];
	if (c->nareas == CSR_ISSUE_AREAS_MAX)
		return &c->areas[CSR_ISSUE_AREAS_MAX - 1]; /* a key the config has no more */
	csr_issue_area_figures *a = &c->areas[c->nareas++];
	csr_copy(a->key, sizeof a->key, key);
	return a;
}

/* The areas in the order of csr_issue_areas, none given last. */
static int area_rank(const char *key)
{
	int i = 0;
	for (; csr_issue_areas[i]; i++)
		if (strcmp(csr_issue_areas[i], key) == 0)
			return i;
	return key[0] ? i : i + 1;
}

static int area_cmp(const void *a, const void *b)
{
	const csr_issue_area_figures *x = a, *y = b;
	int d = area_rank(x->key) - area_rank(y->key);
	return d ? d : strcmp(x->key, y->key);
}

/* ---- privacy: an area's hours are a figure about its people ---- */

enum { UNTIED = CSR_ISSUE_AREAS_MAX }; /* the slot of hours tied to no initiative */

/* The people of each area (people[UNTIED]: of the hours tied to no
 * initiative): the distinct volunteers with approved hours worked in the
 * period on its initiatives. Rows come by volunteer, so a person is
 * counted once per area by remembering the last one counted. */
static csr_code count_area_people(csr_db *db, const csr_period *p, csr_contribution *c,
				  int people[UNTIED + 1], csr_err *err)
{
	sqlite3_stmt *st = period_query(db,
		"SELECT DISTINCT h.volunteer_id, coalesce(i.category, '') FROM hours h"
		" LEFT JOIN initiative i ON i.id = h.initiative_id"
		" WHERE h.status = 'approved' AND h.worked_on >= ?1 AND h.worked_on < ?2"
		" ORDER BY h.volunteer_id", p, err);
	if (!st)
		return code_of(err);
	const csr_config *cfg = csr_db_config(db);
	int64_t last[UNTIED + 1] = { 0 };
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char category[CSR_KEY_MAX];
		int64_t volunteer = sqlite3_column_int64(st, 0);
		csr_col_text(st, 1, category, sizeof category);
		int slot = category[0] ? (int)(area_of(cfg, c, category) - c->areas) : UNTIED;
		people[slot] += last[slot] != volunteer;
		last[slot] = volunteer;
	}
	return finish(db, st, rc, err);
}

/* Hides the hours (and their time value) of the areas of too few people,
 * with complementary suppression: the hours shown in all, minus the
 * areas', are those tied to no initiative, a slice of its own. */
static csr_code hide_small_areas(csr_db *db, const csr_period *p, csr_contribution *c,
				 csr_err *err)
{
	int people[UNTIED + 1] = { 0 };
	csr_code rc = count_area_people(db, p, c, people, err);
	if (rc != CSR_OK)
		return rc;
	csr_slice slices[UNTIED + 1];
	int64_t untied = csr_contribution_minutes(c);
	for (int i = 0; i < c->nareas; i++) {
		slices[i] = (csr_slice){ .value = c->areas[i].minutes, .people = people[i] };
		untied -= c->areas[i].minutes;
	}
	slices[c->nareas] = (csr_slice){ .value = untied, .people = people[UNTIED] };
	c->min_group = csr_metrics_min_group(db);
	csr_metrics_suppress(slices, c->nareas + 1, c->min_group);
	for (int i = 0; i < c->nareas; i++) {
		csr_issue_area_figures *a = &c->areas[i];
		a->hidden = slices[i].hidden;
		c->hidden_areas += a->hidden;
		if (a->hidden)
			a->minutes = 0, a->time_value = 0;
	}
	return CSR_OK;
}

/* ---- SDGs ---- */

static void add_sdgs(const csr_config *cfg, const char *category, bool served[CSR_SDG_COUNT + 1])
{
	const csr_category *def = category && category[0] ? csr_config_category(cfg, category)
							  : NULL;
	for (int i = 0; def && i < def->nsdgs; i++)
		if (def->sdgs[i] >= 1 && def->sdgs[i] <= CSR_SDG_COUNT)
			served[def->sdgs[i]] = true;
}

static void list_sdgs(const bool served[CSR_SDG_COUNT + 1], csr_contribution *c)
{
	for (int g = 1; g <= CSR_SDG_COUNT; g++)
		if (served[g])
			c->sdgs[c->nsdgs++] = g;
}

/* ---- valued time ---- */

static void note_unrated(csr_valued_time *t, const char *site, int minutes)
{
	t->unrated_minutes += minutes;
	for (int i = 0; i < t->nunrated; i++)
		if (strcmp(t->unrated_sites[i], site) == 0)
			return;
	if (t->nunrated < CSR_UNRATED_SITES_MAX)
		csr_copy(t->unrated_sites[t->nunrated++], CSR_SITE_MAX, site);
}

/* Adds minutes worked at site on day (Unix seconds) to t at the rate
 * csr_config_rate finds (hourly, or management); returns their value. */
static double add_time(const csr_config *cfg, csr_valued_time *t, const char *site,
		       int64_t day, int64_t minutes, bool management)
{
	char date[CSR_TIME_TEXT_MAX];
	csr_date_format_machine(day, date, sizeof date);
	const csr_cost_rate *rate = csr_config_rate(cfg, site, date);
	double per_hour = !rate ? 0 : management ? rate->management : rate->hourly;
	t->minutes += minutes;
	if (per_hour <= 0) { /* the config's word: a rate of 0 is no rate */
		note_unrated(t, site, (int)minutes);
		return 0;
	}
	double value = (double)minutes / 60.0 * per_hour;
	t->value += value;
	return value;
}

/* ---- the queries ---- */

/* Approved hours by site, day, time kind and category. */
static csr_code gather_hours(csr_db *db, const csr_period *p, csr_contribution *c,
			     bool served[CSR_SDG_COUNT + 1], csr_err *err)
{
	sqlite3_stmt *st = period_query(db,
		"SELECT v.site, h.worked_on, h.own_time, coalesce(i.category, ''), SUM(h.minutes)"
		" FROM hours h JOIN volunteer v ON v.id = h.volunteer_id"
		" LEFT JOIN initiative i ON i.id = h.initiative_id"
		" WHERE h.status = 'approved' AND h.worked_on >= ?1 AND h.worked_on < ?2"
		" GROUP BY v.site, h.worked_on, h.own_time, i.category", p, err);
	if (!st)
		return code_of(err);
	const csr_config *cfg = csr_db_config(db);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char site[CSR_SITE_MAX], category[CSR_KEY_MAX];
		csr_col_text(st, 0, site, sizeof site);
		csr_col_text(st, 3, category, sizeof category);
		int64_t minutes = sqlite3_column_int64(st, 4);
		csr_issue_area_figures *a = category[0] ? area_of(cfg, c, category) : NULL;
		if (sqlite3_column_int(st, 2))
			c->own_minutes += minutes;
		else {
			double value = add_time(cfg, &c->company, site, sqlite3_column_int64(st, 1),
						minutes, false);
			if (a)
				a->time_value += value;
		}
		if (a)
			a->minutes += minutes;
		add_sdgs(cfg, category, served);
	}
	return finish(db, st, rc, err);
}

static csr_code gather_management(csr_db *db, const csr_period *p, csr_contribution *c,
				  csr_err *err)
{
	sqlite3_stmt *st = period_query(db,
		"SELECT v.site, m.worked_on, SUM(m.minutes) FROM management_time m"
		" JOIN volunteer v ON v.id = m.volunteer_id"
		" WHERE m.worked_on >= ?1 AND m.worked_on < ?2 GROUP BY v.site, m.worked_on", p, err);
	if (!st)
		return code_of(err);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char site[CSR_SITE_MAX];
		csr_col_text(st, 0, site, sizeof site);
		add_time(csr_db_config(db), &c->management, site, sqlite3_column_int64(st, 1),
			 sqlite3_column_int64(st, 2), true);
	}
	return finish(db, st, rc, err);
}

/* Adds a total of metric (recorded on category's initiatives) by its kind. */
static void add_given(const csr_config *cfg, csr_contribution *c, const char *category,
		      const char *metric, double value)
{
	const csr_metric *m = csr_config_metric(cfg, metric);
	csr_issue_area_figures *a = area_of(cfg, c, category);
	switch (m ? m->kind : CSR_METRIC_OUTPUT) {
	case CSR_METRIC_CASH:
		c->cash += value;
		a->cash += value;
		break;
	case CSR_METRIC_IN_KIND:
		c->in_kind += value;
		a->in_kind += value;
		break;
	case CSR_METRIC_LEVERAGE:
		c->leverage += value;
		break;
	case CSR_METRIC_OUTPUT:
		break;
	}
}

static csr_code gather_given(csr_db *db, const csr_period *p, csr_contribution *c, csr_err *err)
{
	sqlite3_stmt *st = period_query(db,
		"SELECT i.category, x.metric, SUM(x.value) FROM initiative i"
		" CROSS JOIN impact x ON x.initiative_id = i.id"
		" WHERE i.starts_at >= ?1 AND i.starts_at < ?2 AND i.status <> 'cancelled'"
		" AND x.voided_at IS NULL GROUP BY i.category, x.metric", p, err);
	if (!st)
		return code_of(err);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char category[CSR_KEY_MAX], metric[CSR_KEY_MAX];
		csr_col_text(st, 0, category, sizeof category);
		csr_col_text(st, 1, metric, sizeof metric);
		add_given(csr_db_config(db), c, category, metric, sqlite3_column_double(st, 2));
	}
	return finish(db, st, rc, err);
}

/* Initiatives held or planned in the period: neither draft nor cancelled. */
#define INITIATIVE_COUNTED \
	"i.starts_at >= ?1 AND i.starts_at < ?2 AND i.status NOT IN ('draft', 'cancelled')"

static csr_code gather_initiatives(csr_db *db, const csr_period *p, csr_contribution *c,
				   bool served[CSR_SDG_COUNT + 1], csr_err *err)
{
	sqlite3_stmt *st = period_query(db,
		"SELECT i.category, COUNT(*), SUM(i.beneficiaries) FROM initiative i"
		" WHERE " INITIATIVE_COUNTED " GROUP BY i.category", p, err);
	if (!st)
		return code_of(err);
	const csr_config *cfg = csr_db_config(db);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char category[CSR_KEY_MAX];
		csr_col_text(st, 0, category, sizeof category);
		csr_issue_area_figures *a = area_of(cfg, c, category);
		long long beneficiaries = sqlite3_column_int64(st, 2);
		a->initiatives += sqlite3_column_int(st, 1);
		a->beneficiaries += beneficiaries;
		c->beneficiaries += beneficiaries;
		add_sdgs(cfg, category, served);
	}
	return finish(db, st, rc, err);
}

static csr_code count_organisations(csr_db *db, const csr_period *p, csr_contribution *c,
				    csr_err *err)
{
	int64_t n = 0;
	sqlite3_stmt *st = period_query(db,
		"SELECT COUNT(DISTINCT i.partner_id) FROM initiative i WHERE " INITIATIVE_COUNTED
		" AND i.partner_id IS NOT NULL", p, err);
	if (!st)
		return code_of(err);
	csr_code rc = csr_read_count(db, st, &n, N_("computing the contribution"), err);
	c->organisations = (int)n;
	return rc;
}

/* GRI 413-1: sites with active volunteers, and those with a participant.
 * The unary + keeps each person's look-up on their own hours
 * (hours_by_volunteer): without statistics SQLite read the period's
 * approved hours once per volunteer instead (minutes at 50,000). */
static csr_code count_sites(csr_db *db, const csr_period *p, csr_contribution *c, csr_err *err)
{
	sqlite3_stmt *st = period_query(db,
		"SELECT COUNT(DISTINCT v.site), COUNT(DISTINCT CASE WHEN"
		" EXISTS (SELECT 1 FROM hours h WHERE h.volunteer_id = v.id"
		"  AND h.worked_on >= ?1 AND h.worked_on < ?2 AND +h.status = 'approved')"
		" OR EXISTS (SELECT 1 FROM signup s JOIN initiative i ON i.id = s.initiative_id"
		"  WHERE s.volunteer_id = v.id AND s.status = 'attended'"
		"  AND i.starts_at >= ?1 AND i.starts_at < ?2)"
		" THEN v.site END) FROM volunteer v WHERE v.active = 1 AND v.site <> ''", p, err);
	if (!st)
		return code_of(err);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		c->sites = sqlite3_column_int(st, 0);
		c->sites_with_programme = sqlite3_column_int(st, 1);
		rc = SQLITE_DONE;
	}
	return finish(db, st, rc, err);
}

/* ---- from the figures ---- */

static void copy_outputs(const csr_config *cfg, const csr_figures *f, csr_contribution *c)
{
	c->participants = f->participants;
	c->active_volunteers = f->active_volunteers;
	for (int i = 0; i < f->nmetrics && c->noutputs < CSR_METRICS_MAX; i++) {
		const csr_metric_figure *m = &f->metrics[i];
		const csr_metric *def = csr_config_metric(cfg, m->key);
		if (def && def->kind != CSR_METRIC_OUTPUT)
			continue;
		csr_output_figure *o = &c->outputs[c->noutputs++];
		char label[CSR_LABEL_MAX];
		csr_copy(o->key, sizeof o->key, m->key);
		csr_config_metric_label(cfg, m->key, label, sizeof label);
		csr_text_sanitize(label, o->title, sizeof o->title);
		csr_text_sanitize(def ? def->unit : "", o->unit, sizeof o->unit);
		o->total = m->total;
		o->goal = m->goal;
		o->goals_set = m->goals_set;
		o->goals_met = m->goals_met;
	}
}

static csr_code use_figures(csr_db *db, const csr_period *p, const csr_figures *given,
			    csr_contribution *c, csr_err *err)
{
	if (given) {
		copy_outputs(csr_db_config(db), given, c);
		return CSR_OK;
	}
	csr_figures *f = malloc(sizeof *f);
	if (!f)
		return csr_fail(err, CSR_ENOMEM, "%s", _("Out of memory for the report"));
	csr_code rc = csr_metrics_compute(db, p, NULL, f, err);
	if (rc == CSR_OK)
		copy_outputs(csr_db_config(db), f, c);
	free(f);
	return rc;
}

static csr_code gather(csr_db *db, const csr_period *p, const csr_figures *figures,
		       csr_contribution *c, csr_err *err)
{
	bool served[CSR_SDG_COUNT + 1] = { false };
	csr_code rc = gather_hours(db, p, c, served, err);
	if (rc == CSR_OK)
		rc = gather_management(db, p, c, err);
	if (rc == CSR_OK)
		rc = gather_given(db, p, c, err);
	if (rc == CSR_OK)
		rc = gather_initiatives(db, p, c, served, err);
	if (rc == CSR_OK)
		rc = count_organisations(db, p, c, err);
	if (rc == CSR_OK)
		rc = count_sites(db, p, c, err);
	if (rc == CSR_OK)
		rc = use_figures(db, p, figures, c, err);
	if (rc == CSR_OK)
		rc = hide_small_areas(db, p, c, err);
	list_sdgs(served, c);
	qsort(c->areas, (size_t)c->nareas, sizeof c->areas[0], area_cmp);
	c->total = c->company.value + c->management.value + c->cash + c->in_kind;
	return rc;
}

csr_code csr_contribution_compute(csr_db *db, const csr_period *period,
				  const csr_figures *figures, csr_contribution *out, csr_err *err)
{
	memset(out, 0, sizeof *out);
	if (!period || period->to <= period->from)
		return csr_fail(err, CSR_EINVAL, "%s", _("The period must end after it starts"));
	/* TRANSLATORS: completes "Only team leads may ...". */
	csr_code rc = csr_require_role(db, CSR_ROLE_LEAD, N_("read the impact report"), err);
	return rc == CSR_OK ? gather(db, period, figures, out, err) : rc;
}

int64_t csr_contribution_minutes(const csr_contribution *c)
{
	return c->company.minutes + c->own_minutes;
}

double csr_contribution_site_share(const csr_contribution *c)
{
	return c->sites > 0 ? (double)c->sites_with_programme / c->sites : 0.0;
}
