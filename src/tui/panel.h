/* SPDX-License-Identifier: MIT */
/* csrdesk — a panel of the main screen (Initiatives, Volunteers, Impact).
 *
 * Each panel is one file ending with its operations table; tui.c lists the
 * tables once. Panels handle actions (never raw keys), draw into the area
 * between the tab line and the status line, and read from the data layer
 * only the rows they show. */
#ifndef CSRDESK_TUI_PANEL_H
#define CSRDESK_TUI_PANEL_H

#include <stdbool.h>

#include "action.h"
#include "app.h"
#include "ui.h"

typedef struct panel_ops {
	const char *title; /* in the tab line */
	void *(*open)(tui_app *app);
	void (*close)(void *self);
	/* The area changed size (or first use): lay out and read what shows. */
	void (*layout)(void *self, int height, int width);
	/* Read what shows again: on entering the panel, or after another
	 * session changed the database. Keeps the cursor on its item. */
	void (*load)(void *self);
	/* Draws the area starting at row y of w. */
	void (*draw)(void *self, WINDOW *w, int y);
	/* Handles an action; false when it means nothing here. */
	bool (*handle)(void *self, tui_action action);
	/* True while the details (not the list) have the focus; NULL for a
	 * panel without a separate details focus. */
	bool (*in_detail)(void *self);
} panel_ops;

extern const panel_ops initiatives_panel;
extern const panel_ops volunteers_panel;
extern const panel_ops impact_panel;

#endif
