/* SPDX-License-Identifier: MIT */
/* A person's rights and the retention, on real database files: the export
 * is JSON (parsed back with json-c) with every part; only admins export
 * someone else; after an erasure no row of any table (the search index's
 * shadow tables included, every column as text and as bytes) holds the
 * person's name, email or employee ID; the impact report for a past
 * period is byte for byte the same after an erasure and after the
 * retention (the report's clock fixed); the retention's dry run lists
 * what the run then does. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <json-c/json.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csrdesk/clock.h"
#include "csrdesk/demo.h"
#include "csrdesk/period.h"
#include "csrdesk/person.h"
#include "csrdesk/report.h"
#include "csrdesk/retention.h"
#include "csrdesk/volunteer.h"
#include "testutil.h"

#define NAME "Erika Mustermann"
#define EMAIL "erika.m@example.org"
#define EMPLOYEE "E2001"

/* Erika (1) with a record of everything, Max (2) and Lea (3), who mention
 * her in their own texts. */
static void fixture(tu_env *env)
{
	assert_int_equal(tu_volunteer(env, EMPLOYEE, NAME), 1);
	assert_int_equal(tu_volunteer(env, "E2002", "Max Other"), 2);
	assert_int_equal(tu_volunteer(env, "E2003", "Lea Lead"), 3);
	assert_int_equal(tu_initiative(env, "Tree planting", -48, 10), 1);
	tu_sql(env,
	    "UPDATE volunteer SET email = '" EMAIL "', unix_user = 'erika', skills = 'first aid',"
	    " pin_hash = 'x', language = 'de', site = 'HQ' WHERE id = 1;"
	    "UPDATE volunteer SET unix_user = 'lea' WHERE id = 3;"
	    "INSERT INTO partner (id, name, notes) VALUES (1, 'Green', 'ask " NAME "');"
	    "INSERT INTO signup (id, initiative_id, volunteer_id, status, created_at, updated_at,"
	    " changed_by, changed_by_name, reason) VALUES"
	    " (1, 1, 1, 'attended', unixepoch(), unixepoch(), NULL, NULL, NULL),"
	    " (2, 1, 2, 'confirmed', unixepoch(), unixepoch(), 1, '" NAME "', 'asked by " EMPLOYEE "');"
	    "INSERT INTO hours (volunteer_id, initiative_id, worked_on, minutes, status, note,"
	    " created_at) VALUES (1, 1, unixepoch() - 86400, 120, 'approved', 'mail " EMAIL "',"
	    " unixepoch()), (2, 1, unixepoch() - 86400, 60, 'pending', 'covered for " NAME "',"
	    " unixepoch());"
	    "INSERT INTO impact (initiative_id, metric, value, recorded_by, recorded_at, note)"
	    " VALUES (1, 'trees', 12.5, 1, unixepoch(), 'counted by " NAME "');"
	    "INSERT INTO feedback (initiative_id, volunteer_id, rating, comment, created_at) VALUES"
	    " (1, 1, 5, 'Loved it', unixepoch()), (1, 2, 4, 'thanks to " NAME "', unixepoch());"
	    "INSERT INTO notification (volunteer_id, kind, detail, created_at, due_at) VALUES"
	    " (1, 'promoted', '', unixepoch(), unixepoch()),"
	    " (2, 'moved', 'moved by " NAME "', unixepoch(), unixepoch());"
	    "INSERT INTO notification (unix_user, kind, created_at, due_at)"
	    " VALUES ('erika', 'lead_short', unixepoch(), unixepoch());"
	    "INSERT INTO volunteer_interest (volunteer_id, category) VALUES (1, 'education');"
	    "INSERT INTO pin_activation (volunteer_id, code_hash, expires_at, issued_at)"
	    " VALUES (1, 'h', unixepoch() + 3600, unixepoch());"
	    "INSERT INTO management_time (volunteer_id, worked_on, minutes, note, created_at)"
	    " VALUES (1, unixepoch() - 86400, 90, 'planning with " NAME "', unixepoch());"
	    "INSERT INTO announcement (title, body, author_id, created_at)"
	    " VALUES ('Thanks', 'to " NAME " (" EMPLOYEE ")', 1, unixepoch());"
	    "INSERT INTO audit (at, actor, action, entity, entity_id, detail) VALUES"
	    " (unixepoch(), 'unix:erika', 'hours.log', 'hours', 1, ''),"
	    " (unixepoch(), 'kiosk:" EMPLOYEE "', 'signup.add', 'signup', 1, ''),"
	    " (unixepoch(), 'unix:lea', 'volunteer.save', 'volunteer', 1,"
	    "  '" NAME " " EMPLOYEE " " EMAIL "');");
}

/* The export of volunteer id into a parsed document (NULL when refused:
 * *rc says why). */
static json_object *export_json(tu_env *env, int64_t id, csr_code *rc)
{
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);
	assert_non_null(out);
	csr_err err;
	*rc = csr_person_export(env->db, id, out, &err);
	fclose(out);
	json_object *doc = *rc == CSR_OK ? json_tokener_parse(text) : NULL;
	if (*rc == CSR_OK && !doc)
		fail_msg("the export is not JSON: %s", text);
	if (*rc == CSR_OK && text[size - 1] != '\n')
		fail_msg("the export does not end with a line break");
	free(text);
	return doc;
}

static json_object *part(json_object *doc, const char *key)
{
	json_object *v = NULL;
	if (!json_object_object_get_ex(doc, key, &v))
		fail_msg("the export has no '%s'", key);
	return v;
}

static const char *text_of(json_object *obj, const char *key)
{
	return json_object_get_string(part(obj, key));
}

/* Whether any entry of the array part key has field equal to value. */
static bool has_entry(json_object *doc, const char *key, const char *field, const char *value)
{
	json_object *array = part(doc, key);
	for (size_t i = 0; i < json_object_array_length(array); i++)
		if (strcmp(text_of(json_object_array_get_idx(array, i), field), value) == 0)
			return true;
	return false;
}

static void test_export_has_everything(void **state)
{
	tu_env *env = *state;
	fixture(env);
	csr_code rc;
	json_object *doc = export_json(env, 1, &rc);
	assert_int_equal(rc, CSR_OK);
	json_object *v = part(doc, "volunteer");
	assert_string_equal(text_of(v, "name"), NAME);
	assert_string_equal(text_of(v, "email"), EMAIL);
	assert_string_equal(text_of(v, "unix_user"), "erika");
	assert_true(json_object_get_boolean(part(v, "pin_set")));
	assert_false(json_object_object_get_ex(v, "pin_hash", NULL));
	struct { const char *key; size_t n; } parts[] = {
		{ "interests", 1 }, { "signups", 1 }, { "hours", 1 }, { "feedback", 1 },
		{ "notifications", 2 }, { "impact_recorded", 1 }, { "management_time", 1 },
		{ "initiatives_owned", 0 }, { "announcements", 1 }, { "pin_activation", 1 },
		/* by her Unix login, at a kiosk, about her, and this export */
		{ "audit", 4 },
	};
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
		if (json_object_array_length(part(doc, parts[i].key)) != parts[i].n)
			fail_msg("%s: %zu entries, expected %zu", parts[i].key,
				 json_object_array_length(part(doc, parts[i].key)), parts[i].n);
	assert_true(has_entry(doc, "signups", "initiative_title", "Tree planting"));
	assert_true(has_entry(doc, "feedback", "comment", "Loved it"));
	assert_true(has_entry(doc, "impact_recorded", "value", "12.5"));
	assert_true(has_entry(doc, "audit", "action", "person.export"));
	assert_true(has_entry(doc, "audit", "actor", "kiosk:" EMPLOYEE));
	json_object_put(doc);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit WHERE action = 'person.export'"
					 " AND entity = 'volunteer' AND entity_id = 1"), 1);
}

static void test_export_only_own_unless_admin(void **state)
{
	tu_env *env = *state;
	fixture(env);
	csr_code rc;
	tu_act(env, CSR_ROLE_AGENT, 2);
	assert_null(export_json(env, 1, &rc));
	assert_int_equal(rc, CSR_EDENIED);
	tu_act(env, CSR_ROLE_LEAD, 3);
	assert_null(export_json(env, 1, &rc));
	assert_int_equal(rc, CSR_EDENIED);
	tu_act(env, CSR_ROLE_AGENT, 0); /* no volunteer record: nobody's */
	assert_null(export_json(env, 1, &rc));
	assert_int_equal(rc, CSR_EDENIED);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit WHERE action = 'person.export'"),
			 0);
	tu_act(env, CSR_ROLE_ADMIN, 0);
	assert_null(export_json(env, 99, &rc));
	assert_int_equal(rc, CSR_ENOTFOUND);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit WHERE action = 'person.export'"),
			 0);
	tu_act(env, CSR_ROLE_AGENT, 2);
	json_object *doc = export_json(env, 2, &rc);
	assert_int_equal(rc, CSR_OK);
	assert_string_equal(text_of(part(doc, "volunteer"), "name"), "Max Other");
	json_object_put(doc);
}

/* How many values in the whole database (every table in sqlite_schema,
 * virtual and shadow tables included, every column as text and as bytes)
 * hold needle; the places found go to stderr. */
static int occurrences(tu_env *env, const char *needle)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(env->dbpath, &db), SQLITE_OK);
	sqlite3_stmt *tables, *cols;
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT name FROM sqlite_schema WHERE type = 'table'",
					    -1, &tables, NULL), SQLITE_OK);
	int found = 0;
	while (sqlite3_step(tables) == SQLITE_ROW) {
		const char *table = (const char *)sqlite3_column_text(tables, 0);
		char *sql = sqlite3_mprintf("SELECT * FROM \"%w\"", table);
		assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &cols, NULL), SQLITE_OK);
		sqlite3_free(sql);
		while (sqlite3_step(cols) == SQLITE_ROW)
			for (int c = 0; c < sqlite3_column_count(cols); c++) {
				const void *bytes = sqlite3_column_blob(cols, c);
				int n = sqlite3_column_bytes(cols, c);
				if (bytes && memmem(bytes, (size_t)n, needle, strlen(needle))) {
					fprintf(stderr, "'%s' in %s.%s\n", needle, table,
						sqlite3_column_name(cols, c));
					found++;
				}
			}
		sqlite3_finalize(cols);
	}
	sqlite3_finalize(tables);
	sqlite3_close(db);
	return found;
}

static void test_erase_leaves_no_trace(void **state)
{
	tu_env *env = *state;
	fixture(env);
	/* the scan finds her where the fixture put her */
	assert_true(occurrences(env, NAME) >= 11);
	assert_true(occurrences(env, EMAIL) >= 3);
	assert_true(occurrences(env, EMPLOYEE) >= 4);
	csr_err err;
	tu_act(env, CSR_ROLE_LEAD, 3);
	assert_int_equal(csr_person_erase(env->db, 1, &err), CSR_EDENIED);
	tu_act(env, CSR_ROLE_ADMIN, 0);
	if (csr_person_erase(env->db, 1, &err) != CSR_OK)
		fail_msg("erase: %s", err.msg);
	assert_int_equal(occurrences(env, NAME), 0);
	assert_int_equal(occurrences(env, EMAIL), 0);
	assert_int_equal(occurrences(env, EMPLOYEE), 0);
	assert_int_equal(occurrences(env, "unix:erika"), 0);
	/* the search index finds her no more */
	csr_volunteer_query q = { .search = "Mustermann", .include_inactive = true };
	int64_t n = -1;
	assert_int_equal(csr_volunteer_count(env->db, &q, &n, &err), CSR_OK);
	assert_int_equal(n, 0);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM volunteer_search"
					 " WHERE volunteer_search MATCH 'Mustermann'"), 0);
	/* the record and the figures stay */
	csr_volunteer v;
	assert_int_equal(csr_volunteer_get(env->db, 1, &v, &err), CSR_OK);
	assert_string_equal(v.name, "Former volunteer #1");
	assert_string_equal(v.employee_id, "former-1");
	assert_string_equal(v.team, "T1");
	assert_string_equal(v.site, "HQ");
	assert_true(v.active);
	assert_false(v.has_pin);
	assert_string_equal(v.email, "");
	assert_string_equal(v.unix_user, "");
	assert_int_equal(tu_scalar(env, "SELECT anonymised_at > 0 FROM volunteer WHERE id = 1"), 1);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM feedback WHERE rating > 0"), 2);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM feedback WHERE volunteer_id = 1"
					 " AND comment = ''"), 1);
	assert_int_equal(tu_scalar(env, "SELECT sum(minutes) FROM hours"), 180);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM management_time"), 1);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM notification"), 1); /* Max's */
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM volunteer_interest"), 0);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM pin_activation"), 0);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit WHERE action = 'person.erase'"
					 " AND entity = 'volunteer' AND entity_id = 1"), 1);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit WHERE actor = 'unix:former-1'"),
			 1);
	/* once is enough */
	assert_int_equal(csr_person_erase(env->db, 1, &err), CSR_ECONFLICT);
	assert_int_equal(csr_person_erase(env->db, 99, &err), CSR_ENOTFOUND);
}

/* An employee ID is replaced only whole: E20011 is someone else. A name
 * everywhere, also inside a word (German "Mustermanns"). */
static void test_erase_spares_other_ids(void **state)
{
	tu_env *env = *state;
	fixture(env);
	assert_int_equal(tu_volunteer(env, "E20011", "Olga Other"), 4);
	tu_sql(env,
	    "INSERT INTO audit (at, actor, action, entity, entity_id, detail) VALUES"
	    " (unixepoch(), 'kiosk:E20011', 'signup.add', 'signup', 2,"
	    "  'E20011 and " EMPLOYEE ", mail " EMAIL ". " NAME "s Idee');");
	csr_err err;
	assert_int_equal(csr_person_erase(env->db, 1, &err), CSR_OK);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit WHERE actor = 'kiosk:E20011'"
					 " AND detail = 'E20011 and former-1, mail Former volunteer #1."
					 " Former volunteer #1s Idee'"), 1);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM volunteer WHERE employee_id = 'E20011'"
					 " AND name = 'Olga Other'"), 1);
}

/* A name of one word is replaced only whole: "Al" goes from a note
 * thanking Al, and stays in "Alpha walk" and "Sal", which are not Al. */
static void test_erase_one_word_name_only_whole(void **state)
{
	tu_env *env = *state;
	tu_act(env, CSR_ROLE_ADMIN, 0);
	int64_t al = tu_volunteer(env, "E7", "Al");
	int64_t walk = tu_initiative(env, "Alpha walk", 24, 5);
	tu_sqlf(env, "UPDATE initiative SET description = 'With Sal. Thanks, Al!' WHERE id = %lld",
		(long long)walk);
	csr_err err;
	assert_int_equal(csr_person_erase(env->db, al, &err), CSR_OK);
	char want[128];
	snprintf(want, sizeof want, "SELECT count(*) FROM initiative WHERE title = 'Alpha walk'"
		 " AND description = 'With Sal. Thanks, Former volunteer #%lld!'", (long long)al);
	assert_int_equal(tu_scalar(env, want), 1);
}

/* ---- a past report stays the same ---- */

/* The last 365 days before today, a period in the past. */
static csr_period past_year(void)
{
	csr_period p = { .to = csr_day_start(csr_now()) };
	p.from = csr_day_start(p.to - 365 * 86400);
	snprintf(p.label, sizeof p.label, "past");
	return p;
}

/* The report for the past year in the formats from first to last, one
 * after the other, with the time it says it was made fixed (freed by the
 * caller). */
static char *report_in(tu_env *env, csr_report_format first, csr_report_format last)
{
	csr_period p = past_year();
	csr_report *r = NULL;
	csr_err err;
	tu_act(env, CSR_ROLE_ADMIN, 0);
	if (csr_report_build(env->db, &p, NULL, &r, &err) != CSR_OK)
		fail_msg("report: %s", err.msg);
	r->generated_at = 1767225600; /* 2026-01-01 */
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);
	for (csr_report_format f = first; f <= last; f++)
		assert_int_equal(csr_report_write(r, f, out, &err), CSR_OK);
	fclose(out);
	csr_report_free(&r);
	return text;
}

static char *report_all(tu_env *env)
{
	return report_in(env, CSR_REPORT_TEXT, CSR_REPORT_HTML);
}

static void demo(tu_env *env)
{
	csr_err err;
	if (csr_demo_populate(env->db, &err) != CSR_OK)
		fail_msg("demo: %s", err.msg);
}

static int64_t id_of(tu_env *env, const char *employee_id)
{
	csr_volunteer v;
	csr_err err;
	assert_int_equal(csr_volunteer_find(env->db, employee_id, &v, &err), CSR_OK);
	return v.id;
}

/* The demo's E1027 has places, approved hours and ratings without
 * comments; E1016 the most feedback, with comments. */
static void test_erase_keeps_past_report(void **state)
{
	tu_env *env = *state;
	demo(env);
	assert_true(tu_scalar(env, "SELECT count(*) FROM hours h JOIN volunteer v"
				   " ON v.id = h.volunteer_id WHERE v.employee_id = 'E1027'") > 0);
	char *before = report_all(env);
	csr_err err;
	assert_int_equal(csr_person_erase(env->db, id_of(env, "E1027"), &err), CSR_OK);
	char *after = report_all(env);
	assert_string_equal(before, after);
	free(after);
	/* Her comments go (Art. 17): the report's figures stay, only a comment
	 * of hers leaves its list of comments. */
	free(before);
	before = report_in(env, CSR_REPORT_CSV, CSR_REPORT_CSV);
	assert_int_equal(csr_person_erase(env->db, id_of(env, "E1016"), &err), CSR_OK);
	after = report_in(env, CSR_REPORT_CSV, CSR_REPORT_CSV);
	const char *comments = "section,comments";
	char *cut_before = strstr(before, comments), *cut_after = strstr(after, comments);
	assert_non_null(cut_before);
	assert_non_null(cut_after);
	assert_int_equal(cut_before - before, cut_after - after);
	assert_memory_equal(before, after, (size_t)(cut_before - before));
	free(before);
	free(after);
}

/* ---- retention ---- */

static void set_retention(tu_env *env, int inactive_months, int comments_months)
{
	env->cfg->retention.inactive_months = inactive_months;
	env->cfg->retention.comments_months = comments_months;
}

static void test_retention_cutoff(void **state)
{
	(void)state;
	int64_t now = 0;
	assert_int_equal(csr_time_parse("2026-12-07 15:30", &now, NULL), CSR_OK);
	int64_t want = 0;
	assert_int_equal(csr_time_parse("2023-12-07", &want, NULL), CSR_OK);
	assert_int_equal(csr_retention_cutoff(now, 36), want);
	assert_int_equal(csr_time_parse("2026-11-07", &want, NULL), CSR_OK);
	assert_int_equal(csr_retention_cutoff(now, 1), want);
	assert_int_equal(csr_retention_cutoff(now, 0), 0);
}

/* Erika did something 40 months ago, Max 10 months ago, Lea never (added
 * 50 months ago); a comment of Max's is 30 months old. */
static void aged(tu_env *env)
{
	fixture(env);
	tu_sql(env,
	    "UPDATE volunteer SET created_at = unixepoch('now', '-50 months');"
	    "UPDATE signup SET updated_at = unixepoch('now', '-40 months'),"
	    " created_at = unixepoch('now', '-40 months');"
	    "UPDATE signup SET updated_at = unixepoch('now', '-10 months') WHERE volunteer_id = 2;"
	    "UPDATE hours SET worked_on = unixepoch('now', '-40 months');"
	    "UPDATE management_time SET worked_on = unixepoch('now', '-40 months');"
	    "UPDATE feedback SET created_at = unixepoch('now', '-40 months') WHERE volunteer_id = 1;"
	    "UPDATE feedback SET created_at = unixepoch('now', '-30 months') WHERE volunteer_id = 2;");
}

static void test_retention_dry_run_then_run(void **state)
{
	tu_env *env = *state;
	aged(env);
	set_retention(env, 36, 24);
	csr_retention_plan plan;
	csr_err err;
	tu_act(env, CSR_ROLE_LEAD, 3);
	assert_int_equal(csr_retention_plan_read(env->db, csr_now(), &plan, &err), CSR_EDENIED);
	assert_int_equal(csr_retention_run(env->db, csr_now(), &plan, &err), CSR_EDENIED);
	tu_act(env, CSR_ROLE_ADMIN, 0);
	assert_int_equal(csr_retention_plan_read(env->db, csr_now(), &plan, &err), CSR_OK);
	assert_int_equal(plan.npeople, 2);
	assert_string_equal(plan.people[0].employee_id, EMPLOYEE);
	assert_string_equal(plan.people[1].employee_id, "E2003");
	assert_true(plan.people[0].last_active > plan.people[1].last_active);
	assert_int_equal(plan.comments, 2); /* Erika's, 40 months, and Max's, 30 */
	csr_retention_plan_free(&plan);
	/* the dry run changed nothing */
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM volunteer WHERE anonymised_at"), 0);
	assert_true(occurrences(env, NAME) > 0);

	assert_int_equal(csr_retention_run(env->db, csr_now(), &plan, &err), CSR_OK);
	assert_int_equal(plan.npeople, 2);
	assert_int_equal(plan.comments, 2);
	csr_retention_plan_free(&plan);
	assert_int_equal(occurrences(env, NAME), 0);
	assert_int_equal(occurrences(env, EMPLOYEE), 0);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM volunteer WHERE anonymised_at"
					 " AND id IN (1, 3) AND name LIKE 'Former volunteer #%'"), 2);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM feedback WHERE comment <> ''"), 0);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM feedback"), 2);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit WHERE action = 'person.anonymise'"
					 " AND detail LIKE 'retention: inactive since ____-__'"), 2);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit WHERE action = 'retention.run'"
					 " AND detail = 'anonymised 2, comments removed 2'"), 1);
	/* a second run finds nothing more */
	assert_int_equal(csr_retention_run(env->db, csr_now(), &plan, &err), CSR_OK);
	assert_int_equal(plan.npeople, 0);
	assert_int_equal(plan.comments, 0);
	csr_retention_plan_free(&plan);
}

static void test_retention_off(void **state)
{
	tu_env *env = *state;
	aged(env);
	set_retention(env, 0, 0);
	csr_retention_plan plan;
	csr_err err;
	assert_int_equal(csr_retention_run(env->db, csr_now(), &plan, &err), CSR_OK);
	assert_int_equal(plan.npeople, 0);
	assert_int_equal(plan.comments, 0);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM feedback WHERE comment <> ''"), 2);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM volunteer WHERE anonymised_at"), 0);
}

/* On the demo data with a short rule (a month), a past report stays. */
static void test_retention_keeps_past_report(void **state)
{
	tu_env *env = *state;
	demo(env);
	set_retention(env, 1, 0);
	char *before = report_all(env);
	csr_retention_plan plan;
	csr_err err;
	assert_int_equal(csr_retention_run(env->db, csr_now(), &plan, &err), CSR_OK);
	assert_true(plan.npeople > 0);
	csr_retention_plan_free(&plan);
	char *after = report_all(env);
	assert_string_equal(before, after);
	free(before);
	free(after);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_export_has_everything, tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(test_export_only_own_unless_admin, tu_setup,
						tu_teardown),
		cmocka_unit_test_setup_teardown(test_erase_leaves_no_trace, tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(test_erase_spares_other_ids, tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(test_erase_one_word_name_only_whole, tu_setup,
						tu_teardown),
		cmocka_unit_test_setup_teardown(test_erase_keeps_past_report, tu_setup, tu_teardown),
		cmocka_unit_test(test_retention_cutoff),
		cmocka_unit_test_setup_teardown(test_retention_dry_run_then_run, tu_setup,
						tu_teardown),
		cmocka_unit_test_setup_teardown(test_retention_off, tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(test_retention_keeps_past_report, tu_setup,
						tu_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
