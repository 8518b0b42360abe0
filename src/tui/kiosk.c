/* SPDX-License-Identifier: MIT */
/* Kiosk mode: the welcome screen, signing in by employee ID and PIN (a
 * first PIN with a lead's activation code), and signing out on q or after
 * the idle timeout. */
#include "kiosk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csrdesk/announcement.h"
#include "csrdesk/clock.h"
#include "csrdesk/format.h"
#include "csrdesk/i18n.h"
#include "csrdesk/initiative.h"
#include "csrdesk/text.h"
#include "csrdesk/volunteer.h"
#include "action.h"
#include "edit.h"
#include "ui.h"

enum {
	NEWS_MAX = 5,          /* announcements shown */
	NEWS_BODY_LINES = 2,   /* lines of each announcement's text */
	OPEN_READ = 40,        /* upcoming open initiatives read ... */
	OPEN_MAX = 20,         /* ... of which those with free places are kept */
	LABEL_WIDTH = 13,      /* "Employee ID" and a gap, at least */
	FIELD_WIDTH = 24,
	SIGN_IN_ROWS = 4,      /* a line, the ID, the PIN, the status line */
	USER_WIDTH = 30,       /* columns of the name in the tab line */
};

/* Where the person is in signing in: with no PIN yet, the activation code
 * comes before choosing one. */
typedef enum step { STEP_ID, STEP_PIN, STEP_CODE, STEP_NEW_PIN, STEP_PIN_AGAIN } step;

/* An upcoming open initiative with free places, for the welcome screen. */
typedef struct open_item {
	char title[CSR_INITIATIVE_TITLE_MAX];
	int64_t starts_at;
	int free;
} open_item;

struct kiosk {
	step step;
	ui_edit id;                              /* the employee ID being typed */
	char employee_id[CSR_EMPLOYEE_ID_MAX];   /* the ID the PIN is for */
	char pin[CSR_PIN_MAX + 1], first_pin[CSR_PIN_MAX + 1];
	char code[CSR_ACTIVATION_DIGITS + 1]; /* the activation code's digits */
	bool signed_in;
	bool timed_out; /* the last person was signed out for being idle */
	int64_t last_key_ms;
	int cursor_y, cursor_x;
	csr_announcement news[NEWS_MAX];
	int nnews;
	open_item open[OPEN_MAX];
	int nopen;
};

bool kiosk_open(tui_app *app)
{
	kiosk *k = calloc(1, sizeof *k);
	if (!k || !ui_edit_init(&k->id, "", CSR_EMPLOYEE_ID_MAX - 1)) {
		free(k);
		return false;
	}
	app->kiosk = k;
	tui_action_set_kiosk(true);
	return true;
}

static void wipe_pins(kiosk *k)
{
	explicit_bzero(k->pin, sizeof k->pin);
	explicit_bzero(k->first_pin, sizeof k->first_pin);
	explicit_bzero(k->code, sizeof k->code);
}

void kiosk_close(tui_app *app)
{
	kiosk *k = app->kiosk;
	if (!k)
		return;
	wipe_pins(k);
	ui_edit_free(&k->id);
	free(k);
	app->kiosk = NULL;
	tui_action_set_kiosk(false);
}

bool kiosk_signed_in(const tui_app *app)
{
	return app->kiosk && app->kiosk->signed_in;
}

void kiosk_touch(tui_app *app)
{
	if (app->kiosk)
		app->kiosk->last_key_ms = tui_ms();
}

static bool idle_too_long(const tui_app *app)
{
	int64_t limit = (int64_t)tui_config(app)->kiosk.idle_timeout * 1000;
	return tui_ms() - app->kiosk->last_key_ms >= limit;
}

bool kiosk_idle(tui_app *app)
{
	kiosk *k = app->kiosk;
	if (!k || !k->signed_in)
		return false;
	if (!app->sign_out && idle_too_long(app)) {
		k->timed_out = true;
		app->sign_out = true;
	}
	return app->sign_out;
}

/* ---- what the welcome screen shows ---- */

static void load_news(tui_app *app, kiosk *k)
{
	csr_err err;
	if (csr_announcement_current(app->db, k->news, NEWS_MAX, &k->nnews, &err) != CSR_OK) {
		k->nnews = 0;
		tui_error(app, &err);
	}
}

static void load_open(tui_app *app, kiosk *k)
{
	csr_initiative_query q = { .status = CSR_INITIATIVE_OPEN, .when = CSR_WHEN_UPCOMING };
	csr_initiative *rows = calloc(OPEN_READ, sizeof *rows);
	int n = 0;
	csr_err err;
	k->nopen = 0;
	if (!rows)
		return;
	if (csr_initiative_page(app->db, &q, 0, 0, false, rows, OPEN_READ, &n, &err) != CSR_OK)
		tui_error(app, &err);
	int64_t now = csr_now();
	for (int i = 0; i < n && k->nopen < OPEN_MAX; i++) {
		const csr_initiative *in = &rows[i];
		if (in->starts_at <= now || in->confirmed >= in->capacity)
			continue; /* started or full: nothing to sign up for here */
		open_item *o = &k->open[k->nopen++];
		snprintf(o->title, sizeof o->title, "%s", in->title);
		o->starts_at = in->starts_at;
		o->free = in->capacity - in->confirmed;
	}
	free(rows);
}

static void load(tui_app *app, kiosk *k)
{
	load_news(app, k);
	load_open(app, k);
}

/* ---- drawing ---- */

static void draw_bar(void)
{
	char now[CSR_TIME_TEXT_MAX];
	csr_time_format(csr_now(), now, sizeof now);
	ui_blank(stdscr, 0, 0, COLS, ui_attr(UI_BAR));
	int x = ui_text(stdscr, 0, 1, COLS - 2, "csrdesk", ui_attr(UI_BAR) | A_BOLD, false) + 1;
	int room = COLS - x - ui_width(now) - 2;
	/* TRANSLATORS: after "csrdesk" in the kiosk's top line */
	const char *what = _("  CSR volunteering");
	if (room >= ui_width(what))
		ui_text(stdscr, 0, x, room, what, ui_attr(UI_BAR), false);
	ui_text_right(stdscr, 0, x, COLS - x - 1, now, ui_attr(UI_BAR));
}

/* Draws one line at y when it is above limit; returns the next row. */
static int put(int y, int limit, int x, const char *text, attr_t attr)
{
	if (y < limit)
		ui_text(stdscr, y, x, COLS - x - 1, text, attr, false);
	return y + 1;
}

/* An announcement: its title, then a few lines of its text ("..." when
 * there is more). */
static int draw_one_news(const csr_announcement *a, int y, int limit)
{
	char clean[CSR_ANNOUNCEMENT_BODY_MAX], line[CSR_ANNOUNCEMENT_BODY_MAX + 4];
	y = put(y, limit, 2, a->title, A_BOLD);
	ui_clean(a->body, clean, sizeof clean);
	const char *p = clean;
	for (int i = 0; i < NEWS_BODY_LINES && y < limit; i++) {
		if (!ui_wrap(&p, COLS - 10, line, sizeof line - 4))
			break;
		if (*p && (i == NEWS_BODY_LINES - 1 || y + 1 == limit))
			strcat(line, " ..."); /* there is more */
		y = put(y, limit, 4, line, A_NORMAL);
	}
	return y;
}

/* The news in rows [y, limit); returns the row after them. */
static int draw_news(const kiosk *k, int y, int limit)
{
	y = put(y, limit, 1, _("News"), ui_attr(UI_TITLE));
	for (int i = 0; i < k->nnews && y < limit; i++)
		y = draw_one_news(&k->news[i], y, limit);
	return y;
}

/* Rows the news would take in full. */
static int news_rows(const kiosk *k)
{
	int rows = 1;
	char clean[CSR_ANNOUNCEMENT_BODY_MAX], line[CSR_ANNOUNCEMENT_BODY_MAX];
	for (int i = 0; i < k->nnews; i++) {
		ui_clean(k->news[i].body, clean, sizeof clean);
		const char *p = clean;
		rows++;
		for (int n = 0; n < NEWS_BODY_LINES && ui_wrap(&p, COLS - 10, line, sizeof line); n++)
			rows++;
	}
	return rows;
}

static void draw_open_item(const open_item *o, int y)
{
	char when[CSR_TIME_TEXT_MAX], count[CSR_FMT_NUMBER_MAX], free_text[CSR_FMT_NUMBER_MAX + 16];
	bool wide = COLS >= 64;
	if (wide)
		csr_time_format(o->starts_at, when, sizeof when);
	else
		csr_date_format(o->starts_at, when, sizeof when);
	csr_fmt_count(o->free, count, sizeof count);
	/* TRANSLATORS: free places of an initiative; the short form on a
	 * narrow screen */
	snprintf(free_text, sizeof free_text,
		 wide ? csr_plural(o->free, "%s place left", "%s places left")
		      : csr_plural(o->free, "%s left", "%s left"),
		 count);
	int when_w = ui_width(when) + 2, free_w = ui_width(free_text);
	ui_text(stdscr, y, 2, when_w, when, ui_attr(UI_DIM), false);
	ui_text(stdscr, y, 2 + when_w, COLS - 5 - when_w - free_w, o->title, A_NORMAL, false);
	ui_text_right(stdscr, y, COLS - 2 - free_w, free_w, free_text, ui_attr(UI_GOOD));
}

static void draw_open(const kiosk *k, int y, int limit)
{
	y = put(y, limit, 1, _("Coming up, with free places"), ui_attr(UI_TITLE));
	if (k->nopen == 0)
		put(y, limit, 2, _("No open initiatives with free places right now."),
		    ui_attr(UI_DIM));
	int shown = k->nopen <= limit - y ? k->nopen : limit - y - 1;
	for (int i = 0; i < shown; i++)
		draw_open_item(&k->open[i], y + i);
	if (shown >= 0 && shown < k->nopen)
		put(y + shown, limit, 2, _("and more: sign in to see them all"), ui_attr(UI_DIM));
}

/* The greeting, the news and the initiatives in rows [top, bottom): the
 * news take at most half the room when there are initiatives to show, and
 * on a small screen the greeting and the blank lines go first. */
static void draw_body(const kiosk *k, int top, int bottom)
{
	const char *hello_long = _("Welcome! Sign in below to sign up for an"
				   " initiative, see your places and log your hours.");
	int y = top;
	bool roomy = bottom - top >= 12;
	if (roomy) {
		const char *hello = ui_width(hello_long) <= COLS - 2
					    ? hello_long : _("Welcome! Sign in below to take part.");
		y = put(y, bottom, 1, hello, ui_attr(UI_TITLE)) + 1;
	}
	int room = bottom - y - (roomy ? 1 : 0);
	int news = k->nnews == 0 ? 0 : k->nopen == 0 ? room : news_rows(k);
	if (k->nopen > 0 && news > room / 2)
		news = room / 2;
	if (news >= 2)
		y = draw_news(k, y, y + news) + (roomy ? 1 : 0);
	draw_open(k, y, bottom);
}

static const char *pin_label(step s)
{
	/* TRANSLATORS: labels of the sign-in fields at the kiosk: short */
	switch (s) {
	case STEP_CODE: return _("Code");
	case STEP_NEW_PIN: return _("New PIN");
	case STEP_PIN_AGAIN: return _("PIN again");
	default: return _("PIN");
	}
}

/* What was typed of a PIN or code, masked; a code in groups of four. */
static void masked(const kiosk *k, char *out, size_t size)
{
	bool code = k->step == STEP_CODE;
	const char *typed = code ? k->code : k->pin;
	size_t n = 0;
	for (size_t i = 0; typed[i] && n + 2 < size; i++) {
		if (code && i > 0 && i % 4 == 0)
			out[n++] = '-';
		out[n++] = '*';
	}
	out[n] = '\0';
}

/* The column of the fields: after the widest label (they are longer in
 * German), within a third of the screen. */
static int label_width(void)
{
	static const step steps[] = { STEP_PIN, STEP_CODE, STEP_NEW_PIN, STEP_PIN_AGAIN };
	int w = ui_width(_("Employee ID"));
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
		w = ui_width(pin_label(steps[i])) > w ? ui_width(pin_label(steps[i])) : w;
	w += 2;
	w = w < LABEL_WIDTH ? LABEL_WIDTH : w;
	return w < COLS / 3 ? w : COLS / 3 > LABEL_WIDTH ? COLS / 3 : LABEL_WIDTH;
}

/* The ID and (in the later steps) the PIN or code, masked; notes where the
 * cursor goes. */
static void draw_sign_in(kiosk *k, int y)
{
	int label_w = label_width();
	int width = COLS - label_w - 3 < FIELD_WIDTH ? COLS - label_w - 3 : FIELD_WIDTH;
	ui_hline(stdscr, y, 0, COLS);
	/* TRANSLATORS: the label of the ID field at the kiosk (short: at most
	 * a third of the screen) */
	ui_text(stdscr, y + 1, 2, label_w, _("Employee ID"),
		ui_attr(k->step == STEP_ID ? UI_LABEL : UI_NORMAL), false);
	ui_edit_draw(&k->id, stdscr, y + 1, 2 + label_w, 1, width,
		     ui_attr(k->step == STEP_ID ? UI_FIELD_ACTIVE : UI_FIELD), &k->cursor_y,
		     &k->cursor_x);
	if (k->step == STEP_ID)
		return;
	char stars[CSR_PIN_MAX + CSR_ACTIVATION_DIGITS];
	masked(k, stars, sizeof stars);
	int n = (int)strlen(stars);
	ui_text(stdscr, y + 2, 2, label_w, pin_label(k->step), ui_attr(UI_LABEL), false);
	ui_blank(stdscr, y + 2, 2 + label_w, width, ui_attr(UI_FIELD_ACTIVE));
	ui_text(stdscr, y + 2, 2 + label_w, width - 1, stars, ui_attr(UI_FIELD_ACTIVE), false);
	k->cursor_y = y + 2;
	k->cursor_x = 2 + label_w + (n < width - 1 ? n : width - 1);
}

static const char *step_hint(step s)
{
	switch (s) {
	case STEP_PIN: return _("Type your PIN, then Enter.  Esc: back to the ID");
	case STEP_CODE:
		return _("No PIN yet: type the activation code from your team lead (ask them for"
			 " one)");
	case STEP_NEW_PIN: return _("Choose a PIN of at least 6 digits, then Enter");
	case STEP_PIN_AGAIN: return _("Type the same PIN again, then Enter");
	default: return _("Type your employee ID, then Enter");
	}
}

/* The PINs and the activation code data/demo.sql gives the demo's people. */
static const char demo_hint[] = N_("Demo: E1001-E1060 PIN 123456; E1061-E1066 code 1234-5678-9012");

static void draw_status(tui_app *app, const kiosk *k)
{
	int y = LINES - 1;
	ui_role role = !app->message[0] ? UI_BAR : app->message_error ? UI_ERROR : UI_MESSAGE;
	const char *hint = app->opts->demo && k->step == STEP_ID ? _(demo_hint) : step_hint(k->step);
	ui_blank(stdscr, y, 0, COLS, ui_attr(role));
	ui_text(stdscr, y, 1, COLS - 2, app->message[0] ? app->message : hint, ui_attr(role),
		false);
}

/* Like the main screen's notice, without "q quits": nothing leaves a kiosk. */
static void draw_too_small(kiosk *k)
{
	/* TRANSLATORS: shown on a screen too small for csrdesk: short lines,
	 * at most 30 columns each */
	const char *lines[] = { _("Terminal too small"), _("csrdesk needs at least 40x12") };
	for (int i = 0; i < 2 && i < LINES; i++) {
		int w = ui_width(lines[i]);
		int x = w < COLS ? (COLS - w) / 2 : 0;
		ui_text(stdscr, LINES / 2 - 1 + i, x, COLS - x, lines[i], A_NORMAL, false);
	}
	k->cursor_y = k->cursor_x = 0;
}

void kiosk_draw(tui_app *app)
{
	kiosk *k = app->kiosk;
	werase(stdscr);
	if (LINES < TUI_MIN_ROWS || COLS < TUI_MIN_COLS) {
		draw_too_small(k);
		return;
	}
	int sign_y = LINES - SIGN_IN_ROWS;
	draw_bar();
	draw_body(k, 2, sign_y - 1);
	draw_sign_in(k, sign_y);
	draw_status(app, k);
}

/* ---- signing in ---- */

static void start_over(kiosk *k, bool clear_id)
{
	wipe_pins(k);
	k->step = STEP_ID;
	if (clear_id)
		ui_edit_set(&k->id, "");
}

static void signed_in(tui_app *app, kiosk *k, const csr_actor *actor)
{
	csr_volunteer v;
	const char *name = csr_volunteer_find(app->db, k->employee_id, &v, NULL) == CSR_OK
				   ? v.name : k->employee_id;
	app->actor = *actor;
	csr_db_set_actor(app->db, actor);
	csr_text_fit(name, USER_WIDTH, ui_ascii(), app->user, sizeof app->user);
	k->signed_in = true;
	k->timed_out = false;
	k->last_key_ms = tui_ms();
	start_over(k, true);
	/* TRANSLATORS: the greeting after signing in at the kiosk; s, 2 and q
	 * are keys */
	tui_message(app, _("Hello %s! s signs you up, 2 shows your places, q signs you out"),
		    app->user);
}

/* After a refused PIN: locked IDs start over, others may try again. */
static void pin_refused(tui_app *app, kiosk *k, const csr_err *err)
{
	csr_volunteer v;
	tui_error(app, err);
	bool locked = csr_volunteer_find(app->db, k->employee_id, &v, NULL) == CSR_OK && v.locked;
	wipe_pins(k);
	if (locked)
		start_over(k, true);
}

static void sign_in(tui_app *app, kiosk *k, const char *pin)
{
	csr_actor actor;
	bool needs_pin = false;
	csr_err err;
	csr_code rc = csr_auth_kiosk(app->db, k->employee_id, pin, &actor, &needs_pin, &err);
	if (rc == CSR_OK)
		signed_in(app, k, &actor);
	else if (needs_pin) { /* a lead reset it meanwhile */
		wipe_pins(k);
		k->step = STEP_CODE;
		tui_error(app, &err);
	} else if (pin)
		pin_refused(app, k, &err);
	else
		tui_error(app, &err);
}

static void submit_id(tui_app *app, kiosk *k)
{
	char typed[CSR_EMPLOYEE_ID_MAX];
	ui_edit_text(&k->id, typed, sizeof typed);
	csr_text_trim(typed, k->employee_id, sizeof k->employee_id);
	csr_volunteer v;
	csr_err err;
	if (!k->employee_id[0]) {
		tui_message(app, "%s", _("Type your employee ID first"));
		return;
	}
	csr_code rc = csr_volunteer_find(app->db, k->employee_id, &v, &err);
	if (rc == CSR_ENOTFOUND || (rc == CSR_OK && !v.active)) {
		tui_message(app,
			    _("No active volunteer has employee ID %s: check it, or ask a team lead"),
			    k->employee_id);
		app->message_error = true;
		ui_edit_set(&k->id, ""); /* the next person types theirs afresh */
	} else if (rc != CSR_OK)
		tui_error(app, &err);
	else if (!tui_config(app)->kiosk.require_pin)
		sign_in(app, k, NULL);
	else if (v.locked) {
		tui_message(app, _("ID %s is locked after too many wrong PINs or codes; ask a team"
				   " lead to reset it"), k->employee_id);
		app->message_error = true;
		ui_edit_set(&k->id, "");
	} else
		k->step = v.has_pin ? STEP_PIN : STEP_CODE;
}

/* The code is checked (a wrong one counts like a wrong PIN) before the
 * person chooses a PIN with it. */
static void submit_code(tui_app *app, kiosk *k)
{
	csr_err err;
	if (strlen(k->code) < CSR_ACTIVATION_DIGITS) {
		tui_message(app, _("An activation code has %d digits; ask your team lead for one"),
			    CSR_ACTIVATION_DIGITS);
		app->message_error = true;
		return;
	}
	csr_code rc = csr_auth_check_activation(app->db, k->employee_id, k->code, &err);
	if (rc == CSR_OK) {
		k->step = STEP_NEW_PIN;
		tui_message(app, _("Code accepted: choose a PIN of at least %d digits, then Enter"),
			    CSR_PIN_MIN);
	} else if (rc == CSR_EDENIED || rc == CSR_EINVAL) /* wrong (perhaps now locked) */
		pin_refused(app, k, &err);
	else { /* none issued, expired: nothing to try again */
		tui_error(app, &err);
		start_over(k, true);
	}
}

static void submit_new_pin(tui_app *app, kiosk *k)
{
	if (strlen(k->pin) < CSR_PIN_MIN) {
		tui_message(app, _("A PIN has at least %d digits"), CSR_PIN_MIN);
		app->message_error = true;
		return;
	}
	memcpy(k->first_pin, k->pin, sizeof k->pin);
	explicit_bzero(k->pin, sizeof k->pin);
	k->step = STEP_PIN_AGAIN;
}

static void submit_pin_again(tui_app *app, kiosk *k)
{
	csr_err err;
	if (strcmp(k->pin, k->first_pin) != 0) {
		explicit_bzero(k->pin, sizeof k->pin); /* the code stays: it is not used up */
		explicit_bzero(k->first_pin, sizeof k->first_pin);
		k->step = STEP_NEW_PIN;
		tui_message(app, "%s", _("The two PINs differ: choose a PIN again"));
		app->message_error = true;
	} else if (csr_auth_set_pin_with_code(app->db, k->employee_id, k->code, k->pin, &err) !=
		   CSR_OK) {
		tui_error(app, &err);
		start_over(k, false);
	} else
		sign_in(app, k, k->pin);
	wipe_pins(k);
}

static void submit(tui_app *app, kiosk *k)
{
	switch (k->step) {
	case STEP_ID: submit_id(app, k); break;
	case STEP_CODE: submit_code(app, k); break;
	case STEP_NEW_PIN: submit_new_pin(app, k); break;
	case STEP_PIN_AGAIN: submit_pin_again(app, k); break;
	case STEP_PIN:
		if (k->pin[0])
			sign_in(app, k, k->pin);
		else
			tui_message(app, "%s", _("Type your PIN first"));
		break;
	}
}

/* A key in a PIN or code step: digits only; they never show. The dashes
 * and spaces of a code may be typed and are left out. */
static void pin_key(tui_app *app, kiosk *k, int key)
{
	bool code = k->step == STEP_CODE;
	char *buf = code ? k->code : k->pin;
	size_t max = code ? CSR_ACTIVATION_DIGITS : CSR_PIN_MAX, n = strlen(buf);
	if (key >= '0' && key <= '9' && n < max) {
		buf[n] = (char)key;
		buf[n + 1] = '\0';
	} else if ((key == TUI_FN(KEY_BACKSPACE) || key == 127 || key == 8) && n > 0)
		buf[n - 1] = '\0';
	else if (key == TUI_CTRL('u'))
		explicit_bzero(buf, max + 1);
	else if (code && (key == '-' || key == ' '))
		return;
	else if (!TUI_IS_FN(key) && key > ' ' && key != 127)
		tui_message(app, "%s",
			    code ? _("An activation code is digits only") : _("A PIN is digits only"));
}

/* No key leaves the welcome screen: q and Ctrl-C are typed or ignored. */
static void welcome_key(tui_app *app, kiosk *k, int key)
{
	app->message[0] = '\0';
	if (tui_is_enter(key))
		submit(app, k);
	else if (key == TUI_KEY_ESC)
		start_over(k, k->step == STEP_ID);
	else if (k->step == STEP_ID)
		ui_edit_key(&k->id, key);
	else
		pin_key(app, k, key);
}

/* Reads what changed, and forgets a half-typed sign-in left behind. */
static void welcome_tick(tui_app *app, kiosk *k)
{
	if (tui_poll(app))
		load(app, k);
	if ((k->step != STEP_ID || k->id.len > 0) && idle_too_long(app)) {
		start_over(k, true);
		app->message[0] = '\0';
	}
}

static void welcome_show(tui_app *app, kiosk *k)
{
	tui_draw_base(app);
	wmove(stdscr, k->cursor_y, k->cursor_x);
	wnoutrefresh(stdscr);
	doupdate();
}

bool kiosk_welcome(tui_app *app)
{
	kiosk *k = app->kiosk;
	k->last_key_ms = tui_ms();
	load(app, k); /* this terminal's own sign-ups do not change data_version */
	curs_set(1);
	while (!k->signed_in && !app->quit) {
		welcome_show(app, k);
		int key = 0;
		switch (tui_read(app, &key)) {
		case TUI_EV_KEY: welcome_key(app, k, key); break;
		case TUI_EV_RESIZE: tui_resized(app); break;
		case TUI_EV_TICK: welcome_tick(app, k); break;
		case TUI_EV_QUIT: break;
		}
	}
	curs_set(0);
	return k->signed_in;
}

void kiosk_forget(tui_app *app)
{
	kiosk *k = app->kiosk;
	csr_actor nobody = { .role = CSR_ROLE_AGENT, .name = "kiosk" };
	app->actor = nobody;
	csr_db_set_actor(app->db, &nobody);
	app->user[0] = '\0';
	app->sign_out = false;
	k->signed_in = false;
	start_over(k, true);
	if (k->timed_out)
		tui_message(app,
			    csr_plural(tui_config(app)->kiosk.idle_timeout,
				       "Signed out after %d second without a key. Sign in to go on.",
				       "Signed out after %d seconds without a key. Sign in to go on."),
			    tui_config(app)->kiosk.idle_timeout);
	else
		tui_message(app, "%s", _("You are signed out. Thank you!"));
	k->timed_out = false;
	clearok(curscr, TRUE); /* nothing of the person may linger on the screen */
}
