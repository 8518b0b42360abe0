/* SPDX-License-Identifier: MIT */
/* csrdesk — the agent's own record: panel 2 for agents (at a kiosk or over
 * SSH) instead of the volunteers list, since agents must not browse other
 * people's records. It lists their upcoming and past places and their
 * hours; hours and ratings are logged from it (dialog.h). */
#ifndef CSRDESK_TUI_RECORD_H
#define CSRDESK_TUI_RECORD_H

#include "panel.h"

extern const panel_ops record_panel;

#endif
