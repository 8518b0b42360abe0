/* SPDX-License-Identifier: MIT */
/* The terminal interface at scale, measured from outside: csrdesk runs in
 * an 80x24 pseudo-terminal (TERM=xterm) exactly as a person would start
 * it, and every time is read off its output.
 *
 * First screen: from just before forkpty until the last byte of the frame
 * whose status line carries the panel's key hints ("q quit" for
 * Initiatives; for Volunteers and Impact, the Initiatives time plus the
 * time from sending 2 or 3 until their own hints are drawn).
 *
 * Keypress latency: the key is written to the pty; the redraw has ended
 * when no output arrives for quiet_ms; the latency is the arrival time of
 * the last byte minus the time of the write (so the quiet wait itself is
 * never counted, and a frame written in pieces counts until its last
 * piece). A key that draws nothing within KEY_TIMEOUT_MS is counted apart. */
#include "bench_tui.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "bench.h"
#include "bench_table.h"
#include "bench_tty.h"

enum {
	START_TIMEOUT_MS = 20000,
	KEY_TIMEOUT_MS = 3000,
	SWITCH_TIMEOUT_MS = 60000, /* 2 and 3: a panel may take seconds to load */
	MOVES = 10, /* j then k near the top and deep down */
	PAGES = 5,  /* PgDn then PgUp near the top */
	DEEP_PAGES = 3,
};

#define KEY_PGDN "\033[6~"
#define KEY_PGUP "\033[5~"
#define KEY_END "\033OF" /* xterm in keypad-transmit mode, as ncurses sets it */
#define KEY_BKSP "\177"

/* What each panel's status line shows once drawn (escapes removed). */
#define HINTS_INITIATIVES "q quit"
#define HINTS_VOLUNTEERS "n new volunteer"
#define HINTS_IMPACT "f filter"

static const double KEY_TARGET_MS = 16, RSS_TARGET_MB = 8;

static double ms_between(int64_t from_us, int64_t to_us)
{
	return (double)(to_us - from_us) / 1000.0;
}

static void dump(const tui_bench *b, const tty *t, const char *step, int run)
{
	if (!b->dump_dir)
		return;
	char path[4200];
	snprintf(path, sizeof path, "%s/%s-%d.out", b->dump_dir, step, run);
	tty_dump(t, path);
}

/* Starts csrdesk; returns the ms until the Initiatives panel was drawn,
 * or -1. */
static double start(const tui_bench *b, tty *t, int run)
{
	char *argv[] = { (char *)b->csrdesk, "--config", (char *)b->config, "--db",
			 (char *)b->db, NULL };
	int64_t before = bench_us();
	if (tty_spawn(t, argv) != 0)
		return -1;
	int64_t drawn = tty_settle(t, HINTS_INITIATIVES, b->quiet_ms, START_TIMEOUT_MS);
	dump(b, t, "start", run);
	return drawn < 0 ? -1 : ms_between(before, drawn);
}

/* Sends keys; ms until the output for them ended (marker seen), or -1.
 * A key that switches panels (a marker) may take SWITCH_TIMEOUT_MS. */
static double key_ms(const tui_bench *b, tty *t, const char *keys, const char *marker)
{
	tty_forget(t);
	int64_t sent = tty_send(t, keys);
	int64_t last = tty_settle(t, marker, b->quiet_ms,
				  marker ? SWITCH_TIMEOUT_MS : KEY_TIMEOUT_MS);
	return sent < 0 || last < 0 ? -1 : ms_between(sent, last);
}

void bench_forget_counts(const char *path, bool ranges)
{
	sqlite3 *db = NULL;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK) {
		sqlite3_busy_timeout(db, 5000);
		const char *sql = ranges ? "DELETE FROM figures_cache; DELETE FROM participation_range"
					 : "DELETE FROM figures_cache";
		if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
			fprintf(stderr, "csrbench: cannot empty the figures cache: %s\n",
				sqlite3_errmsg(db));
	}
	sqlite3_close(db);
}

void tui_bench_forget_figures(const tui_bench *b)
{
	bench_forget_counts(b->db, b->cold);
}

typedef struct screens {
	samples initiatives, volunteers, impact, to_volunteers, to_impact;
	int failures;
} screens;

/* One fresh start, then key (2 or 3) as soon as Initiatives is drawn. */
static void start_and_switch(const tui_bench *b, screens *sc, int run, const char *key,
			     const char *hints, samples *total, samples *switched)
{
	tty t;
	if (key[0] == '3')
		tui_bench_forget_figures(b); /* the Impact panel's first screen counts */
	double first = start(b, &t, run);
	double sw = first < 0 ? -1 : key_ms(b, &t, key, hints);
	dump(b, &t, key[0] == '2' ? "switch2" : "switch3", run);
	tty_close(&t);
	if (first < 0 || sw < 0) {
		sc->failures++;
		return;
	}
	samples_add(&sc->initiatives, first);
	samples_add(total, first + sw);
	samples_add(switched, sw);
}

void tui_bench_first_screens(const tui_bench *b)
{
	screens sc = { 0 };
	for (int run = 0; run < b->startup_runs; run++) {
		start_and_switch(b, &sc, run, "2", HINTS_VOLUNTEERS, &sc.volunteers,
				 &sc.to_volunteers);
		start_and_switch(b, &sc, run, "3", HINTS_IMPACT, &sc.impact, &sc.to_impact);
	}
	char note[160] = "";
	if (sc.failures)
		snprintf(note, sizeof note, "%d starts never showed the panel (left out)",
			 sc.failures);
	table_add("first screen: Initiatives (exec to drawn)", &sc.initiatives, "ms",
		  TARGET_AT_MOST, b->screen_target_ms, note);
	table_add("first screen: Volunteers (exec, then 2)", &sc.volunteers, "ms",
		  TARGET_AT_MOST, b->screen_target_ms, NULL);
	table_add("first screen: Impact (exec, then 3)", &sc.impact, "ms", TARGET_AT_MOST,
		  b->screen_target_ms, NULL);
	table_add("key 2: Initiatives -> Volunteers", &sc.to_volunteers, "ms", TARGET_AT_MOST,
		  KEY_TARGET_MS, NULL);
	table_add("key 3: Initiatives -> Impact", &sc.to_impact, "ms", TARGET_AT_MOST,
		  KEY_TARGET_MS, NULL);
	samples *all[] = { &sc.initiatives, &sc.volunteers, &sc.impact, &sc.to_volunteers,
			   &sc.to_impact };
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		samples_free(all[i]);
}

/* ---- keys in the lists ---- */

enum { SHORTS = 3 };

typedef struct list_keys {
	const char *panel;
	const char *search; /* typed after /: matches many */
	const char *nobody; /* typed after /: matches nobody from its second key */
	/* 1-2 character searches (a common letter, a common pair, a rare
	 * pair), each its own row; none when NULL */
	const char *shorts[SHORTS];
	samples short_keys[SHORTS];
	samples top_move, top_page, search_keys, nobody_keys, end, deep_move, deep_page;
	int silent; /* keys that drew nothing */
} list_keys;

static void timed(const tui_bench *b, tty *t, list_keys *lk, const char *keys, samples *s)
{
	double ms = key_ms(b, t, keys, NULL);
	if (ms < 0)
		lk->silent++;
	else
		samples_add(s, ms);
}

static void repeat(const tui_bench *b, tty *t, list_keys *lk, const char *keys, int times,
		   samples *s)
{
	for (int i = 0; i < times; i++)
		timed(b, t, lk, keys, s);
}

/* / and the text one key at a time (the list filters as you type), Enter;
 * then / and Backspace until empty, Enter, which shows everyone again. */
static void search(const tui_bench *b, tty *t, list_keys *lk, const char *text, samples *s)
{
	char key[2] = { 0 };
	timed(b, t, lk, "/", s);
	for (const char *c = text; *c; c++) {
		key[0] = *c;
		timed(b, t, lk, key, s);
	}
	timed(b, t, lk, "\r", s);
	timed(b, t, lk, "/", s);
	repeat(b, t, lk, KEY_BKSP, (int)strlen(text), s);
	timed(b, t, lk, "\r", s);
}

/* Near the top, a search, then deep down: End and a few pages back up,
 * where j/k and paging are measured again. */
static void list_session(const tui_bench *b, tty *t, list_keys *lk)
{
	repeat(b, t, lk, "j", MOVES, &lk->top_move);
	repeat(b, t, lk, "k", MOVES, &lk->top_move);
	repeat(b, t, lk, KEY_PGDN, PAGES, &lk->top_page);
	repeat(b, t, lk, KEY_PGUP, PAGES, &lk->top_page);
	search(b, t, lk, lk->search, &lk->search_keys);
	search(b, t, lk, lk->nobody, &lk->nobody_keys);
	for (int i = 0; i < SHORTS; i++)
		if (lk->shorts[i])
			search(b, t, lk, lk->shorts[i], &lk->short_keys[i]);
	timed(b, t, lk, KEY_END, &lk->end);
	repeat(b, t, lk, KEY_PGUP, DEEP_PAGES, &lk->deep_page);
	repeat(b, t, lk, "j", MOVES, &lk->deep_move);
	repeat(b, t, lk, "k", MOVES, &lk->deep_move);
	repeat(b, t, lk, KEY_PGDN, 2, &lk->deep_page);
	repeat(b, t, lk, KEY_PGUP, 2, &lk->deep_page);
}

static void add_row(const list_keys *lk, const char *what, const samples *s, const char *note)
{
	char name[64];
	snprintf(name, sizeof name, "%s: %s", lk->panel, what);
	table_add(name, s, "ms", TARGET_AT_MOST, KEY_TARGET_MS, note);
}

static void search_row(const list_keys *lk, const char *what, const char *text,
		       const samples *s)
{
	char note[160];
	snprintf(note, sizeof note, "/ then \"%s\" typed, Enter; / Backspace x%d, Enter", text,
		 (int)strlen(text));
	add_row(lk, what, s, note);
}

static void list_rows(list_keys *lk)
{
	char note[160];
	snprintf(note, sizeof note, "%d keys drew nothing within %d ms (left out)", lk->silent,
		 KEY_TIMEOUT_MS);
	add_row(lk, "j/k near the top", &lk->top_move, lk->silent ? note : NULL);
	add_row(lk, "PgDn/PgUp near the top", &lk->top_page, NULL);
	search_row(lk, "search, per key", lk->search, &lk->search_keys);
	search_row(lk, "search matching nobody, per key", lk->nobody, &lk->nobody_keys);
	for (int i = 0; i < SHORTS; i++) {
		char what[40];
		if (lk->shorts[i]) {
			snprintf(what, sizeof what, "short search \"%s\", per key", lk->shorts[i]);
			search_row(lk, what, lk->shorts[i], &lk->short_keys[i]);
		}
		samples_free(&lk->short_keys[i]);
	}
	add_row(lk, "End (jump to the last row)", &lk->end, NULL);
	add_row(lk, "j/k deep down (End, PgUp x3)", &lk->deep_move, NULL);
	add_row(lk, "PgUp/PgDn deep down", &lk->deep_page, NULL);
	samples *all[] = { &lk->top_move, &lk->top_page, &lk->search_keys, &lk->nobody_keys,
			   &lk->end, &lk->deep_move, &lk->deep_page };
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		samples_free(all[i]);
}

/* One whole session: the Initiatives list, 2, the Volunteers list, 3;
 * then the peak memory, read before quitting. */
static void session(const tui_bench *b, int run, list_keys *ini, list_keys *vol,
		    samples *rss)
{
	tty t;
	if (start(b, &t, run) < 0) {
		tty_close(&t);
		ini->silent++;
		return;
	}
	list_session(b, &t, ini);
	if (key_ms(b, &t, "2", HINTS_VOLUNTEERS) >= 0)
		list_session(b, &t, vol);
	key_ms(b, &t, "3", HINTS_IMPACT);
	dump(b, &t, "session-end", run);
	long kb = tty_peak_rss_kb(&t);
	if (kb > 0)
		samples_add(rss, (double)kb / 1024.0);
	tty_close(&t);
}

void tui_bench_keys(const tui_bench *b)
{
	list_keys ini = { .panel = "Initiatives", .search = "blood", .nobody = "zzz" };
	list_keys vol = { .panel = "Volunteers", .search = "mar", .nobody = "zzz",
			  .shorts = { "a", "er", "qx" } };
	samples rss = { 0 };
	for (int run = 0; run < b->sessions; run++)
		session(b, run, &ini, &vol, &rss);
	list_rows(&ini);
	list_rows(&vol);
	table_add("peak RSS (VmHWM) of one session", &rss, "MB", TARGET_AT_MOST, RSS_TARGET_MB,
		  "after Initiatives, Volunteers and Impact with the keys above");
	samples_free(&rss);
}
