/* SPDX-License-Identifier: MIT */
/* The report as CSV (RFC 4180, CRLF) for a spreadsheet: one block per
 * section, each opened by a "section,NAME" row and its header row, blocks
 * separated by an empty line. Text cells go through csr_csv_cell (quoting
 * and formula neutralization in one place); numbers are plain, without
 * thousands separators: hours with two decimals, rates in percent, all
 * in the machine forms of csrdesk/format.h, which no style changes. */
#include "csrdesk/clock.h"
#include "csrdesk/export.h"
#include "report_private.h"

static void end_row(FILE *out)
{
	fputs("\r\n", out);
}

static void section(FILE *out, const char *name, const char *header)
{
	fprintf(out, "\r\nsection,%s\r\n%s\r\n", name, header);
}

static void hours(FILE *out, int64_t minutes)
{
	char text[REP_NUM_MAX];
	csr_fmt_machine_hours(minutes, text, sizeof text);
	fputs(text, out);
}

/* A number in the machine form ("2400.5"), after a comma. */
static void number(FILE *out, double value)
{
	char text[REP_NUM_MAX];
	csr_fmt_machine_number(value, text, sizeof text);
	fprintf(out, ",%s", text);
}

/* label,value with value fixed to decimals decimals ("66.7"). */
static void fixed(FILE *out, const char *label, double value, int decimals)
{
	char text[REP_NUM_MAX];
	csr_fmt_machine_fixed(value, decimals, text, sizeof text);
	fprintf(out, "%s,%s\r\n", label, text);
}

/* label,value with a text value. */
static void pair(FILE *out, const char *label, const char *value)
{
	fprintf(out, "%s,", label);
	csr_csv_cell(out, value);
	end_row(out);
}

static void about(const csr_report *r, FILE *out)
{
	char title[REP_LINE_MAX], day[CSR_TIME_TEXT_MAX], when[CSR_TIME_TEXT_MAX];
	csr_rep_title(r, title, sizeof title);
	fputs("section,report\r\n", out);
	pair(out, "title", title);
	pair(out, "period", r->period.label);
	csr_date_format_machine(r->period.from, day, sizeof day);
	pair(out, "from", day);
	csr_date_format_machine(r->period.to - 1, day, sizeof day);
	pair(out, "to", day);
	pair(out, "team", r->team_title);
	csr_time_format_machine(r->generated_at, when, sizeof when);
	pair(out, "generated", when);
}

static void totals(const csr_report *r, FILE *out)
{
	const csr_figures *f = &r->figures;
	section(out, "totals", "figure,value");
	fputs("approved_hours,", out);
	hours(out, f->approved_minutes);
	fputs("\r\npending_hours,", out);
	hours(out, f->pending_minutes);
	fprintf(out, "\r\nactive_volunteers,%d\r\nparticipants,%d\r\n", f->active_volunteers,
		f->participants);
	fixed(out, "participation_percent", f->participation * 100.0, 1);
	fprintf(out, "signups,%d\r\nattended,%d\r\nno_shows,%d\r\n", f->signups, f->attended,
		f->no_shows);
	fixed(out, "attendance_percent", f->attendance_rate * 100.0, 1);
	fixed(out, "no_show_percent", f->no_show_rate * 100.0, 1);
	fixed(out, "average_rating", f->rating, 2);
	fprintf(out, "ratings,%d\r\n", f->ratings);
}

static void category_row(const csr_report *r, FILE *out, const csr_report_category *c)
{
	csr_csv_cell(out, c->key);
	fputc(',', out);
	csr_csv_cell(out, c->title);
	fputc(',', out);
	hours(out, c->minutes);
	fprintf(out, ",%d", c->initiatives);
	for (int m = 0; c->has_totals && m < r->figures.nmetrics; m++)
		number(out, c->totals[m]);
	end_row(out);
}

static void categories(const csr_report *r, FILE *out)
{
	bool impact = !r->team[0];
	fputs("\r\nsection,categories\r\ncategory,title,hours,initiatives", out);
	for (int m = 0; impact && m < r->figures.nmetrics; m++) {
		fputc(',', out);
		csr_csv_cell(out, r->figures.metrics[m].key);
	}
	end_row(out);
	for (int i = 0; i < r->ncategories; i++)
		if (csr_rep_category_shown(r, &r->categories[i]))
			category_row(r, out, &r->categories[i]);
	fputs(",Not tied to an initiative,", out);
	hours(out, r->untied_minutes);
	fputs(",\r\n", out);
}

static void goals(const csr_report *r, FILE *out)
{
	section(out, "goals", "metric,title,unit,total,goal,goals_set,goals_met");
	for (int i = 0; i < r->figures.nmetrics; i++) {
		const csr_metric_figure *f = &r->figures.metrics[i];
		csr_csv_cell(out, f->key);
		fputc(',', out);
		csr_csv_cell(out, r->metrics[i].title);
		fputc(',', out);
		csr_csv_cell(out, r->metrics[i].unit);
		number(out, f->total);
		number(out, f->goal);
		fprintf(out, ",%d,%d\r\n", f->goals_set, f->goals_met);
	}
}

static void ranked(FILE *out, const char *name, const csr_ranked *rows, int n, bool teams)
{
	section(out, name, teams ? "rank,team,hours" : "rank,initiative_id,title,hours");
	for (int i = 0; i < n; i++) {
		fprintf(out, "%d,", i + 1);
		if (!teams)
			fprintf(out, "%lld,", (long long)rows[i].id);
		csr_csv_cell(out, rows[i].label);
		fputc(',', out);
		hours(out, rows[i].minutes);
		end_row(out);
	}
}

static void months(const csr_report *r, FILE *out)
{
	fputs("\r\nsection,months\r\nmonth,hours", out);
	for (int c = 0; c < r->ncategories; c++) {
		fputc(',', out);
		csr_csv_cell(out, r->categories[c].key);
	}
	end_row(out);
	for (int i = 0; i < r->nmonths; i++) {
		fprintf(out, "%s,", r->months[i].month);
		hours(out, r->months[i].minutes);
		for (int c = 0; c < r->ncategories; c++) {
			fputc(',', out);
			hours(out, r->months[i].by_category[c]);
		}
		end_row(out);
	}
}

static void partners(const csr_report *r, FILE *out)
{
	section(out, "partners", "partner,initiatives");
	for (int i = 0; i < r->npartners; i++) {
		csr_csv_cell(out, r->partners[i].name);
		fprintf(out, ",%d\r\n", r->partners[i].initiatives);
	}
}

static void comments(const csr_report *r, FILE *out)
{
	section(out, "comments", "rating,initiative,comment");
	for (int i = 0; i < r->ncomments; i++) {
		fprintf(out, "%d,", r->comments[i].rating);
		csr_csv_cell(out, r->comments[i].initiative);
		fputc(',', out);
		csr_csv_cell(out, r->comments[i].text);
		end_row(out);
	}
}

void csr_report_write_csv(const csr_report *r, FILE *out)
{
	about(r, out);
	totals(r, out);
	categories(r, out);
	goals(r, out);
	ranked(out, "top_initiatives", r->top_initiatives, r->ntop_initiatives, false);
	if (!r->team[0])
		ranked(out, "top_teams", r->top_teams, r->ntop_teams, true);
	months(r, out);
	partners(r, out);
	comments(r, out);
}
