/* SPDX-License-Identifier: MIT */
/* Table columns fitted to the screen width. */
#include "columns.h"

#include "csrdesk/i18n.h"
#include "csrdesk/text.h"

enum { GAP = 1 };

static int needed(const ui_column *cols, int n)
{
	int sum = 0, shown = 0;
	for (int i = 0; i < n; i++)
		if (cols[i].width > 0) {
			sum += cols[i].width;
			shown++;
		}
	return sum + (shown > 0 ? (shown - 1) * GAP : 0);
}

/* Drops the least important column still shown; false when none can go. */
static bool drop_one(ui_column *cols, int n)
{
	int worst = -1;
	for (int i = 0; i < n; i++)
		if (cols[i].width > 0 && cols[i].priority > 0 &&
		    (worst < 0 || cols[i].priority >= cols[worst].priority))
			worst = i;
	if (worst < 0)
		return false;
	cols[worst].width = 0;
	return true;
}

static void share_out(ui_column *cols, int n, int spare)
{
	bool grew = true;
	while (spare > 0 && grew) {
		grew = false;
		for (int i = 0; i < n && spare > 0; i++) {
			int w = cols[i].weight; /* 0: stays at its minimum */
			for (; w > 0 && spare > 0 && cols[i].width > 0 && cols[i].width < cols[i].max;
			     w--, spare--) {
				cols[i].width++;
				grew = true;
			}
		}
	}
}

/* Lays out the columns still shown; false when one gets less than it
 * wants. */
static bool fit(ui_column *cols, int n, int width)
{
	for (int i = 0; i < n; i++)
		if (cols[i].width > 0)
			cols[i].width = cols[i].min;
	while (needed(cols, n) > width && drop_one(cols, n))
		;
	/* The columns that must stay still may not fit: shrink the first. */
	int over = needed(cols, n) - width;
	for (int i = 0; i < n && over > 0; i++)
		if (cols[i].width > 0) {
			int cut = over < cols[i].width - 1 ? over : cols[i].width - 1;
			cols[i].width -= cut;
			over -= cut;
		}
	share_out(cols, n, width - needed(cols, n));
	for (int i = 0; i < n; i++)
		if (cols[i].width > 0 && cols[i].width < cols[i].want)
			return false;
	return true;
}

void ui_column_fit(ui_column *col, int shown_width, int english_width)
{
	int room = col->min > english_width ? col->min : english_width;
	if (shown_width <= room)
		return;
	col->min += shown_width - room;
	col->max = col->max < col->min ? col->min : col->max;
	col->want = col->want && col->want < col->min ? col->min : col->want;
}

void ui_columns_layout(ui_column *cols, int n, int width)
{
	for (int i = 0; i < n; i++) {
		if (cols[i].title && *cols[i].title) /* widths were chosen for English titles */
			ui_column_fit(&cols[i], csr_text_width(_(cols[i].title)),
				      csr_text_width(cols[i].title));
		cols[i].width = 1; /* all shown to start with */
	}
	while (!fit(cols, n, width) && drop_one(cols, n))
		;
	int x = 0;
	for (int i = 0; i < n; i++) {
		cols[i].x = x;
		if (cols[i].width > 0)
			x += cols[i].width + GAP;
	}
}

void ui_columns_header(WINDOW *w, int y, int x, const ui_column *cols, int n, int width)
{
	ui_blank(w, y, x, width, ui_attr(UI_HEADER));
	for (int i = 0; i < n; i++)
		if (cols[i].width > 0)
			ui_cell(w, y, x, &cols[i], _(cols[i].title), ui_attr(UI_HEADER));
}

void ui_cell(WINDOW *w, int y, int x, const ui_column *col, const char *text, attr_t attr)
{
	if (col->width <= 0)
		return;
	if (col->right)
		ui_text_right(w, y, x + col->x, col->width, text, attr);
	else
		ui_text(w, y, x + col->x, col->width, text, attr, false);
}
