/* SPDX-License-Identifier: MIT */
/* Numbers as people type them in the TUI's forms (src/tui/number.c):
 * UI logic tested without a terminal. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdbool.h>

#include "tui/number.h"

static void parses(const char *text, double want)
{
	double v = -1;
	if (!ui_number_parse(text, &v))
		fail_msg("'%s' was refused", text);
	assert_float_equal(v, want, 1e-9);
}

static void refused(const char *text)
{
	double v;
	if (ui_number_parse(text, &v))
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
	refused("2,40");     /* a group after a comma has exactly three digits */
	refused("24,00,000");
	refused(",400");
	refused("1.");
	refused("1.5.2");
	refused("12abc");
	refused("1e9");
	refused("nan");
}

static void test_hours(void **state)
{
	(void)state;
	int m = 0;
	assert_true(ui_number_hours("2", &m));
	assert_int_equal(m, 120);
	assert_true(ui_number_hours("1.5", &m));
	assert_int_equal(m, 90);
	assert_true(ui_number_hours(" 2:30 ", &m));
	assert_int_equal(m, 150);
	assert_true(ui_number_hours("24", &m));
	assert_int_equal(m, 1440);
	assert_false(ui_number_hours("0", &m));
	assert_false(ui_number_hours("24.5", &m));
	assert_false(ui_number_hours("2:60", &m));
	assert_false(ui_number_hours("2:30x", &m));
	assert_false(ui_number_hours("two", &m));
}

static void formats(double v, const char *want)
{
	char out[32];
	ui_number_format(v, out, sizeof out);
	assert_string_equal(out, want);
}

static void test_format(void **state)
{
	(void)state;
	formats(2400, "2,400");
	formats(2400.5, "2,400.5");
	formats(120, "120");
	formats(1234567.25, "1,234,567.25");
	formats(1.0 / 3, "0.33");
	formats(0, "0");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_hours),
		cmocka_unit_test(test_format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
