/* SPDX-License-Identifier: MIT */
/* The pop-up list of the lead's dialogs. */
#include "listbox.h"

#include <stdarg.h>
#include <stdio.h>


enum { CHROME_ROWS = 4 }; /* frame top and bottom, message, keys */

void listbox_message(ui_listbox *b, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(b->msg, sizeof b->msg, fmt, ap);
	va_end(ap);
	b->msg_error = error;
}

void listbox_error(ui_listbox *b, const csr_err *err)
{
	listbox_message(b, true, "%s", err->msg[0] ? err->msg : csr_code_name(err->code));
}

void listbox_clamp(ui_listbox *b)
{
	if (b->cursor >= b->n)
		b->cursor = b->n - 1;
	if (b->cursor < 0)
		b->cursor = 0;
}

static void scroll_to_cursor(ui_listbox *b, int rows)
{
	if (b->cursor < b->scroll)
		b->scroll = b->cursor;
	if (b->cursor >= b->scroll + rows)
		b->scroll = b->cursor - rows + 1;
	if (b->scroll < 0)
		b->scroll = 0;
}

static void draw(ui_listbox *b, ui_popup *p)
{
	int rows = p->height - CHROME_ROWS, width = p->width - 4;
	scroll_to_cursor(b, rows);
	for (int r = 0; r < rows; r++) {
		int i = b->scroll + r;
		ui_blank(p->win, 1 + r, 1, width + 1, A_NORMAL);
		if (i >= b->n)
			continue;
		b->draw_row(b->ctx, p->win, 1 + r, 2, width, i, i == b->cursor);
		if (i == b->cursor) /* a mark that shows without colors too */
			ui_text(p->win, 1 + r, 1, 1, ">", ui_attr(UI_SELECTED), false);
	}
	if (b->n == 0 && b->empty)
		ui_text(p->win, 1, 3, width - 1, b->empty, ui_attr(UI_DIM), false);
	ui_blank(p->win, p->height - 3, 2, width, A_NORMAL);
	ui_text(p->win, p->height - 3, 2, width, b->msg,
		ui_attr(b->msg_error ? UI_ERROR : UI_MESSAGE), false);
	const char *keys = b->keys_short && ui_width(b->keys) > width ? b->keys_short : b->keys;
	ui_text(p->win, p->height - 2, 2, width, keys, ui_attr(UI_DIM), true);
}

/* Moves the cursor; false when the key is not a movement. */
static bool move_cursor(ui_listbox *b, int key, int page)
{
	switch (key) {
	case TUI_FN(KEY_UP): case 'k': b->cursor--; break;
	case TUI_FN(KEY_DOWN): case 'j': b->cursor++; break;
	case TUI_FN(KEY_PPAGE): b->cursor -= page; break;
	case TUI_FN(KEY_NPAGE): b->cursor += page; break;
	case TUI_FN(KEY_HOME): case 'g': b->cursor = 0; break;
	case TUI_FN(KEY_END): case 'G': b->cursor = b->n - 1; break;
	default: return false;
	}
	listbox_clamp(b);
	return true;
}

static void hide(ui_listbox *b)
{
	if (b->shown)
		ui_popup_close(&b->popup);
	b->shown = false;
}

/* Opened afresh each time: the rows and the screen size may have changed. */
static bool show(ui_listbox *b)
{
	hide(b);
	int width = COLS < b->width_max ? COLS : b->width_max;
	int height = (b->n > 0 ? b->n : 1) + CHROME_ROWS;
	b->shown = ui_popup_open(&b->popup, height, width, -1, -1, b->title);
	if (b->shown) {
		draw(b, &b->popup);
		ui_show(b->app);
	}
	return b->shown;
}

int listbox_key(ui_listbox *b)
{
	while (show(b)) {
		int key = 0, page = b->popup.height - CHROME_ROWS;
		tui_event ev = tui_read(b->app, &key);
		if (ev == TUI_EV_QUIT)
			break;
		if (ev == TUI_EV_RESIZE)
			tui_resized(b->app);
		if (ev != TUI_EV_KEY)
			continue;
		b->msg[0] = '\0';
		if (key == TUI_KEY_ESC || key == 'q')
			break;
		if (!move_cursor(b, key, page > 1 ? page : 1))
			return key;
	}
	hide(b);
	return 0;
}
