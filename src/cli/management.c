/* SPDX-License-Identifier: MIT */
/* management log | list: the time team leads spend running the programme
 * (B4SI's management cost), valued at the site's management rate. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "csrdesk/clock.h"
#include "csrdesk/format.h"
#include "csrdesk/i18n.h"
#include "csrdesk/management.h"
#include "csrdesk/volunteer.h"

static const char synopsis[] =
	"management log EMPLOYEE_ID --date YYYY-MM-DD --hours H [--note N] | management list";

enum { PAGE = 64, WORDS_MAX = 2 };

typedef struct management_args {
	const char *date, *hours, *note;
	const char *words[WORDS_MAX];
	int nwords;
} management_args;

static int parse_options(int argc, char **argv, management_args *a)
{
	static const struct option options[] = {
		{ "date", required_argument, NULL, 'd' },
		{ "hours", required_argument, NULL, 'h' },
		{ "note", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		switch (opt) {
		case 'd': a->date = optarg; break;
		case 'h': a->hours = optarg; break;
		case 'n': a->note = optarg; break;
		default: return cli_option_error(opt, argv, synopsis);
		}
	}
	return cli_words(argc, argv, a->words, WORDS_MAX, &a->nwords, synopsis);
}

static int check_words(const management_args *a)
{
	const char *sub = a->nwords ? a->words[0] : "";
	bool options = a->date || a->hours || a->note;
	if (strcmp(sub, "list") == 0 && a->nwords == 1 && !options)
		return CLI_OK;
	if (strcmp(sub, "log") != 0 || a->nwords != 2)
		return cli_usage(_("wrong arguments; usage: csrdesk %s"), synopsis);
	if (!a->date || !a->hours)
		return cli_usage("%s", _("management log needs --date YYYY-MM-DD and --hours H"));
	return CLI_OK;
}

static int build_entry(csr_db *db, const management_args *a, csr_management_time *m)
{
	csr_err err;
	csr_volunteer v;
	*m = (csr_management_time){ 0 };
	if (csr_time_parse(a->date, &m->worked_on, &err) != CSR_OK || strlen(a->date) != 10)
		return cli_usage(_("--date must be YYYY-MM-DD, not '%s'"), a->date);
	if (!csr_fmt_parse_hours(a->hours, &m->minutes))
		return cli_usage(_("--hours must be hours like 2, 1.5 or 2:30 (up to 24),"
				   " not '%s'"), a->hours);
	if (a->note && strlen(a->note) >= sizeof m->note)
		return cli_fail(_("--note is too long (at most %zu bytes)"), sizeof m->note - 1);
	snprintf(m->note, sizeof m->note, "%s", a->note ? a->note : "");
	if (cli_check_text(a->words[1], CSR_TEXT_LINE, "EMPLOYEE_ID") != CLI_OK)
		return CLI_FAILED;
	if (csr_volunteer_find(db, a->words[1], &v, &err) != CSR_OK)
		return cli_fail_err(&err);
	m->volunteer_id = v.id;
	return CLI_OK;
}

/* Prints the new entry's id. */
static int log_time(csr_db *db, const void *args)
{
	csr_management_time m;
	csr_err err;
	int status = build_entry(db, args, &m);
	if (status != CLI_OK)
		return status;
	if (csr_management_log(db, &m, &err) != CSR_OK)
		return cli_fail_err(&err);
	printf("%lld\n", (long long)m.id);
	return CLI_OK;
}

/* One entry a line, tab-separated: id, date, hours, employee ID, name, note. */
static void print_entry(const csr_management_time *m)
{
	char day[CSR_TIME_TEXT_MAX], hours[32], name[sizeof m->name], note[sizeof m->note];
	csr_date_format_machine(m->worked_on, day, sizeof day);
	csr_fmt_machine_hours(m->minutes, hours, sizeof hours);
	csr_text_sanitize(m->name, name, sizeof name);
	csr_text_sanitize(m->note, note, sizeof note); /* one line, whatever it holds */
	printf("%lld\t%s\t%s\t%s\t%s\t%s\n", (long long)m->id, day, hours, m->employee_id, name,
	       note);
}

static int list(csr_db *db, const void *args)
{
	(void)args;
	static csr_management_time rows[PAGE];
	csr_err err;
	int n = 0;
	for (int offset = 0;; offset += PAGE) {
		if (csr_management_list(db, offset, rows, PAGE, &n, &err) != CSR_OK)
			return cli_fail_err(&err);
		for (int i = 0; i < n; i++)
			print_entry(&rows[i]);
		if (n < PAGE)
			return CLI_OK;
	}
}

int cmd_management(cli_ctx *c, int argc, char **argv)
{
	static const cli_sub subs[] = { { "log", log_time }, { "list", list }, { 0 } };
	management_args a = { 0 };
	int status = parse_options(argc, argv, &a);
	if (status == CLI_OK)
		status = check_words(&a);
	if (status != CLI_OK)
		return status;
	return cli_run_sub(c, subs, a.words[0], &a, a.note, NULL);
}
