/* SPDX-License-Identifier: MIT */
/* What a person hears of (notification.h): the language of their mails,
 * mail off, and the categories whose new initiatives they are told of,
 * ticked in a list of the config's categories. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csrdesk/i18n.h"
#include "csrdesk/notification.h"
#include "dialog.h"
#include "form.h"
#include "picker.h"
#include "widget.h"

enum { F_LANGUAGE, F_MAIL, F_CATEGORIES, F_COUNT };
enum { LANGUAGES = 3, CHOICE_TEXT = 64, CATEGORIES_TEXT = 512, ITEM_TEXT = CSR_TITLE_MAX + 8 };

/* The stored languages, in the order of the field's choices. */
static const char *const language_codes[LANGUAGES] = { "", "de", "en" };

typedef struct prefs_form {
	tui_app *app;
	csr_notification_prefs prefs; /* as read */
	bool *chosen;                 /* per config category */
	const char *languages[LANGUAGES];
	const char *mail_choices[2];
	char language[CHOICE_TEXT], mail[CHOICE_TEXT], categories[CATEGORIES_TEXT];
	ui_field fields[F_COUNT];
} prefs_form;

static const csr_config *config_of(const prefs_form *f)
{
	return tui_config(f->app);
}

static bool was_chosen(const csr_notification_prefs *p, const char *key)
{
	for (int i = 0; i < p->ncategories; i++)
		if (strcmp(p->categories[i], key) == 0)
			return true;
	return false;
}

/* "Health & well-being, Environmental protection", or "none". */
static void categories_text(prefs_form *f)
{
	const csr_config *cfg = config_of(f);
	size_t used = 0;
	f->categories[0] = '\0';
	for (int i = 0; i < cfg->ncategories && used < sizeof f->categories; i++)
		if (f->chosen[i])
			used += (size_t)snprintf(f->categories + used, sizeof f->categories - used,
						 "%s%s", used ? ", " : "", cfg->categories[i].title);
	if (!used)
		/* TRANSLATORS: the value of the field Categories when none is chosen */
		snprintf(f->categories, sizeof f->categories, "%s", C_("categories", "none"));
}

/* The checklist: Enter ticks or unticks a category, "Done" or Esc ends. */
static bool pick(void *ctx, int field, bool clear)
{
	(void)field;
	prefs_form *f = ctx;
	const csr_config *cfg = config_of(f);
	int n = cfg->ncategories, current = 0;
	char (*text)[ITEM_TEXT] = calloc((size_t)n + 1, sizeof *text);
	const char **items = calloc((size_t)n + 1, sizeof *items);
	for (int i = 0; clear && i < n; i++)
		f->chosen[i] = false;
	while (!clear && text && items) {
		for (int i = 0; i < n; i++) {
			snprintf(text[i], sizeof text[i], "[%s] %s", f->chosen[i] ? "x" : " ",
				 cfg->categories[i].title);
			items[i] = text[i];
		}
		/* TRANSLATORS: the last entry of the list of categories to tick */
		items[n] = _("Done");
		int choice = ui_choose(f->app, _(" New initiatives in "), items, n + 1, current,
				       -1, -1, false);
		if (choice < 0 || choice >= n)
			break;
		f->chosen[choice] = !f->chosen[choice];
		current = choice;
	}
	free(text);
	free(items);
	categories_text(f);
	return true;
}

static void setup_fields(prefs_form *f)
{
	const csr_notification_prefs *p = &f->prefs;
	/* TRANSLATORS: the first choice of the mail language: the language
	 * the configuration sets for everyone; the others are the languages'
	 * own names */
	f->languages[0] = _("as configured");
	f->languages[1] = "Deutsch";
	f->languages[2] = "English";
	f->mail_choices[0] = C_("mail", "on");
	f->mail_choices[1] = C_("mail", "off");
	int lang = 0;
	for (int i = 1; i < LANGUAGES; i++)
		lang = strcmp(p->language, language_codes[i]) == 0 ? i : lang;
	snprintf(f->language, sizeof f->language, "%s", f->languages[lang]);
	snprintf(f->mail, sizeof f->mail, "%s", f->mail_choices[p->mail_off]);
	categories_text(f);
	ui_field fields[F_COUNT] = {
		[F_LANGUAGE] = { _("Mail language"), NULL, 1, f->languages, LANGUAGES, f->language,
				 sizeof f->language, NULL },
		[F_MAIL] = { _("Mail"), NULL, 1, f->mail_choices, 2, f->mail, sizeof f->mail, NULL },
		[F_CATEGORIES] = { _("Categories"), NULL, 1, NULL, 0, f->categories,
				   sizeof f->categories, pick },
	};
	memcpy(f->fields, fields, sizeof fields);
}

/* The ticked categories' keys (a category the config no longer has
 * cannot be chosen: it has no new initiatives either). */
static int chosen_keys(prefs_form *f, char **keys)
{
	const csr_config *cfg = config_of(f);
	int n = 0;
	for (int i = 0; i < cfg->ncategories; i++)
		if (f->chosen[i])
			keys[n++] = (char *)cfg->categories[i].key;
	return n;
}

static int save(void *ctx, ui_field *fields, int nfields, char *msg, size_t size)
{
	(void)fields;
	(void)nfields;
	prefs_form *f = ctx;
	csr_notification_prefs out = { .mail_off = strcmp(f->mail, f->mail_choices[1]) == 0 };
	for (int i = 0; i < LANGUAGES; i++)
		if (strcmp(f->language, f->languages[i]) == 0)
			snprintf(out.language, sizeof out.language, "%s", language_codes[i]);
	char **keys = calloc((size_t)config_of(f)->ncategories + 1, sizeof *keys);
	if (!keys)
		return ui_form_fail(msg, size, UI_FORM_WHOLE, _("out of memory"));
	out.categories = keys;
	out.ncategories = chosen_keys(f, keys);
	csr_err err;
	csr_code rc = csr_notification_prefs_set(f->app->db, f->app->actor.volunteer_id, &out,
						 &err);
	free(keys);
	if (rc != CSR_OK)
		return ui_form_fail(msg, size, UI_FORM_WHOLE, err.msg);
	return UI_FORM_SAVED;
}

/* Reads what the person chose so far. */
static bool prefs_read(prefs_form *f)
{
	csr_err err;
	if (csr_notification_prefs_get(f->app->db, f->app->actor.volunteer_id, &f->prefs, &err) !=
	    CSR_OK) {
		tui_error(f->app, &err);
		return false;
	}
	const csr_config *cfg = config_of(f);
	f->chosen = calloc((size_t)cfg->ncategories + 1, sizeof *f->chosen);
	for (int i = 0; f->chosen && i < cfg->ncategories; i++)
		f->chosen[i] = was_chosen(&f->prefs, cfg->categories[i].key);
	return f->chosen != NULL;
}

bool notify_prefs_run(tui_app *app)
{
	if (!own_record_exists(app))
		return false;
	prefs_form *f = calloc(1, sizeof *f);
	bool saved = false;
	if (!f)
		return false;
	f->app = app;
	if (prefs_read(f)) {
		setup_fields(f);
		saved = ui_form_run(app, _(" Notification settings "), f->fields, F_COUNT, save, f);
	}
	if (saved)
		tui_message(app, "%s", _("Your notification settings are saved"));
	csr_notification_prefs_free(&f->prefs);
	free(f->chosen);
	free(f);
	return saved;
}
