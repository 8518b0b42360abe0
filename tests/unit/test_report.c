/* SPDX-License-Identifier: MIT */
/* The impact report: gathered figures agree with csr_metrics_compute, and
 * each format is read back: text aligned at 80 columns (UTF-8 names
 * included), Markdown tables that user text cannot break, CSV parsed by
 * libcsv, HTML well-formed with every user text escaped and nothing that
 * runs or fetches. Runs in Central European time like test_metrics. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <csv.h>
#include <locale.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "csrdesk/clock.h"
#include "csrdesk/format.h"
#include "csrdesk/metrics.h"
#include "csrdesk/report.h"
#include "csrdesk/text.h"
#include "db_private.h"
#include "testutil.h"

#define EPS 1e-6

/* Text that tries every format's special characters. */
#define TEAM_BLUE "Blue <b>&amp; | *x*"
#define TEAM_RED "=Red,\"x\""
#define CJK_TITLE "Mentoring f\xC3\xBCr Jugendliche \xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E"

/* The fixture, local times (CET/CEST), all in 2025:
 *
 * volunteers  1 Ana, 2 Ben: team TEAM_BLUE    3 Cid, 4 Dora (LEFT): team TEAM_RED
 *             5 Eve (LEFT, did nothing): team "Esc" + an escape sequence
 * partners    1 "Green | *Canopy* & Co <i>"   2 "=HYPERLINK(...)" (a formula)
 * initiatives 1 "Trees <script>..." environment 03-05, partner 1, done
 *             2 "Blood, sweat & tears" health 04-10, partner 2, done
 *             3 CJK_TITLE education 05-20, done
 *             4 Run health 04-20, partner 1, CANCELLED
 *             5 Draft education 06-01, draft       6 Future education 2090
 * places      1: Ana, Cid, Dora attended, Ben no-show   2: Ana attended, Cid confirmed
 *             3: Ben attended
 * hours       Ana 1 180, Cid 1 120, Dora 1 60, Ana 2 90 approved, Ana 2 60 pending,
 *             Ben none 30 (May), Ben 3 45 approved: 525 approved minutes
 * impact      1: trees 150   2: blood 20, raised 1000   4: trees 999 (cancelled)
 * goals       1: trees 100 (met)   2: blood 30 (not met)
 * feedback    1: Ana 5 with markup and a line break, Cid 4 formula-like,
 *             Dora 2 with an escape sequence and 200 x in one word; 2: Ana 3
 *             without comment */
static void fixture(tu_env *env)
{
	const char *names[] = { "Ana", "Ben", "Cid", "Dora", "Eve" };
	for (int i = 0; i < 5; i++) {
		char id[8];
		snprintf(id, sizeof id, "E%d", i + 1);
		assert_int_equal(tu_volunteer(env, id, names[i]), i + 1);
	}
	for (int i = 0; i < 6; i++)
		assert_int_equal(tu_initiative(env, "x", 1, 10), i + 1);
	tu_sql(env,
	    "UPDATE volunteer SET team = '" TEAM_BLUE "' WHERE id IN (1, 2);"
	    "UPDATE volunteer SET team = '=Red,\"x\"' WHERE id IN (3, 4);"
	    "UPDATE volunteer SET team = 'Esc' || char(27) || '[2J', active = 0 WHERE id = 5;"
	    "UPDATE volunteer SET active = 0 WHERE id = 4;"
	    "INSERT INTO partner (id, name) VALUES (1, 'Green | *Canopy* & Co <i>'),"
	    " (2, '=HYPERLINK(\"http://evil.example\")');"
	    "CREATE TEMP TABLE ini (id, title, category, starts, ends, status, partner);"
	    "INSERT INTO ini VALUES"
	    " (1, 'Trees <script>alert(1)</script> & \"more\"', 'environment',"
	    "  '2025-03-05 09:00', '2025-03-05 12:00', 'done', 1),"
	    " (2, 'Blood, sweat & tears', 'health', '2025-04-10 10:00', '2025-04-10 16:00', 'done', 2),"
	    " (3, '" CJK_TITLE "', 'education', '2025-05-20 14:00', '2025-05-20 16:00', 'done', NULL),"
	    " (4, 'Run', 'health', '2025-04-20 10:00', '2025-04-20 12:00', 'cancelled', 1),"
	    " (5, 'Draft', 'education', '2025-06-01 10:00', '2025-06-01 12:00', 'draft', NULL),"
	    " (6, 'Future', 'education', '2090-05-01 10:00', '2090-05-01 12:00', 'open', NULL);"
	    "UPDATE initiative SET (title, category, starts_at, ends_at, status, partner_id) ="
	    " (SELECT title, category, CAST(strftime('%s', starts, 'utc') AS INTEGER),"
	    "  CAST(strftime('%s', ends, 'utc') AS INTEGER), status, partner"
	    "  FROM ini WHERE ini.id = initiative.id);"
	    "INSERT INTO signup (initiative_id, volunteer_id, status, created_at, updated_at) VALUES"
	    " (1, 1, 'attended', 1, 1), (1, 2, 'no-show', 1, 1), (1, 3, 'attended', 1, 1),"
	    " (1, 4, 'attended', 1, 1), (2, 1, 'attended', 1, 1), (2, 3, 'confirmed', 1, 1),"
	    " (3, 2, 'attended', 1, 1);"
	    "CREATE TEMP TABLE h (v, i, day, minutes, status);"
	    "INSERT INTO h VALUES"
	    " (1, 1, '2025-03-05', 180, 'approved'), (3, 1, '2025-03-05', 120, 'approved'),"
	    " (4, 1, '2025-03-05', 60, 'approved'), (1, 2, '2025-04-10', 90, 'approved'),"
	    " (1, 2, '2025-04-10', 60, 'pending'), (2, NULL, '2025-05-01', 30, 'approved'),"
	    " (2, 3, '2025-05-20', 45, 'approved');"
	    "INSERT INTO hours (volunteer_id, initiative_id, worked_on, minutes, status, created_at)"
	    " SELECT v, i, CAST(strftime('%s', day, 'utc') AS INTEGER), minutes, status, 1 FROM h;"
	    "INSERT INTO impact (initiative_id, metric, value, recorded_at) VALUES"
	    " (1, 'trees', 150, 1), (2, 'blood', 20, 1), (2, 'raised', 1000, 1), (4, 'trees', 999, 1);"
	    "INSERT INTO initiative_goal (initiative_id, metric, target) VALUES"
	    " (1, 'trees', 100), (2, 'blood', 30);"
	    "INSERT INTO feedback (initiative_id, volunteer_id, rating, comment, created_at) VALUES"
	    " (1, 1, 5, 'Great <script>alert(''x'')</script> & more' || char(10) || 'second line', 3),"
	    " (1, 3, 4, '=cmd|'' /C calc''!A0, \"quoted\"', 2),"
	    " (1, 4, 2, 'red' || char(27) || '[31m alert, and a comment that goes on about the day,"
	    " the weather, the trees and the people until it needs a few lines: '"
	    " || replace(hex(zeroblob(100)), '0', 'x'), 1),"
	    " (2, 1, 3, '', 4);"
	    "DROP TABLE ini; DROP TABLE h;");
}

/* The fixture's few people would hide most figures, and its comments are
 * from 1970: these tests check the figures' rules, test_privacy the
 * hiding. */
static int setup_fixture(void **state)
{
	tu_setup(state);
	((tu_env *)*state)->cfg->privacy.min_group = 1;
	((tu_env *)*state)->cfg->retention.comments_months = 0;
	fixture(*state);
	return 0;
}

static void assert_no_open_statement(tu_env *env)
{
	sqlite3 *db = csr_db_sqlite(env->db);
	for (sqlite3_stmt *st = sqlite3_next_stmt(db, NULL); st; st = sqlite3_next_stmt(db, st))
		if (sqlite3_stmt_busy(st))
			fail_msg("statement left busy: %s", sqlite3_sql(st));
	assert_true(sqlite3_get_autocommit(db));
}

static csr_report *build(tu_env *env, const char *when, const char *team)
{
	csr_period p = tu_period(when);
	csr_report *r = NULL;
	csr_err err;
	if (csr_report_build(env->db, &p, team, &r, &err) != CSR_OK)
		fail_msg("%s", err.msg);
	assert_no_open_statement(env);
	return r;
}

/* The report in format, as one string (free it). */
static char *render(const csr_report *r, csr_report_format format)
{
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);
	assert_non_null(out);
	csr_err err;
	assert_int_equal(csr_report_write(r, format, out, &err), CSR_OK);
	fclose(out);
	return text;
}

static const csr_report_category *category(const csr_report *r, const char *key)
{
	for (int i = 0; i < r->ncategories; i++)
		if (strcmp(r->categories[i].key, key) == 0)
			return &r->categories[i];
	fail_msg("no category %s in the report", key);
	return NULL;
}

static int metric_index(const csr_report *r, const char *key)
{
	for (int i = 0; i < r->figures.nmetrics; i++)
		if (strcmp(r->figures.metrics[i].key, key) == 0)
			return i;
	fail_msg("no metric %s", key);
	return -1;
}

static void assert_same_figures(const csr_figures *a, const csr_figures *b)
{
	assert_int_equal(a->approved_minutes, b->approved_minutes);
	assert_int_equal(a->pending_minutes, b->pending_minutes);
	assert_int_equal(a->active_volunteers, b->active_volunteers);
	assert_int_equal(a->participants, b->participants);
	assert_int_equal(a->signups, b->signups);
	assert_int_equal(a->attended, b->attended);
	assert_int_equal(a->no_shows, b->no_shows);
	assert_int_equal(a->ratings, b->ratings);
	assert_float_equal(a->rating, b->rating, EPS);
	assert_int_equal(a->nmetrics, b->nmetrics);
	for (int i = 0; i < a->nmetrics; i++) {
		assert_float_equal(a->metrics[i].total, b->metrics[i].total, EPS);
		assert_float_equal(a->metrics[i].goal, b->metrics[i].goal, EPS);
		assert_int_equal(a->metrics[i].goals_met, b->metrics[i].goals_met);
	}
}

/* ---- gathering ---- */

static void test_figures_agree_with_metrics(void **state)
{
	tu_env *env = *state;
	csr_report *r = build(env, "2025", NULL);
	csr_period p = tu_period("2025");
	csr_figures f;
	assert_int_equal(csr_metrics_compute(env->db, &p, NULL, &f, NULL), CSR_OK);
	assert_same_figures(&r->figures, &f);
	assert_int_equal(f.approved_minutes, 525); /* counted by hand, see the fixture */
	assert_int_equal(f.pending_minutes, 60);

	/* Each category's row is the metrics scoped to that category. */
	const char *keys[] = { "environment", "health", "education", "community" };
	int64_t tied = 0;
	for (size_t i = 0; i < 4; i++) {
		csr_scope s = { .kind = CSR_SCOPE_CATEGORY };
		snprintf(s.value, sizeof s.value, "%s", keys[i]);
		assert_int_equal(csr_metrics_compute(env->db, &p, &s, &f, NULL), CSR_OK);
		const csr_report_category *c = category(r, keys[i]);
		assert_int_equal(c->minutes, f.approved_minutes);
		assert_true(c->has_totals);
		for (int m = 0; m < f.nmetrics; m++)
			assert_float_equal(c->totals[m], f.metrics[m].total, EPS);
		tied += c->minutes;
	}
	assert_int_equal(category(r, "environment")->minutes, 360);
	assert_int_equal(category(r, "health")->minutes, 90);
	assert_int_equal(category(r, "education")->minutes, 45);
	/* The cancelled run's 999 trees count nowhere. */
	assert_float_equal(category(r, "environment")->totals[metric_index(r, "trees")], 150, EPS);
	/* Categories and the untied line add up to the approved total. */
	assert_int_equal(r->untied_minutes, 30);
	assert_int_equal(tied + r->untied_minutes, r->figures.approved_minutes);
	csr_report_free(&r);
	assert_null(r);
}

static void test_initiatives_partners_comments(void **state)
{
	tu_env *env = *state;
	csr_report *r = build(env, "2025", NULL);
	/* Neither the cancelled run, nor the draft, nor 2090. */
	assert_int_equal(category(r, "environment")->initiatives, 1);
	assert_int_equal(category(r, "health")->initiatives, 1);
	assert_int_equal(category(r, "education")->initiatives, 1);
	assert_int_equal(r->partners_total, 2);
	assert_int_equal(r->npartners, 2);
	assert_string_equal(r->partners[0].name, "=HYPERLINK(\"http://evil.example\")");
	assert_int_equal(r->partners[1].initiatives, 1); /* the run was cancelled */

	/* Three comments (the empty one is no comment), newest first, each one
	 * safe line: the line break a space, the escape character replaced. */
	assert_int_equal(r->ncomments, 3);
	assert_string_equal(r->comments[0].text,
			    "Great <script>alert('x')</script> & more second line");
	assert_int_equal(r->comments[0].rating, 5);
	assert_int_equal(strncmp(r->comments[2].text, "red?[31m alert, and", 19), 0);
	for (int i = 0; i < r->ncomments; i++)
		assert_true(csr_text_is_safe(r->comments[i].text));

	/* Months: every month of the year, hours tied to initiatives. */
	assert_int_equal(r->nmonths, 12);
	assert_string_equal(r->months[2].month, "2025-03");
	assert_int_equal(r->months[2].minutes, 360);
	assert_int_equal(r->months[4].minutes, 45); /* May: Ben's untied 30 are not here */
	assert_int_equal(r->ntop_initiatives, 3);
	assert_int_equal(r->top_initiatives[0].id, 1);
	assert_int_equal(r->ntop_teams, 2);
	csr_report_free(&r);
}

static void test_team_report(void **state)
{
	tu_env *env = *state;
	csr_report *r = build(env, "2025", TEAM_RED);
	csr_period p = tu_period("2025");
	csr_scope s = { .kind = CSR_SCOPE_TEAM, .value = TEAM_RED };
	csr_figures f;
	assert_int_equal(csr_metrics_compute(env->db, &p, &s, &f, NULL), CSR_OK);
	assert_same_figures(&r->figures, &f);
	assert_int_equal(f.approved_minutes, 180); /* Cid 120 + Dora 60, who left */
	assert_int_equal(r->ntop_teams, 0);
	/* Initiatives the team attended: the trees; Cid's place on 2 is only confirmed. */
	assert_int_equal(category(r, "environment")->initiatives, 1);
	assert_int_equal(category(r, "health")->initiatives, 0);
	assert_false(category(r, "environment")->has_totals);
	assert_int_equal(r->partners_total, 1);
	assert_int_equal(r->ncomments, 2); /* Cid's and Dora's */

	char *text = render(r, CSR_REPORT_TEXT);
	assert_non_null(strstr(text, "team " TEAM_RED));
	assert_non_null(strstr(text, "the team's impact is under Goals"));
	assert_null(strstr(text, "Top teams"));
	free(text);
	csr_report_free(&r);

	/* A team name is shown sanitized in every format. */
	r = build(env, "2025", "Esc\x1b[2J");
	assert_string_equal(r->team_title, "Esc?[2J");
	for (int f = CSR_REPORT_TEXT; f <= CSR_REPORT_HTML; f++) {
		text = render(r, (csr_report_format)f);
		assert_non_null(strstr(text, f == CSR_REPORT_MD ? "Esc?\\[2J" : "Esc?[2J"));
		assert_null(strchr(text, '\x1b'));
		free(text);
	}
	csr_report_free(&r);
}

static void test_refusals(void **state)
{
	tu_env *env = *state;
	csr_period p = tu_period("2025");
	csr_report *r = NULL;
	csr_err err;
	assert_int_equal(csr_report_build(env->db, &p, "Nobody's team", &r, &err), CSR_ENOTFOUND);
	assert_null(r);
	assert_non_null(strstr(err.msg, "Nobody's team"));
	assert_non_null(strstr(err.msg, TEAM_RED)); /* the teams there are */

	tu_act(env, CSR_ROLE_AGENT, 1);
	assert_int_equal(csr_report_build(env->db, &p, NULL, &r, &err), CSR_EDENIED);
	assert_null(r);
	tu_act(env, CSR_ROLE_LEAD, 0);
	assert_int_equal(csr_report_build(env->db, &p, NULL, &r, &err), CSR_OK);
	csr_report_free(&r);
	tu_act(env, CSR_ROLE_ADMIN, 0);

	p = tu_period("1990-01-01..2030-12-31"); /* 41 years */
	assert_int_equal(csr_report_build(env->db, &p, NULL, &r, &err), CSR_EINVAL);
	assert_non_null(strstr(err.msg, "at most 240 months"));
	p.to = p.from;
	assert_int_equal(csr_report_build(env->db, &p, NULL, &r, &err), CSR_EINVAL);
	assert_no_open_statement(env);
}

static void test_formats(void **state)
{
	(void)state;
	static const char *const names[] = { "text", "md", "csv", "html" };
	for (int i = 0; i < 4; i++) {
		csr_report_format f = CSR_REPORT_HTML;
		assert_true(csr_report_format_parse(names[i], &f));
		assert_int_equal(f, i);
		assert_string_equal(csr_report_format_name(f), names[i]);
	}
	csr_report_format f;
	assert_false(csr_report_format_parse("pdf", &f));
	assert_false(csr_report_format_parse("HTML ", &f));
	assert_false(csr_report_format_parse(NULL, &f));
}

/* A full disk is an error, not a short report. */
static void test_write_error(void **state)
{
	tu_env *env = *state;
	csr_report *r = build(env, "2025", NULL);
	FILE *full = fopen("/dev/full", "w");
	assert_non_null(full);
	csr_err err;
	assert_int_equal(csr_report_write(r, CSR_REPORT_HTML, full, &err), CSR_EIO);
	fclose(full);
	csr_report_free(&r);
}

/* ---- text ---- */

/* The line of text that contains needle (a copy, in line). */
static bool line_with(const char *text, const char *needle, char *line, size_t size)
{
	const char *hit = strstr(text, needle);
	if (!hit)
		return false;
	const char *start = hit;
	while (start > text && start[-1] != '\n')
		start--;
	size_t n = strcspn(start, "\n");
	snprintf(line, size, "%.*s", (int)n, start);
	return true;
}

static void test_text(void **state)
{
	tu_env *env = *state;
	csr_report *r = build(env, "2025", NULL);
	char *text = render(r, CSR_REPORT_TEXT);
	char line[512];

	assert_non_null(strstr(text, "CSR impact report 2025\n"));
	assert_non_null(strstr(text, "Period 2025-01-01 to 2025-12-31"));
	assert_true(line_with(text, "Volunteer hours, approved", line, sizeof line));
	assert_string_equal(line + strlen(line) - 5, " 8.75"); /* 525 minutes */
	assert_true(line_with(text, "Volunteer hours, pending", line, sizeof line));
	assert_non_null(strstr(line, " 1  awaiting")); /* 60 minutes: "1", not "1.0" */
	assert_true(line_with(text, "Participants", line, sizeof line));
	assert_non_null(strstr(line, "3  of 3 active volunteers: 100%"));
	assert_true(line_with(text, "Attendance rate", line, sizeof line));
	assert_non_null(strstr(line, "71%  5 attended, 1 no-show")); /* 1 still confirmed */
	assert_true(line_with(text, "No-show rate", line, sizeof line));
	assert_non_null(strstr(line, " 14%")); /* 1 of 7 */
	assert_true(line_with(text, "Average rating", line, sizeof line));
	assert_non_null(strstr(line, "3.5  out of 5, 4 responses"));
	assert_true(line_with(text, "Trees planted", line, sizeof line));
	assert_non_null(strstr(line, "150 trees"));
	assert_non_null(strstr(line, "1 of 1"));
	assert_true(line_with(text, "Blood donations", line, sizeof line));
	assert_non_null(strstr(line, "0 of 1"));
	assert_true(line_with(text, "Health & well-being", line, sizeof line));
	assert_non_null(strstr(line, "20 donations, 1,000 EUR"));
	assert_non_null(strstr(text, "\"Great <script>alert('x')</script> & more second line\""));

	/* Every line fits in 80 columns, and the top initiatives' hours end
	 * in the same column whatever script their titles are in. */
	int hours_end = -1;
	for (char *p = text; *p;) {
		size_t n = strcspn(p, "\n");
		snprintf(line, sizeof line, "%.*s", (int)n, p);
		assert_true(csr_text_width(line) <= 80);
		if (strstr(line, " h") && strstr(line, ". ") && line[n - 1] == 'h') {
			if (hours_end < 0)
				hours_end = csr_text_width(line);
			assert_int_equal(csr_text_width(line), hours_end);
		}
		p += n + (p[n] == '\n');
	}
	assert_true(line_with(text, CJK_TITLE, line, sizeof line));
	assert_int_equal(csr_text_width(line), hours_end);
	/* The long comment is wrapped, its 200-x word split, nothing lost. */
	const char *said = strstr(text, "What volunteers said");
	assert_non_null(said);
	int xs = 0;
	for (const char *p = strstr(said, "xxxx"); p && *p; p++)
		xs += *p == 'x';
	assert_int_equal(xs, 200);
	assert_non_null(strstr(said, "the day, the weather, the\n  trees and the people until it"));
	free(text);
	csr_report_free(&r);
}

/* The hours column grows with its widest figure: a large site's year
 * ("614,330.25" h) was cut to its first nine characters. */
static void test_text_wide_hours(void **state)
{
	tu_env *env = *state;
	csr_report *r = build(env, "2025", NULL);
	r->untied_minutes = 13464435;            /* 224,407.25 h */
	r->figures.approved_minutes = 36859815;  /* 614,330.25 h */
	char *text = render(r, CSR_REPORT_TEXT);
	char line[512];
	assert_true(line_with(text, "Not tied to an initiative", line, sizeof line));
	assert_non_null(strstr(line, " 224,407.25"));
	assert_true(line_with(text, "All approved hours", line, sizeof line));
	assert_non_null(strstr(line, " 614,330.25"));
	assert_true(line_with(text, "Health & well-being", line, sizeof line));
	assert_true(csr_text_width(line) <= 80);
	free(text);
	csr_report_free(&r);
}

/* ---- Markdown ---- */

/* '|' not preceded by a backslash: the cell borders of a table row. */
static int borders(const char *line)
{
	int n = 0;
	for (const char *p = line; *p; p++)
		if (*p == '|' && (p == line || p[-1] != '\\'))
			n++;
	return n;
}

static void test_markdown(void **state)
{
	tu_env *env = *state;
	csr_report *r = build(env, "2025", NULL);
	char *md = render(r, CSR_REPORT_MD);
	assert_non_null(strstr(md, "# CSR impact report 2025\n"));
	assert_non_null(strstr(md, "| Category | Hours | Initiatives | Impact |"));
	assert_non_null(strstr(md, "| Environmental protection | 6 | 1 | 150 trees |"));
	/* User text shows as typed: no tag, no emphasis, no table break. */
	for (const char *p = strchr(md, '<'); p; p = strchr(p + 1, '<'))
		assert_int_equal(p[-1], '\\');
	assert_non_null(strstr(md, "\\<script\\>"));
	assert_non_null(strstr(md, "Green \\| \\*Canopy\\* & Co \\<i\\>"));
	assert_non_null(strstr(md, "Blue \\<b\\>\\&amp; \\| \\*x\\*"));

	/* Every row of a table has as many cells as its header. */
	int want = -1;
	for (char *p = md; *p;) {
		size_t n = strcspn(p, "\n");
		char line[1024];
		snprintf(line, sizeof line, "%.*s", (int)n, p);
		if (line[0] != '|')
			want = -1;
		else if (want < 0)
			want = borders(line);
		else
			assert_int_equal(borders(line), want);
		p += n + (p[n] == '\n');
	}
	free(md);
	csr_report_free(&r);
}

/* ---- CSV ---- */

enum { MAX_ROWS = 256, MAX_FIELDS = 16 };

typedef struct parsed {
	char *cells[MAX_ROWS][MAX_FIELDS];
	int nfields[MAX_ROWS];
	int nrows;
} parsed;

static void on_field(void *data, size_t len, void *arg)
{
	parsed *p = arg;
	assert_true(p->nrows < MAX_ROWS && p->nfields[p->nrows] < MAX_FIELDS);
	p->cells[p->nrows][p->nfields[p->nrows]++] = strndup(data ? data : "", len);
}

static void on_record(int c, void *arg)
{
	(void)c;
	parsed *p = arg;
	/* An empty line between sections is one empty field. */
	if (p->nfields[p->nrows] == 1 && p->cells[p->nrows][0][0] == '\0') {
		free(p->cells[p->nrows][0]);
		p->nfields[p->nrows] = 0;
		return;
	}
	if (p->nfields[p->nrows] > 0)
		p->nrows++;
}

static void parse_csv(const char *text, parsed *out)
{
	memset(out, 0, sizeof *out);
	struct csv_parser parser;
	assert_int_equal(csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL), 0);
	size_t n = strlen(text);
	if (csv_parse(&parser, text, n, on_field, on_record, out) != n)
		fail_msg("the CSV does not parse: %s", csv_strerror(csv_error(&parser)));
	assert_int_equal(csv_fini(&parser, on_field, on_record, out), 0);
	csv_free(&parser);
}

static void free_parsed(parsed *p)
{
	for (int r = 0; r < MAX_ROWS; r++)
		for (int f = 0; f < p->nfields[r]; f++)
			free(p->cells[r][f]);
}

/* The row of section whose first cell is key (after the section's header). */
static char **csv_row(parsed *p, const char *section, const char *key, int *nfields)
{
	int r = 0;
	while (r < p->nrows && !(strcmp(p->cells[r][0], "section") == 0 &&
				 p->nfields[r] == 2 && strcmp(p->cells[r][1], section) == 0))
		r++;
	for (r += 1; r < p->nrows && strcmp(p->cells[r][0], "section") != 0; r++)
		if (strcmp(p->cells[r][0], key) == 0) {
			*nfields = p->nfields[r];
			return p->cells[r];
		}
	fail_msg("no row %s in section %s", key, section);
	return NULL;
}

static void test_csv(void **state)
{
	tu_env *env = *state;
	csr_report *r = build(env, "2025", NULL);
	char *csv = render(r, CSR_REPORT_CSV);
	/* RFC 4180: every line ends with CRLF. */
	for (const char *p = strchr(csv, '\n'); p; p = strchr(p + 1, '\n'))
		assert_int_equal(p[-1], '\r');
	parsed *p = calloc(1, sizeof *p);
	parse_csv(csv, p);
	int n;
	char **row = csv_row(p, "totals", "approved_hours", &n);
	assert_string_equal(row[1], "8.75");
	row = csv_row(p, "totals", "participants", &n);
	assert_string_equal(row[1], "3");
	row = csv_row(p, "totals", "average_rating", &n);
	assert_string_equal(row[1], "3.50");
	row = csv_row(p, "categories", "category", &n); /* the header */
	assert_int_equal(n, 4 + r->figures.nmetrics);
	row = csv_row(p, "categories", "health", &n);
	assert_string_equal(row[2], "1.50");
	assert_string_equal(row[4 + metric_index(r, "raised")], "1000");
	row = csv_row(p, "goals", "trees", &n);
	assert_string_equal(row[3], "150");
	assert_string_equal(row[6], "1");
	/* Formula-looking text is neutralized and reads back with its ' */
	row = csv_row(p, "top_teams", "2", &n);
	assert_string_equal(row[1], "'" TEAM_RED);
	row = csv_row(p, "partners", "'=HYPERLINK(\"http://evil.example\")", &n);
	assert_string_equal(row[1], "1");
	row = csv_row(p, "comments", "4", &n);
	assert_string_equal(row[2], "'=cmd|' /C calc'!A0, \"quoted\"");
	row = csv_row(p, "top_initiatives", "3", &n);
	assert_string_equal(row[2], CJK_TITLE);
	free_parsed(p);
	free(p);
	free(csv);
	csr_report_free(&r);
}

/* ---- HTML ---- */

/* Attributes name="value" from a up to the tag's end; NULL or what is wrong. */
static const char *attributes_problem(const char *a, const char *end)
{
	for (;;) {
		a += strspn(a, " \n");
		if (a >= end || *a == '/' || *a == '>')
			return NULL;
		size_t n = strcspn(a, "= />");
		if (n == 0 || a[n] != '=' || a[n + 1] != '"')
			return "an attribute value without quotes";
		const char *close = strchr(a + n + 2, '"');
		if (!close || close > end)
			return "an attribute value that never ends";
		if (memchr(a + n + 2, '<', (size_t)(close - a - n - 2)))
			return "a '<' inside an attribute value";
		a = close + 1;
	}
}

/* A small XML well-formedness check: tags nest and close, attribute
 * values are quoted, every '&' starts an entity XML knows, no '<' in
 * text. Returns NULL or what is wrong. */
static const char *xml_problem(const char *s)
{
	static char why[128];
	char stack[64][32];
	int depth = 0;
	for (const char *p = s; *p; p++) {
		if (*p == '&') {
			static const char *const ok[] = { "&amp;", "&lt;", "&gt;", "&quot;", "&#39;" };
			bool known = false;
			for (int i = 0; i < 5; i++)
				known |= strncmp(p, ok[i], strlen(ok[i])) == 0;
			if (!known)
				return "an '&' that is no XML entity";
			continue;
		}
		if (*p != '<')
			continue;
		const char *end = strchr(p, '>');
		if (!end)
			return "a tag that never ends";
		if (strncmp(p, "<!DOCTYPE html>", 15) == 0) {
			p = end;
			continue;
		}
		bool closing = p[1] == '/', empty = end[-1] == '/';
		const char *name = p + 1 + closing;
		size_t n = strcspn(name, " />");
		if (n == 0 || n >= 32)
			return "a '<' that starts no tag";
		const char *bad = attributes_problem(name + n, end);
		if (bad)
			return bad;
		if (closing) {
			if (depth == 0 || strncmp(stack[depth - 1], name, n) != 0 ||
			    stack[depth - 1][n] != '\0') {
				snprintf(why, sizeof why, "</%.*s> closes nothing open", (int)n, name);
				return why;
			}
			depth--;
		} else if (!empty) {
			if (depth == 64)
				return "nested too deep";
			snprintf(stack[depth++], sizeof stack[0], "%.*s", (int)n, name);
		}
		p = end;
	}
	return depth == 0 ? NULL : "an element that is never closed";
}

static void assert_html_safe(const char *html)
{
	const char *why = xml_problem(html);
	if (why)
		fail_msg("the HTML is not well-formed: %s", why);
	/* Nothing runs and nothing is fetched. */
	static const char *const banned[] = { "<script", "src=", "href=", "url(", "@import",
					      "<link", "<img", "<iframe", "<object", "<embed",
					      "javascript:", " on" /* onload= ... */ };
	for (size_t i = 0; i < sizeof banned / sizeof banned[0]; i++)
		if (strcasestr(html, banned[i]) && strcmp(banned[i], " on") != 0)
			fail_msg("the HTML has %s", banned[i]);
	for (const char *p = strcasestr(html, " on"); p; p = strcasestr(p + 1, " on")) {
		size_t n = strspn(p + 3, "abcdefghijklmnopqrstuvwxyz");
		if (n > 0 && p[3 + n] == '=')
			fail_msg("the HTML has an event handler: %.20s", p);
	}
}

static void test_html(void **state)
{
	tu_env *env = *state;
	csr_report *r = build(env, "2025", NULL);
	char *html = render(r, CSR_REPORT_HTML);
	assert_html_safe(html);
	assert_int_equal(strncmp(html, "<!DOCTYPE html>\n<html lang=\"en\">", 32), 0);
	/* Two charts, bars per category and per month. */
	assert_non_null(strstr(html, "<svg width=\"640\""));
	assert_non_null(strstr(html, "aria-labelledby=\"chart-categories\""));
	assert_non_null(strstr(html, "aria-labelledby=\"chart-months\""));
	/* Every user text escaped. */
	assert_non_null(strstr(html, "Trees &lt;script&gt;alert(1)&lt;/script&gt; &amp;"
				     " &quot;more&quot;"));
	assert_non_null(strstr(html, "Great &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
	assert_non_null(strstr(html, "Green | *Canopy* &amp; Co &lt;i&gt;"));
	assert_non_null(strstr(html, "Blue &lt;b&gt;&amp;amp; | *x*"));
	assert_non_null(strstr(html, CJK_TITLE));
	assert_non_null(strstr(html, "<td class=\"n\">8.75</td>")); /* the approved total */
	free(html);
	csr_report_free(&r);
}

/* ---- the number style ---- */

/* A style (as issue 12's German one will be) changes the reports people
 * read and leaves the CSV for machines byte for byte as it was. */
static void test_style(void **state)
{
	tu_env *env = *state;
	csr_report *r = build(env, "2025", NULL);
	char *csv = render(r, CSR_REPORT_CSV);
	csr_fmt_style style = csr_fmt_english;
	strcpy(style.decimal_mark, ",");
	strcpy(style.group_mark, ".");
	strcpy(style.date_pattern, "%d.%m.%Y");
	assert_int_equal(csr_fmt_set_style(&style, NULL), CSR_OK);
	char *csv_styled = render(r, CSR_REPORT_CSV);
	char *text = render(r, CSR_REPORT_TEXT);
	char *html = render(r, CSR_REPORT_HTML);
	char *md = render(r, CSR_REPORT_MD);
	assert_int_equal(csr_fmt_set_style(NULL, NULL), CSR_OK);
	assert_string_equal(csv_styled, csv);
	char line[512];
	assert_true(line_with(text, "Volunteer hours, approved", line, sizeof line));
	assert_string_equal(line + strlen(line) - 5, " 8,75");
	assert_non_null(strstr(text, "Period 01.01.2025 to 31.12.2025"));
	assert_true(line_with(text, "Health & well-being", line, sizeof line));
	assert_non_null(strstr(line, "20 donations, 1.000 EUR"));
	assert_non_null(strstr(html, "<td class=\"n\">8,75</td>"));
	assert_non_null(strstr(md, "| Health & well-being | 1,5 |"));
	free(csv);
	free(csv_styled);
	free(text);
	free(html);
	free(md);
	csr_report_free(&r);
}

/* ---- an empty database ---- */

static void test_empty_database(void **state)
{
	tu_env *env = *state;
	csr_report *r = build(env, "2025-Q2", NULL);
	assert_int_equal(r->figures.active_volunteers, 0);
	assert_int_equal(r->nmonths, 3);
	assert_int_equal(r->partners_total + r->ncomments + r->ntop_initiatives, 0);
	char *text = render(r, CSR_REPORT_TEXT);
	assert_non_null(strstr(text, "No approved hours in this period."));
	assert_non_null(strstr(text, "No impact recorded and no goals set"));
	char line[64];
	snprintf(line, sizeof line, "  %-30s%12s", "Average rating", "-");
	assert_non_null(strstr(text, line));
	assert_null(strstr(text, "What volunteers said"));
	free(text);
	char *html = render(r, CSR_REPORT_HTML);
	assert_html_safe(html);
	assert_null(strstr(html, "<svg width=\"640\"")); /* no empty charts */
	free(html);
	char *csv = render(r, CSR_REPORT_CSV);
	parsed *p = calloc(1, sizeof *p);
	parse_csv(csv, p);
	int n;
	assert_string_equal(csv_row(p, "totals", "participation_percent", &n)[1], "0.0");
	free_parsed(p);
	free(p);
	free(csv);
	free(render(r, CSR_REPORT_MD));
	csr_report_free(&r);
}

/* The report's CSV in German Excel's form: the byte order mark, then the
 * same blocks with ';'. */
static void test_csv_excel(void **state)
{
	tu_env *env = *state;
	csr_report *r = build(env, "2025", NULL);
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);
	assert_non_null(out);
	csr_err err;
	assert_int_equal(csr_report_write_form(r, CSR_REPORT_CSV, CSR_CSV_EXCEL, out, &err), CSR_OK);
	fclose(out);
	assert_memory_equal(text, "\xEF\xBB\xBF" "section;report\r\ntitle;", 25);
	assert_non_null(strstr(text, "\r\n\r\nsection;totals\r\nfigure;value\r\napproved_hours;"));
	assert_non_null(strstr(text, "\r\nsection;goals\r\nmetric;title;unit;total;goal;goals_set;"
				     "goals_met\r\n"));
	assert_null(strstr(text, "section,"));
	for (const char *p = strchr(text, '\n'); p; p = strchr(p + 1, '\n'))
		assert_int_equal(p[-1], '\r');
	free(text);
	csr_report_free(&r);
}

int main(void)
{
	setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3", 1);
	tzset();
	/* Display widths of UTF-8 names need a UTF-8 locale. */
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		fprintf(stderr, "test_report: no C.UTF-8 locale; widths count characters\n");
	const struct CMUnitTest fixture_tests[] = {
		cmocka_unit_test(test_figures_agree_with_metrics),
		cmocka_unit_test(test_initiatives_partners_comments),
		cmocka_unit_test(test_team_report),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_write_error),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_text_wide_hours),
		cmocka_unit_test(test_markdown),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_csv_excel),
		cmocka_unit_test(test_html),
		cmocka_unit_test(test_style),
	};
	const struct CMUnitTest empty_tests[] = {
		cmocka_unit_test(test_empty_database),
	};
	int failed = cmocka_run_group_tests_name("report", fixture_tests, setup_fixture,
						 tu_teardown);
	return failed + cmocka_run_group_tests_name("report, empty database", empty_tests,
						    tu_setup, tu_teardown);
}
