/* SPDX-License-Identifier: MIT */
/* csrdesk — the team lead's tools: the dialogs that belong to no one panel
 * (hours for approval, partners, announcements, the report export; opened
 * from the menu bar or their keys on any panel) and the volunteer tools
 * the Volunteers panel hands its lead actions to. Agents never reach them,
 * and the data layer checks the role again on every write. */
#ifndef CSRDESK_TUI_LEAD_H
#define CSRDESK_TUI_LEAD_H

#include <stdint.h>

#include "action.h"
#include "app.h"
#include "csrdesk/volunteer.h"

/* Pending hours to approve or reject; logging hours for anyone. */
void hours_review_run(tui_app *app);
/* The partners (NGOs): list, new, edit. */
void partners_run(tui_app *app);
/* The announcements of the welcome screen: post, remove. */
void announce_run(tui_app *app);
/* The impact report, written to a file the user names. */
void report_export_run(tui_app *app);

/* ACT_NEW, ACT_EDIT, ACT_DEACTIVATE, ACT_RESET_PIN or ACT_ACTIVATION_CODE
 * on the Volunteers panel; sel is the selected volunteer (NULL when none). Returns the id of
 * the volunteer to show selected afterwards, 0 when nothing changed. */
int64_t volunteer_tool_run(tui_app *app, tui_action act, const csr_volunteer *sel);

#endif
