/* SPDX-License-Identifier: MIT */
/* csrdesk — the dialogs, all on one contract: a dialog gets the app and
 * the id of what it works on (through a pointer when it may make a new
 * one, which it gives back there), does its work with the data layer, and
 * returns true when it changed something. The caller reads again what it
 * shows; no dialog touches a panel's state. */
#ifndef CSRDESK_TUI_DIALOG_H
#define CSRDESK_TUI_DIALOG_H

#include <stdbool.h>
#include <stdint.h>

#include "action.h"
#include "app.h"
#include "csrdesk/initiative.h"

/* ---- on an initiative (leads, but hours and ratings: everyone) ---- */

/* New (*id == 0) or edit; gives back the id saved. */
bool initiative_form_run(tui_app *app, int64_t *id);
/* The places on an initiative (leads): marks attended (with hours) or
 * no-show, adds walk-ins, cancels or moves a person's place. */
bool attendance_run(tui_app *app, int64_t initiative_id);
/* Signs up one or several people (leads), all or nothing. */
bool signup_people_run(tui_app *app, int64_t initiative_id);
/* Before a sign-up inside the cancel cutoff: asks whether to sign up
 * anyway, naming the person (name NULL: the user, when an agent; else the
 * first of people). True to go on (also when outside the cutoff). */
bool signup_ask_cutoff(tui_app *app, const csr_initiative *in, const char *name, int people);
/* Open, close, mark done or cancel. */
bool status_menu_run(tui_app *app, int64_t initiative_id);
/* Records an impact value. */
bool impact_form_run(tui_app *app, int64_t initiative_id);
/* The initiative's impact records: correct or void one, record another. */
bool impact_records_run(tui_app *app, int64_t initiative_id);
/* The user's own hours, for initiative_id when not 0 (it must have started). */
bool hours_form_run(tui_app *app, int64_t initiative_id);
/* A lead logs anyone's hours, approved at once. */
bool hours_form_for_anyone(tui_app *app);
/* Rates an initiative the user attended (initiative_id, or 0 to choose one). */
bool rating_form_run(tui_app *app, int64_t initiative_id);

/* ---- on a volunteer (leads) ---- */

/* ACT_NEW (*id ignored), ACT_EDIT, ACT_DEACTIVATE, ACT_RESET_PIN or
 * ACT_ACTIVATION_CODE; gives back the volunteer to show selected. */
bool volunteer_tool_run(tui_app *app, tui_action act, int64_t *volunteer_id);

/* ---- the lead's tools, on no one item ---- */

/* Pending hours to approve or reject; logging hours for anyone. */
bool hours_review_run(tui_app *app);
/* The partners (NGOs): list, new, edit. */
bool partners_run(tui_app *app);
/* The announcements of the welcome screen: post, remove. */
bool announce_run(tui_app *app);
/* Reports and exports: shown in a pager, written to a file the user
 * names, or the ssh command that fetches them. */
bool report_export_run(tui_app *app);
/* The audit log (admins): filtered by who, what and when; only reads. */
bool audit_log_run(tui_app *app);

/* ---- one's own ---- */

/* Sets or changes the user's own kiosk PIN from their own login. */
bool own_pin_run(tui_app *app);
/* What the user hears of: the language of their mails, mail off, the
 * categories whose new initiatives they are told of. */
bool notify_prefs_run(tui_app *app);

#endif
