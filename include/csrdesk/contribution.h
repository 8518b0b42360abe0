/* SPDX-License-Identifier: MIT */
/* csrdesk — the company's contribution over a period, in the B4SI
 * (formerly LBG) input / output / impact layout and for GRI 413-1: what
 * the volunteering cost the company (time valued at each site's rate, the
 * time spent running the programme), cash and in-kind given, money raised
 * from others (leverage, kept out of the total), beneficiaries, partners
 * supported, the SDGs served and the figures per B4SI issue area.
 *
 * Every figure is company-wide (the report's team scope does not apply:
 * B4SI reports the company's contribution) and defined in the README's
 * "Impact figures" section; contribution.c repeats the definitions. */
#ifndef CSRDESK_CONTRIBUTION_H
#define CSRDESK_CONTRIBUTION_H

#include <stdbool.h>
#include <stdint.h>

#include "csrdesk/config.h"
#include "csrdesk/metrics.h"
#include "csrdesk/period.h"
#include "csrdesk/status.h"

typedef struct csr_db csr_db;

enum {
	CSR_ISSUE_AREAS_MAX = 9,  /* the eight B4SI issue areas and "none given" */
	CSR_UNRATED_SITES_MAX = 8, /* sites named in "no rate for site X" */
	CSR_SITE_MAX = 64,
};

/* Time valued at the rates of csr_config_rate: what had a rate, and what
 * had none (shown as "no rate for site X", never as 0). */
typedef struct csr_valued_time {
	int64_t minutes;          /* all of it */
	double value;             /* EUR, of the minutes that had a rate */
	int64_t unrated_minutes;  /* of the minutes, those with no rate */
	int nunrated;             /* sites named below (at most CSR_UNRATED_SITES_MAX) */
	char unrated_sites[CSR_UNRATED_SITES_MAX][CSR_SITE_MAX]; /* "" = no site */
} csr_valued_time;

/* The figures of one B4SI issue area (or of none given, key ""). */
typedef struct csr_issue_area_figures {
	char key[CSR_KEY_MAX];
	int initiatives;
	int64_t minutes;      /* approved hours tied to its initiatives, company and own time */
	double time_value;    /* of the company time among them */
	double cash, in_kind; /* EUR */
	long long beneficiaries;
	/* Its hours came from fewer than privacy.min_group people (or would
	 * give such an area away): minutes and time_value are 0 and shown as
	 * "-" (csrdesk/metrics.h, privacy). Cash, in-kind and beneficiaries
	 * are about initiatives, not people: they stay. */
	bool hidden;
} csr_issue_area_figures;

/* An output metric's total against the goals set (from csr_figures). */
typedef struct csr_output_figure {
	char key[CSR_KEY_MAX];
	char title[CSR_TITLE_MAX];
	char unit[CSR_UNIT_MAX];
	double total, goal;
	int goals_set, goals_met;
} csr_output_figure;

typedef struct csr_contribution {
	/* Inputs */
	int64_t own_minutes;         /* approved hours in the volunteers' own time */
	csr_valued_time company;     /* approved hours in company time, valued hourly */
	csr_valued_time management;  /* management time, valued at the management rate */
	double cash, in_kind;        /* impact values of metrics of those kinds, EUR */
	double total;                /* company.value + management.value + cash + in_kind */
	/* Leverage (not in the total) */
	double leverage;
	/* Outputs */
	long long beneficiaries;     /* summed over the initiatives of the period */
	int organisations;           /* distinct partners of those initiatives */
	int noutputs;
	csr_output_figure outputs[CSR_METRICS_MAX];
	/* Impact */
	int participants, active_volunteers; /* the headcount basis (csr_figures) */
	int sites, sites_with_programme;     /* GRI 413-1 */
	int nsdgs;
	int sdgs[CSR_SDG_COUNT];             /* ascending */
	int nareas;                          /* areas with something to show */
	csr_issue_area_figures areas[CSR_ISSUE_AREAS_MAX];
	int hidden_areas;                    /* of them, with hours hidden */
	int min_group;                       /* privacy.min_group when computed */
} csr_contribution;

/* Lead: the contribution over period. figures are csr_metrics_compute's
 * over the same period for everyone (the report has them); NULL computes
 * them here. */
csr_code csr_contribution_compute(csr_db *db, const csr_period *period,
				  const csr_figures *figures, csr_contribution *out, csr_err *err);

/* The hours of a contribution: company + own time. */
int64_t csr_contribution_minutes(const csr_contribution *c);
/* sites_with_programme / sites, 0..1 (0 with no sites). */
double csr_contribution_site_share(const csr_contribution *c);

#endif
