/* SPDX-License-Identifier: MIT */
/* Every scope is a first-class query (issue 15, migration 013):
 *
 * - the totals per site and team (scope_hours_day, scope_places with the
 *   ratings of migration 015) and the list of sites and teams
 *   (volunteer_group), a site's and a category's hours per team and day
 *   (site_team_day, category_team_day), the participation kept per range
 *   (participation_range) and the impact sums per initiative and per scope
 *   and day (initiative_metric, impact_day) always equal what the records
 *   say, after every kind of write: hours logged, decided, moved, removed;
 *   places taken, attended and cancelled; ratings given, changed, moved,
 *   removed; impact recorded, voided, moved, removed; goals set, changed,
 *   removed; initiatives moved, cancelled, restored, removed; people moving
 *   to another team or site, leaving and coming back;
 * - with the planner's statistics of the benchmark's data set (50,000
 *   volunteers; data/stat1_50k.txt), no statement of the Impact figures, the
 *   team report or the scope menu reads a table or an index from end to
 *   end, at any scope kind.
 *
 * A real SQLite file; records written with plain SQL, as any program may. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csrdesk/metrics.h"
#include "csrdesk/report.h"
#include "csrdesk/volunteer.h"
#include "db_private.h"
#include "testutil.h"

/* 12 people on 2 sites in 3 teams; 4 initiatives of 2 categories in 2025
 * with places, hours (tied and untied), feedback and impact. */
static void fixture(tu_env *env)
{
	for (int i = 1; i <= 12; i++) {
		char id[8], name[16];
		snprintf(id, sizeof id, "E%d", i);
		snprintf(name, sizeof name, "Person %d", i);
		assert_int_equal(tu_volunteer(env, id, name), i);
	}
	for (int i = 1; i <= 4; i++)
		assert_int_equal(tu_initiative(env, "x", 1, 20), i);
	tu_sql(env,
	    "UPDATE volunteer SET team = CASE WHEN id <= 5 THEN 'Red' WHEN id <= 9 THEN 'Blue'"
	    " ELSE 'Green' END, site = CASE WHEN id <= 7 THEN 'North' ELSE 'South' END;"
	    "UPDATE initiative SET category = CASE WHEN id <= 2 THEN 'education'"
	    " ELSE 'environment' END, starts_at = 1741600800 + id * 86400,"
	    " ends_at = 1741600800 + id * 86400 + 7200;"
	    "INSERT INTO signup (initiative_id, volunteer_id, status, created_at, updated_at)"
	    " SELECT i.id, v.id, CASE (i.id + v.id) % 4 WHEN 0 THEN 'attended'"
	    " WHEN 1 THEN 'confirmed' WHEN 2 THEN 'no-show' ELSE 'cancelled' END, 1, 1"
	    " FROM initiative i, volunteer v WHERE (i.id * v.id) % 3 <> 0;"
	    "INSERT INTO hours (volunteer_id, initiative_id, worked_on, minutes, status, created_at)"
	    " SELECT v.id, CASE WHEN v.id % 5 = 0 THEN NULL ELSE i.id END,"
	    " 1741600800 + i.id * 86400 + v.id * 60, 30 + v.id,"
	    " CASE v.id % 3 WHEN 0 THEN 'pending' ELSE 'approved' END, 1"
	    " FROM initiative i, volunteer v WHERE (i.id + v.id) % 2 = 0;"
	    "INSERT INTO feedback (initiative_id, volunteer_id, rating, created_at)"
	    " SELECT initiative_id, volunteer_id, 1 + volunteer_id % 5, 1 FROM signup"
	    " WHERE status = 'attended';"
	    "INSERT INTO impact (initiative_id, metric, value, recorded_by, recorded_at)"
	    " SELECT id, 'trees', 10 * id, NULL, 1 FROM initiative");
}

static int setup(void **state)
{
	int rc = tu_setup(state);
	if (rc == 0)
		fixture(*state);
	return rc;
}

/* The impact sums per initiative and metric, and per scope, day and metric
 * (migration 25), recounted from the impact records, the goals, and the
 * attended places of the people of each site and team. */
#define METRIC_RECOUNT \
	"SELECT k.initiative_id AS initiative_id, k.metric AS metric, (SELECT total(value)" \
	" FROM impact WHERE initiative_id = k.initiative_id AND metric = k.metric" \
	" AND voided_at IS NULL) AS total, (SELECT target FROM initiative_goal" \
	" WHERE initiative_id = k.initiative_id AND metric = k.metric) AS target" \
	" FROM (SELECT initiative_id, metric FROM impact WHERE voided_at IS NULL" \
	" UNION SELECT initiative_id, metric FROM initiative_goal) k"
#define IMPACT_DAY_RECOUNT \
	"SELECT s.kind, s.value, i.starts_at / 86400 - (i.starts_at % 86400 < 0), m.metric," \
	" total(m.total), total(m.target), count(m.target)," \
	" count(CASE WHEN m.total >= m.target THEN 1 END) FROM (" METRIC_RECOUNT ") m" \
	" JOIN initiative i ON i.id = m.initiative_id" \
	" JOIN (SELECT id, 0 AS kind, '' AS value FROM initiative" \
	" UNION SELECT id, 3, category FROM initiative UNION SELECT x.initiative_id, 1, v.site" \
	" FROM signup x JOIN volunteer v ON v.id = x.volunteer_id WHERE x.status = 'attended'" \
	" UNION SELECT x.initiative_id, 2, v.team FROM signup x JOIN volunteer v" \
	" ON v.id = x.volunteer_id WHERE x.status = 'attended') s ON s.id = m.initiative_id" \
	" WHERE i.status <> 'cancelled' GROUP BY 1, 2, 3, 4"

/* The rows of a totals table that differ from the same sums recounted
 * from the records (rows at 0 in the totals are as good as none). */
static const char *const drift_sql[] = {
	"SELECT count(*) FROM (SELECT * FROM initiative_metric EXCEPT " METRIC_RECOUNT ")",
	"SELECT count(*) FROM (" METRIC_RECOUNT " EXCEPT SELECT * FROM initiative_metric)",
	"SELECT count(*) FROM (SELECT * FROM impact_day EXCEPT " IMPACT_DAY_RECOUNT ")",
	"SELECT count(*) FROM (" IMPACT_DAY_RECOUNT " EXCEPT SELECT * FROM impact_day)",
	"SELECT count(*) FROM (SELECT site, day, team, status, initiative_id, minutes"
	" FROM scope_hours_day WHERE minutes <> 0 EXCEPT"
	" SELECT v.site, h.worked_on / 86400 - (h.worked_on % 86400 < 0), v.team, h.status,"
	" coalesce(h.initiative_id, 0), sum(h.minutes) FROM hours h"
	" JOIN volunteer v ON v.id = h.volunteer_id GROUP BY 1, 2, 3, 4, 5)",
	"SELECT count(*) FROM (SELECT v.site, h.worked_on / 86400 - (h.worked_on % 86400 < 0),"
	" v.team, h.status, coalesce(h.initiative_id, 0), sum(h.minutes) FROM hours h"
	" JOIN volunteer v ON v.id = h.volunteer_id GROUP BY 1, 2, 3, 4, 5 EXCEPT"
	" SELECT site, day, team, status, initiative_id, minutes FROM scope_hours_day)",
	"SELECT count(*) FROM (SELECT site, day, status, initiative_id, minutes"
	" FROM site_hours_day WHERE minutes <> 0 EXCEPT"
	" SELECT v.site, h.worked_on / 86400 - (h.worked_on % 86400 < 0), h.status,"
	" coalesce(h.initiative_id, 0), sum(h.minutes) FROM hours h"
	" JOIN volunteer v ON v.id = h.volunteer_id GROUP BY 1, 2, 3, 4)",
	"SELECT count(*) FROM (SELECT v.site, h.worked_on / 86400 - (h.worked_on % 86400 < 0),"
	" h.status, coalesce(h.initiative_id, 0), sum(h.minutes) FROM hours h"
	" JOIN volunteer v ON v.id = h.volunteer_id GROUP BY 1, 2, 3, 4 EXCEPT"
	" SELECT site, day, status, initiative_id, minutes FROM site_hours_day)",
	"SELECT count(*) FROM (SELECT site, initiative_id, team, live, attended, no_shows,"
	" confirmed FROM scope_places WHERE live + attended + no_shows + confirmed > 0 EXCEPT"
	" SELECT v.site, s.initiative_id, v.team, sum(s.status <> 'cancelled'),"
	" sum(s.status = 'attended'), sum(s.status = 'no-show'), sum(s.status = 'confirmed')"
	" FROM signup s JOIN volunteer v ON v.id = s.volunteer_id GROUP BY 1, 2, 3"
	" HAVING sum(s.status <> 'cancelled') > 0)",
	"SELECT count(*) FROM (SELECT v.site, s.initiative_id, v.team, sum(s.status <> 'cancelled'),"
	" sum(s.status = 'attended'), sum(s.status = 'no-show'), sum(s.status = 'confirmed')"
	" FROM signup s JOIN volunteer v ON v.id = s.volunteer_id GROUP BY 1, 2, 3"
	" HAVING sum(s.status <> 'cancelled') > 0 EXCEPT"
	" SELECT site, initiative_id, team, live, attended, no_shows, confirmed FROM scope_places)",
	"SELECT count(*) FROM (SELECT site, initiative_id, team, ratings, rating_sum"
	" FROM scope_places WHERE ratings <> 0 OR rating_sum <> 0 EXCEPT"
	" SELECT v.site, f.initiative_id, v.team, count(*), sum(f.rating) FROM feedback f"
	" JOIN volunteer v ON v.id = f.volunteer_id GROUP BY 1, 2, 3)",
	"SELECT count(*) FROM (SELECT v.site, f.initiative_id, v.team, count(*), sum(f.rating)"
	" FROM feedback f JOIN volunteer v ON v.id = f.volunteer_id GROUP BY 1, 2, 3 EXCEPT"
	" SELECT site, initiative_id, team, ratings, rating_sum FROM scope_places)",
	"SELECT count(*) FROM (SELECT site, initiative_id, live, attended, no_shows, confirmed,"
	" ratings, rating_sum FROM site_places"
	" WHERE live <> 0 OR attended <> 0 OR no_shows <> 0 OR confirmed <> 0 OR ratings <> 0"
	" OR rating_sum <> 0 EXCEPT SELECT site, initiative_id, sum(live), sum(attended),"
	" sum(no_shows), sum(confirmed), sum(ratings), sum(rating_sum) FROM scope_places"
	" GROUP BY 1, 2)",
	"SELECT count(*) FROM (SELECT site, initiative_id, sum(live), sum(attended),"
	" sum(no_shows), sum(confirmed), sum(ratings), sum(rating_sum) FROM scope_places"
	" GROUP BY 1, 2 HAVING sum(live) <> 0 OR sum(attended) <> 0 OR sum(no_shows) <> 0"
	" OR sum(confirmed) <> 0 OR sum(ratings) <> 0 OR sum(rating_sum) <> 0 EXCEPT"
	" SELECT site, initiative_id, live, attended, no_shows, confirmed, ratings, rating_sum"
	" FROM site_places)",
	"SELECT count(*) FROM (SELECT site, day, team, minutes FROM site_team_day"
	" WHERE minutes <> 0 EXCEPT SELECT v.site, h.worked_on / 86400 - (h.worked_on % 86400 < 0),"
	" v.team, sum(h.minutes) FROM hours h JOIN volunteer v ON v.id = h.volunteer_id"
	" WHERE h.status = 'approved' GROUP BY 1, 2, 3)",
	"SELECT count(*) FROM (SELECT v.site, h.worked_on / 86400 - (h.worked_on % 86400 < 0),"
	" v.team, sum(h.minutes) FROM hours h JOIN volunteer v ON v.id = h.volunteer_id"
	" WHERE h.status = 'approved' GROUP BY 1, 2, 3 EXCEPT"
	" SELECT site, day, team, minutes FROM site_team_day)",
	"SELECT count(*) FROM (SELECT category, day, team, minutes FROM category_team_day"
	" WHERE minutes <> 0 EXCEPT SELECT i.category,"
	" h.worked_on / 86400 - (h.worked_on % 86400 < 0), v.team, sum(h.minutes) FROM hours h"
	" JOIN volunteer v ON v.id = h.volunteer_id JOIN initiative i ON i.id = h.initiative_id"
	" WHERE h.status = 'approved' GROUP BY 1, 2, 3)",
	"SELECT count(*) FROM (SELECT i.category, h.worked_on / 86400 - (h.worked_on % 86400 < 0),"
	" v.team, sum(h.minutes) FROM hours h JOIN volunteer v ON v.id = h.volunteer_id"
	" JOIN initiative i ON i.id = h.initiative_id WHERE h.status = 'approved'"
	" GROUP BY 1, 2, 3 EXCEPT SELECT category, day, team, minutes FROM category_team_day)",
	"SELECT count(*) FROM participation_range r WHERE participants <> (SELECT count(*)"
	" FROM volunteer v WHERE v.active = 1 AND (r.kind <> 1 OR v.site = r.value) AND EXISTS"
	" (SELECT 1 FROM activity_day d WHERE d.volunteer_id = v.id AND d.day >= r.lo"
	" AND d.day < r.hi AND d.n > 0 AND (r.kind <> 2 OR d.category = r.value)))",
	"SELECT count(*) FROM (SELECT kind, name, members, active FROM volunteer_group EXCEPT"
	" SELECT * FROM (SELECT 1, site, count(*), sum(active) FROM volunteer GROUP BY site"
	" UNION ALL SELECT 2, team, count(*), sum(active) FROM volunteer GROUP BY team))",
	"SELECT count(*) FROM (SELECT 1, site, count(*), sum(active) FROM volunteer GROUP BY site"
	" UNION ALL SELECT 2, team, count(*), sum(active) FROM volunteer GROUP BY team EXCEPT"
	" SELECT kind, name, members, active FROM volunteer_group)",
};

static void assert_no_drift(tu_env *env, const char *after)
{
	assert_true(tu_scalar(env, "SELECT count(*) FROM scope_hours_day") > 0);
	assert_true(tu_scalar(env, "SELECT count(*) FROM impact_day WHERE kind = 2") > 0);
	if (tu_scalar(env, "SELECT count(*) FROM participation_range") != 6)
		fail_msg("after %s: the kept participation counts are gone", after);
	for (size_t i = 0; i < sizeof drift_sql / sizeof drift_sql[0]; i++) {
		int64_t rows = tu_scalar(env, drift_sql[i]);
		if (rows != 0)
			fail_msg("after %s: %lld rows differ from the records (check %zu)", after,
				 (long long)rows, i);
	}
}

/* Participation counted, and so kept (participation_range), for everyone,
 * each site and two categories over ranges that hold some of the fixture's
 * days (10 to 15 March 2025) and not others. */
static void keep_participation(tu_env *env)
{
	static const struct {
		csr_scope scope;
		const char *period;
	} counts[] = {
		{ { CSR_SCOPE_ALL, "" }, "2025" },
		{ { CSR_SCOPE_SITE, "North" }, "2025" },
		{ { CSR_SCOPE_SITE, "South" }, "2025-03-11..2025-03-12" },
		{ { CSR_SCOPE_ALL, "" }, "2025-03-13..2025-12-31" },
		{ { CSR_SCOPE_CATEGORY, "education" }, "2025" },
		{ { CSR_SCOPE_CATEGORY, "environment" }, "2025-03-11..2025-03-13" },
	};
	env->cfg->privacy.min_group = 1; /* a category of a few days has few people */
	for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
		csr_period p = tu_period(counts[i].period);
		csr_figures f;
		csr_err err;
		assert_int_equal(csr_metrics_compute(env->db, &p, &counts[i].scope, &f, &err),
				 CSR_OK);
	}
}

static void test_totals_follow_every_write(void **state)
{
	tu_env *env = *state;
	static const struct {
		const char *what, *sql;
	} writes[] = {
		{ "the fixture", "SELECT 1" },
		{ "goals set", "INSERT INTO initiative_goal (initiative_id, metric, target) VALUES"
			       " (1, 'trees', 10), (2, 'trees', 25), (3, 'water', 5), (4, 'trees', 40)" },
		{ "impact recorded", "INSERT INTO impact (initiative_id, metric, value, recorded_at)"
				     " VALUES (2, 'trees', 5, 1), (3, 'water', 2.5, 1), (4, 'meals', 7, 1)" },
		{ "impact voided", "UPDATE impact SET voided_at = 2 WHERE initiative_id = 2"
				   " AND value = 20" },
		{ "a goal changed", "UPDATE initiative_goal SET target = 5 WHERE initiative_id = 2" },
		{ "impact moved to another initiative and metric",
		  "UPDATE impact SET initiative_id = 1, metric = 'water' WHERE metric = 'meals'" },
		{ "a goal moved to another metric",
		  "UPDATE initiative_goal SET metric = 'meals' WHERE initiative_id = 4" },
		{ "an impact record removed", "DELETE FROM impact WHERE initiative_id = 3"
					      " AND metric = 'water'" },
		{ "an initiative cancelled", "UPDATE initiative SET status = 'cancelled' WHERE id = 1" },
		{ "an initiative restored", "UPDATE initiative SET status = 'open' WHERE id = 1" },
		{ "hours approved", "UPDATE hours SET status = 'approved' WHERE id % 4 = 0" },
		{ "hours rejected", "UPDATE hours SET status = 'rejected' WHERE id % 7 = 0" },
		{ "hours moved to another day and initiative",
		  "UPDATE hours SET worked_on = worked_on + 86400, initiative_id = 2,"
		  " minutes = minutes + 5 WHERE id % 5 = 1" },
		{ "hours given to someone else", "UPDATE hours SET volunteer_id = 11 WHERE id % 6 = 2" },
		{ "hours removed", "DELETE FROM hours WHERE id % 9 = 3" },
		{ "places attended and cancelled",
		  "UPDATE signup SET status = CASE status WHEN 'confirmed' THEN 'attended'"
		  " WHEN 'attended' THEN 'cancelled' ELSE status END WHERE id % 2 = 0" },
		{ "a place moved to another initiative",
		  "UPDATE signup SET initiative_id = 4 WHERE id = (SELECT min(s.id) FROM signup s"
		  " WHERE s.initiative_id = 1 AND s.volunteer_id NOT IN"
		  " (SELECT volunteer_id FROM signup WHERE initiative_id = 4))" },
		{ "a place removed", "DELETE FROM signup WHERE id % 10 = 5" },
		{ "ratings changed", "UPDATE feedback SET rating = 6 - rating WHERE id % 2 = 0" },
		{ "a rating moved to another initiative and person",
		  "UPDATE feedback SET initiative_id = 3, volunteer_id = 12 WHERE id = (SELECT"
		  " min(f.id) FROM feedback f WHERE f.initiative_id <> 3 AND f.volunteer_id <> 12)"
		  " AND NOT EXISTS (SELECT 1 FROM feedback WHERE initiative_id = 3"
		  " AND volunteer_id = 12)" },
		{ "a rating removed", "DELETE FROM feedback WHERE id % 5 = 1" },
		{ "a new rating", "INSERT OR IGNORE INTO feedback (initiative_id, volunteer_id, rating,"
				  " created_at) VALUES (2, 7, 4, 1)" },
		{ "people changing team", "UPDATE volunteer SET team = 'Blue' WHERE id IN (1, 2)" },
		{ "people changing site", "UPDATE volunteer SET site = 'South' WHERE id IN (3, 9)" },
		{ "a person changing both",
		  "UPDATE volunteer SET site = 'East', team = 'Violet' WHERE id = 4" },
		{ "people leaving", "UPDATE volunteer SET active = 0 WHERE id IN (5, 10)" },
		{ "a person coming back", "UPDATE volunteer SET active = 1 WHERE id = 5" },
		{ "a team emptied", "UPDATE volunteer SET team = 'Red' WHERE team = 'Green'" },
		{ "new people", "INSERT INTO volunteer (employee_id, name, team, site, created_at)"
				" VALUES ('E90', 'New', 'Gold', 'West', 1), ('E91', 'New', 'Red', '', 1)" },
		{ "their hours", "INSERT INTO hours (volunteer_id, initiative_id, worked_on, minutes,"
				 " status, created_at) VALUES (13, 3, 1741800000, 60, 'approved', 1)" },
		{ "an initiative moved to another day",
		  "UPDATE initiative SET starts_at = starts_at + 3 * 86400,"
		  " ends_at = ends_at + 3 * 86400 WHERE id = 2" },
		{ "an initiative moved to another category",
		  "UPDATE initiative SET category = 'health' WHERE id = 3" },
		{ "a person's day rows removed by hand",
		  "DELETE FROM activity_day WHERE volunteer_id = 8" },
		{ "a new initiative with a goal",
		  "INSERT INTO initiative (id, title, category, starts_at, ends_at, capacity,"
		  " created_at) VALUES (9, 'y', 'education', 1741700000, 1741703600, 5, 1);"
		  "INSERT INTO initiative_goal (initiative_id, metric, target) VALUES (9, 'trees', 3)" },
		{ "an initiative removed", "DELETE FROM initiative WHERE id = 9" },
		{ "a goal removed", "DELETE FROM initiative_goal WHERE initiative_id = 1" },
	};
	keep_participation(env);
	for (size_t i = 0; i < sizeof writes / sizeof writes[0]; i++) {
		tu_sql(env, writes[i].sql);
		assert_no_drift(env, writes[i].what);
	}
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM volunteer_group"
				   " WHERE kind = 2 AND name = 'Green'"), 0);
	assert_int_equal(tu_scalar(env, "SELECT active FROM volunteer_group"
				   " WHERE kind = 2 AND name = 'Gold'"), 1);
}

/* A database of version 24 with impact, goals, attendance and hours gets
 * the impact sums (migration 25) and a category's hours per team (26)
 * filled from its records by the migrations: what the triggers then keep. */
static void test_kept_sums_filled_by_migration(void **state)
{
	tu_env *env = *state;
	keep_participation(env);
	tu_sql(env, "INSERT INTO initiative_goal (initiative_id, metric, target) VALUES"
		    " (1, 'trees', 10), (2, 'trees', 25), (3, 'water', 5);"
		    "INSERT INTO impact (initiative_id, metric, value, recorded_at, voided_at)"
		    " VALUES (2, 'trees', 5, 1, NULL), (3, 'water', 2.5, 1, 2), (4, 'meals', 7, 1, NULL);"
		    "UPDATE initiative SET status = 'cancelled' WHERE id = 4");
	int64_t days = tu_scalar(env, "SELECT count(*) FROM impact_day");
	int64_t teams = tu_scalar(env, "SELECT count(*) FROM category_team_day");
	tu_sql(env, "DROP TRIGGER impact_metric_insert; DROP TRIGGER impact_metric_update;"
		    " DROP TRIGGER impact_metric_delete; DROP TRIGGER initiative_goal_metric_insert;"
		    " DROP TRIGGER initiative_goal_metric_update;"
		    " DROP TRIGGER initiative_goal_metric_delete; DROP TRIGGER initiative_impact_days;"
		    " DROP TRIGGER initiative_impact_delete; DROP TRIGGER scope_places_impact_insert;"
		    " DROP TRIGGER scope_places_impact_update; DROP TRIGGER scope_places_impact_delete;"
		    " DROP VIEW initiative_scopes; DROP VIEW impact_day_refresh; DROP VIEW impact_refresh;"
		    " DROP VIEW attended_refresh;"
		    " DROP TABLE initiative_metric; DROP TABLE impact_day;"
		    " DROP TRIGGER scope_hours_category_team_insert;"
		    " DROP TRIGGER scope_hours_category_team_update;"
		    " DROP TRIGGER scope_hours_category_team_delete;"
		    " DROP TRIGGER initiative_category_team_hours; DROP TABLE category_team_day;"
		    " PRAGMA user_version = 24");
	csr_err err;
	assert_int_equal(csr_db_migrate_to(env->db, 26, &err), CSR_OK);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM impact_day"), days);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM category_team_day"), teams);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM sqlite_schema"
				   " WHERE name = 'impact_day_fill'"), 0);
	assert_no_drift(env, "the migration");
}

/* The statistics of the benchmark's data set, in place of this database's
 * own (loaded by SQLite on the next ANALYZE sqlite_schema). */
static void load_statistics(tu_env *env)
{
	char path[512];
	const char *dir = getenv("CSRDESK_TEST_DATA");
	snprintf(path, sizeof path, "%s/stat1_50k.txt", dir ? dir : "tests/unit/data");
	FILE *f = fopen(path, "r");
	if (!f)
		fail_msg("cannot read %s", path);
	tu_sql(env, "ANALYZE; DELETE FROM sqlite_stat1");
	char line[256];
	while (fgets(line, sizeof line, f)) {
		char tbl[64], idx[64], stat[128];
		if (line[0] == '#' || sscanf(line, "%63[^|]|%63[^|]|%127[^\n]", tbl, idx, stat) != 3)
			continue;
		tu_sqlf(env, "INSERT INTO sqlite_stat1 VALUES ('%s', '%s', '%s')", tbl, idx, stat);
	}
	fclose(f);
	tu_sql(env, "ANALYZE sqlite_schema");
}

/* Does name, as a plan shows it, stand for a table of the schema in sql:
 * the table itself or an alias of one ("FROM hours h", "volunteer AS v")?
 * A common table expression, a subquery or constant rows do not. */
static bool names_a_table(tu_env *env, const char *sql, const char *name)
{
	char *q = sqlite3_mprintf(
		"WITH s (t) AS (SELECT ' ' || replace(replace(replace(replace(%Q, char(10), ' '),"
		" ',', ' '), '(', ' '), ')', ' ') || ' ')"
		" SELECT count(*) FROM sqlite_schema, s WHERE type = 'table' AND (name = %Q"
		" OR instr(t, ' ' || name || ' ' || %Q || ' ')"
		" OR instr(t, ' ' || name || ' AS ' || %Q || ' '))", sql, name, name, name);
	int64_t n = tu_scalar(env, q);
	sqlite3_free(q);
	return n > 0;
}

/* Is a plan's SEARCH bounded by ranges only ("(status=? AND worked_on>?
 * AND worked_on<?)"): a slice of a period, with no equality on a key but
 * a status? */
static bool searches_a_range(const char *detail)
{
	const char *c = strchr(detail, '(');
	if (strncmp(detail, "SEARCH ", 7) != 0 || !c || !strchr(c, '>') || !strchr(c, '<'))
		return false;
	for (const char *eq = strchr(c, '='); eq; eq = strchr(eq + 1, '=')) {
		const char *term = eq;
		while (term > c && term[-1] != ' ' && term[-1] != '(')
			term--;
		if (eq[-1] != '>' && eq[-1] != '<' && strncmp(term, "status=", 7) != 0)
			return false;
	}
	return true;
}

enum { PLAN_MAX = 128 };
typedef struct {
	int id, parent;
	char detail[256];
} plan_row;

/* Fails, with the statement and its plan, on any statement that ran since
 * tu_plan_start and reads a table of the schema (or one of its indexes)
 * from end to end, or a whole slice of one into a Bloom filter (SQLite
 * builds those only with statistics, for a look-up it expects to repeat
 * more often than the table has rows), or walks a range of a table (a
 * period's hours) once for every row of another table of the schema. */
static void assert_no_scan(tu_env *env, const char *scope)
{
	sqlite3 *s = csr_db_sqlite(env->db);
	enum { RAN_MAX = 256 };
	const char *ran[RAN_MAX];
	int n = 0;
	for (sqlite3_stmt *st = sqlite3_next_stmt(s, NULL); st; st = sqlite3_next_stmt(s, st))
		if (sqlite3_stmt_status(st, SQLITE_STMTSTATUS_VM_STEP, 0) > 0 && n < RAN_MAX)
			ran[n++] = sqlite3_sql(st);
	assert_true(n > 0);
	static plan_row plan[PLAN_MAX];
	for (int i = 0; i < n; i++) {
		char *eqp = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", ran[i]);
		sqlite3_stmt *st = NULL;
		assert_int_equal(sqlite3_prepare_v2(s, eqp, -1, &st, NULL), SQLITE_OK);
		sqlite3_free(eqp);
		int rows = 0;
		while (sqlite3_step(st) == SQLITE_ROW && rows < PLAN_MAX) {
			plan_row *r = &plan[rows++];
			r->id = sqlite3_column_int(st, 0);
			r->parent = sqlite3_column_int(st, 1);
			snprintf(r->detail, sizeof r->detail, "%s", sqlite3_column_text(st, 3));
		}
		sqlite3_finalize(st);
		for (int k = 0; k < rows; k++) {
			const char *detail = plan[k].detail;
			char name[64] = "";
			if ((sscanf(detail, "SCAN %63s", name) == 1 ||
			     sscanf(detail, "BLOOM FILTER ON %63s", name) == 1) &&
			    names_a_table(env, ran[i], name))
				fail_msg("scope %s: %s\nin: %s", scope, detail, ran[i]);
			if (!searches_a_range(detail))
				continue;
			/* the loop it is nested in: the row before it in its join */
			for (int o = k - 1; o >= 0; o--) {
				if (plan[o].parent != plan[k].parent)
					continue;
				char outer[64] = "";
				if ((sscanf(plan[o].detail, "SCAN %63s", outer) == 1 ||
				     sscanf(plan[o].detail, "SEARCH %63s", outer) == 1) &&
				    names_a_table(env, ran[i], outer))
					fail_msg("scope %s: %s, once per row of %s\nin: %s", scope,
						 detail, outer, ran[i]);
				break;
			}
		}
	}
}

static void read_everything(tu_env *env, const csr_scope *scope)
{
	csr_period p = tu_period("2025");
	csr_err err;
	csr_figures f;
	csr_ranked top[5];
	csr_month_hours months[64];
	csr_category_hours cats[16];
	int n = 0, hidden = 0;
	char groups[16][CSR_TEAM_MAX];
	/* twice: the second count reads the participation the first kept */
	assert_int_equal(csr_metrics_compute(env->db, &p, scope, &f, &err), CSR_OK);
	assert_int_equal(csr_metrics_compute(env->db, &p, scope, &f, &err), CSR_OK);
	assert_int_equal(csr_metrics_top(env->db, &p, scope, CSR_TOP_TEAMS, top, 5, &n, &hidden,
					 &err), CSR_OK);
	assert_int_equal(csr_metrics_top(env->db, &p, scope, CSR_TOP_INITIATIVES, top, 5, &n,
					 &hidden, &err), CSR_OK);
	assert_int_equal(csr_metrics_hours_by_month(env->db, &p, scope, months, 64, &n, &err),
			 CSR_OK);
	assert_int_equal(csr_metrics_hours_by_category(env->db, &p, scope, cats, 16, &n, &hidden,
						       &err), CSR_OK);
	assert_int_equal(csr_metrics_impact(env->db, &p, scope, &f, &err), CSR_OK);
	assert_int_equal(csr_volunteer_groups(env->db, CSR_GROUP_TEAM, groups, 16, &n, &err),
			 CSR_OK);
	assert_int_equal(csr_volunteer_groups(env->db, CSR_GROUP_SITE, groups, 16, &n, &err),
			 CSR_OK);
}

/* Every scope's queries, and the report's, checked in the planner's two
 * states: without statistics of the records (a new database is ANALYZEd
 * empty, and a deployment runs so until its first backup) and with the
 * benchmark's. */
static void test_no_scope_scans_a_table(void **state)
{
	tu_env *env = *state;
	static const csr_scope scopes[] = {
		{ CSR_SCOPE_ALL, "" }, { CSR_SCOPE_SITE, "North" }, { CSR_SCOPE_TEAM, "Red" },
		{ CSR_SCOPE_CATEGORY, "education" },
	};
	/* 17 initiatives of one person of Red each, ranked above the rest and
	 * hidden: Red's top initiatives count their people in one pass */
	for (int i = 0; i < 17; i++)
		tu_initiative(env, "solo", 1, 20);
	tu_sql(env, "UPDATE initiative SET category = 'education', starts_at = 1741600800,"
		    " ends_at = 1741608000 WHERE title = 'solo';"
		    "INSERT INTO hours (volunteer_id, initiative_id, worked_on, minutes, status,"
		    " created_at) SELECT 1, id, starts_at, 600, 'approved', 1 FROM initiative"
		    " WHERE title = 'solo'");
	static const char *const names[][4] = {
		{ "all (no statistics)", "site (no statistics)", "team (no statistics)",
		  "category (no statistics)" },
		{ "all", "site", "team", "category" },
	};
	for (int stats = 0; stats < 2; stats++) {
		if (stats)
			load_statistics(env);
		for (size_t i = 0; i < sizeof scopes / sizeof scopes[0]; i++) {
			tu_plan_start(env);
			read_everything(env, &scopes[i]);
			assert_no_scan(env, names[stats][i]);
		}
		csr_period p = tu_period("2025");
		csr_report *r = NULL;
		csr_err err;
		tu_plan_start(env);
		assert_int_equal(csr_report_build(env->db, &p, "Red", &r, &err), CSR_OK);
		csr_report_free(&r);
		assert_no_scan(env, stats ? "report --team" : "report --team (no statistics)");
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_totals_follow_every_write, setup, tu_teardown),
		cmocka_unit_test_setup_teardown(test_kept_sums_filled_by_migration, setup,
						tu_teardown),
		cmocka_unit_test_setup_teardown(test_no_scope_scans_a_table, setup, tu_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
