/* SPDX-License-Identifier: MIT */
/* The TUI: starting and ending curses safely, the input loop with signals
 * and live updates, and the one list of panels. */
#include "tui/tui.h"

#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "chrome.h"
#include "csrdesk/clock.h"
#include "csrdesk/i18n.h"
#include "csrdesk/text.h"
#include "dialog.h"
#include "kiosk.h"
#include "notices.h"
#include "panel.h"
#include "record.h"
#include "tui_curses.h"
#include "ui.h"
#include "widget.h"
/* Only here, and last: term.h defines macros (lines, columns) that clash
 * with the names in the headers above. */
#include <term.h>

/* The panels, in tab order (indexed by tui_panel_id); each role opens
 * only its own (see shown_to). */
static const panel_ops *const panels[TUI_PANEL_COUNT] = {
	[TUI_PANEL_INITIATIVES] = &initiatives_panel,
	[TUI_PANEL_VOLUNTEERS] = &volunteers_panel,
	[TUI_PANEL_RECORD] = &record_panel,
	[TUI_PANEL_IMPACT] = &impact_panel,
};

static void on_stop_signal(int sig)
{
	tui_stop_signal = sig;
}

/* Per-panel size of the last layout, so a panel lays out once per size. */
static int laid_rows[TUI_PANEL_COUNT], laid_cols[TUI_PANEL_COUNT];

/* True when the screen is too small for the panels. */
static bool tui_too_small(void)
{
	return LINES < TUI_MIN_ROWS || COLS < TUI_MIN_COLS;
}

/* ---- drawing ---- */

static void *current_panel(tui_app *app)
{
	return app->panels[app->current];
}

/* Reads what the current panel shows again, when there is one open (a
 * kiosk's welcome screen has none). */
static void load_current(tui_app *app)
{
	if (current_panel(app))
		panels[app->current]->load(current_panel(app));
}

static bool current_in_detail(tui_app *app)
{
	const panel_ops *ops = panels[app->current];
	return ops->in_detail && ops->in_detail(current_panel(app));
}

static void layout_current(tui_app *app)
{
	int id = app->current, rows = LINES - 2;
	if (laid_rows[id] == rows && laid_cols[id] == COLS)
		return;
	laid_rows[id] = rows;
	laid_cols[id] = COLS;
	panels[id]->layout(current_panel(app), rows, COLS);
}

/* The main screen under any pop-up (the draw_base hook). */
static void draw_base(tui_app *app)
{
	if (app->kiosk && !kiosk_signed_in(app)) {
		kiosk_draw(app);
		return;
	}
	werase(stdscr);
	if (tui_too_small()) {
		chrome_too_small();
		return;
	}
	layout_current(app);
	chrome_tabs(app, panels, TUI_PANEL_COUNT);
	panels[app->current]->draw(current_panel(app), stdscr, 1);
	chrome_status(app, current_in_detail(app));
}

/* ---- actions ---- */

static void switch_panel(tui_app *app, tui_panel_id id)
{
	if (!app->panels[id])
		return; /* not this role's */
	app->current = id;
	layout_current(app);
	panels[app->current]->load(current_panel(app));
}

/* The next (dir 1) or previous (-1) of the role's panels, round. */
static void step_panel(tui_app *app, int dir)
{
	int id = (int)app->current;
	do
		id = (id + dir + TUI_PANEL_COUNT) % TUI_PANEL_COUNT;
	while (!app->panels[id]);
	switch_panel(app, (tui_panel_id)id);
}

static void perform(tui_app *app, tui_action act);

/* An action from the menu may belong to another panel: go there first. */
/* Is the item chosen in the menu for the current panel? It is when the
 * panel's own row of the action is in the same menu or in none (reached by
 * its key here), not when it is another menu's item (Initiative > New is
 * not People > New volunteer). */
static bool menu_item_here(tui_app *app, const tui_action_def *chosen)
{
	for (int i = 0; i < tui_action_count(); i++) {
		const tui_action_def *a = tui_action_at(i);
		if (a->id == chosen->id && tui_action_allowed(a, app->current, app->actor.role) &&
		    (!a->menu || !chosen->menu || strcmp(a->menu, chosen->menu) == 0))
			return true;
	}
	return false;
}

static void perform_from_menu(tui_app *app, const tui_action_def *a)
{
	if (!a)
		return;
	if (!menu_item_here(app, a))
		for (int id = 0; id < TUI_PANEL_COUNT; id++)
			if (app->panels[id] &&
			    tui_action_allowed(a, (tui_panel_id)id, app->actor.role)) {
				switch_panel(app, (tui_panel_id)id);
				break;
			}
	perform(app, a->id);
}

/* The dialogs that belong to no panel; what they change shows at once
 * (data_version only counts other sessions' commits). */
static void tool(tui_app *app, bool (*run)(tui_app *app))
{
	if (run(app))
		load_current(app);
}

/* Actions that only look (move, switch, search, help): they change
 * nothing the status line's glance tells, nor any figure. */
static bool only_looks(tui_action act)
{
	switch (act) {
	case ACT_NONE: case ACT_PANEL_INITIATIVES: case ACT_PANEL_VOLUNTEERS:
	case ACT_PANEL_RECORD: case ACT_PANEL_IMPACT: case ACT_NEXT_PANEL: case ACT_PREV_PANEL:
	case ACT_UP: case ACT_DOWN: case ACT_PAGE_UP: case ACT_PAGE_DOWN: case ACT_HOME:
	case ACT_END: case ACT_OPEN: case ACT_BACK: case ACT_SEARCH: case ACT_FILTER:
	case ACT_SORT: case ACT_SCOPE: case ACT_HELP: case ACT_REDRAW: case ACT_QUIT:
		return true;
	default: return false;
	}
}

static void perform(tui_app *app, tui_action act)
{
	/* This session's writes do not move data_version: an action that may
	 * write counts as a change before it runs, so that the reload it ends
	 * with reads afresh (the menu counts the item chosen in it). */
	if (act != ACT_MENU && !only_looks(act))
		app->changes++;
	switch (act) {
	case ACT_QUIT: /* a kiosk signs the person out; nothing else leaves it */
		if (app->kiosk)
			app->sign_out = true;
		else
			app->quit = true;
		break;
	case ACT_HELP: chrome_help(app, panels[app->current]->title); break;
	case ACT_MENU: perform_from_menu(app, chrome_menubar(app)); break;
	case ACT_PANEL_INITIATIVES: switch_panel(app, TUI_PANEL_INITIATIVES); break;
	case ACT_PANEL_VOLUNTEERS: switch_panel(app, TUI_PANEL_VOLUNTEERS); break;
	case ACT_PANEL_RECORD: switch_panel(app, TUI_PANEL_RECORD); break;
	case ACT_PANEL_IMPACT: switch_panel(app, TUI_PANEL_IMPACT); break;
	case ACT_NEXT_PANEL: step_panel(app, 1); break;
	case ACT_PREV_PANEL: step_panel(app, -1); break;
	case ACT_REDRAW: clearok(curscr, TRUE); break;
	case ACT_APPROVE_HOURS: tool(app, hours_review_run); break;
	case ACT_PARTNERS: tool(app, partners_run); break;
	case ACT_ANNOUNCE: tool(app, announce_run); break;
	case ACT_EXPORT_REPORT: tool(app, report_export_run); break;
	case ACT_AUDIT_LOG: tool(app, audit_log_run); break;
	case ACT_OWN_PIN: tool(app, own_pin_run); break;
	case ACT_NOTICES: tool(app, notices_run); break;
	case ACT_NOTIFY_SETTINGS: tool(app, notify_prefs_run); break;
	case ACT_NONE: break;
	default: panels[app->current]->handle(current_panel(app), act); break;
	}
}

static void on_key(tui_app *app, int key)
{
	app->message[0] = '\0';
	if (tui_too_small()) { /* only quitting works on the notice */
		if (key == 'q')
			perform(app, ACT_QUIT);
		return;
	}
	tui_action act = tui_action_for_key(key, app->current, app->actor.role);
	if (act == ACT_NONE && !TUI_IS_FN(key) && key > ' ' && key < 0x7f)
		tui_message(app, _("The key %c does nothing here: ? shows the keys"), key);
	perform(app, act);
	/* the session's own writes do not change data_version */
	if (!only_looks(act) && !app->quit && !app->sign_out)
		notices_glance(app);
}

/* Runs the work the current panel put off until its frame showed; false
 * when there was none (or it was another panel's, now out of sight). */
static bool run_deferred(tui_app *app)
{
	tui_deferred d = app->deferred;
	app->deferred = (tui_deferred){ 0 };
	if (!d.run || d.panel != current_panel(app))
		return false;
	d.run(d.panel);
	return true;
}

/* Draws the screen, then does what the panel put off (Impact's figures)
 * and draws what came of it: the frame never waits for a count. Keys
 * typed meanwhile wait in the terminal and are read next. */
static void show(tui_app *app)
{
	ui_show(app);
	if (run_deferred(app))
		ui_show(app);
	app->redraw = false;
}

static bool same_glance(const tui_glance *a, const tui_glance *b)
{
	return a->have_next == b->have_next && a->next_starts_at == b->next_starts_at &&
	       a->unread == b->unread && strcmp(a->next_title, b->next_title) == 0;
}

/* What time alone changes: the glance once the next place has started;
 * once a minute, what the panels show by the clock (initiatives that have
 * ended are dimmed); at midnight, what they read by the date (Impact's
 * "this year" may be a new year). */
static void tick(tui_app *app)
{
	static int64_t drawn_minute, loaded_day;
	tui_glance before = app->glance;
	notices_tick(app);
	int64_t now = csr_now(), minute = now / 60, day = csr_day_start(now);
	if (loaded_day && day != loaded_day)
		load_current(app);
	if (!same_glance(&before, &app->glance) || minute != drawn_minute)
		app->redraw = true;
	drawn_minute = minute;
	loaded_day = day;
}

/* Draws only when something changed: an idle session only wakes to look
 * for changes by others (tui_read). */
static void run_loop(tui_app *app)
{
	app->redraw = true;
	while (!app->quit && !app->sign_out) {
		tick(app);
		if (app->redraw || app->deferred.run)
			show(app);
		int key = 0;
		switch (tui_read(app, &key)) {
		case TUI_EV_KEY: on_key(app, key); app->redraw = true; break;
		case TUI_EV_RESIZE: tui_resized(app); app->redraw = true; break;
		case TUI_EV_TICK: break;
		case TUI_EV_QUIT: app->quit = !app->sign_out; break; /* kiosk: back to the welcome */
		}
		if (!app->quit)
			tui_poll(app);
	}
}

/* ---- starting and ending ---- */

/* Refuses terminals that cannot show a full screen, saying why. */
static bool terminal_usable(void)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "%s", _("csrdesk: the interface needs a terminal; for scripts use the"
				      " subcommands (csrdesk --help)\n"));
		return false;
	}
	const char *term = getenv("TERM");
	if (!term || !*term) {
		fprintf(stderr, "%s", _("csrdesk: TERM is not set, so the full-screen interface cannot"
				      " start; set it (e.g. TERM=xterm) or use the subcommands\n"));
		return false;
	}
	if (strcmp(term, "dumb") == 0) {
		fprintf(stderr, "%s",
			_("csrdesk: the terminal type 'dumb' cannot show the full-screen interface;"
			  " use a terminal such as xterm, or the subcommands\n"));
		return false;
	}
	return true;
}

/* Why a terminal type is refused. */
typedef enum refusal { TERM_UNKNOWN, TERM_NO_CURSOR } refusal;

static void refuse_term(refusal why)
{
	char term[128];
	csr_text_sanitize(getenv("TERM"), term, sizeof term);
	if (why == TERM_NO_CURSOR)
		fprintf(stderr, _("csrdesk: the terminal type '%s' cannot move the cursor; use a"
				  " terminal such as xterm, or the subcommands\n"), term);
	else
		fprintf(stderr, _("csrdesk: the terminal type '%s' is unknown here (no terminfo"
				  " entry); use a terminal such as xterm, or the subcommands\n"),
			term);
}

/* Checks $TERM's terminfo entry before curses takes the screen: newterm
 * on an unknown terminal leaks its half-made screen (ncurses 6.4), while
 * setupterm cleans up after itself. */
static bool usable_terminal(void)
{
	int status = 0;
	if (setupterm(NULL, STDOUT_FILENO, &status) != OK) {
		refuse_term(TERM_UNKNOWN);
		return false;
	}
	const char *cup = tigetstr("cup");
	bool moves = cup && cup != (char *)-1;
	del_curterm(cur_term);
	if (!moves)
		refuse_term(TERM_NO_CURSOR);
	return moves;
}

static SCREEN *start_curses(bool kiosk)
{
	if (!usable_terminal())
		return NULL;
	SCREEN *screen = newterm(NULL, stdout, stdin);
	if (!screen) {
		refuse_term(TERM_UNKNOWN);
		return NULL;
	}
	set_term(screen);
	if (kiosk)
		raw(); /* Ctrl-C, Ctrl-Z, Ctrl-\ and Ctrl-S reach us as keys */
	else
		cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25); /* each read sets its own timeout (tui_read) */
	curs_set(0);
	ui_init();
	return screen;
}

typedef struct saved_signals {
	struct sigaction hup, term, intr, quit, tstp;
} saved_signals;

/* SIGHUP and SIGTERM end the program cleanly, as SIGINT does except at a
 * kiosk: there SIGINT, SIGQUIT and SIGTSTP are ignored, so that only a
 * signal from outside ends it and nobody gets to a shell. */
static void catch_signals(saved_signals *saved, bool kiosk)
{
	struct sigaction sa, ignore;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: a read returns at once */
	ignore = sa;
	ignore.sa_handler = SIG_IGN;
	sigaction(SIGHUP, &sa, &saved->hup);
	sigaction(SIGTERM, &sa, &saved->term);
	sigaction(SIGINT, kiosk ? &ignore : &sa, &saved->intr);
	if (kiosk) {
		sigaction(SIGQUIT, &ignore, &saved->quit);
		sigaction(SIGTSTP, &ignore, &saved->tstp);
	}
}

static void restore_signals(const saved_signals *saved, bool kiosk)
{
	sigaction(SIGHUP, &saved->hup, NULL);
	sigaction(SIGTERM, &saved->term, NULL);
	sigaction(SIGINT, &saved->intr, NULL);
	if (kiosk) {
		sigaction(SIGQUIT, &saved->quit, NULL);
		sigaction(SIGTSTP, &saved->tstp, NULL);
	}
}

static void user_of(tui_app *app)
{
	const char *name = app->actor.name;
	const char *colon = strchr(name, ':');
	snprintf(app->user, sizeof app->user, "%s", colon ? colon + 1 : name);
}

/* Agents must not browse other people's records: they get their own. */
static bool shown_to(const tui_app *app, tui_panel_id id)
{
	switch (id) {
	case TUI_PANEL_VOLUNTEERS: return tui_is_lead(app);
	case TUI_PANEL_RECORD: return !tui_is_lead(app);
	default: return true;
	}
}

static bool open_panels(tui_app *app)
{
	for (int i = 0; i < TUI_PANEL_COUNT; i++)
		if (shown_to(app, (tui_panel_id)i) && !(app->panels[i] = panels[i]->open(app)))
			return false;
	return true;
}

/* Frees every panel's state (at a kiosk: all that could show the person's
 * data); the next open_panels starts afresh. */
static void close_panels(tui_app *app)
{
	for (int i = 0; i < TUI_PANEL_COUNT; i++) {
		if (app->panels[i])
			panels[i]->close(app->panels[i]);
		app->panels[i] = NULL;
		laid_rows[i] = laid_cols[i] = 0;
	}
	app->deferred = (tui_deferred){ 0 };
	app->glance = (tui_glance){ 0 };
}

/* The panels, from opening to closing; false when out of memory. */
static bool run_panels(tui_app *app)
{
	bool opened = open_panels(app);
	if (opened) {
		/* The version before the first read: a commit by another session
		 * in between is seen by the first poll, not lost. */
		csr_err err;
		if (csr_db_data_version(app->db, &app->data_version, &err) != CSR_OK)
			tui_error(app, &err);
		app->last_poll_ms = tui_ms();
		switch_panel(app, TUI_PANEL_INITIATIVES);
		notices_glance(app);
		if (app->kiosk)
			notices_after_sign_in(app);
		else
			tui_warn_removed(app);
		run_loop(app);
	}
	close_panels(app);
	return opened;
}

/* A kiosk: the welcome screen, a person's panels, and back, until a
 * signal from outside ends it. */
static bool run_kiosk(tui_app *app)
{
	if (!kiosk_open(app))
		return false;
	bool ok = true;
	while (ok && kiosk_welcome(app)) {
		ok = run_panels(app);
		kiosk_forget(app);
	}
	kiosk_close(app);
	return ok;
}

/* After a change by another session (or a reloaded config): what the
 * current panel and the status line show (the load hook). */
static void reload(tui_app *app)
{
	load_current(app);
	if (current_panel(app))
		notices_glance(app);
}

static const tui_hooks hooks = { .draw_base = draw_base, .load = reload };
static const tui_hooks kiosk_hooks = { .draw_base = draw_base, .load = reload,
				       .idle = kiosk_idle, .touch = kiosk_touch };

int tui_run(csr_db *db, csr_config **cfg, const tui_options *opts)
{
	if (!terminal_usable()) /* the locale is set: csr_i18n_init */
		return 1;
	tui_app app = { .hooks = opts->kiosk ? &kiosk_hooks : &hooks, .db = db, .cfg = cfg,
			.opts = opts, .actor = *csr_db_actor(db) };
	user_of(&app);
	/* A copy: opts->config_path may point into the config, which a reload
	 * replaces. */
	snprintf(app.config_path, sizeof app.config_path, "%s",
		 opts->config_path ? opts->config_path : "");
	tui_watch_config(&app);
	tui_watch_start(&app);
	saved_signals saved;
	catch_signals(&saved, opts->kiosk);
	SCREEN *screen = start_curses(opts->kiosk);
	int status = 1;
	if (screen) {
		bool ok = opts->kiosk ? run_kiosk(&app) : run_panels(&app);
		endwin();
		delscreen(screen);
		status = ok ? 0 : 1;
		if (!ok)
			fprintf(stderr, "%s", _("csrdesk: out of memory\n"));
	}
	restore_signals(&saved, opts->kiosk);
	tui_watch_stop();
	return status;
}
