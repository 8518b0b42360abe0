/* SPDX-License-Identifier: MIT */
/* csrdesk — choosing one item of a long list in a form: a pop-up list
 * (list.h) that pages through the database, with search; Enter chooses,
 * Esc leaves the field as it was. Each returns true with *out filled when
 * something was chosen. */
#ifndef CSRDESK_TUI_PICKER_H
#define CSRDESK_TUI_PICKER_H

#include <stdbool.h>

#include "app.h"
#include "csrdesk/hours.h"
#include "csrdesk/initiative.h"
#include "csrdesk/partner.h"
#include "csrdesk/signup.h"
#include "csrdesk/volunteer.h"
#include "form.h"
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

/* A state as people read it is csr_*_status_label (initiative.h,
 * signup.h, hours.h); csr_*_status_name is the database's and the command
 * line's word, never translated. */

/* base copied to out, its columns to cols (LIST_COLUMNS_MAX), so that a
 * column can be widened for the words it shows in the language shown
 * (ui_column_fit); the list translates the texts and titles itself. */
void list_spec_copy(const list_spec *base, list_spec *out, ui_column *cols);
/* The widest state in the current language (english: in English), for
 * the column that shows it. */
int initiative_status_width(bool english);
int signup_status_width(bool english);
int hours_status_width(bool english);

/* The field a message from the data layer is about: the one it starts
 * with (ui_form_field_of), else, as a translated message may start
 * otherwise ("Die Zahl der Plätze muss ..."), the field whose label it
 * names first as a word; UI_FORM_WHOLE when it names none. */
int form_field_named(const ui_field *fields, int n, const char *msg);

/* An example of a day, or a day and time, as people type it in a field
 * now (csr_time_parse reads both): "2026-05-14" and "2026-05-14 09:30",
 * "14.05.2026" and "14.05.2026 09:30" in German. */
void example_day(char *out, size_t size);
void example_time(char *out, size_t size);

#endif
