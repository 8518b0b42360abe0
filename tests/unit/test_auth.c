/* Tests for src/core/auth.c: roles from the config and the real user and
 * group databases, the Unix user's volunteer record, and kiosk PINs with
 * their lockout kept in the database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <pwd.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "db_private.h"
#include "testutil.h"

#define PIN "482913"
#define OTHER_PIN "771204"

/* A group name no machine has: membership must simply be false. */
#define NO_GROUP "csrdesk-test-no-such-group"

static const char pin_conf[] =
	"roles {\n"
	"	admin_group = \"" NO_GROUP "\"\n"
	"	lead_group  = \"" NO_GROUP "\"\n"
	"	admins = {\"alice\", \"both\"}\n"
	"	leads  = {\"bob\", \"both\"}\n"
	"}\n"
	"kiosk { require_pin = true  max_pin_attempts = 3 }\n"
	"category \"c\" { }\n";

static const char nopin_conf[] =
	"kiosk { require_pin = false  max_pin_attempts = 3 }\n"
	"category \"c\" { }\n";

/* ---- helpers ---------------------------------------------------------- */

static csr_config *config_from(const char *text)
{
	csr_config *cfg = NULL;
	csr_err err = { 0 };
	if (csr_config_load_text(text, "auth-test.conf", &cfg, &err) != CSR_OK)
		fail_msg("test config: %s", err.msg);
	return cfg;
}

/* tu_setup, then the database runs with text as its config, acting as a
 * kiosk that nobody has signed in to yet. */
static int setup_with(void **state, const char *text)
{
	tu_setup(state);
	tu_env *env = *state;
	csr_config *cfg = config_from(text);
	csr_db_set_config(env->db, cfg);
	csr_config_free(&env->cfg);
	env->cfg = cfg; /* tu_teardown frees it after closing the database */
	tu_act(env, CSR_ROLE_AGENT, 0);
	return 0;
}

static int setup_pin(void **state)
{
	return setup_with(state, pin_conf);
}

static int setup_nopin(void **state)
{
	return setup_with(state, nopin_conf);
}

/* Runs SQL on a separate read-only connection, so it sees only what was
 * committed; returns the first column of the first row (0 when none). */
static int64_t committed(tu_env *env, const char *sql)
{
	sqlite3 *s = NULL;
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_open_v2(env->dbpath, &s, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	if (sqlite3_prepare_v2(s, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("bad test SQL %s: %s", sql, sqlite3_errmsg(s));
	int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	sqlite3_close(s);
	return v;
}

/* No call may leave a transaction open on the handle. */
static void assert_no_transaction(csr_db *db)
{
	assert_true(sqlite3_get_autocommit(csr_db_sqlite(db)));
}

static csr_code kiosk(csr_db *db, const char *employee_id, const char *pin, csr_actor *actor,
		      bool *needs_pin, csr_err *err)
{
	*actor = (csr_actor){ .role = CSR_ROLE_ADMIN, .volunteer_id = -1 };
	*needs_pin = true;
	csr_err_clear(err);
	csr_code rc = csr_auth_kiosk(db, employee_id, pin, actor, needs_pin, err);
	assert_no_transaction(db);
	return rc;
}

static void set_pin_ok(tu_env *env, const char *employee_id, const char *pin)
{
	csr_err err = { 0 };
	if (csr_auth_set_pin(env->db, employee_id, pin, &err) != CSR_OK)
		fail_msg("set_pin %s: %s", employee_id, err.msg);
}

static void assert_signs_in(tu_env *env, const char *employee_id, const char *pin,
			    int64_t volunteer_id)
{
	csr_actor a;
	bool needs_pin;
	csr_err err;
	if (kiosk(env->db, employee_id, pin, &a, &needs_pin, &err) != CSR_OK)
		fail_msg("kiosk sign-in as %s: %s", employee_id, err.msg);
	assert_false(needs_pin);
	assert_int_equal(a.role, CSR_ROLE_AGENT);
	assert_int_equal(a.volunteer_id, volunteer_id);
	char name[CSR_ACTOR_NAME_MAX];
	snprintf(name, sizeof name, "kiosk:%s", employee_id);
	assert_string_equal(a.name, name);
}

/* A refused sign-in: code, needs_pin false, a message holding fragment. */
static void assert_refused(tu_env *env, const char *employee_id, const char *pin,
			   csr_code code, const char *fragment)
{
	csr_actor a;
	bool needs_pin;
	csr_err err;
	assert_int_equal(kiosk(env->db, employee_id, pin, &a, &needs_pin, &err), code);
	assert_false(needs_pin);
	if (!strstr(err.msg, fragment))
		fail_msg("expected the message to mention \"%s\", got \"%s\"", fragment, err.msg);
}

static int64_t failures(tu_env *env, const char *employee_id)
{
	char sql[128];
	snprintf(sql, sizeof sql,
		 "SELECT pin_failures FROM volunteer WHERE employee_id = '%s'", employee_id);
	int64_t here = tu_scalar(env, sql);
	assert_int_equal(committed(env, sql), here);
	return here;
}

static int64_t audit_count(tu_env *env, const char *action, int64_t volunteer_id)
{
	char sql[200];
	snprintf(sql, sizeof sql,
		 "SELECT count(*) FROM audit WHERE action = '%s' AND entity = 'volunteer'"
		 " AND entity_id = %lld", action, (long long)volunteer_id);
	return committed(env, sql);
}

static void set_unix_user(tu_env *env, int64_t volunteer_id, const char *user)
{
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(csr_db_sqlite(env->db),
					    "UPDATE volunteer SET unix_user = ?1 WHERE id = ?2", -1,
					    &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, user, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, volunteer_id);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
}

/* ---- roles ------------------------------------------------------------ */

static void test_role_names(void **state)
{
	(void)state;
	assert_string_equal(csr_role_name(CSR_ROLE_AGENT), "agent");
	assert_string_equal(csr_role_name(CSR_ROLE_LEAD), "lead");
	assert_string_equal(csr_role_name(CSR_ROLE_ADMIN), "admin");
}

static void test_role_from_lists(void **state)
{
	(void)state;
	csr_config *cfg = config_from(pin_conf);
	assert_int_equal(csr_auth_role_of_user(cfg, "carol", 0), CSR_ROLE_ADMIN);
	assert_int_equal(csr_auth_role_of_user(cfg, "alice", 1000), CSR_ROLE_ADMIN);
	assert_int_equal(csr_auth_role_of_user(cfg, "bob", 1001), CSR_ROLE_LEAD);
	assert_int_equal(csr_auth_role_of_user(cfg, "both", 1002), CSR_ROLE_ADMIN);
	assert_int_equal(csr_auth_role_of_user(cfg, "carol", 1003), CSR_ROLE_AGENT);
	assert_int_equal(csr_auth_role_of_user(cfg, "Alice", 1004), CSR_ROLE_AGENT);
	csr_config_free(&cfg);
}

static csr_role role_with_groups(const char *admin_group, const char *lead_group,
				 const char *user)
{
	char text[400];
	snprintf(text, sizeof text,
		 "roles { admin_group = \"%s\" lead_group = \"%s\" }\ncategory \"c\" { }\n",
		 admin_group, lead_group);
	csr_config *cfg = config_from(text);
	csr_role role = csr_auth_role_of_user(cfg, user, 1000);
	csr_config_free(&cfg);
	return role;
}

/* The real group database: root's primary group is root. The uid passed is
 * not 0, so only the group can make "root" an admin or a lead here. */
static void test_role_from_groups(void **state)
{
	(void)state;
	assert_int_equal(role_with_groups("root", NO_GROUP, "root"), CSR_ROLE_ADMIN);
	assert_int_equal(role_with_groups(NO_GROUP, "root", "root"), CSR_ROLE_LEAD);
	assert_int_equal(role_with_groups(NO_GROUP, NO_GROUP, "root"), CSR_ROLE_AGENT);
	assert_int_equal(role_with_groups("", "", "root"), CSR_ROLE_AGENT);
	/* A user with no passwd entry belongs to no group. */
	assert_int_equal(role_with_groups("root", "root", "csrdesk-test-no-such-user"),
			 CSR_ROLE_AGENT);
	if (!getpwnam("nobody"))
		skip();
	assert_int_equal(role_with_groups("root", "root", "nobody"), CSR_ROLE_AGENT);
}

/* ---- the Unix user ---------------------------------------------------- */

static const char *current_user(void)
{
	struct passwd *pw = getpwuid(getuid());
	assert_non_null(pw);
	return pw->pw_name;
}

static void test_from_unix_maps_volunteer(void **state)
{
	tu_env *env = *state;
	char user[128];
	snprintf(user, sizeof user, "%s", current_user());
	tu_volunteer(env, "E001", "Someone Else");
	int64_t id = tu_volunteer(env, "E002", "Me Myself");
	set_unix_user(env, id, user);

	csr_actor a = { .volunteer_id = -1 };
	csr_err err = { 0 };
	assert_int_equal(csr_auth_from_unix(env->db, &a, &err), CSR_OK);
	assert_int_equal(a.volunteer_id, id);
	assert_int_equal(a.role, csr_auth_role_of_user(env->cfg, user, (unsigned)getuid()));
	if (getuid() == 0)
		assert_int_equal(a.role, CSR_ROLE_ADMIN);
	char name[sizeof user + 8];
	snprintf(name, sizeof name, "unix:%s", user);
	assert_string_equal(a.name, name);
	assert_no_transaction(env->db);
}

static void test_from_unix_without_volunteer(void **state)
{
	tu_env *env = *state;
	int64_t other = tu_volunteer(env, "E001", "Someone Else");
	set_unix_user(env, other, "csrdesk-test-no-such-user");
	csr_actor a = { .volunteer_id = -1 };
	csr_err err = { 0 };
	assert_int_equal(csr_auth_from_unix(env->db, &a, &err), CSR_OK);
	assert_int_equal(a.volunteer_id, 0);
	assert_int_equal(a.role, csr_auth_role_of_user(env->cfg, current_user(),
							 (unsigned)getuid()));
}

/* ---- PINs ------------------------------------------------------------- */

static void test_first_sign_in_needs_pin(void **state)
{
	tu_env *env = *state;
	tu_volunteer(env, "E100", "Ada");
	csr_actor a;
	bool needs_pin;
	csr_err err;
	assert_int_equal(kiosk(env->db, "E100", "", &a, &needs_pin, &err), CSR_ENOTFOUND);
	assert_true(needs_pin);
	assert_int_equal(kiosk(env->db, "E100", NULL, &a, &needs_pin, &err), CSR_ENOTFOUND);
	assert_true(needs_pin);
	assert_int_equal(kiosk(env->db, "E100", PIN, &a, &needs_pin, &err), CSR_ENOTFOUND);
	assert_true(needs_pin);
	assert_int_equal(failures(env, "E100"), 0);
}

static void expect_bad_pin(tu_env *env, const char *pin)
{
	csr_err err = { 0 };
	assert_int_equal(csr_auth_set_pin(env->db, "E100", pin, &err), CSR_EINVAL);
	if (!strstr(err.msg, "PIN"))
		fail_msg("PIN \"%s\": the message should mention the PIN: \"%s\"", pin, err.msg);
	assert_no_transaction(env->db);
}

static void test_set_pin_format(void **state)
{
	tu_env *env = *state;
	tu_volunteer(env, "E100", "Ada");
	expect_bad_pin(env, "");
	expect_bad_pin(env, "12345");                             /* 5 digits */
	expect_bad_pin(env, "12345a");
	expect_bad_pin(env, "123 456");
	expect_bad_pin(env, "-123456");
	expect_bad_pin(env, "١٢٣٤٥٦");                            /* Arabic-Indic digits */
	expect_bad_pin(env, "123456789012345678901234567890123"); /* 33 digits */
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM volunteer WHERE pin_hash IS NULL"),
			 1);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit WHERE action = 'pin.set'"),
			 0);
}

static void test_set_pin_lengths_at_the_limits(void **state)
{
	tu_env *env = *state;
	int64_t six = tu_volunteer(env, "E106", "Six");
	int64_t max = tu_volunteer(env, "E132", "Thirty-two");
	set_pin_ok(env, "E106", "000000");
	set_pin_ok(env, "E132", "12345678901234567890123456789012");
	assert_signs_in(env, "E106", "000000", six);
	assert_signs_in(env, "E132", "12345678901234567890123456789012", max);
}

static void test_sign_in_with_pin(void **state)
{
	tu_env *env = *state;
	tu_volunteer(env, "E099", "Someone Else");
	int64_t id = tu_volunteer(env, "E100", "Ada");
	set_pin_ok(env, "E100", PIN);
	assert_no_transaction(env->db);
	/* Only a hash is stored, and never the PIN in the audit log. */
	assert_int_equal(committed(env, "SELECT count(*) FROM volunteer WHERE pin_hash IS NOT NULL"
				   " AND pin_hash <> '" PIN "' AND instr(pin_hash, '" PIN "') = 0"),
			 1);
	assert_int_equal(committed(env, "SELECT count(*) FROM audit WHERE instr(detail, '" PIN
				   "') > 0"), 0);
	assert_signs_in(env, "E100", PIN, id);
	assert_signs_in(env, "E100", PIN, id); /* again, on another visit */
	assert_int_equal(failures(env, "E100"), 0);
}

static void test_wrong_pins_count_down_and_lock(void **state)
{
	tu_env *env = *state;
	int64_t id = tu_volunteer(env, "E100", "Ada");
	set_pin_ok(env, "E100", PIN);
	assert_refused(env, "E100", OTHER_PIN, CSR_EDENIED, "2 attempts left");
	assert_int_equal(failures(env, "E100"), 1);
	assert_refused(env, "E100", "", CSR_EDENIED, "1 attempt left");
	assert_int_equal(failures(env, "E100"), 2);
	assert_refused(env, "E100", "4829130", CSR_EDENIED, "locked");
	assert_int_equal(failures(env, "E100"), 3);
	/* Locked: even the right PIN is refused. */
	assert_refused(env, "E100", PIN, CSR_EDENIED, "locked");
	assert_int_equal(failures(env, "E100"), 3);
	assert_int_equal(audit_count(env, "pin.wrong", id), 3);
}

/* Wrong PINs "in a row": a right one in between starts the count again. */
static void test_right_pin_clears_failures(void **state)
{
	tu_env *env = *state;
	int64_t id = tu_volunteer(env, "E100", "Ada");
	set_pin_ok(env, "E100", PIN);
	assert_refused(env, "E100", OTHER_PIN, CSR_EDENIED, "2 attempts left");
	assert_refused(env, "E100", OTHER_PIN, CSR_EDENIED, "1 attempt left");
	assert_signs_in(env, "E100", PIN, id);
	assert_int_equal(failures(env, "E100"), 0);
	assert_refused(env, "E100", OTHER_PIN, CSR_EDENIED, "2 attempts left");
}

/* Every terminal has its own connection: the count and the lock are shared. */
static void test_lock_shared_across_terminals(void **state)
{
	tu_env *env = *state;
	tu_volunteer(env, "E100", "Ada");
	set_pin_ok(env, "E100", PIN);
	csr_db *other = NULL;
	csr_err err = { 0 };
	if (csr_db_open(env->dbpath, env->cfg, false, &other, &err) != CSR_OK)
		fail_msg("second handle: %s", err.msg);
	csr_actor a;
	bool needs_pin;
	assert_refused(env, "E100", OTHER_PIN, CSR_EDENIED, "2 attempts left");
	assert_int_equal(kiosk(other, "E100", OTHER_PIN, &a, &needs_pin, &err), CSR_EDENIED);
	assert_non_null(strstr(err.msg, "1 attempt left"));
	assert_refused(env, "E100", OTHER_PIN, CSR_EDENIED, "locked");
	assert_int_equal(kiosk(other, "E100", PIN, &a, &needs_pin, &err), CSR_EDENIED);
	assert_non_null(strstr(err.msg, "locked"));
	csr_db_close(&other);
}

static void test_agent_cannot_reset_or_change(void **state)
{
	tu_env *env = *state;
	int64_t id = tu_volunteer(env, "E100", "Ada");
	set_pin_ok(env, "E100", PIN);
	assert_refused(env, "E100", OTHER_PIN, CSR_EDENIED, "2 attempts left");
	tu_act(env, CSR_ROLE_AGENT, id); /* even signed in as themselves */
	csr_err err = { 0 };
	assert_int_equal(csr_auth_reset_pin(env->db, "E100", &err), CSR_EDENIED);
	assert_no_transaction(env->db);
	assert_int_equal(csr_auth_set_pin(env->db, "E100", OTHER_PIN, &err), CSR_EDENIED);
	assert_no_transaction(env->db);
	assert_int_equal(failures(env, "E100"), 1);
	assert_int_equal(audit_count(env, "pin.reset", id), 0);
	assert_int_equal(audit_count(env, "pin.set", id), 1);
	assert_refused(env, "E100", OTHER_PIN, CSR_EDENIED, "1 attempt left");
	assert_signs_in(env, "E100", PIN, id);
}

static void test_lead_reset_unlocks(void **state)
{
	tu_env *env = *state;
	int64_t id = tu_volunteer(env, "E100", "Ada");
	set_pin_ok(env, "E100", PIN);
	for (int i = 0; i < 3; i++)
		assert_refused(env, "E100", OTHER_PIN, CSR_EDENIED, "");
	assert_refused(env, "E100", PIN, CSR_EDENIED, "locked");

	tu_act(env, CSR_ROLE_LEAD, 0);
	csr_err err = { 0 };
	if (csr_auth_reset_pin(env->db, "E100", &err) != CSR_OK)
		fail_msg("reset_pin: %s", err.msg);
	assert_int_equal(committed(env, "SELECT count(*) FROM volunteer"
				   " WHERE pin_hash IS NULL AND pin_failures = 0"), 1);

	/* Back at the kiosk: choose a new PIN, then sign in with it. */
	tu_act(env, CSR_ROLE_AGENT, 0);
	csr_actor a;
	bool needs_pin;
	assert_int_equal(kiosk(env->db, "E100", PIN, &a, &needs_pin, &err), CSR_ENOTFOUND);
	assert_true(needs_pin);
	set_pin_ok(env, "E100", OTHER_PIN);
	assert_signs_in(env, "E100", OTHER_PIN, id);
	assert_refused(env, "E100", PIN, CSR_EDENIED, "2 attempts left");
}

static void test_lead_changes_pin(void **state)
{
	tu_env *env = *state;
	int64_t id = tu_volunteer(env, "E100", "Ada");
	set_pin_ok(env, "E100", PIN);
	assert_refused(env, "E100", OTHER_PIN, CSR_EDENIED, "2 attempts left");
	tu_act(env, CSR_ROLE_LEAD, 0);
	set_pin_ok(env, "E100", OTHER_PIN);
	assert_int_equal(failures(env, "E100"), 0);
	tu_act(env, CSR_ROLE_AGENT, 0);
	assert_signs_in(env, "E100", OTHER_PIN, id);
	assert_refused(env, "E100", PIN, CSR_EDENIED, "2 attempts left");
}

static void test_unknown_or_inactive_refused(void **state)
{
	tu_env *env = *state;
	tu_volunteer(env, "E100", "Ada");
	set_pin_ok(env, "E100", PIN);
	tu_volunteer(env, "E101", "Never chose a PIN");
	tu_scalar(env, "UPDATE volunteer SET active = 0");
	assert_refused(env, "E100", PIN, CSR_ENOTFOUND, "E100");
	assert_refused(env, "E101", PIN, CSR_ENOTFOUND, "E101");
	assert_refused(env, "E999", PIN, CSR_ENOTFOUND, "E999");
	assert_refused(env, "", PIN, CSR_ENOTFOUND, "");

	csr_err err = { 0 };
	assert_int_equal(csr_auth_set_pin(env->db, "E999", PIN, &err), CSR_ENOTFOUND);
	assert_int_equal(csr_auth_set_pin(env->db, "E101", PIN, &err), CSR_ENOTFOUND);
	tu_act(env, CSR_ROLE_LEAD, 0);
	assert_int_equal(csr_auth_reset_pin(env->db, "E999", &err), CSR_ENOTFOUND);
	assert_no_transaction(env->db);
}

static void test_no_pin_required(void **state)
{
	tu_env *env = *state;
	int64_t id = tu_volunteer(env, "E100", "Ada");
	assert_signs_in(env, "E100", NULL, id);
	assert_signs_in(env, "E100", "", id);
	tu_volunteer(env, "E101", "Gone");
	tu_scalar(env, "UPDATE volunteer SET active = 0 WHERE employee_id = 'E101'");
	assert_refused(env, "E101", NULL, CSR_ENOTFOUND, "E101");
	assert_refused(env, "E999", NULL, CSR_ENOTFOUND, "E999");
}

static void test_audit_entries(void **state)
{
	tu_env *env = *state;
	int64_t id = tu_volunteer(env, "E100", "Ada");
	set_pin_ok(env, "E100", PIN);
	assert_int_equal(audit_count(env, "pin.set", id), 1);
	assert_refused(env, "E100", OTHER_PIN, CSR_EDENIED, "");
	assert_int_equal(audit_count(env, "pin.wrong", id), 1);
	tu_act(env, CSR_ROLE_LEAD, 0);
	csr_err err = { 0 };
	assert_int_equal(csr_auth_reset_pin(env->db, "E100", &err), CSR_OK);
	assert_int_equal(audit_count(env, "pin.reset", id), 1);
	assert_int_equal(committed(env, "SELECT count(*) FROM audit WHERE action = 'pin.reset'"
				   " AND actor = 'test:lead'"), 1);
	assert_int_equal(committed(env, "SELECT count(*) FROM audit WHERE instr(detail, '" PIN
				   "') > 0 OR instr(detail, '" OTHER_PIN "') > 0"), 0);
}

int main(void)
{
#define PIN_TEST(f) cmocka_unit_test_setup_teardown(f, setup_pin, tu_teardown)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_role_names),
		cmocka_unit_test(test_role_from_lists),
		cmocka_unit_test(test_role_from_groups),
		PIN_TEST(test_from_unix_maps_volunteer),
		PIN_TEST(test_from_unix_without_volunteer),
		PIN_TEST(test_first_sign_in_needs_pin),
		PIN_TEST(test_set_pin_format),
		PIN_TEST(test_set_pin_lengths_at_the_limits),
		PIN_TEST(test_sign_in_with_pin),
		PIN_TEST(test_wrong_pins_count_down_and_lock),
		PIN_TEST(test_right_pin_clears_failures),
		PIN_TEST(test_lock_shared_across_terminals),
		PIN_TEST(test_agent_cannot_reset_or_change),
		PIN_TEST(test_lead_reset_unlocks),
		PIN_TEST(test_lead_changes_pin),
		PIN_TEST(test_unknown_or_inactive_refused),
		cmocka_unit_test_setup_teardown(test_no_pin_required, setup_nopin, tu_teardown),
		PIN_TEST(test_audit_entries),
	};
#undef PIN_TEST
	return cmocka_run_group_tests(tests, NULL, NULL);
}
