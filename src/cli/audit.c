/* SPDX-License-Identifier: MIT */
/* export audit: the audit log as CSV (admins), filtered like the TUI's. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "csrdesk/audit.h"
#include "csrdesk/i18n.h"

static const char synopsis[] =
	"export audit [--actor U] [--action A] [--from YYYY-MM-DD] [--to YYYY-MM-DD]"
	" [--excel|--no-excel]";

typedef struct audit_args {
	csr_audit_filter filter;
	const char *from, *to;
	int excel; /* 1 --excel, 0 --no-excel, -1 the config's */
} audit_args;

/* Copies an option's text into a filter field, refusing what does not fit. */
static int set_text(char *dst, size_t size, const char *option, const char *value)
{
	int status = cli_check_text(value, CSR_TEXT_LINE, option);
	if (status != CLI_OK)
		return status;
	if (strlen(value) >= size)
		/* TRANSLATORS: %s is the option (--actor), %d the most bytes. */
		return cli_usage(_("%s is too long (at most %d bytes)"), option, (int)size - 1);
	snprintf(dst, size, "%s", value);
	return CLI_OK;
}

static int take_option(int opt, char **argv, audit_args *a)
{
	switch (opt) {
	case 'u': return set_text(a->filter.actor, sizeof a->filter.actor, "--actor", optarg);
	case 'a': return set_text(a->filter.action, sizeof a->filter.action, "--action", optarg);
	case 'f': a->from = optarg; return CLI_OK;
	case 't': a->to = optarg; return CLI_OK;
	case 'x': a->excel = 1; return CLI_OK;
	case 'n': a->excel = 0; return CLI_OK;
	default: return cli_option_error(opt, argv, synopsis);
	}
}

static int parse(int argc, char **argv, audit_args *a)
{
	static const struct option options[] = {
		{ "actor", required_argument, NULL, 'u' },
		{ "action", required_argument, NULL, 'a' },
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "excel", no_argument, NULL, 'x' },
		{ "no-excel", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		int status = take_option(opt, argv, a);
		if (status != CLI_OK)
			return status;
	}
	if (argc - optind != 1 || strcmp(argv[optind], "audit") != 0) /* "audit" stays */
		return cli_usage(_("wrong arguments; usage: csrdesk %s"), synopsis);
	csr_err err;
	if (csr_audit_filter_days(&a->filter, a->from, a->to, "--from", "--to", &err) != CSR_OK)
		return cli_usage("%s", err.msg);
	return CLI_OK;
}

int cmd_export_audit(cli_ctx *c, int argc, char **argv)
{
	audit_args a = { .excel = -1 };
	int status = parse(argc, argv, &a);
	csr_db *db = NULL;
	if (status == CLI_OK)
		status = cli_open(c, &db);
	csr_err err;
	csr_csv_form form = a.excel < 0 ? (c->cfg->export_excel ? CSR_CSV_EXCEL : CSR_CSV_PLAIN)
			    : a.excel ? CSR_CSV_EXCEL : CSR_CSV_PLAIN;
	if (status == CLI_OK && csr_audit_export_csv(db, &a.filter, form, stdout, &err) != CSR_OK)
		status = cli_fail_err(&err);
	csr_db_close(&db);
	return status;
}
