/* SPDX-License-Identifier: MIT */
/* csrdesk benchmarks — the terminal interface: first screens, keypress
 * latency, peak memory. */
#ifndef CSRDESK_BENCH_TUI_H
#define CSRDESK_BENCH_TUI_H

#include <stdbool.h>

typedef struct tui_bench {
	const char *csrdesk; /* the binary */
	const char *config;  /* --config FILE */
	const char *db;      /* --db FILE */
	int quiet_ms;        /* output has ended after this long without any */
	int startup_runs;    /* fresh starts per panel */
	int sessions;        /* scripted sessions for keys and memory */
	const char *dump_dir; /* when not NULL, raw output of each step goes here */
	bool quick;          /* fewer steps: for trying things, not for figures */
	bool cold;           /* every count is its range's first (--cold) */
	double screen_target_ms; /* first screens */
	double frame_target_ms;  /* scope and period changes, to the frame */
	double change_target_ms; /* ... and to the figures */
	/* What the Impact panel's scope menu offers (bench_scope.c): how many
	 * sites (they follow "Everyone"), teams, categories (they come last),
	 * and the label of the last category, shown when the walk is done. */
	int sites, teams, categories;
	char last_category[96];
} tui_bench;

/* Empties the figures cache (migration 16) of database db, so that the
 * next showing of figures is a count, not a read of what an earlier run
 * counted; with ranges, also the participation kept per range of days
 * (migration 23), so that the count is also the range's first. */
void bench_forget_counts(const char *db, bool ranges);
/* bench_forget_counts of the data set, ranges with --cold. */
void tui_bench_forget_figures(const tui_bench *b);

/* Each adds its rows to the results table. */
void tui_bench_first_screens(const tui_bench *b);
void tui_bench_keys(const tui_bench *b);
/* bench_scope.c: the Impact panel's 3, t, f and every scope and period
 * change (time to the frame and to the figures), and the peak memory
 * after a heavy session. */
void tui_bench_scopes(const tui_bench *b);
void tui_bench_heavy_memory(const tui_bench *b);

#endif
