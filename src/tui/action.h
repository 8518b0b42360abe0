/* SPDX-License-Identifier: MIT */
/* csrdesk — actions are data: one table gives every action its keys, its
 * help line, its menu, the roles that may take it and the panels where it
 * works. Key dispatch, the ? help, the menu bar and the key hints in the
 * status line are all generated from it, so they cannot drift apart. */
#ifndef CSRDESK_TUI_ACTION_H
#define CSRDESK_TUI_ACTION_H

#include <stdbool.h>
#include <stddef.h>

#include "app.h"

typedef enum tui_action {
	ACT_NONE = 0,
	ACT_PANEL_INITIATIVES,
	ACT_PANEL_VOLUNTEERS,
	ACT_PANEL_RECORD,
	ACT_PANEL_IMPACT,
	ACT_NEXT_PANEL,
	ACT_PREV_PANEL,
	ACT_UP,
	ACT_DOWN,
	ACT_PAGE_UP,
	ACT_PAGE_DOWN,
	ACT_HOME,
	ACT_END,
	ACT_OPEN,
	ACT_BACK,
	ACT_SEARCH,
	ACT_FILTER,
	ACT_SIGNUP,
	ACT_CANCEL,
	ACT_NEW,
	ACT_EDIT,
	ACT_ATTENDANCE,
	ACT_SIGNUP_PEOPLE, /* leads: sign up one or several people */
	/* the attendance pop-up (leads): a place of the list */
	ACT_MARK_ATTENDED,
	ACT_MARK_NOSHOW,
	ACT_WALK_IN,
	ACT_CANCEL_FOR,
	ACT_MOVE,
	/* agents (kiosk and SSH): their own hours and ratings */
	ACT_LOG_HOURS,
	ACT_RATE,
	/* leads: running initiatives and the people around them */
	ACT_SET_STATUS,
	ACT_RECORD_IMPACT,
	ACT_IMPACT_RECORDS, /* correct or void recorded values */
	ACT_APPROVE_HOURS,
	ACT_PARTNERS,
	ACT_ANNOUNCE,
	ACT_DEACTIVATE,
	ACT_RESET_PIN,
	ACT_ACTIVATION_CODE,
	ACT_OWN_PIN, /* one's own PIN, from one's own login (not at a kiosk) */
	ACT_NOTICES, /* one's notifications */
	ACT_NOTIFY_SETTINGS, /* what one hears of, and in which language */
	ACT_EXPORT_REPORT,
	ACT_AUDIT_LOG, /* admins: who changed what, when */
	/* list order and the Impact panel's scope */
	ACT_SORT,
	ACT_SCOPE,
	ACT_MENU,
	ACT_HELP,
	ACT_REDRAW,
	ACT_QUIT,
	ACT_COUNT
} tui_action;

enum { TUI_ACTION_KEYS = 4 };

/* Where a key hint shows in the status line: while the list or the
 * details have the focus; HINT_FIRST ones go first, HINT_END ones at the
 * right end, the rest in between as room allows. */
enum {
	HINT_NONE = 0,
	HINT_LIST = 1,
	HINT_DETAIL = 2,
	HINT_ALWAYS = 3,
	HINT_FIRST = 4,
	HINT_END = 8,
};

/* label, help and menu are English, marked N_() in the table: shown
 * through _(), compared (menus) as they are. */
typedef struct tui_action_def {
	tui_action id;
	const char *label; /* short, for the status line and the menus: "sign up" */
	const char *help;  /* one line for the ? help */
	const char *menu;  /* the drop-down menu listing it; NULL = none */
	int keys[TUI_ACTION_KEYS]; /* characters or TUI_FN(KEY_...); 0 ends */
	unsigned panels;   /* bits (1 << tui_panel_id) */
	unsigned roles;    /* bits (1 << csr_role) */
	unsigned hint;     /* HINT_* */
} tui_action_def;

int tui_action_count(void);
const tui_action_def *tui_action_at(int i);
const tui_action_def *tui_action_get(tui_action id);

/* May role take the action at all / on this panel? */
bool tui_action_for_role(const tui_action_def *a, csr_role role);
bool tui_action_allowed(const tui_action_def *a, tui_panel_id panel, csr_role role);

/* The attendance pop-up's place in the table: its keys are actions like a
 * panel's (a panel id past the panels). */
#define TUI_PLACES_POPUP ((tui_panel_id)TUI_PANEL_COUNT)

/* The hints of the actions for where (a panel or TUI_PLACES_POPUP) and
 * role, "a attended  n no-show", in table order. */
void tui_action_hint_line(tui_panel_id where, csr_role role, char *out, size_t size);

/* Kiosk mode: q signs the person out instead of quitting. */
void tui_action_set_kiosk(bool kiosk);

/* The movement a key means in a pop-up (Up, Down, PgUp, PgDn, Home, End
 * and their letters), or ACT_SEARCH for /; ACT_NONE for any other key. */
tui_action tui_popup_action(int key);

/* The action a key means on a panel for a role (ACT_NONE when none). */
tui_action tui_action_for_key(int key, tui_panel_id panel, csr_role role);

/* "Enter", "PgDn", "F10", "s", "Ctrl-L". */
void tui_key_name(int key, char *out, size_t size);
/* Every key of an action: "Down, j". */
void tui_action_keys(const tui_action_def *a, char *out, size_t size);

#endif
