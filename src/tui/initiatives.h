/* SPDX-License-Identifier: MIT */
/* csrdesk — the Initiatives panel's state, shared by its two files:
 * initiatives.c (the list and its actions) and initiative_detail.c (the
 * detail pane). Its dialogs (dialog.h) get only an initiative's id. */
#ifndef CSRDESK_TUI_INITIATIVES_H
#define CSRDESK_TUI_INITIATIVES_H

#include "app.h"
#include "csrdesk/impact.h"
#include "csrdesk/initiative.h"
#include "csrdesk/signup.h"
#include "list.h"

enum {
	INI_COLUMNS = 7,
	INI_PREVIEW = 40,   /* people named in the details; attendance lists them all */
	INI_TOTALS_MAX = 64, /* metrics of one initiative */
};

typedef struct initiatives {
	ui_list list; /* first: the list panel operations work on it */
	tui_app *app;
	/* what the list shows */
	csr_initiative_when when;
	int status;                 /* a csr_initiative_status, or -1 for all */
	char category[CSR_KEY_MAX]; /* "" for all */
	csr_initiative_order order; /* kept across reloads and filters */
	/* the selected initiative in full, for the details */
	bool have_sel;
	csr_initiative sel;
	csr_signup places[INI_PREVIEW]; /* the first places */
	int nplaces;
	int64_t places_total;
	bool have_mine;      /* the user has a live place on it: */
	csr_signup mine;
	int mine_position;   /* its waitlist position, 0 when not waitlisted */
	csr_impact totals[INI_TOTALS_MAX]; /* its impact so far, per metric */
	int ntotals;
} initiatives;

/* Reads the initiative with this id in full for the details (id 0: none). */
void initiative_detail_load(initiatives *s, int64_t id);
/* Writes the details of the selected initiative. */
void initiative_detail_write(initiatives *s, ui_view *v);

#endif
