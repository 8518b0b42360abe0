/* SPDX-License-Identifier: MIT */
/* Periods: the forms a person types, their edges in local time, and the
 * messages for what is not a period.
 *
 * The tests run in a fixed time zone with summer time (Central European),
 * so "local time" is not UTC and the period edges are really tested. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "csrdesk/clock.h"
#include "csrdesk/period.h"
#include "testutil.h"

static int64_t at(const char *local)
{
	int64_t t;
	csr_err err;
	if (csr_time_parse(local, &t, &err) != CSR_OK)
		fail_msg("%s", err.msg);
	return t;
}

static void test_period_forms(void **state)
{
	(void)state;
	csr_period p = tu_period("2026");
	assert_int_equal(p.from, at("2026-01-01 00:00"));
	assert_int_equal(p.to, at("2027-01-01 00:00"));
	assert_string_equal(p.label, "2026");

	p = tu_period("2026-10");
	assert_int_equal(p.from, at("2026-10-01 00:00"));
	assert_int_equal(p.to, at("2026-11-01 00:00"));
	assert_string_equal(p.label, "2026-10");

	p = tu_period("2026-12"); /* ends at the next year's start */
	assert_int_equal(p.to, at("2027-01-01 00:00"));

	/* A custom range includes its last day: up to 2026-02-02 00:00. */
	p = tu_period("2026-01-05..2026-02-01");
	assert_int_equal(p.from, at("2026-01-05 00:00"));
	assert_int_equal(p.to, at("2026-02-02 00:00"));
	assert_string_equal(p.label, "2026-01-05..2026-02-01");

	p = tu_period("2028-02-29..2028-02-29"); /* a leap day */
	assert_int_equal(p.to, at("2028-03-01 00:00"));

	/* One day on which clocks go forward lasts 23 hours of local time. */
	p = tu_period("2026-03-29..2026-03-29");
	assert_int_equal(p.to - p.from, 23 * 3600);
}

static void test_period_quarters(void **state)
{
	(void)state;
	static const char *starts[] = { "2026-01-01 00:00", "2026-04-01 00:00", "2026-07-01 00:00",
					"2026-10-01 00:00", "2027-01-01 00:00" };
	for (int q = 1; q <= 4; q++) {
		char text[16];
		snprintf(text, sizeof text, "2026-Q%d", q);
		csr_period p = tu_period(text);
		assert_int_equal(p.from, at(starts[q - 1]));
		assert_int_equal(p.to, at(starts[q]));
		assert_string_equal(p.label, text);
	}
	assert_string_equal(tu_period("2026-q3").label, "2026-Q3");

	/* The quarter, month and year around the last minute of September. */
	csr_period p;
	csr_period_quarter(at("2026-09-30 23:59"), &p);
	assert_string_equal(p.label, "2026-Q3");
	assert_int_equal(p.to, at("2026-10-01 00:00"));
	csr_period_quarter(at("2026-10-01 00:00"), &p);
	assert_string_equal(p.label, "2026-Q4");
	assert_int_equal(p.from, at("2026-10-01 00:00"));
	csr_period_month(at("2026-02-14 12:00"), &p);
	assert_string_equal(p.label, "2026-02");
	assert_int_equal(p.to, at("2026-03-01 00:00"));
	csr_period_year(at("2026-12-31 23:59"), &p);
	assert_string_equal(p.label, "2026");
	assert_int_equal(p.from, at("2026-01-01 00:00"));
}

static void test_period_invalid(void **state)
{
	(void)state;
	static const char *bad[] = {
		"", "26", "2026-", "2026-13", "2026-00", "2026-1", "2026-Q0", "2026-Q5", "2026-Q",
		"2026-Q33", "2026-10-05", " 2026", "2026 ", "+2026", "abcd", "1969", "2026/10",
		"2026-02-30..2026-03-01", "2026-02-29..2026-03-31", "2026-03-01..2026-02-28",
		"2026-01-01..", "..2026-01-01", "2026-01-01..2026-01-01x", "2026-1-1..2026-1-2",
		"2026-01-01...2026-01-02",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		csr_period p;
		csr_err err;
		if (csr_period_parse(bad[i], &p, &err) != CSR_EINVAL)
			fail_msg("'%s' was accepted as a period", bad[i]);
		assert_int_equal(err.code, CSR_EINVAL);
		assert_non_null(strstr(err.msg, bad[i])); /* the message shows what was typed */
	}
	csr_err err;
	csr_period p;
	csr_period_parse("2026-13", &p, &err);
	assert_non_null(strstr(err.msg, "month must be 01 to 12"));
	csr_period_parse("2026-Q5", &p, &err);
	assert_non_null(strstr(err.msg, "Q1, Q2, Q3 or Q4"));
	csr_period_parse("2026-03-01..2026-02-28", &p, &err);
	assert_non_null(strstr(err.msg, "ends before it starts"));
	assert_int_equal(csr_period_parse(NULL, &p, &err), CSR_EINVAL);
}

/* The names people read (English here: the tests run without a catalogue). */
static void test_period_names(void **state)
{
	(void)state;
	const char *const cases[][2] = {
		{ "2026", "2026" },
		{ "2026-Q3", "Q3 2026" },
		{ "2026-05", "May 2026" },
		{ "2026-12", "December 2026" },
		{ "2026-01-05..2026-02-01", "2026-01-05 to 2026-02-01" },
		{ "2026-03-29..2026-03-29", "2026-03-29 to 2026-03-29" }, /* summer time starts */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		csr_period p = tu_period(cases[i][0]);
		char name[64];
		csr_period_name(&p, name, sizeof name);
		assert_string_equal(name, cases[i][1]);
	}
	csr_period p;
	csr_period_quarter(at("2026-11-15 12:00"), &p);
	char name[64];
	csr_period_name(&p, name, sizeof name);
	assert_string_equal(name, "Q4 2026");
}

int main(void)
{
	/* Central European time with its summer time, without needing tzdata. */
	setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3", 1);
	tzset();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_period_forms),
		cmocka_unit_test(test_period_quarters),
		cmocka_unit_test(test_period_invalid),
		cmocka_unit_test(test_period_names),
	};
	return cmocka_run_group_tests_name("period", tests, NULL, NULL);
}
