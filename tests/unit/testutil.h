/* SPDX-License-Identifier: MIT */
/* Shared helpers for the unit tests: real SQLite files in a temporary
 * directory, the real config parser, and rows inserted with plain SQL so a
 * module's tests do not depend on the other modules. */
#ifndef CSRDESK_TESTUTIL_H
#define CSRDESK_TESTUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "csrdesk/auth.h"
#include "csrdesk/config.h"
#include "csrdesk/db.h"
#include "csrdesk/metrics.h"

typedef struct tu_env {
	char dir[256];    /* a fresh temporary directory, removed by tu_close */
	char dbpath[300]; /* dir/test.db */
	csr_config *cfg;  /* the built-in defaults */
	csr_db *db;       /* open, migrated, acting as an admin */
} tu_env;

/* cmocka group setup/teardown: *state becomes a tu_env. */
int tu_setup(void **state);
int tu_teardown(void **state);

/* Acts as role; volunteer_id 0 for none. */
void tu_act(tu_env *env, csr_role role, int64_t volunteer_id);

/* Inserts a volunteer (team "T1") and returns its id. */
int64_t tu_volunteer(tu_env *env, const char *employee_id, const char *name);

/* Inserts an open initiative in category "education" starting in
 * starts_in_hours (may be negative) and lasting 2 hours; returns its id. */
int64_t tu_initiative(tu_env *env, const char *title, double starts_in_hours, int capacity);

/* Runs SQL on the test database and returns the first column of the first
 * row as an integer (0 when there is none). */
int64_t tu_scalar(tu_env *env, const char *sql);

/* Runs fixture SQL (several statements) on the test database; fails the
 * test when SQLite refuses it. */
void tu_sql(tu_env *env, const char *text);
/* The same for one statement built from a format (test data only). */
void tu_sqlf(tu_env *env, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A period parsed with csr_period_parse; fails the test when it is not one. */
csr_period tu_period(const char *text);

/* A keyset-paged list as the TUI's pager reads it (src/tui/pager.h): up to
 * max rows after `after` (before it when backward, in list order); after
 * NULL = from the start (backward: from the end). */
typedef struct tu_source {
	size_t row_size;
	csr_code (*fetch)(void *ctx, const void *after, bool backward, void *rows, int max,
			  int *n, csr_err *err);
	int64_t (*id_of)(const void *row);
} tu_source;

/* Reads the whole list `page` rows at a time, forward from the start and
 * backward from the end, each page from a row of the one before (passed
 * as one of the rows it overwrites, as the pager may); fails the test
 * unless both readings give exactly the ids `want` (n of them, in list
 * order). */
void tu_assert_pages(const tu_source *src, void *ctx, int page, const int64_t *want, int n);

/* Query plans: call tu_plan_start, then the data-layer functions to check;
 * tu_plan returns the EXPLAIN QUERY PLAN of every statement run in between,
 * one detail a line ("SEARCH s USING INDEX ..."; static buffer). */
void tu_plan_start(tu_env *env);
const char *tu_plan(tu_env *env);
/* Fails the test, showing the plan, when a statement run since
 * tu_plan_start read a table or an index from end to end (a SCAN) or
 * sorted the rows it found (USE TEMP B-TREE FOR ORDER BY), or when `index`
 * (an index and how it is searched) is not in the plan. */
void tu_assert_seeks(tu_env *env, const char *index);

/* Writes text to dir/name and returns the path (static buffer). */
const char *tu_write_file(tu_env *env, const char *name, const char *text);

#endif
