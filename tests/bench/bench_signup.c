/* SPDX-License-Identifier: MIT */
/* Sign-up and cancel throughput. Two copies of the generated database;
 * rounds of sign-ups alternate between csr_signup_add on one copy and the
 * raw transaction (raw_signup.c) on the other, so both see the same data,
 * the same disk and the same moment. Each round adds fresh open initiatives
 * far in the future (never overlapping one another) with room for 60% of
 * the round's sign-ups, so both the confirmed and the waitlist path run.
 *
 * Then rounds of cancels with promotion, alternating the same way between
 * csr_signup_cancel (by the person) and raw_signup_cancel: each round's
 * fresh initiatives are full, with as many people waiting as there are
 * cancels, so every cancel promotes the first waitlisted person and writes
 * their 'promoted' notification. After each such round the notification
 * rows are counted: exactly one per promotion, one promotion per cancel.
 *
 * A round forks its processes, each opens its own connection, and all
 * start together on a pipe; throughput is the successful operations
 * divided by the time from the start until the last process finished; each
 * operation's own time goes into shared memory, for the p99. After each
 * concurrent round (and each cancel round) every initiative of the copy is
 * checked for more confirmed places than capacity, and the round's places
 * are counted against the operations acknowledged. */
#include "bench_signup.h"

#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"
#include "bench_files.h"
#include "bench_table.h"
#include "csrdesk/auth.h"
#include "csrdesk/db.h"
#include "csrdesk/signup.h"
#include "raw_signup.h"

enum { INITS_PER_ROUND = 16, ERROR_MAX = 200, SLOT_SECONDS = 3 * 3600 };

typedef enum operation { OP_SIGN_UP, OP_CANCEL } operation;

typedef struct round {
	const signup_bench *b;
	const char *path;
	bool raw;
	operation op;
	int procs, per_proc;
	int64_t inits[INITS_PER_ROUND];
	/* Operation g is by vols[g] on inits[g % INITS_PER_ROUND]; in a cancel
	 * round vols[ops + g] waits behind vols[g]'s place. */
	const int64_t *vols;
	int64_t *latency_us; /* operation g's time, waiting included; shared */
	int64_t first_waiting; /* a cancel round: the first waitlisted place's id */
} round;

/* What a process sends back; small enough for one atomic pipe write. */
typedef struct child_report {
	long ok, errors;
	int64_t end_us;
	int64_t slowest_us; /* the longest single sign-up, waiting included */
	char error[ERROR_MAX];
} child_report;

typedef struct tally {
	long ok, errors, overbooked, missing;
	long wrong_notes; /* cancel rounds whose 'promoted' rows did not match */
	double seconds;
	int64_t slowest_us;
	char error[ERROR_MAX];
	char wrong[ERROR_MAX]; /* the first of them */
} tally;

/* ---- one connection, either way ---- */

typedef struct signer {
	bool raw;
	csr_db *db;
	raw_signup rs;
} signer;

static int signer_open(signer *s, const round *r, char *error)
{
	*s = (signer){ .raw = r->raw };
	if (r->raw) {
		int rc = raw_signup_open(&s->rs, r->path);
		if (rc != SQLITE_OK)
			snprintf(error, ERROR_MAX, "raw open: %s", sqlite3_errstr(rc));
		return rc == SQLITE_OK ? 0 : -1;
	}
	csr_err err;
	if (csr_db_open(r->path, r->b->cfg, false, &s->db, &err) != CSR_OK) {
		snprintf(error, ERROR_MAX, "open: %.180s", err.msg);
		return -1;
	}
	csr_actor lead = { .role = CSR_ROLE_LEAD, .name = "bench:lead" };
	csr_db_set_actor(s->db, &lead);
	return 0;
}

static int signer_add(signer *s, int64_t initiative, int64_t volunteer, char *error)
{
	if (s->raw) {
		int rc = raw_signup_add(&s->rs, initiative, volunteer);
		if (rc != SQLITE_OK && !error[0])
			snprintf(error, ERROR_MAX, "raw: %s", sqlite3_errstr(rc));
		return rc == SQLITE_OK ? 0 : -1;
	}
	csr_err err;
	csr_signup_result res;
	if (csr_signup_add(s->db, initiative, volunteer, &res, &err) == CSR_OK)
		return 0;
	if (!error[0])
		snprintf(error, ERROR_MAX, "%.190s", err.msg);
	return -1;
}

/* The person cancels their own confirmed place. */
static int signer_cancel(signer *s, int64_t initiative, int64_t volunteer, char *error)
{
	if (s->raw) {
		int rc = raw_signup_cancel(&s->rs, initiative, volunteer);
		if (rc != SQLITE_OK && !error[0])
			snprintf(error, ERROR_MAX, "raw: %s", sqlite3_errstr(rc));
		return rc == SQLITE_OK ? 0 : -1;
	}
	csr_actor self = { .role = CSR_ROLE_AGENT, .volunteer_id = volunteer,
			   .name = "bench:volunteer" };
	csr_db_set_actor(s->db, &self);
	csr_err err;
	csr_signup_result res;
	if (csr_signup_cancel(s->db, initiative, volunteer, &res, &err) == CSR_OK)
		return 0;
	if (!error[0])
		snprintf(error, ERROR_MAX, "%.190s", err.msg);
	return -1;
}

/* Operation g of the round. */
static int signer_run(signer *s, const round *r, int g, char *error)
{
	int64_t initiative = r->inits[g % INITS_PER_ROUND];
	if (r->op == OP_CANCEL)
		return signer_cancel(s, initiative, r->vols[g], error);
	return signer_add(s, initiative, r->vols[g], error);
}

static void signer_close(signer *s)
{
	if (s->raw)
		raw_signup_close(&s->rs);
	else
		csr_db_close(&s->db);
}

/* ---- a round of processes ---- */

/* Process p does operations p, p + procs, p + 2 procs, ...: signs up
 * (or cancels) those volunteers, each on the round's initiatives in turn. */
static void child_work(const round *r, int p, int ready_fd, int go_fd, int result_fd)
{
	child_report rep = { 0 };
	signer s;
	int opened = signer_open(&s, r, rep.error);
	char c = 'r';
	if (write(ready_fd, &c, 1) != 1 || read(go_fd, &c, 1) < 0)
		_exit(1);
	for (int k = 0; k < r->per_proc; k++) {
		int g = p + k * r->procs;
		int64_t t0 = bench_us();
		if (opened == 0 && signer_run(&s, r, g, rep.error) == 0)
			rep.ok++;
		else
			rep.errors++;
		r->latency_us[g] = bench_us() - t0;
		if (r->latency_us[g] > rep.slowest_us)
			rep.slowest_us = r->latency_us[g];
	}
	rep.end_us = bench_us();
	if (opened == 0)
		signer_close(&s);
	_exit(write(result_fd, &rep, sizeof rep) == (ssize_t)sizeof rep ? 0 : 1);
}

static void add_report(tally *t, const child_report *rep, int64_t *end_us)
{
	t->ok += rep->ok;
	t->errors += rep->errors;
	if (rep->end_us > *end_us)
		*end_us = rep->end_us;
	if (rep->slowest_us > t->slowest_us)
		t->slowest_us = rep->slowest_us;
	if (rep->error[0] && !t->error[0])
		snprintf(t->error, sizeof t->error, "%s", rep->error);
}

/* Starts every process at once, collects their reports. */
static void gather(const round *r, int ready_fd, int go_fd, int result_fd, int started,
		   tally *t)
{
	char c;
	for (int i = 0; i < started; i++)
		if (read(ready_fd, &c, 1) != 1)
			break;
	int64_t begin = bench_us(), end = begin;
	close(go_fd);
	child_report rep;
	for (int i = 0; i < started && read(result_fd, &rep, sizeof rep) == sizeof rep; i++)
		add_report(t, &rep, &end);
	while (wait(NULL) > 0)
		;
	t->errors += (long)(r->procs - started) * r->per_proc;
	t->seconds = (double)(end - begin) / 1e6;
}

static int run_round(const round *r, tally *t)
{
	int ready[2], go[2], result[2];
	if (pipe(ready) || pipe(go) || pipe(result))
		return -1;
	fflush(NULL);
	int started = 0;
	for (; started < r->procs; started++) {
		pid_t pid = fork();
		if (pid < 0)
			break;
		if (pid == 0) {
			close(ready[0]);
			close(go[1]);
			close(result[0]);
			child_work(r, started, ready[1], go[0], result[1]);
		}
	}
	close(ready[1]);
	close(go[0]);
	close(result[1]);
	gather(r, ready[0], go[1], result[0], started, t);
	close(ready[0]);
	close(result[0]);
	return 0;
}

/* ---- the databases ---- */


/* The round's initiatives: open, 2 h long, each in its own time slot
 * after everything generated. */
static int insert_initiatives(sqlite3 *db, round *r, int capacity)
{
	static int slot;
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, "INSERT INTO initiative (title, category, starts_at,"
				    " ends_at, capacity, status, created_at) VALUES"
				    " ('Benchmark round', 'community', ?1, ?1 + 7200, ?2,"
				    " 'open', ?3)", -1, &st, NULL);
	int64_t now = (int64_t)time(NULL), base = now + 500 * (int64_t)BENCH_DAY;
	for (int i = 0; rc == SQLITE_OK && i < INITS_PER_ROUND; i++) {
		sqlite3_bind_int64(st, 1, base + (int64_t)slot++ * SLOT_SECONDS);
		sqlite3_bind_int(st, 2, capacity);
		sqlite3_bind_int64(st, 3, now);
		rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
		sqlite3_reset(st);
		r->inits[i] = sqlite3_last_insert_rowid(db);
	}
	sqlite3_finalize(st);
	return rc;
}

/* A cancel round's places: vols[g] confirmed on inits[g % INITS_PER_ROUND],
 * then vols[ops + g] waitlisted on the same initiative, in that order; each
 * initiative's capacity becomes its confirmed places, so each is full and
 * every cancel frees a place for the first person waiting. */
static int insert_places(sqlite3 *db, round *r)
{
	int ops = r->procs * r->per_proc;
	sqlite3_stmt *st = NULL, *full = NULL;
	int rc = sqlite3_prepare_v2(db, "INSERT INTO signup (initiative_id, volunteer_id, status,"
				    " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)", -1, &st,
				    NULL);
	for (int i = 0; rc == SQLITE_OK && i < 2 * ops; i++) {
		sqlite3_bind_int64(st, 1, r->inits[i % ops % INITS_PER_ROUND]);
		sqlite3_bind_int64(st, 2, r->vols[i]);
		sqlite3_bind_text(st, 3, i < ops ? "confirmed" : "waitlisted", -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, (sqlite3_int64)time(NULL));
		rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
		sqlite3_reset(st);
		if (i == ops)
			r->first_waiting = sqlite3_last_insert_rowid(db);
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, "UPDATE initiative SET capacity = (SELECT count(*)"
					" FROM signup s WHERE s.initiative_id = initiative.id"
					" AND s.status = 'confirmed') WHERE id BETWEEN ?1 AND ?2",
					-1, &full, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(full, 1, r->inits[0]);
		sqlite3_bind_int64(full, 2, r->inits[INITS_PER_ROUND - 1]);
		rc = sqlite3_step(full) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
	}
	sqlite3_finalize(st);
	sqlite3_finalize(full);
	return rc;
}

/* The round's initiatives (sign-ups: with room for capacity each), and for
 * a cancel round the places, in one transaction before the round. */
static int prepare_round(round *r, int capacity)
{
	sqlite3 *db;
	int rc = sqlite3_open_v2(r->path, &db, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = insert_initiatives(db, r, capacity);
	if (rc == SQLITE_OK && r->op == OP_CANCEL)
		rc = insert_places(db, r);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	sqlite3_close(db);
	return rc == SQLITE_OK ? 0 : -1;
}

/* One number from a query with up to three integer parameters. */
static long query_count(const char *path, const char *sql, int64_t a, int64_t b, int64_t c)
{
	sqlite3 *db;
	sqlite3_stmt *st = NULL;
	long n = -1;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, a);
		sqlite3_bind_int64(st, 2, b);
		sqlite3_bind_int64(st, 3, c);
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

static long count_overbooked(const char *path)
{
	return query_count(path, "SELECT count(*) FROM initiative i WHERE"
			   " (SELECT count(*) FROM signup s WHERE s.initiative_id = i.id"
			   " AND s.status IN ('confirmed', 'attended')) > i.capacity", 0, 0, 0);
}

/* Overbooked initiatives anywhere in the copy, and the round's places
 * that were acknowledged but are not stored. */
static void check_signups(const round *r, tally *t)
{
	t->overbooked += count_overbooked(r->path);
	long stored = query_count(r->path, "SELECT count(*) FROM signup WHERE initiative_id"
				  " BETWEEN ?1 AND ?2 AND status <> 'cancelled'", r->inits[0],
				  r->inits[INITS_PER_ROUND - 1], 0);
	if (stored < t->ok)
		t->missing += t->ok - stored;
}

/* The 'promoted' notifications of a cancel round: every acknowledged
 * cancel promoted one waiting person, and each promotion has exactly one
 * row (and there is no other). */
static void check_notes(const round *r, tally *t)
{
	int64_t first = r->inits[0], last = r->inits[INITS_PER_ROUND - 1];
	long promoted = query_count(r->path, "SELECT count(*) FROM signup WHERE initiative_id"
				    " BETWEEN ?1 AND ?2 AND id >= ?3 AND status = 'confirmed'",
				    first, last, r->first_waiting);
	long rows = query_count(r->path, "SELECT count(*) FROM notification WHERE kind ="
				" 'promoted' AND initiative_id BETWEEN ?1 AND ?2", first, last, 0);
	long once = query_count(r->path, "SELECT count(*) FROM (SELECT signup_id FROM notification"
				" WHERE kind = 'promoted' AND initiative_id BETWEEN ?1 AND ?2"
				" GROUP BY signup_id HAVING count(*) = 1) n JOIN signup s"
				" ON s.id = n.signup_id WHERE s.status = 'confirmed' AND s.id >= ?3",
				first, last, r->first_waiting);
	if (promoted == t->ok && rows == promoted && once == promoted)
		return;
	t->wrong_notes++;
	snprintf(t->wrong, sizeof t->wrong, "%ld cancels, %ld promoted, %ld 'promoted' rows, %ld"
		 " promoted with exactly one", t->ok, promoted, rows, once);
}

/* A cancel round: overbooked initiatives anywhere, acknowledged cancels
 * whose place is still live, and the notifications. */
static void check_cancels(const round *r, tally *t)
{
	t->overbooked += count_overbooked(r->path);
	long cancelled = query_count(r->path, "SELECT count(*) FROM signup WHERE initiative_id"
				     " BETWEEN ?1 AND ?2 AND status = 'cancelled'", r->inits[0],
				     r->inits[INITS_PER_ROUND - 1], 0);
	if (cancelled < t->ok)
		t->missing += t->ok - cancelled;
	check_notes(r, t);
}

/* ---- the benchmark ---- */

typedef struct variant {
	char path[4200];
	bool raw;
	samples tps;
	samples latency_ms; /* every operation's, over the rounds */
	tally total; /* over the checked rounds */
} variant;

static void add_tally(tally *total, const tally *t)
{
	total->ok += t->ok;
	total->errors += t->errors;
	total->overbooked += t->overbooked;
	total->missing += t->missing;
	total->wrong_notes += t->wrong_notes;
	if (t->slowest_us > total->slowest_us)
		total->slowest_us = t->slowest_us;
	if (!total->error[0])
		snprintf(total->error, sizeof total->error, "%s", t->error);
	if (!total->wrong[0])
		snprintf(total->wrong, sizeof total->wrong, "%s", t->wrong);
}

/* Runs the round with the operations' times in memory the processes
 * share; adds those times to the variant's. */
static int run_timed(round *r, variant *v, tally *t)
{
	size_t n = (size_t)r->procs * (size_t)r->per_proc;
	r->latency_us = mmap(NULL, n * sizeof *r->latency_us, PROT_READ | PROT_WRITE,
			     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (r->latency_us == MAP_FAILED)
		return -1;
	int rc = run_round(r, t);
	for (size_t g = 0; rc == 0 && g < n; g++)
		samples_add(&v->latency_ms, (double)r->latency_us[g] / 1000);
	munmap(r->latency_us, n * sizeof *r->latency_us);
	return rc;
}

static int one_round(const signup_bench *b, variant *v, operation op, int procs, int per_proc,
		     const int64_t *vols, bool check)
{
	round r = { .b = b, .path = v->path, .raw = v->raw, .op = op, .procs = procs,
		    .per_proc = per_proc, .vols = vols };
	int capacity = procs * per_proc * 6 / 10 / INITS_PER_ROUND;
	tally t = { 0 };
	if (prepare_round(&r, capacity > 0 ? capacity : 1) != 0 || run_timed(&r, v, &t) != 0)
		return -1;
	if (check && op == OP_CANCEL)
		check_cancels(&r, &t);
	else if (check)
		check_signups(&r, &t);
	samples_add(&v->tps, t.seconds > 0 ? (double)t.ok / t.seconds : 0);
	if (check)
		add_tally(&v->total, &t);
	return 0;
}
static long load_volunteers(const char *path, int64_t *ids, int n)
{
	sqlite3 *db;
	sqlite3_stmt *st = NULL;
	long got = 0;
	/* Read-write although it only reads: the last connection to close
	 * removes the -wal and -shm files, which a read-only one cannot. */
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, "SELECT id FROM volunteer WHERE active = 1 ORDER BY id"
			       " LIMIT ?1", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int(st, 1, n);
		while (got < n && sqlite3_step(st) == SQLITE_ROW)
			ids[got++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return got;
}

/* The median of csrdesk's round i / raw's round i: the rounds alternate,
 * so a pair saw nearly the same disk. */
static double paired_ratio(const variant *csr, const variant *raw)
{
	samples ratios = { 0 };
	for (int i = 0; i < csr->tps.n && i < raw->tps.n; i++)
		if (raw->tps.v[i] > 0)
			samples_add(&ratios, csr->tps.v[i] / raw->tps.v[i]);
	double m = samples_median(&ratios);
	samples_free(&ratios);
	return m;
}

/* The rows' names for each operation; "%s" is "1 process" or "128
 * processes". */
typedef struct op_text {
	const char *rate, *raw_rate, *ratio, *p99, *failed, *overbooked, *missing, *slowest;
	const char *notes; /* NULL: the operation writes no notification */
} op_text;

static const op_text texts[] = {
	[OP_SIGN_UP] = { "sign-ups/s, %s: csr_signup_add", "sign-ups/s, %s: raw SQLite",
			 "throughput ratio csrdesk/raw, %s", "%s: p99 sign-up (csrdesk)",
			 "%s: failed sign-ups (csrdesk)", "%s: overbooked initiatives (csrdesk)",
			 "%s: acknowledged but missing", "%s: slowest sign-up (csrdesk)", NULL },
	[OP_CANCEL] = { "cancels/s, %s: csr_signup_cancel", "cancels/s, %s: raw SQLite",
			"cancel ratio csrdesk/raw, %s", "%s: p99 cancel (csrdesk)",
			"%s: failed cancels (csrdesk)", "%s: overbooked after cancels",
			"%s: cancelled but still live", "%s: slowest cancel (csrdesk)",
			"%s: rounds, 'promoted' rows wrong" },
};

/* Issue 15's targets for sign-ups: 0.9x raw SQLite alone, p99 within 1 s
 * with 128 processes; the other ratios keep issue 5's 0.5x. */
static const double ALONE_RATIO_TARGET = 0.9, RATIO_TARGET = 0.5, P99_TARGET_MS = 1000;

static void add_rate_rows(const op_text *tx, const char *label, bool concurrent, variant *csr,
			  variant *raw)
{
	bool sign_ups = tx == &texts[OP_SIGN_UP];
	char name[64], note[400];
	snprintf(name, sizeof name, tx->rate, label);
	table_add(name, &csr->tps, "tx/s", TARGET_NONE, 0, NULL);
	snprintf(name, sizeof name, tx->raw_rate, label);
	table_add(name, &raw->tps, "tx/s", TARGET_NONE, 0, NULL);
	double r = samples_median(&raw->tps);
	snprintf(name, sizeof name, tx->ratio, label);
	snprintf(note, sizeof note, "median csrdesk / median raw; median of the per-round"
		 " ratios (csrdesk round i / raw round i): %.2f", paired_ratio(csr, raw));
	table_add_value(name, r > 0 ? samples_median(&csr->tps) / r : 0, "x", TARGET_AT_LEAST,
			sign_ups && !concurrent ? ALONE_RATIO_TARGET : RATIO_TARGET, note);
	snprintf(name, sizeof name, tx->p99, label);
	snprintf(note, sizeof note, "over %d operations, waiting included; raw SQLite: %.1f ms",
		 csr->latency_ms.n, samples_percentile(&raw->latency_ms, 99));
	bool p99_target = sign_ups && concurrent;
	table_add_value(name, samples_percentile(&csr->latency_ms, 99), "ms",
			p99_target ? TARGET_AT_MOST : TARGET_NONE, p99_target ? P99_TARGET_MS : 0,
			note);
}

static void add_check_rows(const op_text *tx, const char *label, variant *csr, variant *raw)
{
	char name[64], note[400];
	snprintf(note, sizeof note, "over all rounds; raw SQLite: %ld failed, %ld overbooked%s%s",
		 raw->total.errors, raw->total.overbooked, csr->total.error[0] ? "; first: " : "",
		 csr->total.error);
	snprintf(name, sizeof name, tx->failed, label);
	table_add_value(name, (double)csr->total.errors, "count", TARGET_AT_MOST, 0, note);
	snprintf(name, sizeof name, tx->overbooked, label);
	table_add_value(name, (double)csr->total.overbooked, "count", TARGET_AT_MOST, 0, NULL);
	snprintf(name, sizeof name, tx->missing, label);
	table_add_value(name, (double)csr->total.missing, "count", TARGET_AT_MOST, 0, NULL);
	snprintf(note, sizeof note, "raw SQLite: %.0f ms; the busy timeout is 10000 ms",
		 (double)raw->total.slowest_us / 1000);
	snprintf(name, sizeof name, tx->slowest, label);
	table_add_value(name, (double)csr->total.slowest_us / 1000, "ms", TARGET_NONE, 0, note);
}

/* Rounds of either variant whose notifications did not match. */
static void add_notes_row(const op_text *tx, const char *label, variant *csr, variant *raw)
{
	char name[64], note[400];
	const char *first = csr->total.wrong[0] ? csr->total.wrong : raw->total.wrong;
	snprintf(note, sizeof note, "csrdesk %ld, raw SQLite %ld%s%s", csr->total.wrong_notes,
		 raw->total.wrong_notes, first[0] ? "; first: " : "", first);
	snprintf(name, sizeof name, tx->notes, label);
	table_add_value(name, (double)(csr->total.wrong_notes + raw->total.wrong_notes), "count",
			TARGET_AT_MOST, 0, note);
}

static void reset_variant(variant *v)
{
	samples_free(&v->tps);
	samples_free(&v->latency_ms);
	v->total = (tally){ 0 };
}

/* The one-process rounds, then the concurrent ones, alternating between
 * csrdesk (v[0]) and raw SQLite (v[1]). Sign-up rounds are checked when
 * concurrent, cancel rounds always. */
static int measure(const signup_bench *b, variant v[2], const int64_t *vols, operation op)
{
	const op_text *tx = &texts[op];
	char label[32];
	for (int concurrent = 0; concurrent < 2; concurrent++) {
		int procs = concurrent ? b->procs : 1;
		int per_proc = concurrent ? b->ops_each : b->ops_alone;
		int runs = concurrent ? b->runs_concurrent : b->runs;
		bool check = concurrent || op == OP_CANCEL;
		for (int i = 0; i < 2; i++)
			reset_variant(&v[i]);
		for (int run = 0; run < runs; run++)
			for (int i = 0; i < 2; i++)
				if (one_round(b, &v[i], op, procs, per_proc, vols, check) != 0)
					return -1;
		if (concurrent)
			snprintf(label, sizeof label, "%d processes", procs);
		else
			snprintf(label, sizeof label, "1 process");
		add_rate_rows(tx, label, concurrent, &v[0], &v[1]);
		if (concurrent)
			add_check_rows(tx, label, &v[0], &v[1]);
		if (tx->notes)
			add_notes_row(tx, label, &v[0], &v[1]);
	}
	return 0;
}

int signup_bench_run(const signup_bench *b)
{
	variant v[2] = { { .raw = false }, { .raw = true } };
	int ops = b->procs * b->ops_each > b->ops_alone ? b->procs * b->ops_each : b->ops_alone;
	int nvols = 2 * ops; /* a cancel round's people with a place and those waiting */
	int64_t *vols = calloc((size_t)nvols, sizeof *vols);
	int rc = vols && load_volunteers(b->source_db, vols, nvols) == nvols ? 0 : -1;
	for (int i = 0; i < 2 && rc == 0; i++) {
		snprintf(v[i].path, sizeof v[i].path, "%s/signup-%s.db", b->work_dir,
			 v[i].raw ? "raw" : "csr");
		rc = bench_copy_file(b->source_db, v[i].path);
	}
	sync(); /* the generator's and the copies' writes, before any timing */
	if (rc == 0)
		rc = measure(b, v, vols, OP_SIGN_UP);
	if (rc == 0)
		rc = measure(b, v, vols, OP_CANCEL);
	for (int i = 0; i < 2; i++) {
		bench_remove_db(v[i].path);
		reset_variant(&v[i]);
	}
	free(vols);
	return rc;
}
