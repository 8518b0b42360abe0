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

/* Escapes the five characters that mean something in HTML and XML. */
void csr_rep_html_text(FILE *out, const char *text);
/* Writes text in exactly width display columns: cut with "…" when longer,
 * padded on the right (or, when right, on the left). */
void csr_rep_cell(FILE *out, const char *text, int width, bool right);

/* The largest month's minutes (0 when none). */
int64_t csr_rep_max_month(const csr_report *r);

#endif
