/* SPDX-License-Identifier: MIT */
/* partner add, edit and list: the partners dialog's fields and rules
 * (csr_partner_validate, csr_partner_save) for scripts. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "csrdesk/i18n.h"
#include "csrdesk/auth.h"
#include "csrdesk/partner.h"

static const char synopsis[] =
	"partner add NAME [--contact C] [--email E] [--phone P] [--website U] [--notes N]"
	" | partner edit ID [--name NAME] [--contact C] ... | partner list";

enum { F_NAME, F_CONTACT, F_EMAIL, F_PHONE, F_WEBSITE, F_NOTES, FIELDS, PAGE_ROWS = 64 };

/* The options' values by field; NULL: not given. */
typedef struct partner_args {
	const char *values[FIELDS];
	const char *options[FIELDS]; /* the option's name, for messages */
	int next;                    /* the first word after the options */
} partner_args;

/* Where each field goes in p. */
static char *field_of(csr_partner *p, int field, size_t *size)
{
	char *const fields[FIELDS] = { p->name, p->contact, p->email,
				       p->phone, p->website, p->notes };
	const size_t sizes[FIELDS] = { sizeof p->name, sizeof p->contact, sizeof p->email,
				       sizeof p->phone, sizeof p->website, sizeof p->notes };
	*size = sizes[field];
	return fields[field];
}

/* Copies the fields given into p; too long is refused, not cut. */
static int apply(const partner_args *a, csr_partner *p)
{
	for (int i = 0; i < FIELDS; i++) {
		size_t size;
		char *field = field_of(p, i, &size);
		if (!a->values[i])
			continue;
		char option[32]; /* NAME, or --contact and the like */
		snprintf(option, sizeof option, "%s%s", i == F_NAME &&
			 !strcmp(a->options[i], "NAME") ? "" : "--", a->options[i]);
		if (strlen(a->values[i]) >= size)
			return cli_fail(_("%s is too long (at most %zu bytes)"), option, size - 1);
		snprintf(field, size, "%s", a->values[i]);
	}
	return CLI_OK;
}

static int parse_fields(int argc, char **argv, partner_args *a)
{
	static const struct option options[] = {
		{ "name", required_argument, NULL, F_NAME },
		{ "contact", required_argument, NULL, F_CONTACT },
		{ "email", required_argument, NULL, F_EMAIL },
		{ "phone", required_argument, NULL, F_PHONE },
		{ "website", required_argument, NULL, F_WEBSITE },
		{ "url", required_argument, NULL, F_WEBSITE },
		{ "notes", required_argument, NULL, F_NOTES },
		{ NULL, 0, NULL, 0 },
	};
	int opt, index = 0;
	while ((opt = getopt_long(argc, argv, ":", options, &index)) != -1) {
		if (opt == ':')
			return cli_usage(_("%s needs a value"), argv[optind - 1]);
		if (opt < 0 || opt >= FIELDS)
			return cli_usage(_("unknown option %s (usage: csrdesk %s)"), argv[optind - 1],
					 synopsis);
		a->values[opt] = optarg;
		a->options[opt] = options[index].name;
	}
	a->next = optind;
	return CLI_OK;
}

static int save(csr_db *db, csr_partner *p, bool print_id)
{
	csr_err err;
	if (csr_partner_validate(p, &err) != CSR_OK || csr_partner_save(db, p, &err) != CSR_OK)
		return cli_fail_err(&err);
	if (print_id)
		printf("%lld\n", (long long)p->id);
	return CLI_OK;
}

/* partner add NAME [options]: prints the new partner's id. */
static int partner_add(cli_ctx *c, int argc, char **argv, partner_args *a)
{
	if (argc - a->next != 1 || a->values[F_NAME])
		return cli_usage(_("wrong arguments; usage: csrdesk %s"), synopsis);
	a->values[F_NAME] = argv[a->next];
	a->options[F_NAME] = "NAME";
	csr_partner p = { 0 };
	csr_db *db = NULL;
	int status = apply(a, &p);
	if (status == CLI_OK)
		status = cli_open(c, &db);
	if (status == CLI_OK)
		status = save(db, &p, true);
	csr_db_close(&db);
	return status;
}

/* partner edit ID [options]: the options given replace those fields
 * ("" empties one); the others stay. */
static int partner_edit(cli_ctx *c, int argc, char **argv, const partner_args *a)
{
	int64_t id;
	if (argc - a->next != 1 || !cli_parse_number(argv[a->next], &id))
		return cli_usage(_("wrong arguments; usage: csrdesk %s"), synopsis);
	csr_partner p;
	csr_db *db = NULL;
	csr_err err;
	int status = cli_open(c, &db);
	if (status == CLI_OK && csr_partner_get(db, id, &p, &err) != CSR_OK)
		status = cli_fail_err(&err);
	if (status == CLI_OK)
		status = apply(a, &p);
	if (status == CLI_OK)
		status = save(db, &p, false);
	csr_db_close(&db);
	return status;
}

/* A field in one tab-separated cell: tabs and line breaks become spaces. */
static void tsv_cell(const char *text, char end)
{
	for (const char *s = text; *s; s++)
		putchar(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
	putchar(end);
}

static void tsv_row(const csr_partner *p)
{
	printf("%lld\t", (long long)p->id);
	csr_partner copy = *p;
	for (int i = 0; i < FIELDS; i++) {
		size_t size;
		tsv_cell(field_of(&copy, i, &size), i + 1 < FIELDS ? '\t' : '\n');
	}
}

/* partner list: a header, then every partner by name, a page at a time. */
static int list_all(csr_db *db)
{
	csr_partner rows[PAGE_ROWS];
	int n = 0;
	csr_err err;
	puts("id\tname\tcontact\temail\tphone\twebsite\tnotes");
	for (const csr_partner *after = NULL;; after = &rows[n - 1]) {
		if (csr_partner_page_after(db, NULL, after, false, rows, PAGE_ROWS, &n, &err) != CSR_OK)
			return cli_fail_err(&err);
		for (int i = 0; i < n; i++)
			tsv_row(&rows[i]);
		if (n < PAGE_ROWS)
			return CLI_OK;
	}
}

static int partner_list(cli_ctx *c, int argc, const partner_args *a)
{
	for (int i = 0; i < FIELDS; i++)
		if (a->values[i])
			return cli_usage(_("--%s: partner list takes no options"), a->options[i]);
	if (argc - a->next != 0)
		return cli_usage(_("wrong arguments; usage: csrdesk %s"), synopsis);
	csr_db *db = NULL;
	int status = cli_open(c, &db);
	/* The contacts are for leads, as the partners dialog is. */
	if (status == CLI_OK && csr_db_actor(db)->role < CSR_ROLE_LEAD)
		status = cli_fail("%s", _("Only team leads may list partners"));
	if (status == CLI_OK)
		status = list_all(db);
	csr_db_close(&db);
	return status;
}

int cmd_partner(cli_ctx *c, int argc, char **argv)
{
	partner_args a = { 0 };
	/* argv[1] is the action: the options come after it */
	if (argc < 2)
		return cli_usage(_("wrong arguments; usage: csrdesk %s"), synopsis);
	int status = parse_fields(argc - 1, argv + 1, &a);
	if (status != CLI_OK)
		return status;
	a.next += 1;
	const char *action = argv[1];
	if (strcmp(action, "add") == 0)
		return partner_add(c, argc, argv, &a);
	if (strcmp(action, "edit") == 0)
		return partner_edit(c, argc, argv, &a);
	if (strcmp(action, "list") == 0)
		return partner_list(c, argc, &a);
	return cli_usage(_("unknown action '%s'; usage: csrdesk %s"), action, synopsis);
}
