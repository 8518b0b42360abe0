/* SPDX-License-Identifier: MIT */
/* Impact figures against numbers counted by hand on a small fixture.
 *
 * The tests run in a fixed time zone with summer time (Central European),
 * so "local time" is not UTC and the period edges are really tested. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "csrdesk/clock.h"
#include "csrdesk/metrics.h"
#include "db_private.h"
#include "testutil.h"

#define EPS 1e-4

static csr_scope scope(csr_scope_kind kind, const char *value)
{
	csr_scope s = { .kind = kind };
	snprintf(s.value, sizeof s.value, "%s", value);
	return s;
}

/* No statement may stay busy: that would hold a read transaction open. */
static void assert_no_open_statement(tu_env *env)
{
	sqlite3 *db = csr_db_sqlite(env->db);
	for (sqlite3_stmt *st = sqlite3_next_stmt(db, NULL); st; st = sqlite3_next_stmt(db, st))
		if (sqlite3_stmt_busy(st))
			fail_msg("statement left busy: %s", sqlite3_sql(st));
	assert_true(sqlite3_get_autocommit(db));
}

/* The figures, counted twice: the second count reads the participation
 * the first one kept (participation_range) and must come to the same. */
static csr_figures figures(tu_env *env, const char *when, csr_scope s)
{
	csr_period p = tu_period(when);
	csr_figures f, again;
	csr_err err;
	if (csr_metrics_compute(env->db, &p, &s, &f, &err) != CSR_OK)
		fail_msg("%s", err.msg);
	assert_no_open_statement(env);
	if (csr_metrics_compute(env->db, &p, &s, &again, &err) != CSR_OK)
		fail_msg("%s", err.msg);
	assert_int_equal(again.participants, f.participants);
	assert_int_equal(again.active_volunteers, f.active_volunteers);
	return f;
}

static const csr_metric_figure *metric(const csr_figures *f, const char *key)
{
	for (int i = 0; i < f->nmetrics; i++)
		if (strcmp(f->metrics[i].key, key) == 0)
			return &f->metrics[i];
	fail_msg("no figure for metric %s", key);
	return NULL;
}

static void assert_metric(const csr_figures *f, const char *key, double total, double goal,
			  int set, int met)
{
	const csr_metric_figure *m = metric(f, key);
	assert_float_equal(m->total, total, EPS);
	assert_float_equal(m->goal, goal, EPS);
	assert_int_equal(m->goals_set, set);
	assert_int_equal(m->goals_met, met);
}

/* The fixture, all times local (CET/CEST):
 *
 * volunteers  1 Ana  team A site Paris      2 Ben  team A site Paris
 *             3 Cid  team B site Lyon       4 Dora team B site Lyon, LEFT (inactive)
 *             5 Eve  team C site Lyon
 * initiatives 1 Trees      environment 2025-07-05 09:00-12:00
 *             2 Blood      health      2025-08-10 10:00-16:00
 *             3 Mentoring  education   2025-09-20 14:00-16:00
 *             4 Food bank  community   2025-10-01 00:00-02:00 (the first instant of Q4)
 *             5 Run        health      2025-08-20, CANCELLED
 *             6 Future     education   2090-05-01
 * places      1: Ana attended, Ben no-show, Cid attended, Dora attended, Eve cancelled
 *             2: Ana attended, Cid confirmed (not recorded), Ben waitlisted
 *             4: Ben attended       5: Eve confirmed       6: Ana confirmed
 * hours       h1  Ana  on 1  2025-07-05  180 approved
 *             h2  Cid  on 1  2025-07-05  180 approved
 *             h3  Dora on 1  2025-07-05  120 approved (she has left since)
 *             h4  Ana  on 2  2025-08-10  240 pending
 *             h5  Ben  none  2025-09-15   60 approved (not tied to an initiative)
 *             h6  Cid  on 2  2025-08-10  300 rejected
 *             h7  Ben  on 4  2025-10-01   90 approved (00:00 local = 22:00 UTC on 30 Sep)
 *             h8  Ben  on 3  2025-09-20   45 approved
 *             h9  Ana  on 2  2025-08-10   30 approved
 *             h10 Cid  on 3  2025-07-05 23:59   15 approved (the last minute of the day)
 * impact      1: trees 120 + trees 30, recycled 40   2: blood 35, raised 2400
 *             4: meals 500                           5: trees 999 (cancelled)
 * goals       1: trees 100 (met), recycled 50 (not met)
 *             2: blood 40 (not met), raised 2400 (met exactly)
 *             3: mentees 10 (nothing recorded: not met)   5: trees 10 (cancelled)
 * feedback    1: Ana 5, Cid 4, Dora 2        2: Ana 2 */
static void fixture(tu_env *env)
{
	const char *names[] = { "Ana", "Ben", "Cid", "Dora", "Eve" };
	for (int i = 0; i < 5; i++) {
		char id[8];
		snprintf(id, sizeof id, "E%d", i + 1);
		assert_int_equal(tu_volunteer(env, id, names[i]), i + 1);
	}
	for (int i = 0; i < 6; i++)
		assert_int_equal(tu_initiative(env, "x", 1, 10), i + 1);
	tu_sql(env,
	    "UPDATE volunteer SET team = 'A', site = 'Paris' WHERE id IN (1, 2);"
	    "UPDATE volunteer SET team = 'B', site = 'Lyon' WHERE id IN (3, 4);"
	    "UPDATE volunteer SET team = 'C', site = 'Lyon' WHERE id = 5;"
	    "UPDATE volunteer SET active = 0 WHERE id = 4;"
	    "CREATE TEMP TABLE ini (id, title, category, starts, ends, status);"
	    "INSERT INTO ini VALUES"
	    " (1, 'Trees', 'environment', '2025-07-05 09:00', '2025-07-05 12:00', 'done'),"
	    " (2, 'Blood', 'health', '2025-08-10 10:00', '2025-08-10 16:00', 'done'),"
	    " (3, 'Mentoring', 'education', '2025-09-20 14:00', '2025-09-20 16:00', 'done'),"
	    " (4, 'Food bank', 'community', '2025-10-01 00:00', '2025-10-01 02:00', 'done'),"
	    " (5, 'Run', 'health', '2025-08-20 10:00', '2025-08-20 12:00', 'cancelled'),"
	    " (6, 'Future', 'education', '2090-05-01 10:00', '2090-05-01 12:00', 'open');"
	    "UPDATE initiative SET (title, category, starts_at, ends_at, status) ="
	    " (SELECT title, category, CAST(strftime('%s', starts, 'utc') AS INTEGER),"
	    "  CAST(strftime('%s', ends, 'utc') AS INTEGER), status"
	    "  FROM ini WHERE ini.id = initiative.id);"
	    "INSERT INTO signup (initiative_id, volunteer_id, status, created_at, updated_at) VALUES"
	    " (1, 1, 'attended', 1, 1), (1, 2, 'no-show', 1, 1), (1, 3, 'attended', 1, 1),"
	    " (1, 4, 'attended', 1, 1), (1, 5, 'cancelled', 1, 1),"
	    " (2, 1, 'attended', 1, 1), (2, 3, 'confirmed', 1, 1), (2, 2, 'waitlisted', 1, 1),"
	    " (4, 2, 'attended', 1, 1), (5, 5, 'confirmed', 1, 1), (6, 1, 'confirmed', 1, 1);"
	    "CREATE TEMP TABLE h (v, i, day, minutes, status);"
	    "INSERT INTO h VALUES"
	    " (1, 1, '2025-07-05', 180, 'approved'), (3, 1, '2025-07-05', 180, 'approved'),"
	    " (4, 1, '2025-07-05', 120, 'approved'), (1, 2, '2025-08-10', 240, 'pending'),"
	    " (2, NULL, '2025-09-15', 60, 'approved'), (3, 2, '2025-08-10', 300, 'rejected'),"
	    " (2, 4, '2025-10-01', 90, 'approved'), (2, 3, '2025-09-20', 45, 'approved'),"
	    " (1, 2, '2025-08-10', 30, 'approved'), (3, 3, '2025-07-05 23:59', 15, 'approved');"
	    "INSERT INTO hours (volunteer_id, initiative_id, worked_on, minutes, status, created_at)"
	    " SELECT v, i, CAST(strftime('%s', day, 'utc') AS INTEGER), minutes, status, 1 FROM h;"
	    "INSERT INTO impact (initiative_id, metric, value, recorded_at) VALUES"
	    " (1, 'trees', 120, 1), (1, 'trees', 30, 1), (1, 'recycled', 40, 1),"
	    " (2, 'blood', 35, 1), (2, 'raised', 2400, 1), (4, 'meals', 500, 1), (5, 'trees', 999, 1);"
	    "INSERT INTO initiative_goal (initiative_id, metric, target) VALUES"
	    " (1, 'trees', 100), (1, 'recycled', 50), (2, 'blood', 40), (2, 'raised', 2400),"
	    " (3, 'mentees', 10),"
	    " (5, 'trees', 10);"
	    "INSERT INTO feedback (initiative_id, volunteer_id, rating, created_at) VALUES"
	    " (1, 1, 5, 1), (1, 3, 4, 1), (1, 4, 2, 1), (2, 1, 2, 1);"
	    "DROP TABLE ini; DROP TABLE h;");
}

/* The fixture's few people would hide most figures, and its comments are
 * from 1970: these tests check the figures' rules, test_privacy the
 * hiding. */
static int setup_fixture(void **state)
{
	tu_setup(state);
	((tu_env *)*state)->cfg->privacy.min_group = 1;
	((tu_env *)*state)->cfg->retention.comments_months = 0;
	fixture(*state);
	return 0;
}

/* ---- figures ---- */

static void test_no_volunteers(void **state)
{
	tu_env *env = *state; /* an empty database */
	csr_figures f = figures(env, "2025", scope(CSR_SCOPE_ALL, ""));
	assert_int_equal(f.active_volunteers, 0);
	assert_int_equal(f.participants, 0);
	assert_float_equal(f.participation, 0, EPS);
	assert_int_equal(f.approved_minutes + f.pending_minutes, 0);
	assert_int_equal(f.signups, 0);
	assert_float_equal(f.attendance_rate, 0, EPS);
	assert_int_equal(f.ratings, 0);
	assert_float_equal(f.rating, 0, EPS);
	/* Every config metric is there, in config order, at zero. */
	assert_int_equal(f.nmetrics, env->cfg->nmetrics);
	for (int i = 0; i < f.nmetrics; i++) {
		assert_string_equal(f.metrics[i].key, env->cfg->metrics[i].key);
		assert_float_equal(f.metrics[i].total, 0, EPS);
	}
	csr_period p = tu_period("2025");
	csr_ranked top[4];
	csr_month_hours months[4];
	int n = -1;
	assert_int_equal(csr_metrics_top_teams(env->db, &p, NULL, top, 4, &n, NULL), CSR_OK);
	assert_int_equal(n, 0);
	assert_int_equal(csr_metrics_hours_by_month(env->db, &p, NULL, months, 4, &n, NULL), CSR_OK);
	assert_int_equal(n, 0);
}

static void test_period_without_data(void **state)
{
	tu_env *env = *state;
	csr_figures f = figures(env, "2024-02", scope(CSR_SCOPE_ALL, ""));
	/* The four active volunteers exist, but nobody did anything. */
	assert_int_equal(f.active_volunteers, 4);
	assert_int_equal(f.participants, 0);
	assert_float_equal(f.participation, 0, EPS);
	assert_int_equal(f.approved_minutes, 0);
	assert_int_equal(f.pending_minutes, 0);
	assert_int_equal(f.signups, 0);
	assert_int_equal(f.attended + f.no_shows, 0);
	assert_float_equal(f.no_show_rate, 0, EPS);
	assert_int_equal(f.ratings, 0);
	assert_metric(&f, "trees", 0, 0, 0, 0);
}

static void test_quarter_all(void **state)
{
	tu_env *env = *state;
	csr_figures f = figures(env, "2025-Q3", scope(CSR_SCOPE_ALL, ""));
	/* approved h1 180 + h2 180 + h3 120 (Dora left, still counted) + h5 60 + h8 45
	 * + h9 30 + h10 15 = 630; h7 (2025-10-01 00:00 local) is Q4; h6 rejected. */
	assert_int_equal(f.approved_minutes, 630);
	assert_int_equal(f.pending_minutes, 240); /* h4, apart */
	/* active: Ana, Ben, Cid, Eve (Dora left) = 4; participants: Ana, Cid (attended),
	 * Ben (approved h5, h8); Dora attended but left; Eve only cancelled = 3 of 4. */
	assert_int_equal(f.active_volunteers, 4);
	assert_int_equal(f.participants, 3);
	assert_float_equal(f.participation, 0.75, EPS);
	/* places: initiative 1: 4 (Eve cancelled), 2: 3 (waitlisted counts);
	 * 5 is cancelled (Eve's confirmed place is not counted) = 7. */
	assert_int_equal(f.signups, 7);
	/* past: attended Ana, Cid, Dora on 1 + Ana on 2 = 4; no-show Ben on 1 = 1;
	 * still confirmed Cid on 2 = 1: 4/6 and 1/6. */
	assert_int_equal(f.attended, 4);
	assert_int_equal(f.no_shows, 1);
	assert_float_equal(f.attendance_rate, 4.0 / 6, EPS);
	assert_float_equal(f.no_show_rate, 1.0 / 6, EPS);
	/* ratings 5, 4, 2 on 1 and 2 on 2: 13 / 4. */
	assert_int_equal(f.ratings, 4);
	assert_float_equal(f.rating, 3.25, EPS);
}

static void test_quarter_metrics(void **state)
{
	tu_env *env = *state;
	csr_figures f = figures(env, "2025-Q3", scope(CSR_SCOPE_ALL, ""));
	for (int i = 0; i < f.nmetrics; i++)
		assert_string_equal(f.metrics[i].key, env->cfg->metrics[i].key);
	/* trees: 120 + 30 on 1 (cancelled 5's 999 and goal 10 left out); 150 >= 100: met. */
	assert_metric(&f, "trees", 150, 100, 1, 1);
	assert_metric(&f, "recycled", 40, 50, 1, 0); /* 40 < 50: not met */
	assert_metric(&f, "blood", 35, 40, 1, 0);
	assert_metric(&f, "raised", 2400, 2400, 1, 1); /* 2400 >= 2400: met */
	assert_metric(&f, "mentees", 0, 10, 1, 0);   /* goal, nothing recorded */
	assert_metric(&f, "meals", 0, 0, 0, 0);      /* 4 starts in Q4 */

	f = figures(env, "2025-Q4", scope(CSR_SCOPE_ALL, ""));
	assert_metric(&f, "meals", 500, 0, 0, 0); /* no goal set */
	assert_int_equal(f.approved_minutes, 90); /* h7 */
	assert_int_equal(f.participants, 1);      /* Ben */
}

static void test_team_scope(void **state)
{
	tu_env *env = *state;
	/* Team B: Cid and Dora (left). approved h2 180 + h3 120 + h10 15 = 315. */
	csr_figures f = figures(env, "2025-Q3", scope(CSR_SCOPE_TEAM, "B"));
	assert_int_equal(f.approved_minutes, 315);
	assert_int_equal(f.pending_minutes, 0);
	assert_int_equal(f.active_volunteers, 1); /* Cid */
	assert_int_equal(f.participants, 1);
	assert_float_equal(f.participation, 1.0, EPS);
	/* places: Cid and Dora on 1, Cid on 2 = 3; past: attended 2, confirmed 1. */
	assert_int_equal(f.signups, 3);
	assert_int_equal(f.attended, 2);
	assert_float_equal(f.attendance_rate, 2.0 / 3, EPS);
	assert_float_equal(f.rating, 3.0, EPS); /* Cid 4, Dora 2 */
	/* Team B attended only initiative 1. */
	assert_metric(&f, "trees", 150, 100, 1, 1);
	assert_metric(&f, "blood", 0, 0, 0, 0);

	/* Team A: Ana, Ben. approved h1 180 + h5 60 + h8 45 + h9 30 = 315; pending h4. */
	f = figures(env, "2025-Q3", scope(CSR_SCOPE_TEAM, "A"));
	assert_int_equal(f.approved_minutes, 315);
	assert_int_equal(f.pending_minutes, 240);
	assert_int_equal(f.active_volunteers, 2);
	assert_int_equal(f.participants, 2);
	assert_metric(&f, "blood", 35, 40, 1, 0);
	assert_metric(&f, "mentees", 0, 0, 0, 0); /* nobody of A attended 3 */

	/* Site Lyon: Cid, Dora (left), Eve: 2 active, Cid took part. */
	f = figures(env, "2025-Q3", scope(CSR_SCOPE_SITE, "Lyon"));
	assert_int_equal(f.active_volunteers, 2);
	assert_int_equal(f.participants, 1);
	assert_float_equal(f.participation, 0.5, EPS);
	assert_int_equal(f.approved_minutes, 315);
}

static void test_category_scope(void **state)
{
	tu_env *env = *state;
	/* environment: initiative 1 only. Hours h1 + h2 + h3 = 480; Ben's untied h5 is out. */
	csr_figures f = figures(env, "2025-Q3", scope(CSR_SCOPE_CATEGORY, "environment"));
	assert_int_equal(f.approved_minutes, 480);
	assert_int_equal(f.pending_minutes, 0);
	/* All 4 active volunteers count; Ana and Cid took part in it. */
	assert_int_equal(f.active_volunteers, 4);
	assert_int_equal(f.participants, 2);
	assert_float_equal(f.participation, 0.5, EPS);
	assert_int_equal(f.signups, 4);
	assert_metric(&f, "trees", 150, 100, 1, 1);
	assert_metric(&f, "blood", 0, 0, 0, 0);
	assert_float_equal(f.rating, 11.0 / 3, EPS);

	/* health: 2 (and cancelled 5). approved h9 30, pending h4 240. */
	f = figures(env, "2025-Q3", scope(CSR_SCOPE_CATEGORY, "health"));
	assert_int_equal(f.approved_minutes, 30);
	assert_int_equal(f.pending_minutes, 240);
	assert_int_equal(f.signups, 3);
	assert_int_equal(f.ratings, 1);
	assert_float_equal(f.rating, 2.0, EPS);
	assert_metric(&f, "trees", 0, 0, 0, 0); /* 5's 999 trees: cancelled */
	assert_metric(&f, "blood", 35, 40, 1, 0);
}

static void test_custom_range_and_future(void **state)
{
	tu_env *env = *state;
	/* The last day is included: h1, h2, h3 at 00:00 and h10 at 23:59 on 07-05. */
	csr_figures f = figures(env, "2025-07-01..2025-07-05", scope(CSR_SCOPE_ALL, ""));
	assert_int_equal(f.approved_minutes, 495);
	assert_int_equal(f.signups, 4);
	f = figures(env, "2025-07-01..2025-07-04", scope(CSR_SCOPE_ALL, ""));
	assert_int_equal(f.approved_minutes, 0);
	assert_int_equal(f.signups, 0);

	/* 6 has not happened: its place counts, but not in attendance. */
	f = figures(env, "2090", scope(CSR_SCOPE_ALL, ""));
	assert_int_equal(f.signups, 1);
	assert_int_equal(f.attended + f.no_shows, 0);
	assert_float_equal(f.attendance_rate, 0, EPS);
	assert_float_equal(f.no_show_rate, 0, EPS);
}

static void test_top_lists(void **state)
{
	tu_env *env = *state;
	csr_period p = tu_period("2025-Q3");
	csr_ranked top[8];
	int n;
	csr_err err;
	/* A 315 and B 315 (Dora's 120 included): a tie, by name. C has none. */
	assert_int_equal(csr_metrics_top_teams(env->db, &p, NULL, top, 8, &n, &err), CSR_OK);
	assert_int_equal(n, 2);
	assert_string_equal(top[0].label, "A");
	assert_int_equal(top[0].minutes, 315);
	assert_int_equal(top[0].id, 0);
	assert_string_equal(top[1].label, "B");
	assert_int_equal(top[1].minutes, 315);

	/* environment: A 180 (h1), B 300 (h2 + h3). */
	csr_scope env_scope = scope(CSR_SCOPE_CATEGORY, "environment");
	assert_int_equal(csr_metrics_top_teams(env->db, &p, &env_scope, top, 8, &n, &err), CSR_OK);
	assert_int_equal(n, 2);
	assert_string_equal(top[0].label, "B");
	assert_int_equal(top[0].minutes, 300);
	assert_int_equal(top[1].minutes, 180);

	/* 1: 480, 3: h8 45 + h10 15 = 60, 2: h9 30; untied h5 is no initiative. */
	assert_int_equal(csr_metrics_top_initiatives(env->db, &p, NULL, top, 8, &n, &err), CSR_OK);
	assert_int_equal(n, 3);
	assert_int_equal(top[0].id, 1);
	assert_string_equal(top[0].label, "Trees");
	assert_int_equal(top[0].minutes, 480);
	assert_int_equal(top[1].id, 3);
	assert_int_equal(top[1].minutes, 60);
	assert_int_equal(top[2].id, 2);
	assert_int_equal(top[2].minutes, 30);

	/* max cuts the list; team B's scope keeps Cid's and Dora's hours only. */
	assert_int_equal(csr_metrics_top_initiatives(env->db, &p, NULL, top, 1, &n, &err), CSR_OK);
	assert_int_equal(n, 1);
	csr_scope b = scope(CSR_SCOPE_TEAM, "B");
	assert_int_equal(csr_metrics_top_initiatives(env->db, &p, &b, top, 8, &n, &err), CSR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(top[0].minutes, 300);
	assert_int_equal(top[1].minutes, 15);
	assert_no_open_statement(env);
}

/* Minutes by initiative are summed in memory (a table that grows as
 * initiatives come): 3,000 initiatives, each with hours on two days, some
 * tied, rank as SQL ranks them, in every scope kind. */
static void test_top_initiatives_many(void **state)
{
	tu_env *env = *state;
	env->cfg->privacy.min_group = 1;
	int64_t ada = tu_volunteer(env, "E1", "Ada");
	tu_sqlf(env, "UPDATE volunteer SET team = 'T', site = 'S' WHERE id = %lld", (long long)ada);
	tu_sql(env, "WITH RECURSIVE k (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 3000)"
	       " INSERT INTO initiative (title, category, starts_at, ends_at, capacity, created_at)"
	       " SELECT 'I' || n, 'environment', 1750000000, 1750003600, 5, 0 FROM k");
	tu_sqlf(env, "INSERT INTO hours (volunteer_id, initiative_id, worked_on, minutes, status,"
		" created_at) SELECT %lld, id, 1750000000 + 86400 * (id %% 2), 1 + id * 7 %% 991,"
		" 'approved', 0 FROM initiative UNION ALL SELECT %lld, id, 1750200000, 1 + id %% 13,"
		" 'approved', 0 FROM initiative", (long long)ada, (long long)ada);
	csr_period p = tu_period("2025");
	csr_scope scopes[] = { scope(CSR_SCOPE_ALL, ""), scope(CSR_SCOPE_SITE, "S"),
			       scope(CSR_SCOPE_TEAM, "T"), scope(CSR_SCOPE_CATEGORY, "environment") };
	for (size_t k = 0; k < sizeof scopes / sizeof scopes[0]; k++) {
		csr_ranked top[12];
		int n;
		csr_err err;
		assert_int_equal(csr_metrics_top_initiatives(env->db, &p, &scopes[k], top, 12, &n,
							     &err), CSR_OK);
		assert_int_equal(n, 12);
		for (int i = 0; i < n; i++) {
			char sql[256];
			snprintf(sql, sizeof sql, "SELECT initiative_id * 100000 + SUM(minutes) FROM hours"
				 " GROUP BY initiative_id ORDER BY SUM(minutes) DESC, initiative_id"
				 " LIMIT 1 OFFSET %d", i);
			assert_int_equal(top[i].id * 100000 + top[i].minutes, tu_scalar(env, sql));
		}
		char title[32];
		snprintf(title, sizeof title, "I%lld", (long long)top[0].id);
		assert_string_equal(top[0].label, title);
	}
}

/* Participation for everyone and a site, against SQL's own count of
 * distinct people, with the people's ids dense (two bits a person in an id
 * map: ids on every side of a byte's four) and sparse (one id far out). */
static void assert_participation_as_sql(tu_env *env, csr_period p)
{
	csr_scope scopes[] = { scope(CSR_SCOPE_ALL, ""), scope(CSR_SCOPE_SITE, "N") };
	for (size_t k = 0; k < sizeof scopes / sizeof scopes[0]; k++) {
		char in_scope[64], sql[512];
		snprintf(in_scope, sizeof in_scope, "v.active = 1%s",
			 k ? " AND v.site = 'N'" : "");
		csr_figures f = figures(env, "2025", scopes[k]);
		snprintf(sql, sizeof sql, "SELECT count(*) FROM volunteer v WHERE %s", in_scope);
		assert_int_equal(f.active_volunteers, tu_scalar(env, sql));
		snprintf(sql, sizeof sql, "SELECT count(*) FROM volunteer v WHERE %s AND v.id IN"
			 " (SELECT volunteer_id FROM hours WHERE status = 'approved'"
			 " AND worked_on >= %lld AND worked_on < %lld)", in_scope,
			 (long long)p.from, (long long)p.to);
		assert_int_equal(f.participants, tu_scalar(env, sql));
		assert_true(f.participants > 0 && f.participants < f.active_volunteers);
	}
}

static void test_participation_dense_and_sparse(void **state)
{
	tu_env *env = *state;
	env->cfg->privacy.min_group = 1;
	tu_sql(env, "WITH RECURSIVE k (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 603)"
	       " INSERT INTO volunteer (employee_id, name, team, site, active, created_at)"
	       " SELECT 'E' || n, 'P' || n, 'T' || n % 7, CASE WHEN n % 3 = 0 THEN 'N' ELSE 'S' END,"
	       " n % 11 <> 0, 0 FROM k;"
	       "INSERT INTO hours (volunteer_id, initiative_id, worked_on, minutes, status,"
	       " created_at) SELECT id, NULL, 1750000000 + id * 3600,"
	       " 30, CASE WHEN id % 4 = 1 THEN 'pending' ELSE 'approved' END, 0"
	       " FROM volunteer WHERE id % 5 < 3 OR id % 4 = 1"
	       " UNION ALL SELECT id, NULL, 1760000000, 45, 'approved', 0 FROM volunteer"
	       " WHERE id % 2 = 0");
	/* on the period's first local hour, in 2024 in UTC: an edge, not a day row */
	tu_sql(env, "INSERT INTO hours (volunteer_id, worked_on, minutes, status, created_at)"
	       " VALUES (9, 1735687800, 30, 'approved', 0), (12, 1735687800, 30, 'approved', 0)");
	csr_period p = tu_period("2025");
	assert_participation_as_sql(env, p);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM participation_range"), 2);
	tu_sql(env, "UPDATE volunteer SET active = 1 - active WHERE id % 10 = 3;"
	       "UPDATE volunteer SET site = 'N' WHERE id % 13 = 1;"
	       "UPDATE hours SET status = 'approved' WHERE id % 3 = 0;"
	       "DELETE FROM hours WHERE id % 7 = 2");
	assert_participation_as_sql(env, p);
	tu_sql(env, "INSERT INTO volunteer (id, employee_id, name, site, active, created_at)"
	       " VALUES (1000000000000, 'Far', 'Far', 'N', 1, 0);"
	       "INSERT INTO hours (volunteer_id, worked_on, minutes, status, created_at)"
	       " VALUES (1000000000000, 1750000000, 30, 'approved', 0),"
	       " (1000000000000, 1760000000, 30, 'approved', 0)");
	assert_participation_as_sql(env, p);
}

static void test_hours_by_month(void **state)
{
	tu_env *env = *state;
	csr_period p = tu_period("2025");
	csr_month_hours m[8];
	int n;
	csr_err err;
	/* h7 is worked at 00:00 local on 1 October (still 30 September in UTC): October. */
	assert_int_equal(csr_metrics_hours_by_month(env->db, &p, NULL, m, 8, &n, &err), CSR_OK);
	static const struct { const char *month, *category; int minutes; } want[] = {
		{ "2025-07", "education", 15 },   /* h10 */
		{ "2025-07", "environment", 480 }, /* h1 + h2 + h3 */
		{ "2025-08", "health", 30 },       /* h9 */
		{ "2025-09", "education", 45 },    /* h8; h5 has no category */
		{ "2025-10", "community", 90 },    /* h7 */
	};
	assert_int_equal(n, 5);
	for (int i = 0; i < n; i++) {
		assert_string_equal(m[i].month, want[i].month);
		assert_string_equal(m[i].category, want[i].category);
		assert_int_equal(m[i].minutes, want[i].minutes);
	}
	csr_scope b = scope(CSR_SCOPE_TEAM, "B");
	assert_int_equal(csr_metrics_hours_by_month(env->db, &p, &b, m, 8, &n, &err), CSR_OK);
	assert_int_equal(n, 2); /* 07 education 15, 07 environment 300 */
	assert_int_equal(m[1].minutes, 300);
	assert_int_equal(csr_metrics_hours_by_month(env->db, &p, NULL, m, 2, &n, &err), CSR_OK);
	assert_int_equal(n, 2);

	/* A custom range cuts its first and last months: h10 on 07-05 is before
	 * 07-06, h8 on 09-20 after 09-19; only h9 (08-10) is left. */
	p = tu_period("2025-07-06..2025-09-19");
	assert_int_equal(csr_metrics_hours_by_month(env->db, &p, NULL, m, 8, &n, &err), CSR_OK);
	assert_int_equal(n, 1);
	assert_string_equal(m[0].month, "2025-08");
	assert_int_equal(m[0].minutes, 30);
	assert_no_open_statement(env);
}

static void test_bad_arguments(void **state)
{
	tu_env *env = *state;
	csr_period p = tu_period("2025");
	csr_scope s = scope((csr_scope_kind)9, "");
	csr_figures f;
	csr_err err;
	assert_int_equal(csr_metrics_compute(env->db, &p, &s, &f, &err), CSR_EINVAL);
	assert_non_null(strstr(err.msg, "scope"));
	csr_period empty = { .from = 100, .to = 100 };
	assert_int_equal(csr_metrics_compute(env->db, &empty, NULL, &f, &err), CSR_EINVAL);
	/* A NULL scope is everything. */
	assert_int_equal(csr_metrics_compute(env->db, &p, NULL, &f, &err), CSR_OK);
	assert_int_equal(f.approved_minutes, 720); /* Q3 630 + Q4 90 */
}

/* ---- the running totals (migration 006) against the records ----
 *
 * Random writes of every kind the totals follow, by plain SQL (as any
 * program could write), then two checks: each totals table equals a recount
 * from the records, and for random periods (any second, so partial UTC days
 * at both ends) the figures that use the totals ("all" scope) equal those
 * that count the records ("site" scope, which every volunteer shares). */

static uint64_t rng_state = 0x9E3779B97F4A7C15u;

static int64_t rnd(int64_t n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (int64_t)(rng_state % (uint64_t)n);
}

enum { T_VOLUNTEERS = 24, T_INITIATIVES = 10, T_SPAN = 40 * 86400 };
static const int64_t t_base = 1790000000; /* 2026-09-21 */

/* One volunteer has an id far from the others, as if set by hand: the
 * figures must not rely on ids being dense. */
static const long long t_far_id = 5000000000LL;

static const char *const t_categories[] = { "education", "environment", "health", "community" };
static const char *const t_hour_status[] = { "approved", "pending", "rejected" };
/* "gone": a metric the config does not define (shown as removed). */
static const char *const t_metrics[] = { "trees", "meals", "gone" };
static const char *const t_place_status[] = { "confirmed", "waitlisted", "cancelled",
					       "attended", "no-show" };

static void totals_fixture(tu_env *env)
{
	for (int i = 1; i <= T_VOLUNTEERS; i++)
		tu_sqlf(env, "INSERT INTO volunteer (id, employee_id, name, team, site, created_at)"
			  " VALUES (%lld, 'E%d', 'V%d', 'T%d', 'S1', 0)",
		     i == T_VOLUNTEERS ? t_far_id : 1000 + i, i, i, i % 4);
	for (int i = 1; i <= T_INITIATIVES; i++) {
		int64_t start = t_base + rnd(T_SPAN);
		tu_sqlf(env, "INSERT INTO initiative (id, title, category, starts_at, ends_at, capacity,"
			  " created_at) VALUES (%d, 'I%d', '%s', %lld, %lld, 50, 0)", 500 + i, i,
		     t_categories[rnd(4)], (long long)start, (long long)(start + 7200));
	}
}

static long long t_volunteer(void)
{
	long long v = 1001 + rnd(T_VOLUNTEERS);
	return v == 1000 + T_VOLUNTEERS ? t_far_id : v;
}

/* A row of table picked by rnd (0 when it is empty), so that every run
 * makes the same writes. */
static long long pick(tu_env *env, const char *table)
{
	char sql[96];
	snprintf(sql, sizeof sql, "SELECT max(id) FROM %s", table);
	int64_t max = tu_scalar(env, sql);
	if (max <= 0)
		return 0;
	snprintf(sql, sizeof sql, "SELECT min(id) FROM %s WHERE id > %lld", table,
		 (long long)rnd(max));
	return tu_scalar(env, sql);
}

static void random_write(tu_env *env)
{
	long long v = t_volunteer();
	int i = 501 + (int)rnd(T_INITIATIVES);
	long long when = t_base - 86400 + rnd(T_SPAN + 2 * 86400);
	switch (rnd(14)) {
	case 0:
	case 1:
	case 9:
	case 10:
		/* a third of them tied to no initiative */
		tu_sqlf(env, "INSERT INTO hours (volunteer_id, initiative_id, worked_on, minutes, status,"
			  " created_at) VALUES (%lld, nullif(%d, 0), %lld, %d, '%s', 0)", v,
		     rnd(3) ? i : 0, when, 1 + (int)rnd(600), t_hour_status[rnd(3)]);
		break;
	case 2:
		tu_sqlf(env, "UPDATE hours SET status = '%s' WHERE id = %lld", t_hour_status[rnd(3)],
			pick(env, "hours"));
		break;
	case 3:
		tu_sqlf(env, "UPDATE hours SET worked_on = %lld, minutes = %d, initiative_id = %d"
			  " WHERE id = %lld", when, 1 + (int)rnd(600), i, pick(env, "hours"));
		break;
	case 4:
		tu_sqlf(env, "DELETE FROM hours WHERE id = %lld", pick(env, "hours"));
		break;
	case 5:
		for (int k = 0; k < 3; k++)
			tu_sqlf(env, "INSERT OR IGNORE INTO signup (initiative_id, volunteer_id, status,"
				  " created_at, updated_at) VALUES (%d, %lld, '%s', 0, 0)",
				501 + (int)rnd(T_INITIATIVES), t_volunteer(), t_place_status[rnd(5)]);
		tu_sqlf(env, "UPDATE signup SET status = '%s' WHERE id = %lld AND status <> 'cancelled'",
			t_place_status[rnd(5)], pick(env, "signup"));
		break;
	case 6:
		tu_sqlf(env, "UPDATE volunteer SET team = 'T%d' WHERE id = %lld", (int)rnd(5), v);
		break;
	case 7:
		tu_sqlf(env, "INSERT INTO feedback (initiative_id, volunteer_id, rating, created_at)"
			  " VALUES (%d, %lld, %d, 0) ON CONFLICT DO UPDATE SET rating = excluded.rating",
		     i, v, 1 + (int)rnd(5));
		break;
	case 8:
		tu_sqlf(env, "UPDATE initiative SET category = '%s', status = '%s', starts_at = %lld,"
			  " ends_at = %lld WHERE id = %d", t_categories[rnd(4)],
		     rnd(4) ? "open" : "cancelled", when, when + 7200, i);
		break;
	case 11:
		tu_sqlf(env, "INSERT INTO impact (initiative_id, metric, value, recorded_at)"
			  " VALUES (%d, '%s', %d, 0)", i, t_metrics[rnd(3)], 1 + (int)rnd(50));
		break;
	case 12:
		tu_sqlf(env, "UPDATE impact SET voided_at = CASE WHEN voided_at IS NULL THEN 1 END,"
			  " value = value + %d WHERE id = %lld", (int)rnd(3), pick(env, "impact"));
		break;
	case 13:
		if (rnd(3))
			tu_sqlf(env, "INSERT INTO initiative_goal (initiative_id, metric, target)"
				  " VALUES (%d, '%s', %d) ON CONFLICT DO UPDATE SET target = excluded.target",
				i, t_metrics[rnd(3)], 1 + (int)rnd(60));
		else
			tu_sqlf(env, "DELETE FROM initiative_goal WHERE initiative_id = %d", i);
		break;
	}
}

/* activity_day counted from the records. */
#define ACTIVITY \
	"SELECT day, category, volunteer_id, count(*) FROM (" \
	" SELECT h.worked_on / 86400 - (h.worked_on % 86400 < 0) AS day," \
	" coalesce(i.category, '') AS category, h.volunteer_id FROM hours h" \
	" LEFT JOIN initiative i ON i.id = h.initiative_id WHERE h.status = 'approved'" \
	" UNION ALL SELECT i.starts_at / 86400 - (i.starts_at % 86400 < 0), i.category," \
	" s.volunteer_id FROM signup s JOIN initiative i ON i.id = s.initiative_id" \
	" WHERE s.status = 'attended') GROUP BY 1, 2, 3"

/* Rows of the totals table that a recount from the records does not give,
 * and the other way round (rows summing to zero are left out of both). */
static void assert_totals_recount(tu_env *env)
{
	static const char *const checks[] = {
		"SELECT count(*) FROM (SELECT day, status, initiative_id, minutes FROM hours_day"
		" WHERE minutes <> 0 EXCEPT SELECT worked_on / 86400 - (worked_on % 86400 < 0),"
		" status, coalesce(initiative_id, 0), sum(minutes) FROM hours GROUP BY 1, 2, 3)",
		"SELECT count(*) FROM (SELECT worked_on / 86400 - (worked_on % 86400 < 0),"
		" status, coalesce(initiative_id, 0), sum(minutes) FROM hours GROUP BY 1, 2, 3"
		" EXCEPT SELECT day, status, initiative_id, minutes FROM hours_day)",
		"SELECT count(*) FROM (SELECT day, team, minutes FROM team_hours_day WHERE minutes <> 0"
		" EXCEPT SELECT h.worked_on / 86400 - (h.worked_on % 86400 < 0), v.team,"
		" sum(h.minutes) FROM hours h JOIN volunteer v ON v.id = h.volunteer_id"
		" WHERE h.status = 'approved' GROUP BY 1, 2)",
		"SELECT count(*) FROM (SELECT h.worked_on / 86400 - (h.worked_on % 86400 < 0), v.team,"
		" sum(h.minutes) FROM hours h JOIN volunteer v ON v.id = h.volunteer_id"
		" WHERE h.status = 'approved' GROUP BY 1, 2"
		" EXCEPT SELECT day, team, minutes FROM team_hours_day)",
		"SELECT count(*) FROM (SELECT * FROM initiative_places WHERE live + attended +"
		" no_shows + confirmed <> 0 EXCEPT SELECT initiative_id, total(status <> 'cancelled'),"
		" total(status = 'attended'), total(status = 'no-show'), total(status = 'confirmed')"
		" FROM signup GROUP BY initiative_id)",
		"SELECT count(*) FROM (SELECT initiative_id, total(status <> 'cancelled'),"
		" total(status = 'attended'), total(status = 'no-show'), total(status = 'confirmed')"
		" FROM signup GROUP BY initiative_id EXCEPT SELECT * FROM initiative_places)",
		"SELECT count(*) FROM (SELECT * FROM initiative_ratings WHERE ratings <> 0"
		" EXCEPT SELECT initiative_id, count(*), sum(rating) FROM feedback GROUP BY 1)",
		"SELECT count(*) FROM (SELECT initiative_id, count(*), sum(rating) FROM feedback"
		" GROUP BY 1 EXCEPT SELECT * FROM initiative_ratings)",
		"SELECT count(*) FROM (SELECT * FROM activity_day WHERE n <> 0 EXCEPT " ACTIVITY ")",
		"SELECT count(*) FROM (" ACTIVITY " EXCEPT SELECT * FROM activity_day)",
	};
	for (size_t c = 0; c < sizeof checks / sizeof checks[0]; c++)
		if (tu_scalar(env, checks[c]) != 0)
			fail_msg("the running totals differ from the records: %s", checks[c]);
}

static void assert_same_figures(const csr_figures *a, const csr_figures *b)
{
	assert_int_equal(a->approved_minutes, b->approved_minutes);
	assert_int_equal(a->pending_minutes, b->pending_minutes);
	assert_int_equal(a->active_volunteers, b->active_volunteers);
	assert_int_equal(a->participants, b->participants);
	assert_int_equal(a->signups, b->signups);
	assert_int_equal(a->attended, b->attended);
	assert_int_equal(a->no_shows, b->no_shows);
	assert_float_equal(a->attendance_rate, b->attendance_rate, EPS);
	assert_int_equal(a->ratings, b->ratings);
	assert_float_equal(a->rating, b->rating, EPS);
}

static void assert_same_ranked(const csr_ranked *a, int na, const csr_ranked *b, int nb)
{
	assert_int_equal(na, nb);
	for (int i = 0; i < na; i++) {
		assert_string_equal(a[i].label, b[i].label);
		assert_int_equal(a[i].minutes, b[i].minutes);
	}
}

/* Each person is in one team, so the teams' figures (each team's own SQL
 * and totals, migration 013) add up to everyone's. Privacy is off here: a
 * team of two is counted too. */
static void assert_teams_add_up(tu_env *env, const csr_period *p)
{
	csr_figures sum = { 0 }, f, every;
	const csr_figures *all = &every;
	csr_err err;
	int min_group = env->cfg->privacy.min_group;
	env->cfg->privacy.min_group = 1;
	assert_int_equal(csr_metrics_compute(env->db, p, NULL, &every, &err), CSR_OK);
	for (int t = 0; t < 5; t++) {
		csr_scope team = scope(CSR_SCOPE_TEAM, "");
		snprintf(team.value, sizeof team.value, "T%d", t);
		assert_int_equal(csr_metrics_compute(env->db, p, &team, &f, &err), CSR_OK);
		sum.approved_minutes += f.approved_minutes;
		sum.pending_minutes += f.pending_minutes;
		sum.active_volunteers += f.active_volunteers;
		sum.participants += f.participants;
		sum.signups += f.signups;
		sum.attended += f.attended;
		sum.no_shows += f.no_shows;
		sum.ratings += f.ratings;
	}
	env->cfg->privacy.min_group = min_group;
	assert_int_equal(sum.approved_minutes, all->approved_minutes);
	assert_int_equal(sum.pending_minutes, all->pending_minutes);
	assert_int_equal(sum.active_volunteers, all->active_volunteers);
	assert_int_equal(sum.participants, all->participants);
	assert_int_equal(sum.signups, all->signups);
	assert_int_equal(sum.attended, all->attended);
	assert_int_equal(sum.no_shows, all->no_shows);
	assert_int_equal(sum.ratings, all->ratings);
}

/* The impact metrics of scope s over p (kept per day since migration 25)
 * against a recount from the impact records and goals of the initiatives
 * counted: in the period, not cancelled, of the category, attended by
 * someone of the site or team. The writes record whole numbers, so the
 * sums are exact. */
static void assert_metrics_match_records(tu_env *env, const csr_period *p, const csr_scope *s)
{
	csr_figures f;
	csr_err err;
	int min_group = env->cfg->privacy.min_group;
	env->cfg->privacy.min_group = 1;
	assert_int_equal(csr_metrics_compute(env->db, p, s, &f, &err), CSR_OK);
	env->cfg->privacy.min_group = min_group;
	char *counted = sqlite3_mprintf(
		"WITH c AS (SELECT i.id FROM initiative i WHERE i.starts_at >= %lld"
		" AND i.starts_at < %lld AND i.status <> 'cancelled' AND (%d <> 3 OR i.category = %Q)"
		" AND (%d NOT IN (1, 2) OR EXISTS (SELECT 1 FROM signup x JOIN volunteer v"
		" ON v.id = x.volunteer_id WHERE x.initiative_id = i.id AND x.status = 'attended'"
		" AND CASE %d WHEN 1 THEN v.site ELSE v.team END = %Q)))",
		(long long)p->from, (long long)p->to, (int)s->kind, s->value, (int)s->kind,
		(int)s->kind, s->value);
	int shown = 0;
	for (size_t m = 0; m < sizeof t_metrics / sizeof t_metrics[0]; m++) {
		const char *key = t_metrics[m];
		const csr_metric_figure *fig = NULL;
		for (int k = 0; k < f.nmetrics; k++)
			if (strcmp(f.metrics[k].key, key) == 0)
				fig = &f.metrics[k];
		char *sql[] = {
			sqlite3_mprintf("%s SELECT total(value) FROM impact WHERE voided_at IS NULL"
					" AND metric = %Q AND initiative_id IN c", counted, key),
			sqlite3_mprintf("%s SELECT total(target) FROM initiative_goal WHERE metric = %Q"
					" AND initiative_id IN c", counted, key),
			sqlite3_mprintf("%s SELECT count(*) FROM initiative_goal WHERE metric = %Q"
					" AND initiative_id IN c", counted, key),
			sqlite3_mprintf("%s SELECT count(*) FROM initiative_goal g WHERE metric = %Q"
					" AND initiative_id IN c AND (SELECT total(value) FROM impact"
					" WHERE initiative_id = g.initiative_id AND metric = g.metric"
					" AND voided_at IS NULL) >= target", counted, key),
			sqlite3_mprintf("%s SELECT EXISTS (SELECT 1 FROM impact WHERE metric = %Q AND"
					" voided_at IS NULL AND initiative_id IN c UNION SELECT 1"
					" FROM initiative_goal WHERE metric = %Q AND initiative_id IN c)",
					counted, key, key),
		};
		int64_t want[5];
		for (int q = 0; q < 5; q++) {
			want[q] = tu_scalar(env, sql[q]);
			sqlite3_free(sql[q]);
		}
		bool configured = strcmp(key, "gone") != 0;
		if (!configured && !want[4]) {
			assert_null(fig); /* a removed metric without records is not shown */
			continue;
		}
		if (!fig)
			fail_msg("metric %s missing from the figures of scope %d %s", key,
				 (int)s->kind, s->value);
		shown += !configured;
		if ((int64_t)fig->total != want[0] || (int64_t)fig->goal != want[1] ||
		    fig->goals_set != want[2] || fig->goals_met != want[3])
			fail_msg("metric %s of scope %d %s over [%lld, %lld): total %g goal %g set %d"
				 " met %d, the records say %lld %lld %lld %lld", key, (int)s->kind,
				 s->value, (long long)p->from, (long long)p->to, fig->total, fig->goal,
				 fig->goals_set, fig->goals_met, (long long)want[0], (long long)want[1],
				 (long long)want[2], (long long)want[3]);
	}
	sqlite3_free(counted);
	assert_int_equal(f.nmetrics, env->cfg->nmetrics + shown);
}

/* Approved (or pending) minutes in [p) counted from the records, with
 * the extra condition cond on hours row h (a team, an initiative, a
 * category). The sums of hours may take an edge day's whole totals less
 * the rest of the day (query_day_sums): this recount does not. */
static int64_t minutes_of_records(tu_env *env, const csr_period *p, const char *status,
				  const char *cond)
{
	char *sql = sqlite3_mprintf("SELECT coalesce(sum(h.minutes), 0) FROM hours h"
				    " LEFT JOIN volunteer v ON v.id = h.volunteer_id"
				    " LEFT JOIN initiative i ON i.id = h.initiative_id"
				    " WHERE h.status = %Q AND h.worked_on >= %lld AND h.worked_on < %lld"
				    " AND (%s)", status, (long long)p->from, (long long)p->to, cond);
	int64_t n = tu_scalar(env, sql);
	sqlite3_free(sql);
	return n;
}

/* Every sum of hours the Impact panel shows, against the records: the
 * hours of everyone and of a category, the top teams and initiatives
 * shown, each category's months added up. */
static void assert_hours_match_records(tu_env *env, const csr_period *p)
{
	csr_scope all = scope(CSR_SCOPE_ALL, ""), health = scope(CSR_SCOPE_CATEGORY, "health");
	csr_figures f;
	csr_ranked r[8];
	csr_month_hours m[64];
	int n, min_group = env->cfg->privacy.min_group;
	csr_err err;
	env->cfg->privacy.min_group = 1;
	assert_int_equal(csr_metrics_compute(env->db, p, &all, &f, &err), CSR_OK);
	assert_int_equal(f.approved_minutes, minutes_of_records(env, p, "approved", "1"));
	assert_int_equal(f.pending_minutes, minutes_of_records(env, p, "pending", "1"));
	assert_int_equal(csr_metrics_compute(env->db, p, &health, &f, &err), CSR_OK);
	assert_int_equal(f.approved_minutes,
			 minutes_of_records(env, p, "approved", "i.category = 'health'"));
	assert_int_equal(csr_metrics_top_teams(env->db, p, &all, r, 8, &n, &err), CSR_OK);
	for (int i = 0; i < n; i++) {
		char *cond = sqlite3_mprintf("v.team = %Q", r[i].label);
		assert_int_equal(r[i].minutes, minutes_of_records(env, p, "approved", cond));
		sqlite3_free(cond);
	}
	assert_int_equal(csr_metrics_top_initiatives(env->db, p, &all, r, 8, &n, &err), CSR_OK);
	for (int i = 0; i < n; i++) {
		char *cond = sqlite3_mprintf("h.initiative_id = %lld", (long long)r[i].id);
		assert_int_equal(r[i].minutes, minutes_of_records(env, p, "approved", cond));
		sqlite3_free(cond);
	}
	assert_int_equal(csr_metrics_hours_by_month(env->db, p, &all, m, 64, &n, &err), CSR_OK);
	for (size_t c = 0; c < sizeof t_categories / sizeof t_categories[0]; c++) {
		int64_t sum = 0;
		for (int i = 0; i < n; i++)
			sum += strcmp(m[i].category, t_categories[c]) == 0 ? m[i].minutes : 0;
		char *cond = sqlite3_mprintf("i.category = %Q", t_categories[c]);
		assert_int_equal(sum, minutes_of_records(env, p, "approved", cond));
		sqlite3_free(cond);
	}
	env->cfg->privacy.min_group = min_group;
}

/* Everything the Impact panel shows, from the totals ("all") and from the
 * records ("site S1", everyone's site), for one period. */
static void assert_totals_match_records(tu_env *env, const csr_period *p)
{
	csr_scope all = scope(CSR_SCOPE_ALL, ""), site = scope(CSR_SCOPE_SITE, "S1");
	csr_figures fa, fs;
	csr_ranked ra[8], rs[8];
	csr_month_hours ma[64], ms[64];
	int na, ns;
	csr_err err;
	assert_int_equal(csr_metrics_compute(env->db, p, &all, &fa, &err), CSR_OK);
	assert_int_equal(csr_metrics_compute(env->db, p, &site, &fs, &err), CSR_OK);
	assert_same_figures(&fa, &fs);
	char sql[640];
	snprintf(sql, sizeof sql,
		 "SELECT count(*) FROM volunteer WHERE active = 1 AND id IN ("
		 " SELECT s.volunteer_id FROM signup s JOIN initiative i ON i.id = s.initiative_id"
		 " WHERE s.status = 'attended' AND i.starts_at >= %lld AND i.starts_at < %lld"
		 " UNION SELECT volunteer_id FROM hours WHERE status = 'approved'"
		 " AND worked_on >= %lld AND worked_on < %lld)",
		 (long long)p->from, (long long)p->to, (long long)p->from, (long long)p->to);
	assert_int_equal(fa.participants, tu_scalar(env, sql));
	assert_int_equal(csr_metrics_top_teams(env->db, p, &all, ra, 8, &na, &err), CSR_OK);
	assert_int_equal(csr_metrics_top_teams(env->db, p, &site, rs, 8, &ns, &err), CSR_OK);
	assert_same_ranked(ra, na, rs, ns);
	assert_int_equal(csr_metrics_top_initiatives(env->db, p, &all, ra, 8, &na, &err), CSR_OK);
	assert_int_equal(csr_metrics_top_initiatives(env->db, p, &site, rs, 8, &ns, &err), CSR_OK);
	assert_same_ranked(ra, na, rs, ns);
	assert_int_equal(csr_metrics_hours_by_month(env->db, p, &all, ma, 64, &na, &err), CSR_OK);
	assert_int_equal(csr_metrics_hours_by_month(env->db, p, &site, ms, 64, &ns, &err), CSR_OK);
	assert_int_equal(na, ns);
	for (int i = 0; i < na; i++) {
		assert_string_equal(ma[i].category, ms[i].category);
		assert_int_equal(ma[i].minutes, ms[i].minutes);
	}
	assert_teams_add_up(env, p);
	assert_hours_match_records(env, p);
	static const csr_scope scopes[] = {
		{ CSR_SCOPE_ALL, "" }, { CSR_SCOPE_SITE, "S1" }, { CSR_SCOPE_TEAM, "T1" },
		{ CSR_SCOPE_TEAM, "T3" }, { CSR_SCOPE_CATEGORY, "health" },
	};
	for (size_t k = 0; k < sizeof scopes / sizeof scopes[0]; k++)
		assert_metrics_match_records(env, p, &scopes[k]);
}

static void test_totals_follow_writes(void **state)
{
	tu_env *env = *state;
	totals_fixture(env);
	for (int round = 0; round < 6; round++) {
		for (int w = 0; w < 80; w++)
			random_write(env);
		assert_totals_recount(env);
		for (int k = 0; k < 8; k++) {
			csr_period p = { .from = t_base - 86400 + rnd(T_SPAN) };
			p.to = p.from + 1 + rnd(k % 2 ? 86400 : T_SPAN);
			assert_totals_match_records(env, &p);
		}
	}
	/* Some sums must have been non-trivial for the comparison to mean anything. */
	assert_true(tu_scalar(env, "SELECT count(*) FROM hours WHERE status = 'approved'") > 30);
	assert_true(tu_scalar(env, "SELECT count(*) FROM signup WHERE status = 'attended'") > 10);
}

/* Hours recorded at local midnight, as csrdesk records a day's hours: the
 * first UTC day of a local month then holds the month's first day in its
 * last hours (22:00 UTC in October) and the day before in the rest. The
 * sums of hours take such a day from its totals less the rest when the
 * rest holds fewer records (query_day_sums); here each edge day holds
 * records on both sides, more inside the month, so both edges are taken
 * that way, and every sum must still be the records' own. */
static void test_hours_at_local_midnight(void **state)
{
	tu_env *env = *state;
	totals_fixture(env);
	tu_sql(env,
	    "CREATE TEMP TABLE at (t, n);"
	    "INSERT INTO at VALUES ('2026-09-30 22:00', 6), ('2026-09-30 10:00', 2),"
	    " ('2026-10-31 12:00', 6), ('2026-10-31 23:00', 2), ('2026-10-15 22:00', 3),"
	    " ('2026-10-01 05:00', 1), ('2026-11-01 00:00', 1), ('2026-10-31 23:55', 1),"
	    " ('2026-09-30 00:05', 1);"
	    "WITH RECURSIVE k (k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM k WHERE k < 6)"
	    " INSERT INTO hours (volunteer_id, initiative_id, worked_on, minutes, status, created_at)"
	    " SELECT 1001 + (k * 7 + length(at.t)) % 23, 501 + (k * 3 + at.n) % 10,"
	    " CAST(strftime('%s', at.t) AS INTEGER), 10 * k + at.n,"
	    " CASE WHEN k = 3 THEN 'pending' ELSE 'approved' END, 0"
	    " FROM at JOIN k ON k.k <= at.n;"
	    "DROP TABLE at");
	const char *periods[] = { "2026-10", "2026-10-01..2026-10-31", "2026-10-02..2026-10-30",
				  "2026-Q4", "2026-10-01..2026-10-01" };
	for (size_t i = 0; i < sizeof periods / sizeof periods[0]; i++) {
		csr_period p = tu_period(periods[i]);
		assert_totals_match_records(env, &p);
	}
}

/* A database from before the totals (version 5) gets them filled from its
 * records by the migration. */
static void test_totals_filled_by_migration(void **state)
{
	tu_env *env = *state;
	totals_fixture(env);
	for (int w = 0; w < 300; w++)
		random_write(env);
	tu_sql(env, "DROP TRIGGER hours_totals_insert; DROP TRIGGER hours_totals_delete;"
		    " DROP TRIGGER hours_totals_update; DROP TRIGGER volunteer_team_totals;"
		    " DROP TRIGGER signup_totals_insert; DROP TRIGGER signup_totals_delete;"
		    " DROP TRIGGER signup_totals_update; DROP TRIGGER feedback_totals_insert;"
		    " DROP TRIGGER feedback_totals_delete; DROP TRIGGER feedback_totals_update;"
		    " DROP TABLE hours_day; DROP TABLE team_hours_day; DROP TABLE initiative_places;"
		    " DROP TRIGGER hours_activity_insert; DROP TRIGGER hours_activity_delete;"
		    " DROP TRIGGER hours_activity_update; DROP TRIGGER signup_activity_insert;"
		    " DROP TRIGGER signup_activity_delete; DROP TRIGGER signup_activity_update;"
		    " DROP TRIGGER initiative_activity; DROP INDEX volunteer_by_active;"
		    " DROP TABLE initiative_ratings; DROP TABLE activity_day; PRAGMA user_version = 5");
	csr_err err;
	assert_int_equal(csr_db_migrate_to(env->db, 6, &err), CSR_OK);
	assert_true(tu_scalar(env, "SELECT count(*) FROM hours_day") > 20);
	assert_totals_recount(env);
	csr_period p = { .from = t_base + 3600, .to = t_base + T_SPAN - 7200 };
	assert_totals_match_records(env, &p);
}

int main(void)
{
	/* Central European time with its summer time, without needing tzdata. */
	setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3", 1);
	tzset();
	const struct CMUnitTest empty[] = {
		cmocka_unit_test(test_no_volunteers),
	};
	const struct CMUnitTest fixture_tests[] = {
		cmocka_unit_test(test_period_without_data),
		cmocka_unit_test(test_quarter_all),
		cmocka_unit_test(test_quarter_metrics),
		cmocka_unit_test(test_team_scope),
		cmocka_unit_test(test_category_scope),
		cmocka_unit_test(test_custom_range_and_future),
		cmocka_unit_test(test_top_lists),
		cmocka_unit_test(test_hours_by_month),
		cmocka_unit_test(test_bad_arguments),
	};
	const struct CMUnitTest totals[] = {
		cmocka_unit_test_setup_teardown(test_totals_follow_writes, tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(test_top_initiatives_many, tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(test_participation_dense_and_sparse, tu_setup,
						tu_teardown),
		cmocka_unit_test_setup_teardown(test_totals_filled_by_migration, tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(test_hours_at_local_midnight, tu_setup, tu_teardown),
	};
	int failed = cmocka_run_group_tests_name("empty", empty, tu_setup, tu_teardown);
	failed += cmocka_run_group_tests_name("figures", fixture_tests, setup_fixture, tu_teardown);
	failed += cmocka_run_group_tests_name("totals", totals, NULL, NULL);
	return failed;
}
