/* SPDX-License-Identifier: MIT */
/* csrdesk — the Initiatives panel's state, shared by its files:
 * initiatives.c (list and actions), initiative_detail.c (the detail pane),
 * initiative_form.c (new and edit) and attendance.c. */
#ifndef CSRDESK_TUI_INITIATIVES_H
#define CSRDESK_TUI_INITIATIVES_H

#include "app.h"
#include "columns.h"
#include "csrdesk/initiative.h"
#include "csrdesk/signup.h"
#include "pager.h"
#include "split.h"

enum { INI_PLACES_MAX = 200, INI_COLUMNS = 7, INI_TOTALS_MAX = 16 };

/* The impact recorded for one metric of the selected initiative. */
typedef struct ini_total {
	char metric[CSR_KEY_MAX];
	double value;
} ini_total;

typedef struct initiatives {
	tui_app *app;
	pager list;
	/* what the list shows */
	char search[CSR_INITIATIVE_TITLE_MAX];
	csr_initiative_when when;
	int status;                 /* a csr_initiative_status, or -1 for all */
	char category[CSR_KEY_MAX]; /* "" for all */
	csr_initiative_order order; /* kept across reloads and filters */
	int64_t total;              /* initiatives that match */
	/* the selected initiative in full, with its places */
	bool have_sel;
	csr_initiative sel;
	csr_signup places[INI_PLACES_MAX];
	int nplaces;
	int mine; /* index of the user's own place in places, or -1 */
	ini_total totals[INI_TOTALS_MAX]; /* its impact so far, per metric */
	int ntotals;
	bool totals_partial; /* more records than were read */
	ui_split split; /* the layout of the panel area */
	ui_column cols[INI_COLUMNS];
	bool detail_focus;
	int detail_scroll, detail_lines;
} initiatives;

/* Reads the selected initiative in full (after the cursor moved or the
 * data changed). */
void initiatives_load_selection(initiatives *s);
/* Reads the list again, keeping the cursor on its item. */
void initiatives_reload(initiatives *s);

/* Draws the detail pane of the selected initiative. */
void initiative_detail_draw(initiatives *s, WINDOW *w, int y, int x, int height, int width);

/* The new and edit forms (leads). */
void initiative_form_new(initiatives *s);
void initiative_form_edit(initiatives *s);

/* Marking attended / no-show for the selected initiative (leads). */
void attendance_run(initiatives *s);

/* Open, close, mark done or cancel the selected initiative (leads). */
void status_menu_run(initiatives *s);

/* Recording an impact value for the selected initiative (leads), and
 * reading its totals for the detail pane. */
void impact_form_run(initiatives *s);
void impact_totals_load(initiatives *s);

#endif
