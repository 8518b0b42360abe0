/* SPDX-License-Identifier: MIT */
/* Periods: a year, a quarter, a month or a range of days, as a half-open
 * range of local time [from, to) with a label (include/csrdesk/period.h). */
#include "csrdesk/period.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "csrdesk/clock.h"
#include "csrdesk/i18n.h"

/* Local midnight starting y-m-d. mktime normalizes a month past 12 or a day
 * past the month's end, which steps to the next month or day. */
static int64_t local_day(int y, int m, int d)
{
	struct tm tm = { .tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_isdst = -1 };
	return (int64_t)mktime(&tm);
}

static void months(csr_period *out, int y, int m, int n)
{
	out->from = local_day(y, m, 1);
	out->to = local_day(y, m + n, 1);
}

static struct tm local_tm(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm = { 0 };
	localtime_r(&tt, &tm);
	return tm;
}

void csr_period_year(int64_t t, csr_period *out)
{
	struct tm tm = local_tm(t);
	months(out, tm.tm_year + 1900, 1, 12);
	snprintf(out->label, sizeof out->label, "%04d", tm.tm_year + 1900);
}

void csr_period_quarter(int64_t t, csr_period *out)
{
	struct tm tm = local_tm(t);
	int q = tm.tm_mon / 3 + 1;
	months(out, tm.tm_year + 1900, 3 * q - 2, 3);
	snprintf(out->label, sizeof out->label, "%04d-Q%d", tm.tm_year + 1900, q);
}

void csr_period_month(int64_t t, csr_period *out)
{
	struct tm tm = local_tm(t);
	months(out, tm.tm_year + 1900, tm.tm_mon + 1, 1);
	snprintf(out->label, sizeof out->label, "%04d-%02d", tm.tm_year + 1900, tm.tm_mon + 1);
}

/* "October %d" for month 10 (1-12), in the language shown. */
static const char *month_format(int month)
{
	/* TRANSLATORS: a month of a year (%d), as a period of figures and
	 * reports; likewise the other months. */
	static const char *const names[] = {
		N_("January %d"), N_("February %d"), N_("March %d"), N_("April %d"),
		N_("May %d"), N_("June %d"), N_("July %d"), N_("August %d"),
		N_("September %d"), N_("October %d"), N_("November %d"), N_("December %d"),
	};
	return _(names[month >= 1 && month <= 12 ? month - 1 : 0]);
}

void csr_period_name(const csr_period *p, char *out, size_t size)
{
	int y = 0, n = 0;
	size_t len = strlen(p->label);
	if (strstr(p->label, "..")) {
		char from[CSR_PERIOD_LABEL_MAX], last[CSR_PERIOD_LABEL_MAX];
		csr_date_format(p->from, from, sizeof from);
		csr_date_format(p->to - 1, last, sizeof last);
		/* TRANSLATORS: the first and the last day of a period of
		 * figures and reports (both included). */
		snprintf(out, size, C_("period", "%s to %s"), from, last);
	} else if (len == 7 && sscanf(p->label, "%4d-Q%1d", &y, &n) == 2)
		/* TRANSLATORS: a quarter (1-4) of a year, as a period of figures
		 * and reports. */
		snprintf(out, size, _("Q%d %d"), n, y);
	else if (len == 7 && sscanf(p->label, "%4d-%2d", &y, &n) == 2)
		snprintf(out, size, month_format(n), y);
	else
		snprintf(out, size, "%s", p->label);
}

/* Reads exactly n decimal digits at *p (no sign, no spaces). */
static bool digits(const char **p, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		char c = (*p)[i];
		if (c < '0' || c > '9')
			return false;
		v = v * 10 + (c - '0');
	}
	*p += n;
	*out = v;
	return true;
}

static csr_code not_a_period(const char *text, csr_err *err)
{
	return csr_fail(err, CSR_EINVAL,
			/* TRANSLATORS: %s is what was typed; the examples are
			 * typed as they stand, in any language. */
			_("'%s' is not a period: use a year (2026), a quarter (2026-Q3), a month"
			  " (2026-10) or a range of days (2026-01-05..2026-02-01)"), text);
}

static bool year_ok(int y)
{
	return y >= 1970 && y <= 9999;
}

/* "YYYY-MM-DD" exactly, a real calendar day; *p moves past it. */
static bool parse_day(const char **p, int *y, int *m, int *d)
{
	const char *s = *p;
	if (!digits(&s, 4, y) || *s++ != '-' || !digits(&s, 2, m) || *s++ != '-' ||
	    !digits(&s, 2, d) || !year_ok(*y) || *m < 1 || *m > 12 || *d < 1)
		return false;
	/* Day 0 of the next month is the last day of this one. */
	if (*d > local_tm(local_day(*y, *m + 1, 0)).tm_mday)
		return false;
	*p = s;
	return true;
}

static csr_code parse_range(const char *text, csr_period *out, csr_err *err)
{
	const char *p = text;
	int y1, m1, d1, y2, m2, d2;
	if (!parse_day(&p, &y1, &m1, &d1) || strncmp(p, "..", 2) != 0)
		/* TRANSLATORS: %s is what was typed; the day and the '..' are
		 * typed as they stand, in any language. */
		return csr_fail(err, CSR_EINVAL, _("'%s': the range must start with a real day like"
						   " 2026-01-05, then '..'"), text);
	p += 2;
	if (!parse_day(&p, &y2, &m2, &d2) || *p != '\0')
		/* TRANSLATORS: %s is what was typed; the day is typed as it
		 * stands, in any language. */
		return csr_fail(err, CSR_EINVAL, _("'%s': the range must end with a real day like"
						   " 2026-02-01"), text);
	int64_t from = local_day(y1, m1, d1), to = local_day(y2, m2, d2 + 1);
	if (to <= from)
		return csr_fail(err, CSR_EINVAL, _("'%s': the range ends before it starts"), text);
	out->from = from;
	out->to = to;
	snprintf(out->label, sizeof out->label, "%04d-%02d-%02d..%04d-%02d-%02d", y1, m1, d1, y2,
		 m2, d2);
	return CSR_OK;
}

/* After "YYYY-": "Qn" or "MM". */
static csr_code parse_part(const char *text, const char *p, int y, csr_period *out,
			   csr_err *err)
{
	int n;
	if (*p == 'Q' || *p == 'q') {
		p++;
		if (!digits(&p, 1, &n) || *p != '\0' || n < 1 || n > 4)
			/* TRANSLATORS: Q1 ... Q4 are typed as they stand, in any
			 * language. */
			return csr_fail(err, CSR_EINVAL,
					_("'%s': the quarter must be Q1, Q2, Q3 or Q4"), text);
		months(out, y, 3 * n - 2, 3);
		snprintf(out->label, sizeof out->label, "%04d-Q%d", y, n);
		return CSR_OK;
	}
	if (!digits(&p, 2, &n) || *p != '\0')
		return not_a_period(text, err);
	if (n < 1 || n > 12)
		return csr_fail(err, CSR_EINVAL, _("'%s': the month must be 01 to 12"), text);
	months(out, y, n, 1);
	snprintf(out->label, sizeof out->label, "%04d-%02d", y, n);
	return CSR_OK;
}

csr_code csr_period_parse(const char *text, csr_period *out, csr_err *err)
{
	const char *s = text ? text : "";
	if (strstr(s, ".."))
		return parse_range(s, out, err);
	const char *p = s;
	int y;
	if (!digits(&p, 4, &y) || (*p != '\0' && *p != '-'))
		return not_a_period(s, err);
	if (!year_ok(y))
		return csr_fail(err, CSR_EINVAL, _("'%s': the year must be 1970 to 9999"), s);
	if (*p == '-')
		return parse_part(s, p + 1, y, out, err);
	months(out, y, 1, 12);
	snprintf(out->label, sizeof out->label, "%04d", y);
	return CSR_OK;
}
