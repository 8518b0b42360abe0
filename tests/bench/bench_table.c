/* SPDX-License-Identifier: MIT */
/* Samples and the results table the benchmark prints at the end. */
#include "bench_table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void samples_add(samples *s, double x)
{
	if (s->n == s->cap) {
		int cap = s->cap ? s->cap * 2 : 32;
		double *v = realloc(s->v, (size_t)cap * sizeof *v);
		if (!v)
			return;
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n++] = x;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The samples in ascending order, in a new array; NULL when empty. */
static double *sorted(const samples *s)
{
	double *v = s->n ? malloc((size_t)s->n * sizeof *v) : NULL;
	if (!v)
		return NULL;
	memcpy(v, s->v, (size_t)s->n * sizeof *v);
	qsort(v, (size_t)s->n, sizeof *v, cmp_double);
	return v;
}

double samples_median(const samples *s)
{
	double *v = sorted(s);
	if (!v)
		return 0;
	double m = s->n % 2 ? v[s->n / 2] : (v[s->n / 2 - 1] + v[s->n / 2]) / 2;
	free(v);
	return m;
}

double samples_percentile(const samples *s, int p)
{
	double *v = sorted(s);
	if (!v)
		return 0;
	int rank = (int)(((long)p * s->n + 99) / 100); /* nearest rank: ceil(p% of n) */
	double x = v[rank > 0 ? rank - 1 : 0];
	free(v);
	return x;
}

double samples_max(const samples *s)
{
	double m = 0;
	for (int i = 0; i < s->n; i++)
		if (i == 0 || s->v[i] > m)
			m = s->v[i];
	return m;
}

void samples_free(samples *s)
{
	free(s->v);
	*s = (samples){ 0 };
}

enum { ROWS_MAX = 96 }; /* the benchmark adds about 60 */

typedef struct row {
	char name[64];
	int n;        /* samples, 0 for a single value */
	double value; /* the median */
	double max;
	char unit[8];
	target_kind kind;
	double target;
	char note[160];
} row;

static row rows[ROWS_MAX];
static int nrows;

static row *next_row(const char *name, const char *unit, target_kind kind, double target,
		     const char *note)
{
	if (nrows == ROWS_MAX)
		return NULL;
	row *r = &rows[nrows++];
	*r = (row){ .kind = kind, .target = target };
	snprintf(r->name, sizeof r->name, "%s", name);
	snprintf(r->unit, sizeof r->unit, "%s", unit);
	snprintf(r->note, sizeof r->note, "%s", note ? note : "");
	return r;
}

void table_add(const char *name, const samples *s, const char *unit, target_kind kind,
	       double target, const char *note)
{
	row *r = next_row(name, unit, kind, target, note);
	if (!r)
		return;
	r->n = s->n;
	r->value = samples_median(s);
	r->max = samples_max(s);
}

void table_add_value(const char *name, double value, const char *unit, target_kind kind,
		     double target, const char *note)
{
	row *r = next_row(name, unit, kind, target, note);
	if (r)
		r->value = r->max = value;
}

static bool met(const row *r)
{
	switch (r->kind) {
	case TARGET_AT_MOST: return r->value <= r->target;
	case TARGET_AT_LEAST: return r->value >= r->target;
	default: return true;
	}
}

static const char *verdict(const row *r)
{
	if (r->kind == TARGET_NONE)
		return "-";
	return met(r) ? "met" : "MISSED";
}

static void format_target(const row *r, char *buf, size_t size)
{
	if (r->kind == TARGET_NONE)
		snprintf(buf, size, "none");
	else
		snprintf(buf, size, "%s %g %s", r->kind == TARGET_AT_MOST ? "<=" : ">=", r->target,
			 r->unit);
}

void table_print(void)
{
	printf("\n%-48s %5s %10s %10s %-6s %-14s %s\n", "measurement", "n", "median", "max",
	       "unit", "target", "result");
	for (int i = 0; i < nrows; i++) {
		const row *r = &rows[i];
		char target[32], n[16] = "-", max[16] = "-";
		format_target(r, target, sizeof target);
		if (r->n) {
			snprintf(n, sizeof n, "%d", r->n);
			snprintf(max, sizeof max, "%.2f", r->max);
		}
		printf("%-48s %5s %10.2f %10s %-6s %-14s %s\n", r->name, n, r->value, max, r->unit,
		       target, verdict(r));
		if (r->note[0])
			printf("    %s\n", r->note);
	}
}

int table_missed(void)
{
	int missed = 0;
	for (int i = 0; i < nrows; i++)
		missed += rows[i].kind != TARGET_NONE && !met(&rows[i]);
	return missed;
}
