/* SPDX-License-Identifier: MIT */
/* csrdesk benchmarks — sign-up throughput and cancel-with-promotion
 * throughput, 1 and many processes at once, csr_signup_add and
 * csr_signup_cancel beside the minimal raw-SQLite transactions. */
#ifndef CSRDESK_BENCH_SIGNUP_H
#define CSRDESK_BENCH_SIGNUP_H

#include "csrdesk/config.h"

typedef struct signup_bench {
	const char *source_db; /* the generated database, copied, never written */
	const char *work_dir;  /* the copies go here and are removed afterwards */
	const csr_config *cfg;
	int runs;      /* rounds per variant in the one-process rounds */
	int runs_concurrent; /* ... and in the concurrent ones */
	int ops_alone; /* sign-ups (or cancels) in a one-process round */
	int procs;     /* processes in the concurrent rounds */
	int ops_each;  /* sign-ups (or cancels) per process in a concurrent round */
} signup_bench;

/* Adds its rows to the results table; -1 when it could not run. */
int signup_bench_run(const signup_bench *b);

#endif
