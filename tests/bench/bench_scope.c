/* SPDX-License-Identifier: MIT */
/* The Impact panel at scale, from outside (csrdesk in a pty, as in
 * bench_tui.c), read off a screen model (bench_screen.c) because ncurses
 * rewrites only what changed:
 *
 * - the frame is drawn when the panel's header row ("Impact 2026 ·
 *   Everyone") has been written since the key and the status line's hints
 *   are shown, with no menu open; its time is the arrival of the output
 *   that completed it;
 * - the figures are drawn when, besides, a row holding a figure label
 *   ("Participation") has been written since the key; their time is the
 *   last byte before the terminal stays quiet.
 *
 * So a panel that draws its frame first and counts afterwards shows two
 * different times; one that counts first shows the same time twice. */
#include <stdio.h>
#include <string.h>

#include "bench.h"
#include "bench_table.h"
#include "bench_tty.h"
#include "bench_tui.h"

enum {
	START_TIMEOUT_MS = 60000,
	MENU_TIMEOUT_MS = 30000,
	FIGURES_TIMEOUT_MS = 120000, /* a scope may take seconds at 500k */
	PICKS = 2,                   /* of each scope kind per session */
	WALK_MAX = 2000,             /* steps through the scope menu, at most */
	QUICK_WALK = 16,
	TEAM_CHOICES = 10,           /* teams are picked among the first ten */
	PERIOD_KINDS_WALKED = 6,     /* this year .. last month (not From .. to) */
};

#define HINTS_INITIATIVES "q quit"
#define HINTS_IMPACT "f filter"
#define FIGURE_LABEL "Participation"
#define SCOPE_MENU " Scope "
#define PERIOD_MENU " Period "

/* The period picker's entries (src/tui/period_picker.c). */
enum { THIS_YEAR = 0, THIS_QUARTER = 1, LAST_YEAR = 3 };

static const double KEY_TARGET_MS = 16, RSS_TARGET_MB = 8;

static double ms_between(int64_t from_us, int64_t to_us)
{
	return (double)(to_us - from_us) / 1000.0;
}

static bool menus_closed(const screen *s)
{
	return !screen_shows(s, SCOPE_MENU, 0) && !screen_shows(s, PERIOD_MENU, 0);
}

static bool frame_drawn(const tty *t, const void *arg)
{
	static const char *const header[] = { "Impact ", "\xC2\xB7", NULL };
	int64_t since = *(const int64_t *)arg;
	return menus_closed(&t->scr) && screen_has(&t->scr, header, since) &&
	       screen_shows(&t->scr, HINTS_IMPACT, 0);
}

static bool figures_drawn(const tty *t, const void *arg)
{
	return frame_drawn(t, arg) && screen_shows(&t->scr, FIGURE_LABEL, *(const int64_t *)arg);
}

static bool text_shown(const tty *t, const void *text)
{
	return screen_shows(&t->scr, text, 0);
}

static void dump(const tui_bench *b, const tty *t, const char *step, int run)
{
	if (!b->dump_dir)
		return;
	char path[4200];
	snprintf(path, sizeof path, "%s/%s-%d.out", b->dump_dir, step, run);
	tty_dump(t, path);
}

/* ---- steps ---- */

typedef struct change {
	samples frame, figures;
} change;

/* After the frame: until a row with a figure label has been written since
 * the key, or one is shown and the terminal stayed quiet for the quiet
 * window (the same figures as before, which ncurses does not rewrite). */
static bool wait_figures(const tui_bench *b, tty *t, int64_t sent)
{
	int64_t deadline = bench_us() + (int64_t)FIGURES_TIMEOUT_MS * 1000;
	while (!figures_drawn(t, &sent)) {
		if (tty_until(t, figures_drawn, &sent, b->quiet_ms) >= 0)
			return true;
		if (screen_shows(&t->scr, FIGURE_LABEL, 0) && frame_drawn(t, &sent))
			return true;
		if (bench_us() > deadline)
			return false;
	}
	return true;
}

/* Sends keys that change what Impact shows; adds the times to the frame
 * and to the figures to c (when not NULL: then the figures are counted,
 * not read from the cache). False when they never came. */
static bool impact_change(const tui_bench *b, tty *t, const char *keys, change *c)
{
	if (c) { /* every timed change counts: none reads what an earlier one counted */
		tui_bench_forget_figures(b);
		tty_quiet(t, b->quiet_ms); /* the session has seen the write, and drawn nothing */
	}
	tty_forget(t);
	int64_t sent = tty_send(t, keys);
	int64_t frame = sent < 0 ? -1 : tty_until(t, frame_drawn, &sent, FIGURES_TIMEOUT_MS);
	if (frame < 0 || !wait_figures(b, t, sent))
		return false;
	int64_t last = tty_quiet(t, b->quiet_ms);
	if (c) {
		samples_add(&c->frame, ms_between(sent, frame));
		samples_add(&c->figures, ms_between(sent, last));
	}
	return true;
}

/* t or f: ms until the menu titled title was drawn (last byte), or -1. */
static double open_menu(const tui_bench *b, tty *t, const char *key, const char *title)
{
	tty_forget(t);
	int64_t sent = tty_send(t, key);
	if (sent < 0 || tty_until(t, text_shown, title, MENU_TIMEOUT_MS) < 0)
		return -1;
	return ms_between(sent, tty_quiet(t, b->quiet_ms));
}

/* Moves in an open menu (untimed); keys like "gjjj". */
static void move_in_menu(const tui_bench *b, tty *t, const char *keys)
{
	tty_forget(t);
	tty_send(t, keys);
	tty_quiet(t, b->quiet_ms);
}

/* "g" and n times "j": the entry n from the top; "G" and n times "k"
 * from the bottom. */
static void path_to(char *out, size_t size, bool from_top, int n)
{
	size_t len = 0;
	out[len++] = from_top ? 'g' : 'G';
	for (int i = 0; i < n && len + 1 < size; i++)
		out[len++] = from_top ? 'j' : 'k';
	out[len] = '\0';
}

/* Opens the menu (t or f), goes to the entry and presses Enter: the
 * opening time into menu, the change into c. */
static bool pick(const tui_bench *b, tty *t, const char *key, const char *title, bool from_top,
		 int n, samples *menu, change *c)
{
	char keys[4096];
	double opened = open_menu(b, t, key, title);
	if (opened < 0)
		return false;
	if (menu)
		samples_add(menu, opened);
	path_to(keys, sizeof keys, from_top, n);
	move_in_menu(b, t, keys);
	return impact_change(b, t, "\r", c);
}

static bool start_impact(const tui_bench *b, tty *t, change *c)
{
	char *argv[] = { (char *)b->csrdesk, "--config", (char *)b->config, "--db",
			 (char *)b->db, NULL };
	if (tty_spawn(t, argv) != 0 ||
	    tty_settle(t, HINTS_INITIATIVES, b->quiet_ms, START_TIMEOUT_MS) < 0)
		return false;
	return impact_change(b, t, "3", c);
}

/* ---- scopes and periods ---- */

typedef struct scopes {
	change to_impact, site, team, category, period;
	samples t_menu, f_menu;
	int failures;
} scopes;

static void scope_session(const tui_bench *b, int run, scopes *sc)
{
	tty t;
	bool ok = start_impact(b, &t, &sc->to_impact);
	int teams = b->teams < TEAM_CHOICES ? b->teams : TEAM_CHOICES;
	for (int i = 0; ok && i < PICKS; i++) {
		int k = run * PICKS + i;
		ok = pick(b, &t, "t", SCOPE_MENU, true, 1 + k % b->sites, &sc->t_menu, &sc->site) &&
		     pick(b, &t, "t", SCOPE_MENU, true, 1 + b->sites + k % teams, &sc->t_menu,
			  &sc->team) &&
		     pick(b, &t, "t", SCOPE_MENU, false, k % b->categories, &sc->t_menu,
			  &sc->category);
	}
	/* Back to everyone, then this year -> last year -> this quarter -> this year. */
	ok = ok && pick(b, &t, "t", SCOPE_MENU, true, 0, &sc->t_menu, NULL);
	static const int periods[] = { LAST_YEAR, THIS_QUARTER, THIS_YEAR };
	for (size_t i = 0; ok && i < sizeof periods / sizeof periods[0]; i++)
		ok = pick(b, &t, "f", PERIOD_MENU, true, periods[i], &sc->f_menu, &sc->period);
	dump(b, &t, "scopes", run);
	sc->failures += !ok;
	tty_close(&t);
}

static void change_rows(const tui_bench *b, const char *what, const change *c, const char *note)
{
	char frame[64], figures[64];
	snprintf(frame, sizeof frame, "%s, to the frame", what);
	snprintf(figures, sizeof figures, "%s, to the figures", what);
	table_add(frame, &c->frame, "ms", TARGET_AT_MOST, b->frame_target_ms, note);
	table_add(figures, &c->figures, "ms", TARGET_AT_MOST, b->change_target_ms, NULL);
}

void tui_bench_scopes(const tui_bench *b)
{
	scopes sc = { 0 };
	for (int run = 0; run < b->sessions; run++)
		scope_session(b, run, &sc);
	char note[160] = "";
	if (sc.failures)
		snprintf(note, sizeof note, "%d sessions stopped early: a step never drew",
			 sc.failures);
	change_rows(b, "Impact: key 3 from Initiatives", &sc.to_impact, note);
	table_add("Impact: t (scope menu drawn)", &sc.t_menu, "ms", TARGET_AT_MOST, KEY_TARGET_MS,
		  NULL);
	change_rows(b, "Impact: scope -> a site", &sc.site, NULL);
	change_rows(b, "Impact: scope -> a team", &sc.team, "among the first ten teams");
	change_rows(b, "Impact: scope -> a category", &sc.category, NULL);
	table_add("Impact: f (period menu drawn)", &sc.f_menu, "ms", TARGET_AT_MOST,
		  KEY_TARGET_MS, NULL);
	change_rows(b, "Impact: period change", &sc.period,
		    "this year -> last year -> this quarter -> this year");
	change *all[] = { &sc.to_impact, &sc.site, &sc.team, &sc.category, &sc.period };
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
		samples_free(&all[i]->frame);
		samples_free(&all[i]->figures);
	}
	samples_free(&sc.t_menu);
	samples_free(&sc.f_menu);
}

/* ---- the heavy session ---- */

/* Each key alone, waiting for its redraw (untimed). */
static void type_keys(const tui_bench *b, tty *t, const char *keys)
{
	char key[2] = { 0 };
	for (const char *c = keys; *c; c++) {
		key[0] = *c;
		tty_forget(t);
		tty_send(t, key);
		tty_settle(t, NULL, b->quiet_ms, 3000);
	}
}

/* Searches in Volunteers: / the text Enter, / Backspace... Enter. */
static void searches(const tui_bench *b, tty *t)
{
	static const char *const texts[] = { "a", "er", "qx", "mar", "zzz", "e" };
	char clear[16];
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		type_keys(b, t, "/");
		type_keys(b, t, texts[i]);
		type_keys(b, t, "\r/");
		snprintf(clear, sizeof clear, "%.*s\r", (int)strlen(texts[i]), "\177\177\177\177\177");
		type_keys(b, t, clear);
	}
}

/* Every entry of the scope menu in turn (t, j, Enter: the menu opens on
 * the current scope), until the last category is shown. */
static int walk_scopes(const tui_bench *b, tty *t)
{
	int steps = 0, limit = b->quick ? QUICK_WALK : WALK_MAX;
	const char *last[] = { "Impact ", b->last_category, NULL };
	while (steps < limit && !screen_has(&t->scr, last, 0)) {
		if (open_menu(b, t, "t", SCOPE_MENU) < 0)
			return -1;
		move_in_menu(b, t, "j");
		if (!impact_change(b, t, "\r", NULL))
			return -1;
		steps++;
	}
	return steps;
}

void tui_bench_heavy_memory(const tui_bench *b)
{
	tty t;
	char *argv[] = { (char *)b->csrdesk, "--config", (char *)b->config, "--db",
			 (char *)b->db, NULL };
	char note[160] = "did not complete";
	tui_bench_forget_figures(b); /* each scope and period shown is counted once */
	bool ok = tty_spawn(&t, argv) == 0 &&
		  tty_settle(&t, HINTS_INITIATIVES, b->quiet_ms, START_TIMEOUT_MS) >= 0;
	if (ok) {
		type_keys(b, &t, "2");
		searches(b, &t);
		ok = impact_change(b, &t, "3", NULL);
	}
	int steps = ok ? walk_scopes(b, &t) : -1;
	ok = steps >= 0;
	for (int k = 1; ok && k < PERIOD_KINDS_WALKED; k++)
		ok = pick(b, &t, "f", PERIOD_MENU, true, k, NULL, NULL);
	long kb = ok ? tty_peak_rss_kb(&t) : -1;
	dump(b, &t, "heavy", 0);
	tty_close(&t);
	samples rss = { 0 };
	if (kb > 0) {
		samples_add(&rss, (double)kb / 1024.0);
		snprintf(note, sizeof note, "searches a er qx mar zzz e, Impact, %d scope changes%s,"
			 " periods this year .. last month", steps,
			 b->quick ? " (quick: not the whole menu)" : " (the whole menu)");
	}
	table_add("peak RSS (VmHWM) after the heavy session", &rss, "MB", TARGET_AT_MOST,
		  RSS_TARGET_MB, note);
	samples_free(&rss);
}
