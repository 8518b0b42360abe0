/* Volunteers: validation, saving, permissions, look-ups and the paged list. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "csrdesk/clock.h"
#include "csrdesk/volunteer.h"
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

/* A field filled to the brim (no terminator inside it) is refused by name. */
static void test_validate_too_long_names_the_field(void **state)
{
	(void)state;
	struct {
		size_t offset, size;
		const char *label;
	} f[] = {
		{ offsetof(csr_volunteer, employee_id), CSR_EMPLOYEE_ID_MAX, "Employee ID" },
		{ offsetof(csr_volunteer, name), CSR_NAME_MAX, "Name" },
		{ offsetof(csr_volunteer, team), CSR_TEAM_MAX, "Team" },
		{ offsetof(csr_volunteer, site), CSR_TEAM_MAX, "Site" },
		{ offsetof(csr_volunteer, email), CSR_EMAIL_MAX, "Email" },
		{ offsetof(csr_volunteer, skills), CSR_SKILLS_MAX, "Skills" },
		{ offsetof(csr_volunteer, unix_user), CSR_UNIX_USER_MAX, "Unix user" },
	};
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
		csr_volunteer v = sample("E1", "Zoë");
		memset((char *)&v + f[i].offset, 'a', f[i].size);
		csr_err err;
		char want[64];
		snprintf(want, sizeof want, "%s is too long (at most %zu", f[i].label, f[i].size - 1);
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

#define T(f) cmocka_unit_test_setup_teardown(f, tu_setup, tu_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_validate_accepts_a_good_record),
		T(test_validate_employee_id),
		T(test_validate_name_required),
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
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
