/* SPDX-License-Identifier: MIT */
/* csrdesk benchmarks — the terminal interface: first screens, keypress
 * latency, peak memory. */
#ifndef CSRDESK_BENCH_TUI_H
#define CSRDESK_BENCH_TUI_H

typedef struct tui_bench {
	const char *csrdesk; /* the binary */
	const char *config;  /* --config FILE */
	const char *db;      /* --db FILE */
	int quiet_ms;        /* output has ended after this long without any */
	int startup_runs;    /* fresh starts per panel */
	int sessions;        /* scripted sessions for keys and memory */
	const char *dump_dir; /* when not NULL, raw output of each step goes here */
} tui_bench;

/* Each adds its rows to the results table. */
void tui_bench_first_screens(const tui_bench *b);
void tui_bench_keys(const tui_bench *b);

#endif
