/* SPDX-License-Identifier: MIT */
/* csrdesk — one formatter per quantity, and the one parser of the numbers
 * people type. Every screen, message and report writes hours, money,
 * counts, plain numbers, percentages and ratings through these functions,
 * so one figure reads the same everywhere.
 *
 * Two paths, kept apart on purpose:
 * - For people (the TUI, the text, Markdown and HTML reports, the CLI's
 *   progress on stderr): csr_fmt_* below, by the style the module holds.
 *   English is the default; one call (csr_fmt_set_style) changes every
 *   screen and report at once. Dates and times for people are csr_date_format
 *   and csr_time_format (clock.h), which take their patterns from the
 *   same style.
 * - For machines (CSV, ICS, SVG and CSS numbers, audit details, and the
 *   CLI's own result lines on standard output, which scripts read: ids,
 *   "waitlisted 3", "imported 4 rows: ...", "wrote FILE (1.2 MiB, ...)"):
 *   csr_fmt_machine_* and csr_date_format_machine / csr_time_format_machine,
 *   fixed rules no style changes: a point as the decimal mark, no groups,
 *   ISO dates. Whole numbers for machines are printf's %d and %lld, which
 *   no locale changes.
 * Neither path depends on the C library's LC_NUMERIC. */
#ifndef CSRDESK_FORMAT_H
#define CSRDESK_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "csrdesk/status.h"

enum { CSR_FMT_MARK_MAX = 8, CSR_FMT_PATTERN_MAX = 32, CSR_FMT_NUMBER_MAX = 48 };

/* How numbers and dates are written and read for people. Marks are UTF-8
 * text ("." or ","; a group mark may be "" for none); patterns are
 * strftime(3) patterns. */
typedef struct csr_fmt_style {
	char decimal_mark[CSR_FMT_MARK_MAX];       /* "." */
	char group_mark[CSR_FMT_MARK_MAX];         /* "," between thousands */
	char percent_sign[CSR_FMT_MARK_MAX];       /* "%", after the number */
	char date_pattern[CSR_FMT_PATTERN_MAX];    /* "%Y-%m-%d" */
	char time_pattern[CSR_FMT_PATTERN_MAX];    /* "%Y-%m-%d %H:%M" */
} csr_fmt_style;

/* "2,400.5", "42%", "2026-12-12", "2026-12-12 09:30": the default. */
extern const csr_fmt_style csr_fmt_english;
/* "2.400,5", "42 %", "12.12.2026", "12.12.2026 09:30": German. */
extern const csr_fmt_style csr_fmt_german;

/* Makes style the one every csr_fmt_* function, csr_date_format and
 * csr_time_format use from now on (a copy is kept); NULL restores English.
 * Refuses, keeping the style it had, a decimal mark that is empty, holds
 * white space or equals the group mark, a mark holding a digit, a sign or
 * a character HTML or Markdown acts on, and empty patterns: numbers
 * written in it could not be read back, or not be shown as they are. */
csr_code csr_fmt_set_style(const csr_fmt_style *style, csr_err *err);

/* The style in use. */
const csr_fmt_style *csr_fmt_current_style(void);

/* ---- for people ---- */

/* Hours from minutes: at most two decimals, trailing zeros dropped,
 * thousands grouped: 119 -> "1.98", 90 -> "1.5", 120 -> "2",
 * 150000 -> "2,500". The unit ("h", "hours") is the caller's. */
void csr_fmt_hours(int64_t minutes, char *buf, size_t size);

/* A plain number by the same rule: "2,400", "2,400.5", "0.33". Rounded
 * half away from zero as the number reads in decimal: 1.995 shows as "2"
 * and 2.675 (stored as 2.67499999...) as "2.68". */
void csr_fmt_number(double value, char *buf, size_t size);

/* Money and every other measured amount: the number as csr_fmt_number
 * writes it, then the unit as the config gives it ("2,400 EUR",
 * "35 donations"); the unit is left out when empty. */
void csr_fmt_amount(double value, const char *unit, char *buf, size_t size);

/* A whole number, thousands grouped: "1,500". */
void csr_fmt_count(long long n, char *buf, size_t size);

/* The message for a count n: one (a complete format string for exactly 1,
 * "%s row") or many ("%s rows"), as ngettext chooses; never a sentence
 * built from pieces. */
const char *csr_plural(long long n, const char *one, const char *many)
	__attribute__((format_arg(2), format_arg(3)));
/* The count that chooses the message for hours csr_fmt_hours shows:
 * the whole hours, or 0 (the plural: "1.5 hours") when not whole. */
long long csr_fmt_hours_plural(int64_t minutes);

/* A ratio (0.42) as a whole percentage ("42%"). Never rounds to all or
 * nothing what is neither: a ratio above 0 and below 1 shows from 1% to
 * 99%. A ratio above 1 shows as such ("150%"). */
void csr_fmt_percent(double ratio, char *buf, size_t size);

/* An average rating out of 5, one decimal always shown: "3.5", "4.0". */
void csr_fmt_rating(double average, char *buf, size_t size);

/* Reads a number of 0 or more as people type it: with or without group
 * marks (each group after the first of exactly three digits), with an
 * optional fraction; white space around it is ignored. False when it is
 * not one, and when it is ambiguous: one to three digits, the decimal
 * mark and three digits ("1.500" in English, "1,500" in German), which
 * the other style reads as thousands; never guessed. */
bool csr_fmt_parse_number(const char *text, double *out);

/* Why csr_fmt_parse_number refused text, for the person who typed it,
 * with the forms it takes in the style: "'1.500' could mean 1.5 or 1,500:
 * type one of them", "'abc' is not a number like 120, 2,400 or 2,400.5". */
void csr_fmt_number_problem(const char *text, char *buf, size_t size);

/* Reads a whole number of 0 or more, with or without group marks
 * ("1,500", "1500"). False when it is not one or above 10^15. */
bool csr_fmt_parse_count(const char *text, long long *out);

/* Reads hours worked as typed: "2", "1.5" or "2:30"; *minutes gets them,
 * rounded to the minute. False unless from 1 minute to 24 hours. */
bool csr_fmt_parse_hours(const char *text, int *minutes);

/* ---- for machines ---- */

/* Hours from minutes with exactly two decimals and no groups: "1.50",
 * "2500.00". */
void csr_fmt_machine_hours(int64_t minutes, char *buf, size_t size);

/* A number as exactly as 15 significant digits hold it: "2400.5",
 * "0.333333333333333", "1e+20". */
void csr_fmt_machine_number(double value, char *buf, size_t size);

/* A number with exactly decimals decimals (0 to 9) and no groups: "66.7". */
void csr_fmt_machine_fixed(double value, int decimals, char *buf, size_t size);

#endif
