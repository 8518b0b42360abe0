/* SPDX-License-Identifier: MIT */
/* Numbers people type and read. */
#include "number.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csrdesk/text.h"

enum { NUMBER_TEXT_MAX = 64 };

/* Copies the digits of the whole part to out, dropping the commas that
 * group thousands; *p moves past them. False on a misplaced comma. */
static bool whole_part(const char **p, char *out, size_t size)
{
	size_t o = 0;
	int group = 0;     /* digits since the start or the last comma */
	bool commas = false;
	for (; isdigit((unsigned char)**p) || **p == ','; (*p)++) {
		if (**p == ',') {
			if (group == 0 || (commas && group != 3) || (!commas && group > 3))
				return false;
			commas = true;
			group = 0;
			continue;
		}
		if (o + 1 >= size)
			return false;
		out[o++] = **p;
		group++;
	}
	out[o] = '\0';
	return o > 0 && (!commas || group == 3);
}

bool ui_number_parse(const char *text, double *out)
{
	char trimmed[NUMBER_TEXT_MAX], plain[NUMBER_TEXT_MAX];
	csr_text_trim(text, trimmed, sizeof trimmed);
	const char *p = trimmed;
	if (!whole_part(&p, plain, sizeof plain))
		return false;
	if (*p == '.') {
		size_t used = strlen(plain);
		size_t digits = strspn(p + 1, "0123456789");
		if (digits == 0 || used + 1 + digits >= sizeof plain)
			return false;
		memcpy(plain + used, p, digits + 1);
		plain[used + digits + 1] = '\0';
		p += digits + 1;
	}
	if (*p)
		return false;
	char *end;
	double v = strtod(plain, &end); /* LC_NUMERIC stays "C": the point is the mark */
	if (*end || !isfinite(v))
		return false;
	*out = v;
	return true;
}

bool ui_number_hours(const char *text, int *minutes)
{
	char t[NUMBER_TEXT_MAX], extra;
	unsigned hh, mm;
	double h;
	csr_text_trim(text, t, sizeof t);
	if (strchr(t, ':')) {
		if (sscanf(t, "%2u:%2u%c", &hh, &mm, &extra) != 2 || mm >= 60)
			return false;
		*minutes = (int)(hh * 60 + mm);
	} else if (ui_number_parse(t, &h) && h <= 24)
		*minutes = (int)(h * 60 + 0.5);
	else
		return false;
	return *minutes >= 1 && *minutes <= 24 * 60;
}

/* "2400.50" -> "2400.5", "120.00" -> "120". */
static void trim_zeros(char *s)
{
	char *dot = strchr(s, '.');
	if (!dot)
		return;
	char *end = s + strlen(s);
	while (end > dot + 1 && end[-1] == '0')
		*--end = '\0';
	if (end == dot + 1)
		*dot = '\0';
}

void ui_number_format(double value, char *out, size_t size)
{
	if (!isfinite(value) || value >= 1e15 || value <= -1e15) {
		snprintf(out, size, "%g", value);
		return;
	}
	char plain[NUMBER_TEXT_MAX];
	snprintf(plain, sizeof plain, "%.2f", value);
	trim_zeros(plain);
	const char *digits = plain + (plain[0] == '-');
	size_t whole = strcspn(digits, ".");
	size_t o = 0;
	if (plain[0] == '-' && o + 1 < size)
		out[o++] = '-';
	for (size_t i = 0; digits[i] && o + 1 < size; i++) {
		if (i > 0 && i < whole && (whole - i) % 3 == 0 && o + 2 < size)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	if (size > 0)
		out[o] = '\0';
}
