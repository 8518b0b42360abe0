/* SPDX-License-Identifier: MIT */
/* libFuzzer target: csr_text_sanitize, then csr_text_width and
 * csr_text_fit on what it returns (and csr_text_trim on the raw input).
 *
 * The input, cut at its first NUL, is what a person typed. Every output
 * buffer is malloc'ed at exactly the size the function is told, so ASan
 * catches a byte written past it, and every invariant that text.h promises
 * is checked with code of our own here (not text.c's decoder), aborting
 * when one is broken so libFuzzer reports the input. */
#include <locale.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csrdesk/text.h"

#define CHECK(cond)                                                                   \
	do {                                                                          \
		if (!(cond)) {                                                        \
			fprintf(stderr, "fuzz_sanitize: %s:%d: broken: %s\n", __FILE__, \
				__LINE__, #cond);                                     \
			abort();                                                      \
		}                                                                     \
	} while (0)

/* Buffer sizes and widths tried on every input: the edges (0, 1, a
 * multi-byte character's length) and a few ordinary ones. */
static const size_t sizes[] = { 1, 2, 3, 4, 5, 7, 12, 33 };
static const int widths[] = { 0, 1, 2, 3, 4, 7, 12, 40 };

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* The TUI runs under a UTF-8 locale; wcwidth needs one. */
	if (!setlocale(LC_ALL, "C.UTF-8"))
		fprintf(stderr, "fuzz_sanitize: no C.UTF-8 locale; widths count bytes\n");
	return 0;
}

/* Length of the well-formed UTF-8 character at s (RFC 3629: no overlong
 * forms, surrogates or code points past U+10FFFF), 0 if there is none;
 * *cp gets its code point. */
static size_t utf8_char(const unsigned char *s, unsigned *cp)
{
	size_t len = s[0] < 0x80 ? 1 : (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3
		   : (s[0] & 0xF8) == 0xF0 ? 4 : 0;
	if (len == 0)
		return 0;
	unsigned c = len == 1 ? s[0] : s[0] & (0xFFu >> (len + 1));
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0; /* also stops at the NUL */
		c = c << 6 | (s[i] & 0x3Fu);
	}
	static const unsigned least[] = { 0, 0, 0x80, 0x800, 0x10000 };
	if (c < least[len] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

static bool utf8_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned cp;
	for (size_t len; *p; p += len)
		if ((len = utf8_char(p, &cp)) == 0)
			return false;
	return true;
}

/* What text.h promises never reaches a terminal. */
static bool harmful(unsigned cp)
{
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
	       cp == 0x200E || cp == 0x200F || cp == 0x061C;
}

static void check_safe(const char *s)
{
	CHECK(utf8_valid(s));
	const unsigned char *p = (const unsigned char *)s;
	unsigned cp;
	for (size_t len; *p; p += len) {
		len = utf8_char(p, &cp);
		CHECK(!harmful(cp)); /* C0 (ESC among them), DEL, C1, bidi controls */
	}
	CHECK(csr_text_is_safe(s));
}

static bool is_prefix(const char *pre, const char *s)
{
	return strncmp(pre, s, strlen(pre)) == 0;
}

/* sanitize into exactly size bytes: a NUL-terminated prefix of the full
 * result, cut at a character boundary, as long as fits. */
static void check_cut(const char *in, const char *full, size_t size)
{
	char *out = malloc(size);
	CHECK(out);
	size_t n = csr_text_sanitize(in, out, size);
	CHECK(n < size);
	CHECK(memchr(out, '\0', size) == out + n);
	CHECK(is_prefix(out, full));
	CHECK(((unsigned char)full[n] & 0xC0) != 0x80); /* not inside a character */
	if (full[n]) {
		unsigned cp;
		size_t next = utf8_char((const unsigned char *)full + n, &cp);
		CHECK(n + next >= size); /* the next character would not have fitted */
	}
	free(out);
}

static void check_fit(const char *s, int width, int cols, bool ascii, size_t size)
{
	char *out = malloc(size);
	CHECK(out);
	int got = csr_text_fit(s, cols, ascii, out, size);
	CHECK(memchr(out, '\0', size));
	CHECK(got >= 0 && got <= cols);
	CHECK(got == csr_text_width(out));
	check_safe(out);
	const char *mark = ascii ? "~" : "\xE2\x80\xA6";
	size_t n = strlen(out), marklen = strlen(mark);
	bool marked = n >= marklen && strcmp(out + n - marklen, mark) == 0 &&
		      strncmp(out, s, n) != 0;
	CHECK(strncmp(out, s, marked ? n - marklen : n) == 0); /* a prefix of s (+ mark) */
	if (width <= cols && strlen(s) < size)
		CHECK(strcmp(out, s) == 0 && got == width); /* it fits: unchanged */
	free(out);
}

static void check_fits(const char *s)
{
	int width = csr_text_width(s);
	CHECK(width >= 0 && (size_t)width <= 2 * strlen(s));
	for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++)
		for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
			check_fit(s, width, widths[w], false, sizes[z]);
			check_fit(s, width, widths[w], true, sizes[z]);
		}
	check_fit(s, width, width, false, strlen(s) + 1);
	if (width > 0)
		check_fit(s, width, width - 1, false, strlen(s) + 1);
}

/* trim keeps whole characters: valid UTF-8 in, valid UTF-8 out. */
static void check_trim(const char *in, size_t size)
{
	char *out = malloc(size);
	CHECK(out);
	csr_text_trim(in, out, size);
	CHECK(memchr(out, '\0', size));
	if (utf8_valid(in))
		CHECK(utf8_valid(out));
	free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = malloc(size + 1);
	CHECK(in);
	memcpy(in, data, size);
	in[size] = '\0';
	size_t len = strlen(in);

	char *full = malloc(len + 1);
	CHECK(full);
	size_t n = csr_text_sanitize(in, full, len + 1);
	CHECK(n <= len && strlen(full) == n);
	check_safe(full);
	if (csr_text_is_safe(in))
		CHECK(strcmp(full, in) == 0); /* safe text passes unchanged */

	char *again = malloc(n + 1);
	CHECK(again);
	CHECK(csr_text_sanitize(full, again, n + 1) == n && strcmp(again, full) == 0);
	free(again);

	char *none = malloc(1);
	CHECK(none);
	none[0] = 'X';
	CHECK(csr_text_sanitize(in, none, 0) == 0 && none[0] == 'X'); /* size 0: no write */
	free(none);

	for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
		check_cut(in, full, sizes[z]);
		check_trim(in, sizes[z]);
	}
	check_trim(in, len + 1);
	check_fits(full);

	free(full);
	free(in);
	return 0;
}
