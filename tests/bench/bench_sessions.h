/* SPDX-License-Identifier: MIT */
/* csrdesk benchmarks — many sessions on Impact at once: the CPU they use
 * idle and while one writer logs hours every second; and the roster
 * import beside a bulk insert. */
#ifndef CSRDESK_BENCH_SESSIONS_H
#define CSRDESK_BENCH_SESSIONS_H

#include "csrdesk/config.h"

typedef struct sessions_bench {
	const char *csrdesk, *config;
	const char *source_db; /* copied, never written */
	const char *work_dir;  /* the copy goes here and is removed afterwards */
	const csr_config *cfg;
	int sessions;          /* csrdesk processes, each in its own pty */
	int seconds;           /* the idle minute, then the minute with the writer */
	int quiet_ms;
} sessions_bench;

/* Adds its rows to the results table; -1 when it could not run. */
int sessions_bench_run(const sessions_bench *b);

typedef struct import_bench {
	const char *csrdesk, *config;
	const char *source_db, *work_dir;
	const csr_config *cfg;
	int volunteers; /* in the data set (for team names) */
	int rows;       /* new volunteers imported */
} import_bench;

/* bench_import.c: `csrdesk import volunteers` against a bulk insert (a
 * TEMP table, then one INSERT ... SELECT). */
int import_bench_run(const import_bench *b, int runs);

#endif
