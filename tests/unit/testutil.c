/* SPDX-License-Identifier: MIT */
#include "testutil.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csrdesk/clock.h"
#include "db_private.h"

int tu_setup(void **state)
{
	tu_env *env = calloc(1, sizeof *env);
	assert_non_null(env);
	snprintf(env->dir, sizeof env->dir, "%s/csrdesk-test-XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	assert_non_null(mkdtemp(env->dir));
	snprintf(env->dbpath, sizeof env->dbpath, "%s/test.db", env->dir);
	csr_err err;
	assert_int_equal(csr_config_load_text(csr_config_default_text(), "(built-in)", &env->cfg,
					      &err), CSR_OK);
	if (csr_db_open(env->dbpath, env->cfg, true, &env->db, &err) != CSR_OK)
		fail_msg("opening the test database: %s", err.msg);
	tu_act(env, CSR_ROLE_ADMIN, 0);
	*state = env;
	return 0;
}

int tu_teardown(void **state)
{
	tu_env *env = *state;
	csr_db_close(&env->db);
	csr_config_free(&env->cfg);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", env->dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", env->dir);
	free(env);
	return 0;
}

void tu_act(tu_env *env, csr_role role, int64_t volunteer_id)
{
	csr_actor a = { .role = role, .volunteer_id = volunteer_id };
	snprintf(a.name, sizeof a.name, "test:%s", csr_role_name(role));
	csr_db_set_actor(env->db, &a);
}

static int64_t insert(tu_env *env, const char *sql, const char *text1, const char *text2,
		      int64_t n1, int64_t n2, int64_t n3)
{
	sqlite3 *s = csr_db_sqlite(env->db);
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(s, sql, -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, text1, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, text2, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, n1);
	sqlite3_bind_int64(st, 4, n2);
	sqlite3_bind_int64(st, 5, n3);
	if (sqlite3_step(st) != SQLITE_DONE)
		fail_msg("insert failed: %s", sqlite3_errmsg(s));
	sqlite3_finalize(st);
	return sqlite3_last_insert_rowid(s);
}

int64_t tu_volunteer(tu_env *env, const char *employee_id, const char *name)
{
	return insert(env,
		      "INSERT INTO volunteer (employee_id, name, team, created_at)"
		      " VALUES (?1, ?2, 'T1', ?3 + 0*?4 + 0*?5)",
		      employee_id, name, csr_now(), 0, 0);
}

int64_t tu_initiative(tu_env *env, const char *title, double starts_in_hours, int capacity)
{
	int64_t start = csr_now() + (int64_t)(starts_in_hours * 3600);
	return insert(env,
		      "INSERT INTO initiative (title, category, starts_at, ends_at, capacity,"
		      " status, created_at) VALUES (?1, 'education' || substr(?2, 1, 0), ?3, ?3 + 7200,"
		      " ?4, 'open', ?5)",
		      title, "", start, capacity, csr_now());
}

int64_t tu_scalar(tu_env *env, const char *sql)
{
	sqlite3 *s = csr_db_sqlite(env->db);
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("bad test SQL %s: %s", sql, sqlite3_errmsg(s));
	int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return v;
}

const char *tu_write_file(tu_env *env, const char *name, const char *text)
{
	static char path[512];
	snprintf(path, sizeof path, "%s/%s", env->dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

void tu_sql(tu_env *env, const char *text)
{
	char *msg = NULL;
	if (sqlite3_exec(csr_db_sqlite(env->db), text, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("fixture SQL failed: %s", msg);
}

void tu_sqlf(tu_env *env, const char *fmt, ...)
{
	char sql[1024];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(sql, sizeof sql, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof sql)
		fail_msg("fixture SQL too long: %s", fmt);
	tu_sql(env, sql);
}

csr_period tu_period(const char *text)
{
	csr_period p;
	csr_err err;
	if (csr_period_parse(text, &p, &err) != CSR_OK)
		fail_msg("%s", err.msg);
	return p;
}

void tu_plan_start(tu_env *env)
{
	sqlite3 *s = csr_db_sqlite(env->db);
	for (sqlite3_stmt *st = sqlite3_next_stmt(s, NULL); st; st = sqlite3_next_stmt(s, st))
		sqlite3_stmt_status(st, SQLITE_STMTSTATUS_VM_STEP, 1);
}

/* Appends the plan of one statement's SQL to out. */
static void explain(sqlite3 *s, const char *sql, char *out, size_t size)
{
	char *eqp = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
	sqlite3_stmt *st = NULL;
	if (!eqp || sqlite3_prepare_v2(s, eqp, -1, &st, NULL) != SQLITE_OK)
		fail_msg("cannot explain %s: %s", sql, sqlite3_errmsg(s));
	sqlite3_free(eqp);
	while (sqlite3_step(st) == SQLITE_ROW) {
		size_t used = strlen(out);
		snprintf(out + used, size - used, "%s\n", (const char *)sqlite3_column_text(st, 3));
	}
	sqlite3_finalize(st);
}

const char *tu_plan(tu_env *env)
{
	static char plan[16384];
	enum { RAN_MAX = 64 };
	sqlite3 *s = csr_db_sqlite(env->db);
	const char *ran[RAN_MAX];
	int n = 0;
	/* First the statements that ran: explaining prepares more of them. */
	for (sqlite3_stmt *st = sqlite3_next_stmt(s, NULL); st; st = sqlite3_next_stmt(s, st))
		if (sqlite3_stmt_status(st, SQLITE_STMTSTATUS_VM_STEP, 0) > 0 && n < RAN_MAX)
			ran[n++] = sqlite3_sql(st);
	plan[0] = '\0';
	for (int i = 0; i < n; i++)
		explain(s, ran[i], plan, sizeof plan);
	return plan;
}

void tu_assert_seeks(tu_env *env, const char *index)
{
	const char *plan = tu_plan(env);
	if (!*plan)
		fail_msg("no statement ran since tu_plan_start");
	bool scan = strncmp(plan, "SCAN ", 5) == 0 || strstr(plan, "\nSCAN ");
	/* A sort of all the rows found; "RIGHT PART OF ORDER BY" sorts only
	 * rows that tie on the index's order, and passes. */
	bool sort = strstr(plan, "USE TEMP B-TREE FOR ORDER BY") != NULL;
	if (scan || sort || !strstr(plan, index))
		fail_msg("expected seeks in %s, without a SCAN or a sort; the plan:\n%s", index,
			 plan);
}

enum { WALK_MAX = 256 }; /* ids a list under test may have */

/* Reads the list in one direction into ids (list order reversed when
 * backward); returns how many. */
static int walk(const tu_source *src, void *ctx, int page, bool backward, int64_t *ids)
{
	unsigned char *rows = calloc((size_t)page, src->row_size);
	assert_non_null(rows);
	int total = 0, n = 0;
	const void *after = NULL;
	do {
		csr_err err;
		if (src->fetch(ctx, after, backward, rows, page, &n, &err) != CSR_OK)
			fail_msg("reading a page: %s", err.msg);
		if (n < 0 || n > page || total + n > WALK_MAX)
			fail_msg("a page of %d rows (asked for %d, %d read)", n, page, total);
		for (int i = 0; i < n; i++) {
			int row = backward ? n - 1 - i : i;
			ids[total++] = src->id_of(rows + (size_t)row * src->row_size);
		}
		/* The next page goes on from the last row read (backward: the
		 * first), which it may overwrite. */
		after = rows + (size_t)(backward ? 0 : n - 1) * src->row_size;
	} while (n == page);
	free(rows);
	return total;
}

/* "1 2 3" for messages. */
static const char *id_list(const int64_t *ids, int n, char *out, size_t size)
{
	out[0] = '\0';
	for (int i = 0; i < n; i++) {
		size_t used = strlen(out);
		snprintf(out + used, size - used, "%s%lld", i ? " " : "", (long long)ids[i]);
	}
	return out;
}

static bool same_ids(const int64_t *a, int na, const int64_t *b, int nb)
{
	if (na != nb)
		return false;
	for (int i = 0; i < na; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

void tu_assert_pages(const tu_source *src, void *ctx, int page, const int64_t *want, int n)
{
	int64_t got[WALK_MAX], back[WALK_MAX];
	char a[2048], b[2048];
	int ngot = walk(src, ctx, page, false, got);
	int nback = walk(src, ctx, page, true, back);
	for (int i = 0, j = nback - 1; i < j; i++, j--) {
		int64_t t = back[i];
		back[i] = back[j];
		back[j] = t;
	}
	if (!same_ids(got, ngot, want, n))
		fail_msg("pages of %d forward: %s, expected %s", page,
			 id_list(got, ngot, a, sizeof a), id_list(want, n, b, sizeof b));
	if (!same_ids(back, nback, want, n))
		fail_msg("pages of %d backward: %s, expected %s", page,
			 id_list(back, nback, a, sizeof a), id_list(want, n, b, sizeof b));
}
