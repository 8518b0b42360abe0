/* SPDX-License-Identifier: MIT */
/* csrdesk — impact figures over a period and a scope, computed from the
 * records (the README's "Impact figures" section defines each one so a
 * manager can check it by hand).
 *
 * A period (csrdesk/period.h) is a half-open range of local time [from,
 * to). A scope narrows
 * the people (site, team) or the initiatives (category) counted. */
#ifndef CSRDESK_METRICS_H
#define CSRDESK_METRICS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "csrdesk/config.h"
#include "csrdesk/period.h"
#include "csrdesk/status.h"

typedef struct csr_db csr_db;

enum { CSR_METRICS_MAX = 32, CSR_SCOPE_VALUE_MAX = 64 };

typedef enum csr_scope_kind {
	CSR_SCOPE_ALL = 0,
	CSR_SCOPE_SITE,
	CSR_SCOPE_TEAM,
	CSR_SCOPE_CATEGORY,
} csr_scope_kind;

/* Every function below takes a scope; NULL means CSR_SCOPE_ALL. */
typedef struct csr_scope {
	csr_scope_kind kind;
	char value[CSR_SCOPE_VALUE_MAX]; /* the site, team or category key */
} csr_scope;

typedef struct csr_metric_figure {
	char key[CSR_KEY_MAX]; /* a config metric */
	double total;          /* impact values recorded for initiatives in the period */
	double goal;           /* sum of the goals of those initiatives (0 = none set) */
	int goals_set;         /* initiatives with a goal for this metric */
	int goals_met;         /* ... whose recorded total reached the goal */
} csr_metric_figure;

typedef struct csr_figures {
	int64_t approved_minutes; /* approved hours worked in the period */
	int64_t pending_minutes;  /* pending, shown apart */
	int active_volunteers;    /* the denominator of participation */
	int participants;         /* of them, with an attended place or approved hours */
	double participation;     /* participants / active_volunteers, 0..1 */
	int signups;              /* places taken on initiatives in the period (not cancelled) */
	int attended, no_shows;   /* on past initiatives in the period */
	double attendance_rate;   /* attended / (attended + no-shows + still confirmed), past */
	double no_show_rate;
	double rating;            /* average feedback rating, 0 when none or hidden */
	int ratings;              /* number of responses, 0 when hidden */
	bool rating_hidden;       /* fewer than privacy.min_group people rated */
	int people;               /* the scope's people (csr_metrics_people) */
	int nmetrics;
	csr_metric_figure metrics[CSR_METRICS_MAX];
} csr_figures;

/* CSR_EREFUSED (csr_metrics_check_privacy) for a scope of too few people. */
csr_code csr_metrics_compute(csr_db *db, const csr_period *period, const csr_scope *scope,
			     csr_figures *out, csr_err *err);

/* Only the metrics of csr_metrics_compute (impact recorded per initiative,
 * not about people): also for a category of too few people, refused for a
 * site or team of too few (there the people pick the initiatives). */
csr_code csr_metrics_impact(csr_db *db, const csr_period *period, const csr_scope *scope,
			    csr_figures *out, csr_err *err);

/* ---- privacy (README, "Privacy: no figure about fewer than min_group
 * people") ----
 *
 * No figure is shown for a slice of fewer people than privacy.min_group.
 * The people of a slice: of a site or team (and of everyone), its active
 * volunteers (the participation denominator); of a category, the distinct
 * volunteers whose places (not cancelled, on its initiatives of the period
 * that are not cancelled) or approved hours (worked in the period, tied to
 * its initiatives) make up its figures, within the scope; of an initiative
 * in a top list, those whose approved hours on it make up its row. Every
 * function of this header hides such slices itself; a site, team or
 * category scope of too few people is refused as a whole. The people of a
 * category or an initiative are counted up to min_group only: that is
 * enough to decide, and the count stops there (at any size of roster). */

/* privacy.min_group, at least 1 (1 = every figure shown). */
int csr_metrics_min_group(const csr_db *db);

/* The people of scope in period, by the rule above (of a category: up to
 * min_group). */
csr_code csr_metrics_people(csr_db *db, const csr_period *period, const csr_scope *scope,
			    int *people, csr_err *err);

/* CSR_EREFUSED, saying why, when a site, team or category scope has fewer
 * people than privacy.min_group; CSR_OK for everyone. */
csr_code csr_metrics_check_privacy(csr_db *db, const csr_period *period,
				   const csr_scope *scope, csr_err *err);

/* "3 figures hidden: fewer than 5 people (privacy.min_group)", or "" when
 * hidden is 0. */
void csr_metrics_hidden_note(int hidden, int min_group, char *buf, size_t size);

/* "hidden: fewer than 5 people rated" when f's rating is hidden, else "". */
void csr_metrics_rating_note(const csr_figures *f, int min_group, char *buf, size_t size);

/* One slice of a figure split by team, category or initiative. */
typedef struct csr_slice {
	int64_t value;
	int people;
	bool hidden;
} csr_slice;

/* Hides the slices of fewer than min_group people, then, where exactly one
 * hidden slice has a value (the total, shown, minus the others would give
 * it away), the shown slice with the smallest value (not 0) as well:
 * complementary suppression. Returns how many are hidden. */
int csr_metrics_suppress(csr_slice *slices, int n, int min_group);

typedef struct csr_ranked {
	char label[160]; /* a team ("" for volunteers without one) or an initiative title */
	int64_t id;      /* the initiative id, 0 for teams */
	int64_t minutes; /* approved hours */
} csr_ranked;

typedef enum csr_top_kind { CSR_TOP_TEAMS, CSR_TOP_INITIATIVES } csr_top_kind;

/* Top teams or top initiatives by approved hours, most first, without the
 * rows of too few people (a team's active volunteers in scope; an
 * initiative's people with approved hours on it in the period, in scope);
 * teams with complementary suppression (every team's hours add up to the
 * total shown). *hidden (may be NULL): the rows left out that would have
 * been among the max shown. */
csr_code csr_metrics_top(csr_db *db, const csr_period *period, const csr_scope *scope,
			 csr_top_kind kind, csr_ranked *rows, int max, int *n, int *hidden,
			 csr_err *err);

/* csr_metrics_top without the count of hidden rows. */
csr_code csr_metrics_top_teams(csr_db *db, const csr_period *period, const csr_scope *scope,
			       csr_ranked *rows, int max, int *n, csr_err *err);
csr_code csr_metrics_top_initiatives(csr_db *db, const csr_period *period,
				     const csr_scope *scope, csr_ranked *rows, int max, int *n,
				     csr_err *err);

typedef struct csr_month_hours {
	char month[8];            /* "2026-10" */
	char category[CSR_KEY_MAX];
	int64_t minutes;          /* approved */
} csr_month_hours;

/* Approved hours by category and month within the period, in month order
 * then category; hours not tied to an initiative have no category and are
 * not in these rows, nor are the hidden categories of
 * csr_metrics_hours_by_category (so no month's total gives one away). */
csr_code csr_metrics_hours_by_month(csr_db *db, const csr_period *period,
				    const csr_scope *scope, csr_month_hours *rows, int max,
				    int *n, csr_err *err);

/* How many categories the initiatives use (any period). */
csr_code csr_metrics_categories_used(csr_db *db, int *n, csr_err *err);

/* Approved hours in the period by category (key "" for the hours tied to
 * no initiative, last), the categories in key order, with their people (up
 * to min_group); a hidden row has minutes 0. *hidden: how many rows are hidden. */
typedef struct csr_category_hours {
	char key[CSR_KEY_MAX];
	int64_t minutes;
	int people;
	bool hidden;
} csr_category_hours;

csr_code csr_metrics_hours_by_category(csr_db *db, const csr_period *period,
				       const csr_scope *scope, csr_category_hours *rows,
				       int max, int *n, int *hidden, csr_err *err);

/* csr_metrics_hours_by_month for a caller that holds the rows
 * csr_metrics_hours_by_category gave for the same period and scope, read in
 * the same read transaction (csr_db_read_begin): the categories they hide
 * are left out without counting every category's people again (the
 * costliest part of both). cats NULL: counted here. */
csr_code csr_metrics_hours_by_month_shown(csr_db *db, const csr_period *period,
					  const csr_scope *scope,
					  const csr_category_hours *cats, int ncats,
					  csr_month_hours *rows, int max, int *n, csr_err *err);

#endif
