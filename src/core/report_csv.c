/* SPDX-License-Identifier: MIT */
/* The report as CSV (RFC 4180, CRLF) for a spreadsheet: one block per
 * section, each opened by a "section,NAME" row and its header row, blocks
 * separated by an empty line. Text cells go through csr_csv_cell_sep
 * (quoting and formula neutralization in one place); numbers are plain,
 * without thousands separators: hours with two decimals, rates in percent,
 * all in the machine forms of csrdesk/format.h, which no style changes.
 *
 * The header rows are in the language of the report; the section names
 * and the keys of the totals are names a program may look for and stay
 * as they are. In German Excel's form (csr_csv_form) the file starts with
 * a byte order mark and ';' separates the cells. */
#include "csrdesk/clock.h"
#include "csrdesk/export.h"
#include "csrdesk/i18n.h"
#include "report_private.h"

/* Where the CSV goes, its form and separator. */
typedef struct csv {
	FILE *out;
	csr_csv_form form;
	char sep;
} csv;

static void end_row(const csv *c)
{
	fputs("\r\n", c->out);
}

static void sep(const csv *c)
{
	fputc(c->sep, c->out);
}

static void cell(const csv *c, const char *text)
{
	csr_csv_cell_sep(c->out, text, c->sep);
}

/* A row of column names: header holds them separated by commas. */
static void header_row(const csv *c, const char *header)
{
	for (const char *p = header; *p; p++)
		fputc(*p == ',' ? c->sep : *p, c->out);
}

/* An empty line, "section,NAME" and the header row, left open for more
 * column names. */
static void section_open(const csv *c, const char *name, const char *header)
{
	fputs("\r\nsection", c->out);
	sep(c);
	fprintf(c->out, "%s\r\n", name);
	header_row(c, header);
}

static void section(const csv *c, const char *name, const char *header)
{
	section_open(c, name, header);
	end_row(c);
}

static void hours(const csv *c, int64_t minutes)
{
	char text[REP_NUM_MAX];
	csr_fmt_machine_hours(minutes, text, sizeof text);
	csr_csv_number(text, c->form);
	fputs(text, c->out);
}

/* A number in the machine form ("2400.5"), after a separator. */
static void number(const csv *c, double value)
{
	char text[REP_NUM_MAX];
	csr_fmt_machine_number(value, text, sizeof text);
	csr_csv_number(text, c->form);
	sep(c);
	fputs(text, c->out);
}

/* A whole number after a separator. */
static void integer(const csv *c, long long value)
{
	sep(c);
	fprintf(c->out, "%lld", value);
}

/* key,value with value fixed to decimals decimals ("66.7"). */
static void fixed(const csv *c, const char *key, double value, int decimals)
{
	char text[REP_NUM_MAX];
	csr_fmt_machine_fixed(value, decimals, text, sizeof text);
	csr_csv_number(text, c->form);
	fputs(key, c->out);
	sep(c);
	fputs(text, c->out);
	end_row(c);
}

/* key,value with a whole number. */
static void count(const csv *c, const char *key, long long value)
{
	fputs(key, c->out);
	integer(c, value);
	end_row(c);
}

/* key,value with hours. */
static void hours_pair(const csv *c, const char *key, int64_t minutes)
{
	fputs(key, c->out);
	sep(c);
	hours(c, minutes);
	end_row(c);
}

/* key,value with a text value. */
static void pair(const csv *c, const char *key, const char *value)
{
	fputs(key, c->out);
	sep(c);
	cell(c, value);
	end_row(c);
}

static void about(const csr_report *r, const csv *c)
{
	char title[REP_LINE_MAX], day[CSR_TIME_TEXT_MAX], when[CSR_TIME_TEXT_MAX];
	csr_rep_title(r, title, sizeof title);
	fputs("section", c->out);
	sep(c);
	fputs("report\r\n", c->out);
	pair(c, "title", title);
	pair(c, "period", r->period.label);
	csr_date_format_machine(r->period.from, day, sizeof day);
	pair(c, "from", day);
	csr_date_format_machine(r->period.to - 1, day, sizeof day);
	pair(c, "to", day);
	pair(c, "team", r->team_title);
	count(c, "min_group", r->min_group);
	count(c, "hidden_rows", r->hidden_rows);
	csr_time_format_machine(r->generated_at, when, sizeof when);
	pair(c, "generated", when);
}

static void totals(const csr_report *r, const csv *c)
{
	const csr_figures *f = &r->figures;
	/* TRANSLATORS: the header row of a block of the report's CSV: column
	 * names separated by commas (keep the commas, use no other). */
	section(c, "totals", _("figure,value"));
	hours_pair(c, "approved_hours", f->approved_minutes);
	hours_pair(c, "pending_hours", f->pending_minutes);
	count(c, "active_volunteers", f->active_volunteers);
	count(c, "participants", f->participants);
	fixed(c, "participation_percent", f->participation * 100.0, 1);
	count(c, "signups", f->signups);
	count(c, "attended", f->attended);
	count(c, "no_shows", f->no_shows);
	fixed(c, "attendance_percent", f->attendance_rate * 100.0, 1);
	fixed(c, "no_show_percent", f->no_show_rate * 100.0, 1);
	if (f->rating_hidden) { /* too few people rated: the cells stay empty */
		fputs("average_rating", c->out);
		sep(c);
		end_row(c);
		fputs("ratings", c->out);
		sep(c);
		end_row(c);
		return;
	}
	fixed(c, "average_rating", f->rating, 2);
	count(c, "ratings", f->ratings);
}

static void category_row(const csr_report *r, const csv *c, const csr_report_category *k)
{
	cell(c, k->key);
	sep(c);
	cell(c, k->title);
	sep(c);
	if (!k->hidden) /* too few people: the cell stays empty */
		hours(c, k->minutes);
	integer(c, k->initiatives);
	for (int m = 0; k->has_totals && m < r->figures.nmetrics; m++)
		number(c, k->totals[m]);
	end_row(c);
}

static void categories(const csr_report *r, const csv *c)
{
	bool impact = !r->team[0];
	/* TRANSLATORS: a header row of the report's CSV (commas separate the
	 * column names; the metric keys follow). */
	section_open(c, "categories", _("category,title,hours,initiatives"));
	for (int m = 0; impact && m < r->figures.nmetrics; m++) {
		sep(c);
		cell(c, r->figures.metrics[m].key);
	}
	end_row(c);
	for (int i = 0; i < r->ncategories; i++)
		if (csr_rep_category_shown(r, &r->categories[i]))
			category_row(r, c, &r->categories[i]);
	sep(c);
	cell(c, _("Not tied to an initiative"));
	sep(c);
	if (!r->untied_hidden) /* too few people: the cell stays empty */
		hours(c, r->untied_minutes);
	sep(c);
	end_row(c);
}

static void goals(const csr_report *r, const csv *c)
{
	/* TRANSLATORS: a header row of the report's CSV (commas separate the
	 * column names). */
	section(c, "goals", _("metric,title,unit,total,goal,goals_set,goals_met"));
	for (int i = 0; i < r->figures.nmetrics; i++) {
		const csr_metric_figure *f = &r->figures.metrics[i];
		cell(c, f->key);
		sep(c);
		cell(c, r->metrics[i].title);
		sep(c);
		cell(c, r->metrics[i].unit);
		number(c, f->total);
		number(c, f->goal);
		integer(c, f->goals_set);
		integer(c, f->goals_met);
		end_row(c);
	}
}

static void ranked(const csv *c, const char *name, const csr_ranked *rows, int n, bool teams)
{
	/* TRANSLATORS: header rows of the report's CSV (commas separate the
	 * column names). */
	section(c, name, teams ? _("rank,team,hours") : _("rank,initiative_id,title,hours"));
	for (int i = 0; i < n; i++) {
		fprintf(c->out, "%d", i + 1);
		if (!teams)
			integer(c, rows[i].id);
		sep(c);
		cell(c, rows[i].label);
		sep(c);
		hours(c, rows[i].minutes);
		end_row(c);
	}
}

static void months(const csr_report *r, const csv *c)
{
	/* TRANSLATORS: a header row of the report's CSV (commas separate the
	 * column names; the category keys follow). */
	section_open(c, "months", _("month,hours"));
	for (int k = 0; k < r->ncategories; k++) {
		if (r->categories[k].hidden)
			continue; /* too few people: no column */
		sep(c);
		cell(c, r->categories[k].key);
	}
	end_row(c);
	for (int i = 0; i < r->nmonths; i++) {
		fputs(r->months[i].month, c->out);
		sep(c);
		hours(c, r->months[i].minutes);
		for (int k = 0; k < r->ncategories; k++) {
			if (r->categories[k].hidden)
				continue;
			sep(c);
			hours(c, r->months[i].by_category[k]);
		}
		end_row(c);
	}
}

static void partners(const csr_report *r, const csv *c)
{
	/* TRANSLATORS: a header row of the report's CSV (commas separate the
	 * column names). */
	section(c, "partners", _("partner,initiatives"));
	for (int i = 0; i < r->npartners; i++) {
		cell(c, r->partners[i].name);
		integer(c, r->partners[i].initiatives);
		end_row(c);
	}
}

static void comments(const csr_report *r, const csv *c)
{
	/* TRANSLATORS: a header row of the report's CSV (commas separate the
	 * column names). */
	section(c, "comments", _("rating,initiative,comment"));
	for (int i = 0; i < r->ncomments; i++) {
		fprintf(c->out, "%d", r->comments[i].rating);
		sep(c);
		cell(c, r->comments[i].initiative);
		sep(c);
		cell(c, r->comments[i].text);
		end_row(c);
	}
}

void csr_report_write_csv(const csr_report *r, csr_csv_form form, FILE *out)
{
	const csv c = { .out = out, .form = form, .sep = csr_csv_separator(form) };
	csr_csv_begin(out, form);
	about(r, &c);
	totals(r, &c);
	categories(r, &c);
	goals(r, &c);
	ranked(&c, "top_initiatives", r->top_initiatives, r->ntop_initiatives, false);
	if (!r->team[0])
		ranked(&c, "top_teams", r->top_teams, r->ntop_teams, true);
	months(r, &c);
	partners(r, &c);
	comments(r, &c);
}
