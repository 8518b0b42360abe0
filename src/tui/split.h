/* SPDX-License-Identifier: MIT */
/* csrdesk — a list with a detail pane: beside it on a wide screen, below it
 * on a tall one, instead of it (Enter / Esc) on a small one. */
#ifndef CSRDESK_TUI_SPLIT_H
#define CSRDESK_TUI_SPLIT_H

#include <stdbool.h>
#include <stdint.h>

#include "ui.h"

typedef enum ui_split_mode { SPLIT_SIDE, SPLIT_STACKED, SPLIT_SINGLE } ui_split_mode;

typedef struct ui_split {
	ui_split_mode mode;
	int height, width;         /* the whole area */
	int head_rows;             /* headings above the items */
	int list_rows, list_width; /* rows of items, under head_rows of headings */
	int detail_y, detail_x, detail_height, detail_width;
} ui_split;

/* Lays out the area for a list of items rows (stacked, a short list
 * leaves the rest of the height to the details). */
void ui_split_layout(ui_split *s, int height, int width, int head_rows, int64_t items);
/* Lays out again for a new number of items; true when the list's rows
 * changed. */
bool ui_split_refit(ui_split *s, int64_t items);
/* The line between list and details, starting at row y of w. */
void ui_split_divider(const ui_split *s, WINDOW *w, int y, bool detail_focus);
/* Are the list / the details on screen? */
bool ui_split_shows_list(const ui_split *s, bool detail_focus);
bool ui_split_shows_detail(const ui_split *s, bool detail_focus);

#endif
