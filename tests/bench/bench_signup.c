/* SPDX-License-Identifier: MIT */
/* Sign-up throughput. Two copies of the generated database; rounds of
 * sign-ups alternate between csr_signup_add on one copy and the raw
 * transaction (raw_signup.c) on the other, so both see the same data, the
 * same disk and the same moment. Each round adds fresh open initiatives far
 * in the future (never overlapping one another) with room for 60% of the
 * round's sign-ups, so both the confirmed and the waitlist path run.
 *
 * A round forks its processes, each opens its own connection, and all
 * start together on a pipe; throughput is the successful sign-ups divided
 * by the time from the start until the last process finished. After each
 * concurrent round every initiative of the copy is checked for more
 * confirmed places than capacity, and the round's sign-ups are counted
 * against those acknowledged. */
#include "bench_signup.h"

#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"
#include "bench_table.h"
#include "csrdesk/auth.h"
#include "csrdesk/db.h"
#include "csrdesk/signup.h"
#include "raw_signup.h"

enum { INITS_PER_ROUND = 16, ERROR_MAX = 200, SLOT_SECONDS = 3 * 3600 };

typedef struct round {
	const signup_bench *b;
	const char *path;
	bool raw;
	int procs, per_proc;
	int64_t inits[INITS_PER_ROUND];
	const int64_t *vols;
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
	double seconds;
	int64_t slowest_us;
	char error[ERROR_MAX];
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

static void signer_close(signer *s)
{
	if (s->raw)
		raw_signup_close(&s->rs);
	else
		csr_db_close(&s->db);
}

/* ---- a round of processes ---- */

/* Process p signs up volunteers p, p + procs, p + 2 procs, ... each on
 * the round's initiatives in turn. */
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
		if (opened == 0 &&
		    signer_add(&s, r->inits[g % INITS_PER_ROUND], r->vols[g], rep.error) == 0)
			rep.ok++;
		else
			rep.errors++;
		if (bench_us() - t0 > rep.slowest_us)
			rep.slowest_us = bench_us() - t0;
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

static int copy_file(const char *from, const char *to)
{
	int in = open(from, O_RDONLY), out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	char buf[1 << 16];
	ssize_t n = in < 0 || out < 0 ? -1 : 0;
	while (n >= 0 && (n = read(in, buf, sizeof buf)) > 0)
		if (write(out, buf, (size_t)n) != n)
			n = -1;
	/* On disk now, so that writing the copy back does not compete with the
	 * commits' fsyncs during the rounds. */
	if (n == 0 && fsync(out) != 0)
		n = -1;
	if (in >= 0)
		close(in);
	if (out >= 0 && close(out) != 0)
		n = -1;
	return n == 0 ? 0 : -1;
}

static void remove_db(const char *path)
{
	static const char *const suffixes[] = { "", "-wal", "-shm" };
	char file[4224];
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		snprintf(file, sizeof file, "%.4200s%s", path, suffixes[i]);
		unlink(file);
	}
}

/* The round's initiatives: open, 2 h long, each in its own time slot
 * after everything generated. */
static int add_initiatives(round *r, int capacity)
{
	static int slot;
	sqlite3 *db;
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_open_v2(r->path, &db, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, "INSERT INTO initiative (title, category, starts_at,"
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
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	sqlite3_close(db);
	return rc == SQLITE_OK ? 0 : -1;
}

/* One number from a query with up to two integer parameters. */
static long query_count(const char *path, const char *sql, int64_t a, int64_t b)
{
	sqlite3 *db;
	sqlite3_stmt *st = NULL;
	long n = -1;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, a);
		sqlite3_bind_int64(st, 2, b);
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

/* Overbooked initiatives anywhere in the copy, and the round's places
 * that were acknowledged but are not stored. */
static void check_round(const round *r, tally *t)
{
	t->overbooked += query_count(r->path, "SELECT count(*) FROM initiative i WHERE"
				     " (SELECT count(*) FROM signup s WHERE s.initiative_id = i.id"
				     " AND s.status IN ('confirmed', 'attended')) > i.capacity", 0, 0);
	long stored = query_count(r->path, "SELECT count(*) FROM signup WHERE initiative_id"
				  " BETWEEN ?1 AND ?2 AND status <> 'cancelled'", r->inits[0],
				  r->inits[INITS_PER_ROUND - 1]);
	if (stored < t->ok)
		t->missing += t->ok - stored;
}

/* ---- the benchmark ---- */

typedef struct variant {
	char path[4200];
	bool raw;
	samples tps;
	tally total; /* over the concurrent rounds */
} variant;

static int one_round(const signup_bench *b, variant *v, int procs, int per_proc,
		     const int64_t *vols, bool check)
{
	round r = { .b = b, .path = v->path, .raw = v->raw, .procs = procs, .per_proc = per_proc,
		    .vols = vols };
	int capacity = procs * per_proc * 6 / 10 / INITS_PER_ROUND;
	tally t = { 0 };
	if (add_initiatives(&r, capacity > 0 ? capacity : 1) != 0 || run_round(&r, &t) != 0)
		return -1;
	if (check)
		check_round(&r, &t);
	samples_add(&v->tps, t.seconds > 0 ? (double)t.ok / t.seconds : 0);
	if (check) {
		v->total.ok += t.ok;
		v->total.errors += t.errors;
		v->total.overbooked += t.overbooked;
		v->total.missing += t.missing;
		if (t.slowest_us > v->total.slowest_us)
			v->total.slowest_us = t.slowest_us;
		if (!v->total.error[0])
			snprintf(v->total.error, sizeof v->total.error, "%s", t.error);
	}
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

static void add_rows(const char *label, variant *csr, variant *raw, bool concurrent)
{
	char name[64], note[400];
	snprintf(name, sizeof name, "sign-ups/s, %s: csr_signup_add", label);
	table_add(name, &csr->tps, "tx/s", TARGET_NONE, 0, NULL);
	snprintf(name, sizeof name, "sign-ups/s, %s: raw SQLite", label);
	table_add(name, &raw->tps, "tx/s", TARGET_NONE, 0, NULL);
	double r = samples_median(&raw->tps);
	snprintf(name, sizeof name, "throughput ratio csrdesk/raw, %s", label);
	snprintf(note, sizeof note, "median csrdesk / median raw; median of the per-round"
		 " ratios (csrdesk round i / raw round i): %.2f", paired_ratio(csr, raw));
	table_add_value(name, r > 0 ? samples_median(&csr->tps) / r : 0, "x", TARGET_AT_LEAST,
			0.5, note);
	if (!concurrent)
		return;
	snprintf(note, sizeof note, "over all rounds; raw SQLite: %ld failed, %ld overbooked%s%s",
		 raw->total.errors, raw->total.overbooked, csr->total.error[0] ? "; first: " : "",
		 csr->total.error);
	snprintf(name, sizeof name, "%s: failed sign-ups (csrdesk)", label);
	table_add_value(name, (double)csr->total.errors, "count", TARGET_AT_MOST, 0, note);
	snprintf(name, sizeof name, "%s: overbooked initiatives (csrdesk)", label);
	table_add_value(name, (double)csr->total.overbooked, "count", TARGET_AT_MOST, 0, NULL);
	snprintf(name, sizeof name, "%s: acknowledged but missing", label);
	table_add_value(name, (double)csr->total.missing, "count", TARGET_AT_MOST, 0, NULL);
	snprintf(note, sizeof note, "raw SQLite: %.0f ms; the busy timeout is 10000 ms",
		 (double)raw->total.slowest_us / 1000);
	snprintf(name, sizeof name, "%s: slowest sign-up (csrdesk)", label);
	table_add_value(name, (double)csr->total.slowest_us / 1000, "ms", TARGET_NONE, 0, note);
}

static int measure(const signup_bench *b, variant v[2], const int64_t *vols)
{
	char label[32];
	for (int i = 0; i < 2; i++)
		samples_free(&v[i].tps);
	for (int run = 0; run < b->runs; run++)
		for (int i = 0; i < 2; i++)
			if (one_round(b, &v[i], 1, b->ops_alone, vols, false) != 0)
				return -1;
	add_rows("1 process", &v[0], &v[1], false);
	for (int i = 0; i < 2; i++)
		samples_free(&v[i].tps);
	for (int run = 0; run < b->runs_concurrent; run++)
		for (int i = 0; i < 2; i++)
			if (one_round(b, &v[i], b->procs, b->ops_each, vols, true) != 0)
				return -1;
	snprintf(label, sizeof label, "%d processes", b->procs);
	add_rows(label, &v[0], &v[1], true);
	return 0;
}

int signup_bench_run(const signup_bench *b)
{
	variant v[2] = { { .raw = false }, { .raw = true } };
	int nvols = b->procs * b->ops_each > b->ops_alone ? b->procs * b->ops_each : b->ops_alone;
	int64_t *vols = calloc((size_t)nvols, sizeof *vols);
	int rc = vols && load_volunteers(b->source_db, vols, nvols) == nvols ? 0 : -1;
	for (int i = 0; i < 2 && rc == 0; i++) {
		snprintf(v[i].path, sizeof v[i].path, "%s/signup-%s.db", b->work_dir,
			 v[i].raw ? "raw" : "csr");
		rc = copy_file(b->source_db, v[i].path);
	}
	sync(); /* the generator's and the copies' writes, before any timing */
	if (rc == 0)
		rc = measure(b, v, vols);
	for (int i = 0; i < 2; i++) {
		remove_db(v[i].path);
		samples_free(&v[i].tps);
	}
	free(vols);
	return rc;
}
