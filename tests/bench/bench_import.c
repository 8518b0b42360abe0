/* SPDX-License-Identifier: MIT */
/* The roster import beside a bulk insert. b->rows new volunteers (names
 * from gen_text.c, the data set's teams and sites) go into a CSV file in
 * the columns `csrdesk export volunteers` writes. Two fsynced copies of
 * the data set: `csrdesk import volunteers FILE` runs on one (exec to
 * exit); on the other, the same rows go into a TEMP table through one
 * prepared INSERT and from there into volunteer in one INSERT ... SELECT,
 * on a connection csr_db_open made (so WAL, synchronous=FULL and every
 * trigger as for csrdesk), timed from the open to the close. 3 runs each
 * (1 with --quick), on fresh copies. */
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"
#include "bench_files.h"
#include "bench_sessions.h"
#include "bench_table.h"
#include "csrdesk/db.h"
#include "db_private.h"
#include "gen_text.h"

enum { PATH_LEN = 4200 };

static const double RATIO_TARGET = 2;

typedef struct person {
	char employee_id[16], name[128], team[64], site[32], email[64], skills[256];
} person;

static person *make_people(const import_bench *b)
{
	bench_size z = bench_size_of(b->volunteers);
	bench_rng rng = { 0x1a2b3c4d5e6fULL };
	person *p = calloc((size_t)b->rows, sizeof *p);
	for (int i = 0; p && i < b->rows; i++) {
		int team = (int)bench_rng_below(&rng, (uint32_t)z.teams);
		snprintf(p[i].employee_id, sizeof p[i].employee_id, "N%07d", i + 1);
		gen_person_name(&rng, p[i].name, sizeof p[i].name);
		gen_team(&z, team, p[i].team, sizeof p[i].team);
		snprintf(p[i].site, sizeof p[i].site, "%s", gen_site(bench_site_of(&z, team)));
		snprintf(p[i].email, sizeof p[i].email, "n%07d@callcenter.example", i + 1);
		gen_skills(&rng, p[i].skills, sizeof p[i].skills);
	}
	return p;
}

/* Every cell quoted (the names hold no quotes, the skills hold commas). */
static int write_csv(const import_bench *b, const person *p, const char *path)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	fputs("employee_id,name,team,site,email,skills,unix_user,active\r\n", f);
	for (int i = 0; i < b->rows; i++)
		fprintf(f, "\"%s\",\"%s\",\"%s\",\"%s\",\"%s\",\"%s\",,1\r\n", p[i].employee_id,
			p[i].name, p[i].team, p[i].site, p[i].email, p[i].skills);
	return fclose(f) == 0 ? 0 : -1;
}

static double ms_since(int64_t t0)
{
	return (double)(bench_us() - t0) / 1000.0;
}

/* ms of `csrdesk import volunteers FILE`, exec to exit; -1 on failure. */
static double import_once(const import_bench *b, const char *db, const char *csv)
{
	int64_t t0 = bench_us();
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		if (!freopen("/dev/null", "w", stdout))
			_exit(127);
		execl(b->csrdesk, b->csrdesk, "--config", b->config, "--db", db, "import",
		      "volunteers", csv, (char *)NULL);
		_exit(127);
	}
	int status = 0;
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0)
		return -1;
	return ms_since(t0);
}

static bool insert_all(sqlite3 *sql, sqlite3_stmt *st, const person *p, int n, int64_t now)
{
	bool ok = true;
	for (int i = 0; ok && i < n; i++) {
		const char *cells[] = { p[i].employee_id, p[i].name, p[i].team, p[i].site,
					p[i].email, p[i].skills };
		for (int c = 0; c < 6; c++)
			sqlite3_bind_text(st, c + 1, cells[c], -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 7, now);
		ok = sqlite3_step(st) == SQLITE_DONE;
		sqlite3_reset(st);
	}
	return ok && sqlite3_exec(sql, "COMMIT", NULL, NULL, NULL) == SQLITE_OK;
}

/* ms of the bulk insert, open to close; -1 on failure. The rows go into a
 * TEMP table one by one and into volunteer in one INSERT ... SELECT: one
 * statement, so the search indexes are written once (a one-row INSERT per
 * person opens a statement savepoint each, where FTS5 writes to disk). */
static double bulk_once(const import_bench *b, const char *db_path, const person *p)
{
	int64_t t0 = bench_us();
	csr_db *db = NULL;
	csr_err err;
	if (csr_db_open(db_path, b->cfg, false, &db, &err) != CSR_OK)
		return -1;
	sqlite3 *sql = csr_db_sqlite(db);
	sqlite3_stmt *st = NULL;
	bool ok = sqlite3_exec(sql, "BEGIN IMMEDIATE; CREATE TEMP TABLE bulk (employee_id,"
			       " name, team, site, email, skills, created_at)",
			       NULL, NULL, NULL) == SQLITE_OK &&
		  sqlite3_prepare_v2(sql, "INSERT INTO bulk VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
				     -1, &st, NULL) == SQLITE_OK &&
		  insert_all(sql, st, p, b->rows, (int64_t)time(NULL));
	sqlite3_finalize(st);
	ok = ok && sqlite3_exec(sql, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK &&
	     sqlite3_exec(sql, "INSERT INTO volunteer (employee_id, name, team, site, email,"
			       " skills, active, created_at) SELECT employee_id, name, team, site,"
			       " email, skills, 1, created_at FROM bulk; COMMIT",
			  NULL, NULL, NULL) == SQLITE_OK;
	csr_db_close(&db);
	return ok ? ms_since(t0) : -1;
}

/* One run of each on fresh copies: false on failure. */
static bool one_round(const import_bench *b, const person *p, const char *csv,
		      samples *cli, samples *bulk)
{
	char a[PATH_LEN], c[PATH_LEN];
	snprintf(a, sizeof a, "%s/import-csrdesk.db", b->work_dir);
	snprintf(c, sizeof c, "%s/import-bulk.db", b->work_dir);
	bench_remove_db(a);
	bench_remove_db(c);
	bool ok = bench_copy_file(b->source_db, a) == 0 && bench_copy_file(b->source_db, c) == 0;
	sync();
	double ms = ok ? import_once(b, a, csv) : -1;
	double bulk_ms = ms >= 0 ? bulk_once(b, c, p) : -1;
	if (bulk_ms >= 0) {
		samples_add(cli, ms);
		samples_add(bulk, bulk_ms);
	}
	bench_remove_db(a);
	bench_remove_db(c);
	return bulk_ms >= 0;
}

int import_bench_run(const import_bench *b, int runs)
{
	char csv[PATH_LEN], note[160];
	snprintf(csv, sizeof csv, "%s/import.csv", b->work_dir);
	person *p = make_people(b);
	bool ok = p && write_csv(b, p, csv) == 0;
	samples cli = { 0 }, bulk = { 0 };
	for (int run = 0; ok && run < runs; run++)
		ok = one_round(b, p, csv, &cli, &bulk);
	if (ok) {
		snprintf(note, sizeof note, "`csrdesk import volunteers FILE` of %d new volunteers,"
			 " exec to exit, on a copy of the data set", b->rows);
		table_add("import volunteers: csrdesk", &cli, "ms", TARGET_NONE, 0, note);
		snprintf(note, sizeof note, "the same %d rows: into a TEMP table, then one"
			 " INSERT ... SELECT, open to close, triggers firing", b->rows);
		table_add("import volunteers: bulk INSERT", &bulk, "ms", TARGET_NONE, 0, note);
		double ratio = samples_median(&cli) / samples_median(&bulk);
		snprintf(note, sizeof note, "median csrdesk / median bulk, %d new volunteers",
			 b->rows);
		table_add_value("import volunteers: csrdesk / bulk", ratio, "x", TARGET_AT_MOST,
				RATIO_TARGET, note);
	}
	samples_free(&cli);
	samples_free(&bulk);
	free(p);
	unlink(csv);
	return ok ? 0 : -1;
}
