/* SPDX-License-Identifier: MIT */
/* What every part of the TUI shares: input, messages, live updates and the
 * screen under the pop-ups. The main loop (tui.c) plugs in what only it
 * knows through app->hooks, so that no part calls back into it. */
#include "app.h"

#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "csrdesk/format.h"
#include "csrdesk/i18n.h"
#include "csrdesk/removed.h"
#include "tui_curses.h"

enum {
	FAST_ERRORS_MAX = 40, /* reads failing at once in a row: the terminal is gone */
	MINUTE_MS = 60000,
	MINUTE_LATE_MS = 20, /* a wake at a full minute comes this late, to be in it */
	/* With a watch, a look for changes that nothing asked for (should the
	 * watch ever miss one) at most this often: an idle session wakes once
	 * a minute (tick in tui.c), and then looks. */
	LOOK_ANYWAY_MS = MINUTE_MS / 2,
	DRAIN_READS_MAX = 64, /* reads of the watch's events at one wake, at most */
	/* A write seen is looked for twice: a moment after it (a commit ends
	 * in the shared memory, which no event tells of, after its first
	 * write to the -wal), and once more a second later, should the commit
	 * still have been under way. */
	LOOKS_PER_WRITE = 2,
	SETTLE_MS = 50,
};

volatile sig_atomic_t tui_stop_signal;

static int fast_errors;
static struct timespec config_mtime; /* of the config file last read */

/* What ends a read besides a key: a write to the database (another
 * session's commit writes its -wal, a checkpoint the database itself) or
 * a change of the config file, watched with inotify, so that an idle
 * session sleeps instead of looking for changes every second. Only these
 * files are watched (not their directories), so nothing else wakes it.
 * Without a watch (none could be made), it looks every second as before. */
static struct {
	int fd;          /* inotify; -1: no watch */
	int looks;       /* looks for changes due since a watched file was written */
	int64_t seen_ms; /* when the last write was seen */
} watch = { .fd = -1 };

int64_t tui_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* glibc keeps freed heap pages resident, and the free space a count
 * leaves between the blocks still in use is seldom at the top, where it
 * would be returned: a session's memory grew with every count (by 0.8 MB
 * over the benchmark's heavy session at 500,000 volunteers). */
void tui_release_memory(void)
{
#ifdef __GLIBC__
	malloc_trim(0);
#endif
}

const csr_config *tui_config(const tui_app *app)
{
	return *app->cfg;
}

bool tui_is_lead(const tui_app *app)
{
	return app->actor.role == CSR_ROLE_LEAD || app->actor.role == CSR_ROLE_ADMIN;
}

__attribute__((format(printf, 3, 0)))
static void set_message(tui_app *app, bool state, const char *fmt, va_list ap)
{
	vsnprintf(app->message, sizeof app->message, fmt, ap);
	app->message_error = false;
	app->message_state = state;
	app->redraw = true;
}

void tui_message(tui_app *app, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_message(app, false, fmt, ap);
	va_end(ap);
}

void tui_state_message(tui_app *app, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_message(app, true, fmt, ap);
	va_end(ap);
}

void tui_error(tui_app *app, const csr_err *err)
{
	snprintf(app->message, sizeof app->message, "%s",
		 err->msg[0] ? err->msg : csr_code_name(err->code));
	app->message_error = true;
	app->message_state = false;
	app->redraw = true;
}

void tui_watch_config(tui_app *app)
{
	struct stat st;
	config_mtime = (struct timespec){ 0 };
	if (app->config_path[0] && stat(app->config_path, &st) == 0)
		config_mtime = st.st_mtim;
}

/* ---- the watch ---- */

static bool watch_file(const char *path, uint32_t mask)
{
	return inotify_add_watch(watch.fd, path, mask | IN_DONT_FOLLOW) >= 0;
}

/* Watches the config file, again at every look: an editor that saves by
 * replacing the file ends the watch of the old one (which counts as a
 * change, so the look comes). */
static void watch_config(const tui_app *app)
{
	if (watch.fd >= 0 && app->config_path[0])
		watch_file(app->config_path,
			   IN_MODIFY | IN_CLOSE_WRITE | IN_ATTRIB | IN_MOVE_SELF | IN_DELETE_SELF);
}

void tui_watch_start(tui_app *app)
{
	watch.looks = 0;
	watch.fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (watch.fd < 0)
		return;
	const char *db = csr_db_path(app->db);
	char wal[CSR_PATH_MAX + 8];
	snprintf(wal, sizeof wal, "%s-wal", db);
	/* the -wal is there as long as this session has the database open */
	if (!watch_file(db, IN_MODIFY) || !watch_file(wal, IN_MODIFY))
		tui_watch_stop(); /* no watch (a limit reached): look every second */
	watch_config(app);
}

void tui_watch_stop(void)
{
	if (watch.fd >= 0)
		close(watch.fd);
	watch.fd = -1;
}

/* Reads the events that woke the watch: each tells of a change. */
static void watch_drain(void)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	for (int i = 0; i < DRAIN_READS_MAX && read(watch.fd, buf, sizeof buf) > 0; i++) {
		watch.looks = LOOKS_PER_WRITE;
		watch.seen_ms = tui_ms();
	}
}

/* ---- input ---- */

bool tui_is_enter(int key)
{
	return key == TUI_KEY_ENTER || key == '\r' || key == TUI_FN(KEY_ENTER);
}

/* After a failed read: has the terminal gone away (hangup, closed)? */
static bool terminal_gone(void)
{
	struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };
	if (poll(&pfd, 1, 0) < 0)
		return errno != EINTR;
	return (pfd.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

/* A read that fails at once instead of after the timeout (wait_ms), again
 * and again, means input is broken (EOF): end instead of spinning. */
static tui_event failed_read(tui_app *app, int64_t started, int wait_ms)
{
	if (errno == EINTR)
		return TUI_EV_TICK;
	bool fast = tui_ms() - started < wait_ms / 5;
	fast_errors = fast ? fast_errors + 1 : 0;
	if (terminal_gone() || fast_errors > FAST_ERRORS_MAX) {
		app->quit = true;
		return TUI_EV_QUIT;
	}
	return TUI_EV_TICK;
}

/* Milliseconds until just after the next full minute of the clock. */
static int until_next_minute(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	int64_t in_minute = (int64_t)(ts.tv_sec % 60) * 1000 + ts.tv_nsec / 1000000;
	return (int)(MINUTE_MS - in_minute) + MINUTE_LATE_MS;
}

/* How long a read may wait. Watched and nothing written: until the next
 * full minute (what the clock changes on the screen), unless a kiosk must
 * see its idle time pass. Else until the next look for changes is due (a
 * second after the last, a moment after a write), which a loop that does
 * not look (a dialog) finds overdue: then it waits the whole interval. */
static int wait_for_poll(const tui_app *app, int64_t now)
{
	if (watch.fd >= 0 && !watch.looks && !app->hooks->idle)
		return until_next_minute();
	int64_t due = app->last_poll_ms + TUI_POLL_INTERVAL_MS - now;
	if (watch.looks && watch.seen_ms + SETTLE_MS - now > due)
		due = watch.seen_ms + SETTLE_MS - now;
	return due > 0 && due < TUI_POLL_INTERVAL_MS ? (int)due : TUI_POLL_INTERVAL_MS;
}

/* With a watch: waits up to wait_ms for a key or a write to a watched
 * file (not while looks for one are due: then only keys count); true when
 * there is input. A signal ends the wait too. */
static bool input_ready(int wait_ms)
{
	struct pollfd pfd[2] = { { .fd = STDIN_FILENO, .events = POLLIN },
				 { .fd = watch.looks ? -1 : watch.fd, .events = POLLIN } };
	if (poll(pfd, 2, wait_ms) <= 0)
		return false;
	if (pfd[1].revents & POLLIN)
		watch_drain();
	return pfd[0].revents != 0;
}

/* Reads a key, waiting up to wait_ms. With a watch, ncurses is asked first
 * without waiting (it may hold the rest of a sequence already read), then
 * the wait is a poll of the terminal and the watch; *woke: it ended
 * without input. */
static int get_key(wint_t *wch, int wait_ms, bool *woke)
{
	*woke = false;
	wtimeout(stdscr, watch.fd < 0 ? wait_ms : 0);
	int rc = wget_wch(stdscr, wch);
	if (rc != ERR || watch.fd < 0)
		return rc;
	if (!input_ready(wait_ms)) {
		*woke = true;
		return ERR;
	}
	return wget_wch(stdscr, wch);
}

tui_event tui_read(tui_app *app, int *key)
{
	if (tui_stop_signal || app->quit) {
		app->quit = true;
		return TUI_EV_QUIT;
	}
	if (app->hooks->idle && app->hooks->idle(app))
		return TUI_EV_QUIT; /* every pop-up closes, then the panels */
	wint_t wch = 0;
	int64_t started = tui_ms();
	int wait_ms = wait_for_poll(app, started);
	bool woke;
	errno = 0;
	int rc = get_key(&wch, wait_ms, &woke);
	if (tui_stop_signal) {
		app->quit = true;
		return TUI_EV_QUIT;
	}
	if (woke)
		return TUI_EV_TICK;
	if (rc == ERR)
		return failed_read(app, started, wait_ms);
	fast_errors = 0;
	if (rc == KEY_CODE_YES && wch == KEY_RESIZE)
		return TUI_EV_RESIZE;
	if (app->hooks->touch)
		app->hooks->touch(app);
	*key = rc == KEY_CODE_YES ? TUI_FN(wch) : (int)wch;
	return TUI_EV_KEY;
}

/* ---- the screen ---- */

void tui_draw_base(tui_app *app)
{
	app->hooks->draw_base(app);
}

void tui_resized(tui_app *app)
{
	(void)app;
	/* ncurses has already taken the new size (LINES, COLS); the next
	 * tui_draw_base lays out the panel for it, once. */
	clearok(curscr, TRUE);
}

/* ---- live updates ---- */

void tui_warn_removed(tui_app *app)
{
	csr_removed found[CSR_REMOVED_MAX];
	int n = 0;
	char first[CSR_REMOVED_TEXT_MAX], more[CSR_FMT_NUMBER_MAX];
	if (!tui_is_lead(app) ||
	    csr_removed_list(app->db, tui_config(app), found, CSR_REMOVED_MAX, &n, NULL) != CSR_OK ||
	    n == 0)
		return;
	csr_removed_text(&found[0], first, sizeof first);
	csr_fmt_count(n - 1, more, sizeof more);
	if (n == 1)
		tui_message(app, "%s", first);
	else
		/* TRANSLATORS: the first problem with the config, then how many
		 * more there are; the command stays as it is. */
		tui_message(app,
			    csr_plural(n - 1, "%s (and %s more: csrdesk check-config --db lists them)",
				       "%s (and %s more: csrdesk check-config --db lists them)"),
			    first, more);
	app->message_error = true;
}

static void reload_config(tui_app *app)
{
	struct stat st;
	const char *path = app->config_path;
	if (!*path || stat(path, &st) != 0 || (st.st_mtim.tv_sec == config_mtime.tv_sec &&
						st.st_mtim.tv_nsec == config_mtime.tv_nsec))
		return;
	config_mtime = st.st_mtim;
	csr_config *fresh = NULL;
	csr_err err;
	if (csr_config_load_file(path, &fresh, &err) != CSR_OK) {
		if (app->actor.role == CSR_ROLE_ADMIN) {
			tui_message(app, _("Config not reloaded, keeping the last good one: %.400s"),
				    err.msg);
			app->message_error = true;
		}
		return;
	}
	csr_config *old = *app->cfg;
	csr_db_set_config(app->db, fresh);
	*app->cfg = fresh;
	csr_config_free(&old);
	app->changes++; /* titles, metrics and categories may differ */
	tui_message(app, _("Configuration reloaded from %s"), path);
	tui_warn_removed(app);
	app->hooks->load(app);
}

/* Is a look for changes due: a second after the last one at the soonest,
 * and, with a watch, only a moment after a write (or when a while has
 * passed)? */
static bool look_due(const tui_app *app, int64_t now)
{
	int64_t since = now - app->last_poll_ms;
	return since >= TUI_POLL_INTERVAL_MS &&
	       (watch.fd < 0 || since >= LOOK_ANYWAY_MS ||
		(watch.looks && now - watch.seen_ms >= SETTLE_MS));
}

/* About once a second at most: has another session committed? Then read
 * what shows again. */
bool tui_poll(tui_app *app)
{
	int64_t now = tui_ms();
	if (!look_due(app, now))
		return false;
	app->last_poll_ms = now;
	if (watch.looks)
		watch.looks--;
	watch_config(app);
	reload_config(app);
	int64_t version = 0;
	csr_err err;
	if (csr_db_data_version(app->db, &version, &err) != CSR_OK) {
		tui_error(app, &err);
		return false;
	}
	if (version == app->data_version)
		return false;
	app->data_version = version;
	app->changes++;
	app->redraw = true;
	if (app->message_state) /* it may tell of what just changed */
		app->message[0] = '\0';
	app->hooks->load(app);
	return true;
}

void tui_defer(tui_app *app, void (*run)(void *panel), void *panel)
{
	app->deferred = (tui_deferred){ run, panel };
}
