/* SPDX-License-Identifier: MIT */
/* Notifications: a row for every event that concerns a person, written in
 * the change's own transaction; reminders and leads' notices once each;
 * each channel delivers a row once; texts in the reader's language. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "csrdesk/clock.h"
#include "csrdesk/hours.h"
#include "csrdesk/i18n.h"
#include "csrdesk/initiative.h"
#include "csrdesk/notification.h"
#include "csrdesk/signup.h"
#include "testutil.h"

static int64_t count_kind(tu_env *env, const char *kind, int64_t volunteer_id)
{
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM notification WHERE kind = '%s'"
		 " AND volunteer_id = %lld", kind, (long long)volunteer_id);
	return tu_scalar(env, sql);
}

static void fresh(tu_env *env)
{
	tu_act(env, CSR_ROLE_ADMIN, 0);
	tu_sql(env, "DELETE FROM notification; DELETE FROM volunteer_interest;"
		    " DELETE FROM hours; DELETE FROM signup;");
}

/* A full initiative with a on it and b waiting. */
static int64_t full_with_waitlist(tu_env *env, int64_t a, int64_t b)
{
	int64_t ini = tu_initiative(env, "Blood donation drive", 72, 1);
	tu_act(env, CSR_ROLE_LEAD, 0);
	assert_int_equal(csr_signup_add(env->db, ini, a, NULL, NULL), CSR_OK);
	assert_int_equal(csr_signup_add(env->db, ini, b, NULL, NULL), CSR_OK);
	return ini;
}

static void test_promotion_tells_the_person_once(void **state)
{
	tu_env *env = *state;
	fresh(env);
	int64_t a = tu_volunteer(env, "N1", "Anna"), b = tu_volunteer(env, "N2", "Bernd");
	int64_t ini = full_with_waitlist(env, a, b);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM notification"), 0);
	/* a cancels herself: she is not told, b is told he has a place */
	tu_act(env, CSR_ROLE_AGENT, a);
	assert_int_equal(csr_signup_cancel(env->db, ini, a, NULL, NULL), CSR_OK);
	assert_int_equal(count_kind(env, "promoted", b), 1);
	assert_int_equal(count_kind(env, "place_cancelled", a), 0);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM notification"), 1);

	csr_recipient r = { .volunteer_id = b };
	csr_notification rows[8];
	int n = 0;
	assert_int_equal(csr_notification_pending(env->db, &r, CSR_CHANNEL_SCREEN, csr_now(), rows,
						  8, &n, NULL), CSR_OK);
	assert_int_equal(n, 1);
	char text[CSR_NOTIFICATION_TEXT_MAX];
	csr_notification_text(&rows[0], text, sizeof text);
	assert_non_null(strstr(text, "You have a place: Blood donation drive, "));

	/* the screen marks it read: gone from the screen, still due for the
	 * login message and mail, each once */
	tu_act(env, CSR_ROLE_AGENT, b);
	assert_int_equal(csr_notification_mark(env->db, CSR_CHANNEL_SCREEN, &rows[0].id, 1, NULL),
			 CSR_OK);
	int64_t unread = -1;
	assert_int_equal(csr_notification_count_unread(env->db, &r, csr_now(), &unread, NULL),
			 CSR_OK);
	assert_int_equal(unread, 0);
	/* the list of recent ones still has it, read */
	assert_int_equal(csr_notification_recent(env->db, &r, csr_now(), rows, 8, &n, NULL),
			 CSR_OK);
	assert_int_equal(n, 1);
	assert_true(rows[0].read_at > 0);
	assert_int_equal(csr_notification_pending(env->db, &r, CSR_CHANNEL_LOGIN, csr_now(), rows,
						  8, &n, NULL), CSR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(csr_notification_pending(env->db, &r, CSR_CHANNEL_MAIL, csr_now(), rows,
						  8, &n, NULL), CSR_OK);
	assert_int_equal(n, 1);
}

/* Someone else may not mark a person's notifications read. */
static void test_only_the_person_marks_read(void **state)
{
	tu_env *env = *state;
	fresh(env);
	int64_t a = tu_volunteer(env, "N3", "Carla"), b = tu_volunteer(env, "N4", "Dieter");
	int64_t ini = full_with_waitlist(env, a, b);
	tu_act(env, CSR_ROLE_LEAD, 0);
	assert_int_equal(csr_signup_cancel_for(env->db, ini, a, "Shift change", NULL, NULL),
			 CSR_OK);
	int64_t id = tu_scalar(env, "SELECT id FROM notification WHERE kind = 'promoted'");
	tu_act(env, CSR_ROLE_AGENT, a);
	assert_int_equal(csr_notification_mark(env->db, CSR_CHANNEL_SCREEN, &id, 1, NULL), CSR_OK);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM notification WHERE read_at IS NULL"
				       " AND kind = 'promoted'"), 1);
}

static void test_lead_cancel_and_move_tell_the_person(void **state)
{
	tu_env *env = *state;
	fresh(env);
	int64_t a = tu_volunteer(env, "N5", "Emil");
	int64_t one = tu_initiative(env, "Tree planting", 72, 5);
	int64_t two = tu_initiative(env, "Food bank", 96, 5);
	tu_act(env, CSR_ROLE_AGENT, a);
	assert_int_equal(csr_signup_add(env->db, one, a, NULL, NULL), CSR_OK);
	tu_act(env, CSR_ROLE_LEAD, 0);
	assert_int_equal(csr_signup_move(env->db, one, two, a, "Too many", NULL, NULL), CSR_OK);
	assert_int_equal(count_kind(env, "place_moved", a), 1);
	assert_int_equal(count_kind(env, "place_cancelled", a), 0);
	assert_int_equal(csr_signup_cancel_for(env->db, two, a, "Not needed", NULL, NULL), CSR_OK);
	assert_int_equal(count_kind(env, "place_cancelled", a), 1);

	csr_recipient r = { .volunteer_id = a };
	csr_notification rows[4];
	int n = 0;
	assert_int_equal(csr_notification_pending(env->db, &r, CSR_CHANNEL_SCREEN, csr_now(), rows,
						  4, &n, NULL), CSR_OK);
	assert_int_equal(n, 2);
	char text[CSR_NOTIFICATION_TEXT_MAX];
	csr_notification_text(&rows[0], text, sizeof text);
	assert_non_null(strstr(text, "moved your place to Food bank"));
	assert_non_null(strstr(text, "(from Tree planting)"));
	csr_notification_text(&rows[1], text, sizeof text);
	assert_non_null(strstr(text, "cancelled your place on Food bank"));
	assert_non_null(strstr(text, "Reason: Not needed"));
}

/* A failed change writes no notification: the same transaction. */
static void test_refused_change_writes_nothing(void **state)
{
	tu_env *env = *state;
	fresh(env);
	int64_t a = tu_volunteer(env, "N6", "Frida"), b = tu_volunteer(env, "N7", "Gustav");
	int64_t ini = full_with_waitlist(env, a, b);
	/* an agent may not cancel someone else's place */
	tu_act(env, CSR_ROLE_AGENT, b);
	assert_int_not_equal(csr_signup_cancel(env->db, ini, a, NULL, NULL), CSR_OK);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM notification"), 0);
}

static void test_initiative_cancelled_and_changed(void **state)
{
	tu_env *env = *state;
	fresh(env);
	int64_t a = tu_volunteer(env, "N8", "Hanna"), b = tu_volunteer(env, "N9", "Ida");
	int64_t ini = full_with_waitlist(env, a, b);
	tu_act(env, CSR_ROLE_LEAD, 0);
	csr_initiative in;
	assert_int_equal(csr_initiative_get(env->db, ini, &in, NULL), CSR_OK);
	/* a new title alone tells nobody; a new time tells both */
	snprintf(in.title, sizeof in.title, "Blood drive");
	assert_int_equal(csr_initiative_update(env->db, &in, NULL), CSR_OK);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM notification"), 0);
	in.starts_at += 3600;
	in.ends_at += 3600;
	assert_int_equal(csr_initiative_update(env->db, &in, NULL), CSR_OK);
	assert_int_equal(count_kind(env, "initiative_changed", a), 1);
	assert_int_equal(count_kind(env, "initiative_changed", b), 1);
	assert_int_equal(csr_initiative_set_status(env->db, ini, CSR_INITIATIVE_CANCELLED, NULL),
			 CSR_OK);
	assert_int_equal(count_kind(env, "initiative_cancelled", a), 1);
	assert_int_equal(count_kind(env, "initiative_cancelled", b), 1);
	/* cancelling again tells nobody again */
	assert_int_equal(csr_initiative_set_status(env->db, ini, CSR_INITIATIVE_CANCELLED, NULL),
			 CSR_OK);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM notification"
				       " WHERE kind = 'initiative_cancelled'"), 2);
}

static void test_hours_decisions(void **state)
{
	tu_env *env = *state;
	fresh(env);
	int64_t a = tu_volunteer(env, "N10", "Jonas");
	tu_act(env, CSR_ROLE_AGENT, a);
	csr_hours h = { .volunteer_id = a, .worked_on = csr_now() - 86400, .minutes = 150 };
	assert_int_equal(csr_hours_log(env->db, &h, NULL), CSR_OK);
	csr_hours g = { .volunteer_id = a, .worked_on = csr_now() - 86400, .minutes = 60 };
	assert_int_equal(csr_hours_log(env->db, &g, NULL), CSR_OK);
	tu_act(env, CSR_ROLE_LEAD, 0);
	assert_int_equal(csr_hours_decide(env->db, h.id, true, NULL), CSR_OK);
	assert_int_equal(csr_hours_reject(env->db, g.id, "Not a CSR activity", NULL), CSR_OK);
	csr_recipient r = { .volunteer_id = a };
	csr_notification rows[4];
	int n = 0;
	assert_int_equal(csr_notification_pending(env->db, &r, CSR_CHANNEL_MAIL, csr_now(), rows,
						  4, &n, NULL), CSR_OK);
	assert_int_equal(n, 2);
	char text[CSR_NOTIFICATION_TEXT_MAX];
	csr_notification_text(&rows[0], text, sizeof text);
	assert_non_null(strstr(text, "Your hours were approved: 2.5 hours on "));
	csr_notification_text(&rows[1], text, sizeof text);
	assert_non_null(strstr(text, "Your hours were rejected: 1 hour on "));
	assert_non_null(strstr(text, "Reason: Not a CSR activity"));
}

/* Marking attended approves the hours the person logged for it (they are
 * told); marking no-show removes the hours attendance recorded, and a
 * notification about them goes with them. */
static void test_attendance_and_hours(void **state)
{
	tu_env *env = *state;
	fresh(env);
	int64_t a = tu_volunteer(env, "N19", "Tilo");
	int64_t a2 = tu_volunteer(env, "N20", "Uwe");
	int64_t ini = tu_initiative(env, "Past", 5, 5);
	tu_act(env, CSR_ROLE_LEAD, 0);
	assert_int_equal(csr_signup_add(env->db, ini, a, NULL, NULL), CSR_OK);
	assert_int_equal(csr_signup_add(env->db, ini, a2, NULL, NULL), CSR_OK);
	/* it has taken place */
	tu_sqlf(env, "UPDATE initiative SET starts_at = starts_at - 36000, ends_at = ends_at - 36000"
		     " WHERE id = %lld", (long long)ini);
	tu_act(env, CSR_ROLE_AGENT, a);
	csr_hours h = { .volunteer_id = a, .initiative_id = ini, .worked_on = csr_now() - 3600,
			.minutes = 90 };
	assert_int_equal(csr_hours_log(env->db, &h, NULL), CSR_OK);
	tu_act(env, CSR_ROLE_LEAD, 0);
	assert_int_equal(csr_signup_mark(env->db, ini, a, true, NULL), CSR_OK);
	assert_int_equal(count_kind(env, "hours_approved", a), 1);
	/* attendance's own hours, approved then reverted and approved again,
	 * then removed by a no-show: the notification goes with them */
	int64_t b = a2;
	assert_int_equal(csr_signup_mark(env->db, ini, b, true, NULL), CSR_OK);
	int64_t id = tu_scalar(env, "SELECT h.id FROM hours h JOIN volunteer v"
			       " ON v.id = h.volunteer_id WHERE v.employee_id = 'N20'");
	assert_int_equal(csr_hours_revert(env->db, id, NULL), CSR_OK);
	assert_int_equal(csr_hours_decide(env->db, id, true, NULL), CSR_OK);
	assert_int_equal(count_kind(env, "hours_approved", b), 1);
	assert_int_equal(csr_signup_mark(env->db, ini, b, false, NULL), CSR_OK);
	assert_int_equal(count_kind(env, "hours_approved", b), 0);
}

static void test_reminders_once_each(void **state)
{
	tu_env *env = *state;
	fresh(env);
	int64_t a = tu_volunteer(env, "N11", "Klara");
	int64_t soon = tu_initiative(env, "Soon", 20, 5);   /* in 20 hours */
	int64_t later = tu_initiative(env, "Later", 50, 5); /* in 50 hours */
	tu_act(env, CSR_ROLE_AGENT, a);
	assert_int_equal(csr_signup_add(env->db, soon, a, NULL, NULL), CSR_OK);
	assert_int_equal(csr_signup_add(env->db, later, a, NULL, NULL), CSR_OK);
	int made = -1;
	int64_t now = csr_now();
	assert_int_equal(csr_notification_schedule(env->db, now, &made, NULL), CSR_OK);
	assert_int_equal(made, 1); /* the day-before reminder of Soon only */
	assert_int_equal(count_kind(env, "reminder_day", a), 1);
	assert_int_equal(csr_notification_schedule(env->db, now, &made, NULL), CSR_OK);
	assert_int_equal(made, 0);
	/* 19.5 hours on: the hour-before reminder of Soon; Later's day reminder */
	int64_t then = now + 19 * 3600 + 1800;
	assert_int_equal(csr_notification_schedule(env->db, then, &made, NULL), CSR_OK);
	assert_int_equal(made, 1);
	assert_int_equal(count_kind(env, "reminder_hour", a), 1);
	/* after Soon began its reminders are no longer shown */
	csr_recipient r = { .volunteer_id = a };
	int64_t unread = 0;
	assert_int_equal(csr_notification_count_unread(env->db, &r, now + 21 * 3600, &unread, NULL),
			 CSR_OK);
	assert_int_equal(unread, 0);
	assert_int_equal(csr_notification_count_unread(env->db, &r, then, &unread, NULL), CSR_OK);
	assert_int_equal(unread, 2);
	/* a cancelled place is not reminded of */
	assert_int_equal(csr_signup_cancel(env->db, later, a, NULL, NULL), CSR_OK);
	assert_int_equal(csr_notification_schedule(env->db, now + 30 * 3600, &made, NULL), CSR_OK);
	assert_int_equal(made, 0);
}

static void test_new_initiative_for_chosen_categories(void **state)
{
	tu_env *env = *state;
	fresh(env);
	int64_t a = tu_volunteer(env, "N12", "Lena"), b = tu_volunteer(env, "N13", "Mia");
	char *cats[] = { "education" };
	csr_notification_prefs p = { .language = "de", .categories = cats, .ncategories = 1 };
	tu_act(env, CSR_ROLE_AGENT, a);
	assert_int_equal(csr_notification_prefs_set(env->db, a, &p, NULL), CSR_OK);
	/* an agent may not choose for someone else; an unknown category is refused */
	assert_int_equal(csr_notification_prefs_set(env->db, b, &p, NULL), CSR_EDENIED);
	char *bad[] = { "nonsense" };
	csr_notification_prefs q = { .categories = bad, .ncategories = 1 };
	assert_int_equal(csr_notification_prefs_set(env->db, a, &q, NULL), CSR_EINVAL);

	csr_notification_prefs got;
	assert_int_equal(csr_notification_prefs_get(env->db, a, &got, NULL), CSR_OK);
	assert_string_equal(got.language, "de");
	assert_int_equal(got.ncategories, 1);
	assert_string_equal(got.categories[0], "education");
	csr_notification_prefs_free(&got);

	tu_act(env, CSR_ROLE_LEAD, 0);
	csr_initiative in = { .category = "education", .capacity = 5,
			      .status = CSR_INITIATIVE_OPEN };
	snprintf(in.title, sizeof in.title, "Mentoring");
	in.starts_at = csr_now() + 86400 * 10;
	in.ends_at = in.starts_at + 7200;
	assert_int_equal(csr_initiative_create(env->db, &in, NULL), CSR_OK);
	assert_int_equal(count_kind(env, "new_initiative", a), 1);
	assert_int_equal(count_kind(env, "new_initiative", b), 0);
	/* a draft tells nobody until it opens */
	in.status = CSR_INITIATIVE_DRAFT;
	assert_int_equal(csr_initiative_create(env->db, &in, NULL), CSR_OK);
	assert_int_equal(count_kind(env, "new_initiative", a), 1);
	assert_int_equal(csr_initiative_set_status(env->db, in.id, CSR_INITIATIVE_OPEN, NULL),
			 CSR_OK);
	assert_int_equal(count_kind(env, "new_initiative", a), 2);
}

static void test_text_in_german(void **state)
{
	tu_env *env = *state;
	fresh(env);
	int64_t a = tu_volunteer(env, "N14", "Nora"), b = tu_volunteer(env, "N15", "Otto");
	int64_t ini = full_with_waitlist(env, a, b);
	tu_act(env, CSR_ROLE_AGENT, a);
	assert_int_equal(csr_signup_cancel(env->db, ini, a, NULL, NULL), CSR_OK);
	csr_recipient r = { .volunteer_id = b };
	csr_notification n;
	int got = 0;
	assert_int_equal(csr_notification_pending(env->db, &r, CSR_CHANNEL_MAIL, csr_now(), &n, 1,
						  &got, NULL), CSR_OK);
	assert_int_equal(got, 1);
	char text[CSR_NOTIFICATION_TEXT_MAX];
	assert_int_equal(csr_i18n_set_language("de", NULL), CSR_OK);
	csr_notification_text(&n, text, sizeof text);
	assert_int_equal(csr_i18n_set_language("en", NULL), CSR_OK);
	assert_non_null(strstr(text, "Sie haben einen Platz: Blood donation drive, "));
}

static void test_leads_notices_once_a_day(void **state)
{
	tu_env *env = *state;
	fresh(env);
	tu_sql(env, "DELETE FROM initiative");
	int64_t a = tu_volunteer(env, "N16", "Paul");
	int64_t ini = tu_initiative(env, "Recycling", 48, 10); /* nobody owns it */
	tu_sqlf(env, "UPDATE initiative SET minimum = 3 WHERE id = %lld", (long long)ini);
	tu_act(env, CSR_ROLE_AGENT, a);
	assert_int_equal(csr_signup_add(env->db, ini, a, NULL, NULL), CSR_OK);
	tu_sql(env, "UPDATE volunteer SET unix_user = 'paul' WHERE employee_id = 'N16'");
	/* a lead listed in the config who has a volunteer record, one who has not */
	csr_config *cfg = NULL;
	assert_int_equal(csr_config_load_text("roles { leads = {\"paul\", \"lead2\"} }", "t", &cfg,
					      NULL), CSR_OK);
	csr_db_set_config(env->db, cfg);
	int made = 0;
	assert_int_equal(csr_notification_schedule(env->db, csr_now(), &made, NULL), CSR_OK);
	/* below minimum and free places, to both leads */
	assert_int_equal(made, 4);
	assert_int_equal(count_kind(env, "lead_below_minimum", a), 1);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM notification WHERE unix_user = 'lead2'"
				       " AND kind = 'lead_free_places' AND amount = 9"), 1);
	assert_int_equal(csr_notification_schedule(env->db, csr_now() + 60, &made, NULL), CSR_OK);
	assert_int_equal(made, 0);
	csr_recipient r = { .unix_user = "lead2" };
	csr_notification rows[4];
	int n = 0;
	assert_int_equal(csr_notification_pending(env->db, &r, CSR_CHANNEL_SCREEN, csr_now(), rows,
						  4, &n, NULL), CSR_OK);
	assert_int_equal(n, 2);
	char text[CSR_NOTIFICATION_TEXT_MAX];
	csr_notification_text(&rows[0], text, sizeof text);
	assert_non_null(strstr(text, "1 place taken, at least 3 needed"));
	csr_db_set_config(env->db, env->cfg);
	csr_config_free(&cfg);
}

static void test_purge_keeps_what_mail_has_not_sent(void **state)
{
	tu_env *env = *state;
	fresh(env);
	int64_t a = tu_volunteer(env, "N17", "Rita");
	tu_sqlf(env, "INSERT INTO notification (volunteer_id, kind, created_at, due_at, mailed_at)"
		     " VALUES (%lld, 'promoted', 100, 100, 200), (%lld, 'promoted', 100, 100, NULL),"
		     " (%lld, 'promoted', %lld, %lld, %lld)", (long long)a, (long long)a,
		(long long)a, (long long)csr_now(), (long long)csr_now(), (long long)csr_now());
	int removed = 0;
	tu_act(env, CSR_ROLE_AGENT, a);
	assert_int_equal(csr_notification_purge(env->db, csr_now() - 86400, &removed, NULL),
			 CSR_EDENIED);
	tu_act(env, CSR_ROLE_ADMIN, 0);
	assert_int_equal(csr_notification_purge(env->db, csr_now() - 86400, &removed, NULL), CSR_OK);
	assert_int_equal(removed, 1);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM notification"), 2);
}

/* The readings a session makes every second seek their indexes (the
 * person's unread rows are sorted: a handful, never the table). */
static void test_plans(void **state)
{
	tu_env *env = *state;
	fresh(env);
	int64_t a = tu_volunteer(env, "N18", "Sven");
	csr_recipient r = { .volunteer_id = a, .unix_user = "sven" };
	int64_t unread;
	csr_notification rows[4];
	int n;
	tu_plan_start(env);
	assert_int_equal(csr_notification_count_unread(env->db, &r, csr_now(), &unread, NULL),
			 CSR_OK);
	assert_int_equal(csr_notification_pending(env->db, &r, CSR_CHANNEL_SCREEN, csr_now(), rows,
						  4, &n, NULL), CSR_OK);
	const char *plan = tu_plan(env);
	assert_non_null(strstr(plan, "SEARCH n USING INDEX notification_by_volunteer"));
	assert_non_null(strstr(plan, "SEARCH n USING INDEX notification_by_unix_user"));
	assert_null(strstr(plan, "SCAN "));
}

int main(void)
{
	csr_i18n_init(); /* the catalogue of the build (CSRDESK_LOCALEDIR) */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_promotion_tells_the_person_once),
		cmocka_unit_test(test_only_the_person_marks_read),
		cmocka_unit_test(test_lead_cancel_and_move_tell_the_person),
		cmocka_unit_test(test_refused_change_writes_nothing),
		cmocka_unit_test(test_initiative_cancelled_and_changed),
		cmocka_unit_test(test_hours_decisions),
		cmocka_unit_test(test_attendance_and_hours),
		cmocka_unit_test(test_reminders_once_each),
		cmocka_unit_test(test_new_initiative_for_chosen_categories),
		cmocka_unit_test(test_text_in_german),
		cmocka_unit_test(test_leads_notices_once_a_day),
		cmocka_unit_test(test_purge_keeps_what_mail_has_not_sent),
		cmocka_unit_test(test_plans),
	};
	return cmocka_run_group_tests(tests, tu_setup, tu_teardown);
}
