/* SPDX-License-Identifier: MIT */
/* hours list | approve | reject | revert | log: volunteer hours and the
 * leads' decisions on them, by the rules of the TUI. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "csrdesk/i18n.h"
#include "csrdesk/clock.h"
#include "csrdesk/format.h"
#include "csrdesk/hours.h"
#include "csrdesk/volunteer.h"

static const char synopsis[] =
	"hours list [--pending] [--volunteer EMPLOYEE_ID] | hours approve ID"
	" | hours reject ID --reason R | hours revert ID | hours log EMPLOYEE_ID"
	" --date YYYY-MM-DD --hours H [--initiative ID] [--note N] [--own-time|--company-time]";

enum { PAGE = 64, WORDS_MAX = 3 };

typedef struct hours_args {
	bool pending;
	csr_time_kind time; /* --own-time, --company-time; default: the initiative's */
	const char *volunteer, *reason, *date, *hours, *initiative, *note;
	const char *words[WORDS_MAX];
	int nwords;
} hours_args;

static int parse_options(int argc, char **argv, hours_args *a)
{
	static const struct option options[] = {
		{ "pending", no_argument, NULL, 'p' },
		{ "volunteer", required_argument, NULL, 'v' },
		{ "reason", required_argument, NULL, 'r' },
		{ "date", required_argument, NULL, 'd' },
		{ "hours", required_argument, NULL, 'h' },
		{ "initiative", required_argument, NULL, 'i' },
		{ "note", required_argument, NULL, 'n' },
		{ "own-time", no_argument, NULL, 'o' },
		{ "company-time", no_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		switch (opt) {
		case 'p': a->pending = true; break;
		case 'v': a->volunteer = optarg; break;
		case 'r': a->reason = optarg; break;
		case 'd': a->date = optarg; break;
		case 'h': a->hours = optarg; break;
		case 'i': a->initiative = optarg; break;
		case 'n': a->note = optarg; break;
		case 'o':
		case 'c':
			if (a->time && a->time != (opt == 'o' ? CSR_TIME_OWN : CSR_TIME_COMPANY))
				return cli_usage("%s", _("--own-time and --company-time exclude each"
						       " other"));
			a->time = opt == 'o' ? CSR_TIME_OWN : CSR_TIME_COMPANY;
			break;
		default: return cli_option_error(opt, argv, synopsis);
		}
	}
	return cli_words(argc, argv, a->words, WORDS_MAX, &a->nwords, synopsis);
}

/* Which options each subcommand takes: a letter per option. */
static int check_words(const hours_args *a)
{
	static const struct {
		const char *name, *options;
		int words;
	} subs[] = {
		{ "list", "pv", 1 }, { "approve", "", 2 }, { "reject", "r", 2 },
		{ "revert", "", 2 }, { "log", "dhint", 2 },
	};
	const struct { char letter; bool given; } given[] = {
		{ 'p', a->pending }, { 'v', a->volunteer }, { 'r', a->reason }, { 'd', a->date },
		{ 'h', a->hours }, { 'i', a->initiative }, { 'n', a->note },
		{ 't', a->time != CSR_TIME_DEFAULT },
	};
	for (size_t i = 0; a->nwords && i < sizeof subs / sizeof subs[0]; i++) {
		if (strcmp(a->words[0], subs[i].name) != 0)
			continue;
		bool ok = a->nwords == subs[i].words;
		for (size_t g = 0; ok && g < sizeof given / sizeof given[0]; g++)
			ok = !given[g].given || strchr(subs[i].options, given[g].letter);
		if (!ok)
			break;
		if (strcmp(subs[i].name, "reject") == 0 && !a->reason)
			return cli_usage("%s", _("hours reject needs --reason R"));
		if (strcmp(subs[i].name, "log") == 0 && (!a->date || !a->hours))
			return cli_usage("%s", _("hours log needs --date YYYY-MM-DD and --hours H"));
		return CLI_OK;
	}
	return cli_usage(_("wrong arguments; usage: csrdesk %s"), synopsis);
}

static int find_volunteer(csr_db *db, const char *employee_id, int64_t *id)
{
	csr_volunteer v;
	csr_err err;
	if (cli_check_text(employee_id, CSR_TEXT_LINE, "EMPLOYEE_ID") != CLI_OK)
		return CLI_FAILED;
	if (csr_volunteer_find(db, employee_id, &v, &err) != CSR_OK)
		return cli_fail_err(&err);
	*id = v.id;
	return CLI_OK;
}

/* ---- list ---- */

/* One entry a line, tab-separated: id, date, hours, status, employee ID,
 * name, initiative, note, and a rejection's reason. */
static void print_entry(const csr_hours *h)
{
	char day[CSR_TIME_TEXT_MAX], hours[32], name[sizeof h->name], title[sizeof h->title];
	char note[sizeof h->note], reason[sizeof h->reason];
	csr_date_format_machine(h->worked_on, day, sizeof day);
	csr_fmt_machine_hours(h->minutes, hours, sizeof hours);
	csr_text_sanitize(h->name, name, sizeof name);
	csr_text_sanitize(h->title, title, sizeof title);
	csr_text_sanitize(h->note, note, sizeof note); /* one line, whatever it holds */
	csr_text_sanitize(h->reason, reason, sizeof reason);
	printf("%lld\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", (long long)h->id, day, hours,
	       csr_hours_status_name(h->status), h->employee_id, name, title, note, reason);
}

/* Agents list only their own hours; leads anyone's, or everyone's. */
static int query_for(csr_db *db, const hours_args *a, csr_hours_query *q)
{
	const csr_actor *me = csr_db_actor(db);
	*q = (csr_hours_query){ .pending_only = a->pending };
	if (a->volunteer && find_volunteer(db, a->volunteer, &q->volunteer_id) != CLI_OK)
		return CLI_FAILED;
	if (me->role >= CSR_ROLE_LEAD)
		return CLI_OK;
	if (!me->volunteer_id || (q->volunteer_id && q->volunteer_id != me->volunteer_id))
		return cli_fail("%s", _("Agents may list only their own hours"));
	q->volunteer_id = me->volunteer_id;
	return CLI_OK;
}

static int list(csr_db *db, const void *args)
{
	const hours_args *a = args;
	csr_hours_query q;
	if (query_for(db, a, &q) != CLI_OK)
		return CLI_FAILED;
	static csr_hours rows[PAGE];
	csr_hours last;
	int n = 0;
	csr_err err;
	bool first = true;
	do { /* newest first, a keyset page at a time */
		if (csr_hours_page(db, &q, first ? NULL : &last, false, rows, PAGE, &n, &err) !=
		    CSR_OK)
			return cli_fail_err(&err);
		for (int i = 0; i < n; i++)
			print_entry(&rows[i]);
		if (n > 0)
			last = rows[n - 1];
		first = false;
	} while (n == PAGE);
	return CLI_OK;
}

/* ---- decisions ---- */

static int decide(csr_db *db, const void *args)
{
	const hours_args *a = args;
	int64_t id;
	csr_err err;
	const char *sub = a->words[0];
	csr_code rc;
	if (!cli_parse_number(a->words[1], &id))
		return cli_usage(_("ID must be a number, not '%s'"), a->words[1]);
	if (strcmp(sub, "approve") == 0)
		rc = csr_hours_decide(db, id, true, &err);
	else if (strcmp(sub, "reject") == 0)
		rc = csr_hours_reject(db, id, a->reason, &err);
	else
		rc = csr_hours_revert(db, id, &err);
	if (rc != CSR_OK)
		return cli_fail_err(&err);
	puts(strcmp(sub, "approve") == 0 ? "approved" : strcmp(sub, "reject") == 0 ? "rejected"
									     : "pending");
	return CLI_OK;
}

/* ---- log ---- */

static int build_entry(csr_db *db, const hours_args *a, csr_hours *h)
{
	csr_err err;
	*h = (csr_hours){ .time = a->time };
	if (csr_time_parse(a->date, &h->worked_on, &err) != CSR_OK || strlen(a->date) != 10)
		return cli_usage(_("--date must be YYYY-MM-DD, not '%s'"), a->date);
	if (!csr_fmt_parse_hours(a->hours, &h->minutes))
		return cli_usage(_("--hours must be hours like 2, 1.5 or 2:30 (up to 24),"
				   " not '%s'"), a->hours);
	if (a->initiative && !cli_parse_number(a->initiative, &h->initiative_id))
		return cli_usage(_("--initiative must be a number, not '%s'"), a->initiative);
	if (a->note && strlen(a->note) >= sizeof h->note)
		return cli_fail(_("--note is too long (at most %zu bytes)"), sizeof h->note - 1);
	snprintf(h->note, sizeof h->note, "%s", a->note ? a->note : "");
	return find_volunteer(db, a->words[1], &h->volunteer_id);
}

/* Prints the new entry's id and its status (pending or approved). */
static int log_hours(csr_db *db, const void *args)
{
	const hours_args *a = args;
	csr_hours h;
	csr_err err;
	int status = build_entry(db, a, &h);
	if (status != CLI_OK)
		return status;
	if (csr_hours_log(db, &h, &err) != CSR_OK)
		return cli_fail_err(&err);
	printf("%lld %s\n", (long long)h.id, csr_hours_status_name(h.status));
	return CLI_OK;
}

int cmd_hours(cli_ctx *c, int argc, char **argv)
{
	static const cli_sub subs[] = {
		{ "list", list }, { "approve", decide }, { "reject", decide }, { "revert", decide },
		{ "log", log_hours }, { 0 },
	};
	hours_args a = { 0 };
	int status = parse_options(argc, argv, &a);
	if (status == CLI_OK)
		status = check_words(&a);
	if (status != CLI_OK)
		return status;
	return cli_run_sub(c, subs, a.words[0], &a, a.note, a.reason);
}
