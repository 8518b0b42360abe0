/* SPDX-License-Identifier: MIT */
/* The ? help: every key that works on the current panel for the role,
 * generated from the action table. */
#include <stdio.h>

#include "chrome.h"
#include "csrdesk/i18n.h"
#include "view.h"
#include "widget.h"

enum { KEYS_WIDTH_MAX = 22, HELP_TEXT_MIN = 30, HELP_WIDTH_MAX = 84 };

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

/* Writes the keys that work here, with what each does. */
static void write_help(void *ctx, ui_view *v)
{
	tui_app *app = ctx;
	int kw = keys_width(app);
	for (int i = 0; i < tui_action_count(); i++) {
		const tui_action_def *a = tui_action_at(i);
		if (!tui_action_allowed(a, app->current, app->actor.role))
			continue;
		char keys[128];
		tui_action_keys(a, keys, sizeof keys);
		if (v->width - kw - 2 < HELP_TEXT_MIN) { /* narrow: the text under the keys */
			view_line(v, keys, ui_attr(UI_KEY));
			view_para(v, _(a->help), A_NORMAL, 4);
			continue;
		}
		int row = view_next(v);
		if (row < 0)
			continue;
		ui_blank(v->w, row, v->x, v->width, A_NORMAL);
		ui_text(v->w, row, v->x, kw, keys, ui_attr(UI_KEY), false);
		ui_text(v->w, row, v->x + kw + 2, v->width - kw - 2, _(a->help), A_NORMAL, false);
	}
}

void chrome_help(tui_app *app, const char *panel_title)
{
	char title[96];
	/* TRANSLATORS: the title of the ? help: the panel and the user's role */
	snprintf(title, sizeof title, _(" Keys: %s (%s) "), _(panel_title),
		 csr_role_name(app->actor.role));
	ui_text_popup(app, title, HELP_WIDTH_MAX, NULL, write_help, app);
}
