/* SPDX-License-Identifier: MIT */
/* Feedback: only after attending, self or lead, ratings 1-5, one per person. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "csrdesk/feedback.h"
#include "testutil.h"

static void expect_err(csr_code rc, const csr_err *err, csr_code code, const char *needle)
{
	assert_int_equal(rc, code);
	assert_int_equal(err->code, code);
	if (!strstr(err->msg, needle))
		fail_msg("message '%s' does not say '%s'", err->msg, needle);
}

static void add_signup(tu_env *env, int64_t initiative, int64_t vid, const char *status)
{
	char sql[256];
	snprintf(sql, sizeof sql,
		 "INSERT INTO signup (initiative_id, volunteer_id, status, created_at, updated_at)"
		 " VALUES (%lld, %lld, '%s', 0, 0)", (long long)initiative, (long long)vid, status);
	tu_scalar(env, sql);
}

static csr_feedback rating(int64_t initiative, int64_t vid, int stars, const char *comment)
{
	csr_feedback fb = { .initiative_id = initiative, .volunteer_id = vid, .rating = stars };
	snprintf(fb.comment, sizeof fb.comment, "%s", comment);
	return fb;
}

static void test_attendee_rates_own(void **state)
{
	tu_env *env = *state;
	int64_t ada = tu_volunteer(env, "E1", "Ada");
	int64_t run = tu_initiative(env, "Charity run", -48, 10);
	add_signup(env, run, ada, "attended");
	tu_act(env, CSR_ROLE_AGENT, ada);
	csr_feedback fb = rating(run, ada, 5, "Great day, well organised");
	csr_err err;
	assert_int_equal(csr_feedback_give(env->db, &fb, &err), CSR_OK);
	assert_true(fb.id > 0);
	assert_true(fb.created_at > 0);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM feedback WHERE rating = 5"
				   " AND comment = 'Great day, well organised'"), 1);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit WHERE action = 'feedback.give'"
				   " AND entity = 'feedback' AND actor = 'test:agent'"), 1);
}

static void test_only_after_attending(void **state)
{
	tu_env *env = *state;
	int64_t ada = tu_volunteer(env, "E1", "Ada");
	int64_t run = tu_initiative(env, "Charity run", -48, 10);
	int64_t other = tu_initiative(env, "Blood drive", -24, 10);
	add_signup(env, run, ada, "confirmed");
	add_signup(env, other, ada, "attended"); /* attended something else */
	tu_act(env, CSR_ROLE_AGENT, ada);
	csr_feedback fb = rating(run, ada, 4, "");
	csr_err err;
	expect_err(csr_feedback_give(env->db, &fb, &err), &err, CSR_EREFUSED,
		   "You can rate an initiative only after attending it");
	/* leads cannot rate for someone who did not attend either */
	tu_act(env, CSR_ROLE_LEAD, 0);
	expect_err(csr_feedback_give(env->db, &fb, &err), &err, CSR_EREFUSED, "after attending");
	tu_scalar(env, "UPDATE signup SET status = 'no-show'");
	fb.initiative_id = other;
	expect_err(csr_feedback_give(env->db, &fb, &err), &err, CSR_EREFUSED, "after attending");
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM feedback"), 0);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit"), 0);
}

static void test_agent_refused_for_someone_else(void **state)
{
	tu_env *env = *state;
	int64_t ada = tu_volunteer(env, "E1", "Ada");
	int64_t bea = tu_volunteer(env, "E2", "Bea");
	int64_t run = tu_initiative(env, "Charity run", -48, 10);
	add_signup(env, run, bea, "attended");
	tu_act(env, CSR_ROLE_AGENT, ada);
	csr_feedback fb = rating(run, bea, 1, "");
	csr_err err;
	expect_err(csr_feedback_give(env->db, &fb, &err), &err, CSR_EDENIED, "yourself");
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM feedback"), 0);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit"), 0);

	/* a lead may enter it for her (a paper form, say) */
	tu_act(env, CSR_ROLE_LEAD, 0);
	assert_int_equal(csr_feedback_give(env->db, &fb, &err), CSR_OK);
	assert_int_equal(tu_scalar(env, "SELECT volunteer_id FROM feedback"), bea);
}

static void test_rating_range_and_comment_length(void **state)
{
	tu_env *env = *state;
	int64_t ada = tu_volunteer(env, "E1", "Ada");
	int64_t run = tu_initiative(env, "Charity run", -48, 10);
	add_signup(env, run, ada, "attended");
	csr_err err;
	int bad[] = { 0, 6, -1 };
	for (size_t i = 0; i < 3; i++) {
		csr_feedback fb = rating(run, ada, bad[i], "");
		expect_err(csr_feedback_give(env->db, &fb, &err), &err, CSR_EINVAL,
			   "Rating must be a whole number from 1 to 5");
	}
	csr_feedback fb = rating(run, ada, 3, "");
	memset(fb.comment, 'c', sizeof fb.comment);
	expect_err(csr_feedback_give(env->db, &fb, &err), &err, CSR_EINVAL, "Comment is too long");
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM feedback"), 0);
	fb = rating(run, ada, 1, "");
	assert_int_equal(csr_feedback_give(env->db, &fb, &err), CSR_OK);
}

static void test_initiative_must_exist(void **state)
{
	tu_env *env = *state;
	int64_t ada = tu_volunteer(env, "E1", "Ada");
	csr_feedback fb = rating(999, ada, 3, "");
	csr_err err;
	expect_err(csr_feedback_give(env->db, &fb, &err), &err, CSR_ENOTFOUND,
		   "There is no initiative 999");
}

static void test_giving_again_edits(void **state)
{
	tu_env *env = *state;
	int64_t ada = tu_volunteer(env, "E1", "Ada");
	int64_t run = tu_initiative(env, "Charity run", -48, 10);
	add_signup(env, run, ada, "attended");
	tu_act(env, CSR_ROLE_AGENT, ada);
	csr_feedback first = rating(run, ada, 2, "Too cold");
	csr_err err;
	assert_int_equal(csr_feedback_give(env->db, &first, &err), CSR_OK);
	tu_scalar(env, "UPDATE feedback SET created_at = 1000"); /* as if given long ago */
	csr_feedback again = rating(run, ada, 4, "Thinking back, it was good");
	assert_int_equal(csr_feedback_give(env->db, &again, &err), CSR_OK);
	assert_int_equal(again.id, first.id);
	assert_int_equal(again.created_at, 1000);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM feedback"), 1);
	assert_int_equal(tu_scalar(env, "SELECT rating FROM feedback"), 4);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM feedback"
				   " WHERE comment = 'Thinking back, it was good'"), 1);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit WHERE action = 'feedback.give'"),
			 2);
	csr_feedback mine;
	assert_int_equal(csr_feedback_get(env->db, run, ada, &mine, &err), CSR_OK);
	assert_int_equal(mine.rating, 4);
	assert_string_equal(mine.comment, "Thinking back, it was good");
	assert_int_equal(csr_feedback_get(env->db, run, ada + 1, &mine, &err), CSR_ENOTFOUND);
}

static void test_list_newest_first(void **state)
{
	tu_env *env = *state;
	int64_t run = tu_initiative(env, "Charity run", -48, 10);
	int64_t other = tu_initiative(env, "Blood drive", -24, 10);
	csr_err err;
	for (int i = 1; i <= 4; i++) {
		char eid[8];
		snprintf(eid, sizeof eid, "E%d", i);
		int64_t vid = tu_volunteer(env, eid, eid);
		add_signup(env, run, vid, "attended");
		csr_feedback fb = rating(run, vid, i, eid);
		assert_int_equal(csr_feedback_give(env->db, &fb, &err), CSR_OK);
	}
	int64_t ada = tu_volunteer(env, "E9", "Ada");
	add_signup(env, other, ada, "attended");
	csr_feedback fb = rating(other, ada, 5, "");
	assert_int_equal(csr_feedback_give(env->db, &fb, &err), CSR_OK);

	csr_feedback rows[3];
	int n;
	assert_int_equal(csr_feedback_list(env->db, run, 0, rows, 3, &n, &err), CSR_OK);
	assert_int_equal(n, 3);
	assert_int_equal(rows[0].rating, 4); /* the latest given */
	assert_string_equal(rows[0].comment, "E4");
	assert_int_equal(rows[2].rating, 2);
	assert_int_equal(rows[0].initiative_id, run);
	assert_int_equal(csr_feedback_list(env->db, run, 3, rows, 3, &n, &err), CSR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].rating, 1);
	assert_int_equal(csr_feedback_list(env->db, other, 0, rows, 3, &n, &err), CSR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].volunteer_id, ada);
}

#define T(f) cmocka_unit_test_setup_teardown(f, tu_setup, tu_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_attendee_rates_own),
		T(test_only_after_attending),
		T(test_agent_refused_for_someone_else),
		T(test_rating_range_and_comment_length),
		T(test_initiative_must_exist),
		T(test_giving_again_edits),
		T(test_list_newest_first),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
