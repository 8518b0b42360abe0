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

/* ---- keyset pages ---- */

typedef struct partner_list {
	csr_db *db;
	const char *search;
} partner_list;

static csr_code fetch_partners(void *ctx, const void *after, bool backward, void *rows,
			       int max, int *n, csr_err *err)
{
	partner_list *l = ctx;
	return csr_partner_page_after(l->db, l->search, after, backward, rows, max, n, err);
}

static int64_t partner_id_of(const void *row)
{
	return ((const csr_partner *)row)->id;
}

static const tu_source partner_source = { sizeof(csr_partner), fetch_partners, partner_id_of };

/* Saves partners (name, contact) and returns their ids in ids. */
static void save_partners(tu_env *env, const char *const (*list)[2], int n, int64_t *ids)
{
	for (int i = 0; i < n; i++) {
		csr_partner p = sample(list[i][0]);
		snprintf(p.contact, sizeof p.contact, "%s", list[i][1]);
		csr_err err;
		if (csr_partner_save(env->db, &p, &err) != CSR_OK)
			fail_msg("%s", err.msg);
		ids[i] = p.id;
	}
}

static void expect_partners(tu_env *env, const char *search, const int64_t *want, int n)
{
	partner_list l = { env->db, search };
	for (int page = 1; page <= 7; page++)
		tu_assert_pages(&partner_source, &l, page, want, n);
	int64_t count = -1;
	assert_int_equal(csr_partner_count(env->db, search, &count, NULL), CSR_OK);
	assert_int_equal(count, n);
}

/* By name, searched in the name and the contact, ASCII letters in either
 * case; % and _ typed in a search are plain characters. */
static void test_page_after_and_search(void **state)
{
	tu_env *env = *state;
	static const char *const list[][2] = {
		{ "Delta", "Maria Pop" },  { "Alpha", "Ion Ionescu" }, { "Echo", "Ana" },
		{ "100% Green", "Zed" },   { "Bravo", "Mario Rossi" }, { "Charlie_Care", "Ana" },
		{ "Foxtrot", "MARIAN" },
	};
	int64_t id[7];
	save_partners(env, list, 7, id);
	const int64_t all[] = { id[3], id[1], id[4], id[5], id[0], id[2], id[6] };
	expect_partners(env, NULL, all, 7);
	expect_partners(env, "", all, 7);
	const int64_t mari[] = { id[4], id[0], id[6] }; /* contact only, either case */
	expect_partners(env, "mARi", mari, 3);
	const int64_t o[] = { id[1], id[4], id[0], id[2], id[6] }; /* name or contact */
	expect_partners(env, "o", o, 5);
	const int64_t percent[] = { id[3] };
	expect_partners(env, "%", percent, 1);
	const int64_t underscore[] = { id[5] };
	expect_partners(env, "_", underscore, 1);
	expect_partners(env, "nobody", NULL, 0);

	csr_partner rows[1];
	int n = 0;
	assert_int_equal(csr_partner_page_after(env->db, "echo", NULL, false, rows, 1, &n, NULL),
			 CSR_OK);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].name, "Echo");
	assert_string_equal(rows[0].contact, "Ana");
	assert_string_equal(rows[0].email, "maria@ngo.example");
	assert_string_equal(rows[0].notes, "Mentoring since 2019");
}

static void test_page_after_empty_and_long_search(void **state)
{
	tu_env *env = *state;
	expect_partners(env, NULL, NULL, 0);
	char search[202];
	memset(search, 'a', sizeof search - 1);
	search[sizeof search - 1] = '\0';
	csr_partner rows[1];
	int n = -1;
	int64_t count = -1;
	csr_err err;
	expect_err(csr_partner_page_after(env->db, search, NULL, false, rows, 1, &n, &err), &err,
		   CSR_EINVAL, "Search text is too long (at most 200 bytes)");
	assert_int_equal(n, 0);
	expect_err(csr_partner_count(env->db, search, &count, &err), &err, CSR_EINVAL,
		   "Search text is too long");
	search[200] = '\0';
	assert_int_equal(csr_partner_count(env->db, search, &count, &err), CSR_OK);
	assert_int_equal(count, 0);
}

/* A page seeks the name index from its key, searched or not. (The count
 * of a search reads every partner: there is no index for a substring, and
 * partners are a few hundred at most.) */
static void test_page_after_seeks(void **state)
{
	tu_env *env = *state;
	static const char *const list[][2] = { { "Alpha", "Ana" }, { "Bravo", "Bo" } };
	int64_t id[2];
	save_partners(env, list, 2, id);
	csr_partner key, rows[2];
	int n;
	assert_int_equal(csr_partner_get(env->db, id[0], &key, NULL), CSR_OK);
	for (int backward = 0; backward <= 1; backward++) {
		tu_plan_start(env);
		assert_int_equal(csr_partner_page_after(env->db, NULL, NULL, backward, rows, 2, &n,
							NULL), CSR_OK);
		assert_int_equal(csr_partner_page_after(env->db, "a", &key, backward, rows, 2, &n,
							NULL), CSR_OK);
		tu_assert_seeks(env, backward ? "sqlite_autoindex_partner_1 (name<?)"
					      : "sqlite_autoindex_partner_1 (name>?)");
	}
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
		T(test_page_after_and_search),
		T(test_page_after_empty_and_long_search),
		T(test_page_after_seeks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
