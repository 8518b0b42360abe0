/* SPDX-License-Identifier: MIT */
/* The company's contribution over a period (B4SI, GRI 413-1).
 *
 * Definitions (the README's "Impact figures" quotes them). Company-wide;
 * what belongs to a period follows metrics.c: hours and management time by
 * the day worked, everything recorded on an initiative by the day it starts.
 *
 * company time, own time: approved hours with hours.own_time 0 or 1.
 * time value = the sum over approved company-time hours of hours x the
 *   hourly rate of the volunteer's site (volunteer.site today) on the day
 *   worked (csr_config_rate: the site's own rate with the latest from on or
 *   before that day, else the same among the site = "" rates). Hours for
 *   which no rate applies, or a rate of 0 (the config's "not set"), add
 *   nothing and are named: "no rate for site X".
 * management cost: the same over management time at the management rate.
 * cash, in-kind, leverage: the impact values (voided ones out) of metrics
 *   of kind cash, in_kind or leverage, recorded for initiatives of the
 *   period that are not cancelled.
 * total contribution = time value + management cost + cash + in-kind;
 *   leverage and own time are shown apart, not in the total.
 * beneficiaries: the sum of initiative.beneficiaries over the initiatives
 *   of the period that are neither draft nor cancelled; organisations
 *   supported: the distinct partners of those initiatives.
 * outputs: the totals and goals of csr_figures for metrics of kind output.
 * participation on the headcount basis: csr_figures' participants of its
 *   active volunteers.
 * sites with a programme (GRI 413-1): of the sites (volunteer.site, not
 *   "") with active volunteers, those where at least one of them has an
 *   attended place on an initiative of the period or approved hours in it.
 * SDGs served: the union of the sdgs of the categories with activity in the
 *   period: an initiative counted for beneficiaries, or approved hours.
 * issue areas: the same figures per category's issue_area ("" = none given;
 *   hours not tied to an initiative have no area). */
#include "csrdesk/contribution.h"

#include <stdlib.h>
#include <string.h>

#include "csrdesk/clock.h"
#include "csrdesk/i18n.h"
#include "csrdesk/metrics.h"
#include "csrdesk/text.h"
#include "db_private.h"
#include "id_map.h"
#include "records.h"

/* Ends st; CSR_OK when its last step finished the rows. */
static csr_code finish(csr_db *db, sqlite3_stmt *st, int rc, csr_err *err)
{
	csr_stmt_done(st);
	return rc == SQLITE_DONE ? CSR_OK
				 : csr_db_fail(db, rc, N_("computing the contribution"), err);
}

static sqlite3_stmt *period_query(csr_db *db, const char *sql, const csr_period *p,
				  csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, sql, err);
	if (st) {
		sqlite3_bind_int64(st, 1, p->from);
		sqlite3_bind_int64(st, 2, p->to);
	}
	return st;
}

/* ---- issue areas ---- */

/* The row of the issue area of category key (its slot among the config's
 * areas, the last one for none), created when new. */
static csr_issue_area_figures *area_of(const csr_config *cfg, csr_contribution *c,
				       const char *category)
{
	const csr_category *def = category && category[0] ? csr_config_category(cfg, category)
							  : NULL;
	const char *key = def ? def->issue_area : "";
	for (int i = 0; i < c->nareas; i++)
		if (strcmp(c->areas[i].key, key) == 0)
			return &c->areas[i];
	if (c->nareas == CSR_ISSUE_AREAS_MAX)
		return &c->areas[CSR_ISSUE_AREAS_MAX - 1]; /* a key the config has no more */
	csr_issue_area_figures *a = &c->areas[c->nareas++];
	csr_copy(a->key, sizeof a->key, key);
	return a;
}

/* The areas in the order of csr_issue_areas, none given last. */
static int area_rank(const char *key)
{
	int i = 0;
	for (; csr_issue_areas[i]; i++)
		if (strcmp(csr_issue_areas[i], key) == 0)
			return i;
	return key[0] ? i : i + 1;
}

static int area_cmp(const void *a, const void *b)
{
	const csr_issue_area_figures *x = a, *y = b;
	int d = area_rank(x->key) - area_rank(y->key);
	return d ? d : strcmp(x->key, y->key);
}

/* ---- privacy: an area's hours are a figure about its people ---- */

enum { UNTIED = CSR_ISSUE_AREAS_MAX }; /* the slot of hours tied to no initiative */

/* Hides the hours (and their time value) of the areas of too few people
 * (people: counted up to min_group, by the pass over the hours), with
 * complementary suppression: the hours shown in all, minus the
 * areas', are those tied to no initiative, a slice of its own. */
static void hide_small_areas(csr_db *db, const int people[UNTIED + 1], csr_contribution *c)
{
	csr_slice slices[UNTIED + 1];
	int64_t untied = csr_contribution_minutes(c);
	for (int i = 0; i < c->nareas; i++) {
		slices[i] = (csr_slice){ .value = c->areas[i].minutes, .people = people[i] };
		untied -= c->areas[i].minutes;
	}
	slices[c->nareas] = (csr_slice){ .value = untied, .people = people[UNTIED] };
	c->min_group = csr_metrics_min_group(db);
	csr_metrics_suppress(slices, c->nareas + 1, c->min_group);
	for (int i = 0; i < c->nareas; i++) {
		csr_issue_area_figures *a = &c->areas[i];
		a->hidden = slices[i].hidden;
		c->hidden_areas += a->hidden;
		if (a->hidden)
			a->minutes = 0, a->time_value = 0;
	}
}

/* ---- SDGs ---- */

static void add_sdgs(const csr_config *cfg, const char *category, bool served[CSR_SDG_COUNT + 1])
{
	const csr_category *def = category && category[0] ? csr_config_category(cfg, category)
							  : NULL;
	for (int i = 0; def && i < def->nsdgs; i++)
		if (def->sdgs[i] >= 1 && def->sdgs[i] <= CSR_SDG_COUNT)
			served[def->sdgs[i]] = true;
}

static void list_sdgs(const bool served[CSR_SDG_COUNT + 1], csr_contribution *c)
{
	for (int g = 1; g <= CSR_SDG_COUNT; g++)
		if (served[g])
			c->sdgs[c->nsdgs++] = g;
}

/* ---- valued time ---- */

/* The sites named are the first CSR_UNRATED_SITES_MAX in byte order,
 * whatever order the hours come in. */
static void note_unrated(csr_valued_time *t, const char *site, int minutes)
{
	t->unrated_minutes += minutes;
	int at = 0;
	while (at < t->nunrated && strcmp(t->unrated_sites[at], site) < 0)
		at++;
	if (at == CSR_UNRATED_SITES_MAX || (at < t->nunrated &&
					    strcmp(t->unrated_sites[at], site) == 0))
		return;
	int keep = t->nunrated < CSR_UNRATED_SITES_MAX ? t->nunrated : CSR_UNRATED_SITES_MAX - 1;
	memmove(t->unrated_sites[at + 1], t->unrated_sites[at],
		(size_t)(keep - at) * sizeof t->unrated_sites[0]);
	csr_copy(t->unrated_sites[at], CSR_SITE_MAX, site);
	t->nunrated = keep + 1;
}

/* Adds minutes worked at site on day (Unix seconds) to t at the rate
 * csr_config_rate finds (hourly, or management); returns their value. */
static double add_time(const csr_config *cfg, csr_valued_time *t, const char *site,
		       int64_t day, int64_t minutes, bool management)
{
	char date[CSR_TIME_TEXT_MAX];
	csr_date_format_machine(day, date, sizeof date);
	const csr_cost_rate *rate = csr_config_rate(cfg, site, date);
	double per_hour = !rate ? 0 : management ? rate->management : rate->hourly;
	t->minutes += minutes;
	if (per_hour <= 0) { /* the config's word: a rate of 0 is no rate */
		note_unrated(t, site, (int)minutes);
		return 0;
	}
	double value = (double)minutes / 60.0 * per_hour;
	t->value += value;
	return value;
}

/* ---- the period's approved hours, in one pass ----
 *
 * Hours are summed by the person's site (its rate), the day worked (the
 * rate's date), company or own time, and the category (its issue area and
 * SDGs). Reading each hour's person and initiative from their tables, and
 * grouping in SQL, took a random read per hour and a sort of them all
 * (0.6 s at 50,000 volunteers, 14 s at 500,000). Instead everyone's site
 * and every initiative's category are read once, from indexes, into id
 * maps; the hours come in order of the day worked from an index that
 * holds all the columns needed (hours_by_status, migration 21), and each
 * day's groups are valued when the day ends, as the GROUP BY valued them.
 * The same pass counts the people of each issue area (up to min_group:
 * enough to decide what is hidden) and finds the sites with a programme. */

/* Sites or categories in the order first met; a slot is an index. */
typedef struct names {
	char (*name)[CSR_SITE_MAX];
	bool *flagged; /* sites: with active volunteers */
	int n, cap;
} names;

_Static_assert((int)CSR_KEY_MAX <= (int)CSR_SITE_MAX, "a category key fits in a name");

/* A person's value in the map: their site's slot + 1, ACTIVE when active. */
enum { ACTIVE = 0x8000, SLOTS_MAX = 0x7fff };

/* The slot of name, added when new; -1 when out of memory or full. */
static int names_slot(names *l, const char *name)
{
	for (int i = l->n - 1; i >= 0; i--) /* rows come by name: the last one first */
		if (strcmp(l->name[i], name) == 0)
			return i;
	if (l->n == SLOTS_MAX)
		return -1;
	if (l->n == l->cap) {
		int cap = l->cap ? 2 * l->cap : 16;
		char(*grown)[CSR_SITE_MAX] = realloc(l->name, (size_t)cap * sizeof *grown);
		if (grown)
			l->name = grown;
		bool *flagged = grown ? realloc(l->flagged, (size_t)cap * sizeof *flagged) : NULL;
		if (!flagged)
			return -1;
		l->flagged = flagged;
		l->cap = cap;
	}
	csr_copy(l->name[l->n], CSR_SITE_MAX, name);
	l->flagged[l->n] = false;
	return l->n++;
}

/* Who and what the hours are of. */
typedef struct book {
	csr_id_map people;      /* site slot + 1, | ACTIVE */
	csr_id_map initiatives; /* category slot + 1 */
	names sites, categories;
} book;

static void book_free(book *b)
{
	csr_id_map_free(&b->people);
	csr_id_map_free(&b->initiatives);
	free(b->sites.name);
	free(b->sites.flagged);
	free(b->categories.name);
	free(b->categories.flagged);
}

/* Reads (name, id, flag) rows of sql into map and l: each id's value is
 * its name's slot + 1, with ACTIVE when flag is set (and the slot flagged). */
static csr_code read_book(csr_db *db, const char *sql, csr_id_table table, csr_id_map *map,
			  names *l, csr_err *err)
{
	csr_code rc = csr_id_map_of(db, table, UINT16_MAX, map, err);
	sqlite3_stmt *st = rc == CSR_OK ? csr_db_stmt(db, sql, err) : NULL;
	if (!st)
		return rc == CSR_OK ? csr_err_code(err) : rc;
	int step;
	bool fits = true;
	while (fits && (step = sqlite3_step(st)) == SQLITE_ROW) {
		char name[CSR_SITE_MAX];
		csr_col_text(st, 0, name, sizeof name);
		int slot = names_slot(l, name);
		bool flag = sqlite3_column_int(st, 2) != 0;
		fits = slot >= 0 && csr_id_map_put(map, sqlite3_column_int64(st, 1),
						   (uint16_t)((slot + 1) | (flag ? ACTIVE : 0)));
		if (fits)
			l->flagged[slot] |= flag;
	}
	csr_id_map_seal(map);
	if (!fits)
		csr_stmt_done(st);
	if (!fits && l->n == SLOTS_MAX)
		/* TRANSLATORS: %d is a number over 30,000. */
		return csr_fail(err, CSR_EINVAL, _("More than %d different sites or categories:"
						   " too many to count the contribution"), SLOTS_MAX);
	if (!fits)
		return csr_fail(err, CSR_ENOMEM, "%s", _("Out of memory for the report"));
	return finish(db, st, step, err);
}

static csr_code book_read(csr_db *db, book *b, csr_err *err)
{
	csr_code rc = read_book(db, "SELECT v.site, v.id, v.active FROM volunteer v ORDER BY v.site",
				CSR_IDS_VOLUNTEER, &b->people, &b->sites, err);
	if (rc == CSR_OK)
		rc = read_book(db, "SELECT i.category, i.id, 0 FROM initiative i ORDER BY i.category",
			       CSR_IDS_INITIATIVE, &b->initiatives, &b->categories, err);
	return rc;
}

/* The pass: one day's minutes at a time, by site, time kind and category. */
typedef struct pass {
	const csr_config *cfg;
	const book *b;
	csr_contribution *c;
	bool *served;
	int64_t day;       /* worked_on of the groups held */
	int64_t *minutes;  /* [(site * 2 + own) * (categories + 1) + category slot + 1] */
	bool *used;        /* the same: a group of this day */
	int *held, nheld;  /* the groups used */
	int *area;         /* by category slot + 1: its area's index, UNTIED; -1 unknown */
	int min_group;
	int *people;       /* by area: people counted, up to min_group */
	int64_t *seen;     /* by area: their ids */
	bool *programme;   /* by site slot */
} pass;

static bool pass_begin(pass *ps, csr_db *db, const book *b, csr_contribution *c, bool *served,
		       int *people)
{
	int cats = b->categories.n + 1;
	size_t groups = (size_t)(b->sites.n ? b->sites.n : 1) * 2 * (size_t)cats;
	*ps = (pass){ .cfg = csr_db_config(db), .b = b, .c = c, .served = served,
		      .min_group = csr_metrics_min_group(db), .people = people };
	ps->minutes = calloc(groups, sizeof *ps->minutes);
	ps->used = calloc(groups, sizeof *ps->used);
	ps->held = calloc(groups, sizeof *ps->held);
	ps->area = malloc((size_t)cats * sizeof *ps->area);
	ps->seen = calloc((size_t)(UNTIED + 1) * (size_t)ps->min_group, sizeof *ps->seen);
	ps->programme = calloc((size_t)b->sites.n + 1, sizeof *ps->programme);
	if (ps->area)
		for (int i = 0; i < cats; i++)
			ps->area[i] = -1;
	return ps->minutes && ps->used && ps->held && ps->area && ps->seen && ps->programme;
}

static void pass_free(pass *ps)
{
	free(ps->minutes);
	free(ps->used);
	free(ps->held);
	free(ps->area);
	free(ps->seen);
	free(ps->programme);
}

static const char *category_of(const pass *ps, int slot)
{
	return slot ? ps->b->categories.name[slot - 1] : "";
}

/* Values the day's groups, as each row of a GROUP BY by site, day, time
 * kind and category was valued, and empties them. */
static void pass_flush(pass *ps)
{
	int cats = ps->b->categories.n + 1;
	for (int i = 0; i < ps->nheld; i++) {
		int g = ps->held[i], slot = g % cats, site = g / cats / 2;
		bool own = (g / cats) % 2;
		const char *category = category_of(ps, slot);
		int64_t minutes = ps->minutes[g];
		csr_issue_area_figures *a = category[0] ? area_of(ps->cfg, ps->c, category) : NULL;
		if (own)
			ps->c->own_minutes += minutes;
		else {
			double value = add_time(ps->cfg, &ps->c->company, ps->b->sites.name[site],
						ps->day, minutes, false);
			if (a)
				a->time_value += value;
		}
		if (a)
			a->minutes += minutes;
		add_sdgs(ps->cfg, category, ps->served);
		ps->minutes[g] = 0;
		ps->used[g] = false;
	}
	ps->nheld = 0;
}

/* Counts volunteer among the people of the area of category slot, up to
 * min_group. */
static void count_person(pass *ps, int slot, int64_t volunteer)
{
	if (ps->area[slot] < 0) {
		const char *category = category_of(ps, slot);
		ps->area[slot] = category[0] ? (int)(area_of(ps->cfg, ps->c, category) - ps->c->areas)
					     : UNTIED;
	}
	int area = ps->area[slot];
	int64_t *seen = &ps->seen[(size_t)area * (size_t)ps->min_group];
	if (ps->people[area] >= ps->min_group)
		return;
	for (int i = 0; i < ps->people[area]; i++)
		if (seen[i] == volunteer)
			return;
	seen[ps->people[area]++] = volunteer;
}

/* The site of a person (a value in book.people) has a programme when they
 * are active and it is a site. */
static void mark_programme(pass *ps, uint16_t person)
{
	int site = (person & SLOTS_MAX) - 1;
	if ((person & ACTIVE) && ps->b->sites.name[site][0])
		ps->programme[site] = true;
}

static void pass_add(pass *ps, sqlite3_stmt *st)
{
	int64_t day = sqlite3_column_int64(st, 0), volunteer = sqlite3_column_int64(st, 1);
	uint16_t person = csr_id_map_get(&ps->b->people, volunteer);
	if (!person)
		return; /* no such person: the join left such hours out */
	if (day != ps->day)
		pass_flush(ps);
	ps->day = day;
	int64_t initiative = sqlite3_column_int64(st, 2);
	int slot = initiative ? csr_id_map_get(&ps->b->initiatives, initiative) : 0;
	int cats = ps->b->categories.n + 1, site = (person & SLOTS_MAX) - 1;
	int g = (site * 2 + (sqlite3_column_int(st, 3) != 0)) * cats + slot;
	if (!ps->used[g]) {
		ps->used[g] = true;
		ps->held[ps->nheld++] = g;
	}
	ps->minutes[g] += sqlite3_column_int64(st, 4);
	count_person(ps, slot, volunteer);
	mark_programme(ps, person);
}

/* The sites with active volunteers, and how many have a programme: the
 * sites not found by their hours are looked for among the period's
 * attended places, until every one is found. */
static csr_code count_sites(csr_db *db, const csr_period *p, pass *ps, csr_err *err)
{
	const names *sites = &ps->b->sites;
	int missing = 0;
	for (int i = 0; i < sites->n; i++)
		missing += sites->name[i][0] && sites->flagged[i] && !ps->programme[i];
	sqlite3_stmt *st = !missing ? NULL : period_query(db,
		"SELECT s.volunteer_id FROM initiative i CROSS JOIN signup s"
		" ON s.initiative_id = i.id WHERE i.starts_at >= ?1 AND i.starts_at < ?2"
		" AND s.status = 'attended'", p, err);
	if (missing && !st)
		return csr_err_code(err);
	int rc = SQLITE_DONE;
	while (st && missing > 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		uint16_t person = csr_id_map_get(&ps->b->people, sqlite3_column_int64(st, 0));
		int site = (person & SLOTS_MAX) - 1;
		if (person && !ps->programme[site]) {
			mark_programme(ps, person);
			missing -= ps->programme[site];
		}
	}
	for (int i = 0; i < sites->n; i++) {
		ps->c->sites += sites->name[i][0] && sites->flagged[i];
		ps->c->sites_with_programme += sites->name[i][0] && sites->flagged[i] &&
					       ps->programme[i];
	}
	return st ? finish(db, st, rc == SQLITE_ROW ? SQLITE_DONE : rc, err) : CSR_OK;
}

static csr_code run_pass(csr_db *db, const csr_period *p, pass *ps, csr_err *err)
{
	sqlite3_stmt *st = period_query(db,
		"SELECT h.worked_on, h.volunteer_id, h.initiative_id, h.own_time, h.minutes"
		" FROM hours h WHERE h.status = 'approved' AND h.worked_on >= ?1"
		" AND h.worked_on < ?2 ORDER BY h.worked_on", p, err);
	if (!st)
		return csr_err_code(err);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		pass_add(ps, st);
	pass_flush(ps);
	csr_code code = finish(db, st, rc, err);
	return code == CSR_OK ? count_sites(db, p, ps, err) : code;
}

/* Approved hours by site, day, time kind and category; the people of each
 * area (people); the sites with a programme. */
static csr_code gather_hours(csr_db *db, const csr_period *p, csr_contribution *c,
			     bool served[CSR_SDG_COUNT + 1], int people[UNTIED + 1], csr_err *err)
{
	book b = { 0 };
	pass ps = { 0 };
	csr_code rc = book_read(db, &b, err);
	if (rc == CSR_OK && !pass_begin(&ps, db, &b, c, served, people))
		rc = csr_fail(err, CSR_ENOMEM, "%s", _("Out of memory for the report"));
	else if (rc == CSR_OK)
		rc = run_pass(db, p, &ps, err);
	pass_free(&ps);
	book_free(&b);
	return rc;
}

/* ---- the other queries ---- */

static csr_code gather_management(csr_db *db, const csr_period *p, csr_contribution *c,
				  csr_err *err)
{
	sqlite3_stmt *st = period_query(db,
		"SELECT v.site, m.worked_on, SUM(m.minutes) FROM management_time m"
		" JOIN volunteer v ON v.id = m.volunteer_id"
		" WHERE m.worked_on >= ?1 AND m.worked_on < ?2 GROUP BY v.site, m.worked_on", p, err);
	if (!st)
		return csr_err_code(err);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char site[CSR_SITE_MAX];
		csr_col_text(st, 0, site, sizeof site);
		add_time(csr_db_config(db), &c->management, site, sqlite3_column_int64(st, 1),
			 sqlite3_column_int64(st, 2), true);
	}
	return finish(db, st, rc, err);
}

/* Adds a total of metric (recorded on category's initiatives) by its kind. */
static void add_given(const csr_config *cfg, csr_contribution *c, const char *category,
		      const char *metric, double value)
{
	const csr_metric *m = csr_config_metric(cfg, metric);
	csr_issue_area_figures *a = area_of(cfg, c, category);
	switch (m ? m->kind : CSR_METRIC_OUTPUT) {
	case CSR_METRIC_CASH:
		c->cash += value;
		a->cash += value;
		break;
	case CSR_METRIC_IN_KIND:
		c->in_kind += value;
		a->in_kind += value;
		break;
	case CSR_METRIC_LEVERAGE:
		c->leverage += value;
		break;
	case CSR_METRIC_OUTPUT:
		break;
	}
}

static csr_code gather_given(csr_db *db, const csr_period *p, csr_contribution *c, csr_err *err)
{
	sqlite3_stmt *st = period_query(db,
		"SELECT i.category, x.metric, SUM(x.value) FROM initiative i"
		" CROSS JOIN impact x ON x.initiative_id = i.id"
		" WHERE i.starts_at >= ?1 AND i.starts_at < ?2 AND i.status <> 'cancelled'"
		" AND x.voided_at IS NULL GROUP BY i.category, x.metric", p, err);
	if (!st)
		return csr_err_code(err);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char category[CSR_KEY_MAX], metric[CSR_KEY_MAX];
		csr_col_text(st, 0, category, sizeof category);
		csr_col_text(st, 1, metric, sizeof metric);
		add_given(csr_db_config(db), c, category, metric, sqlite3_column_double(st, 2));
	}
	return finish(db, st, rc, err);
}

/* Initiatives held or planned in the period: neither draft nor cancelled. */
#define INITIATIVE_COUNTED \
	"i.starts_at >= ?1 AND i.starts_at < ?2 AND i.status NOT IN ('draft', 'cancelled')"

static csr_code gather_initiatives(csr_db *db, const csr_period *p, csr_contribution *c,
				   bool served[CSR_SDG_COUNT + 1], csr_err *err)
{
	sqlite3_stmt *st = period_query(db,
		"SELECT i.category, COUNT(*), SUM(i.beneficiaries) FROM initiative i"
		" WHERE " INITIATIVE_COUNTED " GROUP BY i.category", p, err);
	if (!st)
		return csr_err_code(err);
	const csr_config *cfg = csr_db_config(db);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char category[CSR_KEY_MAX];
		csr_col_text(st, 0, category, sizeof category);
		csr_issue_area_figures *a = area_of(cfg, c, category);
		long long beneficiaries = sqlite3_column_int64(st, 2);
		a->initiatives += sqlite3_column_int(st, 1);
		a->beneficiaries += beneficiaries;
		c->beneficiaries += beneficiaries;
		add_sdgs(cfg, category, served);
	}
	return finish(db, st, rc, err);
}

static csr_code count_organisations(csr_db *db, const csr_period *p, csr_contribution *c,
				    csr_err *err)
{
	int64_t n = 0;
	sqlite3_stmt *st = period_query(db,
		"SELECT COUNT(DISTINCT i.partner_id) FROM initiative i WHERE " INITIATIVE_COUNTED
		" AND i.partner_id IS NOT NULL", p, err);
	if (!st)
		return csr_err_code(err);
	csr_code rc = csr_read_count(db, st, &n, N_("computing the contribution"), err);
	c->organisations = (int)n;
	return rc;
}

/* ---- from the figures ---- */

static void copy_outputs(const csr_config *cfg, const csr_figures *f, csr_contribution *c)
{
	c->participants = f->participants;
	c->active_volunteers = f->active_volunteers;
	for (int i = 0; i < f->nmetrics && c->noutputs < CSR_METRICS_MAX; i++) {
		const csr_metric_figure *m = &f->metrics[i];
		const csr_metric *def = csr_config_metric(cfg, m->key);
		if (def && def->kind != CSR_METRIC_OUTPUT)
			continue;
		csr_output_figure *o = &c->outputs[c->noutputs++];
		char label[CSR_LABEL_MAX];
		csr_copy(o->key, sizeof o->key, m->key);
		csr_config_metric_label(cfg, m->key, label, sizeof label);
		csr_text_sanitize(label, o->title, sizeof o->title);
		csr_text_sanitize(def ? def->unit : "", o->unit, sizeof o->unit);
		o->total = m->total;
		o->goal = m->goal;
		o->goals_set = m->goals_set;
		o->goals_met = m->goals_met;
	}
}

static csr_code use_figures(csr_db *db, const csr_period *p, const csr_figures *given,
			    csr_contribution *c, csr_err *err)
{
	if (given) {
		copy_outputs(csr_db_config(db), given, c);
		return CSR_OK;
	}
	csr_figures *f = malloc(sizeof *f);
	if (!f)
		return csr_fail(err, CSR_ENOMEM, "%s", _("Out of memory for the report"));
	csr_code rc = csr_metrics_compute(db, p, NULL, f, err);
	if (rc == CSR_OK)
		copy_outputs(csr_db_config(db), f, c);
	free(f);
	return rc;
}

static csr_code gather(csr_db *db, const csr_period *p, const csr_figures *figures,
		       csr_contribution *c, csr_err *err)
{
	bool served[CSR_SDG_COUNT + 1] = { false };
	int people[UNTIED + 1] = { 0 };
	csr_code rc = gather_hours(db, p, c, served, people, err);
	if (rc == CSR_OK)
		rc = gather_management(db, p, c, err);
	if (rc == CSR_OK)
		rc = gather_given(db, p, c, err);
	if (rc == CSR_OK)
		rc = gather_initiatives(db, p, c, served, err);
	if (rc == CSR_OK)
		rc = count_organisations(db, p, c, err);
	if (rc == CSR_OK)
		rc = use_figures(db, p, figures, c, err);
	if (rc == CSR_OK)
		hide_small_areas(db, people, c);
	list_sdgs(served, c);
	qsort(c->areas, (size_t)c->nareas, sizeof c->areas[0], area_cmp);
	c->total = c->company.value + c->management.value + c->cash + c->in_kind;
	return rc;
}

csr_code csr_contribution_compute(csr_db *db, const csr_period *period,
				  const csr_figures *figures, csr_contribution *out, csr_err *err)
{
	memset(out, 0, sizeof *out);
	if (!period || period->to <= period->from)
		return csr_fail(err, CSR_EINVAL, "%s", _("The period must end after it starts"));
	/* TRANSLATORS: completes "Only team leads may ...". */
	csr_code rc = csr_require_role(db, CSR_ROLE_LEAD, N_("read the impact report"), err);
	bool own;
	/* one snapshot: the people and initiatives read first are those of the hours */
	if (rc == CSR_OK && (rc = csr_db_read_begin(db, &own, N_("gathering the report"), err)) ==
				    CSR_OK) {
		rc = gather(db, period, figures, out, err);
		csr_db_read_end(db, own);
	}
	return rc;
}

int64_t csr_contribution_minutes(const csr_contribution *c)
{
	return c->company.minutes + c->own_minutes;
}

double csr_contribution_site_share(const csr_contribution *c)
{
	return c->sites > 0 ? (double)c->sites_with_programme / c->sites : 0.0;
}
