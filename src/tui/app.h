/* SPDX-License-Identifier: MIT */
/* csrdesk — what every part of the TUI shares: the session, the input
 * loop, the message in the status line. */
#ifndef CSRDESK_TUI_APP_H
#define CSRDESK_TUI_APP_H

#include <stdbool.h>
#include <stdint.h>

#include "csrdesk/auth.h"
#include "csrdesk/config.h"
#include "csrdesk/db.h"
#include "csrdesk/status.h"
#include "tui/tui.h"

typedef enum tui_panel_id {
	TUI_PANEL_INITIATIVES = 0,
	TUI_PANEL_VOLUNTEERS,
	TUI_PANEL_IMPACT,
	TUI_PANEL_COUNT
} tui_panel_id;

/* A key: a Unicode character, or a curses function key wrapped by TUI_FN
 * (so that function key codes never collide with characters). */
#define TUI_FN(k) ((int)(k) | 0x40000000)
#define TUI_IS_FN(k) (((k) & 0x40000000) != 0)
#define TUI_CTRL(c) ((c) & 0x1f)
enum { TUI_KEY_ESC = 27, TUI_KEY_TAB = '\t', TUI_KEY_ENTER = '\n' };

typedef enum tui_event {
	TUI_EV_KEY,    /* a key was pressed */
	TUI_EV_RESIZE, /* the terminal changed size: layout again */
	TUI_EV_TICK,   /* nothing happened for a quarter of a second */
	TUI_EV_QUIT,   /* a signal or a gone terminal: leave now (kiosk: also a
	                * sign-out, with app->sign_out set) */
} tui_event;

/* The smallest screen the panels are drawn on. */
enum { TUI_MIN_COLS = 40, TUI_MIN_ROWS = 12 };

typedef struct kiosk kiosk; /* kiosk.h */

typedef struct tui_app {
	csr_db *db;
	csr_config **cfg;
	const tui_options *opts;
	csr_actor actor;
	char user[CSR_ACTOR_NAME_MAX]; /* the Unix user name, for the tab line */
	char config_path[CSR_PATH_MAX]; /* the file watched for changes, "" = none */
	tui_panel_id current;
	void *panels[TUI_PANEL_COUNT]; /* each panel's own state */
	char message[CSR_ERR_MSG_MAX];
	bool message_error;
	bool quit;
	kiosk *kiosk;  /* floor-terminal mode's state; NULL otherwise */
	bool sign_out; /* kiosk: close the person's panels (q or idle) */
	int64_t data_version;
	int64_t last_poll_ms;
} tui_app;

/* Waits up to a quarter second for input. A key is stored in *key. */
tui_event tui_read(tui_app *app, int *key);

/* About once a second (more often it does nothing): reloads a changed
 * config file and, when another session committed, what the current panel
 * shows. True when the data changed. */
bool tui_poll(tui_app *app);

/* Milliseconds on a monotonic clock. */
int64_t tui_ms(void);

/* Sets the message in the status line (cleared by the next key). */
void tui_message(tui_app *app, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Shows a refusal or failure from the data layer. */
void tui_error(tui_app *app, const csr_err *err);

const csr_config *tui_config(const tui_app *app);
bool tui_is_lead(const tui_app *app);

/* Lays out and draws the main screen (under any pop-up), without the final
 * doupdate. Pop-ups call it after a resize before drawing themselves. */
void tui_draw_base(tui_app *app);

/* Pop-ups call this after TUI_EV_RESIZE before drawing again. */
void tui_resized(tui_app *app);

#endif
