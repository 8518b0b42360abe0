/* SPDX-License-Identifier: MIT */
/* The table of actions and what is derived from it. */
#include "action.h"

#include <stdio.h>
#include <string.h>

#include "tui_curses.h"

#define ON(p) (1u << (p))
#define ALL_PANELS (ON(TUI_PANEL_COUNT) - 1)
#define LISTS (ON(TUI_PANEL_INITIATIVES) | ON(TUI_PANEL_VOLUNTEERS))
#define INITIATIVES ON(TUI_PANEL_INITIATIVES)
#define VOLUNTEERS ON(TUI_PANEL_VOLUNTEERS)
#define OWN_RECORD ON(TUI_PANEL_RECORD)
#define PLACES_POPUP ON(TUI_PLACES_POPUP)
#define EVERYONE (ON(CSR_ROLE_AGENT) | ON(CSR_ROLE_LEAD) | ON(CSR_ROLE_ADMIN))
#define LEADS (ON(CSR_ROLE_LEAD) | ON(CSR_ROLE_ADMIN))
#define AGENTS ON(CSR_ROLE_AGENT)

/* In this order in the help, the menus and the status line hints. */
static const tui_action_def actions[] = {
	{ ACT_PANEL_INITIATIVES, "Initiatives", "Show the Initiatives panel", "View",
	  { '1' }, ALL_PANELS, EVERYONE, HINT_NONE },
	{ ACT_PANEL_VOLUNTEERS, "Volunteers", "Show the Volunteers panel", "View",
	  { '2' }, ALL_PANELS, LEADS, HINT_NONE },
	{ ACT_PANEL_RECORD, "My record", "Show your places and hours", "View",
	  { '2' }, ALL_PANELS, AGENTS, HINT_NONE },
	{ ACT_PANEL_IMPACT, "Impact", "Show the Impact panel", "View",
	  { '3' }, ALL_PANELS, EVERYONE, HINT_NONE },
	{ ACT_NEXT_PANEL, "next panel", "Show the next panel", NULL,
	  { TUI_KEY_TAB }, ALL_PANELS, EVERYONE, HINT_NONE },
	{ ACT_PREV_PANEL, "previous panel", "Show the previous panel", NULL,
	  { TUI_FN(KEY_BTAB) }, ALL_PANELS, EVERYONE, HINT_NONE },
	{ ACT_UP, "up", "Move up (in the details: scroll)", NULL,
	  { TUI_FN(KEY_UP), 'k' }, ALL_PANELS, EVERYONE, HINT_NONE },
	{ ACT_DOWN, "down", "Move down (in the details: scroll)", NULL,
	  { TUI_FN(KEY_DOWN), 'j' }, ALL_PANELS, EVERYONE, HINT_NONE },
	{ ACT_PAGE_UP, "page up", "One page up", NULL,
	  { TUI_FN(KEY_PPAGE), TUI_CTRL('b') }, ALL_PANELS, EVERYONE, HINT_NONE },
	{ ACT_PAGE_DOWN, "page down", "One page down", NULL,
	  { TUI_FN(KEY_NPAGE), TUI_CTRL('f') }, ALL_PANELS, EVERYONE, HINT_NONE },
	{ ACT_HOME, "first", "Go to the first item", NULL,
	  { TUI_FN(KEY_HOME), 'g' }, ALL_PANELS, EVERYONE, HINT_NONE },
	{ ACT_END, "last", "Go to the last item", NULL,
	  { TUI_FN(KEY_END), 'G' }, ALL_PANELS, EVERYONE, HINT_NONE },
	{ ACT_OPEN, "details", "Open the details of the selected item", NULL,
	  { TUI_KEY_ENTER, '\r', TUI_FN(KEY_ENTER), TUI_FN(KEY_RIGHT) }, LISTS | OWN_RECORD,
	  EVERYONE, HINT_LIST },
	{ ACT_BACK, "back", "Back from the details to the list", NULL,
	  { TUI_KEY_ESC, TUI_FN(KEY_LEFT) }, LISTS, EVERYONE, HINT_DETAIL },
	{ ACT_SIGNUP, "sign up", "Sign up for the selected initiative", "Initiative",
	  { 's' }, INITIATIVES, EVERYONE, HINT_ALWAYS },
	{ ACT_CANCEL, "cancel place", "Cancel my place on the selected initiative", "Initiative",
	  { 'x' }, INITIATIVES, EVERYONE, HINT_ALWAYS },
	{ ACT_CANCEL, "cancel place", "Cancel the selected upcoming place", NULL,
	  { 'x' }, OWN_RECORD, AGENTS, HINT_ALWAYS },
	{ ACT_LOG_HOURS, "log hours", "Log hours you gave (for the selected initiative)",
	  "Initiative", { 'l' }, INITIATIVES, EVERYONE, HINT_NONE },
	{ ACT_LOG_HOURS, "log hours", "Log hours you gave", NULL,
	  { 'l' }, OWN_RECORD, AGENTS, HINT_ALWAYS },
	{ ACT_RATE, "rate", "Rate the selected initiative, once you attended it", "Initiative",
	  { 'r' }, INITIATIVES, EVERYONE, HINT_NONE },
	{ ACT_RATE, "rate", "Rate an initiative you attended", NULL,
	  { 'r' }, OWN_RECORD, AGENTS, HINT_ALWAYS },
	{ ACT_SEARCH, "search", "Search: show only items containing the text", "View",
	  { '/' }, LISTS, EVERYONE, HINT_LIST },
	{ ACT_FILTER, "filter", "Filter by time, status or category (Impact: period)", "View",
	  { 'f' }, ALL_PANELS & ~OWN_RECORD, EVERYONE, HINT_LIST },
	{ ACT_SORT, "order", "Order the list by date, title or category (in turn)", "View",
	  { 'o' }, INITIATIVES, EVERYONE, HINT_NONE },
	{ ACT_SCOPE, "scope", "Impact for everyone, a site, a team or a category", "View",
	  { 't' }, ON(TUI_PANEL_IMPACT), EVERYONE, HINT_LIST },
	{ ACT_NEW, "new", "Create a new initiative", "Initiative",
	  { 'n' }, INITIATIVES, LEADS, HINT_LIST },
	{ ACT_EDIT, "edit", "Edit the selected initiative", "Initiative",
	  { 'e' }, INITIATIVES, LEADS, HINT_LIST },
	{ ACT_ATTENDANCE, "attendance", "Record who attended the selected initiative",
	  "Initiative", { 'a' }, INITIATIVES, LEADS, HINT_LIST },
	{ ACT_SIGNUP_PEOPLE, "sign up people", "Sign up one or several people for the selected"
	  " initiative", "Initiative", { 'S' }, INITIATIVES, LEADS, HINT_NONE },
	{ ACT_MARK_ATTENDED, "attended", "Mark the selected person attended (and the hours)", NULL,
	  { 'a', 'y' }, PLACES_POPUP, LEADS, HINT_LIST },
	{ ACT_MARK_NOSHOW, "no-show", "Mark the selected person a no-show", NULL,
	  { 'n' }, PLACES_POPUP, LEADS, HINT_LIST },
	{ ACT_WALK_IN, "walk-in", "Add someone who came without a place", NULL,
	  { 'w' }, PLACES_POPUP, LEADS, HINT_LIST },
	{ ACT_CANCEL_FOR, "cancel", "Cancel the selected person's place", NULL,
	  { 'x' }, PLACES_POPUP, LEADS, HINT_LIST },
	{ ACT_MOVE, "move", "Move the selected person's place to another initiative", NULL,
	  { 'm' }, PLACES_POPUP, LEADS, HINT_LIST },
	{ ACT_RECORD_IMPACT, "record impact", "Record an impact value for the selected initiative",
	  "Initiative", { 'i' }, INITIATIVES, LEADS, HINT_NONE },
	{ ACT_IMPACT_RECORDS, "impact records", "Correct or void the impact values recorded for"
	  " the selected initiative", "Initiative", { 'I' }, INITIATIVES, LEADS, HINT_NONE },
	{ ACT_SET_STATUS, "change status", "Open, close, mark done or cancel the selected"
	  " initiative", "Initiative", { 0 }, INITIATIVES, LEADS, HINT_NONE },
	{ ACT_NEW, "new volunteer", "Add a volunteer", "People",
	  { 'n' }, VOLUNTEERS, LEADS, HINT_LIST },
	{ ACT_EDIT, "edit volunteer", "Edit the selected volunteer", "People",
	  { 'e' }, VOLUNTEERS, LEADS, HINT_LIST },
	{ ACT_DEACTIVATE, "left / active again", "Mark the selected volunteer as left (their"
	  " history is kept), or active again", "People", { 0 }, VOLUNTEERS, LEADS, HINT_NONE },
	{ ACT_RESET_PIN, "reset PIN", "Clear the selected volunteer's kiosk PIN and activation"
	  " code; unlock the ID", "People", { 0 }, VOLUNTEERS, LEADS, HINT_NONE },
	{ ACT_ACTIVATION_CODE, "activation code", "Issue a one-time code with which the selected"
	  " volunteer chooses their first kiosk PIN", "People", { 0 }, VOLUNTEERS, LEADS,
	  HINT_NONE },
	{ ACT_APPROVE_HOURS, "hours for approval", "Approve or reject pending hours; log hours"
	  " for anyone", "Tools", { 'h' }, ALL_PANELS, LEADS, HINT_NONE },
	{ ACT_PARTNERS, "partners", "Add and edit partners (NGOs)", "Tools",
	  { 0 }, ALL_PANELS, LEADS, HINT_NONE },
	{ ACT_ANNOUNCE, "announcements", "Post or remove announcements for the floor terminals",
	  "Tools", { 0 }, ALL_PANELS, LEADS, HINT_NONE },
	{ ACT_EXPORT_REPORT, "reports and exports",
	  "Reports, CSV exports, the calendar and sheets to print: show, save or fetch",
	  "Tools", { 0 }, ALL_PANELS, LEADS, HINT_NONE },
	{ ACT_OWN_PIN, "my PIN", "Set or change your own kiosk PIN", "Tools",
	  { 'p' }, ALL_PANELS, EVERYONE, HINT_NONE },
	{ ACT_REDRAW, "redraw", "Redraw the screen", "View",
	  { TUI_CTRL('l') }, ALL_PANELS, EVERYONE, HINT_NONE },
	{ ACT_MENU, "menu", "Open the menu bar", NULL,
	  { 'm', TUI_FN(KEY_F(10)) }, ALL_PANELS, EVERYONE, HINT_ALWAYS | HINT_END },
	{ ACT_QUIT, "quit", "Quit csrdesk", "View",
	  { 'q' }, ALL_PANELS, EVERYONE, HINT_ALWAYS | HINT_END },
	{ ACT_HELP, "help", "Show the keys that work here", "Help",
	  { '?', TUI_FN(KEY_F(1)) }, ALL_PANELS, EVERYONE, HINT_ALWAYS | HINT_FIRST },
};

enum { NACTIONS = sizeof actions / sizeof actions[0] };

/* At a kiosk q signs the person out, back to the welcome screen. */
static const tui_action_def kiosk_quit = {
	ACT_QUIT, "sign out", "Sign out: back to the welcome screen", "View",
	{ 'q' }, ALL_PANELS, EVERYONE, HINT_ALWAYS | HINT_END
};
static bool kiosk_mode;

void tui_action_set_kiosk(bool kiosk)
{
	kiosk_mode = kiosk;
}

int tui_action_count(void)
{
	return NACTIONS;
}

const tui_action_def *tui_action_at(int i)
{
	if (i < 0 || i >= NACTIONS)
		return NULL;
	return kiosk_mode && actions[i].id == ACT_QUIT ? &kiosk_quit : &actions[i];
}

const tui_action_def *tui_action_get(tui_action id)
{
	for (int i = 0; i < NACTIONS; i++)
		if (actions[i].id == id)
			return tui_action_at(i);
	return NULL;
}

bool tui_action_for_role(const tui_action_def *a, csr_role role)
{
	/* A PIN is set from one's own login: at a kiosk anybody could be typing. */
	if (kiosk_mode && a->id == ACT_OWN_PIN)
		return false;
	return (a->roles & ON(role)) != 0;
}

bool tui_action_allowed(const tui_action_def *a, tui_panel_id panel, csr_role role)
{
	return tui_action_for_role(a, role) && (a->panels & ON(panel)) != 0;
}

tui_action tui_action_for_key(int key, tui_panel_id panel, csr_role role)
{
	for (int i = 0; i < NACTIONS; i++) {
		if (!tui_action_allowed(&actions[i], panel, role))
			continue;
		for (int k = 0; k < TUI_ACTION_KEYS && actions[i].keys[k]; k++)
			if (actions[i].keys[k] == key)
				return actions[i].id;
	}
	return ACT_NONE;
}

tui_action tui_popup_action(int key)
{
	switch (key) {
	case TUI_FN(KEY_UP): case 'k': return ACT_UP;
	case TUI_FN(KEY_DOWN): case 'j': return ACT_DOWN;
	case TUI_FN(KEY_PPAGE): case TUI_CTRL('b'): return ACT_PAGE_UP;
	case TUI_FN(KEY_NPAGE): case TUI_CTRL('f'): case ' ': return ACT_PAGE_DOWN;
	case TUI_FN(KEY_HOME): case 'g': return ACT_HOME;
	case TUI_FN(KEY_END): case 'G': return ACT_END;
	case '/': return ACT_SEARCH;
	default: return ACT_NONE;
	}
}

static const struct {
	int key;
	const char *name;
} key_names[] = {
	{ TUI_KEY_ENTER, "Enter" },
	{ '\r', "Enter" },
	{ TUI_KEY_ESC, "Esc" },
	{ TUI_KEY_TAB, "Tab" },
	{ ' ', "Space" },
	{ TUI_FN(KEY_ENTER), "Enter" },
	{ TUI_FN(KEY_UP), "Up" },
	{ TUI_FN(KEY_DOWN), "Down" },
	{ TUI_FN(KEY_LEFT), "Left" },
	{ TUI_FN(KEY_RIGHT), "Right" },
	{ TUI_FN(KEY_PPAGE), "PgUp" },
	{ TUI_FN(KEY_NPAGE), "PgDn" },
	{ TUI_FN(KEY_HOME), "Home" },
	{ TUI_FN(KEY_END), "End" },
	{ TUI_FN(KEY_BTAB), "Shift-Tab" },
};

void tui_action_hint_line(tui_panel_id where, csr_role role, char *out, size_t size)
{
	size_t used = 0;
	out[0] = '\0';
	for (int i = 0; i < NACTIONS; i++) {
		const tui_action_def *a = tui_action_at(i);
		if (!(a->hint & HINT_LIST) || !tui_action_allowed(a, where, role))
			continue;
		char key[32];
		tui_key_name(a->keys[0], key, sizeof key);
		int n = snprintf(out + used, size - used, "%s%s %s", used ? "  " : "", key, a->label);
		if (n < 0 || (size_t)n >= size - used)
			break;
		used += (size_t)n;
	}
}

void tui_key_name(int key, char *out, size_t size)
{
	for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (key_names[i].key == key) {
			snprintf(out, size, "%s", key_names[i].name);
			return;
		}
	int code = key & ~TUI_FN(0);
	if (TUI_IS_FN(key) && code >= KEY_F(1) && code <= KEY_F(63))
		snprintf(out, size, "F%d", code - KEY_F(0));
	else if (!TUI_IS_FN(key) && key > 0 && key < ' ')
		snprintf(out, size, "Ctrl-%c", key + '@');
	else if (!TUI_IS_FN(key) && key > ' ' && key < 0x7f)
		snprintf(out, size, "%c", key);
	else
		snprintf(out, size, "key %d", code);
}

void tui_action_keys(const tui_action_def *a, char *out, size_t size)
{
	size_t used = 0;
	if (!a->keys[0]) { /* only in the menu bar: "menu Tools" */
		snprintf(out, size, "menu %s", a->menu ? a->menu : "");
		return;
	}
	out[0] = '\0';
	char last[32] = "";
	for (int k = 0; k < TUI_ACTION_KEYS && a->keys[k]; k++) {
		char name[32];
		tui_key_name(a->keys[k], name, sizeof name);
		if (strcmp(name, last) == 0)
			continue; /* '\n' and '\r' are both "Enter" */
		int n = snprintf(out + used, size - used, "%s%s", used ? ", " : "", name);
		if (n < 0 || (size_t)n >= size - used)
			break;
		used += (size_t)n;
		snprintf(last, sizeof last, "%s", name);
	}
}
