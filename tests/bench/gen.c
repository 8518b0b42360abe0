/* SPDX-License-Identifier: MIT */
/* csrbench-gen: writes the benchmark data set, a call center at scale,
 * into a new csrdesk database.
 *
 *   csrbench-gen OUT.db [--now UNIX_SECONDS] [--volunteers N]
 *
 * By default 50,000 volunteers in 40 teams on 4 sites, 200 partners, 5,000
 * initiatives from two years back to one year ahead of the anchor (all
 * config categories, goals on some), 600,000 sign-up rows and 400,000 hours
 * rows (1,000,000 records), impact records for what took place, and
 * feedback. --volunteers scales all of it in proportion (bench_size_of in
 * bench.h): about 1,250 people per team, up to 4 sites.
 * Sign-ups keep csrdesk's rules: one live place per volunteer and
 * initiative, confirmed places never above capacity, no volunteer
 * confirmed on two overlapping initiatives.
 *
 * The database is made by csr_db_open, so it has the real schema; rows go
 * in through plain prepared INSERTs in big transactions of COMMIT_ROWS rows,
 * with every trigger firing as it does for csrdesk's own writes (test
 * tooling: the data layer's one-transaction-per-write would take hours),
 * but for the search indexes' (gen_volunteers).
 * A fixed seed and the anchor (default: today, 00:00 UTC) decide every
 * row, so two runs with the same anchor write the same database. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"
#include "csrdesk/config.h"
#include "csrdesk/db.h"
#include "csrdesk/initiative.h"
#include "db_private.h"
#include "gen_text.h"

#define SEED 0x5eed2026c5d35c0ULL

enum { HOUR = 3600, COMMIT_ROWS = 500000 };

typedef struct ginit {
	int64_t start, end, created;
	int capacity;
	int category; /* index into the config's categories */
	csr_initiative_status status;
	int confirmed; /* live places that hold a seat */
	int rows;      /* sign-up rows to write */
} ginit;

/* A volunteer's seats (confirmed, attended, no-show), for the overlap rule. */
typedef struct gvol {
	int *seats;
	int nseats, cap;
	bool active;
} gvol;

typedef struct pair {
	int init, vol;
} pair;

typedef struct gen {
	sqlite3 *sql;
	bench_size z;
	const csr_config *cfg;
	bench_rng rng;
	int64_t anchor;
	ginit *inits;
	gvol *vols;
	/* taken[v] == i + 1: volunteer v has a sign-up row on initiative i
	 * (the rows are written one initiative after the other). */
	int *taken;
	long rows; /* written since the last commit */
	pair *attended;
	size_t nattended, attended_cap;
	long signups, hours, impact, feedback, goals;
} gen;

/* ---- SQLite helpers: any failure ends the program ---- */

static void die(const char *what, const char *why)
{
	fprintf(stderr, "csrbench-gen: %s: %s\n", what, why);
	exit(1);
}

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n, size);
	if (!p)
		die("memory", strerror(errno));
	return p;
}

static void run(gen *g, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(g->sql, sql, NULL, NULL, &msg) != SQLITE_OK)
		die(sql, msg ? msg : "failed");
}

static sqlite3_stmt *prepare(gen *g, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(g->sql, sql, -1, &st, NULL) != SQLITE_OK)
		die(sql, sqlite3_errmsg(g->sql));
	return st;
}

/* Steps an INSERT and resets it for the next row; commits every
 * COMMIT_ROWS rows, so the WAL of a big data set stays small. */
static void insert(gen *g, sqlite3_stmt *st)
{
	if (sqlite3_step(st) != SQLITE_DONE)
		die(sqlite3_sql(st), sqlite3_errmsg(g->sql));
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (++g->rows == COMMIT_ROWS) {
		run(g, "COMMIT; BEGIN");
		g->rows = 0;
	}
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
	sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

/* ---- random helpers ---- */

static uint32_t below(gen *g, uint32_t n)
{
	return bench_rng_below(&g->rng, n);
}

static bool chance(gen *g, unsigned percent)
{
	return bench_rng_chance(&g->rng, percent) != 0;
}

static int64_t between(gen *g, int64_t lo, int64_t hi)
{
	return hi <= lo ? lo : lo + (int64_t)(bench_rng_next(&g->rng) % (uint64_t)(hi - lo));
}

/* ---- partners and volunteers ---- */

static void gen_partners(gen *g)
{
	sqlite3_stmt *st = prepare(g, "INSERT INTO partner (id, name, contact, email, website)"
				   " VALUES (?1, ?2, ?3, ?4, ?5)");
	char name[128], contact[128], email[64], web[64];
	for (int i = 0; i < g->z.partners; i++) {
		gen_partner_name(i, name, sizeof name);
		gen_person_name(&g->rng, contact, sizeof contact);
		snprintf(email, sizeof email, "contact@partner%d.example", i + 1);
		snprintf(web, sizeof web, "https://partner%d.example", i + 1);
		sqlite3_bind_int(st, 1, i + 1);
		bind_text(st, 2, name);
		bind_text(st, 3, contact);
		bind_text(st, 4, email);
		bind_text(st, 5, web);
		insert(g, st);
	}
	sqlite3_finalize(st);
}

static void gen_volunteer(gen *g, sqlite3_stmt *st, int i)
{
	char id[16], name[128], team[64], email[64], skills[256];
	int t = (int)below(g, (uint32_t)g->z.teams);
	snprintf(id, sizeof id, "E%06d", i + 1);
	snprintf(email, sizeof email, "e%06d@callcenter.example", i + 1);
	gen_person_name(&g->rng, name, sizeof name);
	gen_team(&g->z, t, team, sizeof team);
	gen_skills(&g->rng, skills, sizeof skills);
	g->vols[i].active = i < g->z.leads || !chance(g, 3);
	sqlite3_bind_int(st, 1, i + 1);
	bind_text(st, 2, id);
	bind_text(st, 3, name);
	bind_text(st, 4, team);
	bind_text(st, 5, gen_site(bench_site_of(&g->z, t)));
	bind_text(st, 6, email);
	bind_text(st, 7, skills);
	sqlite3_bind_int(st, 8, g->vols[i].active);
	sqlite3_bind_int64(st, 9, g->anchor - between(g, 30, 1500) * BENCH_DAY);
	insert(g, st);
}

/* The triggers that write the volunteer search indexes (migrations 5 and
 * 14), as the schema spells them. Inside a transaction each one-row INSERT
 * opens a statement savepoint, at which FTS5 writes what it holds to disk:
 * ~15 ms a row at 50,000 people. The volunteers go in without them, and
 * the indexes are built in one pass from the table (FTS5 'rebuild'), as
 * csrdesk's own migration builds them. */
static const char *const SEARCH_TRIGGERS =
	"SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'"
	" AND name IN ('volunteer_search_insert', 'volunteer_short_insert')";

static void gen_volunteers(gen *g)
{
	char *saved[2][2] = { { NULL } };
	sqlite3_stmt *st = prepare(g, SEARCH_TRIGGERS);
	for (int n = 0; n < 2 && sqlite3_step(st) == SQLITE_ROW; n++)
		for (int c = 0; c < 2; c++)
			saved[n][c] = sqlite3_mprintf("%s", sqlite3_column_text(st, c));
	sqlite3_finalize(st);
	for (int n = 0; n < 2 && saved[n][0]; n++) {
		char *drop = sqlite3_mprintf("DROP TRIGGER %w", saved[n][0]);
		run(g, drop);
		sqlite3_free(drop);
	}
	st = prepare(g, "INSERT INTO volunteer (id, employee_id, name, team, site,"
			" email, skills, active, created_at)"
			" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
	for (int i = 0; i < g->z.volunteers; i++)
		gen_volunteer(g, st, i);
	sqlite3_finalize(st);
	run(g, "INSERT INTO volunteer_search (volunteer_search) VALUES ('rebuild');"
	       "INSERT INTO volunteer_short (volunteer_short) VALUES ('rebuild')");
	for (int n = 0; n < 2; n++) {
		if (saved[n][1])
			run(g, saved[n][1]);
		sqlite3_free(saved[n][0]);
		sqlite3_free(saved[n][1]);
	}
}

/* ---- initiatives and goals ---- */

static csr_initiative_status pick_status(gen *g, const ginit *in)
{
	unsigned p = below(g, 100);
	if (in->end <= g->anchor)
		return p < 90 ? CSR_INITIATIVE_DONE : p < 96 ? CSR_INITIATIVE_CLOSED
						       : CSR_INITIATIVE_CANCELLED;
	if (in->start <= g->anchor)
		return CSR_INITIATIVE_CLOSED; /* under way now */
	return p < 85 ? CSR_INITIATIVE_OPEN : p < 90 ? CSR_INITIATIVE_CLOSED
		       : p < 97 ? CSR_INITIATIVE_DRAFT : CSR_INITIATIVE_CANCELLED;
}

/* Start times follow the id order loosely, as initiatives are planned:
 * spread over the three years, jittered by up to three weeks. */
static void plan_initiative(gen *g, int i, ginit *in)
{
	int64_t span = (int64_t)(BENCH_DAYS_PAST + BENCH_DAYS_AHEAD) * BENCH_DAY;
	int64_t first = g->anchor - (int64_t)BENCH_DAYS_PAST * BENCH_DAY;
	int64_t day = first + span * i / g->z.initiatives + between(g, 0, 21) * BENCH_DAY;
	day -= day % BENCH_DAY;
	in->start = day + (8 + between(g, 0, 10)) * HOUR + (chance(g, 50) ? 1800 : 0);
	in->end = in->start + between(g, 1, 7) * HOUR;
	in->created = in->start - between(g, 10, 90) * BENCH_DAY;
	in->capacity = 10 + (int)below(g, 221);
	in->category = (int)below(g, (uint32_t)g->cfg->ncategories);
	in->status = pick_status(g, in);
}

static void bind_initiative(gen *g, sqlite3_stmt *st, int i, const ginit *in)
{
	char title[160], location[160];
	gen_title(&g->rng, in->category, i + 1, title, sizeof title);
	gen_location(&g->rng, location, sizeof location);
	sqlite3_bind_int(st, 1, i + 1);
	bind_text(st, 2, title);
	bind_text(st, 3, g->cfg->categories[in->category].key);
	bind_text(st, 4, "Bring comfortable shoes. Meet at the entrance ten minutes early.");
	if (chance(g, 75))
		sqlite3_bind_int(st, 5, 1 + (int)below(g, (uint32_t)g->z.partners));
	bind_text(st, 6, location);
	sqlite3_bind_int64(st, 7, in->start);
	sqlite3_bind_int64(st, 8, in->end);
	sqlite3_bind_int(st, 9, in->capacity);
	bind_text(st, 10, csr_initiative_status_name(in->status));
	sqlite3_bind_int(st, 11, 1 + (int)below(g, (uint32_t)g->z.leads));
	sqlite3_bind_int64(st, 12, in->created);
}

/* A plausible amount of a metric for one initiative. */
static double metric_amount(gen *g, const char *metric)
{
	static const struct { const char *key; int lo, hi; } ranges[] = {
		{ "mentees", 2, 30 }, { "blood", 5, 60 }, { "raised", 100, 5000 },
		{ "trees", 20, 500 }, { "recycled", 50, 2000 }, { "meals", 100, 3000 },
	};
	for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
		if (strcmp(metric, ranges[i].key) == 0)
			return ranges[i].lo + (double)below(g, (uint32_t)(ranges[i].hi - ranges[i].lo));
	return 1 + below(g, 100);
}

static void gen_goals(gen *g, sqlite3_stmt *st, int i, const ginit *in)
{
	const csr_category *c = &g->cfg->categories[in->category];
	for (int m = 0; m < c->nmetrics; m++) {
		const char *key = g->cfg->metrics[c->metrics[m]].key;
		sqlite3_bind_int(st, 1, i + 1);
		bind_text(st, 2, key);
		sqlite3_bind_double(st, 3, metric_amount(g, key) * 1.5);
		insert(g, st);
		g->goals++;
	}
}

static void gen_initiatives(gen *g)
{
	sqlite3_stmt *st = prepare(g, "INSERT INTO initiative (id, title, category, description,"
				   " partner_id, location, starts_at, ends_at, capacity, status,"
				   " owner_id, created_at)"
				   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
	sqlite3_stmt *goal = prepare(g, "INSERT INTO initiative_goal (initiative_id, metric,"
				     " target) VALUES (?1, ?2, ?3)");
	for (int i = 0; i < g->z.initiatives; i++) {
		ginit *in = &g->inits[i];
		plan_initiative(g, i, in);
		bind_initiative(g, st, i, in);
		insert(g, st);
		if (in->status != CSR_INITIATIVE_CANCELLED && chance(g, 40))
			gen_goals(g, goal, i, in);
	}
	sqlite3_finalize(st);
	sqlite3_finalize(goal);
}

/* ---- sign-ups ---- */

/* How many sign-up rows each initiative gets: about its capacity (60-130%),
 * scaled so that the total is exactly the size's sign-ups. Drafts get none. */
static void plan_signup_rows(gen *g)
{
	int n = g->z.initiatives;
	int64_t *weight = xcalloc((size_t)n, sizeof *weight), total = 0, given = 0;
	for (int i = 0; i < n; i++) {
		bool draft = g->inits[i].status == CSR_INITIATIVE_DRAFT;
		weight[i] = draft ? 0 : g->inits[i].capacity * (60 + (int64_t)below(g, 71));
		total += weight[i];
	}
	for (int i = 0; i < n; i++) {
		g->inits[i].rows = (int)(weight[i] * g->z.signups / total);
		given += g->inits[i].rows;
	}
	for (int i = 0; given < g->z.signups; i = (i + 1) % n)
		if (weight[i]) {
			g->inits[i].rows++;
			given++;
		}
	free(weight);
}

static bool is_taken(const gen *g, int init, int vol)
{
	return g->taken[vol] == init + 1;
}

static void take(gen *g, int init, int vol)
{
	g->taken[vol] = init + 1;
}

/* A volunteer with no row on the initiative yet; active ones only for
 * what has not taken place (past ones may have left since). */
static int pick_volunteer(gen *g, int init)
{
	bool past = g->inits[init].end <= g->anchor;
	for (;;) {
		int v = (int)below(g, (uint32_t)g->z.volunteers);
		if (!is_taken(g, init, v) && (past || g->vols[v].active))
			return v;
	}
}

static bool overlaps(const gen *g, int init, int vol)
{
	const ginit *in = &g->inits[init];
	const gvol *v = &g->vols[vol];
	for (int k = 0; k < v->nseats; k++) {
		const ginit *o = &g->inits[v->seats[k]];
		if (o->start < in->end && o->end > in->start)
			return true;
	}
	return false;
}

static void add_seat(gen *g, int init, int vol)
{
	gvol *v = &g->vols[vol];
	if (v->nseats == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 8;
		v->seats = realloc(v->seats, (size_t)v->cap * sizeof *v->seats);
		if (!v->seats)
			die("memory", strerror(errno));
	}
	v->seats[v->nseats++] = init;
	g->inits[init].confirmed++;
}

static void remember_attended(gen *g, int init, int vol)
{
	if (g->nattended == g->attended_cap) {
		g->attended_cap = g->attended_cap ? g->attended_cap * 2 : 65536;
		g->attended = realloc(g->attended, g->attended_cap * sizeof *g->attended);
		if (!g->attended)
			die("memory", strerror(errno));
	}
	g->attended[g->nattended++] = (pair){ init, vol };
}

/* What became of a seat: upcoming ones are confirmed; past ones attended
 * or no-show when the initiative is done, else still confirmed. */
static const char *seat_status(gen *g, int init, int vol)
{
	const ginit *in = &g->inits[init];
	if (in->status != CSR_INITIATIVE_DONE)
		return "confirmed";
	unsigned p = below(g, 100);
	if (p < 86) {
		remember_attended(g, init, vol);
		return "attended";
	}
	return p < 95 ? "no-show" : "confirmed";
}

/* Chooses the volunteer and status of one sign-up row: a seat while there
 * is room (for someone with no overlapping seat), else the waitlist; a
 * few rows are cancelled places kept as history. */
static const char *place_row(gen *g, int init, int *vol)
{
	const ginit *in = &g->inits[init];
	bool cancelled = in->status == CSR_INITIATIVE_CANCELLED || chance(g, 7);
	if (!cancelled && in->confirmed < in->capacity)
		for (int tries = 0; tries < 8; tries++) {
			*vol = pick_volunteer(g, init);
			if (!overlaps(g, init, *vol)) {
				add_seat(g, init, *vol);
				return seat_status(g, init, *vol);
			}
		}
	*vol = pick_volunteer(g, init);
	return cancelled ? "cancelled" : "waitlisted";
}

static void gen_signup_row(gen *g, sqlite3_stmt *st, int init)
{
	const ginit *in = &g->inits[init];
	int vol;
	const char *status = place_row(g, init, &vol);
	take(g, init, vol);
	int64_t last = in->start < g->anchor ? in->start : g->anchor;
	int64_t created = between(g, in->created, last);
	bool marked = strcmp(status, "attended") == 0 || strcmp(status, "no-show") == 0;
	int64_t updated = marked ? in->end + HOUR
		: strcmp(status, "cancelled") == 0 ? between(g, created, last) : created;
	sqlite3_bind_int(st, 1, init + 1);
	sqlite3_bind_int(st, 2, vol + 1);
	bind_text(st, 3, status);
	sqlite3_bind_int64(st, 4, created);
	sqlite3_bind_int64(st, 5, updated);
	insert(g, st);
	g->signups++;
}

static void gen_signups(gen *g)
{
	sqlite3_stmt *st = prepare(g, "INSERT INTO signup (initiative_id, volunteer_id, status,"
				   " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)");
	plan_signup_rows(g);
	for (int i = 0; i < g->z.initiatives; i++)
		for (int r = 0; r < g->inits[i].rows; r++)
			gen_signup_row(g, st, i);
	sqlite3_finalize(st);
}

/* ---- hours ---- */

static void bind_decision(gen *g, sqlite3_stmt *st, int64_t worked_on)
{
	bool recent = worked_on > g->anchor - 30 * BENCH_DAY;
	unsigned p = below(g, 100);
	const char *status = recent && p < 40 ? "pending"
			     : p < 93 ? "approved" : p < 96 ? "rejected" : "pending";
	bind_text(st, 5, status);
	if (strcmp(status, "pending") != 0) {
		sqlite3_bind_int(st, 6, 1 + (int)below(g, (uint32_t)g->z.leads));
		sqlite3_bind_int64(st, 7, worked_on + between(g, 1, 14) * BENCH_DAY);
	}
}

static void gen_hours_row(gen *g, sqlite3_stmt *st, int vol, int init, int64_t worked_on,
			  int minutes)
{
	sqlite3_bind_int(st, 1, vol + 1);
	if (init >= 0)
		sqlite3_bind_int(st, 2, init + 1);
	sqlite3_bind_int64(st, 3, worked_on);
	sqlite3_bind_int(st, 4, minutes);
	bind_decision(g, st, worked_on);
	bind_text(st, 8, gen_note(&g->rng));
	sqlite3_bind_int64(st, 9, worked_on + between(g, 1, 3) * BENCH_DAY);
	insert(g, st);
	g->hours++;
}

/* The rest of the size's records: three quarters tied to attended places (the
 * initiative's own time), the others untied (calls for a telethon ...). */
static void gen_hours(gen *g)
{
	sqlite3_stmt *st = prepare(g, "INSERT INTO hours (volunteer_id, initiative_id, worked_on,"
				   " minutes, status, decided_by, decided_at, note, created_at)"
				   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
	long want = g->z.records - g->signups;
	long tied = want * 3 / 4 < (long)g->nattended ? want * 3 / 4 : (long)g->nattended;
	/* Selection sampling: exactly `tied` of the attended places, evenly. */
	for (size_t k = 0; k < g->nattended && g->hours < tied; k++) {
		if (below(g, (uint32_t)(g->nattended - k)) >= (uint32_t)(tied - g->hours))
			continue;
		const ginit *in = &g->inits[g->attended[k].init];
		gen_hours_row(g, st, g->attended[k].vol, g->attended[k].init, in->start,
			      (int)((in->end - in->start) / 60));
	}
	while (g->hours < want) {
		int64_t day = g->anchor - between(g, 1, BENCH_DAYS_PAST) * BENCH_DAY;
		gen_hours_row(g, st, (int)below(g, (uint32_t)g->z.volunteers), -1,
			      day + between(g, 8, 18) * HOUR, 15 * (1 + (int)below(g, 32)));
	}
	sqlite3_finalize(st);
}

/* ---- impact and feedback ---- */

static void gen_impact_of(gen *g, sqlite3_stmt *st, int i)
{
	const ginit *in = &g->inits[i];
	const csr_category *c = &g->cfg->categories[in->category];
	for (int m = 0; m < c->nmetrics; m++)
		for (int k = 1 + (int)below(g, 2); k > 0; k--) {
			const char *key = g->cfg->metrics[c->metrics[m]].key;
			sqlite3_bind_int(st, 1, i + 1);
			bind_text(st, 2, key);
			sqlite3_bind_double(st, 3, metric_amount(g, key) / 2);
			sqlite3_bind_int(st, 4, 1 + (int)below(g, (uint32_t)g->z.leads));
			sqlite3_bind_int64(st, 5, in->end + between(g, 1, 7) * BENCH_DAY);
			insert(g, st);
			g->impact++;
		}
}

static void gen_impact(gen *g)
{
	sqlite3_stmt *st = prepare(g, "INSERT INTO impact (initiative_id, metric, value,"
				   " recorded_by, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5)");
	for (int i = 0; i < g->z.initiatives; i++)
		if (g->inits[i].status == CSR_INITIATIVE_DONE)
			gen_impact_of(g, st, i);
	sqlite3_finalize(st);
}

static int pick_rating(gen *g)
{
	unsigned p = below(g, 100);
	return p < 3 ? 1 : p < 10 ? 2 : p < 30 ? 3 : p < 70 ? 4 : 5;
}

/* About a third of the people who attended rate the initiative. */
static void gen_feedback(gen *g)
{
	sqlite3_stmt *st = prepare(g, "INSERT INTO feedback (initiative_id, volunteer_id, rating,"
				   " comment, created_at) VALUES (?1, ?2, ?3, ?4, ?5)");
	for (size_t k = 0; k < g->nattended; k++) {
		if (!chance(g, 35))
			continue;
		const ginit *in = &g->inits[g->attended[k].init];
		sqlite3_bind_int(st, 1, g->attended[k].init + 1);
		sqlite3_bind_int(st, 2, g->attended[k].vol + 1);
		sqlite3_bind_int(st, 3, pick_rating(g));
		bind_text(st, 4, gen_comment(&g->rng));
		sqlite3_bind_int64(st, 5, in->end + between(g, 1, 5) * BENCH_DAY);
		insert(g, st);
		g->feedback++;
	}
	sqlite3_finalize(st);
}

/* ---- the program ---- */

static void generate(gen *g)
{
	/* Speed over safety while filling a scratch file: nothing to lose. */
	run(g, "PRAGMA synchronous = OFF; PRAGMA cache_size = -262144; PRAGMA foreign_keys = OFF");
	run(g, "BEGIN");
	gen_partners(g);
	gen_volunteers(g);
	gen_initiatives(g);
	run(g, "COMMIT; BEGIN");
	gen_signups(g);
	run(g, "COMMIT; BEGIN");
	gen_hours(g);
	gen_impact(g);
	gen_feedback(g);
	run(g, "COMMIT");
	run(g, "PRAGMA wal_checkpoint(TRUNCATE)");
}

static void remove_db(const char *path)
{
	static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
	char file[4200];
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		snprintf(file, sizeof file, "%s%s", path, suffixes[i]);
		if (unlink(file) != 0 && errno != ENOENT)
			die(file, strerror(errno));
	}
}

typedef struct args {
	const char *out;
	int64_t anchor;
	int volunteers;
} args;

static void usage(void)
{
	fprintf(stderr, "usage: csrbench-gen OUT.db [--now UNIX_SECONDS] [--volunteers N]\n");
	exit(2);
}

static args parse(int argc, char **argv)
{
	int64_t now = (int64_t)time(NULL);
	args a = { .anchor = now - now % BENCH_DAY, .volunteers = BENCH_VOLUNTEERS };
	/* OUT.db is removed and made anew: never take an option for it. */
	if (argc < 2 || argv[1][0] == '-')
		usage();
	a.out = argv[1];
	for (int i = 2; i < argc; i += 2) {
		if (i + 1 >= argc)
			usage();
		if (strcmp(argv[i], "--now") == 0)
			a.anchor = strtoll(argv[i + 1], NULL, 10);
		else if (strcmp(argv[i], "--volunteers") == 0)
			a.volunteers = atoi(argv[i + 1]);
		else
			usage();
	}
	if (a.volunteers < 10)
		usage();
	return a;
}

int main(int argc, char **argv)
{
	args a = parse(argc, argv);
	csr_config *cfg = NULL;
	csr_db *db = NULL;
	csr_err err;
	if (csr_config_load_text(csr_config_default_text(), "(built-in)", &cfg, &err) != CSR_OK)
		die("the built-in config", err.msg);
	remove_db(a.out);
	if (csr_db_open(a.out, cfg, true, &db, &err) != CSR_OK)
		die(a.out, err.msg);
	gen g = { .sql = csr_db_sqlite(db), .cfg = cfg, .rng = { SEED }, .anchor = a.anchor,
		  .z = bench_size_of(a.volunteers) };
	g.inits = xcalloc((size_t)g.z.initiatives, sizeof *g.inits);
	g.vols = xcalloc((size_t)g.z.volunteers, sizeof *g.vols);
	g.taken = xcalloc((size_t)g.z.volunteers, sizeof *g.taken);
	generate(&g);
	printf("%s: anchor %lld, %d volunteers in %d teams on %d sites, %d initiatives"
	       " (%ld goals), %ld sign-ups, %ld hours, %ld impact records, %ld feedback\n", a.out,
	       (long long)a.anchor, g.z.volunteers, g.z.teams, g.z.sites, g.z.initiatives,
	       g.goals, g.signups, g.hours, g.impact, g.feedback);
	csr_db_close(&db);
	csr_config_free(&cfg);
	for (int i = 0; i < g.z.volunteers; i++)
		free(g.vols[i].seats);
	free(g.vols);
	free(g.inits);
	free(g.taken);
	free(g.attended);
	return 0;
}
