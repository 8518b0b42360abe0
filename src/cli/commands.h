/* SPDX-License-Identifier: MIT */
/* csrdesk — what the command line's files share: the parsed global
 * options, messages and exit statuses, opening the database, and one
 * function per subcommand. */
#ifndef CSRDESK_CLI_COMMANDS_H
#define CSRDESK_CLI_COMMANDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "csrdesk/config.h"
#include "csrdesk/db.h"
#include "csrdesk/status.h"
#include "csrdesk/text.h"

enum { CLI_OK = 0, CLI_FAILED = 1, CLI_USAGE = 2 };

typedef struct cli_ctx {
	const char *config_path; /* --config; NULL = the search order */
	const char *db_path;     /* --db; NULL = the config's, else the default */
	bool demo, kiosk;
	bool ssh;                /* --ssh: the command comes from SSH_ORIGINAL_COMMAND */
	bool writes;             /* the command writes: refuse an unwritable database */
	bool own_rights;         /* a setgid csrdesk gave its group up (--config, --db) */
	csr_config *cfg;         /* loaded before every command but check-config */
} cli_ctx;

/* Prints "csrdesk: <why>" as one sanitized line on stderr; returns 1. */
int cli_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The same for a data-layer error; a database error (damaged, locked)
 * names the database file. */
int cli_fail_err(const csr_err *err);
/* Prints "csrdesk: <why>" and the short usage line on stderr; returns 2. */
int cli_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Checks a command without options: min..max arguments after argv[0];
 * synopsis ("backup FILE") goes into the usage message. */
int cli_check_args(int argc, char **argv, int min, int max, const char *synopsis);

/* Refuses (prints why, returns 1) text given for option (or an argument's
 * name) that is not valid UTF-8 or holds a control or bidi character
 * (csr_text_check); NULL passes. */
int cli_check_text(const char *value, csr_text_kind kind, const char *option);

/* A positive whole number (an initiative id, a capacity). */
bool cli_parse_number(const char *s, int64_t *out);
/* The whole number text given for option, from min to max; else a usage
 * error naming the option and the bound ("--capacity must be at least 1"). */
int cli_number_option(const char *option, const char *text, int64_t min, int64_t max,
		      int64_t *out);

/* getopt_long (optstring ":") gave opt ':' (a value missing) or '?' (an
 * unknown option): says which, with synopsis; returns 2. */
int cli_option_error(int opt, char **argv, const char *synopsis);
/* After getopt_long: the arguments left (argv[optind..]) into words, at
 * most max of them (*n); a usage error naming synopsis when more. */
int cli_words(int argc, char **argv, const char **words, int max, int *n,
	      const char *synopsis);
/* A subcommand (impact add, hours list, ...): run with the database open
 * and the command's parsed arguments. */
typedef struct cli_sub {
	const char *name;
	int (*run)(csr_db *db, const void *args);
} cli_sub;
/* Checks --note (line breaks allowed) and --reason (one line), either may
 * be NULL, opens the database and runs the sub named name of subs (ended
 * by one without a name), then closes the database. */
int cli_run_sub(const cli_ctx *c, const cli_sub *subs, const char *name, const void *args,
		const char *note, const char *reason);

/* A number of 0 or more in the machine form ("120", "2400.5"). "1.500"
 * is refused: under German it means 1500 (cli_amount_readings). */
bool cli_parse_amount(const char *s, double *out);
/* Whether s is refused by cli_parse_amount as ambiguous ("1.500"): then
 * thousands gets the reading with the point as a group mark ("1500") and
 * decimal the one with it as the decimal mark ("1.5"). */
bool cli_amount_readings(const char *s, char *thousands, size_t tsize, char *decimal,
			 size_t dsize);

/* The database path: --db, else the config's, else
 * $XDG_DATA_HOME/csrdesk/csrdesk.db (is_default set). */
int cli_db_path(const cli_ctx *c, char *out, size_t size, bool *is_default);
/* The directory part of path ("." when there is none). */
void cli_parent_dir(const char *path, char *dir, size_t size);
/* Creates the directory that will hold path, and its parents. */
int cli_make_parent_dir(const char *path);
/* Opens the database with umask 007, so the -wal and -shm files SQLite
 * creates stay writable for the sharing group. A failure names the file;
 * with c->writes, a database the user cannot write is refused. */
int cli_open_path(const cli_ctx *c, const char *path, bool create, csr_db **db);
/* The database opened last, for messages; NULL before one is open. */
const char *cli_db_in_use(void);
/* Opens the existing database and acts as the Unix user running csrdesk. */
int cli_open(const cli_ctx *c, csr_db **db);
/* Creates path with mode, refusing when it exists (O_EXCL, so no race; a
 * link counts as existing), with the user's own rights (privilege.h). */
int cli_claim_new_file(const char *path, const char *what, mode_t mode);

/* No subcommand: the TUI (with --demo on a fresh demo database). */
int cli_run_tui(cli_ctx *c);

/* --ssh (ssh.c): a command given to ssh, split into words on blanks (no
 * shell, no quotes) and checked against an allow-list of read-only
 * subcommands (report, export) and --help, --version. */
enum { CLI_SSH_MAX_WORDS = 40, CLI_SSH_MAX_BYTES = 512 };
typedef struct cli_ssh_command {
	int argc;                           /* 0: no command, start the interface */
	char *argv[CLI_SSH_MAX_WORDS + 1];  /* into buf, NULL-terminated */
	char buf[CLI_SSH_MAX_BYTES];
	char refusal[1024];                 /* why not, then what is allowed: one line */
} cli_ssh_command;
/* Splits line (NULL or blank: no command) into cmd; false when it is not
 * allowed, with cmd->refusal saying why. */
bool cli_ssh_parse(const char *line, cli_ssh_command *cmd);
/* For an allowed --help or --version: prints it and returns true. */
bool cli_ssh_builtin(const cli_ssh_command *cmd);

/* Subcommands: argv[0] is the subcommand's name. */
int cmd_init(cli_ctx *c, int argc, char **argv);
int cmd_check_config(cli_ctx *c, int argc, char **argv);
int cmd_backup(cli_ctx *c, int argc, char **argv);
int cmd_import(cli_ctx *c, int argc, char **argv);
int cmd_export(cli_ctx *c, int argc, char **argv);
int cmd_initiative(cli_ctx *c, int argc, char **argv);
int cmd_signup(cli_ctx *c, int argc, char **argv);
int cmd_cancel(cli_ctx *c, int argc, char **argv);
int cmd_move(cli_ctx *c, int argc, char **argv);
int cmd_attendance(cli_ctx *c, int argc, char **argv);
int cmd_report(cli_ctx *c, int argc, char **argv);
/* impact add|list|edit|void, hours list|approve|reject|revert|log */
int cmd_impact(cli_ctx *c, int argc, char **argv);
int cmd_hours(cli_ctx *c, int argc, char **argv);
/* management log|list: the time leads spend running the programme */
int cmd_management(cli_ctx *c, int argc, char **argv);
/* pin activate|reset EMPLOYEE_ID, pin set */
int cmd_pin(cli_ctx *c, int argc, char **argv);
/* remind: the current user's new notifications, for a login message. */
int cmd_remind(cli_ctx *c, int argc, char **argv);
/* export ics: argv[1] is "ics". */
int cmd_export_ics(cli_ctx *c, int argc, char **argv);
/* export sheet: argv[1] is "sheet". */
int cmd_export_sheet(cli_ctx *c, int argc, char **argv);
/* export audit: argv[1] is "audit" (audit.c). */
int cmd_export_audit(cli_ctx *c, int argc, char **argv);
/* privacy: the record of processing (privacy.c). */
int cmd_privacy(cli_ctx *c, int argc, char **argv);
/* partner add|edit|list */
int cmd_partner(cli_ctx *c, int argc, char **argv);
/* export person EMPLOYEE_ID, export me: argv[1] is "person" or "me";
 * erase EMPLOYEE_ID [--yes] (person.c) */
int cmd_export_person(cli_ctx *c, int argc, char **argv);
int cmd_erase(cli_ctx *c, int argc, char **argv);
/* retention [--dry-run] (retention.c) */
int cmd_retention(cli_ctx *c, int argc, char **argv);
/* notify [--dry-run]: reminders made, notifications mailed, old ones
 * removed (notify.c) */
int cmd_notify(cli_ctx *c, int argc, char **argv);

#endif
