/* SPDX-License-Identifier: MIT */
/* The language people read: see csrdesk/i18n.h. */
#include "csrdesk/i18n.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csrdesk/format.h"
#include "csrdesk/privilege.h"

#define DOMAIN "csrdesk"

#ifndef CSRDESK_LOCALEDIR
#define CSRDESK_LOCALEDIR "/usr/local/share/locale"
#endif

enum { LANGUAGE_MAX = 32 };

/* The languages with a catalogue; English is the source. */
static const char *const known[] = { "en", "de" };

/* Set by csr_i18n_set_language: the language and style then stay. */
static bool fixed;

const char *csr_pgettext(const char *key, const char *text)
{
	const char *t = gettext(key);
	return t == key ? text : t;
}

bool csr_i18n_known(const char *language)
{
	for (size_t i = 0; language && i < sizeof known / sizeof known[0]; i++)
		if (strcmp(language, known[i]) == 0)
			return true;
	return false;
}

static bool names_no_locale(const char *name)
{
	return !name || !*name || strcmp(name, "C") == 0 || strcmp(name, "POSIX") == 0;
}

/* C and C.UTF-8 name a character set but no language (C.UTF-8 is many
 * servers' default): the config's language still applies. */
static bool names_no_language(const char *name)
{
	return names_no_locale(name) || strncmp(name, "C.", 2) == 0;
}

static bool utf8_characters(void)
{
	const char *codeset = nl_langinfo(CODESET);
	return codeset && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

/* Terminals known to show no UTF-8: with them the interface keeps to
 * ASCII, as it does under a locale without UTF-8. */
static bool terminal_without_utf8(void)
{
	static const char *const ascii_only[] = { "dumb", "vt52", "vt100", "vt102", "vt220" };
	const char *term = getenv("TERM");
	for (size_t i = 0; term && i < sizeof ascii_only / sizeof ascii_only[0]; i++)
		if (strcmp(term, ascii_only[i]) == 0)
			return true;
	return false;
}

/* The variable that names the locale of category, as glibc reads them:
 * LC_ALL, then LC_MESSAGES or LC_NUMERIC, then LANG. */
static const char *locale_variable(const char *category)
{
	const char *const order[] = { "LC_ALL", category, "LANG" };
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		const char *v = getenv(order[i]);
		if (v && *v)
			return v;
	}
	return NULL;
}

/* "de_DE.UTF-8@euro" -> "de_DE"; false unless it is letters and '_'. */
static bool language_of(const char *locale, char *out, size_t size)
{
	size_t n = strcspn(locale, ".@");
	if (n == 0 || n >= size || strspn(locale, "abcdefghijklmnopqrstuvwxyz"
					  "ABCDEFGHIJKLMNOPQRSTUVWXYZ_") < n)
		return false;
	memcpy(out, locale, n);
	out[n] = '\0';
	return true;
}

/* gettext ignores LANGUAGE under the C locale, and takes the language
 * from the locale's name otherwise: when the environment asks for a
 * locale this machine lacks ("de_DE.UTF-8" without it generated), or for
 * none, messages go through C.UTF-8 and the language through LANGUAGE. */
static void messages_locale(void)
{
	if (!names_no_locale(setlocale(LC_MESSAGES, "")))
		return;
	setlocale(LC_MESSAGES, "C.UTF-8");
	char language[LANGUAGE_MAX];
	const char *wanted = locale_variable("LC_MESSAGES");
	const char *current = getenv("LANGUAGE");
	if ((!current || !*current) && wanted && !names_no_language(wanted) &&
	    language_of(wanted, language, sizeof language))
		setenv("LANGUAGE", language, 1);
}

static const char *locale_dir(void)
{
	/* Tests run the binary from the build tree; a privileged run never
	 * reads this (csr_getenv), so no user's catalogue reaches it. */
	const char *dir = csr_getenv("CSRDESK_LOCALEDIR");
	return dir && *dir ? dir : CSRDESK_LOCALEDIR;
}

const char *csr_i18n_language(void)
{
	/* The catalogue in use names its language in its header, which is
	 * the translation of the empty text (a variable, so that xgettext
	 * does not take "" for a text to translate). */
	static const char header_id[] = "";
	const char *header = gettext(header_id);
	const char *at = header && *header ? strstr(header, "Language: ") : NULL;
	if (at && strncmp(at + strlen("Language: "), "de", 2) == 0)
		return "de";
	return "en";
}

/* The marks of the environment's own number locale when it is of the
 * language shown (de_CH writes 1'500.5), else the language's. */
static void apply_style(bool from_environment)
{
	const char *shown = csr_i18n_language();
	csr_fmt_style style = strcmp(shown, "de") == 0 ? csr_fmt_german : csr_fmt_english;
	const char *var = from_environment ? locale_variable("LC_NUMERIC") : NULL;
	char language[LANGUAGE_MAX];
	locale_t numbers = var && language_of(var, language, sizeof language) &&
				   strncmp(language, shown, 2) == 0
			   ? newlocale(LC_NUMERIC_MASK, "", (locale_t)0)
			   : (locale_t)0;
	if (numbers) {
		snprintf(style.decimal_mark, sizeof style.decimal_mark, "%s",
			 nl_langinfo_l(RADIXCHAR, numbers));
		snprintf(style.group_mark, sizeof style.group_mark, "%s",
			 nl_langinfo_l(THOUSEP, numbers));
		freelocale(numbers);
	}
	csr_err err;
	if (csr_fmt_set_style(&style, &err) != CSR_OK) /* marks we could not read back */
		csr_fmt_set_style(strcmp(shown, "de") == 0 ? &csr_fmt_german : &csr_fmt_english,
				  &err);
}

void csr_i18n_init(void)
{
	if (names_no_locale(setlocale(LC_CTYPE, "")) && !utf8_characters() &&
	    !terminal_without_utf8())
		setlocale(LC_CTYPE, "C.UTF-8");
	setlocale(LC_TIME, "");
	messages_locale();
	bindtextdomain(DOMAIN, locale_dir());
	bind_textdomain_codeset(DOMAIN, "UTF-8");
	textdomain(DOMAIN);
	apply_style(true);
}

/* Whether the environment names a language for messages. */
static bool environment_names_language(void)
{
	const char *language = getenv("LANGUAGE");
	return (language && *language) || !names_no_language(locale_variable("LC_MESSAGES"));
}

static void use_language(const char *language)
{
	setenv("LANGUAGE", language, 1);
	textdomain(DOMAIN); /* tells gettext to look again */
}

void csr_i18n_default_language(const char *language)
{
	if (fixed || !csr_i18n_known(language) || environment_names_language())
		return;
	use_language(language);
	apply_style(false);
}

csr_code csr_i18n_set_language(const char *language, csr_err *err)
{
	if (!csr_i18n_known(language))
		return csr_fail(err, CSR_EINVAL, _("unknown language '%s': csrdesk speaks de and en"),
				language ? language : "");
	fixed = true;
	use_language(language);
	apply_style(false);
	return CSR_OK;
}
