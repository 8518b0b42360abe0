/* SPDX-License-Identifier: MIT */
/* Sign-ups: every rule of include/csrdesk/signup.h, each refusal with its
 * reason (and nothing written), the waitlist and its promotions, the cancel
 * cutoff for agents, attendance, and the lists. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "csrdesk/clock.h"
#include "csrdesk/initiative.h"
#include "csrdesk/signup.h"
#include "db_private.h"
#include "testutil.h"

/* The status of a volunteer's newest place on an initiative. */
static const char *status_of(tu_env *env, int64_t initiative, int64_t volunteer)
{
	static char out[32];
	sqlite3_stmt *st = NULL;
	sqlite3_prepare_v2(csr_db_sqlite(env->db), "SELECT status FROM signup WHERE"
			   " initiative_id = ?1 AND volunteer_id = ?2 ORDER BY id DESC", -1, &st, NULL);
	sqlite3_bind_int64(st, 1, initiative);
	sqlite3_bind_int64(st, 2, volunteer);
	snprintf(out, sizeof out, "%s", sqlite3_step(st) == SQLITE_ROW ?
		 (const char *)sqlite3_column_text(st, 0) : "none");
	sqlite3_finalize(st);
	return out;
}

/* Everything a refused write must leave alone: places and the audit log. */
static void snapshot(tu_env *env, char *out, size_t size)
{
	sqlite3_stmt *st = NULL;
	sqlite3_prepare_v2(csr_db_sqlite(env->db),
			   "SELECT (SELECT count(*) FROM audit) || ';' || (SELECT group_concat(id ||"
			   " status || updated_at, ',') FROM signup)", -1, &st, NULL);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	snprintf(out, size, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

static csr_signup_result add_ok(tu_env *env, int64_t initiative, int64_t volunteer)
{
	csr_signup_result res;
	csr_err err;
	if (csr_signup_add(env->db, initiative, volunteer, &res, &err) != CSR_OK)
		fail_msg("sign-up refused: %s", err.msg);
	return res;
}

static void add_refused(tu_env *env, int64_t initiative, int64_t volunteer, csr_code code,
			const char *msg)
{
	char before[4096], after[4096];
	snapshot(env, before, sizeof before);
	csr_signup_result res = { .signup_id = 77 };
	csr_err err;
	assert_int_equal(csr_signup_add(env->db, initiative, volunteer, &res, &err), code);
	assert_int_equal(err.code, code);
	assert_string_equal(err.msg, msg);
	assert_int_equal(res.signup_id, 0);
	snapshot(env, after, sizeof after);
	assert_string_equal(before, after);
}

static void cancel_refused(tu_env *env, int64_t initiative, int64_t volunteer, csr_code code,
			   const char *msg)
{
	char before[4096], after[4096];
	snapshot(env, before, sizeof before);
	csr_err err;
	assert_int_equal(csr_signup_cancel(env->db, initiative, volunteer, NULL, &err), code);
	if (msg)
		assert_string_equal(err.msg, msg);
	snapshot(env, after, sizeof after);
	assert_string_equal(before, after);
}

/* Makes an initiative that has started an hour ago and runs an hour more. */
static void start_now(tu_env *env, int64_t initiative)
{
	long long now = (long long)csr_now();
	tu_sqlf(env, "UPDATE initiative SET starts_at = %lld, ends_at = %lld WHERE id = %lld",
	     now - 3600, now + 3600, (long long)initiative);
}

/* A complete small config: the signup section as given, one category. */
static csr_config *config_with(bool waitlist, int cutoff_hours)
{
	char text[512];
	snprintf(text, sizeof text,
		 "signup { waitlist = %s  cancel_cutoff_hours = %d }\n"
		 "metric \"mentees\" { title = \"Young people mentored\" unit = \"people\" }\n"
		 "category \"education\" { title = \"Education\" color = \"cyan\""
		 " metrics = {\"mentees\"} }\n", waitlist ? "true" : "false", cutoff_hours);
	csr_config *cfg = NULL;
	csr_err err;
	if (csr_config_load_text(text, "test.conf", &cfg, &err) != CSR_OK)
		fail_msg("config: %s", err.msg);
	assert_int_equal(cfg->signup.waitlist, waitlist);
	assert_int_equal(cfg->signup.cancel_cutoff_hours, cutoff_hours);
	return cfg;
}

static void test_status_names(void **state)
{
	(void)state;
	assert_string_equal(csr_signup_status_name(CSR_SIGNUP_CONFIRMED), "confirmed");
	assert_string_equal(csr_signup_status_name(CSR_SIGNUP_WAITLISTED), "waitlisted");
	assert_string_equal(csr_signup_status_name(CSR_SIGNUP_CANCELLED), "cancelled");
	assert_string_equal(csr_signup_status_name(CSR_SIGNUP_ATTENDED), "attended");
	assert_string_equal(csr_signup_status_name(CSR_SIGNUP_NOSHOW), "no-show");
	/* For people: the same words in English. */
	for (int s = CSR_SIGNUP_CONFIRMED; s <= CSR_SIGNUP_NOSHOW; s++)
		assert_string_equal(csr_signup_status_label((csr_signup_status)s),
				    csr_signup_status_name((csr_signup_status)s));
}

static void test_confirmed_then_waitlisted(void **state)
{
	tu_env *env = *state;
	int64_t ini = tu_initiative(env, "Tree planting", 48, 2);
	int64_t v[4];
	csr_signup_result r[4];
	for (int i = 0; i < 4; i++) {
		char emp[8];
		snprintf(emp, sizeof emp, "E%d", i);
		v[i] = tu_volunteer(env, emp, "Someone");
		r[i] = add_ok(env, ini, v[i]);
		assert_true(r[i].signup_id > 0);
		assert_int_equal(r[i].promoted_volunteer_id, 0);
	}
	assert_int_equal(r[0].status, CSR_SIGNUP_CONFIRMED);
	assert_int_equal(r[1].status, CSR_SIGNUP_CONFIRMED);
	assert_int_equal(r[2].status, CSR_SIGNUP_WAITLISTED);
	assert_int_equal(r[2].waitlist_position, 1);
	assert_int_equal(r[3].status, CSR_SIGNUP_WAITLISTED);
	assert_int_equal(r[3].waitlist_position, 2);
	assert_string_equal(status_of(env, ini, v[3]), "waitlisted");
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit WHERE action = 'signup.add'"
				   " AND entity = 'signup'"), 4);
	char sql[200];
	snprintf(sql, sizeof sql, "SELECT entity_id FROM audit WHERE detail = 'volunteer %lld on"
		 " initiative %lld: waitlisted for E3'", (long long)v[3], (long long)ini);
	assert_int_equal(tu_scalar(env, sql), r[3].signup_id);
}

/* The position counts the waitlisted with a lower id, so it closes gaps. */
static void test_waitlist_position_after_leaving(void **state)
{
	tu_env *env = *state;
	int64_t ini = tu_initiative(env, "Tree planting", 48, 1);
	int64_t v[4];
	for (int i = 0; i < 4; i++) {
		char emp[8];
		snprintf(emp, sizeof emp, "E%d", i);
		v[i] = tu_volunteer(env, emp, "Someone");
	}
	add_ok(env, ini, v[0]);
	assert_int_equal(add_ok(env, ini, v[1]).waitlist_position, 1);
	assert_int_equal(add_ok(env, ini, v[2]).waitlist_position, 2);
	csr_signup_result res;
	assert_int_equal(csr_signup_cancel(env->db, ini, v[1], &res, NULL), CSR_OK);
	assert_int_equal(res.promoted_volunteer_id, 0); /* a waitlisted place frees nothing */
	assert_int_equal(add_ok(env, ini, v[3]).waitlist_position, 2);
	assert_string_equal(status_of(env, ini, v[2]), "waitlisted");
}

static void test_full_without_waitlist(void **state)
{
	tu_env *env = *state;
	csr_config *cfg = config_with(false, 24);
	csr_db_set_config(env->db, cfg);
	int64_t ini = tu_initiative(env, "Tree planting", 48, 1);
	int64_t a = tu_volunteer(env, "E1", "Ana"), b = tu_volunteer(env, "E2", "Bogdan");
	assert_int_equal(add_ok(env, ini, a).status, CSR_SIGNUP_CONFIRMED);
	add_refused(env, ini, b, CSR_EREFUSED, "'Tree planting' is full and has no waitlist");
	csr_db_set_config(env->db, env->cfg);
	assert_int_equal(add_ok(env, ini, b).status, CSR_SIGNUP_WAITLISTED);
	csr_config_free(&cfg);
}

static void test_one_place_per_initiative(void **state)
{
	tu_env *env = *state;
	int64_t ini = tu_initiative(env, "Blood drive", 48, 1);
	int64_t zoe = tu_volunteer(env, "E1", "Zoë"), ana = tu_volunteer(env, "E2", "Ana");
	tu_act(env, CSR_ROLE_AGENT, zoe);
	csr_signup_result first = add_ok(env, ini, zoe);
	add_refused(env, ini, zoe, CSR_ECONFLICT, "You already have a place on 'Blood drive'");
	tu_act(env, CSR_ROLE_LEAD, 0);
	add_refused(env, ini, zoe, CSR_ECONFLICT, "Zoë already has a place on 'Blood drive'");
	add_ok(env, ini, ana); /* waitlisted */
	add_refused(env, ini, ana, CSR_ECONFLICT, "Ana already has a place on 'Blood drive'");
	/* after cancelling, a new place is a new arrival */
	assert_int_equal(csr_signup_cancel(env->db, ini, zoe, NULL, NULL), CSR_OK);
	csr_signup_result again = add_ok(env, ini, zoe);
	assert_true(again.signup_id > first.signup_id);
	assert_int_equal(again.status, CSR_SIGNUP_WAITLISTED); /* Ana was promoted */
	assert_int_equal(again.waitlist_position, 1);
}

static void test_initiative_not_open(void **state)
{
	tu_env *env = *state;
	int64_t v = tu_volunteer(env, "E1", "Ana");
	struct { const char *status, *msg; } cases[] = {
		{ "draft", "'X' is not open for sign-ups yet" },
		{ "closed", "'X' is closed for sign-ups" },
		{ "done", "'X' has already taken place" },
		{ "cancelled", "'X' has been cancelled" },
	};
	for (int i = 0; i < 4; i++) {
		int64_t ini = tu_initiative(env, "X", 48, 5);
		char sql[128];
		snprintf(sql, sizeof sql, "UPDATE initiative SET status = '%s' WHERE id = %lld",
			 cases[i].status, (long long)ini);
		tu_scalar(env, sql);
		add_refused(env, ini, v, CSR_EREFUSED, cases[i].msg);
	}
	int64_t started = tu_initiative(env, "Charity run", -0.5, 5);
	add_refused(env, started, v, CSR_EREFUSED, "'Charity run' has already started");
}

static void test_overlap(void **state)
{
	tu_env *env = *state;
	int64_t a = tu_initiative(env, "Mentoring", 48, 5);      /* 48h .. 50h */
	int64_t b = tu_initiative(env, "Blood drive", 49, 5);    /* overlaps a */
	int64_t c = tu_initiative(env, "Recycling", 50, 5);      /* starts as a ends */
	int64_t d = tu_initiative(env, "Tree planting", 47, 1);  /* overlaps a, full */
	int64_t zoe = tu_volunteer(env, "E1", "Zoë"), ana = tu_volunteer(env, "E2", "Ana");
	add_ok(env, d, ana);
	tu_act(env, CSR_ROLE_AGENT, zoe);
	add_ok(env, a, zoe);
	add_refused(env, b, zoe, CSR_EREFUSED,
		    "You have a confirmed place on 'Mentoring' at the same time");
	assert_int_equal(add_ok(env, c, zoe).status, CSR_SIGNUP_CONFIRMED);
	/* the waitlist of an overlapping initiative is allowed */
	assert_int_equal(add_ok(env, d, zoe).status, CSR_SIGNUP_WAITLISTED);
	tu_act(env, CSR_ROLE_LEAD, 0);
	add_refused(env, b, zoe, CSR_EREFUSED,
		    "Zoë has a confirmed place on 'Mentoring' at the same time");
	/* a cancelled place no longer blocks; the next overlap is named */
	assert_int_equal(csr_signup_cancel(env->db, a, zoe, NULL, NULL), CSR_OK);
	add_refused(env, b, zoe, CSR_EREFUSED,
		    "Zoë has a confirmed place on 'Recycling' at the same time");
	assert_int_equal(csr_signup_cancel(env->db, c, zoe, NULL, NULL), CSR_OK);
	assert_int_equal(add_ok(env, b, zoe).status, CSR_SIGNUP_CONFIRMED);
}

static void test_inactive_volunteer(void **state)
{
	tu_env *env = *state;
	int64_t ini = tu_initiative(env, "Mentoring", 48, 5);
	int64_t zoe = tu_volunteer(env, "E1", "Zoë");
	tu_sqlf(env, "UPDATE volunteer SET active = 0 WHERE id = %lld", (long long)zoe);
	add_refused(env, ini, zoe, CSR_EREFUSED, "Zoë is not an active volunteer");
	tu_act(env, CSR_ROLE_AGENT, zoe);
	add_refused(env, ini, zoe, CSR_EREFUSED, "Your volunteer record is not active:"
		    " ask a team lead");
}

static void test_agents_act_only_for_themselves(void **state)
{
	tu_env *env = *state;
	int64_t ini = tu_initiative(env, "Mentoring", 48, 5);
	int64_t zoe = tu_volunteer(env, "E1", "Zoë"), ana = tu_volunteer(env, "E2", "Ana");
	add_ok(env, ini, ana);
	tu_act(env, CSR_ROLE_AGENT, zoe);
	add_refused(env, ini, ana, CSR_EDENIED, "You may only do this for yourself");
	cancel_refused(env, ini, ana, CSR_EDENIED, "You may only do this for yourself");
	tu_act(env, CSR_ROLE_AGENT, 0);
	add_refused(env, ini, zoe, CSR_EDENIED, "You may only do this for yourself");
	tu_act(env, CSR_ROLE_AGENT, zoe);
	csr_err err;
	assert_int_equal(csr_signup_mark(env->db, ini, zoe, true, &err), CSR_EDENIED);
	assert_string_equal(err.msg, "Only team leads may record attendance");
}

static void test_not_found(void **state)
{
	tu_env *env = *state;
	int64_t ini = tu_initiative(env, "Mentoring", 48, 5);
	int64_t zoe = tu_volunteer(env, "E1", "Zoë");
	add_refused(env, ini + 10, zoe, CSR_ENOTFOUND, "There is no initiative 11");
	add_refused(env, ini, zoe + 10, CSR_ENOTFOUND, "There is no volunteer 11");
	cancel_refused(env, ini + 10, zoe, CSR_ENOTFOUND, "There is no initiative 11");
	tu_act(env, CSR_ROLE_AGENT, zoe);
	cancel_refused(env, ini, zoe, CSR_ENOTFOUND, "You have no place on 'Mentoring'");
	csr_signup s;
	assert_int_equal(csr_signup_get(env->db, ini, zoe, &s, NULL), CSR_ENOTFOUND);
}

static void test_cancel_promotes_earliest_waitlisted(void **state)
{
	tu_env *env = *state;
	int64_t ini = tu_initiative(env, "Tree planting", 48, 2);
	int64_t v[5];
	for (int i = 0; i < 5; i++) {
		char emp[8];
		snprintf(emp, sizeof emp, "E%d", i);
		v[i] = tu_volunteer(env, emp, "Someone");
		add_ok(env, ini, v[i]);
	}
	tu_act(env, CSR_ROLE_AGENT, v[1]);
	csr_signup_result res;
	csr_err err;
	assert_int_equal(csr_signup_cancel(env->db, ini, v[1], &res, &err), CSR_OK);
	assert_int_equal(res.status, CSR_SIGNUP_CANCELLED);
	assert_true(res.signup_id > 0);
	assert_int_equal(res.promoted_volunteer_id, v[2]);
	assert_string_equal(status_of(env, ini, v[1]), "cancelled");
	assert_string_equal(status_of(env, ini, v[2]), "confirmed");
	assert_string_equal(status_of(env, ini, v[3]), "waitlisted");
	tu_act(env, CSR_ROLE_LEAD, 0);
	assert_int_equal(csr_signup_cancel(env->db, ini, v[0], &res, &err), CSR_OK);
	assert_int_equal(res.promoted_volunteer_id, v[3]);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM signup WHERE status = 'confirmed'"),
			 2);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit WHERE action ="
				   " 'signup.cancel'"), 2);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit WHERE action ="
				   " 'signup.promote'"), 2);
	/* the promotion is in the same transaction: its audit entry follows the cancel */
	assert_int_equal(tu_scalar(env, "SELECT action = 'signup.promote' FROM audit"
				   " ORDER BY id DESC LIMIT 1"), 1);
}

static void test_promotion_skips_overlap_and_inactive(void **state)
{
	tu_env *env = *state;
	int64_t ini = tu_initiative(env, "Tree planting", 48, 1);
	int64_t other = tu_initiative(env, "Blood drive", 49, 5);
	int64_t v[4];
	for (int i = 0; i < 4; i++) {
		char emp[8];
		snprintf(emp, sizeof emp, "E%d", i);
		v[i] = tu_volunteer(env, emp, "Someone");
		add_ok(env, ini, v[i]);
	}
	add_ok(env, other, v[1]); /* v1 is busy at that time */
	tu_sqlf(env, "UPDATE volunteer SET active = 0 WHERE id = %lld", (long long)v[2]);
	csr_signup_result res;
	assert_int_equal(csr_signup_cancel(env->db, ini, v[0], &res, NULL), CSR_OK);
	assert_int_equal(res.promoted_volunteer_id, v[3]);
	assert_string_equal(status_of(env, ini, v[1]), "waitlisted");
	assert_string_equal(status_of(env, ini, v[2]), "waitlisted");
	/* nobody left who can take a freed place */
	assert_int_equal(csr_signup_cancel(env->db, ini, v[3], &res, NULL), CSR_OK);
	assert_int_equal(res.promoted_volunteer_id, 0);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM signup WHERE status = 'confirmed'"),
			 1); /* v1 on the other initiative */
}

static void test_cancel_cutoff(void **state)
{
	tu_env *env = *state;
	int64_t soon = tu_initiative(env, "Charity run", 10, 1); /* cutoff is 24 hours */
	int64_t later = tu_initiative(env, "Recycling", 30, 1);
	int64_t zoe = tu_volunteer(env, "E1", "Zoë"), ana = tu_volunteer(env, "E2", "Ana");
	add_ok(env, soon, zoe);
	add_ok(env, soon, ana); /* waitlisted */
	add_ok(env, later, zoe);
	tu_act(env, CSR_ROLE_AGENT, zoe);
	cancel_refused(env, soon, zoe, CSR_EREFUSED,
		       "It is too late to cancel your place on 'Charity run': places can be"
		       " cancelled until 24 hours before the start; ask a team lead");
	assert_int_equal(csr_signup_cancel(env->db, later, zoe, NULL, NULL), CSR_OK);
	tu_act(env, CSR_ROLE_AGENT, ana); /* leaving the waitlist is always allowed */
	assert_int_equal(csr_signup_cancel(env->db, soon, ana, NULL, NULL), CSR_OK);
	tu_act(env, CSR_ROLE_LEAD, 0);
	assert_int_equal(csr_signup_cancel_for(env->db, soon, zoe, "moved to Saturday", NULL, NULL),
			 CSR_OK);

	csr_config *cfg = config_with(true, 2);
	csr_db_set_config(env->db, cfg);
	tu_act(env, CSR_ROLE_LEAD, 0);
	add_ok(env, soon, zoe);
	tu_act(env, CSR_ROLE_AGENT, zoe);
	assert_int_equal(csr_signup_cancel(env->db, soon, zoe, NULL, NULL), CSR_OK);
	csr_db_set_config(env->db, env->cfg);
	csr_config_free(&cfg);
}

static void test_lead_cancels_after_start(void **state)
{
	tu_env *env = *state;
	int64_t ini = tu_initiative(env, "Charity run", 48, 1);
	int64_t zoe = tu_volunteer(env, "E1", "Zoë");
	add_ok(env, ini, zoe);
	start_now(env, ini);
	tu_act(env, CSR_ROLE_AGENT, zoe);
	cancel_refused(env, ini, zoe, CSR_EREFUSED, NULL);
	tu_act(env, CSR_ROLE_LEAD, 0);
	assert_int_equal(csr_signup_cancel_for(env->db, ini, zoe, "ill", NULL, NULL), CSR_OK);
	assert_string_equal(status_of(env, ini, zoe), "cancelled");
}

static void test_mark_attendance(void **state)
{
	tu_env *env = *state;
	int64_t ini = tu_initiative(env, "Charity run", 48, 1);
	int64_t zoe = tu_volunteer(env, "E1", "Zoë"), ana = tu_volunteer(env, "E2", "Ana"),
		ion = tu_volunteer(env, "E3", "Ionuț");
	add_ok(env, ini, zoe);
	add_ok(env, ini, ana); /* waitlisted */
	csr_err err;
	assert_int_equal(csr_signup_mark(env->db, ini, zoe, true, &err), CSR_EREFUSED);
	assert_string_equal(err.msg, "'Charity run' has not started yet: attendance can be"
			    " recorded once it starts");
	assert_string_equal(status_of(env, ini, zoe), "confirmed");
	start_now(env, ini);
	assert_int_equal(csr_signup_mark(env->db, ini, zoe, true, &err), CSR_OK);
	assert_string_equal(status_of(env, ini, zoe), "attended");
	assert_int_equal(csr_signup_mark(env->db, ini, zoe, false, &err), CSR_OK);
	assert_string_equal(status_of(env, ini, zoe), "no-show");
	assert_int_equal(csr_signup_mark(env->db, ini, zoe, true, &err), CSR_OK);
	assert_string_equal(status_of(env, ini, zoe), "attended");
	/* the waitlisted who came are marked too */
	assert_int_equal(csr_signup_mark(env->db, ini, ana, true, &err), CSR_OK);
	assert_string_equal(status_of(env, ini, ana), "attended");
	assert_int_equal(csr_signup_mark(env->db, ini, ion, true, &err), CSR_ENOTFOUND);
	assert_string_equal(err.msg, "Ionuț has no place on 'Charity run'");
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit WHERE action ="
				   " 'signup.mark'"), 4);
	/* a recorded attendance cannot be cancelled */
	cancel_refused(env, ini, zoe, CSR_EREFUSED,
		       "The attendance of Zoë on 'Charity run' is already recorded");
}

static void test_get_and_lists(void **state)
{
	tu_env *env = *state;
	int64_t ini = tu_initiative(env, "Tree planting", 48, 2);
	int64_t past = tu_initiative(env, "Old event", 24, 5);
	int64_t v[5];
	for (int i = 0; i < 5; i++) {
		char emp[8], name[16];
		snprintf(emp, sizeof emp, "E%d", i);
		snprintf(name, sizeof name, "Person %d", i);
		v[i] = tu_volunteer(env, emp, name);
		add_ok(env, ini, v[i]); /* 0, 1 confirmed; 2, 3, 4 waitlisted */
	}
	add_ok(env, past, v[3]);
	assert_int_equal(csr_signup_cancel(env->db, ini, v[2], NULL, NULL), CSR_OK);
	start_now(env, ini);
	assert_int_equal(csr_signup_mark(env->db, ini, v[1], true, NULL), CSR_OK);
	long long day_ago = (long long)csr_now() - 86400;
	tu_sqlf(env, "UPDATE initiative SET starts_at = %lld, ends_at = %lld WHERE id = %lld",
	     day_ago, day_ago + 7200, (long long)past);
	csr_signup rows[8];
	int n = 0;
	assert_int_equal(csr_signup_list_initiative(env->db, ini, 0, rows, 8, &n, NULL), CSR_OK);
	assert_int_equal(n, 4);
	const int64_t order[] = { v[0], v[1], v[3], v[4] };
	const csr_signup_status st[] = { CSR_SIGNUP_CONFIRMED, CSR_SIGNUP_ATTENDED,
					 CSR_SIGNUP_WAITLISTED, CSR_SIGNUP_WAITLISTED };
	for (int i = 0; i < n; i++) {
		assert_int_equal(rows[i].volunteer_id, order[i]);
		assert_int_equal(rows[i].status, st[i]);
		assert_int_equal(rows[i].initiative_id, ini);
	}
	assert_string_equal(rows[2].employee_id, "E3");
	assert_string_equal(rows[2].name, "Person 3");
	assert_int_equal(csr_signup_list_initiative(env->db, ini, 3, rows, 8, &n, NULL), CSR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].volunteer_id, v[4]);

	assert_int_equal(csr_signup_list_volunteer(env->db, v[3], false, 0, rows, 8, &n, NULL),
			 CSR_OK);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].title, "Tree planting"); /* newest first */
	assert_string_equal(rows[1].title, "Old event");
	assert_true(rows[1].starts_at < csr_now());
	assert_int_equal(csr_signup_list_volunteer(env->db, v[2], false, 0, rows, 8, &n, NULL),
			 CSR_OK);
	assert_int_equal(n, 0); /* cancelled places are not listed */

	int64_t next = tu_initiative(env, "Next week", 24 * 7, 5);
	add_ok(env, next, v[3]);
	assert_int_equal(csr_signup_list_volunteer(env->db, v[3], true, 0, rows, 8, &n, NULL),
			 CSR_OK);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].title, "Next week");

	csr_signup s;
	assert_int_equal(csr_signup_get(env->db, ini, v[1], &s, NULL), CSR_OK);
	assert_int_equal(s.status, CSR_SIGNUP_ATTENDED);
	assert_string_equal(s.name, "Person 1");
	assert_string_equal(s.title, "Tree planting");
	assert_true(s.created_at > 0 && s.updated_at >= s.created_at);
	assert_int_equal(csr_signup_get(env->db, ini, v[2], &s, NULL), CSR_ENOTFOUND);
}

/* Titles and names in refusals are made safe to print on a terminal. */
static void test_messages_are_sanitized(void **state)
{
	tu_env *env = *state;
	int64_t ini = tu_initiative(env, "Evil\x1b[2Jtitle", 48, 1);
	int64_t zoe = tu_volunteer(env, "E1", "Zoë");
	add_ok(env, ini, zoe);
	add_refused(env, ini, zoe, CSR_ECONFLICT, "Zoë already has a place on 'Evil?[2Jtitle'");
}

/* ---- keyset pages ---- */

/* Inserts a place with its id, as plain SQL: the pages' tests set up any
 * mix of statuses without the rules that lead there. */
static void place(tu_env *env, int64_t id, int64_t initiative, int64_t volunteer,
		  const char *status)
{
	tu_sqlf(env, "INSERT INTO signup (id, initiative_id, volunteer_id, status, created_at,"
		" updated_at) VALUES (%lld, %lld, %lld, '%s', 1000, 1000)", (long long)id,
		(long long)initiative, (long long)volunteer, status);
}

static void move_start(tu_env *env, int64_t initiative, int64_t starts_at)
{
	tu_sqlf(env, "UPDATE initiative SET starts_at = %lld, ends_at = %lld WHERE id = %lld",
		(long long)starts_at, (long long)starts_at + 3600, (long long)initiative);
}

static int64_t signup_id_of(const void *row)
{
	return ((const csr_signup *)row)->id;
}

typedef struct places_of {
	csr_db *db;
	int64_t id;     /* the initiative or the volunteer */
	csr_span span;  /* for a volunteer */
} places_of;

static csr_code fetch_initiative_places(void *ctx, const void *after, bool backward, void *rows,
					int max, int *n, csr_err *err)
{
	places_of *p = ctx;
	return csr_signup_page_initiative(p->db, p->id, NULL, after, backward, rows, max, n, err);
}

static csr_code fetch_volunteer_places(void *ctx, const void *after, bool backward, void *rows,
				       int max, int *n, csr_err *err)
{
	places_of *p = ctx;
	return csr_signup_page_volunteer(p->db, p->id, p->span, after, backward, rows, max, n,
					 err);
}

static const tu_source initiative_places = { sizeof(csr_signup), fetch_initiative_places,
					     signup_id_of };
static const tu_source volunteer_places = { sizeof(csr_signup), fetch_volunteer_places,
					    signup_id_of };

/* Places, then the waitlist, each by arrival: pages of every size read the
 * same list both ways, across the seam between the two groups too. */
static void test_page_initiative(void **state)
{
	tu_env *env = *state;
	int64_t ini = tu_initiative(env, "Tree planting", 48, 4);
	int64_t other = tu_initiative(env, "Food bank", 72, 4);
	const char *emp[] = { "E0", "E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8" };
	int64_t v[9];
	for (int i = 0; i < 9; i++)
		v[i] = tu_volunteer(env, emp[i], "Person");
	/* arrival (id) and status mixed: the key is (waitlisted, id) */
	place(env, 11, ini, v[0], "confirmed");
	place(env, 12, ini, v[1], "waitlisted");
	place(env, 13, ini, v[2], "attended");
	place(env, 14, ini, v[3], "cancelled");
	place(env, 15, other, v[4], "confirmed");
	place(env, 16, ini, v[5], "waitlisted");
	place(env, 17, ini, v[6], "no-show");
	place(env, 18, ini, v[7], "confirmed");
	place(env, 19, ini, v[8], "waitlisted");
	const int64_t want[] = { 11, 13, 17, 18, 12, 16, 19 };
	places_of p = { env->db, ini, 0 };
	for (int page = 1; page <= 8; page++)
		tu_assert_pages(&initiative_places, &p, page, want, 7);
	int64_t count = 0;
	assert_int_equal(csr_signup_count_initiative(env->db, ini, NULL, &count, NULL), CSR_OK);
	assert_int_equal(count, 7);

	/* rows carry who holds the place */
	csr_signup rows[3];
	int n = 0;
	assert_int_equal(csr_signup_page_initiative(env->db, ini, NULL, NULL, false, rows, 3, &n, NULL),
			 CSR_OK);
	assert_int_equal(n, 3);
	assert_string_equal(rows[1].employee_id, "E2");
	assert_string_equal(rows[1].name, "Person");
	assert_int_equal(rows[1].status, CSR_SIGNUP_ATTENDED);
	assert_int_equal(rows[1].volunteer_id, v[2]);

	/* a waitlisted place promoted since its page was read: from it "as it
	 * is now", the page goes on after it among the places */
	tu_sql(env, "UPDATE signup SET status = 'confirmed' WHERE id = 12");
	csr_signup now, more[4];
	assert_int_equal(csr_signup_get_id(env->db, 12, &now, NULL), CSR_OK);
	assert_int_equal(csr_signup_page_initiative(env->db, ini, NULL, &now, false, more, 4, &n, NULL),
			 CSR_OK);
	assert_int_equal(n, 4);
	assert_int_equal(more[0].id, 13);
	assert_int_equal(more[1].id, 17);
	assert_int_equal(more[2].id, 18);
	assert_int_equal(more[3].id, 16);
	assert_int_equal(csr_signup_page_initiative(env->db, ini, NULL, &now, true, more, 4, &n, NULL),
			 CSR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(more[0].id, 11);
}

/* A search keeps the places whose name or employee ID holds the text, in
 * both groups, and counts them; %, _ and \\ match only themselves. */
static void test_page_initiative_search(void **state)
{
	tu_env *env = *state;
	int64_t ini = tu_initiative(env, "Tree planting", 48, 4);
	place(env, 11, ini, tu_volunteer(env, "E10", "Anna Berg"), "confirmed");
	place(env, 12, ini, tu_volunteer(env, "E11", "Bob Stone"), "waitlisted");
	place(env, 13, ini, tu_volunteer(env, "X12", "Anna_Lind"), "waitlisted");
	place(env, 14, ini, tu_volunteer(env, "E13", "Carl Anna"), "cancelled");
	csr_signup rows[4];
	int n = 0;
	int64_t count = 0;
	assert_int_equal(csr_signup_page_initiative(env->db, ini, "anna", NULL, false, rows, 4, &n,
						    NULL), CSR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].id, 11);
	assert_int_equal(rows[1].id, 13);
	assert_int_equal(csr_signup_count_initiative(env->db, ini, "anna", &count, NULL), CSR_OK);
	assert_int_equal(count, 2);
	assert_int_equal(csr_signup_page_initiative(env->db, ini, "E1", NULL, false, rows, 4, &n,
						    NULL), CSR_OK);
	assert_int_equal(n, 2); /* E10 and E11 by employee ID; E13 is cancelled */
	assert_int_equal(csr_signup_page_initiative(env->db, ini, "a_l", NULL, false, rows, 4, &n,
						    NULL), CSR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].id, 13);
	assert_int_equal(csr_signup_count_initiative(env->db, ini, "%", &count, NULL), CSR_OK);
	assert_int_equal(count, 0);
}

/* The waitlist position, the count of a status and the newest past place,
 * each one query. */
static void test_position_counts_newest(void **state)
{
	tu_env *env = *state;
	int64_t ini = tu_initiative(env, "Tree planting", 48, 4);
	int64_t past = tu_initiative(env, "Food bank", -48, 4);
	int64_t older = tu_initiative(env, "Beach", -96, 4);
	int64_t a = tu_volunteer(env, "E1", "A"), b = tu_volunteer(env, "E2", "B");
	place(env, 11, ini, a, "confirmed");
	place(env, 12, ini, b, "waitlisted");
	place(env, 13, ini, tu_volunteer(env, "E3", "C"), "waitlisted");
	place(env, 14, past, a, "confirmed");
	place(env, 15, older, a, "attended");
	csr_signup sel;
	int pos = -1;
	assert_int_equal(csr_signup_get_id(env->db, 13, &sel, NULL), CSR_OK);
	assert_int_equal(csr_signup_waitlist_position(env->db, &sel, &pos, NULL), CSR_OK);
	assert_int_equal(pos, 2);
	assert_int_equal(csr_signup_get_id(env->db, 11, &sel, NULL), CSR_OK);
	assert_int_equal(csr_signup_waitlist_position(env->db, &sel, &pos, NULL), CSR_OK);
	assert_int_equal(pos, 0);
	int64_t count = 0;
	assert_int_equal(csr_signup_count_status(env->db, ini, CSR_SIGNUP_WAITLISTED, &count, NULL),
			 CSR_OK);
	assert_int_equal(count, 2);
	assert_int_equal(csr_signup_newest_past(env->db, a, false, &sel, NULL), CSR_OK);
	assert_int_equal(sel.id, 14); /* confirmed, not marked yet: hours may be for it */
	assert_int_equal(csr_signup_newest_past(env->db, a, true, &sel, NULL), CSR_OK);
	assert_int_equal(sel.id, 15);
	assert_string_equal(sel.title, "Beach");
	assert_int_equal(csr_signup_newest_past(env->db, b, false, &sel, NULL), CSR_ENOTFOUND);
}

static void test_page_initiative_empty(void **state)
{
	tu_env *env = *state;
	int64_t ini = tu_initiative(env, "Nobody yet", 48, 4);
	int64_t v = tu_volunteer(env, "E1", "Ana");
	place(env, 1, ini, v, "cancelled");
	places_of p = { env->db, ini, 0 };
	tu_assert_pages(&initiative_places, &p, 3, NULL, 0);
	int64_t count = -1;
	assert_int_equal(csr_signup_count_initiative(env->db, ini, NULL, &count, NULL), CSR_OK);
	assert_int_equal(count, 0);
	csr_signup rows[1];
	int n = -1;
	assert_int_equal(csr_signup_page_initiative(env->db, ini, NULL, NULL, false, rows, 0, &n, NULL),
			 CSR_OK);
	assert_int_equal(n, 0);
}

static void test_get_id(void **state)
{
	tu_env *env = *state;
	int64_t ini = tu_initiative(env, "Blood drive", 48, 4);
	int64_t ana = tu_volunteer(env, "E7", "Ana");
	place(env, 5, ini, ana, "cancelled");
	csr_signup s;
	assert_int_equal(csr_signup_get_id(env->db, 5, &s, NULL), CSR_OK);
	assert_int_equal(s.id, 5);
	assert_int_equal(s.status, CSR_SIGNUP_CANCELLED); /* whatever its status */
	assert_int_equal(s.initiative_id, ini);
	assert_int_equal(s.volunteer_id, ana);
	assert_string_equal(s.employee_id, "E7");
	assert_string_equal(s.name, "Ana");
	assert_string_equal(s.title, "Blood drive");
	assert_int_equal(s.starts_at, tu_scalar(env, "SELECT starts_at FROM initiative"));
	assert_int_equal(s.created_at, 1000);
	csr_err err;
	assert_int_equal(csr_signup_get_id(env->db, 6, &s, &err), CSR_ENOTFOUND);
	assert_string_equal(err.msg, "There is no place 6");
}

/* Upcoming soonest first, past newest first; places on initiatives that
 * start at the same time by arrival; each span only its statuses. */
static void test_page_volunteer(void **state)
{
	tu_env *env = *state;
	int64_t ana = tu_volunteer(env, "E1", "Ana"), bo = tu_volunteer(env, "E2", "Bo");
	int64_t now = csr_now(), day = 86400;
	const struct {
		int64_t id, starts_at;
		const char *status;
	} mine[] = {
		{ 21, now + 2 * day, "confirmed" },  { 22, now + day, "waitlisted" },
		{ 23, now + 2 * day, "waitlisted" }, { 24, now + 3 * day, "cancelled" },
		{ 25, now + 2 * day, "confirmed" },  { 26, now - 3600, "confirmed" },  /* running */
		{ 27, now - day, "attended" },       { 28, now - 2 * day, "no-show" },
		{ 29, now - day, "no-show" },        { 30, now - day, "waitlisted" }, /* no place */
		{ 31, now - 3 * day, "cancelled" },  { 32, now - day, "confirmed" },
	};
	for (size_t i = 0; i < sizeof mine / sizeof mine[0]; i++) {
		int64_t ini = tu_initiative(env, "Event", 0, 5);
		move_start(env, ini, mine[i].starts_at);
		place(env, mine[i].id, ini, ana, mine[i].status);
		place(env, mine[i].id + 100, ini, bo, "confirmed"); /* someone else's */
	}
	const int64_t upcoming[] = { 22, 21, 23, 25 };
	const int64_t past[] = { 26, 32, 29, 27, 28 };
	places_of up = { env->db, ana, CSR_SPAN_UPCOMING }, done = { env->db, ana, CSR_SPAN_PAST };
	for (int page = 1; page <= 6; page++) {
		tu_assert_pages(&volunteer_places, &up, page, upcoming, 4);
		tu_assert_pages(&volunteer_places, &done, page, past, 5);
	}
	int64_t count = 0;
	assert_int_equal(csr_signup_count_volunteer(env->db, ana, CSR_SPAN_UPCOMING, &count, NULL),
			 CSR_OK);
	assert_int_equal(count, 4);
	assert_int_equal(csr_signup_count_volunteer(env->db, ana, CSR_SPAN_PAST, &count, NULL),
			 CSR_OK);
	assert_int_equal(count, 5);

	csr_signup rows[2];
	int n = 0;
	assert_int_equal(csr_signup_page_volunteer(env->db, ana, CSR_SPAN_UPCOMING, NULL, false,
						   rows, 2, &n, NULL), CSR_OK);
	assert_string_equal(rows[0].title, "Event");
	assert_int_equal(rows[0].starts_at, now + day);
	assert_int_equal(rows[0].status, CSR_SIGNUP_WAITLISTED);
}

static void test_page_volunteer_empty_and_bad_span(void **state)
{
	tu_env *env = *state;
	int64_t ana = tu_volunteer(env, "E1", "Ana");
	int64_t ini = tu_initiative(env, "Event", 24, 5);
	place(env, 1, ini, ana, "cancelled");
	places_of up = { env->db, ana, CSR_SPAN_UPCOMING }, done = { env->db, ana, CSR_SPAN_PAST };
	tu_assert_pages(&volunteer_places, &up, 2, NULL, 0);
	tu_assert_pages(&volunteer_places, &done, 2, NULL, 0);
	int64_t count = -1;
	assert_int_equal(csr_signup_count_volunteer(env->db, ana, CSR_SPAN_PAST, &count, NULL),
			 CSR_OK);
	assert_int_equal(count, 0);
	csr_signup rows[2];
	int n = -1;
	csr_err err;
	assert_int_equal(csr_signup_page_volunteer(env->db, ana, (csr_span)2, NULL, false, rows, 2,
						   &n, &err), CSR_EINVAL);
	assert_int_equal(n, 0);
	assert_string_equal(err.msg, "Span 2 is not upcoming or past");
	assert_int_equal(csr_signup_count_volunteer(env->db, ana, (csr_span)-1, &count, &err),
			 CSR_EINVAL);
}

/* Every page, count and look-up seeks an index; none reads a table or an
 * index from end to end. */
static void test_pages_seek(void **state)
{
	tu_env *env = *state;
	int64_t ini = tu_initiative(env, "Event", 24, 5);
	int64_t ana = tu_volunteer(env, "E1", "Ana");
	place(env, 1, ini, ana, "confirmed");
	csr_signup rows[2], one;
	int n;
	int64_t count;
	tu_plan_start(env);
	assert_int_equal(csr_signup_get_id(env->db, 1, &one, NULL), CSR_OK);
	assert_int_equal(csr_signup_page_initiative(env->db, ini, NULL, NULL, false, rows, 2, &n, NULL),
			 CSR_OK);
	assert_int_equal(csr_signup_page_initiative(env->db, ini, NULL, &one, true, rows, 2, &n, NULL),
			 CSR_OK);
	tu_assert_seeks(env, "USING INDEX signup_place_order (initiative_id=? AND <expr>=? AND id");
	tu_plan_start(env);
	assert_int_equal(csr_signup_count_initiative(env->db, ini, NULL, &count, NULL), CSR_OK);
	tu_assert_seeks(env, "initiative_places USING INTEGER PRIMARY KEY");
	/* A volunteer's places are found in signup_by_volunteer and, being
	 * few, sorted by the start of their initiatives. */
	for (csr_span span = CSR_SPAN_UPCOMING; span <= CSR_SPAN_PAST; span++) {
		tu_plan_start(env);
		assert_int_equal(csr_signup_page_volunteer(env->db, ana, span, NULL, false, rows, 2,
							   &n, NULL), CSR_OK);
		assert_int_equal(csr_signup_page_volunteer(env->db, ana, span, &one, true, rows, 2,
							   &n, NULL), CSR_OK);
		assert_int_equal(csr_signup_count_volunteer(env->db, ana, span, &count, NULL),
				 CSR_OK);
		const char *plan = tu_plan(env);
		if (strstr(plan, "SCAN ") || !strstr(plan, "signup_by_volunteer (volunteer_id=?"))
			fail_msg("span %d: %s", (int)span, plan);
	}
}

/* ---- leads acting for people (issue 11) ---- */

/* The text a column of a place holds ("NULL" for NULL). */
static const char *place_text(tu_env *env, const char *column, int64_t initiative,
			      int64_t volunteer)
{
	static char out[300];
	char sql[300];
	snprintf(sql, sizeof sql, "SELECT coalesce(%s, 'NULL') FROM signup WHERE initiative_id = ?1"
		 " AND volunteer_id = ?2 ORDER BY id DESC", column);
	sqlite3_stmt *st = NULL;
	sqlite3_prepare_v2(csr_db_sqlite(env->db), sql, -1, &st, NULL);
	sqlite3_bind_int64(st, 1, initiative);
	sqlite3_bind_int64(st, 2, volunteer);
	snprintf(out, sizeof out, "%s", sqlite3_step(st) == SQLITE_ROW ?
		 (const char *)sqlite3_column_text(st, 0) : "none");
	sqlite3_finalize(st);
	return out;
}

static void test_lead_cancels_for_someone(void **state)
{
	tu_env *env = *state;
	int64_t ini = tu_initiative(env, "Blood drive", 10, 1); /* inside the 24 h cutoff */
	int64_t zoe = tu_volunteer(env, "E1", "Zoë"), ana = tu_volunteer(env, "E2", "Ana"),
		jana = tu_volunteer(env, "L1", "Jana Lead");
	add_ok(env, ini, zoe);
	add_ok(env, ini, ana); /* waitlisted */
	tu_act(env, CSR_ROLE_LEAD, jana);
	char before[4096], after[4096];
	snapshot(env, before, sizeof before);
	csr_err err;
	assert_int_equal(csr_signup_cancel_for(env->db, ini, zoe, "  ", NULL, &err), CSR_EREFUSED);
	assert_string_equal(err.msg, "A reason is required to give up Zoë's place on 'Blood drive'"
			    " less than 24 hours before the start");
	snapshot(env, after, sizeof after);
	assert_string_equal(before, after);
	csr_signup_result res;
	assert_int_equal(csr_signup_cancel_for(env->db, ini, zoe, "moved to the Saturday shift",
					       &res, &err), CSR_OK);
	assert_int_equal(res.promoted_volunteer_id, ana);
	assert_string_equal(status_of(env, ini, zoe), "cancelled");
	assert_string_equal(status_of(env, ini, ana), "confirmed");
	assert_string_equal(place_text(env, "changed_by_name", ini, zoe), "Jana Lead");
	assert_string_equal(place_text(env, "reason", ini, zoe), "moved to the Saturday shift");
	char sql[300];
	snprintf(sql, sizeof sql, "SELECT changed_by FROM signup WHERE initiative_id = %lld AND"
		 " volunteer_id = %lld", (long long)ini, (long long)zoe);
	assert_int_equal(tu_scalar(env, sql), jana);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit WHERE action = 'signup.cancel'"
				   " AND detail LIKE '%for E1, reason: moved to the Saturday shift'"),
			 1);
	/* the list functions carry it to My record */
	csr_signup row;
	assert_int_equal(csr_signup_get_id(env->db, res.signup_id, &row, &err), CSR_OK);
	assert_int_equal(row.changed_by, jana);
	assert_string_equal(row.changed_by_name, "Jana Lead");
	assert_string_equal(row.reason, "moved to the Saturday shift");
	/* My record lists the place the lead cancelled among the upcoming ones */
	int64_t upcoming = 0;
	assert_int_equal(csr_signup_count_volunteer(env->db, zoe, CSR_SPAN_UPCOMING, &upcoming, &err),
			 CSR_OK);
	assert_int_equal(upcoming, 1);
	/* a lead's own place needs no reason; a person acting leaves no mark */
	add_ok(env, tu_initiative(env, "Later", 100, 5), zoe);
	tu_act(env, CSR_ROLE_AGENT, zoe);
	int64_t later = tu_scalar(env, "SELECT id FROM initiative WHERE title = 'Later'");
	assert_string_equal(place_text(env, "changed_by_name", later, zoe), "Jana Lead");
	assert_int_equal(csr_signup_cancel(env->db, later, zoe, NULL, &err), CSR_OK);
	assert_string_equal(place_text(env, "changed_by_name", later, zoe), "NULL");
	assert_int_equal(csr_signup_count_volunteer(env->db, zoe, CSR_SPAN_UPCOMING, &upcoming, &err),
			 CSR_OK);
	assert_int_equal(upcoming, 1); /* her own cancel is not listed */
	assert_string_equal(place_text(env, "reason", later, zoe), "NULL");
}

static void test_move(void **state)
{
	tu_env *env = *state;
	int64_t thu = tu_initiative(env, "Thursday shift", 100, 1);
	int64_t sat = tu_initiative(env, "Saturday shift", 101, 2); /* overlaps Thursday's */
	int64_t closed = tu_initiative(env, "Closed one", 200, 5);
	tu_sqlf(env, "UPDATE initiative SET status = 'closed' WHERE id = %lld", (long long)closed);
	int64_t zoe = tu_volunteer(env, "E1", "Zoë"), ana = tu_volunteer(env, "E2", "Ana");
	add_ok(env, thu, zoe);
	add_ok(env, thu, ana); /* waitlisted */
	char before[4096], after[4096];
	snapshot(env, before, sizeof before);
	csr_signup_result res;
	csr_err err;
	assert_int_equal(csr_signup_move(env->db, thu, closed, zoe, NULL, &res, &err), CSR_EREFUSED);
	assert_string_equal(err.msg, "'Closed one' is closed for sign-ups");
	assert_int_equal(csr_signup_move(env->db, thu, thu, zoe, NULL, &res, &err), CSR_EINVAL);
	snapshot(env, after, sizeof after);
	assert_string_equal(before, after);
	assert_int_equal(csr_signup_move(env->db, thu, sat, zoe, "swapped", &res, &err), CSR_OK);
	assert_int_equal(res.status, CSR_SIGNUP_CONFIRMED);
	assert_int_equal(res.promoted_volunteer_id, ana);
	assert_string_equal(status_of(env, thu, zoe), "cancelled");
	assert_string_equal(status_of(env, thu, ana), "confirmed");
	assert_string_equal(status_of(env, sat, zoe), "confirmed");
	assert_string_equal(place_text(env, "reason", sat, zoe), "swapped");
	/* an agent cannot move a place inside the cutoff, a lead only with a reason */
	tu_sqlf(env, "UPDATE initiative SET starts_at = %lld + 3600, ends_at = %lld + 7200"
		" WHERE id = %lld", (long long)csr_now(), (long long)csr_now(), (long long)sat);
	tu_act(env, CSR_ROLE_LEAD, 0);
	assert_int_equal(csr_signup_move(env->db, sat, thu, zoe, NULL, &res, &err), CSR_EREFUSED);
	assert_string_equal(err.msg, "A reason is required to give up Zoë's place on"
			    " 'Saturday shift' less than 24 hours before the start");
	assert_string_equal(status_of(env, sat, zoe), "confirmed");
}

static void test_group(void **state)
{
	tu_env *env = *state;
	int64_t ini = tu_initiative(env, "Tree planting", 48, 3);
	int64_t other = tu_initiative(env, "Same time", 48.5, 5);
	int64_t v[4] = { tu_volunteer(env, "E1", "Zoë"), tu_volunteer(env, "E2", "Ana"),
			 tu_volunteer(env, "E3", "Ionuț"), tu_volunteer(env, "E4", "Mia") };
	add_ok(env, other, v[2]);
	char before[4096], after[4096];
	snapshot(env, before, sizeof before);
	csr_err err;
	assert_int_equal(csr_signup_add_group(env->db, ini, v, 3, &err), CSR_EREFUSED);
	assert_string_equal(err.msg, "Ionuț has a confirmed place on 'Same time' at the same time");
	const int64_t twice[2] = { v[0], v[0] };
	assert_int_equal(csr_signup_add_group(env->db, ini, twice, 2, &err), CSR_ECONFLICT);
	assert_string_equal(err.msg, "Zoë already has a place on 'Tree planting'");
	const int64_t four[4] = { v[0], v[1], v[3], v[3] };
	tu_sqlf(env, "UPDATE initiative SET capacity = 2 WHERE id = %lld", (long long)ini);
	assert_int_equal(csr_signup_add_group(env->db, ini, four, 3, &err), CSR_EREFUSED);
	assert_string_equal(err.msg, "'Tree planting' has no free place left for Mia");
	tu_act(env, CSR_ROLE_AGENT, v[0]);
	assert_int_equal(csr_signup_add_group(env->db, ini, v, 1, &err), CSR_EDENIED);
	snapshot(env, after, sizeof after);
	tu_sqlf(env, "UPDATE initiative SET capacity = 3 WHERE id = %lld", (long long)ini);
	assert_string_equal(before, after);
	tu_act(env, CSR_ROLE_LEAD, 0);
	assert_int_equal(csr_signup_add_group(env->db, ini, four, 3, &err), CSR_OK);
	for (int i = 0; i < 3; i++)
		assert_string_equal(status_of(env, ini, four[i]), "confirmed");
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit WHERE action = 'signup.add'"
				   " AND detail LIKE '%confirmed for E_'"), 4); /* 3 + the first */
}

/* The minutes and status of the hours of a volunteer, "minutes/status/by
 * attendance" joined by ",". */
static const char *hours_of(tu_env *env, int64_t volunteer)
{
	static char out[300];
	sqlite3_stmt *st = NULL;
	sqlite3_prepare_v2(csr_db_sqlite(env->db), "SELECT coalesce(group_concat(minutes || '/' ||"
			   " status || '/' || (signup_id IS NOT NULL), ','), '') FROM (SELECT * FROM"
			   " hours WHERE volunteer_id = ?1 ORDER BY id)", -1, &st, NULL);
	sqlite3_bind_int64(st, 1, volunteer);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	snprintf(out, sizeof out, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return out;
}

static void test_attendance_records_hours(void **state)
{
	tu_env *env = *state;
	int64_t ini = tu_initiative(env, "Charity run", 48, 5); /* two hours long */
	int64_t zoe = tu_volunteer(env, "E1", "Zoë"), ana = tu_volunteer(env, "E2", "Ana");
	add_ok(env, ini, zoe);
	add_ok(env, ini, ana);
	start_now(env, ini);
	csr_err err;
	assert_int_equal(csr_signup_mark(env->db, ini, zoe, true, &err), CSR_OK);
	assert_string_equal(hours_of(env, zoe), "120/approved/1");
	assert_int_equal(csr_signup_mark_minutes(env->db, ini, zoe, true, 90, &err), CSR_OK);
	assert_string_equal(hours_of(env, zoe), "90/approved/1"); /* never a second entry */
	assert_int_equal(csr_signup_mark(env->db, ini, zoe, true, &err), CSR_OK);
	assert_string_equal(hours_of(env, zoe), "120/approved/1");
	assert_int_equal(csr_signup_mark_minutes(env->db, ini, zoe, true, 1441, &err), CSR_EINVAL);
	assert_int_equal(csr_signup_mark(env->db, ini, zoe, false, &err), CSR_OK);
	assert_string_equal(hours_of(env, zoe), "");
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit WHERE action = 'hours.remove'"),
			 1);
	/* the day worked is the initiative's */
	assert_int_equal(csr_signup_mark(env->db, ini, zoe, true, &err), CSR_OK);
	char sql[300];
	snprintf(sql, sizeof sql, "SELECT date(h.worked_on, 'unixepoch', 'localtime') ="
		 " date(i.starts_at, 'unixepoch', 'localtime') FROM hours h JOIN initiative i"
		 " ON i.id = h.initiative_id WHERE h.volunteer_id = %lld", (long long)zoe);
	assert_int_equal(tu_scalar(env, sql), 1);
	/* Ana logged her hours herself: approved, not counted twice, kept on no-show */
	tu_sqlf(env, "INSERT INTO hours (volunteer_id, initiative_id, worked_on, minutes, status,"
		" created_at) VALUES (%lld, %lld, %lld, 100, 'pending', 0)", (long long)ana,
		(long long)ini, (long long)csr_now() - 3600);
	assert_int_equal(csr_signup_mark(env->db, ini, ana, true, &err), CSR_OK);
	assert_string_equal(hours_of(env, ana), "100/approved/0");
	assert_int_equal(csr_signup_mark(env->db, ini, ana, false, &err), CSR_OK);
	assert_string_equal(hours_of(env, ana), "100/approved/0");
}

/* A lead marking their own attendance approves nothing of their own: the
 * hours wait for another lead, unless hours.self_approval. */
static void test_attendance_own_hours_wait(void **state)
{
	tu_env *env = *state;
	int64_t ini = tu_initiative(env, "Charity run", 48, 5); /* two hours long */
	int64_t lea = tu_volunteer(env, "L1", "Lea"), max = tu_volunteer(env, "L2", "Max");
	add_ok(env, ini, lea);
	add_ok(env, ini, max);
	start_now(env, ini);
	tu_act(env, CSR_ROLE_LEAD, lea);
	csr_err err;
	assert_int_equal(csr_signup_mark(env->db, ini, lea, true, &err), CSR_OK);
	assert_string_equal(hours_of(env, lea), "120/pending/1");
	assert_int_equal(csr_signup_mark(env->db, ini, max, true, &err), CSR_OK);
	assert_string_equal(hours_of(env, max), "120/approved/1");
	env->cfg->hours.self_approval = true;
	assert_int_equal(csr_signup_mark(env->db, ini, lea, false, &err), CSR_OK);
	assert_int_equal(csr_signup_mark(env->db, ini, lea, true, &err), CSR_OK);
	assert_string_equal(hours_of(env, lea), "120/approved/1");
}

static void test_attendance_without_hours(void **state)
{
	tu_env *env = *state;
	csr_config *cfg = NULL;
	csr_err err;
	assert_int_equal(csr_config_load_text("attendance { record_hours = false }\n", "t.conf",
					      &cfg, &err), CSR_OK);
	assert_false(cfg->attendance.record_hours);
	assert_true(env->cfg->attendance.record_hours); /* the default */
	csr_db_set_config(env->db, cfg);
	int64_t ini = tu_initiative(env, "Charity run", 48, 5);
	int64_t zoe = tu_volunteer(env, "E1", "Zoë");
	add_ok(env, ini, zoe);
	start_now(env, ini);
	assert_int_equal(csr_signup_mark(env->db, ini, zoe, true, &err), CSR_OK);
	assert_int_equal(csr_signup_walk_in(env->db, ini, tu_volunteer(env, "E2", "Ana"), 0, &err),
			 CSR_OK);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM hours"), 0);
	csr_db_set_config(env->db, env->cfg);
	csr_config_free(&cfg);
}

static void test_walk_in(void **state)
{
	tu_env *env = *state;
	int64_t ini = tu_initiative(env, "Blood drive", 48, 1);
	int64_t zoe = tu_volunteer(env, "E1", "Zoë"), ana = tu_volunteer(env, "E2", "Ana"),
		ion = tu_volunteer(env, "E3", "Ionuț");
	add_ok(env, ini, zoe);
	add_ok(env, ini, ana); /* waitlisted: full */
	csr_err err;
	assert_int_equal(csr_signup_walk_in(env->db, ini, ion, 0, &err), CSR_EREFUSED);
	assert_string_equal(err.msg, "'Blood drive' has not started yet: attendance can be"
			    " recorded once it starts");
	start_now(env, ini);
	tu_sqlf(env, "UPDATE initiative SET status = 'done' WHERE id = %lld", (long long)ini);
	assert_int_equal(csr_signup_walk_in(env->db, ini, ion, 45, &err), CSR_OK);
	assert_string_equal(status_of(env, ini, ion), "attended");
	assert_string_equal(hours_of(env, ion), "45/approved/1");
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit WHERE action = 'signup.walk_in'"
				   " AND detail LIKE '%walk-in for E3'"), 1);
	/* someone on the waitlist who came is marked on their place */
	assert_int_equal(csr_signup_walk_in(env->db, ini, ana, 0, &err), CSR_OK);
	assert_string_equal(status_of(env, ini, ana), "attended");
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM signup WHERE status <> 'cancelled'"),
			 3);
	/* Walk-ins beyond the capacity leave the initiative editable as it is. */
	tu_act(env, CSR_ROLE_LEAD, 0);
	csr_initiative in;
	assert_int_equal(csr_initiative_get(env->db, ini, &in, &err), CSR_OK);
	snprintf(in.location, sizeof in.location, "Car park");
	assert_int_equal(csr_initiative_update(env->db, &in, &err), CSR_OK);
	tu_sqlf(env, "UPDATE initiative SET status = 'cancelled' WHERE id = %lld", (long long)ini);
	assert_int_equal(csr_signup_walk_in(env->db, ini, tu_volunteer(env, "E4", "Mia"), 0, &err),
			 CSR_EREFUSED);
	assert_string_equal(err.msg, "'Blood drive' has been cancelled");
	tu_act(env, CSR_ROLE_AGENT, zoe);
	assert_int_equal(csr_signup_walk_in(env->db, ini, zoe, 0, &err), CSR_EDENIED);
}

static void test_inside_cutoff(void **state)
{
	tu_env *env = *state;
	bool inside = true;
	csr_err err;
	assert_int_equal(csr_signup_inside_cutoff(env->db, tu_initiative(env, "Later", 30, 1),
						  &inside, &err), CSR_OK);
	assert_false(inside);
	int64_t soon = tu_initiative(env, "Soon", 20, 1);
	assert_int_equal(csr_signup_inside_cutoff(env->db, soon, &inside, &err), CSR_OK);
	assert_true(inside);
	add_ok(env, soon, tu_volunteer(env, "E1", "Zoë")); /* full: a place would be waitlisted */
	assert_int_equal(csr_signup_inside_cutoff(env->db, soon, &inside, &err), CSR_OK);
	assert_false(inside);
	assert_int_equal(csr_signup_inside_cutoff(env->db, 999, &inside, &err), CSR_ENOTFOUND);
}

#define T(f) cmocka_unit_test_setup_teardown(f, tu_setup, tu_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_status_names),
		T(test_confirmed_then_waitlisted),
		T(test_waitlist_position_after_leaving),
		T(test_full_without_waitlist),
		T(test_one_place_per_initiative),
		T(test_initiative_not_open),
		T(test_overlap),
		T(test_inactive_volunteer),
		T(test_agents_act_only_for_themselves),
		T(test_not_found),
		T(test_cancel_promotes_earliest_waitlisted),
		T(test_promotion_skips_overlap_and_inactive),
		T(test_cancel_cutoff),
		T(test_lead_cancels_after_start),
		T(test_mark_attendance),
		T(test_get_and_lists),
		T(test_messages_are_sanitized),
		T(test_page_initiative),
		T(test_page_initiative_empty),
		T(test_page_initiative_search),
		T(test_position_counts_newest),
		T(test_get_id),
		T(test_page_volunteer),
		T(test_page_volunteer_empty_and_bad_span),
		T(test_pages_seek),
		T(test_lead_cancels_for_someone),
		T(test_move),
		T(test_group),
		T(test_attendance_records_hours),
		T(test_attendance_own_hours_wait),
		T(test_attendance_without_hours),
		T(test_walk_in),
		T(test_inside_cutoff),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
