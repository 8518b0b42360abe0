/* SPDX-License-Identifier: MIT */
/* One formatter per quantity, and the parser of numbers people type: see
 * csrdesk/format.h. Numbers are taken apart into digits here and written
 * with the style's marks, so the C library's LC_NUMERIC never shows. */
#include "csrdesk/format.h"

#include <ctype.h>
#include <inttypes.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csrdesk/i18n.h"
#include "csrdesk/text.h"

enum {
	TEXT_MAX = 64,     /* a number as typed or as printf writes it */
	SIGNIFICANT = 15,  /* decimal digits a double holds for certain */
	HUNDREDTHS = 100,
};

/* Beyond this the formatters for people fall back to the machine form:
 * no figure of ours gets near it, and whole parts must fit uint64_t. */
#define LARGEST 1e15

#define ENGLISH                                                                              \
	{ .decimal_mark = ".", .group_mark = ",", .percent_sign = "%",                       \
	  .date_pattern = "%Y-%m-%d", .time_pattern = "%Y-%m-%d %H:%M" }

/* German as DIN 5008 writes it: 30.890,5 and 42 % (a no-break space
 * before the sign), 12.12.2026 09:30. */
#define GERMAN                                                                               \
	{ .decimal_mark = ",", .group_mark = ".", .percent_sign = "\xC2\xA0%",                \
	  .date_pattern = "%d.%m.%Y", .time_pattern = "%d.%m.%Y %H:%M" }

const csr_fmt_style csr_fmt_english = ENGLISH;
const csr_fmt_style csr_fmt_german = GERMAN;

static csr_fmt_style current = ENGLISH;

/* ---- the style ---- */

static bool terminated(const char *field, size_t size)
{
	return memchr(field, '\0', size) != NULL;
}

/* A mark may not hold what a number is made of (digits and signs), nor
 * what HTML or Markdown would act on: the reports write numbers as they
 * are. */
static bool mark_ok(const char *mark)
{
	return strpbrk(mark, "0123456789+-<>&\"'`\\|*_[]#!~") == NULL;
}

static csr_code check_style(const csr_fmt_style *s, csr_err *err)
{
	if (!terminated(s->decimal_mark, sizeof s->decimal_mark) ||
	    !terminated(s->group_mark, sizeof s->group_mark) ||
	    !terminated(s->percent_sign, sizeof s->percent_sign) ||
	    !terminated(s->date_pattern, sizeof s->date_pattern) ||
	    !terminated(s->time_pattern, sizeof s->time_pattern))
		return csr_fail(err, CSR_EINVAL, _("Number style: a mark or pattern is too long"));
	if (!s->decimal_mark[0] || strpbrk(s->decimal_mark, " \t") || !mark_ok(s->decimal_mark))
		return csr_fail(err, CSR_EINVAL, _("Number style: the decimal mark '%s' cannot be"
				  " told from a number"), s->decimal_mark);
	if (!mark_ok(s->group_mark) || strcmp(s->group_mark, s->decimal_mark) == 0)
		return csr_fail(err, CSR_EINVAL, _("Number style: the group mark '%s' cannot be"
				  " told from a number or its decimal mark"), s->group_mark);
	if (!s->date_pattern[0] || !s->time_pattern[0])
		return csr_fail(err, CSR_EINVAL, _("Number style: a date or time pattern is empty"));
	return CSR_OK;
}

csr_code csr_fmt_set_style(const csr_fmt_style *style, csr_err *err)
{
	if (!style)
		style = &csr_fmt_english;
	csr_code rc = check_style(style, err);
	if (rc == CSR_OK)
		current = *style;
	return rc;
}

const csr_fmt_style *csr_fmt_current_style(void)
{
	return &current;
}

/* ---- writing ---- */

/* A number taken apart: sign, whole part and a fraction of decimals
 * digits (fraction / 10^decimals). */
typedef struct decimal {
	bool negative;
	uint64_t whole;
	unsigned fraction;
	int decimals;
} decimal;

/* Appends text to buf (used bytes so far) when all of it fits, so a mark
 * of several bytes is never cut in half; once something did not fit,
 * nothing more is added. */
static void append(char *buf, size_t size, size_t *used, const char *text)
{
	size_t n = strlen(text);
	if (*used + n >= size) {
		*used = size;
		return;
	}
	memcpy(buf + *used, text, n + 1);
	*used += n;
}

/* Writes d with the style's marks: a group mark between thousands, the
 * decimal mark before the fraction. trim drops the fraction's trailing
 * zeros, and the mark when nothing is left of it. */
static void write_decimal(const csr_fmt_style *st, decimal d, bool trim, char *buf, size_t size)
{
	char digits[24], fraction[16], one[2] = "";
	size_t used = 0;
	if (size == 0)
		return;
	buf[0] = '\0';
	snprintf(digits, sizeof digits, "%" PRIu64, d.whole);
	snprintf(fraction, sizeof fraction, "%0*u", d.decimals, d.fraction);
	size_t shown = d.decimals > 0 ? strlen(fraction) : 0;
	while (trim && shown > 0 && fraction[shown - 1] == '0')
		fraction[--shown] = '\0';
	if (d.negative && (d.whole > 0 || shown > 0)) /* never "-0" */
		append(buf, size, &used, "-");
	for (size_t i = 0, n = strlen(digits); i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			append(buf, size, &used, st->group_mark);
		one[0] = digits[i];
		append(buf, size, &used, one);
	}
	if (shown > 0) {
		append(buf, size, &used, st->decimal_mark);
		append(buf, size, &used, fraction);
	}
}

/* |minutes| in hundredths of an hour, to the nearest: minutes * 5 / 3,
 * which never ends in exactly a half, computed without overflow. */
static uint64_t hundredths_of_hour(int64_t minutes)
{
	uint64_t m = minutes < 0 ? -(uint64_t)minutes : (uint64_t)minutes;
	return m / 3 * 5 + (m % 3 * 10 + 3) / 6;
}

/* value rounded to decimals places, half away from zero as the value
 * reads in decimal: taken from its 15-significant-digit form, so 2.675
 * (stored as 2.67499999999999982...) gives 2.68. False when it is not
 * finite or too large. */
static bool to_decimal(double value, int decimals, decimal *d)
{
	double a = fabs(value);
	if (!isfinite(a) || a >= LARGEST)
		return false;
	int whole_digits = 1;
	for (double p = 10; p <= a; p *= 10)
		whole_digits++;
	int shown = SIGNIFICANT - whole_digits;
	if (shown < decimals + 1)
		shown = decimals + 1;
	char text[TEXT_MAX];
	snprintf(text, sizeof text, "%.*f", shown, a);
	const char *p = text;
	*d = (decimal){ .negative = value < 0, .decimals = decimals };
	for (; isdigit((unsigned char)*p); p++)
		d->whole = d->whole * 10 + (uint64_t)(*p - '0');
	while (*p && !isdigit((unsigned char)*p)) /* the point, whatever LC_NUMERIC makes it */
		p++;
	unsigned unit = 1;
	for (int i = 0; i < decimals; i++, unit *= 10)
		d->fraction = d->fraction * 10 + (unsigned)(*p ? *p++ - '0' : 0);
	if (*p >= '5' && ++d->fraction == unit) {
		d->fraction = 0;
		d->whole++;
	}
	return true;
}

/* Writes value by the style with at most (trim) or exactly decimals
 * decimals. */
static void write_value(double value, int decimals, bool trim, char *buf, size_t size)
{
	decimal d;
	if (to_decimal(value, decimals, &d))
		write_decimal(&current, d, trim, buf, size);
	else
		csr_fmt_machine_number(value, buf, size);
}

void csr_fmt_hours(int64_t minutes, char *buf, size_t size)
{
	uint64_t h = hundredths_of_hour(minutes);
	decimal d = { minutes < 0, h / HUNDREDTHS, (unsigned)(h % HUNDREDTHS), 2 };
	write_decimal(&current, d, true, buf, size);
}

void csr_fmt_number(double value, char *buf, size_t size)
{
	write_value(value, 2, true, buf, size);
}

void csr_fmt_amount(double value, const char *unit, char *buf, size_t size)
{
	char number[CSR_FMT_NUMBER_MAX];
	csr_fmt_number(value, number, sizeof number);
	snprintf(buf, size, "%s%s%s", number, unit && unit[0] ? " " : "", unit ? unit : "");
}

void csr_fmt_count(long long n, char *buf, size_t size)
{
	decimal d = { n < 0, n < 0 ? -(uint64_t)n : (uint64_t)n, 0, 0 };
	write_decimal(&current, d, true, buf, size);
}

void csr_fmt_percent(double ratio, char *buf, size_t size)
{
	char number[CSR_FMT_NUMBER_MAX];
	decimal d;
	if (!to_decimal(ratio * 100, 0, &d)) {
		csr_fmt_machine_number(ratio * 100, number, sizeof number);
	} else {
		/* 0.4% is not "none" and 99.6% is not "all" */
		if (ratio > 0 && ratio < 1)
			d.whole = d.whole < 1 ? 1 : d.whole > 99 ? 99 : d.whole;
		write_decimal(&current, d, true, number, sizeof number);
	}
	snprintf(buf, size, "%s%s", number, current.percent_sign);
}

void csr_fmt_rating(double average, char *buf, size_t size)
{
	write_value(average, 1, false, buf, size);
}

/* ---- reading ---- */

/* Copies the digits of the whole part to out, dropping the group marks
 * (each group after the first exactly three digits); *p moves past them.
 * False on a misplaced mark or no digit at all. */
static bool whole_part(const char **p, const char *group, char *out, size_t size)
{
	size_t o = 0, glen = strlen(group);
	int since = 0; /* digits since the start or the last mark */
	bool grouped = false;
	for (;;) {
		if (glen > 0 && strncmp(*p, group, glen) == 0) {
			if (since == 0 || (grouped && since != 3) || (!grouped && since > 3))
				return false;
			grouped = true;
			since = 0;
			*p += glen;
			continue;
		}
		if (!isdigit((unsigned char)**p))
			break;
		if (o + 1 >= size)
			return false;
		out[o++] = *(*p)++;
		since++;
	}
	out[o] = '\0';
	return o > 0 && (!grouped || since == 3);
}

/* Reads "1,234.5" by the style into plain digits with the C library's
 * own decimal point ("1234.5"), for strtod; *fraction tells whether it
 * has one. */
static bool plain_number(const char *text, char *plain, size_t size, bool *fraction)
{
	char trimmed[TEXT_MAX];
	csr_text_trim(text, trimmed, sizeof trimmed);
	const char *p = trimmed;
	if (!whole_part(&p, current.group_mark, plain, size))
		return false;
	size_t mark = strlen(current.decimal_mark);
	*fraction = strncmp(p, current.decimal_mark, mark) == 0;
	if (*fraction) {
		p += mark;
		size_t digits = strspn(p, "0123456789");
		const char *point = localeconv()->decimal_point;
		size_t used = strlen(plain), plen = strlen(point);
		if (digits == 0 || used + plen + digits >= size)
			return false;
		memcpy(plain + used, point, plen);
		memcpy(plain + used + plen, p, digits);
		plain[used + plen + digits] = '\0';
		p += digits;
	}
	return *p == '\0';
}

/* "1.500" under English, "1,500" under German: one decimal mark and three
 * digits after it, after a whole part of one to three digits. In the other
 * common style that mark groups thousands, so the number may be 1500 to the
 * one who typed it: read neither way. */
static bool ambiguous(const char *text)
{
	char t[TEXT_MAX];
	csr_text_trim(text, t, sizeof t);
	const char *mark = strstr(t, current.decimal_mark);
	size_t whole = strspn(t, "0123456789");
	if (!mark || mark != t + whole || whole < 1 || whole > 3 || t[0] == '0')
		return false;
	const char *after = mark + strlen(current.decimal_mark);
	return strspn(after, "0123456789") == 3 && after[3] == '\0';
}

/* The number text stands for by the style, ambiguous or not. */
static bool plain_number_value(const char *text, double *out)
{
	char plain[TEXT_MAX], *end;
	bool fraction;
	if (!plain_number(text, plain, sizeof plain, &fraction))
		return false;
	*out = strtod(plain, &end);
	return *end == '\0' && isfinite(*out);
}

bool csr_fmt_parse_number(const char *text, double *out)
{
	double v;
	if (!text || ambiguous(text) || !plain_number_value(text, &v))
		return false;
	*out = v;
	return true;
}

bool csr_fmt_parse_count(const char *text, long long *out)
{
	char plain[TEXT_MAX];
	bool fraction;
	if (!text || !plain_number(text, plain, sizeof plain, &fraction) || fraction ||
	    strlen(plain) > SIGNIFICANT + 1)
		return false;
	long long n = strtoll(plain, NULL, 10);
	if (n > (long long)LARGEST)
		return false;
	*out = n;
	return true;
}

bool csr_fmt_parse_hours(const char *text, int *minutes)
{
	char t[TEXT_MAX], extra;
	unsigned hh, mm;
	double h;
	if (!text)
		return false;
	csr_text_trim(text, t, sizeof t);
	if (strchr(t, ':')) {
		if (sscanf(t, "%2u:%2u%c", &hh, &mm, &extra) != 2 || mm >= 60)
			return false;
		*minutes = (int)(hh * 60 + mm);
	} else if (csr_fmt_parse_number(t, &h) && h <= 24)
		*minutes = (int)(h * 60 + 0.5);
	else
		return false;
	return *minutes >= 1 && *minutes <= 24 * 60;
}

void csr_fmt_number_problem(const char *text, char *buf, size_t size)
{
	char a[CSR_FMT_NUMBER_MAX], b[CSR_FMT_NUMBER_MAX], c[CSR_FMT_NUMBER_MAX];
	double as_decimal;
	if (text && ambiguous(text) && plain_number_value(text, &as_decimal)) {
		csr_fmt_number(as_decimal, a, sizeof a);
		csr_fmt_number(as_decimal * 1000, b, sizeof b);
		/* TRANSLATORS: '1,500' could mean 1,5 or 1.500: type one of them */
		snprintf(buf, size, _("'%s' could mean %s or %s: type one of them"), text, a, b);
		return;
	}
	csr_fmt_number(120, a, sizeof a);
	csr_fmt_number(2400, b, sizeof b);
	csr_fmt_number(2400.5, c, sizeof c);
	snprintf(buf, size, _("'%s' is not a number like %s, %s or %s"), text ? text : "", a, b,
		 c);
}

/* ---- for machines ---- */

/* snprintf with a '.' as the decimal point whatever LC_NUMERIC says. */
static void c_format(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void c_format(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	const char *point = localeconv()->decimal_point;
	char *at = strcmp(point, ".") != 0 ? strstr(buf, point) : NULL;
	if (at) {
		*at = '.';
		memmove(at + 1, at + strlen(point), strlen(at + strlen(point)) + 1);
	}
}

void csr_fmt_machine_hours(int64_t minutes, char *buf, size_t size)
{
	uint64_t h = hundredths_of_hour(minutes);
	snprintf(buf, size, "%s%" PRIu64 ".%02u", minutes < 0 ? "-" : "", h / HUNDREDTHS,
		 (unsigned)(h % HUNDREDTHS));
}

void csr_fmt_machine_number(double value, char *buf, size_t size)
{
	c_format(buf, size, "%.15g", value);
}

void csr_fmt_machine_fixed(double value, int decimals, char *buf, size_t size)
{
	c_format(buf, size, "%.*f", decimals < 0 ? 0 : decimals > 9 ? 9 : decimals, value);
}

const char *csr_plural(long long n, const char *one, const char *many)
{
	unsigned long count = n < 0 ? (unsigned long)-(n + 1) + 1 : (unsigned long)n;
	return ngettext(one, many, count);
}

long long csr_fmt_hours_plural(int64_t minutes)
{
	return minutes % 60 ? 0 : minutes / 60;
}
