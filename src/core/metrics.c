/* SPDX-License-Identifier: MIT */
/* Impact figures over a period and a scope.
 *
 * Definitions (the README quotes them; every figure is computed from the
 * records by these rules, so a manager can recount it by hand):
 *
 * Period. A half-open range [from, to) of local time: "2026" is 2026-01-01
 *   00:00 up to 2027-01-01 00:00; "2026-Q3" July to September; "2026-10"
 *   October; "2026-01-05..2026-02-01" the fifth of January up to and
 *   including the first of February.
 * What belongs to a period. An initiative, and everything recorded on it
 *   (places, impact values, goals, feedback), belongs to the period in which
 *   it starts (starts_at). Hours belong to the period of the day they were
 *   worked (worked_on), whatever initiative they are tied to.
 * Scope. "all" counts everything. "site S" and "team T" keep the volunteers
 *   whose site or team is S or T today (volunteer.site, volunteer.team):
 *   their hours, places and feedback. "category C" keeps the initiatives of
 *   category C, and the hours tied to them; hours not tied to an initiative
 *   have no category and are left out under a category scope.
 * Volunteers who left (active = 0) keep their history: their hours, places
 *   and feedback count in every figure except participation.
 *
 * approved_minutes, pending_minutes: the sum of the minutes of the hours
 *   with that status, worked in the period, in scope. Rejected hours count
 *   nowhere.
 * participation = participants / active_volunteers. active_volunteers: the
 *   volunteers with active = 1 in the site or team scope (all of them under
 *   "all" and "category"). participants: those of them with an "attended"
 *   place on an initiative in the period (in the category, under a category
 *   scope) or approved hours in the period (in scope). 0 with no volunteers.
 * signups: places not cancelled (confirmed, waitlisted, attended, no-show)
 *   on initiatives in the period that are not cancelled, by volunteers in
 *   scope.
 * attendance_rate = attended / (attended + no_shows + confirmed) and
 *   no_show_rate = no_shows / (the same), over the places of those
 *   initiatives that have already ended (ends_at <= now); "confirmed" on an
 *   ended initiative means attendance was not recorded yet, so it counts
 *   against the rate. Both 0 when the denominator is 0.
 * metrics, one per config metric in config order, then any metric the
 *   config no longer defines that has records: total = the sum of the
 *   impact values recorded for initiatives in the period, not cancelled and
 *   in scope; goal = the sum of the targets set for those initiatives;
 *   goals_set = how many of them have a target; goals_met = how many of
 *   those reached it (that initiative's own recorded total >= its target).
 *   An initiative is in a site or team scope when someone of that site or
 *   team attended it (impact is recorded per initiative, not per person).
 * rating: the average of the feedback ratings (1-5) on initiatives in the
 *   period, given by volunteers in scope; ratings: how many there are.
 * top teams, top initiatives: approved minutes in the period (in scope),
 *   summed by the volunteer's current team or by initiative, most first
 *   (ties by name or id). Hours not tied to an initiative count for teams
 *   but not for initiatives.
 * hours by month: approved minutes in the period (in scope) summed by the
 *   category of their initiative and the local month of the day worked
 *   ("YYYY-MM"), ordered by month then category; hours not tied to an
 *   initiative have no category and are not in this table.
 *
 * Privacy (privacy.min_group, metrics.h): a site, team or category scope of
 *   fewer people is refused; a row of fewer people (a category's hours, a
 *   team or an initiative of a top list) is hidden, and where the shown
 *   total minus the other rows would give one hidden row away, the
 *   smallest shown row with it; hours by month leave the hidden categories
 *   out; the rating needs min_group raters. */
#include "csrdesk/metrics.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "csrdesk/clock.h"
#include "csrdesk/figures_cache.h"
#include "csrdesk/format.h"
#include "csrdesk/i18n.h"
#include "csrdesk/text.h"
#include "db_private.h"
#include "id_map.h"
#include "records.h"

/* ---- the queries ----
 *
 * Every statement binds ?1, ?2 = the period [from, to), ?3 = the scope kind
 * (0 all, 1 site, 2 team, 3 category, as csr_scope_kind) and ?4 = the scope
 * value; some also ?5. The scope tests are written so that under "all" they
 * are constant-true and cost nothing per row; the subqueries on volunteer
 * and initiative are not correlated, so SQLite builds each once per call.
 * CROSS JOIN fixes the join order (SQLite never reorders it): the
 * initiatives of the period drive the indexed lookups of their places,
 * feedback and impact, with or without ANALYZE statistics, instead of a
 * scan of, say, every attended place ever.
 *
 * Sums of hours and places come from the running totals of migration 006
 * (kept current by triggers in every write) where the scope allows: the
 * whole UTC days [?6, ?7) of the period from the day totals, the partial
 * days at its ends, [?1, ?8) and [?9, ?2), from the records themselves. A
 * local period rarely starts at a UTC midnight, and this keeps every figure
 * exact in any time zone. Where the totals cannot serve the scope, the
 * days are empty and the edges are the whole period. */

_Static_assert(CSR_SCOPE_ALL == 0 && CSR_SCOPE_SITE == 1 && CSR_SCOPE_TEAM == 2 &&
	       CSR_SCOPE_CATEGORY == 3, "the SQL below spells the scope kinds as numbers,"
	       " and BY_KIND lists them in this order");

/* Every scope kind has SQL of its own, which its own indexes serve: a
 * statement is written once as a macro of the kind K and kept in an array
 * by kind (BY_KIND). "All" and "category" (which narrows the initiatives,
 * not the people) share ALL; a site and a team read the totals of
 * migration 013, kept per site and team:
 *   K##_HOURS_DAYS   day totals of hours: hours_day, site_hours_day
 *                    (migration 018: a site's, without the team) or
 *                    scope_hours_day
 *   K##_PLACES       places (and ratings) per initiative: initiative_places
 *                    (initiative_ratings), site_places (migration 022: a
 *                    site's, without the team) or scope_places
 *   K##_RATINGS      ratings per initiative: initiative_ratings, or the
 *                    places' own rows
 *   K##_IN_TOTALS(t) totals row (or volunteer row) t is in the scope
 *   K##_PERSON(col)  the volunteer in col is in the scope, looked up per
 *                    row (for the few records at a period's edges)
 *   K##_PEOPLE(col)  the same through the list of the scope's people,
 *                    read once from an index (for many rows); the unary +
 *                    keeps SQLite from probing an index once per person
 *                    and row instead */
#define BY_KIND(M) { M(ALL), M(SITE), M(TEAM), M(ALL) }
#define ALL_HOURS_DAYS "hours_day"
#define SITE_HOURS_DAYS "site_hours_day"
#define TEAM_HOURS_DAYS "scope_hours_day"
#define ALL_PLACES "initiative_places"
#define SITE_PLACES "site_places"
#define TEAM_PLACES "scope_places"
#define ALL_RATINGS "initiative_ratings"
#define SITE_RATINGS "site_places"
#define TEAM_RATINGS "scope_places"
#define ALL_IN_TOTALS(t) "1"
#define SITE_IN_TOTALS(t) t ".site = ?4"
#define TEAM_IN_TOTALS(t) t ".team = ?4"
#define ALL_PERSON(col) "1"
#define SITE_PERSON(col) "(SELECT site FROM volunteer WHERE id = " col ") = ?4"
#define TEAM_PERSON(col) "(SELECT team FROM volunteer WHERE id = " col ") = ?4"
#define ALL_PEOPLE(col) "1"
#define SITE_PEOPLE(col) "+" col " IN (SELECT id FROM volunteer WHERE site = ?4)"
#define TEAM_PEOPLE(col) "+" col " IN (SELECT id FROM volunteer WHERE team = ?4)"
/* The same, for a count that stops at min_group people: a site holds a
 * large share of everyone, so a look-up per row finds enough of them soon,
 * while its list would be read whole first (12,500 people at 50,000); a
 * team's list is short. */
#define ALL_MEMBER(col) "1"
#define SITE_MEMBER(col) SITE_PERSON(col)
#define TEAM_MEMBER(col) TEAM_PEOPLE(col)

/* Initiative row i: starts in the period, of the category under its scope. */
#define INITIATIVE_IN_PERIOD \
	"i.starts_at >= ?1 AND i.starts_at < ?2 AND (?3 <> 3 OR i.category = ?4)"
/* Initiative row i, under a site or team scope, was attended by one of its
 * people (a look-up of its places per site or team): its impact counts. */
#define ALL_ATTENDED "1"
#define SITE_ATTENDED "EXISTS (SELECT 1 FROM site_places t WHERE t.site = ?4" \
	" AND t.initiative_id = i.id AND t.attended > 0)"
#define TEAM_ATTENDED "EXISTS (SELECT 1 FROM scope_places t WHERE t.team = ?4" \
	" AND t.initiative_id = i.id AND t.attended > 0)"

/* The parts of the period read from the records, for the day totals. */
#define EDGES "edge (lo, hi) AS (VALUES (?1, ?8), (?9, ?2))"
/* The same for a sum of hours (query_day_sums): each part added (sign 1)
 * or, where the rest of its UTC day holds fewer records, that rest taken
 * from the day's totals (sign -1). */
#define EDGES_NET "edge (lo, hi, sign) AS (VALUES (?10, ?11, ?12), (?13, ?14, ?15))"
/* Hours row h: worked in an edge part, tied to the category under its scope. */
#define HOURS_AT_EDGES \
	"h.worked_on >= edge.lo AND h.worked_on < edge.hi AND (?3 <> 3 OR h.initiative_id IN" \
	" (SELECT id FROM initiative WHERE category = ?4))"
/* Day totals row d: a whole day of the period. */
#define DAYS_IN_TOTALS "d.day >= ?6 AND d.day < ?7"
/* A time in an edge part of the period, where no edge table is at hand. */
#define AT_EDGES(t) "((" t " >= ?1 AND " t " < ?8) OR (" t " >= ?9 AND " t " < ?2))"

/* Site and team scopes keep people, which most running totals do not. */
static bool volunteer_scope(const csr_scope *s)
{
	return s->kind == CSR_SCOPE_SITE || s->kind == CSR_SCOPE_TEAM;
}

/* The cached statement for sql with the period and scope bound, and extra
 * as ?5 when the statement has one. */
static sqlite3_stmt *query(csr_db *db, const char *sql, const csr_period *p,
			   const csr_scope *s, int64_t extra, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, sql, err);
	if (!st)
		return NULL;
	sqlite3_bind_int64(st, 1, p->from);
	sqlite3_bind_int64(st, 2, p->to);
	sqlite3_bind_int(st, 3, (int)s->kind);
	sqlite3_bind_text(st, 4, s->value, (int)strnlen(s->value, sizeof s->value),
			  SQLITE_STATIC);
	if (sqlite3_bind_parameter_count(st) >= 5)
		sqlite3_bind_int64(st, 5, extra);
	return st;
}

enum { DAY = 86400 };

static int64_t floor_day(int64_t t)
{
	return t / DAY - (t % DAY < 0);
}

/* Binds ?6..?9, the split of period p between the day totals and the
 * records (see "the queries"). */
static void bind_days(sqlite3_stmt *st, const csr_period *p)
{
	int64_t first = floor_day(p->from) + (p->from % DAY != 0), end = floor_day(p->to);
	int64_t cut_first = first * DAY, cut_end = end * DAY;
	if (end <= first) {
		first = end = 0;
		cut_first = cut_end = p->to;
	}
	sqlite3_bind_int64(st, 6, first);
	sqlite3_bind_int64(st, 7, end);
	sqlite3_bind_int64(st, 8, cut_first);
	sqlite3_bind_int64(st, 9, cut_end);
}

/* query() for a statement over the day totals. */
static sqlite3_stmt *query_days(csr_db *db, const char *sql, const csr_period *p,
				const csr_scope *s, int64_t extra, csr_err *err)
{
	sqlite3_stmt *st = query(db, sql, p, s, extra, err);
	if (st)
		bind_days(st, p);
	return st;
}

/* A part [lo, hi) of a UTC day read from the records, added (sign 1) or
 * taken from the day's totals (sign -1). */
typedef struct {
	int64_t lo, hi;
	int sign;
} edge_part;

/* How many hours records [lo, hi) holds (the covering index by status and
 * day alone: no record is read). */
static csr_code records_between(csr_db *db, int64_t lo, int64_t hi, int64_t *n, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, "SELECT count(*) FROM hours WHERE status IN"
				       " ('approved', 'pending') AND worked_on >= ?1 AND worked_on < ?2",
				       err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, lo);
	sqlite3_bind_int64(st, 2, hi);
	return csr_read_count(db, st, n, N_("computing the impact figures"), err);
}

/* Edge part e of UTC day [day, day + DAY): the rest of the day instead,
 * taken from the day's totals, when it holds fewer records. Hours are
 * recorded at local midnight (a UTC evening in Germany), so the part of
 * a local month that starts a UTC day can hold a whole day's records,
 * and the rest of that day none. *whole: the day now comes from the
 * totals. */
static csr_code net_edge(csr_db *db, edge_part *e, int64_t day, bool *whole, csr_err *err)
{
	int64_t part = 0, all = 0;
	*whole = false;
	if (e->lo == e->hi)
		return CSR_OK;
	csr_code code = records_between(db, e->lo, e->hi, &part, err);
	if (code == CSR_OK && part > 0)
		code = records_between(db, day, day + DAY, &all, err);
	if (code != CSR_OK || all - part >= part)
		return code;
	*e = e->lo == day ? (edge_part){ e->hi, day + DAY, -1 } : (edge_part){ day, e->lo, -1 };
	*whole = true;
	return CSR_OK;
}

/* query() for a sum of hours over the day totals: binds ?6, ?7 (the days
 * from the totals) and ?10..?15 (the edges, EDGES_NET). */
static sqlite3_stmt *query_day_sums(csr_db *db, const char *sql, const csr_period *p,
				    const csr_scope *s, csr_err *err)
{
	int64_t first = floor_day(p->from) + (p->from % DAY != 0), end = floor_day(p->to);
	edge_part lead = { p->from, first * DAY, 1 }, trail = { end * DAY, p->to, 1 };
	bool whole = false;
	csr_code code = CSR_OK;
	if (end < first) { /* within one UTC day */
		first = end = 0;
		lead = (edge_part){ p->from, p->to, 1 };
		trail = (edge_part){ p->to, p->to, 1 };
	} else {
		code = net_edge(db, &lead, (first - 1) * DAY, &whole, err);
		first -= whole;
		if (code == CSR_OK)
			code = net_edge(db, &trail, end * DAY, &whole, err);
		end += whole;
	}
	sqlite3_stmt *st = code == CSR_OK ? query(db, sql, p, s, 0, err) : NULL;
	if (!st)
		return NULL;
	sqlite3_bind_int64(st, 6, first);
	sqlite3_bind_int64(st, 7, end);
	const edge_part *edges[] = { &lead, &trail };
	for (int i = 0; i < 2; i++) {
		sqlite3_bind_int64(st, 10 + 3 * i, edges[i]->lo);
		sqlite3_bind_int64(st, 11 + 3 * i, edges[i]->hi);
		sqlite3_bind_int(st, 12 + 3 * i, edges[i]->sign);
	}
	return st;
}

/* Ends st; CSR_OK when the last step finished the rows. */
static csr_code finish(csr_db *db, sqlite3_stmt *st, int rc, csr_err *err)
{
	csr_stmt_done(st);
	return rc == SQLITE_DONE ? CSR_OK : csr_db_fail(db, rc,
							N_("computing the impact figures"), err);
}

/* Steps st, a query of one count, into *out and ends it. */
static csr_code read_count(csr_db *db, sqlite3_stmt *st, int *out, csr_err *err)
{
	int64_t n = 0;
	csr_code rc = csr_read_count(db, st, &n, N_("computing the impact figures"), err);
	*out = (int)n;
	return rc;
}

static double ratio(int part, int whole)
{
	return whole > 0 ? (double)part / whole : 0.0;
}

#define HOURS_SQL(K) \
	"WITH " EDGES_NET ", part (status, minutes) AS (" \
	"  SELECT d.status, d.minutes FROM " K##_HOURS_DAYS " d" \
	"  WHERE " K##_IN_TOTALS("d") " AND " DAYS_IN_TOTALS \
	"  AND d.status IN ('approved', 'pending')" \
	"  AND (?3 <> 3 OR d.initiative_id IN (SELECT id FROM initiative WHERE category = ?4))" \
	"  UNION ALL SELECT h.status, h.minutes * edge.sign FROM edge CROSS JOIN hours h" \
	"  WHERE h.status IN ('approved', 'pending') AND " HOURS_AT_EDGES \
	"  AND " K##_PERSON("h.volunteer_id") ")" \
	" SELECT coalesce(SUM(CASE WHEN status = 'approved' THEN minutes END), 0)," \
	" coalesce(SUM(CASE WHEN status = 'pending' THEN minutes END), 0) FROM part"

/* Two sums in one row: a GROUP BY status sorted every day row of the
 * period in memory first (1 MB at 500,000 volunteers). */
static csr_code hours_figures(csr_db *db, const csr_period *p, const csr_scope *s,
			      csr_figures *out, csr_err *err)
{
	static const char *const sql[] = BY_KIND(HOURS_SQL);
	sqlite3_stmt *st = query_day_sums(db, sql[s->kind], p, s, err);
	if (!st)
		return csr_err_code(err);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->approved_minutes = sqlite3_column_int64(st, 0);
		out->pending_minutes = sqlite3_column_int64(st, 1);
		rc = SQLITE_DONE;
	}
	return finish(db, st, rc, err);
}

/* The active volunteers in scope (the people counted) and what each did:
 * IN_SCOPE, or TOOK_PART once marked, in an id map of two bits a person
 * (at 500,000 people a list of ids took 4 MB, a byte a person 0.5 MB). */
enum { NOBODY, IN_SCOPE, TOOK_PART };

typedef struct {
	csr_id_map state;
	int participants;
} people;

static void people_mark(people *pp, int64_t id)
{
	if (csr_id_map_get(&pp->state, id) == IN_SCOPE) {
		csr_id_map_put(&pp->state, id, TOOK_PART);
		pp->participants++;
	}
}

/* A site's people come from its own index, in the index's order: without
 * planner statistics SQLite took everyone active (volunteer_by_active) for
 * "active = 1" (the unary + keeps it from that), and with them it read the
 * whole table to spare an ORDER BY its sort. */
static csr_code people_read(csr_db *db, const csr_period *p, const csr_scope *s, people *pp,
			    csr_err *err)
{
	csr_code code = csr_id_map_of(db, CSR_IDS_VOLUNTEER, TOOK_PART, &pp->state, err);
	sqlite3_stmt *st = code != CSR_OK ? NULL : query(db, s->kind == CSR_SCOPE_SITE
		? "SELECT v.id FROM volunteer v WHERE v.site = ?4 AND +v.active = 1"
		: "SELECT v.id FROM volunteer v WHERE v.active = 1", p, s, 0, err);
	if (code == CSR_OK && !st)
		code = csr_err_code(err);
	int rc = SQLITE_DONE;
	bool fits = true;
	while (st && fits && (rc = sqlite3_step(st)) == SQLITE_ROW)
		fits = csr_id_map_put(&pp->state, sqlite3_column_int64(st, 0), IN_SCOPE);
	if (st && !fits)
		csr_stmt_done(st);
	if (st)
		code = fits ? finish(db, st, rc, err) : CSR_ENOMEM;
	csr_id_map_seal(&pp->state);
	if (code == CSR_ENOMEM)
		return csr_fail(err, CSR_ENOMEM, _("Out of memory computing the impact figures"));
	return code;
}

/* Marks everyone with an attended place or approved hours on the period's
 * whole days (the day rows), then on its edges (the records). The unary +
 * keeps SQLite, once it has statistics, from filling a Bloom filter with
 * every approved hour (~30 ms at 50,000 volunteers) for the few hours at
 * the period's edges. */
static const char *const mark_sql[] = {
	"SELECT d.volunteer_id FROM activity_day d WHERE " DAYS_IN_TOTALS " AND d.n > 0",
	"WITH " EDGES
	" SELECT s.volunteer_id FROM edge CROSS JOIN initiative i"
	" CROSS JOIN signup s ON s.initiative_id = i.id"
	" WHERE i.starts_at >= edge.lo AND i.starts_at < edge.hi"
	" AND (?3 <> 3 OR i.category = ?4) AND s.status = 'attended'"
	" UNION ALL SELECT h.volunteer_id FROM edge CROSS JOIN hours h"
	" WHERE +h.status = 'approved' AND " HOURS_AT_EDGES,
	/* a category's own day rows, from activity_by_category: "?3 <> 3 OR"
	 * kept SQLite on the primary key, every category's rows (23 ms of a
	 * category's 35 at 50,000 volunteers) */
	"SELECT d.volunteer_id FROM activity_day d WHERE d.category = ?4 AND " DAYS_IN_TOTALS
	" AND d.n > 0",
};
enum { MARK_DAYS, MARK_EDGES, MARK_CATEGORY_DAYS };

static csr_code people_mark_active(csr_db *db, const char *sql, const csr_period *p,
				   const csr_scope *s, people *pp, csr_err *err)
{
	sqlite3_stmt *st = query_days(db, sql, p, s, 0, err);
	if (!st)
		return csr_err_code(err);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		people_mark(pp, sqlite3_column_int64(st, 0));
	return finish(db, st, rc, err);
}

/* ---- participation kept per range of days (migration 23) ---- */

enum { RANGES_KEPT = 16 };

/* A count of the whole days of a period, to keep once the read that made
 * it has ended, if nothing was written since (its generation). */
typedef struct {
	int kind;
	char value[CSR_SCOPE_VALUE_MAX];
	int64_t lo, hi, participants, generation;
} kept_range;

/* Everyone, a site and a category keep their count per range; a team
 * counts its own people, at a cost that does not grow with the roster. */
static bool keeps_range(const csr_scope *s, const csr_period *p)
{
	return s->kind != CSR_SCOPE_TEAM &&
	       floor_day(p->to) > floor_day(p->from) + (p->from % DAY != 0);
}

/* participation_range.kind of a scope kept there (migration 23). */
#define RANGE_KIND "CASE ?3 WHEN 1 THEN 1 WHEN 3 THEN 2 ELSE 0 END"

static void store_range(csr_db *db, const void *data)
{
	const kept_range *k = data;
	if (!csr_tx_begin_now(db))
		return;
	csr_err ignored;
	int64_t now;
	bool same = csr_figures_generation(db, &now, &ignored) == CSR_OK && now == k->generation;
	sqlite3_stmt *st = same ? csr_db_stmt(db,
		"INSERT OR REPLACE INTO participation_range (kind, value, lo, hi, participants, made)"
		" VALUES (" RANGE_KIND ", ?4, ?6, ?7, ?5,"
		" coalesce((SELECT max(made) FROM participation_range), 0) + 1)", &ignored) : NULL;
	if (st) {
		sqlite3_bind_int(st, 3, k->kind);
		sqlite3_bind_text(st, 4, k->value, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 5, k->participants);
		sqlite3_bind_int64(st, 6, k->lo);
		sqlite3_bind_int64(st, 7, k->hi);
		same = sqlite3_step(st) == SQLITE_DONE;
		csr_stmt_done(st);
	}
	/* made counts the stores: the newest RANGES_KEPT of them stay. */
	st = same ? csr_db_stmt(db, "DELETE FROM participation_range"
				" WHERE made <= (SELECT max(made) FROM participation_range) - ?1",
				&ignored) : NULL;
	if (st) {
		sqlite3_bind_int(st, 1, RANGES_KEPT);
		same = sqlite3_step(st) == SQLITE_DONE;
		csr_stmt_done(st);
	}
	csr_tx_end(db, same ? CSR_OK : CSR_EDB, &ignored);
}

/* Keeps the count of the period's whole days once this read has ended. */
static csr_code keep_range(csr_db *db, const csr_period *p, const csr_scope *s,
			   int participants, csr_err *err)
{
	kept_range k = { .kind = s->kind, .participants = participants };
	snprintf(k.value, sizeof k.value, "%s", s->value);
	k.lo = floor_day(p->from) + (p->from % DAY != 0);
	k.hi = floor_day(p->to);
	csr_code rc = csr_figures_generation(db, &k.generation, err);
	if (rc == CSR_OK)
		csr_db_after_read(db, store_range, &k, sizeof k);
	return rc;
}

/* The scope's active people (from the counts the triggers keep), the
 * count kept for the period's whole days, and the people with records on
 * its edges only; *found false when no count is kept for these days. */
static csr_code participation_kept(csr_db *db, const csr_period *p, const csr_scope *s,
				   csr_figures *out, bool *found, csr_err *err)
{
	sqlite3_stmt *st = query_days(db,
		"WITH " EDGES ", e (id) AS ("
		" SELECT s.volunteer_id FROM edge CROSS JOIN initiative i"
		" CROSS JOIN signup s ON s.initiative_id = i.id"
		" WHERE i.starts_at >= edge.lo AND i.starts_at < edge.hi"
		" AND (?3 <> 3 OR i.category = ?4) AND s.status = 'attended'"
		" UNION SELECT h.volunteer_id FROM edge CROSS JOIN hours h"
		" WHERE +h.status = 'approved' AND " HOURS_AT_EDGES ")"
		" SELECT r.participants + (SELECT count(*) FROM e WHERE (SELECT v.active = 1"
		"  AND (?3 <> 1 OR v.site = ?4) FROM volunteer v WHERE v.id = e.id)"
		"  AND NOT EXISTS (SELECT 1 FROM activity_day d WHERE d.volunteer_id = e.id"
		"  AND " DAYS_IN_TOTALS " AND d.n > 0 AND (?3 <> 3 OR d.category = ?4))),"
		" CASE ?3 WHEN 1 THEN coalesce((SELECT active FROM volunteer_group"
		"  WHERE kind = 1 AND name = ?4), 0)"
		" ELSE coalesce((SELECT n FROM volunteer_count WHERE active = 1), 0) END"
		" FROM participation_range r WHERE r.kind = " RANGE_KIND " AND r.value = ?4"
		" AND r.lo = ?6 AND r.hi = ?7", p, s, 0, err);
	if (!st)
		return csr_err_code(err);
	int rc = sqlite3_step(st);
	*found = rc == SQLITE_ROW;
	if (*found) {
		out->participants = sqlite3_column_int(st, 0);
		out->active_volunteers = sqlite3_column_int(st, 1);
		out->participation = ratio(out->participants, out->active_volunteers);
		rc = SQLITE_DONE;
	}
	return finish(db, st, rc, err);
}

/* A team's active people, and how many of them took part: one look-up each
 * in their day rows, and for the period's edges one probe in the list of
 * the few people with approved hours or an attended place there, read once
 * (the cost grows with the team, not the roster). */
#define PARTICIPANTS_SQL \
	"SELECT COUNT(*), TOTAL(EXISTS (SELECT 1 FROM activity_day d" \
	"  WHERE d.volunteer_id = v.id AND " DAYS_IN_TOTALS " AND d.n > 0)" \
	" OR v.id IN (SELECT h.volunteer_id FROM hours h" \
	"  WHERE +h.status = 'approved' AND " AT_EDGES("h.worked_on") \
	"  UNION ALL SELECT s.volunteer_id FROM initiative i" \
	"  CROSS JOIN signup s ON s.initiative_id = i.id" \
	"  WHERE " AT_EDGES("i.starts_at") " AND s.status = 'attended'))" \
	" FROM volunteer v WHERE v.team = ?4 AND v.active = 1"

static csr_code team_participation(csr_db *db, const csr_period *p, const csr_scope *s,
				   csr_figures *out, csr_err *err)
{
	sqlite3_stmt *st = query_days(db, PARTICIPANTS_SQL, p, s, 0, err);
	if (!st)
		return csr_err_code(err);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->active_volunteers = sqlite3_column_int(st, 0);
		out->participants = sqlite3_column_int(st, 1);
		out->participation = ratio(out->participants, out->active_volunteers);
		rc = SQLITE_DONE;
	}
	return finish(db, st, rc, err);
}

/* Counting distinct people over a year of records in SQL took a temporary
 * B-tree of ~250,000 rows (~200 ms at call-center scale); marking them
 * among the active people in scope, from a row per person and day
 * (activity_day), takes a fraction of that, and for everyone, a site and a
 * category the count of the whole days is then kept (participation_range)
 * and read from there next time. A team asks its own people instead: a look-up per
 * person is cheaper for a thousand, not for a site of ten thousand (a
 * random read each, with a page cache of 512 KiB). */
static csr_code participation(csr_db *db, const csr_period *p, const csr_scope *s,
			      csr_figures *out, csr_err *err)
{
	if (s->kind == CSR_SCOPE_TEAM)
		return team_participation(db, p, s, out, err);
	bool keeps = keeps_range(s, p), found = false;
	csr_code code = keeps ? participation_kept(db, p, s, out, &found, err) : CSR_OK;
	if (code != CSR_OK || found)
		return code;
	people pp = { 0 };
	code = people_read(db, p, s, &pp, err);
	if (code == CSR_OK)
		code = people_mark_active(db, mark_sql[s->kind == CSR_SCOPE_CATEGORY
						       ? MARK_CATEGORY_DAYS : MARK_DAYS],
					  p, s, &pp, err);
	if (code == CSR_OK && keeps)
		code = keep_range(db, p, s, pp.participants, err);
	if (code == CSR_OK)
		code = people_mark_active(db, mark_sql[MARK_EDGES], p, s, &pp, err);
	if (code == CSR_OK) {
		out->active_volunteers = (int)pp.state.held;
		out->participants = pp.participants;
		out->participation = ratio(out->participants, out->active_volunteers);
	}
	csr_id_map_free(&pp.state);
	return code;
}

/* Places and ratings from the running totals per initiative (and site and
 * team), in one pass over the period's initiatives: a site's and a team's
 * totals hold both in one row (at 500,000 volunteers a team's places and
 * its ratings took 30 ms each, each reading the same rows). Places leave
 * out cancelled initiatives; ratings do not. Everyone's ratings are kept
 * apart from the places (K##_RATED: the row that holds the ratings). */
#define PLACES_SQL(K) \
	"SELECT TOTAL(CASE WHEN i.status <> 'cancelled' THEN t.live END)," \
	" TOTAL(CASE WHEN i.status <> 'cancelled' AND i.ends_at <= ?5 THEN t.attended END)," \
	" TOTAL(CASE WHEN i.status <> 'cancelled' AND i.ends_at <= ?5 THEN t.no_shows END)," \
	" TOTAL(CASE WHEN i.status <> 'cancelled' AND i.ends_at <= ?5 THEN t.confirmed END)," \
	" TOTAL(" K##_RATED ".rating_sum), TOTAL(" K##_RATED ".ratings)" \
	" FROM initiative i " K##_PLACES_JOIN " WHERE " INITIATIVE_IN_PERIOD
#define ALL_PLACES_JOIN \
	"LEFT JOIN " ALL_PLACES " t ON t.initiative_id = i.id" \
	" LEFT JOIN " ALL_RATINGS " r ON r.initiative_id = i.id"
#define SITE_PLACES_JOIN \
	"CROSS JOIN " SITE_PLACES " t ON t.initiative_id = i.id AND " SITE_IN_TOTALS("t")
#define TEAM_PLACES_JOIN \
	"CROSS JOIN " TEAM_PLACES " t ON t.initiative_id = i.id AND " TEAM_IN_TOTALS("t")
#define ALL_RATED "r"
#define SITE_RATED "t"
#define TEAM_RATED "t"

static csr_code rating_check(csr_db *db, const csr_period *p, const csr_scope *s,
			     csr_figures *out, csr_err *err);

static csr_code places_and_rating(csr_db *db, const csr_period *p, const csr_scope *s,
				  csr_figures *out, csr_err *err)
{
	static const char *const sql[] = BY_KIND(PLACES_SQL);
	sqlite3_stmt *st = query(db, sql[s->kind], p, s, csr_now(), err);
	if (!st)
		return csr_err_code(err);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->signups = sqlite3_column_int(st, 0);
		out->attended = sqlite3_column_int(st, 1);
		out->no_shows = sqlite3_column_int(st, 2);
		int past = out->attended + out->no_shows + sqlite3_column_int(st, 3);
		out->attendance_rate = ratio(out->attended, past);
		out->no_show_rate = ratio(out->no_shows, past);
		out->ratings = sqlite3_column_int(st, 5);
		out->rating = out->ratings > 0 ? sqlite3_column_double(st, 4) / out->ratings : 0.0;
		rc = SQLITE_DONE;
	}
	csr_code code = finish(db, st, rc, err);
	return code == CSR_OK ? rating_check(db, p, s, out, err) : code;
}

/* How many people gave the feedback the rating counts, up to enough: the
 * count stops at min (a year's feedback of a whole call center need not be
 * sorted to learn it comes from five people or more). Only the initiatives
 * the scope's people rated are read (their rating totals say which), each
 * rater looked up: a site's list of people took longer to read (70 ms at
 * 500,000 volunteers) than the few feedback rows that show enough raters,
 * and a scope with few raters has few such initiatives to read. */
static csr_code raters(csr_db *db, const csr_period *p, const csr_scope *s, int min, int *n,
		       csr_err *err)
{
#define RATERS_SQL(K) \
	"SELECT COUNT(*) FROM (SELECT DISTINCT f.volunteer_id FROM initiative i" \
	" CROSS JOIN " K##_RATINGS " t ON t.initiative_id = i.id AND " K##_IN_TOTALS("t") \
	" AND t.ratings > 0 CROSS JOIN feedback f ON f.initiative_id = i.id" \
	" WHERE " INITIATIVE_IN_PERIOD " AND " K##_MEMBER("f.volunteer_id") " LIMIT ?5)"
	static const char *const sql[] = BY_KIND(RATERS_SQL);
	sqlite3_stmt *st = query(db, sql[s->kind], p, s, min, err);
	if (!st)
		return csr_err_code(err);
	return read_count(db, st, n, err);
}

/* The average rating hidden (0 of 0) when fewer than min_group people
 * gave it. */
static csr_code rating_check(csr_db *db, const csr_period *p, const csr_scope *s,
			     csr_figures *out, csr_err *err)
{
	int people = 0, min = csr_metrics_min_group(db);
	if (out->ratings == 0 || min <= 1)
		return CSR_OK;
	csr_code code = raters(db, p, s, min, &people, err);
	if (code == CSR_OK && people < min) {
		out->rating_hidden = true;
		out->ratings = 0;
		out->rating = 0.0;
	}
	return code;
}

/* The figure of metric key; a key the config no longer defines gets a
 * figure after the config's, so its records stay in the figures (shown as
 * "(removed) key"). NULL when there is no room. */
static csr_metric_figure *figure_of(csr_figures *out, const unsigned char *key)
{
	for (int i = 0; key && i < out->nmetrics; i++)
		if (strcmp(out->metrics[i].key, (const char *)key) == 0)
			return &out->metrics[i];
	if (!key || out->nmetrics == CSR_METRICS_MAX)
		return NULL;
	csr_metric_figure *f = &out->metrics[out->nmetrics++];
	memset(f, 0, sizeof *f);
	csr_copy(f->key, sizeof f->key, (const char *)key);
	return f;
}

static int by_metric_key(const void *a, const void *b)
{
	return strcmp(((const csr_metric_figure *)a)->key, ((const csr_metric_figure *)b)->key);
}

/* The impact metrics from their day sums per scope (impact_day, migration
 * 25: a row per whole day and metric) and, for the initiatives starting in
 * the period's partial edge days, from their own sums (initiative_metric):
 * each row a metric's total, goal, goals set and goals met, added up here
 * per metric. At 500,000 volunteers the initiatives of a year, read one by
 * one with their records and goals, took 74-84 ms. */
#define METRICS_SQL(K) \
	"WITH " EDGES " SELECT d.metric, d.total, d.goal, d.goals_set, d.goals_met" \
	" FROM impact_day d WHERE d.kind = ?3 AND d.value = CASE ?3 WHEN 0 THEN '' ELSE ?4 END" \
	" AND " DAYS_IN_TOTALS \
	" UNION ALL SELECT m.metric, m.total, coalesce(m.target, 0), m.target IS NOT NULL," \
	" coalesce(m.total >= m.target, 0) FROM edge CROSS JOIN initiative i" \
	" CROSS JOIN initiative_metric m ON m.initiative_id = i.id" \
	" WHERE i.starts_at >= edge.lo AND i.starts_at < edge.hi" \
	" AND (?3 <> 3 OR i.category = ?4) AND i.status <> 'cancelled' AND " K##_ATTENDED

static csr_code metric_figures(csr_db *db, const csr_period *p, const csr_scope *s,
			       csr_figures *out, csr_err *err)
{
	static const char *const sql[] = BY_KIND(METRICS_SQL);
	sqlite3_stmt *st = query_days(db, sql[s->kind], p, s, 0, err);
	if (!st)
		return csr_err_code(err);
	int configured = out->nmetrics, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		csr_metric_figure *f = figure_of(out, sqlite3_column_text(st, 0));
		if (!f)
			continue;
		f->total += sqlite3_column_double(st, 1);
		f->goal += sqlite3_column_double(st, 2);
		f->goals_set += sqlite3_column_int(st, 3);
		f->goals_met += sqlite3_column_int(st, 4);
	}
	/* The metrics the config no longer defines, in the order of their keys
	 * (the rows come day by day). */
	qsort(out->metrics + configured, (size_t)(out->nmetrics - configured),
	      sizeof out->metrics[0], by_metric_key);
	return finish(db, st, rc, err);
}

static void metric_keys(csr_db *db, csr_figures *out)
{
	const csr_config *cfg = csr_db_config(db);
	out->nmetrics = cfg->nmetrics < CSR_METRICS_MAX ? cfg->nmetrics : CSR_METRICS_MAX;
	for (int i = 0; i < out->nmetrics; i++)
		csr_copy(out->metrics[i].key, sizeof out->metrics[i].key, cfg->metrics[i].key);
}

static const csr_scope all_scope = { .kind = CSR_SCOPE_ALL };

/* Checks the arguments; a NULL scope means "all". */
static csr_code check(const csr_period *p, const csr_scope **s, csr_err *err)
{
	if (!*s)
		*s = &all_scope;
	if (!p || p->to <= p->from)
		return csr_fail(err, CSR_EINVAL, _("The period must end after it starts"));
	if ((*s)->kind < CSR_SCOPE_ALL || (*s)->kind > CSR_SCOPE_CATEGORY)
		return csr_fail(err, CSR_EINVAL,
				_("Unknown scope %d: use all, site, team or category"),
				(int)(*s)->kind);
	return CSR_OK;
}

typedef csr_code (*figure_fn)(csr_db *, const csr_period *, const csr_scope *, csr_figures *,
			      csr_err *);

/* A read transaction unless the caller has one open (csr_db_read_begin). */
static csr_code read_begin(csr_db *db, bool *own, csr_err *err)
{
	return csr_db_read_begin(db, own, N_("computing the impact figures"), err);
}

static csr_code compute_all(csr_db *db, const csr_period *p, const csr_scope *s,
			    csr_figures *out, csr_err *err)
{
	static const figure_fn fns[] = { hours_figures, participation, places_and_rating,
					 metric_figures };
	bool own;
	csr_code code = read_begin(db, &own, err);
	for (size_t i = 0; code == CSR_OK && i < sizeof fns / sizeof fns[0]; i++)
		code = fns[i](db, p, s, out, err);
	csr_db_read_end(db, own);
	return code;
}

/* ---- privacy ---- */

int csr_metrics_min_group(const csr_db *db)
{
	int min = csr_db_config(db)->privacy.min_group;
	return min > 1 ? min : 1;
}

/* The people of category ?10 ("": the hours tied to none) in the period
 * and scope, by the rule of metrics.h, counted up to ?5: privacy needs to
 * know whether there are min_group, and the count stops there. The
 * category's own rows are read: its places, and its people's day rows from
 * activity_day (approved hours by the category of their initiative, and
 * attended places; a place attended on an initiative cancelled since
 * counts as taking part). */
#define CATEGORY_PEOPLE(K) \
	"WITH " EDGES " SELECT COUNT(*) FROM (SELECT DISTINCT volunteer_id FROM (" \
	"  SELECT s.volunteer_id FROM initiative i CROSS JOIN signup s ON s.initiative_id = i.id" \
	"  WHERE i.category = ?10 AND i.starts_at >= ?1 AND i.starts_at < ?2" \
	"  AND i.status <> 'cancelled' AND s.status <> 'cancelled'" \
	"  AND " K##_MEMBER("s.volunteer_id") \
	"  UNION ALL SELECT d.volunteer_id FROM activity_day d" \
	"  WHERE d.category = ?10 AND " DAYS_IN_TOTALS " AND d.n > 0" \
	"  AND " K##_MEMBER("d.volunteer_id") \
	"  UNION ALL SELECT h.volunteer_id FROM edge CROSS JOIN hours h" \
	"  WHERE h.status = 'approved' AND h.worked_on >= edge.lo AND h.worked_on < edge.hi" \
	"  AND coalesce((SELECT category FROM initiative WHERE id = h.initiative_id), '') = ?10" \
	"  AND " K##_PERSON("h.volunteer_id") ") LIMIT ?5)"

static csr_code count_category_people(csr_db *db, const csr_period *p, const csr_scope *s,
				      const char *key, int *n, csr_err *err)
{
	static const char *const sql[] = BY_KIND(CATEGORY_PEOPLE);
	sqlite3_stmt *st = query_days(db, sql[s->kind], p, s, csr_metrics_min_group(db), err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_text(st, 10, key, -1, SQLITE_STATIC);
	return read_count(db, st, n, err);
}

/* A site's or team's active people, from the list of groups. */
static csr_code count_group_people(csr_db *db, const csr_period *p, const csr_scope *s,
				   int *n, csr_err *err)
{
	sqlite3_stmt *st = query(db, "SELECT coalesce(sum(active), 0) FROM volunteer_group"
				 " WHERE kind = ?3 AND name = ?4", p, s, 0, err);
	return st ? read_count(db, st, n, err) : csr_err_code(err);
}

csr_code csr_metrics_people(csr_db *db, const csr_period *period, const csr_scope *scope,
			    int *people, csr_err *err)
{
	*people = 0;
	csr_code code = check(period, &scope, err);
	if (code != CSR_OK)
		return code;
	if (scope->kind == CSR_SCOPE_CATEGORY)
		return count_category_people(db, period, scope, scope->value, people, err);
	if (volunteer_scope(scope))
		return count_group_people(db, period, scope, people, err);
	sqlite3_stmt *st = csr_db_stmt(db, "SELECT n FROM volunteer_count WHERE active = 1", err);
	return st ? read_count(db, st, people, err) : csr_err_code(err);
}

/* "Team \"Blue\" has 3 people; ...", for a scope of people. */
static csr_code refuse(const csr_db *db, const csr_scope *s, int people, csr_err *err)
{
	char name[CSR_LABEL_MAX], text[CSR_LABEL_MAX];
	int min = csr_metrics_min_group(db);
	if (s->kind == CSR_SCOPE_CATEGORY)
		csr_config_category_label(csr_db_config(db), s->value, text, sizeof text);
	else
		csr_copy(text, sizeof text, s->value);
	csr_text_sanitize(text, name, sizeof name);
	if (s->kind == CSR_SCOPE_TEAM)
		/* TRANSLATORS: a team's name, its number of people, privacy.min_group. */
		return csr_fail(err, CSR_EREFUSED, csr_plural(people,
			"Team \"%s\" has %d person; figures are shown for groups of %d or more"
			" (privacy.min_group)", "Team \"%s\" has %d people; figures are shown for"
			" groups of %d or more (privacy.min_group)"), name, people, min);
	if (s->kind == CSR_SCOPE_SITE)
		/* TRANSLATORS: a site's name, its number of people, privacy.min_group. */
		return csr_fail(err, CSR_EREFUSED, csr_plural(people,
			"Site \"%s\" has %d person; figures are shown for groups of %d or more"
			" (privacy.min_group)", "Site \"%s\" has %d people; figures are shown for"
			" groups of %d or more (privacy.min_group)"), name, people, min);
	/* TRANSLATORS: a category's title, how many people took part in it in
	 * the period, privacy.min_group. */
	return csr_fail(err, CSR_EREFUSED, csr_plural(people,
		"Category \"%s\" has %d person in this period; figures are shown for groups of %d"
		" or more (privacy.min_group)", "Category \"%s\" has %d people in this period;"
		" figures are shown for groups of %d or more (privacy.min_group)"), name, people,
		min);
}

/* CSR_EREFUSED when a site, team or category of people is too few. */
static csr_code check_people(const csr_db *db, const csr_scope *s, int people, csr_err *err)
{
	int min = csr_metrics_min_group(db);
	if (!s || s->kind == CSR_SCOPE_ALL || min == 1 || people >= min)
		return CSR_OK; /* min_group 1: privacy off, also for a slice of nobody */
	return refuse(db, s, people, err);
}

csr_code csr_metrics_check_privacy(csr_db *db, const csr_period *period,
				   const csr_scope *scope, csr_err *err)
{
	int people = 0;
	csr_code code = csr_metrics_people(db, period, scope, &people, err);
	return code == CSR_OK ? check_people(db, scope, people, err) : code;
}

void csr_metrics_hidden_note(int hidden, int min_group, char *buf, size_t size)
{
	buf[0] = '\0';
	if (hidden > 0)
		/* TRANSLATORS: how many figures (rows, bars, hours of a category)
		 * the report or the Impact panel hides, then privacy.min_group: "3
		 * figures hidden: fewer than 5 people (privacy.min_group)". */
		snprintf(buf, size, csr_plural(hidden,
			"%d figure hidden: fewer than %d people (privacy.min_group)",
			"%d figures hidden: fewer than %d people (privacy.min_group)"), hidden,
			min_group);
}

void csr_metrics_rating_note(const csr_figures *f, int min_group, char *buf, size_t size)
{
	buf[0] = '\0';
	if (f->rating_hidden)
		/* TRANSLATORS: instead of the average rating; privacy.min_group. */
		snprintf(buf, size, _("hidden: fewer than %d people rated"), min_group);
}

/* A line of slices whose total is shown: where exactly one hidden slice
 * has a value, the total minus the others would give it away, so the
 * shown slice with the smallest value (not 0) is hidden too. */
static void protect_line(csr_slice *const *line, int n)
{
	int hidden = 0;
	csr_slice *smallest = NULL;
	for (int i = 0; i < n; i++) {
		if (line[i]->value == 0)
			continue; /* hiding it or not gives nothing away */
		if (line[i]->hidden)
			hidden++;
		else if (!smallest || line[i]->value < smallest->value)
			smallest = line[i];
	}
	if (hidden == 1 && smallest)
		smallest->hidden = true;
}

int csr_metrics_suppress(csr_slice *slices, int n, int min_group)
{
	/* Without memory for the line, everything is hidden rather than risked. */
	csr_slice **line = calloc((size_t)n + 1, sizeof *line);
	int hidden = 0;
	for (int i = 0; i < n; i++) {
		slices[i].hidden = slices[i].hidden || !line ||
				   (min_group > 1 && slices[i].people < min_group);
		if (line)
			line[i] = &slices[i];
	}
	if (line)
		protect_line(line, n);
	free(line);
	for (int i = 0; i < n; i++)
		hidden += slices[i].hidden;
	return hidden;
}

csr_code csr_metrics_compute(csr_db *db, const csr_period *period, const csr_scope *scope,
			     csr_figures *out, csr_err *err)
{
	memset(out, 0, sizeof *out);
	csr_code code = check(period, &scope, err);
	if (code == CSR_OK)
		code = csr_metrics_people(db, period, scope, &out->people, err);
	if (code == CSR_OK)
		code = check_people(db, scope, out->people, err);
	if (code != CSR_OK)
		return code;
	metric_keys(db, out);
	return compute_all(db, period, scope, out, err);
}

csr_code csr_metrics_impact(csr_db *db, const csr_period *period, const csr_scope *scope,
			    csr_figures *out, csr_err *err)
{
	memset(out, 0, sizeof *out);
	csr_code code = check(period, &scope, err);
	if (code == CSR_OK && volunteer_scope(scope))
		code = csr_metrics_check_privacy(db, period, scope, err);
	if (code != CSR_OK)
		return code;
	metric_keys(db, out);
	return metric_figures(db, period, scope, out, err);
}

/* ---- ranked lists and months ---- */

/* A ranked list read whole, each row with its slice (minutes, people). */
typedef struct ranking {
	csr_ranked *rows;
	csr_slice *slices;
	int n, cap;
} ranking;

static bool ranking_add(ranking *r)
{
	if (r->n < r->cap)
		return true;
	int cap = r->cap ? 2 * r->cap : 64;
	csr_ranked *rows = realloc(r->rows, (size_t)cap * sizeof *rows);
	if (rows)
		r->rows = rows;
	csr_slice *slices = rows ? realloc(r->slices, (size_t)cap * sizeof *slices) : NULL;
	if (slices)
		r->slices = slices;
	r->cap = slices ? cap : r->cap;
	return slices != NULL;
}

static void ranking_free(ranking *r)
{
	free(r->rows);
	free(r->slices);
}

/* Reads every row of (label, id, minutes, people) from st. */
static csr_code read_ranking(csr_db *db, sqlite3_stmt *st, ranking *r, csr_err *err)
{
	int rc;
	bool fits = true;
	while (fits && (rc = sqlite3_step(st)) == SQLITE_ROW && (fits = ranking_add(r))) {
		csr_ranked *row = &r->rows[r->n];
		memset(row, 0, sizeof *row); /* whole: rows are copied and stored as they are */
		csr_col_text(st, 0, row->label, sizeof row->label);
		row->id = sqlite3_column_int64(st, 1);
		row->minutes = sqlite3_column_int64(st, 2);
		r->slices[r->n++] = (csr_slice){ row->minutes, sqlite3_column_int(st, 3), false };
	}
	if (!fits) {
		csr_stmt_done(st);
		return csr_fail(err, CSR_ENOMEM, _("Out of memory computing the impact figures"));
	}
	return finish(db, st, rc, err);
}

/* The first max rows not hidden, in order; *hidden counts the hidden rows
 * passed over on the way. */
static void pick_shown(const ranking *r, csr_ranked *rows, int max, int *n, int *hidden)
{
	for (int i = 0; i < r->n && *n < max; i++) {
		if (r->slices[i].hidden)
			(*hidden)++;
		else
			rows[(*n)++] = r->rows[i];
	}
}

/* The approved minutes of every team in scope, as a stream of (team,
 * minutes) rows: the day totals (DAYS: team, minutes) of the scope, and
 * the records at the edges of the period whose volunteer row v is
 * IN_VOLUNTEER. Hours are summed per volunteer first, so each volunteer's
 * team is looked up once rather than once per hours record. The rows are
 * summed per team in C (team_sums): a GROUP BY sorted every row of the
 * period in memory, 0.9 MB at 50,000 volunteers and 16 MB at 500,000. */
#define TEAMS_SQL(DAYS, IN_VOLUNTEER) \
	"WITH " EDGES_NET DAYS \
	" UNION ALL SELECT v.team, x.minutes FROM" \
	"  (SELECT h.volunteer_id, SUM(h.minutes * edge.sign) AS minutes FROM edge CROSS JOIN hours h" \
	"   WHERE h.status = 'approved' AND " HOURS_AT_EDGES " GROUP BY h.volunteer_id) x" \
	"  JOIN volunteer v ON v.id = x.volunteer_id WHERE " IN_VOLUNTEER

/* The teams met in the stream, ascending by name, with their minutes. */
typedef struct team_sums {
	csr_ranked *rows;
	int n, cap;
} team_sums;

static bool team_add(team_sums *t, const char *team, int64_t minutes)
{
	int lo = 0, hi = t->n;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		int c = strcmp(t->rows[mid].label, team);
		if (c == 0) {
			t->rows[mid].minutes += minutes;
			return true;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (t->n == t->cap) {
		int cap = t->cap ? 2 * t->cap : 64;
		csr_ranked *rows = realloc(t->rows, (size_t)cap * sizeof *rows);
		if (!rows)
			return false;
		t->rows = rows;
		t->cap = cap;
	}
	memmove(&t->rows[lo + 1], &t->rows[lo], (size_t)(t->n - lo) * sizeof *t->rows);
	t->n++;
	memset(&t->rows[lo], 0, sizeof t->rows[lo]); /* whole: rows are stored as they are */
	csr_copy(t->rows[lo].label, sizeof t->rows[lo].label, team);
	t->rows[lo].minutes = minutes;
	return true;
}

static int by_minutes_then_team(const void *a, const void *b)
{
	const csr_ranked *x = a, *y = b;
	if (x->minutes != y->minutes)
		return x->minutes > y->minutes ? -1 : 1;
	return strcmp(x->label, y->label);
}

/* The active volunteers of team (in the site of a site scope). */
static csr_code team_people(csr_db *db, const csr_scope *scope, const char *team, int *people,
			    csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, scope->kind == CSR_SCOPE_SITE
		? "SELECT COUNT(*) FROM volunteer WHERE site = ?1 AND team = ?2 AND active = 1"
		: "SELECT coalesce(sum(active), 0) FROM volunteer_group WHERE kind = 2"
		  " AND name = ?2", err);
	if (!st)
		return csr_err_code(err);
	if (scope->kind == CSR_SCOPE_SITE)
		sqlite3_bind_text(st, 1, scope->value, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, team, -1, SQLITE_STATIC);
	return read_count(db, st, people, err);
}

/* Every team with approved hours in scope, most first, with its people. */
static csr_code read_teams(csr_db *db, const csr_period *period, const csr_scope *scope,
			   ranking *r, csr_err *err)
{
	static const char *const sql[] = {
		TEAMS_SQL(" SELECT d.team, d.minutes FROM team_hours_day d WHERE " DAYS_IN_TOTALS,
			  "1"),
		TEAMS_SQL(" SELECT d.team, d.minutes FROM site_team_day d WHERE d.site = ?4"
			  " AND " DAYS_IN_TOTALS, "v.site = ?4"),
		TEAMS_SQL(" SELECT d.team, d.minutes FROM scope_hours_day d WHERE d.team = ?4"
			  " AND " DAYS_IN_TOTALS " AND d.status = 'approved'", "v.team = ?4"),
		TEAMS_SQL(" SELECT d.team, d.minutes FROM category_team_day d WHERE d.category = ?4"
			  " AND " DAYS_IN_TOTALS, "1"),
	};
	sqlite3_stmt *st = query_day_sums(db, sql[scope->kind], period, scope, err);
	if (!st)
		return csr_err_code(err);
	team_sums t = { 0 };
	int rc;
	bool fits = true;
	while (fits && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		char team[CSR_TEAM_MAX];
		csr_col_text(st, 0, team, sizeof team);
		fits = team_add(&t, team, sqlite3_column_int64(st, 1));
	}
	if (!fits)
		csr_stmt_done(st);
	csr_code code = fits ? finish(db, st, rc, err) : csr_fail(err, CSR_ENOMEM,
		_("Out of memory computing the impact figures"));
	if (code == CSR_OK && t.n > 1)
		qsort(t.rows, (size_t)t.n, sizeof *t.rows, by_minutes_then_team);
	for (int i = 0; code == CSR_OK && i < t.n && t.rows[i].minutes > 0; i++) {
		int people = 0;
		code = team_people(db, scope, t.rows[i].label, &people, err);
		if (code == CSR_OK && !ranking_add(r))
			code = csr_fail(err, CSR_ENOMEM, _("Out of memory computing the impact figures"));
		if (code == CSR_OK) {
			r->rows[r->n] = t.rows[i];
			r->slices[r->n++] = (csr_slice){ t.rows[i].minutes, people, false };
		}
	}
	free(t.rows);
	if (code == CSR_OK)
		csr_metrics_suppress(r->slices, r->n, csr_metrics_min_group(db));
	return code;
}

/* The people with approved hours on initiative id in the period, in scope,
 * counted up to min_group (enough to decide), from the initiative's own
 * hours (the unary + keeps SQLite off a walk of the period's hours). */
static csr_code initiative_people(csr_db *db, const csr_period *period, const csr_scope *scope,
				  int64_t id, int *people, csr_err *err)
{
#define INITIATIVE_PEOPLE_SQL(K) \
	"SELECT COUNT(*) FROM (SELECT DISTINCT h.volunteer_id FROM hours h" \
	" WHERE h.initiative_id = ?5 AND +h.status = 'approved' AND +h.worked_on >= ?1" \
	" AND +h.worked_on < ?2 AND " K##_PERSON("h.volunteer_id") " LIMIT ?10)"
	static const char *const sql[] = BY_KIND(INITIATIVE_PEOPLE_SQL);
	sqlite3_stmt *st = query(db, sql[scope->kind], period, scope, id, err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int(st, 10, csr_metrics_min_group(db));
	return read_count(db, st, people, err);
}

enum { TEAM_COUNTS_AFTER = 16 };

/* The people with approved hours in the period per initiative, of team
 * ?4, in one pass over the hours of the team's members, as a ranking by
 * initiative id (no label, no minutes). A team holds few of everyone, so
 * most initiatives that rank high for it have few of its people and
 * counting each row alone would run hundreds of queries. The unary +
 * keeps SQLite from walking the period's approved hours once per member
 * (16 s at 50,000 volunteers). */
static csr_code read_team_counts(csr_db *db, const csr_period *period, const csr_scope *scope,
				 ranking *r, csr_err *err)
{
	sqlite3_stmt *st = query(db, "SELECT '', h.initiative_id, 0, COUNT(DISTINCT h.volunteer_id)"
				 " FROM volunteer v CROSS JOIN hours h ON h.volunteer_id = v.id"
				 " WHERE v.team = ?4 AND h.worked_on >= ?1 AND h.worked_on < ?2"
				 " AND +h.status = 'approved' AND h.initiative_id IS NOT NULL"
				 " GROUP BY h.initiative_id ORDER BY h.initiative_id",
				 period, scope, 0, err);
	return st ? read_ranking(db, st, r, err) : csr_err_code(err);
}

/* The people of initiative id in counts of read_team_counts. */
static int by_initiative_id(const void *key, const void *row)
{
	int64_t x = *(const int64_t *)key, y = ((const csr_ranked *)row)->id;
	return (x > y) - (x < y);
}

static int team_people_of(const ranking *counts, int64_t id)
{
	const csr_ranked *found = counts->n ? bsearch(&id, counts->rows, (size_t)counts->n,
						      sizeof *counts->rows, by_initiative_id)
					    : NULL;
	return found ? counts->slices[found - counts->rows].people : 0;
}

/* ---- minutes by initiative ----
 *
 * Summed in C as the day rows stream in: a GROUP BY sorted every day row of
 * the period in memory first (0.9 MB for a site at 500,000 volunteers, the
 * peak of a session). Open addressing on the id, at most three quarters
 * full; the sums are then ranked in place. */
typedef struct initiative_sum {
	int64_t id, minutes; /* id 0: an empty slot */
} initiative_sum;

typedef struct initiative_sums {
	initiative_sum *slots;
	size_t cap, n;
} initiative_sums;

static initiative_sum *sums_slot(initiative_sum *slots, size_t cap, int64_t id)
{
	size_t i = (size_t)((uint64_t)id * 0x9E3779B97F4A7C15u >> 20) & (cap - 1);
	while (slots[i].id != 0 && slots[i].id != id)
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

/* Room for want sums at most three quarters full (cap stays a power of
 * two); the sums held move over. */
static bool sums_grow_to(initiative_sums *t, size_t want)
{
	size_t cap = t->cap ? t->cap : 1024;
	while (4 * want > 3 * cap)
		cap *= 2;
	if (cap == t->cap)
		return true;
	initiative_sum *slots = calloc(cap, sizeof *slots);
	if (!slots)
		return false;
	for (size_t i = 0; i < t->cap; i++)
		if (t->slots[i].id != 0)
			*sums_slot(slots, cap, t->slots[i].id) = t->slots[i];
	free(t->slots);
	t->slots = slots;
	t->cap = cap;
	return true;
}

static bool sums_add(initiative_sums *t, int64_t id, int64_t minutes)
{
	if (4 * (t->n + 1) > 3 * t->cap && !sums_grow_to(t, 2 * t->n + 1))
		return false;
	initiative_sum *slot = sums_slot(t->slots, t->cap, id);
	t->n += slot->id == 0;
	slot->id = id;
	slot->minutes += minutes;
	return true;
}

static int by_minutes_then_id(const void *a, const void *b)
{
	const initiative_sum *x = a, *y = b;
	if (x->minutes != y->minutes)
		return x->minutes < y->minutes ? 1 : -1;
	return (x->id > y->id) - (x->id < y->id);
}

static void sift_down(initiative_sum *a, size_t root, size_t n)
{
	for (size_t child; (child = 2 * root + 1) < n; root = child) {
		if (child + 1 < n && by_minutes_then_id(&a[child], &a[child + 1]) < 0)
			child++;
		if (by_minutes_then_id(&a[root], &a[child]) >= 0)
			return;
		initiative_sum swap = a[root];
		a[root] = a[child];
		a[child] = swap;
	}
}

/* The sums with minutes, most first (ties by id), at the front of slots;
 * their number. Sorted in place (a heap sort): glibc's qsort copies the
 * array first (0.2 MB for a year at 500,000 volunteers). */
static size_t sums_rank(initiative_sums *t)
{
	size_t n = 0;
	for (size_t i = 0; i < t->cap; i++)
		if (t->slots[i].id != 0 && t->slots[i].minutes > 0)
			t->slots[n++] = t->slots[i];
	for (size_t i = n / 2; i-- > 0;)
		sift_down(t->slots, i, n);
	for (size_t end = n; end > 1; end--) {
		initiative_sum last = t->slots[end - 1];
		t->slots[end - 1] = t->slots[0];
		t->slots[0] = last;
		sift_down(t->slots, 0, end - 1);
	}
	return n;
}

/* Approved minutes by initiative in the period and scope, unsorted. */
#define INITIATIVE_MINUTES_SQL(K) \
	"WITH " EDGES_NET \
	" SELECT d.initiative_id, d.minutes FROM " K##_HOURS_DAYS " d" \
	" WHERE " K##_IN_TOTALS("d") " AND " DAYS_IN_TOTALS " AND d.status = 'approved'" \
	" AND d.initiative_id <> 0" \
	" AND (?3 <> 3 OR d.initiative_id IN (SELECT id FROM initiative WHERE category = ?4))" \
	" UNION ALL SELECT h.initiative_id, h.minutes * edge.sign FROM edge CROSS JOIN hours h" \
	" WHERE h.status = 'approved' AND " HOURS_AT_EDGES " AND h.initiative_id IS NOT NULL" \
	" AND " K##_PERSON("h.volunteer_id")

static csr_code read_initiative_sums(csr_db *db, const csr_period *period,
				     const csr_scope *scope, initiative_sums *t, csr_err *err)
{
	static const char *const sql[] = BY_KIND(INITIATIVE_MINUTES_SQL);
	/* Room for the period's initiatives from the start (a team has hours
	 * on few of them, and grows its table): growing on the way held the
	 * old table and the new one at once (0.8 MB for everyone at 500,000
	 * volunteers). Hours on initiatives of other periods still fit. */
	int expected = 0;
	sqlite3_stmt *st = scope->kind == CSR_SCOPE_TEAM ? NULL : query(db,
		"SELECT count(*) FROM initiative WHERE starts_at >= ?1 AND starts_at < ?2"
		" AND (?3 <> 3 OR category = ?4)", period, scope, 0, err);
	csr_code code = scope->kind == CSR_SCOPE_TEAM ? CSR_OK
			: st ? read_count(db, st, &expected, err) : csr_err_code(err);
	if (code != CSR_OK)
		return code;
	st = query_day_sums(db, sql[scope->kind], period, scope, err);
	if (!st)
		return csr_err_code(err);
	int rc;
	bool fits = sums_grow_to(t, (size_t)expected + (size_t)expected / 8);
	while (fits && (rc = sqlite3_step(st)) == SQLITE_ROW)
		fits = sums_add(t, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1));
	if (!fits) {
		csr_stmt_done(st);
		return csr_fail(err, CSR_ENOMEM, _("Out of memory computing the impact figures"));
	}
	return finish(db, st, rc, err);
}

/* Row i of the ranking: its id, minutes and title. */
static csr_code ranked_initiative(csr_db *db, const initiative_sum *sum, csr_ranked *row,
				  csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, "SELECT title FROM initiative WHERE id = ?1", err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, sum->id);
	memset(row, 0, sizeof *row);
	row->id = sum->id;
	row->minutes = sum->minutes;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		csr_col_text(st, 0, row->label, sizeof row->label);
	return finish(db, st, rc == SQLITE_ROW ? SQLITE_DONE : rc, err);
}

/* The initiatives by approved hours, most first, up to max shown; each
 * row's people are counted only when it is reached, or for a team whose
 * top initiatives hide many rows all at once (read_team_counts: a pass
 * over a team's hours costs about as much as 16 rows counted alone). */
static csr_code top_initiatives(csr_db *db, const csr_period *period, const csr_scope *scope,
				csr_ranked *rows, int max, int *n, int *hidden, csr_err *err)
{
	initiative_sums sums = { 0 };
	csr_code code = read_initiative_sums(db, period, scope, &sums, err);
	size_t ranked = code == CSR_OK ? sums_rank(&sums) : 0;
	int min = csr_metrics_min_group(db), people = 0;
	ranking team = { 0 };
	bool counted = false;
	for (size_t i = 0; code == CSR_OK && *n < max && i < ranked; i++) {
		csr_ranked *row = &rows[*n];
		code = ranked_initiative(db, &sums.slots[i], row, err);
		if (code == CSR_OK && !counted && scope->kind == CSR_SCOPE_TEAM &&
		    *hidden >= TEAM_COUNTS_AFTER) {
			code = read_team_counts(db, period, scope, &team, err);
			counted = code == CSR_OK;
		}
		if (counted)
			people = team_people_of(&team, row->id);
		else if (code == CSR_OK)
			code = initiative_people(db, period, scope, row->id, &people, err);
		if (code == CSR_OK && min > 1 && people < min)
			(*hidden)++;
		else if (code == CSR_OK)
			(*n)++;
	}
	ranking_free(&team);
	free(sums.slots);
	return code;
}

csr_code csr_metrics_top(csr_db *db, const csr_period *period, const csr_scope *scope,
			 csr_top_kind kind, csr_ranked *rows, int max, int *n, int *hidden,
			 csr_err *err)
{
	int passed = 0;
	*n = 0;
	csr_code code = check(period, &scope, err);
	if (code == CSR_OK)
		code = csr_metrics_check_privacy(db, period, scope, err);
	if (code == CSR_OK && max > 0 && kind == CSR_TOP_INITIATIVES)
		code = top_initiatives(db, period, scope, rows, max, n, &passed, err);
	if (code == CSR_OK && max > 0 && kind == CSR_TOP_TEAMS) {
		ranking r = { 0 };
		code = read_teams(db, period, scope, &r, err);
		if (code == CSR_OK)
			pick_shown(&r, rows, max, n, &passed);
		ranking_free(&r);
	}
	if (hidden)
		*hidden = passed;
	return code;
}

csr_code csr_metrics_top_teams(csr_db *db, const csr_period *period, const csr_scope *scope,
			       csr_ranked *rows, int max, int *n, csr_err *err)
{
	return csr_metrics_top(db, period, scope, CSR_TOP_TEAMS, rows, max, n, NULL, err);
}

csr_code csr_metrics_top_initiatives(csr_db *db, const csr_period *period,
				     const csr_scope *scope, csr_ranked *rows, int max, int *n,
				     csr_err *err)
{
	return csr_metrics_top(db, period, scope, CSR_TOP_INITIATIVES, rows, max, n, NULL, err);
}

/* A category's minutes of one month, summed in C: a GROUP BY sorted every
 * day row of the period in memory first (0.6 MB for a year at 500,000
 * volunteers). There are few categories, so each is found by a look along
 * the list. */
typedef struct {
	csr_month_hours *cells;
	int n, cap;
} month_sums;

static bool month_add(month_sums *m, const char *category, int64_t minutes)
{
	for (int i = 0; i < m->n; i++)
		if (strcmp(m->cells[i].category, category) == 0) {
			m->cells[i].minutes += minutes;
			return true;
		}
	if (m->n == m->cap) {
		int cap = m->cap ? 2 * m->cap : 16;
		csr_month_hours *cells = realloc(m->cells, (size_t)cap * sizeof *cells);
		if (!cells)
			return false;
		m->cells = cells;
		m->cap = cap;
	}
	csr_month_hours *c = &m->cells[m->n++];
	memset(c, 0, sizeof *c);
	csr_copy(c->category, sizeof c->category, category);
	c->minutes = minutes;
	return true;
}

static int by_category(const void *a, const void *b)
{
	return strcmp(((const csr_month_hours *)a)->category,
		      ((const csr_month_hours *)b)->category);
}

/* Appends the approved minutes by category of one month (its label and
 * bounds in m) to rows, in category order, the categories with minutes. */
static csr_code month_rows(csr_db *db, const csr_period *m, const csr_scope *s,
			   csr_month_hours *rows, int max, int *n, csr_err *err)
{
#define MONTH_SQL(K) \
	"WITH " EDGES_NET ", part (initiative_id, minutes) AS (" \
	"  SELECT d.initiative_id, d.minutes FROM " K##_HOURS_DAYS " d" \
	"  WHERE " K##_IN_TOTALS("d") " AND " DAYS_IN_TOTALS " AND d.status = 'approved'" \
	"  AND d.initiative_id <> 0" \
	"  UNION ALL SELECT h.initiative_id, h.minutes * edge.sign FROM edge CROSS JOIN hours h" \
	"  WHERE h.status = 'approved' AND h.worked_on >= edge.lo AND h.worked_on < edge.hi" \
	"  AND h.initiative_id IS NOT NULL AND " K##_PERSON("h.volunteer_id") ")" \
	" SELECT i.category, p.minutes FROM part p" \
	" JOIN initiative i ON i.id = p.initiative_id WHERE (?3 <> 3 OR i.category = ?4)"
	static const char *const sql[] = BY_KIND(MONTH_SQL);
	sqlite3_stmt *st = query_day_sums(db, sql[s->kind], m, s, err);
	if (!st)
		return csr_err_code(err);
	month_sums sums = { 0 };
	int rc;
	bool fits = true;
	while (fits && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *category = sqlite3_column_text(st, 0);
		fits = month_add(&sums, category ? (const char *)category : "",
				 sqlite3_column_int64(st, 1));
	}
	csr_code code = fits ? finish(db, st, rc, err) : CSR_ENOMEM;
	if (!fits) {
		csr_stmt_done(st);
		code = csr_fail(err, CSR_ENOMEM, _("Out of memory computing the impact figures"));
	}
	if (sums.n > 1)
		qsort(sums.cells, (size_t)sums.n, sizeof *sums.cells, by_category);
	for (int i = 0; code == CSR_OK && i < sums.n && *n < max; i++) {
		if (sums.cells[i].minutes <= 0)
			continue;
		rows[*n] = sums.cells[i];
		csr_copy(rows[*n].month, sizeof rows[*n].month, m->label);
		(*n)++;
	}
	free(sums.cells);
	return code;
}

/* The categories the initiatives use, as the table used (category): one
 * seek each in initiative_by_category, where SELECT DISTINCT would read the
 * whole index. */
#define CATEGORIES_USED \
	"WITH RECURSIVE c (category) AS (SELECT min(category) FROM initiative" \
	" UNION ALL SELECT (SELECT min(i.category) FROM initiative i" \
	"  WHERE i.category > c.category) FROM c WHERE c.category IS NOT NULL)," \
	" used (category) AS (SELECT category FROM c WHERE category IS NOT NULL)"

csr_code csr_metrics_categories_used(csr_db *db, int *n, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, CATEGORIES_USED " SELECT COUNT(*) FROM used", err);
	if (!st)
		return csr_err_code(err);
	return read_count(db, st, n, err);
}

/* Is key among cats and not hidden? A category cats lack is not shown:
 * cats cut short by the caller's room must not let a hidden one through. */
static bool category_shown(const csr_category_hours *cats, int n, const char *key)
{
	for (int i = 0; i < n; i++)
		if (strcmp(cats[i].key, key) == 0)
			return !cats[i].hidden;
	return false;
}

/* Keeps the rows of the categories that cats (csr_metrics_hours_by_
 * category's rows) show. */
static void drop_hidden(const csr_category_hours *cats, int ncats, csr_month_hours *rows,
			int *n)
{
	int kept = 0;
	for (int i = 0; i < *n; i++)
		if (category_shown(cats, ncats, rows[i].category))
			rows[kept++] = rows[i];
	*n = kept;
}

/* drop_hidden with the categories counted here. */
static csr_code count_and_drop_hidden(csr_db *db, const csr_period *p, const csr_scope *s,
				      csr_month_hours *rows, int *n, csr_err *err)
{
	int ncats = 0, hidden = 0;
	csr_code code = csr_metrics_categories_used(db, &ncats, err);
	csr_category_hours *cats = code == CSR_OK ? calloc((size_t)ncats + 2, sizeof *cats)
						  : NULL;
	if (code == CSR_OK && !cats)
		code = csr_fail(err, CSR_ENOMEM, _("Out of memory computing the impact figures"));
	if (code == CSR_OK)
		code = csr_metrics_hours_by_category(db, p, s, cats, ncats + 2, &ncats, &hidden,
						     err);
	if (code == CSR_OK)
		drop_hidden(cats, ncats, rows, n);
	free(cats);
	return code;
}

/* One query per local month of the period, with the month's bounds from
 * mktime like the period's own: exact local months (also where summer time
 * starts at midnight) and one index range each, with no time zone
 * conversion per row. */
csr_code csr_metrics_hours_by_month(csr_db *db, const csr_period *period,
				    const csr_scope *scope, csr_month_hours *rows, int max,
				    int *n, csr_err *err)
{
	return csr_metrics_hours_by_month_shown(db, period, scope, NULL, 0, rows, max, n, err);
}

csr_code csr_metrics_hours_by_month_shown(csr_db *db, const csr_period *period,
					  const csr_scope *scope,
					  const csr_category_hours *cats, int ncats,
					  csr_month_hours *rows, int max, int *n, csr_err *err)
{
	*n = 0;
	csr_code code = check(period, &scope, err);
	if (code == CSR_OK)
		code = csr_metrics_check_privacy(db, period, scope, err);
	bool own;
	if (code != CSR_OK || max <= 0 || (code = read_begin(db, &own, err)) != CSR_OK)
		return code;
	for (int64_t t = period->from; code == CSR_OK && t < period->to && *n < max;) {
		csr_period m;
		csr_period_month(t, &m);
		if (m.to <= t)
			break; /* a broken time zone: never loop forever */
		int64_t next = m.to;
		m.from = t;
		m.to = next < period->to ? next : period->to;
		code = month_rows(db, &m, scope, rows, max, n, err);
		t = next;
	}
	if (code == CSR_OK && cats)
		drop_hidden(cats, ncats, rows, n);
	else if (code == CSR_OK && csr_metrics_min_group(db) > 1)
		code = count_and_drop_hidden(db, period, scope, rows, n, err);
	csr_db_read_end(db, own);
	return code;
}

/* The row of key in rows (added when new and there is room). */
static csr_category_hours *category_row(csr_category_hours *rows, int max, int *n,
					const char *key)
{
	for (int i = 0; i < *n; i++)
		if (strcmp(rows[i].key, key) == 0)
			return &rows[i];
	if (*n == max)
		return NULL;
	csr_category_hours *r = &rows[(*n)++];
	memset(r, 0, sizeof *r);
	csr_copy(r->key, sizeof r->key, key);
	return r;
}

/* The people of key (csr_metrics_people's rule, up to min_group) into its
 * row, which is added when it has people. */
static csr_code add_category_people(csr_db *db, const csr_period *p, const csr_scope *s,
				    const char *key, csr_category_hours *rows, int max, int *n,
				    csr_err *err)
{
	int people = 0;
	csr_code code = count_category_people(db, p, s, key, &people, err);
	csr_category_hours *r = code == CSR_OK && people > 0 ? category_row(rows, max, n, key)
							       : NULL;
	if (r)
		r->people = people;
	return code;
}

/* Each category's people, and those of the hours tied to none: the
 * categories the initiatives use (or the scope's one), each asked apart. */
static csr_code category_people(csr_db *db, const csr_period *p, const csr_scope *s,
				csr_category_hours *rows, int max, int *n, csr_err *err)
{
	if (s->kind == CSR_SCOPE_CATEGORY)
		return add_category_people(db, p, s, s->value, rows, max, n, err);
	sqlite3_stmt *st = csr_db_stmt(db, CATEGORIES_USED " SELECT category FROM used", err);
	if (!st)
		return csr_err_code(err);
	int rc;
	csr_code code = CSR_OK;
	while (code == CSR_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		char key[CSR_KEY_MAX];
		csr_col_text(st, 0, key, sizeof key);
		code = add_category_people(db, p, s, key, rows, max, n, err);
	}
	if (code != CSR_OK) {
		csr_stmt_done(st);
		return code;
	}
	code = finish(db, st, rc, err);
	if (code == CSR_OK)
		code = add_category_people(db, p, s, "", rows, max, n, err);
	return code;
}

/* The categories' minutes of the whole period (one "month" that long),
 * and the rest of the approved total as the row tied to none. */
static csr_code category_minutes(csr_db *db, const csr_period *p, const csr_scope *s,
				 csr_category_hours *rows, int max, int *n, csr_err *err)
{
	csr_month_hours *cells = calloc((size_t)max + 1, sizeof *cells);
	csr_figures *f = calloc(1, sizeof *f);
	int ncells = 0;
	csr_code code = cells && f ? CSR_OK : csr_fail(err, CSR_ENOMEM,
		_("Out of memory computing the impact figures"));
	if (code == CSR_OK)
		code = month_rows(db, p, s, cells, max, &ncells, err);
	if (code == CSR_OK)
		code = hours_figures(db, p, s, f, err);
	int64_t untied = f ? f->approved_minutes : 0;
	for (int i = 0; code == CSR_OK && i < ncells; i++) {
		csr_category_hours *r = category_row(rows, max, n, cells[i].category);
		if (r)
			r->minutes = cells[i].minutes;
		untied -= cells[i].minutes;
	}
	csr_category_hours *none = code == CSR_OK && untied > 0 ? category_row(rows, max, n, "")
								: NULL;
	if (none)
		none->minutes = untied;
	free(cells);
	free(f);
	return code;
}

static int by_key_untied_last(const void *a, const void *b)
{
	const csr_category_hours *x = a, *y = b;
	if (!x->key[0] || !y->key[0])
		return !x->key[0] - !y->key[0];
	return strcmp(x->key, y->key);
}

/* The rows with hours or people, the hidden ones at 0 minutes. */
static int hide_categories(csr_db *db, csr_category_hours *rows, int n)
{
	csr_slice *slices = calloc((size_t)n + 1, sizeof *slices);
	for (int i = 0; slices && i < n; i++)
		slices[i] = (csr_slice){ rows[i].minutes, rows[i].people, false };
	int hidden = 0;
	if (slices)
		csr_metrics_suppress(slices, n, csr_metrics_min_group(db));
	for (int i = 0; i < n; i++) {
		rows[i].hidden = !slices || slices[i].hidden;
		if (rows[i].hidden)
			rows[i].minutes = 0;
		hidden += rows[i].hidden;
	}
	free(slices);
	return hidden;
}

csr_code csr_metrics_hours_by_category(csr_db *db, const csr_period *period,
				       const csr_scope *scope, csr_category_hours *rows,
				       int max, int *n, int *hidden, csr_err *err)
{
	*n = *hidden = 0;
	csr_code code = check(period, &scope, err);
	if (code == CSR_OK)
		code = csr_metrics_check_privacy(db, period, scope, err);
	bool own;
	if (code != CSR_OK || max <= 0 || (code = read_begin(db, &own, err)) != CSR_OK)
		return code;
	csr_period whole = *period;
	whole.label[0] = '\0';
	code = category_minutes(db, &whole, scope, rows, max, n, err);
	if (code == CSR_OK)
		code = category_people(db, period, scope, rows, max, n, err);
	csr_db_read_end(db, own);
	qsort(rows, (size_t)*n, sizeof *rows, by_key_untied_last);
	if (code == CSR_OK)
		*hidden = hide_categories(db, rows, *n);
	return code;
}
