/* SPDX-License-Identifier: MIT */
/* retention [--dry-run]: the config's retention rules applied (admins),
 * or only listed. The output is for scripts and logs: not translated. */
#include <getopt.h>
#include <stdio.h>

#include "cli/commands.h"
#include "csrdesk/clock.h"
#include "csrdesk/i18n.h"
#include "csrdesk/retention.h"

static const char synopsis[] = "retention [--dry-run]";

/* "E1234 (inactive since 2023-05)" for each, then the counts. */
static void print_plan(const csr_retention_plan *plan)
{
	for (int i = 0; i < plan->npeople; i++) {
		char since[CSR_TIME_TEXT_MAX];
		csr_date_format_machine(plan->people[i].last_active, since, sizeof since);
		printf("%s (inactive since %.7s)\n", plan->people[i].employee_id, since);
	}
	printf("would anonymise %d, remove %lld comments\n", plan->npeople,
	       (long long)plan->comments);
}

static int parse(int argc, char **argv, bool *dry_run)
{
	static const struct option options[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	for (int opt; (opt = getopt_long(argc, argv, ":", options, NULL)) != -1;)
		if (opt != 'n')
			return cli_option_error(opt, argv, synopsis);
		else
			*dry_run = true;
	const char *words[1];
	int n = 0;
	return cli_words(argc, argv, words, 0, &n, synopsis);
}

static int apply(csr_db *db, bool dry_run)
{
	csr_retention_plan plan;
	csr_err err;
	csr_code rc = dry_run ? csr_retention_plan_read(db, csr_now(), &plan, &err)
			      : csr_retention_run(db, csr_now(), &plan, &err);
	if (rc != CSR_OK)
		return cli_fail_err(&err);
	if (dry_run)
		print_plan(&plan);
	else
		printf("anonymised %d, comments removed %lld\n", plan.npeople,
		       (long long)plan.comments);
	csr_retention_plan_free(&plan);
	return CLI_OK;
}

int cmd_retention(cli_ctx *c, int argc, char **argv)
{
	bool dry_run = false;
	int status = parse(argc, argv, &dry_run);
	csr_db *db = NULL;
	if (status == CLI_OK)
		status = cli_open(c, &db);
	if (status == CLI_OK)
		status = apply(db, dry_run);
	csr_db_close(&db);
	return status;
}
