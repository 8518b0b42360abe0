/* SPDX-License-Identifier: MIT */
/* The B4SI figures' parts: management time (leads only, audited), hours
 * taking the initiative's own-time default, and time with no rate (or a
 * rate of 0, the config's "not set") named by site instead of counted as
 * worth 0. The whole figures from fixed data: tests/e2e/cli_b4si.sh. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "csrdesk/clock.h"
#include "csrdesk/contribution.h"
#include "csrdesk/hours.h"
#include "csrdesk/management.h"
#include "csrdesk/signup.h"
#include "testutil.h"

static int64_t yesterday(void)
{
	return csr_day_start(csr_now() - 86400);
}

/* A volunteer at site. */
static int64_t person(tu_env *env, const char *employee_id, const char *site)
{
	int64_t id = tu_volunteer(env, employee_id, employee_id);
	tu_sqlf(env, "UPDATE volunteer SET site = '%s' WHERE id = %lld", site, (long long)id);
	return id;
}

static void test_management_refused_to_agents(void **state)
{
	tu_env *env = *state;
	int64_t me = person(env, "E1", "Berlin");
	tu_act(env, CSR_ROLE_AGENT, me);
	csr_management_time m = { .volunteer_id = me, .worked_on = yesterday(), .minutes = 60 };
	csr_err err;
	assert_int_equal(csr_management_log(env->db, &m, &err), CSR_EDENIED);
	int n = -1;
	csr_management_time rows[2];
	assert_int_equal(csr_management_list(env->db, 0, rows, 2, &n, &err), CSR_EDENIED);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM management_time"), 0);
}

static void test_management_log_audited_and_listed(void **state)
{
	tu_env *env = *state;
	int64_t lea = person(env, "E5", "Berlin");
	tu_act(env, CSR_ROLE_LEAD, lea);
	csr_management_time m = { .volunteer_id = lea, .worked_on = yesterday() - 86400,
				  .minutes = 90, .note = "planning" };
	csr_err err;
	assert_int_equal(csr_management_log(env->db, &m, &err), CSR_OK);
	m = (csr_management_time){ .volunteer_id = lea, .worked_on = yesterday(), .minutes = 30 };
	assert_int_equal(csr_management_log(env->db, &m, &err), CSR_OK);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit WHERE action = 'management.log'"
			       " AND entity = 'management_time'"), 2);
	m = (csr_management_time){ .volunteer_id = lea, .worked_on = csr_now() + 2 * 86400,
				   .minutes = 30 };
	assert_int_equal(csr_management_log(env->db, &m, &err), CSR_EINVAL);
	m.worked_on = yesterday();
	m.minutes = 24 * 60 + 1;
	assert_int_equal(csr_management_log(env->db, &m, &err), CSR_EINVAL);
	csr_management_time rows[4];
	int n = 0;
	assert_int_equal(csr_management_list(env->db, 0, rows, 4, &n, &err), CSR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].minutes, 30); /* newest first */
	assert_string_equal(rows[1].note, "planning");
	assert_string_equal(rows[1].employee_id, "E5");
}

static void test_hours_take_the_initiatives_default(void **state)
{
	tu_env *env = *state;
	int64_t ada = person(env, "E1", "Berlin");
	int64_t gala = tu_initiative(env, "Gala", -48, 10);
	tu_sqlf(env, "UPDATE initiative SET own_time = 1 WHERE id = %lld", (long long)gala);
	csr_err err;
	csr_hours h = { .volunteer_id = ada, .initiative_id = gala, .worked_on = yesterday(),
			.minutes = 60 };
	assert_int_equal(csr_hours_log(env->db, &h, &err), CSR_OK);
	assert_int_equal(h.time, CSR_TIME_OWN);
	h = (csr_hours){ .volunteer_id = ada, .initiative_id = gala, .worked_on = yesterday(),
			 .minutes = 60, .time = CSR_TIME_COMPANY };
	assert_int_equal(csr_hours_log(env->db, &h, &err), CSR_OK);
	h = (csr_hours){ .volunteer_id = ada, .worked_on = yesterday(), .minutes = 60 };
	assert_int_equal(csr_hours_log(env->db, &h, &err), CSR_OK);
	assert_int_equal(h.time, CSR_TIME_COMPANY); /* tied to none */
	assert_int_equal(tu_scalar(env, "SELECT group_concat(own_time, '') FROM"
			       " (SELECT own_time FROM hours ORDER BY id)"), 100);
	csr_hours back;
	assert_int_equal(csr_hours_get(env->db, 1, &back, &err), CSR_OK);
	assert_int_equal(back.time, CSR_TIME_OWN);
}

/* Hours that attendance records (a walk-in, a place marked attended) take
 * the initiative's own-time default too. */
static void test_attendance_hours_take_the_initiatives_default(void **state)
{
	tu_env *env = *state;
	int64_t lea = person(env, "E5", "Berlin"), ada = person(env, "E1", "Berlin"),
		bo = person(env, "E2", "Berlin");
	int64_t gala = tu_initiative(env, "Gala", -48, 10);
	int64_t run = tu_initiative(env, "Run", -24, 10);
	tu_sqlf(env, "UPDATE initiative SET own_time = 1 WHERE id = %lld", (long long)gala);
	tu_act(env, CSR_ROLE_LEAD, lea);
	csr_err err;
	assert_int_equal(csr_signup_walk_in(env->db, gala, ada, 0, &err), CSR_OK);
	assert_int_equal(csr_signup_walk_in(env->db, run, bo, 0, &err), CSR_OK);
	assert_int_equal(tu_scalar(env, "SELECT group_concat(own_time, '') FROM"
			       " (SELECT own_time FROM hours ORDER BY initiative_id)"), 10);
}

/* The built-in config's one rate is 0 (not set): every hour is named, none
 * worth 0 EUR; a management rate of 0 beside an hourly rate likewise. */
static void test_time_without_a_rate_is_named(void **state)
{
	tu_env *env = *state;
	int64_t ada = person(env, "E1", "Berlin"), bo = person(env, "E2", "");
	tu_sqlf(env, "INSERT INTO hours (volunteer_id, worked_on, minutes, status, created_at,"
		" own_time) VALUES (%lld, %lld, 120, 'approved', 0, 0), (%lld, %lld, 60,"
		" 'approved', 0, 0), (%lld, %lld, 600, 'approved', 0, 1)", (long long)ada,
		(long long)yesterday(), (long long)bo, (long long)yesterday(), (long long)ada,
		(long long)yesterday());
	tu_sqlf(env, "INSERT INTO management_time (volunteer_id, worked_on, minutes, created_at)"
		" VALUES (%lld, %lld, 30, 0)", (long long)ada, (long long)yesterday());
	csr_period p = { .from = yesterday(), .to = yesterday() + 86400 };
	csr_contribution c;
	csr_err err;
	assert_int_equal(csr_contribution_compute(env->db, &p, NULL, &c, &err), CSR_OK);
	assert_int_equal(c.company.minutes, 180);
	assert_int_equal(c.company.unrated_minutes, 180);
	assert_true(c.company.value == 0);
	assert_int_equal(c.company.nunrated, 2);
	assert_int_equal(c.own_minutes, 600); /* own time needs no rate */
	assert_int_equal(c.management.unrated_minutes, 30);

	env->cfg->rates[0].hourly = 40; /* the management rate stays 0 */
	assert_int_equal(csr_contribution_compute(env->db, &p, NULL, &c, &err), CSR_OK);
	assert_int_equal(c.company.unrated_minutes, 0);
	assert_true(c.company.value == 120.0);
	assert_int_equal(c.management.unrated_minutes, 30);
	assert_string_equal(c.management.unrated_sites[0], "Berlin");
	assert_true(c.total == 120.0);
	assert_int_equal(c.sites, 1); /* Berlin; a person without a site is at none */
	assert_int_equal(c.sites_with_programme, 1);
}

/* The hours are read in one pass with everyone's site and every
 * initiative's category held by id (id_map.c): here the ids are sparse
 * (one set by hand far beyond the others), so they are held sorted and
 * searched. A site whose people only attended a place (their hours still
 * pending) has a programme too; a site of inactive people is no site; the
 * sites without a rate are named in byte order, whatever order the days
 * come in. */
static void test_one_pass_over_sparse_ids(void **state)
{
	tu_env *env = *state;
	int64_t ada = person(env, "E1", "Berlin"), bo = person(env, "E2", "Hamburg");
	int64_t cem = person(env, "E3", "Munich"), dora = person(env, "E4", "Cologne");
	person(env, "E5", "Zurich"); /* active, nothing done */
	long long far = 1000000000000LL;
	tu_sqlf(env, "UPDATE volunteer SET id = %lld WHERE id = %lld", far, (long long)bo);
	tu_sqlf(env, "UPDATE volunteer SET active = 0 WHERE id = %lld", (long long)dora);
	int64_t walk = tu_initiative(env, "Walk", -30, 10);
	tu_sqlf(env, "UPDATE initiative SET category = 'environment' WHERE id = %lld",
		(long long)walk);
	int64_t day = yesterday();
	tu_sqlf(env, "INSERT INTO hours (volunteer_id, initiative_id, worked_on, minutes, status,"
		" created_at, own_time) VALUES (%lld, %lld, %lld, 120, 'approved', 0, 0),"
		" (%lld, NULL, %lld, 60, 'approved', 0, 0), (%lld, NULL, %lld, 45, 'pending', 0, 0),"
		" (%lld, NULL, %lld, 30, 'approved', 0, 1)",
		(long long)ada, (long long)walk, (long long)day, far, (long long)(day - 86400),
		(long long)cem, (long long)day, (long long)dora, (long long)day);
	tu_sqlf(env, "INSERT INTO signup (initiative_id, volunteer_id, status, created_at,"
		" updated_at) VALUES (%lld, %lld, 'attended', 0, 0)", (long long)walk,
		(long long)cem);
	csr_period p = { .from = day - 2 * 86400, .to = day + 86400 };
	csr_contribution c;
	csr_err err;
	static const csr_figures counted; /* the Impact figures are not under test */
	tu_plan_start(env);
	assert_int_equal(csr_contribution_compute(env->db, &p, &counted, &c, &err), CSR_OK);
	const char *plan = tu_plan(env);
	if (!strstr(plan, "SEARCH h USING COVERING INDEX hours_by_status (status=? AND worked_on>?")
	    || !strstr(plan, "SCAN v USING COVERING INDEX volunteer_by_site\n")
	    || !strstr(plan, "SCAN i USING COVERING INDEX initiative_by_category\n")
	    || strstr(plan, "TEMP B-TREE FOR ORDER BY"))
		fail_msg("hours, people or initiatives not read from an index alone, in order:\n%s",
			 plan);
	assert_int_equal(c.company.minutes, 180);
	assert_int_equal(c.own_minutes, 30);
	assert_int_equal(c.company.nunrated, 2);
	assert_string_equal(c.company.unrated_sites[0], "Berlin");
	assert_string_equal(c.company.unrated_sites[1], "Hamburg");
	assert_int_equal(c.sites, 4); /* Berlin, Hamburg, Munich, Zurich */
	assert_int_equal(c.sites_with_programme, 3);
}

#define T(f) cmocka_unit_test_setup_teardown(f, tu_setup, tu_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_management_refused_to_agents),
		T(test_management_log_audited_and_listed),
		T(test_hours_take_the_initiatives_default),
		T(test_attendance_hours_take_the_initiatives_default),
		T(test_time_without_a_rate_is_named),
		T(test_one_pass_over_sparse_ids),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
