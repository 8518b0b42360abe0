/* SPDX-License-Identifier: MIT */
/* csrdesk benchmarks — samples, medians and the results table. */
#ifndef CSRDESK_BENCH_TABLE_H
#define CSRDESK_BENCH_TABLE_H

#include <stdbool.h>

typedef struct samples {
	double *v;
	int n, cap;
} samples;

void samples_add(samples *s, double x);
/* The median (the mean of the middle two for an even count); 0 when empty. */
double samples_median(const samples *s);
/* The nearest-rank p-th percentile (1..100): the smallest sample that at
 * least p% of the samples do not exceed; 0 when empty. */
double samples_percentile(const samples *s, int p);
double samples_max(const samples *s);
void samples_free(samples *s);

typedef enum target_kind {
	TARGET_NONE = 0, /* measured, no target */
	TARGET_AT_MOST,  /* the median must not exceed the target */
	TARGET_AT_LEAST,
} target_kind;

/* The results come in columns, one per data set size: table_column
 * starts the next column (at most TABLE_COLUMNS_MAX), and each table_add
 * fills the row of that name in it (a row is made the first time its name
 * is added, in that order). */
enum { TABLE_COLUMNS_MAX = 4 };
void table_column(const char *label);

/* Sets a cell: name, the samples (the median is shown; n and max in the
 * notes), the unit ("ms", "MB", "tx/s", ...), the target for this column,
 * and a note. */
void table_add(const char *name, const samples *s, const char *unit, target_kind kind,
	       double target, const char *note);
/* Sets a cell with one value that is not a median of samples (a count, a
 * ratio of medians). */
void table_add_value(const char *name, double value, const char *unit, target_kind kind,
		     double target, const char *note);
void table_print(void);
/* How many cells missed their target. */
int table_missed(void);

#endif
