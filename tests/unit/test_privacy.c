/* SPDX-License-Identifier: MIT */
/* Privacy of the figures (issue 14): with privacy { min_group = 5 } no
 * figure is drawn from fewer than five people. A real SQLite file and a
 * config text of its own:
 *
 * volunteers  1-8 team Big, site North       9-11 team Small, site North
 *             12 team Small, LEFT (not counted: 3 active)
 *             13-18 team Mid, site South
 * initiatives 1 "Woods" category big 2025-03-10: 1-8 attended, 60 min each
 *             2 "Clinic" category small 2025-04-10: 13-16 attended, 30 min
 *               each (a category of 4 people)
 *             3 "Fair" category mid 2025-04-20: 9-11 attended, 25 min each
 *               on 04-20, 13-15 attended, 25 min each on 05-10 (6 people)
 *             trees 40 on 1, 7 on 2 (impact: about initiatives, shown)
 * so the categories' hours 480 / 120 / 150 (750 approved in all); small
 * is hidden (4 people) and mid too (the total minus big would give small
 * away). Teams: Big 480, Small 75 (3 people: hidden), Mid 195 (hidden
 * with it: the total minus Big would give Small away).
 * feedback    on 1 by 1-8 (ratings of 8 people, two comments: one 10 days
 *             old, one 30 months old); on 2 by 13-16 (4 people, one comment
 *             10 days old). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "csrdesk/clock.h"
#include "csrdesk/contribution.h"
#include "csrdesk/metrics.h"
#include "csrdesk/report.h"
#include "db_private.h"
#include "testutil.h"

static const char config_text[] =
	"privacy { min_group = 5 }\n"
	"retention { comments_months = 24 }\n"
	"metric \"trees\" { title = \"Trees planted\" unit = \"trees\" }\n"
	"category \"big\" { title = \"Big things\" metrics = {\"trees\"}"
	" issue_area = \"environment\" }\n"
	"category \"small\" { title = \"Small things\" metrics = {\"trees\"}"
	" issue_area = \"health\" }\n"
	"category \"mid\" { title = \"Middle things\" metrics = {\"trees\"}"
	" issue_area = \"education\" }\n";

static void fixture(tu_env *env)
{
	for (int i = 1; i <= 18; i++) {
		char id[8], name[16];
		snprintf(id, sizeof id, "E%d", i);
		snprintf(name, sizeof name, "Person %d", i);
		assert_int_equal(tu_volunteer(env, id, name), i);
	}
	for (int i = 1; i <= 3; i++)
		assert_int_equal(tu_initiative(env, "x", 1, 20), i);
	tu_sql(env,
	    "UPDATE volunteer SET team = CASE WHEN id <= 8 THEN 'Big' WHEN id <= 12 THEN 'Small'"
	    " ELSE 'Mid' END, site = CASE WHEN id <= 12 THEN 'North' ELSE 'South' END,"
	    " active = id <> 12;"
	    "CREATE TEMP TABLE ini (id, title, category, day);"
	    "INSERT INTO ini VALUES (1, 'Woods', 'big', '2025-03-10'),"
	    " (2, 'Clinic', 'small', '2025-04-10'), (3, 'Fair', 'mid', '2025-04-20');"
	    "UPDATE initiative SET (title, category, starts_at, ends_at, status) ="
	    " (SELECT title, category, CAST(strftime('%s', day || ' 09:00', 'utc') AS INTEGER),"
	    "  CAST(strftime('%s', day || ' 12:00', 'utc') AS INTEGER), 'done'"
	    "  FROM ini WHERE ini.id = initiative.id);"
	    "CREATE TEMP TABLE h (v, i, day, minutes);"
	    "WITH RECURSIVE n (v) AS (VALUES (1) UNION ALL SELECT v + 1 FROM n WHERE v < 18)"
	    " INSERT INTO h SELECT v, CASE WHEN v <= 8 THEN 1 WHEN v <= 11 THEN 3 ELSE 2 END,"
	    " CASE WHEN v <= 8 THEN '2025-03-10' WHEN v <= 11 THEN '2025-04-20'"
	    " ELSE '2025-04-10' END, CASE WHEN v <= 8 THEN 60 WHEN v <= 11 THEN 25 ELSE 30 END"
	    " FROM n WHERE v <> 12 AND v <= 16;"
	    "INSERT INTO h VALUES (13, 3, '2025-05-10', 25), (14, 3, '2025-05-10', 25),"
	    " (15, 3, '2025-05-10', 25);"
	    "INSERT INTO signup (initiative_id, volunteer_id, status, created_at, updated_at)"
	    " SELECT DISTINCT i, v, 'attended', 1, 1 FROM h;"
	    "INSERT INTO hours (volunteer_id, initiative_id, worked_on, minutes, status, created_at)"
	    " SELECT v, i, CAST(strftime('%s', day, 'utc') AS INTEGER), minutes, 'approved', 1"
	    " FROM h;"
	    "INSERT INTO impact (initiative_id, metric, value, recorded_at) VALUES"
	    " (1, 'trees', 40, 1), (2, 'trees', 7, 1);"
	    "DROP TABLE ini;");
	tu_sqlf(env,
	    "INSERT INTO feedback (initiative_id, volunteer_id, rating, comment, created_at)"
	    " SELECT i, v, 4, CASE v WHEN 1 THEN 'Lovely woods' WHEN 2 THEN 'Muddy, long ago'"
	    " WHEN 13 THEN 'Clinic was fine' ELSE '' END, CASE v WHEN 2 THEN %lld ELSE %lld END FROM (SELECT DISTINCT i, v FROM h)"
	    " WHERE i IN (1, 2)",
	    (long long)(csr_now() - 30LL * 31 * 86400), (long long)(csr_now() - 10LL * 86400));
	tu_sql(env, "DROP TABLE h;");
}

/* tu_setup with config_text instead of the built-in defaults. */
static int setup(void **state)
{
	tu_setup(state);
	tu_env *env = *state;
	csr_err err;
	csr_db_close(&env->db);
	csr_config_free(&env->cfg);
	if (csr_config_load_text(config_text, "privacy.conf", &env->cfg, &err) != CSR_OK)
		fail_msg("%s", err.msg);
	if (csr_db_open(env->dbpath, env->cfg, true, &env->db, &err) != CSR_OK)
		fail_msg("%s", err.msg);
	tu_act(env, CSR_ROLE_ADMIN, 0);
	fixture(env);
	return 0;
}

static csr_scope scope(csr_scope_kind kind, const char *value)
{
	csr_scope s = { .kind = kind };
	snprintf(s.value, sizeof s.value, "%s", value);
	return s;
}

static void test_config(void **state)
{
	tu_env *env = *state;
	assert_int_equal(env->cfg->privacy.min_group, 5);
	assert_int_equal(csr_metrics_min_group(env->db), 5);
}

/* A team of three, a category of four: refused, saying why; a site or a
 * team of six: figures. */
static void test_small_scopes_refused(void **state)
{
	tu_env *env = *state;
	csr_period p = tu_period("2025");
	csr_figures f;
	csr_err err;
	csr_scope small = scope(CSR_SCOPE_TEAM, "Small");
	assert_int_equal(csr_metrics_compute(env->db, &p, &small, &f, &err), CSR_EREFUSED);
	assert_string_equal(err.msg, "Team \"Small\" has 3 people; figures are shown for groups"
				     " of 5 or more (privacy.min_group)");
	csr_ranked rows[4];
	int n = -1;
	assert_int_equal(csr_metrics_top(env->db, &p, &small, CSR_TOP_INITIATIVES, rows, 4, &n,
					 NULL, &err), CSR_EREFUSED);
	assert_int_equal(n, 0);
	csr_month_hours months[16];
	assert_int_equal(csr_metrics_hours_by_month(env->db, &p, &small, months, 16, &n, &err),
			 CSR_EREFUSED);

	csr_scope clinic = scope(CSR_SCOPE_CATEGORY, "small");
	assert_int_equal(csr_metrics_compute(env->db, &p, &clinic, &f, &err), CSR_EREFUSED);
	assert_non_null(strstr(err.msg, "Category \"Small things\" has 4 people in this period"));
	/* Its impact is about the initiative, not the people: shown. */
	assert_int_equal(csr_metrics_impact(env->db, &p, &clinic, &f, &err), CSR_OK);
	assert_float_equal(f.metrics[0].total, 7, 1e-9);
	/* A small team's impact is chosen by its people: refused. */
	assert_int_equal(csr_metrics_impact(env->db, &p, &small, &f, &err), CSR_EREFUSED);

	csr_scope mid = scope(CSR_SCOPE_TEAM, "Mid"), south = scope(CSR_SCOPE_SITE, "South");
	assert_int_equal(csr_metrics_compute(env->db, &p, &mid, &f, &err), CSR_OK);
	assert_int_equal(f.people, 6);
	assert_int_equal(csr_metrics_compute(env->db, &p, &south, &f, &err), CSR_OK);
	assert_int_equal(f.approved_minutes, 4 * 30 + 3 * 25);
	csr_report *r = NULL;
	assert_int_equal(csr_report_build(env->db, &p, "Small", &r, &err), CSR_EREFUSED);
	assert_null(r);
	assert_non_null(strstr(err.msg, "Team \"Small\" has 3 people"));
}

/* The categories: small (4 people) hidden, mid hidden with it (complementary);
 * the hours tied to none: there are none. */
static void test_categories_complementary(void **state)
{
	tu_env *env = *state;
	csr_period p = tu_period("2025");
	csr_category_hours rows[8];
	int n = 0, hidden = 0;
	csr_err err;
	assert_int_equal(csr_metrics_hours_by_category(env->db, &p, NULL, rows, 8, &n, &hidden,
						       &err), CSR_OK);
	assert_int_equal(n, 3);
	assert_int_equal(hidden, 2);
	/* people are counted up to min_group (5): enough to decide */
	assert_string_equal(rows[0].key, "big");
	assert_false(rows[0].hidden);
	assert_int_equal(rows[0].minutes, 480);
	assert_int_equal(rows[0].people, 5);
	assert_string_equal(rows[1].key, "mid");
	assert_true(rows[1].hidden);
	assert_int_equal(rows[1].minutes, 0);
	assert_int_equal(rows[1].people, 5);
	assert_string_equal(rows[2].key, "small");
	assert_true(rows[2].hidden);
	assert_int_equal(rows[2].people, 4);

	/* The months leave the hidden categories out: April (only small and
	 * mid) has nothing, so no month's total gives them away. */
	csr_month_hours months[16];
	assert_int_equal(csr_metrics_hours_by_month(env->db, &p, NULL, months, 16, &n, &err),
			 CSR_OK);
	assert_int_equal(n, 1);
	assert_string_equal(months[0].month, "2025-03");
	assert_string_equal(months[0].category, "big");

	/* The same from the category rows the caller holds (counted once)... */
	int ncats = n = 0;
	assert_int_equal(csr_metrics_hours_by_category(env->db, &p, NULL, rows, 8, &ncats,
						       &hidden, &err), CSR_OK);
	assert_int_equal(csr_metrics_hours_by_month_shown(env->db, &p, NULL, rows, ncats, months,
							  16, &n, &err), CSR_OK);
	assert_int_equal(n, 1);
	assert_string_equal(months[0].category, "big");
	/* ...and a category those rows lack is left out, not let through. */
	assert_int_equal(csr_metrics_hours_by_month_shown(env->db, &p, NULL, &rows[1], 2, months,
							  16, &n, &err), CSR_OK);
	assert_int_equal(n, 0);
}

static void test_top_lists(void **state)
{
	tu_env *env = *state;
	csr_period p = tu_period("2025");
	csr_ranked rows[8];
	int n = 0, hidden = 0;
	csr_err err;
	/* Small (3 people) and, complementary, Mid: only Big is ranked. */
	assert_int_equal(csr_metrics_top(env->db, &p, NULL, CSR_TOP_TEAMS, rows, 8, &n, &hidden,
					 &err), CSR_OK);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].label, "Big");
	assert_int_equal(hidden, 2);
	/* Initiatives: Clinic's 4 people are left out, Fair's 6 ranked. */
	assert_int_equal(csr_metrics_top(env->db, &p, NULL, CSR_TOP_INITIATIVES, rows, 8, &n,
					 &hidden, &err), CSR_OK);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].label, "Woods");
	assert_string_equal(rows[1].label, "Fair");
	assert_int_equal(rows[1].minutes, 150);
	assert_int_equal(hidden, 1);
	/* Within site South (team Mid), Fair has 3 people: left out. */
	csr_scope south = scope(CSR_SCOPE_SITE, "South");
	assert_int_equal(csr_metrics_top(env->db, &p, &south, CSR_TOP_INITIATIVES, rows, 8, &n,
					 &hidden, &err), CSR_OK);
	assert_int_equal(n, 0);
	assert_int_equal(hidden, 2);
	/* A team's people per initiative are counted in one pass: within team
	 * Mid, Clinic's 4 and Fair's 3 are left out; within Big, Woods's 8
	 * ranked. */
	csr_scope mid = scope(CSR_SCOPE_TEAM, "Mid");
	assert_int_equal(csr_metrics_top(env->db, &p, &mid, CSR_TOP_INITIATIVES, rows, 8, &n,
					 &hidden, &err), CSR_OK);
	assert_int_equal(n, 0);
	assert_int_equal(hidden, 2);
	csr_scope big = scope(CSR_SCOPE_TEAM, "Big");
	assert_int_equal(csr_metrics_top(env->db, &p, &big, CSR_TOP_INITIATIVES, rows, 8, &n,
					 &hidden, &err), CSR_OK);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].label, "Woods");
	assert_int_equal(rows[0].minutes, 480);
	assert_int_equal(hidden, 0);
}

/* A team whose top initiatives hide many rows has its people counted per
 * initiative in one pass: 20 initiatives of one person of team Big each
 * (600 minutes, more than Woods) are left out, Woods ranked. */
static void test_team_top_many_hidden(void **state)
{
	tu_env *env = *state;
	for (int i = 0; i < 20; i++)
		tu_initiative(env, "solo", 1, 20);
	tu_sql(env, "UPDATE initiative SET title = 'Solo ' || id, category = 'big', status = 'done',"
		    " starts_at = CAST(strftime('%s', '2025-06-01 09:00', 'utc') AS INTEGER),"
		    " ends_at = CAST(strftime('%s', '2025-06-01 12:00', 'utc') AS INTEGER)"
		    " WHERE title = 'solo';"
		    "INSERT INTO hours (volunteer_id, initiative_id, worked_on, minutes, status,"
		    " created_at) SELECT 1, id, starts_at, 600, 'approved', 1 FROM initiative"
		    " WHERE title LIKE 'Solo %'");
	csr_period p = tu_period("2025");
	csr_scope big = scope(CSR_SCOPE_TEAM, "Big");
	csr_ranked rows[5];
	int n = 0, hidden = 0;
	csr_err err;
	assert_int_equal(csr_metrics_top(env->db, &p, &big, CSR_TOP_INITIATIVES, rows, 5, &n,
					 &hidden, &err), CSR_OK);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].label, "Woods");
	assert_int_equal(hidden, 20);
	tu_sql(env, "DELETE FROM hours WHERE initiative_id IN (SELECT id FROM initiative"
		    " WHERE title LIKE 'Solo %'); DELETE FROM initiative WHERE title LIKE 'Solo %'");
}

static char *render(const csr_report *r, csr_report_format format)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&buf, &size);
	assert_non_null(out);
	assert_int_equal(csr_report_write(r, format, out, NULL), CSR_OK);
	fclose(out);
	return buf;
}

/* The report: hidden hours as "-" (the impact stays), the note, the rating
 * of 12 people with the comments younger than 24 months only. */
static void test_report(void **state)
{
	tu_env *env = *state;
	csr_period p = tu_period("2025");
	csr_report *r = NULL;
	csr_err err;
	assert_int_equal(csr_report_build(env->db, &p, NULL, &r, &err), CSR_OK);
	assert_int_equal(r->hidden_rows, 2 + 2 + 1);
	assert_int_equal(r->figures.ratings, 12);
	assert_int_equal(r->ncomments, 2);
	for (int i = 0; i < r->ncomments; i++)
		assert_null(strstr(r->comments[i].text, "Muddy"));
	char *text = render(r, CSR_REPORT_TEXT);
	assert_non_null(strstr(text, "5 figures hidden: fewer than 5 people (privacy.min_group)"));
	assert_non_null(strstr(text, "  Small things" "                " "        -" "            1  7 trees\n"));
	assert_non_null(strstr(text, "  Middle things" "               " "        -" "            1\n"));
	assert_null(strstr(text, ". Clinic")); /* not ranked */
	assert_null(strstr(text, "Muddy"));
	free(text);
	char *csv = render(r, CSR_REPORT_CSV);
	assert_non_null(strstr(csv, "small,Small things,,1,7\r\n"));
	assert_non_null(strstr(csv, "month,hours,big\r\n2025-01,0.00,0.00\r\n"));
	free(csv);
	csr_report_free(&r);

	/* With no limit on comments, the old one shows too. */
	env->cfg->retention.comments_months = 0;
	assert_int_equal(csr_report_build(env->db, &p, NULL, &r, &err), CSR_OK);
	assert_int_equal(r->ncomments, 3);
	csr_report_free(&r);
	env->cfg->retention.comments_months = 24;
}

/* Team Mid (6 people): the rating of its 4 raters and their comment are
 * hidden; its categories are slices of 4 and 3 of its people. */
static void test_team_rating_hidden(void **state)
{
	tu_env *env = *state;
	csr_period p = tu_period("2025");
	csr_report *r = NULL;
	csr_err err;
	assert_int_equal(csr_report_build(env->db, &p, "Mid", &r, &err), CSR_OK);
	assert_true(r->figures.rating_hidden);
	assert_int_equal(r->figures.ratings, 0);
	assert_int_equal(r->ncomments, 0);
	char *text = render(r, CSR_REPORT_TEXT);
	assert_non_null(strstr(text, "hidden: fewer than 5 people rated"));
	free(text);
	for (int i = 0; i < r->ncategories; i++)
		assert_int_equal(r->categories[i].minutes, 0);
	csr_report_free(&r);
}

/* min_group 1 turns it off: every slice shown. */
static const csr_issue_area_figures *area(const csr_contribution *c, const char *key)
{
	for (int i = 0; i < c->nareas; i++)
		if (strcmp(c->areas[i].key, key) == 0)
			return &c->areas[i];
	fail_msg("no issue area %s", key);
	return NULL;
}

/* The B4SI figures by issue area are category slices too: health (the
 * small category, 4 people) is hidden, and education with it (the hours
 * in all minus environment's would give health away); hours in all stay. */
static void test_issue_areas(void **state)
{
	tu_env *env = *state;
	csr_period p = tu_period("2025");
	csr_contribution c;
	csr_err err;
	assert_int_equal(csr_contribution_compute(env->db, &p, NULL, &c, &err), CSR_OK);
	assert_int_equal(csr_contribution_minutes(&c), 750);
	assert_int_equal(c.hidden_areas, 2);
	assert_int_equal(c.min_group, 5);
	assert_false(area(&c, "environment")->hidden);
	assert_int_equal(area(&c, "environment")->minutes, 480);
	assert_true(area(&c, "health")->hidden);
	assert_int_equal(area(&c, "health")->minutes, 0);
	assert_true(area(&c, "education")->hidden);
	assert_int_equal(area(&c, "education")->minutes, 0);
	assert_int_equal(area(&c, "education")->initiatives, 1); /* not about people */
}

static void test_off(void **state)
{
	tu_env *env = *state;
	csr_period p = tu_period("2025");
	csr_report *r = NULL;
	csr_err err;
	env->cfg->privacy.min_group = 1;
	assert_int_equal(csr_report_build(env->db, &p, "Small", &r, &err), CSR_OK);
	assert_int_equal(r->hidden_rows, 0);
	csr_report_free(&r);
	assert_int_equal(csr_report_build(env->db, &p, NULL, &r, &err), CSR_OK);
	assert_int_equal(r->hidden_rows, 0);
	assert_int_equal(r->ntop_teams, 3);
	csr_report_free(&r);
	env->cfg->privacy.min_group = 5;
}

int main(void)
{
	setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3", 1);
	tzset();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_config),
		cmocka_unit_test(test_small_scopes_refused),
		cmocka_unit_test(test_categories_complementary),
		cmocka_unit_test(test_top_lists),
		cmocka_unit_test(test_team_top_many_hidden),
		cmocka_unit_test(test_report),
		cmocka_unit_test(test_team_rating_hidden),
		cmocka_unit_test(test_issue_areas),
		cmocka_unit_test(test_off),
	};
	return cmocka_run_group_tests_name("privacy", tests, setup, tu_teardown);
}
