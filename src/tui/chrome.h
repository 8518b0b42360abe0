/* SPDX-License-Identifier: MIT */
/* csrdesk — the screen around the panels: the tab line, the status line
 * with its key hints, the "terminal too small" notice, the ? help and the
 * menu bar. Hints, help and menus are generated from the action table. */
#ifndef CSRDESK_TUI_CHROME_H
#define CSRDESK_TUI_CHROME_H

#include "action.h"
#include "app.h"
#include "panel.h"

/* The tab line (row 0) with the panel titles, the user, role and DEMO. */
void chrome_tabs(tui_app *app, const panel_ops *const *panels, int n);
/* The status line (last row): the last message, or the keys that work. */
void chrome_status(tui_app *app, bool in_detail);
void chrome_too_small(void);

/* The ? help for the current panel and role. */
void chrome_help(tui_app *app, const char *panel_title);

/* The menu bar with drop-down menus of what the role may do; returns the
 * row of the action table chosen (an action may have a row per panel,
 * each in its own menu), or NULL. */
const tui_action_def *chrome_menubar(tui_app *app);

#endif
