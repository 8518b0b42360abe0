/* SPDX-License-Identifier: MIT */
/* csrdesk — what the movement actions (Up, Down, PgUp, PgDn, Home, End) do
 * to a list or to a scrolling text, the same in every panel. */
#ifndef CSRDESK_TUI_NAV_H
#define CSRDESK_TUI_NAV_H

#include <stdbool.h>

#include "action.h"
#include "pager.h"

/* Moves the list; false when act is not a movement. *rc gets the result. */
bool nav_list(pager *p, tui_action act, csr_code *rc, csr_err *err);

/* Scrolls a text of lines lines shown in height rows; false when act is
 * not a movement. */
bool nav_scroll(tui_action act, int *scroll, int lines, int height);

#endif
