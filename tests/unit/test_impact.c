/* SPDX-License-Identifier: MIT */
/* Impact records: recording per config metric, the checks and the list;
 * corrections (edit, void) and that a voided record counts nowhere. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csrdesk/clock.h"
#include "csrdesk/export.h"
#include "csrdesk/impact.h"
#include "csrdesk/metrics.h"
#include "testutil.h"

static void expect_err(csr_code rc, const csr_err *err, csr_code code, const char *needle)
{
	assert_int_equal(rc, code);
	assert_int_equal(err->code, code);
	if (!strstr(err->msg, needle))
		fail_msg("message '%s' does not say '%s'", err->msg, needle);
}

static csr_impact record(int64_t initiative_id, const char *metric, double value)
{
	csr_impact rec = { .initiative_id = initiative_id, .value = value, .note = "counted" };
	snprintf(rec.metric, sizeof rec.metric, "%s", metric);
	return rec;
}

static void test_lead_records(void **state)
{
	tu_env *env = *state;
	int64_t lead = tu_volunteer(env, "L1", "Lead Lee");
	int64_t trees = tu_initiative(env, "Tree planting", -48, 10);
	tu_act(env, CSR_ROLE_LEAD, lead);
	csr_impact rec = record(trees, "trees", 120);
	csr_err err;
	int64_t before = csr_now();
	assert_int_equal(csr_impact_record(env->db, &rec, &err), CSR_OK);
	assert_true(rec.id > 0);
	assert_int_equal(rec.recorded_by, lead);
	assert_true(rec.recorded_at >= before);
	char sql[200];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM impact WHERE metric = 'trees' AND value = 120"
		 " AND recorded_by = %lld AND note = 'counted'", (long long)lead);
	assert_int_equal(tu_scalar(env, sql), 1);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE action = 'impact.record'"
		 " AND entity = 'impact' AND entity_id = %lld AND detail LIKE '120 trees%%'",
		 (long long)rec.id);
	assert_int_equal(tu_scalar(env, sql), 1);

	/* zero is a value; an admin with no volunteer record records with NULL */
	tu_act(env, CSR_ROLE_ADMIN, 0);
	rec = record(trees, "recycled", 0);
	assert_int_equal(csr_impact_record(env->db, &rec, &err), CSR_OK);
	assert_int_equal(rec.recorded_by, 0);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM impact WHERE recorded_by IS NULL"), 1);
}

static void test_refused_to_agents(void **state)
{
	tu_env *env = *state;
	int64_t trees = tu_initiative(env, "Tree planting", -48, 10);
	tu_act(env, CSR_ROLE_AGENT, tu_volunteer(env, "E1", "Ada"));
	csr_impact rec = record(trees, "trees", 5);
	csr_err err;
	expect_err(csr_impact_record(env->db, &rec, &err), &err, CSR_EDENIED, "Only team leads");
	assert_int_equal(rec.id, 0);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM impact"), 0);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit"), 0);
}

static void test_metric_must_be_defined(void **state)
{
	tu_env *env = *state;
	int64_t trees = tu_initiative(env, "Tree planting", -48, 10);
	csr_err err;
	csr_impact rec = record(trees, "smiles", 5);
	expect_err(csr_impact_record(env->db, &rec, &err), &err, CSR_EINVAL,
		   "Metric 'smiles' is not defined in the configuration");
	rec = record(trees, "", 5);
	expect_err(csr_impact_record(env->db, &rec, &err), &err, CSR_EINVAL, "Metric is required");
	rec = record(trees, "trees", 5);
	memset(rec.metric, 't', sizeof rec.metric);
	expect_err(csr_impact_record(env->db, &rec, &err), &err, CSR_EINVAL, "Metric is too long");
	rec = record(trees, "trees", 5);
	memset(rec.note, 'n', sizeof rec.note);
	expect_err(csr_impact_record(env->db, &rec, &err), &err, CSR_EINVAL, "Note is too long");
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM impact"), 0);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit"), 0);
}

static void test_value_must_be_finite_and_not_negative(void **state)
{
	tu_env *env = *state;
	int64_t trees = tu_initiative(env, "Tree planting", -48, 10);
	csr_err err;
	double bad[] = { -1, -0.001, NAN, INFINITY, -INFINITY };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		csr_impact rec = record(trees, "trees", bad[i]);
		expect_err(csr_impact_record(env->db, &rec, &err), &err, CSR_EINVAL,
			   "Value must be a number of 0 or more");
	}
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM impact"), 0);
}

static void test_initiative_must_exist(void **state)
{
	tu_env *env = *state;
	csr_impact rec = record(4711, "trees", 3);
	csr_err err;
	expect_err(csr_impact_record(env->db, &rec, &err), &err, CSR_ENOTFOUND,
		   "There is no initiative 4711");
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM impact"), 0);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit"), 0);
}

static void test_list_oldest_first(void **state)
{
	tu_env *env = *state;
	int64_t trees = tu_initiative(env, "Tree planting", -48, 10);
	int64_t drive = tu_initiative(env, "Blood drive", -24, 10);
	csr_err err;
	double values[] = { 10, 20.5, 30 };
	for (int i = 0; i < 3; i++) {
		csr_impact rec = record(trees, "trees", values[i]);
		assert_int_equal(csr_impact_record(env->db, &rec, &err), CSR_OK);
	}
	csr_impact other = record(drive, "blood", 35);
	assert_int_equal(csr_impact_record(env->db, &other, &err), CSR_OK);

	csr_impact rows[8];
	int n;
	assert_int_equal(csr_impact_list(env->db, trees, rows, 8, &n, &err), CSR_OK);
	assert_int_equal(n, 3);
	for (int i = 0; i < 3; i++) {
		assert_true(rows[i].value == values[i]);
		assert_string_equal(rows[i].metric, "trees");
		assert_int_equal(rows[i].initiative_id, trees);
		assert_string_equal(rows[i].note, "counted");
	}
	assert_int_equal(csr_impact_list(env->db, trees, rows, 2, &n, &err), CSR_OK);
	assert_int_equal(n, 2);
	assert_true(rows[1].value == 20.5);
	assert_int_equal(csr_impact_list(env->db, drive, rows, 8, &n, &err), CSR_OK);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].metric, "blood");

	/* the totals add every record of a metric up, one row per metric */
	csr_impact extra = record(trees, "blood", 2);
	assert_int_equal(csr_impact_record(env->db, &extra, &err), CSR_OK);
	assert_int_equal(csr_impact_totals(env->db, trees, rows, 8, &n, &err), CSR_OK);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].metric, "blood");
	assert_true(rows[0].value == 2);
	assert_string_equal(rows[1].metric, "trees");
	assert_true(rows[1].value == 60.5);
	assert_int_equal(csr_impact_totals(env->db, trees, rows, 1, &n, &err), CSR_OK);
	assert_int_equal(n, 1);
}

/* Records 120 trees as a lead and returns the record's id. */
static int64_t recorded(tu_env *env, int64_t initiative, double value)
{
	csr_impact rec = record(initiative, "trees", value);
	csr_err err;
	assert_int_equal(csr_impact_record(env->db, &rec, &err), CSR_OK);
	return rec.id;
}

static void test_edit_keeps_old_and_new_in_audit(void **state)
{
	tu_env *env = *state;
	int64_t lead = tu_volunteer(env, "L1", "Lead Lee");
	int64_t trees = tu_initiative(env, "Tree planting", -48, 10);
	tu_act(env, CSR_ROLE_LEAD, lead);
	int64_t id = recorded(env, trees, 120);
	csr_err err;
	assert_int_equal(csr_impact_edit(env->db, id, 102.5, NULL, &err), CSR_OK);
	csr_impact got;
	assert_int_equal(csr_impact_get(env->db, id, &got, &err), CSR_OK);
	assert_true(got.value == 102.5);
	assert_string_equal(got.note, "counted"); /* NULL keeps the note */
	char sql[240];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE action = 'impact.edit'"
		 " AND entity_id = %lld AND actor = 'test:lead'"
		 " AND detail LIKE '%%from 120 to 102.5%%'", (long long)id);
	assert_int_equal(tu_scalar(env, sql), 1);
	assert_int_equal(csr_impact_edit(env->db, id, 0, "recount", &err), CSR_OK);
	assert_int_equal(csr_impact_get(env->db, id, &got, &err), CSR_OK);
	assert_true(got.value == 0);
	assert_string_equal(got.note, "recount");

	expect_err(csr_impact_edit(env->db, id, -1, NULL, &err), &err, CSR_EINVAL, "0 or more");
	expect_err(csr_impact_edit(env->db, id, NAN, NULL, &err), &err, CSR_EINVAL, "0 or more");
	expect_err(csr_impact_edit(env->db, id + 9, 1, NULL, &err), &err, CSR_ENOTFOUND,
		   "no impact record");
	char long_note[CSR_IMPACT_NOTE_MAX + 1];
	memset(long_note, 'x', sizeof long_note - 1);
	long_note[sizeof long_note - 1] = '\0';
	expect_err(csr_impact_edit(env->db, id, 1, long_note, &err), &err, CSR_EINVAL,
		   "Note is too long");
	tu_act(env, CSR_ROLE_AGENT, lead);
	expect_err(csr_impact_edit(env->db, id, 5, NULL, &err), &err, CSR_EDENIED,
		   "Only team leads");
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit WHERE action = 'impact.edit'"),
			 2);
}

static void test_void_stays_but_counts_nowhere(void **state)
{
	tu_env *env = *state;
	int64_t lead = tu_volunteer(env, "L1", "Lead Lee");
	int64_t trees = tu_initiative(env, "Tree planting", -48, 10);
	tu_act(env, CSR_ROLE_LEAD, lead);
	recorded(env, trees, 100);
	int64_t wrong = recorded(env, trees, 9000);
	csr_err err;
	expect_err(csr_impact_void(env->db, wrong, "  ", &err), &err, CSR_EINVAL,
		   "Reason is required");
	expect_err(csr_impact_void(env->db, wrong, NULL, &err), &err, CSR_EINVAL,
		   "Reason is required");
	assert_int_equal(csr_impact_void(env->db, wrong, "typo: 90, not 9000", &err), CSR_OK);

	/* it stays, shown as voided, with who and why */
	csr_impact rows[4];
	int n = 0;
	assert_int_equal(csr_impact_list(env->db, trees, rows, 4, &n, &err), CSR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].voided_at, 0);
	assert_true(rows[1].voided_at > 0);
	assert_int_equal(rows[1].voided_by, lead);
	assert_string_equal(rows[1].void_reason, "typo: 90, not 9000");
	char sql[240];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE action = 'impact.void'"
		 " AND entity_id = %lld AND actor = 'test:lead'"
		 " AND detail LIKE '9000 trees%%voided: typo: 90, not 9000'", (long long)wrong);
	assert_int_equal(tu_scalar(env, sql), 1);

	/* out of the totals and the figures */
	assert_int_equal(csr_impact_totals(env->db, trees, rows, 4, &n, &err), CSR_OK);
	assert_int_equal(n, 1);
	assert_true(rows[0].value == 100);
	csr_period p = { .from = csr_now() - 30 * 86400, .to = csr_now() + 86400 };
	csr_figures f;
	assert_int_equal(csr_metrics_compute(env->db, &p, NULL, &f, &err), CSR_OK);
	bool seen = false;
	for (int i = 0; i < f.nmetrics; i++)
		if (strcmp(f.metrics[i].key, "trees") == 0) {
			assert_true(f.metrics[i].total == 100);
			seen = true;
		}
	assert_true(seen);

	/* and out of the export */
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);
	assert_int_equal(csr_export_csv(env->db, "impact", out, &err), CSR_OK);
	fclose(out);
	assert_non_null(strstr(text, ",trees,100,"));
	assert_null(strstr(text, "9000"));
	free(text);

	/* a voided record is neither voided again nor edited */
	expect_err(csr_impact_void(env->db, wrong, "again", &err), &err, CSR_EREFUSED, "voided");
	expect_err(csr_impact_edit(env->db, wrong, 90, NULL, &err), &err, CSR_EREFUSED, "voided");
	tu_act(env, CSR_ROLE_AGENT, lead);
	expect_err(csr_impact_void(env->db, rows[0].id, "no", &err), &err, CSR_EDENIED,
		   "Only team leads");
}

typedef struct impact_list {
	csr_db *db;
	int64_t initiative_id;
} impact_list;

static csr_code fetch_impact(void *ctx, const void *after, bool backward, void *rows, int max,
			     int *n, csr_err *err)
{
	impact_list *l = ctx;
	return csr_impact_page(l->db, l->initiative_id, after, backward, rows, max, n, err);
}

static int64_t impact_id_of(const void *row)
{
	return ((const csr_impact *)row)->id;
}

static const tu_source impact_source = { sizeof(csr_impact), fetch_impact, impact_id_of };

static void test_pages_oldest_first_voided_too(void **state)
{
	tu_env *env = *state;
	int64_t trees = tu_initiative(env, "Tree planting", -48, 10);
	int64_t drive = tu_initiative(env, "Blood drive", -24, 10);
	/* ids 1..6, recorded at times that do not follow the ids */
	static const int64_t at[] = { 300, 100, 200, 100, 50, 400 };
	for (int i = 0; i < 6; i++)
		tu_sqlf(env, "INSERT INTO impact (id, initiative_id, metric, value, recorded_at,"
			" voided_at) VALUES (%d, %lld, 'trees', %d, %lld, %s)", i + 1,
			(long long)(i == 4 ? drive : trees), i, (long long)at[i],
			i == 2 ? "500" : "NULL");
	impact_list l = { env->db, trees };
	const int64_t want[] = { 2, 4, 3, 1, 6 };
	for (int page = 1; page <= 6; page++)
		tu_assert_pages(&impact_source, &l, page, want, 5);
	int64_t count = 0;
	csr_err err;
	assert_int_equal(csr_impact_count(env->db, trees, &count, &err), CSR_OK);
	assert_int_equal(count, 5);
	l.initiative_id = drive + 1;
	tu_assert_pages(&impact_source, &l, 2, NULL, 0);
}

#define T(f) cmocka_unit_test_setup_teardown(f, tu_setup, tu_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_lead_records),
		T(test_refused_to_agents),
		T(test_metric_must_be_defined),
		T(test_value_must_be_finite_and_not_negative),
		T(test_initiative_must_exist),
		T(test_list_oldest_first),
		T(test_edit_keeps_old_and_new_in_audit),
		T(test_void_stays_but_counts_nowhere),
		T(test_pages_oldest_first_voided_too),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
