/* SPDX-License-Identifier: MIT */
/* The ? help: every key that works on the current panel for the role,
 * generated from the action table. */
#include <stdio.h>

#include "chrome.h"
#include "view.h"
#include "widget.h"

enum { KEYS_WIDTH_MAX = 22, HELP_TEXT_MIN = 30 };

static int keys_width(tui_app *app)
{
	int widest = 0;
	for (int i = 0; i < tui_action_count(); i++) {
		const tui_action_def *a = tui_action_at(i);
		if (!tui_action_allowed(a, app->current, app->actor.role))
			continue;
		char keys[128];
		tui_action_keys(a, keys, sizeof keys);
		int w = ui_width(keys);
		widest = w > widest ? w : widest;
	}
	return widest < KEYS_WIDTH_MAX ? widest : KEYS_WIDTH_MAX;
}

/* Writes the help into the pop-up's view; returns the number of lines. */
static int help_draw(tui_app *app, ui_popup *p, int scroll)
{
	ui_view v;
	int kw = keys_width(app);
	view_begin(&v, p->win, 1, 2, p->height - 3, p->width - 4, scroll);
	for (int i = 0; i < tui_action_count(); i++) {
		const tui_action_def *a = tui_action_at(i);
		if (!tui_action_allowed(a, app->current, app->actor.role))
			continue;
		char keys[128];
		tui_action_keys(a, keys, sizeof keys);
		if (v.width - kw - 2 < HELP_TEXT_MIN) { /* narrow: the text under the keys */
			view_line(&v, keys, ui_attr(UI_KEY));
			view_para(&v, a->help, A_NORMAL, 4);
			continue;
		}
		int row = view_next(&v);
		if (row < 0)
			continue;
		ui_blank(p->win, row, v.x, v.width, A_NORMAL);
		ui_text(p->win, row, v.x, kw, keys, ui_attr(UI_KEY), false);
		ui_text(p->win, row, v.x + kw + 2, v.width - kw - 2, a->help, A_NORMAL, false);
	}
	int lines = view_end(&v);
	ui_text(p->win, p->height - 2, 2, p->width - 4, "Up/Down scroll   Esc close",
		ui_attr(UI_DIM), true);
	return lines;
}

/* How a key moves the help; 0 closes it, 1 does nothing. */
static int help_key(int key, int page, int *scroll)
{
	switch (key) {
	case TUI_FN(KEY_UP): case 'k': (*scroll)--; break;
	case TUI_FN(KEY_DOWN): case 'j': (*scroll)++; break;
	case TUI_FN(KEY_PPAGE): *scroll -= page; break;
	case TUI_FN(KEY_NPAGE): case ' ': *scroll += page; break;
	case TUI_FN(KEY_HOME): case 'g': *scroll = 0; break;
	case TUI_FN(KEY_END): case 'G': *scroll = 1 << 20; break;
	case TUI_KEY_ESC: case 'q': case '?': case TUI_KEY_ENTER: case '\r':
	case TUI_FN(KEY_F(1)):
		return 0;
	default:
		break;
	}
	return 1;
}

void chrome_help(tui_app *app, const char *panel_title)
{
	char title[96];
	snprintf(title, sizeof title, " Keys: %s (%s) ", panel_title,
		 csr_role_name(app->actor.role));
	int scroll = 0;
	for (bool open = true; open;) {
		ui_popup p;
		if (!ui_popup_open(&p, LINES - 2, COLS < 84 ? COLS : 84, -1, -1, title))
			return;
		int lines = help_draw(app, &p, scroll);
		scroll = view_clamp(scroll, lines, p.height - 3);
		help_draw(app, &p, scroll);
		ui_show(app);
		int key = 0;
		tui_event ev = tui_read(app, &key);
		if (ev == TUI_EV_QUIT)
			open = false;
		else if (ev == TUI_EV_RESIZE)
			tui_resized(app);
		else if (ev == TUI_EV_KEY)
			open = help_key(key, p.height - 4, &scroll) != 0;
		ui_popup_close(&p);
	}
}
