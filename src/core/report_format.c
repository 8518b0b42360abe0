/* SPDX-License-Identifier: MIT */
/* The report's figures formatted one way for every writer, so the text,
 * Markdown, CSV and HTML reports cannot show different numbers. */
#include <string.h>

#include "csrdesk/clock.h"
#include "csrdesk/i18n.h"
#include "csrdesk/text.h"
#include "report_private.h"

void csr_rep_days(const csr_period *p, char *buf, size_t size)
{
	char first[CSR_TIME_TEXT_MAX], last[CSR_TIME_TEXT_MAX];
	csr_date_format(p->from, first, sizeof first);
	/* The last second of the period lies in its last day. */
	csr_date_format(p->to - 1, last, sizeof last);
	/* TRANSLATORS: the report's period: its first day to its last day. */
	snprintf(buf, size, _("%s to %s"), first, last);
}

void csr_rep_generated(const csr_report *r, char *buf, size_t size)
{
	csr_time_format(r->generated_at, buf, size);
}

void csr_rep_title(const csr_report *r, char *buf, size_t size)
{
	char period[CSR_PERIOD_LABEL_MAX * 2];
	csr_period_name(&r->period, period, sizeof period);
	/* The team's name already starts with the word "team" ("Team Blue"):
	 * not "team Team Blue". */
	if (r->team[0] && csr_text_starts_word(r->team_title, "team"))
		/* TRANSLATORS: the report's title: the period ("2026", "Q3 2026"), then a
		 * team's name that starts with the word "team". */
		snprintf(buf, size, _("CSR impact report %s, %s"), period, r->team_title);
	else if (r->team[0])
		/* TRANSLATORS: the report's title: the period, then a team's name. */
		snprintf(buf, size, _("CSR impact report %s, team %s"), period,
			 r->team_title);
	else
		/* TRANSLATORS: the report's title: the period ("2026", "Q3 2026"). */
		snprintf(buf, size, _("CSR impact report %s"), period);
}

void csr_rep_impact(const csr_report *r, const csr_report_category *c, char *buf, size_t size)
{
	size_t used = 0;
	buf[0] = '\0';
	for (int i = 0; c->has_totals && i < r->figures.nmetrics && used + 1 < size; i++) {
		if (c->totals[i] == 0.0)
			continue;
		char amount[REP_NUM_MAX + CSR_UNIT_MAX];
		csr_fmt_amount(c->totals[i], r->metrics[i].unit, amount, sizeof amount);
		int n = snprintf(buf + used, size - used, "%s%s", used ? ", " : "", amount);
		used += n > 0 ? (size_t)n : 0;
	}
}

const char *csr_rep_team(const char *team)
{
	return team[0] ? team : _("(no team)");
}

bool csr_rep_metric_shown(const csr_report *r, int i)
{
	const csr_metric_figure *f = &r->figures.metrics[i];
	return f->total != 0.0 || f->goals_set > 0;
}

void csr_rep_goals_met(const csr_metric_figure *f, char *buf, size_t size)
{
	char met[REP_NUM_MAX], set[REP_NUM_MAX];
	csr_fmt_count(f->goals_met, met, sizeof met);
	csr_fmt_count(f->goals_set, set, sizeof set);
	if (f->goals_set > 0)
		/* TRANSLATORS: goals met: "2 of 3". */
		snprintf(buf, size, _("%s of %s"), met, set);
	else
		buf[0] = '\0';
}

bool csr_rep_category_shown(const csr_report *r, const csr_report_category *c)
{
	if (c->minutes > 0 || c->initiatives > 0)
		return true;
	for (int i = 0; c->has_totals && i < r->figures.nmetrics; i++)
		if (c->totals[i] != 0.0)
			return true;
	return false;
}

int64_t csr_rep_max_month(const csr_report *r)
{
	int64_t max = 0;
	for (int i = 0; i < r->nmonths; i++)
		if (r->months[i].minutes > max)
			max = r->months[i].minutes;
	return max;
}

void csr_rep_totals(const csr_report *r, csr_rep_total rows[REP_TOTALS])
{
	const csr_figures *f = &r->figures;
	char rate[REP_NUM_MAX], a[REP_NUM_MAX], b[REP_NUM_MAX];
	for (int i = 0; i < REP_TOTALS; i++)
		rows[i].value[0] = rows[i].detail[0] = '\0';
	/* TRANSLATORS: the labels of the report's totals: at most 30 columns. */
	rows[0].label = _("Volunteer hours, approved");
	csr_fmt_hours(f->approved_minutes, rows[0].value, sizeof rows[0].value);
	rows[1].label = _("Volunteer hours, pending");
	csr_fmt_hours(f->pending_minutes, rows[1].value, sizeof rows[1].value);
	snprintf(rows[1].detail, sizeof rows[1].detail, "%s", _("awaiting a lead's decision"));
	rows[2].label = _("Participants");
	csr_fmt_count(f->participants, rows[2].value, sizeof rows[2].value);
	csr_fmt_percent(f->participation, rate, sizeof rate);
	csr_fmt_count(f->active_volunteers, a, sizeof a);
	/* TRANSLATORS: after the number of participants: the active volunteers
	 * and the share that took part ("of 63 active volunteers: 87.3%"). */
	snprintf(rows[2].detail, sizeof rows[2].detail, _("of %s active volunteers: %s"), a,
		 rate);
	rows[3].label = _("Sign-ups");
	csr_fmt_count(f->signups, rows[3].value, sizeof rows[3].value);
	rows[4].label = _("Attendance rate");
	csr_fmt_percent(f->attendance_rate, rows[4].value, sizeof rows[4].value);
	csr_fmt_count(f->attended, a, sizeof a);
	csr_fmt_count(f->no_shows, b, sizeof b);
	snprintf(rows[4].detail, sizeof rows[4].detail,
		 csr_plural(f->no_shows, "%s attended, %s no-show", "%s attended, %s no-shows"), a, b);
	rows[5].label = _("No-show rate");
	csr_fmt_percent(f->no_show_rate, rows[5].value, sizeof rows[5].value);
	rows[6].label = _("Average rating");
	if (f->ratings)
		csr_fmt_rating(f->rating, rows[6].value, sizeof rows[6].value);
	else
		snprintf(rows[6].value, sizeof rows[6].value, "-");
	csr_fmt_count(f->ratings, a, sizeof a);
	snprintf(rows[6].detail, sizeof rows[6].detail,
		 csr_plural(f->ratings, "out of 5, %s response", "out of 5, %s responses"), a);
}

void csr_rep_html_text(FILE *out, const char *text)
{
	for (const char *p = text; *p; p++) {
		switch (*p) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&#39;", out); break;
		default: fputc(*p, out);
		}
	}
}

void csr_rep_cell(FILE *out, const char *text, int width, bool right)
{
	char fit[REP_LINE_MAX];
	int w = csr_text_fit(text, width, false, fit, sizeof fit);
	if (right)
		fprintf(out, "%*s", width - w, "");
	fputs(fit, out);
	if (!right)
		fprintf(out, "%*s", width - w, "");
}
