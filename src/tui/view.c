/* SPDX-License-Identifier: MIT */
/* The scrolling text area. */
#include "view.h"

#include <string.h>

enum { LINE_MAX_BYTES = 2048 };

void view_begin(ui_view *v, WINDOW *w, int y, int x, int height, int width, int scroll)
{
	*v = (ui_view){ w, y, x, height, width, scroll < 0 ? 0 : scroll, 0 };
}

int view_next(ui_view *v)
{
	int row = v->line - v->scroll;
	v->line++;
	return row >= 0 && row < v->height ? v->y + row : -1;
}

void view_blank(ui_view *v)
{
	int row = view_next(v);
	if (row >= 0)
		ui_blank(v->w, row, v->x, v->width, A_NORMAL);
}

void view_line(ui_view *v, const char *text, attr_t attr)
{
	int row = view_next(v);
	if (row >= 0)
		ui_text(v->w, row, v->x, v->width, text, attr, true);
}

/* Writes clean text wrapped at width, starting at column x of the view;
 * first_prefix_done means the first row already has something before x. */
static void wrap_clean(ui_view *v, const char *clean, attr_t attr, int x, bool first_done)
{
	char line[LINE_MAX_BYTES];
	const char *p = clean;
	bool first = true;
	int width = v->width - x;
	while (ui_wrap(&p, width, line, sizeof line)) {
		int row = first && first_done ? v->y + v->line - 1 - v->scroll : view_next(v);
		if (!(first && first_done) && row >= 0)
			ui_blank(v->w, row, v->x, x, A_NORMAL);
		if (row >= v->y && row < v->y + v->height)
			ui_text(v->w, row, v->x + x, width, line, attr, true);
		first = false;
	}
}

void view_field(ui_view *v, const char *label, int label_width, const char *value,
		attr_t attr)
{
	int row = view_next(v);
	if (row >= 0) {
		ui_blank(v->w, row, v->x, v->width, A_NORMAL);
		ui_text(v->w, row, v->x, label_width, label, ui_attr(UI_LABEL), false);
	}
	char clean[LINE_MAX_BYTES];
	ui_clean(value, clean, sizeof clean);
	if (label_width >= v->width || !*clean)
		return;
	wrap_clean(v, clean, attr, label_width, true);
}

void view_para(ui_view *v, const char *text, attr_t attr, int indent)
{
	if (indent >= v->width)
		return;
	const char *p = text;
	while (p && *p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char raw[LINE_MAX_BYTES], clean[LINE_MAX_BYTES];
		if (n >= sizeof raw)
			n = sizeof raw - 1;
		memcpy(raw, p, n);
		raw[n] = '\0';
		ui_clean(raw, clean, sizeof clean);
		if (*clean)
			wrap_clean(v, clean, attr, indent, false);
		else
			view_blank(v);
		p = nl ? nl + 1 : NULL;
	}
}

int view_end(ui_view *v)
{
	for (int row = v->line - v->scroll; row < v->height; row++)
		if (row >= 0)
			ui_blank(v->w, v->y + row, v->x, v->width, A_NORMAL);
	if (v->scroll > 0)
		ui_text(v->w, v->y, v->x + v->width - 1, 1, "^", ui_attr(UI_DIM), false);
	if (v->line - v->scroll > v->height)
		ui_text(v->w, v->y + v->height - 1, v->x + v->width - 1, 1, "v", ui_attr(UI_DIM),
			false);
	return v->line;
}

int view_clamp(int scroll, int lines, int height)
{
	int max = lines - height;
	if (scroll > max)
		scroll = max;
	return scroll < 0 ? 0 : scroll;
}

bool view_scroll(tui_action act, int *scroll, int lines, int height)
{
	int page = height > 2 ? height - 2 : 1; /* keep a line of the last page */
	switch (act) {
	case ACT_UP: (*scroll)--; break;
	case ACT_DOWN: (*scroll)++; break;
	case ACT_PAGE_UP: *scroll -= page; break;
	case ACT_PAGE_DOWN: *scroll += page; break;
	case ACT_HOME: *scroll = 0; break;
	case ACT_END: *scroll = lines; break;
	default: return false;
	}
	*scroll = view_clamp(*scroll, lines, height);
	return true;
}
