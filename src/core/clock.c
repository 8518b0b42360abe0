#include "csrdesk/clock.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

int64_t csr_now(void)
{
	return (int64_t)time(NULL);
}

csr_code csr_time_parse(const char *text, int64_t *out, csr_err *err)
{
	struct tm tm = { 0 };
	int y, mo, d, h = 0, mi = 0;
	char tail;
	int n = text ? sscanf(text, "%4d-%2d-%2d %2d:%2d%c", &y, &mo, &d, &h, &mi, &tail) : 0;
	if (n != 3 && n != 5)
		return csr_fail(err, CSR_EINVAL, "'%s' is not a date and time like 2026-05-14 09:30",
				text ? text : "");
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59)
		return csr_fail(err, CSR_EINVAL, "'%s' is not a valid date and time", text);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_isdst = -1;
	time_t t = mktime(&tm);
	/* mktime normalizes 2026-02-31 to March: refuse instead of guessing. */
	if (t == (time_t)-1 || tm.tm_mday != d || tm.tm_mon != mo - 1)
		return csr_fail(err, CSR_EINVAL, "'%s' is not a valid date and time", text);
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
	format(t, "%Y-%m-%d %H:%M", buf, size);
}

void csr_date_format(int64_t t, char *buf, size_t size)
{
	format(t, "%Y-%m-%d", buf, size);
}
