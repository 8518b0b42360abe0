/* SPDX-License-Identifier: MIT */
/* privacy: the record of processing, for the annex of a works agreement:
 * which personal data each screen, report and export uses and who (which
 * role) sees it, then the privacy settings of the config in use. In the
 * language of the messages, 80 columns, the same text every time (the
 * README's "Record of processing" is this output in English). */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "csrdesk/config.h"
#include "csrdesk/format.h"
#include "csrdesk/i18n.h"

enum { WHAT_W = 22, DATA_W = 30, WHO_W = 23, GAP = 2, CELL_MAX = 512, LINE_MAX = 1024 };

typedef struct processing {
	const char *what, *data, *who; /* English, marked N_() */
} processing;

/* Every screen, report and export that shows or writes personal data; the
 * roles are the config's (agent, team lead, admin). */
static const processing record[] = {
	{ N_("Initiatives panel and its details (TUI, kiosk)"),
	  N_("initiatives; who has a place (name, status; employee ID: leads); your own place"),
	  N_("everyone; names on a private category's initiatives: team leads and admins only (agents see how many)") },
	{ N_("Kiosk welcome screen"),
	  N_("open initiatives with free places, announcements; no personal data"),
	  N_("anyone at the floor terminal") },
	{ N_("My record (TUI, kiosk)"),
	  N_("your own places, hours, ratings and notifications"),
	  N_("the person themselves") },
	{ N_("Volunteers panel"),
	  N_("name, employee ID, team, site, email, skills, Unix user, active; places and hours"),
	  N_("team leads, admins") },
	{ N_("Attendance, sign up people"),
	  N_("names and employee IDs with a place, attended or no-show, hours"),
	  N_("team leads, admins") },
	{ N_("Hours for approval"),
	  N_("names, hours, notes, reasons for a rejection"),
	  N_("team leads, admins") },
	{ N_("Impact panel"),
	  N_("figures per team, site or category; no names; a slice of fewer people than the smallest group is not shown"),
	  N_("everyone") },
	{ N_("Notifications, remind, mail"),
	  N_("your own places and hours; the email address the mail goes to"),
	  N_("the person themselves; team leads: a digest of their initiatives") },
	{ N_("Audit log (TUI), export audit"),
	  N_("the login of whoever changed something, what, when, and the change (may name people)"),
	  N_("admins") },
	{ N_("report (text, md, csv, html)"),
	  N_("figures per team, site, category and month; no names; smallest group as above"),
	  N_("team leads, admins") },
	{ N_("report --format b4si"),
	  N_("company-wide figures: hours in company and own time and their value,"
	     " participation, sites; per issue area; no names"),
	  N_("team leads, admins") },
	{ N_("management log, management list"),
	  N_("who ran the programme (name, employee ID), days, hours, notes"),
	  N_("team leads, admins") },
	{ N_("export volunteers"),
	  N_("the roster: employee ID, name, team, site, email, skills, Unix user, active"),
	  N_("team leads, admins") },
	{ N_("export signups, hours, impact, initiatives"),
	  N_("employee IDs with places and their status, hours, recorded values"),
	  N_("team leads, admins") },
	{ N_("export sheet"),
	  N_("names of those with a place, to print"),
	  N_("team leads, admins") },
	{ N_("export ics"),
	  N_("open initiatives (no names); --volunteer: one person's places"),
	  N_("everyone; agents: only their own places") },
	{ N_("export person, export me, erase"),
	  N_("everything stored about one person (GDPR Art. 15, 17, 20)"),
	  N_("admins; export me: the person themselves") },
};

/* Characters, not bytes: the texts are Latin script, one column each, so
 * the layout does not depend on the locale's character widths. */
static int columns_of(const char *s, size_t len)
{
	int n = 0;
	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

/* The next line of text (at most width columns, broken at a space; a word
 * longer than that is cut) into line; returns where the rest starts. */
static const char *next_line(const char *text, int width, char *line, size_t size)
{
	while (*text == ' ')
		text++;
	size_t len = strlen(text), fit = 0;
	if (columns_of(text, len) <= width)
		fit = len;
	for (size_t i = 1; fit < len && i < len && columns_of(text, i) <= width; i++)
		if (text[i] == ' ')
			fit = i; /* the last space that fits */
	if (fit == 0) /* one word longer than the column: cut it */
		while (text[fit] && columns_of(text, fit + 1) <= width)
			fit++;
	snprintf(line, size, "%.*s", (int)fit, text);
	return text + fit;
}

/* Appends cell text to line, padded to width columns. */
static void add_cell(char *line, size_t size, const char *text, int width)
{
	size_t used = strlen(line);
	snprintf(line + used, size - used, "%s%*s", text,
		 width - columns_of(text, strlen(text)), "");
}

/* Prints line without the spaces at its end. */
static void print_trimmed(char *line)
{
	size_t len = strlen(line);
	while (len > 0 && line[len - 1] == ' ')
		line[--len] = '\0';
	printf("%s\n", line);
}

/* One row of three cells, each wrapped in its column. */
static void print_row(const char *what, const char *data, const char *who)
{
	const char *rest[3] = { what, data, who };
	const int widths[3] = { WHAT_W + GAP, DATA_W + GAP, WHO_W };
	while (*rest[0] || *rest[1] || *rest[2]) {
		char line[LINE_MAX] = "", cell[CELL_MAX];
		for (int c = 0; c < 3; c++) {
			rest[c] = next_line(rest[c], widths[c] - (c < 2 ? GAP : 0), cell, sizeof cell);
			add_cell(line, sizeof line, cell, widths[c]);
		}
		print_trimmed(line);
	}
}

static void print_rule(void)
{
	printf("%.*s  %.*s  %.*s\n", WHAT_W, "--------------------------------------", DATA_W,
	       "--------------------------------------", WHO_W,
	       "--------------------------------------");
}

/* A paragraph wrapped at 78 columns. */
static void print_para(const char *text)
{
	char line[CELL_MAX];
	while (*(text = next_line(text, 78, line, sizeof line)) || line[0])
		printf("%s\n", line);
}

static void print_table(void)
{
	/* TRANSLATORS: the heading of the table of csrdesk privacy, its three
	 * columns at most 22, 36 and 18 characters */
	print_row(_("Screen, report, export"), _("Personal data it uses"), _("Who sees it"));
	print_rule();
	for (size_t i = 0; i < sizeof record / sizeof record[0]; i++) {
		print_row(_(record[i].what), _(record[i].data), _(record[i].who));
		if (i + 1 < sizeof record / sizeof record[0])
			printf("\n");
	}
}

/* "health (Health & well-being), ..." or "none". */
static void private_categories(const csr_config *cfg, char *out, size_t size)
{
	size_t used = 0;
	out[0] = '\0';
	for (int i = 0; i < cfg->ncategories && used < size; i++)
		if (cfg->categories[i].is_private)
			used += (size_t)snprintf(out + used, size - used, "%s%s (%s)",
						 used ? ", " : "", cfg->categories[i].key,
						 cfg->categories[i].title);
	if (!used)
		/* TRANSLATORS: no category is private */
		snprintf(out, size, "%s", _("none"));
}

/* "after 36 months" or "never". */
static void months_text(int months, char *out, size_t size)
{
	if (months > 0)
		snprintf(out, size, csr_plural(months, "after %d month", "after %d months"), months);
	else
		/* TRANSLATORS: a retention rule that never applies */
		snprintf(out, size, "%s", _("never"));
}

static void print_settings(const csr_config *cfg)
{
	char text[CELL_MAX * 2], cats[CELL_MAX], inactive[64], comments[64];
	printf("\n%s\n", _("Privacy settings in the config"));
	printf("%.30s\n", "------------------------------");
	snprintf(text, sizeof text,
		 csr_plural(cfg->privacy.min_group,
			    "Smallest group shown (privacy.min_group): %d person. No figure is shown"
			    " for a team, site or category with fewer people, nor one that would let"
			    " it be worked out.",
			    "Smallest group shown (privacy.min_group): %d people. No figure is shown"
			    " for a team, site or category with fewer people, nor one that would let"
			    " it be worked out."),
		 cfg->privacy.min_group);
	print_para(text);
	private_categories(cfg, cats, sizeof cats);
	snprintf(text, sizeof text, _("Private categories (agents see how many signed up, not who):"
				      " %s."), cats);
	print_para(text);
	months_text(cfg->retention.inactive_months, inactive, sizeof inactive);
	months_text(cfg->retention.comments_months, comments, sizeof comments);
	/* TRANSLATORS: %s is "after 36 months" or "never" */
	snprintf(text, sizeof text, _("Volunteers inactive for long are anonymised"
				      " (retention.inactive_months): %s."), inactive);
	print_para(text);
	/* TRANSLATORS: %s is "after 24 months" or "never" */
	snprintf(text, sizeof text, _("Feedback comments are removed"
				      " (retention.comments_months): %s."), comments);
	print_para(text);
	print_para(_("Every change, every export of personal data (CSV, sheets, another"
		     " person's calendar, a person's data) and every reading of the audit log"
		     " is written to the audit log with who did it and when; only admins read"
		     " it."));
}

int cmd_privacy(cli_ctx *c, int argc, char **argv)
{
	int status = cli_check_args(argc, argv, 0, 0, "privacy");
	if (status != CLI_OK)
		return status;
	printf("%s\n\n", _("Record of processing: csrdesk"));
	print_table();
	print_settings(c->cfg);
	return CLI_OK;
}
