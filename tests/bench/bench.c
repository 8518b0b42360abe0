/* SPDX-License-Identifier: MIT */
/* csrbench: csrdesk at call-center scale. Generates (or reuses) the data
 * set, measures, and prints a table of medians against the targets of
 * issue 5. Run it with `meson test -C BUILD --benchmark -v`; the method of
 * every measurement is in tests/bench/README.md.
 *
 *   csrbench --csrdesk BIN --gen GEN --dir DIR [--build-type T] [--quick]
 *            [--quiet-ms MS] [--dump DIR]
 *
 * DIR keeps the generated database between runs, named by the generator's
 * version, the schema version and the day it was anchored on. --quick does fewer repetitions
 * (for trying the benchmark out, not for figures). --quiet-ms sets how long
 * the terminal must stay silent before a redraw counts as ended (default
 * 30; the latency is always measured to the last byte). --dump writes the raw
 * terminal output of each TUI step. The exit status is 0 when everything
 * could be measured (targets missed or not), 1 when something could not. */
#include <dirent.h>
#include <errno.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"
#include "bench_signup.h"
#include "bench_table.h"
#include "bench_tui.h"
#include "csrdesk/auth.h"
#include "csrdesk/clock.h"
#include "csrdesk/config.h"
#include "csrdesk/db.h"
#include "csrdesk/metrics.h"

enum { PATH_MAX_LEN = 4096, TOP_ROWS = 10, MONTH_ROWS = 256 };

static const double IMPACT_TARGET_MS = 100;

typedef struct options {
	const char *csrdesk, *gen, *dir, *build_type, *dump;
	bool quick;
	int quiet_ms; /* the output of a key has ended after this long without any */
} options;

typedef struct bench {
	options opt;
	char db[PATH_MAX_LEN];     /* the generated data set */
	char config[PATH_MAX_LEN]; /* the built-in config, written out for --config */
	csr_config *cfg;
	csr_period year;
} bench;

static int fail(const char *what, const char *why)
{
	fprintf(stderr, "csrbench: %s: %s\n", what, why);
	return 1;
}

static double ms_since(int64_t from_us)
{
	return (double)(bench_us() - from_us) / 1000.0;
}

/* ---- the machine ---- */

/* The value of the first "key<sep>value" line of a /proc file. */
static void proc_value(const char *file, const char *key, char *out, size_t size)
{
	char line[512];
	FILE *f = fopen(file, "r");
	snprintf(out, size, "unknown");
	while (f && fgets(line, sizeof line, f)) {
		if (strncmp(line, key, strlen(key)) != 0)
			continue;
		const char *v = strchr(line, ':');
		v = v ? v + 1 : line;
		v += strspn(v, " \t");
		snprintf(out, size, "%.*s", (int)strcspn(v, "\n"), v);
		break;
	}
	if (f)
		fclose(f);
}

static void print_machine(const bench *b)
{
	char cpu[256], mem[64];
	struct utsname u;
	proc_value("/proc/cpuinfo", "model name", cpu, sizeof cpu);
	proc_value("/proc/meminfo", "MemTotal", mem, sizeof mem);
	uname(&u);
	printf("machine: %ld CPUs (nproc), %s, memory %s, %s %s\n",
	       sysconf(_SC_NPROCESSORS_ONLN), cpu, mem, u.sysname, u.release);
	printf("build: %s; SQLite %s; quiet window %d ms; %s\n", b->opt.build_type,
	       sqlite3_libversion(), b->opt.quiet_ms,
	       b->opt.quick ? "QUICK (fewer repetitions: not for figures)" : "full run");
}

/* Other work on the machine shows in the figures: say how busy it was. */
static void print_load(const char *when)
{
	char load[64] = "unknown";
	FILE *f = fopen("/proc/loadavg", "r");
	if (f && fgets(load, sizeof load, f))
		load[strcspn(load, "\n")] = '\0';
	if (f)
		fclose(f);
	printf("load average %s: %s\n", when, load);
}

/* ---- the data set ---- */

/* Removes data sets of other versions or days (and their -wal and -shm
 * files) from the cache directory. */
static void prune_cache(const char *dir, const char *keep)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[PATH_MAX_LEN + 256];
	while (d && (e = readdir(d))) {
		if (strncmp(e->d_name, "bench-v", 7) != 0 ||
		    strncmp(e->d_name, keep, strlen(keep)) == 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		unlink(path);
	}
	if (d)
		closedir(d);
}

static int run_generator(const bench *b, const char *out)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		execl(b->opt.gen, b->opt.gen, out, (char *)NULL);
		_exit(127);
	}
	int status = 0;
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* The cached data set of this generator version, schema version and day,
 * made when missing: a new migration means a new data set, so no run pays
 * for migrating it. */
static int ensure_data(bench *b)
{
	char name[64], tmp[PATH_MAX_LEN + 8];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	snprintf(name, sizeof name, "bench-v%d-s%d-%04d%02d%02d.db", BENCH_GEN_VERSION,
		 csr_db_latest_version(), tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	snprintf(b->db, sizeof b->db, "%s/%s", b->opt.dir, name);
	struct stat st;
	if (stat(b->db, &st) == 0) {
		printf("data set: %s (cached)\n", b->db);
		return 0;
	}
	prune_cache(b->opt.dir, name);
	snprintf(tmp, sizeof tmp, "%s.tmp", b->db);
	int64_t start = bench_us();
	if (run_generator(b, tmp) != 0 || rename(tmp, b->db) != 0)
		return fail(b->opt.gen, "could not generate the data set");
	for (int i = 1; i < CSR_DB_FILES; i++) { /* what the temporary name left beside it */
		char side[sizeof tmp + 16];
		snprintf(side, sizeof side, "%s%s", tmp, csr_db_file_suffixes[i]);
		unlink(side);
	}
	printf("data set: %s (generated in %.1f s)\n", b->db, ms_since(start) / 1000);
	return 0;
}

static int write_config(bench *b)
{
	snprintf(b->config, sizeof b->config, "%s/bench.conf", b->opt.dir);
	FILE *f = fopen(b->config, "w");
	if (!f || fputs(csr_config_default_text(), f) < 0 || fclose(f) != 0)
		return fail(b->config, strerror(errno));
	csr_err err;
	if (csr_config_load_file(b->config, &b->cfg, &err) != CSR_OK)
		return fail(b->config, err.msg);
	return 0;
}

/* ---- the Impact panel's figures, through the library ---- */

/* The parts of one recompute, timed apart. */
enum { PART_FIGURES, PART_TEAMS, PART_INITIATIVES, PART_MONTHS, PARTS };

static const char *const part_names[PARTS] = {
	"  of which csr_metrics_compute", "  of which csr_metrics_top_teams",
	"  of which csr_metrics_top_initiatives", "  of which csr_metrics_hours_by_month",
};

static csr_code impact_part(csr_db *db, const csr_period *year, int part)
{
	static csr_figures fig;
	static csr_month_hours months[MONTH_ROWS];
	csr_ranked top[TOP_ROWS];
	int n;
	csr_err err;
	switch (part) {
	case PART_FIGURES: return csr_metrics_compute(db, year, NULL, &fig, &err);
	case PART_TEAMS: return csr_metrics_top_teams(db, year, NULL, top, TOP_ROWS, &n, &err);
	case PART_INITIATIVES:
		return csr_metrics_top_initiatives(db, year, NULL, top, TOP_ROWS, &n, &err);
	default: return csr_metrics_hours_by_month(db, year, NULL, months, MONTH_ROWS, &n, &err);
	}
}

/* One recompute; each part's time is added to parts when not NULL. */
static csr_code impact_once(csr_db *db, const csr_period *year, samples *parts)
{
	csr_code rc = CSR_OK;
	for (int part = 0; rc == CSR_OK && part < PARTS; part++) {
		int64_t t0 = bench_us();
		rc = impact_part(db, year, part);
		if (parts)
			samples_add(&parts[part], ms_since(t0));
	}
	return rc;
}

static void impact_rows(const bench *b, samples *first, samples *again, samples *parts)
{
	char note[128];
	snprintf(note, sizeof note, "csr_metrics_compute, top teams and initiatives, hours by"
		 " month for %s", b->year.label);
	table_add("Impact recompute, year (new connection)", first, "ms", TARGET_AT_MOST,
		  IMPACT_TARGET_MS, note);
	for (int part = 0; part < PARTS; part++)
		table_add(part_names[part], &parts[part], "ms", TARGET_NONE, 0, NULL);
	table_add("Impact recompute, year (same connection)", again, "ms", TARGET_AT_MOST,
		  IMPACT_TARGET_MS, NULL);
}

/* Each run opens a connection: the first computation on it is what a
 * person pressing 3 waits for; a second one on the same connection shows
 * what SQLite's page cache saves. */
static int bench_impact(const bench *b, int runs)
{
	samples first = { 0 }, again = { 0 }, parts[PARTS] = { 0 };
	csr_actor lead = { .role = CSR_ROLE_LEAD, .name = "bench:lead" };
	csr_code rc = CSR_OK;
	for (int run = 0; rc == CSR_OK && run < runs; run++) {
		csr_db *db = NULL;
		csr_err err;
		if (csr_db_open(b->db, b->cfg, false, &db, &err) != CSR_OK)
			return fail(b->db, err.msg);
		csr_db_set_actor(db, &lead);
		int64_t t0 = bench_us();
		rc = impact_once(db, &b->year, parts);
		samples_add(&first, ms_since(t0));
		t0 = bench_us();
		if (rc == CSR_OK)
			rc = impact_once(db, &b->year, NULL);
		samples_add(&again, ms_since(t0));
		csr_db_close(&db);
	}
	if (rc == CSR_OK)
		impact_rows(b, &first, &again, parts);
	samples_free(&first);
	samples_free(&again);
	for (int part = 0; part < PARTS; part++)
		samples_free(&parts[part]);
	return rc == CSR_OK ? 0 : fail("impact figures", csr_code_name(rc));
}

/* ---- csrdesk report ---- */

static bool has_report(const bench *b)
{
	char cmd[PATH_MAX_LEN + 64];
	snprintf(cmd, sizeof cmd, "'%s' --help 2>&1", b->opt.csrdesk);
	FILE *p = popen(cmd, "r");
	char line[512];
	bool found = false;
	while (p && fgets(line, sizeof line, p))
		found = found || strstr(line, "  report ") != NULL;
	if (p)
		pclose(p);
	return found;
}

/* ms until `csrdesk report` exited 0, or -1. */
static double report_once(const bench *b)
{
	int64_t t0 = bench_us();
	pid_t pid = fork();
	if (pid == 0) {
		if (!freopen("/dev/null", "w", stdout))
			_exit(127);
		execl(b->opt.csrdesk, b->opt.csrdesk, "--config", b->config, "--db", b->db, "report",
		      "--period", b->year.label, "--format", "text", (char *)NULL);
		_exit(127);
	}
	int status = 0;
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0)
		return -1;
	return ms_since(t0);
}

static int bench_report(const bench *b, int runs)
{
	if (!has_report(b)) {
		table_add_value("csrdesk report (not in this binary)", 0, "ms", TARGET_NONE, 0,
				"`csrdesk --help` lists no report command: not timed");
		return 0;
	}
	samples s = { 0 };
	for (int run = 0; run < runs; run++) {
		double ms = report_once(b);
		if (ms < 0)
			return fail("csrdesk report", "did not exit 0");
		samples_add(&s, ms);
	}
	char name[64];
	snprintf(name, sizeof name, "csrdesk report --period %.16s --format text",
		 b->year.label);
	table_add(name, &s, "ms", TARGET_NONE, 0, "exec to exit, output to /dev/null");
	samples_free(&s);
	return 0;
}

/* ---- the program ---- */

static int parse(int argc, char **argv, options *o)
{
	*o = (options){ .build_type = "unknown", .quiet_ms = 30 };
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--quiet-ms") == 0 && i + 1 < argc) {
			o->quiet_ms = atoi(argv[++i]);
			continue;
		}
		const char **value = strcmp(argv[i], "--csrdesk") == 0 ? &o->csrdesk
				     : strcmp(argv[i], "--gen") == 0 ? &o->gen
				     : strcmp(argv[i], "--dir") == 0 ? &o->dir
				     : strcmp(argv[i], "--build-type") == 0 ? &o->build_type
				     : strcmp(argv[i], "--dump") == 0 ? &o->dump : NULL;
		if (strcmp(argv[i], "--quick") == 0)
			o->quick = true;
		else if (value && i + 1 < argc)
			*value = argv[++i];
		else
			return -1;
	}
	return o->csrdesk && o->gen && o->dir ? 0 : -1;
}

static int measure(bench *b)
{
	int reps = b->opt.quick ? 3 : 15;
	tui_bench tb = { .csrdesk = b->opt.csrdesk, .config = b->config, .db = b->db,
			 .quiet_ms = b->opt.quiet_ms, .startup_runs = reps,
			 .sessions = b->opt.quick ? 1 : 5, .dump_dir = b->opt.dump };
	signup_bench sb = { .source_db = b->db, .work_dir = b->opt.dir, .cfg = b->cfg,
			    .runs = b->opt.quick ? 1 : 9, .runs_concurrent = b->opt.quick ? 1 : 5,
			    .ops_alone = 400, .procs = 128, .ops_each = 20 };
	printf("first screens ...\n");
	fflush(stdout);
	tui_bench_first_screens(&tb);
	printf("keys and memory ...\n");
	fflush(stdout);
	tui_bench_keys(&tb);
	printf("impact, report ...\n");
	fflush(stdout);
	if (bench_impact(b, reps) != 0 || bench_report(b, b->opt.quick ? 2 : 5) != 0)
		return 1;
	printf("sign-ups, cancels with promotion ...\n");
	fflush(stdout);
	if (signup_bench_run(&sb) != 0)
		return fail("sign-up throughput", "could not run");
	return 0;
}

int main(int argc, char **argv)
{
	bench b = { 0 };
	if (parse(argc, argv, &b.opt) != 0) {
		fprintf(stderr, "usage: csrbench --csrdesk BIN --gen GEN --dir DIR"
			" [--build-type T] [--quick] [--quiet-ms MS] [--dump DIR]\n");
		return 2;
	}
	print_machine(&b);
	print_load("at the start");
	csr_period_year(csr_now(), &b.year);
	int rc = ensure_data(&b) || write_config(&b) || measure(&b);
	table_print();
	print_load("at the end");
	printf("\n%d of the targets missed.\n", table_missed());
	csr_config_free(&b.cfg);
	return rc;
}
