/* SPDX-License-Identifier: MIT */
/* The impact report: gathered once from the metrics and a few read-only
 * queries, in one read snapshot, then written by the writers in
 * report_*.c (which never query the database).
 *
 * The figures are csr_metrics_compute's and the other functions of
 * metrics.h; the only counts made here are the ones metrics.h has no
 * function for: initiatives per category, the partners involved, the
 * comments shown. Those follow metrics.c's rules for what belongs to a
 * period and a team (README, "Impact figures"). */
#include "csrdesk/report.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "csrdesk/clock.h"
#include "csrdesk/i18n.h"
#include "csrdesk/text.h"
#include "db_private.h"
#include "records.h"
#include "report_private.h"

static const char *const format_names[] = { "text", "md", "csv", "html", "b4si" };

bool csr_report_format_parse(const char *name, csr_report_format *out)
{
	for (size_t i = 0; name && i < sizeof format_names / sizeof format_names[0]; i++)
		if (strcmp(name, format_names[i]) == 0) {
			*out = (csr_report_format)i;
			return true;
		}
	return false;
}

const char *csr_report_format_name(csr_report_format format)
{
	return (unsigned)format < sizeof format_names / sizeof format_names[0]
		       ? format_names[format] : "?";
}

/* Text people typed, for any format: one line (line breaks and tabs made
 * spaces), trimmed, with unsafe characters replaced (csr_text_sanitize). */
static void clean_text(char *dst, size_t size, const char *src)
{
	char line[CSR_COMMENT_MAX], trimmed[CSR_COMMENT_MAX];
	csr_copy(line, size < sizeof line ? size : sizeof line, src ? src : "");
	for (char *p = line; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	csr_text_trim(line, trimmed, sizeof trimmed);
	csr_text_sanitize(trimmed, dst, size);
}

static void clean_column(sqlite3_stmt *st, int col, char *dst, size_t size)
{
	clean_text(dst, size, (const char *)sqlite3_column_text(st, col));
}

/* Ends st; CSR_OK when its last step finished the rows. */
static csr_code finish(csr_db *db, sqlite3_stmt *st, int rc, csr_err *err)
{
	csr_stmt_done(st);
	return rc == SQLITE_DONE ? CSR_OK : csr_db_fail(db, rc, _("gathering the report"), err);
}

/* ---- the team ---- */

/* Up to a few team names, for the message about an unknown team. */
static void list_teams(csr_db *db, char *out, size_t size)
{
	out[0] = '\0';
	sqlite3_stmt *st = csr_db_stmt(db,
		"SELECT name FROM volunteer_group WHERE kind = 2 AND name <> '' ORDER BY name LIMIT 8",
		NULL);
	if (!st)
		return;
	size_t used = 0;
	while (sqlite3_step(st) == SQLITE_ROW && used + 1 < size) {
		char name[CSR_SCOPE_VALUE_MAX];
		clean_column(st, 0, name, sizeof name);
		int n = snprintf(out + used, size - used, "%s%s", used ? ", " : "", name);
		used += n > 0 ? (size_t)n : 0;
	}
	csr_stmt_done(st);
}

static csr_code check_team(csr_db *db, const char *team, csr_err *err)
{
	if (strlen(team) >= CSR_SCOPE_VALUE_MAX)
		return csr_fail(err, CSR_EINVAL, _("The team name is too long (at most %d bytes)"),
				CSR_SCOPE_VALUE_MAX - 1);
	sqlite3_stmt *st = csr_db_stmt(db, "SELECT 1 FROM volunteer WHERE team = ?1 LIMIT 1", err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_text(st, 1, team, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	csr_stmt_done(st);
	if (rc == SQLITE_ROW)
		return CSR_OK;
	if (rc != SQLITE_DONE)
		return csr_db_fail(db, rc, _("looking up the team"), err);
	char name[CSR_SCOPE_VALUE_MAX], teams[400];
	clean_text(name, sizeof name, team);
	list_teams(db, teams, sizeof teams);
	if (teams[0])
		/* TRANSLATORS: a team's name as typed, then the teams there are. */
		return csr_fail(err, CSR_ENOTFOUND, _("No volunteer is in team '%s'; teams: %s"), name,
				teams);
	return csr_fail(err, CSR_ENOTFOUND, _("No volunteer is in team '%s'"), name);
}

/* ---- labels from the config ---- */

static void metric_labels(const csr_config *cfg, csr_report *r)
{
	char label[CSR_LABEL_MAX];
	for (int i = 0; i < r->figures.nmetrics; i++) {
		const csr_metric *m = csr_config_metric(cfg, r->figures.metrics[i].key);
		csr_config_metric_label(cfg, r->figures.metrics[i].key, label, sizeof label);
		clean_text(r->metrics[i].title, sizeof r->metrics[i].title, label);
		clean_text(r->metrics[i].unit, sizeof r->metrics[i].unit, m ? m->unit : "");
	}
}

/* The row of category key, added at the end (titled by the config, else
 * "(removed) key") when new; NULL when the table is full. */
static csr_report_category *category_of(const csr_config *cfg, csr_report *r, const char *key)
{
	for (int i = 0; i < r->ncategories; i++)
		if (strcmp(r->categories[i].key, key) == 0)
			return &r->categories[i];
	if (r->ncategories == CSR_REPORT_CATEGORIES_MAX)
		return NULL;
	csr_report_category *c = &r->categories[r->ncategories++];
	const csr_category *def = csr_config_category(cfg, key);
	char label[CSR_LABEL_MAX];
	csr_config_category_label(cfg, key, label, sizeof label);
	csr_copy(c->key, sizeof c->key, key);
	clean_text(c->title, sizeof c->title, label);
	c->color = def ? def->color : CSR_COLOR_DEFAULT;
	return c;
}

/* The config's categories first, in its order, so the table reads the same
 * in every period. */
static void config_categories(const csr_config *cfg, csr_report *r)
{
	for (int i = 0; i < cfg->ncategories; i++)
		category_of(cfg, r, cfg->categories[i].key);
}

/* ---- months ---- */

static csr_code list_months(csr_report *r, csr_err *err)
{
	int n = 0;
	for (int64_t t = r->period.from; t < r->period.to && n <= CSR_REPORT_MONTHS_MAX; n++) {
		csr_period m;
		csr_period_month(t, &m);
		if (m.to <= t)
			break; /* a broken time zone: never loop forever */
		t = m.to;
	}
	if (n > CSR_REPORT_MONTHS_MAX)
		/* TRANSLATORS: a number of months, then the period asked for. */
		return csr_fail(err, CSR_EINVAL, _("A report covers at most %d months; %s is longer"),
				CSR_REPORT_MONTHS_MAX, r->period.label);
	r->months = calloc((size_t)n + 1, sizeof *r->months);
	if (!r->months)
		return csr_fail(err, CSR_ENOMEM, "%s", _("Out of memory for the report"));
	for (int64_t t = r->period.from; r->nmonths < n;) {
		csr_period m;
		csr_period_month(t, &m);
		csr_copy(r->months[r->nmonths++].month, sizeof r->months[0].month, m.label);
		t = m.to;
	}
	return CSR_OK;
}

static csr_report_month *month_of(csr_report *r, const char *label)
{
	for (int i = 0; i < r->nmonths; i++)
		if (strcmp(r->months[i].month, label) == 0)
			return &r->months[i];
	return NULL;
}

/* Adds one row of csr_metrics_hours_by_month to its month and category;
 * the hours not in any row are the ones tied to no initiative. */
static void add_month_row(const csr_config *cfg, csr_report *r, const csr_month_hours *row)
{
	r->untied_minutes -= row->minutes;
	csr_report_category *c = category_of(cfg, r, row->category);
	csr_report_month *m = month_of(r, row->month);
	if (c)
		c->minutes += row->minutes;
	if (m)
		m->minutes += row->minutes;
	if (c && m)
		m->by_category[c - r->categories] += row->minutes;
}

/* The hours by month, without the categories cats hide. */
static csr_code gather_months(csr_db *db, const csr_scope *s, const csr_category_hours *cats,
			      int ncats, csr_report *r, csr_err *err)
{
	/* the hours by month have at most a row per category (tied to one) a month */
	int max = r->nmonths * (ncats + 1), n = 0;
	csr_month_hours *rows = calloc((size_t)max + 1, sizeof *rows);
	if (!rows)
		return csr_fail(err, CSR_ENOMEM, "%s", _("Out of memory for the report"));
	csr_code rc = csr_metrics_hours_by_month_shown(db, &r->period, s, cats, ncats, rows, max,
						       &n, err);
	r->untied_minutes = r->figures.approved_minutes;
	for (int i = 0; rc == CSR_OK && i < n; i++)
		add_month_row(csr_db_config(db), r, &rows[i]);
	free(rows);
	return rc;
}

/* ---- initiatives and partners: those of the period, not draft or
 * cancelled, and in a team report those someone of the team attended (the
 * rule metrics.c uses for impact) ---- */

#define COUNTED_INITIATIVE \
	"i.starts_at >= ?1 AND i.starts_at < ?2 AND i.status NOT IN ('draft', 'cancelled')" \
	" AND (?3 = '' OR EXISTS (SELECT 1 FROM scope_places t" \
	" WHERE t.team = ?3 AND t.initiative_id = i.id AND t.attended > 0))"

static sqlite3_stmt *period_query(csr_db *db, const char *sql, const csr_report *r,
				  csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, sql, err);
	if (!st)
		return NULL;
	sqlite3_bind_int64(st, 1, r->period.from);
	sqlite3_bind_int64(st, 2, r->period.to);
	sqlite3_bind_text(st, 3, r->team, -1, SQLITE_STATIC);
	return st;
}

static csr_code count_initiatives(csr_db *db, csr_report *r, csr_err *err)
{
	sqlite3_stmt *st = period_query(db,
		"SELECT i.category, COUNT(*) FROM initiative i WHERE " COUNTED_INITIATIVE
		" GROUP BY i.category ORDER BY i.category", r, err);
	if (!st)
		return csr_err_code(err);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char key[CSR_KEY_MAX];
		csr_col_text(st, 0, key, sizeof key);
		csr_report_category *c = category_of(csr_db_config(db), r, key);
		if (c)
			c->initiatives = sqlite3_column_int(st, 1);
	}
	return finish(db, st, rc, err);
}

static csr_code gather_partners(csr_db *db, csr_report *r, csr_err *err)
{
	sqlite3_stmt *st = period_query(db,
		"SELECT p.name, COUNT(*) FROM initiative i JOIN partner p ON p.id = i.partner_id"
		" WHERE " COUNTED_INITIATIVE " GROUP BY p.id ORDER BY p.name, p.id", r, err);
	if (!st)
		return csr_err_code(err);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (r->partners_total++ >= CSR_REPORT_PARTNERS_MAX)
			continue;
		csr_report_partner *p = &r->partners[r->npartners++];
		clean_column(st, 0, p->name, sizeof p->name);
		p->initiatives = sqlite3_column_int(st, 1);
	}
	return finish(db, st, rc, err);
}

/* The first moment of the comments kept: retention.comments_months
 * calendar months before now (local time), 0 = all of them. */
static int64_t comments_since(const csr_config *cfg)
{
	int months = cfg->retention.comments_months;
	time_t now = (time_t)csr_now();
	struct tm tm;
	if (months <= 0 || !localtime_r(&now, &tm))
		return 0;
	tm.tm_mon -= months;
	tm.tm_isdst = -1;
	time_t since = mktime(&tm);
	return since == (time_t)-1 ? 0 : (int64_t)since;
}

/* The newest comments of the feedback the average rating counts: on
 * initiatives of the period, by someone of the team in a team report; none
 * when the rating is hidden (too few people rated), and none older than
 * retention.comments_months. A team's come from its people's own feedback:
 * read from the period's initiatives, a team's were picked out of
 * everyone's (230 ms for a year at 500,000 volunteers). */
static csr_code gather_comments(csr_db *db, csr_report *r, csr_err *err)
{
	if (r->figures.ratings == 0)
		return CSR_OK;
#define COMMENT_OF_PERIOD \
	" WHERE i.starts_at >= ?1 AND i.starts_at < ?2 AND trim(f.comment) <> ''" \
	" AND f.created_at >= ?5 ORDER BY f.created_at DESC, f.id DESC LIMIT ?4"
	sqlite3_stmt *st = period_query(db, r->team[0]
		? "SELECT f.rating, i.title, f.comment FROM volunteer v"
		  " CROSS JOIN feedback f ON f.volunteer_id = v.id"
		  " CROSS JOIN initiative i ON i.id = f.initiative_id AND v.team = ?3"
		  COMMENT_OF_PERIOD
		: "SELECT f.rating, i.title, f.comment FROM initiative i"
		  " CROSS JOIN feedback f ON f.initiative_id = i.id AND ?3 = ''" COMMENT_OF_PERIOD,
		r, err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int(st, 4, CSR_REPORT_COMMENTS);
	sqlite3_bind_int64(st, 5, comments_since(csr_db_config(db)));
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && r->ncomments < CSR_REPORT_COMMENTS) {
		csr_report_comment *c = &r->comments[r->ncomments++];
		c->rating = sqlite3_column_int(st, 0);
		clean_column(st, 1, c->initiative, sizeof c->initiative);
		clean_column(st, 2, c->text, sizeof c->text);
	}
	return finish(db, st, rc == SQLITE_ROW ? SQLITE_DONE : rc, err);
}

/* ---- figures from metrics.h ---- */

/* Each category's impact totals: the metrics scoped to that category
 * (about initiatives, not people: shown for any category). */
static csr_code category_totals(csr_db *db, csr_report *r, csr_err *err)
{
	csr_figures *f = malloc(sizeof *f);
	if (!f)
		return csr_fail(err, CSR_ENOMEM, "%s", _("Out of memory for the report"));
	csr_code rc = CSR_OK;
	for (int i = 0; rc == CSR_OK && i < r->ncategories; i++) {
		csr_report_category *c = &r->categories[i];
		csr_scope s = { .kind = CSR_SCOPE_CATEGORY };
		csr_copy(s.value, sizeof s.value, c->key);
		rc = csr_metrics_impact(db, &r->period, &s, f, err);
		for (int m = 0; rc == CSR_OK && m < f->nmetrics; m++)
			c->totals[m] = f->metrics[m].total;
		c->has_totals = rc == CSR_OK;
	}
	free(f);
	return rc;
}

static void clean_ranked(csr_ranked *rows, int n)
{
	for (int i = 0; i < n; i++) {
		char label[sizeof rows[i].label];
		clean_text(label, sizeof label, rows[i].label);
		memcpy(rows[i].label, label, sizeof label);
	}
}

static csr_code gather_top(csr_db *db, const csr_scope *s, csr_report *r, csr_err *err)
{
	int hidden = 0;
	csr_code rc = csr_metrics_top(db, &r->period, s, CSR_TOP_INITIATIVES, r->top_initiatives,
				      CSR_REPORT_TOP, &r->ntop_initiatives, &hidden, err);
	r->hidden_rows += hidden;
	if (rc == CSR_OK && !r->team[0])
		rc = csr_metrics_top(db, &r->period, s, CSR_TOP_TEAMS, r->top_teams, CSR_REPORT_TOP,
				     &r->ntop_teams, &hidden, err);
	if (rc == CSR_OK && !r->team[0])
		r->hidden_rows += hidden;
	clean_ranked(r->top_initiatives, r->ntop_initiatives);
	clean_ranked(r->top_teams, r->ntop_teams);
	return rc;
}

/* ---- privacy: the slices of too few people (csrdesk/metrics.h) ---- */

/* The hours by category with their people (csr_metrics_hours_by_category):
 * every category the initiatives use, and the hours tied to none. */
static csr_code read_categories(csr_db *db, const csr_scope *s, const csr_report *r,
				csr_category_hours **cats, int *n, int *hidden, csr_err *err)
{
	int used = 0;
	csr_code rc = csr_metrics_categories_used(db, &used, err);
	if (rc != CSR_OK)
		return rc;
	*cats = calloc((size_t)used + 2, sizeof **cats);
	if (!*cats)
		return csr_fail(err, CSR_ENOMEM, "%s", _("Out of memory for the report"));
	return csr_metrics_hours_by_category(db, &r->period, s, *cats, used + 2, n, hidden, err);
}

/* The categories (and the hours tied to none) of too few people, by
 * csr_metrics_hours_by_category's rule: their hours go (the months never
 * had them: gather_months leaves them out); their initiatives and impact,
 * not about people, stay. */
static void hide_slices(const csr_config *cfg, const csr_category_hours *cats, int n,
			int hidden, csr_report *r)
{
	r->hidden_rows += hidden;
	r->untied_minutes = 0;
	for (int i = 0; i < n; i++) {
		csr_report_category *c = cats[i].key[0] ? category_of(cfg, r, cats[i].key) : NULL;
		if (c && cats[i].hidden) {
			c->hidden = true;
			c->minutes = 0;
		}
		if (!cats[i].key[0]) {
			r->untied_hidden = cats[i].hidden;
			r->untied_minutes = cats[i].minutes; /* 0 when hidden */
		}
	}
}

static csr_code gather_figures(csr_db *db, const csr_scope *s, csr_report *r, csr_err *err)
{
	csr_code rc = csr_metrics_compute(db, &r->period, s, &r->figures, err);
	if (rc != CSR_OK)
		return rc;
	metric_labels(csr_db_config(db), r);
	config_categories(csr_db_config(db), r);
	/* the categories' people are counted once, for the months and the hiding */
	csr_category_hours *cats = NULL;
	int ncats = 0, hidden = 0;
	rc = read_categories(db, s, r, &cats, &ncats, &hidden, err);
	if (rc == CSR_OK)
		rc = gather_months(db, s, cats, ncats, r, err);
	if (rc == CSR_OK)
		rc = count_initiatives(db, r, err);
	if (rc == CSR_OK && !r->team[0])
		rc = category_totals(db, r, err);
	if (rc == CSR_OK)
		hide_slices(csr_db_config(db), cats, ncats, hidden, r);
	free(cats);
	if (rc == CSR_OK)
		rc = gather_top(db, s, r, err);
	return rc;
}

static csr_code gather(csr_db *db, csr_report *r, csr_err *err)
{
	csr_scope s = { .kind = r->team[0] ? CSR_SCOPE_TEAM : CSR_SCOPE_ALL };
	csr_copy(s.value, sizeof s.value, r->team);
	csr_code rc = r->team[0] ? check_team(db, r->team, err) : CSR_OK;
	if (rc == CSR_OK)
		rc = gather_figures(db, &s, r, err);
	if (rc == CSR_OK)
		rc = gather_partners(db, r, err);
	if (rc == CSR_OK)
		rc = gather_comments(db, r, err);
	if (rc == CSR_OK && !r->team[0])
		rc = csr_contribution_compute(db, &r->period, &r->figures, &r->contribution, err);
	r->has_contribution = rc == CSR_OK && !r->team[0];
	return rc;
}

/* ---- one snapshot ---- */

static csr_code start(csr_db *db, const csr_period *period, const char *team, csr_report *r,
		      csr_err *err)
{
	if (!period || period->to <= period->from)
		return csr_fail(err, CSR_EINVAL, "%s", _("The period must end after it starts"));
	if (team && strlen(team) >= sizeof r->team)
		return csr_fail(err, CSR_EINVAL, _("The team name is too long (at most %d bytes)"),
				(int)sizeof r->team - 1);
	r->period = *period;
	snprintf(r->team, sizeof r->team, "%s", team ? team : "");
	clean_text(r->team_title, sizeof r->team_title, r->team);
	r->generated_at = csr_now();
	r->min_group = csr_metrics_min_group(db);
	/* TRANSLATORS: completes "Only team leads may ...". */
	csr_code rc = csr_require_role(db, CSR_ROLE_LEAD, _("read the impact report"), err);
	return rc == CSR_OK ? list_months(r, err) : rc;
}

csr_code csr_report_build(csr_db *db, const csr_period *period, const char *team,
			  csr_report **out, csr_err *err)
{
	*out = NULL;
	csr_report *r = calloc(1, sizeof *r);
	if (!r)
		return csr_fail(err, CSR_ENOMEM, "%s", _("Out of memory for the report"));
	bool own;
	csr_code rc = start(db, period, team, r, err);
	if (rc == CSR_OK && (rc = csr_db_read_begin(db, &own, N_("gathering the report"), err)) == CSR_OK) {
		/* one snapshot: the sections agree while other sessions write */
		rc = gather(db, r, err);
		csr_db_read_end(db, own);
	}
	if (rc != CSR_OK)
		csr_report_free(&r);
	*out = r;
	return rc;
}

void csr_report_free(csr_report **report)
{
	if (!report || !*report)
		return;
	free((*report)->months);
	free(*report);
	*report = NULL;
}

csr_code csr_report_write(const csr_report *report, csr_report_format format, FILE *out,
			  csr_err *err)
{
	return csr_report_write_form(report, format, CSR_CSV_PLAIN, out, err);
}

csr_code csr_report_write_form(const csr_report *report, csr_report_format format,
			       csr_csv_form form, FILE *out, csr_err *err)
{
	switch (format) {
	case CSR_REPORT_TEXT: csr_report_write_text(report, out); break;
	case CSR_REPORT_MD: csr_report_write_md(report, out); break;
	case CSR_REPORT_CSV: csr_report_write_csv(report, form, out); break;
	case CSR_REPORT_HTML: csr_report_write_html(report, out); break;
	case CSR_REPORT_B4SI: csr_report_write_b4si(report, form, out); break;
	default: return csr_fail(err, CSR_EINVAL, _("Unknown report format %d"), (int)format);
	}
	if (fflush(out) != 0 || ferror(out))
		return csr_fail(err, CSR_EIO, "%s", _("Could not write the report"));
	return CSR_OK;
}
