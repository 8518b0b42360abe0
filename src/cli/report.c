/* SPDX-License-Identifier: MIT */
/* report, export ics and export sheet: the impact report, iCalendar and
 * the printable sheets, to stdout. */
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "csrdesk/calendar.h"
#include "csrdesk/clock.h"
#include "csrdesk/config.h"
#include "csrdesk/export.h"
#include "csrdesk/i18n.h"
#include "csrdesk/metrics.h"
#include "csrdesk/report.h"
#include "csrdesk/sheet.h"
#include "csrdesk/volunteer.h"

static const char report_synopsis[] =
	"report [--period P] [--team T] [--format text|md|csv|html|b4si] [--lang de|en]"
	" [--excel|--no-excel]";
static const char ics_synopsis[] = "export ics [--volunteer EMPLOYEE_ID | --me]";

typedef struct report_args {
	const char *period, *team, *format;
	int excel; /* 1 --excel, 0 --no-excel, -1 the config's export { excel } */
} report_args;

/* --lang: the language of what is written (and of the messages from now
 * on); another than de or en is a usage error naming those. The figures
 * for scripts (CSV, ICS, the result lines) stay in the machine form. */
static int set_language(const char *language)
{
	csr_err err;
	if (csr_i18n_set_language(language, &err) != CSR_OK)
		return cli_usage("%s", err.msg);
	return CLI_OK;
}

static int parse_report(int argc, char **argv, report_args *a)
{
	static const struct option options[] = {
		{ "period", required_argument, NULL, 'p' },
		{ "team", required_argument, NULL, 't' },
		{ "format", required_argument, NULL, 'f' },
		{ "lang", required_argument, NULL, 'l' },
		{ "excel", no_argument, NULL, 'x' },
		{ "no-excel", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	int opt, status;
	a->excel = -1;
	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		switch (opt) {
		case 'p': a->period = optarg; break;
		case 't': a->team = optarg; break;
		case 'f': a->format = optarg; break;
		case 'x': a->excel = 1; break;
		case 'n': a->excel = 0; break;
		case 'l':
			if ((status = set_language(optarg)) != CLI_OK)
				return status;
			break;
		case ':': return cli_usage(_("%s needs a value"), argv[optind - 1]);
		default: return cli_usage(_("unknown option %s (usage: csrdesk %s)"),
					  argv[optind - 1], report_synopsis);
		}
	}
	if (optind != argc)
		return cli_usage(_("wrong arguments; usage: csrdesk %s"), report_synopsis);
	status = cli_check_text(a->period, CSR_TEXT_LINE, "--period");
	if (status == CLI_OK)
		status = cli_check_text(a->team, CSR_TEXT_LINE, "--team");
	return status;
}

/* The text report lines names up by their display width (and the HTML
 * charts cut long ones), and the output is UTF-8 whatever the locale:
 * measure in a UTF-8 locale. */
static void utf8_widths(void)
{
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
}

static int write_report(cli_ctx *c, csr_db *db, const csr_period *period,
			const report_args *a, csr_report_format format)
{
	bool excel = a->excel < 0 ? c->cfg->export_excel : a->excel == 1;
	csr_report *r = NULL;
	csr_err err;
	if (csr_report_build(db, period, a->team, &r, &err) != CSR_OK)
		return cli_fail_err(&err);
	utf8_widths();
	int status = CLI_OK;
	if (csr_report_write_form(r, format, excel ? CSR_CSV_EXCEL : CSR_CSV_PLAIN, stdout,
				  &err) != CSR_OK)
		status = cli_fail_err(&err);
	csr_report_free(&r);
	return status;
}

int cmd_report(cli_ctx *c, int argc, char **argv)
{
	report_args a = { 0 };
	int status = parse_report(argc, argv, &a);
	if (status != CLI_OK)
		return status;
	csr_report_format format = CSR_REPORT_TEXT;
	if (a.format && !csr_report_format_parse(a.format, &format))
		return cli_usage(_("unknown format '%s'; choose text, md, csv, html or b4si"),
				 a.format);
	if (format == CSR_REPORT_B4SI && a.team)
		return cli_usage("%s", _("--format b4si reports the whole company: it takes no"
				       " --team"));
	csr_period period;
	csr_err err;
	if (!a.period)
		csr_period_year(csr_now(), &period);
	else if (csr_period_parse(a.period, &period, &err) != CSR_OK)
		return cli_fail_err(&err);
	csr_db *db = NULL;
	status = cli_open(c, &db);
	if (status == CLI_OK)
		status = write_report(c, db, &period, &a, format);
	csr_db_close(&db);
	return status;
}

/* What "export ics" writes: the open initiatives (neither option), one
 * volunteer's places (--volunteer), or the current user's own (--me). */
typedef struct ics_args {
	const char *employee_id;
	bool me;
} ics_args;

/* argv is "export ics [--volunteer ID | --me]". */
static int parse_ics(int argc, char **argv, ics_args *a)
{
	static const struct option options[] = {
		{ "volunteer", required_argument, NULL, 'v' },
		{ "me", no_argument, NULL, 'm' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		if (opt == ':')
			return cli_usage(_("%s needs a value"), argv[optind - 1]);
		if (opt != 'v' && opt != 'm')
			return cli_usage(_("unknown option %s (usage: csrdesk %s)"), argv[optind - 1],
					 ics_synopsis);
		if (opt == 'v')
			a->employee_id = optarg;
		else
			a->me = true;
	}
	if (argc - optind != 1 || strcmp(argv[optind], "ics") != 0 || (a->me && a->employee_id))
		return cli_usage(_("wrong arguments; usage: csrdesk %s"), ics_synopsis);
	return cli_check_text(a->employee_id, CSR_TEXT_LINE, "--volunteer");
}

/* --me: the volunteer whose unix_user is the login getuid() names, whatever
 * the role. */
static int write_own_ics(csr_db *db)
{
	int64_t me = csr_db_actor(db)->volunteer_id;
	csr_err err;
	if (me == 0)
		return cli_fail("%s", _("you have no volunteer record: a team lead can link your"
				      " Unix user to it"));
	if (csr_calendar_volunteer(db, me, stdout, &err) != CSR_OK)
		return cli_fail_err(&err);
	return CLI_OK;
}

static int write_ics(csr_db *db, const ics_args *a)
{
	csr_err err;
	csr_volunteer v;
	csr_code rc;
	if (a->me)
		return write_own_ics(db);
	if (!a->employee_id)
		rc = csr_calendar_open(db, stdout, &err);
	else if ((rc = csr_volunteer_find(db, a->employee_id, &v, &err)) == CSR_OK)
		rc = csr_calendar_volunteer(db, v.id, stdout, &err);
	return rc == CSR_OK ? CLI_OK : cli_fail_err(&err);
}

int cmd_export_ics(cli_ctx *c, int argc, char **argv)
{
	ics_args a = { 0 };
	int status = parse_ics(argc, argv, &a);
	csr_db *db = NULL;
	if (status == CLI_OK)
		status = cli_open(c, &db);
	if (status == CLI_OK)
		status = write_ics(db, &a);
	csr_db_close(&db);
	return status;
}

static const char sheet_synopsis[] =
	"export sheet INITIATIVE_ID... [--format html|text] [--kind signup|attendance]"
	" [--lang de|en]";

typedef struct sheet_args {
	int64_t ids[CSR_SHEET_MAX];
	int n;
	csr_sheet_kind kind;
	csr_sheet_format format;
} sheet_args;

static int parse_sheet_ids(int argc, char **argv, sheet_args *a)
{
	if (argc - optind < 2 || strcmp(argv[optind], "sheet") != 0)
		return cli_usage(_("wrong arguments; usage: csrdesk %s"), sheet_synopsis);
	for (int i = optind + 1; i < argc; i++) {
		if (a->n == CSR_SHEET_MAX)
			return cli_usage(_("at most %d initiatives at once"), CSR_SHEET_MAX);
		if (!cli_parse_number(argv[i], &a->ids[a->n++]))
			return cli_usage(_("'%s' is not an initiative id (a whole number)"), argv[i]);
	}
	return CLI_OK;
}

/* argv is "export sheet ID... [--format F] [--kind K] [--lang L]". */
static int parse_sheet(int argc, char **argv, sheet_args *a)
{
	static const struct option options[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "kind", required_argument, NULL, 'k' },
		{ "lang", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 },
	};
	int opt, status;
	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		switch (opt) {
		case 'f':
			if (!csr_sheet_format_parse(optarg, &a->format))
				return cli_usage(_("unknown format '%s'; choose html or text"), optarg);
			break;
		case 'k':
			if (!csr_sheet_kind_parse(optarg, &a->kind))
				return cli_usage(_("unknown kind '%s'; choose signup or attendance"),
						 optarg);
			break;
		case 'l':
			if ((status = set_language(optarg)) != CLI_OK)
				return status;
			break;
		case ':': return cli_usage(_("%s needs a value"), argv[optind - 1]);
		default: return cli_usage(_("unknown option %s (usage: csrdesk %s)"),
					  argv[optind - 1], sheet_synopsis);
		}
	}
	return parse_sheet_ids(argc, argv, a);
}

int cmd_export_sheet(cli_ctx *c, int argc, char **argv)
{
	sheet_args a = { .kind = CSR_SHEET_SIGNUP, .format = CSR_SHEET_HTML };
	int status = parse_sheet(argc, argv, &a);
	csr_db *db = NULL;
	if (status == CLI_OK)
		status = cli_open(c, &db);
	csr_err err;
	if (status == CLI_OK) {
		utf8_widths();
		if (csr_sheet_write(db, a.ids, a.n, a.kind, a.format, stdout, &err) != CSR_OK)
			status = cli_fail_err(&err);
	}
	csr_db_close(&db);
	return status;
}
