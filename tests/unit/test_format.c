/* SPDX-License-Identifier: MIT */
/* One formatter per quantity (csrdesk/format.h): hours, numbers, money,
 * counts, percentages and ratings for people, the machine forms, the
 * numbers people type, and a style that changes all of them at once but
 * never the machine forms. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csrdesk/clock.h"
#include "csrdesk/format.h"

enum { OUT_MAX = 64 };

/* ---- for people ---- */

static void hours_are(int64_t minutes, const char *want)
{
	char out[OUT_MAX];
	csr_fmt_hours(minutes, out, sizeof out);
	assert_string_equal(out, want);
}

static void test_hours(void **state)
{
	(void)state;
	hours_are(0, "0");
	hours_are(1, "0.02");   /* 0.0166... */
	hours_are(59, "0.98");  /* 0.9833... */
	hours_are(60, "1");
	hours_are(90, "1.5");
	hours_are(119, "1.98"); /* the 119 minutes of issue 10 */
	hours_are(120, "2");
	hours_are(525, "8.75");
	hours_are(150000, "2,500");
	hours_are(60000000000, "1,000,000,000");
	hours_are(INT64_MAX, "153,722,867,280,912,930.12");
	hours_are(-90, "-1.5"); /* no hours are negative; a difference may be */
}

static void number_is(double value, const char *want)
{
	char out[OUT_MAX];
	csr_fmt_number(value, out, sizeof out);
	assert_string_equal(out, want);
}

static void test_number(void **state)
{
	(void)state;
	number_is(0, "0");
	number_is(120, "120");
	number_is(2400, "2,400");
	number_is(2400.5, "2,400.5");
	number_is(1234567.25, "1,234,567.25");
	number_is(1.0 / 3, "0.33");
	number_is(1.995, "2");        /* half up */
	number_is(2.675, "2.68");     /* stored as 2.67499999...: rounds as typed, where
				       * printf("%.2f") says 2.67 */
	number_is(0.125, "0.13");     /* half away from zero, not to even */
	number_is(999999.995, "1,000,000");
	number_is(0.004, "0");
	number_is(-0.001, "0");       /* never "-0" */
	number_is(-2400.5, "-2,400.5");
	number_is(123456789012345.0, "123,456,789,012,345");
	number_is(1e15, "1e+15");     /* beyond any figure of ours: the machine form */
	number_is(NAN, "nan");
}

static void test_amount(void **state)
{
	(void)state;
	char out[OUT_MAX];
	csr_fmt_amount(30890.5, "EUR", out, sizeof out);
	assert_string_equal(out, "30,890.5 EUR");
	csr_fmt_amount(35, "donations", out, sizeof out);
	assert_string_equal(out, "35 donations");
	csr_fmt_amount(1.995, "EUR", out, sizeof out);
	assert_string_equal(out, "2 EUR");
	csr_fmt_amount(5, "", out, sizeof out);
	assert_string_equal(out, "5");
	csr_fmt_amount(5, NULL, out, sizeof out);
	assert_string_equal(out, "5");
	/* Impact values are never negative (csr_impact_record refuses them);
	 * should one come from elsewhere, it still reads right. */
	csr_fmt_amount(-1250.75, "EUR", out, sizeof out);
	assert_string_equal(out, "-1,250.75 EUR");
}

static void count_is(long long n, const char *want)
{
	char out[OUT_MAX];
	csr_fmt_count(n, out, sizeof out);
	assert_string_equal(out, want);
}

static void test_count(void **state)
{
	(void)state;
	count_is(0, "0");
	count_is(1, "1");
	count_is(999, "999");
	count_is(1000, "1,000");
	count_is(1500, "1,500");
	count_is(100000, "100,000");
	count_is(-1500, "-1,500");
	count_is(LLONG_MAX, "9,223,372,036,854,775,807");
	count_is(LLONG_MIN, "-9,223,372,036,854,775,808");
}

static void percent_is(double ratio, const char *want)
{
	char out[OUT_MAX];
	csr_fmt_percent(ratio, out, sizeof out);
	assert_string_equal(out, want);
}

static void test_percent(void **state)
{
	(void)state;
	percent_is(0, "0%");
	percent_is(1, "100%");
	percent_is(0.42, "42%");
	percent_is(5.0 / 7, "71%");  /* 71.43 */
	percent_is(2.0 / 3, "67%");
	percent_is(0.125, "13%");    /* 12.5: half away from zero */
	percent_is(0.004, "1%");     /* some, not none */
	percent_is(0.996, "99%");    /* not all */
	percent_is(1.5, "150%");     /* a goal passed */
	percent_is(123.45, "12,345%");
}

static void test_rating(void **state)
{
	(void)state;
	char out[OUT_MAX];
	csr_fmt_rating(3.5, out, sizeof out);
	assert_string_equal(out, "3.5");
	csr_fmt_rating(4, out, sizeof out);
	assert_string_equal(out, "4.0");
	csr_fmt_rating(3.25, out, sizeof out);
	assert_string_equal(out, "3.3");
	csr_fmt_rating(4.96, out, sizeof out);
	assert_string_equal(out, "5.0");
	csr_fmt_rating(0, out, sizeof out);
	assert_string_equal(out, "0.0");
}

/* A buffer too small gets what fits, never half a mark, always ended. */
static void test_small_buffer(void **state)
{
	(void)state;
	char out[6];
	memset(out, 'x', sizeof out);
	csr_fmt_count(1234567, out, sizeof out);
	assert_string_equal(out, "1,234");
	csr_fmt_hours(150000, out, 1);
	assert_string_equal(out, "");
	csr_fmt_number(2400.5, out, 0); /* writes nothing at all */
}

/* ---- for machines ---- */

static void test_machine(void **state)
{
	(void)state;
	char out[OUT_MAX];
	csr_fmt_machine_hours(0, out, sizeof out);
	assert_string_equal(out, "0.00");
	csr_fmt_machine_hours(90, out, sizeof out);
	assert_string_equal(out, "1.50");
	csr_fmt_machine_hours(119, out, sizeof out);
	assert_string_equal(out, "1.98");
	csr_fmt_machine_hours(150000, out, sizeof out);
	assert_string_equal(out, "2500.00");
	csr_fmt_machine_number(2400.5, out, sizeof out);
	assert_string_equal(out, "2400.5");
	csr_fmt_machine_number(1.0 / 3, out, sizeof out);
	assert_string_equal(out, "0.333333333333333");
	csr_fmt_machine_number(1e20, out, sizeof out);
	assert_string_equal(out, "1e+20");
	csr_fmt_machine_fixed(200.0 / 3, 1, out, sizeof out);
	assert_string_equal(out, "66.7");
	csr_fmt_machine_fixed(3.5, 2, out, sizeof out);
	assert_string_equal(out, "3.50");
}

/* ---- what people type ---- */

static void parses(const char *text, double want)
{
	double v = -1;
	if (!csr_fmt_parse_number(text, &v))
		fail_msg("'%s' was refused", text);
	assert_float_equal(v, want, 1e-9);
}

static void refused(const char *text)
{
	double v;
	if (csr_fmt_parse_number(text, &v))
		fail_msg("'%s' was accepted as %g", text, v);
}

static void test_parse(void **state)
{
	(void)state;
	parses("120", 120);
	parses("2,400", 2400);
	parses(" 2400.5 ", 2400.5);
	parses("1,234,567.25", 1234567.25);
	parses("0", 0);
	refused("");
	refused("-5");       /* impact values and hours are never negative */
	refused("2,40");     /* a group after a mark has exactly three digits */
	refused("24,00,000");
	refused("2400,000"); /* the first group has at most three */
	refused(",400");
	refused("1.");
	refused("1.5.2");
	refused("12abc");
	refused("1e9");
	refused("nan");
	double v;
	assert_false(csr_fmt_parse_number(NULL, &v));
}

/* "1.500" is 1500 to a German and 1.5 to an English reader: the style
 * whose decimal mark it uses refuses it; the other reads it as grouped. */
static void test_ambiguous(void **state)
{
	(void)state;
	char why[OUT_MAX];
	refused("1.500");
	refused("12.500");
	refused(" 999.125 ");
	parses("0.125", 0.125);  /* "0.125" groups nothing in German */
	parses("1234.500", 1234.5); /* nor does a first group of four */
	parses("1.50", 1.5);
	parses("1,500", 1500);
	csr_fmt_number_problem("1.500", why, sizeof why);
	assert_string_equal(why, "'1.500' could mean 1.5 or 1,500: type one of them");
	csr_fmt_number_problem("1,5", why, sizeof why);
	assert_string_equal(why, "'1,5' is not a number like 120, 2,400 or 2,400.5");

	assert_int_equal(csr_fmt_set_style(&csr_fmt_german, NULL), CSR_OK);
	parses("1.500", 1500);
	parses("1,5", 1.5);
	parses("0,125", 0.125);
	refused("1,500");
	refused("1.5");
	csr_fmt_number_problem("1,500", why, sizeof why);
	assert_string_equal(why, "'1,500' could mean 1,5 or 1.500: type one of them");
}

/* Dates typed as the style writes them, or as ISO; nothing else. */
static void test_german_dates(void **state)
{
	(void)state;
	int64_t iso, german;
	assert_int_equal(csr_fmt_set_style(&csr_fmt_german, NULL), CSR_OK);
	assert_int_equal(csr_time_parse("2026-05-14 09:30", &iso, NULL), CSR_OK);
	assert_int_equal(csr_time_parse("14.05.2026 09:30", &german, NULL), CSR_OK);
	assert_int_equal(iso, german);
	assert_int_equal(csr_time_parse("14.05.2026", &german, NULL), CSR_OK);
	assert_int_equal(iso - german, 9 * 3600 + 30 * 60);
	assert_int_equal(csr_time_parse("05/14/2026", &german, NULL), CSR_EINVAL);
	assert_int_equal(csr_time_parse("31.02.2026", &german, NULL), CSR_EINVAL);
	csr_err err;
	assert_int_equal(csr_time_parse("morgen", &german, &err), CSR_EINVAL);
	assert_string_equal(err.msg, "'morgen' is not a date and time like 14.05.2026 09:30");
	assert_int_equal(csr_fmt_set_style(NULL, NULL), CSR_OK);
	assert_int_equal(csr_time_parse("14.05.2026 09:30", &german, NULL), CSR_EINVAL);
}

static void test_parse_count(void **state)
{
	(void)state;
	long long n = -1;
	assert_true(csr_fmt_parse_count("1,500", &n));
	assert_int_equal(n, 1500);
	assert_true(csr_fmt_parse_count(" 10000 ", &n));
	assert_int_equal(n, 10000);
	assert_true(csr_fmt_parse_count("0", &n));
	assert_int_equal(n, 0);
	assert_true(csr_fmt_parse_count("1,000,000,000,000,000", &n));
	assert_int_equal(n, 1000000000000000LL);
	assert_false(csr_fmt_parse_count("1,000,000,000,000,001", &n));
	assert_false(csr_fmt_parse_count("99999999999999999999", &n));
	assert_false(csr_fmt_parse_count("1.5", &n));
	assert_false(csr_fmt_parse_count("-3", &n));
	assert_false(csr_fmt_parse_count("15,00", &n));
	assert_false(csr_fmt_parse_count("", &n));
}

static void test_parse_hours(void **state)
{
	(void)state;
	int m = 0;
	assert_true(csr_fmt_parse_hours("2", &m));
	assert_int_equal(m, 120);
	assert_true(csr_fmt_parse_hours("1.5", &m));
	assert_int_equal(m, 90);
	assert_true(csr_fmt_parse_hours(" 2:30 ", &m));
	assert_int_equal(m, 150);
	assert_true(csr_fmt_parse_hours("24", &m));
	assert_int_equal(m, 1440);
	assert_true(csr_fmt_parse_hours("0:01", &m));
	assert_int_equal(m, 1);
	assert_false(csr_fmt_parse_hours("0", &m));
	assert_false(csr_fmt_parse_hours("24.5", &m));
	assert_false(csr_fmt_parse_hours("2:60", &m));
	assert_false(csr_fmt_parse_hours("2:30x", &m));
	assert_false(csr_fmt_parse_hours("two", &m));
}

/* What a person reads comes back as the same number. */
static void test_round_trip(void **state)
{
	(void)state;
	const double values[] = { 0, 1, 12.5, 999.99, 1000, 2400.5, 30890.5, 1234567.25 };
	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
		char text[OUT_MAX];
		double back = -1;
		csr_fmt_number(values[i], text, sizeof text);
		assert_true(csr_fmt_parse_number(text, &back));
		assert_float_equal(back, values[i], 1e-9);
	}
}

/* ---- the style ---- */

/* A style like the German one of issue 12, to show that one call changes
 * every formatter and parser for people, and no machine form. */
static const csr_fmt_style comma_style = {
	.decimal_mark = ",", .group_mark = ".", .percent_sign = "\xC2\xA0%",
	.date_pattern = "%d.%m.%Y", .time_pattern = "%d.%m.%Y %H:%M",
};

static int restore_english(void **state)
{
	(void)state;
	return csr_fmt_set_style(NULL, NULL) == CSR_OK ? 0 : -1;
}

static void test_style(void **state)
{
	(void)state;
	char out[OUT_MAX];
	assert_int_equal(csr_fmt_set_style(&comma_style, NULL), CSR_OK);
	csr_fmt_amount(30890.5, "EUR", out, sizeof out);
	assert_string_equal(out, "30.890,5 EUR");
	csr_fmt_hours(150000, out, sizeof out);
	assert_string_equal(out, "2.500");
	csr_fmt_hours(119, out, sizeof out);
	assert_string_equal(out, "1,98");
	csr_fmt_count(1500, out, sizeof out);
	assert_string_equal(out, "1.500");
	csr_fmt_percent(0.42, out, sizeof out);
	assert_string_equal(out, "42\xC2\xA0%");
	csr_fmt_rating(3.5, out, sizeof out);
	assert_string_equal(out, "3,5");
	double v;
	assert_true(csr_fmt_parse_number("1.500", &v));
	assert_float_equal(v, 1500, 0);
	assert_true(csr_fmt_parse_number("30.890,5", &v));
	assert_float_equal(v, 30890.5, 0);
	assert_false(csr_fmt_parse_number("2,400.5", &v));
	int m;
	assert_true(csr_fmt_parse_hours("1,5", &m));
	assert_int_equal(m, 90);

	/* 2026-12-12 12:00 local time */
	int64_t t;
	assert_int_equal(csr_time_parse("2026-12-12 12:00", &t, NULL), CSR_OK);
	csr_date_format(t, out, sizeof out);
	assert_string_equal(out, "12.12.2026");
	csr_time_format(t, out, sizeof out);
	assert_string_equal(out, "12.12.2026 12:00");

	/* The machine forms stay as they were. */
	csr_date_format_machine(t, out, sizeof out);
	assert_string_equal(out, "2026-12-12");
	csr_time_format_machine(t, out, sizeof out);
	assert_string_equal(out, "2026-12-12 12:00");
	csr_fmt_machine_hours(90, out, sizeof out);
	assert_string_equal(out, "1.50");
	csr_fmt_machine_number(30890.5, out, sizeof out);
	assert_string_equal(out, "30890.5");
	csr_fmt_machine_fixed(66.66, 1, out, sizeof out);
	assert_string_equal(out, "66.7");

	assert_int_equal(csr_fmt_set_style(NULL, NULL), CSR_OK);
	csr_fmt_amount(30890.5, "EUR", out, sizeof out);
	assert_string_equal(out, "30,890.5 EUR");
	csr_date_format(t, out, sizeof out);
	assert_string_equal(out, "2026-12-12");
}

/* A style whose numbers could not be read back is refused, and the one in
 * use stays. */
static void test_style_refused(void **state)
{
	(void)state;
	csr_fmt_style bad[5];
	for (int i = 0; i < 5; i++)
		bad[i] = csr_fmt_english;
	bad[0].decimal_mark[0] = '\0';
	strcpy(bad[1].decimal_mark, "1");
	strcpy(bad[2].group_mark, ".");      /* the same as the decimal mark */
	strcpy(bad[3].group_mark, "-");
	bad[4].date_pattern[0] = '\0';
	for (int i = 0; i < 5; i++) {
		csr_err err;
		assert_int_equal(csr_fmt_set_style(&bad[i], &err), CSR_EINVAL);
		assert_non_null(strstr(err.msg, "Number style"));
	}
	assert_string_equal(csr_fmt_current_style()->decimal_mark, ".");
	char out[OUT_MAX];
	csr_fmt_number(2400.5, out, sizeof out);
	assert_string_equal(out, "2,400.5");
}

/* Neither path follows the C library's LC_NUMERIC (a German one writes
 * "1,5" for printf's %.1f). Skipped where no such locale is installed. */
static void test_lc_numeric(void **state)
{
	(void)state;
	if (!setlocale(LC_NUMERIC, "de_DE.UTF-8") && !setlocale(LC_NUMERIC, "de_DE.utf8"))
		skip();
	char out[OUT_MAX];
	double v = 0;
	csr_fmt_number(2400.5, out, sizeof out);
	bool number_ok = strcmp(out, "2,400.5") == 0;
	csr_fmt_machine_number(2400.5, out, sizeof out);
	bool machine_ok = strcmp(out, "2400.5") == 0;
	csr_fmt_machine_fixed(66.66, 1, out, sizeof out);
	bool fixed_ok = strcmp(out, "66.7") == 0;
	bool parse_ok = csr_fmt_parse_number("2,400.5", &v) && v == 2400.5;
	setlocale(LC_NUMERIC, "C");
	assert_true(number_ok);
	assert_true(machine_ok);
	assert_true(fixed_ok);
	assert_true(parse_ok);
}

int main(void)
{
	setenv("TZ", "UTC", 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hours),
		cmocka_unit_test(test_number),
		cmocka_unit_test(test_amount),
		cmocka_unit_test(test_count),
		cmocka_unit_test(test_percent),
		cmocka_unit_test(test_rating),
		cmocka_unit_test(test_small_buffer),
		cmocka_unit_test(test_machine),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_parse_count),
		cmocka_unit_test(test_parse_hours),
		cmocka_unit_test_teardown(test_ambiguous, restore_english),
		cmocka_unit_test_teardown(test_german_dates, restore_english),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test_teardown(test_style, restore_english),
		cmocka_unit_test_teardown(test_style_refused, restore_english),
		cmocka_unit_test(test_lc_numeric),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
