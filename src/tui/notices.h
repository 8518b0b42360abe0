/* SPDX-License-Identifier: MIT */
/* csrdesk — notifications on the screen: the glance in the status line
 * (the person's next place, how many notifications are unread), the
 * unread ones shown right after signing in at a kiosk, and the list of
 * recent ones. Each shown once is marked read (notification.h). */
#ifndef CSRDESK_TUI_NOTICES_H
#define CSRDESK_TUI_NOTICES_H

#include <stdbool.h>
#include <stddef.h>

#include "app.h"

/* Reads app->glance again: when the panels open, when another session
 * changed the data (the live update) and after the user's own actions. */
void notices_glance(tui_app *app);

/* Before each read: when the next place has started, reads the glance
 * again (another place is next now; no query until then). */
void notices_tick(tui_app *app);

/* "Next: Blood donation drive, 2026-12-12 09:30", its title shortened to
 * fit width columns where it can; false when there is no next place. */
bool notices_next_text(const tui_app *app, int width, char *out, size_t size);

/* Kiosk, right after sign-in: the person's unread notifications in a
 * pop-up (nothing when there are none), marked read once they close it. */
void notices_after_sign_in(tui_app *app);

/* The notifications list (ACT_NOTICES): the recent ones, the unread
 * marked; they are read once it closes. True when it marked some. */
bool notices_run(tui_app *app);

#endif
