/* SPDX-License-Identifier: MIT */
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

#include "csrdesk/clock.h"
#include "db_private.h"
#include "testutil.h"

#define PIN "482913"
#define OTHER_PIN "771204"
/* PIN hashed as csrdesk did before: Argon2id with m = 4 MiB, t = 3. */
#define OLD_HASH "$argon2id$v=19$m=4096,t=3,p=1$p8iCZ0qlEAK4757Q573NqQ$" \
		 "ltA4L7sJVHs3URjv/mh/riMtWooEJ4Gtr0ixD8I+BNg"

/* A group name no machine has: membership must simply be false. */
#define NO_GROUP "csrdesk-test-no-such-group"

static const char pin_conf[] =
	"roles {\n"
	"	admin_group = \"" NO_GROUP "\"\n"
	"	lead_group  = \"" NO_GROUP "\"\n"
	"	admins = {\"alice\", \"both\"}\n"
	"	leads  = {\"bob\", \"both\"}\n"
	"}\n"
	"kiosk { require_pin = true  max_pin_attempts = 3  activation_hours = 2 }\n"
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

/* A lead sets the PIN; then the actor is who it was before. */
static void set_pin_ok(tu_env *env, const char *employee_id, const char *pin)
{
	csr_actor before = *csr_db_actor(env->db);
	csr_err err = { 0 };
	tu_act(env, CSR_ROLE_LEAD, 0);
	if (csr_auth_set_pin(env->db, employee_id, pin, &err) != CSR_OK)
		fail_msg("set_pin %s: %s", employee_id, err.msg);
	csr_db_set_actor(env->db, &before);
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

/* A lead issues an activation code; then the actor is who it was before. */
static int64_t issue_ok(tu_env *env, const char *employee_id, char code[CSR_ACTIVATION_CODE_SIZE])
{
	csr_actor before = *csr_db_actor(env->db);
	csr_err err = { 0 };
	int64_t expires_at = 0;
	tu_act(env, CSR_ROLE_LEAD, 0);
	if (csr_auth_issue_activation(env->db, employee_id, code, CSR_ACTIVATION_CODE_SIZE,
				      &expires_at, &err) != CSR_OK)
		fail_msg("issue_activation %s: %s", employee_id, err.msg);
	assert_no_transaction(env->db);
	csr_db_set_actor(env->db, &before);
	return expires_at;
}

/* A kiosk's attempt to set a first PIN with a code: its code, and the
 * message must hold fragment. */
static void assert_code_refused(tu_env *env, const char *employee_id, const char *code,
				csr_code expected, const char *fragment)
{
	csr_err err = { 0 };
	assert_int_equal(csr_auth_set_pin_with_code(env->db, employee_id, code, PIN, &err),
			 expected);
	assert_no_transaction(env->db);
	if (!strstr(err.msg, fragment))
		fail_msg("expected the message to mention \"%s\", got \"%s\"", fragment, err.msg);
}

static void set_with_code_ok(tu_env *env, const char *employee_id, const char *code,
			     const char *pin)
{
	csr_err err = { 0 };
	if (csr_auth_set_pin_with_code(env->db, employee_id, code, pin, &err) != CSR_OK)
		fail_msg("set_pin_with_code %s: %s", employee_id, err.msg);
	assert_no_transaction(env->db);
}

/* Acts as the person logged in as their own Unix user (own_login). */
static void act_own_login(tu_env *env, int64_t volunteer_id)
{
	csr_actor a = { .role = CSR_ROLE_AGENT, .volunteer_id = volunteer_id, .own_login = true };
	snprintf(a.name, sizeof a.name, "unix:test");
	csr_db_set_actor(env->db, &a);
}

static int64_t pin_count(tu_env *env)
{
	return committed(env, "SELECT count(*) FROM volunteer WHERE pin_hash IS NOT NULL");
}

static int64_t code_count(tu_env *env)
{
	return committed(env, "SELECT count(*) FROM pin_activation");
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
	tu_act(env, CSR_ROLE_LEAD, 0);
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

	/* Back at the kiosk: choose a new PIN with a code, then sign in with it. */
	char code[CSR_ACTIVATION_CODE_SIZE];
	issue_ok(env, "E100", code);
	tu_act(env, CSR_ROLE_AGENT, 0);
	csr_actor a;
	bool needs_pin;
	assert_int_equal(kiosk(env->db, "E100", PIN, &a, &needs_pin, &err), CSR_ENOTFOUND);
	assert_true(needs_pin);
	assert_int_equal(csr_auth_set_pin_with_code(env->db, "E100", code, OTHER_PIN, &err),
			 CSR_OK);
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
	tu_act(env, CSR_ROLE_LEAD, 0);
	assert_int_equal(csr_auth_set_pin(env->db, "E999", PIN, &err), CSR_ENOTFOUND);
	assert_int_equal(csr_auth_set_pin(env->db, "E101", PIN, &err), CSR_ENOTFOUND);
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

/* ---- activation codes and one's own login ----------------------------- */

/* At a kiosk nobody can choose a colleague's first PIN without the code. */
static void test_kiosk_needs_code_for_first_pin(void **state)
{
	tu_env *env = *state;
	int64_t id = tu_volunteer(env, "E100", "Ada");
	csr_err err = { 0 };
	assert_int_equal(csr_auth_set_pin(env->db, "E100", PIN, &err), CSR_EDENIED);
	assert_no_transaction(env->db);
	assert_code_refused(env, "E100", "", CSR_ENOTFOUND, "No activation code was issued");
	/* Acting as Ada at a kiosk (one that asks no PIN) is not her own login. */
	tu_act(env, CSR_ROLE_AGENT, id);
	assert_int_equal(csr_auth_set_own_pin(env->db, "E100", NULL, PIN, &err), CSR_EDENIED);
	assert_non_null(strstr(err.msg, "own login"));
	tu_act(env, CSR_ROLE_AGENT, 0);
	assert_code_refused(env, "E100", "1234-5678-9012", CSR_ENOTFOUND, "ask your team lead");
	assert_int_equal(csr_auth_check_activation(env->db, "E100", "123456789012", &err),
			 CSR_ENOTFOUND);
	assert_int_equal(csr_auth_set_own_pin(env->db, "E100", NULL, PIN, &err), CSR_EDENIED);
	/* Signed in at a kiosk as someone (no own login): still no. */
	int64_t other = tu_volunteer(env, "E101", "Ben");
	tu_act(env, CSR_ROLE_AGENT, other);
	assert_int_equal(csr_auth_set_own_pin(env->db, "E100", NULL, PIN, &err), CSR_EDENIED);
	assert_int_equal(csr_auth_set_pin(env->db, "E100", PIN, &err), CSR_EDENIED);
	assert_int_equal(pin_count(env), 0);
	assert_int_equal(failures(env, "E100"), 0);
}

static bool looks_like_code(const char *code)
{
	if (strlen(code) != 14 || code[4] != '-' || code[9] != '-')
		return false;
	for (int i = 0; i < 14; i++)
		if (i != 4 && i != 9 && (code[i] < '0' || code[i] > '9'))
			return false;
	return true;
}

static void test_code_works_once(void **state)
{
	tu_env *env = *state;
	int64_t id = tu_volunteer(env, "E100", "Ada");
	char code[CSR_ACTIVATION_CODE_SIZE], digits[13];
	issue_ok(env, "E100", code);
	if (!looks_like_code(code))
		fail_msg("the code should be 1234-5678-9012, is \"%s\"", code);
	snprintf(digits, sizeof digits, "%.4s%.4s%.4s", code, code + 5, code + 10);
	/* Only a hash is kept, and the audit log never holds the code. */
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM pin_activation WHERE instr(code_hash, '%s')"
		 " = 0 AND code_hash LIKE '$argon2id$%%'", digits);
	assert_int_equal(committed(env, sql), 1);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE instr(detail, '%s')"
		 " OR instr(detail, '%.4s-')", digits, code);
	assert_int_equal(committed(env, sql), 0);
	assert_int_equal(audit_count(env, "pin.code_issued", id), 1);

	csr_err err = { 0 };
	/* Checking does not use it up; typed without dashes, with spaces. */
	char spaced[20];
	snprintf(spaced, sizeof spaced, "%.4s %.4s %.4s", digits, digits + 4, digits + 8);
	assert_int_equal(csr_auth_check_activation(env->db, "E100", spaced, &err), CSR_OK);
	assert_no_transaction(env->db);
	assert_int_equal(csr_auth_check_activation(env->db, "E100", code, &err), CSR_OK);
	set_with_code_ok(env, "E100", digits, PIN);
	assert_int_equal(code_count(env), 0);
	assert_int_equal(audit_count(env, "pin.code_used", id), 1);
	assert_signs_in(env, "E100", PIN, id);

	/* Used: it sets no other PIN, for them or after a reset. */
	assert_code_refused(env, "E100", code, CSR_ECONFLICT, "has a PIN already");
	tu_act(env, CSR_ROLE_LEAD, 0);
	assert_int_equal(csr_auth_reset_pin(env->db, "E100", &err), CSR_OK);
	tu_act(env, CSR_ROLE_AGENT, 0);
	assert_code_refused(env, "E100", code, CSR_ENOTFOUND, "No activation code");
	assert_int_equal(pin_count(env), 0);
}

/* A new code replaces the last one; a code is for one person only. */
static void test_new_code_replaces_old(void **state)
{
	tu_env *env = *state;
	int64_t id = tu_volunteer(env, "E100", "Ada");
	tu_volunteer(env, "E101", "Ben");
	char first[CSR_ACTIVATION_CODE_SIZE], second[CSR_ACTIVATION_CODE_SIZE];
	issue_ok(env, "E100", first);
	issue_ok(env, "E100", second);
	assert_string_not_equal(first, second);
	assert_int_equal(code_count(env), 1);
	assert_code_refused(env, "E100", first, CSR_EDENIED, "Wrong activation code");
	assert_code_refused(env, "E101", second, CSR_ENOTFOUND, "No activation code");
	set_with_code_ok(env, "E100", second, OTHER_PIN);
	assert_signs_in(env, "E100", OTHER_PIN, id);
}

static void test_expired_code_refused(void **state)
{
	tu_env *env = *state;
	tu_volunteer(env, "E100", "Ada");
	char code[CSR_ACTIVATION_CODE_SIZE];
	int64_t before = csr_now();
	int64_t expires_at = issue_ok(env, "E100", code);
	/* activation_hours = 2 in the test config */
	assert_in_range(expires_at, before + 2 * 3600, csr_now() + 2 * 3600);
	assert_int_equal(committed(env, "SELECT expires_at - issued_at FROM pin_activation"),
			 2 * 3600);
	tu_sqlf(env, "UPDATE pin_activation SET expires_at = %lld", (long long)csr_now() - 1);
	csr_err err = { 0 };
	assert_int_equal(csr_auth_check_activation(env->db, "E100", code, &err), CSR_EREFUSED);
	assert_non_null(strstr(err.msg, "expired"));
	assert_code_refused(env, "E100", code, CSR_EREFUSED, "ask your team lead for a new one");
	assert_int_equal(pin_count(env), 0);
	assert_int_equal(failures(env, "E100"), 0);
	/* Still valid one second more: works. */
	tu_sqlf(env, "UPDATE pin_activation SET expires_at = %lld", (long long)csr_now() + 2);
	assert_int_equal(csr_auth_check_activation(env->db, "E100", code, &err), CSR_OK);
}

/* Wrong codes count like wrong PINs, so guessing codes locks the ID. */
static void test_wrong_codes_lock(void **state)
{
	tu_env *env = *state;
	int64_t id = tu_volunteer(env, "E100", "Ada");
	char code[CSR_ACTIVATION_CODE_SIZE];
	issue_ok(env, "E100", code);
	char wrong[CSR_ACTIVATION_CODE_SIZE];
	snprintf(wrong, sizeof wrong, "%s", code);
	wrong[0] = wrong[0] == '9' ? '0' : (char)(wrong[0] + 1);
	csr_err err = { 0 };
	assert_int_equal(csr_auth_check_activation(env->db, "E100", wrong, &err), CSR_EDENIED);
	assert_non_null(strstr(err.msg, "Wrong activation code (2 attempts left)"));
	assert_no_transaction(env->db);
	assert_int_equal(failures(env, "E100"), 1);
	/* Not a code at all: said so, not counted. */
	assert_code_refused(env, "E100", "12345", CSR_EINVAL, "12 digits");
	assert_code_refused(env, "E100", "1234-5678-901x", CSR_EINVAL, "12 digits");
	assert_int_equal(failures(env, "E100"), 1);
	assert_code_refused(env, "E100", wrong, CSR_EDENIED, "1 attempt left");
	assert_code_refused(env, "E100", "000000000000", CSR_EDENIED, "now locked");
	assert_int_equal(failures(env, "E100"), 3);
	/* Locked: the right code no longer works; the kiosk says so. */
	assert_code_refused(env, "E100", code, CSR_EDENIED, "locked");
	bool needs_pin;
	csr_actor a;
	assert_int_equal(kiosk(env->db, "E100", PIN, &a, &needs_pin, &err), CSR_ENOTFOUND);
	assert_int_equal(audit_count(env, "pin.code_wrong", id), 3);
	assert_int_equal(pin_count(env), 0);
	/* A lead's new code unlocks the ID. */
	issue_ok(env, "E100", code);
	assert_int_equal(failures(env, "E100"), 0);
	set_with_code_ok(env, "E100", code, PIN);
	assert_signs_in(env, "E100", PIN, id);
}

static void test_issue_is_for_leads(void **state)
{
	tu_env *env = *state;
	int64_t id = tu_volunteer(env, "E100", "Ada");
	char code[CSR_ACTIVATION_CODE_SIZE] = "";
	int64_t expires_at = 0;
	csr_err err = { 0 };
	assert_int_equal(csr_auth_issue_activation(env->db, "E100", code, sizeof code, &expires_at,
						   &err), CSR_EDENIED);
	assert_non_null(strstr(err.msg, "team leads"));
	act_own_login(env, id); /* not even for oneself */
	assert_int_equal(csr_auth_issue_activation(env->db, "E100", code, sizeof code, &expires_at,
						   &err), CSR_EDENIED);
	assert_int_equal(code_count(env), 0);
	assert_string_equal(code, "");
	tu_act(env, CSR_ROLE_LEAD, 0);
	assert_int_equal(csr_auth_issue_activation(env->db, "E999", code, sizeof code, &expires_at,
						   &err), CSR_ENOTFOUND);
	/* Someone with a PIN: reset it first. */
	set_pin_ok(env, "E100", PIN);
	assert_int_equal(csr_auth_issue_activation(env->db, "E100", code, sizeof code, &expires_at,
						   &err), CSR_ECONFLICT);
	assert_non_null(strstr(err.msg, "reset"));
	assert_no_transaction(env->db);
	assert_int_equal(code_count(env), 0);
	assert_int_equal(audit_count(env, "pin.code_issued", id), 0);
	tu_act(env, CSR_ROLE_ADMIN, 0);
	assert_int_equal(csr_auth_reset_pin(env->db, "E100", &err), CSR_OK);
	assert_int_equal(csr_auth_issue_activation(env->db, "E100", code, sizeof code, &expires_at,
						   &err), CSR_OK);
	assert_int_equal(code_count(env), 1);
}

static void test_reset_clears_code_and_pin(void **state)
{
	tu_env *env = *state;
	tu_volunteer(env, "E100", "Ada");
	int64_t other = tu_volunteer(env, "E101", "Ben");
	char code[CSR_ACTIVATION_CODE_SIZE], other_code[CSR_ACTIVATION_CODE_SIZE];
	issue_ok(env, "E100", code);
	issue_ok(env, "E101", other_code);
	tu_act(env, CSR_ROLE_LEAD, 0);
	csr_err err = { 0 };
	assert_int_equal(csr_auth_reset_pin(env->db, "E100", &err), CSR_OK);
	assert_int_equal(code_count(env), 1); /* Ben's stays */
	tu_act(env, CSR_ROLE_AGENT, 0);
	assert_code_refused(env, "E100", code, CSR_ENOTFOUND, "No activation code");
	/* A lead setting the PIN also ends a waiting code. */
	set_pin_ok(env, "E101", PIN);
	assert_int_equal(code_count(env), 0);
	assert_code_refused(env, "E101", other_code, CSR_ECONFLICT, "has a PIN already");
	tu_act(env, CSR_ROLE_LEAD, 0);
	assert_int_equal(csr_auth_reset_pin(env->db, "E101", &err), CSR_OK);
	assert_int_equal(pin_count(env), 0);
	assert_int_equal(audit_count(env, "pin.reset", other), 1);
}

static void test_own_login_sets_own_pin(void **state)
{
	tu_env *env = *state;
	int64_t id = tu_volunteer(env, "E100", "Ada");
	int64_t other = tu_volunteer(env, "E101", "Ben");
	char code[CSR_ACTIVATION_CODE_SIZE];
	issue_ok(env, "E100", code);
	act_own_login(env, id);
	csr_err err = { 0 };
	/* Not someone else's, with or without a PIN. */
	assert_int_equal(csr_auth_set_own_pin(env->db, "E101", NULL, PIN, &err), CSR_EDENIED);
	assert_non_null(strstr(err.msg, "only your own"));
	assert_no_transaction(env->db);
	assert_int_equal(csr_auth_set_own_pin(env->db, "E100", NULL, "123", &err), CSR_EINVAL);
	/* The first PIN needs no code from one's own login, and ends the code. */
	assert_int_equal(csr_auth_set_own_pin(env->db, "E100", NULL, PIN, &err), CSR_OK);
	assert_no_transaction(env->db);
	assert_int_equal(code_count(env), 0);
	assert_int_equal(audit_count(env, "pin.own_set", id), 1);
	assert_signs_in(env, "E100", PIN, id);
	/* Changing it needs the current PIN; a wrong one counts. */
	act_own_login(env, id);
	assert_int_equal(csr_auth_set_own_pin(env->db, "E100", NULL, OTHER_PIN, &err),
			 CSR_EDENIED);
	assert_int_equal(csr_auth_set_own_pin(env->db, "E100", "000000", OTHER_PIN, &err),
			 CSR_EDENIED);
	assert_non_null(strstr(err.msg, "Wrong current PIN (1 attempt left)"));
	assert_int_equal(failures(env, "E100"), 2);
	assert_int_equal(csr_auth_set_own_pin(env->db, "E100", PIN, OTHER_PIN, &err), CSR_OK);
	assert_int_equal(failures(env, "E100"), 0);
	assert_signs_in(env, "E100", OTHER_PIN, id);
	/* A lead's own login is still only their own record for this. */
	set_pin_ok(env, "E101", PIN);
	csr_actor lead = { .role = CSR_ROLE_LEAD, .volunteer_id = id, .own_login = true };
	csr_db_set_actor(env->db, &lead);
	assert_int_equal(csr_auth_set_own_pin(env->db, "E101", PIN, OTHER_PIN, &err), CSR_EDENIED);
	assert_int_equal(failures(env, "E101"), 0);
	assert_signs_in(env, "E101", PIN, other);
	/* Without a volunteer record there is nothing to set. */
	act_own_login(env, 0);
	assert_int_equal(csr_auth_set_own_pin(env->db, "E100", OTHER_PIN, PIN, &err), CSR_EDENIED);
}

/* A hash made with the old, weaker parameters is upgraded at sign-in. */
static void test_old_hash_rehashed(void **state)
{
	tu_env *env = *state;
	int64_t id = tu_volunteer(env, "E100", "Ada");
	tu_sql(env, "UPDATE volunteer SET pin_hash = '" OLD_HASH "'");
	assert_refused(env, "E100", OTHER_PIN, CSR_EDENIED, "2 attempts left");
	assert_int_equal(committed(env, "SELECT pin_hash = '" OLD_HASH "' FROM volunteer"), 1);
	assert_signs_in(env, "E100", PIN, id);
	assert_int_equal(committed(env, "SELECT count(*) FROM volunteer WHERE pin_hash LIKE"
				   " '$argon2id$v=19$m=19456,t=2,p=1$%'"), 1);
	assert_int_equal(failures(env, "E100"), 0);
	assert_int_equal(audit_count(env, "pin.rehash", id), 1);
	assert_signs_in(env, "E100", PIN, id); /* once only */
	assert_int_equal(audit_count(env, "pin.rehash", id), 1);
	assert_refused(env, "E100", OLD_HASH, CSR_EDENIED, "2 attempts left");
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
		PIN_TEST(test_kiosk_needs_code_for_first_pin),
		PIN_TEST(test_code_works_once),
		PIN_TEST(test_new_code_replaces_old),
		PIN_TEST(test_expired_code_refused),
		PIN_TEST(test_wrong_codes_lock),
		PIN_TEST(test_issue_is_for_leads),
		PIN_TEST(test_reset_clears_code_and_pin),
		PIN_TEST(test_own_login_sets_own_pin),
		PIN_TEST(test_old_hash_rehashed),
	};
#undef PIN_TEST
	return cmocka_run_group_tests(tests, NULL, NULL);
}
