/* SPDX-License-Identifier: MIT */
/* The audit log: newest first, paged by id; entries carry who, what, when. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csrdesk/audit.h"
#include "csrdesk/calendar.h"
#include "csrdesk/clock.h"
#include "csrdesk/partner.h"
#include "csrdesk/sheet.h"
#include "db_private.h"
#include "testutil.h"

/* Adds entries the way every write does: inside a transaction. */
static void add_entries(tu_env *env, int count)
{
	csr_err err;
	assert_int_equal(csr_tx_begin(env->db, &err), CSR_OK);
	for (int i = 1; i <= count; i++)
		assert_int_equal(csr_audit_add(env->db, "test.write", "thing", i, &err,
					       "entry %d", i), CSR_OK);
	assert_int_equal(csr_tx_end(env->db, CSR_OK, &err), CSR_OK);
}

static void test_pages_newest_first(void **state)
{
	tu_env *env = *state;
	add_entries(env, 7);
	csr_audit_entry rows[3];
	int n, seen = 0, expect = 7;
	int64_t before = 0;
	csr_err err;
	do {
		assert_int_equal(csr_audit_page(env->db, before, rows, 3, &n, &err), CSR_OK);
		for (int i = 0; i < n; i++, seen++, expect--) {
			char detail[32];
			snprintf(detail, sizeof detail, "entry %d", expect);
			assert_string_equal(rows[i].detail, detail);
			assert_int_equal(rows[i].entity_id, expect);
		}
		if (n)
			before = rows[n - 1].id;
	} while (n == 3);
	assert_int_equal(seen, 7);
}

static void test_entry_fields(void **state)
{
	tu_env *env = *state;
	tu_act(env, CSR_ROLE_LEAD, 0);
	int64_t before = csr_now();
	csr_partner p = { .name = "Viitor Plus" };
	csr_err err;
	assert_int_equal(csr_partner_save(env->db, &p, &err), CSR_OK);
	csr_audit_entry rows[2];
	int n;
	assert_int_equal(csr_audit_page(env->db, 0, rows, 2, &n, &err), CSR_OK);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].actor, "test:lead");
	assert_string_equal(rows[0].action, "partner.create");
	assert_string_equal(rows[0].entity, "partner");
	assert_int_equal(rows[0].entity_id, p.id);
	assert_string_equal(rows[0].detail, "Viitor Plus");
	assert_true(rows[0].at >= before && rows[0].at <= csr_now());
}

static void test_entry_without_entity_id(void **state)
{
	tu_env *env = *state;
	tu_scalar(env, "INSERT INTO audit (at, actor, action, entity) VALUES (1, 'cli', 'x', 'db')");
	csr_audit_entry rows[1];
	int n;
	csr_err err;
	assert_int_equal(csr_audit_page(env->db, 0, rows, 1, &n, &err), CSR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].entity_id, 0);
	assert_string_equal(rows[0].detail, "");
}

static void test_rolled_back_write_leaves_no_entry(void **state)
{
	tu_env *env = *state;
	csr_err err;
	assert_int_equal(csr_tx_begin(env->db, &err), CSR_OK);
	assert_int_equal(csr_audit_add(env->db, "test.write", "thing", 1, &err, "gone"), CSR_OK);
	assert_int_equal(csr_tx_end(env->db, CSR_EREFUSED, &err), CSR_EREFUSED);
	csr_audit_entry rows[1];
	int n = -1;
	assert_int_equal(csr_audit_page(env->db, 0, rows, 1, &n, &err), CSR_OK);
	assert_int_equal(n, 0);
}

static void test_empty_and_no_room(void **state)
{
	tu_env *env = *state;
	csr_audit_entry rows[1];
	int n = -1;
	csr_err err;
	assert_int_equal(csr_audit_page(env->db, 0, rows, 1, &n, &err), CSR_OK);
	assert_int_equal(n, 0);
	add_entries(env, 2);
	assert_int_equal(csr_audit_page(env->db, 0, rows, 0, &n, &err), CSR_OK);
	assert_int_equal(n, 0);
}


/* ---- filtered pages (admins) ---- */

/* An entry at time at by actor, as a write would log it. */
static int64_t logged(tu_env *env, int64_t at, const char *actor, const char *action)
{
	tu_sqlf(env, "INSERT INTO audit (at, actor, action, entity, entity_id, detail)"
		     " VALUES (%lld, '%s', '%s', 'thing', 1, 'by %s')", (long long)at, actor, action,
		actor);
	return tu_scalar(env, "SELECT max(id) FROM audit");
}

static const csr_audit_filter *paged_filter; /* what fetch_filtered reads */

static csr_code fetch_filtered(void *ctx, const void *after, bool backward, void *rows, int max,
			       int *n, csr_err *err)
{
	tu_env *env = ctx;
	return csr_audit_page_filtered(env->db, paged_filter, after, backward, rows, max, n, err);
}

static int64_t id_of(const void *row)
{
	return ((const csr_audit_entry *)row)->id;
}

static const tu_source filtered = { sizeof(csr_audit_entry), fetch_filtered, id_of };

/* Entries at 100..600, two at the same time (the id breaks the tie). */
static void six_entries(tu_env *env, int64_t ids[6])
{
	ids[0] = logged(env, 100, "anna", "signup.add");
	ids[1] = logged(env, 200, "ben", "person.export");
	ids[2] = logged(env, 300, "anna", "signup.cancel");
	ids[3] = logged(env, 300, "ben", "signup.add");
	ids[4] = logged(env, 500, "anna", "person.erase");
	ids[5] = logged(env, 600, "anna", "signupx");
}

static void assert_filtered(tu_env *env, csr_audit_filter *f, const int64_t *want, int n)
{
	paged_filter = f;
	for (int page = 1; page <= 3; page++)
		tu_assert_pages(&filtered, env, page, want, n);
	int64_t count = -1;
	assert_int_equal(csr_audit_count(env->db, f, &count, NULL), CSR_OK);
	assert_int_equal(count, n);
}

static void test_filtered_pages(void **state)
{
	tu_env *env = *state;
	tu_act(env, CSR_ROLE_ADMIN, 0);
	int64_t id[6];
	six_entries(env, id);
	csr_audit_filter f = { 0 };
	assert_filtered(env, &f, (int64_t[]){ id[5], id[4], id[3], id[2], id[1], id[0] }, 6);
	snprintf(f.actor, sizeof f.actor, "anna");
	assert_filtered(env, &f, (int64_t[]){ id[5], id[4], id[2], id[0] }, 4);
	snprintf(f.action, sizeof f.action, "signup.");
	assert_filtered(env, &f, (int64_t[]){ id[2], id[0] }, 2);
	f.actor[0] = '\0';
	assert_filtered(env, &f, (int64_t[]){ id[3], id[2], id[0] }, 3);
	f.from = 200;
	f.to = 500;
	assert_filtered(env, &f, (int64_t[]){ id[3], id[2] }, 2);
	f.action[0] = '\0';
	assert_filtered(env, &f, (int64_t[]){ id[3], id[2], id[1] }, 3);
	snprintf(f.actor, sizeof f.actor, "nobody");
	assert_filtered(env, &f, NULL, 0);
}

/* A prefix is a prefix: "%" and "_" are no wildcards. */
static void test_action_prefix_is_literal(void **state)
{
	tu_env *env = *state;
	tu_act(env, CSR_ROLE_ADMIN, 0);
	logged(env, 100, "anna", "signup.add");
	csr_audit_filter f = { .action = "sign%" };
	int64_t count = -1;
	assert_int_equal(csr_audit_count(env->db, &f, &count, NULL), CSR_OK);
	assert_int_equal(count, 0);
	snprintf(f.action, sizeof f.action, "signup_");
	assert_int_equal(csr_audit_count(env->db, &f, &count, NULL), CSR_OK);
	assert_int_equal(count, 0);
}

static void test_only_admins_read(void **state)
{
	tu_env *env = *state;
	logged(env, 100, "anna", "signup.add");
	csr_audit_entry rows[2];
	int n = -1;
	int64_t count = -1;
	csr_err err;
	for (csr_role role = CSR_ROLE_AGENT; role <= CSR_ROLE_LEAD; role++) {
		tu_act(env, role, 0);
		assert_int_equal(csr_audit_page_filtered(env->db, NULL, NULL, false, rows, 2, &n, &err),
				 CSR_EDENIED);
		assert_int_equal(n, 0);
		assert_int_equal(csr_audit_count(env->db, NULL, &count, &err), CSR_EDENIED);
		assert_int_equal(csr_audit_export_csv(env->db, NULL, CSR_CSV_PLAIN, stdout, &err),
				 CSR_EDENIED);
	}
	tu_act(env, CSR_ROLE_ADMIN, 0);
	assert_int_equal(csr_audit_page_filtered(env->db, NULL, NULL, false, rows, 2, &n, &err),
			 CSR_OK);
	assert_int_equal(n, 1);
}

static void test_filter_days(void **state)
{
	(void)state;
	csr_audit_filter f = { 0 };
	csr_err err;
	assert_int_equal(csr_audit_filter_days(&f, "2026-03-01", "2026-03-31", "--from", "--to",
					       &err), CSR_OK);
	int64_t from, to;
	assert_int_equal(csr_time_parse("2026-03-01", &from, NULL), CSR_OK);
	assert_int_equal(csr_time_parse("2026-04-01", &to, NULL), CSR_OK);
	assert_int_equal(f.from, from);
	assert_int_equal(f.to, to); /* the last day counts whole */
	assert_int_equal(csr_audit_filter_days(&f, "", NULL, "--from", "--to", &err), CSR_OK);
	assert_int_equal(f.from, 0);
	assert_int_equal(f.to, 0);
	assert_int_equal(csr_audit_filter_days(&f, "2026-3-1", NULL, "--from", "--to", &err),
			 CSR_EINVAL);
	assert_non_null(strstr(err.msg, "--from"));
	assert_int_equal(csr_audit_filter_days(&f, NULL, "2026-02-30x", "--from", "--to", &err),
			 CSR_EINVAL);
	assert_non_null(strstr(err.msg, "--to"));
	assert_int_equal(csr_audit_filter_days(&f, "2026-04-02", "2026-04-01", "--from", "--to",
					       &err), CSR_EINVAL);
}

static void test_pages_seek(void **state)
{
	tu_env *env = *state;
	tu_act(env, CSR_ROLE_ADMIN, 0);
	int64_t id[6];
	six_entries(env, id);
	csr_audit_entry rows[2], key = { .id = id[3], .at = 300 };
	int n;
	int64_t count;
	csr_audit_filter f = { .action = "signup." };
	tu_plan_start(env);
	assert_int_equal(csr_audit_page_filtered(env->db, &f, NULL, false, rows, 2, &n, NULL), CSR_OK);
	assert_int_equal(csr_audit_page_filtered(env->db, &f, &key, false, rows, 2, &n, NULL), CSR_OK);
	assert_int_equal(csr_audit_count(env->db, &f, &count, NULL), CSR_OK);
	tu_assert_seeks(env, "audit_by_at (at>? AND at<?)");
	tu_plan_start(env);
	assert_int_equal(csr_audit_page_filtered(env->db, &f, &key, true, rows, 2, &n, NULL), CSR_OK);
	tu_assert_seeks(env, "audit_by_at (at>? AND at<?)");
	snprintf(f.actor, sizeof f.actor, "anna");
	tu_plan_start(env);
	assert_int_equal(csr_audit_page_filtered(env->db, &f, &key, false, rows, 2, &n, NULL), CSR_OK);
	assert_int_equal(csr_audit_count(env->db, &f, &count, NULL), CSR_OK);
	tu_assert_seeks(env, "audit_by_actor (actor=? AND at>? AND at<?)");
}

/* What csr_audit_add writes reads back whole (Enter shows the entry whole). */
static void test_long_detail_whole(void **state)
{
	tu_env *env = *state;
	char detail[CSR_AUDIT_DETAIL_MAX + 100];
	memset(detail, 'x', sizeof detail - 1);
	detail[sizeof detail - 1] = '\0';
	csr_err err;
	assert_int_equal(csr_tx_begin(env->db, &err), CSR_OK);
	assert_int_equal(csr_audit_add(env->db, "test.write", "thing", 1, &err, "%s", detail), CSR_OK);
	assert_int_equal(csr_tx_end(env->db, CSR_OK, &err), CSR_OK);
	int64_t stored = tu_scalar(env, "SELECT length(detail) FROM audit");
	assert_true(stored > 256);
	csr_audit_entry row;
	int n;
	assert_int_equal(csr_audit_page_filtered(env->db, NULL, NULL, false, &row, 1, &n, &err),
			 CSR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(strlen(row.detail), stored);
}

/* The CSV: a header, newest first, cells neutralized like every export. */
static void test_export_csv(void **state)
{
	tu_env *env = *state;
	tu_act(env, CSR_ROLE_ADMIN, 0);
	logged(env, 100, "anna", "signup.add");
	tu_sql(env, "INSERT INTO audit (at, actor, action, entity, detail)"
		    " VALUES (200, 'ben', 'person.erase', 'volunteer', '=cmd' || char(27) || '[2J')");
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);
	assert_non_null(out);
	csr_audit_filter f = { 0 };
	assert_int_equal(csr_audit_export_csv(env->db, &f, CSR_CSV_PLAIN, out, NULL), CSR_OK);
	fclose(out);
	assert_non_null(strstr(text, "id,at,actor,action,entity,entity_id,detail\r\n"));
	char *ben = strstr(text, ",ben,person.erase,volunteer,,'=cmd\xef\xbf\xbd[2J\r\n");
	char *anna = strstr(text, ",anna,signup.add,thing,1,by anna\r\n");
	assert_non_null(ben);
	assert_non_null(anna);
	assert_true(ben < anna);
	assert_null(strchr(text, 27));
	free(text);
}

/* How many entries of action with detail there are. */
static int64_t reads(tu_env *env, const char *action, const char *detail)
{
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE action = '%s' AND detail = '%s'",
		 action, detail);
	return tu_scalar(env, sql);
}

/* Reading personal data of others is audited before it happens: a CSV
 * export, a sheet, another person's calendar, the audit log's export; a
 * person's own calendar is not another's. */
static void test_reads_audited(void **state)
{
	tu_env *env = *state;
	int64_t lea = tu_volunteer(env, "E1", "Lea"), ada = tu_volunteer(env, "E2", "Ada");
	int64_t fair = tu_initiative(env, "Fair", 24, 5);
	FILE *out = fopen("/dev/null", "w");
	assert_non_null(out);
	tu_act(env, CSR_ROLE_LEAD, lea);
	assert_int_equal(csr_export_csv(env->db, "volunteers", out, NULL), CSR_OK);
	assert_int_equal(reads(env, "export.csv", "volunteers"), 1);
	assert_int_equal(csr_export_csv(env->db, "nothing", out, NULL), CSR_EINVAL);
	assert_int_equal(reads(env, "export.csv", "nothing"), 0);
	assert_int_equal(csr_sheet_write(env->db, &fair, 1, CSR_SHEET_SIGNUP, CSR_SHEET_TEXT, out,
					 NULL), CSR_OK);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit WHERE action = 'export.sheet'"),
			 1);
	assert_int_equal(csr_calendar_volunteer(env->db, lea, out, NULL), CSR_OK);
	assert_int_equal(csr_calendar_volunteer(env->db, ada, out, NULL), CSR_OK);
	assert_int_equal(tu_scalar(env, "SELECT group_concat(entity_id) FROM audit"
				       " WHERE action = 'export.ics'"), ada);
	tu_act(env, CSR_ROLE_ADMIN, 0);
	csr_audit_filter f = { .action = "signup." };
	assert_int_equal(csr_audit_export_csv(env->db, &f, CSR_CSV_PLAIN, out, NULL), CSR_OK);
	assert_int_equal(reads(env, "audit.export", "signup."), 1);
	fclose(out);
}

#define T(f) cmocka_unit_test_setup_teardown(f, tu_setup, tu_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_pages_newest_first),
		T(test_entry_fields),
		T(test_entry_without_entity_id),
		T(test_rolled_back_write_leaves_no_entry),
		T(test_empty_and_no_room),
		T(test_filtered_pages),
		T(test_action_prefix_is_literal),
		T(test_only_admins_read),
		T(test_filter_days),
		T(test_pages_seek),
		T(test_export_csv),
		T(test_long_detail_whole),
		T(test_reads_audited),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
