/* SPDX-License-Identifier: MIT */
/* Announcements: posting, removing, and which ones are current. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "csrdesk/announcement.h"
#include "csrdesk/clock.h"
#include "testutil.h"

static void expect_err(csr_code rc, const csr_err *err, csr_code code, const char *needle)
{
	assert_int_equal(rc, code);
	assert_int_equal(err->code, code);
	if (!strstr(err->msg, needle))
		fail_msg("message '%s' does not say '%s'", err->msg, needle);
}

static csr_announcement news(const char *title, int64_t expires_at)
{
	csr_announcement a = { .expires_at = expires_at };
	snprintf(a.title, sizeof a.title, "%s", title);
	snprintf(a.body, sizeof a.body, "Meet at the main entrance at 9:00.");
	return a;
}

static void test_lead_posts(void **state)
{
	tu_env *env = *state;
	int64_t lead = tu_volunteer(env, "L1", "Lead Lee");
	tu_act(env, CSR_ROLE_LEAD, lead);
	csr_announcement a = news("Blood drive on Friday", 0);
	csr_err err;
	int64_t before = csr_now();
	assert_int_equal(csr_announcement_post(env->db, &a, &err), CSR_OK);
	assert_true(a.id > 0);
	assert_true(a.created_at >= before);
	assert_int_equal(a.author_id, lead);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM announcement WHERE expires_at IS NULL"
				   " AND body = 'Meet at the main entrance at 9:00.'"), 1);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit WHERE action ="
				   " 'announcement.post' AND detail = 'Blood drive on Friday'"), 1);
}

static void test_agent_refused(void **state)
{
	tu_env *env = *state;
	int64_t ada = tu_volunteer(env, "E1", "Ada");
	csr_announcement a = news("Kept", 0);
	csr_err err;
	assert_int_equal(csr_announcement_post(env->db, &a, &err), CSR_OK);
	tu_act(env, CSR_ROLE_AGENT, ada);
	csr_announcement mine = news("Free pizza", 0);
	expect_err(csr_announcement_post(env->db, &mine, &err), &err, CSR_EDENIED, "Only team leads");
	expect_err(csr_announcement_remove(env->db, a.id, &err), &err, CSR_EDENIED,
		   "Only team leads");
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM announcement"), 1);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit"), 1);
}

static void test_validation(void **state)
{
	tu_env *env = *state;
	csr_err err;
	csr_announcement a = news(" ", 0);
	expect_err(csr_announcement_post(env->db, &a, &err), &err, CSR_EINVAL, "Title is required");
	a = news("Past", csr_now() - 60);
	expect_err(csr_announcement_post(env->db, &a, &err), &err, CSR_EINVAL,
		   "Expiry must be in the future");
	a = news("Long", 0);
	memset(a.title, 't', sizeof a.title);
	expect_err(csr_announcement_post(env->db, &a, &err), &err, CSR_EINVAL, "Title is too long");
	a = news("Long", 0);
	memset(a.body, 'b', sizeof a.body);
	expect_err(csr_announcement_post(env->db, &a, &err), &err, CSR_EINVAL, "Text is too long");
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM announcement"), 0);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit"), 0);
}

static void test_current_newest_first_without_expired(void **state)
{
	tu_env *env = *state;
	csr_err err;
	csr_announcement a = news("Old news", 0), b = news("Soon gone", csr_now() + 3600),
			 c = news("Expired", csr_now() + 3600);
	assert_int_equal(csr_announcement_post(env->db, &a, &err), CSR_OK);
	assert_int_equal(csr_announcement_post(env->db, &b, &err), CSR_OK);
	assert_int_equal(csr_announcement_post(env->db, &c, &err), CSR_OK);
	char sql[128];
	snprintf(sql, sizeof sql, "UPDATE announcement SET expires_at = %lld WHERE id = %lld",
		 (long long)(csr_now() - 1), (long long)c.id);
	tu_scalar(env, sql);
	snprintf(sql, sizeof sql, "UPDATE announcement SET created_at = created_at - 100"
		 " WHERE id = %lld", (long long)a.id);
	tu_scalar(env, sql);

	csr_announcement rows[4];
	int n;
	assert_int_equal(csr_announcement_current(env->db, rows, 4, &n, &err), CSR_OK);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].title, "Soon gone");
	assert_int_equal(rows[0].expires_at, b.expires_at);
	assert_string_equal(rows[0].body, "Meet at the main entrance at 9:00.");
	assert_string_equal(rows[1].title, "Old news");
	assert_int_equal(rows[1].expires_at, 0);
	assert_int_equal(csr_announcement_current(env->db, rows, 1, &n, &err), CSR_OK);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].title, "Soon gone");
}

static void test_remove(void **state)
{
	tu_env *env = *state;
	csr_err err;
	csr_announcement a = news("Cancelled picnic", 0);
	assert_int_equal(csr_announcement_post(env->db, &a, &err), CSR_OK);
	assert_int_equal(csr_announcement_remove(env->db, a.id, &err), CSR_OK);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM announcement"), 0);
	char sql[160];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE action = 'announcement.remove'"
		 " AND entity_id = %lld AND detail = 'Cancelled picnic'", (long long)a.id);
	assert_int_equal(tu_scalar(env, sql), 1);
	expect_err(csr_announcement_remove(env->db, a.id, &err), &err, CSR_ENOTFOUND,
		   "There is no announcement");
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit"), 2);
}

/* ---- keyset pages ---- */

static csr_code fetch_current(void *ctx, const void *after, bool backward, void *rows, int max,
			      int *n, csr_err *err)
{
	return csr_announcement_page(ctx, after, backward, rows, max, n, err);
}

static int64_t announcement_id_of(const void *row)
{
	return ((const csr_announcement *)row)->id;
}

static const tu_source current_source = { sizeof(csr_announcement), fetch_current,
					  announcement_id_of };

/* Inserts an announcement with its id as plain SQL; expires_in 0 = never. */
static void posted(tu_env *env, int64_t id, int64_t created_at, int64_t expires_in)
{
	int64_t expires = expires_in ? csr_now() + expires_in : 0;
	tu_sqlf(env, "INSERT INTO announcement (id, title, created_at, expires_at)"
		" VALUES (%lld, 'News %lld', %lld, nullif(%lld, 0))", (long long)id, (long long)id,
		(long long)created_at, (long long)expires);
}

/* Newest first, posts of the same second by id (newest first too), without
 * the expired ones, in pages of every size both ways. */
static void test_page_newest_first(void **state)
{
	tu_env *env = *state;
	int64_t t = csr_now() - 1000;
	posted(env, 1, t, 0);
	posted(env, 2, t - 100, 3600);
	posted(env, 3, t, -1); /* expired */
	posted(env, 4, t, 3600);
	posted(env, 5, t + 10, 0);
	posted(env, 6, t - 100, 0);
	posted(env, 7, t + 20, -3600); /* expired */
	const int64_t want[] = { 5, 4, 1, 6, 2 };
	for (int page = 1; page <= 6; page++)
		tu_assert_pages(&current_source, env->db, page, want, 5);
	int64_t count = -1;
	assert_int_equal(csr_announcement_count_current(env->db, &count, NULL), CSR_OK);
	assert_int_equal(count, 5);
}

static void test_page_empty_and_get(void **state)
{
	tu_env *env = *state;
	tu_assert_pages(&current_source, env->db, 2, NULL, 0);
	int64_t count = -1;
	assert_int_equal(csr_announcement_count_current(env->db, &count, NULL), CSR_OK);
	assert_int_equal(count, 0);

	int64_t lead = tu_volunteer(env, "L1", "Lead Lee");
	tu_act(env, CSR_ROLE_LEAD, lead);
	csr_announcement a = news("Blood drive on Friday", csr_now() + 60), got;
	csr_err err;
	assert_int_equal(csr_announcement_post(env->db, &a, &err), CSR_OK);
	tu_sqlf(env, "UPDATE announcement SET expires_at = 1 WHERE id = %lld", (long long)a.id);
	assert_int_equal(csr_announcement_get(env->db, a.id, &got, &err), CSR_OK); /* expired */
	assert_int_equal(got.id, a.id);
	assert_string_equal(got.title, "Blood drive on Friday");
	assert_string_equal(got.body, "Meet at the main entrance at 9:00.");
	assert_int_equal(got.author_id, lead);
	assert_int_equal(got.created_at, a.created_at);
	assert_int_equal(got.expires_at, 1);
	expect_err(csr_announcement_get(env->db, a.id + 1, &got, &err), &err, CSR_ENOTFOUND,
		   "There is no announcement");
}

static void test_page_seeks(void **state)
{
	tu_env *env = *state;
	posted(env, 1, csr_now(), 0);
	csr_announcement rows[2], key;
	int n;
	int64_t count;
	assert_int_equal(csr_announcement_get(env->db, 1, &key, NULL), CSR_OK);
	tu_plan_start(env);
	assert_int_equal(csr_announcement_page(env->db, NULL, false, rows, 2, &n, NULL), CSR_OK);
	assert_int_equal(csr_announcement_page(env->db, &key, false, rows, 2, &n, NULL), CSR_OK);
	tu_assert_seeks(env, "announcement_by_created (created_at<?)");
	tu_plan_start(env);
	assert_int_equal(csr_announcement_page(env->db, &key, true, rows, 2, &n, NULL), CSR_OK);
	tu_assert_seeks(env, "announcement_by_created (created_at>?)");
	tu_plan_start(env);
	assert_int_equal(csr_announcement_count_current(env->db, &count, NULL), CSR_OK);
	tu_assert_seeks(env, "announcement_by_expiry (expires_at>?)");
}

#define T(f) cmocka_unit_test_setup_teardown(f, tu_setup, tu_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_lead_posts),
		T(test_agent_refused),
		T(test_validation),
		T(test_current_newest_first_without_expired),
		T(test_remove),
		T(test_page_newest_first),
		T(test_page_empty_and_get),
		T(test_page_seeks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
