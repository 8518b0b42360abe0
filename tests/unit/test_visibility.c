/* SPDX-License-Identifier: MIT */
/* Private categories: agents learn how many signed up, never who; team
 * leads and admins see names. The data layer refuses every list of places
 * (and a search, which would tell who) to an agent. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "csrdesk/config.h"
#include "csrdesk/signup.h"
#include "csrdesk/visibility.h"
#include "testutil.h"

/* An initiative in health (made private here, as the demo's config does)
 * with three people signed up; its id. */
static int64_t private_drive(tu_env *env)
{
	csr_category *health = (csr_category *)csr_config_category(env->cfg, "health");
	assert_non_null(health);
	health->is_private = true;
	csr_category *education = (csr_category *)csr_config_category(env->cfg, "education");
	education->is_private = false;
	int64_t ini = tu_initiative(env, "Blood drive", 48, 10);
	tu_sqlf(env, "UPDATE initiative SET category = 'health' WHERE id = %lld", (long long)ini);
	const char *names[] = { "Anna Berg", "Ben Kaya", "Clara Holm" };
	for (int i = 0; i < 3; i++) {
		char id[16];
		snprintf(id, sizeof id, "E%d", i + 1);
		int64_t v = tu_volunteer(env, id, names[i]);
		assert_int_equal(csr_signup_add(env->db, ini, v, NULL, NULL), CSR_OK);
	}
	return ini;
}

static void test_agent_sees_count_not_names(void **state)
{
	tu_env *env = *state;
	int64_t ini = private_drive(env);
	tu_act(env, CSR_ROLE_AGENT, 0);
	assert_false(csr_may_see_names(env->db, "health"));
	assert_true(csr_may_see_names(env->db, "education"));
	assert_true(csr_may_see_names(env->db, "no-longer-defined"));
	bool may = true;
	csr_err err;
	assert_int_equal(csr_may_see_names_on(env->db, ini, &may, &err), CSR_OK);
	assert_false(may);
	int64_t count = 0;
	assert_int_equal(csr_signup_count_initiative(env->db, ini, NULL, &count, &err), CSR_OK);
	assert_int_equal(count, 3);
	/* a search would tell whether Anna signed up */
	assert_int_equal(csr_signup_count_initiative(env->db, ini, "Anna", &count, &err),
			 CSR_EDENIED);
	csr_signup rows[4];
	int n = -1;
	assert_int_equal(csr_signup_page_initiative(env->db, ini, NULL, NULL, false, rows, 4, &n,
						    &err), CSR_EDENIED);
	assert_int_equal(n, 0);
	assert_non_null(strstr(err.msg, "private"));
	assert_int_equal(csr_signup_list_initiative(env->db, ini, 0, rows, 4, &n, &err),
			 CSR_EDENIED);
	assert_int_equal(csr_may_see_names_on(env->db, ini + 99, &may, &err), CSR_ENOTFOUND);
}

static void test_leads_and_admins_see_names(void **state)
{
	tu_env *env = *state;
	int64_t ini = private_drive(env);
	for (csr_role role = CSR_ROLE_LEAD; role <= CSR_ROLE_ADMIN; role++) {
		tu_act(env, role, 0);
		assert_true(csr_may_see_names(env->db, "health"));
		csr_signup rows[4];
		int n = 0;
		csr_err err;
		assert_int_equal(csr_signup_page_initiative(env->db, ini, NULL, NULL, false, rows, 4,
							    &n, &err), CSR_OK);
		assert_int_equal(n, 3);
		assert_string_equal(rows[0].name, "Anna Berg");
		assert_int_equal(csr_require_names_on(env->db, ini, &err), CSR_OK);
	}
}

/* Another category's places: agents see them as before. */
static void test_other_categories_unchanged(void **state)
{
	tu_env *env = *state;
	private_drive(env);
	int64_t open_one = tu_initiative(env, "Mentoring", 48, 10);
	int64_t v = tu_volunteer(env, "E9", "Dora Linde");
	assert_int_equal(csr_signup_add(env->db, open_one, v, NULL, NULL), CSR_OK);
	tu_act(env, CSR_ROLE_AGENT, 0);
	csr_signup rows[2];
	int n = 0;
	assert_int_equal(csr_signup_page_initiative(env->db, open_one, NULL, NULL, false, rows, 2,
						    &n, NULL), CSR_OK);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].name, "Dora Linde");
}

#define T(f) cmocka_unit_test_setup_teardown(f, tu_setup, tu_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_agent_sees_count_not_names),
		T(test_leads_and_admins_see_names),
		T(test_other_categories_unchanged),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
