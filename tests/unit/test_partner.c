/* SPDX-License-Identifier: MIT */
/* Partners: validation, saving, permissions, look-ups and pages by name. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "csrdesk/partner.h"
#include "testutil.h"

static void expect_err(csr_code rc, const csr_err *err, csr_code code, const char *needle)
{
	assert_int_equal(rc, code);
	assert_int_equal(err->code, code);
	if (!strstr(err->msg, needle))
		fail_msg("message '%s' does not say '%s'", err->msg, needle);
}

static csr_partner sample(const char *name)
{
	csr_partner p = { 0 };
	snprintf(p.name, sizeof p.name, "%s", name);
	snprintf(p.contact, sizeof p.contact, "Maria Popescu");
	snprintf(p.email, sizeof p.email, "maria@ngo.example");
	snprintf(p.phone, sizeof p.phone, "+40 264 000 000");
	snprintf(p.website, sizeof p.website, "https://ngo.example");
	snprintf(p.notes, sizeof p.notes, "Mentoring since 2019");
	return p;
}

static void test_validate(void **state)
{
	(void)state;
	csr_err err;
	csr_partner p = sample("Viitor Plus");
	assert_int_equal(csr_partner_validate(&p, &err), CSR_OK);
	p.email[0] = '\0';
	assert_int_equal(csr_partner_validate(&p, &err), CSR_OK);
	snprintf(p.email, sizeof p.email, "not an email");
	expect_err(csr_partner_validate(&p, &err), &err, CSR_EINVAL, "Email");
	p = sample("  ");
	expect_err(csr_partner_validate(&p, &err), &err, CSR_EINVAL, "Name is required");
}

/* The record's text fields: where each is, its buffer size, its label. */
static const struct field {
	size_t offset, size;
	const char *label;
} fields[] = {
	{ offsetof(csr_partner, name), CSR_PARTNER_NAME_MAX, "Name" },
	{ offsetof(csr_partner, contact), CSR_PARTNER_FIELD_MAX, "Contact" },
	{ offsetof(csr_partner, email), CSR_PARTNER_FIELD_MAX, "Email" },
	{ offsetof(csr_partner, phone), CSR_PARTNER_FIELD_MAX, "Phone" },
	{ offsetof(csr_partner, website), CSR_PARTNER_FIELD_MAX, "Website" },
	{ offsetof(csr_partner, notes), CSR_PARTNER_FIELD_MAX, "Notes" },
};
#define NFIELDS (sizeof fields / sizeof fields[0])

static void test_validate_too_long_names_the_field(void **state)
{
	(void)state;
	for (size_t i = 0; i < NFIELDS; i++) {
		const struct field *f = &fields[i];
		csr_partner p = sample("Viitor Plus");
		memset((char *)&p + f->offset, 'x', f->size);
		csr_err err;
		char want[64];
		snprintf(want, sizeof want, "%s is too long", f->label);
		expect_err(csr_partner_validate(&p, &err), &err, CSR_EINVAL, want);
	}
}

/* Each field refuses a bidi override by name; only the notes may hold line
 * breaks. */
static void test_validate_refuses_control_characters(void **state)
{
	(void)state;
	for (size_t i = 0; i < NFIELDS; i++) {
		const struct field *f = &fields[i];
		csr_partner p = sample("Viitor Plus");
		char *field = (char *)&p + f->offset, want[96];
		csr_err err;
		snprintf(field, f->size, "a\xE2\x80\xAE" "b");
		snprintf(want, sizeof want, "%s holds a control character (U+202E)", f->label);
		expect_err(csr_partner_validate(&p, &err), &err, CSR_EINVAL, want);
		snprintf(field, f->size, "line\nbreak");
		bool free_text = strcmp(f->label, "Notes") == 0;
		assert_int_equal(csr_partner_validate(&p, &err), free_text ? CSR_OK : CSR_EINVAL);
	}
}

static void test_save_insert_update_and_audit(void **state)
{
	tu_env *env = *state;
	tu_act(env, CSR_ROLE_LEAD, 0);
	csr_partner p = sample("Crucea Roșie");
	csr_err err;
	assert_int_equal(csr_partner_save(env->db, &p, &err), CSR_OK);
	assert_true(p.id > 0);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit WHERE action = 'partner.create'"
				   " AND entity = 'partner' AND actor = 'test:lead'"), 1);

	snprintf(p.phone, sizeof p.phone, "112");
	assert_int_equal(csr_partner_save(env->db, &p, &err), CSR_OK);
	csr_partner got;
	assert_int_equal(csr_partner_get(env->db, p.id, &got, &err), CSR_OK);
	assert_string_equal(got.name, "Crucea Roșie");
	assert_string_equal(got.contact, "Maria Popescu");
	assert_string_equal(got.email, "maria@ngo.example");
	assert_string_equal(got.phone, "112");
	assert_string_equal(got.website, "https://ngo.example");
	assert_string_equal(got.notes, "Mentoring since 2019");
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM partner"), 1);
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE action = 'partner.update'"
		 " AND entity_id = %lld", (long long)p.id);
	assert_int_equal(tu_scalar(env, sql), 1);
}

static void test_save_refuses_duplicate_name(void **state)
{
	tu_env *env = *state;
	csr_partner a = sample("Green Roots"), b = sample("Green Roots");
	csr_err err;
	assert_int_equal(csr_partner_save(env->db, &a, &err), CSR_OK);
	expect_err(csr_partner_save(env->db, &b, &err), &err, CSR_ECONFLICT,
		   "A partner named Green Roots already exists");
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM partner"), 1);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit"), 1);
	/* renaming onto a taken name is refused as well */
	b = sample("Blue Skies");
	assert_int_equal(csr_partner_save(env->db, &b, &err), CSR_OK);
	snprintf(b.name, sizeof b.name, "Green Roots");
	expect_err(csr_partner_save(env->db, &b, &err), &err, CSR_ECONFLICT, "Green Roots");
}

static void test_save_refused_to_agents(void **state)
{
	tu_env *env = *state;
	tu_act(env, CSR_ROLE_AGENT, tu_volunteer(env, "E1", "Ada"));
	csr_partner p = sample("Green Roots");
	csr_err err;
	expect_err(csr_partner_save(env->db, &p, &err), &err, CSR_EDENIED, "Only team leads");
	assert_int_equal(p.id, 0);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM partner"), 0);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit"), 0);
}

static void test_save_missing_and_invalid(void **state)
{
	tu_env *env = *state;
	csr_partner p = sample("Green Roots");
	p.id = 77;
	csr_err err;
	expect_err(csr_partner_save(env->db, &p, &err), &err, CSR_ENOTFOUND, "There is no partner 77");
	p = sample("");
	expect_err(csr_partner_save(env->db, &p, &err), &err, CSR_EINVAL, "Name is required");
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM partner"), 0);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit"), 0);
}

static void test_find(void **state)
{
	tu_env *env = *state;
	csr_partner p = sample("Hospice Casa Speranței");
	csr_err err;
	assert_int_equal(csr_partner_save(env->db, &p, &err), CSR_OK);
	csr_partner got;
	assert_int_equal(csr_partner_find(env->db, "Hospice Casa Speranței", &got, &err), CSR_OK);
	assert_int_equal(got.id, p.id);
	expect_err(csr_partner_find(env->db, "Hospice", &got, &err), &err, CSR_ENOTFOUND,
		   "There is no partner named Hospice");
	expect_err(csr_partner_get(env->db, p.id + 1, &got, &err), &err, CSR_ENOTFOUND,
		   "There is no partner");
}

static void test_page_by_name(void **state)
{
	tu_env *env = *state;
	const char *names[] = { "Delta", "Alpha", "Echo", "Charlie", "Bravo" };
	csr_err err;
	for (size_t i = 0; i < 5; i++) {
		csr_partner p = sample(names[i]);
		assert_int_equal(csr_partner_save(env->db, &p, &err), CSR_OK);
	}
	csr_partner rows[2];
	int n;
	assert_int_equal(csr_partner_page(env->db, NULL, rows, 2, &n, &err), CSR_OK);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].name, "Alpha");
	assert_string_equal(rows[1].name, "Bravo");
	assert_int_equal(csr_partner_page(env->db, rows[1].name, rows, 2, &n, &err), CSR_OK);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].name, "Charlie");
	assert_string_equal(rows[1].name, "Delta");
	assert_int_equal(csr_partner_page(env->db, "Delta", rows, 2, &n, &err), CSR_OK);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].name, "Echo");
	assert_string_equal(rows[0].contact, "Maria Popescu");
	assert_int_equal(csr_partner_page(env->db, "Echo", rows, 2, &n, &err), CSR_OK);
	assert_int_equal(n, 0);
	assert_int_equal(csr_partner_page(env->db, "", rows, 2, &n, &err), CSR_OK);
	assert_string_equal(rows[0].name, "Alpha");
}

#define T(f) cmocka_unit_test_setup_teardown(f, tu_setup, tu_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_validate),
		T(test_validate_too_long_names_the_field),
		T(test_validate_refuses_control_characters),
		T(test_save_insert_update_and_audit),
		T(test_save_refuses_duplicate_name),
		T(test_save_refused_to_agents),
		T(test_save_missing_and_invalid),
		T(test_find),
		T(test_page_by_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
