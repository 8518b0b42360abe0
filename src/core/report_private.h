/* SPDX-License-Identifier: MIT */
/* csrdesk — what the report's writers share (private to src/core/report*.c):
 * one writer per format, and the figures formatted the same way in each
 * (quantities by csrdesk/format.h: the forms for people in text, Markdown
 * and HTML, the machine forms in CSV). */
#ifndef CSRDESK_REPORT_PRIVATE_H
#define CSRDESK_REPORT_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "csrdesk/clock.h"
#include "csrdesk/export.h"
#include "csrdesk/format.h"
#include "csrdesk/report.h"

/* The writers: output only, from the gathered report. */
void csr_report_write_text(const csr_report *r, FILE *out);
void csr_report_write_md(const csr_report *r, FILE *out);
void csr_report_write_csv(const csr_report *r, csr_csv_form form, FILE *out);
void csr_report_write_html(const csr_report *r, FILE *out);
void csr_report_write_b4si(const csr_report *r, csr_csv_form form, FILE *out);

enum { REP_NUM_MAX = CSR_FMT_NUMBER_MAX, REP_LINE_MAX = 512 };

/* "2026-01-01 to 2026-12-31": the period's first and last day. */
void csr_rep_days(const csr_period *p, char *buf, size_t size);
/* "2026-11-23 10:15": when the report was gathered, local time. */
void csr_rep_generated(const csr_report *r, char *buf, size_t size);
/* "CSR impact report 2026" or "CSR impact report 2026, team Blue". */
void csr_rep_title(const csr_report *r, char *buf, size_t size);
/* "35 donations, 2,400 EUR": a category's non-zero impact totals ("" when
 * none or not gathered). */
void csr_rep_impact(const csr_report *r, const csr_report_category *c, char *buf, size_t size);
/* A team's name, or "(no team)" for volunteers without one. */
const char *csr_rep_team(const char *team);
/* Metric i has something to show: a total or a goal. */
bool csr_rep_metric_shown(const csr_report *r, int i);
/* "2 of 3" goals met, or "" when none was set. */
void csr_rep_goals_met(const csr_metric_figure *f, char *buf, size_t size);
/* The categories to list: those with hours, initiatives or impact. */
bool csr_rep_category_shown(const csr_report *r, const csr_report_category *c);
/* One line of the totals: "Participants", "55", "of 63 active volunteers:
 * 87.3%". */
typedef struct csr_rep_total {
	const char *label;
	char value[REP_NUM_MAX];
	char detail[REP_LINE_MAX];
} csr_rep_total;
enum { REP_TOTALS = 7 };
/* The totals, formatted once for the text and Markdown writers. */
void csr_rep_totals(const csr_report *r, csr_rep_total rows[REP_TOTALS]);

/* ---- the contribution (B4SI, GRI 413-1): report_b4si.c ---- */

typedef enum csr_b4si_kind {
	CSR_B4SI_MONEY,   /* EUR, two decimals */
	CSR_B4SI_HOURS,   /* from minutes */
	CSR_B4SI_COUNT,   /* a whole number */
	CSR_B4SI_PERCENT, /* 0-100, one decimal */
	CSR_B4SI_AMOUNT,  /* a metric's total, in its unit */
} csr_b4si_kind;

/* One measure of the B4SI layout, the same in the CSV and the HTML. */
typedef struct csr_b4si_row {
	const char *section;          /* "inputs", "leverage", "outputs", "impact" */
	char key[CSR_KEY_MAX + 8];    /* "time_value", "metric_trees": for programs */
	char measure[CSR_LABEL_MAX];  /* for people */
	csr_b4si_kind kind;
	double value;                 /* minutes for CSR_B4SI_HOURS */
	char unit[CSR_UNIT_MAX];
	char basis[REP_LINE_MAX];     /* how it is counted, for people */
} csr_b4si_row;

enum { CSR_B4SI_ROWS_MAX = 20 + CSR_METRICS_MAX };
/* The four sections' names in order, and their headings for people. */
extern const char *const csr_b4si_sections[4];
const char *csr_b4si_section_title(const char *section);
/* Fills rows from r->contribution and r->figures; returns how many. */
int csr_rep_b4si_rows(const csr_report *r, csr_b4si_row *rows);
/* Money for people, always with cents and without the unit: "4,620.00". */
void csr_rep_money(double value, char *buf, size_t size);
/* A row's value for people ("4,620.00", "150", "66.7"), without the unit. */
void csr_rep_b4si_value(const csr_b4si_row *row, char *buf, size_t size);
/* An issue area's title: its label, or "No issue area given". */
const char *csr_rep_issue_area(const char *key);

/* Escapes the five characters that mean something in HTML and XML. */
void csr_rep_html_text(FILE *out, const char *text);
/* Writes text in exactly width display columns: cut with "…" when longer,
 * padded on the right (or, when right, on the left). */
void csr_rep_cell(FILE *out, const char *text, int width, bool right);

/* The largest month's minutes (0 when none). */
int64_t csr_rep_max_month(const csr_report *r);

#endif
