/* SPDX-License-Identifier: MIT */
/* initiative add: creates an open initiative and prints its id. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "csrdesk/clock.h"
#include "csrdesk/initiative.h"
#include "csrdesk/partner.h"

static const char synopsis[] =
	"initiative add --title T --category K --starts \"YYYY-MM-DD HH:MM\""
	" --ends \"YYYY-MM-DD HH:MM\" --capacity N [--partner P] [--location L]"
	" [--description D]";

typedef struct add_args {
	const char *title, *category, *starts, *ends, *capacity;
	const char *partner, *location, *description;
} add_args;

static int parse_options(int argc, char **argv, add_args *a)
{
	static const struct option options[] = {
		{ "title", required_argument, NULL, 't' },
		{ "category", required_argument, NULL, 'k' },
		{ "starts", required_argument, NULL, 's' },
		{ "ends", required_argument, NULL, 'e' },
		{ "capacity", required_argument, NULL, 'c' },
		{ "partner", required_argument, NULL, 'p' },
		{ "location", required_argument, NULL, 'l' },
		{ "description", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		switch (opt) {
		case 't': a->title = optarg; break;
		case 'k': a->category = optarg; break;
		case 's': a->starts = optarg; break;
		case 'e': a->ends = optarg; break;
		case 'c': a->capacity = optarg; break;
		case 'p': a->partner = optarg; break;
		case 'l': a->location = optarg; break;
		case 'd': a->description = optarg; break;
		case ':': return cli_usage("%s needs a value", argv[optind - 1]);
		default: return cli_usage("unknown option %s (usage: csrdesk %s)", argv[optind - 1],
					  synopsis);
		}
	}
	if (optind >= argc || strcmp(argv[optind], "add") != 0 || optind + 1 != argc)
		return cli_usage("wrong arguments; usage: csrdesk %s", synopsis);
	if (!a->title || !a->category || !a->starts || !a->ends || !a->capacity)
		return cli_usage("initiative add needs --title, --category, --starts, --ends and"
				 " --capacity");
	return CLI_OK;
}

/* Copies the text of option, refusing what does not fit or is not safe text
 * (the data layer checks again, naming the field rather than the option). */
static int copy_text(char *dst, size_t size, const char *value, const char *option,
		     csr_text_kind kind)
{
	if (value && strlen(value) >= size)
		return cli_fail("%s is too long (at most %zu bytes)", option, size - 1);
	if (cli_check_text(value, kind, option) != CLI_OK)
		return CLI_FAILED;
	snprintf(dst, size, "%s", value ? value : "");
	return CLI_OK;
}

static int parse_time(const char *text, const char *option, int64_t *out)
{
	csr_err err;
	if (csr_time_parse(text, out, &err) != CSR_OK)
		return cli_usage("%s: %s", option, err.msg);
	return CLI_OK;
}

static int build(const add_args *a, csr_initiative *in)
{
	*in = (csr_initiative){ .status = CSR_INITIATIVE_OPEN };
	int64_t capacity = 0;
	int status = cli_number_option("--capacity", a->capacity, 1, CSR_CAPACITY_MAX, &capacity);
	in->capacity = (int)capacity;
	if (status == CLI_OK)
		status = parse_time(a->starts, "--starts", &in->starts_at);
	if (status == CLI_OK)
		status = parse_time(a->ends, "--ends", &in->ends_at);
	if (status == CLI_OK)
		status = copy_text(in->title, sizeof in->title, a->title, "--title",
				   CSR_TEXT_LINE);
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

static int create(csr_db *db, csr_initiative *in, const char *partner)
{
	csr_err err;
	if (csr_db_actor(db)->role < CSR_ROLE_LEAD)
		return cli_fail("Only team leads may create initiatives");
	/* Check everything else first, so a refused initiative adds no partner. */
	if (csr_initiative_validate(db, in, &err) != CSR_OK)
		return cli_fail_err(&err);
	int status = partner ? find_or_add_partner(db, partner, &in->partner_id) : CLI_OK;
	if (status != CLI_OK)
		return status;
	if (csr_initiative_create(db, in, &err) != CSR_OK)
		return cli_fail_err(&err);
	printf("%lld\n", (long long)in->id);
	return CLI_OK;
}

int cmd_initiative(cli_ctx *c, int argc, char **argv)
{
	add_args a = { 0 };
	csr_initiative in;
	int status = parse_options(argc, argv, &a);
	if (status == CLI_OK)
		status = build(&a, &in);
	csr_db *db = NULL;
	if (status == CLI_OK)
		status = cli_open(c, &db);
	if (status == CLI_OK)
		status = create(db, &in, a.partner);
	csr_db_close(&db);
	return status;
}
