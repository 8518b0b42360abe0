/* SPDX-License-Identifier: MIT */
/* Times: parsing "YYYY-MM-DD[ HH:MM]" in local time (refusing dates that
 * do not exist), formatting back, and the clock. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "csrdesk/clock.h"

static void use_zone(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

static int64_t parse_ok(const char *text)
{
	int64_t t = -1;
	csr_err err;
	if (csr_time_parse(text, &t, &err) != CSR_OK)
		fail_msg("'%s' refused: %s", text, err.msg);
	return t;
}

static void parse_refused(const char *text)
{
	int64_t t = 12345;
	csr_err err = { 0 };
	if (csr_time_parse(text, &t, &err) != CSR_EINVAL)
		fail_msg("'%s' was accepted", text ? text : "(null)");
	assert_int_equal(err.code, CSR_EINVAL);
	assert_non_null(strstr(err.msg, "is not a"));
	if (text)
		assert_non_null(strstr(err.msg, text));
	assert_int_equal(t, 12345); /* untouched */
}

static void test_parse_valid(void **state)
{
	(void)state;
	use_zone("UTC");
	assert_int_equal(parse_ok("2026-05-14 09:30"), 1778751000);
	assert_int_equal(parse_ok("2026-12-31 23:59"), 1798761540);
	assert_int_equal(parse_ok("1970-01-01 00:00"), 0);
	assert_int_equal(parse_ok("2024-02-29"), 1709164800); /* a leap day; date means 00:00 */
	assert_int_equal(parse_ok("2024-02-29 00:00"), 1709164800);
}

static void test_parse_invalid(void **state)
{
	(void)state;
	use_zone("UTC");
	const char *bad[] = {
		"2026-02-31",       /* mktime would make this March 3 */
		"2026-02-29",       /* not a leap year */
		"2026-04-31 10:00",
		"2026-13-01",
		"2026-00-10",
		"2026-05-00",
		"2026-05-32",
		"2026-05-14 24:00",
		"2026-05-14 09:60",
		"2026-05-14 -1:30",
		"2026-05-14 9",
		"2026-05-14 09:30 ",
		"2026-05-14T09:30", /* trailing text used to be ignored */
		"2026-05-14x",
		"2026-05-14 junk",
		"-001-01-01",
		"14.05.2026",
		"tomorrow",
		"",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		parse_refused(bad[i]);
	parse_refused(NULL);
}

static void test_local_time_zone(void **state)
{
	(void)state;
	use_zone("Europe/Berlin");
	/* summer time: UTC+2 */
	assert_int_equal(parse_ok("2026-07-01 12:00"), 1782900000);
	/* winter time: UTC+1 */
	assert_int_equal(parse_ok("2026-12-31 23:59"), 1798761540 - 3600);
	/* 02:30 does not exist on the day clocks go forward */
	parse_refused("2026-03-29 02:30");
	use_zone("UTC");
}

static void test_format_round_trip(void **state)
{
	(void)state;
	const char *zones[] = { "UTC", "Europe/Berlin", "America/New_York" };
	const char *texts[] = { "2026-05-14 09:30", "2026-01-01 00:00", "2024-02-29 23:15" };
	for (int z = 0; z < 3; z++) {
		use_zone(zones[z]);
		for (int i = 0; i < 3; i++) {
			char buf[32], day[16];
			csr_time_format(parse_ok(texts[i]), buf, sizeof buf);
			assert_string_equal(buf, texts[i]);
			csr_date_format(parse_ok(texts[i]), day, sizeof day);
			assert_memory_equal(day, texts[i], 10);
			assert_int_equal(strlen(day), 10);
		}
	}
	use_zone("UTC");
	char buf[32];
	csr_time_format(0, buf, sizeof buf);
	assert_string_equal(buf, "1970-01-01 00:00");
	csr_date_format(1778751000, buf, sizeof buf);
	assert_string_equal(buf, "2026-05-14");
	char tiny[4] = "xyz";
	csr_time_format(0, tiny, sizeof tiny); /* too small: a marker, never an overflow */
	assert_true(strlen(tiny) < sizeof tiny);
}

static void test_now(void **state)
{
	(void)state;
	int64_t before = (int64_t)time(NULL);
	int64_t now = csr_now();
	int64_t after = (int64_t)time(NULL);
	assert_in_range(now, before, after);
}

static void test_span(void **state)
{
	(void)state;
	use_zone("Europe/Berlin");
	char buf[2 * CSR_TIME_TEXT_MAX + 8];
	csr_time_span(parse_ok("2026-03-14 09:00"), parse_ok("2026-03-14 13:30"), "to", buf,
		      sizeof buf);
	assert_string_equal(buf, "2026-03-14 09:00 to 13:30");
	csr_time_span(parse_ok("2026-03-14 22:00"), parse_ok("2026-03-15 02:00"), "-", buf,
		      sizeof buf);
	assert_string_equal(buf, "2026-03-14 22:00 - 2026-03-15 02:00");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_valid),
		cmocka_unit_test(test_parse_invalid),
		cmocka_unit_test(test_local_time_zone),
		cmocka_unit_test(test_format_round_trip),
		cmocka_unit_test(test_now),
		cmocka_unit_test(test_span),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
