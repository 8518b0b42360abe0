/* SPDX-License-Identifier: MIT */
/* CSV exports: each export's header and rows, RFC 4180 quoting, formula
 * neutralization of text (never of numbers), permissions. Times are checked
 * in UTC (TZ is set in main). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "csrdesk/export.h"
#include "csrdesk/format.h"
#include "testutil.h"

/* 2026-01-01 00:00 UTC */
#define NEW_YEAR "1767225600"

static char *export_text(tu_env *env, const char *what, csr_code expect, csr_err *err)
{
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);
	assert_non_null(out);
	assert_int_equal(csr_export_csv(env->db, what, out, err), expect);
	fclose(out);
	return text;
}

static void expect_export(tu_env *env, const char *what, const char *expected)
{
	csr_err err;
	char *text = export_text(env, what, CSR_OK, &err);
	if (strcmp(text, expected) != 0)
		fail_msg("export %s:\n--- got ---\n%s\n--- expected ---\n%s", what, text, expected);
	free(text);
}

/* The cell as written, in a static buffer. */
static const char *cell(const char *text)
{
	static char buf[256];
	char *written = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&written, &size);
	assert_non_null(out);
	csr_csv_cell(out, text);
	fclose(out);
	snprintf(buf, sizeof buf, "%s", written);
	free(written);
	return buf;
}

static void test_cell_quoting_and_neutralization(void **state)
{
	(void)state;
	assert_string_equal(cell("plain"), "plain");
	assert_string_equal(cell(NULL), "");
	assert_string_equal(cell("Zoë Müller"), "Zoë Müller");
	assert_string_equal(cell("a,b"), "\"a,b\"");
	assert_string_equal(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
	assert_string_equal(cell("two\nlines"), "\"two\nlines\"");
	assert_string_equal(cell("cr\rhere"), "\"cr\xEF\xBF\xBDhere\""); /* a lone CR: U+FFFD */
	assert_string_equal(cell("two\r\nlines"), "\"two\nlines\"");   /* CRLF: the LF stays */
	assert_string_equal(cell(" padded "), "\" padded \"");
	assert_string_equal(cell("=1+2"), "'=1+2");
	assert_string_equal(cell("+49 30"), "'+49 30");
	assert_string_equal(cell("-5"), "'-5");
	assert_string_equal(cell("@SUM(A1)"), "'@SUM(A1)");
	assert_string_equal(cell("\tx"), "\"'\tx\"");
	assert_string_equal(cell("=HYPERLINK(\"http://x\",\"y\")"),
			    "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
	assert_string_equal(cell("a=b"), "a=b");
}

#define FFFD "\xEF\xBF\xBD"

/* What could steer a terminal never leaves in a cell: each unsafe
 * character (or invalid byte) is one U+FFFD; line breaks and tabs stay. */
static void test_cell_replaces_terminal_controls(void **state)
{
	(void)state;
	assert_string_equal(cell("X\x1B]0;PWN\x07"), "X" FFFD "]0;PWN" FFFD);
	assert_string_equal(cell("\x1B[2Jwiped"), FFFD "[2Jwiped");
	assert_string_equal(cell("csi\xC2\x9B" "31m"), "csi" FFFD "31m");    /* U+009B */
	assert_string_equal(cell("raw\x9B" "31m"), "raw" FFFD "31m");        /* a lone C1 byte */
	assert_string_equal(cell("\xE2\x80\xAE" "fdp.exe"), FFFD "fdp.exe"); /* U+202E */
	assert_string_equal(cell("a\xE2\x81\xA6" "b"), "a" FFFD "b");        /* U+2066 */
	assert_string_equal(cell("del\x7F\x01"), "del" FFFD FFFD);
	assert_string_equal(cell("\xC0\xAF"), FFFD FFFD);                     /* overlong */
	assert_string_equal(cell("a\tb"), "a\tb");
	assert_string_equal(cell("Zoë 日本"), "Zoë 日本");
	/* Quoting and neutralization still apply around the replacement. */
	assert_string_equal(cell("=1\x1B,2"), "\"'=1" FFFD ",2\"");
	assert_string_equal(cell("say \"\x1B\""), "\"say \"\"" FFFD "\"\"\"");
}

/* A row another program wrote (or one from before input was checked) with
 * ESC, C1 and bidi bytes: the export holds none of them. */
static void test_export_writes_no_control_bytes(void **state)
{
	tu_env *env = *state;
	tu_sql(env, "INSERT INTO volunteer (id, employee_id, name, team, site, email, skills,"
		    " unix_user, active, created_at) VALUES (1, 'E1',"
		    " 'X' || char(27) || ']0;PWN' || char(7), 'Red' || char(155),"
		    " char(8238) || 'etis', 'x' || char(13) || 'y', 'a' || char(10) || 'b',"
		    " NULL, 1, 0)");
	tu_initiative(env, "Trees", 24, 5);
	tu_sql(env, "UPDATE initiative SET title = 'T' || char(27) || '[2J',"
		    " location = char(8294) || 'Park' || char(8297)");
	const char *whats[] = { "volunteers", "initiatives" };
	for (size_t i = 0; i < 2; i++) {
		csr_err err;
		char *text = export_text(env, whats[i], CSR_OK, &err);
		const char *unsafe[] = { "\x1B", "\x07", "\xC2\x9B", "\xE2\x80\xAE", "\xE2\x81\xA6",
					 "\xE2\x81\xA9", "x\ry" };
		for (size_t k = 0; k < sizeof unsafe / sizeof unsafe[0]; k++)
			if (strstr(text, unsafe[k]))
				fail_msg("export %s holds unsafe byte(s) %zu:\n%s", whats[i], k,
					 text);
		/* \r only in the CRLF that ends each row */
		for (const char *p = strchr(text, '\r'); p; p = strchr(p + 1, '\r'))
			assert_int_equal(p[1], '\n');
		assert_non_null(strstr(text, FFFD));
		free(text);
	}
	csr_err err;
	char *text = export_text(env, "volunteers", CSR_OK, &err);
	assert_non_null(strstr(text, "\r\nE1,X" FFFD "]0;PWN" FFFD ",Red" FFFD "," FFFD "etis,"
			       "\"x" FFFD "y\",\"a\nb\",,1\r\n"));
	free(text);
}

static void add_volunteers(tu_env *env)
{
	tu_scalar(env, "INSERT INTO volunteer (id, employee_id, name, team, site, email, skills,"
		  " unix_user, active, created_at) VALUES"
		  " (1, 'E1', 'Ann, the \"Boss\"', '=HYPERLINK(1)', '-Cluj', 'ann@example.org',"
		  "  '@mentoring', NULL, 1, 0),"
		  " (2, 'E2', 'Ionuț' || char(10) || 'Țăranu', 'Red', ' Iași ', '', '', 'ionut', 0, 0)");
}

static void test_volunteers(void **state)
{
	tu_env *env = *state;
	add_volunteers(env);
	expect_export(env, "volunteers",
		"employee_id,name,team,site,email,skills,unix_user,active\r\n"
		"E1,\"Ann, the \"\"Boss\"\"\",'=HYPERLINK(1),'-Cluj,ann@example.org,'@mentoring,,1\r\n"
		"E2,\"Ionuț\nȚăranu\",Red,\" Iași \",,,ionut,0\r\n");
}

static void add_initiatives(tu_env *env)
{
	add_volunteers(env);
	tu_scalar(env, "INSERT INTO volunteer (id, employee_id, name, created_at)"
		  " VALUES (3, 'E3', 'Cy', 0), (4, 'E4', 'Di', 0)");
	tu_scalar(env, "INSERT INTO partner (id, name) VALUES (1, 'Green Roots, Cluj')");
	tu_scalar(env, "INSERT INTO initiative (id, title, category, partner_id, location,"
		  " starts_at, ends_at, capacity, status, created_at) VALUES"
		  " (1, 'Tree planting', 'environment', 1, 'Park; north gate', " NEW_YEAR ","
		  "  " NEW_YEAR " + 9000, 2, 'open', 0),"
		  " (2, '+Blood drive', 'health', NULL, '', " NEW_YEAR " + 86400,"
		  "  " NEW_YEAR " + 90000, 5, 'cancelled', 0)");
	tu_scalar(env, "INSERT INTO signup (initiative_id, volunteer_id, status, created_at,"
		  " updated_at) VALUES (1, 1, 'confirmed', " NEW_YEAR ", 0),"
		  " (1, 2, 'attended', " NEW_YEAR " + 60, 0), (1, 3, 'waitlisted', " NEW_YEAR " + 120, 0),"
		  " (1, 4, 'cancelled', " NEW_YEAR " + 180, 0)");
}

static void test_initiatives(void **state)
{
	tu_env *env = *state;
	add_initiatives(env);
	expect_export(env, "initiatives",
		"id,title,category,status,starts,ends,capacity,confirmed,waitlisted,partner,location\r\n"
		"1,Tree planting,environment,open,2026-01-01 00:00,2026-01-01 02:30,2,2,1,"
		"\"Green Roots, Cluj\",Park; north gate\r\n"
		"2,'+Blood drive,health,cancelled,2026-01-02 00:00,2026-01-02 01:00,5,0,0,,\r\n");
}

static void test_signups(void **state)
{
	tu_env *env = *state;
	add_initiatives(env);
	expect_export(env, "signups",
		"initiative_id,employee_id,status,created\r\n"
		"1,E1,confirmed,2026-01-01 00:00\r\n"
		"1,E2,attended,2026-01-01 00:01\r\n"
		"1,E3,waitlisted,2026-01-01 00:02\r\n"
		"1,E4,cancelled,2026-01-01 00:03\r\n");
}

static void test_hours(void **state)
{
	tu_env *env = *state;
	add_initiatives(env);
	tu_scalar(env, "INSERT INTO hours (volunteer_id, initiative_id, worked_on, minutes, status,"
		  " created_at) VALUES (1, 1, " NEW_YEAR ", 90, 'approved', 0),"
		  " (2, NULL, " NEW_YEAR " + 86400, 20, 'pending', 0)");
	expect_export(env, "hours",
		"employee_id,initiative_id,date,hours,status\r\n"
		"E1,1,2026-01-01,1.50,approved\r\n"
		"E2,,2026-01-02,0.33,pending\r\n");
}

static void test_impact_numbers_are_never_neutralized(void **state)
{
	tu_env *env = *state;
	add_initiatives(env);
	tu_scalar(env, "INSERT INTO impact (initiative_id, metric, value, recorded_at) VALUES"
		  " (1, 'trees', 120, " NEW_YEAR "), (1, 'raised', -3.5, " NEW_YEAR " + 3600),"
		  " (1, 'raised', 1234567.25, " NEW_YEAR " + 7200)");
	expect_export(env, "impact",
		"initiative_id,metric,value,recorded\r\n"
		"1,trees,120,2026-01-01 00:00\r\n"
		"1,raised,-3.5,2026-01-01 01:00\r\n"
		"1,raised,1234567.25,2026-01-01 02:00\r\n");
}

/* A number style for people (issue 12's German, say) changes no export:
 * times, hours and values keep their machine forms. */
static void test_style_changes_no_export(void **state)
{
	csr_fmt_style style = csr_fmt_english;
	strcpy(style.decimal_mark, ",");
	strcpy(style.group_mark, ".");
	strcpy(style.date_pattern, "%d.%m.%Y");
	strcpy(style.time_pattern, "%d.%m.%Y %H:%M");
	assert_int_equal(csr_fmt_set_style(&style, NULL), CSR_OK);
	test_hours(state);
	test_impact_numbers_are_never_neutralized(state);
}

static int teardown_style(void **state)
{
	csr_fmt_set_style(NULL, NULL);
	return tu_teardown(state);
}

static void test_empty_tables_give_the_header(void **state)
{
	tu_env *env = *state;
	expect_export(env, "signups", "initiative_id,employee_id,status,created\r\n");
}

static void test_refusals(void **state)
{
	tu_env *env = *state;
	csr_err err;
	free(export_text(env, "payroll", CSR_EINVAL, &err));
	assert_string_equal(err.msg, "There is no export named 'payroll'; choose volunteers,"
			    " initiatives, signups, hours or impact");
	tu_act(env, CSR_ROLE_AGENT, 0);
	char *text = export_text(env, "volunteers", CSR_EDENIED, &err);
	assert_string_equal(err.msg, "Only team leads may export data");
	assert_string_equal(text, ""); /* not even the header */
	free(text);
	tu_act(env, CSR_ROLE_LEAD, 0);
	free(export_text(env, "volunteers", CSR_OK, &err));
}

static void test_write_errors_are_reported(void **state)
{
	tu_env *env = *state;
	add_volunteers(env);
	FILE *full = fopen("/dev/full", "w");
	if (!full)
		skip();
	csr_err err;
	assert_int_equal(csr_export_csv(env->db, "volunteers", full, &err), CSR_EIO);
	assert_non_null(strstr(err.msg, "writing the volunteers export"));
	fclose(full);
}

/* The cell for a file whose separator is ';'. */
static const char *cell_sep(const char *text, char sep)
{
	static char buf[256];
	char *written = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&written, &size);
	assert_non_null(out);
	csr_csv_cell_sep(out, text, sep);
	fclose(out);
	snprintf(buf, sizeof buf, "%s", written);
	free(written);
	return buf;
}

static void test_cell_with_semicolons(void **state)
{
	(void)state;
	assert_string_equal(cell_sep("a;b", ';'), "\"a;b\"");
	assert_string_equal(cell_sep("a,b", ';'), "a,b");
	assert_string_equal(cell_sep("=1;2", ';'), "\"'=1;2\"");
	assert_string_equal(cell_sep("say \"hi\"", ';'), "\"say \"\"hi\"\"\"");
	assert_string_equal(cell_sep("a;b", ','), "a;b");
	assert_int_equal(csr_csv_separator(CSR_CSV_PLAIN), ',');
	assert_int_equal(csr_csv_separator(CSR_CSV_EXCEL), ';');
}

static char *export_form(tu_env *env, const char *what, csr_csv_form form)
{
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);
	assert_non_null(out);
	csr_err err;
	assert_int_equal(csr_export_csv_form(env->db, what, form, out, &err), CSR_OK);
	fclose(out);
	return text;
}

/* German Excel's form: the byte order mark, ';', CRLF, numbers in the
 * machine form; csr_export_csv follows the config's export { excel }. */
static void test_excel_form(void **state)
{
	tu_env *env = *state;
	tu_sql(env, "INSERT INTO volunteer (id, employee_id, name, team, site, email, skills,"
		    " unix_user, active, created_at) VALUES (1, 'E1', 'Schäfer; Anna', 'Blau',"
		    " 'Köln', '', 'a, b', NULL, 1, 0)");
	tu_initiative(env, "Bäume; pflanzen", 24, 5);
	tu_sql(env, "INSERT INTO impact (initiative_id, metric, value, recorded_at, recorded_by)"
		    " SELECT id, 'raised', 1234.5, " NEW_YEAR ", 1 FROM initiative");
	char *excel = export_form(env, "volunteers", CSR_CSV_EXCEL);
	assert_string_equal(excel, "\xEF\xBB\xBF" "employee_id;name;team;site;email;skills;unix_user;active\r\n"
			    "E1;\"Schäfer; Anna\";Blau;Köln;;a, b;;1\r\n");
	free(excel);
	char *plain = export_form(env, "volunteers", CSR_CSV_PLAIN);
	assert_string_equal(plain, "employee_id,name,team,site,email,skills,unix_user,active\r\n"
			    "E1,Schäfer; Anna,Blau,Köln,,\"a, b\",,1\r\n");
	free(plain);
	char *impact = export_form(env, "impact", CSR_CSV_EXCEL);
	/* a decimal comma in the Excel form: German Excel reads "1234.5" as text */
	assert_non_null(strstr(impact, ";raised;1234,5;2026-01-01 00:00\r\n"));
	free(impact);
	csr_err err;
	env->cfg->export_excel = true;
	char *text = export_text(env, "volunteers", CSR_OK, &err);
	assert_memory_equal(text, "\xEF\xBB\xBF" "employee_id;", 15);
	free(text);
	env->cfg->export_excel = false;
	text = export_text(env, "volunteers", CSR_OK, &err);
	assert_memory_equal(text, "employee_id,", 12);
	free(text);
}

#define T(f) cmocka_unit_test_setup_teardown(f, tu_setup, tu_teardown)

int main(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cell_quoting_and_neutralization),
		cmocka_unit_test(test_cell_replaces_terminal_controls),
		T(test_export_writes_no_control_bytes),
		T(test_volunteers),
		T(test_initiatives),
		T(test_signups),
		T(test_hours),
		T(test_impact_numbers_are_never_neutralized),
		cmocka_unit_test_setup_teardown(test_style_changes_no_export, tu_setup,
						teardown_style),
		T(test_empty_tables_give_the_header),
		T(test_refusals),
		T(test_write_errors_are_reported),
		cmocka_unit_test(test_cell_with_semicolons),
		T(test_excel_form),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
