/* SPDX-License-Identifier: MIT */
/* Volunteers: validation, saving, permissions, look-ups and the paged list. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "csrdesk/clock.h"
#include "csrdesk/roster.h"
#include "csrdesk/volunteer.h"
#include "db_private.h"
#include "testutil.h"

static void expect_err(csr_code rc, const csr_err *err, csr_code code, const char *needle)
{
	assert_int_equal(rc, code);
	assert_int_equal(err->code, code);
	if (!strstr(err->msg, needle))
		fail_msg("message '%s' does not say '%s'", err->msg, needle);
}

static csr_volunteer sample(const char *employee_id, const char *name)
{
	csr_volunteer v = { 0 };
	snprintf(v.employee_id, sizeof v.employee_id, "%s", employee_id);
	snprintf(v.name, sizeof v.name, "%s", name);
	snprintf(v.team, sizeof v.team, "Blue");
	snprintf(v.site, sizeof v.site, "Cluj");
	snprintf(v.email, sizeof v.email, "%s@example.org", employee_id);
	snprintf(v.skills, sizeof v.skills, "first aid");
	return v;
}

static int64_t audits(tu_env *env, const char *action)
{
	char sql[160];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE action = '%s'", action);
	return tu_scalar(env, sql);
}

/* ---- validation ---- */

static void test_validate_accepts_a_good_record(void **state)
{
	(void)state;
	csr_volunteer v = sample("E-1_a.b", "Jürgen Müller");
	csr_err err;
	assert_int_equal(csr_volunteer_validate(&v, &err), CSR_OK);
	v.email[0] = '\0'; /* email is optional */
	assert_int_equal(csr_volunteer_validate(&v, &err), CSR_OK);
}

static void test_validate_employee_id(void **state)
{
	(void)state;
	csr_err err;
	csr_volunteer v = sample("", "Zoë");
	snprintf(v.email, sizeof v.email, "zoe@example.org");
	expect_err(csr_volunteer_validate(&v, &err), &err, CSR_EINVAL, "Employee ID is required");
	const char *bad[] = { "E 1", "E/1", "E1;", "Ü1", "E1\n" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(v.employee_id, sizeof v.employee_id, "%s", bad[i]);
		expect_err(csr_volunteer_validate(&v, &err), &err, CSR_EINVAL, "Employee ID");
	}
	memset(v.employee_id, 'A', sizeof v.employee_id - 1);
	v.employee_id[sizeof v.employee_id - 1] = '\0'; /* 31 characters: the most */
	assert_int_equal(csr_volunteer_validate(&v, &err), CSR_OK);
}

static void test_validate_name_required(void **state)
{
	(void)state;
	csr_err err;
	csr_volunteer v = sample("E1", "");
	expect_err(csr_volunteer_validate(&v, &err), &err, CSR_EINVAL, "Name is required");
	snprintf(v.name, sizeof v.name, " \t ");
	expect_err(csr_volunteer_validate(&v, &err), &err, CSR_EINVAL, "Name is required");
}

static void test_validate_email(void **state)
{
	(void)state;
	csr_err err;
	csr_volunteer v = sample("E1", "Zoë");
	const char *bad[] = { "zoe", "zoe@", "@example.org", "zoe@example", "zoe@@example.org",
			      "zo e@example.org", "zoe@.org", "zoe@example.", "zoe@ex..org" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(v.email, sizeof v.email, "%s", bad[i]);
		expect_err(csr_volunteer_validate(&v, &err), &err, CSR_EINVAL, "Email");
	}
	snprintf(v.email, sizeof v.email, "zoe.x+csr@mail.example.org");
	assert_int_equal(csr_volunteer_validate(&v, &err), CSR_OK);
}

static void test_validate_unix_user(void **state)
{
	(void)state;
	csr_err err;
	csr_volunteer v = sample("E1", "Zoë");
	snprintf(v.unix_user, sizeof v.unix_user, "zoe x");
	expect_err(csr_volunteer_validate(&v, &err), &err, CSR_EINVAL, "Unix user");
	snprintf(v.unix_user, sizeof v.unix_user, "zoe_x-1");
	assert_int_equal(csr_volunteer_validate(&v, &err), CSR_OK);
}

/* The record's text fields: where each is, its buffer size, its label. */
static const struct field {
	size_t offset, size;
	const char *label;
} fields[] = {
	{ offsetof(csr_volunteer, employee_id), CSR_EMPLOYEE_ID_MAX, "Employee ID" },
	{ offsetof(csr_volunteer, name), CSR_NAME_MAX, "Name" },
	{ offsetof(csr_volunteer, team), CSR_TEAM_MAX, "Team" },
	{ offsetof(csr_volunteer, site), CSR_TEAM_MAX, "Site" },
	{ offsetof(csr_volunteer, email), CSR_EMAIL_MAX, "Email" },
	{ offsetof(csr_volunteer, skills), CSR_SKILLS_MAX, "Skills" },
	{ offsetof(csr_volunteer, unix_user), CSR_UNIX_USER_MAX, "Unix user" },
};
#define NFIELDS (sizeof fields / sizeof fields[0])

/* A field filled to the brim (no terminator inside it) is refused by name. */
static void test_validate_too_long_names_the_field(void **state)
{
	(void)state;
	for (size_t i = 0; i < NFIELDS; i++) {
		const struct field *f = &fields[i];
		csr_volunteer v = sample("E1", "Zoë");
		memset((char *)&v + f->offset, 'a', f->size);
		csr_err err;
		char want[64];
		snprintf(want, sizeof want, "%s is too long (at most %zu", f->label, f->size - 1);
		expect_err(csr_volunteer_validate(&v, &err), &err, CSR_EINVAL, want);
	}
}

/* Each field refuses an escape sequence by name; only skills may hold a
 * line break (and no field a carriage return). */
static void test_validate_refuses_control_characters(void **state)
{
	(void)state;
	for (size_t i = 0; i < NFIELDS; i++) {
		const struct field *f = &fields[i];
		csr_volunteer v = sample("E1", "Zoë");
		char *field = (char *)&v + f->offset, want[96];
		csr_err err;
		snprintf(field, f->size, "x\x1B[2J");
		snprintf(want, sizeof want, "%s holds a control character (U+001B)", f->label);
		expect_err(csr_volunteer_validate(&v, &err), &err, CSR_EINVAL, want);
		snprintf(field, f->size, "x\ny");
		if (strcmp(f->label, "Skills") == 0) {
			assert_int_equal(csr_volunteer_validate(&v, &err), CSR_OK);
			snprintf(field, f->size, "x\r\ny");
		}
		snprintf(want, sizeof want, "%s holds a control character (U+000%c)", f->label,
			 strchr(field, '\r') ? 'D' : 'A');
		expect_err(csr_volunteer_validate(&v, &err), &err, CSR_EINVAL, want);
	}
}

/* ---- saving ---- */

static void test_save_inserts_and_audits(void **state)
{
	tu_env *env = *state;
	tu_act(env, CSR_ROLE_LEAD, 0);
	csr_volunteer v = sample("E100", "Ionuț Țăranu");
	csr_err err;
	assert_int_equal(csr_volunteer_save(env->db, &v, &err), CSR_OK);
	assert_true(v.id > 0);
	assert_true(v.active);

	csr_volunteer got;
	assert_int_equal(csr_volunteer_get(env->db, v.id, &got, &err), CSR_OK);
	assert_string_equal(got.employee_id, "E100");
	assert_string_equal(got.name, "Ionuț Țăranu");
	assert_string_equal(got.team, "Blue");
	assert_string_equal(got.site, "Cluj");
	assert_string_equal(got.email, "E100@example.org");
	assert_string_equal(got.skills, "first aid");
	assert_string_equal(got.unix_user, "");
	assert_true(got.active);
	assert_false(got.has_pin);
	assert_false(got.locked);
	/* no Unix user is NULL, so any number of volunteers can have none */
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM volunteer WHERE unix_user IS NULL"), 1);

	assert_int_equal(audits(env, "volunteer.create"), 1);
	char sql[160];
	snprintf(sql, sizeof sql,
		 "SELECT count(*) FROM audit WHERE entity = 'volunteer' AND entity_id = %lld"
		 " AND actor = 'test:lead' AND detail LIKE '%%E100%%'", (long long)v.id);
	assert_int_equal(tu_scalar(env, sql), 1);
}

static void test_save_updates(void **state)
{
	tu_env *env = *state;
	csr_volunteer v = sample("E1", "Zoe");
	csr_err err;
	assert_int_equal(csr_volunteer_save(env->db, &v, &err), CSR_OK);
	snprintf(v.name, sizeof v.name, "Zoë Adams");
	snprintf(v.unix_user, sizeof v.unix_user, "zoe");
	assert_int_equal(csr_volunteer_save(env->db, &v, &err), CSR_OK);

	csr_volunteer got;
	assert_int_equal(csr_volunteer_find_unix(env->db, "zoe", &got, &err), CSR_OK);
	assert_int_equal(got.id, v.id);
	assert_string_equal(got.name, "Zoë Adams");
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM volunteer"), 1);
	assert_int_equal(audits(env, "volunteer.update"), 1);
}

static void test_save_update_of_missing_volunteer(void **state)
{
	tu_env *env = *state;
	csr_volunteer v = sample("E1", "Zoe");
	v.id = 4242;
	csr_err err;
	expect_err(csr_volunteer_save(env->db, &v, &err), &err, CSR_ENOTFOUND, "4242");
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit"), 0);
}

static void test_save_refuses_duplicate_employee_id(void **state)
{
	tu_env *env = *state;
	tu_volunteer(env, "E7", "Ada Lovelace");
	csr_volunteer v = sample("E7", "Someone Else");
	csr_err err;
	expect_err(csr_volunteer_save(env->db, &v, &err), &err, CSR_ECONFLICT,
		   "Employee ID E7 is already used by Ada Lovelace");
	assert_int_equal(v.id, 0);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM volunteer"), 1);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit"), 0);

	/* changing another volunteer's ID to a taken one is refused too */
	v = sample("E8", "Someone Else");
	assert_int_equal(csr_volunteer_save(env->db, &v, &err), CSR_OK);
	snprintf(v.employee_id, sizeof v.employee_id, "E7");
	expect_err(csr_volunteer_save(env->db, &v, &err), &err, CSR_ECONFLICT, "E7");
}

static void test_save_refuses_duplicate_unix_user(void **state)
{
	tu_env *env = *state;
	csr_volunteer a = sample("E1", "Ada");
	snprintf(a.unix_user, sizeof a.unix_user, "ada");
	csr_err err;
	assert_int_equal(csr_volunteer_save(env->db, &a, &err), CSR_OK);
	/* saving a volunteer again with their own values is no conflict */
	assert_int_equal(csr_volunteer_save(env->db, &a, &err), CSR_OK);

	csr_volunteer b = sample("E2", "Bea");
	snprintf(b.unix_user, sizeof b.unix_user, "ada");
	expect_err(csr_volunteer_save(env->db, &b, &err), &err, CSR_ECONFLICT,
		   "Unix user ada is already used by Ada (E1)");
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM volunteer"), 1);
	assert_int_equal(audits(env, "volunteer.create"), 1);
}

static void test_save_refused_to_agents(void **state)
{
	tu_env *env = *state;
	int64_t self = tu_volunteer(env, "E1", "Agent Smith");
	tu_act(env, CSR_ROLE_AGENT, self);
	csr_volunteer v = sample("E2", "New Person");
	csr_err err;
	expect_err(csr_volunteer_save(env->db, &v, &err), &err, CSR_EDENIED, "Only team leads");
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM volunteer"), 1);

	/* not even their own record */
	csr_volunteer me;
	assert_int_equal(csr_volunteer_get(env->db, self, &me, &err), CSR_OK);
	snprintf(me.name, sizeof me.name, "Renamed");
	expect_err(csr_volunteer_save(env->db, &me, &err), &err, CSR_EDENIED, "Only team leads");
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM volunteer WHERE name = 'Renamed'"), 0);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit"), 0);
}

static void test_save_refuses_invalid_record(void **state)
{
	tu_env *env = *state;
	csr_volunteer v = sample("E1", "");
	csr_err err;
	expect_err(csr_volunteer_save(env->db, &v, &err), &err, CSR_EINVAL, "Name is required");
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM volunteer"), 0);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit"), 0);
}

static void test_set_active(void **state)
{
	tu_env *env = *state;
	int64_t id = tu_volunteer(env, "E1", "Ada");
	csr_err err;
	csr_volunteer v;
	assert_int_equal(csr_volunteer_set_active(env->db, id, false, &err), CSR_OK);
	assert_int_equal(csr_volunteer_get(env->db, id, &v, &err), CSR_OK);
	assert_false(v.active);
	assert_int_equal(audits(env, "volunteer.deactivate"), 1);

	/* saving an inactive volunteer's other fields keeps them inactive */
	snprintf(v.team, sizeof v.team, "Green");
	assert_int_equal(csr_volunteer_save(env->db, &v, &err), CSR_OK);
	assert_int_equal(csr_volunteer_get(env->db, id, &v, &err), CSR_OK);
	assert_false(v.active);
	assert_string_equal(v.team, "Green");

	assert_int_equal(csr_volunteer_set_active(env->db, id, true, &err), CSR_OK);
	assert_int_equal(csr_volunteer_get(env->db, id, &v, &err), CSR_OK);
	assert_true(v.active);
	assert_int_equal(audits(env, "volunteer.activate"), 1);

	expect_err(csr_volunteer_set_active(env->db, 999, false, &err), &err, CSR_ENOTFOUND,
		   "There is no volunteer 999");
}

static void test_set_active_refused_to_agents(void **state)
{
	tu_env *env = *state;
	int64_t id = tu_volunteer(env, "E1", "Ada");
	tu_act(env, CSR_ROLE_AGENT, id);
	csr_err err;
	expect_err(csr_volunteer_set_active(env->db, id, false, &err), &err, CSR_EDENIED,
		   "Only team leads");
	assert_int_equal(tu_scalar(env, "SELECT active FROM volunteer"), 1);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit"), 0);
}

/* ---- look-ups ---- */

static void test_find_and_not_found(void **state)
{
	tu_env *env = *state;
	int64_t id = tu_volunteer(env, "E55", "Ada");
	csr_volunteer v;
	csr_err err;
	assert_int_equal(csr_volunteer_find(env->db, "E55", &v, &err), CSR_OK);
	assert_int_equal(v.id, id);
	assert_string_equal(v.team, "T1");
	expect_err(csr_volunteer_find(env->db, "E56", &v, &err), &err, CSR_ENOTFOUND, "E56");
	expect_err(csr_volunteer_find_unix(env->db, "nobody", &v, &err), &err, CSR_ENOTFOUND,
		   "nobody");
	expect_err(csr_volunteer_get(env->db, id + 1, &v, &err), &err, CSR_ENOTFOUND,
		   "There is no volunteer");
}

static void test_pin_and_lock_flags(void **state)
{
	tu_env *env = *state;
	int64_t id = tu_volunteer(env, "E1", "Ada");
	csr_volunteer v;
	csr_err err;
	int max = csr_db_config(env->db)->kiosk.max_pin_attempts;
	char sql[160];
	snprintf(sql, sizeof sql,
		 "UPDATE volunteer SET pin_hash = 'x', pin_failures = %d", max - 1);
	tu_scalar(env, sql);
	assert_int_equal(csr_volunteer_get(env->db, id, &v, &err), CSR_OK);
	assert_true(v.has_pin);
	assert_false(v.locked);
	tu_scalar(env, "UPDATE volunteer SET pin_failures = pin_failures + 1");
	assert_int_equal(csr_volunteer_get(env->db, id, &v, &err), CSR_OK);
	assert_true(v.locked);
}

/* ---- the list ---- */

/* Ties in names ("Ana" three times, "Cem" twice) make the id the tie-break. */
static void add_roster(tu_env *env)
{
	const char *names[] = { "Cem", "Ana", "Dan", "Ana", "Bob", "Cem", "Ana", "Eve", "Ana" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		char eid[16];
		snprintf(eid, sizeof eid, "E%zu", i + 1);
		tu_volunteer(env, eid, names[i]);
	}
}

/* The expected order, straight from SQL. */
static int expected_order(tu_env *env, int64_t *ids, int max)
{
	int n = 0;
	for (; n < max; n++) {
		char sql[160];
		snprintf(sql, sizeof sql,
			 "SELECT id FROM volunteer ORDER BY name, id LIMIT 1 OFFSET %d", n);
		if (!(ids[n] = tu_scalar(env, sql)))
			break;
	}
	return n;
}

static void test_page_forward_across_ties(void **state)
{
	tu_env *env = *state;
	add_roster(env);
	int64_t want[16];
	int nwant = expected_order(env, want, 16);
	assert_int_equal(nwant, 9);

	int64_t got[16];
	int ngot = 0, n, pages = 0;
	char after_name[CSR_NAME_MAX] = "";
	int64_t after_id = 0;
	csr_volunteer_row rows[2];
	csr_err err;
	do {
		assert_int_equal(csr_volunteer_page(env->db, NULL, after_name, after_id, false,
						    rows, 2, &n, &err), CSR_OK);
		for (int i = 0; i < n; i++)
			got[ngot++] = rows[i].v.id;
		if (n) {
			snprintf(after_name, sizeof after_name, "%s", rows[n - 1].v.name);
			after_id = rows[n - 1].v.id;
		}
		pages++;
	} while (n == 2);
	assert_int_equal(pages, 5); /* 2+2+2+2+1 */
	assert_int_equal(ngot, nwant);
	assert_memory_equal(got, want, sizeof want[0] * (size_t)nwant);
}

static void test_page_backward_across_ties(void **state)
{
	tu_env *env = *state;
	add_roster(env);
	int64_t want[16];
	int nwant = expected_order(env, want, 16);

	int64_t got[16];
	int end = nwant, n;
	char before_name[CSR_NAME_MAX] = "";
	int64_t before_id = 0;
	csr_volunteer_row rows[4];
	csr_err err;
	do {
		assert_int_equal(csr_volunteer_page(env->db, NULL, before_name, before_id, true,
						    rows, 4, &n, &err), CSR_OK);
		/* each page comes out ascending and ends just before the key */
		for (int i = 0; i < n; i++)
			got[end - n + i] = rows[i].v.id;
		end -= n;
		if (n) {
			snprintf(before_name, sizeof before_name, "%s", rows[0].v.name);
			before_id = rows[0].v.id;
		}
	} while (n == 4);
	assert_int_equal(end, 0);
	assert_memory_equal(got, want, sizeof want[0] * (size_t)nwant);
}

/* From a key inside a run of equal names: the id decides the side. */
static void test_page_from_the_middle_of_ties(void **state)
{
	tu_env *env = *state;
	add_roster(env);
	int64_t want[16];
	expected_order(env, want, 16); /* Ana Ana Ana Ana Bob Cem Cem Dan Eve */
	csr_volunteer key;
	csr_err err;
	assert_int_equal(csr_volunteer_get(env->db, want[2], &key, &err), CSR_OK);
	assert_string_equal(key.name, "Ana");
	csr_volunteer_row rows[3];
	int n;
	assert_int_equal(csr_volunteer_page(env->db, NULL, key.name, key.id, true, rows, 3, &n,
					    &err), CSR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].v.id, want[0]);
	assert_int_equal(rows[1].v.id, want[1]);
	assert_int_equal(csr_volunteer_page(env->db, NULL, key.name, key.id, false, rows, 3, &n,
					    &err), CSR_OK);
	assert_int_equal(n, 3);
	assert_int_equal(rows[0].v.id, want[3]);
	assert_int_equal(rows[1].v.id, want[4]);
	assert_int_equal(rows[2].v.id, want[5]);
}

static int page_names(tu_env *env, const csr_volunteer_query *q, char names[][CSR_NAME_MAX],
		      int max)
{
	csr_volunteer_row rows[16];
	int n;
	csr_err err;
	assert_true(max <= 16);
	assert_int_equal(csr_volunteer_page(env->db, q, NULL, 0, false, rows, max, &n, &err),
			 CSR_OK);
	for (int i = 0; i < n; i++)
		snprintf(names[i], CSR_NAME_MAX, "%s", rows[i].v.name);
	int64_t count = -1;
	assert_int_equal(csr_volunteer_count(env->db, q, &count, &err), CSR_OK);
	assert_int_equal(count, n); /* the count agrees with the list */
	return n;
}

static void test_search_escapes_wildcards(void **state)
{
	tu_env *env = *state;
	tu_volunteer(env, "E1", "100% Ana");
	tu_volunteer(env, "E2", "Ana_B");
	tu_volunteer(env, "E3", "AnaXB");
	tu_volunteer(env, "E4", "Anna");
	tu_volunteer(env, "E5", "Back\\slash");
	char names[16][CSR_NAME_MAX];
	csr_volunteer_query q = { .search = "%" };
	assert_int_equal(page_names(env, &q, names, 16), 1);
	assert_string_equal(names[0], "100% Ana");

	q.search = "a_b"; /* _ is a letter here, and the match ignores case */
	assert_int_equal(page_names(env, &q, names, 16), 1);
	assert_string_equal(names[0], "Ana_B");

	q.search = "\\";
	assert_int_equal(page_names(env, &q, names, 16), 1);
	assert_string_equal(names[0], "Back\\slash");

	q.search = "ANA";
	assert_int_equal(page_names(env, &q, names, 16), 3);
	q.search = "";
	assert_int_equal(page_names(env, &q, names, 16), 5);
}

static void test_search_covers_id_team_and_email(void **state)
{
	tu_env *env = *state;
	tu_volunteer(env, "X-900", "Ada");
	int64_t b = tu_volunteer(env, "E2", "Bea");
	int64_t c = tu_volunteer(env, "E3", "Cem");
	char sql[160];
	snprintf(sql, sizeof sql, "UPDATE volunteer SET team = 'Night Owls' WHERE id = %lld"
		 "", (long long)b);
	tu_scalar(env, sql);
	snprintf(sql, sizeof sql, "UPDATE volunteer SET email = 'cem@charity.example' WHERE id = %lld"
		 "", (long long)c);
	tu_scalar(env, sql);
	char names[16][CSR_NAME_MAX];
	csr_volunteer_query q = { .search = "x-9" };
	assert_int_equal(page_names(env, &q, names, 16), 1);
	assert_string_equal(names[0], "Ada");
	q.search = "owl";
	assert_int_equal(page_names(env, &q, names, 16), 1);
	assert_string_equal(names[0], "Bea");
	q.search = "CHARITY";
	assert_int_equal(page_names(env, &q, names, 16), 1);
	assert_string_equal(names[0], "Cem");
}

static void test_search_too_long(void **state)
{
	tu_env *env = *state;
	char text[300];
	memset(text, 'a', sizeof text - 1);
	text[sizeof text - 1] = '\0';
	csr_volunteer_query q = { .search = text };
	csr_volunteer_row rows[2];
	int n;
	int64_t count;
	csr_err err;
	expect_err(csr_volunteer_page(env->db, &q, NULL, 0, false, rows, 2, &n, &err), &err,
		   CSR_EINVAL, "Search text is too long");
	expect_err(csr_volunteer_count(env->db, &q, &count, &err), &err, CSR_EINVAL,
		   "Search text is too long");
}

static void test_team_filter_and_inactive(void **state)
{
	tu_env *env = *state;
	tu_volunteer(env, "E1", "Ada");
	int64_t b = tu_volunteer(env, "E2", "Bea");
	int64_t c = tu_volunteer(env, "E3", "Cem");
	char sql[160];
	snprintf(sql, sizeof sql, "UPDATE volunteer SET team = 'T2' WHERE id IN (%lld, %lld)"
		 "", (long long)b, (long long)c);
	tu_scalar(env, sql);
	csr_err err;
	assert_int_equal(csr_volunteer_set_active(env->db, c, false, &err), CSR_OK);

	char names[16][CSR_NAME_MAX];
	csr_volunteer_query q = { 0 };
	assert_int_equal(page_names(env, &q, names, 16), 2); /* Cem is inactive */
	assert_string_equal(names[0], "Ada");
	assert_string_equal(names[1], "Bea");
	q.include_inactive = true;
	assert_int_equal(page_names(env, &q, names, 16), 3);
	q.team = "T2";
	assert_int_equal(page_names(env, &q, names, 16), 2);
	assert_string_equal(names[0], "Bea");
	assert_string_equal(names[1], "Cem");
	q.include_inactive = false;
	assert_int_equal(page_names(env, &q, names, 16), 1);
	q.team = "T9";
	assert_int_equal(page_names(env, &q, names, 16), 0);
}

static int64_t start_of_year(void)
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	tm = (struct tm){ .tm_year = tm.tm_year, .tm_mday = 1, .tm_isdst = -1 };
	return (int64_t)mktime(&tm);
}

static void add_hours(tu_env *env, int64_t vid, int64_t worked_on, int minutes,
		      const char *status)
{
	char sql[256];
	snprintf(sql, sizeof sql,
		 "INSERT INTO hours (volunteer_id, worked_on, minutes, status, created_at)"
		 " VALUES (%lld, %lld, %d, '%s', 0)",
		 (long long)vid, (long long)worked_on, minutes, status);
	tu_scalar(env, sql);
}

static void add_signup(tu_env *env, int64_t initiative, int64_t vid, const char *status)
{
	char sql[256];
	snprintf(sql, sizeof sql,
		 "INSERT INTO signup (initiative_id, volunteer_id, status, created_at, updated_at)"
		 " VALUES (%lld, %lld, '%s', 0, 0)",
		 (long long)initiative, (long long)vid, status);
	tu_scalar(env, sql);
}

static void test_rows_carry_hours_and_signups(void **state)
{
	tu_env *env = *state;
	int64_t ada = tu_volunteer(env, "E1", "Ada");
	tu_volunteer(env, "E2", "Bea");
	int64_t year = start_of_year();
	add_hours(env, ada, year, 60, "approved");           /* the first second counts */
	add_hours(env, ada, csr_now(), 30, "approved");
	add_hours(env, ada, year - 1, 600, "approved");      /* last year */
	add_hours(env, ada, csr_now(), 45, "pending");
	add_hours(env, ada, csr_now(), 15, "rejected");
	const char *statuses[] = { "confirmed", "waitlisted", "attended", "cancelled", "no-show" };
	for (size_t i = 0; i < 5; i++)
		add_signup(env, tu_initiative(env, "Trees", 24.0 * (double)(i + 1), 10), ada,
			   statuses[i]);

	csr_volunteer_row rows[4];
	int n;
	csr_err err;
	assert_int_equal(csr_volunteer_page(env->db, NULL, NULL, 0, false, rows, 4, &n, &err),
			 CSR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].v.id, ada);
	assert_int_equal(rows[0].minutes_this_year, 90);
	assert_int_equal(rows[0].signups, 3);
	assert_int_equal(rows[1].minutes_this_year, 0);
	assert_int_equal(rows[1].signups, 0);
}

static void test_page_with_no_room(void **state)
{
	tu_env *env = *state;
	tu_volunteer(env, "E1", "Ada");
	csr_volunteer_row rows[1];
	int n = 7;
	csr_err err;
	assert_int_equal(csr_volunteer_page(env->db, NULL, NULL, 0, false, rows, 0, &n, &err),
			 CSR_OK);
	assert_int_equal(n, 0);
}

/* ---- teams and sites ---- */

static void set_group(tu_env *env, int64_t id, const char *team, const char *site)
{
	char sql[200];
	snprintf(sql, sizeof sql, "UPDATE volunteer SET team = '%s', site = '%s' WHERE id = %lld",
		 team, site, (long long)id);
	tu_scalar(env, sql);
}

static void test_groups_are_distinct_sorted_and_active(void **state)
{
	tu_env *env = *state;
	set_group(env, tu_volunteer(env, "E1", "Ada"), "Sales", "Oslo");
	set_group(env, tu_volunteer(env, "E2", "Bea"), "Care", "Cluj");
	set_group(env, tu_volunteer(env, "E3", "Cem"), "Sales", "");
	set_group(env, tu_volunteer(env, "E4", "Dan"), "", "Cluj");
	set_group(env, tu_volunteer(env, "E5", "Eve"), "Alumni", "Lima");
	tu_scalar(env, "UPDATE volunteer SET active = 0 WHERE employee_id = 'E5'");

	char rows[8][CSR_TEAM_MAX];
	int n = -1;
	csr_err err;
	assert_int_equal(csr_volunteer_groups(env->db, CSR_GROUP_TEAM, rows, 8, &n, &err), CSR_OK);
	assert_int_equal(n, 2); /* no "", no team of people who left, Sales once */
	assert_string_equal(rows[0], "Care");
	assert_string_equal(rows[1], "Sales");
	assert_int_equal(csr_volunteer_groups(env->db, CSR_GROUP_SITE, rows, 8, &n, &err), CSR_OK);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0], "Cluj");
	assert_string_equal(rows[1], "Oslo");
	assert_int_equal(csr_volunteer_groups(env->db, CSR_GROUP_SITE, rows, 1, &n, &err), CSR_OK);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0], "Cluj");
}

static void test_groups_with_no_room_or_unknown_group(void **state)
{
	tu_env *env = *state;
	tu_volunteer(env, "E1", "Ada"); /* team T1 */
	char rows[1][CSR_TEAM_MAX];
	int n = 7;
	csr_err err;
	assert_int_equal(csr_volunteer_groups(env->db, CSR_GROUP_TEAM, rows, 0, &n, &err), CSR_OK);
	assert_int_equal(n, 0);
	expect_err(csr_volunteer_groups(env->db, (csr_volunteer_group)9, rows, 1, &n, &err), &err,
		   CSR_EINVAL, "Unknown volunteer group");
}

/* ---- the search index against a brute-force LIKE ---- */

/* The list's meaning written the slow way, as it was before the index: every
 * row read (NOT INDEXED), the text's %, _ and \ escaped for LIKE in SQL. */
static const char oracle_sql[] =
	"WITH p(x) AS (SELECT '%' || replace(replace(replace(?1, '\\', '\\\\'),"
	" '%', '\\%'), '_', '\\_') || '%')"
	" SELECT id FROM volunteer NOT INDEXED, p"
	" WHERE (?1 IS NULL OR name LIKE x ESCAPE '\\' OR employee_id LIKE x ESCAPE '\\'"
	" OR team LIKE x ESCAPE '\\' OR email LIKE x ESCAPE '\\')"
	" AND (?2 IS NULL OR team = ?2) AND (?3 OR active = 1) ORDER BY name, id";

enum { MANY = 4096 };

static int oracle(sqlite3 *s, const csr_volunteer_query *q, int64_t *ids)
{
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(s, oracle_sql, -1, &st, NULL), SQLITE_OK);
	if (q->search && *q->search)
		sqlite3_bind_text(st, 1, q->search, -1, SQLITE_STATIC);
	if (q->team)
		sqlite3_bind_text(st, 2, q->team, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, q->include_inactive);
	int n = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		assert_true(n < MANY);
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	assert_int_equal(rc, SQLITE_DONE);
	sqlite3_finalize(st);
	return n;
}

/* Every row of the list, a page of per rows at a time, forward; checks that
 * paging backward from the end gives the same rows and that the count
 * agrees. */
static int listed(csr_db *db, const csr_volunteer_query *q, int per, int64_t *ids)
{
	csr_volunteer_row rows[64];
	csr_volunteer last = { 0 };
	csr_err err;
	int total = 0, n;
	assert_true(per <= 64);
	do {
		if (csr_volunteer_page(db, q, last.name, last.id, false, rows, per, &n, &err))
			fail_msg("page: %s", err.msg);
		for (int i = 0; i < n; i++) {
			assert_true(total < MANY);
			ids[total++] = rows[i].v.id;
		}
		if (n)
			last = rows[n - 1].v;
	} while (n == per);
	int end = total;
	last = (csr_volunteer){ 0 };
	do {
		if (csr_volunteer_page(db, q, last.name, last.id, true, rows, per, &n, &err))
			fail_msg("page back: %s", err.msg);
		assert_true(n <= end);
		for (int i = 0; i < n; i++)
			assert_int_equal(rows[i].v.id, ids[end - n + i]);
		end -= n;
		if (n)
			last = rows[0].v;
	} while (n == per);
	assert_int_equal(end, 0);
	int64_t count = -1;
	if (csr_volunteer_count(db, q, &count, &err))
		fail_msg("count: %s", err.msg);
	assert_int_equal(count, total);
	return total;
}

/* The list equals the brute-force LIKE for one query; returns how many. */
static int check_query(csr_db *db, const csr_volunteer_query *q, int per)
{
	static int64_t want[MANY], got[MANY];
	int nwant = oracle(csr_db_sqlite(db), q, want);
	int ngot = listed(db, q, per, got);
	if (ngot != nwant || memcmp(got, want, sizeof want[0] * (size_t)nwant) != 0)
		fail_msg("search '%s' (team %s, inactive %d): %d rows, LIKE finds %d",
			 q->search ? q->search : "(none)", q->team ? q->team : "(any)",
			 q->include_inactive, ngot, nwant);
	return ngot;
}

/* ... with and without inactive volunteers, in any team and in Blue. */
static void check_search(csr_db *db, const char *search)
{
	for (int f = 0; f < 4; f++) {
		csr_volunteer_query q = { .search = search, .include_inactive = f & 1,
					  .team = f & 2 ? "Blue" : NULL };
		check_query(db, &q, 3);
	}
}

static int64_t add_person(sqlite3 *s, const char *employee_id, const char *name,
			  const char *team, const char *email, bool active)
{
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(s,
		"INSERT INTO volunteer (employee_id, name, team, email, active, created_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, 0)", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, employee_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, team, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, email, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, active);
	if (sqlite3_step(st) != SQLITE_DONE)
		fail_msg("adding %s: %s", name, sqlite3_errmsg(s));
	sqlite3_finalize(st);
	return sqlite3_last_insert_rowid(s);
}

static void run_sql(sqlite3 *s, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(s, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
}

/* Case pairs that LIKE tells apart (non-ASCII) or not (ASCII), characters
 * that mean something to LIKE, to FTS5 queries or to SQL, CJK, a 4-byte
 * character, ties in names, a word split across two columns, and stored
 * text that is not valid UTF-8 (plain SQL can write it). */
static const struct {
	const char *employee_id, *name, *team, *email;
	bool active;
} tricky[] = {
	{ "E01", "Ana María", "Blue", "ana@example.org", true },
	{ "E02", "ANA MARIA", "Night Owls", "ANA.M@EXAMPLE.ORG", true },
	{ "E03", "Анна Иванова", "Blue", "anna@example.org", true },
	{ "E04", "АННА ИВАНОВА", "Blue", "", false },
	{ "E05", "Jürgen Müller", "R&D", "jm@example.org", true },
	{ "E06", "JÜRGEN MÜLLER", "R&D", "", true },
	{ "E07", "Σοφία Παπαδοπούλου", "Sales – Old Town", "sofia@example.org", true },
	{ "E08", "ΣΟΦΊΑ ΠΑΠΑΔΟΠΟΎΛΟΥ", "Sales – Old Town", "", true },
	{ "E09", "İbrahim Yılmaz", "Blue", "ibo@example.org", true },
	{ "E10", "ibrahim yilmaz", "Blue", "", true },
	{ "E11", "\xE2\x84\xAA" "elvin Kay", "Blue", "", true }, /* KELVIN SIGN */
	{ "E12", "kelvin kay", "Blue", "", true },
	{ "E13", "Straße", "Blue", "", true },
	{ "E14", "STRASSE", "Blue", "", true },
	{ "E15", "STRA\xE1\xBA\x9E" "E", "Blue", "", true }, /* capital sharp s */
	{ "E16", "王秀英", "Blue", "wang@example.org", true },
	{ "E17", "王秀", "Blue", "", true },
	{ "E18", "黄敏", "Night Owls", "", true },
	{ "E19", "100% Ana", "100%", "", true },
	{ "E20", "Ana_B", "Blue", "", true },
	{ "E21", "AnaXB", "Blue", "", true },
	{ "E22", "Back\\slash", "Blue", "", true },
	{ "E23", "Quote \"Q\" Smith", "Blue", "q@example.org", true },
	{ "E24", "O'Brien", "Blue", "", true },
	{ "E25", "a*b NEAR AND OR NOT", "Blue", "", true },
	{ "E26", "(paren) ^caret x:y {c} -z", "Blue", "", true },
	{ "E27", "Zoë", "Blue", "", true },
	{ "E28", "ZOË", "Blue", "", false },
	{ "E29", "zoe", "Blue", "", true },
	{ "E30", "Nguyễn Văn An", "Night Owls", "", true },
	{ "E31", "ÉMILE", "Blue", "", true },
	{ "E32", "émile", "Blue", "", true },
	{ "E33", "Ab", "Ab", "", true },
	{ "E34", "Abc", "Blue", "abc@example.org", true },
	{ "E35", "Ana", "Blue", "ana@ex.org", true },
	{ "E36", "Ana", "Night Owls", "", true },
	{ "E37", "Ana", "Blue", "", false },
	{ "E38", "Cross Col", "ab", "cd@example.org", true },
	{ "E39", "Emoji \xF0\x9F\x98\x80 Fan", "Blue", "", true },
	{ "E40", "Tab\tName", "Blue", "", true },
	{ "E41", "a%_\\x", "%_\\", "", true },
	{ "E42", "x\xEF\xBF\xBDyz", "Blue", "", true }, /* U+FFFD */
	{ "E43", "x\xEF\xBF\xBEyz", "Blue", "", true }, /* U+FFFE: FTS5 reads it as U+FFFD */
};

static void add_tricky(sqlite3 *s)
{
	for (size_t i = 0; i < sizeof tricky / sizeof tricky[0]; i++)
		add_person(s, tricky[i].employee_id, tricky[i].name, tricky[i].team,
			   tricky[i].email, tricky[i].active);
	run_sql(s, "INSERT INTO volunteer (employee_id, name, team, created_at) VALUES"
		   " ('E44', 'ab' || CAST(X'80' AS TEXT) || 'cdé', 'Blue', 0),"
		   " ('E45', CAST(X'41C3' AS TEXT) || 'bcd', 'Blue', 0),"
		   " ('E46', 'xy' || CAST(X'C0AF' AS TEXT) || 'zw', 'Blue', 0),"
		   " ('E47', 'Lone' || CAST(X'E282' AS TEXT), 'Blue', 0),"
		   /* cut short: LIKE reads U+0138 and U+07D8, printable */
		   " ('E48', 'Cut' || CAST(X'E4B8' AS TEXT) || 'x', 'Blue', 0),"
		   " ('E49', 'Cut' || CAST(X'F09F98' AS TEXT) || 'y', 'Blue', 0)");
}

static const char *const tricky_searches[] = {
	"ana", "ANA", "aNa", "maría", "MARÍA", "maria", "анна", "АННА", "Анна", "müller",
	"MÜLLER", "Müller", "üll", "ÜLL", "σοφ", "ΣΟΦ", "Σοφ", "σοφί", "ibr", "İbr", "IBR",
	"kel", "KEL", "\xE2\x84\xAA" "el", "straße", "STRASSE", "strasse", "ra\xE1\xBA\x9E",
	"王秀英", "王秀", "王", "秀英", "黄敏", "100%", "%", "%%", "0% a", "_", "a_b", "A_B",
	"\\", "\\s", "k\\s", "\"", "\"q\"", "Quote \"Q", "o'b", "O'", "'", "a*b", "NEAR",
	"near and", "OR NOT", "(pa", "^ca", "x:y", "{c}", "-z", "zoë", "ZOË", "Zoe", "zoe",
	"nguyễn", "NGUYỄN", "ễn v", "émi", "ÉMI", "emi", "ab", "Ab", "abc", "ABC", "abcd",
	"colab", "col", "\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80 f", "ji \xF0\x9F\x98\x80",
	"tab", "\t", "b\tn", "%_\\", "a%_", "cd", "bcd", "cdé", "b\x80" "c", "ab\x80",
	"\xC3", "A\xC3", "Ãb", "zw", "yz", "x\xEF\xBF\xBDy", "x\xEF\xBF\xBEy",
	"\xEF\xBF\xBD", "one", "\xE2\x82", "@example", "example.org", ".org", "EXAMPLE",
	"e0", "e1", "E3", "Owls", "night owls", "–", "sales – old", "R&D", "&", " ", "  ",
	"a", "é", "z", "Ana María", "ana maría ",
};

static void test_search_matches_like_on_tricky_text(void **state)
{
	tu_env *env = *state;
	add_tricky(csr_db_sqlite(env->db));
	for (size_t i = 0; i < sizeof tricky_searches / sizeof tricky_searches[0]; i++)
		check_search(env->db, tricky_searches[i]);
	check_search(env->db, NULL);

	/* what that means, spelled out: ASCII ignores case, the rest does not */
	csr_volunteer_query q = { .search = "müller" };
	int64_t ids[MANY];
	assert_int_equal(listed(env->db, &q, 3, ids), 1);
	q.search = "ANA MAR";
	assert_int_equal(listed(env->db, &q, 3, ids), 2); /* Ana María, ANA MARIA */
	q.search = "σοφ";
	assert_int_equal(listed(env->db, &q, 3, ids), 0); /* Σοφία: Greek case counts */
	q.search = "Σοφ";
	assert_int_equal(listed(env->db, &q, 3, ids), 1);
	q.search = "kel";
	assert_int_equal(listed(env->db, &q, 3, ids), 1); /* not the Kelvin sign */
	q.search = "abcd";
	assert_int_equal(listed(env->db, &q, 3, ids), 0); /* "ab" and "cd" are two columns */
}

/* Every piece of three to five characters of every name, as stored and with
 * ASCII letters in upper case: the searches that go through the index. */
static void test_search_matches_like_on_every_piece_of_a_name(void **state)
{
	tu_env *env = *state;
	sqlite3 *s = csr_db_sqlite(env->db);
	add_tricky(s);
	int pieces = 0;
	for (size_t i = 0; i < sizeof tricky / sizeof tricky[0]; i++) {
		const char *name = tricky[i].name;
		for (const char *a = name; *a; a++) {
			if (((unsigned char)*a & 0xC0) == 0x80)
				continue;
			const char *b = a;
			for (int len = 1; len <= 5 && *b; len++) {
				do
					b++;
				while (((unsigned char)*b & 0xC0) == 0x80);
				if (len < 3)
					continue;
				char piece[32];
				snprintf(piece, sizeof piece, "%.*s", (int)(b - a), a);
				csr_volunteer_query q = { .search = piece, .include_inactive = true };
				assert_true(check_query(env->db, &q, 4) >= 1);
				for (char *c = piece; *c; c++)
					*c = (char)toupper((unsigned char)*c);
				check_query(env->db, &q, 4);
				pieces++;
			}
		}
	}
	assert_true(pieces > 300);
}

static void import_roster(tu_env *env, const char *text)
{
	FILE *f = fopen(tu_write_file(env, "roster.csv", text), "rb");
	assert_non_null(f);
	csr_roster_report r;
	csr_err err;
	if (csr_roster_import(env->db, f, "roster.csv", false, NULL, NULL, NULL, &r, &err))
		fail_msg("import: %s", err.msg);
	fclose(f);
}

/* The indexes follow the rows (FTS5's own check against their content:
 * volunteer, and the short index's tokens made afresh from it), and
 * volunteer_count follows the active flags. */
static void check_kept_current(sqlite3 *s)
{
	run_sql(s, "INSERT INTO volunteer_search (volunteer_search, rank)"
		   " VALUES ('integrity-check', 1)");
	run_sql(s, "INSERT INTO volunteer_short (volunteer_short, rank)"
		   " VALUES ('integrity-check', 1)");
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(s,
		"SELECT count(*) FROM volunteer_count c WHERE n <>"
		" (SELECT count(*) FROM volunteer v WHERE v.active = c.active)", -1, &st, NULL),
		SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 0);
	sqlite3_finalize(st);
}

static void check_all_tricky_searches(csr_db *db)
{
	for (size_t i = 0; i < sizeof tricky_searches / sizeof tricky_searches[0]; i++)
		check_search(db, tricky_searches[i]);
	check_search(db, NULL);
}

static int found(csr_db *db, const char *search)
{
	csr_volunteer_query q = { .search = search, .include_inactive = true };
	int64_t ids[MANY];
	return listed(db, &q, 3, ids);
}

/* Every way a volunteer changes: the module, the roster import, plain SQL
 * (rename, new team and email, a new id, deactivation, deletion). */
static void test_search_follows_every_write(void **state)
{
	tu_env *env = *state;
	sqlite3 *s = csr_db_sqlite(env->db);
	add_tricky(s);
	check_kept_current(s);
	csr_err err;

	csr_volunteer v;
	assert_int_equal(csr_volunteer_find(env->db, "E05", &v, &err), CSR_OK);
	snprintf(v.name, sizeof v.name, "Jürgen Schmidt");
	assert_int_equal(csr_volunteer_save(env->db, &v, &err), CSR_OK);
	assert_int_equal(found(env->db, "Müller"), 0);
	assert_int_equal(found(env->db, "Schmidt"), 1);
	csr_volunteer nv = sample("E90", "Wilhelmina Quist");
	assert_int_equal(csr_volunteer_save(env->db, &nv, &err), CSR_OK);
	assert_int_equal(found(env->db, "wilhelmina"), 1);
	assert_int_equal(csr_volunteer_set_active(env->db, nv.id, false, &err), CSR_OK);
	assert_int_equal(csr_volunteer_set_active(env->db, v.id, false, &err), CSR_OK);
	check_kept_current(s);

	import_roster(env, "employee_id,name,team,email\n"
			   "E16,Wang Xiuying,Roster Team,wx@example.org\n"
			   "E91,Hannelore Brandt,Roster Team,hb@example.org\n");
	assert_int_equal(found(env->db, "王秀英"), 0);
	assert_int_equal(found(env->db, "xiuying"), 1);
	assert_int_equal(found(env->db, "roster team"), 2);
	check_kept_current(s);

	run_sql(s, "UPDATE volunteer SET name = 'Renata Pilz' WHERE employee_id = 'E03';"
		   "UPDATE volunteer SET team = 'Moonlight', email = 'moon@example.org'"
		   " WHERE employee_id IN ('E01', 'E02');"
		   "UPDATE volunteer SET id = id + 1000 WHERE employee_id = 'E27';"
		   "UPDATE volunteer SET active = 1 - active WHERE employee_id IN ('E04', 'E09');"
		   "UPDATE volunteer SET pin_failures = 2, skills = 'knots';"
		   "DELETE FROM volunteer WHERE employee_id IN ('E12', 'E19');");
	assert_int_equal(found(env->db, "Анна Ив"), 0);
	assert_int_equal(found(env->db, "pilz"), 1);
	assert_int_equal(found(env->db, "moonlight"), 2);
	assert_int_equal(found(env->db, "kelvin"), 0);
	assert_int_equal(found(env->db, "100%"), 0);
	check_kept_current(s);
	check_all_tricky_searches(env->db);
	const char *changed[] = { "Schmidt", "wilhelmina", "xiuying", "roster", "pilz",
				  "moon", "zoë", "Zoë", "E27" };
	for (size_t i = 0; i < sizeof changed / sizeof changed[0]; i++)
		check_search(env->db, changed[i]);
}

/* A search matching nearly everyone, at a size where the trigram index
 * would cost more than a scan, means the same, and so does a rare one. */
static void test_search_matches_like_on_a_large_roster(void **state)
{
	tu_env *env = *state;
	sqlite3 *s = csr_db_sqlite(env->db);
	static const char *const first[] = { "Maria", "Omar", "Ana", "Jürgen", "Zoë",
					     "İbrahim", "王", "Анна", "Sofía", "Mark" };
	static const char *const last[] = { "Marquez", "Schmidt", "Ramírez", "Yılmaz", "秀英",
					    "Иванова", "O'Neil", "Dąbrowska", "Nguyễn", "Lee" };
	run_sql(s, "BEGIN");
	for (int i = 0; i < 2500; i++) {
		char eid[16], name[96], team[32], email[48];
		snprintf(eid, sizeof eid, "L%05d", i);
		snprintf(name, sizeof name, "%s %s", first[i % 10], last[(i / 10 + i) % 10]);
		if (i % 4)
			snprintf(team, sizeof team, "Team %d", i % 7);
		else
			snprintf(team, sizeof team, "Blue");
		snprintf(email, sizeof email, "l%05d@callcenter.example", i);
		add_person(s, eid, name, team, email, i % 9 != 0);
	}
	run_sql(s, "COMMIT");
	const char *searches[] = { "callcenter", "example", "exa", "l0", "l00", "l0012",
				   "team", "TEAM 3", "mar", "MAR", "omar", "ramírez", "RAMÍREZ",
				   "王 秀", "ова", "o'n", "zoë", "ZOË", "ma", "m", "xyz", "l", "L0",
				   "秀", "王", "3", "13", "@", " ", "qx" };
	for (size_t i = 0; i < sizeof searches / sizeof searches[0]; i++)
		for (int f = 0; f < 4; f++) {
			csr_volunteer_query q = { .search = searches[i],
						  .include_inactive = f & 1,
						  .team = f & 2 ? "Blue" : NULL };
			check_query(env->db, &q, 64);
		}
}

/* Emptied, the index finds nothing: so searches of three or more characters
 * do go through it, and shorter ones do not. When it names many more
 * candidates than there are volunteers, the scan is used instead. */
static void test_search_uses_the_index_from_three_characters(void **state)
{
	tu_env *env = *state;
	sqlite3 *s = csr_db_sqlite(env->db);
	add_tricky(s);
	assert_int_equal(found(env->db, "Müller"), 1);
	run_sql(s, "INSERT INTO volunteer_search (volunteer_search) VALUES ('delete-all')");
	assert_int_equal(found(env->db, "Müller"), 0);
	assert_int_equal(found(env->db, "黄敏"), 1); /* two characters: the scan */
	assert_int_equal(found(env->db, "\tNa"), 1); /* a control character: the scan */
	assert_int_equal(found(env->db, ""), (int)(sizeof tricky / sizeof tricky[0]) + 6);

	/* 5,000 stray entries for rows that do not exist: the scan, which is right */
	run_sql(s, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)"
		   " INSERT INTO volunteer_search (rowid, name, employee_id, team, email)"
		   " SELECT 100000 + i, 'Müller', '', '', '' FROM n");
	assert_int_equal(found(env->db, "Müller"), 1);
	run_sql(s, "INSERT INTO volunteer_search (volunteer_search) VALUES ('rebuild')");
	check_kept_current(s);
	assert_int_equal(found(env->db, "Müller"), 1);
}

/* A database made at version 4, with volunteers in it, gets the index and
 * the count when it is opened, and searches as before. */
static void test_search_after_migrating_from_version_4(void **state)
{
	tu_env *env = *state;
	char path[320];
	snprintf(path, sizeof path, "%s/v4.db", env->dir);
	csr_db *db = NULL;
	csr_err err;
	assert_int_equal(csr_db_open(path, env->cfg, true, &db, &err), CSR_OK);
	sqlite3 *s = csr_db_sqlite(db);
	/* Dropping tables (and views) one by one: a foreign key's action (ON DELETE
	 * CASCADE) would look for a table already dropped. */
	run_sql(s, "PRAGMA foreign_keys = OFF");
	for (;;) { /* back to an empty file, then up to version 4 only */
		sqlite3_stmt *st = NULL;
		assert_int_equal(sqlite3_prepare_v2(s, "SELECT upper(type), name FROM sqlite_master"
			" WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'", -1, &st, NULL),
			SQLITE_OK);
		char drop[160] = "";
		if (sqlite3_step(st) == SQLITE_ROW)
			snprintf(drop, sizeof drop, "DROP %s \"%s\"", sqlite3_column_text(st, 0),
				 sqlite3_column_text(st, 1));
		sqlite3_finalize(st);
		if (!*drop)
			break;
		run_sql(s, drop);
	}
	run_sql(s, "PRAGMA user_version = 0; PRAGMA foreign_keys = ON");
	assert_int_equal(csr_db_migrate_to(db, 4, &err), CSR_OK);
	assert_int_equal(csr_db_schema_version(db), 4);
	add_tricky(s);
	csr_db_close(&db);

	if (csr_db_open(path, env->cfg, false, &db, &err))
		fail_msg("migrating from version 4: %s", err.msg);
	assert_int_equal(csr_db_schema_version(db), csr_db_latest_version());
	s = csr_db_sqlite(db);
	check_kept_current(s);
	csr_volunteer_query q = { .search = "müller" };
	int64_t ids[MANY];
	assert_int_equal(listed(db, &q, 3, ids), 1);
	check_all_tricky_searches(db);
	csr_db_close(&db);
}

/* ---- one or two characters: the short index ---- */

enum { PIECES_MAX = 4096 };

/* Pieces checked already (a test's data repeats many of them). */
static char seen_pieces[PIECES_MAX][16];
static int nseen_pieces;

static bool seen_before(const char *piece)
{
	for (int i = 0; i < nseen_pieces; i++)
		if (strcmp(seen_pieces[i], piece) == 0)
			return true;
	assert_true(nseen_pieces < PIECES_MAX && strlen(piece) < sizeof seen_pieces[0]);
	strcpy(seen_pieces[nseen_pieces++], piece);
	return false;
}

/* Checks every piece of one or two characters of text (split where UTF-8
 * starts a character, so bytes that are not UTF-8 make pieces of their
 * own) as it is and with ASCII letters in upper case, once each; returns
 * how many were new. */
static int each_short_piece(const char *text, csr_db *db)
{
	int pieces = 0;
	for (const char *a = text; *a; a++) {
		if (((unsigned char)*a & 0xC0) == 0x80 && a != text)
			continue;
		const char *b = a;
		for (int len = 1; len <= 2 && *b; len++) {
			do
				b++;
			while (((unsigned char)*b & 0xC0) == 0x80);
			char piece[32];
			snprintf(piece, sizeof piece, "%.*s", (int)(b - a), a);
			for (int upper = 0; upper < 2; upper++) {
				for (char *c = piece; upper && *c; c++)
					*c = (char)toupper((unsigned char)*c);
				if (!seen_before(piece)) {
					check_search(db, piece);
					pieces++;
				}
			}
		}
	}
	return pieces;
}

/* Every piece of one or two characters of every stored text (names, IDs,
 * teams, emails; text that is not UTF-8 too): the list and its count are
 * what LIKE finds, with and without the inactive, in any team and in one. */
static void test_short_search_matches_like_on_every_piece(void **state)
{
	tu_env *env = *state;
	sqlite3 *s = csr_db_sqlite(env->db);
	add_tricky(s);
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(s, "SELECT name || char(10) || employee_id"
		" || char(10) || team || char(10) || email FROM volunteer", -1, &st, NULL),
		SQLITE_OK);
	int pieces = 0;
	nseen_pieces = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		char texts[512];
		snprintf(texts, sizeof texts, "%s", (const char *)sqlite3_column_text(st, 0));
		for (char *text = strtok(texts, "\n"); text; text = strtok(NULL, "\n"))
			pieces += each_short_piece(text, env->db);
	}
	sqlite3_finalize(st);
	assert_true(pieces > 500);
}

/* The rows' and the count's source, seen by emptying it: one or two
 * characters are read from volunteer_short (the count from it alone), and
 * a rebuild from the rows restores it. */
static void test_short_search_reads_its_index(void **state)
{
	tu_env *env = *state;
	sqlite3 *s = csr_db_sqlite(env->db);
	add_tricky(s);
	assert_int_equal(found(env->db, "黄敏"), 1);
	assert_int_equal(found(env->db, "ZO"), 3);
	assert_int_equal(found(env->db, "%"), 2); /* 100% Ana; a%_\\x */
	assert_int_equal(found(env->db, "\xC4\xB8x"), 1); /* U+0138 x, read from bytes cut short */
	run_sql(s, "INSERT INTO volunteer_short (volunteer_short) VALUES ('delete-all')");
	assert_int_equal(found(env->db, "黄敏"), 0);
	assert_int_equal(found(env->db, "ZO"), 0);
	assert_int_equal(found(env->db, "%"), 0);
	assert_int_equal(found(env->db, "\xEF\xBF\xBD"), 4); /* U+FFFD: the scan */
	assert_int_equal(found(env->db, "Zoë"), 1);           /* three: the trigram index */
	run_sql(s, "INSERT INTO volunteer_short (volunteer_short) VALUES ('rebuild')");
	check_kept_current(s);
	assert_int_equal(found(env->db, "黄敏"), 1);
	assert_int_equal(found(env->db, "ZO"), 3);
}

/* The plans of a short search: a rare one reads the short index and looks
 * up only the people it names (no walk of volunteer or its indexes); its
 * count, without a team, reads the index alone. One matching more than
 * 4,000 people walks the name index, stopping at the page's end. */
static void test_short_search_plans(void **state)
{
	tu_env *env = *state;
	sqlite3 *s = csr_db_sqlite(env->db);
	add_tricky(s);
	csr_volunteer_row rows[8];
	int n = 0;
	int64_t count = 0;
	csr_err err;
	csr_volunteer_query q = { .search = "黄敏" };
	tu_plan_start(env);
	assert_int_equal(csr_volunteer_page(env->db, &q, NULL, 0, false, rows, 8, &n, &err), CSR_OK);
	assert_int_equal(csr_volunteer_page(env->db, &q, "A", 1, false, rows, 8, &n, &err), CSR_OK);
	assert_int_equal(csr_volunteer_page(env->db, &q, "Z", 1, true, rows, 8, &n, &err), CSR_OK);
	const char *plan = tu_plan(env);
	if (!strstr(plan, "SCAN volunteer_short VIRTUAL TABLE") || strstr(plan, "SCAN volunteer\n") ||
	    strstr(plan, "SCAN volunteer USING") || strstr(plan, "volunteer_by_name") ||
	    !strstr(plan, "SEARCH volunteer USING INTEGER PRIMARY KEY (rowid=?)"))
		fail_msg("a rare short search's page; the plan:\n%s", plan);
	tu_plan_start(env);
	assert_int_equal(csr_volunteer_count(env->db, &q, &count, &err), CSR_OK);
	assert_int_equal(count, 1);
	plan = tu_plan(env);
	if (!strstr(plan, "SCAN volunteer_short VIRTUAL TABLE") || strstr(plan, " volunteer "))
		fail_msg("a short search's count; the plan:\n%s", plan);

	run_sql(s, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4001)"
		   " INSERT INTO volunteer (employee_id, name, created_at)"
		   " SELECT 'M' || i, 'Many ' || i, 0 FROM n");
	q.search = "ny";
	tu_plan_start(env);
	assert_int_equal(csr_volunteer_page(env->db, &q, NULL, 0, false, rows, 8, &n, &err), CSR_OK);
	assert_int_equal(n, 8);
	plan = tu_plan(env);
	if (!strstr(plan, "SCAN volunteer USING INDEX volunteer_by_name") ||
	    strstr(plan, "USE TEMP B-TREE FOR ORDER BY"))
		fail_msg("a common short search's page; the plan:\n%s", plan);
	assert_int_equal(csr_volunteer_count(env->db, &q, &count, &err), CSR_OK);
	assert_int_equal(count, 4001);
}

#define T(f) cmocka_unit_test_setup_teardown(f, tu_setup, tu_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_validate_accepts_a_good_record),
		T(test_validate_employee_id),
		T(test_validate_name_required),
		T(test_validate_refuses_control_characters),
		T(test_validate_email),
		T(test_validate_unix_user),
		T(test_validate_too_long_names_the_field),
		T(test_save_inserts_and_audits),
		T(test_save_updates),
		T(test_save_update_of_missing_volunteer),
		T(test_save_refuses_duplicate_employee_id),
		T(test_save_refuses_duplicate_unix_user),
		T(test_save_refused_to_agents),
		T(test_save_refuses_invalid_record),
		T(test_set_active),
		T(test_set_active_refused_to_agents),
		T(test_find_and_not_found),
		T(test_pin_and_lock_flags),
		T(test_page_forward_across_ties),
		T(test_page_backward_across_ties),
		T(test_page_from_the_middle_of_ties),
		T(test_search_escapes_wildcards),
		T(test_search_covers_id_team_and_email),
		T(test_search_too_long),
		T(test_team_filter_and_inactive),
		T(test_rows_carry_hours_and_signups),
		T(test_page_with_no_room),
		T(test_groups_are_distinct_sorted_and_active),
		T(test_groups_with_no_room_or_unknown_group),
		T(test_search_matches_like_on_tricky_text),
		T(test_search_matches_like_on_every_piece_of_a_name),
		T(test_search_follows_every_write),
		T(test_search_matches_like_on_a_large_roster),
		T(test_search_uses_the_index_from_three_characters),
		T(test_search_after_migrating_from_version_4),
		T(test_short_search_matches_like_on_every_piece),
		T(test_short_search_reads_its_index),
		T(test_short_search_plans),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
