/* SPDX-License-Identifier: MIT */
/* Text for display: sanitizing what people typed (escape sequences,
 * control characters, bidi overrides, invalid UTF-8), display widths under
 * a UTF-8 locale, fitting into columns, trimming. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <locale.h>
#include <string.h>

#include "csrdesk/text.h"

/* Asserts sanitize(in) == want, its return value and its safety. */
static void sanitized(const char *in, const char *want)
{
	char out[128];
	memset(out, 'X', sizeof out);
	size_t n = csr_text_sanitize(in, out, sizeof out);
	assert_string_equal(out, want);
	assert_int_equal(n, strlen(want));
	assert_true(csr_text_is_safe(out));
}

static void test_sanitize_keeps_normal_text(void **state)
{
	(void)state;
	const char *ok[] = { "", "Tree planting", "Jürgen Müller", "Ionuț Țăranu", "Zoë",
			     "日本語のテキスト", "e\xCC\x81", "emoji \xF0\x9F\x8C\xB3" };
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		sanitized(ok[i], ok[i]);
		assert_true(csr_text_is_safe(ok[i]));
	}
	sanitized(NULL, "");
}

static void test_sanitize_replaces_controls(void **state)
{
	(void)state;
	sanitized("\x1B[2J\x1B[31mred\x1B[0m", "?[2J?[31mred?[0m"); /* ESC: every sequence */
	sanitized("\x1B]0;owned\x07", "?]0;owned?");                /* OSC title + BEL */
	sanitized("Ana\rZoë", "Ana?Zoë");                          /* CR overwrites */
	sanitized("admin\b\b\b\b\buser", "admin?????user");        /* backspace */
	sanitized("tab\there\nline", "tab?here?line");
	sanitized("del\x7F", "del?");
	sanitized("csi\xC2\x9B" "31m", "csi?31m");            /* U+009B, the 8-bit CSI, encoded */
	sanitized("c1 \xC2\x80 \xC2\x9F", "c1 ? ?");          /* C1 range ends */
	sanitized("nbsp\xC2\xA0ok", "nbsp\xC2\xA0ok");        /* U+00A0 is printable */
	const char *bad[] = { "\x1B[2J", "a\rb", "\b", "\xC2\x9B", "x\x7F" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_false(csr_text_is_safe(bad[i]));
}

static void test_sanitize_replaces_bidi(void **state)
{
	(void)state;
	sanitized("invoice\xE2\x80\xAE" "fdp.exe", "invoice?fdp.exe"); /* U+202E override */
	sanitized("\xE2\x80\xAA" "a\xE2\x80\xAC", "?a?");               /* U+202A .. U+202C */
	sanitized("\xE2\x81\xA6" "x\xE2\x81\xA9", "?x?");               /* isolates U+2066, 2069 */
	sanitized("\xE2\x80\x8F" "mark", "?mark");                      /* U+200F */
	assert_false(csr_text_is_safe("\xE2\x80\xAE"));
}

static void test_sanitize_invalid_utf8(void **state)
{
	(void)state;
	sanitized("raw\x9B" "31m", "raw?31m");            /* a lone C1 byte */
	sanitized("\xC0\xAF", "??");                      /* overlong '/' */
	sanitized("\xED\xA0\x80", "???");                 /* a UTF-16 surrogate */
	sanitized("\xF4\x90\x80\x80", "????");            /* beyond U+10FFFF */
	sanitized("end\xE2\x82", "end??");                /* cut-off sequence */
	sanitized("\xC3" "A", "?A");                      /* lead byte without continuation */
	sanitized("\xFF\xFE", "??");
	assert_false(csr_text_is_safe("\xC3"));
	assert_false(csr_text_is_safe("\xC0\xAF"));
}

/* csr_text_check: the field named, the first offending character shown;
 * line feeds and tabs only in free text. */
static void checked(const char *s, csr_text_kind kind, const char *want)
{
	csr_err err;
	csr_code rc = csr_text_check(s, kind, "Title", &err);
	if (!want) {
		assert_int_equal(rc, CSR_OK);
		return;
	}
	assert_int_equal(rc, CSR_EINVAL);
	assert_int_equal(err.code, CSR_EINVAL);
	if (strncmp(err.msg, want, strlen(want)) != 0)
		fail_msg("got '%s', expected '%s...'", err.msg, want);
}

static void test_check(void **state)
{
	(void)state;
	checked("Tree planting in Zoë's park, 日本", CSR_TEXT_LINE, NULL);
	checked("", CSR_TEXT_LINE, NULL);
	checked("X\x1B]0;PWN\x07", CSR_TEXT_LINE, "Title holds a control character (U+001B)");
	checked("a\x01", CSR_TEXT_LINES, "Title holds a control character (U+0001)");
	checked("csi\xC2\x9B", CSR_TEXT_LINE, "Title holds a control character (U+009B)");
	checked("\xE2\x80\xAE" "abc", CSR_TEXT_LINES, "Title holds a control character (U+202E)");
	checked("x\xEF\xBB\xBF", CSR_TEXT_LINE, "Title holds a control character (U+FEFF)");
	checked("del\x7F", CSR_TEXT_LINE, "Title holds a control character (U+007F)");
	checked("J\xFCrgen", CSR_TEXT_LINE, "Title is not valid UTF-8 (byte 0xFC)");
	checked("\xED\xA0\x80", CSR_TEXT_LINES, "Title is not valid UTF-8 (byte 0xED)");
	/* Line breaks: free text only, and never a carriage return. */
	checked("one\ntwo", CSR_TEXT_LINE, "Title holds a control character (U+000A); only"
		" printable text on one line");
	checked("tab\there", CSR_TEXT_LINE, "Title holds a control character (U+0009)");
	checked("one\ntwo\tthree", CSR_TEXT_LINES, NULL);
	checked("one\r\ntwo", CSR_TEXT_LINES, "Title holds a control character (U+000D); only"
		" printable text, line breaks and tabs");
}

/* csr_text_char, the one rule behind sanitize, is_safe and check. */
static void test_char(void **state)
{
	(void)state;
	bool safe;
	assert_int_equal(csr_text_char("a", 1, &safe), 1);
	assert_true(safe);
	assert_int_equal(csr_text_char("日本", 6, &safe), 3);
	assert_true(safe);
	assert_int_equal(csr_text_char("\x1B[", 2, &safe), 1);
	assert_false(safe);
	assert_int_equal(csr_text_char("\xE2\x80\xAEx", 4, &safe), 3);
	assert_false(safe);
	assert_int_equal(csr_text_char("\xE2\x80", 2, &safe), 1); /* cut short: one bad byte */
	assert_false(safe);
	assert_int_equal(csr_text_char("\xF0\x9F\x8C\xB3", 4, &safe), 4);
	assert_true(safe);
}

static void test_sanitize_truncates_at_character(void **state)
{
	(void)state;
	char out[8];
	memset(out, 'X', sizeof out);
	/* "aé" needs 4 bytes: with 3 the é does not fit and is left out whole */
	assert_int_equal(csr_text_sanitize("a\xC3\xA9", out, 3), 1);
	assert_string_equal(out, "a");
	assert_int_equal(csr_text_sanitize("日本", out, 6), 3);
	assert_string_equal(out, "日");
	assert_int_equal(csr_text_sanitize("日本", out, 7), 6);
	assert_string_equal(out, "日本");
	assert_int_equal(csr_text_sanitize("abcdefghij", out, sizeof out), 7);
	assert_string_equal(out, "abcdefg");
	out[0] = 'X';
	assert_int_equal(csr_text_sanitize("abc", out, 0), 0);
	assert_int_equal(out[0], 'X'); /* size 0: nothing written */
	assert_int_equal(csr_text_sanitize("abc", out, 1), 0);
	assert_string_equal(out, "");
}

static void test_width(void **state)
{
	(void)state;
	assert_non_null(setlocale(LC_ALL, "C.UTF-8"));
	assert_int_equal(csr_text_width(""), 0);
	assert_int_equal(csr_text_width("Tree planting"), 13);
	assert_int_equal(csr_text_width("Jürgen Müller"), 13);      /* precomposed accents */
	assert_int_equal(csr_text_width("Ionuț Țăranu"), 12);
	assert_int_equal(csr_text_width("Zoe\xCC\x88"), 3);          /* e + combining diaeresis */
	assert_int_equal(csr_text_width("a\xCC\x81\xCC\xA7"), 1);    /* two combining marks */
	assert_int_equal(csr_text_width("日本語"), 6);               /* CJK: two columns each */
	assert_int_equal(csr_text_width("a日b"), 4);
	assert_int_equal(csr_text_width("\xFF" "ab"), 3);            /* an invalid byte counts 1 */
	setlocale(LC_ALL, "C");
}

/* Fits s into cols and checks the text and width that come out. */
static void fitted(const char *s, int cols, bool ascii, const char *want, int want_width)
{
	char out[64];
	int w = csr_text_fit(s, cols, ascii, out, sizeof out);
	assert_string_equal(out, want);
	assert_int_equal(w, want_width);
	assert_int_equal(csr_text_width(out), want_width);
	assert_true(w <= cols || cols < 0);
}

static void test_fit(void **state)
{
	(void)state;
	assert_non_null(setlocale(LC_ALL, "C.UTF-8"));
	fitted("Tree planting", 20, false, "Tree planting", 13);
	fitted("Tree planting", 13, false, "Tree planting", 13); /* exactly fits: no mark */
	fitted("Tree planting", 12, false, "Tree planti\xE2\x80\xA6", 12);
	fitted("Tree planting", 5, false, "Tree\xE2\x80\xA6", 5);
	fitted("Tree planting", 5, true, "Tree~", 5);
	fitted("Tree planting", 1, false, "\xE2\x80\xA6", 1);
	fitted("Tree planting", 0, false, "", 0);
	fitted("日本語", 6, false, "日本語", 6);
	fitted("日本語", 5, false, "日本\xE2\x80\xA6", 5);
	fitted("日本語", 4, false, "日\xE2\x80\xA6", 3); /* a wide character never half-drawn */
	fitted("Zoe\xCC\x88 M.", 4, false, "Zoe\xCC\x88\xE2\x80\xA6", 4);
	fitted("Jürgen Müller", 8, true, "Jürgen ~", 8);

	/* A small output buffer: what fits is kept, and a cut is marked. */
	char small[4];
	assert_int_equal(csr_text_fit("abc", 10, false, small, sizeof small), 3);
	assert_string_equal(small, "abc");
	assert_int_equal(csr_text_fit("abcdef", 10, true, small, sizeof small), 3);
	assert_string_equal(small, "ab~");
	setlocale(LC_ALL, "C");
}

static void test_trim(void **state)
{
	(void)state;
	char out[32];
	csr_text_trim("  \tZoë Ana \n ", out, sizeof out);
	assert_string_equal(out, "Zoë Ana");
	csr_text_trim("   ", out, sizeof out);
	assert_string_equal(out, "");
	csr_text_trim("no-space", out, sizeof out);
	assert_string_equal(out, "no-space");
	csr_text_trim("  \xC3\xA9\xC3\xA9\xC3\xA9  ", out, 4); /* cut at a character */
	assert_string_equal(out, "\xC3\xA9");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sanitize_keeps_normal_text),
		cmocka_unit_test(test_sanitize_replaces_controls),
		cmocka_unit_test(test_sanitize_replaces_bidi),
		cmocka_unit_test(test_sanitize_invalid_utf8),
		cmocka_unit_test(test_sanitize_truncates_at_character),
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_char),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_trim),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
