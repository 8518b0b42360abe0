/* SPDX-License-Identifier: MIT */
/* Hours: logging by agents and leads, the checks, decisions and lists. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "csrdesk/clock.h"
#include "csrdesk/format.h"
#include "csrdesk/hours.h"
#include "testutil.h"

static void expect_err(csr_code rc, const csr_err *err, csr_code code, const char *needle)
{
	assert_int_equal(rc, code);
	assert_int_equal(err->code, code);
	if (!strstr(err->msg, needle))
		fail_msg("message '%s' does not say '%s'", err->msg, needle);
}

static csr_hours entry(int64_t volunteer_id, int minutes)
{
	return (csr_hours){ .volunteer_id = volunteer_id, .worked_on = csr_now() - 86400,
			    .minutes = minutes, .note = "sorting donations" };
}

/* Local midnight days_ahead days from today. */
static int64_t midnight(int days_ahead)
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	tm = (struct tm){ .tm_year = tm.tm_year, .tm_mon = tm.tm_mon,
			  .tm_mday = tm.tm_mday + days_ahead, .tm_isdst = -1 };
	return (int64_t)mktime(&tm);
}

static void test_status_names(void **state)
{
	(void)state;
	assert_string_equal(csr_hours_status_name(CSR_HOURS_PENDING), "pending");
	assert_string_equal(csr_hours_status_name(CSR_HOURS_APPROVED), "approved");
	assert_string_equal(csr_hours_status_name(CSR_HOURS_REJECTED), "rejected");
	/* For people: the same words in English. */
	for (int s = CSR_HOURS_PENDING; s <= CSR_HOURS_REJECTED; s++)
		assert_string_equal(csr_hours_status_label((csr_hours_status)s),
				    csr_hours_status_name((csr_hours_status)s));
}

static void test_agent_logs_own_hours_pending(void **state)
{
	tu_env *env = *state;
	int64_t me = tu_volunteer(env, "E1", "Ada");
	tu_act(env, CSR_ROLE_AGENT, me);
	csr_hours h = entry(me, 90);
	h.status = CSR_HOURS_APPROVED; /* an agent cannot approve their own */
	csr_err err;
	assert_int_equal(csr_hours_log(env->db, &h, &err), CSR_OK);
	assert_true(h.id > 0);
	assert_int_equal(h.status, CSR_HOURS_PENDING);
	assert_int_equal(h.decided_by, 0);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM hours WHERE status = 'pending'"
			       " AND decided_by IS NULL AND decided_at IS NULL AND minutes = 90"
			       " AND note = 'sorting donations' AND initiative_id IS NULL"), 1);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit WHERE action = 'hours.log'"
			       " AND entity = 'hours' AND actor = 'test:agent'"
			       " AND detail LIKE '90 minutes%pending%'"), 1);
}

/* The audit log is a record: its details read the same whatever the
 * language of the person who wrote them (ISO dates, not 12.12.2026). */
static void test_audit_detail_in_machine_form(void **state)
{
	tu_env *env = *state;
	int64_t me = tu_volunteer(env, "E1", "Ada");
	tu_act(env, CSR_ROLE_AGENT, me);
	assert_int_equal(csr_fmt_set_style(&csr_fmt_german, NULL), CSR_OK);
	csr_hours h = entry(me, 90);
	csr_err err;
	csr_code rc = csr_hours_log(env->db, &h, &err);
	csr_fmt_set_style(NULL, NULL);
	assert_int_equal(rc, CSR_OK);
	char iso[CSR_TIME_TEXT_MAX], sql[256];
	csr_date_format_machine(h.worked_on, iso, sizeof iso);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE action = 'hours.log'"
		 " AND detail LIKE '%% on %s for volunteer%%'", iso);
	assert_int_equal(tu_scalar(env, sql), 1);
}

static void test_agent_refused_for_someone_else(void **state)
{
	tu_env *env = *state;
	int64_t me = tu_volunteer(env, "E1", "Ada");
	int64_t other = tu_volunteer(env, "E2", "Bea");
	tu_act(env, CSR_ROLE_AGENT, me);
	csr_hours h = entry(other, 60);
	csr_err err;
	expect_err(csr_hours_log(env->db, &h, &err), &err, CSR_EDENIED, "only do this for yourself");
	/* an agent with no volunteer record is nobody's self */
	tu_act(env, CSR_ROLE_AGENT, 0);
	h = entry(me, 60);
	expect_err(csr_hours_log(env->db, &h, &err), &err, CSR_EDENIED, "yourself");
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM hours"), 0);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit"), 0);
}

static void test_lead_logs_approved(void **state)
{
	tu_env *env = *state;
	int64_t lead = tu_volunteer(env, "L1", "Lead Lee");
	int64_t ada = tu_volunteer(env, "E1", "Ada");
	tu_act(env, CSR_ROLE_LEAD, lead);
	csr_hours h = entry(ada, 120);
	csr_err err;
	int64_t before = csr_now();
	assert_int_equal(csr_hours_log(env->db, &h, &err), CSR_OK);
	assert_int_equal(h.status, CSR_HOURS_APPROVED);
	assert_int_equal(h.decided_by, lead);
	assert_true(h.decided_at >= before && h.decided_at <= csr_now());
	char sql[200];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM hours WHERE status = 'approved'"
		 " AND decided_by = %lld AND decided_at >= %lld", (long long)lead, (long long)before);
	assert_int_equal(tu_scalar(env, sql), 1);

	/* a lead with no volunteer record approves with decided_by NULL */
	tu_act(env, CSR_ROLE_ADMIN, 0);
	h = entry(ada, 30);
	assert_int_equal(csr_hours_log(env->db, &h, &err), CSR_OK);
	assert_int_equal(h.decided_by, 0);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM hours WHERE status = 'approved'"
			       " AND decided_by IS NULL AND decided_at IS NOT NULL"), 1);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit WHERE action = 'hours.log'"), 2);
}

static void test_minutes_range(void **state)
{
	tu_env *env = *state;
	int64_t ada = tu_volunteer(env, "E1", "Ada");
	csr_err err;
	int bad[] = { 0, -5, CSR_HOURS_MAX_MINUTES + 1 };
	for (size_t i = 0; i < 3; i++) {
		csr_hours h = entry(ada, bad[i]);
		expect_err(csr_hours_log(env->db, &h, &err), &err, CSR_EINVAL,
			   "Minutes must be a whole number from 1 to 1440");
	}
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM hours"), 0);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit"), 0);
	csr_hours h = entry(ada, 1);
	assert_int_equal(csr_hours_log(env->db, &h, &err), CSR_OK);
	h = entry(ada, CSR_HOURS_MAX_MINUTES);
	assert_int_equal(csr_hours_log(env->db, &h, &err), CSR_OK);
}

static void test_worked_on_not_in_the_future(void **state)
{
	tu_env *env = *state;
	int64_t ada = tu_volunteer(env, "E1", "Ada");
	csr_err err;
	csr_hours h = entry(ada, 60);
	h.worked_on = csr_now(); /* today is fine */
	assert_int_equal(csr_hours_log(env->db, &h, &err), CSR_OK);
	h = entry(ada, 60);
	h.worked_on = midnight(1) - 1; /* the last second of today */
	assert_int_equal(csr_hours_log(env->db, &h, &err), CSR_OK);
	h = entry(ada, 60);
	h.worked_on = midnight(1); /* tomorrow */
	expect_err(csr_hours_log(env->db, &h, &err), &err, CSR_EINVAL,
		   "Date worked cannot be in the future");
	h.worked_on = 0;
	expect_err(csr_hours_log(env->db, &h, &err), &err, CSR_EINVAL, "Date worked is required");
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM hours"), 2);
}

static void test_references_must_exist(void **state)
{
	tu_env *env = *state;
	int64_t ada = tu_volunteer(env, "E1", "Ada");
	int64_t trees = tu_initiative(env, "Tree planting", -48, 10);
	csr_err err;
	csr_hours h = entry(ada, 60);
	h.initiative_id = trees + 100;
	expect_err(csr_hours_log(env->db, &h, &err), &err, CSR_ENOTFOUND, "There is no initiative");
	h = entry(ada + 100, 60);
	expect_err(csr_hours_log(env->db, &h, &err), &err, CSR_ENOTFOUND, "There is no volunteer");
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM hours"), 0);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit"), 0);
	h = entry(ada, 60);
	h.initiative_id = trees;
	assert_int_equal(csr_hours_log(env->db, &h, &err), CSR_OK);
	assert_int_equal(tu_scalar(env, "SELECT initiative_id FROM hours"), trees);
}

static void test_note_too_long(void **state)
{
	tu_env *env = *state;
	csr_hours h = entry(tu_volunteer(env, "E1", "Ada"), 60);
	memset(h.note, 'n', sizeof h.note);
	csr_err err;
	expect_err(csr_hours_log(env->db, &h, &err), &err, CSR_EINVAL, "Note is too long");
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM hours"), 0);
}

static int64_t log_pending(tu_env *env, int64_t vid, int minutes)
{
	csr_actor keep = *csr_db_actor(env->db);
	tu_act(env, CSR_ROLE_AGENT, vid);
	csr_hours h = entry(vid, minutes);
	csr_err err;
	assert_int_equal(csr_hours_log(env->db, &h, &err), CSR_OK);
	csr_db_set_actor(env->db, &keep);
	return h.id;
}

static void test_decide(void **state)
{
	tu_env *env = *state;
	int64_t lead = tu_volunteer(env, "L1", "Lead Lee");
	int64_t ada = tu_volunteer(env, "E1", "Ada");
	int64_t a = log_pending(env, ada, 60), b = log_pending(env, ada, 30);
	tu_act(env, CSR_ROLE_LEAD, lead);
	csr_err err;
	assert_int_equal(csr_hours_decide(env->db, a, true, &err), CSR_OK);
	assert_int_equal(csr_hours_decide(env->db, b, false, &err), CSR_OK);
	char sql[200];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM hours WHERE id = %lld AND status ="
		 " 'approved' AND decided_by = %lld AND decided_at > 0", (long long)a, (long long)lead);
	assert_int_equal(tu_scalar(env, sql), 1);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM hours WHERE id = %lld AND status ="
		 " 'rejected' AND decided_by = %lld", (long long)b, (long long)lead);
	assert_int_equal(tu_scalar(env, sql), 1);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit WHERE action = 'hours.approve'"), 1);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit WHERE action = 'hours.reject'"), 1);

	/* decided hours stay decided */
	expect_err(csr_hours_decide(env->db, a, false, &err), &err, CSR_EREFUSED,
		   "These hours were already approved");
	expect_err(csr_hours_decide(env->db, b, true, &err), &err, CSR_EREFUSED, "already rejected");
	expect_err(csr_hours_decide(env->db, b + 50, true, &err), &err, CSR_ENOTFOUND,
		   "There are no hours");
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit WHERE action LIKE 'hours.%'"), 4);
}

static void test_decide_refused_to_agents(void **state)
{
	tu_env *env = *state;
	int64_t ada = tu_volunteer(env, "E1", "Ada");
	int64_t id = log_pending(env, ada, 60);
	tu_act(env, CSR_ROLE_AGENT, ada);
	csr_err err;
	expect_err(csr_hours_decide(env->db, id, true, &err), &err, CSR_EDENIED, "Only team leads");
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM hours WHERE status = 'pending'"), 1);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit WHERE action = 'hours.approve'"), 0);
}

static void test_list_per_volunteer_newest_first(void **state)
{
	tu_env *env = *state;
	int64_t ada = tu_volunteer(env, "E1", "Ada");
	int64_t bea = tu_volunteer(env, "E2", "Bea");
	int64_t trees = tu_initiative(env, "Tree planting", -72, 10);
	csr_err err;
	for (int day = 5; day >= 1; day--) { /* logged oldest first */
		csr_hours h = entry(ada, day * 10);
		h.worked_on = csr_now() - day * 86400;
		h.initiative_id = day == 3 ? trees : 0;
		assert_int_equal(csr_hours_log(env->db, &h, &err), CSR_OK);
	}
	csr_hours other = entry(bea, 15);
	assert_int_equal(csr_hours_log(env->db, &other, &err), CSR_OK);

	csr_hours rows[3];
	int n;
	assert_int_equal(csr_hours_list(env->db, ada, 0, rows, 3, &n, &err), CSR_OK);
	assert_int_equal(n, 3);
	assert_int_equal(rows[0].minutes, 10); /* yesterday */
	assert_int_equal(rows[1].minutes, 20);
	assert_int_equal(rows[2].minutes, 30);
	assert_string_equal(rows[0].name, "Ada");
	assert_string_equal(rows[0].title, "");
	assert_string_equal(rows[2].title, "Tree planting");
	assert_int_equal(rows[2].initiative_id, trees);
	assert_int_equal(rows[2].status, CSR_HOURS_APPROVED);
	assert_string_equal(rows[2].note, "sorting donations");
	assert_int_equal(csr_hours_list(env->db, ada, 3, rows, 3, &n, &err), CSR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].minutes, 40);
	assert_int_equal(rows[1].minutes, 50);
}

static void test_list_pending_of_everyone(void **state)
{
	tu_env *env = *state;
	int64_t ada = tu_volunteer(env, "E1", "Ada");
	int64_t bea = tu_volunteer(env, "E2", "Bea");
	log_pending(env, ada, 11);
	int64_t decided = log_pending(env, bea, 22);
	log_pending(env, bea, 33);
	csr_err err;
	assert_int_equal(csr_hours_decide(env->db, decided, true, &err), CSR_OK);
	csr_hours approved = entry(ada, 44); /* logged by the admin: approved */
	assert_int_equal(csr_hours_log(env->db, &approved, &err), CSR_OK);

	csr_hours rows[8];
	int n;
	assert_int_equal(csr_hours_list(env->db, 0, 0, rows, 8, &n, &err), CSR_OK);
	assert_int_equal(n, 2);
	/* the same day for all: the later entry comes first */
	assert_int_equal(rows[0].minutes, 33);
	assert_string_equal(rows[0].name, "Bea");
	assert_int_equal(rows[1].minutes, 11);
	assert_string_equal(rows[1].name, "Ada");
	assert_int_equal(rows[0].status, CSR_HOURS_PENDING);
	assert_int_equal(rows[1].status, CSR_HOURS_PENDING);
}

/* ---- keyset pages ---- */

enum { DAY = 86400, D = 1750000000 }; /* a day in the past */

/* Inserts hours with their id as plain SQL, so that days tie as wanted. */
static void hours_row(tu_env *env, int64_t id, int64_t volunteer, int64_t worked_on,
		      const char *status, int minutes)
{
	tu_sqlf(env, "INSERT INTO hours (id, volunteer_id, worked_on, minutes, status, created_at)"
		" VALUES (%lld, %lld, %lld, %d, '%s', 1)", (long long)id, (long long)volunteer,
		(long long)worked_on, minutes, status);
}

typedef struct hours_list {
	csr_db *db;
	csr_hours_query q;
} hours_list;

static csr_code fetch_hours(void *ctx, const void *after, bool backward, void *rows, int max,
			    int *n, csr_err *err)
{
	hours_list *l = ctx;
	return csr_hours_page(l->db, &l->q, after, backward, rows, max, n, err);
}

static int64_t hours_id_of(const void *row)
{
	return ((const csr_hours *)row)->id;
}

static const tu_source hours_source = { sizeof(csr_hours), fetch_hours, hours_id_of };

/* Ada's and Bea's hours, three of them on day D: ids 1..8. */
static void two_people(tu_env *env, int64_t *ada, int64_t *bea)
{
	*ada = tu_volunteer(env, "E1", "Ada");
	*bea = tu_volunteer(env, "E2", "Bea");
	hours_row(env, 1, *ada, D, "approved", 10);
	hours_row(env, 2, *bea, D, "pending", 20);
	hours_row(env, 3, *ada, D + DAY, "pending", 30);
	hours_row(env, 4, *ada, D, "pending", 40);
	hours_row(env, 5, *bea, D + DAY, "approved", 50);
	hours_row(env, 6, *ada, D, "rejected", 60);
	hours_row(env, 7, *bea, D - DAY, "pending", 70);
	hours_row(env, 8, *ada, D + 2 * DAY, "approved", 80);
}

static void expect_count(tu_env *env, const csr_hours_query *q, int64_t want)
{
	int64_t count = -1;
	assert_int_equal(csr_hours_count(env->db, q, &count, NULL), CSR_OK);
	assert_int_equal(count, want);
}

/* Newest first, ties on the day by id (newest first too), in each of the
 * four filters, read in pages of every size both ways. */
static void test_page_filters(void **state)
{
	tu_env *env = *state;
	int64_t ada, bea;
	two_people(env, &ada, &bea);
	const struct {
		csr_hours_query q;
		int64_t want[8];
		int n;
	} cases[] = {
		{ { 0, false }, { 8, 5, 3, 6, 4, 2, 1, 7 }, 8 },
		{ { 0, true }, { 3, 4, 2, 7 }, 4 },
		{ { ada, false }, { 8, 3, 6, 4, 1 }, 5 },
		{ { ada, true }, { 3, 4 }, 2 },
		{ { bea, true }, { 2, 7 }, 2 },
	};
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		hours_list l = { env->db, cases[c].q };
		for (int page = 1; page <= 9; page++)
			tu_assert_pages(&hours_source, &l, page, cases[c].want, cases[c].n);
		expect_count(env, &cases[c].q, cases[c].n);
	}
	/* no query: all of everyone's */
	csr_hours rows[8];
	int n = 0;
	assert_int_equal(csr_hours_page(env->db, NULL, NULL, false, rows, 8, &n, NULL), CSR_OK);
	assert_int_equal(n, 8);
	expect_count(env, NULL, 8);
}

static void test_page_empty_and_rows(void **state)
{
	tu_env *env = *state;
	int64_t ada, bea;
	two_people(env, &ada, &bea);
	int64_t cy = tu_volunteer(env, "E3", "Cy");
	hours_list l = { env->db, { cy, false } };
	tu_assert_pages(&hours_source, &l, 3, NULL, 0);
	expect_count(env, &l.q, 0);

	int64_t trees = tu_initiative(env, "Tree planting", -72, 10);
	tu_sqlf(env, "UPDATE hours SET initiative_id = %lld, note = 'digging' WHERE id = 4",
		(long long)trees);
	csr_hours rows[2];
	int n = 0;
	csr_hours_query q = { ada, true };
	assert_int_equal(csr_hours_page(env->db, &q, NULL, false, rows, 2, &n, NULL), CSR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(rows[1].id, 4);
	assert_string_equal(rows[1].name, "Ada");
	assert_string_equal(rows[1].title, "Tree planting");
	assert_string_equal(rows[1].note, "digging");
	assert_int_equal(rows[1].worked_on, D);
	assert_int_equal(rows[1].minutes, 40);
	assert_int_equal(rows[1].status, CSR_HOURS_PENDING);
	assert_string_equal(rows[0].title, ""); /* tied to no initiative */
}

static void test_get(void **state)
{
	tu_env *env = *state;
	int64_t ada, bea;
	two_people(env, &ada, &bea);
	int64_t run = tu_initiative(env, "Charity run", -48, 10);
	tu_sqlf(env, "UPDATE hours SET initiative_id = %lld WHERE id = 5", (long long)run);
	csr_hours h;
	csr_err err;
	assert_int_equal(csr_hours_get(env->db, 5, &h, &err), CSR_OK);
	assert_int_equal(h.id, 5);
	assert_int_equal(h.volunteer_id, bea);
	assert_int_equal(h.initiative_id, run);
	assert_string_equal(h.name, "Bea");
	assert_string_equal(h.title, "Charity run");
	assert_int_equal(h.worked_on, D + DAY);
	assert_int_equal(h.status, CSR_HOURS_APPROVED);
	expect_err(csr_hours_get(env->db, 99, &h, &err), &err, CSR_ENOTFOUND,
		   "There are no hours 99");
}

/* Approved and pending minutes from a day on; rejected ones and other
 * people's never count. */
static void test_totals(void **state)
{
	tu_env *env = *state;
	int64_t ada, bea;
	two_people(env, &ada, &bea);
	int64_t approved = -1, pending = -1;
	assert_int_equal(csr_hours_totals(env->db, ada, D, &approved, &pending, NULL), CSR_OK);
	assert_int_equal(approved, 10 + 80);
	assert_int_equal(pending, 30 + 40);
	assert_int_equal(csr_hours_totals(env->db, ada, D + 1, &approved, &pending, NULL), CSR_OK);
	assert_int_equal(approved, 80);
	assert_int_equal(pending, 30);
	assert_int_equal(csr_hours_totals(env->db, bea, D - DAY, &approved, &pending, NULL),
			 CSR_OK);
	assert_int_equal(approved, 50);
	assert_int_equal(pending, 20 + 70);
	int64_t cy = tu_volunteer(env, "E3", "Cy");
	assert_int_equal(csr_hours_totals(env->db, cy, 0, &approved, &pending, NULL), CSR_OK);
	assert_int_equal(approved, 0);
	assert_int_equal(pending, 0);
}

/* Each filter's pages seek its index; one volunteer's pending hours are
 * not read through everyone's. */
static void test_pages_seek(void **state)
{
	tu_env *env = *state;
	int64_t ada, bea;
	two_people(env, &ada, &bea);
	const struct {
		csr_hours_query q;
		const char *index;
	} cases[] = {
		{ { 0, false }, "USING INDEX hours_by_day" },
		{ { 0, true }, "INDEX hours_by_status (status=? AND worked_on<?)" },
		{ { ada, false }, "INDEX hours_by_volunteer (volunteer_id=? AND worked_on<?)" },
		{ { ada, true }, "INDEX hours_by_volunteer (volunteer_id=? AND worked_on<?)" },
	};
	csr_hours rows[2], key;
	int n;
	assert_int_equal(csr_hours_get(env->db, 4, &key, NULL), CSR_OK);
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		const csr_hours_query *q = &cases[c].q;
		tu_plan_start(env);
		assert_int_equal(csr_hours_page(env->db, q, NULL, false, rows, 2, &n, NULL),
				 CSR_OK);
		assert_int_equal(csr_hours_page(env->db, q, &key, false, rows, 2, &n, NULL),
				 CSR_OK);
		tu_assert_seeks(env, cases[c].index);
	}
	int64_t count, approved, pending;
	csr_hours_query mine = { ada, true }, review = { 0, true };
	tu_plan_start(env);
	assert_int_equal(csr_hours_count(env->db, &mine, &count, NULL), CSR_OK);
	tu_assert_seeks(env, "hours_by_volunteer (volunteer_id=?)");
	tu_plan_start(env);
	assert_int_equal(csr_hours_count(env->db, &review, &count, NULL), CSR_OK);
	tu_assert_seeks(env, "hours_by_status (status=?)");
	tu_plan_start(env);
	assert_int_equal(csr_hours_totals(env->db, ada, D, &approved, &pending, NULL), CSR_OK);
	tu_assert_seeks(env, "hours_by_volunteer (volunteer_id=? AND worked_on>?)");
	tu_plan_start(env);
	assert_int_equal(csr_hours_get(env->db, 4, &key, NULL), CSR_OK);
	tu_assert_seeks(env, "SEARCH h USING INTEGER PRIMARY KEY");
}

static void test_lead_own_hours_wait_for_another_lead(void **state)
{
	tu_env *env = *state;
	int64_t lee = tu_volunteer(env, "L1", "Lead Lee");
	int64_t kim = tu_volunteer(env, "L2", "Lead Kim");
	tu_act(env, CSR_ROLE_LEAD, lee);
	csr_hours h = entry(lee, 60);
	csr_err err;
	assert_int_equal(csr_hours_log(env->db, &h, &err), CSR_OK);
	assert_int_equal(h.status, CSR_HOURS_PENDING);
	assert_int_equal(h.decided_by, 0);
	expect_err(csr_hours_decide(env->db, h.id, true, &err), &err, CSR_EREFUSED,
		   "You cannot approve your own hours");
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM hours WHERE status = 'pending'"), 1);
	/* another lead may */
	tu_act(env, CSR_ROLE_LEAD, kim);
	assert_int_equal(csr_hours_decide(env->db, h.id, true, &err), CSR_OK);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM hours WHERE status = 'approved'"), 1);

	/* with self_approval, a lead's own count at once, as before */
	env->cfg->hours.self_approval = true;
	tu_act(env, CSR_ROLE_LEAD, lee);
	h = entry(lee, 30);
	assert_int_equal(csr_hours_log(env->db, &h, &err), CSR_OK);
	assert_int_equal(h.status, CSR_HOURS_APPROVED);
	int64_t own = log_pending(env, lee, 45);
	assert_int_equal(csr_hours_decide(env->db, own, true, &err), CSR_OK);
}

static void test_reject_with_reason(void **state)
{
	tu_env *env = *state;
	int64_t lead = tu_volunteer(env, "L1", "Lead Lee");
	int64_t ada = tu_volunteer(env, "E1", "Ada");
	int64_t id = log_pending(env, ada, 60);
	tu_act(env, CSR_ROLE_LEAD, lead);
	csr_err err;
	expect_err(csr_hours_reject(env->db, id, " ", &err), &err, CSR_EINVAL,
		   "Reason is required");
	expect_err(csr_hours_reject(env->db, id, "two\nlines", &err), &err, CSR_EINVAL, "Reason");
	assert_int_equal(csr_hours_reject(env->db, id, "You were on leave that day", &err), CSR_OK);
	csr_hours h;
	assert_int_equal(csr_hours_get(env->db, id, &h, &err), CSR_OK);
	assert_int_equal(h.status, CSR_HOURS_REJECTED);
	assert_string_equal(h.reason, "You were on leave that day");
	assert_string_equal(h.note, "sorting donations");
	/* the volunteer's own list carries it */
	csr_hours rows[2];
	int n = 0;
	csr_hours_query mine = { .volunteer_id = ada };
	assert_int_equal(csr_hours_page(env->db, &mine, NULL, false, rows, 2, &n, &err), CSR_OK);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].reason, "You were on leave that day");
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit WHERE action = 'hours.reject'"
			       " AND detail LIKE '60 minutes on %for E1: rejected: You were on leave"
			       " that day'"),
			 1);
	expect_err(csr_hours_reject(env->db, id, "again", &err), &err, CSR_EREFUSED,
		   "already rejected");
}

static void test_revert_to_pending(void **state)
{
	tu_env *env = *state;
	int64_t lead = tu_volunteer(env, "L1", "Lead Lee");
	int64_t ada = tu_volunteer(env, "E1", "Ada");
	int64_t a = log_pending(env, ada, 60), b = log_pending(env, ada, 30);
	tu_act(env, CSR_ROLE_LEAD, lead);
	csr_err err;
	expect_err(csr_hours_revert(env->db, a, &err), &err, CSR_EREFUSED, "already pending");
	assert_int_equal(csr_hours_decide(env->db, a, true, &err), CSR_OK);
	assert_int_equal(csr_hours_reject(env->db, b, "wrong day", &err), CSR_OK);
	assert_int_equal(csr_hours_revert(env->db, a, &err), CSR_OK);
	assert_int_equal(csr_hours_revert(env->db, b, &err), CSR_OK);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM hours WHERE status = 'pending'"
			       " AND decided_by IS NULL AND decided_at IS NULL AND reason = ''"), 2);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit WHERE action = 'hours.revert'"
			       " AND (detail LIKE '%approved, back to pending'"
			       " OR detail LIKE '%rejected, back to pending')"), 2);
	/* pending again, they can be decided again */
	assert_int_equal(csr_hours_decide(env->db, b, true, &err), CSR_OK);
	expect_err(csr_hours_revert(env->db, a + 50, &err), &err, CSR_ENOTFOUND, "no hours");
	tu_act(env, CSR_ROLE_AGENT, ada);
	expect_err(csr_hours_revert(env->db, b, &err), &err, CSR_EDENIED, "Only team leads");
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM hours WHERE status = 'approved'"), 1);
}

#define T(f) cmocka_unit_test_setup_teardown(f, tu_setup, tu_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_status_names),
		T(test_audit_detail_in_machine_form),
		T(test_agent_logs_own_hours_pending),
		T(test_agent_refused_for_someone_else),
		T(test_lead_logs_approved),
		T(test_minutes_range),
		T(test_worked_on_not_in_the_future),
		T(test_references_must_exist),
		T(test_note_too_long),
		T(test_decide),
		T(test_decide_refused_to_agents),
		T(test_list_per_volunteer_newest_first),
		T(test_list_pending_of_everyone),
		T(test_page_filters),
		T(test_page_empty_and_rows),
		T(test_get),
		T(test_totals),
		T(test_pages_seek),
		T(test_lead_own_hours_wait_for_another_lead),
		T(test_reject_with_reason),
		T(test_revert_to_pending),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
