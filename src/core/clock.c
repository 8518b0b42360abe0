/* SPDX-License-Identifier: MIT */
#include "csrdesk/clock.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "csrdesk/format.h"
#include "csrdesk/i18n.h"

int64_t csr_now(void)
{
	return (int64_t)time(NULL);
}

int64_t csr_day_start(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	localtime_r(&tt, &tm);
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

/* Reads exactly "YYYY-MM-DD" or "YYYY-MM-DD HH:MM", nothing before or after. */
static bool scan(const char *text, int *y, int *mo, int *d, int *h, int *mi)
{
	int used = -1;
	*h = *mi = 0;
	if (sscanf(text, "%4d-%2d-%2d%n", y, mo, d, &used) == 3 && used == 10 &&
	    text[used] == '\0')
		return true;
	used = -1;
	return sscanf(text, "%4d-%2d-%2d %2d:%2d%n", y, mo, d, h, mi, &used) == 5 &&
	       used == 16 && text[used] == '\0';
}

/* The date (and time) as the style writes it: "14.05.2026 09:30" in
 * German. Only the style's own patterns, so "05/06/2026" is never read. */
static bool scan_style(const char *text, int *y, int *mo, int *d, int *h, int *mi)
{
	const csr_fmt_style *st = csr_fmt_current_style();
	const char *patterns[] = { st->date_pattern, st->time_pattern };
	for (size_t i = 0; i < 2; i++) {
		struct tm tm = { 0 };
		const char *end = strptime(text, patterns[i], &tm);
		if (end && *end == '\0') {
			*y = tm.tm_year + 1900;
			*mo = tm.tm_mon + 1;
			*d = tm.tm_mday;
			*h = i ? tm.tm_hour : 0;
			*mi = i ? tm.tm_min : 0;
			return true;
		}
	}
	return false;
}

/* "'x' is not a date and time like 14.05.2026 09:30", by the style. */
static csr_code not_a_time(const char *text, csr_err *err)
{
	struct tm tm = { .tm_year = 2026 - 1900, .tm_mon = 4, .tm_mday = 14, .tm_hour = 9,
			 .tm_min = 30, .tm_isdst = -1 };
	char example[CSR_TIME_TEXT_MAX];
	csr_time_format((int64_t)mktime(&tm), example, sizeof example);
	return csr_fail(err, CSR_EINVAL, _("'%s' is not a date and time like %s"),
			text ? text : "", example);
}

csr_code csr_time_parse(const char *text, int64_t *out, csr_err *err)
{
	struct tm tm = { 0 };
	int y, mo, d, h, mi;
	if (!text || (!scan(text, &y, &mo, &d, &h, &mi) && !scan_style(text, &y, &mo, &d, &h, &mi)))
		return not_a_time(text, err);
	if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59)
		return csr_fail(err, CSR_EINVAL, _("'%s' is not a valid date and time"), text);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_isdst = -1;
	time_t t = mktime(&tm);
	/* mktime normalizes 2026-02-31 to March and a time skipped by a DST
	 * change to the next hour: refuse instead of guessing. */
	if (t == (time_t)-1 || tm.tm_mday != d || tm.tm_mon != mo - 1 || tm.tm_hour != h ||
	    tm.tm_min != mi)
		return csr_fail(err, CSR_EINVAL, _("'%s' is not a valid date and time here"), text);
	*out = (int64_t)t;
	return CSR_OK;
}

static void format(int64_t t, const char *fmt, char *buf, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (!localtime_r(&tt, &tm) || strftime(buf, size, fmt, &tm) == 0)
		snprintf(buf, size, "?");
}

void csr_time_format(int64_t t, char *buf, size_t size)
{
	format(t, csr_fmt_current_style()->time_pattern, buf, size);
}

void csr_date_format(int64_t t, char *buf, size_t size)
{
	format(t, csr_fmt_current_style()->date_pattern, buf, size);
}

void csr_time_format_machine(int64_t t, char *buf, size_t size)
{
	format(t, "%Y-%m-%d %H:%M", buf, size);
}

void csr_date_format_machine(int64_t t, char *buf, size_t size)
{
	format(t, "%Y-%m-%d", buf, size);
}

void csr_time_span(int64_t from, int64_t to, const char *dash, char *buf, size_t size)
{
	char start[CSR_TIME_TEXT_MAX], end[CSR_TIME_TEXT_MAX];
	char start_day[CSR_TIME_TEXT_MAX], end_day[CSR_TIME_TEXT_MAX];
	csr_time_format(from, start, sizeof start);
	csr_time_format(to, end, sizeof end);
	csr_date_format(from, start_day, sizeof start_day);
	csr_date_format(to, end_day, sizeof end_day);
	size_t day_len = strlen(end_day);
	bool same_day = strcmp(start_day, end_day) == 0 && strlen(end) > day_len;
	snprintf(buf, size, "%s %s %s", start, dash, same_day ? end + day_len + 1 : end);
}
