/* SPDX-License-Identifier: MIT */
/* csrdesk — choosing one item of a long list in a form: a pop-up list
 * (list.h) that pages through the database, with search; Enter chooses,
 * Esc leaves the field as it was. Each returns true with *out filled when
 * something was chosen. */
#ifndef CSRDESK_TUI_PICKER_H
#define CSRDESK_TUI_PICKER_H

#include <stdbool.h>

#include "app.h"
#include "csrdesk/initiative.h"
#include "csrdesk/partner.h"
#include "csrdesk/signup.h"
#include "csrdesk/volunteer.h"
#include "list.h"
#include "pager.h"

/* The user's own places on initiatives that have started, newest first
 * (the same rows "My record" shows as past places). */
bool pick_own_place(tui_app *app, const char *title, csr_signup *out);
/* Any initiative, newest first, the search starting with search. */
bool pick_initiative(tui_app *app, const char *search, csr_initiative *out);
/* An open initiative that has not ended (where a place can move to; one
 * under way refuses with its reason), newest first. */
bool pick_open_initiative(tui_app *app, const char *title, csr_initiative *out);
/* An active volunteer, by name, the search starting empty. */
bool pick_volunteer(tui_app *app, const char *title, csr_volunteer *out);
/* A partner, by name (partners.c, beside the partners' own list). */
bool pick_partner(tui_app *app, csr_partner *out);

/* The user's own places as a list source (record.c shows them too): ctx
 * is an own_places. */
typedef struct own_places {
	tui_app *app;
	csr_span span;
} own_places;

extern const pager_source own_places_source;
csr_code own_places_count(void *ctx, int64_t *out, csr_err *err);

/* Active volunteers by name as a list (a picker, the group sign-up): the
 * state begins with its ui_list, whose search it follows. Rows are
 * csr_volunteer_row; columns: name, employee ID, team, then mark_column
 * (empty unless the cells function of the spec fills it). */
typedef struct volunteer_choice {
	ui_list list;
	tui_app *app;
} volunteer_choice;

enum { VOLUNTEER_COL_NAME, VOLUNTEER_COL_ID, VOLUNTEER_COL_TEAM, VOLUNTEER_COL_MARK,
       VOLUNTEER_COLUMNS };
extern const ui_column volunteer_columns[VOLUNTEER_COLUMNS];
extern const pager_source volunteer_source;
csr_code volunteer_count(void *ctx, int64_t *out, csr_err *err);
void volunteer_cells(void *ctx, const void *row, list_cells *c);

/* False, with a message saying how to get one, when the user has no
 * volunteer record (an SSH user not in the roster). */
bool own_record_exists(tui_app *app);

/* "2026-05-14 Beach clean-up": how a chosen initiative shows in a field. */
void pick_text(int64_t starts_at, const char *title, char *out, size_t size);

#endif
