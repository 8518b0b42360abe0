/* SPDX-License-Identifier: MIT */
/* csrdesk — small pop-up widgets over libpanel, so the
 * panels never touch it directly: a framed pop-up, a list to
 * choose from, a one-line prompt (see edit.h) and a yes/no question. */
#ifndef CSRDESK_TUI_WIDGET_H
#define CSRDESK_TUI_WIDGET_H

#include <stdbool.h>
#include <stddef.h>

#include "app.h"
#include "ui.h"
#include "view.h"

/* A framed window stacked above the screen with libpanel. */
typedef struct ui_popup {
	WINDOW *win;
	PANEL *panel;
	int y, x, height, width;
} ui_popup;

/* Opens a pop-up of height x width at y, x (centered when y or x is -1),
 * shrunk to fit the screen; title (may be NULL) goes into the frame. */
bool ui_popup_open(ui_popup *p, int height, int width, int y, int x, const char *title);
void ui_popup_close(ui_popup *p);
/* Shows the screen: the main screen under the pop-ups, then doupdate. */
void ui_show(tui_app *app);

/* Special results of ui_choose. */
enum { UI_CHOSE_NOTHING = -1, UI_CHOSE_LEFT = -2, UI_CHOSE_RIGHT = -3, UI_CHOSE_QUIT = -4 };

/* A pop-up list: returns the index chosen, UI_CHOSE_NOTHING on
 * Esc, UI_CHOSE_QUIT when the program must end, and with arrows_leave
 * UI_CHOSE_LEFT / UI_CHOSE_RIGHT for Left and Right (the menu bar). */
int ui_choose(tui_app *app, const char *title, const char *const *items, int n, int current,
	      int y, int x, bool arrows_leave);

/* Called after each edit of a prompt with the text so far. */
typedef void (*ui_prompt_changed)(void *ctx, const char *text);

/* Asks for a line of text on the bottom line. True on Enter;
 * on Esc buf is left as it was and false is returned. */
bool ui_prompt(tui_app *app, const char *label, char *buf, size_t size,
	       ui_prompt_changed changed, void *ctx);

/* Asks a yes/no question on the bottom line; true for y. */
bool ui_confirm(tui_app *app, const char *question);

/* Writes the text of a text pop-up into a view. */
typedef void (*ui_text_writer)(void *ctx, ui_view *v);

/* A framed pop-up of text (help, details): as high as the text needs, at
 * most the screen, and width columns wide (at most the screen); the
 * movement keys scroll it, Esc, q, Enter, ? or F1 close it. hint (NULL:
 * how to scroll and close) shows under the text. */
void ui_text_popup(tui_app *app, const char *title, int width, const char *hint,
		   ui_text_writer write, void *ctx);

/* The same, where Left and Right also change *shift, by which the writer
 * moves its lines sideways (wide lines such as CSV rows). */
void ui_text_pager(tui_app *app, const char *title, int width, const char *hint,
		   ui_text_writer write, void *ctx, int *shift);

/* A framed pop-up with rows of text, until Enter or Esc. */
void ui_notice(tui_app *app, const char *title, const char *const *rows, int n);

/* Asks for digits (a PIN) on the bottom line, each shown as *; true on
 * Enter. On Esc buf is wiped and false is returned. */
bool ui_prompt_digits(tui_app *app, const char *label, char *buf, size_t size);

/* Shows the screen like ui_show, with the cursor at y, x of w (a field
 * being typed into). */
void ui_show_cursor(tui_app *app, WINDOW *w, int y, int x);

#endif
