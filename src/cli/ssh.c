/* SPDX-License-Identifier: MIT */
/* --ssh: the command a person gave to ssh (sshd's ForceCommand puts it in
 * SSH_ORIGINAL_COMMAND) runs only when it is one of a few read-only
 * subcommands. No shell ever sees it: the words are split on blanks, with
 * no quotes, escapes, globbing or variables; each word is checked, and the
 * options' values go on to the subcommand's own parser. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "csrdesk/i18n.h"
#include "csrdesk/text.h"

/* What may follow the first word: one kind word (or none), with ids the
 * ids (whole numbers) after it, and options that each take a value, as
 * "--name VALUE" or "--name=VALUE". */
typedef struct ssh_shape {
	const char *command;
	const char *const *kinds;   /* the one word after the command; NULL: none */
	const char *const *options; /* names without "--" */
	const char *synopsis;
	bool ids;                   /* whole numbers follow the kind word */
} ssh_shape;

static const char *const csv_kinds[] = { "volunteers", "initiatives", "signups", "hours", "impact",
					 NULL };
static const char *const ics_kind[] = { "ics", NULL };
static const char *const sheet_kind[] = { "sheet", NULL };
static const char *const me_kind[] = { "me", NULL };
static const char *const report_options[] = { "period", "team", "format", "lang", "excel",
					     "no-excel", NULL };
/* The options that take no value. */
static const char *const flags[] = { "excel", "no-excel", "me", NULL };
static const char *const csv_options[] = { "format", "excel", "no-excel", NULL };
static const char *const ics_options[] = { "volunteer", "me", NULL };
static const char *const sheet_options[] = { "format", "kind", "lang", NULL };

/* The allow-list. Global options (--config, --db, --demo, --kiosk) are
 * never on it: the first word must be a command, and each command's
 * options are named here. */
static const ssh_shape shapes[] = {
	{ "report", NULL, report_options,
	  "report [--period P] [--team T] [--format text|md|csv|html] [--lang de|en]"
	  " [--excel]", false },
	{ "export", csv_kinds, csv_options,
	  "export volunteers|initiatives|signups|hours|impact [--format csv] [--excel]", false },
	{ "export", ics_kind, ics_options, "export ics [--me | --volunteer EMPLOYEE_ID]", false },
	{ "export", sheet_kind, sheet_options,
	  "export sheet INITIATIVE_ID... [--format html|text] [--kind signup|attendance]"
	  " [--lang de|en]", true },
	{ "export", me_kind, NULL, "export me", false },
};
enum { SHAPES = sizeof shapes / sizeof shapes[0] };

static bool refuse(cli_ssh_command *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Fills cmd->refusal with why, then what is allowed; returns false. */
static bool refuse(cli_ssh_command *cmd, const char *fmt, ...)
{
	char why[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	char allowed[sizeof cmd->refusal] = "";
	size_t n = 0;
	for (int i = 0; i < SHAPES && n < sizeof allowed; i++)
		n += (size_t)snprintf(allowed + n, sizeof allowed - n, " %s,", shapes[i].synopsis);
	/* TRANSLATORS: why the command was refused; then the commands allowed,
	 * each after a space and followed by a comma (" report ...,"). */
	snprintf(cmd->refusal, sizeof cmd->refusal,
		 _("%s; over SSH only these commands run:%s help, version; connect without a"
		   " command for the interface"), why, allowed);
	cmd->argc = 0;
	return false;
}

static bool split_words(const char *line, cli_ssh_command *cmd)
{
	if (strlen(line) >= sizeof cmd->buf)
		return refuse(cmd, _("the command is longer than %zu bytes"), sizeof cmd->buf - 1);
	strcpy(cmd->buf, line);
	for (char *p = cmd->buf + strspn(cmd->buf, " \t"); *p; p += strspn(p, " \t")) {
		if (cmd->argc == CLI_SSH_MAX_WORDS)
			return refuse(cmd, _("the command has more than %d words"), CLI_SSH_MAX_WORDS);
		cmd->argv[cmd->argc++] = p;
		p += strcspn(p, " \t");
		if (*p)
			*p++ = '\0';
	}
	cmd->argv[cmd->argc] = NULL;
	return true;
}

static bool check_characters(cli_ssh_command *cmd)
{
	for (int i = 0; i < cmd->argc; i++)
		if (!csr_text_is_safe(cmd->argv[i]))
			return refuse(cmd, _("word %d of the command has a control character or"
					     " is not UTF-8"), i + 1);
	return true;
}

/* Quotes and backslashes would mean something to a shell, and someone
 * who types them expects that meaning: refuse rather than take them as
 * data. */
static bool check_quotes(cli_ssh_command *cmd)
{
	for (int i = 1; i < cmd->argc; i++)
		if (strpbrk(cmd->argv[i], "'\"\\`"))
			return refuse(cmd, _("'%s': quotes and backslashes are not understood (no"
					     " shell: words are split on blanks)"), cmd->argv[i]);
	return true;
}

static bool listed(const char *word, size_t len, const char *const *list)
{
	for (; list && *list; list++)
		if (strlen(*list) == len && strncmp(word, *list, len) == 0)
			return true;
	return false;
}

/* The shape of command whose kind word is kind (NULL: it has none). */
static const ssh_shape *find_shape(const char *command, const char *kind)
{
	for (int i = 0; i < SHAPES; i++) {
		const ssh_shape *s = &shapes[i];
		if (strcmp(s->command, command) != 0)
			continue;
		if (kind ? listed(kind, strlen(kind), s->kinds) : !s->kinds)
			return s;
	}
	return NULL;
}

static bool is_command(const char *word)
{
	for (int i = 0; i < SHAPES; i++)
		if (strcmp(shapes[i].command, word) == 0)
			return true;
	return false;
}

static bool is_option(const char *word)
{
	return word[0] == '-';
}

/* Like getopt_long: "--name" takes the next word, whatever it is, unless
 * it is a flag; "--name=VALUE" does not. */
static int value_words(const char *option)
{
	if (strchr(option, '='))
		return 0;
	return option[0] == '-' && option[1] == '-' && listed(option + 2, strlen(option + 2), flags)
		       ? 0
		       : 1;
}

static bool is_id(const char *word)
{
	return word[0] && strspn(word, "0123456789") == strlen(word);
}

/* The kind word (NULL: none); refuses one the command does not take and
 * a second word that is no option (or, where the kind takes ids, no id). */
static bool find_kind(cli_ssh_command *cmd, const char **kind)
{
	*kind = NULL;
	for (int i = 1; i < cmd->argc; i++) {
		const char *w = cmd->argv[i];
		if (is_option(w))
			i += value_words(w);
		else if (*kind && find_shape(cmd->argv[0], *kind)->ids && is_id(w))
			continue;
		else if (*kind)
			/* TRANSLATORS: a word; then the command and its kind (export ics). */
			return refuse(cmd, _("'%s' is not allowed after %s %s"), w, cmd->argv[0],
				      *kind);
		else if (!find_shape(cmd->argv[0], w))
			return refuse(cmd, _("'%s' is not allowed after %s"), w, cmd->argv[0]);
		else
			*kind = w;
	}
	return true;
}

static bool check_options(cli_ssh_command *cmd, const ssh_shape *s, const char *kind)
{
	for (int i = 1; i < cmd->argc; i++) {
		const char *w = cmd->argv[i];
		if (!is_option(w))
			continue;
		bool allowed = w[1] == '-' && listed(w + 2, strcspn(w + 2, "="), s->options);
		if (!allowed && kind)
			/* TRANSLATORS: an option; then the command and its kind. */
			return refuse(cmd, _("'%s' is not allowed with %s %s"), w, s->command, kind);
		if (!allowed)
			return refuse(cmd, _("'%s' is not allowed with %s"), w, s->command);
		i += value_words(w);
	}
	return true;
}

/* word is name or --name. The bare word is there because ssh takes
 * "ssh SERVER --help" for an option of its own. */
static bool is_builtin(const char *word, const char *name)
{
	if (strncmp(word, "--", 2) == 0)
		word += 2;
	return strcmp(word, name) == 0;
}

static bool check_command(cli_ssh_command *cmd)
{
	const char *command = cmd->argv[0];
	if (cmd->argc == 1 && (is_builtin(command, "help") || is_builtin(command, "version")))
		return true;
	if (!is_command(command))
		return refuse(cmd, _("'%s' is not allowed"), command);
	const char *kind;
	if (!check_quotes(cmd) || !find_kind(cmd, &kind))
		return false;
	const ssh_shape *s = find_shape(command, kind);
	if (!s)
		return refuse(cmd, _("%s needs what to export"), command);
	return check_options(cmd, s, kind);
}

bool cli_ssh_parse(const char *line, cli_ssh_command *cmd)
{
	cmd->argc = 0;
	cmd->argv[0] = NULL;
	cmd->refusal[0] = '\0';
	if (!line)
		return true;
	if (!split_words(line, cmd) || !check_characters(cmd))
		return false;
	return cmd->argc == 0 || check_command(cmd);
}

bool cli_ssh_builtin(const cli_ssh_command *cmd)
{
	if (is_builtin(cmd->argv[0], "version")) {
		printf("csrdesk %s\n", CSRDESK_VERSION);
		return true;
	}
	if (!is_builtin(cmd->argv[0], "help"))
		return false;
	fputs(_("Over SSH csrdesk runs only these read-only commands (the words are split on\n"
		"blanks: no shell, no quotes):\n"),
	      stdout);
	for (int i = 0; i < SHAPES; i++)
		printf("  %s\n", shapes[i].synopsis);
	/* TRANSLATORS: after the list of commands; "help, version" are typed. */
	fputs(_("  help, version\n"
		"Connect without a command for the interface. For example:\n"
		"  ssh SERVER report --format html > report.html\n"),
	      stdout);
	return true;
}
