/* SPDX-License-Identifier: MIT */
/* csrdesk — a scrolling text area: detail panes and the help are written
 * line by line into a view, which draws only the lines that are in sight. */
#ifndef CSRDESK_TUI_VIEW_H
#define CSRDESK_TUI_VIEW_H

#include "action.h"
#include "ui.h"

typedef struct ui_view {
	WINDOW *w;
	int y, x, height, width;
	int scroll; /* the first line in sight */
	int line;   /* the next line to write */
} ui_view;

void view_begin(ui_view *v, WINDOW *w, int y, int x, int height, int width, int scroll);

/* The screen row of the next line, or -1 when it is out of sight; either
 * way the view moves on by one line. */
int view_next(ui_view *v);

void view_blank(ui_view *v);
/* One line of text, cut to the width. */
void view_line(ui_view *v, const char *text, attr_t attr);
/* "Label:  value", the value wrapped under itself. */
void view_field(ui_view *v, const char *label, int label_width, const char *value,
		attr_t attr);
/* Text wrapped to the width, indented; newlines start new lines. */
void view_para(ui_view *v, const char *text, attr_t attr, int indent);

/* Ends the view: clears the rest of the area and returns the number of
 * lines written (for clamping the scroll). Draws a mark at the right edge
 * when there is more above or below. */
int view_end(ui_view *v);

/* Clamps a scroll offset to the lines written. */
int view_clamp(int scroll, int lines, int height);

/* What a movement action (Up, Down, PgUp, PgDn, Home, End) does to a text
 * of lines lines shown in height rows; false when act is not one. */
bool view_scroll(tui_action act, int *scroll, int lines, int height);

#endif
