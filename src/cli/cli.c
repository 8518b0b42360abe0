/* SPDX-License-Identifier: MIT */
/* The command line: global options, the config, and dispatch to the TUI or
 * a subcommand. Exit status 0 done, 1 refused or failed (one line on
 * stderr), 2 usage. */
#include "cli/cli.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "csrdesk/i18n.h"
#include "csrdesk/privilege.h"
#include "csrdesk/text.h"

static const char usage_line[] =
	N_("usage: csrdesk [--config FILE] [--db FILE] [--demo] [--kiosk] [COMMAND [ARGS]]"
	" (csrdesk --help for more)\n");

/* The help, one block a paragraph or a command, so each reads whole in
 * another language. The command lines, options and the words typed
 * (FILE, EMPLOYEE_ID, open|closed) stay as they are; the descriptions
 * start in column 19 and lines end before column 80. */
enum { HELP_OPTIONS = 1 }; /* the block with a %s */
static const char *const help_blocks[] = {
	N_("usage: csrdesk [OPTIONS] [COMMAND [ARGS]]\n"
	   "\n"
	   "csrdesk runs a call center's CSR programme: initiatives, volunteers and their\n"
	   "impact. With no command it starts the terminal interface as the current Unix\n"
	   "user, with the role the config gives that user.\n"
	   "\n"),
	/* TRANSLATORS: %s is the system configuration directory, such as /etc. */
	N_("Options (before the command):\n"
	   "  --config FILE   the config file (else $CSRDESK_CONFIG,\n"
	   "                  $XDG_CONFIG_HOME/csrdesk/csrdesk.conf,\n"
	   "                  %s/csrdesk/csrdesk.conf, else the built-in defaults)\n"
	   "  --db FILE       the database (else the config's database, else\n"
	   "                  $XDG_DATA_HOME/csrdesk/csrdesk.db)\n"
	   "                  Installed setgid (a server), csrdesk reads only the system\n"
	   "                  config; --config, --db and --demo make it give its group up\n"
	   "                  and work with your own rights on your own files\n"
	   "  --demo          the interface on a fresh database full of demo data, as an\n"
	   "                  admin; with --db, FILE must not exist yet, else a temporary\n"
	   "                  database is made and removed on exit\n"
	   "  --kiosk         floor-terminal mode: people sign in with employee ID and PIN\n"
	   "  --ssh           for sshd's ForceCommand: run the command given to ssh\n"
	   "                  (SSH_ORIGINAL_COMMAND) when it is a read-only report,\n"
	   "                  export or sheet (ssh SERVER help lists them), else refuse;\n"
	   "                  with no command, start the interface\n"
	   "  -h, --help      this help\n"
	   "  -V, --version   the version\n"
	   "\n"),
	N_("Commands:\n"),
	N_("  init            create or upgrade the database and check that it is intact;\n"
	   "                  print its path and schema version; with the config's group\n"
	   "                  set, the database's directory becomes that group's with mode\n"
	   "                  2770 and its files 0660 (nobody else's; see the README)\n"),
	N_("  check-config [FILE] [--db DATABASE]\n"
	   "                  check FILE, or the config csrdesk would read; print\n"
	   "                  \"FILE: ok\" or the file:line of the first error; with --db,\n"
	   "                  also warn (on stderr, status 0) of each category and metric\n"
	   "                  DATABASE uses that the config no longer defines, with how\n"
	   "                  many initiatives, impact records and goals use it\n"),
	N_("  backup FILE | backup DIR [--keep N]\n"
	   "                  check the database is intact and copy it, while in use, to\n"
	   "                  FILE, a new file readable only by you (admins); into DIR as\n"
	   "                  csrdesk-YYYY-MM-DDTHHMMSS.db, keeping the newest N such copies;\n"
	   "                  print what was written and removed\n"),
	N_("  import volunteers FILE.csv [--skip-bad]\n"
	   "                  add or update volunteers by employee_id (team leads); header\n"
	   "                  employee_id,name,team[,site,email,skills,unix_user,active]\n"
	   "                  in any order, UTF-8, as export volunteers writes it; a bad\n"
	   "                  row (a control character in a value, say) is reported as\n"
	   "                  FILE:LINE and nothing is imported, unless --skip-bad, which\n"
	   "                  skips bad rows\n"),
	N_("  initiative add --title T --category K --starts \"YYYY-MM-DD HH:MM\"\n"
	   "                 --ends \"YYYY-MM-DD HH:MM\" --capacity N [--minimum N]\n"
	   "                 [--partner P] [--location L] [--description D]\n"
	   "                 [--goal METRIC=VALUE]... [--own-time yes|no]\n"
	   "                 [--beneficiaries N]\n"
	   "                  create an open initiative (team leads) and print its id;\n"
	   "                  --minimum is the fewest people it needs (its owner is told\n"
	   "                  when it falls short close to the date); --partner names the\n"
	   "                  partner NGO, which is added to the partners when no partner\n"
	   "                  has that name yet; --goal sets the goal for a metric (repeat\n"
	   "                  it for more); --own-time yes: its hours are in own time by\n"
	   "                  default (no: company time, the default); --beneficiaries:\n"
	   "                  the people it reached (0: not known)\n"),
	N_("  initiative edit ID [the options of add]\n"
	   "                  change the fields given (team leads); --goal METRIC=VALUE\n"
	   "                  sets a goal, --goal METRIC= removes it, --partner \"\" too\n"),
	N_("  initiative status ID open|closed|done|cancelled\n"
	   "                  set the status (team leads) and print it; cancelling ends\n"
	   "                  the confirmed and waitlisted places and prints how many\n"),
	N_("  signup INITIATIVE_ID EMPLOYEE_ID...\n"
	   "                  sign a volunteer up; print \"confirmed\" or \"waitlisted N\"\n"
	   "                  (agents may sign up only themselves); several volunteers\n"
	   "                  (team leads): all get a confirmed place or nobody does;\n"
	   "                  print \"confirmed EMPLOYEE_ID\" for each\n"),
	N_("  cancel INITIATIVE_ID EMPLOYEE_ID [--reason TEXT]\n"
	   "                  cancel a place; print \"cancelled\", then \"promoted EMPLOYEE_ID\"\n"
	   "                  when the first person on the waitlist got the place; a team\n"
	   "                  lead cancelling someone else's place inside the cancel\n"
	   "                  cutoff gives a reason, which the person sees\n"),
	N_("  move FROM_ID TO_ID EMPLOYEE_ID [--reason TEXT]\n"
	   "                  move a place to another initiative in one step (cancel as\n"
	   "                  above, sign up under the other's rules); print the new\n"
	   "                  place's status, then \"promoted EMPLOYEE_ID\" as cancel does;\n"
	   "                  when either refuses, nothing changes\n"),
	N_("  attendance INITIATIVE_ID\n"
	   "                  list the places: employee ID, name, status, tab-separated\n"),
	N_("  attendance INITIATIVE_ID EMPLOYEE_ID attended|no-show [--hours H]\n"
	   "  attendance INITIATIVE_ID --walk-in EMPLOYEE_ID [--hours H]\n"
	   "                  record attendance (team leads), also for the waitlisted, or\n"
	   "                  add someone who came without a place; attended records\n"
	   "                  approved hours (attendance.record_hours): the initiative's\n"
	   "                  duration, or H hours (such as 1.5); no-show removes them\n"),
	N_("  export volunteers|initiatives|signups|hours|impact [--format csv]\n"
	   "                 [--excel|--no-excel]\n"
	   "                  write CSV (RFC 4180, CRLF, header row) to standard output\n"
	   "                  (team leads); a text cell that starts with = + - @, a tab or\n"
	   "                  a carriage return gets a leading ' so spreadsheets do not run\n"
	   "                  it as a formula (import removes it again); a control or\n"
	   "                  bidi character or invalid UTF-8 in a cell is written as\n"
	   "                  U+FFFD; times are \"YYYY-MM-DD HH:MM\" in local time;\n"
	   "                  --excel writes German Excel's form (a byte order mark,\n"
	   "                  semicolons), --no-excel the plain one (default: the\n"
	   "                  config's export { excel }; numbers with a decimal comma)\n"),
	N_("  export ics [--volunteer EMPLOYEE_ID | --me]\n"
	   "                  write iCalendar (RFC 5545) of the open initiatives still to\n"
	   "                  come, or of one volunteer's places on them: confirmed,\n"
	   "                  waitlisted (tentative) and cancelled ones (agents: only\n"
	   "                  their own); --me: your own places, as the volunteer linked\n"
	   "                  to your Unix user; event UIDs stay the same from one export\n"
	   "                  to the next and SEQUENCE grows with each change, so\n"
	   "                  importing again updates the events; confirmed places get\n"
	   "                  reminders a day and an hour before\n"),
	N_("  export sheet INITIATIVE_ID... [--format html|text] [--kind signup|attendance]\n"
	   "                 [--lang de|en]\n"
	   "                  write printable sheets (team leads), one page per initiative:\n"
	   "                  title, date and times, location, partner, then everyone with\n"
	   "                  a place (the waitlist last) with a column to sign; an\n"
	   "                  attendance list adds arrived, left and hours to fill in. html\n"
	   "                  (the default) is one file to print (A4); text is 80 columns\n"
	   "                  (attendance: 96), pages separated by form feeds; --lang as\n"
	   "                  for report\n"),
	N_("  export audit [--actor U] [--action A] [--from YYYY-MM-DD] [--to YYYY-MM-DD]\n"
	   "                 [--excel|--no-excel]\n"
	   "                  write the audit log as CSV (admins), newest first: id, at,\n"
	   "                  actor, action, entity, entity_id, detail; --actor keeps one\n"
	   "                  login's entries, --action those whose action starts with A\n"
	   "                  (signup. or person.), --from and --to the days between them,\n"
	   "                  both included; --excel as for export (csv)\n"),
	N_("  export person EMPLOYEE_ID | export me\n"
	   "                  write everything stored about a person as one JSON document\n"
	   "                  (GDPR Art. 15 and 20): the volunteer record, places, hours,\n"
	   "                  feedback, notifications, interests, impact records they\n"
	   "                  recorded, management time and the audit entries about or by\n"
	   "                  them; person: admins, about anyone; me: anyone, about\n"
	   "                  themselves (the volunteer linked to their Unix user); each\n"
	   "                  export is audited\n"),
	N_("  report [--period P] [--team T] [--format text|md|csv|html|b4si]\n"
	   "                 [--lang de|en] [--excel|--no-excel]\n"
	   "                  write the impact report (team leads): totals, hours and\n"
	   "                  impact by category, goals, top initiatives and teams, hours\n"
	   "                  by month, partners, feedback; P is a year (2026), a quarter\n"
	   "                  (2026-Q3), a month (2026-10) or days (2026-01-05..2026-02-01),\n"
	   "                  default the current year; --team narrows it to one team;\n"
	   "                  html is one self-contained file with SVG charts; --lang\n"
	   "                  writes it in German (de) or English (en), default the\n"
	   "                  language of the messages; --excel as for export (csv);\n"
	   "                  b4si is CSV of the company's contribution in the B4SI\n"
	   "                  layout (inputs, leverage, outputs, impact: time value,\n"
	   "                  management cost, cash, in-kind, beneficiaries, GRI 413-1),\n"
	   "                  whole company only (no --team); the html report has it too\n"),
	N_("  impact add INITIATIVE_ID METRIC VALUE [--note N]\n"
	   "                  record an impact value (team leads); print the record's id\n"),
	N_("  impact list INITIATIVE_ID\n"
	   "                  the initiative's impact records, oldest first, one a line,\n"
	   "                  tab-separated: id, metric, value, recorded, counts or\n"
	   "                  voided, note, why it was voided\n"),
	N_("  impact edit RECORD_ID VALUE [--note N]\n"
	   "                  correct a value (team leads); the audit log keeps the old\n"
	   "                  and the new value; print \"METRIC OLD -> NEW\"\n"),
	N_("  impact void RECORD_ID --reason R\n"
	   "                  void a wrong value (team leads): it stays, listed as voided,\n"
	   "                  and counts in no figure, report or export\n"),
	N_("  hours list [--pending] [--volunteer EMPLOYEE_ID]\n"
	   "                  hours newest first, one entry a line, tab-separated: id,\n"
	   "                  date, hours, status, employee ID, name, initiative, note,\n"
	   "                  reason for a rejection (agents: only their own)\n"),
	N_("  hours approve ID\n"
	   "                  approve pending hours (team leads); a lead's own hours need\n"
	   "                  another lead unless the config's hours.self_approval\n"),
	N_("  hours reject ID --reason R\n"
	   "                  reject pending hours (team leads); the volunteer sees R\n"),
	N_("  hours revert ID\n"
	   "                  put approved or rejected hours back to pending (team leads)\n"),
	N_("  hours log EMPLOYEE_ID --date YYYY-MM-DD --hours H [--initiative ID]\n"
	   "                 [--note N] [--own-time|--company-time]\n"
	   "                  log hours worked (H like 2, 1.5 or 2:30; agents: their own);\n"
	   "                  in company time or own time (default: the initiative's,\n"
	   "                  company time without one); print the entry's id and\n"
	   "                  \"approved\" or \"pending\"\n"),
	N_("  management log EMPLOYEE_ID --date YYYY-MM-DD --hours H [--note N]\n"
	   "                  log time spent running the programme (team leads): B4SI's\n"
	   "                  management cost, valued at the site's management rate; not\n"
	   "                  volunteer hours; print the entry's id\n"),
	N_("  management list\n"
	   "                  management time newest first (team leads), one entry a\n"
	   "                  line, tab-separated: id, date, hours, employee ID, name, note\n"),
	N_("  partner add NAME [--contact C] [--email E] [--phone P] [--website URL]\n"
	   "              [--notes N]\n"
	   "                  add a partner NGO (team leads) and print its id; names are\n"
	   "                  unique (--url is --website)\n"),
	N_("  partner edit ID [--name NAME] [--contact C] [--email E] [--phone P]\n"
	   "              [--website URL] [--notes N]\n"
	   "                  change the fields given (\"\" empties one)\n"),
	N_("  partner list    every partner (team leads), by name, tab-separated with a\n"
	   "                  header: id, name, contact, email, phone, website, notes\n"),
	N_("  pin activate EMPLOYEE_ID\n"
	   "                  issue a one-time activation code (team leads) with which the\n"
	   "                  volunteer chooses their first kiosk PIN; print the code and\n"
	   "                  until when it works (kiosk.activation_hours); it replaces an\n"
	   "                  earlier code and is shown only now\n"),
	N_("  pin reset EMPLOYEE_ID\n"
	   "                  clear a volunteer's kiosk PIN and activation code and unlock\n"
	   "                  the ID (team leads)\n"),
	N_("  pin set         set or change your own kiosk PIN, as the volunteer linked to\n"
	   "                  your Unix user: asks for the current PIN (if one is set) and\n"
	   "                  the new one twice, without echo, on the terminal\n"),
	N_("  remind          what is new for you (a place from the waitlist, a cancelled\n"
	   "                  place, reminders, hours decided), each once, for a login\n"
	   "                  message; prints nothing when there is nothing\n"),
	N_("  notify [--dry-run]\n"
	   "                  the job of the csrdesk-notify timer (admins; as root): make\n"
	   "                  the reminders that are due, mail every due notification\n"
	   "                  once through the config's mail.command, in the person's\n"
	   "                  language, with their calendar for a notice about a place\n"
	   "                  (a team lead's notices: one digest a day), mark those of\n"
	   "                  people without an email or with mail switched off as done,\n"
	   "                  remove delivered ones older than notify.retention_days;\n"
	   "                  print \"sent N, skipped M\"; --dry-run prints each mail's\n"
	   "                  address and subject, tab-separated, and sends nothing\n"),
	N_("  privacy         print the record of processing for the annex of a works\n"
	   "                  agreement: which personal data each screen, report and export\n"
	   "                  uses and who sees it, then the config's privacy settings\n"
	   "                  (smallest group, private categories, retention), in the\n"
	   "                  language of the messages, 80 columns\n"),
	N_("  erase EMPLOYEE_ID [--yes]\n"
	   "                  anonymise a person at once (admins; GDPR Art. 17): asks on\n"
	   "                  the terminal first (--yes: without asking); the name becomes\n"
	   "                  \"Former volunteer #N\", the employee ID \"former-N\", contact\n"
	   "                  fields, PIN, interests, notifications and their feedback\n"
	   "                  comments are removed, the name everywhere else replaced; team,\n"
	   "                  site and the records stay, so every figure stays the same;\n"
	   "                  print \"erased EMPLOYEE_ID, now former-N\"\n"),
	N_("  retention [--dry-run]\n"
	   "                  apply the config's retention (admins): anonymise, as erase\n"
	   "                  does, the volunteers inactive for retention.inactive_months,\n"
	   "                  empty feedback comments older than retention.comments_months;\n"
	   "                  print \"anonymised N, comments removed M\"; --dry-run lists\n"
	   "                  who would be anonymised (\"E1234 (inactive since 2023-05)\")\n"
	   "                  and the counts, and changes nothing\n"),
	N_("\n"
	   "Text options and CSV values must be UTF-8 without control characters\n"
	   "(C0, DEL, C1), bidi controls or line breaks; only --description and a\n"
	   "volunteer's skills may hold line breaks and tabs.\n"
	   "\n"),
	N_("Exit status: 0 done, 1 refused or failed (one line on stderr saying why),\n"
	   "2 usage error.\n"),
};

static void print_help(void)
{
	for (size_t i = 0; i < sizeof help_blocks / sizeof help_blocks[0]; i++) {
		if (i == HELP_OPTIONS) /* it names the system config directory */
			printf(_(help_blocks[i]), CSRDESK_SYSCONFDIR);
		else
			fputs(_(help_blocks[i]), stdout);
	}
}

static void print_line(const char *fmt, va_list ap)
{
	char msg[2048], clean[2048];
	vsnprintf(msg, sizeof msg, fmt, ap);
	/* Messages can quote file contents: keep them to one harmless line. */
	csr_text_sanitize(msg, clean, sizeof clean);
	fprintf(stderr, "csrdesk: %s\n", clean);
}

int cli_fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	print_line(fmt, ap);
	va_end(ap);
	return CLI_FAILED;
}

int cli_fail_err(const csr_err *err)
{
	const char *db = cli_db_in_use();
	bool about_db = err->code == CSR_EDB || err->code == CSR_EBUSY;
	if (about_db && db && !strstr(err->msg, db))
		return cli_fail("%s: %s", db, err->msg);
	return cli_fail("%s", err->msg);
}

int cli_usage(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	print_line(fmt, ap);
	va_end(ap);
	fputs(_(usage_line), stderr);
	return CLI_USAGE;
}

int cli_check_args(int argc, char **argv, int min, int max, const char *synopsis)
{
	for (int i = 1; i < argc; i++)
		if (argv[i][0] == '-' && argv[i][1] != '\0')
			return cli_usage(_("unknown option %s (usage: csrdesk %s)"), argv[i], synopsis);
	if (argc - 1 < min || argc - 1 > max)
		return cli_usage(_("wrong arguments; usage: csrdesk %s"), synopsis);
	return CLI_OK;
}

int cli_check_text(const char *value, csr_text_kind kind, const char *option)
{
	csr_err err;
	if (!value || csr_text_check(value, kind, option, &err) == CSR_OK)
		return CLI_OK;
	return cli_fail("%s", err.msg);
}

bool cli_parse_number(const char *s, int64_t *out)
{
	if (!s || *s < '0' || *s > '9')
		return false;
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || *end || v <= 0)
		return false;
	*out = v;
	return true;
}

int cli_option_error(int opt, char **argv, const char *synopsis)
{
	if (opt == ':')
		return cli_usage(_("%s needs a value"), argv[optind - 1]);
	return cli_usage(_("unknown option %s (usage: csrdesk %s)"), argv[optind - 1], synopsis);
}

int cli_words(int argc, char **argv, const char **words, int max, int *n,
	      const char *synopsis)
{
	*n = 0;
	for (int i = optind; i < argc; i++) {
		if (*n == max)
			return cli_usage(_("wrong arguments; usage: csrdesk %s"), synopsis);
		words[(*n)++] = argv[i];
	}
	return CLI_OK;
}

int cli_run_sub(const cli_ctx *c, const cli_sub *subs, const char *name, const void *args,
		const char *note, const char *reason)
{
	int status = cli_check_text(note, CSR_TEXT_LINES, "--note");
	if (status == CLI_OK)
		status = cli_check_text(reason, CSR_TEXT_LINE, "--reason");
	const cli_sub *sub = subs;
	while (sub->name && strcmp(sub->name, name) != 0)
		sub++;
	if (!sub->name)
		return cli_usage(_("unknown subcommand '%s'"), name);
	csr_db *db = NULL;
	if (status == CLI_OK)
		status = cli_open(c, &db);
	if (status == CLI_OK)
		status = sub->run(db, args);
	csr_db_close(&db);
	return status;
}

/* "1.500": one to three digits (no leading 0), a point, three digits: as
 * German groups thousands, the one who typed it may mean 1500. */
static bool amount_ambiguous(const char *s)
{
	size_t whole = strspn(s, "0123456789");
	return whole >= 1 && whole <= 3 && s[0] != '0' && s[whole] == '.' &&
	       strspn(s + whole + 1, "0123456789") == 3 && strlen(s + whole + 1) == 3;
}

bool cli_amount_readings(const char *s, char *thousands, size_t tsize, char *decimal,
			 size_t dsize)
{
	if (!s || !amount_ambiguous(s))
		return false;
	size_t whole = strspn(s, "0123456789");
	snprintf(thousands, tsize, "%.*s%s", (int)whole, s, s + whole + 1);
	/* 1.500 -> 1.5, 2.000 -> 2: the point as the decimal mark */
	size_t end = strlen(s);
	while (end > whole + 1 && s[end - 1] == '0')
		end--;
	if (end == whole + 1)
		end = whole;
	snprintf(decimal, dsize, "%.*s", (int)end, s);
	return true;
}

bool cli_parse_amount(const char *s, double *out)
{
	/* Machine form only ("2400.5"): no sign, groups or exponent, whatever
	 * the display style, so a script's number means the same everywhere.
	 * "1.500" is refused (amount_ambiguous). */
	if (!s || amount_ambiguous(s))
		return false;
	if (!*s || strspn(s, "0123456789.") != strlen(s) || !strchr("0123456789", *s) ||
	    strchr(s, '.') != strrchr(s, '.') || s[strlen(s) - 1] == '.')
		return false;
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (errno || *end || !isfinite(v))
		return false;
	*out = v;
	return true;
}

int cli_number_option(const char *option, const char *text, int64_t min, int64_t max,
		      int64_t *out)
{
	char *end = NULL;
	errno = 0;
	long long v = text && (isdigit((unsigned char)*text) || *text == '-') ? strtoll(text, &end, 10)
									      : 0;
	if (!end || *end)
		return cli_usage(_("%s must be a whole number, not '%s'"), option, text ? text : "");
	if (v < min || (errno == ERANGE && *text == '-'))
		return cli_usage(_("%s must be at least %lld"), option, (long long)min);
	if (v > max || errno == ERANGE)
		return cli_usage(_("%s must be at most %lld"), option, (long long)max);
	*out = v;
	return CLI_OK;
}

typedef struct command {
	const char *name;
	int (*run)(cli_ctx *c, int argc, char **argv);
	bool loads_config; /* false: the command reads the config itself */
	bool writes;       /* it writes to the database */
} command;

/* "export ics" writes iCalendar, "export sheet" printable sheets,
 * "export person" and "export me" a person's data as JSON; every other
 * export is CSV. */
static int cmd_export_any(cli_ctx *c, int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "ics") == 0)
		return cmd_export_ics(c, argc, argv);
	if (argc > 1 && strcmp(argv[1], "sheet") == 0)
		return cmd_export_sheet(c, argc, argv);
	if (argc > 1 && strcmp(argv[1], "audit") == 0)
		return cmd_export_audit(c, argc, argv);
	if (argc > 1 && (strcmp(argv[1], "person") == 0 || strcmp(argv[1], "me") == 0))
		return cmd_export_person(c, argc, argv);
	return cmd_export(c, argc, argv);
}

static const command commands[] = {
	{ "init", cmd_init, true, true },
	{ "check-config", cmd_check_config, false, false },
	{ "backup", cmd_backup, true, false },
	{ "import", cmd_import, true, true },
	{ "export", cmd_export_any, true, false },
	{ "initiative", cmd_initiative, true, true },
	{ "signup", cmd_signup, true, true },
	{ "cancel", cmd_cancel, true, true },
	{ "move", cmd_move, true, true },
	{ "attendance", cmd_attendance, true, true },
	{ "report", cmd_report, true, false },
	{ "pin", cmd_pin, true, true },
	{ "remind", cmd_remind, true, true },
	{ "impact", cmd_impact, true, true },
	{ "hours", cmd_hours, true, true },
	{ "management", cmd_management, true, true },
	{ "partner", cmd_partner, true, true },
	{ "notify", cmd_notify, true, true },
	{ "privacy", cmd_privacy, true, false },
	{ "erase", cmd_erase, true, true },
	{ "retention", cmd_retention, true, true },
};

enum { OPT_CONFIG = 1, OPT_DB, OPT_DEMO, OPT_KIOSK, OPT_SSH, OPT_HELP, OPT_VERSION };

static int run_ssh(cli_ctx *c, int argc); /* after run(), which it serves */

/* Reads the options before the command; returns -1 to go on, else an exit
 * status (after --help, --version or a usage error). */
static int parse_globals(cli_ctx *c, int argc, char **argv)
{
	static const struct option options[] = {
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "db", required_argument, NULL, OPT_DB },
		{ "demo", no_argument, NULL, OPT_DEMO },
		{ "kiosk", no_argument, NULL, OPT_KIOSK },
		{ "ssh", no_argument, NULL, OPT_SSH },
		{ "help", no_argument, NULL, OPT_HELP },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	opterr = 0;
	optind = 0;
	while ((opt = getopt_long(argc, argv, "+:hV", options, NULL)) != -1) {
		switch (opt) {
		case OPT_CONFIG: c->config_path = optarg; break;
		case OPT_DB: c->db_path = optarg; break;
		case OPT_DEMO: c->demo = true; break;
		case OPT_KIOSK: c->kiosk = true; break;
		case OPT_SSH: c->ssh = true; break;
		case 'h':
		case OPT_HELP: print_help(); return CLI_OK;
		case 'V':
		case OPT_VERSION: printf("csrdesk %s\n", CSRDESK_VERSION); return CLI_OK;
		case ':': return cli_usage(_("%s needs a value"), argv[optind - 1]);
		/* An unknown short option may sit inside a cluster such as -xV,
		 * where argv[optind - 1] is another word: name it by optopt (for
		 * long options optopt is 0 or our OPT_ value, not a letter). */
		default:
			if (isgraph(optopt))
				return cli_usage(_("unknown option -%c"), optopt);
			return cli_usage(_("unknown option %s"), argv[optind - 1]);
		}
	}
	return -1;
}

static int run_command(cli_ctx *c, int argc, char **argv)
{
	const command *cmd = NULL;
	for (size_t i = 0; i < sizeof commands / sizeof commands[0] && !cmd; i++)
		if (strcmp(argv[0], commands[i].name) == 0)
			cmd = &commands[i];
	if (!cmd)
		return cli_usage(_("unknown command '%s'"), argv[0]);
	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			print_help();
			return CLI_OK;
		}
	if (c->demo || c->kiosk)
		return cli_usage("%s", _("--demo and --kiosk start the interface; they take no command"));
	csr_err err;
	if (cmd->loads_config && csr_config_load(c->config_path, &c->cfg, &err) != CSR_OK)
		return cli_fail_err(&err);
	if (cmd->loads_config)
		csr_i18n_default_language(c->cfg->language);
	c->writes = cmd->writes;
	optind = 0; /* the command parses its own options */
	return cmd->run(c, argc, argv);
}

/* Installed setgid, csrdesk serves the shared database with the system
 * config. Asked for another config or database, or for a demo, it first
 * gives its group up for good: the run then has only the user's own
 * rights, so a config that makes the user an admin grants nothing beyond
 * files the user could open anyway. Returns -1 to go on. */
static int give_up_group_for_own_files(cli_ctx *c)
{
	if (!csr_privileged() || !(c->config_path || c->db_path || c->demo))
		return -1;
	if (!csr_privilege_drop())
		return cli_fail(_("cannot give up csrdesk's group: %s"), strerror(errno));
	c->own_rights = true;
	return -1;
}

static int run(cli_ctx *c, int argc, char **argv)
{
	int status = parse_globals(c, argc, argv);
	if (status < 0)
		status = give_up_group_for_own_files(c);
	if (status >= 0)
		return status;
	if (c->ssh && (status = run_ssh(c, argc - optind)) >= 0)
		return status; /* else ssh was given no command: the interface */
	if (optind < argc)
		return run_command(c, argc - optind, argv + optind);
	csr_err err;
	/* An invalid config never starts anything. */
	if (csr_config_load(c->config_path, &c->cfg, &err) != CSR_OK)
		return cli_fail_err(&err);
	csr_i18n_default_language(c->cfg->language);
	c->writes = true; /* sign-ups, PIN counts, edits */
	return cli_run_tui(c);
}

/* --ssh: the command given to ssh when the allow-list has it (ssh.c).
 * Returns -1 when there is none (go on to the interface), else the exit
 * status. */
static int run_ssh(cli_ctx *c, int argc)
{
	if (argc > 0)
		return cli_usage("%s", _("--ssh takes no command: it runs the one in SSH_ORIGINAL_COMMAND"));
	cli_ssh_command cmd;
	/* getenv even when setgid: sshd sets it to what the client sent, and
	 * it is checked word by word, never trusted. */
	if (!cli_ssh_parse(getenv("SSH_ORIGINAL_COMMAND"), &cmd))
		return cli_fail("%s", cmd.refusal);
	if (cmd.argc == 0)
		return -1;
	if (cli_ssh_builtin(&cmd))
		return CLI_OK;
	return run_command(c, cmd.argc, cmd.argv);
}

int cli_main(int argc, char **argv)
{
	cli_ctx c = { 0 };
	int status = run(&c, argc, argv);
	csr_config_free(&c.cfg);
	/* Output that could not be written (a full disk, a closed pipe) fails. */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (status == CLI_OK)
			status = cli_fail(_("writing the output: %s"), strerror(errno));
	}
	return status;
}
