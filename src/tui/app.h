/* SPDX-License-Identifier: MIT */
/* csrdesk — what every part of the TUI shares: the session, the input
 * loop, the message in the status line. */
#ifndef CSRDESK_TUI_APP_H
#define CSRDESK_TUI_APP_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "csrdesk/auth.h"
#include "csrdesk/config.h"
#include "csrdesk/db.h"
#include "csrdesk/status.h"
#include "tui/tui.h"

/* The panels. Leads see Initiatives, Volunteers and Impact; agents their
 * own record instead of the volunteers (tui.c decides who sees which). */
typedef enum tui_panel_id {
	TUI_PANEL_INITIATIVES = 0,
	TUI_PANEL_VOLUNTEERS,
	TUI_PANEL_RECORD,
	TUI_PANEL_IMPACT,
	TUI_PANEL_COUNT
} tui_panel_id;

/* A key: a Unicode character, or a curses function key wrapped by TUI_FN
 * (so that function key codes never collide with characters). */
#define TUI_FN(k) ((int)(k) | 0x40000000)
#define TUI_IS_FN(k) (((k) & 0x40000000) != 0)
#define TUI_CTRL(c) ((c) & 0x1f)
enum { TUI_KEY_ESC = 27, TUI_KEY_TAB = '\t', TUI_KEY_ENTER = '\n' };

/* Enter, however the terminal sends it. */
bool tui_is_enter(int key);

typedef enum tui_event {
	TUI_EV_KEY,    /* a key was pressed */
	TUI_EV_RESIZE, /* the terminal changed size: layout again */
	TUI_EV_TICK,   /* nothing happened for a while (up to a second) */
	TUI_EV_QUIT,   /* a signal or a gone terminal: leave now (kiosk: also a
	                * sign-out, with app->sign_out set) */
} tui_event;

/* The smallest screen the panels are drawn on. */
enum { TUI_MIN_COLS = 40, TUI_MIN_ROWS = 12 };

/* How often at most the TUI looks for changes by others (live updates):
 * a read waits for a key until the next look is due, or, when nothing
 * changed (tui_watch_start), until the next full minute. Signals end a
 * read at once. */
enum { TUI_POLL_INTERVAL_MS = 1000 };

typedef struct kiosk kiosk; /* kiosk.h */

/* What the status line tells the signed-in person at a glance (notices.h):
 * their next place and how many notifications they have not read. */
typedef struct tui_glance {
	bool have_next;
	char next_title[160];
	int64_t next_starts_at;
	int64_t unread;
} tui_glance;
typedef struct tui_app tui_app;

/* Work a panel puts off until its frame is on the screen (Impact's
 * figures): the main loop runs it right after drawing, and drops it when
 * the panel is no longer the one shown. Pop-ups never run it, so nothing
 * is counted under a dialog or a menu. */
typedef struct tui_deferred {
	void (*run)(void *panel);
	void *panel; /* the panel's state, as app->panels holds it */
} tui_deferred;

/* What the main loop (tui.c) plugs into the app: the shared services call
 * these instead of tui.c, so that no part of the TUI calls back into the
 * loop that calls it. */
typedef struct tui_hooks {
	void (*draw_base)(tui_app *app); /* the main screen, without doupdate */
	void (*load)(tui_app *app);      /* read again what the current panel shows */
	bool (*idle)(tui_app *app);      /* kiosk: time to sign out? (NULL: never) */
	void (*touch)(tui_app *app);     /* kiosk: a key was pressed (NULL: nothing) */
} tui_hooks;

struct tui_app {
	const tui_hooks *hooks;
	csr_db *db;
	csr_config **cfg;
	const tui_options *opts;
	csr_actor actor;
	char user[CSR_ACTOR_NAME_MAX]; /* the Unix user name, for the tab line */
	char config_path[CSR_PATH_MAX]; /* the file watched for changes, "" = none */
	tui_panel_id current;
	void *panels[TUI_PANEL_COUNT]; /* each panel's own state; NULL: not this role's */
	char message[CSR_ERR_MSG_MAX];
	bool message_error;
	/* The message tells how things stand (a waitlist position): a change
	 * by another session clears it, as the screen then shows what holds. */
	bool message_state;
	tui_glance glance;
	bool quit;
	kiosk *kiosk;  /* floor-terminal mode's state; NULL otherwise */
	bool sign_out; /* kiosk: close the person's panels (q or idle) */
	int64_t data_version;
	int64_t last_poll_ms;
	/* Counts what may have changed the data or its meaning: a commit by
	 * another session, a reloaded config, an action of this session that
	 * may write (its own writes do not move data_version). A panel that
	 * keeps what it read (Impact) reads again only when this moved. */
	uint64_t changes;
	tui_deferred deferred;
	bool redraw; /* the screen shows something that no longer holds */
};

/* Set by the signal handlers (only that: nothing else is safe in a
 * handler); the next read ends the program. */
extern volatile sig_atomic_t tui_stop_signal;

/* Remembers the config file's time, so that only a change reloads it. */
void tui_watch_config(tui_app *app);

/* Watches the database and the config file (after tui_watch_config), so
 * that a read ends when another session writes and an idle session need
 * not wake every second to look; stopped by tui_watch_stop. Without a
 * watch the TUI looks every second. */
void tui_watch_start(tui_app *app);
void tui_watch_stop(void);

/* Waits for input until the next look for changes is due, or a watched
 * file changes. A key is stored in *key. */
tui_event tui_read(tui_app *app, int *key);

/* About once a second (more often it does nothing): reloads a changed
 * config file and, when another session committed, what the current panel
 * shows. True when the data changed. Either sets app->redraw. */
bool tui_poll(tui_app *app);

/* Puts run(panel) off until the main loop has drawn the frame (see
 * tui_deferred); a second call before it ran replaces the first. */
void tui_defer(tui_app *app, void (*run)(void *panel), void *panel);

/* Milliseconds on a monotonic clock. */
int64_t tui_ms(void);

/* Gives the heap pages a big piece of work (a count) left free back to
 * the system, after it is done. */
void tui_release_memory(void);

/* Sets the message in the status line (cleared by the next key). */
void tui_message(tui_app *app, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A message that tells how things stand now ("Waitlisted, position 1"):
 * cleared when another session changes the data, so that it never
 * contradicts the screen. */
void tui_state_message(tui_app *app, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Shows a refusal or failure from the data layer. */
void tui_error(tui_app *app, const csr_err *err);
/* Leads: a message when the database uses a category or metric the config
 * no longer defines (csrdesk/removed.h); nothing otherwise. */
void tui_warn_removed(tui_app *app);

const csr_config *tui_config(const tui_app *app);
bool tui_is_lead(const tui_app *app);

/* Lays out and draws the main screen (under any pop-up), without the final
 * doupdate. Pop-ups call it after a resize before drawing themselves. */
void tui_draw_base(tui_app *app);

/* Pop-ups call this after TUI_EV_RESIZE before drawing again. */
void tui_resized(tui_app *app);

#endif
