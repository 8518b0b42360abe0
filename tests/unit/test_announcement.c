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

#define T(f) cmocka_unit_test_setup_teardown(f, tu_setup, tu_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_lead_posts),
		T(test_agent_refused),
		T(test_validation),
		T(test_current_newest_first_without_expired),
		T(test_remove),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
