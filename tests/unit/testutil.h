/* SPDX-License-Identifier: MIT */
/* Shared helpers for the unit tests: real SQLite files in a temporary
 * directory, the real config parser, and rows inserted with plain SQL so a
 * module's tests do not depend on the other modules. */
#ifndef CSRDESK_TESTUTIL_H
#define CSRDESK_TESTUTIL_H

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

/* Writes text to dir/name and returns the path (static buffer). */
const char *tu_write_file(tu_env *env, const char *name, const char *text);

#endif
