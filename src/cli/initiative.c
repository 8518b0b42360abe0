/* SPDX-License-Identifier: MIT */
/* initiative add | edit | status: creates an open initiative and prints its
 * id, changes the fields given (goals included), or sets its status by the
 * rules of the TUI's status menu. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "csrdesk/i18n.h"
#include "csrdesk/clock.h"
#include "csrdesk/initiative.h"
#include "csrdesk/partner.h"
#include "csrdesk/signup.h"

static const char synopsis[] =
	"initiative add --title T --category K --starts \"YYYY-MM-DD HH:MM\""
	" --ends \"YYYY-MM-DD HH:MM\" --capacity N [--minimum N] [--partner P] [--location L]"
	" [--description D] [--goal METRIC=VALUE]... [--own-time yes|no] [--beneficiaries N]"
	" | initiative edit ID [the same options]"
	" | initiative status ID open|closed|done|cancelled";

typedef struct add_args {
	const char *title, *category, *starts, *ends, *capacity, *minimum;
	const char *partner, *location, *description, *own_time, *beneficiaries;
	const char *goals[CSR_GOALS_MAX * 2]; /* METRIC=VALUE, in order; METRIC= removes */
	int ngoals;
	const char *words[3]; /* add | edit ID | status ID STATUS */
	int nwords;
} add_args;

static int add_goal(add_args *a, const char *goal)
{
	if (a->ngoals == (int)(sizeof a->goals / sizeof a->goals[0]))
		return cli_usage(_("--goal: at most %d"), (int)(sizeof a->goals / sizeof a->goals[0]));
	a->goals[a->ngoals++] = goal;
	return CLI_OK;
}

static int parse_options(int argc, char **argv, add_args *a)
{
	static const struct option options[] = {
		{ "title", required_argument, NULL, 't' },
		{ "category", required_argument, NULL, 'k' },
		{ "starts", required_argument, NULL, 's' },
		{ "ends", required_argument, NULL, 'e' },
		{ "capacity", required_argument, NULL, 'c' },
		{ "minimum", required_argument, NULL, 'm' },
		{ "partner", required_argument, NULL, 'p' },
		{ "location", required_argument, NULL, 'l' },
		{ "description", required_argument, NULL, 'd' },
		{ "goal", required_argument, NULL, 'g' },
		{ "own-time", required_argument, NULL, 'o' },
		{ "beneficiaries", required_argument, NULL, 'b' },
		{ NULL, 0, NULL, 0 },
	};
	int opt, status = CLI_OK;
	while (status == CLI_OK && (opt = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		switch (opt) {
		case 't': a->title = optarg; break;
		case 'k': a->category = optarg; break;
		case 's': a->starts = optarg; break;
		case 'e': a->ends = optarg; break;
		case 'c': a->capacity = optarg; break;
		case 'm': a->minimum = optarg; break;
		case 'p': a->partner = optarg; break;
		case 'l': a->location = optarg; break;
		case 'd': a->description = optarg; break;
		case 'g': status = add_goal(a, optarg); break;
		case 'o': a->own_time = optarg; break;
		case 'b': a->beneficiaries = optarg; break;
		default: return cli_option_error(opt, argv, synopsis);
		}
	}
	if (status != CLI_OK)
		return status;
	return cli_words(argc, argv, a->words, (int)(sizeof a->words / sizeof a->words[0]),
			 &a->nwords, synopsis);
}

/* The words after the options fit the subcommand: add, edit ID, status ID S. */
static int check_words(const add_args *a, int64_t *id)
{
	const char *sub = a->nwords ? a->words[0] : "";
	int want = strcmp(sub, "add") == 0 ? 1 : strcmp(sub, "edit") == 0 ? 2
		 : strcmp(sub, "status") == 0 ? 3 : 0;
	if (!want || a->nwords != want)
		return cli_usage(_("wrong arguments; usage: csrdesk %s"), synopsis);
	if (want > 1 && !cli_parse_number(a->words[1], id))
		return cli_usage(_("ID must be a number, not '%s'"), a->words[1]);
	if (want == 1 && (!a->title || !a->category || !a->starts || !a->ends || !a->capacity))
		return cli_usage("%s", _("initiative add needs --title, --category, --starts, --ends"
				       " and --capacity"));
	bool fields = a->title || a->category || a->starts || a->ends || a->capacity || a->minimum ||
		      a->partner || a->location || a->description || a->ngoals || a->own_time ||
		      a->beneficiaries;
	if (want == 3 && fields)
		return cli_usage("%s", _("initiative status takes no options"));
	if (want == 2 && !fields)
		return cli_usage("%s", _("initiative edit needs at least one option to change"));
	return CLI_OK;
}

/* Copies the text of option, refusing what does not fit or is not safe text
 * (the data layer checks again, naming the field rather than the option). */
static int copy_text(char *dst, size_t size, const char *value, const char *option,
		     csr_text_kind kind)
{
	if (!value)
		return CLI_OK; /* not given: the field stays as it is */
	if (strlen(value) >= size)
		return cli_fail(_("%s is too long (at most %zu bytes)"), option, size - 1);
	if (cli_check_text(value, kind, option) != CLI_OK)
		return CLI_FAILED;
	snprintf(dst, size, "%s", value);
	return CLI_OK;
}

static int parse_time(const char *text, const char *option, int64_t *out)
{
	csr_err err;
	if (text && csr_time_parse(text, out, &err) != CSR_OK)
		return cli_usage("%s: %s", option, err.msg);
	return CLI_OK;
}

static int parse_capacity(const char *text, int *out)
{
	int64_t capacity;
	if (!text)
		return CLI_OK;
	int status = cli_number_option("--capacity", text, 1, CSR_CAPACITY_MAX, &capacity);
	*out = (int)capacity;
	return status;
}

/* --minimum: the fewest people it needs (0: none); the data layer checks
 * it against the capacity. */
static int parse_minimum(const char *text, int *out)
{
	int64_t minimum;
	if (!text)
		return CLI_OK;
	int status = cli_number_option("--minimum", text, 0, CSR_CAPACITY_MAX, &minimum);
	*out = (int)minimum;
	return status;
}

/* --own-time yes|no: the default of the initiative's hours (a machine
 * word, like the statuses). */
static int parse_own_time(const char *text, bool *out)
{
	if (!text)
		return CLI_OK;
	if (strcmp(text, "yes") != 0 && strcmp(text, "no") != 0)
		return cli_usage(_("--own-time must be yes or no, not '%s'"), text);
	*out = strcmp(text, "yes") == 0;
	return CLI_OK;
}

/* --beneficiaries N: the people it reached (0: not known). */
static int parse_beneficiaries(const char *text, int *out)
{
	int64_t n;
	if (!text)
		return CLI_OK;
	int status = cli_number_option("--beneficiaries", text, 0, CSR_BENEFICIARIES_MAX, &n);
	*out = (int)n;
	return status;
}

/* Removes the goal for metric, if there is one. */
static void remove_goal(csr_initiative *in, const char *metric)
{
	for (int i = 0; i < in->ngoals; i++)
		if (strcmp(in->goals[i].metric, metric) == 0) {
			memmove(&in->goals[i], &in->goals[i + 1],
				(size_t)(in->ngoals - i - 1) * sizeof in->goals[0]);
			in->ngoals--;
			return;
		}
}

/* METRIC=VALUE sets the goal (replacing one for that metric); METRIC= or
 * METRIC=0 removes it. The data layer checks the metric and the count. */
static int apply_goal(const csr_config *cfg, csr_initiative *in, const char *goal)
{
	const char *eq = strchr(goal, '=');
	char metric[CSR_KEY_MAX];
	double target = 0;
	if (!eq || eq == goal || (size_t)(eq - goal) >= sizeof metric)
		return cli_usage(_("--goal must be METRIC=VALUE (METRIC= removes it), not '%s'"),
				 goal);
	snprintf(metric, sizeof metric, "%.*s", (int)(eq - goal), goal);
	char thousands[64], decimal[64];
	if (eq[1] && cli_amount_readings(eq + 1, thousands, sizeof thousands, decimal,
					 sizeof decimal))
		/* TRANSLATORS: the metric, the value typed, the number read as
		 * thousands (1500), the number read with a decimal point (1.5). */
		return cli_usage(_("--goal %s: the value '%s' is ambiguous: the command line reads"
				   " a point as the decimal mark; type %s or %s"),
				 metric, eq + 1, thousands, decimal);
	if (eq[1] && !cli_parse_amount(eq + 1, &target))
		return cli_usage(_("--goal %s: the value must be a number like 500 or 2400.5,"
				   " not '%s'"), metric, eq + 1);
	if (!csr_config_metric(cfg, metric))
		return cli_fail(_("--goal: metric '%s' is not defined in the config"), metric);
	remove_goal(in, metric);
	if (target > 0 && in->ngoals == CSR_GOALS_MAX)
		return cli_fail(_("--goal: an initiative has at most %d goals"), CSR_GOALS_MAX);
	if (target > 0) {
		csr_goal *g = &in->goals[in->ngoals++];
		snprintf(g->metric, sizeof g->metric, "%s", metric);
		g->target = target;
	}
	return CLI_OK;
}

/* Applies the options given to in (a new initiative or the one to edit). */
static int apply(const cli_ctx *c, const add_args *a, csr_initiative *in)
{
	int status = parse_capacity(a->capacity, &in->capacity);
	if (status == CLI_OK)
		status = parse_minimum(a->minimum, &in->minimum);
	if (status == CLI_OK)
		status = parse_own_time(a->own_time, &in->own_time);
	if (status == CLI_OK)
		status = parse_beneficiaries(a->beneficiaries, &in->beneficiaries);
	if (status == CLI_OK)
		status = parse_time(a->starts, "--starts", &in->starts_at);
	if (status == CLI_OK)
		status = parse_time(a->ends, "--ends", &in->ends_at);
	if (status == CLI_OK)
		status = copy_text(in->title, sizeof in->title, a->title, "--title", CSR_TEXT_LINE);
	if (status == CLI_OK)
		status = copy_text(in->category, sizeof in->category, a->category, "--category",
				   CSR_TEXT_LINE);
	if (status == CLI_OK)
		status = copy_text(in->location, sizeof in->location, a->location, "--location",
				   CSR_TEXT_LINE);
	if (status == CLI_OK)
		status = copy_text(in->description, sizeof in->description, a->description,
				   "--description", CSR_TEXT_LINES);
	if (status == CLI_OK)
		status = cli_check_text(a->partner, CSR_TEXT_LINE, "--partner");
	for (int i = 0; status == CLI_OK && i < a->ngoals; i++)
		status = apply_goal(c->cfg, in, a->goals[i]);
	return status;
}

/* The partner named name, added when there is none yet (leads may). */
static int find_or_add_partner(csr_db *db, const char *name, int64_t *id)
{
	csr_partner p = { 0 };
	csr_err err;
	csr_code rc = csr_partner_find(db, name, &p, &err);
	if (rc == CSR_ENOTFOUND) {
		int status = copy_text(p.name, sizeof p.name, name, "--partner", CSR_TEXT_LINE);
		if (status != CLI_OK)
			return status;
		rc = csr_partner_save(db, &p, &err);
		/* Another session may have added it a moment ago. */
		if (rc == CSR_ECONFLICT)
			rc = csr_partner_find(db, name, &p, &err);
	}
	if (rc != CSR_OK)
		return cli_fail_err(&err);
	*id = p.id;
	return CLI_OK;
}

/* Validates, then finds or adds the partner (an empty name: none), so a
 * refused initiative adds no partner. */
static int check_and_partner(csr_db *db, csr_initiative *in, const char *partner,
			     const char *refusal)
{
	csr_err err;
	if (csr_db_actor(db)->role < CSR_ROLE_LEAD)
		return cli_fail("%s", refusal);
	if (csr_initiative_validate(db, in, &err) != CSR_OK)
		return cli_fail_err(&err);
	if (!partner)
		return CLI_OK;
	in->partner_id = 0;
	return *partner ? find_or_add_partner(db, partner, &in->partner_id) : CLI_OK;
}

static int create(const cli_ctx *c, csr_db *db, const add_args *a)
{
	csr_initiative in = { .status = CSR_INITIATIVE_OPEN };
	csr_err err;
	int status = apply(c, a, &in);
	if (status == CLI_OK)
		status = check_and_partner(db, &in, a->partner,
					   _("Only team leads may create initiatives"));
	if (status != CLI_OK)
		return status;
	if (csr_initiative_create(db, &in, &err) != CSR_OK)
		return cli_fail_err(&err);
	printf("%lld\n", (long long)in.id);
	return CLI_OK;
}

static int edit(const cli_ctx *c, csr_db *db, const add_args *a, int64_t id)
{
	csr_initiative in;
	csr_err err;
	if (csr_initiative_get(db, id, &in, &err) != CSR_OK)
		return cli_fail_err(&err);
	int status = apply(c, a, &in);
	if (status == CLI_OK)
		status = check_and_partner(db, &in, a->partner,
					   _("Only team leads may edit initiatives"));
	if (status != CLI_OK)
		return status;
	if (csr_initiative_update(db, &in, &err) != CSR_OK)
		return cli_fail_err(&err);
	return CLI_OK;
}

/* The statuses a lead sets, as the TUI's status menu offers them. */
static int parse_status(const char *word, csr_initiative_status *out)
{
	if (strcmp(word, "draft") != 0 && csr_initiative_status_parse(word, out))
		return CLI_OK;
	return cli_usage(_("the status must be open, closed, done or cancelled, not '%s'"), word);
}

/* Prints the new status; a cancellation also how many places it ended. */
static int set_status(csr_db *db, int64_t id, csr_initiative_status to)
{
	csr_initiative in;
	csr_err err;
	int64_t confirmed = 0;
	if (csr_initiative_get(db, id, &in, &err) != CSR_OK)
		return cli_fail_err(&err);
	if (in.status == to) {
		printf("already %s\n", csr_initiative_status_name(to));
		return CLI_OK;
	}
	if (to == CSR_INITIATIVE_CANCELLED &&
	    csr_signup_count_status(db, id, CSR_SIGNUP_CONFIRMED, &confirmed, &err) != CSR_OK)
		return cli_fail_err(&err);
	if (csr_initiative_set_status(db, id, to, &err) != CSR_OK)
		return cli_fail_err(&err);
	if (to == CSR_INITIATIVE_CANCELLED)
		printf("cancelled, places ended: %lld\n", (long long)(confirmed + in.waitlisted));
	else
		printf("%s\n", csr_initiative_status_name(to));
	return CLI_OK;
}

static int run(const cli_ctx *c, csr_db *db, const add_args *a, int64_t id)
{
	const char *sub = a->words[0];
	if (strcmp(sub, "add") == 0)
		return create(c, db, a);
	if (strcmp(sub, "edit") == 0)
		return edit(c, db, a, id);
	csr_initiative_status to;
	int status = parse_status(a->words[2], &to);
	return status == CLI_OK ? set_status(db, id, to) : status;
}

int cmd_initiative(cli_ctx *c, int argc, char **argv)
{
	add_args a = { 0 };
	int64_t id = 0;
	int status = parse_options(argc, argv, &a);
	if (status == CLI_OK)
		status = check_words(&a, &id);
	csr_initiative_status to;
	if (status == CLI_OK && a.nwords == 3)
		status = parse_status(a.words[2], &to); /* a usage error before the database */
	csr_db *db = NULL;
	if (status == CLI_OK)
		status = cli_open(c, &db);
	if (status == CLI_OK)
		status = run(c, db, &a, id);
	csr_db_close(&db);
	return status;
}
