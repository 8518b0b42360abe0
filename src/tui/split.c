/* SPDX-License-Identifier: MIT */
/* The list-and-details layout. */
#include "split.h"

enum { SIDE_MIN_COLS = 110, STACKED_MIN_ROWS = 18, SIDE_LIST_PERCENT = 58, SHORT_LIST_MIN = 3 };

void ui_split_layout(ui_split *s, int height, int width, int head_rows, int64_t items)
{
	s->head_rows = head_rows;
	s->height = height;
	s->width = width;
	s->list_width = width;
	s->detail_x = 1;
	s->detail_y = 0;
	s->detail_height = height;
	s->list_rows = height - head_rows;
	if (width >= SIDE_MIN_COLS) {
		s->mode = SPLIT_SIDE;
		s->list_width = width * SIDE_LIST_PERCENT / 100;
		s->detail_x = s->list_width + 2;
	} else if (height >= STACKED_MIN_ROWS) {
		s->mode = SPLIT_STACKED;
		s->list_rows = (height - head_rows - 1) / 2;
		if (items < s->list_rows)
			s->list_rows = items > SHORT_LIST_MIN ? (int)items : SHORT_LIST_MIN;
		s->detail_y = head_rows + s->list_rows + 1;
		s->detail_height = height - s->detail_y;
	} else {
		s->mode = SPLIT_SINGLE;
	}
	s->detail_width = width - s->detail_x - 1;
	if (s->list_rows < 1)
		s->list_rows = 1;
}

bool ui_split_refit(ui_split *s, int64_t items)
{
	int before = s->list_rows;
	ui_split_layout(s, s->height, s->width, s->head_rows, items);
	return s->list_rows != before;
}

void ui_split_divider(const ui_split *s, WINDOW *w, int y, bool detail_focus)
{
	if (s->mode == SPLIT_SIDE) {
		wattrset(w, ui_attr(UI_FRAME));
		mvwvline(w, y, s->list_width, ui_glyph()->vline, s->height);
		wattrset(w, A_NORMAL);
	} else if (s->mode == SPLIT_STACKED) {
		int row = y + s->detail_y - 1;
		ui_hline(w, row, 0, s->width);
		ui_text(w, row, 2, s->width - 4, " Details ",
			ui_attr(detail_focus ? UI_TITLE : UI_FRAME), false);
	}
}

bool ui_split_shows_list(const ui_split *s, bool detail_focus)
{
	return s->mode != SPLIT_SINGLE || !detail_focus;
}

bool ui_split_shows_detail(const ui_split *s, bool detail_focus)
{
	return s->mode != SPLIT_SINGLE || detail_focus;
}
