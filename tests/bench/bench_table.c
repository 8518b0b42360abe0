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

enum { ROWS_MAX = 160, LABEL_MAX = 16 }; /* the benchmark adds about 100 rows */

typedef struct cell {
	bool set;
	bool empty;   /* samples were expected and none came: a miss */
	int n;        /* samples, 0 for a single value */
	double value; /* the median */
	double max;
	target_kind kind;
	double target;
	char note[160];
} cell;

typedef struct row {
	char name[64];
	char unit[8];
	cell cells[TABLE_COLUMNS_MAX];
} row;

static row rows[ROWS_MAX];
static int nrows;
static char columns[TABLE_COLUMNS_MAX][LABEL_MAX];
static int ncolumns;

void table_column(const char *label)
{
	if (ncolumns < TABLE_COLUMNS_MAX)
		snprintf(columns[ncolumns++], LABEL_MAX, "%s", label);
}

static int current_column(void)
{
	if (ncolumns == 0)
		table_column("");
	return ncolumns - 1;
}

static row *find_row(const char *name, const char *unit)
{
	for (int i = 0; i < nrows; i++)
		if (strncmp(rows[i].name, name, sizeof rows[i].name - 1) == 0)
			return &rows[i];
	if (nrows == ROWS_MAX)
		return NULL;
	row *r = &rows[nrows++];
	*r = (row){ 0 };
	snprintf(r->name, sizeof r->name, "%s", name);
	snprintf(r->unit, sizeof r->unit, "%s", unit);
	return r;
}

static cell *next_cell(const char *name, const char *unit, target_kind kind, double target,
		       const char *note)
{
	row *r = find_row(name, unit);
	if (!r)
		return NULL;
	cell *c = &r->cells[current_column()];
	*c = (cell){ .set = true, .kind = kind, .target = target };
	snprintf(c->note, sizeof c->note, "%s", note ? note : "");
	return c;
}

void table_add(const char *name, const samples *s, const char *unit, target_kind kind,
	       double target, const char *note)
{
	cell *c = next_cell(name, unit, kind, target, note);
	if (!c)
		return;
	c->n = s->n;
	c->empty = s->n == 0;
	c->value = samples_median(s);
	c->max = samples_max(s);
}

void table_add_value(const char *name, double value, const char *unit, target_kind kind,
		     double target, const char *note)
{
	cell *c = next_cell(name, unit, kind, target, note);
	if (c)
		c->value = c->max = value;
}

static bool met(const cell *c)
{
	if (c->empty)
		return false;
	switch (c->kind) {
	case TARGET_AT_MOST: return c->value <= c->target;
	case TARGET_AT_LEAST: return c->value >= c->target;
	default: return true;
	}
}

static const char *verdict(const cell *c)
{
	if (!c->set || c->kind == TARGET_NONE)
		return "";
	return met(c) ? "met" : "MISSED";
}

static int format_target(const cell *c, char *buf, size_t size)
{
	if (c->kind == TARGET_NONE)
		return snprintf(buf, size, "none");
	return snprintf(buf, size, "%s %g", c->kind == TARGET_AT_MOST ? "<=" : ">=", c->target);
}

/* "<= 50", or "<= 50, 500k <= 100" when a column has a target of its own. */
static void row_target(const row *r, char *buf, size_t size)
{
	const cell *first = NULL;
	size_t len = 0;
	snprintf(buf, size, "-");
	for (int k = 0; k < ncolumns && len < size; k++) {
		const cell *c = &r->cells[k];
		if (!c->set)
			continue;
		if (!first) {
			first = c;
			len += (size_t)format_target(c, buf, size);
		} else if (c->kind != first->kind || c->target != first->target) {
			len += (size_t)snprintf(buf + len, size - len, ", %s ", columns[k]);
			if (len < size)
				len += (size_t)format_target(c, buf + len, size - len);
		}
	}
}

/* The notes of a row: once when every column has the same, else per column. */
static void print_notes(const row *r)
{
	const char *same = NULL;
	bool differ = false;
	for (int k = 0; k < ncolumns; k++) {
		const cell *c = &r->cells[k];
		if (!c->set)
			continue;
		if (same && strcmp(same, c->note) != 0)
			differ = true;
		same = same ? same : c->note;
	}
	if (same && !differ && same[0]) {
		printf("    %s\n", same);
		return;
	}
	for (int k = 0; differ && k < ncolumns; k++)
		if (r->cells[k].set && r->cells[k].note[0])
			printf("    %s: %s\n", columns[k], r->cells[k].note);
}

/* "n 15, max 40.20" per column, for the rows made of samples. */
static void print_spread(const row *r)
{
	bool any = false;
	for (int k = 0; k < ncolumns; k++) {
		const cell *c = &r->cells[k];
		if (!c->set || !c->n)
			continue;
		printf("%s%s%sn %d, max %.2f", any ? "; " : "    ", columns[k], columns[k][0] ? " " : "",
		       c->n, c->max);
		any = true;
	}
	if (any)
		printf("\n");
}

static void print_cell(const cell *c)
{
	if (!c->set)
		printf(" %10s %-6s", "-", "");
	else if (c->empty)
		printf(" %10s %-6s", "no data", c->kind == TARGET_NONE ? "" : "MISSED");
	else
		printf(" %10.2f %-6s", c->value, verdict(c));
}

void table_print(void)
{
	printf("\n%-48s %-5s %-20s", "measurement", "unit", "target");
	for (int k = 0; k < ncolumns; k++)
		printf(" %10s %-6s", columns[k], "");
	printf("\n");
	for (int i = 0; i < nrows; i++) {
		const row *r = &rows[i];
		char target[64];
		row_target(r, target, sizeof target);
		printf("%-48s %-5s %-20s", r->name, r->unit, target);
		for (int k = 0; k < ncolumns; k++)
			print_cell(&r->cells[k]);
		printf("\n");
		print_spread(r);
		print_notes(r);
	}
}

int table_missed(void)
{
	int missed = 0;
	for (int i = 0; i < nrows; i++)
		for (int k = 0; k < ncolumns; k++) {
			const cell *c = &rows[i].cells[k];
			missed += c->set && (c->empty || (c->kind != TARGET_NONE && !met(c)));
		}
	return missed;
}
