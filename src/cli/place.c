/* SPDX-License-Identifier: MIT */
/* Subcommands on places: signup (one person, or a group all or nothing),
 * cancel, move and attendance, with the data layer's rules and messages. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "csrdesk/i18n.h"
#include "csrdesk/format.h"
#include "csrdesk/initiative.h"
#include "csrdesk/signup.h"
#include "csrdesk/volunteer.h"

enum { GROUP_MAX = 200, LIST_PAGE = 100 };

/* The options of these commands; which ones a command takes. */
typedef struct place_opts {
	const char *reason, *hours, *walk_in;
	int minutes; /* from --hours; 0 = the initiative's duration */
	int first;   /* the first argument after the options */
} place_opts;

enum { OPT_REASON = 1, OPT_HOURS = 2, OPT_WALK_IN = 4 };

static int parse_opts(int argc, char **argv, unsigned allowed, const char *synopsis,
		      place_opts *o)
{
	static const struct option options[] = {
		{ "reason", required_argument, NULL, OPT_REASON },
		{ "hours", required_argument, NULL, OPT_HOURS },
		{ "walk-in", required_argument, NULL, OPT_WALK_IN },
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	optind = 0;
	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		if (opt == ':')
			return cli_usage(_("%s needs a value"), argv[optind - 1]);
		if (opt == '?' || !(allowed & (unsigned)opt))
			return cli_usage(_("unknown option %s (usage: csrdesk %s)"), argv[optind - 1],
					 synopsis);
		if (opt == OPT_REASON)
			o->reason = optarg;
		else if (opt == OPT_HOURS)
			o->hours = optarg;
		else
			o->walk_in = optarg;
	}
	o->first = optind;
	if (o->hours && !csr_fmt_parse_hours(o->hours, &o->minutes))
		return cli_usage(_("--hours must be hours from 0:01 to 24, such as 2, 1.5 or 2:30,"
				   " not '%s'"), o->hours);
	return cli_check_text(o->reason, CSR_TEXT_LINE, "--reason");
}

/* The words after the options must be between min and max. */
static int check_count(int argc, const place_opts *o, int min, int max, const char *synopsis)
{
	int n = argc - o->first;
	if (n < min || n > max)
		return cli_usage(_("wrong arguments; usage: csrdesk %s"), synopsis);
	return CLI_OK;
}

static int parse_initiative(const char *s, int64_t *id)
{
	if (!cli_parse_number(s, id))
		return cli_usage(_("INITIATIVE_ID must be a number, not '%s'"), s);
	return CLI_OK;
}

static int find_volunteer(csr_db *db, const char *employee_id, int64_t *id)
{
	int status = cli_check_text(employee_id, CSR_TEXT_LINE, "EMPLOYEE_ID");
	csr_volunteer v;
	csr_err err;
	if (status == CLI_OK && csr_volunteer_find(db, employee_id, &v, &err) != CSR_OK)
		status = cli_fail_err(&err);
	*id = status == CLI_OK ? v.id : 0;
	return status;
}

static void print_result(const csr_signup_result *res)
{
	if (res->status == CSR_SIGNUP_WAITLISTED)
		printf("waitlisted %d\n", res->waitlist_position);
	else
		printf("%s\n", csr_signup_status_name(res->status));
}

static int print_promoted(csr_db *db, int64_t volunteer_id)
{
	csr_volunteer v;
	csr_err err;
	if (!volunteer_id)
		return CLI_OK;
	if (csr_volunteer_get(db, volunteer_id, &v, &err) != CSR_OK)
		return cli_fail_err(&err);
	printf("promoted %s\n", v.employee_id);
	return CLI_OK;
}

/* ---- signup ---- */

static int sign_up_one(csr_db *db, int64_t initiative_id, const char *employee_id)
{
	int64_t volunteer_id;
	csr_signup_result res;
	csr_err err;
	int status = find_volunteer(db, employee_id, &volunteer_id);
	if (status == CLI_OK && csr_signup_add(db, initiative_id, volunteer_id, &res, &err) != CSR_OK)
		status = cli_fail_err(&err);
	if (status == CLI_OK)
		print_result(&res);
	return status;
}

static int sign_up_group(csr_db *db, int64_t initiative_id, char **employee_ids, int n)
{
	int64_t ids[GROUP_MAX] = { 0 };
	int status = CLI_OK;
	for (int i = 0; status == CLI_OK && i < n; i++)
		status = find_volunteer(db, employee_ids[i], &ids[i]);
	csr_err err;
	if (status == CLI_OK && csr_signup_add_group(db, initiative_id, ids, n, &err) != CSR_OK)
		status = cli_fail_err(&err);
	for (int i = 0; status == CLI_OK && i < n; i++)
		printf("confirmed %s\n", employee_ids[i]);
	return status;
}

int cmd_signup(cli_ctx *c, int argc, char **argv)
{
	static const char synopsis[] = "signup INITIATIVE_ID EMPLOYEE_ID...";
	place_opts o = { 0 };
	csr_db *db = NULL;
	int64_t initiative_id = 0;
	int status = parse_opts(argc, argv, 0, synopsis, &o);
	if (status == CLI_OK)
		status = check_count(argc, &o, 2, 1 + GROUP_MAX, synopsis);
	if (status == CLI_OK)
		status = parse_initiative(argv[o.first], &initiative_id);
	if (status == CLI_OK)
		status = cli_open(c, &db);
	int n = argc - o.first - 1;
	if (status == CLI_OK && n == 1)
		status = sign_up_one(db, initiative_id, argv[o.first + 1]);
	else if (status == CLI_OK)
		status = sign_up_group(db, initiative_id, argv + o.first + 1, n);
	csr_db_close(&db);
	return status;
}

/* ---- cancel and move ---- */

/* Parses the ids of a cancel or move (the initiatives, then the person),
 * opens the database and finds the person. */
static int parse_place(cli_ctx *c, int argc, char **argv, unsigned allowed, int initiatives,
		       const char *synopsis, place_opts *o, int64_t *initiative_ids,
		       int64_t *volunteer_id, csr_db **db)
{
	int status = parse_opts(argc, argv, allowed, synopsis, o);
	if (status == CLI_OK)
		status = check_count(argc, o, initiatives + 1, initiatives + 1, synopsis);
	for (int i = 0; status == CLI_OK && i < initiatives; i++)
		status = parse_initiative(argv[o->first + i], &initiative_ids[i]);
	if (status == CLI_OK)
		status = cli_open(c, db);
	if (status == CLI_OK)
		status = find_volunteer(*db, argv[o->first + initiatives], volunteer_id);
	return status;
}

int cmd_cancel(cli_ctx *c, int argc, char **argv)
{
	place_opts o = { 0 };
	csr_db *db = NULL;
	int64_t initiative_id = 0, volunteer_id = 0;
	csr_signup_result res;
	csr_err err;
	int status = parse_place(c, argc, argv, OPT_REASON, 1,
				 "cancel INITIATIVE_ID EMPLOYEE_ID [--reason TEXT]", &o,
				 &initiative_id, &volunteer_id, &db);
	if (status == CLI_OK && csr_signup_cancel_for(db, initiative_id, volunteer_id, o.reason,
						      &res, &err) != CSR_OK)
		status = cli_fail_err(&err);
	if (status == CLI_OK) {
		printf("cancelled\n");
		status = print_promoted(db, res.promoted_volunteer_id);
	}
	csr_db_close(&db);
	return status;
}

int cmd_move(cli_ctx *c, int argc, char **argv)
{
	place_opts o = { 0 };
	csr_db *db = NULL;
	int64_t ids[2] = { 0, 0 }, volunteer_id = 0;
	csr_signup_result res;
	csr_err err;
	int status = parse_place(c, argc, argv, OPT_REASON, 2,
				 "move FROM_ID TO_ID EMPLOYEE_ID [--reason TEXT]", &o, ids,
				 &volunteer_id, &db);
	if (status == CLI_OK &&
	    csr_signup_move(db, ids[0], ids[1], volunteer_id, o.reason, &res, &err) != CSR_OK)
		status = cli_fail_err(&err);
	if (status == CLI_OK) {
		print_result(&res);
		status = print_promoted(db, res.promoted_volunteer_id);
	}
	csr_db_close(&db);
	return status;
}

/* ---- attendance ---- */

static const char attendance_synopsis[] =
	"attendance INITIATIVE_ID [EMPLOYEE_ID attended|no-show | --walk-in EMPLOYEE_ID]"
	" [--hours H]";

/* Every place on the initiative: employee ID, name, status, tab-separated. */
static int list_places(csr_db *db, int64_t initiative_id)
{
	csr_signup rows[LIST_PAGE], last;
	csr_initiative in;
	int n = 0;
	csr_err err;
	bool more = true;
	if (csr_initiative_get(db, initiative_id, &in, &err) != CSR_OK)
		return cli_fail_err(&err);
	for (const csr_signup *after = NULL; more; after = &last) {
		if (csr_signup_page_initiative(db, initiative_id, NULL, after, false, rows, LIST_PAGE,
					       &n, &err) != CSR_OK)
			return cli_fail_err(&err);
		for (int i = 0; i < n; i++)
			printf("%s\t%s\t%s\n", rows[i].employee_id, rows[i].name,
			       csr_signup_status_name(rows[i].status));
		more = n == LIST_PAGE;
		if (n)
			last = rows[n - 1];
	}
	return CLI_OK;
}

static int parse_mark(const char *word, bool *attended)
{
	*attended = strcmp(word, "attended") == 0;
	if (*attended || strcmp(word, "no-show") == 0)
		return CLI_OK;
	return cli_usage(_("'%s' is not attended or no-show; usage: csrdesk %s"), word,
			 attendance_synopsis);
}

static int mark(csr_db *db, int64_t initiative_id, char **words, const place_opts *o)
{
	int64_t volunteer_id;
	bool attended;
	csr_err err;
	int status = parse_mark(words[1], &attended);
	if (status == CLI_OK)
		status = find_volunteer(db, words[0], &volunteer_id);
	if (status == CLI_OK && csr_signup_mark_minutes(db, initiative_id, volunteer_id, attended,
							o->minutes, &err) != CSR_OK)
		status = cli_fail_err(&err);
	if (status == CLI_OK)
		printf("%s\n", words[1]);
	return status;
}

static int walk_in(csr_db *db, int64_t initiative_id, const place_opts *o)
{
	int64_t volunteer_id;
	csr_err err;
	int status = find_volunteer(db, o->walk_in, &volunteer_id);
	if (status == CLI_OK &&
	    csr_signup_walk_in(db, initiative_id, volunteer_id, o->minutes, &err) != CSR_OK)
		status = cli_fail_err(&err);
	if (status == CLI_OK)
		printf("attended\n");
	return status;
}

/* How many words follow INITIATIVE_ID: none (the list), two (a mark), or
 * none with --walk-in; --hours only with a mark or a walk-in. */
static int check_attendance_words(int argc, const place_opts *o)
{
	int words = argc - o->first - 1;
	bool ok = o->walk_in ? words == 0 : (words == 0 && !o->hours) || words == 2;
	if (argc - o->first < 1 || !ok)
		return cli_usage(_("wrong arguments; usage: csrdesk %s"), attendance_synopsis);
	return CLI_OK;
}

static int attend(csr_db *db, int64_t initiative_id, int words, char **word,
		  const place_opts *o)
{
	if (o->walk_in)
		return walk_in(db, initiative_id, o);
	if (words == 2)
		return mark(db, initiative_id, word, o);
	return list_places(db, initiative_id);
}

int cmd_attendance(cli_ctx *c, int argc, char **argv)
{
	place_opts o = { 0 };
	csr_db *db = NULL;
	int64_t initiative_id = 0;
	int status = parse_opts(argc, argv, OPT_HOURS | OPT_WALK_IN, attendance_synopsis, &o);
	if (status == CLI_OK)
		status = check_attendance_words(argc, &o);
	if (status == CLI_OK)
		status = parse_initiative(argv[o.first], &initiative_id);
	if (status == CLI_OK)
		status = cli_open(c, &db);
	if (status == CLI_OK)
		status = attend(db, initiative_id, argc - o.first - 1, argv + o.first + 1, &o);
	csr_db_close(&db);
	return status;
}
