/* SPDX-License-Identifier: MIT */
/* The database handle: migrations from empty and from every earlier
 * version, refusing a newer schema, connection settings, data_version,
 * backup, integrity, and opening what is not (or not yet) a database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "csrdesk/db.h"
#include "db_private.h"
#include "testutil.h"

static int64_t scalar(sqlite3 *s, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("bad test SQL %s: %s", sql, sqlite3_errmsg(s));
	int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_finalize(st);
	return v;
}

static void run(sqlite3 *s, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(s, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
}

/* Drops every table and view so the handle's file is an empty version-0
 * database. */
static void wipe(sqlite3 *s)
{
	run(s, "PRAGMA foreign_keys = OFF");
	for (;;) {
		sqlite3_stmt *st = NULL;
		sqlite3_prepare_v2(s, "SELECT upper(type), name FROM sqlite_master"
				   " WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'",
				   -1, &st, NULL);
		char drop[128] = "";
		if (sqlite3_step(st) == SQLITE_ROW)
			snprintf(drop, sizeof drop, "DROP %s \"%s\"", sqlite3_column_text(st, 0),
				 sqlite3_column_text(st, 1));
		sqlite3_finalize(st);
		if (!*drop)
			break;
		run(s, drop);
	}
	run(s, "PRAGMA user_version = 0; PRAGMA foreign_keys = ON");
}

static void test_migrates_empty_file_to_latest(void **state)
{
	tu_env *env = *state;
	assert_true(csr_db_latest_version() >= 2);
	assert_int_equal(csr_db_schema_version(env->db), csr_db_latest_version());
	sqlite3 *s = csr_db_sqlite(env->db);
	const char *names[] = { "volunteer", "partner", "initiative", "initiative_goal", "signup",
				"hours", "impact", "feedback", "announcement", "audit",
				"audit_by_entity", "feedback_by_initiative" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		char sql[128];
		snprintf(sql, sizeof sql, "SELECT count(*) FROM sqlite_master WHERE name = '%s'",
			 names[i]);
		if (scalar(s, sql) != 1)
			fail_msg("missing after migration: %s", names[i]);
	}
	assert_string_equal(csr_db_path(env->db), env->dbpath);
}

/* Builds each earlier version with the real migration code, stores a row
 * valid at that version, and checks that opening migrates it, data kept. */
static void test_migrates_from_each_earlier_version(void **state)
{
	tu_env *env = *state;
	for (int v = 0; v < csr_db_latest_version(); v++) {
		csr_err err;
		csr_db *db = NULL;
		char path[320];
		snprintf(path, sizeof path, "%s/v%d.db", env->dir, v);
		assert_int_equal(csr_db_open(path, env->cfg, true, &db, &err), CSR_OK);
		wipe(csr_db_sqlite(db));
		assert_int_equal(csr_db_schema_version(db), 0);
		assert_int_equal(csr_db_migrate_to(db, v, &err), CSR_OK);
		assert_int_equal(csr_db_schema_version(db), v);
		if (v >= 1)
			run(csr_db_sqlite(db),
			    "INSERT INTO volunteer (employee_id, name, created_at)"
			    " VALUES ('E77', 'Jürgen Müller', 1);"
			    "INSERT INTO initiative (title, category, starts_at, ends_at, capacity,"
			    " created_at) VALUES ('Tree planting', 'environment', 10, 20, 5, 1);"
			    "INSERT INTO signup (initiative_id, volunteer_id, status, created_at,"
			    " updated_at) VALUES (1, 1, 'confirmed', 1, 1)");
		csr_db_close(&db);
		if (csr_db_open(path, env->cfg, false, &db, &err) != CSR_OK)
			fail_msg("version %d: %s", v, err.msg);
		assert_int_equal(csr_db_schema_version(db), csr_db_latest_version());
		sqlite3 *s = csr_db_sqlite(db);
		assert_int_equal(scalar(s, "SELECT count(*) FROM sqlite_master WHERE name ="
				 " 'signup_by_updated'"), 1);
		if (v >= 1) {
			assert_int_equal(scalar(s, "SELECT count(*) FROM volunteer WHERE name ="
					 " 'Jürgen Müller'"), 1);
			assert_int_equal(scalar(s, "SELECT count(*) FROM signup WHERE status ="
					 " 'confirmed'"), 1);
		}
		csr_db_close(&db);
		assert_null(db);
	}
}

static void test_refuses_newer_database(void **state)
{
	tu_env *env = *state;
	char path[320], pragma[64];
	snprintf(path, sizeof path, "%s/newer.db", env->dir);
	sqlite3 *s = NULL;
	assert_int_equal(sqlite3_open(path, &s), SQLITE_OK);
	run(s, "CREATE TABLE future (x)");
	snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", csr_db_latest_version() + 1);
	run(s, pragma);
	sqlite3_close(s);
	csr_db *db = NULL;
	csr_err err;
	assert_int_equal(csr_db_open(path, env->cfg, false, &db, &err), CSR_EDB);
	assert_null(db);
	assert_non_null(strstr(err.msg, "newer than this csrdesk"));
	assert_non_null(strstr(err.msg, path));
	/* nothing was changed: the version is still the newer one */
	assert_int_equal(sqlite3_open(path, &s), SQLITE_OK);
	assert_int_equal(scalar(s, "PRAGMA user_version"), csr_db_latest_version() + 1);
	sqlite3_close(s);
}

static void test_connection_settings(void **state)
{
	tu_env *env = *state;
	sqlite3 *s = csr_db_sqlite(env->db);
	sqlite3_stmt *st = NULL;
	sqlite3_prepare_v2(s, "PRAGMA journal_mode", -1, &st, NULL);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
	sqlite3_finalize(st);
	assert_int_equal(scalar(s, "PRAGMA foreign_keys"), 1);
	assert_int_equal(scalar(s, "PRAGMA synchronous"), 2); /* FULL */
	assert_int_equal(scalar(s, "PRAGMA busy_timeout"), CSR_DB_BUSY_TIMEOUT_MS);
	/* foreign keys are enforced, not just switched on */
	assert_int_not_equal(sqlite3_exec(s, "INSERT INTO signup (initiative_id, volunteer_id,"
					  " status, created_at, updated_at)"
					  " VALUES (42, 42, 'confirmed', 1, 1)", NULL, NULL, NULL),
			     SQLITE_OK);
}

static void test_data_version_sees_other_commits(void **state)
{
	tu_env *env = *state;
	int64_t v0 = 0, v1 = 0, v2 = 0;
	assert_int_equal(csr_db_data_version(env->db, &v0, NULL), CSR_OK);
	tu_volunteer(env, "E1", "Own write"); /* this connection's own commit */
	assert_int_equal(csr_db_data_version(env->db, &v1, NULL), CSR_OK);
	assert_int_equal(v1, v0);
	csr_db *other = NULL;
	csr_err err;
	assert_int_equal(csr_db_open(env->dbpath, env->cfg, false, &other, &err), CSR_OK);
	run(csr_db_sqlite(other), "INSERT INTO partner (name) VALUES ('Red Cross')");
	csr_db_close(&other);
	assert_int_equal(csr_db_data_version(env->db, &v2, NULL), CSR_OK);
	assert_int_not_equal(v2, v1);
}

static void test_backup(void **state)
{
	tu_env *env = *state;
	for (int i = 0; i < 50; i++) {
		char emp[16];
		snprintf(emp, sizeof emp, "E%d", i);
		tu_volunteer(env, emp, "Ionuț Țăranu");
	}
	char dest[320];
	snprintf(dest, sizeof dest, "%s/backup.db", env->dir);
	csr_err err;
	assert_int_equal(csr_db_backup(env->db, dest, &err), CSR_OK);
	csr_db *copy = NULL;
	if (csr_db_open(dest, env->cfg, false, &copy, &err) != CSR_OK)
		fail_msg("opening the backup: %s", err.msg);
	assert_int_equal(csr_db_schema_version(copy), csr_db_latest_version());
	sqlite3 *s = csr_db_sqlite(copy);
	assert_int_equal(scalar(s, "SELECT count(*) FROM volunteer WHERE name = 'Ionuț Țăranu'"),
			 50);
	assert_int_equal(csr_db_check(copy, &err), CSR_OK);
	csr_db_close(&copy);

	assert_int_equal(csr_db_backup(env->db, "/nonexistent-dir/backup.db", &err), CSR_EIO);
	assert_non_null(strstr(err.msg, "/nonexistent-dir/backup.db"));
}

static void test_integrity_check(void **state)
{
	tu_env *env = *state;
	tu_volunteer(env, "E1", "Zoë");
	csr_err err;
	assert_int_equal(csr_db_check(env->db, &err), CSR_OK);
}

static void test_not_a_database(void **state)
{
	tu_env *env = *state;
	char text[2048] = "";
	for (int i = 0; i < 40; i++)
		strcat(text, "name,team\nnot a database\n");
	const char *path = tu_write_file(env, "notes.csv", text);
	csr_db *db = NULL;
	csr_err err;
	assert_int_equal(csr_db_open(path, env->cfg, false, &db, &err), CSR_EDB);
	assert_null(db);
	assert_non_null(strstr(err.msg, path));
	assert_non_null(strstr(err.msg, "not a database"));
	FILE *f = fopen(path, "r");
	char back[2048] = "";
	assert_int_equal(fread(back, 1, sizeof back - 1, f), strlen(text));
	fclose(f);
	assert_string_equal(back, text); /* left as it was */
}

static void test_missing_file_without_create(void **state)
{
	tu_env *env = *state;
	char path[320];
	snprintf(path, sizeof path, "%s/missing.db", env->dir);
	csr_db *db = NULL;
	csr_err err;
	assert_int_equal(csr_db_open(path, env->cfg, false, &db, &err), CSR_ENOTFOUND);
	assert_null(db);
	assert_non_null(strstr(err.msg, path));
	assert_non_null(strstr(err.msg, "csrdesk init"));
	assert_int_not_equal(access(path, F_OK), 0); /* not created */
}

static void test_config_and_actor(void **state)
{
	tu_env *env = *state;
	assert_ptr_equal(csr_db_config(env->db), env->cfg);
	csr_config *other = NULL;
	assert_int_equal(csr_config_load_text(csr_config_default_text(), "again", &other, NULL),
			 CSR_OK);
	csr_db_set_config(env->db, other);
	assert_ptr_equal(csr_db_config(env->db), other);
	csr_db_set_config(env->db, env->cfg);
	csr_config_free(&other);
	tu_act(env, CSR_ROLE_LEAD, 7);
	assert_int_equal(csr_db_actor(env->db)->role, CSR_ROLE_LEAD);
	assert_int_equal(csr_db_actor(env->db)->volunteer_id, 7);
	/* a fresh handle acts as nobody, an agent */
	csr_db *db = NULL;
	assert_int_equal(csr_db_open(env->dbpath, env->cfg, false, &db, NULL), CSR_OK);
	assert_int_equal(csr_db_actor(db)->role, CSR_ROLE_AGENT);
	assert_int_equal(csr_db_actor(db)->volunteer_id, 0);
	csr_db_close(&db);
}

#define T(f) cmocka_unit_test_setup_teardown(f, tu_setup, tu_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_migrates_empty_file_to_latest),
		T(test_migrates_from_each_earlier_version),
		T(test_refuses_newer_database),
		T(test_connection_settings),
		T(test_data_version_sees_other_commits),
		T(test_backup),
		T(test_integrity_check),
		T(test_not_a_database),
		T(test_missing_file_without_create),
		T(test_config_and_actor),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
