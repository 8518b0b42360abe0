/* SPDX-License-Identifier: MIT */
/* The report as GitHub Markdown: headings, tables and quotes. Text people
 * typed is escaped so it shows as typed and can neither break a table
 * (a '|') nor become HTML, emphasis, an image or a link hidden behind
 * other text. */
#include <ctype.h>
#include <string.h>

#include "csrdesk/i18n.h"
#include "report_private.h"

/* Writes text with every character Markdown could act on inside a table
 * cell or a paragraph backslash-escaped; '&' only where it could start an
 * entity ("&amp;"). */
static void md_text(FILE *out, const char *text)
{
	for (const char *p = text; *p; p++) {
		bool entity = *p == '&' && (isalnum((unsigned char)p[1]) || p[1] == '#');
		if (strchr("\\`*_[]<>|~!#", *p) || entity)
			fputc('\\', out);
		fputc(*p, out);
	}
}

/* text, escaped, in the language's quotation marks ("%s", German „%s“). */
static void quoted(FILE *out, const char *text)
{
	const char *format = _("\"%s\"");
	const char *at = strstr(format, "%s");
	if (!at) {
		format = "\"%s\"";
		at = format + 1;
	}
	fwrite(format, 1, (size_t)(at - format), out);
	md_text(out, text);
	fputs(at + 2, out);
}

static void row2(FILE *out, const char *label, const char *value, const char *note)
{
	fprintf(out, "| %s | %s | ", label, value);
	md_text(out, note);
	fputs(" |\n", out);
}

static void title(const csr_report *r, FILE *out)
{
	char name[REP_LINE_MAX], days[2 * CSR_TIME_TEXT_MAX + 8], when[CSR_TIME_TEXT_MAX];
	csr_rep_title(r, name, sizeof name);
	csr_rep_days(&r->period, days, sizeof days);
	csr_rep_generated(r, when, sizeof when);
	fputs("# ", out);
	md_text(out, name);
	fputs("\n\n", out);
	fprintf(out, _("Period %s (local time). Generated %s.\n"), days, when);
	char note[REP_LINE_MAX];
	csr_metrics_hidden_note(r->hidden_rows, r->min_group, note, sizeof note);
	if (note[0])
		fprintf(out, "\n%s\n", note);
}

static void totals(const csr_report *r, FILE *out)
{
	csr_rep_total rows[REP_TOTALS];
	csr_rep_totals(r, rows);
	if (r->figures.rating_hidden)
		csr_metrics_rating_note(&r->figures, r->min_group, rows[6].detail,
					sizeof rows[6].detail);
	/* TRANSLATORS: the column headers of the report's totals. */
	fprintf(out, "\n## %s\n\n| %s | %s | %s |\n|---|---:|---|\n", _("Totals"), _("Figure"),
		_("Value"), _("Detail"));
	for (int i = 0; i < REP_TOTALS; i++)
		row2(out, rows[i].label, rows[i].value, rows[i].detail);
}

static void category_row(FILE *out, const char *name, const char *hours, const char *count,
			 const char *impact, bool with_impact)
{
	fputs("| ", out);
	md_text(out, name);
	fprintf(out, " | %s | %s |", hours, count);
	if (with_impact) {
		fputc(' ', out);
		md_text(out, impact);
		fputs(" |", out);
	}
	fputc('\n', out);
}

static void categories(const csr_report *r, FILE *out)
{
	bool impact = !r->team[0];
	char hours[REP_NUM_MAX], count[REP_NUM_MAX], text[REP_LINE_MAX];
	fprintf(out, "\n## %s\n\n| %s | %s | %s |", _("Hours and impact by category"),
		_("Category"), _("Hours"), _("Initiatives"));
	if (impact)
		fprintf(out, " %s |\n|---|---:|---:|---|\n", _("Impact"));
	else
		fputs("\n|---|---:|---:|\n", out);
	for (int i = 0; i < r->ncategories; i++) {
		const csr_report_category *c = &r->categories[i];
		if (!csr_rep_category_shown(r, c))
			continue;
		csr_fmt_hours(c->minutes, hours, sizeof hours);
		csr_fmt_count(c->initiatives, count, sizeof count);
		csr_rep_impact(r, c, text, sizeof text);
		category_row(out, c->title, c->hidden ? "-" : hours, count, text, impact);
	}
	csr_fmt_hours(r->untied_minutes, hours, sizeof hours);
	if (r->untied_minutes)
		category_row(out, _("Not tied to an initiative"), hours, "", "", impact);
	csr_fmt_hours(r->figures.approved_minutes, hours, sizeof hours);
	category_row(out, _("All approved hours"), hours, "", "", impact);
	if (!impact)
		fprintf(out, "\n%s\n",
			_("Impact is recorded per initiative: the team's impact is under Goals."));
}

static void goals(const csr_report *r, FILE *out)
{
	fprintf(out, "\n## %s\n\n", r->team[0] ? _("Impact and goals (initiatives the team attended)")
					       : _("Impact and goals"));
	int shown = 0;
	for (int i = 0; i < r->figures.nmetrics; i++) {
		if (!csr_rep_metric_shown(r, i))
			continue;
		if (shown++ == 0)
			fprintf(out, "| %s | %s | %s | %s |\n|---|---:|---:|---:|\n", _("Metric"),
				_("Total"), _("Goal"), _("Goals met"));
		const csr_metric_figure *f = &r->figures.metrics[i];
		char total[REP_NUM_MAX + CSR_UNIT_MAX], goal[REP_NUM_MAX + CSR_UNIT_MAX], met[32];
		csr_fmt_amount(f->total, r->metrics[i].unit, total, sizeof total);
		csr_fmt_amount(f->goal, r->metrics[i].unit, goal, sizeof goal);
		csr_rep_goals_met(f, met, sizeof met);
		fputs("| ", out);
		md_text(out, r->metrics[i].title);
		fputs(" | ", out);
		md_text(out, total);
		fputs(" | ", out);
		md_text(out, f->goals_set ? goal : "-");
		fprintf(out, " | %s |\n", met[0] ? met : "-");
	}
	if (!shown)
		fprintf(out, "%s\n", _("No impact recorded and no goals set in this period."));
}

static void ranked(FILE *out, const char *title, const char *what, const csr_ranked *rows,
		   int n, bool teams)
{
	fprintf(out, "\n## %s\n\n", title);
	if (n == 0) {
		fprintf(out, "%s\n", _("No approved hours in this period."));
		return;
	}
	fprintf(out, "| # | %s | %s |\n|---:|---|---:|\n", what, _("Hours"));
	for (int i = 0; i < n; i++) {
		char hours[REP_NUM_MAX];
		csr_fmt_hours(rows[i].minutes, hours, sizeof hours);
		fprintf(out, "| %d | ", i + 1);
		md_text(out, teams ? csr_rep_team(rows[i].label) : rows[i].label);
		fprintf(out, " | %s |\n", hours);
	}
}

static void months(const csr_report *r, FILE *out)
{
	fprintf(out, "\n## %s\n\n| %s | %s |\n|---|---:|\n",
		_("Approved hours by month (tied to an initiative)"), _("Month"), _("Hours"));
	for (int i = 0; i < r->nmonths; i++) {
		char hours[REP_NUM_MAX];
		csr_fmt_hours(r->months[i].minutes, hours, sizeof hours);
		fprintf(out, "| %s | %s |\n", r->months[i].month, hours);
	}
}

static void partners(const csr_report *r, FILE *out)
{
	char count[REP_NUM_MAX];
	csr_fmt_count(r->partners_total, count, sizeof count);
	char line[REP_LINE_MAX];
	snprintf(line, sizeof line, _("Partners involved (%s)"), count);
	fprintf(out, "\n## %s\n\n", line);
	if (r->partners_total == 0) {
		fprintf(out, "%s\n", _("No initiative of this period has a partner."));
		return;
	}
	fprintf(out, "| %s | %s |\n|---|---:|\n", _("Partner"), _("Initiatives"));
	for (int i = 0; i < r->npartners; i++) {
		fputs("| ", out);
		md_text(out, r->partners[i].name);
		csr_fmt_count(r->partners[i].initiatives, count, sizeof count);
		fprintf(out, " | %s |\n", count);
	}
	long long more = r->partners_total - r->npartners;
	csr_fmt_count(more, count, sizeof count);
	if (more > 0) {
		snprintf(line, sizeof line, csr_plural(more, "and %s more", "and %s more"), count);
		fprintf(out, "\n%s\n", line);
	}
}

static void comments(const csr_report *r, FILE *out)
{
	if (r->ncomments == 0)
		return;
	fprintf(out, "\n## %s\n", _("What volunteers said"));
	for (int i = 0; i < r->ncomments; i++) {
		fputs("\n> ", out);
		quoted(out, r->comments[i].text);
		fprintf(out, "\n>\n> -- %d/5, ", r->comments[i].rating);
		md_text(out, r->comments[i].initiative);
		fputc('\n', out);
	}
}

void csr_report_write_md(const csr_report *r, FILE *out)
{
	title(r, out);
	totals(r, out);
	categories(r, out);
	goals(r, out);
	ranked(out, _("Top initiatives by approved hours"), _("Initiative"), r->top_initiatives,
	       r->ntop_initiatives, false);
	if (!r->team[0])
		ranked(out, _("Top teams by approved hours"), _("Team"), r->top_teams, r->ntop_teams,
		       true);
	months(r, out);
	partners(r, out);
	comments(r, out);
}
