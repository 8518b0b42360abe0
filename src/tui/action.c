/* SPDX-License-Identifier: MIT */
/* The table of actions and what is derived from it. */
#include "action.h"

#include <stdio.h>
#include <string.h>

#include "csrdesk/i18n.h"
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
#define ADMINS ON(CSR_ROLE_ADMIN)

/* In this order in the help, the menus and the status line hints. */
static const tui_action_def actions[] = {
	{ ACT_PANEL_INITIATIVES, N_("Initiatives"), N_("Show the Initiatives panel"), N_("View"),
	  { '1' }, ALL_PANELS, EVERYONE, HINT_NONE },
	{ ACT_PANEL_VOLUNTEERS, N_("Volunteers"), N_("Show the Volunteers panel"), N_("View"),
	  { '2' }, ALL_PANELS, LEADS, HINT_NONE },
	{ ACT_PANEL_RECORD, N_("My record"), N_("Show your places and hours"), N_("View"),
	  { '2' }, ALL_PANELS, AGENTS, HINT_NONE },
	{ ACT_PANEL_IMPACT, N_("Impact"), N_("Show the Impact panel"), N_("View"),
	  { '3' }, ALL_PANELS, EVERYONE, HINT_NONE },
	{ ACT_NEXT_PANEL, N_("next panel"), N_("Show the next panel"), NULL,
	  { TUI_KEY_TAB }, ALL_PANELS, EVERYONE, HINT_NONE },
	{ ACT_PREV_PANEL, N_("previous panel"), N_("Show the previous panel"), NULL,
	  { TUI_FN(KEY_BTAB) }, ALL_PANELS, EVERYONE, HINT_NONE },
	{ ACT_UP, N_("up"), N_("Move up (in the details: scroll)"), NULL,
	  { TUI_FN(KEY_UP), 'k' }, ALL_PANELS, EVERYONE, HINT_NONE },
	{ ACT_DOWN, N_("down"), N_("Move down (in the details: scroll)"), NULL,
	  { TUI_FN(KEY_DOWN), 'j' }, ALL_PANELS, EVERYONE, HINT_NONE },
	{ ACT_PAGE_UP, N_("page up"), N_("One page up"), NULL,
	  { TUI_FN(KEY_PPAGE), TUI_CTRL('b') }, ALL_PANELS, EVERYONE, HINT_NONE },
	{ ACT_PAGE_DOWN, N_("page down"), N_("One page down"), NULL,
	  { TUI_FN(KEY_NPAGE), TUI_CTRL('f') }, ALL_PANELS, EVERYONE, HINT_NONE },
	{ ACT_HOME, N_("first"), N_("Go to the first item"), NULL,
	  { TUI_FN(KEY_HOME), 'g' }, ALL_PANELS, EVERYONE, HINT_NONE },
	{ ACT_END, N_("last"), N_("Go to the last item"), NULL,
	  { TUI_FN(KEY_END), 'G' }, ALL_PANELS, EVERYONE, HINT_NONE },
	{ ACT_OPEN, N_("details"), N_("Open the details of the selected item"), NULL,
	  { TUI_KEY_ENTER, '\r', TUI_FN(KEY_ENTER), TUI_FN(KEY_RIGHT) }, LISTS | OWN_RECORD,
	  EVERYONE, HINT_LIST },
	{ ACT_BACK, N_("back"), N_("Back from the details to the list"), NULL,
	  { TUI_KEY_ESC, TUI_FN(KEY_LEFT) }, LISTS, EVERYONE, HINT_DETAIL },
	{ ACT_SIGNUP, N_("sign up"), N_("Sign up for the selected initiative"), N_("Initiative"),
	  { 's' }, INITIATIVES, EVERYONE, HINT_ALWAYS },
	{ ACT_CANCEL, N_("cancel place"), N_("Cancel my place on the selected initiative"),
	  N_("Initiative"), { 'x' }, INITIATIVES, EVERYONE, HINT_ALWAYS },
	{ ACT_CANCEL, N_("cancel place"), N_("Cancel the selected upcoming place"), NULL,
	  { 'x' }, OWN_RECORD, AGENTS, HINT_ALWAYS },
	{ ACT_LOG_HOURS, N_("log hours"), N_("Log hours you gave (for the selected initiative)"),
	  N_("Initiative"), { 'l' }, INITIATIVES, EVERYONE, HINT_NONE },
	{ ACT_LOG_HOURS, N_("log hours"), N_("Log hours you gave"), NULL,
	  { 'l' }, OWN_RECORD, AGENTS, HINT_ALWAYS },
	{ ACT_RATE, N_("rate"), N_("Rate the selected initiative, once you attended it"),
	  N_("Initiative"), { 'r' }, INITIATIVES, EVERYONE, HINT_NONE },
	{ ACT_RATE, N_("rate"), N_("Rate an initiative you attended"), NULL,
	  { 'r' }, OWN_RECORD, AGENTS, HINT_ALWAYS },
	{ ACT_SEARCH, N_("search"), N_("Search: show only items containing the text"), N_("View"),
	  { '/' }, LISTS, EVERYONE, HINT_LIST },
	{ ACT_FILTER, N_("filter"), N_("Filter by time, status or category (Impact: period)"), N_("View"),
	  { 'f' }, ALL_PANELS & ~OWN_RECORD, EVERYONE, HINT_LIST },
	{ ACT_SORT, N_("order"), N_("Order the list by date, title or category (in turn)"), N_("View"),
	  { 'o' }, INITIATIVES, EVERYONE, HINT_NONE },
	{ ACT_SCOPE, N_("scope"), N_("Impact for everyone, a site, a team or a category"), N_("View"),
	  { 't' }, ON(TUI_PANEL_IMPACT), EVERYONE, HINT_LIST },
	{ ACT_NEW, N_("new"), N_("Create a new initiative"), N_("Initiative"),
	  { 'n' }, INITIATIVES, LEADS, HINT_LIST },
	{ ACT_EDIT, N_("edit"), N_("Edit the selected initiative"), N_("Initiative"),
	  { 'e' }, INITIATIVES, LEADS, HINT_LIST },
	{ ACT_ATTENDANCE, N_("attendance"), N_("Record who attended the selected initiative"),
	  N_("Initiative"), { 'a' }, INITIATIVES, LEADS, HINT_LIST },
	{ ACT_SIGNUP_PEOPLE, N_("sign up people"), N_("Sign up one or several people for the selected"
	  " initiative"), N_("Initiative"), { 'S' }, INITIATIVES, LEADS, HINT_NONE },
	{ ACT_MARK_ATTENDED, N_("attended"), N_("Mark the selected person attended (and the hours)"),
	  NULL, { 'a', 'y' }, PLACES_POPUP, LEADS, HINT_LIST },
	{ ACT_MARK_NOSHOW, N_("no-show"), N_("Mark the selected person a no-show"), NULL,
	  { 'n' }, PLACES_POPUP, LEADS, HINT_LIST },
	{ ACT_WALK_IN, N_("walk-in"), N_("Add someone who came without a place"), NULL,
	  { 'w' }, PLACES_POPUP, LEADS, HINT_LIST },
	{ ACT_CANCEL_FOR, N_("cancel"), N_("Cancel the selected person's place"), NULL,
	  { 'x' }, PLACES_POPUP, LEADS, HINT_LIST },
	{ ACT_MOVE, N_("move"), N_("Move the selected person's place to another initiative"), NULL,
	  { 'm' }, PLACES_POPUP, LEADS, HINT_LIST },
	{ ACT_RECORD_IMPACT, N_("record impact"),
	  N_("Record an impact value for the selected initiative"), N_("Initiative"), { 'i' }, INITIATIVES, LEADS, HINT_NONE },
	{ ACT_IMPACT_RECORDS, N_("impact records"), N_("Correct or void the impact values recorded for"
	  " the selected initiative"), N_("Initiative"), { 'I' }, INITIATIVES, LEADS, HINT_NONE },
	{ ACT_SET_STATUS, N_("change status"), N_("Open, close, mark done or cancel the selected"
	  " initiative"), N_("Initiative"), { 0 }, INITIATIVES, LEADS, HINT_NONE },
	{ ACT_NEW, N_("new volunteer"), N_("Add a volunteer"), N_("People"),
	  { 'n' }, VOLUNTEERS, LEADS, HINT_LIST },
	{ ACT_EDIT, N_("edit volunteer"), N_("Edit the selected volunteer"), N_("People"),
	  { 'e' }, VOLUNTEERS, LEADS, HINT_LIST },
	{ ACT_DEACTIVATE, N_("left / active again"), N_("Mark the selected volunteer as left (their"
	  " history is kept), or active again"), N_("People"), { 0 }, VOLUNTEERS, LEADS, HINT_NONE },
	{ ACT_RESET_PIN, N_("reset PIN"), N_("Clear the selected volunteer's kiosk PIN and activation"
	  " code; unlock the ID"), N_("People"), { 0 }, VOLUNTEERS, LEADS, HINT_NONE },
	{ ACT_ACTIVATION_CODE, N_("activation code"), N_("Issue a one-time code with which the"
	  " selected volunteer chooses their first kiosk PIN"), N_("People"), { 0 }, VOLUNTEERS, LEADS,
	  HINT_NONE },
	{ ACT_APPROVE_HOURS, N_("hours for approval"), N_("Approve or reject pending hours; log hours"
	  " for anyone"), N_("Tools"), { 'h' }, ALL_PANELS, LEADS, HINT_NONE },
	{ ACT_PARTNERS, N_("partners"), N_("Add and edit partners (NGOs)"), N_("Tools"),
	  { 0 }, ALL_PANELS, LEADS, HINT_NONE },
	{ ACT_ANNOUNCE, N_("announcements"),
	  N_("Post or remove announcements for the floor terminals"), N_("Tools"), { 0 }, ALL_PANELS, LEADS, HINT_NONE },
	{ ACT_EXPORT_REPORT, N_("reports and exports"),
	  N_("Reports, CSV exports, the calendar and sheets to print: show, save or fetch"),
	  N_("Tools"), { 0 }, ALL_PANELS, LEADS, HINT_NONE },
	{ ACT_AUDIT_LOG, N_("audit log"), N_("Who changed what, and when: the audit log, filtered by"
	  " who, what and when (admins)"), N_("Tools"), { 0 }, ALL_PANELS, ADMINS, HINT_NONE },
	{ ACT_OWN_PIN, N_("my PIN"), N_("Set or change your own kiosk PIN"), N_("Tools"),
	  { 'p' }, ALL_PANELS, EVERYONE, HINT_NONE },
	{ ACT_NOTICES, N_("notifications"), N_("Show your recent notifications (the new ones count as"
	  " read then)"), N_("View"), { 'N' }, ALL_PANELS, EVERYONE, HINT_NONE },
	{ ACT_NOTIFY_SETTINGS, N_("notification settings"), N_("Choose the language of your mails,"
	  " switch mail off, pick categories whose new initiatives you hear of"), N_("Tools"),
	  { 0 }, ALL_PANELS, EVERYONE, HINT_NONE },
	{ ACT_NOTIFY_SETTINGS, N_("notification settings"), N_("Choose the language of your mails,"
	  " switch mail off, pick categories whose new initiatives you hear of"), NULL,
	  { 'o' }, OWN_RECORD, AGENTS, HINT_NONE },
	{ ACT_REDRAW, N_("redraw"), N_("Redraw the screen"), N_("View"),
	  { TUI_CTRL('l') }, ALL_PANELS, EVERYONE, HINT_NONE },
	{ ACT_MENU, N_("menu"), N_("Open the menu bar"), NULL,
	  { 'm', TUI_FN(KEY_F(10)) }, ALL_PANELS, EVERYONE, HINT_ALWAYS | HINT_END },
	{ ACT_QUIT, N_("quit"), N_("Quit csrdesk"), N_("View"),
	  { 'q' }, ALL_PANELS, EVERYONE, HINT_ALWAYS | HINT_END },
	{ ACT_HELP, N_("help"), N_("Show the keys that work here"), N_("Help"),
	  { '?', TUI_FN(KEY_F(1)) }, ALL_PANELS, EVERYONE, HINT_ALWAYS | HINT_FIRST },
};

enum { NACTIONS = sizeof actions / sizeof actions[0] };

/* At a kiosk q signs the person out, back to the welcome screen. */
static const tui_action_def kiosk_quit = {
	ACT_QUIT, N_("sign out"), N_("Sign out: back to the welcome screen"), N_("View"),
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

/* The name of a key people read, NULL for a key with none. */
static const char *key_label(int key)
{
	switch (key) {
	/* TRANSLATORS: key names, as on the keyboard; short (a status line
	 * shows them before every hint). */
	case TUI_KEY_ENTER: case '\r': case TUI_FN(KEY_ENTER): return C_("key", "Enter");
	case TUI_KEY_ESC: return C_("key", "Esc");
	case TUI_KEY_TAB: return C_("key", "Tab");
	case ' ': return C_("key", "Space");
	case TUI_FN(KEY_UP): return C_("key", "Up");
	case TUI_FN(KEY_DOWN): return C_("key", "Down");
	case TUI_FN(KEY_LEFT): return C_("key", "Left");
	case TUI_FN(KEY_RIGHT): return C_("key", "Right");
	case TUI_FN(KEY_PPAGE): return C_("key", "PgUp");
	case TUI_FN(KEY_NPAGE): return C_("key", "PgDn");
	case TUI_FN(KEY_HOME): return C_("key", "Home");
	case TUI_FN(KEY_END): return C_("key", "End");
	case TUI_FN(KEY_BTAB): return C_("key", "Shift-Tab");
	default: return NULL;
	}
}

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
		int n = snprintf(out + used, size - used, "%s%s %s", used ? "  " : "", key,
				 _(a->label));
		if (n < 0 || (size_t)n >= size - used)
			break;
		used += (size_t)n;
	}
}

void tui_key_name(int key, char *out, size_t size)
{
	const char *label = key_label(key);
	if (label) {
		snprintf(out, size, "%s", label);
		return;
	}
	int code = key & ~TUI_FN(0);
	if (TUI_IS_FN(key) && code >= KEY_F(1) && code <= KEY_F(63))
		snprintf(out, size, "F%d", code - KEY_F(0));
	else if (!TUI_IS_FN(key) && key > 0 && key < ' ')
		/* TRANSLATORS: a control key, "Ctrl-L" */
		snprintf(out, size, C_("key", "Ctrl-%c"), key + '@');
	else if (!TUI_IS_FN(key) && key > ' ' && key < 0x7f)
		snprintf(out, size, "%c", key);
	else
		/* TRANSLATORS: a key with no name, by its curses code */
		snprintf(out, size, C_("key", "key %d"), code);
}

void tui_action_keys(const tui_action_def *a, char *out, size_t size)
{
	size_t used = 0;
	if (!a->keys[0]) { /* only in the menu bar: "menu Tools" */
		/* TRANSLATORS: an action with no key, reached through a menu of the
		 * menu bar: "menu Tools" */
		snprintf(out, size, _("menu %s"), a->menu ? _(a->menu) : "");
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
