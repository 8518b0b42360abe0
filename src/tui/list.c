/* SPDX-License-Identifier: MIT */
/* The one list component: paging, drawing, keys, search, details. */
#include "list.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csrdesk/format.h"
#include "csrdesk/i18n.h"

enum {
	POPUP_CHROME = 4, /* frame top and bottom, message line, keys line */
	COUNT_TEXT = 64,
	CHOOSE_WIDTH_MAX = 80,
};

/* A text of a spec or a look (English, marked N_() where it is written;
 * a text made at run time comes translated and stays as it is). */
static const char *tr(const char *text)
{
	return text && *text ? _(text) : text ? text : "";
}

/* ---- layout: the list with its details beside it on a wide screen,
 * below it on a tall one, instead of it (Enter / Esc) on a small one ---- */

enum { SIDE_MIN_COLS = 110, STACKED_MIN_ROWS = 18, SIDE_LIST_PERCENT = 58, SHORT_LIST_MIN = 3 };

/* details false: the whole area is the list. */
static void ui_split_layout(ui_split *s, int height, int width, int head_rows, int64_t items,
			    bool details)
{
	s->head_rows = head_rows;
	s->height = height;
	s->width = width;
	s->list_width = width;
	s->detail_x = 1;
	s->detail_y = 0;
	s->detail_height = height;
	s->list_rows = height - head_rows;
	if (!details) {
		s->mode = SPLIT_SINGLE;
	} else if (width >= SIDE_MIN_COLS) {
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

static bool ui_split_refit(ui_split *s, int64_t items)
{
	int before = s->list_rows;
	ui_split_layout(s, s->height, s->width, s->head_rows, items, true);
	return s->list_rows != before;
}

static void ui_split_divider(const ui_split *s, WINDOW *w, int y, bool detail_focus)
{
	if (s->mode == SPLIT_SIDE) {
		wattrset(w, ui_attr(UI_FRAME));
		mvwvline(w, y, s->list_width, ui_glyph()->vline, s->height);
		wattrset(w, A_NORMAL);
	} else if (s->mode == SPLIT_STACKED) {
		int row = y + s->detail_y - 1;
		ui_hline(w, row, 0, s->width);
		ui_text(w, row, 2, s->width - 4, _(" Details "),
			ui_attr(detail_focus ? UI_TITLE : UI_FRAME), false);
	}
}

static bool ui_split_shows_list(const ui_split *s, bool detail_focus)
{
	return s->mode != SPLIT_SINGLE || !detail_focus;
}

static bool ui_split_shows_detail(const ui_split *s, bool detail_focus)
{
	return s->mode != SPLIT_SINGLE || detail_focus;
}


void list_cell(list_cells *c, int col, const char *fmt, ...)
{
	if (col < 0 || col >= LIST_COLUMNS_MAX)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(c->text[col], sizeof c->text[col], fmt, ap);
	va_end(ap);
}

void list_init(ui_list *l, tui_app *app, const list_spec *spec, void *ctx)
{
	*l = (ui_list){ .spec = spec, .ctx = ctx, .app = app, .selected_id = -1 };
	pager_init(&l->pager, spec->source, ctx);
}

void list_free(ui_list *l)
{
	if (l->shown)
		ui_popup_close(&l->popup);
	l->shown = false;
	pager_free(&l->pager);
}

const void *list_current(const ui_list *l)
{
	return pager_current(&l->pager);
}

/* ---- messages ---- */

void list_message(ui_list *l, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(l->msg, sizeof l->msg, fmt, ap);
	va_end(ap);
	l->msg_error = error;
}

void list_error(ui_list *l, const csr_err *err)
{
	list_message(l, true, "%s", err->msg[0] ? err->msg : csr_code_name(err->code));
}

/* A failure shows where the user looks: the pop-up's line or the status line. */
static void report(ui_list *l, const csr_err *err)
{
	if (l->look)
		list_error(l, err);
	else
		tui_error(l->app, err);
}

/* ---- the rows ---- */

static bool can_select(const ui_list *l, const void *row)
{
	return row && (!l->spec->selectable || l->spec->selectable(row));
}

/* Moves off a row the cursor may not rest on (a heading): on in direction
 * dir, else back the other way. */
static void settle(ui_list *l, int dir, csr_err *err)
{
	for (int pass = 0; pass < 2 && !can_select(l, list_current(l)); pass++, dir = -dir) {
		int64_t before = -1;
		while (!can_select(l, list_current(l)) && pager_current_id(&l->pager) != before) {
			before = pager_current_id(&l->pager);
			int cursor = l->pager.cursor;
			if (pager_step(&l->pager, dir, err) != CSR_OK)
				return;
			if (l->pager.cursor == cursor && pager_current_id(&l->pager) == before)
				break; /* at an end */
		}
	}
}

/* Tells the screen which row is selected now (it reads its details). */
static void tell_selected(ui_list *l)
{
	const void *row = list_current(l);
	int64_t id = row ? pager_id_of(l->spec->source, row) : 0;
	if (id != l->selected_id)
		l->detail_scroll = 0;
	l->selected_id = id;
	if (!row)
		l->detail_focus = false;
	if (l->spec->selected)
		l->spec->selected(l->ctx, row);
}

/* After a pager call: show a failure, step off a heading, read the
 * selected row. */
static void moved(ui_list *l, csr_code rc, const csr_err *err, int dir)
{
	csr_err e2;
	if (rc != CSR_OK)
		report(l, err);
	settle(l, dir, &e2);
	tell_selected(l);
}

static void count(ui_list *l)
{
	csr_err err;
	if (l->spec->count && l->spec->count(l->ctx, &l->total, &err) != CSR_OK)
		report(l, &err);
}

/* Counts again; in a panel with details a short list gives its spare rows
 * to the details. */
static void recount(ui_list *l)
{
	csr_err err;
	count(l);
	if (!l->look && l->spec->details && ui_split_refit(&l->split, l->total) &&
	    pager_set_height(&l->pager, l->split.list_rows, &err) != CSR_OK)
		report(l, &err);
}

void list_reload(ui_list *l)
{
	if (l->pager.height == 0)
		return; /* not laid out yet */
	csr_err err;
	recount(l);
	moved(l, pager_reload(&l->pager, &err), &err, 1);
}

void list_restart(ui_list *l)
{
	if (l->pager.height == 0)
		return;
	csr_err err;
	recount(l);
	moved(l, pager_home(&l->pager, &err), &err, 1);
}

void list_goto(ui_list *l, int64_t id)
{
	csr_err err;
	recount(l);
	moved(l, pager_goto(&l->pager, id, &err), &err, 1);
}

/* ---- layout ---- */

static int head_rows(const ui_list *l)
{
	return (l->spec->summary ? 1 : 0) + (l->spec->columns ? 1 : 0);
}

static void layout_columns(ui_list *l, int width)
{
	int n = l->spec->ncolumns < LIST_COLUMNS_MAX ? l->spec->ncolumns : LIST_COLUMNS_MAX;
	if (!l->spec->columns)
		return;
	memcpy(l->cols, l->spec->columns, (size_t)n * sizeof *l->cols);
	ui_columns_layout(l->cols, n, width);
}

void list_panel_layout(void *self, int height, int width)
{
	ui_list *l = self;
	count(l);
	ui_split_layout(&l->split, height, width, head_rows(l), l->total, l->spec->details);
	layout_columns(l, l->split.list_width - 2);
	csr_err err;
	moved(l, pager_set_height(&l->pager, l->split.list_rows, &err), &err, 1);
}

/* ---- drawing ---- */

static void count_text(const ui_list *l, char *out, size_t size)
{
	char n[CSR_FMT_NUMBER_MAX];
	out[0] = '\0';
	if (!l->spec->count || !l->spec->counted)
		return;
	csr_fmt_count(l->total, n, sizeof n);
	snprintf(out, size, l->spec->counted(l->total), n);
}

static void draw_summary(ui_list *l, WINDOW *w, int y, int x, int width)
{
	char text[LIST_SUMMARY_MAX] = "", total[COUNT_TEXT];
	l->spec->summary(l->ctx, text, sizeof text);
	if (l->search[0]) {
		char shown[LIST_SUMMARY_MAX];
		snprintf(shown, sizeof shown, "%s", text);
		if (shown[0])
			/* TRANSLATORS: the list's summary ("Upcoming, by date"), then
			 * the text searched for */
			snprintf(text, sizeof text, _("%s, matching \"%s\""), shown, l->search);
		else
			snprintf(text, sizeof text, _("matching \"%s\""), l->search);
	}
	count_text(l, total, sizeof total);
	int tw = ui_width(total);
	ui_blank(w, y, x, width, A_NORMAL);
	ui_text(w, y, x + 1, width - tw - 3, text, ui_attr(UI_TITLE), false);
	ui_text(w, y, x + width - tw - 1, tw, total, ui_attr(UI_DIM), false);
}

static void draw_row(ui_list *l, WINDOW *w, int y, int x, int width, const void *row,
		     bool selected)
{
	list_cells c;
	memset(&c, 0, sizeof c);
	l->spec->cells(l->ctx, row, &c);
	attr_t base = selected ? ui_attr(l->detail_focus ? UI_SELECTED_DIM : UI_SELECTED)
			       : ui_attr(c.row);
	ui_blank(w, y, x, width, base);
	if (c.span) {
		ui_text(w, y, x + 1, width - 2, c.text[0], selected || !c.attr[0] ? base : c.attr[0],
			false);
	} else {
		for (int i = 0; l->spec->columns && i < l->spec->ncolumns && i < LIST_COLUMNS_MAX; i++)
			ui_cell(w, y, x + 1, &l->cols[i], c.text[i],
				selected || !c.attr[i] ? base : c.attr[i]);
	}
	if (selected) /* a mark that shows without colors or attributes too */
		ui_text(w, y, x, 1, ">", base, false);
}

static const char *empty_text(const ui_list *l)
{
	bool searching = l->search[0] != '\0';
	if (l->spec->empty_of)
		return l->spec->empty_of(l->ctx, searching);
	return tr(searching && l->spec->no_match ? l->spec->no_match : l->spec->empty);
}

/* The list part at row y, column x, width columns wide. */
static void draw_rows(ui_list *l, WINDOW *w, int y, int x, int width)
{
	if (l->spec->summary)
		draw_summary(l, w, y++, x, width);
	if (l->spec->columns) {
		ui_columns_header(w, y, x + 1, l->cols, l->spec->ncolumns, width - 1);
		ui_blank(w, y++, x, 1, ui_attr(UI_HEADER));
	}
	for (int i = 0; i < l->pager.height; i++) {
		if (i < l->pager.n)
			draw_row(l, w, y + i, x, width, pager_row(&l->pager, i), i == l->pager.cursor);
		else
			ui_blank(w, y + i, x, width, A_NORMAL);
	}
	if (l->pager.n == 0) { /* wrapped: it may say what to do about it */
		ui_view v;
		view_begin(&v, w, y, x + 2, l->pager.height, width - 3, 0);
		view_para(&v, empty_text(l), ui_attr(UI_DIM), 0);
	}
}

static void draw_details(ui_list *l, WINDOW *w, int y)
{
	const ui_split *sp = &l->split;
	ui_view v;
	view_begin(&v, w, y + sp->detail_y, sp->detail_x, sp->detail_height, sp->detail_width,
		   l->detail_scroll);
	const void *row = list_current(l);
	if (row)
		l->spec->details(l->ctx, row, &v);
	else
		view_line(&v, _("Nothing is selected"), ui_attr(UI_DIM));
	l->detail_lines = view_end(&v);
}

void list_panel_draw(void *self, WINDOW *w, int y)
{
	ui_list *l = self;
	const ui_split *sp = &l->split;
	l->detail_scroll = view_clamp(l->detail_scroll, l->detail_lines, sp->detail_height);
	if (ui_split_shows_list(sp, l->detail_focus))
		draw_rows(l, w, y, 0, sp->list_width);
	if (!l->spec->details)
		return;
	ui_split_divider(sp, w, y, l->detail_focus);
	if (ui_split_shows_detail(sp, l->detail_focus))
		draw_details(l, w, y);
}

/* ---- keys ---- */

static void draw_popup(ui_list *l);

static void search_changed(void *ctx, const char *text)
{
	ui_list *l = ctx;
	snprintf(l->search, sizeof l->search, "%s", text);
	list_restart(l);
	if (l->shown) /* the prompt shows the screen: a pop-up's rows too */
		draw_popup(l);
}

static int direction(tui_action act)
{
	return act == ACT_UP || act == ACT_PAGE_UP || act == ACT_END ? -1 : 1;
}

/* Moves the list; false when act is not a movement. */
static bool go(ui_list *l, tui_action act)
{
	csr_err err;
	csr_code rc;
	switch (act) {
	case ACT_UP: rc = pager_step(&l->pager, -1, &err); break;
	case ACT_DOWN: rc = pager_step(&l->pager, 1, &err); break;
	case ACT_PAGE_UP: rc = pager_page(&l->pager, -1, &err); break;
	case ACT_PAGE_DOWN: rc = pager_page(&l->pager, 1, &err); break;
	case ACT_HOME: rc = pager_home(&l->pager, &err); break;
	case ACT_END: rc = pager_end(&l->pager, &err); break;
	default: return false;
	}
	moved(l, rc, &err, direction(act));
	return true;
}

/* Movement and the search; false for any other action. */
static bool handle_common(ui_list *l, tui_action act)
{
	if (go(l, act))
		return true;
	if (act == ACT_SEARCH && l->spec->searchable) {
		ui_prompt(l->app, _("Search:"), l->search, sizeof l->search, search_changed, l);
		return true;
	}
	return false;
}

bool list_panel_handle(void *self, tui_action act)
{
	ui_list *l = self;
	if (l->detail_focus &&
	    view_scroll(act, &l->detail_scroll, l->detail_lines, l->split.detail_height))
		return true;
	if (handle_common(l, act))
		return true;
	if (l->spec->details && act == ACT_OPEN) {
		l->detail_focus = list_current(l) != NULL;
		return true;
	}
	if (l->spec->details && act == ACT_BACK) {
		l->detail_focus = false;
		return true;
	}
	return l->spec->act && l->spec->act(l->ctx, act);
}

void list_panel_load(void *self)
{
	list_reload(self);
}

bool list_panel_in_detail(void *self)
{
	return ((ui_list *)self)->detail_focus;
}

void *list_panel_open(tui_app *app, size_t size, const list_spec *spec)
{
	ui_list *l = calloc(1, size);
	if (l)
		list_init(l, app, spec, l);
	return l;
}

void list_panel_close(void *self)
{
	list_free(self);
	free(self);
}

/* ---- as a pop-up ---- */

static void draw_popup(ui_list *l)
{
	const list_popup_look *look = l->look;
	ui_popup *p = &l->popup;
	int width = p->width - 2;
	draw_rows(l, p->win, 1, 1, width);
	const char *msg = l->msg;
	char matching[LIST_SEARCH_MAX + 48];
	if (!msg[0] && l->search[0]) {
		snprintf(matching, sizeof matching, _("Matching \"%s\" (/ changes the search)"),
			 l->search);
		msg = matching;
	}
	ui_blank(p->win, p->height - 3, 1, width, A_NORMAL);
	ui_text(p->win, p->height - 3, 2, width - 2, msg,
		ui_attr(l->msg_error ? UI_ERROR : l->msg[0] ? UI_MESSAGE : UI_DIM), false);
	const char *keys = look->keys_short && ui_width(tr(look->keys)) > width - 2
				   ? tr(look->keys_short)
				   : tr(look->keys);
	ui_text(p->win, p->height - 2, 2, width - 2, keys, ui_attr(UI_DIM), true);
}

static void hide_popup(ui_list *l)
{
	if (l->shown)
		ui_popup_close(&l->popup);
	l->shown = false;
}

/* Opened afresh each time: the rows and the screen size may have changed. */
static bool show_popup(ui_list *l)
{
	const list_popup_look *look = l->look;
	hide_popup(l);
	int chrome = POPUP_CHROME + head_rows(l);
	int64_t rows = l->total > 0 ? l->total : 1;
	int height = rows < LINES ? (int)rows + chrome : LINES;
	if (height > LINES - 2)
		height = LINES - 2;
	int width = COLS < look->width_max ? COLS : look->width_max;
	char title[CSR_ERR_MSG_MAX];
	char total[COUNT_TEXT];
	if (l->spec->counted)
		count_text(l, total, sizeof total);
	else
		csr_fmt_count(l->total, total, sizeof total);
	snprintf(title, sizeof title, " %s (%s) ", tr(look->title), total);
	l->shown = ui_popup_open(&l->popup, height, width, -1, -1, title);
	if (!l->shown)
		return false;
	csr_err err;
	layout_columns(l, l->popup.width - 4);
	int list_rows = l->popup.height - chrome;
	if (list_rows != l->pager.height)
		moved(l, pager_set_height(&l->pager, list_rows > 0 ? list_rows : 1, &err), &err, 1);
	draw_popup(l);
	ui_show(l->app);
	return true;
}

/* Shows the list as a pop-up until a key that is not a movement or the
 * search: returns it, or 0 when the pop-up closes (Esc, q, or the program
 * must end). While the caller acts on the key (its questions and forms),
 * the pop-up stays on screen as it was; the next call shows it again. */
static int popup_key(ui_list *l, const list_popup_look *look)
{
	l->look = look; /* from here on failures show in the pop-up */
	if (l->pager.height == 0)
		count(l); /* the first page comes with the height */
	while (show_popup(l)) {
		int key = 0;
		tui_event ev = tui_read(l->app, &key);
		if (ev == TUI_EV_QUIT)
			break;
		if (ev == TUI_EV_RESIZE)
			tui_resized(l->app);
		if (ev == TUI_EV_TICK && tui_poll(l->app))
			list_reload(l); /* another session changed it */
		if (ev != TUI_EV_KEY)
			continue;
		l->msg[0] = '\0';
		if (key == TUI_KEY_ESC || key == 'q')
			break;
		tui_action act = tui_popup_action(key);
		if (act == ACT_NONE || !handle_common(l, act))
			return key;
	}
	hide_popup(l);
	l->look = NULL;
	return 0;
}

bool list_popup_run(ui_list *l, const list_popup_look *look,
		    bool (*on_key)(void *ctx, int key))
{
	for (int key; (key = popup_key(l, look)) != 0;)
		if (!on_key(l->ctx, key))
			list_message(l, true, "%s", tr(look->other_key));
	list_free(l);
	return l->changed;
}

bool list_choose(ui_list *l, const char *title, void *out)
{
	const char *keys = l->spec->searchable ? N_("Enter choose  / search  Esc back")
					       : N_("Enter choose  Esc back");
	const list_popup_look look = { .title = title, .width_max = CHOOSE_WIDTH_MAX,
				       .keys = keys, .keys_short = N_("Enter choose  Esc back") };
	for (int key; (key = popup_key(l, &look)) != 0;) {
		const void *row = list_current(l);
		if (tui_is_enter(key) && row) {
			memcpy(out, row, l->spec->source->row_size);
			hide_popup(l);
			l->look = NULL;
			return true;
		}
		list_message(l, true, "%s", _("Enter chooses the selected row, Esc goes back"));
	}
	return false;
}
