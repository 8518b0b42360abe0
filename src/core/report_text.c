/* SPDX-License-Identifier: MIT */
/* The report as plain text: aligned columns that read well at 80 columns,
 * measured in display columns (csr_text_width), so names in any script
 * line up. Only ASCII of our own: bars are '#', rules '-' and '='. */
#include <string.h>

#include "csrdesk/i18n.h"
#include "csrdesk/text.h"
#include "report_private.h"

enum { PAGE_WIDTH = 80, BAR_WIDTH = 48 };

static void spaces(FILE *out, int n)
{
	for (int i = 0; i < n; i++)
		fputc(' ', out);
}

static void rule(FILE *out, char c, int n)
{
	for (int i = 0; i < n; i++)
		fputc(c, out);
	fputc('\n', out);
}

static void heading(FILE *out, const char *title)
{
	fprintf(out, "\n%s\n", title);
	rule(out, '-', csr_text_width(title));
}

/* Bytes of the longest prefix of word within cols columns, at least one
 * character. */
static size_t prefix_within(const char *word, int cols)
{
	char fit[CSR_COMMENT_MAX + 8];
	csr_text_fit(word, cols, true, fit, sizeof fit);
	size_t n = strlen(fit);
	if (word[n] == '\0')
		return n;
	n = n > 0 ? n - 1 : 0; /* less the "~" csr_text_fit put where it cut */
	if (n == 0) /* not even one character fits: take one anyway */
		for (n = 1; ((unsigned char)word[n] & 0xC0) == 0x80; n++)
			;
	return n;
}

/* Writes word at column *col of a line width columns wide, on a new line
 * (after indent spaces) when it does not fit; a word wider than a line is
 * split across lines. */
static void put_word(FILE *out, const char *word, int *col, int indent, int width)
{
	int w = csr_text_width(word);
	if (*col > 0 && *col + 1 + w > width) {
		fputc('\n', out);
		spaces(out, indent);
		*col = 0;
	} else if (*col > 0) {
		fputc(' ', out);
		(*col)++;
	}
	while (w > width - *col && width - *col > 0) {
		size_t n = prefix_within(word, width - *col);
		fprintf(out, "%.*s\n", (int)n, word);
		spaces(out, indent);
		*col = 0;
		word += n;
		w = csr_text_width(word);
	}
	fputs(word, out);
	*col += w;
}

/* Writes text word-wrapped to width columns and ends the line; every line
 * but the first starts with indent spaces (the first is where the caller
 * left off). */
static void wrap(FILE *out, const char *text, int indent, int width)
{
	char word[CSR_COMMENT_MAX + 8];
	int col = 0;
	for (;;) {
		text += strspn(text, " ");
		size_t n = strcspn(text, " ");
		if (n == 0)
			break;
		if (n >= sizeof word)
			n = sizeof word - 1; /* longer than any text of the report */
		memcpy(word, text, n);
		word[n] = '\0';
		put_word(out, word, &col, indent, width);
		text += n;
	}
	fputc('\n', out);
}

static void title(const csr_report *r, FILE *out)
{
	char name[REP_LINE_MAX], days[2 * CSR_TIME_TEXT_MAX + 8], when[CSR_TIME_TEXT_MAX];
	csr_rep_title(r, name, sizeof name);
	csr_rep_days(&r->period, days, sizeof days);
	csr_rep_generated(r, when, sizeof when);
	wrap(out, name, 0, PAGE_WIDTH);
	int w = csr_text_width(name);
	rule(out, '=', w < PAGE_WIDTH ? w : PAGE_WIDTH);
	/* TRANSLATORS: under the report's title: its period ("2026-01-01 to
	 * 2026-12-31") and when it was made. */
	fprintf(out, _("Period %s (local time). Generated %s.\n"), days, when);
	char note[REP_LINE_MAX];
	csr_metrics_hidden_note(r->hidden_rows, r->min_group, note, sizeof note);
	if (note[0])
		wrap(out, note, 0, PAGE_WIDTH);
}

enum { TOTAL_LABEL_W = 30, TOTAL_LABEL_MAX = 40, TOTAL_VALUE_W = 12 };

/* "  Label ....  value  note": the labels as wide as the widest (30 to 40
 * columns: a longer one is cut), so the values line up in any language. */
static void total_line(FILE *out, const char *label, int label_w, const char *value,
		       const char *note)
{
	spaces(out, 2);
	csr_rep_cell(out, label, label_w, false);
	csr_rep_cell(out, value, TOTAL_VALUE_W, true);
	fprintf(out, "%s%s\n", note[0] ? "  " : "", note);
}

static void totals(const csr_report *r, FILE *out)
{
	csr_rep_total rows[REP_TOTALS];
	csr_rep_totals(r, rows);
	if (r->figures.rating_hidden)
		csr_metrics_rating_note(&r->figures, r->min_group, rows[6].detail,
					sizeof rows[6].detail);
	heading(out, _("Totals"));
	int label_w = TOTAL_LABEL_W;
	for (int i = 0; i < REP_TOTALS; i++) {
		int w = csr_text_width(rows[i].label);
		label_w = w > label_w ? (w < TOTAL_LABEL_MAX ? w : TOTAL_LABEL_MAX) : label_w;
	}
	for (int i = 0; i < REP_TOTALS; i++)
		total_line(out, rows[i].label, label_w, rows[i].value, rows[i].detail);
}

enum { CAT_W = 28, HOURS_W = 9, INI_W = 13 };

/* The hours column is at least HOURS_W wide and as wide as its widest
 * figure: a year of a large site's hours ("614,330.25") was cut. */
static void category_line(FILE *out, int hours_w, const char *name, const char *hours,
			  const char *count, const char *impact)
{
	int impact_col = 2 + CAT_W + hours_w + INI_W + 2;
	spaces(out, 2);
	csr_rep_cell(out, name, CAT_W, false);
	csr_rep_cell(out, hours, hours_w, true);
	if (count[0] || impact[0])
		csr_rep_cell(out, count, INI_W, true);
	if (!impact[0]) {
		fputc('\n', out);
		return;
	}
	spaces(out, 2);
	wrap(out, impact, impact_col, PAGE_WIDTH - impact_col);
}

/* The hours shown on category row i (-1: not tied, -2: all approved), in
 * hours; false when the row is not shown. */
static bool category_hours(const csr_report *r, int i, char *hours, size_t size)
{
	if (i == -2)
		csr_fmt_hours(r->figures.approved_minutes, hours, size);
	else if (i == -1)
		csr_fmt_hours(r->untied_minutes, hours, size);
	else if (r->categories[i].hidden)
		snprintf(hours, size, "-");
	else
		csr_fmt_hours(r->categories[i].minutes, hours, size);
	return i == -2 || (i == -1 ? r->untied_minutes != 0
				   : csr_rep_category_shown(r, &r->categories[i]));
}

static int hours_width(const csr_report *r, const char *header)
{
	char hours[REP_NUM_MAX];
	int w = HOURS_W > csr_text_width(header) ? HOURS_W : csr_text_width(header);
	for (int i = -2; i < r->ncategories; i++)
		if (category_hours(r, i, hours, sizeof hours) && csr_text_width(hours) > w)
			w = csr_text_width(hours);
	return w;
}

static void categories(const csr_report *r, FILE *out)
{
	char hours[REP_NUM_MAX], count[REP_NUM_MAX], impact[REP_LINE_MAX];
	heading(out, _("Hours and impact by category"));
	/* TRANSLATORS: column headers of the text report: Category 28 columns,
	 * Hours 9 or more, Initiatives 13 (a longer one is cut). */
	const char *hours_header = _("Hours");
	int w = hours_width(r, hours_header);
	category_line(out, w, _("Category"), hours_header, _("Initiatives"),
		      r->team[0] ? "" : _("Impact"));
	for (int i = 0; i < r->ncategories; i++) {
		const csr_report_category *c = &r->categories[i];
		if (!category_hours(r, i, hours, sizeof hours))
			continue;
		csr_fmt_count(c->initiatives, count, sizeof count);
		csr_rep_impact(r, c, impact, sizeof impact);
		category_line(out, w, c->title, hours, count, impact);
	}
	if (category_hours(r, -1, hours, sizeof hours))
		category_line(out, w, _("Not tied to an initiative"), hours, "", "");
	category_hours(r, -2, hours, sizeof hours);
	category_line(out, w, _("All approved hours"), hours, "", "");
	if (r->team[0])
		fprintf(out, "  %s\n",
			_("Impact is recorded per initiative: the team's impact is under Goals."));
}

static void goal_line(FILE *out, const char *metric, const char *total, const char *goal,
		      const char *met)
{
	spaces(out, 2);
	csr_rep_cell(out, metric, 26, false);
	csr_rep_cell(out, total, 18, true);
	csr_rep_cell(out, goal, 18, true);
	csr_rep_cell(out, met, 12, true);
	fputc('\n', out);
}

static void goals(const csr_report *r, FILE *out)
{
	heading(out, r->team[0] ? _("Impact and goals (initiatives the team attended)")
				: _("Impact and goals"));
	int shown = 0;
	for (int i = 0; i < r->figures.nmetrics; i++) {
		if (!csr_rep_metric_shown(r, i))
			continue;
		if (shown++ == 0)
			/* TRANSLATORS: column headers of the text report: Metric 26
			 * columns, Total 18, Goal 18, Goals met 12 (a longer one is cut). */
			goal_line(out, _("Metric"), _("Total"), _("Goal"), _("Goals met"));
		const csr_metric_figure *f = &r->figures.metrics[i];
		char total[REP_NUM_MAX + CSR_UNIT_MAX], goal[REP_NUM_MAX + CSR_UNIT_MAX], met[32];
		csr_fmt_amount(f->total, r->metrics[i].unit, total, sizeof total);
		csr_fmt_amount(f->goal, r->metrics[i].unit, goal, sizeof goal);
		csr_rep_goals_met(f, met, sizeof met);
		goal_line(out, r->metrics[i].title, total, f->goals_set ? goal : "-",
			  met[0] ? met : "-");
	}
	if (!shown)
		fprintf(out, "  %s\n", _("No impact recorded and no goals set in this period."));
}

static void ranked(FILE *out, const char *title, const csr_ranked *rows, int n, bool teams)
{
	heading(out, title);
	if (n == 0)
		fprintf(out, "  %s\n", _("No approved hours in this period."));
	for (int i = 0; i < n; i++) {
		char hours[REP_NUM_MAX];
		csr_fmt_hours(rows[i].minutes, hours, sizeof hours);
		fprintf(out, "  %2d. ", i + 1);
		csr_rep_cell(out, teams ? csr_rep_team(rows[i].label) : rows[i].label, 58, false);
		csr_rep_cell(out, hours, 10, true);
		fputs(" h\n", out);
	}
}

static void months(const csr_report *r, FILE *out)
{
	heading(out, _("Approved hours by month (tied to an initiative)"));
	int64_t max = csr_rep_max_month(r);
	for (int i = 0; i < r->nmonths; i++) {
		char hours[REP_NUM_MAX];
		csr_fmt_hours(r->months[i].minutes, hours, sizeof hours);
		fprintf(out, "  %-7s ", r->months[i].month);
		csr_rep_cell(out, hours, 10, true);
		int bar = max > 0 ? (int)((r->months[i].minutes * BAR_WIDTH + max - 1) / max) : 0;
		fputs(bar ? "  " : "", out);
		rule(out, '#', bar);
	}
}

static void partners(const csr_report *r, FILE *out)
{
	char title[REP_LINE_MAX], line[REP_LINE_MAX], count[REP_NUM_MAX], padded[REP_NUM_MAX + 8];
	csr_fmt_count(r->partners_total, count, sizeof count);
	/* TRANSLATORS: a heading: how many partners the initiatives had. */
	snprintf(title, sizeof title, _("Partners involved (%s)"), count);
	heading(out, title);
	if (r->partners_total == 0)
		fprintf(out, "  %s\n", _("No initiative of this period has a partner."));
	for (int i = 0; i < r->npartners; i++) {
		spaces(out, 2);
		csr_rep_cell(out, r->partners[i].name, 60, false);
		csr_fmt_count(r->partners[i].initiatives, count, sizeof count);
		int w = csr_text_width(count);
		snprintf(padded, sizeof padded, "%*s%s", w < 3 ? 3 - w : 0, "", count);
		/* TRANSLATORS: after a partner's name: how many initiatives it had
		 * (%s is the number, right-aligned). */
		snprintf(line, sizeof line,
			 csr_plural(r->partners[i].initiatives, "%s initiative", "%s initiatives"),
			 padded);
		fprintf(out, " %s\n", line);
	}
	long long more = r->partners_total - r->npartners;
	csr_fmt_count(more, count, sizeof count);
	if (more > 0) {
		/* TRANSLATORS: after the list of partners: how many more there were. */
		snprintf(line, sizeof line, csr_plural(more, "and %s more", "and %s more"), count);
		fprintf(out, "  %s\n", line);
	}
}

static void comments(const csr_report *r, FILE *out)
{
	if (r->ncomments == 0)
		return;
	heading(out, _("What volunteers said"));
	for (int i = 0; i < r->ncomments; i++) {
		const csr_report_comment *c = &r->comments[i];
		char quote[CSR_COMMENT_MAX + 8], by[REP_LINE_MAX];
		/* TRANSLATORS: a volunteer's comment in quotes. */
		snprintf(quote, sizeof quote, _("\"%s\""), c->text);
		snprintf(by, sizeof by, "-- %d/5, %s", c->rating, c->initiative);
		fputs(i ? "\n  " : "  ", out);
		wrap(out, quote, 2, PAGE_WIDTH - 2);
		spaces(out, 4);
		wrap(out, by, 4, PAGE_WIDTH - 4);
	}
}

void csr_report_write_text(const csr_report *r, FILE *out)
{
	title(r, out);
	totals(r, out);
	categories(r, out);
	goals(r, out);
	ranked(out, _("Top initiatives by approved hours"), r->top_initiatives,
	       r->ntop_initiatives, false);
	if (!r->team[0])
		ranked(out, _("Top teams by approved hours"), r->top_teams, r->ntop_teams, true);
	months(r, out);
	partners(r, out);
	comments(r, out);
}
