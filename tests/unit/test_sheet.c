/* SPDX-License-Identifier: MIT */
/* Printable sheets: one page per initiative in the order given, the places
 * in the attendance list's order (cancelled ones left out), every text
 * escaped in HTML, control characters refused in text, all or nothing,
 * leads only, and a seek on the index rather than a scan. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csrdesk/sheet.h"
#include "testutil.h"

static char *sheet_text(tu_env *env, const int64_t *ids, int n, csr_sheet_kind kind,
			csr_sheet_format format, csr_code expect, csr_err *err)
{
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);
	assert_non_null(out);
	assert_int_equal(csr_sheet_write(env->db, ids, n, kind, format, out, err), expect);
	fclose(out);
	return text;
}

static int count(const char *text, const char *what)
{
	int n = 0;
	for (const char *p = strstr(text, what); p; p = strstr(p + 1, what))
		n++;
	return n;
}

static void place(tu_env *env, int64_t initiative, int64_t volunteer, const char *status)
{
	tu_sqlf(env,
		"INSERT INTO signup (initiative_id, volunteer_id, status, created_at, updated_at)"
		" VALUES (%lld, %lld, '%s', 0, 0)",
		(long long)initiative, (long long)volunteer, status);
}

/* Two initiatives: the first with a waitlisted place that arrived before
 * a confirmed one, and a cancelled one; the second with none. */
static void two_initiatives(tu_env *env, int64_t ids[2])
{
	ids[0] = tu_initiative(env, "Beach <clean-up> & \"more\"", 48, 2);
	ids[1] = tu_initiative(env, "Second day", 72, 5);
	int64_t ann = tu_volunteer(env, "E1", "Ann <b>Bold</b>");
	int64_t bob = tu_volunteer(env, "E2", "Bob Brown");
	int64_t cy = tu_volunteer(env, "E3", "Cy Cancelled");
	int64_t di = tu_volunteer(env, "E4", "Di Waiting");
	place(env, ids[0], di, "waitlisted");
	place(env, ids[0], bob, "confirmed");
	place(env, ids[0], cy, "cancelled");
	place(env, ids[0], ann, "attended");
}

static void test_html_pages_and_escaping(void **state)
{
	tu_env *env = *state;
	int64_t ids[2];
	two_initiatives(env, ids);
	int64_t order[2] = { ids[1], ids[0] };
	csr_err err;
	char *html = sheet_text(env, order, 2, CSR_SHEET_SIGNUP, CSR_SHEET_HTML, CSR_OK, &err);
	assert_int_equal(count(html, "<section class=\"sheet\">"), 2);
	assert_non_null(strstr(html, "page-break-after: always"));
	assert_non_null(strstr(html, "size: A4"));
	/* in the order given */
	char *second = strstr(html, "Second day"), *beach = strstr(html, "Beach &lt;clean-up&gt;");
	assert_non_null(second);
	assert_non_null(beach);
	assert_true(second < beach);
	assert_non_null(strstr(html, "Beach &lt;clean-up&gt; &amp; &quot;more&quot;"));
	assert_non_null(strstr(html, "Ann &lt;b&gt;Bold&lt;/b&gt;"));
	assert_null(strstr(html, "<b>Bold"));
	assert_null(strstr(html, "Cy Cancelled"));
	/* confirmed and attended by arrival, then the waitlist */
	char *bob = strstr(html, "Bob Brown"), *ann = strstr(html, "Ann &lt;b&gt;"),
	     *di = strstr(html, "Di Waiting");
	assert_true(bob && ann && di && bob < ann && ann < di);
	assert_non_null(strstr(html, "<th class=\"sign\">Signature</th>"));
	assert_null(strstr(html, "Arrived"));
	assert_int_equal(count(html, "Nobody has a place yet."), 1);
	free(html);
}

static void test_attendance_columns(void **state)
{
	tu_env *env = *state;
	int64_t ids[2];
	two_initiatives(env, ids);
	csr_err err;
	char *html = sheet_text(env, ids, 1, CSR_SHEET_ATTENDANCE, CSR_SHEET_HTML, CSR_OK, &err);
	assert_non_null(strstr(html, "<th>Status</th><th class=\"fill\">Arrived</th>"
				     "<th class=\"fill\">Left</th><th class=\"fill\">Hours</th>"
				     "<th class=\"sign\">Signature</th>"));
	assert_int_equal(count(html, "<section class=\"sheet\">"), 1);
	free(html);
	char *text = sheet_text(env, ids, 1, CSR_SHEET_ATTENDANCE, CSR_SHEET_TEXT, CSR_OK, &err);
	assert_non_null(strstr(text, "Attendance list\n===============\n"));
	assert_non_null(strstr(text, "Status      Arrived  Left     Hours  Signature"));
	assert_non_null(strstr(text, "E2           Bob Brown             T1            confirmed"
				     "   _______  _______  _____  __________\n"));
	free(text);
}

static void test_text_pages_and_refusals(void **state)
{
	tu_env *env = *state;
	int64_t ids[2];
	two_initiatives(env, ids);
	csr_err err;
	char *text = sheet_text(env, ids, 2, CSR_SHEET_SIGNUP, CSR_SHEET_TEXT, CSR_OK, &err);
	assert_int_equal(count(text, "\f"), 1); /* two pages */
	assert_non_null(strstr(text, "Sign-up sheet\n=============\nBeach <clean-up> & \"more\"\n"));
	assert_non_null(strstr(text, "E4           Di Waiting"));
	free(text);
	/* A text written by another program with an escape in it. */
	tu_sqlf(env, "UPDATE volunteer SET name = 'Eve' || char(27) || '[31m' WHERE employee_id = 'E2'");
	text = sheet_text(env, ids, 2, CSR_SHEET_SIGNUP, CSR_SHEET_TEXT, CSR_EINVAL, &err);
	assert_string_equal(text, ""); /* nothing at all, not the pages before */
	assert_non_null(strstr(err.msg, "A name"));
	free(text);
	text = sheet_text(env, ids, 2, CSR_SHEET_SIGNUP, CSR_SHEET_HTML, CSR_OK, &err);
	free(text);
}

static void test_all_or_nothing_and_leads_only(void **state)
{
	tu_env *env = *state;
	int64_t ids[2];
	two_initiatives(env, ids);
	int64_t with_missing[3] = { ids[0], 999, ids[1] };
	csr_err err;
	char *text = sheet_text(env, with_missing, 3, CSR_SHEET_SIGNUP, CSR_SHEET_HTML,
				CSR_ENOTFOUND, &err);
	assert_string_equal(text, "");
	free(text);
	free(sheet_text(env, ids, 0, CSR_SHEET_SIGNUP, CSR_SHEET_HTML, CSR_EINVAL, &err));
	tu_act(env, CSR_ROLE_AGENT, 0);
	text = sheet_text(env, ids, 1, CSR_SHEET_SIGNUP, CSR_SHEET_HTML, CSR_EDENIED, &err);
	assert_string_equal(text, "");
	free(text);
}

static void test_places_are_a_seek(void **state)
{
	tu_env *env = *state;
	int64_t ids[2];
	two_initiatives(env, ids);
	csr_err err;
	tu_plan_start(env);
	free(sheet_text(env, ids, 1, CSR_SHEET_SIGNUP, CSR_SHEET_TEXT, CSR_OK, &err));
	/* (csr_initiative_get sorts the goals it reads: not this module's) */
	const char *plan = tu_plan(env);
	if (!strstr(plan, "SEARCH s USING INDEX signup_place_order (initiative_id=?)") ||
	    strstr(plan, "SCAN"))
		fail_msg("the places are not a seek on signup_place_order:\n%s", plan);
}

static void test_parse(void **state)
{
	(void)state;
	csr_sheet_kind kind;
	csr_sheet_format format;
	assert_true(csr_sheet_kind_parse("attendance", &kind) && kind == CSR_SHEET_ATTENDANCE);
	assert_true(csr_sheet_kind_parse("signup", &kind) && kind == CSR_SHEET_SIGNUP);
	assert_false(csr_sheet_kind_parse("Signup", &kind));
	assert_true(csr_sheet_format_parse("text", &format) && format == CSR_SHEET_TEXT);
	assert_true(csr_sheet_format_parse("html", &format) && format == CSR_SHEET_HTML);
	assert_false(csr_sheet_format_parse("pdf", &format));
}

#define T(f) cmocka_unit_test_setup_teardown(f, tu_setup, tu_teardown)

int main(void)
{
	setenv("TZ", "UTC", 1);
	const struct CMUnitTest tests[] = {
		T(test_html_pages_and_escaping),
		T(test_attendance_columns),
		T(test_text_pages_and_refusals),
		T(test_all_or_nothing_and_leads_only),
		T(test_places_are_a_seek),
		cmocka_unit_test(test_parse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
