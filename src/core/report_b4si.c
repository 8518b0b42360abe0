/* SPDX-License-Identifier: MIT */
/* The company's contribution in the B4SI input / output / impact layout:
 * the rows both the CSV (report --format b4si, written here) and the HTML
 * report's section show, built once from the gathered report.
 *
 * The CSV (RFC 4180, CRLF; German Excel's form too) opens with the
 * report's identity, then one block per section ("section,inputs", its
 * header row, the measures), then the issue areas. The key column and the
 * section names are for programs and stay as they are; the measure, unit
 * words and basis are in the language of the report. Numbers are in the
 * machine forms: money with two decimals, hours with two, percentages
 * with one. */
#include <string.h>

#include "csrdesk/i18n.h"
#include "report_private.h"

const char *const csr_b4si_sections[4] = { "inputs", "leverage", "outputs", "impact" };

const char *csr_b4si_section_title(const char *section)
{
	/* TRANSLATORS: the sections of the B4SI reporting framework. */
	if (strcmp(section, "inputs") == 0)
		return _("Inputs");
	if (strcmp(section, "leverage") == 0)
		return _("Leverage");
	if (strcmp(section, "outputs") == 0)
		return _("Outputs");
	return _("Impact");
}

const char *csr_rep_issue_area(const char *key)
{
	return key[0] ? csr_issue_area_label(key) : _("No issue area given");
}

void csr_rep_money(double value, char *buf, size_t size)
{
	csr_fmt_number(value, buf, size);
	const char *mark = csr_fmt_current_style()->decimal_mark;
	const char *at = strstr(buf, mark);
	size_t used = strlen(buf);
	/* csr_fmt_number drops trailing zeros: "4,620" and "12.5" get them back */
	const char *pad = !at ? "00" : strlen(at + strlen(mark)) == 1 ? "0" : "";
	snprintf(buf + used, size > used ? size - used : 0, "%s%s", at ? "" : mark, pad);
}

void csr_rep_b4si_value(const csr_b4si_row *row, char *buf, size_t size)
{
	switch (row->kind) {
	case CSR_B4SI_MONEY: csr_rep_money(row->value, buf, size); break;
	case CSR_B4SI_HOURS: csr_fmt_hours((int64_t)row->value, buf, size); break;
	case CSR_B4SI_COUNT: csr_fmt_count((long long)row->value, buf, size); break;
	case CSR_B4SI_PERCENT: /* one decimal, as in the CSV: 66.7 (never negative) */
		csr_fmt_number((double)(long long)(row->value * 10 + 0.5) / 10, buf, size);
		break;
	case CSR_B4SI_AMOUNT: csr_fmt_number(row->value, buf, size); break;
	}
}

/* ---- the rows ---- */

typedef struct rows {
	csr_b4si_row *row;
	int n;
	const char *section;
} rows;

/* Adds a row of the current section; the caller writes its basis. */
static csr_b4si_row *add(rows *rs, const char *key, const char *measure, csr_b4si_kind kind,
			 double value, const char *unit)
{
	csr_b4si_row *r = &rs->row[rs->n++];
	*r = (csr_b4si_row){ .section = rs->section, .kind = kind, .value = value };
	snprintf(r->key, sizeof r->key, "%s", key);
	snprintf(r->measure, sizeof r->measure, "%s", measure);
	snprintf(r->unit, sizeof r->unit, "%s", unit);
	return r;
}

/* "No rate for site Berlin: 10 h not valued." (or "" when all were). */
static void unrated_note(const csr_valued_time *t, char *buf, size_t size)
{
	buf[0] = '\0';
	if (!t->unrated_minutes)
		return;
	char sites[REP_LINE_MAX] = "", hours[REP_NUM_MAX];
	size_t used = 0;
	for (int i = 0; i < t->nunrated; i++) {
		int n = snprintf(sites + used, sizeof sites - used, "%s%s", i ? ", " : "",
				 t->unrated_sites[i][0] ? t->unrated_sites[i] : _("(no site)"));
		used += n > 0 && (size_t)n < sizeof sites - used ? (size_t)n : 0;
	}
	csr_fmt_hours(t->unrated_minutes, hours, sizeof hours);
	/* TRANSLATORS: the sites (a list), then hours; "h" is hours. */
	snprintf(buf, size, csr_plural(t->nunrated, "No rate for site %s: %s h not valued.",
				       "No rate for sites %s: %s h not valued."), sites, hours);
}

/* The basis of a valued time: how, then what had no rate. */
static void valued_basis(csr_b4si_row *r, const char *how, const csr_valued_time *t)
{
	char note[REP_LINE_MAX];
	unrated_note(t, note, sizeof note);
	snprintf(r->basis, sizeof r->basis, "%s%s%s", how, note[0] ? " " : "", note);
}

static void inputs(rows *rs, const csr_contribution *c)
{
	char a[REP_NUM_MAX], b[REP_NUM_MAX];
	rs->section = "inputs";
	csr_b4si_row *r = add(rs, "volunteer_hours", _("Volunteer hours"), CSR_B4SI_HOURS,
			      (double)csr_contribution_minutes(c), "h");
	csr_fmt_hours(c->company.minutes, a, sizeof a);
	csr_fmt_hours(c->own_minutes, b, sizeof b);
	/* TRANSLATORS: the basis of the volunteer hours: company time, own time. */
	snprintf(r->basis, sizeof r->basis, _("Approved hours: %s h in company time, %s h in own"
					      " time."), a, b);
	r = add(rs, "company_time_hours", _("Hours in company time"), CSR_B4SI_HOURS,
		(double)c->company.minutes, "h");
	snprintf(r->basis, sizeof r->basis, "%s", _("Approved hours worked in company time."));
	r = add(rs, "time_value", _("Time value"), CSR_B4SI_MONEY, c->company.value, "EUR");
	valued_basis(r, _("Company-time hours × the hourly rate of the volunteer's site on the"
			  " day worked."), &c->company);
	r = add(rs, "management_hours", _("Management time"), CSR_B4SI_HOURS,
		(double)c->management.minutes, "h");
	snprintf(r->basis, sizeof r->basis, "%s", _("Time spent running the programme."));
	r = add(rs, "management_cost", _("Management cost"), CSR_B4SI_MONEY, c->management.value,
		"EUR");
	valued_basis(r, _("Management hours × the management rate of the site on the day"
			  " worked."), &c->management);
	r = add(rs, "cash", _("Cash"), CSR_B4SI_MONEY, c->cash, "EUR");
	snprintf(r->basis, sizeof r->basis, "%s", _("Impact recorded for metrics of kind cash."));
	r = add(rs, "in_kind", _("In-kind"), CSR_B4SI_MONEY, c->in_kind, "EUR");
	snprintf(r->basis, sizeof r->basis, "%s",
		 _("Impact recorded for metrics of kind in_kind, valued in EUR."));
	r = add(rs, "total_contribution", _("Total contribution"), CSR_B4SI_MONEY, c->total, "EUR");
	snprintf(r->basis, sizeof r->basis, "%s",
		 _("Time value + management cost + cash + in-kind."));
}

static void leverage(rows *rs, const csr_contribution *c)
{
	rs->section = "leverage";
	csr_b4si_row *r = add(rs, "leverage", _("Money raised from others"), CSR_B4SI_MONEY,
			      c->leverage, "EUR");
	snprintf(r->basis, sizeof r->basis, "%s", _("Impact recorded for metrics of kind"
						    " leverage; not in the total."));
	r = add(rs, "own_time_hours", _("Hours in own time"), CSR_B4SI_HOURS,
		(double)c->own_minutes, "h");
	snprintf(r->basis, sizeof r->basis, "%s", _("Approved hours volunteered in the employees'"
						    " own time; not in the total."));
}

static void output_row(rows *rs, const csr_output_figure *o)
{
	char key[CSR_KEY_MAX + 8], goal[REP_NUM_MAX], set[REP_NUM_MAX], met[REP_NUM_MAX];
	snprintf(key, sizeof key, "metric_%s", o->key);
	csr_b4si_row *r = add(rs, key, o->title, CSR_B4SI_AMOUNT, o->total, o->unit);
	if (!o->goals_set) {
		snprintf(r->basis, sizeof r->basis, "%s", _("No goal set."));
		return;
	}
	csr_fmt_amount(o->goal, o->unit, goal, sizeof goal);
	csr_fmt_count(o->goals_set, set, sizeof set);
	csr_fmt_count(o->goals_met, met, sizeof met);
	/* TRANSLATORS: the goals' sum, then goals met of goals set. */
	snprintf(r->basis, sizeof r->basis, csr_plural(o->goals_set, "Goal %s; %s of %s goal met.",
						       "Goal %s; %s of %s goals met."), goal, met, set);
}

static void outputs(rows *rs, const csr_contribution *c)
{
	rs->section = "outputs";
	csr_b4si_row *r = add(rs, "beneficiaries", _("Beneficiaries"), CSR_B4SI_COUNT,
			      (double)c->beneficiaries, _("people"));
	snprintf(r->basis, sizeof r->basis, "%s", _("People the initiatives of the period reached,"
						    " as recorded per initiative."));
	r = add(rs, "organisations_supported", _("Organisations supported"), CSR_B4SI_COUNT,
		c->organisations, _("organisations"));
	snprintf(r->basis, sizeof r->basis, "%s", _("Distinct partners of the initiatives of the"
						    " period."));
	for (int i = 0; i < c->noutputs; i++)
		output_row(rs, &c->outputs[i]);
}

static void sdg_list(const csr_contribution *c, char *buf, size_t size)
{
	size_t used = 0;
	buf[0] = '\0';
	for (int i = 0; i < c->nsdgs && used < size; i++) {
		int n = snprintf(buf + used, size - used, "%s%d", i ? ", " : "", c->sdgs[i]);
		used += n > 0 ? (size_t)n : 0;
	}
}

static void impact(rows *rs, const csr_contribution *c)
{
	char a[REP_NUM_MAX], list[REP_LINE_MAX];
	rs->section = "impact";
	csr_b4si_row *r = add(rs, "participants", _("Participants"), CSR_B4SI_COUNT,
			      c->participants, _("people"));
	csr_fmt_count(c->active_volunteers, a, sizeof a);
	snprintf(r->basis, sizeof r->basis, _("Of %s active volunteers (headcount)."), a);
	r = add(rs, "participation_percent", _("Participation"), CSR_B4SI_PERCENT,
		c->active_volunteers ? 100.0 * c->participants / c->active_volunteers : 0, "%");
	snprintf(r->basis, sizeof r->basis, "%s", _("Participants / active volunteers."));
	r = add(rs, "sites_with_programme", _("Sites with a programme"), CSR_B4SI_COUNT,
		c->sites_with_programme, _("sites"));
	csr_fmt_count(c->sites, a, sizeof a);
	/* TRANSLATORS: GRI 413-1 is a disclosure of the GRI standards. */
	snprintf(r->basis, sizeof r->basis, _("Of %s sites with active volunteers: sites where"
					      " someone took part (GRI 413-1)."), a);
	r = add(rs, "sites_with_programme_percent", _("Share of sites with a programme"),
		CSR_B4SI_PERCENT, 100.0 * csr_contribution_site_share(c), "%");
	snprintf(r->basis, sizeof r->basis, "%s", _("Sites with a programme / sites with active"
						    " volunteers."));
	r = add(rs, "sdgs_served", _("SDGs served"), CSR_B4SI_COUNT, c->nsdgs, _("goals"));
	sdg_list(c, list, sizeof list);
	if (c->nsdgs)
		/* TRANSLATORS: the numbers of the UN Sustainable Development Goals. */
		snprintf(r->basis, sizeof r->basis, _("SDG %s, from the categories with activity."),
			 list);
	else
		snprintf(r->basis, sizeof r->basis, "%s", _("No category with activity names an SDG."));
}

int csr_rep_b4si_rows(const csr_report *r, csr_b4si_row *out)
{
	rows rs = { .row = out };
	const csr_contribution *c = &r->contribution;
	inputs(&rs, c);
	leverage(&rs, c);
	outputs(&rs, c);
	impact(&rs, c);
	return rs.n;
}

/* ---- the CSV ---- */

typedef struct csv {
	FILE *out;
	csr_csv_form form;
	char sep;
} csv;

static void cell(const csv *c, const char *text)
{
	csr_csv_cell_sep(c->out, text, c->sep);
}

static void sep(const csv *c)
{
	fputc(c->sep, c->out);
}

/* A header row: header holds the column names separated by commas. */
static void header_row(const csv *c, const char *header)
{
	for (const char *p = header; *p; p++)
		fputc(*p == ',' ? c->sep : *p, c->out);
	fputs("\r\n", c->out);
}

static void section_row(const csv *c, const char *name)
{
	fputs("\r\nsection", c->out);
	sep(c);
	fprintf(c->out, "%s\r\n", name);
}

/* A number in the machine form of the CSV's form, after a separator. */
static void number(const csv *c, double value, int decimals)
{
	char text[REP_NUM_MAX];
	csr_fmt_machine_fixed(value, decimals, text, sizeof text);
	csr_csv_number(text, c->form);
	sep(c);
	fputs(text, c->out);
}

static void machine_value(const csv *c, const csr_b4si_row *row)
{
	char text[REP_NUM_MAX];
	switch (row->kind) {
	case CSR_B4SI_MONEY: number(c, row->value, 2); return;
	case CSR_B4SI_HOURS: number(c, row->value / 60.0, 2); return;
	case CSR_B4SI_PERCENT: number(c, row->value, 1); return;
	case CSR_B4SI_COUNT: sep(c); fprintf(c->out, "%lld", (long long)row->value); return;
	case CSR_B4SI_AMOUNT:
		csr_fmt_machine_number(row->value, text, sizeof text);
		csr_csv_number(text, c->form);
		sep(c);
		fputs(text, c->out);
		return;
	}
}

static void pair(const csv *c, const char *key, const char *value)
{
	fputs(key, c->out);
	sep(c);
	cell(c, value);
	fputs("\r\n", c->out);
}

static void about(const csr_report *r, const csv *c)
{
	char day[CSR_TIME_TEXT_MAX], when[CSR_TIME_TEXT_MAX];
	fputs("section", c->out);
	sep(c);
	fputs("report\r\n", c->out);
	/* TRANSLATORS: the title of the B4SI figures (CSV and HTML report). */
	pair(c, "title", _("Community investment (B4SI, GRI 413-1)"));
	pair(c, "period", r->period.label);
	csr_date_format_machine(r->period.from, day, sizeof day);
	pair(c, "from", day);
	csr_date_format_machine(r->period.to - 1, day, sizeof day);
	pair(c, "to", day);
	csr_time_format_machine(r->generated_at, when, sizeof when);
	pair(c, "generated", when);
	if (r->has_contribution) {
		fprintf(c->out, "min_group%c%d\r\n", c->sep, r->contribution.min_group);
		fprintf(c->out, "hidden_areas%c%d\r\n", c->sep, r->contribution.hidden_areas);
	}
}

static void measures(const csv *c, const csr_b4si_row *rows, int n, const char *section)
{
	section_row(c, section);
	/* TRANSLATORS: a header row of the B4SI CSV (commas separate the column
	 * names; keep them, use no other). */
	header_row(c, _("key,measure,value,unit,basis"));
	for (int i = 0; i < n; i++) {
		if (strcmp(rows[i].section, section) != 0)
			continue;
		cell(c, rows[i].key);
		sep(c);
		cell(c, rows[i].measure);
		machine_value(c, &rows[i]);
		sep(c);
		cell(c, rows[i].unit);
		sep(c);
		cell(c, rows[i].basis);
		fputs("\r\n", c->out);
	}
}

static void areas(const csv *c, const csr_contribution *k)
{
	section_row(c, "issue_areas");
	/* TRANSLATORS: a header row of the B4SI CSV (commas separate the column
	 * names; keep them, use no other). */
	header_row(c, _("issue_area,title,initiatives,hours,time_value,cash,in_kind,beneficiaries"));
	for (int i = 0; i < k->nareas; i++) {
		const csr_issue_area_figures *a = &k->areas[i];
		cell(c, a->key);
		sep(c);
		cell(c, csr_rep_issue_area(a->key));
		sep(c);
		fprintf(c->out, "%d", a->initiatives);
		if (a->hidden) { /* too few people: empty, as in the other CSV */
			sep(c);
			sep(c);
		} else {
			number(c, (double)a->minutes / 60.0, 2);
			number(c, a->time_value, 2);
		}
		number(c, a->cash, 2);
		number(c, a->in_kind, 2);
		sep(c);
		fprintf(c->out, "%lld\r\n", a->beneficiaries);
	}
}

void csr_report_write_b4si(const csr_report *r, csr_csv_form form, FILE *out)
{
	const csv c = { .out = out, .form = form, .sep = csr_csv_separator(form) };
	csr_b4si_row rows[CSR_B4SI_ROWS_MAX];
	csr_csv_begin(out, form);
	about(r, &c);
	if (!r->has_contribution)
		return; /* a team report has none; the CLI refuses --team with b4si */
	int n = csr_rep_b4si_rows(r, rows);
	for (int s = 0; s < 4; s++)
		measures(&c, rows, n, csr_b4si_sections[s]);
	areas(&c, &r->contribution);
}
