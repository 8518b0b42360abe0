/* SPDX-License-Identifier: MIT */
/* libFuzzer target: the CSV volunteer import (csr_roster_import), by the
 * path `csrdesk import volunteers FILE` takes: a real file read with
 * fopen, into a real SQLite database made once per process in a temporary
 * directory, holding two volunteers so that updates and Unix-user clashes
 * happen.
 *
 * The importer has no dry run: every input is imported for real, first
 * all-or-nothing, then (when that refuses it) with skip_bad. An import that
 * commits is checked, then undone: the two tables an import writes,
 * volunteer and audit, get back the rows they had at start (copied into an
 * attached in-memory database), so each run starts from the same two
 * volunteers. (Copying the whole file back with the backup API is as
 * exact but makes SQLite reload the schema and re-prepare every statement:
 * 2.5 times slower.)
 * Invariants: a refused import changes nothing; a committed one adds as
 * many volunteers as it reports, all of them valid, none holding a control,
 * C1 or bidi character or invalid UTF-8 (a line break or tab only in
 * skills), active 0 or 1; the counts add up; every message names the file
 * and a line that exists. */
#include <ctype.h>
#include <dirent.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csrdesk/config.h"
#include "csrdesk/db.h"
#include "csrdesk/roster.h"
#include "csrdesk/text.h"
#include "csrdesk/volunteer.h"
#include "db_private.h"

#define CHECK(cond)                                                               \
	do {                                                                      \
		if (!(cond)) {                                                    \
			fprintf(stderr, "fuzz_csv: %s:%d: broken: %s\n", __FILE__, \
				__LINE__, #cond);                                 \
			abort();                                                  \
		}                                                                 \
	} while (0)

static struct {
	char dir[256];
	char csv[300];
	char db_path[300];
	csr_config *cfg;
	csr_db *db;
} fz;

/* The current input, for checking the lines that messages name. */
static const uint8_t *input;
static size_t input_size;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Removes the directory and whatever the data layer made in it (the
 * database, its -wal and -shm files, ...). */
static void remove_all(void)
{
	csr_db_close(&fz.db);
	csr_config_free(&fz.cfg);
	DIR *d = opendir(fz.dir);
	for (struct dirent *e; d && (e = readdir(d));) {
		char path[600];
		snprintf(path, sizeof path, "%s/%s", fz.dir, e->d_name);
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			unlink(path);
	}
	if (d)
		closedir(d);
	rmdir(fz.dir);
}

static void sql(const char *text)
{
	char *msg = NULL;
	if (sqlite3_exec(csr_db_sqlite(fz.db), text, NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "fuzz_csv: %s: %s\n", text, msg);
		abort();
	}
}

/* The first column of the first row; text must be a string literal (it is
 * prepared once, in the data layer's statement cache). */
static int64_t scalar(const char *text)
{
	csr_err err;
	sqlite3_stmt *st = csr_db_stmt(fz.db, text, &err);
	CHECK(st);
	CHECK(sqlite3_step(st) == SQLITE_ROW);
	int64_t v = sqlite3_column_int64(st, 0);
	csr_stmt_done(st);
	return v;
}

static void add_volunteer(const char *employee_id, const char *name, const char *unix_user)
{
	csr_volunteer v = { .id = 0 };
	snprintf(v.employee_id, sizeof v.employee_id, "%s", employee_id);
	snprintf(v.name, sizeof v.name, "%s", name);
	snprintf(v.team, sizeof v.team, "Blue");
	snprintf(v.unix_user, sizeof v.unix_user, "%s", unix_user);
	csr_err err;
	if (csr_volunteer_save(fz.db, &v, &err) != CSR_OK) {
		fprintf(stderr, "fuzz_csv: adding %s: %s\n", employee_id, err.msg);
		abort();
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	const char *tmp = getenv("TMPDIR");
	snprintf(fz.dir, sizeof fz.dir, "%s/csrdesk-fuzz-csv-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	CHECK(mkdtemp(fz.dir));
	atexit(remove_all);
	snprintf(fz.csv, sizeof fz.csv, "%s/fuzz.csv", fz.dir);
	snprintf(fz.db_path, sizeof fz.db_path, "%s/fuzz.db", fz.dir);
	csr_err err;
	CHECK(csr_config_load_text(csr_config_default_text(), "(built-in)", &fz.cfg, &err) ==
	      CSR_OK);
	if (csr_db_open(fz.db_path, fz.cfg, true, &fz.db, &err) != CSR_OK) {
		fprintf(stderr, "fuzz_csv: %s\n", err.msg);
		abort();
	}
	/* Durability is not what is fuzzed here: no fsync on every commit. */
	sql("PRAGMA synchronous = OFF");
	csr_actor lead = { .role = CSR_ROLE_LEAD, .name = "fuzz:lead" };
	csr_db_set_actor(fz.db, &lead);
	add_volunteer("E1", "Ann", "ann");
	add_volunteer("E2", "Bob", "");
	sql("ATTACH ':memory:' AS start;"
	    " CREATE TABLE start.volunteer AS SELECT * FROM main.volunteer;"
	    " CREATE TABLE start.audit AS SELECT * FROM main.audit");
	return 0;
}

static void write_input(const uint8_t *data, size_t size)
{
	FILE *f = fopen(fz.csv, "wb");
	CHECK(f);
	CHECK(fwrite(data, 1, size, f) == size);
	CHECK(fclose(f) == 0);
}

/* "FILE: why" or "FILE:LINE: why" with LINE a line of the input. */
static void check_message(const char *msg)
{
	size_t plen = strlen(fz.csv);
	CHECK(strncmp(msg, fz.csv, plen) == 0 && msg[plen] == ':');
	const char *p = msg + plen + 1;
	if (!isdigit((unsigned char)*p))
		return;
	char *end;
	long line = strtol(p, &end, 10), lines = 1;
	for (size_t i = 0; i < input_size; i++)
		lines += input[i] == '\n';
	CHECK(*end == ':');
	CHECK(line >= 1 && line <= lines);
}

static void on_warn(void *ctx, const char *message)
{
	long *warnings = ctx;
	++*warnings;
	check_message(message);
}

static void on_progress(void *ctx, long done, long total)
{
	(void)ctx;
	CHECK(done >= 0 && done <= (long)input_size && total == (long)input_size);
}

static void copy_column(sqlite3_stmt *st, int col, char *dst, size_t size)
{
	const char *s = (const char *)sqlite3_column_text(st, col);
	size_t n = s ? strlen(s) : 0;
	CHECK(n < size); /* the database holds nothing longer than its field */
	memcpy(dst, s ? s : "", n + 1);
}

/* Every volunteer in the database passes the rules an import applies. */
static void check_volunteers(void)
{
	csr_err err;
	sqlite3_stmt *st = csr_db_stmt(fz.db, "SELECT employee_id, name, team, site, email,"
				       " skills, unix_user FROM volunteer", &err);
	CHECK(st);
	while (sqlite3_step(st) == SQLITE_ROW) {
		csr_volunteer v = { .id = 0 };
		copy_column(st, 0, v.employee_id, sizeof v.employee_id);
		copy_column(st, 1, v.name, sizeof v.name);
		copy_column(st, 2, v.team, sizeof v.team);
		copy_column(st, 3, v.site, sizeof v.site);
		copy_column(st, 4, v.email, sizeof v.email);
		copy_column(st, 5, v.skills, sizeof v.skills);
		copy_column(st, 6, v.unix_user, sizeof v.unix_user);
		if (csr_volunteer_validate(&v, &err) != CSR_OK) {
			fprintf(stderr, "fuzz_csv: imported an invalid volunteer %s: %s\n",
				v.employee_id, err.msg);
			abort();
		}
		/* Said again without the validator: nothing that steers a terminal. */
		const char *one_line[] = { v.employee_id, v.name, v.team, v.site, v.email,
					   v.unix_user };
		for (size_t i = 0; i < sizeof one_line / sizeof one_line[0]; i++)
			CHECK(csr_text_is_safe(one_line[i]));
		CHECK(csr_text_check(v.skills, CSR_TEXT_LINES, "Skills", NULL) == CSR_OK);
	}
	csr_stmt_done(st);
	CHECK(scalar("SELECT count(*) FROM volunteer WHERE active NOT IN (0, 1)") == 0);
}

/* Whether volunteer and audit hold exactly the rows they had at start. */
static bool at_start(void)
{
	return scalar("SELECT (SELECT count(*) FROM (SELECT * FROM main.volunteer"
		      "  EXCEPT SELECT * FROM start.volunteer))"
		      " + (SELECT count(*) FROM main.volunteer)"
		      " - (SELECT count(*) FROM start.volunteer)"
		      " + (SELECT count(*) FROM (SELECT * FROM main.audit"
		      "  EXCEPT SELECT * FROM start.audit))"
		      " + (SELECT count(*) FROM main.audit) - (SELECT count(*) FROM start.audit)") == 0;
}

/* Imports the file once, starting from the rows of start; returns whether
 * it committed. */
static bool import_once(bool skip_bad)
{
	int64_t volunteers = scalar("SELECT count(*) FROM start.volunteer");
	int64_t audits = scalar("SELECT count(*) FROM start.audit");
	FILE *in = fopen(fz.csv, "rb");
	CHECK(in);
	csr_roster_report r;
	csr_err err;
	long warnings = 0;
	csr_code rc = csr_roster_import(fz.db, in, fz.csv, skip_bad, on_progress, on_warn,
					&warnings, &r, &err);
	fclose(in);
	/* A readable file in a writable database: only its text can be wrong. */
	CHECK(rc == CSR_OK || rc == CSR_EINVAL);
	if (rc != CSR_OK) {
		CHECK(err.code == rc && memchr(err.msg, '\0', sizeof err.msg));
		check_message(err.msg);
		CHECK(r.rows == 0 && r.inserted == 0 && r.updated == 0 && r.skipped == 0);
		CHECK(at_start()); /* all or nothing */
		return false;
	}
	CHECK(r.rows == r.inserted + r.updated + r.skipped);
	CHECK(r.skipped == warnings);
	CHECK(skip_bad || r.skipped == 0);
	CHECK(scalar("SELECT count(*) FROM volunteer") == volunteers + r.inserted);
	CHECK(scalar("SELECT count(*) FROM audit") == audits + 1);
	check_volunteers();
	return true;
}

static void restore(void)
{
	sql("BEGIN IMMEDIATE;"
	    " DELETE FROM main.volunteer; INSERT INTO main.volunteer SELECT * FROM start.volunteer;"
	    " DELETE FROM main.audit; INSERT INTO main.audit SELECT * FROM start.audit;"
	    " COMMIT");
	CHECK(at_start());
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	input = data;
	input_size = size;
	write_input(data, size);
	if (import_once(false)) {
		restore();
		return 0;
	}
	if (import_once(true))
		restore();
	return 0;
}
