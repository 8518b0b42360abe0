/* SPDX-License-Identifier: MIT */
/* Initiatives: validation per field, the writes leads make (and agents may
 * not), get with its counts, and keyset pages in each order with filters. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "csrdesk/clock.h"
#include "csrdesk/initiative.h"
#include "db_private.h"
#include "testutil.h"

/* A valid initiative a day from now, not yet saved. */
static csr_initiative sample(const char *title)
{
	csr_initiative in = { 0 };
	snprintf(in.title, sizeof in.title, "%s", title);
	strcpy(in.category, "environment");
	strcpy(in.description, "Bring gloves.");
	strcpy(in.location, "City park");
	in.starts_at = csr_now() + 86400;
	in.ends_at = in.starts_at + 7200;
	in.capacity = 20;
	in.status = CSR_INITIATIVE_OPEN;
	in.ngoals = 1;
	strcpy(in.goals[0].metric, "trees");
	in.goals[0].target = 100;
	return in;
}

static int64_t create(tu_env *env, csr_initiative *in)
{
	csr_err err;
	if (csr_initiative_create(env->db, in, &err) != CSR_OK)
		fail_msg("create: %s", err.msg);
	return in->id;
}

static void place(tu_env *env, int64_t initiative, int64_t volunteer, const char *status)
{
	char sql[256];
	snprintf(sql, sizeof sql, "INSERT INTO signup (initiative_id, volunteer_id, status,"
		 " created_at, updated_at) VALUES (%lld, %lld, '%s', 1, 1)", (long long)initiative,
		 (long long)volunteer, status);
	tu_scalar(env, sql);
}

static int64_t partner(tu_env *env, const char *name)
{
	char sql[256];
	snprintf(sql, sizeof sql, "INSERT INTO partner (name) VALUES ('%s')", name);
	tu_scalar(env, sql);
	return tu_scalar(env, "SELECT max(id) FROM partner");
}

/* Asserts validate refuses in with CSR_EINVAL and a message holding word. */
static void refused(tu_env *env, const csr_initiative *in, const char *word)
{
	csr_err err;
	assert_int_equal(csr_initiative_validate(env->db, in, &err), CSR_EINVAL);
	assert_int_equal(err.code, CSR_EINVAL);
	if (!strstr(err.msg, word))
		fail_msg("expected '%s' in: %s", word, err.msg);
}

static void test_status_names(void **state)
{
	(void)state;
	const char *names[] = { "draft", "open", "closed", "done", "cancelled" };
	for (int i = 0; i < 5; i++) {
		csr_initiative_status s = CSR_INITIATIVE_DRAFT;
		assert_string_equal(csr_initiative_status_name((csr_initiative_status)i), names[i]);
		/* For people: the same words in English. */
		assert_string_equal(csr_initiative_status_label((csr_initiative_status)i), names[i]);
		assert_true(csr_initiative_status_parse(names[i], &s));
		assert_int_equal(s, i);
	}
	csr_initiative_status s = CSR_INITIATIVE_OPEN;
	assert_false(csr_initiative_status_parse("Open", &s));
	assert_false(csr_initiative_status_parse("", &s));
	assert_false(csr_initiative_status_parse(NULL, &s));
	assert_int_equal(s, CSR_INITIATIVE_OPEN);
}

static void test_validate_text_fields(void **state)
{
	tu_env *env = *state;
	csr_initiative in = sample("Tree planting");
	assert_int_equal(csr_initiative_validate(env->db, &in, NULL), CSR_OK);
	in.title[0] = '\0';
	refused(env, &in, "Title is required");
	strcpy(in.title, "  \t ");
	refused(env, &in, "Title is required");
	memset(in.title, 'a', sizeof in.title); /* no room for the terminator */
	refused(env, &in, "Title is too long");
	in = sample("Tree planting");
	memset(in.location, 'b', sizeof in.location);
	refused(env, &in, "Location");
	in = sample("Tree planting");
	memset(in.description, 'c', sizeof in.description);
	refused(env, &in, "Description");
}

/* An escape sequence in a title, C1 in a location, a bidi override in a
 * description: refused by field. A description may hold line breaks and
 * tabs; title and location are one line. */
static void test_validate_refuses_control_characters(void **state)
{
	tu_env *env = *state;
	csr_initiative in = sample("X\x1B]0;PWN\x07");
	refused(env, &in, "Title holds a control character (U+001B)");
	in = sample("Tree planting");
	strcpy(in.location, "Park\xC2\x9B" "2J");
	refused(env, &in, "Location holds a control character (U+009B)");
	in = sample("Tree planting");
	strcpy(in.description, "gloves\xE2\x80\xAE");
	refused(env, &in, "Description holds a control character (U+202E)");
	in = sample("Tree planting");
	strcpy(in.description, "Bring:\n\tgloves\n\tboots");
	assert_int_equal(csr_initiative_validate(env->db, &in, NULL), CSR_OK);
	strcpy(in.title, "Tree\nplanting");
	refused(env, &in, "Title holds a control character (U+000A)");
	in = sample("Tree planting");
	strcpy(in.location, "Park\tEast");
	refused(env, &in, "Location holds a control character (U+0009)");
	/* Nothing refused reaches the table. */
	in = sample("X\x1B[2J");
	csr_err err;
	assert_int_equal(csr_initiative_create(env->db, &in, &err), CSR_EINVAL);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM initiative"), 0);
}

static void test_validate_category(void **state)
{
	tu_env *env = *state;
	csr_initiative in = sample("Tree planting");
	strcpy(in.category, "sports");
	refused(env, &in, "Category 'sports' is not defined");
	refused(env, &in, "education, health, environment, community");
	in.category[0] = '\0';
	refused(env, &in, "Category is required");
	memset(in.category, 'x', sizeof in.category);
	refused(env, &in, "Category is too long");
	strcpy(in.category, "health");
	in.ngoals = 0;
	assert_int_equal(csr_initiative_validate(env->db, &in, NULL), CSR_OK);
}

static void test_validate_times_and_capacity(void **state)
{
	tu_env *env = *state;
	csr_initiative in = sample("Tree planting");
	in.ends_at = in.starts_at;
	refused(env, &in, "Ends must be after Starts");
	in.ends_at = in.starts_at - 60;
	refused(env, &in, "Ends");
	in = sample("Tree planting");
	int bad[] = { 0, -1, 10001 };
	const char *why[] = { "Capacity must be at least 1", "Capacity must be at least 1",
			      "Capacity must be at most 10,000" };
	for (int i = 0; i < 3; i++) {
		in.capacity = bad[i];
		refused(env, &in, why[i]);
	}
	in.capacity = 1;
	assert_int_equal(csr_initiative_validate(env->db, &in, NULL), CSR_OK);
	in.capacity = 10000;
	assert_int_equal(csr_initiative_validate(env->db, &in, NULL), CSR_OK);
	in.status = (csr_initiative_status)7;
	refused(env, &in, "Status");
}

static void test_validate_partner(void **state)
{
	tu_env *env = *state;
	csr_initiative in = sample("Tree planting");
	in.partner_id = 999;
	refused(env, &in, "Partner 999 does not exist");
	in.partner_id = partner(env, "Green City");
	assert_int_equal(csr_initiative_validate(env->db, &in, NULL), CSR_OK);
}

static void test_validate_goals(void **state)
{
	tu_env *env = *state;
	csr_initiative in = sample("Tree planting");
	strcpy(in.goals[0].metric, "smiles");
	refused(env, &in, "Goal 1: metric 'smiles' is not defined");
	strcpy(in.goals[0].metric, "trees");
	double targets[] = { 0, -5, NAN, INFINITY };
	for (int i = 0; i < 4; i++) {
		in.goals[0].target = targets[i];
		refused(env, &in, "target for 'trees' must be more than 0");
	}
	in.goals[0].target = 0.5;
	in.ngoals = 2;
	in.goals[1] = in.goals[0];
	refused(env, &in, "Goal 2: metric 'trees' already has a goal");
	strcpy(in.goals[1].metric, "recycled");
	assert_int_equal(csr_initiative_validate(env->db, &in, NULL), CSR_OK);
	in.ngoals = CSR_GOALS_MAX + 1;
	refused(env, &in, "Goals");
	in.ngoals = -1;
	refused(env, &in, "Goals");
}

static void test_create_and_get(void **state)
{
	tu_env *env = *state;
	int64_t lead = tu_volunteer(env, "E1", "Ana Lead");
	tu_act(env, CSR_ROLE_LEAD, lead);
	csr_initiative in = sample("Tree planting");
	in.partner_id = partner(env, "Green City");
	in.ngoals = 2;
	strcpy(in.goals[1].metric, "recycled");
	in.goals[1].target = 250.5;
	int64_t id = create(env, &in);
	assert_true(id > 0);

	csr_initiative got;
	csr_err err;
	assert_int_equal(csr_initiative_get(env->db, id, &got, &err), CSR_OK);
	assert_string_equal(got.title, "Tree planting");
	assert_string_equal(got.category, "environment");
	assert_string_equal(got.description, "Bring gloves.");
	assert_string_equal(got.location, "City park");
	assert_string_equal(got.partner_name, "Green City");
	assert_int_equal(got.partner_id, in.partner_id);
	assert_int_equal(got.starts_at, in.starts_at);
	assert_int_equal(got.ends_at, in.ends_at);
	assert_int_equal(got.capacity, 20);
	assert_int_equal(got.status, CSR_INITIATIVE_OPEN);
	assert_int_equal(got.owner_id, lead);
	assert_int_equal(got.ngoals, 2);
	assert_string_equal(got.goals[0].metric, "trees");
	assert_true(got.goals[0].target == 100);
	assert_string_equal(got.goals[1].metric, "recycled");
	assert_true(got.goals[1].target == 250.5);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit WHERE action ="
				   " 'initiative.create' AND entity = 'initiative'"), 1);
	assert_int_equal(tu_scalar(env, "SELECT entity_id FROM audit WHERE action ="
				   " 'initiative.create'"), id);
}

static void test_create_owner_and_status(void **state)
{
	tu_env *env = *state;
	tu_act(env, CSR_ROLE_ADMIN, 0);
	csr_initiative in = sample("Draft idea");
	in.status = CSR_INITIATIVE_DRAFT;
	in.ngoals = 0;
	int64_t id = create(env, &in);
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT owner_id IS NULL AND status = 'draft'"
		 " FROM initiative WHERE id = %lld", (long long)id);
	assert_int_equal(tu_scalar(env, sql), 1);
	csr_initiative got;
	assert_int_equal(csr_initiative_get(env->db, id, &got, NULL), CSR_OK);
	assert_int_equal(got.owner_id, 0);
	assert_int_equal(got.partner_id, 0);
	assert_string_equal(got.partner_name, "");
	assert_int_equal(got.ngoals, 0);
}

static void test_create_refusals_write_nothing(void **state)
{
	tu_env *env = *state;
	int64_t agent = tu_volunteer(env, "E2", "Zoë");
	tu_act(env, CSR_ROLE_AGENT, agent);
	csr_initiative in = sample("Tree planting");
	csr_err err;
	assert_int_equal(csr_initiative_create(env->db, &in, &err), CSR_EDENIED);
	assert_string_equal(err.msg, "Only team leads may create initiatives");
	assert_int_equal(in.id, 0);
	tu_act(env, CSR_ROLE_LEAD, 0);
	in.capacity = 0;
	assert_int_equal(csr_initiative_create(env->db, &in, &err), CSR_EINVAL);
	in.capacity = 5;
	strcpy(in.goals[0].metric, "nope");
	assert_int_equal(csr_initiative_create(env->db, &in, &err), CSR_EINVAL);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM initiative"), 0);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM initiative_goal"), 0);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit"), 0);
}

static void test_get_counts(void **state)
{
	tu_env *env = *state;
	int64_t id = tu_initiative(env, "Blood drive", 48, 3);
	const char *statuses[] = { "confirmed", "attended", "waitlisted", "waitlisted",
				   "cancelled", "no-show" };
	for (int i = 0; i < 6; i++) {
		char emp[16];
		snprintf(emp, sizeof emp, "E%d", i);
		place(env, id, tu_volunteer(env, emp, "Someone"), statuses[i]);
	}
	csr_initiative got;
	assert_int_equal(csr_initiative_get(env->db, id, &got, NULL), CSR_OK);
	assert_int_equal(got.confirmed, 2);
	assert_int_equal(got.waitlisted, 2);
	csr_err err;
	assert_int_equal(csr_initiative_get(env->db, id + 100, &got, &err), CSR_ENOTFOUND);
	assert_non_null(strstr(err.msg, "no initiative"));
}

static void test_update(void **state)
{
	tu_env *env = *state;
	tu_act(env, CSR_ROLE_LEAD, 0);
	csr_initiative in = sample("Tree planting");
	int64_t id = create(env, &in);
	assert_int_equal(csr_initiative_set_status(env->db, id, CSR_INITIATIVE_CLOSED, NULL),
			 CSR_OK);
	in.partner_id = partner(env, "Green City");
	strcpy(in.title, "Tree planting, spring");
	strcpy(in.category, "community");
	strcpy(in.location, "North park");
	in.starts_at += 3600;
	in.ends_at += 7200;
	in.capacity = 30;
	in.status = CSR_INITIATIVE_DRAFT; /* ignored: update keeps the status */
	in.ngoals = 1;
	strcpy(in.goals[0].metric, "meals");
	in.goals[0].target = 40;
	csr_err err;
	assert_int_equal(csr_initiative_update(env->db, &in, &err), CSR_OK);
	csr_initiative got;
	assert_int_equal(csr_initiative_get(env->db, id, &got, NULL), CSR_OK);
	assert_string_equal(got.title, "Tree planting, spring");
	assert_string_equal(got.category, "community");
	assert_string_equal(got.location, "North park");
	assert_string_equal(got.partner_name, "Green City");
	assert_int_equal(got.starts_at, in.starts_at);
	assert_int_equal(got.ends_at, in.ends_at);
	assert_int_equal(got.capacity, 30);
	assert_int_equal(got.status, CSR_INITIATIVE_CLOSED);
	assert_int_equal(got.ngoals, 1);
	assert_string_equal(got.goals[0].metric, "meals");
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM initiative_goal"), 1);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit WHERE action ="
				   " 'initiative.update'"), 1);
	in.partner_id = 0; /* removing the partner */
	assert_int_equal(csr_initiative_update(env->db, &in, &err), CSR_OK);
	assert_int_equal(csr_initiative_get(env->db, id, &got, NULL), CSR_OK);
	assert_int_equal(got.partner_id, 0);
}

static void test_update_refusals(void **state)
{
	tu_env *env = *state;
	int64_t id = tu_initiative(env, "Mentoring", 48, 5);
	for (int i = 0; i < 4; i++) {
		char emp[16];
		snprintf(emp, sizeof emp, "E%d", i);
		place(env, id, tu_volunteer(env, emp, "Someone"), i == 3 ? "attended" : "confirmed");
	}
	csr_initiative in;
	assert_int_equal(csr_initiative_get(env->db, id, &in, NULL), CSR_OK);
	in.capacity = 3;
	csr_err err;
	assert_int_equal(csr_initiative_update(env->db, &in, &err), CSR_EREFUSED);
	assert_string_equal(err.msg, "Capacity cannot be 3: 4 people already have a confirmed place");
	in.capacity = 4;
	assert_int_equal(csr_initiative_update(env->db, &in, &err), CSR_OK);

	int64_t agent = tu_volunteer(env, "A1", "Agent");
	tu_act(env, CSR_ROLE_AGENT, agent);
	in.capacity = 10;
	assert_int_equal(csr_initiative_update(env->db, &in, &err), CSR_EDENIED);
	tu_act(env, CSR_ROLE_LEAD, 0);
	in.id = id + 50;
	assert_int_equal(csr_initiative_update(env->db, &in, &err), CSR_ENOTFOUND);
	assert_int_equal(tu_scalar(env, "SELECT capacity FROM initiative"), 4);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit"), 1);
}

/* Raising the capacity gives the new places to the waitlist in order. */
static void test_update_promotes_waitlist(void **state)
{
	tu_env *env = *state;
	int64_t id = tu_initiative(env, "Mentoring", 48, 1);
	int64_t v[4];
	for (int i = 0; i < 4; i++) {
		char emp[16];
		snprintf(emp, sizeof emp, "E%d", i);
		v[i] = tu_volunteer(env, emp, "Someone");
		place(env, id, v[i], i == 0 ? "confirmed" : "waitlisted");
	}
	csr_initiative in;
	assert_int_equal(csr_initiative_get(env->db, id, &in, NULL), CSR_OK);
	in.capacity = 3;
	assert_int_equal(csr_initiative_update(env->db, &in, NULL), CSR_OK);
	assert_int_equal(csr_initiative_get(env->db, id, &in, NULL), CSR_OK);
	assert_int_equal(in.confirmed, 3);
	assert_int_equal(in.waitlisted, 1);
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT status = 'waitlisted' FROM signup WHERE volunteer_id ="
		 " %lld", (long long)v[3]);
	assert_int_equal(tu_scalar(env, sql), 1);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit WHERE action ="
				   " 'signup.promote'"), 2);
}

static void test_set_status(void **state)
{
	tu_env *env = *state;
	int64_t id = tu_initiative(env, "Recycling", 48, 5);
	csr_err err;
	assert_int_equal(csr_initiative_set_status(env->db, id, CSR_INITIATIVE_CLOSED, &err),
			 CSR_OK);
	csr_initiative got;
	assert_int_equal(csr_initiative_get(env->db, id, &got, NULL), CSR_OK);
	assert_int_equal(got.status, CSR_INITIATIVE_CLOSED);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit WHERE action ="
				   " 'initiative.status' AND detail LIKE 'open -> closed%'"), 1);
	assert_int_equal(csr_initiative_set_status(env->db, id, CSR_INITIATIVE_DONE, &err),
			 CSR_OK);
	assert_int_equal(csr_initiative_set_status(env->db, id, (csr_initiative_status)9, &err),
			 CSR_EINVAL);
	assert_int_equal(csr_initiative_set_status(env->db, id + 9, CSR_INITIATIVE_OPEN, &err),
			 CSR_ENOTFOUND);
	int64_t agent = tu_volunteer(env, "A1", "Agent");
	tu_act(env, CSR_ROLE_AGENT, agent);
	assert_int_equal(csr_initiative_set_status(env->db, id, CSR_INITIATIVE_OPEN, &err),
			 CSR_EDENIED);
	assert_non_null(strstr(err.msg, "Only team leads"));
	assert_int_equal(csr_initiative_get(env->db, id, &got, NULL), CSR_OK);
	assert_int_equal(got.status, CSR_INITIATIVE_DONE);
}

static void test_cancel_cascades_to_places(void **state)
{
	tu_env *env = *state;
	int64_t id = tu_initiative(env, "Charity run", 48, 2);
	int64_t other = tu_initiative(env, "Blood drive", 96, 2);
	const char *statuses[] = { "confirmed", "confirmed", "waitlisted", "cancelled" };
	for (int i = 0; i < 4; i++) {
		char emp[16];
		snprintf(emp, sizeof emp, "E%d", i);
		int64_t v = tu_volunteer(env, emp, "Someone");
		place(env, id, v, statuses[i]);
		place(env, other, v, "confirmed");
	}
	assert_int_equal(csr_initiative_set_status(env->db, id, CSR_INITIATIVE_CANCELLED, NULL),
			 CSR_OK);
	char sql[160];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM signup WHERE initiative_id = %lld"
		 " AND status = 'cancelled'", (long long)id);
	assert_int_equal(tu_scalar(env, sql), 4);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM signup WHERE initiative_id = %lld"
		 " AND status = 'confirmed'", (long long)other);
	assert_int_equal(tu_scalar(env, sql), 4);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit WHERE detail ="
				   " 'open -> cancelled; 3 places cancelled'"), 1);
	csr_initiative got;
	assert_int_equal(csr_initiative_get(env->db, id, &got, NULL), CSR_OK);
	assert_int_equal(got.confirmed + got.waitlisted, 0);
}

/* Inserts initiatives starting at the given hours after a fixed time, in
 * this order (fixed, so equal hours give exactly equal starts). */
static void make_starts(tu_env *env, const int *hours, int n, int64_t *ids)
{
	for (int i = 0; i < n; i++) {
		char title[32], sql[160];
		snprintf(title, sizeof title, "Event %d", i);
		ids[i] = tu_initiative(env, title, 1, 10);
		snprintf(sql, sizeof sql, "UPDATE initiative SET starts_at = %d, ends_at = %d"
			 " WHERE id = %lld", 2000000000 + hours[i] * 3600,
			 2000000000 + hours[i] * 3600 + 7200, (long long)ids[i]);
		tu_scalar(env, sql);
	}
}

static void expect_page(tu_env *env, int64_t after_start, int64_t after_id, bool backward,
			int max, const int64_t *want, int nwant)
{
	csr_initiative rows[8];
	int n = -1;
	csr_initiative_query q = { .status = -1 };
	csr_err err;
	assert_int_equal(csr_initiative_page(env->db, &q, after_start, after_id, backward, rows,
					     max, &n, &err), CSR_OK);
	assert_int_equal(n, nwant);
	for (int i = 0; i < n; i++)
		assert_int_equal(rows[i].id, want[i]);
}

static void test_page_with_equal_starts(void **state)
{
	tu_env *env = *state;
	/* ids 1..7; sorted by (start, id): 2, 4, 6, 1, 3, 7, 5 */
	const int hours[] = { 10, 5, 10, 5, 20, 5, 10 };
	int64_t id[7];
	make_starts(env, hours, 7, id);
	int64_t start[8];
	for (int i = 0; i < 7; i++) {
		csr_initiative got;
		assert_int_equal(csr_initiative_get(env->db, id[i], &got, NULL), CSR_OK);
		start[i] = got.starts_at;
	}
	const int64_t p1[] = { id[1], id[3], id[5] }, p2[] = { id[0], id[2], id[6] },
		      p3[] = { id[4] };
	expect_page(env, 0, 0, false, 3, p1, 3);
	expect_page(env, start[5], id[5], false, 3, p2, 3); /* after the last equal start */
	expect_page(env, start[6], id[6], false, 3, p3, 1);
	expect_page(env, start[4], id[4], false, 3, NULL, 0);
	/* backward: the last page first, then before it, still ascending */
	const int64_t b1[] = { id[2], id[6], id[4] }, b2[] = { id[3], id[5], id[0] },
		      b3[] = { id[1] };
	expect_page(env, 0, 0, true, 3, b1, 3);
	expect_page(env, start[2], id[2], true, 3, b2, 3);
	expect_page(env, start[3], id[3], true, 3, b3, 1);
	expect_page(env, start[1], id[1], true, 3, NULL, 0);
	/* a page boundary between rows with the same start */
	const int64_t mid[] = { id[5], id[0] };
	expect_page(env, start[3], id[3], false, 2, mid, 2);
}

static void test_page_rows_have_counts_not_details(void **state)
{
	tu_env *env = *state;
	tu_act(env, CSR_ROLE_LEAD, 0);
	csr_initiative in = sample("Tree planting");
	in.partner_id = partner(env, "Green City");
	int64_t id = create(env, &in);
	place(env, id, tu_volunteer(env, "E1", "One"), "confirmed");
	place(env, id, tu_volunteer(env, "E2", "Two"), "waitlisted");
	csr_initiative rows[2];
	int n = 0;
	csr_initiative_query q = { .status = -1 };
	assert_int_equal(csr_initiative_page(env->db, &q, 0, 0, false, rows, 2, &n, NULL), CSR_OK);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].title, "Tree planting");
	assert_string_equal(rows[0].partner_name, "Green City");
	assert_int_equal(rows[0].confirmed, 1);
	assert_int_equal(rows[0].waitlisted, 1);
	assert_int_equal(rows[0].capacity, 20);
	assert_string_equal(rows[0].description, "");
	assert_int_equal(rows[0].ngoals, 0);
}

/* The ids the query finds (all on one page), and that count agrees. */
static int find(tu_env *env, const csr_initiative_query *q, int64_t *ids)
{
	csr_initiative rows[8];
	int n = 0;
	csr_err err;
	if (csr_initiative_page(env->db, q, 0, 0, false, rows, 8, &n, &err) != CSR_OK)
		fail_msg("page: %s", err.msg);
	int64_t count = -1;
	assert_int_equal(csr_initiative_count(env->db, q, &count, &err), CSR_OK);
	assert_int_equal(count, n);
	for (int i = 0; i < n; i++)
		ids[i] = rows[i].id;
	return n;
}

static void test_filters(void **state)
{
	tu_env *env = *state;
	int64_t green = partner(env, "Green_City NGO");
	int64_t a = tu_initiative(env, "Tree PLANTING", 10, 5);
	int64_t b = tu_initiative(env, "Blood drive", 20, 5);
	int64_t c = tu_initiative(env, "Fundraiser 100% for the clinic", -48, 5);
	int64_t d = tu_initiative(env, "Recycling", 30, 5);
	char sql[200];
	snprintf(sql, sizeof sql, "UPDATE initiative SET location = 'Town centre hall',"
		 " category = 'health' WHERE id = %lld", (long long)b);
	tu_scalar(env, sql);
	snprintf(sql, sizeof sql, "UPDATE initiative SET partner_id = %lld, status = 'closed'"
		 " WHERE id = %lld", (long long)green, (long long)d);
	tu_scalar(env, sql);
	int64_t ids[8];
	csr_initiative_query q = { .search = "planting", .status = -1 };
	assert_int_equal(find(env, &q, ids), 1); /* case-insensitive */
	assert_int_equal(ids[0], a);
	q.search = "centre HALL";
	assert_int_equal(find(env, &q, ids), 1);
	assert_int_equal(ids[0], b);
	q.search = "green_city";
	assert_int_equal(find(env, &q, ids), 1);
	assert_int_equal(ids[0], d);
	q.search = "100%"; /* % and _ are literal */
	assert_int_equal(find(env, &q, ids), 1);
	assert_int_equal(ids[0], c);
	q.search = "%";
	assert_int_equal(find(env, &q, ids), 1);
	q.search = "n_C"; /* not "Town centre" */
	assert_int_equal(find(env, &q, ids), 1);
	assert_int_equal(ids[0], d);
	q.search = "nowhere";
	assert_int_equal(find(env, &q, ids), 0);
	q.search = "";
	assert_int_equal(find(env, &q, ids), 4);
	int64_t all = 0;
	assert_int_equal(csr_initiative_count(env->db, NULL, &all, NULL), CSR_OK); /* NULL: all */
	assert_int_equal(all, 4);
	q = (csr_initiative_query){ .category = "health", .status = -1 };
	assert_int_equal(find(env, &q, ids), 1);
	assert_int_equal(ids[0], b);
	q = (csr_initiative_query){ .status = CSR_INITIATIVE_CLOSED };
	assert_int_equal(find(env, &q, ids), 1);
	assert_int_equal(ids[0], d);
	q = (csr_initiative_query){ .status = -1, .when = CSR_WHEN_PAST };
	assert_int_equal(find(env, &q, ids), 1);
	assert_int_equal(ids[0], c);
	q.when = CSR_WHEN_UPCOMING;
	assert_int_equal(find(env, &q, ids), 3);
	assert_int_equal(ids[0], a);
	q = (csr_initiative_query){ .category = "education", .status = CSR_INITIATIVE_OPEN,
				    .when = CSR_WHEN_UPCOMING, .search = "e" };
	assert_int_equal(find(env, &q, ids), 1);
	assert_int_equal(ids[0], a);
	q = (csr_initiative_query){ .status = 12 };
	csr_initiative rows[1];
	int n;
	assert_int_equal(csr_initiative_page(env->db, &q, 0, 0, false, rows, 1, &n, NULL),
			 CSR_EINVAL);
}

/* Upcoming means "ends in the future": a running initiative is upcoming. */
static void test_running_counts_as_upcoming(void **state)
{
	tu_env *env = *state;
	int64_t running = tu_initiative(env, "Running now", -1, 5);
	tu_initiative(env, "Long over", -10, 5);
	int64_t ids[8];
	csr_initiative_query q = { .status = -1, .when = CSR_WHEN_UPCOMING };
	assert_int_equal(find(env, &q, ids), 1);
	assert_int_equal(ids[0], running);
}

/* ---- orders ---- */

typedef struct ordered {
	const char *title, *category;
	int hour; /* after a fixed time in the future */
	const char *status;
} ordered;

/* Ties on purpose: equal titles (ignoring case), equal categories, equal
 * starts, and two rows equal in all three. */
static const ordered order_rows[] = {
	{ "tree planting", "environment", 10, "open" },  /* 0 */
	{ "Blood drive", "health", 5, "open" },          /* 1 */
	{ "Tree planting", "education", 10, "open" },    /* 2 */
	{ "apple harvest", "environment", 5, "closed" }, /* 3 */
	{ "Blood drive", "health", 5, "open" },          /* 4 */
	{ "TREE PLANTING", "environment", 20, "open" },  /* 5 */
	{ "Zoo visit", "education", 10, "closed" },      /* 6 */
	{ "blood drive", "environment", 10, "open" },    /* 7 */
};
enum { ORDER_ROWS = sizeof order_rows / sizeof order_rows[0] };

static void make_ordered(tu_env *env, int64_t *ids)
{
	for (int i = 0; i < ORDER_ROWS; i++) {
		const ordered *r = &order_rows[i];
		int64_t start = 2000000000 + r->hour * 3600;
		char sql[400];
		snprintf(sql, sizeof sql, "INSERT INTO initiative (title, category, starts_at, ends_at,"
			 " capacity, status, created_at) VALUES ('%s', '%s', %lld, %lld, 10, '%s', 1)"
			 " RETURNING id", r->title, r->category, (long long)start,
			 (long long)start + 7200, r->status);
		ids[i] = tu_scalar(env, sql);
	}
}

/* All rows of the query read in pages of size rows, each page after the
 * edge row of the one before: forward from the start, or backward from
 * the end (then put back in list order). */
static int walk(tu_env *env, const csr_initiative_query *q, int size, bool backward,
		int64_t *ids)
{
	csr_initiative page[3], edge;
	int total = 0, n = 0;
	bool first = true;
	do {
		csr_err err;
		if (csr_initiative_page_after(env->db, q, first ? NULL : &edge, backward, page, size,
					      &n, &err) != CSR_OK)
			fail_msg("page: %s", err.msg);
		if (total + n > ORDER_ROWS)
			fail_msg("more rows than there are: the pages repeat");
		for (int i = 0; i < n; i++)
			ids[total + i] = page[backward ? n - 1 - i : i].id;
		total += n;
		if (n > 0)
			edge = page[backward ? 0 : n - 1];
		first = false;
	} while (n == size);
	for (int i = 0, j = total - 1; backward && i < j; i++, j--) {
		int64_t t = ids[i];
		ids[i] = ids[j];
		ids[j] = t;
	}
	return total;
}

/* The query lists exactly rows want (indexes into order_rows), in this
 * order, whatever the page size and direction. */
static void expect_order(tu_env *env, const int64_t *id, const csr_initiative_query *q,
			 const int *want, int nwant)
{
	for (int size = 1; size <= 3; size++) {
		for (int backward = 0; backward <= 1; backward++) {
			int64_t got[ORDER_ROWS];
			int n = walk(env, q, size, backward, got);
			assert_int_equal(n, nwant);
			for (int i = 0; i < n; i++)
				if (got[i] != id[want[i]])
					fail_msg("order %d, pages of %d%s: row %d is id %lld, not %lld",
						 (int)q->order, size, backward ? " backward" : "", i,
						 (long long)got[i], (long long)id[want[i]]);
		}
	}
}

static void test_page_orders(void **state)
{
	tu_env *env = *state;
	int64_t id[ORDER_ROWS];
	make_ordered(env, id);
	csr_initiative_query q = { .status = -1 };
	const int by_start[] = { 1, 3, 4, 0, 2, 6, 7, 5 };
	expect_order(env, id, &q, by_start, 8);
	q.order = CSR_INITIATIVE_BY_TITLE; /* ignoring case, then id */
	const int by_title[] = { 3, 1, 4, 7, 0, 2, 5, 6 };
	expect_order(env, id, &q, by_title, 8);
	q.order = CSR_INITIATIVE_BY_CATEGORY; /* then start, then id */
	const int by_category[] = { 2, 6, 3, 0, 7, 5, 1, 4 };
	expect_order(env, id, &q, by_category, 8);
}

static void test_page_orders_with_filters(void **state)
{
	tu_env *env = *state;
	int64_t id[ORDER_ROWS];
	make_ordered(env, id);
	csr_initiative_query q = { .status = CSR_INITIATIVE_OPEN, .when = CSR_WHEN_UPCOMING,
				   .order = CSR_INITIATIVE_BY_TITLE };
	const int open_by_title[] = { 1, 4, 7, 0, 2, 5 };
	expect_order(env, id, &q, open_by_title, 6);
	q.order = CSR_INITIATIVE_BY_CATEGORY;
	const int open_by_category[] = { 2, 0, 7, 5, 1, 4 };
	expect_order(env, id, &q, open_by_category, 6);
	q = (csr_initiative_query){ .category = "environment", .status = -1,
				    .order = CSR_INITIATIVE_BY_TITLE };
	const int environment_by_title[] = { 3, 7, 0, 5 };
	expect_order(env, id, &q, environment_by_title, 4);
	q = (csr_initiative_query){ .search = "DRIVE", .status = -1,
				    .order = CSR_INITIATIVE_BY_CATEGORY };
	const int drives_by_category[] = { 7, 1, 4 };
	expect_order(env, id, &q, drives_by_category, 3);
	q.when = CSR_WHEN_PAST;
	expect_order(env, id, &q, NULL, 0);
}

static void test_page_order_refusals(void **state)
{
	tu_env *env = *state;
	int64_t id[ORDER_ROWS];
	make_ordered(env, id);
	csr_initiative rows[2];
	int n = -1;
	csr_err err;
	csr_initiative_query q = { .status = -1, .order = CSR_INITIATIVE_BY_TITLE };
	/* the old call starts at an end in any order... */
	assert_int_equal(csr_initiative_page(env->db, &q, 0, 0, false, rows, 2, &n, &err), CSR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].id, id[3]);
	assert_int_equal(rows[1].id, id[1]);
	/* ...but cannot continue one without a title */
	assert_int_equal(csr_initiative_page(env->db, &q, rows[1].starts_at, rows[1].id, false,
					     rows, 2, &n, &err), CSR_EINVAL);
	assert_int_equal(n, 0);
	q.order = (csr_initiative_order)3;
	assert_int_equal(csr_initiative_page_after(env->db, &q, NULL, false, rows, 2, &n, &err),
			 CSR_EINVAL);
	assert_non_null(strstr(err.msg, "Order 3"));
}

/* The SQLite virtual machine steps one page takes. */
static int page_steps(tu_env *env, const csr_initiative_query *q, const csr_initiative *after,
		      bool backward)
{
	sqlite3 *s = csr_db_sqlite(env->db);
	for (sqlite3_stmt *st = sqlite3_next_stmt(s, NULL); st; st = sqlite3_next_stmt(s, st))
		sqlite3_stmt_status(st, SQLITE_STMTSTATUS_VM_STEP, 1);
	csr_initiative rows[5];
	int n = 0, steps = 0;
	assert_int_equal(csr_initiative_page_after(env->db, q, after, backward, rows, 5, &n, NULL),
			 CSR_OK);
	assert_int_equal(n, 5);
	for (sqlite3_stmt *st = sqlite3_next_stmt(s, NULL); st; st = sqlite3_next_stmt(s, st))
		steps += sqlite3_stmt_status(st, SQLITE_STMTSTATUS_VM_STEP, 0);
	return steps;
}

/* Every order seeks in an index: a page from the middle of 20,000 rows
 * takes a few hundred steps, where a scan or a sort takes 100,000s. */
static void test_page_orders_seek(void **state)
{
	tu_env *env = *state;
	tu_scalar(env, "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n"
		  " WHERE x < 20000) INSERT INTO initiative (title, category, starts_at, ends_at,"
		  " capacity, created_at) SELECT 'Event ' || (x * 7919 % 500),"
		  " CASE x % 3 WHEN 0 THEN 'education' WHEN 1 THEN 'health' ELSE 'environment' END,"
		  " 2000000000 + (x * 31 % 900) * 3600, 2000007200 + (x * 31 % 900) * 3600, 10, 1"
		  " FROM n");
	tu_scalar(env, "ANALYZE");
	csr_initiative middle;
	assert_int_equal(csr_initiative_get(env->db, 10000, &middle, NULL), CSR_OK);
	for (int order = CSR_INITIATIVE_BY_START; order <= CSR_INITIATIVE_BY_CATEGORY; order++) {
		csr_initiative_query q = { .status = -1, .order = (csr_initiative_order)order };
		for (int backward = 0; backward <= 1; backward++) {
			int steps = page_steps(env, &q, &middle, backward);
			if (steps > 2000)
				fail_msg("order %d%s: %d steps for a page", order,
					 backward ? " backward" : "", steps);
		}
	}
}

#define T(f) cmocka_unit_test_setup_teardown(f, tu_setup, tu_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_status_names),
		T(test_validate_text_fields),
		T(test_validate_refuses_control_characters),
		T(test_validate_category),
		T(test_validate_times_and_capacity),
		T(test_validate_partner),
		T(test_validate_goals),
		T(test_create_and_get),
		T(test_create_owner_and_status),
		T(test_create_refusals_write_nothing),
		T(test_get_counts),
		T(test_update),
		T(test_update_refusals),
		T(test_update_promotes_waitlist),
		T(test_set_status),
		T(test_cancel_cascades_to_places),
		T(test_page_with_equal_starts),
		T(test_page_rows_have_counts_not_details),
		T(test_filters),
		T(test_running_counts_as_upcoming),
		T(test_page_orders),
		T(test_page_orders_with_filters),
		T(test_page_order_refusals),
		T(test_page_orders_seek),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
