/* SPDX-License-Identifier: MIT */
/* csrdesk — the one list component: every list on screen is a ui_list.
 *
 * A screen describes its list once in a list_spec: where the rows come
 * from (a pager_source: keyset pages from the database, so no list has a
 * row cap), its columns, a cells function that fills the texts and colors
 * of one row, the summary line, the text for an empty list, and
 * optionally a details writer. The list owns everything else: counting,
 * paging, the frame and the headings, every movement key, the search
 * prompt, the details pane and its focus, scrolling, resizing, and reading
 * again after a change (its own or another session's).
 *
 * The same list shows as a panel of the main screen (list_layout,
 * list_draw, list_handle: see list_panel_* for the panel operations) or as
 * a pop-up (list_popup_run, list_choose), like the lead's dialogs. */
#ifndef CSRDESK_TUI_LIST_H
#define CSRDESK_TUI_LIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "action.h"
#include "app.h"
#include "columns.h"
#include "pager.h"
#include "view.h"
#include "widget.h"

enum {
	LIST_COLUMNS_MAX = 8,
	LIST_CELL_BYTES = 256,
	LIST_SEARCH_MAX = 128,
	LIST_SUMMARY_MAX = 512,
};

/* One row as the screen wants it drawn; filled by list_spec.cells. */
typedef struct list_cells {
	char text[LIST_COLUMNS_MAX][LIST_CELL_BYTES];
	attr_t attr[LIST_COLUMNS_MAX]; /* 0: the row's own attribute */
	ui_role row;   /* the whole row: UI_NORMAL, UI_DIM (past, left), UI_TITLE (a heading) */
	bool span;     /* text[0] across the whole row (a heading or a note) */
} list_cells;

/* Sets the text of column col (printf-style). */
void list_cell(list_cells *c, int col, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* The list and its details (list.c lays them out). */
typedef enum ui_split_mode { SPLIT_SIDE, SPLIT_STACKED, SPLIT_SINGLE } ui_split_mode;

typedef struct ui_split {
	ui_split_mode mode;
	int height, width;         /* the whole area */
	int head_rows;             /* headings above the items */
	int list_rows, list_width; /* rows of items, under head_rows of headings */
	int detail_y, detail_x, detail_height, detail_width;
} ui_split;

typedef struct ui_list ui_list;

/* The first members of a list_spec: a page source, the columns (an array),
 * the cells and count functions. */
#define LIST_ROWS(source_, columns_, cells_, count_)                                   \
	.source = &(source_), .columns = (columns_),                                       \
	.ncolumns = (int)(sizeof(columns_) / sizeof((columns_)[0])), .cells = (cells_),    \
	.count = (count_)

typedef struct list_spec {
	const pager_source *source;
	const ui_column *columns; /* their titles head the list; NULL: no headings */
	int ncolumns;
	void (*cells)(void *ctx, const void *row, list_cells *out);
	csr_code (*count)(void *ctx, int64_t *out, csr_err *err);
	/* "1 initiative" / "12 initiatives" at the right of the summary line:
	 * counted(n) gives the format, with %s for the number
	 * (csr_plural(n, "%s initiative", "%s initiatives")). NULL: no count
	 * shown. */
	const char *(*counted)(int64_t n);
	/* The left of the summary line ("Upcoming, by date"); the list adds
	 * the search. NULL: no summary line (nor count). */
	void (*summary)(void *ctx, char *out, size_t size);
	/* What an empty list says, and what it says when a search finds
	 * nothing (marked N_(): the list translates them); or, when set,
	 * empty_of says it, translated (searching: a search is set). */
	const char *empty, *no_match;
	const char *(*empty_of)(void *ctx, bool searching);
	/* Rows the cursor skips (headings); NULL: every row can be selected. */
	bool (*selectable)(const void *row);
	/* Called when the selected row may have changed (moved, read again):
	 * the place to read what the details show. row is NULL when none. */
	void (*selected)(void *ctx, const void *row);
	/* Writes the details of the selected row; NULL: no details pane. */
	void (*details)(void *ctx, const void *row, ui_view *v);
	/* A panel's own actions (sign up, edit, ...); false when act means
	 * nothing here. Pop-ups get their keys through list_popup_run. */
	bool (*act)(void *ctx, tui_action act);
	bool searchable;
} list_spec;

/* How a pop-up list looks. Its texts are translated where shown: static
 * ones marked N_(), ones made at run time translated already. */
typedef struct list_popup_look {
	const char *title;      /* in the frame, with the count */
	const char *keys;       /* "a approve  r reject  Esc close" */
	const char *keys_short; /* the same for a narrow screen; NULL = keys */
	const char *other_key;  /* what a key that means nothing here is told */
	int width_max;
} list_popup_look;

struct ui_list {
	const list_spec *spec;
	void *ctx;
	tui_app *app;
	pager pager;
	char search[LIST_SEARCH_MAX];
	int64_t total;
	ui_split split;
	ui_column cols[LIST_COLUMNS_MAX];
	bool detail_focus;
	int detail_scroll, detail_lines;
	int64_t selected_id; /* of the last list_spec.selected call, -1 = none yet */
	bool changed; /* a pop-up's screen changed something (list_popup_run) */
	/* pop-up only */
	const list_popup_look *look; /* while it is a pop-up */
	char msg[CSR_ERR_MSG_MAX];
	bool msg_error;
	ui_popup popup;
	bool shown;
};

void list_init(ui_list *l, tui_app *app, const list_spec *spec, void *ctx);
void list_free(ui_list *l);

/* The selected row, or NULL. */
const void *list_current(const ui_list *l);

/* Reads the window again after a change, keeping the selected row (by id)
 * on its screen row where it can. */
void list_reload(ui_list *l);
/* What the list shows changed (a filter, the order): from the top. */
void list_restart(ui_list *l);
/* Shows the row with this id selected (after a dialog made or moved it). */
void list_goto(ui_list *l, int64_t id);

/* ---- as a panel ---- */

/* Panel operations for a screen whose state begins with its ui_list (self
 * is that ui_list): a list screen's panel_ops needs only its own open
 * (list_panel_open). Layout on first use and resize; load reads again
 * after a change; handle takes movement, search, details focus, then the
 * spec's own actions. */
void *list_panel_open(tui_app *app, size_t size, const list_spec *spec);
void list_panel_close(void *self);
void list_panel_layout(void *self, int height, int width);
void list_panel_load(void *self);
void list_panel_draw(void *self, WINDOW *w, int y);
bool list_panel_handle(void *self, tui_action act);
bool list_panel_in_detail(void *self);

#define LIST_PANEL_OPS(title_, open_)                                                  \
	{ .title = (title_), .open = (open_), .close = list_panel_close,                   \
	  .layout = list_panel_layout, .load = list_panel_load, .draw = list_panel_draw,   \
	  .handle = list_panel_handle, .in_detail = list_panel_in_detail }

/* ---- as a pop-up ---- */

/* Runs a pop-up until it closes: on_key acts on each key that is not a
 * movement or the search (false: it means nothing here). Frees the list;
 * returns whether the screen changed something (l->changed). */
bool list_popup_run(ui_list *l, const list_popup_look *look,
		    bool (*on_key)(void *ctx, int key));

/* A pop-up to choose a row with Enter (a picker): copies it to out (a
 * row of the source) and returns true, or false on Esc. */
bool list_choose(ui_list *l, const char *title, void *out);

/* The pop-up's message line (cleared by the next key). */
void list_message(ui_list *l, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void list_error(ui_list *l, const csr_err *err);

#endif
