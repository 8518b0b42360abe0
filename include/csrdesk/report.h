/* SPDX-License-Identifier: MIT */
/* csrdesk — the impact report for management or the company newsletter.
 *
 * csr_report_build gathers everything the report shows, once, in one read
 * snapshot: the figures of metrics.h for the period (narrowed to a team or
 * not), a per-category table, goals, top lists, the partners involved and a
 * few feedback comments. csr_report_write then writes it as plain text, GitHub
 * Markdown, CSV (RFC 4180) or one self-contained HTML file; the writers never
 * touch the database, so every format shows the same figures.
 *
 * Every text a person typed (titles, team and partner names, comments) is
 * stored sanitized (csr_text_sanitize, line breaks made spaces); each writer
 * escapes it for its format. */
#ifndef CSRDESK_REPORT_H
#define CSRDESK_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "csrdesk/config.h"
#include "csrdesk/contribution.h"
#include "csrdesk/export.h"
#include "csrdesk/feedback.h"
#include "csrdesk/metrics.h"
#include "csrdesk/partner.h"
#include "csrdesk/status.h"

typedef struct csr_db csr_db;

enum {
	CSR_REPORT_CATEGORIES_MAX = 32, /* categories shown; more are left out */
	CSR_REPORT_TOP = 10,            /* rows of each top list */
	CSR_REPORT_PARTNERS_MAX = 64,
	CSR_REPORT_COMMENTS = 5,        /* "a few" feedback comments, newest first */
	CSR_REPORT_MONTHS_MAX = 240,    /* a report covers at most 20 years */
};

typedef enum csr_report_format {
	CSR_REPORT_TEXT = 0, /* aligned plain text for 80 columns */
	CSR_REPORT_MD,       /* GitHub Markdown tables */
	CSR_REPORT_CSV,      /* RFC 4180: one block per section, blank line between */
	CSR_REPORT_HTML,     /* one file: inline CSS and SVG, no script, nothing fetched */
	CSR_REPORT_B4SI,     /* CSV of the contribution: B4SI inputs, leverage, outputs, impact */
} csr_report_format;

/* The config's title and unit of each figures.metrics entry. */
typedef struct csr_report_metric {
	char title[CSR_TITLE_MAX];
	char unit[CSR_UNIT_MAX];
} csr_report_metric;

typedef struct csr_report_category {
	char key[CSR_KEY_MAX];
	char title[CSR_TITLE_MAX]; /* the config's title, else "(removed) key" */
	csr_color color;
	int64_t minutes;           /* approved, tied to its initiatives (hours by month summed) */
	int initiatives;           /* held or planned in the period: not draft, not cancelled */
	/* Impact totals per figures.metrics index, from csr_metrics_compute
	 * scoped to this category; absent in a team report (impact is recorded
	 * per initiative, and a scope is a team or a category, not both). */
	bool has_totals;
	double totals[CSR_METRICS_MAX];
	/* Too few people (csrdesk/metrics.h, privacy): its hours are hidden
	 * (minutes 0, shown as "-") and not in the months; its initiatives
	 * and impact, about initiatives, stay. */
	bool hidden;
} csr_report_category;

typedef struct csr_report_month {
	char month[8];                                  /* "2026-10" */
	int64_t minutes;                                /* approved, all categories */
	int64_t by_category[CSR_REPORT_CATEGORIES_MAX]; /* per categories[] index */
} csr_report_month;

typedef struct csr_report_partner {
	char name[CSR_PARTNER_NAME_MAX];
	int initiatives; /* counted like csr_report_category.initiatives */
} csr_report_partner;

typedef struct csr_report_comment {
	int rating;
	char initiative[160]; /* its title */
	char text[CSR_COMMENT_MAX];
} csr_report_comment;

typedef struct csr_report {
	csr_period period;
	char team[CSR_SCOPE_VALUE_MAX]; /* "" = everyone; as given, for the queries */
	char team_title[CSR_SCOPE_VALUE_MAX]; /* the same, sanitized, for display */
	int64_t generated_at;
	csr_figures figures;            /* csr_metrics_compute over the period and team */
	csr_report_metric metrics[CSR_METRICS_MAX];
	int ncategories;
	csr_report_category categories[CSR_REPORT_CATEGORIES_MAX];
	int64_t untied_minutes;         /* approved hours not tied to an initiative */
	bool untied_hidden;             /* ... of too few people (then 0) */
	int min_group;                  /* privacy.min_group when gathered */
	int hidden_rows;                /* category hours, teams, initiatives hidden for it */
	int nmonths;                    /* every month of the period, with or without hours;
					 * the hidden categories' hours are in none */
	csr_report_month *months;
	int ntop_initiatives, ntop_teams;
	csr_ranked top_initiatives[CSR_REPORT_TOP];
	csr_ranked top_teams[CSR_REPORT_TOP]; /* none in a team report */
	int npartners, partners_total;  /* shown, and involved in all */
	csr_report_partner partners[CSR_REPORT_PARTNERS_MAX];
	/* Only when at least min_group people rated (figures.rating_hidden
	 * false) and only those younger than retention.comments_months, so a
	 * retention run leaves the report as it was. */
	int ncomments;
	csr_report_comment comments[CSR_REPORT_COMMENTS];
	/* The company's contribution (B4SI, GRI 413-1): company-wide, so
	 * gathered only when the report is not narrowed to a team. */
	bool has_contribution;
	csr_contribution contribution;
} csr_report;

/* "text", "md", "csv", "html" or "b4si". */
bool csr_report_format_parse(const char *name, csr_report_format *out);
const char *csr_report_format_name(csr_report_format format);

/* Lead: gathers the report for period, narrowed to team when team is not
 * NULL or "" (CSR_ENOTFOUND when no volunteer, active or not, is in that
 * team; CSR_EREFUSED, saying why, when it has fewer active volunteers than
 * privacy.min_group). *out is freed with csr_report_free. */
csr_code csr_report_build(csr_db *db, const csr_period *period, const char *team,
			  csr_report **out, csr_err *err);
void csr_report_free(csr_report **report);

/* Writes the report in format to out; CSR_EIO when out failed. */
csr_code csr_report_write(const csr_report *report, csr_report_format format, FILE *out,
			  csr_err *err);

/* The same, with the CSV in form (German Excel's: a byte order mark and
 * semicolons; the other formats have one form). */
csr_code csr_report_write_form(const csr_report *report, csr_report_format format,
			       csr_csv_form form, FILE *out, csr_err *err);

#endif
