/* SPDX-License-Identifier: MIT */
/* csrdesk — the language people read. Every text a person reads goes
 * through gettext (glibc's libintl) with the catalogue "csrdesk"; the
 * source texts are English, po/de.po holds the German ones.
 *
 * In the code:
 * - _("text") translates where the text is used;
 * - N_("text") marks a text in a static table, translated where it is
 *   shown (_(table[i].label));
 * - C_("context", "text") when one English word needs two German ones
 *   ("Open" the state, "Open" the action);
 * - csr_plural(n, "%s row", "%s rows") (format.h) for counts: ngettext.
 * xgettext knows these keywords (po/meson.build); the test po_complete
 * fails when a marked text has no German translation.
 *
 * The language follows the locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG);
 * the config's `language` is the default when the environment names none
 * (a kiosk), and `report --lang` sets one for a report. The style of
 * numbers and dates (format.h) goes with it. */
#ifndef CSRDESK_I18N_H
#define CSRDESK_I18N_H

#include <libintl.h>
#include <stdbool.h>

#include "csrdesk/status.h"

#define _(text) gettext(text)
#define N_(text) text
#define C_(context, text) csr_pgettext(context "\004" text, text)

/* gettext for a text with a context: key is "context\004text". */
const char *csr_pgettext(const char *key, const char *text) __attribute__((format_arg(2)));

/* At start, before any text is shown: the locale from the environment
 * for characters, messages and dates; a UTF-8 character set even when the
 * environment names no locale (C.UTF-8), unless TERM names a terminal
 * without UTF-8; the catalogue; the number style of the language. */
void csr_i18n_init(void);

/* The config's default language ("de", "en"; "" for none): used only when
 * the environment names no language. */
void csr_i18n_default_language(const char *language);

/* A language for this run whatever the environment says (report --lang):
 * "de" or "en". Refuses any other with a message that lists them. */
csr_code csr_i18n_set_language(const char *language, csr_err *err);

/* The language of the texts shown: "de" or "en". */
const char *csr_i18n_language(void);

/* Whether text is a language csrdesk has ("de", "en"). */
bool csr_i18n_known(const char *language);

#endif
