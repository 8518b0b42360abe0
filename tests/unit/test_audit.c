/* SPDX-License-Identifier: MIT */
/* The audit log: newest first, paged by id; entries carry who, what, when. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "csrdesk/audit.h"
#include "csrdesk/clock.h"
#include "csrdesk/partner.h"
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

#define T(f) cmocka_unit_test_setup_teardown(f, tu_setup, tu_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_pages_newest_first),
		T(test_entry_fields),
		T(test_entry_without_entity_id),
		T(test_rolled_back_write_leaves_no_entry),
		T(test_empty_and_no_room),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
