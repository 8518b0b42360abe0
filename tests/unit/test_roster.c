/* SPDX-License-Identifier: MIT */
/* Roster import: parsing, line numbers, validation, all-or-nothing,
 * skip_bad, upserts, permissions, and the round trip through the export. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csrdesk/export.h"
#include "csrdesk/roster.h"
#include "csrdesk/volunteer.h"
#include "db_private.h"
#include "testutil.h"

typedef struct warnings {
	int n;
	char text[2048];
} warnings;

static void collect(void *ctx, const char *message)
{
	warnings *w = ctx;
	w->n++;
	size_t used = strlen(w->text);
	snprintf(w->text + used, sizeof w->text - used, "%s\n", message);
}

/* Imports text through a real file named roster.csv. */
static csr_code import_text(tu_env *env, const char *text, bool skip_bad, warnings *w,
			    csr_roster_report *r, csr_err *err)
{
	FILE *f = fopen(tu_write_file(env, "roster.csv", text), "rb");
	assert_non_null(f);
	csr_code rc = csr_roster_import(env->db, f, "roster.csv", skip_bad, NULL, collect, w, r,
					err);
	fclose(f);
	return rc;
}

static void expect_refused(tu_env *env, const char *text, const char *message)
{
	csr_roster_report r;
	csr_err err;
	warnings w = { 0 };
	int64_t before = tu_scalar(env, "SELECT count(*) FROM volunteer");
	assert_int_equal(import_text(env, text, false, &w, &r, &err), CSR_EINVAL);
	if (strcmp(err.msg, message) != 0)
		fail_msg("got '%s', expected '%s'", err.msg, message);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM volunteer"), before);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit WHERE action = 'roster.import'"),
			 0);
	assert_int_equal(r.rows, 0);
}

static csr_volunteer find(tu_env *env, const char *employee_id)
{
	csr_volunteer v;
	csr_err err;
	if (csr_volunteer_find(env->db, employee_id, &v, &err) != CSR_OK)
		fail_msg("%s", err.msg);
	return v;
}

static char *export_volunteers(tu_env *env)
{
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);
	assert_non_null(out);
	csr_err err;
	assert_int_equal(csr_export_csv(env->db, "volunteers", out, &err), CSR_OK);
	fclose(out);
	return text;
}

static const char roster[] =
	"employee_id,name,team,site,email,skills,unix_user\n"
	"E1001,Jürgen Müller,Blue,Cluj,jurgen@example.org,\"first aid, forklift\",\n"
	"E1002,\"Ionuț Țăranu\",Red,Iași,ionut@example.org,\"says \"\"hello\"\"\n"
	"and more\",\n"
	"E1003,Zoë,Green,,,=SUM(A1:A2),zoe\n";

static const char roster_export[] =
	"employee_id,name,team,site,email,skills,unix_user,active\r\n"
	"E1001,Jürgen Müller,Blue,Cluj,jurgen@example.org,\"first aid, forklift\",,1\r\n"
	"E1002,Ionuț Țăranu,Red,Iași,ionut@example.org,\"says \"\"hello\"\"\nand more\",,1\r\n"
	"E1003,Zoë,Green,,,'=SUM(A1:A2),zoe,1\r\n";

static void test_import_and_export_round_trip(void **state)
{
	tu_env *env = *state;
	csr_roster_report r;
	csr_err err;
	warnings w = { 0 };
	assert_int_equal(import_text(env, roster, false, &w, &r, &err), CSR_OK);
	assert_int_equal(r.rows, 3);
	assert_int_equal(r.inserted, 3);
	assert_int_equal(r.updated + r.skipped, 0);
	csr_volunteer v = find(env, "E1002");
	assert_string_equal(v.name, "Ionuț Țăranu");
	assert_string_equal(v.skills, "says \"hello\"\nand more");
	assert_string_equal(find(env, "E1003").skills, "=SUM(A1:A2)");
	assert_string_equal(find(env, "E1003").unix_user, "zoe");
	assert_string_equal(find(env, "E1001").unix_user, "");
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit WHERE action = 'roster.import'"
				   " AND detail LIKE '%3 rows, 3 added%'"), 1);

	char *text = export_volunteers(env);
	assert_string_equal(text, roster_export);
	free(text);
}

static void test_neutralized_cells_import_back(void **state)
{
	tu_env *env = *state;
	csr_roster_report r;
	csr_err err;
	warnings w = { 0 };
	assert_int_equal(import_text(env, "employee_id,name,team,skills\n"
				     "E1,Ann,Blue,'=SUM(A1:A2)\n"
				     "E2,Bob,Blue,'tis the season\n", false, &w, &r, &err), CSR_OK);
	assert_string_equal(find(env, "E1").skills, "=SUM(A1:A2)");
	assert_string_equal(find(env, "E2").skills, "'tis the season");
}

static void test_bom_crlf_and_any_column_order(void **state)
{
	tu_env *env = *state;
	csr_roster_report r;
	csr_err err;
	warnings w = { 0 };
	assert_int_equal(import_text(env, "\xEF\xBB\xBFTeam,Skills,Name,Employee_ID\r\n"
				     "Blue,,Ann Lee,E1\r\n\r\n"
				     "Red,\"first aid\nforklift\",Bo,E2\r\n",
				     false, &w, &r, &err), CSR_OK);
	assert_int_equal(r.inserted, 2);
	assert_string_equal(find(env, "E1").team, "Blue");
	assert_string_equal(find(env, "E2").skills, "first aid\nforklift");
}

static void test_header_errors(void **state)
{
	tu_env *env = *state;
	expect_refused(env, "employee_id,name\nE1,Ann\n",
		       "roster.csv:1: the header has no column team (it needs employee_id, name"
		       " and team)");
	expect_refused(env, "employee_id,name,team,shoe_size\nE1,Ann,Blue,42\n",
		       "roster.csv:1: unknown column 'shoe_size' (the columns are employee_id,"
		       " name, team, site, email, skills, unix_user and active)");
	expect_refused(env, "\n\nemployee_id,name,team,name\n",
		       "roster.csv:3: column name appears twice in the header");
	expect_refused(env, "", "roster.csv: the file is empty; it needs a header row such as"
		       " employee_id,name,team");
}

static void test_unterminated_quote_is_refused_with_its_line(void **state)
{
	tu_env *env = *state;
	expect_refused(env, "employee_id,name,team\nE1,Ann,Blue\nE2,\"Bob,Blue\nE3,Cy,Blue\n",
		       "roster.csv:3: a quoted field is not closed");
}

static void test_wrong_field_count_names_the_physical_line(void **state)
{
	tu_env *env = *state;
	/* The first record spans lines 2-3, then a blank line: the bad one is on 5. */
	expect_refused(env, "employee_id,name,team,skills\nE1,Anna,Blue,\"first aid\n"
		       "forklift\"\n\nE2,Bob\n", "roster.csv:5: 2 fields, but the header has 4");
	expect_refused(env, "employee_id,name,team\nE1,Ann,Blue,extra\n",
		       "roster.csv:2: 4 fields, but the header has 3");
}

static void test_bad_values_name_the_column(void **state)
{
	tu_env *env = *state;
	expect_refused(env, "employee_id,name,team\nE1,Ann,Blue\nE 2,Bob,Blue\n",
		       "roster.csv:3: column employee_id: Employee ID may contain only letters,"
		       " digits, '-', '_' and '.'");
	expect_refused(env, "employee_id,name,team,email\nE1,Ann,Blue,not-an-address\n",
		       "roster.csv:2: column email: Email must be an address like"
		       " name@example.org");
	expect_refused(env, "employee_id,name,team\nE1,\"  \",Blue\n",
		       "roster.csv:2: column name: Name is required");
	expect_refused(env, "employee_id,name,team\nE1,J\xFCrgen,Blue\n",
		       "roster.csv:2: column name: not valid UTF-8 (save the file as UTF-8)");
	expect_refused(env, "employee_id,name,team\nE1,Ann,"
		       "Blueeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee\n",
		       "roster.csv:2: column team: too long (at most 63 bytes)");
	expect_refused(env, "employee_id,name,team\nE1,An\"n,Blue\n",
		       "roster.csv:2: malformed CSV: a quote inside an unquoted field, or text"
		       " after a closing quote");
}

static void test_unix_user_taken_is_a_bad_row(void **state)
{
	tu_env *env = *state;
	tu_volunteer(env, "E9", "Ann");
	tu_scalar(env, "UPDATE volunteer SET unix_user = 'ann' WHERE employee_id = 'E9'");
	expect_refused(env, "employee_id,name,team,unix_user\nE1,Bob,Blue,ann\n",
		       "roster.csv:2: column unix_user: ann is already the Unix user of E9");
}

static void test_skip_bad_imports_the_good_rows(void **state)
{
	tu_env *env = *state;
	csr_roster_report r;
	csr_err err;
	warnings w = { 0 };
	assert_int_equal(import_text(env, "employee_id,name,team\n"
				     "E1,Ann,Blue\n"
				     "E 2,Bob,Blue\n"
				     "E3,\"Cy\nCox\",Blue\n"
				     "E4,Di\"x,Blue\n"
				     "E5,Ed\n"
				     "E6,Flo,Red\n", true, &w, &r, &err), CSR_OK);
	assert_int_equal(r.rows, 6);
	assert_int_equal(r.inserted, 2);
	assert_int_equal(r.skipped, 4);
	assert_int_equal(w.n, 4);
	assert_non_null(strstr(w.text, "roster.csv:3: column employee_id"));
	assert_non_null(strstr(w.text, "roster.csv:4: column name: Name holds a control character"
				       " (U+000A)")); /* a name is one line */
	assert_non_null(strstr(w.text, "roster.csv:6: malformed CSV"));
	assert_non_null(strstr(w.text, "roster.csv:7: 2 fields, but the header has 3"));
	assert_string_equal(find(env, "E6").team, "Red");
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM volunteer"), 2);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit WHERE action = 'roster.import'"
				   " AND detail LIKE '%4 skipped'"), 1);
}

static void test_upsert_updates_an_existing_volunteer(void **state)
{
	tu_env *env = *state;
	int64_t id = tu_volunteer(env, "E1", "Ann Old");
	tu_scalar(env, "UPDATE volunteer SET site = 'Cluj', email = 'ann@example.org',"
		  " unix_user = 'ann' WHERE employee_id = 'E1'");
	csr_roster_report r;
	csr_err err;
	warnings w = { 0 };
	/* site and unix_user are not in this header: they keep their values;
	 * email is there and empty: it is cleared. */
	assert_int_equal(import_text(env, "employee_id,name,team,email\nE1,Ann New,Gold,\n"
				     "E2,Bob,Gold,bob@example.org\n", false, &w, &r, &err), CSR_OK);
	assert_int_equal(r.updated, 1);
	assert_int_equal(r.inserted, 1);
	csr_volunteer v = find(env, "E1");
	assert_int_equal(v.id, id);
	assert_string_equal(v.name, "Ann New");
	assert_string_equal(v.team, "Gold");
	assert_string_equal(v.site, "Cluj");
	assert_string_equal(v.email, "");
	assert_string_equal(v.unix_user, "ann");
}

static void test_agents_may_not_import(void **state)
{
	tu_env *env = *state;
	tu_act(env, CSR_ROLE_AGENT, 0);
	csr_roster_report r;
	csr_err err;
	warnings w = { 0 };
	assert_int_equal(import_text(env, "employee_id,name,team\nE1,Ann,Blue\n", false, &w, &r,
				     &err), CSR_EDENIED);
	assert_string_equal(err.msg, "Only team leads may import volunteers");
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM volunteer"), 0);
	tu_act(env, CSR_ROLE_LEAD, 0);
	assert_int_equal(import_text(env, "employee_id,name,team\nE1,Ann,Blue\n", false, &w, &r,
				     &err), CSR_OK);
}

/* Control characters, C1, bidi controls: refused in every column, naming
 * FILE:LINE and the column; a line break only in skills. */
static void test_control_characters_are_refused(void **state)
{
	tu_env *env = *state;
	const struct {
		const char *row, *message;
	} bad[] = {
		{ "E1,X\x1B]0;PWN\x07,Blue,",
		  "column name: Name holds a control character (U+001B)" },
		{ "E1,Bad\x01Name,Blue,", "column name: Name holds a control character (U+0001)" },
		{ "E1,Ann,Blue\xC2\x9B" "31m,",
		  "column team: Team holds a control character (U+009B)" },
		{ "E1,Ann,\xE2\x80\xAE" "eulB,",
		  "column team: Team holds a control character (U+202E)" },
		{ "E1,Ann\tLee,Blue,", "column name: Name holds a control character (U+0009)" },
		{ "E1,Ann,Blue,\"first aid\r\nforklift\"",
		  "column skills: Skills holds a control character (U+000D)" },
		{ "E1,Ann,Blue,x\x7F", "column skills: Skills holds a control character (U+007F)" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char text[256], message[256];
		snprintf(text, sizeof text, "employee_id,name,team,skills\nE0,Zoë,Red,\n%s\n",
			 bad[i].row);
		snprintf(message, sizeof message, "roster.csv:3: %s; only printable text",
			 bad[i].message);
		csr_roster_report r;
		csr_err err;
		warnings w = { 0 };
		assert_int_equal(import_text(env, text, false, &w, &r, &err), CSR_EINVAL);
		if (strncmp(err.msg, message, strlen(message)) != 0)
			fail_msg("got '%s', expected '%s...'", err.msg, message);
		assert_int_equal(tu_scalar(env, "SELECT count(*) FROM volunteer"), 0);

		/* With skip_bad the row is skipped and reported the same way. */
		assert_int_equal(import_text(env, text, true, &w, &r, &err), CSR_OK);
		assert_int_equal(r.inserted + r.updated, 1);
		assert_int_equal(r.skipped, 1);
		if (!strstr(w.text, message))
			fail_msg("warnings '%s' do not say '%s'", w.text, message);
		assert_int_equal(tu_scalar(env, "SELECT count(*) FROM volunteer"
					   " WHERE employee_id = 'E1'"), 0);
		tu_sql(env, "DELETE FROM volunteer");
	}
}

/* What the export writes imports back as it is, the active column too. */
static void test_export_imports_back_with_active(void **state)
{
	tu_env *env = *state;
	csr_roster_report r;
	csr_err err;
	warnings w = { 0 };
	assert_int_equal(import_text(env, roster, false, &w, &r, &err), CSR_OK);
	tu_sql(env, "UPDATE volunteer SET active = 0 WHERE employee_id = 'E1002'");
	char *first = export_volunteers(env);
	assert_non_null(strstr(first, "\r\nE1002,Ionuț Țăranu,Red,Iași,ionut@example.org,"
			       "\"says \"\"hello\"\"\nand more\",,0\r\n"));

	/* Into an empty database: inactive stays inactive. */
	tu_sql(env, "DELETE FROM volunteer");
	assert_int_equal(import_text(env, first, false, &w, &r, &err), CSR_OK);
	assert_int_equal(r.inserted, 3);
	char *second = export_volunteers(env);
	assert_string_equal(second, first);

	/* Over the same rows: active 1 activates again. */
	char *edited = strdup(first);
	*strstr(edited, ",,0\r\n") = '\0';
	char text[1024];
	snprintf(text, sizeof text, "%s,,1\r\n", edited);
	assert_int_equal(import_text(env, text, false, &w, &r, &err), CSR_OK);
	assert_int_equal(r.updated, 2);
	assert_true(find(env, "E1002").active);

	/* Without the column, stored activity stays. */
	tu_sql(env, "UPDATE volunteer SET active = 0 WHERE employee_id = 'E1001'");
	assert_int_equal(import_text(env, "employee_id,name,team\nE1001,Jürgen,Blue\n", false, &w,
				     &r, &err), CSR_OK);
	assert_false(find(env, "E1001").active);
	free(first);
	free(second);
	free(edited);
}

static void test_bad_active_values(void **state)
{
	tu_env *env = *state;
	expect_refused(env, "employee_id,name,team,active\nE1,Ann,Blue,maybe\n",
		       "roster.csv:2: column active: must be 1 (active) or 0 (inactive)");
	expect_refused(env, "employee_id,name,team,active\nE1,Ann,Blue,\n",
		       "roster.csv:2: column active: must be 1 (active) or 0 (inactive)");
	csr_roster_report r;
	csr_err err;
	warnings w = { 0 };
	assert_int_equal(import_text(env, "employee_id,name,team,active\nE1,Ann,Blue,no\n"
				     "E2,Bob,Blue,TRUE\n", false, &w, &r, &err), CSR_OK);
	assert_false(find(env, "E1").active);
	assert_true(find(env, "E2").active);
}

typedef struct progress_seen {
	int calls;
	long done, total;
} progress_seen;

static void record_progress(void *ctx, long done, long total)
{
	progress_seen *seen = ctx;
	assert_true(done >= seen->done);
	seen->calls++;
	seen->done = done;
	seen->total = total;
}

static void test_progress_reports_bytes_read(void **state)
{
	tu_env *env = *state;
	enum { SIZE = 200 * 1024 };
	char *text = malloc(SIZE);
	assert_non_null(text);
	size_t used = (size_t)snprintf(text, SIZE, "employee_id,name,team\n");
	int n = 0;
	for (; used + 64 < SIZE; n++)
		used += (size_t)snprintf(text + used, SIZE - used, "E%d,Person %d,Team %d\n", n, n,
					 n % 5);
	FILE *f = fopen(tu_write_file(env, "big.csv", text), "rb");
	free(text);
	assert_non_null(f);
	progress_seen seen = { 0 };
	csr_roster_report r;
	csr_err err;
	assert_int_equal(csr_roster_import(env->db, f, "big.csv", false, record_progress, NULL,
					   &seen, &r, &err), CSR_OK);
	fclose(f);
	assert_true(seen.calls > 1);
	assert_int_equal(seen.done, (long)used);
	assert_int_equal(seen.total, (long)used);
	assert_int_equal(r.inserted, n);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM volunteer"), n);
}

/* German Excel's CSV: a byte order mark, ';' between the cells, CRLF; a
 * quoted cell may hold ';' and a comma is plain text. The separator comes
 * from the header alone. */
static void test_semicolon_files_from_excel(void **state)
{
	tu_env *env = *state;
	csr_roster_report r;
	csr_err err;
	warnings w = { 0 };
	/* A bad row of such a file names its physical line. */
	expect_refused(env, "employee_id;name;team\r\nE3;A;B\r\nE 4;C;D\r\n",
		       "roster.csv:3: column employee_id: Employee ID may contain only letters,"
		       " digits, '-', '_' and '.'");
	/* Not every field a known column: not a semicolon file, and the
	 * header is one unknown column as before. */
	expect_refused(env, "employee_id;name;team;shoe_size\nE1;A;B;42\n",
		       "roster.csv:1: unknown column 'employee_id;name;team;shoe_size' (the columns"
		       " are employee_id, name, team, site, email, skills, unix_user and active)");
	assert_int_equal(import_text(env, "\xEF\xBB\xBF\"employee_id\";name;team;skills;active\r\n"
				     "E1;Jürgen Müller;Blau;Erste Hilfe, Kochen;1\r\n"
				     "E2;\"Schäfer; Anna\";Grün;\"zwei\nZeilen\";0\r\n",
				     false, &w, &r, &err), CSR_OK);
	assert_int_equal(r.inserted, 2);
	assert_string_equal(find(env, "E1").name, "Jürgen Müller");
	assert_string_equal(find(env, "E1").skills, "Erste Hilfe, Kochen");
	assert_string_equal(find(env, "E2").name, "Schäfer; Anna");
	assert_string_equal(find(env, "E2").skills, "zwei\nZeilen");
	assert_false(find(env, "E2").active);
	/* A comma file whose cells hold ';' stays a comma file. */
	assert_int_equal(import_text(env, "employee_id,name,team,skills\nE5,Eve,Rot,a;b\n", false,
				     &w, &r, &err), CSR_OK);
	assert_string_equal(find(env, "E5").skills, "a;b");
}

/* A file of n new volunteers N00001.. (team Blue, email nNNNNN@example.org);
 * the one at `odd` is called "Wilhelmina Quarterman", and bad_at (0 = none)
 * is a bad row (its name empty). Free it. */
static char *many_rows(int n, int odd, int bad_at)
{
	size_t size = 64 + (size_t)n * 80;
	char *text = malloc(size);
	assert_non_null(text);
	size_t used = (size_t)snprintf(text, size, "employee_id,name,team,email\n");
	for (int i = 1; i <= n; i++)
		used += (size_t)snprintf(text + used, size - used, "N%05d,%s,Blue,n%05d@example.org\n",
					 i, i == bad_at ? "" : i == odd ? "Wilhelmina Quarterman"
					 : "Person Plain", i);
	return text;
}

/* The schema as sqlite_schema holds it, every table, index and trigger
 * (into buf). */
static void schema_text(tu_env *env, char *buf, size_t size)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(csr_db_sqlite(env->db),
		"SELECT group_concat(type || ' ' || name || ' ' || tbl_name || ' ' || ifnull(sql, ''),"
		" char(10)) FROM (SELECT * FROM sqlite_schema ORDER BY name)", -1, &st, NULL),
		SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	snprintf(buf, size, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

/* How many active volunteers a search of the Volunteers list finds. */
static int64_t found(tu_env *env, const char *search)
{
	csr_volunteer_query q = { .search = search };
	int64_t n = -1;
	csr_err err;
	assert_int_equal(csr_volunteer_count(env->db, &q, &n, &err), CSR_OK);
	return n;
}

/* The search index agrees with the volunteer table, entry for entry. */
static void assert_search_index_intact(tu_env *env)
{
	tu_sql(env, "INSERT INTO volunteer_search (volunteer_search, rank)"
		    " VALUES ('integrity-check', 1)");
}

/* An import bigger than a chunk of the set-based writes (roster_staging.c)
 * fills the search index, keeps the counts, and leaves every trigger as
 * the migrations made it. */
static void test_big_import_is_searchable(void **state)
{
	tu_env *env = *state;
	tu_volunteer(env, "E1", "Ann Old");
	static char before[64 * 1024], after[64 * 1024];
	schema_text(env, before, sizeof before);
	char *text = many_rows(2500, 2345, 0);
	csr_roster_report r;
	csr_err err;
	warnings w = { 0 };
	assert_int_equal(import_text(env, text, false, &w, &r, &err), CSR_OK);
	free(text);
	assert_int_equal(r.inserted, 2500);
	schema_text(env, after, sizeof after);
	assert_string_equal(after, before);
	assert_int_equal(found(env, "rterm"), 1);
	assert_int_equal(found(env, "N02345"), 1);
	assert_int_equal(found(env, "n0234"), 10);
	assert_int_equal(found(env, "son Pla"), 2499);
	assert_int_equal(tu_scalar(env, "SELECT n FROM volunteer_count WHERE active = 1"), 2501);
	assert_int_equal(tu_scalar(env, "SELECT max(id) - min(id) FROM volunteer"
				   " WHERE employee_id LIKE 'N%'"), 2499); /* in file order */
	assert_search_index_intact(env);

	/* Updates of them all: the index follows the new emails. */
	text = many_rows(2500, 0, 0);
	for (char *at = text; (at = strstr(at, "@example.org")); at++)
		memcpy(at, "@exemplar.or", 12);
	assert_int_equal(import_text(env, text, false, &w, &r, &err), CSR_OK);
	free(text);
	assert_int_equal(r.updated, 2500);
	assert_int_equal(found(env, "exemplar"), 2500);
	assert_int_equal(found(env, "rterm"), 0);
	assert_int_equal(found(env, "example.org"), 0);
	assert_search_index_intact(env);
	schema_text(env, after, sizeof after);
	assert_string_equal(after, before);
}

/* A bad row far into a big file, or a failure while the staged rows are
 * written (after some of them are), leaves the database as it was. */
static void test_big_import_is_all_or_nothing(void **state)
{
	tu_env *env = *state;
	tu_volunteer(env, "N00001", "Ann Old");
	assert_int_equal(found(env, "Ann Old"), 1);
	char *text = many_rows(2500, 2345, 1800);
	csr_roster_report r;
	csr_err err;
	warnings w = { 0 };
	assert_int_equal(import_text(env, text, false, &w, &r, &err), CSR_EINVAL);
	assert_string_equal(err.msg, "roster.csv:1801: column name: Name is required");
	free(text);

	/* Every row good, but one refused by the database in the last chunk. */
	tu_sql(env, "CREATE TRIGGER test_refuse BEFORE INSERT ON volunteer"
		    " WHEN new.employee_id = 'N02400' BEGIN SELECT RAISE(ABORT, 'refused'); END");
	text = many_rows(2500, 2345, 0);
	assert_int_equal(import_text(env, text, false, &w, &r, &err), CSR_EDB);
	assert_non_null(strstr(err.msg, "refused"));
	free(text);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM volunteer"), 1);
	assert_int_equal(tu_scalar(env, "SELECT sum(n) FROM volunteer_count"), 1);
	assert_int_equal(found(env, "Ann Old"), 1);
	assert_int_equal(found(env, "rterm"), 0);
	assert_int_equal(found(env, "son Pla"), 0);
	assert_search_index_intact(env);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit WHERE action = 'roster.import'"),
			 0);
}

/* A person with several rows is added once and updated by the rest; a Unix
 * user is checked against what the earlier rows make of the roster. */
static void test_rows_of_one_file_see_each_other(void **state)
{
	tu_env *env = *state;
	tu_sql(env, "INSERT INTO volunteer (employee_id, name, team, unix_user, created_at)"
		    " VALUES ('E1', 'Ann', 'Blue', 'ann', 0), ('E2', 'Bob', 'Blue', 'bob', 0)");
	csr_roster_report r;
	csr_err err;
	warnings w = { 0 };
	/* E1 gives ann up for zed, E2 gives bob up, E1 takes bob, E3 (new)
	 * takes ann and appears twice, E4 may not take bob. */
	assert_int_equal(import_text(env, "employee_id,name,team,unix_user\n"
				     "E1,Ann,Blue,zed\n"
				     "E2,Bob,Blue,cat\n"
				     "E1,Ann,Red,bob\n"
				     "E3,Cy,Blue,ann\n"
				     "E4,Di,Blue,bob\n"
				     "E3,Cy Cox,Gold,ann\n", true, &w, &r, &err), CSR_OK);
	assert_int_equal(r.rows, 6);
	assert_int_equal(r.inserted, 1);
	assert_int_equal(r.updated, 4);
	assert_int_equal(r.skipped, 1);
	assert_string_equal(w.text, "roster.csv:6: column unix_user: bob is already the Unix user"
			    " of E1\n");
	assert_string_equal(find(env, "E1").unix_user, "bob");
	assert_string_equal(find(env, "E1").team, "Red");
	assert_string_equal(find(env, "E2").unix_user, "cat");
	assert_string_equal(find(env, "E3").unix_user, "ann");
	assert_string_equal(find(env, "E3").name, "Cy Cox");
	assert_int_equal(found(env, "Cy Cox"), 1);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM volunteer"), 3);
	assert_search_index_intact(env);
}

#define T(f) cmocka_unit_test_setup_teardown(f, tu_setup, tu_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_import_and_export_round_trip),
		T(test_neutralized_cells_import_back),
		T(test_bom_crlf_and_any_column_order),
		T(test_header_errors),
		T(test_unterminated_quote_is_refused_with_its_line),
		T(test_wrong_field_count_names_the_physical_line),
		T(test_bad_values_name_the_column),
		T(test_unix_user_taken_is_a_bad_row),
		T(test_skip_bad_imports_the_good_rows),
		T(test_upsert_updates_an_existing_volunteer),
		T(test_agents_may_not_import),
		T(test_progress_reports_bytes_read),
		T(test_control_characters_are_refused),
		T(test_export_imports_back_with_active),
		T(test_bad_active_values),
		T(test_semicolon_files_from_excel),
		T(test_big_import_is_searchable),
		T(test_big_import_is_all_or_nothing),
		T(test_rows_of_one_file_see_each_other),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
