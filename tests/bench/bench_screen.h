/* SPDX-License-Identifier: MIT */
/* csrdesk benchmarks — a small xterm screen: what ncurses writes to the
 * pty is applied to a grid of cells, so a test can ask what the screen
 * shows now (ncurses rewrites only what changed, so the stream of text
 * alone cannot say that) and when each row last changed. */
#ifndef CSRDESK_BENCH_SCREEN_H
#define CSRDESK_BENCH_SCREEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { SCREEN_ROWS = 24, SCREEN_COLS = 80, SCREEN_PARAMS = 16 };

typedef struct screen {
	uint32_t cell[SCREEN_ROWS][SCREEN_COLS]; /* code points; 0 right of a wide one */
	int64_t changed_us[SCREEN_ROWS];         /* the last write into each row */
	int row, col, top, bottom;               /* cursor, scroll region */
	int saved_row, saved_col;
	bool wrap_next;                          /* xterm's pending wrap */
	uint32_t last;                           /* the last character, for REP */
	/* the parser */
	int state;
	int params[SCREEN_PARAMS], nparams;
	uint32_t cp;  /* a UTF-8 character being read */
	int utf8_left;
} screen;

void screen_init(screen *s);
/* Applies output that arrived at now_us. */
void screen_feed(screen *s, const char *data, size_t n, int64_t now_us);
/* Row y as UTF-8 text. */
void screen_row_text(const screen *s, int y, char *out, size_t size);
/* True when a row holds every one of the texts (NULL-terminated list) and
 * last changed at or after since_us (0: any time). */
bool screen_has(const screen *s, const char *const texts[], int64_t since_us);
/* The same for a single text. */
bool screen_shows(const screen *s, const char *text, int64_t since_us);

#endif
