/* SPDX-License-Identifier: MIT */
/* impact add | list | edit | void: an initiative's impact values and their
 * corrections, by the rules of the TUI (leads write; voided records stay
 * and are listed as voided). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "csrdesk/i18n.h"
#include "csrdesk/clock.h"
#include "csrdesk/format.h"
#include "csrdesk/impact.h"
#include "csrdesk/initiative.h"

static const char synopsis[] =
	"impact add INITIATIVE_ID METRIC VALUE [--note N] | impact list INITIATIVE_ID"
	" | impact edit RECORD_ID VALUE [--note N] | impact void RECORD_ID --reason R";

enum { LIST_PAGE = 64, WORDS_MAX = 4 };

typedef struct impact_args {
	const char *note, *reason;
	const char *words[WORDS_MAX]; /* the subcommand and its arguments */
	int nwords;
	int64_t id;   /* the initiative (add, list) or the record (edit, void) */
	double value; /* add, edit */
} impact_args;

static int parse_options(int argc, char **argv, impact_args *a)
{
	static const struct option options[] = {
		{ "note", required_argument, NULL, 'n' },
		{ "reason", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		switch (opt) {
		case 'n': a->note = optarg; break;
		case 'r': a->reason = optarg; break;
		default: return cli_option_error(opt, argv, synopsis);
		}
	}
	return cli_words(argc, argv, a->words, WORDS_MAX, &a->nwords, synopsis);
}

/* VALUE refused: "1.500" is ambiguous, anything else not a number. */
static int value_refused(const char *value)
{
	char thousands[64], decimal[64];
	if (cli_amount_readings(value, thousands, sizeof thousands, decimal, sizeof decimal))
		/* TRANSLATORS: VALUE is the argument's name in the usage; then the
		 * value typed, the number read as thousands (1500), the number read
		 * with a decimal point (1.5). Scripts type numbers with a point. */
		return cli_usage(_("VALUE '%s' is ambiguous: the command line reads a point as"
				   " the decimal mark; type %s or %s"), value, thousands, decimal);
	return cli_usage(_("VALUE must be a number of 0 or more like 120 or 2400.5, not '%s'"),
			 value);
}

/* How many words each subcommand takes, and which options. */
static int check_words(impact_args *a)
{
	static const struct {
		const char *name;
		int words;
		bool note, reason;
	} subs[] = {
		{ "add", 4, true, false },
		{ "list", 2, false, false },
		{ "edit", 3, true, false },
		{ "void", 2, false, true },
	};
	for (size_t i = 0; a->nwords && i < sizeof subs / sizeof subs[0]; i++) {
		if (strcmp(a->words[0], subs[i].name) != 0)
			continue;
		if (a->nwords != subs[i].words || (a->note && !subs[i].note) ||
		    (a->reason && !subs[i].reason))
			break;
		if (subs[i].reason && !a->reason)
			return cli_usage("%s", _("impact void needs --reason R"));
		if (!cli_parse_number(a->words[1], &a->id))
			/* TRANSLATORS: %s is INITIATIVE_ID or RECORD_ID, as in the usage. */
			return cli_usage(_("%s must be a number, not '%s'"),
					 i < 2 ? "INITIATIVE_ID" : "RECORD_ID", a->words[1]);
		const char *value = a->words[subs[i].words - 1];
		if ((i == 0 || i == 2) && !cli_parse_amount(value, &a->value))
			return value_refused(value);
		return CLI_OK;
	}
	return cli_usage(_("wrong arguments; usage: csrdesk %s"), synopsis);
}

static int add(csr_db *db, const void *args)
{
	const impact_args *a = args;
	csr_impact rec = { .initiative_id = a->id, .value = a->value };
	csr_err err;
	if (strlen(a->words[2]) >= sizeof rec.metric)
		return cli_fail(_("Metric '%s' is not defined in the configuration"), a->words[2]);
	snprintf(rec.metric, sizeof rec.metric, "%s", a->words[2]);
	if (a->note && strlen(a->note) >= sizeof rec.note)
		return cli_fail(_("--note is too long (at most %zu bytes)"), sizeof rec.note - 1);
	snprintf(rec.note, sizeof rec.note, "%s", a->note ? a->note : "");
	if (csr_impact_record(db, &rec, &err) != CSR_OK)
		return cli_fail_err(&err);
	printf("%lld\n", (long long)rec.id);
	return CLI_OK;
}

/* One record a line, tab-separated: id, metric, value, recorded at,
 * "counts" or "voided", the note, and a voided record's reason. */
static void print_record(const csr_impact *r)
{
	char value[CSR_FMT_NUMBER_MAX], when[CSR_TIME_TEXT_MAX];
	char note[CSR_IMPACT_NOTE_MAX], reason[CSR_IMPACT_NOTE_MAX];
	csr_fmt_machine_number(r->value, value, sizeof value);
	csr_time_format_machine(r->recorded_at, when, sizeof when);
	csr_text_sanitize(r->note, note, sizeof note); /* one line, whatever it holds */
	csr_text_sanitize(r->void_reason, reason, sizeof reason);
	printf("%lld\t%s\t%s\t%s\t%s\t%s\t%s\n", (long long)r->id, r->metric, value, when,
	       r->voided_at ? "voided" : "counts", note, reason);
}

static int list(csr_db *db, const void *args)
{
	const impact_args *a = args;
	enum { MAX = 1024 }; /* an initiative has a handful: a bound, not a page */
	csr_initiative in;
	csr_err err;
	if (csr_initiative_get(db, a->id, &in, &err) != CSR_OK)
		return cli_fail_err(&err);
	csr_impact *rows = calloc(MAX, sizeof *rows);
	if (!rows)
		return cli_fail("%s", _("out of memory"));
	int n = 0;
	csr_code rc = csr_impact_list(db, a->id, rows, MAX, &n, &err);
	for (int i = 0; i < n; i++)
		print_record(&rows[i]);
	free(rows);
	return rc == CSR_OK ? CLI_OK : cli_fail_err(&err);
}

static int edit(csr_db *db, const void *args)
{
	const impact_args *a = args;
	csr_impact old;
	csr_err err;
	if (csr_impact_get(db, a->id, &old, &err) != CSR_OK ||
	    csr_impact_edit(db, a->id, a->value, a->note, &err) != CSR_OK)
		return cli_fail_err(&err);
	char was[CSR_FMT_NUMBER_MAX], now[CSR_FMT_NUMBER_MAX];
	csr_fmt_machine_number(old.value, was, sizeof was);
	csr_fmt_machine_number(a->value, now, sizeof now);
	printf("%s %s -> %s\n", old.metric, was, now);
	return CLI_OK;
}

static int void_record(csr_db *db, const void *args)
{
	const impact_args *a = args;
	csr_err err;
	if (csr_impact_void(db, a->id, a->reason, &err) != CSR_OK)
		return cli_fail_err(&err);
	puts("voided");
	return CLI_OK;
}

int cmd_impact(cli_ctx *c, int argc, char **argv)
{
	static const cli_sub subs[] = {
		{ "add", add }, { "list", list }, { "edit", edit }, { "void", void_record }, { 0 },
	};
	impact_args a = { 0 };
	int status = parse_options(argc, argv, &a);
	if (status == CLI_OK)
		status = check_words(&a);
	if (status != CLI_OK)
		return status;
	return cli_run_sub(c, subs, a.words[0], &a, a.note, a.reason);
}
