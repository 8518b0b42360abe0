/* SPDX-License-Identifier: MIT */
/* csrdesk — kiosk mode for shared floor terminals: a welcome screen
 * (announcements, open initiatives with free places) where a person signs
 * in with their employee ID and PIN, and signing them out again on q or
 * after the idle timeout, forgetting who they were. tui.c runs the panels
 * in between. */
#ifndef CSRDESK_TUI_KIOSK_H
#define CSRDESK_TUI_KIOSK_H

#include <stdbool.h>

#include "app.h"

/* Sets up app->kiosk; false when out of memory. */
bool kiosk_open(tui_app *app);
void kiosk_close(tui_app *app);

/* The welcome screen until someone signs in (true: app->actor is that
 * person) or the program must end (false). */
bool kiosk_welcome(tui_app *app);

/* After the person's panels were closed: forgets them (a nobody actor)
 * and says on the welcome screen why they were signed out. */
void kiosk_forget(tui_app *app);

/* Is someone signed in (so the panels, not the welcome screen, show)? */
bool kiosk_signed_in(const tui_app *app);

/* Draws the welcome screen (tui_draw_base calls it while nobody is
 * signed in). */
void kiosk_draw(tui_app *app);

/* The kiosk's input hooks (tui_hooks): a key was pressed; and, before each read, true (with
 * app->sign_out set) when the signed-in person has been idle too long. */
void kiosk_touch(tui_app *app);
bool kiosk_idle(tui_app *app);

#endif
