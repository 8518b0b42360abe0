/* SPDX-License-Identifier: MIT */
/* csrdesk benchmarks — running csrdesk in a pseudo-terminal and timing
 * what it draws. */
#ifndef CSRDESK_BENCH_TTY_H
#define CSRDESK_BENCH_TTY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "bench_screen.h"

enum { TTY_ROWS = 24, TTY_COLS = 80 };

typedef struct tty_buf {
	char *s; /* NUL-terminated */
	size_t len, cap;
} tty_buf;

typedef struct tty {
	pid_t pid;
	int fd;       /* the pty's master side */
	tty_buf raw;  /* output since the last tty_forget, as written */
	tty_buf text; /* the same without escape sequences and control bytes,
		       * so "q quit" is found even when bold "q" and " quit"
		       * are separated by attribute changes */
	int esc;      /* where the escape sequence parser is (bench_tty.c) */
	int64_t last_us; /* when the last output arrived (bench_us) */
	screen scr;      /* what the terminal shows now */
} tty;

/* Starts argv[0] (a path) in a new 80x24 pty with TERM=xterm and a UTF-8
 * locale. -1 on failure. */
int tty_spawn(tty *t, char *const argv[]);

/* Reads until marker (if not NULL) has appeared in the text since the
 * last tty_forget and then no output arrives for quiet_ms. Returns the
 * time the last byte arrived, or -1 when nothing (or not the marker)
 * arrived within timeout_ms, or the program ended. */
int64_t tty_settle(tty *t, const char *marker, int quiet_ms, int timeout_ms);

/* Reads until done(t, arg) is true after a read; returns the time that
 * read arrived, or -1 after timeout_ms or when the program ended. */
typedef bool tty_done(const tty *t, const void *arg);
int64_t tty_until(tty *t, tty_done *done, const void *arg, int timeout_ms);

/* Reads until no output arrives for quiet_ms; returns the time the last
 * byte arrived (before the call, when nothing came). */
int64_t tty_quiet(tty *t, int quiet_ms);

/* Reads whatever is there without waiting (a drain, so the program never
 * blocks on a full pty); -1 when the program ended. */
int tty_drain(tty *t);

/* Drops the output read so far (after reading what is already there). */
void tty_forget(tty *t);

/* Writes keys; returns the time just before the write. */
int64_t tty_send(tty *t, const char *keys);

/* VmHWM of the program, in kB (-1 when unknown). */
long tty_peak_rss_kb(const tty *t);

/* Writes the raw output since the last tty_forget to path. */
void tty_dump(const tty *t, const char *path);

/* Sends q and waits for the program to end (kills it after 3 s). */
void tty_close(tty *t);

#endif
