/* SPDX-License-Identifier: MIT */
/* The report as one self-contained HTML5 file: inline CSS, inline SVG bar
 * charts, no script and no reference to anything outside the file (no src,
 * no href), so it opens the same offline, in a mail or on the intranet.
 *
 * It is also well-formed XML (void elements closed, attributes quoted,
 * only the entities XML knows), so XML tools can check and read it. Every
 * text goes through html_text. */
#include <stdlib.h>
#include <string.h>

#include "csrdesk/i18n.h"
#include "csrdesk/text.h"
#include "report_private.h"

static const char style[] =
	"body { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; color: #1d2433;"
	" max-width: 58rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }\n"
	"h1 { margin-bottom: 0.2rem; }\n"
	"h2 { margin-top: 2rem; border-bottom: 2px solid #d8dde6; padding-bottom: 0.2rem; }\n"
	".meta { color: #5b6475; margin-top: 0; }\n"
	".cards { display: flex; flex-wrap: wrap; gap: 0.75rem; }\n"
	".card { flex: 1 1 11rem; border: 1px solid #d8dde6; border-radius: 6px;"
	" padding: 0.6rem 0.8rem; }\n"
	".card b { display: block; font-size: 1.6rem; }\n"
	".card span { color: #5b6475; font-size: 0.9rem; }\n"
	"table { border-collapse: collapse; width: 100%; margin: 0.75rem 0 1rem; }\n"
	"th, td { text-align: left; padding: 0.3rem 0.6rem; border-bottom: 1px solid #e3e7ee;"
	" vertical-align: top; }\n"
	"th { background: #f3f5f9; }\n"
	".n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }\n"
	".progress { background: #e3e7ee; border-radius: 3px; height: 0.7rem; width: 8rem; }\n"
	".progress span { display: block; background: #3f9c4a; border-radius: 3px;"
	" height: 100%; }\n"
	"svg { max-width: 100%; height: auto; }\n"
	"svg text { font-size: 12px; fill: #1d2433; }\n"
	"blockquote { margin: 0.8rem 0; padding: 0.4rem 1rem; border-left: 4px solid #2a9db5;"
	" background: #f3f5f9; }\n"
	"blockquote p { margin: 0.2rem 0; }\n"
	".by { color: #5b6475; font-size: 0.9rem; }\n"
	"footer { margin-top: 2.5rem; color: #5b6475; font-size: 0.85rem; }\n"
	"@media print { body { margin: 0; } h2 { break-after: avoid; } }\n";

/* <tag class="cls">text</tag>, text escaped; cls may be NULL. */
static void element(FILE *out, const char *tag, const char *cls, const char *text)
{
	fprintf(out, "<%s%s%s%s>", tag, cls ? " class=\"" : "", cls ? cls : "", cls ? "\"" : "");
	csr_rep_html_text(out, text);
	fprintf(out, "</%s>", tag);
}

/* <p>text</p> and a line break. */
static void paragraph(FILE *out, const char *text)
{
	element(out, "p", NULL, text);
	fputc('\n', out);
}

static const char *color_of(csr_color c)
{
	static const char *const colors[] = { "#333a45", "#d64545", "#3f9c4a", "#d9a21b",
					      "#3b6fd6", "#b04fb0", "#2a9db5", "#9aa3b2" };
	return c >= CSR_COLOR_BLACK && c <= CSR_COLOR_WHITE ? colors[c] : "#5b6b8c";
}

static const char untied_color[] = "#b8bfcc";

static void head(const csr_report *r, FILE *out)
{
	char title[REP_LINE_MAX], days[2 * CSR_TIME_TEXT_MAX + 8], when[CSR_TIME_TEXT_MAX];
	csr_rep_title(r, title, sizeof title);
	fprintf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\"/>\n"
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n",
		csr_i18n_language());
	element(out, "title", NULL, title);
	fprintf(out, "\n<style>\n%s</style>\n</head>\n<body>\n<header>\n", style);
	element(out, "h1", NULL, title);
	csr_rep_days(&r->period, days, sizeof days);
	csr_rep_generated(r, when, sizeof when);
	char meta[REP_LINE_MAX];
	snprintf(meta, sizeof meta, _("Period %s (local time). Generated %s.\n"), days, when);
	meta[strcspn(meta, "\n")] = '\0';
	fputc('\n', out);
	element(out, "p", "meta", meta);
	csr_metrics_hidden_note(r->hidden_rows, r->min_group, meta, sizeof meta);
	if (meta[0]) {
		fputc('\n', out);
		element(out, "p", "meta", meta);
	}
	fputs("\n</header>\n", out);
}

static void card(FILE *out, const char *value, const char *label, const char *note)
{
	fputs("<div class=\"card\">", out);
	element(out, "b", NULL, value);
	csr_rep_html_text(out, label);
	if (note[0]) {
		fputs("<br/>", out);
		element(out, "span", NULL, note);
	}
	fputs("</div>\n", out);
}

/* The cards of hours and participation. */
static void people_cards(const csr_figures *f, FILE *out)
{
	char a[REP_NUM_MAX], b[REP_NUM_MAX], c[REP_NUM_MAX], note[REP_LINE_MAX];
	csr_fmt_hours(f->approved_minutes, a, sizeof a);
	csr_fmt_hours(f->pending_minutes, b, sizeof b);
	/* TRANSLATORS: under the approved hours: the hours still pending. */
	snprintf(note, sizeof note, _("%s more pending approval"), b);
	/* TRANSLATORS: the labels of the HTML report's cards, under a big figure. */
	card(out, a, _("volunteer hours, approved"), note);
	csr_fmt_percent(f->participation, a, sizeof a);
	csr_fmt_count(f->participants, b, sizeof b);
	csr_fmt_count(f->active_volunteers, c, sizeof c);
	/* TRANSLATORS: participants of the active volunteers: "55 of 63 active
	 * volunteers took part". */
	snprintf(note, sizeof note, _("%s of %s active volunteers took part"), b, c);
	card(out, a, _("participation"), note);
	csr_fmt_count(f->signups, a, sizeof a);
	card(out, a, _("sign-ups"), "");
}

/* The cards of attendance and ratings. */
static void attendance_cards(const csr_report *r, FILE *out)
{
	const csr_figures *f = &r->figures;
	char a[REP_NUM_MAX + 8], b[REP_NUM_MAX], c[REP_NUM_MAX], rate[REP_NUM_MAX];
	char note[REP_LINE_MAX];
	csr_fmt_percent(f->attendance_rate, a, sizeof a);
	csr_fmt_count(f->attended, b, sizeof b);
	csr_fmt_count(f->no_shows, c, sizeof c);
	csr_fmt_percent(f->no_show_rate, rate, sizeof rate);
	snprintf(note, sizeof note,
		 csr_plural(f->no_shows, "%s attended, %s no-show (%s)", "%s attended, %s no-shows (%s)"),
		 b, c, rate);
	card(out, a, _("attendance"), note);
	csr_fmt_rating(f->rating, b, sizeof b);
	snprintf(a, sizeof a, "%s / 5", b);
	csr_fmt_count(f->ratings, c, sizeof c);
	snprintf(note, sizeof note, csr_plural(f->ratings, "%s response", "%s responses"), c);
	if (f->rating_hidden)
		csr_metrics_rating_note(f, r->min_group, note, sizeof note);
	card(out, f->ratings ? a : "-", _("average rating"), note);
}

static void totals(const csr_report *r, FILE *out)
{
	fputs("<section>\n", out);
	element(out, "h2", NULL, _("Totals"));
	fputs("\n<div class=\"cards\">\n", out);
	people_cards(&r->figures, out);
	attendance_cards(r, out);
	fputs("</div>\n</section>\n", out);
}

/* ---- charts ---- */

enum { CHART_W = 640, LABEL_W = 220, ROW_H = 26, BAR_H = 18 };

/* An SVG coordinate or length to a tenth ("12.5") in the machine form,
 * which no locale or style changes. Returned by value, so one printf can
 * take several (each lives to the end of the statement). */
typedef struct coord {
	char text[32];
} coord;

static coord px(double v)
{
	coord c;
	csr_fmt_machine_fixed(v, 1, c.text, sizeof c.text);
	return c;
}

static void svg_open(FILE *out, int height, const char *id, const char *title)
{
	fprintf(out, "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\""
		" aria-labelledby=\"%s\">\n<title id=\"%s\">", CHART_W, height, CHART_W, height, id,
		id);
	csr_rep_html_text(out, title);
	fputs("</title>\n", out);
}

/* One horizontal bar: the label at the left, the value after the bar. */
static void hbar(FILE *out, int row, const char *label, int64_t minutes, int64_t max,
		 const char *color)
{
	char fit[REP_LINE_MAX], hours[REP_NUM_MAX];
	csr_text_fit(label, 32, false, fit, sizeof fit);
	csr_fmt_hours(minutes, hours, sizeof hours);
	double w = max > 0 ? (double)minutes * (CHART_W - LABEL_W - 90) / (double)max : 0;
	int y = row * ROW_H + 4;
	fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", LABEL_W - 8, y + 13);
	csr_rep_html_text(out, fit);
	fprintf(out, "</text>\n<rect x=\"%d\" y=\"%d\" width=\"%s\" height=\"%d\" fill=\"%s\">"
		"<title>", LABEL_W, y, px(w).text, BAR_H, color);
	csr_rep_html_text(out, label);
	fprintf(out, ": %s h</title></rect>\n<text x=\"%s\" y=\"%d\">%s h</text>\n",
		hours, px(LABEL_W + w + 6).text, y + 13, hours);
}

static void category_chart(const csr_report *r, FILE *out)
{
	int rows = r->untied_minutes > 0;
	int64_t max = r->untied_minutes;
	for (int i = 0; i < r->ncategories; i++)
		if (!r->categories[i].hidden && csr_rep_category_shown(r, &r->categories[i])) {
			rows++;
			if (r->categories[i].minutes > max)
				max = r->categories[i].minutes;
		}
	if (max == 0) {
		paragraph(out, _("No approved hours in this period."));
		return;
	}
	svg_open(out, rows * ROW_H + 8, "chart-categories", _("Approved hours per category"));
	int row = 0;
	for (int i = 0; i < r->ncategories; i++) {
		const csr_report_category *c = &r->categories[i];
		if (!c->hidden && csr_rep_category_shown(r, c))
			hbar(out, row++, c->title, c->minutes, max, color_of(c->color));
	}
	if (r->untied_minutes > 0)
		hbar(out, row, _("Not tied to an initiative"), r->untied_minutes, max, untied_color);
	fputs("</svg>\n", out);
}

enum { PLOT_X = 64, PLOT_Y = 18, PLOT_H = 180, MONTH_CHART_H = PLOT_H + PLOT_Y + 44 };

static void month_axis(FILE *out, int64_t max)
{
	for (int i = 0; i <= 2; i++) {
		char hours[REP_NUM_MAX];
		csr_fmt_hours(max * i / 2, hours, sizeof hours);
		int y = PLOT_Y + PLOT_H - PLOT_H * i / 2;
		fprintf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#d8dde6\"/>\n"
			"<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s h</text>\n", PLOT_X, y, CHART_W,
			y, PLOT_X - 6, y + 4, hours);
	}
}

/* "Jan" for "2026-01", with the year under January and the first month. */
static void month_label(FILE *out, const csr_report *r, int i, double x)
{
	const char *const names[] = {
		/* TRANSLATORS: the months of the year, abbreviated, under the bars
		 * of a chart (at most 3 or 4 characters). */
		C_("month", "Jan"), C_("month", "Feb"), C_("month", "Mar"), C_("month", "Apr"),
		C_("month", "May"), C_("month", "Jun"), C_("month", "Jul"), C_("month", "Aug"),
		C_("month", "Sep"), C_("month", "Oct"), C_("month", "Nov"), C_("month", "Dec"),
	};
	const char *label = r->months[i].month;
	int m = atoi(label + 5);
	int every = r->nmonths > 24 ? (r->nmonths + 23) / 24 : 1;
	if (m < 1 || m > 12 || i % every != 0)
		return;
	int y = PLOT_Y + PLOT_H + 16;
	fprintf(out, "<text x=\"%s\" y=\"%d\" text-anchor=\"middle\">", px(x).text, y);
	csr_rep_html_text(out, names[m - 1]);
	fputs("</text>\n", out);
	if (m == 1 || i == 0)
		fprintf(out, "<text x=\"%s\" y=\"%d\" text-anchor=\"middle\">%.4s</text>\n",
			px(x).text, y + 15, label);
}

/* One month's bar, its categories stacked from the bottom. */
static void month_bar(FILE *out, const csr_report *r, int i, double x, double w, int64_t max)
{
	const csr_report_month *m = &r->months[i];
	double y = PLOT_Y + PLOT_H;
	for (int c = 0; c < r->ncategories; c++) {
		if (m->by_category[c] == 0)
			continue;
		char hours[REP_NUM_MAX];
		csr_fmt_hours(m->by_category[c], hours, sizeof hours);
		double h = (double)m->by_category[c] * PLOT_H / (double)max;
		y -= h;
		fprintf(out, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"%s\">"
			"<title>%s, ", px(x).text, px(y).text, px(w).text, px(h).text,
			color_of(r->categories[c].color), m->month);
		csr_rep_html_text(out, r->categories[c].title);
		fprintf(out, ": %s h</title></rect>\n", hours);
	}
}

static void month_legend(const csr_report *r, FILE *out)
{
	fputs("<p class=\"by\">", out);
	for (int c = 0, shown = 0; c < r->ncategories; c++) {
		if (r->categories[c].minutes == 0)
			continue;
		fprintf(out, "%s<svg width=\"10\" height=\"10\" aria-hidden=\"true\"><rect width=\"10\""
			" height=\"10\" fill=\"%s\"/></svg> ", shown++ ? " \xC2\xB7 " : "",
			color_of(r->categories[c].color));
		csr_rep_html_text(out, r->categories[c].title);
	}
	fputs("</p>\n", out);
}

static void month_chart(const csr_report *r, FILE *out)
{
	int64_t max = csr_rep_max_month(r);
	if (max == 0 || r->nmonths == 0) {
		paragraph(out, _("No approved hours tied to an initiative in this period."));
		return;
	}
	svg_open(out, MONTH_CHART_H, "chart-months", _("Approved hours by month and category"));
	month_axis(out, max);
	double slot = (double)(CHART_W - PLOT_X) / r->nmonths;
	for (int i = 0; i < r->nmonths; i++) {
		double x = PLOT_X + slot * i;
		month_bar(out, r, i, x + slot * 0.15, slot * 0.7, max);
		month_label(out, r, i, x + slot / 2);
	}
	fputs("</svg>\n", out);
	month_legend(r, out);
}

/* ---- tables ---- */

static void cell(FILE *out, const char *text, bool number)
{
	element(out, "td", number ? "n" : NULL, text);
}

/* minutes < 0: hidden (too few people), shown as "-". */
static void category_row(FILE *out, const char *name, int64_t minutes, const char *count,
			 const char *impact, bool with_impact)
{
	char hours[REP_NUM_MAX];
	csr_fmt_hours(minutes, hours, sizeof hours);
	fputs("<tr>", out);
	cell(out, name, false);
	cell(out, minutes < 0 ? "-" : hours, true);
	cell(out, count, true);
	if (with_impact)
		cell(out, impact, false);
	fputs("</tr>\n", out);
}

static void categories(const csr_report *r, FILE *out)
{
	bool impact = !r->team[0];
	fputs("<section>\n", out);
	element(out, "h2", NULL, _("Hours and impact by category"));
	fputc('\n', out);
	category_chart(r, out);
	fputs("<table>\n<thead><tr>", out);
	element(out, "th", NULL, _("Category"));
	element(out, "th", "n", _("Hours"));
	element(out, "th", "n", _("Initiatives"));
	if (impact)
		element(out, "th", NULL, _("Impact"));
	fputs("</tr></thead>\n<tbody>\n", out);
	for (int i = 0; i < r->ncategories; i++) {
		const csr_report_category *c = &r->categories[i];
		if (!csr_rep_category_shown(r, c))
			continue;
		char count[REP_NUM_MAX], text[REP_LINE_MAX];
		csr_fmt_count(c->initiatives, count, sizeof count);
		csr_rep_impact(r, c, text, sizeof text);
		category_row(out, c->title, c->hidden ? -1 : c->minutes, count, text, impact);
	}
	if (r->untied_minutes)
		category_row(out, _("Not tied to an initiative"), r->untied_minutes, "", "", impact);
	category_row(out, _("All approved hours"), r->figures.approved_minutes, "", "", impact);
	fputs("</tbody>\n</table>\n", out);
	if (!impact)
		paragraph(out, _("Impact is recorded per initiative: the team's impact is under Goals."));
	fputs("</section>\n", out);
}

static void progress(FILE *out, const csr_metric_figure *f)
{
	fputs("<td>", out);
	if (f->goal > 0) {
		double pct = f->total >= f->goal ? 100.0 : f->total > 0 ? 100.0 * f->total / f->goal : 0;
		char share[REP_NUM_MAX], width[REP_NUM_MAX];
		csr_fmt_percent(f->total / f->goal, share, sizeof share);
		csr_fmt_machine_fixed(pct, 1, width, sizeof width); /* CSS reads it */
		char title[REP_LINE_MAX];
		/* TRANSLATORS: the tooltip of a goal's progress bar: "80% of the goal". */
		snprintf(title, sizeof title, _("%s of the goal"), share);
		fputs("<div class=\"progress\" title=\"", out);
		csr_rep_html_text(out, title);
		fprintf(out, "\"><span style=\"width: %s%%\"></span></div>", width);
	}
	fputs("</td>", out);
}

static void goal_row(const csr_report *r, FILE *out, int i)
{
	const csr_metric_figure *f = &r->figures.metrics[i];
	char total[REP_NUM_MAX + CSR_UNIT_MAX], goal[REP_NUM_MAX + CSR_UNIT_MAX], met[32];
	csr_fmt_amount(f->total, r->metrics[i].unit, total, sizeof total);
	csr_fmt_amount(f->goal, r->metrics[i].unit, goal, sizeof goal);
	csr_rep_goals_met(f, met, sizeof met);
	fputs("<tr>", out);
	cell(out, r->metrics[i].title, false);
	cell(out, total, true);
	cell(out, f->goals_set ? goal : "-", true);
	cell(out, met[0] ? met : "-", true);
	progress(out, f);
	fputs("</tr>\n", out);
}

static void goal_header(FILE *out)
{
	fputs("<table>\n<thead><tr>", out);
	element(out, "th", NULL, _("Metric"));
	element(out, "th", "n", _("Total"));
	element(out, "th", "n", _("Goal"));
	element(out, "th", "n", _("Goals met"));
	element(out, "th", NULL, _("Progress"));
	fputs("</tr></thead>\n<tbody>\n", out);
}

static void goals(const csr_report *r, FILE *out)
{
	fputs("<section>\n", out);
	element(out, "h2", NULL, r->team[0] ? _("Impact and goals (initiatives the team attended)")
					    : _("Impact and goals"));
	fputc('\n', out);
	int shown = 0;
	for (int i = 0; i < r->figures.nmetrics; i++) {
		if (!csr_rep_metric_shown(r, i))
			continue;
		if (shown++ == 0)
			goal_header(out);
		goal_row(r, out, i);
	}
	if (shown)
		fputs("</tbody>\n</table>\n", out);
	else
		paragraph(out, _("No impact recorded and no goals set in this period."));
	fputs("</section>\n", out);
}

static void ranked(FILE *out, const char *title, const char *what, const csr_ranked *rows,
		   int n, bool teams)
{
	fputs("<section>\n", out);
	element(out, "h2", NULL, title);
	fputc('\n', out);
	if (n == 0) {
		paragraph(out, _("No approved hours in this period."));
		fputs("</section>\n", out);
		return;
	}
	fputs("<table>\n<thead><tr><th class=\"n\">#</th>", out);
	element(out, "th", NULL, what);
	element(out, "th", "n", _("Hours"));
	fputs("</tr></thead>\n<tbody>\n", out);
	for (int i = 0; i < n; i++) {
		char rank[16], hours[REP_NUM_MAX];
		snprintf(rank, sizeof rank, "%d", i + 1);
		csr_fmt_hours(rows[i].minutes, hours, sizeof hours);
		fputs("<tr>", out);
		cell(out, rank, true);
		cell(out, teams ? csr_rep_team(rows[i].label) : rows[i].label, false);
		cell(out, hours, true);
		fputs("</tr>\n", out);
	}
	fputs("</tbody>\n</table>\n</section>\n", out);
}

static void months(const csr_report *r, FILE *out)
{
	fputs("<section>\n", out);
	element(out, "h2", NULL, _("Approved hours by month"));
	fputc('\n', out);
	month_chart(r, out);
	fputs("</section>\n", out);
}

static void partners(const csr_report *r, FILE *out)
{
	char count[REP_NUM_MAX], text[REP_LINE_MAX];
	csr_fmt_count(r->partners_total, count, sizeof count);
	snprintf(text, sizeof text, _("Partners involved (%s)"), count);
	fputs("<section>\n", out);
	element(out, "h2", NULL, text);
	fputc('\n', out);
	if (r->partners_total == 0) {
		paragraph(out, _("No initiative of this period has a partner."));
		fputs("</section>\n", out);
		return;
	}
	fputs("<ul>\n", out);
	for (int i = 0; i < r->npartners; i++) {
		fputs("<li>", out);
		csr_rep_html_text(out, r->partners[i].name);
		csr_fmt_count(r->partners[i].initiatives, count, sizeof count);
		/* TRANSLATORS: after a partner's name in a list: how many initiatives
		 * it had. */
		snprintf(text, sizeof text, csr_plural(r->partners[i].initiatives, " (%s initiative)",
						      " (%s initiatives)"), count);
		csr_rep_html_text(out, text);
		fputs("</li>\n", out);
	}
	long long more = r->partners_total - r->npartners;
	csr_fmt_count(more, count, sizeof count);
	if (more > 0) {
		snprintf(text, sizeof text, csr_plural(more, "and %s more", "and %s more"), count);
		element(out, "li", NULL, text);
		fputc('\n', out);
	}
	fputs("</ul>\n</section>\n", out);
}

static void comments(const csr_report *r, FILE *out)
{
	if (r->ncomments == 0)
		return;
	fputs("<section>\n", out);
	element(out, "h2", NULL, _("What volunteers said"));
	fputc('\n', out);
	for (int i = 0; i < r->ncomments; i++) {
		fputs("<blockquote>", out);
		element(out, "p", NULL, r->comments[i].text);
		fprintf(out, "<p class=\"by\">%d/5, ", r->comments[i].rating);
		csr_rep_html_text(out, r->comments[i].initiative);
		fputs("</p></blockquote>\n", out);
	}
	fputs("</section>\n", out);
}

/* ---- the contribution (B4SI, GRI 413-1): the rows of report_b4si.c ---- */

static void b4si_table(FILE *out, const csr_b4si_row *rows, int n, const char *section)
{
	element(out, "h3", NULL, csr_b4si_section_title(section));
	fputs("\n<table>\n<thead><tr>", out);
	element(out, "th", NULL, _("Measure"));
	element(out, "th", "n", _("Value"));
	element(out, "th", NULL, _("Unit"));
	element(out, "th", NULL, _("Basis"));
	fputs("</tr></thead>\n<tbody>\n", out);
	for (int i = 0; i < n; i++) {
		if (strcmp(rows[i].section, section) != 0)
			continue;
		char value[REP_NUM_MAX];
		csr_rep_b4si_value(&rows[i], value, sizeof value);
		fputs("<tr id=\"b4si-", out); /* for tests and style sheets */
		csr_rep_html_text(out, rows[i].key);
		fputs("\">", out);
		cell(out, rows[i].measure, false);
		cell(out, value, true);
		cell(out, rows[i].unit, false);
		cell(out, rows[i].basis, false);
		fputs("</tr>\n", out);
	}
	fputs("</tbody>\n</table>\n", out);
}

static void b4si_area_row(FILE *out, const csr_issue_area_figures *a)
{
	char hours[REP_NUM_MAX], value[REP_NUM_MAX], cash[REP_NUM_MAX], in_kind[REP_NUM_MAX];
	char count[REP_NUM_MAX], reached[REP_NUM_MAX];
	csr_fmt_count(a->initiatives, count, sizeof count);
	csr_fmt_hours(a->minutes, hours, sizeof hours);
	csr_rep_money(a->time_value, value, sizeof value);
	csr_rep_money(a->cash, cash, sizeof cash);
	csr_rep_money(a->in_kind, in_kind, sizeof in_kind);
	csr_fmt_count(a->beneficiaries, reached, sizeof reached);
	fputs("<tr>", out);
	cell(out, csr_rep_issue_area(a->key), false);
	cell(out, count, true);
	cell(out, a->hidden ? "-" : hours, true);
	cell(out, a->hidden ? "-" : value, true);
	cell(out, cash, true);
	cell(out, in_kind, true);
	cell(out, reached, true);
	fputs("</tr>\n", out);
}

static void b4si_areas(const csr_contribution *c, FILE *out)
{
	if (c->nareas == 0)
		return;
	element(out, "h3", NULL, _("By B4SI issue area"));
	fputs("\n<table>\n<thead><tr>", out);
	element(out, "th", NULL, _("Issue area"));
	element(out, "th", "n", _("Initiatives"));
	element(out, "th", "n", _("Hours"));
	element(out, "th", "n", _("Time value (EUR)"));
	element(out, "th", "n", _("Cash (EUR)"));
	element(out, "th", "n", _("In-kind (EUR)"));
	element(out, "th", "n", _("Beneficiaries"));
	fputs("</tr></thead>\n<tbody>\n", out);
	for (int i = 0; i < c->nareas; i++)
		b4si_area_row(out, &c->areas[i]);
	fputs("</tbody>\n</table>\n", out);
	char note[CSR_ERR_MSG_MAX];
	csr_metrics_hidden_note(c->hidden_areas, c->min_group, note, sizeof note);
	if (note[0]) {
		element(out, "p", "meta", note);
		fputc('\n', out);
	}
}

static void contribution(const csr_report *r, FILE *out)
{
	if (!r->has_contribution)
		return;
	csr_b4si_row rows[CSR_B4SI_ROWS_MAX];
	int n = csr_rep_b4si_rows(r, rows);
	fputs("<section id=\"b4si\">\n", out);
	element(out, "h2", NULL, _("Community investment (B4SI, GRI 413-1)"));
	fputc('\n', out);
	for (int s = 0; s < 4; s++)
		b4si_table(out, rows, n, csr_b4si_sections[s]);
	b4si_areas(&r->contribution, out);
	fputs("</section>\n", out);
}

void csr_report_write_html(const csr_report *r, FILE *out)
{
	head(r, out);
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
	contribution(r, out);
	/* TRANSLATORS: "Impact figures" is the name of a section of the README,
	 * which is in English. */
	element(out, "footer", NULL, _("Made with csrdesk. Hours are approved volunteer hours;"
				       " each figure is defined in the README's Impact figures section."));
	fputs("\n</body>\n</html>\n", out);
}
