/* SPDX-License-Identifier: MIT */
/* Pop-ups, lists to choose from, prompts and questions. */
#include "widget.h"

#include <stdlib.h>
#include <string.h>

#include "csrdesk/i18n.h"
#include "csrdesk/text.h"
#include "edit.h"

enum { LABEL_MAX = 512 };

/* Open pop-ups: while there are none, stdscr is refreshed directly. */
static int open_popups;

static int clampi(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

bool ui_popup_open(ui_popup *p, int height, int width, int y, int x, const char *title)
{
	height = clampi(height, 1, LINES);
	width = clampi(width, 1, COLS);
	y = y < 0 ? (LINES - height) / 2 : clampi(y, 0, LINES - height);
	x = x < 0 ? (COLS - width) / 2 : clampi(x, 0, COLS - width);
	*p = (ui_popup){ .y = y, .x = x, .height = height, .width = width };
	p->win = newwin(height, width, y, x);
	if (!p->win)
		return false;
	p->panel = new_panel(p->win);
	if (!p->panel) {
		delwin(p->win);
		p->win = NULL;
		return false;
	}
	open_popups++;
	keypad(p->win, TRUE);
	if (height >= 3 && width >= 4) {
		ui_box(p->win);
		if (title)
			ui_text(p->win, 0, 2, width - 4, title, ui_attr(UI_TITLE), false);
	}
	return true;
}

void ui_popup_close(ui_popup *p)
{
	if (p->panel) {
		del_panel(p->panel);
		open_popups--;
	}
	if (p->win)
		delwin(p->win);
	p->panel = NULL;
	p->win = NULL;
}

void ui_show(tui_app *app)
{
	tui_draw_base(app);
	if (open_popups > 0)
		update_panels();
	else
		wnoutrefresh(stdscr);
	doupdate();
}

/* ---- ui_choose: a pop-up list ---- */

/* The list draws only the rows it shows: libmenu drew every item into a
 * pad first, half a megabyte for the Impact scope menu's 450 sites, teams
 * and categories at 500,000 volunteers, the biggest thing a session held. */
typedef struct chooser {
	char **names; /* cleaned, cut to the screen */
	int n, current, top, rows;
	ui_popup popup;
} chooser;

static void chooser_free(chooser *c)
{
	for (int i = 0; c->names && i < c->n; i++)
		free(c->names[i]);
	free(c->names);
	ui_popup_close(&c->popup);
}

/* Cleaned names, cut to the screen; returns the widest or -1. */
static int chooser_names(chooser *c, const char *const *items, int n)
{
	c->names = calloc((size_t)n, sizeof *c->names);
	if (!c->names)
		return -1;
	c->n = n;
	int widest = 1;
	for (int i = 0; i < n; i++) {
		char clean[LABEL_MAX], fitted[LABEL_MAX];
		ui_clean(items[i], clean, sizeof clean);
		int w = csr_text_fit(*clean ? clean : " ", COLS - 6, ui_ascii(), fitted,
				     sizeof fitted);
		c->names[i] = strdup(fitted);
		if (!c->names[i])
			return -1;
		widest = w > widest ? w : widest;
	}
	return widest;
}

/* Makes the current item a row shown: the top moves as little as it can. */
static void chooser_scroll(chooser *c)
{
	if (c->current < c->top)
		c->top = c->current;
	else if (c->current >= c->top + c->rows)
		c->top = c->current - c->rows + 1;
}

static void chooser_draw(const chooser *c)
{
	int width = c->popup.width - 2;
	for (int r = 0; r < c->rows; r++) {
		int i = c->top + r;
		attr_t attr = i == c->current ? ui_attr(UI_SELECTED) : A_NORMAL;
		ui_blank(c->popup.win, 1 + r, 1, width, attr);
		if (i < c->n)
			ui_text(c->popup.win, 1 + r, 2, width - 1, c->names[i], attr, false);
	}
}

static bool chooser_open(chooser *c, const char *title, const char *const *items, int n,
			 int current, int y, int x)
{
	int widest = chooser_names(c, items, n);
	int title_w = title ? ui_width(title) + 4 : 0;
	if (widest < 0)
		return false;
	int width = (widest + 4 > title_w ? widest + 4 : title_w);
	c->rows = n < LINES - 2 ? n : LINES - 2;
	if (c->rows < 1 || !ui_popup_open(&c->popup, c->rows + 2, width, y, x, title))
		return false;
	c->rows = c->popup.height - 2 < c->rows ? c->popup.height - 2 : c->rows;
	c->current = clampi(current, 0, n - 1);
	chooser_scroll(c);
	return c->rows > 0;
}

/* Moves the current item for a movement key; false for any other key. */
static bool chooser_move(chooser *c, int key)
{
	switch (key) {
	case TUI_FN(KEY_UP): case 'k': c->current--; break;
	case TUI_FN(KEY_DOWN): case 'j': c->current++; break;
	case TUI_FN(KEY_PPAGE): c->current -= c->rows; c->top -= c->rows; break;
	case TUI_FN(KEY_NPAGE): c->current += c->rows; c->top += c->rows; break;
	case TUI_FN(KEY_HOME): case 'g': c->current = 0; break;
	case TUI_FN(KEY_END): case 'G': c->current = c->n - 1; break;
	default: return false;
	}
	c->current = clampi(c->current, 0, c->n - 1);
	c->top = clampi(c->top, 0, c->n - c->rows);
	chooser_scroll(c);
	return true;
}

/* What a key does in the list: a result, or GO_ON. */
enum { GO_ON = -100 };

static int chooser_key(chooser *c, int key, bool arrows_leave)
{
	if (chooser_move(c, key))
		return GO_ON;
	switch (key) {
	case TUI_KEY_ENTER: case '\r': case TUI_FN(KEY_ENTER): case ' ':
		return c->current;
	case TUI_KEY_ESC: case 'q': case TUI_FN(KEY_F(10)): case 'm':
		return UI_CHOSE_NOTHING;
	case TUI_FN(KEY_LEFT): case 'h':
		return arrows_leave ? UI_CHOSE_LEFT : GO_ON;
	case TUI_FN(KEY_RIGHT): case 'l':
		return arrows_leave ? UI_CHOSE_RIGHT : GO_ON;
	default:
		return GO_ON;
	}
}

int ui_choose(tui_app *app, const char *title, const char *const *items, int n, int current,
	      int y, int x, bool arrows_leave)
{
	chooser c = { 0 };
	int result = UI_CHOSE_NOTHING;
	if (n > 0 && chooser_open(&c, title, items, n, current, y, x)) {
		for (result = GO_ON; result == GO_ON;) {
			chooser_draw(&c);
			ui_show(app);
			int key = 0;
			tui_event ev = tui_read(app, &key);
			if (ev == TUI_EV_QUIT)
				result = UI_CHOSE_QUIT;
			else if (ev == TUI_EV_RESIZE) {
				tui_resized(app); /* a list closes; it is quick to open again */
				result = UI_CHOSE_NOTHING;
			} else if (ev == TUI_EV_KEY)
				result = chooser_key(&c, key, arrows_leave);
		}
	}
	chooser_free(&c);
	return result;
}

/* ---- the prompt ---- */

void ui_show_cursor(tui_app *app, WINDOW *w, int y, int x)
{
	tui_draw_base(app);
	update_panels();
	wmove(w, y, x);
	wnoutrefresh(w); /* the last window refreshed places the cursor */
	doupdate();
}

typedef enum prompt_end { PROMPT_ACCEPT, PROMPT_CANCEL, PROMPT_RESIZED } prompt_end;

/* One prompt on the bottom line until Enter, Esc or a resize. */
static prompt_end prompt_run(tui_app *app, const char *label, ui_edit *e,
			     ui_prompt_changed changed, void *ctx)
{
	ui_popup p;
	int label_width = ui_width(label) + 1;
	if (label_width > COLS / 2)
		label_width = COLS / 2;
	if (!ui_popup_open(&p, 1, COLS, LINES - 1, 0, NULL))
		return PROMPT_CANCEL;
	prompt_end end = PROMPT_CANCEL;
	for (bool going = true; going;) {
		int cy, cx;
		ui_blank(p.win, 0, 0, COLS, ui_attr(UI_BAR));
		ui_text(p.win, 0, 0, label_width, label, ui_attr(UI_MESSAGE), false);
		ui_edit_draw(e, p.win, 0, label_width, 1, COLS - label_width - 1,
			     ui_attr(UI_FIELD_ACTIVE), &cy, &cx);
		ui_show_cursor(app, p.win, cy, cx);
		int key = 0;
		tui_event ev = tui_read(app, &key);
		going = ev == TUI_EV_TICK || ev == TUI_EV_KEY;
		end = ev == TUI_EV_RESIZE ? PROMPT_RESIZED : PROMPT_CANCEL;
		if (ev != TUI_EV_KEY)
			continue;
		if (tui_is_enter(key) || key == TUI_KEY_ESC) {
			end = tui_is_enter(key) ? PROMPT_ACCEPT : PROMPT_CANCEL;
			going = false;
		} else if (ui_edit_key(e, key) && changed) {
			char text[LABEL_MAX];
			ui_edit_text(e, text, sizeof text);
			changed(ctx, text);
		}
	}
	ui_popup_close(&p);
	return end;
}

bool ui_prompt(tui_app *app, const char *label, char *buf, size_t size,
	       ui_prompt_changed changed, void *ctx)
{
	ui_edit e;
	if (!ui_edit_init(&e, buf, size - 1))
		return false;
	prompt_end end = PROMPT_RESIZED;
	curs_set(1);
	while (end == PROMPT_RESIZED) {
		end = prompt_run(app, label, &e, changed, ctx);
		if (end == PROMPT_RESIZED)
			tui_resized(app);
	}
	curs_set(0);
	if (end == PROMPT_ACCEPT)
		ui_edit_text(&e, buf, size);
	else if (changed)
		changed(ctx, buf); /* back to what was there before */
	ui_edit_free(&e);
	return end == PROMPT_ACCEPT;
}

bool ui_confirm(tui_app *app, const char *question)
{
	for (;;) {
		ui_popup p;
		if (!ui_popup_open(&p, 1, COLS, LINES - 1, 0, NULL))
			return false;
		ui_blank(p.win, 0, 0, COLS, ui_attr(UI_MESSAGE));
		/* A long question is cut, never the keys that answer it. */
		/* TRANSLATORS: the keys that answer a question: y and n stay
		 * these letters in every language */
		const char *keys = _(" (y/n)");
		int keys_w = ui_width(keys);
		int x = ui_text(p.win, 0, 0, COLS - keys_w, question, ui_attr(UI_MESSAGE), false);
		ui_text(p.win, 0, x, keys_w, keys, ui_attr(UI_MESSAGE) | A_BOLD, false);
		ui_show(app);
		int key = 0;
		tui_event ev = tui_read(app, &key);
		ui_popup_close(&p);
		if (ev == TUI_EV_QUIT)
			return false;
		if (ev == TUI_EV_RESIZE)
			tui_resized(app);
		if (ev != TUI_EV_KEY)
			continue;
		if (key == 'y' || key == 'Y')
			return true;
		if (key == 'n' || key == 'N' || key == TUI_KEY_ESC)
			return false;
	}
}

/* ---- a notice and a masked prompt ---- */

enum { TEXT_CHROME = 3 }; /* frame top and bottom, the hint */

/* Opens the pop-up as high as the text needs (found by writing it once);
 * returns the lines written, -1 when the screen has no room. */
static int text_popup_open(ui_popup *p, const char *title, int width, const char *hint,
			   ui_text_writer write, void *ctx, int scroll)
{
	int height = LINES - 2, lines = 0;
	for (int pass = 0; pass < 2; pass++) {
		if (!ui_popup_open(p, height, width, -1, -1, title))
			return -1;
		ui_view v;
		view_begin(&v, p->win, 1, 2, p->height - TEXT_CHROME, p->width - 4, scroll);
		write(ctx, &v);
		lines = view_end(&v);
		if (pass == 1 || lines + TEXT_CHROME >= p->height)
			break;
		height = lines + TEXT_CHROME;
		ui_popup_close(p);
	}
	ui_text(p->win, p->height - 2, 2, p->width - 4, hint, ui_attr(UI_DIM), true);
	return lines;
}

static bool closes_text(int key)
{
	return tui_is_enter(key) || key == TUI_KEY_ESC || key == 'q' || key == '?' ||
	       key == TUI_FN(KEY_F(1));
}

/* Left and Right move *shift (NULL: they do nothing) by a few columns. */
static void shift_sideways(int key, int *shift)
{
	enum { STEP = 8 };
	if (shift && key == TUI_FN(KEY_RIGHT))
		*shift += STEP;
	else if (shift && key == TUI_FN(KEY_LEFT))
		*shift = *shift > STEP ? *shift - STEP : 0;
}

void ui_text_popup(tui_app *app, const char *title, int width, const char *hint,
		   ui_text_writer write, void *ctx)
{
	ui_text_pager(app, title, width, hint, write, ctx, NULL);
}

void ui_text_pager(tui_app *app, const char *title, int width, const char *hint,
		   ui_text_writer write, void *ctx, int *shift)
{
	int scroll = 0;
	hint = hint ? hint : _("Up/Down scroll   Esc close");
	for (;;) {
		ui_popup p;
		int lines = text_popup_open(&p, title, width, hint, write, ctx, scroll);
		if (lines < 0)
			return;
		ui_show(app);
		int key = 0;
		tui_event ev = tui_read(app, &key);
		ui_popup_close(&p); /* after the read, which refreshes what is under it */
		if (ev == TUI_EV_QUIT || (ev == TUI_EV_KEY && closes_text(key)))
			return;
		if (ev == TUI_EV_RESIZE)
			tui_resized(app);
		if (ev == TUI_EV_KEY && !view_scroll(tui_popup_action(key), &scroll, lines,
						      p.height - TEXT_CHROME))
			shift_sideways(key, shift);
	}
}

typedef struct notice {
	const char *const *rows;
	int n;
} notice;

static void write_notice(void *ctx, ui_view *v)
{
	const notice *nt = ctx;
	for (int i = 0; i < nt->n; i++)
		view_line(v, nt->rows[i], ui_attr(UI_NORMAL));
	view_blank(v);
}

void ui_notice(tui_app *app, const char *title, const char *const *rows, int n)
{
	const char *close_hint = _("Press Enter to close");
	int width = ui_width(close_hint);
	for (int i = 0; i < n; i++)
		width = ui_width(rows[i]) > width ? ui_width(rows[i]) : width;
	notice nt = { rows, n };
	ui_text_popup(app, title, width + 4, close_hint, write_notice, &nt);
}

/* One key of a masked prompt; false when it ends the prompt. */
static bool digits_key(int key, char *buf, size_t size, bool *accepted)
{
	size_t n = strlen(buf);
	if (tui_is_enter(key) || key == TUI_KEY_ESC) {
		*accepted = tui_is_enter(key);
		return false;
	}
	if (key >= '0' && key <= '9' && n + 1 < size) {
		buf[n] = (char)key;
		buf[n + 1] = '\0';
	} else if ((key == TUI_FN(KEY_BACKSPACE) || key == 127 || key == 8) && n > 0)
		buf[n - 1] = '\0';
	else if (key == TUI_CTRL('u'))
		explicit_bzero(buf, size);
	return true;
}

bool ui_prompt_digits(tui_app *app, const char *label, char *buf, size_t size)
{
	bool accepted = false;
	explicit_bzero(buf, size);
	curs_set(1);
	for (bool going = true; going && !app->quit;) {
		ui_popup p;
		if (!ui_popup_open(&p, 1, COLS, LINES - 1, 0, NULL))
			break;
		int label_w = ui_width(label) + 1, n = (int)strlen(buf);
		ui_blank(p.win, 0, 0, COLS, ui_attr(UI_BAR));
		ui_text(p.win, 0, 0, label_w, label, ui_attr(UI_MESSAGE), false);
		for (int i = 0; i < n && label_w + i < COLS - 1; i++)
			ui_text(p.win, 0, label_w + i, 1, "*", ui_attr(UI_FIELD_ACTIVE), false);
		ui_show_cursor(app, p.win, 0, label_w + n < COLS - 1 ? label_w + n : COLS - 1);
		int key = 0;
		tui_event ev = tui_read(app, &key);
		ui_popup_close(&p);
		if (ev == TUI_EV_RESIZE)
			tui_resized(app);
		going = ev != TUI_EV_QUIT &&
			(ev != TUI_EV_KEY || digits_key(key, buf, size, &accepted));
	}
	curs_set(0);
	if (!accepted)
		explicit_bzero(buf, size);
	return accepted;
}
