/* SPDX-License-Identifier: MIT */
/* The menu bar: one drop-down menu per `menu` name in the action table,
 * listing only what the role may do. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "chrome.h"
#include "csrdesk/i18n.h"
#include "csrdesk/text.h"
#include "widget.h"

enum { MENUS_MAX = 8, ITEMS_MAX = 32, ITEM_TEXT_MAX = 160, ITEM_LABEL_MAX = 40 };

typedef struct menubar {
	const char *names[MENUS_MAX];
	int x[MENUS_MAX];
	int n;
} menubar;

static bool has_menu(const menubar *m, const char *name)
{
	for (int i = 0; i < m->n; i++)
		if (strcmp(m->names[i], name) == 0)
			return true;
	return false;
}

/* The menus, in the order of the table, that list something for the role. */
static void collect_menus(tui_app *app, menubar *m)
{
	m->n = 0;
	for (int i = 0; i < tui_action_count(); i++) {
		const tui_action_def *a = tui_action_at(i);
		if (a->menu && tui_action_for_role(a, app->actor.role) && !has_menu(m, a->menu) &&
		    m->n < MENUS_MAX)
			m->names[m->n++] = a->menu;
	}
}

static void draw_bar(menubar *m, WINDOW *w, int active)
{
	ui_blank(w, 0, 0, COLS, ui_attr(UI_BAR));
	int x = 1;
	for (int i = 0; i < m->n; i++) {
		char text[40];
		snprintf(text, sizeof text, " %s ", _(m->names[i]));
		m->x[i] = x;
		x += ui_text(w, 0, x, COLS - x, text, ui_attr(i == active ? UI_TAB_ACTIVE : UI_BAR),
			     false);
	}
}

/* "Sign up          s": the label with a capital, the first key at the right
 * (none for an action only the menu offers). */
static void item_text(const tui_action_def *a, int label_width, char *out, size_t size)
{
	char label[64], key[32] = "";
	csr_text_fit(_(a->label), ITEM_LABEL_MAX, ui_ascii(), label, sizeof label);
	label[0] = (char)toupper((unsigned char)label[0]); /* ASCII only: "ä" stays */
	if (a->keys[0])
		tui_key_name(a->keys[0], key, sizeof key);
	int pad = label_width - ui_width(label); /* by columns: "ü" is two bytes */
	snprintf(out, size, "%s%*s  %s", label, pad > 0 ? pad : 0, "", key);
}

/* Opens one drop-down menu; *chosen gets the row chosen. Returns its
 * index, or UI_CHOSE_* codes. */
static int drop_down(tui_app *app, const char *menu, int x, const tui_action_def **chosen)
{
	const tui_action_def *acts[ITEMS_MAX];
	int n = 0, label_width = 0;
	for (int i = 0; i < tui_action_count() && n < ITEMS_MAX; i++) {
		const tui_action_def *a = tui_action_at(i);
		if (a->menu && strcmp(a->menu, menu) == 0 && tui_action_for_role(a, app->actor.role)) {
			acts[n++] = a;
			int w = ui_width(_(a->label));
			w = w < ITEM_LABEL_MAX ? w : ITEM_LABEL_MAX;
			label_width = w > label_width ? w : label_width;
		}
	}
	char texts[ITEMS_MAX][ITEM_TEXT_MAX];
	const char *items[ITEMS_MAX];
	for (int i = 0; i < n; i++) {
		item_text(acts[i], label_width, texts[i], sizeof texts[i]);
		items[i] = texts[i];
	}
	int r = ui_choose(app, NULL, items, n, 0, 1, x, true);
	if (r >= 0)
		*chosen = acts[r];
	return r;
}

const tui_action_def *chrome_menubar(tui_app *app)
{
	menubar m;
	collect_menus(app, &m);
	const tui_action_def *chosen = NULL;
	for (int active = 0; m.n > 0;) {
		ui_popup bar;
		if (!ui_popup_open(&bar, 1, COLS, 0, 0, NULL))
			break;
		draw_bar(&m, bar.win, active);
		int r = drop_down(app, m.names[active], m.x[active], &chosen);
		ui_popup_close(&bar);
		if (r == UI_CHOSE_LEFT)
			active = (active + m.n - 1) % m.n;
		else if (r == UI_CHOSE_RIGHT)
			active = (active + 1) % m.n;
		else
			break;
	}
	return chosen;
}
