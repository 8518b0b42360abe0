/* SPDX-License-Identifier: MIT */
/* The demo data: its content and the rules it must keep. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "csrdesk/auth.h"
#include "csrdesk/demo.h"
#include "db_private.h"
#include "testutil.h"

static int populated_setup(void **state)
{
	tu_setup(state);
	tu_env *env = *state;
	csr_err err;
	if (csr_demo_populate(env->db, &err) != CSR_OK)
		fail_msg("populating the demo: %s", err.msg);
	return 0;
}

static void test_people(void **state)
{
	tu_env *env = *state;
	assert_true(tu_scalar(env, "SELECT count(*) FROM partner") >= 6);
	assert_true(tu_scalar(env, "SELECT count(*) FROM volunteer") >= 60);
	assert_int_equal(tu_scalar(env, "SELECT count(DISTINCT team) FROM volunteer"), 5);
	assert_true(tu_scalar(env, "SELECT count(DISTINCT site) FROM volunteer") >= 2);
	assert_true(tu_scalar(env, "SELECT count(*) FROM volunteer WHERE instr(name, 'ü')") > 0);
	assert_true(tu_scalar(env, "SELECT count(*) FROM volunteer WHERE instr(name, '王')") > 0);
	assert_true(tu_scalar(env, "SELECT count(*) FROM volunteer WHERE unix_user IS NOT NULL") > 0);
	int64_t inactive = tu_scalar(env, "SELECT count(*) FROM volunteer WHERE active = 0");
	assert_true(inactive >= 2 && inactive <= 3);
	/* Those who left keep their history but hold no upcoming place. */
	assert_true(tu_scalar(env, "SELECT count(*) FROM signup s JOIN volunteer v"
				   " ON v.id = s.volunteer_id WHERE v.active = 0") > 0);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM signup s"
					" JOIN volunteer v ON v.id = s.volunteer_id"
					" JOIN initiative i ON i.id = s.initiative_id"
					" WHERE v.active = 0 AND i.starts_at > unixepoch('now')"), 0);
	/* Nobody signed up before joining. */
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM signup s"
					" JOIN volunteer v ON v.id = s.volunteer_id"
					" WHERE s.created_at < v.created_at"), 0);
}

static void test_time_spread(void **state)
{
	tu_env *env = *state;
	assert_true(tu_scalar(env, "SELECT count(*) FROM initiative WHERE starts_at"
				   " BETWEEN unixepoch('now', '-365 days') AND unixepoch('now')") >= 12);
	assert_true(tu_scalar(env, "SELECT count(*) FROM initiative WHERE starts_at"
				   " BETWEEN unixepoch('now') AND unixepoch('now', '+62 days')") >= 5);
	assert_true(tu_scalar(env, "SELECT count(*) FROM initiative") >= 18);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM initiative"
					" WHERE starts_at < unixepoch('now', '-366 days')"
					" OR starts_at > unixepoch('now', '+62 days')"), 0);
	/* Nothing was recorded in the future. */
	assert_int_equal(tu_scalar(env, "SELECT (SELECT count(*) FROM signup"
					" WHERE max(created_at, updated_at) > unixepoch('now'))"
					" + (SELECT count(*) FROM hours WHERE created_at > unixepoch('now')"
					"    OR decided_at > unixepoch('now'))"
					" + (SELECT count(*) FROM impact WHERE recorded_at > unixepoch('now'))"
					" + (SELECT count(*) FROM feedback WHERE created_at > unixepoch('now'))"),
			 0);
}

static void test_initiative_statuses(void **state)
{
	tu_env *env = *state;
	assert_true(tu_scalar(env, "SELECT count(*) FROM initiative WHERE status = 'done'"
				   " AND ends_at < unixepoch('now')") >= 10);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM initiative WHERE status = 'cancelled'"
					" AND starts_at < unixepoch('now')"), 1);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM initiative WHERE status = 'draft'"
					" AND starts_at > unixepoch('now')"), 1);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM initiative WHERE status = 'closed'"
					" AND starts_at > unixepoch('now')"), 1);
	assert_true(tu_scalar(env, "SELECT count(*) FROM initiative WHERE status = 'open'"
				   " AND starts_at > unixepoch('now')") >= 3);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM initiative WHERE"
					" (status IN ('open', 'closed', 'draft') AND starts_at < unixepoch('now'))"
					" OR (status = 'done' AND starts_at > unixepoch('now'))"), 0);
	assert_true(tu_scalar(env, "SELECT count(DISTINCT partner_id) FROM initiative") >= 6);
}

static bool category_has_metric(const csr_config *cfg, const char *category, const char *metric)
{
	const csr_category *c = csr_config_category(cfg, category);
	for (int i = 0; c && i < c->nmetrics; i++)
		if (strcmp(cfg->metrics[c->metrics[i]].key, metric) == 0)
			return true;
	return false;
}

/* Every initiative's category is in the default config, and every goal and
 * impact record uses a metric of that category. */
static void test_categories_and_metrics(void **state)
{
	tu_env *env = *state;
	sqlite3 *s = csr_db_sqlite(env->db);
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(s,
		"SELECT i.category, NULL FROM initiative i"
		" UNION ALL SELECT i.category, g.metric FROM initiative_goal g"
		"  JOIN initiative i ON i.id = g.initiative_id"
		" UNION ALL SELECT i.category, m.metric FROM impact m"
		"  JOIN initiative i ON i.id = m.initiative_id", -1, &st, NULL), SQLITE_OK);
	int rows = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *category = (const char *)sqlite3_column_text(st, 0);
		const char *metric = (const char *)sqlite3_column_text(st, 1);
		if (!csr_config_category(env->cfg, category))
			fail_msg("category '%s' is not in the default config", category);
		if (metric && !category_has_metric(env->cfg, category, metric))
			fail_msg("metric '%s' is not one of category '%s'", metric, category);
		rows++;
	}
	sqlite3_finalize(st);
	assert_true(rows >= 18);
	assert_int_equal(tu_scalar(env, "SELECT count(DISTINCT category) FROM initiative"), 4);
}

static void test_waitlist(void **state)
{
	tu_env *env = *state;
	/* A full initiative whose waitlist arrived after every confirmed place. */
	assert_true(tu_scalar(env,
		"SELECT count(*) FROM initiative i WHERE starts_at > unixepoch('now')"
		" AND (SELECT count(*) FROM signup WHERE initiative_id = i.id"
		"      AND status = 'confirmed') = i.capacity"
		" AND (SELECT count(*) FROM signup WHERE initiative_id = i.id"
		"      AND status = 'waitlisted') >= 3"
		" AND (SELECT min(id) FROM signup WHERE initiative_id = i.id AND status = 'waitlisted')"
		"   > (SELECT max(id) FROM signup WHERE initiative_id = i.id AND status = 'confirmed')")
		>= 1);
	/* Nobody waits for an initiative that still has room. */
	assert_int_equal(tu_scalar(env,
		"SELECT count(*) FROM initiative i WHERE EXISTS (SELECT 1 FROM signup"
		"  WHERE initiative_id = i.id AND status = 'waitlisted')"
		" AND (SELECT count(*) FROM signup WHERE initiative_id = i.id"
		"      AND status = 'confirmed') < i.capacity"), 0);
}

static void test_no_overlapping_places(void **state)
{
	tu_env *env = *state;
	assert_int_equal(tu_scalar(env,
		"SELECT count(*) FROM signup a"
		" JOIN signup b ON b.volunteer_id = a.volunteer_id AND b.id > a.id"
		" JOIN initiative ia ON ia.id = a.initiative_id"
		" JOIN initiative ib ON ib.id = b.initiative_id"
		" WHERE a.status IN ('confirmed', 'attended') AND b.status IN ('confirmed', 'attended')"
		" AND ia.starts_at < ib.ends_at AND ib.starts_at < ia.ends_at"), 0);
	/* The check above bites: two overlapping initiatives both have people. */
	assert_true(tu_scalar(env,
		"SELECT count(*) FROM initiative a JOIN initiative b ON b.id > a.id"
		" WHERE a.starts_at < b.ends_at AND b.starts_at < a.ends_at"
		" AND EXISTS (SELECT 1 FROM signup WHERE initiative_id = a.id AND status = 'attended')"
		" AND EXISTS (SELECT 1 FROM signup WHERE initiative_id = b.id AND status = 'attended')")
		>= 1);
}

static void test_places_fit(void **state)
{
	tu_env *env = *state;
	assert_int_equal(tu_scalar(env,
		"SELECT count(*) FROM initiative i WHERE (SELECT count(*) FROM signup"
		"  WHERE initiative_id = i.id AND status IN ('confirmed', 'attended', 'no-show'))"
		" > i.capacity"), 0);
	/* Past places were marked; upcoming ones were not; draft and cancelled hold none. */
	assert_int_equal(tu_scalar(env,
		"SELECT count(*) FROM signup s JOIN initiative i ON i.id = s.initiative_id"
		" WHERE (i.status = 'done' AND s.status IN ('confirmed', 'waitlisted'))"
		" OR (i.starts_at > unixepoch('now') AND s.status IN ('attended', 'no-show'))"
		" OR (i.status IN ('draft', 'cancelled') AND s.status <> 'cancelled')"), 0);
	assert_true(tu_scalar(env, "SELECT count(*) FROM signup WHERE status = 'attended'") >= 100);
	assert_true(tu_scalar(env, "SELECT count(*) FROM signup WHERE status = 'no-show'") >= 5);
	assert_true(tu_scalar(env, "SELECT count(*) FROM signup WHERE status = 'cancelled'") >= 3);
	assert_true(tu_scalar(env, "SELECT count(*) FROM signup WHERE status = 'confirmed'") >= 30);
}

static void test_feedback(void **state)
{
	tu_env *env = *state;
	assert_true(tu_scalar(env, "SELECT count(*) FROM feedback") >= 30);
	assert_true(tu_scalar(env, "SELECT count(*) FROM feedback WHERE comment <> ''") >= 5);
	assert_int_equal(tu_scalar(env,
		"SELECT count(*) FROM feedback f WHERE NOT EXISTS (SELECT 1 FROM signup s"
		" WHERE s.initiative_id = f.initiative_id AND s.volunteer_id = f.volunteer_id"
		" AND s.status = 'attended')"), 0);
	assert_true(tu_scalar(env, "SELECT min(rating) FROM feedback") <= 2);
	assert_int_equal(tu_scalar(env, "SELECT max(rating) FROM feedback"), 5);
}

static void test_hours(void **state)
{
	tu_env *env = *state;
	assert_true(tu_scalar(env, "SELECT count(*) FROM hours WHERE status = 'approved'") >= 50);
	assert_true(tu_scalar(env, "SELECT count(*) FROM hours WHERE status = 'pending'") >= 2);
	assert_true(tu_scalar(env, "SELECT count(*) FROM hours WHERE status = 'rejected'") >= 1);
	/* Hours for an initiative only from those who attended, as long as it lasted. */
	assert_int_equal(tu_scalar(env,
		"SELECT count(*) FROM hours h JOIN initiative i ON i.id = h.initiative_id"
		" WHERE h.minutes <> (i.ends_at - i.starts_at) / 60 OR NOT EXISTS (SELECT 1"
		"  FROM signup s WHERE s.initiative_id = h.initiative_id"
		"  AND s.volunteer_id = h.volunteer_id AND s.status = 'attended')"), 0);
	assert_int_equal(tu_scalar(env,
		"SELECT count(*) FROM signup s WHERE s.status = 'attended' AND NOT EXISTS"
		" (SELECT 1 FROM hours h WHERE h.initiative_id = s.initiative_id"
		"  AND h.volunteer_id = s.volunteer_id AND h.status <> 'rejected')"), 0);
	/* Decided hours name who decided; pending ones do not. */
	assert_int_equal(tu_scalar(env,
		"SELECT count(*) FROM hours WHERE (status = 'pending') <> (decided_by IS NULL)"
		" OR (status = 'pending') <> (decided_at IS NULL)"), 0);
}

static void test_impact(void **state)
{
	tu_env *env = *state;
	assert_true(tu_scalar(env, "SELECT count(DISTINCT metric) FROM impact") >= 5);
	assert_int_equal(tu_scalar(env,
		"SELECT count(*) FROM impact m JOIN initiative i ON i.id = m.initiative_id"
		" WHERE i.status <> 'done'"), 0);
	const char *totals =
		"WITH t AS (SELECT g.target, (SELECT total(value) FROM impact"
		"  WHERE initiative_id = g.initiative_id AND metric = g.metric) AS got"
		" FROM initiative_goal g JOIN initiative i ON i.id = g.initiative_id"
		" WHERE i.status = 'done') ";
	char sql[512];
	snprintf(sql, sizeof sql, "%sSELECT count(*) FROM t WHERE got >= target", totals);
	assert_true(tu_scalar(env, sql) >= 3);
	snprintf(sql, sizeof sql, "%sSELECT count(*) FROM t WHERE got < target", totals);
	assert_true(tu_scalar(env, sql) >= 2);
}

static void test_announcements(void **state)
{
	tu_env *env = *state;
	assert_true(tu_scalar(env, "SELECT count(*) FROM announcement WHERE expires_at IS NULL"
				   " OR expires_at > unixepoch('now')") >= 2);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM announcement"
					" WHERE expires_at < unixepoch('now')"), 1);
}

/* Text fits the fixed buffers of the API structs (bytes, with the NUL). */
static void test_text_fits(void **state)
{
	tu_env *env = *state;
	assert_int_equal(tu_scalar(env,
		"SELECT count(*) FROM volunteer WHERE length(CAST(name AS BLOB)) >= 128"
		" OR length(CAST(email AS BLOB)) >= 128 OR length(CAST(skills AS BLOB)) >= 256"
		" OR length(CAST(team AS BLOB)) >= 64 OR length(CAST(site AS BLOB)) >= 64"), 0);
	assert_int_equal(tu_scalar(env,
		"SELECT count(*) FROM partner WHERE length(CAST(notes AS BLOB)) >= 256"
		" OR length(CAST(name AS BLOB)) >= 128"), 0);
	assert_int_equal(tu_scalar(env,
		"SELECT count(*) FROM initiative WHERE length(CAST(title AS BLOB)) >= 160"
		" OR length(CAST(location AS BLOB)) >= 160"
		" OR length(CAST(description AS BLOB)) >= 2048"), 0);
	assert_int_equal(tu_scalar(env,
		"SELECT (SELECT count(*) FROM impact WHERE length(CAST(note AS BLOB)) >= 256)"
		" + (SELECT count(*) FROM hours WHERE length(CAST(note AS BLOB)) >= 256)"
		" + (SELECT count(*) FROM announcement WHERE length(CAST(body AS BLOB)) >= 1024)"),
		0);
}

static void test_audited_and_refused_twice(void **state)
{
	tu_env *env = *state;
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit"
					" WHERE action = 'demo.populate'"), 1);
	int64_t before = tu_scalar(env, "SELECT count(*) FROM signup");
	csr_err err;
	assert_int_equal(csr_demo_populate(env->db, &err), CSR_EREFUSED);
	assert_non_null(strstr(err.msg, "empty database"));
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM signup"), before);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit"
					" WHERE action = 'demo.populate'"), 1);
}

static void test_refused_for_agent_and_lead(void **state)
{
	tu_env *env = *state;
	csr_err err;
	tu_act(env, CSR_ROLE_AGENT, 0);
	assert_int_equal(csr_demo_populate(env->db, &err), CSR_EDENIED);
	tu_act(env, CSR_ROLE_LEAD, 0);
	assert_int_equal(csr_demo_populate(env->db, &err), CSR_EDENIED);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM volunteer"), 0);
	tu_act(env, CSR_ROLE_ADMIN, 0);
	assert_int_equal(csr_demo_populate(env->db, &err), CSR_OK);
	assert_true(tu_scalar(env, "SELECT count(*) FROM volunteer") >= 60);
}

static void test_refused_with_volunteers(void **state)
{
	tu_env *env = *state;
	tu_volunteer(env, "E9001", "Already Here");
	csr_err err;
	assert_int_equal(csr_demo_populate(env->db, &err), CSR_EREFUSED);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM volunteer"), 1);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM partner"), 0);
}

/* A failure half-way leaves nothing behind: one transaction. */
static void test_failure_rolls_back(void **state)
{
	tu_env *env = *state;
	tu_scalar(env, "INSERT INTO partner (id, name) VALUES (9, 'In the way')");
	csr_err err;
	assert_int_equal(csr_demo_populate(env->db, &err), CSR_EDB);
	assert_non_null(strstr(err.msg, "loading the demo data"));
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM volunteer"), 0);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM partner"), 1);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit"), 0);
}

/* The README's demo kiosk: E1001 to E1060 sign in with the demo PIN, E1061
 * to E1066 choose one with the demo activation code. */
static void test_demo_kiosk(void **state)
{
	tu_env *env = *state;
	csr_actor a;
	bool needs_pin;
	csr_err err = { 0 };
	tu_act(env, CSR_ROLE_AGENT, 0);
	static const char *const with_pin[] = { "E1001", "E1030", "E1060" };
	for (size_t i = 0; i < sizeof with_pin / sizeof with_pin[0]; i++)
		if (csr_auth_kiosk(env->db, with_pin[i], "123456", &a, &needs_pin, &err) != CSR_OK)
			fail_msg("%s with the demo PIN: %s", with_pin[i], err.msg);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM volunteer WHERE pin_hash IS NULL"
				   " AND active = 1"), 6);
	assert_int_equal(csr_auth_kiosk(env->db, "E1061", "123456", &a, &needs_pin, &err),
			 CSR_ENOTFOUND);
	assert_true(needs_pin);
	assert_int_equal(csr_auth_check_activation(env->db, "E1066", "1234-5678-9012", &err),
			 CSR_OK);
	if (csr_auth_set_pin_with_code(env->db, "E1061", "1234 5678 9012", "654321", &err) !=
	    CSR_OK)
		fail_msg("E1061 with the demo code: %s", err.msg);
	assert_int_equal(csr_auth_kiosk(env->db, "E1061", "654321", &a, &needs_pin, &err), CSR_OK);
}

int main(void)
{
	const struct CMUnitTest populated[] = {
		cmocka_unit_test(test_people),
		cmocka_unit_test(test_time_spread),
		cmocka_unit_test(test_initiative_statuses),
		cmocka_unit_test(test_categories_and_metrics),
		cmocka_unit_test(test_waitlist),
		cmocka_unit_test(test_no_overlapping_places),
		cmocka_unit_test(test_places_fit),
		cmocka_unit_test(test_feedback),
		cmocka_unit_test(test_hours),
		cmocka_unit_test(test_impact),
		cmocka_unit_test(test_announcements),
		cmocka_unit_test(test_text_fits),
		cmocka_unit_test(test_audited_and_refused_twice),
	};
	const struct CMUnitTest fresh[] = {
		cmocka_unit_test_setup_teardown(test_refused_for_agent_and_lead, tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(test_refused_with_volunteers, tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(test_failure_rolls_back, tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(test_demo_kiosk, populated_setup, tu_teardown),
	};
	int failed = cmocka_run_group_tests_name("demo, populated", populated, populated_setup,
						 tu_teardown);
	return failed + cmocka_run_group_tests_name("demo, fresh", fresh, NULL, NULL);
}
