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

void ui_columns_layout(ui_column *cols, int n, int width);
/* The column headings, padded to width. */
void ui_columns_header(WINDOW *w, int y, int x, const ui_column *cols, int n, int width);
/* One cell of a row starting at column x of the screen. */
void ui_cell(WINDOW *w, int y, int x, const ui_column *col, const char *text, attr_t attr);

#endif
