/* SPDX-License-Identifier: MIT */
/* csrdesk — the agent's own record: panel 2 for agents (at a kiosk or over
 * SSH) instead of the volunteers list, since agents must not browse other
 * people's records. It shows their upcoming and past places and their
 * hours. The forms with which people log their own hours and rate what
 * they attended live here too; the Initiatives panel uses them as well. */
#ifndef CSRDESK_TUI_MINE_H
#define CSRDESK_TUI_MINE_H

#include <stdbool.h>
#include <stdint.h>

#include "csrdesk/feedback.h"
#include "csrdesk/signup.h"
#include "panel.h"

extern const panel_ops mine_panel;

/* The user's places on initiatives that have started, newest first:
 * attended ones, and (unless attended_only) confirmed ones whose
 * attendance is not recorded yet. */
csr_code mine_past_places(tui_app *app, bool attended_only, csr_signup *rows, int max, int *n,
			  csr_err *err);

/* False, with a message saying how to get one, when the user has no
 * volunteer record (an SSH user not in the roster). */
bool mine_has_record(tui_app *app);

/* Sets or changes the user's own kiosk PIN from their own login (asking
 * for the current one first when one is set). */
void mine_own_pin_run(tui_app *app);

/* Initiatives to choose among in a form field: "2026-05-14 Beach clean-up". */
enum { MINE_CHOICES_MAX = 48, MINE_CHOICE_TEXT = 200 };

typedef struct mine_choices {
	int n;
	int64_t ids[MINE_CHOICES_MAX]; /* 0 = "none" */
	char text[MINE_CHOICES_MAX][MINE_CHOICE_TEXT];
	const char *items[MINE_CHOICES_MAX]; /* for ui_field.choices */
} mine_choices;

/* Adds a choice (title NULL: "none"); false when the list is full. */
bool mine_choices_add(mine_choices *c, int64_t id, int64_t starts_at, const char *title);
/* The initiative of the choice whose text is value (0 = none). */
int64_t mine_choices_id(const mine_choices *c, const char *value);
/* The text of the choice for an initiative; NULL when it is not one. */
const char *mine_choices_text(const mine_choices *c, int64_t id);

/* Logs the user's own hours, for initiative_id when not 0 (it must have
 * started); true when saved. */
bool hours_form_run(tui_app *app, int64_t initiative_id);

/* Rates an initiative the user attended (initiative_id, or 0 to choose
 * one); true when saved. */
bool rating_form_run(tui_app *app, int64_t initiative_id);

/* The user's rating of an initiative; false when they gave none. */
bool rating_find(tui_app *app, int64_t initiative_id, csr_feedback *out);

#endif
