/* SPDX-License-Identifier: MIT */
/* One count of figures for every session (figures_cache.h, migration 16):
 * the generation moves on with exactly the writes that can change a
 * figure; a count is stored and read by another session instead of
 * counting; a session waits for another's count rather than count the
 * same; a stale claim, a failed count and another layout are no hits. */
#include <pthread.h>
#include <setjmp.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "csrdesk/figures_cache.h"
#include "testutil.h"

static int64_t generation(tu_env *env)
{
	int64_t n = 0;
	csr_err err;
	assert_int_equal(csr_figures_generation(env->db, &n, &err), CSR_OK);
	return n;
}

static void test_generation_moves_with_figures_only(void **state)
{
	tu_env *env = *state;
	assert_int_equal(tu_volunteer(env, "E1", "Ada"), 1);
	assert_int_equal(tu_volunteer(env, "E2", "Bo"), 2);
	assert_int_equal(tu_initiative(env, "Trees", -48, 10), 1);
	static const char *const moving[] = {
		"INSERT INTO signup (initiative_id, volunteer_id, status, created_at, updated_at)"
		" VALUES (1, 1, 'confirmed', 1, 1)",
		"UPDATE signup SET status = 'attended'",
		"INSERT INTO hours (volunteer_id, initiative_id, worked_on, minutes, status,"
		" created_at) VALUES (1, 1, 1741600800, 60, 'pending', 1)",
		"UPDATE hours SET status = 'approved'",
		"INSERT INTO feedback (initiative_id, volunteer_id, rating, created_at)"
		" VALUES (1, 1, 4, 1)",
		"UPDATE feedback SET rating = 5",
		"INSERT INTO impact (initiative_id, metric, value, recorded_by, recorded_at)"
		" VALUES (1, 'trees', 10, NULL, 1)",
		"INSERT INTO initiative_goal (initiative_id, metric, target) VALUES (1, 'trees', 20)",
		"UPDATE initiative SET title = 'More trees'",
		"UPDATE volunteer SET team = 'T2' WHERE id = 2",
		"UPDATE volunteer SET site = 'North' WHERE id = 2",
		"UPDATE volunteer SET active = 0 WHERE id = 2",
		"DELETE FROM feedback",
		"DELETE FROM impact",
		"DELETE FROM hours",
		"DELETE FROM signup",
		"DELETE FROM volunteer WHERE id = 2",
	};
	for (size_t i = 0; i < sizeof moving / sizeof moving[0]; i++) {
		int64_t before = generation(env);
		tu_sql(env, moving[i]);
		if (generation(env) <= before)
			fail_msg("the generation stayed at %lld after: %s", (long long)before,
				 moving[i]);
	}
	static const char *const still[] = {
		"UPDATE volunteer SET pin_failures = 2, language = 'de', mail_off = 1",
		"UPDATE volunteer SET team = team",
		"INSERT INTO audit (at, actor, action, entity, entity_id, detail)"
		" VALUES (1, 'x', 'test', 'volunteer', 1, '')",
		"INSERT INTO figures_cache (key, generation, claimed_ms, figures)"
		" VALUES ('k', 1, 1, x'00')",
	};
	for (size_t i = 0; i < sizeof still / sizeof still[0]; i++) {
		int64_t before = generation(env);
		tu_sql(env, still[i]);
		if (generation(env) != before)
			fail_msg("the generation moved after: %s", still[i]);
	}
}

/* A count that writes value into its buffer and counts its calls. */
typedef struct counter {
	int64_t figures[4];
	int64_t value;
	int calls;
	csr_code result;
} counter;

static csr_code count_it(void *ctx, csr_err *err)
{
	counter *c = ctx;
	c->calls++;
	if (c->result != CSR_OK)
		return csr_fail(err, c->result, "refused");
	for (int i = 0; i < 4; i++)
		c->figures[i] = c->value + i;
	return CSR_OK;
}

static csr_code shared(csr_db *db, const char *key, counter *c)
{
	int64_t gen = 0;
	csr_err err;
	memset(c->figures, 0, sizeof c->figures);
	return csr_figures_shared(db, key, c->figures, sizeof c->figures, count_it, c, &gen,
				  &err);
}

static csr_db *second_session(tu_env *env)
{
	csr_db *db = NULL;
	csr_err err;
	assert_int_equal(csr_db_open(env->dbpath, env->cfg, false, &db, &err), CSR_OK);
	return db;
}

static void test_one_count_serves_every_session(void **state)
{
	tu_env *env = *state;
	counter a = { .value = 100 }, b = { .value = 200 };
	assert_int_equal(shared(env->db, "k1", &a), CSR_OK);
	assert_int_equal(a.calls, 1);
	assert_int_equal(a.figures[3], 103);

	csr_db *other = second_session(env);
	assert_int_equal(shared(other, "k1", &b), CSR_OK);
	assert_int_equal(b.calls, 0); /* read, not counted */
	assert_int_equal(b.figures[3], 103);
	/* another key is counted for itself */
	assert_int_equal(shared(other, "k2", &b), CSR_OK);
	assert_int_equal(b.calls, 1);
	assert_int_equal(b.figures[0], 200);

	/* a write that moves a figure: counted once again, then shared */
	assert_int_equal(tu_volunteer(env, "E9", "New"), 1);
	a.value = 300;
	assert_int_equal(shared(env->db, "k1", &a), CSR_OK);
	assert_int_equal(a.calls, 2);
	assert_int_equal(shared(other, "k1", &b), CSR_OK);
	assert_int_equal(b.calls, 1);
	assert_int_equal(b.figures[0], 300);
	/* the rows of older generations are gone */
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM figures_cache"
				   " WHERE generation < (SELECT n FROM figures_generation)"), 0);
	csr_db_close(&other);
}

/* Plays the other session's store after a moment. */
static void *store_later(void *path)
{
	sqlite3 *s = NULL;
	usleep(50 * 1000);
	if (sqlite3_open(path, &s) == SQLITE_OK) {
		sqlite3_busy_timeout(s, 5000);
		sqlite3_exec(s, "UPDATE figures_cache SET figures = x'05000000000000000600000000000000"
			     "07000000000000000800000000000000' WHERE key = 'k3'", NULL, NULL, NULL);
	}
	sqlite3_close(s);
	return NULL;
}

static void claim_by_another(tu_env *env, const char *key, int64_t age_ms)
{
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	int64_t ms = (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000 - age_ms;
	tu_sqlf(env, "INSERT INTO figures_cache (key, generation, claimed_ms, figures)"
		" SELECT '%s', n, %lld, NULL FROM figures_generation", key, (long long)ms);
}

static void test_a_count_under_way_is_waited_for(void **state)
{
	tu_env *env = *state;
	counter a = { .value = 1 };
	claim_by_another(env, "k3", 0);
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, store_later, env->dbpath), 0);
	assert_int_equal(shared(env->db, "k3", &a), CSR_OK);
	pthread_join(t, NULL);
	assert_int_equal(a.calls, 0);
	assert_int_equal(a.figures[0], 5);
	assert_int_equal(a.figures[3], 8);
}

static void test_stale_claims_failures_and_layouts(void **state)
{
	tu_env *env = *state;
	counter a = { .value = 40 };
	/* a claim of a session gone long ago is taken over at once */
	claim_by_another(env, "k4", CSR_FIGURES_CLAIM_MS + 1000);
	assert_int_equal(shared(env->db, "k4", &a), CSR_OK);
	assert_int_equal(a.calls, 1);
	assert_int_equal(tu_scalar(env, "SELECT length(figures) FROM figures_cache"
				   " WHERE key = 'k4'"), (int64_t)sizeof a.figures);
	/* a failed count is returned, not stored, and its claim given up */
	counter refused = { .result = CSR_EREFUSED };
	assert_int_equal(shared(env->db, "k5", &refused), CSR_EREFUSED);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM figures_cache WHERE key = 'k5'"),
			 0);
	/* figures of another size (another layout) are counted anew */
	tu_sql(env, "UPDATE figures_cache SET figures = x'0102' WHERE key = 'k4'");
	assert_int_equal(shared(env->db, "k4", &a), CSR_OK);
	assert_int_equal(a.calls, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_generation_moves_with_figures_only, tu_setup,
						tu_teardown),
		cmocka_unit_test_setup_teardown(test_one_count_serves_every_session, tu_setup,
						tu_teardown),
		cmocka_unit_test_setup_teardown(test_a_count_under_way_is_waited_for, tu_setup,
						tu_teardown),
		cmocka_unit_test_setup_teardown(test_stale_claims_failures_and_layouts, tu_setup,
						tu_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
