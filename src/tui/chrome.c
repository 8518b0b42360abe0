/* SPDX-License-Identifier: MIT */
/* The tab line, the status line and the "too small" notice. */
#include "chrome.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "csrdesk/format.h"
#include "csrdesk/i18n.h"
#include "csrdesk/notification.h"
#include "notices.h"
#include "ui.h"

/* A tab: "1 Initiatives", padded with a space each side when there is room. */
static int draw_tab(int x, int index, const char *title, bool active, bool padded)
{
	char text[64];
	snprintf(text, sizeof text, padded ? " %d %s " : "%d %s", index + 1, title);
	int w = ui_width(text);
	if (x + w > COLS)
		return x;
	ui_text(stdscr, 0, x, w, text, ui_attr(active ? UI_TAB_ACTIVE : UI_TAB), false);
	return x + w + (padded ? 0 : 1);
}

static int tabs_width(tui_app *app, const panel_ops *const *panels, int n, bool padded)
{
	int w = 0;
	for (int i = 0; i < n; i++)
		if (app->panels[i])
			w += ui_width(_(panels[i]->title)) + (padded ? 4 : 3);
	return w;
}

/* The user, role and DEMO at the right of the tab line, as room allows:
 * DEMO first, as it matters most (nothing here is real). */
static void draw_who(tui_app *app, int from)
{
	int room = COLS - from;
	if (app->opts->demo) {
		const char *demo = room >= 6 ? " DEMO " : "DEMO";
		int w = (int)strlen(demo);
		if (room < w)
			return;
		ui_text(stdscr, 0, COLS - w, w, demo, ui_attr(UI_DEMO), false);
		room -= w;
	}
	char who[CSR_ACTOR_NAME_MAX + 32];
	const char *role = csr_role_name(app->actor.role);
	/* TRANSLATORS: the user and their role at the right of the tab line */
	snprintf(who, sizeof who, _("%s (%s) "), app->user, role);
	if (room < ui_width(who))
		snprintf(who, sizeof who, "%s ", role);
	if (room >= ui_width(who))
		ui_text_right(stdscr, 0, from, room, who, ui_attr(UI_BAR));
}

void chrome_tabs(tui_app *app, const panel_ops *const *panels, int n)
{
	ui_blank(stdscr, 0, 0, COLS, ui_attr(UI_BAR));
	bool padded = tabs_width(app, panels, n, true) + 6 <= COLS;
	int x = 0, tab = 0;
	for (int i = 0; i < n; i++) /* the role's panels only, numbered as their keys */
		if (app->panels[i])
			x = draw_tab(x, tab++, _(panels[i]->title), (int)app->current == i, padded);
	draw_who(app, padded ? x + 1 : x);
}

static bool hint_shows(const tui_action_def *a, tui_app *app, bool in_detail)
{
	unsigned where = in_detail ? HINT_DETAIL : HINT_LIST;
	return (a->hint & where) && tui_action_allowed(a, app->current, app->actor.role);
}

/* "s sign up": the first key and the label. */
static int hint_width(const tui_action_def *a)
{
	char key[32];
	tui_key_name(a->keys[0], key, sizeof key);
	return ui_width(key) + 1 + ui_width(_(a->label));
}

/* Draws a hint at x if it fits before limit; returns the next x. */
static int draw_hint(const tui_action_def *a, int x, int limit)
{
	char key[32];
	tui_key_name(a->keys[0], key, sizeof key);
	if (x + hint_width(a) > limit)
		return x;
	x += ui_text(stdscr, LINES - 1, x, COLS - x, key, ui_attr(UI_BAR) | A_BOLD, false) + 1;
	return x + ui_text(stdscr, LINES - 1, x, COLS - x, _(a->label), ui_attr(UI_BAR), false) + 2;
}

/* Draws the hints whose placement bits match, from x up to limit. */
static int draw_group(tui_app *app, bool in_detail, unsigned place, int x, int limit)
{
	for (int i = 0; i < tui_action_count(); i++) {
		const tui_action_def *a = tui_action_at(i);
		if (hint_shows(a, app, in_detail) && (a->hint & (HINT_FIRST | HINT_END)) == place)
			x = draw_hint(a, x, limit);
	}
	return x;
}

/* Columns the next place needs to be worth showing, and the most it takes
 * (its title is shortened to leave room for the panel's keys). */
enum { GLANCE_NEXT_MIN = 16, GLANCE_NEXT_MAX = 48 };

/* "N 2 new": the unread notifications and the key that lists them. */
static void unread_text(const tui_app *app, char *key, size_t key_size, char *text,
			size_t size)
{
	char count[CSR_FMT_NUMBER_MAX];
	tui_key_name(tui_action_get(ACT_NOTICES)->keys[0], key, key_size);
	csr_fmt_count(app->glance.unread, count, sizeof count);
	/* TRANSLATORS: in the status line after the key that lists them: how
	 * many notifications the person has not read ("N 2 new") */
	snprintf(text, size, csr_plural(app->glance.unread, "%s new", "%s new"), count);
}

/* The unread count ("N 2 new"), right-aligned before limit if it fits
 * from x on; returns where it starts (limit: nothing shown). */
static int draw_unread(tui_app *app, int x, int limit)
{
	char key[32], unread[64];
	if (app->glance.unread <= 0)
		return limit;
	unread_text(app, key, sizeof key, unread, sizeof unread);
	int w = ui_width(key) + 1 + ui_width(unread), y = LINES - 1;
	if (limit - w < x)
		return limit;
	ui_text(stdscr, y, limit - w, ui_width(key), key, ui_attr(UI_BAR) | A_BOLD, false);
	ui_text(stdscr, y, limit - w + ui_width(key) + 1, ui_width(unread), unread, ui_attr(UI_BAR),
		false);
	return limit - w;
}

/* The next place, right-aligned before limit, in the room from x on;
 * returns where the glance starts: there, or at limit + 2 (the unread
 * count's start) when it is not shown. */
static int draw_next(tui_app *app, int x, int limit)
{
	char next[CSR_NOTIFICATION_TEXT_MAX];
	if (limit - x > GLANCE_NEXT_MAX)
		x = limit - GLANCE_NEXT_MAX;
	if (!notices_next_text(app, limit - x, next, sizeof next))
		return limit + 2;
	int w = ui_width(next) < limit - x ? ui_width(next) : limit - x;
	if (w < GLANCE_NEXT_MIN)
		return limit + 2;
	ui_text(stdscr, LINES - 1, limit - w, w, next, ui_attr(UI_BAR), false);
	return limit - w;
}

/* Draws the panel's own hints from x up to limit, leaving out the first
 * skip of them and drawing at most count; returns the next x. */
static int draw_panel_keys(tui_app *app, bool in_detail, int skip, int count, int x, int limit)
{
	for (int i = 0; i < tui_action_count() && count > 0; i++) {
		const tui_action_def *a = tui_action_at(i);
		if (!hint_shows(a, app, in_detail) || (a->hint & (HINT_FIRST | HINT_END)))
			continue;
		if (skip > 0) {
			skip--;
			continue;
		}
		x = draw_hint(a, x, limit);
		count--;
	}
	return x;
}

/* The keys that work here: "? help" first (the key to all the others),
 * menu and quit at the right end; between them, as room allows, the
 * panel's first key (open, or back: a person at a narrow terminal must
 * still see how to get back), the glance (the unread count, the next
 * place) and the panel's other keys in what room is left. */
static void draw_hints(tui_app *app, bool in_detail)
{
	int end_width = 0;
	for (int i = 0; i < tui_action_count(); i++) {
		const tui_action_def *a = tui_action_at(i);
		if (hint_shows(a, app, in_detail) && (a->hint & HINT_END))
			end_width += hint_width(a) + 2;
	}
	int x = draw_group(app, in_detail, HINT_FIRST, 1, COLS - 1);
	int end_x = COLS - end_width, limit = end_x - 2;
	x = draw_panel_keys(app, in_detail, 0, 1, x, limit);
	int glance_x = draw_unread(app, x, limit);
	glance_x = draw_next(app, x, glance_x < limit ? glance_x - 2 : limit);
	if (glance_x < limit)
		limit = glance_x - 2;
	draw_panel_keys(app, in_detail, 1, INT_MAX, x, limit);
	if (end_x > 1)
		draw_group(app, in_detail, HINT_END, end_x, COLS);
}

void chrome_status(tui_app *app, bool in_detail)
{
	int y = LINES - 1;
	if (app->message[0]) {
		ui_role role = app->message_error ? UI_ERROR : UI_MESSAGE;
		ui_blank(stdscr, y, 0, COLS, ui_attr(role));
		ui_text(stdscr, y, 1, COLS - 1, app->message, ui_attr(role), false);
		return;
	}
	ui_blank(stdscr, y, 0, COLS, ui_attr(UI_BAR));
	draw_hints(app, in_detail);
}

void chrome_too_small(void)
{
	char size[64], quit[64];
	/* TRANSLATORS: the terminal's size now, columns x lines */
	snprintf(size, sizeof size, _("(now %dx%d)"), COLS, LINES);
	/* "q quit", or at a kiosk "q sign out": from the action table */
	snprintf(quit, sizeof quit, "q %s", _(tui_action_get(ACT_QUIT)->label));
	/* TRANSLATORS: shown on a screen too small for csrdesk: short lines,
	 * at most 30 columns each */
	const char *lines[] = { _("Terminal too small"), _("csrdesk needs at least 40x12"), size,
				quit };
	int n = (int)(sizeof lines / sizeof lines[0]);
	int top = LINES > n ? (LINES - n) / 2 : 0;
	for (int i = 0; i < n && top + i < LINES; i++) {
		int w = ui_width(lines[i]);
		int x = w < COLS ? (COLS - w) / 2 : 0;
		ui_text(stdscr, top + i, x, COLS - x, lines[i], i == 0 ? ui_attr(UI_TITLE) : A_NORMAL,
			false);
	}
}
