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
	double rating;            /* average feedback rating, 0 when none */
	int ratings;              /* number of responses */
	int nmetrics;
	csr_metric_figure metrics[CSR_METRICS_MAX];
} csr_figures;

csr_code csr_metrics_compute(csr_db *db, const csr_period *period, const csr_scope *scope,
			     csr_figures *out, csr_err *err);

typedef struct csr_ranked {
	char label[160]; /* a team ("" for volunteers without one) or an initiative title */
	int64_t id;      /* the initiative id, 0 for teams */
	int64_t minutes; /* approved hours */
} csr_ranked;

/* Top teams and top initiatives by approved hours, most first. */
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
 * not in these rows. */
csr_code csr_metrics_hours_by_month(csr_db *db, const csr_period *period,
				    const csr_scope *scope, csr_month_hours *rows, int max,
				    int *n, csr_err *err);

#endif
