/* SPDX-License-Identifier: MIT */
/* csrdesk — table columns that fit the screen: each column has a minimum
 * and a maximum width and a priority; on a narrow screen the least
 * important columns go first, and spare room is shared out by weight. */
#ifndef CSRDESK_TUI_COLUMNS_H
#define CSRDESK_TUI_COLUMNS_H

#include <stdbool.h>

#include "ui.h"

typedef struct ui_column {
	const char *title; /* English, marked N_(): the header shows it translated, cut to width */
	int min, max;
	int want;     /* the width it should get before optional columns show */
	int weight;   /* share of spare room; 0 = none */
	int priority; /* 0 = always shown; higher numbers are dropped first */
	bool right;   /* right-aligned (numbers) */
	int x, width; /* set by ui_columns_layout; width 0 = not shown */
} ui_column;

/* Lays the columns out in width: each at least as wide as its title in
 * the language shown needs (ui_column_fit), the least important dropped
 * first when they do not fit, spare room shared by weight. */
void ui_columns_layout(ui_column *cols, int n, int width);
/* Widens col for texts now shown_width wide that are english_width wide
 * in English: by as much as they outgrow both the English texts and the
 * column's minimum (so nothing changes in English). For a column of
 * translated words (states), before the layout. */
void ui_column_fit(ui_column *col, int shown_width, int english_width);
/* The column headings, padded to width. */
void ui_columns_header(WINDOW *w, int y, int x, const ui_column *cols, int n, int width);
/* One cell of a row starting at column x of the screen. */
void ui_cell(WINDOW *w, int y, int x, const ui_column *col, const char *text, attr_t attr);

#endif
