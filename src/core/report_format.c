/* SPDX-License-Identifier: MIT */
/* The report's figures formatted one way for every writer, so the text,
 * Markdown, CSV and HTML reports cannot show different numbers. */
#include <string.h>

#include "csrdesk/clock.h"
#include "report_private.h"

/* Copies plain ("-1234.5") into buf with a comma every three digits of its
 * whole part ("-1,234.5"). */
static void group_digits(const char *plain, char *buf, size_t size)
{
	const char *p = plain;
	size_t o = 0;
	if (*p == '-' && o + 1 < size)
		buf[o++] = *p++;
	size_t whole = strspn(p, "0123456789");
	for (size_t i = 0; p[i] && o + 1 < size; i++) {
		if (i > 0 && i < whole && (whole - i) % 3 == 0) {
			buf[o++] = ',';
			if (o + 1 >= size)
				break;
		}
		buf[o++] = p[i];
	}
	buf[o] = '\0';
}

void csr_rep_hours(int64_t minutes, char *buf, size_t size)
{
	char plain[REP_NUM_MAX];
	snprintf(plain, sizeof plain, "%.1f", (double)minutes / 60.0);
	group_digits(plain, buf, size);
}

void csr_rep_number(double value, char *buf, size_t size)
{
	char plain[REP_NUM_MAX];
	snprintf(plain, sizeof plain, "%.2f", value);
	/* "12.50" reads 12.5 and "12.00" 12; "-0.00" is 0 */
	size_t n = strlen(plain);
	while (n > 0 && plain[n - 1] == '0' && strchr(plain, '.'))
		plain[--n] = '\0';
	if (n > 0 && plain[n - 1] == '.')
		plain[--n] = '\0';
	group_digits(strcmp(plain, "-0") == 0 ? "0" : plain, buf, size);
}

void csr_rep_amount(double value, const char *unit, char *buf, size_t size)
{
	char number[REP_NUM_MAX];
	csr_rep_number(value, number, sizeof number);
	snprintf(buf, size, "%s%s%s", number, unit[0] ? " " : "", unit);
}

void csr_rep_percent(double ratio, char *buf, size_t size)
{
	snprintf(buf, size, "%.1f%%", ratio * 100.0);
}

void csr_rep_days(const csr_period *p, char *buf, size_t size)
{
	char first[16], last[16];
	csr_date_format(p->from, first, sizeof first);
	/* The last second of the period lies in its last day. */
	csr_date_format(p->to - 1, last, sizeof last);
	snprintf(buf, size, "%s to %s", first, last);
}

void csr_rep_generated(const csr_report *r, char *buf, size_t size)
{
	csr_time_format(r->generated_at, buf, size);
}

void csr_rep_title(const csr_report *r, char *buf, size_t size)
{
	if (r->team[0])
		snprintf(buf, size, "CSR impact report %s, team %s", r->period.label,
			 r->team_title);
	else
		snprintf(buf, size, "CSR impact report %s", r->period.label);
}

void csr_rep_impact(const csr_report *r, const csr_report_category *c, char *buf, size_t size)
{
	size_t used = 0;
	buf[0] = '\0';
	for (int i = 0; c->has_totals && i < r->figures.nmetrics && used + 1 < size; i++) {
		if (c->totals[i] == 0.0)
			continue;
		char amount[REP_NUM_MAX + CSR_UNIT_MAX];
		csr_rep_amount(c->totals[i], r->metrics[i].unit, amount, sizeof amount);
		int n = snprintf(buf + used, size - used, "%s%s", used ? ", " : "", amount);
		used += n > 0 ? (size_t)n : 0;
	}
}

const char *csr_rep_team(const char *team)
{
	return team[0] ? team : "(no team)";
}

bool csr_rep_metric_shown(const csr_report *r, int i)
{
	const csr_metric_figure *f = &r->figures.metrics[i];
	return f->total != 0.0 || f->goals_set > 0;
}

void csr_rep_goals_met(const csr_metric_figure *f, char *buf, size_t size)
{
	if (f->goals_set > 0)
		snprintf(buf, size, "%d of %d", f->goals_met, f->goals_set);
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
	char rate[16];
	for (int i = 0; i < REP_TOTALS; i++)
		rows[i].value[0] = rows[i].detail[0] = '\0';
	rows[0].label = "Volunteer hours, approved";
	csr_rep_hours(f->approved_minutes, rows[0].value, sizeof rows[0].value);
	rows[1].label = "Volunteer hours, pending";
	csr_rep_hours(f->pending_minutes, rows[1].value, sizeof rows[1].value);
	snprintf(rows[1].detail, sizeof rows[1].detail, "awaiting a lead's decision");
	rows[2].label = "Participants";
	snprintf(rows[2].value, sizeof rows[2].value, "%d", f->participants);
	csr_rep_percent(f->participation, rate, sizeof rate);
	snprintf(rows[2].detail, sizeof rows[2].detail, "of %d active volunteers: %s",
		 f->active_volunteers, rate);
	rows[3].label = "Sign-ups";
	snprintf(rows[3].value, sizeof rows[3].value, "%d", f->signups);
	rows[4].label = "Attendance rate";
	csr_rep_percent(f->attendance_rate, rows[4].value, sizeof rows[4].value);
	snprintf(rows[4].detail, sizeof rows[4].detail, "%d attended, %d no-shows", f->attended,
		 f->no_shows);
	rows[5].label = "No-show rate";
	csr_rep_percent(f->no_show_rate, rows[5].value, sizeof rows[5].value);
	rows[6].label = "Average rating";
	if (f->ratings)
		snprintf(rows[6].value, sizeof rows[6].value, "%.1f", f->rating);
	else
		snprintf(rows[6].value, sizeof rows[6].value, "-");
	snprintf(rows[6].detail, sizeof rows[6].detail, "out of 5, %d response%s", f->ratings,
		 f->ratings == 1 ? "" : "s");
}
